"""003-T5: atomic decomposition; paths through inactive neurons must be refuted."""

from proofs.claims.p003 import theorem5
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdict():
    v = theorem5.check()
    assert v.status is Status.INCONCLUSIVE and recheck(v.certificate)[0]


def test_negative_control_all_neurons():
    v = theorem5.check(all_neurons=True)
    assert v.status is Status.REFUTED and v.evidence["problem_count"] > 0
    assert recheck(v.certificate)[0]
