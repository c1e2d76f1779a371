"""001-L1: one-layer decoders (ReLU reading proved, literal reading refuted)."""

from fractions import Fraction

import pytest

from exact.slides001 import data_rows, decoder_output
from proofs.claims.p001 import one_layer_l1 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdicts():
    relu, literal = m.check(n_max=8)
    assert relu.status is Status.PROVED and relu.evidence["impossibility_argument"]["valid"]
    assert literal.status is Status.REFUTED and literal.evidence["minimal_counterexample"]["n"] == 1
    assert recheck(relu.certificate)[0] and recheck(literal.certificate)[0]


def test_negative_control_relu_construction_fails_beyond_n1():
    net, codes = m._relu_construction(2, Fraction(1), True)
    assert [tuple(o) for o in decoder_output(net, codes)] != list(data_rows(2))
    assert not m.relu_decoder_exists(2) and m.relu_decoder_exists(2, include_zero=False)


def test_negative_control_farkas_with_wrong_multipliers_rejected():
    ob = m._farkas_linear_codes(Fraction(1))
    ob["y"] = ["1", "0", "0", "1", "1"]
    assert not recheck({"format": "relu-proofcheck-certificate", "version": 1, "claim": "x", "status": "proved",
                        "obligations": [ob]})[0]


def test_zigzag_has_no_flat_piece_and_reconstructs():
    for n in (1, 2, 5):
        bps = m.zigzag_activation(n, Fraction(2))
        assert m._flat_pieces(bps) == 0
        X = data_rows(n, 2)
        assert all(m._pl_value(bps, Fraction(i - j)) == X[i - 1][j - 1]
                   for i in range(1, n + 2) for j in range(1, n + 1))


def test_zigzag_decoder_network_matches_g_and_its_certificate_rejects_a_wrong_output():
    from fractions import Fraction

    from exact.slides001 import data_rows, decoder_output
    from proofs.claims.p001 import outputs_obligation
    from proofs.kernel import Invalid, check_network_outputs
    c = Fraction(3, 2)
    net = m.zigzag_decoder(4, c)
    bps = m.zigzag_activation(4, c)
    for z in (Fraction(1), Fraction(7, 3), Fraction(-2), Fraction(9)):
        assert list(net.evaluate([z])) == [m._pl_value(bps, z - j) for j in range(1, 5)]
    assert [tuple(o) for o in decoder_output(net, range(1, 6))] == list(data_rows(4, c))
    ob = outputs_obligation(net, [[i] for i in range(1, 6)], data_rows(4, c))
    check_network_outputs(ob)
    ob["cases"][2]["output"][0] = "3/2"                  # row 3 starts with a zero, not C
    with pytest.raises(Invalid):
        check_network_outputs(ob)
