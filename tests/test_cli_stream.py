"""CLI commands of the stream helper: extract, publish, tail, schemas, broker, demo."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conflict_events.cli import main
from conflict_events.stream.article_input import ArticleInputError, parse_published_at, read_articles
from conflict_events.stream.embedded import cli_command

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_7e46fb40130ba7bf.txt"
FAKE = "conflict_events.stream.testing:make_fake_extractor"


def _cli(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cli_command(*args),
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
        cwd=REPO,
    )


class TestArticleInput:
    def test_text_file_with_envelope(self) -> None:
        """A text file takes its id from the stem and metadata from the sidecar envelope."""
        [article] = read_articles([str(SEED)])
        assert (
            article.id,
            article.source,
            article.published_at.isoformat() if article.published_at else None,
        ) == (
            "000_7e46fb40130ba7bf",
            "seed",
            "2017-08-04T00:00:00+00:00",
        )

    def test_jsonl_errors_name_line_numbers(self, tmp_path: Path) -> None:
        """Every invalid line is reported with its number; nothing is returned."""
        path = tmp_path / "in.jsonl"
        path.write_text('{"id": "a", "text": "x"}\n\n{"id": "b"}\n[1]\n{bad\n', encoding="utf-8")
        with pytest.raises(ArticleInputError) as info:
            read_articles([str(path)])
        message = str(info.value)
        assert f"{path}:3: not a valid article: text: Field required" in message
        assert f"{path}:4: expected a JSON object, got list" in message
        assert f"{path}:5: invalid JSON" in message

    def test_published_at_fills_missing_dates_only(self, tmp_path: Path) -> None:
        """--published-at applies to articles without a date and never overrides one."""
        path = tmp_path / "in.jsonl"
        path.write_text(
            '{"id": "a", "text": "x"}\n{"id": "b", "text": "y", "published_at": "2020-01-01"}\n',
            encoding="utf-8",
        )
        first, second = read_articles([str(path)], published_at=parse_published_at("2017-08-04"))
        assert (str(first.published_at), str(second.published_at)) == (
            "2017-08-04 00:00:00+00:00",
            "2020-01-01 00:00:00",
        )

    def test_stdin_plain_text_gets_content_hash_id(self) -> None:
        """Plain text on stdin becomes one article with a sha256-based id."""
        import io

        [article] = read_articles(["-"], stdin=io.StringIO("Troops attacked the base."))
        assert (
            article.id
            == "sha256:" + __import__("hashlib").sha256(b"Troops attacked the base.").hexdigest()[:16]
        )

    def test_bad_published_at(self) -> None:
        """A malformed --published-at is a clear error."""
        with pytest.raises(ArticleInputError, match="not an ISO 8601 date"):
            parse_published_at("last tuesday")


class TestExtractCommand:
    def test_extract_seed_with_fake_extractor_jsonl(self) -> None:
        """extract prints one JSON event per line with its article_id, and a summary on stderr."""
        result = _cli("extract", str(SEED), "--extractor", FAKE)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert [json.loads(line)["article_id"] for line in lines] == ["000_7e46fb40130ba7bf"]
        assert result.stderr.strip().endswith("1 article(s), 1 event(s), 0 skipped")

    def test_extract_invalid_input_is_one_line_error(self) -> None:
        """Invalid JSONL on stdin: exit 2 and one error line naming the line."""
        result = _cli("extract", "-", "--extractor", FAKE, stdin='{"id": "a", "text": "attack"}\n{"id": 3}\n')
        assert result.returncode == 2
        assert result.stderr.strip().splitlines() == [
            "conflict-events extract: error: <stdin>:2: not a valid article: "
            "id: Input should be a valid string"
        ]

    def test_extract_missing_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing path is a one-line error with exit code 2."""
        assert main(["extract", "/nonexistent/x.txt", "--extractor", FAKE]) == 2
        assert (
            capsys.readouterr().err
            == "conflict-events extract: error: /nonexistent/x.txt: no such file or directory\n"
        )

    @pytest.mark.slow
    def test_extract_seed_with_core(self) -> None:
        """The real extractor finds events on the seed, each citing text of the seed at its span."""
        result = _cli("extract", str(SEED))
        assert result.returncode == 0, result.stderr
        events = [json.loads(line) for line in result.stdout.splitlines()]
        assert len(events) >= 1
        text = SEED.read_text(encoding="utf-8")
        for event in events:
            sentence = event["evidence"]["sentence"]
            assert text[sentence["start"] : sentence["end"]] == sentence["text"]
            assert event["article_id"] == "000_7e46fb40130ba7bf"


class TestSchemasCommand:
    def test_check_passes_on_committed_files(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`schemas --check` exits 0 when the files match the models."""
        assert main(["schemas", "--check"]) == 0
        assert capsys.readouterr().err == "4 schemas match the models\n"

    def test_check_fails_on_drift(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """`schemas --check` on an empty directory reports every file and exits 2."""
        assert main(["schemas", "--check", "--dir", str(tmp_path)]) == 2
        assert "article.v1.schema.json, conflict-event.v1.schema.json, article-outcome.v1.schema.json" in (
            capsys.readouterr().err
        )


@pytest.mark.broker
class TestKafkaCommands:
    def test_publish_then_tail(
        self, stream_settings: Callable, read_records: Callable, tmp_path: Path
    ) -> None:
        """publish sends every JSONL line keyed by id; tail --from-beginning prints them back as JSONL."""
        from conftest import settings_env

        settings = stream_settings()
        env = settings_env(settings)
        path = tmp_path / "two.jsonl"
        path.write_text('{"id": "p1", "text": "one"}\n{"id": "p2", "text": "two"}\n', encoding="utf-8")
        result = _cli("publish", str(path), env=env)
        assert result.returncode == 0, result.stderr
        assert (
            result.stderr.strip()
            == f"published 2 article(s) to {settings.topic_articles} at {settings.bootstrap_servers}"
        )
        records = read_records(settings, settings.topic_articles, count=2, timeout=10)
        assert sorted(r.key for r in records) == [b"p1", b"p2"]
        tailed = _cli(
            "tail",
            "--topic",
            settings.topic_articles,
            "--from-beginning",
            "--max",
            "2",
            "--timeout",
            "10",
            env=env,
        )
        assert tailed.returncode == 0, tailed.stderr
        assert sorted(json.loads(line)["id"] for line in tailed.stdout.splitlines()) == ["p1", "p2"]

    def test_tail_events_as_table_skips_non_events(
        self, stream_settings: Callable, publish_values: Callable
    ) -> None:
        """tail --format table prints events as rows and names records that are not events on stderr."""
        from conflict_events.contracts import Article
        from conflict_events.stream.testing import fake_extract
        from conftest import settings_env

        settings = stream_settings(TOPIC_PARTITIONS=1)
        event = fake_extract(
            Article(id="t1", text="Troops attack."), datetime(2024, 2, 3, tzinfo=UTC)
        ).events[0]
        publish_values(
            settings,
            [(b"junk", b"not an event"), (event.event_id.encode(), event.model_dump_json().encode())],
            topic=settings.topic_events,
        )
        result = _cli(
            "tail",
            "--format",
            "table",
            "--from-beginning",
            "--max",
            "1",
            "--timeout",
            "10",
            env=settings_env(settings),
        )
        assert result.returncode == 0, result.stderr
        rows = result.stdout.splitlines()
        assert rows[2].split()[:2] == ["2024-02-03", "ASSAULT"]
        assert f"skipped {settings.topic_events}/0@0: not a ConflictEvent" in result.stderr

    def test_publish_invalid_line_publishes_nothing(
        self,
        stream_settings: Callable,
        read_records: Callable,
        tmp_path: Path,
    ) -> None:
        """One invalid line: exit 2, the line number in the error, and the topic stays empty."""
        from conftest import settings_env

        settings = stream_settings()
        path = tmp_path / "bad.jsonl"
        path.write_text('{"id": "ok", "text": "fine"}\n{"id": "", "text": "blank id"}\n', encoding="utf-8")
        result = _cli("publish", str(path), env=settings_env(settings))
        assert result.returncode == 2
        assert f"{path}:2:" in result.stderr and "nothing was published" in result.stderr
        assert read_records(settings, settings.topic_articles, timeout=3) == []

    def test_broker_command_prints_bootstrap_and_stops(self) -> None:
        """`broker` prints an export line with its address and exits 0 on SIGTERM, leaving no broker."""
        process = subprocess.Popen(
            cli_command("broker"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        try:
            line = process.stdout.readline() if process.stdout else ""
            assert line.startswith("export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:")
            port = int(line.strip().rsplit(":", 1)[1])
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=20) == 0
            import socket

            time.sleep(0.5)
            with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                pass
        finally:
            if process.poll() is None:
                process.kill()


@pytest.mark.broker
@pytest.mark.slow
def _port_closed(port: int) -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return False
    except OSError:
        return True


def _pid_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return Path(f"/proc/{pid}/status").read_text().find("State:\tZ") >= 0


class TestDemo:
    def test_demo_runs_and_leaves_nothing_behind(self) -> None:
        """`demo` prints events and metrics, stops the worker with exit 0, kills the broker, within 60 s."""
        started = time.monotonic()
        result = _cli("demo", timeout=120)
        assert result.returncode == 0, result.stderr + result.stdout
        assert "outcome: processed" in result.stdout
        assert "articles by outcome    processed=1" in result.stdout
        assert "worker exit code 0" in result.stdout
        assert time.monotonic() - started < 60
        import re

        port = int(re.search(r"at 127\.0\.0\.1:(\d+)", result.stdout).group(1))  # type: ignore[union-attr]
        pid = int(re.search(r"worker   pid (\d+)", result.stdout).group(1))  # type: ignore[union-attr]
        assert _port_closed(port) and _pid_gone(pid)

    def test_demo_follow_stops_everything_on_ctrl_c(self) -> None:
        """`demo --follow` keeps running until SIGINT, then stops worker and broker and exits 0."""
        import re

        process = subprocess.Popen(
            cli_command("demo", "--follow", "--extractor", FAKE),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=REPO,
        )
        lines: list[str] = []
        try:
            assert process.stdout is not None
            for line in process.stdout:
                lines.append(line)
                if line.startswith("following:"):
                    break
            output = "".join(lines)
            assert "outcome: processed, 1 event(s)" in output
            time.sleep(1.0)
            assert process.poll() is None
            process.send_signal(signal.SIGINT)
            rest, _ = process.communicate(timeout=40)
            assert process.returncode == 0, output + rest
            assert "worker exit code 0" in rest
        finally:
            if process.poll() is None:
                process.kill()
        port = int(re.search(r"at 127\.0\.0\.1:(\d+)", output).group(1))  # type: ignore[union-attr]
        pid = int(re.search(r"worker   pid (\d+)", output).group(1))  # type: ignore[union-attr]
        assert _port_closed(port) and _pid_gone(pid)


class TestWorkerCommand:
    def test_exactly_once_is_refused(self) -> None:
        """PROCESSING_GUARANTEE=exactly_once is a one-line error, not a silent downgrade."""
        result = _cli("worker", env={"PROCESSING_GUARANTEE": "exactly_once", "METRICS_PORT": "0"})
        assert result.returncode == 2
        assert result.stderr.startswith("conflict-events worker: error: PROCESSING_GUARANTEE=exactly_once")

    def test_invalid_setting_is_one_line(self) -> None:
        """A malformed environment variable names the variable."""
        result = _cli("worker", env={"METRICS_PORT": "not-a-port"})
        assert result.returncode == 2
        assert result.stderr == (
            "conflict-events worker: error: invalid setting METRICS_PORT: "
            "Input should be a valid integer, unable to parse string as an integer\n"
        )

    def test_unreachable_broker_is_one_line(self) -> None:
        """No broker at the bootstrap address: exit 2 with the address in the error."""
        result = _cli("worker", env={"KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:1", "METRICS_PORT": "0"})
        assert result.returncode == 2
        assert "conflict-events worker: error: cannot reach Kafka at 127.0.0.1:1" in result.stderr

    def test_worker_that_cannot_start_exits_non_zero(self) -> None:
        """Without topic creation and without a broker the Faust worker fails to start: exit code 1."""
        result = _cli(
            "worker",
            "--no-create-topics",
            "--extractor",
            FAKE,
            env={"KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:1", "METRICS_PORT": "0"},
            timeout=60,
        )
        assert result.returncode == 1
        assert json.loads(result.stdout.splitlines()[-1])["event"] in ("worker_stopped", "worker_crashed")


@pytest.mark.broker
class TestReaderFromEnd:
    def test_without_from_beginning_only_new_records_arrive(
        self, stream_settings: Callable, publish_values: Callable
    ) -> None:
        """From the end: existing records (one multi-record batch) are skipped, a new one arrives."""
        import asyncio

        from aiokafka import AIOKafkaProducer

        from conflict_events.stream.reader import iter_topic

        settings = stream_settings(TOPIC_PARTITIONS=1)

        async def publish_one_batch() -> None:
            producer = AIOKafkaProducer(linger_ms=200, **settings.aiokafka_options())
            await producer.start()
            futures = [
                await producer.send(settings.topic_articles, b"{}", key=k) for k in (b"o1", b"o2", b"o3")
            ]
            await asyncio.gather(*futures)
            await producer.stop()

        asyncio.run(publish_one_batch())

        async def read_new() -> list[bytes | None]:
            keys: list[bytes | None] = []
            records = iter_topic(
                settings, settings.topic_articles, from_beginning=False, follow=True, timeout=5, max_records=1
            )
            task = asyncio.ensure_future(records.__anext__())
            await asyncio.sleep(2.0)
            await asyncio.to_thread(publish_values, settings, [(b"new", b"{}")])
            keys.append((await task).key)
            await records.aclose()
            return keys

        assert asyncio.run(read_new()) == [b"new"]
