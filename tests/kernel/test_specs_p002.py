"""002-C1, P1, P2, P3, P4: the kernel rebuilds constructions and classes and rejects every lie."""

import copy
from fractions import Fraction

import pytest
from honest_certificates import honest as cached
from honest_certificates import scope_only

from exact.lecture002 import CONSTRUCTIONS, fem_hat_2d, pl_to_relu, sawtooth
from proofs.certificates import network_json
from proofs.claims.p002 import constructions, pieces, pl_conversion, property1, support
from proofs.kernel import core as K
from proofs.kernel import recheck
from proofs.kernel.specs import p002 as S

STATUSES = ("proved", "verified", "refuted", "inconclusive")


def _build_certs():
    a, b = support.check(exhaustive=False)
    return {
        "c1": constructions.check().certificate,
        "c1_refuted": constructions.check(wrong="hat_two_hidden").certificate,
        "p2": pl_conversion.check(n_functions=2).certificate,
        "p2_control": pl_conversion.check(n_functions=2, perturb=True).certificate,
        "p1": property1.check(n_networks=1).certificate,
        "p1_control": property1.check(n_networks=1, activation="hard_threshold").certificate,
        "p4": pieces.check(k_max=5, m_max=3, n_random=1).certificate,
        "p3a": a.certificate,
        "p3b": b.certificate,
        "p3a class": support.check()[0].certificate,
        "p3a small": _small_p3a_class(P3A_SMALL),
    }


#: A small 002-P3 (a) class scope (635 networks, re-checked in well under a second) for the tests that mutation
#: testing runs once per mutant; the full class of the claim (13,617 networks, 25 s a re-check) is tested under
#: ``slow``.  Hidden widths 1, 2, 3, weights with 0 and +-1, non-zero biases, identically zero networks.
P3A_SMALL = [{"hidden": 2, "weights": ["-1", "1"], "biases": ["0", "1"]},
             {"hidden": 1, "weights": ["-1", "0", "1"], "biases": ["-1", "0", "1"]},
             {"hidden": 3, "weights": ["0", "1"], "biases": ["0"]}]


def _small_p3a_class(classes):
    """A verified 002-P3 (a) certificate of the classes, its counts found by the claim module's own enumeration."""
    found = support.class_check(classes)
    assert found["missing_count"] == 0
    return support.check.certificate("verified", variant="(a) one hidden layer, d = 2", scope={"classes": classes},
                                     evidence={"checked": found["networks"], "zero": found["zero"]})


@pytest.fixture(scope="module")
def certs():
    return cached("p002", _build_certs)


def _ok(cert):
    return recheck(cert)[0]


def _changed(cert, fn):
    c = copy.deepcopy(cert)
    fn(c)
    return c


def test_honest_certificates_are_accepted(certs):
    assert [certs[k]["status"] for k in certs] == ["verified", "refuted", "verified", "refuted", "verified", "refuted",
                                                    "verified", "inconclusive", "verified", "verified", "verified"]
    for name, cert in certs.items():
        if name != "p3a class":                         # the claim's full class: test_p3a_class (slow)
            assert _ok(cert), (name, recheck(cert))


@pytest.mark.parametrize("name", ["c1", "c1_refuted", "p2", "p2_control", "p1", "p1_control", "p4", "p3a", "p3b",
                                  "p3a small", pytest.param("p3a class", marks=pytest.mark.slow)])
def test_status_relabel_and_keys(certs, name):
    cert = certs[name]
    for status in STATUSES:
        if status != cert["status"]:
            c = dict(cert, status=status)
            if status == "proved":
                c["argument"] = [{"id": "x", "checker": "kernel"}]
            assert not _ok(c)
    for claim in ("002-C1", "002-P1", "002-P2", "002-P3", "002-P4", "004-Main", "NOPE"):
        if claim != cert["claim"]:
            assert not _ok(dict(cert, claim=claim))
    assert not _ok(dict(cert, variant="other" if cert["variant"] is None else None))
    for key in list(cert["evidence"]):
        assert not _ok(_changed(cert, lambda c: c["evidence"].pop(key)))
    for key in list(cert["scope"]):
        assert not _ok(_changed(cert, lambda c: c["scope"].pop(key)))
    assert not _ok(_changed(cert, lambda c: c["evidence"].update(extra=1)))
    assert not _ok(_changed(cert, lambda c: c["scope"].update(extra=1)))


def test_counts_must_match_the_enumeration(certs):
    for name in ("c1", "p2", "p1", "p4", "p3b"):
        assert not _ok(_changed(certs[name], lambda c: c["evidence"].update(checked=c["evidence"]["checked"] - 1)))
    assert not _ok(_changed(certs["p2"], lambda c: c["scope"].update(points=["-1", "0"])))  # shrunk scope
    assert not _ok(_changed(certs["p1"], lambda c: c["scope"].update(widths=[[1, 2, 1]])))
    assert not _ok(_changed(certs["p4"], lambda c: c["scope"].update(k_max=4)))
    assert not _ok(_changed(certs["p1"], lambda c: c["scope"].update(widths=[[1, 3, 1]])))  # too large a class


def test_c1_counterexamples(certs):
    cert = certs["c1_refuted"]
    assert cert["scope"] == {"perturbed": "hat_two_hidden"} and set(cert["evidence"]) == {"construction", "x"}
    assert not _ok(_changed(cert, lambda c: c["scope"].update(perturbed=None)))  # the honest network is right
    assert not _ok(_changed(cert, lambda c: c["evidence"].update(construction="identity")))
    assert not _ok(_changed(cert, lambda c: c["evidence"].update(x="100")))  # both 0 there
    assert not _ok(_changed(certs["c1"], lambda c: c["scope"].update(perturbed="identity")))
    assert not _ok(_changed(certs["c1"], lambda c: c["scope"].update(perturbed="nope")))


def test_p2_control(certs):
    cert = certs["p2_control"]
    assert not _ok(_changed(cert, lambda c: c["evidence"].update(x=str(Fraction(c["evidence"]["breakpoints"][-1]) - 10))))
    assert not _ok(_changed(cert, lambda c: c["evidence"]["values"].pop()))  # lengths checked
    assert not _ok(_changed(cert, lambda c: c["evidence"].update(breakpoints=["1", "0"], values=["0", "0"])))


def test_p1_control(certs):
    cert = certs["p1_control"]
    assert not _ok(_changed(cert, lambda c: c["evidence"].update(x=str(Fraction(c["evidence"]["x"]) + Fraction(1, 10**6)))))
    relu = _changed(cert, lambda c: [layer.update(activation="relu") or layer.pop("threshold", None)
                                     for layer in c["evidence"]["network"]["layers"][:-1]])
    assert not _ok(relu)


def test_p3_witnesses(certs):
    a = certs["p3a"]
    assert a["scope"]["networks"] == len(a["evidence"]["witnesses"]) == 7
    for fn in (lambda c: c["evidence"]["witnesses"][0].update(ray=[str(-Fraction(v)) for v in c["evidence"]["witnesses"][0]["ray"]]),
               lambda c: c["evidence"]["witnesses"][1].update(point=["100", "-100"]),
               lambda c: c["evidence"]["witnesses"][0]["network"].update(sha256="0" * 64),
               lambda c: c["evidence"]["witnesses"].pop(),
               lambda c: c["scope"].update(networks=8)):
        assert not _ok(_changed(a, fn))
    b = certs["p3b"]
    for fn in (lambda c: c["evidence"]["regions"].pop(),
               lambda c: c["evidence"]["empty"].pop(),
               lambda c: c["evidence"]["outside"].pop(),
               lambda c: c["evidence"]["outside"][0]["y"].reverse(),
               lambda c: c["evidence"]["outside"].reverse()):
        assert not _ok(_changed(b, fn))


def test_kernel_constructions_match_the_library():
    for name, (build, ref, _) in CONSTRUCTIONS.items():
        assert K.network(network_json(build())) == S._C1[name][0]()
    for k in (1, 4):
        assert K.network(network_json(sawtooth(k))) == S._zigzag(2, k)
    assert K.network(network_json(fem_hat_2d())) == S._FEM()
    spec = pl_conversion.EDGE_CASES[2]
    ref = (list(spec.breakpoints), list(spec.values), spec.left_slope, spec.right_slope)
    assert K.network(network_json(pl_to_relu(spec))) == S._pl_to_relu(ref)
    assert S._mismatch(S._pl_to_relu(ref), ref) is None
    assert S._mismatch(S._pl_to_relu(ref, True), ref) is not None


# -- boundaries, limits and helpers that the honest certificates above do not reach -------------------
def _why(cert):
    return recheck(cert)[1]


def _rejected(cert, reason):
    ok, why = recheck(cert)
    assert not ok and reason in why, why


def _cert(claim, variant, status, scope, evidence):
    return {"format": "relu-proofcheck-certificate", "version": 2, "claim": claim, "variant": variant,
            "status": status, "scope": scope, "evidence": evidence}


def _layer(w, b, act, thr=None):
    out = {"weight": [[str(v) for v in row] for row in w], "bias": [str(v) for v in b], "activation": act}
    return out if thr is None else {**out, "threshold": str(thr)}


def test_pl_and_mismatch_helpers():
    assert S._pl(["0", "1/2"], [1, "2"], "-1", 3) == ([0, Fraction(1, 2)], [1, 2], -1, 3)
    assert all(isinstance(v, Fraction) for v in S._pl([1], [2], 3, 4)[0] + S._pl([1], [2], 3, 4)[1])
    assert isinstance(S._pl([1], [2], 3, 4)[2], Fraction) and isinstance(S._pl([1], [2], 3, 4)[3], Fraction)
    ref = S._pl([0, 1], [3, 1], 0, 0)
    assert S._pl_at(ref, Fraction(3)) == 1 and S._pl_at(ref, Fraction(1)) == 1 and S._pl_at(ref, Fraction(1, 2)) == 2
    bad = S._pl_to_relu(ref, True)
    x = S._mismatch(bad, ref)  # a point where they differ
    assert x is not None and K.run(bad, [x]) != [S._pl_at(ref, x)]
    # N(x) = x - 4 is affine on the sweep's piece (0, oo), f bends at 5 (f(5) = 1, slope 0 after):
    # the piece must be cut at f's break point 5 (cut at f's value 1 instead, both halves agree)
    line = S._one_hidden([1, -1], [0, 0], [1, -1], -4)
    assert S._mismatch(line, S._pl([5], [1], 1, 0)) is not None
    assert S._mismatch(line, S._pl([5], [1], 1, 1)) is None
    for layers in ([_layer([[1, 0]], [0], "relu"), _layer([[1]], [0], "identity")],
                   [_layer([[1]], [0], "relu"), _layer([[1], [1]], [0, 0], "identity")]):
        with pytest.raises(K.Invalid, match="R -> R"):
            S._mismatch(K.network({"layers": layers}), ref)


def test_class_enumerates_exactly_the_networks_of_the_widths():
    from itertools import product

    from proofs.kernel.framework import Cert

    cert = Cert(_cert("002-P1", None, "verified", {"widths": [[1, 2, 1]], "weights": [-1, 0, 1]}, {}))
    got = [sum((tuple(map(tuple, w)) + tuple(b) for w, b, _, _ in net.layers), ()) for _, net in S._class(cert)]
    want = {((p[0],), (p[1],), p[2], p[3]) + ((p[4], p[5]), p[6]) for p in product((-1, 0, 1), repeat=7)}
    assert len(got) == len(set(got)) == 3 ** 7 and set(got) == want
    shapes = {tuple(s) for s, _ in S._class(Cert(_cert("002-P1", None, "verified",
                                                         {"widths": [[1, 1, 1], [1, 2, 1]], "weights": [0]}, {})))}
    assert shapes == {(1, 1, 1), (1, 2, 1)}


TINY_PLANE = {"hidden": 1, "weights": ["1"], "biases": ["0"]}


def test_class_scope_limits(certs):
    p1 = certs["p1"]

    def scoped(widths, weights, checked):  # plus the smallest d = 2 class: one network x1 + x2 -> rho, 2 regions
        return {**p1, "scope": {"widths": widths, "weights": weights, "classes": [TINY_PLANE]},
                "evidence": {"checked": checked + 1, "facets": 1, "regions": 2}}
    for widths in ([[1, 1, 1, 1, 1]], [[1, 1, 1], [1, 2, 1], [1, 1, 1, 1], [1, 1, 1, 1, 1]]):  # 8 parameters; 4 shapes
        assert _ok(scoped(widths, ["1"], len(widths))), widths
    assert _ok(scoped([[1, 1, 1]], [-2, -1, 0, 1, 2], 5 ** 4))  # 5 weights
    for widths, weights, reason in (
            ([[1, 1, 2, 1]], ["1"], "at most 8 parameters"),  # 9 parameters
            ([[1, 1]], ["1"], "at most 8 parameters"),  # no hidden layer
            ([[2, 1, 1]], ["1"], "at most 8 parameters"), ([[1, 1, 2]], ["1"], "at most 8 parameters"),
            ([[1, 0, 1]], ["1"], "scope.widths"), ([], ["1"], "scope.widths"), ([[1, 1, 1]] * 5, ["1"], "scope.widths"),
            ([[1, 1, 1]], [], "weights: 1 to 5"), ([[1, 1, 1]], [0, 1, 2, 3, 4, 5], "weights: 1 to 5"),
            ([[1, 1, 1]], [1, "1"], "weights: 1 to 5")):
        _rejected(scoped(widths, weights, 1), reason)


def test_pl_conversion_scope_limits(certs):
    p2 = certs["p2"]

    def scoped(points, values, slopes, checked):
        return {**p2, "scope": {"points": points, "values": values, "slopes": slopes}, "evidence": {"checked": checked}}
    for args in ((["-2", "-1", "0", "1", "2"], ["0"], ["1"], 31), (["0"], ["0", "1", "2", "3", "4"], ["1"], 5),
                 (["0"], ["0"], ["-2", "-1", "0", "1", "2"], 25), (["1", "-1", "0"], ["0"], ["0"], 7)):  # unsorted points
        assert _ok(scoped(*args)), (args, _why(scoped(*args)))
    for args in ((["-2", "-1", "0", "1", "2", "3"], ["0"], ["1"], 63), (["0"], ["0", "1", "2", "3", "4", "5"], ["1"], 6),
                 (["0"], ["0"], ["-3", "-2", "-1", "0", "1", "2"], 36), ([], ["0"], ["1"], 0), (["0"], [], ["1"], 0),
                 (["0"], ["0"], [], 0), (["0", "0"], ["0"], ["1"], 3)):
        _rejected(scoped(*args), "1 to 5 numbers each")


def test_pl_conversion_control_limits(certs):
    cert = certs["p2_control"]
    # two break points, f(3) = 1 and N(3) = 3 (a value of f elsewhere, not a break point)
    two = _changed(cert, lambda c: c["evidence"].update(breakpoints=["0", "1"], values=["3", "1"], left_slope="0",
                                                        right_slope="0", x="3"))
    assert _ok(two), _why(two)
    # a last slope step of exactly 1 (perturbed weight 2, not 1)
    step = _changed(cert, lambda c: c["evidence"].update(breakpoints=["0"], values=["0"], left_slope="0",
                                                         right_slope="1", x="1"))
    assert _ok(step), _why(step)
    _rejected(_changed(two, lambda c: c["evidence"].update(breakpoints=["1", "1"])), "break points must increase")
    _rejected(_changed(two, lambda c: c["evidence"].update(breakpoints=[], values=[])), "break points must increase")
    _rejected(_changed(two, lambda c: c["evidence"]["values"].append("0")), "evidence.values")


# -- 002-P1 on d = 2: regions and shared facets found by the kernel ---------------------------------------
def test_p1_plane_class(certs):
    cert = certs["p1"]
    assert cert["scope"]["classes"] == property1.PLANE_CLASSES
    assert cert["evidence"] == {"checked": 2187 + 729 + 2970, "facets": 8472, "regions": 9714} and _ok(cert)
    for fn, why in ((lambda c: c["scope"]["classes"][0].update(biases=["0"]), "the kernel enumerated"),  # fewer networks
                    (lambda c: c["scope"]["classes"][0].update(biases=["-1", "0", "1"], hidden=1), "the kernel enumerated"),
                    (lambda c: c["scope"].pop("classes"), "missing 'classes'"),
                    (lambda c: c["evidence"].update(facets=8471), "8472 facets"),
                    (lambda c: c["evidence"].update(regions=9715), "9714 regions"),
                    (lambda c: c["scope"]["classes"][0].update(hidden=4), "scope.classes[0].hidden"),
                    (lambda c: c.update(status="refuted"), ""), (lambda c: c.update(claim="002-P3"), "")):
        _rejected(_changed(cert, fn), why)


def test_p1_facet_check_finds_the_regions_and_every_shared_facet():
    from proofs.kernel.framework import Cert

    # x1 + x2, x1 - x2 (two crossing lines: 4 regions, 4 shared facets); the same line twice, opposite
    # orientations (2 regions, 1 facet); a dead neuron and a constant one (1 region, no facet)
    for hidden, out, regions, facets in (([[1, 1, 0], [1, -1, 0]], [1, 1], 4, 4), ([[1, 1, 0], [-1, -1, 0]], [1, -1], 2, 1),
                                         ([[0, 0, 0], [0, 0, 1]], [1, 1], 1, 0), ([[1, 0, 0], [1, 0, 1]], [1, 1], 3, 2)):
        net = K.network({"layers": [_layer([h[:2] for h in hidden], [h[2] for h in hidden], "relu"),
                                    _layer([out], [0], "identity")]})
        assert S._facet_check(net) == (facets, regions)
    # the kernel's class: every network once, up to the neurons' order
    cert = Cert(_cert("002-P1", None, "verified", {"classes": [{"hidden": 2, "weights": [0, 1], "biases": [0]}]}, {}))
    nets = [repr(n.layers) for n in S._one_hidden_class(cert)]
    assert len(nets) == len(set(nets)) == 36  # 8 kinds of neuron: 8 * 9 / 2 multisets


def test_p1_facet_check_catches_hard_threshold_jumps():
    # the d = 2 facet walk on hard-threshold neurons: H(x1 + x2) jumps across x1 + x2 = 0; H(x1) - H(x1) does not
    jump = K.network({"layers": [_layer([[1, 1]], [0], "hard_threshold", 0), _layer([[1]], [0], "identity")]})
    assert [agree for _, _, _, agree in S._facet_walk(jump)] == [False]
    flat = K.network({"layers": [_layer([[1, 0], [1, 0]], [0, 0], "hard_threshold", 0), _layer([[1, -1]], [0], "identity")]})
    assert all(agree for _, _, _, agree in S._facet_walk(flat))
    # the relu facet check takes its regions from the kernel's relu enumeration: the sides of a hard-threshold
    # network's facet are not among them
    with pytest.raises(K.Invalid, match="not two of the regions found"):
        S._facet_check(jump)


def test_p1_control_plane_network(certs):
    cert = certs["p1_control"]
    assert cert["evidence"]["network_2d"]["layers"][0]["activation"] == "hard_threshold" and _ok(cert)
    flat = {"layers": [_layer([[1, 0], [1, 0]], [0, 0], "hard_threshold", 0), _layer([[1, -1]], [0], "identity")]}
    _rejected(_changed(cert, lambda c: c["evidence"].update(network_2d=flat)), "network_2d is continuous")
    relu = _changed(cert, lambda c: [layer.update(activation="relu") or layer.pop("threshold", None)
                                     for layer in c["evidence"]["network_2d"]["layers"][:-1]])
    _rejected(relu, "one hard-threshold hidden layer is expected")
    deep = {"layers": [_layer([[1, 1]], [0], "hard_threshold", 0), _layer([[1]], [0], "hard_threshold", 0),
                       _layer([[1]], [0], "identity")]}
    _rejected(_changed(cert, lambda c: c["evidence"].update(network_2d=deep)), "one hard-threshold hidden layer")
    _rejected(_changed(cert, lambda c: c["evidence"].pop("network_2d")), "missing 'network_2d'")


def test_p1_control_network_shape(certs):
    cert = certs["p1_control"]
    ht = _layer([[1]], [0], "hard_threshold", 0)
    for layers in ([_layer([[1, 0]], [0], "hard_threshold", 0), _layer([[1]], [0], "identity")],  # R^2
                   [ht, _layer([[1]], [0], "relu"), _layer([[1]], [0], "identity")],  # a relu hidden layer
                   [_layer([[1]], [0], "relu"), ht, _layer([[1]], [0], "identity")],
                   [ht, _layer([[1]], [0], "hard_threshold", 0)]):  # a hard-threshold output layer
        _rejected(_changed(cert, lambda c: c["evidence"].update(network={"layers": layers}, x="0")),
                  "hard-threshold hidden layers is expected")
    two = [ht, _layer([[1]], ["-1/2"], "hard_threshold", 0), _layer([[1]], [0], "identity")]  # a jump at 0
    ok = _changed(cert, lambda c: c["evidence"].update(network={"layers": two}, x="0"))
    assert _ok(ok), _why(ok)


def test_p4_scope_limits(certs):
    p4 = certs["p4"]
    assert _ok(_changed(p4, lambda c: (c["scope"].update(m_max=2, widths=[[1, 1, 1]], weights=["1"]),
                                       c["evidence"].update(checked=c["scope"]["k_max"] + 1))))
    for key, value in (("m_max", 6), ("m_max", 1), ("k_max", 11), ("k_max", 0)):
        _rejected(_changed(p4, lambda c: c["scope"].update({key: value})), "scope." + key)


def _relu_x(out_bias=0, out_rows=1, hidden=1):
    layers = [_layer([[1, 0]], [0], "relu")] + [_layer([[1]], [0], "relu")] * (hidden - 1)
    return {"layers": layers + [_layer([[1]] * out_rows, [out_bias] * out_rows, "identity")]}


def test_p3a_witnesses_built():
    from proofs.certificates import bind

    def cert(witnesses, n=None):
        return _cert("002-P3", "(a) one hidden layer, d = 2", "inconclusive",
                     {"networks": len(witnesses) if n is None else n, "drawn": "by the test"}, {"witnesses": witnesses})

    def w(net, point, ray, pattern=None):
        return {"network": bind(net), "pattern": pattern or [[1], []], "point": point, "ray": ray}
    # f = relu(x) (f(p) != 0, constant along the ray (0, 1), on the region's boundary direction)
    # and f = relu(x) - 1 (f(p) = 0, M r != 0)
    good = [w(_relu_x(), ["1", "0"], ["0", "1"]), w(_relu_x(-1), ["1", "5"], ["1", "0"])]
    assert _ok(cert(good)), _why(cert(good))
    assert _ok(cert(good[:1])) and _ok(cert(good[1:]))
    _rejected(cert([w(_relu_x(-1), ["1", "0"], ["0", "1"])]), "f is zero along the ray")
    _rejected(cert([w(_relu_x(), ["1", "0"], ["-1", "0"])]), "the ray leaves the region")
    one_in = {"layers": [_layer([[1]], [0], "relu"), _layer([[1]], [0], "identity")]}
    relu_out = {"layers": [_layer([[1, 0]], [0], "relu"), _layer([[1]], [0], "relu")]}
    for bad in (w(_relu_x(out_rows=2), ["1", "0"], ["0", "1"]), w(_relu_x(hidden=2), ["1", "0"], ["0", "1"], [[1], [1], []]),
                w(one_in, ["1", "0"], ["0", "1"]), w(relu_out, ["1", "0"], ["0", "1"], [[1], [1]])):
        _rejected(cert([bad]), "a one-hidden-layer ReLU network R^2 -> R is expected")
    _rejected(cert([w(_relu_x(), ["1", "0", "0"], ["0", "1"])]), "witnesses[0].point")
    _rejected(cert([w(_relu_x(), ["1", "0"], ["0", "1", "0"])]), "witnesses[0].ray")
    _rejected(cert([], 0), "scope.networks")
    _rejected(cert(good, 1001), "scope.networks")


def test_p3b_every_outside_box_needs_its_multiplier(certs):
    b = certs["p3b"]
    _rejected(_changed(b, lambda c: c["evidence"]["outside"][0]["y"].pop()), "evidence.outside[0].y")
    _rejected(_changed(b, lambda c: c["evidence"]["outside"][0]["y"].append(c["evidence"]["outside"][0]["y"][0])),
              "evidence.outside[0].y")


def test_p4_and_c1_limits_accepted_and_named(certs):
    p4 = certs["p4"]
    for k_max, m_max in ((10, 5), (1, 3)):  # the largest sawtooth and zigzags; the smallest k_max (a class of one)
        c = _changed(p4, lambda c: (c["scope"].update(k_max=k_max, m_max=m_max, widths=[[1, 1, 1]], weights=["1"]),
                                    c["evidence"].update(checked=k_max + 3 * (m_max - 2) + 1)))
        assert _ok(c), (k_max, m_max, _why(c))
    _rejected(_changed(certs["c1_refuted"], lambda c: c["evidence"].update(construction="nope")), "is not one of")


def test_p3b_region_entries_checked_where_they_are_read(certs):
    b = certs["p3b"]
    _rejected(_changed(b, lambda c: c["evidence"]["regions"][0]["point"].append("0")), "evidence.regions[0].point")
    _rejected(_changed(b, lambda c: c["evidence"].update(regions=[])), "evidence.regions: 0 entries")


def test_p1_control_threshold_met_exactly(certs):
    # hard_threshold is 1 at u >= t: a second-layer pre-activation equal to the threshold on a
    # whole piece (h_1 = 0 for x < 0) still gives 1, so H(H(x)) is the constant 1: no jump at 0
    cert = certs["p1_control"]
    ht = _layer([[1]], [0], "hard_threshold", 0)
    flat = [ht, _layer([[1]], [0], "hard_threshold", 0), _layer([[1]], [0], "identity")]
    _rejected(_changed(cert, lambda c: c["evidence"].update(network={"layers": flat}, x="0")),
              "the network is continuous at x = 0")
    # the same with threshold 1/2 on the second layer: H(x) >= 1/2 jumps at 0
    step = [ht, _layer([[1]], [0], "hard_threshold", "1/2"), _layer([[1]], [0], "identity")]
    ok = _changed(cert, lambda c: c["evidence"].update(network={"layers": step}, x="0"))
    assert _ok(ok), _why(ok)


# -- 002-P3 (a) over classes ------------------------------------------------------------------------------
@pytest.mark.slow
def test_p3a_class(certs):
    cert = certs["p3a class"]
    assert cert["status"] == "verified" and cert["evidence"] == {"checked": 13617, "zero": 957} and _ok(cert)
    for fn, why in ((lambda c: c["scope"]["classes"].pop(), "the kernel enumerated"),          # a class fewer
                    (lambda c: c["scope"]["classes"][0].update(biases=["0", "1"]), "the kernel enumerated"),
                    (lambda c: c["evidence"].update(zero=956), "identically zero"),
                    (lambda c: c["scope"]["classes"][0].update(hidden=4), "hidden"),
                    (lambda c: c["scope"]["classes"][1].update(weights=["-1", "0", "1", "2", "1/2"]), "more than")):
        ok, msg = recheck(_changed(cert, fn))
        assert not ok and why in msg, msg
    small = {**cert, "scope": {"classes": [{"hidden": 1, "weights": ["1"], "biases": ["0"]}]},
             "evidence": {"checked": 1, "zero": 0}}
    assert _ok(small)                                   # relu(x1 + x2): non-zero along (2, 1)
    zero = {**cert, "scope": {"classes": [{"hidden": 1, "weights": ["0"], "biases": ["0"]}]},
            "evidence": {"checked": 1, "zero": 1}}
    assert _ok(zero)                                    # the zero network: every region's map is 0


def test_p3a_negative_control_a_bump_in_two_layers_has_no_ray():
    """The kernel's witness is a real test: the two-hidden-layer FEM hat (compactly supported, 002-P3 (b)) has
    no ray along which it is non-zero, and it is not identically zero."""
    from proofs.kernel import core as K
    from proofs.kernel.specs import p002 as S

    hat = K.network({"layers": [{"weight": [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [-1, -1]], "activation": "relu"},
                                {"weight": [["-1/2"] * 6], "bias": [1], "activation": "identity"}]})
    # one hidden layer: 1 - (|x| + |y| + |x + y|) / 2 is non-zero far out (negative): a ray exists
    assert S._unbounded_witness(hat) is not None
    relu_hat = K.network({"layers": [{"weight": [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [-1, -1]], "activation": "relu"},
                                     {"weight": [["-1/2"] * 6], "bias": [1], "activation": "relu"},
                                     {"weight": [[1]], "activation": "identity"}]})
    rays = [K.run(relu_hat, [t * v for v in r]) for r in S._RAYS for t in (10, 11)]
    assert all(v == [0] for v in rays)                  # compactly supported: every ray is 0 far out


def test_p3a_class_scope_read_at_its_bounds(certs):
    """Each limit of the class scope on both sides: a scope the kernel admits gets to the count ("the kernel
    enumerated"), one it refuses is named by its own check."""
    cert = certs["p3a class"]

    def scope(classes, checked=10 ** 6):
        return {**cert, "scope": {"classes": classes}, "evidence": {"checked": checked, "zero": 0}}

    one = {"hidden": 1, "weights": ["1"], "biases": ["0"]}
    _rejected(scope([one] * 3), "the kernel enumerated")                       # 3 classes admitted
    _rejected(scope([one] * 4), "scope.classes")                               # 4 named
    _rejected(scope([]), "scope.classes")                                      # 0 named
    _rejected(scope([{**one, "hidden": 3}]), "the kernel enumerated")          # hidden 3 admitted
    _rejected(scope([{**one, "hidden": 0}]), "hidden")
    five = ["-2", "-1", "0", "1", "2"]
    _rejected(scope([{**one, "weights": five}]), "the kernel enumerated")      # 5 weights: 125 networks
    _rejected(scope([{**one, "biases": five}]), "the kernel enumerated")       # 5 biases: 5 * 5 networks
    for key, values in (("weights", five + ["3"]), ("biases", five + ["3"]), ("weights", []), ("biases", []),
                        ("weights", ["1", "1"]), ("biases", ["0", "0"])):
        _rejected(scope([{**one, key: values}]), "weights and biases are 1 to 5 distinct numbers")
    # hidden 1, one weight, one bias: relu(x1 + x2) + 0, one network, non-zero along a ray
    assert _ok(scope([one], 1) | {"evidence": {"checked": 1, "zero": 0}})
    _rejected(scope([one], 1) | {"evidence": {"checked": 1, "zero": 1}}, "identically zero")
    # 3 neurons up to their order: comb(1 + 2, 3) = 1 network for one kind, comb(8 + 2, 3) = 120 for 2 weights
    assert _ok(scope([{**one, "hidden": 3}]) | {"evidence": {"checked": 1, "zero": 0}})
    two = {"hidden": 3, "weights": ["0", "1"], "biases": ["0"]}
    _rejected(scope([two]) | {"evidence": {"checked": 121, "zero": 0}}, "the kernel enumerated 120")


def test_p3a_class_each_network_is_decided():
    """The enumeration builds the class's networks (weights, biases, output weights and bias in place), and a
    network is one multiset of neurons (the class up to the neurons' order)."""
    nets = list(S._one_hidden_class(_fake_cert({"classes": [{"hidden": 2, "weights": ["-1", "2"], "biases": ["0", "3"]}]})))
    # kinds (w1, w2, b, a): 2 * 2 * 2 * 2 = 16; pairs with repetition 16 * 17 / 2 = 136; output biases 2
    assert len(nets) == 136 * 2
    first, last = nets[0].layers, nets[-1].layers
    assert first[0][0] == [[-1, -1], [-1, -1]] and first[0][1] == [0, 0] and first[1][0] == [[-1, -1]] and first[1][1] == [0]
    assert last[0][0] == [[2, 2], [2, 2]] and last[0][1] == [3, 3] and last[1][0] == [[2, 2]] and last[1][1] == [3]
    assert {(n.layers[0][2], n.layers[1][2]) for n in nets} == {("relu", "identity")}
    assert all(n.d_in == 2 and n.d_out == 1 for n in nets)
    # every permutation class once: the multiset of neurons (with their output weights) is distinct per network
    keys = {(tuple(sorted(zip(map(tuple, n.layers[0][0]), n.layers[0][1], n.layers[1][0][0]))), n.layers[1][1][0])
            for n in nets}
    assert len(keys) == len(nets)


_fake_cert = scope_only


# -- 002-P3 (a) on a small class (the tests mutation testing runs once per mutant) -------------------------
def _net2(hidden, out, out_bias=0):
    """A network R^2 -> R with one hidden relu layer: hidden = [(w1, w2, b)], out = output weights."""
    return K.network({"layers": [{"weight": [[str(w1), str(w2)] for w1, w2, _ in hidden],
                                  "bias": [str(b) for _, _, b in hidden], "activation": "relu"},
                                 {"weight": [[str(a) for a in out]], "bias": [str(out_bias)], "activation": "identity"}]})


def test_p3a_small_class_counts_and_lies(certs):
    cert = certs["p3a small"]
    # comb(2^4 + 1, 2) * 2 + 3^4 * 3 + comb(2^3 + 2, 3) * 1 networks, up to the order of the hidden neurons
    assert cert["scope"]["classes"] == P3A_SMALL and cert["evidence"]["checked"] == 136 * 2 + 81 * 3 + 120 == 635
    assert cert["status"] == "verified" and _ok(cert), _why(cert)
    zero = cert["evidence"]["zero"]
    assert 0 < zero < 635
    for fn, why in ((lambda c: c["scope"]["classes"].pop(), "the kernel enumerated 515"),       # a class fewer
                    (lambda c: c["scope"]["classes"].pop(0), "the kernel enumerated 363"),
                    (lambda c: c["scope"]["classes"][0].update(biases=["0"]), "the kernel enumerated 399"),
                    (lambda c: c["scope"]["classes"][1].update(biases=["-1", "0", "2"]), "identically zero"),  # a relu(2) + c0 = 0 once
                    (lambda c: c["scope"]["classes"][2].update(hidden=2), "the kernel enumerated"),
                    (lambda c: c["scope"]["classes"][2].update(hidden=4), "hidden"),
                    (lambda c: c["scope"]["classes"][0].update(weights=["-1", "1", "2", "3", "4", "5"]), "1 to 5 distinct"),
                    (lambda c: c["scope"]["classes"].append(c["scope"]["classes"][0]), "scope.classes: 4 entries"),
                    (lambda c: c["evidence"].update(checked=634), "the kernel enumerated 635"),
                    (lambda c: c["evidence"].update(checked=636), "the kernel enumerated 635"),
                    (lambda c: c["evidence"].update(zero=zero - 1), "the class has %d identically zero" % zero),
                    (lambda c: c["evidence"].update(zero=zero + 1), "the class has %d identically zero" % zero)):
        _rejected(_changed(cert, fn), why)
    # the same values in another order: the same class, the same counts
    assert _ok(_changed(cert, lambda c: c["scope"]["classes"][1].update(weights=["0", "1", "-1"])))
    # the same class relabelled: inconclusive wants listed witnesses, refuted and proved are not this claim's
    for status in ("inconclusive", "refuted", "proved"):
        assert not _ok(dict(cert, status=status, argument=[]))
    assert not _ok(dict(cert, variant="(b) two-hidden-layer hat, d = 2"))
    # the weights 0 and 1 with biases 0: relu sums of x1, x2, x1 + x2 (zero only when every output weight is 0)
    two = {"hidden": 2, "weights": ["0", "1"], "biases": ["0"]}
    found = S._one_hidden_class(_fake_cert({"classes": [two]}))
    nets = list(found)
    zeros = sum(1 for n in nets if S._unbounded_witness(n) is None)
    assert len(nets) == 36 and zeros == sum(1 for n in nets if not any(n.layers[1][0][0]) or not any(
        a and any(w) for a, w in zip(n.layers[1][0][0], n.layers[0][0])))
    assert _ok({**cert, "scope": {"classes": [two]}, "evidence": {"checked": 36, "zero": zeros}})


def test_p3a_small_class_every_decision_is_needed(certs, monkeypatch):
    """Negative controls: a kernel that finds no ray must prove each network zero (and fails on a non-zero one);
    a kernel that calls every network zero miscounts."""
    cert = certs["p3a small"]
    monkeypatch.setattr(S, "_unbounded_witness", lambda net: None)
    _rejected(cert, "no witness for a non-zero network")
    monkeypatch.setattr(S, "_identically_zero", lambda net: True)
    _rejected(cert, "the class has 635 identically zero networks")


def test_p3a_identically_zero_decides_from_every_region():
    zero = [_net2([(1, 0, 0)], [0]),                                  # output weight 0
            _net2([(1, 1, 0), (1, 1, 0)], [1, -1]),                   # two equal neurons cancelling
            _net2([(0, 0, -1)], [1]),                                 # a dead neuron
            _net2([(1, 0, 0), (-1, 0, 0)], [0, 0]),                   # two neurons, both output weights 0
            _net2([(0, 0, 0)], [1])]                                  # relu(0) = 0
    for net in zero:
        assert S._identically_zero(net), K.strs(net.layers)
    nonzero = [_net2([(1, 0, 0)], [1]),                               # relu(x1): zero on one of its two regions
               _net2([(0, 0, 0)], [0], 1),                            # the constant 1: zero linear part, offset 1
               _net2([(0, 0, 1)], [1]),                               # relu(1): a constant from the hidden bias
               _net2([(1, 0, 0), (-1, 0, 0)], [1, 1]),                # |x1|
               _net2([(1, 0, 0), (1, 0, -1)], [1, -1]),               # relu(x1) - relu(x1 - 1): zero for x1 < 0
               _net2([(0, 1, 0)], [-1]),                              # -relu(x2): the second coordinate
               _net2([(1, 1, 0), (1, 1, 0)], [1, -2])]                # two equal neurons not cancelling
    for net in nonzero:
        assert not S._identically_zero(net), K.strs(net.layers)


def test_p3a_unbounded_witness_is_a_ray_where_f_stays_non_zero():
    """The witness is the first of the 16 directions along which f is non-zero beyond every zero of a
    pre-activation; f(t r) is checked at a large t independently, and networks zero far out along some rays
    (but not all) get the first ray that works."""
    cases = [(_net2([(1, 0, 0)], [1]), [2, 1]),                       # relu(x1)
             (_net2([(-1, 0, 5)], [1]), [-1, 2]),                     # relu(5 - x1): 0 along (2, 1), (1, 2) far out
             (_net2([(0, -1, 3)], [1]), [-2, -1]),                    # relu(3 - x2): 0 far along the first 4
             (_net2([(1, 0, -7)], [1]), [2, 1]),                      # relu(x1 - 7): 0 up to t = 7/2 along (2, 1)
             (_net2([(-1, -1, 0)], [1]), [-2, 1]),                    # relu(-x1 - x2)
             (_net2([(1, 0, 0), (-1, 0, 0)], [1, 1]), [2, 1]),        # |x1|
             (_net2([(1, 0, 0), (1, 0, -1)], [1, -1]), [2, 1]),       # relu(x1) - relu(x1 - 1) = 1 for x1 >= 1
             (_net2([(1, -2, 0), (-1, 2, 0)], [1, 1]), [1, 2]),       # |x1 - 2 x2|: 0 along (2, 1) only
             (_net2([(2, -1, 0), (-2, 1, 0), (1, -2, 0), (-1, 2, 0)], [1, 1, -1, -1]), [2, 1]),  # |2 x1 - x2| - |x1 - 2 x2|
             (_net2([(0, 0, 0)], [0], -1), [2, 1]),                   # the constant -1
             (_net2([(1, 1, -3), (-1, -1, 3)], [1, -1]), [2, 1])]     # relu(u) - relu(-u) = u = x1 + x2 - 3
    for net, ray in cases:
        r = S._unbounded_witness(net)
        assert r == ray, (K.strs(net.layers), r)
        assert all(K.run(net, [t * v for v in r]) != [0] for t in (1000, 1001, 10 ** 6))
    for net in (_net2([(1, 0, 0)], [0]), _net2([(1, 1, 0), (1, 1, 0)], [1, -1]), _net2([(0, 0, -1)], [1])):
        assert S._unbounded_witness(net) is None
    # a ray where f is non-zero near 0 but zero far out is skipped: relu(1 - x1 - x2) is 1 at 0, and 0 beyond
    # t = 1/3 along (2, 1) and (1, 2) and beyond t = 1 along (-1, 2); along (-2, 1) it grows
    assert S._unbounded_witness(_net2([(-1, -1, 1)], [1])) == [-2, 1]


def test_p3a_witness_decides_each_ray_at_two_points_past_every_zero():
    """f(t r) is affine in t past the last zero m of a non-constant pre-activation; the kernel tries t = m + 1 and
    m + 2 and takes the ray if f is non-zero at either (an affine function zero at both is zero past m)."""
    # relu(x1) - 2 along (2, 1): m = 0, f(1 r) = 0 and f(2 r) = 2: the ray is a witness, though f(t1 r) = 0
    assert S._unbounded_witness(_net2([(1, 0, 0)], [1], -2)) == [2, 1]
    # relu(1 - x1 / 4) along (2, 1): pre-activation 1 - t / 2, zero at t = 2 (not at -b * s = 1/2); f = 1/4 at
    # t = 3/2 but 0 past 2: no witness along (2, 1) nor (1, 2) (zero at t = 4); along (-1, 2) it grows
    net = _net2([(Fraction(-1, 4), 0, 1)], [1])
    assert S._unbounded_witness(net) == [-1, 2]
    assert K.run(net, [Fraction(3, 2) * 2, Fraction(3, 2)]) == [Fraction(1, 4)] and K.run(net, [100, 50]) == [0]


def test_p3a_class_size_limit_at_the_class_sizes_next_to_it():
    """The class sizes comb(|W|^3 |B| + h - 1, h) |B| nearest 20,000 are 16,512 (|W| = 4, |B| = 2, h = 2: admitted,
    its first network built) and 23,544 (|W| = 3, |B| = 4, h = 2: refused before any network is built)."""
    admitted = S._one_hidden_class(_fake_cert({"classes": [{"hidden": 2, "weights": ["-2", "-1", "1", "2"],
                                                            "biases": ["0", "1"]}]}))
    first = next(admitted)
    assert first.layers[0][0] == [[-2, -2], [-2, -2]] and first.layers[1][0] == [[-2, -2]]
    refused = S._one_hidden_class(_fake_cert({"classes": [{"hidden": 2, "weights": ["-1", "0", "1"],
                                                           "biases": ["-1", "0", "1", "2"]}]}))
    with pytest.raises(K.Invalid, match="scope.classes\\[0\\]: more than 20000 networks"):
        next(refused)


def test_p1_facet_walk_with_thresholds_and_a_neuron_at_its_threshold():
    """The walk's lines are w.x + b - t = 0 (t the hard threshold), and a neuron that sits at its
    threshold everywhere (w = 0, b = t) is active on both sides: H(x1 + x2 - 1/2) jumps on the line
    x1 + x2 = 1/2 and nowhere else; adding the constant neuron H(0 * x + 1/2 - 1/2) = 1 with output
    weight 1 shifts f by 1 on both sides."""
    F = Fraction
    net = K.network({"layers": [_layer([[1, 1]], [0], "hard_threshold", "1/2"), _layer([[1]], [0], "identity")]})
    walk = list(S._facet_walk(net))
    assert len(walk) == 1 and walk[0][3] is False and sum(walk[0][0]) == F(1, 2)
    assert S._lines(net) == [([F(1), F(1)], F(-1, 2))]
    both = K.network({"layers": [_layer([[1, 1], [0, 0]], [0, "1/2"], "hard_threshold", "1/2"),
                                 _layer([[1, 1]], [0], "identity")]})
    x = [F(1, 4), F(1, 4)]
    assert S._one_sided(both, x, [F(1), F(1)]) == [[1, 1], []] and S._one_sided(both, x, [F(-1), F(-1)]) == [[0, 1], []]


def test_p1_facet_points_lie_inside_every_segment_and_ray():
    """Three lines x1 = 0, x2 = 0, x1 + x2 = 1: each is cut twice, so the walk takes a point on each
    of its two rays (one unit beyond the cuts) and the middle of the segment between the cuts."""
    F = Fraction
    net = K.network({"layers": [_layer([[1, 0], [0, 1], [1, 1]], [0, 0, -1], "relu"), _layer([[1, 1, 1]], [0], "identity")]})
    points = {}
    for x, a, beta in S._facet_points(net):
        points.setdefault((tuple(a), beta), []).append(tuple(x))
    assert points[((F(1), F(0)), F(0))] == [(0, -1), (0, F(1, 2)), (0, 2)]
    assert points[((F(0), F(1)), F(0))] == [(2, 0), (F(1, 2), 0), (-1, 0)]
    assert len(points) == 3 and all(len(v) == 3 for v in points.values())
