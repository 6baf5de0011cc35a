"""The taxonomy maps between gold ontologies and ours, read from ``data/eval_*.csv``.

The maps are data (with their sources in comment headers), not code, so a reviewer can check every
correspondence; this module only parses them and applies them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from conflict_events.contracts import ConflictEvent

NO_ACLED = "no ACLED event"
"""The class a CASE code outside ACLED (or an article with no ACLED event) falls into."""

QUIET_MODES = frozenset({"negated", "hypothetical"})
"""Event modes that say the event did not happen; such events count for no class."""


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of ``data/<name>`` as dicts, skipping ``#`` comment lines; raises if the file is missing."""
    text = resources.files("conflict_events").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    rows = list(csv.DictReader(lines))
    if not rows:
        raise ValueError(f"data/{name} has no rows")
    return [{k: (v or "").strip() for k, v in row.items()} for row in rows]


@cache
def case_codes() -> dict[str, str]:
    """CASE-2021 code -> ACLED sub-event type, or ``NO_ACLED`` for the 5 non-ACLED codes."""
    return {r["case_code"]: r["acled_sub_event_type"] or NO_ACLED for r in read_table("eval_case_codes.csv")}


@dataclass(frozen=True)
class PloverType:
    """A v0.5b1 event name read as PLOVER 2.0."""

    plover: str
    report_apart: bool


@cache
def plover_types() -> dict[str, PloverType]:
    """Old PLOVER event name -> 2.0 type and whether it is scored apart."""
    return {
        r["old_event"]: PloverType(r["plover_2_0"], r["report_apart"] == "yes")
        for r in read_table("eval_plover_types.csv")
    }


@cache
def _plover_modes() -> dict[str, str]:
    return {r["old_mode"]: r["mode_2_0"] for r in read_table("eval_plover_modes.csv")}


def plover_mode(old: str | None) -> str | None:
    """The 2.0 mode word for a gold mode string, or None when the gold has no mode."""
    if not old or not old.strip():
        return None
    key = old.strip().lower()
    return _plover_modes().get(key, key)


def event_field_values(event: ConflictEvent, field: str) -> set[str]:
    """The values one rule field takes on an event (a set, since an event has several quantities)."""
    if field == "event_type":
        return {event.event_type}
    if field == "plover_mode":
        return {event.plover_mode} if event.plover_mode else set()
    if field == "acled_sub_event_type":
        return {event.acled_sub_event_type} if event.acled_sub_event_type else set()
    if field == "quantity":
        return {q.kind for q in event.quantities}
    raise ValueError(f"unknown rule field {field!r}")


@cache
def _muc_rules() -> tuple[tuple[str, str, str], ...]:
    return tuple((r["field"], r["value"], r["muc_type"]) for r in read_table("eval_muc_types.csv"))


def muc_type(event: ConflictEvent) -> str | None:
    """The MUC-4 incident type our event reads as (first matching rule), or None if not a MUC incident."""
    for field, value, muc in _muc_rules():
        if value in event_field_values(event, field):
            return None if muc == "-" else muc
    return None


@cache
def _gold_coarse() -> tuple[tuple[str, str, str], ...]:
    rows = [
        (r["ontology"], r["type_prefix"].lower(), r["coarse_class"])
        for r in read_table("eval_coarse_types.csv")
    ]
    return tuple(sorted(rows, key=lambda r: -len(r[1])))


def gold_coarse(ontology: str, event_type: str) -> str | None:
    """Coarse class of a KAIROS/AIDA event type by longest prefix, or None when not a conflict class."""
    low = event_type.lower()
    for onto, prefix, coarse in _gold_coarse():
        if onto == ontology and (low == prefix or low.startswith(prefix + ".")):
            return coarse
    return None


def gold_vocabulary(ontology: str) -> frozenset[str]:
    """The coarse classes an ontology can express; only these are scored for its set."""
    return frozenset(coarse for onto, _prefix, coarse in _gold_coarse() if onto == ontology)


@cache
def _our_coarse() -> tuple[tuple[str, str, str], ...]:
    return tuple((r["field"], r["value"], r["coarse_class"]) for r in read_table("eval_our_coarse.csv"))


def our_coarse(event: ConflictEvent) -> frozenset[str]:
    """Coarse classes our event counts for; none when its mode says it did not happen."""
    if event.mode in QUIET_MODES:
        return frozenset()
    return frozenset(c for field, value, c in _our_coarse() if value in event_field_values(event, field))


def is_violent(event: ConflictEvent) -> bool:
    """True for an event that happened (or was attempted/threatened) and reads as a MUC incident."""
    return event.mode not in QUIET_MODES and muc_type(event) is not None
