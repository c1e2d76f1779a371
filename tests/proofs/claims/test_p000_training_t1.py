from fractions import Fraction

from proofs.claims.p000 import training_t1 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_default_scope_small():
    vs = m.check(n_values="4,6", seeds=1, epochs=200, relu_n=4, relu_seeds=1)
    by = {v.variant: v for v in vs}
    assert by["threshold/certified"].status is Status.VERIFIED
    assert by["threshold/finds-z0"].status is Status.REFUTED
    for v in vs:
        assert recheck(v.certificate)[0], v.label
    for r in by["threshold/certified"].evidence["runs"]:
        assert r["in_exact_box"]
    for r in by["relu2/certified"].evidence["runs"]:
        assert r["handcrafted_admissible"] and r["same_signs"]


def test_negative_control_z0_distinguisher_rejects_a_code_where_the_decoders_agree():
    vs = m.check(n_values="4", seeds=1, epochs=200, relu_n=3, relu_seeds=1)
    cert = next(v for v in vs if v.variant == "threshold/finds-z0").certificate
    assert recheck(cert)[0]
    assert not recheck({**cert, "evidence": {**cert["evidence"], "code": "0"}})[0]   # sigma(0 w) = sigma(0 z0)


def test_canonical_relu_is_invariant_under_rescaling_and_permutation():
    W2, b2, W3 = [Fraction(2), Fraction(-1), Fraction(1, 2)], [Fraction(1), Fraction(3), Fraction(-1)], \
        [[Fraction(1), Fraction(2), Fraction(3)], [Fraction(4), Fraction(5), Fraction(6)]]
    a = m.canonical_relu(W2, b2, W3)
    D, perm = [Fraction(3), Fraction(1, 5), Fraction(7)], [2, 0, 1]
    W2b = [W2[p] * D[p] for p in perm]
    b2b = [b2[p] * D[p] for p in perm]
    W3b = [[row[p] / D[p] for p in perm] for row in W3]
    assert m.canonical_relu(W2b, b2b, W3b) == a
    # negative control: a non-positive rescaling changes the canonical form
    assert m.canonical_relu([-W2[0]] + W2[1:], b2, W3) != a


def _relu_run(n, seed, epochs=400):
    from numeric.training import TrainConfig, train

    return train(TrainConfig(n=n, decoder="relu2", encoder="affine", init="spread", epochs=epochs, seed=seed),
                 progress=False)


def test_relu_repair_stays_near_the_trained_w3_on_t1_cases():
    # 000-T1's default ReLU case (n = 6, seed 0): the rounded W3 is not exactly admissible; the nearest
    # repair changes it by < 1e-2, the former largest-margin repair by ~1e6 (the 2.3e5 "W3 distance")
    from exact.certify import certify_relu_autoencoder

    r = _relu_run(6, 0)
    q = m.exact_params(r, 10**4)
    enc = m.exact_encoder(r.config, q)
    new = certify_relu_autoencoder(enc, q["W2"], q["b2"], q["W3"], max_denominator=10**4)
    old = certify_relu_autoencoder(enc, q["W2"], q["b2"], q["W3"], max_denominator=10**4, nearest=False)
    assert new.outcome == old.outcome == "repaired"
    assert all(new.network.evaluate(m.step_signal(6, t)) == m.step_signal(6, t) for t in range(7))
    assert new.repair_distance() < Fraction(1, 100) < 1000 < old.repair_distance()
    info, _ = m.compare_with_handcrafted(new)
    assert info["relative_W3_distance"] < 100 and info["max_free_U3_float"] < 1e-2
    assert m.certify_result(r, 10**4).repair_distance() == new.repair_distance()


def test_threshold_repair_no_farther_than_before_on_coarsely_rounded_t1_runs():
    from numeric.training import TrainConfig, train

    for n, den in ((8, 5), (12, 10)):
        r = train(TrainConfig(n=n, decoder="threshold", encoder="sum", epochs=400, seed=0), progress=False)
        q = m.exact_params(r, den)
        args = (m.exact_encoder(r.config, q), q["w"], None, 1)
        new = m.certify_threshold_autoencoder(*args, max_denominator=den)
        old = m.certify_threshold_autoencoder(*args, max_denominator=den, nearest=False)
        assert new.outcome == old.outcome == "repaired"
        assert all(new.network.evaluate(m.step_signal(n, t)) == m.step_signal(n, t) for t in range(n + 1))
        assert new.repair_distance() < old.repair_distance()
        w = [new.network.layers[1].weight[i][0] for i in range(n)]
        assert all(wi >= Fraction(1, i) and (i == 1 or wi < Fraction(1, i - 1)) for i, wi in enumerate(w, start=1))


def test_repair_change_recorded_in_evidence():
    vs = m.check(n_values="4", seeds=1, epochs=200, relu_n=6, relu_seeds=1)
    relu = next(v for v in vs if v.variant == "relu2/certified").evidence["runs"]
    assert all(r["repair_max_change"] is not None and r["repair_max_change"] < 1e-2 for r in relu)
    thr = next(v for v in vs if v.variant == "threshold/certified").evidence["runs"]
    assert all(r["repair_max_change"] == 0 for r in thr if not r["repaired_outputs"])
