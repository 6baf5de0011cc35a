"""The parser's gemm through OpenBLAS: same products, same parses, one thread, a clear error on a bad name."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from thinc.api import NumpyOps

from conflict_events.blas_ops import GEMM_ENV, BlasOps, gemm_backend, use_gemm
from conflict_events.resources import EXCLUDED_COMPONENTS, SPACY_MODEL

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.mark.parametrize(("trans1", "trans2"), [(False, False), (True, False), (False, True), (True, True)])
def test_blas_gemm_gives_blis_products(trans1: bool, trans2: bool) -> None:
    rng = np.random.default_rng(7)
    x = rng.standard_normal((6, 5) if trans1 else (5, 6)).astype("f")
    y = rng.standard_normal((4, 6) if trans2 else (6, 4)).astype("f")
    want = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    got = BlasOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert got.shape == want.shape == (5, 4)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)
    out = np.zeros((5, 4), dtype="f")
    assert BlasOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2) is out
    np.testing.assert_allclose(out, want, rtol=1e-5, atol=1e-5)


def test_backend_comes_from_the_environment_and_defaults_to_blas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(GEMM_ENV, raising=False)
    assert gemm_backend() == "blas"
    monkeypatch.setenv(GEMM_ENV, " BLIS ")
    assert gemm_backend() == "blis"
    assert gemm_backend("blas") == "blas"


def test_an_unknown_backend_is_refused_with_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(GEMM_ENV, "mkl")
    with pytest.raises(ValueError, match=r"CONFLICT_EVENTS_GEMM='mkl': expected one of blas, blis"):
        gemm_backend()


def test_blas_backend_parses_the_seed_as_spacy_does_on_one_thread() -> None:
    import spacy
    from threadpoolctl import threadpool_info

    seed_text = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    nlp = spacy.load(SPACY_MODEL, exclude=list(EXCLUDED_COMPONENTS))
    use_gemm(nlp, "blis")
    assert not any(isinstance(node.ops, BlasOps) for _, pipe in nlp.pipeline for node in pipe.model.walk())
    before = [(t.tag_, t.dep_, t.head.i) for t in nlp(seed_text)]
    use_gemm(nlp, "blas")
    assert all(isinstance(node.ops, BlasOps) for _, pipe in nlp.pipeline for node in pipe.model.walk())
    assert [(t.tag_, t.dep_, t.head.i) for t in nlp(seed_text)] == before
    assert {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"} <= {1}
