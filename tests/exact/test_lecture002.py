"""Tests of exact.lecture002: the lecture's constructions, exactly."""

import doctest
from fractions import Fraction as F

from hypothesis import given, strategies as st

import exact.lecture002 as lec
from exact.lecture002 import CONSTRUCTIONS, PLSpec, fem_hat_2d, pl_to_relu, sawtooth, zigzag
from exact.sweep1d import sweep_1d


def test_doctests():
    assert doctest.testmod(lec).failed == 0


def test_constructions_match_their_references_at_many_points():
    for name, (build, spec, _) in CONSTRUCTIONS.items():
        net = build()
        for k in range(-40, 41):
            x = F(k, 8)
            assert net.evaluate([x]) == (spec(x),), (name, x)


def test_soft_thresholding_and_abs():
    st_ = lec.soft_thresholding("1/2")
    assert st_.evaluate(["1/4"]) == (0,) and st_.evaluate([2]) == (F(3, 2),) and st_.evaluate([-2]) == (F(-3, 2),)
    assert lec.absolute_value().evaluate(["-7/3"]) == (F(7, 3),)


rats = st.fractions(min_value=-20, max_value=20, max_denominator=9)


@given(st.lists(rats, min_size=1, max_size=7, unique=True), st.data())
def test_pl_to_relu_reproduces_every_piece(xs, data):
    xs = sorted(xs)
    vals = data.draw(st.lists(rats, min_size=len(xs), max_size=len(xs)))
    spec = PLSpec(tuple(xs), tuple(vals), data.draw(rats), data.draw(rats))
    net = pl_to_relu(spec)
    assert net.widths[1] == len(xs) + 2
    for p in sweep_1d(net).pieces:
        x = p.interior_point()
        assert p.value(x) == (spec(x),)


def test_pl_to_relu_negative_control():
    spec = PLSpec((F(0), F(1)), (F(0), F(1)), F(0), F(0))
    j = pl_to_relu(spec).to_json()
    j["layers"][1]["weight"][0][2] = "5"
    from exact.network import Network

    assert Network.from_json(j).evaluate(["1/2"]) != (spec(F(1, 2)),)


def test_sawtooth_and_zigzag_piece_counts():
    for k in range(1, 7):
        assert len(sweep_1d(sawtooth(k), 0, 1).affine_pieces()) == 2 ** k
    assert len(sweep_1d(zigzag(3, 3), 0, 1).affine_pieces()) == 27


def test_fem_hat_values():
    phi = fem_hat_2d()
    assert phi.evaluate([0, 0]) == (1,)
    assert phi.evaluate(["1/2", "-1/2"]) == (F(1, 2),)
    assert phi.evaluate([1, 1]) == (0,) and phi.evaluate(["1/3", "1/3"]) == (F(1, 3),)
