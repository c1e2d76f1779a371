from proofs.claims.p001 import trained_h3 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_unconstrained_recipe():
    v = m.check(n=4, epochs=300)
    assert v.status in (Status.VERIFIED, Status.INCONCLUSIVE) and recheck(v.certificate)[0]
    assert "codes_r2_vs_theta" in v.evidence["slides_rmsprop"]


def test_negative_control_tampered_certificate():
    v = m.check(n=3, epochs=50)
    cert = v.certificate
    assert recheck(cert)[0]
    flipped = {**cert, "status": "verified" if cert["status"] == "inconclusive" else "inconclusive"}
    assert not recheck(flipped)[0]
    net = cert["evidence"]["network"]
    assert not recheck({**cert, "evidence": {**cert["evidence"], "network": {**net, "sha256": "0" * 64}}})[0]
