"""Tests of each gold-set scorer on hand-made tiny gold files with known answers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conflict_events.contracts import ConflictEvent
from conflict_events.evaluation import fakes as f
from conflict_events.evaluation.records import read_records
from conflict_events.evaluation.report import SetReport
from conflict_events.evaluation.runner import SETS, run_set

FIXTURES = Path(__file__).parent / "fixtures" / "eval"


def scored(
    set_name: str, file: str, script: dict[str, list[ConflictEvent]], **kw: frozenset[str]
) -> SetReport:
    """Run one set's scorer on a fixture file with a scripted extractor."""
    records = read_records(FIXTURES / file)
    return run_set(SETS[set_name], records, f.scripted_extractor(script, **kw), [file])


def values(report: SetReport) -> dict[str, tuple[float | None, int]]:
    """Figures as {name: (value rounded to 4 places, n)}."""
    return {x.name: (None if x.value is None else round(x.value, 4), x.n) for x in report.figures}


def test_case2021() -> None:
    """Both views of weighted/macro F1 and accuracy, on four snippets with one wrong answer."""
    script = {
        "c1": [f.event(acled_event_type="Battles", acled_sub_event_type="Armed clash")],
        "c2": [f.event(acled_event_type="Battles", acled_sub_event_type="Armed clash")],
        "c4": [f.event("PROTEST", acled_event_type="Protests", acled_sub_event_type="Peaceful protest")],
    }
    report = scored("case2021", "case2021_task2.tiny.jsonl", script)
    v = values(report)
    assert [
        v[k] for k in ("weighted_f1_25", "macro_f1_25", "accuracy_25", "weighted_f1_30", "no_event_rate")
    ] == [(0.5556, 3), (0.0667, 3), (0.6667, 3), (0.6667, 4), (0.25, 4)]
    assert v["confused: Air/drone strike -> Armed clash"] == (1.0, 1)
    assert report.details["wrong"] == [["c2", "Air/drone strike", "Armed clash"]]
    assert (v["calibration_ece"], v["accuracy_at_confidence[0.5-0.7]"]) == ((0.1667, 3), (0.6667, 3))
    assert report.details["per_class"]["Armed clash"] == {
        "precision": 0.5,
        "recall": 1.0,
        "f1": 0.6667,
        "support": 1,
    }


def test_case2021_upper_view_capitalises_text() -> None:
    """The upper-case view feeds the same snippet in capitals and scores it against the same gold."""
    record = read_records(FIXTURES / "case2021_task2.tiny.jsonl")[0]
    article = SETS["case2021_upper"].to_article(record)
    assert (article.id, article.text[:20]) == ("c1", "REBELS AND SOLDIERS ")


def test_plover() -> None:
    """Type, mode, actor-country and count figures on five records."""
    script = {
        "p1": [
            f.event(
                "ASSAULT",
                plover_mode="heavy-weapons",
                quantities=[f.quantity("killed", 12)],
                actors=[f.actor("Northland", "source", "RUS"), f.actor("Southland", "target", "UKR")],
            )
        ],
        "p2": [f.event("REQUEST")],
        "p3": [f.event("ACCUSE")],
        "p4": [f.event("PROTEST", plover_mode="riot")],
    }
    report = scored("plover", "plover_gsr.tiny.jsonl", script)
    v = values(report)
    assert report.details["mode_confusions"] == {"heavy-weapons": {"heavy-weapons": 1}, "demo": {"riot": 1}}
    assert [
        v[k]
        for k in (
            "type_accuracy",
            "type_accuracy_investigate",
            "mode_accuracy",
            "source_country_precision",
            "source_country_recall",
            "dead_exact",
            "size_exact",
        )
    ] == [(0.75, 4), (1.0, 1), (0.5, 2), (1.0, 1), (0.5, 2), (1.0, 1), (None, 0)]


def test_muc4() -> None:
    """Detection, type, place, date and deaths on five messages, mixed case reported apart."""
    script = {
        "m1": [
            f.event(
                "ASSAULT",
                plover_mode="explosives",
                location=f.location("Lima", "PER"),
                on=date(1990, 3, 2),
                quantities=[f.quantity("killed", 2)],
            )
        ],
        "m2": [f.event("ASSAULT", location=f.location("Bogota", "COL"), on=date(1990, 2, 15))],
        "m3": [f.event("ASSAULT")],
        "m5": [f.event("PROTEST")],
    }
    report = scored("muc4", "muc4_tst_tiny.jsonl", script)
    v = values(report)
    assert [
        v[k]
        for k in (
            "incident_precision",
            "incident_recall",
            "type_agreement",
            "country_match",
            "city_match",
            "date_within_1_day",
            "deaths_exact",
            "incident_recall_mixed",
        )
    ] == [(0.6667, 3), (0.6667, 3), (0.5, 2), (1.0, 2), (0.5, 2), (0.5, 2), (1.0, 1), (0.0, 1)]

    assert (report.details["missed"], report.details["false_alarms"]) == (["m4"], ["m3"])
    assert report.details["type_confusion"] == {"BOMBING": {"BOMBING": 1}, "KIDNAPPING": {"ATTACK": 1}}


def test_muc4_dateline_is_publication_date() -> None:
    """The dateline gives the article's publication date."""
    record = read_records(FIXTURES / "muc4_tst_tiny.jsonl")[3]
    published = SETS["muc4"].to_article(record).published_at
    assert published is not None and published.date() == date(1990, 1, 5)


def test_wikievents() -> None:
    """Coarse detection and place match (via coreference); classes KAIROS cannot express are not scored."""
    script = {
        "w1": [f.event("ASSAULT", location=f.location("Kabul"), quantities=[f.quantity("killed", 4)])],
        "w2": [f.event("PROTEST"), f.event("AGREE")],
        "w3": [f.event("ASSAULT", location=f.location("Dagestan"))],
    }
    v = values(scored("wikievents", "wikievents_tiny.jsonl", script))
    assert [v[k] for k in ("detection_precision", "detection_recall", "place_match", "f1[arrest]")] == [
        (0.75, 4),
        (0.75, 4),
        (1.0, 2),
        (0.0, 1),
    ]


def test_place_match_needs_named_whole_words() -> None:
    """Only named gold places count, matched on whole words."""
    from conflict_events.evaluation.score_coarse import place_matches

    events = [f.event(location=f.location("Homs"))]
    got = [
        place_matches(["northern Homs"], events),
        place_matches(["Homsville"], events),
        place_matches(["homs"], events),
    ]
    assert got == [True, False, False]


def test_rams() -> None:
    """Non-conflict gold types are ignored; a predicted agreement with no gold is a false positive."""
    script = {"r1": [f.event("ASSAULT", location=f.location("Aleppo"))], "r3": [f.event("AGREE")]}
    v = values(scored("rams", "rams_tiny.jsonl", script))
    assert [v[k] for k in ("detection_precision", "detection_recall", "place_match")] == [
        (0.5, 2),
        (1.0, 1),
        (1.0, 1),
    ]


def test_re3d() -> None:
    """Exact and overlap span match; zero-confidence gold entities are dropped."""
    e = f.event(
        location=f.location("Raqqa", start=17),
        actors=[f.actor("Fighters")],
        date_span=("on Monday", 23),
        quantities=[f.quantity("killed", 3, text="3", start=42)],
    )
    v = values(scored("re3d", "re3d_tiny.jsonl", {"d1": [e]}))
    assert [v[k] for k in ("exact_f1[all]", "overlap_f1[all]", "exact_f1[Actor]", "exact_f1[Temporal]")] == [
        (0.5, 8),
        (1.0, 8),
        (1.0, 2),
        (0.0, 2),
    ]


def test_petrarch2_smoke_counts_errors() -> None:
    """Smoke figures count events, errors and coding where none is expected."""
    report = scored(
        "petrarch2",
        "petrarch2_tiny.jsonl",
        {"u1": [f.event("MOBILIZE")], "u2": [f.event("AGREE")]},
        fail=frozenset({"u3"}),
    )
    v = values(report)
    assert [
        v[k]
        for k in (
            "records_without_error",
            "events",
            "coded_when_expected",
            "coded_when_noevents",
            "extraction_errors",
            "articles_without_error",
        )
    ] == [(0.6667, 3), (2.0, 3), (0.5, 2), (1.0, 1), (1.0, 3), (0.6667, 3)]
    assert report.details["errors"] == [("u3", "ValueError: scripted failure")]


def test_unknown_case_code_is_a_clear_error(tmp_path: Path) -> None:
    """A gold code missing from the map stops the run with its name."""
    (tmp_path / "case2021_task2.x.jsonl").write_text(
        '{"id": "z", "text": "t", "gold": {"event_type": "NEW"}}\n'
    )
    with pytest.raises(ValueError, match="NEW"):
        run_set(
            SETS["case2021"], read_records(tmp_path / "case2021_task2.x.jsonl"), f.scripted_extractor({}), []
        )


def test_plover_gold_codes_read_non_iso_spellings_as_iso() -> None:
    """Gold 'JAP' (Japan) and 'ITL' (Italy) are the ISO codes JPN and ITA; a sector suffix is cut."""
    from conflict_events.evaluation.score_plover import gold_codes

    actors = [{"code": "JAPGOV"}, {"code": "ITL"}, {"code": "USA"}, {"code": ""}]
    assert gold_codes(actors) == {"JPN", "ITA", "USA"}
