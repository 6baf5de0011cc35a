"""Cross-article incident resolution: many reports of one raid become one revisable incident record.

Pure core (no Kafka, no I/O, no clock of its own): the shell feeds events to a ``Resolver`` and
publishes the ``IncidentChange``s it returns on the compacted ``conflict-incidents`` topic, keyed by
incident id.  docs/incidents.md describes the model, the matching rules, state and partitioning.

Example:
    >>> resolver = Resolver(ResolutionSettings(date_window_days=1))
    >>> resolver.state_size
    0
"""

from __future__ import annotations

from conflict_events.incidents.buckets import incident_partition_key, partition_for, partition_key
from conflict_events.incidents.changes import Candidate, ChangeKind, IncidentChange, Outcome, Resolution
from conflict_events.incidents.eligibility import ineligibility
from conflict_events.incidents.match import MatchDecision, compare
from conflict_events.incidents.offline import event_clusters, resolve_all
from conflict_events.incidents.records import incident_id_for
from conflict_events.incidents.resolver import Resolver
from conflict_events.incidents.scoring import ClusterScores, score_clusters
from conflict_events.incidents.settings import ResolutionSettings

__all__ = [
    "Candidate",
    "ChangeKind",
    "ClusterScores",
    "IncidentChange",
    "MatchDecision",
    "Outcome",
    "Resolution",
    "ResolutionSettings",
    "Resolver",
    "compare",
    "event_clusters",
    "incident_id_for",
    "incident_partition_key",
    "ineligibility",
    "partition_for",
    "partition_key",
    "resolve_all",
    "score_clusters",
]
