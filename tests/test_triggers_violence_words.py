"""Words of violence and what they report: blowing up a structure is an explosive attack and burning
vehicles, homes or shops is property destruction; a figurative explosion, explosives found, agent nouns that
name people ("the kidnappers") and acts named in a demand that they stop report no incident.

Every example here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from conflict_events.contracts import Article
from conflict_events.core.pipeline import extract
from conflict_events.resources import Resources

PUBLISHED = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)



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
    ("text", "sub_type"),
    [
        ("Militiamen burned dozens of homes in the village of Mbau.", "Looting/property destruction"),
        ("Rioters torched three police stations in the city overnight.", "Mob violence"),
    ],
)
def test_burning_homes_or_vehicles_destroys_property(resources: Resources, text: str, sub_type: str) -> None:
    """An armed group's burning is property destruction; rioters' burning is a riot (ACLED mob violence)."""
    assert ("ASSAULT", sub_type) in codes(resources, text)


@pytest.mark.parametrize(
    "text",
    ["The merger talks blew up at the last minute.", "He burned the old letters in the garden."],
)
def test_the_same_verbs_without_a_target_structure_are_no_event(resources: Resources, text: str) -> None:
    assert codes(resources, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The election brought an explosion of joy to the streets of the capital.",
        "Analysts describe an explosion of anger on social media after the vote.",
        "A bitter political confrontation exploded in Lima when the senate voted to hold a referendum.",
        "The row over the budget finally exploded in parliament on Tuesday.",
    ],
)
def test_a_figurative_explosion_is_no_attack(resources: Resources, text: str) -> None:
    assert not any(event_type == "ASSAULT" for event_type, _ in codes(resources, text))


def test_a_bomb_that_explodes_amid_tension_is_an_attack(resources: Resources) -> None:
    """Only an abstract subject makes "exploded" figurative: a bomb named after it is still the explosive."""
    found = codes(resources, "Tension rose as a bomb exploded at the market in Kirkuk on Monday.")
    assert ("ASSAULT", "Remote explosive/landmine/IED") in found


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
        "The bishop said the killings of peasants in the valley must stop.",
        "Torture and abductions of activists should end, the rights group said.",
    ],
)
def test_acts_named_in_a_demand_that_they_stop_are_no_incident(resources: Resources, text: str) -> None:
    found = codes(resources, text)
    assert not any(event_type == "ASSAULT" for event_type, _ in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen stopped a bus near Mandera and killed 12 passengers.",
        "The shelling of the port stopped at dawn after troops fired on the town overnight.",
    ],
)
def test_stopping_told_as_an_act_is_no_demand(resources: Resources, text: str) -> None:
    told = codes(resources, text)
    assert any(event_type == "ASSAULT" for event_type, _ in told)


@pytest.mark.parametrize(
    "text",
    [
        "Troops seized 40 kg of cocaine, 3 pistols, 200 rounds of ammunition and a grenade at a roadblock.",
        "POLICE CONFISCATED 2 SUBMACHINEGUNS, 4 RIFLES AND 300 CARTRIDGES IN A RAID ON A HOUSE IN CALI.",
    ],
)
def test_a_list_of_seized_arms_is_one_seizure(resources: Resources, text: str) -> None:
    """Arms listed with their counts after 'seized' are what was seized, not weapons used."""
    assert codes(resources, text) == [("COERCE", "Disrupted weapons use")]


def test_found_guilty_of_planting_a_device_is_no_seizure(resources: Resources) -> None:
    """'Found guilty of planting a remote-controlled device' is a verdict, not explosives found."""
    found = codes(resources, "A court found him guilty of planting a remote-controlled device on a bus.")
    assert ("COERCE", "Disrupted weapons use") not in found


def test_wounded_in_combat_is_a_clash(resources: Resources) -> None:
    """A soldier 'wounded in combat' was hurt in a fight between armed sides, not in an attack."""
    found = codes(resources, "A corporal who was wounded in combat near Tumaco has been flown to a hospital.")
    assert found == [("ASSAULT", "Armed clash")]


@pytest.mark.parametrize(
    "text",
    [
        "The army said the cargo plane was carrying 24 surface-to-air missiles when it crashed near Leon.",
        "Customs officers said the smugglers had bought rifles and grenades in a border town.",
    ],
)
def test_weapons_carried_or_traded_are_no_attack(resources: Resources, text: str) -> None:
    """Missiles a plane carries and grenades smugglers bought are cargo, not weapons used."""
    assert not any(event_type == "ASSAULT" for event_type, _ in codes(resources, text))


def test_carried_out_bombings_are_still_attacks(resources: Resources) -> None:
    """'Carried out bomb attacks' is doing, not holding."""
    found = codes(resources, "Militants carried out two bomb attacks on markets in Maiduguri on Friday.")
    assert found and found[0][0] == "ASSAULT"


@pytest.mark.parametrize(
    "text",
    [
        "The bar association called the decree an attack on the judicial branch.",
        "Smuggling constitutes an attack against our homeland, the minister said.",
    ],
)
def test_an_attack_on_an_institution_or_value_is_figurative(resources: Resources, text: str) -> None:
    """An 'attack' on the judiciary or the homeland by a decree or a trade is a figure of speech."""
    assert not any(event_type == "ASSAULT" for event_type, _ in codes(resources, text))


def test_acts_deep_inside_a_demand_to_stop_are_no_incident(resources: Resources) -> None:
    """'Cease the attacks on the press in the form of assassinations': the assassinations are a practice."""
    text = (
        "The union demanded that the army cease the attacks on freedom of the press in the form of "
        "assassinations."
    )
    assert not any(event_type == "ASSAULT" for event_type, _ in codes(resources, text))


def test_acts_named_as_charges_are_no_incident(resources: Resources) -> None:
    """'Tried on charges of murder, kidnapping and drug trafficking' names legal categories, not acts; the
    accused is no victim of them."""
    text = "The suspect was extradited from Colombia to be tried on charges of murder and kidnapping."
    assert not any(event_type == "ASSAULT" for event_type, _ in codes(resources, text))


def test_the_reporting_police_are_no_side_of_the_attack(resources: Resources) -> None:
    """'Gunmen attacked a hotel, killing three guests, police said': the police report the attack; they did
    not fight in it, so it is an attack, not a clash."""
    text = "Gunmen attacked a hotel in Mogadishu on Sunday, killing three guests, police said."
    assert codes(resources, text) == [("ASSAULT", "Attack")]


@pytest.mark.parametrize(
    "text",
    [
        "The minister blamed the chaos his team found in the ministries when they took over. Little worked.",
        "The colonel took over as head of the garrison in May.",
        "A new board took over the management of the port authority.",
    ],
)
def test_taking_over_an_office_is_no_capture(resources: Resources, text: str) -> None:
    """ "when we took over", "took over as head", "took over the management": an office changes hands, no
    territory does."""
    assert not any(sub and "territory" in sub for _, sub in codes(resources, text))


@pytest.mark.parametrize(
    "text",
    ["Jihadists took over Kidal on Monday, residents said.", "Rebels took over the town of Pibor overnight."],
)
def test_taking_over_a_place_is_a_capture(resources: Resources, text: str) -> None:
    assert any(sub and "territory" in sub for _, sub in codes(resources, text))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Fleeing police, the gunman took a group of nurses as hostages inside the clinic in Goma.",
            "took a group of nurses as hostages",
        ),
        ("The rebels have held three aid workers hostage near Kidal.", "held three aid workers hostage"),
    ],
)
def test_taking_people_as_hostages_is_an_abduction(resources: Resources, text: str, words: str) -> None:
    """Hostage-taking told with the captives between the verb and "hostage(s)" is one abduction phrase (the
    captives are inside the act's words, not left to a bare "hostages")."""
    article = Article(id="p", text=text, published_at=PUBLISHED)
    found = [(e.evidence.trigger.text, e.acled_sub_event_type) for e in extract(article, resources).events]
    assert found == [(words, "Abduction/forced disappearance")]


@pytest.mark.parametrize(
    "text",
    [
        "Officials said 155 rifles, 45 pistols, 9,000 rounds and 126 grenades were smuggled in last year.",
        "The army said 126 grenades and 45 pistols were brought into the country by the rebels last year.",
        "The government refuses safe-conduct to anyone who has been charged with murder.",
        "The minister called corruption more dangerous than the atomic bomb.",
        "Slums ringing the capital are a ticking time bomb, the mayor warned.",
    ],
)
def test_weapons_moved_charges_and_comparisons_are_no_attack(resources: Resources, text: str) -> None:
    """Weapons brought or smuggled in are cargo, "charged with murder" names a charge, and an atomic or
    ticking time bomb in a comparison is a figure of speech: none tells an attack."""
    assert not any(event_type == "ASSAULT" for event_type, _ in codes(resources, text))


@pytest.mark.parametrize(
    "text",
    [
        "The raids are part of the government's offensive against drug trafficking.",
        "The president vowed to press on with the war on corruption.",
        "The party proved unable to do battle using ideas rather than violence.",
        "She fought with words and arguments for the rights of the displaced.",
    ],
)
def test_a_campaign_against_a_social_ill_is_no_attack(resources: Resources, text: str) -> None:
    """An offensive, war or crackdown on drug trafficking, crime or corruption names a policy, no attack."""
    assert not any(event_type == "ASSAULT" for event_type, _ in codes(resources, text))


def test_an_offensive_against_positions_is_fighting(resources: Resources) -> None:
    found = codes(resources, "The army launched an offensive against rebel positions near Gao on Monday.")
    assert ("ASSAULT", "Armed clash") in found
