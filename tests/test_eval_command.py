"""Tests of ``conflict-events eval``: set discovery, sampling, report, floor and clear errors."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from conflict_events.cli import CommandError
from conflict_events.evaluation import command
from conflict_events.evaluation import fakes as f
from conflict_events.evaluation.records import GoldRecord, sample_evenly
from conflict_events.evaluation.report import (
    Figure,
    SetReport,
    check_ceiling,
    check_floor,
    load_ceiling,
    load_floor,
    render_table,
)

FIXTURES = Path(__file__).parent / "fixtures" / "eval"
CLASH = f.event(acled_event_type="Battles", acled_sub_event_type="Armed clash")


def parse(*argv: str) -> argparse.Namespace:
    """Parse eval options as the CLI would."""
    parser = argparse.ArgumentParser()
    command.configure(parser)
    return parser.parse_args(list(argv))


def test_only_one_set_with_scripted_extractor(capsys: pytest.CaptureFixture[str]) -> None:
    """--only runs one set and prints its table with n next to every figure."""
    reports, failures = command.evaluate(
        parse("--gold", str(FIXTURES), "--only", "case2021"), f.scripted_extractor({"c1": [CLASH]})
    )
    assert ([r.name for r in reports], reports[0].records, failures) == (["case2021"], 4, [])
    assert "weighted_f1_25" in capsys.readouterr().out


def test_every_set_found_in_fixture_folder(tmp_path: Path) -> None:
    """Without --only every set with files is run; the seed is skipped when its folder is absent."""
    reports, _ = command.evaluate(
        parse("--gold", str(FIXTURES), "--seeds", str(tmp_path)), f.scripted_extractor({})
    )
    assert [r.name for r in reports] == [
        "case2021",
        "case2021_upper",
        "plover",
        "muc4",
        "wikievents",
        "wikievents_roles",
        "rams",
        "re3d",
        "petrarch2",
        "articles",
        "incidents",
    ]


def test_floor_failure(tmp_path: Path) -> None:
    """A figure below its floor is reported; sets not run are not checked."""
    floor = tmp_path / "floor.json"
    floor.write_text(json.dumps({"_note": "x", "case2021.weighted_f1_25": 0.9, "muc4.incident_f1": 0.9}))
    _, failures = command.evaluate(
        parse("--gold", str(FIXTURES), "--only", "case2021", "--floor", str(floor)),
        f.scripted_extractor({"c1": [CLASH]}),
    )
    assert failures == ["case2021.weighted_f1_25: 0.333 < floor 0.9 (n=3)"]


def test_limit_samples_every_kth() -> None:
    """--limit keeps records spread evenly over the file, deterministically."""
    records = [GoldRecord(str(i), "t", {}, {}) for i in range(10)]
    assert [r.id for r in sample_evenly(records, 3)] == ["0", "3", "6"]


def test_missing_gold_path() -> None:
    """A missing --gold path is a clear user error."""
    with pytest.raises(CommandError, match="no such file"):
        command.evaluate(parse("--gold", "/nonexistent/gold"), f.scripted_extractor({}))


def test_bad_gold_line_names_file_and_line(tmp_path: Path) -> None:
    """A broken gold line stops the run naming the file and line number."""
    (tmp_path / "rams_bad.jsonl").write_text('{"id": "a", "text": "t", "gold": {}}\n{not json\n')
    with pytest.raises(CommandError, match=r"rams_bad.jsonl:2"):
        command.evaluate(parse("--gold", str(tmp_path)), f.scripted_extractor({}))


def test_unknown_gold_code_is_a_command_error(tmp_path: Path) -> None:
    """A gold label missing from a map stops the run with the set's name and the label."""
    (tmp_path / "plover_gsr.x.jsonl").write_text('{"id": "p", "text": "t", "gold": {"event": "PONDER"}}\n')
    with pytest.raises(CommandError, match="plover: PLOVER gold event 'PONDER'"):
        command.evaluate(parse("--gold", str(tmp_path)), f.scripted_extractor({}))


def test_floor_limit_used_when_no_limit_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without --limit, the floor's _limit sets the sample the floor was measured on."""
    floor = tmp_path / "floor.json"
    floor.write_text('{"_limit": 2, "case2021.weighted_f1_25": 0.0}')
    reports, _ = command.evaluate(
        parse("--gold", str(FIXTURES), "--only", "case2021", "--floor", str(floor)), f.scripted_extractor({})
    )
    assert (reports[0].records, "--limit 2" in capsys.readouterr().out) == (2, True)


def test_report_folder_is_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--report into a folder that does not exist yet creates it."""
    monkeypatch.setattr(command, "pipeline_extractor", lambda: f.scripted_extractor({}))
    out = tmp_path / "reports" / "eval.json"
    assert command.run(parse("--gold", str(FIXTURES), "--only", "rams", "--report", str(out))) == 0
    assert sorted(json.loads(out.read_text())["sets"]) == ["rams"]


def test_bad_floor_file(tmp_path: Path) -> None:
    """A floor entry without a set name is refused."""
    floor = tmp_path / "floor.json"
    floor.write_text('{"weighted": 0.5}')
    with pytest.raises(ValueError, match=r"set\.figure"):
        load_floor(floor)


def test_unmeasured_floor_figure_fails() -> None:
    """A floor figure of a set that ran but has no value fails."""
    report = SetReport("plover", (), 1, (Figure("mode_accuracy", None, 0),))
    assert check_floor([report], {"plover.mode_accuracy": 0.5}) == [
        "plover.mode_accuracy: not measured (floor 0.5)"
    ]


def test_ceiling_fails_a_figure_above_it(tmp_path: Path) -> None:
    """'_ceiling' bounds a figure from above: 71 incidents counted for 64 true ones is too many."""
    floor = tmp_path / "floor.json"
    floor.write_text(
        '{"_ceiling": {"incidents.counted_over_true": 1.1}, "incidents.counted_over_true": 0.95}'
    )
    ceiling = load_ceiling(floor)
    over = SetReport("incidents", (), 1, (Figure("counted_over_true", 1.109, 64),))
    within = SetReport("incidents", (), 1, (Figure("counted_over_true", 1.062, 64),))
    assert check_ceiling([over], ceiling) == ["incidents.counted_over_true: 1.109 > ceiling 1.1 (n=64)"]
    assert check_ceiling([within], ceiling) == []
    assert check_floor([within], load_floor(floor)) == []


def test_bad_ceiling_is_refused(tmp_path: Path) -> None:
    floor = tmp_path / "floor.json"
    floor.write_text('{"_ceiling": {"counted": "high"}}')
    with pytest.raises(ValueError, match="_ceiling"):
        load_ceiling(floor)


def test_table_shows_n() -> None:
    """The printed table has one row per figure with value and n."""
    report = SetReport("x", ("a.jsonl",), 2, (Figure("f1", 0.5, 2, "note"),), seconds=1.0)
    assert render_table(report).splitlines()[2] == "f1        0.500       2  note"


def test_baseline_change_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With --baseline, each figure shows its change against the earlier report."""
    old = tmp_path / "old.json"
    old.write_text('{"sets": {"case2021": {"figures": {"accuracy_25": {"value": 0.5, "n": 3}}}}}')
    command.evaluate(
        parse("--gold", str(FIXTURES), "--only", "case2021", "--baseline", str(old)),
        f.scripted_extractor({"c1": [CLASH]}),
    )
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("accuracy_25"))
    assert row.split() == ["accuracy_25", "0.333", "3", "-0.167"]


def test_bad_baseline(tmp_path: Path) -> None:
    """A baseline that is not a report is a clear error."""
    old = tmp_path / "old.json"
    old.write_text("[]")
    with pytest.raises(CommandError, match="cannot read baseline"):
        command.evaluate(parse("--gold", str(FIXTURES), "--baseline", str(old)), f.scripted_extractor({}))


def test_markdown_table() -> None:
    """The Markdown rendering has a header and one row per figure."""
    from conflict_events.evaluation.report import render_markdown

    report = SetReport(
        "x", ("a.jsonl",), 2, (Figure("f1", 0.5, 2, "note"), Figure("errors", 3.0, 2, count=True))
    )
    assert render_markdown([report]).splitlines()[2:6] == [
        "| figure | value | n | note |",
        "|---|---:|---:|---|",
        "| f1 | 0.500 | 2 | note |",
        "| errors | 3 | 2 |  |",
    ]


def test_headline_table() -> None:
    """The headline table lists the floor's figures that were measured, with value, n and floor."""
    from conflict_events.evaluation.report import render_headline

    report = SetReport("x", (), 2, (Figure("f1", 0.5, 2),))
    assert render_headline([report], {"x.f1": 0.4, "y.f1": 0.3}).splitlines()[2:] == [
        "| x | f1 | 0.500 | 2 | 0.4 |"
    ]


def test_run_writes_report_and_exit_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """run() writes the JSON report and exits 1 below the floor."""
    monkeypatch.setattr(command, "pipeline_extractor", lambda: f.scripted_extractor({}))
    floor, out = tmp_path / "floor.json", tmp_path / "r.json"
    floor.write_text('{"rams.detection_f1": 0.5}')
    code = command.run(
        parse(
            "--gold",
            str(FIXTURES / "rams_tiny.jsonl"),
            "--only",
            "rams",
            "--report",
            str(out),
            "--floor",
            str(floor),
        )
    )
    report = json.loads(out.read_text())
    assert (code, report["sets"]["rams"]["figures"]["detection_f1"]) == (
        1,
        {"value": 0.0, "n": 1, "note": ""},
    )


def test_parallel_keeps_order() -> None:
    """Two forked workers give the same outcomes, in the same order, as one process."""
    from conflict_events.contracts import Article
    from conflict_events.evaluation.runner import parallel

    script = {str(i): [f.event("ASSAULT", event_id=f"e{i}")] for i in range(0, 80, 3)}
    articles = [Article(id=str(i), text="t") for i in range(80)]
    serial = f.scripted_extractor(script)(articles)
    assert parallel(f.scripted_extractor(script), 2)(articles) == serial


def test_missing_core_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without an importable extraction core the command stops with one clear line."""
    import importlib

    def refuse(name: str) -> None:
        raise ImportError(f"No module named {name!r}")

    monkeypatch.setattr(importlib, "import_module", refuse)
    with pytest.raises(CommandError, match="extraction core is not available"):
        command.evaluate(parse("--gold", str(FIXTURES), "--only", "rams"))


DEV = Path(__file__).parent.parent.parent / "shared" / "eval" / "dev"


@pytest.mark.slow
@pytest.mark.eval
@pytest.mark.skipif(not DEV.is_dir(), reason="needs ../shared/eval/dev")
def test_real_core_on_dev_sample(tmp_path: Path) -> None:
    """The real core runs over a small sample of every dev set without extraction errors on CASE and MUC."""
    reports, _ = command.evaluate(parse("--gold", str(DEV), "--limit", "5", "--seeds", str(tmp_path)))
    names = [r.name for r in reports]
    errors = {r.name: fig.value for r in reports if (fig := r.figure("extraction_errors")) is not None}
    assert names == [
        "case2021",
        "case2021_upper",
        "plover",
        "muc4",
        "wikievents",
        "wikievents_roles",
        "rams",
        "re3d",
        "petrarch2",
        "articles",
        "incidents",
    ]
    assert [errors[n] for n in ("case2021", "muc4")] == [0.0, 0.0]


def test_floor_file_names_real_figures() -> None:
    """Every entry of tests/eval_floor.json names a figure that the scorers produce."""
    floor = load_floor(Path(__file__).parent / "eval_floor.json")
    seeds = Path(__file__).parent.parent / "seeds"
    reports, _ = command.evaluate(
        parse("--gold", str(FIXTURES), "--seeds", str(seeds)), f.scripted_extractor({})
    )
    produced = {f"{r.name}.{fig.name}" for r in reports for fig in r.figures}
    assert sorted(set(floor) - produced) == []
