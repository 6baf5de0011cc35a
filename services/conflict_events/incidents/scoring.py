"""Scoring incident resolution against gold clusters: pairwise, B-cubed and the incident count ratio.

Pairwise precision/recall answer "are the links right"; B-cubed weighs every item equally, so one huge
wrong cluster cannot hide behind many right singletons; counted ÷ true says whether the product
over- or under-counts incidents, the figure analysts feel first.

Items are scored over the gold map: a gold item the prediction lacks is its own predicted singleton
(resolution could not link it), and predicted items without gold are ignored (extraction is scored
elsewhere).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True, slots=True)
class ClusterScores:
    """Scores of predicted clusters against gold clusters over the same items."""

    items: int
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    predicted_incidents: int
    true_incidents: int
    count_ratio: float


def score_clusters(predicted: Mapping[str, str], gold: Mapping[str, str]) -> ClusterScores:
    """Compare ``item → predicted cluster`` with ``item → gold cluster``."""
    items = sorted(gold)
    pred = {item: predicted.get(item, f"\0singleton:{item}") for item in items}
    pp, pr = _pairwise(pred, gold, items)
    bp, br = _bcubed(pred, gold, items)
    n_pred, n_gold = len(set(pred.values())), len(set(gold.values()))
    return ClusterScores(
        items=len(items),
        pairwise_precision=pp,
        pairwise_recall=pr,
        pairwise_f1=_f1(pp, pr),
        bcubed_precision=bp,
        bcubed_recall=br,
        bcubed_f1=_f1(bp, br),
        predicted_incidents=n_pred,
        true_incidents=n_gold,
        count_ratio=n_pred / n_gold if n_gold else 0.0,
    )


def _pairwise(pred: Mapping[str, str], gold: Mapping[str, str], items: list[str]) -> tuple[float, float]:
    """Precision and recall of the "same incident" links; 1.0 where there is no link to get wrong."""
    both = pred_links = gold_links = 0
    for a, b in combinations(items, 2):
        p, g = pred[a] == pred[b], gold[a] == gold[b]
        pred_links += p
        gold_links += g
        both += p and g
    return (both / pred_links if pred_links else 1.0, both / gold_links if gold_links else 1.0)


def _bcubed(pred: Mapping[str, str], gold: Mapping[str, str], items: list[str]) -> tuple[float, float]:
    """Mean over items of the overlap of its predicted and gold clusters, relative to each."""
    if not items:
        return 1.0, 1.0
    pred_members = _members(pred, items)
    gold_members = _members(gold, items)
    precision = recall = 0.0
    for item in items:
        mine, truth = pred_members[pred[item]], gold_members[gold[item]]
        overlap = len(mine & truth)
        precision += overlap / len(mine)
        recall += overlap / len(truth)
    return precision / len(items), recall / len(items)


def _members(clusters: Mapping[str, str], items: list[str]) -> dict[str, set[str]]:
    members: dict[str, set[str]] = {}
    for item in items:
        members.setdefault(clusters[item], set()).add(item)
    return members


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
