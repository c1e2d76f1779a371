from proofs.claims.p000 import incomplete_database_q2 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_constructions_fail_exactly_at_the_missing_signal():
    v = m.check(n_max=5, train_n=4, epochs=150)
    assert v.status is Status.VERIFIED and recheck(v.certificate)[0]


def test_negative_control_wrong_w3_rejected():
    # a relu W3 replaced by one reconstructing everything (or nothing) no longer fails exactly at theta'
    v = m.check(n_max=3, relu_n_max=2, train_n=3, epochs=50)
    cert = v.certificate
    W3 = cert["evidence"]["relu_W3"]
    bad = {**cert, "evidence": {**cert["evidence"], "relu_W3": [W3[1]] + W3[1:]}}
    assert not recheck(bad)[0]
    from fractions import Fraction
    assert m.suboptimal_threshold(4, 2)[1] == Fraction(1, 3)
