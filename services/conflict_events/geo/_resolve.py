"""Pick the event location among a sentence's place mentions, with ACLED geo precision and a reason.

Precision follows the ACLED codebook: 1 = a named town with its own coordinates; 2 = near / north
of / on the outskirts of a town, a district or countryside of it, or a small named area (Eastern
Ghouta); 3 = only a province or larger region is known, coded at the admin1 seat (its most populous
city) or the region's centroid.  A country alone is also precision 3, placed at its capital with
feature "country": ACLED would code the capital or a central point; the capital is the one point we
can name and cite, and the feature tells a consumer how coarse it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from conflict_events.contracts import Location, Span
from conflict_events.geo._context import DEMONYM_WEIGHT, rebind
from conflict_events.geo._cues import AREA_WORDS, WITHIN
from conflict_events.geo._model import Gazetteer, PlaceMention
from conflict_events.geo._normalize import normalize

_WORD = re.compile(r"[^\W\d_]+")

_SPECIFICITY = {"place": 0, "region": 1, "admin1": 2, "country": 4}
_BASE_CONFIDENCE = {1: 0.8, 2: 0.7, 3: 0.6}
_COUNTRY_CONFIDENCE = 0.5
_HINT_RATIO = 50


def _mention_weight(mention: PlaceMention) -> float:
    """Towns, provinces and regions say where things happen; a country name is often an actor."""
    if mention.metonym:
        return 0.25
    return COUNTRY_WEIGHT if mention.feature == "country" else 1.0


COUNTRY_WEIGHT = 0.5


def document_country(
    mentions: Iterable[PlaceMention], *, text: str | None = None, gazetteer: Gazetteer | None = None
) -> str | None:
    """The article's main country: most mentioned, ties to the first seen.

    Towns, admin1 areas and regions count 1, country names 0.5 (they are often actors: 'Russia
    said'), metonyms 0.25.

    With ``text`` and ``gazetteer``, demonyms in the text ('Salvadoran troops') count half a mention
    too, which helps when the country itself is never named.

    Example:
        >>> document_country(find_places(text, gazetteer), text=text, gazetteer=gazetteer)  # doctest: +SKIP
        'SYR'
    """
    weights = country_weights(mentions, text=text, gazetteer=gazetteer)
    if not weights:
        return None
    order = {c: n for n, c in enumerate(weights)}
    return max(weights, key=lambda c: (weights[c], -order[c]))


def country_weights(
    mentions: Iterable[PlaceMention], *, text: str | None = None, gazetteer: Gazetteer | None = None
) -> dict[str, float]:
    """How strongly the text points to each country (``document_country``'s tally), in first-seen order.

    A town or province name with homonyms in several countries votes last, for its homonym in the
    country the rest of the text points to most (its own reading on a tie).
    """
    weights: dict[str, float] = {}
    order: dict[str, int] = {}
    ambiguous: list[tuple[PlaceMention, list[str]]] = []
    for mention in mentions:
        if mention.country is None:
            continue
        homes = homonym_countries(mention, gazetteer)
        if len(homes) > 1:
            ambiguous.append((mention, homes))
            continue
        weights[mention.country] = weights.get(mention.country, 0.0) + _mention_weight(mention)
        order.setdefault(mention.country, len(order))
    if text is not None and gazetteer is not None:
        for key in demonym_keys(text, gazetteer.demonyms):
            country = gazetteer.country_words[key]
            weights[country] = weights.get(country, 0.0) + DEMONYM_WEIGHT
            order.setdefault(country, len(order))
    settled = dict(weights)
    for mention, homes in ambiguous:
        # a name with homonyms abroad votes for its homonym in a country the rest of the text names
        country = max(homes, key=lambda c: (settled.get(c, 0.0), c == mention.country))
        weights[country] = weights.get(country, 0.0) + _mention_weight(mention)
        order.setdefault(country, len(order))
    return {c: weights[c] for c in sorted(weights, key=lambda c: order[c])}


def demonym_keys(text: str, demonyms: frozenset[str]) -> list[str]:
    """The normalised demonyms of ``text``'s words, in text order.

    The same keys as ``normalize`` on every word, but a whole text runs to 100k words: an ASCII word of
    letters only normalises to its lower case, so an ASCII text is lowered once and only the words of
    other texts that are not ASCII go through ``normalize``."""
    if text.isascii():
        return [word for word in _WORD.findall(text.lower()) if word in demonyms]
    keys = (word.lower() if word.isascii() else normalize(word) for word in _WORD.findall(text))
    return [key for key in keys if key in demonyms]


def homonym_countries(mention: PlaceMention, gazetteer: Gazetteer | None) -> list[str]:
    """The countries a town or province name has a homonym in (one, the mention's own, when unambiguous).

    'Bor' is a town in South Sudan, Russia, Serbia and Turkey: which one the text means is for the
    rest of the text to say, so such a name does not count towards the article's country on its own.
    """
    if gazetteer is None or mention.feature not in ("place", "admin1") or not mention.key:
        return [mention.country] if mention.country else []
    homes = {
        c.place.country
        for c in gazetteer.lookup(mention.key)
        if c.place.country
        and c.place.feature == mention.feature
        and c.place.population * _HINT_RATIO >= mention.population
    }
    homes.add(mention.country or "")
    homes.discard("")
    return sorted(homes)


def _in_country(mention: PlaceMention, gazetteer: Gazetteer, country: str) -> PlaceMention:
    """Re-read a homonym in the document country when the gazetteer has one of comparable weight."""
    if mention.country == country or not mention.key or mention.feature == "country":
        return mention
    for cand in gazetteer.lookup(mention.key):
        place = cand.place
        if (
            place.country == country
            and place.feature == mention.feature
            and place.population * _HINT_RATIO >= mention.population
        ):
            return rebind(mention, place, cand.alternate)
    return mention


def _cue_rank(relation: str | None) -> int:
    """Among equally specific mentions: 'in Yemen' before a bare 'Yemen' before 'from Iran'."""
    if relation is None:
        return 1
    return 2 if relation.split(" ", 1)[0] in ("from", "to", "toward", "towards") else 0


def _precision(mention: PlaceMention) -> int:
    near = mention.relation is not None and mention.relation not in WITHIN
    word = mention.feature_word or ""
    area = not word.endswith(" of") and word.split()[0] in AREA_WORDS if word else False
    if mention.feature == "place":
        return 2 if near or area else 1
    if mention.feature == "region":
        return max(mention.precision, 2 if near else 1)
    return 3


def _describe(mention: PlaceMention, precision: int) -> str:
    kind = {"place": "town", "admin1": "province/state", "region": "region", "country": "country"}[
        mention.feature
    ]
    cue = f" ({mention.relation} …)" if mention.relation and mention.relation not in ("in", "at") else ""
    where = {1: "the town itself", 2: "near or part of the named place", 3: "only the region is known"}[
        precision
    ]
    if mention.feature == "country":
        where = "only the country is known; coordinates of its capital"
    elif mention.feature == "admin1":
        where = "only the province/state is known; coordinates of its main city"
    return f"{kind} '{mention.text}'{cue}: precision {precision}, {where}"


def resolve_location(
    mentions: Iterable[PlaceMention], gazetteer: Gazetteer, *, document_country: str | None = None
) -> Location | None:
    """The event location among one sentence's mentions: the most specific place, with a reason.

    Metonyms ('Moscow said') are not places of events and are skipped.  With ``document_country``
    homonyms are re-read in that country and places there are preferred over places abroad.

    Example:
        >>> resolve_location(find_places(s, gazetteer), gazetteer, document_country="SYR")  # doctest: +SKIP
        Location(name='Homs', ..., geo_precision=2, reason="town 'Homs' (north of …): ...")
    """
    usable = [m for m in mentions if not m.metonym]
    if not usable:
        return None
    if document_country is not None:
        usable = [_in_country(m, gazetteer, document_country) for m in usable]

    def rank(item: tuple[int, PlaceMention]) -> tuple[int, int, int, int, int, int]:
        index, mention = item
        abroad = int(document_country is not None and mention.country not in (document_country, None))
        return (
            _SPECIFICITY[mention.feature]
            + (1 if mention.feature == "region" and mention.precision >= 3 else 0),
            _cue_rank(mention.relation),
            abroad,
            _precision(mention) if mention.feature == "place" else 0,
            int(mention.alternate),
            index,
        )

    _, best = min(enumerate(usable), key=rank)
    precision = _precision(best)
    specific = {(m.name, m.country) for m in usable if m.feature == "place"}
    confidence = _COUNTRY_CONFIDENCE if best.feature == "country" else _BASE_CONFIDENCE[precision]
    if best.alternate:
        confidence -= 0.1
    if len(specific) > 1:
        confidence -= 0.1
    reason = _describe(best, precision)
    if len(usable) > 1:
        reason += f"; most specific of {len(usable)} place mentions"
    if document_country is not None and best.country == document_country:
        reason += f"; in the article's main country {document_country}"
    return Location(
        name=best.name,
        span=Span(start=best.start, end=best.end, text=best.text),
        country=best.country,
        admin1=best.admin1,
        latitude=best.lat,
        longitude=best.lon,
        geonames_id=best.geonames_id,
        feature=best.feature,
        relation=best.relation,
        geo_precision=precision,
        reason=reason,
        confidence=round(max(confidence, 0.1), 2),
    )


FALLBACK_CONFIDENCE = 0.3


def country_location(gazetteer: Gazetteer, country: str | None) -> Location | None:
    """A country-level location for an event whose sentence names no place (opt-in fallback).

    Precision 3 at the capital, ``span=None`` (no words in the sentence to cite), low confidence,
    and a reason that says it came from the article's main country.  None for an unknown code.

    Example:
        >>> country_location(gazetteer, "SYR").name  # doctest: +SKIP
        'Syria'
    """
    place = gazetteer.countries.get(country or "")
    if place is None:
        return None
    return Location(
        name=place.name,
        span=None,
        country=place.country,
        latitude=place.lat,
        longitude=place.lon,
        geonames_id=place.geonames_id,
        feature="country",
        geo_precision=3,
        reason=f"no place named in the sentence; the article's main country {country}, at its capital",
        confidence=FALLBACK_CONFIDENCE,
    )
