"""The extraction entry point: article in, validated ``ConflictEvent``s out (pure, deterministic).

The whole flow, one screen:

1. ``prepare`` each article: language check, segmentation into stories / paragraphs / sentences, the
   article head's relevance gate (an article it is sure reports no incident is not parsed at all), trigger
   prefilter (only sentences with a trigger word are parsed);
2. parse every candidate sentence of the batch in one ``nlp.pipe`` call;
3. ``context``: the article's place mentions, story countries, actor contexts and date anchor;
4. each parsed sentence gives one ``Candidate`` per frame (``stages.candidates``), which runs through
   ``stages.CANDIDATE_STAGES`` (counts, actors, place, date, mode, attribution, coding rules, taxonomy,
   assembly, confidence gate) until a stage drops it;
5. the article's events run through ``stages.ARTICLE_STAGES`` (mention merging, country fallback).

The runner (``core.runner``) times every stage into ``ExtractionResult.timings`` and names the stage in
any error it raises.

Example:
    >>> resources = load_resources()  # doctest: +SKIP
    >>> article = Article(id="a1", text="Gunmen killed 3 people in Kano on Monday.")
    >>> extract(article, resources).status  # doctest: +SKIP
    'processed'
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from conflict_events.contracts import Article, ConflictEvent
from conflict_events.core.actors import ActorContext, find_role_bindings
from conflict_events.core.actors.names import TEXT_KEY
from conflict_events.core.dates import parse_dateline
from conflict_events.core.learned.apply import reports_incident
from conflict_events.core.record import ArticleContext
from conflict_events.core.resources import Resources
from conflict_events.core.runner import run_article, run_candidate, timed
from conflict_events.core.stages import ARTICLE_STAGES, CANDIDATE_STAGES, candidates
from conflict_events.core.text import (
    Document,
    Sentence,
    TriggerHit,
    check_language,
    find_triggers,
    is_candidate,
)
from conflict_events.core.text import segment as segment_text
from conflict_events.geo import document_country, find_places

BATCH_SIZE = 64


@dataclass(frozen=True)
class ExtractionResult:
    """What ``extract`` returns for one article."""

    article_id: str
    status: Literal["processed", "skipped"]
    skip_reason: str | None
    language: str | None
    events: tuple[ConflictEvent, ...]
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class _Work:
    article: Article
    document: Document | None = None
    language: str | None = None
    skip_reason: str | None = None
    relevant: bool = True
    candidates: list[tuple[Sentence, tuple[TriggerHit, ...]]] = field(default_factory=list)
    docs: list[Any] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def _anchor(
    article: Article, ingested_at: datetime | None
) -> tuple[datetime, Literal["published_at", "ingested_at"]]:
    if article.published_at is not None:
        return article.published_at, "published_at"
    dateline = parse_dateline(article.text, reference_year=(ingested_at.year if ingested_at else None))
    if dateline is not None:
        return dateline, "published_at"
    # The only non-determinism: an article with neither a date nor an ingestion time is anchored to "now".
    return ingested_at or datetime.now(UTC), "ingested_at"


def _language(work: _Work, resources: Resources) -> _Work:
    verdict = check_language(work.article.text, resources.detect_language, declared=work.article.language)
    work.language, work.skip_reason = verdict.language, verdict.skip_reason
    return work


def _segment(work: _Work, resources: Resources) -> _Work:
    work.document = segment_text(work.article.text)
    return work


def _relevance(work: _Work, resources: Resources) -> _Work:
    assert work.document is not None
    work.relevant = reports_incident(work.article.text, len(work.document.sentences), resources.decisions)
    return work


def _triggers(work: _Work, resources: Resources) -> _Work:
    assert work.document is not None
    for sentence in work.document.sentences:
        hits = find_triggers(work.article.text, sentence, resources.lexicons.triggers)
        if is_candidate(work.article.text, sentence, hits):
            work.candidates.append((sentence, hits))
    return work


PREPARE_STEPS: tuple[tuple[str, Callable[[_Work, Resources], _Work]], ...] = (
    ("language", _language),
    ("segment", _segment),
    ("relevance", _relevance),
    ("triggers", _triggers),
)
"""The steps before parsing, in order (each timed under its name); a skip or the gate ends them."""


def _prepare(article: Article, resources: Resources) -> _Work:
    """Language check, segmentation, relevance gate and trigger prefilter (the stages before parsing).

    An article the gate turns away is processed with no event: no sentence of it is parsed."""
    work = _Work(article)
    for name, step in PREPARE_STEPS:
        _timed_step(work, name, step, resources)
        if work.skip_reason is not None or not work.relevant:
            break
    return work


def _timed_step(
    work: _Work, name: str, step: Callable[[_Work, Resources], _Work], resources: Resources
) -> None:
    start = time.perf_counter()
    step(work, resources)
    work.timings[name] = work.timings.get(name, 0.0) + time.perf_counter() - start


def _story_bounds(document: Document) -> dict[int, tuple[int, int]]:
    """``story index -> (first offset, end offset)`` of each story's paragraphs."""
    bounds: dict[int, tuple[int, int]] = {}
    for paragraph in document.paragraphs:
        lo, hi = bounds.get(paragraph.story_index, (paragraph.start, paragraph.end))
        bounds[paragraph.story_index] = (min(lo, paragraph.start), max(hi, paragraph.end))
    return bounds


def _context(work: _Work, resources: Resources, ingested_at: datetime | None) -> ArticleContext:
    """What the article's candidates share: place mentions, story countries, actor contexts, date anchor."""
    text, document = work.article.text, work.document
    assert document is not None
    mentions = find_places(text, resources.gazetteer)
    doc_country = document_country(mentions, text=text, gazetteer=resources.gazetteer)
    bounds = _story_bounds(document)
    story_country = {
        story: document_country(tuple(m for m in mentions if lo <= m.start < hi)) or doc_country
        for story, (lo, hi) in bounds.items()
    }
    lex = resources.lexicons
    contexts = {
        story: ActorContext(
            lex.actors,
            resources.gazetteer.country_for_word,
            lex.country_names,
            country,
            lex.triggers,
            resources.gazetteer.common_words,
            resources.gazetteer.is_city_metonym,
        )
        for story, country in story_country.items()
    }
    anchor, anchor_kind = _anchor(work.article, ingested_at)
    return ArticleContext(
        work.article, resources, document, tuple(mentions), anchor, anchor_kind, bounds, story_country,
        contexts, find_role_bindings(text),
    )  # fmt: skip


def _events(work: _Work, resources: Resources, ingested_at: datetime | None) -> tuple[ConflictEvent, ...]:
    """Every candidate through the candidate stages, then the article's events through the article stages."""
    if work.document is None or not work.candidates:
        return ()
    article_id, timings = work.article.id, work.timings
    ctx = _timed_context(work, resources, ingested_at)
    events: list[ConflictEvent] = []
    for (sentence, hits), doc in zip(work.candidates, work.docs, strict=True):
        found = timed(timings, "frames", article_id, candidates, (sentence, hits, doc), ctx)
        for candidate in found:
            event = run_candidate(candidate, ctx, CANDIDATE_STAGES, timings)
            if event is not None:
                events.append(event)
    return tuple(run_article(events, ctx, ARTICLE_STAGES, timings))


def _timed_context(work: _Work, resources: Resources, ingested_at: datetime | None) -> ArticleContext:
    start = time.perf_counter()
    ctx = _context(work, resources, ingested_at)
    work.timings["places"] = work.timings.get("places", 0.0) + time.perf_counter() - start
    return ctx


def extract_many(
    articles: Sequence[Article], resources: Resources, *, ingested_at: datetime | None = None
) -> list[ExtractionResult]:
    """Extract events from several articles, parsing all candidate sentences in one ``nlp.pipe`` batch."""
    works = [_prepare(article, resources) for article in articles]
    t0 = time.perf_counter()
    texts = [w.document.parse_text[s.start : s.end] for w in works if w.document for s, _ in w.candidates]
    docs = iter(resources.nlp.pipe(texts, batch_size=BATCH_SIZE))
    for work in works:
        work.docs = [next(docs) for _ in work.candidates]
        for doc, (sentence, _) in zip(work.docs, work.candidates, strict=True):
            doc.user_data[TEXT_KEY] = (
                work.document.parse_text[sentence.start : sentence.end] if work.document else ""
            )
    parse_seconds = time.perf_counter() - t0
    total_words = max(1, sum(len(t) for t in texts))
    results = []
    for work in works:
        share = sum(s.end - s.start for s, _ in work.candidates) / total_words
        work.timings["parse"] = parse_seconds * share
        events = _events(work, resources, ingested_at)
        work.timings["total"] = sum(work.timings.values())
        status: Literal["processed", "skipped"] = "skipped" if work.skip_reason else "processed"
        results.append(
            ExtractionResult(
                work.article.id,
                status,
                work.skip_reason,
                work.language,
                events,
                {k: round(v, 6) for k, v in work.timings.items()},
            )
        )
    return results


def extract(
    article: Article, resources: Resources, *, ingested_at: datetime | None = None
) -> ExtractionResult:
    """Extract the conflict events of one article (see the module docstring for the stages)."""
    return extract_many([article], resources, ingested_at=ingested_at)[0]


VIOLENCE_MARGIN = 0.15
"""Confidence a violent or protest event is given over another when the main event is picked: violence is
preferred, but not over an event the article tells with far more confidence (a troop deployment told in the
lead, the attack that prompted it named in passing).  Chosen on CASE-2021 dev: weighted F1 25 0.7976 at 1.0 (a
strict preference), 0.8020 at 0.4, 0.8044 at 0.3, 0.8063 from 0.2 to 0.1, 0.8039 at 0 (no preference)."""


def main_event(result: ExtractionResult) -> ConflictEvent | None:
    """The article's main event, for scoring one label per article.

    Rule: prefer events that happened (mode asserted or claimed), then events ACLED would record (an ACLED
    sub-event type), then the highest confidence, violence and protest counting ``VIOLENCE_MARGIN`` more,
    then the earliest.
    None when the article has no event.
    """
    if not result.events:
        return None

    def rank(event: ConflictEvent) -> tuple[bool, bool, float, int]:
        violent = event.category in ("violence", "protest")
        return (
            event.mode in ("asserted", "claimed"),
            event.acled_sub_event_type is not None,
            event.confidence + VIOLENCE_MARGIN * violent,
            -event.evidence.sentence.start,
        )

    return max(result.events, key=rank)
