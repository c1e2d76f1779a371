"""Tests of exact.regions: exact enumeration of activation regions."""

import doctest
import random
from fractions import Fraction as F
from math import comb

import pytest
from hypothesis import given, settings, strategies as st

import exact.regions as regions
from exact.errors import InvalidArgument
from exact.network import Network
from exact.regions import (configuration_at, enumerate_regions, facet_adjacency, pattern_system, polygon_area,
                           polygon_vertices, recession_directions)
from proofs.claims.p003 import cover_evidence, enumerate_certified, instances_evidence, network_zoo, random_network
from proofs.kernel import recheck


def test_doctests():
    assert doctest.testmod(regions).failed == 0


def _generic_one_layer(m, d, seed):
    rng = random.Random(seed)
    return Network.from_layers(
        {"weight": [[f"{rng.randint(-999, 999)}/{rng.randint(1, 997)}" for _ in range(d)] for _ in range(m)],
         "bias": [f"{rng.randint(-999, 999)}/{rng.randint(1, 997)}" for _ in range(m)], "activation": "relu"},
        {"weight": [[1] * m]})


@pytest.mark.parametrize("m,d", [(3, 2), (6, 2), (9, 2), (4, 3), (5, 3)])
def test_zaslavsky_oracle_one_hidden_layer_general_position(m, d):
    for method in ("general", "polygon") if d == 2 else ("general",):
        e = enumerate_regions(_generic_one_layer(m, d, m * 10 + d), method=method)
        assert len(e.regions) == sum(comb(m, i) for i in range(d + 1))


def _same_regions(e1, e2):
    a = {r.pattern: r for r in e1.regions}
    b = {r.pattern: r for r in e2.regions}
    assert set(a) == set(b) and len(a) == len(e1.regions) and len(b) == len(e2.regions)
    for k, r in a.items():
        assert {(c.a, c.b) for c in r.constraints} == {(c.a, c.b) for c in b[k].constraints}
        assert (r.linear, r.offset) == (b[k].linear, b[k].offset)
        assert b[k].contains(b[k].point) and configuration_at(e2.network, b[k].point) == k


@pytest.mark.parametrize("box", [None, ("-2", "3"), [("-1", "1"), ("0", "5")]])
def test_polygon_path_equals_the_general_path(box):
    """The exact 2-D clipping path: same patterns, same irredundant facets, same maps (zoo + random)."""
    nets = [n for n in network_zoo().values() if n.in_dim == 2] + [random_network([2, 6, 5, 1], 3)]
    for net in nets:
        p = enumerate_regions(net, box)
        assert p.method == "polygon2d"
        _same_regions(enumerate_regions(net, box, method="general"), p)
        assert p.counts() == enumerate_regions(net, box, method="general").counts()


def test_polygon_path_finds_regions_far_from_the_origin():
    """Parallel lines at x = 100, 200 and y = 0: six regions; a box of side 2 would see two.
    The automatic box (-R, R)^2 of vertex_bound contains every vertex and meets every line."""
    net = Network.from_layers({"weight": [[1, 0], [1, 0], [0, 1]], "bias": [-100, -200, 0], "activation": "relu"},
                              {"weight": [[1, 1, 1]]})
    assert regions.vertex_bound(net) > 200
    e = enumerate_regions(net)
    assert len(e.regions) == 6 and e.box is None
    _same_regions(enumerate_regions(net, method="general"), e)
    assert all(c.label[0] == "neuron" for r in e.regions for c in r.constraints)
    # negative control: clipping inside a small box misses the far strips
    assert len(enumerate_regions(net, ("-1", "1"), method="polygon").regions) == 2


def test_polygon_areas_tile_the_box():
    net = random_network([2, 5, 4, 3, 1], 7)
    e = enumerate_regions(net, ("-3", "3"))
    assert sum((polygon_area(polygon_vertices(r)) for r in e.regions), F(0)) == 36


def test_degenerate_arrangements():
    zoo = network_zoo()
    # three distinct lines through 0 (one repeated as 2x, one neuron with zero weights): 6 sectors
    e = enumerate_regions(zoo["concurrent+repeated+zero"])
    assert len(e.regions) == 6
    assert all(r.pattern[0][4] == 1 for r in e.regions)  # the zero-weight neuron (bias 1) is always on
    for r in e.regions:  # the repeated neuron (2x) always has the first neuron's bit
        assert r.pattern[0][0] == r.pattern[0][3]
        assert len(r.constraints) == 2  # irredundant: the repeated row was dropped
    # dead neuron (identically 0) is inactive, always-on neuron active
    e = enumerate_regions(zoo["dead+always-on"])
    assert all(r.pattern[1][0] == 0 and r.pattern[1][2] == 1 for r in e.regions)


def test_every_region_point_pattern_and_map():
    for name, net in network_zoo().items():
        e = enumerate_regions(net)
        assert len({r.pattern for r in e.regions}) == len(e.regions)
        for r in e.regions:
            assert configuration_at(net, r.point) == r.pattern
            assert r.contains(r.point)
            assert net.evaluate(r.point) == r.value(r.point)


@settings(max_examples=15)
@given(st.integers(0, 10**6))
def test_random_samples_fall_into_enumerated_regions(seed):
    net = random_network([2, 4, 3, 1], seed)
    e = enumerate_regions(net, irredundant=False)
    pats = {r.pattern for r in e.regions}
    rng = random.Random(seed)
    for _ in range(200):
        x = (F(rng.randint(-500, 500), 41), F(rng.randint(-500, 500), 43))
        p = configuration_at(net, x)
        # a sample exactly on a boundary has a lower-dimensional pattern; all others must be listed
        rows, _, _ = pattern_system(net, p)
        if all(c.holds(x) for c in rows):
            assert p in pats


def test_sweep_and_general_agree_in_one_dimension():
    for s in range(5):
        net = random_network([1, 4, 3, 1], s)
        a = enumerate_regions(net, method="general")
        b = enumerate_regions(net)
        assert b.method == "sweep1d"
        assert sorted(r.pattern for r in a.regions) == sorted(r.pattern for r in b.regions)
        assert a.counts() == b.counts()


def test_box_areas_sum_to_the_box():
    for name in ("parallel+collapse", "random 2-4-3-1"):
        e = enumerate_regions(network_zoo()[name], ("-2", "3"))
        assert sum(polygon_area(polygon_vertices(r)) for r in e.regions) == 25


def test_affine_pieces_merge_only_neighbours_with_the_same_map():
    # |x| summed over two copies: 4 activation regions of the first neuron pair, output max-like
    net = Network.from_layers({"weight": [[1, 0], [0, 1], [1, 1]], "bias": [0, 0, -1], "activation": "relu"},
                              {"weight": [[1, 1, 0]]})
    e = enumerate_regions(net)
    assert e.counts() == {"activation_regions": 7, "affine_pieces": 4}
    # the hat: the two outer zero pieces are not neighbours, so they stay separate
    hat = Network.from_layers({"weight": [[1], [1], [1]], "bias": [0, -1, -2], "activation": "relu"},
                              {"weight": [[1, -2, 1]]})
    assert enumerate_regions(hat, method="general").counts() == {"activation_regions": 4, "affine_pieces": 4}


def test_adjacency_and_recession():
    net = network_zoo()["concurrent+repeated+zero"]
    e = enumerate_regions(net)
    assert len(facet_adjacency(e.regions)) == 6  # a cycle of 6 sectors
    assert all(recession_directions(r) for r in e.regions)  # all unbounded
    e = enumerate_regions(net, ("-1", "1"))
    assert all(r.is_bounded() for r in e.regions)


def test_cover_certificate_and_its_negative_control():
    net = network_zoo()["parallel+collapse"]
    e = enumerate_certified(net)
    from proofs.certificates import certificate

    def cert(ev):
        return certificate("003-Co4", "inconclusive", variant="full-dimensional", scope={},
                           evidence=instances_evidence("one network", [{**ev, "polytopes": len(e.regions)}]))

    assert recheck(cert(cover_evidence(e)))[0]
    ev = cover_evidence(e)
    ev["regions"] = ev["regions"][:-1]  # drop a region: the cover must fail
    assert not recheck(cert(ev))[0]
    ev = cover_evidence(e)
    ev["empty"][0][1] = ["0"] * len(ev["empty"][0][1])  # a void multiplier must fail
    assert not recheck(cert(ev))[0]


def test_errors():
    net = network_zoo()["random 2-4-3-1"]
    with pytest.raises(InvalidArgument):
        enumerate_regions(net, ("1", "1"))
    with pytest.raises(InvalidArgument):
        enumerate_regions(net, method="sweep")


def test_hard_threshold_layers():
    net = Network.from_layers({"weight": [[1, 0], [0, 1]], "bias": [0, 0], "activation": "hard_threshold",
                               "threshold": "1"}, {"weight": [[1, 1]]})
    e = enumerate_regions(net)
    assert len(e.regions) == 4
    assert sorted(r.offset for r in e.regions) == [(0,), (1,), (1,), (2,)]
