"""Tests of the seed-article checks (expectations of the extraction-engine issue)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conflict_events.evaluation import fakes as f
from conflict_events.evaluation.records import Outcome
from conflict_events.evaluation.score_seed import load_seed, score
from conflict_events.evaluation.seed_expectations import EXPECTATIONS, SEED_ID

SEEDS = Path(__file__).parent.parent / "seeds"


def run(events: list) -> dict[str, float | None]:  # type: ignore[type-arg]
    """Score one outcome holding ``events``."""
    figures, _details = score([], [Outcome(events=tuple(events))])
    return {x.name: x.value for x in figures}


def test_ten_expectations() -> None:
    """The issue lists ten expected events, numbered 1 to 10."""
    assert [e.number for e in EXPECTATIONS] == list(range(1, 11))


def test_seed_loads_from_envelope() -> None:
    """The seed article is read from its envelope and text file."""
    record = load_seed(SEEDS)
    assert record is not None and (record.id, record.meta["published_at"]) == (
        SEED_ID,
        "2017-08-04T00:00:00Z",
    )


def test_accuse_expectation_passes() -> None:
    """An ACCUSE event on 'broken' attributed to war monitors satisfies expectation 9 and only it."""
    e = f.event(
        "ACCUSE",
        sentence="The regime has broken truces, monitors say.",
        attribution=f.attribution("war monitors"),
    )
    v = run([e])
    assert (v["event_09"], v["expected_events_passed"], v["event_03"]) == (1.0, 1.0, 0.0)


def test_multi_clause_expectation_needs_all_clauses() -> None:
    """Expectation 10 needs both a historical killed and a historical displaced count."""
    killed = f.event("ASSAULT", mode="historical", quantities=[f.quantity("killed", 200000, 900000)])
    displaced = f.event(
        "ASSAULT",
        mode="historical",
        sentence="Millions fled.",
        quantities=[f.quantity("displaced", 2000000, None)],
    )
    assert (run([killed])["event_10"], run([killed, displaced])["event_10"]) == (0.0, 1.0)


def test_date_and_precision_checked() -> None:
    """Expectation 3 needs last month (July 2017) at month precision."""
    ok = f.event("REJECT", sentence="Groups rejected the plan.", on=date(2017, 7, 1), time_precision=3)
    wrong = f.event("REJECT", sentence="Groups rejected the plan.", on=date(2017, 8, 3), time_precision=1)
    assert (run([ok])["event_03"], run([wrong])["event_03"]) == (1.0, 0.0)


def test_duplicates_and_negated_sentence() -> None:
    """The same type twice on the same sentence words fails; an asserted event on 'do not cover' fails."""
    a = f.event("MOBILIZE", sentence="Forces will be deployed.", event_id="1")
    b = f.event("MOBILIZE", sentence="Forces  will be deployed.", event_id="2")
    n = f.event("AGREE", sentence="The zones do not cover the country.")
    v = run([a, b, n])
    assert (v["no_duplicates"], v["no_event_from_negated_sentence"]) == (0.0, 0.0)
    assert (
        run([a, f.event("AGREE", sentence="The zones do not cover it.", mode="negated")])[
            "no_event_from_negated_sentence"
        ]
        == 1.0
    )
