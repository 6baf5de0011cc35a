"""The texts a benchmark runs on: news-length documents, read once, then cut or cycled to N articles.

Every measurement of one run (spaCy baseline, extractor in process, through the broker) uses the same
``Corpus``, so their ratios compare like with like.  The default is the news-length documents of the
public dev gold sets (MUC-4 messages and WikiEvents articles) when ``../shared/eval/dev`` is present,
else the seed articles; the gold labels are never read, only ``text``.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from conflict_events.contracts import Article

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_EVAL_DIR = REPO_ROOT.parent / "shared" / "eval" / "dev"
DEFAULT_EVAL_FILES = ("muc4_tst1_tst2.jsonl", "wikievents_dev.jsonl")
"""News-length files of the dev sets (≈340 and ≈540 words per document); short sentence sets are left out."""
SEEDS_DIR = REPO_ROOT / "seeds"
SHUFFLE_SEED = 20_240_601
"""Fixed seed: documents of several files are interleaved the same way in every run."""


class CorpusError(ValueError):
    """The corpus path cannot be read as texts (missing, empty, not JSONL, no ``text``)."""


@dataclass(frozen=True, slots=True)
class Corpus:
    """Texts in a fixed order and where they came from."""

    texts: tuple[str, ...]
    sources: tuple[str, ...]

    def take(self, count: int) -> tuple[str, ...]:
        """The first ``count`` texts, cycling through the corpus when it holds fewer."""
        if not self.texts:
            raise CorpusError("the corpus holds no texts")
        return tuple(self.texts[i % len(self.texts)] for i in range(count))


def word_count(text: str) -> int:
    """Whitespace-separated words: the unit of every words/s figure."""
    return len(text.split())


def make_articles(texts: Sequence[str], prefix: str) -> list[Article]:
    """One ``Article`` per text with ids ``<prefix>00000`` … (unique inside a run)."""
    return [Article(id=f"{prefix}{index:05d}", text=text) for index, text in enumerate(texts)]


def _jsonl_texts(path: Path) -> Iterable[str]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}:{number}: not JSON ({exc.msg})") from None
            text = record.get("text") if isinstance(record, dict) else None
            if not isinstance(text, str):
                raise CorpusError(f"{path}:{number}: no string field 'text'")
            yield text


def _file_texts(path: Path) -> list[str]:
    if path.suffix == ".jsonl":
        return list(_jsonl_texts(path))
    if path.suffix == ".txt":
        return [path.read_text(encoding="utf-8")]
    raise CorpusError(f"{path}: expected a .jsonl file (one object with 'text' per line) or a .txt file")


def _read(paths: Sequence[Path]) -> Corpus:
    texts: list[str] = []
    for path in paths:
        try:
            texts.extend(_file_texts(path))
        except (OSError, UnicodeDecodeError) as exc:
            raise CorpusError(f"cannot read {path}: {exc}") from None
    if not texts:
        raise CorpusError(f"no texts in {', '.join(str(p) for p in paths)}")
    if len(paths) > 1:
        random.Random(SHUFFLE_SEED).shuffle(texts)
    return Corpus(tuple(texts), tuple(str(p) for p in paths))


def default_paths() -> list[Path]:
    """The dev gold sets' news-length files when present, else the seed texts."""
    found = [DEFAULT_EVAL_DIR / name for name in DEFAULT_EVAL_FILES if (DEFAULT_EVAL_DIR / name).is_file()]
    return found or sorted(SEEDS_DIR.glob("*.txt"))


def load_corpus(path: Path | None = None) -> Corpus:
    """Texts from ``path`` (a .jsonl or .txt file, or a directory of them), or the default corpus.

    Raises:
        CorpusError: the path is missing or holds no readable texts.
    """
    if path is None:
        return _read(default_paths())
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".jsonl", ".txt") and p.is_file())
        if not files:
            raise CorpusError(f"{path}: no .jsonl or .txt files")
        return _read(files)
    if not path.exists():
        raise CorpusError(f"{path}: no such file or directory")
    return _read([path])
