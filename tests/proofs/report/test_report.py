"""The LaTeX report: built from verdicts, text escaped, exact math typeset, PDF compiled."""

import json
import os
import shutil
import subprocess

import pytest

from proofs.claims.p000 import lemma_3_1
from proofs.report import build_report, render_latex
from proofs.run.runner import write_results
from proofs.verdict import Status, Verdict


def _results(tmp_path, verdicts):
    path = tmp_path / "r.json"
    write_results(path, verdicts)
    return path


def test_latex_escapes_text_and_typesets_rationals(tmp_path):
    v = Verdict(claim="000-E1", status=Status.REFUTED, scope={"description": "50% of n_max & {all}"},
                evidence={"counterexample": {"A2": [["1/2", "0"], ["-3", "7/5"]], "note": "x_i ~ $y$"}})
    tex = render_latex(json.loads(_results(tmp_path, [v]).read_text()), tmp_path)
    assert r"50\% of $n_{{\max}}$ \& \{all\}" in tex  # free text escaped, its ASCII math typeset
    assert r"\frac{1}{2}" in tex and r"\frac{7}{5}" in tex
    assert r"$x_{i}$ \textasciitilde{} \$y\$" in tex


def test_tex_only_without_pdf(tmp_path):
    out = build_report(_results(tmp_path, [lemma_3_1.check(n_max=5)]), tmp_path / "rep", compile_pdf=False)
    assert out.endswith("report.tex")
    assert "000-L3.1" in open(out).read()


def test_pdf_report_shows_the_claim(tmp_path, require_latex):
    v = lemma_3_1.check(n_max=60)
    pdf = build_report(_results(tmp_path, [v]), tmp_path / "rep")
    assert pdf.endswith("report.pdf")
    if shutil.which("pdftotext") is None:
        if os.environ.get("PROOFCHECK_REQUIRE_LATEX") == "1":
            pytest.fail("pdftotext (poppler-utils) is required here")
        pytest.skip("pdftotext (poppler-utils) not installed")
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True)
    assert "000-L3.1" in text.stdout and "PROVED" in text.stdout
    assert "Disagreements" in text.stdout and "θ" in text.stdout and "theta" not in text.stdout  # typeset
    # the ceiling step is a definition: listed, never marked checked
    assert "(a definition, nothing computed)" in text.stdout
