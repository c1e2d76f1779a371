"""001-L5: positive diagonal rescaling."""

from fractions import Fraction

from hypothesis import given, strategies as st

from proofs.claims.p001 import rescaling_l5 as m
from proofs.kernel import recheck
from proofs.methods.strategies import positive_rationals
from proofs.verdict import Status


def test_verdicts():
    pos, zero, neg = m.check(n_max=5, samples=2)
    assert pos.status is Status.PROVED
    assert zero.status is Status.REFUTED and zero.evidence["minimal_counterexample"]["n"] == 1
    assert neg.status is Status.REFUTED and neg.evidence["minimal_counterexample"]["D"] == ["-1"]
    assert all(recheck(v.certificate)[0] for v in (pos, zero, neg))
    assert [a["checker"] for a in pos.certificate["argument"]] == ["kernel"] * 3
    assert pos.evidence["argument"]["valid"]
    assert zero.certificate["evidence"] == {"n": 1, "D": ["0"]} and neg.certificate["evidence"] == {"n": 1, "D": ["-1"]}


@given(st.integers(1, 5).flatmap(lambda n: st.lists(positive_rationals(max_height=9), min_size=n, max_size=n)))
def test_positive_rescaling_preserves_solution(D):
    assert m.rescaled_reconstructs(len(D), D)


def test_negative_control_negative_entry_breaks():
    assert not m.rescaled_reconstructs(3, [Fraction(1), Fraction(-2), Fraction(1)])
    assert not m.rescaled_reconstructs(2, [Fraction(0), Fraction(1)])
