"""Value types of the geo package: gazetteer entries, the index, and place mentions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from conflict_events.geo._normalize import normalize, skeleton

Feature = Literal["place", "admin1", "country", "region"]


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a GeoNames city, an admin1 area, a country or a hand-made region.

    ``admin1_code`` is the GeoNames admin1 code (None for countries and most regions);
    ``precision`` is the ACLED geo precision the entry has on its own (regions carry theirs).
    """

    name: str
    country: str | None
    admin1: str | None
    admin1_code: str | None
    lat: float
    lon: float
    geonames_id: int | None
    feature: Feature
    population: int
    precision: int = 1


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a key may mean; ``alternate`` is True when the key is not the place's main name."""

    place: Place
    alternate: bool


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """The in-memory index, built once by :func:`load_gazetteer` and never changed afterwards.

    Attributes:
        exact: normalised key → candidates, best first.
        skeletons: transliteration skeleton key → candidates (fallback for Raqqa / Ar-Raqqah).
        prefixes: every proper word prefix of every key ('deir', 'deir ez'), to grow matches word by word.
        admin1: (ISO-3, GeoNames admin1 code) → the admin1 entry.
        countries: ISO-3 → the country entry (coordinates of its capital).
        country_words: normalised word → ISO-3 (names, demonyms, capitals used as metonyms).
        common_words: frequent lower-case English words (a one-word name among them needs a cue).
        demonyms: normalised demonyms and adjectives ('kazakh', 'syrian'): never place names.
    """

    exact: Mapping[str, tuple[Candidate, ...]]
    skeletons: Mapping[str, tuple[Candidate, ...]]
    prefixes: frozenset[str]
    admin1: Mapping[tuple[str, str], Place]
    countries: Mapping[str, Place]
    country_words: Mapping[str, str]
    common_words: frozenset[str]
    demonyms: frozenset[str]

    def lookup(self, key: str) -> tuple[Candidate, ...]:
        """Candidates for a normalised key: exact names first, else the skeleton index."""
        found = self.exact.get(key)
        if found:
            return found
        skel = skeleton(key)
        return self.skeletons.get(skel) or self.exact.get(skel, ())

    def is_city_metonym(self, word: str) -> bool:
        """True for a capital (or other place) the country words hold as a metonym ('Tripoli', 'Moscow'),
        not the country's own name or alias ('Libya', 'Britain') nor a demonym ('Libyan')."""
        key = normalize(word.strip().removesuffix("'s").removesuffix("’s"))
        if key not in self.country_words or key in self.demonyms:
            return False
        return not any(c.place.feature == "country" for c in self.lookup(key))

    def country_for_word(self, word: str) -> str | None:
        """ISO-3 for a country name, demonym or capital metonym: 'Turkish' → 'TUR', 'Moscow' → 'RUS'.

        Hyphenated compounds use their first part ('Iranian-backed' → 'IRN'); a possessive is dropped.

        Example:
            >>> gazetteer.country_for_word("Syrian")  # doctest: +SKIP
            'SYR'
        """
        text = word.strip()
        for suffix in ("'s", "’s"):
            if text.endswith(suffix):
                text = text[: -len(suffix)]
        key = normalize(text)
        if key in self.country_words:
            return self.country_words[key]
        if "-" in text:
            head = normalize(text.split("-")[0])
            return self.country_words.get(head)
        return None


PLACE_FIELDS = (
    "name",
    "country",
    "admin1",
    "admin1_code",
    "lat",
    "lon",
    "geonames_id",
    "feature",
    "population",
    "precision",
)
"""The fields a mention copies from the gazetteer entry it was read as."""


def place_fields(place: Place) -> dict[str, Any]:
    """The entry's fields, to build or rebind a ``PlaceMention`` as that entry."""
    return {name: getattr(place, name) for name in PLACE_FIELDS}


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name found in text, with article-relative offsets ``[start, end)``.

    ``text`` is the matched words (with a following feature word such as 'province'), ``relation``
    the spatial cue before it ('in', 'near', 'north of', '10 km from'), ``key`` the normalised name
    used for the look-up (so a resolver can re-rank the candidates by document country),
    ``alternate`` whether the name matched only an alternate spelling, ``precision`` the entry's own
    ACLED precision, and ``metonym`` whether a capital stands for its government ('Moscow said').
    """

    start: int
    end: int
    text: str
    name: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    geonames_id: int | None
    feature: Feature
    population: int
    relation: str | None
    key: str = ""
    feature_word: str | None = None
    alternate: bool = False
    precision: int = 1
    admin1_code: str | None = None
    metonym: bool = False
