"""003-Ex2: 7 regions at most for widths 2-1; the instance attains it."""

from exact.network import Network
from exact.regions import enumerate_regions
from proofs.claims.p003 import example2
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdict():
    v = example2.check()[0]
    assert v.status is Status.VERIFIED and recheck(v.certificate)[0]
    assert v.evidence["max_regions_seen"] == 7


def test_negative_control_more_second_layer_neurons_exceed_seven():
    # with k = 2 second-layer neurons the checker must count beyond 7 (11 regions)
    assert len(enumerate_regions(example2.instance(2)).regions) == 11 > example2.bound(1)
    # a non-invertible first layer (parallel neurons) has fewer first-layer regions
    net = Network.from_layers({"weight": [[1, 0], [2, 0]], "activation": "relu"},
                              {"weight": [[1, 1]], "bias": [-1], "activation": "relu"}, {"weight": [[1]]})
    assert len(enumerate_regions(net).regions) < 7
