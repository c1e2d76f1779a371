"""Boundary cases of exact/certify.py: which bias is free, the data's thetas and amplitude,
a non-default ``max_denominator`` reaching the feasibility engine, every field of each answer,
and the final exact check catching a repair that the engine got wrong (a negative control).

The systems are small and chosen so that the float proposal is unique (a one-dimensional
segment or a unique largest-margin point), so the rounded points asserted here do not depend
on HiGHS's choice among equal optima.
"""

from fractions import Fraction

import pytest

import exact.certify as certify
from exact.certify import certify_relu_autoencoder, certify_threshold_autoencoder, missing_output_range, step_data
from exact.errors import ToolkitError
from exact.feasibility import Feasibility, FeasibilityStatus
from exact.step_autoencoder import sum_encoder
from motzkin_support import kernel_accepts as _empty

F = Fraction


def _admissible(net, amplitude=1):
    return all(net.evaluate(x) == x for _, x in step_data(net.in_dim, None, amplitude))


def _last_weights(c):
    return [list(r) for r in c.network.layers[-1].weight]


# -- certify_threshold_autoencoder -------------------------------------------------------------

def test_threshold_bias_is_free_when_given_or_asked_and_fixed_otherwise():
    # codes theta - 2 = -2, -1, 0, 1: output 1 must be active at code 0, which z w >= 1 cannot be
    enc, w = sum_encoder(3, shift=-2), [F(1), F(1), F(1)]
    no_bias = certify_threshold_autoencoder(enc, w)                                  # bias None: fixed at 0
    assert no_bias.outcome == "infeasible" and no_bias.infeasible_outputs == [1, 2]
    assert no_bias.pattern["codes"] == ["-2", "-1", "0", "1"]
    fixed = certify_threshold_autoencoder(enc, w, [0, 0, 0], free_bias=False)        # given, but held fixed
    assert fixed.outcome == "infeasible" and fixed.infeasible_outputs == [1, 2]
    for c in (certify_threshold_autoencoder(enc, w, [0, 0, 0]),                      # given: free by default
              certify_threshold_autoencoder(enc, w, free_bias=True)):                # not given, asked free
        assert c.outcome == "repaired" and c.repaired_outputs == [1, 2] and c.infeasible_outputs == []
        assert _admissible(c.network) and c.network.layers[-1].bias[:2] != (0, 0)


def test_threshold_fixed_bias_bounds_the_inactive_rows_by_t_minus_c():
    # t = 2, c = 1/2 held fixed: output 2 needs 2 w >= 3/2 (codes 2, 3) and w < 3/2 (codes 0, 1);
    # the rounded w_2 = 2 lies above that (it would pass a bound t + c = 5/2)
    r = certify_threshold_autoencoder(sum_encoder(3), [2, 2, F(2, 3)], [F(1, 2)] * 3, threshold=2, free_bias=False)
    assert r.outcome == "repaired" and r.rounded_failures == [1] and r.repaired_outputs == [2]
    (w2,) = r.network.layers[-1].weight[1]
    assert F(3, 4) <= w2 < F(3, 2) and r.network.layers[-1].bias == (F(1, 2),) * 3
    assert _admissible(r.network)


def test_threshold_certification_uses_only_the_given_thetas():
    # w_2 = 1/3 fails theta = 2 only; on thetas {0, 3} the rounded decoder is admissible
    w = [F(1), F(1, 3), F(1, 3)]
    c = certify_threshold_autoencoder(sum_encoder(3), w, thetas=[3, 0])
    assert c.outcome == "admissible" and c.thetas == [0, 3] and c.rounded_failures == []
    assert c.pattern == {"codes": ["0", "3"], "outputs": [[0, 0, 0], [1, 1, 1]]}
    full = certify_threshold_autoencoder(sum_encoder(3), w)
    assert full.outcome == "repaired" and full.rounded_failures == [2]


def test_threshold_max_denominator_reaches_the_rounding_of_the_margin_point():
    # output 2 (no bias): w_2 in [1/2, 1); the largest-margin point is 2/3, which a bound of 2
    # on the denominator rounds to 1/2 (still admissible: 2 * 1/2 >= 1 holds with equality)
    w = [F(1), F(1, 3), F(1, 3)]
    wide = certify_threshold_autoencoder(sum_encoder(3), w, nearest=False)
    small = certify_threshold_autoencoder(sum_encoder(3), w, nearest=False, max_denominator=2)
    assert wide.network.layers[-1].weight[1] == (F(2, 3),)
    assert small.network.layers[-1].weight[1] == (F(1, 2),)
    assert small.outcome == "repaired" and _admissible(small.network)


def test_infeasible_certification_keeps_the_outputs_it_did_repair():
    # codes 0, 1, 1, 2: output 2 cannot be separated, output 3 (w = 1 is active at code 1) is repaired
    enc = sum_encoder(3, weights=[1, 0, 1])
    c = certify_threshold_autoencoder(enc, [1, 1, 1])
    assert c.outcome == "infeasible" and c.network is None
    assert c.infeasible_outputs == [2] and c.repaired_outputs == [3] and c.rounded_failures == [1, 2]


def test_certified_outcomes_have_an_empty_list_of_infeasible_outputs():
    ok = certify_threshold_autoencoder(sum_encoder(3), [1, F(1, 2), F(1, 3)])
    fixed = certify_threshold_autoencoder(sum_encoder(3), [1, F(1, 3), F(1, 3)])
    assert ok.outcome == "admissible" and fixed.outcome == "repaired"
    for c in (ok, fixed):
        assert c.infeasible_outputs == [] and c.multipliers == {}


# -- certify_relu_autoencoder -----------------------------------------------------------------

def _relu3():
    return [F(1)] * 3, [F(1, 2) - j for j in range(1, 4)]


def test_relu_reason_lists_every_failing_theta_and_every_repaired_output():
    W2, b2 = _relu3()
    c = certify_relu_autoencoder(sum_encoder(3), W2, b2, [[F(0)] * 3] * 3)
    assert c.rounded_failures == [1, 2, 3] and c.repaired_outputs == [1, 2, 3] and c.infeasible_outputs == []
    assert c.reason == ("the rounded network failed at theta = 1, 2, 3; outputs 1, 2, 3 were re-solved exactly "
                        "with the same hidden activation pattern")


def test_relu_certification_uses_the_amplitude_of_the_data():
    # the encoder scaled by 2/5 gives the codes 0..3 on data of amplitude 5/2, so layer 2 keeps its pattern
    W2, b2 = _relu3()
    c = certify_relu_autoencoder(sum_encoder(3, F(2, 5)), W2, b2, [[F(0)] * 3] * 3, amplitude=F(5, 2))
    assert c.outcome == "repaired" and _admissible(c.network, F(5, 2)) and not _admissible(c.network, 1)
    assert c.network.evaluate((F(5, 2), F(5, 2), 0)) == (F(5, 2), F(5, 2), 0)


def test_relu_max_denominator_reaches_the_rounding_of_the_nearest_point():
    # one output, two hidden neurons: A2 = (1, 4) at theta = 0 (output 0), (1, 1) at theta = 1
    # (output 1).  From W3 = (0, 0) the nearest row on w1 + w2 = 1, w1 + 4 w2 <= 0 is the unique
    # (4/3, -1/3); a bound of 2 on the denominator rounds it to (3/2, -1/2), which is admissible too.
    args = (sum_encoder(1), [0, -3], [1, 4], [[0, 0]])
    wide = certify_relu_autoencoder(*args)
    small = certify_relu_autoencoder(*args, max_denominator=2)
    assert _last_weights(wide) == [[F(4, 3), F(-1, 3)]] and _last_weights(small) == [[F(3, 2), F(-1, 2)]]
    for c in (wide, small):
        assert c.outcome == "repaired" and c.repaired_outputs == [1] and _admissible(c.network)


# -- the final exact check (negative control) ----------------------------------------------------

def test_negative_control_a_wrong_point_from_the_engine_is_caught_by_the_final_check(monkeypatch):
    def wrong(*args, **kwargs):   # claims w_2 = 0 is feasible for output 2, which it is not
        return Feasibility(FeasibilityStatus.FEASIBLE, point=(F(0),), method="proposal")

    monkeypatch.setattr(certify, "linear_feasibility", wrong)
    with pytest.raises(ToolkitError, match=r"^internal error: the repaired network still fails at thetas \[2, 3\]$"):
        certify_threshold_autoencoder(sum_encoder(3), [F(1), F(1, 3), F(1, 3)])


# -- missing_output_range -------------------------------------------------------------------

def test_missing_output_without_present_data_is_unbounded_in_every_variable():
    (u,) = missing_output_range([], [], [F(1)], [F(1)])
    assert u.kind == "unbounded" and u.base.point == (0,) and u.direction == (1,) and u.witness == (F(2),)
    (u,) = missing_output_range([], [], [F(1), F(-1)], [F(0)], amplitude=3)
    assert u.kind == "unbounded" and len(u.base.point) == 2 and len(u.witness) == 2
    assert u.direction[0] - u.direction[1] == 1
    assert u.witness[0] - u.witness[1] >= 4      # the pre-activation at the missing code reaches C + 1


def test_missing_output_right_answer_carries_every_field():
    # present rows (1, 0) with x = 1 and (0, 1) with x = 0: w1 = 1, w2 <= 0; missing row (0, 1), x = 0:
    # a.w = w2 > 0 is impossible and the ray (D2 = 1, D2 <= 0) is blocked by the weak row
    A, X, a = [[1, 0], [0, 1]], [[1], [0]], [0, 1]
    (r,) = missing_output_range(A, X, a, [0])
    assert r.output == 1 and r.kind == "right" and r.direction is None
    assert r.base is not None and r.base.status is FeasibilityStatus.FEASIBLE
    assert r.witness is not None and r.witness == r.base.point and r.witness[0] == 1 and r.witness[1] <= 0
    assert r.ray is not None and r.ray.status is FeasibilityStatus.INFEASIBLE
    assert _empty(*r.ray.motzkin_multipliers(), A_eq=[[1, 0], [0, 1]], b_eq=[0, 1], A_le=[[0, 1]], b_le=[0])
    (dev,) = r.deviations
    assert dev.status is FeasibilityStatus.INFEASIBLE
    assert _empty(*dev.motzkin_multipliers(), A_eq=[[1, 0]], b_eq=[1], A_le=[[0, 1]], b_le=[0], A_lt=[[0, -1]], b_lt=[0])


def test_missing_output_right_as_the_second_output_is_numbered_two():
    A, X, a = [[1, 0], [0, 1]], [[0, 1], [1, 0]], [0, 1]
    r = missing_output_range(A, X, a, [1, 0])
    assert [(x.output, x.kind) for x in r][1] == (2, "right")
    assert r[1].witness == r[1].base.point and r[1].ray.status is FeasibilityStatus.INFEASIBLE


def test_missing_output_every_output_follows_an_unbounded_one():
    # one present datum (1, 0) with x = (1, 0): output 1 fixes w1 = 1, output 2 has w1 <= 0;
    # the missing row (0, 1) is free in both: both unbounded, both reported
    r = missing_output_range([[1, 0]], [[1, 0]], [0, 1], [0, 0])
    assert [(x.output, x.kind) for x in r] == [(1, "unbounded"), (2, "unbounded")]
    assert r[0].direction[0] == 0 and r[1].direction[0] <= 0 and all(x.direction[1] == 1 for x in r)


def test_missing_output_max_denominator_reaches_the_base_system():
    # base {w1 + w2 = 1, -w1 <= 0, -2 w2 <= 0}: the unique largest-margin point is (2/3, 1/3) (margin 2/3);
    # a denominator bound of 2 rounds it to (1/2, 1/2).  a = (1, 1), x = 1: right, the witness is that point
    A, X, a = [[1, 1], [-1, 0], [0, -2]], [[1], [0], [0]], [1, 1]
    (wide,) = missing_output_range(A, X, a, [1])
    (small,) = missing_output_range(A, X, a, [1], max_denominator=2)
    assert wide.kind == small.kind == "right" and len(wide.deviations) == 2
    assert wide.witness == (F(2, 3), F(1, 3)) and small.witness == (F(1, 2), F(1, 2))


def test_missing_output_max_denominator_reaches_the_ray():
    # no equality: the ray {D1 + D2 = 1, -D1 <= 0, -2 D2 <= 0} has the unique margin point (2/3, 1/3)
    A, X, a = [[-1, 0], [0, -2]], [[0], [0]], [1, 1]
    (wide,) = missing_output_range(A, X, a, [1])
    (small,) = missing_output_range(A, X, a, [1], max_denominator=2)
    assert wide.kind == small.kind == "unbounded"
    assert wide.direction == (F(2, 3), F(1, 3)) and small.direction == (F(1, 2), F(1, 2))


def test_missing_output_max_denominator_reaches_the_deviation():
    # base {w1 + w2 = 1, -w1 <= 0}; missing a = (0, 2) with x = 0: the ray is blocked (D = (-1/2, 1/2)
    # breaks -D1 <= 0), the deviation {.., -2 w2 < 0} has the unique margin point (2/3, 1/3)
    A, X, a = [[1, 1], [-1, 0]], [[1], [0]], [0, 2]
    (wide,) = missing_output_range(A, X, a, [0])
    (small,) = missing_output_range(A, X, a, [0], max_denominator=2)
    assert wide.kind == small.kind == "wrong" and wide.ray.status is FeasibilityStatus.INFEASIBLE
    assert wide.witness == (F(2, 3), F(1, 3)) and small.witness == (F(1, 2), F(1, 2))
    assert small.deviations == () and small.direction is None
