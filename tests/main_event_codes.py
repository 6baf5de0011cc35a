"""Test helper shared by the trigger and frame tests: the codes of a one-sentence article's main event."""

from __future__ import annotations

from datetime import UTC, datetime

from conflict_events.contracts import Article
from conflict_events.core.pipeline import extract, main_event
from conflict_events.resources import Resources

PUBLISHED = datetime(2024, 3, 8, 10, 0, tzinfo=UTC)


def main_codes(resources: Resources, text: str) -> tuple[str, str | None]:
    """(PLOVER type, mode word) of the article's main event ("NONE" when it has none)."""
    article = Article(id="t1", text=text, published_at=PUBLISHED)
    event = main_event(extract(article, resources, ingested_at=PUBLISHED))
    return (event.event_type, event.plover_mode) if event is not None else ("NONE", None)
