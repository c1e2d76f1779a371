"""003-T6: Lipschitz bounds by exact PSD; a halved bound must be refuted."""

from proofs.claims.p003 import theorem6
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdicts():
    vs = theorem6.check(max_depth=4)
    assert [v.status for v in vs] == [Status.INCONCLUSIVE] * 3
    assert all(recheck(v.certificate)[0] for v in vs)


def test_negative_control_halved_bound():
    v = theorem6.check(factor="1/2", max_depth=3)[0]
    assert v.status is Status.REFUTED and v.variant == "(i) normalised atoms (scaled bound)"
    assert recheck(v.certificate)[0]
