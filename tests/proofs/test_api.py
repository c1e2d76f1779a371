"""The Python API: proofs.check / claims / search / regions, Verdict's notebook representations, strategies."""

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings

import proofs
from exact.errors import InvalidArgument
from proofs.strategies import rationals


def test_check_returns_kernel_checked_verdicts():
    v = proofs.check("000-L3.1", n_max=30)
    assert v.status.value == "proved" and v.kernel["status"] == "valid" and v.statement_latex
    vs = proofs.check("001-L3")
    assert isinstance(vs, list) and {x.variant for x in vs} == {"n2 = n", "literal"}
    assert proofs.check("001-L3", variant="literal").status.value == "refuted"
    with pytest.raises(InvalidArgument):
        proofs.check("001-L3", variant="nope")
    with pytest.raises(InvalidArgument):
        proofs.check("000-L3.1", no_such_parameter=1)
    with pytest.raises(InvalidArgument):
        proofs.check("999-X")


def test_claims_lists_every_registered_claim():
    from proofs.claims.registry import claim_ids

    cs = proofs.claims()
    assert [c.id for c in cs] == claim_ids()
    assert all(c.statement_latex for c in cs)
    assert "$$" in cs[0]._repr_markdown_()


def test_verdict_representations():
    r = proofs.check("001-L3", variant="literal")
    md = r._repr_markdown_()
    assert "**REFUTED**" in md and "$$" in md and r"$\text{codes} = (1, 2)$" in md
    tex = r._repr_latex_()
    assert tex.startswith("$$") and r"A_{2} = \begin{pmatrix}1 & 1\\0 & 0\end{pmatrix}" in tex
    assert "status: REFUTED" in str(r) and "{'" not in str(r) and "None" not in str(r)


def test_regions_accepts_networks_dicts_and_files(tmp_path):
    js = {"layers": [{"weight": [["1"], ["-1"]], "bias": ["0", "0"], "activation": "relu"},
                     {"weight": [["1", "1"]], "bias": ["0"], "activation": "identity"}]}
    net = proofs.Network.from_json(js)
    proofs.save_network(net, tmp_path / "n.json")
    for arg in (net, js, str(tmp_path / "n.json")):
        assert proofs.regions(arg).counts() == {"activation_regions": 2, "affine_pieces": 2}


def test_search_needs_a_searchable_claim():
    with pytest.raises(InvalidArgument):
        proofs.search("000-L3.1")


@settings(max_examples=100, suppress_health_check=[])  # every health check on: nothing is filtered
@given(rationals(min_value=39, max_value=42), rationals(min_value="-1/3", max_value="-1/3"),
       rationals(min_value=10**6), rationals(max_value=-50, max_height=3))
def test_bounded_rationals_generate_in_range(a, b, c, d):
    assert 39 <= a <= 42 and b == Fraction(-1, 3) and c >= 10**6 and d <= -50 and d.denominator <= 3


def test_bounded_rationals_refuse_bad_bounds():
    with pytest.raises(InvalidArgument):
        rationals(min_value=2, max_value=1)
    with pytest.raises(InvalidArgument):
        rationals(max_height=0)


def test_profiles_are_registered():
    assert settings.get_profile("relu-proofcheck").deadline is None
    ci = settings.get_profile("relu-proofcheck-ci")
    assert ci.derandomize and ci.database is None and HealthCheck.too_slow in ci.suppress_health_check
