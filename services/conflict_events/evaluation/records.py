"""Gold records, extraction outcomes and the description of one gold set (which files, how to score)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflict_events.contracts import Article, ConflictEvent

from .report import Figure, SetReport

Scored = tuple[list[Figure], dict[str, Any]]
"""A scorer's answer: the figures (each with its n) and details for the JSON report."""


@dataclass(frozen=True)
class GoldRecord:
    """One line of a gold file: ``{"id", "text", "gold", "meta"}`` (see shared/eval/README.md)."""

    id: str
    text: str
    gold: dict[str, Any]
    meta: dict[str, Any]


@dataclass(frozen=True)
class Outcome:
    """What the extractor made of one record: its events, the main event, or why it made none."""

    events: tuple[ConflictEvent, ...] = ()
    main: ConflictEvent | None = None
    skipped: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class SetSpec:
    """A gold set: its file pattern, how a record becomes an article, and its scorer."""

    name: str
    patterns: tuple[str, ...]
    to_article: Callable[[GoldRecord], Article]
    score: Callable[[Sequence[GoldRecord], Sequence[Outcome]], Scored]


class GoldFileError(ValueError):
    """A gold file that cannot be read: names the file and line."""


def read_gold(path: Path, what: str, convert: Callable[[dict[str, Any]], GoldRecord]) -> list[GoldRecord]:
    """Every line of a JSONL gold file through ``convert``; a bad line raises ``GoldFileError`` naming file,
    line and ``what`` the line should have been."""
    out: list[GoldRecord] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                out.append(convert(json.loads(line)))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise GoldFileError(f"{path}:{number}: not {what} ({type(exc).__name__}: {exc})") from exc
    return out


def _shared_record(raw: dict[str, Any]) -> GoldRecord:
    gold, meta = dict(raw.get("gold") or {}), dict(raw.get("meta") or {})
    return GoldRecord(str(raw["id"]), str(raw["text"]), gold, meta)


def read_records(path: Path) -> list[GoldRecord]:
    """All records of one JSONL gold file; a bad line raises ``GoldFileError`` naming file and line."""
    return read_gold(path, "a gold record", _shared_record)


def sample_evenly(records: Sequence[GoldRecord], limit: int | None) -> list[GoldRecord]:
    """At most ``limit`` records spread evenly over the file order (record ``floor(i * n / limit)``).

    Deterministic, no randomness: the same files and limit always give the same sample.
    """
    if limit is None or len(records) <= limit:
        return list(records)
    if limit <= 0:
        return []
    return [records[i * len(records) // limit] for i in range(limit)]


def find_files(root: Path, patterns: Sequence[str]) -> list[Path]:
    """Files under ``root`` (or ``root`` itself) whose names match any pattern, sorted by name."""
    if root.is_file():
        return [root] if any(root.match(p) for p in patterns) else []
    found = {p for pattern in patterns for p in root.rglob(pattern) if p.is_file()}
    return sorted(found)


def empty_report(name: str) -> SetReport:
    """The report of a set with no files found."""
    return SetReport(name=name, files=(), records=0, figures=())
