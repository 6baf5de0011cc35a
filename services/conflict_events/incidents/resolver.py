"""The incident resolver: a state of open incidents and the pure steps that change it.

State is exactly the set of open incident records plus indexes derived from them (event id →
incident, place and date → incidents), so ``restore`` from the compacted topic rebuilds it exactly.  Every
method is deterministic in the state and its arguments; the caller supplies the clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from conflict_events.contracts import ConflictEvent, Incident
from conflict_events.incidents.changes import Candidate, IncidentChange, Outcome, Resolution
from conflict_events.incidents.eligibility import ineligibility
from conflict_events.incidents.footprint import Footprint, footprint_of
from conflict_events.incidents.index import IncidentIndex
from conflict_events.incidents.match import MatchDecision, closeness, compare, contradiction, unbridged
from conflict_events.incidents.records import closed_record, fold, incident_from_event, next_version
from conflict_events.incidents.settings import ResolutionSettings


class Resolver:
    """Open incidents of one partition (or of everything, offline) and how events change them."""

    def __init__(self, settings: ResolutionSettings | None = None) -> None:
        self._settings = settings or ResolutionSettings()
        self._incidents: dict[str, Incident] = {}
        self._footprints: dict[str, Footprint] = {}
        self._owner: dict[str, str] = {}
        self._index = IncidentIndex(self._settings)
        self._horizon: date | None = None

    @property
    def settings(self) -> ResolutionSettings:
        """The thresholds this resolver uses."""
        return self._settings

    @property
    def state_size(self) -> int:
        """Open incidents held (the figure to export as a gauge)."""
        return len(self._incidents)

    @property
    def incidents(self) -> tuple[Incident, ...]:
        """The open incidents' latest records, oldest incident first."""
        return tuple(self._incidents.values())

    @property
    def horizon(self) -> date | None:
        """Events whose date ends before this day are late (their incident may be closed already)."""
        return self._horizon

    def apply(self, event: ConflictEvent, now: datetime) -> list[IncidentChange]:
        """The records to publish for ``event`` received at ``now`` (empty when nothing changed)."""
        return list(self.resolve(event, now).changes)

    def resolve(self, event: ConflictEvent, now: datetime) -> Resolution:
        """Like ``apply``, with the outcome label and the match decisions, for logs and metrics."""
        ignored = ineligibility(event, self._settings)
        if ignored is not None:
            return Resolution(ignored)
        if event.event_id in self._owner:
            return Resolution("duplicate")
        if self._horizon is not None and event.date.end < self._horizon:
            return Resolution("late")
        candidates = self._compare_candidates(event)
        matched = [c for c in candidates if c.decision.same]
        new = incident_from_event(event, now)
        if not matched:
            self._store(new)
            return Resolution("created", (IncidentChange("created", new),), candidates)
        if len(matched) == 1:
            updated = self._grow(self._incidents[matched[0].incident_id], new)
            return Resolution("joined", (IncidentChange("updated", updated),), candidates)
        return self._merge(new, matched, candidates)

    def evict(self, watermark: date | datetime) -> list[IncidentChange]:
        """Close the incidents whose date ended more than ``state_window_days`` before ``watermark``.

        ``watermark`` is the shell's notion of "now" in event time: the wall clock when live, the
        latest event date when replaying.  Later events dated before the cut-off are ``late``.
        """
        day = watermark.date() if isinstance(watermark, datetime) else watermark
        cutoff = day - timedelta(days=self._settings.state_window_days)
        self._horizon = cutoff if self._horizon is None else max(self._horizon, cutoff)
        old = sorted(
            (i for i in self._incidents.values() if i.date.end < cutoff),
            key=lambda i: (i.date.end, i.incident_id),
        )
        for incident in old:
            self._drop(incident)
        return [IncidentChange("closed", closed_record(incident)) for incident in old]

    def restore(self, records: Iterable[Incident]) -> int:
        """Replace the state with the open incidents among ``records`` (the compacted topic read up to
        its highwater: several versions of a key may appear, the highest wins); returns how many.

        Call ``evict`` with the current watermark afterwards: the horizon is not part of the records.
        """
        latest: dict[str, Incident] = {}
        for record in records:
            known = latest.get(record.incident_id)
            if known is None or record.version > known.version:
                latest[record.incident_id] = record
        self._incidents, self._footprints, self._owner = {}, {}, {}
        self._index, self._horizon = IncidentIndex(self._settings), None
        for record in latest.values():
            if record.status == "open":
                self._store(record)
        return len(self._incidents)

    def _compare_candidates(self, event: ConflictEvent) -> tuple[Candidate, ...]:
        """The open incidents the index says may match, compared with the event, in id order."""
        new = footprint_of(event)
        return tuple(
            Candidate(i, compare(self._footprints[i], new, self._settings))
            for i in self._index.candidates(new)
        )

    def _grow(self, incident: Incident, addition: Incident) -> Incident:
        """Fold a one-event incident (or a merged body) into ``incident`` and store the next version."""
        grown = next_version(fold(incident, addition, self._settings.max_confidence))
        self._store(grown)
        return grown

    def _merge(
        self, new: Incident, matched: list[Candidate], candidates: tuple[Candidate, ...]
    ) -> Resolution:
        """One event matched several incidents.  It joins the closest (``closeness``: finest place, same
        sub-event type, nearest date; then the oldest), and that incident absorbs every other match the
        event really links to it: not one whose act or actors contradict it (a bridge closes gaps, not
        contradictions), nor one the event only matches by being vague (``unbridged``).  The survivor of
        a merge is the oldest incident of the group, so ids stay stable."""
        event = footprint_of(new)

        def order(c: Candidate) -> tuple[tuple[int, bool, int], datetime, int, str]:
            incident = self._incidents[c.incident_id]
            quality = closeness(c.decision, self._footprints[c.incident_id], event)
            return quality, incident.first_seen, -len(incident.event_ids), incident.incident_id

        ranked = [self._incidents[c.incident_id] for c in sorted(matched, key=order)]
        group, blocked = [ranked[0]], []
        for other in ranked[1:]:
            refused = contradiction(ranked[0], other, self._settings) or unbridged(
                ranked[0], other, event, self._settings
            )
            if refused is None:
                group.append(other)
            else:
                blocked.append(Candidate(other.incident_id, _blocked(refused)))
        group.sort(key=lambda i: (i.first_seen, -len(i.event_ids), i.incident_id))
        body, folded = group[0], []
        for other in group[1:]:
            conflict = contradiction(body, other, self._settings)
            if conflict is not None:
                blocked.append(Candidate(other.incident_id, _blocked(conflict)))
                continue
            body = fold(body, other, self._settings.max_confidence)
            folded.append(other)
        survivor = self._grow(body, new)
        changes = [IncidentChange("updated", survivor)]
        for other in folded:
            self._drop(other)
            changes.append(IncidentChange("merged", closed_record(other, survivor.incident_id)))
        outcome: Outcome = "merged" if folded else "joined"
        return Resolution(outcome, tuple(changes), candidates + tuple(blocked))

    def _store(self, incident: Incident) -> None:
        """Put the latest record of an incident in the state and keep the indexes in step."""
        footprint = footprint_of(incident)
        self._incidents[incident.incident_id] = incident
        self._footprints[incident.incident_id] = footprint
        self._index.add(incident.incident_id, footprint)
        for event_id in incident.event_ids:
            self._owner[event_id] = incident.incident_id

    def _drop(self, incident: Incident) -> None:
        """Forget a closed or folded incident, its events and its index entries."""
        current = self._incidents.pop(incident.incident_id)
        del self._footprints[incident.incident_id]
        self._index.remove(incident.incident_id)
        for event_id in current.event_ids:
            if self._owner.get(event_id) == current.incident_id:
                del self._owner[event_id]


def _blocked(decision: MatchDecision) -> MatchDecision:
    """A merge that was refused, kept among the decisions so it can be counted."""
    return MatchDecision(False, f"merge_blocked_{decision.reason}", decision.detail)
