from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given

from exact.errors import ExactnessError, InvalidArgument
from exact.scalar import height, rational_str, to_rational, to_rational_matrix
from proofs.strategies import rationals


@pytest.mark.parametrize("value, expected", [
    (3, Fraction(3)), ("-3/7", Fraction(-3, 7)), (" 4/6 ", Fraction(2, 3)), ("0.25", Fraction(1, 4)),
    (Fraction(5, 2), Fraction(5, 2)), (sympy.Rational(-2, 9), Fraction(-2, 9)), (sympy.Integer(7), Fraction(7)),
    (np.int64(-4), Fraction(-4)), (Decimal("1.5"), Fraction(3, 2)),
])
def test_conversions(value, expected):
    assert to_rational(value) == expected
    assert type(to_rational(value)) is Fraction


def test_flint_values():
    import flint

    assert to_rational(flint.fmpq(3, 4)) == Fraction(3, 4)
    assert to_rational(flint.fmpz(-5)) == Fraction(-5)


@pytest.mark.parametrize("value", [0.1, np.float64(0.5), 1.0])
def test_floats_refused(value):
    with pytest.raises(ExactnessError, match="not exact"):
        to_rational(value)


def test_float_exact_binary_value_on_request():
    assert to_rational(0.1, allow_float=True) == Fraction(3602879701896397, 36028797018963968)
    with pytest.raises(InvalidArgument):
        to_rational(float("nan"), allow_float=True)


@pytest.mark.parametrize("value", ["abc", "1/0", True, None, [1], "nan", sympy.Float(0.5), sympy.sqrt(2)])
def test_bad_values(value):
    with pytest.raises((InvalidArgument, ExactnessError)):
        to_rational(value)


@given(rationals(max_height=50))
def test_string_round_trip(q):
    assert to_rational(rational_str(q)) == q
    assert height(q) <= 50


def test_matrix_shape_checked():
    with pytest.raises(InvalidArgument):
        to_rational_matrix([[1, 2], [3]])
