"""The shared known-answer table (tests/known_answers.py) against the float64 mirror."""

from fractions import Fraction

import numpy as np
import pytest

from exact.network import Network
from numeric.evaluate import evaluate_float, to_float
import known_answers as KA  # tests/known_answers.py (pytest puts tests/ on the path)


@pytest.mark.parametrize("name, layers, inputs, outputs, float_exact", KA.EVALUATION, ids=[c[0] for c in KA.EVALUATION])
def test_float_mirror(name, layers, inputs, outputs, float_exact):
    net = Network.from_layers(*layers)
    x = np.array([[to_float(Fraction(v)) for v in r] for r in inputs], dtype=np.float64)
    got = evaluate_float(net, x)
    want = np.array([[to_float(v) for v in r] for r in KA.as_fractions(outputs)], dtype=np.float64)
    assert got.shape == want.shape
    if float_exact:
        assert np.array_equal(got, want)
    else:  # float64 may round: close to the exact answer (relative), threshold outputs may flip
        assert np.allclose(got, want, rtol=1e-12, atol=1e-12) or "threshold" in name or "decoder" in name
