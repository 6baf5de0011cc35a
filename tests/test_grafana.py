"""deploy/grafana: the dashboard loads, its queries parse and name only metrics that exist."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from test_deploy_metric_names import known_names, metric_names_in

REPO = Path(__file__).resolve().parents[1]
GRAFANA = REPO / "deploy" / "grafana"
DASHBOARD = GRAFANA / "dashboards" / "conflict-events.json"


@pytest.fixture(scope="module")
def dashboard() -> dict[str, Any]:
    """The provisioned dashboard JSON."""
    data: dict[str, Any] = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    return data


def _queries(dashboard: dict[str, Any]) -> list[str]:
    return [target["expr"] for panel in dashboard["panels"] for target in panel.get("targets", [])]


class TestDashboard:
    def test_identity(self, dashboard: dict[str, Any]) -> None:
        """The dashboard has a stable uid and title (links and the home-dashboard path use them)."""
        assert (dashboard["uid"], dashboard["title"]) == ("conflict-events", "Conflict events extractor")

    def test_required_views_present(self, dashboard: dict[str, Any]) -> None:
        """Throughput, latency percentiles, lag, DLQ by reason and events by type and country are shown."""
        titles = {panel["title"] for panel in dashboard["panels"]}
        assert {
            "Articles per second by outcome",
            "Extraction time per article",
            "End-to-end latency",
            "Consumer lag",
            "Dead-lettered per second by reason",
            "Events per second by PLOVER type",
            "Events by country (dashboard range)",
        } <= titles

    def test_panel_ids_unique_and_grid_fits(self, dashboard: dict[str, Any]) -> None:
        """Panel ids are unique and every panel fits Grafana's 24-column grid."""
        ids = [panel["id"] for panel in dashboard["panels"]]
        assert len(ids) == len(set(ids))
        for panel in dashboard["panels"]:
            grid = panel["gridPos"]
            assert grid["x"] + grid["w"] <= 24, panel["title"]

    def test_panels_do_not_overlap(self, dashboard: dict[str, Any]) -> None:
        """No two panels share a grid cell."""
        cells: set[tuple[int, int]] = set()
        for panel in dashboard["panels"]:
            grid = panel["gridPos"]
            mine = {
                (x, y)
                for x in range(grid["x"], grid["x"] + grid["w"])
                for y in range(grid["y"], grid["y"] + grid["h"])
            }
            assert not (cells & mine), panel["title"]
            cells |= mine

    def test_queries_name_only_existing_metrics(self, dashboard: dict[str, Any]) -> None:
        """Every extractor_* name and recording rule in a query is documented or recorded."""
        named: set[str] = set()
        for expr in _queries(dashboard):
            named |= metric_names_in(expr)
        assert named - known_names() == set()
        assert "extractor_events_by_country_total" in named

    def test_every_panel_uses_the_datasource_variable(self, dashboard: dict[str, Any]) -> None:
        """Panels use ${datasource}, whose default is the provisioned Prometheus uid."""
        variable = dashboard["templating"]["list"][0]
        assert (variable["name"], variable["current"]["value"]) == ("datasource", "prometheus")
        for panel in dashboard["panels"]:
            if panel["type"] != "row":
                assert panel["datasource"] == {"type": "prometheus", "uid": "${datasource}"}

    @pytest.mark.skipif(
        shutil.which("promtool") is None, reason="promtool not installed (Debian package prometheus)"
    )
    def test_queries_are_valid_promql(self, dashboard: dict[str, Any], tmp_path: Path) -> None:
        """promtool parses every query (written as recording rules, Grafana's $__range as 1h)."""
        rules = [
            {"record": f"dashboard:query_{index}:check", "expr": expr.replace("$__range", "1h")}
            for index, expr in enumerate(_queries(dashboard))
        ]
        path = tmp_path / "dashboard-queries.yml"
        path.write_text(yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}), encoding="utf-8")
        result = subprocess.run(
            ["promtool", "check", "rules", str(path)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"SUCCESS: {len(rules)} rules found" in result.stdout


class TestProvisioning:
    def test_datasource_matches_dashboard_uid(self) -> None:
        """The provisioned data source has uid 'prometheus' and points at the compose Prometheus."""
        doc = yaml.safe_load((GRAFANA / "provisioning" / "datasources" / "prometheus.yml").read_text("utf-8"))
        source = doc["datasources"][0]
        assert (doc["apiVersion"], source["uid"], source["type"], source["url"]) == (
            1,
            "prometheus",
            "prometheus",
            "http://prometheus:9090",
        )

    def test_dashboard_provider_path_is_the_compose_mount(self) -> None:
        """The dashboard provider reads the folder docker-compose mounts the dashboards into."""
        doc = yaml.safe_load(
            (GRAFANA / "provisioning" / "dashboards" / "conflict-events.yml").read_text("utf-8")
        )
        compose = yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))
        path = doc["providers"][0]["options"]["path"]
        assert path == "/etc/grafana/dashboards"
        assert f"./deploy/grafana/dashboards:{path}:ro" in compose["services"]["grafana"]["volumes"]
