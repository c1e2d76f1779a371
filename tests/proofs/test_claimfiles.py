"""Claim files (proofs/claimfiles.py), the examples of docs/examples, plug-in claims and the CLI."""

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from exact.errors import ToolkitError
from proofs.claimfiles import check_claim_file, load_claim_file
from proofs.claims import registry
from proofs.cli import main
from proofs.kernel import recheck

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"
KERNEL = ROOT / "proofs" / "kernel"


@pytest.fixture(autouse=True)
def clean_registry():
    saved = dict(registry._EXTRA)
    yield
    registry._EXTRA.clear()
    registry._EXTRA.update(saved)


def test_examples_are_short():
    for name in ("clamp.toml", "clamp_wrong.toml"):
        assert len((EXAMPLES / name).read_text().splitlines()) <= 25, name


def test_clamp_lemma_verified_for_n_up_to_200():
    v = check_claim_file(EXAMPLES / "clamp.toml")
    assert (v.claim, v.status.value) == ("clamp-sum", "verified")
    assert v.certificate["evidence"]["checked"] == 200
    ok, message = recheck(v.certificate)
    assert ok and "n = 1..200" in message
    assert not v.crosscheck["disagreements"]


def test_false_clamp_refuted_and_relabels_rejected():
    v = check_claim_file(EXAMPLES / "clamp_wrong.toml")
    assert v.status.value == "refuted" and v.certificate["evidence"]["n"] == 1
    cert = v.certificate
    assert recheck(cert)[0]
    assert not recheck({**cert, "status": "proved", "argument": []})[0]
    assert not recheck({**cert, "status": "verified"})[0]
    assert not recheck({**cert, "claim": "clamp-sum"})[0]
    # its witness moved to a point where the two sides agree (x = 2: both are 1)
    bad = copy.deepcopy(cert)
    bad["evidence"]["x"] = ["2"]
    assert not recheck(bad)[0]
    # the true lemma's scope with the false lemma's networks: the kernel finds the difference
    true = check_claim_file(EXAMPLES / "clamp.toml", scope_max=3).certificate
    wrong = check_claim_file(EXAMPLES / "clamp_wrong.toml", scope_max=3)
    assert wrong.status.value == "refuted"
    forged = copy.deepcopy(true)
    forged["evidence"]["instances"][0]["objects"] = wrong.certificate["evidence"]["objects"]
    assert not recheck(forged)[0]


def test_run_claim_files_from_the_cli(tmp_path, capsys):
    certs = tmp_path / "certs"
    code = main(["run", str(EXAMPLES / "clamp.toml"), str(EXAMPLES / "clamp_wrong.toml"), "--n-max", "30",
                 "--json", str(tmp_path / "r.json"), "--certificates", str(certs), "-q"])
    assert code == 0, capsys.readouterr()
    doc = json.loads((tmp_path / "r.json").read_text())
    assert [(v["claim"], v["status"]) for v in doc["verdicts"]] == [("clamp-sum", "verified"),
                                                                   ("clamp-sum-shift2", "refuted")]
    assert all(v["kernel"]["status"] == "valid" for v in doc["verdicts"])
    files = sorted(str(p) for p in certs.glob("clamp*.json"))
    out = subprocess.run([sys.executable, "-I", "-S", str(KERNEL), *files], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "n = 1..30" in out.stdout
    # --claim-file: the certificate must embed that very file (here: the range was lowered to 30)
    wrong = str(certs / "clamp-sum-shift2.json")
    out = subprocess.run([sys.executable, "-I", "-S", str(KERNEL), "--claim-file", str(EXAMPLES / "clamp_wrong.toml"),
                          wrong], capture_output=True, text=True)
    assert out.returncode == 1 and "not about the given claim file" in out.stderr
    lowered = tmp_path / "lowered.toml"
    lowered.write_text(json.loads(Path(wrong).read_text())["scope"]["claim_file"]["text"])
    out = subprocess.run([sys.executable, "-I", "-S", str(KERNEL), "--claim-file", str(lowered), wrong],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    out = subprocess.run([sys.executable, "-I", "-S", str(KERNEL), "--claim-file", str(tmp_path / "none.toml"), wrong],
                         capture_output=True, text=True)
    assert out.returncode == 2
    from proofs.report.build import render_latex

    tex = render_latex(doc, tmp_path)
    assert r"\mathrm{ReLU}(x - i - 1)" in tex  # the statement typeset as LaTeX, not escaped


def test_bad_claim_file_is_one_line_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\ntitle = "t"\n')
    assert main(["run", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and len(err) <= 200 and "bad.toml" in err
    (tmp_path / "nomod.toml").write_text((EXAMPLES / "clamp.toml").read_text().replace("clamp:network", "nomod:f"))
    assert main(["run", str(tmp_path / "nomod.toml")]) == 2
    assert "nomod" in capsys.readouterr().err
    with pytest.raises(ToolkitError):
        load_claim_file(tmp_path / "missing.toml")


MODULE = '''"""my-L1 -- a researcher's own claim module, outside our catalogue."""
from pathlib import Path

from proofs.claim import claim
from proofs.claimfiles import check_claim_file


@claim("my-L1", title="The clamp, as a module", source="mine", statement="see clamp.toml", reading="n <= N")
def check(*, n_max: int = 5):
    v = check_claim_file(Path(__file__).with_name("lemma.toml"), scope_max=n_max)
    return check.verdict(v.status, scope=v.scope, evidence=v.evidence, crosscheck=v.crosscheck,
                         certificate=v.certificate)
'''


def _plugin_folder(tmp_path):
    folder = tmp_path / "plug"
    folder.mkdir()
    (folder / "clamp.py").write_text((EXAMPLES / "clamp.py").read_text())
    (folder / "lemma.toml").write_text((EXAMPLES / "clamp.toml").read_text().replace('"clamp-sum"', '"my-L1"'))
    (folder / "mylemma.py").write_text(MODULE)
    (folder / "other.toml").write_text((EXAMPLES / "clamp_wrong.toml").read_text())
    return folder


def test_claims_dir(tmp_path, capsys, clean_registry):
    folder = _plugin_folder(tmp_path)
    (folder / "lemma.toml").rename(folder / "lemma.toml.txt")  # only the module may claim my-L1
    (folder / "mylemma.py").write_text(MODULE.replace('with_name("lemma.toml")', 'with_name("lemma.toml.txt")'))
    code = main(["run", "my-L1", "clamp-sum-shift2", "--claims-dir", str(folder), "--json", str(tmp_path / "r.json"),
                 "-q"])
    assert code == 0, capsys.readouterr()
    doc = json.loads((tmp_path / "r.json").read_text())
    assert [(v["claim"], v["status"], v["kernel"]["status"]) for v in doc["verdicts"]] == [
        ("my-L1", "verified", "valid"), ("clamp-sum-shift2", "refuted", "valid")]
    assert main(["list", "--claims-dir", str(folder)]) == 0
    assert "my-L1" in capsys.readouterr().out


def test_same_id_twice_is_an_input_error(tmp_path, capsys, clean_registry):
    folder = _plugin_folder(tmp_path)  # lemma.toml and mylemma.py both claim my-L1
    assert main(["run", "my-L1", "--claims-dir", str(folder)]) == 2
    assert "registered twice" in capsys.readouterr().err


def test_entry_point_plugins(tmp_path, monkeypatch, clean_registry):
    folder = _plugin_folder(tmp_path)
    (folder / "lemma.toml").rename(folder / "lemma.txt")
    (folder / "mylemma.py").write_text(MODULE.replace('with_name("lemma.toml")', 'with_name("lemma.txt")'))
    monkeypatch.syspath_prepend(str(folder))
    from importlib.metadata import EntryPoint

    eps = [EntryPoint(name="mine", value="mylemma", group=registry.ENTRY_POINT_GROUP)]
    monkeypatch.setattr("importlib.metadata.entry_points", lambda group=None: eps if group else {})
    registry.plugin_claims.cache_clear()
    try:
        assert "my-L1" in registry.claims() and "my-L1" not in registry.catalogue_claims()
        v = registry.get_claim("my-L1").check(n_max=3)
        assert v.status.value == "verified" and recheck(v.certificate)[0]
    finally:
        registry.plugin_claims.cache_clear()


def test_unregistered_module_runs_as_a_script(tmp_path):
    folder = _plugin_folder(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, str(folder / "mylemma.py"), "--n-max", "4", "--json", str(tmp_path / "s.json")],
                         capture_output=True, text=True, env=env, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    doc = json.loads((tmp_path / "s.json").read_text())
    assert doc["verdicts"][0]["claim"] == "my-L1" and doc["verdicts"][0]["kernel"]["status"] == "valid"


def test_a_crashing_script_is_one_line_exit_3(tmp_path):
    (tmp_path / "crash.py").write_text(
        "from proofs.claim import claim\n\n"
        "@claim('my-crash', title='t', source='s', statement='s', reading='r')\n"
        "def check(*, n_max: int = 1):\n    return 1 / 0\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, str(tmp_path / "crash.py")], capture_output=True, text=True, env=env)
    assert out.returncode == 3
    assert out.stderr.count("\n") == 1 and "ZeroDivisionError" in out.stderr and "Traceback" not in out.stderr
