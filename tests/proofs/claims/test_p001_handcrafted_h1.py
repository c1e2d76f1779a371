"""001-H1: the handcrafted decoder for z(i) = i."""

from exact.slides001 import decoder_network, linear_codes, reconstructs, data_rows
from proofs.claims.p001 import handcrafted_h1 as m, linear_decoder
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdicts():
    canon, rand = m.check(n_max=8, float_n_max=20)
    assert canon.status is Status.PROVED and rand.status is Status.PROVED   # all n: the kernel checks the argument
    assert rand.crosscheck["first_n_float_not_exact_random_U3"] is not None
    assert recheck(canon.certificate)[0] and recheck(rand.certificate)[0]
    for v in (canon, rand):
        arg = v.evidence["argument"]
        # kernel steps carry the kernel's answer; a cited theorem is listed by name, never marked checked
        assert arg["valid"] and all(s["holds"] for s in arg["steps"] if s["checker"] == "kernel")
        assert all("holds" not in s for s in arg["steps"] if s["checker"].startswith("theorem:"))
        assert [s["check"] for s in arg["steps"]] == [a["checker"] for a in v.certificate["argument"]]
        assert not any(s["check"] in ("", "True") for s in arg["steps"])
    assert canon.certificate["scope"]["n_max"] == 8 and canon.certificate["evidence"]["checked"] == 8


def test_certificate_bounded_and_amplitude():
    canon, rand = m.check(n_max=20, samples=1, float_n_max=10, amplitude="5/2")
    assert canon.certificate["scope"] == {"n_max": m.CERTIFICATE_N_MAX, "amplitude": "5/2"}
    assert recheck(canon.certificate)[0] and recheck(rand.certificate)[0]


def test_closed_form_matches_flint():
    for n in (1, 4, 9):
        assert linear_decoder(n).W3.rows() == tuple(tuple(r) for r in m._closed_form(n, 1))


def test_negative_control_wrong_closed_form_fails():
    dec = linear_decoder(4)
    wrong = [[1 if i == j else 0 for j in range(4)] for i in range(4)]     # W3 = I instead of (I - S)^T
    assert not reconstructs(decoder_network(dec.W2, dec.b2, wrong), linear_codes(4), data_rows(4))


def test_report_section_writes_figures(tmp_path):
    tex = m.report_section([], tmp_path)
    assert (tmp_path / "h1-decoder-output.pdf").exists() and (tmp_path / "h1-a2-pattern.pdf").exists()
    assert "h1-a2-pattern.pdf" in tex
