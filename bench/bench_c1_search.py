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
5. ``--workers``: the same hypothesis and random budgets on 1 and W processes;
6. the batched engine (``--engine batch``): exactly decided instances per second on one core
   with the float64 cross-check on, against the hypothesis engine measured in this run;
7. the batched engine on 1 and W processes (the same blocks);
8. a Dask cluster (a local scheduler and W worker processes) against the process pool, the
   per-task cost and overhead, and a projection of the throughput to 16 and 128 cores;
9. time to the first counterexample of each refuted reading/direction with the batched engine,
   median over 10 seeds, on one process and on W processes (the default of ``search``);
10. the other searches on the same harness (the hypothesis and random engines of 001-C1,
    003-Ex2's grid of networks, 000-T1's training runs): wall time on 1 and W processes and the
    ratio, with the check that the results are the same.

``--only 6,7,8,9,10`` runs some sections.  The figures of issue 13 (1 vs 2 workers, Dask vs the
pool, projection to 16 and 128 cores, time to first counterexample) come from

    OPENBLAS_NUM_THREADS=1 python bench/bench_c1_search.py --only 7,8,9,10 --workers 2
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


def _batch_rate(reading: str, blocks: int, seed: int, crosscheck: bool = True) -> tuple[float, float, dict]:
    """Instances per second of the batched engine in this process (wall clock and per CPU second of
    this process, the fair per-core figure on a shared machine), over blocks past the listed prefix."""
    task = c1.A2BlockSearch(reading, "sufficiency", crosscheck=crosscheck)
    first = c1.LISTED // task.size + 1           # blocks past those whose instances a certificate lists
    task.run_block(seed, first)                  # warm up
    t, c = time.perf_counter(), time.process_time()
    n, counts = 0, {}
    for b in range(first, first + blocks):
        out = task.run_block(seed, b)
        n += out["instances"]
        for k, v in out["counts"].items():
            counts[k] = counts.get(k, 0) + v
    return n / (time.perf_counter() - t), n / (time.process_time() - c), counts


def section_batch(blocks: int, examples: int, seed: int) -> float:
    print(f"6. batched engine, one process, float64 cross-check on ({blocks} blocks of {c1.BLOCK_SIZE}, n = 1..8 "
          f"in turn by block); wall-clock rate and rate per CPU second of this process:")
    c = time.process_time()
    _, inst, dt = _hyp(8, examples, seed, True)
    hyp, hyp_cpu = inst / dt, inst / (time.process_time() - c)
    print(f"   hypothesis engine (batches 1..8, full pipeline)  {hyp:9.0f}/s wall {hyp_cpu:9.0f}/s per CPU s")
    for r in ("literal", "shared_k", "criterion"):
        rate, cpu, counts = _batch_rate(r, blocks, seed)
        dec = {k[8:]: v for k, v in counts.items() if k.startswith("decided_")}
        print(f"   batch, {r:9s}                              {rate:9.0f}/s wall {cpu:9.0f}/s per CPU s "
              f"({rate / hyp:5.1f}x / {cpu / hyp_cpu:5.1f}x hypothesis); decided by {dec}; float64 "
              f"disagreements {counts.get('float_disagreement_count', 0)}")
    rate, cpu, _ = _batch_rate("literal", blocks, seed, crosscheck=False)
    print(f"   batch, literal, cross-check off              {rate:9.0f}/s wall {cpu:9.0f}/s per CPU s")
    return hyp


def _run(task, seed, instances, **kw):
    from proofs.methods.batched import run_blocks

    t = time.perf_counter()
    out = run_blocks(task, seed=seed, max_instances=instances, stop_on_hit=False, **kw)
    return out, time.perf_counter() - t


def section_batch_workers(instances: int, seed: int, workers: int) -> None:
    print(f"7. batched engine, {instances} instances (literal/sufficiency, no early stop), 1 vs {workers} processes:")
    import resource

    def children():
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime + r.ru_stime

    task = c1.A2BlockSearch("literal", "sufficiency")
    base = None
    cpu = {}
    for w in (1, workers):
        c, k = time.process_time(), children()
        out, dt = _run(task, seed + 1, instances, workers=w)
        cpu[w] = (time.process_time() - c, children() - k)
        rate = out.instances / dt
        base = base or rate
        print(f"   {w} process(es): {rate:9.0f}/s  ({rate / base:.2f}x one); CPU s: this process {cpu[w][0]:.2f}, "
              f"workers {cpu[w][1]:.2f}")
    one, (par, kids) = cpu[1][0], cpu[workers]
    print(f"   speed-up these CPU seconds allow on {workers} idle cores: "
          f"{one / max(par, (par + kids) / workers):.2f}x (work overhead {(par + kids) / one - 1:+.0%})")


def section_dask(instances: int, seed: int, workers: int) -> None:
    import logging

    os.environ["DASK_LOGGING__DISTRIBUTED"] = "critical"           # no shutdown chatter from the workers
    import distributed

    logging.getLogger("distributed").setLevel(logging.CRITICAL)
    print(f"8. Dask (LocalCluster, {workers} worker processes, 1 thread each) vs the process pool, {instances} instances:")
    import resource

    import psutil

    def tree_cpu() -> float:
        """CPU seconds of this process, its reaped children and every live descendant (a cluster's
        nannies and workers included)."""
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        live = 0.0
        for p in psutil.Process().children(recursive=True):
            try:
                t = p.cpu_times()
                live += t.user + t.system
            except psutil.Error:
                pass
        return time.process_time() + r.ru_utime + r.ru_stime + live

    task = c1.A2BlockSearch("literal", "sufficiency")
    c0 = tree_cpu()
    pool, dt_pool = _run(task, seed + 2, instances, workers=workers)
    cpu_pool = tree_cpu() - c0
    with distributed.LocalCluster(n_workers=workers, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as lc, distributed.Client(lc) as client:
        # Warm-up: every worker runs one block itself (imports, caches), as a long-lived cluster's workers
        # have; a short search alone would send its one task of G blocks to a single worker.
        from proofs.methods.batched import _timed

        client.run(_timed, task, seed + 2, 0, task.size)
        c0 = tree_cpu()
        dk, dt_dask = _run(task, seed + 2, instances, scheduler=client)
        cpu_dask = tree_cpu() - c0
        same = (dk.hits, dk.counts) == (pool.hits, pool.counts)
        t = time.perf_counter()
        futs = client.map(lambda x: x, range(2000), pure=False)
        client.gather(futs)
        noop = (time.perf_counter() - t) / 2000
    one, dt_one = _run(task, seed + 2, instances, workers=1)
    rate_one, rate_pool, rate_dask = one.instances / dt_one, pool.instances / dt_pool, dk.instances / dt_dask
    print(f"   one process {rate_one:9.0f}/s; process pool {rate_pool:9.0f}/s ({rate_pool / rate_one:.2f}x one); "
          f"Dask {rate_dask:9.0f}/s ({rate_dask / rate_pool:.2f}x the pool, {rate_dask / rate_one:.2f}x one); "
          f"same results: {same}")
    print(f"   CPU seconds, every process (scheduler, nannies and workers included): pool {cpu_pool:.2f}, Dask "
          f"{cpu_dask:.2f}; with both using {workers} idle cores fully, Dask would run at "
          f"{cpu_pool / cpu_dask:.2f}x the pool")
    c = sorted(one.block_seconds)[len(one.block_seconds) // 2]       # compute per task, measured alone
    o_dask = max(dt_dask * workers / max(dk.blocks, 1) - c, 0.0)       # what a Dask task costs a worker beyond it
    o_pool = max(dt_pool * workers / max(pool.blocks, 1) - c, 0.0)
    from proofs.methods.batched import DASK_BLOCKS_PER_TASK as G

    B = task.size
    print(f"   per block (of {B} instances): compute c = {c * 1e3:.1f} ms (median, one process); overhead per block "
          f"o = wall x W / blocks - c: Dask {o_dask * 1e3:.1f} ms, pool {o_pool * 1e3:.1f} ms; scheduler time per "
          f"task s = {noop * 1e3:.2f} ms (2000 empty tasks); a Dask task carries G = {G} blocks")
    print(f"   model: throughput(P cores) = min(P x B / (c + o), G x B / s): every core busy with blocks, each "
          f"block paying c + o, unless the one scheduler cannot hand out tasks of G blocks faster than one per s")
    for cores in (16, 128):
        compute = cores * B / (c + o_dask)
        sched = G * B / noop
        print(f"   projection {cores:3d} cores on Dask: {min(compute, sched):11.0f}/s (compute bound {compute:.0f}/s, "
              f"scheduler bound {sched:.0f}/s; {min(compute, sched) / rate_one:.1f}x one process here)")


def section_first_batch(seed: int, workers: int) -> None:
    from statistics import median

    from proofs.methods.batched import run_blocks

    print(f"9. batched engine, time to the first counterexample (search only; then seed {seed} with shrinking, "
          f"one process), median over 10 seeds, on 1 and {workers} processes:")
    for r in c1.READINGS:
        for d in c1.DIRECTIONS:
            task = c1.A2BlockSearch(r, d)
            med = {}
            for w in (1, workers):
                firsts, idxs = [], []
                for s in range(seed, seed + 10):
                    out = run_blocks(task, seed=s, max_instances=100_000, workers=w)
                    if out.hits:
                        firsts.append(out.first_hit_seconds)
                        idxs.append(out.hits[0])
                med[w] = (median(firsts), int(median(idxs)), len(firsts)) if firsts else None
            if med[1] is None:
                print(f"   {r + '/' + d:28s} nothing in 100,000 instances for any of the 10 seeds")
                continue
            t = time.perf_counter()
            v = c1.search(r, d, max_examples=100_000, engine="batch", seed=seed, workers=1, prove=False)
            total = time.perf_counter() - t
            print(f"   {r + '/' + d:28s} median {med[1][0]:.3f} s on 1, {med[workers][0]:.3f} s on {workers} "
                  f"(index {med[1][1]}; found for {med[1][2]}/10 seeds); with shrinking: {total:.2f} s, minimal n = "
                  f"{v.evidence['counterexamples'][0]['n'] if v.evidence['counterexamples'] else '-'}")


def section_other_searches(examples: int, count: int, seed: int, workers: int) -> None:
    from proofs.claims.p000 import training_t1
    from proofs.claims.p003 import example2

    print(f"10. the other searches on the harness, 1 vs {workers} processes (wall time; same result checked):")
    jobs = [
        ("001-C1 hypothesis engine, criterion/sufficiency", lambda w: c1.search(
            "criterion", "sufficiency", max_examples=examples, seed=seed, workers=w, engine="hypothesis",
            database=None).evidence["instances"]),
        ("001-C1 random engine, criterion/necessity", lambda w: c1.search(
            "criterion", "necessity", max_examples=count, seed=seed, workers=w, engine="random").evidence["instances"]),
        ("003-Ex2 grid of networks (grid 2: 125 + 6)", lambda w: example2.check(grid=2, workers=w)[0].certificate),
        ("000-T1 training runs (default scope)", lambda w: [v.certificate for v in training_t1.check(workers=w)]),
    ]
    for name, job in jobs:
        times, results = {}, {}
        for w in (1, workers):
            t = time.perf_counter()
            results[w] = job(w)
            times[w] = time.perf_counter() - t
        print(f"   {name:50s} 1: {times[1]:6.2f} s  {workers}: {times[workers]:6.2f} s  "
              f"({times[1] / times[workers]:.2f}x)  same result: {results[1] == results[workers]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=2000, help="hypothesis examples per measurement")
    ap.add_argument("--instances", type=int, default=20000, help="random instances per measurement")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--blocks", type=int, default=16, help="blocks per batched-engine rate measurement")
    ap.add_argument("--batch-instances", type=int, default=400_000, help="instances for sections 7 and 8")
    ap.add_argument("--only", default="1,2,3,4,5,6,7,8,9,10", help="sections to run, comma-separated")
    a = ap.parse_args()
    only = {int(x) for x in a.only.split(",") if x.strip()}
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.2f}")
    if 1 in only:
        section_cost(a.instances // 4, a.seed)
    if 2 in only:
        section_hypothesis(a.examples, a.seed)
    if 3 in only:
        section_random(a.instances, a.seed)
    if 4 in only:
        section_first(a.seed)
    if 5 in only:
        section_workers(a.examples, a.instances, a.seed, a.workers)
    if 6 in only:
        section_batch(a.blocks, a.examples, a.seed)
    if 7 in only:
        section_batch_workers(a.batch_instances, a.seed, a.workers)
    if 8 in only:
        section_dask(a.batch_instances, a.seed, a.workers)
    if 9 in only:
        section_first_batch(a.seed, a.workers)
    if 10 in only:
        section_other_searches(a.examples, a.instances, a.seed, a.workers)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
