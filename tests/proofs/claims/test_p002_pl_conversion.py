from proofs.claims.p002 import pl_conversion
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdict():
    v = pl_conversion.check(n_functions=30)
    assert v.status is Status.VERIFIED and recheck(v.certificate)[0]


def test_negative_control():
    v = pl_conversion.check(n_functions=5, perturb=True)
    assert v.status is Status.REFUTED and recheck(v.certificate)[0]
