"""The broker part of a benchmark run: a broker, 1 worker (full and half rate), then 2 workers.

Each worker set gets fresh topics (``TOPIC_PARTITIONS`` partitions, default 2) and a fresh consumer
group, is warmed up until every worker owns a partition, runs its phases, and has its peak RSS read
before it is stopped.  With a profile directory, one extra full-rate phase runs under py-spy.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflict_events.benchmark.endtoend import PhaseResult, run_phase, warm_up
from conflict_events.benchmark.profiling import PySpyRecorder
from conflict_events.benchmark.workers import WorkerProcess, start_worker
from conflict_events.settings import Settings
from conflict_events.stream.embedded import start_broker
from conflict_events.stream.topics import ensure_topics

FAST_GROUP = {
    "CONSUMER_SESSION_TIMEOUT_SECONDS": 6,
    "CONSUMER_REBALANCE_TIMEOUT_SECONDS": 5,
    "CONSUMER_HEARTBEAT_INTERVAL_SECONDS": 1,
}
"""Group timings that make joins take seconds, not half a minute (same as the test suite)."""


@dataclass(frozen=True, slots=True)
class BrokerOptions:
    """How to run the broker part."""

    extractor: str
    batch_size: int
    partitions: int
    workdir: Path
    bootstrap: str | None = None
    timeout_seconds: float = 120.0
    profile_dir: Path | None = None


def bench_settings(bootstrap: str, options: BrokerOptions) -> Settings:
    """Settings with unique topic names and group for one worker set; metrics server off."""
    suffix = uuid.uuid4().hex[:8]
    values: dict[str, Any] = {
        "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
        "TOPIC_ARTICLES": f"bench-articles-{suffix}",
        "TOPIC_EVENTS": f"bench-conflict-events-{suffix}",
        "TOPIC_OUTCOMES": f"bench-article-outcomes-{suffix}",
        "TOPIC_DLQ": f"bench-articles-{suffix}.dlq",
        "TOPIC_PARTITIONS": options.partitions,
        "CONSUMER_GROUP": f"conflict-events-bench-{suffix}",
        "METRICS_PORT": 0,
        "BATCH_SIZE": options.batch_size,
        "LOG_LEVEL": "INFO",
        **FAST_GROUP,
    }
    return Settings(**values)


@contextlib.contextmanager
def _broker(options: BrokerOptions) -> Iterator[str]:
    if options.bootstrap:
        yield options.bootstrap
        return
    embedded = start_broker(log_path=options.workdir / "tansu.log")
    try:
        yield embedded.bootstrap
    finally:
        embedded.stop()


@contextlib.contextmanager
def _workers(
    settings: Settings, count: int, options: BrokerOptions, label: str
) -> Iterator[list[WorkerProcess]]:
    workers = [
        start_worker(settings, extractor=options.extractor, workdir=options.workdir, name=f"{label}-{i}")
        for i in range(count)
    ]
    try:
        yield workers
    finally:
        for worker in workers:
            worker.stop()


async def _worker_set(
    settings: Settings,
    workers: list[WorkerProcess],
    texts: Sequence[str],
    options: BrokerOptions,
    *,
    half_rate: bool,
    say: Callable[[str], None],
) -> dict[str, Any]:
    rounds = await warm_up(
        settings, workers, texts[0], partitions=options.partitions, timeout=options.timeout_seconds
    )
    say(f"  {len(workers)} worker(s) ready after {rounds} warm-up round(s)")
    phases: dict[str, PhaseResult] = {}
    phases["full_rate"] = await run_phase(
        settings, workers, texts, name=f"w{len(workers)}-full", rate=None, timeout=options.timeout_seconds
    )
    say(f"  full rate: {phases['full_rate'].throughput.articles_per_second:.2f} articles/s")
    if half_rate:
        rate = phases["full_rate"].throughput.articles_per_second / 2
        phases["half_rate"] = await run_phase(
            settings, workers, texts, name=f"w{len(workers)}-half", rate=rate, timeout=options.timeout_seconds
        )
        say(
            f"  half rate ({rate:.2f}/s): p99 article→event "
            f"{phases['half_rate'].as_dict()['latency_article_to_event']['p99_ms']} ms"
        )
    result: dict[str, Any] = {name: phase.as_dict() for name, phase in phases.items()}
    if options.profile_dir is not None and len(workers) == 1:
        with PySpyRecorder(workers[0].pid, options.profile_dir / "worker.pyspy.txt") as recorder:
            await run_phase(
                settings, workers, texts, name="w1-profiled", rate=None, timeout=options.timeout_seconds
            )
        result["profile"] = recorder.summary()
        say(f"  worker profile: {recorder.output}")
    result["peak_rss_mb"] = [worker.peak_rss_mb() for worker in workers]
    result["worker_pids"] = [worker.pid for worker in workers]
    return result


def run_broker_bench(
    texts: Sequence[str], options: BrokerOptions, say: Callable[[str], None]
) -> dict[str, Any]:
    """Both worker sets on one broker; the raw figures (ratios are computed by the report)."""
    with _broker(options) as bootstrap:
        say(f"broker at {bootstrap}; 1 worker, {options.partitions} partitions")
        settings = bench_settings(bootstrap, options)
        asyncio.run(ensure_topics(settings))
        with _workers(settings, 1, options, "one") as workers:
            one = asyncio.run(_worker_set(settings, workers, texts, options, half_rate=True, say=say))
        say("2 workers")
        settings = bench_settings(bootstrap, options)
        asyncio.run(ensure_topics(settings))
        with _workers(settings, 2, options, "two") as workers:
            two = asyncio.run(_worker_set(settings, workers, texts, options, half_rate=False, say=say))
    return {
        "bootstrap": "embedded" if options.bootstrap is None else options.bootstrap,
        "partitions": options.partitions,
        "batch_size": settings.batch_size,
        "batch_within_seconds": settings.batch_within_seconds,
        "one_worker": one,
        "two_workers": two,
    }
