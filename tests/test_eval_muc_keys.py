"""Tests of the MUC-4 answer-key notation reader."""

from __future__ import annotations

from datetime import date

from conflict_events.evaluation import muc_keys as k


class TestFillers:
    def test_alternatives(self) -> None:
        """Alternatives split at top level only, keeping slashes inside quotes."""
        assert k.split_alternatives('"A / B" / "C"') == ['"A / B"', '"C"']

    def test_parenthesised_alternatives(self) -> None:
        """Outer parentheses around each alternative are dropped."""
        assert k.split_alternatives("(X: Y (CITY)) / (X)") == ["X: Y (CITY)", "X"]

    def test_optional(self) -> None:
        """A leading question mark marks an optional filler."""
        assert k.strip_optional('? "GUNMEN"') == (True, '"GUNMEN"')

    def test_empty(self) -> None:
        """Dash and star are empty fillers."""
        assert [k.is_empty(x) for x in ("-", "*", " ", "ATTACK")] == [True, True, True, False]

    def test_quoted_strings(self) -> None:
        """Quoted strings come back unescaped."""
        assert k.quoted_strings(r'"\"EL SOL\" FARM" / "FARM"') == ['"EL SOL" FARM', "FARM"]


class TestDates:
    def test_single_day(self) -> None:
        """A plain date is that day."""
        assert k.parse_dates("16 NOV 89") == [k.DateKey(date(1989, 11, 16), date(1989, 11, 16))]

    def test_on_or_before(self) -> None:
        """A leading dash means on or before."""
        assert k.parse_dates("- 23 AUG 88") == [k.DateKey(None, date(1988, 8, 23))]

    def test_range_and_alternatives(self) -> None:
        """Ranges and alternatives are both read."""
        assert k.parse_dates("(29 MAR 89 - 30 MAR 89) / 30 MAR 89") == [
            k.DateKey(date(1989, 3, 29), date(1989, 3, 30)),
            k.DateKey(date(1989, 3, 30), date(1989, 3, 30)),
        ]

    def test_match_within_a_day(self) -> None:
        """A prediction one day off matches; two days off does not."""
        keys = k.parse_dates("10 FEB 90")
        assert [k.date_matches(keys, d, d) for d in (date(1990, 2, 11), date(1990, 2, 12))] == [True, False]

    def test_on_or_before_match(self) -> None:
        """An on-or-before key accepts any earlier date but not a later one."""
        keys = k.parse_dates("- 03 MAR 90")
        assert [k.date_matches(keys, d, d) for d in (date(1989, 1, 1), date(1990, 3, 6))] == [True, False]


class TestLocationsAndCounts:
    def test_location_path(self) -> None:
        """Country first, then the places with their types dropped."""
        assert k.parse_locations("PERU: LIMA (CITY): SAN ISIDRO (NEIGHBORHOOD)") == [
            k.LocationKey(("PERU",), ("LIMA", "SAN ISIDRO"))
        ]

    def test_country_alternatives(self) -> None:
        """Alternative countries give one key each."""
        assert k.parse_locations("? COLOMBIA / VENEZUELA") == [
            k.LocationKey(("COLOMBIA",), ()),
            k.LocationKey(("VENEZUELA",), ()),
        ]

    def test_counts(self) -> None:
        """Exact, at least, at most, range and plural numbers."""
        got = [k.parse_count(s) for s in ("7", "7-", "- 7", "3 - 5", "PLURAL", "SOME")]
        assert got == [
            k.CountKey(7, 7),
            k.CountKey(7, None),
            k.CountKey(0, 7),
            k.CountKey(3, 5),
            k.CountKey(2, None),
            None,
        ]

    def test_deaths_summed_over_targets(self) -> None:
        """Deaths add the numbers of every target whose effect is DEATH."""
        numbers = ['2: "GUARDS"', '3: "PASSERSBY" / "PEOPLE"', '1: "DRIVER"']
        effects = ['DEATH: "GUARDS"', 'DEATH: "PEOPLE"', 'INJURY: "DRIVER"']
        assert k.victims_with_effect(numbers, effects, "DEATH") == k.CountKey(5, 5)

    def test_no_deaths(self) -> None:
        """No target with the effect gives zero."""
        assert k.victims_with_effect(['1: "JUDGE"'], ["-"], "DEATH") == k.CountKey(0, 0)

    def test_uncountable(self) -> None:
        """A death target with no readable number gives None."""
        assert k.victims_with_effect(['SEVERAL: "MEN"'], ['DEATH: "MEN"'], "DEATH") is None
