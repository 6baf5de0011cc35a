"""``conflict-events demo [--follow]``: the whole product on the seed article, on an embedded broker.

Starts Tansu on a free loopback port, creates the topics, starts ``conflict-events worker`` as a
subprocess, publishes the seed article, prints its events as a table and the key figures of
/metrics, then stops the worker (SIGTERM, clean exit) and the broker.  ``--follow`` keeps everything
running until Ctrl-C, so you can publish more articles and tail the topics.  No process is left behind.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from types import FrameType

from conflict_events.cli import CommandError
from conflict_events.contracts import ArticleOutcome, ConflictEvent
from conflict_events.settings import Settings
from conflict_events.stream.article_input import ArticleInputError, read_articles
from conflict_events.stream.demo_render import render_events, render_metrics
from conflict_events.stream.embedded import (
    EmbeddedBroker,
    cli_command,
    die_with_parent,
    free_port,
    start_broker,
)
from conflict_events.stream.publish_command import publish_articles
from conflict_events.stream.reader import read_topic
from conflict_events.stream.topics import ensure_topics

REPO = Path(__file__).resolve().parents[3]
SEED = REPO / "seeds" / "000_7e46fb40130ba7bf.txt"
WORKER_READY_SECONDS = 90.0
RESULT_SECONDS = 60.0


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of ``demo``."""
    parser.add_argument("--follow", action="store_true", help="Keep broker and worker running until Ctrl-C.")
    parser.add_argument(
        "--article", type=Path, default=SEED, help="Article file to publish (default: the seed)."
    )
    parser.add_argument("--extractor", default="core", help=argparse.SUPPRESS)


def _say(text: str) -> None:
    print(text, flush=True)


def _metrics(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode())
    except OSError:
        return None


def _last_lines(*paths: Path, count: int = 3) -> str:
    """The last log lines of the worker, for an error message."""
    lines = [
        line
        for path in paths
        if path.is_file()
        for line in path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    ]
    return " | ".join(lines[-count:])


def _wait_ready(worker: subprocess.Popen[bytes], url: str, log_paths: tuple[Path, ...]) -> None:
    """Until the worker serves metrics and owns its input partitions (group joined)."""
    deadline = time.monotonic() + WORKER_READY_SECONDS
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            raise CommandError(f"the worker exited with code {worker.returncode}: {_last_lines(*log_paths)}")
        page = _metrics(url)
        if page is not None and "extractor_consumer_lag_messages{" in page:
            return
        time.sleep(0.2)
    raise CommandError(f"the worker was not ready within {WORKER_READY_SECONDS:.0f} s")


def _stop_worker(worker: subprocess.Popen[bytes]) -> int | None:
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=10)
    return worker.returncode


def _show_results(settings: Settings, metrics_url: str) -> None:
    [record] = asyncio.run(read_topic(settings, settings.topic_outcomes, count=1, timeout=RESULT_SECONDS))
    outcome = ArticleOutcome.model_validate_json(record.value or b"")
    events: list[ConflictEvent] = []
    if outcome.event_count:
        records = asyncio.run(
            read_topic(settings, settings.topic_events, count=outcome.event_count, timeout=20)
        )
        by_id = {ConflictEvent.model_validate_json(r.value or b"").event_id: r for r in records}
        events = [
            ConflictEvent.model_validate_json(by_id[i].value or b"") for i in outcome.event_ids if i in by_id
        ]
    total = outcome.timings.get("extract")
    _say(
        f"\noutcome: {outcome.status}"
        + (f" ({outcome.reason})" if outcome.reason else "")
        + f", {outcome.event_count} event(s)"
        + (f", extraction {total:.3f} s" if total is not None else "")
    )
    _say("\n" + render_events(events))
    page = None
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:  # counters are updated right after the outputs are acknowledged
        page = _metrics(metrics_url)
        if page and 'extractor_articles_consumed_total{outcome="' + outcome.status + '"} 1.0' in page:
            break
        time.sleep(0.2)
    _say(f"metrics: {metrics_url}")
    _say(render_metrics(page or ""))


def run(args: argparse.Namespace) -> int:
    """Run the demo; always stop the worker and the broker before returning."""
    try:
        articles = read_articles([str(args.article)])
    except ArticleInputError as exc:
        raise CommandError(f"{exc} (the demo needs the repository's seeds/ or --article FILE)") from exc

    def _terminate(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _terminate)
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="conflict-events-demo-"))
    broker: EmbeddedBroker | None = None
    worker: subprocess.Popen[bytes] | None = None
    try:
        broker = start_broker(log_path=workdir / "broker.log")
        settings = Settings(
            KAFKA_BOOTSTRAP_SERVERS=broker.bootstrap,
            TOPIC_PARTITIONS=3,
            METRICS_PORT=free_port(),
            METRICS_ADDR="127.0.0.1",
            CONSUMER_SESSION_TIMEOUT_SECONDS=6,
            CONSUMER_REBALANCE_TIMEOUT_SECONDS=5,
            CONSUMER_HEARTBEAT_INTERVAL_SECONDS=1,
            BATCH_WITHIN_SECONDS=0.01,
        )
        _say(f"broker   Tansu (embedded, memory storage) at {broker.bootstrap}")
        created = asyncio.run(ensure_topics(settings))
        _say(f"topics   {', '.join(created)}")
        env = {
            **os.environ,
            "KAFKA_BOOTSTRAP_SERVERS": settings.bootstrap_servers,
            "TOPIC_PARTITIONS": "3",
            "METRICS_PORT": str(settings.metrics_port),
            "METRICS_ADDR": "127.0.0.1",
            "CONSUMER_SESSION_TIMEOUT_SECONDS": "6",
            "CONSUMER_REBALANCE_TIMEOUT_SECONDS": "5",
            "CONSUMER_HEARTBEAT_INTERVAL_SECONDS": "1",
            "BATCH_WITHIN_SECONDS": "0.01",
        }
        metrics_url = f"http://127.0.0.1:{settings.metrics_port}/metrics"
        with open(workdir / "worker.log", "wb") as out, open(workdir / "worker.err", "wb") as err:
            worker = subprocess.Popen(
                cli_command("worker", "--extractor", args.extractor),
                env=env,
                stdout=out,
                stderr=err,
                preexec_fn=die_with_parent,
            )
        _say(f"worker   pid {worker.pid}, loading the extractor and joining the group …")
        _wait_ready(worker, metrics_url, (workdir / "worker.log", workdir / "worker.err"))
        _say(f"worker   ready after {time.monotonic() - started:.1f} s; logs in {workdir}")
        count = asyncio.run(publish_articles(settings, articles, settings.topic_articles))
        _say(f"publish  {count} article(s) → {settings.topic_articles}: {', '.join(a.id for a in articles)}")
        _show_results(settings, metrics_url)
        if args.follow:
            _say("following: broker, worker and metrics stay up; Ctrl-C stops them. In another shell:")
            _say(f"  export KAFKA_BOOTSTRAP_SERVERS={broker.bootstrap}")
            _say("  conflict-events publish my_articles.jsonl")
            _say("  conflict-events tail --format table --from-beginning")
            _say(f"  curl -s {metrics_url} | grep ^extractor_")
            while worker.poll() is None:
                time.sleep(0.5)
            raise CommandError(
                f"the worker exited with code {worker.returncode}: {_last_lines(workdir / 'worker.log')}"
            )
    except KeyboardInterrupt:
        _say("\nstopping …")
    except (RuntimeError, OSError) as exc:
        raise CommandError(str(exc)) from exc
    finally:
        code = _stop_worker(worker) if worker is not None else None
        if broker is not None:
            broker.stop()
        if code is not None:
            _say(f"stopped  worker exit code {code}, broker killed; total {time.monotonic() - started:.1f} s")
    return 0
