"""Tests of exact/certify.py: exact feasibility, repair, infeasibility certificates."""

from fractions import Fraction

import pytest

from exact.certify import (certify_relu_autoencoder, certify_threshold_autoencoder, linear_feasibility,
                           rationalize)
from exact.errors import ExactnessError
from exact.step_autoencoder import sum_encoder
from exact.scalar import to_rational
from proofs.kernel import recheck

F = Fraction


def _cert(obligations):
    return {"format": "relu-proofcheck-certificate", "obligations": obligations}


def test_rationalize_refuses_floats_and_rounds_exact_values():
    with pytest.raises(ExactnessError):
        rationalize(0.1)
    assert rationalize(to_rational(0.1, allow_float=True), 100) == F(1, 10)
    assert rationalize([F(1, 3), "2/7"], 7) == [F(1, 3), F(2, 7)]
    assert rationalize("2/7", 5) == F(1, 4)


def test_feasible_point_is_exact():
    f = linear_feasibility([[1, 1]], [1], [[-1, 0]], [0], [[0, -1]], [0])   # x + y = 1, x >= 0, y > 0
    assert f.status == "feasible"
    x, y = f.point
    assert x + y == 1 and x >= 0 and y > 0 and isinstance(x, Fraction)


def test_infeasible_system_gets_exact_multipliers():
    # x >= 1 and x < 1 (strict): Motzkin with y_strict != 0
    f = linear_feasibility([], [], [[-1]], [-1], [[1]], [1])
    assert f.status == "infeasible"
    ob = f.motzkin_obligation([], [], [[F(-1)]], [F(-1)], [[F(1)]], [F(1)])
    assert recheck(_cert([ob]))[0]


def test_motzkin_kernel_rejects_wrong_multipliers():
    # negative control: multipliers that do not cancel, and a feasible system
    bad = {"check": "motzkin", "A": [["-1"]], "b": ["-1"], "y": ["2"], "A_strict": [["1"]], "b_strict": ["1"],
           "y_strict": ["1"]}
    assert not recheck(_cert([bad]))[0]
    feasible = {"check": "motzkin", "A": [["-1"]], "b": ["0"], "y": ["1"], "A_strict": [["1"]], "b_strict": ["1"],
                "y_strict": ["1"]}
    assert not recheck(_cert([feasible]))[0]


def test_threshold_repair_and_certificate():
    c = certify_threshold_autoencoder(sum_encoder(4), [F(1), F(1, 2), F(1, 4), F(1, 4)])
    assert c.outcome == "repaired" and c.repaired_outputs == [3]
    w3 = c.network.layers[1].weight[2][0]
    assert F(1, 3) <= w3 < F(1, 2)
    assert recheck(_cert(c.obligations))[0]


def test_threshold_admissible_as_rounded():
    c = certify_threshold_autoencoder(sum_encoder(3), [F(1), F(1, 2), F(1, 3)])
    assert c.outcome == "admissible" and not c.repaired_outputs


def test_threshold_infeasible_when_codes_collide():
    # encoder mapping theta = 1 and theta = 2 to the same code: output 2 cannot be separated
    from exact.network import Activation, Layer, Network

    enc = Network((Layer(((F(1), F(0), F(1)),), (F(0),), Activation.IDENTITY),))  # codes 0,1,1,2
    c = certify_threshold_autoencoder(enc, [F(1), F(1), F(1)], [F(0)] * 3)
    assert c.outcome == "infeasible" and 2 in c.infeasible_outputs
    assert recheck(_cert(c.obligations))[0]
    # negative control: the kernel rejects a certificate claiming the rounded network is admissible
    tampered = [dict(ob) for ob in c.obligations]
    for ob in tampered:
        if ob["check"] == "step_reconstruction":
            ob["failures"] = []
    assert not recheck(_cert(tampered))[0]


def test_relu_repair_solves_w3_exactly():
    n = 3
    W2, b2 = [F(1)] * n, [F(1, 2) - j for j in range(1, n + 1)]
    W3 = [[F(0)] * n for _ in range(n)]
    c = certify_relu_autoencoder(sum_encoder(n), W2, b2, W3)
    assert c.outcome == "repaired" and c.repaired_outputs == [1, 2, 3]
    assert recheck(_cert(c.obligations))[0]


def test_relu_infeasible_with_collapsed_layer2():
    n = 3
    W2, b2 = [F(1)] * n, [F(0)] * n    # all breakpoints at 0: A2 has rank 1
    c = certify_relu_autoencoder(sum_encoder(n), W2, b2, [[F(1)] * n for _ in range(n)])
    assert c.outcome == "infeasible"
    assert recheck(_cert(c.obligations))[0]


def test_missing_output_range_ray_and_right():
    from exact.certify import missing_output_range

    # one neuron a(z) = z, codes 1 (present, x = 1) and 2 (missing, x = 0): w = 1 is forced, output 2: wrong
    r = missing_output_range([[F(1)]], [[F(1)]], [F(2)], [F(0)])
    assert [x.kind for x in r] == ["wrong"] and r[0].witness == (F(1),)
    r = missing_output_range([[F(1)]], [[F(1)]], [F(1)], [F(1)])   # the same code again: right
    assert r[0].kind == "right" and recheck(_cert(list(r[0].obligations)))[0]
    # two neurons, present row (1, 0), missing row (0, 1): a free direction, unbounded
    r = missing_output_range([[F(1), F(0)]], [[F(1)]], [F(0), F(1)], [F(1)])
    assert r[0].kind == "unbounded" and r[0].direction[1] == 1 and r[0].witness[0] == 1


def test_negative_control_missing_output_right_proof_tampered():
    from exact.certify import missing_output_range

    r = missing_output_range([[F(1)]], [[F(1)]], [F(1)], [F(1)])
    obs = [dict(o) for o in r[0].obligations]
    obs[-1]["y_strict"] = ["0" for _ in obs[-1]["y_strict"]]
    assert not recheck(_cert(obs))[0]


# -- nearest repair ---------------------------------------------------------------------------

def test_nearest_point_on_a_closed_face_is_exact_and_nearest():
    # x <= 1, y >= 0 from (3, 5): the L1-nearest feasible point is (1, 5) (y untouched, exactly)
    f = linear_feasibility([], [], [[1, 0], [0, -1]], [1, 0], [], [], proposal=[3, 5])
    assert f.status == "feasible" and f.point == (F(1), F(5)) and "nearest" in f.note
    old = linear_feasibility([], [], [[1, 0], [0, -1]], [1, 0], [], [], proposal=[3, 5], nearest=False)
    assert old.status == "feasible" and old.point[0] <= 1 and old.point[1] >= 0
    assert sum(abs(a - b) for a, b in zip(old.point, (3, 5))) > 2   # the old largest-margin point is farther


def test_nearest_point_keeps_a_strict_margin():
    # x < 1 from 3: just below 1, strictly (exact), and closer than the largest-margin point
    f = linear_feasibility([], [], [], [], [[1]], [1], proposal=[3])
    (x,) = f.point
    assert f.status == "feasible" and F(99, 100) < x < 1
    old = linear_feasibility([], [], [], [], [[1]], [1], proposal=[3], nearest=False)
    assert old.point[0] < 1 and abs(old.point[0] - 3) > abs(x - 3)


def test_nearest_point_with_equalities():
    # x + y = 1, x >= 0, y >= 0 from (2, 0): nearest in L1 is (1, 0)
    f = linear_feasibility([[1, 1]], [1], [[-1, 0], [0, -1]], [0, 0], [], [], proposal=[2, 0])
    assert f.status == "feasible" and f.point == (F(1), F(0))


def test_threshold_repair_moves_to_the_nearest_box_point():
    # w_2 = 1/3 fails theta = 2; the nearest admissible w_2 is 1/2 (the box [1/2, 1)), the old point 2/3
    w = [F(1), F(1, 3), F(1, 3)]
    c = certify_threshold_autoencoder(sum_encoder(3), w)
    old = certify_threshold_autoencoder(sum_encoder(3), w, nearest=False)
    assert c.network.layers[1].weight[1][0] == F(1, 2) and old.network.layers[1].weight[1][0] == F(2, 3)
    assert c.repair_distance() == F(1, 6) < old.repair_distance() == F(1, 3)
    for cert in (c, old):
        assert cert.outcome == "repaired" and recheck(_cert(cert.obligations))[0]


def test_threshold_repair_with_bias_is_nearest_and_admissible():
    # free bias: output 3 of (w, c) = (1/4, 0) fails theta = 3; nearest keeps the exact check
    c = certify_threshold_autoencoder(sum_encoder(4), [F(1), F(1, 2), F(1, 4), F(1, 4)], [F(0)] * 4)
    old = certify_threshold_autoencoder(sum_encoder(4), [F(1), F(1, 2), F(1, 4), F(1, 4)], [F(0)] * 4, nearest=False)
    assert c.outcome == "repaired" and c.repaired_outputs == [3] and recheck(_cert(c.obligations))[0]
    assert c.repair_distance() <= old.repair_distance()


def test_relu_repair_is_near_the_rounded_w3():
    # a W3 that is admissible up to a small perturbation: the repair must stay close to it
    n = 3
    W2, b2 = [F(1)] * n, [F(1, 2) - j for j in range(1, n + 1)]
    c0 = certify_relu_autoencoder(sum_encoder(n), W2, b2, [[F(0)] * n for _ in range(n)])
    good = [list(r.weight[j]) for r in [c0.network.layers[-1]] for j in range(n)]
    W3 = [[v + F(1, 1000) for v in row] for row in good]
    c = certify_relu_autoencoder(sum_encoder(n), W2, b2, W3)
    assert c.outcome == "repaired" and recheck(_cert(c.obligations))[0]
    assert c.repair_distance() <= F(1, 100)


def test_falls_back_to_largest_margin_when_nearest_fails(monkeypatch):
    import exact.certify as cm

    monkeypatch.setattr(cm, "_nearest_point", lambda *a, **k: None)
    f = cm.linear_feasibility([], [], [[1]], [1], [], [], proposal=[3])
    assert f.status == "feasible" and f.point[0] <= 1 and "margin" in f.note


def test_negative_control_infeasible_pattern_with_nearest_proposal():
    # x >= 1 and x < 1 with a proposal: still infeasible, exact multipliers re-checked by the kernel
    f = linear_feasibility([], [], [[-1]], [-1], [[1]], [1], proposal=[5])
    assert f.status == "infeasible"
    ob = f.motzkin_obligation([], [], [[F(-1)]], [F(-1)], [[F(1)]], [F(1)])
    assert recheck(_cert([ob]))[0]
    ob_bad = dict(ob, y_strict=["0"])
    assert not recheck(_cert([ob_bad]))[0]
    # and a whole autoencoder whose layer-2 pattern cannot be completed (collapsed breakpoints)
    n = 3
    c = certify_relu_autoencoder(sum_encoder(n), [F(1)] * n, [F(0)] * n, [[F(1)] * n for _ in range(n)])
    assert c.outcome == "infeasible" and c.network is None and c.repair_distance() is None
    assert recheck(_cert(c.obligations))[0]
    tampered = [dict(o) for o in c.obligations]
    m = next(o for o in tampered if o["check"] == "motzkin")
    m["y"] = ["0" for _ in m["y"]]
    assert not recheck(_cert(tampered))[0]
