"""001-H4: the handcrafted decoder for random codes."""

from math import factorial

import pytest

from exact.errors import InvalidArgument
from exact.slides001 import data_rows, handcrafted_decoder, random_form1, reconstructs
from proofs.claims.p001 import random_encoder_h4 as m
from proofs.kernel import recheck
from proofs.verdict import Status


def test_verdicts():
    v, rep = m.check(n_max=6, samples=2, rank_n_max=60)
    assert v.status is Status.PROVED and recheck(v.certificate)[0]
    assert rep.status is Status.REFUTED and recheck(rep.certificate)[0]
    assert v.evidence["instances"] == 24 and not v.evidence["failures"]
    assert v.certificate["scope"]["n_max"] == m.SORTED_N_MAX == 5
    assert v.certificate["evidence"]["checked"] == sum(factorial(n + 1) + factorial(n) for n in range(1, 6))
    assert [s["id"] for s in v.certificate["argument"]] == ["order", "signs", "invertible", "solve", "form (1)"]
    assert v.evidence["argument"]["valid"]
    assert any("matrix_rank" in str(d.get("kind", "")) for d in v.crosscheck["disagreements"])


def test_kernel_scope_follows_a_small_n_max():
    v = m.check(n_max=2, samples=1, rank_n_max=20)[0]
    assert v.certificate["scope"]["n_max"] == 2 and v.certificate["evidence"]["checked"] == 2 + 1 + 6 + 2
    assert recheck(v.certificate)[0]


def test_negative_control_distinct_codes_are_needed():
    rep = m.check(n_max=1, samples=1, rank_n_max=10)[1]
    bad = {**rep.certificate, "evidence": {"n": 1, "codes": [1, 2]}}   # distinct codes: no counterexample
    assert not recheck(bad)[0]


def test_negative_control_wrong_codes_or_duplicates_rejected():
    z = ["7/2", -1, 4, 0, "1/3"]
    dec = handcrafted_decoder(z, random_form1(4, 1, seed=2), 4)
    assert reconstructs(dec.network, z, data_rows(4))
    swapped = [z[1], z[0]] + z[2:]                 # the decoder of other codes
    assert not reconstructs(dec.network, swapped, data_rows(4))
    with pytest.raises(InvalidArgument):
        handcrafted_decoder([1, 2, 2, 3], random_form1(3, 1, seed=2), 3)
