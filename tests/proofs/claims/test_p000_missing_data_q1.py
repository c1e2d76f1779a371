from fractions import Fraction

from proofs.claims.p000 import missing_data_q1 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdicts_and_certificates():
    vs = m.check(n_max=5, n_cert=3, relu_n_max=4)
    assert [v.status for v in vs] == [Status.VERIFIED, Status.VERIFIED]
    for v in vs:
        assert recheck(v.certificate)[0]


def test_gap_and_worst_case():
    S = frozenset({0, 1, 5, 6})
    assert m.gap(S, 3, 6) == (1, 5)
    assert m.worst_case_total(frozenset(range(7)), 6) == 0
    w = m.worst_case_decoder(S, 3, 6)
    # admissible on S, wrong at theta = 3 on every coordinate 2..5
    for t in S:
        assert [1 if t * wi >= 1 else 0 for wi in w] == [1 if j <= t else 0 for j in range(1, 7)]
    y = [1 if 3 * wi >= 1 else 0 for wi in w]
    assert sum(a != b for a, b in zip(y, [1, 1, 1, 0, 0, 0])) == 4


def test_negative_control_wrong_characterisation_is_refuted(monkeypatch):
    # a deliberately wrong formula (one coordinate too many) must be caught by the exact 1-D check
    monkeypatch.setattr(m, "gap", lambda S, t, n: (max([s for s in S if s < t], default=0), n))
    v = m.check(n_max=4, n_cert=0, relu_n_max=1)[0]
    assert v.status is Status.REFUTED and v.evidence["mismatches"]


def test_negative_control_motzkin_certificate_tampered():
    v = m.check(n_max=3, n_cert=3, relu_n_max=1)[0]
    cert = v.certificate
    ob = next(o for o in cert["obligations"] if o["check"] == "motzkin")
    ob["y"] = ["0"]
    assert not recheck(cert)[0]
