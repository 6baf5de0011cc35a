"""Batch handling without Kafka: decode → extract → records and exactly one outcome per message."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from conflict_events.contracts import Article
from conflict_events.settings import Settings
from conflict_events.stream.handling import handle_batch
from conflict_events.stream.records import InboundMessage
from conflict_events.stream.testing import FakeResult, fake_extract, make_fake_extractor

SETTINGS = Settings(KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:1", MAX_MESSAGE_BYTES=2000)
NOW = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)


def _message(value: bytes | None, offset: int = 0, key: bytes | None = b"k") -> InboundMessage:
    return InboundMessage("articles", 0, offset, key, value, 1_700_000_000.0, (("trace", b"t1"),))


def _article(article_id: str, text: str) -> bytes:
    return json.dumps({"id": article_id, "text": text, "published_at": "2024-05-01T00:00:00Z"}).encode()


def _handle(*values: bytes | None) -> list:  # type: ignore[type-arg]
    messages = [_message(value, offset) for offset, value in enumerate(values)]
    return handle_batch(messages, settings=SETTINGS, extractor=make_fake_extractor(), now=lambda: NOW)


class TestHandleBatch:
    def test_processed_article_routes_each_event_to_all_and_category_topics(self) -> None:
        """An article with two keywords yields 2 events × 2 topics, then its outcome record last."""
        [handled] = _handle(_article("a1", "Rebels attack. Crowds protest."))
        topics = [record.topic for record in handled.records]
        assert topics == [
            "conflict-events",
            "conflict-events.violence",
            "conflict-events",
            "conflict-events.protest",
            "article-outcomes",
        ]
        assert handled.outcome.status == "processed"
        assert handled.outcome.event_count == 2
        timings = handled.outcome.timings
        assert timings["total"] == round(timings["decode"] + timings["extract"], 6)

    def test_invalid_json_goes_to_dlq_with_original_bytes_and_key(self) -> None:
        """Undecodable bytes are dead-lettered unchanged, keyed as they came, plus an outcome."""
        [handled] = _handle(b"{oops")
        dlq, outcome = handled.records
        assert (dlq.topic, dlq.key, dlq.value) == ("articles.dlq", b"k", b"{oops")
        assert dict(dlq.headers)["dlq.reason"] == b"invalid_json"
        assert dict(dlq.headers)["trace"] == b"t1"
        assert outcome.key == b"dlq:articles:0:0"
        assert handled.outcome.status == "dead_lettered"

    def test_extraction_error_is_isolated_to_the_poison_article(self) -> None:
        """One article raising in the extractor is dead-lettered; its batch neighbours are processed."""
        results = _handle(_article("a1", "attack"), _article("a2", "POISON-PILL"), _article("a3", "agree"))
        assert [h.outcome.status for h in results] == ["processed", "dead_lettered", "processed"]
        assert results[1].outcome.reason == "extraction_error"
        assert results[1].outcome.stage == "extract"
        assert dict(results[1].records[0].headers)["dlq.error.class"] == b"RuntimeError"

    def test_extractor_skip_gives_skipped_outcome_without_dlq(self) -> None:
        """A skip decided by the extractor (language) is an outcome only, with its reason."""
        [handled] = _handle(_article("a1", "[fr] Les manifestants"))
        assert [r.topic for r in handled.records] == ["article-outcomes"]
        assert (handled.outcome.status, handled.outcome.reason, handled.outcome.language) == (
            "skipped",
            "not_english",
            "fr",
        )

    def test_empty_text_skipped_by_decoder(self) -> None:
        """Blank text is skipped at decode with the article id kept."""
        [handled] = _handle(_article("a9", "   "))
        assert (handled.outcome.status, handled.outcome.reason, handled.outcome.article_id) == (
            "skipped",
            "empty_text",
            "a9",
        )

    def test_too_large_is_dead_lettered(self) -> None:
        """A value over MAX_MESSAGE_BYTES is dead-lettered as too_large."""
        [handled] = _handle(_article("big", "attack " * 400))
        assert handled.outcome.reason == "too_large"

    def test_every_message_has_exactly_one_outcome_record(self) -> None:
        """Mixed batch: outcomes count equals inputs, in input order."""
        results = _handle(None, b"[]", _article("a1", "attack"), _article("a2", ""))
        outcome_topics = [sum(r.topic == "article-outcomes" for r in h.records) for h in results]
        assert outcome_topics == [1, 1, 1, 1]
        assert [h.outcome.offset for h in results] == [0, 1, 2, 3]

    def test_result_breaking_the_contract_is_dead_lettered(self) -> None:
        """An extractor result whose events are not ConflictEvents dead-letters only that article."""

        @dataclass(frozen=True)
        class Broken:
            status: str = "processed"
            skip_reason: str | None = None
            language: str | None = "en"
            events: tuple[object, ...] = ("not an event",)
            timings: dict[str, float] = field(default_factory=dict)

        def broken(articles: Sequence[Article], ingested_at: datetime) -> list[FakeResult | Broken]:
            return [Broken() if a.id == "bad" else fake_extract(a, ingested_at) for a in articles]

        messages = [_message(_article("bad", "attack"), 0), _message(_article("ok", "attack"), 1)]
        results = handle_batch(messages, settings=SETTINGS, extractor=broken, now=lambda: NOW)  # type: ignore[arg-type]
        assert [(h.outcome.status, h.outcome.reason) for h in results] == [
            ("dead_lettered", "extraction_error"),
            ("processed", None),
        ]
        assert results[0].outcome.error == "AttributeError: 'str' object has no attribute 'event_id'"

    def test_wrong_result_count_falls_back_to_single_extraction(self) -> None:
        """An extractor that returns too few results for a batch is retried per article."""

        def flaky(articles: Sequence[Article], ingested_at: datetime) -> list[FakeResult]:
            if len(articles) > 1:
                return []
            return [fake_extract(articles[0], ingested_at)]

        messages = [_message(_article("a1", "attack"), 0), _message(_article("a2", "agree"), 1)]
        results = handle_batch(messages, settings=SETTINGS, extractor=flaky, now=lambda: NOW)
        assert [h.outcome.event_count for h in results] == [1, 1]


class TestGiveUp:
    def test_timed_out_batch_dead_letters_articles_and_keeps_decode_rejections(self) -> None:
        """give_up: articles become extraction_error dead letters, undecodable messages keep their reason."""
        from conflict_events.stream.handling import give_up

        messages = [_message(_article("a1", "attack"), 0), _message(b"{bad", 1)]
        results = give_up(messages, settings=SETTINGS, error="TimeoutError: too slow", now=lambda: NOW)
        assert [(h.outcome.article_id, h.outcome.reason, h.outcome.error) for h in results] == [
            ("a1", "extraction_error", "TimeoutError: too slow"),
            (None, "invalid_json", results[1].outcome.error),
        ]
        assert [r.topic for r in results[0].records] == ["articles.dlq", "article-outcomes"]
