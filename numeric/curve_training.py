"""A small autoencoder trained on samples of a closed curve K, and dense float error along K (004).

Architecture 2 -> h (ReLU) -> 1 (code) -> h (ReLU) -> 2, trained on points of K with
scipy's L-BFGS-B on the mean squared error (analytic gradient in numpy).  The error
along K is measured in the max-norm on a dense grid of the rational parameter s
(edge k is s in [k, k + 1]), the same parameter and norm as :mod:`exact.curves`, so
the float estimates of the bad set's length and of the maximum error can be compared
with the exact values.

:func:`rounded_networks` turns trained float weights into exact networks by rounding
each weight to the nearest multiple of 1/denominator (a float only *proposes* the
integer numerators; whatever exact analysis follows is about the rounded network).

>>> import numpy as np
>>> V = np.array([[1., -1.], [1., 1.], [-1., 1.], [-1., -1.]])
>>> s, x = curve_points(V, 2)
>>> s.tolist(), x[1].tolist()
([0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5], [1.0, 0.0])
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Iterator

import numpy as np
from scipy.optimize import minimize

from exact.network import Activation, Layer, Network

from .evaluate import evaluate_float

__all__ = ["single_thread_blas", "curve_points", "TrainedCurveAutoencoder", "train_curve_autoencoder", "dense_error",
           "bad_length_estimate", "network_forward", "rounded_networks"]


@contextlib.contextmanager
def single_thread_blas() -> Iterator[None]:
    """Run BLAS (OpenBLAS, MKL, BLIS) on one thread inside the block (restored after).

    Training multiplies tiny matrices; with threaded BLAS on a busy 2-core machine the
    threads spin and a 0.1 s fit takes several seconds.  threadpoolctl finds every BLAS
    loaded in the process, portably; without one this does nothing.
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        yield


def curve_points(vertices: np.ndarray, per_edge: int, closed: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Parameters s = k + j / per_edge and points K(s) (j = 0 .. per_edge - 1 on each edge)."""
    v = np.asarray(vertices, dtype=np.float64)
    m = len(v)
    ne = m if closed else m - 1
    t = np.arange(per_edge) / per_edge
    s = (np.arange(ne)[:, None] + t[None, :]).ravel()
    p = v[:ne]
    q = np.roll(v, -1, axis=0)[:ne]
    x = (p[:, None, :] + t[None, :, None] * (q - p)[:, None, :]).reshape(-1, 2)
    return s, x


@dataclass
class TrainedCurveAutoencoder:
    """Float weights (W1 h x 2, b1, W2 1 x h, b2, W3 h x 1, b3, W4 2 x h, b4) and the fit."""

    params: dict[str, np.ndarray]
    loss: float
    iterations: int
    seed: int

    def encode(self, x: np.ndarray) -> np.ndarray:
        p = self.params
        return np.maximum(x @ p["W1"].T + p["b1"], 0) @ p["W2"].T + p["b2"]

    def decode(self, z: np.ndarray) -> np.ndarray:
        p = self.params
        return np.maximum(z @ p["W3"].T + p["b3"], 0) @ p["W4"].T + p["b4"]

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.decode(self.encode(np.asarray(x, dtype=np.float64)))


_SHAPES = lambda h: [("W1", (h, 2)), ("b1", (h,)), ("W2", (1, h)), ("b2", (1,)),  # noqa: E731
                     ("W3", (h, 1)), ("b3", (h,)), ("W4", (2, h)), ("b4", (2,))]


def _unpack(theta: np.ndarray, h: int) -> dict[str, np.ndarray]:
    out, k = {}, 0
    for name, shape in _SHAPES(h):
        size = int(np.prod(shape))
        out[name] = theta[k:k + size].reshape(shape)
        k += size
    return out


def _loss_grad(theta: np.ndarray, x: np.ndarray, h: int) -> tuple[float, np.ndarray]:
    p = _unpack(theta, h)
    n = len(x)
    u1 = x @ p["W1"].T + p["b1"]
    a1 = np.maximum(u1, 0)
    z = a1 @ p["W2"].T + p["b2"]
    u3 = z @ p["W3"].T + p["b3"]
    a3 = np.maximum(u3, 0)
    y = a3 @ p["W4"].T + p["b4"]
    r = y - x
    loss = float(np.mean(np.sum(r * r, axis=1)))
    gy = 2 * r / n
    g = {"W4": gy.T @ a3, "b4": gy.sum(0)}
    ga3 = gy @ p["W4"] * (u3 > 0)
    g["W3"], g["b3"] = ga3.T @ z, ga3.sum(0)
    gz = ga3 @ p["W3"]
    g["W2"], g["b2"] = gz.T @ a1, gz.sum(0)
    ga1 = gz @ p["W2"] * (u1 > 0)
    g["W1"], g["b1"] = ga1.T @ x, ga1.sum(0)
    return loss, np.concatenate([g[name].ravel() for name, _ in _SHAPES(h)])


def _initial(rng: np.random.Generator, h: int) -> np.ndarray:
    """Random start with most ReLUs alive on K: unit input directions, codes spread in [-1, 1]."""
    ang = rng.uniform(0, 2 * np.pi, h)
    p = {"W1": np.stack([np.cos(ang), np.sin(ang)], 1), "b1": rng.uniform(0, 1, h),
         "W2": rng.normal(scale=1 / np.sqrt(h), size=(1, h)), "b2": np.zeros(1),
         "W3": rng.choice([-1.0, 1.0], size=(h, 1)) * rng.uniform(0.5, 2, (h, 1)), "b3": rng.uniform(-1, 1, h),
         "W4": rng.normal(scale=1 / np.sqrt(h), size=(2, h)), "b4": np.zeros(2)}
    return np.concatenate([p[name].ravel() for name, _ in _SHAPES(h)])


def train_curve_autoencoder(vertices: Any, *, hidden: int = 16, samples_per_edge: int = 100,
                            seed: int = 0, maxiter: int = 3000, restarts: int = 3) -> TrainedCurveAutoencoder:
    """Train 2 -> hidden -> 1 -> hidden -> 2 on points of the closed curve (best of ``restarts``)."""
    v = np.asarray([[float(a), float(b)] for a, b in vertices], dtype=np.float64)
    _, x = curve_points(v, samples_per_edge)
    with single_thread_blas():
        rng = np.random.default_rng(seed)
        best = None
        for _ in range(restarts):  # short runs from several starts, then refine the best one
            theta0 = _initial(rng, hidden)
            res = minimize(_loss_grad, theta0, args=(x, hidden), jac=True, method="L-BFGS-B",
                           options={"maxiter": max(1, maxiter // 10)})
            if best is None or res.fun < best.fun:
                best = res
        best = minimize(_loss_grad, best.x, args=(x, hidden), jac=True, method="L-BFGS-B",
                        options={"maxiter": maxiter})
    return TrainedCurveAutoencoder(_unpack(best.x.copy(), hidden), float(best.fun), int(best.nit), seed)


def dense_error(forward: Callable[[np.ndarray], np.ndarray], vertices: Any, per_edge: int = 2000,
                closed: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(s, reconstruction, max-norm error) on a dense grid of K."""
    v = np.asarray([[float(a), float(b)] for a, b in vertices], dtype=np.float64)
    s, x = curve_points(v, per_edge, closed)
    with single_thread_blas():
        y = forward(x)
    return s, y, np.max(np.abs(y - x), axis=1)


def bad_length_estimate(s: np.ndarray, err: np.ndarray, delta: float, vertices: Any, per_edge: int) -> float:
    """Grid estimate of the ell-inf length of {err > delta} (each grid point stands for its cell)."""
    v = np.asarray([[float(a), float(b)] for a, b in vertices], dtype=np.float64)
    lengths = np.max(np.abs(np.roll(v, -1, axis=0) - v), axis=1)
    edge = np.minimum(np.floor(s).astype(int), len(v) - 1)
    return float(np.sum((err > delta) * lengths[edge]) / per_edge)


def network_forward(*networks: Network, fmt: str = "float64") -> Callable[[np.ndarray], np.ndarray]:
    """Float mirror (float64, or ``fmt`` of :mod:`numeric.formats`) of exact networks run one after
    the other (weights correctly rounded to the format once)."""
    def fwd(x: np.ndarray) -> np.ndarray:
        for net in networks:
            x = evaluate_float(net, x, fmt=fmt)
        return x
    return fwd


def _layer(w: np.ndarray, b: np.ndarray, act: Activation, den: int) -> Layer:
    q = lambda a: Fraction(int(round(float(a) * den)), den)  # noqa: E731  (ints only reach exact)
    return Layer(tuple(tuple(q(a) for a in row) for row in np.atleast_2d(w)), tuple(q(a) for a in b), act)


def rounded_networks(model: TrainedCurveAutoencoder, denominator: int = 2 ** 16) -> tuple[Network, Network]:
    """(encoder, decoder) with every weight rounded to a multiple of 1/denominator."""
    p = model.params
    enc = Network((_layer(p["W1"], p["b1"], Activation.RELU, denominator),
                   _layer(p["W2"], p["b2"], Activation.IDENTITY, denominator)))
    dec = Network((_layer(p["W3"], p["b3"], Activation.RELU, denominator),
                   _layer(p["W4"], p["b4"], Activation.IDENTITY, denominator)))
    return enc, dec
