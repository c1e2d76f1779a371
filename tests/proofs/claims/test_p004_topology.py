"""004-Topo: identified pairs for cut, random and trained encoders; the open-arc negative control."""

import random
from fractions import Fraction

import pytest

from exact.curves import octagon, square
from exact.errors import InvalidArgument
from proofs.kernel import recheck
from proofs.claims.p004 import topology
from proofs.verdict import Status


@pytest.fixture(scope="module")
def verdict():
    return topology.check(widths="2,4", random_encoders=6, trained=False)


def test_proved_with_valid_certificate(verdict):
    assert verdict.status is Status.PROVED  # K = -K: the intermediate value theorem, hypotheses kernel-checked
    assert verdict.scope["random_encoders"] == 6 and verdict.scope["widths"] == [2, 4]
    cert = verdict.certificate
    assert recheck(cert)[0]
    assert len(cert["evidence"]["cut_pairs"]) == 2 and len(cert["evidence"]["antipodal"]) == 6
    assert [a["id"] for a in cert["argument"]] == ["symmetric", "ivt", "min_norm", "decoder"]


def test_scope_and_evidence_say_what_is_shown(verdict):
    desc = verdict.scope["description"]
    assert "6 random ReLU encoders" in desc and "identifies two opposite points" in desc
    assert "intermediate value theorem" in desc and "intermediate value theorem" in topology.READING
    ev = verdict.evidence
    assert "extra evidence" in ev["general_statement"] and "6 random encoders" in ev["general_statement"]
    assert "not the maximality" in ev["pair_search"]


def test_evidence_pairs(verdict):
    ev = verdict.evidence
    for c in ev["constructed"]:
        assert c["p"] != c["q"]
        assert Fraction(c["bound"]) <= Fraction(c["max_error"])
    for a in ev["antipodal"]:
        assert a["q"] == [str(-Fraction(v)) for v in a["p"]]
        assert Fraction(a["bound"]) >= Fraction(ev["inf_norm_min"])
    assert ev["inf_norm_min"] == "1"


def test_negative_control_open_arc():
    v = topology.check(widths="2", open_arc=True)
    assert v.status is Status.REFUTED and v.variant
    assert v.evidence["max_error"] == "0" and v.evidence["identified_pair"] is None
    assert recheck(v.certificate)[0]


def test_tampered_certificate_rejected(verdict):
    import copy

    cert = copy.deepcopy(verdict.certificate)
    cert["evidence"]["antipodal"][1]["bound"] = "3/2"  # claims a stronger bound than the pair gives
    ok, message = recheck(cert)
    assert not ok and "bound" in message


def test_inf_norm_min_and_random_encoder():
    assert topology.inf_norm_min(square()) == 1
    assert topology.inf_norm_min(octagon()) == Fraction(3, 2)
    a = topology.random_encoder(random.Random(3), (4, 2))
    b = topology.random_encoder(random.Random(3), (4, 2))
    assert a == b and a.widths == (2, 4, 2, 1)


def test_octagon_and_bad_arguments():
    v = topology.check(curve="octagon", widths="1", random_encoders=2, trained=False)
    assert v.status is Status.PROVED
    assert recheck(v.certificate)[0]
    with pytest.raises(InvalidArgument):
        topology.check(widths="4,2")
    with pytest.raises(InvalidArgument):
        topology.check(curve="blob")


def test_trained_encoder_is_checked_too():
    v = topology.check(widths="2", random_encoders=0, trained=True)
    assert v.status is Status.PROVED
    trained = [a for a in v.evidence["antipodal"] if a["encoder"].startswith("trained")]
    assert len(trained) == 1 and Fraction(trained[0]["max_error"]) >= Fraction(trained[0]["bound"]) == 1
    assert "trained_exact_max_error" in v.crosscheck
    assert recheck(v.certificate)[0]


def test_report_section(verdict, tmp_path):
    tex = topology.report_section([verdict.to_json()], tmp_path)
    assert "includegraphics" in tex and "tabular" in tex
    assert (tmp_path / "p004-topo-pairs-0.pdf").stat().st_size > 1000
