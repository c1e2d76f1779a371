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
