"""The prebuilt index file ``data/geo_index.tsv.gz``: a compact dump of the gazetteer's name indexes.

Building the index from GeoNames takes seconds (normalising ~350,000 alternate names); reading this
file takes a fraction of that.  Regenerate it after changing any ``data/geo_*`` source file with::

    python -m conflict_events.geo._load

Format (UTF-8, gzip): a header ``#geo-index 2 <sha256 of the sources>``; lines of one place
each (feature, name, country, admin1, admin1 code, lat, lon, GeoNames id, population, precision,
tab-separated); a ``#keys`` line; then five tab-joined lines: exact keys, their ranked candidates
(place numbers joined by commas, an ``a`` suffix marking an alternate name), skeleton keys, their
candidates, and every key's word prefixes.  One line per list lets the reader split at C speed.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple, cast

from conflict_events.geo._model import Candidate, Feature, Place

FORMAT_VERSION = "2"
Indexes = tuple[Mapping[str, tuple[Candidate, ...]], Mapping[str, tuple[Candidate, ...]]]


class StoredIndex(NamedTuple):
    """What the index file holds: places, exact and skeleton key → candidates, key prefixes."""

    places: tuple[Place, ...]
    exact: dict[str, tuple[Candidate, ...]]
    skeletons: dict[str, tuple[Candidate, ...]]
    prefixes: frozenset[str]


def read_index(path: Path, digest: str) -> StoredIndex | None:
    """The indexes stored at ``path``, or None when the file is missing or was built from other sources."""
    if not path.exists():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        header = handle.readline().split()
        if header[1:] != [FORMAT_VERSION, digest]:
            return None
        body = handle.read()
    place_part, _, key_part = body.partition("\n#keys\n")
    places = [_place(line.split("\t")) for line in place_part.split("\n")]
    plain = [Candidate(p, False) for p in places]
    alternates = [Candidate(p, True) for p in places]

    def one(ref: str) -> Candidate:
        return alternates[int(ref[:-1])] if ref[-1] == "a" else plain[int(ref)]

    def resolve(ref: str) -> tuple[Candidate, ...]:
        return tuple(map(one, ref.split(","))) if "," in ref else (one(ref),)

    keys, refs, skel_keys, skel_refs, prefixes = key_part.rstrip("\n").split("\n")
    exact = dict(zip(keys.split("\t"), map(resolve, refs.split("\t")), strict=True))
    skeletons = dict(zip(skel_keys.split("\t"), map(resolve, skel_refs.split("\t")), strict=True))
    return StoredIndex(tuple(places), exact, skeletons, frozenset(prefixes.split("\t")))


def _place(f: list[str]) -> Place:
    return Place(
        f[1], f[2] or None, f[3] or None, f[4] or None, float(f[5]), float(f[6]),
        int(f[7]) if f[7] else None, cast(Feature, f[0]), int(f[8]), int(f[9]),
    )  # fmt: skip


def key_prefixes(keys: Iterable[str]) -> frozenset[str]:
    """Every proper word prefix of every key ('deir', 'deir ez' for 'deir ez zor')."""
    prefixes: set[str] = set()
    for key in keys:
        cut = key.rfind(" ")
        while cut > 0:
            key = key[:cut]
            prefixes.add(key)
            cut = key.rfind(" ")
    return frozenset(prefixes)


def write_index(path: Path, digest: str, indexes: Indexes) -> int:
    """Write the indexes to ``path``; returns the number of places written."""
    numbers: dict[Place, int] = {}
    place_lines: list[str] = []
    sections: list[str] = []
    for index in indexes:
        keys = sorted(index)
        refs: list[str] = []
        for key in keys:
            numbered: list[str] = []
            for cand in index[key]:
                number = numbers.get(cand.place)
                if number is None:
                    number = numbers[cand.place] = len(numbers)
                    p = cand.place
                    fields = (p.feature, p.name, p.country or "", p.admin1 or "", p.admin1_code or "",
                              f"{p.lat:.5f}", f"{p.lon:.5f}", str(p.geonames_id or ""), str(p.population),
                              str(p.precision))  # fmt: skip
                    place_lines.append("\t".join(fields))
                numbered.append(f"{number}a" if cand.alternate else str(number))
            refs.append(",".join(numbered))
        sections += ["\t".join(keys), "\t".join(refs)]
    sections.append("\t".join(sorted(key_prefixes([*indexes[0], *indexes[1]]))))
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write(f"#geo-index {FORMAT_VERSION} {digest}\n")
        handle.write("\n".join(place_lines) + "\n#keys\n" + "\n".join(sections) + "\n")
    return len(numbers)

