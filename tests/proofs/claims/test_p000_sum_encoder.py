import pytest

from exact.errors import InvalidArgument
from proofs import kernel
from proofs.claims.p000 import sum_encoder
from proofs.verdict import Status


def test_sum_encoder_proved():
    v = sum_encoder.check(n_max=30, amplitude="3/2")
    assert v.status is Status.PROVED
    assert v.crosscheck["disagreements"] == []
    assert kernel.recheck(v.certificate)[0]


def test_wrong_encoder_refuted():
    v = sum_encoder.check(n_max=5, weights="1 + 1/(j*j)")
    assert v.status is Status.REFUTED
    assert v.evidence["counterexamples"][0] == {"n": 1, "theta": 1, "code": "2", "expected": "1"}
    assert kernel.recheck(v.certificate)[0]


def test_bad_parameters():
    with pytest.raises(InvalidArgument):
        sum_encoder.check(n_max=0)
    with pytest.raises(InvalidArgument):
        sum_encoder.check(amplitude="0")
