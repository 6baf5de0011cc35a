"""``conflict-events tail``: subscribe to a topic and print its records (JSONL, table, CSV, GeoJSON)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
from typing import TextIO

from pydantic import ValidationError

from conflict_events.cli import CommandError
from conflict_events.contracts import ConflictEvent
from conflict_events.outputs import make_writer
from conflict_events.settings import Settings
from conflict_events.stream.reader import Record, iter_topic
from conflict_events.stream.worker_command import load_settings

FORMATS = ("jsonl", "table", "csv", "geojson")


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of ``tail``."""
    parser.add_argument("--topic", help="Topic to read (default: TOPIC_EVENTS).")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="jsonl",
        help="jsonl works for every topic; table/csv/geojson need event records, except table on "
        "TOPIC_INCIDENTS, which shows the live incidents (the topic read from the beginning).",
    )
    parser.add_argument("--from-beginning", action="store_true", help="Start at the earliest offset.")
    parser.add_argument("--max", type=int, metavar="N", help="Stop after N records.")
    parser.add_argument(
        "--timeout",
        type=float,
        metavar="S",
        help="Stop after S seconds without a new record (default: follow forever).",
    )


def record_json(record: Record) -> str:
    """A record as one JSON line: the value itself when it is a JSON object, else a wrapper."""
    if record.value is not None:
        try:
            value = json.loads(record.value)
            if isinstance(value, dict):
                return json.dumps(value, ensure_ascii=False)
        except (UnicodeDecodeError, json.JSONDecodeError):
            pass
    return json.dumps(
        {
            "topic": record.topic,
            "partition": record.partition,
            "offset": record.offset,
            "key": record.key.decode("utf-8", "replace") if record.key is not None else None,
            "value": record.value.decode("utf-8", "replace") if record.value is not None else None,
            "headers": {name: value.decode("utf-8", "replace") for name, value in record.headers},
        },
        ensure_ascii=False,
    )


async def tail(settings: Settings, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print records as they arrive; return how many were printed."""
    topic = args.topic or settings.topic_events
    if topic == settings.topic_incidents and args.format != "jsonl":
        from conflict_events.stream.incident_table import tail_incidents

        if args.format != "table":
            raise CommandError(f"--format {args.format} needs event records; use table or jsonl for {topic}")
        return await tail_incidents(
            settings,
            topic,
            out,
            err,
            timeout=args.timeout if args.timeout is not None else float("inf"),
            max_records=args.max,
        )
    writer = make_writer(args.format, out) if args.format != "jsonl" else None
    printed = 0
    records = iter_topic(
        settings,
        topic,
        from_beginning=args.from_beginning,
        follow=True,
        timeout=args.timeout if args.timeout is not None else float("inf"),
    )
    try:
        async with contextlib.aclosing(records):
            async for record in records:
                if writer is None:
                    out.write(record_json(record) + "\n")
                    out.flush()
                else:
                    try:
                        writer.write(ConflictEvent.model_validate_json(record.value or b""))
                    except ValidationError:
                        print(
                            f"skipped {topic}/{record.partition}@{record.offset}: not a ConflictEvent "
                            f"(use --format jsonl for this topic)",
                            file=err,
                        )
                        continue
                printed += 1
                if args.max is not None and printed >= args.max:
                    break
    finally:
        if writer is not None:
            writer.close()
    return printed


def run(args: argparse.Namespace) -> int:
    """Tail until --max, --timeout or Ctrl-C."""
    if args.max is not None and args.max < 1:
        raise CommandError("--max must be at least 1")
    settings = load_settings()
    try:
        asyncio.run(tail(settings, args, sys.stdout, sys.stderr))
    except LookupError as exc:
        raise CommandError(str(exc.args[0]) if exc.args else str(exc)) from exc
    except OSError as exc:
        raise CommandError(f"cannot read from {settings.bootstrap_servers}: {exc}") from exc
    return 0
