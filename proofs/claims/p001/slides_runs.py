"""The long training runs of 001-H2 and 001-H3 (the slides' full budget), stored once.

    OPENBLAS_NUM_THREADS=1 python -m proofs.claims.p001.slides_runs --claim 001-H2 --n 8 --seeds 0,1,2

trains each run (one run per block of the search harness :func:`proofs.methods.batched.run_blocks`:
``--workers W`` processes, default every core, or ``--scheduler ADDRESS`` a Dask cluster; each run
depends on its seed alone) of the slides' recipe (RMSProp, full batch, Keras-like initialisation; 001-H2:
constrained encoder z = alpha theta + beta, lr 1e-5; 001-H3: unconstrained linear encoder, lr
1e-4; default 2,500,000 epochs) and merges its final float64 weights into the data file
(default :data:`DATA_FILE`, written atomically after every run, so an interrupted series keeps
the finished runs).  Every run is seeded: the same command on the same numpy build reproduces
the same weights.  Each stored run records its recipe (claim, encoder, n, lr, epochs, seed),
the exact command, the final float64 parameters (``repr`` strings: the exact float64 values),
the float loss history (about 100 records), the seconds it took and the numpy version.  The
claims read these runs and decide everything about them exactly (`trained_h2.py`).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from exact.errors import InvalidArgument
from exact.files import atomic_write_text
from numeric.training import TrainConfig, train

__all__ = ["DATA_FILE", "RECIPES", "FULL_EPOCHS", "recipe_config", "load_runs", "run_key", "train_run", "SlidesRuns"]

#: Where the stored runs live (committed).
DATA_FILE = Path(__file__).with_name("data") / "slides_training_runs.json"
#: The slides' budget.
FULL_EPOCHS = 2_500_000
#: claim -> (encoder, learning rate) of the slides' recipe.
RECIPES = {"001-H2": ("affine", 1e-5), "001-H3": ("linear", 1e-4)}


def recipe_config(claim_id: str, n: int, seed: int, epochs: int = FULL_EPOCHS, lr: float | None = None) -> TrainConfig:
    """The TrainConfig of one run of the slides' recipe for ``claim_id``."""
    if claim_id not in RECIPES:
        raise InvalidArgument(f"unknown recipe {claim_id!r}; choose from {', '.join(RECIPES)}")
    encoder, lr0 = RECIPES[claim_id]
    return TrainConfig(n=n, decoder="relu2", encoder=encoder, optimizer="rmsprop", lr=lr0 if lr is None else lr,
                       epochs=epochs, seed=seed, log_every=max(1, epochs // 100))


def run_key(claim_id: str, n: int, lr: float, epochs: int, seed: int) -> str:
    return f"{claim_id}/n={n}/lr={lr!r}/epochs={epochs}/seed={seed}"


def load_runs(path=None) -> list[dict]:
    """The stored runs (an empty list if the file does not exist)."""
    p = Path(path or DATA_FILE)
    if not p.exists():
        return []
    with open(p, encoding="utf-8") as fh:
        doc = json.load(fh)
    if doc.get("format") != "relu-proofcheck-slides-runs":
        raise InvalidArgument(f"{p}: not a stored-runs file")
    return doc["runs"]


def train_run(claim_id: str, n: int, seed: int, epochs: int = FULL_EPOCHS, progress: bool | None = None) -> dict:
    """Train one run and return its stored form."""
    cfg = recipe_config(claim_id, n, seed, epochs)
    r = train(cfg, progress=progress)
    return {"key": run_key(claim_id, n, cfg.lr, epochs, seed), "claim": claim_id, "encoder": cfg.encoder, "n": n,
            "lr": repr(cfg.lr), "epochs": epochs, "epochs_run": r.epochs_run, "seed": seed, "optimizer": "rmsprop",
            "params": {k: ([repr(float(x)) for x in np.asarray(v, dtype=np.float64).ravel()]
                           if np.ndim(v) else repr(float(v))) for k, v in r.params.items()},
            "shapes": {k: list(np.shape(v)) for k, v in r.params.items()},
            "final_loss_float": repr(float(r.final_loss)),
            "history": [[int(e), repr(float(l))] for e, l in r.history],
            "seconds": round(r.seconds, 1), "numpy": np.__version__, "python": platform.python_version()}


@dataclass(frozen=True)
class SlidesRuns:
    """The runs of one recipe as a task of :func:`proofs.methods.batched.run_blocks`: block i trains
    ``seeds[i]`` (:func:`train_run`) and returns the stored form in ``extra``."""

    claim_id: str
    n: int
    seeds: tuple[int, ...]
    epochs: int = FULL_EPOCHS
    size: int = 1
    progress: bool | None = False   # None: a progress bar on a terminal (one process only)

    def run_block(self, seed: int, block: int, count: int | None = None) -> dict:
        return {"instances": 1, "hits": [], "counts": {}, "lists": {},
                "extra": train_run(self.claim_id, self.n, self.seeds[block], self.epochs,
                                   progress=self.progress)}


def _save(path: Path, runs: list[dict]) -> None:
    doc = {"format": "relu-proofcheck-slides-runs", "version": 1,
           "description": ("Final float64 weights of the slides' recipe (001-H2: z = alpha theta + beta, lr 1e-5; "
                           "001-H3: z = w_E . x + b_E, lr 1e-4; RMSProp full batch, Keras-like init), written by "
                           "proofs/claims/p001/slides_runs.py"),
           "runs": sorted(runs, key=lambda r: (r["claim"], r["n"], r["epochs"], r["seed"]))}
    atomic_write_text(path, json.dumps(doc, indent=1) + "\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--claim", required=True, choices=sorted(RECIPES))
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--seeds", default="0")
    ap.add_argument("--epochs", type=int, default=FULL_EPOCHS)
    ap.add_argument("--out", default=str(DATA_FILE))
    ap.add_argument("--workers", type=int, default=0, help="processes (default 0: every core)")
    ap.add_argument("--scheduler", metavar="ADDRESS", help="train on the Dask cluster at ADDRESS instead")
    a = ap.parse_args(argv)
    from proofs.methods.batched import resolve_workers, run_blocks

    out = Path(a.out)
    command = "OPENBLAS_NUM_THREADS=1 python -m proofs.claims.p001.slides_runs " + " ".join(
        shlex.quote(v) for v in (argv if argv is not None else sys.argv[1:]))
    seeds = tuple(int(s) for s in a.seeds.split(",") if s.strip())
    if not seeds:
        return 0

    def save(block: int, res: dict) -> None:   # each run is saved as soon as it arrives
        run = dict(res["extra"])
        run["command"] = command
        run["openblas_threads"] = os.environ.get("OPENBLAS_NUM_THREADS")
        runs = [r for r in load_runs(out) if r["key"] != run["key"]] + [run]
        _save(out, runs)
        print(f"{run['key']}: loss {float(run['final_loss_float']):.3g} in {run['seconds']} s", flush=True)

    w = min(resolve_workers(a.workers, a.scheduler), len(seeds))
    task = SlidesRuns(a.claim, a.n, seeds, a.epochs, progress=None if w == 1 and not a.scheduler else False)
    try:
        run_blocks(task, seed=0, max_instances=len(seeds), workers=w, scheduler=a.scheduler, stop_on_hit=False,
                   on_result=save, complete=True)
    except KeyboardInterrupt:   # the runs finished so far are saved
        print("interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
