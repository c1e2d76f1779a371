"""Tests of exact/slides001.py: the 001 constructions (data matrix, form (1), handcrafted decoders)."""

from fractions import Fraction

import pytest
from hypothesis import given, strategies as st

from exact.errors import ExactnessError, InvalidArgument, ShapeError
from exact.linalg import QMatrix
from exact.slides001 import (activation_rows, canonical_form1, data_matrix, data_rows, decoder_network,
                             decoder_output, form1_from_entries, form1_violations, full_rank_layer2,
                             handcrafted_decoder, is_form1, linear_codes, linear_encoder, qmatrix, random_form1,
                             reconstructs, relu_product_violations, threshold_decoder)
from exact.two_layer import activation_matrix
from proofs.methods.strategies import nonzero_rationals, positive_rationals, rationals


def test_data_matrix_shape_and_rows():
    X = data_rows(3, 2)
    assert X == ((2, 2, 2), (0, 2, 2), (0, 0, 2), (0, 0, 0))
    assert data_matrix(3, 2).shape == (4, 3)
    assert data_matrix(3, include_zero=False).shape == (3, 3)
    assert data_matrix(5).rank() == 5


def test_data_rows_are_reversed_000_step_functions():
    from exact.datasets import step_function
    n = 5
    for i, row in enumerate(data_rows(n), start=1):
        assert tuple(reversed(row)) == step_function(n, n + 1 - i)


def test_bad_arguments():
    with pytest.raises(InvalidArgument):
        data_rows(0)
    with pytest.raises(InvalidArgument):
        data_rows(3, 0)           # ReLU output cannot reach a non-positive amplitude
    with pytest.raises(ExactnessError):
        data_rows(3, 0.5)
    with pytest.raises(InvalidArgument):
        full_rank_layer2([1, 2, 2])   # codes must be distinct
    with pytest.raises(ShapeError):
        form1_from_entries(2, [0])


def test_linear_encoder_gives_positions():
    for n in range(1, 8):
        enc = linear_encoder(n, "3/2")
        assert [enc.evaluate(x)[0] for x in data_rows(n, "3/2")] == list(linear_codes(n))


def test_form1_checks():
    U = canonical_form1(3)
    assert is_form1(U, 3)
    bad = [list(r) for r in U]
    bad[2][0] = Fraction(1, 5)            # a free entry made positive
    assert form1_violations(bad, 3) == [(3, 1)]
    bad = [list(r) for r in U]
    bad[0][1] = Fraction(2)               # a C entry changed
    assert not is_form1(bad, 3)


@given(st.integers(1, 7), st.integers(0, 10 ** 6))
def test_random_form1_is_form1(n, seed):
    assert is_form1(random_form1(n, 2, seed=seed), n, 2)
    assert is_form1(random_form1(n, 2, False, seed), n, 2, include_zero=False)


def test_layer2_for_linear_codes_matches_slides():
    W2, b2 = full_rank_layer2(linear_codes(4), 4)
    assert W2 == (-1,) * 4 and b2 == (2, 3, 4, 5)
    assert activation_rows(linear_codes(4), W2, b2) == [list(r) for r in activation_matrix(linear_codes(4), W2, b2).rows()]


@st.composite
def _codes(draw, max_n=7):
    n = draw(st.integers(1, max_n))
    z = draw(st.lists(rationals(max_height=12), min_size=n + 1, max_size=n + 1, unique=True))
    return n, z


@given(_codes())
def test_full_rank_layer2_any_codes(nz):
    n, z = nz
    W2, b2 = full_rank_layer2(z, n)
    A = activation_rows(z, W2, b2)
    assert all(v == 0 for v in A[n])             # the zero signal's row vanishes
    assert qmatrix(A).rank() == n


@given(_codes(), st.integers(0, 10 ** 6))
def test_handcrafted_decoder_reconstructs_any_codes(nz, seed):
    n, z = nz
    dec = handcrafted_decoder(z, random_form1(n, 3, seed=seed), n)
    assert not dec.output_violations(3)
    assert reconstructs(dec.network, z, data_rows(n, 3))


@given(_codes(), st.integers(0, 10 ** 6))
def test_handcrafted_decoder_without_zero_signal(nz, seed):
    n, z = nz
    z = z[:n]
    dec = handcrafted_decoder(z, random_form1(n, 1, False, seed), None)
    assert reconstructs(dec.network, z, data_rows(n, 1, False))


def test_negative_control_perturbed_decoder_is_rejected():
    dec = handcrafted_decoder(linear_codes(4), random_form1(4, seed=1), 4)
    rows = [list(r) for r in dec.W3.rows()]
    rows[1][2] += Fraction(1, 7)
    bad = decoder_network(dec.W2, dec.b2, rows)
    assert not reconstructs(bad, linear_codes(4), data_rows(4))
    assert relu_product_violations(dec.A2, qmatrix(rows))


def test_negative_control_unsorted_thresholds_lose_rank():
    z = [3, 1, 2, 4]
    # thresholds taken in the given (unsorted) order instead of the sorted one
    A = activation_rows(z, [1, 1, 1], [-3, -1, -2])
    assert qmatrix(A[:3]).rank() == 2        # the sorted construction gives 3 on the same codes
    W2, b2 = full_rank_layer2(z[:3])
    assert qmatrix(activation_rows(z[:3], W2, b2)).rank() == 3


def test_threshold_decoder_reconstructs():
    for n in range(1, 10):
        assert reconstructs(threshold_decoder(n), linear_codes(n), data_rows(n))


def test_qmatrix_and_decoder_output_exact():
    assert qmatrix([["1/2", 3]]).to_strings() == [["1/2", "3"]]
    net = decoder_network([1], [0], [[2]])
    assert decoder_output(net, ["1/3"]) == [(Fraction(2, 3),)]


def test_verify_handcrafted_and_negative_control():
    from exact.slides001 import HandcraftedDecoder, verify_handcrafted
    dec = handcrafted_decoder(["5", "1/2", 3, -2, "7/3"], random_form1(4, 2, seed=1), 4)
    assert verify_handcrafted(dec, 2)
    assert not verify_handcrafted(dec, 1)                  # wrong amplitude
    assert isinstance(dec, HandcraftedDecoder)
    assert not verify_handcrafted(dec.with_W3(dec.W3.scale(2)), 2)
    assert verify_handcrafted(dec.with_W3(dec.W3), 2)
    W = [list(r) for r in dec.W3.rows()]
    W[2][1] += Fraction(1, 10 ** 30)                      # a tiny perturbation is still caught (exact)
    assert not verify_handcrafted(dec.with_W3(qmatrix(W)), 2)
    # a U3 that is not of form (1), realized exactly, is rejected by the form test
    U = [list(r) for r in random_form1(3, 1, seed=5)]
    U[1][0] = Fraction(1)
    dec = handcrafted_decoder(linear_codes(3), U, 3)
    assert (dec.A2 @ dec.W3.T) == dec.U3 and not verify_handcrafted(dec)


@given(_codes(), st.integers(0, 10 ** 6), st.booleans())
def test_closed_form_output_weights_equal_flint_solve(nz, seed, zero_signal):
    from exact.slides001 import solve_output_weights
    n, z = nz
    z = z if zero_signal else z[:n]
    dec = handcrafted_decoder(z, random_form1(n, "5/3", zero_signal, seed), n if zero_signal else None)
    assert dec.W3 == solve_output_weights(dec.A2.rows(), dec.U3.rows(), dec.zero_index)
    assert (dec.A2 @ dec.W3.T) == dec.U3


def test_handcrafted_decoder_with_huge_codes_takes_the_exact_object_path():
    from exact.slides001 import verify_handcrafted
    z = [Fraction(i, 10 ** 25) + 10 ** 20 * i for i in range(1, 6)]
    dec = handcrafted_decoder(z, random_form1(4, 1, seed=3), 4)
    assert dec.W3T_int.dtype == object and verify_handcrafted(dec)
    assert not verify_handcrafted(dec.with_W3(dec.W3.scale(Fraction(1, 2))))


def test_integer_matmul_exact_on_both_paths():
    import numpy as np

    from exact.errors import InvalidArgument, ShapeError
    from exact.linalg import integer_matmul
    a = np.array([[3, -1], [2, 5]], dtype=np.int64)
    assert integer_matmul(a, a).tolist() == [[7, -8], [16, 23]]
    big = np.array([[2 ** 40, 1], [0, 2 ** 40]], dtype=np.int64)
    assert integer_matmul(big, big).tolist() == [[2 ** 80, 2 ** 41], [0, 2 ** 80]]   # flint path
    with pytest.raises(ShapeError):
        integer_matmul(a, np.ones((3, 1), dtype=np.int64))
    with pytest.raises(InvalidArgument):
        integer_matmul(a, np.array([[0.5], [1.0]]))


# -- boundary cases (mutation testing: docs/exact-mutation.md) ------------------------------------

def test_relu_violations_positions_and_the_int64_guard():
    F = Fraction
    # n = 1, X = [[C], [0]]: the lower entry 1 > 0 is a violation at (2, 1)
    assert relu_product_violations(qmatrix([[1], [1]]), qmatrix([[1]])) == [(2, 1)]
    assert relu_product_violations(qmatrix([[1], [0]]), qmatrix([[1]])) == []
    assert relu_product_violations(qmatrix([[1], [0]]), qmatrix([[0]])) == [(1, 1)]     # A2 W3^T = 0
    assert relu_product_violations(qmatrix([[1, 0], [0, 1], [0, 0]]), qmatrix([[1, 1], [0, 1]])) == [(1, 2), (2, 1)]
    # C = 2^-40 and an entry (1 + 2^24) / 2^40: in int64, (1 + 2^24) * 2^40 wraps round to 2^40 = C * den,
    # so without the switch to Python integers the wrong entry would pass
    c = F(1, 2 ** 40)
    assert relu_product_violations(qmatrix([[1], [0]]), qmatrix([[F(1 + 2 ** 24, 2 ** 40)]]), c) == [(1, 1)]
    assert relu_product_violations(qmatrix([[1], [0]]), qmatrix([[c]]), c) == []
    # an entry (2^62 + 1) / 2^62 next to C = 1: exact integers tell them apart (a float would not)
    assert relu_product_violations(qmatrix([[1], [0]]), qmatrix([[F(2 ** 62 + 1, 2 ** 62)]])) == [(1, 1)]
    assert relu_product_violations(qmatrix([[1], [0]]), qmatrix([[F(2 ** 62, 2 ** 62)]])) == []
    # C = 1/3^40: C's denominator alone exceeds int64
    t = F(1, 3 ** 40)
    assert relu_product_violations(qmatrix([[1], [0]]), qmatrix([[t]]), t) == []
    assert relu_product_violations(qmatrix([[1], [0]]), qmatrix([[2 * t]]), t) == [(1, 1)]
    with pytest.raises(ShapeError, match=r"^A2 W3\^T has shape \(3, 1\); X is \(n\+1\) x n or n x n$"):
        relu_product_violations(qmatrix([[1], [0], [0]]), qmatrix([[1]]))


def test_defaults_are_amplitude_one_with_the_zero_signal():
    assert data_matrix(2) == qmatrix([[1, 1], [0, 1], [0, 0]])
    assert linear_encoder(3).evaluate([1, 1, 1]) == (1,) and linear_encoder(3).evaluate([0, 0, 0]) == (4,)
    assert linear_codes(3) == (1, 2, 3, 4) and linear_codes(3, False) == (1, 2, 3)
    assert linear_codes(1, include_zero=False) == (1,)
    assert canonical_form1(3, 2, False) == data_rows(3, 2, False) and len(canonical_form1(3, 2, False)) == 3
    dec = handcrafted_decoder(linear_codes(3), canonical_form1(3), 3)
    assert dec.output_violations() == [] and dec.output_violations(2) != []
    assert relu_product_violations(dec.A2, dec.W3) == []


def test_activation_rows_keep_the_common_denominator():
    assert activation_rows(["1/2", 2], [1, "-1/3"], ["1/3", 1]) == [[Fraction(5, 6), Fraction(5, 6)],
                                                                   [Fraction(7, 3), Fraction(1, 3)]]


def test_shapes_are_checked_with_messages():
    with pytest.raises(ShapeError, match=r"^U3 must be 4 x 3$"):
        form1_violations(canonical_form1(3)[:3], 3)            # a row missing
    with pytest.raises(ShapeError, match=r"^U3 must be 4 x 3$"):
        form1_violations([r[:2] for r in canonical_form1(3)], 3)   # a column missing
    with pytest.raises(ShapeError, match=r"^a matrix needs at least one row$"):
        qmatrix([])
    from exact.slides001 import solve_output_weights
    with pytest.raises(ShapeError, match=r"^A2 without the zero signal must be square, got \(2, 3\)$"):
        solve_output_weights([[1, 0, 0], [0, 1, 0]], [[1, 1], [0, 1]])


def test_qmatrix_is_exact_for_large_entries():
    q = qmatrix([["1/3", 10 ** 30 + 1], [0, "-7/2"]])
    assert q.to_strings() == [["1/3", str(10 ** 30 + 1)], ["0", "-7/2"]]


def test_one_layer_relu_decoder():
    from exact.slides001 import one_layer_relu_decoder
    dec = one_layer_relu_decoder(["1/2", -1], [0, "3/2"])
    assert dec.widths == (1, 2)
    assert dec.evaluate([3]) == (Fraction(3, 2), 0) and dec.evaluate([-1]) == (0, Fraction(5, 2))


def test_zero_signal_in_the_middle_and_with_w3():
    from exact.slides001 import solve_output_weights
    z = [3, 1, 2, 5]                       # the zero signal's code is 1 (index 1): codes on both sides
    U = random_form1(3, 1, seed=4)
    U = [U[0], U[3], U[1], U[2]]           # rows in the order of the codes, the zero signal second
    dec = handcrafted_decoder(z, U, 1)
    assert dec.W3 == solve_output_weights(dec.A2.rows(), dec.U3.rows(), 1)
    other = dec.with_W3(dec.W3.scale(3))
    assert other.zero_index == 1 and other.codes == dec.codes and (other.U3_int == dec.U3_int).all()
    assert other.U3 == dec.U3 and other.W3 == dec.W3.scale(3)


def test_output_weights_from_int_string_and_half_rows():
    from exact.slides001 import solve_output_weights
    F = Fraction
    A = [[1, 0], [1, 1]]
    U = [[2, 2], [0, 2]]
    assert solve_output_weights(A, U) == qmatrix([[2, -2], [2, 0]])                 # plain ints
    assert solve_output_weights([["1", "0"], ["1", "1"]], [["2", "2"], ["0", 2]]) == qmatrix([[2, -2], [2, 0]])
    halves = [[F(1, 2), F(-1, 2)], [F(1, 2), F(1, 2)]]                               # every denominator 2
    assert solve_output_weights(halves, [[F(1, 2), F(1, 2)], [F(3, 2), F(1, 2)]]) == qmatrix([[2, 1], [1, 0]])
    assert solve_output_weights(halves, [[1, 1], [2, 1]]) == qmatrix([[3, 1], [2, 0]])
    big = [[F(10 ** 30 + 1, 3), 0], [0, F(1, 7)]]
    assert solve_output_weights(big, [[1, 0], [0, 1]]) == qmatrix([[F(3, 10 ** 30 + 1), 0], [0, 7]])
    assert solve_output_weights([[0]], [[0]], 0).shape[0] == 0                     # only the zero signal


def test_handcrafted_decoder_from_plain_integer_rows_and_zero_rows():
    z = [1, 2, 3]
    dec = handcrafted_decoder(z, [[1, 1], [0, 1], [0, 0]], 2)
    assert dec.U3_den == 1 and reconstructs(dec.network, z, data_rows(2))
    zero = handcrafted_decoder(z, [[0, 0], [0, 0], [0, 0]], 2)     # U3 = 0 (not form (1)): W3 = 0
    assert zero.W3 == qmatrix([[0, 0], [0, 0]])
    with pytest.raises(ShapeError, match=r"^U3 must have rows of equal length$"):
        handcrafted_decoder(z, [[1, 1], [0], [0, 0]], 2)


def test_closed_form_weights_switch_to_python_integers_before_int64_overflows():
    from exact.slides001 import solve_output_weights
    # U3 entries near 2^60 (int64) and gaps 1/3: the two differences and the factor 3 would pass 2^63
    z = [0, Fraction(1, 3), Fraction(2, 3), 1]
    big = 2 ** 60
    U = [[big, big, big], [-big, big, big], [big, -big, big], [0, 0, 0]]
    dec = handcrafted_decoder(z, U, 3)
    assert dec.W3 == solve_output_weights(dec.A2.rows(), dec.U3.rows(), 3)
    assert (dec.A2 @ dec.W3.T) == dec.U3


def test_decoder_network_with_an_output_bias():
    net = decoder_network([1], [0], [[2], [-1]], ["1/2", 3])
    assert net.evaluate(["1/3"]) == (Fraction(7, 6), Fraction(8, 3))


def test_random_form1_is_pinned_by_its_seed():
    U = random_form1(4)                     # seed 0, C = 1, free entries -p/q, 0 <= p <= 9, 1 <= q <= 9
    free = [str(v) for r, x in zip(U, data_rows(4)) for v, c in zip(r, x) if c == 0]
    assert free == ["-6/7", "0", "-1", "-6/5", "-7/6", "-9/4", "-8/3", "-4/3", "-1/5", "-8/3"]
    assert all(v in (0, 1) for r, x in zip(U, data_rows(4)) for v, c in zip(r, x) if c != 0)
    assert random_form1(4, seed=0) == U and random_form1(4, seed=1) != U


def test_form1_from_entries_places_the_free_entries():
    F = Fraction
    assert form1_from_entries(2, [0, 0, 0]) == data_rows(2)
    U = form1_from_entries(2, ["-1/2", -3, "5"], 4)
    assert U == ((4, 4), (F(-1, 2), 4), (-3, 5))
    assert form1_violations(U, 2, 4) == [(3, 2)]
    with pytest.raises(ShapeError, match=r"^form \(1\) of size n=2 has 3 free entries, got 1$"):
        form1_from_entries(2, [0])


def test_activation_array_edges():
    from exact.slides001 import activation_integer_form
    assert activation_integer_form([], [1], ["1/2"]) == ([], 2)
    assert activation_integer_form(["1/3", 2], [], []) == ([[], []], 3)
    assert activation_rows([2 ** 40], [2 ** 40], [0]) == [[2 ** 80]]          # past int64: Python integers
    assert activation_rows([-(2 ** 40)], [2 ** 40], [2 ** 81]) == [[2 ** 81 - 2 ** 80]]
    with pytest.raises(ShapeError, match=r"^W2 has 2 entries but b2 has 1$"):
        activation_rows([1], [1, 2], [0])


def test_handcrafted_decoder_array_types_and_shapes():
    import numpy as np
    z = [1, 2, 3]
    U = [[1, 1], [0, 1], [0, 0]]
    for arr in (np.array(U, dtype=np.uint64), np.array(U, dtype=np.int64)):
        dec = handcrafted_decoder(z, arr, 2)
        assert reconstructs(dec.network, z, data_rows(2)) and dec.U3_den == 1
    c = 2 ** 60 + 1                       # beyond float64's 53 bits: unsigned entries are read exactly
    dec = handcrafted_decoder(z, np.array(data_rows(2, c), dtype=np.uint64), 2)
    assert dec.U3.to_strings() == [[str(c), str(c)], ["0", str(c)], ["0", "0"]] and not dec.output_violations(c)
    with pytest.raises(ShapeError, match=r"^U3 must have one row per code \(3\), got shape \(2, 2\)$"):
        handcrafted_decoder(z, U[:2], 2)
    with pytest.raises(ShapeError, match=r"^U3 must have one row per code \(3\), got shape \(6,\)$"):
        handcrafted_decoder(z, [1, 1, 0, 1, 0, 0], 2)
    with pytest.raises(ShapeError, match=r"^A2 without the zero signal must be square: U3 has 3 columns, "
                                         r"layer 2 2 neurons$"):
        handcrafted_decoder(z, [[1, 1, 1], [0, 1, 1], [0, 0, 0]], 2)


def test_full_rank_layer2_indices_and_messages():
    W2, b2 = full_rank_layer2([2, 1, 3, 4], 0)        # the zero signal first: one code below, two above
    assert W2 == (-1, 1, 1) and b2 == (2, -2, -3)
    W2, b2 = full_rank_layer2([3, 1, 2, 5], 1)        # the zero signal's code 1 is the least: all above
    assert W2 == (1, 1, 1) and b2 == (-1, -2, -3)
    assert full_rank_layer2([5, 7]) == ((1, 1), (-4, -5))   # no zero signal: z0 = min - 1
    for idx in (-1, 4):
        with pytest.raises(InvalidArgument, match=r"^zero_index must be in 0\.\.3$"):
            full_rank_layer2([1, 2, 3, 4], idx)
    with pytest.raises(InvalidArgument, match=r"^the codes must be distinct \(a decoder maps equal codes to "
                                              r"equal outputs\)$"):
        full_rank_layer2([1, "2/2"])
    with pytest.raises(InvalidArgument, match=r"^at least one code is needed$"):
        full_rank_layer2([])
    with pytest.raises(InvalidArgument, match=r"^at least one non-zero signal is needed$"):
        full_rank_layer2([3], 0)


@pytest.mark.parametrize("n", [0, -2, True, 2.0, "3"])
def test_dimension_must_be_a_positive_int(n):
    with pytest.raises(InvalidArgument, match=r"^the dimension n must be a positive integer, got "):
        data_rows(n)


def test_amplitude_message():
    with pytest.raises(InvalidArgument, match=r"^the amplitude C must be positive \(a ReLU output is >= 0\), "
                                              r"got -1/2$"):
        data_rows(2, "-1/2")
