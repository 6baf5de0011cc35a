"""Runs the worker's extraction entry point over gold records and hands the outcomes to the scorers."""

from __future__ import annotations

import importlib
import multiprocessing
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from conflict_events.contracts import Article, ConflictEvent
from conflict_events.extractor import ExtractionOutput, extract_isolated

from . import (
    article_gold,
    score_articles,
    score_case,
    score_coarse,
    score_incidents,
    score_muc,
    score_petrarch,
    score_plover,
    score_re3d,
    score_roles,
    score_seed,
)
from .records import GoldRecord, Outcome, SetSpec, find_files, read_records, sample_evenly
from .report import Figure, SetReport

Extractor = Callable[[Sequence[Article]], list[Outcome]]
"""Articles in, one outcome per article out (same order)."""

INGESTED_AT = datetime(2024, 1, 1, tzinfo=UTC)
"""Fixed ingestion time so that a run is reproducible (used only when an article has no date)."""
BATCH = 32

SETS: dict[str, SetSpec] = {
    s.name: s
    for s in (
        SetSpec("case2021", ("case2021_task2*.jsonl",), score_case.to_article, score_case.score),
        SetSpec("case2021_upper", ("case2021_task2*.jsonl",), score_case.to_upper_article, score_case.score),
        SetSpec("plover", ("plover_gsr*.jsonl",), score_plover.to_article, score_plover.score),
        SetSpec("muc4", ("muc4_tst*.jsonl",), score_muc.to_article, score_muc.score),
        SetSpec(
            "wikievents", ("wikievents_*.jsonl",), score_coarse.to_article, score_coarse.score_wikievents
        ),
        SetSpec("wikievents_roles", ("wikievents_*.jsonl",), score_coarse.to_article, score_roles.score),
        SetSpec("rams", ("rams_*.jsonl",), score_coarse.to_article, score_coarse.score_rams),
        SetSpec("re3d", ("re3d_*.jsonl",), score_re3d.to_article, score_re3d.score),
        SetSpec("petrarch2", ("petrarch2_*.jsonl",), score_petrarch.to_article, score_petrarch.score),
        SetSpec("articles", (), article_gold.to_article, score_articles.score),
        SetSpec("incidents", (), score_incidents.to_article, score_incidents.score),
        SetSpec("seed", (), score_seed.to_article, score_seed.score),
    )
}


def fallback_main_event(events: Sequence[ConflictEvent]) -> ConflictEvent | None:
    """Most confident event, earliest in the text on ties (used only if the core has no ``main_event``)."""
    if not events:
        return None
    return min(events, key=lambda e: (-e.confidence, e.evidence.sentence.start, e.event_id))


def pipeline_extractor() -> Extractor:
    """The worker's extractor (``conflict_events.extractor``, resources loaded once) under its poison policy.

    A batch that raises is retried article by article (``extract_isolated``), so one poison record costs
    only itself; its outcome carries the error and the run goes on.
    """
    try:
        pipeline = importlib.import_module("conflict_events.core.pipeline")
        loaded = importlib.import_module("conflict_events.extractor").load_core_extractor()
    except ImportError as exc:
        raise RuntimeError(f"the extraction core is not available in this build: {exc}") from exc
    main_event: Callable[[Any], ConflictEvent | None] = getattr(
        pipeline, "main_event", lambda result: fallback_main_event(result.events)
    )

    def outcome(result: ExtractionOutput | Exception) -> Outcome:
        if isinstance(result, Exception):
            return Outcome(error=f"{type(result).__name__}: {result}")
        events = tuple(result.events)
        skipped = result.skip_reason if result.status == "skipped" else None
        return Outcome(events=events, main=main_event(result) if events else None, skipped=skipped)

    def run(articles: Sequence[Article]) -> list[Outcome]:
        out: list[Outcome] = []
        for i in range(0, len(articles), BATCH):
            chunk = articles[i : i + BATCH]
            out.extend(outcome(r) for r, _ in extract_isolated(loaded.extract, chunk, INGESTED_AT))
        return out

    return run


_FORKED: Extractor | None = None
"""The extractor a forked worker process calls (set just before the pool forks; never changed inside)."""


def _extract_chunk(chunk: Sequence[Article]) -> list[Outcome]:
    if _FORKED is None:
        raise RuntimeError("worker process started without an extractor")
    return _FORKED(chunk)


def parallel(extractor: Extractor, jobs: int) -> Extractor:
    """Spread batches over ``jobs`` forked processes that share the loaded resources; order is kept.

    Outcomes are the same as with one process (the core is deterministic); only the wall time changes.
    """
    if jobs <= 1:
        return extractor

    def run(articles: Sequence[Article]) -> list[Outcome]:
        global _FORKED
        if len(articles) < 2 * BATCH:
            return extractor(articles)
        _FORKED = extractor
        chunks = [articles[i : i + BATCH] for i in range(0, len(articles), BATCH)]
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            parts = pool.map(_extract_chunk, chunks, chunksize=1)
        return [o for part in parts for o in part]

    return run


def run_set(
    spec: SetSpec, records: Sequence[GoldRecord], extractor: Extractor, files: Sequence[str]
) -> SetReport:
    """Extract every record of one set and score it; errors and skips are reported next to the figures."""
    started = time.perf_counter()
    articles = [spec.to_article(r) for r in records]
    outcomes = extractor(articles)
    if len(outcomes) != len(records):
        raise RuntimeError(f"extractor returned {len(outcomes)} outcomes for {len(records)} articles")
    figures, details = spec.score(records, outcomes)
    errors = [(r.id, o.error) for r, o in zip(records, outcomes, strict=True) if o.error]
    skipped = sum(o.skipped is not None for o in outcomes)
    figures = [
        *figures,
        Figure("extraction_errors", float(len(errors)), len(records), count=True),
        Figure("articles_without_error", 1 - len(errors) / len(records) if records else None, len(records)),
        Figure("skipped_articles", float(skipped), len(records), count=True),
    ]
    details = {**details, "errors": errors[:50]}
    return SetReport(
        spec.name, tuple(files), len(records), tuple(figures), details, time.perf_counter() - started
    )


def load_set(spec: SetSpec, gold: Path, limit: int | None) -> tuple[list[GoldRecord], list[str]]:
    """The records of one set found under ``gold`` (sampled to ``limit``), and the file names read."""
    files = find_files(gold, spec.patterns)
    records = [r for f in files for r in read_records(f)]
    return sample_evenly(records, limit), [f.name for f in files]
