"""Time to a certified admissible decoder: the slides' recipe against the fast pipeline.

    .venv/bin/python bench/bench_training.py [--ns 16,32] [--cap-epochs 20000] [--check-every 2000]

Slides' recipe (001-H2): constrained encoder z = alpha i + beta, two-layer ReLU decoder,
Keras-like init, RMSProp lr 1e-5, full batch; every ``check-every`` epochs the network is
certified exactly (exact.certify) and the run stops at the first certified admissible
network, or at the epoch cap.  Fast pipeline: same architecture, spread init (layer-2
breakpoints between the codes, layer 3 by least squares), L-BFGS polish, exact
certification (W3 re-solved exactly).  Both measured in this run; the ratio is printed.
If the recipe hits the cap, the ratio is a lower bound (time-to-cap / fast time).
"""

import argparse
import time

from numeric.training import TrainConfig, train
from proofs.claims.p000.training_t1 import certify_result


def slides(n, cap, every, lr):
    t0 = time.perf_counter()
    state = {"cert": None}

    def cb(epoch, params):
        from numeric.training import TrainResult
        c = certify_result(TrainResult(cfg, params))
        state["cert"] = (epoch, c.outcome)
        return c.certified

    cfg = TrainConfig(n=n, decoder="relu2", encoder="affine", optimizer="rmsprop", lr=lr, epochs=cap, seed=0)
    r = train(cfg, callback=cb, callback_every=every)
    return time.perf_counter() - t0, r.stopped == "callback", r.epochs_run, r.final_loss


def fast(n):
    t0 = time.perf_counter()
    r = train(TrainConfig(n=n, decoder="relu2", encoder="affine", init="spread", optimizer="lbfgs", epochs=50, seed=0),
              progress=False)
    c = certify_result(r)
    return time.perf_counter() - t0, c.certified, r.epochs_run, c.outcome


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ns", default="16,32")
    ap.add_argument("--cap-epochs", type=int, default=20000)
    ap.add_argument("--check-every", type=int, default=2000)
    ap.add_argument("--lr", type=float, default=1e-5)
    a = ap.parse_args()
    print(f"{'n':>3} {'recipe s':>9} {'recipe certified':>17} {'epochs':>7} {'fast s':>8} {'fast outcome':>13} {'ratio':>10}")
    for n in [int(v) for v in a.ns.split(",")]:
        ts, ok, ep, loss = slides(n, a.cap_epochs, a.check_every, a.lr)
        tf, okf, it, outc = fast(n)
        ratio = ts / tf
        print(f"{n:>3} {ts:>9.2f} {str(ok):>17} {ep:>7} {tf:>8.3f} {outc:>13} {('>' if not ok else '') + f'{ratio:.0f}x':>10}"
              + ("" if ok else f"   (recipe at cap, loss {loss:.3g}: ratio is a lower bound)"))


if __name__ == "__main__":
    main()
