from proofs.claims.p002 import constructions
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdict():
    v = constructions.check()
    assert v.status is Status.VERIFIED and recheck(v.certificate)[0]


def test_negative_control():
    for name in ("hat_two_hidden", "soft_thresholding"):
        v = constructions.check(wrong=name)
        assert v.status is Status.REFUTED and recheck(v.certificate)[0]
