"""``conflict-events fuzz``: long-running property fuzzing of the extraction core.

Hypothesis generates article texts (mostly short: the core runs spaCy, ~1-40 ms per article) and
every case is checked against the properties the stream relies on: ``extract`` never raises, its
events validate against the wire model, every span lies inside the text and quotes it exactly,
the same article gives the same result (event ids included), and time stays within a linear
budget per character.  Failures are counted and the first few are printed, not shrunk, so a long
run keeps going; the last line is a summary with cases run, failures and cases per second.

Example:
    conflict-events fuzz --seconds 600
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel

from conflict_events.extractor import Extractor

try:
    from hypothesis import HealthCheck, Phase, given, seed, settings
    from hypothesis import strategies as st
except ModuleNotFoundError as missing:  # a production image without the dev extra
    raise SystemExit(
        "conflict-events fuzz: needs Hypothesis, which comes with the dev extra "
        "(pip install -e '.[dev]' or the pinned requirements.lock)"
    ) from missing

from conflict_events.contracts import Article, ConflictEvent, Span

INGESTED_AT = datetime(2024, 5, 17, 12, 0, tzinfo=UTC)
BASE_SECONDS = 2.0
"""CPU-time budget for any article, whatever its length (first-call warm-up, model overhead)."""
SECONDS_PER_CHAR = 0.0005
"""Linear part of the budget: 0.5 ms per character (spaCy itself runs at ~0.02 ms per character)."""
MAX_REPORTED = 5

# Invented vocabulary (not taken from any gold set): it steers generation towards the code paths
# that matter (triggers, actors, places, dates, counts, attribution), mixed with arbitrary text.
_WORDS = (
    "soldiers",
    "rebels",
    "police",
    "militia",
    "gunmen",
    "protesters",
    "army",
    "the",
    "a",
    "in",
    "near",
    "north",
    "of",
    "on",
    "Monday",
    "last",
    "week",
    "yesterday",
    "killed",
    "wounded",
    "injured",
    "attacked",
    "shelled",
    "bombed",
    "arrested",
    "kidnapped",
    "displaced",
    "fled",
    "protested",
    "marched",
    "clashed",
    "signed",
    "agreed",
    "ceasefire",
    "at",
    "least",
    "more",
    "than",
    "dozens",
    "hundreds",
    "about",
    "people",
    "civilians",
    "officials",
    "said",
    "according",
    "to",
    "reported",
    "Lagos",
    "Kabul",
    "Aleppo",
    "Gaza",
    "Paris",
    "Mosul",
    "Juba",
    "Donetsk",
    "March",
    "2023",
    "12",
    "3",
    "three",
    "twenty-five",
    "1,200",
    "district",
    "province",
    "village",
    "town",
    "airstrike",
    "drone",
    "IED",
    "explosion",
    "not",
    "denied",
    "threatened",
    "will",
    "may",
    "after",
    "before",
    "and",
    "but",
    "who",
    "which",
    "Ministry",
    "Defence",
    "U.N.",
    "UN",
    "Mr.",
    "Gen.",
    "al-Shabaab",
    "ISIS",
    "Hamas",
    "Houthis",
    "Kurdish",
    "Ukrainian",
    "Russian",
)
_PUNCT = (".", ",", ";", ":", "!", "?", " - ", "—", "(", ")", '"', "'", "\n", "\n\n", "...", "%", "/")


def _sentence_text() -> st.SearchStrategy[str]:
    token = st.one_of(st.sampled_from(_WORDS), st.sampled_from(_PUNCT), st.integers(0, 10**7).map(str))
    return st.lists(token, min_size=1, max_size=40).map(" ".join)


def article_texts(max_size: int = 400) -> st.SearchStrategy[str]:
    """Texts to fuzz with: news-like word salad, arbitrary Unicode, and mixes of both."""
    arbitrary = st.text(max_size=max_size)
    news_like = st.lists(_sentence_text(), min_size=1, max_size=8).map(" ".join)
    mixed = st.tuples(news_like, arbitrary, news_like).map("".join)
    return st.one_of(news_like, news_like, arbitrary, mixed)


def articles(max_size: int = 400) -> st.SearchStrategy[Article]:
    """Articles with generated text and sometimes a publication date or declared language."""
    return st.builds(
        Article,
        id=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12),
        text=article_texts(max_size),
        published_at=st.one_of(st.none(), st.datetimes(datetime(1990, 1, 1), datetime(2035, 1, 1))),
        language=st.sampled_from((None, "en", "fr")),
    )


def _spans(value: Any, path: str) -> Iterator[tuple[str, Span]]:
    """Every ``Span`` inside a model, with a readable path to it."""
    if isinstance(value, Span):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _spans(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _spans(item, f"{path}[{index}]")


def span_problems(event: ConflictEvent, text: str) -> list[str]:
    """Spans outside the text or whose ``text`` differs from ``text[start:end]``."""
    problems = []
    for path, span in _spans(event, "event"):
        if not 0 <= span.start <= span.end <= len(text):
            problems.append(f"{path}: [{span.start}, {span.end}) outside text of {len(text)} characters")
        elif text[span.start : span.end] != span.text:
            problems.append(f"{path}: text {span.text!r} != text[{span.start}:{span.end}]")
    return problems


def _fingerprint(result: Any) -> str:
    events = [event.model_dump(mode="json") for event in result.events]
    return json.dumps([result.status, result.skip_reason, result.language, events], sort_keys=True)


def check_article(article: Article, extract: Extractor) -> list[str]:
    """Problems found when extracting ``article`` (empty when every property holds)."""
    started = time.process_time()  # CPU time: other processes on a busy machine do not count
    try:
        [first] = extract([article], INGESTED_AT)
    except Exception as exc:  # the property under test: nothing may escape
        return [f"extract raised {type(exc).__name__}: {exc}"]
    seconds = time.process_time() - started
    problems: list[str] = []
    budget = BASE_SECONDS + SECONDS_PER_CHAR * len(article.text)
    if seconds > budget:
        problems.append(f"took {seconds:.2f} s CPU for {len(article.text)} characters (budget {budget:.2f})")
    if first.status not in ("processed", "skipped"):
        problems.append(f"unknown status {first.status!r}")
    for event in first.events:
        try:
            ConflictEvent.model_validate_json(event.model_dump_json())
        except ValueError as exc:
            problems.append(f"event {event.event_id} does not round-trip: {exc}")
        if event.article_id != article.id:
            problems.append(f"event {event.event_id} has article_id {event.article_id!r}")
        problems.extend(span_problems(event, article.text))
    if len({event.event_id for event in first.events}) != len(first.events):
        problems.append("duplicate event ids in one result")
    [second] = extract([article], INGESTED_AT)
    if _fingerprint(first) != _fingerprint(second):
        problems.append("same article, different result")
    return problems


@dataclass
class FuzzReport:
    """Running totals of a fuzz run."""

    cases: int = 0
    failures: int = 0
    examples: list[tuple[str, list[str]]] = field(default_factory=list)


def fuzz_chunk(extract: Extractor, report: FuzzReport, *, cases: int, chunk_seed: int, max_size: int) -> None:
    """Run ``cases`` generated articles through ``check_article``, adding to ``report``."""

    @seed(chunk_seed)
    @settings(
        max_examples=cases,
        phases=[Phase.generate],
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(articles(max_size))
    def one(article: Article) -> None:
        problems = check_article(article, extract)
        report.cases += 1
        if problems:
            report.failures += 1
            if len(report.examples) < MAX_REPORTED:
                report.examples.append((article.model_dump_json(), problems))
            print(f"FAILED {article.model_dump_json()[:2000]}\n  " + "\n  ".join(problems[:5]), flush=True)

    one()


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of ``conflict-events fuzz``."""
    parser.add_argument("--cases", type=int, default=None, help="stop after this many cases")
    parser.add_argument("--seconds", type=float, default=60.0, help="stop after this many seconds")
    parser.add_argument("--max-size", type=int, default=400, help="longest arbitrary text part (characters)")
    parser.add_argument("--seed", type=int, default=0, help="first Hypothesis seed (one per chunk of cases)")
    parser.add_argument("--chunk", type=int, default=200, help="cases per Hypothesis run")


def run(args: argparse.Namespace) -> int:
    """Fuzz until ``--cases`` or ``--seconds`` is reached; exit 1 when any case failed."""
    from conflict_events.extractor import load_core_extractor

    loading = time.perf_counter()
    extract = load_core_extractor().extract
    print(f"resources loaded in {time.perf_counter() - loading:.1f} s", file=sys.stderr)
    report = FuzzReport()
    started = time.perf_counter()
    chunk_seed = args.seed
    while True:
        elapsed = time.perf_counter() - started
        if elapsed >= args.seconds or (args.cases is not None and report.cases >= args.cases):
            break
        size = args.chunk if args.cases is None else min(args.chunk, args.cases - report.cases)
        fuzz_chunk(extract, report, cases=size, chunk_seed=chunk_seed, max_size=args.max_size)
        chunk_seed += 1
        rate = report.cases / max(time.perf_counter() - started, 1e-9)
        print(f"cases={report.cases} failures={report.failures} cases_per_second={rate:.1f}", file=sys.stderr)
    elapsed = time.perf_counter() - started
    print(
        f"fuzz: cases={report.cases} failures={report.failures} seconds={elapsed:.1f} "
        f"cases_per_second={report.cases / max(elapsed, 1e-9):.1f}"
    )
    return 1 if report.failures else 0
