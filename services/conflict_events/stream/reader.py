"""Read a topic from the beginning (or follow it) without a consumer group: for tail, demo and tests.

"Caught up" is judged from the fetch ``highwater`` of every partition, not from ``end_offsets()``
(ListOffsets is under-reported by some brokers, Tansu among them).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition

from conflict_events.settings import Settings


@dataclass(frozen=True, slots=True)
class Record:
    """A consumed record as plain values."""

    topic: str
    partition: int
    offset: int
    timestamp_ms: int
    key: bytes | None
    value: bytes | None
    headers: tuple[tuple[str, bytes], ...]

    def header(self, name: str) -> str | None:
        """The first header called ``name``, decoded as UTF-8."""
        for key, value in self.headers:
            if key == name:
                return value.decode("utf-8", "replace")
        return None


async def _partitions(consumer: AIOKafkaConsumer, topic: str, timeout: float) -> list[TopicPartition]:
    deadline = time.monotonic() + timeout
    while True:
        partitions = consumer.partitions_for_topic(topic)
        if partitions:
            return [TopicPartition(topic, p) for p in sorted(partitions)]
        if time.monotonic() > deadline:
            raise LookupError(f"topic {topic!r} does not exist")
        await consumer._client.force_metadata_update()
        await asyncio.sleep(0.1)


async def _seek_to_highwater(consumer: AIOKafkaConsumer, partitions: list[TopicPartition]) -> None:
    """Position at the true end: ``seek_to_end`` first (ListOffsets), then one fetch to learn each
    partition's highwater, then seek there.  Brokers that under-report ListOffsets(LATEST) would
    otherwise replay the tail of their last batch as "new" records."""
    for tp in partitions:
        await consumer.seek_to_end(tp)
    await consumer.getmany(*partitions, timeout_ms=300)
    for tp in partitions:
        highwater = consumer.highwater(tp)
        if highwater is not None:
            consumer.seek(tp, highwater)


async def iter_topic(
    settings: Settings,
    topic: str,
    *,
    from_beginning: bool = True,
    follow: bool = False,
    timeout: float = 10.0,
    max_records: int | None = None,
) -> AsyncGenerator[Record, None]:
    """Yield the records of ``topic``.

    Args:
        from_beginning: start at the earliest offset (else only new records).
        follow: keep waiting for new records until ``timeout`` passes without any (None: forever).
        timeout: seconds; without ``follow`` it bounds the whole read.
        max_records: stop after this many records.
    """
    consumer = AIOKafkaConsumer(
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest" if from_beginning else "latest",
        **settings.aiokafka_options(),
    )
    await consumer.start()
    try:
        partitions = await _partitions(consumer, topic, timeout)
        consumer.assign(partitions)
        if from_beginning:
            await consumer.seek_to_beginning(*partitions)
        else:
            await _seek_to_highwater(consumer, partitions)
        count = 0
        started = last_record = time.monotonic()
        rounds = 0
        while True:
            batches = await consumer.getmany(*partitions, timeout_ms=200)
            rounds += 1
            for tp in sorted(batches, key=lambda t: t.partition):
                for message in batches[tp]:
                    yield Record(
                        message.topic,
                        message.partition,
                        message.offset,
                        message.timestamp,
                        message.key,
                        message.value,
                        tuple((k, bytes(v)) for k, v in message.headers),
                    )
                    count += 1
                    last_record = time.monotonic()
                    if max_records is not None and count >= max_records:
                        return
            now = time.monotonic()
            if follow:
                if now - last_record > timeout:
                    return
                continue
            caught_up = True
            for tp in partitions:
                highwater = consumer.highwater(tp)
                if highwater is None or await consumer.position(tp) < highwater:
                    caught_up = False
            if (caught_up and rounds >= 2 and max_records is None) or now - started > timeout:
                return
    finally:
        await consumer.stop()


async def read_topic(
    settings: Settings, topic: str, *, count: int | None = None, timeout: float = 10.0
) -> list[Record]:
    """All records of ``topic``: until ``count`` arrived (waiting up to ``timeout``) or, without a
    count, until every partition is read up to its highwater."""
    return [record async for record in iter_topic(settings, topic, timeout=timeout, max_records=count)]
