"""The Faust worker: articles in, events / outcomes / dead letters out, offsets committed after acks.

The agent takes small batches (``BATCH_SIZE`` within ``BATCH_WITHIN_SECONDS``), runs
``handling.handle_batch`` in a worker thread (CPU-bound; the loop keeps serving the consumer),
sends every resulting record and awaits the broker's acknowledgements before the batch is acked.
Faust commits acked offsets only, so a crash re-delivers unfinished messages (at least once);
events are keyed by deterministic ``event_id`` and can be de-duplicated downstream.

On SIGTERM Faust stops the agent; an in-flight batch is shielded and finished first (bounded by
``SHUTDOWN_GRACE_SECONDS``), so its outputs are flushed before its offsets are committed.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import signal
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

import faust

from conflict_events.extractor import Extractor
from conflict_events.settings import Settings
from conflict_events.stream.faust_app import inbound_message, make_app
from conflict_events.stream.handling import Handled, give_up, handle_batch
from conflict_events.stream.logs import log
from conflict_events.stream.metrics import WorkerMetrics
from conflict_events.stream.records import InboundMessage, OutboundRecord
from conflict_events.stream.sending import SHUTDOWN_GRACE_SECONDS as SHUTDOWN_GRACE_SECONDS
from conflict_events.stream.sending import retried, send_once, shielded

BROKER_PROBE_SECONDS = 3.0
"""How long the periodic metadata request may take before the broker counts as unreachable."""



class StreamWorker:
    """Wires settings, extractor, metrics and logger into a Faust app with one agent.

    Example:
        >>> worker = StreamWorker(settings, extractor=extractor, metrics=metrics, logger=logger)
        >>> worker.app.main()  # doctest: +SKIP
    """

    def __init__(
        self,
        settings: Settings,
        *,
        extractor: Extractor,
        metrics: WorkerMetrics,
        logger: logging.Logger,
        app: faust.App | None = None,
    ) -> None:
        self.settings = settings
        self.extractor = extractor
        self.metrics = metrics
        self.logger = logger
        self.app = app if app is not None else make_app(settings)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="extract")
        self._processed: dict[tuple[str, int], int] = {}
        self._broker_reachable = False
        self.poisoned = False
        """True after an extraction timed out: the worker is stopping to restart clean."""
        topic = self.app.topic(
            settings.topic_articles,
            key_type=bytes,
            value_type=bytes,
            key_serializer="raw",
            value_serializer="raw",
            internal=False,
        )

        async def extract_articles(stream: Any) -> None:
            async for events in stream.take_events(settings.batch_size, within=settings.batch_within_seconds):
                await self._process_shielded([inbound_message(event.message) for event in events])

        self.app.agent(topic, name="conflict-events.extract-articles")(extract_articles)
        self.app.timer(5.0)(self._refresh_lag)
        self.app.on_partitions_assigned.connect(self._on_assigned)  # type: ignore[arg-type]

    async def _on_assigned(self, sender: Any, assigned: Any, **kwargs: Any) -> None:
        """Create the lag series of newly assigned input partitions and say so in the log."""
        mine = sorted(tp.partition for tp in assigned if tp.topic == self.settings.topic_articles)
        self.metrics.init_partitions(self.settings.topic_articles, mine)
        self.metrics.broker_up.set(1)
        self._broker_reachable = True  # so an outage right after start is logged as a transition
        log(
            self.logger,
            logging.INFO,
            "partitions_assigned",
            topic=self.settings.topic_articles,
            partitions=mine,
        )

    async def _process_shielded(self, messages: Sequence[InboundMessage]) -> None:
        """Process a batch; if the agent is cancelled (shutdown), finish the batch before giving way."""
        await shielded(self.process(messages), self.logger, None, messages=len(messages))
        if self.poisoned:  # outputs are acked; stop so Faust commits them, then exit 3 (worker_command)
            asyncio.get_running_loop().call_later(0.5, os.kill, os.getpid(), signal.SIGTERM)

    async def process(self, messages: Sequence[InboundMessage]) -> list[Handled]:
        """Handle one batch end to end and return what happened (after every output is acknowledged)."""
        self.metrics.in_progress.set(len(messages))
        started = time.perf_counter()
        try:
            try:
                handled = await self._extract(messages)
            except Exception as exc:  # a bug in the shell: still one outcome per message, never a silent ack
                log(self.logger, logging.ERROR, "batch_failed", error=repr(exc), messages=len(messages))
                handled = give_up(messages, settings=self.settings, error=f"{type(exc).__name__}: {exc}")
            await self._publish([record for item in handled for record in item.records])
        finally:
            self.metrics.in_progress.set(0)
        acked_at = time.time()
        elapsed = time.perf_counter() - started
        for item in handled:
            self._account(item, acked_at, elapsed / max(1, len(messages)))
        self._update_lag(messages)
        return handled

    async def _extract(self, messages: Sequence[InboundMessage]) -> list[Handled]:
        """``handle_batch`` in the extraction thread, bounded by ``EXTRACT_TIMEOUT_SECONDS``.

        On timeout the batch is dead-lettered, the stuck thread is abandoned to a fresh executor, and
        the worker is marked ``poisoned``: it stops (committing the dead letters) and exits with code 3
        so its supervisor starts a clean process."""
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(
            self._executor, partial(handle_batch, messages, settings=self.settings, extractor=self.extractor)
        )
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.settings.extract_timeout_seconds)
        except TimeoutError:
            limit = self.settings.extract_timeout_seconds
            self.poisoned = True
            self._executor.shutdown(wait=False)
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="extract")
            log(
                self.logger,
                logging.CRITICAL,
                "extraction_timeout",
                timeout_seconds=limit,
                offsets=[f"{m.topic}:{m.partition}:{m.offset}" for m in messages],
            )
            return give_up(
                messages,
                settings=self.settings,
                error=f"TimeoutError: extraction took longer than {limit:g} s",
            )

    async def _publish(self, records: Sequence[OutboundRecord]) -> None:
        """Send all records, await every acknowledgement; retry the whole set until it succeeds."""
        await retried(
            lambda: send_once(self.app, records),
            logger=self.logger,
            failure_event="publish_failed",
            on_failure=self._publish_failed,
            records=len(records),
        )
        self.metrics.broker_up.set(1)

    def _publish_failed(self) -> None:
        self.metrics.broker_errors.inc()
        self.metrics.extraction_errors.labels(stage="publish").inc()
        self.metrics.broker_up.set(0)

    def _account(self, item: Handled, acked_at: float, duration: float) -> None:
        """Metrics and the canonical log line of one finished message."""
        outcome = item.outcome
        self.metrics.articles_consumed.labels(outcome=outcome.status).inc()
        if outcome.status == "skipped":
            self.metrics.articles_skipped.labels(reason=outcome.reason or "unknown").inc()
        elif outcome.status == "dead_lettered":
            self.metrics.dlq_messages.labels(reason=outcome.reason or "unknown").inc()
            self.metrics.extraction_errors.labels(stage=outcome.stage or "unknown").inc()
        for event in item.events:
            self.metrics.events_published.labels(event_type=event.event_type, category=event.category).inc()
            country = event.location.country if event.location and event.location.country else "unknown"
            self.metrics.events_by_country.labels(country=country).inc()
        if item.extraction_seconds is not None:
            self.metrics.extraction_duration.observe(item.extraction_seconds)
        if item.message.timestamp:
            self.metrics.end_to_end_latency.observe(max(0.0, acked_at - item.message.timestamp))
        self.metrics.last_processed.set(acked_at)
        fields: dict[str, Any] = {
            "article_id": outcome.article_id,
            "topic": item.message.topic,
            "partition": item.message.partition,
            "offset": item.message.offset,
            "outcome": outcome.status,
            "events": outcome.event_count,
            "duration_seconds": round(duration, 6),
        }
        if outcome.reason:
            fields["reason"] = outcome.reason
        if outcome.status == "dead_lettered":
            fields["stage_failed"] = outcome.stage
        log(self.logger, logging.INFO, "article_done", **fields)

    def _update_lag(self, messages: Sequence[InboundMessage]) -> None:
        """Remember the last processed offset per partition and refresh those partitions' lag."""
        for message in messages:
            key = (message.topic, message.partition)
            self._processed[key] = max(self._processed.get(key, -1), message.offset)
        for key in {(m.topic, m.partition) for m in messages}:
            self._set_lag(*key)

    def _set_lag(self, topic: str, partition: int) -> None:
        """Lag = fetch highwater - (last processed offset + 1); ``end_offsets()`` is not trusted."""
        offset = self._processed.get((topic, partition))
        if offset is None:
            return
        try:
            highwater = self.app.consumer.highwater(faust.types.TP(topic, partition))
        except Exception:  # consumer not ready or partition revoked: keep the last value
            return
        if highwater is not None:
            self.metrics.consumer_lag.labels(topic=topic, partition=str(partition)).set(
                max(0, int(highwater) - offset - 1)
            )

    async def _refresh_lag(self) -> None:
        """Every 5 s: broker liveness, and the lag of every assigned input partition (also while a long
        extraction is running)."""
        await self._probe_broker()
        try:
            assignment = self.app.consumer.assignment()
        except Exception:
            return
        for tp in assignment:
            if tp.topic == self.settings.topic_articles:
                self.metrics.consumer_lag.labels(topic=tp.topic, partition=str(tp.partition))
                self._set_lag(tp.topic, tp.partition)

    async def _probe_broker(self) -> None:
        """``extractor_broker_up``: 1 when a metadata request through the producer's client succeeds."""
        try:
            client = self.app.producer._ensure_producer().client  # type: ignore[attr-defined]
            await asyncio.wait_for(client.fetch_all_metadata(), BROKER_PROBE_SECONDS)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            if self._broker_reachable:  # log the transition only, not every probe
                log(self.logger, logging.WARNING, "broker_unreachable", error=repr(exc))
            self._broker_reachable = False
            self.metrics.broker_up.set(0)
            self.metrics.broker_errors.inc()
            return
        if not self._broker_reachable:
            log(self.logger, logging.INFO, "broker_reachable")
        self._broker_reachable = True
        self.metrics.broker_up.set(1)

    def close(self) -> None:
        """Release the extraction thread and Faust's scratch directory."""
        self._executor.shutdown(wait=False, cancel_futures=True)
        shutil.rmtree(str(self.app.conf.datadir), ignore_errors=True)
