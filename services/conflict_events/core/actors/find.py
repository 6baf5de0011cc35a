"""Actors: who did it (source) and to whom (target), from the parse around the frame's trigger.

Roles come from grammar: the clause subject and a passive agent ("by X") are sources; objects, passive
subjects of harm verbs and the objects of "against/on/at" are targets.  Each noun phrase is then typed by the
generic actor lexicon (police, armed forces, government, rebels, militias, protesters, civilians, ...) and a
country from the gazetteer's country / demonym / capital words
("Russian forces" -> Military Forces of Russia).
A country named alone as a subject is its government.  A violent event with no source named keeps an unnamed
actor (``named=False``, sector UAF/UNK) instead of being dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from conflict_events.contracts import Actor
from conflict_events.contracts import Span as TextSpan
from conflict_events.core.actors.names import doc_text, proper_name
from conflict_events.core.dates.dateline import dateline_prefix_end
from conflict_events.core.lexicons import ActorLexicon, ActorRule, EventTypeFacts, WordMatcher, rule_index
from conflict_events.core.text.syntax import first_conjunct
from conflict_events.core.text.vocabulary import MONTH_NAMES, WEEKDAYS

TARGET_PREPS = frozenset({"against", "on", "at", "targeting", "upon", "with", "into"})
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom"})
MAX_PER_ROLE = 4
TEMPORAL_WORDS = frozenset(MONTH_NAMES) | frozenset(WEEKDAYS) | frozenset(
    {
        "today",
        "yesterday",
        "tonight",
        "tomorrow",
        "morning",
        "evening",
        "afternoon",
        "dawn",
        "dusk",
        "noon",
        "midnight",
        "night",
        "week",
        "weekend",
        "month",
        "year",
        "day",
        "hours",
        "hour",
        "minutes",
        "gmt",
        "utc",
        "local time",
    }
)


@dataclass(frozen=True)
class ActorContext:
    """What typing an actor needs: lexicon, gazetteer country lookup, country names, document country."""

    lexicon: ActorLexicon
    country_for_word: Callable[[str], str | None]
    country_names: Mapping[str, str]
    document_country: str | None
    event_words: WordMatcher | None = None  # trigger words: "the IED", "the blast" are no actors
    common_words: frozenset[str] = frozenset()  # lower-case English words: "Suicide bomber" heads a headline
    city_metonym: Callable[[str], bool] = lambda _word: False  # a capital named for its state: "Moscow"


ActWords = WordMatcher | None
"""The trigger words ("attack", "ambush"), when known: an act noun that a harm happened in."""


EVIDENCE_VERBS = frozenset(
    {"show", "shows", "showed", "shown", "prove", "proves", "proved", "proven", "reveal", "reveals"}
    | {"revealed", "demonstrate", "demonstrates", "demonstrated", "confirm", "confirms", "confirmed"}
    | {"reflect", "reflects", "reflected", "illustrate", "illustrates", "illustrated", "highlight"}
    | {"highlights", "highlighted", "underline", "underlines", "underlined", "underscore", "underscores"}
    | {"underscored", "mark", "marks", "marked", "spark", "sparks", "sparked", "prompt", "prompts"}
    | {"prompted", "provoke", "provokes", "provoked", "draw", "draws", "drew", "drawn", "raise", "raises"}
    | {"raised", "shock", "shocks", "shocked", "outrage", "outrages", "outraged", "anger", "angers"}
    | {"angered", "expose", "exposes", "exposed"}
)
"""Verbs whose subject act only shows, marks or sets off something: their object is what the act revealed or
provoked ("the killing shows the nature of the regime", "the attack sparked outrage"), never its victim."""


def _clause_verb(token: Token) -> Token:
    current = token
    while not current.tag_.startswith("VB") and current.head.i != current.i:
        current = current.head
    return current


def _role_heads(trigger: Token, facts: EventTypeFacts, acts: ActWords) -> list[tuple[Token, str]]:
    """Head tokens of the noun phrases in a source or target slot of the trigger's clause."""
    heads: list[tuple[Token, str]] = []
    verb = _clause_verb(trigger)
    speaker = _demand_speaker(verb, facts)
    if speaker is not None:  # "the envoy said Syria must hand over the suspects": the envoy demands of Syria
        heads.append((speaker, "source"))
        heads.extend((c, "target") for c in verb.children if c.dep_ == "nsubj")
    subject_verb = verb
    for _ in range(3):
        if any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in subject_verb.children):
            break
        if (
            subject_verb.dep_ not in ("xcomp", "conj", "acl", "advcl", "acomp")
            or subject_verb.head.i == subject_verb.i
        ):  # "acomp": "it is prepared to impose", "they are willing to forgive" (subject on the copula)
            break
        subject_verb = subject_verb.head
    if subject_verb.dep_ == "relcl" and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in subject_verb.children
    ):  # headline "Turkey, Russia to deploy forces": the infinitive hangs off its subject
        heads.append((subject_verb.head, "source"))
    for child in subject_verb.children:
        if child.dep_ == "nsubj" and (speaker is not None or _stance_over(trigger, verb)):
            continue
        if child.dep_ == "nsubj":
            head = child
            if child.lower_ in RELATIVE_PRONOUNS and subject_verb.dep_ == "relcl":
                head = subject_verb.head
            heads.append((_reported_self(head, subject_verb), "source"))
        elif child.dep_ == "nsubjpass":
            heads.append((child, "target" if facts.patient else "source"))
        elif child.dep_ == "agent":
            heads.extend((g, "source") for g in child.children if g.dep_ == "pobj")
    content = any(c.dep_ in ("nsubj", "mark") for c in verb.children)  # "the report that troops are ..."
    if verb.dep_ == "acl" and verb.head.i != verb.i and not content:
        heads.append((verb.head, "target" if facts.patient else "source"))
    heads.extend((g, "source") for g in (*_done_by(trigger, subject_verb), *_means_of(subject_verb, acts)))
    if not any(c.dep_ == "nsubj" for c in verb.children):
        heads.extend((g, "source") for g in _cause_doers(verb, acts))
    owners = {verb.i: verb, trigger.i: trigger}
    if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.i == verb.i and verb.lower_ in EVIDENCE_VERBS:
        del owners[verb.i]  # "the murder of three journalists shows the nature of the army": no victim
    if not trigger.tag_.startswith("VB"):
        owners.update({c.i: c for c in trigger.conjuncts})  # "chemical weapons, sieges ... torture against X"
    for owner in owners.values():
        heads.extend(_slot_heads(owner, facts, victims_of=owner is trigger and _harms(trigger, facts)))
    heads.extend(_content_targets(verb, trigger, owners, facts))
    heads.extend(_further_patients(trigger) if facts.object_harmed else [])
    expanded: list[tuple[Token, str]] = []
    for head, role in heads:
        expanded.append((head, role))
        expanded.extend((conj, role) for conj in head.conjuncts)
        expanded.extend(
            (child, role) for child in head.children if child.dep_ == "appos" and child.tag_ == "NNP"
        )
    return expanded


def _slot_heads(owner: Token, facts: EventTypeFacts, victims_of: bool) -> list[tuple[Token, str]]:
    """The object, prepositional, possessive and modifier slots of a verb or act noun; ``victims_of``: the
    owner is a harm noun, so its "of" names the victims ("the killing of six priests")."""
    heads: list[tuple[Token, str]] = []
    verbal = owner.tag_.startswith("VB")
    for child in owner.children:
        if child.dep_ in ("dobj", "dative", "attr") and verbal:
            heads.append((child, facts.object_role))
        elif child.dep_ == "prep" and (child.lower_ in TARGET_PREPS or (victims_of and child.lower_ == "of")):
            heads.extend((g, "target") for g in child.children if g.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ == "by" and not verbal:
            heads.extend((g, "source") for g in child.children if g.dep_ == "pobj")
        elif child.dep_ in ("poss", "compound", "amod") and not verbal:
            heads.append((child, "source"))
    return heads


def _harms(trigger: Token, facts: EventTypeFacts) -> bool:
    """A noun that names a harm done to someone ("the killing", "the kidnapping"): its "of" is the victim."""
    return facts.patient and not trigger.tag_.startswith("VB")


MEANS_PREPS = frozenset({"in", "during"})
FROM = frozenset({"from"})
BY_OR_FROM = frozenset({"by", "from"})
"""Prepositions that put a passive harm in an act ("killed in a rebel ambush", "wounded during an attack by
gunmen")."""


def _means_of(verb: Token, acts: ActWords) -> list[Token]:
    """Who fired or struck, named inside the means of a harm told without its doer, or in its act subject.

    "killed by sniper fire from the rebels": whence the agent's fire came; "killed in a Taliban ambush",
    "wounded in an attack by gunmen": the author of the act noun the harm happened in (its owner, its "by"
    or "from" phrase). Only for a clause with no subject of its own: "troops killed two men in a raid"
    already names who did it.
    """
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects:  # "an attack by gunmen killed four": the act noun that did the harm names its author
        return [a for s in subjects if acts is not None and acts.fullmatch(s.text) for a in _act_authors(s)]
    agents = [g for a in verb.children if a.dep_ == "agent" for g in a.children]
    found = [f for g in agents for f in _prep_objects(g, FROM)]
    if acts is None:
        return found
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in MEANS_PREPS):
        for act in (g for g in prep.children if g.dep_ == "pobj" and acts.fullmatch(g.text)):
            found += _act_authors(act)
    return found


CAUSE_MARKS = frozenset({"when", "as", "after"})
FIRE_VERBS = frozenset(
    {"fire", "fired", "fires", "firing", "open", "opened", "opens", "opening", "shoot", "shoots", "shot",
     "shooting", "shell", "shelled", "shelling", "storm", "stormed", "storming", "attack", "attacked",
     "attacking", "raid", "raided", "raiding", "ambush", "ambushed", "bomb", "bombed", "detonate",
     "detonated", "charge", "charged", "charging", "beat", "beating", "clash", "clashed"}
)  # fmt: skip
"""Verbs of firing, striking or storming: the act a harm told without its doer came with."""


def _cause_doers(verb: Token, acts: ActWords) -> list[Token]:
    """ "three people were killed when soldiers opened fire on the crowd", "two were wounded as gunmen
    stormed the hotel", "two killed as police fire on protesters": who did the act that the clause (or
    phrase) of time says the harm came with."""
    def fired(word: Token) -> bool:
        return word.lower_ in FIRE_VERBS or (acts is not None and bool(acts.fullmatch(word.text)))

    found: list[Token] = []
    for clause in (c for c in verb.children if c.dep_ == "advcl" and c.tag_.startswith("VB")):
        marks = (m for m in clause.children if m.dep_ in ("mark", "advmod") and m.lower_ in CAUSE_MARKS)
        if any(marks) and fired(clause):
            found += [c for c in clause.children if c.dep_ == "nsubj"]
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in CAUSE_MARKS):
        for act in (g for g in prep.children if g.dep_ == "pobj" and fired(g)):
            found += [c for c in act.children if c.dep_ in ("compound", "poss") and c.tag_.startswith("NN")]
    return found  # headline "two killed as police fire on protesters": the act noun's owner


def _act_authors(act: Token) -> list[Token]:
    """Who an act noun says did it: its proper-noun owner ("a Taliban ambush") or its "by"/"from" phrase."""
    owners = [c for c in act.children if c.dep_ in ("poss", "compound") and c.tag_ in ("NNP", "NNPS")]
    return owners + _prep_objects(act, BY_OR_FROM)


AUTHORSHIP = frozenset({"responsible", "guilty", "culpable", "accountable", "behind"})
"""Adjectives that name the author of the act ("the army was responsible for the massacre")."""


def _stance_over(trigger: Token, verb: Token) -> bool:
    """True for an act noun under an adjective of the clause ("France is jittery over a spate of attacks",
    "residents are angry about the killings"): the subject feels about the act, it did not do it."""
    if trigger.tag_.startswith("VB"):
        return False
    return any(
        a.dep_ == "acomp" and a.lower_ not in AUTHORSHIP
        for a in trigger.ancestors
        if a.i != verb.i and verb in a.ancestors
    )


def _done_by(trigger: Token, subject_verb: Token) -> list[Token]:
    """The agent of a passive that says who did an act named by a noun.

    "a wave of attacks carried out by bandits": the act noun's own participle; "the ambush is thought to
    have been carried out by the FNL": the passive the act noun is raised out of (its subject's verb takes
    the passive as complement).
    """
    if trigger.tag_.startswith("VB"):
        return []
    verbs = [c for c in trigger.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.i == subject_verb.i:
        verbs += [c for c in subject_verb.children if c.dep_ == "xcomp" and c.tag_ == "VBN"]
    return [g for v in verbs for a in v.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]


SELF_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
FIRST_PERSON = frozenset({"we"})


def _quoted(token: Token) -> bool:
    """True when ``token`` stands inside quotation marks of its sentence (direct speech)."""
    before = [t.text for t in token.doc[: token.i]]
    straight = sum(t.count('"') for t in before)
    return straight % 2 == 1 or sum(t.count("“") for t in before) > sum(t.count("”") for t in before)


def _reported_self(subject: Token, clause: Token) -> Token:
    """The speaker for a pronoun subject of the speaker's own reported clause.

    "NATO confirmed it would tighten the blockade", "the farmers said they would block the roads": the
    pronoun stands for the one who says so (a pronoun itself types as no actor).
    """
    if subject.lower_ not in SELF_PRONOUNS or clause.dep_ != "ccomp" or not clause.head.tag_.startswith("VB"):
        return subject
    if subject.lower_ not in FIRST_PERSON and _quoted(subject):
        return subject  # '"They shot at everyone," said a survivor': in a quote only "we" is the speaker
    speakers = [c for c in clause.head.children if c.dep_ == "nsubj" and c.tag_.startswith("NN")]
    return speakers[0] if speakers else subject


OBLIGATION_MODALS = frozenset({"must", "should"})


def _demand_speaker(verb: Token, facts: EventTypeFacts) -> Token | None:
    """The speaker whose reported clause says someone must act: the demand is the speaker's.

    "A minister reiterated that Syria must hand over the suspects": Syria is told to act, so it is the
    target of the demand and the minister its source, not the clause's own subject.
    """
    if facts.quad != "verbal_conflict" or not facts.governs_content or verb.dep_ != "ccomp":
        return None
    if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in verb.children):
        return None
    speaker = [c for c in verb.head.children if c.dep_ == "nsubj"]
    return speaker[0] if speaker and verb.head.tag_.startswith("VB") else None


def _prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of the token's prepositions in ``preps`` ("aid [to] Mozambique", "strikes [on] Syria")."""
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            found.extend(g for g in child.children if g.dep_ == "pobj")
    return found


CONDITION_MARKS = frozenset({"unless", "if"})


def _content_clause(clause: Token) -> bool:
    """A clause whose subject is told to act: the demanded content ("demanded that X cancel ...") or the
    condition of a threat ("threatened to strike unless X rescinded ...": who must comply)."""
    if clause.dep_ == "ccomp":
        return clause.tag_.startswith("VB")
    marks = (m.lower_ for m in clause.children if m.dep_ == "mark")
    return clause.dep_ == "advcl" and any(m in CONDITION_MARKS for m in marks)


def _content_targets(
    verb: Token, trigger: Token, owners: dict[int, Token], facts: EventTypeFacts
) -> list[tuple[Token, str]]:
    """Targets named inside what the act gives, demands or imposes, not next to its verb.

    "sent aid to Mozambique", "offered talks to the rebels", "promised to continue aid to X": the recipient
    of a cooperative act is its target ("to" counts only outside material conflict, where it mostly tells
    a destination; "between" counts there too: "a mediation effort between Kenya and Uganda" names the two
    parties it reaches).  "carried out strikes on Syria", "imposed sanctions against Iran", "called for
    sanctions against X": the act's object noun carries the target.  "demanded that the US cancel ...",
    "threatened to attack Iran": the subject of demanded content and the object of threatened content are
    the targets of the verbal act.  "demanded the withdrawal of Serbian forces": an act noun's "of" names
    whom it is demanded from.
    """
    verbal_conflict = facts.quad == "verbal_conflict"
    preps = TARGET_PREPS | {"to", "between"} if facts.quad != "material_conflict" else TARGET_PREPS
    verbs = [o for o in owners.values() if o.tag_.startswith("VB")]
    verbs += [c for v in list(verbs) for c in v.children if c.dep_ == "xcomp" and c.tag_.startswith("VB")]
    heads: list[tuple[Token, str]] = []
    for v in verbs:
        if v.i not in owners and verbal_conflict:  # the content verb's object: "threatened to attack [Iran]"
            heads.extend((c, "target") for c in v.children if c.dep_ == "dobj")
        heads.extend((g, "target") for g in _prep_objects(v, preps))
        nouns = [c for c in v.children if c.dep_ in ("dobj", "nsubjpass")]
        nouns += [g for c in v.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children]
        for noun in nouns:
            if noun.tag_ in ("NN", "NNS"):
                heads.extend((g, "target") for g in _prep_objects(noun, preps))
                if verbal_conflict and noun.i not in owners:
                    heads.extend((g, "target") for g in _prep_objects(noun, frozenset({"of"})))
                if verbal_conflict and v.i in owners:  # "rejected an Indian proposal", "a call by X"
                    heads.extend((g, "target") for g in _prep_objects(noun, BY_OR_FROM))
                    heads.extend(
                        (c, "target") for c in noun.children if c.dep_ in ("amod", "compound", "poss")
                    )
        if facts.governs_content and verbal_conflict:
            for clause in v.children:
                if _content_clause(clause):
                    heads.extend((c, "target") for c in clause.children if c.dep_ == "nsubj")
    if facts.governs_content and verbal_conflict and not trigger.tag_.startswith("VB"):
        for clause in trigger.children:  # "its demand that Israel ease ..."
            if clause.dep_ in ("acl", "ccomp") and clause.tag_.startswith("VB"):
                heads.extend((c, "target") for c in clause.children if c.dep_ == "nsubj")
    return heads


def _phrase(token: Token) -> Span:
    """The noun phrase of ``token``: its left modifiers and itself (relative clauses and tails cut off)."""
    start = token.left_edge.i
    doc = token.doc
    while start < token.i and doc[start].dep_ in ("punct", "cc", "prep"):
        start += 1
    return doc[start : token.i + 1]


def phrase_actors(head: Token, role: str, offset: int, text: str, ctx: ActorContext) -> list[Actor]:
    """Actors denoted by the noun phrase headed by ``head`` (see ``type_phrase``)."""
    if head.tag_ in ("PRP", "PRP$", "WDT", "WP") or head.lower_ in TEMPORAL_WORDS:
        return []
    return type_phrase(_phrase(head), role, offset, text, ctx)


SEPARATE_DEPS = frozenset({"conj", "cc", "relcl", "acl", "appos", "advcl"})
POSSESSIVE_PRONOUNS = frozenset({"its", "their"})


def _country_tokens(head: Token) -> list[Token]:
    """The head's own words and modifiers with "of/from X" tails; coordinated phrases left out.

    An "in X" tail counts only for a capital used as a metonym ("the ministry in Moscow"), never for a country
    name ("forces in Syria" are not Syria's): the caller skips country names found there.
    """
    tokens = [head]
    for child in head.children:
        if child.dep_ in SEPARATE_DEPS:
            continue
        if child.dep_ == "prep" and child.lower_ not in ("of", "from", "in"):
            continue
        tokens.extend(child.subtree)
    return sorted(tokens, key=lambda t: t.i)


def _in_tail(token: Token, head: Token) -> bool:
    current = token
    while current.i != head.i and current.head.i != current.i:
        if current.dep_ == "prep" and current.lower_ == "in" and current.head.i == head.i:
            return True
        current = current.head
    return False


MAX_NAME_WORDS = 3


def _word_runs(tokens: list[Token]) -> list[tuple[Token, str]]:
    """Each token with the runs of up to three adjacent capitalised words it starts, longest first.

    "The United States", "Ivory Coast's court", "the Central African Republic": no single word names the
    country, the run does.  A run is taken only when its words are adjacent in the sentence.
    """
    runs: list[tuple[Token, str]] = []
    for k, token in enumerate(tokens):
        for size in range(MAX_NAME_WORDS, 1, -1):
            window = tokens[k : k + size]
            adjacent = len(window) == size and window[-1].i - token.i == size - 1
            if adjacent and all(t.text[:1].isupper() for t in window):
                runs.append((token, " ".join(t.text for t in window)))
        runs.append((token, token.text))
    return runs


STANCE_PREFIXES = frozenset({"anti", "pro"})


def _stance(token: Token) -> bool:
    """A country word after "anti-" or "pro-" tells a stance, not a nationality ("an anti-Syria journalist",
    "pro-Iranian militias")."""
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ in STANCE_PREFIXES


def _countries(tokens: list[Token], ctx: ActorContext, head: Token | None = None) -> list[str]:
    found: list[str] = []
    covered = -1
    for token, text in _word_runs(tokens):
        word = text.removesuffix("’s").removesuffix("'s")
        if token.i <= covered or not word[:1].isalpha() or _stance(token):
            continue
        code = ctx.country_for_word(word)
        if code and head is not None and _in_tail(token, head) and ctx.country_names.get(code, "") == word:
            continue
        if code:
            covered = token.i + word.count(" ")
            if code not in found:
                found.append(code)
    return found


def _antecedent_country(phrase: Span, ctx: ActorContext) -> str | None:
    """For "its police" / "their forces": the country named last before the phrase in the sentence."""
    if not any(t.lower_ in POSSESSIVE_PRONOUNS for t in phrase):
        return None
    for token in reversed(phrase.doc[: phrase.start]):
        code = ctx.country_for_word(token.text.removesuffix("’s").removesuffix("'s"))
        if code:
            return code
    return None


GROUP_OVER_KINDS = frozenset(
    {"rebels", "militia", "unidentified", "military", "police", "government", "opposition"}
)
"""Head kinds that a named group in front of them names ("Taliban fighters", "Houthi forces")."""


def _named_group(rule: ActorRule) -> bool:
    """A row that names one group ("Al Shabaab"), not a kind whose name is built from a country."""
    return "{" not in rule.name


def _rule_for(phrase: Span, ctx: ActorContext) -> ActorRule | None:
    """The actor rule whose words cover the phrase's head noun ("opposition neighbourhoods" is no actor).

    A named group among the head's modifiers wins over the head's generic kind: "al-Shabaab fighters" are
    Al Shabaab, not a rebel group of the story's country, and the matcher, which takes the leftmost match at
    each place, would otherwise see only "fighters" over the head.  A named group in front of a head that is
    no actor word at all ("the Boko Haram attack", "a Houthi stronghold") names the group too.
    """
    root_start = phrase.root.idx - phrase.start_char
    head: ActorRule | None = None
    group: ActorRule | None = None
    body: ActorRule | None = None
    for match in ctx.lexicon.regex.finditer(phrase.text):
        rule = ctx.lexicon.rules[rule_index(match)]
        if match.start() <= root_start < match.end():
            head = rule
        elif group is None and _named_group(rule) and match.end() <= root_start:
            group = rule
        elif body is None and match.end() <= root_start and _owning_body(rule, phrase, match):
            body = rule
    if group is not None and (head is None or (head.kind in GROUP_OVER_KINDS and not _named_group(head))):
        return group
    if body is not None and _owned(head, body, phrase):
        return body
    return head


BODY_KINDS = frozenset({"igo", "rebels", "militia", "opposition", "protesters"})
"""Kinds that own the office or organ named after them ("UN envoy", "EU foreign ministers", "rebel chief")."""
IGO_OWNS = frozenset({"government", "military", "police"})


def _owned(head: ActorRule | None, body: ActorRule, phrase: Span) -> bool:
    """Whether the head is an organ of the body in front of it.

    An international body owns any office or force named after it ("UN troops") and a person named after
    it ("UN envoy Amr Moussa"); other bodies own only offices ("rebel spokesman"), never forces
    ("paramilitary troops" stay troops) or things ("protesters' squares").
    """
    if body.kind == "igo":  # "the UN ambulance" is a thing, "UN envoy Amr Moussa" a person
        if head is None:
            return phrase.root.tag_.startswith("NNP")
        return head.kind in IGO_OWNS
    return head is not None and head.kind == "government"


def _owning_body(rule: ActorRule, phrase: Span, match: re.Match[str]) -> bool:
    """A body named in front of the head that owns it: "the U.N. war crimes court", "rebel spokesman".

    "UN-backed government" and "anti-rebel forces" are not owned: a word joined by a hyphen only qualifies.
    """
    if rule.kind not in BODY_KINDS:
        return False
    text = phrase.text
    before, after = text[max(match.start() - 1, 0) : match.start()], text[match.end() : match.end() + 1]
    return "-" not in (before, after)


LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _name(template: str, country: str | None, ctx: ActorContext, words: str) -> str:
    if "{words}" in template:  # "the UN Security Council" is named "UN Security Council"
        words = LEADING_ARTICLE.sub("", words) or words
        return template.replace("{words}", words.title() if words.islower() else words)
    if country and country in ctx.country_names:
        return template.replace("{country}", ctx.country_names[country])
    return template.replace(" of {country}", "").replace(" ({country})", "").replace("{country}", "").strip()


NO_DOCUMENT_COUNTRY = frozenset({"igo", "monitors", "military"})
IGO = "IGO"


def _modifier_actor(phrase: Span, role: str, offset: int, text: str, ctx: ActorContext) -> list[Actor]:
    """The armed forces of the country that modifies a common noun which is no actor itself.

    "The Russian strikes killed four", "Turkey's shelling wounded three": the strikes and the shelling are
    not actors, but the country word in front of them names the state whose forces carried them out
    (confidence 0.6: the forces are inferred, not named).
    """
    for child in phrase.root.children:
        country = ctx.country_for_word(child.text) if child.dep_ in ("amod", "poss", "compound") else None
        if country is None or _place_modifier(child, ctx):
            continue
        start, end = offset + child.idx, offset + child.idx + len(child.text)
        words = text[start:end]
        span = TextSpan(start=start, end=end, text=words)
        return [_state_actor(role, words, span, country, ctx, "Military Forces of {country}", "MIL", 0.6)]
    return []


def _place_modifier(token: Token, ctx: ActorContext) -> bool:
    """A city named in front of an act noun ("Tripoli clashes", "Kabul blast") says where, not who; its
    state acts only as the subject of a verb ("Moscow said")."""
    act = ctx.event_words is not None and bool(ctx.event_words.fullmatch(token.head.text))
    return act and token.dep_ == "compound" and ctx.city_metonym(token.text)


def _owner_actor(phrase: Span, offset: int, text: str, ctx: ActorContext) -> list[Actor]:
    """The country whose people or property a target noun that is no actor itself belongs to.

    "bulldozers demolished Palestinian homes", "a blockade on Lebanese lorries": the homes and lorries are
    not actors, but the country word in front of them says whose they are.  The owner is unnamed (the
    words name things, not a group), so it claims no actor name; it carries only the country.  Its words
    are the whole phrase: what was hit ("Palestinian homes", "a Russian major general"), not the country word.
    """
    for child in phrase.root.children:
        country = ctx.country_for_word(child.text) if child.dep_ in ("amod", "poss", "compound") else None
        if country is None or _place_modifier(child, ctx):
            continue
        start, end = offset + phrase.start_char, offset + phrase.end_char
        span = TextSpan(start=start, end=end, text=text[start:end])
        name = ctx.country_names.get(country, country)
        return [Actor(role="target", text=span.text, span=span, name=name, named=False, country=country)]
    return []


def _appositive_country(head: Token, ctx: ActorContext) -> str | None:
    """The country (or IGO) an appositive gives a named person: "X, Algeria's best-known lawyer".

    "Y, the UN envoy" is an international body's; a country word inside the appositive's own phrase
    ("Z, a Kenyan judge") is that country's.
    """
    for child in head.children:
        if child.dep_ != "appos" or child.tag_ not in ("NN", "NNS"):
            continue
        appos = _phrase(child)
        rule = _rule_for(appos, ctx)
        if rule is not None and rule.kind == "igo":
            return IGO
        found = _countries(_country_tokens(child), ctx, child)
        if found:
            return found[0]
    return None


def _possessor_actors(head: Token, role: str, offset: int, text: str, ctx: ActorContext) -> list[Actor]:
    """The actor that owns a common noun no actor word names: "the militia's brigade", "the IRA's unit".

    A unit, cell or wing of an actor acts as that actor; a possessive pronoun owns nothing here.
    """
    if head.tag_ not in ("NN", "NNS"):
        return []
    for child in head.children:
        if child.dep_ == "poss" and child.tag_ in ("NN", "NNS", "NNP", "NNPS"):
            owned = type_phrase(_phrase(child), role, offset, text, ctx)
            if not owned and child.tag_ in ("NNP", "NNPS"):  # "the IRA's Belfast brigade": a name owns it
                name = [t for t in _phrase(child) if t.tag_ in ("NNP", "NNPS")]
                start, end = offset + name[0].idx, offset + child.idx + len(child.text)
                span = TextSpan(start=start, end=end, text=text[start:end])
                words = span.text
                owned = [Actor(role=role, text=words, span=span, name=words, named=True, confidence=0.6)]
            return owned if any(a.actor_type is not None or a.named for a in owned) else []
    return []


def _headline_capital(name: Span, ctx: ActorContext) -> bool:
    """'Suicide bomber kills nine': one common word capitalised only because it opens the sentence."""
    return len(name) == 1 and name.start == 0 and name.root.lower_ in ctx.common_words


def type_phrase(phrase: Span, role: str, offset: int, text: str, ctx: ActorContext) -> list[Actor]:
    """Actors denoted by one noun phrase (several when it names several countries' forces).

    The country comes from the phrase's own words, else from "its"/"their" pointing back in the sentence, else
    (for domestic kinds only: not foreign-deployable armed forces, not international bodies) from the
    document's main country, with lower confidence.
    """
    if len(phrase) == 1 and _place_modifier(phrase.root, ctx):
        return []
    words = text[offset + phrase.start_char : offset + phrase.end_char]
    span = TextSpan(start=offset + phrase.start_char, end=offset + phrase.end_char, text=words)
    rule = _rule_for(phrase, ctx)
    if rule is None and ctx.event_words is not None and ctx.event_words.fullmatch(phrase.root.text):
        # "the IED", "the blast": event words, not actors ("kidnappers", "rioters" have rules)
        return _modifier_actor(phrase, role, offset, text, ctx)
    countries = _countries(_country_tokens(phrase.root), ctx, phrase.root)
    if rule is not None and rule.country is not None:  # a named group is its home state's, whoever backs it
        countries = [rule.country]
    if not countries and (pointed := _antecedent_country(phrase, ctx)) is not None:
        countries = [pointed]
    if rule is not None and not rule.named:
        name = proper_name(phrase, not_a_name=ctx.country_for_word)
        if name is not None and _headline_capital(name, ctx):
            name = None
        if name is not None and name.root.lower_ not in TEMPORAL_WORDS:  # "Al-Shabaab militants"
            group = name.text.removesuffix("’s").removesuffix("'s")
            country = countries[0] if countries else None
            return [
                Actor(
                    role=role,
                    text=words,
                    span=span,
                    name=group,
                    named=True,
                    country=country,
                    actor_type="Rebel Groups",
                    inter_code=2,
                    sector="REB",
                    confidence=0.7,
                )
            ]
    if rule is not None:
        from_doc = not countries and ctx.document_country is not None and rule.kind not in NO_DOCUMENT_COUNTRY
        targets: list[str | None] = list(countries) or ([ctx.document_country] if from_doc else [None])
        confidence = 0.55 if from_doc else (0.8 if rule.named else 0.6)
        return [_rule_actor(rule, role, words, span, c, ctx, confidence) for c in targets]
    root = phrase.root
    if rule is None and (owned := _possessor_actors(root, role, offset, text, ctx)):
        return owned  # "the militia's northern brigade"
    if role == "source" and root.tag_ in ("NN", "NNS"):
        return _modifier_actor(phrase, role, offset, text, ctx)  # "the Turkish shelling wounded three"
    if role == "target" and root.tag_ in ("NN", "NNS"):
        return _owner_actor(phrase, offset, text, ctx)  # "demolished Palestinian homes"
    if role == "target" and countries and (people := _nationals_rule(root, ctx)) is not None:
        return [_rule_actor(people, role, words, span, c, ctx, 0.6) for c in countries]  # "three Syrians"
    if countries and root.tag_.startswith("NNP"):
        return [
            _state_actor(role, words, span, c, ctx, "Government of {country}", "GOV", 0.7) for c in countries
        ]
    return _entity_actor(phrase, role, span, countries, ctx)


def _nationals_rule(root: Token, ctx: ActorContext) -> ActorRule | None:
    """The civilians row when the phrase's head is a plural demonym ("three Syrians", "Afghans queuing"):
    people of a country, not its state, as ACLED codes victims named by nationality alone. A country's own
    plural name ("the Philippines") is no demonym."""
    word = root.text
    if not word.lower().endswith("s") or ctx.country_for_word(word[:-1]) is None:
        return None
    if any(word.lower() == name.lower() for name in ctx.country_names.values()):
        return None
    return next((r for r in ctx.lexicon.rules if r.kind == "civilians"), None)


def _entity_actor(
    phrase: Span, role: str, span: TextSpan, countries: list[str], ctx: ActorContext
) -> list[Actor]:
    """A named entity that heads the phrase, of no kind the lexicon knows ("Mamove", "Special Agent X")."""
    entity = proper_name(phrase, not_a_name=ctx.country_for_word)
    if entity is None or not entity.start <= phrase.root.i < entity.end:  # the name is not the phrase's head
        return []
    label = entity.text.removesuffix("’s").removesuffix("'s")
    country = countries[0] if countries else _appositive_country(phrase.root, ctx)
    words = span.text
    return [Actor(role=role, text=words, span=span, name=label, named=True, country=country, confidence=0.65)]


def actor_from_words(words: str, span: TextSpan, role: str, ctx: ActorContext) -> Actor | None:
    """An actor typed from bare words without a parse (an attribution source turned accuser)."""
    match = ctx.lexicon.regex.search(words)
    if match is None:
        return None
    rule = ctx.lexicon.rules[rule_index(match)]
    codes = _countries_in_words(words, ctx)
    return _rule_actor(rule, role, words, span, codes[0] if codes else None, ctx, 0.6)


def _state_actor(
    role: str,
    words: str,
    span: TextSpan,
    country: str,
    ctx: ActorContext,
    template: str,
    sector: str,
    confidence: float,
) -> Actor:
    """A named state actor of ``country`` (ACLED State Forces, inter 1): its government or its forces."""
    return Actor(
        role=role,
        text=words,
        span=span,
        name=_name(template, country, ctx, words),
        named=True,
        country=country,
        actor_type="State Forces",
        inter_code=1,
        sector=sector,
        confidence=confidence,
    )


def _rule_actor(
    rule: ActorRule,
    role: str,
    words: str,
    span: TextSpan,
    country: str | None,
    ctx: ActorContext,
    confidence: float,
) -> Actor:
    """An actor typed by a lexicon rule (name template, ACLED type, inter code, PLOVER sector).

    International organisations carry the code IGO in place of a country, as the contract and PLOVER do.
    """
    return Actor(
        role=role,
        text=words,
        span=span,
        name=_name(rule.name, country, ctx, words),
        named=rule.named,
        country=IGO if rule.kind == "igo" else country,
        actor_type=rule.acled_type,
        inter_code=rule.inter,
        sector=rule.sector,
        confidence=confidence,
    )


def _countries_in_words(words: str, ctx: ActorContext) -> list[str]:
    found = []
    for word in words.split():
        code = ctx.country_for_word(word.strip(",.;:").removesuffix("’s").removesuffix("'s"))
        if code and code not in found:
            found.append(code)
    return found


UNTYPED_TAGS = frozenset({"NN", "NNS", "CD"})
NO_ONE = frozenset({"nobody", "none", "nothing", "noone"})


def further_acts(trigger: Token) -> list[Token]:
    """Verbs that go on telling the act: a verb trigger's conjoined verbs ("killing 16 and injuring 40
    others"), its participle clause ("a device exploded, wounding 13 people") and the relative clause of
    an act noun ("an attack at a cafe which killed 9 and wounded 30", the clause read with the act even
    where the parse hangs it on the act's place)."""
    if trigger.tag_.startswith("VB"):
        tolls = [c for c in trigger.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
        return [*trigger.conjuncts, *tolls, *(d for t in tolls for d in t.conjuncts)]
    anchors = {trigger.i} | {g.i for p in trigger.children if p.dep_ == "prep" for g in p.children}
    clauses = [
        t
        for t in trigger.subtree
        if t.dep_ == "relcl"
        and t.head.i in anchors
        and any(c.dep_ == "nsubj" and c.lower_ in RELATIVE_PRONOUNS for c in t.children)
    ]
    return [v for c in clauses for v in (c, *c.conjuncts)]


def _further_patients(trigger: Token) -> list[tuple[Token, str]]:
    """Targets the act's further verbs take, and those it names by "including" ("were arrested,
    including X and Y")."""
    heads = [(c, "target") for v in further_acts(trigger) for c in v.children if c.dep_ == "dobj"]
    if trigger.tag_.startswith("VB"):
        heads += [
            (g, "target")
            for p in trigger.children
            if p.dep_ == "prep" and p.lower_ == "including"
            for g in p.children
            if g.dep_ == "pobj"
        ]
    return heads


def act_tokens(trigger: Token) -> frozenset[int]:
    """Indices of the verbs that tell the act: the trigger, its conjuncts and its further verbs (computed
    once per frame: a run-on sentence can chain thousands of them)."""
    return frozenset({trigger.i, *(c.i for c in trigger.conjuncts), *(v.i for v in further_acts(trigger))})


def _undergoes(head: Token, trigger: Token, acts: frozenset[int]) -> bool:
    """The phrase is the act's own patient: object or passive subject of the trigger verb (or of one of
    ``acts``, see ``act_tokens``), object of its target preposition, or the noun a participle trigger
    modifies ("the members killed").

    A slot of some other verb that governs an act noun is not: "the bombing caused heavy damage", "the
    attack remains a mystery", "denied responsibility for the attack" name no one it befell.
    """
    head = first_conjunct(head)
    if trigger.dep_ in ("acl", "amod") and trigger.head.i == head.i:
        return True
    owner = head.head.head if head.dep_ == "pobj" else head.head
    wielder = _wielded_by(trigger)  # "a missile hit the flats", "shelled the town with mortars"
    wielded = wielder is not None and (trigger.dep_ in ("nsubj", "pobj") or head.dep_ == "pobj")
    in_act = owner.i in acts or (wielded and wielder is not None and owner.i == wielder.i)
    return in_act and head.dep_ in ("dobj", "nsubjpass", "pobj")


def _trigger_phrase(doc: Doc, trigger_i: int, head: Token, ctx: ActorContext) -> bool:
    """The head is a word of the trigger itself: "exchanged fire", "opened fire"."""
    lo, hi = min(trigger_i, head.i), max(trigger_i, head.i)
    words = ctx.event_words
    return hi - lo <= 2 and words is not None and bool(words.fullmatch(doc[lo : hi + 1].text))


def _wielded_by(trigger: Token) -> Token | None:
    """The verb an act noun does its act through: as its subject ("the strike hit a school"), as what is
    thrown or fired ("a grenade was thrown at the station", "fired rockets at the barracks") or as what it
    is done with or by ("hit the school with a missile")."""
    if trigger.tag_.startswith("VB"):
        return None
    if trigger.dep_ in ("nsubj", "nsubjpass", "dobj") and trigger.head.tag_.startswith("VB"):
        return trigger.head
    prep = trigger.head
    if trigger.dep_ == "pobj" and prep.lower_ in ("with", "by") and prep.head.tag_.startswith("VB"):
        return prep.head
    return None


def _untyped_head(head: Token, ctx: ActorContext) -> bool:
    """A common noun or number in a target slot that the lexicon does not type: "killed 40", "shot the
    general", "attacked the bakery".  Event words ("the blast") and times are no one."""
    if head.tag_ not in UNTYPED_TAGS or head.lower_ in TEMPORAL_WORDS:
        return False
    if any(c.dep_ == "det" and c.lower_ == "no" for c in head.children) or head.lower_ in NO_ONE:
        return False  # "no one was hurt", "nobody was arrested": the act befell no one
    if head.tag_ == "CD" and head.head.tag_ in UNTYPED_TAGS and head.dep_ == "nummod":
        return False
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return False  # "seized control of the town", "killed dozens of ...": the head tells no participant
    return ctx.event_words is None or not ctx.event_words.fullmatch(head.text)


def untyped_actor(phrase: Span, role: str, offset: int, text: str) -> Actor:
    """The phrase as written, for a participant the lexicon has no kind for (unnamed, no country)."""
    start, end = offset + phrase.start_char, offset + phrase.end_char
    span = TextSpan(start=start, end=end, text=text[start:end])
    return Actor(role=role, text=span.text, span=span, name="Unidentified", named=False, sector="UNK")


def unnamed_actor(role: str) -> Actor:
    """The implicit actor of an event whose perpetrator is not named at all."""
    return Actor(
        role=role,
        text="",
        span=None,
        name="Unidentified",
        named=False,
        sector="UNK",
        confidence=0.3,
    )


def _typed_phrase(head: Token, role: str, offset: int, text: str, ctx: ActorContext) -> list[Actor]:
    """Actors of the phrase headed by ``head``; for a quantity or group word that names no one itself, those
    of its "of" phrase ("tortured scores of refugees", "a group of gunmen opened fire", "two of the guards").
    """
    typed = type_phrase(_phrase(head), role, offset, text, ctx)
    if typed or head.tag_ not in UNTYPED_TAGS:
        return typed
    members = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    members = [g for m in members if m.dep_ == "pobj" for g in (m, *m.conjuncts)]
    found = [a for m in members for a in type_phrase(_phrase(m), role, offset, text, ctx)]
    return [a for a in found if a.actor_type is not None or a.named or a.country is not None]


def find_actors(
    doc: Doc, trigger_i: int, facts: EventTypeFacts, offset: int, text: str, ctx: ActorContext
) -> tuple[Actor, ...]:
    """Source and target actors of the frame whose trigger is token ``trigger_i`` of ``doc``.

    ``offset`` is the sentence start in the article; spans are article-relative.
    """
    actors: list[Actor] = []
    seen: set[tuple[str, str]] = set()
    # "GOMA, Democratic Republic of Congo, May 22 (Reuters) - Rebels killed": the parse makes the dateline
    # part of the subject; its town and agency are where and by whom it was filed, never a participant.
    # Read in the article's own words: an all-capitals sentence is parsed in lower case ("march 3 (reuters)")
    body = offset + dateline_prefix_end(text[offset : offset + len(doc_text(doc))])
    acts: frozenset[int] | None = None
    for head, role in _role_heads(doc[trigger_i], facts, ctx.event_words):
        if head.i == trigger_i or head.tag_ in ("PRP", "PRP$", "WDT", "WP") or head.lower_ in TEMPORAL_WORDS:
            continue
        if _help_of_ally(head):
            continue
        typed = _typed_phrase(head, role, offset, text, ctx)
        typed = [a for a in typed if a.span is None or a.span.start >= body]
        country = ctx.country_for_word(head.text) if role == "target" and head.tag_ == "JJ" else None
        if acts is None and role == "target" and facts.object_harmed:
            acts = act_tokens(doc[trigger_i])
        harmed = acts is not None and role == "target" and _undergoes(head, doc[trigger_i], acts)
        harmed = harmed and not _trigger_phrase(doc, trigger_i, head, ctx)
        if not typed and harmed and _untyped_head(head, ctx):
            typed = [untyped_actor(_phrase(head), role, offset, text)]
        if not typed and country is not None:
            # "an Indian proposal": the state whose proposal it is (only the content targets reach here)
            start, end = offset + head.idx, offset + head.idx + len(head.text)
            words = text[start:end]
            span = TextSpan(start=start, end=end, text=words)
            typed = [_state_actor(role, words, span, country, ctx, "Government of {country}", "GOV", 0.6)]
        for actor in typed:
            kind_role = actor.role
            speaks = facts.quad == "verbal_conflict" and head.dep_ == "nsubj"  # "villagers threatened to"
            victim = actor.actor_type in ("Civilians", "Protesters") and role == "source"
            if facts.patient and victim and not speaks:
                kind_role = "target"
            key = (kind_role, actor.name if actor.actor_type or actor.named else actor.text.casefold())
            if key in seen or sum(a.role == kind_role for a in actors) >= MAX_PER_ROLE:
                continue
            seen.add(key)
            actors.append(actor if kind_role == actor.role else actor.model_copy(update={"role": kind_role}))
    actors = _without_covered_owners(actors)
    if not any(a.role == "source" for a in actors):
        actors[:0] = _doer_trigger(doc[trigger_i], offset, text, ctx)
    if facts.unnamed_source and not any(a.role == "source" for a in actors):
        actors.insert(0, unnamed_actor("source"))
    return tuple(actors)


DOER_TRIGGERS = frozenset({"bomber", "bombers", "attacker", "attackers"})
"""Trigger words that name who did the act ("a suicide bomber struck the convoy")."""


def _doer_trigger(trigger: Token, offset: int, text: str, ctx: ActorContext) -> list[Actor]:
    """The trigger's own words as the source when they name the doer: "a suicide bomber rammed the patrol",
    "killed by suicide attackers" (the words up to the trigger, not its "on a motorcycle")."""
    if trigger.lower_ not in DOER_TRIGGERS or not trigger.tag_.startswith("NN"):
        return []
    phrase = trigger.doc[trigger.left_edge.i : trigger.i + 1]
    typed = [a for a in type_phrase(phrase, "source", offset, text, ctx) if a.role == "source"]
    return typed or [untyped_actor(phrase, "source", offset, text)]


HELP_WORDS = frozenset(
    {"help", "support", "assistance", "backing", "aid", "cooperation", "consent", "approval", "blessing"}
)


def _help_of_ally(head: Token) -> bool:
    """"tightened the blockade with Albania's help", "with the support of the army": whose help it is
    names an ally of the act, not its target."""
    return head.dep_ == "pobj" and head.head.lower_ == "with" and head.lower_ in HELP_WORDS


def _without_covered_owners(actors: list[Actor]) -> list[Actor]:
    """Owners of a target thing whose country another target already stands for ("a Nigerian plan")."""
    typed = {(a.role, a.country) for a in actors if a.named}
    return [
        a
        for a in actors
        if a.named or a.actor_type is not None or a.country is None or (a.role, a.country) not in typed
    ]
