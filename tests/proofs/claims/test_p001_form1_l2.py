"""001-L2: ReLU(U3) = X iff form (1); form-(1) matrices have rank n."""

from exact.slides001 import form1_from_entries, qmatrix
from proofs.claims.p001 import form1_l2 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdicts():
    iff, rank = m.check(n_max=8, sym_n=4, samples=2)
    assert iff.status is Status.PROVED and rank.status is Status.PROVED
    assert rank.certificate["scope"] == {"amplitude": "1", "sym_n": 4}
    assert recheck(iff.certificate)[0] and recheck(rank.certificate)[0]


def test_symbolic_det():
    ok, _ = m.symbolic_form1_det(4)
    assert ok


def test_negative_control_sign_condition_needed_for_rank():
    U = form1_from_entries(2, [1, 0, 0])    # u_21 = C violates form (1)
    assert qmatrix(U[:2]).rank() == 1


def test_negative_control_wrong_count_rejected():
    cert = m.check(n_max=3, sym_n=2, samples=1)[1].certificate
    cert["evidence"]["checked"] += 1
    assert not recheck(cert)[0]
