"""003-T6: Lipschitz bounds by exact PSD; a halved bound must be refuted."""

from proofs.claims.p003 import theorem6
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdicts():
    vs = theorem6.check(max_depth=4)
    assert [v.status for v in vs] == [Status.VERIFIED] * 3 + [Status.REFUTED] * 2
    assert all(recheck(v.certificate)[0] for v in vs)
    assert vs[0].certificate["evidence"] == {"checked": 5856, "attained": 1040}
    assert [v.certificate["evidence"]["checked"] for v in vs[1:3]] == [5508, 10876]
    sample = theorem6.check(max_depth=3, exhaustive=False)
    assert [v.status for v in sample] == [Status.INCONCLUSIVE] * 3 + [Status.REFUTED] * 2
    assert all(recheck(v.certificate)[0] for v in sample)


def test_class_check_small_class():
    res = theorem6.class_check("(ii) spectral", {"widths": [[1, 1, 1]], "values": ["-2", "0", "2"]})
    assert res["checked"] == 18 and res["failure_count"] == 0


def test_negative_control_halved_bound():
    v = theorem6.check(factor="1/2", max_depth=3)[0]
    assert v.status is Status.REFUTED and v.variant == "(i) normalised atoms (scaled bound)"
    assert recheck(v.certificate)[0]
