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


def test_positive_sample_runs_on_the_batched_harness():
    """Instances from (seed, index) alone: the same instances and no hit whatever the block size and workers."""
    from proofs.methods.batched import run_blocks

    runs = [run_blocks(m.PositiveRescalingSample(4, size=size), seed=5, max_instances=24, workers=w,
                       stop_on_hit=False) for size, w in ((8, 1), (5, 2))]
    assert [(r.instances, r.hits) for r in runs] == [(24, []), (24, [])]
    a, b = m.PositiveRescalingSample(4).instance(5, 13), m.PositiveRescalingSample(4, size=3).instance(5, 13)
    assert (a[0], a[1], a[3]) == (b[0], b[1], b[3]) and a[0] == 2 and all(d > 0 for d in a[3])


class _NegatedFirst(m.PositiveRescalingSample):
    """Negative control: the first entry of D negated (no longer positive)."""

    def instance(self, seed, index):
        n, codes, dec, D = super().instance(seed, index)
        return n, codes, dec, [-D[0], *D[1:]]


def test_positive_sample_negative_control(monkeypatch):
    import pytest
    from exact.errors import ToolkitError
    from proofs.methods.batched import run_blocks

    run = run_blocks(_NegatedFirst(4), seed=5, max_instances=24, workers=1, stop_on_hit=False)
    assert run.hits and run.hits == run_blocks(_NegatedFirst(4, size=5), seed=5, max_instances=24, workers=2,
                                               stop_on_hit=False).hits
    monkeypatch.setattr(m, "PositiveRescalingSample", _NegatedFirst)
    with pytest.raises(ToolkitError, match="positive rescaling failed"):
        m.check(n_max=4, samples=2, seed=5)
