"""Every claim writes its statement, reading and variants in LaTeX (the report typesets them as written).

A claim lacking one fails here (statement, reading) or in its own tests (a variant or a
variant's reading its check returns without LaTeX is a ``TypeError`` of the decorator).
"""

import re
import subprocess

import pytest

from proofs.claim import claim
from proofs.claims.registry import catalogue_claims
from proofs.verdict import Status

#: ASCII mathematics that must not appear in LaTeX text outside math mode
_ASCII_MATH = re.compile(r"<=|>=|!=|->|\^\{|[A-Za-z]_\{|\b[A-Z]\d\b|\b(?:theta|alpha|beta|sigma|lambda|rho|Delta)\b")


def _texts(mod):
    """(where, LaTeX text, is math) of a claim module."""
    yield "statement", mod.STATEMENT_LATEX, True
    yield "title", mod.TITLE_LATEX, False
    yield "reading", mod.READING_LATEX, False
    for name, tex in mod.VARIANTS_LATEX.items():
        yield f"variant {name!r}", tex, False
    for name, tex in mod.READINGS_LATEX.items():
        yield f"reading of {name!r}", tex, False


def _problems(tex: str, math: bool) -> list[str]:
    out = []
    depth = 0
    for ch in re.sub(r"\\[{}$]", "", tex):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            break
    if depth:
        out.append("unbalanced braces")
    if math:
        if "$" in tex:
            out.append("a one-line math statement has no $")
        return out
    if tex.count("$") % 2:
        out.append("an odd number of $")
    text_parts = re.sub(r"\$[^$]*\$", " ", tex)
    text_parts = re.sub(r"\\(?:texttt|emph)\{[^{}]*\}", " ", text_parts)
    text_parts = re.sub(r"\b\d{3}-[A-Za-z0-9.]+", " ", text_parts)  # claim IDs (001-L2)
    bad = _ASCII_MATH.findall(text_parts)
    if bad:
        out.append(f"ASCII mathematics outside $...$: {bad[:3]}")
    return out


@pytest.mark.parametrize("cid", sorted(catalogue_claims()))
def test_every_claim_writes_its_statement_and_readings_in_latex(cid):
    mod = catalogue_claims()[cid]
    assert mod.STATEMENT_LATEX.strip(), f"{cid}: no @claim(latex=...) statement"
    assert mod.READING_LATEX.strip(), f"{cid}: no @claim(reading_latex=...)"
    assert mod.TITLE_LATEX.strip(), f"{cid}: no @claim(title_latex=...)"
    for where, tex, math in _texts(mod):
        assert isinstance(tex, str) and tex.strip(), f"{cid}: empty LaTeX for the {where}"
        assert not _problems(tex, math), (cid, where, _problems(tex, math))


def test_the_ascii_check_rejects_ascii_mathematics():
    assert _problems(r"for every n <= 8 and A2", False)
    assert _problems(r"for every $n", False)
    assert _problems(r"$x_{1}", True) and _problems(r"\frac{1}{2", True)
    assert not _problems(r"for every $n\le 8$ and $A_2$ (\texttt{n_max})", False)


def test_every_claims_latex_compiles(require_latex, tmp_path):
    """All statements, readings and variant names in one document, compiled by pdflatex."""
    body = []
    for cid, mod in sorted(catalogue_claims().items()):
        body.append(r"\section*{%s}" % cid)
        for where, tex, math in _texts(mod):
            body.append((r"\[ %s \]" % tex) if math else (r"\par " + tex))
    doc = ("\\documentclass{article}\\usepackage{amsmath,amssymb}\\begin{document}\n"
           + "\n".join(body) + "\n\\end{document}\n")
    (tmp_path / "all.tex").write_text(doc)
    proc = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "all.tex"],
                          cwd=tmp_path, capture_output=True, text=True)
    errors = [ln for ln in proc.stdout.splitlines() if ln.startswith("!")]
    assert proc.returncode == 0, errors[:3]


def _toy(**latex):
    @claim("toy-X", title="t", source="s", statement="st", reading="r", latex="x=1", **latex)
    def check(variant="a", own_reading=None):
        return check.verdict(Status.VERIFIED, scope={"description": "d"}, variant=variant, reading=own_reading)

    return check


def test_the_decorator_fills_the_latex_of_variants_and_readings():
    check = _toy(reading_latex="$r$", variants_latex={"a": "$a$", "b": "$b$"}, readings_latex={"b": "own $b$"})
    v = check("a")
    assert (v.statement_latex, v.reading_latex, v.variant_latex) == ("x=1", "$r$", "$a$")
    v = check("b", own_reading="own b")
    assert (v.reading, v.reading_latex, v.variant_latex) == ("own b", "own $b$", "$b$")
    assert check("a").to_json()["variant_latex"] == "$a$"  # the results JSON carries it


def test_a_variant_or_reading_without_latex_is_a_bug_of_the_claim():
    check = _toy(reading_latex="$r$", variants_latex={"a": "$a$"})
    with pytest.raises(TypeError, match="variant 'c' has no LaTeX"):
        check("c")
    with pytest.raises(TypeError, match="reading of variant 'a' has no LaTeX"):
        check("a", own_reading="another reading")
    # a claim that writes no LaTeX at all (a user's module) is typeset as escaped text instead
    plain = _toy()
    assert plain("c").variant_latex == "" and plain("c").reading_latex == ""


def test_001_c1_writes_every_condition_part_in_latex():
    """The report names each part of 001-C1's condition in LaTeX (not ``rows share patterns <= 2``)."""
    from fractions import Fraction as F

    from proofs.claims.p001 import conjecture_c1 as c1
    from proofs.methods.search import A2Instance, evaluate_a2

    instances = [A2Instance((F(0), F(1)), (F(1), F(1)), (F(0), F(-1))),  # distinct codes
                 A2Instance((F(0), F(0)), (F(1), F(0)), (F(1), F(1))),   # repeated codes
                 A2Instance((F(2),), (F(1),), (F(-1),))]                # n = 1
    names = set()
    for inst in instances:
        ev = evaluate_a2(inst)
        for reading in c1.READINGS:
            names |= set(c1.condition_parts(reading, ev))
    assert {"rows share patterns <= 2", "interlacing", "codes distinct"} <= names
    for name in names:
        tex = c1.PART_LATEX.get(name)
        assert tex, f"001-C1: condition part {name!r} has no LaTeX in PART_LATEX"
        assert not _problems(tex, False), (name, _problems(tex, False))


#: claims whose report sections hold no text typeset from ASCII mathematics: every step, scope and
#: evidence text their verdicts carry is written in LaTeX in the claim (TEXTS_LATEX); small budgets
WRITTEN = {"000-E1": {"n_max": 8}, "000-L3.1": {"n_max": 8, "float_formats": "float64"},
           "001-E1": {"n_max": 8}, "001-L2": {"n_max": 6}, "001-L3": {"n_max": 6},
           "001-F1": {"n_max": 4}, "001-L1": {"n_max": 6}, "001-L5": {"n_max": 4}, "001-Co1": {"n_max": 4, "sym_n": 2}, "001-P1": {"n_max": 4}, "001-H4": {"n_max": 4}, "001-C1": {"max_examples": 5, "seconds": 1.0},
           "001-L4": {"n_max": 4, "samples": 1}, "001-P2": {"n_max": 4, "samples": 1},
           "001-H1": {"n_max": 4, "samples": 1, "float_n_max": 5}, "004-Main": {"widths": "2,4", "dense": 200},
           "000-Q4": {"n_max": 4, "seeds": 1, "train_n": 3}, "000-Q5": {"n_max": 4, "seeds": 1, "train_n": 3},
           "001-R1": {"n_max": 6}, "002-P1": {"n_networks": 1}}


@pytest.mark.parametrize("cid", sorted(WRITTEN))
def test_a_claims_report_section_is_written_in_latex(cid, tmp_path):
    from proofs.report.build import _claim_section, _fill_latex
    from proofs.report.latex import claim_texts, unwritten_texts

    mod = catalogue_claims()[cid]
    got = mod.check(**WRITTEN[cid])
    docs = [v.to_json() for v in (got if isinstance(got, list) else [got])]
    for v in docs:
        _fill_latex(v, mod)
    out: list = []
    with unwritten_texts() as seen, claim_texts(mod.TEXTS_LATEX):
        _claim_section(out, cid, docs, mod, tmp_path)
    assert not seen, f"{cid}: texts typeset from ASCII (write them in TEXTS_LATEX): {seen[:3]}"
    assert r"\subsection" in "\n".join(out)


def test_the_texts_claims_write_in_latex_have_no_ascii_mathematics():
    checked = 0
    for cid, mod in sorted(catalogue_claims().items()):
        for key, tex in getattr(mod, "TEXTS_LATEX", {}).items():
            if isinstance(tex, str):
                assert not _problems(tex, False), (cid, key, _problems(tex, False))
                checked += 1
    assert checked >= 60


def test_an_ascii_text_not_written_by_the_claim_is_recorded():
    """Negative control of the check above: a text with ASCII mathematics that the claim does not write."""
    import re as _re

    from proofs.report.latex import claim_texts, prose, unwritten_texts

    with unwritten_texts() as seen, claim_texts({"n <= 8": r"$n \le 8$", _re.compile(r"m = (\d+)"): r"$m = #1$"}):
        assert prose("n <= 8") == r"$n \le 8$" and prose("m = 12") == "$m = 12$"
        prose("k >= 2 for every x_theta")
    assert seen == ["k >= 2 for every x_theta"]


def test_sympy_results_in_steps_are_typeset_from_sympy():
    """A step's check carries sympy's printed result; the report typesets it with sympy's LaTeX printer."""
    from proofs.methods.symbolic import STEPS_LATEX
    from proofs.report.latex import claim_texts, prose

    with claim_texts(STEPS_LATEX):
        assert prose("(1/i).is_positive = True") == r"\texttt{is\_positive}: $\frac{1}{i} > 0$"
        assert prose("(-1/i).is_positive = False").endswith("is False")  # a failed check says so
        assert prose("d^2/dtheta^2 f_E(x_theta) = 0") == r"$\frac{d^2}{d\theta^2} f_E(x_\theta) = 0$"
        assert prose("code = theta") == r"code $= \theta$"
