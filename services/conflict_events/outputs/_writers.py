"""Streaming event writers: JSONL, CSV (ACLED columns), GeoJSON and a terminal table.

Every writer takes events one at a time (``tail`` prints as they arrive) and never closes the
stream it was given: the caller owns it (often ``sys.stdout``).  ``close()`` finishes the document
(the GeoJSON collection, the CSV header of an empty file) and flushes.
"""

from __future__ import annotations

import csv
import json
from typing import Protocol, TextIO

from conflict_events.contracts import ConflictEvent
from conflict_events.outputs._record import COLUMNS, Value, event_to_record


class EventWriter(Protocol):
    """What ``make_writer`` returns: feed events with ``write``, finish with ``close``."""

    def write(self, event: ConflictEvent) -> None:
        """Write one event to the stream."""

    def close(self) -> None:
        """Finish the document and flush; the stream itself stays open."""


class _BaseWriter:
    """Shared guard: a closed writer refuses more events instead of writing a broken document."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._closed = False

    def write(self, event: ConflictEvent) -> None:
        if self._closed:
            raise ValueError("write() after close(): the document is already finished")
        if not isinstance(event, ConflictEvent):
            raise TypeError(
                f"expected a ConflictEvent, got {type(event).__name__}; validate the record first"
            )
        self._write(event)
        self._stream.flush()  # tail shows each event as it arrives, even through a pipe

    def close(self) -> None:
        if not self._closed:
            self._finish()
            self._closed = True
        self._stream.flush()

    def _write(self, event: ConflictEvent) -> None:
        raise NotImplementedError

    def _finish(self) -> None:
        """Nothing to add at the end by default."""


class JsonlWriter(_BaseWriter):
    """One ``ConflictEvent`` JSON object per line, exactly the wire format of the events topic."""

    def _write(self, event: ConflictEvent) -> None:
        self._stream.write(event.model_dump_json() + "\n")


_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make spreadsheets evaluate a cell (OWASP "CSV injection")."""


def _csv_cell(value: Value) -> str:
    """Render one cell; text that a spreadsheet would run as a formula gets a leading apostrophe.

    Article text is untrusted: "=HYPERLINK(...)" in a quote must stay text when an analyst opens
    the file.  Numbers are never prefixed, so negative longitudes stay numbers.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_PREFIXES) else value
    return str(value)


class CsvWriter(_BaseWriter):
    """ACLED columns in ACLED's order, then ours; header written before the first row."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self._csv = csv.writer(stream, lineterminator="\r\n")
        self._header_written = False

    def _header(self) -> None:
        if not self._header_written:
            self._csv.writerow(COLUMNS)
            self._header_written = True

    def _write(self, event: ConflictEvent) -> None:
        self._header()
        record = event_to_record(event)
        self._csv.writerow([_csv_cell(record[column]) for column in COLUMNS])

    def _finish(self) -> None:
        self._header()


def event_to_feature(event: ConflictEvent) -> dict[str, object]:
    """One RFC 7946 Feature: a Point at [longitude, latitude], or ``geometry: null`` if unplaced.

    Properties are the flat record (the CSV columns with typed values), so GIS tools can style by
    any column; ``id`` is the event id.
    """
    record = event_to_record(event)
    latitude, longitude = record["latitude"], record["longitude"]
    geometry: dict[str, object] | None = None
    if latitude is not None and longitude is not None:
        geometry = {"type": "Point", "coordinates": [longitude, latitude]}
    return {"type": "Feature", "id": event.event_id, "geometry": geometry, "properties": record}


class GeoJsonWriter(_BaseWriter):
    """A FeatureCollection streamed one Feature per line; ``close()`` writes the closing brackets."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self._count = 0
        stream.write('{"type": "FeatureCollection", "features": [\n')

    def _write(self, event: ConflictEvent) -> None:
        separator = ",\n" if self._count else ""
        self._stream.write(separator + json.dumps(event_to_feature(event), ensure_ascii=False))
        self._count += 1

    def _finish(self) -> None:
        self._stream.write("\n]}\n" if self._count else "]}\n")


TABLE_COLUMNS: tuple[tuple[str, int], ...] = (
    ("date", 10),
    ("type", 8),
    ("acled", 26),
    ("actors", 34),
    ("location", 22),
    ("killed", 6),
    ("mode", 12),
    ("conf", 4),
    ("evidence", 48),
)
"""(header, width) of the terminal table; the last column is cut to its width too."""


def _fit(text: str, width: int) -> str:
    """Pad or cut ``text`` to ``width`` characters, marking a cut with an ellipsis."""
    text = " ".join(text.split())
    if len(text) > width:
        return text[: width - 1] + "…"
    return text.ljust(width)


class TableWriter(_BaseWriter):
    """A fixed-width table for terminals, header once, one line per event."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self._header_written = False

    def _line(self, cells: list[str]) -> str:
        return " ".join(_fit(cell, width) for cell, (_name, width) in zip(cells, TABLE_COLUMNS, strict=True))

    def _header(self) -> None:
        if not self._header_written:
            self._stream.write(self._line([name.upper() for name, _ in TABLE_COLUMNS]).rstrip() + "\n")
            self._stream.write(" ".join("-" * width for _, width in TABLE_COLUMNS) + "\n")
            self._header_written = True

    def _write(self, event: ConflictEvent) -> None:
        self._header()
        record = event_to_record(event)
        sources = [a.name for a in event.actors if a.role == "source"]
        targets = [a.name for a in event.actors if a.role == "target"]
        actors = ", ".join(sources) or "-"
        if targets:
            actors += " -> " + ", ".join(targets)
        place = event.location.name if event.location else "-"
        if event.location and event.location.country:
            place += f" ({event.location.country})"
        acled = record["sub_event_type"] or record["event_type"] or "-"
        cells = [
            event.date.start.isoformat(),
            event.event_type,
            str(acled),
            actors,
            place,
            str(record["fatalities"]),
            event.mode,
            f"{event.confidence:.2f}",
            event.evidence.sentence.text,
        ]
        self._stream.write(self._line(cells).rstrip() + "\n")

    def _finish(self) -> None:
        self._header()
