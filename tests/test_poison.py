"""Poison input through a real broker and a real worker (real extraction core): 10,000 mixed messages.

Every message must end as exactly one outcome with the precise reason, dead letters must carry the
original bytes, the worker must neither crash nor stall, /metrics must count every reason, and its
resident memory must stay bounded.
"""

from __future__ import annotations

import asyncio
import json
import random
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer

from conflict_events.settings import Settings
from conflict_events.stream.reader import read_topic

pytestmark = [pytest.mark.broker, pytest.mark.slow]

TOTAL = 10_000
TEN_MB = 10 * 1024 * 1024
OVER_LIMIT = 3 * 1024 * 1024 // 2
RSS_LIMIT_BYTES = 2 * 1024**3
"""Far above the steady state (spaCy small model + gazetteer, ~0.5-0.8 GB); a leak of the 10 MB body
per message or unbounded buffering of the 10,000 messages would cross it."""

Expected = tuple[str, str | None]  # (status, reason); reason None for processed
_ENGLISH = (
    "Soldiers shelled the outskirts of {place} on Tuesday, killing {n} civilians, a local official said.",
    "Police arrested {n} protesters who marched through central {place} demanding higher wages.",
    "Rebel fighters attacked an army checkpoint near {place} overnight, and {n} soldiers were wounded.",
)
_PLACES = ("Kano", "Mosul", "Goma", "Kharkiv", "Timbuktu", "Herat")
_FOREIGN = (
    "Les soldats ont bombardé la ville pendant la nuit et plusieurs habitants ont fui vers le sud du pays.",
    "La policía detuvo a varios manifestantes que marchaban por el centro de la ciudad el martes pasado.",
    "Die Armee hat das Dorf am Montag angegriffen, und viele Familien mussten ihre Häuser verlassen.",
    "Os manifestantes bloquearam a estrada principal durante horas e exigiram a libertação dos presos.",
)


def _article(article_id: str, text: str, **extra: Any) -> bytes:
    return json.dumps({"id": article_id, "text": text, **extra}, ensure_ascii=False).encode()


def poison_messages(seed: int = 7) -> list[tuple[bytes | None, bytes, Expected]]:
    """10,000 (key, value, expected outcome) triples: mostly poison, a modest share of real articles."""
    rng = random.Random(seed)
    out: list[tuple[bytes | None, bytes, Expected]] = []

    def add(count: int, make: Callable[[int], tuple[bytes, Expected]], label: str) -> None:
        for index in range(count):
            value, expected = make(index)
            out.append((f"{label}-{index}".encode(), value, expected))

    dead: Callable[[str], Expected] = lambda reason: ("dead_lettered", reason)  # noqa: E731
    add(800, lambda i: (b'{"id": "t%d", "text": "cut off' % i, dead("invalid_json")), "truncated")
    add(400, lambda i: (b"{'id': 'x', 'text': 'single quotes'}", dead("invalid_json")), "pyish")
    add(300, lambda i: (b"id=7&text=form+encoded", dead("invalid_json")), "form")
    add(
        600,
        lambda i: (rng.choice([b"[1, 2]", b'"text"', b"42", b"null", b"true"]), dead("wrong_shape")),
        "shape",
    )
    add(200, lambda i: (b'{"a":' * 2000 + b"1" + b"}" * 2000, dead("wrong_shape")), "deep")
    add(300, lambda i: (b"[" * (1100 + i) + b"]" * (1100 + i), dead("wrong_shape")), "deeplist")
    add(400, lambda i: (b'{"text": "Troops advanced on the town."}', dead("missing_field")), "noid")
    add(400, lambda i: (b'{"id": "m%d"}' % i, dead("missing_field")), "notext")
    add(200, lambda i: (b'{"id": "  ", "text": "Police fired shots."}', dead("missing_field")), "blankid")
    add(400, lambda i: (b'{"id": %d, "text": "Troops advanced."}' % i, dead("wrong_type")), "intid")
    add(300, lambda i: (b'{"id": "w%d", "text": {"body": "x"}}' % i, dead("wrong_type")), "dicttext")
    add(
        300,
        lambda i: (_article(f"d{i}", "Troops advanced.", published_at="next week"), dead("wrong_type")),
        "baddate",
    )
    add(
        800,
        lambda i: (_article(f"e{i}", rng.choice(["", " ", "\n\n\t"])), ("skipped", "empty_text")),
        "empty",
    )
    add(
        400,
        lambda i: (
            _article(f"h{i}", "<div><p></p><br/><img src='x.png'></div>"),
            ("skipped", "no_text_content"),
        ),
        "tagsonly",
    )
    add(300, lambda i: (_article(f"p{i}", "!?.;:-" * (50 + i)), ("skipped", "no_text_content")), "punct")
    add(
        300,
        lambda i: (_article(f"c{i}", "\x00\x01\x02\x03\x04\x05ab" * 40), ("skipped", "no_text_content")),
        "ctrl",
    )
    add(600, lambda i: (b"\xff\xfe" + rng.randbytes(200), dead("invalid_utf8")), "binary")
    add(500, lambda i: (b'{"id": "u%d", "text": "caf\xe9 \xc3"}' % i, dead("invalid_utf8")), "latin1")
    # Over MAX_MESSAGE_BYTES (1 MiB) but small enough for the DLQ producer; the 10 MB body has its own
    # test below (test_ten_megabyte_body_is_dead_lettered).
    add(3, lambda i: (b"[" + b"0," * (OVER_LIMIT // 2) + b"0]", dead("too_large")), "huge")
    # Real articles for the extraction core (kept modest: spaCy on 2 cores).
    add(
        200,
        lambda i: (
            _article(
                f"g{i}",
                _ENGLISH[i % 3].format(place=_PLACES[i % 6], n=i % 40 + 2),
                published_at="2024-05-01",
            ),
            ("processed", None),
        ),
        "good",
    )
    add(
        60,
        lambda i: (
            _article(
                f"x{i}",
                "<html><body><h1>Update</h1><p>"
                + _ENGLISH[i % 3].format(place=_PLACES[i % 6], n=3)
                + "</p><script>track()</script></body></html>",
            ),
            ("processed", None),
        ),
        "html",
    )
    add(
        60,
        lambda i: (
            _article(f"f{i}", _FOREIGN[i % 4] + " " + _FOREIGN[(i + 1) % 4]),
            ("skipped", "not_english"),
        ),
        "foreign",
    )
    add(
        1,
        lambda i: (
            _article("longsentence", ("the militia shelled the market and " * 2900)[:100_000]),
            ("processed", None),
        ),
        "long",
    )
    add(
        20,
        lambda i: (_article(f"pp{i}", "Troops clashed!!! ?!?!?! ... ;;;;" * 300), ("processed", None)),
        "ppunct",
    )
    filler = TOTAL - len(out)
    add(filler, lambda i: (b"\x00" * (i % 7 + 1), dead("invalid_json")), "nul")
    rng.shuffle(out)
    return out


async def _produce(
    settings: Settings, messages: list[tuple[bytes | None, bytes, Expected]]
) -> list[tuple[int, int]]:
    producer = AIOKafkaProducer(
        acks="all", linger_ms=5, max_request_size=TEN_MB * 2, **settings.aiokafka_options()
    )
    await producer.start()
    try:
        futures = [
            await producer.send(settings.topic_articles, value, key=key) for key, value, _ in messages
        ]
        metadata = await asyncio.gather(*futures)
    finally:
        await producer.stop()
    return [(meta.partition, meta.offset) for meta in metadata]


def _rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


class RssSampler(threading.Thread):
    """Samples a process's resident set size every 0.5 s; keeps the peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.samples = pid, 0, 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.5):
            try:
                self.peak = max(self.peak, _rss_bytes(self.pid))
                self.samples += 1
            except OSError:
                return


def _metric(text: str, name: str, labels: str) -> float:
    prefix = f"{name}{{{labels}}} "
    for line in text.splitlines():
        if line.startswith(prefix):
            return float(line[len(prefix) :])
    return 0.0


@pytest.mark.timeout(900)
def test_ten_thousand_poison_messages_each_get_their_precise_outcome(
    stream_settings: Callable[..., Settings],
    start_worker: Callable[..., Any],
    record_property: Callable[..., None],
) -> None:
    """10,000 mixed messages: outcomes = inputs with the expected reason each, DLQ bytes intact, metrics
    count every reason, the worker stays up and its RSS stays under 2 GiB."""
    settings = stream_settings(TOPIC_PARTITIONS=2)
    messages = poison_messages()
    assert len(messages) == TOTAL
    worker = start_worker(settings, extractor="core")
    sampler = RssSampler(worker.process.pid)
    sampler.start()
    started = time.monotonic()
    positions = asyncio.run(_produce(settings, messages))
    expected = {position: message[2] for position, message in zip(positions, messages, strict=True)}

    outcomes = asyncio.run(read_topic(settings, settings.topic_outcomes, count=TOTAL, timeout=600))
    elapsed = time.monotonic() - started
    sampler.stopped.set()
    assert worker.process.poll() is None, worker.stderr_path.read_text(encoding="utf-8")[-3000:]
    parsed = [json.loads(record.value or b"{}") for record in outcomes]
    assert len(parsed) == TOTAL
    got = {(o["partition"], o["offset"]): (o["status"], o["reason"]) for o in parsed}
    mismatches = [(pos, expected[pos], got.get(pos)) for pos in expected if got.get(pos) != expected[pos]]
    assert mismatches[:10] == []

    dead_expected = Counter(reason for status, reason in expected.values() if status == "dead_lettered")
    dlq = asyncio.run(
        read_topic(settings, settings.topic_dlq, count=sum(dead_expected.values()), timeout=120)
    )
    assert Counter(record.header("dlq.reason") for record in dlq) == dead_expected
    originals = {pos: message[1] for pos, message in zip(positions, messages, strict=True)}
    source = [
        (int(r.header("dlq.source.partition") or -1), int(r.header("dlq.source.offset") or -1)) for r in dlq
    ]
    assert [originals[pos] == record.value for pos, record in zip(source, dlq, strict=True)].count(
        False
    ) == 0

    metrics = worker.metrics_text()
    for reason, count in dead_expected.items():
        assert (reason, _metric(metrics, "extractor_dlq_messages_total", f'reason="{reason}"')) == (
            reason,
            float(count),
        )
    skipped_expected = Counter(reason for status, reason in expected.values() if status == "skipped")
    for reason, count in skipped_expected.items():
        assert (reason, _metric(metrics, "extractor_articles_skipped_total", f'reason="{reason}"')) == (
            reason,
            float(count),
        )
    statuses = Counter(status for status, _ in expected.values())
    print(
        f"poison: messages={TOTAL} outcomes={len(parsed)} seconds={elapsed:.1f} statuses={dict(statuses)} "
        f"dlq_by_reason={dict(dead_expected)} skipped_by_reason={dict(skipped_expected)} "
        f"peak_rss_mb={sampler.peak / 2**20:.0f} rss_samples={sampler.samples}"
    )
    record_property("poison_peak_rss_bytes", sampler.peak)
    assert 0 < sampler.peak < RSS_LIMIT_BYTES
    assert worker.stop(signal.SIGTERM, timeout=30) == 0


@pytest.mark.timeout(300)
def test_ten_megabyte_body_is_dead_lettered(
    stream_settings: Callable[..., Settings],
    start_worker: Callable[..., Any],
) -> None:
    """A 10 MB body is dead-lettered too_large and the article after it on the same partition is processed."""
    settings = stream_settings(TOPIC_PARTITIONS=1)
    worker = start_worker(settings)
    huge = b'{"id": "huge", "text": "' + b"a" * TEN_MB + b'"}'
    after = _article("after-huge", "A protest in the square.")
    asyncio.run(
        _produce(settings, [(b"huge", huge, ("dead_lettered", "too_large")), (b"after", after, ("", ""))])
    )
    outcomes = asyncio.run(read_topic(settings, settings.topic_outcomes, count=2, timeout=90))
    summary = [
        (json.loads(r.value or b"{}")["status"], json.loads(r.value or b"{}")["reason"]) for r in outcomes
    ]
    assert summary == [("dead_lettered", "too_large"), ("processed", None)]
    (dead,) = asyncio.run(read_topic(settings, settings.topic_dlq, count=1, timeout=60))
    headers = dict(dead.headers)
    assert (headers["dlq.reason"], headers["dlq.truncated"]) == (b"too_large", b"true")
    assert headers["dlq.original.size_bytes"] == str(len(huge)).encode()
    assert dead.value == huge[: settings.dlq_max_value_bytes]
    assert worker.process.poll() is None
