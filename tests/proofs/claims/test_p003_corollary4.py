"""003-Co4: three readings; cones for zero biases."""

import json

from proofs.claims.p003 import corollary4
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdicts():
    vs = {v.variant: v for v in corollary4.check(n_cone_nets=2)}
    assert vs["full-dimensional"].status is Status.VERIFIED
    assert vs["full-dimensional"].certificate["evidence"] == {"checked": 1458, "polytopes": 5434}
    assert vs["literal P(D) non-empty"].status is Status.REFUTED
    assert vs["cones"].status is Status.PROVED and vs["cones, non-zero bias"].status is Status.REFUTED
    assert vs["cones"].certificate["evidence"]["checked"] == corollary4.cone_class_size(corollary4.CONE_CLASS)
    assert vs["cones"].evidence["argument"]["valid"] and not vs["cones"].evidence["problems"]
    for v in vs.values():
        assert recheck(v.certificate)[0]


def test_negative_control_biased_network_is_not_a_cone():
    v = next(v for v in corollary4.check(n_cone_nets=1) if v.variant == "cones, non-zero bias")
    cert = json.loads(json.dumps(v.certificate))
    assert recheck(cert)[0]
    cert["evidence"]["x"] = ["-2"]      # x and x / 4 both inactive: the same region
    assert not recheck(cert)[0]


def test_cone_class_size():
    assert corollary4.cone_class_size([[2, 2, 1]]) == 3 ** 6 * 4
    assert corollary4.cone_class_size([[1, 2, 1, 1]]) == 3 ** 5 * 8
