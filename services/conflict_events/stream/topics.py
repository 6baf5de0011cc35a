"""Create the service's topics at start-up, idempotently (existing topics are left alone)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Sequence

from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from conflict_events.contracts import CATEGORIES
from conflict_events.settings import Settings

COMPACTED = {"cleanup.policy": "compact"}
"""Configuration of the incidents topic: the last record per incident id is the incident."""


def topic_names(settings: Settings) -> list[str]:
    """Every topic the worker reads or writes: input, events (all + per category), outcomes, DLQ, and
    with ``INCIDENTS_ENABLED`` the incident topics."""
    names = [
        settings.topic_articles,
        settings.topic_events,
        *(settings.event_topic(category) for category in CATEGORIES),
        settings.topic_outcomes,
        settings.topic_dlq,
    ]
    return names + incident_topic_names(settings) if settings.incidents_enabled else names


def incident_topic_names(settings: Settings) -> list[str]:
    """The topics incident resolution writes: the internal re-keyed events and the incidents."""
    return [settings.incident_keys_topic, settings.topic_incidents]


def topic_configs(settings: Settings) -> dict[str, dict[str, str]]:
    """Topic-level configuration of the topics that need one (the compacted incidents topic)."""
    return {settings.topic_incidents: dict(COMPACTED)}


async def ensure_topics(
    settings: Settings, *, timeout_seconds: float = 30.0, names: Sequence[str] | None = None
) -> list[str]:
    """Create the missing topics (``names``, default ``topic_names``) with ``TOPIC_PARTITIONS`` and
    ``TOPIC_REPLICATION_FACTOR``, and their ``topic_configs``.

    Returns:
        The names that were created now (empty when all existed).
    """
    admin = AIOKafkaAdminClient(request_timeout_ms=int(timeout_seconds * 1000), **settings.aiokafka_options())
    await asyncio.wait_for(admin.start(), timeout_seconds)
    configs = topic_configs(settings)
    try:
        existing = set(await admin.list_topics())
        wanted = [name for name in (names or topic_names(settings)) if name not in existing]
        if wanted:
            with contextlib.suppress(TopicAlreadyExistsError):  # another worker created them first
                await admin.create_topics(
                    [
                        NewTopic(
                            name,
                            num_partitions=settings.topic_partitions,
                            replication_factor=settings.topic_replication_factor,
                            topic_configs=configs.get(name, {}),
                        )
                        for name in wanted
                    ]
                )
        return wanted
    finally:
        await admin.close()


async def partition_count(consumer: AIOKafkaConsumer, topic: str, timeout: float) -> int:
    """Number of partitions of ``topic`` from the cluster metadata (refreshed until it is known).

    Raises:
        LookupError: the topic does not exist after ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    while True:
        partitions = consumer.partitions_for_topic(topic)
        if partitions:
            return len(partitions)
        if time.monotonic() > deadline:
            raise LookupError(f"topic {topic!r} does not exist")
        await consumer._client.force_metadata_update()
        await asyncio.sleep(0.1)


async def partition_counts(
    settings: Settings, names: Sequence[str], *, timeout_seconds: float = 30.0
) -> dict[str, int]:
    """Number of partitions of each topic in ``names``, from the cluster metadata.

    Raises:
        LookupError: a topic does not exist (after ``timeout_seconds`` of metadata refreshes).
    """
    consumer = AIOKafkaConsumer(group_id=None, **settings.aiokafka_options())
    try:
        await asyncio.wait_for(consumer.start(), timeout_seconds)
        return {name: await partition_count(consumer, name, timeout_seconds) for name in names}
    finally:
        await consumer.stop()
