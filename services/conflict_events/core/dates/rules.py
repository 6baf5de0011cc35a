"""The rule table and the cue windows it runs in.

Every rule is a regex plus a handler that resolves its match against the anchor day.  The rules
run only within ``WINDOW`` characters of the first ``MAX_CUES`` date cues of a sentence, so a
100,000-character "sentence" stays cheap.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from itertools import islice

from conflict_events.core.dates.calendar import (
    COUNT_RE,
    MON_ANY,
    MON_FULL,
    Candidate,
    Handler,
    absolute_day,
    month_year,
    part_of,
    sane,
    year_alone,
    yearless_day,
)
from conflict_events.core.dates.relative import (
    ago,
    month_alone,
    period,
    recent,
    relative_day,
    weekday,
    weekend,
)
from conflict_events.core.text.vocabulary import REPORTING_FORMS, WEEKDAYS

NOT_A_COUNT = r"(?!\s+(?:people|persons|civilians|soldiers|others|more|were|of|killed|dead)\b)"
MAY_VERB = (
    r"(?!\s+(?:be|have|has|not|also|well|never|still|yet|soon|take|come|go|face|need|want|seek|try|lead"
    r"|result|cause|rise|increase|continue|hold|help|make|give|get|see|become|prove|affect)\b)"
)


MAX_CUES = 64
"""Date cues read per sentence; more than this is a broken sentence split, not prose."""
WINDOW = 64
"""Characters on each side of a cue that the rules may look at (the longest rule is ~40)."""
CUES = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "day",
    "night",
    "week",
    "month",
    "year",
    "ago",
    "recent",
    "morning",
    "afternoon",
    "evening",
)
DIGITS = re.compile(r"\d+")
REPORTING = re.compile(
    r"\b(?:" + "|".join(sorted(REPORTING_FORMS, key=len, reverse=True)) + r")"
    r"\s+(?:\w+\s+)?(?:on\s+|late\s+|early\s+)?$",
    re.I,
)
SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.I)


def rule(pattern: str, handler: Handler) -> tuple[re.Pattern[str], Handler]:
    return re.compile(pattern, re.IGNORECASE), handler


RULES: tuple[tuple[re.Pattern[str], Handler], ...] = (
    rule(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", absolute_day),
    rule(
        r"(?<![\d,.])\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>" + MON_ANY + r"),?\s+"
        r"(?P<y>(?:19|20)\d{2}|\d{2})\b" + NOT_A_COUNT,
        absolute_day,
    ),
    rule(
        r"\b(?P<m>" + MON_ANY + r")\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{2})\b",
        absolute_day,
    ),
    rule(
        r"(?<![\d,.])\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>" + MON_ANY + ")" + MAY_VERB,
        yearless_day,
    ),
    rule(r"\b(?P<m>" + MON_ANY + r")\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?![,.:/-]?\d)", yearless_day),
    rule(r"\b(?P<m>" + MON_ANY + r"),?\s+(?P<y>(?:19|20)\d{2})\b", month_year),
    rule(
        r"\b(?P<part>early|late|mid|(?:the\s+)?(?:beginning|start|middle|end)\s+of)[\s-]+"
        r"(?P<t>(?:last|this)\s+(?:year|month)|(?:19|20)\d{2}|" + MON_FULL + r"(?:,?\s+(?:19|20)\d{2})?)\b",
        part_of,
    ),
    rule(
        r"\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night"
        r"|this\s+(?:morning|afternoon|evening)|earlier\s+today|overnight)\b",
        relative_day,
    ),
    rule(r"\b(?:(?P<mod>last|this|past|previous)\s+)?(?P<wd>" + "|".join(WEEKDAYS) + r")\b", weekday),
    rule(r"\b(?:(?:over|at|during|on)\s+the|(?P<mod>this|last|past|previous))\s+weekend\b", weekend),
    rule(
        r"\b(?P<mod>earlier\s+this|later\s+this|this|last|previous|the\s+past|the\s+last|past)\s+"
        r"(?P<unit>week|month|year)\b",
        period,
    ),
    rule(r"\b(?P<n>" + COUNT_RE + r")\s+(?P<unit>day|week|month|year)s?\s+ago\b", ago),
    rule(
        r"\b(?:in|over|during|within)\s+(?:the\s+)?(?:past|last|recent)\s+(?:(?P<n>" + COUNT_RE + r")\s+)?"
        r"(?P<unit>hours|days|weeks|months|years)\b",
        recent,
    ),
    rule(
        r"\b(?P<prep>in|since|during|until|by|throughout|from|last|this|the)\s+(?P<m>" + MON_FULL + r")\b"
        r"(?![\s,]+\d)" + MAY_VERB,
        month_alone,
    ),
    rule(
        r"\b(?:in|since|during|throughout|until|from|by)\s+(?P<y>(?:19|20)\d{2})\b" + NOT_A_COUNT,
        year_alone,
    ),
)


def cue_windows(sent: str) -> list[tuple[int, int]]:
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
    for cue in CUES:
        at = low.find(cue)
        while at >= 0 and len(cues) < 4 * MAX_CUES:
            cues.append(at)
            at = low.find(cue, at + 1)
    cues.extend(m.start() for m in islice(DIGITS.finditer(sent), MAX_CUES))
    merged: list[tuple[int, int]] = []
    for at in sorted(cues)[:MAX_CUES]:
        lo, hi = max(0, at - WINDOW), min(len(sent), at + WINDOW)
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return merged


def rule_candidates(sent: str, today: date, windows: list[tuple[int, int]]) -> list[Candidate]:
    """Every rule match in the cue windows, resolved; overlapping matches keep the longest."""
    found: list[Candidate] = []
    for lo, hi in windows:
        for pattern, handler in RULES:
            for m in pattern.finditer(sent, lo, hi):
                cand = handler(m, today)
                if cand is not None and sane(cand, today):
                    cand = apply_since(sent, cand, today)
                    if REPORTING.search(sent, max(0, cand.start - 40), cand.start):
                        cand = replace(cand, reporting=True, confidence=round(cand.confidence * 0.75, 3))
                    found.append(cand)
    found.sort(key=lambda c: (c.start - c.end, c.start))
    kept: list[Candidate] = []
    for c in found:
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return kept


def apply_since(sent: str, cand: Candidate, today: date) -> Candidate:
    """ "since X" opens a range from X's start to the anchor day."""
    m = SINCE.search(sent, max(0, cand.start - 12), cand.start)
    if m is None or (cand.granularity == "range" and cand.last == today):
        return cand
    return Candidate(m.start(), cand.end, cand.first, today, "range", cand.absolute, cand.confidence)
