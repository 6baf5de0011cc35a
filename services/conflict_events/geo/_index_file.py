"""The prebuilt index file ``data/geo_index.tsv.gz``: a compact dump of the gazetteer's name indexes.

Building the index from GeoNames takes seconds (normalising ~350,000 alternate names); reading this
file takes a fraction of that.  Regenerate it after changing any ``data/geo_*`` source file with::

    python -m conflict_events.geo._index_file

Format (UTF-8, tab-separated, gzip): a header ``#geo-index 1 <sha256 of the sources>``, then ``P``
lines (one place each: feature, name, country, admin1, admin1 code, lat, lon, GeoNames id,
population, precision), then ``K`` (exact) and ``S`` (skeleton) lines: key and the ranked
candidates as place numbers, an ``a`` suffix marking an alternate name.
"""

from __future__ import annotations

import gzip
from collections.abc import Mapping
from pathlib import Path
from typing import cast

from conflict_events.geo._model import Candidate, Feature, Place

FORMAT_VERSION = "1"
Indexes = tuple[Mapping[str, tuple[Candidate, ...]], Mapping[str, tuple[Candidate, ...]]]


def _opt(value: str) -> str | None:
    return value or None


def read_index(path: Path, digest: str) -> Indexes | None:
    """The indexes stored at ``path``, or None when the file is missing or was built from other sources."""
    if not path.exists():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        header = handle.readline().split()
        if header[1:] != [FORMAT_VERSION, digest]:
            return None
        lines = handle.read().split("\n")
    places: list[Place] = []
    cache: dict[str, Candidate] = {}
    exact: dict[str, tuple[Candidate, ...]] = {}
    skeletons: dict[str, tuple[Candidate, ...]] = {}
    for line in lines:
        if not line:
            continue
        kind, _, rest = line.partition("\t")
        if kind == "P":
            f = rest.split("\t")
            places.append(
                Place(
                    f[1],
                    _opt(f[2]),
                    _opt(f[3]),
                    _opt(f[4]),
                    float(f[5]),
                    float(f[6]),
                    int(f[7]) if f[7] else None,
                    cast(Feature, f[0]),
                    int(f[8]),
                    int(f[9]),
                )
            )
            continue
        key, _, refs = rest.partition("\t")
        found: list[Candidate] = []
        for ref in refs.split(","):
            cand = cache.get(ref)
            if cand is None:
                alternate = ref.endswith("a")
                cand = Candidate(places[int(ref[:-1] if alternate else ref)], alternate)
                cache[ref] = cand
            found.append(cand)
        (exact if kind == "K" else skeletons)[key] = tuple(found)
    return exact, skeletons


def write_index(path: Path, digest: str, indexes: Indexes) -> int:
    """Write the indexes to ``path``; returns the number of places written."""
    numbers: dict[Place, int] = {}
    place_lines: list[str] = []
    key_lines: list[str] = []
    for kind, index in zip("KS", indexes, strict=True):
        for key in sorted(index):
            refs: list[str] = []
            for cand in index[key]:
                number = numbers.get(cand.place)
                if number is None:
                    number = numbers[cand.place] = len(numbers)
                    p = cand.place
                    place_lines.append(
                        "\t".join(
                            (
                                "P",
                                p.feature,
                                p.name,
                                p.country or "",
                                p.admin1 or "",
                                p.admin1_code or "",
                                f"{p.lat:.5f}",
                                f"{p.lon:.5f}",
                                str(p.geonames_id or ""),
                                str(p.population),
                                str(p.precision),
                            )
                        )
                    )
                refs.append(f"{number}a" if cand.alternate else str(number))
            key_lines.append(f"{kind}\t{key}\t{','.join(refs)}")
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write(f"#geo-index {FORMAT_VERSION} {digest}\n")
        handle.write("\n".join(place_lines) + "\n" + "\n".join(key_lines) + "\n")
    return len(numbers)


def main() -> None:
    """Rebuild ``data/geo_index.tsv.gz`` from the current sources."""
    from conflict_events.geo._load import INDEX_FILE, source_digest
    from conflict_events.geo._sources import build_index

    count = write_index(INDEX_FILE, source_digest(), build_index())
    print(f"wrote {INDEX_FILE} ({count} places, {INDEX_FILE.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
