"""Chaos tests: real Tansu broker, real worker processes; crashes lose nothing and change no event ids."""

from __future__ import annotations

import asyncio
import json
import signal
import time
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer

from conflict_events.contracts import Article
from conflict_events.settings import Settings
from conflict_events.stream.embedded import free_port
from conflict_events.stream.reader import Record, read_topic
from conflict_events.stream.testing import POISON, fake_extract

pytestmark = [pytest.mark.broker, pytest.mark.slow]

CHAOS_ARTICLES = 5_000
"""The issue's figure; articles are one short sentence each and run through the fake extractor."""
KILL_AFTER = 1_000
"""The first worker is SIGKILLed once it has consumed this many messages (mid-stream)."""
PARTITIONS = 4
ROLLING_ARTICLES = 2_000
_TOPICS = ("attack", "protest", "agree", "attack and protest", "calm")


def chaos_articles(count: int, prefix: str) -> list[tuple[bytes, bytes]]:
    """``count`` short articles, most with one or two keywords the fake extractor turns into events."""
    items = []
    for index in range(count):
        article_id = f"{prefix}-{index:05d}"
        text = f"Report {index}: crowds saw an {_TOPICS[index % len(_TOPICS)]} near the square."
        items.append((article_id.encode(), json.dumps({"id": article_id, "text": text}).encode()))
    return items


def expected_event_ids(items: Sequence[tuple[bytes, bytes]]) -> set[str]:
    """The event ids of a clean, crash-free run: the same extractor applied once to every article."""
    clock = datetime(2024, 1, 1, tzinfo=UTC)
    ids: set[str] = set()
    for _, value in items:
        result = fake_extract(Article.model_validate_json(value), clock)
        ids.update(event.event_id for event in result.events)
    return ids


async def _produce(settings: Settings, items: Sequence[tuple[bytes, bytes]]) -> None:
    producer = AIOKafkaProducer(acks="all", linger_ms=5, **settings.aiokafka_options())
    await producer.start()
    try:
        futures = [await producer.send(settings.topic_articles, value, key=key) for key, value in items]
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


def produce_fast(settings: Settings, items: Sequence[tuple[bytes, bytes]]) -> None:
    """Pipelined produce (acks=all), much faster than one send_and_wait per message."""
    asyncio.run(_produce(settings, items))


def metric_sum(text: str, name: str) -> float:
    """Sum of every sample of ``name`` (all label sets) in a Prometheus text page."""
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name + "{") or line.startswith(name + " "):
            total += float(line.rsplit(" ", 1)[1])
    return total


def wait_for_outcomes(settings: Settings, expected_ids: set[str], timeout: float) -> list[Record]:
    """Read the outcomes topic until every expected article id has an outcome (or ``timeout``)."""
    deadline = time.monotonic() + timeout
    while True:
        records = asyncio.run(read_topic(settings, settings.topic_outcomes, timeout=30))
        seen = {json.loads(record.value or b"{}").get("article_id") for record in records}
        if expected_ids <= seen or time.monotonic() > deadline:
            return records
        time.sleep(2.0)


def own_metrics_port(settings: Settings) -> Settings:
    """The same settings with a free metrics port, so several workers can run side by side."""
    return settings.model_copy(update={"metrics_port": free_port()})


def wait_until(condition: Callable[[], bool], timeout: float, step: float = 0.5) -> bool:
    """Poll ``condition`` until true or ``timeout``; returns the last value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


class TestWorkerCrash:
    @pytest.mark.timeout(600)
    def test_sigkill_mid_stream_loses_nothing_and_keeps_event_ids(
        self,
        stream_settings: Callable[..., Settings],
        start_worker: Callable[..., Any],
        record_property: Callable[..., None],
    ) -> None:
        """2 workers, 5,000 articles, one SIGKILLed mid-stream and replaced: every article has an outcome,
        the event-id set equals a clean run's, and duplicates stay within the uncommitted window."""
        settings = stream_settings(TOPIC_PARTITIONS=PARTITIONS)
        items = chaos_articles(CHAOS_ARTICLES, "chaos")
        input_ids = {key.decode() for key, _ in items}
        victim = start_worker(own_metrics_port(settings))
        survivor = start_worker(own_metrics_port(settings))
        produce_fast(settings, items)

        def victim_busy() -> bool:
            try:
                consumed = metric_sum(victim.metrics_text(timeout=2), "extractor_articles_consumed_total")
            except OSError:
                return False
            return consumed >= KILL_AFTER

        assert wait_until(victim_busy, timeout=240), "first worker never reached the kill point"
        victim.stop(signal.SIGKILL)
        assert victim.exit_code == -signal.SIGKILL, victim.stderr_path.read_text(encoding="utf-8")[-2000:]
        replacement = start_worker(own_metrics_port(settings))

        outcomes = wait_for_outcomes(settings, input_ids, timeout=300)
        outcome_ids = Counter(json.loads(record.value or b"{}")["article_id"] for record in outcomes)
        assert set(outcome_ids) == input_ids
        assert {json.loads(r.value or b"{}")["status"] for r in outcomes} == {"processed"}

        events = asyncio.run(read_topic(settings, settings.topic_events, timeout=30))
        event_ids = Counter((record.key or b"").decode() for record in events)
        assert set(event_ids) == expected_event_ids(items)

        duplicate_outcomes = sum(outcome_ids.values()) - len(outcome_ids)
        duplicate_events = sum(event_ids.values()) - len(event_ids)
        record_property("chaos_articles", CHAOS_ARTICLES)
        record_property("chaos_duplicate_outcomes", duplicate_outcomes)
        record_property("chaos_duplicate_events", duplicate_events)
        print(f"chaos: articles={CHAOS_ARTICLES} outcomes={len(outcomes)} unique={len(outcome_ids)} "
              f"duplicate_outcomes={duplicate_outcomes} events={len(events)} unique_events={len(event_ids)} "
              f"duplicate_events={duplicate_events}")
        # Window: what the victim had acknowledged but not yet committed when it died (offsets are
        # committed every COMMIT_INTERVAL_SECONDS = 1 s) plus its in-flight batch.
        assert duplicate_outcomes <= KILL_AFTER * 2
        assert (survivor.process.poll(), replacement.process.poll()) == (None, None)


class TestRollingRestart:
    @pytest.mark.timeout(480)
    def test_sigterm_mid_stream_hands_over_cleanly(
        self,
        stream_settings: Callable[..., Settings],
        start_worker: Callable[..., Any],
    ) -> None:
        """SIGTERM one of 2 workers mid-stream (a rolling restart): it exits 0 within 30 s, every article has
        an outcome, the event-id set equals a clean run's, and duplicates stay within the commit window."""
        settings = stream_settings(TOPIC_PARTITIONS=PARTITIONS)
        items = chaos_articles(ROLLING_ARTICLES, "rolling")
        input_ids = {key.decode() for key, _ in items}
        leaving = start_worker(own_metrics_port(settings))
        staying = start_worker(own_metrics_port(settings))
        produce_fast(settings, items)

        def leaving_busy() -> bool:
            try:
                consumed = metric_sum(leaving.metrics_text(timeout=2), "extractor_articles_consumed_total")
            except OSError:
                return False
            return consumed >= KILL_AFTER // 2

        assert wait_until(leaving_busy, timeout=240), "first worker never reached the stop point"
        started = time.monotonic()
        assert leaving.stop(signal.SIGTERM, timeout=30) == 0
        stop_seconds = time.monotonic() - started
        start_worker(own_metrics_port(settings))

        outcomes = wait_for_outcomes(settings, input_ids, timeout=300)
        outcome_ids = Counter(json.loads(record.value or b"{}")["article_id"] for record in outcomes)
        assert set(outcome_ids) == input_ids
        events = asyncio.run(read_topic(settings, settings.topic_events, timeout=30))
        assert {(record.key or b"").decode() for record in events} == expected_event_ids(items)
        duplicates = sum(outcome_ids.values()) - len(outcome_ids)
        print(f"rolling: articles={ROLLING_ARTICLES} stop_seconds={stop_seconds:.1f} "
              f"duplicate_outcomes={duplicates}")
        assert duplicates <= KILL_AFTER
        assert staying.process.poll() is None


class TestExtractionFault:
    @pytest.mark.timeout(180)
    def test_raising_extraction_dead_letters_that_article_only(
        self,
        stream_settings: Callable[..., Settings],
        start_worker: Callable[..., Any],
        read_records: Callable[..., Any],
        publish_values: Callable[..., None],
    ) -> None:
        """An article whose extraction raises is dead-lettered with the error; the next one is processed."""
        settings = stream_settings(TOPIC_PARTITIONS=1)
        start_worker(settings)
        poison = json.dumps({"id": "fault-1", "text": f"An attack {POISON} here."}).encode()
        good = json.dumps({"id": "fault-2", "text": "A protest in the square."}).encode()
        publish_values(settings, [(b"fault-1", poison), (b"fault-2", good)])
        outcomes = read_records(settings, settings.topic_outcomes, count=2, timeout=60)
        summary = [
            (json.loads(r.value)["article_id"], json.loads(r.value)["status"], json.loads(r.value)["reason"],
             json.loads(r.value)["stage"])
            for r in outcomes
        ]
        assert summary == [
            ("fault-1", "dead_lettered", "extraction_error", "extract"),
            ("fault-2", "processed", None, None),
        ]
        assert json.loads(outcomes[0].value)["error"].startswith("RuntimeError: ")
        [dead] = read_records(settings, settings.topic_dlq, count=1, timeout=20)
        assert (dead.key, dead.value, dead.header("dlq.reason"), dead.header("dlq.error.class")) == (
            b"fault-1", poison, "extraction_error", "RuntimeError",
        )
