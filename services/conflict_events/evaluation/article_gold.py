"""The gold records of the project's article set (``data/eval_articles.jsonl``) and how they are read.

One JSON line per article: ``{"article": {id, title, text, published_at, source}, "phenomena": [...],
"events": [...]}``; each event gives its type, mode, actors, place, date, counts and exact quotes of the
sentences that report it. The quotes are located by ``str.find``; one that is not in the text is counted,
not fatal, so a typo in the gold file shows in the report instead of stopping the run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflict_events.contracts import Article

from .records import GoldRecord, read_gold, sample_evenly

ARTICLES_FILE = Path(__file__).resolve().parent.parent / "data" / "eval_articles.jsonl"
"""The project's gold file; scored on every ``conflict-events eval`` run, whatever ``--gold`` says."""


def _article_record(raw: dict[str, Any]) -> GoldRecord:
    art = raw["article"]
    return GoldRecord(
        str(art["id"]),
        str(art["text"]),
        {"events": list(raw["events"]), "phenomena": list(raw.get("phenomena") or [])},
        {k: art.get(k) for k in ("title", "published_at", "source")},
    )


def read_articles(path: Path) -> list[GoldRecord]:
    """Every gold article of ``path`` as a record (gold: events and phenomena; meta: title, date, source)."""
    return read_gold(path, "an article gold record", _article_record)


def load(path: Path | None, limit: int | None) -> tuple[list[GoldRecord], list[str]]:
    """The article set (the project's file unless ``path`` is given), sampled to ``limit``; none if absent."""
    file = path or ARTICLES_FILE
    if not file.is_file():
        return [], []
    return sample_evenly(read_articles(file), limit), [file.name]


def to_article(record: GoldRecord) -> Article:
    """The gold article as the worker would receive it (title, source and publication time kept)."""
    return Article.model_validate({"id": record.id, "text": record.text, "language": "en", **record.meta})


@dataclass(frozen=True)
class GoldPlace:
    """Where a gold event happened: the place words, ISO-3 country and first-order division."""

    text: str
    country: str | None
    admin1: str | None


@dataclass(frozen=True)
class GoldEvent:
    """One gold event record, with its mention quotes located in the text (``str.find``)."""

    incident: str
    event_type: str
    acled_sub_event_type: str | None
    mode: str
    source: tuple[str, ...] | None
    """The actor's words and alternatives; None when the gold actor is unnamed or absent."""
    target: tuple[str, ...] | None
    place: GoldPlace | None
    date: str | None
    killed: int | None
    injured: int | None
    spans: tuple[tuple[int, int], ...]
    unlocated: int
    """Mention quotes not found in the text (a gold-file error, counted in the report)."""


def _gold_actor(raw: Any) -> tuple[str, ...] | None:
    if not raw:
        return None
    texts = tuple(str(t) for t in [raw.get("text"), *(raw.get("alternatives") or [])] if t)
    return texts or None


def gold_event(raw: dict[str, Any], text: str) -> GoldEvent:
    """A gold event of the article ``text``; a record missing a required key raises ``ValueError``."""
    quotes = [str(q) for q in raw.get("mentions") or []]
    found = [(text.find(q), len(q)) for q in quotes if q]
    place = raw.get("place")
    try:
        return GoldEvent(
            incident=str(raw["incident"]),
            event_type=str(raw["event_type"]),
            acled_sub_event_type=raw.get("acled_sub_event_type"),
            mode=str(raw["mode"]),
            source=_gold_actor(raw.get("source")),
            target=_gold_actor(raw.get("target")),
            place=GoldPlace(str(place["text"]), place.get("country"), place.get("admin1")) if place else None,
            date=raw.get("date"),
            killed=raw.get("killed"),
            injured=raw.get("injured"),
            spans=tuple((at, at + n) for at, n in found if at >= 0),
            unlocated=len(quotes) - sum(at >= 0 for at, _n in found),
        )
    except (KeyError, TypeError) as exc:
        raise ValueError(f"gold event {raw.get('incident', '?')}: bad or missing {exc}") from exc
