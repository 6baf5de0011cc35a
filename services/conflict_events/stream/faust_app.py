"""The Faust app of the worker: settings → app options, plus one latency fix Faust has no setting for."""

from __future__ import annotations

import tempfile
from typing import Any

import faust

from conflict_events.settings import Settings
from conflict_events.stream.records import InboundMessage


def make_app(settings: Settings, **overrides: Any) -> faust.App:
    """A Faust app for the worker: at-least-once, in-memory tables, no web server."""
    options: dict[str, Any] = {
        "broker": settings.faust_broker_urls(),
        "broker_credentials": settings.faust_credentials(),
        "processing_guarantee": settings.processing_guarantee,
        "store": "memory://",
        "web_enabled": False,
        "autodiscover": False,
        "datadir": tempfile.mkdtemp(prefix="conflict-events-faust-"),
        "consumer_auto_offset_reset": "earliest",
        "producer_acks": -1,
        "topic_partitions": settings.topic_partitions,
        "topic_replication_factor": settings.topic_replication_factor,
        "broker_session_timeout": settings.consumer_session_timeout_seconds,
        "broker_rebalance_timeout": settings.consumer_rebalance_timeout_seconds,
        "broker_heartbeat_interval": settings.consumer_heartbeat_interval_seconds,
        "consumer_max_fetch_size": settings.producer_max_request_bytes,
        "producer_max_request_size": settings.producer_max_request_bytes,
        "broker_commit_interval": COMMIT_INTERVAL_SECONDS,
    }
    options.update(overrides)
    _shorten_fetch_wait()
    return faust.App(settings.consumer_group, **options)


COMMIT_INTERVAL_SECONDS = 1.0
"""How often acknowledged offsets are committed (Faust's default is 2.8 s).  What a crashed worker had
processed since its last commit is delivered again, so this bounds the duplicate window; batched extraction
of short articles runs at hundreds per second, where 2.8 s meant thousands of repeats."""

FETCH_MAX_WAIT_MS = 100
"""Longest a fetch waits on the broker for new data.  Faust hard-codes 1500 ms, and brokers that
do not answer a long poll early (Tansu) then add up to that much latency to every article."""


def _shorten_fetch_wait() -> None:
    """Make Faust's worker consumer use ``FETCH_MAX_WAIT_MS`` (it exposes no setting for it)."""
    from faust.transport.drivers import aiokafka as driver

    thread_class: Any = driver.AIOKafkaConsumerThread
    if getattr(thread_class, "_conflict_events_patched", False):
        return
    original = thread_class._create_worker_consumer

    def create(self: Any, transport: Any) -> Any:
        consumer = original(self, transport)
        consumer._fetch_max_wait_ms = FETCH_MAX_WAIT_MS
        return consumer

    thread_class._create_worker_consumer = create
    thread_class._conflict_events_patched = True


def inbound_message(message: Any) -> InboundMessage:
    """A Faust ``Message`` as plain values (headers normalised to ``(str, bytes)`` pairs)."""
    headers = message.headers or ()
    if isinstance(headers, dict):
        headers = list(headers.items())
    return InboundMessage(
        topic=message.topic,
        partition=message.partition,
        offset=message.offset,
        key=message.key,
        value=message.value,
        timestamp=message.timestamp or None,
        headers=tuple((str(k), bytes(v or b"")) for k, v in headers),
    )
