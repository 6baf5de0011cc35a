"""Crowd size: the ``participants`` kind ("5,000 protesters", "thousands marched", "a crowd of 200").

A count is read as crowd size only when nothing happened to the people counted: victim cues
(killed, wounded, arrested …) are bound first, so "12 protesters were killed" stays ``killed``.
The evidence, strongest first:

* a crowd frame before the count: "a crowd of about 200", "crowds estimated at 5,000", "a rally
  of 3,000", "the march drew 10,000 people", "attended by hundreds of people";
* a crowd noun heading the count: "5,000 protesters", "hundreds of angry demonstrators",
  "thousands of marchers" (protesters, demonstrators, marchers, rioters, strikers, mourners …);
* a crowd verb after the counted people: "thousands of people marched", "hundreds gathered",
  "10,000 students took to the streets", "200 workers staged a sit-in".  Armed people (soldiers,
  police, gunmen …) gathering or marching are not a crowd, and a count of one is never a crowd.
* "a 5,000-strong crowd" (``strong_crowds``): the number reader skips "N-strong", so it is read
  here, for crowd words only ("a 500-strong force" is not a crowd).
"""

from __future__ import annotations

from conflict_events.core.quantities.binding import Binding
from conflict_events.core.quantities.lexicon import AUX, BREAK, NOT_PEOPLE, SUBSET, word_set
from conflict_events.core.quantities.numbers import NumberRange, parse_at
from conflict_events.core.quantities.phrases import Phrase

CROWD_NOUNS = word_set(
    """
    protesters protestors demonstrators marchers rioters strikers picketers ralliers mourners
    counterprotesters
    """
)
"""Plural nouns that make a count a crowd by themselves."""
CROWD_WORDS = word_set(
    "crowd crowds rally rallies march marches protest protests demonstration demonstrations "
    "gathering procession vigil"
)
"""Nouns that name a crowd or a crowd event ("a crowd of", "a 5,000-strong march")."""
ARMED = word_set(
    """
    soldiers troops police policemen officers militants fighters rebels gunmen insurgents
    guerrillas militiamen militia forces security personnel servicemen jihadists attackers
    """
)
"""People whose gathering or marching is a deployment, not a crowd."""
NOT_CROWD = NOT_PEOPLE | word_set(
    """
    nations countries governments states parties organisations organizations companies firms banks
    agencies ministries councils courts
    """
)
"""Counted things whose "protest" is a statement, not a crowd ("many nations will protest")."""


def _phrases(text: str) -> frozenset[tuple[str, ...]]:
    """Word tuples of "|"-separated phrases (line breaks inside a phrase are one space)."""
    return frozenset(tuple(phrase.split()) for phrase in text.split("|"))


CROWD_VERBS = _phrases(
    """
    marched | marching | march | rallied | rallying | rally | protested | protesting | protest |
    demonstrated | demonstrating | demonstrate | gathered | gathering | assembled | converged |
    massed | thronged | paraded | picketed | chanted | chanting | took to the streets |
    taking to the streets | take to the streets | poured into the streets | poured onto the streets |
    filled the streets | turned out | joined the protest | joined the protests | joined the march |
    joined the rally | joined the demonstration | joined a protest | joined a march | joined a rally |
    staged a protest | staged a rally | staged a march | staged a demonstration | staged a sit |
    held a protest | held a rally | held a march | held a demonstration | held a vigil |
    took part in the protest | took part in the march | took part in the rally |
    took part in the demonstration | took part in protests | attended the rally | attended the protest |
    began a hunger strike | went on hunger strike | are on hunger strike | were on hunger strike |
    staged a hunger strike | joined the hunger strike | went on strike | walked out | staged a walkout |
    downed tools | blocked the road | blocked the roads | occupied the square
    """
)
"""Verb phrases after the counted people that make them a crowd."""
CROWD_FRAMES = _phrases(
    """
    crowd of | crowds of | rally of | march of | protest of | demonstration of | gathering of |
    procession of | turnout of | crowd estimated at | crowds estimated at | crowd numbering |
    crowds numbering | crowd put at
    """
)
"""Crowd frames right before a count ("a crowd of about 200")."""
TURNOUT_VERBS = _phrases("drew | drawing | attended by")
"""Verbs before a count of people that measure a turnout ("the march drew 10,000 people")."""

_MAX_WORDS = 6


def crowd_binding(ph: Phrase, low: list[str], owner: dict[int, int], index: int) -> Binding | None:
    """``participants`` when the count is a crowd (see the module docstring), else None."""
    if ph.value.best < 2 and ph.value.qualifier != "vague":
        return None
    prev = low[ph.first - 1] if ph.first else ""
    if prev in SUBSET:
        return None
    frame = _frame_before(ph, low)
    if frame is not None:
        return Binding("participants", 1, frame, "pre")
    return _crowd_after(ph, low, owner, index)


def _frame_before(ph: Phrase, low: list[str]) -> float | None:
    """Confidence of a crowd frame ending right before the count ("a crowd of", "drew")."""
    for size in range(3, 0, -1):
        words = tuple(low[max(0, ph.first - size) : ph.first])
        if words in CROWD_FRAMES:
            return 0.85
        if words in TURNOUT_VERBS and ph.people:
            return 0.7
    return None


def _crowd_after(ph: Phrase, low: list[str], owner: dict[int, int], index: int) -> Binding | None:
    """A crowd noun heading the count, or a crowd verb after the counted people."""
    armed = blocked = False
    k = ph.last
    for skipped in range(_MAX_WORDS + 1):
        if k >= len(low) or owner.get(k, index) != index:
            return None
        tok = low[k]
        if tok in CROWD_NOUNS:
            return Binding("participants", skipped, 0.75, "post")
        if _verb_at(low, k) and not armed and not blocked and (skipped > 0 or ph.value.best >= 10):
            return Binding("participants", skipped, 0.7, "post")  # "thousands marched", not "many nations"
        if tok in ARMED:
            armed = True
        if tok in NOT_CROWD or len(tok) == 1:
            blocked = True  # "many nations will protest", "130 K march" (a unit letter, not people)
        if (tok in BREAK and tok != "of") or tok[0].isdigit() or (tok in AUX and tok not in _PASS):
            return None
        k += 1
    return None


def _verb_at(low: list[str], k: int) -> bool:
    """True when a crowd verb phrase starts at token ``k``."""
    return any(tuple(low[k : k + size]) in CROWD_VERBS for size in range(6, 0, -1))


_PASS = word_set("of the were have has had been are is who also reportedly later all")
"""Auxiliaries and function words a crowd scan may pass ("thousands of people have marched")."""


def strong_crowds(
    low: list[str], starts: list[int], ends: list[int], taken: set[int]
) -> list[tuple[int, int, NumberRange]]:
    """ "a 5,000-strong crowd": (first token, end token, value) for each N-strong crowd word."""
    out: list[tuple[int, int, NumberRange]] = []
    if "strong" not in low:
        return out
    for i in range(len(low) - 2):
        if low[i + 1 : i + 3] != ["-", "strong"] or i in taken:
            continue
        got = parse_at(low, starts, ends, i)
        if got is None or got[1] != i + 1:
            continue
        after = low[i + 3 : i + 6]
        if any(w in CROWD_WORDS for w in after[:2]) and got[0].best >= 2:
            out.append((i, i + 1, got[0]))
    return out
