"""Casualty, displacement, arrest, abduction and affected-population counts in one sentence.

Two steps.  :func:`parse_number_phrase` reads a number phrase with its qualifier ("more than
147,000", "hundreds of thousands", "a dozen") into a :class:`NumberRange`.
:func:`extract_quantities` finds number phrases in a sentence, throws away what is not a count of
people (years, clock times, ages, money, percentages, calibres, vehicles, settlements …) and binds
each remaining count to a kind through the words around it: after it ("three soldiers were
killed", "470,000 civilians killed", "thousands … leave their homes", "12 dead") or before it
("killing 5", "wounded 7", "a death toll of 40", "populated by 147,000 people").

Everything works on lower-cased tokens, so ALL-CAPS wire copy reads the same as mixed case.  The
rules and every numeric choice are documented in docs/quantities.md; the main ones:

* ``best`` is the value ACLED would code: the stated figure for a number ("more than 100" → 100,
  "about 50" → 50), and the *unit* for a vague word (tens = 10, dozens = 12, scores = 20,
  hundreds = 100, thousands = 1,000 …).  ``min``/``max`` are the literal range of the words, so
  ``best`` can sit below ``min`` ("hundreds": 200–999, best 100) — that is ACLED's conservative
  convention, not an error.
* "casualties" means dead *and* wounded in military usage: it is never counted as killed (ACLED
  fatalities stay conservative); it is emitted as ``injured`` with confidence 0.35.
* Families and households are not people counts (a family is several people); they are skipped.
* A count after "including"/"among them"/"of whom" is a subset of another count and is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice
from types import MappingProxyType

from conflict_events.contracts import Qualifier, Quantity, QuantityKind, Span

__all__ = ["NumberRange", "extract_quantities", "parse_number_phrase"]

MAX_NUMBERS = 64
"""Number phrases read per sentence; more is a table or a broken split, not a sentence."""
LONG_SENTENCE = 2_000
"""Sentences longer than this (characters) are only tokenized around their number cues."""
WINDOW = 160
"""Characters kept on each side of a number cue in a long sentence."""


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


# --- number words -------------------------------------------------------------------------
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SUFFIXES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000}
_PLURAL_SCALES = {"thousands": 1_000, "millions": 1_000_000, "billions": 1_000_000_000}
# vague words: (min, max, best).  tens/dozens/hundreds best values are ACLED's rule.
_VAGUE_PLURALS: dict[str, tuple[int, int, int]] = {
    "tens": (10, 99, 10),
    "dozens": (24, 99, 12),
    "scores": (40, 99, 20),
    "hundreds": (200, 999, 100),
    "thousands": (2_000, 9_999, 1_000),
    "millions": (2_000_000, 9_999_999, 1_000_000),
}
_VAGUE_FEW: dict[str, tuple[int, int | None, int]] = {
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
_A_WORDS = {"dozen", "hundred", "thousand", "million", "few", "couple", "handful", "number", "score"}
_QUALIFIERS: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(
        [
            (("more", "than"), "more_than"), (("over",), "more_than"), (("above",), "more_than"),
            (("upwards", "of"), "more_than"), (("in", "excess", "of"), "more_than"),
            (("well", "over"), "more_than"), (("just", "over"), "more_than"), (("exceeding",), "more_than"),
            (("at", "least"), "at_least"), (("no", "fewer", "than"), "at_least"),
            (("no", "less", "than"), "at_least"), (("a", "minimum", "of"), "at_least"),
            (("about",), "about"), (("around",), "about"), (("some",), "about"),
            (("approximately",), "about"),
            (("approx",), "about"), (("roughly",), "about"), (("an", "estimated"), "about"),
            (("estimated",), "about"), (("an", "approximate"), "about"),
            (("circa",), "about"),
            (("nearly",), "nearly"), (("almost",), "nearly"), (("close", "to"), "nearly"),
            (("just", "under"), "nearly"),
            (("up", "to"), "up_to"), (("as", "many", "as"), "up_to"), (("as", "much", "as"), "up_to"),
            (("no", "more", "than"), "up_to"), (("at", "most"), "up_to"), (("a", "maximum", "of"), "up_to"),
            (("fewer", "than"), "less_than"), (("less", "than"), "less_than"), (("under",), "less_than"),
            (("below",), "less_than"), (("between",), "between"),
        ],
        key=lambda q: -len(q[0]),
    )
)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-z]+(?:['’][A-Za-z]+)?|[^\sA-Za-z\d]")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
_NUMBER_START = frozenset(
    {"a", "an", "another", "half", *_UNITS, *_TENS, *_VAGUE_PLURALS, *_VAGUE_FEW}
    | {q[0][0] for q in _QUALIFIERS}
)
_DIGIT_RUN = re.compile(r"\d+")
_CUE_WORDS = (*_UNITS, *_TENS, *_VAGUE_PLURALS, *_VAGUE_FEW, "dozen", *_SCALES, "half")
_A_SCALES = frozenset({*_SCALES, "dozen"})
_Core = tuple[int, int | None, int, bool]  # min, max, best, vague


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
    low, starts, ends = _tokenize(s)
    got = _parse_at(low, starts, ends, 0)
    if got is None or got[1] != len(low):
        return None
    return got[0]


def _tokenize(s: str) -> tuple[list[str], list[int], list[int]]:
    low: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _TOKEN.finditer(s):
        low.append(m[0].lower())
        starts.append(m.start())
        ends.append(m.end())
    return low, starts, ends


def _parse_at(low: list[str], starts: list[int], ends: list[int], i: int) -> tuple[NumberRange, int] | None:
    """Parse the number phrase starting at token ``i``; return it and the index after it."""
    qual, j = "exact", i
    for words, name in _QUALIFIERS:
        if tuple(low[i : i + len(words)]) == words:
            qual, j = name, i + len(words)
            break
    core = _parse_core(low, starts, ends, j)
    if core is None:
        return None
    (lo, hi, best, vague), k = core
    if qual == "between" or (qual == "exact" and not vague):
        joiner = {"between": ("and",)}.get(qual, ("to", "-", "or", "–"))
        if k < len(low) and low[k] in joiner:
            second = _parse_core(low, starts, ends, k + 1)
            if second is not None and not second[0][3] and second[0][0] > lo:
                return NumberRange(lo, second[0][0], lo, "about"), second[1]
        if qual == "between":
            return None
    if qual == "exact" and k + 1 < len(low) and low[k] == "or" and low[k + 1] in ("more", "so"):
        qual, k = ("at_least" if low[k + 1] == "more" else "about"), k + 2
    elif qual == "exact" and k < len(low) and low[k] == "plus":
        qual, k = "at_least", k + 1
    return _qualify(qual, lo, hi, best, vague), k


def _qualify(qual: str, lo: int, hi: int | None, best: int, vague: bool) -> NumberRange:
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


def _parse_core(low: list[str], starts: list[int], ends: list[int], j: int) -> tuple[_Core, int] | None:
    """A bare number: digits (with scale), number words, or a vague quantity word."""
    if j >= len(low):
        return None
    tok = low[j]
    if tok[0].isdigit():
        return _parse_digits(low, starts, ends, j)
    if tok in _VAGUE_PLURALS:
        lo, hi, best = _VAGUE_PLURALS[tok]
        if j + 2 < len(low) and low[j + 1] == "of" and low[j + 2] in _PLURAL_SCALES:
            mult = _PLURAL_SCALES[low[j + 2]]
            return (lo * mult, (hi + 1) * mult - 1, best * mult, True), j + 3
        return (lo, hi, best, True), j + 1
    if tok in ("a", "an") and j + 1 < len(low) and low[j + 1] in _A_WORDS:
        nxt = low[j + 1]
        if nxt in ("few", "couple", "handful", "number"):
            return _vague_few(low, nxt, j + 2)
        if nxt == "score":
            return (20, 20, 20, False), j + 2
        return _parse_words(low, j)
    if tok == "half" and j + 2 < len(low) and low[j + 1] == "a" and low[j + 2] in ("dozen", "million"):
        value = 6 if low[j + 2] == "dozen" else 500_000
        return (value, value, value, False), j + 3
    if tok in _VAGUE_FEW and tok not in ("few", "handful", "couple", "number"):
        return _vague_few(low, tok, j + 1)
    if tok in _UNITS or tok in _TENS:
        return _parse_words(low, j)
    return None


def _vague_few(low: list[str], word: str, k: int) -> tuple[_Core, int]:
    """"several", "a few", "many" … optionally times a scale ("several hundred", "a few dozen")."""
    lo, hi, best = _VAGUE_FEW[word]
    scale = {"dozen": 12, **_SCALES}.get(low[k]) if k < len(low) else None
    if scale is not None and hi is not None:
        return (lo * scale, (hi + 1) * scale - 1, best * scale, True), k + 1
    if word in ("handful", "couple", "number") and k < len(low) and low[k] == "of":
        k += 1
    return (lo, hi, best, True), k


def _parse_digits(low: list[str], starts: list[int], ends: list[int], j: int) -> tuple[_Core, int] | None:
    """"147,000", "1.5 million", "2m", "12"; non-integers without a scale are not counts."""
    tok = low[j]
    if _THOUSANDS.fullmatch(tok):
        value = float(tok.replace(",", ""))
    elif _DECIMAL.fullmatch(tok):
        value = float(tok)
    else:
        return None
    k = j + 1
    if k < len(low) and low[k] in _SCALES and low[k] != "hundred":
        value, k = value * _SCALES[low[k]], k + 1
    elif k < len(low) and low[k] in _SUFFIXES and starts[k] == ends[j]:
        value, k = value * _SUFFIXES[low[k]], k + 1
    if value != int(value) or value > 10_000_000_000:
        return None
    n = int(value)
    return (n, n, n, False), k


def _parse_words(low: list[str], j: int) -> tuple[_Core, int] | None:
    """"twenty-five", "a hundred", "two hundred and fifty", "three thousand", "two dozen"."""
    total = current = 0
    k, seen = j, False
    while k < len(low):
        tok = low[k]
        if tok in _UNITS:
            current += _UNITS[tok]
        elif tok in _TENS:
            current += _TENS[tok]
            if k + 2 < len(low) and low[k + 1] == "-" and low[k + 2] in _UNITS:
                current += _UNITS[low[k + 2]]
                k += 2
        elif tok in ("a", "an") and not seen and k + 1 < len(low) and low[k + 1] in _A_SCALES:
            current = 1
        elif tok == "hundred" and seen:
            current = (current or 1) * 100
        elif tok in _SCALES and seen:
            total += (current or 1) * _SCALES[tok]
            current = 0
        elif tok == "dozen" and seen:
            current = (current or 1) * 12
        elif tok == "and" and seen and k + 1 < len(low) and (low[k + 1] in _UNITS or low[k + 1] in _TENS):
            pass
        else:
            break
        seen = True
        k += 1
    if not seen:
        return None
    n = total + current
    return (n, n, n, False), k


# --- binding counts to kinds --------------------------------------------------------------
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PEOPLE = _words(
    """
    people persons person civilians civilian soldiers soldier troops servicemen servicemembers
    personnel police policemen policeman policewomen officers officer militants militant rebels
    rebel fighters fighter insurgents insurgent guerrillas guerrilla gunmen gunman attackers
    assailants militiamen militia jihadists terrorists children child kids women woman men man boys
    girls babies infants students pupils villagers residents inhabitants protesters protestors
    demonstrators marchers workers farmers herders miners members victims passengers pilgrims
    worshippers worshipers refugees migrants hostages prisoners detainees inmates journalists
    reporters doctors nurses medics staff employees peacekeepers bystanders others individuals
    suspects youths youngsters teenagers elders adults citizens nationals tourists foreigners locals
    settlers traders shoppers mourners voters supporters activists leaders commanders officials crew
    sailors marines airmen conscripts recruits cadets guards agents combatants paramilitaries
    volunteers teachers priests monks nuns clerics fishermen drivers truckers labourers laborers
    contractors displaced wounded dead injured bodies corpses casualties deaths fatalities more
    peasants campesinos indigenous students parishioners patients judges magistrates prosecutors
    lawyers mayors councillors
    """
)
_NOT_PEOPLE = _words(
    """
    settlements villages towns cities houses homes buildings vehicles cars trucks tanks buses
    aircraft planes jets helicopters drones rockets missiles mortars shells bombs rounds grenades
    mines rifles guns weapons km kilometres kilometers kilometre kilometer miles metres meters feet
    kg kilograms tons tonnes hectares acres dollars euros pesos pounds rupees naira shillings
    percent per cent % years year months month weeks week days day hours hour minutes minute seconds
    times districts provinces regions areas countries states sites schools hospitals mosques
    churches shops camps points positions checkpoints families household households mm cm calibre
    caliber votes seats cases barrels litres liters cattle cows goats sheep animals livestock
    incidents attacks strikes raids clashes events explosions blasts operations units battalions
    brigades companies divisions groups shots bullets gmt utc hrs am pm o'clock kilos pieces tents
    boats ships vessels roads bridges farms fields sorties family incident attack strike raid
    clash event explosion blast operation unit battalion brigade company division group bullet
    occasion side way time case village town city house home building vehicle car truck tank bus
    rocket missile mortar shell bomb grenade mine rifle gun weapon district province region area
    country site school hospital mosque church shop camp point position checkpoint minute second
    round lap stage phase term night morning evening afternoon decade decades centuries century
    """
)
_STOP_BEFORE = _words("$ € £ us$ usd no number no. aged age page article resolution route highway flight at")
_MONTH_TOKENS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_SUBSET = _words("including among whom incl")
_BREAK = _words(", ; : . ! ? ( ) and or but while after before when as because said says who which that")
_AUX = _words(
    "were was are is have has had been be being reportedly also all allegedly later reported believed feared "
    "thought to confirmed both subsequently eventually got seriously critically badly slightly fatally "
    "mortally lightly severely apparently already now either who that which of them whom they it "
    "unofficially officially initially"
)
_POST_BUILD: dict[tuple[str, ...], QuantityKind] = {}
_PRE_BUILD: dict[tuple[str, ...], QuantityKind] = {}


def _cues(table: dict[tuple[str, ...], QuantityKind], kind: QuantityKind, phrases: str) -> None:
    for phrase in phrases.split("|"):
        table[tuple(phrase.split())] = kind  # whitespace and line breaks inside a phrase are one space


_cues(
    _POST_BUILD,
    "killed",
    """
    killed | dead | died | die | dying | deaths | death | slain | massacred | executed |
    murdered | perished | fatalities | bodies | corpses | beheaded | lynched | shot dead |
    gunned down | lost their lives | lost their life | burned to death | burnt to death | beaten
    to death | hacked to death | stabbed to death | shot and killed | lives | lives were lost |
    shot to death | gunned to death
    """,
)
_cues(
    _POST_BUILD,
    "injured",
    """
    wounded | injured | hurt | injuries | maimed | hospitalised | hospitalized | casualties |
    dead or wounded | dead and wounded | dead or injured | dead and injured | killed or wounded |
    killed and wounded | killed or injured | killed and injured
    """,
)
_cues(
    _POST_BUILD,
    "displaced",
    """
    displaced | fled | flee | fleeing | evacuated | uprooted | homeless | refugees | idps | forced from
    their homes | forced to flee | forced out of their homes | left their homes | leave their
    homes | leaving their homes | fled their homes | flee their homes | made homeless | rendered
    homeless | lost their homes | sought refuge | sought shelter | have fled | been displaced |
    driven from their homes | to flee | from their homes | out of their homes | to leave their
    homes | to leave
    """,
)
_cues(
    _POST_BUILD,
    "arrested",
    """
    arrested | detained | jailed | imprisoned | rounded up | taken into custody | held in
    custody | arrests
    """,
)
_cues(
    _POST_BUILD,
    "kidnapped",
    """
    kidnapped | abducted | hostage | taken hostage | held hostage | hostages | seized | snatched | held
    captive | taken captive
    """,
)
_cues(
    _POST_BUILD,
    "affected",
    """
    affected
    """,
)
_cues(
    _PRE_BUILD,
    "killed",
    """
    killed | killing | kill | kills | slew | slaying | massacred | massacring | executed |
    executing | murdered | murdering | shot dead | shot to death | gunned down | claimed the lives of |
    claiming the lives of | death toll | toll | bodies of | dead bodies of | deaths of | the lives of |
    murder of | murders of | massacre of | killing of | killings of | assassination of |
    assassinations of | execution of | executions of | slaying of | death of | shooting of
    """,
)
_cues(
    _PRE_BUILD,
    "injured",
    """
    wounded | wounding | injured | injuring | hurt | hurting | maimed | maiming | wounding of |
    injuring of | killing and wounding | killing or wounding | killing and injuring | killed and wounded |
    killed or wounded | killed and injured | casualties of
    """,
)
_cues(
    _PRE_BUILD,
    "displaced",
    """
    displaced | displacing | displacement of | evacuated | evacuating | uprooted | uprooting |
    driven out | drove out
    """,
)
_cues(
    _PRE_BUILD,
    "arrested",
    """
    arrested | arresting | detained | detaining | rounded up | rounding up | jailed | jailing |
    arrest of | detention of
    """,
)
_cues(
    _PRE_BUILD,
    "kidnapped",
    """
    kidnapped | kidnapping | abducted | abducting | seized | seizing | took hostage | kidnapping
    of | abduction of
    """,
)
_cues(
    _PRE_BUILD,
    "affected",
    """
    affected | affecting | covering | populated by | inhabited by | home to | population of |
    home for | sheltering | hosting
    """,
)
_POST: Mapping[tuple[str, ...], QuantityKind] = MappingProxyType(_POST_BUILD)
"""Cues after a count ("were killed"), frozen once built."""
_PRE: Mapping[tuple[str, ...], QuantityKind] = MappingProxyType(_PRE_BUILD)
"""Cues before a count ("killing"), frozen once built."""
_PREPOSITIONS = _words("in at on near from during after before across inside outside around with by into for")
_LIFE_TAKERS = _words("claimed claiming claims took taken take takes taking cost costing costs lost")
"""Verbs before "N lives" that make it a death count ("claimed 200 lives", not "20 people whose lives")."""
_ASIDE_START = _words("including among mostly most all many some both mainly among them among whom")
"""Words that open a ", …," aside inside a victim noun phrase; the aside is skipped."""
_NEED_PEOPLE = frozenset({"seized", "seizing", "covering", "sheltering", "hosting"})
_MAX_CUE = 5
_CASUALTY_WORDS = _words("casualties or and")
"""A cue with one of these words is "dead and wounded" together: emitted as injured, low confidence."""
_PASSIVE = _words("were was are is been being be got get")
_TRANSITIVE = _words(
    """
    killed murdered executed massacred wounded injured kidnapped abducted arrested detained seized
    lynched beheaded hurt shot slew
    """
)
_OBJECT_START = _words(
    """
    a an the his her their its our my this these those another both all several many some dozens
    hundreds thousands scores tens
    """
)


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A number phrase found in the sentence: token range, parsed value, people noun seen."""

    first: int
    last: int  # exclusive
    value: NumberRange
    people: bool


@dataclass(frozen=True, slots=True)
class _Binding:
    """What a phrase counts, how far its cue was, how sure, and from which side it came."""

    kind: QuantityKind
    distance: int
    confidence: float
    side: str  # "post" | "pre" | "inherited"


def extract_quantities(
    text: str,
    sentence: tuple[int, int],
    *,
    number_spans: tuple[tuple[int, int], ...] | list[tuple[int, int]] = (),
) -> tuple[Quantity, ...]:
    """Find the people counts in one sentence and bind each to what happened to them.

    Args:
        text: The full article text.
        sentence: ``(start, end)`` of the sentence in ``text``.
        number_spans: Optional spaCy CARDINAL spans (article-relative); phrases the own reader
            missed are parsed from them.

    Returns:
        Quantities in sentence order, spans article-relative (the number words and qualifier).

    Example:
        >>> s = "The attack killed 4 soldiers and wounded 7."
        >>> [(q.kind, q.best) for q in extract_quantities(s, (0, len(s)))]
        [('killed', 4), ('injured', 7)]
    """
    s0, s1 = sentence
    sent = text[s0:s1]
    low, starts, ends = _tokenize(sent) if len(sent) <= LONG_SENTENCE else _tokenize_windows(sent)
    phrases = _find_phrases(low, starts, ends)
    phrases = _add_spacy_phrases(phrases, low, starts, ends, number_spans, s0)
    owner = {t: n for n, ph in enumerate(phrases) for t in range(ph.first, ph.last)}
    bindings = [_bind(ph, low, owner, n) for n, ph in enumerate(phrases)]
    _inherit(phrases, bindings, low)
    out: list[Quantity] = []
    for ph, b in zip(phrases, bindings, strict=True):
        if b is None or (b.kind == "affected" and not ph.people and b.side == "post"):
            continue
        a, z = starts[ph.first], ends[ph.last - 1]
        words = sent[a:z]
        v = ph.value
        out.append(
            Quantity(
                kind=b.kind, min=v.min, max=v.max, best=v.best, qualifier=v.qualifier, text=words,
                span=Span(start=s0 + a, end=s0 + z, text=words), acled_field=b.kind == "killed",
                confidence=round(b.confidence * (0.8 if v.qualifier == "vague" else 1.0), 3),
            )
        )
    return tuple(out)


def _tokenize_windows(sent: str) -> tuple[list[str], list[int], list[int]]:
    """Tokens near the first number cues of a very long "sentence" only, windows kept apart.

    Tokenizing 100k characters costs ~60 ms; counts only ever bind within a few tokens of a
    number, so a long text is tokenized ``±WINDOW`` characters around each cue, and a "." token
    between two windows keeps a cue in one from binding a number in the next.
    """
    low_sent = sent.lower()
    if len(low_sent) != len(sent):
        low_sent = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in sent)
    cues: list[int] = [m.start() for m in islice(_DIGIT_RUN.finditer(sent), 4 * MAX_NUMBERS)]
    for word in _CUE_WORDS:
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
        for m in _TOKEN.finditer(sent, lo, hi):
            low.append(m[0].lower())
            starts.append(m.start())
            ends.append(m.end())
    return low, starts, ends


def _find_phrases(low: list[str], starts: list[int], ends: list[int]) -> list[_Phrase]:
    """Number phrases that can be people counts (years, ages, money, dates, times dropped)."""
    out: list[_Phrase] = []
    i, n = 0, len(low)
    while i < n and len(out) < MAX_NUMBERS:
        tok = low[i]
        if not (tok[0].isdigit() or tok in _NUMBER_START):
            i += 1
            continue
        got = _parse_at(low, starts, ends, i) or _singular(low, i)
        if got is None:
            i += 1
            continue
        value, j = got
        if low[j : j + 2] == ["out", "of"] and (total := _parse_at(low, starts, ends, j + 2)) is not None:
            j = total[1]  # "13 out of 19 crew members were kidnapped": 13, the 19 is the whole
        keep = _plausible(low, starts, ends, i, j)
        if keep is not None:
            out.append(_Phrase(i, j, value, keep))
        i = j
    return out


_SINGULAR = _words(
    """
    person civilian soldier policeman policewoman officer militant rebel fighter insurgent guerrilla
    gunman man woman child boy girl baby student villager resident protester demonstrator worker
    farmer member journalist reporter doctor nurse teacher priest mayor judge leader commander
    official driver passenger peasant trader businessman activist politician councillor councilman
    lawyer guard bodyguard pilot sergeant lieutenant colonel captain youth teenager pedestrian
    bystander employee engineer monk nun imam cleric pastor chief congressman deputy senator
    minister governor candidate unionist labourer laborer merchant shopkeeper trooper marine
    sailor paramilitary militiaman jihadist hostage prisoner detainee inmate migrant refugee
    """
)
_ONE = NumberRange(1, 1, 1, "exact")


def _singular(low: list[str], i: int) -> tuple[NumberRange, int] | None:
    """"a policeman", "an off-duty soldier", "another civilian": one person (the phrase spans the noun)."""
    if low[i] not in ("a", "an", "another"):
        return None
    for k in range(i + 1, min(len(low), i + 4)):
        if low[k] in _SINGULAR:
            return _ONE, k + 1
        if not (low[k].isalpha() or low[k] == "-") or low[k] in _AUX or low[k] in _BREAK:
            return None
    return None


def _plausible(low: list[str], starts: list[int], ends: list[int], i: int, j: int) -> bool | None:
    """None if the phrase cannot be a count of people; else whether a people noun heads it."""
    prev = low[i - 1] if i > 0 else ""
    nxt = low[j] if j < len(low) else ""
    nxt2 = low[j + 1] if j + 1 < len(low) else ""
    if prev in _STOP_BEFORE or nxt in _MONTH_TOKENS or nxt in _NOT_PEOPLE:
        return None  # money, "no. 5", dates ("30 December"), vehicles, durations …
    if prev in _MONTH_TOKENS and nxt not in _PEOPLE:
        return None  # "December 30"; but "on 23 September 28 bodies were found" is a count
    if low[i] == "one" and prev in ("no", "any", "every", "the", "this", "that", "which", "each"):
        return None
    if nxt in ("-", "–") and (nxt2 in _NOT_PEOPLE or nxt2 in ("year", "strong")):
        return None  # "25-year-old", "22-MM", "a 500-strong force"
    if nxt in (":", "/", ".") and nxt2[:1].isdigit():
        return None  # clock times and numeric dates
    if nxt in ("st", "nd", "rd", "th") and starts[j] == ends[j - 1]:
        return None  # ordinal "3rd"
    if j - i == 1 and len(low[i]) == 4 and low[i].isdigit() and nxt not in _PEOPLE:
        return None  # "1990", "at 1200": years and clock times
    if low[i] in ("many", "numerous", "multiple") and prev in ("how", "so", "too", "not", "in"):
        return None
    if low[j - 1] in _SINGULAR:
        return True  # "a policeman": the phrase holds its own person noun
    for k in range(j, min(len(low), j + 5)):
        tok = low[k]
        if tok in _PEOPLE:
            return True
        if tok in _NOT_PEOPLE:
            return None  # "84 new settlements", "three armoured vehicles"
        if tok in _PREPOSITIONS:
            return False  # "killing 12 in the village": the noun after "in" is not what is counted
        if tok in _BREAK or (tok in _AUX and tok not in ("of", "the", "them")) or tok[0].isdigit():
            return False
        if _starts_cue(low, k, _POST):
            return False
    return False


def _starts_cue(low: list[str], k: int, table: Mapping[tuple[str, ...], QuantityKind]) -> QuantityKind | None:
    """The kind of the longest cue in ``table`` that starts at token ``k``."""
    found = _cue_at(low, k, table)
    return found[0] if found else None


def _cue_at(
    low: list[str], k: int, table: Mapping[tuple[str, ...], QuantityKind]
) -> tuple[QuantityKind, tuple[str, ...]] | None:
    """The kind and words of the longest cue in ``table`` that starts at token ``k``."""
    for size in range(_MAX_CUE, 0, -1):
        words = tuple(low[k : k + size])
        kind = table.get(words)
        if kind is not None:
            return kind, words
    return None


def _ends_cue(low: list[str], k: int) -> tuple[QuantityKind, tuple[str, ...]] | None:
    """The kind and words of the longest pre-cue that ends at token ``k``."""
    for size in range(_MAX_CUE, 0, -1):
        if k - size + 1 < 0:
            continue
        words = tuple(low[k - size + 1 : k + 1])
        kind = _PRE.get(words)
        if kind is not None:
            return kind, words
    return None


_PRE_GAP = _words(
    """
    a an the at least another further additional some all of to rose risen has have had stood stands
    reached climbed jumped increased hit now is was up from more than over around about nearly
    almost its their his her only just currently already as many much
    """
)


def _bind(ph: _Phrase, low: list[str], owner: dict[int, int], index: int) -> _Binding | None:
    """Bind one phrase to a kind from the nearest cue after it (passive) or before it (active)."""
    prev, prev2 = (low[ph.first - 1] if ph.first else ""), (low[ph.first - 2] if ph.first > 1 else "")
    if prev in _SUBSET or (prev2, prev) in (("among", "them"), ("of", "whom"), ("such", "as")):
        return None  # a subset of another count
    post = _post_cue(ph, low, owner, index)
    pre = _pre_cue(ph, low, owner, index)
    if post is None or (pre is not None and pre.distance <= post.distance):
        return pre  # on a tie the verb the count is the object of wins: "men who murdered a nurse fled"
    return post


def _post_cue(ph: _Phrase, low: list[str], owner: dict[int, int], index: int) -> _Binding | None:
    """"three soldiers were killed", "12 dead", "thousands of civilians leave their homes"."""
    k, skipped, noun_left, passive = ph.last, 0, 5, False
    while k < len(low) and skipped <= 8 and owner.get(k, index) == index:
        cue = _cue_at(low, k, _POST)
        if cue is not None:
            kind, words = cue
            if kind == "kidnapped" and low[k] == "seized" and not ph.people:
                return None
            if words[0] == "lives" and (ph.first == 0 or low[ph.first - 1] not in _LIFE_TAKERS):
                return None
            if not passive and len(words) == 1 and low[k] in _TRANSITIVE and _object_follows(low, k + 1):
                return None  # "three gunmen killed two guards": the count is the perpetrators
            conf = 0.35 if _CASUALTY_WORDS.intersection(words) else 0.85 if skipped <= 3 else 0.7
            return _Binding(kind, skipped, conf, "post")
        tok = low[k]
        if tok in ("(", "["):
            close = ")" if tok == "(" else "]"
            end = next((t for t in range(k + 1, min(len(low), k + 8)) if low[t] == close), -1)
            if end < 0:
                return None
            k, skipped = end + 1, skipped + 1
            continue
        if tok == "," and k + 1 < len(low) and low[k + 1] in _ASIDE_START:
            end = next((t for t in range(k + 2, min(len(low), k + 12)) if low[t] == ","), -1)
            if end < 0:
                return None
            k, skipped = end + 1, skipped + 1  # "five people, including two children, were killed"
            continue
        if tok == "and" and noun_left > 0 and k + 1 < len(low) and _noun_like(low[k + 1]):
            k, skipped, noun_left = k + 1, skipped + 1, noun_left - 1  # "five judges and magistrates were …"
            continue
        if tok in _AUX:
            passive = passive or tok in _PASSIVE
        elif noun_left > 0 and _modifier(tok, ph.people):
            noun_left -= 1  # people seen: "12 workers from the church were arrested" reads on
        else:
            return None
        k, skipped = k + 1, skipped + 1
    return None


def _modifier(tok: str, people: bool) -> bool:
    """A word the victim-noun-phrase scan may pass (a thing noun only once a person noun was seen)."""
    return tok not in _BREAK and not tok[0].isdigit() and (people or tok not in _NOT_PEOPLE)


def _noun_like(tok: str) -> bool:
    """A word that can continue a victim noun phrase (not a cue, auxiliary, break or number)."""
    if not tok.isalpha() or tok in _AUX or tok in _BREAK:
        return False
    return (tok,) not in _POST and (tok,) not in _PRE


def _object_follows(low: list[str], k: int) -> bool:
    """True when an object starts at ``k`` (an active transitive verb), not a preposition or stop."""
    if k >= len(low):
        return False
    tok = low[k]
    return tok in _OBJECT_START or tok in _PEOPLE or tok[0].isdigit() or tok in _UNITS or tok in _TENS


def _pre_cue(ph: _Phrase, low: list[str], owner: dict[int, int], index: int) -> _Binding | None:
    """"killing 5", "wounded 7", "a death toll of 40", "populated by 147,000 people"."""
    k, gap = ph.first - 1, 0
    while k >= 0 and gap <= 5 and owner.get(k, index) == index:
        found = _ends_cue(low, k)
        if found is not None:
            kind, words = found
            if words[0] in _NEED_PEOPLE and not ph.people:
                return None
            conf = 0.35 if _CASUALTY_WORDS.intersection(words) else 0.85 if gap <= 1 else 0.7
            return _Binding(kind, gap, conf, "pre")
        if low[k] not in _PRE_GAP:
            return _toll_before(low, owner, index, k)
        k, gap = k - 1, gap + 1
    return None


def _toll_before(low: list[str], owner: dict[int, int], index: int, k: int) -> _Binding | None:
    """"the death toll from Tuesday's attack rose to 15": a toll a few words back, no clause break."""
    for t in range(k, max(-1, k - 10), -1):
        if low[t] in _BREAK or owner.get(t, index) != index:
            return None
        if low[t] == "toll":
            return _Binding("killed", k - t + 6, 0.7, "pre")
    return None


def _inherit(phrases: list[_Phrase], bindings: list[_Binding | None], low: list[str]) -> None:
    """Conjoined counts share a cue: "killed 3 soldiers and 2 civilians", "3 … and 2 … were killed"."""
    for n in range(len(phrases)):
        if bindings[n] is not None:
            continue
        for m, side in ((n - 1, "pre"), (n + 1, "post")):
            if not 0 <= m < len(phrases) or bindings[m] is None:
                continue
            bm = bindings[m]
            assert bm is not None
            a, z = (phrases[m].last, phrases[n].first) if m < n else (phrases[n].last, phrases[m].first)
            between = low[a:z]
            joined = bool(between) and between[-1] in ("and", ",", "or") and len(between) <= 5
            clean = all(t.isalpha() or t == "," for t in between)
            cue_inside = any(_starts_cue(low, t, _POST) for t in range(a, z))
            if bm.side == side and joined and clean and not cue_inside:
                bindings[n] = _Binding(bm.kind, bm.distance, 0.7, "inherited")
                break


def _add_spacy_phrases(
    phrases: list[_Phrase],
    low: list[str],
    starts: list[int],
    ends: list[int],
    spans: tuple[tuple[int, int], ...] | list[tuple[int, int]],
    s0: int,
) -> list[_Phrase]:
    """CARDINAL spans from spaCy that the own reader missed, when they parse as a number phrase."""
    if not spans:
        return phrases
    taken = {t for ph in phrases for t in range(ph.first, ph.last)}
    extra: list[_Phrase] = []
    for a, b in islice(spans, MAX_NUMBERS):
        toks = [t for t in range(len(low)) if starts[t] >= a - s0 and ends[t] <= b - s0]
        if not toks or any(t in taken for t in toks) or toks[-1] - toks[0] + 1 != len(toks):
            continue
        got = _parse_at(low, starts, ends, toks[0])
        if got is None or got[1] != toks[-1] + 1:
            continue
        people = _plausible(low, starts, ends, toks[0], got[1])
        if people is not None:
            extra.append(_Phrase(toks[0], got[1], got[0], people))
            taken.update(toks)
    return sorted(phrases + extra, key=lambda ph: ph.first)
