"""Worker metrics: fixed names, initialised series; demo rendering of events and metrics."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from prometheus_client import CollectorRegistry, generate_latest

from conflict_events.contracts import Article
from conflict_events.stream.demo_render import render_events, render_metrics
from conflict_events.stream.metrics import WorkerMetrics, routing_pairs
from conflict_events.stream.testing import fake_extract


class TestWorkerMetrics:
    def test_known_label_values_exist_at_start(self) -> None:
        """Outcome, skip, DLQ and stage series are present (value 0) before any message."""
        registry = CollectorRegistry()
        WorkerMetrics(registry, spacy_model="en_core_web_sm-3.8.0")
        get = registry.get_sample_value
        assert get("extractor_articles_consumed_total", {"outcome": "dead_lettered"}) == 0.0
        assert get("extractor_articles_skipped_total", {"reason": "not_english"}) == 0.0
        assert get("extractor_dlq_messages_total", {"reason": "too_large"}) == 0.0
        assert get("extractor_extraction_errors_total", {"stage": "publish"}) == 0.0
        assert get("extractor_events_by_country_total", {"country": "unknown"}) == 0.0
        assert get("extractor_broker_up") == 0.0
        assert (
            get(
                "extractor_build_info",
                {"version": "0.1.0", "schema_version": "1.0", "spacy_model": "en_core_web_sm-3.8.0"},
            )
            == 1.0
        )

    def test_every_documented_metric_is_exported(self) -> None:
        """The registry exports exactly the metric families of ARCHITECTURE.md."""
        registry = CollectorRegistry()
        WorkerMetrics(registry)
        names = {family.name for family in registry.collect()}
        assert names == {
            "extractor_articles_consumed",
            "extractor_articles_skipped",
            "extractor_dlq_messages",
            "extractor_events_published",
            "extractor_events_by_country",
            "extractor_extraction_errors",
            "extractor_extraction_duration_seconds",
            "extractor_end_to_end_latency_seconds",
            "extractor_consumer_lag_messages",
            "extractor_articles_in_progress",
            "extractor_last_processed_timestamp_seconds",
            "extractor_broker_up",
            "extractor_broker_errors",
            "extractor_build_info",
        }

    def test_partition_series_keep_known_lag(self) -> None:
        """Re-initialising partitions after a rebalance does not reset a known lag to zero."""
        registry = CollectorRegistry()
        metrics = WorkerMetrics(registry)
        metrics.init_partitions("articles", [0, 1])
        metrics.consumer_lag.labels(topic="articles", partition="1").set(7)
        metrics.init_partitions("articles", [1])
        assert (
            registry.get_sample_value(
                "extractor_consumer_lag_messages", {"topic": "articles", "partition": "1"}
            )
            == 7.0
        )
        assert (
            registry.get_sample_value(
                "extractor_consumer_lag_messages", {"topic": "articles", "partition": "0"}
            )
            == 0.0
        )


class TestRoutingPairs:
    def test_reads_pairs_and_skips_comments(self, tmp_path: Path) -> None:
        """Comment lines are skipped; each row gives an (event_type, category) pair."""
        path = tmp_path / "routing.csv"
        path.write_text(
            "# comment\nevent_type,category\nASSAULT,violence\n\nAGREE,agreement\n", encoding="utf-8"
        )
        assert routing_pairs(path) == [("ASSAULT", "violence"), ("AGREE", "agreement")]

    def test_missing_file_gives_no_pairs(self, tmp_path: Path) -> None:
        """Without a routing file no series are pre-created."""
        assert routing_pairs(tmp_path / "absent.csv") == []

    def test_initialised_series_exist(self) -> None:
        """init_event_types creates zero-valued events_published series."""
        registry = CollectorRegistry()
        WorkerMetrics(registry).init_event_types([("PROTEST", "protest")])
        assert (
            registry.get_sample_value(
                "extractor_events_published_total", {"event_type": "PROTEST", "category": "protest"}
            )
            == 0.0
        )


class TestDemoRender:
    def test_events_table_has_one_row_and_one_evidence_line_per_event(self) -> None:
        """Each event is a row (type, mode, …) followed by its category and evidence line."""
        article = Article(id="x", text="Rebels attack the camp.")
        events = fake_extract(article, datetime(2024, 1, 1, tzinfo=UTC)).events
        lines = render_events(events).splitlines()
        assert lines[0].split() == ["#", "TYPE", "MODE", "ACTORS", "PLACE", "DATE", "COUNTS", "SOURCE"]
        assert lines[2].split()[:3] == ["1", "ASSAULT", "asserted"]
        assert lines[3] == "   violence · confidence 0.50 · “attack”"

    def test_no_events(self) -> None:
        """An empty result says so."""
        assert render_events(()) == "(no events)\n"

    def test_key_figures_from_metrics_page(self) -> None:
        """Outcomes, categories and mean latency are read from the exposition text."""
        registry = CollectorRegistry()
        metrics = WorkerMetrics(registry)
        metrics.articles_consumed.labels(outcome="processed").inc(2)
        metrics.events_published.labels(event_type="ASSAULT", category="violence").inc(3)
        metrics.end_to_end_latency.observe(0.5)
        metrics.end_to_end_latency.observe(1.5)
        text = render_metrics(generate_latest(registry).decode())
        assert "articles by outcome    processed=2\n" in text
        assert "events by category     violence=3\n" in text
        assert "end-to-end latency     1.000 s (n=2)" in text
