"""The training corpus: well-formed, labelled as the data card says, and disjoint from every evaluation text.

The gold sets under ``../shared/eval`` are for measuring only: no corpus text may share an 8-word sequence
with any of them (read from ``../shared`` when it is there), nor with the project's own gold sets.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from conflict_events.learning.corpus import CORPUS_DIR, CorpusError, CorpusRecord, read_corpus
from conflict_events.resources import DATA_DIR

SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
NGRAM = 8
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _ngrams(text: str) -> Iterator[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return (tuple(words[i : i + NGRAM]) for i in range(len(words) - NGRAM + 1))


def _shared_texts() -> Iterator[str]:
    for path in sorted(SHARED_EVAL.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield str(json.loads(line).get("text") or "")


def _gold_articles() -> Iterator[tuple[str, str]]:
    """(id, text) of the project's own gold articles."""
    for name in ("eval_articles.jsonl", "eval_incidents.jsonl"):
        for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                article = json.loads(line)["article"]
                yield str(article["id"]), str(article["text"])


def _eval_texts() -> Iterator[str]:
    yield from _shared_texts()
    yield from (text for _, text in _gold_articles())


@pytest.fixture(scope="module")
def corpus() -> list[CorpusRecord]:
    """The shipped corpus."""
    return read_corpus([CORPUS_DIR])


def test_corpus_meets_the_data_card_counts(corpus: list[CorpusRecord]) -> None:
    """At least 6,000 texts; each ACLED sub-type 150 times, PLOVER type and mode 100, 1,500 non-events."""
    from typing import get_args

    from conflict_events.contracts import PLOVER_TYPES, AcledSubEventType

    subs = Counter(r.acled_sub_event_type for r in corpus)
    types = Counter(r.plover_type for r in corpus)
    modes = Counter(r.mode for r in corpus)
    assert len(corpus) >= 6000
    assert min(subs[s] for s in get_args(AcledSubEventType)) >= 150, subs
    assert min(types[t] for t in PLOVER_TYPES) >= 100, types
    assert min(modes[m] for m in modes if m is not None) >= 100 and len(modes) == 9, modes
    assert sum(not r.relevant for r in corpus) >= 1500
    assert sum(r.kind == "article" for r in corpus) >= 500


@pytest.mark.skipif(not SHARED_EVAL.is_dir(), reason="needs ../shared/eval")
def test_no_corpus_text_shares_an_8_word_sequence_with_an_eval_text(corpus: list[CorpusRecord]) -> None:
    """Training text never repeats evaluation text (8 words in a row, case and punctuation folded)."""
    grams = {g: r.id for r in corpus for g in _ngrams(r.text)}
    shared = sorted(
        {f"{grams[g]}: {' '.join(g)}" for text in _eval_texts() for g in _ngrams(text) if g in grams}
    )
    assert shared == []


@pytest.mark.skipif(not SHARED_EVAL.is_dir(), reason="needs ../shared/eval")
def test_project_gold_sets_share_no_8_word_sequence_with_shared_eval_texts() -> None:
    """The project's own gold articles are its own writing too: no 8 words in a row from ../shared/eval."""
    shared = {g for text in _shared_texts() for g in _ngrams(text)}
    found = [f"{i}: {' '.join(g)}" for i, text in _gold_articles() for g in _ngrams(text) if g in shared]
    assert found == []


def test_malformed_lines_are_reported_with_file_and_line(tmp_path: Path) -> None:
    """Each bad line is named FILE:LINE with its reason, and nothing is returned."""
    good = json.loads(CORPUS_DIR.joinpath(sorted(p.name for p in CORPUS_DIR.glob("*.jsonl"))[0]).read_text(
        encoding="utf-8").splitlines()[0])  # fmt: skip
    bad = tmp_path / "part.jsonl"
    bad.write_text(
        "\n".join([
            json.dumps(good),
            "{not json",
            json.dumps({**good, "id": "x2", "mode": "maybe"}),
            json.dumps({**good, "id": "x3", "plover_type": None}),
            json.dumps(good),
        ]) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    with pytest.raises(CorpusError) as caught:
        read_corpus([bad])
    problems = caught.value.problems
    assert [p.split(": ")[0] for p in problems] == [f"{bad}:2", f"{bad}:3", f"{bad}:4", f"{bad}:5"]
    assert "invalid JSON" in problems[0] and "mode" in problems[1] and "already used" in problems[3]
