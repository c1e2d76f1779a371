from proofs.claims.p000 import incomplete_database_q2 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_constructions_fail_exactly_at_the_missing_signal():
    v = m.check(n_max=5, train_n=4, epochs=150)
    assert v.status is Status.VERIFIED and recheck(v.certificate)[0]


def test_negative_control_z0_is_not_suboptimal():
    # Lemma 3.1's z0 reconstructs everything: claiming it fails at theta' must be rejected
    from fractions import Fraction

    from exact.step_autoencoder import sum_encoder, threshold_decoder
    net = sum_encoder(4).then(threshold_decoder([Fraction(1, i) for i in range(1, 5)]))
    cert = {"format": "relu-proofcheck-certificate", "obligations": [
        {"check": "step_reconstruction", "n": 4, "amplitude": "1", "include_zero": True, "network": net.to_json(),
         "failures": [2]}]}
    assert not recheck(cert)[0]
    assert m.suboptimal_threshold(4, 2)[1] == Fraction(1, 3)
