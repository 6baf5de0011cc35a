"""Actor roles and countries: multi-word country names, international organisations, reactions to acts."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from actor_frames import frame_actors
from conflict_events.contracts import Actor
from conflict_events.resources import EXCLUDED_COMPONENTS, SPACY_MODEL, read_lexicons

COUNTRIES = {
    "united states": "USA",
    "ivory coast": "CIV",
    "chad": "TCD",
    "niger": "NER",
    "nigerian": "NGA",
    "nigerians": "NGA",
}
LEX = read_lexicons(country_names={"USA": "United States", "CIV": "Ivory Coast", "TCD": "Chad"})


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The spaCy pipeline as the product runs it."""
    return spacy.load(SPACY_MODEL, exclude=list(EXCLUDED_COMPONENTS))


def actors_of(nlp: Language, text: str, document_country: str | None = None) -> list[Actor]:
    """The actors of the frame of ``text`` (parsed as one sentence)."""
    return frame_actors(nlp, LEX, COUNTRIES, text, document_country)


class TestCountryNames:
    """A country named by several words is found as a whole."""

    def test_two_word_country_subject_is_its_government(self, nlp: Language) -> None:
        """'The United States' names one country: no single word of it does."""
        found = actors_of(nlp, "The United States rejected the proposal.")
        assert [(a.role, a.name, a.country) for a in found] == [
            ("source", "Government of United States", "USA")
        ]

    def test_two_word_country_as_possessor_of_forces(self, nlp: Language) -> None:
        """'Ivory Coast's soldiers' are that country's forces."""
        found = actors_of(nlp, "Ivory Coast's soldiers attacked the camp.")
        assert [(a.role, a.name, a.country) for a in found][:1] == [
            ("source", "Military Forces of Ivory Coast", "CIV")
        ]

    def test_one_word_country_still_names_its_government(self, nlp: Language) -> None:
        """Runs are tried first, single words still count."""
        found = actors_of(nlp, "Chad rejected the proposal.")
        assert [(a.name, a.country) for a in found] == [("Government of Chad", "TCD")]


class TestInternationalOrganisations:
    """International organisations carry the code IGO in place of a country."""

    def test_un_peacekeepers_are_igo(self, nlp: Language) -> None:
        """'UN peacekeepers' as a source: IGO, not the document's country."""
        found = actors_of(nlp, "UN peacekeepers attacked the rebel base.", document_country="TCD")
        assert [(a.role, a.country, a.sector) for a in found][:1] == [("source", "IGO", "IGO")]

    def test_monitors_are_no_igo_country(self, nlp: Language) -> None:
        """War monitors are typed like an international body but are no organisation of states."""
        found = actors_of(nlp, "Monitors rejected the proposal.")
        assert [(a.sector, a.country) for a in found] == [("IGO", None)]


class TestNamedGroups:
    """A named armed group in front of a generic head names the actor (lexicon rows without a template)."""

    def test_group_before_fighters_is_the_group(self, nlp: Language) -> None:
        """'Taliban fighters' are the Taliban, not a rebel group of the story's country."""
        found = actors_of(nlp, "Taliban fighters stormed the checkpoint.", document_country="TCD")
        assert [(a.role, a.name, a.inter_code) for a in found][:1] == [("source", "Taliban", 2)]

    def test_group_before_rebels_as_target(self, nlp: Language) -> None:
        """'Houthi rebels' as an object: the Houthis are the target."""
        found = actors_of(nlp, "Soldiers ambushed Houthi rebels near the port.")
        assert ("target", "Houthis (Ansar Allah)") in [(a.role, a.name) for a in found]

    def test_group_before_an_event_noun_is_the_source(self, nlp: Language) -> None:
        """'The Boko Haram raid killed ...': the group in front of the act did it."""
        found = actors_of(nlp, "The Boko Haram raid killed four herders.")
        assert [(a.role, a.name) for a in found][:1] == [("source", "Boko Haram")]

    def test_surname_wagner_is_no_group(self, nlp: Language) -> None:
        """A person called Wagner is not the Wagner Group (the row needs 'group' or a force noun)."""
        found = actors_of(nlp, "Martin Wagner attacked the convoy.")
        assert "Wagner Group" not in [a.name for a in found]


class TestContentTargets:
    """Targets named inside what an act gives, demands or imposes."""

    def test_recipient_after_to_is_the_target(self, nlp: Language) -> None:
        """'sent aid to Chad': the recipient of aid is its target."""
        found = actors_of(nlp, "The United States sent food aid to Chad.")
        assert ("target", "TCD") in [(a.role, a.country) for a in found]

    def test_destination_of_violence_is_no_target(self, nlp: Language) -> None:
        """Outside cooperation and verbal acts, 'to' tells a destination: 'fled to Chad' names no target."""
        found = actors_of(nlp, "Gunmen attacked the camp and fled to Chad.")
        assert ("target", "TCD") not in [(a.role, a.country) for a in found]

    def test_subject_of_demanded_content_is_the_target(self, nlp: Language) -> None:
        """'demanded that Chad release ...': Chad is the one the demand is made of."""
        found = actors_of(nlp, "The United States demanded that Chad release the journalists.")
        assert [(a.role, a.country) for a in found] == [("source", "USA"), ("target", "TCD")]

    def test_country_after_sanctions_against_is_the_target(self, nlp: Language) -> None:
        """'imposed sanctions against Chad': the object noun of the act carries the target."""
        found = actors_of(nlp, "The United States imposed new sanctions against Chad.")
        assert [(a.role, a.country) for a in found] == [("source", "USA"), ("target", "TCD")]

    def test_proposer_of_a_rejected_plan_is_the_target(self, nlp: Language) -> None:
        """'rejected a Nigerian peace plan': the state whose plan it is is the target of the rejection."""
        found = actors_of(nlp, "Chad rejected a Nigerian peace plan.")
        assert [(a.role, a.country) for a in found] == [("source", "TCD"), ("target", "NGA")]

    def test_civilians_who_threaten_are_the_source(self, nlp: Language) -> None:
        """Civilians who speak ('villagers threatened to ...') are not victims of their own threat."""
        found = actors_of(nlp, "Villagers threatened to block the road unless Chad paid them.", "TCD")
        assert [(a.role, a.actor_type) for a in found][:1] == [("source", "Civilians")]


class TestUntypedTargets:
    """Whoever or whatever an attack or arrest befalls is its target, even with no kind in the lexicon."""

    @pytest.mark.parametrize(
        ("text", "words"),
        [
            ("Gunmen shot dead a night watchman in the square.", "a night watchman"),
            ("Bandits killed 14 on the highway.", "14"),
            ("A drone struck the bakery.", "the bakery"),
            ("The bomb killed a bus driver.", "a bus driver"),
        ],
    )
    def test_untyped_victim_is_a_target(self, nlp: Language, text: str, words: str) -> None:
        """The object of a harm verb is a target in its own words (unnamed, no country)."""
        found = actors_of(nlp, text)
        assert (words, False, None) in [(a.text, a.named, a.country) for a in found if a.role == "target"]

    def test_measure_noun_with_of_is_no_target(self, nlp: Language) -> None:
        """'seized control of the port': control is no participant."""
        found = actors_of(nlp, "Pirates seized control of the port.")
        assert [a.text for a in found if a.role == "target"] == []

    def test_sanction_object_is_no_target(self, nlp: Language) -> None:
        """'imposed new tariffs on Chad': the tariffs are the measure, Chad its target."""
        found = actors_of(nlp, "The United States imposed new sanctions on Chad.")
        assert [(a.role, a.country) for a in found if a.role == "target"] == [("target", "TCD")]

    @pytest.mark.parametrize(
        "text",
        [
            "Officials denied responsibility for the bombing.",
            "The ambush remains a puzzle to investigators.",
            "Gunmen attacked on a Sunday afternoon.",
        ],
    )
    def test_slot_of_another_verb_is_no_untyped_target(self, nlp: Language, text: str) -> None:
        """Only the act's own patient counts: not what a verb governing the act noun takes, nor a time."""
        found = actors_of(nlp, text)
        assert [a.text for a in found if a.role == "target" and a.actor_type is None] == []

    @pytest.mark.parametrize(
        ("text", "words"),
        [
            ("A rocket struck a grain silo near the border.", "a grain silo"),
            ("Soldiers hit the depot with a missile.", "the depot"),
        ],
    )
    def test_verb_an_act_noun_does_takes_the_target(self, nlp: Language, text: str, words: str) -> None:
        """The act noun as the verb's subject or instrument: the verb's object is what it befell."""
        found = actors_of(nlp, text)
        assert words in [a.text for a in found if a.role == "target"]

    def test_no_one_is_no_target(self, nlp: Language) -> None:
        """'No one was hurt': the act befell no one."""
        found = actors_of(nlp, "A bomb exploded near the bridge but no one was hurt.")
        assert [a.text for a in found if a.role == "target" and a.actor_type is None] == []

    @pytest.mark.parametrize(
        ("text", "words"),
        [
            ("A grenade was thrown at a customs office.", "a customs office"),
            ("Insurgents fired rockets at the airfield.", "the airfield"),
        ],
    )
    def test_weapon_thrown_or_fired_at_a_target(self, nlp: Language, text: str, words: str) -> None:
        """The act noun is what is thrown or fired: the 'at' object of the verb is what it befell."""
        found = actors_of(nlp, text)
        assert words in [a.text for a in found if a.role == "target"]

    def test_word_of_the_trigger_is_no_target(self, nlp: Language) -> None:
        """'opened fire': the fire is part of the act's words."""
        found = actors_of(nlp, "Guards opened fire on the crowd.")
        assert "fire" not in [a.text for a in found]


class TestPassiveAgentsOfActNouns:
    """Who did an act named by a noun, told by a passive: the agent is the source."""

    def test_participle_of_the_act_noun(self, nlp: Language) -> None:
        """'a wave of attacks carried out by armed bandits'."""
        found = actors_of(nlp, "Residents are nervous after a wave of attacks carried out by armed bandits.")
        assert ("source", "armed bandits") in [(a.role, a.text) for a in found]

    def test_passive_the_act_noun_is_raised_out_of(self, nlp: Language) -> None:
        """'the ambush is thought to have been carried out by X'."""
        found = actors_of(nlp, "The ambush is thought to have been carried out by the rebel group FNL.")
        assert "FNL: National Liberation Forces" in [a.name for a in found if a.role == "source"]


class TestPossessedUnits:
    """A unit no actor word names acts as the actor that owns it."""

    def test_militia_unit(self, nlp: Language) -> None:
        """'The militia's northern brigade detonated two bombs': the militia did."""
        found = actors_of(nlp, "The militia's northern brigade detonated two bombs in the market.")
        assert [a.text for a in found if a.role == "source"] == ["The militia"]

    def test_named_owner_the_lexicon_does_not_know(self, nlp: Language) -> None:
        """'The FLX's Madrid cell detonated two bombs': the named owner did."""
        found = actors_of(nlp, "The FLX's Madrid cell detonated two bombs.")
        assert [(a.name, a.named) for a in found if a.role == "source"] == [("FLX", True)]

    def test_pronoun_possessor_owns_nothing(self, nlp: Language) -> None:
        """'Its northern brigade': no actor from a pronoun."""
        found = actors_of(nlp, "Its northern brigade detonated two bombs in the market.")
        assert [a.named for a in found if a.role == "source"] == [False]


class TestMembersOfQuantityWords:
    """A quantity or group word names no one itself: its "of" phrase says who."""

    @pytest.mark.parametrize(
        ("text", "role", "kind"),
        [
            ("A band of gunmen opened fire on the bus.", "source", "gunmen"),
            ("Soldiers beat dozens of protesters in the square.", "target", "protesters"),
            ("Police detained two of the students overnight.", "target", "the students"),
        ],
    )
    def test_of_phrase_names_the_actor(self, nlp: Language, text: str, role: str, kind: str) -> None:
        """'a band of gunmen', 'dozens of protesters', 'two of the students'."""
        found = actors_of(nlp, text)
        assert kind in [a.text for a in found if a.role == role and a.actor_type is not None]

    def test_of_phrase_without_an_actor_gives_nothing(self, nlp: Language) -> None:
        """'seized control of the port': no one is named in the 'of' phrase either."""
        found = actors_of(nlp, "Pirates seized control of the port.")
        assert [a for a in found if a.role == "target"] == []


class TestStancePrefixes:
    """'anti-X' and 'pro-X' tell a stance toward a country, not a nationality."""

    @pytest.mark.parametrize(
        "text",
        ["An anti-Chad journalist was killed in a car bomb explosion.", "Pro-Nigerian militias attacked."],
    )
    def test_stance_word_gives_no_country(self, nlp: Language, text: str) -> None:
        found = actors_of(nlp, text)
        assert [a.country for a in found if a.span is not None] == [None]

    def test_plain_demonym_still_gives_the_country(self, nlp: Language) -> None:
        found = actors_of(nlp, "Nigerian militias attacked.")
        assert [a.country for a in found if a.span is not None] == ["NGA"]


class TestFurtherPatients:
    """Victims told by the act's further verbs or by 'including'."""

    def test_conjoined_verb_object(self, nlp: Language) -> None:
        """'killing 16 people and injuring more than 40 others': the others are targets too."""
        found = actors_of(nlp, "The depot was hit by a shell, killing 16 people and injuring 40 others.")
        assert "40 others" in [a.text for a in found if a.role == "target"]

    def test_relative_clause_of_the_act(self, nlp: Language) -> None:
        """'an attack at the Blue cafe which killed 9 people and wounded 30'."""
        text = "The bombing was an attack at the Blue cafe in Toledo which killed 9 people and wounded 30."
        found = actors_of(nlp, text)
        assert {"9 people", "30"} <= {a.text for a in found if a.role == "target"}

    def test_including_names_the_detained(self, nlp: Language) -> None:
        """'Activists were arrested, including Ana Lopez and Marta Ruiz'."""
        found = actors_of(nlp, "Activists were arrested, including Ana Lopez, Marta Ruiz and Jon Ortiz.")
        assert {"Ana Lopez", "Marta Ruiz"} <= {a.name for a in found if a.role == "target"}

    def test_participle_clause_after_the_act(self, nlp: Language) -> None:
        """'A device exploded on Friday, wounding 13 people': the participle's object is a target."""
        found = actors_of(nlp, "A device exploded on Friday, wounding 13 people on a busy street.")
        assert "13 people" in [a.text for a in found if a.role == "target"]


class TestNationals:
    """People named by nationality alone are civilians of that country, not its state."""

    def test_plural_demonym_victims_are_civilians(self, nlp: Language) -> None:
        """'Killed three Nigerians': the victims are Nigerian civilians, so the killing is no clash."""
        found = actors_of(nlp, "Gunmen killed three Nigerians near the border on Sunday.")
        targets = [(a.country, a.actor_type, a.sector) for a in found if a.role == "target"]
        assert targets == [("NGA", "Civilians", "CVL")]

    def test_country_names_keep_their_government(self, nlp: Language) -> None:
        """A country's own name as the target is still its state ('attacked Chad')."""
        found = actors_of(nlp, "The rebels threatened Chad on Sunday.")
        assert [(a.role, a.actor_type) for a in found if a.role == "target"] == [("target", "State Forces")]

    def test_victims_of_a_harm_noun(self, nlp: Language) -> None:
        """'Responsible for the killing of six priests': the "of" of a harm noun names its victims."""
        found = actors_of(nlp, "Army officers are responsible for the killing of six priests.")
        assert [a.text for a in found if a.role == "target"] == ["six priests"]

    def test_the_noun_a_content_clause_tells_is_no_victim(self, nlp: Language) -> None:
        """ "the ministry's report that army officers are responsible for the killing of six priests": the
        report (and the ministry owning it) is what tells the act, not what the act befell."""
        text = "He cited the ministry's report that officers are responsible for the killing of six priests."
        found = actors_of(nlp, text)
        assert [a.text for a in found if a.role == "target"] == ["six priests"]

    def test_what_an_act_shows_or_sparks_is_no_victim(self, nlp: Language) -> None:
        """ "the murder of three reporters shows the nature of the army": the army is what the murder reveals
        (and "sparked anger among traders" names who reacted), not whom it befell."""
        found = actors_of(nlp, "The murder of three reporters shows the brutal nature of the army.")
        assert [a.text for a in found if a.role == "target"] == ["three reporters"]

    def test_participle_describing_victims_still_names_them(self, nlp: Language) -> None:
        """ "the nine villagers shot by gunmen": the noun a participle describes is what the act befell."""
        found = actors_of(nlp, "A clinic treated the nine villagers shot by gunmen near Zonkwa.")
        assert "the nine villagers" in [a.text for a in found if a.role == "target"]

    def test_guests_and_worshippers_are_civilians(self, nlp: Language) -> None:
        """Hotel guests hit by an attack are civilians."""
        found = actors_of(nlp, "Gunmen killed five guests at a hotel.")
        people = {a.text: a.actor_type for a in found if a.role == "target" and a.text != "a hotel"}
        assert people == {"five guests": "Civilians"}
