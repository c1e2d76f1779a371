"""Exact rational scalars and the conversions at the boundary of the exact core.

The exact scalar type is :class:`fractions.Fraction`.  Values enter through
:func:`to_rational`, which accepts

* ``int`` (and integer types that implement ``__index__``, such as numpy integers),
* :class:`fractions.Fraction` and :class:`decimal.Decimal` (finite),
* strings such as ``"3"``, ``"-3/7"``, ``"0.25"``,
* sympy ``Rational``/``Integer`` and python-flint ``fmpq``/``fmpz``,

and refuses floats with :class:`~exact.errors.ExactnessError` unless the caller
passes ``allow_float=True``, in which case the float's exact binary value is used.

>>> to_rational("-3/7")
Fraction(-3, 7)
>>> to_rational(0.1)
Traceback (most recent call last):
...
exact.errors.ExactnessError: float 0.1 is not exact; pass an int, a Fraction or a string such as "1/10" (or allow_float=True for its exact binary value)
>>> to_rational(0.5, allow_float=True)
Fraction(1, 2)
>>> rational_str(Fraction(-6, 4))
'-3/2'
"""

from __future__ import annotations

import decimal
import math
import numbers
from fractions import Fraction
from typing import Any, Iterable, Sequence

from .errors import ExactnessError, InvalidArgument
from .inputs import int_to_digits, parse_rational, preview

__all__ = [
    "Fraction",
    "to_rational",
    "to_rational_vector",
    "to_rational_matrix",
    "rational_str",
    "rational_strs",
    "height",
]


def _float_hint(value: float) -> str:
    try:
        guess = Fraction(repr(float(value)))
        return f' such as "{rational_str(guess)}"'
    except (ValueError, OverflowError):
        return ""


def to_rational(value: Any, *, allow_float: bool = False) -> Fraction:
    """Convert ``value`` to an exact :class:`Fraction`.

    Raises :class:`ExactnessError` for a float (unless ``allow_float``) and
    :class:`InvalidArgument` for anything else that is not an exact number.
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool):
        raise InvalidArgument(f"expected a rational number, got the boolean {value!r}")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float) or (
        isinstance(value, numbers.Real) and type(value).__name__.startswith("float")
    ):
        if not allow_float:
            raise ExactnessError(
                f"float {value!r} is not exact; pass an int, a Fraction or a string"
                f"{_float_hint(value)} (or allow_float=True for its exact binary value)"
            )
        f = float(value)
        if not math.isfinite(f):
            raise InvalidArgument(f"{value!r} is not a finite number")
        return Fraction(f)
    if isinstance(value, str):
        # digit limits checked on the text before any big number is built (exact.inputs)
        return parse_rational(value)
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise InvalidArgument(f"{value!r} is not a finite number")
        return Fraction(value)
    # sympy Rational/Integer (is_Rational), python-flint fmpq (p, q) and fmpz.
    if getattr(value, "is_Rational", False) is True:
        return Fraction(int(value.p), int(value.q))
    if getattr(value, "is_Number", False) is True or getattr(value, "is_Float", False) is True:
        raise ExactnessError(f"{value!r} is not an exact rational number")
    if type(value).__name__ == "fmpq":
        return Fraction(int(value.p), int(value.q))
    if type(value).__name__ == "fmpz" or hasattr(value, "__index__"):
        try:
            return Fraction(int(value.__index__()))
        except (TypeError, AttributeError):
            pass
    raise InvalidArgument(f"expected a rational number, got {type(value).__name__} {preview(value)}")


def to_rational_vector(values: Iterable[Any], *, allow_float: bool = False) -> tuple[Fraction, ...]:
    """Convert an iterable of numbers to a tuple of Fractions."""
    if isinstance(values, (str, bytes)):
        raise InvalidArgument(f"expected a sequence of numbers, got the string {preview(values)}")
    return tuple(to_rational(v, allow_float=allow_float) for v in values)


def to_rational_matrix(
    rows: Iterable[Iterable[Any]], *, allow_float: bool = False
) -> tuple[tuple[Fraction, ...], ...]:
    """Convert rows of numbers to a rectangular tuple of tuples of Fractions."""
    out = tuple(to_rational_vector(r, allow_float=allow_float) for r in rows)
    if out and any(len(r) != len(out[0]) for r in out):
        from .errors import ShapeError

        raise ShapeError(f"rows have different lengths: {[len(r) for r in out]}")
    return out


def rational_str(q: Any) -> str:
    """The canonical string of a rational: ``"p"`` or ``"p/q"`` in lowest terms."""
    q = to_rational(q)
    if q.denominator == 1:
        return int_to_digits(q.numerator)
    return f"{int_to_digits(q.numerator)}/{int_to_digits(q.denominator)}"


def rational_strs(values: Sequence[Any]) -> list:
    """Nested lists of canonical strings (for JSON) from nested sequences of rationals."""
    if isinstance(values, (list, tuple)):
        return [rational_strs(v) for v in values]
    return rational_str(values)  # type: ignore[return-value]


def height(q: Any) -> int:
    """The height max(|p|, q) of a rational p/q in lowest terms."""
    q = to_rational(q)
    return max(abs(q.numerator), q.denominator)
