"""000-L3.1: the lemma holds as stated; wrong variants are refuted with concrete counterexamples."""

import pytest
from hypothesis import given, settings, strategies as st

from exact.errors import InvalidArgument
from proofs import kernel
from proofs.claims.p000 import lemma_3_1
from proofs.verdict import Status


def test_lemma_proved_with_exact_scope_and_float_findings():
    v = lemma_3_1.check(n_max=60)
    assert v.status is Status.PROVED
    assert v.scope["n_max"] == 60 and "1..60" in v.scope["description"]
    assert v.evidence["step_functions_checked"] == sum(n + 1 for n in range(1, 61))
    steps = v.evidence["symbolic_argument"]["steps"]
    # every step is checked by sympy except the ceiling's definition, which is listed as a definition
    assert [s["checker"] for s in steps].count("definition") == 1
    assert all(s["holds"] is True for s in steps if s["checker"] == "sympy")
    assert all("holds" not in s for s in steps if s["checker"] == "definition")
    # float64: 49 * fl(1/49) < 1, so theta = i = 49 is decoded wrongly in float for every n >= 49
    # float32: 41 * fl32(1/41) < 1 (first at n = 41); the default runs float64 and float32
    dis = v.crosscheck["disagreements"]
    assert v.crosscheck["formats"] == ["float64", "float32"]
    assert {"n": 49, "theta": 49, "i": 49, "format": "float64"} in dis
    assert {"n": 41, "theta": 41, "i": 41, "format": "float32"} in dis
    assert all(d["theta"] == d["i"] for d in dis)
    assert all(set(d) == {"n", "theta", "i", "format"} and d["format"] in ("float64", "float32")
               and all(isinstance(d[k], int) and not isinstance(d[k], bool) for k in ("n", "theta", "i")) for d in dis)
    per = v.crosscheck["by_format"]
    assert per["float64"]["first_failing_n"] == 49 and per["float32"]["first_failing_n"] == 41
    assert sum(p["disagreements"] for p in per.values()) == len(dis) == v.crosscheck["disagreement_count"]
    assert kernel.recheck(v.certificate)[0]


def test_sixteen_bit_formats_on_request():
    v = lemma_3_1.check(n_max=20, float_formats="float16,bfloat16")
    per = v.crosscheck["by_format"]
    assert list(per) == ["float16", "bfloat16"] and v.status is Status.PROVED
    assert per["float16"]["first_failing_n"] == 11          # 11 * fl16(1/11) rounds to 1 - 2^-11
    assert per["bfloat16"]["first_failing_n"] is None       # bfloat16 rounds the pre-activations up to 1 here
    assert {d["format"] for d in v.crosscheck["disagreements"]} == {"float16"}
    with pytest.raises(InvalidArgument):
        lemma_3_1.check(n_max=2, float_formats="float8")


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
