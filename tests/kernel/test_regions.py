"""proofs/kernel/regions.py: points, Motzkin emptiness, covers and the exact-measure cover."""

import pytest

from proofs.kernel import core as K
from proofs.kernel import regions as R

# two lines x = 0 and y = 0, then an identity output: four quadrants
NET = K.network({"layers": [{"weight": [[1, 0], [0, 1]], "bias": [0, 0], "activation": "relu"},
                            {"weight": [[1, 1]], "activation": "identity"}]})
BOX = [["-1", "1"], ["-1", "1"]]
QUADRANTS = [([[a, b], []], [1 / 2 if a else -1 / 2, 1 / 2 if b else -1 / 2]) for a in (0, 1) for b in (0, 1)]
REGIONS = [(p, [("1/2" if v > 0 else "-1/2") for v in pt]) for p, pt in QUADRANTS]


def test_region_point_and_map():
    rows, m, c = R.region_point(NET, [[1, 1], []], BOX, ["1/2", "1/2"])
    assert len(rows) == 6 and m == [[1, 1]] and c == [0]
    assert R.affine_map(NET, [[1, 0], []]) == ([[1, 0]], [0])
    with pytest.raises(K.Invalid):
        R.region_point(NET, [[1, 1], []], BOX, ["-1/2", "1/2"])
    with pytest.raises(K.Invalid):
        R.region_point(NET, [[1, 1], []], BOX, ["1/2"])  # short point
    with pytest.raises(K.Invalid):
        R.affine_map(NET, [[1, 1]])  # not a full pattern


def test_region_empty():
    net = K.network({"layers": [{"weight": [[1], [1]], "bias": [0, -1], "activation": "relu"}]})
    # x <= 0 and x > 1: rows x < 0 (bit 0 of x) and -x < -1 (bit 1 of x - 1)
    R.region_empty(net, [[0, 1]], None, [1, 1])
    with pytest.raises(K.Invalid):
        R.region_empty(net, [[1, 1]], None, [1, 1])
    with pytest.raises(K.Invalid):
        R.region_empty(net, [[0, 1]], None, [1])  # short multiplier
    with pytest.raises(K.Invalid):
        R.region_empty(net, [[0, 1]], None, [0, 0])


def test_pattern_at():
    assert R.pattern_at(NET, [0, 1]) == [[0, 1], []]


def test_cover_and_measure():
    assert len(R.cover(NET, BOX, REGIONS, [], measure=True)) == 4
    with pytest.raises(K.Invalid):  # a region missing
        R.cover(NET, BOX, REGIONS[1:], [])
    with pytest.raises(K.Invalid):  # a region twice
        R.cover(NET, BOX, REGIONS + REGIONS[:1], [])
    with pytest.raises(K.Invalid):  # an empty box
        R.cover(NET, [["1", "1"], ["-1", "1"]], REGIONS, [])
    assert R.region_measure(NET, [[1, 1], []], BOX) == 1
    assert R.region_measure(NET, [], BOX) == 4
    with pytest.raises(K.Invalid):
        R.region_measure(NET, [], None)


def test_measure_catches_a_hole():
    """A 'region' whose system is non-empty but whose pieces do not tile: measures disagree."""
    net = K.network({"layers": [{"weight": [[1]], "bias": [0], "activation": "relu"},
                                {"weight": [[1]], "activation": "identity"}]})
    assert R.cover(net, [["-1", "2"]], [([[0], []], ["-1/2"]), ([[1], []], ["1"])], [], measure=True)
    assert R.region_measure(net, [[1], []], [["-1", "2"]]) == 2


def test_cover_on_the_zoo():
    from proofs.claims.p003 import empty_multiplier, enumerate_certified, network_zoo

    net = network_zoo(0)["parallel+collapse"]
    e = enumerate_certified(net, ("-4", "4"))
    kn = K.network(net.to_json())
    box = [[str(a), str(b)] for a, b in e.box]
    regs = [([list(p) for p in r.pattern], [str(v) for v in r.point]) for r in e.regions]
    emp = [([list(p) for p in pr], empty_multiplier(net, pr, e.box)) for pr in e.empty_prefixes]
    assert len(R.cover(kn, box, regs, emp, measure=True)) == len(e.regions)
    with pytest.raises(K.Invalid):
        R.cover(kn, box, regs, emp[1:])
