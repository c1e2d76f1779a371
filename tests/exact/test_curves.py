"""Closed polygonal curves, the cut autoencoders and the exact error analysis along K (004)."""

import doctest
import random
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import exact.curves as curves
from exact.curves import (Polygon, antipodal_pair, circle_polygon, curve_error, cut_autoencoder,
                          cut_encoder, edge_error, identified_pair, max_norm, octagon, path_decoder,
                          polygon, square)
from exact.errors import ExactnessError, InvalidArgument
from proofs.methods.strategies import networks


def test_doctests():
    assert doctest.testmod(curves).failed == 0


def _err(auto, x):
    y = auto.evaluate(x)
    return max_norm((y[0] - x[0], y[1] - x[1]))


@pytest.fixture(scope="module")
def sq2():
    K = square()
    enc, dec = cut_autoencoder(K, 2)
    return K, enc, dec, enc.then(dec)


def test_curves_are_rational_and_symmetric():
    for K in (square(), octagon(), circle_polygon(8), circle_polygon(12)):
        assert K.closed and K.is_centrally_symmetric()
        assert all(isinstance(c, Fraction) for v in K.vertices for c in v)
    for v in circle_polygon(12).vertices:
        assert v[0] ** 2 + v[1] ** 2 == 1  # exactly on the unit circle
    assert not circle_polygon(5).is_centrally_symmetric()
    assert square().length == 8 and octagon().length == 4 * 2 + 4 * 1
    assert polygon("circle8").m == 8
    with pytest.raises(InvalidArgument):
        polygon("triangle")
    with pytest.raises(ExactnessError):
        Polygon(((0.5, 0), (1, 1), (0, 1)))
    with pytest.raises(InvalidArgument):
        Polygon(((0, 0), (0, 0), (1, 1)))


def test_encoder_interpolates_the_nodes():
    for K, n in ((square(), 2), (square(), 3), (octagon(), 1), (circle_polygon(8), 2)):
        enc = cut_encoder(K, n)
        assert enc.widths == (2, 2 * K.m * n, K.m * n, 1)
        for j in range(K.m * n):
            s = Fraction(j, n)
            assert enc.evaluate(K.point(s)) == (s,)


def test_encoder_refuses_wide_cones():
    with pytest.raises(InvalidArgument, match="larger width"):
        cut_encoder(square(), 1)  # nodes V_{j-1}, V_{j+1} are opposite
    with pytest.raises(InvalidArgument):
        cut_encoder(square(), 0)


def test_decoder_follows_the_path():
    K = octagon()
    dec = path_decoder(K)
    for z in (Fraction(0), Fraction(1, 3), Fraction(5, 2), Fraction(7)):
        assert dec.evaluate([z]) == K.point(z)
    assert dec.evaluate([-5]) == K.vertices[0]


@given(st.fractions(min_value=0, max_value=Fraction(7, 2)))
def test_exact_outside_the_cut_cell(s):
    K = square()
    enc, dec = cut_autoencoder(K, 2)
    x = K.point(s)
    assert enc.evaluate(x) == (s,)
    assert dec.evaluate(enc.evaluate(x)) == x


@given(st.fractions(min_value=0, max_value=4), st.sampled_from(["0", "1/10", "1/2", "3/2", "2"]))
def test_bad_set_agrees_with_pointwise_error(s, delta):
    K = square()
    enc, dec = cut_autoencoder(K, 2)
    auto = enc.then(dec)
    r = _cached_error(delta)
    inside = any(lo < s < hi or lo < s + 4 < hi for lo, hi in r.bad)
    e = _err(auto, K.point(s))
    assert e <= r.max_error
    if e > Fraction(delta):
        assert inside
    elif e < Fraction(delta):
        assert not inside


_CACHE = {}


def _cached_error(delta):
    if delta not in _CACHE:
        K = square()
        enc, dec = cut_autoencoder(K, 2)
        _CACHE[delta] = curve_error(enc.then(dec), K, delta)
    return _CACHE[delta]


def test_bad_arc_end_points_have_error_delta(sq2):
    K, _, _, auto = sq2
    for delta in (Fraction(1, 10), Fraction(1, 2)):
        r = curve_error(auto, K, delta)
        assert len(r.bad) == 1
        lo, hi = r.bad[0]
        assert Fraction(7, 2) <= lo < hi <= 4  # inside the cut cell
        assert _err(auto, K.point(lo)) == delta and _err(auto, K.point(hi)) == delta
        assert _err(auto, K.point((lo + hi) / 2)) > delta
        assert r.bad_length == (hi - lo) * K.edge_length(3)
    # the maximum is attained at a breakpoint
    r = curve_error(auto, K, 0)
    assert any(max_norm(e) == r.max_error for p in r.edges for e in p.errors)
    assert r.max_error == 2


def test_bad_length_shrinks_with_width():
    K = square()
    lengths = []
    for n in (2, 4, 8):
        enc, dec = cut_autoencoder(K, n)
        r = curve_error(enc.then(dec), K, Fraction(1, 10))
        assert r.bad_length <= K.edge_length(3) / n
        lengths.append(r.bad_length)
    assert lengths[0] > lengths[1] > lengths[2]


def test_wrapping_arc_on_a_closed_curve():
    # a decoder shifted by (1, 0): error exactly 1 everywhere except on the cut cell,
    # so {error > 1/2} is all of K except a small arc, and it wraps past V_0.
    from proofs.claims.p004.main import shifted_decoder

    K = square()
    enc, dec = cut_autoencoder(K, 2)
    auto = enc.then(shifted_decoder(dec, (Fraction(1), Fraction(0))))
    r = curve_error(auto, K, Fraction(1, 2))
    (lo, hi), = r.bad  # one arc, from inside the cut cell, past V_0 (s = 4), round to the cut cell
    assert Fraction(7, 2) < lo < 4 < 4 + Fraction(7, 2) < hi < 8
    assert r.bad_length == (hi - lo) * 2 and r.bad_length > 7
    assert _err(auto, K.point(hi - 4)) == Fraction(1, 2) and _err(auto, K.point(lo)) == Fraction(1, 2)


def test_edge_error_negative_control():
    """A wrong breakpoint set (a kink skipped) would interpolate wrongly: the sweep keeps them all."""
    K = square()
    enc, dec = cut_autoencoder(K, 4)
    auto = enc.then(dec)
    e = edge_error(auto, K, 3)
    assert len(e.breakpoints) > 3
    for a, b in zip(e.breakpoints, e.breakpoints[1:]):
        mid = (a + b) / 2
        x = K.point(3 + mid)
        y = auto.evaluate(x)
        lam = Fraction(1, 2)
        interp = tuple((1 - lam) * u + lam * v for u, v in zip(e.errors[e.breakpoints.index(a)],
                                                                 e.errors[e.breakpoints.index(b)]))
        assert interp == (y[0] - x[0], y[1] - x[1])
    # the error is not affine across every breakpoint: skipping one would misstate it
    ts, es = e.breakpoints, e.errors
    kinks = [i for i in range(1, len(ts) - 1)
             if tuple(u + (ts[i] - ts[i - 1]) / (ts[i + 1] - ts[i - 1]) * (v - u)
                      for u, v in zip(es[i - 1], es[i + 1])) != es[i]]
    assert kinks


def test_identified_pair_and_open_arc(sq2):
    K, enc, dec, auto = sq2
    pair = identified_pair(enc, K)
    assert pair.p != pair.q
    assert enc.evaluate(pair.p) == enc.evaluate(pair.q) == (pair.code,)
    assert pair.bound == max_norm((pair.p[0] - pair.q[0], pair.p[1] - pair.q[1])) / 2
    assert pair.bound <= curve_error(auto, K, 0).max_error
    arc = Polygon(K.vertices + (K.point(Fraction(7, 2)),), closed=False)
    assert identified_pair(enc, arc) is None
    assert curve_error(auto, arc, 0).max_error == 0


@given(networks([2, 5, 1], activations=("relu",), last_activation="identity", max_height=6))
def test_antipodal_pair_of_random_encoders(enc):
    K = square()
    pair = antipodal_pair(enc, K)
    assert pair.q == (-pair.p[0], -pair.p[1])
    assert enc.evaluate(pair.p) == enc.evaluate(pair.q) == (pair.code,)
    assert pair.bound == 1  # ||p||_inf = 1 on the square


def test_antipodal_needs_symmetry():
    rng = random.Random(0)
    from proofs.claims.p004.topology import random_encoder

    with pytest.raises(InvalidArgument, match="symmetric"):
        antipodal_pair(random_encoder(rng, (3,)), circle_polygon(5))


@given(networks([2, 4, 2], activations=("relu",), last_activation="identity", max_height=4),
       st.lists(st.fractions(min_value=0, max_value=4), min_size=5, max_size=5),
       st.sampled_from([Fraction(0), Fraction(1, 3), Fraction(2)]))
def test_bad_set_of_random_autoencoders(auto, ss, delta):
    """Arcs (with merging across vertices and wrapping past V_0) agree with pointwise errors."""
    K = square()
    r = curve_error(auto, K, delta)
    total = sum((hi - lo for lo, hi in r.bad), Fraction(0)) * 2
    assert total == r.bad_length
    assert all(lo < hi for lo, hi in r.bad)
    for s in ss:
        e = _err(auto, K.point(s))
        assert e <= r.max_error
        inside = r.whole or any(lo < s < hi or lo < s + 4 < hi for lo, hi in r.bad)
        if e > delta:
            assert inside
        elif e < delta:
            assert not inside
    if r.whole:
        assert r.bad == ((0, 4),) and r.bad_length == 8


def _level_set_diameter(pieces, curve, z):
    """max ||p - q||_inf over points of K with code z (pieces of E along K, as in identified_pair)."""
    pts = [curve.point(s) for s in curves._level_set(pieces, z)]
    return max((max_norm((p[0] - q[0], p[1] - q[1])) for p in pts for q in pts), default=Fraction(0))


@given(networks([2, 5, 1], activations=("relu",), last_activation="identity", max_height=6),
       st.fractions(min_value=0, max_value=1))
def test_identified_pair_is_the_farthest_over_all_levels(enc, lam):
    """No level between the breakpoint levels has a farther pair (the convexity argument of the docstring)."""
    K = octagon()
    pair = identified_pair(enc, K)
    pieces = curves._code_pieces(enc, K)
    levels = sorted({c for _, _, a, b in pieces for c in (a, b)})
    assert pair is not None  # a continuous map of a circle to R is never injective
    for z0, z1 in zip(levels, levels[1:]):
        z = z0 + lam * (z1 - z0)
        assert _level_set_diameter(pieces, K, z) <= 2 * pair.bound
    assert _level_set_diameter(pieces, K, pair.code) == 2 * pair.bound


# -- boundary cases (mutation testing: docs/exact-mutation.md) ------------------------------------

def test_to_json_writes_exact_strings_per_coordinate():
    F = Fraction
    K = Polygon(((F(1, 3), 2), (F(-5, 2), F(7, 3)), (0, F(-1, 2))), closed=False, name="arc")
    assert K.to_json() == {"name": "arc", "closed": False,
                           "vertices": [["1/3", "2"], ["-5/2", "7/3"], ["0", "-1/2"]]}
    assert square("1/2").to_json() == {"name": "square", "closed": True,
                                       "vertices": [["1/2", "-1/2"], ["1/2", "1/2"], ["-1/2", "1/2"], ["-1/2", "-1/2"]]}


def test_circle_polygon_vertices_are_pinned():
    F = Fraction
    c4 = circle_polygon(4)
    assert c4.name == "circle4" and c4.closed
    a, b = F(855, 1193), F(832, 1193)   # t = round(32 tan(-pi/8)) / 32 = -13/32
    assert c4.vertices == ((a, -b), (a, b), (-a, b), (-a, -b))
    assert circle_polygon(4, 2).vertices == ((F(3, 5), F(-4, 5)), (F(3, 5), F(4, 5)), (F(-3, 5), F(4, 5)),
                                             (F(-3, 5), F(-4, 5)))
    c6 = circle_polygon(6)
    assert c6.vertices[:3] == ((F(943, 1105), F(-576, 1105)), (F(943, 1105), F(576, 1105)), (0, 1))
    # odd m: no central symmetry; the vertex at theta = pi is exactly (-1, 0)
    c5 = circle_polygon(5)
    assert c5.name == "circle5" and not c5.is_centrally_symmetric()
    assert c5.vertices == ((F(231, 281), F(-160, 281)), (F(231, 281), F(160, 281)), (F(-57, 185), F(176, 185)),
                           (-1, 0), (F(-57, 185), F(-176, 185)))
    assert circle_polygon(7).vertices[4] == (-1, 0)
    for m in (5, 7, 9):
        assert all(x * x + y * y == 1 for x, y in circle_polygon(m).vertices)


@pytest.mark.parametrize("m", [-1, 0, 1, 2, 3])
def test_circle_polygon_refuses_too_few_vertices(m):
    with pytest.raises(InvalidArgument, match=rf"^circle_polygon needs m >= 3 \(m >= 5 when odd\), got {m}$"):
        circle_polygon(m)


def test_named_curves_are_those_the_kernel_names():
    from proofs.kernel.specs import p004 as spec

    assert polygon("square") == square() and polygon("octagon") == octagon()
    for m in (4, 6, 12, 98):
        K = polygon(f"circle{m}")
        assert K.m == m and K.name == f"circle{m}"
        assert list(K.vertices) == spec._curve(f"circle{m}")
    assert polygon("circle08").m == 8
    for name in ("circle", "circle2", "circle3", "circle5", "circle99", "circle100", "circle100000000",
                 "circlex", "circle-4", "circle\u00b2", "Square", "triangle", "8circle"):
        with pytest.raises(InvalidArgument, match=r"^unknown curve .*; expected square, octagon or circleM "
                                                  r"\(M even, 4\.\.98\)$"):
            polygon(name)
    with pytest.raises(InvalidArgument) as e:
        polygon("circle" + "9" * 1000)
    assert len(str(e.value)) < 200


def test_antipodal_pair_refuses_other_shapes():
    from exact.network import Activation, Layer, Network

    two_out = Network((Layer(((1, 0), (0, 1)), (), Activation.IDENTITY),))
    three_in = Network((Layer(((1, 0, 0),), (), Activation.IDENTITY),))
    for enc in (two_out, three_in):
        with pytest.raises(InvalidArgument, match=r"^the encoder must map R\^2 to R$"):
            antipodal_pair(enc, square())


def test_antipodal_pair_names_both_parameters():
    K = octagon()
    from proofs.claims.p004.topology import random_encoder

    for seed in range(3):
        enc = random_encoder(random.Random(seed), (3,))
        pair = antipodal_pair(enc, K)
        assert 0 <= pair.s_p <= 4 and pair.s_q == pair.s_p + 4
        assert K.point(pair.s_p) == pair.p and K.point(pair.s_q) == pair.q == (-pair.p[0], -pair.p[1])


def test_encoder_with_given_node_values():
    K = square()
    vals = [Fraction(j * j, 3) - 1 for j in range(8)]
    enc = cut_encoder(K, 2, [str(v) for v in vals])
    assert [enc.evaluate(p)[0] for _, p in curves.mesh_nodes(K, 2)] == vals
    for bad in (vals[:7], vals + [0]):
        with pytest.raises(InvalidArgument, match=rf"^expected 8 node values, got {len(bad)}$"):
            cut_encoder(K, 2, bad)


@pytest.mark.parametrize("K,n", [(Polygon(((2, -1), (0, 2), (-2, -1))), 2),   # 6 nodes, two cells apart < pi
                                 (circle_polygon(5), 1)])                          # 5 nodes about 72 degrees apart
def test_coarse_meshes_are_exact_off_the_cut_cell(K, n):
    # three cells apart the nodes span pi or more, so only the neighbours' half-planes may enter a hat
    enc = cut_encoder(K, n)
    top = K.m * n - 1
    for i in range(7 * top + 1):
        s = Fraction(i, 7 * n)
        assert enc.evaluate(K.point(s)) == (s,)


def test_encoder_refuses_a_node_pair_on_a_line_through_zero():
    # det(P_0, P_1) = 0 (the first edge points away from 0), although det(P_0, P_2) > 0
    K = Polygon(((1, 0), (2, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1)))
    with pytest.raises(InvalidArgument, match=r"^mesh node 1: nodes must turn counter-clockwise"):
        cut_encoder(K, 1)


@pytest.mark.parametrize("n", [0, -1, True, False, 1.5, 2.0, "2", None])
def test_mesh_width_must_be_a_positive_int(n):
    with pytest.raises(InvalidArgument, match=r"^width n must be a positive integer, got "):
        curves.mesh_nodes(square(), n)


def test_mesh_needs_a_closed_curve_and_lists_nodes():
    arc = Polygon(square().vertices, closed=False)
    with pytest.raises(InvalidArgument, match=r"^the mesh encoder needs a closed curve$"):
        curves.mesh_nodes(arc, 2)
    nodes = curves.mesh_nodes(square(), 1)
    assert nodes == [(Fraction(j), v) for j, v in enumerate(square().vertices)]


def test_path_decoder_of_an_open_and_a_closed_curve():
    F = Fraction
    arc = Polygon(((0, 0), (2, 1), (2, 3)), closed=False)
    dec = path_decoder(arc)
    assert dec.widths == (1, 2, 2)
    for z in (F(0), F(1, 2), F(1), F(3, 2), F(2)):
        assert dec.evaluate([z]) == arc.point(z)
    assert dec.evaluate([3]) == (2, 5)          # past the end: the last edge continued
    assert dec.evaluate([-1]) == (0, 0)
    K = square()
    dsq = path_decoder(K)
    assert dsq.widths == (1, 4, 2)
    assert dsq.evaluate([4]) == K.vertices[0] and dsq.evaluate([F(7, 2)]) == K.point(F(7, 2))
    assert dsq.evaluate([5]) == (3, -1)       # V_0 + (V_0 - V_3)


def test_central_symmetry_needs_a_closed_curve_with_an_even_count():
    sq = square()
    assert sq.is_centrally_symmetric()
    assert not Polygon(sq.vertices, closed=False).is_centrally_symmetric()
    assert not Polygon(((1, 0), (0, 1), (-1, 0), (0, -2))).is_centrally_symmetric()


def test_bad_intervals_touching_inside_a_piece_are_not_merged():
    F = Fraction
    # on [1/4, 1] component 0 falls from 1 to 0 and component 1 rises from 0 to 1: both equal 1/2 at 5/8
    e = curves.EdgeError(0, (F(0), F(1, 4), F(1)), ((F(1), F(0)), (F(1), F(0)), (F(0), F(1))), 2, 2)
    half = F(1, 2)
    assert e.bad_intervals(half) == [(0, F(5, 8)), (F(5, 8), 1)]   # the error at 5/8 is exactly 1/2
    assert e.bad_intervals(F(1, 3)) == [(0, 1)]                      # 1/2 > 1/3 at 5/8: one interval
    assert e._error_at(F(5, 8)) == half and e._error_at(F(1, 4)) == 1 and e._error_at(F(1, 8)) == 1
    assert e._error_at(F(7, 8)) == F(5, 6)
    assert e.max_error == 1
    for t in (F(-1, 2), F(2)):
        with pytest.raises(InvalidArgument, match=rf"^t = {t} outside \[0, 1\]$"):
            e._error_at(t)


_H = {0: (-1, 1, 2), 1: (-1, -1, 2), 2: (1, -1, 2), 3: (1, 1, 2)}   # h_k(x) = c + a x0 + b x1 >= 0 on the square, 0 only at V_k


def _error_at_least(delta, vertices):
    """A(x) = (x0 + delta + min_k h_k(x), x1): on the square the error is delta exactly at the given vertices
    (one or two) and larger everywhere else."""
    from exact.network import Activation, Layer, Network

    F = Fraction
    (a, b, c), rest = _H[vertices[0]], vertices[1:]
    hidden = [(1, 0), (-1, 0), (0, 1), (0, -1)]
    bias = [0, 0, 0, 0]
    out0 = [1 + a, -1 - a, b, -b]
    if rest:  # min(h, h') = h - ReLU(h - h')
        a2, b2, c2 = _H[rest[0]]
        hidden.append((a - a2, b - b2))
        bias.append(c - c2)
        out0.append(-1)
    out1 = [0, 0, 1, -1] + [0] * (len(hidden) - 4)
    return Network((Layer(tuple(hidden), tuple(bias), Activation.RELU),
                    Layer((tuple(out0), tuple(out1)), (F(delta) + c, 0), Activation.IDENTITY)))


@pytest.mark.parametrize("zeros,bad", [
    ((0,), ((0, 4),)),                      # bad except at V_0: one arc (0, 4), not the whole curve
    ((0, 2), ((0, 2), (2, 4))),             # V_2 separates, V_0 does not join the ends
    ((1, 3), ((1, 3), (3, 5))),             # three arcs, the first and last join across V_0
    ((2,), ((2, 6),)),                      # one arc from V_2 round past V_0
])
def test_arcs_at_vertices_where_the_error_is_exactly_delta(zeros, bad):
    K, delta = square(), Fraction(1, 2)
    auto = _error_at_least(delta, zeros)
    for k in range(4):
        assert (_err(auto, K.vertices[k]) == delta) == (k in zeros)
    r = curve_error(auto, K, delta)
    assert r.delta == delta and r.bad == bad and not r.whole and r.bad_length == 8
    assert r.max_error == delta + (4 if len(zeros) == 1 else 2)   # at the farthest vertex
    assert curve_error(auto, K, delta - Fraction(1, 100)).whole


def test_curve_error_uses_given_profiles_and_refuses_negative_delta(sq2):
    K, _, _, auto = sq2
    other = _error_at_least(Fraction(1, 2), (0,))
    profiles = [edge_error(other, K, k) for k in range(4)]
    r = curve_error(auto, K, Fraction(1, 2), profiles)
    assert r.edges == tuple(profiles) and r.bad == ((0, 4),) and r.max_error == Fraction(9, 2)
    assert curve_error(auto, K, Fraction(1, 2)).bad != r.bad
    with pytest.raises(InvalidArgument, match=r"^delta must be non-negative$"):
        curve_error(auto, K, "-1/10")


def test_edge_error_counts_regions_and_affine_pieces_and_checks_shapes():
    from exact.network import Activation, Layer, Network

    # the identity written with ReLUs: one affine piece per edge, two activation regions
    # (a coordinate changes sign in the middle of each edge of the square)
    ident = Network((Layer(((1, 0), (-1, 0), (0, 1), (0, -1)), (), Activation.RELU),
                     Layer(((1, -1, 0, 0), (0, 0, 1, -1)), (), Activation.IDENTITY)))
    K = square()
    e = edge_error(ident, K, 0)
    assert (e.edge, e.regions, e.affine_pieces) == (0, 2, 1)
    assert e.breakpoints == (0, Fraction(1, 2), 1) and e.errors == ((0, 0),) * 3
    r = curve_error(ident, K, 0)
    assert (r.regions, r.affine_pieces, r.bad, r.max_error) == (8, 4, (), 0)
    scalar = Network((Layer(((1, 0),), (), Activation.IDENTITY),))
    wide = Network((Layer(((1, 0, 0), (0, 1, 0)), (), Activation.IDENTITY),))
    for net in (scalar, wide):
        with pytest.raises(InvalidArgument, match=r"^an autoencoder of a plane curve maps R\^2 to R\^2$"):
            edge_error(net, K, 0)


def test_identified_pair_is_ordered_along_the_curve(sq2):
    K, enc, _, _ = sq2
    pair = identified_pair(enc, K)
    assert 0 <= pair.s_p < pair.s_q <= 4
    assert K.point(pair.s_p) == pair.p and K.point(pair.s_q) == pair.q


def test_identified_pair_ties_and_repeated_points():
    from exact.network import Activation, Layer, Network

    const = Network((Layer(((0, 0),), (0,), Activation.IDENTITY),))   # every point has the code 0
    # V_0 = V_2 = (0, 0): the pair (s = 0, s = 2) is one point, skipped; (0, 3) and (2, 3) tie at distance 3
    K = Polygon(((0, 0), (1, 1), (0, 0), (3, 0)))
    pair = identified_pair(const, K)
    assert (pair.s_p, pair.s_q, pair.p, pair.q, pair.code, pair.bound) == (0, 3, (0, 0), (3, 0), 0, Fraction(3, 2))
    # the square: six pairs of opposite or adjacent vertices all at distance 2; the first is (V_0, V_1)
    pair = identified_pair(const, square())
    assert (pair.s_p, pair.s_q, pair.bound) == (0, 1, 1)


def test_square_and_octagon_are_named_and_checked():
    assert square().name == "square" and square("3/2").vertices[1] == (Fraction(3, 2), Fraction(3, 2))
    assert octagon().name == "octagon" and octagon().vertices[2] == (1, 2) and octagon().closed
    assert square().closed
    for a in (0, -1, "-1/2"):
        with pytest.raises(InvalidArgument, match=r"^half_side must be positive$"):
            square(a)


def test_antipodal_edge_network_needs_a_scalar_code():
    from exact.curves import edge_network
    from exact.network import Activation, Layer, Network

    K = square()
    two_out = Network((Layer(((1, 0), (0, 1)), (), Activation.IDENTITY),))
    with pytest.raises(InvalidArgument, match=r"^the antipodal difference needs a network R\^2 -> R$"):
        edge_network(*K.edge(0), two_out, antipodal=True)
    enc = Network((Layer(((1, 2),), (1,), Activation.RELU),))
    h = edge_network(*K.edge(0), enc, antipodal=True)   # t -> E(x) - E(-x), x = (1, -1 + 2 t)
    for t in (Fraction(0), Fraction(1, 3), Fraction(1)):
        x = K.point(t)
        assert h.evaluate([t]) == (enc.evaluate(x)[0] - enc.evaluate((-x[0], -x[1]))[0],)


def test_antipodal_edge_network_keeps_thresholds():
    from exact.curves import edge_network
    from exact.network import Activation, Layer, Network

    K = square()
    enc = Network((Layer(((1, 1),), (), Activation.HARD_THRESHOLD, Fraction(1, 2)),))
    h = edge_network(*K.edge(1), enc, antipodal=True)   # x = (1 - 2 t, 1): x0 + x1 >= 1/2 iff t <= 3/4
    for t in (Fraction(0), Fraction(1, 2), Fraction(3, 4), Fraction(4, 5), Fraction(1)):
        x = K.point(1 + t)
        assert h.evaluate([t]) == (enc.evaluate(x)[0] - enc.evaluate((-x[0], -x[1]))[0],)


def test_edge_and_point_ranges():
    K = square()
    arc = Polygon(K.vertices, closed=False)
    assert K.edge(3) == (K.vertices[3], K.vertices[0]) and arc.edge(2) == (K.vertices[2], K.vertices[3])
    for curve, k, top in ((K, 4, 3), (K, -1, 3), (arc, 3, 2)):
        with pytest.raises(InvalidArgument, match=rf"^edge index {k} out of range 0\.\.{top}$"):
            curve.edge(k)
    assert K.point(4) == K.vertices[0] and arc.point(3) == K.vertices[3] and K.point(0) == K.vertices[0]
    for curve, s, top in ((K, "-1/3", 4), (K, "9/2", 4), (arc, "7/2", 3)):
        with pytest.raises(InvalidArgument, match=rf"^parameter {s} outside \[0, {top}\]$"):
            curve.point(s)


def test_polygon_vertex_counts_and_repeated_vertices():
    tri = Polygon(((0, 0), (1, 0), (0, 1)))
    assert tri.m == 3 and tri.n_edges == 3 and tri.length == 3
    seg = Polygon(((0, 0), (3, -5)), closed=False)
    assert seg.n_edges == 1 and seg.length == 5 and seg.edge_length(0) == 5
    with pytest.raises(InvalidArgument, match=r"^a closed polygon needs more vertices, got 2$"):
        Polygon(((0, 0), (1, 0)))
    with pytest.raises(InvalidArgument, match=r"^an open polygon needs more vertices, got 1$"):
        Polygon(((0, 0),), closed=False)
    # the closing edge counts only when closed
    loop = ((0, 0), (1, 0), (0, 1), (0, 0))
    assert Polygon(loop, closed=False).n_edges == 3
    with pytest.raises(InvalidArgument, match=r"^edge 3 has length 0 \(vertex 3 repeated\)$"):
        Polygon(loop)


def test_polygon_reads_exact_strings_and_checks_the_last_open_edge():
    K = Polygon((("1/2", "0"), (1, "-1/3"), ("0", 2)))
    assert K.vertices == ((Fraction(1, 2), 0), (1, Fraction(-1, 3)), (0, 2))
    assert all(type(c) is Fraction for v in K.vertices for c in v)
    with pytest.raises(InvalidArgument, match=r"^edge 1 has length 0 \(vertex 1 repeated\)$"):
        Polygon(((0, 0), (1, 0), (1, 0)), closed=False)


def test_curve_names_must_start_with_circle_and_messages_are_cut():
    for name in ("xxxxxx12", "abcdef8", "circ12"):
        with pytest.raises(InvalidArgument, match=r"^unknown curve"):
            polygon(name)
    with pytest.raises(InvalidArgument) as e:
        polygon("circle" + "9" * 60)
    assert str(e.value) == ("unknown curve 'circle" + "9" * 34 + "'; expected square, octagon or circleM "
                            "(M even, 4..98)")
