"""Exact batch evaluation against one-input Fraction evaluation (and the int64/bigint paths)."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, strategies as st

from exact.errors import InvalidArgument, ShapeError
from exact.evaluate import RationalBatch, evaluate_batch
from exact.network import Network
from proofs.strategies import networks, rational_matrices


@given(networks([3, 4, 3, 2], activations=("relu", "hard_threshold", "identity"), last_activation="relu"),
       rational_matrices(5, 3, max_height=12))
def test_batch_matches_single_evaluation(net, xs):
    out = evaluate_batch(net, xs).to_fractions()
    assert out == [net.evaluate(x) for x in xs]


def test_big_integers_take_the_exact_object_path():
    big = 10 ** 30
    net = Network.from_layers({"weight": [[big, big]], "bias": [f"1/{big}"], "activation": "relu"},
                              {"weight": [[big]], "activation": "hard_threshold", "threshold": str(big ** 2)})
    xs = [[1, 0], [1, 1], [0, 0]]
    assert evaluate_batch(net, xs).to_fractions() == [net.evaluate(x) for x in xs] == [(1,), (1,), (0,)]


def test_int64_bound_is_respected():
    # products near 2**62 must not wrap around in int64
    w = 2 ** 40
    net = Network.from_layers({"weight": [[w]], "activation": "identity"}, {"weight": [[w]], "activation": "identity"})
    x = 2 ** 20
    assert evaluate_batch(net, np.array([[x]])).to_fractions() == [(Fraction(x * w * w),)]


def test_inputs_checked():
    net = Network.from_layers({"weight": [[1, 1]]})
    with pytest.raises(InvalidArgument):
        evaluate_batch(net, np.array([[0.5, 1.0]]))
    with pytest.raises(ShapeError):
        evaluate_batch(net, [[1, 2, 3]])
    with pytest.raises(InvalidArgument):
        RationalBatch.from_integers([["1/2", 1]])


@given(st.lists(st.tuples(st.integers(-50, 50), st.integers(1, 9)), min_size=1, max_size=6))
def test_equal_entries(pairs):
    a = RationalBatch.from_rationals([[Fraction(p, q) for p, q in pairs]])
    b = RationalBatch.from_rationals([[Fraction(2 * p, 2 * q) for p, q in pairs]])
    assert a.equal_entries(b).all()
