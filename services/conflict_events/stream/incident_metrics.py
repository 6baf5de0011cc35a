"""Prometheus metrics of incident resolution: fixed names, like ``metrics.py`` (dashboards and alerts
use them).

Built against a registry passed in; every series exists from the first scrape.
"""

from __future__ import annotations

from typing import get_args

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from conflict_events.incidents import Outcome

INVALID = "invalid"
"""Outcome label of a record on the events topic that is not a ConflictEvent (logged and skipped)."""
ERROR = "error"
"""Outcome label of an event whose resolution raised (a bug in the core: logged and skipped, not retried)."""
OUTCOMES: tuple[str, ...] = (*get_args(Outcome), INVALID, ERROR)
RESOLUTION_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0)


class IncidentMetrics:
    """The ``extractor_incident*`` metrics of README.md, registered on ``registry``.

    Example:
        >>> registry = CollectorRegistry()
        >>> metrics = IncidentMetrics(registry)
        >>> registry.get_sample_value("extractor_incidents_open")
        0.0
    """

    def __init__(self, registry: CollectorRegistry) -> None:
        self.created = Counter(
            "extractor_incidents_created", "Incidents created (first report).", registry=registry
        )
        self.updated = Counter(
            "extractor_incidents_updated",
            "New versions of an incident (a report joined it or it absorbed another).",
            registry=registry,
        )
        self.merged = Counter(
            "extractor_incidents_merged",
            "Incidents folded into another one (then tombstoned).",
            registry=registry,
        )
        self.closed = Counter(
            "extractor_incidents_closed",
            "Incidents closed because they left the state window.",
            registry=registry,
        )
        self.events = Counter(
            "extractor_incident_events",
            "Events seen by incident resolution, by outcome (created, joined, merged, duplicate, late, "
            "ignored_act, ignored_mode, invalid, error).",
            ["outcome"],
            registry=registry,
        )
        self.open = Gauge(
            "extractor_incidents_open",
            "Open incidents held in this process's resolver state (the state size).",
            registry=registry,
        )
        self.resolution_latency = Histogram(
            "extractor_incident_resolution_latency_seconds",
            "Event published on the events topic to its incident records acknowledged.",
            buckets=RESOLUTION_BUCKETS,
            registry=registry,
        )
        self.restore_seconds = Gauge(
            "extractor_incidents_restore_seconds",
            "Duration of the last state restore from the incidents topic (read + rebuild + publish).",
            registry=registry,
        )
        for outcome in OUTCOMES:
            self.events.labels(outcome=outcome)

    def count_change(self, kind: str) -> None:
        """Count one published change by its kind (created, updated, merged, closed)."""
        {"created": self.created, "updated": self.updated, "merged": self.merged, "closed": self.closed}[
            kind
        ].inc()
