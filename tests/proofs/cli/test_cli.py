"""The proofcheck command line, driven as a user would (in a subprocess where it matters)."""

import json
import subprocess
import sys

import pytest

from proofs.cli import main


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "proofs", *args], capture_output=True, text=True, cwd=cwd)


def test_help_on_every_command():
    for cmd in ([], ["list"], ["run"], ["recheck"], ["admissible"], ["report"]):
        r = run(*cmd, "--help")
        assert r.returncode == 0 and "usage: proofcheck" in r.stdout


def test_list(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "000-L3.1" in out and "pending issue" in out or "000-L3.1" in out
    assert main(["list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["claims"]
    assert any(r["claim"] == "000-E1" and r["registered"] for r in rows)


def test_run_recheck_and_tamper(tmp_path):
    res, certs = tmp_path / "r.json", tmp_path / "certs"
    r = run("run", "000-L3.1", "--n-max", "60", "--json", str(res), "--certificates", str(certs))
    assert r.returncode == 0, r.stderr
    doc = json.loads(res.read_text())
    (v,) = doc["verdicts"]
    assert doc["complete"] and v["claim"] == "000-L3.1" and v["status"] == "proved"
    assert v["scope"]["n_max"] == 60
    assert {"n": 49, "theta": 49, "i": 49, "format": "float64"} in v["crosscheck"]["disagreements"]
    assert v["crosscheck"]["formats"] == ["float64", "float32"]       # the default formats
    assert all(isinstance(d[k], int) and not isinstance(d[k], bool) for d in v["crosscheck"]["disagreements"]
               for k in ("n", "theta", "i"))
    assert {d["format"] for d in v["crosscheck"]["disagreements"]} == {"float64", "float32"}
    cert = certs / "000-L3.1.json"
    assert run("recheck", str(cert)).returncode == 0
    data = json.loads(cert.read_text())
    data["scope"]["weights"] = "1/(i+1)"          # another network than the one proved
    bad = tmp_path / "tampered.json"
    bad.write_text(json.dumps(data))
    r = run("recheck", str(bad))
    assert r.returncode == 1 and "INVALID" in r.stderr
    r = run("recheck", "--json", str(cert), str(bad))
    answer = json.loads(r.stdout)
    assert r.returncode == 1 and [c["status"] for c in answer["certificates"]] == ["valid", "invalid"]
    (tmp_path / "broken.json").write_text("{")
    r = run("recheck", str(cert), str(tmp_path / "broken.json"))
    assert r.returncode == 2 and "MALFORMED" in r.stderr


def test_run_param_and_fail_on(tmp_path):
    r = run("run", "000-L3.1", "--n-max", "5", "--param", "weights=1/(i+1)", "--fail-on", "refuted")
    assert r.returncode == 1 and "refuted" in r.stdout
    r = run("run", "000-L3.1", "--param", "no_such=1")
    assert r.returncode == 2 and "no selected claim takes" in r.stderr
    r = run("run", "999-Z")
    assert r.returncode == 2 and "unknown claim" in r.stderr and "Traceback" not in r.stderr
    r = run("run", "000-L3.1", "--param", "n_max=abc")
    assert r.returncode == 2 and "Traceback" not in r.stderr


def _write(tmp_path, obj, name="net.json"):
    p = tmp_path / name
    p.write_text(obj if isinstance(obj, str) else json.dumps(obj))
    return str(p)


LEMMA_N3 = {"layers": [{"weight": [[1, 1, 1]], "activation": "identity"},
                       {"weight": [["1"], ["1/2"], ["1/3"]], "activation": "hard_threshold", "threshold": "1"}]}


def test_admissible(tmp_path):
    good = _write(tmp_path, LEMMA_N3)
    r = run("admissible", good, "--json", str(tmp_path / "a.json"), "--certificates", str(tmp_path / "c"))
    assert r.returncode == 0 and "admissible" in r.stdout
    assert run("recheck", *[str(p) for p in (tmp_path / "c").iterdir()]).returncode == 0
    wrong = json.loads(json.dumps(LEMMA_N3))
    wrong["layers"][1]["weight"][1] = ["1/3"]
    r = run("admissible", _write(tmp_path, wrong, "wrong.json"))
    assert r.returncode == 1 and "theta = 2" in r.stdout
    r = run("admissible", good, "--amplitude", "2")
    assert r.returncode == 1


@pytest.mark.parametrize("text", ['{"layers": [{"weight": [[0.5, 1]]}]}', "{", '{"layers": [{"weight": [[1]], "activation": "tanh"}]}'])
def test_malformed_network_one_line_exit_2(tmp_path, text):
    r = run("admissible", _write(tmp_path, text))
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert "net.json" in r.stderr


def test_admissible_shape_error(tmp_path):
    r = run("admissible", _write(tmp_path, {"layers": [{"weight": [[1, 1]]}]}))
    assert r.returncode == 2 and "maps R^2 to R^1" in r.stderr


def test_recheck_unreadable(tmp_path):
    r = run("recheck", str(tmp_path / "missing.json"))
    assert r.returncode == 2


def test_run_float_formats(tmp_path):
    res = tmp_path / "r.json"
    r = run("run", "000-L3.1", "--n-max", "12", "--float", "float16", "--float", "bfloat16", "--float", "float16",
            "--json", str(res), "-q")
    assert r.returncode == 0, r.stderr
    doc = json.loads(res.read_text())
    (v,) = doc["verdicts"]
    assert v["crosscheck"]["formats"] == ["float16", "bfloat16"] and doc["parameters"]["float_formats"] == "float16,bfloat16"
    assert {"n": 11, "theta": 11, "i": 11, "format": "float16"} in v["crosscheck"]["disagreements"]
    r = run("run", "000-L3.1", "--n-max", "3", "--float", "float8")
    assert r.returncode == 2 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert len(r.stderr.strip()) <= 200
    r = run("run", "001-L2", "--float", "float32")               # no selected claim has a float cross-check
    assert r.returncode == 2 and "--float: 001-L2: exact only" in r.stderr and "000-L3.1" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and len(r.stderr.strip()) <= 200
