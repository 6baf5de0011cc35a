"""Word lists more than one stage reads, each defined once: month and weekday names, reporting verbs.

Stage modules import these instead of restating them; the attribution cue table
(``data/lexicon_attribution.csv``) gets its verb rows from ``REPORTING_VERBS`` when it is read.
"""

from __future__ import annotations

MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
"""Month names, lower case, in calendar order."""

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""Weekday names, lower case, Monday first (``datetime.weekday()`` order)."""

REPORTING_VERBS: tuple[tuple[str, ...], ...] = (
    ("said", "says", "say", "saying"),
    ("told", "tells", "tell"),
    ("added", "adds", "add"),
    ("stated", "states", "state"),
    ("announced", "announces", "announce"),
    ("reported", "reports", "report"),
    ("confirmed", "confirms", "confirm"),
    ("claimed", "claims", "claim"),
    ("alleged", "alleges", "allege"),
    ("noted", "notes", "note"),
    ("explained", "explains", "explain"),
    ("insisted", "insists", "insist"),
    ("warned", "warns", "warn"),
    ("declared", "declares", "declare"),
    ("disclosed", "discloses", "disclose"),
    ("revealed", "reveals", "reveal"),
    ("tweeted", "tweets", "tweet"),
    ("wrote", "writes", "write"),
    ("learned", "learnt", "learns", "learn"),
)
"""Verbs that introduce what someone says, one row per verb (forms, most frequent first).

A reporting verb frames the event it reports ("X said troops will deploy" is headed by "deploy"), dates of
its clause are statement dates ("said on Thursday"), and its subject is the event's attribution."""

REPORTING_WORDS = frozenset(form for row in REPORTING_VERBS for form in row)
"""Every form of every reporting verb (the last form of a row is the bare verb)."""

REPORTING_CUES = tuple("|".join(row if row[0] == "said" else row[:-1]) for row in REPORTING_VERBS)
"""Attribution cue patterns, one per verb: the bare verb only for "say" (bare "state", "report", "note" or
"claim" are more often nouns)."""

REPORTING_FORMS = frozenset(form for cue in REPORTING_CUES for form in cue.split("|"))
"""The reporting forms that are never nouns (every form but the bare verb, "say" aside)."""

UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
"""Number words: units zero to nineteen and the tens (quantities stage counts; dates: "two days ago")."""
