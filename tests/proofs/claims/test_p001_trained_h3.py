from proofs.claims.p001 import trained_h3 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_unconstrained_recipe_short_budget():
    vs = {v.variant: v for v in m.check(runs="3x2", epochs=50)}
    for v in vs.values():
        assert v.status is Status.INCONCLUSIVE and recheck(v.certificate)[0]
        assert [(r["n"], r["seed"]) for r in v.evidence["runs"]] == [(3, 0), (3, 1)]
        assert "codes_r2_vs_theta" in v.evidence["runs"][0]
    cert = vs["admissible"].certificate
    assert cert["evidence"]["network"]["value"]["training"]["encoder"] == "linear"
    flipped = {**cert, "status": "verified"}
    assert not recheck(flipped)[0]
    net = cert["evidence"]["network"]
    assert not recheck({**cert, "evidence": {**cert["evidence"], "network": {**net, "sha256": "0" * 64}}})[0]
