"""001-L5 -- positive diagonal rescaling maps solutions to solutions.

Slides "Set of solutions" (Lemma): if (W2, b2, W3) is a solution with perfect reconstruction then
for all positive diagonal D, (D W2, b2 D, W3 D^{-1}) is also a solution.

Three verdicts:

* ``positive D``: proved by an argument the kernel checks itself (proofs/kernel/specs/p001b.py):
  per hidden neuron, (d W2_j) z + b2_j d = d (W2_j z + b2_j), ReLU(d u) = d ReLU(u) for d >= 0 (a
  sign test on polynomials in d, u >= 0 and d, -u <= 0) and (W3_kj / d_j)(d_j a_j) = W3_kj a_j,
  so every output is unchanged; exact checks on handcrafted decoders (z(i) = i and random codes)
  rescaled by random positive rational D for n <= n_max (a sample, in the verdict only; it runs on
  the batched harness :func:`proofs.methods.batched.run_blocks`, instance i drawn from (seed, i)
  alone by :class:`PositiveRescalingSample`).
* ``zero entry``: D^{-1} does not exist; reading D^{-1} as the pseudo-inverse (1/0 := 0) the
  neuron is removed and the reconstruction breaks (rank n - 1 < n, 001-L3).  Counterexample found
  and shrunk by hypothesis.
* ``negative entry``: ReLU(d u) != d ReLU(u) for d < 0; the rescaled triple is well defined but
  not a solution.  Counterexample found and shrunk by hypothesis; for the z(i) = i decoder every
  single negative entry breaks it (checked for n <= 8).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction

from hypothesis import HealthCheck, find, settings, strategies as st

from exact.scalar import to_rational
from exact.slides001 import (activation_rows, data_rows, decoder_network, decoder_output, handcrafted_decoder,
                             linear_codes, qmatrix, random_form1, relu_product_violations)
from exact.errors import ToolkitError
from proofs.claim import claim
from proofs.claims.p001 import (scope_params, SOURCE as _SRC, kernel_argument, linear_decoder, random_rational,
                                strs)
from proofs.claims.p001.bias_l4 import distinct_codes
from proofs.verdict import Status

__all__ = ["check", "rescale", "rescaled_reconstructs", "PositiveRescalingSample"]


def rescale(W2, b2, W3, D):
    """(D W2, b2 D, W3 D^+) with D^+ the pseudo-inverse of the diagonal D (1/0 := 0)."""
    d = [to_rational(v) for v in D]
    inv = [1 / v if v != 0 else Fraction(0) for v in d]
    return ([w * x for w, x in zip(W2, d)], [b * x for b, x in zip(b2, d)],
            [[w * x for w, x in zip(r, inv)] for r in W3])


def rescaled_reconstructs(n: int, D, amplitude=1) -> bool:
    dec = linear_decoder(n, amplitude)
    W2, b2, W3 = rescale(dec.W2, dec.b2, dec.W3.rows(), D)
    A2 = qmatrix(activation_rows(linear_codes(n), W2, b2))
    return not relu_product_violations(A2, qmatrix(W3), amplitude)


@dataclass(frozen=True)
class PositiveRescalingSample:
    """The ``positive D`` sample as a task of :func:`proofs.methods.batched.run_blocks`.

    Instance ``index`` of the sample with ``seed`` is drawn from (seed, index) alone: n = 1 + index
    mod n_max; for an even round (index div n_max) the z(i) = i decoder, for an odd one a handcrafted
    decoder on random distinct codes; D positive rational; all from a generator seeded by the string
    ``"001-L5/positive D/{seed}/{index}"``.  A hit is an instance whose rescaled decoder does not
    reconstruct (a bug, since the argument covers every positive D); hits and counts do not depend on
    the block size or the number of workers.
    """

    n_max: int
    amplitude: Fraction = Fraction(1)
    size: int = 8

    def instance(self, seed: int, index: int):
        """(n, codes, decoder, D) of instance ``index``."""
        rng = random.Random(f"001-L5/positive D/{seed}/{index}")
        n, c = 1 + index % self.n_max, self.amplitude
        if (index // self.n_max) % 2 == 0:
            dec, codes = linear_decoder(n, c), linear_codes(n)
        else:
            codes = distinct_codes(rng, n + 1)
            dec = handcrafted_decoder(codes, random_form1(n, c, seed=rng.randrange(1 << 30)), n)
        return n, codes, dec, [random_rational(rng, 9, sign=1) for _ in range(n)]

    def fails(self, seed: int, index: int) -> bool:
        n, codes, dec, D = self.instance(seed, index)
        W2, b2, W3 = rescale(dec.W2, dec.b2, dec.W3.rows(), D)
        return bool(relu_product_violations(qmatrix(activation_rows(codes, W2, b2)), qmatrix(W3), self.amplitude))

    def run_block(self, seed: int, block: int, count: int | None = None) -> dict:
        first, k = block * self.size, self.size if count is None else count
        return {"instances": k, "hits": [i for i in range(first, first + k) if self.fails(seed, i)]}


#: The argument of ``positive D``, as the kernel states and checks it: (step id, checker, fact).
ARGUMENT = [
    ("pre", "kernel", "(d W2_j) z + b2_j d = d (W2_j z + b2_j)"),
    ("relu", "kernel", "ReLU(d u) = d ReLU(u) for d >= 0 (cases u = s >= 0 and u = -s <= 0, sign of the coefficients)"),
    ("cancel", "kernel", "term j of (W3 D^{-1} ReLU(D (W2 z + b2)))_k is (W3_kj / d_j)(d_j a_j) = W3_kj a_j with "
                         "a_j = ReLU(W2_j z + b2_j): every output of the decoder is unchanged"),
]


def _shrunk(kind: str, amplitude) -> tuple[int, list]:
    if kind == "zero":
        entry = st.sampled_from([Fraction(0)]) | st.fractions(min_value=0, max_value=10, max_denominator=5)
        ok = lambda D: any(x == 0 for x in D)
    else:
        entry = st.fractions(min_value=-10, max_value=10, max_denominator=5).filter(lambda x: x != 0)
        ok = lambda D: any(x < 0 for x in D)
    strat = st.integers(1, 4).flatmap(lambda n: st.tuples(st.just(n), st.lists(entry, min_size=n, max_size=n)))
    n, D = find(strat, lambda t: ok(t[1]) and not rescaled_reconstructs(t[0], t[1], amplitude),
                settings=settings(database=None, derandomize=True, max_examples=500,
                                  suppress_health_check=list(HealthCheck)))
    return n, D


_CANCEL = (r"term $j$ of $(W_3 D^{-1} \mathrm{ReLU}(D (W_2 z + b_2)))_k$ is $(W_{3,kj} / d_j)(d_j a_j) = W_{3,kj} a_j$ "
           r"with $a_j = \mathrm{ReLU}(W_{2,j} z + b_{2,j})$: ")
#: Texts of this claim's verdicts (the kernel's steps, evidence, the source's words) in LaTeX, for the report.
TEXTS_LATEX = {
    ("If (W2, b2, W3) is a solution for a decoder with a perfect reconstruction, then for all positive diagonal "
     "matrices D, (D W2, b2 D, W3 D^{-1}) is also a solution."):
        (r"If $(W_2, b_2, W_3)$ is a solution for a decoder with a perfect reconstruction, then for all positive "
         r"diagonal matrices $D$, $(D W_2, b_2 D, W_3 D^{-1})$ is also a solution."),
    "(d W2_j) z + b2_j d = d (W2_j z + b2_j)": r"$(d W_{2,j}) z + b_{2,j} d = d (W_{2,j} z + b_{2,j})$",
    "ReLU(d u) = d ReLU(u) for d >= 0: u = s >= 0 gives d s = d s, u = -s <= 0 gives 0 = d 0":
        (r"$\mathrm{ReLU}(d u) = d\, \mathrm{ReLU}(u)$ for $d \ge 0$: $u = s \ge 0$ gives $d s = d s$, "
         r"$u = -s \le 0$ gives $0 = d \cdot 0$"),
    ("term j of (W3 D^{-1} ReLU(D (W2 z + b2)))_k is (W3_kj / d_j) (d_j a_j) = W3_kj a_j with a_j = ReLU(W2_j z + b2_j): "
     "the outputs are unchanged"): _CANCEL + "the outputs are unchanged",
    "ReLU(d u) = d ReLU(u) for d >= 0 (cases u = s >= 0 and u = -s <= 0, sign of the coefficients)":
        (r"$\mathrm{ReLU}(d u) = d\, \mathrm{ReLU}(u)$ for $d \ge 0$ (cases $u = s \ge 0$ and $u = -s \le 0$, sign of "
         r"the coefficients)"),
    ("term j of (W3 D^{-1} ReLU(D (W2 z + b2)))_k is (W3_kj / d_j)(d_j a_j) = W3_kj a_j with a_j = ReLU(W2_j z + b2_j): "
     "every output of the decoder is unchanged"): _CANCEL + "every output of the decoder is unchanged",
    "(D W2, b2 D, W3 D^{-1}) is a solution for every solution and positive D":
        r"$(D W_2, b_2 D, W_3 D^{-1})$ is a solution for every solution and positive $D$",
    ("001-L5 [positive D] proved: If (W2, b2, W3) is a solution, so is (D W2, b2 D, W3 D^{-1}) for every positive "
     "diagonal D."):
        (r"001-L5 [positive $D$] proved: If $(W_2, b_2, W_3)$ is a solution, so is $(D W_2, b_2 D, W_3 D^{-1})$ for "
         r"every positive diagonal $D$."),
    ("D^{-1} does not exist; with the pseudo-inverse the neuron's column of A2 is 0 and its output weights are dropped, "
     "so rank(U3) < n"):
        (r"$D^{-1}$ does not exist; with the pseudo-inverse the neuron's column of $A_2$ is $0$ and its output weights "
         r"are dropped, so $\operatorname{rank} U_3 < n$"),
    "ReLU(d u) = |d| ReLU(-u) != d ReLU(u) for d < 0: the neuron's activation region flips":
        (r"$\mathrm{ReLU}(d u) = |d|\, \mathrm{ReLU}(-u) \ne d\, \mathrm{ReLU}(u)$ for $d < 0$: the neuron's "
         r"activation region flips"),
}


@claim("001-L5",
       title_latex=r"Positive diagonal rescaling $(DW_2,\,b_2D,\,W_3D^{-1})$ preserves solutions",
       reading_latex=(r"$W_2$ ($n_2\times1$), $b_2$ (a row of $n_2$), $W_3$ ($n\times n_2$); "
                      r"$D=\operatorname{diag}(d_1,\dots,d_{n_2})$. Positive $D$: the claim. Zero entry: $D^{-1}$ read "
                      r"as the pseudo-inverse ($1/0:=0$). Negative entry: $D$ invertible but not positive."),
       variants_latex={"positive D": r"positive $D$",
                       "zero entry": r"zero entry",
                       "negative entry": r"negative entry"},
       readings_latex={"zero entry": r"$D$ with a zero entry, $D^{-1}$ read as the pseudo-inverse.",
                       "negative entry": r"$D$ diagonal with a negative entry (invertible, not positive)."},
       latex=r"(W_2,b_2,W_3) \text{ solution},\ D>0 \text{ diagonal} \Rightarrow (DW_2,\ b_2D,\ W_3D^{-1}) \text{ solution}",
       title="Positive diagonal rescaling (D W2, b2 D, W3 D^-1) preserves solutions",
       source=_SRC + ", slide 'Set of solutions' (Lemma)",
       statement=("If (W2, b2, W3) is a solution for a decoder with a perfect reconstruction, then for all positive "
                  "diagonal matrices D, (D W2, b2 D, W3 D^{-1}) is also a solution."),
       reading=("W2 (n2 x 1), b2 (row, n2), W3 (n x n2); D = diag(d_1..d_n2). Positive D: the claim. Zero entry: "
                "D^{-1} read as the pseudo-inverse (1/0 := 0). Negative entry: D invertible but not positive."))
def check(*, n_max: int = 20, samples: int = 3, seed: int = 0, amplitude: str = "1") -> list:
    c = scope_params(n_max, amplitude)
    verdicts = []

    # the sample, through the batched harness: instance i drawn from (seed, i) alone
    from proofs.methods.batched import run_blocks

    task = PositiveRescalingSample(n_max, c)
    run = run_blocks(task, seed=seed, max_instances=n_max * samples, workers=1, stop_on_hit=False,
                     complete=True)
    checked = run.instances
    fails = [{"n": task.instance(seed, i)[0], "D": strs(task.instance(seed, i)[3]), "seed": seed, "index": i}
             for i in run.hits[:5]]
    if fails:   # the argument covers every solution and D > 0: a failure is a bug of the construction
        raise ToolkitError(f"001-L5: a positive rescaling failed at {fails[:5]}")
    cert = check.certificate(Status.PROVED, variant="positive D", scope={}, evidence={},
                             argument=[(i, ch) for i, ch, _ in ARGUMENT])
    arg = kernel_argument(cert, ARGUMENT, "(D W2, b2 D, W3 D^{-1}) is a solution for every solution and positive D")
    verdicts.append(check.verdict(
        Status.PROVED, variant="positive D",
        scope={"description": f"every solution and positive D (argument checked by the kernel); plus {checked} "
                              f"exact rescaled decoders, n = 1..{n_max} (a sample, each drawn from (seed {seed}, "
                              f"index))", "n_max": n_max},
        evidence={"argument": arg, "sample_instances": checked}, certificate=cert))

    for kind in ("zero", "negative"):
        n, D = _shrunk(kind, c)
        dec = linear_decoder(n, c)
        W2, b2, W3 = rescale(dec.W2, dec.b2, dec.W3.rows(), D)
        net = decoder_network(W2, b2, W3)
        out = decoder_output(net, linear_codes(n))
        ev = {"minimal_counterexample": {"n": n, "D": strs(D), "W2": strs(dec.W2), "b2": strs(dec.b2),
                                         "W3": strs(dec.W3), "rescaled_outputs": strs(out),
                                         "X": strs(data_rows(n, c))},
              "what_breaks": ("D^{-1} does not exist; with the pseudo-inverse the neuron's column of A2 is 0 and its "
                              "output weights are dropped, so rank(U3) < n" if kind == "zero" else
                              "ReLU(d u) = |d| ReLU(-u) != d ReLU(u) for d < 0: the neuron's activation region flips")}
        if kind == "negative":
            every = all(not rescaled_reconstructs(m, [Fraction(-1) if k == j else Fraction(1) for k in range(m)], c)
                        for m in range(1, 9) for j in range(m))
            ev["every_single_negative_entry_breaks_z_i_decoder_n_le_8"] = every
        cert = check.certificate(Status.REFUTED, variant=f"{kind} entry", scope={"amplitude": c},
                                 evidence={"n": n, "D": D})
        verdicts.append(check.verdict(
            Status.REFUTED, variant=f"{kind} entry",
            scope={"description": f"hypothesis search over n = 1..4 and rational D with a {kind} entry, shrunk"},
            evidence=ev, certificate=cert,
            reading=("D with a zero entry, D^{-1} read as the pseudo-inverse" if kind == "zero"
                     else "D diagonal with a negative entry (invertible, not positive)")))
    return verdicts
