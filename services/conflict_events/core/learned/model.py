"""The trained decision heads: linear weights over hashed features, softmax with a fitted temperature.

Pure numpy: no scikit-learn at run time.  ``DecisionModel.from_arrays`` rebuilds the model from the arrays
``conflict-events train`` writes (the shell reads the file); ``decide`` scores one feature-id vector on every
head and returns the calibrated probability of each head's best label.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

NONE = "NONE"
"""The label of "no such thing" in a head (no event, no ACLED sub-type, no mode word)."""
HEADS = ("relevance", "plover_type", "acled_sub", "mode", "plover_mode")


@dataclass(frozen=True)
class Head:
    """One decision: its labels, a weight row per known feature id, a bias, and a softmax temperature."""

    labels: tuple[str, ...]
    weights: npt.NDArray[np.float32]
    bias: npt.NDArray[np.float32]
    temperature: float

    def probabilities(self, rows: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """Calibrated label probabilities for the feature rows ``rows`` (indices into ``weights``)."""
        logits = self.weights[rows].sum(axis=0, dtype=np.float64) + self.bias
        logits = logits / self.temperature
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
    distributions: Mapping[str, Mapping[str, float]]

    def probability(self, head: str, label: str) -> float:
        """Calibrated probability of ``label`` on ``head`` (0 for a label the head never saw)."""
        return self.distributions.get(head, {}).get(label, 0.0)


@dataclass(frozen=True)
class DecisionModel:
    """All heads over one shared table of known feature ids (sorted)."""

    ids: npt.NDArray[np.int64]
    heads: Mapping[str, Head]
    version: str

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, npt.NDArray[np.generic]]) -> DecisionModel:
        """Rebuild from the named arrays of the model file (see ``learning.train.model_arrays``)."""
        heads = {
            name: Head(
                labels=tuple(str(x) for x in arrays[f"{name}.labels"]),
                weights=np.asarray(arrays[f"{name}.weights"], dtype=np.float32),
                bias=np.asarray(arrays[f"{name}.bias"], dtype=np.float32),
                temperature=float(np.asarray(arrays[f"{name}.temperature"])),
            )
            for name in HEADS
            if f"{name}.labels" in arrays
        }
        return cls(np.asarray(arrays["ids"], dtype=np.int64), heads, str(np.asarray(arrays["version"])))

    def rows(self, feature_ids: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Rows of the known feature ids among ``feature_ids`` (unknown features carry no weight)."""
        at = np.searchsorted(self.ids, feature_ids)
        at = np.minimum(at, len(self.ids) - 1)
        found: npt.NDArray[np.int64] = at[self.ids[at] == feature_ids]
        return found

    def decide(self, feature_ids: npt.NDArray[np.int64]) -> Decisions:
        """Every head's best label and probability for one candidate."""
        rows = self.rows(feature_ids)
        labels: dict[str, str] = {}
        probs: dict[str, float] = {}
        dists: dict[str, dict[str, float]] = {}
        relevant = 1.0
        for name, head in self.heads.items():
            p = head.probabilities(rows)
            best = int(p.argmax())
            labels[name], probs[name] = head.labels[best], float(p[best])
            dists[name] = dict(zip(head.labels, (float(x) for x in p), strict=True))
            if name == "relevance":
                relevant = float(p[head.labels.index("event")]) if "event" in head.labels else 1.0
        return Decisions(labels, probs, relevant, dists)
