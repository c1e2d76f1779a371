"""Benchmark: the clipping path on one process, a process pool, and a local Dask cluster.

Run:  .venv/bin/python bench/bench_regions_dask.py [--arch 3-16-16-1] [--seed 0] [--workers 2] [--repeat 2]

For a random network (`proofs.claims.p003.random_network(widths, seed)`) it prints, measured in
the same run: the seconds of `enumerate_regions(net, workers=1)` (the baseline), of a pool of
``--workers`` processes, and of a `distributed.LocalCluster` of ``--workers`` single-thread worker
processes through `Client.get_executor()` (as `proofcheck regions --scheduler` does; the cluster's
start is not timed), each ``--repeat`` times, with the ratios to the baseline and a check that
every run gives the baseline's regions.  The machine is shared: compare ratios of one run.
"""

from __future__ import annotations

import argparse
import os
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arch", default="3-16-16-1")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()

    import distributed

    from exact.regions import enumerate_regions
    from proofs.claims.p003 import random_network

    net = random_network([int(w) for w in args.arch.split("-")], args.seed)

    def timed(**kw):
        t = time.perf_counter()
        e = enumerate_regions(net, **kw)
        return time.perf_counter() - t, e.to_json()

    base_s, ref = timed(workers=1)
    print(f"{args.arch} seed {args.seed}: {len(ref['regions'])} regions; load average {os.getloadavg()[0]:.1f}")
    print(f"  1 process            {base_s:7.2f} s")
    for k in range(args.repeat):
        s, out = timed(workers=args.workers)
        print(f"  pool of {args.workers} (run {k})     {s:7.2f} s  ratio {base_s / s:5.2f}  same: {out == ref}")
    with distributed.LocalCluster(n_workers=args.workers, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as lc, distributed.Client(lc) as client:
        for k in range(args.repeat):
            s, out = timed(workers=args.workers, executor=client.get_executor(pure=False))
            print(f"  dask {args.workers} workers (run {k}) {s:7.2f} s  ratio {base_s / s:5.2f}  same: {out == ref}")
    print(f"  load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
