"""The site inside an event's place: the facility, street or quarter its clause names, never a town or a
time. Every example here is written for these tests; none comes from an evaluation set."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from conflict_events.contracts import Article, Location
from conflict_events.core.pipeline import extract
from conflict_events.resources import Resources

PUBLISHED = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)



def located(resources: Resources, text: str) -> Location:
    article = Article(id="s", text=text, published_at=PUBLISHED)
    (event,) = extract(article, resources).events
    assert event.location is not None
    return event.location


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("A grenade exploded at a crowded market in Kano on Monday, wounding nine.", "a crowded market"),
        ("Gunmen opened fire outside the main police station in Kismayo.", "the main police station"),
        ("Ninety people were detained in hospital in Juba after the clashes.", "hospital"),
    ],
)
def test_the_clause_names_the_site_inside_the_town(resources: Resources, text: str, site: str) -> None:
    location = located(resources, text)
    assert location.site is not None and location.site.text == site
    assert text[location.site.start : location.site.end] == site


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed four traders in Kano on Monday.",
        "Rebels shelled the outskirts of Goma overnight.",
    ],
)
def test_a_town_or_a_time_is_no_site(resources: Resources, text: str) -> None:
    assert located(resources, text).site is None


def test_a_later_mention_in_the_same_town_gives_the_merged_event_its_site(resources: Resources) -> None:
    text = "A bomb exploded in Maiduguri on Monday. The blast in Maiduguri hit a crowded bus station."
    article = Article(id="m", text=text, published_at=PUBLISHED)
    (event,) = extract(article, resources).events
    assert event.location is not None and event.location.site is not None
    assert event.location.site.text == "a crowded bus station"


@pytest.mark.parametrize(
    ("text", "site"),
    [
        (
            "A bomb exploded in Maiduguri on Monday, killing six. The blast hit a crowded bus station.",
            "a crowded bus station",
        ),
        (
            "Two bombs exploded in Jos on Friday. At Tafawa Balewa St, seven traders were killed.",
            "Tafawa Balewa St",
        ),
    ],
)
def test_a_later_mention_names_the_site_with_no_town_beside_it(
    resources: Resources, text: str, site: str
) -> None:
    """The second sentence names only the spot; the town is the first sentence's."""
    location = located(resources, text)
    assert location.site is not None and location.site.text == site


def test_the_first_site_in_the_text_is_the_merged_event_s(resources: Resources) -> None:
    """Two later mentions name a spot; the one told first stands for the incident (not the one whose
    sentence happens to repeat the town)."""
    text = (
        "A bomb exploded in Maiduguri on Monday, killing six. The blast struck a crowded bus station. "
        "The blast in Maiduguri also wounded two guards at a nearby school."
    )
    location = located(resources, text)
    assert location.site is not None and location.site.text == "a crowded bus station"


@pytest.mark.parametrize(
    ("text", "site"),
    [
        (
            "A bomb exploded in Casablanca on Friday, wounding four. "
            "The blast damaged a pharmacy on the busy avenue Boulevard Zerktouni.",
            "a pharmacy on the busy avenue Boulevard Zerktouni",
        ),
        ("The opposition leader in Harare was moved to house arrest on Friday.", "house"),
        (
            "Police in Nice were hunting a man over a Sunday blast that wounded three people. "
            "The explosion damaged a shop on the avenue Jean Medecin, in what the mayor called an attack.",
            "a shop on the avenue Jean Medecin",
        ),
    ],
)
def test_a_site_on_a_street_a_site_in_the_act_noun_and_a_site_of_another_word_of_the_act(
    resources: Resources, text: str, site: str
) -> None:
    """A site lying on a named street keeps the street; a site noun compounded with the act ("house
    arrest") is one; the sentence's other word for the act ("the explosion ... an attack") gives its site."""
    location = located(resources, text)
    assert location.site is not None and location.site.text == site


def test_the_site_the_target_was_passing_through(resources: Resources) -> None:
    text = "Gunmen ambushed a police patrol while it was walking along the highway near Maiduguri."
    location = located(resources, text)
    assert location.site is not None and location.site.text == "the highway"


def test_a_while_clause_about_someone_else_names_no_site(resources: Resources) -> None:
    text = "Gunmen ambushed a police patrol near Maiduguri while residents were asleep in the village."
    assert located(resources, text).site is None


def test_a_demonstrative_points_back_and_names_no_site(resources: Resources) -> None:
    text = "Rebels shelled Idlib on Monday. The shelling in this area killed four farmers."
    location = located(resources, text)
    assert location.site is None
