"""CASE-2021 Task 2: ACLED sub-event type of the article's main event vs the gold code.

Two views. ``acled25``: records whose gold code is one of the 25 ACLED codes (the shared task's subtask 1);
a prediction outside them (no event, or no ACLED sub-type) is a wrong answer. ``all30``: every record; the
5 non-ACLED codes and our "no ACLED event" answer are one class, ``no ACLED event``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from conflict_events.contracts import Article

from .maps import NO_ACLED, case_codes
from .metrics import calibration, confusion, f1_average, per_class_prf, top_confusions
from .records import GoldRecord, Outcome, Scored
from .report import Figure

INGESTED_AT = datetime(2021, 1, 1, tzinfo=UTC)


def to_article(record: GoldRecord) -> Article:
    """The snippet as an article (no date: the snippets carry none)."""
    return Article(id=record.id, text=record.text, language="en")


def to_upper_article(record: GoldRecord) -> Article:
    """The snippet in capitals, as old wire copy is: measures how much casing costs the extractor."""
    return Article(id=record.id, text=record.text.upper(), language="en")


def predicted_label(outcome: Outcome) -> str:
    """The main event's ACLED sub-event type, or ``NO_ACLED``."""
    main = outcome.main
    return main.acled_sub_event_type if main is not None and main.acled_sub_event_type else NO_ACLED


def score(records: Sequence[GoldRecord], outcomes: Sequence[Outcome]) -> Scored:
    """Weighted/macro F1 in both views, accuracy, and the confusion matrix."""
    codes = case_codes()
    unknown = sorted({str(r.gold.get("event_type")) for r in records} - set(codes))
    if unknown:
        raise ValueError(f"CASE gold codes missing from data/eval_case_codes.csv: {unknown}")
    gold = [codes[str(r.gold["event_type"])] for r in records]
    pred = [predicted_label(o) for o in outcomes]
    acled = sorted({v for v in codes.values() if v != NO_ACLED})
    keep = [i for i, g in enumerate(gold) if g != NO_ACLED]
    g25, p25 = [gold[i] for i in keep], [pred[i] for i in keep]
    labels30 = [*acled, NO_ACLED]
    matrix = confusion(gold, pred)
    correct25 = sum(g == p for g, p in zip(g25, p25, strict=True))
    figures = [
        Figure(
            "weighted_f1_25",
            f1_average(g25, p25, labels=acled, average="weighted"),
            len(g25),
            "25 ACLED classes (subtask 1)",
        ),
        Figure("macro_f1_25", f1_average(g25, p25, labels=acled, average="macro"), len(g25)),
        Figure("accuracy_25", correct25 / len(g25) if g25 else None, len(g25)),
        Figure(
            "weighted_f1_30",
            f1_average(gold, pred, labels=labels30, average="weighted"),
            len(gold),
            "all codes; 5 non-ACLED = 'no ACLED event'",
        ),
        Figure("macro_f1_30", f1_average(gold, pred, labels=labels30, average="macro"), len(gold)),
        Figure(
            "no_event_rate",
            sum(p == NO_ACLED for p in pred) / len(pred) if pred else None,
            len(pred),
            "share of records with no ACLED sub-type predicted",
        ),
    ]
    pairs = [
        (o.main.confidence, g == p)
        for o, g, p in zip(outcomes, gold, pred, strict=True)
        if o.main is not None and p != NO_ACLED
    ]
    ece, bins = calibration(pairs)
    figures.append(
        Figure(
            "calibration_ece",
            ece if pairs else None,
            len(pairs),
            "main-event confidence vs sub-type right; lower is better",
        )
    )
    for b in bins:
        figures.append(
            Figure(
                f"accuracy_at_confidence[{b.low:.1f}-{b.high:.1f}]",
                b.accuracy,
                b.n,
                f"mean confidence {b.mean_confidence:.2f}",
            )
        )
    for g, p, n in top_confusions(matrix, 5):
        figures.append(Figure(f"confused: {g} -> {p}", n, sum(matrix[g].values()), count=True))
    wrong = [[r.id, g, p] for r, g, p in zip(records, gold, pred, strict=True) if g != p]
    per_class = {
        label: {
            "precision": round(c.precision, 4),
            "recall": round(c.recall, 4),
            "f1": round(c.f1, 4),
            "support": c.tp + c.fn,
        }
        for label, c in sorted(per_class_prf(gold, pred).items())
    }
    return figures, {"confusion": matrix, "per_class": per_class, "wrong": wrong}
