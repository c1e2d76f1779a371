"""The 1-D sweep against pointwise exact evaluation."""

from fractions import Fraction

import pytest
from hypothesis import given

from exact.errors import InvalidArgument
from exact.network import Network
from exact.sweep1d import sweep_1d
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
