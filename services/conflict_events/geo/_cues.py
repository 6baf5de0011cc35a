"""Word lists and patterns around place names: relations before them, feature words after them.

They are English news phrasing, not gazetteer data, so they live in code next to their use.
"""

from __future__ import annotations

import re

_DIR = r"(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?"
_DESCRIPTOR = (
    r"(?:besieged|rebel-held|[a-z]+-held|[a-z]+-controlled|nearby|northern|southern|eastern|western|central|"
    r"restive|embattled|strategic|key|border|port|coastal|neighbouring|neighboring|provincial|northwestern|"
    r"northeastern|southwestern|southeastern|north-western|north-eastern|south-western|south-eastern)"
)
_PRE_FEATURE = (
    r"(?:city|town|village|province|governorate|region|district|state|area|capital|countryside|suburb|port|"
    r"neighbourhood|neighborhood|camp|enclave|border\s+town|oblast|department|municipality|county)"
)
RELATION_BEFORE = re.compile(
    rf"""(?ix)
    (?:^|(?<=[\s(\[,;:"“]))
    (?P<rel>
        (?:(?:about|some|around|nearly|almost)\s+)?(?:\d[\d,.]*|a\s+few|several|a\s+dozen)\s*-?\s*
            (?:km|kms|kilometres?|kilometers?|miles?|mi)\s+(?:\([^)]{{0,24}}\)\s+)?(?:{_DIR}\s+)?(?:of|from|outside)
      | in\s+the\s+(?:far\s+|extreme\s+)?{_DIR}(?:\s+part)?\s+of
      | (?:to\s+the\s+|just\s+|due\s+|further\s+)?{_DIR}\s+of
      | (?:on\s+the\s+)?outskirts\s+of
      | (?:in\s+the\s+)?(?:centre|center|heart)\s+of
      | near(?:by)? | close\s+to | outside(?:\s+of)? | around | in | at | into | from | inside | across
      | throughout | within | towards? | on | over | of
    )
    \s+(?:the\s+)?
    (?P<pre>(?:{_DESCRIPTOR}\s+)*{_PRE_FEATURE}\s+of\s+)?
    $""",
)
"""Spatial cue right before a place name ('north of', 'on the outskirts of', '10 km from', 'in the
city of'); searched in a short window that ends where the name starts."""

LOOKBACK_CHARS = 90

WITHIN = frozenset(
    {"in", "at", "into", "inside", "on", "within", "throughout", "across", "over", "of", "from"}
)
"""Relations that put the event in the place itself (ACLED precision 1 for a town)."""

LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "nearby",
        "outside",
        "into",
        "inside",
        "from",
        "around",
        "across",
        "towards",
        "toward",
        "within",
        "throughout",
    }
)
"""Prepositions that license a place name which is also a common English word ('in Reading')."""

ADMIN_WORDS = frozenset(
    {
        "province",
        "provinces",
        "governorate",
        "governorates",
        "state",
        "oblast",
        "region",
        "department",
        "prefecture",
        "emirate",
        "wilaya",
        "wilayat",
        "voivodeship",
        "canton",
        "muhafazat",
        "county",
        "division",
        "territory",
    }
)
CITY_WORDS = frozenset({"city", "town", "village", "municipality", "port", "capital"})
AREA_WORDS = frozenset(
    {
        "district",
        "area",
        "countryside",
        "suburbs",
        "suburb",
        "outskirts",
        "neighbourhood",
        "neighborhood",
        "camp",
        "enclave",
        "border",
        "environs",
        "hinterland",
    }
)
FEATURE_WORDS = ADMIN_WORDS | CITY_WORDS | AREA_WORDS

PARTICLES = frozenset(
    {
        "al",
        "el",
        "ad",
        "ar",
        "as",
        "ash",
        "at",
        "az",
        "an",
        "ez",
        "es",
        "ed",
        "adh",
        "de",
        "del",
        "della",
        "la",
        "le",
        "les",
        "of",
        "the",
        "and",
        "da",
        "do",
        "dos",
        "das",
        "di",
        "du",
        "van",
        "der",
        "den",
        "bin",
        "ibn",
        "abu",
        "um",
        "umm",
        "sur",
        "sous",
        "on",
        "upon",
        "en",
        "y",
        "i",
        "am",
        "im",
        "bei",
        "ba",
        "bani",
        "beni",
        "al-",
        "e",
    }
)
"""Lower-case words allowed inside a multi-word name in mixed-case text (Deir ez-Zor, Ras al-Ain)."""

NAME_PREFIX_OK = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "upper",
        "lower",
        "greater",
        "rural",
        "old",
        "new",
        "occupied",
        "neighbouring",
        "neighboring",
        "in",
        "the",
        "of",
    }
)
"""Capitalised words that may stand right before a place name without making it part of a
person's or an organisation's name ('Northern Syria', 'Rural Damascus')."""

REPORTING_VERBS = frozenset(
    {
        "said",
        "says",
        "say",
        "accused",
        "accuses",
        "denied",
        "denies",
        "warned",
        "warns",
        "announced",
        "announces",
        "claimed",
        "claims",
        "rejected",
        "rejects",
        "insisted",
        "insists",
        "has",
        "had",
        "is",
        "was",
        "wants",
        "wanted",
        "demanded",
        "demands",
        "condemned",
        "condemns",
        "urged",
        "urges",
        "called",
        "calls",
        "responded",
        "responds",
        "sent",
        "sends",
        "will",
        "would",
        "could",
        "should",
        "must",
        "may",
        "might",
        "did",
        "does",
        "blamed",
        "blames",
        "vowed",
        "vows",
        "threatened",
        "threatens",
        "agreed",
        "agrees",
        "signed",
        "signs",
        "backed",
        "backs",
        "supports",
        "supported",
        "hopes",
        "hoped",
        "believes",
        "believed",
        "sees",
        "saw",
    }
)
"""Verbs after a capital that mark it as a government ('Moscow said', 'Ankara accused')."""

TITLES = frozenset(
    {
        "president",
        "minister",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "general",
        "col",
        "colonel",
        "lt",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "leader",
        "envoy",
        "commander",
        "king",
        "queen",
        "prince",
        "princess",
        "sheikh",
        "judge",
        "senator",
        "sen",
        "rep",
        "governor",
        "gov",
        "premier",
        "chancellor",
        "secretary",
        "ambassador",
        "emir",
        "imam",
        "pope",
        "sultan",
        "chief",
        "mayor",
        "captain",
        "capt",
        "sgt",
        "sergeant",
        "major",
        "maj",
        "brig",
        "officer",
        "father",
        "sister",
        "brother",
        "saint",
        "st",
        "lord",
        "lady",
        "sir",
        "mullah",
        "cleric",
        "reporter",
        "correspondent",
        "journalist",
        "activist",
        "named",
        "called",
    }
)
"""Words that make the next capitalised word a person's name ('President Vladimir Putin')."""
