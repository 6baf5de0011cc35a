"""Single victims without a number: "Judge X was killed", "gunmen shot dead the mayor of Y" → killed 1.

A death verb whose subject (passive) or object (active) is one person counts one death, though
no number is written.  One person is a noun phrase headed by a singular person noun or a title
("the driver", "his wife", "Judge Carlos Perez", "the mayor of San Juan", "Attorney General X"),
or "he"/"she"/"him".  Deaths give ``killed`` 1; injuries ("the mayor was wounded", "gunmen
wounded a guard and his son") give ``injured`` 1 the same way.  "Killed or wounded" is never
read for one person.

* Passive singular: ``NP was|is|has been|had been [adverb] <death cue>``; the subject may carry an
  apposition ("Carlos Perez, a judge, was killed" is one person).
* Passive plural: ``NP and NP were killed``: each conjunct that is one person counts one; number
  phrases in the list ("the mayor and three bodyguards") are counted by the number reader.
* Active: ``<death verb> NP [and NP …]`` ("killed the mayor and his son", "the murder of judge X").

A phrase that a number already covers ("a policeman", "one of the guards") is never counted
again.  No determiner, plural, number or negation ("no one", "nobody") may sit in a counted
phrase.  Confidence 0.6 (0.5 for a pronoun).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from conflict_events.contracts import QuantityKind
from conflict_events.core.quantities.lexicon import (
    BREAK,
    CASUALTY_WORDS,
    NOT_PEOPLE,
    PEOPLE,
    POST,
    PREPOSITIONS,
    SUBSET,
)
from conflict_events.core.quantities.phrases import cue_at, ends_cue
from conflict_events.core.quantities.victim_words import (
    ADVERBS,
    CUE_WORDS,
    DEATH_POST,
    DEATH_PRE,
    DETERMINERS,
    HURT_POST,
    HURT_PRE,
    NEGATION,
    NOT_NAME,
    PRE_LAST,
    PRONOUNS,
    TITLES,
    VERBS,
)

_MAX_NP = 8
_POSSESSIVE = re.compile(r"['’]s$")
_Span = tuple[int, int, float]
_Victim = tuple[int, int, float, QuantityKind]


def single_victims(
    low: list[str], taken: set[int], capital: list[bool] | None = None, person: frozenset[int] = frozenset()
) -> list[_Victim]:
    """(first token, end token, confidence, kind) of each one-person victim phrase; see the module doc.

    ``taken`` holds the tokens of counts already bound, which are never counted again.
    ``capital`` tells, in mixed-case text, which tokens start with a capital: there only capitalised
    words after a title are read as a name ("journalist Ana Diaz shocked" ends before "shocked").
    ``person`` holds the tokens of person names found by a recogniser (spaCy PERSON entities): a
    name alone is then one person too ("Carlos Perez was killed", confidence 0.55).
    """
    if not has_victim_cue(low):
        return []
    names = _Names(low, capital, person)
    out: list[_Victim] = []
    n = len(low)
    for k, tok in enumerate(low):
        if tok in VERBS:
            out.extend(_passive(names, k, taken))
        elif tok in PRE_LAST and k + 1 < n and low[k + 1] not in _NO_OBJECT:
            out.extend(_active(names, k, taken))
    seen: set[int] = set()
    kept: list[_Victim] = []
    for a, z, conf, kind in sorted(out):
        if not seen.intersection(range(a, z)):
            kept.append((a, z, conf, kind))
            seen.update(range(a, z))
    return kept


def has_victim_cue(low: list[str]) -> bool:
    """False for the many sentences without a death or injury word: nothing to read there."""
    return not CUE_WORDS.isdisjoint(low)


_NO_OBJECT = BREAK | PREPOSITIONS


class _Names:
    """The tokens, and which of them can be part of a person's name."""

    def __init__(
        self, low: list[str], capital: list[bool] | None, person: frozenset[int] = frozenset()
    ) -> None:
        self.low = low
        self.capital = capital
        self.person = person

    def name(self, t: int) -> bool:
        """True when token ``t`` can be a name word after a title."""
        tok = self.low[t]
        if not tok.isalpha() or (tok in NOT_NAME and tok not in TITLES):
            return False
        if self.capital is None:
            return not (tok.endswith("ing") and len(tok) > 5)  # "A VENDOR WALKING BY": no name
        return self.capital[t] or tok in TITLES


def _passive(names: _Names, k: int, taken: set[int]) -> list[_Victim]:
    """Subjects of "was killed", "has been shot dead", "died", "were killed" (one per conjunct)."""
    low = names.low
    j = k + 1
    if low[k] in ("has", "had", "have"):
        if j >= len(low) or low[j] != "been":
            return []
        j += 1
    while j < len(low) and low[j] in ADVERBS:
        j += 1
    kind: QuantityKind = "killed"
    if low[k] != "died":
        cue = cue_at(low, j, POST) if j < len(low) else None
        if cue is None or not CASUALTY_WORDS.isdisjoint(cue[1]):
            return []
        kind = cue[0]
        if (kind, cue[1][0] in DEATH_POST, cue[1][0] in HURT_POST) not in (
            ("killed", True, False),
            ("injured", False, True),
        ):
            return []
    plural = low[k] in ("were", "are", "have")
    joints = (",", "and") if plural else (",",)
    e = k  # the subject ends here; "Judge X, who was killed": before the relative pronoun
    if e > 0 and low[e - 1] == "who":
        e -= 2 if e > 1 and low[e - 2] == "," else 1
    start = e
    while start > 0 and e - start < 2 * _MAX_NP and (low[start - 1] not in BREAK or low[start - 1] in joints):
        start -= 1
    segments: list[list[int]] = [[]]
    for t in range(start, e):
        if low[t] in (",", "and"):
            segments.append([])
        else:
            segments[-1].append(t)
    segments = [s for s in segments if s]
    if plural:
        return [(*span, kind) for span in _conjuncts(names, segments, "and" in low[start:e], taken)]
    if len(segments) >= 2 and _age(low, segments[-1]) and _bare_name(names, segments[-2]):
        s = segments[-2]  # "Rodriguez Porth, 65, was killed": a name with an age is one person
        return [(s[0], s[-1] + 1, 0.5, kind)]
    for s in reversed(segments):  # "Carlos Perez, a judge, was killed": one person
        got = _one(names, s, taken, passive=True)
        if not got and s[0] > 0 and low[s[0] - 1] == ",":  # ", a street vendor walking by, was killed"
            got = _one(names, s, taken, passive=False)
        if got:
            return [(*span, kind) for span in got]
    return []


def _age(low: list[str], segment: list[int]) -> bool:
    """True for an apposition that is only an age (", 65,")."""
    return len(segment) == 1 and low[segment[0]].isdigit() and 0 < int(low[segment[0]]) < 110


def _bare_name(names: _Names, segment: list[int]) -> bool:
    """True for one to four name words ("Rodriguez Porth")."""
    return 0 < len(segment) <= 4 and all(names.name(t) and names.low[t] not in TITLES for t in segment)


def _conjuncts(names: _Names, segments: list[list[int]], listed: bool, taken: set[int]) -> list[_Span]:
    """One victim per one-person conjunct of a plural subject, read from the verb backwards.

    Without an "and" there is no list ("by official figures, 15,000 people were killed"); the
    reading stops at the first conjunct that is neither a count nor one person.
    """
    out: list[_Span] = []
    for s in reversed(segments if listed else segments[-1:]):
        if taken.intersection(s):
            continue
        got = _one(names, s, taken, passive=True)
        if not got:
            break
        out.extend(got)
    return out


def _active(names: _Names, k: int, taken: set[int]) -> list[_Victim]:
    """Objects of "killed the mayor", "the murder of judge X and his son", "wounded a guard"."""
    low = names.low
    found = ends_cue(low, k)
    if found is None or (found[1] not in DEATH_PRE and found[1] not in HURT_PRE):
        return []
    kind: QuantityKind = "killed" if found[1] in DEATH_PRE else "injured"
    out: list[_Victim] = []
    t = k + 1
    for _ in range(6):
        end = t
        while end < len(low) and end - t < _MAX_NP and low[end] not in BREAK and low[end] not in PREPOSITIONS:
            end += 1
        words = list(range(t, end))
        if not taken.intersection(words):
            got = _one(names, words, taken, passive=False)
            if not got:
                break
            out.extend((*span, kind) for span in got)
        if end + 1 >= len(low) or low[end] not in (",", "and"):
            break
        if low[end] == "," and "and" not in low[end + 1 : end + 16]:
            break  # "the death of a minister, a Mr X, who …": an apposition, not a list
        t = end + 1
    return out


def _one(names: _Names, words: list[int], taken: set[int], *, passive: bool) -> list[_Span]:
    """[(first, end, confidence)] when the tokens (end of a subject, start of an object) are one person.

    The person phrase is [determiner [≤2 modifiers]] title [title …] [names] [of + ≤3 words]; a
    subject must end with it, an object must start with it.
    """
    low = names.low
    if not words or taken.intersection(words):
        return []
    toks = [low[t] for t in words]
    if toks[-1 if passive else 0] in PRONOUNS:
        at = words[-1 if passive else 0]
        before = low[at - 1] if at > 0 else ""
        return [] if before in NEGATION else [(at, at + 1, 0.5)]
    if names.person and (run := _person_run(names, words, passive)):
        a, z = run
        before = low[a - 1] if a > 0 else ""
        return [] if before in NEGATION or before in SUBSET else [(a, z, 0.55)]
    for i0, tok in enumerate(toks):
        if tok not in TITLES:
            continue
        first = modified = i0
        for back in range(1, 4):
            if (
                i0 - back < 0
                or toks[i0 - back] in PEOPLE
                or not _POSSESSIVE.sub("", toks[i0 - back]).isalpha()
            ):
                break
            if toks[i0 - back] in DETERMINERS:
                first = i0 - back
                break
            if modified == i0 - back + 1 and toks[i0 - back] not in NOT_NAME:
                modified = i0 - back
        if first == i0 and not passive and modified == 0:
            first = 0  # "the murder of national fire department director X": modifiers, no determiner
        end = _person_end(names, words, i0)
        if (passive and end != len(toks)) or (not passive and first != 0):
            continue
        part = toks[first:end]
        before = toks[first - 1] if first > 0 else (low[words[0] - 1] if words[0] > 0 else "")
        if before in NEGATION or any(x in NEGATION or x[0].isdigit() or x in PEOPLE for x in part):
            return []
        if not SUBSET.isdisjoint(toks[:first]) or before in SUBSET:
            return []  # "seven soldiers, including an army major, were hurt": a subset
        if end < len(toks) and (toks[end] in NOT_PEOPLE or toks[end] in PEOPLE):
            return []  # "killed the peasant family": the title only modifies a group noun
        return [(words[first], words[end - 1] + 1, 0.6)]
    return []


def _person_run(names: _Names, words: list[int], passive: bool) -> tuple[int, int] | None:
    """A recognised person name that ends a subject or starts an object, as (first, end) tokens."""
    order = list(reversed(words)) if passive else words
    run = [t for t in _takewhile(lambda t: t in names.person, order)]
    if not run or any(names.low[t] in TITLES for t in run):
        return None  # titles are read by the title rule, with their determiner
    if passive and len(run) < len(words) and names.low[words[-len(run) - 1]] in TITLES:
        return None  # "Judge Carlos Perez": the title rule spans the whole phrase
    return min(run), max(run) + 1


def _takewhile(keep: Callable[[int], bool], items: list[int]) -> list[int]:
    """The leading items that ``keep`` accepts."""
    out: list[int] = []
    for item in items:
        if not keep(item):
            break
        out.append(item)
    return out


def _person_end(names: _Names, words: list[int], i0: int) -> int:
    """End of a person phrase whose first title is at ``words[i0]``: titles, names, an "of" complement."""
    toks = [names.low[t] for t in words]
    end = i0 + 1
    while end < len(toks) and names.name(words[end]):
        end += 1
    if end < len(toks) and toks[end] == "of":
        stop = min(len(toks), end + 7)
        end += 1
        while end < stop and toks[end] not in BREAK and toks[end] not in NEGATION:
            end += 1
    return end
