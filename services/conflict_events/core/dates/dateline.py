"""Wire datelines: the report date at the very start of an article ("LIMA, 12 Apr 89 (EFE) --")."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from conflict_events.core.dates.calendar import MONTHS, clamp_year

DATELINE = re.compile(
    r"\A\s*[A-Z][A-Za-z.'\- ]{1,40}?(?:\s*\([A-Za-z.'\- ]{2,30}\))?,\s*"
    r"(?:(?P<d1>\d{1,2})\s+(?P<m1>[A-Za-z]{3,9})\.?,?\s+(?P<y1>\d{4}|\d{2})"
    r"|(?P<m2>[A-Za-z]{3,9})\.?\s+(?P<d2>\d{1,2}),?\s+(?P<y2>\d{4}))"
    r"\s*(?:\([^()\n]{1,60}\))?\s*(?:--|-|—|–|:)?",
)


DATELINE_PREFIX = re.compile(
    r"\A\s*(?P<prefix>[A-Z][^\n]{2,90}?)\s+(?:--|-|—|–)\s+(?=[A-Z\"'“‘(\[])",
)
"""A sentence opening "PLACE[, REGION], DATE (AGENCY) - ": the words before the dash are its dateline."""
_PREFIX_WORD = re.compile(
    r"[A-Z0-9(][\w.'’()&-]*,?|\([\w .'’&-]+\),?|\d{1,2}(?:st|nd|rd|th)?,?|(?:of|and|the|de|du|del|es|al)"
)
"""Words of a dateline: capitalised names, numbers, an agency, and the small words inside a country's name
('Democratic Republic of Congo', 'Bosnia and Herzegovina')."""


def dateline_prefix_end(sentence: str) -> int:
    """Length of the dateline that opens ``sentence`` ("KANO, Nigeria, May 3 (AFP) - "), 0 when none.

    A dateline is a run of capitalised words, numbers and a parenthesised agency, holding a comma, that
    ends in a spaced dash before a capital letter. A date in it is the date of the report, not of the event
    the sentence tells ("KANO, May 3 - Gunmen killed five on Friday" happened on Friday).
    """
    m = DATELINE_PREFIX.match(sentence[:200])
    if m is None:
        return 0
    prefix = m["prefix"]
    if "," not in prefix and "(" not in prefix:
        return 0
    words = re.findall(r"\([^()]*\)|\S+", prefix)
    if not all(_PREFIX_WORD.fullmatch(w) for w in words):
        return 0
    return m.end("prefix")


def parse_dateline(text: str, *, reference_year: int | None = None) -> datetime | None:
    """Read the report date from a wire dateline at the very start of ``text``.

    Recognises ``CITY, 3 JAN 90 (ACAN-EFE) --`` and ``CITY, March 3, 2017 (AP) -`` forms;
    ``CITY (Reuters) -`` has no date and gives None.  A 2-digit year takes the century that
    puts it closest to, and not after, ``reference_year + 1``; without a reference year the
    POSIX pivot applies (69–99 → 19xx, 00–68 → 20xx).

    Returns:
        Midnight UTC of the dateline day, or None when there is no dated dateline.
    """
    m = DATELINE.match(text[:200])
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
