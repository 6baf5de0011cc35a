"""The seed article: pass/fail per expected event of ``seed_expectations`` plus two document checks."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from conflict_events.contracts import Article, ConflictEvent

from .records import GoldRecord, Outcome, Scored
from .report import Figure
from .seed_expectations import EXPECTATIONS, NEGATED_SENTENCE_WORDS, SEED_ID


def load_seed(folder: Path) -> GoldRecord | None:
    """The seed article from ``<folder>/<id>.envelope.json`` and its text file, None when absent."""
    envelope = folder / f"{SEED_ID}.envelope.json"
    if not envelope.is_file():
        return None
    meta = json.loads(envelope.read_text(encoding="utf-8"))
    text = (folder / str(meta.get("text_file", f"{SEED_ID}.txt"))).read_text(encoding="utf-8")
    return GoldRecord(id=str(meta["id"]), text=text, gold={}, meta=meta)


def to_article(record: GoldRecord) -> Article:
    """The seed as the worker would see it (title, source, publication date from the envelope)."""
    m = record.meta
    return Article(
        id=record.id,
        text=record.text,
        title=m.get("title"),
        source=m.get("source"),
        url=m.get("url"),
        published_at=m.get("published_at"),
        language=m.get("language"),
    )


def duplicates(events: Sequence[ConflictEvent]) -> list[str]:
    """Event types seen twice for the same sentence words (a repeated lead paragraph must not do that)."""
    seen: set[tuple[str, str]] = set()
    dups = []
    for e in events:
        key = (e.event_type, " ".join(e.evidence.sentence.text.lower().split()))
        if key in seen:
            dups.append(f"{e.event_type}: {key[1][:60]}")
        seen.add(key)
    return dups


def score(records: Sequence[GoldRecord], outcomes: Sequence[Outcome]) -> Scored:
    """One figure per expectation (1 pass, 0 fail), the document checks, and the pass count."""
    events = [e for o in outcomes for e in o.events]
    figures: list[Figure] = []
    failed: dict[str, list[int]] = {}
    for exp in EXPECTATIONS:
        missing = [
            i for i, clause in enumerate(exp.clauses, start=1) if not any(clause.holds(e) for e in events)
        ]
        if missing:
            failed[str(exp.number)] = missing
        figures.append(
            Figure(
                f"event_{exp.number:02d}",
                0.0 if missing else 1.0,
                1,
                exp.title + (f"  [clauses failing: {missing}]" if missing else ""),
            )
        )
    dups = duplicates(events)
    figures.append(Figure("no_duplicates", 0.0 if dups else 1.0, len(events), "; ".join(dups[:3])))
    negated = [
        e
        for e in events
        if e.mode not in {"negated", "denied"}
        and any(w in e.evidence.sentence.text.lower() for w in NEGATED_SENTENCE_WORDS)
    ]
    figures.append(Figure("no_event_from_negated_sentence", 0.0 if negated else 1.0, 1))
    passed = sum(f.value == 1.0 for f in figures if f.name.startswith("event_"))
    figures.insert(0, Figure("expected_events_passed", float(passed), len(EXPECTATIONS), count=True))
    return figures, {"failing_clauses": failed, "events": len(events)}
