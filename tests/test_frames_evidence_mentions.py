"""The WikiEvents role scorer reads an event from every sentence merged into it (``evidence.mentions``).

One incident told in several sentences is one event of ours; a gold trigger in a later sentence of that
incident is judged against it. Hand-made text, no gold-set words.
"""

from __future__ import annotations

from datetime import date

from conflict_events.contracts import ConflictEvent, Evidence
from conflict_events.evaluation import fakes as f
from conflict_events.evaluation.score_roles import judged_event

TEXT = "Raiders burned the granary at Olt on Friday. Two guards died in the fire. A storm hit the coast."


def _span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def _event(sentence: str, trigger: str, mentions: tuple[str, ...] = (), event_id: str = "e") -> ConflictEvent:
    start = TEXT.index(sentence)
    evidence = Evidence(
        sentence=f.span(sentence, start),
        trigger=f.span(trigger, TEXT.index(trigger, start)),
        paragraph_index=0,
        story_index=0,
        mentions=[f.span(m, TEXT.index(m)) for m in mentions],
    )
    return f.event("ASSAULT", evidence=evidence, sentence=sentence, on=date(2024, 1, 1), event_id=event_id)


def test_trigger_in_a_merged_mention_is_judged() -> None:
    """A gold 'died' in the second sentence finds the event merged from both sentences."""
    merged = _event(
        "Raiders burned the granary at Olt on Friday.", "burned", ("Two guards died in the fire.",)
    )
    assert judged_event("die", _span("died"), [merged]) is merged


def test_own_sentence_wins_over_a_merged_mention() -> None:
    """An event read from the trigger's own sentence is judged before one that only merged it."""
    merged = _event(
        "Raiders burned the granary at Olt on Friday.", "burned", ("Two guards died in the fire.",)
    )
    own = _event("Two guards died in the fire.", "fire", event_id="own")
    assert judged_event("die", _span("died"), [merged, own]) is own


def test_unrelated_sentence_finds_nothing() -> None:
    """A trigger in a sentence neither read nor merged by any event is not found."""
    merged = _event(
        "Raiders burned the granary at Olt on Friday.", "burned", ("Two guards died in the fire.",)
    )
    assert judged_event("attack", _span("hit"), [merged]) is None
