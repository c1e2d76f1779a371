from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given

from exact.errors import ExactnessError, InvalidArgument
from exact.scalar import height, rational_str, to_rational, to_rational_matrix
from proofs.methods.strategies import rationals


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


# -- every conversion path and every message (mutation testing found them untested) -------------

def test_conversion_paths_and_messages():
    import decimal

    import flint
    import numpy as np
    import pytest
    import sympy

    from exact.errors import ExactnessError, InvalidArgument, ShapeError
    from exact.scalar import Fraction, height, rational_str, rational_strs, to_rational, to_rational_matrix, \
        to_rational_vector

    assert to_rational(sympy.Rational(-3, 7)) == Fraction(-3, 7) and to_rational(sympy.Integer(5)) == 5
    assert to_rational(flint.fmpq(2, 6)) == Fraction(1, 3) and to_rational(flint.fmpz(-4)) == -4
    assert to_rational(np.int64(7)) == 7 and to_rational(decimal.Decimal("0.25")) == Fraction(1, 4)
    assert type(to_rational(np.int64(7))) is Fraction
    with pytest.raises(InvalidArgument, match="^expected a rational number, got the boolean True$"):
        to_rational(True)
    with pytest.raises(ExactnessError, match=r'^float 0\.1 is not exact; pass an int, a Fraction or a string such as "1/10"'):
        to_rational(0.1)
    with pytest.raises(ExactnessError, match=r"^float np\.float64\(0\.5\) is not exact.*\"1/2\""):
        to_rational(np.float64(0.5))
    with pytest.raises(ExactnessError, match=r"is not exact; pass an int, a Fraction or a string \(or allow_float"):
        to_rational(float("inf"))  # no hint for a float without a finite value
    with pytest.raises(InvalidArgument, match="^inf is not a finite number$"):
        to_rational(float("inf"), allow_float=True)
    with pytest.raises(InvalidArgument, match="^nan is not a finite number$"):
        to_rational(float("nan"), allow_float=True)
    assert to_rational(np.float32(0.5), allow_float=True) == Fraction(1, 2)
    with pytest.raises(InvalidArgument, match=r"^Decimal\('NaN'\) is not a finite number$"):
        to_rational(decimal.Decimal("NaN"))
    with pytest.raises(ExactnessError, match=r"is not an exact rational number$"):
        to_rational(sympy.Float(0.5))
    with pytest.raises(ExactnessError, match=r"is not an exact rational number$"):
        to_rational(sympy.pi.evalf())
    with pytest.raises(InvalidArgument, match="^expected a rational number, got list a list of 0 entries$"):
        to_rational([])
    with pytest.raises(InvalidArgument, match="^expected a rational number, got NoneType null$"):
        to_rational(None)
    with pytest.raises(InvalidArgument, match='^expected a sequence of numbers, got the string "12"$'):
        to_rational_vector("12")
    with pytest.raises(InvalidArgument, match="got the string"):
        to_rational_vector(b"12")
    assert to_rational_vector([0.5, 1], allow_float=True) == (Fraction(1, 2), Fraction(1))
    with pytest.raises(ExactnessError):
        to_rational_vector([0.5])
    assert to_rational_matrix([[0.5], [1]], allow_float=True) == ((Fraction(1, 2),), (Fraction(1),))
    with pytest.raises(ExactnessError):
        to_rational_matrix([[0.5]])
    with pytest.raises(ShapeError, match=r"^rows have different lengths: \[1, 2\]$"):
        to_rational_matrix([[1], [1, 2]])
    assert to_rational_matrix([]) == ()
    assert rational_strs([[Fraction(1, 2), 3], (Fraction(-4, 6),)]) == [["1/2", "3"], ["-2/3"]]
    assert rational_strs(Fraction(5, 10)) == "1/2" and rational_str(-7) == "-7"
    assert height(Fraction(-7, 3)) == 7 and height(Fraction(2, 9)) == 9 and height(0) == 1
    big = 10 ** 5000 + 1
    text = rational_str(Fraction(-big, 3))  # past CPython's 4300-digit str() guard
    assert text == "-1" + "0" * 4999 + "1/3"
