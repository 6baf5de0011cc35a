"""``conflict-events extract FILE|- …``: extract events offline (no Kafka), one event per output line.

Input as in ``publish`` (JSONL articles, text files with optional envelope, directories, stdin).
Output through ``conflict_events.outputs.make_writer``: JSONL (every line a ``ConflictEvent`` with
its ``article_id``), ACLED-column CSV, GeoJSON or a table.  A summary goes to stderr, and a progress
bar too when stderr is a terminal and there are several articles.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TextIO

from conflict_events.cli import CommandError
from conflict_events.contracts import Article
from conflict_events.core.text.clean import clean_article
from conflict_events.extractor import CORE, Extractor, load_extractor
from conflict_events.outputs import FORMATS, make_writer
from conflict_events.stream.article_input import ArticleInputError, parse_published_at, read_articles

BATCH = 16
"""Articles handed to the extractor at once (``extract_many`` pipes them through spaCy together)."""


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of ``extract``."""
    parser.add_argument(
        "sources",
        nargs="+",
        metavar="FILE|-",
        help="JSONL file(s), text file(s), directories, or - for stdin",
    )
    parser.add_argument("--format", choices=FORMATS, default="jsonl", help="Output format (default jsonl).")
    parser.add_argument(
        "--published-at",
        metavar="ISO",
        help="Publication time for articles that have none (relative dates resolve against it).",
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="Write here instead of stdout.")
    parser.add_argument("--extractor", default=CORE, metavar="SPEC", help=argparse.SUPPRESS)


def extract_to(
    articles: Sequence[Article], extractor: Extractor, fmt: str, out: TextIO, err: TextIO, *, progress: bool
) -> tuple[int, int, int]:
    """Extract every article and write its events; return (articles, events, skipped).

    Raises:
        CommandError: the extractor failed on an article (named in the message).
    """
    writer = make_writer(fmt, out)
    events = skipped = 0
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(articles), unit="article", file=err)
    ingested_at = datetime.now(UTC)
    try:
        for start in range(0, len(articles), BATCH):
            batch = articles[start : start + BATCH]
            try:
                results = extractor(batch, ingested_at)
            except Exception as exc:
                raise CommandError(
                    f"extraction failed in articles {batch[0].id}..{batch[-1].id}: "
                    f"{type(exc).__name__}: {exc}"
                ) from exc
            for article, result in zip(batch, results, strict=True):
                if result.status != "processed":
                    skipped += 1
                    print(f"skipped {article.id}: {result.skip_reason}", file=err)
                for event in result.events:
                    writer.write(event)
                    events += 1
            if bar is not None:
                bar.update(len(batch))
    finally:
        writer.close()
        if bar is not None:
            bar.close()
    return len(articles), events, skipped


def run(args: argparse.Namespace) -> int:
    """Read, extract, write; print a one-line summary to stderr."""
    try:
        published_at = parse_published_at(args.published_at) if args.published_at else None
        articles = [clean_article(a) for a in read_articles(args.sources, published_at=published_at)]
    except ArticleInputError as exc:
        raise CommandError(str(exc)) from exc
    if not articles:
        raise CommandError("no articles in the input")
    try:
        loaded = load_extractor(args.extractor)
    except (ValueError, ImportError) as exc:
        raise CommandError(f"cannot load the extractor: {exc}") from exc
    out: TextIO
    if args.output:
        try:
            out = open(args.output, "w", encoding="utf-8", newline="" if args.format == "csv" else None)  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"cannot write {args.output}: {exc.strerror or exc}") from exc
    else:
        out = sys.stdout
    try:
        count, events, skipped = extract_to(
            articles,
            loaded.extract,
            args.format,
            out,
            sys.stderr,
            progress=sys.stderr.isatty() and len(articles) > 1,
        )
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"{count} article(s), {events} event(s), {skipped} skipped", file=sys.stderr)
    return 0
