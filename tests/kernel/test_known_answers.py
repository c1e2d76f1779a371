"""The shared known-answer table (tests/known_answers.py) against the kernel's own evaluator."""

import pytest

from proofs.kernel import core as K
import known_answers as KA  # tests/known_answers.py (pytest puts tests/ on the path)


@pytest.mark.parametrize("name, layers, inputs, outputs, float_exact", KA.EVALUATION, ids=[c[0] for c in KA.EVALUATION])
def test_kernel_evaluator(name, layers, inputs, outputs, float_exact):
    K.set_max_digits(100)
    try:
        net = K.network({"layers": layers})
        assert [tuple(K.run(net, K.vec(x))) for x in inputs] == KA.as_fractions(outputs)
    finally:
        K.set_max_digits(10000)
