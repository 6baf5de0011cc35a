"""Dates read around the event's sentence: a dateline dates the report, a paragraph dates its sentences.

Hand-made articles; the pipeline runs with the rules alone (no learned model).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from conflict_events.contracts import Article, ConflictEvent
from conflict_events.core.pipeline import extract
from conflict_events.resources import Resources

PUBLISHED = datetime(2024, 5, 3, 9, 0, tzinfo=UTC)  # a Friday


@pytest.fixture
def resources(rules: Resources) -> Resources:
    """This module reads the rules alone (no learned decision model)."""
    return rules


def events(resources: Resources, text: str) -> list[ConflictEvent]:
    """Every event of ``text`` published on Friday 3 May 2024."""
    article = Article(id="p", text=text, language="en", published_at=PUBLISHED)
    return list(extract(article, resources, ingested_at=PUBLISHED).events)


def day_of(found: list[ConflictEvent], trigger: str) -> tuple[date, bool]:
    """(start day, fallback) of the event whose trigger or merged sentences hold ``trigger``."""
    for e in found:
        if e.evidence.trigger.text == trigger:
            assert e.date is not None
            return e.date.start, e.date.fallback
    raise AssertionError([e.evidence.trigger.text for e in found])


def test_undated_sentence_takes_the_day_stated_earlier_in_its_paragraph(resources: Resources) -> None:
    """An arrest told after a dated sentence of the same paragraph happened that day, not on Friday."""
    text = (
        "Bandits raided the market town of Olt on Tuesday and looted shops.\n\n"
        "The regional police chief visited Olt on Wednesday. Officers arrested four suspects near the river."
    )
    assert day_of(events(resources, text), "arrested") == (date(2024, 5, 1), False)


def test_no_paragraph_date_keeps_the_fallback(resources: Resources) -> None:
    """A paragraph whose earlier sentences state no day gives nothing: the anchor fallback stays."""
    text = (
        "Bandits raided the market town of Olt on Tuesday and looted shops.\n\n"
        "Officers arrested four suspects near the river."
    )
    assert day_of(events(resources, text), "arrested") == (date(2024, 5, 3), True)


def test_a_year_is_no_context(resources: Resources) -> None:
    """'since 2019' says nothing about the next sentence's day."""
    text = (
        "Bandits raided the market town of Olt on Tuesday and looted shops.\n\n"
        "Banditry has grown in the region since 2019. Officers arrested four suspects near the river."
    )
    assert day_of(events(resources, text), "arrested") == (date(2024, 5, 3), True)


def test_dateline_date_is_the_report_day(resources: Resources) -> None:
    """'OLT, May 3 (AFP) - ... on Wednesday': the raid happened on Wednesday."""
    text = "OLT, Kemia, May 3 (AFP) - Bandits raided the market town of Olt on Wednesday and looted shops."
    assert day_of(events(resources, text), "raided") == (date(2024, 5, 1), False)
