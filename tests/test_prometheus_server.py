"""A real Prometheus server scrapes a running worker and evaluates our rules (needs the broker)."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conflict_events.settings import Settings
from conflict_events.stream.embedded import free_port

REPO = Path(__file__).resolve().parents[1]
RULES_DIR = REPO / "deploy" / "prometheus" / "rules"
PROMETHEUS = shutil.which("prometheus")

pytestmark = [
    pytest.mark.broker,
    pytest.mark.skipif(
        PROMETHEUS is None, reason="prometheus server not installed (Debian package prometheus)"
    ),
]


class PrometheusServer:
    """A Prometheus process on loopback with a temporary config and TSDB."""

    def __init__(self, base_url: str, process: subprocess.Popen[bytes]) -> None:
        self.base_url = base_url
        self.process = process

    def api(self, path: str, **params: str) -> Any:
        """GET an /api/v1 endpoint and return its ``data``."""
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        with urllib.request.urlopen(f"{self.base_url}/api/v1/{path}{query}", timeout=5) as response:
            body = json.loads(response.read())
        assert body["status"] == "success", body
        return body["data"]

    def query(self, expr: str) -> dict[str, float]:
        """Instant query → ``{label set rendered as text: value}``."""
        result = self.api("query", query=expr)["result"]
        return {json.dumps(sample["metric"], sort_keys=True): float(sample["value"][1]) for sample in result}

    def wait_for(
        self, expr: str, predicate: Callable[[dict[str, float]], bool], timeout: float = 90.0
    ) -> dict[str, float]:
        """Poll ``expr`` until ``predicate`` holds on its result; fail with the last result."""
        deadline = time.monotonic() + timeout
        result: dict[str, float] = {}
        while time.monotonic() < deadline:
            result = self.query(expr)
            if predicate(result):
                return result
            time.sleep(0.5)
        raise AssertionError(f"{expr} never satisfied the condition; last result: {result}")


@pytest.fixture
def start_prometheus(tmp_path: Path) -> Iterator[Callable[[int], PrometheusServer]]:
    """Factory: a Prometheus scraping ``127.0.0.1:<metrics port>`` every second with our rule files."""
    started: list[PrometheusServer] = []

    def start(metrics_port: int) -> PrometheusServer:
        assert PROMETHEUS is not None
        config = {
            "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
            "rule_files": [
                str(RULES_DIR / "extractor-recording.yml"),
                str(RULES_DIR / "extractor-alerts.yml"),
            ],
            "scrape_configs": [
                {
                    "job_name": "conflict-events",
                    "static_configs": [{"targets": [f"127.0.0.1:{metrics_port}"]}],
                }
            ],
        }
        config_path = tmp_path / "prometheus.yml"
        config_path.write_text(yaml.safe_dump(config), encoding="utf-8")
        port = free_port()
        log = open(tmp_path / "prometheus.log", "wb")  # noqa: SIM115 - closed with the process below
        process = subprocess.Popen(
            [
                PROMETHEUS,
                f"--config.file={config_path}",
                f"--storage.tsdb.path={tmp_path / 'tsdb'}",
                f"--web.listen-address=127.0.0.1:{port}",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        server = PrometheusServer(f"http://127.0.0.1:{port}", process)
        started.append(server)
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{server.base_url}/-/ready", timeout=2):
                    return server
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise AssertionError((tmp_path / "prometheus.log").read_text(errors="replace")) from None
                time.sleep(0.2)

    yield start
    for server in started:
        server.process.terminate()
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=5)


def _article(article_id: str, text: str) -> tuple[bytes, bytes]:
    return article_id.encode(), json.dumps({"id": article_id, "text": text}).encode()


def test_prometheus_scrapes_worker_and_evaluates_rules(
    stream_settings: Callable[..., Settings],
    start_worker: Callable[..., Any],
    publish_values: Callable[..., None],
    read_records: Callable[..., list[Any]],
    start_prometheus: Callable[[int], PrometheusServer],
) -> None:
    """After publishing 5 messages, Prometheus reports them by outcome and records the rates."""
    settings = stream_settings()
    worker = start_worker(settings)
    worker.metrics_text(timeout=60)
    prometheus = start_prometheus(settings.metrics_port)
    # The rate rules need a sample from before the articles: wait for a first scrape of the idle worker.
    prometheus.wait_for(
        'extractor_articles_consumed_total{job="conflict-events", outcome="processed"}',
        lambda r: list(r.values()) == [0.0],
    )
    publish_values(
        settings,
        [
            _article("p-1", "Rebels attack a convoy near the river."),
            _article("p-2", "Militia fighters attack the market."),
            _article("p-3", "Soldiers attack a checkpoint at dawn."),
            _article("p-4", "[fr] Des manifestants ont défilé."),
            (b"p-5", b"{this is not json"),
        ],
    )
    assert len(read_records(settings, settings.topic_outcomes, count=5, timeout=120)) == 5

    # Each value is polled: a scrape may fall between two counter updates of one message.
    consumed = prometheus.wait_for(
        "sum by (outcome) (extractor_articles_consumed_total)", lambda r: sum(r.values()) == 5
    )
    assert consumed == {
        '{"outcome": "dead_lettered"}': 1.0,
        '{"outcome": "processed"}': 3.0,
        '{"outcome": "skipped"}': 1.0,
    }
    target = {"__name__": "up", "instance": f"127.0.0.1:{settings.metrics_port}", "job": "conflict-events"}
    assert prometheus.query('up{job="conflict-events"}') == {json.dumps(target, sort_keys=True): 1.0}
    dlq = prometheus.wait_for(
        'sum(extractor_dlq_messages_total{reason="invalid_json"})', lambda r: r == {"{}": 1.0}
    )
    assert dlq == {"{}": 1.0}
    by_type = prometheus.wait_for(
        'sum by (event_type, category) (extractor_events_published_total{event_type="ASSAULT"})',
        lambda r: sum(r.values()) >= 3,
    )
    assert by_type == {'{"category": "violence", "event_type": "ASSAULT"}': 3.0}

    rates = prometheus.wait_for(
        'job_outcome:extractor_articles_consumed:rate5m{outcome="processed"}',
        lambda r: bool(r) and min(r.values()) > 0,
    )
    assert list(rates) == [
        json.dumps(
            {
                "__name__": "job_outcome:extractor_articles_consumed:rate5m",
                "job": "conflict-events",
                "outcome": "processed",
            },
            sort_keys=True,
        )
    ]

    groups = {group["name"]: group for group in prometheus.api("rules")["groups"]}
    assert set(groups) == {"extractor-recording", "extractor-alerts"}
    health = {rule["health"] for group in groups.values() for rule in group["rules"]}
    assert health <= {"ok", "unknown"}
