"""Boundaries of exact.scalar.to_rational's duck-typed paths: which attribute says what (sympy's
``is_Rational`` / ``is_rational``, ``is_Number`` / ``is_number``, ``is_Float``), checked by the
exact error type and message (mutation testing found these unchecked: docs/exact-mutation.md, C1).
"""

from fractions import Fraction

import pytest
import sympy

from exact.errors import ExactnessError, InvalidArgument
from exact.scalar import to_rational


def _error(value):
    with pytest.raises(InvalidArgument) as e:
        to_rational(value)
    return type(e.value), str(e.value)


def test_sympy_numbers_that_are_not_rational_are_inexact():
    # is_Number without is_Float: the infinities and nan are sympy Numbers, refused as inexact
    assert _error(sympy.oo) == (ExactnessError, "oo is not an exact rational number")
    assert _error(-sympy.oo) == (ExactnessError, "-oo is not an exact rational number")
    assert _error(sympy.nan) == (ExactnessError, "nan is not an exact rational number")
    # is_Number and is_Float
    assert _error(sympy.Float("0.5")) == (ExactnessError, "0.500000000000000 is not an exact rational number")


def test_sympy_expressions_that_are_numbers_but_not_Numbers_are_not_rationals():
    # is_number is True for pi, sqrt(2), E, I, zoo, but they are not sympy Number objects: they are
    # refused as "not a rational number" (InvalidArgument itself), not as an inexact float
    for value, name in ((sympy.pi, "Pi pi"), (sympy.sqrt(2), "Pow sqrt(2)"), (sympy.E, "Exp1 E"),
                        (sympy.I, "ImaginaryUnit I"), (sympy.zoo, "ComplexInfinity zoo")):
        assert value.is_number is True and value.is_Number is False
        assert _error(value) == (InvalidArgument, f"expected a rational number, got {name}")


def test_a_symbol_assumed_rational_is_not_a_Rational():
    # sympy's assumption is_rational is True for a symbol declared rational; only is_Rational
    # (a Rational object with p and q) is converted
    x = sympy.Symbol("x", rational=True)
    assert x.is_rational is True and x.is_Rational is False
    assert _error(x) == (InvalidArgument, "expected a rational number, got Symbol x")
    assert to_rational(sympy.Rational(-6, 4)) == Fraction(-3, 2)
    assert type(to_rational(sympy.Integer(3))) is Fraction


class _ForeignFloat:
    """A float type of another library that marks itself with ``is_Float`` alone."""

    is_Float = True

    def __repr__(self) -> str:
        return "ForeignFloat(0.5)"


class _ForeignFloatWithIndex(_ForeignFloat):
    def __index__(self) -> int:  # pragma: no cover - must never be called
        return 0


def test_an_object_that_says_is_Float_is_inexact_even_without_is_Number():
    assert _error(_ForeignFloat()) == (ExactnessError, "ForeignFloat(0.5) is not an exact rational number")
    # refused before the __index__ path could read it as an integer
    assert _error(_ForeignFloatWithIndex()) == (ExactnessError, "ForeignFloat(0.5) is not an exact rational number")


def test_flint_integers_and_other_index_types_are_integers():
    import flint
    import numpy as np

    assert to_rational(flint.fmpz(-12)) == -12 and type(to_rational(flint.fmpz(7))) is Fraction
    assert to_rational(np.uint8(255)) == 255 and to_rational(np.int64(-(2 ** 63))) == -(2 ** 63)
    assert _error(np.bool_(True))[0] is InvalidArgument  # numpy's bool has no __index__
