"""``conflict-events eval``: score the extractor on public gold sets and guard a regression floor.

Example:
    conflict-events eval --gold ../shared/eval/dev --report eval.json --floor tests/eval_floor.json

Prints one table per set (every figure with its n), writes the JSON report when asked, and exits 1 when a
floor figure is below its minimum, 2 on bad input (missing path, unreadable gold or floor file).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from conflict_events.cli import CommandError

from .article_gold import load as load_articles
from .records import GoldFileError
from .report import (
    SetReport,
    check_ceiling,
    check_floor,
    floor_limit,
    load_baseline,
    load_ceiling,
    load_floor,
    render_markdown,
    render_table,
    to_json,
)
from .runner import SETS, Extractor, load_set, parallel, pipeline_extractor, run_set
from .score_incidents import load as load_incidents
from .score_seed import load_seed

DEFAULT_JOBS = min(2, os.cpu_count() or 1)


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of the eval subcommand."""
    parser.add_argument(
        "--gold", type=Path, required=True, help="folder (searched recursively) or one JSONL file"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(SETS),
        metavar="SET",
        help=f"score only this set (repeatable): {', '.join(sorted(SETS))}",
    )
    parser.add_argument("--report", type=Path, help="write the JSON report here")
    parser.add_argument("--baseline", type=Path, help="an earlier --report JSON: tables show the change")
    parser.add_argument("--markdown", type=Path, help="also write the tables as Markdown here")
    parser.add_argument("--floor", type=Path, help="JSON floor file; exit 1 if a figure falls below it")
    parser.add_argument(
        "--limit",
        type=int,
        help="at most N records per set (spread evenly; default: the floor's _limit, else all)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=DEFAULT_JOBS,
        help=f"forked worker processes for extraction (default {DEFAULT_JOBS}: cores, at most 2)",
    )
    parser.add_argument(
        "--articles",
        type=Path,
        help="the article gold set (default: the project's data/eval_articles.jsonl, scored on every run)",
    )
    parser.add_argument(
        "--incidents",
        type=Path,
        help="the incident gold set (default: the project's data/eval_incidents.jsonl, scored on every run)",
    )
    parser.add_argument(
        "--seeds",
        type=Path,
        default=Path("seeds"),
        help="folder holding the seed article (default: ./seeds); skipped if absent",
    )


def evaluate(
    args: argparse.Namespace, extractor: Extractor | None = None
) -> tuple[list[SetReport], list[str]]:
    """Run every selected set; returns the reports and the floor failures (the testable core of ``run``)."""
    if not args.gold.exists():
        raise CommandError(f"--gold {args.gold}: no such file or folder")
    if args.limit is not None and args.limit < 1:
        raise CommandError("--limit must be at least 1")
    try:
        baseline = load_baseline(args.baseline) if args.baseline else None
        floor = load_floor(args.floor) if args.floor else {}
        ceiling = load_ceiling(args.floor) if args.floor else {}
        if args.floor and args.limit is None and (limit := floor_limit(args.floor)) is not None:
            print(f"--limit {limit}: the sample the floor in {args.floor} was measured on", flush=True)
            args.limit = limit
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    chosen = args.only or list(SETS)
    reports: list[SetReport] = []
    for name in chosen:
        spec = SETS[name]
        try:
            if name == "seed":
                seed = load_seed(args.seeds)
                records, files = ([seed], [str(args.seeds)]) if seed else ([], [])
            elif name == "articles":
                records, files = load_articles(args.articles, args.limit)
            elif name == "incidents":
                records, files = load_incidents(args.incidents, args.limit)
            else:
                records, files = load_set(spec, args.gold, args.limit)
        except (GoldFileError, OSError, json.JSONDecodeError) as exc:
            raise CommandError(str(exc)) from exc
        if not records:
            continue
        if extractor is None:
            try:
                extractor = parallel(pipeline_extractor(), args.jobs)
            except RuntimeError as exc:
                raise CommandError(str(exc)) from exc
        try:
            reports.append(run_set(spec, records, extractor, files))
        except ValueError as exc:
            raise CommandError(f"{name}: {exc}") from exc
        old = baseline.get(name, {}) if baseline is not None else None
        print(render_table(reports[-1], old), "\n", flush=True)
    if not reports:
        raise CommandError(f"no gold files found under {args.gold} for: {', '.join(chosen)}")
    return reports, check_floor(reports, floor) + check_ceiling(reports, ceiling)


def run(args: argparse.Namespace) -> int:
    """Entry point of ``conflict-events eval``."""
    started = time.perf_counter()
    reports, failures = evaluate(args)
    total = time.perf_counter() - started
    print(f"total wall time {total:.1f}s for {sum(r.records for r in reports)} records")
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(
            json.dumps(to_json(reports, total_seconds=total, argv=sys.argv), indent=1, default=str) + "\n",
            encoding="utf-8",
        )
        print(f"report written to {args.report}")
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        floor = load_floor(args.floor) if args.floor else None
        args.markdown.write_text(render_markdown(reports, floor), encoding="utf-8")
        print(f"markdown tables written to {args.markdown}")
    if failures:
        print("BELOW FLOOR:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    if args.floor:
        print(f"floor {args.floor}: all figures at or above their minimum (and under their _ceiling)")
    return 0
