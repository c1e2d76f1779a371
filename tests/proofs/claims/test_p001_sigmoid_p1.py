"""001-P1: rigorous MSE bound of the sigmoid decoder."""

from proofs.claims.p001 import sigmoid_p1 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_default_proved_and_certified():
    v = m.check(n_max=8, smaller_eps="1/10**10")
    assert v.status is Status.PROVED
    assert v.evidence["eps_construction"][0]["slope_a"] == "24"
    assert recheck(v.certificate)[0]


def test_negative_control_small_slope_not_certified():
    v = m.check(n_max=4, slope="4")
    assert v.status is Status.INCONCLUSIVE
    assert recheck(v.certificate)[0]     # what it certifies is the weaker bound actually found


def test_negative_control_kernel_rejects_too_small_eps():
    ob = m.mse_obligation(1, 12, "1/10000000")   # true MSE at n = 1 is about 6.1e-6
    cert = {"format": "relu-proofcheck-certificate", "version": 1, "claim": "001-P1", "status": "proved",
            "obligations": [ob]}
    assert not recheck(cert)[0]
    ob = m.mse_obligation(1, 12, "1/100000")
    cert["obligations"] = [ob]
    assert recheck(cert)[0]
