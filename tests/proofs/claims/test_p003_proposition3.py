"""003-P3: partitions, refinement, exact covering of a box."""

from proofs.claims.p003 import proposition3
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdict():
    v = proposition3.check(networks="parallel+collapse,random 1-3-3-1")
    assert v.status is Status.VERIFIED and recheck(v.certificate)[0]
    assert all(r["total_measure"] == r["box_measure"] for r in v.evidence["levels"])


def test_negative_control_missing_region_breaks_the_cover(monkeypatch):
    import proofs.claims.p003.proposition3 as mod

    real = mod.enumerate_certified

    def drop_one(net, box=None):
        e = real(net, box)
        from copy import copy

        e2 = copy(e)
        e2.regions = e.regions[1:]
        e2._pieces = None
        return e2

    monkeypatch.setattr(mod, "enumerate_certified", drop_one)
    v = mod.check(networks="parallel+collapse")
    assert v.status is Status.REFUTED
    assert any("cover" in p for p in v.evidence["problems"])
