"""Tests of ``conflict-events bench``: corpus, statistics, profile summary, report, and the command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conflict_events.bench import SCHEMA
from conflict_events.benchmark.corpus import Corpus, CorpusError, load_corpus, make_articles, word_count
from conflict_events.benchmark.profiling import package_of, summarise
from conflict_events.benchmark.report import add_ratios, format_table
from conflict_events.benchmark.stats import (
    Throughput,
    latency_summary,
    parse_stat_cpu_seconds,
    parse_vmhwm_mb,
    percentile,
)
from conflict_events.cli import main

FAKE = "conflict_events.stream.testing:make_fake_extractor"
TEXTS = (
    "Rebels attack a convoy near the river crossing; two drivers are hurt.",
    "Farmers protest outside the ministry over the price of seed.",
    "The two parties agree to a ceasefire after a week of talks in the capital.",
)


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    """A JSONL corpus of three short invented articles."""
    path = tmp_path / "tiny.jsonl"
    path.write_text("".join(json.dumps({"id": f"t{i}", "text": t}) + "\n" for i, t in enumerate(TEXTS)))
    return path


class TestCorpus:
    def test_jsonl_texts_in_file_order(self, tiny_corpus: Path) -> None:
        """A single JSONL file keeps its order and reads only ``text``."""
        assert load_corpus(tiny_corpus).texts == TEXTS

    def test_take_cycles(self) -> None:
        """Asking for more articles than texts cycles through the corpus."""
        assert Corpus(("a", "b"), ("x",)).take(5) == ("a", "b", "a", "b", "a")

    def test_directory_of_txt(self, tmp_path: Path) -> None:
        """A directory contributes each .txt file as one text and ignores other files."""
        (tmp_path / "one.txt").write_text("Police arrest five men.")
        (tmp_path / "notes.md").write_text("not an article")
        assert load_corpus(tmp_path).texts == ("Police arrest five men.",)

    def test_bad_json_line_names_file_and_line(self, tmp_path: Path) -> None:
        """A line that is not JSON is reported with its file and line number."""
        path = tmp_path / "bad.jsonl"
        path.write_text('{"text": "fine"}\n{oops\n')
        with pytest.raises(CorpusError, match=r"bad\.jsonl:2: not JSON"):
            load_corpus(path)

    def test_missing_text_field(self, tmp_path: Path) -> None:
        """A record without a string ``text`` is an error, not a silent skip."""
        path = tmp_path / "notext.jsonl"
        path.write_text('{"id": "a"}\n')
        with pytest.raises(CorpusError, match="no string field 'text'"):
            load_corpus(path)

    def test_missing_path(self, tmp_path: Path) -> None:
        """A corpus path that does not exist is a clear error."""
        with pytest.raises(CorpusError, match="no such file"):
            load_corpus(tmp_path / "nope.jsonl")

    def test_articles_have_numbered_ids(self) -> None:
        """Articles get ``<prefix>NNNNN`` ids in text order."""
        assert [a.id for a in make_articles(("x", "y"), "p-")] == ["p-00000", "p-00001"]

    def test_word_count_splits_on_whitespace(self) -> None:
        """Words are whitespace-separated tokens."""
        assert word_count(" Two  men\nwere killed. ") == 4


class TestStats:
    def test_percentile_nearest_rank(self) -> None:
        """p50 of 1..10 is 5 and p95 is 10 (nearest rank)."""
        values = [float(v) for v in range(10, 0, -1)]
        assert (percentile(values, 50), percentile(values, 95)) == (5.0, 10.0)

    def test_percentile_of_nothing(self) -> None:
        """No values is an error, not zero."""
        with pytest.raises(ValueError, match="no values"):
            percentile([], 50)

    def test_latency_summary_in_ms(self) -> None:
        """Seconds become milliseconds, rounded to 0.1."""
        assert latency_summary([0.1, 0.2, 0.3, 0.4]) == {
            "count": 4,
            "p50_ms": 200.0,
            "p95_ms": 400.0,
            "p99_ms": 400.0,
            "max_ms": 400.0,
        }

    def test_latency_summary_empty(self) -> None:
        """Without samples every percentile is None."""
        assert latency_summary([]) == {
            "count": 0,
            "p50_ms": None,
            "p95_ms": None,
            "p99_ms": None,
            "max_ms": None,
        }

    def test_vmhwm_parsed_in_mb(self) -> None:
        """VmHWM in kB (KiB) becomes decimal MB."""
        assert parse_vmhwm_mb("Name:\tpython\nVmHWM:\t  300000 kB\nVmRSS:\t 1 kB\n") == 307.2

    def test_vmhwm_absent(self) -> None:
        """No VmHWM line gives None."""
        assert parse_vmhwm_mb("Name:\tpython\n") is None

    def test_stat_cpu_seconds(self) -> None:
        """utime + stime (fields 14, 15) in clock ticks become seconds, even with ') ' in the name."""
        stat = "42 (a) b) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0 1 0"
        assert parse_stat_cpu_seconds(stat, 100) == 3.0

    def test_throughput_rates(self) -> None:
        """Rates divide by wall seconds; the per-CPU rate by CPU seconds."""
        figures = Throughput(articles=10, words=3000, wall_seconds=2.0, cpu_seconds=4.0).as_dict()
        assert (
            figures["articles_per_second"],
            figures["words_per_second"],
            figures["articles_per_cpu_second"],
        ) == (
            5.0,
            1500.0,
            2.5,
        )


class TestProfile:
    def test_package_names(self) -> None:
        """Files map to project modules, site packages and stdlib modules."""
        assert [
            package_of("/x/services/conflict_events/core/dates.py"),
            package_of("/v/lib/python3.11/site-packages/spacy/language.py"),
            package_of("/usr/lib/python3.11/json/decoder.py"),
        ] == ["conflict_events.core.dates", "spacy", "stdlib:json"]

    def test_summarise_shares(self) -> None:
        """Self time goes to the innermost frame's package; project functions count inclusively."""
        lines = [
            "main (/a/conflict_events/cli.py:5);parse (/v/site-packages/spacy/x.py:9) 3",
            "main (/a/conflict_events/cli.py:5) 1",
        ]
        summary = summarise(lines)
        assert (summary["samples"], summary["self_by_package"], summary["inclusive_by_function"]) == (
            4,
            [{"name": "spacy", "share": 0.75}, {"name": "conflict_events.cli", "share": 0.25}],
            [{"name": "conflict_events.cli.main", "share": 1.0}],
        )


def _report(**broker: Any) -> dict[str, Any]:
    return {
        "baseline": {"articles_per_second": 10.0, "articles_per_cpu_second": 10.0},
        "in_process": {"articles_per_second": 50.0, "articles_per_cpu_second": 45.0},
        "broker": {
            "one_worker": {
                "full_rate": {"articles_per_second": 46.0, "articles_per_cpu_second": 36.0},
                "half_rate": {"latency_article_to_event": {"p99_ms": 300.0}},
                "peak_rss_mb": [410.0],
            },
            "two_workers": {"full_rate": {"articles_per_second": 80.0}, "peak_rss_mb": [420.0, 415.0]},
            **broker,
        },
    }


class TestReport:
    def test_ratios(self) -> None:
        """Ratios are extractor/baseline, broker/in-process (wall and CPU) and 2 workers/1 worker."""
        assert add_ratios(_report())["ratios"] == {
            "in_process_to_baseline": 5.0,
            "in_process_to_baseline_cpu": 4.5,
            "broker_to_in_process": 0.92,
            "broker_to_in_process_cpu": 0.8,
            "two_workers_to_one": 1.739,
        }

    def test_targets_met_and_missed(self) -> None:
        """Each target says met or missed against issue 5's bounds."""
        targets = add_ratios(_report())["targets"]
        assert [(t["value"], t["met"]) for t in targets] == [
            (5.0, True),
            (4.5, True),
            (45.0, True),
            (0.92, True),
            (0.8, False),
            (300.0, False),
            (420.0, True),
            (1.739, False),
        ]

    def test_missing_broker_not_measured(self) -> None:
        """Without the broker section its targets are not measured (None), not failed."""
        report = add_ratios({"baseline": None, "in_process": {"articles_per_second": 5.0}, "broker": None})
        assert [t["met"] for t in report["targets"]] == [None] * 8

    def test_table_has_every_row(self) -> None:
        """The printed table names every measurement and the targets."""
        table = format_table(add_ratios(_report()))
        for label in (
            "spaCy sm full parse (baseline)",
            "extractor in process",
            "broker, 1 worker, half rate",
            "broker, 2 workers, full rate",
            "peak RSS per worker",
            "p99 article->event at half rate",
            "of which processing",
        ):
            assert label in table


class TestCommand:
    def test_in_process_only_writes_json(self, tiny_corpus: Path, tmp_path: Path) -> None:
        """``--skip-broker --skip-baseline`` with a fake extractor writes every top-level field."""
        out = tmp_path / "bench.json"
        code = main(
            [
                "bench",
                "--corpus",
                str(tiny_corpus),
                "--articles",
                "5",
                "--skip-broker",
                "--skip-baseline",
                "--extractor",
                FAKE,
                "--json",
                str(out),
            ]
        )
        report = json.loads(out.read_text())
        assert (
            code,
            report["schema"],
            report["broker"],
            report["in_process"]["articles"],
            report["in_process"]["statuses"],
            report["in_process"]["events"],
        ) == (
            0,
            SCHEMA,
            None,
            5,
            {"processed": 5},
            5,
        )
        assert sorted(report) == [
            "baseline",
            "broker",
            "corpus",
            "elapsed_seconds",
            "gemm",
            "git",
            "host",
            "in_process",
            "ratios",
            "schema",
            "settings",
            "started_at",
            "targets",
            "version",
        ]
        assert report["gemm"]["baseline"] == "blis"  # spaCy's own matrix products unless --baseline-gemm blas

    def test_zero_articles_rejected(self, tiny_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``--articles 0`` exits 2 with one clear line."""
        assert main(["bench", "--corpus", str(tiny_corpus), "--articles", "0", "--skip-broker"]) == 2
        assert "--articles must be at least 1" in capsys.readouterr().err

    def test_bad_corpus_rejected(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A corpus that does not exist exits 2 and names the path."""
        assert main(["bench", "--corpus", str(tmp_path / "none.jsonl"), "--skip-broker"]) == 2
        assert "none.jsonl: no such file or directory" in capsys.readouterr().err

    def test_unknown_extractor_rejected(self, tiny_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An extractor spec that cannot load exits 2 with the reason."""
        code = main(
            [
                "bench",
                "--corpus",
                str(tiny_corpus),
                "--skip-broker",
                "--skip-baseline",
                "--extractor",
                "no_such_module:factory",
            ]
        )
        assert code == 2
        assert "cannot load extractor factory 'no_such_module:factory'" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.broker
def test_full_run_json_has_every_field(tiny_corpus: Path, tmp_path: Path) -> None:
    """The whole benchmark (baseline, in process, 1 and 2 workers on Tansu) runs on a tiny corpus."""
    out = tmp_path / "bench.json"
    code = main(
        [
            "bench",
            "--corpus",
            str(tiny_corpus),
            "--articles",
            "6",
            "--extractor",
            FAKE,
            "--json",
            str(out),
            "--timeout",
            "90",
        ]
    )
    report = json.loads(out.read_text())
    one, two = report["broker"]["one_worker"], report["broker"]["two_workers"]
    assert (code, sorted(one), sorted(two)) == (
        0,
        ["full_rate", "half_rate", "peak_rss_mb", "worker_pids"],
        ["full_rate", "peak_rss_mb", "worker_pids"],
    )
    for phase in (one["full_rate"], one["half_rate"], two["full_rate"]):
        assert (phase["articles"], phase["statuses"], phase["events"]) == (6, {"processed": 6}, 6)
        assert sorted(phase["latency_article_to_event"]) == ["count", "max_ms", "p50_ms", "p95_ms", "p99_ms"]
        assert (phase["latency_article_to_event"]["count"], phase["processing_time"]["count"]) == (6, 6)
    assert report["baseline"]["articles"] == 6
    assert len(two["peak_rss_mb"]) == 2
    assert all(50 < rss < 2000 for rss in one["peak_rss_mb"] + two["peak_rss_mb"])
    assert [t["met"] is not None for t in report["targets"]] == [True] * 8


def test_poison_article_counted_not_fatal(tmp_path: Path) -> None:
    """An article whose extraction raises is counted as ``error`` and the other articles still run."""
    corpus = tmp_path / "poison.jsonl"
    texts = [*TEXTS[:2], "A POISON-PILL sentence that the fake extractor refuses."]
    corpus.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts))
    out = tmp_path / "bench.json"
    code = main(
        [
            "bench",
            "--corpus",
            str(corpus),
            "--articles",
            "3",
            "--skip-broker",
            "--skip-baseline",
            "--extractor",
            FAKE,
            "--json",
            str(out),
            "--warmup",
            "0",
        ]
    )
    in_process = json.loads(out.read_text())["in_process"]
    assert (code, in_process["statuses"], in_process["errors"]) == (
        0,
        {"error": 1, "processed": 2},
        {"RuntimeError: poison pill found in the article text": 1},
    )


def test_dead_worker_stops_the_wait(tmp_path: Path) -> None:
    """Waiting on the broker gives up with the worker's exit code and stderr when a worker dies."""
    import asyncio
    import subprocess
    import sys

    from conflict_events.benchmark.endtoend import watch
    from conflict_events.benchmark.workers import WorkerDied, WorkerProcess

    err = tmp_path / "w.err"
    with err.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", "import sys; sys.stderr.write('model missing'); sys.exit(3)"],
            stderr=stderr,
        )
    process.wait(timeout=30)
    worker = WorkerProcess(process, tmp_path / "w.out", err)
    with pytest.raises(WorkerDied, match=r"exited with code 3: model missing"):
        asyncio.run(watch(asyncio.sleep(30), [worker], what="test", timeout=20))


def test_rounds_split_evenly() -> None:
    """Interleaving rounds are contiguous slices covering every text, never more rounds than texts."""
    from conflict_events.benchmark.inprocess import _rounds

    assert ([list(r) for r in _rounds(7, 3)], len(_rounds(2, 4))) == ([[0, 1], [2, 3], [4, 5, 6]], 2)
