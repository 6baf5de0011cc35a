"""Words of violence that report no incident: a figurative explosion, explosives found, and the agent nouns
that name people ("the kidnappers", "assassins") rather than an act.

Every example here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from conflict_events.contracts import Article
from conflict_events.core.pipeline import extract
from conflict_events.resources import Resources, load_resources

PUBLISHED = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def resources() -> Resources:
    """Resources loaded once for the module."""
    return load_resources()


def codes(resources: Resources, text: str) -> list[tuple[str, str | None]]:
    article = Article(id="n", text=text, published_at=PUBLISHED)
    return [(e.event_type, e.acled_sub_event_type) for e in extract(article, resources).events]


@pytest.mark.parametrize(
    "text",
    [
        "The election brought an explosion of joy to the streets of the capital.",
        "Analysts describe an explosion of anger on social media after the vote.",
    ],
)
def test_a_figurative_explosion_is_no_attack(resources: Resources, text: str) -> None:
    assert not any(event_type == "ASSAULT" for event_type, _ in codes(resources, text))


def test_dynamite_found_in_a_truck_is_a_seizure(resources: Resources) -> None:
    found = codes(resources, "Soldiers found a truck loaded with 200 kg of dynamite near the border.")
    assert found == [("COERCE", "Disrupted weapons use")]


@pytest.mark.parametrize(
    "text",
    [
        "A judge in Lima sentenced the kidnappers to 25 years in prison on Monday.",
        "The minister said hired assassins are still at large in the province.",
    ],
)
def test_agent_nouns_name_people_not_an_abduction_or_a_killing(resources: Resources, text: str) -> None:
    assert not any(sub in ("Abduction/forced disappearance", "Attack") for _, sub in codes(resources, text))


@pytest.mark.parametrize(
    "text",
    [
        "Stop the bombings of villages and the torture of prisoners now.",
        "IMMEDIATELY CEASE THE MASSACRES OF PEASANTS AND THE KIDNAPPINGS OF UNION LEADERS.",
        "Mothers of the disappeared called for an end to the abductions of students.",
    ],
)
def test_acts_named_in_a_demand_that_they_stop_are_no_incident(resources: Resources, text: str) -> None:
    found = codes(resources, text)
    assert not any(event_type == "ASSAULT" for event_type, _ in found), found


def test_stopping_told_as_an_act_is_no_demand(resources: Resources) -> None:
    told = codes(resources, "Gunmen stopped a bus near Mandera and killed 12 passengers.")
    assert any(event_type == "ASSAULT" for event_type, _ in told)
