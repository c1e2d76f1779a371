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
