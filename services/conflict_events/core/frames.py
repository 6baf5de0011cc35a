"""Event frames: choose, for one parsed sentence, the trigger that carries its event and the event's type.

A sentence gives at most one frame. Its trigger is the best-scoring hit: lexicon weight, plus a bonus when
the trigger heads the sentence's main clause (reporting verbs such as "said" do not count as the main
clause, so "X said troops will deploy" is headed by "deploy"), minus a little per level of embedding; in the
choice (not the score) a trigger inside an "after" / "following" / "since" clause ranks lower (the earlier
event the act followed) and a noun object of a main verb that is no trigger ranks higher. The
other hits of the same PLOVER type refine the frame: the most specific mode word and ACLED hint among them
win ("airstrikes ... killed" is an aerial assault).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from conflict_events.core.lexicons import EventTypes
from conflict_events.core.text.document import Sentence
from conflict_events.core.text.triggers import TriggerHit
from conflict_events.core.text.vocabulary import REPORTING_WORDS

REPORTING_VERBS = REPORTING_WORDS | {"accord", "according"}
"""Reporting verbs and "according (to)": their clause only frames the event."""
MAIN_CLAUSE_BONUS = 0.25
DEPTH_PENALTY = 0.02
SUBJECT_NOUN_PENALTY = 0.2
MODIFIER_NOUN_PENALTY = 0.45
GENERIC_PLURAL_PENALTY = 0.15
EVENT_HEAD_NOUNS = frozenset(
    {
        "mission",
        "missions",
        "effort",
        "efforts",
        "operation",
        "operations",
        "campaign",
        "campaigns",
        "process",
        "attempt",
        "attempts",
        "bid",
        "wave",
        "series",
        "spree",
        "incident",
        "incidents",
    }
)
"""Heads that keep a modifying trigger an event ("mediation mission", "bombing campaign")."""
MIN_FRAME_SCORE = 0.5
BACKGROUND_MARKERS = frozenset({"after", "following", "since"})
"""Words that open a clause or phrase of what came before the reported act ("two days after a jet shot down
a plane", "following the discovery of rockets", "since the riots"): its trigger ranks lower."""
BACKGROUND_PENALTY = 0.2
OBJECT_OF_MAIN_VERB_BONUS = 0.2
MIN_HEADLINE_SCORE = 0.6


@dataclass(frozen=True)
class Frame:
    """The event a sentence carries: main trigger and its token, type, mode word, ACLED hint, support."""

    sentence: Sentence
    trigger: TriggerHit
    token_i: int
    event_type: str
    plover_mode: str | None
    acled_hint: str | None
    score: float
    support: tuple[TriggerHit, ...]


def hit_token(doc: Doc, hit: TriggerHit, offset: int) -> Token | None:
    """The syntactic head token of the hit's words in the sentence doc (``offset`` = sentence start)."""
    span = doc.char_span(hit.start - offset, hit.end - offset, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


MAX_CLIMB = 40
"""Heads climbed at most from a trigger: real clauses nest a few levels; a run-on chain must not cost n²."""


def is_reporting(token: Token) -> bool:
    """True for a reporting verb ("said", "according") whose clause only frames the event."""
    return token.lower_ in REPORTING_VERBS


def clause_depth(token: Token) -> int:
    """Levels of embedding between ``token`` and the sentence root, not counting reporting verbs."""
    depth = 0
    current = token
    for _ in range(MAX_CLIMB):  # a run-on sentence of thousands of conjoined clauses stays linear
        if current.head.i == current.i:
            break
        current = current.head
        if not is_reporting(current):
            depth += 1
    return depth


def _pos_ok(token: Token, pos: str) -> bool:
    tag = token.tag_
    if pos == "V":
        return tag.startswith("VB")
    if pos == "N":
        return tag.startswith("NN")
    return True


def score_hit(token: Token, hit: TriggerHit) -> float:
    """Score of one hit: lexicon weight, main-clause bonus, embedding penalty, noun-position penalty."""
    depth = clause_depth(token)
    bonus = MAIN_CLAUSE_BONUS if depth == 0 else 0.0
    return hit.rule.weight + bonus - DEPTH_PENALTY * depth - noun_penalty(token)


def in_background_clause(token: Token) -> bool:
    """True when the trigger sits in an "after" / "following" / "since" clause or phrase attached to
    another word: the earlier event a sentence names as the occasion of its own act."""
    current = token
    for _ in range(MAX_CLIMB):
        if current.head.i == current.i:
            break
        if any(c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKERS for c in current.children):
            return True
        head = current.head
        if head.dep_ in ("prep", "advcl") and head.lower_ in BACKGROUND_MARKERS:
            return True
        current = head
    return False


def rank_hit(token: Token, hit: TriggerHit, hit_heads: set[int]) -> float:
    """The hit's score for choosing the sentence's trigger (the gate and the confidence keep ``score_hit``).

    Its ``score_hit``, less ``BACKGROUND_PENALTY`` when it names the earlier event the act followed, plus
    ``OBJECT_OF_MAIN_VERB_BONUS`` for a noun object of the sentence's main verb when that verb is no trigger
    itself ("announced a suspension of links", "imposed a blackout"): the noun carries the main clause's act.
    ``hit_heads`` are the tokens of all the sentence's hits.
    """
    rank = score_hit(token, hit) - (BACKGROUND_PENALTY if in_background_clause(token) else 0.0)
    head = token.head
    noun_object = token.tag_.startswith("NN") and token.dep_ == "dobj"
    if noun_object and head.dep_ == "ROOT" and head.i not in hit_heads:
        rank += OBJECT_OF_MAIN_VERB_BONUS
    return rank


def noun_penalty(token: Token) -> float:
    """How much a noun trigger's position says it names rather than reports an event.

    A subject of a non-event verb ("the zones cover", "the ceasefire is set to"), a modifier of another noun
    ("artillery battalion", "Liberation Front"), and a bare plural inside an object or prepositional phrase
    ("due to terrorist attacks", "the strategy of kidnappings") are penalised.
    """
    if not token.tag_.startswith("NN"):
        return 0.0
    if token.dep_ in ("nsubj", "nsubjpass"):
        return SUBJECT_NOUN_PENALTY
    if token.dep_ in ("compound", "amod", "nmod") and token.head.lower_ not in EVENT_HEAD_NOUNS:
        return MODIFIER_NOUN_PENALTY
    bare = not any(c.dep_ in ("det", "nummod", "poss") for c in token.children)
    if token.tag_ == "NNS" and bare and token.dep_ in ("pobj", "dobj", "conj"):
        return GENERIC_PLURAL_PENALTY
    return 0.0


def select_frame(
    doc: Doc, sentence: Sentence, hits: tuple[TriggerHit, ...], types: EventTypes
) -> Frame | None:
    """The sentence's frame, or None when no hit is a plausible event trigger.

    A trigger of a type that governs content ("X threatened / called for / refused / agreed to <action>",
    ``governs_content`` in the event-type table) wins over the action it governs: PLOVER codes "threatened
    to attack" as THREATEN and "agreed to withdraw" as AGREE.
    """
    governing = types.where("governs_content")
    scored: list[tuple[float, int, TriggerHit, Token]] = []
    ranks: dict[int, float] = {}
    for order, hit in enumerate(hits):
        token = hit_token(doc, hit, sentence.start)
        if token is None or not _pos_ok(token, hit.rule.pos):
            continue
        scored.append((score_hit(token, hit), -order, hit, token))
    heads = {item[3].i for item in scored}
    for _score, neg, hit, token in scored:
        ranks[-neg] = rank_hit(token, hit, heads)
    if not scored:
        return None
    scored.sort(key=lambda item: (ranks[-item[1]], item[1]), reverse=True)
    best_score, _, best, token = scored[0]
    ancestors = {t.i for t in token.ancestors}
    for score, _order, hit, governor in scored[1:]:
        governs = hit.rule.event_type in governing and (
            governor.tag_.startswith("VB") or (governor.tag_.startswith("NN") and governor.dep_ == "dobj")
        )  # "issued an ultimatum to X to stop attacks": the noun object of a light verb governs too
        if governs and governor.i in ancestors and hit.rule.event_type != best.rule.event_type:
            best_score, best, token = max(score, best_score), hit, governor
            break
    if best_score < (MIN_HEADLINE_SCORE if sentence.headline else MIN_FRAME_SCORE):
        return None
    if sentence.headline and not (token.tag_.startswith("VB") or token.dep_ in ("dobj", "pobj", "conj")):
        return (
            None  # a headline noun phrase ("Clashes in the capital", "Zones to cover ...") names, not reports
        )
    event_type = best.rule.event_type or ""
    same = sorted(
        (item for item in scored if item[2].rule.event_type == event_type),
        key=lambda item: item[2].rule.weight,
        reverse=True,
    )
    mode = next((item[2].rule.plover_mode for item in same if item[2].rule.plover_mode), None)
    hint = next((item[2].rule.acled_sub for item in same if item[2].rule.acled_sub), None)
    if best.rule.acled_sub in DISTINCT_ACTS:  # "abducted ... hours before a suicide bomber struck"
        mode, hint = best.rule.plover_mode or mode, best.rule.acled_sub
    elif best.rule.acled_sub == TERRITORY:  # "captured the town after weeks of shelling": the capture
        hint = TERRITORY
    support = tuple(item[2] for item in same if item[2] is not best)
    return Frame(sentence, best, token.i, event_type, mode, hint, round(best_score, 4), support)


DISTINCT_ACTS = frozenset({"Abduction/forced disappearance", "Arrests", "Sexual violence"})
"""ACLED sub-types recorded apart from a killing in the same sentence; other acts of one type (a riot's
stone-throwing and arson, "attacked and looted") are one event."""


TERRITORY = "<territory>"
"""ACLED hint of a change of control: when the frame's own words are a capture, the weapons that prepared it
("after air strikes", "widening an offensive of shelling") do not make the event a strike (ACLED codes the
capture as the territory event)."""


JUDGING = re.compile(r"^(?:sentenc|convict|jail|acquit|indict|charg)", re.IGNORECASE)
"""Verbs of a court or prosecutor judging an act ("sentenced ... for the bombing", "jailed over the ambush",
"charged three men over the siege")."""
CONNECTION = frozenset({"connection", "relation"})


CONDEMNING = re.compile(r"^(?:condemn|denounc|deplor|decr[iy])", re.IGNORECASE)
"""Verbs of a reaction that name the act reacted to as their object ("condemned the murder of the mayor")."""


def condemned_span(doc: Doc, token_i: int) -> tuple[int, int] | None:
    """Character offsets (in the sentence) of the act a condemning verb names, when token ``token_i`` lies in
    it ("the president condemned [the murder of the mayor]"): the act's own words date it, not the day of the
    condemnation; None elsewhere."""
    for phrase in _condemned_phrases(doc[token_i]):
        lo, hi = phrase.left_edge.i, phrase.right_edge.i
        if lo <= token_i <= hi:
            return doc[lo].idx, doc[hi].idx + len(doc[hi])
    return None


def _condemned_phrases(token: Token) -> list[Token]:
    for verb in (token, *token.ancestors):
        if verb.tag_.startswith("VB") and CONDEMNING.search(verb.text):
            return [c for c in verb.children if c.dep_ == "dobj"]  # "condemned X for the attack": X did it
    return []


def judged_tokens(doc: Doc, first: Frame) -> set[int]:
    """The words of the act a judging verb names as its reason ("sentenced two men for the 2021 ambush",
    "jailed for firing on the substation", "convicted of the massacre"): its "for", "over" or "of" phrase, a
    second event of its own; and the act a condemnation names ("condemned the murder of the mayor")."""
    verb = doc[first.token_i]
    if CONDEMNING.search(verb.text) and verb.tag_.startswith("VB"):
        return {t.i for phrase in _condemned_phrases(verb) for t in phrase.subtree}
    if not JUDGING.search(verb.text):
        return set()
    reasons = [
        c
        for c in verb.children
        if c.dep_ == "prep"
        and (
            c.lower_ in ("for", "over", "of")
            or (c.lower_ == "in" and any(t.lower_ in CONNECTION for t in c.children))
        )
    ]  # "in connection with the arson attack"
    return {t.i for c in reasons for t in c.subtree}


def conjoined_frames(
    doc: Doc, first: Frame, hits: tuple[TriggerHit, ...], types: EventTypes
) -> tuple[Frame, ...]:
    """All events of the sentence: the first frame plus verb triggers conjoined with its verb.

    A sentence such as "gunmen killed three villagers and abducted five" reports two acts; each conjoined
    verb whose trigger names a different act (another PLOVER type, ACLED hint or mode word) than the first
    trigger and scores as a frame by itself becomes a frame of its own, and the first frame then keeps only
    the mode word and hint of its own words.  Nouns, embedded verbs and headlines give no second frame, except
    the act a court's verb judges ("sentenced two men for the ambush": the sentence and the ambush).
    Only types marked ``second_event`` in the event-type table stand as second events.
    """
    second_event = types.where("second_event")
    if first.sentence.headline or not doc[first.token_i].tag_.startswith("VB"):
        return (first,)
    conjuncts = {t.i for t in doc[first.token_i].conjuncts}
    judged = judged_tokens(doc, first)
    judged_hits = {
        token.i
        for hit in hits
        if (token := hit_token(doc, hit, first.sentence.start)) is not None and token.i in judged
    }
    modifiers = {i for i in judged_hits if doc[i].dep_ in ("compound", "amod", "nmod")}
    judged = (judged_hits - modifiers) | {i for i in modifiers if doc[i].head.i not in judged_hits}
    judged = {i for i in judged if not any(a.i in judged for a in doc[i].ancestors)}
    # "the siege that killed 21": the act judged is the siege; the killing it names is the same act
    # "a 2019 bomb attack" is one act: a modifier of another judged trigger is no second one
    own = first.trigger.rule
    seen = {(first.event_type, own.acled_sub, own.plover_mode)}
    found: list[Frame] = []
    for hit in hits:
        if hit is first.trigger or hit.rule.event_type not in second_event:
            continue
        token = hit_token(doc, hit, first.sentence.start)
        if first.event_type not in second_event and (token is None or token.i not in judged):
            continue  # a protest's own acts (stones, burning tyres) belong to the protest
        if hit.rule.event_type == first.event_type and hit.rule.acled_sub not in DISTINCT_ACTS:
            continue
        if token is None or token.i not in conjuncts | judged or not _pos_ok(token, hit.rule.pos):
            continue
        key = (hit.rule.event_type or "", hit.rule.acled_sub, hit.rule.plover_mode)
        score = hit.rule.weight if token.i in judged else score_hit(token, hit)
        verbal = token.tag_.startswith("VB") or token.i in judged
        if key in seen or score < MIN_FRAME_SCORE or not verbal:
            continue
        seen.add(key)
        found.append(Frame(first.sentence, hit, token.i, key[0], key[2], key[1], round(score, 4), ()))
    if not found:
        return (first,)
    split = {f.trigger for f in found}
    support = tuple(h for h in first.support if h not in split)
    ranked = sorted((first.trigger, *support), key=lambda h: h.rule.weight, reverse=True)
    first = replace(
        first,
        plover_mode=next((h.rule.plover_mode for h in ranked if h.rule.plover_mode), None),
        acled_hint=next((h.rule.acled_sub for h in ranked if h.rule.acled_sub), None),
        support=support,
    )
    return (first, *found)
