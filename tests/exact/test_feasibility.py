"""Tests of exact/feasibility.py: one engine, one result type, exact certificates either way."""

import doctest
import re
from fractions import Fraction as F

import pytest
from hypothesis import given, strategies as st

import exact.feasibility as fe
from exact.errors import ExactnessError, InvalidArgument, ShapeError
from exact.feasibility import Feasibility, FeasibilityStatus, linear_feasibility, strict_feasibility
from motzkin_support import kernel_accepts as _empty

FEASIBLE, INFEASIBLE = FeasibilityStatus.FEASIBLE, FeasibilityStatus.INFEASIBLE


def test_doctests():
    assert doctest.testmod(fe).failed == 0


# -- known answers: every path of the engine, and the kernel's Motzkin check, read one table ------------

#: (name, (A_eq, b_eq, A_le, b_le, A_lt, b_lt), dim, status)
KNOWN = [
    ("open square", ((), (), (), (), [[1, 0], [-1, 0], [0, 1], [0, -1]], [1, 0, 1, 0]), 2, FEASIBLE),
    ("x < 0 and -x < 0", ((), (), (), (), [[1], [-1]], [0, 0]), 1, INFEASIBLE),
    ("x <= 0 and -x <= 0", ((), (), [[1], [-1]], [0, 0], (), ()), 1, FEASIBLE),
    ("x >= 1 and x < 1", ((), (), [[-1]], [-1], [[1]], [1]), 1, INFEASIBLE),
    ("x + y = 1, x >= 0, y > 0", ([[1, 1]], [1], [[-1, 0]], [0], [[0, -1]], [0]), 2, FEASIBLE),
    ("x + y = 1, x + y = 2", ([[1, 1], [1, 1]], [1, 2], (), (), (), ()), 2, INFEASIBLE),
    ("x = 1, x < 1", ([[1]], [1], (), (), [[1]], [1]), 1, INFEASIBLE),
    ("a failing zero row", ((), (), (), (), [[0, 0], [1, 0]], [0, 5]), 2, INFEASIBLE),
    ("a zero row that holds", ([[0, 0]], [0], [[0, 0]], [0], [[1, 1]], [3]), 2, FEASIBLE),
    ("a thin open slab", ((), (), (), (), [[1, 1], [2, 2], [-1, -1]], [F(1, 10**9), F(2, 10**9), 0]), 2, FEASIBLE),
    ("three lines through a point", ((), (), (), (), [[1, 0], [0, 1], [-1, -1]], [0, 0, 0]), 2, INFEASIBLE),
    ("weak rows with no interior, strict slack", ((), (), [[1, 0], [-1, 0]], [0, 0], [[0, 1]], [1]), 2, FEASIBLE),
    ("no rows", ((), (), (), (), (), ()), 3, FEASIBLE),
    ("no variables, 0 < 1", ((), (), (), (), [[]], [1]), 0, FEASIBLE),
    ("no variables, 0 <= -1", ((), (), [[]], [-1], (), ()), 0, INFEASIBLE),
]


@pytest.mark.parametrize("use_float", [True, False], ids=["float-proposals", "exact-simplex"])
@pytest.mark.parametrize("name,system,dim,status", KNOWN, ids=[k[0] for k in KNOWN])
def test_known_answers(name, system, dim, status, use_float):
    r = linear_feasibility(*system, dim=dim, use_float=use_float)
    assert r.status is status and r.verify(*system, dim=dim)
    assert r.method in fe.METHODS
    if status is INFEASIBLE:
        A_eq, b_eq, A_le, b_le, A_lt, b_lt = system
        if dim:
            assert _empty(*r.motzkin_multipliers(), A_eq, b_eq, A_le, b_le, A_lt, b_lt)
        assert len(r.multipliers) == len(A_eq) + len(A_le) + len(A_lt) and r.point is None
    else:
        assert len(r.point) == dim and r.multipliers is None and all(isinstance(v, F) for v in r.point)


systems = st.integers(1, 4).flatmap(lambda d: st.tuples(
    st.lists(st.lists(st.integers(-3, 3), min_size=d, max_size=d), min_size=1, max_size=7),
    st.lists(st.integers(-3, 3), min_size=7, max_size=7)))


@given(systems)
def test_strict_float_path_and_exact_simplex_agree_and_verify(sys_):
    A, b = sys_
    b = b[:len(A)]
    r1 = strict_feasibility(A, b)
    r2 = strict_feasibility(A, b, use_float=False)
    assert r1.verify(A_lt=A, b_lt=b) and r2.verify(A_lt=A, b_lt=b)
    assert r1.status is r2.status


mixed = st.integers(0, 3).flatmap(lambda d: st.tuples(*[
    st.lists(st.tuples(st.lists(st.integers(-2, 2), min_size=d, max_size=d), st.integers(-2, 2)), max_size=k)
    for k in (2, 3, 3)]).map(lambda parts: (d, parts)))


@given(mixed)
def test_mixed_systems_float_and_exact_agree_and_verify(case):
    d, parts = case
    system = []
    for rows in parts:
        system += [[r for r, _ in rows], [v for _, v in rows]]
    r1 = linear_feasibility(*system, dim=d)
    r2 = linear_feasibility(*system, dim=d, use_float=False)
    assert r1.verify(*system, dim=d) and r2.verify(*system, dim=d)
    assert r1.status is r2.status and r2.method in ("trivial", "exact_simplex")


def test_strict_feasibility_is_the_strict_only_case():
    A, b = [[1, 0], [0, 1], [-1, -1]], [0, 0, 0]
    assert strict_feasibility(A, b) == linear_feasibility(A_lt=A, b_lt=b)
    r = strict_feasibility([], [], dim=3)
    assert r.point == (0, 0, 0) and r.method == "trivial"


def test_exact_only_mode_never_calls_the_float_solver():
    before = dict(fe.LP_STATS)
    r = strict_feasibility([[1], [-1]], [1, 1], use_float=False)
    assert r.status is FEASIBLE and r.method == "exact_simplex"
    assert fe.LP_STATS["float_point"] == before["float_point"]
    assert fe.LP_STATS["calls"] == before["calls"] + 1 and fe.LP_STATS["exact_simplex"] == before["exact_simplex"] + 1


def test_the_exact_simplex_settles_what_the_proposals_cannot(monkeypatch):
    # with every float proposal failing, the answer is still exact (and the same)
    monkeypatch.setattr(fe, "_float_attempt", lambda *a, **k: None)
    f = linear_feasibility([], [], [[-1]], [-1], [[1]], [1], proposal=[5])
    assert f.status is INFEASIBLE and f.method == "exact_simplex"
    g = linear_feasibility([[1, 1]], [1], [[-1, 0], [0, -1]], [0, 0], [], [], proposal=[5, 5])
    assert g.status is FEASIBLE and g.method == "exact_simplex" and g.verify([[1, 1]], [1], [[-1, 0], [0, -1]], [0, 0])


def test_tampered_certificates_are_rejected():
    A, b = [[1], [-1]], [0, 0]
    r = strict_feasibility(A, b)
    assert not r.verify(A_lt=A, b_lt=[0, 1])  # the multiplier no longer proves emptiness
    assert not r.verify(A_le=A, b_le=b)       # weak rows: {0} is not empty
    r = strict_feasibility([[1]], [1])
    assert not r.verify(A_lt=[[1]], b_lt=[r.point[0]])  # the point is not strictly inside any more
    assert not r.verify(A_lt=[[1, 0]], b_lt=[1])        # wrong number of variables


def test_one_result_type_with_checked_invariants():
    with pytest.raises(InvalidArgument):
        Feasibility("feasible", point=(F(0),), method="trivial")          # a string status is refused
    with pytest.raises(InvalidArgument):
        Feasibility(FEASIBLE, multipliers=(F(1),), row_counts=(0, 0, 1), method="trivial")
    with pytest.raises(InvalidArgument):
        Feasibility(FEASIBLE, point=(F(0),), method="guess")
    with pytest.raises(ShapeError):
        Feasibility(INFEASIBLE, multipliers=(F(1),), row_counts=(0, 1, 1), method="trivial")
    r = linear_feasibility([[1]], [1], [[1]], [0], [[2]], [5])   # x = 1 and x <= 0
    assert r.status is INFEASIBLE and r.row_counts == (1, 1, 1)
    assert r.multipliers == r.y_eq + r.y_le + r.y_lt and len(r.y_eq) == len(r.y_le) == len(r.y_lt) == 1


def test_arguments_are_checked():
    with pytest.raises(ShapeError):
        linear_feasibility([[1, 2]], [1, 2])
    with pytest.raises(ShapeError):
        linear_feasibility(A_le=[[1, 2], [1]], b_le=[0, 0])
    with pytest.raises(ShapeError):
        linear_feasibility(A_le=[[1, 2]], b_le=[0], dim=3)
    with pytest.raises(ShapeError):
        linear_feasibility(A_le=[[1, 2]], b_le=[0], proposal=[1])
    with pytest.raises(ExactnessError):
        strict_feasibility([[0.5]], [1])


# -- exact points and multipliers (moved from test_certify) --------------------------------------------

def test_feasible_point_is_exact():
    f = linear_feasibility([[1, 1]], [1], [[-1, 0]], [0], [[0, -1]], [0])   # x + y = 1, x >= 0, y > 0
    assert f.status is FEASIBLE
    x, y = f.point
    assert x + y == 1 and x >= 0 and y > 0 and isinstance(x, F)


def test_infeasible_system_gets_exact_multipliers():
    # x >= 1 and x < 1 (strict): Motzkin with y_strict != 0
    f = linear_feasibility([], [], [[-1]], [-1], [[1]], [1])
    assert f.status is INFEASIBLE
    assert _empty(*f.motzkin_multipliers(), A_le=[[-1]], b_le=[-1], A_lt=[[1]], b_lt=[1])


def test_motzkin_kernel_rejects_wrong_multipliers():
    # negative control: multipliers that do not cancel, and a feasible system
    assert not _empty([F(2)], [F(1)], A_le=[[-1]], b_le=[-1], A_lt=[[1]], b_lt=[1])
    assert not _empty([F(1)], [F(1)], A_le=[[-1]], b_le=[0], A_lt=[[1]], b_lt=[1])
    with pytest.raises(InvalidArgument):
        linear_feasibility([], [], [[1]], [1], [], []).motzkin_multipliers()   # feasible: no multipliers


def test_nearest_point_on_a_closed_face_is_exact_and_nearest():
    # x <= 1, y >= 0 from (3, 5): the L1-nearest feasible point is (1, 5) (y untouched, exactly)
    f = linear_feasibility([], [], [[1, 0], [0, -1]], [1, 0], [], [], proposal=[3, 5])
    assert f.status is FEASIBLE and f.point == (F(1), F(5)) and f.method == "float_nearest"
    old = linear_feasibility([], [], [[1, 0], [0, -1]], [1, 0], [], [], proposal=[3, 5], nearest=False)
    assert old.status is FEASIBLE and old.point[0] <= 1 and old.point[1] >= 0
    assert sum(abs(a - b) for a, b in zip(old.point, (3, 5))) > 2   # the old largest-margin point is farther


def test_nearest_point_keeps_a_strict_margin():
    # x < 1 from 3: just below 1, strictly (exact), and closer than the largest-margin point
    f = linear_feasibility([], [], [], [], [[1]], [1], proposal=[3])
    (x,) = f.point
    assert f.status is FEASIBLE and F(99, 100) < x < 1
    old = linear_feasibility([], [], [], [], [[1]], [1], proposal=[3], nearest=False)
    assert old.point[0] < 1 and abs(old.point[0] - 3) > abs(x - 3)


def test_nearest_point_with_equalities():
    # x + y = 1, x >= 0, y >= 0 from (2, 0): nearest in L1 is (1, 0)
    f = linear_feasibility([[1, 1]], [1], [[-1, 0], [0, -1]], [0, 0], [], [], proposal=[2, 0])
    assert f.status is FEASIBLE and f.point == (F(1), F(0))


def test_a_feasible_proposal_is_kept():
    f = linear_feasibility([], [], [[1, 0]], [1], [], [], proposal=["1/2", 7])
    assert f.method == "proposal" and f.point == (F(1, 2), F(7))


def test_falls_back_to_largest_margin_when_nearest_fails(monkeypatch):
    monkeypatch.setattr(fe, "_nearest_point", lambda *a, **k: None)
    f = fe.linear_feasibility([], [], [[1]], [1], [], [], proposal=[3])
    assert f.status is FEASIBLE and f.point[0] <= 1 and f.method == "float_point" and "margin" in f.note


def test_negative_control_infeasible_with_a_proposal():
    # x >= 1 and x < 1 with a proposal: still infeasible, exact multipliers re-checked by the kernel
    f = linear_feasibility([], [], [[-1]], [-1], [[1]], [1], proposal=[5])
    assert f.status is INFEASIBLE
    y, ys = f.motzkin_multipliers()
    assert _empty(y, ys, A_le=[[-1]], b_le=[-1], A_lt=[[1]], b_lt=[1])
    assert not _empty(y, [F(0)], A_le=[[-1]], b_le=[-1], A_lt=[[1]], b_lt=[1])


# -- the nearest point: exactly the L1-nearest, whichever coordinate moves --------------------------

_BIG = F(1, 10000000019)  # a denominator over every rationalisation's limit (10^9)


@pytest.mark.parametrize("system,target,nearest", [
    # a box: the nearest point is the clamp, from above in x and from below in y
    (dict(A_le=[[1, 0], [-1, 0], [0, 1], [0, -1]], b_le=[1, 1, 2, 0]), [5, -3], (1, 0)),
    # x + 2y <= 2 from (0, 3): moving y costs 2, moving x costs 4
    (dict(A_le=[[1, 2]], b_le=[2]), [0, 3], (0, 1)),
    # on the segment x + y = 1, x, y >= 0 from (2, -3) (completing the proposal alone gives (4, -3))
    (dict(A_eq=[[1, 1]], b_eq=[1], A_le=[[-1, 0], [0, -1]], b_le=[0, 0]), [2, -3], (1, 0)),
    # negative coordinates (the float LP's x is free, only its t is >= 0)
    (dict(A_le=[[1, 0]], b_le=[-3]), [-1, -7], (-3, -7)),
    # a boundary no rationalisation reaches: met exactly through the tight row
    (dict(A_le=[[1, 0]], b_le=[-_BIG]), [1, 2 + _BIG], (-_BIG, 2 + _BIG)),
    # an untouched coordinate keeps its exact value (not a rationalised float)
    (dict(A_le=[[1, 0]], b_le=[1]), [3, 2 + _BIG], (1, 2 + _BIG)),
], ids=["box", "diagonal", "equality", "negative", "tight-row", "untouched"])
def test_nearest_point_is_the_exact_l1_nearest(system, target, nearest):
    r = linear_feasibility(**system, dim=2, proposal=target)
    assert r.status is FEASIBLE and r.method == "float_nearest" and r.point == tuple(F(v) for v in nearest)
    assert r.verify(**system, dim=2)


def test_nearest_point_of_an_infeasible_weak_system_is_not_attempted_wrongly():
    # x <= 0 and x >= 1 with a proposal: the nearest-point LP has no solution; Farkas multipliers follow
    r = linear_feasibility(A_le=[[1], [-1]], b_le=[0, -1], dim=1, proposal=[5])
    assert r.status is INFEASIBLE and r.multipliers == (1, 1) and r.verify(A_le=[[1], [-1]], b_le=[0, -1], dim=1)


def test_motzkin_multipliers_of_a_feasible_answer_are_refused_by_name():
    r = strict_feasibility([[1]], [1])
    with pytest.raises(InvalidArgument, match="^only an infeasible system has Motzkin multipliers$"):
        r.motzkin_multipliers()


# -- Farkas/Motzkin multipliers read from the margin LP's duals: exact values, right orientation -----

@pytest.mark.parametrize("system,multipliers", [
    (dict(A_lt=[[1], [-1]], b_lt=[0, 0]), (1, 1)),
    (dict(A_le=[[-1]], b_le=[-1], A_lt=[[1]], b_lt=[1]), (1, 1)),
    (dict(A_eq=[[1]], b_eq=[1], A_lt=[[1]], b_lt=[1]), (-1, 1)),          # an equality entry negative
    (dict(A_eq=[[1]], b_eq=[1], A_lt=[[-1]], b_lt=[-1]), (1, 1)),
    (dict(A_lt=[[1, 0], [0, 1], [-1, -1]], b_lt=[0, 0, 0]), (1, 1, 1)),
    (dict(A_eq=[[1, 1]], b_eq=[1], A_le=[[1, 0], [0, 1]], b_le=[0, 0]), (-1, 1, 1)),
    (dict(A_eq=[[-1, -1]], b_eq=[-1], A_le=[[1, 0]], b_le=[0], A_lt=[[0, 1]], b_lt=[0]), (1, 1, 1)),
    (dict(A_le=[[1], [-1]], b_le=[0, -1]), (1, 1)),                          # weak rows only: Farkas
    (dict(A_le=[[2, 0], [-1, 0], [0, 1]], b_le=[0, -1, 5]), (F(1, 2), 1, 0)),  # a row off the support
], ids=["strict", "weak-strict", "eq-strict", "eq-strict-2", "three-lines", "eq-weak", "eq-weak-strict",
        "weak", "off-support"])
def test_multipliers_from_the_lp_duals(system, multipliers):
    d = len(next(v for k, v in system.items() if k.startswith("A"))[0])
    r = linear_feasibility(**system, dim=d)
    assert r.status is INFEASIBLE and r.method == "float_farkas"
    assert r.multipliers == tuple(F(v) for v in multipliers) and r.verify(**system, dim=d)


def test_equalities_alone_are_settled_by_the_exact_simplex_with_oriented_multipliers():
    # x + y = 1 and x + y = 2 (either order): y.b < 0 whichever row comes first
    for b, y in (([1, 2], (1, -1)), ([2, 1], (-1, 1))):
        r = linear_feasibility(A_eq=[[1, 1], [1, 1]], b_eq=b, dim=2)
        assert r.status is INFEASIBLE and r.multipliers == y and r.verify(A_eq=[[1, 1], [1, 1]], b_eq=b, dim=2)


# -- verify rejects every forged certificate (negative controls of the Motzkin check) ----------------

def _forged(y, counts):
    return Feasibility(INFEASIBLE, multipliers=tuple(F(v) for v in y), row_counts=counts, method="exact_simplex")


def test_verify_rejects_forged_multipliers():
    # x = 1, x <= 0, -x < -2 (infeasible); y = (1, ...) layouts with one defect each
    system = ([[1]], [1], [[1]], [0], [[-1]], [-2])
    good = linear_feasibility(*system, dim=1)
    assert good.status is INFEASIBLE and good.verify(*system, dim=1)
    assert _forged((-1, 1, 0), (1, 1, 1)).verify(*system, dim=1)           # x <= 0 and x = 1: 0 <= -1
    assert not _forged((-1, 1), (1, 1, 0)).verify(*system, dim=1)          # wrong row counts
    assert not _forged((1, -1, 0), (1, 1, 1)).verify(*system, dim=1)       # a weak entry < 0
    assert not _forged((2, 1, 0), (1, 1, 1)).verify(*system, dim=1)        # y A = 3, not 0
    assert not _forged((0, 0, 0), (1, 1, 1)).verify(*system, dim=1)        # zero: y.b = 0, no strict entry


def test_verify_reads_the_motzkin_boundary_exactly():
    # x < 1, -x < -1: y = (1, 1) gives y.b = 0 with strict entries (Motzkin) -- accepted
    assert _forged((1, 1), (0, 0, 2)).verify(A_lt=[[1], [-1]], b_lt=[1, -1])
    # x <= 1, -x <= -1: the same y proves nothing (y.b = 0, no strict entry): x = 1 is a point
    assert not _forged((1, 1), (0, 2, 0)).verify(A_le=[[1], [-1]], b_le=[1, -1])
    # x <= 1, -x <= -2: y.b = -1 < 0 (Farkas) -- accepted; and y.b = +1 never
    assert _forged((1, 1), (0, 2, 0)).verify(A_le=[[1], [-1]], b_le=[1, -2])
    assert not _forged((1, 1), (0, 0, 2)).verify(A_lt=[[1], [-1]], b_lt=[2, -1])
    # an equality entry may be negative, an inequality entry never
    assert _forged((-1, 1), (1, 0, 1)).verify(A_eq=[[1]], b_eq=[1], A_lt=[[1]], b_lt=[1])
    assert not _forged((1, -1), (0, 1, 1)).verify(A_le=[[1]], b_le=[1], A_lt=[[1]], b_lt=[1])
    # y A = 0 in the second coordinate only: rejected
    assert not _forged((1, 1), (0, 0, 2)).verify(A_lt=[[0, 1], [0, 1]], b_lt=[0, 0])


def test_multiplier_on_a_support_with_several_directions():
    # 1 variable, 3 rows on the support: the nullspace has 2 directions, settled by the exact simplex
    # on the support's rows (x = 1, x <= 0, -x < -2; then x <= 5 added off the support)
    s = fe._System([[1]], [1], [[1], [1]], [0, 5], [[-1]], [-2])
    y = fe._multiplier_on_support(s, [0, 1, 3])
    full = linear_feasibility([[1]], [1], [[1]], [0], [[-1]], [-2], use_float=False).multipliers
    assert y == [full[0], full[1], F(0), full[2]] and s.is_motzkin(y)
    # strict rows and weak rows split at the right places: x = 0, x <= -1 (weak), x < 0 (strict)
    s = fe._System([[1]], [0], [[1]], [-1], [[1], [-1]], [0, 0])
    y = fe._multiplier_on_support(s, [0, 1, 2, 3])
    assert y is not None and s.is_motzkin(y) and y[1] >= 0 and y[2] >= 0 and y[3] >= 0
    # a feasible support gives no multiplier (one direction: x <= 1, -x <= 1; several: x <= 1 three times)
    assert fe._multiplier_on_support(fe._System([], [], [[1], [-1]], [1, 1], [], []), [0, 1]) is None
    assert fe._multiplier_on_support(fe._System([], [], [[1], [1], [-1]], [1, 1, 1], [], []), [0, 1, 2]) is None
    assert fe._multiplier_on_support(fe._System([], [], [[1]], [1], [], []), []) is None


# -- which path settles each known answer with float proposals on: the float paths must work --------

FLOAT_METHODS = {
    "open square": "float_point", "x < 0 and -x < 0": "float_farkas", "x <= 0 and -x <= 0": "float_point",
    "x >= 1 and x < 1": "float_farkas", "x + y = 1, x >= 0, y > 0": "float_point",
    "x + y = 1, x + y = 2": "exact_simplex", "x = 1, x < 1": "float_farkas", "a failing zero row": "trivial",
    "a zero row that holds": "float_point", "a thin open slab": "float_point",
    "three lines through a point": "float_farkas", "weak rows with no interior, strict slack": "float_point",
    "no rows": "trivial", "no variables, 0 < 1": "trivial", "no variables, 0 <= -1": "trivial",
}


@pytest.mark.parametrize("name,system,dim,status", KNOWN, ids=[k[0] for k in KNOWN])
def test_known_answers_are_settled_by_the_float_proposals(name, system, dim, status):
    # the exact simplex is the fallback; a broken float path would show here as "exact_simplex"
    r = linear_feasibility(*system, dim=dim)
    assert r.method == FLOAT_METHODS[name] and r.status is status


def test_thin_slab_is_met_on_a_dyadic_grid():
    # 0 < x + y < 10^-9: limit_denominator cannot land inside; a grid 2^-k fine for the margin does
    A, b = [[1, 1], [2, 2], [-1, -1]], [F(1, 10**9), F(2, 10**9), 0]
    r = strict_feasibility(A, b)
    den = (r.point[0] + r.point[1]).denominator
    assert r.method == "float_point" and den & (den - 1) == 0 and 2 ** 30 <= den <= 2 ** 60
    assert 0 < r.point[0] + r.point[1] < F(1, 10**9)


@pytest.mark.parametrize("system,proposal,point", [
    (dict(A_eq=[[1, 1]], b_eq=[1]), [0, 5], (-4, 5)),
    (dict(A_eq=[[1, 1, 2]], b_eq=[4]), [0, 1, 1], (1, 1, 1)),            # free coefficients 1 and 2
    (dict(A_eq=[[1, 2, 3], [0, 1, 1]], b_eq=[6, 2]), [0, 0, 1], (1, 1, 1)),
    (dict(A_le=[[1, 1]], b_le=[3]), [1, 2], (1, 2)),                      # no equalities: the proposal itself
], ids=["one-free", "two-free", "two-equalities", "no-equalities"])
def test_a_proposal_is_completed_on_the_equalities(system, proposal, point):
    r = linear_feasibility(**system, dim=len(proposal), proposal=proposal)
    assert r.method == "proposal" and r.point == tuple(F(v) for v in point)


# -- trivial answers, notes, the answer's own checks -----------------------------------------------

@pytest.mark.parametrize("system,y", [
    (dict(A_eq=[[0, 0]], b_eq=[3]), (-1,)),               # 0 = 3: y = -1 gives y.b = -3 < 0
    (dict(A_eq=[[0, 0]], b_eq=[-3]), (1,)),
    (dict(A_eq=[[0, 0]], b_eq=["1/2"]), (-1,)),           # a right-hand side between 0 and 1
    (dict(A_eq=[[1, 0], [0, 0]], b_eq=[0, 3]), (0, -1)),  # the failing equality is the second row
    (dict(A_le=[[0, 0]], b_le=[-1]), (1,)),
    (dict(A_lt=[[0, 0]], b_lt=[0]), (1,)),                # 0 < 0
    (dict(A_eq=[[1, 0]], b_eq=[0], A_le=[[0, 0]], b_le=[-1]), (0, 1)),
], ids=["eq-positive", "eq-negative", "eq-half", "eq-second", "weak", "strict-zero", "after-an-equality"])
def test_a_failing_row_without_coefficients_is_its_own_certificate(system, y):
    r = linear_feasibility(**system, dim=2)
    assert r.method == "trivial" and r.multipliers == tuple(F(v) for v in y) and r.verify(**system, dim=2)
    assert r.note == "a row with no coefficient fails"


def test_notes_say_how_the_answer_was_reached():
    assert linear_feasibility(A_le=[[1]], b_le=[1], dim=1, proposal=[0]).note == ""
    r = linear_feasibility(A_le=[[1, 0]], b_le=[1], dim=2, proposal=[3, 5])
    assert r.method == "float_nearest" and r.note == "nearest to the proposal (L1 distance 2)"
    assert linear_feasibility(A_lt=[[1], [-1]], b_lt=[1, 0]).note == "LP margin 0.5"
    assert linear_feasibility(A_lt=[[1], [-1]], b_lt=[0, 0]).note.startswith("LP margin ")


def test_answers_carry_the_systems_row_counts():
    assert linear_feasibility(A_le=[[1]], b_le=[1], dim=1, proposal=[0]).row_counts == (0, 1, 0)
    assert linear_feasibility(A_lt=[[1], [-1]], b_lt=[1, 0]).row_counts == (0, 0, 2)
    assert linear_feasibility([[1, 1]], [1], [[-1, 0]], [0], [[0, -1]], [0]).row_counts == (1, 1, 1)
    r = linear_feasibility()
    assert r.point == () and r.method == "trivial" and r.row_counts == (0, 0, 0)


def test_an_equality_with_a_tiny_right_hand_side_is_met_by_completion():
    # x + y = 1/10000000019, x, y > 0: the grid point is completed on the equality, exactly
    b = F(1, 10000000019)
    r = linear_feasibility(A_eq=[[1, 1]], b_eq=[b], A_lt=[[-1, 0], [0, -1]], b_lt=[0, 0], dim=2)
    assert r.method == "float_point" and sum(r.point) == b and min(r.point) > 0


def test_inconsistent_answers_and_systems_are_refused_by_name():
    with pytest.raises(InvalidArgument, match="^a feasible answer carries a point, an infeasible one multipliers$"):
        Feasibility(FEASIBLE, point=(F(1),), multipliers=(F(1),), row_counts=(0, 0, 1), method="trivial")
    with pytest.raises(InvalidArgument, match="^a feasible answer carries a point, an infeasible one multipliers$"):
        Feasibility(INFEASIBLE, row_counts=(0, 0, 1), method="trivial")
    with pytest.raises(ShapeError, match=r"^2 multipliers for 1 rows$"):
        Feasibility(INFEASIBLE, multipliers=(F(1), F(1)), row_counts=(0, 0, 1), method="trivial")
    with pytest.raises(InvalidArgument, match=r"^status must be a FeasibilityStatus, got 'feasible'$"):
        Feasibility("feasible", point=(), method="trivial")
    with pytest.raises(InvalidArgument, match=r"^unknown method 'guess'; expected one of \("):
        Feasibility(FEASIBLE, point=(), method="guess")
    for kw, text in ((dict(A_eq=[[1]], b_eq=[]), "A_eq has 1 rows but b_eq has 0 entries"),
                     (dict(A_le=[[1]], b_le=[1, 2]), "A_le has 1 rows but b_le has 2 entries"),
                     (dict(A_lt=[], b_lt=[1]), "A_lt has 0 rows but b_lt has 1 entries"),
                     (dict(A_le=[[1], [1, 2]], b_le=[1, 2]), "every constraint row needs 1 coefficients")):
        with pytest.raises(ShapeError, match="^" + re.escape(text) + "$"):
            linear_feasibility(**kw)
    with pytest.raises(ShapeError, match=r"^the proposal has 1 entries, expected 2$"):
        linear_feasibility(A_le=[[1, 1]], b_le=[1], proposal=[0])


def test_multiplier_on_a_support_whose_direction_is_turned():
    # 0 x = 1 (equality) and x <= 0: the nullspace of the support is (1, 0), whose y.b = 1 > 0 is
    # turned round to y = (-1, 0), y.b = -1 < 0 (no inequality row has a non-zero entry to orient it)
    s = fe._System([[0]], [1], [[1]], [0], [], [])
    assert fe._multiplier_on_support(s, [0, 1]) == [-1, 0]
    s = fe._System([[0, 0]], ["3/2"], [[1, 0]], [1], [[0, 1]], [2])
    assert fe._multiplier_on_support(s, [0, 1, 2]) == [-1, 0, 0]
    # x = 1 and x < 1: the direction (-1, 1) is already oriented (strict entry > 0, y.b = 0)
    s = fe._System([[1]], [1], [], [], [[1]], [1])
    assert fe._multiplier_on_support(s, [0, 1]) == [-1, 1] and s.is_motzkin([-1, 1])


def test_multiplier_on_a_support_of_equalities_is_turned_by_its_right_hand_side():
    """A support direction with no non-zero entry on an inequality row is oriented by y.b alone:
    kept when y.b < 0, turned round when y.b > 0; zero entries on inequality rows say nothing
    about the orientation."""
    def positive_multiple(y, ref):
        t = next(a / b for a, b in zip(y, ref) if b)
        return t > 0 and all(a == t * b for a, b in zip(y, ref))

    for b, ref in (([0, 1], [1, -1]), ([1, 0], [-1, 1]), ([F(1, 2), F(-1, 3)], [-1, 1])):
        s = fe._System([[1], [1]], b, [], [], [], [])  # x = b0 and x = b1, b0 != b1
        y = fe._multiplier_on_support(s, [0, 1])
        assert y is not None and s.is_motzkin(y) and positive_multiple(y, ref)
    # x = 1 and x = 0 (equalities), y <= 0 (weak, entry 0 in the only direction), y < 1 (strict, not in the support)
    s = fe._System([[1, 0], [1, 0]], [1, 0], [[0, 1]], [0], [[0, 1]], [1])
    y = fe._multiplier_on_support(s, [0, 1, 2])
    assert y is not None and s.is_motzkin(y) and positive_multiple(y, [-1, 1, 0, 0])
    s = fe._System([[1, 0], [1, 0]], [0, 1], [[0, 1]], [0], [], [])
    y = fe._multiplier_on_support(s, [0, 1, 2])
    assert y is not None and s.is_motzkin(y) and positive_multiple(y, [1, -1, 0])
    # the same equalities given as the system's only rows after a weak row outside the support
    s = fe._System([[1, 0], [1, 0]], [1, 0], [[0, 1], [0, -1]], [5, 5], [], [])
    y = fe._multiplier_on_support(s, [0, 1])
    assert y is not None and s.is_motzkin(y) and positive_multiple(y, [-1, 1, 0, 0])


def test_weak_rows_without_interior_get_the_nearest_point():
    """Weak rows (and equalities) alone are tried for the point nearest to the proposal even when
    the largest margin is 0 (the feasible set has no interior): the line x = 2 from the proposal 5,
    the line x = y from (4, 0) (L1 distance 4 from every point (t, t), 0 <= t <= 4)."""
    r = linear_feasibility(A_le=[[1], [-1]], b_le=[2, -2], proposal=[5])
    assert (r.status, r.point, r.method) == (FeasibilityStatus.FEASIBLE, (2,), "float_nearest")
    assert r.note == "nearest to the proposal (L1 distance 3)"
    r = linear_feasibility(A_le=[[1, -1], [-1, 1]], b_le=[0, 0], proposal=[4, 0])
    assert r.method == "float_nearest" and r.point[0] == r.point[1] and 0 <= r.point[0] <= 4
    assert r.verify(A_le=[[1, -1], [-1, 1]], b_le=[0, 0])


@pytest.mark.parametrize("rows", [([[1], [1]], [0, 1], [[1]], [5], [0]),
                                  ([[1, 0], [1, 0]], [0, 1], [[0, 1]], [5], [0, 0])])
def test_strict_rows_beside_inconsistent_equalities_with_a_proposal(rows):
    """The margin LP has no optimum (x = 0 and x = 1): the nearest point is not attempted, the
    exact simplex answers with the multiplier of the two equalities."""
    A_eq, b_eq, A_lt, b_lt, proposal = rows
    r = linear_feasibility(A_eq, b_eq, A_lt=A_lt, b_lt=b_lt, proposal=proposal)
    assert r.status is FeasibilityStatus.INFEASIBLE and r.method == "exact_simplex"
    assert r.multipliers == (1, -1, 0) and r.verify(A_eq, b_eq, A_lt=A_lt, b_lt=b_lt)


@pytest.mark.parametrize("b", [[1, 1 + F(1, 10**20)], [F(1, 3), F(1, 3) + F(1, 10**30)], [F(-2, 7), F(-2, 7) - F(1, 10**25)]])
def test_equalities_that_floats_cannot_tell_apart(b):
    """x = b0 and x = b1 with b0 != b1 but float(b0) == float(b1): the float LP finds the margin
    1 (no inequality row), every rounded candidate fails the exact completion, and the exact
    simplex answers with the multiplier (1, -1) (y.b = b0 - b1 < 0) or its opposite."""
    assert float(b[0]) == float(b[1]) and b[0] != b[1]
    r = linear_feasibility([[1], [1]], b)
    assert r.status is FeasibilityStatus.INFEASIBLE and r.method == "exact_simplex"
    assert r.multipliers == ((1, -1) if b[0] < b[1] else (-1, 1)) and r.verify([[1], [1]], b)


def test_the_exact_simplex_terminates_on_a_degenerate_dual():
    """A system whose dual tableau has ties in the ratio test: Bland's rule (the leaving row of
    least basic index) terminates; choosing among the tied rows by their position instead cycles
    for ever on it.  Guarded by a timer of 20 s of CPU time (not wall time: a paused or loaded
    process is not failed) so that a cycle fails the test instead of hanging it."""
    import signal

    A_eq, b_eq = [[0, -2, 2, -1, -2]], [1]
    A_le = [[-3, -1, -3, -3, 2], [2, 0, -1, 1, 0], [-2, 0, 3, 2, 1], [-1, 2, -3, 2, -1]]
    b_le = [F(15, 2), F(-13, 6), F(25, 6), F(-79, 6)]
    A_lt = [[-3, 1, -3, 0, -1], [-1, -1, 2, 1, -1], [-3, 2, 2, -3, -1]]
    b_lt = [F(-19, 2), F(-2, 3), 3]

    def stuck(*_):
        raise AssertionError("the exact simplex did not terminate within 20 s of CPU time (cycling)")

    old = signal.signal(signal.SIGVTALRM, stuck)
    signal.setitimer(signal.ITIMER_VIRTUAL, 20)
    try:
        r = linear_feasibility(A_eq, b_eq, A_le, b_le, A_lt, b_lt, use_float=False)
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, old)
    assert r.status is FeasibilityStatus.FEASIBLE and r.method == "exact_simplex"
    assert r.point == (F(2, 3), -1, F(3, 2), -2, 3) and r.verify(A_eq, b_eq, A_le, b_le, A_lt, b_lt)


def test_the_margin_of_the_largest_margin_point_is_capped_at_1():
    """The margin LP maximises t <= 1 (module docstring): a wide slab reports the margin 1."""
    r = linear_feasibility(A_lt=[[1], [-1]], b_lt=[10, 10])
    assert r.method == "float_point" and r.note == "LP margin 1"
    r = linear_feasibility(A_le=[[1, 0], [0, 1]], b_le=[100, 100], A_lt=[[-1, -1]], b_lt=[100])
    assert r.method == "float_point" and r.note == "LP margin 1"


@pytest.mark.parametrize("margin,width,grids", [
    (1.5e-9, 1.0, (32, 40)),   # 2^-32 < 1.5e-9 / 2 <= 2^-31: k = 32 (one finer than needed), then k + 8
    (1.0, 0.1, (0, 8)),        # a wide margin: k = max(0, ...) = 0, the integers first
    (1.0, 1.0, (2, 10)),       # 2 width / margin a power of two: k = log2(2) + 1
    (1e-30, 1.0, (60, 60)),    # k past 60 is capped at 60
    (0.0, 1.0, (60, 60)),      # no positive margin: the finest grid
    (-2.0, 1.0, (60, 60)),
])
def test_roundings_are_the_documented_candidates(margin, width, grids):
    """_roundings: limit_denominator with max_denominator, 10^3, 10^9; the nearest points of the
    dyadic grids 2^-k and 2^-(k + 8) (k from the margin, at most 60); the float's exact value."""
    xf = [1 / 1201, 1 / 3000000007, -0.4]
    c = list(fe._roundings(xf, margin, width, 10**6))
    assert len(c) == 6
    assert c[0] == [F(1, 1201), 0, F(-2, 5)]
    assert c[1] == [F(1, 1000), 0, F(-2, 5)]            # 1/1201 has no approximation with denominator <= 10^3 but 1/1000
    assert c[2] == [F(1, 1201), 0, F(-2, 5)]            # 1/3000000007 is nearer to 0 than to any p/q, q <= 10^9
    for cand, kk in zip(c[3:5], grids):
        assert cand == [F(round(v * 2**kk), 2**kk) for v in xf]
        assert all((v * 2**kk).denominator == 1 for v in cand)
    if 0 < grids[0] < 60:                                # k unclamped: fine enough, and not more than 2 steps finer
        assert 2.0 ** -grids[0] * width < margin / 2 <= 2.0 ** -(grids[0] - 2) * width
    assert c[5] == [F(v) for v in xf]
    assert list(fe._roundings(xf, margin, width, 10**10))[0][1] == F(1, 3000000007)
