"""A keyword test double of the extraction core, for exercising the stream shell without spaCy.

``conflict-events worker --extractor conflict_events.stream.testing:make_fake_extractor`` runs the
whole Kafka path with it.  It is deliberately dumb and deterministic: one event per keyword found
(``attack`` → violence, ``protest`` → protest, ``agree`` → agreement), a skip for text starting
with ``[fr]``, a ``RuntimeError`` for text containing ``POISON-PILL`` (to test dead-lettering), and a
2-second pause for text containing ``SLOW-ARTICLE`` (to test shutdown with work in flight), and a
10-minute one for ``HANG-ARTICLE`` (to test the extraction timeout).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from conflict_events import __version__
from conflict_events.contracts import Article, ConflictEvent
from conflict_events.extractor import Extractor

POISON = "POISON-PILL"
SLOW = "SLOW-ARTICLE"
SLOW_SECONDS = 2.0
HANG = "HANG-ARTICLE"
HANG_SECONDS = 600.0
KEYWORDS: tuple[tuple[str, str, str, str], ...] = (
    # keyword, PLOVER type, category, CAMEO root
    ("attack", "ASSAULT", "violence", "19"),
    ("protest", "PROTEST", "protest", "14"),
    ("agree", "AGREE", "agreement", "03"),
)


@dataclass(frozen=True, slots=True)
class FakeResult:
    """Same shape as ``core.pipeline.ExtractionResult``."""

    status: str
    skip_reason: str | None
    language: str | None
    events: tuple[ConflictEvent, ...]
    timings: Mapping[str, float] = field(default_factory=dict)


def _event(
    article: Article,
    keyword: str,
    event_type: str,
    category: str,
    cameo: str,
    start: int,
    ingested_at: datetime,
) -> ConflictEvent:
    end = start + len(keyword)
    digest = hashlib.sha256(f"{article.id}|{event_type}|{start}".encode()).hexdigest()[:16]
    anchor = (article.published_at or ingested_at).date()
    span = {"start": start, "end": end, "text": article.text[start:end]}
    return ConflictEvent.model_validate(
        {
            "event_id": f"ev-{digest}",
            "article_id": article.id,
            "event_type": event_type,
            "cameo_root": cameo,
            "category": category,
            "mode": "asserted",
            "summary": f"{keyword} (fake extractor)",
            "actors": [],
            "location": None,
            "quantities": [],
            "attribution": None,
            "confidence": 0.5,
            "date": {
                "text": None,
                "span": None,
                "start": anchor,
                "end": anchor,
                "granularity": "day",
                "time_precision": 1,
                "anchor": "published_at" if article.published_at else "ingested_at",
                "fallback": True,
            },
            "evidence": {"sentence": span, "trigger": span, "paragraph_index": 0, "story_index": 0},
            "extractor_version": f"fake-{__version__}",
        }
    )


def fake_extract(article: Article, ingested_at: datetime) -> FakeResult:
    """Keyword events for one article (see the module docstring)."""
    if POISON in article.text:
        raise RuntimeError("poison pill found in the article text")
    if HANG in article.text:
        time.sleep(HANG_SECONDS)
    if SLOW in article.text:
        time.sleep(SLOW_SECONDS)
    if article.text.startswith("[fr]"):
        return FakeResult("skipped", "not_english", "fr", ())
    lowered = article.text.lower()
    events = tuple(
        _event(article, keyword, event_type, category, cameo, lowered.index(keyword), ingested_at)
        for keyword, event_type, category, cameo in KEYWORDS
        if keyword in lowered
    )
    return FakeResult("processed", None, "en", events, {"fake": 0.0})


def make_fake_extractor() -> Extractor:
    """Factory in the form ``--extractor MODULE:FACTORY`` expects."""

    def extract_batch(articles: Sequence[Article], ingested_at: datetime) -> list[FakeResult]:
        return [fake_extract(article, ingested_at) for article in articles]

    return extract_batch
