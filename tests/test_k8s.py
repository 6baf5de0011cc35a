"""deploy/k8s: manifests validate against the Kubernetes schemas and agree with each other."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from conflict_events.settings import Settings

REPO = Path(__file__).resolve().parents[1]
K8S = REPO / "deploy" / "k8s"
CORE_FILES = ("configmap.yaml", "deployment.yaml", "service.yaml", "poddisruptionbudget.yaml")
KUBERNETES_VERSIONS = ("1.30.0", "1.37.0")


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((K8S / name).read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def deployment() -> dict[str, Any]:
    """The worker Deployment."""
    return _load("deployment.yaml")


@pytest.fixture(scope="module")
def container(deployment: dict[str, Any]) -> dict[str, Any]:
    """The worker container of the Deployment."""
    containers: list[dict[str, Any]] = deployment["spec"]["template"]["spec"]["containers"]
    return containers[0]


class TestSchemas:
    @pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
    @pytest.mark.parametrize("name", CORE_FILES)
    def test_manifest_is_valid(self, name: str, version: str) -> None:
        """Each core manifest passes strict schema validation (unknown fields rejected)."""
        kubernetes_validate.validate(_load(name), version, strict=True)

    def test_validator_rejects_a_typo(self, deployment: dict[str, Any]) -> None:
        """The validator really checks: a misspelled container field fails."""
        broken = copy.deepcopy(deployment)
        broken["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {}
        with pytest.raises(kubernetes_validate.ValidationError, match="'readinesProbe' was unexpected"):
            kubernetes_validate.validate(broken, KUBERNETES_VERSIONS[-1], strict=True)

    def test_kustomization_lists_every_manifest(self) -> None:
        """kustomization.yaml names exactly the manifests in the folder."""
        listed = set(_load("kustomization.yaml")["resources"])
        present = {path.name for path in K8S.glob("*.yaml")} - {"kustomization.yaml"}
        assert listed == present


class TestDeployment:
    def test_runs_non_root_read_only(self, deployment: dict[str, Any], container: dict[str, Any]) -> None:
        """Pod and container security contexts forbid root, privilege escalation and writes to /."""
        pod_security = deployment["spec"]["template"]["spec"]["securityContext"]
        assert (pod_security["runAsNonRoot"], pod_security["runAsUser"]) == (True, 10001)
        assert container["securityContext"] == {
            "allowPrivilegeEscalation": False,
            "readOnlyRootFilesystem": True,
            "privileged": False,
            "capabilities": {"drop": ["ALL"]},
        }
        assert container["volumeMounts"] == [{"name": "tmp", "mountPath": "/tmp"}]

    def test_probes_hit_the_metrics_port(self, container: dict[str, Any]) -> None:
        """Startup, liveness and readiness probes GET /metrics on the named metrics port."""
        probes = {
            key: container[key]["httpGet"] for key in ("startupProbe", "livenessProbe", "readinessProbe")
        }
        assert set(map(str, probes.values())) == {str({"path": "/metrics", "port": "metrics"})}
        assert container["ports"] == [{"name": "metrics", "containerPort": 9464, "protocol": "TCP"}]

    def test_resources_requested_and_limited(self, container: dict[str, Any]) -> None:
        """CPU and memory have both requests and limits."""
        resources = container["resources"]
        assert set(resources["requests"]) == set(resources["limits"]) == {"cpu", "memory"}

    def test_pod_gets_time_to_finish_its_batch(self, deployment: dict[str, Any]) -> None:
        """Kubernetes waits longer than the worker's shutdown grace before SIGKILL."""
        from conflict_events.stream.worker import SHUTDOWN_GRACE_SECONDS

        assert (
            deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] > SHUTDOWN_GRACE_SECONDS
        )

    def test_image_matches_compose(self, container: dict[str, Any]) -> None:
        """The Deployment runs the same image tag docker-compose builds."""
        compose = yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))
        assert container["image"] == compose["services"]["worker"]["image"] == "conflict-events:0.1.0"


class TestWiring:
    def test_selectors_match_pod_labels(self, deployment: dict[str, Any]) -> None:
        """Deployment, Service and PDB select the pods the Deployment creates."""
        pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
        selectors = [
            deployment["spec"]["selector"]["matchLabels"],
            _load("service.yaml")["spec"]["selector"],
            _load("poddisruptionbudget.yaml")["spec"]["selector"]["matchLabels"],
        ]
        for selector in selectors:
            assert selector.items() <= pod_labels.items()

    def test_configmap_keys_are_settings(self) -> None:
        """Every ConfigMap key is a Settings environment variable, and metrics port agrees."""
        data = _load("configmap.yaml")["data"]
        aliases = {field.alias for field in Settings.model_fields.values()}
        assert set(data) - aliases == set()
        assert all(isinstance(value, str) for value in data.values())
        assert data["METRICS_PORT"] == "9464"

    def test_configmap_makes_valid_settings(self) -> None:
        """The ConfigMap alone builds a valid Settings (PLAINTEXT needs no secret)."""
        settings = Settings(**_load("configmap.yaml")["data"])
        assert (settings.topic_replication_factor, settings.consumer_group) == (3, "conflict-events")

    def test_secret_variables_are_settings(self, container: dict[str, Any]) -> None:
        """Credentials come from an optional Secret under their Settings names."""
        names = {env["name"] for env in container["env"]}
        assert names == {"KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD"}
        assert {env["valueFrom"]["secretKeyRef"]["optional"] for env in container["env"]} == {True}

    def test_keda_scales_the_deployment_on_the_consumer_group_lag(self, deployment: dict[str, Any]) -> None:
        """The ScaledObject targets the Deployment and reads lag of the configured group and topic."""
        scaled = _load("scaledobject.yaml")
        config = _load("configmap.yaml")["data"]
        assert (scaled["apiVersion"], scaled["kind"]) == ("keda.sh/v1alpha1", "ScaledObject")
        assert scaled["spec"]["scaleTargetRef"] == {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "name": deployment["metadata"]["name"],
        }
        trigger = scaled["spec"]["triggers"][0]
        assert trigger["type"] == "kafka"
        metadata = trigger["metadata"]
        assert (metadata["consumerGroup"], metadata["topic"], metadata["bootstrapServers"]) == (
            config["CONSUMER_GROUP"],
            config["TOPIC_ARTICLES"],
            config["KAFKA_BOOTSTRAP_SERVERS"],
        )
        assert all(isinstance(value, str) for value in metadata.values())

    def test_replica_bounds_fit_partitions_and_pdb(self) -> None:
        """Autoscaling stays between the PDB minimum and the number of input partitions."""
        spec = _load("scaledobject.yaml")["spec"]
        partitions = int(_load("configmap.yaml")["data"]["TOPIC_PARTITIONS"])
        min_available = _load("poddisruptionbudget.yaml")["spec"]["minAvailable"]
        assert min_available < spec["minReplicaCount"] <= spec["maxReplicaCount"] <= partitions
