"""Matrix products of the spaCy pipeline through numpy's OpenBLAS instead of thinc's bundled blis.

Why: on the machines we measured (AMD EPYC, 2 cores) blis runs the tok2vec and parser matrix products far
more slowly than numpy's OpenBLAS (the parse: 2.55 s -> 1.81 s CPU on the bench articles), and the parse is
most of the worker's CPU. Swapping the gemm changes float rounding only (1 of 29,844 eval and bench
sentences gets another dependency label); every eval figure stays the same. OpenBLAS is held to one thread
so that a worker keeps to one core, as it does with blis.

``CONFLICT_EVENTS_GEMM`` picks the backend in the worker, the CLI and the benchmark: ``blas`` (default) or
``blis`` (spaCy's own, unchanged).
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
from thinc.api import NumpyOps

GEMM_ENV = "CONFLICT_EVENTS_GEMM"
GEMM_BACKENDS = ("blas", "blis")

__all__ = ["GEMM_BACKENDS", "GEMM_ENV", "BlasOps", "gemm_backend", "use_gemm"]


class BlasOps(NumpyOps):  # type: ignore[misc]  # thinc's Ops is untyped for mypy
    """thinc's NumpyOps with ``gemm`` done by ``numpy.matmul`` (OpenBLAS)."""

    name = "numpy-blas"

    def gemm(
        self,
        x: np.ndarray,
        y: np.ndarray,
        out: np.ndarray | None = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> np.ndarray:
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            product: np.ndarray = np.matmul(a, b)
            return product
        np.matmul(a, b, out=out)
        return out


def gemm_backend(value: str | None = None) -> str:
    """The backend named by ``value`` or, when None, by ``CONFLICT_EVENTS_GEMM`` (default ``blas``).

    Raises:
        ValueError: the name is not one of ``GEMM_BACKENDS``.
    """
    name = (os.environ.get(GEMM_ENV, "blas") if value is None else value).strip().lower()
    if name not in GEMM_BACKENDS:
        raise ValueError(f"{GEMM_ENV}={name!r}: expected one of {', '.join(GEMM_BACKENDS)}")
    return name


def use_gemm(nlp: Any, backend: str) -> None:
    """Give every thinc node of ``nlp``'s pipeline the ops of ``backend`` (``blis`` leaves spaCy's own)."""
    if gemm_backend(backend) == "blis":
        return
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    ops = BlasOps()
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None:
            continue
        for node in model.walk():
            node.ops = ops
