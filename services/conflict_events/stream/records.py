"""Outgoing Kafka records: events with CloudEvents binary headers, outcomes, dead letters.

Pure functions from values to ``OutboundRecord``s; the worker only sends what these build, so the
wire format (keys, headers, routing) is tested without a broker.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from conflict_events.contracts import SCHEMA_VERSION, ArticleOutcome, ConflictEvent
from conflict_events.settings import category_topic

CE_SOURCE = "urn:conflict-events:worker"
CE_EVENT_TYPE = "org.conflictevents.event.created.v1"
CE_OUTCOME_TYPE = "org.conflictevents.article.outcome.v1"
SCHEMA_BASE_URI = "https://conflictevents.org/schemas/"
EVENT_SCHEMA_ID = f"{SCHEMA_BASE_URI}conflict-event.v1.schema.json"
OUTCOME_SCHEMA_ID = f"{SCHEMA_BASE_URI}article-outcome.v1.schema.json"
ARTICLE_SCHEMA_ID = f"{SCHEMA_BASE_URI}article.v1.schema.json"
JSON = b"application/json"

Headers = tuple[tuple[str, bytes], ...]


@dataclass(frozen=True, slots=True)
class InboundMessage:
    """One consumed message, as plain values (no client objects).

    Attributes:
        timestamp: the message timestamp in Unix seconds (producer create time), None if unknown.
    """

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    timestamp: float | None = None
    headers: Headers = ()


@dataclass(frozen=True, slots=True)
class OutboundRecord:
    """One record to produce.

    Attributes:
        partition: an explicit partition (the incident stage chooses its own); None: the key's hash.
        timestamp: the record timestamp in Unix seconds; None: the send time.
    """

    topic: str
    key: bytes | None
    value: bytes | None
    headers: Headers = ()
    partition: int | None = None
    timestamp: float | None = None


def rfc3339(moment: datetime) -> str:
    """UTC time as RFC 3339 with a ``Z`` suffix."""
    return moment.isoformat().replace("+00:00", "Z")


def event_headers(event: ConflictEvent, *, sent_at: datetime) -> Headers:
    """CloudEvents Kafka binding (binary mode) headers of one event."""
    return (
        ("ce_specversion", b"1.0"),
        ("ce_id", event.event_id.encode()),
        ("ce_source", CE_SOURCE.encode()),
        ("ce_type", CE_EVENT_TYPE.encode()),
        ("ce_time", rfc3339(sent_at).encode()),
        ("ce_subject", event.article_id.encode()),
        ("ce_dataschema", EVENT_SCHEMA_ID.encode()),
        ("content-type", JSON),
        ("schema-version", SCHEMA_VERSION.encode()),
        ("article-id", event.article_id.encode()),
    )


def event_records(
    event: ConflictEvent, *, events_topic: str, sent_at: datetime
) -> tuple[OutboundRecord, OutboundRecord]:
    """The event on the all-events topic and on its category topic, keyed by ``event_id``."""
    key = event.event_id.encode()
    value = event.model_dump_json().encode()
    headers = event_headers(event, sent_at=sent_at)
    return (
        OutboundRecord(events_topic, key, value, headers),
        OutboundRecord(category_topic(events_topic, event.category), key, value, headers),
    )


def outcome_key(outcome: ArticleOutcome) -> bytes:
    """Article id, or ``dlq:<topic>:<partition>:<offset>`` when the message had no readable id."""
    if outcome.article_id is not None:
        return outcome.article_id.encode()
    return f"dlq:{outcome.source_topic}:{outcome.partition}:{outcome.offset}".encode()


def outcome_record(outcome: ArticleOutcome, *, outcomes_topic: str) -> OutboundRecord:
    """The audit record of one input message."""
    key = outcome_key(outcome)
    headers: Headers = (
        ("ce_specversion", b"1.0"),
        ("ce_id", f"{key.decode()}@{outcome.source_topic}:{outcome.partition}:{outcome.offset}".encode()),
        ("ce_source", CE_SOURCE.encode()),
        ("ce_type", CE_OUTCOME_TYPE.encode()),
        ("ce_time", rfc3339(outcome.processed_at).encode()),
        ("ce_dataschema", OUTCOME_SCHEMA_ID.encode()),
        ("content-type", JSON),
        ("schema-version", SCHEMA_VERSION.encode()),
    )
    if outcome.article_id is not None:
        headers += (("ce_subject", outcome.article_id.encode()), ("article-id", outcome.article_id.encode()))
    return OutboundRecord(outcomes_topic, key, outcome.model_dump_json().encode(), headers)


def dlq_record(
    message: InboundMessage,
    *,
    dlq_topic: str,
    reason: str,
    stage: str,
    error_class: str,
    error_message: str,
    max_value_bytes: int | None = None,
) -> OutboundRecord:
    """The original key and bytes, with ``dlq.*`` headers saying what failed, where and why.

    A body longer than ``max_value_bytes`` (one the producer could not send) is cut to that length and
    marked with ``dlq.truncated``, ``dlq.original.size_bytes`` and ``dlq.original.sha256``; the full
    original stays at ``dlq.source.*`` on the input topic for as long as its retention keeps it.
    """
    value = message.value
    context: Headers = (
        ("dlq.reason", reason.encode()),
        ("dlq.stage", stage.encode()),
        ("dlq.error.class", error_class.encode()),
        ("dlq.error.message", error_message[:1000].encode("utf-8", "replace")),
        ("dlq.source.topic", message.topic.encode()),
        ("dlq.source.partition", str(message.partition).encode()),
        ("dlq.source.offset", str(message.offset).encode()),
    )
    if value is not None and max_value_bytes is not None and len(value) > max_value_bytes:
        context += (
            ("dlq.truncated", b"true"),
            ("dlq.original.size_bytes", str(len(value)).encode()),
            ("dlq.original.sha256", hashlib.sha256(value).hexdigest().encode()),
        )
        value = value[:max_value_bytes]
    kept = tuple((name, header) for name, header in message.headers if not name.startswith("dlq."))
    return OutboundRecord(dlq_topic, message.key, value, kept + context)


def split_error(error: str) -> tuple[str, str]:
    """``"ValueError: bad"`` → ``("ValueError", "bad")``; a line without a class gets ``"Rejected"``."""
    head, sep, tail = error.partition(": ")
    if sep and head.replace(".", "").replace("_", "").isalnum() and head[:1].isupper():
        return head, tail
    return "Rejected", error
