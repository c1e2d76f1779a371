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


def test_negative_control_shrunk_scope_rejected():
    v = m.check(n_max=3, n_cert=3, relu_n_max=1)[0]
    cert = v.certificate
    assert recheck(cert)[0]
    assert not recheck({**cert, "scope": {"n_max": 2}})[0]


def test_relu_staircase_unbounded_and_zero_signal_right():
    case = m.relu_missing_case(3, frozenset({0, 1, 3}), 2, "staircase")
    assert case["kinds"] == ["unbounded"] * 3 and case["failures"] == [2]
    assert all(a["kind"] == "unbounded" and "ray" in a for a in case["answers"])
    assert m.relu_missing_case(3, frozenset({1, 2, 3}), 0, "staircase")["kinds"] == ["right"] * 3
    ex = m.relu_missing_case(3, frozenset({1, 2, 3}), 0, "extrapolating")
    assert ex["kinds"] == ["wrong", "right", "unbounded"] and ex["failures"] == [0]


def test_negative_control_relu_ray_tampered_and_wrong_layer_refuted(monkeypatch):
    v = m.check(n_max=1, n_cert=0, relu_n_max=2, relu_subsets_n=1)[1]
    cert = v.certificate
    assert recheck(cert)[0]
    ans = next(a for c in cert["evidence"]["cases"] for a in c["outputs"] if a["kind"] == "unbounded")
    ans["ray"] = ["0" for _ in ans["ray"]]   # no growth at the missing code
    assert not recheck(cert)[0]
    # a collapsed layer 2 (all breakpoints at 0) breaks the staircase prediction: must be refuted
    orig = m.relu_layer2
    monkeypatch.setattr(m, "relu_layer2", lambda kind, n: ((Fraction(1),) * n, (Fraction(0),) * n)
                        if kind == "staircase" else orig(kind, n))
    v = m.check(n_max=1, n_cert=0, relu_n_max=2, relu_subsets_n=1)[1]
    assert v.status is Status.REFUTED and v.evidence["problems"]
