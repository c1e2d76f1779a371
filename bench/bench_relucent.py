"""Side by side with relucent 1.0: region counts and times on the same networks.

Run:  .venv/bin/python bench/bench_relucent.py [--venv /tmp/relucent-venv] [--archs 3-8-8 3-12-12 4-8-8]
      [--seeds 0] [--limit 600] [--workers 1]

relucent (package index: ``relucent``, with ``gurobipy`` and its size-limited licence) is installed
into a separate virtual environment created by this script (default /tmp/relucent-venv; never part
of the project).  Each network is enumerated on all of R^d by

* ours: ``enumerate_regions`` (exact vertex clipping for d >= 3, one process unless --workers);
* relucent: ``Complex(convert([(W, b), ...])).bfs(start=..., nworkers=1)``, run in a child process
  of that environment with the same weights (multiples of 1/4, exact in float64), the BFS
  started at a point off every hyperplane (found exactly on our side: an interior point of one of
  our regions).  Past --limit seconds relucent's run is stopped and reported as such.

Random networks (integer/4 weights in [-2, 2], as bench_regions.py) and degenerate ones (planes
through a common line, repeated neurons, parallel planes, a dead neuron) are compared; an
exception raised by relucent is printed by name.  All timings come from one run on a shared,
loaded 2-core machine: compare the ratio, not the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

from exact.network import Network
from exact.regions import enumerate_regions
from proofs.claims.p003 import random_network

_CHILD = r"""
import json, sys, time, numpy as np
from relucent import Complex, convert
spec = json.loads(sys.stdin.read())
layers = [(np.array(W, dtype=np.float64), np.array(b, dtype=np.float64)) for W, b in spec["layers"]]
out = {}
try:
    t = time.perf_counter()
    c = Complex(convert(layers))
    res = c.bfs(start=np.array(spec["start"], dtype=np.float64), nworkers=1, verbose=0)
    out = {"regions": len(c), "seconds": time.perf_counter() - t, "complete": bool(res.complete),
           "verified": bool(res.verified)}
except Exception as exc:
    out = {"error": type(exc).__name__ + ": " + str(exc).splitlines()[0][:150]}
print(json.dumps(out))
"""


def ensure_venv(path: str) -> str:
    """The relucent environment's interpreter, creating the environment if needed."""
    py = os.path.join(path, "bin", "python")
    if not os.path.exists(py):
        subprocess.run([sys.executable, "-m", "venv", path], check=True)
    probe = subprocess.run([py, "-c", "import relucent, gurobipy"], capture_output=True)
    if probe.returncode:
        subprocess.run([py, "-m", "pip", "install", "-q", "relucent==1.0.0", "gurobipy"], check=True)
    return py


def degenerate_networks() -> dict[str, Network]:
    """3-input networks whose first-layer planes are not in general position, on purpose."""
    return {
        "3 planes through one line + copies": Network.from_layers(
            {"weight": [[1, 0, 0], [0, 1, 0], [1, 1, 0], [2, 0, 0], [0, 0, 1], [1, -1, 1]],
             "bias": [0, 0, 0, 0, "1/2", "-1/4"], "activation": "relu"},
            {"weight": [[1, -1, 1, 1, 1, -1]], "activation": "identity"}),
        "parallel planes + dead neuron": Network.from_layers(
            {"weight": [[1, 1, 1], [1, 1, 1], [1, -1, 0], [0, 0, 0], [0, 1, -1]], "bias": [0, -1, "1/4", -1, "1/2"],
             "activation": "relu"},
            {"weight": [[1, -1, 0, 1, 1], [0, 1, 1, 0, -1]], "bias": ["1/4", "-1/2"], "activation": "relu"},
            {"weight": [[1, 2]], "activation": "identity"}),
        "four planes through one point": Network.from_layers(
            {"weight": [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1], [1, -2, "1/2"]], "bias": [0, 0, 0, 0, "3/4"],
             "activation": "relu"},
            {"weight": [[1, 1, -1, 1, 1]], "activation": "identity"}),
    }


def _relucent(py: str, net: Network, start, limit: float) -> dict:
    spec = {"layers": [[[[float(w) for w in row] for row in layer.weight], [float(b) for b in layer.bias]]
                       for layer in net.layers],
            "start": [float(x) for x in start]}
    try:
        r = subprocess.run([py, "-c", _CHILD], input=json.dumps(spec), capture_output=True, text=True,
                           timeout=limit)
    except subprocess.TimeoutExpired:
        return {"error": f"stopped after {limit:g} s"}
    try:
        return json.loads(r.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return {"error": (r.stderr.strip().splitlines() or ["no output"])[-1][:150]}


def _start_point(e):
    """An interior point of a region, off every hyperplane (exact), as the relucent BFS start."""
    return e.regions[len(e.regions) // 2].point


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--venv", default="/tmp/relucent-venv")
    ap.add_argument("--archs", nargs="+", default=["3-8-8", "3-12-12", "3-16-16", "4-8-8", "4-10-10"])
    ap.add_argument("--seeds", nargs="+", type=int, default=[0])
    ap.add_argument("--limit", type=float, default=600.0)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    py = ensure_venv(args.venv)
    print("relucent:", subprocess.run([py, "-c", "import relucent; print(relucent.__version__)"],
                                      capture_output=True, text=True).stdout.strip())
    print(f"{'network':>36} {'ours':>8} {'ours s':>8} {'relucent':>9} {'relucent s':>10} {'ratio':>7}  note")
    cases = []
    for arch in args.archs:
        widths = [int(w) for w in arch.split("-")] + [1]
        for seed in args.seeds:
            cases.append((f"random {arch}-1 seed {seed}", random_network(widths, seed, den=4, span=8)))
    cases += list(degenerate_networks().items())
    for name, net in cases:
        t = time.perf_counter()
        e = enumerate_regions(net, workers=args.workers)
        ours = time.perf_counter() - t
        r = _relucent(py, net, _start_point(e), args.limit)
        if "error" in r:
            print(f"{name:>36} {len(e.regions):>8} {ours:8.2f} {'-':>9} {'-':>10} {'-':>7}  relucent: {r['error']}")
            continue
        same = "same count" if r["regions"] == len(e.regions) else f"COUNTS DIFFER ({r['regions']} vs {len(e.regions)})"
        print(f"{name:>36} {len(e.regions):>8} {ours:8.2f} {r['regions']:>9} {r['seconds']:10.2f} "
              f"{r['seconds'] / ours:6.1f}x  {same}; relucent complete={r['complete']} verified={r['verified']}",
              flush=True)


if __name__ == "__main__":
    main()
