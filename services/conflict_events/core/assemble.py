"""Event assembly: the validated ``ConflictEvent`` from one frame and its fields, with a deterministic id."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from conflict_events import __version__
from conflict_events.contracts import Actor, ConflictEvent, Evidence, Location, Span
from conflict_events.core.confidence import Evidence as ScoreEvidence
from conflict_events.core.confidence import pooled, score_event
from conflict_events.core.record import Candidate
from conflict_events.core.text.document import normalize_key

EXTRACTOR_VERSION = f"conflict-events/{__version__}"


def event_id(
    article_id: str, event_type: str, sentence_text: str, start: int, end: int, salt: str = ""
) -> str:
    """Deterministic id: article id + event type + normalised sentence content + sentence span (+ ``salt``,
    the trigger offset of a sentence's second event, so that two events of one sentence differ)."""
    key = f"{article_id}\x1f{event_type}\x1f{normalize_key(sentence_text)}\x1f{start}:{end}"
    if salt:
        key += f"\x1f{salt}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def summary_line(actors: Sequence[Actor], trigger_text: str, location: Location | None, mode: str) -> str:
    """Short readable line: sources, trigger, targets, place, mode.

    A target of no known kind is shown by its words ("-> the bakery"), not as "Unidentified".
    """
    sources = ", ".join(a.name for a in actors if a.role == "source") or "Unidentified"
    targets = ", ".join(
        a.text if a.actor_type is None and not a.named and a.text else a.name
        for a in actors
        if a.role == "target"
    )
    line = f"{sources}: {trigger_text}"
    if targets:
        line += f" -> {targets}"
    if location is not None:
        line += f" @ {location.name}"
    if mode != "asserted":
        line += f" ({mode})"
    return line


def drop_vague_actors(actors: Sequence[Actor]) -> list[Actor]:
    """Drop an actor without a country when the same kind is also named with one ("Military Forces" vs
    "Military Forces of Russia" in the same role)."""
    return [
        a
        for a in actors
        if a.country is not None
        or not any(
            b is not a and b.role == a.role and b.country and b.name.startswith(a.name) for b in actors
        )
    ]


def build_event(parts: Candidate, article_id: str, text: str) -> ConflictEvent:
    """The ``ConflictEvent`` of one candidate (spans are article-relative, read from ``text``)."""
    frame = parts.frame
    if parts.taxonomy is None or parts.date is None:
        raise ValueError("a candidate is assembled only after its date and taxonomy stages")
    sentence = frame.sentence
    trigger_text = text[frame.trigger.start : frame.trigger.end]
    confidence = score_event(
        ScoreEvidence(
            frame_score=frame.score,
            mode=parts.mode_name,
            named_actor=any(a.named for a in parts.actors),
            location=parts.location is not None,
            stated_date=not parts.date.fallback,
            attribution=parts.attribution is not None,
            headline=sentence.headline,
        )
    )
    parts.evidence_score = confidence
    if parts.learned_confidence is not None:
        confidence = pooled(confidence, parts.learned_confidence)
    tax = parts.taxonomy
    actors = drop_vague_actors(parts.actors)
    return ConflictEvent(
        event_id=event_id(
            article_id,
            tax.event_type,
            text[sentence.start : sentence.end],
            sentence.start,
            sentence.end,
            "" if parts.is_first else str(frame.trigger.start),
        ),
        article_id=article_id,
        event_type=tax.event_type,
        plover_mode=tax.plover_mode,
        acled_event_type=tax.acled_event_type,
        acled_sub_event_type=tax.acled_sub_event_type,
        cameo_root=tax.cameo_root,
        category=tax.category,
        mode=parts.mode_name,
        summary=summary_line(actors, trigger_text, parts.location, parts.mode_name),
        actors=actors,
        location=parts.location,
        date=parts.date,
        quantities=list(parts.quantities),
        attribution=parts.attribution,
        evidence=Evidence(
            sentence=Span(start=sentence.start, end=sentence.end, text=text[sentence.start : sentence.end]),
            trigger=Span(start=frame.trigger.start, end=frame.trigger.end, text=trigger_text),
            paragraph_index=sentence.paragraph_index,
            story_index=sentence.story_index,
        ),
        confidence=confidence,
        extractor_version=EXTRACTOR_VERSION,
    )
