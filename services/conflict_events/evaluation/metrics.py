"""Counting measures shared by every scorer: precision/recall/F1, per-class F1 averages, confusion.

Implemented here (not scikit-learn) so the product has no heavy dependency; the averages follow
``sklearn.metrics.f1_score`` exactly: ``weighted`` weighs each label's F1 by its true support,
``macro`` is the plain mean over the labels asked for, and a 0/0 ratio counts as 0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise


def ratio(num: float, den: float) -> float:
    """``num / den``, or 0.0 when ``den`` is 0 (sklearn's ``zero_division=0``)."""
    return num / den if den else 0.0


@dataclass(frozen=True)
class PRF:
    """True positives, false positives and false negatives, with the measures read from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp)."""
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        """tp / (tp + fn)."""
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


def prf_of_sets(gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> PRF:
    """Counts for one item: gold and predicted are sets of keys (document classes, spans, codes)."""
    g, p = set(gold), set(predicted)
    return PRF(len(g & p), len(p - g), len(g - p))


def per_class_prf(y_true: Sequence[str], y_pred: Sequence[str]) -> dict[str, PRF]:
    """One PRF per label seen in gold or prediction, for single-label classification."""
    if len(y_true) != len(y_pred):
        raise ValueError(f"y_true has {len(y_true)} items, y_pred {len(y_pred)}")
    counts: dict[str, list[int]] = {}
    for t, p in zip(y_true, y_pred, strict=True):
        counts.setdefault(t, [0, 0, 0])
        counts.setdefault(p, [0, 0, 0])
        if t == p:
            counts[t][0] += 1
        else:
            counts[p][1] += 1
            counts[t][2] += 1
    return {label: PRF(*c) for label, c in counts.items()}


def f1_average(
    y_true: Sequence[str], y_pred: Sequence[str], *, labels: Sequence[str] | None = None, average: str
) -> float:
    """sklearn-compatible ``f1_score(..., labels=labels, average=average, zero_division=0)``.

    Args:
        labels: the labels averaged over (default: every label in gold or prediction). A prediction
            outside ``labels`` still costs its gold label a false negative.
        average: ``"weighted"`` (by gold support), ``"macro"`` (plain mean) or ``"micro"``.
    """
    table = per_class_prf(y_true, y_pred)
    chosen = sorted(table) if labels is None else list(labels)
    if not chosen:
        return 0.0
    rows = [table.get(label, PRF()) for label in chosen]
    if average == "macro":
        return sum(r.f1 for r in rows) / len(rows)
    if average == "weighted":
        support = [r.tp + r.fn for r in rows]
        return ratio(sum(s * r.f1 for s, r in zip(support, rows, strict=True)), sum(support))
    if average == "micro":
        total = PRF()
        for r in rows:
            total = total + r
        return total.f1
    raise ValueError(f"unknown average {average!r}; use weighted, macro or micro")


def confusion(y_true: Sequence[str], y_pred: Sequence[str]) -> dict[str, dict[str, int]]:
    """Nested counts ``{gold: {predicted: n}}`` (only non-zero cells)."""
    out: dict[str, Counter[str]] = {}
    for t, p in zip(y_true, y_pred, strict=True):
        out.setdefault(t, Counter())[p] += 1
    return {t: dict(sorted(c.items())) for t, c in sorted(out.items())}


def top_confusions(matrix: dict[str, dict[str, int]], k: int = 5) -> list[tuple[str, str, int]]:
    """The ``k`` largest off-diagonal cells as ``(gold, predicted, n)``, largest first, ties by name."""
    cells = [(g, p, n) for g, row in matrix.items() for p, n in row.items() if g != p]
    cells.sort(key=lambda c: (-c[2], c[0], c[1]))
    return cells[:k]


@dataclass(frozen=True)
class Bin:
    """One confidence bin of a reliability table."""

    low: float
    high: float
    n: int
    mean_confidence: float
    accuracy: float


def calibration(
    pairs: Sequence[tuple[float, bool]], edges: Sequence[float] = (0.5, 0.7, 0.9)
) -> tuple[float, list[Bin]]:
    """Expected calibration error and the reliability bins of ``(confidence, was_right)`` pairs.

    Bins are ``[0, e1), [e1, e2), …, [ek, 1]``; ECE is the n-weighted mean gap between a bin's mean
    confidence and its accuracy (Guo et al. 2017). Empty bins are left out.
    """
    bounds = [0.0, *edges, 1.0]
    bins: list[Bin] = []
    gap = 0.0
    for i, (low, high) in enumerate(pairwise(bounds)):
        last = i == len(bounds) - 2
        inside = [(c, ok) for c, ok in pairs if low <= c < high or (last and c == high)]
        if not inside:
            continue
        mean_conf = sum(c for c, _ in inside) / len(inside)
        acc = sum(ok for _, ok in inside) / len(inside)
        bins.append(Bin(low, high, len(inside), mean_conf, acc))
        gap += len(inside) * abs(mean_conf - acc)
    return ratio(gap, len(pairs)), bins
