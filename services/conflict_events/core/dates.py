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
* When the sentence has no date words the anchor day is used, ``fallback=True``,
  granularity ``week`` and ACLED ``time_precision`` 2: ACLED codes the report date with a
  lower precision when the event date is not stated.
* Years outside 1900..anchor year + 1 are rejected; 2-digit years take the century that puts
  them closest to, and not after, the anchor year + 1.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from types import MappingProxyType
from typing import Any, Literal

from conflict_events.contracts import EventDate, Granularity, Span

__all__ = ["make_date_parser", "parse_dateline", "resolve_date"]

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


_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
MONTHS: Mapping[str, int] = MappingProxyType(
    {name: i + 1 for i, name in enumerate(_MONTH_NAMES)}
    | {name[:3]: i + 1 for i, name in enumerate(_MONTH_NAMES)}
    | {"sept": 9}
)
"""Month names and abbreviations (lower case) to month numbers."""
_MON_FULL = "(?:" + "|".join(_MONTH_NAMES) + r")\b"
_MON_ABBR = "|".join(k for k in MONTHS if len(k) <= 4)
_MON_ANY = r"(?:" + _MON_FULL + r"|(?:" + _MON_ABBR + r")\b\.?)"
_SMALL = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_VAGUE_N = {"few": (2, 5), "a few": (2, 5), "several": (3, 9), "a couple of": (2, 3), "couple of": (2, 3)}
_N = r"(?:\d{1,3}|a\s+few|a\s+couple\s+of|few|several|" + "|".join(_SMALL) + ")"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NOT_A_COUNT = r"(?!\s+(?:people|persons|civilians|soldiers|others|more|were|of|killed|dead)\b)"
_MAY_VERB = (
    r"(?!\s+(?:be|have|has|not|also|well|never|still|yet|soon|take|come|go|face|need|want|seek|try|lead"
    r"|result|cause|rise|increase|continue|hold|help|make|give|get|see|become|prove|affect)\b)"
)


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


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 - months
    return index // 12, index % 12 + 1


def _day(m: re.Match[str], first: date, conf: float, absolute: bool, group: int | str = 0) -> Candidate:
    return Candidate(m.start(group), m.end(group), first, first, "day", absolute, conf)


def _absolute_day(m: re.Match[str], today: date) -> Candidate | None:
    """ISO dates, "30 December 2015", "3 JAN 90", "December 30, 2015"."""
    year = int(m["y"])
    if len(m["y"]) == 2:
        year = clamp_year(year, today.year)
    month = int(m["m"]) if m["m"].isdigit() else MONTHS[m["m"].lower().rstrip(".")]
    try:
        return _day(m, date(year, month, int(m["d"])), 0.95, True)
    except ValueError:
        return None


def _yearless_day(m: re.Match[str], today: date) -> Candidate | None:
    """"on 30 December", "Dec. 30": this year's, or last year's if that would be after the anchor."""
    month = MONTHS[m["m"].lower().rstrip(".")]
    try:
        first = date(today.year, month, int(m["d"]))
        if first > today:
            first = date(today.year - 1, month, int(m["d"]))
    except ValueError:
        return None
    return _day(m, first, 0.85, False)


def _month_year(m: re.Match[str], today: date) -> Candidate | None:
    """"September 2015", "Sept. 2015"."""
    year, month = int(m["y"]), MONTHS[m["m"].lower().rstrip(".")]
    return Candidate(m.start(), m.end(), date(year, month, 1), _month_end(year, month), "month", True, 0.9)


_THIRDS = {"early": 0, "beginning": 0, "start": 0, "mid": 1, "middle": 1, "late": 2, "end": 2}


def _part(m: re.Match[str], today: date) -> Candidate | None:
    """"late last year", "early 2016", "mid-May", "the end of last month": a third of the period."""
    third = _THIRDS[next(w for w in m["part"].lower().split() if w in _THIRDS)]
    target = m["t"].lower()
    absolute = any(ch.isdigit() for ch in target)
    if target.endswith("year") or target.isdigit():
        year = int(target) if target.isdigit() else today.year - (1 if target.startswith("last") else 0)
        first, last = date(year, 4 * third + 1, 1), _month_end(year, 4 * third + 4)
    else:
        if target.endswith("month"):
            year, month = _shift_months(today, 1 if target.startswith("last") else 0)
        else:
            words = target.replace(",", " ").split()
            month = MONTHS[words[0]]
            year = int(words[1]) if len(words) > 1 else today.year - (month > today.month)
        first = date(year, month, 10 * third + 1)
        last = _month_end(year, month) if third == 2 else date(year, month, 10 * third + 10)
    if first > today:
        return None
    return Candidate(m.start(), m.end(), first, min(last, today), "range", absolute, 0.75)


_REL_DAYS = {"the day before yesterday": 2, "yesterday": 1, "last night": 1}


def _relative_day(m: re.Match[str], today: date) -> Candidate | None:
    """today, tonight, this morning, yesterday, last night, the day before yesterday, overnight."""
    words = " ".join(m[0].lower().split())
    if words == "overnight":
        return Candidate(m.start(), m.end(), today - timedelta(days=1), today, "range", False, 0.7)
    return _day(m, today - timedelta(days=_REL_DAYS.get(words, 0)), 0.85, False)


def _weekday(m: re.Match[str], today: date) -> Candidate | None:
    """A weekday is the latest such day on or before the anchor day; "last <day>" is strictly before."""
    back = (today.weekday() - _WEEKDAYS.index(m["wd"].lower())) % 7
    if back == 0 and (m["mod"] or "").lower() in ("last", "past", "previous"):
        back = 7
    return _day(m, today - timedelta(days=back), 0.8, False)


def _weekend(m: re.Match[str], today: date) -> Candidate | None:
    """The latest Saturday–Sunday that began on or before the anchor; "last weekend" when it is one."""
    wd = today.weekday()
    saturday = today - timedelta(days=(wd - 5) % 7)
    if wd >= 5 and (m["mod"] or "").lower() in ("last", "past", "previous"):
        saturday -= timedelta(days=7)
    last = min(saturday + timedelta(days=1), today)
    return Candidate(m.start(), m.end(), saturday, last, "week", False, 0.75)


def _period(m: re.Match[str], today: date) -> Candidate | None:
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
        year, month = _shift_months(today, back)
        first, last = date(year, month, 1), min(_month_end(year, month), today)
    else:
        first, last = date(today.year - back, 1, 1), min(date(today.year - back, 12, 31), today)
    return Candidate(m.start(), m.end(), first, last, gran, False, 0.8)


def _ago(m: re.Match[str], today: date) -> Candidate | None:
    """"2 days ago" (a day), "a week ago" (that week ±3 days), "three months ago" (a month)."""
    n_word = " ".join(m["n"].lower().split())
    unit = m["unit"].lower()
    if n_word in _VAGUE_N:
        lo, hi = _VAGUE_N[n_word]
        size = {"day": 1, "week": 7, "month": 30, "year": 365}[unit]
        first, last = today - timedelta(days=hi * size), today - timedelta(days=lo * size)
        return Candidate(m.start(), m.end(), first, last, "range", False, 0.6)
    n = int(n_word) if n_word.isdigit() else _SMALL[n_word]
    if unit == "day":
        return _day(m, today - timedelta(days=n), 0.8, False)
    if unit == "week":
        mid = today - timedelta(days=7 * n)
        first, last = mid - timedelta(days=3), mid + timedelta(days=3)
        return Candidate(m.start(), m.end(), first, last, "week", False, 0.7)
    if unit == "month":
        year, month = _shift_months(today, n)
        first, last = date(year, month, 1), _month_end(year, month)
        return Candidate(m.start(), m.end(), first, last, "month", False, 0.7)
    year = today.year - n
    return Candidate(m.start(), m.end(), date(year, 1, 1), date(year, 12, 31), "year", False, 0.7)


def _recent(m: re.Match[str], today: date) -> Candidate | None:
    """"in recent days", "over the past three days", "in the last 24 hours": a range up to the anchor."""
    unit = m["unit"].lower()
    n_word = " ".join((m["n"] or "").lower().split())
    if not n_word:
        n = {"hours": 24, "days": 7, "weeks": 4, "months": 3, "years": 3}[unit]
    elif n_word in _VAGUE_N:
        n = _VAGUE_N[n_word][1]
    else:
        n = int(n_word) if n_word.isdigit() else _SMALL[n_word]
    days = {"hours": max(1, -(-n // 24)), "days": n, "weeks": 7 * n, "months": 30 * n, "years": 365 * n}[unit]
    return Candidate(m.start(), m.end(), today - timedelta(days=days), today, "range", False, 0.6)


def _month_alone(m: re.Match[str], today: date) -> Candidate | None:
    """"in May": the latest May not after the anchor month; "last May" is before the anchor month."""
    month = MONTHS[m["m"].lower()]
    mod = m["prep"].lower()
    year = today.year - (month > today.month or (mod == "last" and month >= today.month))
    start = m.start() if mod in ("last", "this") else m.start("m")
    return Candidate(start, m.end(), date(year, month, 1), _month_end(year, month), "month", False, 0.8)


def _year_alone(m: re.Match[str], today: date) -> Candidate | None:
    """"in 2015", "since 2011": the calendar year."""
    year = int(m["y"])
    return Candidate(m.start("y"), m.end("y"), date(year, 1, 1), date(year, 12, 31), "year", True, 0.85)


def _rule(pattern: str, handler: Handler) -> tuple[re.Pattern[str], Handler]:
    return re.compile(pattern, re.IGNORECASE), handler


RULES: tuple[tuple[re.Pattern[str], Handler], ...] = (
    _rule(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", _absolute_day),
    _rule(
        r"(?<![\d,.])\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>" + _MON_ANY + r"),?\s+"
        r"(?P<y>(?:19|20)\d{2}|\d{2})\b" + _NOT_A_COUNT,
        _absolute_day,
    ),
    _rule(
        r"\b(?P<m>" + _MON_ANY + r")\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{2})\b",
        _absolute_day,
    ),
    _rule(
        r"(?<![\d,.])\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>" + _MON_ANY + ")" + _MAY_VERB,
        _yearless_day,
    ),
    _rule(r"\b(?P<m>" + _MON_ANY + r")\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?![,.:/-]?\d)", _yearless_day),
    _rule(r"\b(?P<m>" + _MON_ANY + r"),?\s+(?P<y>(?:19|20)\d{2})\b", _month_year),
    _rule(
        r"\b(?P<part>early|late|mid|(?:the\s+)?(?:beginning|start|middle|end)\s+of)[\s-]+"
        r"(?P<t>(?:last|this)\s+(?:year|month)|(?:19|20)\d{2}|" + _MON_FULL + r"(?:,?\s+(?:19|20)\d{2})?)\b",
        _part,
    ),
    _rule(
        r"\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night"
        r"|this\s+(?:morning|afternoon|evening)|earlier\s+today|overnight)\b",
        _relative_day,
    ),
    _rule(r"\b(?:(?P<mod>last|this|past|previous)\s+)?(?P<wd>" + "|".join(_WEEKDAYS) + r")\b", _weekday),
    _rule(r"\b(?:(?:over|at|during|on)\s+the|(?P<mod>this|last|past|previous))\s+weekend\b", _weekend),
    _rule(
        r"\b(?P<mod>earlier\s+this|later\s+this|this|last|previous|the\s+past|the\s+last|past)\s+"
        r"(?P<unit>week|month|year)\b",
        _period,
    ),
    _rule(r"\b(?P<n>" + _N + r")\s+(?P<unit>day|week|month|year)s?\s+ago\b", _ago),
    _rule(
        r"\b(?:in|over|during|within)\s+(?:the\s+)?(?:past|last|recent)\s+(?:(?P<n>" + _N + r")\s+)?"
        r"(?P<unit>hours|days|weeks|months|years)\b",
        _recent,
    ),
    _rule(
        r"\b(?P<prep>in|since|during|until|by|throughout|from|last|this)\s+(?P<m>" + _MON_FULL + r")\b"
        r"(?![\s,]+\d)" + _MAY_VERB,
        _month_alone,
    ),
    _rule(
        r"\b(?:in|since|during|throughout|until|from|by)\s+(?P<y>(?:19|20)\d{2})\b" + _NOT_A_COUNT,
        _year_alone,
    ),
)

CLOCK_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"(?<![\d:])\b(?P<hh>[01]?\d|2[0-3]):(?P<mm>[0-5]\d)\b\s*(?P<ampm>[ap]\.?m\b\.?)?\s*(?P<zone>gmt|utc)?",
        r"(?<![\d,.])\b(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)\s*(?:hours|hrs|h)?\s*(?P<zone>gmt|utc|z)\b",
        r"\bat\s+(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)\b(?!\s*(?:gmt|utc|z)\b)(?P<suffix>\s*(?:hours|hrs|local|\())?",
        r"(?<![\d:.])\b(?P<hh>1[0-2]|0?[1-9])\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)",
    )
)

_SPAN_HAS_MONTH = re.compile(r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b", re.I)
_SPAN_IS_NOISE = re.compile(
    r"^\W*(?:\d{1,4}|\d+\s*(?:gmt|utc|hours?|hrs))\W*$|"  # a bare clock time or number ("1200")
    r"\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b(?!\s+ago)",  # durations
    re.I,
)
MAX_CUES = 64
"""Date cues read per sentence; more than this is a broken sentence split, not prose."""
WINDOW = 64
"""Characters on each side of a cue that the rules may look at (the longest rule is ~40)."""
_CUES = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    "day", "night", "week", "month", "year", "ago", "recent", "morning", "afternoon", "evening",
)
_DIGITS = re.compile(r"\d+")
_REPORTING = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|added|confirmed|claimed|warned|learnt|learned|disclosed"
    r"|revealed|noted|tweeted|wrote|declared)\s+(?:\w+\s+)?(?:on\s+|late\s+|early\s+)?$",
    re.I,
)
_SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.I)
_DATELINE = re.compile(
    r"\A\s*[A-Z][A-Za-z.'\- ]{1,40}?(?:\s*\([A-Za-z.'\- ]{2,30}\))?,\s*"
    r"(?:(?P<d1>\d{1,2})\s+(?P<m1>[A-Za-z]{3,9})\.?,?\s+(?P<y1>\d{4}|\d{2})"
    r"|(?P<m2>[A-Za-z]{3,9})\.?\s+(?P<d2>\d{1,2}),?\s+(?P<y2>\d{4}))"
    r"\s*(?:\([^()\n]{1,60}\))?\s*(?:--|-|—|–|:)?",
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
    windows = _windows(sent)
    cands = _rule_candidates(sent, today, windows)
    cands.extend(_span_candidates(sent, s0, list(date_spans)[:MAX_CUES], cands, today, parser))
    if context is not None and context.granularity == "day" and not context.fallback:
        cands.extend(_context_candidates(sent, windows, cands, context.start, context.confidence))
    clock, utc = _clock_times(sent, windows)
    scale = 1.0 if anchor_kind == "published_at" else 0.6
    best = _pick(cands)
    if best is None and context is not None and not context.fallback:
        update = {"clock_time": clock, "utc_time": utc, "confidence": round(context.confidence * 0.7, 3)}
        return context.model_copy(update=update)
    if best is None:
        return EventDate(
            text=None, span=None, start=today, end=today, granularity="week", time_precision=2,
            clock_time=clock, utc_time=utc, anchor=anchor_kind, fallback=True,
            confidence=round(0.3 * scale, 3),
        )
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


def parse_dateline(text: str, *, reference_year: int | None = None) -> datetime | None:
    """Read the report date from a wire dateline at the very start of ``text``.

    Recognises ``CITY, 3 JAN 90 (ACAN-EFE) --`` and ``CITY, March 3, 2017 (AP) -`` forms;
    ``CITY (Reuters) -`` has no date and gives None.  A 2-digit year takes the century that
    puts it closest to, and not after, ``reference_year + 1``; without a reference year the
    POSIX pivot applies (69–99 → 19xx, 00–68 → 20xx).

    Returns:
        Midnight UTC of the dateline day, or None when there is no dated dateline.
    """
    m = _DATELINE.match(text[:200])
    if m is None:
        return None
    day, mon, year = (m["d1"], m["m1"], m["y1"]) if m["d1"] else (m["d2"], m["m2"], m["y2"])
    month = MONTHS.get(mon.lower().rstrip("."))
    if month is None:
        return None
    y = int(year)
    if len(year) == 2:
        y = clamp_year(y, reference_year) if reference_year else (1900 + y if y >= 69 else 2000 + y)
    try:
        return datetime(y, month, int(day), tzinfo=UTC)
    except ValueError:
        return None


def _windows(sent: str) -> list[tuple[int, int]]:
    """Stretches of the sentence around its first ``MAX_CUES`` date cues, merged.

    Running every rule over the whole sentence costs ~0.3 s on 100k characters; the rules only
    ever match next to a cue word (a month or weekday stem, day/week/month/year, ago, a digit),
    so they run on ``±WINDOW`` characters around each cue instead.  A "sentence" with more than
    ``MAX_CUES`` cues is a broken split or a table; only its first cues are read.
    """
    low = sent.lower()
    if len(low) != len(sent):  # a few non-ASCII letters change length when lowered
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in sent)
    cues: list[int] = []
    for cue in _CUES:
        at = low.find(cue)
        while at >= 0 and len(cues) < 4 * MAX_CUES:
            cues.append(at)
            at = low.find(cue, at + 1)
    cues.extend(m.start() for m in islice(_DIGITS.finditer(sent), MAX_CUES))
    merged: list[tuple[int, int]] = []
    for at in sorted(cues)[:MAX_CUES]:
        lo, hi = max(0, at - WINDOW), min(len(sent), at + WINDOW)
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return merged


def _rule_candidates(sent: str, today: date, windows: list[tuple[int, int]]) -> list[Candidate]:
    """Every rule match in the cue windows, resolved; overlapping matches keep the longest."""
    found: list[Candidate] = []
    for lo, hi in windows:
        for pattern, handler in RULES:
            for m in pattern.finditer(sent, lo, hi):
                cand = handler(m, today)
                if cand is not None and _sane(cand, today):
                    cand = _apply_since(sent, cand, today)
                    if _REPORTING.search(sent, max(0, cand.start - 40), cand.start):
                        cand = replace(cand, reporting=True, confidence=round(cand.confidence * 0.75, 3))
                    found.append(cand)
    found.sort(key=lambda c: (c.start - c.end, c.start))
    kept: list[Candidate] = []
    for c in found:
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return kept


def _apply_since(sent: str, cand: Candidate, today: date) -> Candidate:
    """"since X" opens a range from X's start to the anchor day."""
    m = _SINCE.search(sent, max(0, cand.start - 12), cand.start)
    if m is None or (cand.granularity == "range" and cand.last == today):
        return cand
    return Candidate(m.start(), cand.end, cand.first, today, "range", cand.absolute, cand.confidence)


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
        if cand is not None and _sane(cand, today):
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


_CONTEXT_SHIFT = re.compile(
    r"\b(?:the\s+(?P<rel>previous|next|following|same)\s+(?:day|night|morning|evening|afternoon)"
    r"|the\s+day\s+(?P<rel2>before|after)|a\s+day\s+(?P<rel3>earlier|later)"
    r"|(?P<same>that|later\s+that|earlier\s+that)\s+(?:day|night|morning|evening|afternoon))\b",
    re.I,
)
_SHIFT_DAYS = {"previous": -1, "before": -1, "earlier": -1, "next": 1, "following": 1, "after": 1, "later": 1}


def _context_candidates(
    sent: str, windows: list[tuple[int, int]], known: list[Candidate], day: date, confidence: float
) -> list[Candidate]:
    """"the next day", "the previous night", "that morning": days counted from the context date."""
    out: list[Candidate] = []
    for lo, hi in windows:
        for m in _CONTEXT_SHIFT.finditer(sent, lo, hi):
            if any(m.start() < k.end and m.end() > k.start for k in known + out):
                continue
            rel = (m["rel"] or m["rel2"] or m["rel3"] or "same").lower()
            first = day + timedelta(days=_SHIFT_DAYS.get(rel, 0))
            out.append(Candidate(m.start(), m.end(), first, first, "day", False, round(confidence * 0.8, 3)))
    return out


def _sane(cand: Candidate, today: date) -> bool:
    """Reject years before 1900 or after the anchor year + 1, and starts after the anchor day."""
    return 1900 <= cand.first.year <= today.year + 1 and cand.first <= today + timedelta(days=1)


_ORDER: dict[Granularity, int] = {"day": 0, "week": 1, "range": 2, "month": 3, "year": 4}


def _pick(cands: list[Candidate]) -> Candidate | None:
    """The most specific event date; then the shorter, the explicit, the first one.

    Dates of statements ("X said on Wednesday that …") only count when nothing else is dated.
    """
    if not cands:
        return None
    events = [c for c in cands if not c.reporting] or cands
    return min(events, key=lambda c: (_ORDER[c.granularity], c.last - c.first, not c.absolute, c.start))


def _clock_times(sent: str, windows: list[tuple[int, int]]) -> tuple[str | None, str | None]:
    """Local and UTC clock times ("at 1200 (0900 GMT)", "10:30 local time", "1800 GMT")."""
    local: str | None = None
    utc: str | None = None
    for pattern in CLOCK_PATTERNS:
        for m in (m for lo, hi in windows for m in pattern.finditer(sent, lo, hi)):
            groups = m.groupdict()
            hh, mm = int(groups["hh"]), int(groups.get("mm") or 0)
            if "suffix" in groups and not groups["suffix"] and 1900 <= hh * 100 + mm <= 2059:
                continue  # "at 1990" is a year, not a clock time
            ampm = (groups.get("ampm") or "").lower().replace(".", "")
            if ampm == "pm" and hh < 12:
                hh += 12
            elif ampm == "am" and hh == 12:
                hh = 0
            if hh > 23 or mm > 59:
                continue
            value = f"{hh:02d}:{mm:02d}"
            zone = (groups.get("zone") or "").lower()
            if zone in ("gmt", "utc", "z"):
                utc = utc or value
            else:
                local = local or value
    return local, utc
