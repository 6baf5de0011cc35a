"""Event dates: resolve the date words of one sentence against the article's anchor time.

Own rules first, dateparser last.  Every relative expression (weekdays, yesterday, last month,
"in May", "since late last year", "2 days ago", weekends) is resolved here by rule against the
*anchor* date, because a reusable ``DateDataParser`` resolves relative words against the wall
clock, which would make the core non-deterministic.  dateparser only sees a spaCy DATE span that
no rule understood and that names a month (the year is filled in from the anchor first), never
the whole sentence (EXTRACTION.md §2: it turns "We" into Wednesday and "1200" into a year).

Decisions (see also docs/dates.md):

* A weekday ("on Thursday") is the most recent such day *on or before* the anchor day: wire copy
  written in AP style names the weekday even for the publication day itself.  "last Thursday"
  is strictly before the anchor day.
* "In May" is the most recent May not after the anchor month (the anchor month itself counts).
* "late"/"early"/"mid" split a year into Jan–Apr, May–Aug, Sep–Dec and a month into days 1–10,
  11–20, 21–end; "since X" is the range from X's start to the anchor day.
* A date in the dateline that opens a sentence ("KANO, May 3 (AFP) - ... on Friday") dates the
  report: like "said on Thursday", it counts only when the sentence states no other date.
* When the sentence has no date words the anchor day is used, ``fallback=True``,
  granularity ``week`` and ACLED ``time_precision`` 2: ACLED codes the report date with a
  lower precision when the event date is not stated.
* Years outside 1900..anchor year + 1 are rejected; 2-digit years take the century that puts
  them closest to, and not after, the anchor year + 1.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from conflict_events.contracts import EventDate, Span
from conflict_events.core.dates.calendar import MONTHS, AnchorKind, Candidate, pick, precision_of, sane
from conflict_events.core.dates.calendar import Handler as Handler
from conflict_events.core.dates.calendar import clamp_year as clamp_year
from conflict_events.core.dates.clock import CLOCK_PATTERNS as CLOCK_PATTERNS
from conflict_events.core.dates.clock import clock_times
from conflict_events.core.dates.dateline import dateline_prefix_end, parse_dateline
from conflict_events.core.dates.relative import context_candidates
from conflict_events.core.dates.rules import MAX_CUES, cue_windows, rule_candidates
from conflict_events.core.dates.rules import RULES as RULES
from conflict_events.core.dates.rules import WINDOW as WINDOW

__all__ = ["make_date_parser", "parse_dateline", "resolve_date"]


_SPAN_HAS_MONTH = re.compile(r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b", re.I)
_SPAN_IS_NOISE = re.compile(
    r"^\W*(?:\d{1,4}|\d+\s*(?:gmt|utc|hours?|hrs))\W*$|"  # a bare clock time or number ("1200")
    r"\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b(?!\s+ago)",  # durations
    re.I,
)


def make_date_parser() -> Any:
    """Build the reusable dateparser ``DateDataParser`` (English, past-preferring).

    The first parse loads dateparser's locale data (~0.4 s); it is done here, once, at start-up,
    so the first article does not pay for it.

    Returns:
        A ``dateparser.date.DateDataParser`` to pass to :func:`resolve_date` as ``parser``.
    """
    from dateparser.date import DateDataParser

    parser = DateDataParser(
        languages=["en"], settings={"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    )
    parser.get_date_data("1 January 2000")
    return parser


def resolve_date(
    text: str,
    sentence: tuple[int, int],
    date_spans: tuple[tuple[int, int], ...] | list[tuple[int, int]],
    *,
    anchor: datetime,
    anchor_kind: AnchorKind,
    parser: Any,
    context: EventDate | None = None,
) -> EventDate:
    """Resolve when the event of one sentence happened.

    Args:
        text: The full article text.
        sentence: ``(start, end)`` of the sentence in ``text``.
        date_spans: spaCy DATE/TIME entity offsets, article-relative like ``sentence`` (hints
            only: spans outside the sentence are ignored, clock times and durations dropped).
        anchor: The time relative words are resolved against (published_at, else ingested_at).
        anchor_kind: Which of the two ``anchor`` is; lowers confidence for ``ingested_at``.
        parser: The ``DateDataParser`` from :func:`make_date_parser`.
        context: The date of an earlier sentence of the same story, if the caller tracks one.
            It resolves "the next day", "the previous night", "that morning" (day dates only),
            and a sentence with no date words inherits it (same span, lower confidence)
            instead of falling back to the anchor.

    Returns:
        An ``EventDate`` whose span (if any) holds article-relative offsets.

    Example:
        >>> a = "Rebels shelled the town on Thursday."
        >>> resolve_date(a, (0, len(a)), (), anchor=datetime(2017, 8, 4), anchor_kind="published_at",
        ...              parser=make_date_parser()).start.isoformat()
        '2017-08-03'
    """
    s0, s1 = sentence
    sent = text[s0:s1]
    today = anchor.date()
    windows = cue_windows(sent)
    cands = rule_candidates(sent, today, windows)
    cands.extend(_span_candidates(sent, s0, list(date_spans)[:MAX_CUES], cands, today, parser))
    cands = _dateline_as_report(sent, cands)
    if context is not None and context.granularity == "day" and not context.fallback:
        cands.extend(context_candidates(sent, windows, cands, context.start, context.confidence))
    clock, utc = clock_times(sent, windows)
    scale = 1.0 if anchor_kind == "published_at" else 0.6
    best = pick(cands)
    if best is None and context is not None and not context.fallback:
        update = {"clock_time": clock, "utc_time": utc, "confidence": round(context.confidence * 0.7, 3)}
        return context.model_copy(update=update)
    if best is None:
        return _fallback_date(today, clock, utc, anchor_kind, scale)
    return _stated_date(sent, s0, best, clock, utc, anchor_kind, scale)


def _dateline_as_report(sent: str, cands: list[Candidate]) -> list[Candidate]:
    """A date inside the dateline that opens the sentence dates the report: used only when nothing else is."""
    end = dateline_prefix_end(sent)
    if not end:
        return cands
    return [replace(c, reporting=True) if c.end <= end else c for c in cands]


def _span_candidates(
    sent: str,
    s0: int,
    spans: tuple[tuple[int, int], ...] | list[tuple[int, int]],
    known: list[Candidate],
    today: date,
    parser: Any,
) -> list[Candidate]:
    """spaCy DATE spans no rule covered, parsed by dateparser when they name a month."""
    out: list[Candidate] = []
    for a, b in spans:
        lo, hi = a - s0, b - s0
        if lo < 0 or hi > len(sent) or lo >= hi:
            continue
        if any(lo < k.end and hi > k.start for k in known):
            continue
        words = sent[lo:hi]
        if _SPAN_IS_NOISE.search(words) or not _SPAN_HAS_MONTH.search(words):
            continue
        cand = _dateparser_candidate(words, lo, hi, today, parser)
        if cand is not None and sane(cand, today):
            out.append(cand)
    return out


def _dateparser_candidate(words: str, lo: int, hi: int, today: date, parser: Any) -> Candidate | None:
    """Parse a month-naming span; the anchor year is added when no year is written."""
    has_year = re.search(r"\b(?:19|20)\d{2}\b", words) is not None
    query = words if has_year else f"{words} {today.year}"
    data = parser.get_date_data(query)
    got = data.date_obj
    if got is None:
        return None
    period = data.period or "day"
    first = got.date() if period == "day" else date(got.year, got.month if period == "month" else 1, 1)
    if not has_year and first > today:
        try:
            first = first.replace(year=first.year - 1)
        except ValueError:
            return None
    if period == "day":
        return Candidate(lo, hi, first, first, "day", has_year, 0.6)
    if period == "month":
        last = date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
        return Candidate(lo, hi, first, last, "month", has_year, 0.6)
    return Candidate(lo, hi, first, date(first.year, 12, 31), "year", has_year, 0.6)


def _fallback_date(
    today: date, clock: str | None, utc: str | None, anchor_kind: AnchorKind, scale: float
) -> EventDate:
    """No date words: the week of the anchor, flagged as a fallback with low confidence."""
    return EventDate(
        text=None,
        span=None,
        start=today,
        end=today,
        granularity="week",
        time_precision=2,
        clock_time=clock,
        utc_time=utc,
        anchor=anchor_kind,
        fallback=True,
        confidence=round(0.3 * scale, 3),
    )


def _stated_date(
    sent: str,
    s0: int,
    best: Candidate,
    clock: str | None,
    utc: str | None,
    anchor_kind: AnchorKind,
    scale: float,
) -> EventDate:
    """The date the chosen words give, with the span they came from."""
    words = sent[best.start : best.end]
    return EventDate(
        text=words,
        span=Span(start=s0 + best.start, end=s0 + best.end, text=words),
        start=best.first,
        end=best.last,
        granularity=best.granularity,
        time_precision=precision_of(best.granularity, best.first, best.last),
        clock_time=clock,
        utc_time=utc,
        anchor=anchor_kind,
        fallback=False,
        confidence=round(best.confidence * (1.0 if best.absolute else scale), 3),
    )


YEAR_MODIFIERS = frozenset({"nummod", "compound", "amod", "nmod", "npadvmod"})
EARLIEST_YEAR = 1900


def year_of_act(doc: Any, trigger_i: int, s0: int, found: EventDate) -> EventDate:
    """The year written in front of an act's noun ("over the 2021 bus ambush", "a 2020 bomb attack") dates
    that act, whatever later date the sentence gives (the day of a trial that judged it, or the article's
    own); a year not before the date found leaves ``found`` as it is."""
    trigger = doc[trigger_i]
    if not trigger.tag_.startswith("NN"):
        return found
    front = [t for t in trigger.subtree if t.i < trigger.i]
    years = [
        t
        for t in front
        if t.dep_ in YEAR_MODIFIERS and len(t.text) == 4 and t.text.isdigit() and int(t.text) >= EARLIEST_YEAR
    ]
    if not years:
        return found
    year = int(years[-1].text)
    if year >= found.start.year:
        return found
    tok = years[-1]
    span = Span(start=s0 + tok.idx, end=s0 + tok.idx + len(tok.text), text=tok.text)
    return EventDate(
        text=tok.text,
        span=span,
        start=date(year, 1, 1),
        end=date(year, 12, 31),
        granularity="year",
        time_precision=precision_of("year", date(year, 1, 1), date(year, 12, 31)),
        anchor=found.anchor,
        fallback=False,
        confidence=0.6,
    )
