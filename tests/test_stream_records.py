"""Wire format of outgoing records: CloudEvents headers, keys, DLQ context headers."""

from __future__ import annotations

from datetime import UTC, datetime

from conflict_events.contracts import Article, ArticleOutcome
from conflict_events.stream.records import (
    InboundMessage,
    dlq_record,
    event_records,
    outcome_key,
    outcome_record,
    split_error,
)
from conflict_events.stream.testing import fake_extract

SENT = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)


def _event():  # type: ignore[no-untyped-def]
    article = Article(id="art-1", text="Troops attack the depot.")
    return fake_extract(article, SENT).events[0]


class TestEventRecords:
    def test_keys_and_topics(self) -> None:
        """The event goes to the all-events topic and its category topic, keyed by event_id."""
        event = _event()
        first, second = event_records(event, events_topic="conflict-events", sent_at=SENT)
        assert (first.topic, second.topic) == ("conflict-events", "conflict-events.violence")
        assert first.key == second.key == event.event_id.encode()

    def test_cloudevents_binary_headers(self) -> None:
        """Headers follow the CloudEvents Kafka binding plus schema-version and article-id."""
        event = _event()
        headers = dict(event_records(event, events_topic="e", sent_at=SENT)[0].headers)
        assert headers["ce_specversion"] == b"1.0"
        assert headers["ce_type"] == b"org.conflictevents.event.created.v1"
        assert headers["ce_time"] == b"2024-01-02T03:04:05Z"
        assert headers["ce_subject"] == b"art-1"
        assert headers["ce_id"] == event.event_id.encode()
        assert headers["content-type"] == b"application/json"
        assert headers["schema-version"] == b"1.0"
        assert headers["article-id"] == b"art-1"
        assert headers["ce_dataschema"] == b"https://conflictevents.org/schemas/conflict-event.v1.schema.json"


class TestOutcomeAndDlq:
    def test_outcome_key_without_article_id(self) -> None:
        """An outcome of an unreadable message is keyed by its source coordinates."""
        outcome = ArticleOutcome(
            article_id=None,
            status="dead_lettered",
            source_topic="articles",
            partition=3,
            offset=42,
            processed_at=SENT,
            extractor_version="x",
        )
        assert outcome_key(outcome) == b"dlq:articles:3:42"
        assert outcome_record(outcome, outcomes_topic="o").key == b"dlq:articles:3:42"

    def test_dlq_headers(self) -> None:
        """The DLQ record keeps key and bytes and adds the seven dlq.* context headers."""
        message = InboundMessage("articles", 1, 7, b"key", b"\xff\xfe", None)
        record = dlq_record(
            message,
            dlq_topic="articles.dlq",
            reason="invalid_utf8",
            stage="decode",
            error_class="UnicodeDecodeError",
            error_message="bad byte",
        )
        assert (record.key, record.value) == (b"key", b"\xff\xfe")
        assert dict(record.headers) == {
            "dlq.reason": b"invalid_utf8",
            "dlq.stage": b"decode",
            "dlq.error.class": b"UnicodeDecodeError",
            "dlq.error.message": b"bad byte",
            "dlq.source.topic": b"articles",
            "dlq.source.partition": b"1",
            "dlq.source.offset": b"7",
        }

    def test_dlq_truncates_a_body_the_producer_could_not_send(self) -> None:
        """A body over max_value_bytes is cut to it and marked with its original size and SHA-256."""
        message = InboundMessage("articles", 0, 9, b"big", b"abcdefghij", None)
        record = dlq_record(
            message,
            dlq_topic="articles.dlq",
            reason="too_large",
            stage="decode",
            error_class="Rejected",
            error_message="10 bytes over the limit",
            max_value_bytes=4,
        )
        assert record.value == b"abcd"
        headers = dict(record.headers)
        assert headers["dlq.truncated"] == b"true"
        assert headers["dlq.original.size_bytes"] == b"10"
        assert headers["dlq.original.sha256"] == (
            b"72399361da6a7754fec986dca5b7cbaf1c810a28ded4abaf56b2106d06cb78b0"
        )

    def test_dlq_keeps_a_body_within_the_limit(self) -> None:
        """A body at the limit is copied whole, with no truncation headers."""
        message = InboundMessage("articles", 0, 9, b"k", b"abcd", None)
        record = dlq_record(
            message,
            dlq_topic="articles.dlq",
            reason="invalid_json",
            stage="decode",
            error_class="JSONDecodeError",
            error_message="x",
            max_value_bytes=4,
        )
        assert record.value == b"abcd"
        assert "dlq.truncated" not in dict(record.headers)

    def test_split_error(self) -> None:
        """'Class: message' splits; a plain sentence gets the class 'Rejected'."""
        assert split_error("JSONDecodeError: unexpected end") == ("JSONDecodeError", "unexpected end")
        assert split_error("field 'id' is missing or null") == ("Rejected", "field 'id' is missing or null")
