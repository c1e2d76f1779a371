"""Exact batch evaluation against one-input Fraction evaluation (and the int64/bigint paths)."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, strategies as st

from exact.errors import InvalidArgument, ShapeError
from exact.evaluate import RationalBatch, evaluate_batch
from exact.network import Network
from proofs.methods.strategies import networks, rational_matrices


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


# -- boundary cases of the cross-multiplication and the int64 guards ---------------------------

def _batch(nums, dens):
    return RationalBatch(np.array(nums, dtype=np.int64), np.array(dens, dtype=np.int64))


def test_equal_entries_cross_multiplies_different_denominators():
    half, two = _batch([[1]], [2]), _batch([[2]], [1])
    assert not half.equal_entries(two).any() and not two.equal_entries(half).any()  # 1/2 != 2
    assert _batch([[2]], [4]).equal_entries(half).all()  # 2/4 == 1/2, denominators not normalised
    assert half.equal_entries(_batch([[2]], [4])).all()
    # rows with different denominators in one batch
    a = _batch([[1, 3], [1, 1]], [2, 3])    # (1/2, 3/2), (1/3, 1/3)
    b = _batch([[2, 6], [1, 2]], [4, 3])    # (1/2, 3/2), (1/3, 2/3)
    assert a.equal_entries(b).tolist() == [[True, True], [True, False]]
    assert a.equal_rows(b).tolist() == [True, False]
    assert a.equal_entries(a).all()
    with pytest.raises(ShapeError):
        a.equal_entries(_batch([[1]], [1]))


def test_equal_entries_overflow_guard():
    # 2**31 / 1 against 0 / 2**33: the int64 products 2**31 * 2**33 = 2**64 wrap to 0 == 0
    a = _batch([[2 ** 31]], [1])
    b = _batch([[0]], [2 ** 33])
    assert not a.equal_entries(b).any() and not b.equal_entries(a).any()
    c = _batch([[2 ** 40 + 1]], [2 ** 30])
    d = _batch([[(2 ** 40 + 1) * 3]], [3 * 2 ** 30])
    assert c.equal_entries(d).all()
    e = _batch([[2 ** 40 + 1 + 2 ** 34]], [2 ** 30])       # differs by 2**34 / 2**30 = 16
    assert not c.equal_entries(e).any()


def test_from_integers_unsigned_and_object():
    big = np.array([[2 ** 64 - 1, 0]], dtype=np.uint64)
    assert RationalBatch.from_integers(big).to_fractions() == [(Fraction(2 ** 64 - 1), Fraction(0))]
    small = np.array([[255, 1]], dtype=np.uint8)
    b = RationalBatch.from_integers(small)
    assert b.num.dtype == np.int64 and b.to_fractions() == [(Fraction(255), Fraction(1))]
    obj = RationalBatch.from_integers(np.array([[2 ** 70, 1]], dtype=object))
    assert obj.num.dtype == object and obj.to_fractions() == [(Fraction(2 ** 70), Fraction(1))]
    assert RationalBatch.from_integers(np.array([[3, 1]], dtype=object)).num.dtype == np.int64
    with pytest.raises(ShapeError):
        RationalBatch.from_integers([1, 2])
    with pytest.raises(InvalidArgument):
        RationalBatch.from_integers(np.array([["a"]]))
    with pytest.raises(InvalidArgument):
        RationalBatch.from_integers(np.array([[1.0]]))
    with pytest.raises(ShapeError):
        RationalBatch(np.zeros((2, 2), dtype=np.int64), np.ones(3, dtype=np.int64))
    with pytest.raises(InvalidArgument):
        RationalBatch(np.zeros((1, 1)), np.ones(1))


def test_from_rationals_switches_to_python_integers_at_2_62():
    at = RationalBatch.from_rationals([[2 ** 62]])
    below = RationalBatch.from_rationals([[2 ** 62 - 1]])
    assert at.num.dtype == object and below.num.dtype == np.int64
    den = RationalBatch.from_rationals([[Fraction(1, 2 ** 62)]])
    assert den.den.dtype == object and den.to_fractions() == [(Fraction(1, 2 ** 62),)]
    with pytest.raises(ShapeError):
        RationalBatch.from_rationals([[1, 2], [3]])
    assert RationalBatch.from_rationals([]).shape == (0, 0)


_P = 2 ** 31 - 1  # prime: layers whose neurons have coprime denominators near 2**31


@pytest.mark.parametrize("layers, xs", [
    # P = x * w overflows int64 unless the first guard (pbound) switches to Python integers
    ([{"weight": [[2 ** 40]], "activation": "relu"}], [[2 ** 30], [-(2 ** 30)]]),
    ([{"weight": [[1]], "bias": [2 ** 61], "activation": "identity"}], [[2 ** 61], [Fraction(1, 4)]]),
    # threshold with a huge denominator: P * td overflows
    ([{"weight": [[2 ** 30]], "activation": "hard_threshold", "threshold": f"1/{2 ** 40}"}], [[2 ** 30], [-1], [0]]),
    # threshold with a huge numerator against neuron denominators: tn * wd * den overflows
    ([{"weight": [[f"1/{2 ** 30}"]], "activation": "hard_threshold", "threshold": str(2 ** 40)}],
     [[2 ** 70], [2 ** 70 - 1], [Fraction(1, 3)]]),
    ([{"weight": [[2 ** 20]], "activation": "hard_threshold", "threshold": str(2 ** 50)}],
     [[2 ** 30], [2 ** 30 - 1], [Fraction(2 ** 31, 2 ** 31 - 1)]]),
    # coprime neuron denominators: the common denominator L ~ 2**62 and the multipliers overflow
    ([{"weight": [[f"1/{_P}"], [f"1/{_P - 2}"]], "activation": "relu"}], [[2 ** 40], [Fraction(1, 7)]]),
    ([{"weight": [[f"3/{_P}", 1], [1, f"5/{_P - 2}"]], "bias": [f"1/{_P}", 0], "activation": "identity"}],
     [[2 ** 33, 5], [Fraction(1, _P), Fraction(2, 3)]]),
])
def test_int64_guards_on_boundary_layers(layers, xs):
    net = Network.from_layers(*layers)
    assert evaluate_batch(net, xs).to_fractions() == [net.evaluate(x) for x in xs]


def test_reduce_keeps_zero_rows_and_lowest_terms():
    net = Network.from_layers({"weight": [["1/2", "1/2"]], "activation": "relu"})
    out = evaluate_batch(net, [[-1, -1], [1, 1], [2, 4]])
    assert out.to_fractions() == [(0,), (1,), (3,)]
    assert out.den.tolist() == [1, 1, 1]  # reduced: 0/2 -> 0/1, 2/2 -> 1/1


def test_error_messages_say_what_is_wrong():
    with pytest.raises(InvalidArgument, match="^from_integers got a float array; floats are not exact$"):
        RationalBatch.from_integers(np.array([[0.5]]))
    with pytest.raises(InvalidArgument, match="^from_integers needs integers, got dtype <U1$"):
        RationalBatch.from_integers(np.array([["a"]]))
    with pytest.raises(ShapeError, match=r"^a batch is 2-D \(one sample per row\), got shape \(2,\)$"):
        RationalBatch.from_integers([1, 2])
    with pytest.raises(InvalidArgument, match="^from_integers got the non-integer Fraction"):
        RationalBatch.from_integers(np.array([[Fraction(1, 2)]], dtype=object))
    with pytest.raises(InvalidArgument, match="non-integer"):
        RationalBatch.from_integers(np.array([[1, Fraction(3, 2)]], dtype=object))
    with pytest.raises(ShapeError, match=r"^cannot compare batches of shapes \(1, 1\) and \(1, 2\)$"):
        _batch([[1]], [1]).equal_entries(_batch([[1, 2]], [1]))
    with pytest.raises(ShapeError, match="^RationalBatch needs a 2-D numerator array and one denominator per row$"):
        RationalBatch(np.zeros(2, dtype=np.int64), np.ones(2, dtype=np.int64))
    with pytest.raises(InvalidArgument, match="^RationalBatch holds integer arrays only$"):
        RationalBatch(np.zeros((1, 1), dtype=np.int64), np.ones(1))
    with pytest.raises(ShapeError, match="^batch rows have different lengths$"):
        RationalBatch.from_rationals([[1], [1, 2]])
    net = Network.from_layers({"weight": [[1, 1]]})
    with pytest.raises(InvalidArgument, match="^float arrays are not exact inputs; convert them explicitly first$"):
        evaluate_batch(net, np.array([[0.5, 1.0]]))
    with pytest.raises(ShapeError, match="^inputs have 3 entries, the network expects 2$"):
        evaluate_batch(net, [[1, 2, 3]])


def test_row_and_to_fractions():
    b = _batch([[1, 2], [3, 4]], [2, 3])
    assert b.row(0) == (Fraction(1, 2), Fraction(1)) and b.row(1) == (Fraction(1), Fraction(4, 3))
    assert b.to_fractions() == [b.row(0), b.row(1)] and b.shape == (2, 2)
    big = RationalBatch(np.array([[2 ** 70]], dtype=object), np.array([3], dtype=object))
    assert big.row(0) == (Fraction(2 ** 70, 3),)


_Q = 2 ** 50 + 1  # odd, coprime to 3


@pytest.mark.parametrize("layers, xs", [
    # every input negative: the magnitude bound must use |min|, not max alone
    ([{"weight": [[2 ** 40]], "activation": "identity"}], [[-(2 ** 30)]]),
    # multipliers onto the common denominator overflow although P and L fit (nbig, first term)
    ([{"weight": [["1/3"], [f"1/{_Q}"]], "activation": "identity"}], [[2 ** 20], [-(2 ** 20)]]),
    # den * L overflows although P and the multipliers are small (nbig, second term)
    ([{"weight": [[f"1/{2 ** 30}"]], "activation": "identity"}], [[Fraction(1, 2 ** 40)], [Fraction(3, 2 ** 40)]]),
    # three coprime denominators near 2**33: L ~ 2**100, each multiplier ~ 2**67 needs a Python integer
    ([{"weight": [[f"1/{2 ** 33 - 1}"], [f"1/{2 ** 33 + 1}"], [f"1/{2 ** 34 + 1}"]], "activation": "relu"}],
     [[1], [5], [-1]]),
    # threshold: tn * wd = 2**63 wraps to a negative int64 (cbig, second term), the answer must stay 0
    ([{"weight": [[f"1/{2 ** 30}"]], "activation": "hard_threshold", "threshold": str(2 ** 33)}],
     [[3], [Fraction(1, 3)], [2 ** 61]]),
    # a bias beyond int64
    ([{"weight": [[1]], "bias": [2 ** 70], "activation": "identity"}], [[1], [-1]]),
    # the Python-integer ReLU keeps a pre-activation of exactly 1
    ([{"weight": [[2 ** 70], [1], [-1]], "activation": "relu"}], [[1], [-1], [0]]),
])
def test_int64_guards_more_boundaries(layers, xs):
    net = Network.from_layers(*layers)
    assert evaluate_batch(net, xs).to_fractions() == [net.evaluate(x) for x in xs]
    assert evaluate_batch(net, RationalBatch.from_rationals(xs)).to_fractions() == [net.evaluate(x) for x in xs]


def test_empty_batches_keep_their_shape():
    for layers in ([{"weight": [[2 ** 70, 1]], "activation": "relu"}], [{"weight": [[1, 1]], "activation": "relu"}],
                   [{"weight": [[1, 1]], "activation": "hard_threshold"}]):
        net = Network.from_layers(*layers)
        for dtype in (object, np.int64):
            out = evaluate_batch(net, RationalBatch(np.zeros((0, 2), dtype=dtype), np.ones(0, dtype=dtype)))
            assert out.shape == (0, 1) and out.to_fractions() == []


def test_each_row_is_reduced_by_its_own_gcd():
    net = Network.from_layers({"weight": [["1/3"]], "activation": "identity"})
    out = evaluate_batch(net, [[3], [2], [6]])
    assert out.to_fractions() == [(1,), (Fraction(2, 3),), (2,)]
    assert out.num.tolist() == [[1], [2], [2]] and out.den.tolist() == [1, 3, 1]
