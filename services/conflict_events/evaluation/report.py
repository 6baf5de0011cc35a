"""Result values of a scoring run, the printed tables, the JSON report and the regression floor."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Figure:
    """One measured figure with the number of items it was measured on (``n``)."""

    name: str
    value: float | None
    n: int
    note: str = ""
    count: bool = False
    """True for a plain count (printed as an integer), False for a ratio in [0, 1]."""


@dataclass(frozen=True)
class SetReport:
    """Everything measured on one gold set."""

    name: str
    files: tuple[str, ...]
    records: int
    figures: tuple[Figure, ...]
    details: Mapping[str, Any] = field(default_factory=dict)
    seconds: float = 0.0

    def figure(self, name: str) -> Figure | None:
        """The figure called ``name``, if measured."""
        return next((f for f in self.figures if f.name == name), None)


def _fmt(value: float | None, count: bool) -> str:
    if value is None:
        return "-"
    return str(round(value)) if count else f"{value:.3f}"


def render_table(report: SetReport, baseline: Mapping[str, float | None] | None = None) -> str:
    """A plain-text table for one set: figure, value, n, (change against a baseline run,) note."""
    head = f"== {report.name}  ({report.records} records, {report.seconds:.1f}s; {', '.join(report.files)})"
    width = max([len(f.name) for f in report.figures] + [6])
    delta_head = f"  {'change':>7}" if baseline is not None else ""
    lines = [head, f"{'figure':<{width}}  {'value':>7}  {'n':>6}{delta_head}  note"]
    for f in report.figures:
        delta = ""
        if baseline is not None:
            old = baseline.get(f.name)
            delta = f"  {'':>7}" if old is None or f.value is None else f"  {f.value - old:>+7.3f}"
        lines.append(f"{f.name:<{width}}  {_fmt(f.value, f.count):>7}  {f.n:>6}{delta}  {f.note}".rstrip())
    return "\n".join(lines)


def load_baseline(path: Path) -> dict[str, dict[str, float | None]]:
    """Figure values of an earlier ``--report`` JSON: ``{set: {figure: value}}``."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {
            name: {fig: data.get("value") for fig, data in body["figures"].items()}
            for name, body in raw["sets"].items()
        }
    except (OSError, json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"cannot read baseline report {path}: {exc}") from exc


def render_headline(reports: Sequence[SetReport], floor: Mapping[str, float]) -> str:
    """The floor's figures as one Markdown table: set, figure, value, n, floor."""
    by_name = {r.name: r for r in reports}
    out = ["| set | figure | value | n | floor |", "|---|---|---:|---:|---:|"]
    for key, minimum in floor.items():
        set_name, _dot, fig_name = key.partition(".")
        rep = by_name.get(set_name)
        fig = rep.figure(fig_name) if rep else None
        if fig is not None:
            out.append(f"| {set_name} | {fig_name} | {_fmt(fig.value, fig.count)} | {fig.n} | {minimum:g} |")
    return "\n".join(out) + "\n"


def render_markdown(reports: Sequence[SetReport], floor: Mapping[str, float] | None = None) -> str:
    """All sets as Markdown tables (figure | value | n | note), headed by the floor figures when given."""
    out = [render_headline(reports, floor)] if floor else []
    for r in reports:
        out += [
            f"**{r.name}** ({r.records} records; {', '.join(r.files)})",
            "",
            "| figure | value | n | note |",
            "|---|---:|---:|---|",
        ]
        out += [f"| {f.name} | {_fmt(f.value, f.count)} | {f.n} | {f.note} |" for f in r.figures]
        out.append("")
    return "\n".join(out)


def to_json(reports: Sequence[SetReport], *, total_seconds: float, argv: Sequence[str]) -> dict[str, Any]:
    """The JSON report: every figure with its n, plus each set's details (confusion matrices, failures)."""
    return {
        "command": list(argv),
        "total_seconds": round(total_seconds, 2),
        "sets": {
            r.name: {
                "files": list(r.files),
                "records": r.records,
                "seconds": round(r.seconds, 2),
                "figures": {f.name: {"value": f.value, "n": f.n, "note": f.note} for f in r.figures},
                "details": dict(r.details),
            }
            for r in reports
        },
    }


def _read_floor(path: Path) -> dict[str, Any]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"cannot read floor file {path}: {exc}") from exc
    if not isinstance(raw, dict):
        raise ValueError(f"floor file {path} must hold a JSON object")
    return raw


def floor_limit(path: Path) -> int | None:
    """The ``_limit`` the floor was measured with (records per set), so a check uses the same sample."""
    value = _read_floor(path).get("_limit")
    if value is None:
        return None
    if not isinstance(value, int) or value < 1:
        raise ValueError(f"floor file {path}: _limit must be a positive integer")
    return value


def load_floor(path: Path) -> dict[str, float]:
    """Read a floor file: ``{"<set>.<figure>": minimum, ...}``; ``_`` keys are comments or options."""
    raw = _read_floor(path)
    floor: dict[str, float] = {}
    for key, value in raw.items():
        if key.startswith("_"):
            continue
        if "." not in key or not isinstance(value, int | float):
            raise ValueError(f'floor entry {key!r}: want "set.figure": number')
        floor[key] = float(value)
    return floor


def load_ceiling(path: Path) -> dict[str, float]:
    """The floor file's ``_ceiling``: ``{"<set>.<figure>": maximum, ...}`` for figures that must not grow
    (incidents counted per true incident: above the ceiling, a consumer counts one raid twice)."""
    raw = _read_floor(path).get("_ceiling", {})
    if not isinstance(raw, dict) or not all(
        "." in key and isinstance(value, int | float) for key, value in raw.items()
    ):
        raise ValueError(f'floor file {path}: _ceiling must map "set.figure" to a number')
    return {key: float(value) for key, value in raw.items()}


def check_ceiling(reports: Sequence[SetReport], ceiling: Mapping[str, float]) -> list[str]:
    """Messages for every ceiling figure that was measured and rose above its maximum (or came out empty)."""
    by_name = {r.name: r for r in reports}
    failures = []
    for key, maximum in sorted(ceiling.items()):
        set_name, _dot, fig_name = key.partition(".")
        rep = by_name.get(set_name)
        if rep is None:
            continue
        fig = rep.figure(fig_name)
        if fig is None or fig.value is None:
            failures.append(f"{key}: not measured (ceiling {maximum})")
        elif fig.value > maximum:
            failures.append(f"{key}: {fig.value:.3f} > ceiling {maximum} (n={fig.n})")
    return failures


def check_floor(reports: Sequence[SetReport], floor: Mapping[str, float]) -> list[str]:
    """Messages for every floor figure that was measured and fell below its minimum (or came out empty).

    Figures of sets that were not run (``--only``, missing files) are not checked.
    """
    by_name = {r.name: r for r in reports}
    failures = []
    for key, minimum in sorted(floor.items()):
        set_name, _dot, fig_name = key.partition(".")
        rep = by_name.get(set_name)
        if rep is None:
            continue
        fig = rep.figure(fig_name)
        if fig is None or fig.value is None:
            failures.append(f"{key}: not measured (floor {minimum})")
        elif fig.value < minimum:
            failures.append(f"{key}: {fig.value:.3f} < floor {minimum} (n={fig.n})")
    return failures
