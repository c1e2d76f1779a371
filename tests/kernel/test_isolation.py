"""The kernel folder runs alone: ``python3 -I -S proofs/kernel``, standard library and its own files only."""

import json
import os
import shutil
import subprocess
import sys
import sysconfig

from proofs.claims.p000 import lemma_3_1
from proofs.run.kernel_process import KERNEL_DIR, run_kernel


def _write(tmp_path, name, cert):
    path = tmp_path / name
    path.write_text(json.dumps(cert))
    return path


def _kernel(*args, cwd=None):
    return subprocess.run([sys.executable, "-I", "-S", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_imports_only_the_standard_library_and_the_folder(tmp_path):
    cert = _write(tmp_path, "c.json", lemma_3_1.check(n_max=5).certificate)
    proc = subprocess.run([sys.executable, "-I", "-S", "-X", "importtime", str(KERNEL_DIR), str(cert)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    names = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    names.discard("imported package")  # the header line
    top = {n.split(".")[0] for n in names if n}
    outside = {n for n in top if n not in sys.stdlib_module_names and n not in ("relu_kernel", "_distutils_hack")}
    assert "relu_kernel" in top and not outside, outside
    assert not {"numpy", "flint", "sympy", "exact", "numeric", "proofs"} & top


def test_no_module_outside_the_folder_can_be_imported():
    """Under -I -S, sys.path holds the kernel folder and the standard library's directories only."""
    proc = _kernel("-c", "import sys, json; print(json.dumps(sys.path))", cwd="/")
    stdlib = os.path.realpath(sysconfig.get_paths()["stdlib"])
    zipped = os.path.dirname(stdlib)  # pythonNN.zip lives beside the stdlib folder
    for p in json.loads(proc.stdout):
        real = os.path.realpath(p)
        assert "site-packages" not in real and "dist-packages" not in real, p
        assert real.startswith(stdlib) or os.path.dirname(real) == zipped, p
    for mod in ("numpy", "flint", "sympy", "exact", "proofs"):
        proc = _kernel("-c", f"import {mod}", cwd="/")
        assert proc.returncode != 0, mod


def test_a_copied_folder_runs_with_a_bare_interpreter(tmp_path):
    copy = tmp_path / "kernel"
    shutil.copytree(KERNEL_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    good = _write(tmp_path, "good.json", lemma_3_1.check(n_max=5).certificate)
    bad_cert = lemma_3_1.check(n_max=5).certificate
    bad_cert["status"] = "refuted"
    bad = _write(tmp_path, "bad.json", bad_cert)
    (tmp_path / "broken.json").write_text('{"format": ')
    assert _kernel(copy, good, cwd=tmp_path).returncode == 0
    proc = _kernel(copy, good, bad, cwd=tmp_path)
    assert proc.returncode == 1 and "bad.json: INVALID" in proc.stderr
    proc = _kernel(copy, tmp_path / "broken.json", cwd=tmp_path)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    assert _kernel(copy, cwd=tmp_path).returncode == 2


def test_recheck_runs_the_folder_in_a_child_process(tmp_path, monkeypatch):
    good = _write(tmp_path, "good.json", lemma_3_1.check(n_max=5).certificate)
    answer = run_kernel([good])
    assert answer["exit"] == 0 and answer["certificates"][0]["status"] == "valid"
    from proofs.cli import main

    assert main(["recheck", str(good)]) == 0
    odd = _write(tmp_path, "--json", lemma_3_1.check(n_max=5).certificate)  # a file named like an option
    assert run_kernel([odd])["exit"] == 0


def test_python_m_proofs_kernel_imports_no_numerics(tmp_path):
    cert = _write(tmp_path, "c.json", lemma_3_1.check(n_max=5).certificate)
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "proofs.kernel", str(cert)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    names = {line.split("|")[-1].strip().split(".")[0] for line in proc.stderr.splitlines()
             if line.startswith("import time:")}
    assert not {"numpy", "flint", "sympy", "scipy", "exact", "numeric"} & names


def test_max_digits_takes_ascii_digits_only(tmp_path):
    # "²".isdigit() is true and int("²") fails: the option's value is refused with its usage
    # line and exit 2, never a traceback.
    for value in ("\u00b2", "\u0664\u0664", "0", "10000001", "-5", ""):
        proc = _kernel(KERNEL_DIR, "--max-digits", value, tmp_path / "none.json")
        assert proc.returncode == 2 and "Traceback" not in proc.stderr, (value, proc.stderr)
        assert "--max-digits takes a whole number" in proc.stderr
