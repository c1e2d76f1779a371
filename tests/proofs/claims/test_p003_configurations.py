"""003-Conf: the verdict, its certificate, a tampered certificate, and `proofcheck regions`."""

import json

from exact.network import save_network
from proofs.claims.p003 import configurations, random_network
from proofs.cli import main
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdict_and_certificate():
    v = configurations.check()
    assert v.status is Status.VERIFIED and not v.evidence["problems"]
    assert recheck(v.certificate)[0]
    assert not v.crosscheck["disagreements"]


def test_negative_control_tampered_map_is_rejected():
    v = configurations.check()
    cert = json.loads(json.dumps(v.certificate))
    ob = next(o for o in cert["obligations"] if o["check"] == "configuration" and "linear" in o)
    ob["offset"][0] = str(int(ob["offset"][0].split("/")[0]) + 1) + ("/" + ob["offset"][0].split("/")[1] if "/" in ob["offset"][0] else "")
    assert not recheck(cert)[0]


def test_cli_regions(tmp_path, capsys):
    p = tmp_path / "net.json"
    save_network(random_network([2, 3, 2, 1], 3), p)
    out = tmp_path / "r.json"
    assert main(["regions", str(p), "--box", "-2", "2", "--json", str(out), "--plot", str(tmp_path / "r.png")]) == 0
    doc = json.loads(out.read_text())
    assert doc["counts"]["activation_regions"] == len(doc["regions"]) > 0
    r = doc["regions"][0]
    assert set(r) >= {"pattern", "point", "inequalities", "affine_map"}
    assert (tmp_path / "r.png").stat().st_size > 1000
    bad = tmp_path / "bad.json"
    bad.write_text('{"layers": [{"weight": [[0.5]]}]}')
    assert main(["regions", str(bad)]) == 2
    assert "float" in capsys.readouterr().err
