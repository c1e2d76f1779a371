"""003-T5: atomic decomposition; paths through inactive neurons must be refuted."""

from proofs.claims.p003 import theorem5
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdict():
    v = theorem5.check()
    assert v.status is Status.VERIFIED and recheck(v.certificate)[0]
    assert v.certificate["scope"]["widths"] == theorem5.T5_CLASS
    assert v.certificate["evidence"]["checked"] == v.evidence["class_instances"] == 9720
    assert not v.evidence["class_failures"] and not v.evidence["problems"]


def test_class_check_has_teeth():
    # paths through inactive neurons: the exhaustive class finds the failures too
    count, _, bad = theorem5.class_check([[1, 2, 1, 1]], all_neurons=True)
    assert count == 3 ** 5 * 8 and bad
    assert not theorem5.class_check([[1, 2, 1, 1]])[2]


def test_negative_control_all_neurons():
    v = theorem5.check(all_neurons=True)
    assert v.status is Status.REFUTED and v.evidence["problem_count"] > 0
    assert recheck(v.certificate)[0]
