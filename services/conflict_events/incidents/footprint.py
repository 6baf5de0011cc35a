"""What matching looks at, taken from an event or from an incident record alike.

Matching compares an event with an incident, and (before a merge) an incident with an incident; one
shape for both keeps the rules in one place.  An incident's footprint is read from its published
record only, which is what lets ``Resolver.restore`` rebuild exactly the state it had.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from conflict_events.contracts import (
    Actor,
    ConflictEvent,
    Incident,
    IncidentActor,
    IncidentLocation,
    Location,
)


@dataclass(frozen=True, slots=True)
class Place:
    """A town-level place: compared by GeoNames id, then distance, then name."""

    name: str
    geonames_id: int | None
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True, slots=True)
class SourceActor:
    """A named source actor reduced to what a contradiction test needs.

    ``kind`` is the ACLED actor type (else the PLOVER sector); ``identity`` is the normalized name,
    except for state forces, where it is the country: outlets call one army "the government", "the
    military" or "the police", and that is no contradiction.
    """

    kind: str
    identity: str
    name: str


@dataclass(frozen=True, slots=True)
class Footprint:
    """Act, date, place and named sources of an event or an incident."""

    plover_type: str
    acled_type: str | None
    start: date
    end: date
    coarse_date: bool
    country: str | None
    admin1: str | None
    places: tuple[Place, ...]
    sources: tuple[SourceActor, ...]
    acled_sub_type: str | None = None


def footprint_of(item: ConflictEvent | Incident | Footprint) -> Footprint:
    """The footprint of an event or an incident (a footprint is returned as it is)."""
    if isinstance(item, Footprint):
        return item
    if isinstance(item, Incident):
        return _incident_footprint(item)
    return _event_footprint(item)


def _event_footprint(event: ConflictEvent) -> Footprint:
    """An event: its one location, its date and its named source actors."""
    loc = event.location
    return Footprint(
        plover_type=event.event_type,
        acled_type=event.acled_event_type,
        acled_sub_type=event.acled_sub_event_type,
        start=event.date.start,
        end=event.date.end,
        coarse_date=event.date.time_precision > 1 or event.date.fallback,
        country=loc.country if loc else None,
        admin1=loc.admin1 if loc else None,
        places=(_place(loc),) if loc is not None and loc.feature == "place" else (),
        sources=_sources(event.actors),
    )


def _incident_footprint(incident: Incident) -> Footprint:
    """An incident: every town any report gave (a new report may name any of them) and its date range."""
    best = incident.location
    admin1 = next((loc.admin1 for loc in incident.locations if loc.admin1), None)
    return Footprint(
        plover_type=incident.event_type,
        acled_type=incident.acled_event_type,
        acled_sub_type=incident.acled_sub_event_type,
        start=incident.date.start,
        end=incident.date.end,
        coarse_date=incident.date.time_precision > 1 or incident.date.fallback,
        country=best.country if best else None,
        admin1=admin1,
        places=tuple(_place(loc) for loc in incident.locations if loc.feature == "place"),
        sources=_sources(incident.actors),
    )


def _place(loc: Location | IncidentLocation) -> Place:
    return Place(loc.name, loc.geonames_id, loc.latitude, loc.longitude)


KIND_ONLY = re.compile(r"\S.*\([^()]+\)$")
"""A name that only says the kind of actor and where, in ACLED's way: "Rebel Groups (Mali)", "Rioters
(Haiti)", "Militia (Nigeria)".  "Terrorists" in one report and "JNIM" in another are no contradiction."""


def _sources(actors: list[Actor] | list[IncidentActor]) -> tuple[SourceActor, ...]:
    """Named source actors with a known kind; unnamed, untyped or kind-only ones never contradict anything.

    State forces are identified by their country (so "Military Forces of Mali" is an identity; forces of
    no stated country never contradict); any other actor by its name, unless the name only gives its
    kind and country (``KIND_ONLY``).
    """
    found: list[SourceActor] = []
    for actor in actors:
        kind = actor.actor_type or actor.sector
        if actor.role != "source" or not actor.named or kind is None:
            continue
        if actor.actor_type == "State Forces":
            if not actor.country:
                continue  # "the military", country unsaid: any state's forces
            identity = f"state:{actor.country}"
        elif KIND_ONLY.match(actor.name):
            continue
        else:
            identity = actor.name.casefold()
        found.append(SourceActor(kind, identity, actor.name))
    return tuple(found)
