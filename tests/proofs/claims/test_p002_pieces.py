import json

from proofs.claims.p002 import pieces
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdict():
    v = pieces.check(k_max=6, n_random=4)
    assert v.status is Status.VERIFIED and recheck(v.certificate)[0]
    saw = [r for r in v.evidence["constructions"] if r["family"] == "sawtooth"]
    assert [r["pieces_on_[0,1]"] for r in saw] == [2 ** k for k in range(1, 7)]


def test_negative_control_shrunk_count_is_rejected():
    v = pieces.check(k_max=3, n_random=1)
    assert v.certificate["scope"]["widths"] == [[1, 2, 1], [1, 1, 1, 1]]
    cert = json.loads(json.dumps(v.certificate))
    cert["scope"]["k_max"] = 2  # the kernel enumerates one sawtooth fewer than the certificate counts
    assert not recheck(cert)[0]
