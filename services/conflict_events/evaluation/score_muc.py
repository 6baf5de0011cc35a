"""MUC-4: incident-document detection, then type, place, date and casualties of relevant documents.

A document is predicted relevant when at least one violent event (``maps.is_violent``) was extracted. For
documents relevant in gold and in prediction, the main violent event (the main event if violent, else the
most confident violent one) is compared with every template of the key and counts as right when it agrees
with any of them. Casualties compare the killed/injured counts of any violent event with each template's
HUM TGT NUMBER for targets whose EFFECT OF INCIDENT is DEATH / INJURY. Upper-case and mixed-case documents
are reported apart as well as together.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Any

import pycountry

from conflict_events.contracts import Article, ConflictEvent, QuantityKind

from . import muc_keys as keys
from .maps import is_violent, muc_type
from .metrics import PRF, ratio
from .records import GoldRecord, Outcome, Scored
from .report import Figure

_DATELINE = re.compile(r"^\s*[^,\n]{2,60},\s*(\d{1,2})\s+([A-Za-z]{3})\s+(\d{2})\b")


def dateline(text: str) -> datetime | None:
    """The report date of a MUC message from its ``CITY, DD MMM YY`` dateline."""
    m = _DATELINE.match(text)
    if not m:
        return None
    found = keys.parse_dates(f"{m.group(1)} {m.group(2).upper()} {m.group(3)}")
    return datetime.combine(found[0].latest, datetime.min.time(), UTC) if found else None


def to_article(record: GoldRecord) -> Article:
    """The message as an article, published on its dateline date."""
    return Article(id=record.id, text=record.text, published_at=dateline(record.text), language="en")


@cache
def country_code(name: str) -> str | None:
    """ISO-3 code of a MUC country name (``EL SALVADOR`` -> ``SLV``), None when unknown."""
    try:
        return str(pycountry.countries.lookup(name.strip().lstrip("?").strip()).alpha_3)
    except LookupError:
        return None


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).upper().split())


def main_violent(outcome: Outcome) -> ConflictEvent | None:
    """The event a document's incident is judged by."""
    if outcome.main is not None and is_violent(outcome.main):
        return outcome.main
    violent = [e for e in outcome.events if is_violent(e)]
    return max(violent, key=lambda e: e.confidence) if violent else None


def _templates(record: GoldRecord) -> list[dict[str, list[str]]]:
    return [t.get("slots", {}) for t in record.gold.get("templates", [])]


def _slot(template: dict[str, list[str]], name: str) -> list[str]:
    return [line for line in template.get(name, []) if not keys.is_empty(line)]


class _Tally:
    """Hits and trials per figure, for one case group (all / upper / mixed)."""

    def __init__(self) -> None:
        self.detect = PRF()
        self.docs = 0
        self.missed: list[str] = []
        self.false_alarms: list[str] = []
        self.types: dict[str, dict[str, int]] = {}
        self.hits: dict[str, list[int]] = {}

    def add(self, name: str, ok: bool) -> None:
        cell = self.hits.setdefault(name, [0, 0])
        cell[0] += ok
        cell[1] += 1


def _judge(record: GoldRecord, outcome: Outcome, tally: _Tally) -> None:
    tally.docs += 1
    gold_rel = bool(record.gold.get("relevant"))
    event = main_violent(outcome)
    tally.detect = tally.detect + PRF(
        int(gold_rel and event is not None),
        int(not gold_rel and event is not None),
        int(gold_rel and event is None),
    )
    if gold_rel and event is None:
        tally.missed.append(record.id)
    if not gold_rel and event is not None:
        tally.false_alarms.append(record.id)
    if not gold_rel or event is None:
        return
    temps = _templates(record)
    types = {
        alt.upper()
        for t in temps
        for line in _slot(t, "INCIDENT: TYPE")
        for alt in keys.split_alternatives(keys.strip_optional(line)[1])
    }
    if types:
        our_type = muc_type(event) or "-"
        tally.add("type_agreement", our_type in types)
        row = tally.types.setdefault(" / ".join(sorted(types)), {})
        row[our_type] = row.get(our_type, 0) + 1
    locs = [
        loc for t in temps for line in _slot(t, "INCIDENT: LOCATION") for loc in keys.parse_locations(line)
    ]
    gold_countries = {c for loc in locs for name in loc.countries if (c := country_code(name))}
    if gold_countries:
        ours = event.location.country if event.location else None
        tally.add("country_match", ours in gold_countries)
    places = {_plain(p) for loc in locs for p in loc.places}
    if places:
        name = _plain(event.location.name) if event.location else ""
        tally.add(
            "city_match", bool(name) and any(name == p or name in p.split() or p in name for p in places)
        )
    dates = [d for t in temps for line in _slot(t, "INCIDENT: DATE") for d in keys.parse_dates(line)]
    if dates:
        tally.add("date_within_1_day", keys.date_matches(dates, event.date.start, event.date.end))
    counted: tuple[tuple[str, QuantityKind], ...] = (("DEATH", "killed"), ("INJURY", "injured"))
    for effect, kind in counted:
        _judge_count(temps, outcome, effect, kind, tally)


def _judge_count(
    temps: list[dict[str, list[str]]], outcome: Outcome, effect: str, kind: QuantityKind, tally: _Tally
) -> None:
    wanted = [
        c
        for t in temps
        if (
            c := keys.victims_with_effect(
                t.get("HUM TGT: NUMBER", []), t.get("HUM TGT: EFFECT OF INCIDENT", []), effect
            )
        )
        and c.low > 0
    ]
    if not wanted:
        return
    found = [q for e in outcome.events if is_violent(e) for q in e.quantities if q.kind == kind]
    label = "deaths" if effect == "DEATH" else "injuries"
    tally.add(f"{label}_exact", any(c.low == c.high == q.best for c in wanted for q in found))
    tally.add(
        f"{label}_within_range",
        any(
            q.min <= (c.high if c.high is not None else q.min) and (q.max is None or c.low <= q.max)
            for c in wanted
            for q in found
        ),
    )


def _figures(tally: _Tally, suffix: str) -> list[Figure]:
    d = tally.detect
    out = [
        Figure(f"incident_precision{suffix}", d.precision, d.tp + d.fp),
        Figure(f"incident_recall{suffix}", d.recall, d.tp + d.fn),
        Figure(f"incident_f1{suffix}", d.f1, d.tp + d.fp + d.fn),
    ]
    order = (
        "type_agreement",
        "country_match",
        "city_match",
        "date_within_1_day",
        "deaths_exact",
        "deaths_within_range",
        "injuries_exact",
        "injuries_within_range",
    )
    for name in order:
        ok, n = tally.hits.get(name, [0, 0])
        out.append(Figure(f"{name}{suffix}", ratio(ok, n) if n else None, n))
    return out


def score(records: Sequence[GoldRecord], outcomes: Sequence[Outcome]) -> Scored:
    """Figures for all documents, then ``_upper`` and ``_mixed`` documents apart."""
    groups = {"": _Tally(), "_upper": _Tally(), "_mixed": _Tally()}
    for rec, out in zip(records, outcomes, strict=True):
        case = "_mixed" if rec.meta.get("text_case") == "mixed" else "_upper"
        for tally in (groups[""], groups[case]):
            _judge(rec, out, tally)
    figures = _figures(groups[""], "")
    for suffix in ("_upper", "_mixed"):
        if groups[suffix].docs:
            figures.extend(f for f in _figures(groups[suffix], suffix) if f.name.startswith("incident_"))
    details: dict[str, Any] = {
        "documents": len(records),
        "gold_relevant": sum(bool(r.gold.get("relevant")) for r in records),
        "missed": groups[""].missed,
        "false_alarms": groups[""].false_alarms,
        "type_confusion": groups[""].types,
    }
    return figures, details
