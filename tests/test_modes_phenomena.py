"""PLOVER mode words: a threat's or coercion's "how" is the act threatened or imposed; the learned mode-word
head fills a word the rules left empty."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from conflict_events.contracts import Article, ConflictEvent
from conflict_events.core.learned.apply import THRESHOLDS, decided_taxonomy
from conflict_events.core.learned.model import NONE, Decisions
from conflict_events.core.pipeline import extract
from conflict_events.core.taxonomy import Taxonomy
from conflict_events.resources import Resources

PUBLISHED = datetime(2024, 3, 8, 10, 0, tzinfo=UTC)




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
        ("Dock workers threatened on Monday to stage a general strike unless wages were raised.", "restrict"),
        ("The farmers' union said it will boycott the trade fair unless the tariff is dropped.", "restrict"),
    ],
)
def test_threat_carries_the_kind_of_act_threatened(rules: Resources, text: str, plover_mode: str) -> None:
    """A threat's mode word is the kind of act it threatens, read from the act the sentence names."""
    event = only(rules, text)
    assert (event.event_type, event.plover_mode) == ("THREATEN", plover_mode)


def test_threat_ignores_acts_outside_its_clause(rules: Resources) -> None:
    """Words outside the threat verb's clause ("after clashes") are the reason, not the act threatened."""
    event = only(rules, "Citing the clashes of last week, the mayor threatened to act firmly.")
    assert (event.event_type, event.plover_mode) == ("THREATEN", None)


@pytest.mark.parametrize(
    ("text", "plover_mode"),
    [
        ("The army imposed a curfew on the district on Tuesday after a protest turned violent.", "curfew"),
        ("Troops reimposed blockades around the camp on Friday, residents said.", "restrict"),
    ],
)
def test_coercion_carries_the_measure_imposed(rules: Resources, text: str, plover_mode: str) -> None:
    """A coercion phrase without a mode word of its own carries the measure named inside it, and a protest
    in the sentence does not turn a named measure into crowd control."""
    event = only(rules, text)
    assert (event.event_type, event.plover_mode) == ("COERCE", plover_mode)


def _decisions(label: str, probability: float, event_type: str = "ASSAULT") -> Decisions:
    """Model decisions: the type head says ``event_type``, the mode-word head ``label`` at ``probability``."""
    return Decisions(
        labels={"plover_type": event_type, "plover_mode": label},
        probabilities={"plover_type": 0.9, "plover_mode": probability},
        relevant=1.0,
        distributions={},
        index={},
    )


@pytest.mark.parametrize(
    ("rules_mode", "label", "probability", "model_type", "expected"),
    [
        (
            None,
            "primitive",
            0.6,
            "ASSAULT",
            "primitive",
        ),  # the rules found no word: a majority label fills it
        (None, "primitive", 0.4, "ASSAULT", None),  # not a majority: stays empty
        (None, NONE, 0.9, "ASSAULT", None),  # the head says none
        (None, "visit", 0.9, "CONSULT", None),  # a word read for another type is not this event's
        ("firearms", "primitive", 0.8, "ASSAULT", "firearms"),  # a word the rules found stays ...
        ("firearms", "primitive", 0.95, "ASSAULT", "primitive"),  # ... unless the head is very sure
        ("firearms", "primitive", 0.95, "PROTEST", "firearms"),  # and reads this event's type
    ],
)
def test_mode_word_head_fills_or_overrides_when_sure(
    resources: Resources,
    rules_mode: str | None,
    label: str,
    probability: float,
    model_type: str,
    expected: str | None,
) -> None:
    """When the type head agrees with the event's type, the learned mode-word head fills the mode word the
    rules left empty at a majority probability and overrides theirs only when very sure."""
    lex = resources.lexicons
    tax = Taxonomy(
        "ASSAULT", rules_mode, None, None, lex.crosswalk.cameo_root("ASSAULT", rules_mode), "violence"
    )
    decided = decided_taxonomy(tax, _decisions(label, probability, model_type), "asserted", lex, THRESHOLDS)
    assert decided.plover_mode == expected


@pytest.mark.parametrize(
    "text",
    [
        "The militia commander swore to attack the garrison before the rains.",
        "The insurgents have sworn to kill any official who returns to the valley.",
    ],
)
def test_sworn_violence_is_a_threat(rules: Resources, text: str) -> None:
    """Swearing to do violence is a vow, like "vowed to": a threat of violence, not an act that happened."""
    event = only(rules, text)
    assert (event.event_type, event.mode, event.plover_mode) == ("THREATEN", "threatened", "violence")


@pytest.mark.parametrize(
    "text",
    [
        "The blast at a checkpoint near Herat caused no deaths, but seven policemen were wounded, "
        "officials said.",
        "The shelling of the market left no one dead, but 12 traders were injured, the mayor said.",
    ],
)
def test_a_counted_harm_keeps_a_contrast_asserted(resources: Resources, text: str) -> None:
    """The mode head reads "no deaths" as a negation; a count of people hurt says the act happened."""
    event = only(resources, text)
    assert event.mode == "asserted" and any(q.kind == "injured" and q.best > 0 for q in event.quantities)


@pytest.mark.parametrize(
    "text",
    [
        "THE REPORT THAT THE MAYOR'S NEPHEW WAS SHOT BY GUNMEN IN ORVALE IS ABSOLUTELY UNFOUNDED, "
        "AN AIDE SAID.",
        "The ministry said rumours that rebels had bombed the Tessa bridge were false.",
    ],
)
def test_a_report_called_unfounded_is_negated(rules: Resources, text: str) -> None:
    """An act told only inside a report, rumour or claim the sentence calls false or unfounded did not
    happen: negated, not a denial of blame (which leaves the act itself standing)."""
    assert only(rules, text).mode == "negated"


def test_a_false_claim_about_something_else_leaves_the_act(rules: Resources) -> None:
    """The cue must govern the act: a claim about another matter, called false, does not negate it."""
    text = "Rebels bombed the Tessa bridge on Monday; the army said claims that it was warned were false."
    assert only(rules, text).mode != "negated"


@pytest.mark.parametrize(
    "text",
    [
        "Police in Lagos said on Monday they had uncovered a plot to assassinate the state governor.",
        "Villagers said the army was clearing hamlets in order to proceed with the bombing of the valley.",
        "Investigators say the two foreigners came to the country last year to murder a union leader.",
        "Police said three gunmen had been hired to shoot the magistrate.",
    ],
)
def test_plotted_or_purposed_violence_did_not_happen(rules: Resources, text: str) -> None:
    """A plot to kill, a bombing named as the purpose of another act and the errand someone was sent, hired
    or came to do are intended acts, not incidents."""
    event = only(rules, text)
    assert event.mode in ("planned", "threatened"), event.summary
    assert event.acled_sub_event_type is None


def test_a_denied_plot_stays_a_plan(rules: Resources) -> None:
    """A denial that a plot was uncovered does not make the plotted killing an act someone denies doing: by
    every account it was only planned (a threat in PLOVER, no ACLED event)."""
    text = "The navy denied on Monday that its agents had uncovered a plot to assassinate the candidate."
    event = only(rules, text)
    assert (event.event_type, event.acled_sub_event_type) == ("THREATEN", None)


def test_a_denied_act_stays_denied(rules: Resources) -> None:
    """Without a plan, a denial is the denial of an act: mode denied, the act still coded."""
    event = only(rules, "The rebels denied attacking the army convoy near Goma on Monday.")
    assert (event.event_type, event.mode) == ("ASSAULT", "denied")


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        (
            "Government troops shelled the town of Kidal on Monday in order to retake it.",
            "Shelling/artillery/missile attack",
        ),
        ("Insurgents used a car bomb to kill four officers in Baidoa.", "Remote explosive/landmine/IED"),
    ],
)
def test_an_act_done_for_a_purpose_still_happened(rules: Resources, text: str, sub_type: str) -> None:
    """'Shelled the town in order to retake it': the shelling happened; only the retaking is the purpose. A
    means used "to kill" (not an errand) tells the killing."""
    event = only(rules, text)
    assert (event.mode, event.acled_sub_event_type) == ("asserted", sub_type)


@pytest.mark.parametrize(
    "text",
    [
        "The rebels announced that they will release all the villagers they have abducted.",
        "The militia said on Sunday it would hand over the nurses it had abducted.",
    ],
)
def test_a_past_act_in_a_relative_clause_happened(rules: Resources, text: str) -> None:
    """The release is to come; the abduction a relative clause tells in the past happened: the future or
    conditional of the governing clause does not reach into it."""
    event = only(rules, text)
    assert (event.event_type, event.acled_sub_event_type, event.mode) == (
        "ASSAULT",
        "Abduction/forced disappearance",
        "asserted",
    )


def test_a_future_act_in_a_relative_clause_stays_to_come(rules: Resources) -> None:
    """ "the hostages they will abduct": the relative clause's own future keeps the act unhappened."""
    event = only(rules, "The gang boasted about the tourists it will abduct next week.")
    assert event.mode != "asserted"


def test_a_past_participle_describing_people_happened(rules: Resources) -> None:
    """ "will treat the villagers shot by gunmen": the treatment is to come, the shooting that a participle
    tells of the villagers happened."""
    event = only(rules, "A new clinic will treat the nine villagers shot by gunmen on Tuesday.")
    assert (event.event_type, event.mode) == ("ASSAULT", "asserted")
