"""Sentence candidates: the cheap trigger-lexicon scan that decides which sentences are worth parsing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from conflict_events.core.lexicons import TriggerLexicon, TriggerRule, rule_index
from conflict_events.core.text.document import Sentence


@dataclass(frozen=True)
class TriggerHit:
    """Trigger words at ``[start, end)`` in the article and the lexicon row they matched."""

    start: int
    end: int
    rule: TriggerRule


WORD_START = re.compile(r"(?<![\w-])[^\W\d_]")


def find_triggers(text: str, sentence: Sentence, lexicon: TriggerLexicon) -> tuple[TriggerHit, ...]:
    """Trigger hits inside ``sentence``; blocking phrases ("heart attack") consume their words silently.

    At each word start only the rows that can begin with its letters are tried (``TriggerLexicon.buckets``,
    ``TriggerLexicon.pairs``); the first row that matches wins and the scan resumes after its words.
    """
    hits = []
    position = sentence.start
    while True:
        start = WORD_START.search(text, position, sentence.end)
        if start is None:
            break
        bucket = lexicon.rows_at(text, start.start(), sentence.end)
        match = bucket.match(text, start.start(), sentence.end) if bucket is not None else None
        if match is None:
            position = start.end()
            continue
        rule = lexicon.rules[rule_index(match)]
        if rule.event_type is not None:
            hits.append(TriggerHit(match.start(), match.end(), rule))
        position = max(match.end(), start.end())
    return tuple(hits)


def is_candidate(text: str, sentence: Sentence, hits: tuple[TriggerHit, ...]) -> bool:
    """A sentence is parsed only when it has a trigger and is not a question."""
    return bool(hits) and "?" not in text[sentence.start : sentence.end]
