"""003-P3: partitions, refinement, exact covering of a box (re-checked by area in the kernel)."""

import copy

import pytest

from proofs.claims.p003 import proposition3
from proofs.kernel import recheck
from proofs.verdict import Status


@pytest.fixture(scope="module")
def verdict():
    return proposition3.check(networks="parallel+collapse,random 1-3-3-1", exhaustive=False)


def test_verdict(verdict):
    assert verdict.status is Status.INCONCLUSIVE and recheck(verdict.certificate)[0]


def test_class_verdict():
    v = proposition3.check(networks="random 1-3-3-1")
    assert v.status is Status.VERIFIED and recheck(v.certificate)[0]
    assert v.certificate["scope"] == {"classes": proposition3.P3_CLASSES, "box": proposition3.P3_BOX}
    assert v.certificate["evidence"] == {"checked": 1701, "regions": v.evidence["class"]["regions"]}


def test_verdict_measures(verdict):
    assert all(r["total_measure"] == r["box_measure"] for r in verdict.evidence["levels"])


def _measured(cert):
    return [lev for inst in cert["evidence"]["instances"] for lev in inst["levels"]]


def test_negative_control_kernel_rejects_a_duplicated_region(verdict):
    """The pattern tree ignores a repeated pattern; the area sum must not."""
    cert = copy.deepcopy(verdict.certificate)
    ob = _measured(cert)[0]
    ob["regions"].append(copy.deepcopy(ob["regions"][0]))
    ok, msg = recheck(cert)
    assert not ok and "twice" in msg


def test_negative_control_kernel_rejects_a_smaller_box(verdict):
    """Regions of the box [-2, 3]^d cannot tile [-2, 2]^d: the area re-check fails."""
    cert = copy.deepcopy(verdict.certificate)
    cert["scope"]["box"] = ["-2", "2"]
    for ob in _measured(cert):
        ob["empty"] = []
    assert not recheck(cert)[0]


def test_negative_control_missing_region_breaks_the_cover(monkeypatch):
    import proofs.claims.p003.proposition3 as mod

    real = mod.enumerate_certified

    def drop_one(net, box=None):
        e = real(net, box)
        e2 = copy.copy(e)
        e2.regions = e.regions[1:]
        e2._pieces = None
        return e2

    monkeypatch.setattr(mod, "enumerate_certified", drop_one)
    v = mod.check(networks="parallel+collapse")
    # a gap in the enumeration is a failure of the tool, not a counterexample to the claim
    assert v.status is Status.INCONCLUSIVE
    assert any("cover" in p for p in v.evidence["problems"])
    assert not recheck(v.certificate)[0]


def test_negative_control_wrong_map_is_a_counterexample(monkeypatch):
    import proofs.claims.p003.proposition3 as mod
    from exact.regions import Region

    real = mod.enumerate_certified

    def shift(net, box=None):
        e = real(net, box)
        e2 = copy.copy(e)
        r = e.regions[0]
        e2.regions = [Region(r.pattern, r.point, r.constraints, r.linear,
                             tuple(c + 1 for c in r.offset))] + list(e.regions[1:])
        return e2

    monkeypatch.setattr(mod, "enumerate_certified", shift)
    v = mod.check(networks="parallel+collapse")
    assert v.status is Status.REFUTED
    assert any("differs" in p for p in v.evidence["problems"])
