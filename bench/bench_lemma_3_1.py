"""Benchmark: the exact check of Lemma 3.1 on all step functions for one large n.

Times, in one run and on the same network and inputs (chunked the same way):

* exact: ``proofs.methods.stepcheck.check_step_reconstruction`` (integer numpy arithmetic);
* float64: numpy evaluation of the same network, compared with the inputs;
* Fraction loop (n = 2,000 only): a straightforward ``fractions.Fraction`` loop;

and the peak memory (max RSS of a fresh process) of the exact check at the largest n.
Prints the ratios.  Targets (issue #2): exact <= 3x float64, >= 100x faster than the
Fraction loop, peak memory < 1 GiB at n = 20,000.

Usage: python bench/bench_lemma_3_1.py [--sizes 2000 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from fractions import Fraction

import numpy as np

from exact.datasets import step_function_batch
from exact.step_autoencoder import lemma_3_1_autoencoder
from numeric.evaluate import evaluate_float, float_layers
from proofs.methods.stepcheck import DEFAULT_CHUNK_ENTRIES, check_step_reconstruction


def exact_check(net, n):
    res = check_step_reconstruction(net, n, crosscheck=False)
    assert res.admissible
    return res


def float_check(net, n):
    layers = float_layers(net)
    rows = max(1, DEFAULT_CHUNK_ENTRIES // n)
    ok = True
    for start in range(0, n + 1, rows):
        chunk = range(start, min(n + 1, start + rows))
        b = step_function_batch(n, chunk)
        x = b.num.astype(np.float64)
        y = evaluate_float(net, x, layers)
        ok &= bool((y == x).all(axis=1).any())
    return ok


def fraction_loop(n, weights, threshold=Fraction(1)):
    ok = True
    for theta in range(n + 1):
        x = [Fraction(1) if j <= theta else Fraction(0) for j in range(1, n + 1)]
        z = sum(x, Fraction(0))
        y = [Fraction(1) if z * w >= threshold else Fraction(0) for w in weights]
        ok &= y == x
    return ok


def timed(fn, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def peak_rss_mib(n: int) -> float:
    code = (
        "import resource\n"
        "from exact.step_autoencoder import lemma_3_1_autoencoder\n"
        "from proofs.methods.stepcheck import check_step_reconstruction\n"
        f"net = lemma_3_1_autoencoder({n})\n"
        f"assert check_step_reconstruction(net, {n}, crosscheck=False).admissible\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args()
    rows = []
    for n in args.sizes:
        net = lemma_3_1_autoencoder(n)
        t_exact = timed(lambda: exact_check(net, n), args.repeat)
        t_float = timed(lambda: float_check(net, n), args.repeat)
        row = {"n": n, "exact_s": t_exact, "float64_s": t_float, "exact_over_float": t_exact / t_float}
        if n <= 5000:
            weights = [w[0] for w in net.layers[1].weight]
            t_frac = timed(lambda: fraction_loop(n, weights), 1)
            row.update({"fraction_loop_s": t_frac, "fraction_over_exact": t_frac / t_exact})
        rows.append(row)
        print(f"n={n:>6}: exact {t_exact:.3f} s, float64 {t_float:.3f} s, exact/float64 = {t_exact / t_float:.2f}"
              + (f", Fraction loop {row['fraction_loop_s']:.2f} s, Fraction/exact = {row['fraction_over_exact']:.0f}"
                 if "fraction_loop_s" in row else ""), flush=True)
    big = max(args.sizes)
    mem = peak_rss_mib(big)
    print(f"peak memory (max RSS of a fresh process) of the exact check at n={big}: {mem:.0f} MiB")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"rows": rows, "peak_rss_mib": mem}, fh, indent=1)


if __name__ == "__main__":
    main()
