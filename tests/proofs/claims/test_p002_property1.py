from proofs.claims.p002 import property1
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdict():
    v = property1.check(n_networks=3)
    assert v.status is Status.VERIFIED and recheck(v.certificate)[0]


def test_negative_control_hard_threshold_is_discontinuous():
    v = property1.check(n_networks=2, activation="hard_threshold")
    assert v.status is Status.REFUTED and v.evidence["problems"]
    assert v.variant == "hard_threshold (control)" and recheck(v.certificate)[0]


def test_plane_class_counts_and_control_network():
    cls = property1.plane_class_check()
    assert (cls["networks"], cls["regions"], cls["facets"], cls["problems"]) == (2970, 9714, 8472, [])
    # negative control: the exact facet adjacency finds jumps once the neurons are hard thresholds
    net = property1._threshold_plane_network()
    assert net is not None and net.layers[0].activation == "hard_threshold"
    assert property1._bad_facets(net, property1.enumerate_regions(net, method="general"))
