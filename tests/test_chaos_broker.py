"""Chaos: the broker dies and comes back while a worker runs; the worker reports it, does not spin, resumes.

The embedded Tansu broker keeps data in memory, so a restart loses topics, messages and committed
offsets: the test recreates the topics and checks that articles published after the restart are
processed by the same worker process (what survives is the worker, not the data).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conflict_events.settings import Settings
from conflict_events.stream.embedded import (
    EmbeddedBroker,
    broker_binary,
    die_with_parent,
    free_port,
    start_broker,
    wait_for_port,
)
from conflict_events.stream.reader import read_topic
from conflict_events.stream.topics import ensure_topics
from test_chaos import chaos_articles, expected_event_ids, produce_fast, wait_for_outcomes

pytestmark = [pytest.mark.broker, pytest.mark.slow]

OUTAGE_SECONDS = 15.0
MAX_CPU_SHARE_DURING_OUTAGE = 0.5
"""A worker that retries with back-off uses a few percent of a core; a busy loop would use ~100%."""


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _metric(text: str, name: str) -> float | None:
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    return None


@pytest.fixture
def own_broker(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A private broker (not the session one) that the test may kill and restart on the same port."""
    state: dict[str, Any] = {"port": free_port(), "log": tmp_path / "tansu.log"}
    state["broker"] = start_broker(state["port"], log_path=state["log"])
    yield state
    broker: EmbeddedBroker = state["broker"]
    broker.process.kill()
    broker.process.wait(timeout=10)


def _articles(prefix: str, count: int) -> list[tuple[bytes, bytes]]:
    items = []
    for i in range(count):
        article = {"id": f"{prefix}-{i}", "text": f"An attack, report {i}."}
        items.append((f"{prefix}-{i}".encode(), json.dumps(article).encode()))
    return items


def _outcome_ids(settings: Settings, count: int, timeout: float) -> set[str]:
    records = asyncio.run(read_topic(settings, settings.topic_outcomes, count=count, timeout=timeout))
    return {json.loads(record.value or b"{}")["article_id"] for record in records}


@pytest.mark.timeout(400)
def test_broker_outage_reported_without_spinning_then_worker_resumes(
    own_broker: dict[str, Any],
    stream_settings: Callable[..., Settings],
    start_worker: Callable[..., Any],
    publish_values: Callable[..., None],
) -> None:
    """Broker SIGKILLed for 15 s: broker_up drops to 0, broker errors are counted and logged, CPU stays
    low, the process survives; after the restart new articles are processed by the same worker."""
    settings = stream_settings(TOPIC_PARTITIONS=1).model_copy(
        update={"bootstrap_servers": f"127.0.0.1:{own_broker['port']}"}
    )
    asyncio.run(ensure_topics(settings))
    worker = start_worker(settings)
    publish_values(settings, _articles("before", 5))
    assert _outcome_ids(settings, 5, timeout=90) == {f"before-{i}" for i in range(5)}
    assert _metric(worker.metrics_text(), "extractor_broker_up") == 1.0
    probed = time.monotonic() + 30
    while (
        not any('"broker_reachable"' in line for line in worker.log_lines()) and time.monotonic() < probed
    ):
        time.sleep(0.5)  # the liveness probe runs every 5 s; the outage is logged as a transition from it

    broker: EmbeddedBroker = own_broker["broker"]
    broker.process.send_signal(signal.SIGKILL)
    broker.process.wait(timeout=10)
    cpu_before, outage_started = _cpu_seconds(worker.process.pid), time.monotonic()
    deadline = outage_started + 60
    down = None
    while time.monotonic() < deadline:
        text = worker.metrics_text()
        down = (_metric(text, "extractor_broker_up"), _metric(text, "extractor_broker_errors_total"))
        if down[0] == 0.0 and (down[1] or 0) > 0:
            break
        time.sleep(1.0)
    assert down is not None and down[0] == 0.0 and (down[1] or 0) >= 1
    time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - outage_started)))
    cpu_share = (_cpu_seconds(worker.process.pid) - cpu_before) / (time.monotonic() - outage_started)
    assert worker.process.poll() is None, worker.stderr_path.read_text(encoding="utf-8")[-2000:]
    assert cpu_share < MAX_CPU_SHARE_DURING_OUTAGE
    logged = [json.loads(line) for line in worker.log_lines() if line.startswith("{")]
    assert [(e["level"], e["event"]) for e in logged if e["event"] == "broker_unreachable"][:1] == [
        ("warning", "broker_unreachable")
    ]

    own_broker["broker"] = start_broker(own_broker["port"], log_path=own_broker["log"])
    asyncio.run(ensure_topics(settings))
    publish_values(settings, _articles("after", 5))
    resumed: set[str] = set()
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and not {f"after-{i}" for i in range(5)} <= resumed:
        resumed |= _outcome_ids(settings, 5, timeout=10)
    assert {f"after-{i}" for i in range(5)} <= resumed
    assert worker.process.poll() is None
    up_deadline = time.monotonic() + 30
    while _metric(worker.metrics_text(), "extractor_broker_up") != 1.0 and time.monotonic() < up_deadline:
        time.sleep(1.0)
    assert _metric(worker.metrics_text(), "extractor_broker_up") == 1.0
    print(f"broker outage: errors_counted={down[1]} cpu_share_during_outage={cpu_share:.3f}")


S3_ARTICLES = 300
"""Short articles through the fake extractor; every record is an S3 object in moto, so keep it modest."""


class S3Broker:
    """Tansu with ``s3://tansu/`` storage on a moto S3 emulator: its data survives a SIGKILL and restart."""

    def __init__(self, folder: Path) -> None:
        moto = Path(sys.executable).parent / "moto_server"
        if not moto.exists():
            pytest.fail(f"{moto} missing: install the dev extra (moto[server])")
        self.folder, self.s3_port, self.port = folder, free_port(), free_port()
        self.moto = subprocess.Popen(
            [str(moto), "-H", "127.0.0.1", "-p", str(self.s3_port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=die_with_parent,
        )
        assert wait_for_port("127.0.0.1", self.s3_port, 30), "moto_server did not start"
        request = urllib.request.Request(f"http://127.0.0.1:{self.s3_port}/tansu", method="PUT")
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        """Start (or restart) the broker on the same port and storage."""
        self.starts += 1
        env = {
            **os.environ,
            "AWS_ACCESS_KEY_ID": "x",
            "AWS_SECRET_ACCESS_KEY": "x",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_ENDPOINT": f"http://127.0.0.1:{self.s3_port}",
            "AWS_ALLOW_HTTP": "true",
            "RUST_LOG": "warn",
        }
        url = f"tcp://127.0.0.1:{self.port}"
        with open(self.folder / f"tansu{self.starts}.log", "wb") as log_file:
            self.process = subprocess.Popen(
                [
                    broker_binary(),
                    "broker",
                    "--listener-url",
                    url,
                    "--advertised-listener-url",
                    url,
                    "--storage-engine",
                    "s3://tansu/",
                ],
                stdout=log_file,
                stderr=subprocess.STDOUT,
                env=env,
                preexec_fn=die_with_parent,
            )
        assert wait_for_port("127.0.0.1", self.port, 30), "s3-backed broker did not start"

    def kill(self) -> None:
        """SIGKILL the broker and wait until it is gone (the port is then free again)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def close(self) -> None:
        """Stop the broker and the S3 emulator."""
        self.kill()
        self.moto.kill()
        self.moto.wait(timeout=10)


@pytest.fixture
def s3_broker(tmp_path: Path) -> Iterator[S3Broker]:
    """A Tansu broker on moto S3 storage, started; stopped after the test."""
    broker = S3Broker(tmp_path)
    try:
        broker.start()
        yield broker
    finally:
        broker.close()


@pytest.mark.timeout(480)
def test_persistent_broker_restart_mid_stream_loses_nothing(
    s3_broker: S3Broker,
    stream_settings: Callable[..., Settings],
    start_worker: Callable[..., Any],
) -> None:
    """With s3 storage the broker is SIGKILLed mid-stream and restarted: every article gets an outcome,
    the event-id set equals a clean run's, and the same worker process carries on."""
    settings = stream_settings(TOPIC_PARTITIONS=2).model_copy(
        update={"bootstrap_servers": f"127.0.0.1:{s3_broker.port}"}
    )
    asyncio.run(ensure_topics(settings))
    items = chaos_articles(S3_ARTICLES, "s3")
    worker = start_worker(settings)
    produce_fast(settings, items)
    first = asyncio.run(read_topic(settings, settings.topic_outcomes, count=S3_ARTICLES // 5, timeout=180))
    assert len(first) == S3_ARTICLES // 5
    s3_broker.kill()
    time.sleep(8.0)
    s3_broker.start()

    input_ids = {key.decode() for key, _ in items}
    outcomes = wait_for_outcomes(settings, input_ids, timeout=300)
    outcome_ids = Counter(json.loads(record.value or b"{}")["article_id"] for record in outcomes)
    assert set(outcome_ids) == input_ids
    events = asyncio.run(read_topic(settings, settings.topic_events, timeout=30))
    event_ids = Counter((record.key or b"").decode() for record in events)
    assert set(event_ids) == expected_event_ids(items)
    assert worker.process.poll() is None, worker.stderr_path.read_text(encoding="utf-8")[-2000:]
    duplicates = sum(outcome_ids.values()) - len(outcome_ids)
    print(
        f"s3 broker restart: articles={S3_ARTICLES} outcomes={len(outcomes)} duplicate_outcomes={duplicates} "
        f"events={len(events)} duplicate_events={sum(event_ids.values()) - len(event_ids)}"
    )
    assert duplicates <= S3_ARTICLES
