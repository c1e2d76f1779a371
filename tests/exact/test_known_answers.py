"""The shared known-answer table (tests/known_answers.py) against exact evaluate and evaluate_batch."""

import numpy as np
import pytest

from exact.evaluate import RationalBatch, evaluate_batch
from exact.network import Network
import known_answers as KA  # tests/known_answers.py (pytest puts tests/ on the path)


@pytest.mark.parametrize("name, layers, inputs, outputs, float_exact", KA.EVALUATION, ids=[c[0] for c in KA.EVALUATION])
def test_exact_evaluate(name, layers, inputs, outputs, float_exact):
    net = Network.from_layers(*layers)
    assert [net.evaluate(x) for x in inputs] == KA.as_fractions(outputs)


@pytest.mark.parametrize("name, layers, inputs, outputs, float_exact", KA.EVALUATION, ids=[c[0] for c in KA.EVALUATION])
def test_exact_evaluate_batch(name, layers, inputs, outputs, float_exact):
    net = Network.from_layers(*layers)
    want = KA.as_fractions(outputs)
    assert evaluate_batch(net, inputs).to_fractions() == want
    # the same rows as a RationalBatch with unreduced denominators (every row times 6/6)
    b = RationalBatch.from_rationals(inputs)
    scaled = RationalBatch(b.num.astype(object) * 6, b.den.astype(object) * 6)
    assert evaluate_batch(net, scaled).to_fractions() == want
    if all(isinstance(v, int) and abs(v) < 2 ** 40 for r in inputs for v in r):
        assert evaluate_batch(net, np.array(inputs, dtype=np.int64)).to_fractions() == want
