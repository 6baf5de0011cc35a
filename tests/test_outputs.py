"""Tests for conflict_events.outputs: JSONL, ACLED-column CSV, GeoJSON and table writers."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from geojson_pydantic import Feature, FeatureCollection
from geojson_pydantic.geometries import Geometry

from conflict_events.contracts import (
    Actor,
    Attribution,
    ConflictEvent,
    EventDate,
    Evidence,
    Location,
    Quantity,
    Span,
)
from conflict_events.outputs import (
    ACLED_COLUMNS,
    COLUMNS,
    EMPTY_ACLED_COLUMNS,
    FORMATS,
    event_to_feature,
    event_to_record,
    make_writer,
)

TEXT = "Militants shelled a market in Goma on Tuesday, killing 4 civilians and wounding 11, police said."


def _span(words: str) -> Span:
    start = TEXT.index(words)
    return Span(start=start, end=start + len(words), text=words)


@pytest.fixture
def shelling() -> ConflictEvent:
    """A fully placed event with sources, targets, counts and attribution."""
    return ConflictEvent(
        event_id="ev-1",
        article_id="art-1",
        event_type="ASSAULT",
        plover_mode="explosion",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Shelling/artillery/missile attack",
        cameo_root="19",
        category="violence",
        mode="asserted",
        summary="Militants shelled civilians in Goma",
        actors=[
            Actor(
                role="source",
                text="Militants",
                span=_span("Militants"),
                name="Unidentified Armed Group",
                named=False,
                actor_type="Political Militias",
                inter_code=3,
            ),
            Actor(
                role="target",
                text="civilians",
                span=_span("civilians"),
                name="Civilians (DRC)",
                named=False,
                country="COD",
                actor_type="Civilians",
                inter_code=7,
            ),
        ],
        location=Location(
            name="Goma",
            span=_span("Goma"),
            country="COD",
            admin1="Nord-Kivu",
            latitude=-1.67409,
            longitude=29.22845,
            geonames_id=215605,
            geo_precision=1,
            reason="named town after 'in'",
        ),
        date=EventDate(
            text="Tuesday",
            span=_span("Tuesday"),
            start=date(2024, 3, 5),
            end=date(2024, 3, 5),
            granularity="day",
            time_precision=1,
            anchor="published_at",
            fallback=False,
        ),
        quantities=[
            Quantity(
                kind="killed",
                min=4,
                max=4,
                best=4,
                qualifier="exact",
                text="killing 4",
                span=_span("killing 4"),
                acled_field=True,
            ),
            Quantity(
                kind="injured",
                min=11,
                max=11,
                best=11,
                qualifier="exact",
                text="wounding 11",
                span=_span("wounding 11"),
                acled_field=False,
            ),
        ],
        attribution=Attribution(source="police", cue="said", span=_span("police said")),
        evidence=Evidence(sentence=_span(TEXT), trigger=_span("shelled"), paragraph_index=0, story_index=0),
        confidence=0.82,
        extractor_version="0.1.0",
    )


@pytest.fixture
def unplaced(shelling: ConflictEvent) -> ConflictEvent:
    """A protest with one actor, no location, no counts and a formula-like summary."""
    return shelling.model_copy(
        update={
            "event_id": "ev-2",
            "event_type": "PROTEST",
            "plover_mode": "demo",
            "acled_event_type": "Protests",
            "acled_sub_event_type": "Peaceful protest",
            "cameo_root": "14",
            "category": "protest",
            "summary": '=HYPERLINK("x") protest',
            "actors": [
                Actor(
                    role="source",
                    text="",
                    span=None,
                    name="Protesters (DRC)",
                    named=False,
                    actor_type="Protesters",
                    inter_code=6,
                )
            ],
            "location": None,
            "quantities": [],
            "attribution": None,
        }
    )


def _write_all(fmt: str, *events: ConflictEvent) -> str:
    out = io.StringIO()
    writer = make_writer(fmt, out)
    for event in events:
        writer.write(event)
    writer.close()
    return out.getvalue()


class TestRecord:
    def test_acled_columns_keep_acled_order(self) -> None:
        """The CSV starts with ACLED's 2023+ export columns in ACLED's order."""
        assert COLUMNS[:8] == (
            "event_id_cnty",
            "event_date",
            "year",
            "time_precision",
            "disorder_type",
            "event_type",
            "sub_event_type",
            "actor1",
        )
        assert ACLED_COLUMNS[-5:] == ("source_scale", "notes", "fatalities", "tags", "timestamp")

    def test_record_maps_actors_place_and_counts(self, shelling: ConflictEvent) -> None:
        """Source actor becomes actor1, target actor2, counts land in fatalities and injured."""
        record = event_to_record(shelling)
        assert {k: record[k] for k in ("actor1", "inter1", "actor2", "inter2", "interaction")} == {
            "actor1": "Unidentified Armed Group",
            "inter1": 3,
            "actor2": "Civilians (DRC)",
            "inter2": 7,
            "interaction": 37,
        }
        assert (record["country"], record["iso"], record["admin1"], record["location"]) == (
            "Democratic Republic of Congo",
            180,
            "Nord-Kivu",
            "Goma",
        )
        assert (record["fatalities"], record["injured"], record["displaced"]) == (4, 11, None)
        assert record["disorder_type"] == "Political violence"
        assert record["civilian_targeting"] == "Civilian targeting"
        assert record["attribution"] == "police (said)"
        assert record["event_date"] == "2024-03-05"

    def test_lone_actor_interaction_and_no_place(self, unplaced: ConflictEvent) -> None:
        """A single actor gives interaction code*10; no location leaves place columns empty."""
        record = event_to_record(unplaced)
        assert (record["interaction"], record["actor2"], record["latitude"], record["country"]) == (
            60,
            None,
            None,
            None,
        )
        assert record["fatalities"] == 0
        assert record["disorder_type"] == "Demonstrations"

    def test_unfilled_acled_columns_are_empty(self, shelling: ConflictEvent) -> None:
        """Columns documented as never filled stay None."""
        record = event_to_record(shelling)
        assert {record[column] for column in EMPTY_ACLED_COLUMNS} == {None}


class TestCsv:
    def test_header_and_row(self, shelling: ConflictEvent) -> None:
        """One header row then one row whose cells match the record."""
        rows = list(csv.DictReader(io.StringIO(_write_all("csv", shelling), newline="")))
        assert len(rows) == 1
        assert list(rows[0]) == list(COLUMNS)
        assert (rows[0]["longitude"], rows[0]["fatalities"], rows[0]["region"]) == ("29.22845", "4", "")
        assert rows[0]["evidence"] == TEXT

    def test_formula_text_is_neutralised(self, unplaced: ConflictEvent) -> None:
        """A cell starting with '=' gets an apostrophe so spreadsheets show it as text."""
        rows = list(csv.DictReader(io.StringIO(_write_all("csv", unplaced), newline="")))
        assert rows[0]["notes"] == '\'=HYPERLINK("x") protest'

    def test_empty_stream_still_has_header(self) -> None:
        """close() without events writes the header only."""
        assert _write_all("csv") == ",".join(COLUMNS) + "\r\n"


class TestJsonl:
    def test_one_event_per_line_round_trips(self, shelling: ConflictEvent, unplaced: ConflictEvent) -> None:
        """Each line parses back to the same event."""
        lines = _write_all("jsonl", shelling, unplaced).splitlines()
        assert [ConflictEvent.model_validate_json(line) for line in lines] == [shelling, unplaced]


class TestGeoJson:
    def test_collection_with_point_and_null_geometry(
        self, shelling: ConflictEvent, unplaced: ConflictEvent
    ) -> None:
        """Placed events are [lon, lat] Points; unplaced ones keep geometry null."""
        doc = json.loads(_write_all("geojson", shelling, unplaced))
        assert doc["type"] == "FeatureCollection"
        assert [f["geometry"] for f in doc["features"]] == [
            {"type": "Point", "coordinates": [29.22845, -1.67409]},
            None,
        ]
        assert [f["id"] for f in doc["features"]] == ["ev-1", "ev-2"]
        assert doc["features"][0]["properties"]["fatalities"] == 4

    def test_output_is_rfc7946(self, shelling: ConflictEvent, unplaced: ConflictEvent) -> None:
        """The streamed collection validates as RFC 7946 GeoJSON (geojson-pydantic models)."""
        collection: FeatureCollection[Feature[Geometry, dict[str, object]]] = (
            FeatureCollection.model_validate_json(_write_all("geojson", shelling, unplaced))
        )
        assert [feature.geometry.type if feature.geometry else None for feature in collection.features] == [
            "Point",
            None,
        ]

    def test_empty_collection_is_valid_json(self) -> None:
        """No events still yields a parseable empty FeatureCollection."""
        assert json.loads(_write_all("geojson")) == {"type": "FeatureCollection", "features": []}

    def test_feature_properties_are_the_record(self, shelling: ConflictEvent) -> None:
        """Feature properties carry every column."""
        assert list(event_to_feature(shelling)["properties"]) == list(COLUMNS)  # type: ignore[call-overload]


class TestTable:
    def test_header_rule_and_row(self, shelling: ConflictEvent) -> None:
        """The table has a header, a rule line and one fixed-width row per event."""
        lines = _write_all("table", shelling).splitlines()
        assert len(lines) == 3
        assert lines[0].split()[:3] == ["DATE", "TYPE", "ACLED"]
        assert lines[2].startswith("2024-03-05 ASSAULT  Shelling/artillery/missil… ")
        assert "Unidentified Armed Group -> Civil… Goma (COD) " in lines[2]


class TestMakeWriter:
    def test_formats_listed(self) -> None:
        """The four formats are offered, jsonl first."""
        assert FORMATS == ("jsonl", "csv", "geojson", "table")

    def test_unknown_format_names_the_choices(self) -> None:
        """An unknown format raises ValueError listing the formats."""
        expected = "unknown output format 'xml'; choose one of: jsonl, csv, geojson, table"
        with pytest.raises(ValueError, match=expected):
            make_writer("xml", io.StringIO())

    def test_write_after_close_refused(self, shelling: ConflictEvent) -> None:
        """Writing after close raises instead of corrupting the document."""
        writer = make_writer("geojson", io.StringIO())
        writer.close()
        with pytest.raises(ValueError, match="after close"):
            writer.write(shelling)

    def test_non_event_refused_before_writing(self) -> None:
        """A raw dict is refused with a TypeError and nothing reaches the stream."""
        out = io.StringIO()
        writer = make_writer("csv", out)
        with pytest.raises(TypeError, match="expected a ConflictEvent, got dict"):
            writer.write({"event_id": "x"})  # type: ignore[arg-type]
        assert out.getvalue() == ""


class TestDocs:
    def test_outputs_doc_matches_the_columns(self) -> None:
        """docs/outputs.md shows the real CSV header and names every column in its mapping table."""
        doc = (Path(__file__).resolve().parents[1] / "docs" / "outputs.md").read_text(encoding="utf-8")
        csv_block = doc.split("### csv", 1)[1].split("```text\n", 1)[1]
        assert csv_block.splitlines()[0] == ",".join(COLUMNS)
        table = doc.split("## CSV columns", 1)[1].split("## GeoJSON", 1)[0]
        assert [column for column in COLUMNS if f"`{column}`" not in table] == []
