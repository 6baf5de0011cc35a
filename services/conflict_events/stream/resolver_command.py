"""``conflict-events resolver``: incident resolution alone, for deployments that scale it apart
from extraction.

It consumes ``TOPIC_EVENTS`` in its own consumer group (``RESOLVER_CONSUMER_GROUP``, default
``<CONSUMER_GROUP>-resolver``) and runs the same two agents the worker runs by default; give the workers
``INCIDENTS_ENABLED=false`` so that only the resolvers publish incidents.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import shutil

from prometheus_client import REGISTRY, start_http_server

from conflict_events.cli import CommandError
from conflict_events.stream.incident_metrics import IncidentMetrics
from conflict_events.stream.logs import configure_logging, framework_logging_config, log
from conflict_events.stream.topics import ensure_topics, incident_topic_names
from conflict_events.stream.worker_command import load_settings


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of ``resolver`` (everything else comes from the environment: see ``Settings``)."""
    parser.add_argument(
        "--no-create-topics", action="store_true", help="Do not create missing topics at start."
    )


def run(args: argparse.Namespace) -> int:
    """Start the resolver and block until SIGTERM / SIGINT; exit code 0 after a clean stop."""
    settings = load_settings()
    if settings.processing_guarantee != "at_least_once":
        raise CommandError("PROCESSING_GUARANTEE=exactly_once is not implemented; use at_least_once")
    settings = settings.model_copy(update={"consumer_group": settings.resolver_group})
    logger = configure_logging(settings.log_level)
    log(logger, logging.INFO, "resolver_starting", settings=settings.redacted())
    if not args.no_create_topics:
        names = [settings.topic_events, *incident_topic_names(settings)]
        try:
            created = asyncio.run(ensure_topics(settings, names=names))
        except Exception as exc:
            raise CommandError(f"cannot reach Kafka at {settings.bootstrap_servers}: {exc!r}") from exc
        log(logger, logging.INFO, "topics_ready", created=created)
    metrics = IncidentMetrics(REGISTRY)
    server = None
    if settings.metrics_port:
        try:
            server, _thread = start_http_server(settings.metrics_port, addr=settings.metrics_addr)
        except OSError as exc:
            raise CommandError(
                f"cannot serve metrics on {settings.metrics_addr}:{settings.metrics_port}: {exc}"
            ) from exc
        log(logger, logging.INFO, "metrics_serving", port=settings.metrics_port, addr=settings.metrics_addr)

    import faust  # heavy: imported only when the resolver runs

    from conflict_events.stream.faust_app import make_app
    from conflict_events.stream.incident_stage import IncidentStage

    asyncio.set_event_loop(asyncio.new_event_loop())
    app = make_app(settings)
    IncidentStage(app, settings, metrics=metrics, logger=logger)
    code = 0
    faust_worker = faust.Worker(
        app,
        loglevel=settings.log_level,
        logging_config=framework_logging_config(settings.log_level),
        quiet=True,
        redirect_stdouts=False,
    )
    try:
        faust_worker.execute_from_commandline()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    finally:
        shutil.rmtree(str(app.conf.datadir), ignore_errors=True)
        if server is not None:
            server.shutdown()
    reason = faust_worker.crash_reason or app.crash_reason
    if reason is not None:
        log(logger, logging.ERROR, "resolver_crashed", error=repr(reason))
        return 1
    log(logger, logging.INFO, "resolver_stopped", exit_code=code)
    return code
