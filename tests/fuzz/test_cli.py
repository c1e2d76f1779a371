"""Fuzzing the subcommands: argument lists and files never give a traceback.

In-process through :func:`proofs.cli.main` for speed (hypothesis, the ``ci`` profile), plus
a few subprocess runs of the real ``proofcheck`` for the cases of issue 15.  Every case:
no traceback, an exit code of the documented set, each error one line of at most 200
characters, within 2 s of CPU time.  Budgets are CPU time, never wall-clock time
(tests/budgets.py): in-process, a spinning case is interrupted; the subprocess runs are under
RLIMIT_CPU and RLIMIT_AS, so a hang or a blow-up is killed by the kernel and fails the test.
"""

import contextlib
import io
import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from budgets import cpu_budget, run_limited  # tests/budgets.py (pytest puts tests/ on the path)
from proofs.cli import main

DOCUMENTED = {0, 1, 2, 3, 130}
CASE_SECONDS = 2.0

NETS = {
    "d1.json": {"layers": [{"weight": [[1], [1], [1]], "bias": [0, -1, -2], "activation": "relu"},
                           {"weight": [[1, -2, 1]]}]},
    "d2.json": {"layers": [{"weight": [["1", "-1"], ["1", "1"], ["0", "1"]], "bias": ["0", "-1", "1/2"],
                            "activation": "relu"}, {"weight": [["1", "1", "-1"]]}]},
    "auto3.json": {"layers": [{"weight": [[1, 1, 1]]}, {"weight": [[1], ["1/2"], ["1/3"]],
                                                        "activation": "hard_threshold", "threshold": 1}]},
    "d3.json": {"layers": [{"weight": [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]], "activation": "relu"}]},
}
BAD = {
    "exp.json": b'{"layers":[{"weight":[["1e999999999",1]]}]}',
    "digits.json": b'{"layers":[{"weight":[[' + b"9" * 20_000 + b",1]]}]}",
    "deep.json": b"[" * 100_000,
    "utf16.json": '{"layers":[{"weight":[[1]]}]}'.encode("utf-16"),
    "binary.json": bytes(range(256)) * 4,
    "float.json": b'{"layers":[{"weight":[[0.5]]}]}',
    "dup.json": b'{"layers":[{"weight":[[1]]}],"layers":[]}',
    "empty.json": b"",
    "results-seconds.json": json.dumps({"verdicts": [{"claim": "X", "status": "verified", "seconds": "fast"}]}).encode(),
    "results-claim.json": json.dumps({"verdicts": [{"claim": None, "status": "verified"}]}).encode(),
    "results-scope.json": json.dumps({"verdicts": [{"claim": "X", "status": "verified", "scope": None}]}).encode(),
}
GOOD_RESULTS = {"verdicts": [{"claim": "X-1", "status": "refuted", "scope": {"description": "a & b"},
                              "evidence": {"n": 3, "x": ["1/2", "3"], "deep": [[[[["1"]]]]]},
                              "crosscheck": {"summary": "ok", "disagreements": [{"n": 1, "i": 2}]},
                              "seconds": 0.5}], "complete": False}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli-fuzz")
    for name, doc in NETS.items():
        (d / name).write_text(json.dumps(doc))
    for name, data in BAD.items():
        (d / name).write_bytes(data)
    (d / "results.json").write_text(json.dumps(GOOD_RESULTS))
    (d / "outdir").mkdir()
    return d


def _run(argv, cpu_seconds=CASE_SECONDS):
    """Run one command in-process within ``cpu_seconds`` of CPU time; (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with cpu_budget(cpu_seconds, what=" ".join(map(str, argv))[:300]):
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = main([str(a) for a in argv])
    return rc, out.getvalue(), err.getvalue()


def _check(argv, rc, out, err, allowed=frozenset({0, 1, 2})):
    shown = " ".join(map(str, argv))[:300]
    assert rc in DOCUMENTED and rc in allowed, f"exit {rc} for {shown}: {err[-400:]}"
    assert "Traceback" not in err and "Traceback" not in out, shown
    if rc == 2:
        lines = [ln for ln in err.splitlines() if ln.strip()]
        assert len(lines) == 1 and len(lines[0]) <= 200, f"{shown}: {err[:400]}"


def _tokens(files: Path):
    return st.sampled_from([
        "--box", "-1/3", "7/5", "-1", "1", "1e999999999", "-1e999999999", "0", "--json", files / "outdir",
        files / "outdir" / "o.json", files / "missing" / "o.json", "--plot", files / "outdir" / "p.xyz",
        files / "outdir" / "p.pdf", "--seconds", "0.5", "-5", "--max-digits", "5", "9" * 5000, "--show", "2",
        "--method", "sweep", "general", "polygon", "auto", "-q", "--no-irredundant", "--amplitude", "3/2",
        "--no-zero", "--certificates", files / "outdir" / "certs", "--input-dim", "-d", "2", "100", "--help",
        "--nonsense", "", "=", "x=y",
    ] + [files / n for n in list(NETS) + list(BAD)]) | st.text(max_size=8)


@pytest.mark.parametrize("command", ["admissible", "regions", "bounds"])
def test_argument_lists(files, command):
    _run([command, files / "d1.json"], cpu_seconds=60)  # the command's one-time imports: not part of any case's budget

    @given(st.lists(_tokens(files), max_size=6))
    def case(argv):
        full = [command] + argv
        _check(full, *_run(full))

    case()


def test_network_files_through_admissible_and_regions(files):
    @given(st.sampled_from(sorted(list(NETS) + list(BAD))), st.sampled_from(["admissible", "regions"]),
           st.sampled_from([[], ["--box", "-1/3", "7/5"], ["--box", "-1", "1e999999999"], ["--amplitude", "1e99999"],
                            ["--method", "general"], ["--seconds", "1"]]))
    def case(name, command, extra):
        if command == "admissible" and "--box" in extra or command == "regions" and "--amplitude" in extra:
            extra = []
        argv = [command, files / name] + extra
        _check(argv, *_run(argv))

    case()


def test_bounds_sizes(files):
    @given(st.integers(1, 5000), st.lists(st.integers(1, 10 ** 6) | st.integers(1, 40), min_size=1, max_size=30),
           st.booleans())
    def case(d, widths, as_json):
        argv = ["bounds", "-d", d] + widths + (["--json"] if as_json else []) + ["--seconds", "1.5"]
        _check(argv, *_run(argv))

    case()


def test_report_documents(files, tmp_path):
    scalars = st.none() | st.booleans() | st.integers(-5, 10 ** 20) | st.floats(allow_nan=False, allow_infinity=False) \
        | st.text(max_size=10)
    values = st.recursive(scalars, lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c, max_size=3),
                          max_leaves=12)

    # the first report imports every claim module (the registry) once: not part of any case's time
    warm = tmp_path / "warm.json"
    warm.write_text(json.dumps(GOOD_RESULTS))
    warm_argv = ["report", warm, "--out", tmp_path / "warm", "--no-pdf"]
    _check(warm_argv, *_run(warm_argv, cpu_seconds=60), allowed=frozenset({0}))

    @given(st.dictionaries(st.sampled_from(["claim", "status", "seconds", "scope", "evidence", "crosscheck", "variant",
                                            "title", "statement"]), values, max_size=5), st.booleans())
    def case(changes, complete):
        v = dict(GOOD_RESULTS["verdicts"][0], **changes)
        p = tmp_path / "r.json"
        p.write_text(json.dumps({"verdicts": [v], "complete": complete}))
        argv = ["report", p, "--out", tmp_path / "rep", "--no-pdf"]
        _check(argv, *_run(argv), allowed=frozenset({0, 2}))

    case()


def test_run_argument_lists(files):
    # claim IDs that do not exist, bad options and bad output paths: all stop before any check runs
    @given(st.lists(st.sampled_from(["NOPE", "all", "--json", files / "outdir", files / "missing" / "r.json",
                                     "--n-max", "0", "-3", "9" * 5000, "--param", "n_max=1e999999999", "x",
                                     "--certificates", files / "missing" / "c", "--report", files / "missing" / "r",
                                     "--fail-on", "maybe", "-q"]), max_size=6))
    def case(argv):
        full = ["run"] + argv
        if not any(a in ("NOPE", "x") for a in argv):  # keep real claims out: a run is not a fuzz case
            full = ["run", "NOPE"] + argv
        _check(full, *_run(full))

    case()


# -- the cases of issue 15, in-process and through the real executable --------------------------

def test_issue_15_cases_in_process(files, tmp_path):
    net = files / "d2.json"
    cases = [
        (["admissible", files / "exp.json"], 2, "over the limit of 10000 digits"),
        (["regions", files / "exp.json"], 2, "over the limit"),
        (["regions", net, "--box", "-1", "1e999999999"], 2, "over the limit"),
        (["admissible", files / "digits.json"], 2, "20000 digits"),
        (["admissible", files / "deep.json"], 2, "nested 100000 deep"),
        (["admissible", files / "utf16.json"], 2, "UTF-16"),
        (["admissible", files / "binary.json"], 2, "not a text file"),
        (["regions", net, "--json", files / "outdir"], 2, "is a directory"),
        (["regions", net, "--plot", tmp_path / "out.xyz"], 2, "must end in one of"),
        (["regions", net, "--plot", tmp_path / "missing" / "p.pdf"], 2, "does not exist"),
        (["regions", net, "--json", tmp_path / "missing" / "r.json"], 2, "does not exist"),
        (["report", files / "results-seconds.json", "--out", tmp_path / "r1", "--no-pdf"], 2, "seconds"),
        (["report", files / "results-claim.json", "--out", tmp_path / "r2", "--no-pdf"], 2, "claim"),
        (["report", files / "results-scope.json", "--out", tmp_path / "r3", "--no-pdf"], 2, "scope"),
        (["report", files / "results.json", "--out", tmp_path / "no" / "r", "--no-pdf"], 2, "does not exist"),
        (["run", "000-L3.1", "--json", files / "outdir"], 2, "is a directory"),
        (["run", "000-L3.1", "--json", tmp_path / "missing" / "r.json"], 2, "does not exist"),
        (["regions", net, "--box", "-1/3", "7/5", "-q"], 0, ""),
        (["regions", files / "d1.json", "--box", "-1/3", "-1/7", "-q"], 0, ""),
        (["bounds", "-d", "2"] + ["100"] * 20, 0, ""),
        (["bounds", "-d", "3000"] + ["3000"] * 12, 2, "digits"),
        (["bounds", "-d", "3000", "--seconds", "0.3"] + ["3000"] * 9, 2, "out of time"),
        (["--max-digits", "30000", "admissible", files / "digits.json"], 2, "maps R^2 to R^2"),
        (["admissible", files / "digits.json", "--max-digits", "30000"], 2, "maps R^2 to R^2"),
        (["admissible", files / "auto3.json", "--amplitude", "-1/2"], 1, ""),
        (["report", files / "results.json", "--out", tmp_path / "ok", "--no-pdf"], 0, ""),
    ]
    for argv, want, text in cases:
        # an error is found within a second of CPU time; a successful run within the case budget
        rc, out, err = _run(argv, cpu_seconds=CASE_SECONDS if want == 0 else 1.0)
        _check(argv, rc, out, err)
        assert rc == want and text in err, (argv, rc, err)
    assert (tmp_path / "ok" / "report.tex").exists()
    assert oct(os.stat(tmp_path / "ok" / "report.tex").st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask():
    m = os.umask(0o022)
    os.umask(m)
    return m


def _executable():
    exe = Path(sys.executable).with_name("proofcheck")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "proofs"]


# A child gets 10 s of CPU time (interpreter start-up and imports included, about 1 s) and 512 MiB
# of address space (about 250 MiB are mapped by the interpreter, numpy and flint with one BLAS
# thread); past either it is killed or its allocation fails.  Its peak resident memory must stay
# under 200 MiB.
CHILD_CPU_SECONDS = 10
CHILD_ADDRESS_SPACE_MIB = 512
CHILD_PEAK_MIB = 200


def test_issue_15_cases_through_the_executable(files, tmp_path):
    for argv, want in [
        (["admissible", files / "exp.json"], 2),
        (["regions", files / "d2.json", "--box", "-1", "1e999999999"], 2),
        (["admissible", files / "deep.json"], 2),
        (["admissible", files / "binary.json"], 2),
        (["admissible", files / "digits.json"], 2),
        (["regions", files / "d2.json", "--box", "-1/3", "7/5", "--json", tmp_path / "r.json", "-q"], 0),
    ]:
        r = run_limited(_executable() + argv, cpu_seconds=CHILD_CPU_SECONDS, address_space_mib=CHILD_ADDRESS_SPACE_MIB)
        assert r.killed_by is None, (argv, f"killed by {r.killed_by} after {r.cpu_seconds:.1f} s of CPU time")
        assert r.returncode == want and "Traceback" not in r.stderr, (argv, r.returncode, r.stderr[-500:])
        if want == 2:
            assert len(r.stderr.strip().splitlines()) == 1 and len(r.stderr.strip()) <= 200, r.stderr[:300]
        assert r.peak_rss_mib < CHILD_PEAK_MIB, (argv, f"peak RSS {r.peak_rss_mib:.0f} MiB")
    assert oct(os.stat(tmp_path / "r.json").st_mode & 0o777) == oct(0o666 & ~_umask())

