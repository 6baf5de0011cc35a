"""Tests of the incident gold-set scorer (set ``incidents``) on small hand-made gold files."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conflict_events.contracts import ConflictEvent, Evidence, Span
from conflict_events.evaluation import command
from conflict_events.evaluation import fakes as f
from conflict_events.evaluation import score_incidents as si
from conflict_events.evaluation.records import GoldFileError, GoldRecord, Outcome
from conflict_events.evaluation.runner import SETS, run_set
from conflict_events.incidents import ResolutionSettings
from test_incidents_match import BENI, CONGO, GISENYI, GOMA, NORD_KIVU, SAKE, make_event

SETTINGS = ResolutionSettings()
GOLD_PLACES = {
    "Goma": (-1.674, 29.228),
    "Sake": (-1.573, 29.045),
    "Beni": (0.491, 29.473),
}


def gold_line(
    article: str,
    incident: str,
    published: str,
    *,
    place: str = "Goma",
    day: str = "2024-03-05",
    sub: str = "Attack",
    distractor_of: str | None = None,
    distractor_kind: str | None = None,
) -> str:
    """One gold line: an attack on civilians in North Kivu reported by ``article``."""
    lat, lon = GOLD_PLACES.get(place, (None, None))
    return json.dumps(
        {
            "article": {
                "id": article,
                "title": f"Attack in {place}",
                "text": f"Gunmen attacked {place}.",
                "published_at": published,
                "source": "test",
            },
            "incident": incident,
            "kind": "distractor" if distractor_of else "report",
            "distractor_of": distractor_of,
            "distractor_kind": distractor_kind,
            "gold": {
                "event_type": "ASSAULT",
                "acled_event_type": "Violence against civilians",
                "acled_sub_event_type": sub,
                "date": day,
                "place": place,
                "country": "COD",
                "admin1": "North Kivu",
                "latitude": lat,
                "longitude": lon,
                "killed": 3,
                "injured": None,
                "source_actor": "ADF",
                "target_actor": "civilians",
            },
        }
    )


LINES = [
    gold_line("a1", "INC-A", "2024-03-05T10:00:00Z"),
    gold_line("a2", "INC-A", "2024-03-05T11:00:00Z"),
    gold_line("b1", "INC-B", "2024-03-05T12:00:00Z", place="Beni"),
    gold_line("b2", "INC-B", "2024-03-06T08:00:00Z", place="Beni"),
    gold_line(
        "d1",
        "INC-A-D1",
        "2024-03-05T13:00:00Z",
        place="Sake",
        distractor_of="INC-A",
        distractor_kind="neighbour_town_same_day",
    ),
    gold_line(
        "d2",
        "INC-A-D2",
        "2024-03-09T09:00:00Z",
        day="2024-03-09",
        distractor_of="INC-A",
        distractor_kind="same_place_other_day",
    ),
    gold_line("a3", "INC-A", "2024-03-06T09:00:00Z"),
]


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "incidents_tiny.jsonl"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def records(gold_file: Path) -> list[GoldRecord]:
    return si.read_incidents(gold_file)


def extracted(article: str, place: Any = GOMA, **kw: Any) -> ConflictEvent:
    """What the extractor read from ``article``: an attack, by default in Goma on the 5th."""
    return make_event(f"{article}-e", article=article, place=place, **kw)


def placed(event: ConflictEvent, paragraph: int, sentence: str) -> ConflictEvent:
    """``event`` read from ``sentence`` in paragraph ``paragraph`` of its article."""
    span = Span(start=100 * paragraph, end=100 * paragraph + len(sentence), text=sentence)
    evidence = Evidence(sentence=span, trigger=span, paragraph_index=paragraph, story_index=0)
    return event.model_copy(update={"evidence": evidence})


def outcomes(records: list[GoldRecord], script: dict[str, list[ConflictEvent]]) -> list[Outcome]:
    """The scripted extractor's outcomes (its main event is the first)."""
    run = f.scripted_extractor(script)
    return run([si.to_article(r) for r in records])


def figures(records: list[GoldRecord], outs: list[Outcome]) -> dict[str, float | None]:
    scored, _details = si.score(records, outs, SETTINGS)
    return {fig.name: fig.value for fig in scored}


SCRIPT = {
    "a1": [extracted("a1")],
    "a2": [extracted("a2", place=CONGO)],  # only the country: joins the Goma incident
    "a3": [extracted("a3", place=GISENYI)],  # geocoded across the border: its own incident
    "b1": [extracted("b1", place=BENI)],
    "b2": [extracted("b2", place=BENI, day=date(2024, 3, 6))],
    "d1": [extracted("d1", place=SAKE)],
    "d2": [extracted("d2", day=date(2024, 3, 9))],
}


class TestReading:
    def test_reads_articles_and_gold(self, records: list[GoldRecord]) -> None:
        """Each line is one article with its incident, kind and gold fields; meta keeps the time."""
        first = records[0]
        assert (first.id, first.gold["incident"], first.gold["kind"]) == ("a1", "INC-A", "report")
        assert first.meta["published_at"] == "2024-03-05T10:00:00Z"
        assert records[4].gold["distractor_of"] == "INC-A"

    def test_bad_line_names_file_and_line(self, tmp_path: Path) -> None:
        """A line without a gold block stops the run with the file and line number."""
        path = tmp_path / "bad.jsonl"
        path.write_text(LINES[0] + "\n" + json.dumps({"article": {"id": "x", "text": "t"}}) + "\n")
        with pytest.raises(GoldFileError, match=r"bad.jsonl:2"):
            si.read_incidents(path)

    def test_limit_keeps_whole_families(self, gold_file: Path) -> None:
        """Sampling keeps an incident with every report and distractor of it, never a thinned cluster."""
        kept, files = si.load(gold_file, 3)
        assert (sorted(r.id for r in kept), files) == (
            ["a1", "a2", "a3", "d1", "d2"],
            ["incidents_tiny.jsonl"],
        )

    def test_publication_order(self, records: list[GoldRecord]) -> None:
        """Resolution sees the articles by publication time, not file order."""
        assert [records[i].id for i in si.publication_order(records)] == [
            "a1",
            "a2",
            "b1",
            "d1",
            "b2",
            "a3",
            "d2",
        ]


class TestEndToEnd:
    def test_clusters_counts_and_distractors(self, records: list[GoldRecord]) -> None:
        """Clusters {a1 a2} {a3} {b1 b2} {d1} {d2} against gold {a1 a2 a3} {b1 b2} {d1} {d2}."""
        got = figures(records, outcomes(records, SCRIPT))
        assert (got["bcubed_precision"], got["bcubed_recall"]) == (1.0, pytest.approx(17 / 21))
        assert (got["pairwise_precision"], got["pairwise_recall"]) == (1.0, 0.5)
        assert (got["counted_over_true"], got["articles_unplaced"]) == (5 / 4, 0.0)
        assert got["distractors_apart[all]"] == 1.0

    def test_distractor_merged_through_a_coarse_report(self, records: list[GoldRecord]) -> None:
        """A distractor the extractor only placed in the province joins the incident it resembles."""
        script = {**SCRIPT, "d1": [extracted("d1", place=NORD_KIVU)]}
        got = figures(records, outcomes(records, script))
        assert got["distractors_apart[neighbour_town_same_day]"] == 0.0
        assert got["distractors_apart[same_place_other_day]"] == 1.0
        assert got["distractors_apart[all]"] == 0.5

    def test_main_event_that_does_not_enter_resolution(self, records: list[GoldRecord]) -> None:
        """A statement as main event gives way to the article's most confident act; an article with no
        act is unplaced and counts as its own incident."""
        accusation = make_event("a2-accuse", article="a2", act="accuse", confidence=0.9)
        script = {**SCRIPT, "a2": [accusation, extracted("a2", confidence=0.4)], "b2": []}
        outs = outcomes(records, script)
        assert si.representative(outs[1], SETTINGS) == script["a2"][1]
        got = figures(records, outs)
        assert got["articles_unplaced"] == 1.0
        assert got["counted_over_true"] == 6 / 4  # b2 unplaced, b1 alone; a2 still with a1

    def test_lead_paragraph_act_represents_the_article(self) -> None:
        """An arrest told in the lead stands for the article, not a bombing told later as background."""
        arrest = placed(
            make_event("r-arrest", article="r", act="arrest", confidence=0.6), 0, "Troops detained 23."
        )
        bombing = placed(
            make_event("r-bomb", article="r", act="ied", confidence=0.9), 3, "A jet bombed a village."
        )
        assert si.representative(Outcome(events=(arrest, bombing), main=bombing), SETTINGS) == arrest

    def test_main_event_within_the_lead(self) -> None:
        """Among the lead paragraph's acts the product's main event wins: violence before an arrest told
        about as firmly (``pipeline.VIOLENCE_MARGIN``)."""
        arrest = placed(
            make_event("r-arrest", article="r", act="arrest", confidence=0.6), 1, "Police held 3."
        )
        attack = placed(make_event("r-attack", article="r", confidence=0.5), 1, "Gunmen killed 4.")
        assert si.representative(Outcome(events=(arrest, attack), main=arrest), SETTINGS) == attack

    def test_follow_up_arrest_does_not_represent(self) -> None:
        """An arrest in connection with an attack is the follow-up's own act: the attack, told after it,
        stands for the article; with no other act the article has no representative."""
        text = "Police arrested two men in connection with the grenade attack on Saturday."
        arrest = placed(make_event("r-arrest", article="r", act="arrest", confidence=0.9), 0, text)
        attack = placed(
            make_event("r-attack", article="r", act="grenade", confidence=0.5), 2, "A grenade hit."
        )
        assert si.is_follow_up(arrest) and not si.is_follow_up(attack)
        assert si.representative(Outcome(events=(arrest, attack), main=arrest), SETTINGS) == attack
        assert si.representative(Outcome(events=(arrest,), main=arrest), SETTINGS) is None

    def test_details_name_the_mistakes(self, records: list[GoldRecord]) -> None:
        """The JSON details list split gold incidents and lumped predicted ones."""
        script = {**SCRIPT, "d2": [extracted("d2")]}  # dated like the incident: lumped
        _figures, details = si.score(records, outcomes(records, script), SETTINGS)
        assert details["split"] == ["INC-A: 2 incidents"]
        assert details["lumped"] == ["a1 (INC-A) + a2 (INC-A) + d2 (INC-A-D2)"]


class TestOracle:
    def test_gold_events_resolve_perfectly_here(self, records: list[GoldRecord]) -> None:
        """Built from the gold fields, the reports meet and the distractors (23 km, four days) do not."""
        got = figures(records, outcomes(records, {}))
        assert (got["oracle_bcubed_f1"], got["oracle_counted_over_true"]) == (1.0, 1.0)
        assert got["oracle_distractors_apart[all]"] == 1.0
        assert (got["bcubed_precision"], got["articles_unplaced"]) == (1.0, 7.0)

    def test_gold_event_fields(self, records: list[GoldRecord]) -> None:
        """The oracle's event carries the gold act, day, town with coordinates, actors and tolls."""
        event = si.gold_event(records[2])
        assert (event.acled_sub_event_type, event.date.start, event.mode) == (
            "Attack",
            date(2024, 3, 5),
            "asserted",
        )
        assert event.location is not None
        assert (event.location.name, event.location.feature, event.location.latitude) == (
            "Beni",
            "place",
            0.491,
        )
        assert [(a.role, a.name) for a in event.actors] == [("source", "ADF"), ("target", "civilians")]
        assert [(q.kind, q.best) for q in event.quantities] == [("killed", 3)]

    @pytest.mark.parametrize(
        ("place", "admin1", "town_exists", "expected"),
        [
            ("Ituri province", "Ituri", True, True),  # the area word says it
            ("Cauca", "Cauca", False, True),  # no town of that name
            ("Idlib", "Idlib", True, False),  # the city that names its province
            ("Goma", "North Kivu", False, False),
            ("Sahel region", None, False, False),  # no admin1 to be
        ],
    )
    def test_province_or_town(
        self, place: str, admin1: str | None, town_exists: bool, expected: bool
    ) -> None:
        """A gold place is the province itself only when it is named so and is not also a town."""
        assert si.is_admin1(place, admin1, "XXX", lambda _name, _country: town_exists) is expected

    def test_bad_gold_is_a_value_error(self, records: list[GoldRecord]) -> None:
        """A gold record without a date cannot become an event: the message names the article."""
        broken = GoldRecord("x", "t", {**records[0].gold, "gold": {"event_type": "ASSAULT"}}, {})
        with pytest.raises(ValueError, match="incident gold of x"):
            si.gold_event(broken)


class TestWiring:
    def test_run_set_through_the_runner(self, records: list[GoldRecord]) -> None:
        """The registered set extracts every article and reports the figures with their n."""
        report = run_set(SETS["incidents"], records, f.scripted_extractor(SCRIPT), ["incidents_tiny.jsonl"])
        bcubed = report.figure("bcubed_f1")
        assert bcubed is not None and bcubed.n == 7
        assert report.figure("oracle_bcubed_f1") is not None
        assert report.figure("extraction_errors") is not None

    def test_command_scores_the_set_given(self, gold_file: Path, tmp_path: Path) -> None:
        """--incidents replaces the project's file; --only incidents runs it alone."""
        parser = argparse.ArgumentParser()
        command.configure(parser)
        args = parser.parse_args(
            ["--gold", str(tmp_path), "--only", "incidents", "--incidents", str(gold_file)]
        )
        reports, failures = command.evaluate(args, f.scripted_extractor(SCRIPT))
        assert ([r.name for r in reports], reports[0].records, reports[0].files, failures) == (
            ["incidents"],
            7,
            ("incidents_tiny.jsonl",),
            [],
        )

    def test_project_file_is_read(self) -> None:
        """The project's gold file parses, and every gold record becomes an oracle event."""
        records = si.read_incidents(si.INCIDENTS_FILE)
        assert len({r.gold["incident"] for r in records}) > 30
        towns = {"Idlib": True}
        assert all(si.gold_event(r, lambda name, _c: towns.get(name, True)).location for r in records)
