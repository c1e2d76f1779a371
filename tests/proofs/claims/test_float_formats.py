"""Every float cross-check honours --float FORMAT (float_formats), and its disagreements name their format."""

import inspect
import re
from fractions import Fraction

import numpy as np
import pytest

from exact.errors import InvalidArgument
from numeric.formats import exact_to_format, fmt_matrix_rank, fmt_solve
from proofs.claims.registry import catalogue_claims, check_parameters

#: The claims whose verdicts carry a float cross-check (a float computation compared with the exact one).
FLOAT_CROSSCHECKS = {"000-E1", "000-L3.1", "000-T1", "001-H1", "001-H2", "001-H3", "001-H4", "001-P1", "001-C1",
                     "002-C1", "003-Conf", "004-Main", "004-Topo"}

#: What a claim module calls when it runs a float mirror to compare with the exact result.
_MIRRORS = re.compile(r"evaluate_float\(|float_handcrafted|float_reconstruction_scan|rank_scan\(|float_activation_ranks|"
                      r"float_enumerate|dense_error|hard_threshold_outputs|disagreement_mask|run_recipe\(")


def _check_source(module) -> str:
    """The claim module's source without its report section (figures may use float64 freely)."""
    src = inspect.getsource(module)
    return src.split("def report_section", 1)[0]


def test_every_claim_with_a_float_crosscheck_accepts_float_formats():
    claims = catalogue_claims()
    assert FLOAT_CROSSCHECKS <= set(claims)
    found = {cid for cid, mod in claims.items() if _MIRRORS.search(_check_source(mod))}
    assert found <= FLOAT_CROSSCHECKS, f"float mirrors in {sorted(found - FLOAT_CROSSCHECKS)}: add them (and --float)"
    for cid in sorted(FLOAT_CROSSCHECKS):
        params = check_parameters(cid)
        assert "float_formats" in params, cid
        assert isinstance(params["float_formats"].default, str), cid


@pytest.mark.parametrize("cid", sorted(FLOAT_CROSSCHECKS - {"001-C1"}))
def test_an_unknown_format_is_an_input_error(cid):
    mod = catalogue_claims()[cid]
    with pytest.raises(InvalidArgument, match="float format"):
        mod.check(float_formats="float8")


def test_h1_float16_disagrees_where_float64_does_not():
    from proofs.claims.p001 import handcrafted_h1 as m

    v64, v16 = (m.check(n_max=4, samples=1, float_n_max=20, float_formats=f)[1] for f in ("float64", "float16"))
    assert v16.crosscheck["formats"] == ["float16"]
    d16 = v16.crosscheck["disagreements"]
    assert d16 and all(d["format"] == "float16" for d in d16)
    assert all(d["format"] == "float64" for d in v64.crosscheck["disagreements"])
    # both miss exactness with random rational U3; float16's errors are far larger than float64's
    err = {f: max(d.get("max_abs_error", 0) for d in v.crosscheck["disagreements"])
           for f, v in (("float64", v64), ("float16", v16))}
    assert err["float16"] > 1e-4 > 1e-12 > err["float64"] > 0
    assert v16.status == v64.status   # the exact verdict does not depend on the float format


def test_h4_rank_rule_breaks_earlier_in_bfloat16():
    from proofs.claims.p001 import random_encoder_h4 as m

    (v,) = m.check(n_max=5, samples=1, rank_n_max=20, float_formats="float64,bfloat16")[:1]
    rank_dis = [d for d in v.crosscheck["disagreements"] if d.get("kind") == "matrix_rank (codes 2^-i)"]
    assert {d["format"] for d in rank_dis} == {"bfloat16"}          # float64 still agrees at n = 10, 20
    assert {d["n"] for d in rank_dis} == {10, 20}
    assert "bfloat16" in v.crosscheck["summary"] and "float64" in v.crosscheck["summary"]


def test_p1_and_t1_report_per_format():
    from proofs.claims.p000 import training_t1
    from proofs.claims.p001 import sigmoid_p1

    v = sigmoid_p1.check(n_max=3, float_formats="float64,bfloat16")
    assert {d["format"] for d in v.crosscheck["disagreements"]} == {"bfloat16"}
    t = training_t1.check(n_values="4", seeds=1, epochs=100, relu_n=3, relu_seeds=1, float_formats="float32,float16")[0]
    assert t.crosscheck["formats"] == ["float32", "float16"] and t.crosscheck["compared"] == 2
    assert set(t.evidence["runs"][0]["format_admissible"]) == {"float32", "float16"}


def test_format_linear_algebra_negative_controls():
    """The format helpers must see what the format loses: 1 + 2^-9 is 1 in bfloat16 (rank drops), not in float32."""
    a = [[1, 1], [1, 1 + Fraction(1, 2 ** 9)]]
    assert fmt_matrix_rank(exact_to_format(a, "float32"), "float32") == 2
    assert fmt_matrix_rank(exact_to_format(a, "bfloat16"), "bfloat16") == 1
    x = fmt_solve(exact_to_format([[3]], "float16"), exact_to_format([[1]], "float16"), "float16")
    assert x[0, 0] == float(np.float16(1 / 3)) and x[0, 0] != 1 / 3
    assert exact_to_format([Fraction(1, 3)], "float64")[0] == 1 / 3


@pytest.mark.parametrize("engine,kw", [("batch", {"block_size": 256}), ("random", {})])
def test_c1_search_engines_compare_every_format(engine, kw):
    from proofs.claims.p001 import conjecture_c1 as c1

    v = c1.search("literal", "necessity", max_examples=600, seed=1, engine=engine,
                  float_formats="float64,bfloat16", **kw)
    cc = v.crosscheck
    assert cc["formats"] == ["float64", "bfloat16"]
    assert cc["compared"] % 2 == 0 and cc["compared"] >= 2 * 256
    assert "float64 SVD rank" in cc["summary"] and "bfloat16 SVD rank" in cc["summary"]
    assert all(d["format"] in ("float64", "bfloat16") for d in cc["disagreements"] if "format" in d)


def test_batched_float_mirror_in_a_coarse_format_loses_rank():
    # negative control: the same block in bfloat16 (8 significant bits) disagrees with the exact rank
    # somewhere float64 does not, so the format really reaches the SVD
    import numpy as np

    from proofs.methods.a2_blocks import draw_block, float_full_rank, full_rank_bulk, integer_a2

    blk = draw_block(1, 3, 1024, max_n=8, max_height=6)   # block 3: n = 4
    A, _, ok = integer_a2(blk)
    full, _ = full_rank_bulk(A, ok)
    f64, bf16 = float_full_rank(blk), float_full_rank(blk, "bfloat16")
    assert np.sum(bf16[ok] != full[ok]) > np.sum(f64[ok] != full[ok])


def test_004_main_trained_autoencoder_runs_in_each_format():
    from proofs.claims.p004 import main as m

    v = m.check(float_formats="float64,bfloat16")
    per = v.crosscheck["trained"]["float_max_error_per_format"]
    assert set(per) == {"float64", "bfloat16"}
    assert per["bfloat16"] != per["float64"]            # the format reaches the trained networks
    assert abs(per["bfloat16"] - per["float64"]) < 64 * 2.0 ** -7 * max(1.0, per["float64"])
