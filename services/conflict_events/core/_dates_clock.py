"""Clock times: the local time of the event and its UTC time when stated or derivable."""

from __future__ import annotations

import re

CLOCK_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"(?<![\d:])\b(?P<hh>[01]?\d|2[0-3]):(?P<mm>[0-5]\d)\b\s*(?P<ampm>[ap]\.?m\b\.?)?\s*(?P<zone>gmt|utc)?",
        r"(?<![\d,.])\b(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)\s*(?:hours|hrs|h)?\s*(?P<zone>gmt|utc|z)\b",
        r"\bat\s+(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)\b(?!\s*(?:gmt|utc|z)\b)(?P<suffix>\s*(?:hours|hrs|local|\())?",
        r"(?<![\d:.])\b(?P<hh>1[0-2]|0?[1-9])\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)",
    )
)


def clock_times(sent: str, windows: list[tuple[int, int]]) -> tuple[str | None, str | None]:
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
