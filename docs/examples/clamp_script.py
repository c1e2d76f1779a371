"""The clamp lemma (docs/examples/clamp.toml) for n <= 200 with the public API, in a plain script.

f_n is affine between consecutive break points (the network's, from the exact sweep, and the
clamp's, 1 and n + 1) and beyond them, so equal values at every break point and at two points past
each end prove f_n = clamp on all of R.  The float64 mirror is compared at the same points.
"""
import sys
from fractions import Fraction
from pathlib import Path

import proofs

sys.path.insert(0, str(Path(__file__).parent))
from clamp import network, network_shift2  # noqa: E402


def check(build, n_max=200):
    for n in range(1, n_max + 1):
        net, clamp = build(n), (lambda x: min(max(x - 1, Fraction(0)), Fraction(n)))
        cuts = sorted({p.hi for p in proofs.sweep_1d(net).pieces[:-1]} | {Fraction(1), Fraction(n + 1)})
        xs = [cuts[0] - 2, cuts[0] - 1, *cuts, cuts[-1] + 1, cuts[-1] + 2]
        exact = proofs.evaluate_batch(net, [[x] for x in xs])
        for x, (y,) in zip(xs, exact.to_fractions()):
            if y != clamp(x):
                return f"refuted at n = {n}, x = {x}: f_n(x) = {y}, clamp = {clamp(x)}"
        floats = proofs.evaluate_float(net, [[float(x)] for x in xs])
        if proofs.disagreement_mask(exact, floats).any():
            print(f"n = {n}: float64 differs from the exact values")
    return f"f_n = clamp on R for every n <= {n_max}"


if __name__ == "__main__":
    print(check(network))          # the lemma
    print(check(network_shift2))   # the false variant
