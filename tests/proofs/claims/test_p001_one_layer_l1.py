"""001-L1: one-layer decoders (ReLU reading proved, literal reading refuted)."""

import copy
from fractions import Fraction

from exact.slides001 import data_rows, decoder_output
from proofs.claims.p001 import one_layer_l1 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdicts():
    relu, literal = m.check(n_max=8)
    assert relu.status is Status.PROVED and relu.certificate["argument"][0] == {"id": "column", "checker": "kernel"}
    assert literal.status is Status.REFUTED and literal.evidence["minimal_counterexample"]["n"] == 1
    assert recheck(relu.certificate)[0] and recheck(literal.certificate)[0]


def test_other_amplitude():
    relu, literal = m.check(n_max=4, amplitude="3/2")
    assert recheck(relu.certificate)[0] and recheck(literal.certificate)[0]


def test_negative_control_relu_construction_fails_beyond_n1():
    net, codes = m._relu_construction(2, Fraction(1), True)
    assert [tuple(o) for o in decoder_output(net, codes)] != list(data_rows(2))
    assert not m.relu_decoder_exists(2) and m.relu_decoder_exists(2, include_zero=False)


def test_negative_control_flat_activation_is_no_counterexample():
    cert = m.check(n_max=3)[1].certificate
    bad = copy.deepcopy(cert)
    bad["evidence"]["right_slope"] = 0          # g = 0 on [0, inf): the lemma's condition holds
    assert not recheck(bad)[0]


def test_zigzag_has_no_flat_piece_and_reconstructs():
    for n in (1, 2, 5):
        bps = m.zigzag_activation(n, Fraction(2))
        assert m._flat_pieces(bps) == 0
        X = data_rows(n, 2)
        assert all(m._pl_value(bps, Fraction(i - j)) == X[i - 1][j - 1]
                   for i in range(1, n + 2) for j in range(1, n + 1))


def test_zigzag_as_a_kernel_counterexample():
    """The zig-zag g of n = 4, written as the literal spec's piecewise-linear g, is a counterexample too."""
    c = Fraction(3, 2)
    net = m.zigzag_decoder(4, c)
    bps = m.zigzag_activation(4, c)
    for z in (Fraction(1), Fraction(7, 3), Fraction(-2), Fraction(9)):
        assert list(net.evaluate([z])) == [m._pl_value(bps, z - j) for j in range(1, 5)]
    assert [tuple(o) for o in decoder_output(net, range(1, 6))] == list(data_rows(4, c))
    from proofs.certificates import certificate
    ev = {"n": 4, "codes": list(range(1, 6)), "W": [1] * 4, "b": [-j for j in range(1, 5)],
          "breakpoints": [list(p) for p in bps], "left_slope": -1, "right_slope": 1}
    cert = certificate("001-L1", "refuted", scope={"amplitude": c}, evidence=ev, variant="literal")
    assert recheck(cert)[0]
    ev["b"][0] = 0
    assert not recheck(certificate("001-L1", "refuted", scope={"amplitude": c}, evidence=ev, variant="literal"))[0]
