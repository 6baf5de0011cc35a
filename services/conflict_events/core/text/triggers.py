"""Sentence candidates: the cheap trigger-lexicon scan that decides which sentences are worth parsing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from conflict_events.core.lexicons import TriggerLexicon, TriggerRule, rule_index
from conflict_events.core.text.document import BLANKS, Sentence


@dataclass(frozen=True)
class TriggerHit:
    """Trigger words at ``[start, end)`` in the article and the lexicon row they matched."""

    start: int
    end: int
    rule: TriggerRule


WORD_START = re.compile(r"(?<![\w-])[^\W\d_]")


SPACE_RUN = re.compile(r"\s{2,}")


def _flat(chunk: str) -> tuple[str, list[int] | None]:
    """``chunk`` with every run of white space read as one space, and where each of its characters sits in
    ``chunk`` (None when nothing moved: a single line break or tab is already one character)."""
    flat = chunk.translate(BLANKS)
    if "  " not in flat:
        return flat, None
    parts: list[str] = []
    where: list[int] = []
    last = 0
    for run in SPACE_RUN.finditer(flat):
        parts.append(flat[last : run.start() + 1])
        where.extend(range(last, run.start() + 1))
        last = run.end()
    parts.append(flat[last:])
    where.extend(range(last, len(flat) + 1))
    return "".join(parts), where


def find_triggers(text: str, sentence: Sentence, lexicon: TriggerLexicon) -> tuple[TriggerHit, ...]:
    """Trigger hits inside ``sentence``; blocking phrases ("heart attack") consume their words silently.

    The sentence is scanned with each run of white space read as one space (``_flat``; the hits point into
    the original): hard-wrapped wire copy breaks lines inside phrases ("found a truck" at a line's end, "with
    15 kg of dynamite" on the next), and a phrase row must match there as it does on one line.  At each word
    start only the rows that can begin with its letters are tried (``TriggerLexicon.buckets``,
    ``TriggerLexicon.pairs``); the first row that matches wins and the scan resumes after its words.
    """
    hits = []
    base = sentence.start
    flat, where = _flat(text[base : sentence.end])
    position, end = 0, len(flat)
    while True:
        start = WORD_START.search(flat, position, end)
        if start is None:
            break
        bucket = lexicon.rows_at(flat, start.start(), end)
        match = bucket.match(flat, start.start(), end) if bucket is not None else None
        if match is None:
            position = start.end()
            continue
        rule = lexicon.rules[rule_index(match)]
        if rule.event_type is not None:
            first, last = match.start(), match.end() - 1
            if where is not None:
                first, last = where[first], where[last]
            hits.append(TriggerHit(base + first, base + last + 1, rule))
        position = max(match.end(), start.end())
    return tuple(hits)


def is_candidate(text: str, sentence: Sentence, hits: tuple[TriggerHit, ...]) -> bool:
    """A sentence is parsed only when it has a trigger and is not a question."""
    return bool(hits) and "?" not in text[sentence.start : sentence.end]
