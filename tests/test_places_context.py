"""The event's place read around its sentence: same paragraph, then the dateline, then the headline."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from conflict_events.contracts import Article, ConflictEvent
from conflict_events.core.pipeline import extract
from conflict_events.core.places import dateline_end
from conflict_events.resources import Resources


@pytest.fixture
def resources(rules: Resources) -> Resources:
    """This module reads the rules alone (no learned decision model)."""
    return rules


def events(resources: Resources, text: str, event_type: str = "ASSAULT") -> list[ConflictEvent]:
    """The events of ``event_type`` read from ``text``."""
    result = extract(
        Article(id="p", text=text, language="en"), resources, ingested_at=datetime(2024, 1, 1, tzinfo=UTC)
    )
    return [e for e in result.events if e.event_type == event_type]


def places(found: list[ConflictEvent]) -> list[tuple[str | None, str | None]]:
    """(place name, cited words) of each event."""
    return [
        (
            e.location.name if e.location else None,
            e.location.span.text if e.location and e.location.span else None,
        )
        for e in found
    ]


def test_dateline_end_needs_a_date_or_an_agency() -> None:
    """'KANO, Nigeria, March 3 (Reuters) - ' is a dateline; 'UN PANEL - ' is not."""
    text = "KANO, Nigeria, March 3 (Reuters) - Police said."
    assert text[: dateline_end(text, 0)] == "KANO, Nigeria, March 3 (Reuters) - "
    assert dateline_end("KABUL (AP) - Police said.", 0) == 13
    assert dateline_end("UN PANEL - The panel said.", 0) is None


def test_town_of_an_earlier_sentence_of_the_paragraph(resources: Resources) -> None:
    """'Traders gathered at the market of Mubi. ... Gunmen killed seven of them': Mubi, not Nigeria."""
    found = events(
        resources,
        "Villagers in Nigeria have long feared raids.\n\n"
        "Hundreds of traders gathered at the cattle market of Mubi on Sunday. Gunmen on motorbikes later "
        "killed seven of them, a resident told reporters.",
    )
    assert places(found)[-1] == ("Mubi", "Mubi")
    assert found[-1].location is not None and "same paragraph" in found[-1].location.reason


def test_dateline_town_when_the_paragraph_names_none(resources: Resources) -> None:
    """'KANO, Nigeria, March 3 (Reuters) -' gives the town of a later paragraph's killing."""
    found = events(
        resources,
        "Police open inquiry\n\n"
        "KANO, Nigeria, March 3 (Reuters) - Police said on Tuesday they had opened an inquiry.\n\n"
        "Gunmen killed five farmers overnight, a spokesman said.",
    )
    assert places(found) == [("Kano", "KANO")]
    assert found[0].location is not None and found[0].location.confidence == 0.45


def test_headline_town_only_for_an_event_of_its_kind(resources: Resources) -> None:
    """A headline about a killing places the killing; a headline about a truce does not."""
    body = "\n\nGunmen killed five traders on Tuesday, police said."
    assert places(events(resources, "Gunmen kill five in Kano market attack" + body))[-1][0] == "Kano"
    assert places(events(resources, "Truce agreed in Kano after months of talks" + body)) == [
        ("Nigeria", None)
    ]


def test_province_refined_by_a_town_inside_it(resources: Resources) -> None:
    """'killed in Borno state' after 'the town of Gwoza' (in Borno): Gwoza; a town abroad refines nothing."""
    found = events(
        resources,
        "Soldiers reached the town of Gwoza on Monday. On Tuesday insurgents killed five people in Borno "
        "state, officials said.",
    )
    assert places(found)[-1] == ("Gwoza", "Gwoza")
    abroad = events(
        resources,
        "Refugees who fled to Nairobi last year returned home. Gunmen killed five people in Somalia on "
        "Tuesday, police said.",
    )
    assert places(abroad) == [("Somalia", "Somalia")]
