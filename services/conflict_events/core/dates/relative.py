"""Relative date words resolved by rule against the anchor day (never the wall clock).

"yesterday", weekdays, weekends, "last month", "2 days ago", "in recent days", "in May", and the
context words ("the next day", "that morning") counted from an earlier sentence's date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from conflict_events.contracts import Granularity
from conflict_events.core.dates.calendar import (
    MONTHS,
    SMALL,
    VAGUE_N,
    Candidate,
    day_candidate,
    month_end,
    shift_months,
)
from conflict_events.core.text.vocabulary import WEEKDAYS

REL_DAYS = {"the day before yesterday": 2, "yesterday": 1, "last night": 1}


def relative_day(m: re.Match[str], today: date) -> Candidate | None:
    """today, tonight, this morning, yesterday, last night, the day before yesterday, overnight."""
    words = " ".join(m[0].lower().split())
    if words == "overnight":
        return Candidate(m.start(), m.end(), today - timedelta(days=1), today, "range", False, 0.7)
    return day_candidate(m, today - timedelta(days=REL_DAYS.get(words, 0)), 0.85, False)


def weekday(m: re.Match[str], today: date) -> Candidate | None:
    """A weekday is the latest such day on or before the anchor day; "last <day>" is strictly before."""
    back = (today.weekday() - WEEKDAYS.index(m["wd"].lower())) % 7
    if back == 0 and (m["mod"] or "").lower() in ("last", "past", "previous"):
        back = 7
    return day_candidate(m, today - timedelta(days=back), 0.8, False)


def weekend(m: re.Match[str], today: date) -> Candidate | None:
    """The latest Saturday–Sunday that began on or before the anchor; "last weekend" when it is one."""
    wd = today.weekday()
    saturday = today - timedelta(days=(wd - 5) % 7)
    if wd >= 5 and (m["mod"] or "").lower() in ("last", "past", "previous"):
        saturday -= timedelta(days=7)
    last = min(saturday + timedelta(days=1), today)
    return Candidate(m.start(), m.end(), saturday, last, "week", False, 0.75)


def period(m: re.Match[str], today: date) -> Candidate | None:
    """last/this/earlier this/the past week, month, year."""
    mod, unit = " ".join(m["mod"].lower().split()), m["unit"].lower()
    if mod.startswith("later"):
        return None
    if mod in ("past", "the past", "the last"):
        days = {"week": 6, "month": 29, "year": 364}[unit]
        return Candidate(m.start(), m.end(), today - timedelta(days=days), today, "range", False, 0.7)
    back = 1 if mod in ("last", "previous") else 0
    gran: Granularity = "week" if unit == "week" else "month" if unit == "month" else "year"
    if unit == "week":
        monday = today - timedelta(days=today.weekday() + 7 * back)
        first, last = monday, min(monday + timedelta(days=6), today)
    elif unit == "month":
        year, month = shift_months(today, back)
        first, last = date(year, month, 1), min(month_end(year, month), today)
    else:
        first, last = date(today.year - back, 1, 1), min(date(today.year - back, 12, 31), today)
    return Candidate(m.start(), m.end(), first, last, gran, False, 0.8)


def ago(m: re.Match[str], today: date) -> Candidate | None:
    """ "2 days ago" (a day), "a week ago" (that week ±3 days), "three months ago" (a month)."""
    n_word = " ".join(m["n"].lower().split())
    unit = m["unit"].lower()
    if n_word in VAGUE_N:
        lo, hi = VAGUE_N[n_word]
        size = {"day": 1, "week": 7, "month": 30, "year": 365}[unit]
        first, last = today - timedelta(days=hi * size), today - timedelta(days=lo * size)
        return Candidate(m.start(), m.end(), first, last, "range", False, 0.6)
    n = int(n_word) if n_word.isdigit() else SMALL[n_word]
    if unit == "day":
        return day_candidate(m, today - timedelta(days=n), 0.8, False)
    if unit == "week":
        mid = today - timedelta(days=7 * n)
        first, last = mid - timedelta(days=3), mid + timedelta(days=3)
        return Candidate(m.start(), m.end(), first, last, "week", False, 0.7)
    if unit == "month":
        year, month = shift_months(today, n)
        first, last = date(year, month, 1), month_end(year, month)
        return Candidate(m.start(), m.end(), first, last, "month", False, 0.7)
    year = today.year - n
    return Candidate(m.start(), m.end(), date(year, 1, 1), date(year, 12, 31), "year", False, 0.7)


def recent(m: re.Match[str], today: date) -> Candidate | None:
    """ "in recent days", "over the past three days", "in the last 24 hours": a range up to the anchor."""
    unit = m["unit"].lower()
    n_word = " ".join((m["n"] or "").lower().split())
    if not n_word:
        n = {"hours": 24, "days": 7, "weeks": 4, "months": 3, "years": 3}[unit]
    elif n_word in VAGUE_N:
        n = VAGUE_N[n_word][1]
    else:
        n = int(n_word) if n_word.isdigit() else SMALL[n_word]
    days = {"hours": max(1, -(-n // 24)), "days": n, "weeks": 7 * n, "months": 30 * n, "years": 365 * n}[unit]
    return Candidate(m.start(), m.end(), today - timedelta(days=days), today, "range", False, 0.6)


def month_alone(m: re.Match[str], today: date) -> Candidate | None:
    """ "in May": the latest May not after the anchor month; "last May" is before the anchor month."""
    month = MONTHS[m["m"].lower()]
    mod = m["prep"].lower()
    year = today.year - (month > today.month or (mod == "last" and month >= today.month))
    start = m.start() if mod in ("last", "this") else m.start("m")
    return Candidate(start, m.end(), date(year, month, 1), month_end(year, month), "month", False, 0.8)


CONTEXT_SHIFT = re.compile(
    r"\b(?:the\s+(?P<rel>previous|next|following|same)\s+(?:day|night|morning|evening|afternoon)"
    r"|the\s+day\s+(?P<rel2>before|after)|a\s+day\s+(?P<rel3>earlier|later)"
    r"|(?P<same>that|later\s+that|earlier\s+that)\s+(?:day|night|morning|evening|afternoon))\b",
    re.I,
)
SHIFT_DAYS = {"previous": -1, "before": -1, "earlier": -1, "next": 1, "following": 1, "after": 1, "later": 1}


def context_candidates(
    sent: str, windows: list[tuple[int, int]], known: list[Candidate], day: date, confidence: float
) -> list[Candidate]:
    """ "the next day", "the previous night", "that morning": days counted from the context date."""
    out: list[Candidate] = []
    for lo, hi in windows:
        for m in CONTEXT_SHIFT.finditer(sent, lo, hi):
            if any(m.start() < k.end and m.end() > k.start for k in known + out):
                continue
            rel = (m["rel"] or m["rel2"] or m["rel3"] or "same").lower()
            first = day + timedelta(days=SHIFT_DAYS.get(rel, 0))
            out.append(Candidate(m.start(), m.end(), first, first, "day", False, round(confidence * 0.8, 3)))
    return out
