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
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conflict_events.settings import Settings
from conflict_events.stream.embedded import EmbeddedBroker, free_port, start_broker
from conflict_events.stream.reader import read_topic
from conflict_events.stream.topics import ensure_topics

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
    while not any('"broker_reachable"' in line for line in worker.log_lines()) and time.monotonic() < probed:
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
