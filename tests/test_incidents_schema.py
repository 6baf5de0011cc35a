"""Tests for the Incident contract (schema file, closed schema) and the partitioning helpers."""

from __future__ import annotations

import json
from datetime import date

from jsonschema import Draft202012Validator

from conflict_events.contracts import Incident
from conflict_events.incidents import ResolutionSettings, incident_partition_key, partition_for, partition_key
from conflict_events.incidents.buckets import lookup_buckets
from conflict_events.schema_gen import REPO, build_schema, render, schema_file
from test_incidents_match import CONGO, SAKE, make_event
from test_incidents_resolver import run

SCHEMA_PATH = REPO / "schemas" / schema_file("incident")
SETTINGS = ResolutionSettings()


class TestSchema:
    def test_file_matches_model(self) -> None:
        """schemas/incident.v1.schema.json is what the model generates (run `conflict-events schemas`)."""
        assert SCHEMA_PATH.read_text(encoding="utf-8") == render(build_schema("incident"))

    def test_closed_and_versioned(self) -> None:
        """A closed schema with a versioned $id, like the other produced messages."""
        schema = build_schema("incident")
        assert schema["additionalProperties"] is False
        assert schema["$id"] == "https://conflictevents.org/schemas/incident.v1.schema.json"

    def test_records_validate_and_round_trip(self) -> None:
        """Every record the resolver publishes validates against the file and parses back equal."""
        validator = Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
        events = [make_event("e1", killed=(1, None, 1)), make_event("e2", place=CONGO), make_event("e3")]
        events.append(make_event("e4", day=date(2024, 3, 8)))
        events.append(make_event("e5", day=date(2024, 3, 6)))
        _, changes = run(events)
        assert {c.kind for c in changes} == {"created", "updated", "merged"}
        for change in changes:
            data = json.loads(change.incident.model_dump_json())
            validator.validate(data)
            assert Incident.model_validate(data) == change.incident


class TestPartitioning:
    def test_partition_key_is_country_and_week_bucket(self) -> None:
        """Goma on 2024-03-05 is in COD's bucket 105564 (Sunday 3 March to Saturday 9 March)."""
        assert partition_key(make_event("e1"), SETTINGS) == "COD:105564"
        assert partition_key(make_event("e1", day=date(2024, 3, 10)), SETTINGS) == "COD:105565"
        assert partition_key(make_event("e1", place=None), SETTINGS) == "unknown:105564"

    def test_incident_has_the_key_of_its_first_event(self) -> None:
        """A worker restores the incidents whose key it owns: same key as the event that opened them."""
        resolver, _ = run([make_event("e1")])
        [incident] = resolver.incidents
        assert incident_partition_key(incident, SETTINGS) == "COD:105564"

    def test_neighbouring_buckets_share_a_partition(self) -> None:
        """Every bucket of one country goes to one partition, so no incident is split between workers."""
        keys = [
            partition_key(make_event("e", place=SAKE, day=date(2024, 3, d)), SETTINGS) for d in (1, 5, 12, 30)
        ]
        assert {partition_for(k, 6) for k in keys} == {partition_for("COD:0", 6)}
        assert [partition_for(k, 6) for k in ("COD:1", "RWA:1", "unknown:1")] == [4, 1, 1]

    def test_lookup_reaches_the_neighbouring_bucket_near_an_edge(self) -> None:
        """A report of Sunday the 10th is looked up in its bucket and the previous one; mid-week in one."""
        assert list(lookup_buckets(date(2024, 3, 10), date(2024, 3, 10), SETTINGS)) == [105564, 105565]
        assert list(lookup_buckets(date(2024, 3, 6), date(2024, 3, 6), SETTINGS)) == [105564]
