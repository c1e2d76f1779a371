"""004-Main and 004-Topo: the kernel rebuilds K and the cut autoencoders and rejects every lie."""

import copy
from fractions import Fraction

import pytest
from honest_certificates import honest as cached
from hypothesis import given
from hypothesis import strategies as st

from exact.curves import curve_error, cut_autoencoder, polygon, square
from proofs.certificates import network_json
from proofs.claims.p004 import main, topology
from proofs.kernel import core as K
from proofs.kernel import recheck
from proofs.kernel.specs import p004 as S
from proofs.methods.strategies import networks


def _build_certs():
    return {
        "main": main.check(widths="2,4", deltas="1/10,1/2", train=False).certificate,
        "main_refuted": main.check(widths="2", deltas="1/10", decoder_shift="1/5,0", train=False).certificate,
        "topo": topology.check(widths="2", random_encoders=2, trained=False).certificate,
        "arc": topology.check(widths="2", open_arc=True).certificate,
    }


@pytest.fixture(scope="module")
def certs():
    return cached("p004", _build_certs)


def _ok(cert):
    return recheck(cert)[0]


def _why(cert):
    return recheck(cert)[1]


def _changed(cert, fn):
    c = copy.deepcopy(cert)
    fn(c)
    return c


def test_honest_certificates_are_accepted(certs):
    assert certs["main"]["status"] == "verified" and certs["main_refuted"]["status"] == "refuted"
    assert certs["topo"]["status"] == "proved" and certs["arc"]["status"] == "refuted"
    for cert in certs.values():
        assert _ok(cert), _why(cert)


def test_octagon_is_accepted():
    assert _ok(main.check(curve="octagon", widths="1,2", deltas="1/4", train=False).certificate)
    assert _ok(topology.check(curve="octagon", widths="1", random_encoders=1, trained=False).certificate)


@pytest.mark.parametrize("name", ["main", "main_refuted", "topo", "arc"])
@pytest.mark.parametrize("status", ["proved", "verified", "refuted", "inconclusive"])
def test_status_changed(certs, name, status):
    cert = certs[name]
    if status == cert["status"]:
        return
    c = dict(cert, status=status)
    if status == "proved":
        c["argument"] = [{"id": "symmetric", "checker": "kernel"}]
    else:
        c.pop("argument", None)
    assert not _ok(c)


@pytest.mark.parametrize("name", ["main", "main_refuted", "topo", "arc"])
def test_relabelled(certs, name):
    cert = certs[name]
    for claim in ("004-Main", "004-Topo", "002-C1", "NOPE"):
        if claim != cert["claim"]:
            assert not _ok(dict(cert, claim=claim))
    assert not _ok(dict(cert, variant="negative control: open arc" if cert["variant"] is None else None))


def test_main_rows_are_recomputed(certs):
    cert = certs["main"]
    assert cert["evidence"]["checked"] == 2 and len(cert["evidence"]["rows"]) == 4
    for key, value in (("bad_length", "1/100"), ("max_error", "3"), ("delta", "1/5"), ("mesh_n", 3)):
        assert not _ok(_changed(cert, lambda c: c["evidence"]["rows"][1].__setitem__(key, value)))
    assert not _ok(_changed(cert, lambda c: c["evidence"]["rows"].pop()))
    assert not _ok(_changed(cert, lambda c: c["evidence"]["rows"].reverse()))


def test_main_scope_changes(certs):
    cert = certs["main"]
    assert "entries" in _why(_changed(cert, lambda c: c["scope"].update(widths=[2])))  # rows then too many
    assert not _ok(_changed(cert, lambda c: c["scope"].update(widths=[2, 8])))
    assert not _ok(_changed(cert, lambda c: c["scope"].update(deltas=["1/10", "1/3"])))
    assert not _ok(_changed(cert, lambda c: c["scope"].update(curve="octagon")))
    assert not _ok(_changed(cert, lambda c: c["scope"].update(curve="blob")))
    assert not _ok(_changed(cert, lambda c: c["scope"].update(widths=[4, 2])))
    # a wrong decoder is not exact outside the cut cell, whatever the rows say
    assert "not exact outside" in _why(_changed(cert, lambda c: c["scope"].update(decoder_shift=["0", "1/1000"])))


def test_main_counterexample_is_rebuilt(certs):
    cert = certs["main_refuted"]
    assert set(cert["scope"]) == {"curve", "decoder_shift"} and set(cert["evidence"]) == {"mesh_n", "s"}
    assert not _ok(_changed(cert, lambda c: c["scope"].update(decoder_shift=["0", "0"])))  # the honest A_n
    assert not _ok(_changed(cert, lambda c: c["evidence"].update(s="31/8")))  # inside the cut cell
    assert not _ok(_changed(cert, lambda c: c["evidence"].update(s="5")))  # not on K
    assert not _ok(_changed(cert, lambda c: c["evidence"].update(s=0.5)))  # a float


@pytest.mark.parametrize("name", ["main", "main_refuted", "topo", "arc"])
def test_keys_dropped_or_added(certs, name):
    cert = certs[name]
    for key in list(cert["evidence"]):
        assert not _ok(_changed(cert, lambda c: c["evidence"].pop(key)))
    for key in list(cert["scope"]):
        assert not _ok(_changed(cert, lambda c: c["scope"].pop(key)))
    assert not _ok(_changed(cert, lambda c: c["evidence"].update(extra="1")))
    assert not _ok(_changed(cert, lambda c: c["scope"].update(extra="1")))


def test_topo_pairs_are_checked(certs):
    cert = certs["topo"]
    ev = cert["evidence"]
    assert len(ev["cut_pairs"]) == 1 and len(ev["antipodal"]) == 2 and ev["inf_norm_min"] == "1"
    assert [a["checker"] for a in cert["argument"]] == ["kernel", "theorem: intermediate value theorem",
                                                         "kernel", "theorem: triangle inequality"]
    for fn in (lambda c: c["evidence"]["cut_pairs"][0].update(bound="3/2"),
               lambda c: c["evidence"]["cut_pairs"][0].update(code="1/7"),
               lambda c: c["evidence"]["cut_pairs"][0].update(s_q=c["evidence"]["cut_pairs"][0]["s_p"]),
               lambda c: c["evidence"]["antipodal"][0].update(s="1/3"),
               lambda c: c["evidence"]["antipodal"][0].update(bound="5"),
               lambda c: c["evidence"]["antipodal"][0]["encoder"].update(sha256="0" * 64),
               lambda c: c["evidence"]["antipodal"].pop(),
               lambda c: c["evidence"].update(inf_norm_min="1/2"),
               lambda c: c["scope"].update(random_encoders=3),
               lambda c: c["scope"].update(widths=[2, 4]),
               lambda c: c["scope"].update(curve="octagon"),
               lambda c: c["argument"].pop(),
               lambda c: c["argument"][1].update(checker="kernel")):
        assert not _ok(_changed(cert, fn))


def test_topo_swapped_encoder_with_its_hash_still_needs_a_true_pair(certs):
    from proofs.certificates import bind

    cert = certs["topo"]
    other = topology.random_encoder(__import__("random").Random(99), (5,))
    c = _changed(cert, lambda c: c["evidence"]["antipodal"][0].update(encoder=bind(network_json(other))))
    assert not _ok(c)


def test_topo_not_symmetric_is_not_proved(certs):
    c = _changed(certs["topo"], lambda c: c["scope"].update(curve="square"))
    assert _ok(c)
    # the kernel states the curves; an asymmetric polygon cannot be named, and a proof needs K = -K
    assert not S._symmetric([(Fraction(1), Fraction(0)), (Fraction(0), Fraction(1)), (Fraction(-1), Fraction(-1))])


def test_open_arc(certs):
    cert = certs["arc"]
    assert cert["scope"] == {"curve": "square", "mesh_n": 2}
    assert _ok(_changed(cert, lambda c: c["scope"].update(mesh_n=4)))  # true for every n
    assert not _ok(_changed(cert, lambda c: c["scope"].update(mesh_n=1)))  # E_1 of the square does not exist


def test_kernel_curves_and_constructions_match_the_exact_library():
    for name in ("square", "octagon", "circle8"):
        assert [tuple(v) for v in S._curve(name)] == list(polygon(name).vertices)
    enc, dec = cut_autoencoder(square(), 2)
    assert K.network(network_json(enc.then(dec))) == S._autoencoder(S._curve("square"), 2)


@given(networks([2, 4, 2], activations=("relu",), last_activation="identity", max_height=4),
       st.sampled_from(["0", "1/3", "2"]))
def test_kernel_sweep_agrees_with_exact_pipeline_on_random_autoencoders(auto, delta):
    """Two implementations (exact.curves + sweep_1d, and the stdlib kernel) give the same figures."""
    err = curve_error(auto, square(), Fraction(delta))
    _, length, worst = S._errors(S._profiles(K.network(network_json(auto)), S._curve("square")), Fraction(delta))
    assert (length, worst) == (err.bad_length, err.max_error)


# -- boundaries that the honest certificates above do not reach --------------------------------------
def _rejected(cert, reason):
    ok, why = recheck(cert)
    assert not ok and reason in why, why


_EVEN = {"layers": [{"weight": [[1, 0], [-1, 0]], "bias": [0, 0], "activation": "relu"},
                    {"weight": [[1, 1]], "activation": "identity"}]}  # E(x) = |x_1| = E(-x)


def test_point_and_symmetry_helpers():
    sq = S._curve("square")
    assert S._point(sq, Fraction(0)) == S._point(sq, Fraction(4)) == [1, -1]  # both ends of the closed curve
    assert S._point(sq, Fraction(7, 2)) == [0, -1]  # the middle of the last edge V_3 -> V_0
    assert S._point(sq, Fraction(3), closed=False) == [-1, -1]  # the end of the open path V_0 .. V_3
    for s in (Fraction(-1, 10), Fraction(41, 10)):
        with pytest.raises(K.Invalid, match="not in"):
            S._point(sq, s)
    with pytest.raises(K.Invalid, match="not in"):
        S._point(sq, Fraction(31, 10), closed=False)  # an open path of 4 vertices has 3 edges
    assert not S._symmetric([(Fraction(1), Fraction(0)), (Fraction(0), Fraction(1)), (Fraction(-1), Fraction(0)),
                             (Fraction(0), Fraction(-2))])  # 4 vertices, not centrally symmetric
    assert S._symmetric(sq) and S._symmetric(S._curve("circle8"))


def test_inf_norm_min_values():
    assert S._inf_norm_min(S._curve("square")) == 1
    assert S._inf_norm_min(S._curve("octagon")) == Fraction(3, 2)  # at (3/2, 3/2), mid-edge
    tri = [(Fraction(2), Fraction(0)), (Fraction(0), Fraction(2)), (Fraction(-2), Fraction(-2))]
    assert S._inf_norm_min(tri) == Fraction(2, 3)  # at (-2/3, 2/3) and (2/3, -2/3)
    for name in ("circle8", "circle10", "circle16"):  # not symmetric under x -> -x exactly (rounded tangents)
        vs = S._curve(name)
        assert S._inf_norm_min(vs) == _inf_norm_min_by_diagonals(vs), name


def _inf_norm_min_by_diagonals(vs):
    """max(|x|, |y|) is minimal on a segment at an end or where x = y or x = -y (else one of |x|, |y|
    decreases strictly while the other stays smaller)."""
    best = None
    for k in range(len(vs)):
        (px, py), (qx, qy) = vs[k], vs[(k + 1) % len(vs)]
        ts = {Fraction(0), Fraction(1)}
        for sign in (1, -1):  # px + t dx = sign (py + t dy)
            den = (qx - px) - sign * (qy - py)
            if den != 0:
                ts.add((sign * py - px) / den)
        for t in ts:
            if 0 <= t <= 1:
                v = max(abs(px + t * (qx - px)), abs(py + t * (qy - py)))
                best = v if best is None else min(best, v)
    return best


def test_autoencoder_construction_matches_the_library_and_the_shift():
    for name, n in (("square", 3), ("octagon", 2)):
        enc, dec = cut_autoencoder(polygon(name), n)
        assert K.network(network_json(enc.then(dec))) == S._autoencoder(S._curve(name), n), (name, n)
    sq, shift = S._curve("square"), (Fraction(1, 5), Fraction(-1, 7))
    net = S._autoencoder(sq, 2, shift)
    for s in (Fraction(0), Fraction(1, 3), Fraction(5, 2)):
        x = S._point(sq, s)
        assert K.run(net, x) == [x[0] + shift[0], x[1] + shift[1]]


def test_topo_antipodal_s_at_both_ends(certs):
    from proofs.certificates import bind

    cert = certs["topo"]
    for s, ok in (("0", True), ("2", True), ("21/10", False), ("-1/10", False)):
        c = _changed(cert, lambda c: c["evidence"]["antipodal"].__setitem__(
            0, {"encoder": bind(_EVEN), "s": s, "code": "1", "bound": "1"}))
        if ok:
            assert _ok(c), _why(c)
        else:
            _rejected(c, "not in")
    two_out = {"layers": [{"weight": [[1, 0], [0, 1]], "activation": "identity"}]}
    _rejected(_changed(cert, lambda c: c["evidence"]["antipodal"][0].update(encoder=bind(two_out))),
              "an encoder maps R^2 to R")


def test_topo_cut_pair_needs_both_codes(certs):
    cert = certs["topo"]
    sq = S._curve("square")
    pair = cert["evidence"]["cut_pairs"][0]
    s_q = str(Fraction(pair["s_p"]) + Fraction(1, 2))  # E_2 is injective there: only p has the code
    p, q = S._point(sq, Fraction(pair["s_p"])), S._point(sq, Fraction(s_q))
    bound = str(max(abs(a - b) for a, b in zip(p, q)) / 2)
    _rejected(_changed(cert, lambda c: c["evidence"]["cut_pairs"][0].update(s_q=s_q, bound=bound)),
              "the two codes are not both")


def test_topo_scope_bounds(certs):
    cert = certs["topo"]
    # one trained encoder and one random one: the two listed encoders are checked alike
    assert _ok(_changed(cert, lambda c: c["scope"].update(trained=True, random_encoders=1)))
    _rejected(_changed(cert, lambda c: c["scope"].update(random_encoders=1001)), "scope.random_encoders")
    for widths, reason in (([65], "scope.widths"), (list(range(2, 11)), "scope.widths"), ([4, 2], "widths must increase")):
        _rejected(_changed(cert, lambda c: c["scope"].update(widths=widths)), reason)
    _rejected(_changed(cert, lambda c: (c["scope"].update(widths=[]), c["evidence"].update(cut_pairs=[]))),
              "scope.widths")
    _rejected(_changed(cert, lambda c: (c["scope"].update(widths=[2, 2]),
                                        c["evidence"]["cut_pairs"].append(dict(c["evidence"]["cut_pairs"][0])))),
              "widths must increase")


def test_open_arc_mesh_bounds(certs):
    cert = certs["arc"]
    for n in (0, 65):
        _rejected(_changed(cert, lambda c: c["scope"].update(mesh_n=n)), "scope.mesh_n")
    octagon = _changed(cert, lambda c: c["scope"].update(curve="octagon", mesh_n=1))  # E_1 of the octagon exists
    assert _ok(octagon), _why(octagon)


def test_profiles_cover_every_edge():
    sq = S._curve("square")
    net = S._autoencoder(sq, 2)
    assert len(S._profiles(net, sq)) == 4 and len(S._profiles(net, sq, closed=False)) == 3
    arc = sq + [tuple(S._point(sq, Fraction(7, 2)))]
    assert len(S._profiles(net, arc, closed=False)) == 4


def test_curve_names():
    for name, m in (("circle4", 4), ("circle12", 12), ("circle64", 64)):
        vs = S._curve(name)
        assert len(vs) == m and all(x * x + y * y == 1 for x, y in vs), name  # rational points of the unit circle
    for name in ("circle2", "circle5", "circle", "circle100", "circlex8", "blob", "8circle"):
        with pytest.raises(K.Invalid, match="unknown curve"):
            S._curve(name)


def test_main_counterexample_limits(certs):
    cert = certs["main_refuted"]  # the decoder is shifted: every point of K is a counterexample
    for s in ("0", "1/2", "7/2"):  # both ends of [0, m - 1/n] (m = 4, n = 2)
        c = _changed(cert, lambda c: c["evidence"].update(s=s))
        assert _ok(c), (s, _why(c))
    octagon = _changed(cert, lambda c: (c["scope"].update(curve="octagon"), c["evidence"].update(mesh_n=1, s="0")))
    assert _ok(octagon), _why(octagon)
    for n in (0, 65):
        _rejected(_changed(cert, lambda c: c["evidence"].update(mesh_n=n)), "evidence.mesh_n")
    _rejected(_changed(cert, lambda c: c["scope"].update(decoder_shift=["1/5", "0", "0"])), "scope.decoder_shift")


def test_main_deltas_limits_and_exactness_for_n_1(certs):
    cert = certs["main"]  # widths [2, 4], 2 deltas, 4 rows: a scope change is checked before the rows
    for deltas, reason in ((["1/10"] * 9, "deltas: 1 to 8"), ([], "deltas: 1 to 8"), (["1/10", "-1/10"], "deltas: 1 to 8"),
                           (["0"] + ["1/10"] * 7, "rows: 4 entries (expected 16)")):  # 8 deltas and delta 0 admitted
        _rejected(_changed(cert, lambda c: c["scope"].update(deltas=deltas)), reason)
    # n = 1 (the octagon): a shifted decoder errs from the first edge on, where lo = 0 = 1 - 1/n
    _rejected(_changed(cert, lambda c: (c["scope"].update(curve="octagon", widths=[1], decoder_shift=["1/5", "0"]),
                                        c["evidence"].update(rows=c["evidence"]["rows"][:2]))),
              "not exact outside the cut cell")


def test_kernel_curve_names_with_other_digits_are_refused():
    # str.isdigit accepts superscript and other Unicode digits that int() does not read: each
    # such name is an unknown curve (K.Invalid), never a ValueError out of the kernel.
    for name in ("circle\u00b2", "circle\u0664", "circle\u00b9\u2070", "circle", "circle3", "circle2", "circle+8"):
        with pytest.raises(K.Invalid, match="unknown curve"):
            S._curve(name)
    assert len(S._curve("circle98")) == 98 and len(S._curve("circle4")) == 4
