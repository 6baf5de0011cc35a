"""PLOVER trigger families of the verbal and material cooperation/conflict types (sentences written for
these tests): each names the phenomenon a lexicon row follows, and the main event's type and mode word."""

from __future__ import annotations

import pytest

from conflict_events.resources import Resources
from main_event_codes import main_codes


@pytest.mark.parametrize(
    ("text", "event_type", "plover_mode"),
    [
        # RETREAT ease: lifting a measure, whatever stands between the verb and the measure
        (
            "The army lifted on Sunday a week-long blockade on trucks crossing the northern checkpoint.",
            "RETREAT",
            "ease",
        ),
        ("The navy lifted a two-week blockade of the port on Friday.", "RETREAT", "ease"),
        # CONCEDE: lifting an administrative measure (curfew, ban, state of emergency) concedes
        ("The governor lifted a three-day curfew in the port city.", "CONCEDE", None),
        (
            "The governor on Monday lifted the state of emergency imposed in the delta last year.",
            "CONCEDE",
            None,
        ),
        # CONCEDE: allowing dissent to go ahead
        (
            "The interior ministry allowed the opposition to hold a rally in the capital on Friday.",
            "CONCEDE",
            None,
        ),
        # RETREAT returning what was taken; announced, an intent (AGREE)
        ("The rebels returned the trucks and radios seized from the aid agency.", "RETREAT", None),
        ("The militia announced it will return vehicles and radios seized from aid agencies.", "AGREE", None),
        # REJECT: a proposal declared out of the question
        ("Officials said that reopening the border is out of the question for now.", "REJECT", None),
        # CONCEDE: easing a measure by a stated amount
        ("The junta on Monday shortened by two hours the night curfew in the capital.", "CONCEDE", None),
        # AGREE: a stated commitment, verb in its -ing form
        ("The finance minister said Ghana is committed to opening its markets to imports.", "AGREE", None),
        # AID: money, intelligence and equipment given, with a long object phrase between
        ("The bank gave the farmers' union in Malawi 3.2 million dollars for irrigation.", "AID", None),
        (
            "Canada is supplying satellite images and other military intelligence to Estonia.",
            "AID",
            None,
        ),
        # ACCUSE: indictments, formal protests with an adjective, lawsuits
        ("The former governor has been indicted by a federal court for fraud.", "ACCUSE", None),
        ("Chile lodged a strong protest with Peru over the border incident.", "ACCUSE", None),
        ("A fishing company is suing the navy for the loss of its trawler, its lawyer said.", "ACCUSE", None),
        # CONSULT host: a formal welcome given to a visitor
        ("The king gave a warm welcome on Monday to the visiting Chilean president.", "CONSULT", "host"),
        # CONSULT multilateral: a third party's mediation mission between others
        ("The envoy began a mediation mission between the two rival parties.", "CONSULT", "multilateral"),
        # COOPERATE: the verb that starts joint exercises heads them
        ("Greek and Cypriot frigates on Friday began a week of war games in the Aegean.", "COOPERATE", None),
        # REQUEST: pushing for, pressuring with a long object, "must reach"
        ("Norway is pushing hard for a new fund to help coastal towns.", "REQUEST", None),
        ("The minister said both parties must reach a settlement before the vote.", "REQUEST", None),
        (
            "Officials have been pressuring the drivers of the city's largest bus firm to drop their claims.",
            "REQUEST",
            None,
        ),
        ("Farm groups lobbied the ministry to keep the import quota.", "REQUEST", None),
        # SUPPORT: defending someone against criticism, with a date between
        (
            "The premier defended Ruritania and Freedonia on Monday against criticism of their elections.",
            "SUPPORT",
            None,
        ),
        # SANCTION: suspension of links
        ("Austria announced a suspension of rail links with the breakaway region.", "SANCTION", None),
        # MOBILIZE troops: forces kept on alert, strengthened, trained
        ("Greek troops remained on alert along the border on Tuesday.", "MOBILIZE", "troops"),
        ("Ruritania has strengthened its forces along the river, officials said.", "MOBILIZE", "troops"),
        ("The ministry said the militia has trained more than 300 new fighters.", "MOBILIZE", "troops"),
        # ASSAULT: tanks firing are heavy weapons
        (
            "Army tanks fired two shells at houses in the border village, residents said.",
            "ASSAULT",
            "heavy-weapons",
        ),
    ],
)
def test_family_gives_type_and_mode_word(
    resources: Resources, text: str, event_type: str, plover_mode: str | None
) -> None:
    """The main event has the PLOVER type and mode word its trigger family defines."""
    assert main_codes(resources, text) == (event_type, plover_mode)


@pytest.mark.parametrize(
    "text",
    [
        "Militias were engaged in ethnic cleansing against the minority in the valley.",
        "Soldiers carried out genocide against the villagers, the report said.",
    ],
)
def test_mass_violence_against_a_population_is_assault(resources: Resources, text: str) -> None:
    """Ethnic cleansing and genocide are assaults (the mode word is left to the weapon words or the head)."""
    assert main_codes(resources, text)[0] == "ASSAULT"


@pytest.mark.parametrize(
    "text",
    [
        "Sue Perkins presented the show on Monday.",  # a first name, not a lawsuit
        "Think tanks fired off reports on the budget.",  # think tanks fire no shells
        "The tyres lost pressure on the mountain road.",  # pressure as a noun asks for nothing
    ],
)
def test_look_alikes_give_no_event(resources: Resources, text: str) -> None:
    """Words of a trigger family used in another sense make no event."""
    assert main_codes(resources, text) == ("NONE", None)


@pytest.mark.parametrize(
    "text",
    [
        "The United Nations protested to the army over the shelling of its compound.",
        "The dockers' union protested that the port closure was illegal.",
    ],
)
def test_protest_in_words_is_an_accusation(resources: Resources, text: str) -> None:
    """An international body that protests, or anyone who "protested that", complains in words: ACCUSE."""
    assert main_codes(resources, text)[0] == "ACCUSE"


def test_crowd_protest_in_the_street_stays_protest(resources: Resources) -> None:
    """Students who protested in a square stay a demonstration."""
    assert (
        main_codes(resources, "Students protested in the main square against the fee rise.")[0] == "PROTEST"
    )


@pytest.mark.parametrize(
    ("text", "plover_mode"),
    [
        (
            "Kenya announced on Friday that it will withdraw its peacekeeping force from Somalia unless "
            "the government arranges a truce with the militias within a month.",
            "relations",
        ),
        ("The council will break off talks with the region unless the militias disarm.", "relations"),
    ],
)
def test_act_announced_unless_the_other_side_complies_is_a_threat(
    resources: Resources, text: str, plover_mode: str | None
) -> None:
    """An act announced on an "unless" condition is THREATEN, whatever the act (its kind as the mode word)."""
    assert main_codes(resources, text) == ("THREATEN", plover_mode)


def test_announced_withdrawal_without_condition_stays_an_intent(resources: Resources) -> None:
    """Without the condition, an announced withdrawal is an intent to de-escalate (AGREE)."""
    text = "Kenya announced on Friday that it will withdraw its troops from Somalia."
    assert main_codes(resources, text)[0] == "AGREE"


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Forty UN peacekeepers were withdrawn from the northern town on Monday.", ("SANCTION", "withdraw")),
        ("The agency withdrew its monitors from the border zone after the vote.", ("SANCTION", "withdraw")),
        (
            "The envoy announced that he will withdraw the arms inspectors and aid workers from Libya.",
            ("THREATEN", "relations"),
        ),
    ],
)
def test_withdrawing_peacekeepers_or_inspectors_reduces_relations(
    resources: Resources, text: str, codes: tuple[str, str]
) -> None:
    """Pulling out peacekeepers, inspectors, monitors or aid workers is a SANCTION (CAMEO 166, 'expel or
    withdraw'); announced, it threatens relations."""
    assert main_codes(resources, text) == codes


def test_conditional_halt_of_mediation_is_a_threat_to_relations(resources: Resources) -> None:
    """ "May halt its mediation if ...", said by a spokesman: a threat to cut diplomatic relations."""
    text = "The Union may halt its mediation among the factions if the fighting goes on, a spokesman said."
    assert main_codes(resources, text) == ("THREATEN", "relations")


def test_halted_talks_are_a_sanction(resources: Resources) -> None:
    """Talks broken off for real are a SANCTION."""
    assert (
        main_codes(resources, "The government halted peace talks with the rebels on Monday.")[0] == "SANCTION"
    )
