"""schemas/asyncapi.yaml: valid AsyncAPI 3.0.0, refs resolve, headers match what the worker writes."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, get_args

import jsonschema
import pytest
import yaml

from conflict_events.contracts import ArticleOutcome, Category
from conflict_events.settings import Settings
from conflict_events.stream.decode import DLQ_REASONS
from conflict_events.stream.records import InboundMessage, dlq_record, outcome_record

REPO = Path(__file__).resolve().parents[1]
SCHEMAS = REPO / "schemas"
ASYNCAPI_SCHEMA = Path(__file__).parent / "fixtures" / "asyncapi" / "asyncapi-3.0.0.schema.json"


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    """The parsed AsyncAPI document."""
    data: dict[str, Any] = yaml.safe_load((SCHEMAS / "asyncapi.yaml").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    """Validator for the official AsyncAPI 3.0.0 JSON Schema (vendored from @asyncapi/specs)."""
    return jsonschema.Draft7Validator(json.loads(ASYNCAPI_SCHEMA.read_text(encoding="utf-8")))


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []


def _resolve_pointer(doc: dict[str, Any], pointer: str) -> Any:
    node: Any = doc
    for part in pointer.lstrip("/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _as_header_map(headers: tuple[tuple[str, bytes], ...]) -> dict[str, str]:
    return {name: value.decode("utf-8") for name, value in headers}


class TestDocument:
    def test_is_asyncapi_3(self, doc: dict[str, Any]) -> None:
        """The document declares AsyncAPI 3.0.0 and Kafka servers."""
        assert doc["asyncapi"] == "3.0.0"
        assert {server["protocol"] for server in doc["servers"].values()} == {"kafka"}

    def test_valid_against_the_asyncapi_schema(
        self, doc: dict[str, Any], validator: jsonschema.Draft7Validator
    ) -> None:
        """The official AsyncAPI 3.0.0 JSON Schema reports no error."""
        assert [error.message for error in validator.iter_errors(doc)] == []

    def test_schema_catches_a_wrong_action(
        self, doc: dict[str, Any], validator: jsonschema.Draft7Validator
    ) -> None:
        """The validator really checks: an operation action other than send/receive fails."""
        broken = copy.deepcopy(doc)
        broken["operations"]["receiveArticles"]["action"] = "consume"
        assert not validator.is_valid(broken)

    def test_every_ref_resolves(self, doc: dict[str, Any]) -> None:
        """Internal refs point into the document; file refs name JSON Schemas that exist and are valid."""
        refs = _refs(doc)
        assert len(refs) == 45
        for ref in refs:
            if ref.startswith("#"):
                assert _resolve_pointer(doc, ref[1:]) is not None, ref
            else:
                schema = json.loads((SCHEMAS / ref).read_text(encoding="utf-8"))
                jsonschema.Draft202012Validator.check_schema(schema)
                assert schema["$id"].endswith("/" + ref)

    def test_payloads_are_the_contract_schemas(self, doc: dict[str, Any]) -> None:
        """Article, ConflictEvent (also re-keyed), ArticleOutcome and Incident payloads reference the v1
        schema files."""
        payloads = {
            name: message["payload"].get("$ref") for name, message in doc["components"]["messages"].items()
        }
        assert payloads == {
            "Article": "article.v1.schema.json",
            "ConflictEvent": "conflict-event.v1.schema.json",
            "ArticleOutcome": "article-outcome.v1.schema.json",
            "DeadLetter": None,
            "Incident": "incident.v1.schema.json",
            "RekeyedConflictEvent": "conflict-event.v1.schema.json",
        }


class TestTopics:
    def test_every_topic_is_a_channel(self, doc: dict[str, Any]) -> None:
        """Channels cover the input, events, one topic per category, outcomes, the DLQ, the re-keyed
        events and the incidents (default names)."""
        settings = Settings()
        expected = {
            settings.topic_articles,
            settings.topic_events,
            settings.topic_outcomes,
            settings.topic_dlq,
            settings.incident_keys_topic,
            settings.topic_incidents,
        }
        expected |= {f"{settings.topic_events}.{category}" for category in get_args(Category)}
        addresses = {channel["address"] for channel in doc["channels"].values()}
        assert addresses == expected
        assert len(addresses) == 12

    def test_every_channel_has_operations(self, doc: dict[str, Any]) -> None:
        """Each channel is sent to once; the input, the events (incident resolution) and the re-keyed
        events are also received."""
        operations = doc["operations"].values()
        sent = [op["channel"]["$ref"].split("/")[-1] for op in operations if op["action"] == "send"]
        received = [op["channel"]["$ref"].split("/")[-1] for op in operations if op["action"] == "receive"]
        assert sorted(sent) == sorted(set(doc["channels"]) - {"articles"})
        assert received == ["articles", "conflictEvents", "conflictEventsByIncidentKey"]

    def test_receive_operation_names_the_consumer_group(self, doc: dict[str, Any]) -> None:
        """The consumer's Kafka binding gives the default CONSUMER_GROUP as groupId."""
        group = doc["operations"]["receiveArticles"]["bindings"]["kafka"]["groupId"]
        assert group["default"] == Settings().consumer_group == "conflict-events"

    def test_outcomes_compacted_events_not(self, doc: dict[str, Any]) -> None:
        """Only the outcomes (keyed by article id) and the incidents (keyed by incident id) are compacted."""
        policies = {
            channel["address"]: channel["bindings"]["kafka"]["topicConfiguration"]["cleanup.policy"]
            for channel in doc["channels"].values()
        }
        assert {address for address, policy in policies.items() if policy == ["compact"]} == {
            "article-outcomes",
            "conflict-incidents",
        }

    def test_every_message_describes_its_key(self, doc: dict[str, Any]) -> None:
        """Each message has a Kafka key binding."""
        for message in doc["components"]["messages"].values():
            assert message["bindings"]["kafka"]["key"]["type"] == "string"


class TestHeadersMatchTheWire:
    def _headers_schema(self, doc: dict[str, Any], message: str) -> dict[str, Any]:
        schema: dict[str, Any] = doc["components"]["messages"][message]["headers"]
        return schema

    def test_outcome_headers_validate(self, doc: dict[str, Any]) -> None:
        """Headers the worker writes on an outcome satisfy the documented header schema."""
        outcome = ArticleOutcome(
            article_id="a-7",
            status="skipped",
            reason="not_english",
            processed_at=datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC),
            extractor_version="0.1.0",
            source_topic="articles",
            partition=2,
            offset=40,
        )
        headers = _as_header_map(outcome_record(outcome, outcomes_topic="article-outcomes").headers)
        jsonschema.validate(headers, self._headers_schema(doc, "ArticleOutcome"))
        assert set(headers) <= set(self._headers_schema(doc, "ArticleOutcome")["properties"])

    def test_dead_letter_headers_validate(self, doc: dict[str, Any]) -> None:
        """Headers the worker writes on a dead letter satisfy the documented dlq.* schema."""
        message = InboundMessage(topic="articles", partition=1, offset=9, key=b"k", value=b"{not json")
        record = dlq_record(
            message,
            dlq_topic="articles.dlq",
            reason="invalid_json",
            stage="decode",
            error_class="JSONDecodeError",
            error_message="Expecting property name",
        )
        jsonschema.validate(_as_header_map(record.headers), self._headers_schema(doc, "DeadLetter"))

    def test_dlq_reasons_are_the_metric_labels(self, doc: dict[str, Any]) -> None:
        """The documented dlq.reason values are exactly the worker's DLQ reason labels."""
        reasons = self._headers_schema(doc, "DeadLetter")["properties"]["dlq.reason"]["enum"]
        assert tuple(reasons) == DLQ_REASONS

    def test_incident_headers_validate(self, doc: dict[str, Any]) -> None:
        """Headers of an incident record and of the tombstone after a merge satisfy the documented schema."""
        from conflict_events.incidents import IncidentChange
        from conflict_events.stream.incident_records import change_records
        from test_incident_stream import T0, new_state, pending, report

        [change] = new_state().resolve(pending([report("b1")])).changes
        final = change.incident.model_copy(update={"status": "closed", "merged_into": "inc-" + "0" * 32})
        records = change_records(
            IncidentChange("merged", final),
            topic="conflict-incidents",
            partition=0,
            sent_at=T0,
            watermark=None,
        )
        schema = self._headers_schema(doc, "Incident")
        for record in (*new_state().resolve(pending([report("b1")])).records, *records):
            headers = _as_header_map(record.headers)
            jsonschema.validate(headers, schema)
            assert set(headers) <= set(schema["properties"])
        assert [_as_header_map(r.headers)["ce_type"] for r in records] == [
            "org.conflictevents.incident.merged.v1",
            "org.conflictevents.incident.deleted.v1",
        ]
