"""Finding the number phrases of a sentence that can be counts of people.

Years, clock times, ages, money, percentages, calibres, dates and counts of things are dropped
here; what is left is bound to a kind by ``_quantities_binding``.  Very long "sentences" are only
tokenized around their number cues, so the cost stays bounded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice

from conflict_events.contracts import QuantityKind
from conflict_events.core.quantities.lexicon import (
    AUX,
    BREAK,
    MAX_CUE,
    MONTH_TOKENS,
    NOT_PEOPLE,
    PEOPLE,
    POST,
    PRE,
    PREPOSITIONS,
    SINGULAR,
    STOP_BEFORE,
)
from conflict_events.core.quantities.numbers import (
    CUE_WORDS,
    DIGIT_RUN,
    NUMBER_START,
    TOKEN,
    NumberRange,
    parse_at,
)

MAX_NUMBERS = 64
"""Number phrases read per sentence; more is a table or a broken split, not a sentence."""


WINDOW = 160
"""Characters kept on each side of a number cue in a long sentence."""


@dataclass(frozen=True, slots=True)
class Phrase:
    """A number phrase found in the sentence: token range, parsed value, people noun seen."""

    first: int
    last: int  # exclusive
    value: NumberRange
    people: bool


def tokenize_windows(sent: str) -> tuple[list[str], list[int], list[int]]:
    """Tokens near the first number cues of a very long "sentence" only, windows kept apart.

    Tokenizing 100k characters costs ~60 ms; counts only ever bind within a few tokens of a
    number, so a long text is tokenized ``±WINDOW`` characters around each cue, and a "." token
    between two windows keeps a cue in one from binding a number in the next.
    """
    low_sent = sent.lower()
    if len(low_sent) != len(sent):
        low_sent = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in sent)
    cues: list[int] = [m.start() for m in islice(DIGIT_RUN.finditer(sent), 4 * MAX_NUMBERS)]
    for word in CUE_WORDS:
        at = low_sent.find(word)
        while at >= 0 and len(cues) < 8 * MAX_NUMBERS:
            cues.append(at)
            at = low_sent.find(word, at + 1)
    windows: list[tuple[int, int]] = []
    for at in sorted(cues)[: 4 * MAX_NUMBERS]:
        lo = sent.rfind(" ", 0, max(0, at - WINDOW)) + 1
        hi = sent.find(" ", min(len(sent), at + WINDOW))
        hi = len(sent) if hi < 0 else hi
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    low: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for lo, hi in windows:
        low.append(".")
        starts.append(lo)
        ends.append(lo)
        for m in TOKEN.finditer(sent, lo, hi):
            low.append(m[0].lower())
            starts.append(m.start())
            ends.append(m.end())
    return low, starts, ends


def find_phrases(low: list[str], starts: list[int], ends: list[int]) -> list[Phrase]:
    """Number phrases that can be people counts (years, ages, money, dates, times dropped)."""
    out: list[Phrase] = []
    i, n = 0, len(low)
    while i < n and len(out) < MAX_NUMBERS:
        tok = low[i]
        if not (tok[0].isdigit() or tok in NUMBER_START):
            i += 1
            continue
        got = parse_at(low, starts, ends, i) or singular(low, i)
        if got is None:
            i += 1
            continue
        value, j = got
        if low[j : j + 2] == ["out", "of"] and (total := parse_at(low, starts, ends, j + 2)) is not None:
            j = total[1]  # "13 out of 19 crew members were kidnapped": 13, the 19 is the whole
        keep = plausible(low, starts, ends, i, j)
        if keep is not None:
            out.append(Phrase(i, j, value, keep))
        i = j
    return out


ONE = NumberRange(1, 1, 1, "exact")


def singular(low: list[str], i: int) -> tuple[NumberRange, int] | None:
    """ "a policeman", "an off-duty soldier", "another civilian": one person (the phrase spans the noun)."""
    if low[i] not in ("a", "an", "another") or (i > 0 and low[i - 1] in ("not", "never")):
        return None  # "not a single person was killed" is no count
    for k in range(i + 1, min(len(low), i + 4)):
        if low[k] in SINGULAR:
            return ONE, k + 1
        if not (low[k].isalpha() or low[k] == "-") or low[k] in AUX or low[k] in BREAK:
            return None
    return None


def plausible(low: list[str], starts: list[int], ends: list[int], i: int, j: int) -> bool | None:
    """None if the phrase cannot be a count of people; else whether a people noun heads it."""
    prev = low[i - 1] if i > 0 else ""
    nxt = low[j] if j < len(low) else ""
    nxt2 = low[j + 1] if j + 1 < len(low) else ""
    if prev in STOP_BEFORE or nxt in MONTH_TOKENS or nxt in NOT_PEOPLE:
        return None  # money, "no. 5", dates ("30 December"), vehicles, durations …
    if prev in MONTH_TOKENS and nxt not in PEOPLE:
        return None  # "December 30"; but "on 23 September 28 bodies were found" is a count
    if (
        low[i] == "one"
        and prev in ("no", "any", "every", "the", "this", "that", "which", "each")
        and (prev not in ("that", "which") or nxt not in SINGULAR)
    ):
        return None  # "that one", but "reported that one person has died" is a count
    if nxt in ("-", "–") and (nxt2 in NOT_PEOPLE or nxt2 in ("year", "strong")):
        return None  # "25-year-old", "22-MM", "a 500-strong force"
    if nxt in (":", "/", ".") and nxt2[:1].isdigit():
        return None  # clock times and numeric dates
    if nxt in ("st", "nd", "rd", "th") and starts[j] == ends[j - 1]:
        return None  # ordinal "3rd"
    if j - i == 1 and len(low[i]) == 4 and low[i].isdigit() and nxt not in PEOPLE:
        return None  # "1990", "at 1200": years and clock times
    if low[i] in ("many", "numerous", "multiple") and prev in ("how", "so", "too", "not", "in"):
        return None
    if low[j - 1] in SINGULAR:
        return True  # "a policeman": the phrase holds its own person noun
    for k in range(j, min(len(low), j + 5)):
        tok = low[k]
        if tok in PEOPLE:
            return True
        if tok in NOT_PEOPLE:
            return None  # "84 new settlements", "three armoured vehicles"
        if tok in PREPOSITIONS:
            return False  # "killing 12 in the village": the noun after "in" is not what is counted
        if tok in BREAK or (tok in AUX and tok not in ("of", "the", "them")) or tok[0].isdigit():
            return False
        if starts_cue(low, k, POST):
            return False
    return False


def starts_cue(low: list[str], k: int, table: Mapping[tuple[str, ...], QuantityKind]) -> QuantityKind | None:
    """The kind of the longest cue in ``table`` that starts at token ``k``."""
    found = cue_at(low, k, table)
    return found[0] if found else None


def cue_at(
    low: list[str], k: int, table: Mapping[tuple[str, ...], QuantityKind]
) -> tuple[QuantityKind, tuple[str, ...]] | None:
    """The kind and words of the longest cue in ``table`` that starts at token ``k``."""
    for size in range(MAX_CUE, 0, -1):
        words = tuple(low[k : k + size])
        kind = table.get(words)
        if kind is not None:
            return kind, words
    return None


def ends_cue(low: list[str], k: int) -> tuple[QuantityKind, tuple[str, ...]] | None:
    """The kind and words of the longest pre-cue that ends at token ``k``."""
    for size in range(MAX_CUE, 0, -1):
        if k - size + 1 < 0:
            continue
        words = tuple(low[k - size + 1 : k + 1])
        kind = PRE.get(words)
        if kind is not None:
            return kind, words
    return None


def add_spacy_phrases(
    phrases: list[Phrase],
    low: list[str],
    starts: list[int],
    ends: list[int],
    spans: tuple[tuple[int, int], ...] | list[tuple[int, int]],
    s0: int,
) -> list[Phrase]:
    """CARDINAL spans from spaCy that the own reader missed, when they parse as a number phrase."""
    if not spans:
        return phrases
    taken = {t for ph in phrases for t in range(ph.first, ph.last)}
    extra: list[Phrase] = []
    for a, b in islice(spans, MAX_NUMBERS):
        toks = [t for t in range(len(low)) if starts[t] >= a - s0 and ends[t] <= b - s0]
        if not toks or any(t in taken for t in toks) or toks[-1] - toks[0] + 1 != len(toks):
            continue
        got = parse_at(low, starts, ends, toks[0])
        if got is None or got[1] != toks[-1] + 1:
            continue
        people = plausible(low, starts, ends, toks[0], got[1])
        if people is not None:
            extra.append(Phrase(toks[0], got[1], got[0], people))
            taken.update(toks)
    return sorted(phrases + extra, key=lambda ph: ph.first)
