"""Small builders of valid events and a scripted extractor, for scorer tests and examples.

They let the scorers be checked on hand-made gold files with known answers, without the NLP core.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from conflict_events.contracts import (
    Actor,
    Article,
    Attribution,
    ConflictEvent,
    EventDate,
    Evidence,
    Location,
    Quantity,
    Span,
)

from .records import Outcome


def span(text: str, start: int = 0) -> Span:
    """A span holding ``text`` at ``start``."""
    return Span(start=start, end=start + len(text), text=text)


def location(name: str, country: str | None = None, *, start: int = 0, geo_precision: int = 1) -> Location:
    """A location read from ``name`` at ``start``."""
    return Location(
        name=name, span=span(name, start), country=country, geo_precision=geo_precision, reason="test"
    )


def actor(text: str, role: str = "source", country: str | None = None, *, start: int = 0) -> Actor:
    """A named actor read from ``text`` at ``start``."""
    return Actor.model_validate(
        {
            "role": role,
            "text": text,
            "span": span(text, start),
            "name": text,
            "named": True,
            "country": country,
        }
    )


def quantity(kind: str, low: int, high: int | None = None, *, text: str = "n", start: int = 0) -> Quantity:
    """A count of ``kind`` between ``low`` and ``high`` (``best`` = ``low``)."""
    return Quantity.model_validate(
        {
            "kind": kind,
            "min": low,
            "max": high if high is not None else low,
            "best": low,
            "qualifier": "exact" if high in (None, low) else "vague",
            "text": text,
            "span": span(text, start),
            "acled_field": kind == "killed",
        }
    )


def event(event_type: str = "ASSAULT", **fields: Any) -> ConflictEvent:
    """A valid event with neutral defaults; any ``ConflictEvent`` field can be overridden.

    Extra keywords: ``sentence`` (evidence sentence text), ``on`` (event date), ``date_span`` (the
    date words and start offset), ``time_precision``.
    """
    sentence = fields.pop("sentence", "A sentence.")
    on = fields.pop("on", date(2020, 1, 1))
    date_span = fields.pop("date_span", None)
    precision = fields.pop("time_precision", 1)
    when = EventDate(
        text=date_span[0] if date_span else None,
        span=span(*date_span) if date_span else None,
        start=on,
        end=on,
        granularity="day",
        time_precision=precision,
        anchor="published_at",
        fallback=date_span is None,
    )
    base: dict[str, Any] = {
        "event_id": fields.pop("event_id", f"e-{event_type}-{sentence[:10]}"),
        "article_id": "a",
        "event_type": event_type,
        "cameo_root": "18",
        "category": "violence",
        "mode": "asserted",
        "summary": sentence,
        "actors": [],
        "location": None,
        "date": when,
        "quantities": [],
        "attribution": None,
        "confidence": 0.5,
        "extractor_version": "test",
        "evidence": Evidence(
            sentence=span(sentence), trigger=span(sentence[:1]), paragraph_index=0, story_index=0
        ),
    }
    base.update(fields)
    return ConflictEvent.model_validate(base)


def attribution(source: str) -> Attribution:
    """An attribution to ``source`` with the cue "said"."""
    return Attribution(source=source, cue="said", span=span(source))


def scripted_extractor(
    script: Mapping[str, Sequence[ConflictEvent]], *, fail: frozenset[str] = frozenset()
) -> Callable[[Sequence[Article]], list[Outcome]]:
    """An extractor answering from ``script`` by article id; ids in ``fail`` come back as errors."""

    def run(articles: Sequence[Article]) -> list[Outcome]:
        out = []
        for a in articles:
            if a.id in fail:
                out.append(Outcome(error="ValueError: scripted failure"))
                continue
            events = tuple(script.get(a.id, ()))
            out.append(Outcome(events=events, main=events[0] if events else None))
        return out

    return run
