"""Boundary cases of exact/step_autoencoder.py's weight_family: the assumptions of the symbols.

``i`` and ``n`` are declared integer (and positive), and sympy uses that when it evaluates the
parsed expression: (-1)**(2*i) is folded to 1 only for an integer i (it is even), and the square
root of that 1 is then 1 before anything is compiled.  Without the assumption the square root is
left in the compiled function, computed in floats at each i, and refused as not rational.
"""

from fractions import Fraction

import pytest

from exact.errors import InvalidArgument
from exact.step_autoencoder import weight_family

F = Fraction


def test_the_integer_assumption_of_i_folds_an_even_power_of_minus_one():
    assert weight_family("((-1)**(2*i))**(1/2)", 3) == (F(1), F(1), F(1))
    assert weight_family("((-1)**(2*i))**(1/2) / i", 4) == (F(1), F(1, 2), F(1, 3), F(1, 4))


def test_the_integer_assumption_of_n_folds_an_even_power_of_minus_one():
    assert weight_family("i * ((-1)**(2*n))**(1/2)", 3) == (F(1), F(2), F(3))
    assert weight_family("((-1)**(2*n))**(1/2) / n", 2) == (F(1, 2), F(1, 2))


def test_negative_control_a_root_that_sympy_cannot_fold_is_refused():
    # (-1)**i is not folded (i may be odd), so its square root is computed at i = 1: sqrt(-1)
    with pytest.raises(InvalidArgument, match=r"^the weight expression '\(\(-1\)\*\*i\)\*\*\(1/2\)' is not "
                                              r"rational at i=1, n=2: "):
        weight_family("((-1)**i)**(1/2)", 2)
    # an odd multiple of i is not even: (-1)**(3*i) stays, and its square root is refused as well
    with pytest.raises(InvalidArgument, match=r"is not rational at i=1, n=2: "):
        weight_family("((-1)**(3*i))**(1/2)", 2)
