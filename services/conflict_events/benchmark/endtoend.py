"""End to end through a real broker: publish N articles, wait for their N outcomes, time it.

Times come from the clock of this machine at publish and from the record timestamps the worker's
producer stamps on ``article-outcomes`` and ``conflict-events`` (same machine, same clock), so the
reader's polling delay is not in the figures.  Throughput is N / (first publish → last outcome);
latency is article publish → event publish (and → outcome publish, for articles without events);
the outcomes' ``timings["total"]`` (decode + extraction seconds per article, as the worker measured them)
tell how much of that latency is processing and how much is waiting.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from collections.abc import AsyncGenerator, Awaitable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiokafka import AIOKafkaProducer

from conflict_events.benchmark.corpus import make_articles, word_count
from conflict_events.benchmark.stats import Throughput, latency_summary
from conflict_events.benchmark.workers import WorkerProcess, check_alive, total_cpu_seconds
from conflict_events.contracts import Article, ArticleOutcome
from conflict_events.settings import Settings
from conflict_events.stream.reader import Record, iter_topic

T = TypeVar("T")
POLL_SECONDS = 0.5
LOG_CHECKS = 6


@dataclass(frozen=True, slots=True)
class PhaseResult:
    """One batch of articles through the broker: throughput, latencies, what came out."""

    name: str
    workers: int
    target_rate: float | None
    throughput: Throughput
    publish_seconds: float
    statuses: dict[str, int]
    events: int
    event_latency_seconds: tuple[float, ...] = field(repr=False)
    outcome_latency_seconds: tuple[float, ...] = field(repr=False)
    processing_seconds: tuple[float, ...] = field(default=(), repr=False)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready figures."""
        return {
            "workers": self.workers,
            "target_rate_articles_per_second": None
            if self.target_rate is None
            else round(self.target_rate, 3),
            **self.throughput.as_dict(),
            "publish_seconds": round(self.publish_seconds, 4),
            "statuses": dict(sorted(self.statuses.items())),
            "events": self.events,
            "latency_article_to_event": latency_summary(self.event_latency_seconds),
            "latency_article_to_outcome": latency_summary(self.outcome_latency_seconds),
            "processing_time": latency_summary(self.processing_seconds),
        }


async def watch(awaitable: Awaitable[T], workers: list[WorkerProcess], *, what: str, timeout: float) -> T:
    """Await ``awaitable`` while checking every ``POLL_SECONDS`` that no worker died.

    Raises:
        WorkerDied: a worker exited meanwhile.
        TimeoutError: ``timeout`` seconds passed first.
    """
    task = asyncio.ensure_future(awaitable)
    deadline = time.monotonic() + timeout
    try:
        while True:
            done, _ = await asyncio.wait({task}, timeout=POLL_SECONDS)
            if done:
                return task.result()
            check_alive(workers)
            if time.monotonic() > deadline:
                raise TimeoutError(f"{what}: nothing after {timeout:.0f} s")
    finally:
        if not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


async def publish(
    settings: Settings,
    articles: Sequence[Article],
    *,
    rate: float | None = None,
    partitions: Sequence[int] | None = None,
) -> dict[str, float]:
    """Produce articles (key = id) as fast as possible or paced at ``rate`` per second; publish times.

    Args:
        partitions: an explicit partition per article (warm-up), else the key decides.
    """
    producer = AIOKafkaProducer(acks="all", **settings.aiokafka_options())
    await producer.start()
    sent: dict[str, float] = {}
    try:
        futures = []
        started = time.perf_counter()
        for index, article in enumerate(articles):
            if rate:
                delay = started + index / rate - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
            now = time.time()
            sent[article.id] = now
            futures.append(
                await producer.send(
                    settings.topic_articles,
                    article.model_dump_json(exclude_none=True).encode(),
                    key=article.id.encode(),
                    partition=None if partitions is None else partitions[index],
                    timestamp_ms=int(now * 1000),
                )
            )
        await asyncio.gather(*futures)
    finally:
        await producer.stop()
    return sent


async def collect(
    settings: Settings, topic: str, wanted: set[str], *, idle_timeout: float
) -> dict[str, Record]:
    """The first record keyed by each wanted key on ``topic`` (read from the beginning).

    Raises:
        TimeoutError: ``idle_timeout`` seconds without a record while some keys are still missing.
    """
    found: dict[str, Record] = {}
    if not wanted:
        return found
    records = iter_topic(settings, topic, follow=True, timeout=idle_timeout)
    assert isinstance(records, AsyncGenerator)  # an async generator: closed early, its consumer stops
    try:
        async for record in records:
            key = record.key.decode("utf-8", "replace") if record.key else ""
            if key in wanted and key not in found:
                found[key] = record
                if len(found) == len(wanted):
                    return found
    finally:
        await records.aclose()
    raise TimeoutError(f"{len(wanted) - len(found)} of {len(wanted)} records never arrived on {topic}")


async def run_phase(
    settings: Settings,
    workers: list[WorkerProcess],
    texts: Sequence[str],
    *,
    name: str,
    rate: float | None,
    timeout: float,
) -> PhaseResult:
    """Publish ``texts`` as new articles, wait for every outcome and event, and measure."""
    articles = make_articles(texts, f"bench-{name}-")
    cpu_before = total_cpu_seconds(workers)
    sent = await publish(settings, articles, rate=rate)
    publish_seconds = max(sent.values()) - min(sent.values())
    wanted = set(sent)
    outcomes = await watch(
        collect(settings, settings.topic_outcomes, wanted, idle_timeout=timeout),
        workers,
        what=f"{name}: outcomes",
        timeout=timeout + len(texts),
    )
    parsed = {
        key: ArticleOutcome.model_validate_json(record.value or b"") for key, record in outcomes.items()
    }
    event_owner = {event_id: key for key, outcome in parsed.items() for event_id in outcome.event_ids}
    events = await watch(
        collect(settings, settings.topic_events, set(event_owner), idle_timeout=timeout),
        workers,
        what=f"{name}: events",
        timeout=timeout,
    )
    cpu_after = total_cpu_seconds(workers)
    cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    last_outcome = max(record.timestamp_ms for record in outcomes.values()) / 1000
    seconds = last_outcome - min(sent.values())
    words = sum(map(word_count, texts))
    return PhaseResult(
        name=name,
        workers=len(workers),
        target_rate=rate,
        throughput=Throughput(len(texts), words, seconds, cpu),
        publish_seconds=publish_seconds,
        statuses=dict(Counter(outcome.status for outcome in parsed.values())),
        events=len(events),
        event_latency_seconds=tuple(
            max(0.0, record.timestamp_ms / 1000 - sent[event_owner[event_id]])
            for event_id, record in events.items()
        ),
        processing_seconds=tuple(
            outcome.timings["total"] for outcome in parsed.values() if "total" in outcome.timings
        ),
        outcome_latency_seconds=tuple(
            max(0.0, record.timestamp_ms / 1000 - sent[key]) for key, record in outcomes.items()
        ),
    )


async def warm_up(
    settings: Settings, workers: list[WorkerProcess], text: str, *, partitions: int, timeout: float
) -> int:
    """Send one article per partition until every worker has processed one of the same round.

    Covers model loading, the first group join and the rebalance when several workers join.
    Returns the number of rounds it took.

    Raises:
        TimeoutError: the workers did not settle within ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    for round_index in range(1_000):
        articles = [Article(id=f"bench-warmup-{round_index}-{p}", text=text) for p in range(partitions)]
        await publish(settings, articles, partitions=list(range(partitions)))
        left = max(1.0, deadline - time.monotonic())
        await watch(
            collect(settings, settings.topic_outcomes, {a.id for a in articles}, idle_timeout=left),
            workers,
            what="warm-up",
            timeout=left,
        )
        ids = {a.id for a in articles}
        for _ in range(LOG_CHECKS):  # the log line follows the outcome's acknowledgement by a moment
            if all(worker.done_article_ids() & ids for worker in workers):
                return round_index + 1
            await asyncio.sleep(POLL_SECONDS)
        if time.monotonic() > deadline:
            raise TimeoutError(
                f"the {len(workers)} workers did not share the partitions within {timeout:.0f} s"
            )
        await asyncio.sleep(1.0)
    raise TimeoutError("warm-up did not settle")
