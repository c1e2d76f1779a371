"""The 003 specifications (proofs/kernel/specs/p003.py): honest certificates accepted, lies rejected."""

import copy
from fractions import Fraction

import pytest
from honest_certificates import honest as cached
from honest_certificates import scope_only

from proofs.certificates import bind
from proofs.kernel import recheck

STATUSES = ("proved", "verified", "refuted", "inconclusive")


def _build_certs():
    from proofs.claims.p003 import configurations, corollary4, example2, proposition3, theorem5, theorem6

    out = {"conf": configurations.check().certificate,
           "ex2": example2.check(k_max=1, grid=1)[0].certificate,
           "p3": proposition3.check(networks="random 1-3-3-1", exhaustive=False).certificate,
           "p3 class": proposition3.check(networks="random 1-3-3-1").certificate,
           "t5": theorem5.check().certificate,
           "t5 wrong": theorem5.check(all_neurons=True).certificate}
    for v in corollary4.check(n_cone_nets=1, exhaustive=False):
        out["co4 " + v.variant] = v.certificate
    out["co4 class full-dimensional"] = corollary4.check(n_cone_nets=1)[0].certificate
    for v in theorem6.check(max_depth=3, exhaustive=False):
        out["t6 " + v.variant] = v.certificate
    for v in theorem6.check(max_depth=2):
        out["t6 class " + v.variant] = v.certificate
    out["t6 scaled"] = theorem6.check(factor="1/4", max_depth=2)[0].certificate
    out.update(_small_class_certs())
    return out


#: Small class scopes (a few hundred networks, each re-checked in under half a second) for the tests that
#: mutation testing runs once per mutant; the claims' own classes (seconds to minutes a re-check) are tested
#: under ``slow``.  Regions: a 2-D layer of two neurons (parallel, opposite and crossing lines), a 1-D deep net,
#: a 2-D net with a second layer; 1-3: three neurons on a line (5 rows of a pattern's system with the box).
SMALL_REGION_CLASSES = [{"widths": [2, 2], "weights": ["-1", "1"], "biases": ["-1", "0"]},
                        {"widths": [1, 1, 1], "weights": ["-1", "1"], "biases": ["-1", "1"]},
                        {"widths": [2, 1, 1], "weights": ["0", "1"], "biases": ["0", "1"]}]
SMALL_REGION_BOX = ["-2", "2"]
SMALL_T6 = {"(i) normalised atoms": {"widths": [[2, 2, 1], [1, 1, 1, 1], [2, 1, 1]], "inner": ["-2", "1/2"]},
            "(ii) spectral": {"widths": [[2, 1, 1], [1, 2, 1], [1, 1, 1, 1]], "values": ["-1", "0", "2"]},
            "remark: spectral norms <= 1": {"widths": [[2, 1, 1], [1, 2, 1], [1, 1, 1, 1]],
                                            "values": ["-1", "1/2", "1"]}}


def _small_class_certs():
    """Verified certificates of the small classes, their counts found by the claim modules' own code."""
    from proofs.claims.p003 import class_region_counts, corollary4, proposition3, theorem6

    scope = {"classes": SMALL_REGION_CLASSES, "box": SMALL_REGION_BOX}
    nets, regions = class_region_counts(SMALL_REGION_CLASSES, SMALL_REGION_BOX, levels=True)
    out = {"p3 small": proposition3.check.certificate("verified", scope=scope,
                                                      evidence={"checked": nets, "regions": regions})}
    nets, polytopes = class_region_counts(SMALL_REGION_CLASSES, SMALL_REGION_BOX)
    out["co4 small full-dimensional"] = corollary4.check.certificate(
        "verified", variant="full-dimensional", scope=scope, evidence={"checked": nets, "polytopes": polytopes})
    for variant, sc in SMALL_T6.items():
        res = theorem6.class_check(variant, sc)
        assert res["failure_count"] == 0
        ev = {"checked": res["checked"], **({"attained": res["attained"]} if variant.startswith("(i)") else {})}
        out["t6 small " + variant] = theorem6.check.certificate("verified", variant=variant, scope=sc, evidence=ev)
    return out


@pytest.fixture(scope="module")
def certs():
    return cached("p003", _build_certs)


NAMES = ["conf", "ex2", "p3", "t5", "t5 wrong", "co4 full-dimensional", "co4 literal P(D) non-empty", "co4 cones",
         "co4 cones, non-zero bias",
         "t6 (i) normalised atoms", "t6 (ii) spectral", "t6 remark: spectral norms <= 1", "t6 scaled",
         "t6 class (i) normalised atoms", "t6 class (ii) spectral", "t6 class remark: spectral norms <= 1",
         "t6 class (ii) spectral, lower power (control)", "t6 class remark, norms not bounded (control)",
         "p3 class", "co4 class full-dimensional",
         "p3 small", "co4 small full-dimensional", "t6 small (i) normalised atoms", "t6 small (ii) spectral",
         "t6 small remark: spectral norms <= 1"]
#: The claims' own classes: each re-check takes seconds to minutes (tested under slow).
FULL_CLASSES = {"t6 class (i) normalised atoms", "t6 class (ii) spectral", "t6 class remark: spectral norms <= 1",
                "p3 class", "co4 class full-dimensional"}
PARAMS = [pytest.param(n, marks=pytest.mark.slow) if n in FULL_CLASSES else n for n in NAMES]


@pytest.mark.parametrize("name", PARAMS)
def test_honest_accepted_and_status_changes_rejected(certs, name):
    cert = certs[name]
    assert recheck(cert)[0], recheck(cert)[1]
    for s in STATUSES:
        if s != cert["status"]:
            bad = {**cert, "status": s}
            if s == "proved":
                bad["argument"] = []
            assert not recheck(bad)[0], (name, s)


@pytest.mark.parametrize("name", PARAMS)
def test_relabels_rejected(certs, name):
    cert = certs[name]
    for other in NAMES:
        o = certs[other]
        if (o["claim"], o["variant"]) != (cert["claim"], cert["variant"]):
            assert not recheck({**cert, "claim": o["claim"], "variant": o["variant"]})[0], (name, other)
    assert not recheck({**cert, "claim": "002-P1"})[0]


@pytest.mark.parametrize("name", PARAMS)
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
                                                            "co4 cones, non-zero bias") and "class" not in n
                                      and "small" not in n])
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


# -- boundaries and hypotheses that the honest certificates above do not reach ----------------------
def _layers(*layers):
    from exact.network import Network

    return Network.from_layers(*[dict(weight=w, bias=b, activation=a) if b is not None else dict(weight=w, activation=a)
                                 for w, b, a in layers])


def _t6_tight(m):
    """L = 3, M = m: unit rows of W_1 and unit columns of W_L all along e_1, so on the all-active
    region ||T|| = 4 m = M^(L-2) |A_1| |A_2| (bound (i) attained)."""
    return _layers(([[1, 0], [1, 0]], [0, 0], "relu"), ([[m, m], [m, m]], [0, 0], "relu"),
                   ([[1, 1], [0, 0]], None, "identity"))


def _build_extra():
    from proofs.certificates import certificate, network_json
    from proofs.claims.p003 import cover_evidence, enumerate_certified, example2, instances_evidence

    def inst(net, **more):
        return {**cover_evidence(enumerate_certified(net)), **more}

    def cert(claim, variant, status, scope, instances):
        return certificate(claim, status, variant=variant, scope=scope,
                           evidence=instances_evidence("networks built by the test", instances))

    out = {"ex2 k3 grid0": example2.check(k_max=3, grid=0)[0].certificate}
    # (i): M = 2 and M = 1/2 with the bound attained; M = 3 from a negative weight (max |w|, not max w);
    # L = 4 with M from the last inner layer
    nets_i = {"M=2": (_t6_tight(2), 8), "M=1/2": (_t6_tight("1/2"), 2),
              "negative": (_layers(([[1, 0]], [0], "relu"), ([[-3], [1]], [1, 0], "relu"),
                                   ([[1, 0], [0, 1]], None, "identity")), 6),
              "L=4": (_layers(([[1, 0]], [0], "relu"), ([[1]], [0], "relu"), ([[2]], [0], "relu"),
                              ([[1], [0]], None, "identity")), 4)}
    out["t6 (i) built"] = cert("003-T6", "(i) normalised atoms", "inconclusive", {},
                               [inst(n, global_bound=g) for n, g in nets_i.values()])
    # the hypotheses of (i) fail (W_1 row, or W_L column, of norm 1/2) while the bound still holds
    half_row = _layers(([[Fraction(1, 2), 0], [1, 0]], [0, 0], "relu"), ([[1, 1], [1, 1]], [0, 0], "relu"),
                       ([[1, 1], [0, 0]], None, "identity"))
    half_col = _layers(([[1, 0], [1, 0]], [0, 0], "relu"), ([[1, 1], [1, 1]], [0, 0], "relu"),
                       ([[Fraction(1, 2), 1], [0, 0]], None, "identity"))
    out["t6 (i) W_1 row"] = cert("003-T6", "(i) normalised atoms", "inconclusive", {}, [inst(half_row, global_bound=4)])
    out["t6 (i) W_L column"] = cert("003-T6", "(i) normalised atoms", "inconclusive", {},
                                    [inst(half_col, global_bound=4)])
    # (ii): rho^L = ||T||^2 exactly on the all-active region; layer 0 with |v| != 1, then layer 1
    two = _layers(([[2, 0], [0, 2]], [0, 0], "relu"), ([[2, 0], [0, 2]], None, "identity"))
    half = _layers(([[Fraction(1, 2), 0], [0, Fraction(1, 2)]], [0, 0], "relu"),
                   ([[Fraction(1, 2), 0], [0, Fraction(1, 2)]], None, "identity"))
    out["t6 (ii) built"] = cert("003-T6", "(ii) spectral", "inconclusive", {},
                                [inst(two, layer=0, vector=["1/2", "0"]), inst(half, layer=1, vector=["2", "0"])])
    # remark: the conclusion ||T|| <= 1 holds, the hypothesis (every layer of norm <= 1) does not;
    # the second network has a 1 x 2 layer of norm sqrt 2 (a non-square W^T W)
    big_small = _layers(([[2, 0], [0, 2]], [0, 0], "relu"), ([[Fraction(1, 2), 0], [0, Fraction(1, 2)]], None, "identity"))
    wide = _layers(([[1, 1]], [0], "relu"), ([[Fraction(1, 2)]], None, "identity"))
    out["t6 remark big"] = cert("003-T6", "remark: spectral norms <= 1", "inconclusive", {}, [inst(big_small, depth=2)])
    out["t6 remark wide"] = cert("003-T6", "remark: spectral norms <= 1", "inconclusive", {}, [inst(wide, depth=2)])
    # 003-P3 on a 2-D network, and on R (box null: no exact areas)
    from exact.network import Network
    from proofs.claims.p003 import network_zoo
    from proofs.certificates import bind

    def p3(net, box):
        levels = [cover_evidence(enumerate_certified(Network(net.layers[:l]) if l < len(net.layers) else net,
                                                     None if box is None else tuple(box)), network=None)
                  for l in range(1, len(net.layers) + 1)]
        return certificate("003-P3", "inconclusive", scope={"box": box}, evidence=instances_evidence(
            "built by the test", [{"network": bind(network_json(net)), "levels": levels}]))
    small2d = _layers(([[1, 0], [0, 1]], [0, 0], "relu"), ([[1, 1]], [-1], "relu"), ([[1]], None, "identity"))
    out["p3 2d"] = p3(small2d, ["-2", "3"])
    out["p3 no box"] = p3(network_zoo()["random 1-3-3-1"], None)
    # 003-Conf inside a box; 003-T5 on a network whose every neuron is off (no atom anywhere)
    e = enumerate_certified(small2d, ("-1", "1"))
    out["conf box"] = certificate("003-Conf", "verified", scope={"box": ["-1", "1"], "networks": [
        {"name": "small", "network": bind(network_json(small2d))}]}, evidence={
        "covers": [cover_evidence(e, network=None)], "checked": len(e.regions)})
    dead = _layers(([[0, 0]], [-1], "relu"), ([[1]], None, "identity"))
    out["t5 dead"] = cert("003-T5", None, "inconclusive", {}, [inst(dead, max_atoms=0)])
    return out


@pytest.fixture(scope="module")
def extra():
    return cached("p003 built by the tests", _build_extra)


def _why(cert):
    return recheck(cert)[1]


def _rejected(cert, reason):
    ok, why = recheck(cert)
    assert not ok and reason in why, why


def test_t6_i_bound_attained_with_m_not_one(extra):
    """Bound (i) is attained (M = 2, M = 1/2, L = 3), so any other power of M or product of the |A_l|
    fails; M is the largest |w| (a negative weight) of every inner layer (L = 4)."""
    cert = extra["t6 (i) built"]
    assert recheck(cert)[0], _why(cert)
    for k, (glob, wrong) in enumerate((("8", "16"), ("2", "1"), ("6", "2"), ("4", "2"))):
        bad = copy.deepcopy(cert)
        bad["evidence"]["instances"][k]["global_bound"] = wrong
        _rejected(bad, "global bound is %s" % glob)
    for factor, ok in (("1", True), ("99/100", False)):  # the scaled variant: tight, so any factor < 1 fails
        scaled = {**cert, "variant": "(i) normalised atoms (scaled bound)", "scope": {"factor": factor}}
        if not ok:
            for inst in scaled["evidence"]["instances"]:
                inst["global_bound"] = str(Fraction(inst["global_bound"]) * Fraction(factor))
        assert recheck(scaled)[0] is ok, _why(scaled)


def test_t6_i_refuted_on_the_tight_networks(extra):
    """A counterexample to the scaled bound with M = 2 and with M = 1/2 (L = 3): ||T|| = 4 M > (3/4) 4 M."""
    from proofs.certificates import certificate

    for k in (0, 1):
        inst = extra["t6 (i) built"]["evidence"]["instances"][k]
        region = next(r for r in inst["regions"] if r[0][0] == [1, 1])
        net = inst["network"]["value"]
        good = certificate("003-T6", "refuted", variant="(i) normalised atoms (scaled bound)", scope={"factor": "3/4"},
                           evidence={"network": net, "pattern": region[0], "point": region[1]})
        assert recheck(good)[0], _why(good)
        _rejected({**good, "scope": {"factor": "1"}}, "the bound holds")
        _rejected({**good, "scope": {"factor": "0"}}, "must be positive")  # factor 0: every T != 0 "exceeds"


def test_t6_i_hypotheses_checked_on_their_own(extra):
    for name in ("t6 (i) W_1 row", "t6 (i) W_L column"):
        _rejected(extra[name], "W_1 needs unit rows and W_L unit columns")


def test_t6_ii_rayleigh_bound_attained(extra):
    cert = extra["t6 (ii) built"]
    assert recheck(cert)[0], _why(cert)
    for key, value, reason in (("layer", 2, "instances[0].layer"), ("vector", ["1/2", "0", "0"], "expected 2 entries"),
                               ("vector", ["0", "0"], "the vector is zero")):
        bad = copy.deepcopy(cert)
        bad["evidence"]["instances"][0][key] = value
        _rejected(bad, reason)


def test_t6_remark_hypothesis_is_checked(extra):
    for name in ("t6 remark big", "t6 remark wide"):
        _rejected(extra[name], "a layer has norm > 1")


def test_p3_dimension_and_box(extra, certs):
    cert = extra["p3 2d"]
    assert recheck(cert)[0], _why(cert)
    _rejected(extra["p3 no box"], "a measure needs d <= 2 and a bounded box")
    bad = copy.deepcopy(certs["p3"])
    bad["evidence"]["instances"][0]["network"] = bind({"layers": [{"weight": [[1, 0, 0]], "activation": "relu"},
                                                                  {"weight": [[1]]}]})
    _rejected(bad, "exact areas need d <= 2")


def test_ex2_scope_bounds(extra, certs):
    cert = extra["ex2 k3 grid0"]
    assert cert["scope"] == {"k_max": 3, "grid": 0} and recheck(cert)[0], _why(cert)
    honest = certs["ex2"]
    for scope, key in (({"k_max": 4, "grid": 1}, "k_max"), ({"k_max": 1, "grid": 3}, "grid")):
        _rejected({**honest, "scope": scope}, "scope.%s" % key)
    bad = copy.deepcopy(honest)  # k_max = 0: no instance, counted consistently
    bad["scope"]["k_max"], bad["evidence"]["instances"] = 0, []
    bad["evidence"]["checked"] -= 1
    _rejected(bad, "scope.k_max")
    bad = copy.deepcopy(honest)  # one instance cover short for k_max = 2
    bad["scope"]["k_max"] = 2
    bad["evidence"]["checked"] += 1
    _rejected(bad, "evidence.instances: 1 entries")
    bad = copy.deepcopy(honest)  # one class cover short
    bad["evidence"]["class"].pop()
    _rejected(bad, "evidence.class:")


def test_counts_of_listed_objects_at_their_lower_limits(extra, certs):
    bad = copy.deepcopy(certs["co4 full-dimensional"])
    bad["evidence"]["instances"], bad["evidence"]["count"] = [], 0
    _rejected(bad, "evidence.instances")
    conf = certs["conf"]
    one = copy.deepcopy(conf)  # one network and its cover
    one["scope"]["networks"], one["evidence"]["covers"] = conf["scope"]["networks"][:1], conf["evidence"]["covers"][:1]
    one["evidence"]["checked"] = len(conf["evidence"]["covers"][0]["regions"])
    assert recheck(one)[0], _why(one)
    none = copy.deepcopy(one)
    none["scope"]["networks"], none["evidence"]["covers"], none["evidence"]["checked"] = [], [], 0
    _rejected(none, "scope.networks")
    short = copy.deepcopy(conf)  # the last network without its cover
    short["evidence"]["covers"].pop()
    short["evidence"]["checked"] -= len(conf["evidence"]["covers"][-1]["regions"])
    _rejected(short, "evidence.covers")


def test_conf_in_a_box_and_t5_without_atoms(extra):
    for name in ("conf box", "t5 dead"):
        assert recheck(extra[name])[0], (name, _why(extra[name]))
    bad = copy.deepcopy(extra["t5 dead"])
    bad["evidence"]["instances"][0]["max_atoms"] = 1
    _rejected(bad, "the largest number of atoms is 0")


def test_network_shape_and_cover_entries(certs):
    cert = certs["co4 full-dimensional"]
    relu = {"weight": [[1, 0]], "bias": [0], "activation": "relu"}
    for layers in ([{"weight": [[1, 0]], "bias": [0], "activation": "hard_threshold", "threshold": "0"}, {"weight": [[1]]}],
                   [{"weight": [[1, 0]], "activation": "identity"}],
                   [relu, {"weight": [[1]], "bias": [0], "activation": "hard_threshold", "threshold": "0"}, {"weight": [[1]]}]):
        bad = copy.deepcopy(cert)
        bad["evidence"]["instances"][0]["network"] = bind({"layers": layers})
        _rejected(bad, "expected relu hidden layers and an identity output layer")
    bad = copy.deepcopy(cert)
    bad["evidence"]["instances"][0]["regions"][0].append("unchecked")
    _rejected(bad, "expected [pattern, point-or-multiplier]")
    bad = copy.deepcopy(cert)
    bad["evidence"]["instances"][0]["regions"] = []
    _rejected(bad, "regions: 0 entries")


def test_co4_cones_number_of_width_lists(certs):
    cert = certs["co4 cones"]
    one = [1, 1, 1]                                   # 9 networks, 2 full patterns each
    for k in (1, 4):
        assert recheck({**cert, "scope": {"widths": [one] * k}, "evidence": {"checked": 18 * k}})[0], k
    for k in (0, 5):
        _rejected({**cert, "scope": {"widths": [one] * k}, "evidence": {"checked": 18 * k}}, "scope.widths: %d entries" % k)


def test_co4_cones_bias_point_and_factor(certs):
    cert = certs["co4 cones, non-zero bias"]
    # every bias non-zero (all 1): relu(x + 1) is off at x = -2 and on at x / 8 = -1/4
    net = {"layers": [{"weight": [[1]], "bias": [1], "activation": "relu"}, {"weight": [[1]], "bias": [1]}]}
    good = {**cert, "evidence": {"network": net, "x": ["-2"], "t": "1/8"}}
    assert recheck(good)[0], recheck(good)
    _rejected({**good, "evidence": {**good["evidence"], "t": "0"}}, "t must be positive")
    _rejected({**good, "evidence": {**good["evidence"], "x": ["-2", "1"]}}, "evidence.x")
    _rejected({**good, "evidence": {**good["evidence"], "x": []}}, "evidence.x")


def test_t5_number_of_width_lists(certs):
    cert = certs["t5"]
    one = [1, 1, 1]                                   # 9 networks, 2 full patterns each, at most 1 atom
    for k in (1, 4):
        assert recheck({**cert, "scope": {"widths": [one] * k}, "evidence": {"checked": 18 * k, "max_atoms": 1}})[0], k
    for k in (0, 5):
        _rejected({**cert, "scope": {"widths": [one] * k}, "evidence": {"checked": 18 * k, "max_atoms": 1}},
                  "scope.widths: %d entries" % k)
    _rejected({**cert, "scope": {"widths": []}, "evidence": {"checked": 0, "max_atoms": 0}}, "scope.widths: 0 entries")


def test_zero_bias_class_widths_named(certs):
    # each width list is checked on its own, with the reason named (not only by a wrong count)
    for name in ("co4 cones", "t5"):
        cert = certs[name]
        extra = {"max_atoms": 1} if name == "t5" else {}
        for widths in ([2, 2], [2, 1], [1, 1], [1, 4, 1], [4, 1, 1], [0, 1, 1], [1, 1, 0], [True, 1, 1],
                       [1, True, 1], ["1", 1, 1], [1, 1, "1/2"]):
            _rejected({**cert, "scope": {"widths": [widths]}, "evidence": {"checked": 18, **extra}},
                      "widths must be [d, n_1, ..., n_L] with 1 <= each <= 3 and a hidden layer")
        for widths in ([1, 3, 1, 1], [2, 3, 1]):                 # 7 and 9 weights
            _rejected({**cert, "scope": {"widths": [widths]}, "evidence": {"checked": 18, **extra}},
                      "at most 6 weights per width list")
        # a width of 3 is admitted: [3, 1, 1] has 4 weights, 81 networks, 2 full patterns each
        wide = {**cert, "scope": {"widths": [[3, 1, 1]]}, "evidence": {"checked": 162, **extra}}
        assert recheck(wide)[0], (name, recheck(wide))


# -- 003-T6 over classes the kernel re-enumerates --------------------------------------------------------
#: the claims' classes (slow) and the small ones: the same lies rejected on both
SIZES = [pytest.param("class", marks=pytest.mark.slow), "small"]


@pytest.mark.parametrize("size", SIZES)
def test_t6_classes_scope_changes(certs, size):
    i_cert = certs["t6 %s (i) normalised atoms" % size]
    assert i_cert["status"] == "verified" and i_cert["evidence"] == (
        {"checked": 5856, "attained": 1040} if size == "class" else {"checked": 304, "attained": 160})
    for name in ("t6 %s (i) normalised atoms" % size, "t6 %s (ii) spectral" % size,
                 "t6 %s remark: spectral norms <= 1" % size):
        cert = certs[name]
        key = "inner" if "(i)" in name else "values"
        shrunk = copy.deepcopy(cert)
        shrunk["scope"]["widths"].pop()                          # a width list fewer: the count no longer matches
        _rejected(shrunk, "the kernel enumerated")
        fewer = copy.deepcopy(cert)
        fewer["scope"][key] = fewer["scope"][key][1:]             # a value fewer
        _rejected(fewer, "the kernel enumerated")
        for widths, why in (([[2, 2, 2]], "one output"), ([[1, 3, 2, 1]], "at most 4 hidden"), ([[2, 1]], "a hidden layer"),
                            ([[2, 4, 1]], "1 <= each <= 3")):
            _rejected({**cert, "scope": {**cert["scope"], "widths": widths}}, why)
        _rejected({**cert, "scope": {**cert["scope"], key: ["0", "0"]}}, "distinct")
    small = {**i_cert, "scope": {"widths": [[1, 1, 1]], "inner": ["1"]}, "evidence": {"checked": 8, "attained": 4}}
    assert recheck(small)[0], _why(small)                       # W_1, W_L in {1, -1}: 4 networks, 2 patterns each
    _rejected({**small, "evidence": {"checked": 8, "attained": 3}}, "attained")


@pytest.mark.parametrize("size", SIZES)
def test_t6_class_scaled_bound(certs, size):
    """The scaled bound (i) over the class: factor 1 holds, 99/100 fails where the bound is attained."""
    cert = certs["t6 %s (i) normalised atoms" % size]
    scaled = {**cert, "variant": "(i) normalised atoms (scaled bound)", "scope": {**cert["scope"], "factor": "1"}}
    assert recheck(scaled)[0], _why(scaled)
    _rejected({**scaled, "scope": {**scaled["scope"], "factor": "99/100"}}, "exceeds the bound")


def test_t6_class_negative_controls(certs):
    for name in ("t6 class (ii) spectral, lower power (control)", "t6 class remark, norms not bounded (control)"):
        ctrl = certs[name]
        assert ctrl["status"] == "refuted" and recheck(ctrl)[0], _why(ctrl)
        bad = copy.deepcopy(ctrl)                                 # the second layer's weight 1/4: the bound holds
        bad["evidence"]["network"]["layers"][-1]["weight"] = [["1/4"]]
        assert not recheck(bad)[0], name
        assert not recheck({**ctrl, "status": "verified", "evidence": {"checked": 1}})[0]
    ctrl = certs["t6 class (ii) spectral, lower power (control)"]
    _rejected({**ctrl, "scope": {"k": 2}}, "scope.k")           # L = 2: B^0 = 1 is not a lower power in scope
    ctrl = certs["t6 class remark, norms not bounded (control)"]
    _rejected({**ctrl, "evidence": {**ctrl["evidence"], "layer": 1}}, "the layer has norm <= 1")


# -- 003-P3 and 003-Co4 [full-dimensional] over classes whose regions the kernel finds itself ---------------
@pytest.mark.parametrize("size", SIZES)
def test_region_classes_scope_changes(certs, size):
    for name, key in (("p3 %s" % size, "regions"), ("co4 %s full-dimensional" % size, "polytopes")):
        cert = certs[name]
        assert cert["status"] == "verified" and recheck(cert)[0], _why(cert)
        bad = copy.deepcopy(cert)
        bad["scope"]["classes"].pop()                                   # a class fewer: the count no longer matches
        _rejected(bad, "the kernel enumerated")
        bad = copy.deepcopy(cert)
        bad["scope"]["classes"][0]["biases"] = bad["scope"]["classes"][0]["biases"][1:]   # a bias value fewer
        _rejected(bad, "the kernel enumerated")
        bad = copy.deepcopy(cert)
        bad["evidence"][key] += 1
        _rejected(bad, key if key == "regions" else "polytopes")
        _rejected({**cert, "scope": {**cert["scope"], "box": ["-1", "1"]}}, "the class has")   # another box: other counts
        for widths, why in (([3, 1], "d <= 2"), ([2, 4], "1 <= n_l <= 3"), ([2], "widths must be")):
            bad = copy.deepcopy(cert)
            bad["scope"]["classes"][0]["widths"] = widths
            _rejected(bad, why)
        bad = copy.deepcopy(cert)
        bad["scope"]["classes"][0]["widths"] = [2, 3, 3]                # 3^12 * 3^6 networks: refused before enumerating
        _rejected(bad, "networks (at most")
        small = {**cert, "scope": {"classes": [{"widths": [1, 1], "weights": ["1"], "biases": ["0"]}],
                                   "box": ["-1", "1"]}, "evidence": {"checked": 1, key: 2}}
        assert recheck(small)[0], _why(small)                           # relu(x): x < 0 and x > 0


@pytest.mark.parametrize("size", SIZES)
def test_region_classes_a_lost_region_is_caught(certs, monkeypatch, size):
    """Negative control: an enumeration that loses a region (the kernel's Fourier-Motzkin point withheld
    for one pattern) cannot pass, because the areas no longer sum to the box's (and the Motzkin check of
    the pattern it calls empty fails)."""
    from proofs.kernel.specs import p003 as S

    real = S._open_point
    def lossy(rows, d):
        kind, v = real(rows, d)
        return ("empty", [1] + [0] * (len(rows) - 1)) if kind == "point" and len(rows) == lose else (kind, v)
    lose = 5 if size == "class" else 6          # a pattern of one 2-D neuron in the box; of two
    monkeypatch.setattr(S, "_open_point", lossy)
    for name in ("p3 %s" % size, "co4 %s full-dimensional" % size):
        assert not recheck(certs[name])[0], name


def test_region_classes_statement_controls(certs):
    """The classes decide the statement, not just their counts: relu(x) - with its second layer's
    refinement in 1-1-1 - has 2 regions of level 1 and the refined ones of level 2."""
    cert = certs["p3 class"]
    one = {**cert, "scope": {"classes": [{"widths": [1, 1, 1], "weights": ["-1", "1"], "biases": ["1"]}],
                             "box": ["-2", "2"]}}
    from proofs.claims.p003 import class_region_counts
    nets, regions = class_region_counts(one["scope"]["classes"], ["-2", "2"], levels=True)
    assert recheck({**one, "evidence": {"checked": nets, "regions": regions}})[0]
    assert not recheck({**one, "evidence": {"checked": nets, "regions": regions - 1}})[0]
    assert not recheck({**one, "status": "proved", "argument": [], "evidence": {"checked": nets, "regions": regions}})[0]


def test_t6_controls_read_their_indices_at_the_bounds(certs):
    """k of the lower-power control and the layer of the remark's control, each at both ends: k = 0 is (ii)
    itself, not a lower power; a layer past the last is named, not looked up."""
    ctrl = certs["t6 class (ii) spectral, lower power (control)"]
    _rejected({**ctrl, "scope": {"k": 0}}, "scope.k: 0 is outside [1, 1]")
    ctrl = certs["t6 class remark, norms not bounded (control)"]
    layers = len(ctrl["evidence"]["network"]["layers"])
    _rejected({**ctrl, "evidence": {**ctrl["evidence"], "layer": layers}},
              "evidence.layer: %d is outside [0, %d]" % (layers, layers - 1))


def test_t6_lower_power_control_with_a_two_by_two_gram_matrix(certs):
    """W_1 = [[1, 1], [1, 1]] (G_1 with eigenvalues 4 and 0), W_2 = [1, 1]: T = [2, 2] on the all-active
    region, r = 8 > 4 = lambda_max(G_1) and > 2 = |W_2|^2, so ||T|| > B^(L-1).  The test is r I - G_l
    positive definite (not r J - G_l)."""
    ctrl = certs["t6 class (ii) spectral, lower power (control)"]
    net = {"layers": [{"weight": [[1, 1], [1, 1]], "bias": [0, 0], "activation": "relu"},
                      {"weight": [[1, 1]], "activation": "identity"}]}
    good = {**ctrl, "scope": {"k": 1}, "evidence": {"network": net, "pattern": [[1, 1], []], "point": [1, 1]}}
    assert recheck(good)[0], _why(good)
    small = copy.deepcopy(good)                   # W_1 = [[1, 0], [0, 1]]: r = 2 = |W_2|^2, no refutation
    small["evidence"]["network"]["layers"][0]["weight"] = [[1, 0], [0, 1]]
    _rejected(small, "<= B^(2(L-k))")


def test_t6_lower_power_control_decides_definiteness_exactly(certs):
    """r I - G_l positive definite, decided by every pivot of an exact elimination: a pivot in (0, 1] still
    counts (W_1 = [[5/4]], W_2 = [[5/4]]: r - 25/16 = 225/256); a positive diagonal alone does not
    (W_1 = [[1, 1], [1, 1]], W_2 = [2/3, 2/3]: r = 32/9 lies between G_1's diagonal 2 and its eigenvalue 4)."""
    ctrl = certs["t6 class (ii) spectral, lower power (control)"]

    def control(w1, w2, pattern, point):
        net = {"layers": [{"weight": w1, "bias": ["0"] * len(w1), "activation": "relu"},
                          {"weight": w2, "activation": "identity"}]}
        return {**ctrl, "scope": {"k": 1}, "evidence": {"network": net, "pattern": pattern, "point": point}}

    small_pivot = control([["5/4"]], [["5/4"]], [[1], []], ["1"])
    assert recheck(small_pivot)[0], _why(small_pivot)
    _rejected(control([[1, 1], [1, 1]], [["2/3", "2/3"]], [[1, 1], []], ["1", "1"]), "<= B^(2(L-k))")


# -- the kernel's own region finder and class enumerators, tested directly -----------------------------------
def _q_rows(*rows):
    return [([Fraction(v) for v in a], Fraction(b)) for a, b in rows]


def test_fourier_motzkin_points_checked_by_hand():
    """_open_point: eliminate x_d, ..., x_1, then pick each x_k between its bounds (the midpoint, or one past
    the only bound, or 0 with none).  Each point below was worked out by hand from the rows."""
    from proofs.kernel.core import strict_point
    from proofs.kernel.specs import p003 as S

    cases = [((([1], 1), ([-1], 1)), 1, [0]),                             # -1 < x < 1: the midpoint
             ((([1], 3),), 1, [2]),                                        # x < 3: one below
             ((([-2], 4),), 1, [-1]),                                      # x > -2: one above
             ((), 1, [0]),                                                 # no row: 0
             ((([0], 1), ([1], 2)), 1, [1]),                               # a constant row 0 < 1 holds
             ((([-1, 0], 0), ([0, -1], 0), ([1, 1], 1)), 2, [Fraction(1, 2), Fraction(1, 4)]),   # the open triangle
             ((([0, 1], 1), ([0, -1], 1)), 2, [0, 0]),                     # a strip, x_1 free
             ((([1, 0], 2), ([-1, 0], 2), ([0, 1], 2), ([0, -1], 2), ([1, -1], -1)), 2,
              [Fraction(-1, 2), Fraction(5, 4)]),                          # the box cut by y > x + 1
             ((([3, 0], 1), ([-2, 1], 5), ([0, -1], 7)), 2, [Fraction(-17, 6), Fraction(-23, 6)])]
    for rows, d, x in cases:
        rows = _q_rows(*rows)
        assert S._open_point(rows, d) == ("point", x), (rows, S._open_point(rows, d))
        assert strict_point(rows, x)


def test_fourier_motzkin_multipliers_checked_by_hand():
    """An empty system gets a Motzkin multiplier y >= 0, y != 0, y A = 0, y.b <= 0 (the rows that combine to
    0 < b with b <= 0), which the kernel's Motzkin check accepts; a half-open or touching pair is empty too."""
    from proofs.kernel.core import motzkin_empty
    from proofs.kernel.specs import p003 as S

    cases = [((([1], 0), ([-1], 0)), 1, [1, 1]),                          # x < 0 < x
             ((([1], 1), ([-1], -1)), 1, [1, 1]),                          # x < 1 < x: 0 < 0
             ((([0], 0), ([1], 2)), 1, [1, 0]),                            # a constant row 0 < 0
             ((([2], 1), ([-3], -2)), 1, [Fraction(1, 2), Fraction(1, 3)]),  # x < 1/2, x > 2/3
             ((([1, 1], 0), ([-1, 0], 0), ([0, -1], 0)), 2, [1, 1, 1]),    # x + y < 0 < x, y
             ((([1, 0], 1), ([-1, 0], -2), ([0, 1], 5)), 2, [1, 1, 0])]    # x < 1, x > 2; y free
    for rows, d, y in cases:
        rows = _q_rows(*rows)
        assert S._open_point(rows, d) == ("empty", y), (rows, S._open_point(rows, d))
        motzkin_empty([], rows, [], y, d)


def test_fourier_motzkin_elimination_tracks_the_multipliers():
    from proofs.kernel.specs import p003 as S

    q = Fraction
    rows = [([q(2), q(1)], q(1), {0: q(1)}), ([q(-1), q(3)], q(2), {1: q(1)}), ([q(0), q(1)], q(5), {2: q(1)})]
    keep, lower, upper = S._eliminate(rows, 0)
    # x_0 eliminated: (1/2) row 0 + row 1 = (0, 7/2) x < 5/2; the row without x_0 kept as it is
    assert keep == [([0, 1], 5, {2: 1}), ([0, q(7, 2)], q(5, 2), {0: q(1, 2), 1: 1})]
    assert lower == [rows[1]] and upper == [rows[0]]
    keep, lower, upper = S._eliminate(rows, 1)                    # every row bounds x_1 from above
    assert keep == [] and lower == [] and upper == rows
    two = [([q(1)], q(4), {0: q(1), 3: q(2)}), ([q(-4)], q(-1), {1: q(1), 3: q(1)})]
    keep, _, _ = S._eliminate(two, 0)                             # multipliers add up over shared rows
    assert keep == [([0], q(4) - q(1, 4), {0: 1, 1: q(1, 4), 3: q(2) + q(1, 4)})]


def test_box_measure_and_matrices():
    from proofs.kernel.specs import p003 as S

    assert S._box_measure([["-2", "2"], ["-1", "3"]]) == 16 and S._box_measure([["1/2", "3"]]) == Fraction(5, 2)
    assert S._box_measure([]) == 1
    # every rows x cols matrix over the values, row by row, the first entry fastest; keep filters
    assert S._matrices(1, 2, ["a", "b"]) == [[["a", "a"]], [["b", "a"]], [["a", "b"]], [["b", "b"]]]
    assert S._matrices(2, 1, [0, 1, 2])[:4] == [[[0], [0]], [[1], [0]], [[2], [0]], [[0], [1]]]
    assert len(S._matrices(2, 2, [0, 1, 2])) == 81 and len(S._matrices(1, 3, [5])) == 1
    assert S._matrices(2, 1, [0, 1], keep=lambda w: w[0][0] != w[1][0]) == [[[1], [0]], [[0], [1]]]


def test_class_networks_limit_and_order():
    from proofs.kernel import core as K
    from proofs.kernel.specs import p003 as S

    def choices(l, last, rows, cols):
        return S._matrices(rows, cols, [Fraction(1), Fraction(2), Fraction(3)])
    nets = list(S._networks([1, 1, 1], choices, 9))               # 3 * 3 networks: at the limit
    assert [(n.layers[0][0], n.layers[1][0]) for n in nets[:4]] == [([[1]], [[1]]), ([[2]], [[1]]), ([[3]], [[1]]),
                                                                    ([[1]], [[2]])]
    assert [(n.layers[0][2], n.layers[1][2]) for n in nets] == [("relu", "identity")] * 9
    assert all(n.layers[0][1] == [0] and n.layers[1][1] == [0] for n in nets)
    assert len({str(K.strs(n.layers)) for n in nets}) == 9
    with pytest.raises(K.Invalid, match="has 9 networks \\(the kernel enumerates at most 8\\)"):
        list(S._networks([1, 1, 1], choices, 8))
    deep = list(S._networks([2, 1, 1, 1], choices, 3 ** 4))      # relu, relu, identity; the last layer slowest
    assert [n.layers[k][2] for n in deep[:1] for k in range(3)] == ["relu", "relu", "identity"]
    assert deep[-1].layers[0][0] == [[3, 3]] and deep[1].layers[0][0] == [[2, 1]] and deep[9].layers[1][0] == [[2]]
    # the layer index and "last" reach the choice function
    seen = []
    list(S._networks([1, 2, 1, 1], lambda l, last, r, c: seen.append((l, last, r, c)) or [[[1] * c] * r], 1))
    assert seen == [(0, False, 2, 1), (1, False, 1, 2), (2, True, 1, 1)]


_scope_fields = scope_only


def test_t6_class_scope_readers_at_their_bounds():
    from proofs.kernel import core as K
    from proofs.kernel.specs import p003 as S

    assert S._values(_scope_fields({"v": ["1", "2", "3", "4", "5"]}), "v") == [1, 2, 3, 4, 5]
    assert S._values(_scope_fields({"v": ["-1/2"]}), "v") == [Fraction(-1, 2)]
    for bad in ([], ["1", "2", "3", "4", "5", "6"], ["1", "1"], ["1/2", "2/4"]):
        with pytest.raises(K.Invalid, match="scope.v: 1 to 5 distinct numbers"):
            S._values(_scope_fields({"v": bad}), "v")
    ok = [[1, 1, 1], [3, 3, 1], [1, 1, 1, 1, 1, 1], [2, 2, 2, 1], [3, 1, 3, 1]]   # 1 to 4 hidden neurons, depth 3..6
    assert S._class_widths(_scope_fields({"widths": ok[:4]})) == ok[:4]
    assert S._class_widths(_scope_fields({"widths": [ok[4]]})) == [ok[4]]
    for widths, why in (([1, 1], "a hidden layer"), ([1, 1, 1, 1, 1, 1, 1], "a hidden layer"), ([1, 1, 2], "one output"),
                        ([0, 1, 1], "1 <= each"), ([1, 4, 1], "1 <= each"), ([1, True, 1], "1 <= each"),
                        ([1, "1", 1], "1 <= each"), ("111", "1 <= each"),
                        ([1, 3, 2, 1], "at most 4 hidden"), ([2, 2, 2, 1, 1], "at most 4 hidden"),
                        ([1, 2, 3, 1], "at most 4 hidden")):
        with pytest.raises(K.Invalid, match=why):
            S._class_widths(_scope_fields({"widths": [widths]}))
    assert S._class_widths(_scope_fields({"widths": [[1, 3, 2, 1]]}), max_hidden=5) == [[1, 3, 2, 1]]
    for n in (0, 5):
        with pytest.raises(K.Invalid, match="scope.widths: %d entries" % n):
            S._class_widths(_scope_fields({"widths": [[1, 1, 1]] * n}))


def test_gram_power_uses_the_smaller_gram_matrix():
    from proofs.kernel.specs import p003 as S

    w = [[1, 2, 0], [0, 1, 1]]                                    # 2 x 3: W W^T = [[5, 2], [2, 2]]
    assert S._gram_power(w, 0) == [[1, 0], [0, 1]]
    assert S._gram_power(w, 1) == [[5, 2], [2, 2]]
    assert S._gram_power(w, 2) == [[29, 14], [14, 8]]
    assert S._gram_power([[1, 0], [2, 1], [0, 3]], 1) == [[5, 2], [2, 10]]     # 3 x 2: W^T W
    assert S._gram_power([[2, 1]], 3) == [[125]]                   # 1 x 2: |w|^2 = 5, cubed
    assert S._gram_power([[3]], 2) == [[81]]


def test_relu_class_enumeration_and_limits():
    """_relu_class: every network of each class (relu layers, weights and biases in their sets, the first layer
    fastest), each class's scope checked on its own, at most 3000 networks per class (the counts nearest the
    limit a class can have are 2592 and 3125)."""
    from proofs.kernel import core as K
    from proofs.kernel.specs import p003 as S

    def enum(*classes):
        return list(S._relu_class(_scope_fields({"classes": list(classes)})))

    got = enum({"widths": [1, 1, 1], "weights": ["1", "2"], "biases": ["0", "-1"]})
    assert len(got) == 16 and {str(w) for w, _ in got} == {"[1, 1, 1]"}
    assert [(n.layers[0][0], n.layers[0][1], n.layers[1][0], n.layers[1][1]) for _, n in got[:5]] == [
        ([[1]], [0], [[1]], [0]), ([[1]], [-1], [[1]], [0]), ([[2]], [0], [[1]], [0]), ([[2]], [-1], [[1]], [0]),
        ([[1]], [0], [[1]], [-1])]
    assert all(a == "relu" and t == 0 for _, n in got for _, _, a, t in n.layers)
    wide = enum({"widths": [2, 2], "weights": ["0", "1"], "biases": ["0", "1"]})
    assert len(wide) == 2 ** 4 * 2 ** 2                  # (weights, biases) per layer, the biases fastest
    assert [wide[k][1].layers[0][:2] for k in (1, 4, 16)] == [([[0, 0], [0, 0]], [1, 0]), ([[1, 0], [0, 0]], [0, 0]),
                                                               ([[0, 0], [1, 0]], [0, 0])]
    assert wide[-1][1].layers[0] == ([[1, 1], [1, 1]], [1, 1], "relu", 0)
    two = enum({"widths": [1, 1], "weights": ["1"], "biases": ["0"]}, {"widths": [2, 1, 1, 1], "weights": ["1"], "biases": ["0"]},
               {"widths": [1, 3], "weights": ["1"], "biases": ["0"]})
    assert [w for w, _ in two] == [[1, 1], [2, 1, 1, 1], [1, 3]] and two[1][1].d_in == 2 and two[2][1].d_out == 3
    assert len(enum({"widths": [2, 1, 3], "weights": ["0", "1"], "biases": ["-1", "0", "1"]})) == 2592
    with pytest.raises(K.Invalid, match="the class of widths \\[1, 1, 1, 3\\] has 3125 networks \\(at most 3000\\)"):
        enum({"widths": [1, 1, 1, 3], "weights": ["1"], "biases": ["-2", "-1", "0", "1", "2"]})
    five = ["-2", "-1", "0", "1", "2"]
    assert len(enum({"widths": [1, 1], "weights": five, "biases": five})) == 25
    for key, values in (("weights", five + ["3"]), ("biases", five + ["3"]), ("weights", []), ("biases", []),
                        ("weights", ["1", "1"]), ("biases", ["0", "0/2"])):
        with pytest.raises(K.Invalid, match="weights and biases are 1 to 5 distinct numbers"):
            enum({"widths": [1, 1], "weights": ["1"], "biases": ["0"], key: values})
    for widths in ([2], [2, 1, 1, 1, 1], [3, 1], [0, 1], [1, 0], [1, 4], [True, 1], [1, True], ["1", 1], [1, 1.0],
                   "21", None):
        with pytest.raises(K.Invalid, match="widths must be"):
            enum({"widths": widths, "weights": ["1"], "biases": ["0"]})
    one = {"widths": [1, 1], "weights": ["1"], "biases": ["0"]}
    assert len(enum(one, one, one)) == 3
    for n in (0, 4):
        with pytest.raises(K.Invalid, match="scope.classes: %d entries" % n):
            enum(*[one] * n)


def test_t6_i_class_with_one_sign_of_inner_weight(certs):
    """With inner weights {1} the signs of W_1's rows and of W_L's entries are not absorbed by the inner layers:
    a class that left out -e_k rows or -1 output weights (or repeated some rows of W_1) would count another
    number of patterns where bound (i) is attained (widths 1-3-1-1: 76 of 256; 1-1-2-1: 20 of 64)."""
    from proofs.claims.p003 import theorem6

    scope = {"widths": [[1, 3, 1, 1], [1, 1, 2, 1]], "inner": ["1"]}
    found = theorem6.class_check("(i) normalised atoms", scope)
    assert (found["checked"], found["attained"], found["failure_count"]) == (320, 96, 0)
    cert = {**certs["t6 small (i) normalised atoms"], "scope": scope, "evidence": {"checked": 320, "attained": 96}}
    assert recheck(cert)[0], _why(cert)
    for attained in (95, 97):
        _rejected({**cert, "evidence": {"checked": 320, "attained": attained}}, "nearly attained 96 times")
    for widths, n in (([[1, 3, 1, 1]], 76), ([[1, 1, 2, 1]], 20)):
        one = {**cert, "scope": {"widths": widths, "inner": ["1"]}}
        _rejected({**one, "evidence": {"checked": 256 if n == 76 else 64, "attained": 0}}, "nearly attained %d times" % n)


def test_gram_power_of_a_square_matrix_is_w_transposed_w():
    from proofs.kernel.specs import p003 as S

    assert S._gram_power([[1, 2], [0, 1]], 1) == [[1, 2], [2, 5]]          # W^T W (W W^T is [[5, 2], [2, 1]])


def test_t6_ii_class_check_is_a_real_test(certs, monkeypatch):
    """Negative control for the (ii) class check: with Gram matrices raised to L - 1 instead of L (a bound that
    is false), the class holding W_1 = [[1, 1], [1, 1]], W_2 = [1, 1] (T = [2, 2], r = 8 > 4 = lambda_max(G_1)
    and > 2 = |W_2|^2) is rejected: each r I - G_l^(L-1) is positive definite.  The test is r I - G (not r J - G,
    never positive definite from 2 x 2 on), and it fails for a 1 x 1 Gram matrix too (W = [2]: r = 16 > 4)."""
    from proofs.kernel.specs import p003 as S

    cert = certs["t6 small (ii) spectral"]
    two = {**cert, "scope": {"widths": [[2, 2, 1]], "values": ["1"]}, "evidence": {"checked": 4}}
    deep = {**cert, "scope": {"widths": [[1, 1, 1]], "values": ["2"]}, "evidence": {"checked": 2}}
    for c in (two, deep):
        assert recheck(c)[0], _why(c)                       # one network, 4 and 2 full patterns: (ii) holds
    real = S._gram_power
    monkeypatch.setattr(S, "_gram_power", lambda w, power: real(w, power - 1))
    _rejected(two, "||T||^2 = 8 > B^(2L) at [[1, 1], []]")
    _rejected(deep, "||T||^2 = 16 > B^(2L) at [[1], []]")
