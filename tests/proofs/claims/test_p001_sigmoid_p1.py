"""001-P1: rigorous MSE bound of the sigmoid decoder."""

from fractions import Fraction

from proofs.claims.p001 import sigmoid_p1 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_default_proved_and_certified():
    v = m.check(n_max=8, smaller_eps="1/10**10")
    assert v.status is Status.PROVED
    assert v.evidence["eps_construction"][0]["slope_a"] == "24"
    assert [s["id"] for s in v.certificate["argument"]][-1] == "every_eps"
    assert recheck(v.certificate)[0]


def test_negative_control_small_slope_not_certified():
    v = m.check(n_max=4, slope="4")
    assert v.status is Status.INCONCLUSIVE
    assert v.certificate["evidence"]["not_below"] == [1, 2, 3, 4]
    assert recheck(v.certificate)[0]


def test_negative_control_kernel_rejects_too_small_eps():
    cert = m.check(n_max=2).certificate
    assert recheck(cert)[0]
    cert["scope"]["eps"] = "1/10000000"        # true MSE at n = 1 is about 6.1e-6
    assert not recheck(cert)[0]


def test_taylor_bound_is_an_upper_bound():
    import math
    for t in (0, 1, 6, 20):
        assert float(m.taylor_error_bound(Fraction(t))) >= 1 / (1 + math.exp(t)) * (1 - 1e-12)
    assert m.taylor_mse_bound(1, 12) == m.taylor_error_bound(Fraction(6)) ** 2
