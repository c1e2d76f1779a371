"""001-C1: the kernel rebuilds A2, its rank and each reading's condition, and rejects every relabelling."""

import copy
import json
import subprocess
import sys
from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import given

from proofs.claims.p001 import conjecture_c1 as c1
from proofs.kernel import recheck
from proofs.kernel.core import Invalid
from proofs.kernel.framework import Cert
from proofs.kernel.specs import p001_c1 as S
from proofs.search import A2Instance, a2_instances, evaluate_a2

VARIANTS = [f"{r}/{d}" for r in c1.READINGS for d in c1.DIRECTIONS] + ["criterion/exhaustive"]
STATUSES = ("proved", "verified", "refuted", "inconclusive")
SMALL = c1.exhaustive_scope(2, "0,1,5/2", "-1,0,1", "-1,0,1")
ROOT = Path(__file__).resolve().parents[2]


def inst(z, w, b):
    return A2Instance(tuple(F(v) for v in z), tuple(F(v) for v in w), tuple(F(v) for v in b))


OPPOSITE_SAME_K = inst([1, 2], [1, -1], ["-3/2", "3/2"])              # full rank, equal k
THREE_AFFINE = inst([1, 2, 3], [1, -1, 0], [0, 3, 1])                 # rank 2, literal holds
ALGEBRAIC = inst([1, 2, 3, 4], [-1, 1, 1, 1], [3, 0, "-3/2", "-9/4"])  # rank 3, patterns fine, C* fails
TWO_CONSTANTS = inst([1, 2], [0, 0], [1, 1])
KNOWN = [OPPOSITE_SAME_K, THREE_AFFINE, ALGEBRAIC, TWO_CONSTANTS, inst([2], [1], [-2]), inst([2], [1], [-1])]


def _ok(cert):
    return recheck(cert)[0]


def _refutes(variant, x):
    """The claim module's own judgement (flint rank, its own condition code): does x refute variant?"""
    reading, direction = variant.split("/")
    ev = evaluate_a2(x, crosscheck=False)
    if direction == "exhaustive":
        return c1.condition("criterion", ev) != ev.full_rank
    return c1.is_counterexample(reading, direction, ev)


@pytest.fixture(scope="module")
def honest():
    """One honest certificate of each kind (small budgets and scope)."""
    vs = {"refuted": c1.search("literal", "sufficiency", max_examples=50, seed=0),
          "inconclusive": c1.search("criterion", "sufficiency", max_examples=20, seed=0),
          "proved": c1.search("shared_k", "necessity", max_examples=20, seed=0, scope=SMALL),
          "verified": c1.exhaustive_verdict(SMALL)}
    for status, v in vs.items():
        assert v.status.value == status, (status, v.status)
    return {k: v.certificate for k, v in vs.items()}


def test_honest_certificates_are_accepted(honest):
    for status, cert in honest.items():
        assert recheck(cert)[0], (status, recheck(cert))
        json.dumps(cert)
    assert honest["proved"]["evidence"] == {"checked": c1.exhaustive(("shared_k",), *SMALL)["readings"]["shared_k"]["instances"]}
    assert honest["inconclusive"]["evidence"]["searched"] == "criterion/sufficiency"


@pytest.mark.parametrize("x", KNOWN)
@pytest.mark.parametrize("variant", VARIANTS)
def test_a_counterexample_stands_only_where_it_is_one(x, variant):
    # a counterexample relabelled to another reading or direction is valid exactly when it refutes that one too
    for source in VARIANTS:
        cert = c1._counterexample_certificate(source, x)
        assert _ok({**cert, "variant": variant}) == _refutes(variant, x), (source, variant, x)


def test_the_known_counterexamples():
    refuted = lambda x: [v for v in VARIANTS if _refutes(v, x)]  # noqa: E731
    assert refuted(THREE_AFFINE) == ["literal/sufficiency", "no_zero_lines/sufficiency", "shared_k/sufficiency"]
    assert refuted(ALGEBRAIC) == ["literal/sufficiency", "no_zero_lines/sufficiency", "shared_k/sufficiency"]
    assert refuted(OPPOSITE_SAME_K) == ["literal/necessity", "no_zero_lines/necessity"]
    assert refuted(TWO_CONSTANTS) == ["literal/sufficiency", "no_zero_lines/sufficiency"]
    assert _ok(c1._counterexample_certificate("shared_k/sufficiency", ALGEBRAIC))


@pytest.mark.parametrize("kind", ["refuted", "inconclusive", "proved", "verified"])
def test_status_changed(honest, kind):
    for status in STATUSES + ("bogus",):
        if status == kind:
            continue
        cert = copy.deepcopy(honest[kind])
        cert["status"] = status
        if status == "proved":
            cert["argument"] = [{"id": i, "checker": c} for i, c in c1.SHARED_K_STEPS]
        else:
            cert.pop("argument", None)
        assert not _ok(cert), (kind, status)


@pytest.mark.parametrize("kind", ["refuted", "inconclusive", "proved", "verified"])
def test_claim_and_variant_relabelled(honest, kind):
    cert = honest[kind]
    for variant in VARIANTS + [None, "literal", "criterion/both"]:
        if variant == cert["variant"]:
            continue
        valid = kind == "refuted" and variant in VARIANTS and _refutes(variant, A2Instance.from_json(cert["evidence"]))
        assert _ok({**cert, "variant": variant}) == valid, (kind, variant)
    for claim in ("001-C2", "000-L3.1", "NOPE"):
        assert not _ok({**cert, "claim": claim})


@pytest.mark.parametrize("kind", ["refuted", "inconclusive", "proved", "verified"])
def test_evidence_key_dropped_or_added(honest, kind):
    cert = honest[kind]
    for key in cert["evidence"]:
        bad = copy.deepcopy(cert)
        del bad["evidence"][key]
        assert not _ok(bad), (kind, key)
    for extra in ({"rank": 2}, {"note": "trust me"}, {"checked": 1} if kind in ("refuted", "inconclusive") else {"n": 2}):
        assert not _ok({**cert, "evidence": {**cert["evidence"], **extra}}), (kind, extra)
    assert not _ok({**cert, "scope": {**cert["scope"], "max_n": 8} if kind != "inconclusive" else
                    {**cert["scope"], "n_max": 3}})


def test_wrong_counterexamples():
    good = c1._counterexample_certificate("literal/sufficiency", THREE_AFFINE)
    assert _ok(good)
    for key, val in (("z", ["1", "1", "3"]),          # repeated codes: not an instance of the statement
                     ("z", ["1", "2", "7/2"]),         # now full rank
                     ("W2", ["1", "-1"]),              # one weight short (no zip truncation)
                     ("b2", ["0", "3", "1", "0"]),     # one bias too many
                     ("b2", ["0", "3", 1.0]),          # a float
                     ("z", []), ("z", "1,2,3")):
        bad = copy.deepcopy(good)
        bad["evidence"][key] = val
        assert not _ok(bad), (key, val)
    assert not _ok({**good, "scope": {"max_n": 8}})     # a counterexample stands alone: no search bounds
    assert not _ok(c1._counterexample_certificate("criterion/exhaustive", THREE_AFFINE))


def _inconclusive(variant, samples, **counts):
    findings = {"instances": 100, "condition_true": 40, "full_rank": 60, **counts,
                "samples": [x.to_json() for x in samples]}
    return c1._search_certificate(variant, None, findings, {"max_n": 4, "max_height": 6, "engine": "hypothesis",
                                                            "seed": 0, "workers": 1, "max_examples": 50})


def test_inconclusive_samples_and_counts_are_rechecked():
    assert _ok(_inconclusive("literal/sufficiency", [OPPOSITE_SAME_K, inst([2], [1], [-1])]))
    assert not _ok(_inconclusive("literal/sufficiency", [OPPOSITE_SAME_K, THREE_AFFINE]))  # a counterexample listed
    assert not _ok(_inconclusive("literal/necessity", [OPPOSITE_SAME_K]))
    assert not _ok(_inconclusive("literal/sufficiency", [], condition_true=61))  # condition without full rank
    assert _ok(_inconclusive("literal/necessity", [], condition_true=60))
    assert not _ok(_inconclusive("literal/necessity", [], condition_true=59))    # full rank without condition
    assert not _ok(_inconclusive("literal/sufficiency", [], instances=50))       # more full rank than instances
    assert not _ok(_inconclusive("literal/sufficiency", [OPPOSITE_SAME_K] * 3, instances=2, condition_true=0,
                                 full_rank=2))                                    # more samples than instances
    cert = _inconclusive("literal/sufficiency", [OPPOSITE_SAME_K])
    cert["scope"]["max_n"] = 1                                                   # the sample lies outside the scope
    assert not _ok(cert)
    for key, val in (("searched", "criterion/sufficiency"), ("engine", "guess"), ("workers", 0), ("seed", "0")):
        cert = _inconclusive("literal/sufficiency", [])
        cert["evidence"][key] = val
        assert not _ok(cert), key


def test_exhaustive_scope_changed(honest):
    for kind in ("verified", "proved"):
        cert = honest[kind]
        for key, val in (("n_max", 1), ("n_max", 0), ("n_max", -5), ("n_max", 4), ("codes", ["0", "1"]),
                         ("codes", ["0", "1", "1", "5/2"]), ("b2_values", ["-1", "0"]), ("W2_values", []),
                         ("W2_values", ["-1", "0", "1", "2"])):
            bad = copy.deepcopy(cert)
            bad["scope"][key] = val
            assert not _ok(bad), (kind, key, val)
        bad = copy.deepcopy(cert)
        bad["evidence"]["checked"] += 1
        assert not _ok(bad)
    huge = copy.deepcopy(honest["verified"])
    huge["scope"].update(n_max=8, codes=list(range(8)), W2_values=list(range(10)), b2_values=list(range(10)))
    assert "at most" in recheck(huge)[1]  # bounded: refused before enumerating


def test_proved_argument_must_be_the_specification_s(honest):
    cert = honest["proved"]
    assert [s["id"] for s in cert["argument"]] == ["affine3", "same_k", "constants", "minors"]
    for change in (lambda a: a[:-1], lambda a: a + [{"id": "extra", "checker": "sympy"}],
                   lambda a: [{**a[0], "checker": "sympy"}] + a[1:], lambda a: a[::-1], lambda a: None):
        bad = copy.deepcopy(cert)
        bad["argument"] = change(bad["argument"])
        assert not _ok(bad)


def test_negative_control_the_enumeration_finds_the_literal_failures():
    cert = c1._exhaustive_certificate("criterion/exhaustive", SMALL, {"instances": 0})
    with pytest.raises(Invalid, match="refutes literal/sufficiency"):
        S._exhaustive(Cert(cert), "literal", ("sufficiency",))
    assert S._exhaustive(Cert(cert), "shared_k", ("necessity",)) > 0


def test_negative_control_the_identities_are_not_vacuous():
    v = S._vars(("z1", "z2", "w1", "w2", "b1", "b2"))
    affine2 = [[v["w%d" % j] * v["z%d" % i] + v["b%d" % j] for j in (1, 2)] for i in (1, 2)]
    assert not S._det(affine2).is_zero()  # two affine columns are independent in general
    assert S._det([[F(1), F(2)], [F(3), F(4)]]) == -2


@given(a2_instances(max_n=6))
def test_the_kernel_s_statement_agrees_with_the_claim_module(x):
    ev = evaluate_a2(x, crosscheck=False)
    z, w, b = list(x.z), list(x.W2), list(x.b2)
    for reading in c1.READINGS:
        assert S._judge(reading, z, w, b) == (c1.condition(reading, ev), ev.full_rank), reading


def test_stand_alone_kernel_reads_the_certificates(honest, tmp_path):
    paths = []
    for kind, cert in honest.items():
        p = tmp_path / f"{kind}.json"
        p.write_text(json.dumps(cert))
        paths.append(str(p))
    out = subprocess.run([sys.executable, "-I", "-S", str(ROOT / "proofs" / "kernel"), *paths],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    bad = dict(honest["refuted"], variant="literal/necessity")
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    out = subprocess.run([sys.executable, "-I", "-S", str(ROOT / "proofs" / "kernel"), str(tmp_path / "bad.json")],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1 and "not a counterexample" in out.stderr
