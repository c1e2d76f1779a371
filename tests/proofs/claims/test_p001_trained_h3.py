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
    ob = next(o for o in cert["obligations"] if o["check"] == "step_reconstruction")
    ob["failures"] = [0, 1, 2, 3] if ob["failures"] != [0, 1, 2, 3] else []
    assert not recheck(cert)[0]
