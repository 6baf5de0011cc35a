"""Mode: the epistemic status of an event (asserted, planned, threatened, negated, hypothetical, claimed,
denied, historical).

Two kinds of evidence: the parse around the trigger (a negation child, a modal or "will" auxiliary, an
infinitive "X to deploy" headline) and the lexical cues of ``lexicon_modes.csv``. A cue with scope
``governs`` counts only when it is the trigger, one of its syntactic ancestors, or a function-word dependent
of one of them; a ``sentence`` cue counts anywhere in the sentence. A killed/displaced count of 10,000 or
more is an aggregate (no single incident), so the event is historical, and so is an act the text dates more
than ``STALE_DAYS`` before the article's publication ("the 2004 school siege", "last March").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from spacy.tokens import Doc, Token

from conflict_events.contracts import ConflictEvent, EventDate, Quantity
from conflict_events.core.actors.names import doc_text
from conflict_events.core.confidence import MODE_FACTOR
from conflict_events.core.lexicons import CueLexicon, rule_index
from conflict_events.core.text.syntax import first_conjunct
from conflict_events.core.text.vocabulary import MONTH_NAMES, WEEKDAYS

PRIORITY = ("negated", "denied", "claimed", "threatened", "hypothetical", "planned", "historical")
FUNCTION_DEPS = frozenset({"aux", "auxpass", "mark", "advmod", "neg", "npadvmod", "prep"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "would", "can", "ca"})
ATTEMPT_WORDS = ("attempt", "tried", "try", "tries", "trying", "fail", "sought", "seek")
NEGATORS = frozenset({"not", "n't", "never", "no"})
MODALS = FUTURE_AUX | HYPOTHETICAL_AUX | {"shall", "can"}
AGGREGATE_MIN = 10_000
"""A toll this large is a war's, not one incident's (a summary count, never a single event's toll)."""
STALE_DAYS = 60
"""An act the text itself dates this long before the publication day is a reference to a past incident, not
news of the day (MUC-4's keys, written to that rule, hold 17 of 1,259 dated incidents older than this)."""


@dataclass(frozen=True)
class ModeVerdict:
    """The chosen mode and the words that decided it (None for plain assertion); ``decisive`` when the parse
    alone settles it and no learned head may override it."""

    mode: str
    cue: str | None
    decisive: bool = False


PAST_AUX = frozenset({"have", "has", "had", "was", "were", "been", "did"})


def _told_as_past(verb: Token) -> bool:
    """A finite past verb ("who killed the mayor", "the people they have abducted"): a fact of its own."""
    aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a in MODALS or a == "to" for a in aux):
        return False
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(a in PAST_AUX for a in aux))


def _chain(trigger: Token) -> list[Token]:
    """The trigger and the words that govern it, up to a relative clause told in the past or a past participle
    that describes a noun: "will release the people they have abducted", "vowed to punish the men who killed
    the mayor", "will compensate the relatives of the minister murdered in 1976" plan the release, the
    punishment and the compensation, not the abduction or the killings, which happened."""
    chain = [trigger]
    token = trigger
    while token.head.i != token.i and not (
        (token.dep_ == "relcl" and _told_as_past(token)) or (token.dep_ == "acl" and token.tag_ == "VBN")
    ):
        token = token.head
        chain.append(token)
    return chain


def _governs(cue: Token, chain: list[Token]) -> bool:
    chain_ids = {t.i for t in chain}
    return cue.i in chain_ids or (cue.head.i in chain_ids and cue.dep_ in FUNCTION_DEPS)


def parse_cues(trigger: Token) -> Iterable[tuple[str, str]]:
    """Mode signals read from the parse: negation, future and modal auxiliaries, bare infinitives."""
    clause = [trigger] + ([trigger.head] if trigger.dep_ in ("xcomp", "acl") else [])
    for token in clause:
        for child in token.children:
            word = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "det" and word == "no"):
                yield "negated", child.text
            elif child.dep_ in ("aux", "auxpass") and word in FUTURE_AUX:
                yield "planned", child.text
            elif (child.dep_ == "aux" and word in HYPOTHETICAL_AUX) or (
                child.dep_ == "mark" and word in ("if", "unless", "whether")
            ):
                yield "hypothetical", child.text
    if trigger.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        head = trigger.head
        if head.lower_.startswith(ATTEMPT_WORDS):
            return  # "an attempt to murder him", "tried to kill": the act was carried out (or failed)
        if trigger.dep_ == "ROOT" or not head.tag_.startswith("VB") or head.lower_ in ("is", "are", "set"):
            yield "planned", "to " + trigger.text


ERRAND_VERBS = frozenset(
    {"come", "comes", "came", "go", "goes", "went", "gone", "arrive", "arrived", "arrives", "travel"}
    | {"travelled", "traveled", "return", "returned", "enter", "entered", "send", "sent", "dispatch"}
    | {"dispatched", "deploy", "deployed", "hire", "hired", "recruit", "recruited", "train", "trained"}
    | {"pay", "paid", "contract", "contracted", "order", "ordered", "instruct", "instructed", "assign"}
    | {"assigned", "commission", "commissioned"}
)
"""Verbs of sending, coming or commissioning: an act in their "to" clause is the errand ("came to the country
to assassinate him", "were hired to kill the judge"), which the sentence does not say was carried out."""


def errand_cues(trigger: Token) -> Iterable[tuple[str, str]]:
    """An act in the "to" clause of a verb of sending, coming or commissioning is planned (see
    ``ERRAND_VERBS``)."""
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)
    errand = trigger.dep_ in ("advcl", "xcomp") and trigger.head.lower_ in ERRAND_VERBS
    if to and trigger.tag_ == "VB" and errand:
        yield "planned", f"{trigger.head.text} ... to {trigger.text}"


REFERENCE_STEMS = (
    "search", "hunt", "rescu", "releas", "free", "return", "fate", "whereabout", "ransom",
    "relative", "famil", "parent", "mother", "father", "memorial", "anniversar", "funeral", "mourn",
)  # fmt: skip
"""Heads that only refer back to people an act befell: the search for, release or relatives of "the
kidnapped pupils", a memorial for "the slain guards"."""
PARTICIPLE_DEPS = frozenset({"amod", "acl"})


def reference_cues(trigger: Token) -> Iterable[tuple[str, str]]:
    """A participle that only describes people ("the kidnapped pupils", "miners abducted last month") under
    a search, a release, their relatives or a memorial refers back to an act reported before: historical."""
    if trigger.dep_ not in PARTICIPLE_DEPS or trigger.tag_ not in ("VBN", "JJ"):
        return
    people = trigger.head
    governor = people.head.head if people.dep_ == "pobj" else people.head
    if governor.i != people.i and governor.lower_.startswith(REFERENCE_STEMS):
        yield "historical", governor.text


def lexical_cues(doc: Doc, trigger: Token, cues: CueLexicon) -> Iterable[tuple[str, str]]:
    """Mode signals from the cue lexicon, honouring each cue's scope."""
    chain = _chain(trigger)
    for match in cues.regex.finditer(doc_text(doc)):
        index = rule_index(match)
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or not len(span):
            continue
        if len(span) == 1 and span[0].lower_ in MODALS and span[0].tag_ != "MD":
            continue  # "In May", "the will of the people": not modal verbs
        scope = cues.scopes[index]
        if (
            scope == "sentence"
            or (scope == "before" and span.start < trigger.i)
            or (scope == "governs" and any(_governs(t, chain) for t in span))
        ):
            yield cues.labels[index], match.group()


def detect_mode(doc: Doc, trigger_i: int, cues: CueLexicon, quantities: tuple[Quantity, ...]) -> ModeVerdict:
    """Mode of the event whose trigger is token ``trigger_i`` (highest-priority signal wins)."""
    trigger = doc[trigger_i]
    found: dict[str, str] = {}
    referred = dict(reference_cues(trigger)) | dict(errand_cues(trigger))
    for mode, words in [*parse_cues(trigger), *lexical_cues(doc, trigger, cues), *referred.items()]:
        found.setdefault(mode, words)
    for q in quantities:
        if q.kind in ("killed", "displaced") and q.min >= AGGREGATE_MIN:
            found.setdefault("historical", q.text)
    if "denied" in found and "planned" in found:
        del found["denied"]  # "denied that a plot to kill him was uncovered": a plan by every account
    for mode in PRIORITY:
        if mode in found:
            return ModeVerdict(mode, found[mode], decisive=mode in referred and found[mode] == referred[mode])
    return ModeVerdict("asserted", None)


def stale(date: EventDate | None, anchor: datetime, anchor_kind: str) -> bool:
    """True when the text gives the act a date (words, not the anchor's fallback) that ended more than
    ``STALE_DAYS`` before a real publication date; an ingestion time is no publication date, so an undated
    snippet's "in 2019" stays as told."""
    if date is None or date.text is None or anchor_kind != "published_at":
        return False
    return date.end < (anchor - timedelta(days=STALE_DAYS)).date()


def mark_stale(event: ConflictEvent, anchor: datetime, anchor_kind: str) -> ConflictEvent:
    """The event as historical when it was asserted and its stated date is stale; its confidence takes the
    historical mode's factor as the score would have (``confidence.MODE_FACTOR``)."""
    if event.mode != "asserted" or not stale(event.date, anchor, anchor_kind):
        return event
    factor = MODE_FACTOR["historical"] / MODE_FACTOR["asserted"]
    return event.model_copy(update={"mode": "historical", "confidence": round(event.confidence * factor, 3)})


# --- habitual and background acts: no single incident ------------------------------------------------------

FREQUENCY_WORDS = frozenset(
    {"repeatedly", "frequently", "regularly", "routinely", "often", "constantly", "habitually"}
    | {"periodically", "daily", "nightly", "weekly"}
)
"""Adverbs that make an act a habit ("have repeatedly attacked", "exchange fire almost daily")."""
PERIOD_WORDS = frozenset({"year", "years", "decade", "decades", "war", "conflict", "coup", "independence"})
"""Words that make the object of "since" a period of background ("since 2019", "since the coup", "since the
war began"); "since Saturday", "since the afternoon of 12 May", "since the rebels launched their push" time
an ongoing incident instead."""
CLAUSE_LINKS = frozenset({"prep", "pobj", "dobj", "nsubj", "nsubjpass", "compound", "amod", "nmod", "appos"})
CLAUSE_LINKS_VERB = frozenset({"xcomp", "acl", "auxpass", "aux", "advmod"})
HAVE = frozenset({"have", "has", "had", "'ve", "'d"})


def _verbal(token: Token) -> bool:
    return token.tag_.startswith("VB") or token.tag_ == "MD"


def _clause(trigger: Token) -> list[Token]:
    """The trigger and the heads above it up to its own clause's verb (and the verbs that verb is an
    infinitive or participle of): "hundreds of airstrikes" climbs to "carried out", not to a main clause that
    a relative or reported clause hangs from."""
    chain = [trigger]
    token = trigger
    while token.head.i != token.i:
        if _verbal(token) and token.dep_ not in CLAUSE_LINKS_VERB:
            break
        if not _verbal(token) and token.dep_ not in CLAUSE_LINKS | CLAUSE_LINKS_VERB:
            break
        token = token.head
        chain.append(token)
    return chain


MONTHS = frozenset(MONTH_NAMES)


def _since_period(since: Token) -> bool:
    """ "since 2021", "since the coup", "since October", "since the conflict began last year": a period of
    background; "since 12 October" (a day) times an ongoing incident."""
    words = [t for t in since.subtree if t.i != since.i]
    if any(t.text.isdigit() and len(t.text) == 4 for t in words):
        return True
    if any(t.lower_ in MONTHS for t in words):
        return not any(t.text.isdigit() and len(t.text) <= 2 for t in words)
    return any(t.lower_ in PERIOD_WORDS for t in words)


def _simple_past(verb: Token) -> bool:
    """ "fired repeatedly on Monday": one past occasion (no perfect "have", no present habit)."""
    return verb.tag_ == "VBD" and not any(c.dep_ == "aux" and c.lower_ in HAVE for c in verb.children)


def habitual_cue(doc: Doc, trigger_i: int) -> str | None:
    """The words that make the act at ``trigger_i`` a habit or a background period rather than an incident.

    "Rebels have repeatedly attacked schools", "the town has been shelled since the start of the war", "the
    army has carried out hundreds of airstrikes since the coup", and an act inside a "since" phrase ("since
    the group ended a truce in 2022"): none of them is one event. Read in the trigger's own clause only, so
    a main clause's "since" does not reach a relative clause's act; a simple past "fired repeatedly" is one
    occasion.
    """
    clause = _clause(doc[trigger_i])
    verbs = [t for t in clause if _verbal(t)]
    near = [c for t in clause for c in (t, *t.children)]
    near += [m for c in near if c.dep_ == "advcl" for m in c.children]
    sinces = [c for c in near if c.lower_ == "since" and c.dep_ in ("prep", "mark")]
    for since in sinces:
        scope = since if since.dep_ == "prep" else since.head
        if _since_period(scope):
            return "since " + " ".join(t.text for t in scope.subtree if t.i != since.i)
    if sinces or (verbs and _simple_past(verbs[0])):
        return None  # "has repeatedly bombed since the afternoon of 12 May", "repeatedly fired on Monday"
    for token in clause:
        for child in token.children:
            if child.dep_ == "advmod" and child.lower_ in FREQUENCY_WORDS:
                return child.text
    return None


# --- set phrases that name an act without telling one ------------------------------------------------------

UNNAMED = frozenset({"named", "identified", "quoted"})
PUBLIC = frozenset({"anyone", "anybody", "everyone", "witnesses", "public", "residents", "people"})
RESOLVE_AUX = frozenset({"will", "would", "shall", "must", "'ll", "wo"})
SEIZED = frozenset({"seized", "seize", "seizes", "recovered", "recover", "confiscated", "found", "impounded"})


def formula_cue(doc: Doc, trigger_i: int) -> str | None:
    """The set phrase that makes the trigger at ``trigger_i`` no act, or None.

    "a fourth accused", "a defendant, accused of hiding guns": a defendant's legal standing, not an act of
    accusing; "a farmer who asked not to be named": a source's wish for anonymity; "urged anyone with
    information to come forward": a police appeal for witnesses; "this attack will not go unpunished",
    "assaults on officers would not be tolerated": a vow about an act as the subject of a negated future,
    neither the act told again nor a threat of it; "a grenade was seized": a weapon found, not used.
    """
    trigger = doc[trigger_i]
    if trigger.lower_ == "accused" and (
        trigger.dep_ in ("acl", "amod", "appos", "nsubj", "nsubjpass", "dobj", "pobj")
        or any(c.dep_ == "det" for c in trigger.children)
    ):
        return "accused (a defendant)"
    for child in trigger.children:
        if child.dep_ == "xcomp" and child.lower_ in UNNAMED and any(c.dep_ == "neg" for c in child.children):
            return f"{trigger.text} not to be {child.text}"
        if child.dep_ == "dobj" and child.lower_ in PUBLIC:
            if any(t.lower_ == "forward" for t in trigger.subtree) or any(
                t.lower_ == "information" for t in child.subtree
            ):
                return f"{trigger.text} {child.text} to come forward"
            if any(t.lower_ == "forward" or t.lower_ == "information" for t in trigger.subtree):
                return f"{trigger.text} {child.text} with information"
    head = trigger.head
    if trigger.tag_.startswith("NN") and trigger.dep_ in ("nsubjpass", "dobj") and head.lower_ in SEIZED:
        return f"{trigger.text} {head.text}"
    if (held := held_weapon_cue(trigger)) is not None:
        return held
    if (charge := charge_cue(trigger)) is not None:
        return charge
    if trigger.dep_ in ("nsubj", "nsubjpass") and head.i != trigger.i:
        negated = any(c.dep_ == "neg" for c in head.children)
        future = any(c.dep_ == "aux" and c.lower_ in RESOLVE_AUX for c in head.children)
        if negated and future and not trigger.tag_.startswith("VB"):
            return f"{trigger.text} ... not {head.text}"
    return None



WEAPON_NOUN = re.compile(
    r"(?:bombs?|missiles?|rockets?|grenades?|(?:land)?mines?|explosives?|dynamite|mortars?|ieds?|devices?"
    r"|weapons?|arms|rifles?|guns?|shells?)",
    re.IGNORECASE,
)
HOLD_VERBS = re.compile(
    r"(?:carr(?:y|ies|ied|ying)|ha(?:ve|s|d|ving)|possess\w*|own(?:s|ed|ing)?|smuggl\w+|transport\w*"
    r"|bought|buy(?:s|ing)?|sold|sell(?:s|ing)?|acquir\w+|stockpil\w+|suppl(?:y|ies|ied|ying)"
    r"|br(?:ing|ings|inging|ought)|ship(?:s|ped|ping)?|deliver(?:s|ed|ing)?|stor(?:e|es|ed|ing))",
    re.IGNORECASE,
)
"""Verbs of holding, buying or moving a thing: the weapons they govern are cargo, not weapons used (hiding
or placing a bomb is planting it, so those verbs are not here)."""
HELD_DEPS = frozenset({"dobj", "pobj", "prep", "conj", "appos", "nsubjpass"})
HELD_HOPS = 6
"""How far up a weapon may sit under the verb that holds it ("155 rifles, 45 pistols and 126 grenades were
brought in": the list's conjuncts climb one by one)."""
DEFINITE = frozenset({"the", "these", "those", "their", "its", "his", "her"})


def held_weapon_cue(trigger: Token) -> str | None:
    """ "the plane was carrying 24 surface-to-air missiles", "men who had bombs", "knapsacks with bombs": a
    weapon a verb of holding or moving governs is carried, owned or traded, not used. "Carried out" is
    doing, and "carried the bombs to the finish line" names the weapons of a told incident."""
    if not trigger.tag_.startswith("NN") or not WEAPON_NOUN.fullmatch(trigger.text):
        return None
    if any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in trigger.children):
        return None
    token = trigger
    for _ in range(HELD_HOPS):
        if token.dep_ not in HELD_DEPS or token.head.i == token.i:
            return None
        token = token.head
        if token.tag_.startswith("VB"):
            done = any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)
            return f"{token.text} {trigger.text}" if HOLD_VERBS.fullmatch(token.text) and not done else None
    return None


CHARGE_NOUNS = frozenset(
    {"charge", "charges", "count", "counts", "accusation", "accusations", "crime", "crimes", "offence",
     "offences", "offense", "offenses", "indictment"}
)  # fmt: skip
"""Nouns that name acts as legal categories ("on charges of murder and kidnapping")."""
CHARGE_VERBS = frozenset(
    {"charged", "indicted", "convicted", "prosecuted", "tried", "jailed", "imprisoned", "sentenced"}
    | {"acquitted"}
)
"""Participles of the courts whose "with", "of" or "for" names a charge ("charged with murder")."""


def charge_cue(trigger: Token) -> str | None:
    """ "tried on charges of murder, kidnapping and drug trafficking": an act noun that only names a charge,
    with no victim, place or time of its own, is a legal category, not an incident."""
    first = first_conjunct(trigger)
    if not trigger.tag_.startswith("NN") or WEAPON_NOUN.fullmatch(trigger.text):  # "a charge of dynamite"
        return None
    if first.dep_ != "pobj" or any(c.dep_ == "prep" for c in trigger.children):
        return None
    charge = first.head.head
    named = charge.lower_ in CHARGE_NOUNS or charge.lower_ in CHARGE_VERBS
    if first.head.lower_ in ("of", "for", "with", "including") and named:
        return f"{charge.text} {first.head.text} {trigger.text}"
    return None


STOP_WORDS = frozenset({"stop", "cease", "end", "halt", "renounce", "abandon"})
"""Verbs (bare: imperative or after a modal) and nouns ("an end to") that ask for an act to stop."""
OBLIGATION = frozenset({"must", "should"})
CLIMB_DEPS = frozenset({"conj", "pobj", "prep", "dobj", "xcomp"})
CESSATION_HOPS = 8
"""How far up the object of "stop" an act may sit ("cease the attacks on the press in the form of
assassinations": seven steps)."""


def _demanded_stop(word: Token) -> bool:
    """ "stop ..." as an order: a bare verb without subject, or after "must"/"should", or the noun "end"
    ("an end to"); "the army ended the siege" tells an act."""
    if word.lower_ not in STOP_WORDS:
        return False
    if word.tag_.startswith("NN"):
        return True
    if word.tag_ != "VB":
        return False
    ordered = not any(c.dep_ in ("nsubj", "nsubjpass") for c in word.children)
    return ordered or any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in word.children)


def cessation_cue(doc: Doc, trigger_i: int) -> str | None:
    """ "stop assassinations, arrests and the use of torture", "the army must stop torturing prisoners", "an
    end to the bombing of villages", "torture and abductions must end": acts named in a demand that they
    stop are a practice, no incident."""
    token = doc[trigger_i]
    first = first_conjunct(token)
    verb = first.head
    ordered = any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in verb.children)
    if first.dep_ == "nsubj" and verb.lower_ in STOP_WORDS and verb.tag_ == "VB" and ordered:
        return f"{token.text} ... {verb.text}"  # "the killings must stop", "torture should end"
    for _ in range(CESSATION_HOPS):
        if token.dep_ not in CLIMB_DEPS or token.head.i == token.i:
            return None
        token = token.head
        if _demanded_stop(token):
            return f"{token.text} {doc[trigger_i].text}"
    return None


CAPTIVE = frozenset({"kidnapped", "abducted", "captive", "detained", "missing"})
"""Participles that name a captive's state when they modify the captive ("the kidnapped pupils")."""


def captive_state_cue(doc: Doc, trigger_i: int) -> str | None:
    """ "the search for the kidnapped pupils goes on", "families of the children abducted in May wait": an
    abduction participle that modifies its victims tells their state (still held), not the abduction."""
    trigger = doc[trigger_i]
    if trigger.lower_ in CAPTIVE and trigger.dep_ in ("amod", "acl") and trigger.head.tag_.startswith("NN"):
        return f"{trigger.text} {trigger.head.text}"
    return None


def ongoing_habit_cue(doc: Doc, trigger_i: int) -> str | None:
    """ "the group continues to stage attacks": an act a present "continue(s) to" governs is a habit."""
    for token in _clause(doc[trigger_i]):
        present = token.tag_ in ("VBZ", "VBP") and token.lower_ in ("continue", "continues")
        if present and any(c.dep_ == "xcomp" for c in token.children):
            return token.text + " to"
    return None


AGGREGATE_HEADS = frozenset(
    {"most", "many", "all", "series", "wave", "string", "spate", "spree", "campaign", "majority", "number"}
    | {"dozens", "scores", "hundreds", "thousands"}
)
"""Heads whose "of" names acts as a set ("most of the murders", "a series of assassinations"): no incident."""
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "attr", "ROOT"})
CAMPAIGN_NOUNS = frozenset({"offensive", "insurgency", "uprising", "war", "warfare", "campaign"})
"""Nouns of a campaign of many acts: with no place or time of its own ("the offensive", "after the
offensive") it is the background of a story, and the incidents are the acts told within it."""
SET_WORDS = frozenset(
    {"recent", "latest", "past", "previous", "earlier", "several", "various", "numerous", "repeated"}
    | {"frequent", "continued", "continuing", "constant", "countless", "many", "these", "such"}
)
"""Words that make a plural act noun with nothing of its own to place or date it a set of past acts ("the
recent attacks", "several assassinations", "these murders")."""


TIME_WORDS = (
    MONTHS
    | frozenset(WEEKDAYS)
    | {"yesterday", "today", "tonight", "overnight", "ago", "morning", "afternoon", "evening", "night"}
    | {"dawn", "week", "weekend", "month"}
)
"""Words that date an act ("on Monday", "early this month", "two days ago")."""


def _anchored(noun: Token) -> bool:
    """The noun phrase names a place, a time, a number or a name of its own ("attacks in Kano on Monday")."""
    return any(
        t.like_num or t.tag_ in ("NNP", "NNPS") or t.lower_ in TIME_WORDS
        for t in noun.subtree
        if t.i != noun.i
    )


NESTED_CLAUSES = frozenset({"relcl", "ccomp", "advcl", "xcomp", "acl", "csubj", "parataxis", "conj"})
NON_FINITE = frozenset({"VB", "VBG", "VBN"})


def _clause_dated(noun: Token) -> bool:
    """The clause of ``noun`` (its verb and that verb's own phrases, not clauses nested in it) names a time:
    "carried out attacks on Monday" dates the attacks; "troops it had in 1968" in a relative clause does
    not date "political murders" in the main one."""
    verb = noun
    while not _verbal(verb) and verb.head.i != verb.i:
        verb = verb.head
    while verb.tag_ in NON_FINITE and verb.dep_ in ("xcomp", "advcl", "pcomp") and verb.head.i != verb.i:
        verb = verb.head  # "yesterday a mob tried to seize land using firebombs": the finite verb's time
    stack = [c for c in verb.children if c.dep_ not in NESTED_CLAUSES]
    while stack:
        token = stack.pop()
        year = token.text.isdigit() and len(token.text) == 4
        if token.lower_ in TIME_WORDS or year:
            return True
        stack.extend(c for c in token.children if c.dep_ not in NESTED_CLAUSES)
    return False


def generic_act_cue(doc: Doc, trigger_i: int) -> str | None:
    """The words that make a plural act noun a set of acts or a kind of act rather than one incident.

    "Had a hand in most of the murders of union leaders", "fled after a series of assassinations": acts
    counted as a set. "Officers responsible for political murders", "a democracy that has had to face bombs":
    a bare plural with no article, number, place, name or date of its own, which its clause does not date
    either, names a kind of act. A bare plural that is a subject ("clashes erupted") or stands in a
    headline's place tells the day's events and is left alone.
    """
    trigger = doc[trigger_i]
    if trigger.lower_ in CAMPAIGN_NOUNS and trigger.tag_ == "NN":
        unplaced = not _anchored(trigger) and not _clause_dated(trigger)
        return f"{trigger.text} (a campaign)" if unplaced else None
    if trigger.tag_ != "NNS":
        return None
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in AGGREGATE_HEADS:
        return f"{head.head.text} of {trigger.text}"
    first = first_conjunct(trigger)
    sets = [c for c in first.children if c.dep_ in ("amod", "det") and c.lower_ in SET_WORDS]
    if sets and not _anchored(first):
        return f"{sets[0].text} {trigger.text}"  # "the latest terrorist attacks", "several assassinations"
    if first.dep_ in SUBJECT_DEPS or _anchored(first) or _clause_dated(first):
        return None
    means = first.head.lower_ in ("with", "using", "by", "wielding", "armed")
    if first.dep_ in ("pobj", "dobj") and means:
        return None  # the means of an act ("attacked the post with grenades", "using firebombs")
    if any(c.dep_ in ("det", "poss", "nummod", "predet", "quantmod") for c in first.children):
        return None
    return f"{trigger.text} (a kind of act)"


def characterizing_cue(doc: Doc, trigger_i: int) -> str | None:
    """An act verb in the simple present inside a relative clause characterizes its noun rather than telling
    an incident: "the anarchy that destroys nations", "gangs who kidnap businessmen for ransom"."""
    trigger = doc[trigger_i]
    if trigger.dep_ != "relcl" or trigger.tag_ not in ("VBZ", "VBP"):
        return None
    return None if any(c.dep_ in ("aux", "auxpass") for c in trigger.children) else f"that {trigger.text}"
