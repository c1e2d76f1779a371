"""The ReLU constructions of the lecture 002 (Mathematics of deep learning, session 1), exactly.

Univariate (one input, one output), with rho = ReLU:

* :func:`sigmoid_like`  ``rho(x) - rho(x - 1)``: 0 left of 0, x on [0, 1], 1 right of 1;
* :func:`hat_one_hidden` ``rho(x) - 2 rho(x - 1) + rho(x - 2)``: the hat on [0, 2] with peak 1;
* :func:`hat_two_hidden` ``rho(1 - rho(x - 1) - rho(1 - x))`` = ``rho(1 - |x - 1|)``;
* :func:`absolute_value` ``rho(x) + rho(-x)``;
* :func:`soft_thresholding` ``rho(x - lam) - rho(-x - lam)`` (lam >= 0);
* :func:`identity_network` ``rho(x) - rho(-x)``;
* :func:`pl_to_relu`: any continuous piecewise-linear function of one variable (rational
  break points, values and end slopes) as a one-hidden-layer network (002-P2);
* :func:`tent_map`, :func:`sawtooth` (k-fold composition of the tent map: 2^k pieces on
  [0, 1]) and :func:`zigzag` (m teeth per layer, m^k pieces);

and in d = 2 the finite-element hat on the hexagon with vertices (+-1, 0), (0, +-1),
(1, -1), (-1, 1), with two hidden layers (:func:`fem_hat_2d`):
``phi(x, y) = rho(1 - (|x| + |y| + |x + y|) / 2)``, since
``max(|x|, |y|, |x + y|) = (|x| + |y| + |x + y|) / 2``.

Each function returns an :class:`exact.network.Network`; :class:`PLSpec` is the exact
reference (break points, values, end slopes) the constructions are checked against.

>>> hat_one_hidden().evaluate([1])
(Fraction(1, 1),)
>>> sawtooth(3).evaluate(["1/16"])
(Fraction(1, 2),)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

from .errors import InvalidArgument
from .network import Network
from .scalar import rational_str, to_rational

__all__ = [
    "PLSpec", "sigmoid_like", "hat_one_hidden", "hat_two_hidden", "absolute_value",
    "soft_thresholding", "identity_network", "pl_to_relu", "tent_map", "sawtooth", "zigzag",
    "fem_hat_2d", "CONSTRUCTIONS",
]


def _s(v: Any) -> str:
    return rational_str(to_rational(v))


@dataclass(frozen=True)
class PLSpec:
    """A continuous piecewise-linear function of one variable.

    ``breakpoints`` x_0 < ... < x_k, ``values`` f(x_i), and the slopes left of x_0 and
    right of x_k; between break points f interpolates linearly.
    """

    breakpoints: tuple[Fraction, ...]
    values: tuple[Fraction, ...]
    left_slope: Fraction
    right_slope: Fraction

    def __post_init__(self) -> None:
        bp = tuple(to_rational(v) for v in self.breakpoints)
        vals = tuple(to_rational(v) for v in self.values)
        if not bp or len(bp) != len(vals):
            raise InvalidArgument("a PL function needs as many values as break points (at least one)")
        if any(not a < b for a, b in zip(bp, bp[1:])):
            raise InvalidArgument("break points must be strictly increasing")
        object.__setattr__(self, "breakpoints", bp)
        object.__setattr__(self, "values", vals)
        object.__setattr__(self, "left_slope", to_rational(self.left_slope))
        object.__setattr__(self, "right_slope", to_rational(self.right_slope))

    def slopes(self) -> list[Fraction]:
        """The slope of each piece: left, between consecutive break points, right."""
        bp, v = self.breakpoints, self.values
        return [self.left_slope] + [(v[i + 1] - v[i]) / (bp[i + 1] - bp[i]) for i in range(len(bp) - 1)] + [self.right_slope]

    def __call__(self, x: Any) -> Fraction:
        x = to_rational(x)
        bp, v = self.breakpoints, self.values
        if x <= bp[0]:
            return v[0] + self.left_slope * (x - bp[0])
        if x >= bp[-1]:
            return v[-1] + self.right_slope * (x - bp[-1])
        for i in range(len(bp) - 1):
            if bp[i] <= x <= bp[i + 1]:
                return v[i] + (v[i + 1] - v[i]) / (bp[i + 1] - bp[i]) * (x - bp[i])
        raise AssertionError("unreachable")

    def pieces(self) -> list[tuple[Fraction | None, Fraction | None, Fraction, Fraction]]:
        """(lo, hi, slope, intercept) of each affine piece (None = infinite end)."""
        bp = self.breakpoints
        ends = [None] + list(bp) + [None]
        out = []
        for (lo, hi), s in zip(zip(ends, ends[1:]), self.slopes()):
            x0 = hi if lo is None else lo
            out.append((lo, hi, s, self(x0) - s * x0))
        return out


def _net(hidden_w, hidden_b, out_w, out_b=0) -> Network:
    return Network.from_layers(
        {"weight": [[_s(w)] for w in hidden_w], "bias": [_s(b) for b in hidden_b], "activation": "relu"},
        {"weight": [[_s(w) for w in out_w]], "bias": [_s(out_b)], "activation": "identity"},
    )


def sigmoid_like() -> Network:
    """``rho(x) - rho(x - 1)`` (L = 2, one hidden layer of 2 neurons)."""
    return _net([1, 1], [0, -1], [1, -1])


def hat_one_hidden() -> Network:
    """``rho(x) - 2 rho(x - 1) + rho(x - 2)`` (L = 2, 3 neurons): support [0, 2], peak 1 at 1."""
    return _net([1, 1, 1], [0, -1, -2], [1, -2, 1])


def hat_two_hidden() -> Network:
    """``rho(1 - rho(x - 1) - rho(1 - x))`` (L = 3, two hidden layers): the same hat."""
    return Network.from_layers(
        {"weight": [["1"], ["-1"]], "bias": ["-1", "1"], "activation": "relu"},
        {"weight": [["-1", "-1"]], "bias": ["1"], "activation": "relu"},
        {"weight": [["1"]], "activation": "identity"},
    )


def absolute_value() -> Network:
    """``rho(x) + rho(-x) = |x|``."""
    return _net([1, -1], [0, 0], [1, 1])


def soft_thresholding(lam: Any = 1) -> Network:
    """``rho(x - lam) - rho(-x - lam)``: 0 on [-lam, lam], x - sign(x) lam outside."""
    lam = to_rational(lam)
    if lam < 0:
        raise InvalidArgument("the threshold lam must be >= 0")
    return _net([1, -1], [-lam, -lam], [1, -1])


def identity_network() -> Network:
    """``rho(x) - rho(-x) = x``."""
    return _net([1, -1], [0, 0], [1, -1])


def pl_to_relu(spec: PLSpec) -> Network:
    """One hidden layer realising the continuous PL function ``spec`` exactly (002-P2).

    ``f(x) = f(x_0) + s_0 (rho(x - x_0) - rho(x_0 - x)) + sum_i (s_{i+1} - s_i) rho(x - x_i)``
    with s_0 the left slope and s_{i+1} the slope right of x_i: k + 2 neurons for k + 1
    break points (neurons with a zero output weight are kept, so the shape is fixed).
    """
    bp = spec.breakpoints
    s = spec.slopes()
    hw = [1, -1] + [1] * len(bp)
    hb = [-bp[0], bp[0]] + [-x for x in bp]
    ow = [s[0], -s[0]] + [s[i + 1] - s[i] for i in range(len(bp))]
    return _net(hw, hb, ow, spec.values[0])


def tent_map() -> Network:
    """The tent map g(x) = 2 rho(x) - 4 rho(x - 1/2) (= 2x on [0, 1/2], 2 - 2x on [1/2, 1])."""
    return _net([1, 1], [0, "-1/2"], [2, -4])


def zigzag(m: int, k: int) -> Network:
    """k-fold composition of the m-tooth zigzag g_m (m neurons per hidden layer).

    g_m(x) = m rho(x) + sum_{i=1}^{m-1} (-1)^i 2m rho(x - i/m) maps [0, 1] onto [0, 1] with
    m pieces of slopes +-m; its k-fold composition has m^k pieces on [0, 1].  m = 2 is
    the sawtooth (tent map).
    """
    if m < 2 or k < 1:
        raise InvalidArgument("zigzag needs m >= 2 teeth and k >= 1 layers")
    outw = [Fraction(m)] + [Fraction((-1) ** i * 2 * m) for i in range(1, m)]
    bias = [Fraction(-i, m) for i in range(m)]
    layers = []
    prev_w: list[Fraction] | None = None
    for _ in range(k):
        if prev_w is None:
            w = [[_s(1)] for _ in range(m)]
            b = [_s(x) for x in bias]
        else:  # input is g(previous) = prev_w . h : fold the previous output weights in
            w = [[_s(x) for x in prev_w] for _ in range(m)]
            b = [_s(x) for x in bias]
        layers.append({"weight": w, "bias": b, "activation": "relu"})
        prev_w = outw
    layers.append({"weight": [[_s(x) for x in outw]], "activation": "identity"})
    return Network.from_layers(*layers)


def sawtooth(k: int) -> Network:
    """The k-fold composition of the tent map: 2^k pieces on [0, 1] (depth k + 1, width 2)."""
    return zigzag(2, k)


def fem_hat_2d() -> Network:
    """The 2-D finite-element hat on the hexagon, two hidden layers (6 + 1 neurons).

    phi(x, y) = rho(1 - (rho(x) + rho(-x) + rho(y) + rho(-y) + rho(x + y) + rho(-x - y)) / 2);
    support: the hexagon with vertices (1, 0), (0, 1), (-1, 1), (-1, 0), (0, -1), (1, -1).
    """
    return Network.from_layers(
        {"weight": [["1", "0"], ["-1", "0"], ["0", "1"], ["0", "-1"], ["1", "1"], ["-1", "-1"]],
         "activation": "relu"},
        {"weight": [["-1/2"] * 6], "bias": ["1"], "activation": "relu"},
        {"weight": [["1"]], "activation": "identity"},
    )


def _spec(bp, vals, ls, rs) -> PLSpec:
    return PLSpec(tuple(to_rational(v) for v in bp), tuple(to_rational(v) for v in vals),
                  to_rational(ls), to_rational(rs))


#: name -> (network builder, exact PL reference, description) for 002-C1.
CONSTRUCTIONS: dict[str, tuple] = {
    "sigmoid_like": (sigmoid_like, _spec([0, 1], [0, 1], 0, 0), "rho(x) - rho(x-1), L=2"),
    "hat_one_hidden": (hat_one_hidden, _spec([0, 1, 2], [0, 1, 0], 0, 0), "rho(x) - 2 rho(x-1) + rho(x-2), L=2"),
    "hat_two_hidden": (hat_two_hidden, _spec([0, 1, 2], [0, 1, 0], 0, 0), "rho(1 - rho(x-1) - rho(1-x)), L=3"),
    "absolute_value": (absolute_value, _spec([0], [0], -1, 1), "rho(x) + rho(-x), L=2"),
    "soft_thresholding": (lambda: soft_thresholding(1), _spec([-1, 1], [0, 0], 1, 1),
                          "rho(x-1) - rho(-x-1) (lambda = 1), L=2"),
    "identity": (identity_network, _spec([0], [0], 1, 1), "rho(x) - rho(-x), L=2"),
}
