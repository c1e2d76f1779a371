"""Specifications of the training and research-question claims (000-T1, 000-Q1..Q6, 001-H2, 001-H3).

For each (claim, variant): the claim module's own certificate (small scope) is accepted, and it is
rejected when its status, claim or variant is changed, an evidence key is dropped or added, a scope
parameter no longer fits the evidence, or a witness / bound network is replaced by a wrong one.
"""

import copy
import itertools
from fractions import Fraction

import pytest
from honest_certificates import honest as cached

from numeric.training import TrainConfig
from proofs.certificates import bind, certificate, sha256_json
from proofs.claims.p000.training_t1 import training_record
from proofs.kernel import recheck
from proofs.kernel.specs import p000 as S

H2_RECIPE = TrainConfig(n=4, decoder="relu2", encoder="affine", optimizer="rmsprop", lr=1e-5, epochs=1, seed=0)

STATUSES = ("proved", "verified", "refuted", "inconclusive")


def _build_certs():
    from proofs.claims.p000 import (generalisation_q3, incomplete_database_q2, linear_decoders_q5,
                                    linear_encoders_q4, linearity_regularisation_q6, missing_data_q1, training_t1)
    from proofs.claims.p001 import trained_h2, trained_h3

    out = {}
    for v in training_t1.check(n_values="3,4", seeds=1, epochs=200, relu_n=4, relu_seeds=1):
        out["T1 " + v.variant] = v.certificate
    for v in missing_data_q1.check(n_max=3, n_cert=0, relu_n_max=3, relu_subsets_n=2):
        out["Q1 " + v.variant] = v.certificate
    out["Q2"] = incomplete_database_q2.check(n_max=4, relu_n_max=3, train_n=3, epochs=50).certificate
    for v in generalisation_q3.check(n=6, fractions="0.3", subsets=2, epochs=150, relu_n=4, relu_subsets=2):
        out["Q3 " + v.variant] = v.certificate
    out["Q4"] = linear_encoders_q4.check(n_max=4, seeds=0).certificate
    out["Q5"] = linear_decoders_q5.check(n_max=4, seeds=0).certificate
    for v in linearity_regularisation_q6.check(n=5, seeds=1, epochs=200):
        out["Q6 " + v.variant] = v.certificate
    for v in trained_h2.check(runs="4x1", epochs=1):
        out["H2 " + v.variant] = v.certificate
    for v in trained_h3.check(runs="3x2", epochs=50):
        out["H3 " + v.variant] = v.certificate
    # verified: a certified network of the recipe's form (here 000-T1's, the kernel cannot tell how it
    # was trained: that is what the hash binds, with the recipe recorded); exact MSE 0
    run = out["T1 relu2/certified"]["evidence"]["runs"][0]
    rec = training_record(H2_RECIPE, run["network"]["value"]["network"])
    scope = {"runs": [[4, 1, 1]], "lr": "1/100000"}
    out["H2 mse verified"] = certificate("001-H2", "verified", variant="mse", scope=scope,
                                         evidence={"runs": [{"n": 4, "seed": 0, "network": rec, "mse": "0"}], "checked": 1})
    out["H2 admissible verified"] = certificate("001-H2", "verified", variant="admissible", scope=scope,
                                                evidence={"runs": [{"n": 4, "seed": 0, "network": rec}], "checked": 1})
    # refuted: the same rounded (not admissible) network, as if trained for the slides' full budget
    for name in ("H2", "H3"):
        for variant in ("mse", "admissible"):
            c = out["%s %s" % (name, variant)]
            full = copy.deepcopy(c)
            full["status"] = "refuted"
            full["scope"]["runs"] = [[n, s, 2500000] for n, s, _ in full["scope"]["runs"]]
            ev = full["evidence"]
            if variant == "mse":
                worst = max(ev["runs"], key=lambda r: Fraction(r["mse"]))
                ev = {k: worst[k] for k in ("n", "seed", "network", "mse")}
            ev["network"] = bind({"network": ev["network"]["value"]["network"],
                                  "training": dict(ev["network"]["value"]["training"], epochs=2500000)})
            full["evidence"] = ev
            out["%s %s refuted" % (name, variant)] = full
    return out


@pytest.fixture(scope="module")
def certs():
    return cached("p000 training", _build_certs)


def _ok(cert):
    return recheck(cert)[0]


def _with(cert, where, **changes):
    c = copy.deepcopy(cert)
    c[where].update(changes)
    return c


def _same_record(record, net):
    """Another network bound with the same training record (re-hashed): only the network is wrong."""
    return bind({"network": net, "training": record["value"]["training"]})


def _threshold_net(w, n, bias=None):
    return {"layers": [{"weight": [["1"] * n], "bias": ["0"], "activation": "identity"},
                       {"weight": [[str(v)] for v in w], "bias": [str(v) for v in (bias or [0] * n)],
                        "activation": "hard_threshold", "threshold": "1"}]}


H_NAMES = ["H2 mse", "H2 admissible", "H3 mse", "H3 admissible", "H2 mse verified", "H2 admissible verified",
           "H2 mse refuted", "H2 admissible refuted", "H3 mse refuted", "H3 admissible refuted"]
NAMES = ["T1 threshold/certified", "T1 threshold/finds-z0", "T1 relu2/certified", "Q1 threshold", "Q1 relu2", "Q2",
         "Q3 threshold", "Q3 relu2", "Q4", "Q5", "Q6 architecture", "Q6 regulariser"] + H_NAMES


@pytest.mark.parametrize("name", NAMES)
def test_honest_certificate_accepted(certs, name):
    ok, msg = recheck(certs[name])
    assert ok, msg


@pytest.mark.parametrize("name", NAMES)
def test_generic_tampering_rejected(certs, name):
    cert = certs[name]
    for st in STATUSES:
        if st != cert["status"]:
            c = dict(cert, status=st)
            if st == "proved":
                c["argument"] = []
            assert not _ok(c), (name, st)
    assert not _ok(dict(cert, claim="000-L3.1"))
    assert not _ok(dict(cert, claim="000-Q7"))
    assert not _ok(dict(cert, variant="threshold" if cert["variant"] != "threshold" else "relu2"))
    for key in cert["evidence"]:
        ev = {k: v for k, v in cert["evidence"].items() if k != key}
        assert not _ok(dict(cert, evidence=ev)), (name, "drop", key)
    assert not _ok(_with(cert, "evidence", extra=1))
    if "checked" in cert["evidence"]:
        assert not _ok(_with(cert, "evidence", checked=cert["evidence"]["checked"] + 1))


SCOPE_CHANGES = {
    "T1 threshold/certified": {"seeds": 2}, "T1 relu2/certified": {"seeds": 2}, "Q1 threshold": {"n_max": 4},
    "Q1 relu2": {"relu_n_max": 4}, "Q2": {"n_max": 5}, "Q3 threshold": {"subsets": 3}, "Q3 relu2": {"subsets": 1},
    "Q4": {"n_max": 3}, "Q5": {"n_max": 5}, "Q6 architecture": {"seeds": 2}, "Q6 regulariser": {"seeds": 2},
    **{name: {"runs": [[5, 1, 1]]} for name in H_NAMES}, "H3 mse": {"runs": [[3, 1, 50]]},
    "H3 admissible": {"runs": [[4, 2, 50]]},
}


@pytest.mark.parametrize("name", sorted(SCOPE_CHANGES))
def test_scope_that_no_longer_fits_rejected(certs, name):
    assert not _ok(_with(certs[name], "scope", **SCOPE_CHANGES[name]))


def test_t1_wrong_witnesses_rejected(certs):
    c = certs["T1 threshold/certified"]
    bad = copy.deepcopy(c)
    bad["evidence"]["runs"][0]["network"] = _same_record(c["evidence"]["runs"][0]["network"],
                                                         _threshold_net(["1/2"] * 3, 3))    # not admissible
    assert "not admissible" in recheck(bad)[1] or "wrongly" in recheck(bad)[1]
    assert not _ok(bad)
    bad = copy.deepcopy(c)
    bad["evidence"]["runs"][0]["network"]["value"]["network"]["layers"][1]["weight"][0] = ["2"]   # hash no longer matches
    assert not _ok(bad)
    z = certs["T1 threshold/finds-z0"]
    assert not _ok(_with(z, "evidence", code="0"))                                     # both decoders give 0
    z0 = _same_record(z["evidence"]["network"],
                      _threshold_net([Fraction(1, i) for i in range(1, z["evidence"]["n"] + 1)], z["evidence"]["n"]))
    assert not _ok(_with(z, "evidence", network=z0))                                   # z0 itself: never differs
    r = copy.deepcopy(certs["T1 relu2/certified"])
    r["evidence"]["runs"][0]["handcrafted"]["layers"][2]["weight"][0] = ["0"] * 4      # output 1 always 0
    assert not _ok(r)


def test_q1_counterexamples_must_fail_the_statement(certs):
    ok = certificate("000-Q1", "refuted", variant="threshold", scope={}, evidence={"n": 3, "S": [0, 3], "theta": 1, "i": 2})
    assert not _ok(ok)          # the formula holds there: not a counterexample
    r = copy.deepcopy(certs["Q1 relu2"])
    ans = next(a for c in r["evidence"]["cases"] for a in c["outputs"] if a["kind"] == "right")
    ans["no_deviation"][0]["y_strict"] = ["0" for _ in ans["no_deviation"][0]["y_strict"]]
    assert not _ok(r)
    r = copy.deepcopy(certs["Q1 relu2"])
    for ans in (a for c in r["evidence"]["cases"] for a in c["outputs"] if a["kind"] == "unbounded"):
        ans["point"] = ["1000" for _ in ans["point"]]                 # not admissible on the present data
    assert not _ok(r)
    # a staircase "counterexample" that is the true answer (unbounded at theta = 1 with S = {0}) is no refutation
    first = certs["Q1 relu2"]["evidence"]["cases"][1]["outputs"][0]   # staircase, n = 1, S = [0], theta = 1
    fake = certificate("000-Q1", "refuted", variant="relu2", scope={},
                       evidence={"n": 1, "S": [0], "theta": 1, "output": 1, "answer": first})
    assert not _ok(fake)


def test_q2_q4_q5_constructions_are_rebuilt(certs):
    q2 = copy.deepcopy(certs["Q2"])
    q2["evidence"]["relu_W3"][0] = [["0"]]
    assert not _ok(q2)
    assert not _ok(_with(certs["Q4"], "scope", pairs=[["0", "1"]]))
    assert not _ok(_with(certs["Q4"], "scope", pairs=[["1", "0"], ["1", "0"]]))   # count no longer fits


def test_q3_runs_rechecked(certs):
    c = copy.deepcopy(certs["Q3 threshold"])
    c["evidence"]["runs"][0]["network"] = _same_record(c["evidence"]["runs"][0]["network"], _threshold_net(["1/2"] * 6, 6))
    assert not _ok(c)
    c = copy.deepcopy(certs["Q3 threshold"])
    m = c["evidence"]["runs"][0]["missing"]
    c["evidence"]["runs"][0]["missing"] = m[:-1]                       # a missing set of the wrong size
    assert not _ok(c)
    z0 = _threshold_net([Fraction(1, i) for i in range(1, 7)], 6)
    fake = certificate("000-Q3", "refuted", variant="threshold", scope={"n": 6}, evidence={"missing": [2], "network": z0})
    assert not _ok(fake)                                               # 0 wrong coordinates: within the bound
    r = copy.deepcopy(certs["Q3 relu2"])
    run = next(x for x in r["evidence"]["runs"] if x["certified"])
    ans = run["cases"][0]["outputs"][0]
    key = next(k for k in ("ray", "point") if k in ans)
    ans[key] = ["0" for _ in ans[key]]
    assert not _ok(r)


def test_q6_and_h_runs_rechecked(certs):
    reg = copy.deepcopy(certs["Q6 regulariser"])
    run = reg["evidence"]["runs"][0]
    run["plain"], run["regularised"] = run["regularised"], run["plain"]
    assert not _ok(reg)
    arch = copy.deepcopy(certs["Q6 architecture"])
    arch["evidence"]["runs"][0]["network"] = certs["T1 relu2/certified"]["evidence"]["runs"][0]["network"]
    assert not _ok(arch)                                               # n = 4 network for an n = 5 run
    for name in ("H2 admissible", "H3 admissible refuted"):
        h = copy.deepcopy(certs[name])
        h["evidence"]["infeasible"][0]["y"] = ["0" for _ in h["evidence"]["infeasible"][0]["y"]]
        assert not _ok(h), name
    v = copy.deepcopy(certs["H2 admissible verified"])
    v["evidence"]["runs"][0]["network"] = certs["H2 admissible"]["evidence"]["network"]
    assert not _ok(v)                                                  # the rounded (not admissible) network
    v = copy.deepcopy(certs["H2 mse verified"])
    v["evidence"]["runs"][0]["network"] = certs["H2 admissible"]["evidence"]["network"]
    ok, msg = recheck(v)                                               # ... its exact MSE is not 0
    assert not ok and "is not the network's exact MSE" in msg
    v["evidence"]["runs"][0]["mse"] = certs["H2 mse"]["evidence"]["runs"][0]["mse"]
    ok, msg = recheck(v)                                               # ... and above 1e-5
    assert not ok and "exact MSE above 1e-5" in msg


def test_h_refutations_need_the_full_budget_and_a_failing_run(certs):
    for name in ("H2 mse", "H3 mse", "H2 admissible", "H3 admissible"):
        assert not _ok(dict(certs[name], status="refuted"))
        ok, msg = recheck(dict(certs[name + " refuted"], status="inconclusive"))
        assert not ok, (name, msg)
        short = copy.deepcopy(certs[name + " refuted"])            # the same failing run, below the full budget
        short["scope"]["runs"] = [[n, s, 2499999] for n, s, _ in short["scope"]["runs"]]
        short["evidence"]["network"] = bind({"network": short["evidence"]["network"]["value"]["network"],
                                             "training": dict(short["evidence"]["network"]["value"]["training"],
                                                              epochs=2499999)})
        ok, msg = recheck(short)
        assert not ok and ("refutes nothing" in msg or "full budget" in msg), (name, msg)
    r = copy.deepcopy(certs["H2 mse refuted"])
    r["evidence"]["network"] = _same_record(r["evidence"]["network"],
                                            certs["T1 relu2/certified"]["evidence"]["runs"][0]["network"]["value"]["network"])
    r["evidence"]["mse"] = "0"
    ok, msg = recheck(r)
    assert not ok and "meets MSE <= 1e-5" in msg                       # an admissible network refutes nothing
    r = copy.deepcopy(certs["H3 mse refuted"])
    r["evidence"]["seed"] = 7
    assert not _ok(r)                                                  # not a run of the scope


def test_pieces_find_every_kink():
    from proofs.kernel import core as K

    net = K.Net([([[Fraction(1)], [Fraction(-1)]], [Fraction(-1, 2), Fraction(1, 3)], "relu", Fraction(0)),
                 ([[Fraction(1), Fraction(1)]], [Fraction(-1)], "relu", Fraction(0))])
    pts = S._pieces(net, Fraction(0), Fraction(2))
    assert pts == [0, Fraction(1, 3), Fraction(1, 2), Fraction(3, 2), 2]
    for a, b in zip(pts, pts[1:]):   # affine on each piece: the midpoint is the mean of the ends
        mid = K.run(net, [(a + b) / 2])[0]
        assert mid == (K.run(net, [a])[0] + K.run(net, [b])[0]) / 2


# -- the training record is bound with the trained network --------------------------------------------
TRAINED = ["T1 threshold/certified", "T1 threshold/finds-z0", "T1 relu2/certified", "Q3 threshold", "Q3 relu2",
           "Q6 architecture", "Q6 regulariser"] + H_NAMES


def _records(cert):
    """The bound training records of a certificate: (path, {"sha256", "value"})."""
    ev = cert["evidence"]
    if "runs" not in ev:
        return [(("network",), ev["network"])] if "network" in ev else [((k,), ev[k]) for k in ("plain", "regularised")]
    return [(("runs", i, k), r[k]) for i, r in enumerate(ev["runs"]) for k in ("network", "plain", "regularised")
            if k in r]


@pytest.mark.parametrize("name", TRAINED)
def test_every_trained_network_is_bound_with_its_training_record(certs, name):
    cert = certs[name]
    recs = _records(cert)
    assert recs, name
    for _, rec in recs:
        assert set(rec["value"]) == {"network", "training"}
        t = rec["value"]["training"]
        want = cert["scope"]["epochs"] if "epochs" in cert["scope"] else next(
            e for n, _, e in cert["scope"]["runs"] if n == t["n"])
        assert t["epochs"] == want and {"n", "seed", "lr", "optimizer", "thetas"} <= set(t)


@pytest.mark.parametrize("name", TRAINED)
def test_scope_epochs_changed_rejected(certs, name):
    cert = certs[name]
    runs = cert["scope"].get("runs")
    e = cert["scope"]["epochs"] if runs is None else runs[0][2]
    for epochs in [e + 1, e * 2, 2500000 if e != 2500000 else 1] + ([e - 1, e // 2] if e > 2 else []):
        if runs is None:
            changed = _with(cert, "scope", epochs=epochs)
        else:   # 001-H2 / H3: each n of the scope has its own budget
            changed = _with(cert, "scope", runs=[[n, s, epochs] for n, s, _ in runs])
        ok, msg = recheck(changed)
        assert not ok and "trained with epochs" in msg, (name, epochs, msg)


@pytest.mark.parametrize("name", H_NAMES)
def test_h_scope_training_parameters_changed_rejected(certs, name):
    cert = certs[name]
    runs = cert["scope"]["runs"]
    n0, s0, e0 = runs[0]
    changes = [("lr", "1/10000" if cert["scope"]["lr"] != "1/10000" else "1/100000"), ("lr", "1"),
               ("runs", [[n0 + 1, s0, e0]]), ("runs", [runs[0], runs[0]]), ("runs", []), ("runs", [[n0, s0]]),
               ("runs", [[n0, s0, e0 + 1]]), ("runs", [[n0, s0, 0]])]
    if "runs" not in cert["evidence"]:   # one failing run: every scope containing it, none without it
        ev = cert["evidence"]
        changes += [("runs", [[ev["n"], ev["seed"], e0]]), ("runs", [[ev["n"] + 1, ev["seed"] + 1, e0]])]
    else:                                # verified / inconclusive: exactly the runs of the scope
        changes += [("runs", [[n0, s0 + 1, e0]]), ("runs", runs + [[n0 + 1, 1, e0]])]
    for key, val in changes:
        assert not _ok(_with(cert, "scope", **{key: val})), (name, key, val)


def _rebound(cert, path, **training):
    """The certificate with the training record at path changed and re-hashed."""
    c = copy.deepcopy(cert)
    holder = c["evidence"]
    for k in path[:-1]:
        holder = holder[k]
    value = holder[path[-1]]["value"]
    value["training"].update(training)
    holder[path[-1]] = {"sha256": sha256_json(value), "value": value}
    return c


@pytest.mark.parametrize("name", TRAINED)
def test_a_changed_record_fails_the_scope_or_changes_the_hash(certs, name):
    cert = certs[name]
    path, rec = _records(cert)[0]
    epochs = rec["value"]["training"]["epochs"] + 7
    changed = _rebound(cert, path, epochs=epochs)
    assert not _ok(changed)                                                    # the scope no longer matches
    if len(_records(cert)) == 1:                                               # one run: the scope can follow
        both = _with(changed, "scope", **({"epochs": epochs} if "runs" not in cert["scope"] else
                                          {"runs": [[n, s, epochs] for n, s, _ in cert["scope"]["runs"]]}))
        assert _ok(both)                                                       # a record of another run: valid,
        assert sha256_json(both) != sha256_json(cert)                          # but its hash is another one
        new = both["evidence"]
        for k in path:
            new = new[k]
        assert new["sha256"] != rec["sha256"]
    bad = copy.deepcopy(cert)                                                  # edited without re-hashing
    holder = bad["evidence"]
    for k in path:
        holder = holder[k]
    holder["value"]["training"]["epochs"] = epochs
    assert not _ok(bad)


def test_runs_relabelled_or_swapped_rejected(certs):
    t1 = copy.deepcopy(certs["T1 threshold/certified"])
    r0, r1 = t1["evidence"]["runs"][:2]
    assert (r0["n"], r1["n"]) == (3, 4)
    r0["seed"] = 1                                                             # seed 1 of n = 3 was not run
    assert not _ok(t1)
    q3 = copy.deepcopy(certs["Q3 threshold"])
    runs = [r for r in q3["evidence"]["runs"] if r["certified"]]
    if len(runs) >= 2 and runs[0]["missing"] != runs[1]["missing"]:
        runs[0]["missing"], runs[1]["missing"] = runs[1]["missing"], runs[0]["missing"]   # trained on another S
        assert not _ok(q3)
    q3 = copy.deepcopy(certs["Q3 relu2"])
    q3["evidence"]["runs"][0]["missing"] = [t for t in range(5) if t not in q3["evidence"]["runs"][0]["missing"]][
        :len(q3["evidence"]["runs"][0]["missing"])]
    assert not _ok(q3)
    for weight in ("1/2", "2", 0):
        assert not _ok(_with(certs["Q6 regulariser"], "scope", weight=weight))
    reg = copy.deepcopy(certs["Q6 regulariser"])
    if reg["evidence"]["runs"]:
        reg["evidence"]["runs"][0]["seed"] = 5
        assert not _ok(reg)


# == Hand-built certificates: every branch, status and boundary of the specifications ===========
# Small networks bound with a training record written here (the kernel cannot tell how a network
# was trained: the record is what the scope is compared with).  Each rejection is asserted at the
# check that must make it (its reason), so that a specification that rejects for another reason,
# or accepts, fails the test.
def _accepted(cert):
    ok, msg = recheck(cert)
    assert ok, msg


def _rejected(cert, *texts):
    ok, msg = recheck(cert)
    assert not ok, msg
    for t in texts:
        assert t in msg, (t, msg)


def _q(v):
    return str(Fraction(v))


def _z0(n):
    return [Fraction(1, i) for i in range(1, n + 1)]


def _thr(w, n=None, u=None, b=0, c=None):
    """sigma(z w + c), sigma(u) = [u >= 1], after the encoder z = u.x + b (default: the sum encoder)."""
    n = len(w) if n is None else n
    return {"layers": [{"weight": [[_q(v) for v in (u or [1] * n)]], "bias": [_q(b)], "activation": "identity"},
                       {"weight": [[_q(v)] for v in w], "bias": [_q(v) for v in (c or [0] * len(w))],
                        "activation": "hard_threshold", "threshold": "1"}]}


def _relu(u, b, W2, b2, W3):
    """ReLU(W3 ReLU(W2 z + b2)) after z = u.x + b."""
    return {"layers": [{"weight": [[_q(v) for v in u]], "bias": [_q(b)], "activation": "identity"},
                       {"weight": [[_q(v)] for v in W2], "bias": [_q(v) for v in b2], "activation": "relu"},
                       {"weight": [[_q(v) for v in r] for r in W3], "bias": ["0"] * len(W3), "activation": "relu"}]}


def _rec(net, **training):
    return bind({"network": net, "training": training})


def _t1_thr(n, seed, epochs=0, net=None, over=None):
    rec = dict(n=n, seed=seed, epochs=epochs, encoder="sum", decoder="threshold")
    rec.update(over or {})
    return {"n": n, "seed": seed, "network": _rec(net or _thr(_z0(n)), **rec)}


def _t1(variant, status, ns, seeds, runs, bad=(), epochs=0, **extra):
    ev = {"runs": runs, "not_certified": [{"n": n, "seed": s} for n, s in bad]}
    ev.update(extra)
    return certificate("000-T1", status, variant=variant, scope={"n_values": list(ns), "seeds": seeds, "epochs": epochs},
                       evidence=ev)


def test_t1_threshold_certified_hand_built():
    runs = [_t1_thr(1, 0), _t1_thr(2, 0)]
    _accepted(_t1("threshold/certified", "verified", [1, 2], 1, runs, checked=2))
    _accepted(_t1("threshold/certified", "verified", [1], 1, runs[:1], checked=1))        # one n, n = 1
    _accepted(_t1("threshold/certified", "inconclusive", [1, 2], 1, runs[1:], bad=[(1, 0)]))
    _rejected(_t1("threshold/certified", "verified", [1, 2], 1, runs[1:], bad=[(1, 0)], checked=2),
              "inconclusive iff")
    _rejected(_t1("threshold/certified", "inconclusive", [1, 2], 1, runs), "inconclusive iff")
    _rejected(_t1("threshold/certified", "verified", [1], 0, [], checked=0), "seeds: 0 is outside [1, inf]")
    _rejected(_t1("threshold/certified", "verified", [1001], 1, [], checked=1), "n_values: 1001 is outside [1, 1000]")
    _rejected(_t1("threshold/certified", "verified", [0], 1, [], checked=1), "n_values: 0 is outside [1, 1000]")
    _rejected(_t1("threshold/certified", "verified", [], 1, [], checked=0), "n_values: 0 entries (expected 1..100)")
    _rejected(_t1("threshold/certified", "verified", list(range(1, 102)), 1, [], checked=0),
              "n_values: 101 entries (expected 1..100)")
    _rejected(_t1("threshold/certified", "verified", [1, 1], 1, runs[:1] * 2, checked=2), "repeats")
    # the run's own n and the not-certified n are read as n >= 1
    zero = _t1("threshold/certified", "verified", [1], 1, [dict(runs[0], n=0)], checked=1)
    _rejected(zero, "runs[0].n: 0 is outside [1, inf]")
    zero = _t1("threshold/certified", "inconclusive", [1], 1, [], bad=[(0, 0)])
    _rejected(zero, "not_certified[0].n: 0 is outside [1, inf]")


def test_training_record_must_be_the_statement_s():
    """A record that differs from the scope or the statement in any field the spec names is rejected there."""
    for field, value in (("n", 2), ("seed", 1), ("epochs", 1), ("encoder", "linear"), ("decoder", "relu2")):
        run = _t1_thr(1, 0, over={field: value})
        _rejected(_t1("threshold/certified", "verified", [1], 1, [run], checked=1), "trained with %s" % field)
    # a run of seed 1 listed as seed 0 (the record says seed 1): the record decides
    run = dict(_t1_thr(1, 1), seed=0)
    _rejected(_t1("threshold/certified", "verified", [1], 1, [run], checked=1), "trained with seed")


def test_the_sum_encoder_is_required():
    """sigma(z w) after z = 2 sum_j x(j) with w = z0 / 2 is admissible, but not Lemma 3.1's class."""
    net = _thr([v / 2 for v in _z0(2)], u=[2, 2])
    _rejected(_t1("threshold/certified", "verified", [2], 1, [_t1_thr(2, 0, net=net)], checked=1),
              "not the sum encoder")
    _rejected(_t1("threshold/finds-z0", "inconclusive", [2], 1, [_t1_thr(2, 0, net=net)]), "not the sum encoder")
    ev = {"n": 2, "seed": 0, "network": _t1_thr(2, 0, net=net)["network"], "code": "1/2"}
    _rejected(certificate("000-T1", "refuted", variant="threshold/finds-z0", scope={"epochs": 0}, evidence=ev),
              "not the sum encoder")


def _z0_refuted(n, net, code, epochs=0, rec=None):
    run = _t1_thr(n, 0, epochs=epochs, net=net, over=rec)
    return certificate("000-T1", "refuted", variant="threshold/finds-z0", scope={"epochs": epochs},
                       evidence={"n": n, "seed": 0, "network": run["network"], "code": code})


def test_t1_finds_z0_hand_built():
    # inconclusive: every run certified with w = z0 exactly
    _accepted(_t1("threshold/finds-z0", "inconclusive", [1, 2], 1, [_t1_thr(1, 0), _t1_thr(2, 0)]))
    _accepted(_t1("threshold/finds-z0", "inconclusive", [1], 1, [_t1_thr(1, 0)]))
    other = _thr([1, Fraction(3, 5)])                           # admissible, w_2 = 3/5 != 1/2
    _rejected(_t1("threshold/finds-z0", "inconclusive", [1, 2], 1, [_t1_thr(1, 0), _t1_thr(2, 0, net=other)]),
              "differ from z0")
    _rejected(_t1("threshold/finds-z0", "inconclusive", [1001], 1, []), "n_values: 1001 is outside [1, 1000]")
    _rejected(_t1("threshold/finds-z0", "inconclusive", [0], 1, []), "n_values: 0 is outside [1, 1000]")
    _rejected(_t1("threshold/finds-z0", "inconclusive", [], 1, []), "n_values: 0 entries (expected 1..100)")
    _rejected(_t1("threshold/finds-z0", "inconclusive", list(range(1, 102)), 1, []), "101 entries (expected 1..100)")
    _rejected(_t1("threshold/finds-z0", "inconclusive", [1], 0, []), "seeds: 0 is outside [1, inf]")
    # refuted: a certified network other than z0 and a code where the two decoders differ
    _accepted(_z0_refuted(1, _thr([2]), "1/2"))                  # n = 1, w = 2: fires at z = 1/2, z0 does not
    _accepted(_z0_refuted(2, other, "5/3"))                      # 5/3 * 3/5 = 1 >= 1, 5/3 < 2
    _rejected(_z0_refuted(2, other, "1"), "sigma(z w) = sigma(z z0) at the code z = 1")
    _rejected(_z0_refuted(2, _thr(_z0(2)), "1"), "sigma(z w) = sigma(z z0) at the code z = 1")   # z = i: both fire
    _rejected(_z0_refuted(2, _thr(_z0(2)), "2"), "sigma(z w) = sigma(z z0) at the code z = 2")
    _rejected(_z0_refuted(1, _thr(["1/2"]), "3"), "not admissible")
    n = 41                                                       # within the bound n <= 10^4
    _accepted(_z0_refuted(n, _thr([2] + _z0(n)[1:]), "1/2"))
    too_big = _z0_refuted(1, _thr([2]), "1/2")
    too_big["evidence"]["n"] = 10001
    _rejected(too_big, "evidence.n: 10001 is outside [1, 10000]")
    too_big["evidence"]["n"] = 0
    _rejected(too_big, "evidence.n: 0 is outside [1, 10000]")
    for field, value in (("n", 2), ("seed", 1), ("encoder", "linear"), ("decoder", "relu2"), ("epochs", 3)):
        _rejected(_z0_refuted(1, _thr([2]), "1/2", rec={field: value}), "trained with %s" % field)


# -- the two-layer ReLU decoder: 000-T1 relu2, 000-Q6 architecture, 001-H2 / H3 -------------------
ID1 = _relu([1], 0, [1], [0], [[1]])                                     # n = 1: z = theta, out = ReLU(ReLU(z))
ID2 = _relu([1, 1], 0, [1, 1], [0, -1], [[1, -1], [0, 1]])                # n = 2: ReLU(z) - ReLU(z - 1), ReLU(z - 1)
SKEW2 = _relu([2, 1], 0, [1, 1], [0, -2], [["1/2", "-1/2"], [0, 1]])      # n = 2, z = 2 x(1) + x(2): not affine in theta


def _relu_run(n, seed, net, epochs=0, over=None, **fields):
    rec = dict(n=n, seed=seed, epochs=epochs, encoder="affine", decoder="relu2", init="spread")
    rec.update(over or {})
    return dict({"n": n, "seed": seed, "network": _rec(net, **rec)}, **fields)


def _arch(status, n, seeds, runs, bad=(), **extra):
    ev = dict({"runs": runs, "not_certified": [{"n": n, "seed": s} for s in bad]}, **extra)
    return certificate("000-Q6", status, variant="architecture", scope={"n": n, "seeds": seeds, "epochs": 0}, evidence=ev)


def test_relu2_runs_hand_built():
    _accepted(_arch("verified", 1, 1, [_relu_run(1, 0, ID1)], checked=1))
    _accepted(_arch("verified", 2, 2, [_relu_run(2, 0, ID2), _relu_run(2, 1, ID2)], checked=2))
    _accepted(_arch("inconclusive", 2, 2, [_relu_run(2, 1, ID2)], bad=[0]))
    _rejected(_arch("verified", 2, 1, [_relu_run(2, 0, SKEW2)], checked=1), "not the affine encoder")
    _rejected(_arch("verified", 0, 1, [], checked=1), "scope.n: 0 is outside [1, inf]")
    _rejected(_arch("verified", 1, 0, [], checked=0), "scope.seeds: 0 is outside [1, inf]")
    for field, value in (("init", "random"), ("decoder", "threshold"), ("encoder", "linear"), ("n", 3), ("seed", 1)):
        _rejected(_arch("verified", 1, 1, [_relu_run(1, 0, ID1, over={field: value})], checked=1),
                  "trained with %s" % field)
    t1 = certificate("000-T1", "verified", variant="relu2/certified", scope={"n": 2, "seeds": 1, "epochs": 0},
                     evidence={"runs": [_relu_run(2, 0, ID2, handcrafted=ID2)], "not_certified": [], "checked": 1})
    _accepted(t1)
    t1["evidence"]["runs"][0]["network"] = _relu_run(2, 0, ID2, over={"init": "random"})["network"]
    _rejected(t1, "trained with init")


def _h(claim, variant, status, n, net, lr="1/100000", epochs=1, seed=0, seeds=1, over=None, mse=None, **extra):
    rec = dict(n=n, lr=lr, epochs=epochs, seed=seed, optimizer="rmsprop", decoder="relu2",
               encoder="affine" if claim == "001-H2" else "linear")
    rec.update(over or {})
    run = {"n": n, "seed": seed, "network": _rec(net, **rec)}
    if variant == "mse":
        run["mse"] = mse if mse is not None else "0"
    scope = {"runs": [[n, seeds, epochs]], "lr": lr}
    if status == "verified" or (variant == "mse" and status == "inconclusive"):
        return certificate(claim, status, variant=variant, scope=scope, evidence=dict({"runs": [run]}, **extra))
    return certificate(claim, status, variant=variant, scope=scope, evidence=dict(run, **extra))


def test_recipe_runs_hand_built():
    broken = _relu([1], 0, [1], [0], [[2]])                              # outputs 2 at theta = 1: MSE 1/2
    for claim in ("001-H2", "001-H3"):
        for variant in ("mse", "admissible"):
            _accepted(_h(claim, variant, "verified", 1, ID1, checked=1))
            _accepted(_h(claim, variant, "verified", 2, ID2, checked=1))
            for field, value in (("n", 2), ("lr", "1/10"), ("epochs", 2), ("seed", 1), ("optimizer", "lbfgs"),
                                 ("decoder", "threshold"), ("encoder", "sum")):
                _rejected(_h(claim, variant, "verified", 1, ID1, over={field: value}, checked=1), "trained with %s" % field)
            _rejected(_h(claim, variant, "verified", 1, ID1, epochs=0, checked=1), "scope.runs[0][2]: 0 is outside [1, inf]")
            _rejected(_h(claim, variant, "verified", 0, ID1, checked=1), "scope.runs[0][0]: 0 is outside [1, 64]")
            _rejected(_h(claim, variant, "verified", 65, ID1, checked=1), "scope.runs[0][0]: 65 is outside [1, 64]")
        _rejected(_h(claim, "mse", "verified", 1, broken, mse="1/2", checked=1), "exact MSE above 1e-5")
        _rejected(_h(claim, "mse", "verified", 1, broken, checked=1), "is not the network's exact MSE")
        _accepted(_h(claim, "mse", "inconclusive", 1, broken, mse="1/2"))
        _rejected(_h(claim, "mse", "refuted", 1, broken, mse="1/2"), "refutes nothing")
        _accepted(_h(claim, "mse", "refuted", 1, broken, mse="1/2", epochs=2500000))
        _rejected(_h(claim, "mse", "refuted", 1, ID1, epochs=2500000), "meets MSE <= 1e-5")
        _rejected(_h(claim, "mse", "inconclusive", 1, ID1), "every run meets MSE <= 1e-5")
        _rejected(_h(claim, "mse", "inconclusive", 1, broken, mse="1/2", epochs=2500000), "is a refutation")
        # an MSE just above the bound refutes; MSE exactly 1e-5 meets it (n = 1: MSE = (y - 1)^2 / 2 at theta = 1)
        for w3, ok in (("1.0044721359549996", True), ("1.0044721", False)):
            net = _relu([1], 0, [1], [0], [[w3]])
            m = (Fraction(w3) - 1) ** 2 / 2
            r = recheck(_h(claim, "mse", "refuted", 1, net, mse=str(m), epochs=2500000))
            assert r[0] == (m > Fraction(1, 100000)) == ok, (w3, r)
        _accepted(_h(claim, "mse", "verified", 1, _relu([1], 0, [1], [0], [["1.001"]]), mse="1/2000000", checked=1))
        _rejected(_h(claim, "admissible", "verified", 1, broken, checked=1), "reconstructed wrongly")
        for st, epochs in (("inconclusive", 1), ("refuted", 2500000)):
            _rejected(_h(claim, "admissible", st, 1, ID1, epochs=epochs, infeasible=[]), "the bound network is admissible")
            _rejected(_h(claim, "admissible", st, 1, broken, epochs=epochs, infeasible=[]), "infeasible: 0 entries")
            for j in (0, 2):
                _rejected(_h(claim, "admissible", st, 1, broken, epochs=epochs,
                             infeasible=[{"output": j, "y": [], "y_strict": []}]),
                          "infeasible[0].output: %d is outside [1, 1]" % j)
    _accepted(_h("001-H3", "admissible", "verified", 2, SKEW2, checked=1))          # unconstrained encoder: any u
    _rejected(_h("001-H2", "admissible", "verified", 2, SKEW2, checked=1), "not the affine encoder")


# -- 000-Q3 (and 000-Q1's worst case) ------------------------------------------------------------
def _worst_network(S, n):
    """A network of Lemma 3.1's class admissible on S with exactly 000-Q1's worst case of wrong coordinates:
    unit i fires from r on, r = b_i (wrong on the missing t in [i, b_i)) or r = a_i + 1/2 (wrong on (a_i, i))."""
    missing, w = [t for t in range(1, n + 1) if t not in S], []
    for i in range(1, n + 1):
        a = max([s for s in S if s < i], default=None)
        b = min([s for s in S if s >= i], default=None)
        up = sum(1 for t in missing if t >= i and (b is None or t < b))
        down = sum(1 for t in missing if t < i and (a is None or t > a))
        if up >= down:
            w.append(Fraction(0) if b is None else Fraction(1, b))
        else:
            w.append(1 / (Fraction(1, 2) if a is None else a + Fraction(1, 2)))
    return _thr(w)


def _subsets_of(n):
    for bits in itertools.product((0, 1), repeat=n + 1):
        if not all(bits):
            yield [t for t in range(n + 1) if bits[t]]


def test_q3_threshold_worst_case_is_attained_never_exceeded():
    """For every S of n <= 4 a network admissible on S attains 000-Q1's worst case exactly: as a
    refutation of the bound it is rejected (got = bound, not more)."""
    for n in range(1, 5):
        for S in _subsets_of(n):
            missing = [t for t in range(n + 1) if t not in S]
            cert = certificate("000-Q3", "refuted", variant="threshold", scope={"n": n},
                               evidence={"missing": missing, "network": _worst_network(S, n)})
            _rejected(cert, "wrong coordinates, within the worst case")
    fake = certificate("000-Q3", "refuted", variant="threshold", scope={"n": 1001}, evidence={"missing": [0], "network": ID1})
    _rejected(fake, "scope.n: 1001 is outside [1, 1000]")
    fake["scope"]["n"] = 0
    _rejected(fake, "scope.n: 0 is outside [1, 1000]")
    fake = certificate("000-Q3", "refuted", variant="threshold", scope={"n": 2},
                       evidence={"missing": [1], "network": _thr([1, "1/3"])})
    _rejected(fake, "not admissible on its training set")                 # unit 2 silent at theta = 2
    fake = certificate("000-Q3", "refuted", variant="threshold", scope={"n": 2},
                       evidence={"missing": [1], "network": _thr(["1/2", "1/2"], u=[2, 2])})
    _rejected(fake, "not the sum encoder")


def _q3_run(n, S, idx, k, net, decoder="threshold", over=None, **fields):
    rec = dict(n=n, seed=idx % k, thetas=S, epochs=0, encoder="sum", decoder=decoder)
    if decoder == "relu2":
        rec["init"] = "spread"
    rec.update(over or {})
    return dict({"missing": [t for t in range(n + 1) if t not in S], "certified": True, "network": _rec(net, **rec)},
                **fields)


def _q3(variant, status, n, fractions, k, runs, **extra):
    return certificate("000-Q3", status, variant=variant,
                       scope={"n": n, "fractions": fractions, "subsets": k, "seed": 0, "epochs": 0},
                       evidence=dict({"runs": runs}, **extra))


def test_q3_threshold_runs_hand_built():
    n = 4                                       # fraction 1/4: round(5/4) = 1 missing theta per run
    S1, S2 = [0, 1, 3, 4], [0, 2, 3, 4]
    runs = [_q3_run(n, S1, 0, 2, _worst_network(S1, n)), _q3_run(n, S2, 1, 2, _worst_network(S2, n))]
    _accepted(_q3("threshold", "verified", n, ["1/4"], 2, runs, checked=2))          # got = bound: within it
    uncert = {"missing": [2], "certified": False}
    _accepted(_q3("threshold", "inconclusive", n, ["1/4"], 2, [uncert, runs[1]]))
    _rejected(_q3("threshold", "verified", n, ["1/4"], 2, [uncert, runs[1]], checked=2), "inconclusive iff")
    _rejected(_q3("threshold", "inconclusive", n, ["1/4"], 2, runs), "inconclusive iff")
    bad = _q3_run(n, S2, 1, 2, _thr(["1/2"] * 4))                        # not admissible on S2
    _rejected(_q3("threshold", "inconclusive", n, ["1/4"], 2, [uncert, bad]), "not admissible on its training set")
    at_n = _q3_run(n, S1, 0, 2, _thr(_z0(4)[:3] + [0]))                   # wrong at theta = 4 = n, in S1
    _rejected(_q3("threshold", "verified", n, ["1/4"], 2, [at_n, runs[1]], checked=2), "not admissible on its training set")
    for field, value in (("n", 5), ("seed", 1), ("thetas", [0, 1, 2, 3, 4]), ("epochs", 1), ("encoder", "linear"),
                         ("decoder", "relu2")):
        run = _q3_run(n, S1, 0, 2, _worst_network(S1, n), over={field: value})
        _rejected(_q3("threshold", "verified", n, ["1/4"], 2, [run, runs[1]], checked=2), "trained with %s" % field)
    # n = 2 (the smallest), and the size of the missing sets: max(1, min(n - 1, round(f (n + 1))))
    small = [_q3_run(2, [0, 2], 0, 1, _thr(_z0(2)))]
    _accepted(_q3("threshold", "verified", 2, ["1/4"], 1, small, checked=1))
    _accepted(_q3("threshold", "verified", 2, ["1"], 1, small, checked=1))          # min(n - 1, 3) = 1
    _rejected(_q3("threshold", "verified", 3, ["1/4"], 1, [_q3_run(3, [0, 3], 0, 1, _thr(_z0(3)))], checked=1),
              "run 0: wrong size")                                             # round(1/4 * 4) = 1, not 2
    three = [_q3_run(3, [0, 3], 0, 1, _thr(_z0(3)))]                      # f = 1: min(n - 1, 4) = 2 missing
    _accepted(_q3("threshold", "verified", 3, ["1"], 1, three, checked=1))
    _accepted(_q3("threshold", "inconclusive", 2, ["1/4"], 41, [{"missing": [1], "certified": False}] * 41))
    empty = {"missing": [1], "certified": False}
    _rejected(_q3("threshold", "inconclusive", 1, ["1/4"], 1, [empty]), "scope.n: 1 is outside [2, 1000]")
    _rejected(_q3("threshold", "inconclusive", 1001, ["1/4"], 1, [empty]), "scope.n: 1001 is outside [2, 1000]")
    _rejected(_q3("threshold", "inconclusive", 2, [], 1, []), "fractions: 0 entries (expected 1..100)")
    _rejected(_q3("threshold", "inconclusive", 2, ["1/4"] * 101, 1, [empty] * 101), "101 entries (expected 1..100)")
    _rejected(_q3("threshold", "inconclusive", 2, ["x"], 1, [empty]), "fractions")
    _rejected(_q3("threshold", "inconclusive", 2, ["1/4"], 0, []), "scope.subsets: 0 is outside [1, 10000]")
    _rejected(_q3("threshold", "inconclusive", 2, ["1/4"], 10001, []), "scope.subsets: 10001 is outside [1, 10000]")
    _rejected(_q3("threshold", "inconclusive", 2, ["1/4"], 1, [empty, empty]), "runs: 2 entries (expected 1)")


def test_q3_relu2_runs_hand_built():
    from proofs.certificates import network_json
    from proofs.claims.p000.missing_data_q1 import relu_layer2, relu_missing_case

    n, S = 3, [0, 2, 3]
    W2, b2 = relu_layer2("extrapolating", n)
    case = relu_missing_case(n, S, 1, layer2=(list(W2), list(b2)))
    assert case["kinds"] == ["wrong", "wrong", "right"]                    # output 1 = theta: target 1; 2, 3: 0
    net = network_json(case["network"])
    run = _q3_run(n, S, 0, 1, net, decoder="relu2", cases=[{"outputs": case["answers"]}])
    _accepted(_q3("relu2", "verified", n, ["1/4"], 1, [run], checked=1))
    for field, value in (("init", "random"), ("decoder", "threshold"), ("thetas", [0, 1, 2, 3])):
        r = _q3_run(n, S, 0, 1, net, decoder="relu2", over={field: value}, cases=[{"outputs": case["answers"]}])
        _rejected(_q3("relu2", "verified", n, ["1/4"], 1, [r], checked=1), "trained with %s" % field)
    more = copy.deepcopy(run)
    more["cases"].append({"outputs": case["answers"]})
    _rejected(_q3("relu2", "verified", n, ["1/4"], 1, [more], checked=1), "cases: 2 entries (expected 1)")
    more = copy.deepcopy(run)
    more["cases"][0]["outputs"].append(case["answers"][0])
    _rejected(_q3("relu2", "verified", n, ["1/4"], 1, [more], checked=1), "outputs: 4 entries (expected 3)")
    short = copy.deepcopy(run)
    short["cases"][0]["outputs"][0]["point"].append("0")
    _rejected(_q3("relu2", "verified", n, ["1/4"], 1, [short], checked=1), "point: expected 3 entries")
    # undecided answers: inconclusive only
    und = copy.deepcopy(run)
    und["cases"][0]["outputs"][1] = {"kind": "undecided"}
    _accepted(_q3("relu2", "inconclusive", n, ["1/4"], 1, [und]))
    _rejected(_q3("relu2", "verified", n, ["1/4"], 1, [und], checked=1), "kind")
    _rejected(_q3("relu2", "inconclusive", n, ["1/4"], 1, [run]), "inconclusive iff something is undecided")
    # a run not certified, with no multipliers (undecided), then a certified one
    nocert = {"missing": [1], "certified": False, "infeasible": [],
              "network": _q3_run(n, S, 0, 2, net, decoder="relu2")["network"]}
    second = _q3_run(n, S, 1, 2, net, decoder="relu2", cases=[{"outputs": case["answers"]}])
    _accepted(_q3("relu2", "inconclusive", n, ["1/4"], 2, [nocert, second]))
    _rejected(_q3("relu2", "verified", n, ["1/4"], 2, [nocert, second], checked=2), "infeasible: 0 entries")
    broken = copy.deepcopy(second)
    broken["cases"][0]["outputs"][0]["point"] = ["0", "0", "0"]
    _rejected(_q3("relu2", "inconclusive", n, ["1/4"], 2, [nocert, broken]), "not admissible on the present data")
    for j in (0, 4):
        out = dict(nocert, infeasible=[{"output": j, "y": [], "y_strict": []}])
        _rejected(_q3("relu2", "inconclusive", n, ["1/4"], 2, [out, second]), "output: %d is outside [1, 3]" % j)
    skew = _q3_run(n, S, 0, 1, _relu([2, 2, 2], 0, [v / 2 for v in W2], b2, [[0] * len(W2)] * 3), decoder="relu2",
                   cases=[{"outputs": case["answers"]}])
    _rejected(_q3("relu2", "verified", n, ["1/4"], 1, [skew], checked=1), "not the sum encoder")


# -- 000-Q6 regulariser: N(z) = max_theta |z_theta - chord(theta)| / |z_n - z_0| -------------------
Q6_P = _thr([10, 10], u=["1/10", "3/10"], c=[0, -3])      # z = 0, 1/10, 4/10: N = 1/4 (small span)
Q6_R = _thr([1, 1], u=[1, 2], b=1, c=[-1, -3])            # z = 1, 2, 4: N = 1/6 (z_0 != 0)
Q6_L = _thr([1, 1], u=[1, 1], c=[0, -1])                  # z = 0, 1, 2: N = 0
Q6_ONE = _thr([1], u=[1])                                 # n = 1: every code is affine in theta


def _q6_pair(n, s, plain, reg, weight="1/2", over=None, **fields):
    def rec(net, lam):
        r = dict(n=n, seed=s, epochs=0, linearity_weight=lam, decoder="threshold", encoder="linear", decoder_bias=True)
        r.update(over or {})
        return _rec(net, **r)
    return dict({"plain": rec(plain, 0), "regularised": rec(reg, weight)}, **fields)


def _q6(status, n, runs=None, bad=(), seeds=None, weight="1/2", **ev):
    if status == "refuted":
        return certificate("000-Q6", status, variant="regulariser", scope={"n": n, "weight": weight, "epochs": 0},
                           evidence=ev)
    ev = dict({"runs": runs, "not_certified": [{"seed": s} for s in bad]}, **ev)
    return certificate("000-Q6", status, variant="regulariser",
                       scope={"n": n, "weight": weight, "seeds": seeds, "epochs": 0}, evidence=ev)


def test_nonlinearity_of_the_codes():
    from proofs.kernel import core as K

    for net, n, want in ((Q6_P, 2, Fraction(1, 4)), (Q6_R, 2, Fraction(1, 6)), (Q6_L, 2, 0), (Q6_ONE, 1, 0),
                         (_thr([1, 1, 1], u=[1, 1, 3], b=-2), 3, Fraction(4, 15))):
        assert S._nonlinearity(K.network(net), n) == want


def test_q6_regulariser_hand_built():
    for reg in (Q6_R, Q6_L):
        _accepted(_q6("verified", 2, [_q6_pair(2, 0, Q6_P, reg, seed=0)], seeds=1, checked=1))
    _rejected(_q6("verified", 2, [_q6_pair(2, 0, Q6_R, Q6_P, seed=0)], seeds=1, checked=1), "not more linear")
    _rejected(_q6("verified", 2, [_q6_pair(2, 0, Q6_L, Q6_L, seed=0)], seeds=1, checked=1), "not more linear")  # equal
    _accepted(_q6("inconclusive", 2, [_q6_pair(2, 1, Q6_P, Q6_R, seed=1)], bad=[0], seeds=2))
    _rejected(_q6("verified", 2, [_q6_pair(2, 1, Q6_P, Q6_R, seed=1)], bad=[0], seeds=2, checked=1), "inconclusive iff")
    _rejected(_q6("inconclusive", 2, [_q6_pair(2, 0, Q6_P, Q6_R, seed=0)], seeds=1), "inconclusive iff")
    _rejected(_q6("verified", 2, [], seeds=0, checked=0), "scope.seeds: 0 is outside [1, inf]")
    for field, value in (("n", 3), ("seed", 1), ("epochs", 1), ("decoder", "relu2"), ("encoder", "sum"),
                         ("decoder_bias", False)):
        run = _q6_pair(2, 0, Q6_P, Q6_R, over={field: value}, seed=0)
        _rejected(_q6("verified", 2, [run], seeds=1, checked=1), "trained with %s" % field)
    swapped = _q6_pair(2, 0, Q6_P, Q6_R, seed=0)
    swapped["plain"], swapped["regularised"] = _q6_pair(2, 0, Q6_R, Q6_P, seed=0)["regularised"], swapped["regularised"]
    _rejected(_q6("verified", 2, [swapped], seeds=1, checked=1), "trained with linearity_weight")
    bad = _q6_pair(2, 0, Q6_P, _thr([1, 1], u=[1, 2], b=1, c=[-1, -1]), seed=0)       # unit 2 fires at theta = 1
    _rejected(_q6("verified", 2, [bad], seeds=1, checked=1), "the regularised network is not admissible")
    # refuted: the penalised codes not more linear (equal included)
    _accepted(_q6("refuted", 2, seed=0, **_q6_pair(2, 0, Q6_L, Q6_P)))
    _accepted(_q6("refuted", 2, seed=0, **_q6_pair(2, 0, Q6_L, Q6_L)))
    _accepted(_q6("refuted", 1, seed=0, **_q6_pair(1, 0, Q6_ONE, Q6_ONE)))
    _rejected(_q6("refuted", 2, seed=0, **_q6_pair(2, 0, Q6_P, Q6_R)), "strictly more linear")
    _rejected(_q6("refuted", 2, seed=1, **_q6_pair(2, 0, Q6_L, Q6_P)), "trained with seed")
    _rejected(_q6("refuted", 2, seed=0, weight="1/3", **_q6_pair(2, 0, Q6_L, Q6_P)), "trained with linearity_weight")
    _rejected(_q6("refuted", 0, seed=0, **_q6_pair(1, 0, Q6_ONE, Q6_ONE)), "scope.n: 0 is outside [1, 1000]")
    _rejected(_q6("refuted", 1001, seed=0, **_q6_pair(1, 0, Q6_ONE, Q6_ONE)), "scope.n: 1001 is outside [1, 1000]")


# -- 000-Q4, 000-Q5, 000-Q2: constructions the kernel builds from the scope ---------------------------
Q4_PAIRS = [[1, -1], [1, 0], [2, "1/2"], ["1/2", 0], [1, 1], [1, -2], [1, -3], [2, -1], [1, "-5/2"], [-1, "5/2"],
            [-1, 0], [-2, -1], [3, 2]]


def _q4_count(n_max, pairs):
    """1 (the ramp decoder) + the pairs with alpha i + beta != 0 for i = 1..n, summed over n <= n_max."""
    qs = [(Fraction(a), Fraction(b)) for a, b in pairs]
    return sum(1 + sum(all(a * i + b != 0 for i in range(1, n + 1)) for a, b in qs) for n in range(1, n_max + 1))


def _q4(n_max, pairs, checked=None):
    return certificate("000-Q4", "verified", scope={"n_max": n_max, "pairs": pairs},
                       evidence={"checked": _q4_count(n_max, pairs) if checked is None else checked})


def test_q4_every_construction_and_bound():
    _accepted(_q4(4, [[_q(a), _q(b)] for a, b in Q4_PAIRS]))
    _accepted(_q4(1, [[1, 0]]))
    _accepted(_q4(1, [[1, 0]] * 20))
    _rejected(_q4(1, [[1, 0]] * 21, checked=0), "pairs: 21 entries (expected 1..20)")
    _rejected(_q4(1, [], checked=1), "pairs: 0 entries (expected 1..20)")
    _rejected(_q4(1, [[1, 0, 0]], checked=2), "pairs: expected 2 entries, got 3")
    _rejected(_q4(1, [[0, 1]], checked=2), "alpha must be non-zero")
    _rejected(_q4(0, [[1, 0]], checked=0), "scope.n_max: 0 is outside [1, 100]")
    _rejected(_q4(101, [[1, 0]], checked=0), "scope.n_max: 101 is outside [1, 100]")
    _rejected(_q4(2, [[1, -1]], checked=4), "the kernel enumerated 2 instances")        # skipped at every n


def test_q5_bounds():
    def q5(n_max, checked):
        return certificate("000-Q5", "verified", scope={"n_max": n_max}, evidence={"checked": checked})
    _accepted(q5(1, 1))
    _rejected(q5(0, 0), "scope.n_max: 0 is outside [1, 100]")
    _rejected(q5(101, 101), "scope.n_max: 101 is outside [1, 100]")


def test_q2_bounds_and_shapes(certs):
    def q2(n_max, rn, W3s, checked):
        return certificate("000-Q2", "verified", scope={"n_max": n_max, "relu_n_max": rn},
                           evidence={"relu_W3": W3s, "checked": checked})
    _accepted(q2(1, 0, [], 1))
    _rejected(q2(0, 0, [], 0), "scope.n_max: 0 is outside [1, 200]")
    _rejected(q2(201, 0, [], 0), "scope.n_max: 201 is outside [1, 200]")
    _rejected(q2(1, 21, [], 0), "scope.relu_n_max: 21 is outside [0, 20]")
    honest = certs["Q2"]
    W3s = honest["evidence"]["relu_W3"]
    _rejected(_with(honest, "evidence", relu_W3=W3s + [W3s[0]]), "relu_W3: %d entries" % (len(W3s) + 1))
    rows = copy.deepcopy(W3s)
    rows[0].append(rows[0][0])
    _rejected(_with(honest, "evidence", relu_W3=rows), "relu_W3: expected 1 rows, got 2")
    cols = copy.deepcopy(W3s)
    cols[0][0].append("0")
    _rejected(_with(honest, "evidence", relu_W3=cols), "relu_W3[0]: expected 1 entries, got 2")


def test_q6_codes_of_span_one_and_q3_missing_n():
    half = _thr([2, 2], u=["1/2", "1/2"], c=[0, -1])                 # z = 0, 1/2, 1: span 1, N = 0
    _accepted(_q6("verified", 2, [_q6_pair(2, 0, Q6_P, half, seed=0)], seeds=1, checked=1))
    # theta = n missing: the network need not reconstruct x_n (here unit 2 never fires)
    run = _q3_run(2, [0, 1], 0, 1, _thr([1, 0]))
    _accepted(_q3("threshold", "verified", 2, ["1/4"], 1, [run], checked=1))


def test_missing_sets_are_subsets_of_0_to_n():
    net = _thr(_z0(2))
    for missing, why in (([3], "missing: 3 is outside [0, 2]"), ([0, 1, 2, 2], "missing: 4 entries (expected 0..3)"),
                         ([2, 1], "missing must be strictly increasing")):
        _rejected(certificate("000-Q3", "refuted", variant="threshold", scope={"n": 2},
                              evidence={"missing": missing, "network": net}), why)
        run = {"missing": missing, "certified": False}
        _rejected(_q3("threshold", "inconclusive", 2, ["1/4"], 1, [run]), why)


def _worst_by_search(S, n):
    """000-Q1's worst case for S by search: unit i fires for theta >= r (r = k + 1/2, k = 0..n, or never);
    among the r admissible on S, the most missing thetas decoded wrongly, summed over i."""
    missing, total = [t for t in range(n + 1) if t not in S], 0
    for i in range(1, n + 1):
        best = -1
        for r in [Fraction(2 * k + 1, 2) for k in range(n + 1)] + [None]:
            fires = lambda t: r is not None and t >= r   # noqa: E731
            if all(fires(s) == (s >= i) for s in S):
                best = max(best, sum(fires(t) != (t >= i) for t in missing))
        total += best
    return total


def test_q1_worst_case_equals_search():
    for n in range(1, 6):
        for Sset in _subsets_of(n):
            assert S._q1_worst(Sset, n) == _worst_by_search(Sset, n), (Sset, n)


def test_q3_relu2_undecided_run_then_multipliers():
    """An inconclusive run (an undecided answer) stays inconclusive when a later run's multipliers decide it."""
    from proofs.certificates import network_json
    from proofs.claims.p000.missing_data_q1 import relu_layer2, relu_missing_case

    n, Sl = 3, [0, 2, 3]
    W2, b2 = relu_layer2("extrapolating", n)
    case = relu_missing_case(n, Sl, 1, layer2=(list(W2), list(b2)))
    und = _q3_run(n, Sl, 0, 2, network_json(case["network"]), decoder="relu2",
                  cases=[{"outputs": [{"kind": "undecided"}] + case["answers"][1:]}])
    flat = _relu([1, 1, 1], 0, [0, 0, 0], [0, 0, 0], [[0] * 3] * 3)     # layer 2 zero: E w = 1 has no solution
    # output 1 on S = {0, 2, 3}: rows E = A2_2, A2_3, then -E, then L = A2_0; -(A2_2 w = 1) reads 0 <= -1
    nocert = {"missing": [1], "certified": False, "network": _q3_run(n, Sl, 1, 2, flat, decoder="relu2")["network"],
              "infeasible": [{"output": 1, "y": [0, 0, 1, 0, 0], "y_strict": []}]}
    _accepted(_q3("relu2", "inconclusive", n, ["1/4"], 2, [und, nocert]))
    _rejected(_q3("relu2", "verified", n, ["1/4"], 2, [und, nocert], checked=2), "kind")
    wrong = copy.deepcopy(nocert)
    wrong["infeasible"][0]["y"] = [0, 0, 0, 0, 1]
    _rejected(_q3("relu2", "inconclusive", n, ["1/4"], 2, [und, wrong]), "neither y.b < 0")


def test_ramp_decoder_and_degenerate_codes():
    from proofs.kernel import core as K

    for n in (1, 2, 3):
        (W2, b2, a2, _), (W3, b3, a3, _) = S._ramp_layers(n)
        assert (len(W2), len(b2), len(W3), len(b3), a2, a3) == (n, n, n, n, "relu", "relu")
        assert all(len(r) == n for r in W3) and b2 == [Fraction(1 - j) for j in range(1, n + 1)]
        net = K.Net(S._ramp_layers(n))
        assert [K.run(net, [Fraction(t)]) for t in range(n + 1)] == [K.step_signal(n, t) for t in range(n + 1)]
    flat = K.network(_thr([1, 1], u=[1, -1]))                     # z = 0, 1, 0: z_n = z_0
    assert S._nonlinearity(flat, 2) == 10 ** 9


# -- 000-Q1: false refutations rejected at the statement, bounds, undecided answers ----------------------
def _q1t_refuted(n, S_, theta, i):
    return certificate("000-Q1", "refuted", variant="threshold", scope={}, evidence={"n": n, "S": S_, "theta": theta, "i": i})


def test_q1_threshold_refutations_are_rejected_at_the_formula():
    for n in (1, 2, 3):
        for S_ in _subsets_of(n):
            for theta in (t for t in range(n + 1) if t not in S_):
                for i in range(1, n + 1):
                    _rejected(_q1t_refuted(n, S_, theta, i), "the formula holds at this case")
    _rejected(_q1t_refuted(1000, [0, 1000], 999, 1000), "the formula holds at this case")
    _rejected(_q1t_refuted(2, [1], 1, 1), "the formula holds at this case")          # theta in S: no case at all
    for ev, why in (((1001, [], 0, 1), "evidence.n: 1001 is outside [1, 1000]"), ((0, [], 0, 1), "evidence.n: 0 is outside"),
                    ((2, [], 3, 1), "evidence.theta: 3 is outside [0, 2]"), ((2, [], 0, 0), "evidence.i: 0 is outside [1, 2]"),
                    ((2, [], 0, 3), "evidence.i: 3 is outside [1, 2]"), ((2, [3], 0, 1), "S: 3 is outside [0, 2]")):
        _rejected(_q1t_refuted(*ev), why)

    def verified(n_max, checked):
        return certificate("000-Q1", "verified", variant="threshold", scope={"n_max": n_max}, evidence={"checked": checked})
    _accepted(verified(1, 4))                         # S = {}, {0}, {1}: 3 + 1 + ... cases (theta, i)
    _rejected(verified(0, 0), "scope.n_max: 0 is outside [1, 12]")
    _rejected(verified(13, 0), "scope.n_max: 13 is outside [1, 12]")


def _q1r_cases(relu_n_max, relu_subsets_n):
    from proofs.claims.p000.missing_data_q1 import relu_missing_case

    return [{"outputs": relu_missing_case(n, S_, theta, kind)["answers"]}
            for kind, n, S_, theta in S._q1_relu_cases(relu_n_max, relu_subsets_n)]


def _q1r(status, relu_n_max, relu_subsets_n, cases, **extra):
    return certificate("000-Q1", status, variant="relu2", scope={"relu_n_max": relu_n_max, "relu_subsets_n": relu_subsets_n},
                       evidence=dict({"cases": cases}, **extra))


def test_q1_relu2_hand_built():
    cases = _q1r_cases(2, 1)
    order = list(S._q1_relu_cases(2, 1))
    _accepted(_q1r("verified", 2, 1, cases, checked=len(cases)))
    _accepted(_q1r("verified", 1, 0, _q1r_cases(1, 0), checked=4))
    _rejected(_q1r("verified", 0, 0, [], checked=0), "scope.relu_n_max: 0 is outside [1, 8]")
    _rejected(_q1r("verified", 9, 0, [], checked=0), "scope.relu_n_max: 9 is outside [1, 8]")
    _rejected(_q1r("verified", 1, 5, [], checked=0), "scope.relu_subsets_n: 5 is outside [0, 4]")
    _rejected(_q1r("verified", 2, 1, cases + cases[:1], checked=len(cases)), "cases: %d entries" % (len(cases) + 1))
    extra = copy.deepcopy(cases)
    extra[0]["outputs"].append(extra[0]["outputs"][0])
    _rejected(_q1r("verified", 2, 1, extra, checked=len(cases)), "outputs: 2 entries (expected 1)")
    # one undecided answer (staircase, then extrapolating): inconclusive, and only inconclusive
    for k in (0, next(x for x, c in enumerate(order) if c[0] == "extrapolating")):
        und = copy.deepcopy(cases)
        und[k]["outputs"][0] = {"kind": "undecided"}
        _accepted(_q1r("inconclusive", 2, 1, und))
        _rejected(_q1r("verified", 2, 1, und, checked=len(cases)), "'undecided' is not one of")
    _rejected(_q1r("inconclusive", 2, 1, cases), "inconclusive iff some answer is undecided")
    bogus = copy.deepcopy(cases)
    bogus[0]["outputs"][0] = {"kind": "bogus"}
    _rejected(_q1r("inconclusive", 2, 1, bogus), "'bogus' is not one of")
    # refuted: the true staircase answers are no counterexample
    for (kind, n, S_, theta), case in zip(order, cases):
        if kind != "staircase":
            continue
        for j, ans in enumerate(case["outputs"], start=1):
            ev = {"n": n, "S": S_, "theta": theta, "output": j, "answer": ans}
            _rejected(certificate("000-Q1", "refuted", variant="relu2", scope={}, evidence=ev),
                      "the answer agrees with the staircase statement")
    ev = {"n": 1, "S": [0], "theta": 0, "output": 1, "answer": cases[0]["outputs"][0]}
    _rejected(certificate("000-Q1", "refuted", variant="relu2", scope={}, evidence=ev), "theta is not missing")
    for key, value, why in (("n", 51, "evidence.n: 51 is outside [1, 50]"), ("n", 0, "evidence.n: 0 is outside"),
                            ("theta", 2, "evidence.theta: 2 is outside [0, 1]"),
                            ("output", 0, "evidence.output: 0 is outside [1, 1]"),
                            ("output", 2, "evidence.output: 2 is outside [1, 1]")):
        ev = {"n": 1, "S": [1], "theta": 0, "output": 1, "answer": cases[0]["outputs"][0], key: value}
        _rejected(certificate("000-Q1", "refuted", variant="relu2", scope={}, evidence=ev), why)
    big = {"n": 50, "S": list(range(1, 51)), "theta": 0, "output": 1, "answer": {"kind": "inadmissible", "no_point": {}}}
    _rejected(certificate("000-Q1", "refuted", variant="relu2", scope={}, evidence=big), "no_point")


def test_q3_relu2_right_answers_at_target_one():
    """Layer 2 = (1, ReLU(1 - z), ReLU(2 - z)): A2_2 = A2_3, so outputs 1, 2 of the missing x_2 are right
    (target 1: both deviations excluded by multipliers) and output 3 is wrong."""
    from proofs.claims.p000.missing_data_q1 import relu_missing_case

    n, Sl, W2, b2 = 3, [0, 1, 3], [0, -1, -1], [1, 1, 2]
    case = relu_missing_case(n, Sl, 2, layer2=([Fraction(v) for v in W2], [Fraction(v) for v in b2]))
    assert case["kinds"] == ["right", "right", "wrong"]
    net = _relu([1, 1, 1], 0, W2, b2, [[1, -1, 0], [1, 0, -1], [1, 0, -1]])
    run = _q3_run(n, Sl, 0, 1, net, decoder="relu2", cases=[{"outputs": case["answers"]}])
    _accepted(_q3("relu2", "verified", n, ["1/4"], 1, [run], checked=1))
    one = copy.deepcopy(run)
    one["cases"][0]["outputs"][0]["no_deviation"] = one["cases"][0]["outputs"][0]["no_deviation"][:1]
    _rejected(_q3("relu2", "verified", n, ["1/4"], 1, [one], checked=1), "no_deviation: 1 entries (expected 2)")
    swap = copy.deepcopy(run)
    devs = swap["cases"][0]["outputs"][0]["no_deviation"]
    devs[0], devs[1] = devs[1], devs[0]
    _rejected(_q3("relu2", "verified", n, ["1/4"], 1, [swap], checked=1))
    # the point must satisfy E w = 1 and L w <= 0 (output 1: E = A2_1, A2_3 = (1,0,1), (1,0,0); L = A2_0 = (1,1,2))
    for point in (["1", "0", "0"], ["1", "-1/2", "0"], ["0", "-1", "1"], ["1", "-1", "0", "0"], ["1", "-1"]):
        bad = copy.deepcopy(run)
        bad["cases"][0]["outputs"][0]["point"] = point
        why = "not admissible on the present data" if len(point) == 3 else "point: expected 3 entries"
        _rejected(_q3("relu2", "verified", n, ["1/4"], 1, [bad], checked=1), why)
    ok = copy.deepcopy(run)
    ok["cases"][0]["outputs"][0]["point"] = ["1", "-1", "0"]      # L w = 0: admissible (the boundary)
    _accepted(_q3("relu2", "verified", n, ["1/4"], 1, [ok], checked=1))


def test_the_form_of_the_bound_networks():
    """Admissible networks of another form than the statement's are rejected at the form check."""
    def t1(net, n=1):
        return _t1("threshold/certified", "verified", [n], 1, [_t1_thr(n, 0, net=net)], checked=1)

    relu_enc = _thr([1])
    relu_enc["layers"][0]["activation"] = "relu"                          # ReLU(sum) = sum on step functions
    wide = _thr([1, 1], n=1)                                              # two outputs for n = 1
    extra = _thr([1])
    extra["layers"].append({"weight": [["1"]], "bias": ["0"], "activation": "identity"})   # a third layer
    for net in (relu_enc, wide, extra):
        _rejected(t1(net), "not an autoencoder of dimension 1")
    _rejected(_t1("threshold/certified", "verified", [1], 1, [_t1_thr(1, 0, net=_thr(["1/2", "1/2"], n=2))],
                  checked=1), "not an autoencoder of dimension 1")          # d_in = 2 for n = 1
    two = _thr([2, 1])
    two["layers"][1]["threshold"] = "2"                                   # sigma(u) = [u >= 2]
    _rejected(t1(two, 2), "the decoder is not of the threshold form")
    _rejected(t1(_thr([1, 1], c=[0, -1]), 2), "the decoder is not of the threshold form")    # a bias c
    relu_dec = _thr([1])
    relu_dec["layers"][1] = {"weight": [["1"]], "bias": ["0"], "activation": "relu"}
    _rejected(t1(relu_dec), "the decoder is not of the threshold form")
    lin2 = _relu([1], 0, [1], [0], [[1]])
    lin2["layers"][1]["activation"] = "identity"
    biased = _relu([1], 0, [1], [0], [[2]])
    biased["layers"][2]["bias"] = ["-1"]                                  # ReLU(2 z - 1): admissible, with a bias
    for net in (lin2, biased):
        _rejected(_arch("verified", 1, 1, [_relu_run(1, 0, net)], checked=1), "the decoder is not of the relu2 form")


def test_training_record_shape():
    run = _t1_thr(1, 0)
    value = run["network"]["value"]
    for bad in (dict(value, extra=1), {"network": value["network"], "training": [1]}, [value]):
        rec = bind(bad)
        _rejected(_t1("threshold/certified", "verified", [1], 1, [dict(run, network=rec)], checked=1),
                  "evidence.runs[0].network: not a training record")
    broken = bind({"network": {"layers": []}, "training": value["training"]})
    _rejected(_t1("threshold/certified", "verified", [1], 1, [dict(run, network=broken)], checked=1),
              "evidence.runs[0].network.network: layers must be a non-empty list")
    _rejected(_z0_refuted(1, _thr([2]), "1/2", rec={"seed": 3}), "evidence.network: trained with seed")


def test_staircase_rays_and_multiplier_lengths():
    cases, order = _q1r_cases(2, 1), list(S._q1_relu_cases(2, 1))
    k = order.index(("staircase", 2, [0, 1], 2))
    ans = cases[k]["outputs"][1]                                          # output 2: L = A2_0, A2_1 = (0, 0), (1, 0)
    assert ans["kind"] == "unbounded"
    for ray, why in ((["1/2", "0"], "the ray does not keep the present data"), (["0", "1", "0"], "ray: expected 2 entries")):
        bad = copy.deepcopy(cases)
        bad[k]["outputs"][1]["ray"] = ray
        _rejected(_q1r("verified", 2, 1, bad, checked=len(cases)), why)
    short = copy.deepcopy(cases)
    ans = next(a for c in short for a in c["outputs"] if a["kind"] == "wrong")
    ans["no_ray"]["y"] = ans["no_ray"]["y"][:-1]
    _rejected(_q1r("verified", 2, 1, short, checked=len(cases)), "no_ray.y: expected")


# -- 001-H2 / H3: the scope's runs and each run's fields at their bounds ------------------------------
EXACT_1E5 = _relu([1], 1, [1, 1], [0, -1], [["1/250", "497/500"]])   # n = 1, z = x + 1: outputs 1/250 and 501/500


def _h_scope(cert, runs):
    return {**cert, "scope": {**cert["scope"], "runs": runs}}


def test_recipe_mse_exactly_the_bound():
    """MSE = ((1/250)^2 + (1/500)^2) / 2 = 1/100000 exactly: it meets the slides' criterion (MSE <= 1e-5), so it
    counts for verified and refutes nothing."""
    for claim in ("001-H2", "001-H3"):
        _accepted(_h(claim, "mse", "verified", 1, EXACT_1E5, mse="1/100000", checked=1))
        _rejected(_h(claim, "mse", "inconclusive", 1, EXACT_1E5, mse="1/100000"), "every run meets MSE <= 1e-5")
        _rejected(_h(claim, "mse", "refuted", 1, EXACT_1E5, mse="1/100000", epochs=2500000),
                  "the run's exact MSE 1/100000 meets MSE <= 1e-5")


def test_recipe_runs_scope_read_at_its_bounds():
    for claim in ("001-H2", "001-H3"):
        for variant in ("mse", "admissible"):
            cert = _h(claim, variant, "verified", 1, ID1, checked=1)
            _accepted(cert)
            # 64 triples admitted (they reach the comparison with the runs listed); 65 and 0 named
            _rejected(_h_scope(cert, [[n, 1, 1] for n in range(1, 65)]), "the runs listed are not the 64 runs")
            _rejected(_h_scope(cert, [[n, 1, 1] for n in range(1, 65)] + [[1, 1, 1]]),
                      "scope.runs: 65 entries (expected 1..64)")
            _rejected({**_h_scope(cert, []), "evidence": {"runs": [], "checked": 0}}, "scope.runs: 0 entries (expected 1..64)")
            for item in ([1, 1, 1, 1], [1, 1], "1 1 1"):
                _rejected(_h_scope(cert, [item]), "scope.runs[0]: not a triple [n, seeds, epochs]")
            _rejected(_h_scope(cert, [[1, 20, 1]]), "the runs listed are not the 20 runs")      # 20 seeds admitted
            for seeds in (0, 21):
                _rejected(_h_scope(cert, [[1, seeds, 1]]), "scope.runs[0][1]: %d is outside [1, 20]" % seeds)
            _rejected(_h_scope(cert, [[1, 1, 1], [1, 1, 1]]), "scope.runs lists n = 1 twice")
            # a run with n = 0 is named where it is read (never a run of the scope: n >= 1 there)
            bad = copy.deepcopy(cert)
            bad["evidence"]["runs"][0]["n"] = 0
            _rejected(bad, "evidence.runs[0].n: 0 is outside [1, inf]")
        for variant, extra in (("mse", {"mse": "1/2"}), ("admissible", {"infeasible": []})):
            ref = _h(claim, variant, "refuted", 1, _relu([1], 0, [1], [0], [[2]]), epochs=2500000, **extra)
            ref["evidence"]["n"] = 0
            _rejected(ref, "evidence.n: 0 is outside [1, inf]")


def test_recipe_network_form_named():
    """A network of another form (the threshold decoder's two layers) is rejected naming the relu2 decoder."""
    thr = {"layers": [{"weight": [["1"]], "bias": ["0"], "activation": "identity"},
                      {"weight": [["1"]], "bias": ["0"], "activation": "hard_threshold"}]}
    for claim in ("001-H2", "001-H3"):
        for variant in ("mse", "admissible"):
            _rejected(_h(claim, variant, "verified", 1, thr, checked=1), "encoder and a relu2 decoder")


def test_q4_proved_rests_on_the_decoder_identity(monkeypatch):
    """000-Q4 [proved]: the finite part and the identity z_theta / alpha + c_i = theta + 1 - i; a decoder
    bias off by one breaks both (the finite part is read first), and the certificate's argument must be the
    specification's."""
    from proofs.claims.p000 import linear_encoders_q4
    from proofs.kernel.specs import p000 as S0

    cert = linear_encoders_q4.check(n_max=3, pairs="-1:0,2:1", seeds=0).certificate
    assert cert["status"] == "proved" and _ok(cert)
    monkeypatch.setattr(S0, "_Q4_BIAS", "- i - b / a")
    assert recheck(cert) == (False, "n=1: a construction is not admissible")
    monkeypatch.undo()
    bad = copy.deepcopy(cert)
    bad["argument"][1]["checker"] = "sympy"
    assert not _ok(bad)
    assert not _ok({**cert, "argument": cert["argument"][:1]})


def test_q5_proved_needs_the_closed_form_and_every_case(monkeypatch):
    """000-Q5 [proved]: W3 must be its closed form at every n <= n_max; the output cases rest on
    0 <= s <= 1 (without s <= 1 the sign of s - 1 is not established), and a wrong closed form
    fails the identity with U3."""
    from proofs.kernel.specs import p000 as S0

    cert = certificate("000-Q5", "proved", scope={"n_max": 4}, evidence={"checked": 4},
                       argument=[("closed form", "kernel"),
                                 ("unique", "theorem: a triangular matrix with non-zero diagonal is invertible"),
                                 ("outputs", "kernel")])
    assert _ok(cert)
    real = S0._ramp_w3
    monkeypatch.setattr(S0, "_ramp_w3", lambda n: [[v * 2 for v in row] for row in real(n)])
    assert recheck(cert) == (False, "n=1: W3 is not its closed form")
    monkeypatch.undo()
    poly = S0._q5_poly
    monkeypatch.setattr(S0, "_q5_relu", lambda text: (lambda p: p if p.coefficients_nonnegative() else (
        S0.K.Poly({}, S0._Q5_NAMES) if (-p).coefficients_nonnegative() else (_ for _ in ()).throw(
            S0.K.Invalid("the sign of %s is not established" % text))))(poly(text)))
    ok, why = recheck(cert)
    assert not ok and why.startswith("the sign of") and "s" in why
    monkeypatch.undo()
    monkeypatch.setattr(S0, "_q5_case", lambda parts, target: target != "s")   # one output case fails
    assert recheck(cert) == (False, "the ramp decoder's output case 1 fails")
    monkeypatch.undo()
    assert _ok(cert) and not _ok({**cert, "argument": cert["argument"][:2]})
