"""000-T1 -- train the two-layer MLP autoencoder of 000 and study the learned decoder weights.

Source: 000 (Traonmilin & Newson), end of section 3: "implement such a network (two-layer
MLP), train it, and study the decoder's weights, to verify that the training has indeed
found the correct weights" (Lemma 3.1's z0 = (1/i)_i).

Reading.  The network is f = f_D o f_E with the fixed sum encoder f_E(x) = sum_j x(j) = theta
and f_D(z) = sigma(z w), sigma(u) = [u >= 1], exactly Lemma 3.1's form with free weights w.
It is trained in float64 (numeric.training: logistic surrogate of sigma with annealed
temperature, L-BFGS with the exact gradient), then *certified*: the float weights are
converted explicitly to exact rationals, rounded (limit_denominator), checked exactly on
all n + 1 step functions and, where needed, repaired output by output (exact.certify): the
repair is the feasible point nearest (L1) to the rounded weights with the same activation
pattern, so it moves the trained weights as little as possible (``repair_max_change`` in the
evidence: the largest exact change of a last-layer parameter).

Exact facts used.  For this form, f is admissible iff theta w_i >= 1 exactly for theta >= i
and theta w_i < 1 for theta < i, i.e. iff w_i lies in the box [1/i, 1/(i-1)) (w_1 >= 1).
Invariances: the sum encoder is fixed and the threshold is 1, so no rescaling is free;
z0 is the corner w_i = 1/i of that box.  "Training finds z0" is read as: the certified
learned weights equal z0.

Verdicts (variants): ``threshold/certified`` -- every training run in scope ends, after
exact certification, in an admissible autoencoder (verified; the certificate re-checks each
network); ``threshold/finds-z0`` -- refuted when a certified learned decoder differs from
z0 (the certificate shows an input code where the two decoders differ); ``relu2/certified``
-- the 001 two-layer ReLU decoder (affine encoder z = alpha theta + beta) trained with
L-BFGS and certified by solving W3 exactly with the learned layer-2 pattern; the learned
layer 2 is compared with the handcrafted staircase after canonicalisation (positive
diagonal rescaling |W2_j| = 1, neurons sorted by k_j = b2_j / W2_j).

The helpers here (``exact_params``, ``certify_result``, ``canonical_relu``, ``training_record``)
are shared by the other training claims of 000 and 001.  Every certificate binds each trained
network by SHA-256 together with the recipe that trained it (``training_record``), and the kernel
requires the scope's training parameters (n, seed, epochs, ...) to be the record's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from exact.certify import Certification, certify_relu_autoencoder, certify_threshold_autoencoder, rationalize
from exact.errors import InvalidArgument
from exact.network import Activation, Layer, Network
from exact.scalar import rational_str, to_rational
from exact.slides001 import canonical_form1, decoder_network, handcrafted_decoder
from exact.step_autoencoder import sum_encoder, threshold_decoder
from numeric.formats import parse_formats
from numeric.training import TrainConfig, TrainResult, hard_threshold_outputs, step_matrix, train
from proofs.certificates import bind, network_json
from proofs.claim import claim
from proofs.verdict import Status, Verdict

__all__ = ["check", "report_section", "TrainingRuns", "exact_params", "exact_encoder", "certify_result", "canonical_relu",
           "compare_with_handcrafted", "parse_ints", "step_signal", "training_record"]


# -- shared helpers ---------------------------------------------------------------------------

def parse_ints(text: str) -> list[int]:
    try:
        out = [int(v) for v in str(text).replace(";", ",").split(",") if v.strip()]
    except ValueError:
        raise InvalidArgument(f"expected comma-separated integers, got {text!r}") from None
    if not out:
        raise InvalidArgument("expected at least one integer")
    return out


def exact_params(result: TrainResult, max_denominator: int) -> dict[str, Any]:
    """Every float parameter converted explicitly (exact binary value) and rounded."""
    out: dict[str, Any] = {}
    for k, v in result.params.items():
        a = np.asarray(v, dtype=np.float64)
        conv = [to_rational(float(x), allow_float=True) for x in a.ravel()]
        q = rationalize(conv, max_denominator)
        out[k] = q[0] if a.ndim == 0 else (q if a.ndim == 1 else [q[r * a.shape[1]:(r + 1) * a.shape[1]]
                                                                  for r in range(a.shape[0])])
    return out


def exact_encoder(cfg: TrainConfig, q: dict[str, Any]) -> Network:
    n = cfg.n
    amp = to_rational(str(cfg.amplitude)) if cfg.amplitude != 1.0 else Fraction(1)
    if cfg.encoder == "sum":
        return sum_encoder(n, 1 / amp)
    if cfg.encoder == "affine":
        return sum_encoder(n, q["alpha"] / amp, q["beta"])
    return Network((Layer((tuple(q["wE"]),), (q["bE"],), Activation.IDENTITY),))


def certify_result(result: TrainResult, max_denominator: int = 10**4) -> Certification:
    """Exact certification of a training run on its training thetas."""
    cfg = result.config
    q = exact_params(result, max_denominator)
    enc = exact_encoder(cfg, q)
    if cfg.decoder == "threshold":
        return certify_threshold_autoencoder(enc, q["w"], q.get("c"), 1, thetas=cfg.training_thetas,
                                             free_bias=cfg.decoder_bias, max_denominator=max_denominator)
    amp = to_rational(str(cfg.amplitude)) if cfg.amplitude != 1.0 else 1
    return certify_relu_autoencoder(enc, q["W2"], q["b2"], q["W3"], amplitude=amp, thetas=cfg.training_thetas,
                                    max_denominator=max_denominator)


def _recipe_value(v: Any) -> Any:
    """A training parameter as exact JSON: a float is the rational its decimal text names (1e-05 -> 1/100000)."""
    if isinstance(v, float):
        return Fraction(repr(v))
    return list(v) if isinstance(v, tuple) else v


def training_record(cfg: TrainConfig, network: Any) -> dict:
    """The trained network bound by SHA-256 together with the recipe that produced it.

    ``bind({"network": ..., "training": {every field of cfg}})``: the kernel cannot re-train, so
    its specifications require the scope's training parameters (n, seed, epochs, lr, the training
    thetas, ...) to equal the record's; changing the recipe then changes the hash the verdict
    records.
    """
    recipe = {f: _recipe_value(getattr(cfg, f)) for f in cfg.__dataclass_fields__}
    return bind({"network": network_json(network), "training": recipe})


def canonical_relu(W2, b2, W3) -> dict:
    """Canonical form modulo positive diagonal rescaling and neuron permutation.

    Each neuron j with W2_j != 0 is rescaled by D_j = |W2_j| (W2_j -> sign, b2_j -> -sign k_j...,
    W3[:, j] -> W3[:, j] |W2_j|), then neurons are sorted by (sign, k_j = b2_j / W2_j).
    Works on exact or float entries alike.
    """
    n2 = len(W2)
    items = []
    for j in range(n2):
        w, b = W2[j], b2[j]
        if w == 0:
            items.append((2, 0, 0, [r[j] for r in W3], b))
            continue
        s = 1 if w > 0 else -1
        items.append((0 if s > 0 else 1, b / w, s, [r[j] * abs(w) for r in W3], b / abs(w)))
    items.sort(key=lambda t: (t[0], t[1]))
    return {"sign": [t[2] for t in items], "k": [t[1] for t in items], "b2": [t[4] for t in items],
            "W3": [[t[3][i] for t in items] for i in range(len(W3))]}


def compare_with_handcrafted(cert: Certification) -> tuple[dict, dict]:
    """Distance between a certified ReLU decoder and 001's handcrafted one for the same exact codes.

    The handcrafted decoder is :func:`exact.slides001.handcrafted_decoder` with the canonical
    U3 of form (1) (the slides' rows are theta = n + 1 - i, coordinates reversed).  Both are
    canonicalised (:func:`canonical_relu`); returned: exact breakpoint offsets relative to the
    smallest code gap, the relative Frobenius distance of the canonical W3 (float, evidence),
    the largest free entry |U3| below the staircase of the learned decoder (0 for the
    canonical member), and the handcrafted network (the trained encoder, then the decoder).
    """
    enc, dec = cert.network.split(1)
    n = enc.in_dim
    z = [enc.evaluate(_steps(n, t))[0] for t in range(n + 1)]
    l2, l3 = dec.layers
    W2, b2 = [r[0] for r in l2.weight], list(l2.bias)
    W3 = [list(r) for r in l3.weight]
    hc = handcrafted_decoder([z[n + 1 - i] for i in range(1, n + 1)] + [z[0]], canonical_form1(n), zero_index=n)
    W3h = [list(r) for r in reversed(hc.W3.rows())]
    net_h = enc.then(decoder_network(hc.W2, hc.b2, W3h))
    fails_h = [t for t in range(n + 1) if net_h.evaluate(_steps(n, t)) != _steps(n, t)]
    a, b = canonical_relu(W2, b2, W3), canonical_relu(list(hc.W2), list(hc.b2), W3h)
    gap = min(abs(u - v) for u, v in zip(z, z[1:]))
    same = a["sign"] == b["sign"]
    offs = max(abs(u - v) for u, v in zip(a["k"], b["k"])) / gap if same else None
    fa = np.array([[float(v) for v in r] for r in a["W3"]])
    fb = np.array([[float(v) for v in r] for r in b["W3"]])
    pre = [[sum((wj * ak for wj, ak in zip(row, [max(w * zt + bb, Fraction(0)) for w, bb in zip(W2, b2)])), Fraction(0))
            for row in W3] for zt in z]
    free = max((abs(pre[t][j - 1]) for t in range(n + 1) for j in range(t + 1, n + 1)), default=Fraction(0))
    info = {"handcrafted_admissible": not fails_h, "same_signs": same,
            "breakpoint_offset_over_code_gap": rational_str(offs) if offs is not None else None,
            "breakpoint_offset_float": float(offs) if offs is not None else None,
            "relative_W3_distance": float(np.linalg.norm(fa - fb) / max(np.linalg.norm(fb), 1e-300)) if same else None,
            "max_free_U3_entry": rational_str(free), "max_free_U3_float": float(free),
            "codes": [float(v) for v in z], "breakpoints": [float(-k) for k in a["k"]],
            "handcrafted_breakpoints": [float(-k) for k in b["k"]]}
    return info, net_h


def step_signal(n: int, t: int) -> tuple[Fraction, ...]:
    """x_theta with C = 1: x(j) = 1 for j <= theta, else 0."""
    return tuple(Fraction(1) if j <= t else Fraction(0) for j in range(1, n + 1))


_steps = step_signal


def _checked(status: Status, evidence: dict, count: int) -> dict:
    """A verified certificate states how many instances the kernel enumerates (``checked``)."""
    return {**evidence, "checked": count} if status is Status.VERIFIED else evidence


def _repair_change(c: Certification) -> float | None:
    """Largest |change| of a last-layer parameter made by the exact repair (float of an exact value)."""
    d = c.repair_distance()
    return None if d is None else float(d)


def _z0_distinguisher(n: int, w: list[Fraction]) -> dict | None:
    """An input code z where sigma(z w) differs from sigma(z z0), with both outputs."""
    for i, wi in enumerate(w, start=1):
        if wi != Fraction(1, i) and wi > 0:
            z = min(1 / wi, Fraction(i))  # exactly on the threshold of the larger weight
            dec_w, dec_0 = threshold_decoder(w), threshold_decoder([Fraction(1, k) for k in range(1, n + 1)])
            yw, y0 = dec_w.evaluate([z]), dec_0.evaluate([z])
            if yw != y0:
                return {"z": z, "trained": dec_w, "z0": dec_0, "y_trained": yw, "y_z0": y0, "i": i}
    return None


def _format_admissible(result: TrainResult, fmt: str) -> bool:
    """Does the trained threshold decoder, its float64 weights rounded to ``fmt`` and u = z w computed
    in the format (numeric.formats), output every step function exactly (sigma(u) = [u >= 1])?"""
    from numeric.formats import fmt_affine, fmt_array

    cfg = result.config
    z = step_matrix(cfg.n).sum(axis=1)[:, None]           # the sum encoder's codes theta (integers, exact)
    u = fmt_affine(z, fmt_array(result.params["w"], fmt)[None, :], np.zeros(cfg.n), fmt)
    return bool(np.all((u >= 1.0).astype(np.float64) == step_matrix(cfg.n)))


@dataclass(frozen=True)
class TrainingRuns:
    """000-T1's training runs as a task of :func:`proofs.methods.batched.run_blocks`, one run per block.

    Run ``i`` of ``kind`` "threshold" trains n = ``ns[i // seeds]`` with seed ``i % seeds``; of
    "relu2", n = ``ns[0]`` with seed ``i``.  Each run is trained (float64, its own seed), certified
    exactly and compared, in the worker; the block's ``extra`` holds the run's JSON entry, the
    training record of a certified network, the reason of one not certified, and (threshold) whether
    the certified weights refute "training finds z0" with the code that shows it.  A hit is a run
    whose exact outcome is against the claim's verified variant (not certified, or refuting z0)."""

    kind: str
    ns: tuple[int, ...]
    seeds: int
    epochs: int
    max_denominator: int
    formats: tuple[str, ...] = ("float64",)
    size: int = 1

    @property
    def total(self) -> int:
        return max(0, len(self.ns) * self.seeds if self.kind == "threshold" else self.seeds)

    def run_block(self, seed: int, block: int, count: int | None = None) -> dict:
        out = (_threshold_run if self.kind == "threshold" else _relu_run)(self, block)
        bad = out["not_certified"] is not None or out.get("refutes", False)
        return {"instances": 1, "hits": [block] if bad else [], "counts": {}, "lists": {}, "extra": out}


def _runs(task: TrainingRuns, workers: int, scheduler: Any) -> list[dict]:
    """Every run of ``task`` in order (the blocks' extras), through the search harness."""
    from proofs.methods.batched import run_blocks

    if task.total <= 0:
        return []
    return run_blocks(task, seed=0, max_instances=task.total, workers=workers, scheduler=scheduler,
                      stop_on_hit=False, complete=True).extras


def _threshold_run(task: TrainingRuns, index: int) -> dict:
    n, seed = task.ns[index // task.seeds], index % task.seeds
    cfg = TrainConfig(n=n, decoder="threshold", encoder="sum", epochs=task.epochs, seed=seed)
    r = train(cfg, progress=False)
    float_ok = bool(np.all(hard_threshold_outputs(r) == step_matrix(n)))
    fmt_ok = {f: (float_ok if f == "float64" else _format_admissible(r, f)) for f in task.formats}
    c = certify_result(r, task.max_denominator)
    w = list(c.network.layers[1].weight[i][0] for i in range(n)) if c.certified else None
    in_box = w is not None and all(wi >= Fraction(1, i) and (i == 1 or wi < Fraction(1, i - 1))
                                   for i, wi in enumerate(w, start=1))
    entry = {"n": n, "seed": seed, "final_loss": r.final_loss, "iterations": r.epochs_run,
             "float_admissible": float_ok, "format_admissible": fmt_ok, "outcome": c.outcome, "rounded_failures": c.rounded_failures,
             "repaired_outputs": c.repaired_outputs, "in_exact_box": in_box,
             "repair_max_change": _repair_change(c),
             "w_times_i": [float(wi * i) for i, wi in enumerate(w, start=1)] if w else None,
             "weights": [rational_str(v) for v in w] if w else None,
             "equals_z0": w is not None and all(wi == Fraction(1, i) for i, wi in enumerate(w, start=1)),
             "max_rel_dist_to_z0": max(float(wi * i - 1) for i, wi in enumerate(w, start=1)) if w else None}
    out = {"entry": entry, "record": None, "not_certified": None, "refutes": False, "distinguisher": None}
    if c.certified:
        out["record"] = {"n": n, "seed": seed, "network": training_record(cfg, c.network)}
        if not entry["equals_z0"]:
            d = _z0_distinguisher(n, w)
            out["refutes"] = True
            out["distinguisher"] = None if d is None else {"z": d["z"], "i": d["i"]}
    else:
        out["not_certified"] = {"n": n, "seed": seed, "reason": c.reason}
    return out


def _relu_run(task: TrainingRuns, seed: int) -> dict:
    relu_n = task.ns[0]
    cfg = TrainConfig(n=relu_n, decoder="relu2", encoder="affine", init="spread", epochs=task.epochs, seed=seed)
    r = train(cfg, progress=False)
    c = certify_result(r, task.max_denominator)
    entry = {"seed": seed, "final_loss": r.final_loss, "outcome": c.outcome, "reason": c.reason,
             "repaired_outputs": c.repaired_outputs, "repair_max_change": _repair_change(c)}
    out = {"entry": entry, "record": None, "not_certified": None}
    if c.certified:
        info, net_h = compare_with_handcrafted(c)
        entry.update(info)
        if not info["handcrafted_admissible"]:
            out["not_certified"] = {"seed": seed, "reason": "the handcrafted decoder for the learned codes is not admissible"}
        else:
            out["record"] = {"n": relu_n, "seed": seed, "network": training_record(cfg, c.network),
                             "handcrafted": network_json(net_h)}
    else:
        out["not_certified"] = {"seed": seed, "reason": c.reason}
    return out


#: Texts of this claim's verdicts (scopes, evidence, the source's words) in LaTeX, for the report.
TEXTS_LATEX = {
    ("Implement the two-layer MLP autoencoder (sum encoder, decoder sigma(z w)), train it, and study the decoder's "
     "weights to verify that training finds the correct weights z0 = (1/i)_i."):
        (r"Implement the two-layer MLP autoencoder (sum encoder, decoder $\sigma(z w)$), train it, and study the "
         r"decoder's weights to verify that training finds the correct weights $z_0 = (1/i)_i$."),
    re.compile(r"threshold decoder: n in \[([\d, ]+)\], (\d+) seeds each, L-BFGS <= (\d+) iterations"):
        r"threshold decoder: $n \in \{#1\}$, #2 seeds each, L-BFGS $\le #3$ iterations",
    "w_i in [1/i, 1/(i-1)) for i >= 2, w_1 >= 1 (z0 = lower corner)":
        r"$w_i \in [1/i, 1/(i-1))$ for $i \ge 2$, $w_1 \ge 1$ ($z_0$ = lower corner)",
    "runs equal to z0": r"runs equal to $z_0$",
    ("the certified learned weights lie in the box [1/i, 1/(i-1)) but differ from its corner z0 (w_i = 1/i) at the "
     "coordinate given"):
        (r"the certified learned weights lie in the box $[1/i, 1/(i-1))$ but differ from its corner $z_0$ "
         r"($w_i = 1/i$) at the coordinate given"),
    ("float training, exact certification of W3 with the learned layer-2 pattern (repaired rows: the exactly "
     "admissible row nearest to the rounded one), exact comparison with 001's handcrafted decoder"):
        (r"float training, exact certification of $W_3$ with the learned layer-2 pattern (repaired rows: the exactly "
         r"admissible row nearest to the rounded one), exact comparison with 001's handcrafted decoder"),
    "max_i (w_i i - 1)": r"$\max_i (w_i\, i - 1)$",
    "W3 distance": r"$W_3$ distance",
    "free U3": r"free $U_3$",
}


@claim("000-T1",
       title_latex=r"Training the 000 autoencoder: does it find Lemma 3.1's weights $z_0$?",
       reading_latex=(r"Decoder $\sigma(z\,w)$ with $\sigma(u)=[u\ge 1]$ after the fixed sum encoder; trained with a "
                      r"logistic surrogate (L-BFGS, seeds), certified exactly (rationalise, check, repair per output). "
                      r"Admissible iff $w_i\in[1/i,\,1/(i-1))$; $z_0$ is the corner $w_i=1/i$; no invariance is free "
                      r"here. Also the 001 ReLU decoder, compared with the handcrafted staircase modulo positive "
                      r"rescaling and permutation."),
       variants_latex={"threshold/certified": r"threshold / certified",
                       "threshold/finds-z0": r"threshold / finds $z_0$",
                       "relu2/certified": r"ReLU decoder / certified"},
       latex=r"\text{training } \sigma(z\,w) \text{ after } f_E \text{ finds } w=z_0=(1/i)_{i=1}^{n}",
       title="Training the 000 autoencoder: does it find Lemma 3.1's weights z0?",
       source="000 (Traonmilin & Newson), section 3 (last paragraph)",
       statement=("Implement the two-layer MLP autoencoder (sum encoder, decoder sigma(z w)), train it, and "
                  "study the decoder's weights to verify that training finds the correct weights z0 = (1/i)_i."),
       reading=("Decoder sigma(z w) with sigma(u) = [u >= 1] after the fixed sum encoder; trained with a logistic "
                "surrogate (L-BFGS, seeds), certified exactly (rationalize, check, repair per output). Admissible iff "
                "w_i in [1/i, 1/(i-1)); z0 is the corner w_i = 1/i; no invariance is free here. Also the 001 ReLU "
                "decoder, compared with the handcrafted staircase modulo positive rescaling and permutation."))
def check(*, n_values: str = "4,8,12", seeds: int = 2, epochs: int = 400, max_denominator: int = 10000,
          relu_n: int = 6, relu_seeds: int = 2, float_formats: str = "float64", workers: int = 0,
          scheduler: str = "") -> list[Verdict]:
    """Train, certify and compare with z0 (threshold decoder) and with the staircase (ReLU decoder).

    The training runs are blocks of the search harness (:class:`TrainingRuns`), on ``workers``
    processes (0: every core) or the Dask cluster at ``scheduler``; each run is a function of its
    (n, seed) alone, so the verdicts do not depend on either."""
    formats = parse_formats(float_formats)
    ns = parse_ints(n_values)
    from proofs.methods.batched import resolve_workers

    w, where = resolve_workers(workers, scheduler), scheduler or None
    task = TrainingRuns("threshold", tuple(ns), seeds, epochs, max_denominator, tuple(formats))
    thr = _runs(task, w, where)
    runs = [x["entry"] for x in thr]
    cruns = [x["record"] for x in thr if x["record"] is not None]
    bad = [x["not_certified"] for x in thr if x["not_certified"] is not None]
    cbad = [{"n": b["n"], "seed": b["seed"]} for b in bad]
    refute = next(((x["entry"], x["distinguisher"], x["record"]["network"]) for x in thr if x["refutes"]), None)
    scope = {"description": f"threshold decoder: n in {ns}, {seeds} seeds each, L-BFGS <= {epochs} iterations",
             "n_values": ns, "seeds": seeds, "epochs": epochs, "max_denominator": max_denominator}
    n_float_bad = sum(not e["float_admissible"] for e in runs)
    cross = {"disagreements": [{"n": e["n"], "seed": e["seed"], "float_admissible": e["format_admissible"][f],
                                "exact_rounded_failures": e["rounded_failures"], "format": f}
                               for f in formats for e in runs
                               if (not e["format_admissible"][f]) != bool(e["rounded_failures"])],
             "formats": list(formats), "compared": len(runs) * len(formats),
             "summary": "; ".join(f"{sum(e['format_admissible'][f] for e in runs)}/{len(runs)} trained networks were "
                                  f"admissible in {f} before certification" for f in formats)
                        + f"; exact certification: {sum(e['outcome'] in ('admissible', 'repaired') for e in runs)}"
                        f"/{len(runs)} admissible"}
    st1 = Status.VERIFIED if not bad else Status.INCONCLUSIVE
    verdicts = [check.verdict(
        st1, variant="threshold/certified", scope=scope,
        evidence={"runs": runs, "not_certified": bad,
                  "exact_admissible_set": "w_i in [1/i, 1/(i-1)) for i >= 2, w_1 >= 1 (z0 = lower corner)"},
        crosscheck=cross,
        certificate=check.certificate(st1, variant="threshold/certified",
                                      scope={"n_values": ns, "seeds": seeds, "epochs": epochs},
                                      evidence=_checked(st1, {"runs": cruns, "not_certified": cbad}, len(cruns))))]
    # Does training find z0?
    if refute is not None and refute[1] is not None:
        e, d, record = refute
        cert2 = check.certificate(Status.REFUTED, variant="threshold/finds-z0", scope={"epochs": epochs},
                                  evidence={"n": e["n"], "seed": e["seed"], "code": d["z"], "network": record})
        st2 = Status.REFUTED
        ev2 = {"counterexample": {"n": e["n"], "seed": e["seed"], "learned_weights": e["weights"],
                                  "distinguishing_code": rational_str(d["z"]), "coordinate": d["i"]},
               "runs_equal_to_z0": sum(x["equals_z0"] for x in runs), "runs": len(runs),
               "explanation": "the certified learned weights lie in the box [1/i, 1/(i-1)) but differ from its corner "
                              "z0 (w_i = 1/i) at the coordinate given"}
    else:
        st2 = Status.INCONCLUSIVE
        cert2 = check.certificate(st2, variant="threshold/finds-z0",
                                  scope={"n_values": ns, "seeds": seeds, "epochs": epochs},
                                  evidence={"runs": cruns, "not_certified": cbad})
        ev2 = {"runs_equal_to_z0": sum(x["equals_z0"] for x in runs), "runs": len(runs)}
    verdicts.append(check.verdict(st2, variant="threshold/finds-z0", scope=scope, evidence=ev2,
                                  crosscheck={"disagreements": [], "summary": "exact comparison of certified weights"},
                                  certificate=cert2))
    # The 001 two-layer ReLU decoder.
    rtask = TrainingRuns("relu2", (relu_n,), relu_seeds, epochs, max_denominator, tuple(formats))
    rel = _runs(rtask, w, where)
    rruns = [x["entry"] for x in rel]
    rbad = [x["not_certified"] for x in rel if x["not_certified"] is not None]
    cr_runs = [x["record"] for x in rel if x["record"] is not None]
    cr_bad = [{"n": relu_n, "seed": b["seed"]} for b in rbad]
    st3 = Status.VERIFIED if not rbad else Status.INCONCLUSIVE
    verdicts.append(check.verdict(
        st3, variant="relu2/certified",
        scope={"description": f"ReLU decoder (001), affine encoder, n = {relu_n}, seeds 0..{relu_seeds - 1}, spread init, "
                              "L-BFGS: each run's network certified exactly on all step functions, and 001's handcrafted "
                              "decoder for the same codes checked",
               "n": relu_n, "seeds": relu_seeds},
        evidence={"runs": rruns, "not_certified": rbad},
        crosscheck={"disagreements": [], "summary": "float training, exact certification of W3 with the learned layer-2 "
                                                    "pattern (repaired rows: the exactly admissible row nearest to the "
                                                    "rounded one), exact comparison with 001's handcrafted decoder"},
        certificate=check.certificate(st3, variant="relu2/certified",
                                      scope={"n": relu_n, "seeds": relu_seeds, "epochs": epochs},
                                      evidence=_checked(st3, {"runs": cr_runs, "not_certified": cr_bad},
                                                        len(cr_runs)))))
    return verdicts


def _fmt_change(v) -> str:
    return "-" if v is None else ("0" if v == 0 else f"{v:.2g}")


def report_section(verdicts: list[dict], figdir) -> str:
    from proofs.report.latex import latex_table
    from proofs.report.figures import figure_tex, plt, save_figure

    parts = []
    for v in verdicts:
        if v.get("variant") == "threshold/certified":
            runs = [r for r in v["evidence"]["runs"] if r.get("w_times_i")]
            fig, ax = plt.subplots(figsize=(5.5, 3.2))
            nmax = max(r["n"] for r in runs)
            i = np.arange(1, nmax + 1)
            ax.fill_between(i, np.ones_like(i, dtype=float), np.where(i > 1, i / np.maximum(i - 1, 1), 2.0),
                            color="tab:green", alpha=0.15, label="exact admissible box ($w_i\\,i$)")
            ax.axhline(1.0, color="k", lw=1, label="$z_0$ ($w_i\\,i = 1$)")
            for r in runs:
                ax.plot(range(1, r["n"] + 1), r["w_times_i"], ".-", lw=0.6, ms=3, alpha=0.7)
            ax.set_ylim(0.9, 2.1)
            ax.set_xlabel("$i$")
            ax.set_ylabel("learned $w_i\\,i$ (certified)")
            ax.legend(fontsize=7)
            save_figure(fig, figdir / "t1-weights.pdf")
            parts.append(r"\paragraph{Learned weights against $z_0$.} Each curve is one certified run; $z_0$ "
                         r"is the horizontal line, the admissible set the shaded box $w_i i\in[1, i/(i-1))$."
                         + figure_tex("t1-weights.pdf", r"Certified learned weights $w_i\,i$ against $i$, one curve per "
                                      r"run; $z_0$ gives the constant $1$.", width=r"0.7\linewidth"))
            rows = [(r["n"], r["seed"], "yes" if r["float_admissible"] else "no", r["outcome"],
                     ",".join(map(str, r["repaired_outputs"])) or "-", _fmt_change(r.get("repair_max_change")),
                     f"{r['max_rel_dist_to_z0']:.3f}")
                    for r in v["evidence"]["runs"] if r["max_rel_dist_to_z0"] is not None]
            parts.append(latex_table(["n", "seed", "float admissible", "exact outcome", "repaired outputs",
                                      "repair change", "max_i (w_i i - 1)"], rows))
        if v.get("variant") == "relu2/certified":
            runs = [r for r in v["evidence"]["runs"] if r.get("breakpoints")]
            if not runs:
                continue
            fig, ax = plt.subplots(figsize=(5.5, 3.0))
            for r in runs:
                ax.plot(r["breakpoints"], "o", ms=4, label=f"seed {r['seed']}: learned")
            ax.plot(runs[0]["handcrafted_breakpoints"], "kx", label="001 handcrafted (seed 0 codes)")
            ax.set_xlabel("neuron (canonical order)")
            ax.set_ylabel("breakpoint in code space")
            ax.legend(fontsize=7)
            save_figure(fig, figdir / "t1-relu.pdf")
            rows = [(r["seed"], r["outcome"], _fmt_change(r.get("repair_max_change")),
                     "yes" if r["same_signs"] else "no",
                     "-" if r["breakpoint_offset_float"] is None else f"{r['breakpoint_offset_float']:.3f}",
                     "-" if r["relative_W3_distance"] is None else f"{r['relative_W3_distance']:.3f}",
                     f"{r['max_free_U3_float']:.3g}") for r in runs]
            parts.append(r"\paragraph{ReLU decoder against 001's handcrafted decoder} for the same exact codes, both "
                         r"canonicalised (rescaling $|W_2|=1$, neurons sorted by $k_j$). Breakpoint offset: largest "
                         r"distance between matching breakpoints over the smallest gap between codes; $W_3$ distance: "
                         r"relative Frobenius norm; free $U_3$: largest $|$pre-activation$|$ below the staircase (0 for the "
                         r"canonical handcrafted member). Repair change: largest exact change of a $W_3$ entry made by "
                         r"the certification (the exactly admissible $W_3$ row nearest in $L^1$ to the rounded trained "
                         r"one, same activation pattern).\par\medskip"
                         + latex_table(["seed", "certified", "repair change", "same signs", "breakpoint offset",
                                        "W3 distance", "free U3"], rows)
                         + figure_tex("t1-relu.pdf", r"Breakpoints of the trained ReLU decoders in code space against "
                                      r"001's handcrafted decoder (crosses).", width=r"0.65\linewidth"))
    return "\n".join(parts)
