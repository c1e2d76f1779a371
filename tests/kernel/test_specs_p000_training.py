"""Specifications of the training and research-question claims (000-T1, 000-Q1..Q6, 001-H2, 001-H3).

For each (claim, variant): the claim module's own certificate (small scope) is accepted, and it is
rejected when its status, claim or variant is changed, an evidence key is dropped or added, a scope
parameter no longer fits the evidence, or a witness / bound network is replaced by a wrong one.
"""

import copy
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
    out["H2"] = trained_h2.check(n=4, epochs=1).certificate
    out["H3"] = trained_h3.check(n=3, epochs=50).certificate
    # 001-H2 verified: a certified network of the recipe's form (here 000-T1's, the kernel cannot tell how it
    # was trained: that is what the hash binds, with the recipe recorded)
    run = out["T1 relu2/certified"]["evidence"]["runs"][0]
    out["H2 verified"] = certificate("001-H2", "verified", scope={"n": 4, "lr": "1/100000", "epochs": 1, "seed": 0},
                                     evidence={"network": training_record(H2_RECIPE, run["network"]["value"]["network"]),
                                               "checked": 5})
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


NAMES = ["T1 threshold/certified", "T1 threshold/finds-z0", "T1 relu2/certified", "Q1 threshold", "Q1 relu2", "Q2",
         "Q3 threshold", "Q3 relu2", "Q4", "Q5", "Q6 architecture", "Q6 regulariser", "H2", "H3", "H2 verified"]


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
    "H2": {"n": 5}, "H3": {"n": 4}, "H2 verified": {"n": 3},
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
    h = copy.deepcopy(certs["H3"])
    if h["evidence"]["infeasible"]:
        h["evidence"]["infeasible"][0]["y"] = ["0" for _ in h["evidence"]["infeasible"][0]["y"]]
        assert not _ok(h)
    v = _with(certs["H2 verified"], "evidence", network=certs["H2"]["evidence"]["network"])
    assert not _ok(v)                                                  # the rounded (not admissible) network


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
           "Q6 architecture", "Q6 regulariser", "H2", "H3", "H2 verified"]


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
        assert t["epochs"] == cert["scope"]["epochs"] and {"n", "seed", "lr", "optimizer", "thetas"} <= set(t)


@pytest.mark.parametrize("name", TRAINED)
def test_scope_epochs_changed_rejected(certs, name):
    cert = certs[name]
    e = cert["scope"]["epochs"]
    for epochs in [e + 1, e * 2, 2500000] + ([e - 1, e // 2] if e > 2 else []):
        ok, msg = recheck(_with(cert, "scope", epochs=epochs))
        assert not ok and "trained with epochs" in msg, (name, epochs, msg)


@pytest.mark.parametrize("name", ["H2", "H3", "H2 verified"])
def test_h_scope_training_parameters_changed_rejected(certs, name):
    cert = certs[name]
    for key, val in (("lr", "1/10000" if cert["scope"]["lr"] != "1/10000" else "1/100000"), ("lr", "1"),
                     ("seed", cert["scope"]["seed"] + 1), ("n", cert["scope"]["n"] + 1)):
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
    epochs = cert["scope"]["epochs"] + 7
    changed = _rebound(cert, path, epochs=epochs)
    assert not _ok(changed)                                                    # the scope no longer matches
    if len(_records(cert)) == 1:                                               # one run: the scope can follow
        both = _with(changed, "scope", epochs=epochs)
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
