"""001-H4: the handcrafted decoder for random codes."""

import pytest

from exact.errors import InvalidArgument
from exact.slides001 import data_rows, handcrafted_decoder, random_form1, reconstructs
from proofs.claims.p001 import random_encoder_h4 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdict():
    v = m.check(n_max=6, samples=2, rank_n_max=60)
    assert v.status is Status.INCONCLUSIVE and recheck(v.certificate)[0]
    ev = v.certificate["evidence"]
    assert ev["searched"] == v.evidence["instances"] == 24 and ev["seed"] == 0
    assert len(ev["instances"]) == 24 and {i["n"] for i in ev["instances"]} == set(range(1, 7))
    assert any("matrix_rank" in str(d.get("kind", "")) for d in v.crosscheck["disagreements"])


def test_certificate_lists_instances_up_to_the_bound():
    v = m.check(n_max=m.CERTIFICATE_N_MAX + 1, samples=1, rank_n_max=20)
    ev = v.certificate["evidence"]
    assert ev["searched"] == 2 * (m.CERTIFICATE_N_MAX + 1) and len(ev["instances"]) == 2 * m.CERTIFICATE_N_MAX
    assert recheck(v.certificate)[0]


def test_negative_control_wrong_codes_or_duplicates_rejected():
    z = ["7/2", -1, 4, 0, "1/3"]
    dec = handcrafted_decoder(z, random_form1(4, 1, seed=2), 4)
    assert reconstructs(dec.network, z, data_rows(4))
    swapped = [z[1], z[0]] + z[2:]                 # the decoder of other codes
    assert not reconstructs(dec.network, swapped, data_rows(4))
    with pytest.raises(InvalidArgument):
        handcrafted_decoder([1, 2, 2, 3], random_form1(3, 1, seed=2), 3)
