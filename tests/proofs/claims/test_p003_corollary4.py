"""003-Co4: three readings; cones for zero biases."""

import json

from proofs.claims.p003 import corollary4
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdicts():
    vs = {v.variant: v for v in corollary4.check(n_cone_nets=2)}
    assert vs["full-dimensional"].status is Status.INCONCLUSIVE
    assert vs["literal P(D) non-empty"].status is Status.REFUTED
    assert vs["cones"].status is Status.INCONCLUSIVE
    for v in vs.values():
        assert recheck(v.certificate)[0]


def test_negative_control_biased_network_is_not_a_cone():
    v = next(v for v in corollary4.check(n_cone_nets=1) if v.variant == "cones")
    cert = json.loads(json.dumps(v.certificate))
    from proofs.certificates import bind

    inst = cert["evidence"]["instances"][0]
    net = inst["network"]["value"]
    net["layers"][0]["bias"][0] = "1"   # a non-zero bias: some row has b != 0
    inst["network"] = bind(net)         # even re-hashed, the hypothesis fails
    assert not recheck(cert)[0]
