"""What the worker does with a batch of consumed messages, minus the Kafka I/O.

decode → extract (injectable extractor) → route → records to send + exactly one ``ArticleOutcome``
per message.  A failure stays local: a message that cannot be decoded, or whose extraction raises,
becomes a dead letter and the rest of the batch goes on.  Synchronous and CPU-bound: the worker runs
it in a thread so the event loop keeps heart-beating.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from conflict_events import __version__
from conflict_events.contracts import Article, ArticleOutcome, ConflictEvent
from conflict_events.extractor import ExtractionOutput, Extractor, extract_isolated
from conflict_events.settings import Settings
from conflict_events.stream.decode import EXTRACTION_ERROR, Rejection, decode_article
from conflict_events.stream.records import (
    InboundMessage,
    OutboundRecord,
    dlq_record,
    event_records,
    outcome_record,
    split_error,
)


@dataclass(frozen=True, slots=True)
class Handled:
    """The fate of one consumed message: what to send and what to count."""

    message: InboundMessage
    outcome: ArticleOutcome
    records: tuple[OutboundRecord, ...]
    events: tuple[ConflictEvent, ...]
    extraction_seconds: float | None = None


def _outcome(message: InboundMessage, now: datetime, **fields: object) -> ArticleOutcome:
    """The outcome of ``message``; ``timings`` gets a ``total`` (decode + extract seconds)."""
    timings = fields.get("timings")
    if isinstance(timings, dict):
        total = timings.get("decode", 0.0) + timings.get("extract", 0.0)
        fields["timings"] = {**timings, "total": round(total, 6)}
    return ArticleOutcome.model_validate(
        {
            "source_topic": message.topic,
            "partition": message.partition,
            "offset": message.offset,
            "processed_at": now,
            "extractor_version": __version__,
            **fields,
        }
    )


def _dead_letter(
    message: InboundMessage,
    settings: Settings,
    now: datetime,
    *,
    article_id: str | None,
    reason: str,
    stage: str,
    error: str,
    timings: dict[str, float],
) -> Handled:
    error_class, error_message = split_error(error)
    outcome = _outcome(
        message,
        now,
        article_id=article_id,
        status="dead_lettered",
        reason=reason,
        stage=stage,
        error=error,
        timings=timings,
    )
    records = (
        dlq_record(
            message,
            dlq_topic=settings.topic_dlq,
            reason=reason,
            stage=stage,
            error_class=error_class,
            error_message=error_message,
            max_value_bytes=settings.dlq_max_value_bytes,
        ),
        outcome_record(outcome, outcomes_topic=settings.topic_outcomes),
    )
    return Handled(message, outcome, records, ())


def _rejected(
    message: InboundMessage,
    rejection: Rejection,
    settings: Settings,
    now: datetime,
    timings: dict[str, float],
) -> Handled:
    article_id = getattr(rejection, "article_id", None)
    if rejection.status == "dead_lettered":
        return _dead_letter(
            message,
            settings,
            now,
            article_id=article_id,
            reason=rejection.reason,
            stage=rejection.stage,
            error=rejection.error,
            timings=timings,
        )
    outcome = _outcome(
        message,
        now,
        article_id=article_id,
        status="skipped",
        reason=rejection.reason,
        stage=rejection.stage,
        timings=timings,
    )
    return Handled(message, outcome, (outcome_record(outcome, outcomes_topic=settings.topic_outcomes),), ())


def _extracted(
    message: InboundMessage,
    article: Article,
    result: ExtractionOutput,
    settings: Settings,
    now: datetime,
    timings: dict[str, float],
    seconds: float,
) -> Handled:
    timings = {**timings, **{k: round(v, 6) for k, v in result.timings.items()}, "extract": round(seconds, 6)}
    if result.status != "processed":
        outcome = _outcome(
            message,
            now,
            article_id=article.id,
            status="skipped",
            reason=result.skip_reason or "skipped",
            stage="extract",
            language=result.language,
            timings=timings,
        )
        return Handled(
            message, outcome, (outcome_record(outcome, outcomes_topic=settings.topic_outcomes),), (), seconds
        )
    events = tuple(result.events)
    records: list[OutboundRecord] = []
    for event in events:
        records.extend(event_records(event, events_topic=settings.topic_events, sent_at=now))
    outcome = _outcome(
        message,
        now,
        article_id=article.id,
        status="processed",
        language=result.language,
        event_count=len(events),
        event_ids=[e.event_id for e in events],
        timings=timings,
    )
    records.append(outcome_record(outcome, outcomes_topic=settings.topic_outcomes))
    return Handled(message, outcome, tuple(records), events, seconds)


def _extraction_failed(
    message: InboundMessage,
    settings: Settings,
    stamp: datetime,
    article: Article,
    error: str,
    timings: dict[str, float],
) -> Handled:
    """Dead letter for an article whose extraction raised, broke the contracts or never finished."""
    return _dead_letter(
        message,
        settings,
        stamp,
        article_id=article.id,
        reason=EXTRACTION_ERROR,
        stage="extract",
        error=error,
        timings=timings,
    )


def handle_batch(
    messages: Sequence[InboundMessage],
    *,
    settings: Settings,
    extractor: Extractor,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> list[Handled]:
    """Decide the fate of every message of a batch, in input order.

    Args:
        messages: consumed messages, as plain values.
        settings: topic names and ``max_message_bytes``.
        extractor: the extraction core (or a fake in tests).
        now: the clock, for ``processed_at`` and ``ce_time``.

    Returns:
        One ``Handled`` per message, same order; each has exactly one outcome record.
    """
    decoded: list[tuple[InboundMessage, Article | Rejection, float]] = []
    for message in messages:
        started = time.perf_counter()
        decoded_item = decode_article(message.value, max_bytes=settings.max_message_bytes)
        decoded.append((message, decoded_item, time.perf_counter() - started))
    articles = [item for _, item, _ in decoded if isinstance(item, Article)]
    stamp = now()
    extracted = iter(extract_isolated(extractor, articles, stamp) if articles else [])
    handled: list[Handled] = []
    for message, item, decode_seconds in decoded:
        timings = {"decode": round(decode_seconds, 6)}
        if isinstance(item, Article):
            result, seconds = next(extracted)
            error: Exception | None = result if isinstance(result, Exception) else None
            if not isinstance(result, Exception):
                try:
                    handled.append(_extracted(message, item, result, settings, stamp, timings, seconds))
                except Exception as exc:  # a result that does not fit the contracts: same as a raise
                    error = exc
            if error is not None:
                failed_timings = {**timings, "extract": round(seconds, 6)}
                handled.append(
                    _extraction_failed(
                        message, settings, stamp, item, f"{type(error).__name__}: {error}", failed_timings
                    )
                )
        else:
            handled.append(_rejected(message, item, settings, stamp, timings))
    return handled


def give_up(
    messages: Sequence[InboundMessage],
    *,
    settings: Settings,
    error: str,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> list[Handled]:
    """Fates of a batch whose extraction never finished: decodable articles are dead-lettered with
    ``extraction_error`` and ``error``; messages rejected by the decoder keep their own outcome."""
    stamp = now()
    handled: list[Handled] = []
    for message in messages:
        item = decode_article(message.value, max_bytes=settings.max_message_bytes)
        if isinstance(item, Article):
            handled.append(_extraction_failed(message, settings, stamp, item, error, {}))
        else:
            handled.append(_rejected(message, item, settings, stamp, {}))
    return handled
