"""``conflict-events publish FILE|- …``: validate articles (JSONL or text) and produce them to Kafka.

All input is validated before anything is sent: one invalid line stops the command with the file
and line number, and nothing is published, so a corrected re-run does not duplicate a prefix.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

from aiokafka import AIOKafkaProducer

from conflict_events.cli import CommandError
from conflict_events.contracts import Article
from conflict_events.settings import Settings
from conflict_events.stream.article_input import ArticleInputError, parse_published_at, read_articles
from conflict_events.stream.worker_command import load_settings


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of ``publish``; the broker and topics come from the environment (``Settings``)."""
    parser.add_argument(
        "sources",
        nargs="+",
        metavar="FILE|-",
        help="JSONL file(s) (one Article per line), text file(s), directories, or - for stdin",
    )
    parser.add_argument("--topic", help="Target topic (default: TOPIC_ARTICLES).")
    parser.add_argument(
        "--published-at",
        metavar="ISO",
        help="Publication time for articles that have none (e.g. 2017-08-04).",
    )


async def publish_articles(settings: Settings, articles: Sequence[Article], topic: str) -> int:
    """Produce every article (key = id, value = JSON) with acks=all; return how many were acknowledged."""
    producer = AIOKafkaProducer(
        acks="all",
        max_request_size=max(settings.max_message_bytes * 2, 1_048_576),
        **settings.aiokafka_options(),
    )
    await producer.start()
    try:
        futures = [
            await producer.send(
                topic, article.model_dump_json(exclude_none=True).encode(), key=article.id.encode()
            )
            for article in articles
        ]
        await asyncio.gather(*futures)
    finally:
        await producer.stop()
    return len(futures)


def run(args: argparse.Namespace) -> int:
    """Read, validate, publish; print the count to stderr."""
    settings = load_settings()
    try:
        published_at = parse_published_at(args.published_at) if args.published_at else None
        articles = read_articles(args.sources, published_at=published_at)
    except ArticleInputError as exc:
        raise CommandError(f"{exc} (nothing was published)") from exc
    if not articles:
        raise CommandError("no articles in the input (nothing was published)")
    topic = args.topic or settings.topic_articles
    try:
        count = asyncio.run(publish_articles(settings, articles, topic))
    except Exception as exc:
        raise CommandError(f"cannot publish to {settings.bootstrap_servers}: {exc!r}") from exc
    print(f"published {count} article(s) to {topic} at {settings.bootstrap_servers}", file=sys.stderr)
    return 0
