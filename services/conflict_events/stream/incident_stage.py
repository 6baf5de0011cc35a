"""Incident resolution on Kafka: two Faust agents added to an app (the worker's, or the resolver's own).

1. **re-key** (``conflict-events`` → ``<TOPIC_EVENTS>.by-incident-key``): every eligible event, its bytes
   unchanged, keyed by the core's partition key (country + date bucket) and sent to the partition of its
   country, so every report of one incident (and both sides of a bucket edge) reaches one worker.
2. **resolve** (re-keyed topic → ``conflict-incidents``): one ``Resolver`` per owned partition; each batch
   is resolved, its records are published and acknowledged, then Faust commits the offsets.

A newly assigned partition is restored first (``conflict-incidents`` read up to the fetch highwater
captured at start, rebuilt, the restored watermark applied) and the resolve agent waits for that before
resolving any of its events.  Re-delivered events are duplicates by event id and change nothing.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import faust
from pydantic import ValidationError

from conflict_events.contracts import ConflictEvent
from conflict_events.incidents import ResolutionSettings, ineligibility
from conflict_events.settings import Settings
from conflict_events.stream.faust_app import inbound_message
from conflict_events.stream.incident_metrics import ERROR, INVALID, IncidentMetrics
from conflict_events.stream.incident_records import incident_partition, rekey_record
from conflict_events.stream.incident_restore import read_incident_partitions
from conflict_events.stream.incident_state import IncidentPartitions, Pending, Published
from conflict_events.stream.logs import log
from conflict_events.stream.records import InboundMessage, OutboundRecord
from conflict_events.stream.sending import retried, send_all, shielded
from conflict_events.stream.topics import incident_topic_names, partition_counts

RESTORE_TIMEOUT_SECONDS = 120.0
"""Longest one attempt to read the owned partitions of the incidents topic may take (then retried)."""


class IncidentStage:
    """The re-key and resolve agents, their partition state and metrics, on ``app``.

    The partition counts of the two topics are read from the cluster metadata when first needed (the
    mapping of countries to partitions depends on them: changing them needs a restart and a replay).
    """

    def __init__(
        self,
        app: faust.App,
        settings: Settings,
        *,
        metrics: IncidentMetrics,
        logger: logging.Logger,
        resolution: ResolutionSettings | None = None,
    ) -> None:
        self.app = app
        self.settings = settings
        self.metrics = metrics
        self.logger = logger
        self.resolution = resolution or ResolutionSettings()
        self._state: IncidentPartitions | None = None
        self._state_lock = asyncio.Lock()
        self._ready: dict[int, asyncio.Future[None]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        events = self._raw_topic(settings.topic_events)
        keyed = self._raw_topic(settings.incident_keys_topic)
        batch, within = settings.batch_size, settings.batch_within_seconds

        async def rekey_events(stream: Any) -> None:
            async for items in stream.take_events(batch * 8, within=within):
                await shielded(self.rekey([inbound_message(i.message) for i in items]), self.logger, "rekey")

        async def resolve_incidents(stream: Any) -> None:
            async for items in stream.take_events(batch * 8, within=within):
                messages = [inbound_message(i.message) for i in items]
                await shielded(self.resolve(messages), self.logger, "resolve")

        app.agent(events, name="conflict-events.rekey-events")(rekey_events)
        app.agent(keyed, name="conflict-events.resolve-incidents")(resolve_incidents)
        app.on_partitions_assigned.connect(self._on_assigned)  # type: ignore[arg-type]

    async def state(self) -> IncidentPartitions:
        """The partition state, created on first use from the topics' partition counts (retried until
        the metadata answers)."""
        async with self._state_lock:
            if self._state is None:
                names = incident_topic_names(self.settings)
                counts = await retried(
                    lambda: partition_counts(self.settings, names),
                    logger=self.logger,
                    failure_event="incident_topics_unknown",
                )
                self._state = IncidentPartitions(
                    self.resolution,
                    topic=self.settings.topic_incidents,
                    key_partitions=counts[names[0]],
                    incident_partitions=counts[names[1]],
                )
                log(self.logger, logging.INFO, "incident_topics", partitions=counts)
            return self._state

    def _raw_topic(self, name: str) -> Any:
        return self.app.topic(
            name,
            key_type=bytes,
            value_type=bytes,
            key_serializer="raw",
            value_serializer="raw",
            internal=False,
        )

    async def rekey(self, messages: Sequence[InboundMessage]) -> int:
        """Re-key the eligible events of a batch; returns how many were sent (after their acks)."""
        state = await self.state()
        records: list[OutboundRecord] = []
        for message in messages:
            event = self._decode(message)
            if event is None:
                continue
            reason = ineligibility(event, self.resolution)
            if reason is not None:
                self.metrics.events.labels(outcome=reason).inc()
                continue
            records.append(
                rekey_record(
                    event,
                    value=message.value or b"",
                    headers=message.headers,
                    timestamp=message.timestamp,
                    topic=self.settings.incident_keys_topic,
                    partitions=state.key_partitions,
                    settings=self.resolution,
                )
            )
        await self.publish(records)
        return len(records)

    async def resolve(self, messages: Sequence[InboundMessage]) -> Published:
        """Resolve a batch of re-keyed events (waiting for their partitions' restore), publish the records
        (changed incidents first, merged-away ones and tombstones after) and account for it."""
        state = await self.state()
        pending: list[Pending] = []
        for message in messages:
            ready = self._ready.get(message.partition)
            if ready is None:  # revoked meanwhile: its new owner resolves it from the committed offset
                log(self.logger, logging.WARNING, "incident_event_not_owned", partition=message.partition)
                continue
            await asyncio.shield(ready)
            if self._ready.get(message.partition) is not ready:  # revoked while it was being restored
                continue
            event = self._decode(message)
            if event is not None:
                stamp = message.timestamp or time.time()
                pending.append(Pending(message.partition, event, datetime.fromtimestamp(stamp, UTC)))
        published = state.resolve(pending)
        await self.publish(published.first)
        await self.publish(published.then)
        self._account(published, state.state_size, time.time())
        return published

    def _decode(self, message: InboundMessage) -> ConflictEvent | None:
        try:
            return ConflictEvent.model_validate_json(message.value or b"")
        except ValidationError as exc:
            self.metrics.events.labels(outcome=INVALID).inc()
            log(
                self.logger,
                logging.WARNING,
                "incident_event_invalid",
                topic=message.topic,
                partition=message.partition,
                offset=message.offset,
                error=str(exc).splitlines()[0],
            )
            return None

    def _account(self, published: Published, open_incidents: int, acked_at: float) -> None:
        """Metrics and one log line per resolved event."""
        for change in published.changes:
            self.metrics.count_change(change.kind)
        for item, error in published.errors:
            self.metrics.events.labels(outcome=ERROR).inc()
            log(
                self.logger,
                logging.ERROR,
                "incident_resolution_failed",
                event_id=item.event.event_id,
                partition=item.partition,
                error=error,
            )
        for item, resolution in published.resolutions:
            self.metrics.events.labels(outcome=resolution.outcome).inc()
            self.metrics.resolution_latency.observe(max(0.0, acked_at - item.received_at.timestamp()))
            log(
                self.logger,
                logging.INFO,
                "incident_resolved",
                event_id=item.event.event_id,
                article_id=item.event.article_id,
                partition=item.partition,
                outcome=resolution.outcome,
                changes=[f"{c.kind}:{c.key}:{c.incident.version}" for c in resolution.changes],
                decisions=sorted({c.decision.reason for c in resolution.candidates}),
            )
        self.metrics.open.set(open_incidents)

    async def publish(self, records: Sequence[OutboundRecord]) -> None:
        """Send all records and await every acknowledgement, retrying the whole set until it succeeds."""
        await send_all(self.app, records, logger=self.logger, failure_event="incident_publish_failed")

    async def _on_assigned(self, sender: Any, assigned: Any, **kwargs: Any) -> None:
        """Keep the state of partitions still owned; forget revoked ones; restore new ones (in a task:
        Faust's rebalance callback must return quickly; the resolve agent waits for the restore)."""
        mine = {tp.partition for tp in assigned if tp.topic == self.settings.incident_keys_topic}
        for partition in set(self._ready) - mine:
            dropped = self._ready.pop(partition)
            if not dropped.done():  # a waiting resolve agent sees it is gone and skips the event
                dropped.set_result(None)
            if self._state is not None:
                self._state.drop(partition)
        new = sorted(mine - set(self._ready))
        loop = asyncio.get_running_loop()
        futures = {partition: loop.create_future() for partition in new}
        self._ready.update(futures)
        log(self.logger, logging.INFO, "incident_partitions_assigned", partitions=sorted(mine), restoring=new)
        if futures:
            task = asyncio.ensure_future(self._restore(futures))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _restore(self, futures: dict[int, asyncio.Future[None]]) -> None:
        """Read the owned partitions' records, rebuild their resolvers, publish what the restore closes
        or repairs, then let the resolve agent go on."""
        started = time.perf_counter()
        state = await self.state()
        wanted = sorted({incident_partition(p, state.incident_partitions) for p in futures})
        records = await retried(
            lambda: read_incident_partitions(self.settings, wanted, timeout=RESTORE_TIMEOUT_SECONDS),
            logger=self.logger,
            failure_event="incident_restore_failed",
        )
        current = [p for p, future in futures.items() if self._ready.get(p) is future]
        published = Published()
        for partition in current:
            restored = state.restore(partition, records)
            published.first += restored.first
            published.then += restored.then
            published.changes += restored.changes
            published.unreadable += restored.unreadable
        await self.publish(published.first)
        await self.publish(published.then)
        for change in published.changes:
            self.metrics.count_change(change.kind)
        self.metrics.open.set(state.state_size)
        seconds = time.perf_counter() - started
        self.metrics.restore_seconds.set(seconds)
        for partition in current:
            futures[partition].set_result(None)
        log(
            self.logger,
            logging.INFO,
            "incidents_restored",
            partitions=current,
            records_read=len(records),
            open_incidents=sum(len(state.incidents(p)) for p in current),
            published=len(published.records),
            unreadable_records=published.unreadable,
            seconds=round(seconds, 3),
        )
