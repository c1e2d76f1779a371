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
