"""Tests for conflict_events.core.dates.resolve: rule-based date resolution against the anchor."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflict_events.contracts import EventDate
from conflict_events.core.dates.dateline import dateline_prefix_end
from conflict_events.core.dates.resolve import make_date_parser, parse_dateline, resolve_date

ANCHOR = datetime(2017, 8, 4, 10, 0, tzinfo=UTC)  # a Friday


@pytest.fixture(scope="module")
def parser() -> Any:
    """One reusable DateDataParser, as the pipeline holds it."""
    return make_date_parser()


def _resolve(
    sentence: str,
    parser: Any,
    *,
    prefix: str = "",
    spans: tuple[tuple[int, int], ...] = (),
    anchor: datetime = ANCHOR,
    kind: str = "published_at",
) -> EventDate:
    text = prefix + sentence
    return resolve_date(
        text, (len(prefix), len(text)), spans, anchor=anchor, anchor_kind=kind, parser=parser  # type: ignore[arg-type]
    )


Summary = tuple[str | None, str, str, str, int]


def _summary(d: EventDate) -> Summary:
    return d.text, d.start.isoformat(), d.end.isoformat(), d.granularity, d.time_precision


class TestRequiredCases:
    """The cases the issue names."""

    def test_clock_time_with_gmt_and_weekday(self, parser: Any) -> None:
        """'1200 (0900 GMT) on Thursday' with a Friday anchor is the day before, 12:00 local, 09:00 UTC."""
        d = _resolve("Jets struck the market at 1200 (0900 GMT) on Thursday.", parser)
        assert (_summary(d), d.clock_time, d.utc_time, d.fallback) == (
            ("Thursday", "2017-08-03", "2017-08-03", "day", 1), "12:00", "09:00", False,
        )

    def test_last_month_is_july_with_month_precision(self, parser: Any) -> None:
        """'last month' is the whole previous calendar month, precision 3."""
        d = _resolve("Clashes broke out last month in the north.", parser)
        assert _summary(d) == ("last month", "2017-07-01", "2017-07-31", "month", 3)

    def test_in_may_is_this_years_may(self, parser: Any) -> None:
        """'In May' is the latest May not after the anchor."""
        d = _resolve("In May, militia fighters seized the crossing.", parser)
        assert _summary(d) == ("May", "2017-05-01", "2017-05-31", "month", 3)

    @pytest.mark.parametrize(
        ("sentence", "expected"),
        [
            (
                "The group also claimed the February car bombing in the port.",
                ("February", "2017-02-01", "2017-02-28", "month", 3),
            ),
            (
                "POLICE LINKED THE MARCH AMBUSH TO THE SAME CELL.",
                ("MARCH", "2017-03-01", "2017-03-31", "month", 3),
            ),
        ],
    )
    def test_month_before_an_act_noun_dates_it(self, parser: Any, sentence: str, expected: Summary) -> None:
        """'the February car bombing': a month used as a modifier of the act dates the act (the latest such
        month not after the anchor), so a past incident recalled by its month is not read as today's."""
        assert _summary(_resolve(sentence, parser)) == expected

    def test_since_late_last_year_is_a_range(self, parser: Any) -> None:
        """'since late last year' runs from September of the previous year to the anchor day."""
        d = _resolve("Raids have grown more frequent since late last year.", parser)
        assert _summary(d) == ("since late last year", "2016-09-01", "2017-08-04", "range", 3)


class TestRelative:
    """Relative expressions resolved against the anchor."""

    @pytest.mark.parametrize(
        ("sentence", "expected"),
        [
            ("Yesterday a convoy hit a mine.", ("Yesterday", "2017-08-03", "2017-08-03", "day", 1)),
            ("A blast rocked the port last night.", ("last night", "2017-08-03", "2017-08-03", "day", 1)),
            ("The curfew begins tonight.", ("tonight", "2017-08-04", "2017-08-04", "day", 1)),
            ("Police said today that two died.", ("today", "2017-08-04", "2017-08-04", "day", 1)),
            ("Two days ago a mortar fell.", ("Two days ago", "2017-08-02", "2017-08-02", "day", 1)),
            ("Troops withdrew last week.", ("last week", "2017-07-24", "2017-07-30", "week", 2)),
            ("Strikes spread this week.", ("this week", "2017-07-31", "2017-08-04", "week", 2)),
            ("Youths clashed over the weekend.", ("over the weekend", "2017-07-29", "2017-07-30", "week", 2)),
            ("Earlier this month it burned.", ("Earlier this month", "2017-08-01", "2017-08-04", "month", 3)),
            ("Talks collapsed early this year.", ("early this year", "2017-01-01", "2017-04-30", "range", 3)),
            ("A siege began in July.", ("July", "2017-07-01", "2017-07-31", "month", 3)),
            ("The town fell last year.", ("last year", "2016-01-01", "2016-12-31", "year", 3)),
            ("Fighting resumed mid-May.", ("mid-May", "2017-05-11", "2017-05-20", "range", 3)),
            ("At the end of last year.", ("the end of last year", "2016-09-01", "2016-12-31", "range", 3)),
            ("AT THE BEGINNING OF MAY.", ("THE BEGINNING OF MAY", "2017-05-01", "2017-05-10", "range", 3)),
            ("It eased in recent days.", ("in recent days", "2017-07-28", "2017-08-04", "range", 3)),
            ("It emptied three months ago.", ("three months ago", "2017-05-01", "2017-05-31", "month", 3)),
        ],
    )
    def test_relative_phrase(self, parser: Any, sentence: str, expected: Summary) -> None:
        """Each relative phrase resolves to the documented range and precision."""
        assert _summary(_resolve(sentence, parser)) == expected

    def test_weekday_on_anchor_day_counts(self, parser: Any) -> None:
        """'on Friday' in a Friday article is the anchor day itself (AP style)."""
        assert _resolve("Gunmen attacked a bus on Friday.", parser).start == date(2017, 8, 4)

    def test_last_weekday_is_strictly_before(self, parser: Any) -> None:
        """'last Friday' in a Friday article is a week earlier."""
        assert _resolve("Gunmen attacked a bus last Friday.", parser).start == date(2017, 7, 28)

    def test_upper_case_weekday(self, parser: Any) -> None:
        """ALL-CAPS wire text resolves the same way."""
        assert _summary(_resolve("ON THURSDAY TROOPS ENTERED THE VILLAGE.", parser)) == (
            "THURSDAY", "2017-08-03", "2017-08-03", "day", 1,
        )


class TestAbsolute:
    """Explicit dates, with and without a year."""

    @pytest.mark.parametrize(
        ("sentence", "expected"),
        [
            ("The ambush happened on 30 December.", ("30 December", "2016-12-30", "2016-12-30", "day", 1)),
            ("ON 30 DEC 89 REBELS BLEW UP A PYLON.", ("30 DEC 89", "1989-12-30", "1989-12-30", "day", 1)),
            ("3 JAN 90 TROOPS ENTERED THE TOWN.", ("3 JAN 90", "1990-01-03", "1990-01-03", "day", 1)),
            ("The raid on 2017-07-30 left a crater.", ("2017-07-30", "2017-07-30", "2017-07-30", "day", 1)),
            ("Unrest began in September 2015.", ("September 2015", "2015-09-01", "2015-09-30", "month", 3)),
            ("A bomb went off on March 2, 2016.", ("March 2, 2016", "2016-03-02", "2016-03-02", "day", 1)),
            ("The war widened in 2015.", ("2015", "2015-01-01", "2015-12-31", "year", 3)),
        ],
    )
    def test_absolute_phrase(self, parser: Any, sentence: str, expected: Summary) -> None:
        """Explicit dates resolve to that day, month or year."""
        assert _summary(_resolve(sentence, parser)) == expected

    def test_since_month_year_is_range_to_anchor(self, parser: Any) -> None:
        """'since September 2015' is a range up to the anchor day."""
        d = _resolve("The blockade has held since September 2015.", parser)
        assert _summary(d) == ("since September 2015", "2015-09-01", "2017-08-04", "range", 3)

    def test_statement_date_yields_to_event_date(self, parser: Any) -> None:
        """'said Wednesday that … on Tuesday': the event day is Tuesday."""
        d = _resolve("The mayor said Wednesday that gunmen raided two farms on Tuesday.", parser)
        assert _summary(d) == ("Tuesday", "2017-08-01", "2017-08-01", "day", 1)

    def test_statement_date_alone_is_used(self, parser: Any) -> None:
        """With no other date, the statement date is used, less confidently."""
        d = _resolve("Police said on Thursday that two men were held.", parser)
        assert (_summary(d), d.confidence) == (("Thursday", "2017-08-03", "2017-08-03", "day", 1), 0.6)

    def test_most_specific_date_wins(self, parser: Any) -> None:
        """A day beats a range in the same sentence."""
        d = _resolve("Since 2015 the group has struck often; on Tuesday it hit a school.", parser)
        assert _summary(d) == ("Tuesday", "2017-08-01", "2017-08-01", "day", 1)


class TestNotDates:
    """Words that look like dates but are not."""

    @pytest.mark.parametrize(
        "sentence",
        [
            "We condemn the bombing of the hospital.",
            "The siege has lasted six months.",
            "They may be moved to another camp.",
            "Nothing in this sentence names a time.",
            "Gunmen shot 5 mayors and 3 Marchers.",
            "The office at 4 Augustine Street burned.",
        ],
    )
    def test_fallback(self, parser: Any, sentence: str) -> None:
        """No date words: the anchor day, week granularity, precision 2, flagged as fallback."""
        d = _resolve(sentence, parser)
        expected = (None, "2017-08-04", "2017-08-04", "week", 2)
        assert (_summary(d), d.span, d.fallback) == (expected, None, True)

    def test_clock_time_span_from_spacy_is_not_a_year(self, parser: Any) -> None:
        """A spaCy DATE span on the clock time '1200' is ignored, the clock time is kept."""
        s = "Shells fell at 1200 (0900 GMT) near the bridge."
        d = _resolve(s, parser, spans=((15, 19),))
        assert (d.fallback, d.clock_time, d.utc_time) == (True, "12:00", "09:00")

    def test_gmt_only(self, parser: Any) -> None:
        """'1800 GMT' is a UTC time; no local time is invented."""
        d = _resolve("Shelling began at 1800 GMT.", parser)
        assert (d.clock_time, d.utc_time) == (None, "18:00")

    def test_local_time(self, parser: Any) -> None:
        """'at 10:30 local time' is a local clock time."""
        d = _resolve("At 10:30 local time the convoy was hit.", parser)
        assert (d.clock_time, d.utc_time) == ("10:30", None)

    def test_future_year_rejected(self, parser: Any) -> None:
        """A year after anchor + 1 is not an event date."""
        assert _resolve("The plan runs until 2030.", parser).fallback is True


class TestOffsetsAndAnchor:
    """Spans are article-relative; the anchor kind is carried."""

    def test_span_offsets_are_article_relative(self, parser: Any) -> None:
        """The span indexes into the full article text."""
        prefix = "Headline here.\n\n"
        sentence = "Rebels shelled the town on Thursday."
        d = _resolve(sentence, parser, prefix=prefix)
        assert d.span is not None
        got = (d.span.start, d.span.end, (prefix + sentence)[d.span.start : d.span.end])
        assert got == (43, 51, "Thursday")

    def test_ingested_anchor_lowers_confidence(self, parser: Any) -> None:
        """Relative words resolved against ingestion time are less certain."""
        d = _resolve("Yesterday a convoy hit a mine.", parser, kind="ingested_at")
        assert (d.anchor, d.confidence) == ("ingested_at", 0.51)

    def test_spacy_span_parsed_by_dateparser(self, parser: Any) -> None:
        """A month-naming spaCy span no rule covers goes to dateparser with the anchor year."""
        s = "The talks of March the 3rd failed."
        d = _resolve(s, parser, spans=((13, 26),))
        assert _summary(d) == ("March the 3rd", "2017-03-03", "2017-03-03", "day", 1)


class TestContext:
    """An earlier sentence's date carries over to sentences that only point at it."""

    def _context(self, parser: Any) -> tuple[str, EventDate]:
        lead = "Gunmen raided the village on Tuesday."
        return lead, _resolve(lead, parser)

    def test_next_day(self, parser: Any) -> None:
        """'the next day' is the context day + 1."""
        lead, ctx = self._context(parser)
        text = lead + " Troops arrived the next day."
        d = resolve_date(
            text, (len(lead) + 1, len(text)), (), anchor=ANCHOR, anchor_kind="published_at", parser=parser,
            context=ctx,
        )
        assert (_summary(d), d.confidence) == (("the next day", "2017-08-02", "2017-08-02", "day", 1), 0.64)

    def test_no_date_words_inherit_context(self, parser: Any) -> None:
        """A sentence with no date words takes the context date and span, less confidently."""
        lead, ctx = self._context(parser)
        text = lead + " They burned ten houses."
        d = resolve_date(
            text, (len(lead) + 1, len(text)), (), anchor=ANCHOR, anchor_kind="published_at", parser=parser,
            context=ctx,
        )
        assert d.span is not None
        assert (_summary(d), d.fallback, d.span.start, d.confidence) == (
            ("Tuesday", "2017-08-01", "2017-08-01", "day", 1), False, 29, 0.56,
        )

    def test_own_date_beats_context(self, parser: Any) -> None:
        """A sentence's own date words win over the context."""
        lead, ctx = self._context(parser)
        text = lead + " More clashes followed on Thursday."
        d = resolve_date(
            text, (len(lead) + 1, len(text)), (), anchor=ANCHOR, anchor_kind="published_at", parser=parser,
            context=ctx,
        )
        assert d.start == date(2017, 8, 3)


class TestDateline:
    """Wire datelines."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("   SAN SALVADOR, 3 JAN 90 (ACAN-EFE) -- [TEXT] ARMY SAID", datetime(1990, 1, 3, tzinfo=UTC)),
            ("LIMA, 12 Apr 89 (EFE) -- Police said", datetime(1989, 4, 12, tzinfo=UTC)),
            ("KABUL, March 3, 2017 (AP) - Officials said", datetime(2017, 3, 3, tzinfo=UTC)),
            ("BOGOTA (Reuters) - Rebels said", None),
            ("   QUITO (ECUADOR), 21 NOV 89 (AFP) -- [TEXT] X", datetime(1989, 11, 21, tzinfo=UTC)),
            ("   QUITO, NO DATE (RADIO X) -- [TEXT] X", None),
            ("Rebels said on Monday that the truce held.", None),
        ],
    )
    def test_dateline(self, text: str, expected: datetime | None) -> None:
        """Dated datelines give midnight UTC of that day; undated ones None."""
        assert parse_dateline(text) == expected

    def test_two_digit_year_with_reference(self) -> None:
        """With a reference year, '05' stays in that century unless it would be in the future."""
        got = parse_dateline("LIMA, 12 Apr 05 (EFE) --", reference_year=1990)
        assert got == datetime(1905, 4, 12, tzinfo=UTC)


class TestSpeed:
    """The resolver is on the hot path."""

    def test_long_sentence_is_fast(self, parser: Any) -> None:
        """A 100k-character sentence resolves in well under a second (no backtracking blow-up)."""
        s = ("12 34 may be on the 1200 we weekend " * 3000)[:100_000]
        t0 = time.perf_counter()
        _resolve(s, parser)
        assert time.perf_counter() - t0 < 0.5


_SOUP = (
    "the end of beginning start middle early late mid last this next since in on at ago a few several two 12 "
    "1200 0900 GMT ( ) , . - 30 DEC 89 May may be Thursday weekend week month year days hours past recent "
    "yesterday tonight overnight 2017-07-30 September 2015 of today 24 3 JAN 90 10:30 pm local time"
)
_WORDS = _SOUP.split()


class TestRobustness:
    """Any mix of date-like words resolves without an exception."""

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(_WORDS), max_size=14), st.integers(min_value=1950, max_value=2030))
    def test_never_raises(self, words: list[str], year: int) -> None:
        """Random date-word soup always yields a valid EventDate within the sanity bounds."""
        s = " ".join(words)
        d = resolve_date(
            s, (0, len(s)), (), anchor=datetime(year, 2, 28, tzinfo=UTC), anchor_kind="published_at",
            parser=_PARSER,
        )
        assert (d.start <= d.end, 1900 <= d.start.year <= year + 1) == (True, True)


_PARSER = make_date_parser()


class TestTimeZones:
    """Named zone abbreviations and GMT/UTC offsets give a UTC time; the local time is not invented."""

    @pytest.mark.parametrize(
        ("sentence", "expected"),
        [
            ("The convoy was hit at 10:30 EST on Thursday.", (None, "15:30")),
            ("Shelling began at 2130 IST.", (None, "16:00")),
            ("The raid started at 9 p.m. CET.", (None, "20:00")),
            ("Sirens sounded at 0400 GMT+3.", (None, "01:00")),
            ("The vote closed at 10:15 UTC-05:00.", (None, "15:15")),
            ("Rockets fell at 11 pm PDT.", (None, "06:00")),
            ("At 1400 local time (1100 EAT) the market burned.", ("14:00", "08:00")),
            ("They eat at 9 pm.", ("21:00", None)),
        ],
    )
    def test_zone_to_utc(self, parser: Any, sentence: str, expected: tuple[str | None, str | None]) -> None:
        """Zone offsets convert to UTC, wrapping at midnight; lower-case 'eat' is no zone."""
        d = _resolve(sentence, parser)
        assert (d.clock_time, d.utc_time) == expected


class TestDatelineDate:
    """A date in the dateline that opens a sentence is the report's date, not the event's."""

    @pytest.mark.parametrize(
        ("sentence", "expected"),
        [
            ("TARVO, Kemia, Aug 4 (AFP) - Rebels burned a depot outside Tarvo on Wednesday.", "2017-08-02"),
            ("Upper Vale, 4 August - Early on 1 August, militiamen looted two farms.", "2017-08-01"),
            ("OSSIN, AUG 4 (REUTER) - GUNMEN AMBUSHED A CONVOY ON TUESDAY.", "2017-08-01"),
            ("TARVO, Aug 3 (AFP) - Rebels burned a depot outside Tarvo.", "2017-08-03"),
        ],
    )
    def test_event_date_beats_dateline(self, parser: Any, sentence: str, expected: str) -> None:
        """The event's own date wins; without one, the dateline's date is still used."""
        assert _resolve(sentence, parser).start.isoformat() == expected

    @pytest.mark.parametrize(
        "sentence",
        [
            "The army, on Monday - it said - attacked the camp.",
            "Rebels struck on Aug 3 - Reuters could not verify it - near Tarvo.",
            "Kemia: Update No. 4 - Shelling in Tarvo (3 August 2017)",
        ],
    )
    def test_a_dash_inside_prose_is_no_dateline(self, sentence: str) -> None:
        """Lower-case words, no comma, or a dash followed by lower case: no dateline."""
        assert dateline_prefix_end(sentence) == 0
