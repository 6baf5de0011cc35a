"""Casualty, displacement, arrest, abduction and affected-population counts in one sentence.

Two steps.  :func:`parse_number_phrase` (``_quantities_numbers``) reads a number phrase with its
qualifier ("more than 147,000", "hundreds of thousands", "a dozen") into a :class:`NumberRange`.
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

from conflict_events.contracts import Quantity, QuantityKind, Span
from conflict_events.core.quantities.binding import bind, drop_breakdowns, inherit
from conflict_events.core.quantities.crowd import crowd_binding, strong_crowds
from conflict_events.core.quantities.numbers import NumberRange, parse_number_phrase, tokenize
from conflict_events.core.quantities.phrases import ONE, add_spacy_phrases, find_phrases, tokenize_windows
from conflict_events.core.quantities.victims import has_victim_cue, single_victims
from conflict_events.core.text.vocabulary import REPORTING_FORMS

SPEAKER_REACH = 4
"""Words a counted phrase may run before the reporting verb that makes it the speaker."""
REPORTED_STATES = frozenset({"dead", "killed", "missing", "injured", "wounded", "hurt", "kidnapped"})
"""What a count may be reported as ("three reported missing"): then it is no speaker."""

__all__ = ["NumberRange", "extract_quantities", "parse_number_phrase"]

LONG_SENTENCE = 2_000
"""Sentences longer than this (characters) are only tokenized around their number cues."""


def extract_quantities(
    text: str,
    sentence: tuple[int, int],
    *,
    number_spans: tuple[tuple[int, int], ...] | list[tuple[int, int]] = (),
    person_spans: tuple[tuple[int, int], ...] | list[tuple[int, int]] = (),
) -> tuple[Quantity, ...]:
    """Find the people counts in one sentence and bind each to what happened to them.

    Args:
        text: The full article text.
        sentence: ``(start, end)`` of the sentence in ``text``.
        number_spans: Optional spaCy CARDINAL spans (article-relative); phrases the own reader
            missed are parsed from them.
        person_spans: Optional spaCy PERSON spans (article-relative); a named victim without a
            title ("Carlos Perez was killed") then counts one.

    Returns:
        Quantities in sentence order, spans article-relative (the number words and qualifier).

    Example:
        >>> s = "The attack killed 4 soldiers and wounded 7."
        >>> [(q.kind, q.best) for q in extract_quantities(s, (0, len(s)))]
        [('killed', 4), ('injured', 7)]
    """
    s0, s1 = sentence
    sent = text[s0:s1]
    low, starts, ends = tokenize(sent) if len(sent) <= LONG_SENTENCE else tokenize_windows(sent)
    phrases = find_phrases(low, starts, ends)
    phrases = add_spacy_phrases(phrases, low, starts, ends, number_spans, s0)
    owner = {t: n for n, ph in enumerate(phrases) for t in range(ph.first, ph.last)}
    bindings = [bind(ph, low, owner, n) for n, ph in enumerate(phrases)]
    inherit(phrases, bindings, low)
    drop_breakdowns(phrases, bindings)
    found: list[tuple[int, int, NumberRange, QuantityKind, float]] = []
    for n, ph in enumerate(phrases):
        b = bindings[n] or crowd_binding(ph, low, owner, n)
        if b is None or (b.kind == "affected" and not ph.people and b.side == "post" and not b.inherited):
            continue
        if _speaks(ph.last, low):
            continue  # "killing five soldiers, a local official told reporters": the speaker, no victim
        found.append((ph.first, ph.last, ph.value, b.kind, b.confidence))
    taken = {t for first, last, *_ in found for t in range(first, last)}
    for first, last, value in strong_crowds(low, starts, ends, set(owner)):
        found.append((first, last, value, "participants", 0.8))
    if has_victim_cue(low):
        capital = None if sent.isupper() else [sent[at : at + 1].isupper() for at in starts]
        person = _person_tokens(starts, ends, person_spans, s0)
        for first, last, conf, kind in single_victims(low, taken, capital, person):
            if not _speaks(last, low):
                found.append((first, last, ONE, kind, conf))
    return tuple(_quantity(sent, s0, starts, ends, item) for item in sorted(found, key=lambda item: item[0]))


def _speaks(end: int, low: list[str]) -> bool:
    """True when the words after a number phrase run, unbroken by punctuation, into a reporting verb within
    ``SPEAKER_REACH`` words ("a local official told", "two witnesses said"): the phrase is who speaks."""
    for at in range(end, min(end + SPEAKER_REACH + 1, len(low))):
        if low[at] in REPORTING_FORMS:
            after = low[at + 1] if at + 1 < len(low) else ""
            return after not in REPORTED_STATES  # "12 people reported dead" are victims, not speakers
        if not low[at].isalpha():
            return False
    return False


def _person_tokens(
    starts: list[int], ends: list[int], spans: tuple[tuple[int, int], ...] | list[tuple[int, int]], s0: int
) -> frozenset[int]:
    """Token indices inside the (article-relative) person-name spans."""
    if not spans:
        return frozenset()
    rel = [(a - s0, b - s0) for a, b in spans]
    return frozenset(t for t in range(len(starts)) if any(a <= starts[t] and ends[t] <= b for a, b in rel))


def _quantity(
    sent: str,
    s0: int,
    starts: list[int],
    ends: list[int],
    item: tuple[int, int, NumberRange, QuantityKind, float],
) -> Quantity:
    """The ``Quantity`` of tokens ``[first, last)`` (spans article-relative; vague counts less sure)."""
    first, last, v, kind, conf = item
    a, z = starts[first], ends[last - 1]
    words = sent[a:z]
    return Quantity(
        kind=kind,
        min=v.min,
        max=v.max,
        best=v.best,
        qualifier=v.qualifier,
        text=words,
        span=Span(start=s0 + a, end=s0 + z, text=words),
        acled_field=kind == "killed",
        confidence=round(conf * (0.8 if v.qualifier == "vague" else 1.0), 3),
    )
