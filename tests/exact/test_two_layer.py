"""exact.two_layer: A2 = ReLU(z W2^T + b2) and the ratios k_j = b2_j / W2_j at their boundaries."""

from fractions import Fraction

import pytest

from exact.errors import ShapeError
from exact.two_layer import activation_matrix, pre_activation_matrix, ratios


def test_pre_activation_entries():
    m = pre_activation_matrix([1, "1/2"], [2, -1], [0, "1/3"])
    assert m.to_strings() == [["2", "-2/3"], ["1", "-1/6"]]


def test_activation_zero_boundary_and_negative():
    # W2 z + b2 = 0 exactly gives 0; negative gives 0; positive kept
    m = activation_matrix([1, 2, 0], [1, -1], [-1, 1])
    assert m.to_strings() == [["0", "0"], ["1", "0"], ["0", "1"]]
    assert activation_matrix(["-1/2"], [1], [0]).to_strings() == [["0"]]
    assert activation_matrix(["1/2"], [1], [0]).to_strings() == [["1/2"]]


def test_one_code_one_neuron():
    assert activation_matrix([3], [2], [1]).to_strings() == [["7"]]


def test_shape_mismatch_message():
    with pytest.raises(ShapeError) as e:
        activation_matrix([1], [1, 2], [0])
    assert str(e.value) == "W2 has 2 entries but b2 has 1"
    with pytest.raises(ShapeError) as e:
        ratios([], [1])
    assert str(e.value) == "W2 has 0 entries but b2 has 1"


def test_ratios():
    assert ratios([2, -3, 0], [1, 6, 0]) == (Fraction(1, 2), Fraction(-2), None)
    assert ratios([], []) == ()
    assert all(type(k) is Fraction for k in ratios(["1/2"], [1]))
    assert ratios(["1/2"], [1]) == (Fraction(2),)
