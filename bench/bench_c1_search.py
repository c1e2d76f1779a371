"""Benchmark of the 001-C1 search: instances per second, what limits it, time to first counterexample.

    python bench/bench_c1_search.py [--examples N] [--seed S] [--workers W]

Everything is measured in this run (ratios, not absolute times, are what compare across
machines).  Sections:

1. the cost of one instance, split into exact evaluation (integer A2 + flint fmpz rank),
   the reading's condition, and the float64 SVD cross-check;
2. hypothesis throughput: generation alone (the property does nothing) and the full
   pipeline, with one instance per example and with batches of 1..8 instances;
3. the plain random generator (``--engine random``) for comparison;
4. time (and instances) to the first counterexample of each refuted reading/direction with
   a fixed seed, and the time spent shrinking it;
5. ``--workers``: the same hypothesis and random budgets on 1 and W processes.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from random import Random

from hypothesis import strategies as st

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from proofs.claims.p001 import conjecture_c1 as c1  # noqa: E402
from proofs.methods.search import a2_instances, evaluate_a2, random_a2_instance, run_search  # noqa: E402


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:9.0f}/s"


def section_cost(count: int, seed: int) -> None:
    rng = Random(seed)
    insts = [random_a2_instance(rng) for _ in range(count)]
    t = time.perf_counter()
    evs = [evaluate_a2(x, crosscheck=False) for x in insts]
    t_exact = time.perf_counter() - t
    t = time.perf_counter()
    for ev in evs:
        c1.condition("literal", ev)
    t_lit = time.perf_counter() - t
    t = time.perf_counter()
    for ev in evs:
        c1.condition("criterion", ev)
    t_crit = time.perf_counter() - t
    t = time.perf_counter()
    for x in insts:
        evaluate_a2(x, crosscheck=True)
    t_both = time.perf_counter() - t
    t = time.perf_counter()
    rng2 = Random(seed)
    for _ in range(count):
        random_a2_instance(rng2)
    t_gen = time.perf_counter() - t
    print(f"1. per-instance cost over {count} random instances (n <= 8):")
    print(f"   random generation             {_rate(count, t_gen)}  {1e6 * t_gen / count:7.1f} us")
    print(f"   exact A2 + fmpz rank          {_rate(count, t_exact)}  {1e6 * t_exact / count:7.1f} us")
    print(f"   + float64 SVD cross-check     {_rate(count, t_both)}  {1e6 * (t_both - t_exact) / count:7.1f} us extra")
    print(f"   literal condition             {_rate(count, t_lit)}  {1e6 * t_lit / count:7.1f} us")
    print(f"   criterion C* condition        {_rate(count, t_crit)}  {1e6 * t_crit / count:7.1f} us")


def _hyp(batch: int, examples: int, seed: int, evaluate: bool) -> tuple[int, int, float]:
    strat = st.lists(a2_instances(), min_size=1, max_size=batch)
    counter = {"n": 0}

    def make():
        def prop(xs):
            counter["n"] += len(xs)
            if evaluate:
                for x in xs:
                    c1.condition("literal", evaluate_a2(x))
            return False
        return prop, dict

    t = time.perf_counter()
    out = run_search(strat, make, key=f"bench/{batch}/{evaluate}", max_examples=examples, seed=seed)
    return out.tried, counter["n"], time.perf_counter() - t


def section_hypothesis(examples: int, seed: int) -> None:
    print(f"2. through hypothesis ({examples} examples, property = literal condition + exact and float rank):")
    rows = []
    for batch in (1, 8, 24):
        for evaluate in (False, True):
            ex, inst, dt = _hyp(batch, examples, seed, evaluate)
            rows.append((batch, evaluate, ex, inst, dt))
            what = "generation only  " if not evaluate else "full pipeline    "
            print(f"   batch 1..{batch}  {what} {_rate(ex, dt)} examples  {_rate(inst, dt)} instances")
    shares = [f"batch 1..{g[0]}: {(g[4] / g[3]) / (f[4] / f[3]):.0%}" for g, f in zip(rows[::2], rows[1::2])]
    print(f"   share of time in hypothesis (generation + engine): {'; '.join(shares)}")


def section_random(count: int, seed: int) -> None:
    t = time.perf_counter()
    v = c1.search("criterion", "necessity", max_examples=count, engine="random", seed=seed)
    dt = time.perf_counter() - t
    print(f"3. plain random engine, criterion reading: {_rate(v.evidence['instances'], dt)} instances "
          f"({v.evidence['instances']} in {dt:.2f} s)")


def section_first(seed: int) -> None:
    print(f"4. first counterexample per refuted reading/direction (seed {seed}, no database):")
    for r in c1.READINGS:
        for d in c1.DIRECTIONS:
            t = time.perf_counter()
            v = c1.search(r, d, max_examples=5000, seconds=60, seed=seed, prove=False)
            dt = time.perf_counter() - t
            ev = v.evidence
            if v.status.value == "refuted":
                ce = ev["counterexamples"][0]
                print(f"   {r + '/' + d:28s} first after {ev['first_counterexample_seconds']:.3f} s "
                      f"({ev['first_counterexample_examples']} examples); shrinking {ev['shrink_examples']} "
                      f"examples; total {dt:.2f} s; minimal n = {ce['n']}")
            else:
                print(f"   {r + '/' + d:28s} nothing found in {ev['instances']} instances ({dt:.2f} s)")


def section_workers(examples: int, count: int, seed: int, workers: int) -> None:
    print(f"5. workers (1 vs {workers}):")
    for w in (1, workers):
        t = time.perf_counter()
        v = c1.search("criterion", "sufficiency", max_examples=examples, seed=seed, workers=w)
        dt = time.perf_counter() - t
        t2 = time.perf_counter()
        v2 = c1.search("criterion", "sufficiency", max_examples=count, seed=seed, workers=w, engine="random")
        dt2 = time.perf_counter() - t2
        print(f"   {w} worker(s): hypothesis {_rate(v.evidence['instances'], dt)} instances; "
              f"random {_rate(v2.evidence['instances'], dt2)} instances")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=2000, help="hypothesis examples per measurement")
    ap.add_argument("--instances", type=int, default=20000, help="random instances per measurement")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    a = ap.parse_args()
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.2f}")
    section_cost(a.instances // 4, a.seed)
    section_hypothesis(a.examples, a.seed)
    section_random(a.instances, a.seed)
    section_first(a.seed)
    section_workers(a.examples, a.instances, a.seed, a.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
