"""001-C1: the kernel rebuilds A2, its rank and each reading's condition, and rejects every relabelling."""

import copy
import json
import subprocess
import sys
from fractions import Fraction as F
from math import comb
from pathlib import Path

from random import Random

import pytest
from honest_certificates import honest as cached
from hypothesis import given
from hypothesis import strategies as st

from proofs.claims.p001 import conjecture_c1 as c1
from proofs.kernel import recheck
from proofs.kernel.core import Invalid
from proofs.kernel.framework import Cert
from proofs.kernel.specs import p001_c1 as S
from proofs.methods.search import A2Instance, a2_instances, evaluate_a2, random_a2_instance

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


def _build_honest():
    """One honest certificate of each kind (small budgets and scope)."""
    vs = {"refuted": c1.search("literal", "sufficiency", max_examples=50, seed=0),
          "inconclusive": c1.search("criterion", "sufficiency", max_examples=20, seed=0),
          "proved": c1.search("shared_k", "necessity", max_examples=20, seed=0, scope=SMALL),
          "verified": c1.exhaustive_verdict(SMALL)}
    for status, v in vs.items():
        assert v.status.value == status, (status, v.status)
    return {k: v.certificate for k, v in vs.items()}


@pytest.fixture(scope="module")
def honest():
    return cached("p001_c1", _build_honest)


def test_honest_certificates_are_accepted(honest):
    for status, cert in honest.items():
        assert recheck(cert)[0], (status, recheck(cert))
        json.dumps(cert)
    assert honest["proved"]["evidence"] == {"checked": c1.exhaustive(("shared_k",), *SMALL)["readings"]["shared_k"]["instances"]}
    ev = honest["inconclusive"]["evidence"]
    assert ev["property"] == "criterion/sufficiency" and ev["searched"] == len(ev["instances"]) > 0
    assert ev["not_listed"] == 0


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


def _inconclusive(variant, listed, searched=None, max_n=4, max_height=6):
    findings = {"instances": len(listed) if searched is None else searched, "listed": [c1._instance_json(x) for x in listed]}
    return c1._search_certificate(variant, None, findings, {"max_n": max_n, "max_height": max_height,
                                                            "engine": "hypothesis", "seed": 0, "workers": 1,
                                                            "max_examples": 50})


def test_inconclusive_instances_and_counts_are_rechecked():
    assert _ok(_inconclusive("literal/sufficiency", [OPPOSITE_SAME_K, inst([2], [1], [-1])]))
    assert not _ok(_inconclusive("literal/sufficiency", [OPPOSITE_SAME_K, THREE_AFFINE]))  # a counterexample listed
    assert not _ok(_inconclusive("literal/necessity", [OPPOSITE_SAME_K]))
    assert _ok(_inconclusive("literal/necessity", []))                               # nothing searched: a true record
    cert = _inconclusive("literal/sufficiency", [OPPOSITE_SAME_K] * 3)
    for key, val in (("searched", 2), ("searched", 4), ("not_listed", 1), ("not_listed", -1)):
        bad = copy.deepcopy(cert)
        bad["evidence"][key] = val
        assert not _ok(bad), (key, val)
    bad = copy.deepcopy(cert)                                 # more searched than listed, though far fewer than the cap
    bad["evidence"].update(searched=10, not_listed=7)
    assert not _ok(bad)
    with pytest.raises(RuntimeError):                         # the claim module never writes such a record
        _inconclusive("literal/sufficiency", [OPPOSITE_SAME_K], searched=5)
    cert = _inconclusive("literal/sufficiency", [OPPOSITE_SAME_K])
    cert["scope"]["max_n"] = 1                                                   # the instance lies outside the scope
    assert not _ok(cert)
    for key, val in (("property", "criterion/sufficiency"), ("engine", "guess"), ("workers", 0), ("seed", "0"),
                     ("instances", [{"z": ["1"], "W2": ["1"]}]), ("instances", {"z": ["1"]})):
        cert = _inconclusive("literal/sufficiency", [])
        cert["evidence"][key] = val
        assert not _ok(cert), key


# -- the search record states its scope: every instance drawn is listed and lies in it -------------
H = 6   # the search's default max_height


def _drawable(x, h):
    return S._drawable(list(x.z), list(x.W2), list(x.b2), h)


def test_the_generator_s_bound_is_exactly_stated():
    # codes: 1..n, or z_1 of height <= h then positive increments of height <= h
    assert _drawable(inst([1, 2, 3], [1, 1, 1], [0, 0, 0]), 1)
    assert _drawable(inst(["-1/6", 0, "5/6"], [1, 1, 1], [0, 0, 0]), 6)
    assert not _drawable(inst(["-1/6", 0, "5/6"], [1, 1, 1], [0, 0, 0]), 5)
    assert not _drawable(inst([0, "1/7"], [1, 1], [0, 0]), 6)                    # an increment of height 7
    assert not _drawable(inst([2, 1], [1, 1], [0, 0]), 6)                        # not drawn increasing
    assert _drawable(inst(["6/5"], [1], [0]), 6) and not _drawable(inst(["7/5"], [1], [0]), 6)
    # weights: height <= h; biases: height <= h or a degenerate column's b2 = W2 k
    assert not _drawable(inst([1], ["7"], [0]), 6) and not _drawable(inst([1], ["1/7"], [0]), 6)
    assert _drawable(inst(["5/6", "11/6"], ["5/6", "5/6"], ["-25/36", "-10/9"]), 6)  # k = -z_1; k = -(z_1 + z_2)/2
    assert not _drawable(inst(["5/6", "11/6"], ["5/6", "5/6"], ["-25/36", "-11/6"]), 6)
    assert _drawable(inst([1, 2], ["1/2", "6/5"], ["3", "36/5"]), 6)           # k_2 = k_1 = 6 (a copied ratio)
    assert not _drawable(inst([1, 2], ["1/2", "6/5"], ["3", "37/5"]), 6)
    assert not _drawable(inst([1, 2], ["6/5", "1/2"], ["36/5", "3"]), 6)        # only an earlier column's k counts
    assert not _drawable(inst([1], [0], ["7"]), 6)                               # W2 = 0: b2 is drawn freely


@given(st.integers(1, 8), st.integers(1, 7), st.data())
def test_every_instance_the_search_draws_lies_in_the_stated_bound(max_n, h, data):
    x = data.draw(a2_instances(max_n=max_n, max_height=h))
    assert x.n <= max_n and _drawable(x, h)


def test_every_instance_the_random_engine_draws_lies_in_the_stated_bound():
    rng, tighter = Random(0), 0
    for h in (1, 2, 3, 6):
        for _ in range(3000):
            x = random_a2_instance(rng, max_n=8, max_height=h)
            assert _drawable(x, h), (h, x)
            tighter += h > 1 and not _drawable(x, h - 1)
    assert tighter > 3000    # negative control: the bound is not vacuous


@pytest.fixture(scope="module")
def searched():
    """The inconclusive certificates of `proofcheck run 001-C1` (its default budget)."""
    return cached("p001_c1 searched", lambda: {
        d: c1.search("criterion", d, max_examples=120, batch=24, seconds=60, seed=0, shrink_seconds=5,
                     scope=SMALL).certificate for d in c1.DIRECTIONS})


@pytest.mark.parametrize("direction", c1.DIRECTIONS)
def test_inconclusive_search_with_a_shrunk_scope_is_rejected(searched, direction):
    cert = searched[direction]
    assert cert["status"] == "inconclusive" and cert["scope"] == {"max_n": 8, "max_height": H}
    assert _ok(cert), recheck(cert)
    ev = cert["evidence"]
    assert ev["searched"] == len(ev["instances"]) > 100 and ev["not_listed"] == 0
    for key, val in (("max_n", 4), ("max_height", 3), ("max_n", 7), ("max_height", 5), ("max_n", 1),
                     ("max_height", 1)):
        bad = copy.deepcopy(cert)
        bad["scope"][key] = val
        ok, msg = recheck(bad)
        assert not ok and ("entries" in msg or "not drawn with" in msg), (key, val, msg)
    for key, val in (("searched", ev["searched"] + 1), ("searched", 6), ("not_listed", 1)):
        assert not _ok({**cert, "evidence": {**ev, key: val}}), key
    assert not _ok({**cert, "evidence": {**ev, "instances": ev["instances"][:6]}})   # the pre-fix sample form
    x = A2Instance.from_json(ev["instances"][0])
    big = c1._instance_json(A2Instance(x.z, (F(7),) + x.W2[1:], x.b2))               # a weight of height 7
    assert not _ok({**cert, "evidence": {**ev, "instances": [big] + ev["instances"][1:]}})


@pytest.mark.parametrize("variant", VARIANTS[:-1])
def test_every_search_variant_s_record_is_checked(variant):
    rng = Random(VARIANTS.index(variant))
    draws = [random_a2_instance(rng, max_n=8, max_height=H) for _ in range(400)]
    listed = [x for x in draws if not _refutes(variant, x)]
    cert = _inconclusive(variant, listed, max_n=8)
    assert _ok(cert), recheck(cert)
    for key, val in (("max_n", 4), ("max_height", 3)):
        assert not _ok({**cert, "scope": {**cert["scope"], key: val}}), (variant, key)
    bad = [x for x in draws if _refutes(variant, x)]
    if bad:
        assert not _ok(_inconclusive(variant, listed + bad[:1], max_n=8))


def test_a_long_search_lists_its_first_instances_and_counts_the_others(monkeypatch):
    assert S._LISTED == c1.LISTED == 20_000
    monkeypatch.setattr(S, "_LISTED", 40)
    monkeypatch.setattr(c1, "LISTED", 40)
    monkeypatch.setattr(c1, "_LIMITS", {"listed": 40})
    for workers in (1, 2):
        v = c1.search("criterion", "necessity", max_examples=150, engine="random", seed=3, workers=workers)
        cert = v.certificate
        ev = cert["evidence"]
        assert v.status.value == "inconclusive" and ev["searched"] == 150 and len(ev["instances"]) == 40
        assert ev["not_listed"] == 110 and _ok(cert), recheck(cert)
        assert not _ok({**cert, "evidence": {**ev, "instances": ev["instances"][:39], "not_listed": 111}})
        assert not _ok({**cert, "scope": {**cert["scope"], "max_height": 3}})
    again = c1.search("criterion", "necessity", max_examples=150, engine="random", seed=3, workers=2)
    assert again.certificate == cert   # the workers' lists are joined in worker order: reproducible


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


# -- every check at its bound, and every rejection at the check that must make it ------------------
NOTHING = inst([1], [1], [0])   # A2 = [1]: full rank, every reading's condition holds: refutes no variant


def _why(cert):
    ok, msg = recheck(json.loads(json.dumps(cert)))
    assert not ok, msg
    return msg


@pytest.mark.parametrize("variant", VARIANTS[:-1])
def test_a_false_refutation_is_rejected_naming_its_reading_and_direction(variant):
    cert = c1._counterexample_certificate(variant, NOTHING)
    assert _why(cert) == "z=['1'] W2=['1'] b2=['0'] is not a counterexample to %s" % variant
    assert _why(c1._counterexample_certificate("criterion/exhaustive", NOTHING)) == \
        "z=['1'] W2=['1'] b2=['0']: C* and full rank agree (both True)"


@pytest.mark.parametrize("x", KNOWN + [inst([3, 1, 2], [1, 1, 1], [-1, 0, "-5/2"])])
def test_a_false_refutation_of_the_criterion_is_rejected_at_the_comparison(x):
    # C* is equivalent to full rank (docs/claims-001-C1.md, part 5): no instance refutes it
    ev = evaluate_a2(x, crosscheck=False)
    assert _why(c1._counterexample_certificate("criterion/exhaustive", x)) == "%s: C* and full rank agree (both %s)" % (
        S._instance_text(list(x.z), list(x.W2), list(x.b2)), ev.full_rank)


def test_the_criterion_sorts_the_codes():
    # A2 is full rank and C* holds; the codes listed in any order still satisfy C* (sorted first)
    x = inst([2, 3, 1], [2, -1, "-2/3"], [-3, 2, 2])
    for order in ([0, 1, 2], [1, 2, 0], [2, 0, 1], [0, 2, 1], [2, 1, 0]):
        z = [x.z[i] for i in order]
        assert S._judge("criterion", z, list(x.W2), list(x.b2)) == (True, True), order
        y = A2Instance(tuple(z), x.W2, x.b2)
        assert _why(c1._counterexample_certificate("criterion/necessity", y)).endswith(
            "is not a counterexample to criterion/necessity")


def test_the_refuted_instance_has_at_least_one_code():
    cert = c1._counterexample_certificate("literal/sufficiency", THREE_AFFINE)
    cert["evidence"].update(z=[], W2=[], b2=[])
    assert _why(cert) == "evidence.z: 0 entries (expected 1..64)"
    cert["evidence"].update(z=[str(i) for i in range(65)], W2=["1"] * 65, b2=["0"] * 65)
    assert _why(cert) == "evidence.z: 65 entries (expected 1..64)"


def _record(variant="literal/necessity", listed=(), **changes):
    cert = _inconclusive(variant, list(listed))
    for key, val in changes.items():
        (cert["scope"] if key in ("max_n", "max_height") else cert["evidence"])[key] = val
    return cert


def test_the_search_record_s_numbers_are_read_at_their_bounds():
    for key, good, bad, why in (
            ("max_n", 64, 65, "scope.max_n: 65 is outside [1, 64]"), ("max_n", 1, 0, "scope.max_n: 0 is outside [1, 64]"),
            ("max_height", 1, 0, "scope.max_height: 0 is outside [1, "),
            ("seed", 2 ** 63, 2 ** 63 + 1, "evidence.seed: %d is outside" % (2 ** 63 + 1)),
            ("seed", -2 ** 63, -2 ** 63 - 1, "evidence.seed: %d is outside" % (-2 ** 63 - 1)),
            ("workers", 1, 0, "evidence.workers: 0 is outside"),
            ("max_examples", 1, 0, "evidence.max_examples: 0 is outside"),
            ("max_examples", 1, -1, "evidence.max_examples: -1 is outside")):
        assert _ok(_record(**{key: good})), (key, good, recheck(_record(**{key: good})))
        assert _why(_record(**{key: bad})).startswith(why), (key, bad, _why(_record(**{key: bad})))
    assert _ok(_record(max_examples=2 ** 70, seed=12345))
    for engine in ("hypothesis", "random", "batch"):
        assert _ok(_record(engine=engine)), engine
    assert _why(_record(engine="Batch")).startswith("evidence.engine: 'Batch' is not one of hypothesis, random, batch")


def test_the_search_lists_at_most_its_cap(monkeypatch):
    monkeypatch.setattr(S, "_LISTED", 3)
    cert = _record("literal/sufficiency", [OPPOSITE_SAME_K] * 3, searched=5, not_listed=2)
    assert _ok(cert), recheck(cert)
    cert = _record("literal/sufficiency", [OPPOSITE_SAME_K] * 4)
    assert _why(cert) == "evidence.instances: 4 entries (expected 0..3)"


# -- the exhaustive scope --------------------------------------------------------------------------
def _verified(n_max, codes, ws, bs, count=None):
    scope = {"n_max": n_max, "codes": [str(v) for v in codes], "W2_values": [str(v) for v in ws],
             "b2_values": [str(v) for v in bs]}
    if count is None:
        cols = len(ws) * len(bs)
        count = sum(comb(len(codes), n) * comb(cols + n - 1, n) for n in range(1, n_max + 1))
    return {"format": "relu-proofcheck-certificate", "version": 2, "claim": "001-C1", "variant": "criterion/exhaustive",
            "status": "verified", "scope": scope, "evidence": {"checked": count}}


def test_the_exhaustive_scope_is_read_at_its_bounds():
    assert _ok(_verified(1, [0, 1], [1], [0]))                       # n_max = 1, one weight, one bias
    assert _ok(_verified(2, [0, 1], [1, -1], [0]))                   # n_max = the number of codes
    assert _ok(_verified(1, [0], [1], [0], 1))                        # one code
    assert _why(_verified(3, [0, 1], [1, -1], [0], 10)) == "scope.n_max: 3 is outside [1, 2]"
    assert _why(_verified(0, [0, 1], [1], [0], 0)) == "scope.n_max: 0 is outside [1, 2]"
    for key, vals in (("codes", ["0", "1", "1"]), ("W2_values", []), ("b2_values", ["0", "0"])):
        cert = _verified(1, [0, 1, 2], [1], [0])
        cert["scope"][key] = vals
        assert _why(cert) == "scope.%s: one or more distinct values" % key, key


def test_the_exhaustive_scope_is_bounded_before_it_is_enumerated(monkeypatch):
    ws, bs = list(range(600)), list(range(-300, 300))
    total = sum(comb(3, n) * comb(360000 + n - 1, n) for n in (1, 2, 3))
    assert _why(_verified(3, [0, 1, 2], ws, bs, 1)) == \
        "the scope has %d instances (the kernel enumerates at most 1000000)" % total
    cert = _verified(2, [0, 1, "5/2"], [-1, 0, 1], [-1, 0, 1])
    count = cert["evidence"]["checked"]
    monkeypatch.setattr(S, "_MAX_INSTANCES", count)
    assert _ok(cert)                                                  # exactly at the bound
    monkeypatch.setattr(S, "_MAX_INSTANCES", count - 1)
    assert _why(cert) == "the scope has %d instances (the kernel enumerates at most %d)" % (count, count - 1)


def test_the_exhaustive_check_tests_both_directions(monkeypatch):
    # with a C* wrong in one direction, the enumeration finds it: both directions are checked
    cert = _verified(1, [0, 1], [0, 1], [-1, 0])
    monkeypatch.setattr(S, "_criterion", lambda z, w, b, a: True)
    assert _why(cert) == "z=['0'] W2=['0'] b2=['-1'] refutes criterion/sufficiency"
    monkeypatch.setattr(S, "_criterion", lambda z, w, b, a: False)
    assert _why(cert) == "z=['1'] W2=['1'] b2=['0'] refutes criterion/necessity"


def test_the_enumeration_pairs_each_weight_with_each_bias():
    cert = c1._exhaustive_certificate("criterion/exhaustive", (1, (F(1),), (F(2),), (F(-2),)), {"instances": 1})
    with pytest.raises(Invalid) as e:
        S._exhaustive(Cert(cert), "literal", ("sufficiency",))  # A2 = [ReLU(2 - 2)] = [0]
    assert str(e.value) == "z=['1'] W2=['2'] b2=['-2'] refutes literal/sufficiency"
    cert = c1._exhaustive_certificate("criterion/exhaustive", (1, (F(1),), (F(-2),), (F(2),)), {"instances": 1})
    with pytest.raises(Invalid) as e:
        S._exhaustive(Cert(cert), "literal", ("sufficiency",))
    assert str(e.value) == "z=['1'] W2=['-2'] b2=['2'] refutes literal/sufficiency"
    assert S._exhaustive(Cert(cert), "literal", ("necessity",)) == 1


def test_the_shared_k_proof_names_a_failing_identity(monkeypatch, honest):
    real = S._det
    for k, name in enumerate(("affine3", "same_k", "constants")):
        state = {"depth": 0, "top": 0}

        def broken(m, k=k, state=state):
            if state["depth"] == 0:
                state["top"] += 1
                if state["top"] == k + 1:
                    return m[0][0]        # a non-zero polynomial for this identity only
            state["depth"] += 1
            try:
                return real(m)
            finally:
                state["depth"] -= 1
        monkeypatch.setattr(S, "_det", broken)
        assert _why(honest["proved"]) == "the %s determinant is not identically 0" % name
    monkeypatch.setattr(S, "_det", real)
    monkeypatch.setattr(S, "_condition", lambda *a: False)  # every full-rank instance then refutes necessity
    assert _why(honest["proved"]).endswith("refutes shared_k/necessity")


# -- C* for every n: proved ------------------------------------------------------------------------------
def _criterion_proved():
    return cached("p001_c1 criterion proved", lambda: {
        d: c1.prove_criterion(c1.search("criterion", d, max_examples=20, seed=0), d, SMALL).certificate
        for d in c1.DIRECTIONS})


def test_criterion_proved_certificates():
    certs = _criterion_proved()
    for d, cert in certs.items():
        assert cert["status"] == "proved" and [(s["id"], s["checker"]) for s in cert["argument"]] == c1.CRITERION_STEPS
        assert _ok(cert), recheck(cert)
        for status in ("verified", "refuted", "inconclusive"):
            assert not _ok({**{k: v for k, v in cert.items() if k != "argument"}, "status": status}), status
        for variant in VARIANTS:                       # relabelled: shared_k/necessity's proof is another one
            if variant not in ("criterion/sufficiency", "criterion/necessity"):
                assert not _ok({**cert, "variant": variant}), variant
        assert not _ok({**cert, "claim": "001-C2"}) and not _ok({**cert, "claim": "001-L4"})
        shrunk = copy.deepcopy(cert)                   # a code fewer: the count no longer matches
        shrunk["scope"]["codes"] = shrunk["scope"]["codes"][:-1]
        shrunk["scope"]["n_max"] = min(shrunk["scope"]["n_max"], len(shrunk["scope"]["codes"]))
        assert "the kernel enumerated" in recheck(shrunk)[1]
        for k in range(len(cert["argument"])):
            bad = copy.deepcopy(cert)
            bad["argument"][k]["checker"] = "kernel" if bad["argument"][k]["checker"] != "kernel" else "sympy"
            assert not _ok(bad), k


def test_criterion_hat_identity_fails_for_a_wrong_scale(monkeypatch):
    """Negative control of the kernel's step "hat": with W instead of |W| (a column of W < 0 read as
    ReLU(|W| (z - t))), the identity fails and the proof is refused."""
    cert = _criterion_proved()["sufficiency"]
    monkeypatch.setattr(S, "_POSITIONS", S._POSITIONS + (("-r", "s", "s + q"),))
    assert _ok(cert)                                   # a repeated position changes nothing
    real = S._hat_poly
    monkeypatch.setattr(S, "_hat_poly", lambda text: real("u") * real("u") if text == "u" else real(text))
    ok, why = recheck(cert)
    assert not ok and "is not |W| B_m(t)" in why, why


def test_criterion_without_c_control():
    from proofs.certificates import certificate

    good = certificate("001-C1", "refuted", variant="criterion without (c)/sufficiency", scope={},
                       evidence={"z": [0, 1], "W2": [0, 0], "b2": [1, 1]})
    assert _ok(good), recheck(good)
    for ev, why in (({"z": [0, 1], "W2": [0, 1], "b2": [1, 1]}, "non-singular"),          # rank 2
                    ({"z": [0, 1, 2], "W2": [0, 0, 0], "b2": [1, 1, 1]}, "(b) fails"),     # no breakpoint in (0, 2)
                    ({"z": [1], "W2": [0], "b2": [0]}, "(b) fails or n = 1")):
        ok, msg = recheck({**good, "evidence": ev})
        assert not ok and why in msg, msg
    assert not _ok({**good, "variant": "criterion/sufficiency"})    # C* itself fails there: (c) is 0


def test_criterion_proved_names_its_own_direction():
    """One proof, two statements: each proved certificate names its direction, and a certificate of one
    direction relabelled to the other (or naming the other) is rejected at that field."""
    certs = _criterion_proved()
    for d, other in (("sufficiency", "necessity"), ("necessity", "sufficiency")):
        cert = certs[d]
        assert cert["evidence"]["direction"] == d and _ok(cert)
        bad = copy.deepcopy(cert)
        bad["evidence"]["direction"] = other
        ok, why = recheck(bad)
        assert not ok and "evidence.direction" in why, why
        ok, why = recheck({**cert, "variant": "criterion/" + other})
        assert not ok and "evidence.direction" in why, why
        bad = copy.deepcopy(cert)
        del bad["evidence"]["direction"]
        assert not _ok(bad)


def test_hat_poly_divides_by_the_constant_denominator():
    from proofs.kernel import core as K

    half = K.Poly.const(F(1, 2), S._HAT)
    assert (S._hat_poly("p / 2") - S._hat_poly("p") * half).is_zero()
    assert (S._hat_poly("(r + p) / -4") + S._hat_poly("r + p") * half * half).is_zero()
    with pytest.raises(K.Invalid, match="is not a polynomial"):
        S._hat_poly("1 / p")


@pytest.mark.parametrize("offsets", [("0", "0", "q"), ("-p", "0", "0"), ("0", "-p", "q"), ("-p", "0", "-q")])
def test_criterion_hat_identity_refuses_nodes_that_do_not_increase(monkeypatch, offsets):
    """Negative control of the step "hat": a position whose nodes z_{m-1}, z_m, z_{m+1} are not increasing
    (a zero or a negative gap on either side) is refused before any slope is divided by its gap."""
    cert = _criterion_proved()["sufficiency"]
    monkeypatch.setattr(S, "_POSITIONS", S._POSITIONS + (offsets,))
    ok, why = recheck(cert)
    assert not ok and why.endswith("the nodes are not increasing"), why


@pytest.mark.parametrize("z, w, b, why", [
    ([0, 1, 2], [1, 1, 1], [0, 0, 0], "breakpoint t = z_1, not inside (z_1, z_3)"),
    ([0, 1, 2], [1, 1, 1], [-2, -2, -2], "breakpoint t = z_3, not inside (z_1, z_3)"),
    ([0, 1, 2, 3, 4], [1, 1, 0, 0, 0], ["-1/2", "-5/2", 0, 0, 0], "two breakpoints for three slots (one would be used twice)"),
    ([2, 0, 1], [1, 1, 1], [0, 0, 0], "unsorted codes, breakpoint at the smallest"),
])
def test_criterion_without_c_needs_strict_interlacing(z, w, b, why):
    """The control's refutation needs (b) itself: A2 is singular in each of these instances, but (b) fails
    (a breakpoint on a code, or too few breakpoints), so none refutes 'the interlacing alone suffices'."""
    from proofs.certificates import certificate

    assert _rank_a2(z, w, b) < len(z)
    cert = certificate("001-C1", "refuted", variant="criterion without (c)/sufficiency", scope={},
                       evidence={"z": z, "W2": w, "b2": [str(v) for v in b]})
    ok, msg = recheck(cert)
    assert not ok and msg.endswith("(b) fails or n = 1"), (why, msg)
    # moved inside, each breakpoint interlaces and A2 stays singular: a refutation
    if len(z) == 3 and sorted(z) == z:
        good = {**cert, "evidence": {"z": z, "W2": w, "b2": ["-1/2"] * 3}}
        assert _rank_a2(z, w, [F(-1, 2)] * 3) < 3 and _ok(good), recheck(good)


def _rank_a2(z, w, b):
    from proofs.kernel import core as K

    return K.rank(S._a2([F(v) for v in z], [F(v) for v in w], [F(v) for v in b]))
