"""001-F1: the Sherman-Morrison update formula."""

import random

from exact.linalg import QMatrix
from proofs.claims.p001 import formula_f1 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdicts():
    r1, anyd, pinv = m.check(n_max=5, samples=2, sym_n=3)
    assert r1.status is Status.PROVED and anyd.status is Status.REFUTED and pinv.status is Status.REFUTED
    assert anyd.evidence["nilpotent_rank2_n4"]["formula_holds"]
    assert not anyd.evidence["condition_mismatches"]
    assert all(recheck(v.certificate)[0] for v in (r1, anyd, pinv))


def test_rank_one_update_exact():
    A = QMatrix.from_rows([[2, 1], [0, 1]])
    U = QMatrix.from_rows([[1, 1], [0, 1]])
    WpT = A.solve(U)
    D = QMatrix.from_rows([[0, 3], [0, 1]])          # one column changed: rank one
    assert m.update_formula(WpT, U, D) == (A + D).solve(U)


def test_negative_control_rank_two_update_fails():
    A = QMatrix.from_rows([[2, 1], [0, 1]])
    U = QMatrix.from_rows([[1, 1], [0, 1]])
    WpT = A.solve(U)
    D = QMatrix.from_rows([[1, 0], [0, 1]])
    assert m.update_formula(WpT, U, D) != (A + D).solve(U)


def test_kernel_builds_the_formula_from_the_statement():
    """The kernel evaluates the formula from A2, U3, Delta itself (W3^{+T} = A2^{-1} U3): nothing else is trusted."""
    from proofs.certificates import certificate

    A = QMatrix.from_rows([[2, 1], [0, 1]])
    U = QMatrix.from_rows([[1, 1], [0, 1]])
    rank_two = m._instance_json(A, U, QMatrix.from_rows([[1, 0], [0, 1]]))
    rank_one = m._instance_json(A, U, QMatrix.from_rows([[0, 3], [0, 1]]))
    assert recheck(certificate("001-F1", "refuted", variant="any Delta", scope={}, evidence=rank_two))[0]
    assert not recheck(certificate("001-F1", "refuted", variant="any Delta", scope={}, evidence=rank_one))[0]
    for extra in ({"formula": [["1", "0"], ["0", "1"]]}, {"plus_T": [["1", "0"], ["0", "1"]]}, {"holds": True}):
        assert not recheck(certificate("001-F1", "refuted", variant="any Delta", scope={}, evidence={**rank_two, **extra}))[0]
    argument = [(i, c) for i, c, _ in m.ARGUMENT]
    assert recheck(certificate("001-F1", "proved", variant="rank-one Delta", scope={}, evidence={"examples": [rank_one]},
                               argument=argument))[0]
    assert not recheck(certificate("001-F1", "proved", variant="rank-one Delta", scope={},
                                   evidence={"examples": [rank_two]}, argument=argument))[0]
