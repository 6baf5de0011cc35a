"""Tests of the geo data files, the prebuilt index and name normalisation."""

from __future__ import annotations

import csv
import gzip

import pytest

from conflict_events.geo._load import INDEX_FILE, source_digest
from conflict_events.geo._normalize import normalize, skeleton
from conflict_events.geo._sources import DATA_DIR, build_index


class TestPrebuiltIndex:
    def test_index_matches_sources(self) -> None:
        """The committed index was built from the committed data files (rebuild: geo._load)."""
        with gzip.open(INDEX_FILE, "rt", encoding="utf-8") as handle:
            header = handle.readline().split()
        assert header == ["#geo-index", "2", source_digest()]

    def test_index_file_is_small(self) -> None:
        """The prebuilt index stays under 4 MB so the repository stays small (3.0 MB with the small towns)."""
        assert INDEX_FILE.stat().st_size < 4_000_000


class TestDataFiles:
    def test_regions_rows_are_complete(self) -> None:
        """Every hand-made region has a name, coordinates in range, precision 2 or 3 and a comment."""
        with (DATA_DIR / "geo_regions.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        bad = [
            r["name"]
            for r in rows
            if not r["name"]
            or not -90 <= float(r["lat"]) <= 90
            or not -180 <= float(r["lon"]) <= 180
            or r["precision"] not in ("2", "3")
            or not r["comment"]
        ]
        assert (len(rows) > 80, bad) == (True, [])

    def test_aliases_use_known_country_codes(self) -> None:
        """Every alias and demonym points at an ISO-3 code present in geo_countries.tsv."""
        with (DATA_DIR / "geo_countries.tsv").open(encoding="utf-8", newline="") as handle:
            known = {r["iso3"] for r in csv.DictReader(handle, delimiter="\t")}
        unknown = []
        for name in ("geo_country_aliases.csv", "geo_demonyms.csv"):
            with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
                unknown += [r["iso3"] for r in csv.DictReader(handle) if r["iso3"] not in known]
        assert unknown == []

    def test_all_countries_have_admin1_names(self) -> None:
        """Syria's 14 governorates and Nigeria's 36 states plus the capital territory are all named."""
        with (DATA_DIR / "geo_admin1.tsv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        per_country = {cc: sum(r["iso2"] == cc for r in rows) for cc in ("SY", "NG")}
        assert per_country == {"SY": 14, "NG": 37}


class TestNormalize:
    def test_folding(self) -> None:
        """Diacritics, apostrophes and hyphens fold away."""
        assert [normalize(s) for s in ("Ḩamāh", "Dar‘ā", "Deir ez-Zor", "Türkiye", "Łódź")] == [
            "hamah",
            "dara",
            "deir ez zor",
            "turkiye",
            "lodz",
        ]

    def test_skeleton(self) -> None:
        """Skeletons collapse doubled letters, a final -h after a vowel and Arabic articles."""
        assert [skeleton(k) for k in ("ar raqqah", "raqqa", "maarrat an numan", "maarat al numan")] == [
            "raqa",
            "raqa",
            "marat al numan",
            "marat al numan",
        ]


@pytest.mark.slow
def test_build_index_from_sources_has_the_same_keys() -> None:
    """Building from the sources gives the same keys as the prebuilt file (slow path kept honest)."""
    exact, skeletons = build_index()
    with gzip.open(INDEX_FILE, "rt", encoding="utf-8") as handle:
        keys = set(handle.read().split("\n#keys\n")[1].split("\n")[0].split("\t"))
    assert (len(exact), set(exact) == keys, len(skeletons) > 1000) == (len(keys), True, True)
