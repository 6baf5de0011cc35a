"""Actor countries (issue 12): demonyms, titles, international bodies, appositives, demands and owners."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from actor_frames import frame_actors
from conflict_events.contracts import Actor
from conflict_events.resources import EXCLUDED_COMPONENTS, SPACY_MODEL, read_lexicons

COUNTRIES = {
    "greek": "GRC",
    "turkish": "TUR",
    "jordan": "JOR",
    "kenya": "KEN",
    "chile": "CHL",
    "sudan": "SDN",
    "myanmar": "MMR",
    "dutch": "NLD",
    "syria": "SYR",
    "tunisia": "TUN",
    "ethiopian": "ETH",
    "eritrean": "ERI",
    "colombian": "COL",
    "peru": "PER",
}
NAMES = {
    "GRC": "Greece",
    "TUR": "Turkey",
    "JOR": "Jordan",
    "KEN": "Kenya",
    "CHL": "Chile",
    "SDN": "Sudan",
    "MMR": "Myanmar",
    "NLD": "Netherlands",
    "SYR": "Syria",
    "TUN": "Tunisia",
    "ETH": "Ethiopia",
    "ERI": "Eritrea",
    "COL": "Colombia",
    "PER": "Peru",
}
LEX = read_lexicons(country_names=NAMES)


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The spaCy pipeline as the product runs it."""
    return spacy.load(SPACY_MODEL, exclude=list(EXCLUDED_COMPONENTS))


def actors_of(nlp: Language, text: str, document_country: str | None = None) -> list[Actor]:
    """The actors of the frame of ``text`` (parsed as one sentence)."""
    return frame_actors(nlp, LEX, COUNTRIES, text, document_country)


def codes(actors: list[Actor], role: str) -> set[str | None]:
    """The countries of the actors in one role."""
    return {a.country for a in actors if a.role == role}


class TestDemonymHeads:
    """A demonym in front of a head word the lexicon knows gives the actor its country."""

    def test_conjoined_demonyms_on_warships_are_two_navies(self, nlp: Language) -> None:
        """'Greek and Turkish warships': each demonym names one country's forces."""
        found = actors_of(nlp, "Greek and Turkish warships shelled the island.")
        assert codes(found, "source") == {"GRC", "TUR"}
        assert {a.name for a in found if a.role == "source"} == {
            "Military Forces of Greece",
            "Military Forces of Turkey",
        }

    def test_possessed_title_is_the_state(self, nlp: Language) -> None:
        """'Jordan's king' is the government of Jordan, not its forces."""
        found = actors_of(nlp, "Jordan's king accused Syria of arming the militants.")
        source = [a for a in found if a.role == "source"]
        assert [(a.name, a.country) for a in source] == [("Government of Jordan", "JOR")]

    def test_high_court_is_an_organ_of_the_state(self, nlp: Language) -> None:
        """'Kenya's high court' acts for Kenya's state."""
        found = actors_of(nlp, "Kenya's high court rejected the appeal of the opposition.")
        source = [a for a in found if a.role == "source"]
        assert [(a.name, a.country) for a in source] == [("Government of Kenya", "KEN")]

    def test_armed_kind_is_not_taken_over_by_a_militia_word(self, nlp: Language) -> None:
        """'paramilitary troops' stay the state's troops: only offices take the kind of a body in front."""
        found = actors_of(nlp, "Colombian paramilitary troops attacked the village.")
        assert [(a.name, a.country) for a in found if a.role == "source"] == [
            ("Military Forces of Colombia", "COL")
        ]

    def test_office_of_a_rebel_group_is_the_group(self, nlp: Language) -> None:
        """'the rebel spokesman' speaks for the rebels, not for a government."""
        found = actors_of(nlp, "The rebel spokesman threatened to attack the capital.")
        assert [a.name for a in found if a.role == "source"] == ["Rebel Groups"]


class TestInternationalBodies:
    """International bodies carry the code IGO in place of a country."""

    def test_named_organisation(self, nlp: Language) -> None:
        """'Amnesty International' is an international body."""
        found = actors_of(nlp, "Amnesty International accused Chile of torturing prisoners.")
        assert codes(found, "source") == {"IGO"}
        assert codes(found, "target") == {"CHL"}

    def test_official_titled_by_the_body(self, nlp: Language) -> None:
        """'UN envoy Jan Kowalski' is the body's person, and carries its code."""
        found = actors_of(nlp, "UN envoy Jan Kowalski criticised Sudan for the blockade.")
        assert codes(found, "source") == {"IGO"}

    def test_ministers_of_a_union_are_the_union(self, nlp: Language) -> None:
        """'ASEAN foreign ministers' act for ASEAN, not for a country named later in the sentence."""
        found = actors_of(nlp, "ASEAN foreign ministers demanded that Myanmar release the prisoners.")
        assert codes(found, "source") == {"IGO"}

    def test_name_drops_the_article(self, nlp: Language) -> None:
        """'the Security Council' is named 'Security Council'."""
        found = actors_of(nlp, "The Security Council condemned Sudan for the attacks.")
        assert [a.name for a in found if a.country == "IGO"] == ["Security Council"]

    def test_hyphenated_body_does_not_own_the_head(self, nlp: Language) -> None:
        """A 'UN-backed government' is a government, not the UN."""
        found = actors_of(nlp, "The UN-backed government attacked the rebels.")
        assert codes(found, "source") == {None}


class TestAppositives:
    """A named person's appositive says whose the person is."""

    def test_country_in_the_appositive(self, nlp: Language) -> None:
        """'Ahmed Karim, Tunisia's best-known rights lawyer' is Tunisian."""
        found = actors_of(nlp, "Ahmed Karim, Tunisia's best-known rights lawyer, began a hunger strike.")
        assert codes(found, "source") == {"TUN"}

    def test_international_office_in_the_appositive(self, nlp: Language) -> None:
        """'Maria Lind, the UN secretary-general' speaks for the UN."""
        found = actors_of(nlp, "Peru rejected calls by Maria Lind, UN secretary-general, to adopt reforms.")
        assert codes(found, "target") == {"IGO"}


class TestReportedDemands:
    """'X said Y must act': X demands, Y is asked."""

    def test_speaker_demands_of_the_clause_subject(self, nlp: Language) -> None:
        """The minister is the source of the demand; Syria, who must act, its target."""
        found = actors_of(nlp, "A senior Dutch minister reiterated that Syria must hand over the suspects.")
        assert codes(found, "source") == {"NLD"}
        assert codes(found, "target") == {"SYR"}


class TestOwners:
    """A target thing with a demonym in front belongs to that country."""

    def test_demonym_on_a_target_thing(self, nlp: Language) -> None:
        """'Eritrean homes' are Eritrea's: the owner is unnamed but carries the country."""
        found = actors_of(nlp, "Ethiopian soldiers demolished Eritrean homes near the border.")
        assert codes(found, "source") == {"ETH"}
        owners = [a for a in found if a.role == "target"]
        assert [(a.country, a.named) for a in owners] == [("ERI", False)]

    def test_owner_words_are_the_whole_phrase(self, nlp: Language) -> None:
        """'an Eritrean district commissioner' was hit: the words are the phrase, the country Eritrea's."""
        found = actors_of(nlp, "Gunmen shot dead an Eritrean district commissioner on Friday.")
        assert [(a.text, a.country) for a in found if a.role == "target"] == [
            ("an Eritrean district commissioner", "ERI")
        ]


class TestReportedSelf:
    """'X said it/they would act': the pronoun is the speaker, who is the act's source."""

    def test_body_announcing_its_own_act(self, nlp: Language) -> None:
        """'NATO confirmed it would tighten the blockade': NATO blockades."""
        found = actors_of(nlp, "NATO confirmed on Friday it would tighten the blockade of Syria.")
        assert codes(found, "source") == {"IGO"}

    def test_group_announcing_its_own_act(self, nlp: Language) -> None:
        """'Dutch farmers said they would blockade the capital': the farmers are the source."""
        found = actors_of(nlp, "Angry Dutch farmers said they would blockade the capital.")
        assert codes(found, "source") == {"NLD"}


class TestNamedGroups:
    """A lexicon row that names one organisation carries its home state (the optional country column)."""

    def test_leading_article_and_abbreviation(self, nlp: Language) -> None:
        """'The Shining Path' is Peru's; the article in front does not block the lexicon hit."""
        found = actors_of(nlp, "The Shining Path rejected the government's peace offer on Monday.")
        assert [(a.name, a.country) for a in found if a.role == "source"] == [("Shining Path", "PER")]

    def test_group_in_front_of_fighters(self, nlp: Language) -> None:
        """'FARC guerrillas' are the FARC, Colombia's, not a rebel group of the story's country."""
        found = actors_of(nlp, "FARC guerrillas kidnapped two engineers near the dam.", "PER")
        assert codes(found, "source") == {"COL"}

    def test_home_state_wins_over_a_backer(self, nlp: Language) -> None:
        """'Iranian-backed Hezbollah' is Lebanon's, not Iran's."""
        found = actors_of(nlp, "Iranian-backed Hezbollah fired rockets at an army post.")
        assert codes(found, "source") == {"LBN"}

    def test_short_abbreviation_is_case_sensitive(self) -> None:
        """'IRA' names the Irish Republican Army; the given name 'Ira' names no group."""
        assert LEX.actors.regex.search("the IRA claimed it") is not None
        assert LEX.actors.regex.search("Ira Goldman wrote") is None

    def test_every_group_row_has_a_known_home_state_code(self) -> None:
        """A country, where given, is three capital letters, and only rows naming one group carry one."""
        rows = [r for r in LEX.actors.rules if r.country is not None]
        assert len(rows) >= 60
        assert all(len(r.country or "") == 3 and (r.country or "").isupper() for r in rows)
        assert all("{" not in r.name for r in rows)


def _context_actors(nlp: Language, text: str, places: dict[str, str]) -> list[Actor]:
    """The frame's actors after the sentence-context stage: ``places`` maps place words in ``text`` to their
    country, standing in for the gazetteer's mentions."""
    from conflict_events.core.actors.context import (
        PlaceWords,
        ethnic_countries,
        place_targets,
        protest_targets,
        titled_countries,
    )
    from conflict_events.core.actors.find import ActorContext
    from conflict_events.core.frames import select_frame
    from conflict_events.core.text.document import Sentence
    from conflict_events.core.text.triggers import find_triggers

    found = actors_of(nlp, text)
    doc = nlp(text)
    sentence = Sentence(0, len(text), 0, 0, False)
    frame = select_frame(doc, sentence, find_triggers(text, sentence, LEX.triggers), LEX.event_types)
    assert frame is not None
    words = [PlaceWords(text.index(w), text.index(w) + len(w), w, c) for w, c in places.items()]

    def lookup(word: str) -> str | None:
        return COUNTRIES.get(word.lower())

    ctx = ActorContext(LEX.actors, lookup, LEX.country_names, None, LEX.triggers.regex)
    facts = LEX.event_types[frame.event_type]
    with_places = place_targets(doc, frame.token_i, facts, 0, words, found, LEX.country_names)
    with_states = protest_targets(doc, frame.token_i, facts, 0, text, with_places, ctx)
    placed = ethnic_countries(doc, 0, words, with_states, ctx)
    return list(titled_countries(doc, words, placed, ctx))


class TestPlaceTargets:
    """A state or place in a prepositional argument of the act is its target state (CAMEO/PLOVER)."""

    def test_aid_to_a_state(self, nlp: Language) -> None:
        """'halted aid to Chile': Chile is the target of the sanction."""
        found = _context_actors(nlp, "Greece halted economic aid to Chile on Friday.", {"Chile": "CHL"})
        assert codes(found, "target") == {"CHL"}

    def test_town_stands_for_its_country(self, nlp: Language) -> None:
        """'a curfew in the town of X': the town's country is the target."""
        text = "Turkish police imposed a curfew in the town of Silopi after the riots."
        found = _context_actors(nlp, text, {"Silopi": "TUR"})
        assert codes(found, "target") == {"TUR"}

    def test_no_place_target_when_a_target_has_a_country(self, nlp: Language) -> None:
        """A target that already has a country is not joined by the place of the act."""
        text = "Syrian troops shelled Turkish positions in the town of Silopi."
        found = _context_actors(nlp, text, {"Silopi": "IRQ"})
        assert codes(found, "target") == {"TUR"}

    def test_the_place_of_an_attack_is_no_target(self, nlp: Language) -> None:
        """'shelled a camp in the town of X': the town is where the attack happened, not a state hit."""
        text = "Militants shelled a camp in the town of Silopi."
        found = _context_actors(nlp, text, {"Silopi": "TUR"})
        assert "TUR" not in codes(found, "target")


    def test_the_table_says_which_acts_take_place_targets(self) -> None:
        """Attacks and deployments name where they happen; sanctions and aid name the state they reach."""
        types = LEX.event_types
        assert not types["ASSAULT"].place_target and not types["MOBILIZE"].place_target
        assert types["SANCTION"].place_target and types["AID"].place_target


class TestTitleHolders:
    """A title-holder without a country takes the sentence's one evident country."""

    def test_domestic_act_gives_the_country(self, nlp: Language) -> None:
        """'President X banned the Colombian opposition': a Colombian president."""
        text = "President Ortega banned the Colombian opposition party from the vote."
        found = _context_actors(nlp, text, {})
        assert codes(found, "source") == {"COL"}
        assert all(a.confidence <= 0.45 for a in found if a.role == "source")

    def test_other_state_is_set_aside(self, nlp: Language) -> None:
        """'President X threatened action against Syria': X is not Syrian, and nothing else is named."""
        found = _context_actors(nlp, "President Karimov threatened tough action against Syria.", {})
        assert codes(found, "source") == {None}

    def test_two_countries_give_none(self, nlp: Language) -> None:
        """Two candidate countries: no guess."""
        text = "President Ortega banned Colombian and Ethiopian opposition parties from the vote."
        found = _context_actors(nlp, text, {})
        assert codes(found, "source") == {None}


class TestAllies:
    """'with X's help': X helps the act, it is not its target."""

    def test_help_of_an_ally_is_no_target(self, nlp: Language) -> None:
        found = actors_of(nlp, "Greece said it would tighten the naval blockade of Syria with Jordan's help.")
        assert "JOR" not in codes(found, "target")


class TestMediationParties:
    """'a mediation effort between X and Y': outside material conflict, both parties are targets."""

    def test_between_two_states(self, nlp: Language) -> None:
        text = "The Dutch envoy launched a mediation effort between Kenya and Chile on Monday."
        found = actors_of(nlp, text)
        assert codes(found, "target") == {"KEN", "CHL"}


class TestProtestTargets:
    """A protest's target is the state named in what it demands or opposes."""

    def test_demanded_resignation_of_a_titled_head(self, nlp: Language) -> None:
        """'to demand the resignation of Colombian President X': the president is the target."""
        text = "Angry farmers staged a hunger strike to demand the resignation of Colombian President Duarte."
        found = _context_actors(nlp, text, {})
        assert codes(found, "target") == {"COL"}

    def test_protest_against_forces(self, nlp: Language) -> None:
        """'in protest against abuses by Colombian police': the police are the target."""
        text = "Prisoners began a hunger strike in protest against abuses by Colombian police."
        found = _context_actors(nlp, text, {})
        assert "COL" in codes(found, "target")

    def test_state_without_a_written_country_is_no_target(self, nlp: Language) -> None:
        """'to demand more help from the government': whose government the sentence does not say."""
        text = "Hundreds of parents staged a hunger strike to demand more help from the government."
        found = _context_actors(nlp, text, {})
        assert [a for a in found if a.role == "target" and a.sector == "GOV"] == []

    def test_where_a_protest_marches_is_not_what_it_is_for(self, nlp: Language) -> None:
        """'marched in the capital to demand ...': 'in' counts only as 'in protest/defiance of'."""
        from conflict_events.core.actors.context import _purpose_roots

        doc = nlp("Students marched in Lima to demand reforms.")
        assert [t.lower_ for t in _purpose_roots(doc[1])] == ["demand"]


class TestCrowdedSentences:
    """A sentence naming three or more countries gives a title-holder none."""

    def test_three_countries(self, nlp: Language) -> None:
        text = "President Ortega offered to mediate between Kenya and Chile, whose ties were hurt by Peru."
        found = _context_actors(nlp, text, {})
        assert None in codes(found, "source")


class TestEthnicGroups:
    """'ethnic <demonym>' tells an origin; the state the clause places the group in is its country."""

    def test_ethnic_group_demonstrating_in_a_state(self, nlp: Language) -> None:
        text = "Hundreds of ethnic Greek villagers demonstrated on Sunday in Syria against the new law."
        found = _context_actors(nlp, text, {})
        assert codes(found, "source") == {"SYR"}

    def test_ethnic_fighters_operating_in_a_state(self, nlp: Language) -> None:
        text = "Ethnic Greek guerrillas operating in Syria rejected the peace offer."
        found = _context_actors(nlp, text, {})
        assert [(a.country, a.name) for a in found if a.role == "source"] == [("SYR", "Rebel Groups (Syria)")]

    def test_without_ethnic_the_demonym_stays(self, nlp: Language) -> None:
        """'Greek farmers demonstrated in Syria': foreigners protesting abroad keep their nationality."""
        found = _context_actors(nlp, "Greek farmers demonstrated on Sunday in Syria against the law.", {})
        assert codes(found, "source") == {"GRC"}


class TestReadyToAct:
    """'X announced that it is prepared to <act>': the subject sits on the copula; the speaker acts."""

    def test_prepared_to_act(self, nlp: Language) -> None:
        text = "The Turkish government announced that it is prepared to impose a curfew on the town."
        found = actors_of(nlp, text)
        assert codes(found, "source") == {"TUR"}


class TestUnnamedSource:
    """An unnamed source takes the country of the event's place (ACLED: 'Unidentified Armed Group (X)')."""

    def test_unnamed_source_takes_the_place_country(self) -> None:
        from conflict_events.core.actors.context import unnamed_where
        from conflict_events.core.actors.find import unnamed_actor

        named = Actor(role="source", text="Syrian troops", span=None, name="X", named=True, country="SYR")
        found = unnamed_where((unnamed_actor("source"), named, unnamed_actor("target")), "LBN")
        assert [a.country for a in found] == ["LBN", "SYR", None]

    def test_named_target_takes_it_bare_words_do_not(self) -> None:
        """A named target without a country is of the place; bare words ('a car') stay without one."""
        from conflict_events.core.actors.context import unnamed_where

        person = Actor(role="target", text="Ali Musa", span=None, name="Ali Musa", named=True)
        words = Actor(role="target", text="a car", span=None, name="Unidentified", named=False, sector="UNK")
        assert [a.country for a in unnamed_where((person, words), "LBN")] == ["LBN", None]

    def test_no_place_no_country(self) -> None:
        from conflict_events.core.actors.context import unnamed_where
        from conflict_events.core.actors.find import unnamed_actor

        assert [a.country for a in unnamed_where((unnamed_actor("source"),), None)] == [None]


class TestConditionOfAThreat:
    """'threatened to act unless X does Y': X must comply, so X is the threat's target."""

    def test_unless_clause_subject(self, nlp: Language) -> None:
        text = "Greek villagers threatened to block the highway unless Syria lifted the curfew."
        found = actors_of(nlp, text)
        assert codes(found, "target") == {"SYR"}
