"""The curve autoencoder trainer, the dense float error and its agreement with the exact analysis."""

import doctest
from fractions import Fraction

import numpy as np

import numeric.curve_training as ct
from exact.curves import curve_error, cut_autoencoder, square
from exact.network import Network


def test_doctests():
    assert doctest.testmod(ct).failed == 0


def test_gradient_matches_finite_differences():
    rng = np.random.default_rng(0)
    h = 4
    theta = ct._initial(rng, h)
    _, x = ct.curve_points(np.array([[1., -1.], [1., 1.], [-1., 1.], [-1., -1.]]), 5)
    f, g = ct._loss_grad(theta, x, h)
    eps = 1e-6
    for i in rng.choice(len(theta), 12, replace=False):
        e = np.zeros_like(theta)
        e[i] = eps
        fd = (ct._loss_grad(theta + e, x, h)[0] - ct._loss_grad(theta - e, x, h)[0]) / (2 * eps)
        assert abs(fd - g[i]) < 1e-5 * max(1.0, abs(fd))


def test_training_lowers_the_loss_and_rounds_exactly():
    K = square()
    model = ct.train_curve_autoencoder(K.vertices, hidden=6, maxiter=150, restarts=2, samples_per_edge=10)
    _, x = ct.curve_points(np.array([[float(a), float(b)] for a, b in K.vertices]), 10)
    start = ct._loss_grad(ct._initial(np.random.default_rng(0), 6), x, 6)[0]
    assert model.loss < start
    enc, dec = ct.rounded_networks(model, denominator=2 ** 20)
    assert isinstance(enc, Network) and enc.widths == (2, 6, 1) and dec.widths == (1, 6, 2)
    assert all(w.denominator <= 2 ** 20 for layer in enc.layers for row in layer.weight for w in row)
    y_float = model(x)
    y_round = ct.network_forward(enc, dec)(x)
    assert np.max(np.abs(y_float - y_round)) < 1e-3


def test_dense_error_agrees_with_exact_analysis():
    K = square()
    enc, dec = cut_autoencoder(K, 4)
    r = curve_error(enc.then(dec), K, Fraction(1, 10))
    per_edge = 4000
    s, y, e = ct.dense_error(ct.network_forward(enc, dec), K.vertices, per_edge)
    # at grid points the float mirror matches exact evaluation
    for i in (0, 1234, 15500, 15999):
        x = K.point(Fraction(i, per_edge))  # grid point i is s = i / per_edge
        assert np.allclose([float(v) for v in enc.then(dec).evaluate(x)], y[i], atol=1e-9)
    est = ct.bad_length_estimate(s, e, 0.1, K.vertices, per_edge)
    assert abs(est - float(r.bad_length)) <= 4 * 2 / per_edge
    assert float(r.max_error) - 1e-2 <= e.max() <= float(r.max_error) + 1e-12


def test_single_thread_blas_uses_threadpoolctl_and_restores():
    from threadpoolctl import threadpool_info

    from numeric.curve_training import single_thread_blas

    def blas_threads():
        return [d["num_threads"] for d in threadpool_info() if d["user_api"] == "blas"]

    before = blas_threads()
    with single_thread_blas():
        assert all(n == 1 for n in blas_threads())
    assert blas_threads() == before
