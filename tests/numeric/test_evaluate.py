import numpy as np
from hypothesis import given

from exact.evaluate import evaluate_batch
from numeric.crosscheck import disagreement_mask
from numeric.evaluate import batch_to_float, evaluate_float
from proofs.methods.strategies import networks, rational_matrices


@given(networks([2, 3, 2], activations=("relu",), last_activation="relu", max_height=4),
       rational_matrices(4, 2, max_height=4))
def test_float_mirror_close_to_exact(net, xs):
    exact = evaluate_batch(net, xs)
    approx = evaluate_float(net, np.array([[float(v) for v in x] for x in xs]))
    # ReLU networks are continuous, so rounding errors stay small
    assert not disagreement_mask(exact, approx, atol=1e-9).any()
    assert np.allclose(batch_to_float(exact), approx, atol=1e-9)
