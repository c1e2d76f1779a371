"""001-P2: the architecture proposition (zero signal dropped)."""

import copy

from exact.slides001 import activation_rows, handcrafted_decoder, qmatrix, random_form1, relu_product_violations
from proofs.claims.p001 import proposition_p2 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdict():
    v = m.check(n_max=6, samples=2)
    assert v.status is Status.INCONCLUSIVE and not v.evidence["failures"]
    assert len(v.certificate["evidence"]["instances"]) == 2 * m.LISTED_N_MAX
    assert recheck(v.certificate)[0]


def test_negative_control_widening_without_split_fails():
    z = [5, -1, "2/3"]
    dec = handcrafted_decoder(z, random_form1(3, 1, False, 4), None)
    W2, b2, W3 = m.widened(dec.W2, dec.b2, dec.W3.rows(), 2)
    A2 = qmatrix(activation_rows(z, W2, b2))
    assert not relu_product_violations(A2, qmatrix(W3))
    bad = [r[:-3] + [r[-1] * 3] * 3 for r in W3]
    assert relu_product_violations(A2, qmatrix(bad))


def test_negative_control_too_few_neurons_rejected():
    cert = m.check(n_max=3, samples=1).certificate
    bad = copy.deepcopy(cert)
    inst = bad["evidence"]["instances"][2]        # n = 2, n2 = 2
    inst["W2"], inst["b2"], inst["W3"] = inst["W2"][:1], inst["b2"][:1], [r[:1] for r in inst["W3"]]
    assert not recheck(bad)[0]
