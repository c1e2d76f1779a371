import pytest

from exact.regions import enumerate_regions
from proofs.claims.p002 import support
from proofs.claims.p003 import empty_multiplier
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdicts():
    vs = support.check()
    # (a): every network of the classes (the kernel re-enumerates them); (b) is one defined network
    assert [v.status for v in vs] == [Status.VERIFIED, Status.VERIFIED]
    assert all(recheck(v.certificate)[0] for v in vs)
    sample = support.check(exhaustive=False)            # (a) on the sample alone: inconclusive
    assert sample[0].status is Status.INCONCLUSIVE and recheck(sample[0].certificate)[0]


def test_negative_control_one_hidden_layer_bump_has_unbounded_support():
    net = support.attempts()["pyramid attempt 4 ridges"]
    e = enumerate_regions(net)
    nonzero = [r for r in e.regions if any(any(row) for row in r.linear) or any(r.offset)]
    # some non-zero region leaves [-1, 1]^2: no Motzkin certificate exists for it
    with pytest.raises(AssertionError):
        for r in nonzero:
            for i in range(2):
                box = [(None, None), (None, None)]
                box[i] = (1, None)
                empty_multiplier(net, r.pattern, box)
