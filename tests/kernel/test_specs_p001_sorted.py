"""001-L4 [sufficiency], 001-P2, 001-H4 (the sorted-codes layer 2): honest certificates accepted, every
relabelling and tampering rejected, and the kernel's sign argument rejects broken constructions."""

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from honest_certificates import honest as cached

from proofs.claims.p001 import bias_l4, proposition_p2, random_encoder_h4
from proofs.kernel import recheck
from proofs.kernel.core import Invalid
from proofs.kernel.framework import SPECS
from proofs.kernel.specs import p001_sorted as S

STATUSES = ("proved", "verified", "refuted", "inconclusive")
ROOT = Path(__file__).resolve().parents[2]


def _build():
    l4 = bias_l4.check(n_max=5, samples=1)
    vs = [l4[1], l4[2], *proposition_p2.check(n_max=4, samples=1),
          *random_encoder_h4.check(n_max=4, samples=1, rank_n_max=10)]
    return {v.label: v.certificate for v in vs}


@pytest.fixture(scope="module")
def certs():
    return cached("p001_sorted", _build)


EXPECTED = {"001-L4 [sufficiency]": "proved", "001-L4 [sufficiency, repeated codes]": "refuted",
            "001-P2": "proved", "001-P2 [repeated codes]": "refuted",
            "001-H4": "proved", "001-H4 [repeated codes]": "refuted"}
PROVED = [k for k, v in EXPECTED.items() if v == "proved"]


def _ok(cert):
    return recheck(json.loads(json.dumps(cert)))[0]


def test_honest_certificates_accepted(certs):
    assert {k: c["status"] for k, c in certs.items()} == EXPECTED
    for label, cert in certs.items():
        assert recheck(cert)[0], (label, recheck(cert))


def test_the_file_specifies_exactly_these():
    mine = {k for k, v in SPECS.items() if v[0].__module__ == S.__name__}
    assert mine == {("001-L4", "sufficiency"), ("001-L4", "sufficiency, repeated codes"), ("001-P2", None),
                    ("001-P2", "repeated codes"), ("001-H4", None), ("001-H4", "repeated codes")}


@pytest.mark.parametrize("label", sorted(EXPECTED))
def test_every_status_relabel_rejected(certs, label):
    for status in STATUSES + ("bogus",):
        cert = copy.deepcopy(certs[label])
        if status == cert["status"]:
            continue
        cert["status"] = status
        assert not _ok(cert), status
        cert.pop("argument", None)
        assert not _ok(cert), status
        if status == "proved":
            cert["argument"] = [{"id": "order", "checker": "kernel"}]
            assert not _ok(cert)


@pytest.mark.parametrize("label", sorted(EXPECTED))
def test_claim_and_variant_relabels_rejected(certs, label):
    cert0 = certs[label]
    targets = {(c["claim"], c["variant"]) for c in certs.values()} | {
        ("001-H1", "any U3 of form (1)"), ("001-L4", "necessity (n >= 3)"), ("001-L4", "literal"),
        ("001-Co1", "orbit"), ("001-L4", None), ("NOPE", None)}
    for claim, variant in targets:
        if (claim, variant) == (cert0["claim"], cert0["variant"]):
            continue
        assert not _ok({**cert0, "claim": claim, "variant": variant}), (claim, variant)


@pytest.mark.parametrize("label", sorted(EXPECTED))
def test_extra_and_dropped_keys_rejected(certs, label):
    for part in ("scope", "evidence"):
        cert = copy.deepcopy(certs[label])
        cert[part]["note"] = 1
        assert not _ok(cert), part
        for key in certs[label][part]:
            cert = copy.deepcopy(certs[label])
            del cert[part][key]
            assert not _ok(cert), (part, key)


@pytest.mark.parametrize("label", PROVED)
def test_argument_and_count_changes_rejected(certs, label):
    cert = copy.deepcopy(certs[label])
    assert [s["id"] for s in cert["argument"]][:3] == ["order", "signs", "invertible"]
    for k in range(len(cert["argument"])):
        bad = copy.deepcopy(cert)
        del bad["argument"][k]
        assert not _ok(bad), k
        bad = copy.deepcopy(cert)
        bad["argument"][k]["checker"] = "sympy"
        assert not _ok(bad), k
    bad = copy.deepcopy(cert)
    bad["argument"].append({"id": "extra", "checker": "kernel"})
    assert not _ok(bad)
    for d in (-1, 1):
        bad = copy.deepcopy(cert)
        bad["evidence"]["checked"] += d
        assert not _ok(bad), d
    bad = copy.deepcopy(cert)
    bad["scope"]["n_max"] = 6                    # beyond the kernel's bound
    assert not _ok(bad)
    bad = copy.deepcopy(cert)
    bad["scope"]["n_max"] = 3                    # a smaller finite part: the count no longer matches
    assert not _ok(bad)


def test_amplitude_changes(certs):
    for label in ("001-P2", "001-H4", "001-P2 [repeated codes]", "001-H4 [repeated codes]"):
        for amp in (0, "-1", 1.5, "x"):
            bad = copy.deepcopy(certs[label])
            bad["scope"]["amplitude"] = amp
            assert not _ok(bad), (label, amp)
        good = copy.deepcopy(certs[label])
        good["scope"]["amplitude"] = "3/2"       # every step holds for any C > 0
        assert _ok(good), label


def test_repeated_codes_counterexamples(certs):
    for label, bad_evidence, good_evidence in (
            ("001-L4 [sufficiency, repeated codes]", [{"n": 2, "codes": [1, 2, 3]}, {"n": 2, "codes": [1, 1, 2]},
                                                     {"n": 2, "codes": [1, 1]}], {"n": 4, "codes": [0, 0, 1, 1, 2]}),
            ("001-P2 [repeated codes]", [{"n": 2, "codes": [1, 2]}, {"n": 2, "codes": [1, 1, 1]},
                                         {"n": 1, "codes": [1]}], {"n": 3, "codes": [5, 2, 5]}),
            ("001-H4 [repeated codes]", [{"n": 1, "codes": [1, 2]}, {"n": 2, "codes": [1, 1]}],
             {"n": 2, "codes": [0, 3, 3]})):
        for ev in bad_evidence:
            assert not _ok({**certs[label], "evidence": ev}), (label, ev)
        assert _ok({**certs[label], "evidence": good_evidence}), label


def _cert_like():
    class C:
        def require(self, cond, msg):
            if not cond:
                raise Invalid(msg)
    return C()


def test_sign_argument_holds_and_rejects_broken_templates(monkeypatch):
    S._sorted_signs(_cert_like())
    S._sorted_signs(_cert_like(), with_zero=False)
    # a threshold on the wrong side of z0 (t = z0 - s T): the zero signal's row is no longer 0
    monkeypatch.setattr(S, "_pre", lambda s, code: "(%d) * (%s) + (-(%d) * (z0 - (%d) * T))" % (s, code, s, s))
    with pytest.raises(Invalid):
        S._sorted_signs(_cert_like())
    # no bias (b2 = 0): the pre-activation keeps z0, whose sign is unknown
    monkeypatch.setattr(S, "_pre", lambda s, code: "(%d) * (%s)" % (s, code))
    with pytest.raises(Invalid):
        S._sorted_signs(_cert_like(), with_zero=False)
    # a zero gap (g = 0 allowed, i.e. equal codes): the diagonal is m, not g + m
    monkeypatch.setattr(S, "_pre", lambda s, code: "(%d) * (%s) + (-(%d) * (z0 + (%d) * (T + g)))" % (s, code, s, s))
    with pytest.raises(Invalid):
        S._sorted_signs(_cert_like(), with_zero=False)


def test_relu_of_refuses_a_sign_less_variable():
    with pytest.raises(Invalid):
        S._relu_of("z0 + g")
    assert S._relu_of("z0 + g - z0").terms


def test_bare_interpreter_accepts_the_group(certs, tmp_path):
    files = []
    for k, cert in enumerate(certs.values()):
        f = tmp_path / f"c{k}.json"
        f.write_text(json.dumps(cert))
        files.append(str(f))
    r = subprocess.run([sys.executable, "-I", "-S", str(ROOT / "proofs" / "kernel"), *files],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


# -- boundaries of the scopes (each rejection asserted at the reader or check that must make it) --------
def _with_scope(cert, **scope):
    """The certificate with a changed scope and the count the kernel enumerates for it (read from the
    kernel's own answer to a count of 0)."""
    bad = copy.deepcopy(cert)
    bad["scope"].update(scope)
    bad["evidence"]["checked"] = 0
    ok, why = recheck(bad)
    if not ok and why.startswith("the kernel enumerated "):
        bad["evidence"]["checked"] = int(why.split()[3])
    return bad


@pytest.mark.parametrize("label", PROVED)
def test_n_max_limits(certs, label):
    cert = certs[label]
    one = _with_scope(cert, n_max=1)
    assert recheck(one)[0], recheck(one)                         # the smallest scope is a scope
    for bad_n in (0, 6):
        ok, why = recheck(_with_scope(cert, n_max=bad_n))
        assert not ok and why.startswith("scope.n_max: %d is outside [1, 5]" % bad_n), why


@pytest.mark.parametrize("label", ["001-P2", "001-H4", "001-P2 [repeated codes]", "001-H4 [repeated codes]"])
def test_the_amplitude_must_be_positive(certs, label):
    for amp in (0, -1):
        bad = copy.deepcopy(certs[label])
        bad["scope"]["amplitude"] = amp
        ok, why = recheck(bad)
        assert not ok and why == "the amplitude C must be positive", why


@pytest.mark.parametrize("label", ["001-P2 [repeated codes]", "001-H4 [repeated codes]"])
def test_repeated_codes_n_limits(certs, label):
    cert = certs[label]
    for n in (0, 201):
        bad = copy.deepcopy(cert)
        bad["evidence"]["n"] = n
        ok, why = recheck(bad)
        assert not ok and why.startswith("evidence.n: %d is outside [1, 200]" % n), why


def test_sign_argument_checks_both_blocks_and_both_zero_parts(monkeypatch):
    """Templates broken in one place only: the s = -1 block alone, or only a code of the other block."""
    right = S._pre
    monkeypatch.setattr(S, "_pre", lambda s, code: right(s, code) if s == 1 else "(%d) * (%s)" % (s, code))
    with pytest.raises(Invalid, match="depends on z0"):
        S._sorted_signs(_cert_like(), with_zero=False)
    # the other block's code (z0 - s e) makes the neuron fire; rows of its own block stay right
    monkeypatch.setattr(S, "_pre", lambda s, code: "e" if "e" in code else right(s, code))
    with pytest.raises(Invalid, match="not block lower triangular"):
        S._sorted_signs(_cert_like(), with_zero=False)


def test_relu_of_refuses_z0_in_a_denominator():
    with pytest.raises(Invalid, match="depends on z0"):
        S._relu_of("g / (z0 * z0 + 1)")


def test_the_zero_signal_s_row_is_checked_where_there_is_one(certs, monkeypatch):
    """Only the zero signal's row broken: 001-L4 [sufficiency] and 001-H4 (zero signal) reject, 001-P2
    (no zero signal) does not read that row."""
    real = S._relu_of
    monkeypatch.setattr(S, "_relu_of", lambda text: real("g") if text == S._pre(1, "z0") else real(text))
    for label in ("001-L4 [sufficiency]", "001-H4"):
        ok, why = recheck(certs[label])
        assert not ok and why == "block 1: the zero signal's row is not 0", (label, why)
    assert recheck(certs["001-P2"])[0]


def test_the_finite_parts_check_the_constructed_decoder(certs, monkeypatch):
    """The finite part is not vacuous: a layer 2 that is not of full rank, or a decoder that fails, is caught."""
    monkeypatch.setattr(S, "_sorted_layer2", lambda z, zero: ([S.ONE] * (len(z) - 1), [-max(z)] * (len(z) - 1)))
    ok, why = recheck(certs["001-L4 [sufficiency]"])
    assert not ok and why == "n=1, codes ['1', '2']: rank A2 < n", why
    monkeypatch.undo()
    monkeypatch.setattr(S, "_solution", lambda *a: False)
    ok, why = recheck(certs["001-P2"])
    assert not ok and why == "n=1, codes ['1']: the decoder fails", why
    ok, why = recheck(certs["001-H4"])
    assert not ok and why == "n=1, codes ['1', '2']: the sorted-codes decoder fails", why


def test_repeated_codes_n_read_at_its_bounds(certs):
    cert = certs["001-L4 [sufficiency, repeated codes]"]
    for n, why in ((0, "evidence.n: 0 is outside [1, 200]"), (201, "evidence.n: 201 is outside [1, 200]"),
                   (1, "the codes take 1 >= n = 1 distinct values")):
        ok, got = recheck({**cert, "evidence": {"n": n, "codes": [0] * (n + 1)}})
        assert not ok and got == why, (n, got)
    assert recheck({**cert, "evidence": {"n": 200, "codes": [0] * 201}})[0]
    assert recheck({**cert, "evidence": {"n": 2, "codes": [0, 0, 0]}})[0]
