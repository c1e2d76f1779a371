"""003-Conf: the verdict, its certificate and a tampered certificate (the CLI: tests/numeric/test_regions.py)."""

import json

from proofs.claims.p003 import configurations
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
