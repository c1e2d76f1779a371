"""The shared known-answer table (tests/known_answers.py) against the kernel's own evaluator."""

import importlib.util
from pathlib import Path

import pytest

from proofs.kernel import core as K


def _table():
    spec = importlib.util.spec_from_file_location("known_answers", Path(__file__).parents[1] / "known_answers.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


KA = _table()


@pytest.mark.parametrize("name, layers, inputs, outputs, float_exact", KA.EVALUATION, ids=[c[0] for c in KA.EVALUATION])
def test_kernel_evaluator(name, layers, inputs, outputs, float_exact):
    K.set_max_digits(100)
    try:
        net = K.network({"layers": layers})
        assert [tuple(K.run(net, K.vec(x))) for x in inputs] == KA.as_fractions(outputs)
    finally:
        K.set_max_digits(10000)
