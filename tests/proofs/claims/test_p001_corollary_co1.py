"""001-Co1: the corollary on the set of solutions."""

from exact.linalg import QMatrix
from proofs.claims.p001 import corollary_co1 as m, linear_decoder
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdicts():
    orbit, param = m.check(n_max=5, samples=2, sym_n=2)
    assert orbit.status is Status.INCONCLUSIVE and param.status is Status.REFUTED
    assert not param.evidence["condition_mismatches"]
    assert recheck(orbit.certificate)[0] and recheck(param.certificate)[0]
    ev = orbit.certificate["evidence"]
    assert ev["searched"] == orbit.evidence["instances"] == 10 and len(ev["instances"]) == 10
    assert param.certificate["evidence"] == {"n": 1, "W3": [["-1"]]}


def test_negative_control_non_diagonal_W3_is_not_a_solution():
    b = linear_decoder(2)
    W2s = b.W3 @ QMatrix.from_rows([[w] for w in b.W2])
    b2s = QMatrix.from_rows([list(b.b2)]) @ b.W3.T
    W3 = b.W3 @ QMatrix.from_rows([[1, 1], [0, 1]])
    W2, b2 = m.from_equations(W3, W2s, b2s)
    assert not m._is_solution(W2, b2, W3.rows(), 2, 1)
    W3ok = b.W3 @ QMatrix.diag([2, "1/3"])
    W2, b2 = m.from_equations(W3ok, W2s, b2s)
    assert m._is_solution(W2, b2, W3ok.rows(), 2, 1)
