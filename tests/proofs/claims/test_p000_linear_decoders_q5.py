from fractions import Fraction

from proofs.claims.p000 import linear_decoders_q5 as m
from proofs.claims.p000.linear_encoders_q4 import ramp_decoder
from proofs.kernel import recheck
from proofs.verdict import Status


def test_ramp_decoder_is_linear():
    v = m.check(n_max=5, seeds=1, train_n=4, epochs=100)
    assert v.status is Status.PROVED and v.evidence["lemma_3_1_is_floor"] and recheck(v.certificate)[0]
    assert v.certificate["argument"] == [{"id": i, "checker": ch} for i, ch in m.KERNEL_ARGUMENT]
    finite = {k: x for k, x in v.certificate.items() if k != "argument"}
    assert recheck({**finite, "status": "verified"})[0]                   # the finite part alone
    assert not recheck({**v.certificate, "status": "verified"})[0]
    assert not recheck({**v.certificate, "claim": "000-Q4"})[0]
    d, _ = m.mass_defect(ramp_decoder(4), Fraction(0), Fraction(4), 4)
    assert d == 0


def test_negative_control_lemma_3_1_decoder_is_not_linear():
    from exact.step_autoencoder import threshold_decoder
    d, _ = m.mass_defect(threshold_decoder([Fraction(1, i) for i in range(1, 5)]), Fraction(0), Fraction(4), 4)
    assert d > 0


def test_negative_control_wrong_ramp_is_not_verified(monkeypatch):
    from exact.network import Network, Layer
    good = m.ramp_decoder

    def bad(n):
        net = good(n)
        l3 = net.layers[1]
        w = tuple(tuple(v * 2 for v in row) for row in l3.weight)
        return Network((net.layers[0], Layer(w, l3.bias, l3.activation)))

    monkeypatch.setattr(m, "ramp_decoder", bad)
    assert m.check(n_max=3, seeds=0).status is Status.INCONCLUSIVE
