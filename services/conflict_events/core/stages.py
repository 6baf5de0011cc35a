"""The declared extraction stages: each takes a ``Candidate`` and returns it (filled in) or None (dropped).

The order is the list ``CANDIDATE_STAGES`` below; ``ARTICLE_STAGES`` then run once over an article's events.
A stage has one job and reads its inputs from the record and the ``ArticleContext``; the runner
(``core.runner``) owns ordering, timing and error context, so no stage times or catches anything itself.
The rules that re-type or drop a candidate (violations, disasters, intents, official protests) are stages of
their own, in ``core.rules``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from conflict_events.contracts import ConflictEvent, Location, Span
from conflict_events.core.actors import find_actors, find_attribution
from conflict_events.core.actors.context import (
    PlaceWords,
    ethnic_countries,
    place_targets,
    protest_targets,
    titled_countries,
    unnamed_where,
)
from conflict_events.core.actors.roles import reaction_roles
from conflict_events.core.assemble import build_event
from conflict_events.core.dates import paragraph_dates, resolve_date, year_of_act
from conflict_events.core.dedup import merge_mentions
from conflict_events.core.frames import condemned_span, conjoined_frames, select_frame
from conflict_events.core.learned.apply import decide
from conflict_events.core.modes import detect_mode, mark_stale
from conflict_events.core.places import context_places, event_location
from conflict_events.core.quantities import extract_quantities
from conflict_events.core.record import ArticleContext, Candidate
from conflict_events.core.rules import (
    country_fallback,
    drop_background,
    drop_disasters,
    drop_formulas,
    frame_quantities,
    incident_mentions,
    mark_habitual,
    mark_violation,
    official_protest_stage,
    protest_demand_stage,
    retype_intent,
    seizure_mentions,
    violation_accuser,
)
from conflict_events.core.sites import event_site, fill_site
from conflict_events.core.taxonomy import act_mode, classify
from conflict_events.core.text import Sentence, TriggerHit

MIN_EVENT_CONFIDENCE = 0.4
"""Events scored below this are not emitted (see docs/confidence.md)."""

CandidateFn = Callable[[Candidate, ArticleContext], "Candidate | None"]
ArticleFn = Callable[[list[ConflictEvent], ArticleContext], list[ConflictEvent]]


@dataclass(frozen=True)
class Stage:
    """A named candidate stage (the name keys the timings and error messages)."""

    name: str
    run: CandidateFn


@dataclass(frozen=True)
class ArticleStage:
    """A named stage over all events of one article (merging, fallbacks)."""

    name: str
    run: ArticleFn


ParsedSentence = tuple[Sentence, tuple[TriggerHit, ...], Any]
"""A candidate sentence, its trigger hits and its spaCy parse."""


def candidates(parsed: ParsedSentence, ctx: ArticleContext) -> list[Candidate]:
    """The frames stage: one candidate per frame of a parsed sentence (none when no trigger makes a frame)."""
    sentence, hits, doc = parsed
    types = ctx.resources.lexicons.event_types
    first = select_frame(doc, sentence, hits, types)
    if first is None:
        return []
    frames = conjoined_frames(doc, first, hits, types)
    return [Candidate(sentence, doc, frame, frames, frame.event_type) for frame in frames]


def quantities(candidate: Candidate, ctx: ArticleContext) -> Candidate:
    """Counts of the sentence (read once per sentence), then the ones that belong to this frame."""
    sentence, doc = candidate.sentence, candidate.doc
    found = ctx.sentence_quantities.get(sentence.start)
    if found is None:
        s0 = sentence.start
        numbers = tuple((s0 + e.start_char, s0 + e.end_char) for e in doc.ents if e.label_ == "CARDINAL")
        found = extract_quantities(ctx.text, (s0, sentence.end), number_spans=numbers)
        ctx.sentence_quantities[sentence.start] = found
    candidate.quantities = frame_quantities(found, candidate.frame, candidate.frames)
    return candidate


def actors(candidate: Candidate, ctx: ArticleContext) -> Candidate:
    """Source and target actors from the parse around the trigger."""
    frame = candidate.frame
    candidate.actors = find_actors(
        candidate.doc,
        frame.token_i,
        ctx.resources.lexicons.event_types[frame.event_type],
        candidate.sentence.start,
        ctx.text,
        ctx.actor_contexts[candidate.story],
    )
    return candidate


def context_countries(candidate: Candidate, ctx: ArticleContext) -> Candidate:
    """States the sentence gives the act: places it is done to become targets, so do the states a protest
    is directed at, an ethnic group placed in a state is that state's, title-holders without a country
    take the sentence's one evident country and an unnamed source the country of the event's place (see
    ``core.actors.context``)."""
    s0, s1 = candidate.sentence.start, candidate.sentence.end
    places = tuple(
        PlaceWords(m.start, m.end, ctx.text[m.start : m.end], m.country)
        for m in ctx.mentions
        if s0 <= m.start < s1 and m.country
    )
    actor_ctx = ctx.actor_contexts[candidate.story]
    frame = candidate.frame
    facts = ctx.resources.lexicons.event_types[frame.event_type]
    found = place_targets(
        candidate.doc, frame.token_i, facts, s0, places, candidate.actors, actor_ctx.country_names
    )
    found = protest_targets(candidate.doc, frame.token_i, facts, s0, ctx.text, found, actor_ctx)
    found = ethnic_countries(candidate.doc, s0, places, found, actor_ctx)
    found = titled_countries(candidate.doc, places, found, actor_ctx)
    place = candidate.location
    candidate.actors = unnamed_where(found, place.country if place is not None else None)
    return candidate


def location(candidate: Candidate, ctx: ArticleContext) -> Candidate:
    """The place of the event among the sentence's place mentions, and the site inside it its clause names."""
    s0, s1 = candidate.sentence.start, candidate.sentence.end
    found = event_location(
        tuple(m for m in ctx.mentions if s0 <= m.start < s1),
        candidate.doc,
        s0,
        candidate.frame.token_i,
        ctx.resources.gazetteer,
        document_country=ctx.story_country[candidate.story],
    )
    site = event_site(candidate.doc, candidate.frame.token_i, s0, ctx.text)
    _record_sites(candidate, ctx, found, site)
    candidate.location = found.model_copy(update={"site": site}) if found is not None and site else found
    return candidate


SUPPORT_SITES = 4
"""At most this many other trigger words of the frame's act are read for a site (a run-on sentence has
thousands)."""


def _record_sites(
    candidate: Candidate, ctx: ArticleContext, found: Location | None, clause_site: Span | None
) -> None:
    """Sites of the frame's clause (``clause_site``, already read by ``location``), then of the other words
    of its act in the sentence ("the explosion targeted a bakery, in what the mayor called an attack"), for
    ``sites.fill_site``; each with the sentence's place, unless that place is the site itself ("at Oxford
    St")."""
    doc, s0 = candidate.doc, candidate.sentence.start
    hits = candidate.frame.support[:SUPPORT_SITES]
    words = [doc.char_span(h.start - s0, h.end - s0, alignment_mode="expand") for h in hits]
    heads = [w.root.i for w in words if w is not None and len(w)]
    sites = [(candidate.frame.token_i, clause_site), *((i, event_site(doc, i, s0, ctx.text)) for i in heads)]
    for i, site in sites:
        if site is None:
            continue
        within = found is not None and found.span is not None and site.start <= found.span.start < site.end
        place = found.name if found is not None and not within else None
        ctx.sites.setdefault(s0, []).append((s0 + doc[i].idx, site, place))


def event_sites(events: list[ConflictEvent], ctx: ArticleContext) -> list[ConflictEvent]:
    """Each event placed outside its clause takes the site its mentions name (see ``sites.fill_site``)."""
    return [fill_site(e, ctx.sites) for e in events]


def date(candidate: Candidate, ctx: ArticleContext) -> Candidate:
    """When it happened, resolved against the article's anchor date."""
    s0, s1 = candidate.sentence.start, candidate.sentence.end
    spans = tuple(
        (s0 + e.start_char, s0 + e.end_char) for e in candidate.doc.ents if e.label_ in ("DATE", "TIME")
    )
    condemned = condemned_span(candidate.doc, candidate.frame.token_i)
    window = (s0, s1) if condemned is None else (s0 + condemned[0], s0 + condemned[1])
    found = resolve_date(
        ctx.text,
        window,
        spans,
        anchor=ctx.anchor,
        anchor_kind=ctx.anchor_kind,
        parser=ctx.resources.date_parser,
    )
    candidate.date = year_of_act(candidate.doc, candidate.frame.token_i, s0, found)
    return candidate


def mode(candidate: Candidate, ctx: ArticleContext) -> Candidate:
    """Epistemic mode from the parse and the mode lexicon (negated, claimed, planned, ...)."""
    candidate.mode = detect_mode(
        candidate.doc, candidate.frame.token_i, ctx.resources.lexicons.modes, candidate.quantities
    )
    candidate.mode_name = candidate.mode.mode
    return candidate


def attribution(candidate: Candidate, ctx: ArticleContext) -> Candidate:
    """Who says so; a confident named source becomes the story's running speaker for later sentences."""
    lo, hi = ctx.story_bounds[candidate.story]
    found = find_attribution(
        candidate.doc,
        candidate.frame.token_i,
        candidate.sentence.start,
        ctx.text,
        ctx.resources.lexicons.reports,
        last_speaker=ctx.last_speaker.get(candidate.story),
        bindings=tuple(b for b in ctx.bindings if lo <= b.start < hi),
        country_for_word=ctx.resources.gazetteer.country_for_word,
    )
    if found is not None and found.confidence >= 0.8:
        ctx.last_speaker[candidate.story] = found.span
    candidate.attribution = found
    return candidate


PASSAGE_CHARS = 500
"""How far around its sentence (inside its paragraph) an event's passage reaches: bounded, so that the work
per event does not grow with the paragraph."""


def passage(ctx: ArticleContext, sentence: Sentence) -> str:
    """The text around ``sentence`` inside its paragraph, up to ``PASSAGE_CHARS`` either side."""
    lo, hi = sentence.start, sentence.end
    for paragraph in ctx.document.paragraphs:
        if paragraph.index == sentence.paragraph_index:
            lo, hi = paragraph.start, paragraph.end
            break
    return ctx.text[max(lo, sentence.start - PASSAGE_CHARS) : min(hi, sentence.end + PASSAGE_CHARS)]


def taxonomy(candidate: Candidate, ctx: ArticleContext) -> Candidate:
    """PLOVER, ACLED and CAMEO codes; the mode word is the act's (``act_mode``), the hint the frame's."""
    frame, text = candidate.frame, ctx.text
    candidate.taxonomy = classify(
        candidate.event_type,
        plover_mode=act_mode(frame, candidate.event_type, candidate.doc, text, ctx.resources.lexicons),
        hint=None if candidate.event_type == "ACCUSE" and frame.event_type == "PROTEST" else frame.acled_hint,
        trigger_words=text[frame.trigger.start : frame.trigger.end],
        actors=candidate.actors,
        sentence=_unattributed(candidate, text),
        mode=candidate.mode_name,
        crosswalk=ctx.resources.lexicons.crosswalk,
        event_types=ctx.resources.lexicons.event_types,
        actor_lexicon=ctx.resources.lexicons.actors,
        context=passage(ctx, candidate.sentence),
    )
    return candidate


def _unattributed(candidate: Candidate, text: str) -> str:
    """The sentence with its reporting source blanked: "police said" tells who reports the act, not a side
    of it (the words of armed sides in a sentence tell a clash)."""
    start, end = candidate.sentence.start, candidate.sentence.end
    sentence = text[start:end]
    said = candidate.attribution.span if candidate.attribution is not None else None
    if said is None or not start <= said.start < said.end <= end:
        return sentence
    a, b = said.start - start, said.end - start
    return sentence[:a] + " " * (b - a) + sentence[b:]


def assemble(candidate: Candidate, ctx: ArticleContext) -> Candidate:
    """The validated ``ConflictEvent``, with its confidence and deterministic id."""
    candidate.event = build_event(candidate, ctx.article.id, ctx.text)
    return candidate


def confident(candidate: Candidate, ctx: ArticleContext) -> Candidate | None:
    """Drop events whose evidence scores below ``MIN_EVENT_CONFIDENCE`` (the rules' score: the model's
    probability enters the emitted confidence, not this gate; its own gate is the relevance head)."""
    score = candidate.evidence_score
    return (
        candidate
        if candidate.event is not None and score is not None and score >= MIN_EVENT_CONFIDENCE
        else None
    )


def stale_events(events: list[ConflictEvent], ctx: ArticleContext) -> list[ConflictEvent]:
    """An asserted incident the text dates long before the publication day is historical (after merging,
    so every mention of it has joined, and after paragraph dates, so the date is the one it keeps)."""
    return [mark_stale(e, ctx.anchor, ctx.anchor_kind) for e in events]


def dedup(events: list[ConflictEvent], ctx: ArticleContext) -> list[ConflictEvent]:
    """Merge later mentions of one event into the first."""
    return merge_mentions(events, ctx.resources.lexicons.event_types.where("strict_merge"))


CANDIDATE_STAGES: tuple[Stage, ...] = (
    Stage("quantities", quantities),
    Stage("actors", actors),
    Stage("roles", reaction_roles),
    Stage("violation", mark_violation),
    Stage("places", location),
    Stage("context_countries", context_countries),
    Stage("dates", date),
    Stage("mode", mode),
    Stage("attribution", attribution),
    Stage("accuser", violation_accuser),
    Stage("disaster", drop_disasters),
    Stage("habitual", mark_habitual),
    Stage("formula", drop_formulas),
    Stage("intent", retype_intent),
    Stage("protest_demand", protest_demand_stage),
    Stage("official_protest", official_protest_stage),
    Stage("taxonomy", taxonomy),
    Stage("decide", decide),
    Stage("assemble", assemble),
    Stage("confidence", confident),
)
"""Every candidate goes through these, in this order, until one drops it."""

ARTICLE_STAGES: tuple[ArticleStage, ...] = (
    ArticleStage("background", drop_background),
    ArticleStage("dedup", dedup),
    ArticleStage("incidents", incident_mentions),
    ArticleStage("seizures", seizure_mentions),
    ArticleStage("paragraph_dates", paragraph_dates),
    ArticleStage("stale", stale_events),
    ArticleStage("context_place", context_places),
    ArticleStage("country_fallback", country_fallback),
    ArticleStage("sites", event_sites),
)
"""Then the article's events go through these (after scoring, so a fallback never raises confidence)."""
