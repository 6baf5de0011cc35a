"""requirements.lock pins every dependency of pyproject.toml (runtime and dev) exactly, with hashes."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
LOCK = REPO / "requirements.lock"
RUNTIME_LOCK = REPO / "requirements-runtime.lock"
_PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s\\]+)")


def locked(path: Path = LOCK) -> dict[str, tuple[str, int]]:
    """name → (version, number of hashes) from a lock file."""
    pins: dict[str, tuple[str, int]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match:
            current = canonicalize_name(match.group(1))
            pins[current] = (match.group(2), 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            version, hashes = pins[current]
            pins[current] = (version, hashes + 1)
    return pins


def declared(*, dev: bool = True) -> list[Requirement]:
    """Runtime (and, by default, dev) requirements of pyproject.toml."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    texts = project["dependencies"] + (project["optional-dependencies"]["dev"] if dev else [])
    return [Requirement(text) for text in texts]


class TestLock:
    def test_every_declared_dependency_is_pinned_within_its_range(self) -> None:
        """Each pyproject requirement is in the lock at a version its specifier allows."""
        pins = locked()
        problems = []
        for requirement in declared():
            name = canonicalize_name(requirement.name)
            if name not in pins:
                problems.append(f"{name}: not in requirements.lock")
            elif not requirement.specifier.contains(pins[name][0], prereleases=True):
                problems.append(f"{name}: locked {pins[name][0]} outside {requirement.specifier}")
        assert problems == []

    def test_every_pin_has_a_hash(self) -> None:
        """pip --require-hashes needs at least one sha256 per pinned package."""
        assert [name for name, (_version, hashes) in locked().items() if hashes == 0] == []

    def test_build_backend_and_no_torch_pinned(self) -> None:
        """setuptools and wheel are pinned (editable install without build isolation); torch is not."""
        pins = locked()
        assert ("setuptools" in pins, "wheel" in pins, "torch" in pins) == (True, True, False)


class TestRuntimeLock:
    def test_runtime_lock_is_the_full_lock_without_dev_tools(self) -> None:
        """The image's lock pins every runtime dependency at the full lock's version and no dev-only tool."""
        full, runtime = locked(), locked(RUNTIME_LOCK)
        missing = [r.name for r in declared(dev=False) if canonicalize_name(r.name) not in runtime]
        differing = [name for name, (version, _) in runtime.items() if full.get(name, ("", 0))[0] != version]
        dev_only = {canonicalize_name(r.name) for r in declared()} - {
            canonicalize_name(r.name) for r in declared(dev=False)
        }
        assert (missing, differing, sorted(dev_only & set(runtime))) == ([], [], [])

    def test_runtime_pins_have_hashes(self) -> None:
        """Every runtime pin carries a sha256 hash."""
        assert [name for name, (_version, hashes) in locked(RUNTIME_LOCK).items() if hashes == 0] == []
