"""Small measurement helpers: throughput from a clock reading, latency percentiles, peak RSS of a process."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PERCENTILES = (50, 95, 99)
VMHWM = re.compile(r"^VmHWM:\s+(\d+)\s+kB", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Throughput:
    """How many articles and words took how long (wall clock and CPU of this process)."""

    articles: int
    words: int
    wall_seconds: float
    cpu_seconds: float | None = None

    @property
    def articles_per_second(self) -> float:
        """Articles per wall-clock second."""
        return self.articles / self.wall_seconds if self.wall_seconds > 0 else 0.0

    @property
    def words_per_second(self) -> float:
        """Words per wall-clock second."""
        return self.words / self.wall_seconds if self.wall_seconds > 0 else 0.0

    @property
    def articles_per_cpu_second(self) -> float | None:
        """Articles per second of CPU time: the per-core figure, whatever the thread count."""
        if self.cpu_seconds is None or self.cpu_seconds <= 0:
            return None
        return self.articles / self.cpu_seconds

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready figures, rounded."""
        per_cpu = self.articles_per_cpu_second
        return {
            "articles": self.articles,
            "words": self.words,
            "wall_seconds": round(self.wall_seconds, 4),
            "cpu_seconds": None if self.cpu_seconds is None else round(self.cpu_seconds, 4),
            "articles_per_second": round(self.articles_per_second, 3),
            "words_per_second": round(self.words_per_second, 1),
            "articles_per_cpu_second": None if per_cpu is None else round(per_cpu, 3),
        }


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (the smallest value with at least ``pct``% of values at or below it).

    Raises:
        ValueError: no values, or ``pct`` outside 0..100.
    """
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= pct <= 100:
        raise ValueError(f"percentile must be within 0..100, got {pct}")
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def latency_summary(seconds: Sequence[float]) -> dict[str, Any]:
    """Count, p50/p95/p99 and max in milliseconds (all None when there are no samples)."""
    summary: dict[str, Any] = {"count": len(seconds)}
    for pct in PERCENTILES:
        summary[f"p{pct}_ms"] = round(percentile(seconds, pct) * 1000, 1) if seconds else None
    summary["max_ms"] = round(max(seconds) * 1000, 1) if seconds else None
    return summary


def parse_vmhwm_mb(status_text: str) -> float | None:
    """Peak resident set size in MB (10^6 bytes) from the text of ``/proc/<pid>/status``."""
    match = VMHWM.search(status_text)
    return round(int(match.group(1)) * 1024 / 1_000_000, 1) if match else None


def peak_rss_mb(pid: int) -> float | None:
    """VmHWM of a live process in MB; None when the process is gone or /proc is not there."""
    try:
        return parse_vmhwm_mb(Path(f"/proc/{pid}/status").read_text(encoding="ascii", errors="replace"))
    except OSError:
        return None


def parse_stat_cpu_seconds(stat_text: str, ticks_per_second: int) -> float | None:
    """User + system CPU seconds from the text of ``/proc/<pid>/stat`` (fields 14 and 15)."""
    _, sep, rest = stat_text.rpartition(")")  # the command name may hold spaces and parentheses
    fields = rest.split()
    if not sep or len(fields) < 13:
        return None
    return (int(fields[11]) + int(fields[12])) / ticks_per_second


def process_cpu_seconds(pid: int) -> float | None:
    """CPU seconds a live process has used so far; None when it is gone or /proc is not there."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    return parse_stat_cpu_seconds(text, os.sysconf("SC_CLK_TCK"))
