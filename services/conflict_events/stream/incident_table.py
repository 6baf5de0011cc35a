"""``tail --topic conflict-incidents --format table``: the live incidents, as a compacted topic means them.

The whole topic is read from the beginning (a compacted topic's state is its last value per key;
tombstones remove a key, lower versions are ignored) and one table is printed once every partition is
read to its fetch highwater, then a fresh one after each burst of changes while following.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TextIO

from aiokafka import AIOKafkaConsumer, TopicPartition
from pydantic import ValidationError

from conflict_events.contracts import Incident
from conflict_events.settings import Settings
from conflict_events.stream.demo_render import fit
from conflict_events.stream.incident_records import LatestIncidents, decode_incident
from conflict_events.stream.topics import partition_count

COLUMNS: tuple[tuple[str, int], ...] = (
    ("id", 36),
    ("ver", 3),
    ("status", 6),
    ("type", 30),
    ("place", 24),
    ("dates", 22),
    ("killed", 12),
    ("sources", 7),
)
"""(header, width) of the incident table."""


def _line(cells: Sequence[str]) -> str:
    return " ".join(fit(cell, width) for cell, (_name, width) in zip(cells, COLUMNS, strict=True)).rstrip()


def killed_cell(incident: Incident) -> str:
    """The current toll and, when reports disagree, the widest range (``14 (9-14)``, ``14 (9+)``)."""
    for quantity in incident.quantities:
        if quantity.kind == "killed":
            if quantity.max is None:
                return f"{quantity.value} ({quantity.min}+)"
            if quantity.min == quantity.max == quantity.value:
                return str(quantity.value)
            return f"{quantity.value} ({quantity.min}-{quantity.max})"
    return "-"


def incident_cells(incident: Incident) -> list[str]:
    """One table row: id, version, status, type, place, date range, killed, sources."""
    kind = incident.event_type
    if incident.acled_sub_event_type:
        kind += f" / {incident.acled_sub_event_type}"
    place = "-"
    if incident.location is not None:
        place = incident.location.name
        if incident.location.country:
            place += f" ({incident.location.country})"
    dates = incident.date.start.isoformat()
    if incident.date.end != incident.date.start:
        dates += f"..{incident.date.end.isoformat()}"
    return [
        incident.incident_id,
        str(incident.version),
        incident.status,
        kind,
        place,
        dates,
        killed_cell(incident),
        str(incident.source_count),
    ]


def render(incidents: Sequence[Incident], out: TextIO, *, now: datetime | None = None) -> None:
    """Write the table: newest incident first (by start date, then first seen), one row each."""
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M:%S")
    out.write(f"# {len(incidents)} incident(s) at {stamp} UTC\n")
    out.write(_line([name.upper() for name, _ in COLUMNS]) + "\n")
    out.write(" ".join("-" * width for _, width in COLUMNS) + "\n")
    ranked = sorted(incidents, key=lambda i: (i.date.start, i.first_seen, i.incident_id), reverse=True)
    for incident in ranked:
        out.write(_line(incident_cells(incident)) + "\n")
    out.write("\n")
    out.flush()


async def tail_incidents(
    settings: Settings,
    topic: str,
    out: TextIO,
    err: TextIO,
    *,
    timeout: float = float("inf"),
    max_records: int | None = None,
) -> int:
    """Print the live incidents of ``topic``; follow until ``timeout`` seconds pass without a record or
    ``max_records`` were read.  Returns the number of records read."""
    consumer = AIOKafkaConsumer(
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        fetch_max_wait_ms=200,
        max_partition_fetch_bytes=settings.producer_max_request_bytes,
        **settings.aiokafka_options(),
    )
    await consumer.start()
    try:
        count = await partition_count(consumer, topic, min(timeout, 10.0))
        partitions = [TopicPartition(topic, p) for p in range(count)]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        latest = LatestIncidents()
        read, dirty, last_record = 0, True, time.monotonic()
        while True:
            batches = await consumer.getmany(*partitions, timeout_ms=200)
            for tp in sorted(batches, key=lambda t: t.partition):
                for message in batches[tp]:
                    read += 1
                    last_record = time.monotonic()
                    try:
                        incident = decode_incident(message.value)
                    except ValidationError:
                        err.write(f"skipped {topic}/{tp.partition}@{message.offset}: not an Incident\n")
                        continue
                    key = (message.key or b"").decode("utf-8", "replace")
                    dirty = latest.apply(key, incident) or dirty
            done = (
                max_records is not None and read >= max_records
            ) or time.monotonic() - last_record > timeout
            if dirty and (done or await _caught_up(consumer, partitions)):
                render(latest.incidents, out)
                dirty = False
            if done:
                return read
    finally:
        await consumer.stop()


async def _caught_up(consumer: AIOKafkaConsumer, partitions: Sequence[TopicPartition]) -> bool:
    """Every partition read up to its fetch highwater."""
    for tp in partitions:
        highwater = consumer.highwater(tp)
        if highwater is None or await consumer.position(tp) < highwater:
            return False
    return True
