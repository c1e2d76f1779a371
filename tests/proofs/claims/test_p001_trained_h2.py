from proofs.claims.p001 import trained_h2 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_recipe_runs_and_is_certified_or_explained():
    v = m.check(n=4, epochs=500)
    assert v.status in (Status.VERIFIED, Status.INCONCLUSIVE)
    assert recheck(v.certificate)[0]
    ev = v.evidence["slides_rmsprop"]
    assert ev["epochs"] == 500 and ev["codes_r2_vs_theta"] > 0.999   # constrained encoder: affine codes
    assert v.evidence["lbfgs_spread"]["outcome"] in ("admissible", "repaired")


def test_negative_control_uncertified_run_is_not_verified():
    v = m.check(n=4, epochs=1, lr=1e-5)
    assert v.status is Status.INCONCLUSIVE


def test_the_certificate_binds_the_network_with_its_recipe():
    v = m.check(n=4, epochs=3, lr=1e-5, seed=2)
    cert = v.certificate
    rec = cert["evidence"]["network"]["value"]
    assert set(rec) == {"network", "training"} and recheck(cert)[0]
    t = rec["training"]
    assert (t["n"], t["lr"], t["epochs"], t["seed"], t["optimizer"], t["encoder"]) == (4, "1/100000", 3, 2, "rmsprop", "affine")
    for key, val in (("epochs", 2500000), ("epochs", 4), ("lr", "1/10000"), ("seed", 0)):
        assert not recheck({**cert, "scope": {**cert["scope"], key: val}})[0], key
