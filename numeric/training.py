"""Training the step-function autoencoders of 000 and 001 in float64 (numpy/scipy only).

Architectures (code d = 1, data: the step functions x_theta(j) = C for j <= theta):

* encoders: ``"sum"`` (fixed, f_E(x) = sum_j x(j) / C = theta, 000 section 3.1),
  ``"affine"`` (001's constrained linear encoder z = alpha * theta + beta, i.e.
  z = alpha * sum_j x(j) / C + beta with trained alpha, beta) and ``"linear"`` (the
  unconstrained one-layer encoder z = w_E . x + b_E);
* decoders: ``"threshold"`` (000: f_D(z) = sigma(z w + c) with the hard sigmoid sigma(u) =
  [u >= 1]; trained through the smooth surrogate s((u - 1) / tau), s the logistic
  function) and ``"relu2"`` (001: A2 = ReLU(z W2^T + b2), Y = ReLU(A2 W3^T)).

Loss: MSE = 1 / (N n) sum_theta ||f(x_theta) - x_theta||^2, with the exact analytic
gradient.  Optimizers: ``"rmsprop"`` (Keras' update: rho = 0.9, eps = 1e-7; full batch or
mini-batches; the slides' recipe uses lr 1e-5 with the constrained encoder and 1e-4
without) and ``"lbfgs"`` (scipy's L-BFGS-B with the same analytic gradient).

An optional linearity regulariser (000's question on linear codes) adds
``linearity_weight * (1 - R^2)`` where R^2 is the coefficient of determination of the
codes z_theta against theta (scale-invariant; 0 iff the codes are affine in theta).

Nothing here is exact: results are float proposals that :mod:`exact.certify` turns into
exact verdicts (through the caller, which converts floats explicitly).

>>> r = train(TrainConfig(n=4, optimizer="lbfgs", epochs=200, seed=0))
>>> r.final_loss < 1e-3
True
>>> bool(np.all(hard_threshold_outputs(r) == step_matrix(4)))
True
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Callable

import numpy as np

from exact.files import atomic_write_text
from exact.errors import InvalidArgument

__all__ = [
    "TrainConfig", "TrainResult", "train", "loss_and_grad", "step_matrix", "codes",
    "forward", "hard_threshold_outputs", "init_params", "param_shapes", "save_result",
    "load_result", "linearity_r2",
]

_DECODERS = ("threshold", "relu2")
_ENCODERS = ("sum", "affine", "linear")
_OPTIMIZERS = ("rmsprop", "lbfgs")


@dataclass(frozen=True)
class TrainConfig:
    """Everything that defines one training run (seeded, so reproducible)."""

    n: int = 8
    decoder: str = "threshold"
    encoder: str = "sum"
    decoder_bias: bool = False         # threshold decoder: a trained bias c (000 has none)
    hidden: int | None = None          # relu2: n2 (default n)
    amplitude: float = 1.0             # C
    thetas: tuple[int, ...] | None = None  # training subset of {0..n} (default: all)
    optimizer: str = "lbfgs"
    lr: float = 1e-4
    epochs: int = 500                  # RMSProp epochs, or L-BFGS iterations
    batch_size: int | None = None      # None: full batch
    seed: int = 0
    temperature: float = 0.02          # tau of the threshold surrogate (final value)
    anneal: bool = True                # L-BFGS: tau from 0.2 down to ``temperature`` (warm starts)
    linearity_weight: float = 0.0
    init: str = "random"               # relu2: "random" (Keras-like) or "spread" (breakpoints spread over the codes)
    log_every: int = 0                 # record the loss every k epochs (0: about 200 records)

    def __post_init__(self) -> None:
        if not isinstance(self.n, int) or self.n < 1:
            raise InvalidArgument(f"n must be a positive integer, got {self.n!r}")
        if self.decoder not in _DECODERS:
            raise InvalidArgument(f"decoder must be one of {_DECODERS}, got {self.decoder!r}")
        if self.encoder not in _ENCODERS:
            raise InvalidArgument(f"encoder must be one of {_ENCODERS}, got {self.encoder!r}")
        if self.optimizer not in _OPTIMIZERS:
            raise InvalidArgument(f"optimizer must be one of {_OPTIMIZERS}, got {self.optimizer!r}")
        if self.decoder == "threshold" and self.amplitude != 1.0:
            raise InvalidArgument("the hard-threshold decoder outputs 0/1: use amplitude 1")
        if self.epochs < 0 or self.temperature <= 0:
            raise InvalidArgument("epochs must be >= 0 and temperature > 0")
        if self.thetas is not None:
            ts = tuple(int(t) for t in self.thetas)
            if not ts or min(ts) < 0 or max(ts) > self.n or len(set(ts)) != len(ts):
                raise InvalidArgument(f"thetas must be distinct integers in 0..{self.n}")
            object.__setattr__(self, "thetas", tuple(sorted(ts)))

    @property
    def n2(self) -> int:
        return self.hidden or self.n

    @property
    def training_thetas(self) -> tuple[int, ...]:
        return self.thetas if self.thetas is not None else tuple(range(self.n + 1))


@dataclass
class TrainResult:
    """Float parameters after training, with the loss history."""

    config: TrainConfig
    params: dict[str, np.ndarray]
    history: list[tuple[int, float]] = field(default_factory=list)
    final_loss: float = float("nan")
    epochs_run: int = 0
    seconds: float = 0.0
    stopped: str = "cap"               # "cap", "converged" or "callback"

    def to_json(self) -> dict:
        return {"format": "relu-proofcheck-training", "version": 1,
                "config": asdict(self.config),
                "params": {k: v.tolist() for k, v in self.params.items()},
                "history": [[int(e), float(l)] for e, l in self.history],
                "final_loss": float(self.final_loss), "epochs_run": self.epochs_run,
                "seconds": self.seconds, "stopped": self.stopped}


def save_result(result: TrainResult, path) -> None:
    """Write the run (config, float parameters, history) as JSON, atomically."""
    atomic_write_text(path, json.dumps(result.to_json(), indent=1) + "\n")


def load_result(path) -> TrainResult:
    with open(path, encoding="utf-8") as fh:
        d = json.load(fh)
    cfg = dict(d["config"])
    if cfg.get("thetas") is not None:
        cfg["thetas"] = tuple(cfg["thetas"])
    return TrainResult(TrainConfig(**cfg), {k: np.asarray(v, dtype=np.float64) for k, v in d["params"].items()},
                       [tuple(h) for h in d["history"]], d["final_loss"], d["epochs_run"], d["seconds"],
                       d["stopped"])


# -- data and parameters ------------------------------------------------------------------

def step_matrix(n: int, thetas=None, amplitude: float = 1.0) -> np.ndarray:
    """Rows x_theta (theta in ``thetas``, default 0..n) as a float array."""
    ts = np.arange(n + 1) if thetas is None else np.asarray(thetas)
    return amplitude * (np.arange(1, n + 1)[None, :] <= ts[:, None]).astype(np.float64)


def param_shapes(cfg: TrainConfig) -> dict[str, tuple[int, ...]]:
    n, shapes = cfg.n, {}
    if cfg.encoder == "affine":
        shapes.update(alpha=(), beta=())
    elif cfg.encoder == "linear":
        shapes.update(wE=(n,), bE=())
    if cfg.decoder == "threshold":
        shapes["w"] = (n,)
        if cfg.decoder_bias:
            shapes["c"] = (n,)
    else:
        shapes.update(W2=(cfg.n2,), b2=(cfg.n2,), W3=(n, cfg.n2))
    return shapes


def init_params(cfg: TrainConfig) -> dict[str, np.ndarray]:
    """Seeded initial parameters (Glorot-uniform weights and zero biases for relu2, as Keras)."""
    rng = np.random.default_rng(cfg.seed)
    n, n2, p = cfg.n, cfg.n2, {}
    if cfg.encoder == "affine":
        p["alpha"] = np.array(rng.uniform(0.5, 1.5) if cfg.decoder == "threshold" else (rng.uniform(0.1, 1) if cfg.init == "spread" else rng.uniform(-1, 1)) * np.sqrt(6 / 2))
        p["beta"] = np.array(0.0)
    elif cfg.encoder == "linear":
        lim = np.sqrt(6 / (n + 1))
        p["wE"] = rng.uniform(-lim, lim, n) if cfg.decoder == "relu2" else rng.uniform(0.5, 1.5, n)
        p["bE"] = np.array(0.0)
    if cfg.decoder == "threshold":
        p["w"] = rng.uniform(0.5, 2.0, n) / np.arange(1, n + 1)
        if cfg.decoder_bias:
            p["c"] = np.zeros(n)
    else:
        lim2, lim3 = np.sqrt(6 / (1 + n2)), np.sqrt(6 / (n + n2))
        if cfg.init == "spread":
            z = codes(p, cfg, step_matrix(n, cfg.training_thetas, cfg.amplitude))
            lo, hi = float(z.min()), float(z.max())
            span = hi - lo if hi > lo else 1.0
            k = lo + span * (np.arange(1, n2 + 1) - 0.5) / n2   # breakpoints between the codes
            p["W2"] = np.ones(n2) / span
            p["b2"] = -k / span
            # Last layer by least squares on the pre-activations (targets: the data).
            a2 = np.maximum(z[:, None] * p["W2"][None, :] + p["b2"][None, :], 0.0)
            X = step_matrix(n, cfg.training_thetas, cfg.amplitude)
            p["W3"] = np.linalg.lstsq(a2, X, rcond=None)[0].T
        else:
            p["W2"] = rng.uniform(-lim2, lim2, n2)
            p["b2"] = np.zeros(n2)
            p["W3"] = rng.uniform(-lim3, lim3, (n, n2))
    return p


def _flatten(p: dict[str, np.ndarray], shapes) -> np.ndarray:
    return np.concatenate([np.asarray(p[k], dtype=np.float64).ravel() for k in shapes])


def _unflatten(v: np.ndarray, shapes) -> dict[str, np.ndarray]:
    out, k = {}, 0
    for name, shp in shapes.items():
        size = int(np.prod(shp)) if shp else 1
        out[name] = v[k:k + size].reshape(shp) if shp else np.array(v[k])
        k += size
    return out


# -- forward and backward --------------------------------------------------------------------

def codes(p: dict[str, np.ndarray], cfg: TrainConfig, X: np.ndarray) -> np.ndarray:
    """Encoder outputs z (one per row of X)."""
    s = X.sum(axis=1) / cfg.amplitude
    if cfg.encoder == "sum":
        return s
    if cfg.encoder == "affine":
        return p["alpha"] * s + p["beta"]
    return X @ p["wE"] + p["bE"]


def _sigmoid(u: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * u))


def forward(p: dict[str, np.ndarray], cfg: TrainConfig, X: np.ndarray) -> np.ndarray:
    """Float outputs (the surrogate sigmoid for the threshold decoder)."""
    z = codes(p, cfg, X)
    if cfg.decoder == "threshold":
        u = z[:, None] * p["w"][None, :] + (p["c"][None, :] if "c" in p else 0.0)
        return _sigmoid((u - 1.0) / cfg.temperature)
    a2 = np.maximum(z[:, None] * p["W2"][None, :] + p["b2"][None, :], 0.0)
    return np.maximum(a2 @ p["W3"].T, 0.0)


def hard_threshold_outputs(result: TrainResult, X: np.ndarray | None = None) -> np.ndarray:
    """Outputs of the trained network with the *hard* activation (threshold decoder) or as is (relu2)."""
    cfg, p = result.config, result.params
    X = step_matrix(cfg.n, amplitude=cfg.amplitude) if X is None else X
    if cfg.decoder == "relu2":
        return forward(p, cfg, X)
    z = codes(p, cfg, X)
    u = z[:, None] * p["w"][None, :] + (p["c"][None, :] if "c" in p else 0.0)
    return (u >= 1.0).astype(np.float64)


def linearity_r2(z: np.ndarray, thetas: np.ndarray) -> float:
    """R^2 of the codes against theta (1 iff affine in theta)."""
    t = np.asarray(thetas, dtype=np.float64)
    zc, tc = z - z.mean(), t - t.mean()
    v = float(zc @ zc)
    if v == 0.0:
        return 0.0
    return float((zc @ tc) ** 2 / (v * float(tc @ tc)))


def loss_and_grad(p: dict[str, np.ndarray], cfg: TrainConfig, X: np.ndarray,
                  thetas: np.ndarray) -> tuple[float, dict[str, np.ndarray]]:
    """MSE (+ regulariser) and its exact gradient with respect to every parameter."""
    N, n = X.shape
    z = codes(p, cfg, X)
    g: dict[str, np.ndarray] = {}
    scale = 1.0 / (N * n)
    if cfg.decoder == "threshold":
        c = p["c"] if "c" in p else 0.0
        u = z[:, None] * p["w"][None, :] + (c[None, :] if "c" in p else 0.0)
        y = _sigmoid((u - 1.0) / cfg.temperature)
        r = y - X
        loss = scale * float((r * r).sum())
        du = 2 * scale * r * y * (1 - y) / cfg.temperature
        g["w"] = (du * z[:, None]).sum(axis=0)
        if "c" in p:
            g["c"] = du.sum(axis=0)
        dz = du @ p["w"]
    else:
        pre2 = z[:, None] * p["W2"][None, :] + p["b2"][None, :]
        a2 = np.maximum(pre2, 0.0)
        u3 = a2 @ p["W3"].T
        y = np.maximum(u3, 0.0)
        r = y - X
        loss = scale * float((r * r).sum())
        du3 = 2 * scale * r * (u3 > 0)
        g["W3"] = du3.T @ a2
        da2 = du3 @ p["W3"]
        dpre2 = da2 * (pre2 > 0)
        g["W2"] = (dpre2 * z[:, None]).sum(axis=0)
        g["b2"] = dpre2.sum(axis=0)
        dz = dpre2 @ p["W2"]
    if cfg.linearity_weight and cfg.encoder != "sum" and N > 2:
        t = np.asarray(thetas, dtype=np.float64)
        tc = t - t.mean()
        zc = z - z.mean()
        v, ct, tt = float(zc @ zc), float(zc @ tc), float(tc @ tc)
        if v > 1e-300:
            r2 = ct * ct / (v * tt)
            loss += cfg.linearity_weight * (1.0 - r2)
            # d(1 - R^2)/dz = -(2 ct tc / (v tt) - 2 ct^2 zc / (v^2 tt))  (zc and tc centred)
            dz = dz - cfg.linearity_weight * (2 * ct * tc / (v * tt) - 2 * ct * ct * zc / (v * v * tt))
    if cfg.encoder == "affine":
        s = X.sum(axis=1) / cfg.amplitude
        g["alpha"] = np.array(float(dz @ s))
        g["beta"] = np.array(float(dz.sum()))
    elif cfg.encoder == "linear":
        g["wE"] = X.T @ dz
        g["bE"] = np.array(float(dz.sum()))
    return loss, g


# -- optimizers --------------------------------------------------------------------------

def train(cfg: TrainConfig, *, params: dict[str, np.ndarray] | None = None,
          callback: Callable[[int, dict[str, np.ndarray]], bool] | None = None,
          callback_every: int = 100, progress: bool | None = None) -> TrainResult:
    """Train one network.  ``callback(epoch, params) -> True`` stops the run (e.g. once an
    exact certification succeeds); it is called every ``callback_every`` epochs."""
    shapes = param_shapes(cfg)
    p = {k: np.array(v, dtype=np.float64) for k, v in (params or init_params(cfg)).items()}
    ts = np.asarray(cfg.training_thetas)
    X = step_matrix(cfg.n, ts, cfg.amplitude)
    log_every = cfg.log_every or max(1, cfg.epochs // 200)
    show = sys.stderr.isatty() if progress is None else progress
    t0 = time.perf_counter()
    history: list[tuple[int, float]] = []
    stopped = "cap"
    if cfg.optimizer == "rmsprop":
        rng = np.random.default_rng(cfg.seed + 1)
        acc = {k: np.zeros_like(v) for k, v in p.items()}
        rho, eps = 0.9, 1e-7
        bs = cfg.batch_size or len(ts)
        from tqdm import tqdm

        bar = tqdm(total=cfg.epochs, desc=f"rmsprop n={cfg.n}", disable=not show, leave=False,
                   file=sys.stderr, mininterval=0.5)
        epoch = 0
        for epoch in range(1, cfg.epochs + 1):
            order = rng.permutation(len(ts)) if bs < len(ts) else np.arange(len(ts))
            for start in range(0, len(ts), bs):
                idx = order[start:start + bs]
                loss, g = loss_and_grad(p, cfg, X[idx], ts[idx])
                for k in p:
                    acc[k] = rho * acc[k] + (1 - rho) * g[k] * g[k]
                    p[k] = p[k] - cfg.lr * g[k] / (np.sqrt(acc[k]) + eps)
            if epoch % log_every == 0 or epoch == cfg.epochs:
                full, _ = loss_and_grad(p, cfg, X, ts)
                history.append((epoch, full))
                bar.set_postfix(loss=f"{full:.3g}", refresh=False)
            bar.update(1)
            if callback is not None and epoch % callback_every == 0 and callback(epoch, p):
                stopped = "callback"
                break
        bar.close()
        epochs_run = epoch
    else:
        from scipy.optimize import minimize

        def fun(v):
            q = _unflatten(v, shapes)
            loss, g = loss_and_grad(q, cfg, X, ts)
            return loss, _flatten(g, shapes)

        it = [0]
        stop: list[dict] = []

        def cb(v):
            it[0] += 1
            if it[0] % log_every == 0:
                history.append((it[0], fun(v)[0]))
            if callback is not None and it[0] % callback_every == 0:
                q = {k: np.array(a) for k, a in _unflatten(np.array(v), shapes).items()}
                if callback(it[0], q):
                    stop.append(q)
                    raise StopIteration

        x0 = _flatten(p, shapes)
        taus = [cfg.temperature]
        if cfg.decoder == "threshold" and cfg.anneal and cfg.temperature < 0.2:
            taus = list(np.geomspace(0.2, cfg.temperature, max(2, int(np.ceil(np.log(0.2 / cfg.temperature) / np.log(3.0))) + 1)))
        final_cfg = cfg
        try:
            for k, tau in enumerate(taus):
                cfg = replace(final_cfg, temperature=float(tau))
                budget = cfg.epochs if k == len(taus) - 1 else max(1, cfg.epochs // (2 * len(taus)))
                res = minimize(fun, x0, jac=True, method="L-BFGS-B", callback=cb,
                               options={"maxiter": budget, "maxfun": 4 * budget + 20,
                                        "gtol": 1e-14, "ftol": 1e-16, "maxcor": 20})
                x0 = res.x
            p = _unflatten(res.x, shapes)
            stopped = "converged" if res.nit < budget else "cap"
        except StopIteration:
            pass
        cfg = final_cfg
        if stop:
            p, stopped = stop[0], "callback"
        epochs_run = it[0]
    final, _ = loss_and_grad(p, cfg, X, ts)
    if not history or history[-1][0] != epochs_run:
        history.append((epochs_run, final))
    return TrainResult(cfg, {k: np.array(v, dtype=np.float64) for k, v in p.items()}, history, final,
                       epochs_run, time.perf_counter() - t0, stopped)


def _with(cfg: TrainConfig, **kw: Any) -> TrainConfig:
    return replace(cfg, **kw)
