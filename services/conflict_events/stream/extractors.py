"""Choose the extractor the shell runs: the real core (default) or a factory named ``MODULE:NAME``."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from conflict_events.contracts import Article
from conflict_events.stream.handling import ExtractionOutput, Extractor

CORE = "core"


@dataclass(frozen=True, slots=True)
class LoadedExtractor:
    """The extractor callable and the model label for ``extractor_build_info``."""

    extract: Extractor
    model: str


def _model_label(resources: Any) -> str:
    nlp = getattr(resources, "nlp", None)
    meta = getattr(nlp, "meta", None)
    if isinstance(meta, dict) and meta.get("name"):
        return f"{meta.get('lang', 'xx')}_{meta['name']}-{meta.get('version', '?')}"
    return "unknown"


def load_core_extractor() -> LoadedExtractor:
    """Load the resources once (spaCy, gazetteer, lexicons) and batch through ``extract_many``."""
    from conflict_events.core.pipeline import extract_many
    from conflict_events.resources import load_resources

    resources = load_resources()

    def extract_batch(articles: Sequence[Article], ingested_at: datetime) -> Sequence[ExtractionOutput]:
        return list(extract_many(list(articles), resources, ingested_at=ingested_at))

    return LoadedExtractor(extract_batch, _model_label(resources))


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
