"""Shared fixtures: a real Tansu broker per test session, isolated stream settings, worker processes.

Reuse in any test module::

    @pytest.mark.broker
    def test_x(stream_settings, start_worker, read_records, publish_values):
        settings = stream_settings()                 # fresh topic names + group on the session broker
        worker = start_worker(settings)              # subprocess ``conflict-events worker`` (fake extractor)
        publish_values(settings, [(b"k", b"{...}")])
        records = read_records(settings, settings.topic_outcomes, count=1)

The broker is started lazily (only tests that ask for it pay for it), on a free port, and killed
with SIGKILL at the end of the session (memory storage: nothing to flush).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer

from conflict_events.resources import Resources, load_resources
from conflict_events.settings import Settings
from conflict_events.stream.embedded import cli_command, die_with_parent, free_port, start_broker
from conflict_events.stream.reader import Record, read_topic
from conflict_events.stream.topics import ensure_topics

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
FAKE_EXTRACTOR = "conflict_events.stream.testing:make_fake_extractor"
FAST_GROUP_TIMINGS = {
    "CONSUMER_SESSION_TIMEOUT_SECONDS": "6",
    "CONSUMER_REBALANCE_TIMEOUT_SECONDS": "5",
    "CONSUMER_HEARTBEAT_INTERVAL_SECONDS": "1",
}


@pytest.fixture(scope="session")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Bootstrap address ``127.0.0.1:PORT`` of a fresh Tansu broker for this session."""
    log_path = tmp_path_factory.mktemp("broker") / "tansu.log"
    embedded = start_broker(log_path=log_path)
    try:
        yield embedded.bootstrap
    finally:
        embedded.stop()


def settings_env(settings: Settings) -> dict[str, str]:
    """The environment variables that reproduce ``settings`` in a subprocess (secrets included)."""
    env: dict[str, str] = {}
    for name, value in settings.model_dump(by_alias=True).items():
        if value is None:
            continue
        env[name] = value.get_secret_value() if hasattr(value, "get_secret_value") else str(value)
    return env


@pytest.fixture
def stream_settings(broker: str) -> Callable[..., Settings]:
    """Factory of ``Settings`` on the session broker with unique topics and group (tests stay isolated);
    topics are created before it returns."""

    def make(**overrides: object) -> Settings:
        suffix = uuid.uuid4().hex[:8]
        values: dict[str, object] = {
            "KAFKA_BOOTSTRAP_SERVERS": broker,
            "TOPIC_ARTICLES": f"articles-{suffix}",
            "TOPIC_EVENTS": f"conflict-events-{suffix}",
            "TOPIC_OUTCOMES": f"article-outcomes-{suffix}",
            "TOPIC_DLQ": f"articles-{suffix}.dlq",
            "TOPIC_INCIDENTS": f"conflict-incidents-{suffix}",
            "TOPIC_PARTITIONS": 2,
            "CONSUMER_GROUP": f"conflict-events-{suffix}",
            "METRICS_PORT": free_port(),
            "METRICS_ADDR": "127.0.0.1",
            **FAST_GROUP_TIMINGS,
            **overrides,
        }
        settings = Settings(**values)  # type: ignore[arg-type]
        asyncio.run(ensure_topics(settings))
        return settings

    return make


@dataclass
class WorkerProcess:
    """A ``conflict-events worker`` subprocess; stdout (JSON log lines) and stderr go to files."""

    process: subprocess.Popen[bytes]
    settings: Settings
    stdout_path: Path
    stderr_path: Path
    exit_code: int | None = field(default=None)

    @property
    def metrics_url(self) -> str:
        """Where this worker serves Prometheus metrics."""
        return f"http://127.0.0.1:{self.settings.metrics_port}/metrics"

    def metrics_text(self, timeout: float = 10.0) -> str:
        """The /metrics page (retried until the server answers)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(self.metrics_url, timeout=2) as response:
                    return str(response.read().decode())
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def log_lines(self) -> list[str]:
        """The worker's stdout so far (one JSON object per line)."""
        return self.stdout_path.read_text(encoding="utf-8").splitlines()

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30.0) -> int:
        """Send ``sig`` and wait; SIGKILL if it does not exit in time. Returns the exit code."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(sig)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.exit_code = self.process.returncode
        return self.exit_code


@pytest.fixture
def start_worker(tmp_path: Path) -> Iterator[Callable[..., WorkerProcess]]:
    """Factory that starts worker subprocesses (fake extractor by default) and stops them after the test."""
    started: list[WorkerProcess] = []

    def start(
        settings: Settings,
        *,
        extractor: str = FAKE_EXTRACTOR,
        extra_env: dict[str, str] | None = None,
    ) -> WorkerProcess:
        env = {**os.environ, **settings_env(settings), **(extra_env or {})}
        index = len(started)
        out, err = tmp_path / f"worker{index}.out", tmp_path / f"worker{index}.err"
        command = cli_command("worker", "--extractor", extractor)
        with open(out, "wb") as stdout, open(err, "wb") as stderr:
            process = subprocess.Popen(
                command, env=env, stdout=stdout, stderr=stderr, cwd=REPO, preexec_fn=die_with_parent
            )
        worker = WorkerProcess(process, settings, out, err)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop(signal.SIGKILL if worker.process.poll() is None else signal.SIGTERM, timeout=5)


def read_all(
    settings: Settings, topic: str, *, count: int | None = None, timeout: float = 30.0
) -> list[Record]:
    """Records of ``topic`` from the beginning: until ``count`` arrived or ``timeout``; without a count,
    until every partition's fetch highwater is reached."""
    return asyncio.run(read_topic(settings, topic, count=count, timeout=timeout))


@pytest.fixture
def read_records() -> Callable[..., list[Record]]:
    """The ``read_all`` helper as a fixture."""
    return read_all


async def _publish(
    settings: Settings, items: Sequence[tuple[bytes | None, bytes | None]], topic: str
) -> None:
    producer = AIOKafkaProducer(acks="all", **settings.aiokafka_options())
    await producer.start()
    try:
        for key, value in items:
            await producer.send_and_wait(topic, value, key=key)
    finally:
        await producer.stop()


def publish_raw(
    settings: Settings, items: Sequence[tuple[bytes | None, bytes | None]], topic: str | None = None
) -> None:
    """Produce (key, value) pairs as they are (no validation) to ``topic`` (default: the articles topic)."""
    asyncio.run(_publish(settings, items, topic or settings.topic_articles))


@pytest.fixture
def publish_values() -> Callable[..., None]:
    """The ``publish_raw`` helper as a fixture."""
    return publish_raw


@pytest.fixture
def seed_article_json() -> bytes:
    """The seed article (text + envelope) as the JSON value of an ``articles`` message."""
    import json

    envelope = json.loads((SEEDS / "000_7e46fb40130ba7bf.envelope.json").read_text(encoding="utf-8"))
    text = (SEEDS / envelope.pop("text_file")).read_text(encoding="utf-8")
    return json.dumps({**envelope, "text": text}, ensure_ascii=False).encode()


@pytest.fixture(scope="session")
def resources() -> Resources:
    """The extraction resources as the product loads them (spaCy, gazetteer, lexicons, learned model), loaded
    once for the run: they are frozen, so tests share them."""
    return load_resources()


@pytest.fixture(scope="session")
def rules() -> Resources:
    """The same without the learned decision model: what the rules alone decide."""
    return load_resources(decisions=False)
