"""The resolver state of one process: one ``Resolver`` per owned partition of the re-keyed topic.

No Kafka here (the stage does the I/O): events in, records to publish out, and a restore from records
read back from ``conflict-incidents``.  What the core leaves to the shell lives here:

- **watermark**: event time, per partition: the latest event date resolved there, never later than
  today (UTC).  A live stream follows the wall clock; a replayed backlog evicts by its own dates instead
  of closing everything at once.  Every published record carries it (header ``incident-watermark``), and
  restore takes the highest one read, so the horizon for late reports survives a crash.
- **publish order**: records of new and changed incidents first, the final records of merged-away ones
  and their tombstones after them (the stage awaits the first group before sending the second), so a
  crash between the two never leaves an incident's reports only in a closed record.
- **repair**: a crash inside that window can leave a survivor published with a merged-away incident
  still open beside it (both hold the same reports).  Restore folds such a leftover into the survivor,
  publishing its final record and tombstone, instead of keeping a duplicate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from pydantic import ValidationError

from conflict_events.contracts import ConflictEvent, Incident
from conflict_events.incidents import (
    IncidentChange,
    Resolution,
    ResolutionSettings,
    Resolver,
    incident_partition_key,
    partition_for,
)
from conflict_events.stream.incident_records import (
    LatestIncidents,
    change_records,
    decode_incident,
    header_watermark,
    incident_partition,
)
from conflict_events.stream.records import OutboundRecord


def utc_today() -> date:
    """Today's date in UTC: the latest watermark the state accepts."""
    return datetime.now(UTC).date()


@dataclass(frozen=True, slots=True)
class Pending:
    """One re-keyed event to resolve: its internal partition, the event, and when it was published on
    the events topic (the resolver's ``now``: a replay gives the same ``first_seen``/``last_seen``)."""

    partition: int
    event: ConflictEvent
    received_at: datetime


@dataclass(frozen=True, slots=True)
class StoredRecord:
    """One record read back from ``conflict-incidents``: key, value (None: tombstone), headers."""

    key: str
    value: bytes | None
    headers: tuple[tuple[str, bytes], ...] = ()


@dataclass
class Published:
    """What one batch (or one restore) publishes, in two groups sent one after the other."""

    first: list[OutboundRecord] = field(default_factory=list)
    then: list[OutboundRecord] = field(default_factory=list)
    changes: list[IncidentChange] = field(default_factory=list)
    resolutions: list[tuple[Pending, Resolution]] = field(default_factory=list)
    errors: list[tuple[Pending, str]] = field(default_factory=list)
    unreadable: int = 0
    """Records read back that are not Incidents (restore skips them)."""

    @property
    def records(self) -> list[OutboundRecord]:
        """Both groups, in sending order."""
        return self.first + self.then


@dataclass
class _Partition:
    resolver: Resolver
    watermark: date | None = None


class IncidentPartitions:
    """The resolvers of the owned partitions of the re-keyed topic.

    Example:
        >>> state = IncidentPartitions(ResolutionSettings(), topic="conflict-incidents",
        ...                            key_partitions=6, incident_partitions=6)
        >>> state.owned, state.state_size
        ([], 0)
    """

    def __init__(
        self,
        settings: ResolutionSettings,
        *,
        topic: str,
        key_partitions: int,
        incident_partitions: int,
        today: Callable[[], date] = utc_today,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.settings = settings
        self.topic = topic
        self.key_partitions = key_partitions
        self.incident_partitions = incident_partitions
        self._today = today
        self._clock = clock
        self._partitions: dict[int, _Partition] = {}

    @property
    def owned(self) -> list[int]:
        """Partitions whose state is held (restored), ascending."""
        return sorted(self._partitions)

    @property
    def state_size(self) -> int:
        """Open incidents held over all owned partitions."""
        return sum(p.resolver.state_size for p in self._partitions.values())

    def incidents(self, partition: int) -> tuple[Incident, ...]:
        """Open incidents of one owned partition."""
        return self._partitions[partition].resolver.incidents

    def owns_record(self, incident: Incident, partition: int) -> bool:
        """Whether ``incident`` belongs to internal partition ``partition`` (its country hashes there)."""
        key = incident_partition_key(incident, self.settings)
        return partition_for(key, self.key_partitions) == partition

    def drop(self, partition: int) -> None:
        """Forget a partition that is no longer owned (another worker restores it from the topic)."""
        self._partitions.pop(partition, None)

    def restore(self, partition: int, records: Iterable[StoredRecord]) -> Published:
        """Rebuild ``partition`` from the records read back from its ``conflict-incidents`` partition.

        Records of other internal partitions (when the incidents topic has fewer partitions) are
        skipped.  Returns what must be published before resolving anything new: the repair of a merge
        cut short by a crash, and the incidents the restored watermark closes.
        """
        latest = LatestIncidents()
        watermark: date | None = None
        published = Published()
        for record in records:
            try:
                incident = decode_incident(record.value)
            except ValidationError:
                published.unreadable += 1
                continue
            if incident is not None and not self.owns_record(incident, partition):
                continue
            latest.apply(record.key, incident)
            watermark = _later(watermark, header_watermark(record.headers))
        open_ = [i for i in latest.incidents if i.status == "open"]
        kept, repairs = _repair_merges(open_)
        resolver = Resolver(self.settings)
        resolver.restore(kept)
        for incident in kept:
            watermark = _later(watermark, incident.date.end)
        state = _Partition(resolver, None if watermark is None else min(watermark, self._today()))
        self._partitions[partition] = state
        sent_at = self._clock()
        for change in repairs:
            published.changes.append(change)
            published.then.extend(self._records(change, partition, sent_at, state.watermark))
        self._evict(partition, state, published, sent_at)
        return published

    def resolve(self, batch: Sequence[Pending]) -> Published:
        """Resolve a batch in order, then evict in every partition it touched.

        Raises:
            KeyError: an event of a partition that is not owned (restore it first).
        """
        published = Published()
        sent_at = self._clock()
        touched: dict[int, _Partition] = {}
        for item in batch:
            state = self._partitions[item.partition]
            try:
                resolution = state.resolver.resolve(item.event, item.received_at)
            except Exception as exc:  # a bug in the core: skip the event rather than crash-loop on it
                published.errors.append((item, f"{type(exc).__name__}: {exc}"))
                continue
            published.resolutions.append((item, resolution))
            if resolution.outcome not in ("ignored_act", "ignored_mode"):
                day = min(item.event.date.end, self._today())
                state.watermark = _later(state.watermark, day)
            touched[item.partition] = state
            for change in resolution.changes:
                published.changes.append(change)
                records = self._records(change, item.partition, sent_at, state.watermark)
                (published.then if change.kind == "merged" else published.first).extend(records)
        for partition, state in touched.items():
            self._evict(partition, state, published, sent_at)
        return published

    def _evict(self, partition: int, state: _Partition, published: Published, sent_at: datetime) -> None:
        if state.watermark is None:
            return
        for change in state.resolver.evict(state.watermark):
            published.changes.append(change)
            published.first.extend(self._records(change, partition, sent_at, state.watermark))

    def _records(
        self, change: IncidentChange, partition: int, sent_at: datetime, watermark: date | None
    ) -> tuple[OutboundRecord, ...]:
        target = incident_partition(partition, self.incident_partitions)
        return change_records(
            change, topic=self.topic, partition=target, sent_at=sent_at, watermark=watermark
        )


def _later(known: date | None, other: date | None) -> date | None:
    if known is None:
        return other
    return known if other is None else max(known, other)


def _repair_merges(incidents: Sequence[Incident]) -> tuple[list[Incident], list[IncidentChange]]:
    """Open incidents that share reports are the two sides of a merge whose final record was never
    published: the smaller one (fewer reports, then seen later, then larger id) is folded into the other.

    The core has no call for this (its ``closed_record`` is internal), so the final record is built
    here the same way: next version, status closed, ``merged_into`` the survivor.
    """
    owner: dict[str, Incident] = {}
    folded: dict[str, IncidentChange] = {}
    ranked = sorted(incidents, key=lambda i: (-len(i.event_ids), i.first_seen, i.incident_id))
    for incident in ranked:
        survivor = next((owner[e] for e in incident.event_ids if e in owner), None)
        if survivor is None:
            for event_id in incident.event_ids:
                owner[event_id] = incident
            continue
        final = incident.model_copy(
            update={"version": incident.version + 1, "status": "closed", "merged_into": survivor.incident_id}
        )
        folded[incident.incident_id] = IncidentChange("merged", final)
    kept = [i for i in incidents if i.incident_id not in folded]
    return kept, list(folded.values())
