"""PLOVER gold-standard records: event type, mode, actor countries and counts of the main event.

Gold names are v0.5b1; ``data/eval_plover_types.csv`` and ``eval_plover_modes.csv`` read them as PLOVER 2.0.
Records whose old name is scored apart (INVESTIGATE) get their own accuracy line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from conflict_events.contracts import Article, ConflictEvent, QuantityKind

from .maps import plover_mode, plover_types
from .metrics import PRF, prf_of_sets, ratio
from .records import GoldRecord, Outcome, Scored
from .report import Figure


def to_article(record: GoldRecord) -> Article:
    """The sentence as an article; the records' date is a placeholder, so none is passed."""
    return Article(id=record.id, text=record.text, language="en")


GOLD_CODE_ALIASES = {"JAP": "JPN", "ITL": "ITA"}
"""Country codes the gold writes outside ISO 3166 alpha-3 for a country that has one ('Japan' coded JAP,
'Italy' ITL): read as the ISO code we give (no other country has those letters)."""


def gold_codes(actors: Any) -> set[str]:
    """Country/IGO codes of a gold actor list (first three letters of a longer code, e.g. USAGOV; the
    non-ISO spellings of ``GOLD_CODE_ALIASES`` read as their ISO code)."""
    codes = set()
    for actor in actors or []:
        code = str(actor.get("code") or "").strip().upper() if isinstance(actor, dict) else ""
        if len(code) >= 3 and code[:3].isalpha():
            codes.add(GOLD_CODE_ALIASES.get(code[:3], code[:3]))
    return codes


def our_codes(event: ConflictEvent | None, role: str) -> set[str]:
    """Countries of the main event's actors in one role."""
    if event is None:
        return set()
    return {a.country[:3].upper() for a in event.actors if a.role == role and a.country}


def gold_number(value: Any) -> int | None:
    """A gold count written in digits ("23", "1,000"); None for words such as "scores" or "group"."""
    text = str(value or "").replace(",", "").strip()
    return int(text) if re.fullmatch(r"\d+", text) else None


def _count_figures(records: Sequence[GoldRecord], outcomes: Sequence[Outcome]) -> list[Figure]:
    kinds: dict[str, QuantityKind] = {"dead": "killed", "injured": "injured", "size": "participants"}
    figures = []
    for field, kind in kinds.items():
        exact = within = n = 0
        for rec, out in zip(records, outcomes, strict=True):
            want = gold_number(rec.gold.get(field))
            if want is None:
                continue
            n += 1
            found = [q for e in out.events for q in e.quantities if q.kind == kind]
            exact += any(q.best == want for q in found)
            within += any(q.min <= want and (q.max is None or want <= q.max) for q in found)
        note = f"gold '{field}' in digits vs our '{kind}'"
        figures.append(Figure(f"{field}_exact", ratio(exact, n) if n else None, n, note))
        figures.append(Figure(f"{field}_within_range", ratio(within, n) if n else None, n))
    return figures


def score(records: Sequence[GoldRecord], outcomes: Sequence[Outcome]) -> Scored:
    """Type accuracy (headline and apart), mode accuracy, actor-country P/R, count agreement."""
    types = plover_types()
    head_ok = head_n = apart_ok = apart_n = mode_ok = mode_n = 0
    src, tgt = PRF(), PRF()
    misses: dict[str, dict[str, int]] = {}
    wrong: list[list[str]] = []
    modes: dict[str, dict[str, int]] = {}
    for rec, out in zip(records, outcomes, strict=True):
        old = str(rec.gold.get("event", "")).upper()
        if old not in types:
            raise ValueError(f"PLOVER gold event {old!r} missing from data/eval_plover_types.csv")
        want = types[old]
        got = out.main.event_type if out.main is not None else "NONE"
        if want.report_apart:
            apart_n += 1
            apart_ok += got == want.plover
        else:
            head_n += 1
            head_ok += got == want.plover
            if got != want.plover:
                row = misses.setdefault(want.plover, {})
                row[got] = row.get(got, 0) + 1
                wrong.append([rec.id, want.plover, got])
        gold_mode = plover_mode(rec.gold.get("mode"))
        if gold_mode is not None:
            mode_n += 1
            got_mode = (out.main.plover_mode if out.main is not None else None) or "-"
            mode_ok += got_mode == gold_mode
            row_modes = modes.setdefault(gold_mode, {})
            row_modes[got_mode] = row_modes.get(got_mode, 0) + 1
        src = src + prf_of_sets(gold_codes(rec.gold.get("source")), our_codes(out.main, "source"))
        tgt = tgt + prf_of_sets(gold_codes(rec.gold.get("target")), our_codes(out.main, "target"))
    figures = [
        Figure(
            "type_accuracy", ratio(head_ok, head_n) if head_n else None, head_n, "v0.5b1 names mapped to 2.0"
        ),
        Figure(
            "type_accuracy_investigate",
            ratio(apart_ok, apart_n) if apart_n else None,
            apart_n,
            "INVESTIGATE read as ACCUSE, kept apart",
        ),
        Figure(
            "mode_accuracy", ratio(mode_ok, mode_n) if mode_n else None, mode_n, "records with a gold mode"
        ),
        Figure("source_country_precision", src.precision, src.tp + src.fp),
        Figure("source_country_recall", src.recall, src.tp + src.fn),
        Figure("target_country_precision", tgt.precision, tgt.tp + tgt.fp),
        Figure("target_country_recall", tgt.recall, tgt.tp + tgt.fn),
        *_count_figures(records, outcomes),
    ]
    return figures, {"type_confusions": misses, "mode_confusions": modes, "wrong": wrong}
