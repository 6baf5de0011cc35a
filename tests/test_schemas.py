"""JSON Schemas: generated from the pydantic contracts, no drift, examples validate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conflict_events.schema_gen import (
    MODELS,
    REPO,
    build_examples,
    build_schema,
    drifted,
    render,
    schema_file,
)

SCHEMAS = REPO / "schemas"
EXAMPLES = SCHEMAS / "examples"
FAKE = "conflict_events.stream.testing:make_fake_extractor"


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / schema_file(name)).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


class TestSchemaFiles:
    def test_no_drift_between_models_and_files(self) -> None:
        """The committed schema files equal what contracts.py generates (run `conflict-events schemas`)."""
        assert drifted(SCHEMAS) == []

    def test_drift_is_detected(self, tmp_path: Path) -> None:
        """A schema file that differs from the model is reported by name."""
        for name in MODELS:
            (tmp_path / schema_file(name)).write_text(render(build_schema(name)), encoding="utf-8")
        (tmp_path / "article.v1.schema.json").write_text("{}\n", encoding="utf-8")
        assert drifted(tmp_path) == ["article.v1.schema.json"]

    def test_dialect_and_versioned_ids(self) -> None:
        """Each file declares dialect 2020-12 and a versioned $id."""
        ids = {name: build_schema(name)["$id"] for name in MODELS}
        assert ids == {
            "article": "https://conflictevents.org/schemas/article.v1.schema.json",
            "conflict-event": "https://conflictevents.org/schemas/conflict-event.v1.schema.json",
            "article-outcome": "https://conflictevents.org/schemas/article-outcome.v1.schema.json",
            "incident": "https://conflictevents.org/schemas/incident.v1.schema.json",
        }
        assert {build_schema(n)["$schema"] for n in MODELS} == {
            "https://json-schema.org/draft/2020-12/schema"
        }

    def test_output_schemas_are_closed(self) -> None:
        """Produced messages have closed schemas (additionalProperties false) for compatibility checks."""
        assert build_schema("conflict-event")["additionalProperties"] is False
        assert build_schema("article-outcome")["additionalProperties"] is False
        assert "additionalProperties" not in build_schema("article")


class TestExamples:
    def test_generated_examples_validate(self) -> None:
        """Examples built from the seed by the worker's code path validate against the schemas."""
        examples = build_examples(FAKE)
        _validator("article").validate(json.loads(examples["article.v1.example.json"]))
        events = json.loads(examples["conflict-event.v1.examples.json"])
        assert len(events) == 1
        for event in events:
            _validator("conflict-event").validate(event)
        outcome = json.loads(examples["article-outcome.v1.example.json"])
        _validator("article-outcome").validate(outcome)
        assert (outcome["status"], outcome["event_count"]) == ("processed", 1)

    def test_committed_examples_validate(self) -> None:
        """The example files in schemas/examples/ validate against the committed schemas."""
        if not EXAMPLES.is_dir():
            pytest.fail("schemas/examples/ is missing: run `conflict-events schemas`")
        _validator("article").validate(json.loads((EXAMPLES / "article.v1.example.json").read_text("utf-8")))
        for event in json.loads((EXAMPLES / "conflict-event.v1.examples.json").read_text("utf-8")):
            _validator("conflict-event").validate(event)
        outcome = json.loads((EXAMPLES / "article-outcome.v1.example.json").read_text("utf-8"))
        _validator("article-outcome").validate(outcome)

    def test_invalid_event_is_rejected(self) -> None:
        """The event schema rejects an unknown field and a bad category."""
        event = json.loads(build_examples(FAKE)["conflict-event.v1.examples.json"])[0]
        validator = _validator("conflict-event")
        assert not validator.is_valid({**event, "unexpected": 1})
        assert not validator.is_valid({**event, "category": "weather"})
