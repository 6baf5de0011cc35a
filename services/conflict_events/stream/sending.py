"""Sending a set of records from a Faust agent: every acknowledgement awaited, retried until it succeeds,
and not abandoned half-way when the agent is cancelled at shutdown (at-least-once: offsets are committed
only after the outputs are acknowledged)."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

import faust

from conflict_events.stream.logs import log
from conflict_events.stream.records import OutboundRecord

RETRY_SECONDS = (0.5, 1.0, 2.0, 5.0)
"""Back-off between attempts (the last value repeats)."""
SHUTDOWN_GRACE_SECONDS = 20.0
"""Longest time an in-flight batch may take to finish once the agent is told to stop."""

T = TypeVar("T")


async def retried(
    attempt: Callable[[], Awaitable[T]],
    *,
    logger: logging.Logger,
    failure_event: str,
    on_failure: Callable[[], None] | None = None,
    **fields: Any,
) -> T:
    """Await ``attempt()`` until it succeeds; after each failure call ``on_failure``, log ``failure_event``
    (with ``fields``) and wait the next ``RETRY_SECONDS`` back-off. Cancellation is never retried."""
    tries = 0
    while True:
        try:
            return await attempt()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            if on_failure is not None:
                on_failure()
            delay = RETRY_SECONDS[min(tries, len(RETRY_SECONDS) - 1)]
            log(logger, logging.ERROR, failure_event, error=repr(exc), **fields, retry_in_seconds=delay)
            tries += 1
            await asyncio.sleep(delay)


async def send_all(
    app: faust.App, records: Sequence[OutboundRecord], *, logger: logging.Logger, failure_event: str
) -> None:
    """Send ``records`` (explicit partitions and timestamps kept) and await every acknowledgement; on any
    failure log ``failure_event`` and send the whole set again after a back-off (keys make repeats
    harmless to a compacted topic or a de-duplicating consumer)."""
    if records:
        await retried(
            lambda: send_once(app, records), logger=logger, failure_event=failure_event, records=len(records)
        )


async def send_once(app: faust.App, records: Sequence[OutboundRecord]) -> None:
    """Send ``records`` once and await every acknowledgement."""
    producer = app.producer
    futures = [
        await producer.send(r.topic, r.key, r.value, r.partition, r.timestamp, list(r.headers))
        for r in records
    ]
    await asyncio.gather(*futures)


async def shielded(work: Awaitable[Any], logger: logging.Logger, agent: str | None, **fields: Any) -> None:
    """Run ``work``; when the agent is cancelled (shutdown), let it finish (bounded) so its outputs are
    acknowledged before Faust commits the offsets, or exit without committing (logging ``agent``, when
    given, and ``fields``)."""
    task = asyncio.ensure_future(work)
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        try:
            await asyncio.wait_for(asyncio.shield(task), SHUTDOWN_GRACE_SECONDS)
        except Exception as exc:
            named = {} if agent is None else {"agent": agent}
            log(logger, logging.CRITICAL, "shutdown_batch_unfinished", **named, error=repr(exc), **fields)
            os._exit(1)
        raise
