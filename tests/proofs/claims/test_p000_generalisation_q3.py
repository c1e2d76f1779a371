from proofs.claims.p000 import generalisation_q3 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_trained_errors_respect_exact_bound():
    v = m.check(n=6, fractions="0.3", subsets=2, epochs=150)
    assert v.status is Status.VERIFIED and recheck(v.certificate)[0]
    assert all(r["wrong"] <= r["bound"] for r in v.evidence["runs"])


def test_negative_control_bound_too_small_is_refuted(monkeypatch):
    monkeypatch.setattr(m, "worst_case_total", lambda S, n: -1)
    v = m.check(n=6, fractions="0.3", subsets=1, epochs=150)
    assert v.status is Status.REFUTED
