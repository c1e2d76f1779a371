"""Benchmark: exact region enumeration against the float LP enumeration and a 10^6-point grid.

Run:  .venv/bin/python bench/bench_regions.py [--archs 16-16 32-32-32] [--seeds 0] [--grid 1000000]
      [--float-limit 600] [--general-limit 120]

For each random network (2 inputs, integer/4 weights and biases in [-2, 2]) it prints, all
measured in the same run:
  * regions and seconds of the exact 2-D path (polygon clipping, irredundant facets included)
    and of the exact general path (irredundant=False: each float LP proposal verified exactly);
  * seconds of the float64 HiGHS enumeration (numeric.regions.float_enumerate) and the ratios
    exact / float; regions per second of each.  A path that exceeds its time limit (run in a
    child process) is reported as "> limit" and its ratio as a bound;
  * regions found by a grid of ~10^6 points of the box [-B, B]^2 (B chosen so that the box holds
    every vertex of the enumeration), and how many exact regions the grid missed;
  * how the time of the 2-D path grows with the number of regions (log-log slope);
  * the 1-D sweep against the general path on a random 1-D network of the same widths.

Higher input dimensions (--archs3, input width first, e.g. 3-12-12): the exact clipping path
(exact.clipping, one process) against the float LP enumeration, with the counts compared and
the log-log slope of time against regions; --big (default 3-40-40) is enumerated with --workers
processes (>= 10^5 regions on all of R^3); --parallel (default 3-20-20 3-32-32) is timed with 1
and 2 workers (--parallel-repeats times, each run in a fresh process as `proofcheck regions` runs):
end to end, i.e. the enumeration, the affine-piece count and the JSON text's parts that
`proofcheck regions --json` writes one after the other (made in the workers: prepare_json), with the CPU seconds of
the parent and of its workers, and the JSON compared; then two one-worker runs at once give the
machine's own ceiling for two processes (2 x one alone / the slower of the pair).  The 2-D table also times the clipping path on the same networks.  The machine is
shared: compare ratios measured in the same run, not seconds across runs.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing as mp
import os
import subprocess
import sys
import time

from exact.regions import enumerate_regions, polygon_vertices
from numeric.regions import compare_with_sampling, float_enumerate, grid_patterns
from proofs.claims.p003 import random_network


def _box_for(e):
    m = 1.0
    for r in e.regions:
        for v in polygon_vertices(r):
            m = max(m, abs(float(v[0])), abs(float(v[1])))
    return 1.1 * m


def _timed(job, widths, seed, out):
    net = random_network(widths, seed, den=4, span=8)
    t, c = time.perf_counter(), time.process_time()
    n = len(float_enumerate(net)) if job == "float" else len(enumerate_regions(net, method="general",
                                                                              irredundant=False).regions)
    out.put((time.perf_counter() - t, n, time.process_time() - c))


_CPU: dict = {}   # (job, widths, seed) -> CPU seconds of the last finished child run


def _limited(job, widths, seed, limit):
    """(seconds, regions) of a run in a child process, or (None, None) past ``limit`` seconds (wall)."""
    q = mp.Queue()
    p = mp.Process(target=_timed, args=(job, widths, seed, q))
    p.start()
    p.join(limit)
    if p.is_alive():
        p.terminate()
        p.join()
        return None, None
    t, n, cpu = q.get()
    _CPU[job, tuple(widths), seed] = cpu
    return t, n


def _fmt(t, limit):
    return f"{t:8.2f}" if t is not None else f"{'>' + str(int(limit)):>8}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--archs", nargs="*", default=["8-8", "16-16", "32-32-32"])
    ap.add_argument("--seeds", nargs="+", type=int, default=[0])
    ap.add_argument("--grid", type=int, default=10**6)
    ap.add_argument("--float-limit", type=float, default=600.0)
    ap.add_argument("--general-limit", type=float, default=120.0)
    ap.add_argument("--scaling", nargs="*", default=["6-6", "12-12", "24-24", "16-16-16", "24-24-24"],
                    help="architectures for the growth of time with the number of regions")
    ap.add_argument("--archs3", nargs="*", default=["3-8-8", "3-12-12", "3-20-20", "4-8-8", "4-12-12", "5-8-8"])
    ap.add_argument("--big", nargs="*", default=["3-40-40"])
    ap.add_argument("--parallel", nargs="*", default=["3-20-20", "3-32-32"])
    ap.add_argument("--parallel-child", nargs=2, metavar=("ARCH", "WORKERS"), help=argparse.SUPPRESS)
    ap.add_argument("--spin-child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--parallel-repeats", type=int, default=1,
                    help="time 1 against 2 workers this many times (medians printed)")
    args = ap.parse_args()
    import json
    import os
    import subprocess
    import sys

    if args.spin_child:
        return _spin_child()
    if args.parallel_child:
        return _parallel_child(args.parallel_child[0], int(args.parallel_child[1]), args.seeds[0])

    up = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip() if os.path.exists("/usr/bin/uptime") else ""
    print(f"uptime at the start: {up or os.getloadavg()}", flush=True)
    high_dimensions(args)
    print(f"{'arch':>10} {'seed':>4} {'regions':>7} {'2-D s':>8} {'gen s':>8} {'float s':>8} {'2D/float':>8} "
          f"{'gen/float':>9} {'2-D reg/s':>9} {'float reg/s':>11} {'grid found':>10} {'grid missed':>11}")
    for arch in args.archs:
        widths = [2] + [int(w) for w in arch.split("-")] + [1]
        for seed in args.seeds:
            net = random_network(widths, seed, den=4, span=8)
            t, c = time.perf_counter(), time.process_time()
            e = enumerate_regions(net)
            t_2d, c_2d = time.perf_counter() - t, time.process_time() - c
            n = len(e.regions)
            t, c = time.perf_counter(), time.process_time()
            n_clip = len(enumerate_regions(net, method="clip").regions)
            t_clip, c_clip = time.perf_counter() - t, time.process_time() - c
            print(f"{arch:>10} {seed:>4}: clipping path {n_clip} regions in {t_clip:.2f} s ({n_clip / t_clip:.0f} regions/s;"
                  f" {c_clip:.2f} CPU s, {n_clip / max(c_clip, 1e-9):.0f} regions per CPU s); polygon path (default)"
                  f" {c_2d:.2f} CPU s, {n / max(c_2d, 1e-9):.0f} regions per CPU s"
                  + ("" if n_clip == n else " CLIP MISMATCH"))
            t_gen, n_gen = _limited("general", widths, seed, args.general_limit)
            t_float, n_float = _limited("float", widths, seed, args.float_limit)
            B = _box_for(e)
            t = time.perf_counter()
            found = grid_patterns(net, (-B, B), args.grid)
            t_grid = time.perf_counter() - t
            cmp = compare_with_sampling(e, found)
            r2 = f"{t_2d / t_float:8.3f}" if t_float else f"{'<' + format(t_2d / args.float_limit, '.3f'):>8}"
            rg = (f"{t_gen / t_float:9.2f}" if t_gen and t_float else f"{'-':>9}")
            print(f"{arch:>10} {seed:>4} {n:>7} {t_2d:8.2f} {_fmt(t_gen, args.general_limit)} "
                  f"{_fmt(t_float, args.float_limit)} {r2} {rg} {n / t_2d:9.1f} "
                  f"{(n_float / t_float if t_float else float('nan')):11.1f} {cmp['sampled_regions']:>10} "
                  f"{cmp['missed_by_sampling']:>11}  (grid {t_grid:.1f} s, box [-{B:.3g}, {B:.3g}]^2)"
                  + ("" if n_float in (None, n) else f"  FLOAT FOUND {n_float}")
                  + ("" if n_gen in (None, n) else f"  GENERAL FOUND {n_gen}")
                  + (f"  GRID-ONLY PATTERNS {cmp['found_only_by_sampling']}" if cmp["found_only_by_sampling"] else ""))
    pts = []
    for arch in args.scaling:
        widths = [2] + [int(w) for w in arch.split("-")] + [1]
        for seed in args.seeds:
            net = random_network(widths, seed, den=4, span=8)
            t = time.perf_counter()
            n = len(enumerate_regions(net).regions)
            dt = time.perf_counter() - t
            pts.append((n, dt))
            print(f"scaling {arch:>10} seed {seed}: {n:>6} regions in {dt:7.2f} s ({n / dt:8.1f} regions/s)")
    if len(pts) >= 2:
        xs, ys = [math.log(n) for n, _ in pts], [math.log(t) for _, t in pts]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        print(f"2-D path: time ~ regions^{slope:.2f} (least squares on log-log)")
    for arch in args.archs:
        widths = [1] + [int(w) for w in arch.split("-")] + [1]
        net1 = random_network(widths, 0)
        reps = 20
        t = time.perf_counter()
        for _ in range(reps):
            s = enumerate_regions(net1)
        t_sweep = (time.perf_counter() - t) / reps
        t = time.perf_counter()
        g = enumerate_regions(net1, method="general", irredundant=False)
        t_gen = time.perf_counter() - t
        print(f"{'1-D ' + arch:>12}: {len(s.regions)} regions; sweep {t_sweep * 1e3:.2f} ms, general (no facet "
              f"reduction) {t_gen * 1e3:.1f} ms: ratio {t_gen / t_sweep:.0f}x"
              + ("" if len(g.regions) == len(s.regions) else " MISMATCH"))


def _slope(pts):
    xs, ys = [math.log(n) for n, _ in pts], [math.log(t) for _, t in pts]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def high_dimensions(args) -> None:
    """d >= 3: the exact clipping path against the float LP enumeration, big runs, 1 vs 2 workers."""
    print(f"{'arch':>10} {'seed':>4} {'regions':>8} {'clip s':>8} {'float s':>8} {'float/clip':>10} "
          f"{'clip reg/s':>10} {'float reg/s':>11}")
    pts = {}
    for arch in args.archs3:
        widths = [int(w) for w in arch.split("-")] + [1]
        for seed in args.seeds:
            net = random_network(widths, seed, den=4, span=8)
            t, c = time.perf_counter(), time.process_time()
            n = len(enumerate_regions(net, method="clip", workers=1).regions)
            tc, cc = time.perf_counter() - t, time.process_time() - c
            pts.setdefault(widths[0], []).append((n, tc))
            tf, nf = _limited("float", widths, seed, args.float_limit)
            ratio = f"{tf / tc:10.1f}" if tf else f"{'>' + format(args.float_limit / tc, '.1f'):>10}"
            cpu = (f"; CPU s clip {cc:.2f}, float {_CPU['float', tuple(widths), seed]:.2f}: "
                   f"{_CPU['float', tuple(widths), seed] / cc:.1f}x") if tf else f"; CPU s clip {cc:.2f}"
            print(f"{arch:>10} {seed:>4} {n:>8} {tc:8.2f} {_fmt(tf, args.float_limit)} {ratio} {n / tc:10.0f} "
                  f"{(nf / tf if tf else float('nan')):11.1f}" + ("" if nf in (None, n) else f"  FLOAT FOUND {nf}")
                  + cpu, flush=True)
    for d, p in sorted(pts.items()):
        if len(p) >= 2:
            print(f"clipping path, d = {d}: time ~ regions^{_slope(p):.2f} (least squares on log-log, {len(p)} networks)")
    med = lambda v: sorted(v)[len(v) // 2]  # noqa: E731
    if args.parallel:
        _spin_ceiling(args.parallel_repeats, med)
    for arch in args.parallel:
        # each run in a fresh process, as `proofcheck regions` runs: a pool forked from a process
        # that has just enumerated (its freed memory reused by the workers, page by page copied)
        # was 0.2-0.4 s slower at 3-32-32
        runs: dict = {1: [], 2: [], "pair": []}
        child = [sys.executable, __file__, "--parallel-child", arch]
        for rep in range(args.parallel_repeats):
            for w in (1, 2):
                out = subprocess.run(child + [str(w)], capture_output=True, text=True, check=True).stdout
                runs[w].append(json.loads(out.strip().splitlines()[-1]))
            # the machine's own ceiling: two one-worker runs at once (the same work twice, no
            # communication); 2 x (one alone) / (the slower of the pair) is what two busy processes
            # get here against one (a virtual machine's two CPUs may not run two processes at full speed)
            pair = [subprocess.Popen(child + ["1"], stdout=subprocess.PIPE, text=True) for _ in range(2)]
            outs = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in pair]
            if any(p.returncode for p in pair):
                raise SystemExit("a one-worker run of the pair failed")
            runs["pair"].append(max(o["total"] for o in outs))
            one, two = runs[1][-1], runs[2][-1]
            ceiling = 2 * one["total"] / runs["pair"][-1]
            print(f"workers {arch} (load average {os.getloadavg()[0]:.1f}): {one['regions']} regions, "
                  f"{one['pieces']} affine pieces; end to end (enumeration, count, JSON text) 1 worker "
                  f"{one['total']:.2f} s, 2 workers {two['total']:.2f} s: {one['total'] / two['total']:.2f}x "
                  f"(enumeration {one['enum']:.2f} s / {two['enum']:.2f} s, the JSON texts made in the workers; "
                  f"count and text after it {one['total'] - one['enum']:.2f} s / {two['total'] - two['enum']:.2f} s); "
                  f"CPU s one process {one['cpu']:.2f}, 2 workers parent {two['cpu']:.2f} + workers "
                  f"{two['children']:.2f}; identical JSON: {one['sha'] == two['sha']}; two one-worker runs at once "
                  f"{runs['pair'][-1]:.2f} s: this machine runs two busy processes at {ceiling:.2f}x one, "
                  f"2 workers reach {one['total'] / two['total'] / ceiling:.0%} of that", flush=True)
            if one["sha"] != two["sha"]:
                raise SystemExit("the JSON of 1 and 2 workers differ")
        if args.parallel_repeats > 1:
            ratios = [a["total"] / b["total"] for a, b in zip(runs[1], runs[2])]
            ceilings = [2 * a["total"] / p for a, p in zip(runs[1], runs["pair"])]
            print(f"   {arch}, median of {len(ratios)}: 2 workers {med(ratios):.2f}x one worker end to end "
                  f"(each {', '.join(f'{r:.2f}' for r in ratios)}; the median times "
                  f"{med([r['total'] for r in runs[1]]):.2f} s and {med([r['total'] for r in runs[2]]):.2f} s); "
                  f"the machine's ceiling for two processes {med(ceilings):.2f}x "
                  f"(each {', '.join(f'{c:.2f}' for c in ceilings)})", flush=True)
    for arch in args.big:
        widths = [int(w) for w in arch.split("-")] + [1]
        net = random_network(widths, args.seeds[0], den=4, span=8)
        t = time.perf_counter()
        n = len(enumerate_regions(net, method="clip", workers=args.workers).regions)
        dt = time.perf_counter() - t
        print(f"big {arch}: {n} regions of R^{widths[0]} in {dt:.1f} s with {args.workers} workers "
              f"({n / dt:.0f} regions/s)", flush=True)


_SPIN = 30_000_000


def _spin_ceiling(repeats: int, med) -> None:
    """The same ceiling for a loop that touches almost no memory (the interpreter adding small
    integers): if two of these also slow each other down, the two CPUs themselves do not run two
    busy processes at full speed, whatever the processes do with memory."""
    child = [sys.executable, __file__, "--spin-child"]
    alone, pair, cpu1, cpu2 = [], [], [], []
    for _ in range(max(repeats, 1)):
        one = json.loads(subprocess.run(child, capture_output=True, text=True, check=True).stdout)
        two = [subprocess.Popen(child, stdout=subprocess.PIPE, text=True) for _ in range(2)]
        outs = [json.loads(p.communicate()[0]) for p in two]
        alone.append(one["wall"])
        pair.append(max(o["wall"] for o in outs))
        cpu1.append(one["cpu"])
        cpu2.append(max(o["cpu"] for o in outs))
    ceilings = [2 * a / p for a, p in zip(alone, pair)]
    print(f"machine: a loop with almost no memory traffic ({_SPIN:,} additions) takes {med(alone):.2f} s alone "
          f"({med(cpu1):.2f} CPU s), the slower of two at once {med(pair):.2f} s ({med(cpu2):.2f} CPU s): "
          f"two busy processes run at {med(ceilings):.2f}x one (each {', '.join(f'{c:.2f}' for c in ceilings)})",
          flush=True)


def _spin_child() -> None:
    t, c = time.perf_counter(), time.process_time()
    x = 0
    for i in range(_SPIN):
        x += i & 7
    print(json.dumps({"wall": time.perf_counter() - t, "cpu": time.process_time() - c}))


def _parallel_child(arch: str, workers: int, seed: int) -> None:
    """One run of --parallel in this (fresh) process: what `proofcheck regions --json` does."""
    import hashlib
    import json
    import resource

    import scipy.optimize  # noqa: F401  (as in the command: the count's rare LP decisions need it)

    net = random_network([int(w) for w in arch.split("-")] + [1], seed, den=4, span=8)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    t, c = time.perf_counter(), time.process_time()
    e = enumerate_regions(net, method="clip", workers=workers, prepare_json=True)
    enum = time.perf_counter() - t
    pieces = e.counts()["affine_pieces"]
    # the JSON document in parts, as the command makes it before writing them one after the other
    # (never joined into one string)
    parts = e.json_parts({}, {"affine_maps": e.affine_maps()})
    total, cpu = time.perf_counter() - t, time.process_time() - c
    k2 = resource.getrusage(resource.RUSAGE_CHILDREN)
    sha = hashlib.sha256()
    for part in parts:
        sha.update(part.encode())
    print(json.dumps({"regions": len(e.regions), "pieces": pieces, "enum": enum, "total": total, "cpu": cpu,
                      "children": k2.ru_utime + k2.ru_stime - kids.ru_utime - kids.ru_stime,
                      "sha": sha.hexdigest()}))


if __name__ == "__main__":
    main()
