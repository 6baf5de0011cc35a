"""Clock times: the local time of the event and its UTC time when stated or derivable.

A time without a zone ("at 1200", "10:30 local time", "9 pm") is the local ``clock_time``.  A time
with a zone sets ``utc_time`` only, converted by the zone's offset: GMT/UTC/Z (with an optional
offset, "GMT+3", "UTC-05:00") and the abbreviations in :data:`ZONES`.  A zoned time is not taken
as the local time: a paper may state an event abroad in its own zone.  Conversion wraps around
midnight (``utc_time`` is a clock time, the event date is not shifted).

Ambiguous abbreviations take the reading common in English-language wire copy and are listed
in docs/dates.md: CST and CDT are North American Central time (not China), IST is India, AST is
Atlantic (not Arabia), BST is British Summer Time.  Daylight-saving abbreviations (EDT, CEST …)
carry their summer offset; a writer who says "EST" in July is taken at their word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

ZONES: Mapping[str, int] = MappingProxyType(
    {
        # North America
        "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
        "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600, "AST": -240, "ADT": -180,
        # Latin America
        "ART": -180, "BRT": -180, "CLT": -240, "COT": -300, "PET": -300, "VET": -240, "BOT": -240,
        # Europe
        "WET": 0, "WEST": 60, "BST": 60, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180, "MSK": 180,
        # Africa
        "WAT": 60, "CAT": 120, "SAST": 120, "EAT": 180,
        # Asia and the Pacific
        "TRT": 180, "IRST": 210, "GST": 240, "AFT": 270, "PKT": 300, "IST": 330, "NPT": 345,
        "BDT": 360, "MMT": 390, "ICT": 420, "WIB": 420, "HKT": 480, "SGT": 480, "PHT": 480,
        "AWST": 480, "JST": 540, "KST": 540, "ACST": 570, "AEST": 600, "AEDT": 660, "NZST": 720,
        "NZDT": 780,
    }
)  # fmt: skip
"""Zone abbreviation → minutes east of UTC (read in upper case only: "EAT" is a zone, "eat" a verb)."""

_NAMED = "|".join(sorted(ZONES, key=len, reverse=True))
_ZONE = r"(?P<zone>gmt|utc|(?-i:(?:" + _NAMED + r")\b))(?P<off>[+-]\d{1,2}(?::?[0-5]\d)?\b)?"
_ZONE_Z = r"(?P<zone>gmt|utc|z|(?-i:(?:" + _NAMED + r")))(?P<off>[+-]\d{1,2}(?::?[0-5]\d)?)?"

CLOCK_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"(?<![\d:])\b(?P<hh>[01]?\d|2[0-3]):(?P<mm>[0-5]\d)\b\s*(?P<ampm>[ap]\.?m\b\.?)?\s*"
        r"(?:" + _ZONE + ")?",
        r"(?<![\d,.])\b(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)\s*(?:hours|hrs|h)?\s*" + _ZONE_Z + r"\b",
        r"\bat\s+(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)\b(?!\s*(?:gmt|utc|z|(?-i:" + _NAMED + r"))\b)"
        r"(?P<suffix>\s*(?:hours|hrs|local|\())?",
        r"(?<![\d:.])\b(?P<hh>1[0-2]|0?[1-9])\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)\s*(?:" + _ZONE + ")?",
    )
)
"""hh:mm [am/pm] [zone]; hhmm [hours] zone; "at hhmm" (local); h am/pm [zone]."""


def clock_times(sent: str, windows: list[tuple[int, int]]) -> tuple[str | None, str | None]:
    """Local and UTC clock times ("at 1200 (0900 GMT)", "10:30 local time", "1800 GMT", "9 pm EST")."""
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
            offset = _offset(groups.get("zone"), groups.get("off"))
            if offset is None:
                local = local or f"{hh:02d}:{mm:02d}"
            else:
                minutes = (hh * 60 + mm - offset) % (24 * 60)
                utc = utc or f"{minutes // 60:02d}:{minutes % 60:02d}"
    return local, utc


def _offset(zone: str | None, off: str | None) -> int | None:
    """Minutes east of UTC of a zone word and optional offset; None when no zone was written."""
    if not zone:
        return None
    base = ZONES.get(zone, 0)  # gmt, utc, z: 0 (matched case-insensitively, so not in ZONES)
    if not off or zone.upper() in ZONES:
        return base
    sign = -1 if "-" in off else 1
    digits = off.replace(":", "").replace("+", "").replace("-", "").strip()
    hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    if hours > 14:
        return base
    return sign * (hours * 60 + minutes)
