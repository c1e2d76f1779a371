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


# Boundary cases: at and next to break points, one break point, lam = 0, m = 2 / k = 1,
# exact error messages, and direct checks of the reference PLSpec.

import pytest

from exact.errors import InvalidArgument


def test_plspec_messages():
    for bp, vals in (((), ()), ((0, 1), (0,)), ((0,), (0, 1))):
        with pytest.raises(InvalidArgument) as e:
            PLSpec(bp, vals, 0, 0)
        assert str(e.value) == "a PL function needs as many values as break points (at least one)"
    for bp in ((0, 0), (1, 0), (0, 2, 2), (0, 2, 1)):
        with pytest.raises(InvalidArgument) as e:
            PLSpec(bp, (0,) * len(bp), 0, 0)
        assert str(e.value) == "break points must be strictly increasing"


def test_plspec_converts_fields():
    p = PLSpec(("1/2", 1), ("-1", 2), "1/3", "3")
    assert p.breakpoints == (F(1, 2), F(1)) and p.values == (F(-1), F(2))
    assert p.left_slope == F(1, 3) and p.right_slope == F(3)
    assert all(type(v) is F for v in p.breakpoints + p.values + (p.left_slope, p.right_slope))


def test_plspec_call_at_and_between_break_points():
    p = PLSpec((0, 1, 3), (1, 3, 2), -1, 2)
    assert p(0) == 1 and p(1) == 3 and p(3) == 2
    assert p(-2) == 3 and p(5) == 6
    assert p(F(1, 2)) == 2 and p(2) == F(5, 2)
    one = PLSpec((2,), (5,), -3, 7)
    assert one(2) == 5 and one(1) == 8 and one(3) == 12


def test_plspec_slopes_and_pieces():
    p = PLSpec((0, 1, 3), (1, 3, 2), -1, 2)
    assert p.slopes() == [-1, 2, F(-1, 2), 2]
    assert p.pieces() == [(None, F(0), F(-1), F(1)), (F(0), F(1), F(2), F(1)),
                          (F(1), F(3), F(-1, 2), F(7, 2)), (F(3), None, F(2), F(-4))]
    one = PLSpec((2,), (5,), -3, 7)
    assert one.slopes() == [-3, 7]
    assert one.pieces() == [(None, F(2), F(-3), F(11)), (F(2), None, F(7), F(-9))]


def test_spec_helper():
    s = lec._spec(["-1", 1], [0, "1/2"], "2", 0)
    assert s == PLSpec((F(-1), F(1)), (F(0), F(1, 2)), F(2), F(0))
    assert s(3) == F(1, 2) and s(-2) == -2


def test_constructions_table_references():
    ref = {name: (spec.breakpoints, spec.values, spec.left_slope, spec.right_slope)
           for name, (_, spec, _) in CONSTRUCTIONS.items()}
    assert ref == {
        "sigmoid_like": ((0, 1), (0, 1), 0, 0), "hat_one_hidden": ((0, 1, 2), (0, 1, 0), 0, 0),
        "hat_two_hidden": ((0, 1, 2), (0, 1, 0), 0, 0), "absolute_value": ((0,), (0,), -1, 1),
        "soft_thresholding": ((-1, 1), (0, 0), 1, 1), "identity": ((0,), (0,), 1, 1)}


def test_pl_to_relu_one_and_several_break_points():
    for p in (PLSpec((2,), (5,), -3, 7), PLSpec((0, 1, 3), (1, 3, 2), -1, 2),
              PLSpec(("-1/2", 0), (0, 0), 0, 0)):
        net = pl_to_relu(p)
        assert net.layers[0].weight == tuple((F(w),) for w in [1, -1] + [1] * len(p.breakpoints))
        for k in range(-24, 33):
            x = F(k, 4)
            assert net.evaluate([x]) == (p(x),), (p, x)
    # negative control: a network for another spec differs from p
    p, q = PLSpec((0,), (0,), 0, 1), PLSpec((0,), (0,), 0, 2)
    assert pl_to_relu(q).evaluate([1]) != (p(1),)


def test_soft_thresholding_lam_zero_and_negative():
    z = lec.soft_thresholding(0)
    assert z.evaluate([F(-1, 3)]) == (F(-1, 3),) and z.evaluate([0]) == (0,)
    s = lec.soft_thresholding(1)
    assert s.evaluate([1]) == (0,) and s.evaluate([-1]) == (0,) and s.evaluate([F(3, 2)]) == (F(1, 2),)
    with pytest.raises(InvalidArgument) as e:
        lec.soft_thresholding("-1/100")
    assert str(e.value) == "the threshold lam must be >= 0"


def test_tent_map_values():
    t = lec.tent_map()
    assert [t.evaluate([x])[0] for x in (0, F(1, 4), F(1, 2), F(3, 4), 1)] == [0, F(1, 2), 1, F(1, 2), 0]
    assert t.evaluate([F(-1, 2)]) == (0,) and t.evaluate([2]) == (-2,)


def test_hat_two_hidden_and_fem_hat():
    h = lec.hat_two_hidden()
    assert [h.evaluate([x])[0] for x in (-1, 0, F(1, 2), 1, F(3, 2), 2, 3)] == [0, 0, F(1, 2), 1, F(1, 2), 0, 0]
    phi = fem_hat_2d()
    for (x, y), want in {(0, 0): 1, (1, 0): 0, (0, 1): 0, (-1, 1): 0, (1, -1): 0, (F(1, 2), 0): F(1, 2),
                         (F(1, 2), F(1, 2)): 0, (F(-1, 4), F(1, 4)): F(3, 4), (2, 2): 0}.items():
        assert phi.evaluate([x, y]) == (want,), (x, y)


def test_zigzag_boundaries_and_messages():
    for m, k in ((1, 1), (2, 0), (0, 3), (-2, 1)):
        with pytest.raises(InvalidArgument) as e:
            zigzag(m, k)
        assert str(e.value) == "zigzag needs m >= 2 teeth and k >= 1 layers"
    z = zigzag(2, 1)
    assert len(z.layers) == 2
    assert [z.evaluate([x])[0] for x in (0, F(1, 2), 1)] == [0, 1, 0]
    z3 = zigzag(3, 1)
    assert [z3.evaluate([F(i, 6)])[0] for i in range(7)] == [0, F(1, 2), 1, F(1, 2), 0, F(1, 2), 1]
    z32 = zigzag(3, 2)
    assert len(z32.layers) == 3 and z32.evaluate([F(1, 9)]) == (1,) and z32.evaluate([F(1, 18)]) == (F(1, 2),)
    assert sawtooth(1).evaluate([F(1, 4)]) == (F(1, 2),) and sawtooth(2).evaluate([F(1, 4)]) == (1,)


def test_depths_and_default_threshold():
    # the two-hidden-layer constructions keep their depth (L = 3)
    assert len(lec.hat_two_hidden().layers) == 3 and len(fem_hat_2d().layers) == 3
    assert len(lec.hat_one_hidden().layers) == 2
    d = lec.soft_thresholding()
    assert d.evaluate([1]) == (0,) and d.evaluate([2]) == (1,) and d.evaluate([F(-3, 2)]) == (F(-1, 2),)
