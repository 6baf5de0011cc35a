"""Tests of the article gold-set scorer on hand-made articles with known answers."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conflict_events.contracts import ConflictEvent, Evidence
from conflict_events.evaluation import command
from conflict_events.evaluation import fakes as f
from conflict_events.evaluation.article_gold import gold_event, read_articles
from conflict_events.evaluation.records import GoldFileError, GoldRecord
from conflict_events.evaluation.report import SetReport
from conflict_events.evaluation.runner import SETS, run_set
from conflict_events.evaluation.score_articles import FIELDS, family, match

FIXTURE = Path(__file__).parent / "fixtures" / "eval_articles" / "articles_tiny.jsonl"
RECORDS = read_articles(FIXTURE)
TEXT = {r.id: r.text for r in RECORDS}


def ev(
    article: str, event_type: str, sentence: str, *, also: tuple[str, ...] = (), **kw: Any
) -> ConflictEvent:
    """An event of ``article`` read from ``sentence`` (and merged ``also`` sentences), at real offsets."""
    text = TEXT[article]
    start = text.index(sentence)
    evidence = Evidence(
        sentence=f.span(sentence, start),
        trigger=f.span(sentence.split()[0], start),
        paragraph_index=0,
        story_index=0,
        mentions=[f.span(s, text.index(s)) for s in also],
    )
    return f.event(event_type, evidence=evidence, sentence=sentence, **kw)


LEAD = "Rebels of the Northern Front attacked the town of Dara on Wednesday, killing five villagers."
SCRIPT = {
    "a1": [
        ev(
            "a1",
            "ASSAULT",
            LEAD,
            also=("Rebels attack Dara town",),
            acled_sub_event_type="Attack",
            actors=[f.actor("Rebels", "source"), f.actor("five villagers", "target")],
            location=f.location("Dara", "COD"),
            on=date(2024, 5, 1),
            quantities=[f.quantity("killed", 5)],
        ),
        ev("a1", "ASSAULT", "The attack was the third this month.", acled_sub_event_type="Attack"),
        ev(
            "a1",
            "ACCUSE",
            "The governor condemned the raid on Thursday.",
            actors=[f.actor("The minister", "source")],
            on=date(2024, 5, 3),
        ),
    ],
    "a2": [
        ev(
            "a2",
            "PROTEST",
            "Crowds burned tyres and beat a trader in Lumo on Friday.",
            acled_sub_event_type="Mob violence",
            on=date(2024, 5, 3),
            quantities=[f.quantity("injured", 14)],
        )
    ],
}


def scored(script: dict[str, list[ConflictEvent]]) -> SetReport:
    """The article set scored on the fixture with a scripted extractor."""
    return run_set(SETS["articles"], RECORDS, f.scripted_extractor(script), [FIXTURE.name])


def values(report: SetReport) -> dict[str, tuple[float | None, int]]:
    """Figures as {name: (value rounded to 4 places, n)}."""
    return {x.name: (None if x.value is None else round(x.value, 4), x.n) for x in report.figures}


def test_reader_keeps_article_fields() -> None:
    """Each line becomes a record whose article keeps title, source and publication time."""
    article = SETS["articles"].to_article(RECORDS[0])
    assert (len(RECORDS), article.id, article.title, article.source, str(article.published_at)) == (
        2,
        "a1",
        "Rebels attack Dara town",
        "Test Wire",
        "2024-05-02 09:00:00+00:00",
    )


def test_bad_line_names_file_and_line(tmp_path: Path) -> None:
    """A line that is not an article record stops the run naming the line."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text(FIXTURE.read_text(encoding="utf-8") + '{"events": []}\n', encoding="utf-8")
    with pytest.raises(GoldFileError, match=r"bad.jsonl:3"):
        read_articles(bad)


def test_record_figures() -> None:
    """Matching, duplicates, field accuracy and per-phenomenon F1 on two articles."""
    report = scored(SCRIPT)
    v = values(report)
    assert [
        v[k]
        for k in (
            "event_precision",
            "event_recall",
            "event_f1",
            "events_per_gold_incident",
            "events_per_found_incident",
        )
    ] == [(0.75, 4), (0.75, 4), (0.75, 5), (1.0, 4), (1.3333, 3)]
    assert {name: v[f"accuracy[{name}]"] for name in FIELDS} == {
        "event_type": (0.6667, 3),
        "acled_sub_event_type": (1.0, 3),
        "mode": (1.0, 3),
        "source": (0.6667, 3),
        "target": (1.0, 3),
        "place": (0.5, 2),
        "date": (0.6667, 3),
        "killed": (1.0, 3),
        "injured": (1.0, 3),
    }
    assert (v["f1[condemnation]"], v["f1[contrast]"], v["gold_quotes_not_found"]) == (
        (0.6667, 4),
        (1.0, 1),
        (0.0, 4),
    )
    assert report.details["missed"] == ["a1/e3"]
    assert report.details["wrong_fields"]["date"] == ["a1/e2: ours 2024-05-03..2024-05-03"]


def test_nothing_extracted() -> None:
    """With no events every gold event is missed and no field is measured."""
    v = values(scored({}))
    assert (v["event_recall"], v["events_per_gold_incident"], v["accuracy[place]"]) == (
        (0.0, 4),
        (0.0, 4),
        (None, 0),
    )


def test_type_family() -> None:
    """Violent ACLED sub-types join ASSAULT; other types match only themselves."""
    got = [
        family("PROTEST", "Mob violence"),
        family("PROTEST", "Peaceful protest"),
        family("COERCE", "Arrests"),
    ]
    assert got == ["ASSAULT", "PROTEST", "COERCE"]


def test_greedy_one_to_one_by_overlap() -> None:
    """Two gold events over one sentence: the event goes to the one quoted over more of it."""
    text = "Troops shelled Oda and Ebe overnight. Later calm returned."
    record = GoldRecord("x", text, {}, {})
    raws = [
        {"incident": "x/e1", "event_type": "ASSAULT", "mode": "asserted", "mentions": ["Troops shelled"]},
        {
            "incident": "x/e2",
            "event_type": "ASSAULT",
            "mode": "asserted",
            "mentions": ["shelled Oda and Ebe"],
        },
        {"incident": "x/e3", "event_type": "AGREE", "mode": "asserted", "mentions": ["Later calm returned"]},
    ]
    gold = [gold_event(r, record.text) for r in raws]
    events = [
        f.event(
            "ASSAULT",
            evidence=Evidence(
                sentence=f.span("Troops shelled Oda and Ebe overnight.", 0),
                trigger=f.span("shelled", 7),
                paragraph_index=0,
                story_index=0,
            ),
        ),
        f.event(
            "ACCUSE",
            evidence=Evidence(
                sentence=f.span("Later calm returned.", 38),
                trigger=f.span("calm", 44),
                paragraph_index=0,
                story_index=0,
            ),
        ),
    ]
    assert match(gold, events) == [(1, 0)]


def test_place_date_and_count_rules() -> None:
    """An admin1 gold place matches our admin1 of the same country; a month matches any day in it."""
    raw = {
        "incident": "a1/e3",
        "event_type": "COERCE",
        "mode": "asserted",
        "place": {"text": "North Darfur", "country": "SDN", "admin1": "North Darfur"},
        "date": "2024-05",
        "killed": 0,
        "mentions": [],
    }
    gold = gold_event(raw, "")
    region = f.location("Northern Darfur State", "SDN").model_copy(update={"admin1": "Northern Darfur"})
    elsewhere = region.model_copy(update={"country": "TCD"})
    ok = f.event("COERCE", location=region, on=date(2024, 5, 30))
    wrong = f.event("COERCE", location=elsewhere, on=date(2024, 6, 1), quantities=[f.quantity("killed", 2)])
    judged = [(FIELDS[k](gold, ok), FIELDS[k](gold, wrong)) for k in ("place", "date", "killed")]
    assert judged == [(True, False), (True, False), (True, False)]


def test_command_scores_articles_whatever_gold() -> None:
    """The article set runs next to the public sets found under --gold, from its own file."""
    parser = argparse.ArgumentParser()
    command.configure(parser)
    gold = Path(__file__).parent / "fixtures" / "eval"
    args = parser.parse_args(
        ["--gold", str(gold), "--articles", str(FIXTURE), "--only", "rams", "--only", "articles"]
    )
    reports, _ = command.evaluate(args, f.scripted_extractor(SCRIPT))
    assert [(r.name, r.records, r.files) for r in reports] == [
        ("rams", 3, ("rams_tiny.jsonl",)),
        ("articles", 2, ("articles_tiny.jsonl",)),
    ]
