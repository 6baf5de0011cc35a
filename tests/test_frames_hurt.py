"""'People were hurt' reports an injury: a sentence that only says so is an event with its count.

Hand-made sentences; the pipeline runs with the rules alone (no learned model).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from conflict_events.contracts import Article, ConflictEvent
from conflict_events.core.pipeline import extract
from conflict_events.resources import Resources


@pytest.fixture
def resources(rules: Resources) -> Resources:
    """This module reads the rules alone (no learned decision model)."""
    return rules


def events(resources: Resources, text: str) -> list[ConflictEvent]:
    """The events of ``text`` as one article."""
    article = Article(id="h", text=text, language="en")
    return list(extract(article, resources, ingested_at=datetime(2024, 5, 3, tzinfo=UTC)).events)


def test_no_one_died_but_people_were_hurt(resources: Resources) -> None:
    """'No one died, but 9 people were hurt' is one asserted assault with 9 injured."""
    found = events(resources, "No one died, but nine people were hurt at the market in Olt.")
    assert [(e.event_type, e.mode) for e in found] == [("ASSAULT", "asserted")]
    assert [(q.kind, q.best) for q in found[0].quantities] == [("injured", 9)]


def test_hurt_feelings_are_no_event(resources: Resources) -> None:
    """'His pride was hurt' and 'the sanctions hurt trade' name no injured person."""
    assert events(resources, "His pride was hurt by the remarks.") == []
    assert events(resources, "The new sanctions hurt trade with the port of Olt.") == []


def test_no_one_hurt_gives_no_injury_event(resources: Resources) -> None:
    """'No one was hurt' names nobody hurt: the words make no event of their own."""
    assert events(resources, "No one was hurt, the mayor of Olt said.") == []
