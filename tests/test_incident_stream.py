"""The incident shell without a broker: wire format, re-keying, per-partition state, restore, the table.

Also home of ``report``, the hand-built violence report the broker tests of incidents publish.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import pytest
from prometheus_client import CollectorRegistry

from conflict_events.contracts import ConflictEvent, Incident
from conflict_events.incidents import IncidentChange, ResolutionSettings, incident_id_for, resolve_all
from conflict_events.stream.incident_metrics import OUTCOMES, IncidentMetrics
from conflict_events.stream.incident_records import (
    CE_INCIDENT_TYPES,
    LatestIncidents,
    change_records,
    header_watermark,
    rekey_record,
)
from conflict_events.stream.incident_state import IncidentPartitions, Pending, StoredRecord
from conflict_events.stream.incident_table import killed_cell, render
from conflict_events.stream.records import OutboundRecord

SETTINGS = ResolutionSettings()
DAY = date(2024, 5, 13)
T0 = datetime(2024, 5, 14, 8, 0, tzinfo=UTC)

TOWNS: dict[str, tuple[str, str, float, float, int]] = {
    # name: (country, admin1, latitude, longitude, geonames id)
    "Bama": ("NGA", "Borno", 11.52134, 13.68952, 2347954),
    "Dikwa": ("NGA", "Borno", 12.03609, 13.91815, 2344854),  # 63 km from Bama
    "Goma": ("COD", "Nord-Kivu", -1.67409, 29.22845, 215605),
    "Beni": ("COD", "Nord-Kivu", 0.49113, 29.47306, 215771),
    "El Fasher": ("SDN", "North Darfur", 13.62793, 25.34936, 379003),
    "Nyala": ("SDN", "South Darfur", 12.04888, 24.88069, 368277),
    "Mosul": ("IRQ", "Nineveh", 36.335, 43.11889, 99072),
    "Kirkuk": ("IRQ", "Kirkuk", 35.46806, 44.39222, 94787),
    "Aleppo": ("SYR", "Aleppo", 36.20278, 37.15861, 170063),
    "Idlib": ("SYR", "Idlib", 35.93062, 36.63393, 169389),
    "Kharkiv": ("UKR", "Kharkiv", 49.98081, 36.25272, 706483),
    "Kherson": ("UKR", "Kherson", 46.65581, 32.6178, 706448),
    "Gondar": ("ETH", "Amhara", 12.6, 37.46667, 336014),
    "Dessie": ("ETH", "Amhara", 11.13333, 39.63333, 338832),
}
SPAN = {"start": 0, "end": 6, "text": "killed"}


def report(
    event_id: str,
    *,
    article: str | None = None,
    town: str = "Bama",
    day: date = DAY,
    killed: int | None = None,
) -> ConflictEvent:
    """An asserted attack on civilians in ``town`` on ``day``, as the extractor publishes it."""
    country, admin1, lat, lon, geonames_id = TOWNS[town]
    quantities = []
    if killed is not None:
        quantities = [
            {"kind": "killed", "min": killed, "max": killed, "best": killed, "qualifier": "exact"}
            | {"text": "killed", "span": SPAN, "acled_field": True}
        ]
    return ConflictEvent.model_validate(
        {
            "event_id": event_id,
            "article_id": article or f"art-{event_id}",
            "event_type": "ASSAULT",
            "acled_event_type": "Violence against civilians",
            "acled_sub_event_type": "Attack",
            "cameo_root": "18",
            "category": "violence",
            "mode": "asserted",
            "summary": f"attack in {town}",
            "actors": [],
            "location": {
                "name": town,
                "span": SPAN,
                "country": country,
                "admin1": admin1,
                "latitude": lat,
                "longitude": lon,
                "geonames_id": geonames_id,
                "feature": "place",
                "geo_precision": 1,
                "reason": "test",
            },
            "date": {
                "text": "on Monday",
                "span": SPAN,
                "start": day,
                "end": day,
                "granularity": "day",
                "time_precision": 1,
                "anchor": "published_at",
                "fallback": False,
            },
            "quantities": quantities,
            "attribution": None,
            "evidence": {"sentence": SPAN, "trigger": SPAN, "paragraph_index": 0, "story_index": 0},
            "confidence": 0.6,
            "extractor_version": "conflict-events/test",
        }
    )


def partition_of(event: ConflictEvent, partitions: int) -> int:
    """Where the re-key stage sends ``event`` (a stable hash of its country only)."""
    country = event.location.country if event.location and event.location.country else "unknown"
    return zlib.crc32(country.encode()) % partitions


def new_state(partitions: int = 4, today: date = date(2024, 6, 30)) -> IncidentPartitions:
    """A state owning every partition of a ``partitions``-partition setup, restored from nothing."""
    state = IncidentPartitions(
        SETTINGS,
        topic="conflict-incidents",
        key_partitions=partitions,
        incident_partitions=partitions,
        today=lambda: today,
        clock=lambda: T0,
    )
    for partition in range(partitions):
        state.restore(partition, [])
    return state


def pending(events: Sequence[ConflictEvent], partitions: int = 4) -> list[Pending]:
    """The events as the resolve agent sees them, received an hour apart."""
    return [Pending(partition_of(e, partitions), e, T0 + timedelta(hours=i)) for i, e in enumerate(events)]


def stored(records: Sequence[OutboundRecord]) -> list[StoredRecord]:
    """Published records as a restore reads them back."""
    return [StoredRecord((r.key or b"").decode(), r.value, r.headers) for r in records]


def live(records: Sequence[OutboundRecord]) -> dict[str, Incident]:
    """The compacted view of published records: last value per key, tombstones delete."""
    latest = LatestIncidents()
    for record in stored(records):
        latest.apply(record.key, None if record.value is None else Incident.model_validate_json(record.value))
    return dict(latest.by_id)


def story() -> list[ConflictEvent]:
    """Two raids in Borno (Bama: three reports, revised tolls; Dikwa: one) and one in Goma."""
    return [
        report("b1", killed=9),
        report("d1", town="Dikwa", killed=6),
        report("g1", town="Goma", killed=3),
        report("b2", killed=12),
        report("b3", killed=14),
        report("g2", town="Goma"),
    ]


class TestWireFormat:
    def test_incident_record_headers(self) -> None:
        """Key = incident id, explicit partition, ce_id = id:version, ce_type per kind, watermark header."""
        state = new_state()
        published = state.resolve(pending([report("b1", killed=9)]))
        [record] = published.records
        incident_id = incident_id_for("b1")
        headers = dict(record.headers)
        assert (record.topic, record.key, record.partition) == ("conflict-incidents", incident_id.encode(), 0)
        assert {name: headers[name] for name in ("ce_id", "ce_type", "ce_subject", "incident-watermark")} == {
            "ce_id": f"{incident_id}:1".encode(),
            "ce_type": b"org.conflictevents.incident.created.v1",
            "ce_subject": incident_id.encode(),
            "incident-watermark": b"2024-05-13",
        }
        assert (headers["content-type"], headers["schema-version"]) == (b"application/json", b"1.0")
        assert Incident.model_validate_json(record.value or b"").article_ids == ["art-b1"]

    def test_merged_record_is_followed_by_a_tombstone(self) -> None:
        """A merged change gives its final record (ce_type merged), then a null value under the same key."""
        state = new_state()
        first = state.resolve(pending([report("x1", town="Goma"), report("x2", town="Goma", day=DAY)]))
        change = next(c for c in first.changes if c.kind == "updated")
        final = change.incident.model_copy(update={"status": "closed", "merged_into": "inc-other"})
        records = change_records(
            IncidentChange("merged", final), topic="t", partition=2, sent_at=T0, watermark=None
        )
        assert [(r.key, r.value is None, dict(r.headers)["ce_type"]) for r in records] == [
            (final.incident_id.encode(), False, CE_INCIDENT_TYPES["merged"].encode()),
            (final.incident_id.encode(), True, b"org.conflictevents.incident.deleted.v1"),
        ]
        assert {r.partition for r in records} == {2}

    def test_rekey_keeps_bytes_and_headers_and_picks_the_country_partition(self) -> None:
        """Key = country:bucket, partition from the country alone (neighbouring buckets together)."""
        saturday, sunday = report("s", day=date(2024, 5, 11)), report("u", day=date(2024, 5, 12))
        keyed = [
            rekey_record(
                event,
                value=b"raw",
                headers=(("ce_id", b"x"),),
                timestamp=12.5,
                topic="k",
                partitions=6,
                settings=SETTINGS,
            )
            for event in (saturday, sunday)
        ]
        assert [(r.key, r.partition, r.value, r.timestamp) for r in keyed] == [
            (b"NGA:105573", 0, b"raw", 12.5),
            (b"NGA:105574", 0, b"raw", 12.5),
        ]
        assert keyed[0].headers == (("ce_id", b"x"), ("incident-key", b"NGA:105573"))

    def test_watermark_header_parsing(self) -> None:
        """The watermark header reads back as a date; absent or garbled gives None."""
        assert header_watermark([("incident-watermark", b"2024-05-13")]) == date(2024, 5, 13)
        assert header_watermark([("incident-watermark", b"soon")]) is None
        assert header_watermark([]) is None


class TestLatestIncidents:
    def test_tombstone_deletes_and_lower_version_is_ignored(self) -> None:
        """Last value per key: a lower version never rolls back, a tombstone removes the key."""
        published = new_state().resolve(pending([report("b1"), report("b2")]))
        v1, v2 = (Incident.model_validate_json(r.value or b"") for r in published.records)
        latest = LatestIncidents()
        assert [latest.apply("k", v2), latest.apply("k", v1)] == [True, False]
        assert latest.incidents == [v2]
        assert latest.apply("k", None) is True
        assert latest.incidents == []


class TestResolveAndRestore:
    def test_story_gives_three_incidents_like_the_offline_resolver(self) -> None:
        """Bama (3 reports, version 3), Dikwa and Goma (version 2): the same clusters as resolve_all."""
        published = new_state().resolve(pending(story()))
        final = live(published.records)
        assert sorted((i.event_ids, i.version) for i in final.values()) == [
            (["b1", "b2", "b3"], 3),
            (["d1"], 1),
            (["g1", "g2"], 2),
        ]
        assert sorted(i.event_ids for i in final.values()) == sorted(
            i.event_ids for i in resolve_all(story())
        )

    def test_reports_across_a_bucket_edge_are_one_incident(self) -> None:
        """Saturday and Sunday reports (buckets 105573 and 105574) reach one partition and one incident."""
        saturday, sunday = report("s", day=date(2024, 5, 11)), report("u", day=date(2024, 5, 12))
        published = new_state().resolve(pending([saturday, sunday]))
        assert [(c.kind, c.incident.event_ids) for c in published.changes] == [
            ("created", ["s"]),
            ("updated", ["s", "u"]),
        ]

    def test_restore_then_resolve_equals_an_uninterrupted_run(self) -> None:
        """Crash after any event, restore each partition from what was published, go on: same records,
        and the events since the last commit, delivered again, change nothing."""
        events = story()
        expected = new_state().resolve(pending(events)).records
        for cut in range(1, len(events)):
            before = new_state().resolve(pending(events)[:cut]).records
            restored = new_state()
            repairs = [restored.restore(p, stored(before)).records for p in range(4)]
            assert repairs == [[], [], [], []]
            again = restored.resolve(pending(events)[max(0, cut - 2) : cut])  # re-delivered
            assert (again.records, {r.outcome for _, r in again.resolutions}) == ([], {"duplicate"})
            after = restored.resolve(pending(events)[cut:]).records
            assert live(before + after) == live(expected), cut

    def test_restore_keeps_only_the_partitions_own_incidents(self) -> None:
        """With fewer incidents partitions than key partitions, a partition restores its countries only."""
        state = IncidentPartitions(SETTINGS, topic="t", key_partitions=4, incident_partitions=1)
        state.restore(0, [])
        state.restore(1, [])
        records = new_state().resolve(pending([report("b1"), report("n1", town="Nyala")])).records
        state.restore(0, stored(records))
        state.restore(1, stored(records))
        assert [[i.event_ids for i in state.incidents(p)] for p in (0, 1)] == [[["b1"]], [["n1"]]]

    def test_watermark_survives_a_restart(self) -> None:
        """An incident closed by eviction before a crash is not reopened by its report delivered again."""
        state = new_state()
        first = state.resolve(
            pending([report("b1", day=date(2024, 5, 1)), report("b9", day=date(2024, 5, 13))])
        )
        assert [(c.kind, c.incident.event_ids) for c in first.changes][-1] == ("closed", ["b1"])
        restored = new_state()
        restored.restore(0, stored(first.records))
        again = restored.resolve(pending([report("b1", day=date(2024, 5, 1))]))
        assert ([r.outcome for _, r in again.resolutions], again.records) == (["late"], [])

    def test_restore_repairs_a_merge_cut_short(self) -> None:
        """Survivor published, the folded incident's final record lost in a crash: restore folds it
        (final record with merged_into, then a tombstone) instead of keeping a duplicate."""
        first = new_state().resolve(pending([report("m1", town="Goma"), report("m2", town="Beni")]))
        goma, beni = (c.incident for c in first.changes)
        survivor = goma.model_copy(update={"version": 2, "event_ids": ["m1", "m2", "m3"]})
        cut_short = change_records(
            IncidentChange("updated", survivor), topic="t", partition=0, sent_at=T0, watermark=DAY
        )
        restored = new_state()
        repaired = restored.restore(0, stored(first.records + list(cut_short)))
        assert [(r.key, dict(r.headers)["ce_type"], r.value is None) for r in repaired.records] == [
            (beni.incident_id.encode(), b"org.conflictevents.incident.merged.v1", False),
            (beni.incident_id.encode(), b"org.conflictevents.incident.deleted.v1", True),
        ]
        final = Incident.model_validate_json(repaired.records[0].value or b"")
        assert (final.version, final.status, final.merged_into) == (2, "closed", goma.incident_id)
        assert [i.event_ids for i in restored.incidents(0)] == [["m1", "m2", "m3"]]
        again = restored.resolve(pending([report("m2", town="Beni")]))
        assert [r.outcome for _, r in again.resolutions] == ["duplicate"]

    def test_unreadable_record_is_skipped(self) -> None:
        """A value that is not an Incident does not stop the restore; it is counted."""
        state = new_state()
        restored = state.restore(0, [StoredRecord("junk", b"{not json")])
        assert (restored.unreadable, state.state_size) == (1, 0)

    def test_event_of_a_partition_not_owned_is_refused(self) -> None:
        """Resolving before restoring is a bug in the shell, not a silent empty state."""
        state = IncidentPartitions(SETTINGS, topic="t", key_partitions=4, incident_partitions=4)
        with pytest.raises(KeyError):
            state.resolve(pending([report("b1")]))


class TestTable:
    def test_rows_show_the_live_incidents(self) -> None:
        """One row per incident: id, version, status, type, place, dates, killed (value, range), sources."""
        final = live(new_state().resolve(pending(story())).records)
        out = io.StringIO()
        render(list(final.values()), out, now=datetime(2024, 5, 14, 9, 30, tzinfo=UTC))
        lines = out.getvalue().splitlines()
        assert lines[0] == "# 3 incident(s) at 2024-05-14 09:30:00 UTC"
        assert lines[1].split() == ["ID", "VER", "STATUS", "TYPE", "PLACE", "DATES", "KILLED", "SOURCES"]
        bama = next(line for line in lines if line.startswith(incident_id_for("b1")))
        assert bama.split(maxsplit=1)[1].split() == [
            "3", "open", "ASSAULT", "/", "Attack", "Bama", "(NGA)", "2024-05-13", "14", "(9-14)", "3",
        ]  # fmt: skip

    def test_killed_cell_formats(self) -> None:
        """Agreeing reports show one number; an open-ended report shows min+."""
        [goma] = [
            i
            for i in live(new_state().resolve(pending([report("g", town="Goma", killed=4)])).records).values()
        ]
        assert killed_cell(goma) == "4"
        open_ended = goma.quantities[0].model_copy(update={"max": None, "value": 6})
        assert killed_cell(goma.model_copy(update={"quantities": [open_ended]})) == "6 (4+)"


class TestMetrics:
    def test_every_series_exists_at_start(self) -> None:
        """Counters, the open gauge, the latency histogram and every outcome label start at zero."""
        registry = CollectorRegistry()
        IncidentMetrics(registry)
        for name in (
            "extractor_incidents_created_total",
            "extractor_incidents_updated_total",
            "extractor_incidents_merged_total",
            "extractor_incidents_closed_total",
            "extractor_incidents_open",
            "extractor_incident_resolution_latency_seconds_count",
            "extractor_incidents_restore_seconds",
        ):
            assert registry.get_sample_value(name) == 0.0, name
        assert [
            registry.get_sample_value("extractor_incident_events_total", {"outcome": o}) for o in OUTCOMES
        ] == [0.0] * 9


class TestTopics:
    def test_incident_topics_only_when_enabled(self) -> None:
        """The worker creates the two incident topics (incidents compacted) unless INCIDENTS_ENABLED=false."""
        from conflict_events.settings import Settings
        from conflict_events.stream.topics import topic_configs, topic_names

        enabled, disabled = Settings(), Settings(INCIDENTS_ENABLED="false")  # type: ignore[call-arg]
        assert topic_names(enabled)[-2:] == ["conflict-events.by-incident-key", "conflict-incidents"]
        assert (len(topic_names(enabled)), len(topic_names(disabled))) == (12, 10)
        assert topic_configs(enabled) == {"conflict-incidents": {"cleanup.policy": "compact"}}
