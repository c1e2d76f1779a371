"""001-L4: the layer-2 bias and the rank of A2."""

from math import factorial

from exact.slides001 import activation_rows, qmatrix
from proofs.claims.p001 import bias_l4 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdicts():
    nec, suf, rep, lit = m.check(n_max=8, samples=2)
    assert nec.status is Status.PROVED and suf.status is Status.PROVED and lit.status is Status.REFUTED
    assert rep.status is Status.REFUTED and rep.variant == "sufficiency, repeated codes"
    assert all(recheck(v.certificate)[0] for v in (nec, suf, rep, lit))
    assert suf.certificate["evidence"]["checked"] == sum(factorial(n + 1) for n in range(1, 6))
    assert suf.evidence["argument"]["valid"] and not suf.evidence["failures"]


def test_negative_control_bias_free_rank_at_most_two():
    A = activation_rows([1, -2, 3, "1/2", -5], [1, -1, 2, "-1/3"], [0, 0, 0, 0])
    assert qmatrix(A).rank() <= 2


def test_negative_control_equal_ratios_singular():
    assert qmatrix(activation_rows([1, 2, 3], [1, 2], [-1, -2])).rank() == 1


def test_negative_control_repeated_codes_need_fewer_than_n_values():
    rep = m.check(n_max=3, samples=1)[2].certificate
    assert not recheck({**rep, "evidence": {"n": 2, "codes": [1, 1, 2]}})[0]   # two values: rank 2 is possible
    assert recheck({**rep, "evidence": {"n": 3, "codes": [1, 1, 2, 2]}})[0]


def test_proved_sufficiency_with_a_wrong_count_rejected():
    suf = m.check(n_max=3, samples=1)[1].certificate
    assert not recheck({**suf, "evidence": {"checked": suf["evidence"]["checked"] + 1}})[0]
