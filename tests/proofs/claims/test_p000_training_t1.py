from fractions import Fraction

from proofs.claims.p000 import training_t1 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_default_scope_small():
    vs = m.check(n_values="4,6", seeds=1, epochs=200, relu_n=4, relu_seeds=1)
    by = {v.variant: v for v in vs}
    assert by["threshold/certified"].status is Status.VERIFIED
    assert by["threshold/finds-z0"].status is Status.REFUTED
    for v in vs:
        assert recheck(v.certificate)[0], v.label
    for r in by["threshold/certified"].evidence["runs"]:
        assert r["in_exact_box"]
    for r in by["relu2/certified"].evidence["runs"]:
        assert r["handcrafted_admissible"] and r["same_signs"]


def test_negative_control_z0_distinguisher_rejects_tampered_output():
    vs = m.check(n_values="4", seeds=1, epochs=200, relu_n=3, relu_seeds=1)
    cert = next(v for v in vs if v.variant == "threshold/finds-z0").certificate
    for ob in cert["obligations"]:
        if ob["check"] == "network_outputs":
            out = ob["cases"][0]["output"]
            ob["cases"][0]["output"] = ["1" if x == "0" else "0" for x in out]
            break
    assert not recheck(cert)[0]


def test_canonical_relu_is_invariant_under_rescaling_and_permutation():
    W2, b2, W3 = [Fraction(2), Fraction(-1), Fraction(1, 2)], [Fraction(1), Fraction(3), Fraction(-1)], \
        [[Fraction(1), Fraction(2), Fraction(3)], [Fraction(4), Fraction(5), Fraction(6)]]
    a = m.canonical_relu(W2, b2, W3)
    D, perm = [Fraction(3), Fraction(1, 5), Fraction(7)], [2, 0, 1]
    W2b = [W2[p] * D[p] for p in perm]
    b2b = [b2[p] * D[p] for p in perm]
    W3b = [[row[p] / D[p] for p in perm] for row in W3]
    assert m.canonical_relu(W2b, b2b, W3b) == a
    # negative control: a non-positive rescaling changes the canonical form
    assert m.canonical_relu([-W2[0]] + W2[1:], b2, W3) != a
