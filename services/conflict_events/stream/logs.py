"""One JSON object per line on stdout: fixed keys, UTC timestamps, never an article body.

stdlib ``logging`` with a small formatter: ``timestamp``, ``level``, ``event``, ``logger`` plus the
fields passed through ``extra={"fields": {...}}`` (article_id, outcome, events, duration_seconds …).
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

LOGGER_NAME = "conflict_events.worker"


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON line; extra fields come from ``record.fields``."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "timestamp": datetime.fromtimestamp(record.created, UTC).isoformat().replace("+00:00", "Z"),
            "level": record.levelname.lower(),
            "event": record.getMessage(),
            "logger": record.name,
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            payload.update(fields)
        if record.exc_info and record.exc_info[0] is not None:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False, default=str)


def configure_logging(level: str = "INFO") -> logging.Logger:
    """Send the worker's logger to stdout as JSON lines (idempotent); return it."""
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(level)
    logger.propagate = False
    if not any(getattr(h, "_conflict_events", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(JsonFormatter())
        handler._conflict_events = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    return logger


def log(logger: logging.Logger, level: int, event: str, **fields: Any) -> None:
    """Log ``event`` with structured ``fields``."""
    logger.log(level, event, extra={"fields": fields})


def framework_logging_config(level: str) -> dict[str, object]:
    """``logging.config.dictConfig`` for Faust / aiokafka: the same JSON lines on stdout as ours."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": f"{__name__}.JsonFormatter"}},
        "handlers": {
            "default": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}
        },
        "root": {"level": level, "handlers": ["default"]},
    }
