"""Reactions to acts: reactors are no source, the accused are, survivors are targets; accusing has no toll."""

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


def act(resources: Resources, text: str, event_type: str = "ASSAULT") -> ConflictEvent:
    """The one event of ``event_type`` read from ``text``."""
    result = extract(
        Article(id="r", text=text, language="en"), resources, ingested_at=datetime(2024, 1, 1, tzinfo=UTC)
    )
    found = [e for e in result.events if e.event_type == event_type]
    assert len(found) == 1, [(e.event_type, e.evidence.trigger.text) for e in result.events]
    return found[0]


def roles(event: ConflictEvent) -> list[tuple[str, str]]:
    """(role, words) of the actors written in the text."""
    return [(a.role, a.text) for a in event.actors if a.span is not None]


def test_condemning_official_is_no_source(resources: Resources) -> None:
    """'The mayor condemned the massacre of 12 herders': the mayor reacts, the herders are the victims."""
    event = act(resources, "The mayor condemned the massacre of 12 herders near Tillaberi.")
    assert roles(event) == [("target", "12 herders")]


def test_charged_object_is_the_source(resources: Resources) -> None:
    """'Prosecutors charged three men over the siege': the men are the siege's source, not its target."""
    event = act(resources, "Prosecutors charged three men over the 2016 siege of a bakery in Dhaka.")
    assert ("source", "three men") in roles(event)
    assert not any(role == "source" and "Prosecutors" in words for role, words in roles(event))


def test_convicted_passive_subject_is_the_source(resources: Resources) -> None:
    """'A former captain was convicted of the massacre': the captain, even untyped, is the source."""
    event = act(resources, "A former captain was convicted of the massacre of villagers in Ituri.")
    assert roles(event) == [("target", "villagers"), ("source", "A former captain")]
    assert not any(a.role == "source" and a.span is None for a in event.actors)


def test_describing_witnesses_are_no_source(resources: Resources) -> None:
    """'Witnesses described the bombing': the witnesses report it; the bomber is unknown."""
    event = act(resources, "Witnesses described the bombing of a bus station in Quetta.")
    assert [(a.role, a.named) for a in event.actors if a.role == "source"] == [("source", False)]


def test_accusation_keeps_no_toll(resources: Resources) -> None:
    """An accusation that names a killing carries no casualty count: the toll is the killing's."""
    event = act(resources, "The opposition accused the army of killing 15 miners in Kayes.", "ACCUSE")
    assert [q.kind for q in event.quantities if q.kind in ("killed", "injured")] == []


def test_attack_verb_keeps_its_subject(resources: Resources) -> None:
    """An act that is the clause's own verb keeps its subject as source ('Gunmen attacked ...')."""
    event = act(resources, "Gunmen attacked a bus station in Quetta on Monday.")
    assert ("source", "Gunmen") in roles(event)


def test_survivors_are_targets(resources: Resources) -> None:
    """'Two soldiers survived the ambush': who survives an act underwent it."""
    event = act(resources, "Two soldiers survived the ambush near Gao.")
    assert ("target", "Two soldiers") in roles(event)
    assert not any(role == "source" and words == "Two soldiers" for role, words in roles(event))


@pytest.mark.parametrize(
    "text",
    ["Two soldiers died in the ambush near Gao.", "Two soldiers suffered burns in the ambush near Gao."],
)
def test_who_dies_in_or_suffers_from_an_act_is_its_target(resources: Resources, text: str) -> None:
    """'died in the ambush', 'suffered burns in the ambush': the subject underwent the act."""
    event = act(resources, text)
    assert ("target", "Two soldiers") in roles(event)
    assert not any(role == "source" and words == "Two soldiers" for role, words in roles(event))


def test_the_act_a_condemnation_names_is_an_event_dated_by_its_own_words(resources: Resources) -> None:
    """ "The president on Wednesday condemned Monday's murder of the mayor": the murder is an event of its
    own, on Monday; the condemnation's Wednesday is not its date, and without its own date words it falls
    back to the anchor (marked so) rather than take the condemnation's day."""
    dated = act(resources, "The president on Wednesday condemned Monday's murder of the mayor of Dorvik.")
    undated = act(resources, "The president on Wednesday condemned the murder of the mayor of Dorvik.")
    condemned = act(resources, "The president on Wednesday condemned the murder of the mayor.", "ACCUSE")
    assert (dated.date.start.weekday(), dated.date.fallback) == (0, False)
    assert undated.date.fallback and undated.date.start != condemned.date.start


def test_a_condemned_act_told_before_merges_into_it(resources: Resources) -> None:
    """The murder told on Monday and condemned on Wednesday is one incident: one ASSAULT, Monday's."""
    text = (
        "Gunmen shot dead the mayor of Dorvik on Monday.\n\n"
        "The president on Wednesday condemned the murder of the mayor."
    )
    event = act(resources, text)
    assert (event.date.start.weekday(), event.evidence.trigger.text) == (0, "shot dead")
