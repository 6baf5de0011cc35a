"""Flatten one ``ConflictEvent`` into a row keyed by ACLED's column names plus our extra columns.

Analysts load our events next to ACLED exports, so the CSV keeps ACLED's column names and order
(2023+ layout, after the ``disorder_type``/``civilian_targeting``/``tags`` change) and appends the
fields ACLED does not have.  Columns we cannot fill from one article stay in place and empty, so a
spreadsheet built for ACLED still lines up; see docs/outputs.md for the list.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pycountry

from conflict_events.contracts import Actor, ConflictEvent, QuantityKind

Value = str | int | float | None
"""A cell: typed so GeoJSON keeps numbers as numbers; the CSV writer renders None as ''."""

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
"""ACLED's export columns in ACLED's order (acleddata.com 2023 column guide; acledR codebook)."""

EMPTY_ACLED_COLUMNS: frozenset[str] = frozenset(
    {"region", "admin2", "admin3", "source", "source_scale", "tags", "timestamp"}
)
"""ACLED columns we never fill: ACLED's own regions, admin2/3, the publisher list, scale, tags and
ACLED's upload time are not in an event read from one article."""

EXTRA_COLUMNS: tuple[str, ...] = (
    "plover_event_type",
    "plover_mode",
    "cameo_root",
    "category",
    "mode",
    "confidence",
    "trigger",
    "evidence",
    "attribution",
    "injured",
    "displaced",
    "arrested",
    "kidnapped",
    "affected",
    "article_id",
)
"""Our columns after ACLED's: taxonomy codes, epistemic mode, score, the words the event came from,
and the non-ACLED counts."""

COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS

_DISORDER_BY_EVENT_TYPE = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_DISORDER_BY_SUB_EVENT_TYPE = {
    "Excessive force against protesters": "Political violence; Demonstrations",
    "Mob violence": "Political violence",
}
"""ACLED's disorder type follows from event and sub-event type (2023 column guide)."""

_ACLED_COUNTRY_NAMES = {
    "COD": "Democratic Republic of Congo",
    "COG": "Republic of Congo",
    "CIV": "Ivory Coast",
    "PSE": "Palestine",
    "TUR": "Turkey",
    "CZE": "Czech Republic",
    "SWZ": "eSwatini",
    "CPV": "Cape Verde",
    "FSM": "Micronesia",
    "BES": "Caribbean Netherlands",
    "VAT": "Vatican City",
    "XKX": "Kosovo",
    "VGB": "British Virgin Islands",
    "VIR": "Virgin Islands, U.S.",
    "FLK": "Falkland Islands",
}
"""Where ACLED's country spelling differs from ISO 3166's short or common name."""

_EXTRA_KINDS: tuple[QuantityKind, ...] = ("injured", "displaced", "arrested", "kidnapped", "affected")


@lru_cache(maxsize=512)
def country_name_and_iso(alpha3: str | None) -> tuple[str | None, int | None]:
    """Return ACLED-style (country name, numeric ISO 3166 code) for an alpha-3 code.

    ACLED writes short common names ("Syria", not "Syrian Arab Republic") and the numeric code
    without leading zeros.  Unknown codes (e.g. ``IGO``) keep the code as the name and no number.
    """
    if not alpha3:
        return None, None
    code = alpha3.upper()
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return _ACLED_COUNTRY_NAMES.get(code, alpha3), None
    name = _ACLED_COUNTRY_NAMES.get(code) or getattr(country, "common_name", None) or country.name
    return str(name), int(country.numeric)


def _names(actors: Iterable[Actor]) -> list[str]:
    return [actor.name for actor in actors]


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED joins the two inter codes lower digit first; a lone actor gives code * 10."""
    if inter1 is None and inter2 is None:
        return None
    if inter1 is None or inter2 is None:
        return int(f"{inter1 or inter2}0")
    low, high = sorted((inter1, inter2))
    return int(f"{low}{high}")


def _count(event: ConflictEvent, kind: QuantityKind) -> int | None:
    """Sum the conservative ``best`` values of one kind; None when the article gave no count.

    The core binds one quantity per distinct group of people (e.g. soldiers and civilians), so the
    sum is the event total.
    """
    values = [quantity.best for quantity in event.quantities if quantity.kind == kind]
    return sum(values) if values else None


def event_to_record(event: ConflictEvent) -> dict[str, Value]:
    """Flatten an event into ``{column: value}`` for every name in ``COLUMNS``, in order.

    Args:
        event: a validated ``ConflictEvent``.

    Returns:
        A new dict; None marks a column with nothing to say.
    """
    sources = [a for a in event.actors if a.role == "source"]
    targets = [a for a in event.actors if a.role == "target"]
    source_names, target_names = _names(sources), _names(targets)
    inter1 = sources[0].inter_code if sources else None
    inter2 = targets[0].inter_code if targets else None
    location = event.location
    country, iso = country_name_and_iso(location.country if location else None)
    civilian = any(actor.actor_type == "Civilians" for actor in targets)
    disorder = None
    if event.acled_event_type is not None:
        disorder = _DISORDER_BY_SUB_EVENT_TYPE.get(
            event.acled_sub_event_type or "", _DISORDER_BY_EVENT_TYPE[event.acled_event_type]
        )
    attribution = event.attribution
    record: dict[str, Value] = {column: None for column in COLUMNS}
    record.update(
        event_id_cnty=event.event_id,
        event_date=event.date.start.isoformat(),
        year=event.date.start.year,
        time_precision=event.date.time_precision,
        disorder_type=disorder,
        event_type=event.acled_event_type,
        sub_event_type=event.acled_sub_event_type,
        actor1=source_names[0] if source_names else None,
        assoc_actor_1="; ".join(source_names[1:]) or None,
        inter1=inter1,
        actor2=target_names[0] if target_names else None,
        assoc_actor_2="; ".join(target_names[1:]) or None,
        inter2=inter2,
        interaction=_interaction(inter1, inter2),
        civilian_targeting="Civilian targeting" if civilian else None,
        iso=iso,
        country=country,
        admin1=location.admin1 if location else None,
        location=location.name if location else None,
        latitude=location.latitude if location else None,
        longitude=location.longitude if location else None,
        geo_precision=location.geo_precision if location else None,
        notes=event.summary,
        fatalities=_count(event, "killed") or 0,
        plover_event_type=event.event_type,
        plover_mode=event.plover_mode,
        cameo_root=event.cameo_root,
        category=event.category,
        mode=event.mode,
        confidence=event.confidence,
        trigger=event.evidence.trigger.text,
        evidence=event.evidence.sentence.text,
        attribution=f"{attribution.source} ({attribution.cue})" if attribution else None,
        article_id=event.article_id,
    )
    for kind in _EXTRA_KINDS:
        record[kind] = _count(event, kind)
    return record
