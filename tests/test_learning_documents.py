"""Whole documents for the relevance head (MUC-4 DEV): only DEV messages are read, bad lines stop training
with ``FILE:LINE``, they enter the relevance head and the model's version, and the gate before parsing turns
away an article the head calls no incident report."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from conflict_events.contracts import Article
from conflict_events.core.learned import DecisionModel, apply
from conflict_events.core.learned.features import word_counts
from conflict_events.learning import train
from conflict_events.learning.corpus import CORPUS_DIR, CorpusError, read_corpus
from conflict_events.learning.documents import dateline_date, documents_digest, read_documents


def _line(doc_id: str, text: str, relevant: object = True) -> str:
    return json.dumps({"id": doc_id, "text": text, "gold": {"relevant": relevant}})


def _write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_dev_messages_are_read_with_their_dateline(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "dev.jsonl",
        _line("DEV-MUC3-0001", "LIMA, 12 MAR 90 -- A CAR BOMB WENT OFF NEAR THE MINISTRY."),
        _line("DEV-MUC3-0002", "QUITO, 2 APR 90 -- THE PRESIDENT SPOKE ABOUT THE ECONOMY.", False),
    )
    docs = read_documents([path])
    assert [(d.id, d.relevant) for d in docs] == [("DEV-MUC3-0001", True), ("DEV-MUC3-0002", False)]
    assert docs[0].published_at == datetime(1990, 3, 12, tzinfo=UTC)
    assert dateline_date("NO DATELINE HERE") is None
    assert dateline_date("LIMA, 31 FEB 90 -- TEXT") is None


def test_test_messages_and_bad_lines_are_refused_with_file_and_line(tmp_path: Path) -> None:
    """A MUC test message is never trained on; every bad line is named, and nothing is returned."""
    path = _write(
        tmp_path / "mixed.jsonl",
        _line("DEV-MUC3-0001", "LIMA, 12 MAR 90 -- A CAR BOMB WENT OFF."),
        _line("TST1-MUC3-0001", "BOGOTA, 3 MAY 89 -- GUERRILLAS ATTACKED A POST."),
        "{not json",
        _line("DEV-MUC3-0003", "LIMA, 12 MAR 90 -- TEXT OF A MESSAGE.", "yes"),
        _line("DEV-MUC3-0001", "LIMA, 12 MAR 90 -- A CAR BOMB WENT OFF."),
    )
    with pytest.raises(CorpusError) as caught:
        read_documents([path, tmp_path / "zz.jsonl"])
    problems = caught.value.problems
    assert f"{path}:2: id 'TST1-MUC3-0001' is not a MUC-4 DEV message" in problems[0]
    assert problems[1].startswith(f"{path}:3: invalid JSON")
    assert problems[2] == f"{path}:4: gold.relevant (true/false) missing"
    assert problems[3].startswith(f"{path}:5: id 'DEV-MUC3-0001' already used")
    assert problems[4] == f"{tmp_path / 'zz.jsonl'}: no such file"


def _no_rules(articles: list[Any]) -> list[Any]:
    return [SimpleNamespace(events=()) for _ in articles]


def test_documents_train_the_relevance_head_and_enter_the_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(train, "FLOORS", dict.fromkeys(train.FLOORS, 0.0))
    sample = read_corpus([CORPUS_DIR])[::40]
    topic = ("TALKS", "BOMB")
    lines = [
        _line(f"DEV-MUC3-{i:04d}", f"LIMA, {1 + i % 27} MAR 90 -- NOTE {i} ON {topic[i % 2]}.", bool(i % 2))
        for i in range(1, 21)
    ]
    docs = read_documents([_write(tmp_path / "dev.jsonl", *lines)])
    arrays, reports = train.train(sample, _no_rules, documents=docs, log=lambda _line: None)
    articles = sum(r.kind == "article" for r in sample)
    assert reports["article"].n == articles + len(docs)
    assert reports["relevance"].n == reports["plover_type"].n == len(sample)
    assert str(arrays["version"]) == f"{train.corpus_digest(sample)}+{documents_digest(docs)}"
    plain, reports = train.train(sample, _no_rules, log=lambda _line: None)
    assert reports["article"].n == articles
    assert str(plain["version"]) == train.corpus_digest(sample)
    assert np.array_equal(plain["relevance.weights"], arrays["relevance.weights"])
    assert len(plain["article.ids"]) < len(arrays["article.ids"])
    head = DecisionModel.from_arrays(arrays).article
    assert head is not None
    bomb, talks = (head.probability(*word_counts(f"LIMA -- NOTE 9 ON {w}.")) for w in ("BOMB", "TALKS"))
    assert bomb > talks


class _Head:
    """An article head that gives a fixed P(event) and counts its calls."""

    def __init__(self, relevant: float) -> None:
        self.relevant = relevant
        self.calls = 0

    def probability(self, _ids: Any, _counts: Any) -> float:
        self.calls += 1
        return self.relevant


def _model(head: _Head) -> Any:
    return SimpleNamespace(article=head)


def test_gate_turns_away_an_article_the_head_is_sure_reports_no_incident(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "The minister spoke of bombs and bullets in general terms."
    enough = apply.ARTICLE_MIN_SENTENCES
    monkeypatch.setattr(apply, "THRESHOLDS", replace(apply.THRESHOLDS, article=0.4))
    assert not apply.reports_incident(text, enough, _model(_Head(0.2)))
    assert apply.reports_incident(text, enough, _model(_Head(0.6)))
    assert "article" in apply.THRESHOLDS.heads()
    idle = _Head(0.0)
    assert apply.reports_incident(text, enough - 1, _model(idle)) and idle.calls == 0  # a snippet
    assert apply.reports_incident(text, enough, None) and apply.reports_incident(text, enough, _model(None))
    monkeypatch.setattr(apply, "THRESHOLDS", replace(apply.THRESHOLDS, article=0.0))
    assert apply.reports_incident(text, enough, _model(idle)) and idle.calls == 0


def test_a_gated_article_is_processed_with_no_event_and_never_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    from conflict_events.core import pipeline
    from conflict_events.resources import load_resources

    resources = load_resources()
    parsed: list[str] = []
    real_pipe = resources.nlp.pipe

    def counting_pipe(texts: Any, **kwargs: Any) -> Any:
        texts = list(texts)
        parsed.extend(texts)
        return real_pipe(texts, **kwargs)

    monkeypatch.setattr(resources.nlp, "pipe", counting_pipe)
    report = Article(
        id="r",
        text="Gunmen shot dead four villagers in Kano on Monday. Police said the attackers fled. "
        "Residents buried the dead. The governor ordered an inquiry.",
    )
    kept = pipeline.extract(report, resources)
    assert kept.events and parsed and kept.timings["relevance"] >= 0
    parsed.clear()
    monkeypatch.setattr(apply, "THRESHOLDS", replace(apply.THRESHOLDS, article=1.01))  # sure of nothing
    gated = pipeline.extract(report, resources)
    assert gated.status == "processed" and gated.events == () and parsed == []
    assert "relevance" in gated.timings and "triggers" not in gated.timings
