"""Sending a set of records from a Faust agent: every acknowledgement awaited, retried until it succeeds,
and not abandoned half-way when the agent is cancelled at shutdown (at-least-once: offsets are committed
only after the outputs are acknowledged)."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Sequence
from typing import Any

import faust

from conflict_events.stream.logs import log
from conflict_events.stream.records import OutboundRecord

RETRY_SECONDS = (0.5, 1.0, 2.0, 5.0)
"""Back-off between attempts (the last value repeats)."""
SHUTDOWN_GRACE_SECONDS = 20.0
"""Longest time an in-flight batch may take to finish once the agent is told to stop."""


async def send_all(
    app: faust.App, records: Sequence[OutboundRecord], *, logger: logging.Logger, failure_event: str
) -> None:
    """Send ``records`` (explicit partitions and timestamps kept) and await every acknowledgement; on any
    failure log ``failure_event`` and send the whole set again after a back-off (keys make repeats
    harmless to a compacted topic or a de-duplicating consumer)."""
    attempt = 0
    while records:
        try:
            producer = app.producer
            futures = [
                await producer.send(r.topic, r.key, r.value, r.partition, r.timestamp, list(r.headers))
                for r in records
            ]
            await asyncio.gather(*futures)
            return
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            delay = RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)]
            log(
                logger,
                logging.ERROR,
                failure_event,
                error=repr(exc),
                records=len(records),
                retry_in_seconds=delay,
            )
            attempt += 1
            await asyncio.sleep(delay)


async def shielded(work: Awaitable[Any], logger: logging.Logger, agent: str) -> None:
    """Run ``work``; when the agent is cancelled (shutdown), let it finish (bounded) so its outputs are
    acknowledged before Faust commits the offsets, or exit without committing."""
    task = asyncio.ensure_future(work)
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        try:
            await asyncio.wait_for(asyncio.shield(task), SHUTDOWN_GRACE_SECONDS)
        except Exception as exc:
            log(logger, logging.CRITICAL, "shutdown_batch_unfinished", agent=agent, error=repr(exc))
            os._exit(1)
        raise
