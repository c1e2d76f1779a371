"""Boundary cases of exact.evaluate: the 2**62 switch between int64 and Python integers at
every place it is made, lowest terms of every row, threshold denominators, mixed row
denominators and zero-row inputs.

The representation is part of the contract (module docstring): a batch whose numerators and
denominators all lie below 2**62 in absolute value is held in int64, one with any entry at or
above 2**62 in Python integers (object arrays), and every row a layer returns is in lowest
terms with a positive denominator.
"""

from fractions import Fraction
from math import gcd

import numpy as np
import pytest

from exact.errors import ShapeError
from exact.evaluate import RationalBatch, apply_layer, evaluate_batch
from exact.network import Network

_LIMIT = 2 ** 62


def _representation_ok(batch: RationalBatch) -> None:
    """Every row in lowest terms over a positive denominator; int64 exactly when every entry is below 2**62."""
    nums, dens = batch.num.tolist(), batch.den.tolist()
    assert all(d > 0 for d in dens)
    for row, d in zip(nums, dens):
        assert gcd(*row, d) == 1, (row, d)
    small = max((abs(v) for row in nums for v in row), default=0) < _LIMIT and max(dens, default=0) < _LIMIT
    expected = np.int64 if small else object
    assert batch.num.dtype == expected and batch.den.dtype == expected, (batch.num.dtype, batch.den.dtype, small)


# -- from_integers / from_rationals --------------------------------------------------------------

@pytest.mark.parametrize("dtype", [object, np.uint64, np.uint8, np.int64])
def test_from_integers_accepts_a_batch_with_no_rows(dtype):
    # an object (or 64-bit unsigned) array of shape (0, 3) used to lose its second axis when rebuilt
    b = RationalBatch.from_integers(np.zeros((0, 3), dtype=dtype))
    assert b.shape == (0, 3) and b.den.shape == (0,) and b.to_fractions() == []
    net = Network.from_layers({"weight": [[1, 2, 3]], "activation": "relu"})
    out = evaluate_batch(net, b)
    assert out.shape == (0, 1) and out.to_fractions() == []


def test_from_integers_keeps_rows_without_entries():
    b = RationalBatch.from_integers(np.zeros((2, 0), dtype=object))
    assert b.shape == (2, 0) and b.to_fractions() == [(), ()]


@pytest.mark.parametrize("value, dtype", [
    (2 ** 62 - 1, np.int64), (-(2 ** 62) + 1, np.int64), (2 ** 62, object), (-(2 ** 62), object)])
def test_from_integers_packs_python_integers_below_2_62_only(value, dtype):
    b = RationalBatch.from_integers(np.array([[value, 1]], dtype=object))
    assert b.num.dtype == dtype and b.to_fractions() == [(Fraction(value), Fraction(1))]
    assert b.den.tolist() == [1]


def test_from_rationals_gives_each_row_its_least_common_denominator():
    b = RationalBatch.from_rationals([[Fraction(1, 2), Fraction(1, 3)], [4, Fraction(-5, 4)]])
    assert b.num.tolist() == [[3, 2], [16, -5]] and b.den.tolist() == [6, 4]
    _representation_ok(b)
    # rows without entries: the least common denominator of nothing is 1
    empty = RationalBatch.from_rationals([[], []])
    assert empty.shape == (2, 0) and empty.den.tolist() == [1, 1] and empty.to_fractions() == [(), ()]
    _representation_ok(empty)


@pytest.mark.parametrize("rows", [[[Fraction(1, 3)]], [[2 ** 62 - 1, -(2 ** 62) + 1], [Fraction(1, 2 ** 62 - 1), 0]], [[]], []])
def test_from_rationals_small_values_give_int64_numerators_and_denominators(rows):
    b = RationalBatch.from_rationals(rows)
    assert b.num.dtype == np.int64 and b.den.dtype == np.int64
    _representation_ok(b)


def test_one_dimensional_integer_arrays_are_refused_as_such():
    net = Network.from_layers({"weight": [[1, 1]]})
    with pytest.raises(ShapeError, match=r"^a batch is 2-D \(one sample per row\), got shape \(2,\)$"):
        evaluate_batch(net, np.array([1, 2]))
    with pytest.raises(ShapeError, match=r"^a batch is 2-D \(one sample per row\), got shape \(2,\)$"):
        evaluate_batch(net, np.array([1, 2], dtype=np.uint64))


# -- hard threshold: threshold denominators and mixed row denominators ------------------------

@pytest.mark.parametrize("threshold", ["1/2", "3/2", "-1/2", "5/3"])
def test_threshold_with_a_small_denominator_is_compared_exactly(threshold):
    t = Fraction(threshold)
    net = Network.from_layers({"weight": [[1]], "activation": "hard_threshold", "threshold": threshold})
    xs = [[t], [t - Fraction(1, 4)], [t + Fraction(1, 4)], [t - Fraction(1, 100)], [t + Fraction(1, 100)]]
    expected = [(1,), (0,), (1,), (0,), (1,)]
    assert [net.evaluate(x) for x in xs] == expected
    assert evaluate_batch(net, xs).to_fractions() == expected


def test_threshold_on_rows_with_denominators_1_and_2():
    # the one-row right-hand side is only for batches whose every denominator is 1
    net = Network.from_layers({"weight": [[1]], "activation": "hard_threshold", "threshold": "1"})
    xs = [[1], [Fraction(1, 2)], [Fraction(3, 2)], [0]]
    b = RationalBatch.from_rationals(xs)
    assert b.den.tolist() == [1, 2, 2, 1]
    assert evaluate_batch(net, b).to_fractions() == [(1,), (0,), (1,), (0,)] == [net.evaluate(x) for x in xs]


# -- the int64 / Python-integer switch of a layer's result ------------------------------------

@pytest.mark.parametrize("layers, xs, expected", [
    # numerator 2**61 * 2 = 2**62 on the common denominator 2 (multiplier bound exactly 2**62)
    ([{"weight": [[1, 0], [0, "1/2"]], "activation": "identity"}], [[2 ** 61, 1]], [(2 ** 61, Fraction(1, 2))]),
    # just below: 2 * (2**61 - 1) < 2**62
    ([{"weight": [[1, 0], [0, "1/2"]], "activation": "identity"}], [[2 ** 61 - 1, 1]],
     [(2 ** 61 - 1, Fraction(1, 2))]),
    # denominator 2 * 2**61 = 2**62 exactly (den * L at the bound)
    ([{"weight": [[f"1/{2 ** 61}"]], "activation": "relu"}], [[Fraction(1, 2)]], [(Fraction(1, 2 ** 62),)]),
    # just below: 2 * (2**61 - 1) < 2**62
    ([{"weight": [[f"1/{2 ** 61 - 1}"]], "activation": "relu"}], [[Fraction(1, 2)]],
     [(Fraction(1, 2 ** 62 - 2),)]),
    # Python-integer work whose reduced result fits: back to int64
    ([{"weight": [["1/2"]], "activation": "identity"}], [[2 ** 62]], [(2 ** 61,)]),
    # Python-integer work whose result is exactly 2**62: stays Python integers
    ([{"weight": [[1]], "activation": "identity"}], [[2 ** 62]], [(2 ** 62,)]),
    ([{"weight": [[1]], "activation": "identity"}], [[-(2 ** 62)]], [(-(2 ** 62),)]),
    # a denominator of exactly 2**62 with a numerator of 1
    ([{"weight": [[1]], "activation": "identity"}], [[Fraction(1, 2 ** 62)]], [(Fraction(1, 2 ** 62),)]),
    ([{"weight": [[1]], "activation": "relu"}], [[Fraction(-1, 2 ** 62)], [Fraction(3, 2 ** 62)]],
     [(0,), (Fraction(3, 2 ** 62),)]),
    # one sample, reduced all the same: 2 / 2 -> 1 / 1
    ([{"weight": [["1/2"]], "activation": "identity"}], [[2]], [(1,)]),
    ([{"weight": [["1/2", "1/4"]], "activation": "relu"}], [[2, 4]], [(2,)]),
])
def test_layer_results_are_reduced_and_packed_by_their_size(layers, xs, expected):
    net = Network.from_layers(*layers)
    for inputs in (xs, RationalBatch.from_rationals(xs)):
        out = evaluate_batch(net, inputs)
        assert out.to_fractions() == [tuple(Fraction(v) for v in row) for row in expected]
        assert out.to_fractions() == [net.evaluate(x) for x in xs]
        _representation_ok(out)


def test_apply_layer_reduces_a_single_sample():
    net = Network.from_layers({"weight": [["1/3", "2/3"]], "bias": ["1/3"], "activation": "relu"})
    out = apply_layer(net.layers[0], RationalBatch.from_rationals([[4, 1]]))  # (4 + 2 + 1) / 3
    assert out.num.tolist() == [[7]] and out.den.tolist() == [3]
    out = apply_layer(net.layers[0], RationalBatch.from_rationals([[1, 1]]))  # (1 + 2 + 1) / 3
    assert out.num.tolist() == [[4]] and out.den.tolist() == [3]
    out = apply_layer(net.layers[0], RationalBatch.from_rationals([[2, 0]]))  # 3/3 = 1
    assert out.num.tolist() == [[1]] and out.den.tolist() == [1]


def test_a_batch_with_no_rows_is_int64_after_a_layer_with_big_weights():
    """The representation rule (int64 exactly when every entry is below 2^62) holds vacuously
    for a batch with no rows: a layer whose work needs Python integers still returns int64."""
    net = Network.from_json({"layers": [{"weight": [[2 ** 70, 1]], "bias": [3]},
                                        {"weight": [["1/3"]], "bias": ["1"]}]})
    empty = RationalBatch.from_integers(np.zeros((0, 2), dtype=np.int64))
    for out in (apply_layer(net.layers[0], empty), evaluate_batch(net, np.zeros((0, 2), dtype=np.int64)),
                evaluate_batch(net, RationalBatch.from_integers(np.empty((0, 2), dtype=object)))):
        assert out.num.shape == (0, out.num.shape[1]) and out.den.shape == (0,)
        assert out.num.dtype == np.int64 and out.den.dtype == np.int64
    one = evaluate_batch(net, np.array([[1, 2]], dtype=np.int64))      # with a row: the same values as before
    assert one.to_fractions() == [(Fraction(2 ** 70 + 2 + 3, 3) + 1,)]
