"""Ratios, targets and the printed table of a benchmark run (the JSON is the same dict, written as is).

Targets are issue 5's, as ratios measured in the same run; they are reported (met / missed / not
measured), never asserted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

RSS_LIMIT_MB = 600.0


@dataclass(frozen=True, slots=True)
class Target:
    """One goal: a figure from the run, compared with a bound."""

    name: str
    bound: float
    higher_is_better: bool
    unit: str

    def check(self, value: float | None) -> dict[str, Any]:
        """The target with the measured value and whether it is met (None when not measured)."""
        met = (
            None if value is None else (value >= self.bound if self.higher_is_better else value <= self.bound)
        )
        return {
            "name": self.name,
            "value": None if value is None else round(value, 3),
            "bound": f"{'>=' if self.higher_is_better else '<='} {self.bound:g}{self.unit}",
            "met": met,
        }


def _get(data: Any, *path: str | int) -> Any:
    for part in path:
        if data is None:
            return None
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and len(data) > part else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
    return data


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, 3)


def add_ratios(report: dict[str, Any]) -> dict[str, Any]:
    """Fill ``ratios`` and ``targets`` from the measured sections (missing sections give None).

    Every throughput ratio is given twice: on wall-clock rates (the issue's definition) and on
    articles per CPU second, which stays meaningful when other processes share the cores.
    """
    rate, per_cpu = "articles_per_second", "articles_per_cpu_second"
    base, inproc = ("baseline",), ("in_process",)
    one = ("broker", "one_worker", "full_rate")
    two = ("broker", "two_workers", "full_rate")
    rss = [
        v
        for v in (_get(report, "broker", "one_worker", "peak_rss_mb") or [])
        + (_get(report, "broker", "two_workers", "peak_rss_mb") or [])
        if v is not None
    ]
    ratios = {
        "in_process_to_baseline": _ratio(_get(report, *inproc, rate), _get(report, *base, rate)),
        "in_process_to_baseline_cpu": _ratio(_get(report, *inproc, per_cpu), _get(report, *base, per_cpu)),
        "broker_to_in_process": _ratio(_get(report, *one, rate), _get(report, *inproc, rate)),
        "broker_to_in_process_cpu": _ratio(_get(report, *one, per_cpu), _get(report, *inproc, per_cpu)),
        "two_workers_to_one": _ratio(_get(report, *two, rate), _get(report, *one, rate)),
    }
    checks: list[tuple[Target, float | None]] = [
        (Target("extractor / full spaCy parse", 4.0, True, "x"), ratios["in_process_to_baseline"]),
        (Target("  same, per CPU second", 4.0, True, "x"), ratios["in_process_to_baseline_cpu"]),
        (Target("extractor articles per CPU second", 40.0, True, ""), _get(report, *inproc, per_cpu)),
        (Target("broker (1 worker) / in process", 0.9, True, "x"), ratios["broker_to_in_process"]),
        (Target("  same, per CPU second", 0.9, True, "x"), ratios["broker_to_in_process_cpu"]),
        (
            Target("p99 article->event at half rate", 250.0, False, " ms"),
            _get(report, "broker", "one_worker", "half_rate", "latency_article_to_event", "p99_ms"),
        ),
        (Target("peak RSS per worker", RSS_LIMIT_MB, False, " MB"), max(rss) if rss else None),
        (Target("2 workers / 1 worker", 1.8, True, "x"), ratios["two_workers_to_one"]),
    ]
    report["ratios"] = ratios
    report["targets"] = [target.check(value) for target, value in checks]
    return report


def _fmt(value: Any, spec: str = ".1f") -> str:
    return "-" if value is None else format(value, spec)


def _row(cells: list[str]) -> str:
    widths = (30, 8, 8, 8, 8, 10, 10, 9, 14)
    return "  ".join(
        cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
    )


def _throughput_row(label: str, data: Any, ratio: str) -> str:
    return _row(
        [
            label,
            _fmt(_get(data, "articles"), "d"),
            _fmt(_get(data, "words"), "d"),
            _fmt(_get(data, "wall_seconds"), ".2f"),
            _fmt(_get(data, "cpu_seconds"), ".2f"),
            _fmt(_get(data, "articles_per_second"), ".2f"),
            _fmt(_get(data, "articles_per_cpu_second"), ".2f"),
            _fmt(_get(data, "words_per_second"), ".0f"),
            ratio,
        ]
    )


def _ratios_text(ratios: dict[str, Any], wall: str, cpu: str, unit: str) -> str:
    return f"{_fmt(ratios.get(wall), '.2f')}/{_fmt(ratios.get(cpu), '.2f')}x {unit}"


def format_table(report: dict[str, Any]) -> str:
    """The human-readable summary printed at the end of ``conflict-events bench``."""
    ratios = report.get("ratios", {})
    broker = report.get("broker")
    lines = [
        _row(
            [
                "measure",
                "articles",
                "words",
                "wall s",
                "CPU s",
                "articles/s",
                "art/CPU s",
                "words/s",
                "ratio wall/CPU",
            ]
        ),
        _throughput_row("spaCy sm full parse (baseline)", report.get("baseline"), "1.00x"),
        _throughput_row(
            "extractor in process",
            report.get("in_process"),
            _ratios_text(ratios, "in_process_to_baseline", "in_process_to_baseline_cpu", "base"),
        ),
    ]
    phases: list[tuple[str, Any, str]] = [
        (
            "broker, 1 worker, full rate",
            _get(broker, "one_worker", "full_rate"),
            _ratios_text(ratios, "broker_to_in_process", "broker_to_in_process_cpu", "inproc"),
        ),
        ("broker, 1 worker, half rate", _get(broker, "one_worker", "half_rate"), ""),
        (
            "broker, 2 workers, full rate",
            _get(broker, "two_workers", "full_rate"),
            f"{_fmt(ratios.get('two_workers_to_one'), '.2f')}x 1 worker",
        ),
    ]
    for label, data, ratio in phases:
        lines.append(_throughput_row(label, data, ratio))
    lines.append("(broker CPU s = CPU of the worker processes during the phase)")
    lines.append("")
    lines.append("latency article publish -> event publish (ms)      p50       p95       p99    events")
    for label, data, _ratio_text in phases:
        latency = _get(data, "latency_article_to_event")
        lines.append(
            f"  {label:<44}"
            + "".join(_fmt(_get(latency, key), ".0f").rjust(10) for key in ("p50_ms", "p95_ms", "p99_ms"))
            + _fmt(_get(latency, "count"), "d").rjust(10)
        )
    lines.append("  of which processing (decode + extraction, per article, from the outcomes' timings)")
    for label, data, _ratio_text in phases:
        processing = _get(data, "processing_time")
        lines.append(
            f"  {label:<44}"
            + "".join(_fmt(_get(processing, key), ".0f").rjust(10) for key in ("p50_ms", "p95_ms", "p99_ms"))
            + _fmt(_get(processing, "count"), "d").rjust(10)
        )
    rss_one = _get(broker, "one_worker", "peak_rss_mb") or []
    rss_two = _get(broker, "two_workers", "peak_rss_mb") or []
    lines.append(f"peak RSS per worker (MB): 1 worker {rss_one}, 2 workers {rss_two}")
    load = _get(report, "host", "load_average_at_start")
    lines.append(
        f"load average at start {load}, at end {_get(report, 'host', 'load_average_at_end')}"
        f" on {_get(report, 'host', 'cpus')} CPUs"
    )
    lines.append("")
    lines.append("targets:")
    for target in report.get("targets", []):
        state = {True: "met", False: "MISSED", None: "not measured"}[target["met"]]
        lines.append(
            f"  {target['name']:<40} {_fmt(target['value'], '.2f'):>9} {target['bound']:<10} {state}"
        )
    return "\n".join(lines)
