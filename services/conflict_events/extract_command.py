"""``conflict-events extract FILE|- …``: extract events offline (no Kafka), one event per output line.

Input as in ``publish`` (JSONL articles, text files with optional envelope, directories, stdin).
Output through ``conflict_events.outputs.make_writer``: JSONL (every line a ``ConflictEvent`` with
its ``article_id``), ACLED-column CSV, GeoJSON or a table.  A summary goes to stderr, and a progress
bar too when stderr is a terminal and there are several articles.

``--incidents`` resolves the events of every input across articles (the stream's resolver, offline:
``incidents.resolve_all`` over all events in publication order) and writes the ``Incident`` records
instead of the events: JSONL, one record per line, or a table.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import TextIO

from conflict_events.cli import CommandError
from conflict_events.contracts import Article, ConflictEvent, Incident
from conflict_events.core.text.clean import clean_article
from conflict_events.extractor import CORE, ExtractionOutput, Extractor, load_extractor
from conflict_events.incidents import resolve_all
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
    parser.add_argument(
        "--incidents",
        action="store_true",
        help="Resolve the events of all inputs into cross-article incidents (in publication order) and "
        f"write the incident records instead of the events (formats: {', '.join(INCIDENT_FORMATS)}).",
    )
    parser.add_argument("--extractor", default=CORE, metavar="SPEC", help=argparse.SUPPRESS)


def _extracted(
    articles: Sequence[Article], extractor: Extractor, err: TextIO, *, progress: bool
) -> Iterator[tuple[Article, ExtractionOutput]]:
    """Every article with its extraction result, in input order, batch by batch; skips are reported.

    Raises:
        CommandError: the extractor failed on an article (named in the message).
    """
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
                    print(f"skipped {article.id}: {result.skip_reason}", file=err)
                yield article, result
            if bar is not None:
                bar.update(len(batch))
    finally:
        if bar is not None:
            bar.close()


def extract_to(
    articles: Sequence[Article], extractor: Extractor, fmt: str, out: TextIO, err: TextIO, *, progress: bool
) -> tuple[int, int, int]:
    """Extract every article and write its events; return (articles, events, skipped).

    Raises:
        CommandError: the extractor failed on an article (named in the message).
    """
    writer = make_writer(fmt, out)
    events = skipped = 0
    try:
        for _article, result in _extracted(articles, extractor, err, progress=progress):
            skipped += result.status != "processed"
            for event in result.events:
                writer.write(event)
                events += 1
    finally:
        writer.close()
    return len(articles), events, skipped


INCIDENT_FORMATS = ("jsonl", "table")
"""Formats ``--incidents`` writes: the record JSON per line, or a terminal table."""


def publication_order(articles: Sequence[Article]) -> list[int]:
    """Indexes of ``articles`` by publication time, input order on ties, undated articles last (a naive
    time counts as UTC)."""

    def key(i: int) -> tuple[bool, datetime, int]:
        when = articles[i].published_at
        if when is None:
            return True, datetime.min.replace(tzinfo=UTC), i
        return False, when if when.tzinfo else when.replace(tzinfo=UTC), i

    return sorted(range(len(articles)), key=key)


def incidents_to(
    articles: Sequence[Article], extractor: Extractor, fmt: str, out: TextIO, err: TextIO, *, progress: bool
) -> tuple[int, int, int, int]:
    """Extract every article, resolve all events into incidents and write those; return (articles,
    events, incidents, skipped).

    Events are resolved in the articles' publication order (the order a live stream would see them),
    each article's events in text order; incidents are written oldest first.

    Raises:
        CommandError: an unknown format for incidents, or the extractor failed on an article.
    """
    if fmt not in INCIDENT_FORMATS:
        raise CommandError(f"--incidents writes {' or '.join(INCIDENT_FORMATS)}, not {fmt}")
    per_article: list[tuple[ConflictEvent, ...]] = []
    skipped = 0
    for _article, result in _extracted(articles, extractor, err, progress=progress):
        skipped += result.status != "processed"
        per_article.append(tuple(result.events))
    order = publication_order(articles)
    incidents = resolve_all(event for i in order for event in per_article[i])
    if fmt == "jsonl":
        for incident in incidents:
            out.write(incident.model_dump_json() + "\n")
    else:
        write_incident_table(incidents, out)
    out.flush()
    return len(articles), sum(len(e) for e in per_article), len(incidents), skipped


INCIDENT_COLUMNS: tuple[tuple[str, int], ...] = (
    ("dates", 22),
    ("act", 33),
    ("place", 24),
    ("killed", 6),
    ("articles", 8),
    ("sources", 34),
    ("incident", 36),
)
"""(header, width) of the incident table."""


def _cell(text: str, width: int) -> str:
    text = " ".join(text.split())
    return (text[: width - 1] + "…") if len(text) > width else text.ljust(width)


def write_incident_table(incidents: Sequence[Incident], out: TextIO) -> None:
    """A fixed-width table, one line per incident: dates, act, best place, current toll, reports."""
    out.write(" ".join(_cell(name.upper(), width) for name, width in INCIDENT_COLUMNS).rstrip() + "\n")
    out.write(" ".join("-" * width for _, width in INCIDENT_COLUMNS) + "\n")
    for incident in incidents:
        dates = incident.date.start.isoformat()
        if incident.date.end != incident.date.start:
            dates += ".." + incident.date.end.isoformat()
        place = incident.location.name if incident.location else "-"
        if incident.location and incident.location.country:
            place += f" ({incident.location.country})"
        killed = next((str(q.value) for q in incident.quantities if q.kind == "killed"), "-")
        sources = ", ".join(a.name for a in incident.actors if a.role == "source" and a.named) or "-"
        cells = [
            dates,
            incident.acled_sub_event_type or incident.acled_event_type or incident.event_type,
            place,
            killed,
            str(incident.source_count),
            sources,
            incident.incident_id,
        ]
        row = " ".join(
            _cell(cell, width) for cell, (_name, width) in zip(cells, INCIDENT_COLUMNS, strict=True)
        )
        out.write(row.rstrip() + "\n")


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
    progress = sys.stderr.isatty() and len(articles) > 1
    try:
        if args.incidents:
            count, events, incidents, skipped = incidents_to(
                articles, loaded.extract, args.format, out, sys.stderr, progress=progress
            )
        else:
            count, events, skipped = extract_to(
                articles, loaded.extract, args.format, out, sys.stderr, progress=progress
            )
    finally:
        if out is not sys.stdout:
            out.close()
    resolved = f", {incidents} incident(s)" if args.incidents else ""
    print(f"{count} article(s), {events} event(s){resolved}, {skipped} skipped", file=sys.stderr)
    return 0
