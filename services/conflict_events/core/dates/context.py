"""The date of an event whose sentences state none, read from earlier in its paragraph.

A report tells an incident over several sentences and dates it once: "Gunmen raided Olt on Tuesday. Two
guards were shot dead at the gate." An event read only from sentences with no date words falls back to the
publication day; it takes instead the nearest earlier day stated in its paragraph (the date span stays the one
that was read, the confidence is lower, "the next day" counts from it). Only a day counts as context: a year
or "since 2015" says nothing about the next sentence's act.

This is an article stage after the incidents stage: while mentions are merged, a sentence without a date
still fits any incident; only an event that stays undated afterwards takes its paragraph's day.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conflict_events.contracts import ConflictEvent, EventDate
from conflict_events.core.dates.resolve import resolve_date

if TYPE_CHECKING:
    from conflict_events.core.record import ArticleContext
    from conflict_events.core.text import Sentence

MAX_LOOKBACK = 4
"""Earlier sentences of the paragraph read, nearest first."""


def _resolve(sentence: Sentence, ctx: ArticleContext, context: EventDate | None = None) -> EventDate:
    return resolve_date(
        ctx.text,
        (sentence.start, sentence.end),
        (),
        anchor=ctx.anchor,
        anchor_kind=ctx.anchor_kind,
        parser=ctx.resources.date_parser,
        context=context,
    )


def paragraph_date(sentence: Sentence, ctx: ArticleContext) -> EventDate | None:
    """The nearest day stated before ``sentence`` in its paragraph, None when there is none."""
    earlier = [
        s
        for s in ctx.document.sentences
        if s.paragraph_index == sentence.paragraph_index and s.end <= sentence.start
    ]
    for s in reversed(earlier[-MAX_LOOKBACK:]):
        found = _resolve(s, ctx)
        if not found.fallback:
            return found if found.granularity == "day" else None
    return None


def paragraph_dates(events: list[ConflictEvent], ctx: ArticleContext) -> list[ConflictEvent]:
    """Article stage: an event dated by the anchor fallback takes the day stated earlier in its paragraph."""
    by_start = {s.start: s for s in ctx.document.sentences}
    out: list[ConflictEvent] = []
    for event in events:
        sentence = by_start.get(event.evidence.sentence.start)
        if event.date is None or not event.date.fallback or sentence is None or sentence.headline:
            out.append(event)
            continue
        context = paragraph_date(sentence, ctx)
        dated = None if context is None else _resolve(sentence, ctx, context)
        keep = dated is None or dated.fallback
        out.append(event if keep else event.model_copy(update={"date": dated}))
    return out
