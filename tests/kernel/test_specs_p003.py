"""The 003 specifications (proofs/kernel/specs/p003.py): honest certificates accepted, lies rejected."""

import copy

import pytest
from honest_certificates import honest as cached

from proofs.certificates import bind
from proofs.kernel import recheck

STATUSES = ("proved", "verified", "refuted", "inconclusive")


def _build_certs():
    from proofs.claims.p003 import configurations, corollary4, example2, proposition3, theorem5, theorem6

    out = {"conf": configurations.check().certificate,
           "ex2": example2.check(k_max=1, grid=1)[0].certificate,
           "p3": proposition3.check(networks="random 1-3-3-1").certificate,
           "t5": theorem5.check().certificate,
           "t5 wrong": theorem5.check(all_neurons=True).certificate}
    for v in corollary4.check(n_cone_nets=1):
        out["co4 " + v.variant] = v.certificate
    for v in theorem6.check(max_depth=3):
        out["t6 " + v.variant] = v.certificate
    out["t6 scaled"] = theorem6.check(factor="1/4", max_depth=2)[0].certificate
    return out


@pytest.fixture(scope="module")
def certs():
    return cached("p003", _build_certs)


NAMES = ["conf", "ex2", "p3", "t5", "t5 wrong", "co4 full-dimensional", "co4 literal P(D) non-empty", "co4 cones",
         "co4 cones, non-zero bias",
         "t6 (i) normalised atoms", "t6 (ii) spectral", "t6 remark: spectral norms <= 1", "t6 scaled"]


@pytest.mark.parametrize("name", NAMES)
def test_honest_accepted_and_status_changes_rejected(certs, name):
    cert = certs[name]
    assert recheck(cert)[0], recheck(cert)[1]
    for s in STATUSES:
        if s != cert["status"]:
            bad = {**cert, "status": s}
            if s == "proved":
                bad["argument"] = []
            assert not recheck(bad)[0], (name, s)


@pytest.mark.parametrize("name", NAMES)
def test_relabels_rejected(certs, name):
    cert = certs[name]
    for other in NAMES:
        o = certs[other]
        if (o["claim"], o["variant"]) != (cert["claim"], cert["variant"]):
            assert not recheck({**cert, "claim": o["claim"], "variant": o["variant"]})[0], (name, other)
    assert not recheck({**cert, "claim": "002-P1"})[0]


@pytest.mark.parametrize("name", NAMES)
def test_dropped_and_extra_evidence_rejected(certs, name):
    cert = certs[name]
    for key in cert["evidence"]:
        bad = copy.deepcopy(cert)
        del bad["evidence"][key]
        assert not recheck(bad)[0], (name, key)
    bad = copy.deepcopy(cert)
    bad["evidence"]["note"] = "trust me"
    assert not recheck(bad)[0]
    bad = copy.deepcopy(cert)
    bad["scope"]["n_max"] = 3
    assert not recheck(bad)[0]


def _first_cover(cert):
    ev = cert["evidence"]
    if "covers" in ev:
        return ev["covers"][0]
    if "instances" in ev and "levels" in ev["instances"][0]:
        return ev["instances"][0]["levels"][-1]
    if "cover" in ev:
        return ev["cover"]
    return ev["instances"][0] if isinstance(ev["instances"][0], dict) else None


@pytest.mark.parametrize("name", [n for n in NAMES if n not in ("t5", "t5 wrong", "t6 scaled", "co4 cones",
                                                            "co4 cones, non-zero bias")])
def test_cover_witnesses_changed_rejected(certs, name):
    cert = certs[name]
    bad = copy.deepcopy(cert)
    cov = _first_cover(bad)
    cov["regions"].pop()  # a missing region: the cover is incomplete
    assert not recheck(bad)[0]
    bad = copy.deepcopy(cert)
    cov = _first_cover(bad)
    r = cov["regions"]
    r[0][1], r[1][1] = r[1][1], r[0][1]  # points swapped: each lies in the other's (disjoint) region
    assert not recheck(bad)[0]
    bad = copy.deepcopy(cert)
    cov = _first_cover(bad)
    if cov["empty"]:
        cov["empty"][0][1] = [0] * len(cov["empty"][0][1])  # a void multiplier
        assert not recheck(bad)[0]
    bad = copy.deepcopy(cert)
    cov = _first_cover(bad)
    cov["regions"].append(copy.deepcopy(cov["regions"][0]))  # a region twice
    assert not recheck(bad)[0]


def test_conf_empty_or_shrunk_box_and_swapped_network(certs):
    cert = certs["conf"]
    for box in (["1", "1"], ["2", "1"], ["-1/2", "1/2"]):
        assert not recheck({**cert, "scope": {**cert["scope"], "box": box}})[0]
    bad = copy.deepcopy(cert)
    net = bad["scope"]["networks"][0]["network"]["value"]
    net["layers"][-1]["weight"][0][0] = "7"
    assert not recheck(bad)[0]  # hash mismatch
    bad["scope"]["networks"][0]["network"] = bind(net)
    assert recheck(bad)[0]  # re-bound: a statement about the new network (its hash is what the verdict records)
    bad = copy.deepcopy(cert)
    bad["evidence"]["checked"] -= 1
    assert not recheck(bad)[0]
    bad = copy.deepcopy(cert)
    bad["scope"]["networks"].pop()
    assert not recheck(bad)[0]  # one cover too many


def test_ex2_scope_changes_rejected(certs):
    cert = certs["ex2"]
    for scope in ({"k_max": 2, "grid": 1}, {"k_max": 1, "grid": 0}, {"k_max": 1, "grid": 2}, {"k_max": 0, "grid": 1}):
        assert not recheck({**cert, "scope": scope})[0], scope
    bad = copy.deepcopy(cert)  # the class's covers swapped: each must fit its own network
    bad["evidence"]["class"][0], bad["evidence"]["class"][-1] = bad["evidence"]["class"][-1], bad["evidence"]["class"][0]
    assert not recheck(bad)[0]


def test_p3_box_and_count(certs):
    cert = certs["p3"]
    assert not recheck({**cert, "scope": {"box": ["-2", "2"]}})[0]
    assert not recheck({**cert, "scope": {"box": ["3", "-2"]}})[0]
    bad = copy.deepcopy(cert)
    bad["evidence"]["count"] += 1
    assert not recheck(bad)[0]
    bad = copy.deepcopy(cert)
    bad["evidence"]["instances"][0]["levels"].pop()
    assert not recheck(bad)[0]


def test_co4_literal_counterexample_changed(certs):
    cert = certs["co4 literal P(D) non-empty"]
    for key, value in (("at", [1]), ("pattern", [[1, 0], []]), ("y", [1, 0])):
        bad = copy.deepcopy(cert)
        bad["evidence"][key] = value
        assert not recheck(bad)[0], key
    bad = copy.deepcopy(cert)  # a network without the degenerate pattern: x -> rho(x)
    bad["evidence"]["network"] = {"layers": [{"weight": [[1]], "activation": "relu"}, {"weight": [[1]]}]}
    assert not recheck(bad)[0]


def test_counts_and_hypotheses(certs):
    for name, key in (("co4 full-dimensional", "polytopes"),
                      ("t6 remark: spectral norms <= 1", "depth")):
        bad = copy.deepcopy(certs[name])
        bad["evidence"]["instances"][0][key] += 1
        assert not recheck(bad)[0], name
    bad = copy.deepcopy(certs["t6 (i) normalised atoms"])
    bad["evidence"]["instances"][0]["global_bound"] = "1/1000"
    assert not recheck(bad)[0]


def test_t6_psd_is_built_from_the_network(certs):
    """Scaling the output layer breaks the hypotheses ((i): unit columns; remark: norms <= 1) and
    the bound; the spec builds beta^2 I - T^T T itself, so no matrix in the certificate can stand in."""
    for name in ("t6 (i) normalised atoms", "t6 remark: spectral norms <= 1", "t6 (ii) spectral"):
        bad = copy.deepcopy(certs[name])
        inst = bad["evidence"]["instances"][-1]
        net = inst["network"]["value"]
        net["layers"][-1]["weight"] = [[str(4 * __import__("fractions").Fraction(v)) for v in row]
                                       for row in net["layers"][-1]["weight"]]
        inst["network"] = bind(net)
        if name == "t6 (ii) spectral":
            inst["layer"] = 0  # rho from a small layer, the output layer now 4 times larger
        assert not recheck(bad)[0], name
    bad = copy.deepcopy(certs["t6 (ii) spectral"])
    bad["evidence"]["instances"][0]["vector"] = [0] * len(bad["evidence"]["instances"][0]["vector"])
    assert not recheck(bad)[0]


def test_refuted_variants(certs):
    bad = copy.deepcopy(certs["t6 scaled"])
    bad["scope"]["factor"] = 1  # the true bound holds on the region: no counterexample
    assert not recheck(bad)[0]
    bad = copy.deepcopy(certs["t6 scaled"])
    bad["evidence"]["point"] = ["100", "100"]
    assert not recheck(bad)[0]
    bad = copy.deepcopy(certs["t5 wrong"])  # a one-hidden-layer network: every path is through an active neuron
    bad["evidence"] = {"network": {"layers": [{"weight": [[1]], "activation": "relu"}, {"weight": [[1]]}]},
                       "pattern": [[1], []], "point": [1]}
    assert not recheck(bad)[0]


def test_co4_cones_proved_scope_and_argument(certs):
    cert = certs["co4 cones"]
    assert cert["status"] == "proved" and cert["scope"]["widths"] == [[2, 2, 1], [1, 2, 1, 1]]
    for change in ({"checked": cert["evidence"]["checked"] + 1}, {"checked": 0}):
        assert not recheck({**cert, "evidence": change})[0]
    for widths in ([[2, 2, 1]], [[2, 3, 1]], [[2, 2]], [[1, 0, 1]], [[True, 2, 1]], "x"):
        assert not recheck({**cert, "scope": {"widths": widths}})[0], widths   # count, size limit or shape
    small = {**cert, "scope": {"widths": [[1, 1, 1]]}, "evidence": {"checked": 9 * 2}}
    assert recheck(small)[0]                                                   # a smaller class, its own count
    for k in range(len(cert["argument"])):
        bad = copy.deepcopy(cert)
        bad["argument"][k]["checker"] = "sympy"
        assert not recheck(bad)[0]


def test_co4_cones_negative_control(certs):
    cert = certs["co4 cones, non-zero bias"]
    for ev in ({"t": "2"}, {"t": "-1/4"}, {"x": ["0"]}):
        bad = copy.deepcopy(cert)
        bad["evidence"].update(ev)
        assert not recheck(bad)[0], ev
    bad = copy.deepcopy(cert)
    bad["evidence"]["network"]["layers"][0]["bias"] = ["0"]                   # zero biases: every region a cone
    assert not recheck(bad)[0]


def test_t5_verified_class(certs):
    cert = certs["t5"]
    assert cert["status"] == "verified" and cert["evidence"]["max_atoms"] == 2
    for ev in ({"checked": cert["evidence"]["checked"] - 1}, {"max_atoms": 1}, {"max_atoms": 3}):
        assert not recheck({**cert, "evidence": {**cert["evidence"], **ev}})[0], ev
    small = {**cert, "scope": {"widths": [[1, 1, 1]]}, "evidence": {"checked": 9 * 2, "max_atoms": 1}}
    assert recheck(small)[0]
    for widths in ([[1, 1, 1]], [[2, 3, 1]], [[1, 1]]):
        assert not recheck({**cert, "scope": {"widths": widths}})[0], widths
    # the listed-networks form (inconclusive) stays available, the class form is not proved
    assert not recheck({**cert, "status": "proved", "argument": []})[0]
