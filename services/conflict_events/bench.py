"""``conflict-events bench``: measure, in one run and on the same texts, the spaCy full-parse baseline,
the extractor in process, and the whole service through a real broker (1 worker at full and half
rate, then 2 workers); print a table and write JSON.

Example:
    conflict-events bench --articles 200 --json bench.json
    conflict-events bench --corpus seeds --articles 20 --skip-broker
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from conflict_events import __version__
from conflict_events.benchmark.corpus import CorpusError, load_corpus, word_count
from conflict_events.benchmark.inprocess import load_baseline, load_for_bench, measure_in_process
from conflict_events.benchmark.profiling import PySpyRecorder
from conflict_events.benchmark.report import add_ratios, format_table
from conflict_events.blas_ops import GEMM_BACKENDS, gemm_backend
from conflict_events.cli import CommandError
from conflict_events.extractor import CORE
from conflict_events.settings import Settings

SCHEMA = "conflict-events-bench/1"


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of ``bench``."""
    parser.add_argument(
        "--corpus",
        type=Path,
        metavar="PATH",
        help="a .jsonl file (objects with 'text'), a .txt file, or a directory of them "
        "(default: news-length files of ../shared/eval/dev, else seeds/)",
    )
    parser.add_argument(
        "--articles",
        type=int,
        default=200,
        metavar="N",
        help="articles per measurement; the corpus is cut or cycled to N (default 200)",
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="write every figure to this JSON file")
    parser.add_argument("--skip-broker", action="store_true", help="only the in-process measurements")
    parser.add_argument(
        "--skip-baseline", action="store_true", help="do not run the spaCy full-parse baseline"
    )
    parser.add_argument(
        "--baseline-gemm",
        choices=GEMM_BACKENDS,
        default="blis",
        help="matrix products of the baseline parse: 'blis' (spaCy's own, default) or 'blas' (the worker's "
        "default, CONFLICT_EVENTS_GEMM), for a like-for-like ratio",
    )
    parser.add_argument(
        "--extractor",
        default=CORE,
        metavar="SPEC",
        help="'core' (default) or MODULE:FACTORY, as for 'conflict-events worker'",
    )
    parser.add_argument(
        "--batch-size",
        type=int,
        metavar="N",
        help="articles per extractor call and worker BATCH_SIZE (default: the settings default)",
    )
    parser.add_argument(
        "--partitions",
        type=int,
        default=2,
        metavar="N",
        help="partitions of the bench topics (>= 2 so two workers can share; default 2)",
    )
    parser.add_argument(
        "--bootstrap", metavar="HOST:PORT", help="use this Kafka instead of starting the embedded broker"
    )
    parser.add_argument(
        "--warmup", type=int, default=8, metavar="N", help="untimed articles run first in process (default 8)"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=4,
        metavar="R",
        help="in process, alternate baseline and extractor over R slices of the texts, so both meet the same "
        "load from other processes (default 4)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        metavar="SECONDS",
        help="longest wait for a worker's output before giving up (default 120)",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="also profile (py-spy) the extractor in process and one worker; stacks go to DIR",
    )


def _git_state() -> dict[str, Any]:
    """Commit of the working tree and whether it has uncommitted changes (None outside a git checkout)."""
    root = Path(__file__).resolve().parents[2]
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10
        )
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        return {"commit": None, "dirty": None}
    if commit.returncode != 0:
        return {"commit": None, "dirty": None}
    return {"commit": commit.stdout.strip(), "dirty": bool(status.stdout.strip())}


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _check(args: argparse.Namespace) -> int:
    if args.articles < 1:
        raise CommandError("--articles must be at least 1")
    if args.rounds < 1:
        raise CommandError("--rounds must be at least 1")
    if args.partitions < 1:
        raise CommandError("--partitions must be at least 1")
    batch_size = args.batch_size or Settings.model_fields["batch_size"].default
    if not 1 <= batch_size <= 1000:
        raise CommandError("--batch-size must be within 1..1000")
    if args.json is not None and args.json.parent and not args.json.parent.is_dir():
        raise CommandError(f"--json: directory {args.json.parent} does not exist")
    return int(batch_size)


def _in_process(
    args: argparse.Namespace, texts: tuple[str, ...], batch_size: int, report: dict[str, Any]
) -> None:
    try:
        loaded, load_seconds = load_for_bench(args.extractor)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    baseline = None if args.skip_baseline else load_baseline(args.baseline_gemm)
    report["gemm"] = {"baseline": args.baseline_gemm, "extractor": gemm_backend()}
    what = "extractor" if baseline is None else "baseline (spaCy sm full pipeline) and extractor"
    _say(f"{what} in process over {len(texts)} texts, {args.rounds} round(s)")
    base, run = measure_in_process(
        loaded,
        texts,
        batch_size=batch_size,
        warmup=args.warmup,
        baseline=baseline,
        rounds=args.rounds,
        load_seconds=load_seconds,
    )
    report["baseline"] = None if base is None else base.as_dict()
    report["in_process"] = run.as_dict()
    del baseline
    if args.profile is not None:
        with PySpyRecorder(os.getpid(), args.profile / "in_process.pyspy.txt") as recorder:
            measure_in_process(loaded, texts, batch_size=batch_size, warmup=0)
        report["in_process"]["profile"] = recorder.summary()
        _say(f"in-process profile: {recorder.output}")


def _broker(
    args: argparse.Namespace, texts: tuple[str, ...], batch_size: int, report: dict[str, Any]
) -> None:
    from conflict_events.benchmark.session import BrokerOptions, run_broker_bench
    from conflict_events.benchmark.workers import WorkerDied

    with tempfile.TemporaryDirectory(prefix="conflict-events-bench-") as workdir:
        options = BrokerOptions(
            extractor=args.extractor,
            batch_size=batch_size,
            partitions=args.partitions,
            workdir=Path(workdir),
            bootstrap=args.bootstrap,
            timeout_seconds=args.timeout,
            profile_dir=args.profile,
        )
        try:
            report["broker"] = run_broker_bench(texts, options, _say)
        except (WorkerDied, TimeoutError, RuntimeError, OSError, ValueError) as exc:
            raise CommandError(f"broker measurement failed: {exc}") from exc


def run(args: argparse.Namespace) -> int:
    """Run every measurement, print the table, write the JSON; 0 when all ran (targets are not asserted)."""
    batch_size = _check(args)
    try:
        corpus = load_corpus(args.corpus)
    except CorpusError as exc:
        raise CommandError(str(exc)) from exc
    texts = corpus.take(args.articles)
    words = sum(map(word_count, texts))
    report: dict[str, Any] = {
        "schema": SCHEMA,
        "version": __version__,
        "started_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "host": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_at_start": [round(v, 2) for v in os.getloadavg()],
        },
        "corpus": {
            "sources": list(corpus.sources),
            "documents": len(corpus.texts),
            "articles": len(texts),
            "words": words,
            "mean_words": round(words / len(texts), 1),
        },
        "git": _git_state(),
        "settings": {
            "extractor": args.extractor,
            "batch_size": batch_size,
            "partitions": args.partitions,
            "rounds": args.rounds,
        },
        "baseline": None,
        "in_process": None,
        "broker": None,
    }
    started = time.perf_counter()
    _in_process(args, texts, batch_size, report)
    if not args.skip_broker:
        _broker(args, texts, batch_size, report)
    report["host"]["load_average_at_end"] = [round(v, 2) for v in os.getloadavg()]
    report["elapsed_seconds"] = round(time.perf_counter() - started, 1)
    add_ratios(report)
    print(format_table(report))
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        _say(f"wrote {args.json}")
    return 0
