"""003-Co4: three readings; cones for zero biases."""

import json

from proofs.claims.p003 import corollary4
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdicts():
    vs = {v.variant: v for v in corollary4.check(n_cone_nets=2)}
    assert vs["full-dimensional"].status is Status.VERIFIED
    assert vs["literal P(D) non-empty"].status is Status.REFUTED
    assert vs["cones"].status is Status.VERIFIED
    for v in vs.values():
        assert recheck(v.certificate)[0]


def test_negative_control_biased_network_is_not_a_cone():
    v = next(v for v in corollary4.check(n_cone_nets=1) if v.variant == "cones")
    cert = json.loads(json.dumps(v.certificate))
    ob = next(o for o in cert["obligations"] if o.get("cone"))
    ob["network"]["layers"][0]["bias"][0] = "1"   # a non-zero bias: some row has b != 0
    ob.pop("linear"), ob.pop("offset")
    assert not recheck(cert)[0]
