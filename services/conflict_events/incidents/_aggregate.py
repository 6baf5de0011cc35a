"""Combining the parts of two incident records: places, actors, counts, dates, confidence.

Each function is order-insensitive where the meaning allows (date ranges, supports) and keeps arrival
order where it carries meaning (revisions of a count), so a rebuilt state gives the same records.
"""

from __future__ import annotations

from collections.abc import Iterable

from conflict_events.contracts import (
    IncidentActor,
    IncidentDate,
    IncidentLocation,
    IncidentQuantity,
    QuantityReport,
)

FEATURE_RANK = {"place": 0, "region": 1, "admin1": 2, "country": 3}
"""Finer places first: a town pins the incident, a province only bounds it."""


def union(left: Iterable[str], right: Iterable[str]) -> list[str]:
    """Ordered union: the left items in order, then the new right ones."""
    return list(dict.fromkeys([*left, *right]))


def merge_locations(left: list[IncidentLocation], right: list[IncidentLocation]) -> list[IncidentLocation]:
    """One entry per place (GeoNames id, else name and area), supports united, best first.

    Best: the finest feature, then the most reports, then the most precise, then the first reported.
    """
    merged: dict[object, IncidentLocation] = {}
    for loc in [*left, *right]:
        key = _location_key(loc)
        seen = merged.get(key)
        merged[key] = (
            loc
            if seen is None
            else seen.model_copy(update={"event_ids": union(seen.event_ids, loc.event_ids)})
        )
    order = {key: i for i, key in enumerate(merged)}
    return sorted(
        merged.values(),
        key=lambda loc: (
            FEATURE_RANK[loc.feature],
            -len(loc.event_ids),
            loc.geo_precision,
            order[_location_key(loc)],
        ),
    )


def _location_key(loc: IncidentLocation) -> object:
    if loc.geonames_id is not None:
        return loc.geonames_id
    return (loc.name.casefold(), loc.country, loc.admin1, loc.feature)


def merge_actors(left: list[IncidentActor], right: list[IncidentActor]) -> list[IncidentActor]:
    """One entry per role and name, supports united; sources first, then the most reported."""
    merged: dict[tuple[str, str], IncidentActor] = {}
    for actor in [*left, *right]:
        key = (actor.role, actor.name)
        seen = merged.get(key)
        merged[key] = (
            actor
            if seen is None
            else seen.model_copy(update={"event_ids": union(seen.event_ids, actor.event_ids)})
        )
    order = {key: i for i, key in enumerate(merged)}
    return sorted(
        merged.values(),
        key=lambda a: (a.role != "source", -len(a.event_ids), order[(a.role, a.name)]),
    )


def merge_quantities(left: list[IncidentQuantity], right: list[IncidentQuantity]) -> list[IncidentQuantity]:
    """Per kind: every report, ordered by when it was seen; the latest report gives the current value."""
    reports: dict[str, list[QuantityReport]] = {}
    for quantity in [*left, *right]:
        known = reports.setdefault(quantity.kind, [])
        ids = {r.event_id for r in known}
        known.extend(r for r in quantity.reports if r.event_id not in ids)
    return [quantity_of(kind, rows) for kind, rows in reports.items()]


def quantity_of(kind: str, rows: list[QuantityReport]) -> IncidentQuantity:
    """The aggregate of one kind: latest value, widest range, the reports oldest first."""
    ordered = sorted(rows, key=lambda r: r.seen_at)  # stable: ties keep arrival order
    highs = [r.max for r in ordered]
    return IncidentQuantity.model_validate(
        {
            "kind": kind,
            "value": ordered[-1].best,
            "min": min(r.min for r in ordered),
            "max": None if any(h is None for h in highs) else max(h for h in highs if h is not None),
            "reports": ordered,
        }
    )


def merge_dates(left: IncidentDate, right: IncidentDate) -> IncidentDate:
    """The range over the most precise reports: a finer report replaces, an equal one widens, a coarser
    one is ignored (a 'this month' report must not stretch a dated raid over a month)."""
    rank_left = (left.time_precision, left.fallback)
    rank_right = (right.time_precision, right.fallback)
    if rank_right < rank_left:
        return right
    if rank_right > rank_left:
        return left
    start, end = min(left.start, right.start), max(left.end, right.end)
    if (start, end) == (left.start, left.end):
        return left
    return left.model_copy(update={"start": start, "end": end, "granularity": "range"})


def combine_confidence(left: float, right: float, ceiling: float) -> float:
    """Noisy-OR of two independent bodies of reports, capped: more sources, more confidence."""
    return round(min(ceiling, 1 - (1 - left) * (1 - right)), 3)
