"""The kernel's curve_error and curve_pair checks accept honest obligations and reject tampered ones."""

import copy
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exact.curves import Polygon, curve_error, cut_autoencoder, identified_pair, octagon, square
from proofs import kernel
from proofs.claims.p004 import curve_error_obligation, curve_pair_obligation
from proofs.strategies import networks


@pytest.fixture(scope="module")
def obligations():
    K = square()
    enc, dec = cut_autoencoder(K, 2)
    auto = enc.then(dec)
    err = curve_error_obligation(auto, K, curve_error(auto, K, Fraction(1, 10)))
    pair = curve_pair_obligation(enc, K, identified_pair(enc, K))
    return err, pair


def _check(ob):
    cert = {"format": kernel.FORMAT, "claim": "004-Main", "status": "verified", "obligations": [ob]}
    return kernel.recheck(cert)


def test_accepts_honest_obligations(obligations):
    for ob in obligations:
        assert _check(ob) == (True, [])


@pytest.mark.parametrize("tamper, message", [
    (lambda ob: ob.update(max_error="3"), "max error"),
    (lambda ob: ob.update(bad_length="1"), "bad length"),
    (lambda ob: ob.update(delta="1/5"), "bad set"),
    (lambda ob: ob["bad"][3].__setitem__(0, ["7/10", "99/100"]), "bad set"),
    (lambda ob: ob["bad"][0].append(["0", "1/2"]), "bad set"),
    (lambda ob: ob["edges"][3].__delitem__(slice(1, -1)), "changes sign"),  # kinks dropped
    (lambda ob: ob["edges"][0].__setitem__(-1, "1/2"), "rise from 0 to 1"),
    (lambda ob: ob["network"]["layers"][-1]["bias"].__setitem__(0, "11/10"), "bad set"),
    (lambda ob: ob["network"]["layers"][0]["weight"][0].__setitem__(0, "7/3"), "edge"),  # a tampered weight
    (lambda ob: ob["network"]["layers"][0]["bias"].append("0"), "fitting shapes"),
    (lambda ob: ob["vertices"][0].append("0"), "points of the plane"),
    (lambda ob: ob.update(within=[3, "3/4", "1"]), "not within"),  # the bad set is in [1/2, 1] of edge 3
    (lambda ob: ob.update(within=[2, "0", "1"]), "not within"),
    (lambda ob: ob["network"]["layers"][0].update(activation="hard_threshold"), "relu/identity"),
    (lambda ob: ob.update(closed=False), "expected 3 edges"),
    (lambda ob: ob["network"]["layers"][0].update(weight=[r + ["0"] for r in ob["network"]["layers"][0]["weight"]]),
     "fitting shapes"),  # a network on R^3 (zip would silently truncate)
    (lambda ob: ob["network"]["layers"].pop(), "plane to the plane"),
    (lambda ob: ob["network"]["layers"][-1].update(weight=ob["network"]["layers"][-1]["weight"][:1],
                                                   bias=["0"]), "plane to the plane"),
])
def test_rejects_tampered_curve_error(obligations, tamper, message):
    _assert_rejected(obligations[0], tamper, message)


def _assert_rejected(honest, tamper, message):
    ob = copy.deepcopy(honest)
    tamper(ob)
    ok, messages = _check(ob)
    assert not ok and message in messages[0]


@pytest.mark.parametrize("tamper, message", [
    (lambda ob: ob.update(bound="2"), "bound"),
    (lambda ob: ob.update(code="2"), "code"),
    (lambda ob: ob.update(q=list(ob["p"])), "coincide"),
    (lambda ob: ob.update(q=[5, "1/2"]), "not on the polygon"),
    (lambda ob: ob.update(q=[ob["q"][0], "1/3"]), "code"),  # another point of K, another code
    (lambda ob: ob["network"]["layers"][0]["weight"][2].__setitem__(1, "5"), "code"),  # a tampered weight
    (lambda ob: ob.update(antipodal=True), "opposite"),  # the cut encoder's pair is not antipodal
    (lambda ob: ob.update(p=[True, ob["p"][1]]), "not on the polygon"),  # a bool is not an edge index
])
def test_rejects_tampered_curve_pair(obligations, tamper, message):
    _assert_rejected(obligations[1], tamper, message)


def test_rejects_each_missing_kink(obligations):
    """Dropping one breakpoint where the network has a kink makes a ReLU change sign inside an interval."""
    ob = obligations[0]
    K = square()
    enc, dec = cut_autoencoder(K, 2)
    auto = enc.then(dec)
    kinks = 0
    for k, ts in enumerate(ob["edges"]):
        p, q = K.edge(k)
        for i in range(1, len(ts) - 1):
            a, t, b = (Fraction(ts[j]) for j in (i - 1, i, i + 1))
            pts = [tuple(u + s * (v - u) for u, v in zip(p, q)) for s in (a, t, b)]
            ya, yt, yb = (auto.evaluate(x) for x in pts)
            lam = (t - a) / (b - a)
            if tuple((1 - lam) * u + lam * v for u, v in zip(ya, yb)) == yt:
                continue  # A is affine across t_i: dropping it is harmless (and may be accepted)
            kinks += 1
            bad = copy.deepcopy(ob)
            del bad["edges"][k][i]
            ok, messages = _check(bad)
            assert not ok and "changes sign" in messages[0]
    assert kinks >= 4


def test_antipodal_pair_obligation():
    from exact.curves import antipodal_pair
    from proofs.claims.p004.topology import random_encoder
    import random

    K = octagon()
    enc = random_encoder(random.Random(5), (6,))
    ob = curve_pair_obligation(enc, K, antipodal_pair(enc, K), antipodal=True)
    assert ob["antipodal"] is True and _check(ob) == (True, [])
    k = ob["p"][0]
    assert ob["q"][0] == k + 4
    bad = copy.deepcopy(ob)
    bad["vertices"][k + 2] = ["7", "7"]  # a vertex off both edges: p, q, codes unchanged, K not symmetric
    assert "opposite" in _check(bad)[1][0]
    bad = copy.deepcopy(ob)
    bad["antipodal"] = "yes"
    assert "opposite" in _check(bad)[1][0]


def test_perfect_reconstruction_of_an_open_arc():
    K = square()
    enc, dec = cut_autoencoder(K, 2)
    auto = enc.then(dec)
    arc = Polygon(K.vertices + (K.point(Fraction(7, 2)),), closed=False)
    ob = curve_error_obligation(auto, arc, curve_error(auto, arc, 0))
    assert ob["max_error"] == "0" and ob["bad"] == [[], [], [], []]
    assert _check(ob) == (True, [])
    ob["vertices"][-1] = ["1/2", "-1"]  # the arc now reaches into the cut cell
    assert not _check(ob)[0]


@given(networks([2, 4, 2], activations=("relu",), last_activation="identity", max_height=4),
       st.sampled_from(["0", "1/3", "2"]))
def test_kernel_agrees_with_exact_pipeline_on_random_autoencoders(auto, delta):
    """Two implementations (exact.curves + sweep_1d, and the stdlib kernel) give the same figures."""
    K = square()
    ob = curve_error_obligation(auto, K, curve_error(auto, K, Fraction(delta)))
    assert _check(ob) == (True, [])
