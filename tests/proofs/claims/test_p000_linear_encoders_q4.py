from fractions import Fraction

from proofs.claims.p000 import linear_encoders_q4 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_linear_encoders_exist():
    v = m.check(n_max=5, seeds=1, train_n=4, epochs=100)
    assert v.status is Status.PROVED and recheck(v.certificate)[0]      # every n, alpha != 0, beta
    assert v.certificate["argument"] == [{"id": i, "checker": ch} for i, ch in m.KERNEL_ARGUMENT]
    finite = {k: x for k, x in v.certificate.items() if k != "argument"}
    assert recheck({**finite, "status": "verified"})[0]                   # the finite part alone
    assert not recheck({**v.certificate, "status": "verified"})[0]
    assert not recheck({**v.certificate, "claim": "000-Q5"})[0]


def test_code_nonlinearity():
    assert m.code_nonlinearity([Fraction(1), Fraction(3), Fraction(5)]) == 0
    assert m.code_nonlinearity([Fraction(0), Fraction(2), Fraction(2)]) == Fraction(1, 2)


def test_negative_control_bad_construction_is_not_verified(monkeypatch):
    # a wrong decoder for the affine codes (w_i = 1/(alpha i)) must be caught
    orig = m.threshold_decoder
    monkeypatch.setattr(m, "threshold_decoder", lambda w, *a: orig([x * Fraction(3, 2) for x in w], *a))
    v = m.check(n_max=3, pairs="1:0", seeds=0)
    assert v.status is Status.INCONCLUSIVE and v.evidence["problems"]   # a failed construction answers nothing
