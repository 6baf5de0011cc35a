"""Where the time goes: py-spy samples of a process (the worker, or this one) summarised by package
and by function.

py-spy runs beside the target (``--nonblocking``: the target is never paused) and writes collapsed
stacks (``frame;frame;… count``); ``summarise`` turns them into shares of the samples: by the package
of the innermost frame (self time), and by function of the project inclusive of what it calls.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")
PACKAGE_MARKERS = ("site-packages/", "dist-packages/")
PROJECT = "conflict_events/"
TOP = 15


def _py_spy() -> str:
    found = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(found).exists():
        raise RuntimeError("py-spy is not installed: pip install 'conflict-events[dev]'")
    return found


class PySpyRecorder:
    """Record a process with py-spy for the duration of a ``with`` block.

    Example:
        >>> with PySpyRecorder(pid, Path("worker.pyspy.txt")) as recorder:  # doctest: +SKIP
        ...     do_the_work()
        >>> recorder.summary()["samples"]  # doctest: +SKIP
    """

    def __init__(self, pid: int, output: Path, *, rate: int = 200) -> None:
        self.pid = pid
        self.output = output
        self.rate = rate
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> PySpyRecorder:
        self.output.parent.mkdir(parents=True, exist_ok=True)
        command = [
            _py_spy(),
            "record",
            "--pid",
            str(self.pid),
            "--rate",
            str(self.rate),
            "--format",
            "raw",
            "--full-filenames",
            "--nonblocking",
            "--output",
            str(self.output),
        ]
        self._process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        process = self._process
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGINT)
        try:
            _out, err = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            _out, err = process.communicate()
        if not self.output.exists():
            raise RuntimeError(f"py-spy wrote no profile: {err.decode(errors='replace').strip()[-500:]}")

    def summary(self) -> dict[str, Any]:
        """``summarise`` of the recorded stacks."""
        return summarise(self.output.read_text(encoding="utf-8").splitlines())


def package_of(path: str) -> str:
    """A readable owner for a source file: ``conflict_events.core.dates``, ``spacy``, ``stdlib:json`` …"""
    if PROJECT in path:
        module = path.rsplit(PROJECT, 1)[1].removesuffix(".py").replace("/", ".")
        return "conflict_events." + module.removesuffix(".__init__")
    for marker in PACKAGE_MARKERS:
        if marker in path:
            rest = path.rsplit(marker, 1)[1]
            return rest.split("/", 1)[0].removesuffix(".py")
    if "/lib/python" in path:
        parts = path.split("/lib/python", 1)[1].split("/", 1)
        return "stdlib:" + (parts[1].split("/", 1)[0].removesuffix(".py") if len(parts) > 1 else "?")
    return path or "?"


def _frames(stack: str) -> list[tuple[str, str]]:
    frames = []
    for raw in stack.split(";"):
        match = FRAME.match(raw.strip())
        if match:
            frames.append((match.group("func"), match.group("file")))
    return frames


def _shares(counter: Counter[str], total: int) -> list[dict[str, Any]]:
    return [{"name": name, "share": round(count / total, 4)} for name, count in counter.most_common(TOP)]


def summarise(lines: Iterable[str]) -> dict[str, Any]:
    """Shares of samples: self time by package, inclusive time by project module and by project function."""
    self_by_package: Counter[str] = Counter()
    by_module: Counter[str] = Counter()
    by_function: Counter[str] = Counter()
    total = 0
    for line in lines:
        stack, _, count_text = line.rstrip().rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = _frames(stack)
        if not frames:
            continue
        total += count
        self_by_package[package_of(frames[-1][1])] += count
        project = [(func, package_of(path)) for func, path in frames if PROJECT in path]
        for module in {module for _func, module in project}:
            by_module[module] += count
        for name in {f"{module}.{func}" for func, module in project}:
            by_function[name] += count
    if total == 0:
        return {"samples": 0, "self_by_package": [], "inclusive_by_module": [], "inclusive_by_function": []}
    return {
        "samples": total,
        "self_by_package": _shares(self_by_package, total),
        "inclusive_by_module": _shares(by_module, total),
        "inclusive_by_function": _shares(by_function, total),
    }
