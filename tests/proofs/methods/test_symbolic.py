"""proofs.methods.symbolic: no step is a constant True, false statements are not confirmed."""

import pytest
import sympy

from proofs.methods.symbolic import Step, argument_json, sum_encoder_steps, threshold_decoder_steps


def _holds(weights):
    steps, code = sum_encoder_steps(weights)
    return [s.holds for s in steps], code


def test_sum_encoder_true_statement_every_step_checked():
    holds, code = _holds("1")
    assert code == sympy.Symbol("theta", integer=True, nonnegative=True) and holds == [True, True, True]


@pytest.mark.parametrize("weights", ["1 + KroneckerDelta(i, 101)", "Piecewise((1, i < 50), (2, True))"])
def test_code_affine_is_rejected_for_piecewise_codes(weights):
    # the code jumps at theta = 101 (resp. changes slope at 50): not affine, whatever its
    # second derivative simplifies to; and the closed form is not confirmed either
    holds, _ = _holds(weights)
    assert holds[1] is False and holds[2] is False and not argument_json(sum_encoder_steps(weights)[0], "")["valid"]


def test_summation_step_is_checked_not_asserted():
    # a quadratic code: the closed form is confirmed by induction, affinity and the target are not
    holds, _ = _holds("i")
    assert holds == [True, False, False]
    holds, _ = _holds("2")            # affine but 2 theta, not theta
    assert holds == [True, True, False]


def test_definition_step_is_listed_not_checked():
    steps, code = sum_encoder_steps("1")
    dec = threshold_decoder_steps("1/i", sympy.Integer(1), code)
    defs = [s for s in dec if s.checker == "definition"]
    assert len(defs) == 1 and defs[0].holds is None and "ceiling" in defs[0].statement
    js = argument_json(steps + dec, "")
    assert js["valid"] and sum("holds" not in s for s in js["steps"]) == 1
    assert all(s["holds"] is True for s in js["steps"] if s["checker"] == "sympy")


def test_threshold_decoder_negative_controls():
    _, code = sum_encoder_steps("1")
    assert not argument_json(threshold_decoder_steps("1/(i + 1)", sympy.Integer(1), code), "")["valid"]
    assert not argument_json(threshold_decoder_steps("-1/i", sympy.Integer(1), code), "")["valid"]


def test_a_checked_step_cannot_be_left_undecided_and_a_definition_cannot_hold():
    with pytest.raises(ValueError):
        Step("x", "y", None)
    with pytest.raises(ValueError):
        Step("x", "y", True, checker="definition")
    assert not argument_json([Step("x", "y", False)], "")["valid"]
