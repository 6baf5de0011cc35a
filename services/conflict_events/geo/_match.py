"""Find place names in text: longest gazetteer match first, with guards against common words."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise
from typing import NamedTuple

from conflict_events.geo._cues import (
    ADMIN_WORDS,
    AREA_WORDS,
    AUXILIARIES,
    CALENDAR,
    CITY_WORDS,
    FEATURE_WORDS,
    FUNCTION_WORDS,
    LOCATIVE,
    LOOKBACK_CHARS,
    NAME_PREFIX_OK,
    PARTICLES,
    RELATION_BEFORE,
    REPORTING_VERBS,
    TITLES,
)
from conflict_events.geo._model import Candidate, Gazetteer, Place, PlaceMention
from conflict_events.geo._normalize import APOSTROPHES, ARTICLES, normalize, skeleton_token

_TOKEN = re.compile(rf"[^\W_](?:[^\W_]|[{APOSTROPHES}](?=[^\W_]))*")
_JOIN = re.compile(r"[ \t\-‐‑–]{1,3}")
_SENTENCE_END = frozenset('.!?;:"“”\n')
_UPPER_RATIO = 0.6
_BIG_CITY = 1_000_000
_ALTERNATE_MIN_POPULATION = 50_000
_SKELETON_MIN_POPULATION = 100_000
_UPPER_COMMON_MIN_POPULATION = 100_000
_HINT_RATIO = 50
_STOP = FUNCTION_WORDS


class _Token(NamedTuple):
    """One word of the window: offsets, surface form (possessive cut off), normalised form."""

    start: int
    end: int
    raw: str
    norm: str
    possessive: bool

    @property
    def skel(self) -> str:
        """Transliteration skeleton of the token (computed on demand: most tokens never need it)."""
        return skeleton_token(self.norm)


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    out: list[_Token] = []
    append = out.append
    for m in _TOKEN.finditer(text, start, end):
        raw = m.group()
        begin = m.start()
        possessive = len(raw) > 3 and raw[-1] in "sS" and raw[-2] in "'’"
        if possessive:
            raw = raw[:-2]
        norm = raw.lower() if raw.isascii() and raw.isalnum() else normalize(raw)
        if norm:
            append(_Token(begin, begin + len(raw), raw, norm, possessive))
    return out


_DROP_UPPER = str.maketrans("", "", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DROP_LOWER = str.maketrans("", "", "abcdefghijklmnopqrstuvwxyz")


def _mostly_upper(text: str) -> bool:
    """Wire copy in capitals: most ASCII letters upper case (counted at C speed with translate)."""
    upper = len(text) - len(text.translate(_DROP_UPPER))
    lower = len(text) - len(text.translate(_DROP_LOWER))
    return upper > 0 and upper / (upper + lower) >= _UPPER_RATIO


def _sentence_initial(text: str, window_start: int, pos: int) -> bool:
    before = text[window_start:pos].rstrip(" \t'‘\"“(")
    return not before or before[-1] in _SENTENCE_END


def _choose(cands: tuple[Candidate, ...], hint: str | None) -> Candidate:
    """Best candidate; one in the hinted country wins unless the top one is far more populous."""
    top = cands[0]
    if hint and top.place.country != hint:
        for cand in cands[1:]:
            if cand.place.country == hint and cand.place.population * _HINT_RATIO >= top.place.population:
                return cand
    return top


def _admin1_of(gazetteer: Gazetteer, cands: tuple[Candidate, ...], chosen: Candidate) -> Place | None:
    """The admin1 area a name means when 'province'/'state' follows it."""
    country = chosen.place.country
    admins = [c.place for c in cands if c.place.feature == "admin1"]
    for place in admins:
        if place.country == country:
            return place
    if chosen.place.feature == "place" and country and chosen.place.admin1_code:
        return gazetteer.admin1.get((country, chosen.place.admin1_code))
    if chosen.place.feature == "region":
        return chosen.place
    return admins[0] if admins else None


class _Matcher:
    """One pass over one window of text; holds nothing after the call."""

    def __init__(self, text: str, gazetteer: Gazetteer, start: int, end: int, hint: str | None) -> None:
        self.text, self.gazetteer, self.start, self.hint = text, gazetteer, start, hint
        self.tokens = _tokens(text, start, end)
        self.upper = _mostly_upper(text[start:end])

    def run(self) -> list[PlaceMention]:
        found: list[PlaceMention] = []
        i = 0
        while i < len(self.tokens):
            mention = None
            if self._can_start(i):
                for size, cands in self._spans(i):
                    mention = self._try(i, size, cands, found)
                    if mention is not None:
                        break
            if mention is None:
                i += 1
                continue
            found.append(mention)
            while i < len(self.tokens) and self.tokens[i].start < mention.end:
                i += 1
        if self.upper:
            found = self._settle_upper(found)
        found = _merge_possessives(self.text, found, self.gazetteer)
        return _qualify_by_following(self.text, found, self.gazetteer)

    def _settle_upper(self, found: list[PlaceMention]) -> list[PlaceMention]:
        """Upper-case text has no capitals to tell surnames from towns (PEREZ, DUARTE, ZAMORA).

        A one-word town with no cue ('in', 'province', a dateline 'LIMA, 11 JAN') is weak: it is kept
        only in the country the strong mentions (countries, multi-word names, names with a cue) point
        to, or, when none do, if it is a city of a million; every town is re-read in that country when
        it has a comparable homonym there.
        """
        weights: dict[str, float] = {}
        weak: list[bool] = []
        for m in found:
            dateline = not self.text[self.start : m.start].strip() and self.text[m.end : m.end + 2].strip()[
                :1
            ] in (
                ",",
                "(",
            )
            is_weak = (
                m.feature in ("place", "admin1")
                and " " not in m.key
                and m.feature_word is None
                and m.relation not in LOCATIVE
                and not dateline
            )
            weak.append(is_weak)
            if not is_weak and m.country:
                weights[m.country] = weights.get(m.country, 0.0) + 1.0
        hint = self.hint or (max(weights, key=lambda c: weights[c]) if weights else None)
        kept: list[PlaceMention] = []
        for m, is_weak in zip(found, weak, strict=True):
            if hint and m.feature == "place" and m.feature_word is None and m.country != hint:
                for cand in self.gazetteer.lookup(m.key):
                    if cand.place.country == hint and cand.place.population * _HINT_RATIO >= m.population:
                        m = rebind(m, cand.place, cand.alternate)
                        break
            if is_weak and (m.country != hint if hint else m.population < _BIG_CITY):
                continue
            kept.append(m)
        return kept

    def _spans(self, i: int) -> list[tuple[int, tuple[Candidate, ...]]]:
        """Gazetteer keys starting at token i, longest first; grown token by token along the prefix set."""
        gaz, toks = self.gazetteer, self.tokens
        hits: dict[int, tuple[Candidate, ...]] = {}
        key, size = toks[i].norm, 1
        while True:
            if key in gaz.exact:
                hits[size] = gaz.exact[key]
            if key not in gaz.prefixes or i + size >= len(toks) or not self._touch(i + size - 1):
                break
            key, size = f"{key} {toks[i + size].norm}", size + 1
        lead = 1 if toks[i].norm in ARTICLES and i + 1 < len(toks) and self._touch(i) else 0
        key, size = toks[i + lead].skel, 1 + lead
        if hits and not lead and key not in gaz.prefixes:
            return sorted(hits.items(), reverse=True)
        while True:
            if size not in hits and (size > 1 or key not in gaz.common_words):
                found = gaz.skeletons.get(key) or gaz.exact.get(key)
                if found:
                    hits[size] = tuple(Candidate(c.place, True) for c in found)
            if key not in gaz.prefixes or i + size >= len(toks) or not self._touch(i + size - 1):
                break
            nxt = toks[i + size].norm
            key, size = f"{key} {'al' if nxt in ARTICLES else toks[i + size].skel}", size + 1
        return sorted(hits.items(), reverse=True)

    def _touch(self, j: int) -> bool:
        """Token j and j+1 are written as one name (space or hyphen between, no possessive)."""
        a, b = self.tokens[j], self.tokens[j + 1]
        return not a.possessive and _JOIN.fullmatch(self.text, a.end, b.start) is not None

    def _can_start(self, i: int) -> bool:
        """Cheap pre-check: a name starts with a capital (or a particle before one), never a stop-word."""
        tok = self.tokens[i]
        if tok.norm in PARTICLES:
            return i + 1 < len(self.tokens) and (self.upper or self.tokens[i + 1].raw[0].isupper())
        if self.upper:
            return tok.norm not in _STOP or (tok.raw.isupper() and len(tok.raw) >= 2)
        return tok.raw[0].isupper()

    def _try(
        self, i: int, size: int, cands: tuple[Candidate, ...], found: list[PlaceMention]
    ) -> PlaceMention | None:
        toks = self.tokens[i : i + size]
        key = " ".join(t.norm for t in toks)
        content = [t for t in toks if t.norm not in PARTICLES]
        if not content or any(t.norm.isdigit() for t in toks):
            return None
        if not self.upper and not all(t.raw[0].isupper() for t in content):
            return None
        chosen = _choose(cands, self.hint)
        place = chosen.place
        rel_match = RELATION_BEFORE.search(
            self.text, max(self.start, toks[0].start - LOOKBACK_CHARS), toks[0].start
        )
        relation = " ".join(rel_match.group("rel").lower().split()) if rel_match else None
        pre = rel_match.group("pre") if rel_match else None
        feature_word = self._feature_after(i + size)
        if pre:
            feature_word = " ".join(pre.lower().split()[-2:])
        if not self._plausible(i, toks, content, chosen, relation, feature_word, found):
            return None
        word = (feature_word or "").split()[0] if feature_word else ""
        if word in ADMIN_WORDS:
            admin = _admin1_of(self.gazetteer, cands, chosen)
            if admin is not None:
                place = admin
        elif word in CITY_WORDS or word in AREA_WORDS:
            towns = [c for c in cands if c.place.feature == "place"]
            if towns and place.feature != "place":
                chosen = _choose(tuple(towns), place.country or self.hint)
                place = chosen.place
        end = toks[-1].end
        if feature_word and not feature_word.endswith(" of"):
            end = self.tokens[i + size].end
        metonym = self._metonym(toks[-1], i + size, place)
        return PlaceMention(
            start=toks[0].start,
            end=end,
            text=self.text[toks[0].start : end],
            name=place.name,
            country=place.country,
            admin1=place.admin1,
            lat=place.lat,
            lon=place.lon,
            geonames_id=place.geonames_id,
            feature=place.feature,
            population=place.population,
            relation=relation,
            key=key,
            feature_word=feature_word,
            alternate=chosen.alternate,
            precision=place.precision,
            admin1_code=place.admin1_code,
            metonym=metonym,
        )

    def _feature_after(self, j: int) -> str | None:
        if j >= len(self.tokens):
            return None
        nxt, prev = self.tokens[j], self.tokens[j - 1]
        if (
            nxt.norm in FEATURE_WORDS
            and not prev.possessive
            and _JOIN.fullmatch(self.text, prev.end, nxt.start)
        ):
            return nxt.norm
        return None

    def _plausible(
        self,
        i: int,
        toks: list[_Token],
        content: list[_Token],
        chosen: Candidate,
        relation: str | None,
        feature_word: str | None,
        found: list[PlaceMention],
    ) -> bool:
        """Guards against false hits: stop-words, common words, demonyms, partial and person names."""
        place, common = chosen.place, self.gazetteer.common_words
        if i > 0 and self.tokens[i - 1].norm in TITLES:
            return False
        if self._continues(i + len(toks)):
            return False
        if place.feature == "country":
            tok = content[0]
            if tok.norm in _STOP and not (not self.upper and tok.raw.isupper() and len(tok.raw) >= 2):
                return False
            return len(content) > 1 or not self._inside_name(i, found)
        if place.feature == "region":
            # hand-made entries: multi-word names are curated; one-word ones may open an organisation's name
            return len(content) > 1 or relation in LOCATIVE or not self._names_someone(i + 1, place)
        if len(content) > 1:
            return relation in LOCATIVE or not all(t.norm in common or t.norm in _STOP for t in content)
        tok = content[0]
        if tok.norm in _STOP or len(tok.norm) < 3 or tok.norm in self.gazetteer.demonyms:
            return False
        if not self.upper and tok.raw.isupper() and len(tok.raw) <= 5:
            return False  # an acronym in mixed-case text (ODE, SANA), not a town
        if chosen.alternate and feature_word is None:
            skeletal = tok.norm not in self.gazetteer.exact
            floor = _SKELETON_MIN_POPULATION if skeletal else _ALTERNATE_MIN_POPULATION
            if place.population < floor:
                return False
        if (
            relation not in LOCATIVE
            and feature_word is None
            and place.population < _BIG_CITY
            and self._names_someone(i + len(toks), place)
        ):
            return False
        if tok.norm in CALENDAR:
            return False
        if tok.norm in common:
            if place.feature == "admin1" and feature_word is None:
                return False
            if self.upper and place.population < _UPPER_COMMON_MIN_POPULATION:
                return False
            initial = _sentence_initial(self.text, self.start, toks[0].start)
            if (place.population < _BIG_CITY or self.upper) and (
                initial or (relation not in LOCATIVE and feature_word is None)
            ):
                return False
        if relation is None and feature_word is None and place.population < _BIG_CITY:
            return not self._inside_name(i, found)
        return True

    def _names_someone(self, j: int, place: Place) -> bool:
        """'Davis said', 'Kurdistan Regional Government': a person's or a body's name, not a place.

        A capital before a reporting verb is kept (it is flagged as a metonym instead).
        """
        if j >= len(self.tokens):
            return False
        nxt = self.tokens[j]
        if nxt.norm in REPORTING_VERBS:
            return self.gazetteer.country_words.get(normalize(place.name)) is None
        if self.upper or not nxt.raw[0].isupper() or nxt.norm in FEATURE_WORDS or nxt.norm in CALENDAR:
            return False
        if _sentence_initial(self.text, self.start, nxt.start):
            return False
        return _JOIN.fullmatch(self.text, self.tokens[j - 1].end, nxt.start) is not None

    def _continues(self, j: int) -> bool:
        """The name goes on with an Arabic article and another word: a longer name we do not know."""
        toks = self.tokens
        if j + 1 >= len(toks) or toks[j].norm not in ARTICLES or toks[j - 1].possessive:
            return False
        if not _JOIN.fullmatch(self.text, toks[j - 1].end, toks[j].start):
            return False
        return self.upper or toks[j + 1].raw[0].isupper()

    def _inside_name(self, i: int, found: list[PlaceMention]) -> bool:
        """A capitalised word right before (mixed case) makes this part of a person's or body's name."""
        if self.upper or i == 0 or _sentence_initial(self.text, self.start, self.tokens[i].start):
            return False
        prev = self.tokens[i - 1]
        if prev.possessive or not prev.raw[0].isupper() or prev.norm in NAME_PREFIX_OK:
            return False
        if not _JOIN.fullmatch(self.text, prev.end, self.tokens[i].start):
            return False
        if found and found[-1].end >= prev.end:
            return False
        return self.gazetteer.country_for_word(prev.raw) is None

    def _metonym(self, last: _Token, j: int, place: Place) -> bool:
        if place.feature != "place" or self.gazetteer.country_words.get(normalize(place.name)) is None:
            return False
        if last.possessive:
            return True
        nxt = self.tokens[j].norm if j < len(self.tokens) else ""
        return nxt in REPORTING_VERBS or nxt in AUXILIARIES


def _merge_possessives(text: str, found: list[PlaceMention], gazetteer: Gazetteer) -> list[PlaceMention]:
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


_QUALIFIER_GAP = re.compile(r"\s*,\s*|\s*\(\s*")


def _qualify_by_following(text: str, found: list[PlaceMention], gazetteer: Gazetteer) -> list[PlaceMention]:
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
    return replace(
        mention,
        name=place.name,
        country=place.country,
        admin1=place.admin1,
        lat=place.lat,
        lon=place.lon,
        geonames_id=place.geonames_id,
        feature=place.feature,
        population=place.population,
        alternate=alternate,
        precision=place.precision,
        admin1_code=place.admin1_code,
    )


def find_places(
    text: str,
    gazetteer: Gazetteer,
    *,
    start: int = 0,
    end: int | None = None,
    country_hint: str | None = None,
) -> tuple[PlaceMention, ...]:
    """Place names in ``text[start:end]``, offsets relative to the whole ``text``, in text order.

    Longest match first ('Idlib province', 'Syria’s Idlib', 'Deir ez-Zor'); a spatial cue before
    the name ('north of', 'near', '10 km from') is kept as ``relation``.  Works on upper-case wire
    copy.  ``country_hint`` (ISO-3) prefers homonyms in that country (Damascus, Syria over Damascus,
    Maryland) unless the other is far more populous.

    Example:
        >>> [m.name for m in find_places("Shelling hit Idlib province.", gazetteer)]  # doctest: +SKIP
        ['Idlib']
    """
    stop = len(text) if end is None else min(end, len(text))
    if start < 0 or start > stop:
        raise ValueError(f"bad window [{start}, {end}) for a text of {len(text)} characters")
    return tuple(_Matcher(text, gazetteer, start, stop, country_hint).run())
