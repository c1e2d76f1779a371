"""The report as a reader sees it: no Python repr, tables that fit, figures captioned, sources cited.

A representative subset of claims (counterexamples, long rationals, wide tables, figures,
proofs) is checked and compiled once; ``slow`` repeats the page checks on `run all`.
"""

import json
import re
import shutil
import subprocess

import pytest

from conftest import latex_available
from proofs.report import build_report, render_latex
from proofs.report.build import SOURCES, bibtex, overfull_hboxes, overfull_vboxes
from proofs.run.runner import run_claims, write_results

#: claims whose sections hold a refuted counterexample (001-L3, 001-F1), 40-60-digit
#: rationals (000-Q5, 002-P3), wide tables (002-P3, 003-T5), figures (000-L3.1, 004-Topo)
#: and proofs checked by the kernel (000-L3.1, 001-F1)
SUBSET = ["000-L3.1", "000-Q5", "001-L3", "001-F1", "002-P3", "003-T5", "004-Topo"]
REPR = ("{'", "None", "[]", "[None", "['", "Matrix(", "Traceback", "report section failed")


def _pdftotext(pdf) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def subset_results(tmp_path_factory):
    d = tmp_path_factory.mktemp("subset")
    verdicts = run_claims(SUBSET, {"n_max": 20}, progress=False)
    write_results(d / "results.json", verdicts, certificates_dir=d / "certs")
    return d


@pytest.fixture(scope="module")
def subset_report(subset_results):
    if not latex_available():
        return None
    return build_report(subset_results / "results.json", subset_results / "report")


def test_tex_has_sources_statements_and_captions(subset_results, tmp_path):
    doc = json.loads((subset_results / "results.json").read_text())
    tex = render_latex(doc, tmp_path)
    assert r"\tableofcontents" in tex and r"\bibliography{report}" in tex
    for key, _ in SOURCES.values():  # every source of the subset is cited from its section
        if any(v["claim"][:3] == SOURCES_PREFIX[key] for v in doc["verdicts"]):
            assert r"\cite[" in tex and key in tex
    # each claim's one-line LaTeX statement is in the summary and its section
    assert r"\operatorname{rank}U_3\le\min" in tex
    # every figure is a captioned, labelled float referenced in the text
    floats = tex.count(r"\includegraphics")
    assert floats >= 2 and floats == tex.count(r"\caption{") + tex.count(r"\captionof{figure}")
    for label in re.findall(r"\\label\{(fig:[^}]+)\}", tex):
        assert r"\ref{%s}" % label in tex
    # long rationals shortened (leading digits and digit count) with the full value in the appendix
    assert r"\ldots" in tex and "digits" in tex and r"\section{Long exact values}" in tex


SOURCES_PREFIX = {key: prefix for prefix, (key, _) in SOURCES.items()}


def test_bibtex_has_the_five_sources():
    bib = bibtex()
    assert bib.count("@") == 5 and all(key in bib for key, _ in SOURCES.values())


def test_no_python_repr_in_the_pdf(require_latex, subset_report):
    text = _pdftotext(subset_report)
    for bad in REPR:
        assert bad not in text, f"{bad!r} in the PDF text"
    assert "Contents" in text and "References" in text and "Traonmilin" in text
    assert "Counterexample" in text and "REFUTED" in text


def test_overfull_hbox_budget(require_latex, subset_report, subset_results):
    log = (subset_results / "report" / "build" / "report.log").read_text(errors="replace")
    widths = overfull_hboxes(log)
    assert len(widths) <= 5 and max(widths, default=0) <= 10, widths
    assert overfull_vboxes(log) == []
    assert "Citation" not in log or "undefined" not in "".join(
        ln for ln in log.splitlines() if ln.startswith("LaTeX Warning: Citation"))


def test_report_for_a_subset_of_claims(require_latex, subset_results, tmp_path):
    from proofs.cli import main

    out = tmp_path / "short"
    assert main(["report", str(subset_results / "results.json"), "--out", str(out), "--claims", "001-L3"]) == 0
    text = _pdftotext(out / "report.pdf")
    assert "001-L3" in text and "000-L3.1" not in text
    assert main(["report", str(subset_results / "results.json"), "--out", str(out), "--claims", "003-Ex2"]) == 2


def test_overfull_hboxes_reads_the_log():
    log = "Overfull \\hbox (12.5pt too wide) in paragraph\nOverfull \\vbox (3pt too high)\nOverfull \\hbox (1pt too wide)"
    assert overfull_hboxes(log) == [12.5, 1.0]
    assert overfull_vboxes(log) == [3.0]


@pytest.mark.slow
def test_full_report_pages(require_latex, tmp_path):
    verdicts = run_claims(["all"], progress=False)
    write_results(tmp_path / "results.json", verdicts, certificates_dir=tmp_path / "certs")
    pdf = build_report(tmp_path / "results.json", tmp_path / "report")
    text = _pdftotext(pdf)
    for bad in REPR:
        assert bad not in text, f"{bad!r} in the PDF text"
    log = (tmp_path / "report" / "build" / "report.log").read_text(errors="replace")
    widths = overfull_hboxes(log)
    assert len(widths) <= 5 and max(widths, default=0) <= 10, widths
    assert overfull_vboxes(log) == []


def test_command_options_keep_their_hyphens():
    """``--seeds`` in a command stays two hyphens (LaTeX would print an en dash ``–seeds``)."""
    from proofs.report.latex import latex_escape, prose

    assert latex_escape("--seeds 0") == "-{}-seeds 0" and "-{}-claim" in prose("x --claim 001-H2")
    assert latex_escape("1 -- 2") == "1 -- 2"  # a dash between words is left to LaTeX


def test_a_runs_table_factors_its_command_and_leaves_out_empty_columns():
    from proofs.report.build import _table

    cmd = "OPENBLAS_NUM_THREADS=1 python -m proofs.claims.p001.slides_runs --claim 001-H2 -n 4 --seeds {} --epochs 9"
    rows = [{"n": 4, "seed": s, "reproduced_bitwise": None, "command": cmd.format(s)} for s in range(3)]
    tex = _table(rows, long=False)
    head = tex.split(r"\hline")[1]
    assert "reproduced" not in head and "reproduced bitwise is empty in every row" in tex
    assert r"{\ttfamily -{}-claim 001-H2 -n 4 -{}-seeds 2 -{}-epochs 9}" in tex  # only the arguments per row
    assert tex.count("slides") == 1  # the program once, below the table
    # one row, or a column that is filled somewhere: nothing is left out
    assert "reproduced" in _table(rows[:1], long=False)
    rows[1]["reproduced_bitwise"] = True
    assert "left out" not in _table(rows, long=False)


def test_a_counterexample_shows_its_network_and_records():
    """A hashed network is named by its widths; a list of records (Motzkin multipliers) is a table,
    not "(3 entries, in the JSON)"."""
    from proofs.report.build import _counterexample_block

    net = {"layers": [{"weight": [["1", "2"]], "bias": ["0"], "activation": "relu"}]}
    ce = {"n": "2", "network": {"sha256": "ab" * 32, "value": {"network": net, "training": {"n": 2}}},
          "infeasible": [{"output": 1, "y": ["0", "1/2"]}, {"output": 2, "y": ["1", "0"]}]}
    tex = _counterexample_block(ce)
    assert "a network of widths 2-1" in tex and "SHA-256 abababababab" in tex
    assert r"\begin{tabular}" in tex and r"\frac{1}{2}" in tex and "entries, in the JSON" not in tex


def test_a_counterexample_names_its_values_as_the_claim_writes_them():
    from proofs.report.build import _counterexample_block
    from proofs.report.latex import claim_texts

    with claim_texts({"W3+^T": r"$W_3^{+T}$", "true W3^T": r"true $W_3^T$"}):
        tex = _counterexample_block({"W3+^T": "43", "true_W3^T": "0", "other_name": "1"})
    assert r"W_3^{+T} = 43" in tex and r"\text{true $W_3^T$} = 0" in tex and r"\text{other name} = 1" in tex


def test_the_summary_cuts_a_scope_the_claim_writes_in_latex():
    from proofs.report.build import _brief_tex, _scope_brief

    assert _brief_tex(r"all $n$ ($x; y$ inside math); rest") == r"all $n$ ($x; y$ inside math) \ldots"
    assert _brief_tex("no clause to cut") == "no clause to cut"

    class Mod:
        TEXTS_LATEX = {"n <= 8; more": r"$n \le 8$; more"}

    v = {"claim": "X", "scope": {"description": "n <= 8; more"}}
    assert _scope_brief(v, {"X": Mod}) == r"$n \le 8$ \ldots"
    assert _scope_brief(v, {}) == r"$n \le 8$ ..."  # not written: the ASCII cut, then typeset
