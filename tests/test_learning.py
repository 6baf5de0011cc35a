"""The learned decisions: training is deterministic, refuses a model under its floor, writes nothing on bad
input; the shipped model is the one the shipped corpus trains; the runtime model scores like training did."""

from __future__ import annotations

import argparse
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from conflict_events.cli import CommandError
from conflict_events.core.learned import DecisionModel, RuleVote, feature_ids
from conflict_events.learning import command, train
from conflict_events.learning.corpus import CORPUS_DIR, read_corpus
from conflict_events.learning.documents import read_documents
from conflict_events.resources import DATA_DIR, load_decisions


def _no_rules(articles: list[Any]) -> list[Any]:
    """Stand-in for the rule stages: no event anywhere (keeps the test free of spaCy)."""
    return [SimpleNamespace(events=()) for _ in articles]


@pytest.fixture(scope="module")
def sample() -> list[Any]:
    """A small, fixed, stratified slice of the corpus."""
    records = read_corpus([CORPUS_DIR])
    return records[::25]


def test_training_is_deterministic_and_checks_floors(
    sample: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two runs give the same arrays; a floor above the reachable accuracy writes nothing and says why."""
    monkeypatch.setattr(train, "FLOORS", dict.fromkeys(train.FLOORS, 0.0))
    first, reports = train.train(sample, _no_rules, log=lambda _line: None)
    second, _ = train.train(sample, _no_rules, log=lambda _line: None)
    assert first.keys() == second.keys()
    assert all(np.array_equal(first[k], second[k]) for k in first)
    assert set(reports) == {"relevance", "plover_type", "acled_sub", "mode", "plover_mode", "article"}
    monkeypatch.setattr(train, "FLOORS", {**train.FLOORS, "relevance": 1.01})
    with pytest.raises(train.TrainingError, match="relevance"):
        train.train(sample, _no_rules, log=lambda _line: None)


def test_runtime_model_reproduces_training_scores(sample: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """The numpy model rebuilt from the written arrays picks the label the trained heads pick."""
    monkeypatch.setattr(train, "FLOORS", dict.fromkeys(train.FLOORS, 0.0))
    arrays, _ = train.train(sample, _no_rules, log=lambda _line: None)
    model = DecisionModel.from_arrays(arrays)
    right = sum(
        model.decide(feature_ids(r.text, RuleVote())).labels["relevance"]
        == ("event" if r.relevant else "none")
        for r in sample
    )
    assert right / len(sample) > 0.9  # training accuracy of the relevance head


def test_bad_corpus_line_stops_train_and_writes_nothing(tmp_path: Path) -> None:
    """``train`` names FILE:LINE of a malformed line and leaves no model file."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a"}\n', encoding="utf-8")
    out = tmp_path / "model.npz"
    with pytest.raises(CommandError, match=rf"{bad}:1: "):
        command.run(argparse.Namespace(corpus=[bad], output=out, check=False, documents=[]))
    assert not out.exists()


SHARED_DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
MUC_DEV = sorted(SHARED_DEV.glob("muc4_dev_part*.jsonl"))


def test_shipped_model_was_trained_on_the_shipped_corpus() -> None:
    """The committed model's version is the hash of the committed corpus, then of the MUC-4 DEV messages its
    relevance head read (rerun ``conflict-events train --documents ...``, see docs/model.md); the DEV half is
    checked when ``../shared`` is there."""
    model = load_decisions(DATA_DIR / "decisions.npz")
    assert model is not None
    corpus = read_corpus([CORPUS_DIR])
    assert model.version.split("+")[0] == train.corpus_digest(corpus)
    if MUC_DEV:
        assert model.version == train.model_version(corpus, read_documents(MUC_DEV))
    assert set(model.heads) == {"relevance", "plover_type", "acled_sub", "mode", "plover_mode"}
    assert model.article is not None


def test_row_table_finds_known_ids_and_only_them() -> None:
    """The dense id -> row map gives the row of every known id and marks every other id unknown."""
    from conflict_events.core.learned.model import known, row_table

    ids = np.array([3, 17, 40000, 262143], dtype=np.int64)
    rows, found = known(row_table(ids), np.array([17, 18, 262143, 0, 3], dtype=np.int64))
    assert found.tolist() == [True, False, True, False, True]
    assert rows[found].tolist() == [1, 3, 0]
