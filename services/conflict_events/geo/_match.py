"""Find place names in text: longest gazetteer match first, with guards against common words."""

from __future__ import annotations

import re

from conflict_events.geo._context import (
    BIG_CITY,
    admin1_of,
    choose,
    distribute_plural,
    merge_possessives,
    qualify_by_following,
    settle_upper,
    short_country_names,
)
from conflict_events.geo._cues import (
    ADMIN_WORDS,
    AREA_WORDS,
    AUXILIARIES,
    CALENDAR,
    CITY_WORDS,
    FACILITIES,
    FEATURE_WORDS,
    FUNCTION_WORDS,
    NAME_HEADS,
    NAME_PREFIX_OK,
    PARTICLES,
    RELATION_BEFORE,
    RELATION_ENDS,
    REPORTING_VERBS,
    SIMPLE_RELATIONS,
    STATE_COMPOUNDS,
    STREET_WORDS,
    TITLES,
    is_locative,
)
from conflict_events.geo._model import Candidate, Gazetteer, Place, PlaceMention, place_fields
from conflict_events.geo._normalize import ARTICLES, normalize, skeleton_token
from conflict_events.geo._sources import SMALL_TOWN_MAX_POPULATION
from conflict_events.geo._tokens import Token, mostly_upper, sentence_initial, tokenize

_SPACE = re.compile(r"[ \t]{0,8}(?:\n[ \t]{0,8})?")
_LOOKBACK_TOKENS = 14
_COMPOUND = re.compile(r"[-‐‑][a-z]")
_JOIN = re.compile(r"[ \t]{0,8}(?:[\-‐‑–][ \t]{0,8})?(?:\n[ \t]{0,8})?")
"""What may stand between two words of one name: spaces, a hyphen, one line break (wrapped wire copy).
Unambiguous and bounded, so a gap of a million spaces costs nothing."""
_HYPHENATED_NAME = re.compile(
    r"[-‐‑](?:de|des|du|la|le|les|au|aux|en|sur|sous|di|da|do|dos|das|del|della|el|al)[-‐‑][^\W\d_]", re.I
)
"""A name going on through a hyphenated particle: 'Croix-des-Bouquets', 'Port-au-Prince'."""
_ALTERNATE_MIN_POPULATION = 50_000
_SKELETON_MIN_POPULATION = 100_000
_UPPER_COMMON_MIN_POPULATION = 100_000
_STOP = FUNCTION_WORDS
_ARABIC_ARTICLES = ARTICLES - FUNCTION_WORDS - {"en", "es"}


class _Matcher:
    """One pass over one window of text; holds nothing after the call."""

    def __init__(self, text: str, gazetteer: Gazetteer, start: int, end: int, hint: str | None) -> None:
        self.text, self.gazetteer, self.start, self.hint = text, gazetteer, start, hint
        self.tokens = tokenize(text, start, end)
        self.upper = mostly_upper(text[start:end])
        self.tentative: set[int] = set()
        """Starts of small towns found under an alternate spelling ('Kupiansk' for Kupyansk): kept only
        when they lie in the country the text is about (``find_places``)."""
        self.dead_ends: dict[str, bool] = {}
        """Per normalised word, whether no name can start with it (``_dead_end``)."""

    def run(self) -> list[PlaceMention]:
        found: list[PlaceMention] = []
        consumed = self.start
        for i in [i for i in range(len(self.tokens)) if self._can_start(i)]:
            if self.tokens[i].start < consumed or self._dead_end(self.tokens[i]):
                continue
            for size, cands in self._spans(i):
                mention = self._try(i, size, cands, found)
                if mention is not None:
                    found.append(mention)
                    consumed = mention.end
                    break
        if self.upper:
            demonyms = [
                self.gazetteer.country_words[t.norm] for t in self.tokens if t.norm in self.gazetteer.demonyms
            ]
            found = settle_upper(self.text, self.start, found, self.gazetteer, self.hint, demonyms)
        found = short_country_names(found, self.gazetteer)
        found = merge_possessives(self.text, found, self.gazetteer)
        found = distribute_plural(self.text, found, self.gazetteer)
        return qualify_by_following(self.text, found, self.gazetteer)

    def _dead_end(self, token: Token) -> bool:
        """True when ``_spans`` finds nothing at the token whatever follows it (see ``dead_word``); in
        capitalised wire copy every word is tried, and nine in ten are such words, most of them repeated."""
        if token.possessive:  # "Cox's Bazar": the 's may join the next word
            return False
        dead = self.dead_ends.get(token.norm)
        if dead is None:
            dead = self.dead_ends[token.norm] = dead_word(token.norm, self.gazetteer)
        return dead

    def _spans(self, i: int) -> list[tuple[int, tuple[Candidate, ...]]]:
        """Gazetteer keys starting at token i, longest first; grown token by token along the prefix set."""
        gaz, toks = self.gazetteer, self.tokens
        hits: dict[int, tuple[Candidate, ...]] = {}
        key, size = toks[i].norm, 1
        while True:
            if key in gaz.exact:
                hits[size] = gaz.exact[key]
            last = toks[i + size - 1]
            if (
                last.possessive
                and f"{key}s" in gaz.prefixes
                and i + size < len(toks)
                and _JOIN.fullmatch(self.text, last.end + 2, toks[i + size].start)
            ):  # "Cox's Bazar": the 's belongs to the name (indexed without the apostrophe)
                key, size = f"{key}s {toks[i + size].norm}", size + 1
                continue
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
            if self.upper:  # 'AT LA CEIBA': an English word in capitals does not open a name
                return tok.norm not in _STOP and i + 1 < len(self.tokens)
            if i + 1 < len(self.tokens) and self.tokens[i + 1].raw[0].isupper():
                return True
            return tok.raw[0].isupper() and self._particle_town(tok.norm) is not None
        if self.upper:
            return tok.norm not in _STOP
        return tok.raw[0].isupper()

    def _try(
        self, i: int, size: int, cands: tuple[Candidate, ...], found: list[PlaceMention]
    ) -> PlaceMention | None:
        toks = self.tokens[i : i + size]
        key = " ".join(t.norm for t in toks)
        content = [t for t in toks if t.norm not in PARTICLES]
        if not content and size == 1 and not self.upper and toks[0].raw[0].isupper():
            content = toks if self._particle_town(key) is not None else []
        if not content or any(t.norm.isdigit() for t in toks):
            return None
        if not self.upper and not all(
            t.raw[0].isupper() or self._hyphen_inner(i + k) for k, t in enumerate(toks) if t in content
        ):
            return None
        chosen = choose(cands, self.hint)
        place = chosen.place
        relation, pre = self._relation(i)
        feature_word = self._feature_after(i + size)
        if pre:
            feature_word = " ".join(pre.lower().split()[-2:])
        if not self._plausible(i, toks, content, chosen, relation, feature_word, found):
            return None
        word = (feature_word or "").split()[0] if feature_word else ""
        if word in ADMIN_WORDS:
            admin = admin1_of(self.gazetteer, cands, chosen, self.hint)
            if admin is not None:
                place = admin
        elif word in CITY_WORDS or word in AREA_WORDS:
            towns = [c for c in cands if c.place.feature == "place"]
            if towns and place.feature != "place":
                chosen = choose(tuple(towns), place.country or self.hint)
                place = chosen.place
        if place.feature == "place" and 0 < place.population < SMALL_TOWN_MAX_POPULATION:
            self.tentative.add(toks[0].start)  # a small town: only in the text's own country
        end = toks[-1].end
        if feature_word and not feature_word.endswith(" of"):
            end = self.tokens[i + size].end
        metonym = self._metonym(key, toks[-1], i + size, place)
        return PlaceMention(
            start=toks[0].start,
            end=end,
            text=self.text[toks[0].start : end],
            relation=relation,
            key=key,
            feature_word=feature_word,
            alternate=chosen.alternate,
            metonym=metonym,
            **place_fields(place),
        )

    def _particle_town(self, key: str) -> Candidate | None:
        """A town whose whole name is a particle of other names ('Beni', 'Bor'): only a sizeable one
        under its own name, so that a capitalised 'El' or 'De' opening a sentence is no place."""
        return next(
            (
                c
                for c in self.gazetteer.exact.get(key, ())
                if not c.alternate
                and c.place.feature == "place"
                and c.place.population >= _ALTERNATE_MIN_POPULATION
            ),
            None,
        )

    def _hyphen_inner(self, j: int) -> bool:
        """A short lower-case word hyphenated on both sides inside a name: 'Port-au-Prince'."""
        toks = self.tokens
        if j == 0 or j + 1 >= len(toks) or len(toks[j].raw) > 4:
            return False
        hyphen = "-‐‑"
        before = self.text[toks[j - 1].end : toks[j].start]
        after = self.text[toks[j].end : toks[j + 1].start]
        return len(before) == 1 and before in hyphen and len(after) == 1 and after in hyphen

    def _relation(self, i: int) -> tuple[str | None, str | None]:
        """The spatial cue before token i and a feature phrase ('city of') between it and the name.

        One-word prepositions ('in', 'near', 'in the') are read from the tokens; anything that may be
        longer ('north of', '10 km from', 'on the outskirts of', 'northern') goes to RELATION_BEFORE,
        which is slow (~50 µs), so it only runs when the word before could end such a cue.
        """
        j = i - 1
        if (
            j >= 0
            and self.tokens[j].norm == "the"
            and _SPACE.fullmatch(self.text, self.tokens[j].end, self.tokens[i].start)
        ):
            j -= 1
        if j < 0:
            return None, None
        prev, nxt = self.tokens[j], self.tokens[j + 1]
        if not _SPACE.fullmatch(self.text, prev.end, nxt.start):
            return None, None
        if prev.norm in SIMPLE_RELATIONS:
            return prev.norm, None
        if prev.norm not in RELATION_ENDS:
            return None, None
        start = max(self.start, self.tokens[max(0, i - _LOOKBACK_TOKENS)].start, self.tokens[i].start - 200)
        match = RELATION_BEFORE.search(self.text, start, self.tokens[i].start)
        if match is None:
            return None, None
        return " ".join(match.group("rel").lower().split()), match.group("pre")

    def _feature_after(self, j: int) -> str | None:
        if j >= len(self.tokens):
            return None
        nxt, prev = self.tokens[j], self.tokens[j - 1]
        if (
            nxt.norm in FEATURE_WORDS
            and not prev.possessive
            and _SPACE.fullmatch(self.text, prev.end, nxt.start)
            and not (j + 1 < len(self.tokens) and self.tokens[j + 1].norm in STATE_COMPOUNDS)
        ):
            return nxt.norm
        return None

    def _plausible(
        self,
        i: int,
        toks: list[Token],
        content: list[Token],
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
        if toks[0].norm in PARTICLES and self._inside_name(i, found):
            return False  # 'Hayat Tahrir al-Sham', 'Jabhat al-Nusra': the article continues a name
        if place.feature == "country":
            tok = content[0]
            if tok.norm in _STOP and not (not self.upper and tok.raw.isupper() and len(tok.raw) >= 2):
                return False
            if len(content) > 1:
                return True
            if not is_locative(relation) and self._names_someone(i + len(toks), tok.norm, country=True):
                return False  # 'Chad Johnson', 'Georgia Tech'
            return not self._inside_name(i, found)
        if place.feature == "region":
            # hand-made entries: multi-word names are curated; one-word ones may open an organisation's name
            if len(content) > 1 or is_locative(relation):
                return True
            return not self._names_someone(i + len(toks), content[0].norm)
        if len(content) > 1:
            return is_locative(relation) or not all(t.norm in common or t.norm in _STOP for t in content)
        tok = content[0]
        if tok.norm in _STOP or len(tok.norm) < 3 or tok.norm in self.gazetteer.demonyms:
            return False
        if tok.norm in FEATURE_WORDS:  # 'the capital', 'CAPITAL CITY': the word, not a town called so
            return False
        if not self.upper and tok.raw.isupper() and len(tok.raw) <= 5:
            return False  # an acronym in mixed-case text (ODE, SANA), not a town
        if chosen.alternate and feature_word is None:
            skeletal = tok.norm not in self.gazetteer.exact
            floor = _SKELETON_MIN_POPULATION if skeletal else _ALTERNATE_MIN_POPULATION
            if place.population < floor:
                if skeletal or tok.norm in common:
                    return False
                self.tentative.add(toks[0].start)
        if (
            not is_locative(relation)
            and feature_word is None
            and self._names_someone(i + len(toks), tok.norm)
        ):
            return False
        if tok.norm in CALENDAR:
            return False
        if tok.norm in common:
            if place.feature == "admin1" and feature_word is None:
                return False
            if self.upper and place.population < _UPPER_COMMON_MIN_POPULATION:
                return False
            initial = sentence_initial(self.text, self.start, toks[0].start)
            licensed = is_locative(relation) or (feature_word or "").split(" ")[0] in ADMIN_WORDS
            big_city = place.feature == "place" and place.population >= BIG_CITY
            if (not big_city or self.upper) and (initial or not licensed):
                return False
        if relation is None and feature_word is None and (place.population < BIG_CITY or chosen.alternate):
            return not self._inside_name(i, found)
        return True

    def _names_someone(self, j: int, key: str, *, country: bool = False) -> bool:
        """'Davis said', 'Paris Hilton', 'Kurdistan Regional Government': a person's or a body's name.

        A capital or country before a reporting verb is kept (a capital is flagged as a metonym);
        a facility after the name ('Baghdad International Airport') keeps the place.
        """
        if j >= len(self.tokens):
            return False
        nxt = self.tokens[j]
        if nxt.norm in REPORTING_VERBS:
            return not country and self.gazetteer.country_words.get(key) is None
        if self.upper or not nxt.raw[0].isupper() or nxt.norm in FEATURE_WORDS or nxt.norm in CALENDAR:
            return False
        if nxt.norm in FACILITIES or nxt.norm in _STOP or self.gazetteer.country_for_word(nxt.raw):
            return False
        if sentence_initial(self.text, self.start, nxt.start):
            return False
        return _SPACE.fullmatch(self.text, self.tokens[j - 1].end, nxt.start) is not None

    def _continues(self, j: int) -> bool:
        """The name goes on: 'San' + another word, an Arabic article and another word ('Maarat al-Numan'),
        or a street word ('Oxford Street', 'Cavehill Road'): a longer name we do not know."""
        toks = self.tokens
        if j > 0 and _HYPHENATED_NAME.match(self.text, toks[j - 1].end):
            return True
        if j >= len(toks) or toks[j - 1].possessive:
            return False
        if toks[j - 1].norm in NAME_HEADS and toks[j].norm not in _STOP:
            return _JOIN.fullmatch(self.text, toks[j - 1].end, toks[j].start) is not None
        if toks[j].norm in STREET_WORDS and (self.upper or toks[j].raw[0].isupper()):
            return _JOIN.fullmatch(self.text, toks[j - 1].end, toks[j].start) is not None  # 'Oxford Street'
        if j + 1 >= len(toks) or toks[j].norm not in ARTICLES:
            return False
        if not _JOIN.fullmatch(self.text, toks[j - 1].end, toks[j].start):
            return False
        return self.upper or toks[j + 1].raw[0].isupper()

    def _inside_name(self, i: int, found: list[PlaceMention]) -> bool:
        """A capitalised word right before (mixed case) makes this part of a person's or body's name."""
        if self.upper or i == 0 or sentence_initial(self.text, self.start, self.tokens[i].start):
            return False
        while i > 1 and self.tokens[i - 1].norm in _ARABIC_ARTICLES and self._touch(i - 1):
            i -= 1  # 'Tahrir al-Sham': look past the article
        prev = self.tokens[i - 1]
        if prev.possessive or not prev.raw[0].isupper() or prev.norm in NAME_PREFIX_OK:
            return False
        if prev.norm in _STOP or prev.norm in SIMPLE_RELATIONS:
            return False  # a capitalised preposition opening a sentence or a headline ('Near Raqqa')
        if not _JOIN.fullmatch(self.text, prev.end, self.tokens[i].start):
            return False
        if found and found[-1].end >= prev.end:
            return False
        return self.gazetteer.country_for_word(prev.raw) is None

    def _metonym(self, key: str, last: Token, j: int, place: Place) -> bool:
        """A capital standing for its government ('Moscow said'), or any name used as a modifier in a
        hyphenated compound ('Iran-backed', 'US-led', 'Britain-based'): an actor, not a place."""
        end = last.end + (2 if last.possessive else 0)
        if _COMPOUND.match(self.text, end):
            return True
        if place.feature != "place" or self.gazetteer.country_words.get(key) is None:
            return False
        nxt = self.tokens[j].norm if j < len(self.tokens) else ""
        if last.possessive:  # 'Moscow’s decision', not 'Nairobi’s Kibera slum' or 'Kabul’s airport'
            after = self.tokens[j] if j < len(self.tokens) else None
            return after is not None and after.raw[0].islower() and nxt not in FACILITIES | FEATURE_WORDS
        return nxt in REPORTING_VERBS or nxt in AUXILIARIES


def dead_word(norm: str, gazetteer: Gazetteer) -> bool:
    """Whether no name starts with the word ``norm``: neither it nor its skeleton is a gazetteer key (a
    skeleton that is a common word does not count alone) or the start of a longer key, and it is no Arabic
    article that may open a name ('al Hasakah')."""
    if norm in gazetteer.exact or norm in gazetteer.prefixes or norm in ARTICLES:
        return False
    skeleton = skeleton_token(norm)
    if skeleton in gazetteer.prefixes:
        return False
    return skeleton in gazetteer.common_words or not (
        gazetteer.skeletons.get(skeleton) or gazetteer.exact.get(skeleton)
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
    from conflict_events.geo._resolve import document_country, homonym_countries

    matcher = _Matcher(text, gazetteer, start, stop, country_hint)
    found = matcher.run()
    country = country_hint
    if country_hint is None and found:
        # a name with homonyms in several countries ('Bor': South Sudan, Russia, Serbia, Turkey) is read in
        # the country the rest of the window points to; a larger population is only the tie-break
        sure = [m for m in found if m.start not in matcher.tentative]
        country = document_country(sure, text=text[start:stop], gazetteer=gazetteer) if sure else None
        if country is not None and any(
            m.country != country and country in homonym_countries(m, gazetteer) for m in found
        ):
            matcher = _Matcher(text, gazetteer, start, stop, country)
            found = matcher.run()
    return tuple(m for m in found if _kept(m, found, country, matcher.tentative))


FOREIGN_TOWN_MAX_POPULATION = 100_000
"""A town abroad smaller than this, in a country the text never names, is a false hit ('Ain Zara' in
Tripoli read as Zadar, Croatia), not the place of anything the text tells."""


def _spelling_of(key: str, name: str) -> bool:
    """True when one name holds the other, articles and spaces aside ('raqqa' / 'Ar Raqqah', 'sana' /
    'Sanaa', 'new york' / 'New York City'): a spelling of the place's name, not another name."""
    a, b = ("".join(w for w in normalize(x).split() if w not in ARTICLES) for x in (key, name))
    return bool(a and b) and (a in b or b in a)


def _kept(
    mention: PlaceMention, found: list[PlaceMention], country: str | None, tentative: set[int]
) -> bool:
    """Keep a mention unless it is a small town outside the text's country (``country``).

    A tentative mention (a small town, a low-population alternate spelling) must lie in that country,
    or, when the text points to no country, follow a locative cue ('near Konduga').  Any other town in
    another country must be sizeable, follow a locative cue, or have its country named in the text.
    """
    if mention.start in tentative:
        return mention.country == country or (country is None and is_locative(mention.relation))
    if country is None or mention.feature != "place" or mention.country in (None, country):
        return True
    if mention.alternate and not _spelling_of(mention.key, mention.name):
        # 'Ariha' (Idlib) read as Jericho, 'Intan' (Papua) as Yingtan: another name of a town abroad (not a
        # spelling of its name: 'Raqqa', 'Lyons') is a hit only when the text names that country's places
        others = (m for m in found if m.start != mention.start and not m.alternate)
        return any(m.country == mention.country for m in others)
    if mention.population >= FOREIGN_TOWN_MAX_POPULATION or is_locative(mention.relation):
        return True
    return any(m.country == mention.country and m.start != mention.start for m in found)
