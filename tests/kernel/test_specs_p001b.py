"""001-H1, L5, Co1, F1: honest certificates accepted, every relabelling and tampering rejected (001-H4:
test_specs_p001_sorted.py)."""

import copy
import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from honest_certificates import honest as cached

import proofs.kernel.specs.p001b as P  # registers the specifications (until specs/__init__ imports it)
from proofs.claims.p001 import corollary_co1, formula_f1, handcrafted_h1, rescaling_l5
from proofs.kernel import recheck

STATUSES = ("proved", "verified", "refuted", "inconclusive")


def _build_certs():
    vs = [*handcrafted_h1.check(n_max=6, float_n_max=10),
          *rescaling_l5.check(n_max=3, samples=2), *corollary_co1.check(n_max=4, samples=2, sym_n=1),
          *formula_f1.check(n_max=4, samples=2, sym_n=1)]
    return {v.label: v.certificate for v in vs}


@pytest.fixture(scope="module")
def certs():
    return cached("p001b", _build_certs)


LABELS = ["001-H1 [canonical U3 = X]", "001-H1 [any U3 of form (1)]", "001-L5 [positive D]",
          "001-L5 [zero entry]", "001-L5 [negative entry]", "001-Co1 [orbit]", "001-Co1 [orbit, D not positive]",
          "001-Co1 [parameterisation]",
          "001-F1 [rank-one Delta]", "001-F1 [any Delta]", "001-F1 [pseudo-inverse]"]


def _ok(cert):
    return recheck(cert)[0]


def _get(certs, label):
    return copy.deepcopy(certs[label])


def test_the_group_emits_exactly_these_certificates(certs):
    assert sorted(certs) == sorted(LABELS)


@pytest.mark.parametrize("label", LABELS)
def test_honest_certificate_accepted(certs, label):
    assert recheck(certs[label])[0], recheck(certs[label])[1]


@pytest.mark.parametrize("label", LABELS)
def test_status_changed_is_rejected(certs, label):
    for status in STATUSES + ("bogus",):
        cert = _get(certs, label)
        if status == cert["status"]:
            continue
        cert["status"] = status
        assert not _ok(cert), status
        cert.pop("argument", None)  # without the proved argument too
        assert not _ok(cert), status
        if status == "proved":
            cert["argument"] = [{"id": "triangular", "checker": "kernel"}]
            assert not _ok(cert)


@pytest.mark.parametrize("label", LABELS)
def test_claim_and_variant_relabelled_are_rejected(certs, label):
    targets = [(c["claim"], c["variant"]) for c in certs.values()] + [("001-H1", None), ("001-L5", None),
                                                                     ("001-H4", None), ("001-H4", "orbit"),
                                                                     ("NOPE", None)]
    cert0 = certs[label]
    for claim, variant in targets:
        if (claim, variant) == (cert0["claim"], cert0["variant"]):
            continue
        cert = _get(certs, label)
        cert["claim"], cert["variant"] = claim, variant
        assert not _ok(cert), (claim, variant)


@pytest.mark.parametrize("label", LABELS)
def test_extra_and_dropped_keys_are_rejected(certs, label):
    for part in ("scope", "evidence"):
        cert = _get(certs, label)
        cert[part]["note"] = 1
        assert not _ok(cert), part
        for key in list(certs[label][part]):
            cert = _get(certs, label)
            del cert[part][key]
            assert not _ok(cert), (part, key)


@pytest.mark.parametrize("label", ["001-H1 [canonical U3 = X]", "001-H1 [any U3 of form (1)]", "001-L5 [positive D]",
                                   "001-F1 [rank-one Delta]", "001-Co1 [orbit]"])
def test_argument_changed_is_rejected(certs, label):
    cert = _get(certs, label)
    cert["argument"] = cert["argument"][:-1]
    assert not _ok(cert)
    cert = _get(certs, label)
    cert["argument"][0]["checker"] = "sympy"
    assert not _ok(cert)
    cert = _get(certs, label)
    cert["argument"].append({"id": "extra", "checker": "kernel"})
    assert not _ok(cert)


def test_h1_scope_changes(certs):
    for label in ("001-H1 [canonical U3 = X]", "001-H1 [any U3 of form (1)]"):
        cert = _get(certs, label)
        cert["scope"]["n_max"] = 5               # shrunk: the count no longer matches
        assert not _ok(cert)
        cert["evidence"]["checked"] = 5
        assert _ok(cert)                         # consistent again (a smaller finite part)
        for c_ in (0, -1, "x", 1.5):
            cert = _get(certs, label)
            cert["scope"]["amplitude"] = c_
            assert not _ok(cert), c_
        cert = _get(certs, label)
        cert["scope"]["n_max"] = 10 ** 6         # bounded: the kernel refuses to enumerate this
        assert not _ok(cert)
    cert = _get(certs, "001-H1 [canonical U3 = X]")
    cert["scope"]["amplitude"] = "3/2"           # still true and re-checked for that C
    assert _ok(cert)


def test_l5_counterexamples_tampered(certs):
    for label, bad in (("001-L5 [zero entry]", [["1"], ["-1"], ["0", "1"]]),
                       ("001-L5 [negative entry]", [["1"], ["0"], ["-1", "1"]])):
        for D in bad:
            cert = _get(certs, label)
            cert["evidence"]["D"] = D            # admissible but a solution, inadmissible, or the wrong length
            assert not _ok(cert), (label, D)
        cert = _get(certs, label)
        cert["scope"]["amplitude"] = 0
        assert not _ok(cert)
    cert = _get(certs, "001-L5 [negative entry]")
    cert["evidence"].update(n=2, D=["1", "-2"])  # another true counterexample is accepted
    assert _ok(cert)
    cert = _get(certs, "001-L5 [positive D]")
    cert["scope"]["n_max"] = 3
    assert not _ok(cert)


def test_co1_tampered(certs):
    cert = _get(certs, "001-Co1 [orbit]")
    n_max = cert["scope"]["n_max"]
    cert["scope"]["n_max"] = n_max - 1          # a smaller finite part: the count no longer matches
    assert not _ok(cert)
    cert["evidence"]["checked"] = 2 ** n_max - 2
    assert _ok(cert)
    cert["scope"]["n_max"] = 7                   # beyond the kernel's bound
    assert not _ok(cert)
    cert = _get(certs, "001-Co1 [orbit]")
    cert["scope"]["amplitude"] = 0
    assert not _ok(cert)
    for D in (["1"], ["0"], ["-1", "1"]):        # positive (a solution), zero entry, wrong length
        cert = _get(certs, "001-Co1 [orbit, D not positive]")
        cert["evidence"]["D"] = D
        assert not _ok(cert), D
    cert = _get(certs, "001-Co1 [orbit, D not positive]")
    cert["evidence"].update(n=2, U3=[["1", "1"], ["-1", "1"], ["0", "-2"]], D=["1", "-3"])
    assert _ok(cert)                             # another true counterexample
    for W3 in ([["1"]], [["0"]], [["1", "0"], ["0", "1"]], [["2"]]):   # the solution itself, singular, wrong shape, D^-1
        cert = _get(certs, "001-Co1 [parameterisation]")
        cert["evidence"]["W3"] = W3
        assert not _ok(cert), W3
    cert = _get(certs, "001-Co1 [parameterisation]")
    cert["evidence"].update(n=2, W3=[["1", "1"], ["0", "1"]])   # another true counterexample (not diagonal)
    assert _ok(cert)


def test_f1_tampered(certs):
    cert = _get(certs, "001-F1 [rank-one Delta]")
    cert["evidence"]["examples"][-1]["Delta"] = [["1" if i == j else "0" for j in range(len(row))]
                                                 for i, row in enumerate(cert["evidence"]["examples"][-1]["Delta"])]
    assert not _ok(cert)                         # rank > 1 (n >= 2) or the formula changes
    cert = _get(certs, "001-F1 [rank-one Delta]")
    cert["evidence"]["examples"] = []
    assert not _ok(cert)
    A2, U3 = [["2", "1"], ["0", "1"]], [["1", "1"], ["0", "1"]]
    for label in ("001-F1 [any Delta]", "001-F1 [pseudo-inverse]"):
        cert = _get(certs, label)
        cert["evidence"].update(A2=[["2"]], U3=[["0"]], Delta=[["1"]])   # U3 singular
        assert not _ok(cert)
        cert = _get(certs, label)
        cert["evidence"]["Delta"] = [[str(-Fraction(x)) for x in r] for r in cert["evidence"]["A2"]]
        assert not _ok(cert)                     # A2 + Delta = 0: singular, no new solution
    cert = _get(certs, "001-F1 [any Delta]")
    cert["evidence"].update(A2=A2, U3=U3, Delta=[["0", "3"], ["0", "1"]])   # rank one: the formula holds
    assert not _ok(cert)
    cert["evidence"]["Delta"] = [["1", "0"], ["0", "1"]]                     # rank two: it fails
    assert _ok(cert)
    cert = _get(certs, "001-F1 [pseudo-inverse]")
    cert["evidence"]["pinv_W3"] = [["1/2"]]      # not the pseudo-inverse of W3 = 1/2
    assert not _ok(cert)
    cert["evidence"].update(A2=[["1"]], U3=[["1"]], Delta=[["0"]], pinv_W3=[["1"]])   # W3 = 1: the formula holds
    assert not _ok(cert)
    cert = _get(certs, "001-F1 [pseudo-inverse]")
    cert["evidence"]["pinv_W3"] = [["2", "0"], ["0", "2"]]
    assert not _ok(cert)


def test_bare_interpreter_accepts_the_group(certs, tmp_path):
    root = Path(__file__).resolve().parents[2]
    files = []
    for k, cert in enumerate(certs.values()):
        f = tmp_path / f"c{k}.json"
        f.write_text(json.dumps(cert))
        files.append(str(f))
    r = subprocess.run([sys.executable, "-I", "-S", str(root / "proofs" / "kernel"), *files],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


# -- the refuted readings: readers at their bounds, each rejection at the check that must make it -----
def _why(cert):
    ok, msg = recheck(json.loads(json.dumps(cert)))
    assert not ok, msg
    return msg


REFUTED = ["001-L5 [zero entry]", "001-L5 [negative entry]", "001-Co1 [orbit, D not positive]",
           "001-Co1 [parameterisation]"]


@pytest.mark.parametrize("label", REFUTED)
def test_refuted_readings_read_the_amplitude_and_n_at_their_bounds(certs, label):
    cert = _get(certs, label)
    for amp in (0, "-1/2"):
        assert _why({**cert, "scope": {"amplitude": amp}}) == "the amplitude C must be positive", amp
    for n in (0, 21):
        assert _why({**cert, "evidence": {**cert["evidence"], "n": n}}).startswith(
            "evidence.n: %d is outside [1, 20]" % n), n
    ok, why = recheck({**cert, "evidence": {**cert["evidence"], "n": 20}})
    assert not why.startswith("evidence.n"), why                 # n = 20 is read (then the shapes differ)


def test_the_rescaling_d_is_checked_against_the_reading(certs):
    zero, neg = _get(certs, "001-L5 [zero entry]"), _get(certs, "001-L5 [negative entry]")
    assert _why({**zero, "evidence": {"n": 2, "D": ["0", "-1"]}}) == "D does not have a zero entry (and none negative)"
    assert _why({**zero, "evidence": {"n": 2, "D": ["1", "2"]}}) == "D does not have a zero entry (and none negative)"
    for D in (["1", "2"], ["1/2", "1"], ["0", "-1"]):
        assert _why({**neg, "evidence": {"n": 2, "D": D}}) == "D does not have a negative entry (and no zero)", D
    assert _why({**zero, "evidence": {"n": 2, "D": ["1", "1"]}}) == "D does not have a zero entry (and none negative)"
    orbit = _get(certs, "001-Co1 [orbit, D not positive]")
    for D in (["1", "2"], ["1/2", "1"], ["0", "-1"]):
        ev = {**orbit["evidence"], "n": 2, "D": D, "U3": [["1", "1"], ["0", "1"], ["0", "0"]]}
        assert _why({**orbit, "evidence": ev}) == "D does not have a negative entry (and no zero)", D


def test_the_orbit_counterexample_s_u3_is_read_with_its_shape(certs):
    orbit = _get(certs, "001-Co1 [orbit, D not positive]")
    ev = {**orbit["evidence"], "n": 2, "D": ["1", "-1"], "U3": [["1", "1", "1"], ["0", "1", "1"], ["0", "0", "0"]]}
    assert _why({**orbit, "evidence": ev}).startswith("evidence.U3")
    par = _get(certs, "001-Co1 [parameterisation]")
    ev = {**par["evidence"], "n": 2, "W3": [["1", "0", "0"], ["0", "1", "0"]]}
    assert _why({**par, "evidence": ev}).startswith("evidence.W3[0]: expected 2 entries, got 3")


def _eye(n, v="1"):
    return [[v if i == j else "0" for j in range(n)] for i in range(n)]


def test_f1_examples_are_read_at_their_bounds(certs):
    r1 = _get(certs, "001-F1 [rank-one Delta]")
    bound = "examples[0]: A2 and U3 must be invertible n x n, 1 <= n <= 12"
    assert _ok({**r1, "evidence": {"examples": [{"A2": _eye(12), "U3": _eye(12), "Delta": _eye(12, "0")}]}})
    for ex in ({"A2": _eye(13), "U3": _eye(13), "Delta": _eye(13, "0")},               # n = 13
               {"A2": [["1", "0"], ["0", "0"]], "U3": _eye(2), "Delta": _eye(2, "0")},  # A2 singular
               {"A2": _eye(2), "U3": [["1", "1"], ["1", "1"]], "Delta": _eye(2, "0")}):  # U3 singular
        assert _why({**r1, "evidence": {"examples": [ex]}}).endswith(bound), ex
    assert _why({**r1, "evidence": {"examples": [{"A2": [["1", "0"], ["0"]], "U3": _eye(2), "Delta": _eye(2, "0")}]}})
    wide = [["1", "0", "0"], ["0", "1", "0"]]
    for key in ("U3", "Delta"):
        ex = {"A2": _eye(2), "U3": _eye(2), "Delta": _eye(2, "0"), key: wide}
        assert _why({**r1, "evidence": {"examples": [ex]}}).startswith("evidence.examples[0].%s" % key), key


def test_f1_pseudo_inverse_must_satisfy_all_four_penrose_equations(certs):
    pi = _get(certs, "001-F1 [pseudo-inverse]")
    for P in ([["0"]], [["1"]], [["-2"]]):
        assert _why({**pi, "evidence": {**pi["evidence"], "pinv_W3": P}}) == \
            "pinv_W3 is not the Moore-Penrose pseudo-inverse of W3", P
    assert _why({**pi, "evidence": {**pi["evidence"], "pinv_W3": [["2", "0"]]}}).startswith("evidence.pinv_W3")


# -- negative controls: the kernel's own identities broken one at a time must be named ------------------
@pytest.mark.parametrize("broken", ["d * s", "s", "-(d * s)", "-s"])
def test_l5_positive_rejects_each_relu_identity_broken_alone(certs, monkeypatch, broken):
    """ReLU(d s) = d s, ReLU(s) = s, ReLU(-(d s)) = 0, ReLU(-s) = 0: each one false alone (the kernel's
    ReLU of that text replaced by s + 1) makes 001-L5 [positive D] fail at the rescaling identities."""
    real = P._relu_sym
    monkeypatch.setattr(P, "_relu_sym", lambda text, names: real("s + 1", names) if text == broken else real(text, names))
    assert _why(_get(certs, "001-L5 [positive D]")) == "the rescaling identities do not hold"


PROVED_N_MAX = [("001-H1 [canonical U3 = X]", 60, lambda n: n), ("001-H1 [any U3 of form (1)]", 60, lambda n: n),
                ("001-Co1 [orbit]", 6, lambda n: 2 ** (n + 1) - 2)]


@pytest.mark.parametrize("label, hi, count", PROVED_N_MAX)
def test_proved_scopes_read_n_max_and_the_amplitude_at_their_bounds(certs, label, hi, count):
    cert = _get(certs, label)
    for n_max in (0, hi + 1):
        assert _why({**cert, "scope": {**cert["scope"], "n_max": n_max}, "evidence": {"checked": count(n_max)}}) == \
            "scope.n_max: %d is outside [1, %d]" % (n_max, hi), n_max
    assert _ok({**cert, "scope": {**cert["scope"], "n_max": 1}, "evidence": {"checked": count(1)}})
    assert _why({**cert, "scope": {**cert["scope"], "amplitude": 0}}) == "the amplitude C must be positive"


def _break_h1_layer2_at(monkeypatch, k, real=P._h1_layer2):
    """001-H1's layer 2 with b2 = 0 at n = k only: A2' (and A2) is then 0."""
    def layer2(n):
        W2, b2, codes = real(n)
        return (W2, [P.ZERO] * n, codes) if n == k else (W2, b2, codes)
    monkeypatch.setattr(P, "_h1_layer2", layer2)


@pytest.mark.parametrize("label", ["001-H1 [canonical U3 = X]", "001-H1 [any U3 of form (1)]"])
def test_h1_finite_part_is_checked_for_exactly_1_to_n_max(certs, monkeypatch, label):
    """Negative control: the kernel's own construction broken at one n is caught exactly when
    1 <= n <= n_max, naming that n (the zero signal's row stays 0: A2' singular alone is caught)."""
    cert = _get(certs, label)
    n_max = cert["scope"]["n_max"]
    for k in (1, n_max, n_max + 1):
        _break_h1_layer2_at(monkeypatch, k)
        ok, why = recheck(copy.deepcopy(cert))
        assert ok == (k > n_max), (k, why)
        if k <= n_max:
            assert why in ("A2' is singular at n=%d" % k, "n=%d: A2' singular or zero row non-zero" % k), why


def test_h1_triangular_signs_are_both_required(certs, monkeypatch):
    """ReLU(j + 1 - i) below the diagonal (i = j + 1 + m) made non-zero alone is rejected."""
    real, lower = P._relu_sym, P._h1_pre("j + 1 + m", "j")
    monkeypatch.setattr(P, "_relu_sym", lambda text, names: real("m + 1", names) if text == lower else real(text, names))
    for label in ("001-H1 [canonical U3 = X]", "001-H1 [any U3 of form (1)]", "001-Co1 [orbit]"):
        assert _why(_get(certs, label)) == "A2 is not triangular with unit diagonal", label


def test_co1_orbit_checks_w2_b2_and_the_solution_separately(certs, monkeypatch):
    """Negative controls of the orbit's finite part: (W2, b2) from the equations returned as tuples (the
    same numbers, but not the lists D W2o, b2o D), b2 alone so, or the fresh W3 alone so: each rejected."""
    cert = _get(certs, "001-Co1 [orbit]")
    real = P._from_equations
    for which in ("both", "b2"):
        def tuples(W3, W2s, b2s, which=which):
            W2, b2 = real(W3, W2s, b2s)
            return (tuple(W2) if which == "both" else W2), tuple(b2)
        monkeypatch.setattr(P, "_from_equations", tuples)
        assert _why(cert) == "n=1: the rescaling is not a solution", which
    monkeypatch.setattr(P, "_from_equations", real)
    real_w = P._output_weights
    monkeypatch.setattr(P, "_output_weights", lambda A2, U3, zero: [tuple(r) for r in real_w(A2, U3, zero)])
    assert _why(cert) == "n=1: the solution with W2 = D W2o is not the rescaling"


def test_co1_counterexamples_use_the_stated_amplitude(certs):
    """U3 of form (1) for C = 2 (and D with a negative entry): accepted, and read against X for C = 2."""
    cert = _get(certs, "001-Co1 [orbit, D not positive]")
    cert["scope"]["amplitude"] = "2"
    cert["evidence"].update(n=2, U3=[["2", "2"], ["-1", "2"], ["0", "-2"]], D=["1", "-3"])
    assert _ok(cert)
    cert["evidence"]["U3"] = [["1", "1"], ["-1", "1"], ["0", "-2"]]
    assert _why(cert) == "U3 does not have form (1)"


def test_co1_parameterisation_names_a_singular_w3(certs):
    cert = _get(certs, "001-Co1 [parameterisation]")
    cert["evidence"].update(n=2, W3=[["1", "2"], ["2", "4"]])
    assert _why(cert) == "W3 is singular"


def test_f1_rank_one_examples_bounds_and_reasons(certs, monkeypatch):
    r1 = _get(certs, "001-F1 [rank-one Delta]")
    one = {"A2": [["1"]], "U3": [["1"]], "Delta": [["3/4"]]}
    assert _ok({**r1, "evidence": {"examples": [one] * 20}})
    assert _why({**r1, "evidence": {"examples": [one] * 21}}).startswith("evidence.examples: 21 entries (expected 1..20)")
    # 1 + t = 0 (A2 + Delta = 0 singular, the formula undefined), and rank Delta = 2: both named at the first check
    for ex in ({"A2": [["1"]], "U3": [["1"]], "Delta": [["-1"]]}, {"A2": _eye(2), "U3": _eye(2), "Delta": _eye(2)}):
        assert _why({**r1, "evidence": {"examples": [one, ex]}}) == "example 1: rank Delta > 1 or 1 + t = 0", ex
    # negative control: the kernel's reduction modulo M^2 = t M made non-zero
    monkeypatch.setattr(P, "_reduce", lambda p, names: P.K.Poly.const(1, names))
    assert _why(r1) == "(I + M)(I - M/(1 + t)) != I modulo M^2 = t M"


def test_counterexample_matrices_are_read_with_their_row_counts(certs):
    """One row too many is rejected where the matrix is read, before any use of it."""
    orbit = _get(certs, "001-Co1 [orbit, D not positive]")
    ev = {**orbit["evidence"], "n": 1, "D": ["-1"], "U3": [["1"], ["0"], ["0"]]}
    assert _why({**orbit, "evidence": ev}).startswith("evidence.U3: "), ev
    par = _get(certs, "001-Co1 [parameterisation]")
    assert _why({**par, "evidence": {"n": 1, "W3": [["-1"], ["1"]]}}).startswith("evidence.W3: ")
    r1 = _get(certs, "001-F1 [rank-one Delta]")
    tall = [["1", "0"], ["0", "1"], ["0", "0"]]
    for key in ("U3", "Delta"):
        ex = {"A2": _eye(2), "U3": _eye(2), "Delta": _eye(2, "0"), key: tall}
        assert _why({**r1, "evidence": {"examples": [ex]}}).startswith("evidence.examples[0].%s: " % key), key
    for label in ("001-F1 [any Delta]", "001-F1 [pseudo-inverse]"):
        cert = _get(certs, label)
        n = len(cert["evidence"]["A2"])
        for key in ("U3", "Delta") + (("pinv_W3",) if label.endswith("inverse]") else ()):
            ev = {**cert["evidence"], key: cert["evidence"][key] + [["0"] * n]}
            assert _why({**cert, "evidence": ev}).startswith("evidence.%s: " % key), (label, key)


@pytest.mark.parametrize("label", ["001-F1 [any Delta]", "001-F1 [pseudo-inverse]"])
def test_f1_refutations_name_a_singular_a2_plus_delta(certs, label):
    cert = _get(certs, label)
    cert["evidence"]["Delta"] = [[str(-Fraction(x)) for x in r] for r in cert["evidence"]["A2"]]
    assert _why(cert) == "A2 + Delta is singular: there is no new solution"


def test_co1_counterexample_u3_must_be_non_positive_where_x_is_zero(certs):
    cert = _get(certs, "001-Co1 [orbit, D not positive]")
    cert["evidence"].update(n=2, U3=[["1", "1"], ["1/2", "1"], ["0", "-2"]], D=["1", "-3"])
    assert _why(cert) == "U3 does not have form (1)"


@pytest.mark.parametrize("target, text", [("relu", "-(d * s)"), ("relu", "d * s"), ("expression", "(v / d) * (d * w)"),
                                          ("expression", "(b * d) * (v / d)"), ("expression", "(d * w) / w")])
def test_co1_orbit_rejects_each_identity_broken_alone(certs, monkeypatch, target, text):
    """Negative control: one of the orbit argument's identities made false (its left side replaced by
    s + 1, resp. b * v + 1) is named; the others still hold."""
    if target == "relu":
        real = P._relu_sym
        monkeypatch.setattr(P, "_relu_sym", lambda t, names: real("s + 1", names) if t == text else real(t, names))
    else:
        real = P.K.expression
        monkeypatch.setattr(P.K, "expression", lambda t, names: real("b * v + 1", names) if t == text else real(t, names))
    assert _why(_get(certs, "001-Co1 [orbit]")) == "the rescaling identities do not hold"


def test_h1_canonical_reads_the_amplitude_before_its_finite_part(certs):
    """C = 0 is rejected for itself, before the kernel enumerates (a wrong count is not reached)."""
    cert = _get(certs, "001-H1 [canonical U3 = X]")
    cert["scope"]["amplitude"] = 0
    cert["evidence"]["checked"] += 1
    assert _why(cert) == "the amplitude C must be positive"
