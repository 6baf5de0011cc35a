"""Place: the event's location, chosen from the place mentions of its sentence with the geo helper's resolver.

Place names in actor positions (subjects, possessors, passive agents, countries as objects) are not places,
unless the subject is the structure struck ("the hotel in Nairobi was bombed").
Of the other mentions, the one syntactically closest to the trigger (inside the trigger clause's subtree
first, then by token distance) is the event's place; mentions written right next to it ("Syria’s Idlib",
"Homs, Syria") go along as context for the resolver.  When all of them sit in actor phrases, the town of
the local police or residents who tell the event is taken (``witness_place``).  When the sentence's places
are no finer than a province, a town the gazetteer lacks, named as a locative of the trigger's clause
("killed in X", "in the village of X"), is the place (``unlisted_place``: no GeoNames id, precision 2-3,
confidence 0.35).  An event with no place words in its sentence has no location here.  After deduplication
and scoring, the article stage ``context_places`` reads a finer place
around the sentence (the paragraph, then a headline that tells an event of the same type, then the dateline),
and only then the story's main country is given at precision 3 (``geo.country_location``, span None,
confidence 0.3, a reason that says so).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Token

from conflict_events.contracts import ConflictEvent, Location, Span
from conflict_events.core.actors.names import doc_text
from conflict_events.core.lexicons import TriggerLexicon
from conflict_events.core.record import ArticleContext
from conflict_events.core.text import Sentence, find_triggers
from conflict_events.core.text.syntax import first_conjunct
from conflict_events.geo import FACILITIES, FEATURE_WORDS, PlaceMention, find_places, resolve_location

ADJACENT_CHARS = 4


def _token_index(doc: Doc, start: int, end: int) -> int | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root.i if span is not None and len(span) else None


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
OBJECT_DEPS = frozenset({"dobj", "dative"})


PLACE_NOUNS = FEATURE_WORDS | FACILITIES | frozenset(
    """
    centre center outskirts streets part north south east west northeast northwest southeast southwest
    """.split()  # noqa: SIM905
)
"""Nouns a place name may possess and stay a place: "Rafah's Shaboura camp", "Beni's Rwangoma district"."""
STRUCTURES = PLACE_NOUNS | frozenset(
    """
    building buildings tower towers compound complex mall shop shops store restaurant cafe café bakery bar
    nightclub markets marketplace bazaar house houses home homes apartment apartments residence hostel
    villages towns neighbourhoods neighborhoods hospitals schools mosques churches temple synagogue shrine
    bus train convoy port terminal depot warehouse factory plant office offices
    """.split()  # noqa: SIM905
)
"""Nouns for a built or inhabited place: a subject headed by one ("the hotel in Nairobi was bombed",
"a village in Borno came under fire") is where the event struck, so a place inside it is the event's place."""
EVENT_SUBJECTS = frozenset(
    """
    toll tolls number attack attacks strike strikes airstrike airstrikes blast blasts explosion explosions
    bombing bombings shelling fighting clash clashes raid raids violence killing killings death deaths
    massacre ambush assault offensive protest protests demonstration demonstrations unrest riot riots
    casualties fire
    """.split()  # noqa: SIM905  (a word list reads better as one string)
)
"""Subjects (as written: the pipeline runs no lemmatizer) that are the event itself: a place inside
"the death toll from the strike in Rafah has risen"
or "fighting in Beni killed" is where it happened, not an actor's attribute ("the ministry in Moscow")."""


def _struck_place(subject: Token, clause: Token | None) -> bool:
    """A subject that is the place struck: a structure or settlement as the passive subject ("the hotel in
    Nairobi was bombed") or as the subject of the event's own clause ("a village in Borno came under fire");
    not one that speaks for itself elsewhere ("the hospital in Gaza said")."""
    if subject.lower_ not in STRUCTURES:
        return False
    return subject.dep_ == "nsubjpass" or (clause is not None and subject.head.i == clause.i)


def in_struck_subject(token: Token, clause: Token | None) -> bool:
    """The name sits inside a subject that is the place struck ("the hotel in Nairobi was hit")."""
    return any(a.dep_ in ("nsubj", "nsubjpass") and _struck_place(a, clause) for a in token.ancestors)


def is_actor_position(token: Token, feature: str, clause: Token | None = None) -> bool:
    """True when the place name plays an actor ("Russia agreed", "Syria's opposition", "by Turkey").

    A name inside a subject phrase ("the ministry in Moscow agreed") is an actor's attribute, not the event's
    place, unless the subject is the structure struck (``_struck_place``, ``clause``: the trigger's clause
    verb); a country as a direct object ("accused Iran") is an actor, a town as one ("shelled Homs") a place.
    """
    head = first_conjunct(token)
    if head.dep_ == "poss" and head.head.lower_ in PLACE_NOUNS:
        return False  # "Rafah's Tel al-Sultan neighbourhood", "Kabul's airport": a place inside a place
    if head.dep_ in SUBJECT_DEPS or (feature == "country" and head.dep_ in OBJECT_DEPS):
        return True
    if head.dep_ == "pobj" and head.head.lower_ == "by":
        return True
    return any(
        a.dep_ in ("nsubj", "nsubjpass") and a.lower_ not in EVENT_SUBJECTS and not _struck_place(a, clause)
        for a in head.ancestors
    )


def choose_mentions(
    mentions: tuple[PlaceMention, ...],
    doc: Doc,
    offset: int,
    trigger_i: int,
) -> tuple[PlaceMention, ...]:
    """The mention nearest the trigger plus the mentions adjacent to it, nearest first."""
    trigger = doc[trigger_i]
    clause = trigger
    while not clause.tag_.startswith("VB") and clause.head.i != clause.i:
        clause = clause.head
    subtree = {t.i for t in clause.subtree}
    ranked = []
    for mention in mentions:
        index = _token_index(doc, mention.start - offset, mention.end - offset)
        if index is None:
            continue
        if is_actor_position(doc[index], mention.feature, clause):
            continue
        if mention.metonym and mention.relation and in_struck_subject(doc[index], clause):
            # 'the hotel in Nairobi was hit': the capital before 'was' is where, not its government
            mention = replace(mention, metonym=False)
        ranked.append((index not in subtree, abs(index - trigger_i), mention.start, mention))
    if not ranked:
        return ()
    ranked.sort(key=lambda item: item[:3])
    best = ranked[0][3]
    near = [
        m
        for m in mentions
        if m is not best
        and (0 <= best.start - m.end <= ADJACENT_CHARS or 0 <= m.start - best.end <= ADJACENT_CHARS)
    ]
    return (best, *near)


LOCAL_WITNESSES = frozenset(
    """
    police policemen residents resident villagers witnesses witness locals inhabitants medics doctors
    rescuers paramedics
    """.split()  # noqa: SIM905
)
"""Subjects who tell what happened where they are: "police in X said gunmen killed five" happened in X,
unlike "officials in Washington said" or "the ministry in Moscow said"."""


def witness_place(
    mentions: tuple[PlaceMention, ...], doc: Doc, offset: int, gazetteer: Any, document_country: str | None
) -> Location | None:
    """For a sentence whose places all sit in actor phrases: the town of the local police or residents who
    tell the event ("police in X said", "residents of X said"), the reason saying so."""
    local = []
    for mention in mentions:
        index = _token_index(doc, mention.start - offset, mention.end - offset)
        if index is None or mention.feature == "country" or mention.relation not in ("in", "of"):
            continue
        subjects = [a for a in doc[index].ancestors if a.dep_ in ("nsubj", "nsubjpass")]
        if subjects and subjects[0].lower_ in LOCAL_WITNESSES and subjects[0].i < index:
            local.append(mention)
    found: Location | None = resolve_location(tuple(local), gazetteer, document_country=document_country)
    if found is None:
        return None
    reason = f"{found.reason}; where the local police or residents who tell it are"
    return found.model_copy(update={"reason": reason})


UNLISTED_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "around", "throughout"})
"""Prepositions after which a capitalised name the gazetteer lacks is read as the event's place."""
NOT_PLACE_NAMES = frozenset(
    """
    january february march april may june july august september october november december jan feb mar apr
    jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday christmas
    easter ramadan eid court council parliament congress senate assembly ministry party army police forces
    force group operation islam christianity english arabic french god twitter facebook telegram state
    department agency committee commission company bank news radio television network war sunni shia
    shiite christian muslim catholic protestant jewish kurdish druze alawite arab
    """.split()  # noqa: SIM905
)
"""Capitalised words after 'in' or 'at' that name a time, a body, a war, a medium or a faith or people
('the Sunni district'), not a place."""
COMPASS_NAMES = frozenset({"west", "east", "north", "south", "middle"})
"""A compass word alone ('claims in the West') names a bloc, not a town."""
UNLISTED_CONFIDENCE = 0.35


def _name_tokens(token: Token) -> list[Token]:
    """The proper-noun phrase headed by ``token``: its capitalised compounds and flat name parts, and an
    'of' name right after it ('Gulf of Aden')."""
    parts = [token, *(c for c in token.children if c.dep_ in ("compound", "flat") and c.tag_ == "NNP")]
    for of in token.rights:
        if of.dep_ == "prep" and of.lower_ == "of" and of.i == token.i + 1:
            objects = [c for c in of.children if c.dep_ == "pobj" and c.tag_ == "NNP"]
            if objects:
                parts += [of, *_name_tokens(objects[0])]
            break
    return sorted(parts, key=lambda t: t.i)


SETTLEMENT_WORDS = FEATURE_WORDS | frozenset(
    """
    township townships commune communes seat locality hamlet settlement municipalities tehsil
    """.split()  # noqa: SIM905
)
"""Words that say a name is a settlement or an area ('the commune of X', 'X Township')."""


def _locative_object(token: Token) -> bool:
    return token.dep_ == "pobj" and token.head.lower_ in UNLISTED_PREPOSITIONS


def _unlisted_relation(token: Token) -> str | None:
    """The preposition that makes the proper noun ``token`` a place ('in X', 'in the village of X', 'in
    X district'; 'in' for a settlement struck: 'shelled the town of X'), None when nothing does; a name
    inside another name is read from its head."""
    if token.tag_ != "NNP":
        return None
    if _locative_object(token):
        return str(token.head.lower_)
    feature = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else token.head
    if token.dep_ == "compound" and token.head.tag_ == "NNP":
        return None
    if feature.i == token.i or feature.lower_ not in SETTLEMENT_WORDS:
        return None
    if token.dep_ not in ("pobj", "compound"):
        return None
    if _locative_object(feature):
        return str(feature.head.lower_)
    if feature.dep_ in ("dobj", "nsubjpass") and feature.head.tag_.startswith("VB"):
        return "in"  # 'gangs attacked the commune of X', 'X village was shelled': the place struck
    return None


def _capitalised(doc: Doc) -> bool:
    """A headline-like or all-caps sentence: capitals tell no names there."""
    words = [t for t in doc if t.is_alpha]
    if not words:
        return True
    upper = sum(t.text[0].isupper() for t in words)
    return upper > 0.6 * len(words) or sum(t.is_upper and len(t) > 1 for t in words) > 0.5 * len(words)


def _unlisted_name(
    doc: Doc,
    trigger_i: int,
    known: list[tuple[int, int]],
    country_for_word: Callable[[str], str | None],
) -> tuple[int, list[Token], str] | None:
    """(distance, name tokens, preposition) of the unlisted name nearest the trigger in its clause."""
    clause = doc[trigger_i]
    while not clause.tag_.startswith("VB") and clause.head.i != clause.i:
        clause = clause.head
    if clause.tag_ in ("VBG", "VBN") and clause.dep_ in ("advcl", "xcomp", "conj"):
        clause = clause.head  # 'a bomb went off in X, killing three': the participle tells the same act
    best: tuple[int, list[Token], str] | None = None
    for token in clause.subtree:
        relation = _unlisted_relation(token)
        if relation is None:
            continue
        name = _name_tokens(token)
        lo, hi = name[0].idx, name[-1].idx + len(name[-1])
        parts = [t for t in name if t.lower_ != "of"]
        if any(t.lower_ in NOT_PLACE_NAMES or not t.text[0].isupper() or t.is_upper for t in parts):
            continue
        if (len(parts) == 1 and token.lower_ in COMPASS_NAMES) or any(
            country_for_word(t.text) for t in parts
        ):
            continue
        if any(s < hi and lo < e for s, e in known) or is_actor_position(token, "place", clause):
            continue
        distance = abs(token.i - trigger_i)
        if best is None or distance < best[0]:
            best = (distance, name, relation)
    return best


def unlisted_place(
    mentions: tuple[PlaceMention, ...],
    doc: Doc,
    offset: int,
    trigger_i: int,
    coarse: Location | None,
    *,
    document_country: str | None,
    country_for_word: Callable[[str], str | None],
) -> Location | None:
    """A town the gazetteer lacks, named as a locative of the event's clause ("killed in Ouarkoye").

    Read only when the sentence gives no place or only a country or province: the name is a proper noun
    (with an 'of' name after it: 'Gulf of Aden') after a locative preposition ('in', 'at', 'near', ...)
    inside the trigger clause's subtree (a participle's clause is its head's: 'went off in X, killing
    three'), outside an actor's phrase, not a matched place, and holds no time, body, war or medium word
    and no country's name or demonym; the nearest to the trigger wins. It keeps the country (and province
    and coordinates) of the coarser place, else the article's country, at precision 2 within a province
    and 3 within a country.
    """
    if coarse is not None and coarse.feature not in ("country", "admin1"):
        return None
    if _capitalised(doc):
        return None
    known = [(m.start - offset, m.end - offset) for m in mentions]
    best = _unlisted_name(doc, trigger_i, known, country_for_word)
    if best is None:
        return None
    _, name, relation = best
    lo, hi = name[0].idx, name[-1].idx + len(name[-1])
    text = doc_text(doc)
    cited = text[lo:hi]
    bare = name[:-1] if len(name) > 1 and name[-1].lower_ in SETTLEMENT_WORDS else name
    words = text[lo : bare[-1].idx + len(bare[-1])]  # 'Kawlin Township' is the place 'Kawlin'
    country = coarse.country if coarse is not None else document_country
    within = coarse.name if coarse is not None else (f"the article's country {country}" if country else None)
    reason = f"place '{cited}' (relation '{relation}'): a name the gazetteer lacks" + (
        f"; within {within}" + (", at its coordinates" if coarse is not None else "") if within else ""
    )
    return Location(
        name=words,
        span=Span(start=offset + lo, end=offset + hi, text=cited),
        country=country,
        admin1=coarse.admin1 if coarse is not None else None,
        latitude=coarse.latitude if coarse is not None else None,
        longitude=coarse.longitude if coarse is not None else None,
        feature="place",
        relation=relation,
        geo_precision=2 if coarse is not None and coarse.feature == "admin1" else 3,
        reason=reason,
        confidence=UNLISTED_CONFIDENCE,
    )


def event_location(
    mentions: tuple[PlaceMention, ...],
    doc: Doc,
    offset: int,
    trigger_i: int,
    gazetteer: Any,
    *,
    document_country: str | None,
) -> Location | None:
    """Location of the event whose trigger is token ``trigger_i`` (``mentions``: those in its sentence);
    a town the gazetteer lacks (``unlisted_place``) when the sentence's places are no finer than a
    province."""
    chosen = choose_mentions(mentions, doc, offset, trigger_i)
    location: Location | None = (
        resolve_location(chosen, gazetteer, document_country=document_country)
        if chosen
        else witness_place(mentions, doc, offset, gazetteer, document_country)
    )
    if location is None or location.feature in ("country", "admin1"):
        return (
            unlisted_place(
                mentions,
                doc,
                offset,
                trigger_i,
                location,
                document_country=document_country,
                country_for_word=gazetteer.country_for_word,
            )
            or location
        )
    return location


DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3}"
    r"(?:,\s*[A-Z][\w'’.\-]+(?:\s+(?:(?:of|and|the|de|du)\s+)?[A-Z][\w'’.\-]+){0,3})?)"
    r"(?P<date>,\s*[\w .]{1,20}?)?\s*(?P<agency>\([^()\n]{1,30}\))?\s*(?:--|-|–|—)\s"
)
"""A wire dateline opening a story's first paragraph: 'GAO, Mali, March 14 -', 'KABUL (Reuters) -'."""

_CAPS_WORD = re.compile(r"\b[A-Z][A-Z'’.\-]+\b")

CONTEXT_CONFIDENCE = {"paragraph": 0.5, "dateline": 0.45, "headline": 0.4}
"""A place read outside the event's sentence is a weaker guess the further away it was read."""

_WHERE = {
    "paragraph": "a nearby sentence of the same paragraph",
    "dateline": "the story's dateline",
    "headline": "the story's headline",
}


def dateline_end(text: str, start: int) -> int | None:
    """End offset of the dateline that opens the paragraph at ``start`` (None without one).

    A dateline needs a date or an agency between its place and the dash, so that a capitalised clause
    followed by a dash is not read as one.
    """
    m = DATELINE.match(text, start, min(len(text), start + 120))
    if m is None or not (m["date"] or m["agency"]):
        return None
    return m.end()


def dateline_mentions(text: str, start: int, gazetteer: Any) -> list[PlaceMention]:
    """The places of the dateline opening the paragraph at ``start`` ('COX'S BAZAR, Bangladesh').

    A dateline's town is written in capitals, which the matcher does not trust inside mixed-case text
    (a capitalised word may be a surname or an acronym), so the dateline's place words are read again in
    title case, where the position itself is the cue.
    """
    m = DATELINE.match(text, start, min(len(text), start + 120))
    if m is None or not (m["date"] or m["agency"]):
        return []
    lo, hi = m.span("place")
    words = text[lo:hi]
    found = find_places(_CAPS_WORD.sub(lambda w: w[0][0] + w[0][1:].lower(), words), gazetteer)
    return [
        replace(p, start=lo + p.start, end=lo + p.end, text=text[lo + p.start : lo + p.end]) for p in found
    ]


def _finer(mention: PlaceMention, location: Location | None, country: str | None) -> bool:
    """Does ``mention`` say more precisely where the event was than ``location`` (None: no place)?"""
    if mention.metonym or mention.feature == "country":
        return False
    if location is None:
        return country is None or mention.country == country
    if location.feature == "country":
        return mention.country == location.country
    if location.feature == "admin1":
        return mention.feature == "place" and (mention.country, mention.admin1) == (
            location.country,
            location.admin1,
        )
    if location.feature == "region" and location.geo_precision >= 3:
        return mention.feature == "place" and mention.country == location.country
    return False


def _context_groups(event: ConflictEvent, ctx: ArticleContext) -> list[tuple[str, list[PlaceMention]]]:
    """Mentions to read the place from, in order: the paragraph's sentences nearest first, the
    headline, the dateline (all of the event's story)."""
    doc = ctx.document
    story, para = event.evidence.story_index, event.evidence.paragraph_index
    own = event.evidence.sentence
    body = [p for p in doc.paragraphs if p.story_index == story and not p.headline]
    dateline: tuple[int, int] | None = None
    end = dateline_end(ctx.text, body[0].start) if body else None
    if body and end is not None:
        dateline = (body[0].start, end)

    def within(lo: int, hi: int) -> list[PlaceMention]:
        return [
            m
            for m in ctx.mentions
            if lo <= m.start < hi and not (dateline and dateline[0] <= m.start < dateline[1])
        ]

    sentences = [s for s in doc.sentences if s.paragraph_index == para and not s.headline]
    sentences.sort(key=lambda s: (abs(s.start - own.start), s.start > own.start))
    groups = [("paragraph", within(s.start, s.end)) for s in sentences if s.start != own.start]
    triggers = ctx.resources.lexicons.triggers
    for s in doc.sentences:
        if s.story_index == story and s.headline and _names_type(ctx.text, s, triggers, event.event_type):
            groups.append(("headline", within(s.start, s.end)))
    if dateline is not None:
        groups.append(("dateline", dateline_mentions(ctx.text, dateline[0], ctx.resources.gazetteer)))
    return groups


def _names_type(text: str, headline: Sentence, triggers: TriggerLexicon, event_type: str) -> bool:
    """Does the headline tell an event of this type?  A headline sums up the story's lead event; a later
    event of another kind ('forces will monitor' under 'ceasefire agreed north of Homs') was not there."""
    return any(hit.rule.event_type == event_type for hit in find_triggers(text, headline, triggers))


def context_place(event: ConflictEvent, ctx: ArticleContext) -> ConflictEvent:
    """A finer place for an event whose sentence names none, or only its country or province.

    The place is read from the other sentences of the event's paragraph (nearest first), then from a
    headline that tells an event of its type, then from the story's dateline ('GAO, Mali, March 14 -': a wire
    is often datelined in the capital while the headline names the town hit); only a place inside what the
    sentence already says counts (a town of the named province, of the named country, or of the story's
    country), and the reason says where it was read, with a lower confidence.
    """
    location = event.location
    if location is not None and location.span is None:
        return event
    country = ctx.story_country.get(event.evidence.story_index)
    gazetteer = ctx.resources.gazetteer
    for where, mentions in _context_groups(event, ctx):
        usable = [m for m in mentions if _finer(m, location, country)]
        if not usable:
            continue
        found = resolve_location(usable, gazetteer, document_country=country)
        if found is None:
            continue
        confidence = min(found.confidence, CONTEXT_CONFIDENCE[where])
        reason = f"{found.reason}; read from {_WHERE[where]}: the event's sentence names " + (
            f"only {location.name}" if location is not None else "no place"
        )
        return event.model_copy(
            update={"location": found.model_copy(update={"reason": reason, "confidence": confidence})}
        )
    return event


def context_places(events: list[ConflictEvent], ctx: ArticleContext) -> list[ConflictEvent]:
    """The article stage: each event without a fine place looks for one around its sentence."""
    return [context_place(e, ctx) for e in events]
