from fractions import Fraction

import pytest

from exact.datasets import step_function, step_function_batch, step_functions, thetas
from exact.errors import InvalidArgument


def test_step_functions_definition():
    xs = step_functions(4, "3/2")
    assert len(xs) == 5 and xs[0] == (0, 0, 0, 0) and xs[-1] == (Fraction(3, 2),) * 4
    assert step_function(4, 1) == (1, 0, 0, 0)
    assert len(step_functions(4, include_zero=False)) == 4
    assert list(thetas(3, include_zero=False)) == [1, 2, 3]


def test_batch_matches_list():
    b = step_function_batch(5, range(6), "2/3")
    assert b.to_fractions() == step_functions(5, "2/3")


@pytest.mark.parametrize("n, theta", [(0, 0), (3, 4), (3, -1), (2.0, 1)])
def test_bad_arguments(n, theta):
    with pytest.raises(InvalidArgument):
        step_function(n, theta)
