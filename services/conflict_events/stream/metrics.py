"""Prometheus metrics of the worker: fixed names and labels (ops dashboards and alerts depend on them).

The metric objects live in one holder built against a registry passed in, so tests use a fresh
``CollectorRegistry()`` and production uses the default one served by ``start_http_server``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from conflict_events import __version__
from conflict_events.contracts import SCHEMA_VERSION
from conflict_events.resources import DATA_DIR
from conflict_events.stream.decode import ALL_SKIP_REASONS, DLQ_REASONS

OUTCOMES = ("processed", "skipped", "dead_lettered")
ERROR_STAGES = ("decode", "extract", "publish")

EVENT_TYPES_CSV = DATA_DIR / "event_types.csv"
"""The core's event-type table; its (event_type, category) columns give the series made at start."""

DURATION_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0)


class WorkerMetrics:
    """Every ``extractor_*`` metric of ARCHITECTURE.md, registered on ``registry``.

    Example:
        >>> registry = CollectorRegistry()
        >>> metrics = WorkerMetrics(registry, spacy_model="none")
        >>> registry.get_sample_value("extractor_articles_consumed_total", {"outcome": "processed"})
        0.0
    """

    def __init__(self, registry: CollectorRegistry, *, spacy_model: str = "unknown") -> None:
        self.articles_consumed = Counter(
            "extractor_articles_consumed",
            "Input messages finished, by outcome.",
            ["outcome"],
            registry=registry,
        )
        self.articles_skipped = Counter(
            "extractor_articles_skipped", "Articles skipped, by reason.", ["reason"], registry=registry
        )
        self.dlq_messages = Counter(
            "extractor_dlq_messages",
            "Messages sent to the dead-letter topic, by reason.",
            ["reason"],
            registry=registry,
        )
        self.events_published = Counter(
            "extractor_events_published",
            "Events published, by PLOVER type and category.",
            ["event_type", "category"],
            registry=registry,
        )
        self.events_by_country = Counter(
            "extractor_events_by_country",
            "Events published, by ISO-3 country of the location.",
            ["country"],
            registry=registry,
        )
        self.extraction_errors = Counter(
            "extractor_extraction_errors",
            "Failures while handling an article, by stage.",
            ["stage"],
            registry=registry,
        )
        self.extraction_duration = Histogram(
            "extractor_extraction_duration_seconds",
            "Time spent in the extraction core per article.",
            buckets=DURATION_BUCKETS,
            registry=registry,
        )
        self.end_to_end_latency = Histogram(
            "extractor_end_to_end_latency_seconds",
            "Article message timestamp to event publish acknowledged.",
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.consumer_lag = Gauge(
            "extractor_consumer_lag_messages",
            "Messages behind the partition highwater.",
            ["topic", "partition"],
            registry=registry,
        )
        self.in_progress = Gauge(
            "extractor_articles_in_progress", "Articles being processed now.", registry=registry
        )
        self.last_processed = Gauge(
            "extractor_last_processed_timestamp_seconds",
            "Unix time the last article finished.",
            registry=registry,
        )
        self.broker_up = Gauge(
            "extractor_broker_up", "1 when the worker is connected to the broker, else 0.", registry=registry
        )
        self.broker_errors = Counter(
            "extractor_broker_errors",
            "Errors talking to the broker (produce failures, lost connections).",
            registry=registry,
        )
        self.build_info = Gauge(
            "extractor_build_info",
            "Build information (value is always 1).",
            ["version", "schema_version", "spacy_model"],
            registry=registry,
        )
        self.build_info.labels(
            version=__version__, schema_version=SCHEMA_VERSION, spacy_model=spacy_model
        ).set(1)
        self._initialise()

    def _initialise(self) -> None:
        """Create the known label values up front so every series exists from the first scrape."""
        for outcome in OUTCOMES:
            self.articles_consumed.labels(outcome=outcome)
        for reason in ALL_SKIP_REASONS:
            self.articles_skipped.labels(reason=reason)
        for reason in DLQ_REASONS:
            self.dlq_messages.labels(reason=reason)
        for stage in ERROR_STAGES:
            self.extraction_errors.labels(stage=stage)
        self.events_by_country.labels(country="unknown")
        self.broker_up.set(0)

    def init_partitions(self, topic: str, partitions: Iterable[int]) -> None:
        """Create the lag series of the assigned partitions (0 until known; known values are kept)."""
        for partition in partitions:
            self.consumer_lag.labels(topic=topic, partition=str(partition))

    def init_event_types(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Create the ``events_published`` series of known (event_type, category) pairs."""
        for event_type, category in pairs:
            self.events_published.labels(event_type=event_type, category=category)


def routing_pairs(path: Path = EVENT_TYPES_CSV) -> list[tuple[str, str]]:
    """(event_type, category) pairs of the core's routing table, to create the event series at start.

    Returns an empty list when the file is missing (series then appear with the first event).
    """
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if line.strip() and not line.startswith("#"))
        return [
            (row["event_type"], row["category"])
            for row in rows
            if row.get("event_type") and row.get("category")
        ]
