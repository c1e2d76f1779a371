from proofs.claims.p000 import linearity_regularisation_q6 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_regulariser_and_architecture():
    vs = m.check(n=5, seeds=1, epochs=200)
    by = {v.variant: v for v in vs}
    assert by["architecture"].status in (Status.VERIFIED, Status.INCONCLUSIVE)
    assert by["regulariser"].status in (Status.VERIFIED, Status.REFUTED, Status.INCONCLUSIVE)
    for v in vs:
        assert recheck(v.certificate)[0]


def test_negative_control_zero_weight_regulariser_cannot_win():
    # with lambda = 0 both runs are identical: "strictly more linear" must be refuted
    vs = m.check(n=5, seeds=1, weight=0.0, epochs=150)
    v = next(v for v in vs if v.variant == "regulariser")
    assert v.status in (Status.REFUTED, Status.INCONCLUSIVE)
    assert v.status is not Status.VERIFIED
