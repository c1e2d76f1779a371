"""The step-function autoencoders of 000: the sum encoder and Lemma 3.1's decoder.

* :func:`sum_encoder` is f_E(x) = a * sum_j x(j) + b (000 section 3.1 has a = 1, b = 0);
* :func:`threshold_decoder` is f_D(z) = sigma(z w + c) with the hard sigmoid
  sigma(u) = 1 if u >= t else 0 (000 section 3.2 has w = z0 = (1/i)_i, c = 0, t = 1);
* :func:`weight_family` turns an expression in ``i`` (and ``n``) such as ``"1/i"`` into
  the exact weights for a given n.

>>> auto = sum_encoder(3).then(threshold_decoder(weight_family("1/i", 3)))
>>> [auto.evaluate(x) == x for x in [(0, 0, 0), (1, 0, 0), (1, 1, 0), (1, 1, 1)]]
[True, True, True, True]
>>> weight_family("1/(i+1)", 3)
(Fraction(1, 2), Fraction(1, 3), Fraction(1, 4))
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

from .errors import InvalidArgument
from .network import Activation, Layer, Network
from .scalar import to_rational

__all__ = ["sum_encoder", "threshold_decoder", "weight_family", "lemma_3_1_autoencoder"]


def sum_encoder(n: int, scale: Any = 1, shift: Any = 0, weights: Sequence[Any] | None = None) -> Network:
    """f_E(x) = scale * sum_j weights_j x(j) + shift as a one-layer identity network R^n -> R."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InvalidArgument(f"n must be a positive integer, got {n!r}")
    a = to_rational(scale)
    w = [to_rational(v) for v in weights] if weights is not None else [Fraction(1)] * n
    if len(w) != n:
        raise InvalidArgument(f"expected {n} encoder weights, got {len(w)}")
    return Network((Layer((tuple(a * v for v in w),), (to_rational(shift),), Activation.IDENTITY),))


def threshold_decoder(weights: Sequence[Any], threshold: Any = 1, bias: Sequence[Any] | None = None) -> Network:
    """f_D(z) = sigma(z w + c), one hard-threshold layer R -> R^n (sigma(u) = [u >= t])."""
    w = tuple((to_rational(v),) for v in weights)
    if not w:
        raise InvalidArgument("the decoder needs at least one weight")
    c = tuple(to_rational(v) for v in bias) if bias is not None else ()
    return Network((Layer(w, c, Activation.HARD_THRESHOLD, to_rational(threshold)),))


_FAMILY_CACHE: dict[str, Any] = {}


def weight_family(expr: str, n: int) -> tuple[Fraction, ...]:
    """Exact weights w_i = expr(i, n) for i = 1..n; the expression must give rationals.

    The expression is parsed with sympy (symbols ``i`` and ``n`` only).
    """
    import sympy
    from sympy.parsing.sympy_parser import parse_expr, standard_transformations

    if expr not in _FAMILY_CACHE:
        i, nn = sympy.Symbol("i", integer=True, positive=True), sympy.Symbol("n", integer=True, positive=True)
        try:
            e = parse_expr(expr, local_dict={"i": i, "n": nn}, global_dict={"Integer": sympy.Integer,
                           "Rational": sympy.Rational, "Symbol": sympy.Symbol},
                           transformations=standard_transformations, evaluate=True)
        except Exception:
            raise InvalidArgument(f"cannot parse the weight expression {expr!r} (use i, n, + - * / ** and integers)") from None
        if not isinstance(e, sympy.Expr) or not e.free_symbols <= {i, nn}:
            raise InvalidArgument(f"the weight expression {expr!r} may only use the symbols i and n")
        # Every rational constant becomes a Fraction, so the compiled function computes
        # exactly with Fractions (a non-rational operation yields a float and is refused).
        F = sympy.Function("_F")
        e2 = e.xreplace({r: F(r.p, r.q) for r in e.atoms(sympy.Rational)})
        fn = sympy.lambdify((i, nn), e2, modules=[{"_F": lambda p, q: Fraction(int(p), int(q))}])
        _FAMILY_CACHE[expr] = fn
    fn = _FAMILY_CACHE[expr]
    out = []
    nq = Fraction(n)
    for k in range(1, n + 1):
        try:
            v = fn(Fraction(k), nq)
        except ZeroDivisionError:
            raise InvalidArgument(f"the weight expression {expr!r} is undefined at i={k}, n={n}") from None
        if isinstance(v, int):
            v = Fraction(v)
        if not isinstance(v, Fraction):
            raise InvalidArgument(f"the weight expression {expr!r} is not rational at i={k}, n={n}: {v}")
        out.append(v)
    return tuple(out)


def lemma_3_1_autoencoder(n: int, weights: str = "1/i", threshold: Any = 1,
                          encoder_scale: Any = 1, encoder_shift: Any = 0) -> Network:
    """f = f_D o f_E of Lemma 3.1 (defaults: z0 = (1/i), t = 1, the plain sum encoder)."""
    enc = sum_encoder(n, encoder_scale, encoder_shift)
    return enc.then(threshold_decoder(weight_family(weights, n), threshold))
