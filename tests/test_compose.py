"""docker-compose.yml: valid against the Compose Specification schema, pinned, wired as documented."""

from __future__ import annotations

import copy
import json
import re
import subprocess
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conflict_events.settings import Settings

REPO = Path(__file__).resolve().parents[1]
COMPOSE = REPO / "docker-compose.yml"
PINNED = re.compile(r"^[a-z0-9./-]+:v?\d+\.\d+\.\d+$")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    """The parsed compose file."""
    data: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def compose_schema() -> dict[str, Any]:
    """The Compose Specification JSON schema vendored by check-jsonschema (Apache-2.0, offline)."""
    text = (
        resources.files("check_jsonschema.builtin_schemas.vendor")
        .joinpath("compose-spec.json")
        .read_text("utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


def _validate(document: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft7Validator(schema)
    return [error.message for error in validator.iter_errors(document)]


class TestSchema:
    def test_file_is_valid_compose(self, compose: dict[str, Any], compose_schema: dict[str, Any]) -> None:
        """The compose file has no schema errors."""
        assert _validate(compose, compose_schema) == []

    def test_schema_catches_a_typo(self, compose: dict[str, Any], compose_schema: dict[str, Any]) -> None:
        """The validator really checks: a misspelled service key is reported."""
        broken = copy.deepcopy(compose)
        broken["services"]["worker"]["enviroment"] = {"X": "1"}
        assert _validate(broken, compose_schema) == ["'enviroment' does not match any of the regexes: '^x-'"]


class TestServices:
    def test_expected_services(self, compose: dict[str, Any]) -> None:
        """Kafka, topic setup, workers, Prometheus and Grafana are defined."""
        assert set(compose["services"]) == {"kafka", "topic-setup", "worker", "prometheus", "grafana"}

    def test_images_pinned_by_version(self, compose: dict[str, Any]) -> None:
        """Every image has an explicit x.y.z tag (no 'latest')."""
        images = {name: service["image"] for name, service in compose["services"].items()}
        assert {name: bool(PINNED.match(image)) for name, image in images.items()} == dict.fromkeys(
            images, True
        )
        assert images["kafka"].startswith("apache/kafka:")

    def test_kafka_is_kraft_with_healthcheck(self, compose: dict[str, Any]) -> None:
        """The broker runs KRaft (broker+controller roles) and has a healthcheck the others wait for."""
        kafka = compose["services"]["kafka"]
        assert kafka["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"
        assert "kafka-broker-api-versions.sh" in kafka["healthcheck"]["test"][1]
        assert compose["services"]["worker"]["depends_on"]["kafka"] == {"condition": "service_healthy"}
        assert compose["services"]["worker"]["depends_on"]["topic-setup"] == {
            "condition": "service_completed_successfully"
        }

    def test_two_worker_replicas_scraped_by_prometheus(self, compose: dict[str, Any]) -> None:
        """Two worker replicas; Prometheus discovers the 'worker' service on the metrics port."""
        assert compose["services"]["worker"]["deploy"]["replicas"] == 2
        prometheus = yaml.safe_load((REPO / "deploy" / "prometheus" / "prometheus.yml").read_text("utf-8"))
        sd = prometheus["scrape_configs"][0]["dns_sd_configs"][0]
        assert (sd["names"], sd["port"]) == (
            ["worker"],
            compose["services"]["worker"]["environment"]["METRICS_PORT"],
        )

    def test_worker_env_names_are_settings(self, compose: dict[str, Any]) -> None:
        """Every worker variable is a Settings alias, and every topic/Kafka basic one is set."""
        aliases = {field.alias for field in Settings.model_fields.values()}
        names = set(compose["services"]["worker"]["environment"])
        assert names - aliases == set()
        assert {
            "KAFKA_BOOTSTRAP_SERVERS", "TOPIC_ARTICLES", "TOPIC_EVENTS", "TOPIC_OUTCOMES", "TOPIC_DLQ",
            "TOPIC_PARTITIONS", "TOPIC_REPLICATION_FACTOR", "CONSUMER_GROUP", "METRICS_PORT", "LOG_LEVEL",
        } <= names  # fmt: skip

    def test_worker_env_defaults_make_valid_settings(self, compose: dict[str, Any]) -> None:
        """With every ${VAR:-default} at its default, the worker environment builds a valid Settings."""
        environment = compose["services"]["worker"]["environment"]
        values = {
            name: re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", str(value)) for name, value in environment.items()
        }
        settings = Settings(**values)  # type: ignore[arg-type]
        assert (settings.bootstrap_servers, settings.topic_partitions, settings.metrics_port) == (
            "kafka:19092",
            6,
            9464,
        )

    def test_worker_gets_time_to_finish_its_batch(self, compose: dict[str, Any]) -> None:
        """Compose waits longer than the worker's shutdown grace before killing it."""
        from conflict_events.stream.worker import SHUTDOWN_GRACE_SECONDS

        grace = compose["services"]["worker"]["stop_grace_period"]
        assert grace == "30s"
        assert int(grace.removesuffix("s")) > SHUTDOWN_GRACE_SECONDS

    def test_topic_setup_creates_every_topic(self, compose: dict[str, Any]) -> None:
        """The one-shot setup creates input, events, six category topics, outcomes (compacted), the DLQ, the
        re-keyed events and the incidents (compacted)."""
        script = compose["services"]["topic-setup"]["command"][0]
        assert script.count('create "$$TOPIC_') == 7
        assert 'create "$$TOPIC_INCIDENTS" --config cleanup.policy=compact' in script
        assert 'create "$$TOPIC_EVENTS.$$category"' in script
        assert "for category in violence protest agreement mobilization coercion other" in script
        assert 'create "$$TOPIC_OUTCOMES" --config cleanup.policy=compact' in script
        assert '--partitions "$$TOPIC_PARTITIONS" --replication-factor "$$TOPIC_REPLICATION_FACTOR"' in script

    def test_topic_setup_script_runs(self, compose: dict[str, Any], tmp_path: Path) -> None:
        """Run by bash against a stub kafka-topics.sh, the setup script creates the 12 documented topics."""
        script = compose["services"]["topic-setup"]["command"][0].replace("$$", "$")
        stub = tmp_path / "kafka-topics.sh"
        log = tmp_path / "calls.txt"
        stub.write_text(f'#!/bin/bash\necho "$*" >> {log}\necho "PartitionCount: 6"\n', encoding="utf-8")
        stub.chmod(0o755)
        env = {key: str(value) for key, value in compose["services"]["topic-setup"]["environment"].items()}
        env = {key: re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", value) for key, value in env.items()}
        result = subprocess.run(
            ["bash", "-c", script.replace("/opt/kafka/bin/kafka-topics.sh", str(stub))],
            env={"PATH": "/usr/bin:/bin", **env},
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        creates = [
            line.split() for line in log.read_text(encoding="utf-8").splitlines() if "--create" in line
        ]
        topics = {call[call.index("--topic") + 1]: call for call in creates}
        assert sorted(topics) == sorted(
            ["articles", "conflict-events", "article-outcomes", "articles.dlq"]
            + ["conflict-events.by-incident-key", "conflict-incidents"]
            + [
                f"conflict-events.{c}"
                for c in ("violence", "protest", "agreement", "mobilization", "coercion", "other")
            ]
        )
        assert {call[call.index("--partitions") + 1] for call in creates} == {"6"}
        assert "cleanup.policy=compact" in topics["article-outcomes"]
        assert "cleanup.policy=compact" in topics["conflict-incidents"]
        assert "cleanup.policy=delete" in topics["conflict-events.protest"]

    def test_mounted_paths_exist(self, compose: dict[str, Any]) -> None:
        """Every bind-mounted host path is in the repository."""
        mounts = [
            volume.split(":")[0]
            for service in compose["services"].values()
            for volume in service.get("volumes", [])
            if volume.startswith("./")
        ]
        assert mounts and all((REPO / mount).exists() for mount in mounts)
