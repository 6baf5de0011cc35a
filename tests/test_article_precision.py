"""Article precision (issue 12): sentences that tell no event of their own are not coded as one.

Every example here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from conflict_events.contracts import Article, ConflictEvent
from conflict_events.core.pipeline import extract
from conflict_events.resources import Resources, load_resources

PUBLISHED = datetime(2024, 9, 12, 9, 0, tzinfo=UTC)



def events(resources: Resources, text: str) -> list[ConflictEvent]:
    """The events of a short article."""
    article = Article.model_validate({"id": "p1", "text": text, "published_at": PUBLISHED})
    return list(extract(article, resources, ingested_at=PUBLISHED).events)


INCIDENT = "Gunmen killed four traders at a market in Kaura on Sunday, police said. "


@pytest.mark.parametrize(
    "background",
    [
        "Bandits have repeatedly raided farms on the outskirts of Gusau.",
        "The ferry port of Kherson has been shelled almost daily since the summer of 2022.",
        "Since the uprising began in 2019, soldiers have carried out hundreds of raids on hill villages.",
        "Cattle herders frequently clash with farmers over grazing land in the valley.",
    ],
)
def test_habits_and_background_periods_are_no_event_beside_an_incident(
    resources: Resources, background: str
) -> None:
    """A habit ("have repeatedly raided", "frequently clash") or an act timed only by a period of years
    ("since 2019") told after an incident is the story's background, not a second event."""
    found = events(resources, INCIDENT + background)
    assert [e.evidence.trigger.text for e in found] == ["killed"]


def test_a_text_that_tells_only_a_habit_keeps_it(resources: Resources) -> None:
    """With nothing else told, the habit is the text's event (a one-sentence record)."""
    assert events(resources, "Bandits have repeatedly raided farms on the outskirts of Gusau.")


@pytest.mark.parametrize(
    "text",
    [
        "Police repeatedly fired tear gas at students outside the parliament in Nairobi on Tuesday.",
        "Gunmen have held the mayor of Tonala hostage since Saturday, his family said.",
        "Officials said the militia, which has killed more than 20,000 people since 2015, kidnapped a priest "
        "in Bunia on Monday.",
    ],
)
def test_one_occasion_is_still_an_event(resources: Resources, text: str) -> None:
    """A simple past "repeatedly fired ... on Tuesday" is one occasion; "since Saturday" times an ongoing
    incident; a relative clause's background does not reach the main clause's act."""
    assert events(resources, text)


TRIAL = (
    "Court jails two men over 2019 Lokichar market bombing\n\n"
    "NAIROBI, Oct 3 - A court in Nairobi on Thursday sentenced two men to life in prison for a 2019 bomb "
    "attack on a market in Lokichar. Prosecutors said the men hid a bomb under a fruit stall on May 2, 2019, "
    "and set it off at noon."
)


def test_a_year_in_front_of_the_act_dates_it(resources: Resources) -> None:
    """ "over the 2019 bombing": the act is dated 2019, not on the day of the article or of the trial."""
    text = "A court in Lodwar on Monday jailed two men over the 2019 bombing of a market in Lokichar."
    bombing = next(e for e in events(resources, text) if e.event_type == "ASSAULT")
    assert bombing.date.start.year == 2019
    assert not bombing.date.fallback


def test_a_past_incident_retold_is_one_event(resources: Resources) -> None:
    """A trial story tells its past attack in the headline and again in the body: one event, dated on the
    day the body gives, not on the day of the trial."""
    violent = [e for e in events(resources, TRIAL) if e.event_type == "ASSAULT"]
    assert len(violent) == 1
    assert violent[0].evidence.mentions
    assert str(violent[0].date.start) == "2019-05-02"


HEADLINE = (
    "Gunmen kill five in overnight raid on Kaduna village\n\n"
    "KADUNA, Nigeria, Sept 12 - Gunmen killed five farmers in a raid on the village of Kauru in Kaduna state "
    "late on Monday, police said on Thursday.\n\n"
    "The attackers escaped on motorcycles."
)


def test_a_headline_and_its_lead_are_one_incident(resources: Resources) -> None:
    """The headline's "overnight" is timed by the publication; the lead's "late on Monday" dates the one
    incident both tell."""
    violent = [e for e in events(resources, HEADLINE) if e.event_type == "ASSAULT"]
    assert len(violent) == 1
    assert str(violent[0].date.start) == "2024-09-09"


def test_weapons_recovered_in_an_attack_are_part_of_it(resources: Resources) -> None:
    """Rifles recovered by troops who repelled an attack are no seizure of their own."""
    text = (
        "Militants attacked an army post near Diffa on Sunday, killing two soldiers. The troops repelled the "
        "assault and recovered several rifles and a machine gun, the army said."
    )
    found = events(resources, text)
    assert [e.acled_sub_event_type for e in found] == ["Armed clash"]
    assert found[0].evidence.mentions


def test_a_seizure_told_on_its_own_stays_an_event(resources: Resources) -> None:
    """With no operation told before it, the seizure is the event."""
    text = "Police seized six rifles and a box of grenades from a house in Diffa on Sunday, the army said."
    assert [e.acled_sub_event_type for e in events(resources, text)] == ["Disrupted weapons use"]


@pytest.mark.parametrize(
    "phrase",
    [
        "A fifth defendant, accused of hiding the guns in a barn, was given three years.",
        "Then the soldiers drove off, said a shopkeeper who asked not to be named.",
        "The sheriff urged anyone with information to come forward.",
        "This brutal attack on our nurses will not go unpunished, the governor said.",
        "The mayor said assaults on health workers would not be tolerated.",
    ],
)
def test_set_phrases_that_name_an_act_tell_none(resources: Resources, phrase: str) -> None:
    """A defendant "accused of", a source's wish for anonymity, an appeal for witnesses and a vow that an
    act "will not go unpunished" add no event to the incident they follow."""
    found = events(resources, INCIDENT + phrase)
    assert [e.evidence.trigger.text for e in found] == ["killed"]


@pytest.mark.parametrize(
    "text",
    [
        "The minister accused the rebels of shelling the town of Kobe on Monday.",
        "The UN envoy urged both sides to stop the fighting around Kadugli.",
    ],
)
def test_accusations_and_appeals_between_parties_stay_events(resources: Resources, text: str) -> None:
    """An accusation made and an appeal to the parties are acts of their own."""
    assert events(resources, text)


def test_a_weapon_found_is_not_a_weapon_used(resources: Resources) -> None:
    """ "a grenade was seized from his house": no grenade attack; the attack told before stays one event."""
    text = (
        "A man threw a grenade at a bar in Cotabato on Friday, wounding six people, police said. "
        "A second grenade was seized from his house."
    )
    violent = [e for e in events(resources, text) if e.event_type == "ASSAULT"]
    assert len(violent) == 1


@pytest.mark.parametrize(
    "follow_up",
    [
        "Three other passengers were wounded.",
        "The army said in a statement that its soldiers did not attack the convoy.",
    ],
)
def test_more_victims_and_a_denial_are_mentions_of_the_incident(resources: Resources, follow_up: str) -> None:
    """ "two other passengers were wounded" counts more victims of the same attack ("other" sets apart an
    act only right before it: "other attacks"); a party's "did not attack" is a denial of the incident."""
    text = "Gunmen attacked a bus carrying traders near Maiduguri on Sunday, police said. " + follow_up
    violent = [e for e in events(resources, text) if e.event_type == "ASSAULT"]
    assert len(violent) == 1
    assert violent[0].evidence.mentions


@pytest.mark.parametrize(
    "background",
    [
        "Relatives of the kidnapped farmers are still waiting for news.",
        "The families of the two nurses abducted in March are still waiting for news.",
        "The bandits continue to stage raids on villages across the state.",
    ],
)
def test_a_captives_state_and_an_ongoing_habit_are_no_event(resources: Resources, background: str) -> None:
    """ "the kidnapped farmers" tells the captives' state, not their abduction; "continue to stage raids" is a
    habit: neither is an incident beside the one the story tells."""
    found = events(resources, INCIDENT + background)
    assert [e.evidence.trigger.text for e in found] == ["killed"]


CURFEW = "The governor imposed a curfew on the state on Sunday. "


@pytest.mark.parametrize(
    "background",
    [
        "The gang is thought to have had a hand in most of the murders of union leaders in the region.",
        "Its leaders went into hiding after a series of assassinations blamed on their gunmen.",
        "Rights groups want the officers responsible for political murders to stand trial.",
        "Residents say the town has long had to face bombs and threats.",
        "The commission must try officers responsible for political murders and cut the army to the size it "
        "had in 1998.",
        "The police chief called the recent terrorist attacks isolated events that are under control.",
        "The bishop warned against the anarchy that destroys nations and the gangs who kidnap traders.",
        "The president said the rebels' morale must have collapsed after the offensive.",
    ],
)
def test_acts_named_as_a_set_or_a_kind_are_no_event(resources: Resources, background: str) -> None:
    """ "most of the murders", "a series of assassinations" count acts as a set; "political murders" and
    "bombs" with no article, number, place, name or date of their own name a kind of act; a present-tense
    relative clause ("gangs who kidnap traders") characterizes its noun: none of them is an incident beside
    what the story tells."""
    found = events(resources, CURFEW + background)
    assert [e.evidence.trigger.text for e in found] == ["imposed a curfew"]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Clashes broke out between herders and farmers in Benue, police said.", "Clashes"),
        ("Troops repelled attacks on two army posts near Maiduguri, the army said.", "attacks"),
        ("The insurgents hit the convoy with grenades near Mosul, a local official said.", "grenades"),
        ("Rebels carried out attacks on police posts on Monday, the army said.", "attacks"),
        ("Troops repelled the recent attacks on police posts in Kaduna, the army said.", "attacks"),
        ("The rebel offensive left nine civilians wounded, the army said.", "offensive"),
    ],
)
def test_bare_plural_acts_that_are_told_stay_events(resources: Resources, text: str, trigger: str) -> None:
    """A bare plural that is the subject of the telling ("clashes broke out"), has a number or place of its
    own ("attacks on two army posts") or is the means of a told act ("with grenades") is an incident, kept
    beside another event the article tells."""
    found = events(resources, CURFEW + text)
    assert any(e.event_type != "ASSAULT" for e in found)
    violent = [e for e in found if e.event_type == "ASSAULT"]
    assert trigger in [e.evidence.trigger.text for e in violent]


def test_an_act_told_hours_later_is_another_incident(resources: Resources) -> None:
    """ "Hours later, gunmen shot dead ..." tells a second incident, not a further mention of the first."""
    text = INCIDENT + "Hours later, gunmen shot dead a teacher in the village of Zonkwa, residents said."
    violent = [e for e in events(resources, text) if e.event_type == "ASSAULT"]
    assert len(violent) == 2


def test_a_sentence_passed_is_an_event_beside_the_act_it_judges(resources: Resources) -> None:
    """ "A court sentenced two men for the 2019 bombing": the sentencing is an act of coercion of its own,
    and the bombing it judges is still read from the same sentence."""
    text = (
        "A court in Mombasa on Monday sentenced two men to life in prison for a 2019 bombing of a bus "
        "station in Lamu."
    )
    found = events(resources, text)
    assert sorted(e.event_type for e in found) == ["ASSAULT", "COERCE"]
    bombing = next(e for e in found if e.event_type == "ASSAULT")
    assert bombing.date.start.year == 2019


@pytest.mark.parametrize(
    "text",
    [
        "Mourners gathered in Kumasi on Sunday to remember the victims of the 2011 bus bombing.",
        "The court heard that the gunmen shot dead three guards in Mombasa in March 2023.",
    ],
)
def test_an_act_the_text_dates_long_ago_is_historical(resources: Resources, text: str) -> None:
    old = [e for e in events(resources, text) if e.event_type == "ASSAULT"]
    assert old and all(e.mode == "historical" for e in old)
    assert all(e.date is not None and e.date.text and e.date.end.year < PUBLISHED.year for e in old)


def test_a_recent_act_and_an_undated_snippet_stay_asserted(resources: Resources) -> None:
    recent = events(resources, "Gunmen shot dead three guards in Mombasa on 2 September, police said.")
    assert [e.mode for e in recent if e.event_type == "ASSAULT"] == ["asserted"]
    snippet = Article(id="s", text="Gunmen shot dead three guards in Mombasa in March 2023.")
    told = extract(snippet, resources, ingested_at=PUBLISHED).events  # no publication date to judge by
    assert [e.mode for e in told if e.event_type == "ASSAULT"] == ["asserted"]


def test_a_stale_event_takes_the_historical_confidence_factor() -> None:
    from conflict_events.core.modes import STALE_DAYS, mark_stale

    article = Article(id="m", text="Gunmen shot dead three guards in Mombasa on 2 September 2024.")
    (event,) = extract(article, load_resources(), ingested_at=PUBLISHED).events
    later = datetime(2024, 9, 2, tzinfo=UTC) + timedelta(days=STALE_DAYS + 2)
    marked = mark_stale(event, later, "published_at")
    assert marked.mode == "historical" and marked.confidence < event.confidence
    assert mark_stale(event, later, "ingested_at") is event
    assert mark_stale(event, datetime(2024, 9, 20, tzinfo=UTC), "published_at") is event


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers said on Monday the hunt for the 25 kidnapped farm workers went on near Tsafe.",
        "Families of the pupils abducted from the boarding school met the governor in Birnin Kebbi.",
        "Elders are negotiating the release of travellers seized on the highway, a local chief said.",
    ],
)
def test_people_an_act_befell_named_in_a_search_or_by_their_relatives_refer_back(
    resources: Resources, text: str
) -> None:
    """The search for, release or relatives of "the kidnapped pupils" is no new abduction of today."""
    referred = [e for e in events(resources, text) if e.event_type == "ASSAULT"]
    assert all(e.mode == "historical" for e in referred), [(e.summary, e.mode) for e in referred]


def test_an_act_told_as_news_is_not_a_reference(resources: Resources) -> None:
    told = events(resources, "Gunmen kidnapped 25 farm workers near Tsafe on Monday, police said.")
    assert [e.mode for e in told if e.event_type == "ASSAULT"] == ["asserted"]


def test_a_charge_over_an_old_attack_is_its_own_event_and_names_the_source(resources: Resources) -> None:
    text = "Prosecutors in Kampala on Tuesday charged four men over the 2019 bus bombing that killed nine."
    found = events(resources, text)
    charge = [e for e in found if e.event_type == "ACCUSE"]
    bombing = [e for e in found if e.event_type == "ASSAULT"]
    assert len(charge) == 1 and len(bombing) == 1, [e.summary for e in found]
    assert [a.text for a in bombing[0].actors if a.role == "source"] == ["four men"]
    assert bombing[0].mode == "historical"
    assert bombing[0].date is not None and bombing[0].date.start.year == 2019


def test_a_witness_quoted_on_the_attackers_is_not_their_source(resources: Resources) -> None:
    text = (
        "Gunmen stormed a wedding in Gidan Bawa on Saturday, killing seven guests. "
        '"They fired at anyone who moved," said Hauwa Sani, a guest who survived.'
    )
    sources = {a.text for e in events(resources, text) for a in e.actors if a.role == "source"}
    assert "Hauwa Sani" not in sources


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("Kenya is nervous about a wave of attacks on police posts near the border.", None),
        ("The militia was responsible for the massacre of 40 villagers in Djugu.", "The militia"),
    ],
)
def test_who_feels_about_an_act_is_not_its_author(
    resources: Resources, text: str, author: str | None
) -> None:
    (event,) = [e for e in events(resources, text) if e.event_type == "ASSAULT"]
    named = [a.text for a in event.actors if a.role == "source" and a.text]
    assert named == ([author] if author else [])
