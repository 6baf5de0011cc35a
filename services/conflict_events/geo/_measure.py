"""Measure the place matcher against re3d Location spans and time the gazetteer (a developer tool).

Usage::

    python -m conflict_events.geo._measure ../shared/eval/dev/re3d_docs.jsonl \
        --muc ../shared/eval/dev/muc4_tst1_tst2.jsonl ../shared/eval/dev/muc4_dev_part1.jsonl

Prints load time and extra RSS of :func:`load_gazetteer`, find_places CPU time per 1,000 words
(mixed and upper case), and span-overlap precision/recall against re3d ``Location`` entities
(recall also over the capitalised ones only: re3d also labels 'the country', 'the region').
The gold file is read only here, passed on the command line; nothing from it is stored.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from conflict_events.geo._load import load_gazetteer
from conflict_events.geo._match import find_places
from conflict_events.geo._model import Gazetteer
from conflict_events.geo._normalize import normalize
from conflict_events.geo._resolve import document_country


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _score(records: list[dict[str, object]], gazetteer: Gazetteer, *, upper: bool) -> dict[str, float]:
    tp = fp = found = gold_n = found_cap = gold_cap = 0
    for record in records:
        text = str(record["text"])
        gold_all = record["gold"]
        assert isinstance(gold_all, dict)
        gold = [(e["begin"], e["end"], e["value"]) for e in gold_all["entities"] if e["type"] == "Location"]
        spans = [(s, e) for s, e, _ in gold]
        predicted = [(m.start, m.end) for m in find_places(text.upper() if upper else text, gazetteer)]
        for span in predicted:
            if _overlaps(span, spans):
                tp += 1
            else:
                fp += 1
        for s, e, value in gold:
            hit = _overlaps((s, e), predicted)
            found += hit
            gold_n += 1
            if value[:1].isupper():
                gold_cap += 1
                found_cap += hit
    return {
        "precision": tp / max(tp + fp, 1),
        "recall": found / max(gold_n, 1),
        "recall_capitalised": found_cap / max(gold_cap, 1),
        "predicted": tp + fp,
        "gold": gold_n,
    }


def _muc(paths: list[Path], gazetteer: Gazetteer) -> str:
    """Document country vs the first template's country; recall of gold place names among mentions."""
    docs = right = names = found = 0
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                templates = record["gold"].get("templates") or []
                slots = [t["slots"].get("INCIDENT: LOCATION") or [] for t in templates]
                slots = [s for s in slots if s and s[0].strip() not in ("-", "*")]
                if not record["gold"].get("relevant") or not slots:
                    continue
                mentions = find_places(record["text"], gazetteer)
                keys = {normalize(m.text) for m in mentions} | {normalize(m.name) for m in mentions}
                country = document_country(mentions, text=record["text"], gazetteer=gazetteer)
                gold_country = slots[0][0].split(":")[0].split("/")[0].strip()
                docs += 1
                right += (country is not None and normalize(gazetteer.countries[country].name) == normalize(
                    gold_country
                )) or gazetteer.country_for_word(gold_country) == country
                for slot in slots:
                    for part in slot[0].split(":")[1:]:
                        name = normalize(part.split("(")[0].split("/")[0])
                        if name:
                            names += 1
                            found += any(name == k or name in k.split(" ") for k in keys)
    return (
        f"MUC-4: document country = first template's country in {right}/{docs} documents "
        f"({right / max(docs, 1):.3f}); gold place names found {found}/{names} ({found / max(names, 1):.3f})"
    )


def _calibration_seconds() -> float:
    """CPU seconds of a fixed loop (sum of 10**7 integers), printed beside the figures
    so that a slow figure can be told from a busy machine."""
    cpu = time.process_time()
    sum(range(10**7))
    return time.process_time() - cpu


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> None:
    """Print timing, memory and re3d overlap figures."""
    parser = argparse.ArgumentParser(description="measure the geo package")
    parser.add_argument("re3d", type=Path, help="path to re3d_docs.jsonl")
    parser.add_argument("--muc", type=Path, nargs="*", default=[], help="muc4_*.jsonl files")
    args = parser.parse_args(argv)
    print(f"calibration loop: {_calibration_seconds():.3f} s cpu")
    before = _rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    gazetteer = load_gazetteer()
    print(
        f"load_gazetteer: {time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s cpu, "
        f"+{_rss_mb() - before:.0f} MB max RSS"
    )
    with args.re3d.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    words = sum(len(str(r["text"]).split()) for r in records)
    for upper in (False, True):
        texts = [str(r["text"]).upper() if upper else str(r["text"]) for r in records]
        cpu = time.process_time()
        for text in texts:
            find_places(text, gazetteer)
        per_k = (time.process_time() - cpu) / words * 1000 * 1000
        scores = _score(records, gazetteer, upper=upper)
        label = "upper" if upper else "mixed"
        print(
            f"{label}: {per_k:.2f} ms cpu per 1,000 words; re3d Location overlap P={scores['precision']:.3f} "
            f"R={scores['recall']:.3f} R(capitalised)={scores['recall_capitalised']:.3f} "
            f"({scores['predicted']:.0f} predicted, {scores['gold']:.0f} gold)"
        )
    print(f"calibration loop: {_calibration_seconds():.3f} s cpu")
    if args.muc:
        print(_muc(args.muc, gazetteer))


if __name__ == "__main__":
    main()
