"""Incident resolution against a real broker: a worker killed and restarted, two workers and a crash.

The articles are written for these tests: a Boko Haram raid on Bama (Borno State, Nigeria) reported
three times with tolls of 9, 12 and 14, then a fourth time after the worker is SIGKILLed and started
again; and a distractor the same day in Dikwa, 63 km away.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
import urllib.request
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from conflict_events.contracts import Incident
from conflict_events.settings import Settings
from conflict_events.stream.embedded import cli_command, die_with_parent, free_port
from conflict_events.stream.incident_records import LatestIncidents
from conflict_events.stream.reader import Record
from conftest import REPO, WorkerProcess, read_all, settings_env
from test_incident_stream import DAY, TOWNS, report

pytestmark = pytest.mark.broker

BAMA = [
    (
        "bama-1",
        "2024-05-14T08:00:00Z",
        "Boko Haram fighters killed nine people in an attack on Bama in Borno State on Monday night, police "
        "said. The gunmen arrived on motorcycles and fled into the bush before soldiers reached the town.",
    ),
    (
        "bama-2",
        "2024-05-14T11:30:00Z",
        "Boko Haram insurgents killed 12 villagers in an assault on the town of Bama, Nigeria, on Monday, a "
        "local official told reporters. Residents said the attackers shot people as they fled.",
    ),
    (
        "bama-3",
        "2024-05-14T17:45:00Z",
        "Militants stormed Bama on Monday and killed 14 civilians, according to a member of the civilian "
        "joint task force.",
    ),
]
DIKWA = (
    "dikwa-1",
    "2024-05-14T09:15:00Z",
    "Soldiers repelled an attack by Boko Haram fighters on a military base in Dikwa, Borno State, on "
    "Monday, killing six insurgents, the army said.",
)
BAMA_LATER = (
    "bama-4",
    "2024-05-15T07:00:00Z",
    "Gunmen killed at least 14 people in Bama on Monday, the Borno State government said on Wednesday. "
    "Survivors said the attackers went from house to house.",
)


def _article(item: tuple[str, str, str]) -> tuple[bytes, bytes]:
    article_id, published_at, text = item
    body = {"id": article_id, "published_at": published_at, "source": "test wire", "text": text}
    return article_id.encode(), json.dumps(body).encode()


def _incident_records(settings: Settings) -> list[Record]:
    return read_all(settings, settings.topic_incidents, timeout=15)


def _live(records: list[Record]) -> dict[str, Incident]:
    """Last value per key (tombstones delete): what a consumer of the compacted topic holds."""
    latest = LatestIncidents()
    for record in records:
        value = None if record.value is None else Incident.model_validate_json(record.value)
        latest.apply((record.key or b"").decode(), value)
    return dict(latest.by_id)


def _wait_for(
    settings: Settings, done: Callable[[dict[str, Incident]], bool], timeout: float
) -> tuple[list[Record], dict[str, Incident]]:
    deadline = time.monotonic() + timeout
    while True:
        records = _incident_records(settings)
        live = _live(records)
        if done(live):
            return records, live
        assert time.monotonic() < deadline, f"incidents not as expected after {timeout} s: {sorted(live)}"
        time.sleep(0.5)


def _log(worker: WorkerProcess, event: str) -> list[dict[str, Any]]:
    return [line for line in map(json.loads, worker.log_lines()) if line.get("event") == event]


def _stamp(line: dict[str, Any]) -> float:
    return datetime.fromisoformat(line["timestamp"].replace("Z", "+00:00")).timestamp()


def _bama(live: dict[str, Incident]) -> list[Incident]:
    return [i for i in live.values() if any(a.startswith("bama-") for a in i.article_ids)]


class TestNewUserScenario:
    def test_four_reports_one_incident_across_a_sigkill(
        self,
        stream_settings: Callable[..., Settings],
        start_worker: Callable[..., WorkerProcess],
        publish_values: Callable[..., None],
    ) -> None:
        """Three reports of the Bama raid and a Dikwa distractor; SIGKILL; restart; a fourth report:
        one Bama incident (versions 1-4, all four articles), one Dikwa incident, no record twice."""
        settings = stream_settings(TOPIC_PARTITIONS=2)
        first = start_worker(settings, extractor="core")
        publish_values(settings, [_article(item) for item in [*BAMA, DIKWA]])
        _wait_for(settings, lambda live: [i.version for i in _bama(live)] == [3] and len(live) == 2, 180)
        assert first.stop(signal.SIGKILL) == -signal.SIGKILL
        killed_at = time.time()

        second = start_worker(settings, extractor="core")
        publish_values(settings, [_article(BAMA_LATER)])
        records, live = _wait_for(settings, lambda live: [i.version for i in _bama(live)] == [4], 180)
        [bama] = _bama(live)
        [dikwa] = [i for i in live.values() if i is not bama]
        assert (bama.status, bama.article_ids, bama.location and bama.location.name) == (
            "open",
            ["bama-1", "bama-2", "bama-3", "bama-4"],
            "Bama",
        )
        assert [(q.kind, q.value, q.min) for q in bama.quantities] == [("killed", 14, 9)]
        assert (dikwa.article_ids, dikwa.location and dikwa.location.name) == (["dikwa-1"], "Dikwa")
        versions = [
            Incident.model_validate_json(r.value).version
            for r in records
            if r.key == bama.incident_id.encode()
        ]
        assert versions == [1, 2, 3, 4]  # the version grew, and nothing was published twice
        assert len({r.header("ce_id") for r in records}) == len(records)

        restored = next(line for line in _log(second, "incidents_restored") if 0 in line["partitions"])
        assert (restored["records_read"], restored["open_incidents"]) == (4, 2)  # Nigeria is partition 0
        print(
            f"\nrestart to state restored: {_stamp(restored) - killed_at:.1f} s "
            f"(restore itself {restored['seconds']:.3f} s)"
        )
        table = subprocess.run(
            cli_command("tail", "--topic", settings.topic_incidents, "--format", "table", "--timeout", "2"),
            env={**os.environ, **settings_env(settings)},
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        rows = {
            line.split()[0]: line.split()[1:] for line in table.stdout.splitlines() if line.startswith("inc-")
        }
        assert rows[bama.incident_id] == [
            "4",
            "open",
            "ASSAULT",
            "/",
            "Attack",
            "Bama",
            "(NGA)",
            "2024-05-13",
            "14",
            "(9+)",
            "4",
        ]
        assert rows[dikwa.incident_id][-1] == "1"


def _reports() -> list[Any]:
    """Seven countries (every partition of four), two towns each, two raids four days apart per town,
    four reports per raid: 28 incidents that no arrival order can split or merge."""
    countries = ("NGA", "COD", "SDN", "IRQ", "SYR", "UKR", "ETH")
    towns = [town for town, (country, *_rest) in TOWNS.items() if country in countries]
    events = []
    for town in towns:
        for day in (DAY, DAY + timedelta(days=4)):
            for n in range(4):
                event_id = f"{town.lower().replace(' ', '-')}-{day.day}-{n}"
                events.append(report(event_id, article=f"art-{event_id}", town=town, day=day, killed=n + 3))
    return events


def _clusters(live: dict[str, Incident]) -> set[frozenset[str]]:
    return {frozenset(i.event_ids) for i in live.values()}


class TestTwoWorkers:
    def test_sigkill_of_one_worker_loses_and_duplicates_nothing(
        self,
        stream_settings: Callable[..., Settings],
        start_worker: Callable[..., WorkerProcess],
        publish_values: Callable[..., None],
    ) -> None:
        """Two workers share the partitions; one is SIGKILLed mid-stream; the survivor restores its
        partitions and goes on.  The final incidents equal a clean single-worker run's: 28 incidents of
        four reports, version 4 each, no tombstone, no record published twice."""
        events = _reports()
        waves = [
            [e for e in events if int(e.event_id[-1]) < 2],
            [e for e in events if int(e.event_id[-1]) >= 2],
        ]
        for wave in waves:
            random.Random(7).shuffle(wave)

        def complete(live: dict[str, Incident]) -> bool:
            return len(live) >= 28 and all(i.version == 4 for i in live.values())

        def values(wave: list[Any]) -> list[tuple[bytes, bytes]]:
            return [(e.event_id.encode(), e.model_dump_json().encode()) for e in wave]

        clean = stream_settings(TOPIC_PARTITIONS=4)
        start_worker(clean)
        publish_values(clean, values(waves[0] + waves[1]), clean.topic_events)
        clean_records, clean_live = _wait_for(clean, complete, 90)

        settings = stream_settings(TOPIC_PARTITIONS=4)
        workers = [
            start_worker(settings),
            start_worker(settings, extra_env={"METRICS_PORT": str(free_port())}),
        ]
        deadline = time.monotonic() + 60
        while True:  # both members own re-keyed partitions (the second join rebalances the first)
            owned = [
                (_log(w, "incident_partitions_assigned") or [{"partitions": []}])[-1]["partitions"]
                for w in workers
            ]
            if all(owned) and sorted(owned[0] + owned[1]) == [0, 1, 2, 3]:
                break
            assert time.monotonic() < deadline, f"partitions never split: {owned}"
            time.sleep(0.5)
        publish_values(settings, values(waves[0]), settings.topic_events)
        _wait_for(
            settings, lambda live: len(live) >= 14 and len(_log(workers[1], "incident_resolved")) >= 10, 60
        )
        assert workers[1].stop(signal.SIGKILL) == -signal.SIGKILL  # mid-stream: it has resolved some reports
        killed_at = time.time()
        lost = _log(workers[1], "incident_partitions_assigned")[-1]["partitions"]
        publish_values(settings, values(waves[1]), settings.topic_events)
        records, live = _wait_for(settings, complete, 120)

        assert _clusters(live) == _clusters(clean_live)
        assert (len(live), {i.version for i in live.values()}) == (28, {4})
        assert len(records) == len(clean_records) == 112  # one record per report: none lost, none repeated
        assert [r for r in records if r.value is None] == []
        assert len({r.header("ce_id") for r in records}) == 112
        takeover = [line for line in _log(workers[0], "incidents_restored") if _stamp(line) > killed_at]
        assert lost and set(lost) <= {p for line in takeover for p in line["partitions"]}
        read_back = sum(line["records_read"] for line in takeover)
        again = [line for line in _log(workers[0], "incident_resolved") if line["outcome"] == "duplicate"]
        assert read_back >= 10  # what the killed worker had published
        print(
            f"\nSIGKILL to partitions restored on the survivor: {_stamp(takeover[-1]) - killed_at:.1f} s "
            f"({read_back} records, restore {takeover[-1]['seconds']:.3f} s); reports delivered again and "
            f"found duplicate: {len(again)}"
        )


def test_report_dates_are_the_raids() -> None:
    """The generated reports: 112 events on two days, in every partition of four."""
    from test_incident_stream import partition_of

    events = _reports()
    assert (len(events), {e.date.start for e in events}) == (112, {date(2024, 5, 13), date(2024, 5, 17)})
    assert {partition_of(e, 4) for e in events} == {0, 1, 2, 3}


class TestResolverCommand:
    def test_resolver_alone_publishes_incidents(
        self,
        stream_settings: Callable[..., Settings],
        publish_values: Callable[..., None],
        tmp_path: Any,
    ) -> None:
        """`conflict-events resolver` (its own group) turns reports on the events topic into incidents, and
        serves the incident metrics."""
        settings = stream_settings(TOPIC_PARTITIONS=2)
        out = tmp_path / "resolver.out"
        with open(out, "wb") as stdout:
            process = subprocess.Popen(
                cli_command("resolver"),
                env={**os.environ, **settings_env(settings)},
                cwd=REPO,
                stdout=stdout,
                stderr=subprocess.STDOUT,
                preexec_fn=die_with_parent,
            )
        try:
            reports = [report(f"r{n}", town="Goma", killed=n) for n in (2, 3, 5)]
            reports.append(report("other", town="Beni"))
            publish_values(
                settings,
                [(e.event_id.encode(), e.model_dump_json().encode()) for e in reports],
                settings.topic_events,
            )
            _, live = _wait_for(settings, lambda live: sorted(i.version for i in live.values()) == [1, 3], 60)
            assert sorted(sorted(i.event_ids) for i in live.values()) == [["other"], ["r2", "r3", "r5"]]
            lines = [json.loads(line) for line in out.read_text().splitlines() if line.startswith("{")]
            [start] = [line for line in lines if line["event"] == "resolver_starting"]
            assert start["settings"]["CONSUMER_GROUP"] == f"{settings.consumer_group}-resolver"
            with urllib.request.urlopen(
                f"http://127.0.0.1:{settings.metrics_port}/metrics", timeout=5
            ) as page:
                metrics = page.read().decode()
            assert "extractor_incidents_created_total 2.0" in metrics
            assert "extractor_incidents_open 2.0" in metrics
            assert "extractor_articles_consumed_total" not in metrics
        finally:
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=30) == 0
