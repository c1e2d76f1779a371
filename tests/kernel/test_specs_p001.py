"""001-E1, L1, P1, L2, L3, L4 (necessity, literal), R1: honest certificates accepted, every relabelling or tampering
rejected (001-L4 [sufficiency] and 001-P2: test_specs_p001_sorted.py)."""

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from honest_certificates import honest as cached

from proofs.claims.p001 import bias_l4, form1_l2, linear_encoder_e1, no_bias_r1, one_layer_l1, rank_l3, sigmoid_p1
from proofs.kernel import recheck
from proofs.kernel.core import Invalid
from proofs.kernel.specs import p001 as S

STATUSES = ("proved", "verified", "refuted", "inconclusive")
ROOT = Path(__file__).resolve().parents[2]


def _build_honest():
    """One honest certificate per (claim, variant, status) the modules emit, at small scopes."""
    l1 = one_layer_l1.check(n_max=6)
    l2 = form1_l2.check(n_max=4, sym_n=4, samples=1)
    l3 = rank_l3.check(n_max=5, samples=1)
    l4 = bias_l4.check(n_max=5, samples=1)
    certs = {
        "E1 proved": linear_encoder_e1.check(n_max=6).certificate,
        "E1 refuted": linear_encoder_e1.check(n_max=6, weights="-j").certificate,
        "E1 verified": linear_encoder_e1.check(n_max=6, weights="j / j").certificate,
        "L1 relu": l1[0].certificate, "L1 literal": l1[1].certificate,
        "P1 proved": sigmoid_p1.check(n_max=6, smaller_eps="").certificate,
        "P1 inconclusive": sigmoid_p1.check(n_max=4, slope="4", smaller_eps="").certificate,
        "L2 iff": l2[0].certificate, "L2 full rank": l2[1].certificate,
        "L3 n2 = n": l3[0].certificate, "L3 literal": l3[1].certificate,
        "L4 necessity": l4[0].certificate, "L4 literal": l4[3].certificate,
        "R1": no_bias_r1.check(n_max=6).certificate,
    }
    return certs


@pytest.fixture(scope="module")
def honest():
    return cached("p001", _build_honest)


EXPECTED = {"E1 proved": "proved", "E1 refuted": "refuted", "E1 verified": "verified", "L1 relu": "proved",
            "L1 literal": "refuted", "P1 proved": "proved", "P1 inconclusive": "inconclusive", "L2 iff": "proved",
            "L2 full rank": "proved", "L3 n2 = n": "proved", "L3 literal": "refuted", "L4 necessity": "proved",
            "L4 literal": "refuted", "R1": "proved"}


def _ok(cert):
    return recheck(json.loads(json.dumps(cert)))[0]


def test_honest_certificates_are_accepted(honest):
    assert set(honest) == set(EXPECTED)
    for name, cert in honest.items():
        assert cert["status"] == EXPECTED[name], name
        assert recheck(cert)[0], (name, recheck(cert))


def test_every_emitted_variant_has_a_spec(honest):
    keys = {(c["claim"], c["variant"]) for c in honest.values()}
    from proofs.kernel.framework import SPECS
    assert keys <= set(SPECS)
    assert {k for k in SPECS if k[0] in {"001-E1", "001-L1", "001-P1", "001-L2", "001-L3", "001-R1"}
            or k in {("001-L4", "necessity (n >= 3)"), ("001-L4", "literal")}} == keys


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_status_changes_rejected(honest, name):
    cert = honest[name]
    for status in STATUSES:
        if status != cert["status"]:
            assert not _ok({**cert, "status": status}), (name, status)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_relabelled_claim_or_variant_rejected(honest, name):
    cert = honest[name]
    for other in honest.values():
        if (other["claim"], other["variant"]) != (cert["claim"], cert["variant"]):
            assert not _ok({**cert, "claim": other["claim"], "variant": other["variant"]}), (name, other["claim"])
    assert not _ok({**cert, "variant": "nope"})
    assert not _ok({**cert, "claim": "000-L3.1"})


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_dropped_or_extra_keys_rejected(honest, name):
    cert = honest[name]
    for part in ("scope", "evidence"):
        for key in cert[part]:
            bad = copy.deepcopy(cert)
            del bad[part][key]
            assert not _ok(bad), (name, part, key)
        bad = copy.deepcopy(cert)
        bad[part]["note"] = "extra"
        assert not _ok(bad), (name, part)
    if "argument" in cert:
        for k in range(len(cert["argument"])):
            bad = copy.deepcopy(cert)
            del bad["argument"][k]
            assert not _ok(bad)
        bad = copy.deepcopy(cert)
        bad["argument"][0]["checker"] = "sympy"
        assert not _ok(bad)


def _with(cert, part, **changes):
    bad = copy.deepcopy(cert)
    bad[part].update(changes)
    return bad


def test_shrunk_or_changed_scopes_rejected(honest):
    for name in ("E1 proved", "E1 verified", "L1 relu", "P1 proved", "L3 n2 = n", "R1"):
        cert = honest[name]
        for d in (-1, 1):
            assert not _ok(_with(cert, "scope", n_max=cert["scope"]["n_max"] + d)), name
    assert not _ok(_with(honest["L2 full rank"], "scope", sym_n=3))
    assert not _ok(_with(honest["L2 full rank"], "scope", sym_n=8))          # beyond the kernel's bound
    for name in ("L1 relu", "L2 iff", "L2 full rank", "L3 literal", "R1", "E1 proved"):
        assert not _ok(_with(honest[name], "scope", amplitude=0)), name
        assert not _ok(_with(honest[name], "scope", amplitude="-1")), name
    # the counterexamples and instances are for C = 1: another amplitude no longer fits them
    for name in ("L1 literal", "L3 literal"):
        assert not _ok(_with(honest[name], "scope", amplitude=2)), name
    assert not _ok(_with(honest["P1 proved"], "scope", eps="1/1000000"))   # 12 does not reach 1e-6
    assert not _ok(_with(honest["P1 proved"], "scope", slope="4"))
    assert not _ok(_with(honest["P1 inconclusive"], "scope", n_max=5))    # not_below no longer fits
    assert not _ok(_with(honest["E1 proved"], "scope", weights="-j"))
    assert not _ok(_with(honest["E1 proved"], "scope", weights="1/(n - 3)"))
    assert not _ok(_with(honest["E1 refuted"], "scope", weights="2"))


def test_wrong_witnesses_and_counterexamples_rejected(honest):
    E = "evidence"
    assert not _ok(_with(honest["E1 refuted"], E, n=1))                   # n = 1: two codes are always affine
    lit = honest["L1 literal"]
    assert not _ok(_with(lit, E, breakpoints=[[0, 0], [1, 0], [2, 1]]))    # a flat piece where g = 0
    assert not _ok(_with(lit, E, left_slope=0))
    assert not _ok(_with(lit, E, b=[-1]))
    assert not _ok(_with(lit, E, codes=[1, 1]))
    assert not _ok(_with(lit, E, breakpoints=[[1, 0], [0, 0]]))
    assert _ok(_with(lit, E, breakpoints=[[-1, 1], [0, 0], [1, 1]]))      # the same g written with more breakpoints
    assert not _ok(_with(honest["P1 proved"], E, terms=1))                # too weak a Taylor bound
    assert not _ok(_with(honest["P1 inconclusive"], E, not_below=[1, 2, 3]))
    assert not _ok(_with(honest["P1 inconclusive"], E, not_below=[]))
    assert not _ok(_with(honest["P1 proved"], E, checked=5))
    for name in ("E1 proved", "L1 relu", "L2 full rank", "L3 n2 = n", "R1"):
        cert = honest[name]
        assert not _ok(_with(cert, E, checked=cert[E]["checked"] + 1)), name
    l3 = honest["L3 literal"]
    W3 = copy.deepcopy(l3[E]["W3"])
    W3[0][-1] = "1"
    assert not _ok(_with(l3, E, W3=W3))                                   # no longer reconstructs X
    assert not _ok(_with(l3, E, W2=l3[E]["W2"][:-1]))                     # shapes no longer fit
    # the handcrafted decoder itself (n2 = n, A2 full rank) is no counterexample to the literal reading
    from proofs.claims.p001 import linear_decoder
    dec = linear_decoder(2)
    good = {"n": 2, "codes": [1, 2, 3], "W2": [str(v) for v in dec.W2], "b2": [str(v) for v in dec.b2],
            "W3": dec.W3.to_strings()}
    assert not _ok({**l3, E: good})
    assert not _ok(_with(honest["L4 literal"], E, W2=[-1]))               # codes 1, 2 > 0: ReLU(-z) = 0
    assert not _ok(_with(honest["L4 literal"], E, n=2, codes=[1, 2, 3], W2=[1, 2]))
    nec = {**honest["L4 necessity"], "status": "refuted", "evidence": {"n": 3, "codes": [1, 2, -1, 5], "W2": [1, -1, 2]}}
    assert not _ok(nec)                                                   # rank 2 < 3: not a counterexample
    assert not _ok({**nec, "evidence": {"n": 1, "codes": [1, 2], "W2": [1]}})   # n < 3 is outside the variant
    iff = {**honest["L2 iff"], "status": "refuted", "evidence": {"n": 1, "U3": [[1], [-5]]}}
    iff.pop("argument")
    assert not _ok(iff)                                                   # ReLU(U3) = X and form (1): agree
    assert not _ok({**iff, "evidence": {"n": 1, "U3": [[1], [5]]}})       # both fail: agree again
    rank = {**honest["L2 full rank"], "status": "refuted", "scope": {"amplitude": 1}}
    rank.pop("argument")
    assert not _ok({**rank, "evidence": {"n": 2, "U3": [[1, 1], [1, 1], [0, 0]]}})   # singular, not form (1)
    assert not _ok({**rank, "evidence": {"n": 2, "U3": [[1, 1], [0, 1], [-1, 0]]}})  # form (1), rank 2


def test_negative_controls_of_the_kernel_arguments():
    assert S._det_identity(4)
    assert S._error_bound(S.Fraction(0), 3) == S.Fraction(1, 2)
    assert S._error_bound(S.Fraction(-1), 3) == 1
    # the handcrafted decoder for z(i) = i: unit triangular A2', and C W3 reconstructs X
    assert S._linear_decoder_reconstructs(5, S.Fraction(3, 2))[0]


def test_the_kernel_runs_standalone(tmp_path, honest):
    paths = []
    for k, cert in enumerate(honest.values()):
        p = tmp_path / f"c{k}.json"
        p.write_text(json.dumps(cert))
        paths.append(str(p))
    r = subprocess.run([sys.executable, "-I", "-S", str(ROOT / "proofs" / "kernel"), *paths],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


# -- rejections asserted at the check that must make them; readers at their bounds -----------------
def _why(cert):
    ok, msg = recheck(json.loads(json.dumps(cert)))
    assert not ok, msg
    return msg


def test_false_refutations_are_rejected_at_the_statement(honest):
    iff = {**honest["L2 iff"], "status": "refuted"}
    iff.pop("argument")
    for U in ([[1], [0]], [[1], [-5]], [[1], [5]], [[1, 1], [0, 1], [0, 0]], [[1, 1], [-1, 1], [-2, "-1/2"]]):
        assert _why({**iff, "evidence": {"n": len(U[0]), "U3": U}}) == "U3 agrees", U   # X itself has form (1)
    nec = {**honest["L4 necessity"], "status": "refuted"}
    nec.pop("argument")
    for ev, why in (({"n": 3, "codes": [1, 2, -1, 5], "W2": [1, -1, 2]}, "rank A2 = 2 < n = 3"),
                    ({"n": 3, "codes": [1, 2, 3, 4], "W2": [1, 1, 1]}, "rank A2 = 1 < n = 3")):
        assert _why({**nec, "evidence": ev}) == why, ev


def test_the_bias_free_instance_is_read_with_every_length(honest):
    lit = honest["L4 literal"]
    for ev, why in (({"n": 0, "codes": [1], "W2": []}, "evidence.n: 0 is outside [1, 200]"),
                    ({"n": 201, "codes": list(range(1, 203)), "W2": [1] * 201}, "evidence.n: 201 is outside [1, 200]"),
                    ({"n": 1, "codes": [1, 2, 3], "W2": [1]}, "evidence.codes: expected 2 entries, got 3"),
                    ({"n": 1, "codes": [1, 2], "W2": [1, 1]}, "evidence.W2: expected 1 entries, got 2"),
                    ({"n": 1, "codes": [1, 1], "W2": [1]}, "the codes must be distinct")):
        assert _why({**lit, "evidence": ev}).startswith(why), (ev, _why({**lit, "evidence": ev}))
    assert _ok({**lit, "evidence": {"n": 1, "codes": [1, 2], "W2": [1]}})
    ok, why = recheck({**lit, "evidence": {"n": 200, "codes": list(range(1, 202)), "W2": [1] * 200}})
    assert not ok and why == "rank A2 = 1 < n = 200"      # n = 200 is read (and is no counterexample)


def test_the_kernel_s_sign_pieces_and_levels():
    class C:
        def require(self, cond, msg):
            if not cond:
                raise Invalid(msg)
    w = S.K.Poly.var("w", ("w",))
    assert (S._piece(1, w) - w).is_zero() and S._piece(0, w).is_zero() and S._piece(-1, w).is_zero()
    S._relu_levels(C(), S.Fraction(1, 3))
    for amp in (S.ZERO, S.Fraction(-1)):
        with pytest.raises(Invalid, match="^C > 0 fails$"):
            S._relu_levels(C(), amp)


def test_r1_reads_n_max_at_its_bounds_and_checks_every_n(honest, monkeypatch):
    r1 = honest["R1"]
    for n_max, why in ((0, "scope.n_max: 0 is outside [1, 120]"), (121, "scope.n_max: 121 is outside [1, 120]")):
        assert _why({**r1, "scope": {**r1["scope"], "n_max": n_max}}) == why
    assert _ok({**r1, "scope": {**r1["scope"], "n_max": 1}, "evidence": {"checked": 1}})
    n_max = r1["scope"]["n_max"]
    real = S._linear_decoder_reconstructs
    for k in (0, 1, n_max, n_max + 1):      # a construction that fails at n = k only: caught iff 1 <= k <= n_max
        monkeypatch.setattr(S, "_linear_decoder_reconstructs",
                            lambda n, amp, k=k: (n != k, [[1]], [[1]]) if n != k else (False, [[1]], [[1]]))
        ok, why = recheck(r1)
        assert ok == (not 1 <= k <= n_max), (k, why)
        if not ok:
            assert why == "the decoder fails at n=%d" % k
    monkeypatch.setattr(S, "_linear_decoder_reconstructs", real)


def test_literal_counterexamples_are_read_with_every_length(honest):
    l1, l3 = honest["L1 literal"], honest["L3 literal"]
    for cert in (l1, l3):
        for n in (0, 201):
            assert _why(_with(cert, "evidence", n=n)).startswith("evidence.n: %d is outside [1, 200]" % n)
        assert _why(_with(cert, "evidence", codes=[1])) == "evidence.codes: expected 2 entries, got 1"
        assert _why(_with(cert, "evidence", codes=[1, 2, 3])) == "evidence.codes: expected 2 entries, got 3"
    assert _why(_with(l3, "evidence", W3=[["1/2", "1/2", "0"]])).startswith("evidence.W3")
    assert _why(_with(l3, "evidence", W3=[["1/2", "1/2"], ["0", "0"]])).startswith("evidence.W3")   # one row per output
    assert _why(_with(l1, "evidence", breakpoints=[])) == "evidence.breakpoints: 0 entries (expected 1..10000)"
    assert _why(_with(l1, "evidence", breakpoints=[[0, 0, 0]])) == "evidence.breakpoints: expected 2 entries, got 3"
    assert _why(_with(l1, "evidence", breakpoints=[[0, 0], [0, 1]])) == "the breakpoints must increase"
    assert _why(_with(l1, "evidence", breakpoints=[[0, 0], [2, 2], [1, 1]])) == "the breakpoints must increase"
    assert _ok(_with(l1, "evidence", breakpoints=[[-2, 2], [0, 0], [2, 2]]))   # g = |u| again, breakpoints 2 apart
    assert _ok(_with(l1, "evidence", breakpoints=[[0, 0], [3, 3]]))


def test_l3_literal_needs_only_one_of_its_two_failures(honest):
    l3 = honest["L3 literal"]
    wide = {"n": 1, "codes": [1, 2], "W2": [-1, 1], "b2": [2, -1], "W3": [[1, 0]]}   # n2 = 2 != n, A2 = I
    assert _ok({**l3, "evidence": wide})
    from proofs.claims.p001 import linear_decoder
    dec = linear_decoder(2)
    exact = {"n": 2, "codes": [1, 2, 3], "W2": [str(v) for v in dec.W2], "b2": [str(v) for v in dec.b2],
             "W3": dec.W3.to_strings()}                                              # n2 = n, A2 of rank n
    assert _why({**l3, "evidence": exact}) == "n2 = n and A2 full rank"
    one = {"n": 1, "codes": [1, 2], "W2": ["-1"], "b2": ["2"], "W3": [["1"]]}          # one neuron suffices for n = 1
    assert _why({**l3, "evidence": one}) == "n2 = n and A2 full rank"
    assert _why({**l3, "evidence": {**one, "W2": [], "b2": [], "W3": [[]]}}) == "layer 2 needs a neuron"


# -- 001-E1: the finite part over exactly 1..n_max, the proved part's conditions one at a time -----
def test_e1_verified_checks_exactly_n_1_to_n_max(honest):
    ver = honest["E1 verified"]
    scope = ver["scope"]

    def verified(n_max, **changes):
        return {**ver, "scope": {**scope, "n_max": n_max, **changes}, "evidence": {"checked": n_max}}
    assert _why(verified(6, weights="-j")) == "the codes are not affine in i at n=2"
    assert _ok(verified(1, weights="-j"))                        # two codes are always affine: n = 1 is read
    # a denominator that vanishes at n = 1 only, or at n = 0 only (never enumerated)
    assert _why(verified(6, bias="1/(n - 1)")).startswith("the expression's denominator vanishes at")
    assert _ok(verified(6, bias="1/n"))
    # weights with j only from n = 3 on: affine for n <= 2, not at n = 3
    late = "(n - 1) * (n - 2) * j"
    assert _ok(verified(2, weights=late))
    assert _why(verified(3, weights=late)) == "the codes are not affine in i at n=3"
    for n_max, why in ((0, "scope.n_max: 0 is outside [1, 2000]"), (2001, "scope.n_max: 2001 is outside [1, 2000]")):
        assert _why(verified(n_max, weights="-j")) == why


def test_e1_refuted_reads_n_at_its_bounds_and_evaluates_only_its_weights(honest):
    ref = honest["E1 refuted"]
    for n, why in ((0, "evidence.n: 0 is outside [1, 2000]"), (2001, "evidence.n: 2001 is outside [1, 2000]"),
                   (1, "the codes are affine in i at n=1")):
        assert _why(_with(ref, "evidence", n=n)) == why
    # w_j = 1/(j - n - 1) is defined for j = 1..n (and not affine): w_{n+1} is never evaluated
    assert _ok({**ref, "scope": {**ref["scope"], "weights": "1/(j - n - 1)"}})


def test_e1_proved_needs_each_condition_on_the_expressions(honest):
    pro = honest["E1 proved"]

    def proved(n_max, **changes):
        return {**pro, "scope": {**pro["scope"], "n_max": n_max, **changes}, "evidence": {"checked": n_max}}
    # constant on j = 1..n_max but not for every n: j in the numerator, or in the denominator alone
    assert _why(proved(1, weights="j - 1")) == "the weights depend on j"
    assert _why(proved(2, weights="1 / (j * j - 3 * j + 3)")) == "the weights depend on j"
    # a bias undefined at n = 3 (beyond n_max): the codes do not exist for every n
    assert _why(proved(2, bias="1/(n - 3)")) == "the encoder is not defined for every n"
    assert _why(proved(2, weights="1/(n - 3)")) == "the encoder is not defined for every n"
    assert _ok(proved(2, weights="n / C"))                        # w may depend on n: constant in j for each n


# -- n_max and the other counts of 001-L1, 001-P1, 001-L2, 001-L3 at their bounds ---------------
def _stop_beyond(monkeypatch, name, limit, result=None):
    """Replace the kernel's S.<name>(n, ...) by one that stops past n = limit (a mutant reading a count
    beyond its bound is then caught at once instead of enumerating for minutes)."""
    real = getattr(S, name)

    def guarded(n, *args, **kwargs):
        if n > limit:
            raise Invalid("enumerated n=%d" % n)
        return real(n, *args, **kwargs) if result is None else result
    monkeypatch.setattr(S, name, guarded)


def test_l1_relu_reads_n_max_at_its_bounds_and_builds_its_decoder_for_any_amplitude(honest, monkeypatch):
    rel = honest["L1 relu"]

    def at(n_max, **scope):
        return {**rel, "scope": {**rel["scope"], "n_max": n_max, **scope}, "evidence": {"checked": 3 + n_max}}
    assert _ok(at(1))
    for amp in ("2", "1/2", "7/3"):                               # W = -C, b = 2C: ReLU(-C z + 2C) at z = 1, 2
        assert _ok(at(3, amplitude=amp)), amp
    assert _why(at(0)) == "scope.n_max: 0 is outside [1, 2000]"
    _stop_beyond(monkeypatch, "_X", 10)
    assert _why(at(2001)) == "scope.n_max: 2001 is outside [1, 2000]"


def test_p1_reads_n_max_and_terms_at_their_bounds(honest, monkeypatch):
    pro = honest["P1 proved"]

    def at(n_max, terms, **scope):
        return {**pro, "scope": {**pro["scope"], "n_max": n_max, **scope}, "evidence": {"terms": terms, "checked": n_max}}
    assert _ok(at(1, 40))
    assert _ok(at(1, 400))
    assert _ok(at(1, 1, eps="1/10"))                  # slope 12: 1/(1 + 1 + 6)^2 = 1/64 < 1/10 with one term
    assert _why(at(1, 0)) == "evidence.terms: 0 is outside [1, 400]"
    assert _why(at(1, 401)) == "evidence.terms: 401 is outside [1, 400]"
    assert _why(at(0, 40)) == "scope.n_max: 0 is outside [1, 200]"
    _stop_beyond(monkeypatch, "_staircase_mse_bound", 10)
    assert _why(at(201, 40)) == "scope.n_max: 201 is outside [1, 200]"


def test_p1_slope_and_eps_must_be_positive(honest):
    pro = honest["P1 proved"]

    def at(slope, eps, status="proved"):
        cert = {**pro, "status": status, "scope": {**pro["scope"], "n_max": 1, "slope": slope, "eps": eps},
                "evidence": {"terms": 5, "checked": 1}}
        if status != "proved":
            cert.pop("argument")
        return cert
    assert _ok(at("1", "1/2"))                        # slope 1: 1/(1 + e^(1/2))^2 ~ 0.14 < 1/2
    for slope, eps in (("0", "1"), ("-1", "1"), ("1", "0"), ("1", "-1")):
        for status in ("proved", "verified"):
            assert _why(at(slope, eps, status)) == "the slope and eps must be positive", (slope, eps, status)


def test_p1_the_mse_bound_is_compared_strictly_and_computed_over_every_entry(honest):
    """eps at the kernel's bound itself (n = 1: (1/(1 + T_5(2)))^2) is not reached; a hair above it is.
    A bound computed over fewer or more entries, with fewer or more Taylor terms, or squared
    otherwise, moves across one of these two."""
    pro = honest["P1 proved"]
    terms = 5
    # T_5(2) = 1 + 2 + 2 + 4/3 + 2/3 + 4/15 = 109/15; both entries of n = 1 are at distance a/2 = 2,
    # and n = 2, 3 have smaller means
    bound = (1 / (1 + S.Fraction(109, 15))) ** 2

    def verified(eps):
        cert = {**pro, "status": "verified", "scope": {"n_max": 3, "slope": "4", "eps": str(eps)},
                "evidence": {"terms": terms, "checked": 3}}
        cert.pop("argument")
        return cert
    assert _why(verified(bound)) == "the MSE bound is not below eps at n = [1]"
    assert _ok(verified(bound + S.Fraction(1, 10 ** 40)))
    ok_proved = {**verified(bound + S.Fraction(1, 10 ** 40)), "status": "proved", "argument": pro["argument"]}
    assert _ok(ok_proved)


def test_l2_full_rank_and_l3_read_their_counts_at_the_bounds(honest, monkeypatch):
    fr, l3 = honest["L2 full rank"], honest["L3 n2 = n"]
    assert _ok({**fr, "scope": {**fr["scope"], "sym_n": 1}, "evidence": {"checked": 1}})
    assert _why({**fr, "scope": {**fr["scope"], "sym_n": 0}, "evidence": {"checked": 0}}) == \
        "scope.sym_n: 0 is outside [1, 7]"

    def at(n_max):
        return {**l3, "scope": {**l3["scope"], "n_max": n_max}, "evidence": {"checked": n_max}}
    assert _ok(at(1))
    assert _why(at(0)) == "scope.n_max: 0 is outside [1, 60]"
    _stop_beyond(monkeypatch, "_linear_decoder_reconstructs", 10)
    assert _why(at(61)) == "scope.n_max: 61 is outside [1, 60]"


def test_l2_full_rank_refutations_are_read_and_rejected_with_their_reason(honest):
    rank = {**honest["L2 full rank"], "status": "refuted", "scope": {"amplitude": 1}}
    rank.pop("argument")
    why = "U3 is not of form (1) or has rank n"
    for ev, reason in (({"n": 2, "U3": [[1, 1], [1, 1], [0, 0]]}, why),          # singular, not of form (1)
                       ({"n": 2, "U3": [[1, 1], [0, 1], [-1, 0]]}, why),         # form (1), rank 2
                       ({"n": 1, "U3": [[1], [0]]}, why),
                       ({"n": 0, "U3": [[]]}, "evidence.n: 0 is outside [1, 200]"),
                       ({"n": 201, "U3": [[1]]}, "evidence.n: 201 is outside [1, 200]"),
                       ({"n": 2, "U3": [[1, 1], [0, 1]]}, "evidence.U3: expected 3 rows, got 2"),
                       ({"n": 2, "U3": [[1], [0], [0]]}, "evidence.U3[0]: expected 2 entries, got 1")):
        assert _why({**rank, "evidence": ev}) == reason, ev


def test_l2_iff_refutations_are_read_with_every_length(honest):
    iff = {**honest["L2 iff"], "status": "refuted"}
    iff.pop("argument")
    for ev, reason in (({"n": 0, "U3": [[]]}, "evidence.n: 0 is outside [1, 200]"),
                       ({"n": 201, "U3": [[1]]}, "evidence.n: 201 is outside [1, 200]"),
                       # a wide or a short U3 (zip would truncate it to something of form (1))
                       ({"n": 1, "U3": [[1, 0], [0, 0]]}, "evidence.U3[0]: expected 1 entries, got 2"),
                       ({"n": 2, "U3": [[1], [0], [0]]}, "evidence.U3[0]: expected 2 entries, got 1"),
                       ({"n": 2, "U3": [[1, 1], [0, 1]]}, "evidence.U3: expected 3 rows, got 2")):
        assert _why({**iff, "evidence": ev}) == reason, ev


# -- negative controls: the kernel's own constructions checked over exactly what the spec says ------
def test_l3_checks_its_decoder_at_every_n_and_both_ranks(honest, monkeypatch):
    l3 = honest["L3 n2 = n"]
    n_max, real = l3["scope"]["n_max"], S._linear_decoder_reconstructs
    for k in (0, 1, n_max, n_max + 1):       # a construction that fails at n = k only: caught iff 1 <= k <= n_max
        monkeypatch.setattr(S, "_linear_decoder_reconstructs", lambda n, amp, k=k: real(n, amp) if n != k else
                            (False,) + real(n, amp)[1:])
        ok, why = recheck(l3)
        assert ok == (not 1 <= k <= n_max), (k, why)
        if not ok:
            assert why == "the decoder fails at n=%d" % k
    # each of the three conditions fails alone: the decoder, rank A2, rank W3
    for bad in (lambda ok, A2, W3: (False, A2, W3), lambda ok, A2, W3: (ok, A2[:1], W3),
                lambda ok, A2, W3: (ok, A2, W3[:1])):
        monkeypatch.setattr(S, "_linear_decoder_reconstructs",
                            lambda n, amp, bad=bad: bad(*real(n, amp)) if n == 2 else real(n, amp))
        assert _why(l3) == "the decoder fails at n=2"
    monkeypatch.setattr(S, "_linear_decoder_reconstructs", real)


def test_l1_relu_checks_its_constructions_against_every_row_of_x(honest, monkeypatch):
    """X changed in one place makes the kernel's constructions fail there: the decoder of n = 1
    with and without the zero signal and of n = 2 without it, every row, the threshold decoder at
    every n <= n_max (and no other), column 2 of the 3 x 3 staircase."""
    rel = honest["L1 relu"]
    real = S._X

    def at(n_max):
        return {**rel, "scope": {**rel["scope"], "n_max": n_max}, "evidence": {"checked": 3 + n_max}}

    def broken(n0, zero0, row):
        def fake(n, amp, zero=True):
            X = real(n, amp, zero)
            if n == n0 and zero is zero0:
                X[row] = [amp - x for x in X[row]]   # C <-> 0 in that row
            return X
        return fake
    for n0, zero0, row in ((1, True, 0), (1, True, 1), (1, False, 0), (2, False, 0), (2, False, 1)):
        monkeypatch.setattr(S, "_X", broken(n0, zero0, row))
        assert _why(at(1)) == "the construction fails at n=%d" % n0, (n0, zero0, row)
    for k in (0, 1, 4, 5):                     # the threshold decoder at n = k: checked iff 1 <= k <= n_max = 4
        def threshold_broken(n, amp, *zero, k=k):   # the threshold loop calls _X(n, C), the constructions _X(n, C, zero)
            X = real(n, amp, *zero)
            return X if zero or n != k else X[:-1] + [[amp] * n if n else [amp]]
        monkeypatch.setattr(S, "_X", threshold_broken)
        ok, why = recheck(at(4))
        assert ok == (not 1 <= k <= 4), (k, why)
        if not ok:
            assert why == "the threshold decoder fails at n=%d" % k
    monkeypatch.setattr(S, "_X", broken(3, True, 2))    # X(3, 2) = C: n_max = 2 reads _X(3) only for column 2
    assert _why(at(2)) == "column 2 of X is not (C, C, 0)"
    monkeypatch.setattr(S, "_X", real)


def test_the_handcrafted_decoder_s_guard_catches_a_layer_2_that_is_not_unit_triangular(honest, monkeypatch):
    """A2'(i, j) = ReLU(j - i + 1) (0-based) is 1 exactly on the diagonal and 0 below it; the guard
    of _linear_decoder is shown to catch either changed (ReLU taken from a shadowed `max`)."""
    r1, why = honest["R1"], "A2' is not unit upper triangular or the zero signal's row of A2 is not 0"
    for value in (1, 0):                         # the diagonal, or the entries below it and the zero signal's row
        monkeypatch.setattr(S, "max", lambda a, b, value=value: 2 if a == value else max(a, b), raising=False)
        assert _why(r1) == why, value
    monkeypatch.delattr(S, "max")
    assert _ok(r1)


def test_l2_full_rank_expands_the_determinant_at_every_n_up_to_sym_n(honest, monkeypatch):
    fr = honest["L2 full rank"]
    sym_n, real = fr["scope"]["sym_n"], S._det_identity
    for k in (1, sym_n, sym_n + 1):          # an identity that fails at n = k only: caught iff k <= sym_n
        monkeypatch.setattr(S, "_det_identity", lambda n, k=k: n != k and real(n))
        ok, why = recheck(fr)
        assert ok == (k > sym_n), (k, why)
        if not ok:
            assert why == "the determinant identity fails at n=%d" % k
    monkeypatch.setattr(S, "_det_identity", real)


def test_p1_proved_checks_the_error_bound_at_a_over_2_on_its_own(honest, monkeypatch):
    """The finite part's n = 1 already compares (1/(1 + T_K(a/2)))^2 with eps; with that part
    switched off the proved step still rejects eps at the bound (strict, at a/2, squared)."""
    pro = honest["P1 proved"]
    bound = (1 / (1 + S.Fraction(109, 15))) ** 2             # slope 4, K = 5 (see above)
    cert = {**pro, "scope": {"n_max": 1, "slope": "4", "eps": str(bound)}, "evidence": {"terms": 5, "checked": 1}}
    monkeypatch.setattr(S, "_staircase_mse_bound", lambda n, a, terms, cache: S.ZERO)
    assert _why(cert) == "1/(1 + T_K(a/2))^2 is not below eps"
    assert _ok({**cert, "scope": {**cert["scope"], "eps": str(bound + S.Fraction(1, 10 ** 40))}})


def test_l2_refutations_are_accepted_exactly_when_the_statement_would_fail(honest, monkeypatch):
    """001-L2 holds, so no refutation is accepted; with the kernel's form (1) test, resp. its rank,
    made wrong, a refutation of X itself is accepted: the refuted branch decides by them."""
    iff = {**honest["L2 iff"], "status": "refuted", "evidence": {"n": 2, "U3": [[1, 1], [0, 1], [0, 0]]}}
    iff.pop("argument")
    rank = {**honest["L2 full rank"], "status": "refuted", "scope": {"amplitude": 1}, "evidence": iff["evidence"]}
    rank.pop("argument")
    assert _why(iff) == "U3 agrees" and _why(rank) == "U3 is not of form (1) or has rank n"
    monkeypatch.setattr(S, "_form1", lambda U, n, amp: False)
    assert _ok(iff)
    monkeypatch.undo()
    monkeypatch.setattr(S.K, "rank", lambda m: 1)
    assert _ok(rank)


def test_l4_necessity_refutations_are_accepted_exactly_when_the_rank_would_be_n(honest, monkeypatch):
    """No bias-free A2 has rank n >= 3; with the kernel's rank made to say n, a refutation at n = 3 is
    accepted and one at n = 2 (outside the variant) is not."""
    nec = {**honest["L4 necessity"], "status": "refuted"}
    nec.pop("argument")
    three = {"n": 3, "codes": [1, 2, -1, 5], "W2": [1, -1, 2]}
    monkeypatch.setattr(S.K, "rank", lambda m: len(m[0]))
    assert _ok({**nec, "evidence": three})
    assert _why({**nec, "evidence": {"n": 2, "codes": [1, 2, -1], "W2": [1, -1]}}) == "rank A2 = 2 < n = 2"


def test_r1_proved_needs_h1_s_layer_2_and_h1_s_argument(honest, monkeypatch):
    """001-R1 [proved] rests on 001-H1's argument: a layer 2 that is not 001-H1's, or a broken sign
    step of that argument, is rejected; the finite part alone is only `verified`."""
    r1 = honest["R1"]
    assert r1["status"] == "proved" and _ok(r1)
    real = S._h1_layer2
    monkeypatch.setattr(S, "_h1_layer2", lambda n: (lambda W2, b2, z: (W2, [b + 1 for b in b2], z))(*real(n)))
    assert _why(r1) == "n=1: the layer 2 is not 001-H1's"
    monkeypatch.setattr(S, "_h1_layer2", real)
    import proofs.kernel.specs.p001b as B
    monkeypatch.setattr(B, "_same", lambda p, text, names: False)   # the sign step of 001-H1's argument fails
    assert _why(r1) == "A2 is not triangular with unit diagonal"
    monkeypatch.undo()
    monkeypatch.setattr(B, "_H1_B2", "({j}) + 2")      # another layer 2 (non-unit diagonal) in the argument
    assert _why(r1) == "n=1: the layer 2 is not 001-H1's"
    monkeypatch.undo()
    assert _ok(r1)
    bad = copy.deepcopy(r1)
    bad["argument"][-1]["id"] = "relu X"             # 001-H1's last step is not 001-R1's
    assert not _ok(bad)
