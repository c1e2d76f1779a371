"""001-Co1: the corollary on the set of solutions."""

from exact.linalg import QMatrix
from proofs.claims.p001 import corollary_co1 as m, linear_decoder
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdicts():
    orbit, neg, param = m.check(n_max=5, samples=2, sym_n=2)
    assert orbit.status is Status.PROVED and neg.status is Status.REFUTED and param.status is Status.REFUTED
    assert not param.evidence["condition_mismatches"]
    assert all(recheck(v.certificate)[0] for v in (orbit, neg, param))
    assert orbit.certificate["evidence"]["checked"] == 2 + 4 + 8 + 16 + 32 and orbit.evidence["instances"] == 10
    assert param.certificate["evidence"] == {"n": 1, "W3": [["-1"]]}
    assert neg.certificate["evidence"] == {"n": 1, "U3": [["1"], ["0"]], "D": [-1]}
    assert not recheck({**neg.certificate, "evidence": {"n": 1, "U3": [["1"], ["0"]], "D": ["2"]}})[0]   # D > 0
    assert not recheck({**neg.certificate, "evidence": {"n": 1, "U3": [["1"], ["1"]], "D": ["-1"]}})[0]  # not form (1)


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
