"""Certify what training found: exact rational autoencoders from float proposals.

A trained network is a float proposal.  This module turns it into an exact verdict:

1. :func:`rationalize` rounds *exact* values (the caller converts each float explicitly,
   ``to_rational(v, allow_float=True)``, which gives its exact binary value) to nearby
   rationals of bounded denominator (``Fraction.limit_denominator``);
2. the rounded network is evaluated exactly on the data and its activation pattern
   read off;
3. where it is not exactly admissible, the decoder's last layer is *repaired*: with
   everything before it fixed (so the hidden activation pattern is kept), the weights
   of each output neuron solve an exact linear feasibility problem -- equalities
   (ReLU output: A2 w = C) or non-strict inequalities (threshold: z w + c >= t) where
   the output must be active, inequalities (A2 w <= 0, resp. z w + c < t) where it must
   not.  The one feasibility engine (:func:`exact.feasibility.linear_feasibility`) decides
   it exactly, with the trained (rounded) weights as proposal: HiGHS only *proposes* the
   feasible point nearest (L1) to them, so that the repair moves them as little as
   possible (else a point of largest margin), or Motzkin multipliers; exact arithmetic
   decides (the point completed on the equalities and every constraint checked in
   rationals, or the multipliers checked: y >= 0, y A = 0, y.b < 0 or y_strict != 0 and
   y.b <= 0, which proves that no weights with that pattern exist), and the exact simplex
   settles whatever the proposals could not;
4. the repaired network is verified exactly on every datum.

The outcome (:class:`Certification`) is a certified admissible autoencoder, or the
precise statement of which output has no weights with that pattern (with the exact
multipliers); never silently "admissible".

>>> from exact.step_autoencoder import sum_encoder
>>> c = certify_threshold_autoencoder(sum_encoder(3), [Fraction(1), Fraction(1, 3), Fraction(1, 3)])
>>> c.outcome, c.rounded_failures, c.repaired_outputs
('repaired', [2], [2])
>>> [str(v[0]) for v in c.network.layers[1].weight]   # w_2 = 1/3 moved to the nearest point of [1/2, 1)
['1', '1/2', '1/3']
>>> c.repair_distance()
Fraction(1, 6)
>>> old = certify_threshold_autoencoder(sum_encoder(3), [Fraction(1), Fraction(1, 3), Fraction(1, 3)], nearest=False)
>>> [str(v[0]) for v in old.network.layers[1].weight]   # the largest-margin w_2 (former behaviour)
['1', '2/3', '1/3']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Sequence

from .errors import InvalidArgument, ShapeError, ToolkitError
from .feasibility import Feasibility, FeasibilityStatus, linear_feasibility
from .network import Activation, Layer, Network
from .scalar import rational_str, to_rational

__all__ = [
    "rationalize", "Certification",
    "certify_threshold_autoencoder", "certify_relu_autoencoder", "step_data",
    "MissingOutput", "missing_output_range",
]


def rationalize(values: Any, max_denominator: int = 10**6) -> Any:
    """Nearest rationals with denominator <= max_denominator (nested sequences kept).

    Values must already be exact (Fraction, int, "p/q"): a float is refused by
    :func:`exact.scalar.to_rational` unless the caller converted it explicitly.
    """
    if isinstance(values, (list, tuple)):
        return type(values)(rationalize(v, max_denominator) for v in values) if isinstance(values, tuple) \
            else [rationalize(v, max_denominator) for v in values]
    return to_rational(values).limit_denominator(max_denominator)


def step_data(n: int, thetas: Sequence[int] | None = None, amplitude: Any = 1) -> list[tuple[int, tuple[Fraction, ...]]]:
    """(theta, x_theta) for the given thetas (default 0..n)."""
    c = to_rational(amplitude)
    ts = range(n + 1) if thetas is None else sorted(set(int(t) for t in thetas))
    if any(t < 0 or t > n for t in ts):
        raise InvalidArgument(f"thetas must lie in 0..{n}")
    return [(t, tuple(c if j <= t else Fraction(0) for j in range(1, n + 1))) for t in ts]


def _q_rows(rows) -> list[list[Fraction]]:
    return [[to_rational(v) for v in r] for r in rows]


def _dot(a, b) -> Fraction:
    return sum((x * y for x, y in zip(a, b)), Fraction(0))


# -- certification of trained autoencoders --------------------------------------------------

@dataclass
class Certification:
    """The exact verdict on a trained (float) autoencoder (outputs numbered 1..n).

    ``outcome``: ``"admissible"`` (the rounded network reconstructs every datum exactly),
    ``"repaired"`` (the last layer was re-solved with the same hidden pattern and the result
    is admissible: ``network``), ``"infeasible"`` (for the outputs in ``infeasible_outputs`` no
    weights with this pattern exist: ``multipliers[output]`` are exact Motzkin multipliers,
    :meth:`exact.feasibility.Feasibility.motzkin_multipliers`, of that output's system).  The
    feasibility engine always decides, so there is no other outcome.
    """

    outcome: str
    rounded: Network
    network: Network | None
    thetas: list[int]
    rounded_failures: list[int]
    repaired_outputs: list[int] = field(default_factory=list)
    infeasible_outputs: list[int] = field(default_factory=list)
    pattern: dict = field(default_factory=dict)
    reason: str = ""
    multipliers: dict = field(default_factory=dict)

    @property
    def certified(self) -> bool:
        return self.outcome in ("admissible", "repaired")

    def repair_distance(self) -> Fraction | None:
        """Largest |change| of a last-layer parameter (weights and biases) from the rounded
        network to the certified one (exact; 0 when nothing was repaired, None if not certified)."""
        if self.network is None:
            return None
        a, b = self.rounded.layers[-1], self.network.layers[-1]
        diffs = [abs(u - v) for ra, rb in zip(a.weight, b.weight) for u, v in zip(ra, rb)]
        diffs += [abs(u - v) for u, v in zip(a.bias, b.bias)]
        return max(diffs, default=Fraction(0))


def _codes(encoder: Network, data) -> list[Fraction]:
    if encoder.out_dim != 1:
        raise ShapeError(f"the encoder must output one code, it outputs {encoder.out_dim}")
    return [encoder.evaluate(x)[0] for _, x in data]


def _failures(net: Network, data) -> list[int]:
    return [t for t, x in data if net.evaluate(x) != x]


def _finish(rounded, repaired, data, thetas, rounded_failures, repaired_outputs, infeasible,
            pattern, multipliers) -> Certification:
    if infeasible:
        return Certification("infeasible", rounded, None, thetas, rounded_failures, repaired_outputs, infeasible,
                             pattern, f"no weights with this activation pattern exist for output(s) "
                             f"{infeasible} (exact Motzkin multipliers)", multipliers)
    fails = _failures(repaired, data)
    if fails:  # pragma: no cover - the constraints encode the pattern exactly; a failure is a bug
        raise ToolkitError(f"internal error: the repaired network still fails at thetas {fails}")
    outcome = "admissible" if not rounded_failures else "repaired"
    why = ("the rounded network reconstructs every datum exactly" if outcome == "admissible" else
           f"the rounded network failed at theta = {', '.join(map(str, rounded_failures))}; outputs "
           f"{', '.join(map(str, repaired_outputs))} were re-solved exactly with the same hidden activation pattern")
    return Certification(outcome, rounded, repaired, thetas, rounded_failures, repaired_outputs, [], pattern, why)


def certify_threshold_autoencoder(encoder: Network, weights: Sequence[Any], bias: Sequence[Any] | None = None,
                                  threshold: Any = 1, *, thetas: Sequence[int] | None = None,
                                  free_bias: bool | None = None, max_denominator: int = 10**6,
                                  nearest: bool = True) -> Certification:
    """Certify f = sigma(z w + c) o f_E (000's decoder, hard threshold t) on the step functions.

    ``weights``/``bias`` are exact (already rationalized by the caller).  Output i is
    repaired by solving for (w_i, c_i) (or w_i alone when the decoder has no bias and
    ``free_bias`` is false) with theta-constraints z w + c >= t (theta >= i) and
    z w + c < t (theta < i) over the data thetas; the proposal is the feasible (w_i, c_i)
    nearest to the rounded one (``nearest=False``: HiGHS's largest-margin point, the former
    behaviour), always checked exactly.
    """
    n = encoder.in_dim
    w = [to_rational(v) for v in weights]
    c = [to_rational(v) for v in bias] if bias is not None else [Fraction(0)] * n
    t = to_rational(threshold)
    if len(w) != n or len(c) != n:
        raise ShapeError(f"the decoder needs {n} weights and biases")
    use_bias = (bias is not None) if free_bias is None else free_bias
    data = step_data(n, thetas, 1)
    ts = [th for th, _ in data]
    z = _codes(encoder, data)
    dec = lambda ww, cc: Network((Layer(tuple((v,) for v in ww), tuple(cc), Activation.HARD_THRESHOLD, t),))  # noqa: E731
    rounded = encoder.then(dec(w, c))
    rounded_failures = _failures(rounded, data)
    pattern = {"codes": [rational_str(v) for v in z],
               "outputs": [[1 if zi * wi + ci >= t else 0 for wi, ci in zip(w, c)] for zi in z]}
    new_w, new_c = list(w), list(c)
    repaired, infeasible, multipliers = [], [], {}
    for i in range(n):
        if all((zi * w[i] + c[i] >= t) == (th >= i + 1) for zi, th in zip(z, ts)):
            continue
        act = [zi for zi, th in zip(z, ts) if th >= i + 1]
        ina = [zi for zi, th in zip(z, ts) if th < i + 1]
        if use_bias:
            A_le, b_le = [[-zi, Fraction(-1)] for zi in act], [-t] * len(act)
            A_lt, b_lt = [[zi, Fraction(1)] for zi in ina], [t] * len(ina)
            prop = [w[i], c[i]]
        else:
            A_le, b_le = [[-zi] for zi in act], [-(t - c[i])] * len(act)
            A_lt, b_lt = [[zi] for zi in ina], [t - c[i]] * len(ina)
            prop = [w[i]]
        f = linear_feasibility([], [], A_le, b_le, A_lt, b_lt, dim=len(prop), proposal=prop,
                               max_denominator=max_denominator, nearest=nearest)
        if f.status is FeasibilityStatus.FEASIBLE:
            new_w[i] = f.point[0]
            if use_bias:
                new_c[i] = f.point[1]
            repaired.append(i + 1)
        else:
            infeasible.append(i + 1)
            multipliers[i + 1] = f.motzkin_multipliers()
    return _finish(rounded, encoder.then(dec(new_w, new_c)), data, ts, rounded_failures, repaired,
                   infeasible, pattern, multipliers)


def certify_relu_autoencoder(encoder: Network, W2: Sequence[Any], b2: Sequence[Any], W3: Sequence[Sequence[Any]],
                             *, amplitude: Any = 1, thetas: Sequence[int] | None = None,
                             max_denominator: int = 10**6, nearest: bool = True) -> Certification:
    """Certify 001's f = ReLU(ReLU(z W2^T + b2) W3^T) o f_E on the step functions.

    Layer 2 is kept (its activation pattern on the data is the pattern); each row j of
    W3 is repaired by solving A2 w = C on the thetas with x_theta(j) = C and A2 w <= 0 on
    the others (A2 exact, from the rounded encoder and layer 2), starting from the feasible
    row nearest (L1) to the rounded W3 row (``nearest=False``: the largest-margin point).
    """
    n = encoder.in_dim
    C = to_rational(amplitude)
    w2 = [to_rational(v) for v in W2]
    bb = [to_rational(v) for v in b2]
    w3 = [[to_rational(v) for v in r] for r in W3]
    n2 = len(w2)
    if len(bb) != n2 or len(w3) != n or any(len(r) != n2 for r in w3):
        raise ShapeError(f"expected W2, b2 of length n2 and W3 of shape {n} x n2")
    data = step_data(n, thetas, C)
    ts = [th for th, _ in data]
    z = _codes(encoder, data)
    A2 = [[max(wj * zi + bj, Fraction(0)) for wj, bj in zip(w2, bb)] for zi in z]
    l2 = Layer(tuple((v,) for v in w2), tuple(bb), Activation.RELU)
    mk = lambda rows: encoder.then(Network((l2, Layer(tuple(tuple(r) for r in rows), (), Activation.RELU))))  # noqa: E731
    rounded = mk(w3)
    rounded_failures = _failures(rounded, data)
    pattern = {"codes": [rational_str(v) for v in z], "layer2": [[1 if a > 0 else 0 for a in r] for r in A2],
               "layer3": [[1 if _dot(r, wj) > 0 else 0 for wj in w3] for r in A2]}
    new_w3 = [list(r) for r in w3]
    repaired, infeasible, multipliers = [], [], {}
    for j in range(n):
        if all((max(_dot(a, w3[j]), Fraction(0)) == x[j]) for a, (_, x) in zip(A2, data)):
            continue
        A_eq = [a for a, (_, x) in zip(A2, data) if x[j] != 0]
        A_le = [a for a, (_, x) in zip(A2, data) if x[j] == 0]
        f = linear_feasibility(A_eq, [C] * len(A_eq), A_le, [Fraction(0)] * len(A_le), [], [], dim=n2,
                               proposal=w3[j], max_denominator=max_denominator, nearest=nearest)
        if f.status is FeasibilityStatus.FEASIBLE:
            new_w3[j] = list(f.point)
            repaired.append(j + 1)
        else:
            infeasible.append(j + 1)
            multipliers[j + 1] = f.motzkin_multipliers()
    return _finish(rounded, mk(new_w3), data, ts, rounded_failures, repaired, infeasible, pattern, multipliers)


# -- what a decoder admissible on the present data can do on a missing datum ----------------

@dataclass(frozen=True)
class MissingOutput:
    """Exact answer for one output j at a missing datum, the hidden layer being fixed.

    ``kind``: ``"unbounded"`` (a ray ``direction`` D keeps every present pre-activation
    (A2_t D = 0 where x_t(j) = C, <= 0 where x_t(j) = 0) and has A2_m D = 1 at the missing
    code: the output there goes to +infinity), ``"wrong"`` (bounded -- ``ray`` is infeasible --
    but ``witness`` admissible on the present data decodes the missing datum wrongly),
    ``"right"`` (every admissible row decodes it correctly: each of ``deviations`` is
    infeasible), ``"inadmissible"`` (no row is admissible on the present data: ``base`` is
    infeasible); the feasibility engine always decides, so there is no other kind.  ``witness``: a row admissible on the present data (for
    ``unbounded`` one whose pre-activation at the missing code is >= C + 1, for ``wrong`` one
    that errs there).  The systems, in the variables w (one row of W3), with E (L) the present
    rows where x_t(j) = C (= 0) and a the missing row: ``base`` = {E w = C, L w <= 0};
    ``ray`` = {E D = 0, a D = 1, L D <= 0}; ``deviations`` = {E w = C, L w <= 0, -a w < 0} when
    x_m(j) = 0, else {.., a w < C} and {.., -a w < -C}.  Infeasible ones carry exact
    multipliers (:meth:`exact.feasibility.Feasibility.motzkin_multipliers`).
    """

    output: int
    kind: str
    witness: tuple[Fraction, ...] | None = None
    direction: tuple[Fraction, ...] | None = None
    base: Feasibility | None = None
    ray: Feasibility | None = None
    deviations: tuple[Feasibility, ...] = ()


def missing_output_range(A2_present: Sequence[Sequence[Any]], X_present: Sequence[Sequence[Any]],
                         a_missing: Sequence[Any], x_missing: Sequence[Any], amplitude: Any = 1,
                         max_denominator: int = 10**6) -> list[MissingOutput]:
    """For each output j of ReLU(A2 W3^T): can some W3 reconstructing the present data get the
    missing datum wrong, and by how much?  Decided exactly (points or Motzkin multipliers).

    The rows of W3 are independent given A2, so each output is one exact linear problem:
    present constraints A2_t w = C (x_t(j) = C), A2_t w <= 0 (x_t(j) = 0); then a ray
    (unbounded error), else a strict deviation at the missing code (wrong), else right.
    """
    C = to_rational(amplitude)
    A = _q_rows(A2_present)
    X = _q_rows(X_present)
    a = [to_rational(v) for v in a_missing]
    xm = [to_rational(v) for v in x_missing]
    d = len(a)
    if len(A) != len(X) or any(len(r) != d for r in A):
        raise ShapeError(f"expected one A2 row of length {d} per present datum")
    zero = Fraction(0)
    feasible = FeasibilityStatus.FEASIBLE
    out = []
    for j in range(len(xm)):
        E = [r for r, x in zip(A, X) if x[j] != 0]
        L = [r for r, x in zip(A, X) if x[j] == 0]
        base = linear_feasibility(E, [C] * len(E), L, [zero] * len(L), dim=d, max_denominator=max_denominator)
        if base.status is not feasible:
            out.append(MissingOutput(j + 1, "inadmissible", base=base))
            continue
        ray = linear_feasibility(E + [a], [zero] * len(E) + [Fraction(1)], L, [zero] * len(L), dim=d,
                                 max_denominator=max_denominator)
        if ray.status is feasible:
            m = max(zero, C + 1 - _dot(a, base.point))
            w = tuple(b + m * r for b, r in zip(base.point, ray.point))
            out.append(MissingOutput(j + 1, "unbounded", w, ray.point, base, ray))
            continue
        # Bounded: can the missing output still be wrong?
        if xm[j] == 0:   # wrong iff a.w > 0 is possible
            devs = [([[-v for v in a]], [zero])]
        else:
            devs = [([a], [C]), ([[-v for v in a]], [-C])]   # a.w < C or a.w > C
        found, proofs = None, []
        for A_lt, b_lt in devs:
            f = linear_feasibility(E, [C] * len(E), L, [zero] * len(L), A_lt, b_lt, dim=d,
                                   max_denominator=max_denominator)
            if f.status is feasible:
                found = f.point
                break
            proofs.append(f)
        if found is not None:
            out.append(MissingOutput(j + 1, "wrong", found, base=base, ray=ray))
        else:
            out.append(MissingOutput(j + 1, "right", base.point, base=base, ray=ray, deviations=tuple(proofs)))
    return out
