"""Binding each number phrase to a kind through the cue words after or before it.

After the count ("three soldiers were killed", "12 dead"): the scan passes the victim noun
phrase and auxiliaries.  Before it ("killing 5", "a death toll of 40"): only determiners,
qualifiers and toll verbs may sit in between.  Conjoined counts share a cue.
"""

from __future__ import annotations

from dataclasses import dataclass

from conflict_events.contracts import QuantityKind
from conflict_events.core.quantities.lexicon import (
    ASIDE_START,
    AUX,
    BREAK,
    CASUALTY_WORDS,
    LIFE_TAKERS,
    NEED_PEOPLE,
    NOT_PEOPLE,
    OBJECT_START,
    PASSIVE,
    PEOPLE,
    POST,
    PRE,
    SUBSET,
    TRANSITIVE,
    word_set,
)
from conflict_events.core.quantities.numbers import TENS, UNITS
from conflict_events.core.quantities.phrases import Phrase, cue_at, ends_cue, starts_cue


@dataclass(frozen=True, slots=True)
class Binding:
    """What a phrase counts, how far its cue was, how sure, and from which side it came."""

    kind: QuantityKind
    distance: int
    confidence: float
    side: str  # "post" | "pre": where the cue was (for an inherited binding, the first phrase's cue)
    inherited: bool = False


PRE_GAP = word_set(
    """
    a an the at least another further additional some all of to rose risen has have had stood stands
    reached climbed jumped increased hit now is was up from more than over around about nearly
    almost its their his her only just currently already as many much
    """
)


def bind(ph: Phrase, low: list[str], owner: dict[int, int], index: int) -> Binding | None:
    """Bind one phrase to a kind from the nearest cue after it (passive) or before it (active)."""
    prev, prev2 = (low[ph.first - 1] if ph.first else ""), (low[ph.first - 2] if ph.first > 1 else "")
    if prev in SUBSET or (prev2, prev) in (("among", "them"), ("of", "whom"), ("such", "as")):
        return None  # a subset of another count
    post = post_cue(ph, low, owner, index)
    pre = pre_cue(ph, low, owner, index)
    if post is None or (pre is not None and pre.distance <= post.distance):
        return pre  # on a tie the verb the count is the object of wins: "men who murdered a nurse fled"
    return post


def post_cue(ph: Phrase, low: list[str], owner: dict[int, int], index: int) -> Binding | None:
    """ "three soldiers were killed", "12 dead", "thousands of civilians leave their homes"."""
    k, skipped, noun_left, passive = ph.last, 0, 5, False
    while k < len(low) and skipped <= 8 and owner.get(k, index) == index:
        cue = cue_at(low, k, POST)
        if cue is not None:
            kind, words = cue
            if kind == "kidnapped" and low[k] == "seized" and not ph.people:
                return None
            if words[0] == "lives" and (ph.first == 0 or low[ph.first - 1] not in LIFE_TAKERS):
                return None
            attributive = skipped == 0 and k + 1 < len(low) and low[k + 1] in PEOPLE  # "two murdered women"
            transitive = len(words) == 1 and low[k] in TRANSITIVE and object_follows(low, k + 1)
            if not passive and transitive and not attributive:
                return None  # "three gunmen killed two guards": the count is the perpetrators
            conf = 0.35 if CASUALTY_WORDS.intersection(words) else 0.85 if skipped <= 3 else 0.7
            return Binding(kind, skipped, conf, "post")
        tok = low[k]
        if tok in ("(", "["):
            close = ")" if tok == "(" else "]"
            end = next((t for t in range(k + 1, min(len(low), k + 8)) if low[t] == close), -1)
            if end < 0:
                return None
            k, skipped = end + 1, skipped + 1
            continue
        if tok == "," and k + 1 < len(low) and low[k + 1] in ASIDE_START:
            end = next((t for t in range(k + 2, min(len(low), k + 12)) if low[t] == ","), -1)
            if end < 0:
                return None
            k, skipped = end + 1, skipped + 1  # "five people, including two children, were killed"
            continue
        if tok == "and" and noun_left > 0 and k + 1 < len(low) and noun_like(low[k + 1]):
            k, skipped, noun_left = k + 1, skipped + 1, noun_left - 1  # "five judges and magistrates were …"
            continue
        if tok in AUX:
            passive = passive or tok in PASSIVE
        elif noun_left > 0 and modifier(tok, ph.people):
            noun_left -= 1  # people seen: "12 workers from the church were arrested" reads on
        else:
            return None
        k, skipped = k + 1, skipped + 1
    return None


def modifier(tok: str, people: bool) -> bool:
    """A word the victim-noun-phrase scan may pass (a thing noun only once a person noun was seen)."""
    return tok not in BREAK and not tok[0].isdigit() and (people or tok not in NOT_PEOPLE)


def noun_like(tok: str) -> bool:
    """A word that can continue a victim noun phrase (not a cue, auxiliary, break or number)."""
    if not tok.isalpha() or tok in AUX or tok in BREAK:
        return False
    return (tok,) not in POST and (tok,) not in PRE


def object_follows(low: list[str], k: int) -> bool:
    """True when an object starts at ``k`` (an active transitive verb), not a preposition or stop."""
    if k >= len(low):
        return False
    tok = low[k]
    return tok in OBJECT_START or tok in PEOPLE or tok[0].isdigit() or tok in UNITS or tok in TENS


def pre_cue(ph: Phrase, low: list[str], owner: dict[int, int], index: int) -> Binding | None:
    """ "killing 5", "wounded 7", "a death toll of 40", "populated by 147,000 people"."""
    k, gap = ph.first - 1, 0
    while k >= 0 and gap <= 5 and owner.get(k, index) == index:
        found = ends_cue(low, k)
        if found is not None:
            kind, words = found
            if words[0] in NEED_PEOPLE and not ph.people:
                return None
            conf = 0.35 if CASUALTY_WORDS.intersection(words) else 0.85 if gap <= 1 else 0.7
            return Binding(kind, gap, conf, "pre")
        if low[k] not in PRE_GAP:
            return toll_before(low, owner, index, k)
        k, gap = k - 1, gap + 1
    return None


def toll_before(low: list[str], owner: dict[int, int], index: int, k: int) -> Binding | None:
    """ "the death toll from Tuesday's attack rose to 15": a toll a few words back, no clause break."""
    for t in range(k, max(-1, k - 10), -1):
        if low[t] in BREAK or owner.get(t, index) != index:
            return None
        if low[t] == "toll":
            return Binding("killed", k - t + 6, 0.7, "pre")
    return None


def inherit(phrases: list[Phrase], bindings: list[Binding | None], low: list[str]) -> None:
    """Conjoined counts share a cue: "killed 3 soldiers and 2 civilians", "3 … and 2 … were killed".

    A cue before the counts passes rightwards, a cue after them leftwards, along a whole list:
    "killed two soldiers, three policemen, a nurse and four children" binds all four.
    """
    for n in range(1, len(phrases)):
        _inherit_from(phrases, bindings, low, n, n - 1, "pre")
    for n in range(len(phrases) - 2, -1, -1):
        _inherit_from(phrases, bindings, low, n, n + 1, "post")


def _inherit_from(
    phrases: list[Phrase], bindings: list[Binding | None], low: list[str], n: int, m: int, side: str
) -> None:
    """Give phrase ``n`` the binding of its neighbour ``m`` when only a list joint lies between."""
    bm = bindings[m]
    if bindings[n] is not None or bm is None or bm.side != side:
        return
    a, z = (phrases[m].last, phrases[n].first) if m < n else (phrases[n].last, phrases[m].first)
    between = low[a:z]
    joined = bool(between) and between[-1] in ("and", ",", "or") and len(between) <= 5
    clean = all(t.isalpha() or t == "," for t in between)
    cue_inside = any(starts_cue(low, t, POST) for t in range(a, z))
    if joined and clean and not cue_inside:
        bindings[n] = Binding(bm.kind, bm.distance, 0.7, side, inherited=True)


def drop_breakdowns(phrases: list[Phrase], bindings: list[Binding | None]) -> None:
    """Unbind a list that only breaks down the count before it.

    "arrested 12 people, seven women and five men": the inherited 7 and 5 add up to the 12 they
    follow, so they repeat it; summing all three would count everyone twice.
    """
    if not any(b is not None and b.inherited for b in bindings):
        return
    n = 0
    while n < len(phrases):
        head = bindings[n]
        m = n + 1
        while m < len(phrases) and (bm := bindings[m]) is not None and bm.inherited and head is not None:
            if bm.kind != head.kind:
                break
            m += 1
        parts = phrases[n + 1 : m]
        exact = all(ph.value.qualifier == "exact" for ph in phrases[n:m])
        total = sum(ph.value.best for ph in parts)
        if head is not None and len(parts) >= 2 and exact and total == phrases[n].value.best:
            for k in range(n + 1, m):
                bindings[k] = None
        n = max(m, n + 1)
