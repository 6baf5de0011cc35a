"""Which events enter incident resolution, and why the others stay out.

Incidents are things that happened on the ground and that several outlets report: violence,
demonstrations, arrests and the other ACLED-coded acts.  Statements (accusations, threats, appeals,
talks) are not resolved: each one is its own act, and two "X accused Y" reports a day apart are
usually two accusations.  Events that did not (or not yet) happen (planned, threatened, negated,
hypothetical, denied) or that summarize the past (historical) would open incidents that never took
place or fold an old war into today's raid.
"""

from __future__ import annotations

from typing import Literal

from conflict_events.contracts import ConflictEvent
from conflict_events.incidents.settings import ResolutionSettings


def ineligibility(
    event: ConflictEvent, settings: ResolutionSettings
) -> Literal["ignored_act", "ignored_mode"] | None:
    """None when the event enters resolution, else the reason code it stays out
    (``ignored_act``: not an on-the-ground act; ``ignored_mode``: not asserted or claimed)."""
    if event.acled_event_type is None and event.event_type not in settings.resolvable_plover_types:
        return "ignored_act"
    if event.mode not in settings.resolvable_modes:
        return "ignored_mode"
    return None
