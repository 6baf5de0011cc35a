"""Deduplication: merge the mentions of one event inside an article into one event.

Two events are one when they have the same PLOVER type, compatible modes (equal, or asserted/planned) and
(same place) or (same story and at least one has no place); violent events must also agree on the PLOVER mode
word and their counts must not contradict; stated dates must agree.  The first mention stays the primary
evidence, the others go to ``evidence.mentions``; missing fields are filled from the later mentions, and the
most specific date and counts win (a stated day beats a fallback, "more than 147,000" beats "almost 150,000").
"""

from __future__ import annotations

from conflict_events.contracts import Attribution, ConflictEvent, EventDate, Quantity
from conflict_events.core.assemble import drop_vague_actors, summary_line

COMPATIBLE_MODES = frozenset({"asserted", "planned"})
QUALIFIER_RANK = {
    "exact": 0,
    "more_than": 1,
    "at_least": 1,
    "about": 2,
    "up_to": 2,
    "less_than": 2,
    "vague": 3,
}
MENTION_BONUS = 0.03
GUESSED_COUNTRY_CONFIDENCE = 0.55  # actors whose country was only the document's: replaced by stated ones


def _modes_compatible(a: str, b: str) -> bool:
    return a == b or (a in COMPATIBLE_MODES and b in COMPATIBLE_MODES)


def _place_key(event: ConflictEvent) -> tuple[str, str | None] | None:
    return (event.location.name, event.location.country) if event.location else None


def same_event(a: ConflictEvent, b: ConflictEvent, strict: frozenset[str]) -> bool:
    """True when ``b`` reports the event ``a`` reports; types in ``strict`` (``strict_merge`` in the
    event-type table) also need the same ACLED sub-type, mode, mode word and counts."""
    if a.event_type != b.event_type or not _modes_compatible(a.mode, b.mode):
        return False
    place_a, place_b = _place_key(a), _place_key(b)
    if place_a is not None and place_b is not None:
        if place_a != place_b:
            return False
    elif a.evidence.story_index != b.evidence.story_index:
        return False
    if a.event_type in strict:
        if a.acled_sub_event_type != b.acled_sub_event_type or a.mode != b.mode:
            return False
        if a.plover_mode and b.plover_mode and a.plover_mode != b.plover_mode:
            return False
        counts_a = {q.kind: q.best for q in a.quantities}
        if any(counts_a.get(q.kind, q.best) != q.best for q in b.quantities):
            return False
    return a.date.fallback or b.date.fallback or a.date.start == b.date.start


def _better_date(a: EventDate, b: EventDate) -> EventDate:
    def rank(d: EventDate) -> tuple[bool, int, bool]:
        return (d.fallback, d.time_precision, d.clock_time is None)

    return b if rank(b) < rank(a) else a


def _merge_quantities(a: list[Quantity], b: list[Quantity]) -> list[Quantity]:
    by_kind = {q.kind: q for q in a}
    for q in b:
        old = by_kind.get(q.kind)
        if old is None or QUALIFIER_RANK[q.qualifier] < QUALIFIER_RANK[old.qualifier]:
            by_kind[q.kind] = q
    return sorted(by_kind.values(), key=lambda q: (q.span.start, q.kind))


def _better_attribution(a: Attribution | None, b: Attribution | None) -> Attribution | None:
    if a is None or (b is not None and b.confidence > a.confidence):
        return b
    return a


def merge(a: ConflictEvent, b: ConflictEvent) -> ConflictEvent:
    """``a`` with ``b`` folded in as a further mention."""
    names = {(x.role, x.name) for x in a.actors}
    extra = [x for x in b.actors if (x.role, x.name) not in names and x.named]
    stated_roles = {x.role for x in extra if x.confidence > GUESSED_COUNTRY_CONFIDENCE}
    actors = [
        x for x in a.actors if not (x.role in stated_roles and x.confidence <= GUESSED_COUNTRY_CONFIDENCE)
    ]
    actors = drop_vague_actors(actors + extra)
    location = a.location or b.location
    if any(x.named and x.role == "source" for x in actors):
        actors = [x for x in actors if not (x.role == "source" and x.span is None)]
    mentions = [*a.evidence.mentions, b.evidence.sentence, *b.evidence.mentions]
    return a.model_copy(
        update={
            "actors": actors,
            "location": location,
            "summary": summary_line(actors, a.evidence.trigger.text, location, a.mode),
            "date": _better_date(a.date, b.date),
            "quantities": _merge_quantities(a.quantities, b.quantities),
            "attribution": _better_attribution(a.attribution, b.attribution),
            "evidence": a.evidence.model_copy(update={"mentions": mentions}),
            "confidence": round(min(0.97, max(a.confidence, b.confidence) + MENTION_BONUS), 3),
            "acled_event_type": a.acled_event_type or b.acled_event_type,
            "acled_sub_event_type": a.acled_sub_event_type if a.acled_event_type else b.acled_sub_event_type,
        }
    )


def merge_mentions(events: list[ConflictEvent], strict: frozenset[str]) -> list[ConflictEvent]:
    """Events in text order with every later mention of an earlier event merged into it (``strict``: the
    types that merge only on equal sub-type, mode and counts)."""
    kept: list[ConflictEvent] = []
    for event in sorted(events, key=lambda e: e.evidence.sentence.start):
        for i, earlier in enumerate(kept):
            if same_event(earlier, event, strict):
                kept[i] = merge(earlier, event)
                break
        else:
            kept.append(event)
    return kept
