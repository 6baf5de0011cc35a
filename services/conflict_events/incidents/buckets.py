"""Partition keys and the state index: country + date bucket.

An incident never crosses a border (matching requires one country) and its reports lie within a few
days of each other, so (country, date bucket) is where it lives.  The resolver indexes incidents by
these buckets and looks an event up in its own bucket and the neighbouring ones; the shell re-keys
events by ``partition_key`` and chooses their partition with ``partition_for`` (docs/incidents.md).
"""

from __future__ import annotations

import zlib
from datetime import date, timedelta

from conflict_events.contracts import ConflictEvent, Incident
from conflict_events.incidents.settings import ResolutionSettings

UNKNOWN_COUNTRY = "unknown"


def date_bucket(day: date, settings: ResolutionSettings) -> int:
    """Number of the ``bucket_days``-wide bucket holding ``day`` (proleptic ordinal, so no epoch edge)."""
    return day.toordinal() // settings.bucket_days


def buckets_between(start: date, end: date, settings: ResolutionSettings) -> range:
    """Numbers of the buckets the day range ``start..end`` touches."""
    return range(date_bucket(start, settings), date_bucket(end, settings) + 1)


def lookup_buckets(start: date, end: date, settings: ResolutionSettings) -> range:
    """Buckets where an incident matching a report dated ``start..end`` may be indexed: the dates widened
    by the widest date window, which is the report's own bucket and, near an edge, the neighbouring one."""
    reach = timedelta(days=settings.reach_days)
    return buckets_between(start - reach, end + reach, settings)


def partition_key(event: ConflictEvent, settings: ResolutionSettings) -> str:
    """Key of an event on the internal re-keyed topic, e.g. ``SYR:105204``."""
    country = event.location.country if event.location else None
    return f"{country or UNKNOWN_COUNTRY}:{date_bucket(event.date.start, settings)}"


def incident_partition_key(incident: Incident, settings: ResolutionSettings) -> str:
    """The same key for an incident record: a worker restores the incidents whose key it owns."""
    country = incident.location.country if incident.location else None
    return f"{country or UNKNOWN_COUNTRY}:{date_bucket(incident.date.start, settings)}"


def partition_for(key: str, partitions: int) -> int:
    """Partition of a key: a stable hash of its country part only.

    A chain of reports can cross any bucket edge (each report is within a day of the previous one),
    so only keeping a country's neighbouring buckets on one worker guarantees that no incident is
    split; the bucket stays in the key for the index, logs and a future hot-country split.
    """
    if partitions < 1:
        raise ValueError("partitions must be at least 1")
    country = key.rsplit(":", 1)[0]
    return zlib.crc32(country.encode()) % partitions
