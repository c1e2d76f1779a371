"""Benchmark 001-H1: build and exactly verify the handcrafted decoder (z(i) = i, U3 = X).

For n = 100, 200, 400 (``--sizes``), each measured in the same run (median of ``--repeat``):

* exact: exact.slides001.handcrafted_decoder (W3^T = A2'^{-1} U3' in closed form: A2' is
  triangular for the sorted-codes layer 2, its inverse is first differences / gaps / first
  differences, O(n^2) exact integer operations) then verify_handcrafted, which decides
  ReLU(A2 W3^T) = X from one exact integer matrix product (exact.linalg.integer_matmul: numpy int64
  under a proven no-overflow bound, else flint fmpz_mat) and exact integer comparisons.  The
  closed form only proposes W3; the O(n^3) product re-checks the whole reconstruction;
* sympy: the same construction with sympy Matrix (A2'.LUsolve(U3'), product, ReLU, == X), stopped
  once the predicted time (cubic extrapolation) exceeds ``--cutoff`` seconds;
* float64: numpy solve, ReLU(A2 W3^T), comparison with X;
* rank: exact rank of the (n+1) x n matrix A2 (flint) against numpy.linalg.matrix_rank.

Prints the ratios exact/sympy and exact/float64 (targets at n = 200: sympy >= 100x slower,
exact <= 5x float64) and flint rank / numpy rank at n = 400 (target <= 2).  Run:
``.venv/bin/python bench/bench_001_h1.py``.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import sympy

from exact.linalg import QMatrix
from exact.slides001 import handcrafted_decoder, linear_codes, verify_handcrafted


def _x_int(n: int) -> list[list[int]]:
    i = np.arange(1, n + 2)[:, None]
    j = np.arange(1, n + 1)[None, :]
    return (j >= i).astype(np.int64).tolist()


def _a2_int(n: int) -> np.ndarray:
    i = np.arange(1, n + 2)[:, None]
    j = np.arange(1, n + 1)[None, :]
    return np.maximum(j + 1 - i, 0)


def exact_run(n: int) -> float:
    t = time.perf_counter()
    dec = handcrafted_decoder(linear_codes(n), _x_int(n), n)
    ok = verify_handcrafted(dec)
    dt = time.perf_counter() - t
    assert ok
    return dt


def float_run(n: int) -> float:
    t = time.perf_counter()
    z = np.arange(1, n + 2, dtype=np.float64)
    A = np.maximum(-z[:, None] + (np.arange(1, n + 1) + 1.0)[None, :], 0.0)
    X = np.array(_x_int(n), dtype=np.float64)
    W3T = np.linalg.solve(A[:n], X[:n])
    ok = np.array_equal(np.maximum(A @ W3T, 0.0), X)
    dt = time.perf_counter() - t
    assert ok
    return dt


def sympy_run(n: int) -> float:
    t = time.perf_counter()
    A = sympy.Matrix(n + 1, n, lambda i, j: max(j + 1 - i, 0) * sympy.Integer(1))   # 0-based: ReLU(j+1 - i)
    X = sympy.Matrix(n + 1, n, lambda i, j: sympy.Integer(1 if j >= i else 0))
    W3T = A[:n, :].LUsolve(X[:n, :])
    Y = (A * W3T).applyfunc(lambda v: max(v, 0))
    ok = Y == X
    dt = time.perf_counter() - t
    assert ok
    return dt


def _median(f, n: int, repeat: int) -> float:
    return statistics.median(f(n) for _ in range(repeat))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,200,400")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cutoff", type=float, default=60.0, help="stop the sympy baseline beyond this many seconds")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'n':>5} {'exact s':>10} {'float64 s':>10} {'sympy s':>10} {'sympy/exact':>12} {'exact/float':>12}")
    last = None
    for n in sizes:
        te = _median(exact_run, n, args.repeat)
        tf = _median(float_run, n, args.repeat)
        ts = None
        if last is None or last[1] * (n / last[0]) ** 3 <= args.cutoff:
            ts = sympy_run(n)
            last = (n, ts)
        sy = f"{ts:10.3f}" if ts is not None else f"{'> cutoff':>10}"
        ratio = f"{ts / te:12.1f}" if ts is not None else f"{'(stopped)':>12}"
        print(f"{n:>5} {te:10.4f} {tf:10.4f} {sy} {ratio} {te / tf:12.1f}")
    if last is not None and last[0] != sizes[-1]:
        print(f"sympy baseline stopped after n = {last[0]} ({last[1]:.1f} s): the cubic extrapolation exceeds "
              f"--cutoff {args.cutoff:.0f} s")
    n = 400
    A = _a2_int(n)
    Aq = QMatrix.from_int_rows(A.tolist())
    Af = A.astype(np.float64)
    tr = statistics.median(_timed(Aq.rank) for _ in range(max(args.repeat, 5)))
    tn = statistics.median(_timed(lambda: np.linalg.matrix_rank(Af)) for _ in range(max(args.repeat, 5)))
    print(f"rank of A2 at n = {n}: flint {tr:.4f} s (rank {Aq.rank()}), numpy matrix_rank {tn:.4f} s "
          f"(rank {np.linalg.matrix_rank(Af)}); flint/numpy = {tr / tn:.2f}")
    return 0


def _timed(f) -> float:
    t = time.perf_counter()
    f()
    return time.perf_counter() - t


if __name__ == "__main__":
    raise SystemExit(main())
