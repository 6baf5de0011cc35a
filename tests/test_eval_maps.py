"""Tests of the taxonomy maps (data/eval_*.csv) and how they read events."""

from __future__ import annotations

from typing import get_args

from conflict_events.contracts import PLOVER_TYPES, AcledSubEventType
from conflict_events.evaluation import fakes as f
from conflict_events.evaluation import maps


class TestCaseCodes:
    def test_thirty_codes(self) -> None:
        """All 30 CASE codes are mapped: 25 to ACLED sub-types, 5 to 'no ACLED event'."""
        codes = maps.case_codes()
        assert (len(codes), sum(v == maps.NO_ACLED for v in codes.values())) == (30, 5)

    def test_acled_spelling(self) -> None:
        """The 25 targets are exactly the ACLED sub-types of the wire contract."""
        acled = {v for v in maps.case_codes().values() if v != maps.NO_ACLED}
        assert acled == set(get_args(AcledSubEventType))

    def test_examples(self) -> None:
        """Known codes map to their codebook names (the task's misspelling kept)."""
        codes = maps.case_codes()
        assert [codes[c] for c in ("ARMED_CLASH", "PROPERTY_DISTRUCT", "DIPLO")] == [
            "Armed clash",
            "Looting/property destruction",
            "no ACLED event",
        ]


class TestPlover:
    def test_old_names(self) -> None:
        """v0.5b1 names read as 2.0; INVESTIGATE is kept apart."""
        t = maps.plover_types()
        assert [
            (t[n].plover, t[n].report_apart) for n in ("FIGHT", "DEMAND", "DISAPPROVE", "INVESTIGATE")
        ] == [("ASSAULT", False), ("REQUEST", False), ("ACCUSE", False), ("ACCUSE", True)]

    def test_targets_are_plover_2(self) -> None:
        """Every mapped type is a PLOVER 2.0 type of the wire contract."""
        assert {v.plover for v in maps.plover_types().values()} <= set(PLOVER_TYPES)

    def test_modes(self) -> None:
        """Renamed modes map; unlisted modes pass through in lower case; empty means none."""
        got = [
            maps.plover_mode(m)
            for m in ("strike-hun", "demo-spon", "riot-spon", "assassinate", "Curfew", "", None)
        ]
        assert got == ["hunger", "demo", "riot", "targeted", "curfew", None, None]


class TestCoarse:
    def test_gold_longest_prefix(self) -> None:
        """Gold types map by their longest listed prefix, case-insensitively."""
        got = [
            maps.gold_coarse("kairos", "Conflict.Attack.DetonateExplode"),
            maps.gold_coarse("aida", "life.die.nonviolentdeath"),
            maps.gold_coarse("aida", "life.die.deathcausedbyviolentevents"),
            maps.gold_coarse("aida", "transaction.transaction.transfercontrol"),
            maps.gold_coarse("kairos", "Contact.Contact.Meet"),
        ]
        assert got == ["attack", None, "die", "territory", None]

    def test_vocabulary(self) -> None:
        """Each ontology scores only the classes its map can produce."""
        assert maps.gold_vocabulary("kairos") == frozenset(
            {"attack", "die", "injure", "arrest", "demonstrate", "damage", "threaten"}
        )

    def test_our_event_classes(self) -> None:
        """An air strike that killed and injured people counts as attack, die and injure."""
        e = f.event(
            "ASSAULT", plover_mode="aerial", quantities=[f.quantity("killed", 3), f.quantity("injured", 2)]
        )
        assert maps.our_coarse(e) == frozenset({"attack", "die", "injure"})

    def test_negated_event_counts_for_nothing(self) -> None:
        """A negated event adds no class."""
        assert maps.our_coarse(f.event("ASSAULT", mode="negated")) == frozenset()

    def test_arrest_and_territory(self) -> None:
        """Arrests and transfers of territory are read from the ACLED sub-type."""
        arrest = f.event("COERCE", acled_sub_event_type="Arrests", acled_event_type="Strategic developments")
        retake = f.event(
            "ASSAULT", acled_sub_event_type="Government regains territory", acled_event_type="Battles"
        )
        assert (maps.our_coarse(arrest), maps.our_coarse(retake)) == (
            frozenset({"arrest"}),
            frozenset({"attack", "territory"}),
        )


class TestMucTypes:
    def test_types(self) -> None:
        """Explosives read as BOMBING, abduction KIDNAPPING, other assaults ATTACK; protests, battles none."""
        got = [
            maps.muc_type(f.event("ASSAULT", plover_mode="explosives")),
            maps.muc_type(f.event("ASSAULT", plover_mode="abduct")),
            maps.muc_type(f.event("ASSAULT", plover_mode="firearms")),
            maps.muc_type(f.event("PROTEST")),
            maps.muc_type(f.event("ASSAULT", acled_event_type="Battles", acled_sub_event_type="Armed clash")),
        ]
        assert got == ["BOMBING", "KIDNAPPING", "ATTACK", None, None]

    def test_violent(self) -> None:
        """Hypothetical assaults are not violent events; threatened ones are (MUC keeps threats)."""
        assert [maps.is_violent(f.event("ASSAULT", mode=m)) for m in ("hypothetical", "threatened")] == [
            False,
            True,
        ]
