"""What the resolver hands the shell: the records to publish and the decisions behind them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from conflict_events.contracts import Incident
from conflict_events.incidents.match import MatchDecision

ChangeKind = Literal["created", "updated", "merged", "closed"]
Outcome = Literal["created", "joined", "merged", "duplicate", "late", "ignored_act", "ignored_mode"]


@dataclass(frozen=True, slots=True)
class IncidentChange:
    """One record to publish on ``conflict-incidents`` under ``key``.

    ``merged``: the final record of an incident folded into ``incident.merged_into``; the shell
    publishes it, then a tombstone (null value) under the same key so compaction forgets the id.
    """

    kind: ChangeKind
    incident: Incident

    @property
    def key(self) -> str:
        """The Kafka key: the stable incident id."""
        return self.incident.incident_id

    @property
    def tombstone_follows(self) -> bool:
        """True when the shell must publish a tombstone after this record."""
        return self.kind == "merged"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One known incident an event was compared with, and the decision (for logs and metrics)."""

    incident_id: str
    decision: MatchDecision


@dataclass(frozen=True, slots=True)
class Resolution:
    """Everything one event did: ``outcome`` is a stable label for a metric, ``changes`` are to be
    published in order, ``candidates`` are the match decisions taken on the way."""

    outcome: Outcome
    changes: tuple[IncidentChange, ...] = ()
    candidates: tuple[Candidate, ...] = ()
