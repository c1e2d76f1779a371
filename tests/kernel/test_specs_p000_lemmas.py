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
