"""The metric-name catalogue that deploy tests check PromQL against, and its own tests.

The catalogue is read from the metrics table of docs/ARCHITECTURE.md (the contract the worker
implements), expanded with the series names Prometheus really stores (``_total`` for counters,
``_bucket``/``_sum``/``_count`` for histograms), plus the recording rules of deploy/prometheus.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from prometheus_client import CollectorRegistry

from conflict_events.stream.incident_metrics import IncidentMetrics
from conflict_events.stream.metrics import WorkerMetrics

REPO = Path(__file__).resolve().parents[1]
ARCHITECTURE = REPO / "docs" / "ARCHITECTURE.md"
RULES_DIR = REPO / "deploy" / "prometheus" / "rules"
RULE_FILES = (RULES_DIR / "extractor-recording.yml", RULES_DIR / "extractor-alerts.yml")

_TABLE_ROW = re.compile(r"^\|\s*`(extractor_[a-z0-9_]+)`\s*\|\s*([a-z ()=0-9]+?)\s*\|")
_METRIC_WORD = re.compile(r"\b(extractor_[a-z0-9_]+|[a-z_]+:extractor_[a-z0-9_]+:[a-z0-9_]+)\b")


def documented_metrics() -> dict[str, str]:
    """``{name as documented: type}`` from the ARCHITECTURE.md metrics table."""
    metrics: dict[str, str] = {}
    for line in ARCHITECTURE.read_text(encoding="utf-8").splitlines():
        match = _TABLE_ROW.match(line)
        if match:
            metrics[match.group(1)] = match.group(2).split()[0]
    return metrics


def stored_series_names() -> frozenset[str]:
    """Every series name a Prometheus scraping the worker stores."""
    names: set[str] = set()
    for name, kind in documented_metrics().items():
        if kind == "counter":
            names.add(name if name.endswith("_total") else name + "_total")
        elif kind == "histogram":
            names.update({name + "_bucket", name + "_sum", name + "_count"})
        else:
            names.add(name)
    return frozenset(names)


def recording_rule_names() -> frozenset[str]:
    """Names recorded by the recording-rule file."""
    groups = yaml.safe_load(RULE_FILES[0].read_text(encoding="utf-8"))["groups"]
    return frozenset(rule["record"] for group in groups for rule in group["rules"] if "record" in rule)


def known_names() -> frozenset[str]:
    """Everything a dashboard or alert may name: stored series plus recorded series."""
    return stored_series_names() | recording_rule_names()


def metric_names_in(promql: str) -> set[str]:
    """The ``extractor_*`` series and ``level:extractor_*:ops`` recording rules named in ``promql``."""
    return set(_METRIC_WORD.findall(promql))


class TestCatalogue:
    def test_documented_metrics_are_read(self) -> None:
        """The ARCHITECTURE.md table yields the 22 documented metrics (14 of extraction, 8 of incident
        resolution) with their types."""
        metrics = documented_metrics()
        assert len(metrics) == 22
        assert metrics["extractor_incident_resolution_latency_seconds"] == "histogram"
        assert metrics["extractor_extraction_duration_seconds"] == "histogram"
        assert metrics["extractor_consumer_lag_messages"] == "gauge"
        assert metrics["extractor_dlq_messages_total"] == "counter"

    def test_histogram_and_counter_series_expanded(self) -> None:
        """Histograms expand to _bucket/_sum/_count; counters keep one _total name."""
        names = stored_series_names()
        assert "extractor_end_to_end_latency_seconds_bucket" in names
        assert "extractor_end_to_end_latency_seconds" not in names
        assert "extractor_dlq_messages_total_total" not in names

    def test_metric_names_in_promql(self) -> None:
        """Both raw names and recording-rule names are found in an expression."""
        expr = (
            'sum(rate(extractor_dlq_messages_total{reason="x"}[5m])) / job:extractor_articles_consumed:rate5m'
        )
        assert metric_names_in(expr) == {
            "extractor_dlq_messages_total",
            "job:extractor_articles_consumed:rate5m",
        }

    def test_rules_name_only_known_metrics(self) -> None:
        """Every extractor metric named in the rule files is documented or recorded."""
        unknown: set[str] = set()
        for path in RULE_FILES:
            for group in yaml.safe_load(path.read_text(encoding="utf-8"))["groups"]:
                for rule in group["rules"]:
                    unknown |= metric_names_in(rule["expr"]) - known_names()
        assert unknown == set()

    def test_worker_exposes_every_documented_series(self) -> None:
        """The worker's real registry (extraction and incident metrics, as ``worker`` registers them) exposes
        exactly the documented series (plus client _created ones)."""
        registry = CollectorRegistry()
        metrics = WorkerMetrics(registry, spacy_model="none")
        IncidentMetrics(registry)
        metrics.init_partitions("articles", [0])  # as on partition assignment
        metrics.init_event_types([("ASSAULT", "violence")])  # as at start-up from the crosswalk
        exposed = {sample.name for family in registry.collect() for sample in family.samples}
        exposed = {name for name in exposed if not name.endswith("_created")}
        assert exposed == stored_series_names()
