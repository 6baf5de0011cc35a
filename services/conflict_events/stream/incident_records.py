"""The wire format of incident resolution: re-keyed events, incident records, tombstones, and reading back.

Pure functions from values to ``OutboundRecord``s (like ``records.py`` for events), so keys, partitions
and headers are tested without a broker.  Two topics:

- the internal ``<TOPIC_EVENTS>.by-incident-key``: the event's bytes and headers unchanged, keyed by
  the core's ``partition_key`` (``NGA:105574``) and sent to ``partition_for(key)`` explicitly (the
  default murmur2 partitioner would hash the date bucket too and split a country's neighbouring buckets);
- ``conflict-incidents`` (compacted): key = incident id, value = the ``Incident`` JSON, or null (a
  tombstone) after the final record of an incident folded into another.  Every record of one internal
  partition goes to the same incidents partition, so a worker restores only the partitions it owns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from conflict_events.contracts import SCHEMA_VERSION, ConflictEvent, Incident
from conflict_events.incidents import IncidentChange, ResolutionSettings, partition_for, partition_key
from conflict_events.stream.records import (
    CE_SOURCE,
    JSON,
    SCHEMA_BASE_URI,
    Headers,
    OutboundRecord,
    rfc3339,
)

INCIDENT_SCHEMA_ID = f"{SCHEMA_BASE_URI}incident.v1.schema.json"
CE_INCIDENT_TYPES = {
    "created": "org.conflictevents.incident.created.v1",
    "updated": "org.conflictevents.incident.updated.v1",
    "merged": "org.conflictevents.incident.merged.v1",
    "closed": "org.conflictevents.incident.closed.v1",
}
"""``ce_type`` per change kind: a new incident, a new version, the final record of an incident folded into
another (``merged_into`` set, a tombstone follows), the final record of one that left the state window."""
CE_TOMBSTONE_TYPE = "org.conflictevents.incident.deleted.v1"
WATERMARK_HEADER = "incident-watermark"
"""The resolver's event-time watermark (ISO date) when the record was published.  Restore takes the
highest one it reads, so an incident closed before a crash is not reopened by a re-delivered report."""
INCIDENT_KEY_HEADER = "incident-key"


def rekey_record(
    event: ConflictEvent,
    *,
    value: bytes,
    headers: Headers,
    timestamp: float | None,
    topic: str,
    partitions: int,
    settings: ResolutionSettings,
) -> OutboundRecord:
    """The event as it came (``value``, ``headers``, original ``timestamp``) on the internal topic, keyed by
    ``partition_key`` and sent to ``partition_for(key, partitions)``."""
    key = partition_key(event, settings)
    kept = tuple((name, header) for name, header in headers if name != INCIDENT_KEY_HEADER)
    return OutboundRecord(
        topic,
        key.encode(),
        value,
        (*kept, (INCIDENT_KEY_HEADER, key.encode())),
        partition=partition_for(key, partitions),
        timestamp=timestamp,
    )


def incident_partition(key_partition: int, incident_partitions: int) -> int:
    """The ``conflict-incidents`` partition of every record resolved from internal partition
    ``key_partition``: the same number when both topics have as many partitions (the default)."""
    return key_partition % incident_partitions


def _headers(kind: str, incident_id: str, ce_id: str, sent_at: datetime, watermark: date | None) -> Headers:
    headers: Headers = (
        ("ce_specversion", b"1.0"),
        ("ce_id", ce_id.encode()),
        ("ce_source", CE_SOURCE.encode()),
        ("ce_type", kind.encode()),
        ("ce_time", rfc3339(sent_at).encode()),
        ("ce_subject", incident_id.encode()),
    )
    if kind != CE_TOMBSTONE_TYPE:
        headers += (
            ("ce_dataschema", INCIDENT_SCHEMA_ID.encode()),
            ("content-type", JSON),
            ("schema-version", SCHEMA_VERSION.encode()),
        )
    if watermark is not None:
        headers += ((WATERMARK_HEADER, watermark.isoformat().encode()),)
    return headers


def change_records(
    change: IncidentChange, *, topic: str, partition: int, sent_at: datetime, watermark: date | None
) -> tuple[OutboundRecord, ...]:
    """The record of one change (``ce_id`` = ``<incident_id>:<version>``), then its tombstone if one
    follows."""
    incident = change.incident
    key = incident.incident_id.encode()
    ce_id = f"{incident.incident_id}:{incident.version}"
    headers = _headers(CE_INCIDENT_TYPES[change.kind], incident.incident_id, ce_id, sent_at, watermark)
    record = OutboundRecord(topic, key, incident.model_dump_json().encode(), headers, partition=partition)
    if not change.tombstone_follows:
        return (record,)
    tombstone_headers = _headers(
        CE_TOMBSTONE_TYPE, incident.incident_id, f"{ce_id}:tombstone", sent_at, watermark
    )
    return record, OutboundRecord(topic, key, None, tombstone_headers, partition=partition)


def decode_incident(value: bytes | None) -> Incident | None:
    """The record's ``Incident``, or None for a tombstone.

    Raises:
        pydantic.ValidationError: the value is not an Incident.
    """
    return None if value is None else Incident.model_validate_json(value)


def header_watermark(headers: Iterable[tuple[str, bytes]]) -> date | None:
    """The ``incident-watermark`` header as a date (None when absent or unreadable)."""
    for name, value in headers:
        if name == WATERMARK_HEADER:
            try:
                return date.fromisoformat(value.decode())
            except (UnicodeDecodeError, ValueError):
                return None
    return None


@dataclass
class LatestIncidents:
    """What a compacted topic means: the last value per key, tombstones delete, and a lower version than
    the one held is ignored (a re-delivered old record never rolls an incident back)."""

    by_id: dict[str, Incident]

    def __init__(self) -> None:
        self.by_id = {}

    def apply(self, key: str, incident: Incident | None) -> bool:
        """Take one record; True when it changed what is held."""
        if incident is None:
            return self.by_id.pop(key, None) is not None
        known = self.by_id.get(key)
        if known is not None and incident.version < known.version:
            return False
        self.by_id[key] = incident
        return known != incident

    @property
    def incidents(self) -> list[Incident]:
        """The held records, in the order their keys first arrived."""
        return list(self.by_id.values())
