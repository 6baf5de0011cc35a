"""Number phrases: "more than 147,000", "hundreds of thousands", "a dozen", "two or three".

The reader works on lower-cased tokens (so ALL-CAPS wire copy reads like mixed case) and returns
the literal range of the words plus the conservative point value ACLED would code (see
docs/quantities.md for every qualifier and vague word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from conflict_events.contracts import Qualifier
from conflict_events.core.text.vocabulary import TENS as TENS
from conflict_events.core.text.vocabulary import UNITS as UNITS


@dataclass(frozen=True, slots=True)
class NumberRange:
    """A parsed number phrase.

    Attributes:
        min: Smallest value the words allow.
        max: Largest value the words allow; None when unbounded ("more than 100").
        best: The conservative point value ACLED would code (see the module docstring).
        qualifier: exact, more_than, at_least, about, up_to, less_than or vague.
    """

    min: int
    max: int | None
    best: int
    qualifier: Qualifier


# --- number words (UNITS and TENS: core/text/vocabulary.py) ---------------------------------
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
SUFFIXES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000}
PLURAL_SCALES = {"thousands": 1_000, "millions": 1_000_000, "billions": 1_000_000_000}
# vague words: (min, max, best).  tens/dozens/hundreds best values are ACLED's rule.
VAGUE_PLURALS: dict[str, tuple[int, int, int]] = {
    "tens": (10, 99, 10),
    "dozens": (24, 99, 12),
    "scores": (40, 99, 20),
    "hundreds": (200, 999, 100),
    "thousands": (2_000, 9_999, 1_000),
    "millions": (2_000_000, 9_999_999, 1_000_000),
}
VAGUE_FEW: dict[str, tuple[int, int | None, int]] = {
    "several": (3, 9, 3),
    "few": (2, 5, 2),  # only as "a few"
    "handful": (2, 5, 2),  # "a handful of"
    "couple": (2, 3, 2),  # "a couple of"
    "many": (2, None, 2),
    "numerous": (2, None, 2),
    "countless": (2, None, 2),
    "multiple": (2, None, 2),
    "number": (2, None, 2),  # "a number of"
}
A_WORDS = {"dozen", "hundred", "thousand", "million", "few", "couple", "handful", "number", "score"}
QUALIFIERS: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(
        [
            (("more", "than"), "more_than"),
            (("over",), "more_than"),
            (("above",), "more_than"),
            (("upwards", "of"), "more_than"),
            (("in", "excess", "of"), "more_than"),
            (("well", "over"), "more_than"),
            (("just", "over"), "more_than"),
            (("exceeding",), "more_than"),
            (("at", "least"), "at_least"),
            (("no", "fewer", "than"), "at_least"),
            (("no", "less", "than"), "at_least"),
            (("a", "minimum", "of"), "at_least"),
            (("about",), "about"),
            (("around",), "about"),
            (("some",), "about"),
            (("approximately",), "about"),
            (("approx",), "about"),
            (("roughly",), "about"),
            (("an", "estimated"), "about"),
            (("estimated",), "about"),
            (("an", "approximate"), "about"),
            (("circa",), "about"),
            (("nearly",), "nearly"),
            (("almost",), "nearly"),
            (("close", "to"), "nearly"),
            (("just", "under"), "nearly"),
            (("up", "to"), "up_to"),
            (("as", "many", "as"), "up_to"),
            (("as", "much", "as"), "up_to"),
            (("no", "more", "than"), "up_to"),
            (("at", "most"), "up_to"),
            (("a", "maximum", "of"), "up_to"),
            (("fewer", "than"), "less_than"),
            (("less", "than"), "less_than"),
            (("under",), "less_than"),
            (("below",), "less_than"),
            (("between",), "between"),
        ],
        key=lambda q: -len(q[0]),
    )
)
TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-z]+(?:['’][A-Za-z]+)?|[^\sA-Za-z\d]")
THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
DECIMAL = re.compile(r"\d+(?:\.\d+)?")
NUMBER_START = frozenset(
    {"a", "an", "another", "half", *UNITS, *TENS, *VAGUE_PLURALS, *VAGUE_FEW} | {q[0][0] for q in QUALIFIERS}
)
DIGIT_RUN = re.compile(r"\d+")
CUE_WORDS = (*UNITS, *TENS, *VAGUE_PLURALS, *VAGUE_FEW, "dozen", *SCALES, "half")
A_SCALES = frozenset({*SCALES, "dozen"})
Core = tuple[int, int | None, int, bool]  # min, max, best, vague


def parse_number_phrase(s: str) -> NumberRange | None:
    """Parse a whole number phrase ("more than 147,000", "dozens", "a dozen", "1.5 million").

    Qualifiers: exact; more than/over/above/upwards of → more_than (min n+1, no max); at least →
    at_least (min n); about/around/some/approximately/roughly/an estimated → about, a ±10 % band
    (at least ±1); nearly/almost/close to → about, [n − band, n]; up to/as many as → up_to
    (1..n); fewer/less than/under → less_than (0..n−1); "between 10 and 20", "10-20", "two or
    three" → about with that range, best = the lower end.  Vague words → vague (see module doc).

    Returns:
        The range, or None when ``s`` is not entirely a number phrase.

    Example:
        >>> parse_number_phrase("more than 470,000")
        NumberRange(min=470001, max=None, best=470000, qualifier='more_than')
    """
    low, starts, ends = tokenize(s)
    got = parse_at(low, starts, ends, 0)
    if got is None or got[1] != len(low):
        return None
    return got[0]


def tokenize(s: str) -> tuple[list[str], list[int], list[int]]:
    low: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in TOKEN.finditer(s):
        low.append(m[0].lower())
        starts.append(m.start())
        ends.append(m.end())
    return low, starts, ends


def parse_at(low: list[str], starts: list[int], ends: list[int], i: int) -> tuple[NumberRange, int] | None:
    """Parse the number phrase starting at token ``i``; return it and the index after it."""
    qual, j = "exact", i
    for words, name in QUALIFIERS:
        if tuple(low[i : i + len(words)]) == words:
            qual, j = name, i + len(words)
            break
    core = parse_core(low, starts, ends, j)
    if core is None:
        return None
    (lo, hi, best, vague), k = core
    if qual == "between" or (qual == "exact" and not vague):
        joiner = {"between": ("and",)}.get(qual, ("to", "-", "or", "–"))
        if k < len(low) and low[k] in joiner:
            second = parse_core(low, starts, ends, k + 1)
            if second is not None and not second[0][3] and second[0][0] > lo:
                return NumberRange(lo, second[0][0], lo, "about"), second[1]
        if qual == "between":
            return None
    if qual == "exact" and k + 1 < len(low) and low[k] == "or" and low[k + 1] in ("more", "so"):
        qual, k = ("at_least" if low[k + 1] == "more" else "about"), k + 2
    elif qual == "exact" and k < len(low) and low[k] == "plus":
        qual, k = "at_least", k + 1
    return qualify(qual, lo, hi, best, vague), k


def qualify(qual: str, lo: int, hi: int | None, best: int, vague: bool) -> NumberRange:
    """Apply a qualifier to a core value (see :func:`parse_number_phrase`)."""
    if vague:
        if qual == "more_than":
            return NumberRange(lo, None, best, "more_than")
        if qual == "at_least":
            return NumberRange(lo, None, best, "at_least")
        if qual == "up_to":
            return NumberRange(1, hi, best, "up_to")
        if qual == "less_than":
            return NumberRange(1, hi, best, "less_than")
        return NumberRange(lo, hi, best, "vague")
    n = lo
    band = max(1, round(n * 0.1))
    if qual == "more_than":
        return NumberRange(n + 1, None, n, "more_than")
    if qual == "at_least":
        return NumberRange(n, None, n, "at_least")
    if qual == "about":
        return NumberRange(max(0, n - band), n + band, n, "about")
    if qual == "nearly":
        return NumberRange(max(0, n - band), n, n, "about")
    if qual == "up_to":
        return NumberRange(min(1, n), n, n, "up_to")
    if qual == "less_than":
        return NumberRange(0, max(0, n - 1), max(0, n - 1), "less_than")
    return NumberRange(n, n, n, "exact")


def parse_core(low: list[str], starts: list[int], ends: list[int], j: int) -> tuple[Core, int] | None:
    """A bare number: digits (with scale), number words, or a vague quantity word."""
    if j >= len(low):
        return None
    tok = low[j]
    if tok[0].isdigit():
        return parse_digits(low, starts, ends, j)
    if tok in VAGUE_PLURALS:
        lo, hi, best = VAGUE_PLURALS[tok]
        if j + 2 < len(low) and low[j + 1] == "of" and low[j + 2] in PLURAL_SCALES:
            mult = PLURAL_SCALES[low[j + 2]]
            return (lo * mult, (hi + 1) * mult - 1, best * mult, True), j + 3
        return (lo, hi, best, True), j + 1
    if tok in ("a", "an") and j + 1 < len(low) and low[j + 1] in A_WORDS:
        nxt = low[j + 1]
        if nxt in ("few", "couple", "handful", "number"):
            return vague_few(low, nxt, j + 2)
        if nxt == "score":
            return (20, 20, 20, False), j + 2
        return parse_words(low, j)
    if tok == "half" and j + 2 < len(low) and low[j + 1] == "a" and low[j + 2] in ("dozen", "million"):
        value = 6 if low[j + 2] == "dozen" else 500_000
        return (value, value, value, False), j + 3
    if tok in VAGUE_FEW and tok not in ("few", "handful", "couple", "number"):
        return vague_few(low, tok, j + 1)
    if tok in UNITS or tok in TENS:
        return parse_words(low, j)
    return None


def vague_few(low: list[str], word: str, k: int) -> tuple[Core, int]:
    """ "several", "a few", "many" … optionally times a scale ("several hundred", "a few dozen")."""
    lo, hi, best = VAGUE_FEW[word]
    scale = {"dozen": 12, **SCALES}.get(low[k]) if k < len(low) else None
    if scale is not None and hi is not None:
        return (lo * scale, (hi + 1) * scale - 1, best * scale, True), k + 1
    if word in ("handful", "couple", "number") and k < len(low) and low[k] == "of":
        k += 1
    return (lo, hi, best, True), k


def parse_digits(low: list[str], starts: list[int], ends: list[int], j: int) -> tuple[Core, int] | None:
    """ "147,000", "1.5 million", "2m", "12"; non-integers without a scale are not counts."""
    tok = low[j]
    if THOUSANDS.fullmatch(tok):
        value = float(tok.replace(",", ""))
    elif DECIMAL.fullmatch(tok):
        value = float(tok)
    else:
        return None
    k = j + 1
    if k < len(low) and low[k] in SCALES and low[k] != "hundred":
        value, k = value * SCALES[low[k]], k + 1
    elif k < len(low) and low[k] in SUFFIXES and starts[k] == ends[j]:
        value, k = value * SUFFIXES[low[k]], k + 1
    if value != int(value) or value > 10_000_000_000:
        return None
    n = int(value)
    return (n, n, n, False), k


def parse_words(low: list[str], j: int) -> tuple[Core, int] | None:
    """ "twenty-five", "a hundred", "two hundred and fifty", "three thousand", "two dozen"."""
    total = current = 0
    k, seen = j, False
    while k < len(low):
        tok = low[k]
        if tok in UNITS:
            current += UNITS[tok]
        elif tok in TENS:
            current += TENS[tok]
            if k + 2 < len(low) and low[k + 1] == "-" and low[k + 2] in UNITS:
                current += UNITS[low[k + 2]]
                k += 2
        elif tok in ("a", "an") and not seen and k + 1 < len(low) and low[k + 1] in A_SCALES:
            current = 1
        elif tok == "hundred" and seen:
            current = (current or 1) * 100
        elif tok in SCALES and seen:
            total += (current or 1) * SCALES[tok]
            current = 0
        elif tok == "dozen" and seen:
            current = (current or 1) * 12
        elif tok == "and" and seen and k + 1 < len(low) and (low[k + 1] in UNITS or low[k + 1] in TENS):
            pass
        else:
            break
        seen = True
        k += 1
    if not seen:
        return None
    n = total + current
    return (n, n, n, False), k
