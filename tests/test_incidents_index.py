"""Tests for conflict_events.incidents.index: the candidate lookup never misses a match, and prunes."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from conflict_events.contracts import ConflictEvent
from conflict_events.incidents import ResolutionSettings, compare
from conflict_events.incidents.footprint import footprint_of
from conflict_events.incidents.index import IncidentIndex
from conflict_events.incidents.records import incident_from_event
from test_incidents_match import make_event

SETTINGS = ResolutionSettings()
NOW = datetime(2024, 3, 5, tzinfo=UTC)


def random_events(seed: int, count: int, latitude: float) -> list[ConflictEvent]:
    """Towns scattered over ~60 km around ``latitude``, some province-level or coordinate-less reports,
    dates over three weeks."""
    rng = random.Random(seed)
    events = []
    for i in range(count):
        lat, lon = latitude + rng.uniform(-0.3, 0.3), 30 + rng.uniform(-0.3, 0.3)
        kind = rng.random()
        if kind < 0.1:
            place = ("Province", "COD", rng.choice(["A", "B"]), None, None, None, "admin1", 3)
        elif kind < 0.15:
            place = (f"Village {i % 7}", "COD", "A", None, None, None, "place", 1)
        else:
            place = (f"Town {i}", "COD", "A", lat, lon, None, "place", 1)
        day = date(2024, 3, 1) + timedelta(days=rng.randrange(21))
        events.append(make_event(f"r{i}", day=day, place=place, precision=rng.choice([1, 1, 1, 2])))
    return events


def test_candidates_include_every_match() -> None:
    """At the equator, 45° and 65° north: every incident that matches is among the candidates."""
    for seed, latitude in ((1, 0.0), (2, 45.0), (3, 65.0)):
        events = random_events(seed, 400, latitude)
        incidents = [incident_from_event(e, NOW) for e in events[:200]]
        index = IncidentIndex(SETTINGS)
        for incident in incidents:
            index.add(incident.incident_id, footprint_of(incident))
        for event in events[200:]:
            candidates = set(index.candidates(footprint_of(event)))
            matches = {i.incident_id for i in incidents if compare(i, event, SETTINGS).same}
            assert matches <= candidates, event.event_id


def test_towns_only_see_nearby_incidents() -> None:
    """A town-level report is compared with a small share of the state, not all of it."""
    events = random_events(4, 400, 0.0)
    index = IncidentIndex(SETTINGS)
    for event in events[:200]:
        incident = incident_from_event(event, NOW)
        index.add(incident.incident_id, footprint_of(incident))
    pinned = [e for e in events[200:] if e.location is not None and e.location.latitude is not None]
    looked_at = sum(len(index.candidates(footprint_of(e))) for e in pinned) / len(pinned)
    assert looked_at < 40


def test_remove_forgets() -> None:
    """A removed incident is no candidate any more; removing twice is harmless."""
    index = IncidentIndex(SETTINGS)
    incident = incident_from_event(make_event("e1"), NOW)
    index.add(incident.incident_id, footprint_of(incident))
    assert index.candidates(footprint_of(make_event("e2"))) == [incident.incident_id]
    index.remove(incident.incident_id)
    index.remove(incident.incident_id)
    assert index.candidates(footprint_of(make_event("e2"))) == []
