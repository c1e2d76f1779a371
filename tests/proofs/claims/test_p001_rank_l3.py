"""001-L3: rank conditions on U3 = A2 W3^T."""

from exact.slides001 import activation_rows, linear_codes, qmatrix, relu_product_violations
from proofs.claims.p001 import rank_l3 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdicts():
    main, literal = m.check(n_max=6, samples=2)
    assert main.status is Status.PROVED and literal.status is Status.REFUTED
    assert [s["checker"] for s in main.certificate["argument"]] == [c for _, c in m.ARGUMENT]
    assert literal.evidence["minimal_counterexample"]["n"] == 1
    assert recheck(main.certificate)[0] and recheck(literal.certificate)[0]


def test_negative_control_unsplit_duplicate_fails():
    W2, b2, W3 = m.duplicated_neuron_decoder(3)
    W3bad = [r[:-2] + [2 * r[-2], 2 * r[-1]] for r in W3]     # duplicate without splitting the weights
    A2 = qmatrix(activation_rows(linear_codes(3), W2, b2))
    assert not relu_product_violations(A2, qmatrix(W3))
    assert relu_product_violations(A2, qmatrix(W3bad))


def test_negative_control_unsplit_duplicate_is_no_kernel_counterexample():
    cert = m.check(n_max=2, samples=1)[1].certificate
    cert["evidence"]["W3"] = [[2 * v if isinstance(v, int) else v for v in r] for r in cert["evidence"]["W3"]]
    cert["evidence"]["W3"][0][-1] = "1"
    assert not recheck(cert)[0]
