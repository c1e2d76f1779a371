"""What the terminal shows: wrapped tables, counterexamples as mathematics, show, list statements."""

import io
import json
import subprocess
import sys

from proofs.cli import main
from proofs.present import counterexample, counterexample_text, text_value, wrap_columns
from proofs.run.runner import print_table, run_claims, write_results
from proofs.verdict import Status, Verdict


def test_refuted_run_prints_its_counterexample(capsys):
    assert main(["run", "000-L3.1", "--n-max", "8", "--param", "weights=1/(i+1)"]) == 0
    out = capsys.readouterr().out
    assert "counterexample to 000-L3.1: n = 1, theta = 1, wrong_coordinates = (1), output = (0)" in out


def test_counterexample_text_reads_as_mathematics():
    v = Verdict(claim="001-C1", status=Status.REFUTED, scope={"description": "x"},
                evidence={"minimal_counterexample": {"rank_A2": 2, "why": "text is left out"}},
                certificate={"evidence": {"z": ["1", "2"], "W2": ["-2/3", "1"], "b2": ["1", "-3/2"]}})
    assert counterexample_text(counterexample(v)) == "z = (1, 2), W2 = (-2/3, 1), b2 = (1, -3/2); rank A2 = 2"
    assert counterexample(Verdict(claim="x", status=Status.PROVED)) is None  # only refuted verdicts have one
    assert text_value([["1", "0"], ["1/2", "-3"]]) == "[1, 0; 1/2, -3]"
    assert text_value("1" * 50 + "/3") == "111111...(50 digits)/3"
    assert text_value(None) == "none" and text_value([]) == "(none)"


def test_table_wraps_instead_of_cutting():
    long = "every step function for every n " * 8
    v = Verdict(claim="000-L3.1", status=Status.PROVED, scope={"description": long.strip()},
                crosscheck={"summary": "agreed", "disagreements": []})
    buf = io.StringIO()
    print_table([v], file=buf)
    text = buf.getvalue()
    assert "…" not in text
    assert text.split().count("function") == 8 and text.split().count("every") == 16  # every word kept
    assert wrap_columns(["abc def", "x"], [3, 1]) == ["abc  x", "def"]


def test_show_prints_one_verdict_in_full(tmp_path, capsys):
    res = tmp_path / "r.json"
    write_results(res, run_claims(["001-L3"], progress=False), certificates_dir=tmp_path)
    assert main(["show", "001-L3", "--results", str(res), "--variant", "literal"]) == 0
    out = capsys.readouterr().out
    assert "status: REFUTED" in out and "counterexample: n = 1, codes = (1, 2), W2 = (-1, -1)" in out
    assert "statement: rank(U3) <= min(rank A2, rank W3)" in out and "certificate: SHA-256" in out
    assert main(["show", "001-L3", "--results", str(res), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["verdicts"]) == 2
    assert main(["show", "000-E1", "--results", str(res)]) == 2  # no verdict there: one line, exit 2
    assert main(["show", "nope"]) == 2


def test_list_shows_statements(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "f_D(f_E(x)) = x for every step function" in " ".join(out.split())
    assert main(["list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["claims"]
    assert all(r["statement_latex"] for r in rows if r["registered"])


def test_importing_proofs_stays_cheap():
    code = "import sys, proofs; proofs.__all__; print(sorted({'numpy', 'flint', 'sympy', 'hypothesis'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
