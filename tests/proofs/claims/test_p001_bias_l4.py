"""001-L4: the layer-2 bias and the rank of A2."""

import copy

from exact.slides001 import activation_rows, qmatrix
from proofs.claims.p001 import bias_l4 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdicts():
    nec, suf, lit = m.check(n_max=8, samples=2)
    assert nec.status is Status.PROVED and suf.status is Status.INCONCLUSIVE and lit.status is Status.REFUTED
    assert all(recheck(v.certificate)[0] for v in (nec, suf, lit))
    assert suf.certificate["evidence"]["searched"] == suf.evidence["random_instances"]
    assert len(suf.certificate["evidence"]["instances"]) == m.LISTED_N_MAX


def test_negative_control_bias_free_rank_at_most_two():
    A = activation_rows([1, -2, 3, "1/2", -5], [1, -1, 2, "-1/3"], [0, 0, 0, 0])
    assert qmatrix(A).rank() <= 2


def test_negative_control_equal_ratios_singular():
    assert qmatrix(activation_rows([1, 2, 3], [1, 2], [-1, -2])).rank() == 1


def test_negative_control_listed_instance_with_equal_ratios_rejected():
    suf = m.check(n_max=3, samples=1)[1].certificate
    bad = copy.deepcopy(suf)
    bad["evidence"]["instances"][1] = {"codes": [1, 2, 3], "W2": [1, 2], "b2": [-1, -2]}
    assert not recheck(bad)[0]
