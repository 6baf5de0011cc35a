"""Who did a harm told without a subject: the author named in its means ("killed by sniper fire from the
rebels", "killed in Taliban attacks"), a trigger that names the doer ("a suicide bomber"), and the doer a
later mention states. Every example here is written for these tests; none comes from an evaluation set."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from conflict_events.contracts import Article, ConflictEvent
from conflict_events.core.pipeline import extract
from conflict_events.resources import Resources

PUBLISHED = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)



def only_event(resources: Resources, text: str) -> ConflictEvent:
    (event,) = extract(Article(id="m", text=text, published_at=PUBLISHED), resources).events
    return event


def sources(event: ConflictEvent) -> list[str]:
    return [a.text for a in event.actors if a.role == "source"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("A police captain was killed in Kandahar on Monday by sniper fire from the Taliban.", "the Taliban"),
        ("Nine soldiers were killed in Taliban attacks near Kunduz last week.", "Taliban"),
        ("Two traders were killed in an ambush by bandits in Zamfara.", "bandits"),
        ("Three policemen were killed by suicide attackers in Quetta.", "suicide attackers"),
        ("A suicide bomber on a motorcycle rammed an army convoy near Kandahar.", "A suicide bomber"),
    ],
)
def test_the_means_or_the_trigger_names_the_doer(resources: Resources, text: str, source: str) -> None:
    assert source in sources(only_event(resources, text))


def test_a_subject_keeps_the_act_it_did(resources: Resources) -> None:
    event = only_event(resources, "Troops killed two men in a Taliban raid in Kunduz.")
    assert sources(event) == ["Troops"]


def test_a_later_mention_states_the_doer_the_first_left_out(resources: Resources) -> None:
    text = "Six soldiers were killed near Kandahar on Monday. A suicide bomber on a motorbike hit their jeep."
    assert sources(only_event(resources, text)) == ["A suicide bomber"]


def test_a_later_unnamed_doer_adds_no_one_to_a_stated_one(resources: Resources) -> None:
    text = "Gunmen killed four traders in Kano on Monday. Attackers also burned two shops in Kano."
    event = extract(Article(id="g", text=text, published_at=PUBLISHED), resources).events[0]
    assert sources(event) == ["Gunmen"]


def test_an_act_that_killed_names_its_author(resources: Resources) -> None:
    """'An attack by militants on a police post killed four officers': the militants did it."""
    text = "An attack by Ansaru militants on a police post in Kaduna killed four officers on Monday."
    assert "Ansaru militants" in sources(only_event(resources, text))


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Three farmers were killed in Gao when soldiers opened fire on a crowd at the market.", "soldiers"),
        ("Four guests were wounded as gunmen stormed a hotel in Kismayo on Sunday.", "gunmen"),
        ("Two killed as police fire on teachers marching in Mombasa", "police"),
    ],
)
def test_the_act_a_harm_came_with_names_its_doer(resources: Resources, text: str, source: str) -> None:
    """A harm told without its doer, and a clause or phrase of time ("when", "as", "after") telling the act it
    came with: who did that act did the harm."""
    event = extract(Article(id="w", text=text, published_at=PUBLISHED), resources).events[0]
    assert source in sources(event)


def test_a_clause_of_time_without_an_act_names_no_doer(resources: Resources) -> None:
    """"killed as they tried to flee": the clause tells what the victims did, not who killed them."""
    event = only_event(resources, "Two villagers were killed in Zamfara as they tried to flee.")
    assert sources(event) in ([], [""])
