"""Tests of exact/certify.py: repair and infeasibility certificates of trained autoencoders
(the feasibility engine itself: tests/exact/test_feasibility.py)."""

from fractions import Fraction

import pytest

from exact.certify import certify_relu_autoencoder, certify_threshold_autoencoder, rationalize, step_data
from exact.errors import ExactnessError, InvalidArgument
from exact.network import Network
from exact.step_autoencoder import sum_encoder
from exact.scalar import to_rational
from motzkin_support import kernel_accepts as _empty

F = Fraction


def _admissible(net):
    return all(net.evaluate(x) == x for _, x in step_data(net.in_dim))


def test_rationalize_refuses_floats_and_rounds_exact_values():
    with pytest.raises(ExactnessError):
        rationalize(0.1)
    assert rationalize(to_rational(0.1, allow_float=True), 100) == F(1, 10)
    assert rationalize([F(1, 3), "2/7"], 7) == [F(1, 3), F(2, 7)]
    assert rationalize("2/7", 5) == F(1, 4)


def test_threshold_repair_and_certificate():
    c = certify_threshold_autoencoder(sum_encoder(4), [F(1), F(1, 2), F(1, 4), F(1, 4)])
    assert c.outcome == "repaired" and c.repaired_outputs == [3]
    w3 = c.network.layers[1].weight[2][0]
    assert F(1, 3) <= w3 < F(1, 2)
    assert _admissible(c.network) and not _admissible(c.rounded)


def test_threshold_admissible_as_rounded():
    c = certify_threshold_autoencoder(sum_encoder(3), [F(1), F(1, 2), F(1, 3)])
    assert c.outcome == "admissible" and not c.repaired_outputs


def test_threshold_infeasible_when_codes_collide():
    # encoder mapping theta = 1 and theta = 2 to the same code: output 2 cannot be separated
    from exact.network import Activation, Layer, Network

    enc = Network((Layer(((F(1), F(0), F(1)),), (F(0),), Activation.IDENTITY),))  # codes 0,1,1,2
    c = certify_threshold_autoencoder(enc, [F(1), F(1), F(1)], [F(0)] * 3)
    assert c.outcome == "infeasible" and 2 in c.infeasible_outputs and set(c.multipliers) == set(c.infeasible_outputs)
    # output 2 (bias free): z w + c >= 1 at theta >= 2 (codes 1, 2), z w + c < 1 at theta < 2 (codes 0, 1)
    y, ys = c.multipliers[2]
    A_le, A_lt = [[-1, -1], [-2, -1]], [[0, 1], [1, 1]]
    assert _empty(y, ys, A_le=A_le, b_le=[-1, -1], A_lt=A_lt, b_lt=[1, 1])
    assert not _empty([F(0)] * len(y), ys, A_le=A_le, b_le=[-1, -1], A_lt=A_lt, b_lt=[1, 1])


def test_relu_repair_solves_w3_exactly():
    n = 3
    W2, b2 = [F(1)] * n, [F(1, 2) - j for j in range(1, n + 1)]
    W3 = [[F(0)] * n for _ in range(n)]
    c = certify_relu_autoencoder(sum_encoder(n), W2, b2, W3)
    assert c.outcome == "repaired" and c.repaired_outputs == [1, 2, 3]
    assert _admissible(c.network)


def test_relu_infeasible_with_collapsed_layer2():
    n = 3
    W2, b2 = [F(1)] * n, [F(0)] * n    # all breakpoints at 0: A2 has rank 1
    c = certify_relu_autoencoder(sum_encoder(n), W2, b2, [[F(1)] * n for _ in range(n)])
    assert c.outcome == "infeasible"
    A2 = [[F(t)] * n for t in range(n + 1)]   # ReLU(theta) per neuron
    for j, (y, ys) in c.multipliers.items():
        E, L = [A2[t] for t in range(n + 1) if t >= j], [A2[t] for t in range(n + 1) if t < j]
        assert _empty(y, ys, A_eq=E, b_eq=[1] * len(E), A_le=L, b_le=[0] * len(L))


def test_missing_output_range_ray_and_right():
    from exact.certify import missing_output_range

    # one neuron a(z) = z, codes 1 (present, x = 1) and 2 (missing, x = 0): w = 1 is forced, output 2: wrong
    r = missing_output_range([[F(1)]], [[F(1)]], [F(2)], [F(0)])
    assert [x.kind for x in r] == ["wrong"] and r[0].witness == (F(1),)
    r = missing_output_range([[F(1)]], [[F(1)]], [F(1)], [F(1)])   # the same code again: right
    assert r[0].kind == "right" and len(r[0].deviations) == 2
    assert _empty(*r[0].deviations[0].motzkin_multipliers(), A_eq=[[1]], b_eq=[1], A_lt=[[1]], b_lt=[1])
    assert _empty(*r[0].deviations[1].motzkin_multipliers(), A_eq=[[1]], b_eq=[1], A_lt=[[-1]], b_lt=[-1])
    # two neurons, present row (1, 0), missing row (0, 1): a free direction, unbounded
    r = missing_output_range([[F(1), F(0)]], [[F(1)]], [F(0), F(1)], [F(1)])
    assert r[0].kind == "unbounded" and r[0].direction[1] == 1 and r[0].witness[0] == 1


def test_negative_control_missing_output_right_proof_tampered():
    from exact.certify import missing_output_range

    r = missing_output_range([[F(1)]], [[F(1)]], [F(1)], [F(1)])
    y, ys = r[0].deviations[-1].motzkin_multipliers()
    assert _empty(y, ys, A_eq=[[1]], b_eq=[1], A_lt=[[-1]], b_lt=[-1])
    assert not _empty(y, [F(0)] * len(ys), A_eq=[[1]], b_eq=[1], A_lt=[[-1]], b_lt=[-1])


# -- nearest repair ---------------------------------------------------------------------------

def test_threshold_repair_moves_to_the_nearest_box_point():
    # w_2 = 1/3 fails theta = 2; the nearest admissible w_2 is 1/2 (the box [1/2, 1)), the old point 2/3
    w = [F(1), F(1, 3), F(1, 3)]
    c = certify_threshold_autoencoder(sum_encoder(3), w)
    old = certify_threshold_autoencoder(sum_encoder(3), w, nearest=False)
    assert c.network.layers[1].weight[1][0] == F(1, 2) and old.network.layers[1].weight[1][0] == F(2, 3)
    assert c.repair_distance() == F(1, 6) < old.repair_distance() == F(1, 3)
    for cert in (c, old):
        assert cert.outcome == "repaired" and _admissible(cert.network)


def test_threshold_repair_with_bias_is_nearest_and_admissible():
    # free bias: output 3 of (w, c) = (1/4, 0) fails theta = 3; nearest keeps the exact check
    c = certify_threshold_autoencoder(sum_encoder(4), [F(1), F(1, 2), F(1, 4), F(1, 4)], [F(0)] * 4)
    old = certify_threshold_autoencoder(sum_encoder(4), [F(1), F(1, 2), F(1, 4), F(1, 4)], [F(0)] * 4, nearest=False)
    assert c.outcome == "repaired" and c.repaired_outputs == [3] and _admissible(c.network)
    assert c.repair_distance() <= old.repair_distance()


def test_relu_repair_is_near_the_rounded_w3():
    # a W3 that is admissible up to a small perturbation: the repair must stay close to it
    n = 3
    W2, b2 = [F(1)] * n, [F(1, 2) - j for j in range(1, n + 1)]
    c0 = certify_relu_autoencoder(sum_encoder(n), W2, b2, [[F(0)] * n for _ in range(n)])
    good = [list(r.weight[j]) for r in [c0.network.layers[-1]] for j in range(n)]
    W3 = [[v + F(1, 1000) for v in row] for row in good]
    c = certify_relu_autoencoder(sum_encoder(n), W2, b2, W3)
    assert c.outcome == "repaired" and _admissible(c.network)
    assert c.repair_distance() <= F(1, 100)


def test_negative_control_infeasible_pattern_with_nearest_proposal():
    # a whole autoencoder whose layer-2 pattern cannot be completed (collapsed breakpoints)
    n = 3
    c = certify_relu_autoencoder(sum_encoder(n), [F(1)] * n, [F(0)] * n, [[F(1)] * n for _ in range(n)])
    assert c.outcome == "infeasible" and c.network is None and c.repair_distance() is None
    A2 = [[F(t)] * n for t in range(n + 1)]
    y, ys = c.multipliers[1]
    E, L = A2[1:], A2[:1]
    assert _empty(y, ys, A_eq=E, b_eq=[1] * n, A_le=L, b_le=[0])
    assert not _empty([F(0)] * len(y), ys, A_eq=E, b_eq=[1] * n, A_le=L, b_le=[0])


# -- boundary cases: tuples kept, the data's thetas, shapes, distances of zero ------------------------

def test_rationalize_keeps_nesting_and_sequence_types():
    got = rationalize(((F(1, 3), "22/7"), [F(355, 113), 2]), 10)
    assert got == ((F(1, 3), F(22, 7)), [F(22, 7), F(2)]) and type(got) is tuple and type(got[1]) is list
    assert rationalize(F(1, 2000001)) == 0 and rationalize(F(1, 1000000)) == F(1, 1000000)  # default 10^6


def test_step_data_thetas_amplitude_and_bounds():
    assert step_data(2) == [(0, (0, 0)), (1, (1, 0)), (2, (1, 1))]
    assert step_data(3, [3, 1, 1], "1/2") == [(1, (F(1, 2), 0, 0)), (3, (F(1, 2),) * 3)]
    assert step_data(2, [0, 2]) == [(0, (0, 0)), (2, (1, 1))]  # both ends allowed
    for bad in ([-1], [3]):
        with pytest.raises(InvalidArgument, match=r"^thetas must lie in 0\.\.2$"):
            step_data(2, bad)


def test_threshold_certification_shapes_and_codes():
    from exact.errors import ShapeError
    from exact.step_autoencoder import sum_encoder

    with pytest.raises(ShapeError, match=r"^the decoder needs 3 weights and biases$"):
        certify_threshold_autoencoder(sum_encoder(3), [1, 1])
    with pytest.raises(ShapeError, match=r"^the decoder needs 3 weights and biases$"):
        certify_threshold_autoencoder(sum_encoder(3), [1, 1, 1], [0, 0])
    two = Network.from_layers({"weight": [[1, 0, 0], [0, 1, 1]]})
    with pytest.raises(ShapeError, match=r"^the encoder must output one code, it outputs 2$"):
        certify_threshold_autoencoder(two, [1, 1, 1])


def test_admissible_as_rounded_has_distance_zero_and_no_repairs():
    from exact.step_autoencoder import sum_encoder

    # sum encoder, z = theta; w_i = 1/i: z w_i >= 1 iff theta >= i (the threshold met exactly)
    c = certify_threshold_autoencoder(sum_encoder(3), [1, F(1, 2), F(1, 3)])
    assert c.outcome == "admissible" and c.certified and c.rounded_failures == [] and c.repaired_outputs == []
    assert c.repair_distance() == 0 and c.network == c.rounded
    assert c.pattern == {"codes": ["0", "1", "2", "3"], "outputs": [[0, 0, 0], [1, 0, 0], [1, 1, 0], [1, 1, 1]]}
    # one step too small at output 2 (theta = 2 gives 2 w_2 < 1): repaired exactly onto the threshold's side
    r = certify_threshold_autoencoder(sum_encoder(3), [1, F(1, 2) - F(1, 10**6), F(1, 3)])
    assert r.outcome == "repaired" and r.rounded_failures == [2] and r.repaired_outputs == [2]
    assert r.network.layers[-1].weight[1] == (F(1, 2),) and r.repair_distance() == F(1, 10**6)


def test_relu_certification_shapes():
    from exact.errors import ShapeError

    enc = Network.from_layers({"weight": [[1, 1]]})
    for W2, b2, W3 in (([1], [0, 0], [[1], [1]]), ([1], [0], [[1]]), ([1], [0], [[1], [1, 2]])):
        with pytest.raises(ShapeError, match=r"^expected W2, b2 of length n2 and W3 of shape 2 x n2$"):
            certify_relu_autoencoder(enc, W2, b2, W3)


def _relu_setup(n=3):
    W2, b2 = [F(1)] * n, [F(1, 2) - j for j in range(1, n + 1)]
    good = [list(r) for r in certify_relu_autoencoder(sum_encoder(n), W2, b2, [[F(0)] * n] * n).network.layers[-1].weight]
    return W2, b2, good


def test_relu_certification_reports_pattern_thetas_and_the_outputs_it_repaired():
    W2, b2, good = _relu_setup()
    W3 = [list(good[0]), [v + F(1, 1000) for v in good[1]], list(good[2])]   # only output 2 is off
    c = certify_relu_autoencoder(sum_encoder(3), W2, b2, W3)
    assert c.outcome == "repaired" and c.repaired_outputs == [2] and c.thetas == [0, 1, 2, 3]
    assert c.pattern == {"codes": ["0", "1", "2", "3"], "layer2": [[0, 0, 0], [1, 0, 0], [1, 1, 0], [1, 1, 1]],
                         "layer3": [[0, 0, 0], [1, 1, 0], [1, 1, 0], [1, 1, 1]]}
    assert c.network.layers[-1].weight[0] == tuple(good[0]) and c.network.layers[-1].weight[2] == tuple(good[2])
    # the nearest repair is the default, and differs here from the largest-margin one
    near = certify_relu_autoencoder(sum_encoder(3), W2, b2, W3, nearest=True)
    far = certify_relu_autoencoder(sum_encoder(3), W2, b2, W3, nearest=False)
    assert c.network == near.network != far.network
    # the data's thetas are the caller's
    some = certify_relu_autoencoder(sum_encoder(3), W2, b2, W3, thetas=[1, 2, 3])
    assert some.thetas == [1, 2, 3] and some.certified
    c0 = certify_relu_autoencoder(sum_encoder(3), W2, b2, [[F(0)] * 3] * 3)
    assert c0.pattern["layer3"] == [[0, 0, 0]] * 4 and c0.rounded_failures == [1, 2, 3]


def test_relu_infeasible_outputs_are_numbered_from_one():
    c = certify_relu_autoencoder(sum_encoder(3), [F(1)] * 3, [F(0)] * 3, [[F(1)] * 3 for _ in range(3)])
    assert c.outcome == "infeasible" and c.infeasible_outputs == [1, 2, 3] and sorted(c.multipliers) == [1, 2, 3]
    assert c.network is None and not c.certified and "output(s) [1, 2, 3]" in c.reason


def test_missing_output_inadmissible_then_the_next_output():
    from exact.certify import missing_output_range

    # output 1: the same row must give 1 and <= 0 (no admissible row); output 2: w = 1 forced, missing 2 != 2 * 1? wrong
    r = missing_output_range([[1], [1]], [[1, 1], [0, 1]], [2], [0, 2])
    assert [(x.output, x.kind) for x in r] == [(1, "inadmissible"), (2, "wrong")]
    assert r[0].base.status.value == "infeasible" and r[0].witness is None and r[0].ray is None
    assert r[1].witness == (F(1),) and r[1].base.status.value == "feasible" and r[1].ray.status.value == "infeasible"


def test_missing_output_unbounded_witness_reaches_exactly_c_plus_one():
    from exact.certify import missing_output_range

    A, X, a = [[F(1), 0, 0]], [[F(1)]], [F(1), 0, F(1)]
    for C in (F(1), F(5, 2)):
        r = missing_output_range([[C * v for v in A[0]]], [[C]], a, [0], amplitude=C)
        (u,) = r
        assert u.output == 1 and u.kind == "unbounded" and u.base.status.value == "feasible"
        w, D = u.witness, u.direction
        assert D == u.ray.point and sum(x * y for x, y in zip(a, D)) == 1 and D[0] == 0  # E D = 0, a D = 1
        assert C * w[0] == C                                                            # E w = C
        base_a = sum(x * y for x, y in zip(a, u.base.point))
        assert sum(x * y for x, y in zip(a, w)) == (C + 1 if base_a <= C + 1 else base_a)


def test_missing_output_shapes_are_checked():
    from exact.certify import missing_output_range
    from exact.errors import ShapeError

    with pytest.raises(ShapeError, match=r"^expected one A2 row of length 1 per present datum$"):
        missing_output_range([[1], [1]], [[1]], [1], [1])           # two rows, one datum
    with pytest.raises(ShapeError, match=r"^expected one A2 row of length 1 per present datum$"):
        missing_output_range([[1, 2]], [[1]], [1], [1])             # a row of the wrong length


def test_threshold_certification_with_bias_and_threshold_two():
    w, c, t = [2, F(1, 2), F(2, 3)], [F(1, 2)] * 3, 2
    r = certify_threshold_autoencoder(sum_encoder(3), w, c, threshold=t)
    assert r.outcome == "repaired" and r.repaired_outputs == [2] and r.rounded_failures == [2]
    # output 2 at z = 3: 3/2 + 1/2 >= 2 (active), at z = 2: 1 + 1/2 < 2 (inactive, where it must be active)
    assert r.pattern == {"codes": ["0", "1", "2", "3"], "outputs": [[0, 0, 0], [1, 0, 0], [1, 0, 0], [1, 1, 1]]}
    last = r.network.layers[-1]
    assert last.threshold == 2 and last.weight[1] == (F(3, 4),) and last.bias == (F(1, 2),) * 3
    assert r.repair_distance() == F(1, 4) and r.reason.startswith("the rounded network failed at theta = 2; outputs ")
    # the bias fixed (free_bias=False): w_2 alone, against t - c = 3/2
    fixed = certify_threshold_autoencoder(sum_encoder(3), w, c, threshold=t, free_bias=False)
    assert fixed.network.layers[-1].weight[1] == (F(3, 4),) and fixed.network.layers[-1].bias == (F(1, 2),) * 3
    # with a free bias, (w_2, c_2) is re-solved together (from w_2 = 0) and admissible
    free = certify_threshold_autoencoder(sum_encoder(3), [2, 0, F(2, 3)], c, threshold=t, free_bias=True)
    assert free.certified and free.repaired_outputs == [2]
    assert _admissible(free.network) and free.network.layers[-1].weight[0] == (F(2),)
    ok = certify_threshold_autoencoder(sum_encoder(3), [2, 1, F(2, 3)], threshold=2)
    assert ok.outcome == "admissible" and ok.reason == "the rounded network reconstructs every datum exactly"


def test_an_infeasible_certification_keeps_what_was_rounded():
    # two thetas with the same code (the encoder collapses them): no decoder separates them
    enc = Network.from_layers({"weight": [[1, 1, 0]]})
    r = certify_threshold_autoencoder(enc, [1, 1, 1])
    assert r.outcome == "infeasible" and r.network is None and r.rounded is not None
    assert r.thetas == [0, 1, 2, 3] and r.rounded_failures and r.infeasible_outputs
    assert r.pattern["codes"] == ["0", "1", "2", "2"]
    assert r.reason == (f"no weights with this activation pattern exist for output(s) {r.infeasible_outputs} "
                        "(exact Motzkin multipliers)")
    assert sorted(r.multipliers) == r.infeasible_outputs
