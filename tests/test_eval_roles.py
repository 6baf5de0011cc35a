"""Tests of the WikiEvents role scorer on a hand-made document with known answers."""

from __future__ import annotations

from datetime import date
from typing import Any

from conflict_events.contracts import ConflictEvent, Evidence
from conflict_events.evaluation import fakes as f
from conflict_events.evaluation.records import GoldRecord
from conflict_events.evaluation.report import SetReport
from conflict_events.evaluation.runner import SETS, run_set
from conflict_events.evaluation.score_roles import Mention, hits, judged_event

TEXT = (
    "Militants of the Red Hand stormed a police post in Tarva on Sunday. They killed two officers. "
    "Police later detained a suspect in Tarva. A bomb went off in Urra."
)


def at(words: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``words`` in the document."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(words, start + 1)
    return start, start + len(words)


ENTITIES = {
    "T1": at("Militants of the Red Hand"),
    "T2": at("a police post"),
    "T3": at("Tarva"),
    "T4": at("They"),
    "T5": at("officers"),
    "T6": at("Police"),
    "T7": at("a suspect"),
    "T8": at("Tarva", 1),
}


def gold_mention(event_type: str, trigger: str, **roles: str) -> dict[str, Any]:
    """A gold event mention with its trigger's offsets and arguments naming entity mentions."""
    return {
        "id": f"E-{trigger}",
        "event_type": event_type,
        "trigger": {"text": trigger, "char_span": list(at(trigger))},
        "arguments": [{"entity_id": t, "role": role, "text": "x"} for role, t in roles.items()],
    }


RECORD = GoldRecord(
    "d1",
    TEXT,
    {
        "entity_mentions": [
            {"id": k, "char_span": list(v), "text": TEXT[v[0] : v[1]]} for k, v in ENTITIES.items()
        ],
        "coref_clusters": [["T1", "T4"], ["T3", "T8"]],
        "event_mentions": [
            gold_mention("Conflict.Attack.Unspecified", "stormed", Attacker="T1", Target="T2", Place="T3"),
            gold_mention("Life.Die.Unspecified", "killed", Killer="T4", Victim="T5"),
            gold_mention(
                "Justice.ArrestJailDetain.Unspecified", "detained", Jailer="T6", Detainee="T7", Place="T8"
            ),
            gold_mention("Contact.Contact.Meet", "later"),
            gold_mention("Conflict.Attack.DetonateExplode", "went off"),
        ],
    },
    {},
)


def ev(event_type: str, sentence: str, trigger: str, **kw: Any) -> ConflictEvent:
    """Our event read from ``sentence`` with its trigger, at their real offsets."""
    start = TEXT.index(sentence)
    evidence = Evidence(
        sentence=f.span(sentence, start),
        trigger=f.span(trigger, TEXT.index(trigger, start)),
        paragraph_index=0,
        story_index=0,
    )
    return f.event(event_type, evidence=evidence, sentence=sentence, on=date(2024, 1, 1), **kw)


def actor(words: str, role: str, nth: int = 0) -> Any:
    """Our actor over the ``nth`` occurrence of ``words``."""
    return f.actor(words, role, start=at(words, nth)[0])


SCRIPT = {
    "d1": [
        ev(
            "ASSAULT",
            "Militants of the Red Hand stormed a police post in Tarva on Sunday.",
            "stormed",
            actors=[actor("Militants", "source"), actor("police post", "target")],
            location=f.location("Kanto"),
        ),
        ev(
            "ASSAULT",
            "They killed two officers.",
            "killed",
            actors=[actor("Red Hand", "source"), actor("two officers", "target")],
        ),
        ev(
            "COERCE",
            "Police later detained a suspect in Tarva.",
            "detained",
            actors=[actor("Police", "source")],
            location=f.location("Tarva", start=at("Tarva", 1)[0]),
        ),
        ev("AGREE", "A bomb went off in Urra.", "went"),
    ]
}


def values(report: SetReport) -> dict[str, tuple[float | None, int]]:
    """Figures as {name: (value rounded to 4 places, n)}."""
    return {x.name: (None if x.value is None else round(x.value, 4), x.n) for x in report.figures}


def test_role_figures() -> None:
    """Found events, then source (through coreference), target and place accuracy on them."""
    report = run_set(SETS["wikievents_roles"], [RECORD], f.scripted_extractor(SCRIPT), ["x.jsonl"])
    v = values(report)
    assert [v[k] for k in ("events_found", "source_accuracy", "target_accuracy", "place_accuracy")] == [
        (0.75, 4),
        (1.0, 3),
        (0.6667, 3),
        (0.5, 2),
    ]
    assert report.details["wrong"] == {"source": [], "target": ["d1/E-detained"], "place": ["d1/E-stormed"]}
    assert report.details["found_events"] == {"attack": 1, "die": 1, "injure": 0, "arrest": 1}


def test_nearest_trigger_is_judged() -> None:
    """Of two violent events from the trigger's sentence, the one whose trigger is nearest is judged."""
    sentence = "Militants of the Red Hand stormed a police post in Tarva on Sunday."
    near = ev("ASSAULT", sentence, "stormed", event_id="near")
    far = ev("ASSAULT", sentence, "Sunday", event_id="far")
    chosen = judged_event("attack", at("stormed"), [far, near])
    assert (chosen.event_id if chosen else None, judged_event("arrest", at("stormed"), [far, near])) == (
        "near",
        None,
    )


def test_named_words_count_without_span() -> None:
    """Our words equal to a named mention count; equal words of an unnamed mention do not."""
    named = [Mention(-1, -1, "Tarva")]
    unnamed = [Mention(-1, -1, "the town")]
    assert [hits(named, [(None, "tarva")]), hits(unnamed, [(None, "the town")])] == [True, False]
