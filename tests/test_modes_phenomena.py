"""PLOVER mode words of threats and coercive measures: the "how" is the act threatened or imposed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from conflict_events.contracts import Article, ConflictEvent
from conflict_events.core.pipeline import extract
from conflict_events.resources import Resources, load_resources

PUBLISHED = datetime(2024, 3, 8, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def resources() -> Resources:
    """Resources loaded once for the module."""
    return load_resources()


def only(resources: Resources, text: str) -> ConflictEvent:
    """The single event extracted from a one-sentence article."""
    article = Article.model_validate({"id": "m1", "text": text, "published_at": PUBLISHED})
    events = extract(article, resources, ingested_at=PUBLISHED).events
    assert len(events) == 1, [e.summary for e in events]
    return events[0]


@pytest.mark.parametrize(
    ("text", "plover_mode"),
    [
        ("The governor threatened to declare a curfew in the port city after the looting.", "curfew"),
        ("The junta said on Friday that it was ready to impose martial law across the north.", "martial-law"),
        ("The navy said it would blockade the harbour of the rebel-held island from Monday.", "restrict"),
        ("The rebel commander threatened to carry out bombings in the capital next month.", "violence"),
    ],
)
def test_threat_carries_the_kind_of_act_threatened(
    resources: Resources, text: str, plover_mode: str
) -> None:
    """A threat's mode word is the kind of act it threatens, read from the act the sentence names."""
    event = only(resources, text)
    assert (event.event_type, event.plover_mode) == ("THREATEN", plover_mode)


def test_threat_ignores_acts_outside_its_clause(resources: Resources) -> None:
    """Words outside the threat verb's clause ("after clashes") are the reason, not the act threatened."""
    event = only(resources, "Citing the clashes of last week, the mayor threatened to act firmly.")
    assert (event.event_type, event.plover_mode) == ("THREATEN", None)


@pytest.mark.parametrize(
    ("text", "plover_mode"),
    [
        ("The army imposed a curfew on the district on Tuesday after a protest turned violent.", "curfew"),
        ("Troops reimposed blockades around the camp on Friday, residents said.", "restrict"),
    ],
)
def test_coercion_carries_the_measure_imposed(resources: Resources, text: str, plover_mode: str) -> None:
    """A coercion phrase without a mode word of its own carries the measure named inside it, and a protest
    in the sentence does not turn a named measure into crowd control."""
    event = only(resources, text)
    assert (event.event_type, event.plover_mode) == ("COERCE", plover_mode)
