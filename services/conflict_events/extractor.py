"""The one way the shell loads and calls the extraction core: worker, extract, eval, bench and fuzz.

``load_extractor`` gives the real core (default) or a factory named ``MODULE:NAME`` (a test double or
plug-in); ``extract_isolated`` is the one poison policy: a batch is extracted in one call, and when that
raises, article by article, so that a poison article costs only itself.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from conflict_events.contracts import Article, ConflictEvent

CORE = "core"


class ExtractionOutput(Protocol):
    """What the extraction core returns per article (``core.pipeline.ExtractionResult``)."""

    @property
    def status(self) -> str: ...
    @property
    def skip_reason(self) -> str | None: ...
    @property
    def language(self) -> str | None: ...
    @property
    def events(self) -> Sequence[ConflictEvent]: ...
    @property
    def timings(self) -> Mapping[str, float]: ...


Extractor = Callable[[Sequence[Article], datetime], Sequence[ExtractionOutput]]
"""Articles and the ingestion time in, one result per article out (same order)."""


@dataclass(frozen=True, slots=True)
class LoadedExtractor:
    """The extractor callable and the model label for ``extractor_build_info``."""

    extract: Extractor
    model: str
    resources: Any = None


def _model_label(resources: Any) -> str:
    nlp = getattr(resources, "nlp", None)
    meta = getattr(nlp, "meta", None)
    if isinstance(meta, dict) and meta.get("name"):
        return f"{meta.get('lang', 'xx')}_{meta['name']}-{meta.get('version', '?')}"
    return "unknown"


def load_core_extractor(*, decisions: bool = True) -> LoadedExtractor:
    """Load the resources once (spaCy, gazetteer, lexicons, model) and batch through ``extract_many``.

    ``decisions=False`` leaves the trained model out: the rules decide alone (``train`` needs their vote).
    """
    from conflict_events.core.pipeline import extract_many
    from conflict_events.resources import load_resources

    resources = load_resources(decisions=decisions)

    def extract_batch(articles: Sequence[Article], ingested_at: datetime) -> Sequence[ExtractionOutput]:
        return list(extract_many(list(articles), resources, ingested_at=ingested_at))

    return LoadedExtractor(extract_batch, _model_label(resources), resources)


def load_extractor(spec: str = CORE) -> LoadedExtractor:
    """``core`` → the extraction core; ``pkg.module:factory`` → ``factory()`` (a test double or plug-in).

    Raises:
        ValueError: the spec is malformed, or the module or factory cannot be found.
    """
    if spec == CORE:
        return load_core_extractor()
    module_name, sep, attribute = spec.partition(":")
    if not sep or not module_name or not attribute:
        raise ValueError(f"extractor must be 'core' or 'module:factory', got {spec!r}")
    try:
        factory = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as exc:
        raise ValueError(f"cannot load extractor factory {spec!r}: {exc}") from exc
    return LoadedExtractor(factory(), spec)


def _checked(results: Sequence[ExtractionOutput], expected: int) -> list[ExtractionOutput]:
    if len(results) != expected:
        raise RuntimeError(f"extractor returned {len(results)} results for {expected} articles")
    return list(results)


def extract_isolated(
    extractor: Extractor, articles: Sequence[Article], ingested_at: datetime
) -> list[tuple[ExtractionOutput | Exception, float]]:
    """One (result or exception, seconds) per article: the batch in one call, article by article if it raises.

    Seconds are the batch time shared evenly, or each article's own time after a retry.
    """
    started = time.perf_counter()
    try:
        results = _checked(extractor(articles, ingested_at), len(articles))
        share = (time.perf_counter() - started) / max(1, len(articles))
        return [(result, share) for result in results]
    except Exception as exc:  # a bug or poison input: isolate it
        if len(articles) == 1:
            return [(exc, time.perf_counter() - started)]
    outputs: list[tuple[ExtractionOutput | Exception, float]] = []
    for article in articles:
        one = time.perf_counter()
        try:
            outputs.append((_checked(extractor([article], ingested_at), 1)[0], time.perf_counter() - one))
        except Exception as exc:  # a bug or poison input: only this article fails
            outputs.append((exc, time.perf_counter() - one))
    return outputs
