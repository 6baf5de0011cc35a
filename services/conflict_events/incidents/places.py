"""Do two reports put an incident in the same place?  Towns by distance, coarse places by area.

A town-level report pins the incident; a report that only names a province or a country is
compatible with any town inside it, but never with a town that another report contradicts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from conflict_events.incidents.footprint import Footprint, Place

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class PlaceVerdict:
    """Whether the places agree, a stable reason code and a readable detail."""

    same: bool
    reason: str
    detail: str


def places_agree(a: Footprint, b: Footprint, distance_km: float) -> PlaceVerdict:
    """Same country always; then same town (or within ``distance_km``) when both name towns, else the
    same admin1 (or just the country when either admin1 is unknown).

    An unknown country never matches: without it the incident cannot be partitioned or told apart
    from any other incident of that type that day.
    """
    if a.country is None or b.country is None:
        return PlaceVerdict(False, "place_unknown", "a report has no country")
    if a.country != b.country:
        return PlaceVerdict(False, "country_differs", f"{a.country} vs {b.country}")
    if a.places and b.places:
        return _towns_agree(a.places, b.places, distance_km)
    if a.admin1 and b.admin1:
        if a.admin1.casefold() == b.admin1.casefold():
            return PlaceVerdict(True, "same_admin1", a.admin1)
        return PlaceVerdict(False, "admin1_differs", f"{a.admin1} vs {b.admin1}")
    return PlaceVerdict(True, "same_country", a.country)


def _towns_agree(left: tuple[Place, ...], right: tuple[Place, ...], distance_km: float) -> PlaceVerdict:
    """Any pair of the towns is one place: same GeoNames id, within the distance, or same name."""
    nearest: float | None = None
    for x in left:
        for y in right:
            if x.geonames_id is not None and x.geonames_id == y.geonames_id:
                return PlaceVerdict(True, "same_town", x.name)
            km = distance(x, y)
            if km is not None:
                if km <= distance_km:
                    return PlaceVerdict(True, "within_distance", f"{x.name}–{y.name} {km:.1f} km")
                nearest = km if nearest is None else min(nearest, km)
            elif x.name.casefold() == y.name.casefold():
                return PlaceVerdict(True, "same_town", x.name)
    detail = f"nearest {nearest:.1f} km > {distance_km:g} km" if nearest is not None else "different towns"
    return PlaceVerdict(False, "place_apart", detail)


def distance(x: Place, y: Place) -> float | None:
    """Great-circle distance in km (haversine), None when either place has no coordinates."""
    if x.latitude is None or x.longitude is None or y.latitude is None or y.longitude is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (x.latitude, x.longitude, y.latitude, y.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
