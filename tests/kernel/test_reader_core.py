"""The kernel's strict reader and exact core: known answers and negative controls."""

import time
from fractions import Fraction as F

import pytest

from proofs.kernel import core as K
from proofs.kernel.reader import Malformed, loads


@pytest.mark.parametrize("text, why", [
    ('{"a": 1, "a": 2}', "duplicate"),
    ("[0.5]", "float"), ("[1e5]", "float"), ("[-0.0]", "float"),
    ("[NaN]", "not a number"), ("[Infinity]", "not a number"),
    ("[" * 100 + "]" * 100, "nested"),
    ("[" + "9" * 10001 + "]", "digits"),
    ('{"a": ', "not JSON"),
])
def test_reader_rejects(text, why):
    with pytest.raises(Malformed, match=why):
        loads(text)


def test_reader_accepts_big_integers_and_nesting_inside_strings():
    assert loads("[" + "7" * 5000 + "]")[0] == int("7" * 2500) * 10 ** 2500 + int("7" * 2500)
    assert loads('["[[[[[[", {"k": "}}}"}]') == ["[[[[[[", {"k": "}}}"}]


def test_huge_exponent_is_rejected_quickly():
    t = time.perf_counter()
    with pytest.raises(Malformed):
        loads('[1e300000000]')
    with pytest.raises(K.Invalid):
        K.q("1e300000000")
    assert time.perf_counter() - t < 1


@pytest.mark.parametrize("v, want", [(3, F(3)), ("-3", F(-3)), ("6/4", F(3, 2)), ("-1/3", F(-1, 3)), (0, F(0))])
def test_numbers(v, want):
    assert K.q(v) == want


@pytest.mark.parametrize("v", [True, False, None, 0.5, "1.5", "1e3", " 1", "1/0", "1/-2", "0x10", "1_000", "", "/2", [1]])
def test_numbers_rejected(v):
    with pytest.raises(K.Invalid):
        K.q(v)


def test_digit_limit_and_option():
    K.q("1" * 10000)
    with pytest.raises(K.Invalid, match="digits"):
        K.q("1" * 10001)
    with pytest.raises(K.Invalid, match="digits"):
        K.q(10 ** 10001)
    K.set_max_digits(20000)
    try:
        assert K.q("1" * 10001) > 0
    finally:
        K.set_max_digits(10000)


def test_lengths_are_checked_never_truncated():
    with pytest.raises(K.Invalid):
        K.vec([1, 2], n=3)
    with pytest.raises(K.Invalid):
        K.mat([[1, 2], [3]])
    with pytest.raises(K.Invalid):
        K.dot([F(1)], [F(1), F(2)])
    with pytest.raises(K.Invalid, match="multipliers"):
        K.farkas_empty([([F(1)], F(0)), ([F(-1)], F(-1))], [F(1)], 1)


def test_network_parsing_is_strict():
    good = {"layers": [{"weight": [[1, 1]], "bias": [0], "activation": "relu"}]}
    assert K.run(K.network(good), [F(1), F(-3)]) == [F(0)]
    for bad in [{"layers": []}, {"layers": [{"weight": [[1]], "bias": [0, 0]}]},
                {"layers": [{"weight": [[1]], "activation": "tanh"}]},
                {"layers": [{"weight": [[1]], "extra": 1}]}, {"layers": [{"weight": [[1]]}], "x": 1},
                {"layers": [{"weight": [[1, 2]]}, {"weight": [[1, 2, 3]]}]},
                {"layers": [{"weight": [[1]], "activation": "relu", "threshold": 1}]}]:
        with pytest.raises(K.Invalid):
            K.network(bad)
    with pytest.raises(K.Invalid):
        K.run(K.network(good), [F(1)])


def test_hard_threshold_boundary():
    net = K.network({"layers": [{"weight": [[1]], "activation": "hard_threshold", "threshold": "1/2"}]})
    assert K.run(net, [F(1, 2)]) == [F(1)] and K.run(net, [F(1, 3)]) == [F(0)]
    relu = K.network({"layers": [{"weight": [[1]], "activation": "relu"}]})
    assert K.run(relu, [F(0)]) == [F(0)] and K.run(relu, [F(-1)]) == [F(0)]


@pytest.mark.parametrize("m, r", [([], 0), ([[0, 0]], 0), ([[1, 2], [2, 4]], 1), ([[0, 1], [1, 0]], 2),
                                  ([[1, 2, 3], [4, 5, 6], [7, 8, 9]], 2), ([[F(1, 2)]], 1)])
def test_rank(m, r):
    assert K.rank([[F(x) for x in row] for row in m]) == r


@pytest.mark.parametrize("m, psd", [([[0, 1], [1, 0]], False), ([[0, 0], [0, 1]], True), ([[2, -1], [-1, 2]], True),
                                    ([[1, 2], [2, 1]], False), ([[0]], True), ([[-1]], False), ([[1, 1], [1, 1]], True)])
def test_psd_zero_pivots(m, psd):
    assert K.is_psd([[F(x) for x in row] for row in m]) is psd


def test_inverse():
    a = [[F(2), F(1)], [F(1), F(1)]]
    assert K.matmul(a, K.inverse(a)) == K.identity(2)
    assert K.inverse([[F(1), F(2)], [F(2), F(4)]]) is None


def test_farkas_and_motzkin_boundaries():
    rows = [([F(1)], F(0)), ([F(-1)], F(-1))]  # x <= 0 and -x <= -1: empty
    K.farkas_empty(rows, [F(1), F(1)], 1)
    touching = [([F(1)], F(0)), ([F(-1)], F(0))]  # x <= 0 and x >= 0: x = 0, not empty
    with pytest.raises(K.Invalid):
        K.farkas_empty(touching, [F(1), F(1)], 1)  # y.b = 0 is not < 0
    K.motzkin_empty([], touching, [], [F(1), F(1)], 1)  # strictly: x < 0 and x > 0 is empty
    with pytest.raises(K.Invalid):
        K.motzkin_empty(touching, [], [F(1), F(1)], [], 1)
    with pytest.raises(K.Invalid):
        K.farkas_empty(rows, [F(1), F(-1)], 1)


def test_expressions():
    e = K.expression("1/i + 1/(10*i**2)", ("i", "n"))
    assert e.at({"i": F(2), "n": F(5)}) == F(1, 2) + F(1, 40)
    assert K.expression("(i*i - 1)/(i - 1)", ("i",)).equals(K.expression("i + 1", ("i",)))
    assert not K.expression("i", ("i",)).equals(K.expression("i + 1", ("i",)))
    for bad in ["__import__('os')", "i.real", "1.5", "i ** i", "f(i)", "i ** 100", "x", "1 if i else 0", "i" * 300]:
        with pytest.raises(K.Invalid):
            K.expression(bad, ("i",))
    with pytest.raises(K.Invalid):
        K.expression("1/(i - i)", ("i",))


def test_sha256_is_canonical():
    assert K.sha256_json({"b": 1, "a": ["1/2"]}) == K.sha256_json({"a": ["1/2"], "b": 1})
    assert K.sha256_json({"a": 1}) != K.sha256_json({"a": "1"})


# -- boundary cases found by mutation testing ------------------------------------------------
@pytest.mark.parametrize("m, r", [([[0, 1]], 1), ([[0, 1], [0, 2]], 1), ([[0, 0, 1], [0, 1, 0]], 2), ([[0], [0]], 0)])
def test_rank_with_zero_leading_columns(m, r):
    assert K.rank([[F(x) for x in row] for row in m]) == r


@pytest.mark.parametrize("m, psd", [([[0, 0], [0, -1]], False), ([[4, 2], [2, 1]], True), ([[4, 2], [2, 0]], False),
                                    ([[0, 0, 0], [0, 2, 1], [0, 1, 0]], False), ([[0, 0], [0, 0]], True),
                                    ([[2, 0, 0], [0, 0, 0], [0, 0, -1]], False)])
def test_psd_pivots_and_scaling(m, psd):
    assert K.is_psd([[F(x) for x in row] for row in m]) is psd


@pytest.mark.parametrize("m", [[[1, 2], [3, 1]], [[1, 2]], [[1], [2]]])
def test_psd_needs_a_symmetric_square_matrix(m):
    with pytest.raises(K.Invalid, match="non-symmetric"):
        K.is_psd([[F(x) for x in row] for row in m])


def test_nesting_limit_is_exact():
    from proofs.kernel.reader import MAX_DEPTH

    assert loads("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    with pytest.raises(Malformed, match="nested"):
        loads("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert loads('{"a": ' * MAX_DEPTH + "1" + "}" * MAX_DEPTH) is not None


def test_duplicate_keys_are_named():
    with pytest.raises(Malformed, match="duplicate key 'k'"):
        loads('{"k": 1, "k": 1}')
    assert loads('{"k": {"k": 1}}') == {"k": {"k": 1}}  # the same key at two levels is fine


def test_farkas_messages_name_the_failure():
    rows = [([F(1)], F(0)), ([F(-1)], F(-1))]
    with pytest.raises(K.Invalid, match="y A is not zero"):
        K.farkas_empty(rows, [F(1), F(0)], 1)
    with pytest.raises(K.Invalid, match="is not negative"):
        K.farkas_empty([([F(1)], F(1)), ([F(-1)], F(0))], [F(1), F(1)], 1)


def test_network_equality():
    a = K.network({"layers": [{"weight": [[1]], "activation": "relu"}]})
    assert a == K.network({"layers": [{"weight": [["2/2"]], "bias": [0], "activation": "relu"}]})
    assert a != K.network({"layers": [{"weight": [[2]], "activation": "relu"}]}) and a != "net"


def test_poly_var_rejects_an_unknown_name():
    names = ("a", "b")
    assert K.Poly.var("b", names).terms == {(0, 1): F(1)}
    # an unknown name was the constant 1 (no exponent set): a misspelt variable in a
    # specification's identity would have checked a different identity
    with pytest.raises(K.Invalid, match="unknown variable 'c'"):
        K.Poly.var("c", names)
    with pytest.raises(K.Invalid, match="unknown variable"):
        K.Poly.var("a", ())


def test_net_checks_one_bias_per_weight_row():
    w = [[F(1)], [F(-1)]]
    net = K.Net([(w, [F(0), F(1)], "relu", F(0)), ([[F(1), F(1)]], [F(0)], "identity", F(0))])
    assert K.run(net, [F(2)]) == [F(2)]
    # one bias short or one too many: run pairs rows and biases by zip, so a short bias list of the
    # last layer silently dropped an output; every such network is refused when it is built
    with pytest.raises(K.Invalid, match="layer 0: 1 biases for 2 weight rows"):
        K.Net([(w, [F(0)], "relu", F(0)), ([[F(1), F(1)]], [F(0)], "identity", F(0))])
    with pytest.raises(K.Invalid, match="layer 1: 2 biases for 1 weight rows"):
        K.Net([(w, [F(0), F(1)], "relu", F(0)), ([[F(1), F(1)]], [F(0), F(0)], "identity", F(0))])
    # rows of unequal length, a width that does not chain, an empty matrix, no layers
    with pytest.raises(K.Invalid, match="layer 0: expected rows of one or more entries"):
        K.Net([([[F(1)], [F(1), F(2)]], [F(0), F(0)], "relu", F(0))])
    with pytest.raises(K.Invalid, match="layer 1: expected rows of 2 entries"):
        K.Net([(w, [F(0), F(1)], "relu", F(0)), ([[F(1)]], [F(0)], "identity", F(0))])
    with pytest.raises(K.Invalid, match="layer 0: expected rows"):
        K.Net([([], [], "relu", F(0))])
    with pytest.raises(K.Invalid, match="at least one layer"):
        K.Net([])


def test_net_refuses_an_unknown_activation():
    """activate treats any name it does not know as the identity, so a misspelt activation in a
    network the kernel builds itself would silently compute another function: Net refuses it."""
    w = [[F(1)], [F(-1)]]
    for act in K.ACTIVATIONS:
        K.Net([(w, [F(0), F(1)], act, F(0))])
    for bad in ("IDENTITY", "Relu", "sigmoid", "", None):
        with pytest.raises(K.Invalid, match="layer 1: unknown activation"):
            K.Net([(w, [F(0), F(1)], "relu", F(0)), ([[F(1), F(1)]], [F(0)], bad, F(0))])
