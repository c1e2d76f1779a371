"""Tests of numeric.regions: float enumeration, sampling and pictures."""

import random

from exact.regions import configuration_at, enumerate_regions, json_layout
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
    found = grid_patterns(net, (-3.0, 3.0), 40_000) | sample_patterns(net, [(-3, 3), (-3, 3)], 20_000, seed=1)
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
    cmp = compare_with_sampling(e, grid_patterns(net, (-1.0, 1.0), 100))
    assert cmp["missed_by_sampling"] == 1 and abs(cmp["missed"][0]["size"] - 0.002) < 1e-12


def test_plots(tmp_path):
    for net, box in ((random_network([1, 3, 3, 1], 1), None), (network_zoo()["parallel+collapse"], None),
                     (random_network([2, 3, 1], 2), ("-1", "1"))):
        p = tmp_path / f"r{random.random()}.png"
        plot_enumeration(enumerate_regions(net, box), str(p))
        assert p.stat().st_size > 1000


def test_boxes_per_coordinate_and_half_open(tmp_path):
    """float_enumerate, the samplers and the plot take a box per coordinate (and infinite sides)."""
    net = random_network([2, 4, 3, 1], 5)
    box = [("-1", "2"), ("0", "3")]
    e = enumerate_regions(net, box)
    assert set(float_enumerate(net, box).patterns) == {r.pattern for r in e.regions}
    found = grid_patterns(net, box, 40_000) | sample_patterns(net, box, 10_000)
    assert found <= {r.pattern for r in e.regions}
    half = [(None, "1"), ("-1", None)]
    e2 = enumerate_regions(net, half, method="general")
    assert set(float_enumerate(net, half).patterns) == {r.pattern for r in e2.regions}
    p = tmp_path / "half.png"
    plot_enumeration(e2, str(p))
    assert p.stat().st_size > 1000


def test_sampling_refuses_an_unbounded_box():
    import pytest

    from exact.errors import InvalidArgument

    with pytest.raises(InvalidArgument):
        grid_patterns(random_network([2, 3, 1], 0), [(None, "1"), ("0", "1")], 100)


def test_missed_region_size_is_also_exact():
    from exact.network import Network

    net = Network.from_layers({"weight": [[1, 0], [1, 0]], "bias": ["0", "-1/1000"], "activation": "relu"},
                              {"weight": [[1, -1]]})
    cmp = compare_with_sampling(enumerate_regions(net, ("-1", "1")), grid_patterns(net, ("-1", "1"), 100))
    assert cmp["missed"][0]["size_exact"] == "1/500"


def _cli(*args):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "proofs", "regions", *args], capture_output=True, text=True,
                          timeout=120)


def test_cli_regions_json_plot_and_errors(tmp_path):
    """`proofcheck regions` end to end: JSON of the issue, a plot, one-line errors with exit 2."""
    import json

    from exact.network import save_network
    from exact.scalar import to_rational

    net = random_network([2, 4, 3, 1], 0)
    f = tmp_path / "net.json"
    save_network(net, f)
    out, png = tmp_path / "r.json", tmp_path / "r.png"
    r = _cli(str(f), "--box", "-2", "3/2", "--json", str(out), "--plot", str(png), "-q")
    assert r.returncode == 0, r.stderr
    doc = json.loads(out.read_text())
    assert out.read_text() == json_layout(doc) + "\n"  # the whole text, its newline, nothing else
    e = enumerate_regions(net, ("-2", "3/2"))
    assert doc["counts"] == {"activation_regions": len(e.regions), "affine_pieces": len(e.affine_pieces()),
                             "affine_maps": len({(r.linear, r.offset) for r in e.regions})}
    for reg in doc["regions"]:
        x = [to_rational(v) for v in reg["interior_point"]]
        assert all(isinstance(v, str) for v in reg["interior_point"])
        assert all(sum((to_rational(a) * xi for a, xi in zip(c["a"], x)), to_rational(0)) < to_rational(c["b"])
                   for c in reg["inequalities"])
        lin = [[to_rational(v) for v in row] for row in reg["affine_map"]["linear"]]
        off = [to_rational(v) for v in reg["affine_map"]["offset"]]
        assert net.evaluate(x) == tuple(sum((a * xi for a, xi in zip(row, x)), c) for row, c in zip(lin, off))
    assert png.stat().st_size > 1000
    bad, flt = tmp_path / "bad.json", tmp_path / "float.json"
    bad.write_text('{"layers": [')
    flt.write_text('{"layers": [{"weight": [[0.5, 1]]}]}')
    for args in ([str(bad)], [str(flt)], [str(f), "--box", "1", "0"], [str(f), "--box", "a", "1"],
                 [str(tmp_path / "missing.json")], [str(f), "--method", "sweep"]):
        r = _cli(*args)
        assert r.returncode == 2 and r.stdout == "" and len(r.stderr.strip().splitlines()) == 1, (args, r.stderr)


def test_slices_of_a_3d_network_are_its_regions_traces():
    """slice_network: the 2-D regions of the plane x3 = z carry the patterns of 3-D regions, and
    every 3-D region whose interior point lies on the plane appears there."""
    from fractions import Fraction

    from numeric.regions import slice_network

    net = random_network([3, 4, 3, 1], 3)
    e = enumerate_regions(net, ("-2", "2"))
    patterns = {r.pattern for r in e.regions}
    z = e.regions[0].point[2]
    sl = enumerate_regions(slice_network(net, z), [("-2", "2"), ("-2", "2")], method="polygon")
    assert {r.pattern for r in sl.regions} <= patterns
    assert e.regions[0].pattern in {r.pattern for r in sl.regions}
    for r in sl.regions:
        assert configuration_at(net, r.point + (Fraction(z),)) == r.pattern


def test_cli_regions_in_three_dimensions(tmp_path):
    import json

    from exact.network import save_network

    """`proofcheck regions` on d = 3: the clipping path, the same JSON for 1 and 2 workers, a slice plot."""
    net = random_network([3, 5, 4, 1], 1)
    f = tmp_path / "net3.json"
    save_network(net, f)
    docs = []
    for w in ("1", "2"):
        out = tmp_path / f"r{w}.json"
        r = _cli(str(f), "--workers", w, "--json", str(out), "-q", *(["--plot", str(tmp_path / "s.png")] if w == "1" else []))
        assert r.returncode == 0, r.stderr
        doc = json.loads(out.read_text())
        doc.pop("seconds")
        docs.append(doc)
    assert docs[0] == docs[1] and docs[0]["method"] == "clip"
    assert docs[0]["counts"]["activation_regions"] == len(enumerate_regions(net, method="general").regions)
    assert (tmp_path / "s.png").stat().st_size > 1000
    for args in (["--workers", "0"], ["--method", "polygon"]):
        r = _cli(str(f), *args)
        assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, (args, r.stderr)
