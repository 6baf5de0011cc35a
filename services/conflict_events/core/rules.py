"""Coding rules as named stages: violations, disasters, intents, official protests, per-act counts, fallback.

Each rule follows a phenomenon of the PLOVER or ACLED coding.  The ``*_stage``-style functions at the end take
and return a ``Candidate`` (or drop it) like every other stage; ``core.stages`` declares where they run.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from conflict_events.contracts import Actor, ConflictEvent, Location, Quantity
from conflict_events.core.actors import actor_from_words
from conflict_events.core.dedup import fold_seizures, merge_incidents
from conflict_events.core.frames import Frame
from conflict_events.core.lexicons import EventTypeFacts
from conflict_events.core.modes import (
    captive_state_cue,
    cessation_cue,
    characterizing_cue,
    formula_cue,
    generic_act_cue,
    habitual_cue,
    ongoing_habit_cue,
)
from conflict_events.core.record import ArticleContext, Candidate
from conflict_events.core.text import TriggerHit
from conflict_events.geo import country_location

VIOLATION = "<violation>"
"""ACLED hint of triggers such as "broke the ceasefire": the breaker is accused, the reporter accuses."""

THREAT = "THREATEN"
VERBAL_CONFLICT = "verbal_conflict"
"""The quad of demands, accusations, rejections and threats: an "unless" on them makes no new threat."""
INTENT_MODES = frozenset({"planned", "threatened"})
"""Announced acts are intents; a conditional one ("would", "may") only when someone is reported saying it."""


def intent_type(facts: EventTypeFacts, mode: str, attributed: bool) -> tuple[str, str]:
    """PLOVER type and epistemic mode of an act announced rather than done (``announced_as`` in the table).

    Conflict acts announced for the future (or said to be conditional by a reported speaker) are threats in
    PLOVER ("they would boycott the talks": THREATEN, mode threatened); cooperative ones are intents to
    cooperate ("will provide aid": AGREE, keeping the mode).  Anything else is returned unchanged.
    """
    event_type, target = facts.event_type, facts.announced_as
    announced = mode in INTENT_MODES or (mode == "hypothetical" and attributed)
    if not announced or target is None:
        return event_type, mode
    if target == "THREATEN":
        return target, "threatened"
    return (target, mode) if mode != "threatened" else (event_type, mode)


def ultimatum_cue(doc: Any, trigger_i: int) -> bool:
    """True when the act at ``trigger_i`` is announced on a condition the other side must meet: an "unless"
    clause on the act's verb or on a verb above it ("will withdraw its force unless the talks resume").

    PLOVER codes an act made conditional on the target's compliance as a threat, whatever the act.
    """
    current = doc[trigger_i]
    while True:
        for child in current.children:
            if child.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ == "unless" for m in child.children
            ):
                return True
        if current.head.i == current.i:
            return False
        current = current.head


CLAIMED_KINDS = {
    "Abduction/forced disappearance": frozenset({"kidnapped"}),
    "Arrests": frozenset({"arrested"}),
}
"""Counts that belong to one act when a sentence holds several ("killed three and abducted five")."""


def frame_quantities(
    quantities: tuple[Quantity, ...], frame: Frame, frames: tuple[Frame, ...]
) -> tuple[Quantity, ...]:
    """The sentence's counts that belong to ``frame``: all of them when it is the sentence's only frame."""
    if len(frames) == 1:
        return quantities
    own = CLAIMED_KINDS.get(frame.acled_hint or "")
    if own is not None:
        return tuple(q for q in quantities if q.kind in own)
    others = frozenset().union(
        *(CLAIMED_KINDS.get(f.acled_hint or "", frozenset()) for f in frames if f is not frame)
    )
    return tuple(q for q in quantities if q.kind not in others)


INSTITUTION_SECTORS = frozenset({"GOV", "IGO"})
"""Sectors of sources that protest in words, not in the street: governments and international bodies."""


def official_protest(frame: Frame, actors: tuple[Actor, ...], doc: Any) -> bool:
    """A protest made in words (the verb "protest" with an institutional source, or with a "that" clause)
    lodges a complaint.

    Crowds protest in the street (PLOVER PROTEST); a government, ministry or international body that
    "protested" a decision or "protested to" another state objects formally, and anyone who "protested that"
    something was done says so: PLOVER codes both as ACCUSE.
    """
    token = doc[frame.token_i]
    if not token.tag_.startswith("VB") or not token.lower_.startswith("protest"):
        return False
    if any(
        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in token.children
    ):
        return True
    sources = [a for a in actors if a.role == "source"]
    return bool(sources) and all(a.sector in INSTITUTION_SECTORS for a in sources)


PROTEST_NOUN = re.compile(
    r"(?:protest(?:s|ers?|ors?)?|demonstrat(?:ions?|ors?)|rall(?:y|ies)|marchers?|marches|sit-ins?|crowds?)",
    re.IGNORECASE,
)
"""Words for a demonstration or its crowd (the noun that makes a demand a protest's)."""
DEMAND_REACH = 3
"""How many governors up a demand verb may be from the protest noun or the verb with its subject."""


def protest_demand(doc: Any, token_i: int) -> bool:
    """True when the demand at ``token_i`` is made by a demonstration: the protest noun governs it
    ("demonstrations demanding justice", "demonstrators calling for ...") or is the subject of it or of a
    verb above it ("protesters turned out to demand ...", "the marchers demanded ...")."""
    node = doc[token_i]
    for _ in range(DEMAND_REACH):
        if node.i != token_i and node.pos_ in ("NOUN", "PROPN") and PROTEST_NOUN.fullmatch(node.text):
            return True
        if any(c.dep_ in ("nsubj", "nsubjpass") and PROTEST_NOUN.fullmatch(c.text) for c in node.children):
            return True
        if node.head is node:
            break
        node = node.head
    return False


def with_country_fallback(
    event: ConflictEvent, story_ends: dict[int, tuple[int, int]], fallback: dict[int, Location | None]
) -> ConflictEvent:
    """An event whose sentences name no place gets its story's main country (precision 3, low confidence).

    Applied after deduplication and scoring, so that the guess neither splits mentions of one event nor
    raises the event's confidence; the location's ``reason`` says where it came from and ``span`` is None.
    """
    if event.location is not None:
        return event
    start = event.evidence.sentence.start
    story = next((k for k, (lo, hi) in story_ends.items() if lo <= start < hi), None)
    location = fallback.get(story) if story is not None else None
    return event if location is None else event.model_copy(update={"location": location})


DISASTER = re.compile(
    r"\b(?:crash(?:ed|es)?|collisions?|collided|derail(?:ed|ment)|plunged|capsi[sz]ed|sank|accidents?|accidental"
    r"|earthquakes?|tremors?|quakes?|tsunamis?|volcano(?:es)?|erupt(?:ed|ion|s)?|floods?|flooding"
    r"|landslides?|mudslides?|avalanches?|cyclones?|hurricanes?|typhoons?|storms?|torrential|lightning"
    r"|gas (?:leak|explosion|cylinder)s?|chemical (?:leak|plant)s?|boilers?|fireworks?|stampedes?|collapsed?"
    r"|fire broke out|drown(?:ed|ing)|heat ?waves?|disasters?|outbreak|epidemic)\b",
    re.IGNORECASE,
)
"""Natural and industrial causes of death: a casualty report with one of them and no attacker is no attack."""
DAMAGE = re.compile(
    r"destroy(?:ed|s|ing)?|damag(?:e|ed|es|ing)|flatten(?:ed|s|ing)?|wreck(?:ed|s|ing)?", re.IGNORECASE
)
"""Words of damage that a disaster does as well as an attacker ("an earthquake destroyed the old town")."""


def sentence_words(hit: TriggerHit, frame: Frame, sentence: str) -> str:
    """The words of a trigger hit, read from its sentence (hits hold article offsets)."""
    start = hit.start - frame.sentence.start
    return sentence[start : start + hit.end - hit.start]


def is_disaster(frame: Frame, actors: tuple[Actor, ...], sentence: str) -> bool:
    """True for an ASSAULT read only from casualty words in a sentence that names a disaster or accident.

    "Nineteen people were killed when their bus plunged off a bridge", "the earthquake killed two": the
    killing verb has no perpetrator and the sentence names a natural or industrial cause.  A weapon or attack
    word among the triggers (they carry an ACLED hint) or any source written in the sentence keeps the event.
    """
    if frame.event_type != "ASSAULT" or not DISASTER.search(sentence):
        return False
    hits = (frame.trigger, *frame.support)
    if any(h.rule.acled_sub and not DAMAGE.fullmatch(sentence_words(h, frame, sentence)) for h in hits):
        return False
    return not any(a.role == "source" and a.span is not None for a in actors)


def mark_violation(candidate: Candidate, ctx: ArticleContext) -> Candidate:
    """ "X broke the ceasefire": X is the target of the accusation, not the source of an act."""
    if candidate.frame.acled_hint == VIOLATION:
        candidate.violation = True
        candidate.actors = tuple(a.model_copy(update={"role": "target"}) for a in candidate.actors)
    return candidate


def violation_accuser(candidate: Candidate, ctx: ArticleContext) -> Candidate:
    """The reported source of a violation ("according to war monitors") is the accuser."""
    attribution = candidate.attribution
    if candidate.violation and attribution is not None:
        accuser = actor_from_words(
            attribution.source, attribution.span, "source", ctx.actor_contexts[candidate.story]
        )
        if accuser is not None:
            candidate.actors = (accuser, *candidate.actors)
    return candidate


def drop_disasters(candidate: Candidate, ctx: ArticleContext) -> Candidate | None:
    """ "Killed when their bus plunged off a bridge": an accident, not an attack."""
    sentence = ctx.text[candidate.sentence.start : candidate.sentence.end]
    return None if is_disaster(candidate.frame, candidate.actors, sentence) else candidate


COUNTED_HARM = frozenset({"killed", "injured", "kidnapped"})
"""Counts of people an act hurt: "nine were wounded during an offensive" tells an incident, whatever word
names the act."""


def mark_habitual(candidate: Candidate, ctx: ArticleContext) -> Candidate:
    """ "Rebels have repeatedly attacked schools", "shelled since the start of the war": a habit or a period
    of background, no single event (see ``modes.habitual_cue``), as is an act a present "continues to"
    governs (``ongoing_habit_cue``) and a captive's state ("the kidnapped pupils", ``captive_state_cue``);
    noted for ``drop_background``. An accusation of a habit ("has repeatedly broken ceasefires, monitors
    say") is still one act of accusing."""
    doc, i = candidate.doc, candidate.frame.token_i
    accusing = candidate.violation or candidate.event_type == "ACCUSE"
    violent = candidate.event_type == "ASSAULT"
    counted = any(q.kind in COUNTED_HARM and q.min > 0 for q in candidate.quantities)
    kind = violent and not counted and (generic_act_cue(doc, i) or characterizing_cue(doc, i))
    habit = habitual_cue(doc, i) or ongoing_habit_cue(doc, i) or kind
    if (not accusing and habit) or captive_state_cue(doc, i):
        ctx.background.add(candidate.frame.trigger.start)
    return candidate


def drop_formulas(candidate: Candidate, ctx: ArticleContext) -> Candidate | None:
    """Set phrases that name an act without telling one (a defendant "accused of", "asked not to be named",
    an appeal for witnesses, "will not go unpunished"; see ``modes.formula_cue``) make no event, nor do acts
    named in a demand that they stop ("stop the assassinations", ``modes.cessation_cue``: violent acts only;
    "end the sanctions" is still the sanction's mention)."""
    doc, i = candidate.doc, candidate.frame.token_i
    stop = candidate.event_type == "ASSAULT" and cessation_cue(doc, i)
    return None if formula_cue(doc, i) or stop else candidate


def drop_background(events: list[ConflictEvent], ctx: ArticleContext) -> list[ConflictEvent]:
    """An article that tells an incident keeps its background habits out of the record; a text that tells
    nothing but the habit (one sentence) keeps it as its event."""
    told = [e for e in events if e.evidence.trigger.start not in ctx.background]
    return told if told else events


def retype_intent(candidate: Candidate, ctx: ArticleContext) -> Candidate:
    """Acts announced rather than done become THREATEN or AGREE (see ``intent_type``); an act announced on an
    "unless" condition is a threat whatever its type (see ``ultimatum_cue``)."""
    mode = candidate.mode.mode if candidate.mode is not None else candidate.mode_name
    facts = ctx.resources.lexicons.event_types[candidate.event_type]
    announced = mode in INTENT_MODES | {"hypothetical"} and facts.quad != VERBAL_CONFLICT
    if announced and ultimatum_cue(candidate.doc, candidate.frame.token_i):
        candidate.event_type, candidate.mode_name = THREAT, "threatened"
        return candidate
    candidate.event_type, candidate.mode_name = intent_type(facts, mode, candidate.attribution is not None)
    return candidate


def protest_demand_stage(candidate: Candidate, ctx: ArticleContext) -> Candidate:
    """A demand a demonstration makes is the demonstration (ACLED and PLOVER code the protest, not a
    verbal request): "demonstrations demanding the release of ...", "protesters turned out to demand ..."."""
    frame = candidate.frame
    requests = candidate.event_type == "REQUEST" and frame.event_type == "REQUEST"
    if requests and protest_demand(candidate.doc, frame.token_i):
        candidate.event_type = "PROTEST"
        candidate.frame = replace(
            frame, event_type="PROTEST", plover_mode="demo", acled_hint="Peaceful protest"
        )
    return candidate


def official_protest_stage(candidate: Candidate, ctx: ArticleContext) -> Candidate:
    """ "The ministry protested the decision": a formal complaint, PLOVER ACCUSE."""
    if candidate.event_type == "PROTEST" and official_protest(
        candidate.frame, candidate.actors, candidate.doc
    ):
        candidate.event_type = "ACCUSE"
    return candidate


def country_fallback(events: list[ConflictEvent], ctx: ArticleContext) -> list[ConflictEvent]:
    """Events that name no place get their story's main country (see ``with_country_fallback``)."""
    gazetteer = ctx.resources.gazetteer
    fallback = {story: country_location(gazetteer, c) for story, c in ctx.story_country.items()}
    return [with_country_fallback(e, ctx.story_bounds, fallback) for e in events]


def incident_mentions(events: list[ConflictEvent], ctx: ArticleContext) -> list[ConflictEvent]:
    """One event per violent incident: later mentions ("the attack", a claim of it, a revised toll) join the
    nearest earlier compatible incident (see ``dedup.merge_incidents``)."""
    readings = ctx.resources.lexicons.crosswalk.acled_plover
    assault = frozenset(sub for sub, (plover, _mode) in readings.items() if plover == "ASSAULT")
    headlines = frozenset(p.start for p in ctx.document.paragraphs if p.headline)
    return merge_incidents(events, ctx.text, assault, headlines)


def seizure_mentions(events: list[ConflictEvent], ctx: ArticleContext) -> list[ConflictEvent]:
    """Weapons seized in an operation told before are part of it (see ``dedup.fold_seizures``)."""
    readings = ctx.resources.lexicons.crosswalk.acled_plover
    assault = frozenset(sub for sub, (plover, _mode) in readings.items() if plover == "ASSAULT")
    return fold_seizures(events, assault)
