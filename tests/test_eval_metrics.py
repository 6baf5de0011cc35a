"""Tests of the evaluation's counting measures (sklearn-compatible F1 averages)."""

from __future__ import annotations

import pytest

from conflict_events.evaluation.metrics import (
    PRF,
    calibration,
    confusion,
    f1_average,
    prf_of_sets,
    top_confusions,
)

Y_TRUE = ["a", "a", "b", "c"]
Y_PRED = ["a", "b", "b", "none"]


class TestPRF:
    def test_measures(self) -> None:
        """Precision, recall and F1 follow from tp, fp and fn."""
        r = PRF(tp=2, fp=1, fn=3)
        assert (round(r.precision, 4), round(r.recall, 4), round(r.f1, 4)) == (0.6667, 0.4, 0.5)

    def test_zero_division_is_zero(self) -> None:
        """An empty count gives 0.0, not an error (sklearn's zero_division=0)."""
        assert (PRF().precision, PRF().recall, PRF().f1) == (0.0, 0.0, 0.0)

    def test_sets(self) -> None:
        """Set comparison counts shared, extra and missing keys."""
        assert prf_of_sets({"x", "y"}, {"y", "z", "w"}) == PRF(tp=1, fp=2, fn=1)

    def test_addition(self) -> None:
        """Counts add up field by field."""
        assert PRF(1, 2, 3) + PRF(4, 5, 6) == PRF(5, 7, 9)


class TestF1Average:
    def test_weighted_with_labels(self) -> None:
        """Weighted F1 over the given labels weighs each label's F1 by its gold support."""
        assert f1_average(Y_TRUE, Y_PRED, labels=["a", "b", "c"], average="weighted") == pytest.approx(0.5)

    def test_macro_with_labels(self) -> None:
        """Macro F1 is the plain mean over the given labels; a prediction outside them still costs recall."""
        assert f1_average(Y_TRUE, Y_PRED, labels=["a", "b", "c"], average="macro") == pytest.approx(4 / 9)

    def test_macro_default_labels_include_predictions(self) -> None:
        """Without labels, every label seen on either side is averaged (as sklearn does)."""
        assert f1_average(Y_TRUE, Y_PRED, average="macro") == pytest.approx(1 / 3)

    def test_micro(self) -> None:
        """Micro F1 over all labels equals accuracy for single-label data."""
        assert f1_average(Y_TRUE, Y_PRED, average="micro") == pytest.approx(0.5)

    def test_unknown_average(self) -> None:
        """An unknown average name is refused."""
        with pytest.raises(ValueError, match="unknown average"):
            f1_average(Y_TRUE, Y_PRED, average="samples")

    def test_length_mismatch(self) -> None:
        """Gold and prediction lists of different length are refused."""
        with pytest.raises(ValueError, match="4 items"):
            f1_average(Y_TRUE, Y_PRED[:2], average="macro")


class TestConfusion:
    def test_matrix(self) -> None:
        """The matrix counts (gold, predicted) pairs."""
        assert confusion(Y_TRUE, Y_PRED) == {"a": {"a": 1, "b": 1}, "b": {"b": 1}, "c": {"none": 1}}

    def test_top_confusions(self) -> None:
        """Off-diagonal cells come largest first, ties by name."""
        m = confusion(["a", "a", "a", "b"], ["b", "b", "a", "c"])
        assert top_confusions(m, 5) == [("a", "b", 2), ("b", "c", 1)]


class TestCalibration:
    def test_ece_and_bins(self) -> None:
        """ECE weighs each bin's gap between mean confidence and accuracy by its size."""
        pairs = [(0.95, True), (0.95, False), (0.6, True), (0.6, True)]
        ece, bins = calibration(pairs)
        assert (round(ece, 4), [(b.low, b.high, b.n, b.accuracy) for b in bins]) == (
            0.425,
            [(0.5, 0.7, 2, 1.0), (0.9, 1.0, 2, 0.5)],
        )

    def test_confidence_one_in_last_bin(self) -> None:
        """A confidence of exactly 1.0 falls into the top bin."""
        assert [b.n for b in calibration([(1.0, True)])[1]] == [1]
