"""Tests of numeric.regions: float enumeration, sampling and pictures."""

import random

from exact.regions import enumerate_regions
from numeric.regions import (compare_with_sampling, float_enumerate, grid_patterns, plot_enumeration,
                             sample_patterns)
from proofs.claims.p003 import network_zoo, random_network


def test_float_enumeration_matches_exact_on_generic_networks():
    for s in range(3):
        net = random_network([2, 5, 4, 1], s)
        e = enumerate_regions(net, irredundant=False)
        f = float_enumerate(net)
        assert set(f.patterns) == {r.pattern for r in e.regions}


def test_sampling_never_finds_more_than_the_exact_enumeration():
    net = network_zoo()["random 2-4-3-1"]
    e = enumerate_regions(net, ("-3", "3"))
    found = grid_patterns(net, -3.0, 3.0, 40_000) | sample_patterns(net, -3.0, 3.0, 20_000, seed=1)
    cmp = compare_with_sampling(e, found)
    assert cmp["found_only_by_sampling"] == 0
    assert cmp["sampled_regions"] + cmp["missed_by_sampling"] == len(e.regions)
    for m in cmp["missed"]:
        assert m["size"] is not None and m["size"] > 0


def test_a_tiny_region_is_missed_by_a_coarse_grid_and_reported_with_its_size():
    from exact.network import Network

    net = Network.from_layers({"weight": [[1, 0], [1, 0]], "bias": ["0", "-1/1000"], "activation": "relu"},
                              {"weight": [[1, -1]]})
    e = enumerate_regions(net, ("-1", "1"))
    cmp = compare_with_sampling(e, grid_patterns(net, -1.0, 1.0, 100))
    assert cmp["missed_by_sampling"] == 1 and abs(cmp["missed"][0]["size"] - 0.002) < 1e-12


def test_plots(tmp_path):
    for net, box in ((random_network([1, 3, 3, 1], 1), None), (network_zoo()["parallel+collapse"], None),
                     (random_network([2, 3, 1], 2), ("-1", "1"))):
        p = tmp_path / f"r{random.random()}.png"
        plot_enumeration(enumerate_regions(net, box), str(p))
        assert p.stat().st_size > 1000
