"""``conflict-events train``: rebuild the decision model from the project's corpus, deterministically.

Steps: read and validate the corpus (``FILE:LINE: reason`` on any bad line, nothing written); run the rule
stages over every text to get their vote; hash text and vote features; for each head, five-fold
cross-validation (printed), a softmax temperature fitted on the out-of-fold predictions, then a fit on all
texts; refuse to write when a cross-validated figure is under its floor; else write the model file.
"""

from __future__ import annotations

import hashlib
import io
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from conflict_events.contracts import Article, ConflictEvent
from conflict_events.core.learned.features import (
    RuleVote,
    design_matrix,
    feature_ids,
    rule_vote,
    tfidf,
    word_counts,
)
from conflict_events.core.learned.model import ARTICLE, HEADS, NONE
from conflict_events.learning.corpus import CorpusRecord
from conflict_events.learning.documents import LabelledDocument, documents_digest

MODEL_FILE = Path(__file__).resolve().parents[1] / "data" / "decisions.npz"
"""Where the worker's resources load the model from."""
FOLDS = 5
C = {"relevance": 0.3, "plover_type": 0.3, "acled_sub": 0.3, "mode": 0.3, "plover_mode": 0.3, "article": 1.0}
"""Inverse regularisation per head (chosen by cross-validation on the corpus)."""
FLOORS = {
    "relevance": 0.85, "plover_type": 0.70, "acled_sub": 0.70, "mode": 0.60, "plover_mode": 0.60,
    "article": 0.75,
}  # fmt: skip
"""Cross-validated accuracy under which ``train`` refuses to write a model."""
INGESTED_AT = datetime(2024, 1, 1, tzinfo=UTC)
TEMPERATURES = np.round(np.arange(0.02, 1.5, 0.01), 2)


class TrainingError(RuntimeError):
    """The model would be worse than its floor; nothing was written."""


@dataclass(frozen=True)
class HeadData:
    """The rows one head trains on and their labels."""

    name: str
    rows: npt.NDArray[np.int64]
    labels: list[str]


@dataclass(frozen=True)
class HeadReport:
    """Cross-validated figures of one head."""

    name: str
    n: int
    classes: int
    accuracy: float
    macro_f1: float
    ece: float
    temperature: float

    def line(self) -> str:
        """The figures as ``train`` prints them."""
        return (
            f"{self.name:12s} n={self.n:5d} classes={self.classes:3d} accuracy={self.accuracy:.3f} "
            f"macro_f1={self.macro_f1:.3f} ece={self.ece:.3f} T={self.temperature:.2f}"
        )


def main_vote(event: ConflictEvent | None) -> RuleVote:
    """The rules' vote from the main event of a text (an empty vote when there is none)."""
    if event is None:
        return RuleVote()
    codes = (event.event_type, event.acled_sub_event_type, event.mode, event.plover_mode)
    return rule_vote(codes, event.evidence.trigger.text, event.actors, event.quantities)


def rule_votes(
    records: Sequence[CorpusRecord], extract_batch: Callable[[list[Article]], Sequence[Any]]
) -> list[RuleVote]:
    """Run the rule stages over every corpus text; keep each text's main-event vote."""
    from conflict_events.core.pipeline import main_event

    votes: list[RuleVote] = []
    for start in range(0, len(records), 64):
        chunk = records[start : start + 64]
        articles = [Article(id=r.id, text=r.text, published_at=INGESTED_AT) for r in chunk]
        votes.extend(main_vote(main_event(res)) for res in extract_batch(articles))
    return votes


def article_matrix(texts: Sequence[str]) -> tuple[Any, npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """Unit-length sub-linear tf-idf rows of whole texts over word 1-2-grams seen in at least two of them
    (``features.tfidf``, the same code the worker runs); returns the matrix, its term ids and their idf."""
    from scipy.sparse import csr_matrix

    counted = [word_counts(t) for t in texts]
    every, df = np.unique(np.concatenate([ids for ids, _ in counted]), return_counts=True)
    vocabulary, df = every[df >= 2], df[df >= 2]
    idf = (np.log((1 + len(texts)) / (1 + df)) + 1).astype(np.float32)
    indptr, indices, values = [0], [], []
    for ids, counts in counted:
        known = np.isin(ids, vocabulary)
        cols = np.searchsorted(vocabulary, ids[known])
        indices.append(cols)
        values.append(tfidf(counts[known], idf[cols]))
        indptr.append(indptr[-1] + len(cols))
    shape = (len(texts), len(vocabulary))
    matrix = csr_matrix((np.concatenate(values), np.concatenate(indices), np.array(indptr)), shape=shape)
    return matrix, vocabulary, idf


def article_head(
    records: Sequence[CorpusRecord], documents: Sequence[LabelledDocument]
) -> tuple[dict[str, npt.NDArray[Any]], HeadReport]:
    """The article head: cross-validated, calibrated and fitted on the corpus's whole articles and the
    labelled documents (MUC-4 DEV when given)."""
    texts = [r.text for r in records if r.kind == "article"] + [d.text for d in documents]
    flags = [r.relevant for r in records if r.kind == "article"] + [d.relevant for d in documents]
    labels = ["event" if flag else "none" for flag in flags]
    matrix, vocabulary, idf = article_matrix(texts)
    report = cross_validate(matrix, HeadData(ARTICLE, np.arange(len(texts)), labels))
    coef, bias = _binary_logits(_fit(matrix, labels, C[ARTICLE]))
    arrays: dict[str, npt.NDArray[Any]] = {
        f"{ARTICLE}.ids": vocabulary.astype(np.int64),
        f"{ARTICLE}.idf": idf,
        f"{ARTICLE}.labels": np.array(sorted(set(labels))),
        f"{ARTICLE}.weights": coef.T.astype(np.float32),
        f"{ARTICLE}.bias": bias.astype(np.float32),
        f"{ARTICLE}.temperature": np.array(report.temperature, dtype=np.float32),
    }
    return arrays, report


def head_data(records: Sequence[CorpusRecord]) -> list[HeadData]:
    """Rows and labels of each head: event-only heads train on the texts that report an event."""
    events = [i for i, r in enumerate(records) if r.relevant]
    every = list(range(len(records)))
    return [
        HeadData("relevance", np.array(every), ["event" if r.relevant else "none" for r in records]),
        HeadData("plover_type", np.array(every), [r.plover_type or NONE for r in records]),
        HeadData("acled_sub", np.array(every), [r.acled_sub_event_type or NONE for r in records]),
        HeadData("mode", np.array(events), [records[i].mode or NONE for i in events]),
        HeadData("plover_mode", np.array(events), [records[i].plover_mode or NONE for i in events]),
    ]


def _fit(x: Any, y: Sequence[str], c: float) -> Any:
    """A linear SVM (one-vs-rest, liblinear: seconds on sparse text features); margins become logits."""
    from sklearn.svm import LinearSVC

    model = LinearSVC(C=c, max_iter=5000, tol=1e-4, random_state=0)
    model.fit(x, list(y))
    return model


def _ece(probs: npt.NDArray[np.float64], right: npt.NDArray[np.bool_], bins: int = 10) -> float:
    conf = probs.max(axis=1)
    total = 0.0
    for lo in np.linspace(0, 1, bins, endpoint=False):
        mask = (conf >= lo) & (conf < lo + 1 / bins)
        if mask.any():
            total += mask.sum() / len(conf) * abs(conf[mask].mean() - right[mask].mean())
    return float(total)


def _temperature(logits: npt.NDArray[np.float64], gold: npt.NDArray[np.int64]) -> float:
    """The softmax temperature that minimises the out-of-fold negative log-likelihood."""
    best, best_nll = 1.0, np.inf
    for t in TEMPERATURES:
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        nll = -logp[np.arange(len(gold)), gold].mean()
        if nll < best_nll:
            best, best_nll = float(t), nll
    return best


def _folds(labels: Sequence[str]) -> npt.NDArray[np.int64]:
    """Deterministic stratified fold of each row (round-robin within each label)."""
    fold = np.zeros(len(labels), dtype=np.int64)
    seen: dict[str, int] = {}
    for i, label in enumerate(labels):
        fold[i] = seen.get(label, 0) % FOLDS
        seen[label] = seen.get(label, 0) + 1
    return fold


def cross_validate(x: Any, head: HeadData) -> HeadReport:
    """Five-fold figures and the fitted temperature of one head."""
    labels = np.array(head.labels)
    classes = sorted(set(head.labels))
    index = {c: i for i, c in enumerate(classes)}
    gold = np.array([index[c] for c in head.labels])
    logits = np.zeros((len(labels), len(classes)))
    fold = _folds(head.labels)
    for k in range(FOLDS):
        train, test = fold != k, fold == k
        model = _fit(x[train], labels[train], C[head.name])
        cols = [index[c] for c in model.classes_]
        scores = np.asarray(model.decision_function(x[test]))
        if scores.ndim == 1:  # two classes: one margin, split symmetrically (softmax-equivalent)
            scores = np.column_stack([-scores / 2, scores / 2])
        logits[np.ix_(test, cols)] = scores
        missing = [i for i in range(len(classes)) if i not in cols]
        logits[np.ix_(test, missing)] = -1e3
    temperature = _temperature(logits, gold)
    z = logits / temperature
    probs = np.exp(z - z.max(axis=1, keepdims=True))
    probs /= probs.sum(axis=1, keepdims=True)
    pred = probs.argmax(axis=1)
    f1s = []
    for c in range(len(classes)):
        tp = float(((pred == c) & (gold == c)).sum())
        denom = float((pred == c).sum() + (gold == c).sum())
        f1s.append(2 * tp / denom if denom else 0.0)
    return HeadReport(
        head.name, len(labels), len(classes), float((pred == gold).mean()), float(np.mean(f1s)),
        _ece(probs, pred == gold), temperature,
    )  # fmt: skip


def _binary_logits(model: Any) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Per-class weights and biases; a two-class model's single row becomes two (softmax-equivalent)."""
    coef, bias = np.asarray(model.coef_), np.asarray(model.intercept_)
    if coef.shape[0] == 1:
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        bias = np.array([-bias[0] / 2, bias[0] / 2])
    return coef, bias


def model_arrays(
    used: npt.NDArray[np.int64], fitted: dict[str, Any], reports: dict[str, HeadReport], version: str
) -> dict[str, npt.NDArray[Any]]:
    """The arrays of the model file: shared feature ids, then labels, weights, bias, temperature per head."""
    arrays: dict[str, npt.NDArray[Any]] = {"ids": used.astype(np.int64), "version": np.array(version)}
    for name, model in fitted.items():
        coef, bias = _binary_logits(model)
        arrays[f"{name}.labels"] = np.array([str(c) for c in model.classes_])
        arrays[f"{name}.weights"] = coef.T.astype(np.float16)
        arrays[f"{name}.bias"] = bias.astype(np.float32)
        arrays[f"{name}.temperature"] = np.array(reports[name].temperature, dtype=np.float32)
    return arrays


def corpus_digest(records: Sequence[CorpusRecord]) -> str:
    """A short hash of the corpus content: the model file's version."""
    digest = hashlib.sha256()
    for r in records:
        digest.update(r.model_dump_json().encode("utf-8"))
    return digest.hexdigest()[:16]


def model_version(records: Sequence[CorpusRecord], documents: Sequence[LabelledDocument] = ()) -> str:
    """The corpus hash, then ``+`` and the documents' hash when whole documents were trained on."""
    return corpus_digest(records) + (f"+{documents_digest(documents)}" if documents else "")


def train(
    records: Sequence[CorpusRecord],
    extract_batch: Callable[[list[Article]], Sequence[Any]],
    *,
    documents: Sequence[LabelledDocument] = (),
    log: Callable[[str], None] = print,
) -> tuple[dict[str, npt.NDArray[Any]], dict[str, HeadReport]]:
    """Cross-validate every head, check the floors, fit on everything; return the model arrays and figures.

    Raises:
        TrainingError: a head's cross-validated accuracy is under its floor.
    """
    from scipy.sparse import csr_matrix

    started = time.perf_counter()
    votes = rule_votes(records, extract_batch)
    log(f"rule votes for {len(records)} texts in {time.perf_counter() - started:.1f} s")
    rows = [feature_ids(r.text, v) for r, v in zip(records, votes, strict=True)]
    used = np.unique(np.concatenate(rows))
    columns = [np.searchsorted(used, r) for r in rows]
    indptr, indices = design_matrix(columns)
    matrix = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(used)))
    reports: dict[str, HeadReport] = {}
    fitted: dict[str, Any] = {}
    for head in head_data(records):
        x = matrix[head.rows]
        reports[head.name] = report = cross_validate(x, head)
        log(report.line())
        fitted[head.name] = _fit(x, head.labels, C[head.name])
    article_arrays, reports[ARTICLE] = article_head(records, documents)
    log(reports[ARTICLE].line())
    low = [f"{n} {r.accuracy:.3f} < {FLOORS[n]}" for n, r in reports.items() if r.accuracy < FLOORS[n]]
    if low:
        raise TrainingError("cross-validated accuracy under the floor: " + "; ".join(low))
    assert set(fitted) == set(HEADS)
    arrays = model_arrays(used, fitted, reports, model_version(records, documents)) | article_arrays
    return arrays, reports


def write_model(arrays: dict[str, npt.NDArray[Any]], path: Path = MODEL_FILE) -> int:
    """Write the model file atomically (same arrays, same bytes); return its size."""
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)  # type: ignore[arg-type]
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(buffer.getvalue())
    tmp.replace(path)
    return path.stat().st_size
