"""001-L4: the layer-2 bias and the rank of A2."""

from exact.slides001 import activation_rows, qmatrix
from proofs.claims.p001 import bias_l4 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdicts():
    nec, suf, lit = m.check(n_max=8, samples=2)
    assert nec.status is Status.PROVED and suf.status is Status.INCONCLUSIVE and lit.status is Status.REFUTED
    assert all(recheck(v.certificate)[0] for v in (nec, suf, lit))


def test_negative_control_bias_free_rank_at_most_two():
    A = activation_rows([1, -2, 3, "1/2", -5], [1, -1, 2, "-1/3"], [0, 0, 0, 0])
    assert qmatrix(A).rank() <= 2


def test_negative_control_equal_ratios_singular():
    assert qmatrix(activation_rows([1, 2, 3], [1, 2], [-1, -2])).rank() == 1
