"""Adding an event type takes one row of ``data/event_types.csv`` (and its trigger words): no code changes.

The package is copied to a temporary folder, the copy gets a new type INSPECT (a row in the event-type table
and a trigger row), and a fresh interpreter extracts an article with it: every stage reads the new row.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "services" / "conflict_events"
TYPE_ROW = "INSPECT,verbal_conflict,coercion,09,,target,yes,no,,no,no,no,no,no,yes\n"
TRIGGER_ROW = '"inspect(?:ed|s|ing)?",INSPECT,,,0.9,V\n'
SCRIPT = """
import json, sys
from datetime import datetime, timezone
import conflict_events
from conflict_events.contracts import Article
from conflict_events.core.pipeline import extract
from conflict_events.resources import load_resources
article = Article(id="t1", text="UN monitors inspected the police in Kano on Monday.",
                  published_at=datetime(2024, 5, 8, tzinfo=timezone.utc))
result = extract(article, load_resources())
print(json.dumps({"package": conflict_events.__file__,
                  "events": [[e.event_type, e.category, e.cameo_root, [a.role for a in e.actors]]
                             for e in result.events]}))
"""


def test_a_type_added_through_the_table_alone(tmp_path: Path) -> None:
    """The new type comes out with the table's category and CAMEO root, and its target is a target."""
    copy = tmp_path / "conflict_events"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "learning"))
    with (copy / "data" / "event_types.csv").open("a", encoding="utf-8") as table:
        table.write(TYPE_ROW)
    with (copy / "data" / "lexicon_triggers.csv").open("a", encoding="utf-8") as triggers:
        triggers.write(TRIGGER_ROW)
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=240, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["package"].startswith(str(tmp_path))
    assert ["INSPECT", "coercion", "09"] in [event[:3] for event in out["events"]]
    [inspect] = [event for event in out["events"] if event[0] == "INSPECT"]
    assert "source" in inspect[3] and "target" in inspect[3]
