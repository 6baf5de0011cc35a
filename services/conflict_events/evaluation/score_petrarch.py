"""PETRARCH2 unit records: smoke only (fictional actors and test dictionaries make them no yardstick)."""

from __future__ import annotations

from collections.abc import Sequence

from conflict_events.contracts import Article

from .metrics import ratio
from .records import GoldRecord, Outcome, Scored
from .report import Figure


def to_article(record: GoldRecord) -> Article:
    """The unit-test sentence as an article."""
    return Article(id=record.id, text=record.text, language="en")


def score(records: Sequence[GoldRecord], outcomes: Sequence[Outcome]) -> Scored:
    """Counts: records run, errors, events, and how often we coded where the unit test expects (no) event."""
    n = len(outcomes)
    errors = sum(o.error is not None for o in outcomes)
    skipped = sum(o.skipped is not None for o in outcomes)
    events = sum(len(o.events) for o in outcomes)
    coded = [bool(o.events) for o in outcomes]
    want = [not bool(r.gold.get("noevents")) and bool(r.gold.get("events")) for r in records]
    with_event = sum(w for w in want)
    figures = [
        Figure("records_without_error", ratio(n - errors, n) if n else None, n),
        Figure("skipped", float(skipped), n, count=True),
        Figure("events", float(events), n, count=True),
        Figure(
            "coded_when_expected",
            ratio(sum(c and w for c, w in zip(coded, want, strict=True)), with_event) if with_event else None,
            with_event,
        ),
        Figure(
            "coded_when_noevents",
            ratio(sum(c and not w for c, w in zip(coded, want, strict=True)), n - with_event)
            if n - with_event
            else None,
            n - with_event,
        ),
    ]
    return figures, {}
