"""MUC-4 answer-key notation: alternatives, optional fillers, empty slots, dates, locations, numbers.

Notation (MUC-4 task definition, Sundheim 1992): ``-`` empty slot, ``*`` not applicable, ``"A" / "B"``
alternative strings for one filler, a leading ``?`` optional filler, ``X: "str"`` a set-fill value tied to a
string filler, ``16 NOV 89`` a date, ``- 23 AUG 88`` on or before that date, ``2 SEP 89 - 22 SEP 89`` a
range, ``PERU: LIMA (CITY): SAN ISIDRO (NEIGHBORHOOD)`` a location path. Numbers: ``7`` exact, ``7-`` at
least 7, ``- 7`` at most 7, ``PLURAL`` more than one (our reading of the keys).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), start=1
    )
}
_DATE = re.compile(r"(\d{1,2})\s+([A-Z]{3})\s+(\d{2,4})")
_PLACE = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def is_empty(filler: str) -> bool:
    """True for an empty (``-``), not-applicable (``*``) or blank filler."""
    return filler.strip() in {"", "-", "*"}


def strip_optional(filler: str) -> tuple[bool, str]:
    """``(optional, rest)``: a leading ``?`` marks a filler the scorer may miss without penalty."""
    text = filler.strip()
    if text.startswith("?"):
        return True, text[1:].strip()
    return False, text


def split_alternatives(filler: str) -> list[str]:
    """Split ``A / B`` at top level (outside quotes and parentheses); outer parentheses are removed."""
    parts: list[str] = []
    depth, quoted, start = 0, False, 0
    i = 0
    while i < len(filler):
        ch = filler[i]
        if ch == "\\":
            i += 2
            continue
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "(":
            depth += 1
        elif not quoted and ch == ")":
            depth -= 1
        elif not quoted and depth == 0 and filler.startswith(" / ", i):
            parts.append(filler[start:i])
            start = i + 3
            i += 3
            continue
        i += 1
    parts.append(filler[start:])
    return [_unwrap(p.strip()) for p in parts if p.strip()]


def _unwrap(text: str) -> str:
    while text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        text = text[1:-1].strip()
    return text


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def quoted_strings(filler: str) -> list[str]:
    """The quoted strings of a filler, unescaped (``"\\"X\\" FARM"`` gives ``"X" FARM``)."""
    return [m.group(1).replace('\\"', '"') for m in _QUOTED.finditer(filler)]


def _to_date(day: str, month: str, year: str) -> date | None:
    if month not in _MONTHS:
        return None
    y = int(year)
    y = y + 1900 if y < 100 else y
    try:
        return date(y, _MONTHS[month], int(day))
    except ValueError:
        return None


@dataclass(frozen=True)
class DateKey:
    """One date alternative: ``earliest`` None means "on or before ``latest``"."""

    earliest: date | None
    latest: date


def parse_dates(filler: str) -> list[DateKey]:
    """All date alternatives of an ``INCIDENT: DATE`` filler (empty list when none can be read)."""
    out: list[DateKey] = []
    for alt in split_alternatives(strip_optional(filler)[1]):
        found = [d for m in _DATE.finditer(alt.upper()) if (d := _to_date(*m.groups())) is not None]
        if len(found) >= 2:
            out.append(DateKey(min(found), max(found)))
        elif len(found) == 1:
            out.append(DateKey(None if alt.lstrip().startswith("-") else found[0], found[0]))
    return out


def date_matches(keys: list[DateKey], start: date, end: date, *, tolerance_days: int = 1) -> bool:
    """True when the predicted ``[start, end]`` meets any key widened by ``tolerance_days``."""
    slack = timedelta(days=tolerance_days)
    for key in keys:
        lo = key.earliest - slack if key.earliest is not None else date.min
        if start <= key.latest + slack and end >= lo:
            return True
    return False


@dataclass(frozen=True)
class LocationKey:
    """One location alternative: country (or country alternatives) and the places below it, upper case."""

    countries: tuple[str, ...]
    places: tuple[str, ...]


def parse_locations(filler: str) -> list[LocationKey]:
    """All alternatives of an ``INCIDENT: LOCATION`` filler."""
    out: list[LocationKey] = []
    for alt in split_alternatives(strip_optional(filler)[1]):
        if is_empty(alt):
            continue
        parts = [p.strip() for p in re.split(r":\s+", alt) if p.strip()]
        places = []
        for part in parts[1:]:
            m = _PLACE.match(part)
            places.append((m.group(1) if m else part).strip().upper())
        countries = tuple(c.strip().upper() for c in parts[0].split(" / ") if c.strip())
        out.append(LocationKey(countries, tuple(places)))
    return out


@dataclass(frozen=True)
class CountKey:
    """A number of people: ``high`` None means unbounded above."""

    low: int
    high: int | None

    def contains(self, value: int) -> bool:
        """True when ``value`` is inside the range."""
        return value >= self.low and (self.high is None or value <= self.high)


def parse_count(spec: str) -> CountKey | None:
    """One number alternative (``7``, ``7-``, ``- 7``, ``3 - 5``, ``PLURAL``), None when unreadable."""
    text = spec.strip().upper()
    if text == "PLURAL":
        return CountKey(2, None)
    if m := re.fullmatch(r"(\d+)\s*-\s*(\d+)", text):
        return CountKey(int(m.group(1)), int(m.group(2)))
    if m := re.fullmatch(r"(\d+)\s*-", text):
        return CountKey(int(m.group(1)), None)
    if m := re.fullmatch(r"-\s*(\d+)", text):
        return CountKey(0, int(m.group(1)))
    if text.isdigit():
        return CountKey(int(text), int(text))
    return None


def _head_and_targets(entry: str) -> tuple[str, frozenset[str]]:
    _optional, text = strip_optional(entry)
    head, _sep, rest = text.partition(': "')
    targets = frozenset(s.upper() for s in quoted_strings('"' + rest)) if rest else frozenset()
    return head.strip(), targets


def victims_with_effect(number_lines: list[str], effect_lines: list[str], effect: str) -> CountKey | None:
    """People with ``effect`` (``DEATH``, ``INJURY``) in one template, summed; None when not countable.

    A target counts when its ``EFFECT OF INCIDENT`` entry names ``effect`` among its alternatives and shares
    a string with a ``NUMBER`` entry; the first readable number alternative is used.
    """
    hit: set[str] = set()
    for line in effect_lines:
        if is_empty(line):
            continue
        head, targets = _head_and_targets(line)
        if effect in {h.strip().upper() for h in head.split(" / ")}:
            hit |= targets
    if not hit:
        return CountKey(0, 0)
    low, covered = 0, False
    high: int | None = 0
    for line in number_lines:
        if is_empty(line):
            continue
        head, targets = _head_and_targets(line)
        if not targets & hit:
            continue
        counts = [c for alt in head.split(" / ") if (c := parse_count(alt)) is not None]
        if not counts:
            return None
        covered = True
        first = counts[0]
        low += first.low
        high = None if high is None or first.high is None else high + first.high
    if not covered:
        return None
    return CountKey(low, high)
