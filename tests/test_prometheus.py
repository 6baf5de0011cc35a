"""deploy/prometheus: promtool checks the config and rules and runs the rule unit tests."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
PROM_DIR = REPO / "deploy" / "prometheus"
RULES_DIR = PROM_DIR / "rules"
PROMTOOL = shutil.which("promtool")

needs_promtool = pytest.mark.skipif(
    PROMTOOL is None, reason="promtool not installed (Debian package 'prometheus'; ./dev test installs it)"
)


def _promtool(*args: str) -> subprocess.CompletedProcess[str]:
    assert PROMTOOL is not None
    return subprocess.run([PROMTOOL, *args], capture_output=True, text=True, timeout=60, check=False)


@needs_promtool
class TestPromtool:
    def test_config_is_valid(self) -> None:
        """promtool accepts the compose scrape config and finds both rule files."""
        result = _promtool("check", "config", str(PROM_DIR / "prometheus.yml"))
        assert result.returncode == 0, result.stdout + result.stderr
        assert "SUCCESS: 2 rule files found" in result.stdout

    def test_rules_are_valid(self) -> None:
        """promtool accepts the recording and alerting rule files."""
        result = _promtool(
            "check",
            "rules",
            str(RULES_DIR / "extractor-recording.yml"),
            str(RULES_DIR / "extractor-alerts.yml"),
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "SUCCESS: 23 rules found" in result.stdout
        assert "SUCCESS: 12 rules found" in result.stdout

    @pytest.mark.parametrize("test_file", ["extractor-recording_test.yml", "extractor-alerts_test.yml"])
    def test_rule_unit_tests_pass(self, test_file: str) -> None:
        """The promtool unit tests next to each rule file pass."""
        result = _promtool("test", "rules", str(RULES_DIR / test_file))
        assert result.returncode == 0, result.stdout + result.stderr

    def test_broken_rule_is_rejected(self, tmp_path: Path) -> None:
        """promtool really checks: a rule with invalid PromQL fails."""
        bad = tmp_path / "bad.yml"
        bad.write_text("groups:\n- name: g\n  rules:\n  - record: job:x:rate5m\n    expr: rate(x[5m]\n")
        assert _promtool("check", "rules", str(bad)).returncode == 1


class TestRuleConventions:
    def _rules(self, name: str) -> list[dict[str, object]]:
        groups = yaml.safe_load((RULES_DIR / name).read_text(encoding="utf-8"))["groups"]
        return [rule for group in groups for rule in group["rules"]]

    def test_every_rule_file_has_a_test_file(self) -> None:
        """Each rule file has a promtool test file next to it that loads it."""
        for rules in ("extractor-recording.yml", "extractor-alerts.yml"):
            test_doc = yaml.safe_load(
                (RULES_DIR / rules.replace(".yml", "_test.yml")).read_text(encoding="utf-8")
            )
            assert rules in test_doc["rule_files"]

    def test_alerts_follow_naming_and_severity(self) -> None:
        """Alerts are CamelCase with the Extractor prefix, have for:, severity and a summary."""
        alerts = self._rules("extractor-alerts.yml")
        assert {str(rule["alert"]) for rule in alerts} == {
            "ExtractorWorkerDown", "ExtractorWorkersAbsent", "ExtractorBrokerDown",
            "ExtractorConsumerLagGrowing", "ExtractorStalled", "ExtractorDlqRateHigh", "ExtractorNoEvents",
            "ExtractorExtractionErrors",
            "ExtractorLatencyHigh", "ExtractorEndToEndLatencyHigh",
            "ExtractorIncidentStateGrowing", "ExtractorIncidentResolutionSlow",
        }  # fmt: skip
        for rule in alerts:
            assert "for" in rule
            assert rule["labels"] in ({"severity": "critical"}, {"severity": "warning"})
            assert "{{" not in rule["annotations"]["summary"]  # type: ignore[index]

    def test_every_alert_is_unit_tested_firing_and_silent(self) -> None:
        """Each alert appears in the unit tests once firing and once with empty exp_alerts."""
        doc = yaml.safe_load((RULES_DIR / "extractor-alerts_test.yml").read_text(encoding="utf-8"))
        firing: set[str] = set()
        silent: set[str] = set()
        for case in doc["tests"]:
            for check in case["alert_rule_test"]:
                (firing if check["exp_alerts"] else silent).add(check["alertname"])
        names = {str(rule["alert"]) for rule in self._rules("extractor-alerts.yml")}
        assert (names - firing, names - silent) == (set(), set())

    def test_recording_rule_names_have_three_parts(self) -> None:
        """Recording rules are named level:metric:operations."""
        for rule in self._rules("extractor-recording.yml"):
            assert len(str(rule["record"]).split(":")) == 3, rule["record"]


class TestRunbook:
    def test_every_alert_has_a_runbook_row(self) -> None:
        """docs/operations.md has an anchored row for every alert, and no row for a removed one."""
        doc = (REPO / "docs" / "operations.md").read_text(encoding="utf-8")
        groups = yaml.safe_load((RULES_DIR / "extractor-alerts.yml").read_text(encoding="utf-8"))["groups"]
        alerts = {rule["alert"] for group in groups for rule in group["rules"]}
        rows = set(re.findall(r'<a id="[a-z]+"></a>`(Extractor[A-Za-z]+)`', doc))
        assert rows == alerts
