"""The independent kernel accepts honest certificates and rejects tampered ones."""

import copy
import json
import subprocess
import sys

from proofs import kernel
from proofs.claims.p000 import lemma_3_1


def _cert():
    return lemma_3_1.check(n_max=8).certificate


def test_accepts_lemma_certificate():
    ok, messages = kernel.recheck(_cert())
    assert ok and messages == []


def test_rejects_tampered_weight():
    cert = copy.deepcopy(_cert())
    cert["obligations"][4]["network"]["layers"][1]["weight"][2] = ["1/4"]
    ok, messages = kernel.recheck(cert)
    assert not ok and "theta" in messages[0]


def test_rejects_tampered_failures_and_threshold():
    cert = copy.deepcopy(_cert())
    cert["obligations"][0]["failures"] = [1]
    assert not kernel.recheck(cert)[0]
    cert = copy.deepcopy(_cert())
    cert["obligations"][3]["network"]["layers"][1]["threshold"] = "3/2"
    assert not kernel.recheck(cert)[0]


def test_rejects_malformed():
    assert not kernel.recheck({})[0]
    assert not kernel.recheck({"format": kernel.FORMAT, "obligations": []})[0]
    assert not kernel.recheck({"format": kernel.FORMAT, "obligations": [{"check": "nope"}]})[0]
    bad = {"format": kernel.FORMAT, "obligations": [{"check": "rank", "matrix": [[0.5]], "rank": 1}]}
    assert not kernel.recheck(bad)[0]


def test_primitive_checks():
    F = kernel.FORMAT
    good = [
        {"check": "rank", "matrix": [["1", "2"], ["2", "4"]], "rank": 1},
        {"check": "matrix_product", "A": [[1, 2]], "B": [[3], [4]], "C": [[11]]},
        {"check": "psd", "matrix": [[2, -1], [-1, 2]], "psd": True},
        {"check": "strict_point", "A": [[1, 0], [0, 1]], "b": [1, 1], "point": ["1/2", "0"]},
        {"check": "farkas", "A": [[1], [-1]], "b": [0, -1], "y": [1, 1]},  # x <= 0 and x >= 1
    ]
    assert kernel.recheck({"format": F, "obligations": good}) == (True, [])
    bad = [
        {"check": "rank", "matrix": [["1", "2"], ["2", "4"]], "rank": 2},
        {"check": "matrix_product", "A": [[1, 2]], "B": [[3], [4]], "C": [[10]]},
        {"check": "psd", "matrix": [[1, 2], [2, 1]], "psd": True},
        {"check": "strict_point", "A": [[1, 0]], "b": [1], "point": ["1", "0"]},
        {"check": "farkas", "A": [[1], [-1]], "b": [1, 0], "y": [1, 1]},
    ]
    for ob in bad:
        assert not kernel.recheck({"format": F, "obligations": [ob]})[0], ob


def test_kernel_uses_standard_library_only():
    src = open(kernel.__file__).read()
    imports = {line.split()[1].split(".")[0] for line in src.splitlines()
               if line.startswith(("import ", "from "))}
    assert imports <= {"json", "sys", "fractions"}, imports


def test_command_line(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(json.dumps(_cert()))
    assert subprocess.run([sys.executable, "-m", "proofs.kernel", str(path)], capture_output=True).returncode == 0
    cert = _cert()
    cert["obligations"][1]["failures"] = [0]
    path.write_text(json.dumps(cert))
    assert subprocess.run([sys.executable, "-m", "proofs.kernel", str(path)], capture_output=True).returncode == 1
