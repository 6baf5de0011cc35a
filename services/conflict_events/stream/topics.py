"""Create the service's topics at start-up, idempotently (existing topics are left alone)."""

from __future__ import annotations

import asyncio
import contextlib

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from conflict_events.contracts import CATEGORIES
from conflict_events.settings import Settings


def topic_names(settings: Settings) -> list[str]:
    """Every topic the worker reads or writes: input, events (all + per category), outcomes, DLQ."""
    return [
        settings.topic_articles,
        settings.topic_events,
        *(settings.event_topic(category) for category in CATEGORIES),
        settings.topic_outcomes,
        settings.topic_dlq,
    ]


async def ensure_topics(settings: Settings, *, timeout_seconds: float = 30.0) -> list[str]:
    """Create the missing topics with ``TOPIC_PARTITIONS`` and ``TOPIC_REPLICATION_FACTOR``.

    Returns:
        The names that were created now (empty when all existed).
    """
    admin = AIOKafkaAdminClient(request_timeout_ms=int(timeout_seconds * 1000), **settings.aiokafka_options())
    await asyncio.wait_for(admin.start(), timeout_seconds)
    try:
        existing = set(await admin.list_topics())
        wanted = [name for name in topic_names(settings) if name not in existing]
        if wanted:
            with contextlib.suppress(TopicAlreadyExistsError):  # another worker created them first
                await admin.create_topics(
                    [
                        NewTopic(
                            name,
                            num_partitions=settings.topic_partitions,
                            replication_factor=settings.topic_replication_factor,
                        )
                        for name in wanted
                    ]
                )
        return wanted
    finally:
        await admin.close()
