"""``conflict-events train``: rebuild the decision model from the corpus and print cross-validated figures."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from conflict_events.cli import CommandError


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of ``conflict-events train``."""
    from conflict_events.learning.corpus import CORPUS_DIR
    from conflict_events.learning.train import MODEL_FILE

    parser.add_argument(
        "corpus", nargs="*", type=Path, default=[CORPUS_DIR],
        help=f"corpus JSONL files or folders (default: {CORPUS_DIR})",
    )  # fmt: skip
    parser.add_argument(
        "--output", "-o", type=Path, default=MODEL_FILE, help=f"model file (default {MODEL_FILE})"
    )
    parser.add_argument(
        "--documents", action="append", type=Path, default=[], metavar="JSONL",
        help="whole labelled documents for the article head: MUC-4 DEV only "
        "(../shared/eval/dev/muc4_dev_part1.jsonl and part2; repeatable; read in place, never copied)",
    )  # fmt: skip
    parser.add_argument("--check", action="store_true", help="validate the corpus and stop (no training)")


def run(args: argparse.Namespace) -> int:
    """Validate, cross-validate, check the floors, write the model (exit 2 with FILE:LINE on bad input)."""
    from conflict_events.learning.corpus import CorpusError, read_corpus
    from conflict_events.learning.documents import read_documents

    started = time.perf_counter()
    try:
        records = read_corpus(args.corpus)
        documents = read_documents(args.documents)
    except CorpusError as exc:
        raise CommandError(str(exc)) from exc
    print(f"corpus: {len(records)} texts from {', '.join(map(str, args.corpus))}", file=sys.stderr)
    if documents:
        relevant = sum(d.relevant for d in documents)
        print(f"documents: {len(documents)} ({relevant} report an incident)", file=sys.stderr)
    if args.check:
        return 0
    from conflict_events.extractor import load_core_extractor
    from conflict_events.learning.train import TrainingError, train, write_model

    loaded = load_core_extractor(decisions=False)
    at = datetime(2024, 1, 1, tzinfo=UTC)
    try:
        arrays, _ = train(records, lambda batch: loaded.extract(batch, at), documents=documents, log=print)
    except TrainingError as exc:
        raise CommandError(f"{exc}; the model was not written") from exc
    size = write_model(arrays, args.output)
    print(
        f"wrote {args.output} ({size / 1e6:.1f} MB, version {arrays['version']}) "
        f"in {time.perf_counter() - started:.0f} s"
    )
    return 0
