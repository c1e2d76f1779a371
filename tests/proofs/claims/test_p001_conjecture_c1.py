"""Tests of proofs/claims/p001/conjecture_c1.py (001-C1, the A2 full-rank conjecture)."""

from __future__ import annotations

import copy
import json
from fractions import Fraction as F

import pytest
from hypothesis import given

from exact.errors import InvalidArgument
from proofs.claims.p001 import conjecture_c1 as c1
from proofs.kernel import recheck
from proofs.methods.search import A2Instance, a2_instances, evaluate_a2, run_search


def inst(z, w, b):
    return A2Instance(tuple(F(v) for v in z), tuple(F(v) for v in w), tuple(F(v) for v in b))


# the instances the report discusses, checked by hand
OPPOSITE_SAME_K = inst([1, 2], [1, -1], ["-3/2", "3/2"])              # (z-3/2)_+, (3/2-z)_+: full rank, equal k
THREE_AFFINE = inst([1, 2, 3], [1, -1, 0], [0, 3, 1])                 # z, 3-z, 1 on the codes: rank 2
ALGEBRAIC = inst([1, 2, 3, 4], [-1, 1, 1, 1], [3, 0, "-3/2", "-9/4"])  # det 2ac-at-3a-ct-c+4t = 0
TWO_CONSTANTS = inst([1, 2], [0, 0], [1, 1])


def test_known_instances_by_reading():
    ev = evaluate_a2(OPPOSITE_SAME_K)
    assert ev.full_rank and not c1.condition("literal", ev) and c1.condition("shared_k", ev)
    assert c1.condition("criterion", ev)
    ev = evaluate_a2(THREE_AFFINE)
    assert ev.rank == 2
    assert c1.condition("literal", ev) and c1.condition("shared_k", ev) and not c1.condition("criterion", ev)
    ev = evaluate_a2(ALGEBRAIC)
    assert ev.rank == 3 and ev.a2_rows()[0][0] == 2
    for r in ("literal", "no_zero_lines", "shared_k"):
        assert c1.condition(r, ev), r
    parts = c1.criterion_parts(ev)
    assert parts["interlacing"] and not parts["boundary determinant non-zero"]
    ev = evaluate_a2(TWO_CONSTANTS)
    assert c1.condition("no_zero_lines", ev) and not c1.condition("shared_k", ev) and ev.rank == 1


def test_algebraic_example_moves_to_full_rank_in_the_same_zero_pattern():
    # the same order type with c = 5/2 instead of 9/4: every pattern condition unchanged, now full rank
    other = inst([1, 2, 3, 4], [-1, 1, 1, 1], [3, 0, "-3/2", "-5/2"])
    a, b = evaluate_a2(ALGEBRAIC), evaluate_a2(other)
    pattern = lambda ev: [[v == 0 for v in r] for r in ev.num]
    assert pattern(a) == pattern(b) and a.rank == 3 and b.rank == 4


@given(a2_instances(max_n=7))
def test_criterion_is_equivalent_to_full_rank(x):
    ev = evaluate_a2(x)
    assert c1.condition("criterion", ev) == ev.full_rank


@given(a2_instances(max_n=6))
def test_shared_k_is_necessary(x):
    ev = evaluate_a2(x)
    if ev.full_rank:
        assert c1.condition("shared_k", ev)


def test_negative_control_a_wrong_criterion_is_refuted():
    # interlacing alone (dropping the boundary determinant) is not sufficient: the harness must find that
    def make():
        def prop(x):
            ev = evaluate_a2(x)
            return c1.criterion_parts(ev)["interlacing"] and not ev.full_rank
        return prop, dict

    out = run_search(a2_instances(max_n=6), make, key="t/wrong-criterion", max_examples=600, seed=0,
                     size_key=lambda x: x.size_key())
    assert out.found and not evaluate_a2(out.example).full_rank


def test_check_gives_one_verdict_per_reading_and_direction():
    vs = c1.check(max_examples=60, seconds=2.0)
    assert [v.variant for v in vs] == [f"{r}/{d}" for r in c1.READINGS for d in c1.DIRECTIONS] + [
        "criterion/exhaustive", "criterion without (c)/sufficiency"]
    by = {v.variant: v for v in vs}
    assert by["literal/sufficiency"].status.value == "refuted"
    assert by["criterion/sufficiency"].status.value == "proved"
    assert by["criterion/necessity"].status.value == "proved"
    assert by["criterion without (c)/sufficiency"].status.value == "refuted"
    for d in c1.DIRECTIONS:
        cert = by[f"criterion/{d}"].certificate
        assert [(s["id"], s["checker"]) for s in cert["argument"]] == c1.CRITERION_STEPS
    assert by["criterion/exhaustive"].status.value == "verified"
    assert by["shared_k/necessity"].status.value == "proved"
    proved = by["shared_k/necessity"].certificate
    assert proved["status"] == "proved" and proved["scope"]["n_max"] == 3 and proved["evidence"] == {"checked": 5362}
    assert [(s["id"], s["checker"]) for s in proved["argument"]] == c1.SHARED_K_STEPS
    for v in vs:
        ok, msgs = recheck(v.certificate)
        assert ok, (v.variant, msgs)
        json.dumps(v.to_json())
        assert v.evidence["instances"] >= 1 and "disagreements" in v.crosscheck
        for ce in v.evidence["counterexamples"]:
            assert set(ce) >= {"n", "z", "W2", "b2", "A2", "rank"}
            assert all(isinstance(s, str) for s in ce["z"] + ce["W2"] + ce["b2"])


def test_refuted_verdict_has_a_rechecked_counterexample():
    v = c1.search("shared_k", "sufficiency", max_examples=400, seed=0)
    assert v.status.value == "refuted"
    ce = v.evidence["counterexamples"][0]
    assert ce["condition"] and ce["rank"] < ce["n"]
    cert = v.certificate
    assert cert["status"] == "refuted" and cert["variant"] == "shared_k/sufficiency" and cert["scope"] == {}
    assert cert["evidence"] == {k: ce[k] for k in ("z", "W2", "b2")} and recheck(cert)[0]


@pytest.mark.parametrize("x", [OPPOSITE_SAME_K, THREE_AFFINE, ALGEBRAIC, TWO_CONSTANTS,
                               inst([2], [1], [-2]), inst([2], [1], [-1])])
@pytest.mark.parametrize("reading", c1.READINGS)
def test_kernel_agrees_with_the_checker(x, reading):
    ev = evaluate_a2(x)
    for d in c1.DIRECTIONS:
        ok, msg = recheck(c1._counterexample_certificate(f"{reading}/{d}", x))
        assert ok == c1.is_counterexample(reading, d, ev), (d, msg)


def test_kernel_rejects_tampered_certificates():
    good = c1._counterexample_certificate("shared_k/sufficiency", ALGEBRAIC)
    assert recheck(good)[0]
    bad = copy.deepcopy(good)
    bad["evidence"]["b2"][3] = "-5/2"            # the same zero pattern, now full rank
    assert not recheck(bad)[0]
    bad = copy.deepcopy(good)
    bad["evidence"]["A2"] = [["2"]]              # the kernel rebuilds A2; a stated one is not read
    assert not recheck(bad)[0]
    for variant in ("shared_k/necessity", "criterion/sufficiency", "criterion/exhaustive", "nonsense/sufficiency"):
        assert not recheck({**good, "variant": variant})[0], variant
    assert recheck({**good, "variant": "literal/sufficiency"})[0]   # it really is one there too


def test_bad_arguments():
    with pytest.raises(InvalidArgument):
        c1.search("nonsense", "sufficiency", max_examples=1)
    with pytest.raises(InvalidArgument):
        c1.search("literal", "both", max_examples=1)
    with pytest.raises(InvalidArgument):
        c1.search("literal", "sufficiency", max_examples=1, engine="brute")
    with pytest.raises(InvalidArgument):
        c1.check(readings="literal,nonsense")


def test_random_engine_and_workers():
    v = c1.search("criterion", "necessity", max_examples=600, engine="random", workers=2, seed=1)
    assert v.status.value == "inconclusive" and v.evidence["instances"] == 600
    v = c1.search("literal", "sufficiency", max_examples=300, engine="random", seed=1)
    assert v.status.value == "refuted" and recheck(v.certificate)[0]


def test_report_section_writes_figures(tmp_path):
    vs = [c1.search("literal", "sufficiency", max_examples=50, seed=0).to_json(),
          c1.search("criterion", "sufficiency", max_examples=20, seed=0).to_json()]
    tex = c1.report_section(vs, tmp_path)
    assert "figures/c1_literal_sufficiency_0.pdf" in tex and (tmp_path / "c1_literal_sufficiency_0.pdf").exists()
    assert "Schoenberg" in tex and "\\begin{tabular}" in tex


def test_cli_search_writes_json(tmp_path):
    from proofs.cli import main

    out = tmp_path / "s.json"
    rc = main(["search", "001-C1", "--reading", "literal", "--direction", "sufficiency", "--max-examples", "50",
               "--seed", "0", "--json", str(out), "--database", str(tmp_path / "db"), "-q", "--engine", "hypothesis",
               "--fail-on", "refuted"])
    assert rc == 1
    d = json.loads(out.read_text())
    v = d["verdicts"][0]
    assert v["status"] == "refuted" and v["evidence"]["instances"] >= 1
    assert set(v["evidence"]["counterexamples"][0]) >= {"n", "z", "W2", "b2", "A2", "rank"}
    assert main(["search", "001-C1", "--reading", "nope", "-q"]) == 2
    assert main(["search", "000-E1", "-q"]) == 2


def _nonneg(x):
    return A2Instance(x.z, tuple(abs(w) for w in x.W2), x.b2)


@given(a2_instances(max_n=7))
def test_single_sign_criterion_is_full_rank(x):
    y = _nonneg(x)
    assert c1.single_sign_criterion(y) == evaluate_a2(y).full_rank


def test_single_sign_criterion_refuses_negative_weights():
    with pytest.raises(InvalidArgument):
        c1.single_sign_criterion(OPPOSITE_SAME_K)


@pytest.mark.slow
def test_single_sign_and_criterion_on_many_random_instances():
    from random import Random

    from proofs.methods.search import random_a2_instance

    rng = Random(5)
    for _ in range(200_000):
        x = random_a2_instance(rng, max_n=6)
        ev = evaluate_a2(x, crosscheck=False)
        assert c1.condition("criterion", ev) == ev.full_rank, x.to_json()
        y = _nonneg(x)
        assert c1.single_sign_criterion(y) == evaluate_a2(y, crosscheck=False).full_rank, y.to_json()


# --------------------------------------------------------------------------------------
# the exhaustive scope, the machine-checked steps, the example database
# --------------------------------------------------------------------------------------
SMALL = c1.exhaustive_scope(2, "0,1,5/2", "-1,0,1", "-1,0,1")


def test_exhaustive_instances_are_every_multiset():
    from math import comb

    n_max, codes, ws, bs = c1.exhaustive_scope(3, "0,1,5/2,4", "-1,0,1", "-2,0,2")
    insts = list(c1.exhaustive_instances(n_max, codes, ws, bs))
    assert len(insts) == sum(comb(4, n) * comb(9 + n - 1, n) for n in (1, 2, 3)) == len(set(insts))
    assert all(list(x.z) == sorted(set(x.z)) for x in insts)


def test_exhaustive_verdict_is_verified_and_the_kernel_rechecks_it():
    v = c1.exhaustive_verdict()
    assert v.status.value == "verified" and v.evidence["instances"] == 5362
    assert v.evidence["full_rank"] == v.evidence["condition_true"] > 0
    assert "exhaustive" in v.scope["description"] and v.crosscheck["compared"] == 5362
    assert v.evidence["machine_checked_steps"]["valid"]
    assert recheck(v.certificate)[0] and v.certificate["evidence"] == {"checked": 5362}
    assert v.certificate["scope"] == {"n_max": 3, "codes": ["0", "1", "5/2"], "W2_values": ["-1", "0", "1", "2"],
                                      "b2_values": ["-3", "-2", "-1", "0", "1", "2", "3"]}


def _exhaustive_cert(reading, scope=SMALL):
    counts = c1.exhaustive((reading,), *scope)["readings"][reading]
    return counts, c1._exhaustive_certificate("criterion/exhaustive", scope, counts)


def test_negative_control_exhaustive_rejects_wrong_readings():
    # the project's enumeration finds the literal and shared_k sufficiency failures; the kernel's finds them too
    from proofs.kernel.core import Invalid
    from proofs.kernel.framework import Cert
    from proofs.kernel.specs.p001_c1 import _exhaustive

    counts, cert = _exhaustive_cert("literal")
    assert counts["sufficiency"]
    with pytest.raises(Invalid):
        _exhaustive(Cert(cert), "literal", ("sufficiency",))
    counts, cert = _exhaustive_cert("shared_k", c1.exhaustive_scope())
    assert counts["sufficiency"] and not counts["necessity"]
    with pytest.raises(Invalid):
        _exhaustive(Cert(cert), "shared_k", ("sufficiency", "necessity"))
    assert _exhaustive(Cert(cert), "shared_k", ("necessity",)) == counts["instances"] == 5362


def test_kernel_rejects_tampered_exhaustive_certificates():
    _, cert = _exhaustive_cert("criterion")
    assert recheck(cert)[0]
    for key, val in (("n_max", 1), ("n_max", 0), ("n_max", -5), ("b2_values", ["-1", "0"]), ("codes", ["0", "0"])):
        bad = copy.deepcopy(cert)
        bad["scope"][key] = val
        assert not recheck(bad)[0], key
    for ev in ({"checked": 1}, {}, {"checked": cert["evidence"]["checked"], "instances": 1}):
        assert not recheck({**cert, "evidence": ev})[0], ev
    assert not recheck({**cert, "status": "proved", "argument": [{"id": i, "checker": c} for i, c in c1.SHARED_K_STEPS]})[0]


def test_exhaustive_scope_arguments_are_validated():
    for args in ((4, "0,1,2"), (0, "0,1"), (2, ""), (2, "0,x")):
        with pytest.raises(InvalidArgument):
            c1.exhaustive(("criterion",), *c1.exhaustive_scope(*args))


def test_criterion_lemmas_are_machine_checked():
    arg = c1.criterion_lemmas()
    assert arg["valid"] and len(arg["steps"]) == 4 and arg["checked_by_the_kernel"] and arg["cited"]


def test_negative_control_phi_with_a_wrong_boundary_row_is_singular():
    # v(z_1) twice instead of v(z_1), v(z_n): the affine v = z - z_1 is in the kernel, det 0
    assert c1._phi_matrix(4)[1].det() != 0
    assert c1._phi_matrix(4, ends=(0, 0))[1].det().simplify() == 0


def test_negative_control_hat_identity_rejects_a_wrong_scale():
    assert c1._hat_identity_failures(abs) == []
    assert len(c1._hat_identity_failures(lambda w: w)) == 3     # W < 0 with t inside the hat


def test_shared_k_necessity_is_proved_only_with_a_valid_argument(monkeypatch):
    v = c1.search("shared_k", "necessity", max_examples=20, seed=0, scope=SMALL)
    assert v.status.value == "proved" and v.evidence["argument"]["valid"] and recheck(v.certificate)[0]
    assert c1.search("shared_k", "necessity", max_examples=20, seed=0, prove=False).status.value == "inconclusive"
    broken = {**c1.shared_k_argument(), "valid": False}
    monkeypatch.setattr(c1, "shared_k_argument", lambda: broken)
    v = c1.search("shared_k", "necessity", max_examples=20, seed=0, scope=SMALL)
    assert v.status.value == "inconclusive"


def test_found_counterexample_replays_first_from_the_database(tmp_path):
    db = str(tmp_path / "db")
    kw = {"max_examples": 400, "database": db, "refine": False, "batch": 24}
    first = c1.search("literal", "necessity", seed=0, **kw)
    again = c1.search("literal", "necessity", seed=1, **kw)
    assert first.status.value == again.status.value == "refuted"
    assert again.evidence["first_counterexample_examples"] == 1
    assert again.evidence["counterexamples"][0]["z"] == first.evidence["counterexamples"][0]["z"]


def test_criterion_is_proved_only_with_a_valid_hat_identity(monkeypatch):
    search = c1.search("criterion", "sufficiency", max_examples=20, seed=0, scope=SMALL)
    assert search.status.value == "inconclusive"                       # a search stays a search
    v = c1.prove_criterion(search, "sufficiency", SMALL)
    assert v.status.value == "proved" and recheck(v.certificate)[0]
    assert v.evidence["exhaustive"]["instances"] == v.certificate["evidence"]["checked"]
    broken = {**c1.criterion_lemmas(), "valid": False}
    monkeypatch.setattr(c1, "criterion_lemmas", lambda: broken)
    v = c1.prove_criterion(c1.search("criterion", "necessity", max_examples=20, seed=0), "necessity", SMALL)
    assert v.status.value == "inconclusive" and recheck(v.certificate)[0]
    v = c1.criterion_control_verdict()
    assert v.status.value == "refuted" and recheck(v.certificate)[0]
