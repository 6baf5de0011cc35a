"""Countries the sentence around a frame gives its actors: places the act is done to, and title-holders.

Two readings CAMEO and PLOVER code that the grammar of subjects and objects misses:

* a state or place named in a prepositional argument of the act is its target state: aid or sanctions "to
  X", a visit that "arrived in <city>", a curfew "in <town>", a withdrawal "from <country>", links "with X",
  a blockade "of X" (a town stands for its country).  Added only when no target carries a country yet, with
  low confidence and no name of its own (the words name a place, not a group).
* a titled person written without a country ("President <Name>", "King <Name>") belongs to the one country
  the sentence evidently speaks of, once the states on the other side are set aside ("President X
  threatened action against Russia" does not make X Russian, "President X banned the Kenyan opposition"
  makes X Kenyan).  Lower confidence: the country is inferred (the Actor contract has no reason field).

Both are pure functions of the parse, the sentence's place mentions and the actor context.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from conflict_events.contracts import Actor
from conflict_events.contracts import Span as TextSpan
from conflict_events.core.actors.find import (
    IGO,
    ActorContext,
    _clause_verb,
    _phrase,
    _stance,
    _word_runs,
    type_phrase,
)
from conflict_events.core.lexicons import EventTypeFacts


@dataclass(frozen=True)
class PlaceWords:
    """A gazetteer place mention of the sentence (article-relative offsets) and its country."""

    start: int
    end: int
    text: str
    country: str


PLACE_PREPS = frozenset({"in", "to", "into", "with", "against", "on", "of", "for", "from", "over"})
"""Prepositions whose object, a state or place, is what the act is done to, given to or withdrawn from."""
MAX_PLACE_TARGETS = 2
PLACE_CONFIDENCE = 0.4
TITLE_CONFIDENCE = 0.45


def _anchors(trigger: Token) -> set[int]:
    """Tokens whose prepositions carry the act's arguments: the trigger, its clause verb, their conjuncts and
    complements, the nouns they take as objects, and the nouns an act noun takes with "of"."""
    verb = _clause_verb(trigger)
    heads = {trigger, verb, *trigger.conjuncts}
    heads |= {c for h in list(heads) for c in h.children if c.dep_ == "xcomp" and c.tag_.startswith("VB")}
    nouns = {
        c for h in heads for c in h.children if c.dep_ in ("dobj", "nsubjpass") and c.tag_ in ("NN", "NNS")
    }
    nouns |= {
        g
        for h in (trigger, *nouns)
        for p in h.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for g in p.children
        if g.dep_ == "pobj" and g.tag_ in ("NN", "NNS")
    }
    return {t.i for t in heads | nouns}


def _argument_of_act(token: Token, anchors: set[int], preps: frozenset[str]) -> bool:
    """The place word hangs (through "the town of", a compound or a conjunct) off a preposition of the act."""
    current = token
    for _ in range(5):
        if current.dep_ == "pobj" and current.head.dep_ == "prep":
            prep = current.head
            if prep.lower_ in preps and prep.head.i in anchors:
                return True
            if prep.lower_ == "of" and prep.head.tag_ in ("NN", "NNS") and prep.head.dep_ == "pobj":
                current = prep.head  # "in the town of X": the town is the argument
                continue
            return False
        if current.dep_ in ("compound", "conj", "appos", "amod") and current.head.i != current.i:
            current = current.head
            continue
        return False
    return False


def place_targets(
    doc: Doc,
    trigger_i: int,
    facts: EventTypeFacts,
    offset: int,
    places: Sequence[PlaceWords],
    actors: Sequence[Actor],
    country_names: Mapping[str, str],
) -> tuple[Actor, ...]:
    """The event's actors with the states of the places its act is done to added as targets (see module).

    Nothing is added when a target already has a country, for acts whose places are only where they happen
    (``place_target`` no in the event-type table: "seized the town of X", "deployed troops to X"), or for
    the place an act of harm is done from ("detained the men from the border town").
    """
    if not facts.place_target or any(a.role == "target" and a.country for a in actors):
        return tuple(actors)
    preps = PLACE_PREPS - {"from"} if facts.object_harmed else PLACE_PREPS
    anchors = _anchors(doc[trigger_i])
    taken = {a.country for a in actors if a.role == "source" and a.span is not None and a.country}
    found: list[Actor] = []
    for place in places:
        span = doc.char_span(place.start - offset, place.end - offset, alignment_mode="expand")
        if span is None or not _argument_of_act(span.root, anchors, preps):
            continue
        if place.country in {a.country for a in found} or len(found) >= MAX_PLACE_TARGETS:
            continue
        if place.country in taken and place.text == country_names.get(place.country):
            continue  # "Israel reimposed ... on Israel" reads nothing new
        words = TextSpan(start=place.start, end=place.end, text=place.text)
        name = country_names.get(place.country, place.country)
        found.append(
            Actor(
                role="target",
                text=place.text,
                span=words,
                name=name,
                named=False,
                country=place.country,
                confidence=PLACE_CONFIDENCE,
            )
        )
    return (*actors, *found)


MAX_NAMED_FOR_TITLE = 2
"""A sentence naming more countries than the other side's and one more tells too many stories to guess."""
TITLES = re.compile(
    r"\b(?:president|vice[- ]president|prime minister|premier|king|queen|emir|sheikh|sultan|crown prince"
    r"|prince|chancellor|minister|governor|general|gen\.|colonel|col\.|leader|chairman|speaker|senator|mayor"
    r"|ambassador|foreign secretary|secretary of state|dictator|strongman|ruler|monarch|field marshal)\b",
    re.IGNORECASE,
)
"""Words of an office held by one person: the holder is a state's man when no country is written."""


def _titled(actor: Actor) -> bool:
    return (
        actor.country is None
        and actor.span is not None
        and actor.named
        and any(w[:1].isupper() for w in actor.text.split()[1:] or actor.text.split())
        and TITLES.search(actor.text) is not None
    )


PURPOSE_DEPS = frozenset({"xcomp", "advcl", "acl", "prep"})
PURPOSE_PREPS = frozenset({"in", "against", "over"})
PURPOSE_NOUNS = frozenset({"protest", "defiance", "opposition", "response", "anger", "outrage"})
MAX_PROTEST_TARGETS = 2


def _purpose_roots(trigger: Token) -> list[Token]:
    """What a protest is for or against: "to demand ...", "calling for ...", "in protest against ...",
    "in defiance of ...", hanging off the protest word or its clause verb."""
    roots = []
    for owner in {trigger, _clause_verb(trigger)}:
        for child in owner.children:
            if child.dep_ not in PURPOSE_DEPS or (child.dep_ == "prep" and child.lower_ not in PURPOSE_PREPS):
                continue
            if child.lower_ == "in" and not any(g.lower_ in PURPOSE_NOUNS for g in child.children):
                continue  # "marched in the capital" says where, "in protest against X" what for
            roots.append(child)
    return roots


def protest_targets(
    doc: Doc,
    trigger_i: int,
    facts: EventTypeFacts,
    offset: int,
    text: str,
    actors: Sequence[Actor],
    ctx: ActorContext,
) -> tuple[Actor, ...]:
    """A protest's target is the state it is directed at: the government, forces or office-holder named in
    what the protest demands or opposes ("to demand reforms by the Kenyan government", "calling for the
    removal of President X", "in protest against abuses by the security forces").  Others named there
    (reforms, property, the protesters' own people) are no targets, nor is a state whose country only the
    story would give ("to demand more action from the government")."""
    if facts.category != "protest":
        return tuple(actors)
    seen = {(a.role, a.name) for a in actors}
    found: list[Actor] = []
    own_words = replace(ctx, document_country=None)  # "demand action from the government": whose, unsaid
    for root in _purpose_roots(doc[trigger_i]):
        for token in root.subtree:
            if len(found) >= MAX_PROTEST_TARGETS:
                break
            if token.tag_ not in ("NN", "NNS", "NNP", "NNPS") or token.dep_ in ("compound", "amod", "poss"):
                continue
            for actor in type_phrase(_phrase(token), "target", offset, text, own_words):
                if not _state_side(actor) or actor.sector == "IGO" or (actor.role, actor.name) in seen:
                    continue
                if actor.country is None and not _titled(actor):
                    continue
                seen.add((actor.role, actor.name))
                found.append(actor)
    return (*actors, *found)


ETHNIC = re.compile(r"\bethnic\s+[A-Z]", re.IGNORECASE)


def _placed_in(head: Token, places: Sequence[PlaceWords], offset: int, ctx: ActorContext) -> str | None:
    """The country the clause places a group in: "<group> demonstrated in X", "<group> operating in X",
    "<group> in X" (a country name, a capital or a gazetteer place)."""
    verbs = [c for c in head.children if c.dep_ in ("acl", "relcl") and c.tag_.startswith("VB")]
    subject = head
    while subject.dep_ == "pobj" and subject.head.lower_ == "of" and subject.head.head.i != subject.i:
        subject = subject.head.head  # "hundreds of ethnic Greeks demonstrated"
    if subject.dep_ in ("nsubj", "nsubjpass") and subject.head.tag_.startswith("VB"):
        verbs.append(subject.head)
    for owner in (head, *verbs):
        for prep in owner.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                start = offset + pobj.idx
                place = next((p.country for p in places if p.start <= start < p.end), None)
                code = place or ctx.country_for_word(pobj.text)
                if code is not None and code != IGO:
                    return code
    return None


def ethnic_countries(
    doc: Doc, offset: int, places: Sequence[PlaceWords], actors: Sequence[Actor], ctx: ActorContext
) -> tuple[Actor, ...]:
    """"ethnic Albanians demonstrated in Serbia", "ethnic Turkish guerrillas operating in Greece": the demonym
    tells the group's origin, the state the clause places it in is its country for coding (CAMEO codes
    a minority by the state it lives in)."""
    out = []
    for actor in actors:
        span = actor.span
        if span is not None and ETHNIC.search(actor.text):
            words = doc.char_span(span.start - offset, span.end - offset, alignment_mode="expand")
            home = _placed_in(words.root, places, offset, ctx) if words is not None else None
            if home is not None and home != actor.country:
                old, new = ctx.country_names.get(actor.country or ""), ctx.country_names.get(home)
                name = actor.name.replace(old, new) if old and new else actor.name  # "Rebel Groups (X)"
                actor = actor.model_copy(update={"country": home, "name": name})
        out.append(actor)
    return tuple(out)


def _local(actor: Actor) -> bool:
    """An actor the place of the act speaks for: an unnamed source, or a named or typed target of no written
    country (bare words, "no persons", "a car", keep none: later filters drop them for having none)."""
    if actor.country is not None:
        return False
    if actor.role == "source":
        return actor.span is None and not actor.named
    return actor.sector != IGO and (actor.named or actor.actor_type is not None)


def unnamed_where(actors: Sequence[Actor], country: str | None) -> tuple[Actor, ...]:
    """An unnamed source ("a car bomb killed ...", "an attempt ... was thwarted") is of the country where the
    act happened, as ACLED names it ("Unidentified Armed Group (Lebanon)") and PLOVER codes it; so is a
    named or typed target no words give a country ("freed the candidate X", "the militias in <town>"):
    whom an act befalls is, unless said otherwise, of the place it befalls them.  Confidences stay: merging
    mentions reads a low one as a guessed country of the story (``dedup.GUESSED_COUNTRY_CONFIDENCE``)."""
    if country is None or country == IGO:
        return tuple(actors)
    return tuple(
        a.model_copy(update={"country": country})
        if _local(a)
        else a
        for a in actors
    )


def _state_side(actor: Actor) -> bool:
    """A state on the other side (its government, forces or an office-holder): its country is not the
    title-holder's.  A people, party or place of the country is ("President X banned the Kenyan opposition"
    is a Kenyan president's act)."""
    state = actor.actor_type == "State Forces" or actor.sector in ("GOV", "MIL", "IGO")
    return state or TITLES.search(actor.text) is not None


def sentence_countries(doc: Doc, places: Sequence[PlaceWords], ctx: ActorContext) -> set[str]:
    """Countries the sentence evidently names: country names, demonyms and capitals, and gazetteer places
    (a word after "anti-"/"pro-" tells a stance, not a country)."""
    found = {p.country for p in places}
    covered = -1
    for token, text in _word_runs(list(doc)):
        word = text.removesuffix("’s").removesuffix("'s")
        if token.i <= covered or not word[:1].isupper() or _stance(token):
            continue
        code = ctx.country_for_word(word)
        if code:
            covered = token.i + word.count(" ")
            found.add(code)
    found.discard(IGO)
    return found


def titled_countries(
    doc: Doc, places: Sequence[PlaceWords], actors: Sequence[Actor], ctx: ActorContext
) -> tuple[Actor, ...]:
    """Title-holders without a country take the sentence's one evident country (see module); the countries
    of the other role's states are set aside first, and a sentence that names more than two countries in all
    gives none (a mediator between two states, with a third named in a side clause)."""
    if not any(_titled(a) for a in actors):
        return tuple(actors)
    named = sentence_countries(doc, places, ctx)
    out: list[Actor] = []
    for actor in actors:
        if _titled(actor):
            others = {a.country for a in actors if a.role != actor.role and a.country and _state_side(a)}
            left = named - others
            if len(left) == 1 and len(named) <= MAX_NAMED_FOR_TITLE:
                (country,) = left
                actor = actor.model_copy(
                    update={"country": country, "confidence": min(actor.confidence, TITLE_CONFIDENCE)}
                )
        out.append(actor)
    return tuple(out)
