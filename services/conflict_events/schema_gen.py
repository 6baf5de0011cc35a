"""``conflict-events schemas [--check]``: JSON Schemas (2020-12) from the pydantic contracts, plus examples.

The pydantic models in ``contracts.py`` are the source; ``schemas/<name>.v<major>.schema.json`` are
the published contract.  ``--check`` exits non-zero when a file differs from what the models generate
(drift), without writing.  Examples in ``schemas/examples/`` are the seed article, the events the
extractor makes of it and its outcome, produced by the same code path as the worker.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from conflict_events.cli import CommandError
from conflict_events.contracts import SCHEMA_VERSION, Article, ArticleOutcome, ConflictEvent, Incident
from conflict_events.stream.records import SCHEMA_BASE_URI

DIALECT = "https://json-schema.org/draft/2020-12/schema"
MAJOR = SCHEMA_VERSION.split(".")[0]
MODELS: dict[str, type[BaseModel]] = {
    "article": Article,
    "conflict-event": ConflictEvent,
    "article-outcome": ArticleOutcome,
    "incident": Incident,
}
REPO = Path(__file__).resolve().parents[2]
SEED = "000_7e46fb40130ba7bf"
EXAMPLE_PROCESSED_AT = datetime(2017, 8, 4, 12, 0, 0, tzinfo=UTC)
"""Fixed clock for the examples so they only change when the extractor does."""


def schema_file(name: str) -> str:
    """``conflict-event`` → ``conflict-event.v1.schema.json``."""
    return f"{name}.v{MAJOR}.schema.json"


def build_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one model, with dialect, versioned ``$id`` and the schema version."""
    model = MODELS[name]
    # Output models are validated as they are serialized; the input model as it is read.
    schema = model.model_json_schema(mode="validation" if model is Article else "serialization")
    return {
        "$schema": DIALECT,
        "$id": f"{SCHEMA_BASE_URI}{schema_file(name)}",
        "x-schema-version": SCHEMA_VERSION,
        **schema,
    }


def render(data: Any) -> str:
    """Stable JSON text (sorted keys, 2-space indent, trailing newline) for files under version control."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def build_examples(extractor_spec: str = "core") -> dict[str, str]:
    """Seed article, its events and its outcome, as the worker would publish them."""
    from conflict_events.extractor import load_extractor
    from conflict_events.settings import Settings
    from conflict_events.stream.article_input import read_articles
    from conflict_events.stream.handling import handle_batch
    from conflict_events.stream.records import InboundMessage

    [article] = read_articles([str(REPO / "seeds" / f"{SEED}.txt")])
    value = article.model_dump_json(exclude_none=True).encode()
    message = InboundMessage(
        "articles",
        0,
        0,
        article.id.encode(),
        value,
        article.published_at.timestamp() if article.published_at else None,
    )
    settings = Settings(KAFKA_BOOTSTRAP_SERVERS="localhost:9092")
    [handled] = handle_batch(
        [message],
        settings=settings,
        extractor=load_extractor(extractor_spec).extract,
        now=lambda: EXAMPLE_PROCESSED_AT,
    )
    outcome = handled.outcome.model_copy(update={"timings": {}})  # wall-clock timings would churn the file
    return {
        f"article.v{MAJOR}.example.json": render(json.loads(value)),
        f"conflict-event.v{MAJOR}.examples.json": render([e.model_dump(mode="json") for e in handled.events]),
        f"article-outcome.v{MAJOR}.example.json": render(outcome.model_dump(mode="json")),
    }


def drifted(directory: Path) -> list[str]:
    """Schema files that are missing or differ from the models."""
    return [
        schema_file(name)
        for name in MODELS
        if not (directory / schema_file(name)).is_file()
        or (directory / schema_file(name)).read_text(encoding="utf-8") != render(build_schema(name))
    ]


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of ``schemas``."""
    parser.add_argument(
        "--check", action="store_true", help="Fail if the schema files drifted; write nothing."
    )
    parser.add_argument(
        "--dir", type=Path, default=REPO / "schemas", help="Output directory (default schemas/)."
    )
    parser.add_argument("--no-examples", action="store_true", help="Write the schemas only.")
    parser.add_argument("--extractor", default="core", help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    """Write (or check) the schemas, then the examples."""
    directory: Path = args.dir
    if args.check:
        stale = drifted(directory)
        if stale:
            raise CommandError(
                f"schemas drifted from contracts.py: {', '.join(stale)}; "
                "run `conflict-events schemas` and commit the result"
            )
        print(f"{len(MODELS)} schemas match the models", file=sys.stderr)
        return 0
    directory.mkdir(parents=True, exist_ok=True)
    for name in MODELS:
        (directory / schema_file(name)).write_text(render(build_schema(name)), encoding="utf-8")
    written = len(MODELS)
    if not args.no_examples:
        try:
            examples = build_examples(args.extractor)
        except ImportError as exc:
            raise CommandError(f"schemas written; examples need the extraction core: {exc}") from exc
        (directory / "examples").mkdir(exist_ok=True)
        for file_name, text in examples.items():
            (directory / "examples" / file_name).write_text(text, encoding="utf-8")
        written += len(examples)
    print(f"wrote {written} files under {directory}", file=sys.stderr)
    return 0
