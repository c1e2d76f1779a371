import json
from fractions import Fraction

import pytest

from exact.errors import InvalidArgument
from proofs.claims.p001 import slides_runs, trained_h2 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def _by_variant(vs):
    return {v.variant: v for v in vs}


def test_short_budget_is_inconclusive_not_refuted():
    """Below the slides' 2,500,000 epochs a failing run refutes nothing (negative control of 'refuted')."""
    vs = _by_variant(m.check(runs="3x1,4x1", epochs=300, float_formats="float64,bfloat16"))
    assert set(vs) == {"mse", "admissible"}
    for v in vs.values():
        assert v.status is Status.INCONCLUSIVE and recheck(v.certificate)[0]
        assert [(r["n"], r["seed"]) for r in v.evidence["runs"]] == [(3, 0), (4, 0)]
        assert all(r["source"] == "trained now" and r["epochs"] == 300 for r in v.evidence["runs"])
    mse = vs["mse"]
    for r in mse.evidence["runs"]:
        assert r["mse_rounded"] > 1e-5 and not r["meets_p1"]
        assert Fraction(r["mse_rounded_exact"]) == Fraction(next(x["mse"] for x in mse.certificate["evidence"]["runs"]
                                                                 if x["n"] == r["n"]))
        assert r["codes_r2_vs_theta"] > 0.999   # constrained encoder: affine codes
    assert mse.crosscheck["formats"] == ["float64", "bfloat16"] and mse.crosscheck["compared"] == 4


def test_exact_mse_of_an_admissible_network_is_zero_and_of_a_broken_one_is_not():

    from exact.network import Network

    ident = Network.from_layers({"weight": [["1"]], "bias": ["0"], "activation": "identity"},
                                {"weight": [["1"]], "bias": ["0"], "activation": "relu"},
                                {"weight": [["1"]], "bias": ["0"], "activation": "relu"})
    assert m.exact_mse(ident, 1) == 0
    broken = Network.from_layers({"weight": [["1"]], "bias": ["0"], "activation": "identity"},
                                 {"weight": [["1"]], "bias": ["0"], "activation": "relu"},
                                 {"weight": [["2"]], "bias": ["0"], "activation": "relu"})
    assert m.exact_mse(broken, 1) == Fraction(1, 2)   # (2 - 1)^2 over 2 step functions, 1 coordinate


def test_stored_runs_are_used_and_relabelling_is_rejected(tmp_path, monkeypatch):
    """A stored run (here a short one written by the runner) is re-decided exactly, not re-trained."""
    data = tmp_path / "runs.json"
    slides_runs.main(["--claim", "001-H2", "--n", "3", "--seeds", "0", "--epochs", "200", "--out", str(data)])
    monkeypatch.setattr(slides_runs, "DATA_FILE", data)
    monkeypatch.setattr(m, "load_runs", lambda: slides_runs.load_runs(data))
    stored = json.loads(data.read_text())["runs"][0]
    assert stored["command"].endswith("--out " + str(data)) and stored["seed"] == 0 and stored["epochs"] == 200
    vs = _by_variant(m.check(runs="3x1", epochs=200))
    r = vs["mse"].evidence["runs"][0]
    assert r["source"] == "stored" and r["final_loss_float"] == float(stored["final_loss_float"])
    vs2 = _by_variant(m.check(runs="3x1", epochs=200, retrain=True))
    r2 = vs2["mse"].evidence["runs"][0]
    assert r2["source"] == "trained now" and r2["reproduced_bitwise"] is True and r2["mse_rounded_exact"] == r["mse_rounded_exact"]
    cert = vs["mse"].certificate
    for st in ("verified", "refuted", "proved"):
        assert not recheck(dict(cert, status=st))[0]
    assert not recheck(dict(cert, claim="001-H3"))[0]
    assert not recheck(dict(cert, variant="admissible"))[0]


def test_bad_parameters():
    for runs in ("", "4", "4x0", "x3", "4x3,4x1", "100x1"):
        with pytest.raises(InvalidArgument):
            m.check(runs=runs, epochs=10)
    with pytest.raises(InvalidArgument):
        m.check(runs="3x1", epochs=10, float_formats="float8")
    for lr in ("abc", "0", "-1e-5", "inf"):
        with pytest.raises(InvalidArgument, match="lr must be"):
            m.check(runs="3x1", epochs=10, lr=lr)
