"""Context between mentions: 'Syria’s Idlib', 'Damascus, Maryland', and re-reading a mention as
another gazetteer entry."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from conflict_events.geo._cues import is_locative
from conflict_events.geo._model import Candidate, Gazetteer, Place, PlaceMention, place_fields
from conflict_events.geo._normalize import normalize

BIG_CITY = 1_000_000
DEMONYM_WEIGHT = 0.5
"""A demonym ('Syrian troops') counts half a place mention towards the article's country."""
HINT_RATIO = 50
"""A homonym in the hinted country wins unless the other is this many times more populous."""


def merge_possessives(text: str, found: list[PlaceMention], gazetteer: Gazetteer) -> list[PlaceMention]:
    """'Syria’s Idlib', 'Syria’s city of Homs': one mention, the place read inside the country."""
    out: list[PlaceMention] = []
    for mention in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.feature == "country"
            and re.match(r"['’]s\b", text[prev.end : prev.end + 2])
            and re.fullmatch(
                r"['’]s\s+(?:(?:city|town|village|province|governorate|region|capital)"
                r"\s+of\s+)?",
                text[prev.end : mention.start],
                re.IGNORECASE,
            )
        ):
            rebound = mention
            if mention.country != prev.country:
                for cand in gazetteer.lookup(mention.key):
                    if cand.place.country == prev.country and cand.place.feature == mention.feature:
                        rebound = rebind(mention, cand.place, cand.alternate)
                        break
            out[-1] = replace(
                rebound,
                start=prev.start,
                text=text[prev.start : mention.end],
                relation=prev.relation,
                metonym=False,
            )
            continue
        out.append(mention)
    return out


_LIST_GAP = re.compile(r"\s*(?:,\s*and|,|and|&)\s*")
_PLURAL_ADMIN = frozenset({"provinces", "governorates", "states", "regions", "oblasts", "departments"})


def distribute_plural(text: str, found: list[PlaceMention], gazetteer: Gazetteer) -> list[PlaceMention]:
    """'Hama, Aleppo and Latakia provinces': the plural feature word makes every listed name an admin1."""
    out = list(found)
    for n in range(len(out) - 1, 0, -1):
        if out[n].feature_word not in _PLURAL_ADMIN or out[n].feature != "admin1":
            continue
        k = n
        while k > 0 and _LIST_GAP.fullmatch(text, out[k - 1].end, out[k].start):
            town = out[k - 1]
            area = gazetteer.admin1.get((town.country or "", town.admin1_code or ""))
            if town.feature == "place" and area is not None:
                out[k - 1] = replace(rebind(town, area, town.alternate), feature_word=out[n].feature_word)
            elif town.feature != "admin1":
                break
            k -= 1
    return out


_QUALIFIER_GAP = re.compile(r"\s*,\s*|\s*\(\s*")


def qualify_by_following(text: str, found: list[PlaceMention], gazetteer: Gazetteer) -> list[PlaceMention]:
    """'Damascus, Maryland', 'Tripoli (Lebanon)': a town read inside the state or country after it."""
    out = list(found)
    for n, (town, area) in enumerate(pairwise(found)):
        if (
            town.feature != "place"
            or area.feature not in ("country", "admin1")
            or not _QUALIFIER_GAP.fullmatch(text, town.end, area.start)
            or (town.country == area.country and (area.feature == "country" or town.admin1 == area.admin1))
        ):
            continue
        best = None
        for cand in gazetteer.lookup(town.key):
            place = cand.place
            if place.feature != "place" or place.country != area.country:
                continue
            if area.feature == "country" or place.admin1_code == area.admin1_code:
                best = rebind(town, place, cand.alternate)
                break
        if best is not None:
            out[n] = best
    return out


def rebind(mention: PlaceMention, place: Place, alternate: bool) -> PlaceMention:
    """The same words read as another gazetteer entry (used for document-country disambiguation)."""
    return replace(mention, alternate=alternate, **place_fields(place))


def choose(cands: tuple[Candidate, ...], hint: str | None) -> Candidate:
    """Best candidate; one in the hinted country wins unless the top one is far more populous."""
    top = cands[0]
    if hint and top.place.country != hint:
        for cand in cands[1:]:
            if cand.place.country == hint and cand.place.population * HINT_RATIO >= top.place.population:
                return cand
    return top


def admin1_of(
    gazetteer: Gazetteer, cands: tuple[Candidate, ...], chosen: Candidate, hint: str | None
) -> Place | None:
    """The admin1 area a name means when 'province'/'state' follows it.

    An admin1 entry of that name wins (in the chosen place's country, then the hinted one, then
    the best ranked: 'San Vicente department' is the Salvadoran department, not the province
    around some town San Vicente); else the chosen town's own admin1 when it bears the town's
    name ('Kano state'); else nothing.
    """
    country = chosen.place.country
    admins = [c.place for c in cands if c.place.feature == "admin1"]
    for wanted in (country, hint):
        for place in admins:
            if place.country == wanted:
                return place
    if admins:
        return admins[0]
    if chosen.place.feature == "region":
        return chosen.place
    if chosen.place.feature == "place" and country and chosen.place.admin1_code:
        area = gazetteer.admin1.get((country, chosen.place.admin1_code))
        town = normalize(chosen.place.name)
        area_name = normalize(area.name) if area is not None else ""
        if area is not None and (area_name.startswith(town) or town.startswith(area_name)):
            return area
    return None


def settle_upper(
    text: str,
    start: int,
    found: list[PlaceMention],
    gazetteer: Gazetteer,
    hint: str | None,
    demonym_countries: list[str],
) -> list[PlaceMention]:
    """Upper-case text has no capitals to tell surnames from towns (PEREZ, DUARTE, ZAMORA).

    A one-word town with no cue ('in', 'province', a dateline 'LIMA, 11 JAN') is weak: it is kept
    only in the country the strong mentions (countries, multi-word names, names with a cue) point
    to, or, when none do, if it is a city of a million; every town is re-read in that country when
    it has a comparable homonym there.  Demonyms ('SALVADORAN ARMY') count half a strong mention.
    """
    weights: dict[str, float] = {}
    weak: list[bool] = []
    for m in found:
        after = text[m.end : m.end + 2].strip()[:1]
        dateline = not text[start : m.start].strip() and after in (",", "(")
        is_weak = (
            m.feature in ("place", "admin1")
            and " " not in m.key
            and m.feature_word is None
            and not is_locative(m.relation)
            and not dateline
        )
        weak.append(is_weak)
        if not is_weak and m.country:
            weights[m.country] = weights.get(m.country, 0.0) + 1.0
    for country in demonym_countries:
        weights[country] = weights.get(country, 0.0) + DEMONYM_WEIGHT
    hint = hint or (max(weights, key=lambda c: weights[c]) if weights else None)
    kept: list[PlaceMention] = []
    for m, is_weak in zip(found, weak, strict=True):
        if hint and m.feature == "place" and m.feature_word is None and m.country != hint:
            for cand in gazetteer.lookup(m.key):
                if cand.place.country == hint and cand.place.population * HINT_RATIO >= m.population:
                    m = rebind(m, cand.place, cand.alternate)
                    break
        if is_weak and (m.country != hint if hint else m.population < BIG_CITY):
            continue
        kept.append(m)
    return kept


def short_country_names(found: list[PlaceMention], gazetteer: Gazetteer) -> list[PlaceMention]:
    """'Congo' after 'Democratic Republic of Congo': a short name read as the country the text names in full.

    A country's short alternate name that is part of another country's full name in the same window
    ('Congo' beside 'Democratic Republic of Congo') means that country; a country's own name does not move.
    """
    full = {m.country: normalize(m.name) for m in found if m.feature == "country" and m.country}
    out = list(found)
    for n, m in enumerate(found):
        if m.feature != "country" or not m.alternate or not m.key or " " in m.key:
            continue  # a country's own name ('Sudan' beside 'South Sudan') stays that country
        others = {c for c, name in full.items() if c != m.country and m.key in name.split() and name != m.key}
        if len(others) == 1:
            place = gazetteer.countries.get(others.pop())
            if place is not None:
                out[n] = rebind(m, place, True)
    return out
