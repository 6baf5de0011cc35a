"""Which of an article's events is its main one: one rule, shared by scoring, training and the relevance
stage (the rules' vote the model learns from is this event's)."""

from __future__ import annotations

from collections.abc import Sequence

from conflict_events.contracts import ConflictEvent


def _rank(event: ConflictEvent) -> tuple[bool, bool, bool, float, int]:
    return (
        event.mode in ("asserted", "claimed"),
        event.acled_sub_event_type is not None,
        event.category in ("violence", "protest"),
        event.confidence,
        -event.evidence.sentence.start,
    )


def main_of(events: Sequence[ConflictEvent]) -> ConflictEvent | None:
    """Prefer events that happened (asserted or claimed), then events ACLED would record (an ACLED sub-event
    type), then violence and protest over the rest, then the highest confidence, then the earliest; None
    when there is no event."""
    return max(events, key=_rank) if events else None
