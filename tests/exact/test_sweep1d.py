"""The 1-D sweep against pointwise exact evaluation."""

from fractions import Fraction

import pytest
from hypothesis import given

from exact.errors import InvalidArgument
from exact.network import Network
from exact.sweep1d import breakpoints_1d, sweep_1d
from proofs.methods.strategies import networks


@given(networks([1, 4, 3, 2], activations=("relu", "hard_threshold"), last_activation="identity", max_height=6))
def test_pieces_agree_with_evaluation(net):
    s = sweep_1d(net, -10, 10)
    assert s.pieces[0].lo == -10 and s.pieces[-1].hi == 10
    for a, b in zip(s.pieces, s.pieces[1:]):
        assert a.hi == b.lo
    for p in s.pieces:
        for x in (p.interior_point(), (3 * p.lo + p.hi) / 4):
            assert net.evaluate([x]) == p.value(x)
    for pt in s.points:
        assert net.evaluate([pt.x]) == pt.value


def test_degenerate_repeated_and_zero_neurons():
    net = Network.from_layers({"weight": [[1], [1], [0]], "bias": [0, 0, 1], "activation": "relu"},
                              {"weight": [[1, 1, 1]]})
    s = sweep_1d(net)
    assert len(s.pieces) == 2 and len(s.points) == 1
    assert s.points[0].x == 0 and s.points[0].pattern[0] == (0, 0, 1)
    assert len(s.affine_pieces()) == 2


def test_merges_equal_affine_maps():
    # relu(x) - relu(-x) = x: two activation regions, one affine piece
    net = Network.from_layers({"weight": [[1], [-1]], "activation": "relu"}, {"weight": [[1, -1]]})
    s = sweep_1d(net)
    assert len(s.pieces) == 2 and len(s.affine_pieces()) == 1


def test_errors():
    with pytest.raises(InvalidArgument):
        sweep_1d(Network.from_layers({"weight": [[1, 1]]}))
    with pytest.raises(InvalidArgument):
        sweep_1d(Network.from_layers({"weight": [[1]]}), 1, 1)


def _pattern_at(net, x):
    """The activation pattern at x by exact evaluation, layer by layer (active iff output > 0)."""
    from exact.evaluate import RationalBatch, apply_layer
    from exact.network import Activation

    batch, pat = RationalBatch.from_rationals([[x]]), []
    for layer in net.layers:
        batch = apply_layer(layer, batch)
        pat.append(() if layer.activation is Activation.IDENTITY else tuple(int(v > 0) for v in batch.to_fractions()[0]))
    return tuple(pat)


@given(networks([1, 4, 3, 2], activations=("relu", "hard_threshold", "identity"), last_activation="identity",
                max_height=6))
def test_patterns_and_breakpoints_agree_with_evaluation(net):
    s = sweep_1d(net, -10, 10)
    for p in s.pieces:
        assert p.pattern == _pattern_at(net, p.interior_point())
        assert all(isinstance(v, Fraction) for v in (*p.slope, *p.intercept))
    for pt in s.points:
        assert pt.pattern == _pattern_at(net, pt.x)
    # breakpoints_1d: a subset of the piece ends, affine between consecutive ones (three points collinear)
    bps = breakpoints_1d(net, -10, 10)
    assert bps == sorted(set(bps)) and set(bps) <= {pt.x for pt in s.points}
    ends = [Fraction(-10), *bps, Fraction(10)]
    for a, b in zip(ends, ends[1:]):
        xs = [a + (b - a) * k / 4 for k in (1, 2, 3)]
        ys = [net.evaluate([x]) for x in xs]
        assert all(ys[1][i] - ys[0][i] == ys[2][i] - ys[1][i] for i in range(len(ys[0])))


def test_breakpoints_merge_only_where_continuous():
    # relu(x) - relu(-x) = x: one piece end at 0 but no breakpoint
    ident = Network.from_layers({"weight": [[1], [-1]], "activation": "relu"}, {"weight": [[1, -1]]})
    assert breakpoints_1d(ident) == [] and [pt.x for pt in sweep_1d(ident).points] == [0]
    # negative control: H(x) + H(-x) - 1 is 0 except at x = 0 (where it is 1): the end at 0 must stay
    spike = Network.from_layers({"weight": [[1], [-1]], "bias": [0, 0], "activation": "hard_threshold",
                                 "threshold": 0}, {"weight": [[1, 1]], "bias": [-1]})
    assert spike.evaluate([0]) == (1,) and spike.evaluate([1]) == spike.evaluate([-1]) == (0,)
    assert breakpoints_1d(spike) == [0]
    # a clamp: 2n neurons, two breakpoints
    n = 6
    clamp = Network.from_layers({"weight": [[1]] * (2 * n), "bias": [v for i in range(1, n + 1) for v in (-i, -i - 1)],
                                 "activation": "relu"}, {"weight": [[1, -1] * n]})
    assert breakpoints_1d(clamp) == [1, n + 1] and len(sweep_1d(clamp).points) == n + 1


# -- boundary cases: unbounded ends, cuts on the domain's ends, thresholds met exactly -------------

F = Fraction


def _relu_at(c):
    """relu(x - c): one cut at c."""
    return Network.from_layers({"weight": [[1]], "bias": [-c], "activation": "relu"}, {"weight": [[1]]})


def test_interior_points_and_lengths_of_unbounded_and_bounded_pieces():
    s = sweep_1d(_relu_at(3))
    (a, b), = [(s.pieces[0], s.pieces[1])]
    assert (a.lo, a.hi, b.lo, b.hi) == (None, 3, 3, None)
    assert a.interior_point() == 2 and b.interior_point() == 4 and a.length is None and b.length is None
    s = sweep_1d(_relu_at(3), "1/2", 5)
    assert [p.interior_point() for p in s.pieces] == [F(7, 4), 4] and [p.length for p in s.pieces] == [F(5, 2), 2]
    s = sweep_1d(Network.from_layers({"weight": [[2]]}))
    assert len(s) == 1 and s.pieces[0].interior_point() == 0 and s.points == ()
    assert s.pieces[0].value("1/2") == (1,)


def test_one_sided_domains():
    s = sweep_1d(_relu_at(3), None, 10)
    assert [(p.lo, p.hi) for p in s.pieces] == [(None, 3), (3, 10)]
    s = sweep_1d(_relu_at(3), 0, None)
    assert [(p.lo, p.hi) for p in s.pieces] == [(0, 3), (3, None)]
    assert [p.interior_point() for p in s.pieces] == [F(3, 2), 4]


def test_a_cut_on_the_end_of_the_domain_is_not_a_piece():
    for lo, hi in ((3, 5), (1, 3)):
        s = sweep_1d(_relu_at(3), lo, hi)
        assert [(p.lo, p.hi) for p in s.pieces] == [(lo, hi)] and s.points == ()
    s = sweep_1d(_relu_at(3), 2, 4)
    assert [(p.lo, p.hi) for p in s.pieces] == [(2, 3), (3, 4)] and [pt.x for pt in s.points] == [3]


def test_patterns_at_zero_and_at_the_threshold():
    # relu: a pre-activation of exactly 0 is inactive; hard threshold: exactly t is active
    s = sweep_1d(_relu_at(0))
    assert [p.pattern for p in s.pieces] == [((0,), ()), ((1,), ())] and s.points[0].pattern == ((0,), ())
    step = Network.from_layers({"weight": [[1]], "activation": "hard_threshold", "threshold": "1/2"})
    s = sweep_1d(step)
    assert [p.pattern for p in s.pieces] == [((0,),), ((1,),)]
    assert s.points[0].x == F(1, 2) and s.points[0].pattern == ((1,),) and s.points[0].value == (1,)
    assert [(p.slope, p.intercept) for p in s.pieces] == [((0,), (0,)), ((0,), (1,))]


def test_equal_maps_around_a_jump_are_not_merged():
    # step(x >= 0) + step(-x >= 0) is 1 on both sides and 2 at 0: two affine pieces, not one
    net = Network.from_layers({"weight": [[1], [-1]], "activation": "hard_threshold", "threshold": 0},
                              {"weight": [[1, 1]]})
    s = sweep_1d(net)
    assert [p.value(p.interior_point()) for p in s.pieces] == [(1,), (1,)] and s.points[0].value == (2,)
    assert len(s.affine_pieces()) == 2
    # the same maps where the value at the point agrees: merged (relu(x) + relu(-x) - |x| = 0)
    flat = Network.from_layers({"weight": [[1], [-1], [1], [-1]], "activation": "relu"}, {"weight": [[1, 1, -1, -1]]})
    assert sweep_1d(flat).affine_pieces() == [(None, None, (0,), (0,))]


def test_pre_activations_of_no_maps_and_the_errors():
    from exact.sweep1d import layer_pre_activations

    assert layer_pre_activations(_relu_at(1).layers[0], []) == []
    with pytest.raises(InvalidArgument, match=r"^sweep_1d needs a network with one input, this one has 2$"):
        sweep_1d(Network.from_layers({"weight": [[1, 1]]}))
    with pytest.raises(InvalidArgument, match=r"^empty domain: lo=2 is not below hi=1$"):
        sweep_1d(_relu_at(0), 2, 1)
    with pytest.raises(InvalidArgument, match=r"^empty domain: lo=1 is not below hi=1$"):
        sweep_1d(_relu_at(0), 1, 1)


def test_slopes_and_intercepts_are_tuples_after_an_identity_layer():
    s = sweep_1d(Network.from_layers({"weight": [[2]], "bias": [1]}))
    assert s.pieces[0].slope == (2,) and type(s.pieces[0].intercept) is tuple and s.pieces[0].intercept == (1,)


def test_merging_keeps_the_right_end_and_goes_on():
    # relu(x) - relu(-x) + relu(x - 5) = x, then 2x - 5: two affine pieces from three regions
    net = Network.from_layers({"weight": [[1], [-1], [1]], "bias": [0, 0, -5], "activation": "relu"},
                              {"weight": [[1, -1, 1]]})
    assert sweep_1d(net).affine_pieces() == [(None, 5, (1,), (0,)), (5, None, (2,), (-5,))]
    assert sweep_1d(net, -1, 7).affine_pieces() == [(-1, 5, (1,), (0,)), (5, 7, (2,), (-5,))]
    assert sweep_1d(net, -1, 3).affine_pieces() == [(-1, 3, (1,), (0,))]


def test_constant_neurons_at_zero_and_at_the_threshold():
    # relu(0 x + 0) is inactive everywhere; step(0 x + t >= t) is active everywhere
    net = Network.from_layers({"weight": [[0], [1]], "bias": [0, 0], "activation": "relu"}, {"weight": [[1, 1]]})
    assert [p.pattern[0] for p in sweep_1d(net).pieces] == [(0, 0), (0, 1)]
    step = Network.from_layers({"weight": [[0], [1]], "bias": [F(1, 2), 0], "activation": "hard_threshold",
                                "threshold": "1/2"})
    s = sweep_1d(step)
    assert [p.pattern[0] for p in s.pieces] == [(1, 0), (1, 1)] and [p.intercept for p in s.pieces] == [(1, 0), (1, 1)]


def test_layer_pre_activations_of_several_maps_against_the_fraction_loop():
    """W (M x + c) + b for two maps at once (one flint product), by hand and against the Fraction loop
    of exact.regions; a zero row stays zero, and maps of an input with no coordinate (d = 0) give
    empty rows and only the offsets."""
    from exact.regions import _layer_pre
    from exact.sweep1d import layer_pre_activations

    layer = Network.from_layers({"weight": [[1, "1/2"], [-2, 3], [0, 0]], "bias": ["1/3", 0, -1],
                                 "activation": "relu"}, {"weight": [[1, 1, 1]]}).layers[0]
    maps = [([[F(1), F(0)], [F(0), F(1)]], [F(0), F(0)]),
            ([[F(2), F(-1)], [F(1, 5), F(0)]], [F(1), F(-7)])]
    out = layer_pre_activations(layer, maps)
    assert out == [([(1, F(1, 2)), (-2, 3), (0, 0)], [F(1, 3), 0, -1]),
                   ([(F(21, 10), -1), (F(-17, 5), 2), (0, 0)], [F(-13, 6), -23, -1])]
    for (U, v), (M, c) in zip(out, maps):
        assert (U, v) == _layer_pre(layer, M, c)
        assert all(type(x) is F for row in U for x in row) and all(type(x) is F for x in v)
    # one map of a scalar input
    assert layer_pre_activations(layer, [([[F(1)], [F(2)]], [F(3), F(4)])]) == [
        ([(2,), (4,), (0,)], [F(16, 3), 6, -1])]
    # a layer with one input after a 2-D map: u = (2 (x + 2 y + 1) + 1, 3 (x + 2 y + 1))
    one = Network.from_layers({"weight": [[2], [3]], "bias": [1, 0], "activation": "relu"}, {"weight": [[1, 1]]}).layers[0]
    assert layer_pre_activations(one, [([[F(1), F(2)]], [F(1)])]) == [([(2, 4), (3, 6)], [3, 3])]
    # d = 0: M has no columns
    assert layer_pre_activations(layer, [([[], []], [F(1), F(2)]), ([[], []], [F(0), F(-1)])]) == [
        ([(), (), ()], [F(7, 3), 4, -1]), ([(), (), ()], [F(-1, 6), -3, -1])]


def test_breakpoints_compare_maps_with_denominators():
    # relu(x) / 2 - relu(-x) / 2 = x / 2: the same map (S, C, D) = (1, 0, 2) on both sides, no breakpoint;
    # relu(x) / 2 - relu(-x) / 3 has slopes 1/2 and 1/3: one breakpoint
    same = Network.from_layers({"weight": [[1], [-1]], "activation": "relu"}, {"weight": [["1/2", "-1/2"]]})
    assert breakpoints_1d(same) == [] and [pt.x for pt in sweep_1d(same).points] == [0]
    assert [p.slope for p in sweep_1d(same).pieces] == [(F(1, 2),), (F(1, 2),)]
    kink = Network.from_layers({"weight": [[1], [-1]], "activation": "relu"}, {"weight": [["1/2", "-1/3"]]})
    assert breakpoints_1d(kink) == [0]
    # maps x/2 and x/3 + 1/6 meet at x = 1 (equal there, different maps): a breakpoint
    meet = Network.from_layers({"weight": [[1], [1]], "bias": [0, -1], "activation": "relu"},
                               {"weight": [["1/2", "-1/6"]]})
    assert breakpoints_1d(meet, 0, 3) == [1]


@pytest.mark.parametrize("k", [31, 32, 40])
def test_maps_beyond_int64_stay_exact(k):
    """Slopes 2^32 * 2^k = 2^63 and more built from smaller weights: the cells' integer maps leave
    int64 (an object array; NumPy would read a list holding 2^63 as float64)."""
    net = Network.from_layers({"weight": [[2 ** 32], [1]], "bias": [0, -1], "activation": "relu"},
                              {"weight": [[2 ** k, 0], [0, 1]], "activation": "relu"},
                              {"weight": [[1, 1]], "bias": [0]})
    big = 2 ** (32 + k)
    s = sweep_1d(net, -1, 2)
    assert [(p.lo, p.hi) for p in s.pieces] == [(-1, 0), (0, 1), (1, 2)]
    assert [(p.slope, p.intercept) for p in s.pieces] == [((0,), (0,)), ((big,), (0,)), ((big + 1,), (-1,))]
    assert all(type(v) is F for p in s.pieces for v in (*p.slope, *p.intercept))
    assert breakpoints_1d(net, -1, 2) == [0, 1]
    assert [pt.value for pt in s.points] == [(0,), (big,)]


@pytest.mark.parametrize("big", [2 ** 63, 2 ** 64 - 1])
def test_a_weight_of_2_to_the_63_is_accepted(big):
    # (a lone 2^63 becomes uint64 and passes; next to a small integer NumPy promotes to float64)
    net = Network.from_layers({"weight": [[big], [1]], "bias": [0, -1], "activation": "relu"},
                              {"weight": [[1, 1]]})
    assert [p.slope for p in sweep_1d(net, -1, 2).pieces] == [(0,), (big,), (big + 1,)]


def test_breakpoint_patterns_are_python_ints():
    s = sweep_1d(_relu_at(F(1, 3)), 0, 1)
    (pt,) = s.points
    assert pt.pattern == ((0,), ()) and all(type(b) is int for layer in pt.pattern for b in layer)
    step = Network.from_layers({"weight": [[1]], "activation": "hard_threshold", "threshold": "1/2"})
    assert [type(b) for b in sweep_1d(step).points[0].pattern[0]] == [int]
    assert sweep_1d(step).points[0].pattern == ((1,),)
