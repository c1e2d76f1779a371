"""Benchmark: exact region enumeration against the float LP enumeration and a 10^6-point grid.

Run:  .venv/bin/python bench/bench_regions.py [--archs 16-16 32-32-32] [--seeds 0] [--grid 1000000]

For each random network (2 inputs, integer/4 weights and biases in [-2, 2]) it prints, all
measured in the same run:
  * regions and seconds of the exact enumeration (irredundant=False: the same LPs as the float
    enumeration, each verified exactly) and, separately, the exact irredundancy reduction;
  * regions and seconds of the float64 HiGHS enumeration (numeric.regions.float_enumerate);
  * ratio exact / float time; regions per second of each;
  * regions found by a grid of ~10^6 points of the box [-B, B]^2 (B chosen to contain every
    vertex), and how many exact regions the grid missed;
  * the 1-D sweep against the general path on a random 1-D network of the same widths.
"""

from __future__ import annotations

import argparse
import time

from exact import lp
from exact.regions import enumerate_regions, polygon_vertices
from numeric.regions import compare_with_sampling, float_enumerate, grid_patterns
from proofs.claims.p003 import random_network


def _box_for(e):
    m = 1.0
    for r in e.regions:
        for v in polygon_vertices(r):
            m = max(m, abs(float(v[0])), abs(float(v[1])))
    return 1.1 * m


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--archs", nargs="+", default=["8-8", "16-16", "32-32-32"])
    ap.add_argument("--seeds", nargs="+", type=int, default=[0])
    ap.add_argument("--grid", type=int, default=10**6)
    args = ap.parse_args()
    print(f"{'arch':>10} {'seed':>4} {'regions':>7} {'exact s':>8} {'float s':>8} {'ratio':>6} "
          f"{'exact reg/s':>11} {'float reg/s':>11} {'LPs':>6} {'irred s':>8} {'grid found':>10} {'grid missed':>11}")
    for arch in args.archs:
        widths = [2] + [int(w) for w in arch.split("-")] + [1]
        for seed in args.seeds:
            net = random_network(widths, seed, den=4, span=8)
            stats0 = dict(lp.LP_STATS)
            t = time.perf_counter()
            e = enumerate_regions(net, irredundant=False)
            t_exact = time.perf_counter() - t
            lps = lp.LP_STATS["calls"] - stats0["calls"]
            exact_simplex = lp.LP_STATS["exact_simplex"] - stats0["exact_simplex"]
            t = time.perf_counter()
            f = float_enumerate(net)
            t_float = time.perf_counter() - t
            t = time.perf_counter()
            e2 = enumerate_regions(net, irredundant=True)
            t_irr = time.perf_counter() - t - t_exact
            B = _box_for(e2)
            found = grid_patterns(net, -B, B, args.grid)
            cmp = compare_with_sampling(e, found)
            n = len(e.regions)
            print(f"{arch:>10} {seed:>4} {n:>7} {t_exact:>8.2f} {t_float:>8.2f} {t_exact / t_float:>6.2f} "
                  f"{n / t_exact:>11.1f} {len(f) / t_float:>11.1f} {lps:>6} {t_irr:>8.2f} "
                  f"{cmp['sampled_regions']:>10} {cmp['missed_by_sampling']:>11}"
                  + ("" if len(f) == n else f"  (float found {len(f)})")
                  + (f"  exact-simplex fallbacks {exact_simplex}" if exact_simplex else "")
                  + (f"  grid-only patterns {cmp['found_only_by_sampling']}" if cmp["found_only_by_sampling"] else ""))
        # the 1-D sweep against the general path
        net1 = random_network([1] + widths[1:], 0)
        t = time.perf_counter()
        for _ in range(20):
            s = enumerate_regions(net1)
        t_sweep = (time.perf_counter() - t) / 20
        t = time.perf_counter()
        g = enumerate_regions(net1, method="general", irredundant=False)
        t_gen = time.perf_counter() - t
        t = time.perf_counter()
        enumerate_regions(net1, method="general")
        t_gen_irr = time.perf_counter() - t
        print(f"{'1-D ' + arch:>10}: {len(s.regions)} regions; sweep {t_sweep * 1e3:.2f} ms, general "
              f"{t_gen * 1e3:.1f} ms (ratio {t_gen / t_sweep:.0f}x), general with irredundant facets "
              f"{t_gen_irr * 1e3:.1f} ms (ratio {t_gen_irr / t_sweep:.0f}x)"
              + ("" if len(g.regions) == len(s.regions) else " MISMATCH"))


if __name__ == "__main__":
    main()
