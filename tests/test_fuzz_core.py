"""Property tests of the extraction core: no raise, valid output, exact spans, determinism, time."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflict_events.contracts import Article, Span
from conflict_events.core.pipeline import ExtractionResult, extract, extract_many
from conflict_events.extractor import Extractor
from conflict_events.fuzz_command import (
    INGESTED_AT,
    FuzzReport,
    article_texts,
    articles,
    check_article,
    fuzz_chunk,
    span_problems,
)
from conflict_events.resources import Resources, load_resources

SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "conflict-event.v1.schema.json"
PROPERTY_SETTINGS = settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="session")
def resources() -> Iterator[Resources]:
    """spaCy, gazetteer and lexicons, loaded once for every test that needs them (~1-20 s)."""
    yield load_resources()


@pytest.fixture(scope="session")
def core(resources: Resources) -> Extractor:
    """The core as the shell calls it (``conflict_events.extractor.Extractor``), on the shared resources."""

    def run(batch: Sequence[Article], ingested_at: datetime) -> list[ExtractionResult]:
        return extract_many(list(batch), resources, ingested_at=ingested_at)

    return run


@pytest.fixture(scope="module")
def event_validator() -> jsonschema.protocols.Validator:
    """A validator for the published ConflictEvent JSON Schema."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    return validator_class(schema)


class TestProperties:
    @PROPERTY_SETTINGS
    @given(article=articles())
    def test_every_property_holds(self, article: Article, core: Extractor) -> None:
        """Any article: no exception, round-trippable events, exact spans, same result twice, time budget."""
        assert check_article(article, core) == []

    @PROPERTY_SETTINGS
    @given(text=article_texts())
    def test_events_validate_against_json_schema(
        self, text: str, resources: Resources, event_validator: jsonschema.protocols.Validator
    ) -> None:
        """Every event, dumped as JSON, validates against schemas/conflict-event.v1.schema.json."""
        result = extract(Article(id="p1", text=text), resources, ingested_at=INGESTED_AT)
        errors = [
            error.message
            for event in result.events
            for error in event_validator.iter_errors(event.model_dump(mode="json"))
        ]
        assert errors == []

    @settings(max_examples=20, deadline=None, database=None)
    @given(
        prefix=st.text(max_size=30),
        body=st.sampled_from(
            (
                "Rebels shelled Aleppo on Monday, killing 4 people, officials said.",
                "Police arrested 12 protesters in Lagos.",
            )
        ),
    )
    def test_spans_shift_with_prefix(self, prefix: str, body: str, resources: Resources) -> None:
        """Whatever comes before the news sentence, every span still quotes the text exactly."""
        text = f"{prefix}\n\n{body}"
        result = extract(Article(id="p2", text=text), resources, ingested_at=INGESTED_AT)
        problems = [problem for event in result.events for problem in span_problems(event, text)]
        assert problems == []


class TestSpanChecker:
    def test_detects_wrong_span(self) -> None:
        """The span checker reports a span whose text does not match (so the property can fail)."""
        bad = Span(start=0, end=5, text="Kabul")
        text = "Lagos police said"
        assert _span_problems_of(bad, text) == ["event: text 'Kabul' != text[0:5]"]

    def test_detects_out_of_range(self) -> None:
        """A span past the end of the text is reported."""
        assert _span_problems_of(Span(start=3, end=50, text="x"), "short") == [
            "event: [3, 50) outside text of 5 characters"
        ]


def _span_problems_of(span: Span, text: str) -> list[str]:
    # span_problems walks models; a bare Span at the root is reported under the path "event".
    return span_problems(span, text)  # type: ignore[arg-type]


class TestBoundedTime:
    @pytest.mark.parametrize(
        "text",
        [
            "!?.,;:" * 16_667,
            "1234567890 " * 9_091,
            "ABCDEFGHIJ " * 9_091,
            "ATTACK. KILLED 5. " * 5_556,
            "((((((((((" * 10_000,
            "a, " * 33_334,
        ],
        ids=["punctuation", "digits", "capitals", "capital-sentences", "brackets", "commas"],
    )
    def test_100k_characters_within_budget(self, text: str, resources: Resources) -> None:
        """100k characters of repeated punctuation, digits or capitals extract in under 30 s CPU."""
        started = time.process_time()
        extract(Article(id="big", text=text), resources, ingested_at=INGESTED_AT)
        assert time.process_time() - started < 30.0

    def test_deterministic_event_ids(self, resources: Resources) -> None:
        """The same article extracted twice gives identical event ids, in the same order."""
        article = Article(id="det", text="Gunmen attacked a market in Kano on Monday, killing 7 people.")
        first = extract(article, resources, ingested_at=INGESTED_AT)
        second = extract(article, resources, ingested_at=INGESTED_AT)
        ids = [event.event_id for event in first.events]
        assert ids == [event.event_id for event in second.events]
        assert len(ids) >= 1


class TestFuzzCommand:
    def test_chunk_counts_cases(self, core: Extractor) -> None:
        """A fuzz chunk runs exactly the requested number of generated cases and finds no failure."""
        report = FuzzReport()
        fuzz_chunk(core, report, cases=5, chunk_seed=11, max_size=60)
        assert (report.cases, report.failures, report.examples) == (5, 0, [])

    def test_raising_extractor_is_reported(self) -> None:
        """An exception escaping extract is reported as a problem, not raised."""

        def boom(*_args: object, **_kwargs: object) -> list[ExtractionResult]:
            raise RuntimeError("boom")

        assert check_article(Article(id="b", text="Troops fired."), boom) == [
            "extract raised RuntimeError: boom"
        ]
