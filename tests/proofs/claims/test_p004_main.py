"""004-Main: exact bad sets of the cut autoencoders; the shifted-decoder negative control."""

from fractions import Fraction

import pytest

from exact.errors import InvalidArgument
from proofs.kernel import recheck
from proofs.claims.p004 import main
from proofs.verdict import Status


@pytest.fixture(scope="module")
def verdict():
    return main.check(widths="2,4", deltas="1/10,1/2", train=False)


def test_verified_table(verdict):
    assert verdict.status is Status.VERIFIED
    rows = verdict.evidence["table"]
    assert [(r["mesh_n"], r["delta"]) for r in rows] == [(2, "1/10"), (2, "1/2"), (4, "1/10"), (4, "1/2")]
    for r in rows:
        assert Fraction(r["bad_length"]) <= Fraction(r["cut_length"]) == Fraction(2, r["mesh_n"])
        assert r["max_error"] == "2" and r["affine_pieces"] <= r["regions"]
    assert verdict.evidence["bad_length_strictly_decreasing"]
    assert all(verdict.evidence["exact_outside_cut_cell"].values())
    assert verdict.crosscheck["disagreements"] == []


def test_certificate(verdict):
    cert = verdict.certificate
    assert recheck(cert)[0]
    # the kernel rebuilds K and every A_n from these parameters; it checks the cut cell itself
    assert cert["scope"] == {"curve": "square", "decoder_shift": ["0", "0"], "widths": [2, 4],
                             "deltas": ["1/10", "1/2"]}
    assert [(r["mesh_n"], r["delta"]) for r in cert["evidence"]["rows"]] == [(2, "1/10"), (2, "1/2"), (4, "1/10"),
                                                                              (4, "1/2")]


def test_scope_states_neurons_per_layer(verdict):
    desc = verdict.scope["description"]
    assert "mesh resolutions n in [2, 4]" in desc
    assert "16, 8 (encoder) and 4 (decoder) for n = 2" in desc and "32, 16 (encoder)" in desc
    assert [r["encoder_widths"] for r in verdict.evidence["table"]] == [[16, 8]] * 2 + [[32, 16]] * 2


def test_delta_above_the_maximum_error_is_verified():
    """For delta >= max error every bad set is empty: lengths equal, still verified (not a counterexample)."""
    v = main.check(widths="2,4", deltas="2", train=False)
    assert v.status is Status.VERIFIED and [r["bad_length"] for r in v.evidence["table"]] == ["0", "0"]
    assert v.evidence["bad_length_strictly_decreasing"] is False
    assert recheck(v.certificate)[0]


def test_negative_control_shifted_decoder():
    v = main.check(widths="2", deltas="1/10", decoder_shift="1/5,0", train=False)
    assert v.status is Status.REFUTED
    ce = v.evidence["minimal_counterexample"]
    assert Fraction(ce["error"]) == Fraction(1, 5) and Fraction(ce["s"]) < Fraction(7, 2)
    cert = v.certificate
    assert recheck(cert)[0]  # the kernel rebuilds the shifted A_n and evaluates it at K(s)
    assert cert["evidence"] == {"mesh_n": 2, "s": ce["s"]} and ce["reconstruction"] != ce["x"]
    cert = dict(cert, status="verified")  # claiming the shifted decoder works is rejected
    assert not recheck(cert)[0]


def test_small_shift_is_still_caught():
    v = main.check(widths="2", deltas="1/2", decoder_shift="0,1/1000", train=False)
    assert v.status is Status.REFUTED  # error 1/1000 < delta, but not exact outside the cut cell


def test_octagon():
    v = main.check(curve="octagon", widths="1,2", deltas="1/4", train=False)
    assert v.status is Status.VERIFIED and recheck(v.certificate)[0]


def test_bad_arguments():
    with pytest.raises(InvalidArgument):
        main.check(deltas="-1", train=False)
    with pytest.raises(InvalidArgument):
        main.check(decoder_shift="1", train=False)
    with pytest.raises(InvalidArgument):
        main.check(widths="1", train=False)  # the square needs n >= 2


def test_trained_crosscheck_and_report(tmp_path):
    v = main.check(widths="2,4", deltas="1/10", train=True)
    tr = v.crosscheck["trained"]
    assert tr["rows"][0]["delta"] == "1/10" and Fraction(tr["rows"][0]["exact_max_error"]) >= 1  # 004-Topo
    assert len(tr["reconstruction"]) == len(tr["error"]) > 100
    tex = main.report_section([v.to_json()], tmp_path)
    for name in ("construction", "errors", "trained"):
        assert (tmp_path / f"p004-main-{name}-0.pdf").stat().st_size > 1000
    assert "bad length" in tex and "includegraphics" in tex


@pytest.mark.slow
def test_larger_widths_and_circle():
    v = main.check(widths="2,4,8,16", deltas="1/100,1/10", train=False)
    assert v.status is Status.VERIFIED and recheck(v.certificate)[0]
    v = main.check(curve="circle12", widths="1,2", deltas="1/10", train=False)
    assert v.status is Status.VERIFIED and recheck(v.certificate)[0]
