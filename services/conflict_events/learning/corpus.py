"""The project's own labelled training corpus: JSONL records with their labels, read and validated.

Every line is one ``CorpusRecord``; a malformed line is reported as ``FILE:LINE: reason`` and nothing is
trained or written while any line is bad (``CorpusError`` carries every message).  The corpus is described
in ``docs/corpus.md`` (the data card).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from conflict_events.contracts import PLOVER_TYPES, AcledEventType, AcledSubEventType, EventMode

T = TypeVar("T")

CORPUS_DIR = Path(__file__).parent / "corpus"
"""The corpus shipped with the project (one JSONL file per part)."""

Style = Literal[
    "wire", "local_press", "headline", "ngo_report", "un_report", "acled_note", "upper_wire", "translated"
]
Region = Literal[
    "africa", "middle_east", "south_asia", "southeast_asia", "latin_america", "europe", "north_america",
    "central_asia", "east_asia",
]  # fmt: skip
NegativeClass = Literal[
    "natural_disaster", "accident", "crime", "sports", "metaphor", "anniversary", "trial_routine", "policy",
    "economic", "health", "other",
]  # fmt: skip


class CorpusError(ValueError):
    """The corpus has malformed lines; ``problems`` holds one ``FILE:LINE: reason`` each."""

    def __init__(self, problems: Sequence[str]) -> None:
        shown = "\n".join(problems[:50])
        more = f"\n... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} malformed corpus line(s):\n{shown}{more}")
        self.problems = list(problems)


class CorpusRecord(BaseModel):
    """One labelled text: its main event's PLOVER type, ACLED codes and mode, or why it is no event."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    text: str
    kind: Literal["sentence", "headline", "article"]
    style: Style
    region: Region
    country: str
    plover_type: str | None
    plover_mode: str | None
    acled_event_type: AcledEventType | None
    acled_sub_event_type: AcledSubEventType | None
    mode: EventMode | None
    negative_class: NegativeClass | None

    @field_validator("plover_type")
    @classmethod
    def _known_type(cls, value: str | None) -> str | None:
        if value is not None and value not in PLOVER_TYPES:
            raise ValueError(f"unknown PLOVER type {value!r}")
        return value

    @field_validator("text")
    @classmethod
    def _has_text(cls, value: str) -> str:
        if len(value.split()) < 2:
            raise ValueError("text has fewer than two words")
        return value

    def check(self) -> str | None:
        """The first inconsistency between the labels, or None."""
        if self.plover_type is None and (self.mode is not None or self.negative_class is None):
            return "a text with no PLOVER type needs mode null and a negative_class"
        if self.plover_type is not None and (self.mode is None or self.negative_class is not None):
            return "an event text needs a mode and negative_class null"
        if (self.acled_event_type is None) != (self.acled_sub_event_type is None):
            return "acled_event_type and acled_sub_event_type are set together"
        return None

    @property
    def relevant(self) -> bool:
        """True when the text reports a political event (any PLOVER type)."""
        return self.plover_type is not None


def json_object(line: str, where: str) -> dict[str, Any] | str:
    """The JSON object of one line, or ``FILE:LINE: reason`` when it is not one."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"{where}: invalid JSON: {exc.msg} (column {exc.colno})"
    return data if isinstance(data, dict) else f"{where}: expected a JSON object"


def _parse_line(line: str, where: str) -> CorpusRecord | str:
    data = json_object(line, where)
    if isinstance(data, str):
        return data
    try:
        record = CorpusRecord.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "record"
        return f"{where}: {field}: {first['msg']}"
    problem = record.check()
    return f"{where}: {problem}" if problem else record


def read_jsonl(
    files: Sequence[Path], parse: Callable[[str, str], T | str], key: Callable[[T], str]
) -> tuple[list[T], list[str]]:
    """Every parsed line of the files in order, and a ``FILE:LINE: reason`` for each bad line, repeated id
    (``key``) or missing file; ``parse(line, where)`` returns the record or its problem."""
    records: list[T] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in files:
        if not path.is_file():
            problems.append(f"{path}: no such file")
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            parsed = parse(line, where)
            if isinstance(parsed, str):
                problems.append(parsed)
            elif key(parsed) in seen:
                problems.append(f"{where}: id {key(parsed)!r} already used at {seen[key(parsed)]}")
            else:
                seen[key(parsed)] = where
                records.append(parsed)
    return records, problems


def read_corpus(paths: Iterable[Path]) -> list[CorpusRecord]:
    """Every record of the given JSONL files (or folders of them), in file and line order.

    Raises:
        CorpusError: any line is malformed or an id repeats; every problem is listed.
    """
    files = sorted(f for p in paths for f in ([p] if p.is_file() else sorted(p.glob("*.jsonl"))))
    records, problems = read_jsonl(files, _parse_line, lambda r: r.id)
    if not files:
        problems.append(f"no .jsonl corpus files under {', '.join(map(str, paths))}")
    if problems:
        raise CorpusError(problems)
    return records
