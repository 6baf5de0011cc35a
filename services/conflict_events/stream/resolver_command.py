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

from prometheus_client import REGISTRY

from conflict_events.cli import CommandError
from conflict_events.stream.incident_metrics import IncidentMetrics
from conflict_events.stream.logs import configure_logging, log
from conflict_events.stream.topics import incident_topic_names
from conflict_events.stream.worker_command import create_topics, load_settings, run_faust, serve_metrics


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
        create_topics(settings, logger, names=[settings.topic_events, *incident_topic_names(settings)])
    metrics = IncidentMetrics(REGISTRY)
    server = serve_metrics(settings, logger)

    # heavy (Faust): imported only when the resolver runs
    from conflict_events.stream.faust_app import make_app
    from conflict_events.stream.incident_stage import IncidentStage

    asyncio.set_event_loop(asyncio.new_event_loop())
    app = make_app(settings)
    IncidentStage(app, settings, metrics=metrics, logger=logger)
    code, reason = run_faust(
        app,
        settings,
        close=lambda: shutil.rmtree(str(app.conf.datadir), ignore_errors=True),
        server=server,
    )
    if reason is not None:
        log(logger, logging.ERROR, "resolver_crashed", error=repr(reason))
        return 1
    log(logger, logging.INFO, "resolver_stopped", exit_code=code)
    return code
