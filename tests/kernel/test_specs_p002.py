"""002-C1, P1, P2, P3, P4: the kernel rebuilds constructions and classes and rejects every lie."""

import copy
from fractions import Fraction

import pytest
from honest_certificates import honest as cached

from exact.lecture002 import CONSTRUCTIONS, fem_hat_2d, pl_to_relu, sawtooth
from proofs.certificates import network_json
from proofs.claims.p002 import constructions, pieces, pl_conversion, property1, support
from proofs.kernel import core as K
from proofs.kernel import recheck
from proofs.kernel.specs import p002 as S

STATUSES = ("proved", "verified", "refuted", "inconclusive")


def _build_certs():
    a, b = support.check()
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
    }


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
                                                    "verified", "inconclusive", "verified"]
    for name, cert in certs.items():
        assert _ok(cert), (name, recheck(cert))


@pytest.mark.parametrize("name", ["c1", "c1_refuted", "p2", "p2_control", "p1", "p1_control", "p4", "p3a", "p3b"])
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
