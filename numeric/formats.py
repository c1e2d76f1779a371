"""Floating-point formats of the float mirrors: float64, float32, float16 and bfloat16.

A network "run in format F" is what a plain implementation in F computes:

* its weights, biases and thresholds are the exact rationals rounded to the nearest value of F
  (ties to even; :func:`round_rational`, never via float64 first, so no double rounding), and
  its inputs are rounded to F the same way;
* float64 and float32 compute every product and sum in the format itself (numpy);
* float16 and bfloat16 are storage formats: products and sums are accumulated in float32, as
  mixed-precision matrix products do, and every layer's pre-activation W x + b is rounded to
  the format before the activation (ReLU, or the comparison u >= t with t in the format).

bfloat16 comes from ``ml_dtypes`` (float32 rounded to 8 significant bits, ties to even).

>>> from fractions import Fraction
>>> [round_rational(Fraction(1, 3), f) for f in FORMATS]
[0.3333333333333333, 0.3333333432674408, 0.333251953125, 0.333984375]
>>> round_rational(Fraction(257), "bfloat16"), round_rational(Fraction(259), "bfloat16")   # ties to even
(256.0, 260.0)
>>> parse_formats(["float32", "float64", "float32"])
('float32', 'float64')
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Iterable

import ml_dtypes
import numpy as np

from exact.errors import InvalidArgument

__all__ = ["FORMATS", "DEFAULT_FORMATS", "FormatSpec", "spec", "parse_formats", "round_rational", "round_array",
           "exact_to_format", "fmt_matmul", "fmt_affine", "fmt_solve", "fmt_matrix_rank", "fmt_cond", "fmt_eps",
           "fmt_array"]

#: Every supported format, widest first.
FORMATS = ("float64", "float32", "float16", "bfloat16")
#: The formats a cross-check runs when none is asked for.
DEFAULT_FORMATS = ("float64",)


class FormatSpec:
    """One format: its numpy storage type, the type it accumulates in, and its parameters
    (significant bits p including the implicit one, smallest normal exponent emin, largest
    exponent emax)."""

    def __init__(self, name: str, storage: Any, accumulate: Any, p: int, emin: int, emax: int):
        self.name, self.storage, self.accumulate = name, np.dtype(storage), np.dtype(accumulate)
        self.p, self.emin, self.emax = p, emin, emax

    @property
    def max_finite(self) -> Fraction:
        return Fraction(2 ** self.p - 1) * Fraction(2) ** (self.emax - self.p + 1)

    def __repr__(self) -> str:
        return f"FormatSpec({self.name})"


_SPECS = {
    "float64": FormatSpec("float64", np.float64, np.float64, 53, -1022, 1023),
    "float32": FormatSpec("float32", np.float32, np.float32, 24, -126, 127),
    "float16": FormatSpec("float16", np.float16, np.float32, 11, -14, 15),
    "bfloat16": FormatSpec("bfloat16", ml_dtypes.bfloat16, np.float32, 8, -126, 127),
}


def spec(name: str) -> FormatSpec:
    """The :class:`FormatSpec` of a format name (InvalidArgument for an unknown one)."""
    if name not in _SPECS:
        raise InvalidArgument(f"unknown float format {str(name)[:40]!r}; choose from {', '.join(FORMATS)}")
    return _SPECS[name]


def parse_formats(names: Iterable[str] | str | None) -> tuple[str, ...]:
    """Validated format names, duplicates dropped, in the order given (None: the default)."""
    if names is None:
        return DEFAULT_FORMATS
    if isinstance(names, str):
        names = [n for n in names.replace(",", " ").split() if n]
    out: list[str] = []
    for n in names:
        spec(n)
        if n not in out:
            out.append(n)
    if not out:
        raise InvalidArgument("at least one float format is needed")
    return tuple(out)


def _floor_log2(x: Fraction) -> int:
    """floor(log2 x) for a rational x > 0, exactly."""
    e = x.numerator.bit_length() - x.denominator.bit_length()
    if Fraction(2) ** e > x:
        e -= 1
    return e


def round_rational(value: Any, fmt: str) -> float:
    """The value of format ``fmt`` nearest the exact rational ``value`` (ties to even), as a
    Python float (exact: every value of these formats is a float64); +-inf past the largest
    finite value's rounding boundary, subnormals kept.

    >>> round_rational(Fraction(65520), "float16"), round_rational(Fraction(65519), "float16")
    (inf, 65504.0)
    >>> round_rational(Fraction(1, 2 ** 25), "float16")   # half the smallest subnormal: ties to 0
    0.0
    """
    s = spec(fmt)
    x = Fraction(value)
    if x == 0:
        return 0.0
    sign, a = (-1 if x < 0 else 1), abs(x)
    e = max(_floor_log2(a), s.emin)
    scale = Fraction(2) ** (s.p - 1 - e)
    m = round(a * scale)                     # Fraction.__round__: nearest integer, ties to even
    r = Fraction(m) / scale
    if r > s.max_finite:
        return sign * math.inf
    return sign * float(r)


def round_array(values: Any, fmt: str) -> np.ndarray:
    """An array of floats (float64 values) rounded to ``fmt`` by numpy's casts (ties to even),
    returned in the format's storage type."""
    s = spec(fmt)
    a = np.asarray(values, dtype=np.float64)
    if s.name == "bfloat16":   # float64 -> float32 -> bfloat16 could round twice: go through exact values
        flat = [round_rational(Fraction(v), "bfloat16") if math.isfinite(v) else v for v in a.ravel().tolist()]
        return np.array(flat, dtype=np.float64).reshape(a.shape).astype(s.storage)
    with np.errstate(over="ignore"):
        return a.astype(s.storage)


# -- linear algebra "as a plain implementation in the format would do it" ---------------------
# Arrays go in and out as float64 arrays whose entries are values of the format (exactly
# representable); inside, float64 and float32 compute in the format itself, float16 and
# bfloat16 accumulate in float32 and round every result to the format (numpy.linalg has no
# 16-bit routines: solves, SVDs and condition numbers run in float32, then round).

def fmt_eps(fmt: str) -> float:
    """The format's machine epsilon 2^(1 - p) (float64: 2^-52, bfloat16: 2^-7)."""
    return 2.0 ** (1 - spec(fmt).p)


def fmt_array(values: Any, fmt: str) -> np.ndarray:
    """Float values rounded once to ``fmt`` (ties to even), as a float64 array."""
    return round_array(values, fmt).astype(np.float64)


def exact_to_format(values: Any, fmt: str) -> np.ndarray:
    """A nested sequence of exact rationals (ints, Fractions, ``"p/q"``) rounded once to ``fmt``
    (:func:`round_rational`, never through float64 first), as a float64 array."""
    a = np.asarray(values, dtype=object)
    flat = [round_rational(Fraction(v) if not isinstance(v, str) else Fraction(v), fmt) for v in a.ravel().tolist()]
    return np.array(flat, dtype=np.float64).reshape(a.shape)


def _store(a: np.ndarray, fmt: str) -> np.ndarray:
    s = spec(fmt)
    with np.errstate(over="ignore", invalid="ignore"):
        return np.asarray(a, dtype=s.accumulate).astype(s.storage).astype(np.float64)


def fmt_matmul(a: Any, b: Any, fmt: str) -> np.ndarray:
    """a @ b in the format: operands (format values) in the accumulation type, the product rounded to the format."""
    acc = spec(fmt).accumulate
    with np.errstate(over="ignore", invalid="ignore"):
        return _store(np.asarray(a, dtype=acc) @ np.asarray(b, dtype=acc), fmt)


def fmt_affine(a: Any, w: Any, b: Any, fmt: str) -> np.ndarray:
    """a @ w + b in the format (accumulated, then rounded once to the format)."""
    acc = spec(fmt).accumulate
    with np.errstate(over="ignore", invalid="ignore"):
        return _store(np.asarray(a, dtype=acc) @ np.asarray(w, dtype=acc) + np.asarray(b, dtype=acc), fmt)


def fmt_solve(a: Any, b: Any, fmt: str) -> np.ndarray:
    """numpy.linalg.solve(a, b) in the format's accumulation type, the solution rounded to the format."""
    acc = spec(fmt).accumulate
    with np.errstate(over="ignore", invalid="ignore"):
        return _store(np.linalg.solve(np.asarray(a, dtype=acc), np.asarray(b, dtype=acc)), fmt)


def fmt_matrix_rank(a: Any, fmt: str) -> int:
    """numpy's rank rule (sigma > sigma_max * max(m, n) * eps) with the format's eps, the SVD of the
    format's values computed in its accumulation type."""
    m = np.asarray(a, dtype=spec(fmt).accumulate)
    if m.size == 0:
        return 0
    sv = np.linalg.svd(m, compute_uv=False)
    return int(np.sum(sv > sv.max() * max(m.shape) * fmt_eps(fmt)))


def fmt_cond(a: Any, fmt: str) -> float:
    """The 2-norm condition number of the format's values (in its accumulation type)."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return float(np.linalg.cond(np.asarray(a, dtype=spec(fmt).accumulate)))
