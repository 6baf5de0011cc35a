"""re3d: our location, actor, date and quantity spans vs the gold entity spans.

Gold entities with confidence 0 are rejected alternative types and are dropped. Our actors carry no
person/organisation split, so they are scored against Person and Organisation together ("Actor").
Two matches are reported: exact (same offsets) and overlap (any shared character; precision counts our
spans that touch a gold span, recall gold spans touched by ours).
"""

from __future__ import annotations

from collections.abc import Sequence

from conflict_events.contracts import Article

from .metrics import ratio
from .records import GoldRecord, Outcome, Scored
from .report import Figure

GOLD_CLASSES = {
    "Location": "Location",
    "Person": "Actor",
    "Organisation": "Actor",
    "Temporal": "Temporal",
    "Quantity": "Quantity",
}
CLASSES = ("Location", "Actor", "Temporal", "Quantity")
Span = tuple[int, int]


def to_article(record: GoldRecord) -> Article:
    """The document as an article."""
    return Article(id=record.id, text=record.text, language="en")


def gold_spans(record: GoldRecord) -> dict[str, set[Span]]:
    """Gold spans per class, confidence > 0 only."""
    out: dict[str, set[Span]] = {c: set() for c in CLASSES}
    for ent in record.gold.get("entities", []):
        cls = GOLD_CLASSES.get(str(ent.get("type")))
        if cls and float(ent.get("confidence") or 0) > 0:
            out[cls].add((int(ent["begin"]), int(ent["end"])))
    return out


def our_spans(outcome: Outcome) -> dict[str, set[Span]]:
    """Our spans per class, from every event's location, actors, date and quantities."""
    out: dict[str, set[Span]] = {c: set() for c in CLASSES}
    for e in outcome.events:
        if e.location is not None and e.location.span is not None:
            out["Location"].add((e.location.span.start, e.location.span.end))
        out["Actor"] |= {(a.span.start, a.span.end) for a in e.actors if a.span is not None}
        if e.date.span is not None:
            out["Temporal"].add((e.date.span.start, e.date.span.end))
        out["Quantity"] |= {(q.span.start, q.span.end) for q in e.quantities}
    return out


def _touch(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(records: Sequence[GoldRecord], outcomes: Sequence[Outcome]) -> Scored:
    """Per class and over all classes: exact and overlap precision/recall/F1."""
    counts = {c: [0, 0, 0, 0, 0] for c in CLASSES}  # n_pred, n_gold, exact_tp, pred_touching, gold_touched
    for rec, out in zip(records, outcomes, strict=True):
        gold, pred = gold_spans(rec), our_spans(out)
        for c in CLASSES:
            row = counts[c]
            row[0] += len(pred[c])
            row[1] += len(gold[c])
            row[2] += len(pred[c] & gold[c])
            row[3] += sum(any(_touch(p, g) for g in gold[c]) for p in pred[c])
            row[4] += sum(any(_touch(g, p) for p in pred[c]) for g in gold[c])
    figures: list[Figure] = []
    totals = [sum(counts[c][i] for c in CLASSES) for i in range(5)]
    for name, row in [("all", totals), *((c, counts[c]) for c in CLASSES)]:
        n_pred, n_gold, exact, touching, touched = row
        pe, re_ = ratio(exact, n_pred), ratio(exact, n_gold)
        po, ro = ratio(touching, n_pred), ratio(touched, n_gold)
        figures.append(
            Figure(
                f"exact_f1[{name}]",
                ratio(2 * pe * re_, pe + re_),
                n_pred + n_gold,
                f"P {pe:.2f} ({n_pred}) R {re_:.2f} ({n_gold})",
            )
        )
        figures.append(
            Figure(
                f"overlap_f1[{name}]",
                ratio(2 * po * ro, po + ro),
                n_pred + n_gold,
                f"P {po:.2f} ({n_pred}) R {ro:.2f} ({n_gold})",
            )
        )
    return figures, {
        "counts": {
            c: dict(zip(("pred", "gold", "exact", "pred_touching", "gold_touched"), counts[c], strict=True))
            for c in CLASSES
        }
    }
