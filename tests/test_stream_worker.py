"""The worker against a real broker: events routed, one outcome per input, DLQ, metrics, clean stop."""

from __future__ import annotations

import asyncio
import json
import re
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conflict_events.contracts import ArticleOutcome, ConflictEvent

pytestmark = pytest.mark.broker


def _metric(text: str, name: str, labels: str = "") -> float:
    """Value of one sample in a Prometheus text page (``labels`` exactly as printed, without braces)."""
    pattern = (
        r"(?m)^" + re.escape(name) + (r"\{" + re.escape(labels) + r"\}" if labels else "") + r" ([0-9.e+-]+)"
    )
    match = re.search(pattern, text)
    assert match is not None, f"{name}{{{labels}}} not in /metrics"
    return float(match.group(1))


def _wait_for_metric(worker, name: str, labels: str, value: float, timeout: float = 15.0) -> str:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while True:
        text = worker.metrics_text()
        if _metric(text, name, labels) >= value or time.monotonic() > deadline:
            return str(text)
        time.sleep(0.2)


class TestWorkerEndToEnd:
    def test_seed_article_gives_routed_events_and_one_outcome(
        self,
        stream_settings: Callable,
        start_worker: Callable,
        read_records: Callable,
        publish_values: Callable,
        seed_article_json: bytes,
    ) -> None:
        """Seed in → its events on the events topic and the category topic, exactly one processed outcome."""
        settings = stream_settings()
        start_worker(settings)
        publish_values(settings, [(b"000_7e46fb40130ba7bf", seed_article_json)])
        [outcome_record] = read_records(settings, settings.topic_outcomes, count=1, timeout=40)
        outcome = ArticleOutcome.model_validate_json(outcome_record.value)
        assert (outcome.article_id, outcome.status, outcome.event_count) == (
            "000_7e46fb40130ba7bf",
            "processed",
            1,
        )
        events = read_records(settings, settings.topic_events, count=1, timeout=10)
        event = ConflictEvent.model_validate_json(events[0].value)
        assert (event.category, event.event_type, event.article_id) == (
            "agreement",
            "AGREE",
            "000_7e46fb40130ba7bf",
        )
        assert events[0].key == event.event_id.encode()
        assert events[0].header("ce_subject") == "000_7e46fb40130ba7bf"
        routed = read_records(settings, settings.event_topic("agreement"), count=1, timeout=10)
        assert [r.key for r in routed] == [event.event_id.encode()]
        assert read_records(settings, settings.event_topic("violence"), timeout=3) == []
        time.sleep(1.0)  # no duplicate outcome arrives later
        assert len(read_records(settings, settings.topic_outcomes, timeout=5)) == 1

    def test_malformed_message_dead_lettered_and_worker_carries_on(
        self,
        stream_settings: Callable,
        start_worker: Callable,
        read_records: Callable,
        publish_values: Callable,
    ) -> None:
        """Bad JSON → DLQ with reason and the original bytes, outcome dead_lettered; the next article is
        processed; /metrics counts both; SIGTERM stops the worker with exit code 0 within 15 s."""
        settings = stream_settings(TOPIC_PARTITIONS=1)
        worker = start_worker(settings)
        good = json.dumps({"id": "after-bad", "text": "Police attack the protest camp."}).encode()
        publish_values(settings, [(b"bad-1", b'{"id": "bad-1", "text": '), (b"after-bad", good)])
        outcomes = read_records(settings, settings.topic_outcomes, count=2, timeout=40)
        statuses = [(r.key, json.loads(r.value)["status"], json.loads(r.value)["reason"]) for r in outcomes]
        assert statuses == [
            (b"dlq:" + settings.topic_articles.encode() + b":0:0", "dead_lettered", "invalid_json"),
            (b"after-bad", "processed", None),
        ]
        [dead] = read_records(settings, settings.topic_dlq, count=1, timeout=10)
        assert (dead.key, dead.value) == (b"bad-1", b'{"id": "bad-1", "text": ')
        assert (dead.header("dlq.reason"), dead.header("dlq.stage"), dead.header("dlq.source.offset")) == (
            "invalid_json",
            "decode",
            "0",
        )
        assert len(read_records(settings, settings.topic_events, count=2, timeout=10)) == 2

        text = _wait_for_metric(worker, "extractor_articles_consumed_total", 'outcome="processed"', 1.0)
        assert _metric(text, "extractor_articles_consumed_total", 'outcome="processed"') == 1.0
        assert _metric(text, "extractor_articles_consumed_total", 'outcome="dead_lettered"') == 1.0
        assert _metric(text, "extractor_dlq_messages_total", 'reason="invalid_json"') == 1.0
        assert (
            _metric(text, "extractor_events_published_total", 'category="violence",event_type="ASSAULT"')
            == 1.0
        )
        assert _metric(text, "extractor_end_to_end_latency_seconds_count") == 2.0
        assert (
            _metric(
                text, "extractor_consumer_lag_messages", f'partition="0",topic="{settings.topic_articles}"'
            )
            == 0.0
        )

        started = time.monotonic()
        assert worker.stop(signal.SIGTERM, timeout=15) == 0
        assert time.monotonic() - started < 15
        lines = [json.loads(line) for line in worker.log_lines()]
        done = [line for line in lines if line["event"] == "article_done"]
        assert [(d["article_id"], d["outcome"], d["events"]) for d in done] == [
            (None, "dead_lettered", 0),
            ("after-bad", "processed", 2),
        ]
        assert all("text" not in d for d in done)

    @pytest.mark.slow
    def test_restarted_worker_does_not_reprocess_committed_offsets(
        self,
        stream_settings: Callable,
        start_worker: Callable,
        read_records: Callable,
        publish_values: Callable,
    ) -> None:
        """After a clean stop offsets are committed: a new worker in the group processes only new input."""
        settings = stream_settings(TOPIC_PARTITIONS=1)
        first = start_worker(settings)
        publish_values(settings, [(b"r1", json.dumps({"id": "r1", "text": "They agree."}).encode())])
        assert len(read_records(settings, settings.topic_outcomes, count=1, timeout=40)) == 1
        assert first.stop(signal.SIGTERM, timeout=15) == 0
        start_worker(settings)
        publish_values(settings, [(b"r2", json.dumps({"id": "r2", "text": "They agree again."}).encode())])
        outcomes = read_records(settings, settings.topic_outcomes, count=2, timeout=40)
        assert [r.key for r in outcomes] == [b"r1", b"r2"]
        time.sleep(2.0)  # a re-processed r1 would show up as a third outcome
        assert len(read_records(settings, settings.topic_outcomes, timeout=10)) == 2


@pytest.mark.slow
class TestWorkerWithCore:
    def test_seed_through_real_extractor_routes_every_event_by_category(
        self,
        stream_settings: Callable,
        start_worker: Callable,
        read_records: Callable,
        publish_values: Callable,
        seed_article_json: bytes,
    ) -> None:
        """Real core on the seed: all events on the events topic, each on its category topic, one outcome."""
        settings = stream_settings()
        start_worker(settings, extractor="core")
        publish_values(settings, [(b"000_7e46fb40130ba7bf", seed_article_json)])
        [record] = read_records(settings, settings.topic_outcomes, count=1, timeout=120)
        outcome = ArticleOutcome.model_validate_json(record.value)
        assert (outcome.status, outcome.article_id) == ("processed", "000_7e46fb40130ba7bf")
        assert outcome.event_count >= 3
        events = [
            ConflictEvent.model_validate_json(r.value)
            for r in read_records(settings, settings.topic_events, count=outcome.event_count, timeout=20)
        ]
        assert sorted(e.event_id for e in events) == sorted(outcome.event_ids)
        categories = {e.category for e in events}
        assert "agreement" in categories
        for category in ("violence", "protest", "agreement", "mobilization", "coercion", "other"):
            expected = sorted(e.event_id for e in events if e.category == category)
            routed = read_records(
                settings,
                settings.event_topic(category),
                count=len(expected) or None,
                timeout=10 if expected else 3,
            )
            assert sorted(r.key.decode() for r in routed) == expected, category


@pytest.mark.slow
class TestGracefulShutdown:
    def test_sigterm_finishes_in_flight_article_then_commits(
        self,
        stream_settings: Callable,
        start_worker: Callable,
        read_records: Callable,
        publish_values: Callable,
    ) -> None:
        """SIGTERM while an article is being extracted: it is finished, published and committed; exit 0."""
        settings = stream_settings(TOPIC_PARTITIONS=1)
        worker = start_worker(settings)
        slow = json.dumps({"id": "slow-1", "text": "SLOW-ARTICLE: rebels attack"}).encode()
        worker.metrics_text(timeout=30)
        publish_values(settings, [(b"slow-1", slow)])
        deadline = time.monotonic() + 30
        while _metric(worker.metrics_text(), "extractor_articles_in_progress") < 1.0:
            assert time.monotonic() < deadline, "the article never started"
            time.sleep(0.05)
        assert worker.stop(signal.SIGTERM, timeout=20) == 0
        outcomes = read_records(settings, settings.topic_outcomes, timeout=5)
        assert [(r.key, json.loads(r.value)["event_count"]) for r in outcomes] == [(b"slow-1", 1)]
        start_worker(settings)
        publish_values(settings, [(b"next", json.dumps({"id": "next", "text": "They agree."}).encode())])
        keys = [r.key for r in read_records(settings, settings.topic_outcomes, count=2, timeout=40)]
        assert keys == [b"slow-1", b"next"]
        time.sleep(2.0)  # slow-1 re-delivered would appear as a third outcome
        assert len(read_records(settings, settings.topic_outcomes, timeout=10)) == 2


@pytest.mark.slow
class TestBrokerLoss:
    def test_broker_up_drops_when_the_broker_dies(
        self,
        start_worker: Callable,
        tmp_path: Path,
    ) -> None:
        """extractor_broker_up is 1 while connected and 0 within ~10 s after the broker is killed."""
        from conflict_events.settings import Settings
        from conflict_events.stream.embedded import free_port, start_broker
        from conflict_events.stream.topics import ensure_topics

        own = start_broker(log_path=tmp_path / "own-broker.log")
        try:
            settings = Settings(
                KAFKA_BOOTSTRAP_SERVERS=own.bootstrap,
                TOPIC_PARTITIONS=1,
                METRICS_PORT=free_port(),
                METRICS_ADDR="127.0.0.1",
                CONSUMER_SESSION_TIMEOUT_SECONDS=6,
                CONSUMER_REBALANCE_TIMEOUT_SECONDS=5,
                CONSUMER_HEARTBEAT_INTERVAL_SECONDS=1,
            )
            asyncio.run(ensure_topics(settings))
            worker = start_worker(settings)
            assert _wait_for_metric(worker, "extractor_broker_up", "", 1.0, timeout=30) and (
                _metric(worker.metrics_text(), "extractor_broker_up") == 1.0
            )
            own.stop()
            deadline = time.monotonic() + 20
            while _metric(worker.metrics_text(), "extractor_broker_up") != 0.0:
                assert time.monotonic() < deadline, "broker_up stayed 1 after the broker died"
                time.sleep(0.5)
            assert _metric(worker.metrics_text(), "extractor_broker_errors_total") >= 1.0
        finally:
            own.stop()


@pytest.mark.slow
class TestExtractionTimeout:
    def test_hanging_article_is_dead_lettered_and_worker_restarts_clean(
        self,
        stream_settings: Callable,
        start_worker: Callable,
        read_records: Callable,
        publish_values: Callable,
    ) -> None:
        """An extraction over EXTRACT_TIMEOUT_SECONDS: DLQ + dead_lettered outcome, offset committed, exit 3;
        a restarted worker goes on with the next article and never sees the hanging one again."""
        settings = stream_settings(TOPIC_PARTITIONS=1, EXTRACT_TIMEOUT_SECONDS=2)
        worker = start_worker(settings)
        hang = json.dumps({"id": "hang-1", "text": "HANG-ARTICLE attack"}).encode()
        publish_values(settings, [(b"hang-1", hang)])
        [outcome] = read_records(settings, settings.topic_outcomes, count=1, timeout=40)
        body = json.loads(outcome.value)
        assert (outcome.key, body["status"], body["reason"], body["error"]) == (
            b"hang-1",
            "dead_lettered",
            "extraction_error",
            "TimeoutError: extraction took longer than 2 s",
        )
        [dead] = read_records(settings, settings.topic_dlq, count=1, timeout=10)
        assert (dead.key, dead.value, dead.header("dlq.error.class")) == (b"hang-1", hang, "TimeoutError")
        assert worker.process.wait(timeout=30) == 3
        start_worker(settings)
        publish_values(settings, [(b"next", json.dumps({"id": "next", "text": "They agree."}).encode())])
        keys = [r.key for r in read_records(settings, settings.topic_outcomes, count=2, timeout=40)]
        assert keys == [b"hang-1", b"next"]
        time.sleep(2.0)  # a re-delivered hang-1 would hang again and never produce; also no third outcome
        assert len(read_records(settings, settings.topic_outcomes, timeout=10)) == 2


class TestTopics:
    def test_topic_creation_is_idempotent_and_uses_partition_setting(self, stream_settings: Callable) -> None:
        """A second ensure_topics creates nothing; created topics have TOPIC_PARTITIONS partitions."""
        from aiokafka import AIOKafkaConsumer

        from conflict_events.stream.topics import ensure_topics, topic_names

        settings = stream_settings(TOPIC_PARTITIONS=3)
        assert asyncio.run(ensure_topics(settings)) == []

        async def partitions() -> dict[str, int]:
            consumer = AIOKafkaConsumer(**settings.aiokafka_options())
            await consumer.start()
            try:
                await consumer._client.force_metadata_update()
                return {
                    name: len(consumer.partitions_for_topic(name) or ()) for name in topic_names(settings)
                }
            finally:
                await consumer.stop()

        counts = asyncio.run(partitions())
        assert set(counts.values()) == {3}
        assert len(counts) == 12  # 10 of extraction, the re-keyed events and the incidents
