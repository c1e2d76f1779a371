"""Tests of numeric/training.py: gradients, optimizers, results files."""

import numpy as np
import pytest
from scipy.optimize import check_grad

from exact.errors import InvalidArgument
from numeric.training import (TrainConfig, _flatten, _unflatten, hard_threshold_outputs, init_params, load_result,
                              loss_and_grad, param_shapes, save_result, step_matrix, train)

CONFIGS = [
    TrainConfig(n=5, decoder="threshold", encoder="sum"),
    TrainConfig(n=5, decoder="threshold", encoder="affine", decoder_bias=True, linearity_weight=0.3),
    TrainConfig(n=5, decoder="relu2", encoder="linear", linearity_weight=0.5),
    TrainConfig(n=5, decoder="relu2", encoder="affine"),
]


@pytest.mark.parametrize("cfg", CONFIGS)
def test_analytic_gradient_matches_finite_differences(cfg):
    sh = param_shapes(cfg)
    p = init_params(cfg)
    if cfg.decoder == "relu2":
        p["b2"] = np.random.default_rng(1).normal(size=cfg.n2)
    X, ts = step_matrix(5), np.arange(6)
    f = lambda v: loss_and_grad(_unflatten(v, sh), cfg, X, ts)[0]  # noqa: E731
    g = lambda v: _flatten(loss_and_grad(_unflatten(v, sh), cfg, X, ts)[1], sh)  # noqa: E731
    v = _flatten(p, sh)
    assert check_grad(f, g, v) < 1e-5 * max(1.0, np.linalg.norm(g(v)))


def test_wrong_gradient_is_detected():
    # negative control: a perturbed gradient must fail the same check
    cfg = CONFIGS[0]
    sh, p = param_shapes(cfg), init_params(cfg)
    X, ts = step_matrix(5), np.arange(6)
    f = lambda v: loss_and_grad(_unflatten(v, sh), cfg, X, ts)[0]  # noqa: E731
    g = lambda v: 1.5 * _flatten(loss_and_grad(_unflatten(v, sh), cfg, X, ts)[1], sh)  # noqa: E731
    v = _flatten(p, sh)
    assert check_grad(f, g, v) > 1e-4 * np.linalg.norm(g(v))


def test_lbfgs_finds_admissible_threshold_decoder():
    r = train(TrainConfig(n=6, epochs=300, seed=0), progress=False)
    assert np.array_equal(hard_threshold_outputs(r), step_matrix(6))


def test_rmsprop_decreases_loss_and_minibatches_run():
    r = train(TrainConfig(n=5, decoder="relu2", encoder="affine", optimizer="rmsprop", lr=1e-3, epochs=300,
                          batch_size=2, seed=1), progress=False)
    assert r.history[-1][1] < r.history[0][1]
    assert r.epochs_run == 300


def test_callback_stops_and_seeds_reproduce(tmp_path):
    cfg = TrainConfig(n=4, decoder="relu2", encoder="affine", optimizer="rmsprop", lr=1e-3, epochs=500, seed=3)
    r = train(cfg, callback=lambda e, p: e >= 50, callback_every=10, progress=False)
    assert r.stopped == "callback" and r.epochs_run == 50
    a = train(replace_epochs(cfg, 20), progress=False)
    b = train(replace_epochs(cfg, 20), progress=False)
    assert all(np.array_equal(a.params[k], b.params[k]) for k in a.params)
    path = tmp_path / "run.json"
    save_result(a, path)
    c = load_result(path)
    assert c.config == a.config and np.allclose(c.params["W3"], a.params["W3"])


def replace_epochs(cfg, e):
    from dataclasses import replace

    return replace(cfg, epochs=e)


def test_invalid_configs_are_refused():
    with pytest.raises(InvalidArgument):
        TrainConfig(n=0)
    with pytest.raises(InvalidArgument):
        TrainConfig(decoder="sigmoid")
    with pytest.raises(InvalidArgument):
        TrainConfig(n=3, thetas=(0, 4))
    with pytest.raises(InvalidArgument):
        TrainConfig(amplitude=2.0)   # threshold decoders output 0/1
