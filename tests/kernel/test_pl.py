"""proofs/kernel/pl.py: the kernel's pieces of networks and references, against plain evaluation."""

import random
from fractions import Fraction as F

import pytest

from proofs.kernel import core as K
from proofs.kernel import pl


def _random_net(rng, d=1):
    widths = [d] + [rng.randint(1, 4) for _ in range(rng.randint(1, 3))] + [1]
    layers = []
    for i, (a, b) in enumerate(zip(widths, widths[1:])):
        last = i == len(widths) - 2
        layers.append({"weight": [[rng.randint(-3, 3) for _ in range(a)] for _ in range(b)],
                       "bias": [str(F(rng.randint(-6, 6), rng.randint(1, 2))) for _ in range(b)],
                       "activation": rng.choice(["identity", "relu"]) if last else "relu"})
    return K.network({"layers": layers})


def _samples(points, lo, hi):
    """Two points inside every piece between the given points (and beyond the ends)."""
    left = lo if lo is not None else (points[0] if points else F(0)) - 5
    right = hi if hi is not None else (points[-1] if points else F(0)) + 5
    bounds = [left] + list(points) + [right]
    return [[bounds[k] + (bounds[k + 1] - bounds[k]) * t for t in (F(1, 3), F(2, 3))] for k in range(len(points) + 1)]


@pytest.mark.parametrize("seed", range(40))
def test_sweep_maps_agree_with_evaluation(seed):
    rng = random.Random(seed)
    net = _random_net(rng)
    lo, hi = rng.choice([(None, None), (F(-2), F(3)), (F(-1, 2), None), (None, F(1))])
    points, maps = pl.sweep(net, lo, hi)
    assert points == sorted(set(points)) and all((lo is None or p > lo) and (hi is None or p < hi) for p in points)
    assert len(maps) == len(points) + 1
    for xs, m in zip(_samples(points, lo, hi), maps):
        for x in xs:
            assert K.run(net, [x]) == [s * x + c for s, c in m]


REFERENCES = ["min(max(x - 1, 0), 3)", "max(2*x - 1, min(x, 3 - x/2), -x) - min(1, x)", "-(x - 1/3) * 3 + max(x)",
              "min(x, 0, 2 - x, x/4 + 1)", "7"]


@pytest.mark.parametrize("text", REFERENCES)
@pytest.mark.parametrize("domain", [(None, None), (F(-1), F(5, 2))])
def test_reference_pieces_and_network_agree_with_evaluation(text, domain):
    tree = pl.reference(text, 1, {})
    points, maps = pl.reference_pieces(tree, *domain)
    for xs, (s, c) in zip(_samples(points, *domain), maps):
        for x in xs:
            assert pl.evaluate(tree, [x]) == s * x + c
    net = pl.reference_network(tree, 1)
    for x in [F(k, 3) for k in range(-12, 12)]:
        assert K.run(net, [x]) == [pl.evaluate(tree, [x])]


def test_reference_network_and_difference_in_2d():
    tree = pl.reference("max(x1 - x2, 0) + min(x2, 1/2) - 2*x1", 2, {})
    net = pl.reference_network(tree, 2)
    rng = random.Random(0)
    f = _random_net(rng, d=2)
    diff = pl.difference(f, net)
    for _ in range(30):
        x = [F(rng.randint(-9, 9), rng.randint(1, 3)) for _ in range(2)]
        assert K.run(net, x) == [pl.evaluate(tree, x)]
        assert K.run(diff, x) == [K.run(f, x)[0] - pl.evaluate(tree, x)]


@pytest.mark.parametrize("text", ["x * x", "x / x", "-x * x", "x * -x", "x / -x", "x / (1 - 1)", "abs(x)", "x ** 2", "y", "1.5 * x", "max()", "min(x, key=1)"])
def test_references_outside_the_language_rejected(text):
    with pytest.raises(K.Invalid):
        pl.reference(text, 1, {})


def test_hard_threshold_networks_rejected():
    net = K.network({"layers": [{"weight": [[1]], "activation": "hard_threshold"}]})
    with pytest.raises(K.Invalid, match="hard threshold"):
        pl.sweep(net)


def test_a_missing_breakpoint_is_noticed():
    # negative control: pieces that skip a breakpoint no longer agree with evaluation
    net = K.network({"layers": [{"weight": [[1], [1]], "bias": [0, -1], "activation": "relu"}, {"weight": [[1, -1]]}]})
    points, maps = pl.sweep(net)
    assert points == [0, 1]
    wrong = ([points[0]], [maps[0], maps[1]])
    x = F(2)
    assert K.run(net, [x]) != [wrong[1][1][0][0] * x + wrong[1][1][0][1]]


def test_difference_of_affine_networks():
    f = K.network({"layers": [{"weight": [[1, 2]], "bias": [3]}]})
    g = K.network({"layers": [{"weight": [[2, 1]], "activation": "identity"}, {"weight": [[1]], "bias": [-1]}]})
    diff = pl.difference(f, g)
    for x in ([F(0), F(0)], [F(-3), F(5, 2)], [F(7), F(-1)]):
        assert K.run(diff, x) == [K.run(f, x)[0] - K.run(g, x)[0]]


# -- references against independent arithmetic (the tests above compare the kernel with itself) --
C5 = "max(min(x, 5), -5)"  # a clamp with kinks at -5 and 5, outside the intervals below
INDEPENDENT = {
    "-x": lambda x: -x,
    "+x": lambda x: x,
    "-(x - 2)": lambda x: 2 - x,
    "x / 4": lambda x: x / 4,
    "3 / 4 - x / 2": lambda x: -x / 2 + F(3, 4),
    "min(x, 3 - x/2)": lambda x: min(x, 3 - x / 2),
    "max(3*x, 1 - x/3)": lambda x: max(3 * x, 1 - x / 3),
    "min(2*x + 1, 7 - x)": lambda x: min(2 * x + 1, 7 - x),
    "max(x, -x - 10)": lambda x: max(x, -x - 10),
    "-max(x, -5)": lambda x: -max(x, -5),
    "-max(x, 5)": lambda x: -max(x, 5),
    C5 + " + " + C5: lambda x: 2 * max(min(x, 5), -5),
    "max(%s, %s - 20)" % (C5, C5): lambda x: max(min(x, 5), -5),
    "min(0, %s, 1 + %s)" % (C5, C5): lambda x: min(0, max(min(x, 5), -5)),
    "max(0, %s)" % C5: lambda x: max(0, max(min(x, 5), -5)),
    "1 + 2 - x": lambda x: 3 - x,
    "-2 * x": lambda x: -2 * x,               # the factor -2 is a unary minus of 2: folded first
    "x * -2 + 1": lambda x: 1 - 2 * x,
    "(1 + 2) * x": lambda x: 3 * x,
    "x / -2": lambda x: -x / 2,
    "x / (1 + 1)": lambda x: x / 2,
}


@pytest.mark.parametrize("text", INDEPENDENT)
@pytest.mark.parametrize("domain", [(None, None), (F(0), F(1)), (F(-1, 2), F(1, 2))])
def test_references_against_independent_values(text, domain):
    tree = pl.reference(text, 1, {})
    value = INDEPENDENT[text]
    lo, hi = domain
    for x in [F(k, 7) for k in range(-90, 91)]:
        assert pl.evaluate(tree, [x]) == value(x), (text, x)
    points, maps = pl.reference_pieces(tree, lo, hi)
    # the docstring's promise: sorted points strictly inside (lo, hi), one map per open piece
    assert points == sorted(set(points)) and len(maps) == len(points) + 1
    assert all((lo is None or p > lo) and (hi is None or p < hi) for p in points), (text, domain, points)
    for xs, (s, c) in zip(_samples(points, lo, hi), maps):
        for x in xs:
            assert s * x + c == value(x), (text, domain, x)
    net = pl.reference_network(tree, 1)
    for w, b, _, _ in net.layers:
        assert len(b) == len(w)  # one bias per row (run pairs them by zip)
    for x in [F(k, 3) for k in range(-24, 25)]:
        assert K.run(net, [x]) == [value(x)]


def test_constant_sub_expressions_are_folded():
    # reference() returns constant sub-trees evaluated ("const", q), so scale factors are constants
    assert pl.reference("1 + 2", 1, {}) == ("const", F(3))
    assert pl.reference("2 - 5", 1, {}) == ("const", F(-3))
    assert pl.reference("-(1 + 2)", 1, {}) == ("const", F(-3))
    assert pl.reference("(1 + 2) / 4", 1, {}) == ("const", F(3, 4))
    assert pl.reference("min(3, 1/2, 2)", 1, {}) == ("const", F(1, 2))
    assert pl.reference("max(3, 1/2, 2 + 2)", 1, {}) == ("const", F(4))
    assert pl.reference("max(n, 1) - min(n, 1)", 1, {"n": 5}) == ("const", F(4))
    assert pl.reference("x + (1 + 2)", 1, {}) == ("add", ("var", 0), ("const", F(3)))
    assert pl.reference("3 * x", 1, {}) == ("scale", F(3), ("var", 0))
    assert pl.reference("max(x, 1 + 1)", 1, {}) == ("max", [("var", 0), ("const", F(2))])
    assert pl.reference("-x", 1, {}) == ("scale", F(-1), ("var", 0))
    assert pl.reference("+x", 1, {}) == ("var", 0)


def test_reference_text_length_and_type():
    assert pl.reference("x" + " " * 1999, 1, {}) == ("var", 0)  # 2000 characters: the limit
    with pytest.raises(K.Invalid, match="at most 2000"):
        pl.reference("x" + " " * 2000, 1, {})
    for bad in (5, None, ["x"]):
        with pytest.raises(K.Invalid, match="a reference is a string"):
            pl.reference(bad, 1, {})


def test_points_at_the_ends_of_the_interval_are_not_points():
    # a kink exactly at lo or hi is not inside the open interval
    for text, lo, hi in (("max(x, 0)", F(0), F(1)), ("max(x, 1)", F(0), F(1)), ("min(x, 0)", F(0), F(1)),
                         ("min(2 - x, 1)", F(0), F(1)), ("max(x, -x)", F(0), F(1)), ("max(x, -x)", F(-1), F(0))):
        points, maps = pl.reference_pieces(pl.reference(text, 1, {}), lo, hi)
        assert points == [] and len(maps) == 1, (text, points)
        net = pl.reference_network(pl.reference(text, 1, {}), 1)
        points, maps = pl.sweep(net, lo, hi)
        assert points == [] and len(maps) == 1, (text, points)


def test_parallel_stacks_any_number_of_parts():
    rng = random.Random(7)
    nets = [_random_net(rng, d=2) for _ in range(3)]
    relus, aff = pl._parallel([pl.normal_form(n) for n in nets])
    stacked = pl._net(relus, aff)
    for _ in range(20):
        x = [F(rng.randint(-9, 9), rng.randint(1, 3)) for _ in range(2)]
        assert K.run(stacked, x) == [K.run(n, x)[0] for n in nets]


def test_difference_keeps_both_final_biases():
    # both networks have one relu layer, so _parallel keeps their final affine maps (and biases)
    f = K.network({"layers": [{"weight": [[1, 0], [0, 1]], "activation": "relu"},
                              {"weight": [[1, 1]], "bias": [3], "activation": "identity"}]})
    g = K.network({"layers": [{"weight": [[1, -1]], "bias": [1], "activation": "relu"},
                              {"weight": [[2]], "bias": ["-1/2"], "activation": "identity"}]})
    diff = pl.difference(f, g)
    for x in ([F(0), F(0)], [F(-3), F(5, 2)], [F(7), F(-1)], [F(1, 2), F(2)]):
        assert K.run(diff, x) == [K.run(f, x)[0] - K.run(g, x)[0]]


def test_difference_refuses_mismatched_shapes():
    one = K.network({"layers": [{"weight": [[1]]}]})
    two_in = K.network({"layers": [{"weight": [[1, 1]]}]})
    two_out = K.network({"layers": [{"weight": [[1], [2]]}]})
    for f, g in ((one, two_in), (two_in, one), (one, two_out), (two_out, one), (two_out, two_out)):
        with pytest.raises(K.Invalid, match="same inputs and one output"):
            pl.difference(f, g)


def test_negative_constant_factors_are_constants():
    # -2 parses as a unary minus applied to 2; it was refused as "a product needs a constant factor"
    assert pl.reference("-2 * x", 1, {}) == ("scale", F(-2), ("var", 0))
    assert pl.reference("x * -2", 1, {}) == ("scale", F(-2), ("var", 0))
    assert pl.reference("-n * x", 1, {"n": 3}) == ("scale", F(-3), ("var", 0))
    assert pl.reference("x / -2", 1, {}) == ("scale", F(-1, 2), ("var", 0))
    # the fold does not turn a variable into a constant: negative controls
    for bad in ("-x * x", "(x - x) * x", "x / -x", "x / (2 - 2)"):
        with pytest.raises(K.Invalid, match="constant factor|non-zero constant"):
            pl.reference(bad, 1, {})
