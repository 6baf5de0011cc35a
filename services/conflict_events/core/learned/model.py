"""The trained decision heads: linear weights over hashed features, softmax with a fitted temperature.

Pure numpy: no scikit-learn at run time.  ``DecisionModel.from_arrays`` rebuilds the model from the arrays
``conflict-events train`` writes (the shell reads the file); ``decide`` scores one feature-id vector on every
head and returns the calibrated probability of each head's best label.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from conflict_events.core.learned.features import DIM, tfidf

NONE = "NONE"
"""The label of "no such thing" in a head (no event, no ACLED sub-type, no mode word)."""
HEADS = ("relevance", "plover_type", "acled_sub", "mode", "plover_mode")


@dataclass(frozen=True)
class Head:
    """One decision: its labels, a bias, and a softmax temperature (its weight columns are the model's)."""

    labels: tuple[str, ...]
    bias: npt.NDArray[np.float32]
    temperature: float

    def softmax(self, summed: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Calibrated probabilities from the summed weights of a candidate's features."""
        logits = (summed + self.bias) / self.temperature
        logits -= logits.max()
        exp = np.exp(logits)
        probs: npt.NDArray[np.float64] = exp / exp.sum()
        return probs


@dataclass(frozen=True)
class Decisions:
    """Best label and its calibrated probability per head, plus P(relevant)."""

    labels: Mapping[str, str]
    probabilities: Mapping[str, float]
    relevant: float
    distributions: Mapping[str, npt.NDArray[np.float64]]
    index: Mapping[str, Mapping[str, int]]

    def probability(self, head: str, label: str) -> float:
        """Calibrated probability of ``label`` on ``head`` (0 for a label the head never saw)."""
        at = self.index.get(head, {}).get(label)
        return 0.0 if at is None else float(self.distributions[head][at])


def row_table(ids: npt.NDArray[np.int64]) -> npt.NDArray[np.int32]:
    """A dense map from every feature id in ``[0, DIM)`` to its row in ``ids``, -1 for an unknown id.

    One gather then finds a text's rows; a binary search per id (``np.searchsorted`` over a table of a few
    hundred thousand ids) cost the learned stage a third of its time. 1 MB for 2^18 ids.
    """
    table = np.full(DIM, -1, dtype=np.int32)
    table[ids] = np.arange(len(ids), dtype=np.int32)
    return table


def known(
    table: npt.NDArray[np.int32], ids: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Rows of ``ids`` in a ``row_table`` and which of them are known (unknown ids weigh nothing)."""
    at = table[ids]
    return at.astype(np.int64), at >= 0


ARTICLE = "article"
"""The head that reads a whole article (tf-idf of its words): does it report an incident at all."""


@dataclass(frozen=True)
class ArticleHead:
    """A linear head over the tf-idf of an article's word 1-2-grams: P(the article reports an incident).

    Speeches, interviews and commentary name violence in passing ("a dialogue without bombs and bullets");
    the sentence heads see one candidate at a time, this one sees what the whole text is about.
    """

    ids: npt.NDArray[np.int64]
    idf: npt.NDArray[np.float32]
    weights: npt.NDArray[np.float32]
    bias: npt.NDArray[np.float32]
    temperature: float
    event: int
    row_of: npt.NDArray[np.int32] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "row_of", row_table(self.ids))

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, npt.NDArray[np.generic]]) -> ArticleHead:
        """Rebuild from the ``article.*`` arrays of the model file."""
        labels = [str(x) for x in arrays[f"{ARTICLE}.labels"]]
        return cls(
            np.asarray(arrays[f"{ARTICLE}.ids"], dtype=np.int64),
            np.asarray(arrays[f"{ARTICLE}.idf"], dtype=np.float32),
            np.asarray(arrays[f"{ARTICLE}.weights"], dtype=np.float32),
            np.asarray(arrays[f"{ARTICLE}.bias"], dtype=np.float32),
            float(np.asarray(arrays[f"{ARTICLE}.temperature"])),
            labels.index("event"),
        )

    def probability(self, term_ids: npt.NDArray[np.int64], counts: npt.NDArray[np.int64]) -> float:
        """Calibrated P(event) for a text's word-gram ids and counts (``features.word_counts``)."""
        at, found = known(self.row_of, term_ids)
        rows = at[found]
        x = tfidf(counts[found], self.idf[rows])
        logits = (x @ self.weights[rows] + self.bias) / self.temperature
        logits -= logits.max()
        exp = np.exp(logits)
        return float(exp[self.event] / exp.sum())


@dataclass(frozen=True)
class DecisionModel:
    """Heads over one shared table of known feature ids (sorted).

    ``weights`` holds every head's weight columns side by side (``columns`` says where each head's are), so
    scoring a candidate is one gather and one sum over its known feature rows, whatever the number of heads.
    """

    ids: npt.NDArray[np.int64]
    heads: Mapping[str, Head]
    version: str
    weights: npt.NDArray[np.float32]
    columns: Mapping[str, tuple[int, int]]
    label_index: Mapping[str, Mapping[str, int]]
    article: ArticleHead | None = None
    row_of: npt.NDArray[np.int32] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "row_of", row_table(self.ids))

    @classmethod
    def from_arrays(
        cls, arrays: Mapping[str, npt.NDArray[np.generic]], names: frozenset[str] | None = None
    ) -> DecisionModel:
        """Rebuild from the named arrays of the model file (see ``learning.train.model_arrays``), keeping
        only the heads in ``names`` when given (fewer weight columns to gather per candidate)."""
        kept = [n for n in HEADS if f"{n}.labels" in arrays and (names is None or n in names)]
        heads = {
            name: Head(
                labels=tuple(str(x) for x in arrays[f"{name}.labels"]),
                bias=np.asarray(arrays[f"{name}.bias"], dtype=np.float32),
                temperature=float(np.asarray(arrays[f"{name}.temperature"])),
            )
            for name in kept
        }
        columns, at = {}, 0
        for name, head in heads.items():
            columns[name] = (at, at + len(head.labels))
            at += len(head.labels)
        weights = np.hstack([np.asarray(arrays[f"{n}.weights"], dtype=np.float32) for n in kept])
        index = {name: {label: i for i, label in enumerate(h.labels)} for name, h in heads.items()}
        keep_article = f"{ARTICLE}.ids" in arrays and (names is None or ARTICLE in names)
        return cls(
            np.asarray(arrays["ids"], dtype=np.int64), heads, str(np.asarray(arrays["version"])),
            np.ascontiguousarray(weights), columns, index,
            ArticleHead.from_arrays(arrays) if keep_article else None,
        )  # fmt: skip

    def rows(self, feature_ids: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Rows of the known feature ids among ``feature_ids`` (unknown features carry no weight)."""
        at, found = known(self.row_of, feature_ids)
        rows: npt.NDArray[np.int64] = at[found]
        return rows

    def decide(self, feature_ids: npt.NDArray[np.int64]) -> Decisions:
        """Every head's best label and probability for one candidate."""
        rows = self.rows(feature_ids)
        summed = self.weights[rows].sum(axis=0, dtype=np.float64)
        labels: dict[str, str] = {}
        probs: dict[str, float] = {}
        dists: dict[str, npt.NDArray[np.float64]] = {}
        for name, head in self.heads.items():
            lo, hi = self.columns[name]
            p = dists[name] = head.softmax(summed[lo:hi])
            best = int(p.argmax())
            labels[name], probs[name] = head.labels[best], float(p[best])
        at = self.label_index.get("relevance", {}).get("event")
        relevant = 1.0 if at is None else float(dists["relevance"][at])
        return Decisions(labels, probs, relevant, dists, self.label_index)
