"""Tests for conflict_events.incidents.resolver: events in, incident records out."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from conflict_events.contracts import ConflictEvent
from conflict_events.incidents import IncidentChange, Resolver, incident_id_for
from test_incidents_match import ADF, BENI, GUNMEN, M23, MUNIGI, NORD_KIVU, SAKE, make_event

T0 = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)


def at(hours: int) -> datetime:
    return T0 + timedelta(hours=hours)


def run(
    events: list[ConflictEvent], resolver: Resolver | None = None
) -> tuple[Resolver, list[IncidentChange]]:
    """Apply the events one hour apart; every change in order."""
    resolver = resolver or Resolver()
    changes: list[IncidentChange] = []
    for hour, event in enumerate(events):
        changes += resolver.apply(event, at(hour))
    return resolver, changes


def kinds(changes: list[IncidentChange]) -> list[tuple[str, int]]:
    return [(c.kind, c.incident.version) for c in changes]


class TestRevisedTolls:
    def test_one_incident_whose_version_grows(self) -> None:
        """A raid reported by four outlets with changing tolls is one incident, version 1 → 4."""
        events = [
            make_event("e1", killed=(5, 5, 5)),
            make_event("e2", killed=(9, 9, 9), place=MUNIGI),
            make_event("e3", killed=(12, 12, 12), day=date(2024, 3, 6)),
            make_event("e4", killed=(7, 7, 7), place=NORD_KIVU),
        ]
        resolver, changes = run(events)
        assert kinds(changes) == [("created", 1), ("updated", 2), ("updated", 3), ("updated", 4)]
        assert {c.key for c in changes} == {incident_id_for("e1")}
        assert resolver.state_size == 1

    def test_quantity_keeps_value_range_and_reports(self) -> None:
        """The current toll is the latest report's; the range and the reports behind it are kept."""
        events = [
            make_event(f"e{i}", killed=k) for i, k in enumerate([(5, 5, 5), (9, None, 9), (12, 12, 12)])
        ]
        events.append(make_event("e3", killed=(7, 7, 7)))
        [incident] = run(events)[0].incidents
        [killed] = incident.quantities
        assert (killed.kind, killed.value, killed.min, killed.max) == ("killed", 7, 5, None)
        assert [(r.event_id, r.article_id, r.best) for r in killed.reports] == [
            ("e0", "art-e0", 5),
            ("e1", "art-e1", 9),
            ("e2", "art-e2", 12),
            ("e3", "art-e3", 7),
        ]

    def test_record_fields_after_three_reports(self) -> None:
        """Ids, sources, confidence (noisy-OR over articles), times, best place and date range."""
        events = [
            make_event("e1", place=NORD_KIVU, confidence=0.6),
            make_event("e2", confidence=0.5, sources=(M23,)),
            make_event("e3", article="art-e2", day=date(2024, 3, 6), confidence=0.9),
        ]
        [incident] = run(events)[0].incidents
        assert incident.event_ids == ["e1", "e2", "e3"]
        assert incident.article_ids == ["art-e1", "art-e2"]
        assert (incident.source_count, incident.confidence) == (2, 0.8)
        assert (incident.first_seen, incident.last_seen) == (at(0), at(2))
        assert incident.location is not None
        assert (incident.location.name, incident.location.event_ids) == ("Goma", ["e2", "e3"])
        assert [loc.name for loc in incident.locations] == ["Goma", "Nord-Kivu"]
        assert (incident.date.start, incident.date.end, incident.date.granularity) == (
            date(2024, 3, 5),
            date(2024, 3, 6),
            "range",
        )
        assert [(a.name, a.event_ids) for a in incident.actors] == [("M23", ["e2"])]
        assert (incident.status, incident.merged_into, incident.category) == ("open", None, "violence")


class TestSeparateIncidents:
    def test_same_place_different_day(self) -> None:
        """Goma on the 5th and Goma on the 8th are two incidents."""
        resolver, changes = run([make_event("e1"), make_event("e2", day=date(2024, 3, 8))])
        assert kinds(changes) == [("created", 1), ("created", 1)]
        assert resolver.state_size == 2

    def test_daily_reports_do_not_chain(self) -> None:
        """Goma every day from the 5th to the 10th: each incident spans at most three days, no endless
        chain."""
        resolver, _ = run([make_event(f"d{day}", day=date(2024, 3, day)) for day in range(5, 11)])
        assert [i.event_ids for i in resolver.incidents] == [["d5", "d6", "d7"], ["d8", "d9", "d10"]]

    def test_follow_up_dated_two_days_later_joins(self) -> None:
        """A toll revised two days later, dated by the day of the revision, is the same incident."""
        resolver, _ = run([make_event("e1", killed=(9, 9, 9)), make_event("e2", day=date(2024, 3, 7))])
        assert [i.event_ids for i in resolver.incidents] == [["e1", "e2"]]

    def test_report_inside_a_wide_range_still_joins(self) -> None:
        """After a merge spans the 5th to the 8th, a report of the 7th joins; one of the 10th does not."""
        events = [
            make_event("e1"),
            make_event("e2", day=date(2024, 3, 8)),
            make_event("e3", day=date(2024, 3, 6)),
        ]
        events += [make_event("e4", day=date(2024, 3, 7)), make_event("e5", day=date(2024, 3, 10))]
        resolver, _ = run(events)
        assert [i.event_ids for i in resolver.incidents] == [["e1", "e2", "e3", "e4"], ["e5"]]

    def test_neighbouring_town_same_day(self) -> None:
        """Goma and Sake (23 km) the same day are two incidents."""
        resolver, _ = run([make_event("e1"), make_event("e2", place=SAKE)])
        assert resolver.state_size == 2

    def test_same_actors_different_act(self) -> None:
        """M23 attacking and M23 protesting in Goma the same day are two incidents."""
        resolver, _ = run([make_event("e1", sources=(M23,)), make_event("e2", act="protest", sources=(M23,))])
        assert [i.event_type for i in resolver.incidents] == ["ASSAULT", "PROTEST"]

    def test_two_attacks_with_contradicting_actors(self) -> None:
        """An M23 attack and an ADF attack in Goma on one day stay two incidents."""
        resolver, _ = run([make_event("e1", sources=(M23,)), make_event("e2", sources=(ADF,))])
        assert [[a.name for a in i.actors] for i in resolver.incidents] == [
            ["M23"],
            ["Allied Democratic Forces"],
        ]

    def test_coarse_place_joins_then_far_town_does_not(self) -> None:
        """'North Kivu' joins the Goma incident; Beni (242 km, same province) contradicts Goma."""
        resolver, changes = run(
            [make_event("e1"), make_event("e2", place=NORD_KIVU), make_event("e3", place=BENI)]
        )
        assert kinds(changes) == [("created", 1), ("updated", 2), ("created", 1)]
        assert [i.event_ids for i in resolver.incidents] == [["e1", "e2"], ["e3"]]


class TestIdempotence:
    def test_redelivered_event_changes_nothing(self) -> None:
        """The same event again yields no change, no new version and the same state."""
        resolver, _ = run([make_event("e1"), make_event("e2")])
        before = resolver.incidents
        resolution = resolver.resolve(make_event("e2"), at(9))
        assert (resolution.outcome, resolution.changes) == ("duplicate", ())
        assert resolver.incidents == before

    def test_ignored_events_change_nothing(self) -> None:
        """A planned attack and an accusation do not open incidents."""
        resolver = Resolver()
        outcomes = [resolver.resolve(make_event("p", mode="planned"), T0).outcome]
        outcomes.append(resolver.resolve(make_event("q", act="accuse"), T0).outcome)
        assert (outcomes, resolver.state_size) == (["ignored_mode", "ignored_act"], 0)


class TestMerge:
    def test_bridging_event_merges_two_incidents(self) -> None:
        """Goma on the 5th and on the 8th are two incidents until a report of the 6th links both."""
        resolver, _ = run([make_event("e1", killed=(3, 3, 3)), make_event("e2", day=date(2024, 3, 8))])
        resolution = resolver.resolve(make_event("e3", day=date(2024, 3, 6), killed=(4, 4, 4)), at(5))
        survivor, folded = (c.incident for c in resolution.changes)
        assert resolution.outcome == "merged"
        assert [(c.kind, c.key, c.tombstone_follows) for c in resolution.changes] == [
            ("updated", incident_id_for("e1"), False),
            ("merged", incident_id_for("e2"), True),
        ]
        assert (survivor.version, survivor.event_ids, survivor.source_count) == (2, ["e1", "e2", "e3"], 3)
        assert (survivor.date.start, survivor.date.end) == (date(2024, 3, 5), date(2024, 3, 8))
        assert [q.value for q in survivor.quantities] == [4]
        assert (folded.version, folded.status, folded.merged_into) == (2, "closed", incident_id_for("e1"))
        assert resolver.incidents == (survivor,)

    def test_merged_events_stay_owned_by_the_survivor(self) -> None:
        """After a merge, re-delivering an event of the folded incident is still a duplicate."""
        resolver, _ = run(
            [make_event("e1"), make_event("e2", day=date(2024, 3, 8)), make_event("e3", day=date(2024, 3, 6))]
        )
        assert resolver.resolve(make_event("e2", day=date(2024, 3, 8)), at(9)).outcome == "duplicate"

    def test_contradicting_incidents_are_not_merged(self) -> None:
        """Unnamed gunmen match both the M23 and the ADF attack; they join the older one, no merge."""
        resolver, _ = run([make_event("e1", sources=(M23,)), make_event("e2", sources=(ADF,))])
        resolution = resolver.resolve(make_event("e3", sources=(GUNMEN,)), at(5))
        assert resolution.outcome == "joined"
        assert [c.decision.reason for c in resolution.candidates][-1] == "merge_blocked_actor_conflict"
        assert [i.event_ids for i in resolver.incidents] == [["e1", "e3"], ["e2"]]

    def test_bridge_over_days_does_not_reconcile_actors(self) -> None:
        """M23 on the 5th and ADF on the 8th: a report of the 6th with unnamed gunmen links neither pair."""
        resolver, _ = run(
            [make_event("e1", sources=(M23,)), make_event("e2", sources=(ADF,), day=date(2024, 3, 8))]
        )
        resolution = resolver.resolve(make_event("e3", sources=(GUNMEN,), day=date(2024, 3, 6)), at(5))
        assert (resolution.outcome, [c.kind for c in resolution.changes]) == ("joined", ["updated"])
        assert resolver.state_size == 2

    def test_province_report_does_not_bridge_two_towns(self) -> None:
        """'North Kivu' matches the Goma and the Sake incidents by being vague: it joins one, merges none."""
        resolver, _ = run([make_event("e1"), make_event("e2", place=SAKE)])
        resolution = resolver.resolve(make_event("e3", place=NORD_KIVU), at(5))
        assert (resolution.outcome, [c.kind for c in resolution.changes]) == ("joined", ["updated"])
        assert [c.decision.reason for c in resolution.candidates][-1] == "merge_blocked_place_apart"
        assert [i.event_ids for i in resolver.incidents] == [["e1", "e3"], ["e2"]]

    def test_publication_date_does_not_bridge_two_days(self) -> None:
        """A report dated only by its publication day matches the 5th and the 8th; it links neither."""
        resolver, _ = run([make_event("e1"), make_event("e2", day=date(2024, 3, 8))])
        resolution = resolver.resolve(make_event("e3", day=date(2024, 3, 6), fallback=True), at(5))
        assert resolution.outcome == "joined"
        assert [c.decision.reason for c in resolution.candidates][-1] == "merge_blocked_date_apart"
        assert resolver.state_size == 2

    def test_report_joins_the_closest_incident(self) -> None:
        """Of two incidents a province report matches equally by place, it joins the one with its own
        sub-event type, though the other is older."""
        resolver, _ = run([make_event("e1", act="clash", place=SAKE), make_event("e2")])
        resolution = resolver.resolve(make_event("e3", place=NORD_KIVU), at(5))
        assert [c.key for c in resolution.changes] == [incident_id_for("e2")]
        assert [i.event_ids for i in resolver.incidents] == [["e1"], ["e2", "e3"]]

    def test_nearer_date_wins_a_tie_in_place(self) -> None:
        """A fallback-dated report of the 7th matching the Goma incidents of the 5th and of the 8th
        joins the 8th."""
        resolver, _ = run([make_event("e1"), make_event("e2", day=date(2024, 3, 8))])
        resolution = resolver.resolve(make_event("e3", day=date(2024, 3, 7), fallback=True), at(5))
        assert [c.key for c in resolution.changes] == [incident_id_for("e2")]


class TestIds:
    def test_incident_id_is_derived_from_first_event(self) -> None:
        """A literal id: stable across processes and releases."""
        assert incident_id_for("e1") == "inc-7846bfacb2ef8674b17a5b605c4c6cd1"
        assert incident_id_for("e2") != incident_id_for("e1")

    def test_two_runs_give_identical_records(self) -> None:
        """Same events, same clock: byte-identical records."""
        events = [
            make_event("e1"),
            make_event("e2", place=SAKE),
            make_event("e3", place=MUNIGI, killed=(2, 2, 2)),
        ]

        def dump() -> list[str]:
            return [c.incident.model_dump_json() for c in run(events)[1]]

        assert dump() == dump()
