from proofs.claims.p000 import generalisation_q3 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_trained_errors_respect_exact_bound():
    vs = m.check(n=6, fractions="0.3", subsets=2, epochs=150, relu_n=4, relu_subsets=2)
    by = {v.variant: v for v in vs}
    assert by["threshold"].status is Status.VERIFIED
    assert all(r["wrong"] <= r["bound"] for r in by["threshold"].evidence["runs"])
    assert by["relu2"].status is Status.VERIFIED
    for v in vs:
        assert recheck(v.certificate)[0]
    for r in by["relu2"].evidence["runs"]:
        assert r["unbounded_coordinates"] <= r["coordinates"]
        assert all(len(k) == 4 for k in r["kinds"].values())


def test_negative_control_bound_too_small_is_refuted(monkeypatch):
    monkeypatch.setattr(m, "worst_case_total", lambda S, n: -1)
    v = m.check(n=6, fractions="0.3", subsets=1, epochs=150, relu_subsets=0)[0]
    assert v.status is Status.REFUTED
