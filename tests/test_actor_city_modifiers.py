"""A capital named in front of an act noun in a headline ("Kabul blast kills 10") says where the act was,
not who did it; a capital as a verb's subject ("Moscow said") still stands for its state; a capital in a
wire dateline ("NAIROBI, JUNE 4 (AFP) -") is where the story was filed.

Every example here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from conflict_events.contracts import Article
from conflict_events.core.pipeline import extract
from conflict_events.resources import Resources

PUBLISHED = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)



def sources(resources: Resources, text: str) -> list[str]:
    article = Article(id="c", text=text, published_at=PUBLISHED)
    return [a.name for e in extract(article, resources).events for a in e.actors if a.role == "source"]


@pytest.mark.parametrize(
    "text", ["Kabul blast kills 10 at a mosque", "Mogadishu bombing kills 12 near the airport"]
)
def test_a_capital_before_an_act_is_its_place(resources: Resources, text: str) -> None:
    """The capital is where the bomb went off; its government did not set it off."""
    assert not any(
        name.startswith(("Government of", "Military Forces of")) for name in sources(resources, text)
    )


def test_gazetteer_tells_capitals_from_country_names(resources: Resources) -> None:
    """Capitals are metonyms; country names, aliases and demonyms are not."""
    city = resources.gazetteer.is_city_metonym
    assert [city(w) for w in ("Tripoli", "Moscow", "Libya", "Britain", "Libyan")] == [
        True,
        True,
        False,
        False,
        False,
    ]


@pytest.mark.parametrize(
    "text",
    [
        "NAIROBI, JUNE 4 (AFP) - A ROADSIDE BOMB WOUNDED SIX POLICE RESERVISTS NEAR THE BORDER ON MONDAY.",
        "Nairobi, June 4 (AFP) - A roadside bomb wounded six police reservists near the border on Monday.",
    ],
)
def test_a_capital_in_a_dateline_is_not_the_doer(resources: Resources, text: str) -> None:
    """The dateline says where the story was filed, in capitals or not (all-capitals wire copy is parsed in
    lower case, where the dateline's month and agency no longer look like one)."""
    found = sources(resources, text)
    assert found and not any(name.startswith(("Government of", "Military Forces of")) for name in found)
