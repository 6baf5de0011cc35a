"""Tests for conflict_events.incidents.scoring and offline: batch resolution scored against gold clusters."""

from __future__ import annotations

from datetime import date

import pytest

from conflict_events.incidents import (
    ClusterScores,
    event_clusters,
    incident_id_for,
    resolve_all,
    score_clusters,
)
from test_incidents_match import ADF, M23, SAKE, make_event


class TestScores:
    def test_hand_computed_example(self) -> None:
        """Gold {abc}{de} against predicted {ab}{cde}: pairwise 2 of 4 links, B-cubed 11/15."""
        gold = {"a": "G1", "b": "G1", "c": "G1", "d": "G2", "e": "G2"}
        predicted = {"a": "P1", "b": "P1", "c": "P2", "d": "P2", "e": "P2"}
        scores = score_clusters(predicted, gold)
        assert (scores.pairwise_precision, scores.pairwise_recall, scores.pairwise_f1) == (0.5, 0.5, 0.5)
        assert scores.bcubed_precision == pytest.approx(11 / 15)
        assert scores.bcubed_recall == pytest.approx(11 / 15)
        assert scores.bcubed_f1 == pytest.approx(11 / 15)
        assert (scores.items, scores.predicted_incidents, scores.true_incidents, scores.count_ratio) == (
            5,
            2,
            2,
            1.0,
        )

    def test_perfect_up_to_renaming(self) -> None:
        """Cluster names do not matter, only who is with whom."""
        scores = score_clusters({"a": "x", "b": "x", "c": "y"}, {"a": "1", "b": "1", "c": "2"})
        assert scores == ClusterScores(3, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2, 2, 1.0)

    def test_missing_item_is_a_singleton_and_extra_items_are_ignored(self) -> None:
        """A gold item resolution never saw over-counts; a predicted item without gold is not scored."""
        scores = score_clusters({"x": "P", "z": "P"}, {"x": "G", "y": "G"})
        assert (scores.pairwise_precision, scores.pairwise_recall, scores.pairwise_f1) == (1.0, 0.0, 0.0)
        assert (scores.bcubed_precision, scores.bcubed_recall) == (1.0, 0.5)
        assert (scores.predicted_incidents, scores.true_incidents, scores.count_ratio) == (2, 1, 2.0)

    def test_everything_in_one_cluster_overcounts_nothing_but_links_wrongly(self) -> None:
        """Lumping four singletons together: recall 1, precision 0, ratio 1/4."""
        scores = score_clusters(dict.fromkeys("abcd", "P"), {c: c for c in "abcd"})
        assert (scores.pairwise_precision, scores.pairwise_recall) == (0.0, 1.0)
        assert (scores.bcubed_precision, scores.count_ratio) == (0.25, 0.25)


class TestOffline:
    def test_resolve_all_and_score(self) -> None:
        """Six reports of three incidents, in input order; one report of a separate incident is mis-linked."""
        events = [
            make_event("e1", sources=(M23,), killed=(3, 3, 3)),
            make_event("e2", sources=(ADF,)),
            make_event("e3", killed=(5, 5, 5)),
            make_event("e4", place=SAKE),
            make_event("e5", sources=(M23,), day=date(2024, 3, 6)),
            make_event("e6", act="accuse"),
        ]
        incidents = resolve_all(events)
        assert [i.event_ids for i in incidents] == [["e1", "e3", "e5"], ["e2"], ["e4"]]
        assert incidents[0].incident_id == incident_id_for("e1")
        assert incidents[0].first_seen.isoformat() == "2024-03-05T00:00:00+00:00"
        assert incidents[1].first_seen.isoformat() == "2024-03-05T00:00:00.000001+00:00"
        gold = {"e1": "raid", "e2": "adf", "e3": "other", "e4": "sake", "e5": "raid"}
        scores = score_clusters(event_clusters(incidents), gold)
        assert (scores.pairwise_precision, scores.pairwise_recall) == (1 / 3, 1.0)
        assert (scores.predicted_incidents, scores.true_incidents) == (3, 4)

    def test_empty_batch(self) -> None:
        """No events, no incidents."""
        assert resolve_all([]) == []
