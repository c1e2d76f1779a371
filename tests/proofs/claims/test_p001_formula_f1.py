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


def test_update_formula_certificate_negative_controls():
    """The kernel's update_formula check evaluates the formula itself: tampering is rejected."""
    import copy

    from proofs.kernel import Invalid, check_update_formula
    A = QMatrix.from_rows([[2, 1], [0, 1]])
    U = QMatrix.from_rows([[1, 1], [0, 1]])
    WpT = A.solve(U)
    good = m._formula_obligation(A, U, WpT, QMatrix.from_rows([[0, 3], [0, 1]]))
    check_update_formula(good)
    assert good["holds"] is True
    bad = m._formula_obligation(A, U, WpT, QMatrix.from_rows([[1, 0], [0, 1]]))
    check_update_formula(bad)
    assert bad["holds"] is False                                     # the rank-two counterexample
    for key, value in (("holds", True), ("formula", [["1", "0"], ["0", "1"]]), ("known_T", [["1", "0"], ["0", "1"]]),
                       ("U3_inv", [["1", "0"], ["0", "1"]])):
        tampered = copy.deepcopy(bad)
        tampered[key] = value
        try:
            check_update_formula(tampered)
        except Invalid:
            continue
        raise AssertionError(f"tampered {key} accepted")
