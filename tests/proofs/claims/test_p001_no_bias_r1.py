"""001-R1: no bias needed in layer 3."""

from fractions import Fraction

from exact.slides001 import decoder_network, linear_codes, reconstructs, data_rows
from proofs.claims.p001 import linear_decoder, no_bias_r1 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdict():
    v = m.check(n_max=6)
    assert v.status is Status.PROVED and recheck(v.certificate)[0]     # for every n: 001-H1's argument
    assert v.certificate["scope"] == {"amplitude": "1", "n_max": 6} and v.certificate["evidence"] == {"checked": 6}
    assert [a["id"] for a in v.certificate["argument"]] == ["triangular", "invertible", "solve", "bias-free"]
    arg = v.evidence["argument"]
    assert arg["valid"] and all(s["holds"] for s in arg["steps"] if s["checker"] == "kernel")
    # the same certificate relabelled verified (no argument) is the finite part only, still valid;
    # relabelled to 001-H1 or refuted it is rejected
    finite = {k: x for k, x in v.certificate.items() if k != "argument"}
    assert recheck({**finite, "status": "verified"})[0]
    assert not recheck({**v.certificate, "status": "verified"})[0]
    assert not recheck({**v.certificate, "status": "refuted"})[0]
    assert not recheck({**v.certificate, "claim": "001-H1", "variant": "canonical U3 = X"})[0]
    from proofs.claims.p001 import handcrafted_h1
    h1 = handcrafted_h1.check(n_max=6, samples=1, float_n_max=5)[0].certificate
    assert recheck(h1)[0] and not recheck({**h1, "claim": "001-R1", "variant": None})[0]


def test_certificate_is_capped_at_the_kernel_bound():
    v = m.check(n_max=3, amplitude="5/2")
    assert recheck(v.certificate)[0]


def test_negative_control_layer3_bias_breaks_the_decoder():
    dec = linear_decoder(3)
    net = decoder_network(dec.W2, dec.b2, dec.W3.rows(), [Fraction(1, 2)] * 3)
    assert not reconstructs(net, linear_codes(3), data_rows(3))
