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


def test_any_delta_search_runs_on_the_batched_harness():
    """Instances from (seed, index) alone: the hits and counts do not depend on block size or workers,
    and the verdict's counterexample is rebuilt from its (seed, index)."""
    from proofs.methods.batched import run_blocks

    runs = [run_blocks(m.AnyDeltaSearch(6, size=size), seed=3, max_instances=40, workers=w, stop_on_hit=False)
            for size, w in ((4, 1), (3, 2), (40, 1))]
    assert runs[0].hits and runs[0].instances == 40
    for r in runs[1:]:
        assert (r.hits, r.counts, r.instances) == (runs[0].hits, runs[0].counts, runs[0].instances)
    first = run_blocks(m.AnyDeltaSearch(6), seed=3, max_instances=40)       # stops at the first hit's block
    assert first.hits[0] == runs[0].hits[0]
    _, anyd, _ = m.check(n_max=5, samples=2, sym_n=2, seed=3)
    c = anyd.evidence["minimal_counterexample"]
    n, A, U, WpT, Delta, Anew = m.AnyDeltaSearch(5).instance(3, c["index"])
    assert (c["n"], c["seed"], c["Delta"]) == (n, 3, [[str(x) for x in row] for row in Delta.rows()])
    assert m.update_formula(WpT, U, Delta) != Anew.solve(U)
    assert recheck(anyd.certificate)[0]


def test_any_delta_search_negative_control(monkeypatch):
    """A formula that always gives the true new solution: the same search must find nothing."""
    from proofs.methods.batched import run_blocks

    def true_solution(WpT, U, Delta):           # (A2 + Delta)^{-1} U3 with A2 = U3 W3+^{-T}
        new = U @ WpT.inv() + Delta
        return None if new.rank() < new.shape[0] else new.solve(U)

    assert run_blocks(m.AnyDeltaSearch(6), seed=3, max_instances=40, stop_on_hit=False).hits
    monkeypatch.setattr(m, "update_formula", true_solution)
    run = run_blocks(m.AnyDeltaSearch(6), seed=3, max_instances=40, stop_on_hit=False)
    assert run.instances == 40 and run.hits == []
