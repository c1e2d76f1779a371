"""001-R1: no bias needed in layer 3."""

from fractions import Fraction

from exact.slides001 import decoder_network, linear_codes, reconstructs, data_rows
from proofs.claims.p001 import linear_decoder, no_bias_r1 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdict():
    v = m.check(n_max=6)
    assert v.status is Status.VERIFIED and recheck(v.certificate)[0]
    assert v.certificate["scope"] == {"amplitude": "1", "n_max": 6} and v.certificate["evidence"] == {"checked": 6}


def test_certificate_is_capped_at_the_kernel_bound():
    v = m.check(n_max=3, amplitude="5/2")
    assert recheck(v.certificate)[0]


def test_negative_control_layer3_bias_breaks_the_decoder():
    dec = linear_decoder(3)
    net = decoder_network(dec.W2, dec.b2, dec.W3.rows(), [Fraction(1, 2)] * 3)
    assert not reconstructs(net, linear_codes(3), data_rows(3))
