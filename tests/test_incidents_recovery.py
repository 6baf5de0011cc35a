"""Tests for the resolver's bounded state: eviction, late events and restore from the compacted topic."""

from __future__ import annotations

from datetime import date, datetime

from conflict_events.contracts import ConflictEvent, Incident
from conflict_events.incidents import IncidentChange, ResolutionSettings, Resolver, incident_id_for
from test_incidents_match import MUNIGI, SAKE, make_event
from test_incidents_resolver import T0, at, run


def story() -> list[ConflictEvent]:
    """Three incidents over a week, one revised, two merged by a bridging report."""
    return [
        make_event("e1", killed=(2, 2, 2)),
        make_event("e2", place=SAKE),
        make_event("e3", day=date(2024, 3, 8), killed=(1, 1, 1)),
        make_event("e4", place=MUNIGI, killed=(6, 6, 6)),
        make_event("e5", day=date(2024, 3, 6)),
        make_event("e6", place=SAKE, day=date(2024, 3, 12)),
        make_event("e7", day=date(2024, 3, 6), killed=(8, 8, 8)),
    ]


def compacted(changes: list[IncidentChange]) -> list[Incident]:
    """What a compacted topic keeps: the last record per key; merged keys are tombstoned away."""
    last: dict[str, Incident | None] = {}
    for change in changes:
        last[change.key] = None if change.tombstone_follows else change.incident
    return [record for record in last.values() if record is not None]


class TestEviction:
    def test_old_incidents_are_closed(self) -> None:
        """An incident dated the 5th is closed once the watermark passes the 12th (7-day window)."""
        resolver, _ = run([make_event("e1"), make_event("e2", day=date(2024, 3, 10))])
        assert resolver.evict(date(2024, 3, 12)) == []
        [closed] = resolver.evict(datetime(2024, 3, 13, 1, 0))
        assert (closed.kind, closed.key, closed.incident.status, closed.incident.version) == (
            "closed",
            incident_id_for("e1"),
            "closed",
            2,
        )
        assert (resolver.state_size, resolver.horizon) == (1, date(2024, 3, 6))

    def test_late_event_is_not_resolved(self) -> None:
        """After the cut-off, a report dated before it is late: it cannot reopen a closed incident."""
        resolver, _ = run([make_event("e1")])
        resolver.evict(date(2024, 3, 13))
        resolution = resolver.resolve(make_event("e2"), at(30))
        assert (resolution.outcome, resolution.changes, resolver.state_size) == ("late", (), 0)

    def test_window_is_a_setting(self) -> None:
        """With a 2-day window the same watermark closes both incidents."""
        resolver, _ = run(
            [make_event("e1"), make_event("e2", day=date(2024, 3, 10))],
            Resolver(ResolutionSettings(state_window_days=2)),
        )
        assert [c.kind for c in resolver.evict(date(2024, 3, 13))] == ["closed", "closed"]


class TestRestore:
    def test_restore_then_apply_equals_uninterrupted_run(self) -> None:
        """Crash after any event, rebuild from the compacted records, go on: the same records."""
        events = story()
        whole, expected = run(events)
        for cut in range(1, len(events)):
            first, before = run(events[:cut])
            restored = Resolver()
            assert restored.restore(compacted(before)) == first.state_size
            after: list[IncidentChange] = []
            for hour, event in enumerate(events[cut:], start=cut):
                after += restored.apply(event, at(hour))
            assert before + after == expected, cut
            assert restored.incidents == whole.incidents

    def test_story_outcome(self) -> None:
        """The story ends with Goma (five reports, one merge, version 4) and two Sake incidents."""
        resolver, changes = run(story())
        assert [(c.kind, c.incident.version) for c in changes if c.kind == "merged"] == [("merged", 2)]
        assert [(i.event_ids, i.version) for i in resolver.incidents] == [
            (["e1", "e4", "e3", "e5", "e7"], 4),
            (["e2"], 1),
            (["e6"], 1),
        ]

    def test_highest_version_wins_and_closed_are_skipped(self) -> None:
        """Read up to the highwater, a key may appear in several versions; closed records stay closed."""
        _, changes = run(story())
        records = [c.incident for c in changes]
        resolver = Resolver()
        assert resolver.restore(reversed(records)) == 3
        assert incident_id_for("e3") not in {i.incident_id for i in resolver.incidents}

    def test_restored_state_is_idempotent(self) -> None:
        """An event already in a restored incident is a duplicate."""
        _, changes = run(story())
        resolver = Resolver()
        resolver.restore(compacted(changes))
        assert resolver.resolve(make_event("e3", day=date(2024, 3, 8)), T0).outcome == "duplicate"
