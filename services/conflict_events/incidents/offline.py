"""Batch resolution: the incidents a list of events makes, for ``extract --incidents`` and evaluation.

The same resolver as the stream, fed in input order.  There is no wall clock offline, so an event is
"received" at midnight UTC of its own last date plus its input position in microseconds (ties in
age, which decide merges, then keep input order); nothing is evicted (a batch is bounded already and
may be in any date order, which would make eviction drop events as late).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, time, timedelta

from conflict_events.contracts import ConflictEvent, Incident
from conflict_events.incidents.resolver import Resolver
from conflict_events.incidents.settings import ResolutionSettings


def resolve_all(
    events: Iterable[ConflictEvent], settings: ResolutionSettings | None = None
) -> list[Incident]:
    """The open incidents after resolving ``events`` in order, oldest incident first (merged-away ones
    are gone; their events are in the survivors)."""
    resolver = Resolver(settings)
    for position, event in enumerate(events):
        resolver.apply(event, received_at(event, position))
    return list(resolver.incidents)


def event_clusters(incidents: Iterable[Incident]) -> dict[str, str]:
    """Event id → incident id, the shape the scorer takes."""
    return {event_id: incident.incident_id for incident in incidents for event_id in incident.event_ids}


def received_at(event: ConflictEvent, position: int = 0) -> datetime:
    """The offline stand-in for the receive time: midnight UTC of the event's last date, plus its
    position in the input in microseconds."""
    return datetime.combine(event.date.end, time(0, 0), tzinfo=UTC) + timedelta(microseconds=position)
