"""Where to look for the incidents an event may match: country, date bucket and, for towns, a grid cell.

Comparing an event with every open incident of its country costs O(state) per event; a busy war
keeps hundreds open.  Two towns within ``distance_km`` lie in the same or adjacent grid cells (cells
are ``distance_km`` tall), so an event placed at a town only needs the incidents in the cells around
it, plus the "loose" incidents that no coordinates pin (coarse places, towns without coordinates).
A coarse event (a province, a country) is compared with every incident of its buckets.
The index is derived from the incident records alone; the longitude seam at ±180° is not wrapped.
"""

from __future__ import annotations

import math
from typing import TypeVar

from conflict_events.incidents.buckets import buckets_between, lookup_buckets
from conflict_events.incidents.footprint import Footprint, Place
from conflict_events.incidents.settings import ResolutionSettings

KM_PER_DEGREE = 111.0
"""Slightly under a degree of latitude (111.2 km), so cells are never smaller than the distance."""
Cell = tuple[int, int]
BucketKey = tuple[str, int]
CellKey = tuple[str, int, Cell | None]
K = TypeVar("K")


class IncidentIndex:
    """Incident ids by (country, bucket) and by (country, bucket, cell); ``None`` cell = loose."""

    def __init__(self, settings: ResolutionSettings) -> None:
        self._settings = settings
        self._size = max(settings.distance_km, 0.1) / KM_PER_DEGREE
        self._by_bucket: dict[BucketKey, set[str]] = {}
        self._by_cell: dict[CellKey, set[str]] = {}
        self._keys: dict[str, tuple[list[BucketKey], list[CellKey]]] = {}

    def add(self, incident_id: str, footprint: Footprint) -> None:
        """Index (or re-index) an incident under its country, the buckets of its dates and its cells."""
        self.remove(incident_id)
        if footprint.country is None:
            return  # matches nothing: an unknown country never agrees on place
        buckets = [
            (footprint.country, b) for b in buckets_between(footprint.start, footprint.end, self._settings)
        ]
        cells: set[Cell | None] = {self._cell(p) for p in footprint.places if _pinned(p)}
        if not footprint.places or not all(_pinned(p) for p in footprint.places):
            cells.add(None)
        cell_keys = [(country, b, cell) for country, b in buckets for cell in cells]
        for key in buckets:
            self._by_bucket.setdefault(key, set()).add(incident_id)
        for cell_key in cell_keys:
            self._by_cell.setdefault(cell_key, set()).add(incident_id)
        self._keys[incident_id] = (buckets, cell_keys)

    def remove(self, incident_id: str) -> None:
        """Forget an incident (nothing happens when it is not indexed)."""
        buckets, cell_keys = self._keys.pop(incident_id, ([], []))
        for key in buckets:
            _discard(self._by_bucket, key, incident_id)
        for cell_key in cell_keys:
            _discard(self._by_cell, cell_key, incident_id)

    def candidates(self, footprint: Footprint) -> list[str]:
        """Ids of the incidents that may match a report with this footprint, in id order."""
        if footprint.country is None:
            return []
        found: set[str] = set()
        pinned = bool(footprint.places) and all(_pinned(p) for p in footprint.places)
        for b in lookup_buckets(footprint.start, footprint.end, self._settings):
            if not pinned:
                found |= self._by_bucket.get((footprint.country, b), set())
                continue
            found |= self._by_cell.get((footprint.country, b, None), set())
            for place in footprint.places:
                for cell in self._around(place):
                    found |= self._by_cell.get((footprint.country, b, cell), set())
        return sorted(found)

    def _cell(self, place: Place) -> Cell:
        assert place.latitude is not None and place.longitude is not None
        return math.floor(place.latitude / self._size), math.floor(place.longitude / self._size)

    def _around(self, place: Place) -> list[Cell]:
        """The cells within ``distance_km`` of a town: one row up and down, and as many columns as a
        degree of longitude shrinks at that latitude."""
        row, col = self._cell(place)
        latitude = min(89.0, abs(place.latitude or 0.0) + self._size)
        width = math.ceil(1 / math.cos(math.radians(latitude)))
        return [(row + dr, col + dc) for dr in (-1, 0, 1) for dc in range(-width, width + 1)]


def _pinned(place: Place) -> bool:
    return place.latitude is not None and place.longitude is not None


def _discard(index: dict[K, set[str]], key: K, member: str) -> None:
    members = index.get(key)
    if members is not None:
        members.discard(member)
        if not members:
            del index[key]
