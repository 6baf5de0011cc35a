"""``conflict-events worker``: read settings from the environment, create topics, serve metrics, run Faust."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING
from wsgiref.simple_server import WSGIServer

from prometheus_client import REGISTRY, start_http_server
from pydantic import ValidationError

from conflict_events.cli import CommandError
from conflict_events.extractor import CORE, load_extractor
from conflict_events.settings import Settings
from conflict_events.stream.incident_metrics import IncidentMetrics
from conflict_events.stream.logs import configure_logging, framework_logging_config, log
from conflict_events.stream.metrics import WorkerMetrics, routing_pairs
from conflict_events.stream.topics import ensure_topics

if TYPE_CHECKING:
    import faust


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of ``worker`` (connection, topics, metrics come from the environment: see ``Settings``)."""
    parser.add_argument(
        "--extractor",
        default=CORE,
        metavar="SPEC",
        help="'core' (default) or MODULE:FACTORY returning an extractor callable, e.g. "
        "conflict_events.stream.testing:make_fake_extractor",
    )
    parser.add_argument(
        "--no-create-topics", action="store_true", help="Do not create missing topics at start."
    )


def load_settings() -> Settings:
    """Read ``Settings`` from the environment, turning validation errors into one clear line."""
    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "settings"
        raise CommandError(f"invalid setting {where}: {first['msg']}") from None


def run(args: argparse.Namespace) -> int:
    """Start the worker and block until SIGTERM / SIGINT; exit code 0 after a clean stop."""
    settings = load_settings()
    if settings.processing_guarantee != "at_least_once":
        raise CommandError(
            "PROCESSING_GUARANTEE=exactly_once is not implemented by this worker (its outputs are not sent "
            "inside the consumer's transaction); use at_least_once and de-duplicate on event_id"
        )
    logger = configure_logging(settings.log_level)
    log(logger, logging.INFO, "worker_starting", settings=settings.redacted())
    if not args.no_create_topics:
        create_topics(settings, logger)
    try:
        loaded = load_extractor(args.extractor)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    metrics = WorkerMetrics(REGISTRY, spacy_model=loaded.model)
    metrics.init_event_types(routing_pairs())
    incident_metrics = IncidentMetrics(REGISTRY) if settings.incidents_enabled else None
    server = serve_metrics(settings, logger)

    # heavy (Faust): imported only when the worker runs
    from conflict_events.stream.incident_stage import IncidentStage
    from conflict_events.stream.worker import StreamWorker

    asyncio.set_event_loop(asyncio.new_event_loop())
    worker = StreamWorker(settings, extractor=loaded.extract, metrics=metrics, logger=logger)
    if incident_metrics is not None:  # the second stage, fed by the events this worker publishes
        IncidentStage(worker.app, settings, metrics=incident_metrics, logger=logger)
    code, reason = run_faust(worker.app, settings, close=worker.close, server=server)
    if worker.poisoned:  # an extraction thread may still be stuck: do not wait for it at exit
        log(logger, logging.ERROR, "worker_restart_needed", reason="extraction_timeout", exit_code=3)
        sys.stdout.flush()
        os._exit(3)
    if reason is not None:  # Faust exits 0 after a crash; supervisors must see a failure
        log(logger, logging.ERROR, "worker_crashed", error=repr(reason))
        return 1
    log(logger, logging.INFO, "worker_stopped", exit_code=code)
    return code


def create_topics(settings: Settings, logger: logging.Logger, names: Sequence[str] | None = None) -> None:
    """Create the missing topics (``names``, default all of ``topic_names``), or fail with one clear line."""
    try:
        created = asyncio.run(ensure_topics(settings, names=names))
    except Exception as exc:
        raise CommandError(f"cannot reach Kafka at {settings.bootstrap_servers}: {exc!r}") from exc
    log(logger, logging.INFO, "topics_ready", created=created)


def serve_metrics(settings: Settings, logger: logging.Logger) -> WSGIServer | None:
    """Serve ``REGISTRY`` on ``METRICS_ADDR:METRICS_PORT``; the server to stop (none when the port is 0)."""
    if not settings.metrics_port:
        return None
    try:
        server, _thread = start_http_server(settings.metrics_port, addr=settings.metrics_addr)
    except OSError as exc:
        raise CommandError(
            f"cannot serve metrics on {settings.metrics_addr}:{settings.metrics_port}: {exc}"
        ) from exc
    log(logger, logging.INFO, "metrics_serving", port=settings.metrics_port, addr=settings.metrics_addr)
    return server


def run_faust(
    app: faust.App, settings: Settings, *, close: Callable[[], None], server: WSGIServer | None
) -> tuple[int, BaseException | None]:
    """Run ``app`` in a Faust worker until SIGTERM / SIGINT, then ``close()`` and stop the metrics server.

    Returns:
        Faust's exit code and why it crashed (``None`` after a clean stop: Faust exits 0 even then).
    """
    import faust  # heavy: imported only when a command runs it

    faust_worker = faust.Worker(
        app,
        loglevel=settings.log_level,
        logging_config=framework_logging_config(settings.log_level),
        quiet=True,
        redirect_stdouts=False,
    )
    code = 0
    try:
        faust_worker.execute_from_commandline()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    finally:
        close()
        if server is not None:
            server.shutdown()
    return code, faust_worker.crash_reason or app.crash_reason
