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
    # the kernel derives maps from the patterns; a swapped network no longer matches its hash
    cert["scope"]["networks"][0]["network"]["value"]["layers"][-1]["weight"][0][0] = "7"
    assert not recheck(cert)[0]
