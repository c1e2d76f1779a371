"""001-P2: the architecture proposition (zero signal dropped)."""

from math import factorial

from exact.slides001 import activation_rows, handcrafted_decoder, qmatrix, random_form1, relu_product_violations
from proofs.claims.p001 import proposition_p2 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdicts():
    v, rep = m.check(n_max=6, samples=2)
    assert v.status is Status.PROVED and not v.evidence["failures"] and recheck(v.certificate)[0]
    assert v.certificate["evidence"]["checked"] == 2 * sum(factorial(n) for n in range(1, 6))
    assert rep.status is Status.REFUTED and recheck(rep.certificate)[0]


def test_negative_control_widening_without_split_fails():
    z = [5, -1, "2/3"]
    dec = handcrafted_decoder(z, random_form1(3, 1, False, 4), None)
    W2, b2, W3 = m.widened(dec.W2, dec.b2, dec.W3.rows(), 2)
    A2 = qmatrix(activation_rows(z, W2, b2))
    assert not relu_product_violations(A2, qmatrix(W3))
    bad = [r[:-3] + [r[-1] * 3] * 3 for r in W3]
    assert relu_product_violations(A2, qmatrix(bad))


def test_negative_control_equal_codes_for_equal_rows_are_no_counterexample():
    rep = m.check(n_max=3, samples=1)[1].certificate
    assert not recheck({**rep, "evidence": {"n": 2, "codes": [1, 2]}})[0]     # distinct
    assert not recheck({**rep, "evidence": {"n": 2, "codes": [1, 1, 1]}})[0]  # wrong length
    cert = m.check(n_max=3, samples=1)[0].certificate
    assert not recheck({**cert, "scope": {**cert["scope"], "n_max": 6}})[0]   # beyond the kernel's bound
