"""Analyst outputs: write ``ConflictEvent``s as JSONL, ACLED-style CSV, GeoJSON or a terminal table.

Example:
    >>> import io
    >>> out = io.StringIO()
    >>> writer = make_writer("geojson", out)
    >>> writer.close()
    >>> out.getvalue()
    '{"type": "FeatureCollection", "features": [\\n]}\\n'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from conflict_events.outputs._record import (
    ACLED_COLUMNS,
    COLUMNS,
    EMPTY_ACLED_COLUMNS,
    EXTRA_COLUMNS,
    event_to_record,
)
from conflict_events.outputs._writers import (
    CsvWriter,
    EventWriter,
    GeoJsonWriter,
    JsonlWriter,
    TableWriter,
    event_to_feature,
)

__all__ = [
    "ACLED_COLUMNS",
    "COLUMNS",
    "DEFAULT_FORMAT",
    "EMPTY_ACLED_COLUMNS",
    "EXTRA_COLUMNS",
    "FORMATS",
    "EventWriter",
    "event_to_feature",
    "event_to_record",
    "make_writer",
]

_FACTORIES: dict[str, Callable[[TextIO], EventWriter]] = {
    "jsonl": JsonlWriter,
    "csv": CsvWriter,
    "geojson": GeoJsonWriter,
    "table": TableWriter,
}

FORMATS: tuple[str, ...] = tuple(_FACTORIES)
"""Accepted ``fmt`` values, for argparse ``choices``."""

DEFAULT_FORMAT = "jsonl"


def make_writer(fmt: str, stream: TextIO) -> EventWriter:
    """Build a streaming writer for ``fmt`` on ``stream``.

    Args:
        fmt: one of ``FORMATS`` (case-insensitive).
        stream: an open text stream; the writer never closes it.  Open CSV files with
            ``newline=""`` so the csv module controls line ends.

    Returns:
        An ``EventWriter``: call ``write(event)`` per event, then ``close()`` once.

    Raises:
        ValueError: ``fmt`` is not a known format; the message lists the formats.
    """
    factory = _FACTORIES.get(fmt.lower())
    if factory is None:
        raise ValueError(f"unknown output format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    return factory(stream)
