"""Worker subprocesses for the benchmark: ``conflict-events worker`` started with bench settings.

The worker writes one JSON line per finished article on stdout (``article_done`` with its partition),
which tells the benchmark which worker owns which partition; its peak RSS is read from
``/proc/<pid>/status`` (VmHWM) before it is stopped.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from conflict_events.benchmark.stats import peak_rss_mb, process_cpu_seconds
from conflict_events.settings import Settings


def settings_env(settings: Settings) -> dict[str, str]:
    """Environment variables that reproduce ``settings`` in a worker process (secrets included)."""
    env: dict[str, str] = {}
    for name, value in settings.model_dump(by_alias=True).items():
        if value is None:
            continue
        env[name] = value.get_secret_value() if hasattr(value, "get_secret_value") else str(value)
    return env


@dataclass
class WorkerProcess:
    """One running worker and the files its output goes to."""

    process: subprocess.Popen[bytes]
    stdout_path: Path
    stderr_path: Path

    @property
    def pid(self) -> int:
        """Process id of the worker's Python interpreter (the process whose RSS is measured)."""
        return self.process.pid

    def alive(self) -> bool:
        """Whether the process is still running."""
        return self.process.poll() is None

    def done_article_ids(self) -> set[str]:
        """Ids of the articles this worker logged as done so far."""
        done: set[str] = set()
        with contextlib.suppress(OSError), self.stdout_path.open(encoding="utf-8", errors="replace") as lines:
            for line in lines:
                if not line.startswith("{"):
                    continue
                with contextlib.suppress(json.JSONDecodeError):
                    record = json.loads(line)
                    if record.get("event") == "article_done" and isinstance(record.get("article_id"), str):
                        done.add(record["article_id"])
        return done

    def stderr_tail(self, chars: int = 2000) -> str:
        """The end of the worker's stderr, for error messages."""
        try:
            return self.stderr_path.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return ""

    def peak_rss_mb(self) -> float | None:
        """VmHWM of the worker in MB (None once it has exited)."""
        return peak_rss_mb(self.pid)

    def cpu_seconds(self) -> float | None:
        """User + system CPU seconds the worker has used so far (None once it has exited)."""
        return process_cpu_seconds(self.pid)

    def stop(self, timeout: float = 30.0) -> int | None:
        """SIGTERM, then SIGKILL if it does not exit within ``timeout``; the exit code."""
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        return self.process.returncode


def start_worker(settings: Settings, *, extractor: str, workdir: Path, name: str) -> WorkerProcess:
    """Start ``conflict-events worker --extractor EXTRACTOR --no-create-topics`` with ``settings``."""
    env = {**os.environ, **settings_env(settings)}
    stdout_path, stderr_path = workdir / f"{name}.out", workdir / f"{name}.err"
    command = [
        sys.executable,
        "-m",
        "conflict_events.cli",
        "worker",
        "--extractor",
        extractor,
        "--no-create-topics",
    ]
    with stdout_path.open("wb") as stdout, stderr_path.open("wb") as stderr:
        process = subprocess.Popen(command, env=env, stdout=stdout, stderr=stderr, start_new_session=True)
    return WorkerProcess(process, stdout_path, stderr_path)


class WorkerDied(RuntimeError):
    """A worker exited while the benchmark waited for it."""


def total_cpu_seconds(workers: list[WorkerProcess]) -> float | None:
    """CPU seconds used so far by all ``workers`` together (None if any cannot be read)."""
    readings = [worker.cpu_seconds() for worker in workers]
    return None if any(r is None for r in readings) else sum(r for r in readings if r is not None)


def check_alive(workers: list[WorkerProcess]) -> None:
    """Raise ``WorkerDied`` with the stderr tail of the first worker that exited."""
    for worker in workers:
        if not worker.alive():
            raise WorkerDied(
                f"worker pid {worker.pid} exited with code {worker.process.returncode}: "
                f"{worker.stderr_tail().strip()[-800:]}"
            )
