"""Which trigger carries a sentence's event when it also names an earlier event (sentences written for these
tests): the act the sentence reports, not the occasion it followed."""

from __future__ import annotations

import pytest

from conflict_events.contracts import Article
from conflict_events.core.frames import in_background_clause
from conflict_events.core.pipeline import extract
from conflict_events.resources import Resources
from main_event_codes import PUBLISHED, main_codes


@pytest.mark.parametrize(
    ("text", "word", "background"),
    [
        ("The minister visited the market two days after gunmen shot dead nine traders.", "shot", True),
        ("The minister visited the market two days after gunmen shot dead nine traders.", "visited", False),
        ("Navies reinforced their patrols following the discovery of mines in the strait.", "mines", True),
        ("The town has been calm since the riots of last spring.", "riots", True),
        ("Gunmen shot dead nine traders in the market on Sunday.", "shot", False),
    ],
)
def test_background_clause(resources: Resources, text: str, word: str, background: bool) -> None:
    """A word under an "after" / "following" / "since" clause or phrase names the earlier event."""
    doc = resources.nlp(text)
    token = next(t for t in doc if t.text == word)
    assert in_background_clause(token) is background


def test_reported_act_wins_over_the_attack_it_followed(resources: Resources) -> None:
    """A visit made after a shooting is the sentence's event, though the shooting words weigh more."""
    text = "The minister visited the market on Sunday, two days after gunmen shot dead nine traders there."
    assert main_codes(resources, text) == ("CONSULT", "visit")


def test_object_of_the_main_verb_wins_over_the_earlier_act(resources: Resources) -> None:
    """ "Announced a suspension of links ... after a jet shot down a plane": the noun object of the main verb
    (a verb that is no trigger itself) carries the sentence's act."""
    text = (
        "Austria announced a suspension of rail links with Hungary on Monday, "
        "two days after a Hungarian army jet shot down a plane carrying UN observers."
    )
    assert main_codes(resources, text)[0] == "SANCTION"


def test_condemned_attack_stays_an_accusation(resources: Resources) -> None:
    """The object bonus is for main verbs that are no trigger: "condemned the attack" stays ACCUSE, and the
    attack it names is an event of its own, after it."""
    text = "The governor condemned the attack on the police station."
    article = Article(id="c1", text=text, published_at=PUBLISHED)
    events = extract(article, resources, ingested_at=PUBLISHED).events
    assert [(e.event_type, e.evidence.trigger.text) for e in events] == [
        ("ACCUSE", "condemned"),
        ("ASSAULT", "attack"),
    ]
