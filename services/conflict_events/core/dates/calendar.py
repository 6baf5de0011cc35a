"""Calendar pieces of date resolution: candidates, month names, absolute dates, picking the best.

A :class:`Candidate` is one resolved date expression with sentence-relative offsets.  Absolute
forms ("30 December 2015", "3 JAN 90", "September 2015", "early 2016") are resolved here; the
relative ones live in ``_dates_relative``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import Literal

from conflict_events.contracts import Granularity
from conflict_events.core.text.vocabulary import MONTH_NAMES, UNITS

AnchorKind = Literal["published_at", "ingested_at"]

Handler = Callable[["re.Match[str]", date], "Candidate | None"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One resolved date expression: sentence-relative offsets, dates, and how sure we are."""

    start: int
    end: int
    first: date
    last: date
    granularity: Granularity
    absolute: bool
    confidence: float
    reporting: bool = False
    """True for the date of a statement ("said on Thursday"), used only when nothing else is dated."""


MONTHS: Mapping[str, int] = MappingProxyType(
    {name: i + 1 for i, name in enumerate(MONTH_NAMES)}
    | {name[:3]: i + 1 for i, name in enumerate(MONTH_NAMES)}
    | {"sept": 9}
)
"""Month names and abbreviations (lower case) to month numbers."""
MON_FULL = "(?:" + "|".join(MONTH_NAMES) + r")\b"
MON_ABBR = "|".join(k for k in MONTHS if len(k) <= 4)
MON_ANY = r"(?:" + MON_FULL + r"|(?:" + MON_ABBR + r")\b\.?)"
SMALL = {"a": 1, "an": 1} | {word: n for word, n in UNITS.items() if 1 <= n <= 12}
"""Small counts written as words ("two days ago", "a week ago")."""
VAGUE_N = {"few": (2, 5), "a few": (2, 5), "several": (3, 9), "a couple of": (2, 3), "couple of": (2, 3)}
COUNT_RE = r"(?:\d{1,3}|a\s+few|a\s+couple\s+of|few|several|" + "|".join(SMALL) + ")"


def clamp_year(yy: int, reference_year: int) -> int:
    """Expand a 2-digit year to the century that keeps it closest to, and not after, reference + 1."""
    year = (reference_year // 100) * 100 + yy
    return year - 100 if year > reference_year + 1 else year


def precision_of(granularity: Granularity, first: date, last: date) -> int:
    """ACLED time_precision: 1 day, 2 week or weekend, 3 month or coarser (ranges by length)."""
    if granularity == "day":
        return 1
    if granularity == "week":
        return 2
    if granularity == "range":
        days = (last - first).days + 1
        return 1 if days <= 1 else 2 if days <= 7 else 3
    return 3


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def shift_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 - months
    return index // 12, index % 12 + 1


def day_candidate(
    m: re.Match[str], first: date, conf: float, absolute: bool, group: int | str = 0
) -> Candidate:
    """A one-day candidate covering the match (or one of its groups)."""
    return Candidate(m.start(group), m.end(group), first, first, "day", absolute, conf)


def absolute_day(m: re.Match[str], today: date) -> Candidate | None:
    """ISO dates, "30 December 2015", "3 JAN 90", "December 30, 2015"."""
    year = int(m["y"])
    if len(m["y"]) == 2:
        year = clamp_year(year, today.year)
    month = int(m["m"]) if m["m"].isdigit() else MONTHS[m["m"].lower().rstrip(".")]
    try:
        return day_candidate(m, date(year, month, int(m["d"])), 0.95, True)
    except ValueError:
        return None


def yearless_day(m: re.Match[str], today: date) -> Candidate | None:
    """ "on 30 December", "Dec. 30": this year's, or last year's if that would be after the anchor."""
    month = MONTHS[m["m"].lower().rstrip(".")]
    try:
        first = date(today.year, month, int(m["d"]))
        if first > today:
            first = date(today.year - 1, month, int(m["d"]))
    except ValueError:
        return None
    return day_candidate(m, first, 0.85, False)


def month_year(m: re.Match[str], today: date) -> Candidate | None:
    """ "September 2015", "Sept. 2015"."""
    year, month = int(m["y"]), MONTHS[m["m"].lower().rstrip(".")]
    return Candidate(m.start(), m.end(), date(year, month, 1), month_end(year, month), "month", True, 0.9)


THIRDS = {"early": 0, "beginning": 0, "start": 0, "mid": 1, "middle": 1, "late": 2, "end": 2}


def part_of(m: re.Match[str], today: date) -> Candidate | None:
    """ "late last year", "early 2016", "mid-May", "the end of last month": a third of the period."""
    third = THIRDS[next(w for w in m["part"].lower().split() if w in THIRDS)]
    target = m["t"].lower()
    absolute = any(ch.isdigit() for ch in target)
    if target.endswith("year") or target.isdigit():
        year = int(target) if target.isdigit() else today.year - (1 if target.startswith("last") else 0)
        first, last = date(year, 4 * third + 1, 1), month_end(year, 4 * third + 4)
    else:
        if target.endswith("month"):
            year, month = shift_months(today, 1 if target.startswith("last") else 0)
        else:
            words = target.replace(",", " ").split()
            month = MONTHS[words[0]]
            year = int(words[1]) if len(words) > 1 else today.year - (month > today.month)
        first = date(year, month, 10 * third + 1)
        last = month_end(year, month) if third == 2 else date(year, month, 10 * third + 10)
    if first > today:
        return None
    return Candidate(m.start(), m.end(), first, min(last, today), "range", absolute, 0.75)


def year_alone(m: re.Match[str], today: date) -> Candidate | None:
    """ "in 2015", "since 2011": the calendar year."""
    year = int(m["y"])
    return Candidate(m.start("y"), m.end("y"), date(year, 1, 1), date(year, 12, 31), "year", True, 0.85)


def sane(cand: Candidate, today: date) -> bool:
    """Reject years before 1900 or after the anchor year + 1, and starts after the anchor day."""
    return 1900 <= cand.first.year <= today.year + 1 and cand.first <= today + timedelta(days=1)


ORDER: dict[Granularity, int] = {"day": 0, "week": 1, "range": 2, "month": 3, "year": 4}


def pick(cands: list[Candidate]) -> Candidate | None:
    """The most specific event date; then the shorter, the explicit, the first one.

    Dates of statements ("X said on Wednesday that …") only count when nothing else is dated.
    """
    if not cands:
        return None
    events = [c for c in cands if not c.reporting] or cands
    return min(events, key=lambda c: (ORDER[c.granularity], c.last - c.first, not c.absolute, c.start))
