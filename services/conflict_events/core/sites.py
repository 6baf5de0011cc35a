"""The site of an event inside its place: the facility, street or quarter the clause names ("at the busy
Oxford Street bus station", "in a crowded market", "outside the army barracks").

The gazetteer resolves towns and regions; analysts also want the spot.  A site is read only from the
prepositional phrases of the trigger and of the verbs above it up to its clause's verb, and only when the
phrase's head noun is a kind of site, so a town ("in Kano") or a time ("on Monday") is never one.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from conflict_events.contracts import ConflictEvent, Span

SITE_NOUNS = frozenset(
    [
        "station",
        "stations",
        "terminal",
        "terminals",
        "market",
        "markets",
        "marketplace",
        "bazaar",
        "mall",
        "street",
        "streets",
        "st",
        "st.",
        "rd",
        "rd.",
        "road",
        "roads",
        "avenue",
        "square",
        "restaurant",
        "restaurants",
        "cafe",
        "café",
        "cafeteria",
        "bar",
        "nightclub",
        "bakery",
        "pharmacy",
        "bank",
        "supermarket",
        "store",
        "shop",
        "shops",
        "hotel",
        "hotels",
        "hospital",
        "clinic",
        "school",
        "schools",
        "university",
        "college",
        "campus",
        "mosque",
        "mosques",
        "church",
        "churches",
        "temple",
        "synagogue",
        "shrine",
        "base",
        "bases",
        "airbase",
        "barracks",
        "post",
        "posts",
        "outpost",
        "checkpoint",
        "checkpoints",
        "camp",
        "camps",
        "prison",
        "jail",
        "courthouse",
        "court",
        "embassy",
        "consulate",
        "office",
        "offices",
        "headquarters",
        "building",
        "buildings",
        "house",
        "houses",
        "home",
        "homes",
        "compound",
        "stadium",
        "airport",
        "port",
        "harbour",
        "harbor",
        "bridge",
        "village",
        "villages",
        "neighbourhood",
        "neighborhood",
        "district",
        "quarter",
        "area",
        "areas",
        "depot",
        "factory",
        "plant",
        "farm",
        "farms",
        "field",
        "fields",
        "crossing",
        "junction",
        "highway",
        "motorway",
        "ministry",
        "parliament",
        "palace",
        "residence",
        "bus",
        "convoy",
        "train",
    ]
)
"""Head nouns that name a spot inside a town (facilities, streets, quarters)."""
SITE_PREPS = frozenset({"at", "in", "on", "inside", "outside", "near", "into", "throughout", "across"})
MOTION_PREPS = frozenset({"through", "along", "past", "across"})
"""Prepositions of a way through a site ("driving through the market")."""
CLIMB = 3


def _verbal(token: Token) -> bool:
    return token.tag_.startswith("VB")


def _owners(trigger: Token) -> list[Token]:
    """The trigger, then its heads up to and including its clause's verb (at most ``CLIMB`` steps)."""
    owners = [trigger]
    token = trigger
    for _ in range(CLIMB):
        if _verbal(token) or token.head.i == token.i:
            break
        token = token.head
        owners.append(token)
    return owners


NESTING_PREPS = frozenset({"on", "in", "at", "inside"})
"""Prepositions that put one site in another: "a bakery on Rue Madeleine", "a stall in the old market"."""


DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})


def _site_noun(token: Token) -> bool:
    """A site noun that names a spot: "in this area" only points back at a place told before."""
    return token.lower_ in SITE_NOUNS and not any(
        c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in token.children
    )


def _names_site(token: Token) -> bool:
    """The noun or one of its compounds is a site noun ("the main avenue", "the avenue Rue Madeleine")."""
    return token.lower_ in SITE_NOUNS or any(
        c.dep_ == "compound" and c.lower_ in SITE_NOUNS for c in token.children
    )


def _span(head: Token, offset: int, text: str) -> Span:
    """The site's words: the noun and what stands before it ("the busy Oxford Street bus station"), and the
    site it lies on or in ("a bakery on the avenue Rue Madeleine"), never a town after it ("in Kano")."""
    last = head
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in NESTING_PREPS and prep.i > head.i:
            inner = [g for g in prep.children if g.dep_ == "pobj" and _names_site(g)]
            last = inner[0].right_edge if inner else last
    start = offset + head.left_edge.idx
    end = offset + last.idx + len(last.text)
    return Span(start=start, end=end, text=text[start:end])


def event_site(doc: Doc, trigger_i: int, offset: int, text: str) -> Span | None:
    """The site phrase of the event at ``trigger_i`` (article offsets, words from ``text``), or None.

    Read from the prepositions of the trigger and the words above it up to its clause's verb, then of the
    verb's subject noun ("the blast at the market killed six"); then the verb's object when it is a site
    itself ("gunmen attacked a police post"); then a site noun compounded with an act noun trigger ("a
    market bombing", "house arrest"); then the site its target was passing through (``_passing_site``)."""
    owners = _owners(doc[trigger_i])
    verb = owners[-1]
    owners += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.tag_.startswith("NN")]
    for owner in owners:
        for prep in owner.children:
            if prep.dep_ != "prep" or prep.lower_ not in SITE_PREPS:
                continue
            for head in prep.children:
                if head.dep_ == "pobj" and _site_noun(head):
                    return _span(head, offset, text)
    if _verbal(verb):
        for obj in verb.children:
            if obj.dep_ == "dobj" and _site_noun(obj):
                return _span(obj, offset, text)
    for kind in doc[trigger_i].children:  # "a market bombing", "placed under house arrest"
        if kind.dep_ == "compound" and kind.lower_ in SITE_NOUNS and not _verbal(doc[trigger_i]):
            return _span(kind, offset, text)
    return _passing_site(verb, offset, text) if _verbal(verb) else None


PASSING_MARKS = frozenset({"while", "as"})
"""Marks of a clause that tells where the target was going when the act befell it."""


def _passing_site(verb: Token, offset: int, text: str) -> Span | None:
    """The site the target was passing through, told by a "while"/"as" clause whose subject is a pronoun
    for it ("rammed the convoy as it drove through the market", "hit the patrol while it was walking along
    the main road")."""
    for clause in verb.children:
        marks = [m for m in clause.children if m.lower_ in PASSING_MARKS]
        if clause.dep_ != "advcl" or not marks or not any(c.tag_ == "PRP" for c in clause.children):
            continue  # "as it drove through": the target went on; "while residents slept" is not it
        for prep in clause.children:
            if prep.dep_ == "prep" and prep.lower_ in SITE_PREPS | MOTION_PREPS:
                heads = [g for g in prep.children if g.dep_ == "pobj" and _site_noun(g)]
                if heads:
                    return _span(heads[0], offset, text)
    return None


SiteIndex = dict[int, list[tuple[int, Span, str | None]]]
"""Sentence start -> (trigger offset, site, the sentence's own place name or None) of its frames."""


def _usable(entry: tuple[int, Span, str | None], place: str) -> bool:
    """A site lies in the event's place when its sentence names no place of its own, or names that one."""
    return entry[2] is None or entry[2] == place


def fill_site(event: ConflictEvent, sites: SiteIndex) -> ConflictEvent:
    """The site of an event whose own clause names none beside its place: the site its clause names with no
    town beside it ("the blast hit a crowded bus station", the town read from the sentence before), else the
    first one its later mentions name, in text order ("... At the market, nine were killed"), each only
    where its sentence names no other place."""
    location = event.location
    own, trigger = event.evidence.sentence, event.evidence.trigger
    if location is None or (location.site is not None and own.start <= location.site.start < own.end):
        return event
    found = [e for e in sites.get(own.start, []) if trigger.start <= e[0] < trigger.end]
    for mention in sorted(event.evidence.mentions, key=lambda m: m.start):
        found += sites.get(mention.start, [])
    found = [e for e in found if _usable(e, location.name)]
    site = found[0][1] if found else location.site
    return event.model_copy(update={"location": location.model_copy(update={"site": site})})
