"""Incident records: made from a first event, grown by folding in another record, closed.

Adding an event is folding in the one-event incident it would make, so there is a single combining
rule for a new report and for a merge of two incidents.  Every function returns a new record.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from conflict_events.contracts import (
    ConflictEvent,
    Incident,
    IncidentActor,
    IncidentDate,
    IncidentLocation,
    IncidentQuantity,
    QuantityReport,
)
from conflict_events.incidents._aggregate import (
    combine_confidence,
    merge_actors,
    merge_dates,
    merge_locations,
    merge_quantities,
    quantity_of,
    union,
)


def incident_id_for(event_id: str) -> str:
    """Stable id of the incident an event starts: a replay or a restarted worker gives the same key."""
    return "inc-" + hashlib.sha256(f"incident\0{event_id}".encode()).hexdigest()[:32]


def incident_from_event(event: ConflictEvent, now: datetime) -> Incident:
    """Version 1 of the incident that ``event`` is the first report of."""
    locations = _event_locations(event)
    return Incident(
        incident_id=incident_id_for(event.event_id),
        version=1,
        status="open",
        event_type=event.event_type,
        acled_event_type=event.acled_event_type,
        acled_sub_event_type=event.acled_sub_event_type,
        category=event.category,
        location=locations[0] if locations else None,
        locations=locations,
        date=IncidentDate(
            **event.date.model_dump(include={"start", "end", "granularity", "time_precision", "fallback"})
        ),
        actors=merge_actors([], _event_actors(event)),
        quantities=_event_quantities(event, now),
        event_ids=[event.event_id],
        article_ids=[event.article_id],
        first_seen=now,
        last_seen=now,
        source_count=1,
        confidence=event.confidence,
    )


LOCATION_FIELDS = {
    "name",
    "country",
    "admin1",
    "latitude",
    "longitude",
    "geonames_id",
    "feature",
    "geo_precision",
}
ACTOR_FIELDS = {"role", "name", "named", "country", "actor_type", "sector"}


def _event_locations(event: ConflictEvent) -> list[IncidentLocation]:
    """The event's place as an incident location it supports (none when it has no place)."""
    if event.location is None:
        return []
    return [
        IncidentLocation(**event.location.model_dump(include=LOCATION_FIELDS), event_ids=[event.event_id])
    ]


def _event_actors(event: ConflictEvent) -> list[IncidentActor]:
    """The event's actors without their spans (those point into one article), supported by the event."""
    return [
        IncidentActor(**actor.model_dump(include=ACTOR_FIELDS), event_ids=[event.event_id])
        for actor in event.actors
    ]


def _event_quantities(event: ConflictEvent, now: datetime) -> list[IncidentQuantity]:
    """One report per kind: the event's largest count of that kind (repeated mentions are one report)."""
    largest: dict[str, QuantityReport] = {}
    for q in event.quantities:
        if q.kind not in largest or q.best > largest[q.kind].best:
            largest[q.kind] = QuantityReport(
                event_id=event.event_id,
                article_id=event.article_id,
                min=q.min,
                max=q.max,
                best=q.best,
                qualifier=q.qualifier,
                seen_at=now,
            )
    return [quantity_of(kind, [report]) for kind, report in largest.items()]


def fold(survivor: Incident, other: Incident, ceiling: float) -> Incident:
    """``survivor`` with everything ``other`` reports; id, version, status and act stay the survivor's
    (an ACLED type is taken from ``other`` only when the survivor has none)."""
    locations = merge_locations(survivor.locations, other.locations)
    articles = union(survivor.article_ids, other.article_ids)
    new_sources = len(articles) > len(survivor.article_ids)
    acled = survivor if survivor.acled_event_type is not None else other
    return survivor.model_copy(
        update={
            "acled_event_type": acled.acled_event_type,
            "acled_sub_event_type": acled.acled_sub_event_type,
            "location": locations[0] if locations else None,
            "locations": locations,
            "date": merge_dates(survivor.date, other.date),
            "actors": merge_actors(survivor.actors, other.actors),
            "quantities": merge_quantities(survivor.quantities, other.quantities),
            "event_ids": union(survivor.event_ids, other.event_ids),
            "article_ids": articles,
            "first_seen": min(survivor.first_seen, other.first_seen),
            "last_seen": max(survivor.last_seen, other.last_seen),
            "source_count": len(articles),
            "confidence": combine_confidence(survivor.confidence, other.confidence, ceiling)
            if new_sources
            else survivor.confidence,
        }
    )


def next_version(incident: Incident, **changes: object) -> Incident:
    """The next published record of ``incident`` with ``changes`` applied."""
    return incident.model_copy(update={"version": incident.version + 1, **changes})


def closed_record(incident: Incident, merged_into: str | None = None) -> Incident:
    """The final record: closed by eviction, or folded into ``merged_into`` (a tombstone follows it)."""
    return next_version(incident, status="closed", merged_into=merged_into)
