"""Tests of ``conflict-events extract --incidents``: offline resolution across the articles given."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conflict_events.cli import CommandError, main
from conflict_events.contracts import Article, Incident
from conflict_events.extract_command import incidents_to, publication_order
from conflict_events.stream.testing import FakeResult
from test_incidents_match import GOMA, SAKE, make_event

PLACES = {"Goma": GOMA, "Sake": SAKE}


def placed_extract(articles: Sequence[Article], ingested_at: datetime) -> list[FakeResult]:
    """One attack per article, in the town its text names, on the day it was published."""
    results = []
    for article in articles:
        town = next(name for name in PLACES if name in article.text)
        day = (article.published_at or ingested_at).date()
        event = make_event(f"{article.id}-e", article=article.id, place=PLACES[town], day=day)
        results.append(FakeResult("processed", None, "en", (event,)))
    return results


def make_placed_extractor() -> object:
    """Factory for ``--extractor test_incidents_extract:make_placed_extractor``."""
    return placed_extract


ARTICLES = [
    Article(
        id="late", text="Attack in Goma, toll revised.", published_at=datetime(2024, 3, 6, 8, tzinfo=UTC)
    ),
    Article(id="first", text="Attack in Goma.", published_at=datetime(2024, 3, 5, 9, tzinfo=UTC)),
    Article(id="sake", text="Attack in Sake.", published_at=datetime(2024, 3, 5, 10, tzinfo=UTC)),
]


def resolve(fmt: str) -> tuple[str, tuple[int, int, int, int]]:
    out, err = io.StringIO(), io.StringIO()
    counts = incidents_to(ARTICLES, placed_extract, fmt, out, err, progress=False)
    return out.getvalue(), counts


class TestIncidentsTo:
    def test_jsonl_one_record_per_incident_in_publication_order(self) -> None:
        """Two Goma reports a day apart are one incident (its first report is the earliest published);
        Sake, 23 km away, is another."""
        text, counts = resolve("jsonl")
        incidents = [Incident.model_validate_json(line) for line in text.splitlines()]
        assert counts == (3, 3, 2, 0)
        assert [i.article_ids for i in incidents] == [["first", "late"], ["sake"]]
        assert (incidents[0].version, incidents[0].source_count, incidents[0].status) == (2, 2, "open")

    def test_table(self) -> None:
        """The table has a header, a rule and one row per incident."""
        text, _counts = resolve("table")
        lines = text.splitlines()
        assert lines[0].split()[:3] == ["DATES", "ACT", "PLACE"]
        assert len(lines) == 4
        assert lines[2].startswith("2024-03-05..2024-03-06 Attack") and "Goma (COD)" in lines[2]

    def test_other_formats_are_refused(self) -> None:
        """CSV and GeoJSON are event formats: --incidents says which it writes."""
        with pytest.raises(CommandError, match="--incidents writes jsonl or table"):
            resolve("csv")

    def test_publication_order_puts_undated_last(self) -> None:
        """By publication time (a naive time counts as UTC), file order on ties, undated last."""
        articles = [
            Article(id="undated", text="t"),
            Article(id="naive", text="t", published_at=datetime(2024, 3, 5, 12)),
            Article(id="aware", text="t", published_at=datetime(2024, 3, 5, 11, tzinfo=UTC)),
        ]
        assert [articles[i].id for i in publication_order(articles)] == ["aware", "naive", "undated"]


def test_cli_extract_incidents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``extract FILE --incidents`` writes incident records and counts them on stderr."""
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(a.model_dump_json() + "\n" for a in ARTICLES), encoding="utf-8")
    code = main(
        ["extract", str(source), "--incidents", "--extractor", "test_incidents_extract:make_placed_extractor"]
    )
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert (code, [r["source_count"] for r in records]) == (0, [2, 1])
    assert "3 article(s), 3 event(s), 2 incident(s), 0 skipped" in captured.err
