"""The extraction entry point: article in, validated ``ConflictEvent``s out (pure, deterministic).

Stages, each in its own module: clean and segment (``document``) -> language check (``language``) -> sentence
candidates (``triggers``) -> parse (spaCy, batched through ``nlp.pipe``, candidate sentences only) -> event
frames (``frames``) -> quantities (``quantities``) -> actors (``actors``) -> place (``places``) -> time
(``dates``) -> mode (``modes``) and attribution (``attribution``) -> taxonomy (``taxonomy``) -> confidence
(``confidence``) -> event assembly (``assemble``) -> deduplication (``dedup``).

Example:
    >>> resources = load_resources()  # doctest: +SKIP
    >>> article = Article(id="a1", text="Gunmen killed 3 people in Kano on Monday.")
    >>> extract(article, resources).status  # doctest: +SKIP
    'processed'
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from conflict_events.contracts import Article, ConflictEvent
from conflict_events.core.actors import ActorContext, actor_from_words, find_actors
from conflict_events.core.assemble import EventParts, build_event
from conflict_events.core.attribution import find_attribution, find_role_bindings
from conflict_events.core.dates import parse_dateline, resolve_date
from conflict_events.core.dedup import merge_mentions
from conflict_events.core.document import Document, Sentence, segment
from conflict_events.core.frames import conjoined_frames, select_frame
from conflict_events.core.language import check_language
from conflict_events.core.modes import detect_mode
from conflict_events.core.names import TEXT_KEY
from conflict_events.core.places import event_location
from conflict_events.core.quantities import extract_quantities
from conflict_events.core.sentence_rules import (
    frame_quantities,
    intent_type,
    is_disaster,
    official_protest,
    with_country_fallback,
)
from conflict_events.core.taxonomy import classify
from conflict_events.core.triggers import TriggerHit, find_triggers, is_candidate
from conflict_events.geo import country_location, document_country, find_places
from conflict_events.resources import Resources

BATCH_SIZE = 64
MIN_EVENT_CONFIDENCE = 0.4
VIOLATION = "<violation>"


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
    candidates: list[tuple[Sentence, tuple[TriggerHit, ...]]] = field(default_factory=list)
    docs: list[Any] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def _tick(work: _Work, stage: str, since: float) -> float:
    now = time.perf_counter()
    work.timings[stage] = work.timings.get(stage, 0.0) + now - since
    return now


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


def _prepare(article: Article, resources: Resources) -> _Work:
    work = _Work(article)
    t0 = time.perf_counter()
    verdict = check_language(article.text, resources.detect_language, declared=article.language)
    work.language, work.skip_reason = verdict.language, verdict.skip_reason
    t0 = _tick(work, "language", t0)
    if work.skip_reason is not None:
        return work
    document = segment(article.text)
    work.document = document
    t0 = _tick(work, "segment", t0)
    for sentence in document.sentences:
        hits = find_triggers(article.text, sentence, resources.lexicons.triggers)
        if is_candidate(article.text, sentence, hits):
            work.candidates.append((sentence, hits))
    _tick(work, "triggers", t0)
    return work


def _story_bounds(document: Document) -> dict[int, tuple[int, int]]:
    """``story index -> (first offset, end offset)`` of each story's paragraphs."""
    bounds: dict[int, tuple[int, int]] = {}
    for paragraph in document.paragraphs:
        lo, hi = bounds.get(paragraph.story_index, (paragraph.start, paragraph.end))
        bounds[paragraph.story_index] = (min(lo, paragraph.start), max(hi, paragraph.end))
    return bounds


def _events(work: _Work, resources: Resources, ingested_at: datetime | None) -> tuple[ConflictEvent, ...]:
    article, document = work.article, work.document
    if document is None or not work.candidates:
        return ()
    text = article.text
    t0 = time.perf_counter()
    mentions = find_places(text, resources.gazetteer)
    doc_country = document_country(mentions, text=text, gazetteer=resources.gazetteer)
    t0 = _tick(work, "places", t0)
    anchor, anchor_kind = _anchor(article, ingested_at)
    lex = resources.lexicons
    story_ends = _story_bounds(document)
    story_country = {
        story: document_country(tuple(m for m in mentions if lo <= m.start < hi)) or doc_country
        for story, (lo, hi) in story_ends.items()
    }
    contexts = {
        story: ActorContext(
            lex.actors, resources.gazetteer.country_for_word, lex.country_names, country, lex.triggers.regex
        )
        for story, country in story_country.items()
    }
    bindings = find_role_bindings(text)
    last_speaker: dict[int, Any] = {}
    events: list[ConflictEvent] = []
    for (sentence, hits), doc in zip(work.candidates, work.docs, strict=True):
        s0, s1 = sentence.start, sentence.end
        first = select_frame(doc, sentence, hits)
        t0 = _tick(work, "frames", t0)
        if first is None:
            continue
        frames = conjoined_frames(doc, first, hits)
        first = frames[0]
        numbers = tuple((s0 + e.start_char, s0 + e.end_char) for e in doc.ents if e.label_ == "CARDINAL")
        sentence_quantities = extract_quantities(text, (s0, s1), number_spans=numbers)
        t0 = _tick(work, "quantities", t0)
        for frame in frames:
            quantities = frame_quantities(sentence_quantities, frame, frames)
            actor_ctx = contexts[sentence.story_index]
            actors = find_actors(doc, frame.token_i, frame.event_type, s0, text, actor_ctx)
            violation = (
                frame.acled_hint == VIOLATION
            )  # "X broke the ceasefire": X is accused, the reporter accuses
            if violation:
                actors = tuple(a.model_copy(update={"role": "target"}) for a in actors)
            t0 = _tick(work, "actors", t0)
            inside = tuple(m for m in mentions if s0 <= m.start < s1)
            location = event_location(
                inside,
                doc,
                s0,
                frame.token_i,
                resources.gazetteer,
                document_country=story_country[sentence.story_index],
            )
            t0 = _tick(work, "places", t0)
            date_spans = tuple(
                (s0 + e.start_char, s0 + e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")
            )
            date = resolve_date(
                text,
                (s0, s1),
                date_spans,
                anchor=anchor,
                anchor_kind=anchor_kind,
                parser=resources.date_parser,
            )
            t0 = _tick(work, "dates", t0)
            mode = detect_mode(doc, frame.token_i, lex.modes, quantities)
            lo, hi = story_ends[sentence.story_index]
            story_bindings = tuple(b for b in bindings if lo <= b.start < hi)
            attribution = find_attribution(
                doc,
                frame.token_i,
                s0,
                text,
                lex.reports,
                last_speaker=last_speaker.get(sentence.story_index),
                bindings=story_bindings,
                country_for_word=resources.gazetteer.country_for_word,
            )
            if attribution is not None and attribution.confidence >= 0.8:
                last_speaker[sentence.story_index] = attribution.span
            if violation and attribution is not None:
                accuser = actor_from_words(attribution.source, attribution.span, "source", actor_ctx)
                actors = (accuser, *actors) if accuser is not None else actors
            t0 = _tick(work, "mode", t0)
            if is_disaster(frame, actors, text[s0:s1]):
                continue  # "killed when their bus plunged off a bridge": an accident, not an attack
            event_type, mode_name = intent_type(frame.event_type, mode.mode, attribution is not None)
            if event_type == "PROTEST" and official_protest(frame, actors, doc):
                event_type = (
                    "ACCUSE"  # "the ministry protested the decision": a formal complaint, PLOVER ACCUSE
                )
            taxonomy = classify(
                event_type,
                frame.plover_mode if event_type == frame.event_type else None,
                None if event_type == "ACCUSE" and frame.event_type == "PROTEST" else frame.acled_hint,
                text[frame.trigger.start : frame.trigger.end],
                actors,
                text[s0:s1],
                mode_name,
                lex.crosswalk,
            )
            event = build_event(
                EventParts(
                    article.id,
                    frame,
                    taxonomy,
                    mode_name,
                    actors,
                    location,
                    date,
                    quantities,
                    attribution,
                    id_salt="" if frame is first else str(frame.trigger.start),
                ),
                text,
            )
            t0 = _tick(work, "assemble", t0)
            if event.confidence >= MIN_EVENT_CONFIDENCE:
                events.append(event)
    merged = merge_mentions(events)
    _tick(work, "dedup", t0)
    fallback = {story: country_location(resources.gazetteer, c) for story, c in story_country.items()}
    return tuple(with_country_fallback(e, story_ends, fallback) for e in merged)


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


def main_event(result: ExtractionResult) -> ConflictEvent | None:
    """The article's main event, for scoring one label per article.

    Rule: prefer events that happened (mode asserted or claimed), then events ACLED would record (an ACLED
    sub-event type), then violence and protest over the rest, then the highest confidence, then the earliest.
    None when the article has no event.
    """
    if not result.events:
        return None

    def rank(event: ConflictEvent) -> tuple[bool, bool, bool, float, int]:
        return (
            event.mode in ("asserted", "claimed"),
            event.acled_sub_event_type is not None,
            event.category in ("violence", "protest"),
            event.confidence,
            -event.evidence.sentence.start,
        )

    return max(result.events, key=rank)
