"""Attacks on property: blowing up a structure is an explosive attack, burning vehicles, homes or shops is
property destruction; the same words about talks or letters are no event.

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
    article = Article(id="p", text=text, published_at=PUBLISHED)
    return [(e.event_type, e.acled_sub_event_type) for e in extract(article, resources).events]


@pytest.mark.parametrize(
    "text",
    [
        "Insurgents blew up a railway bridge outside Kassala on Sunday.",
        "A gas pipeline was blown up near Al-Arish overnight, the army said.",
        "REBELS DYNAMITED TWO ELECTRICITY PYLONS NEAR PUERTO ASIS.",
    ],
)
def test_blowing_up_a_structure_is_an_explosive_attack(resources: Resources, text: str) -> None:
    assert codes(resources, text) == [("ASSAULT", "Remote explosive/landmine/IED")]


@pytest.mark.parametrize(
    "text",
    [
        "Militiamen burned dozens of homes in the village of Mbau on Friday.",
        "Rioters torched three police stations in the city overnight.",
    ],
)
def test_burning_homes_or_vehicles_destroys_property(resources: Resources, text: str) -> None:
    assert ("ASSAULT", "Looting/property destruction") in codes(resources, text)


@pytest.mark.parametrize(
    "text",
    ["The merger talks blew up at the last minute.", "He burned the old letters in the garden."],
)
def test_the_same_verbs_without_a_target_structure_are_no_event(resources: Resources, text: str) -> None:
    assert codes(resources, text) == []
