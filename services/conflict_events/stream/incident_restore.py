"""Read partitions of the compacted incidents topic from the beginning up to their highwater at start.

The end of each partition is the fetch ``highwater`` the first fetch response reports, never
``end_offsets()``/``seek_to_end()``: some brokers (Tansu, the embedded test broker) under-report
ListOffsets(LATEST) and the read would stop before the last batch.  Records published after that first
response are not waited for: nobody else writes to a partition the caller owns.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from aiokafka import AIOKafkaConsumer, TopicPartition

from conflict_events.settings import Settings
from conflict_events.stream.incident_state import StoredRecord

FETCH_WAIT_MS = 200


async def read_to_highwater(
    consumer: AIOKafkaConsumer, topic: str, partitions: Sequence[int], timeout: float
) -> list[StoredRecord]:
    """Every record of ``partitions`` of ``topic`` up to the highwater each had when first fetched.

    ``consumer`` is started and group-less; it is assigned here.

    Raises:
        TimeoutError: the partitions were not read to their highwater within ``timeout`` seconds.
    """
    tps = [TopicPartition(topic, p) for p in sorted(set(partitions))]
    if not tps:
        return []
    consumer.assign(tps)
    await consumer.seek_to_beginning(*tps)
    targets: dict[TopicPartition, int] = {}
    records: list[StoredRecord] = []
    deadline = time.monotonic() + timeout
    while True:
        batches = await consumer.getmany(*tps, timeout_ms=FETCH_WAIT_MS)
        for tp in tps:
            for message in batches.get(tp, ()):
                if message.key is None:
                    continue
                records.append(
                    StoredRecord(
                        message.key.decode("utf-8", "replace"),
                        message.value,
                        tuple((name, bytes(value)) for name, value in message.headers),
                    )
                )
            highwater = consumer.highwater(tp)
            if tp not in targets and highwater is not None:
                targets[tp] = highwater
        if len(targets) == len(tps) and all([await consumer.position(tp) >= targets[tp] for tp in tps]):
            return records
        if time.monotonic() > deadline:
            raise TimeoutError(
                f"{topic} partitions {partitions} not read to their highwater in {timeout:g} s"
            )


async def read_incident_partitions(
    settings: Settings, partitions: Sequence[int], *, timeout: float = 60.0
) -> list[StoredRecord]:
    """``read_to_highwater`` on ``TOPIC_INCIDENTS`` with a fresh group-less consumer."""
    consumer = AIOKafkaConsumer(
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        fetch_max_wait_ms=FETCH_WAIT_MS,
        max_partition_fetch_bytes=settings.producer_max_request_bytes,
        **settings.aiokafka_options(),
    )
    await consumer.start()
    try:
        return await read_to_highwater(consumer, settings.topic_incidents, partitions, timeout)
    finally:
        await consumer.stop()
