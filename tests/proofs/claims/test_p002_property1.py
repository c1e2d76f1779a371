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
