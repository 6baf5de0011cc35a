"""Place: the event's location, chosen from the place mentions of its sentence with the geo helper's resolver.

Place names in actor positions (subjects, possessors, passive agents, countries as objects) are not places.
Of the other mentions, the one syntactically closest to the trigger (inside the trigger clause's subtree
first, then by token distance) is the event's place; mentions written right next to it ("Syria’s Idlib",
"Homs, Syria") go along as context for the resolver.  An event with no place words in its sentence has no
location here; the pipeline later gives it the story's main country at precision 3 (``geo.country_location``,
span None, confidence 0.3, a reason that says so), after deduplication and scoring.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from conflict_events.contracts import Location
from conflict_events.geo import PlaceMention, resolve_location

ADJACENT_CHARS = 4


def _token_index(doc: Doc, start: int, end: int) -> int | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root.i if span is not None and len(span) else None


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
OBJECT_DEPS = frozenset({"dobj", "dative"})


def is_actor_position(token: Token, feature: str) -> bool:
    """True when the place name plays an actor ("Russia agreed", "Syria's opposition", "by Turkey").

    A name inside a subject phrase ("the ministry in Moscow agreed") is an actor's attribute, not the event's
    place; a country as a direct object ("accused Iran") is an actor, a town as one ("shelled Homs") a place.
    """
    head = token
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ in SUBJECT_DEPS or (feature == "country" and head.dep_ in OBJECT_DEPS):
        return True
    if head.dep_ == "pobj" and head.head.lower_ == "by":
        return True
    return any(a.dep_ in ("nsubj", "nsubjpass") for a in head.ancestors)


def choose_mentions(
    mentions: tuple[PlaceMention, ...],
    doc: Doc,
    offset: int,
    trigger_i: int,
) -> tuple[PlaceMention, ...]:
    """The mention nearest the trigger plus the mentions adjacent to it, nearest first."""
    trigger = doc[trigger_i]
    clause = trigger
    while not clause.tag_.startswith("VB") and clause.head.i != clause.i:
        clause = clause.head
    subtree = {t.i for t in clause.subtree}
    ranked = []
    for mention in mentions:
        index = _token_index(doc, mention.start - offset, mention.end - offset)
        if index is None:
            continue
        if is_actor_position(doc[index], mention.feature):
            continue
        ranked.append((index not in subtree, abs(index - trigger_i), mention.start, mention))
    if not ranked:
        return ()
    ranked.sort(key=lambda item: item[:3])
    best = ranked[0][3]
    near = [
        m
        for m in mentions
        if m is not best
        and (0 <= best.start - m.end <= ADJACENT_CHARS or 0 <= m.start - best.end <= ADJACENT_CHARS)
    ]
    return (best, *near)


def event_location(
    mentions: tuple[PlaceMention, ...],
    doc: Doc,
    offset: int,
    trigger_i: int,
    gazetteer: Any,
    *,
    document_country: str | None,
) -> Location | None:
    """Location of the event whose trigger is token ``trigger_i`` (``mentions``: those in its sentence)."""
    chosen = choose_mentions(mentions, doc, offset, trigger_i)
    if not chosen:
        return None
    location: Location | None = resolve_location(chosen, gazetteer, document_country=document_country)
    return location
