"""000-E1, 000-L3.1 and admissible: the kernel rebuilds the statement and rejects every relabelling."""

import copy
import json

import pytest
from honest_certificates import honest as cached

from proofs.claims.p000 import lemma_3_1, sum_encoder
from proofs.kernel import recheck
from proofs.kernel.reader import Malformed, loads


def _l31(**kw):
    kw.setdefault("n_max", 8)
    return cached("000-L3.1 %r" % sorted(kw.items()), lambda: lemma_3_1.check(crosscheck=False, **kw).certificate)


def _e1(**kw):
    return cached("000-E1 %r" % sorted(kw.items()), lambda: sum_encoder.check(**kw).certificate)


def _ok(cert):
    return recheck(cert)[0]


def test_honest_certificates_are_accepted():
    assert _ok(_l31())
    assert _ok(_l31(weights="1/(i+1)"))
    assert _ok(_l31(weights="1/i + 1/(10*i**2)"))  # verified by the module; the kernel could prove more
    assert _ok(_e1(n_max=6)) and _ok(_e1(n_max=6, weights="2"))


@pytest.mark.parametrize("status", ["verified", "refuted", "inconclusive", "bogus"])
def test_proved_relabelled(status):
    cert = _l31()
    cert["status"] = status
    assert not _ok(cert)


@pytest.mark.parametrize("status", ["proved", "verified", "inconclusive"])
def test_refuted_relabelled(status):
    cert = _l31(weights="1/(i+1)")
    cert["status"] = status
    if status == "proved":
        cert["argument"] = [{"id": i, "checker": c} for i, c in lemma_3_1.KERNEL_ARGUMENT]
        cert["scope"]["n_max"] = 8
        cert["evidence"] = {"checked": 44}
    assert not _ok(cert)


def test_other_claims_and_unknown_claims():
    cert = _l31()
    for claim in ("000-E1", "002-C1", "NOPE"):
        assert not _ok({**cert, "claim": claim})
    assert not _ok({**cert, "claim": "NOPE", "status": "bogus"})
    assert not _ok({**cert, "variant": "literal"})


def test_changed_weights_with_recomputed_evidence_is_not_proved():
    cert = _l31()
    cert["scope"]["weights"] = "1/(i+1)"
    assert not _ok(cert)
    cert = _l31(weights="1/i + 1/(10*i**2)")  # verified: true, but the argument does not apply as stated
    cert["status"] = "proved"
    cert["argument"] = [{"id": i, "checker": c} for i, c in lemma_3_1.KERNEL_ARGUMENT]
    assert _ok(cert)  # the kernel's own argument covers it: 0 <= i - r_i < 1
    cert["scope"]["weights"] = "1/i - 1/(10*i**2)"
    assert not _ok(cert)


def test_wrong_counterexample_scope_and_argument():
    cert = _l31(weights="1/(i+1)")
    cert["evidence"] = {"n": 1, "theta": 0}  # x_0 = 0 is reconstructed exactly
    assert not _ok(cert)
    cert = _l31()
    cert["scope"]["n_max"] = 7  # shrunk: the stated count no longer matches
    assert not _ok(cert)
    cert = _l31()
    cert["argument"] = cert["argument"][:-1]
    assert not _ok(cert)
    cert = _l31()
    cert["argument"][1]["checker"] = "sympy"
    assert not _ok(cert)


def test_leftover_or_missing_keys():
    cert = _l31()
    cert["evidence"]["network"] = {"layers": [{"weight": [[1]]}]}  # evidence the spec does not read
    assert not _ok(cert)
    cert = _l31()
    del cert["scope"]["threshold"]
    assert not _ok(cert)
    cert = _l31()
    cert["obligations"] = []
    assert not _ok(cert)
    cert = _l31()
    cert["scope"]["threshold"] = 1.0
    assert not _ok(cert)
    cert = _l31()
    cert["scope"]["n_max"] = True
    assert not _ok(cert)


def test_duplicate_keys_and_huge_numbers_in_files():
    text = json.dumps(_l31()).replace('"status": "proved"', '"status": "refuted", "status": "proved"')
    with pytest.raises(Malformed, match="duplicate"):
        loads(text)
    with pytest.raises(Malformed):
        loads(json.dumps(_l31()).replace('"threshold": "1"', '"threshold": 1e300000000'))
    cert = _l31()
    cert["scope"]["threshold"] = "1" * 20000
    assert not _ok(cert)


def test_sum_encoder_relabels():
    cert = copy.deepcopy(_e1(n_max=6))
    cert["scope"]["weights"] = "j"
    assert not _ok(cert)
    cert = copy.deepcopy(_e1(n_max=6, weights="2"))
    cert["status"] = "verified"
    assert not _ok(cert)
    cert["status"] = "refuted"
    cert["evidence"]["theta"] = 0  # the zero signal is encoded as 0 by every encoder
    assert not _ok(cert)


def test_admissible(tmp_path):
    from exact.step_autoencoder import lemma_3_1_autoencoder
    from proofs.cli.commands.admissible import admissible_verdict

    path = tmp_path / "net.json"
    path.write_text(json.dumps(lemma_3_1_autoencoder(4, "1/i", 1, 1, 0).to_json()))
    cert = copy.deepcopy(admissible_verdict(str(path)).certificate)
    assert _ok(cert)
    swapped = copy.deepcopy(cert)
    swapped["scope"]["network"]["value"]["layers"][1]["weight"][0] = ["1/2"]
    assert not _ok(swapped)  # the hash binds the network
    path.write_text(json.dumps(lemma_3_1_autoencoder(4, "1/(i+1)", 1, 1, 0).to_json()))
    bad = copy.deepcopy(admissible_verdict(str(path)).certificate)
    assert _ok(bad) and bad["status"] == "refuted"
    bad["status"] = "verified"
    bad["evidence"] = {"checked": 5}
    assert not _ok(bad)


def _admissible(net, status, amplitude="2", include_zero=False, **evidence):
    from proofs.certificates import bind, certificate

    return certificate("admissible", status, scope={"network": bind(net), "amplitude": amplitude,
                                                    "include_zero": include_zero}, evidence=evidence)


CONST2 = {"layers": [{"weight": [["0"]], "bias": ["2"], "activation": "identity"}]}         # f(x) = 2: wrong at x_0 only
IDENTITY2 = {"layers": [{"weight": [["1", "0"], ["0", "1"]], "bias": ["0", "0"], "activation": "identity"}]}


def _why(cert):
    ok, msg = recheck(cert)
    assert not ok, msg
    return msg


def test_admissible_hand_built():
    """The amplitude, the zero signal and the bounds of the counterexample's theta are the statement's."""
    assert _ok(_admissible(CONST2, "verified", checked=1))                     # theta = 1 only
    assert "theta=0" in _why(_admissible(CONST2, "verified", include_zero=True, checked=2))
    assert _ok(_admissible(CONST2, "refuted", include_zero=True, theta=0))
    assert "outside [1, 1]" in _why(_admissible(CONST2, "refuted", theta=0))
    assert _ok(_admissible(IDENTITY2, "verified", amplitude="-3/2", include_zero=True, checked=3))
    assert _ok(_admissible(IDENTITY2, "verified", checked=2))
    assert "f(x_theta) = x_theta at theta=1" in _why(_admissible(IDENTITY2, "refuted", theta=1))
    assert "outside [1, 2]" in _why(_admissible(IDENTITY2, "refuted", theta=3))
    assert "outside [0, 2]" in _why(_admissible(IDENTITY2, "refuted", include_zero=True, theta=3))
    assert "non-zero" in _why(_admissible(IDENTITY2, "verified", amplitude="0", checked=2))
    # f(x) = x with amplitude 1 only: the amplitude is read from the scope
    cap = {"layers": [{"weight": [["1", "0"], ["0", "1"]], "bias": ["0", "0"], "activation": "hard_threshold",
                       "threshold": "1"}]}
    assert _ok(_admissible(cap, "verified", amplitude="1", checked=2))
    assert "theta=1" in _why(_admissible(cap, "verified", amplitude="2", checked=2))
    assert _ok(_admissible(cap, "refuted", amplitude="2", theta=2))
    assert "scope.network.value" in _why(_admissible({"layers": []}, "verified", checked=0))


def _l31_cert(status, n_max, weights, t="1", a="1", b="0", **evidence):
    from proofs.certificates import certificate

    return certificate("000-L3.1", status, scope={"n_max": n_max, "weights": weights, "threshold": t,
                                                  "encoder_scale": a, "encoder_shift": b},
                       evidence=evidence or {"checked": (n_max + 1) * (n_max + 2) // 2 - 1},
                       argument=lemma_3_1.KERNEL_ARGUMENT if status == "proved" else None)


def test_sign_on_integers_never_claims_a_wrong_sign():
    """f >= 0 ("0+") or f > 0 ("+") on every integer 1 <= i <= n, or None; checked against the values."""
    from fractions import Fraction

    from proofs.kernel import core as K
    from proofs.kernel.specs.p000 import _sign_on_integers

    for text, want in (("1 - i", None), ("i - 1", "0+"), ("(i-1)/(-1)", None), ("(i-1)/(1-2*i)", None),
                       ("(1-i)/(1-2*i)", None), ("1/(2*i-1)", "+"), ("0", "0+"), ("-1", None), ("(-1)/(-i)", "+"),
                       ("n - i", "0+"), ("i - n", None), ("(n - i + 1)/i", "+"), ("i*i - 3*i + 3", None)):
        f = K.expression(text, ("i", "n"))
        got = _sign_on_integers(f)
        assert got == want, (text, got)
        values = [f.at({"i": Fraction(i), "n": Fraction(n)}) for n in range(1, 7) for i in range(1, n + 1)]
        assert got is None or all(v > 0 for v in values) or (got == "0+" and all(v >= 0 for v in values))


def test_lemma_3_1_proved_only_for_the_true_statement():
    # r_i = 2 i - 1: right for n = 1 (the finite part), wrong from n = 2 on: i - r_i = 1 - i is not >= 0
    assert "0 <= i - r_i < 1 is not established" in _why(_l31_cert("proved", 1, "1/(2*i-1)"))
    assert "wrongly" in _why(_l31_cert("verified", 2, "1/(2*i-1)"))
    assert _ok(_l31_cert("proved", 2, "4/(4*i-3)"))                        # r_i = i - 3/4: i - r_i = 3/4
    assert _ok(_l31_cert("proved", 2, "1/(2*i)", a="2"))                   # a w_i = 1/i
    assert _ok(_l31_cert("proved", 2, "2/(2*i+1)", b="1/2"))               # r_i = (i + 1/2 - 1/2)
    assert _ok(_l31_cert("proved", 2, "2/i", t="2"))
    # the finite part is every n <= n_max: wrong only at n = 1, only at n = n_max, only past n_max
    assert "n=1:" in _why(_l31_cert("verified", 3, "1/i - (n-2)*(n-3)/(4*i)"))
    assert "n=3:" in _why(_l31_cert("verified", 3, "1/i - (n-1)*(n-2)/(4*i)"))
    assert _ok(_l31_cert("verified", 3, "1/i - (n-1)*(n-2)*(n-3)/(12*i)"))
    assert "wrongly" in _why(_l31_cert("verified", 8, "1/(i+1)"))
    assert _ok(_l31_cert("verified", 1, "1/i"))
    assert "outside [1, inf]" in _why(_l31_cert("verified", 0, "1/i", checked=0))


def test_lemma_3_1_refutations():
    from proofs.certificates import certificate

    def refuted(n, theta, weights="1/(i+1)", b="0"):
        return certificate("000-L3.1", "refuted", scope={"weights": weights, "threshold": "1", "encoder_scale": "1",
                                                         "encoder_shift": b}, evidence={"n": n, "theta": theta})
    assert _ok(refuted(51, 1)) and _ok(refuted(1, 0, weights="1/i", b="1"))   # x_0 decoded as 1 (code b = 1)
    assert "reconstructed exactly at n=1, theta=0" in _why(refuted(1, 0))
    for n, theta, why in ((100001, 1, "evidence.n: 100001 is outside [1, 100000]"), (0, 0, "evidence.n: 0 is outside"),
                          (2, 3, "evidence.theta: 3 is outside [0, 2]")):
        assert why in _why(refuted(n, theta))


def test_sum_encoder_every_branch():
    from proofs.certificates import certificate

    def e1(status, weights, amp="1", n_max=None, **ev):
        scope = {"weights": weights, "amplitude": amp}
        if n_max is not None:
            scope["n_max"] = n_max
            ev = ev or {"checked": (n_max + 1) * (n_max + 2) // 2 - 1}
        return certificate("000-E1", status, scope=scope, evidence=ev,
                           argument=[("weights", "kernel"), ("sum", "kernel")] if status == "proved" else None)
    assert _ok(e1("verified", "1", amp="2", n_max=3)) and _ok(e1("proved", "1", amp="-3", n_max=1))
    assert _ok(e1("verified", "1 + (j-1)*(j-2)/(3-j)", n_max=2))               # w(0) = 5/3, w(3) undefined
    assert "theta=3" in _why(e1("verified", "1 + (j-1)*(j-2)", n_max=3))
    assert "not identically 1" in _why(e1("proved", "1 + (j-1)*(j-2)", n_max=2))
    assert "outside [1, inf]" in _why(e1("verified", "1", n_max=0, checked=0))
    # refuted: f_E(x_theta) = C sum_{j <= theta} w_j != C theta
    for weights, amp, theta in (("(10-4*j)/3", "1", 2), ("j", "1", 2), ("3", "1", 3), ("1/4", "2", 2), ("2", "1", 1)):
        assert _ok(e1("refuted", weights, amp=amp, n=51, theta=theta)), (weights, theta)
    assert "theta=0" in _why(e1("refuted", "2", n=1, theta=0))
    for n, theta, why in ((100001, 1, "evidence.n: 100001 is outside [1, 100000]"), (0, 0, "evidence.n: 0 is outside"),
                          (2, 3, "evidence.theta: 3 is outside [0, 2]")):
        assert why in _why(e1("refuted", "2", n=n, theta=theta))


def test_lemma_3_1_units_beyond_n_are_not_part_of_the_network():
    # w(2, 1) = 3/2 would fire at theta = 1, but the network of n = 1 has one unit
    assert _ok(_l31_cert("verified", 1, "1/i + (i-1)"))


def test_lemma_3_1_argument_needs_both_bounds_of_the_gap():
    from proofs.kernel import core as K
    from proofs.kernel.specs.p000 import _sign_on_integers

    # (i-1)/(2i-2) is undefined at i = 1: neither sign is established
    assert _sign_on_integers(K.expression("(i-1)/(2*i-2)", ("i", "n"))) is None
    # w = 1: r_i = 1, i - r_i = i - 1 >= 0 but not < 1 (right for n = 1 only)
    assert "0 <= i - r_i < 1 is not established" in _why(_l31_cert("proved", 1, "1"))
    # i - r_i = 3(i-1)/(2i): >= 0 and < 2, but not < 1 from i = 3 on
    assert "0 <= i - r_i < 1 is not established" in _why(_l31_cert("proved", 1, "2*i/(2*i**2 - 3*i + 3)"))
