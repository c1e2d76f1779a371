"""000-L3.1: the lemma holds as stated; wrong variants are refuted with concrete counterexamples."""

import pytest
from hypothesis import given, settings, strategies as st

from proofs import kernel
from proofs.claims.p000 import lemma_3_1
from proofs.verdict import Status


def test_lemma_proved_with_exact_scope_and_float_findings():
    v = lemma_3_1.check(n_max=60)
    assert v.status is Status.PROVED
    assert v.scope["n_max"] == 60 and "1..60" in v.scope["description"]
    assert v.evidence["step_functions_checked"] == sum(n + 1 for n in range(1, 61))
    assert all(s["holds"] for s in v.evidence["symbolic_argument"]["steps"])
    # float64: 49 * fl(1/49) < 1, so theta = i = 49 is decoded wrongly in float for every n >= 49
    dis = v.crosscheck["disagreements"]
    assert {"n": 49, "theta": 49, "i": 49} in dis
    assert all(d["theta"] == d["i"] for d in dis)
    assert all(set(d) == {"n", "theta", "i"} and all(isinstance(x, int) for x in d.values()) for d in dis)
    assert kernel.recheck(v.certificate)[0]


@pytest.mark.parametrize("params, minimal", [
    ({"weights": "1/(i+1)"}, {"n": 1, "theta": 1}),            # perturbed weights
    ({"threshold": "3/2"}, {"n": 1, "theta": 1}),               # shifted threshold
    ({"threshold": "1/2"}, {"n": 2, "theta": 1}),               # shifted the other way
    ({"encoder_shift": "1"}, {"n": 1, "theta": 0}),             # wrong encoder
    ({"encoder_scale": "2"}, {"n": 2, "theta": 1}),             # wrong encoder
    ({"weights": "1/i - 1/(10*i**2)"}, {"n": 1, "theta": 1}),  # tiny perturbation
])
def test_negative_controls_refuted(params, minimal):
    v = lemma_3_1.check(n_max=12, **params)
    assert v.status is Status.REFUTED
    cex = v.evidence["minimal_counterexample"]
    if minimal:
        assert {k: cex[k] for k in ("n", "theta")} == minimal
    assert cex["wrong_coordinates"]
    assert not v.evidence["symbolic_argument"]["valid"] or params.get("encoder_scale")
    # the refutation is certified too: the kernel finds the same failures
    assert kernel.recheck(v.certificate)[0]


def test_perturbation_inside_the_admissible_interval_is_verified():
    # t / w_i = 10 i^2 / (10 i + 1) lies in (i - 1, i]: still correct, but sympy cannot
    # simplify its ceiling, so the verdict is `verified` for the scope, not `proved`
    v = lemma_3_1.check(n_max=12, weights="1/i + 1/(10*i**2)")
    assert v.status is Status.VERIFIED and not v.evidence["symbolic_argument"]["valid"]


def test_other_valid_family_is_proved_symbolically():
    # t / w_i = i - 1/2 has ceiling i
    assert lemma_3_1.check(n_max=10, weights="2/(2*i-1)").status is Status.PROVED


def test_compensated_encoder_is_only_verified():
    # code 2 theta with weights 1/(2i): correct, but the symbolic argument (code = theta) does not apply
    v = lemma_3_1.check(n_max=10, weights="1/(2*i)", encoder_scale="2")
    assert v.status is Status.VERIFIED


@settings(max_examples=15)
@given(st.integers(1, 9), st.integers(1, 9))
def test_threshold_scaled_weights(p, q):
    # w_i = c / i with threshold c works for every positive rational c
    c = f"{p}/{q}"
    assert lemma_3_1.check(n_max=6, weights=f"{c}/i", threshold=c).status is Status.PROVED
