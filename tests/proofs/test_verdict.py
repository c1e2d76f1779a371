import pytest

from exact.errors import FormatError, InvalidArgument
from proofs.certificates import certificate
from proofs.verdict import Status, Verdict


def test_round_trip_and_defaults():
    v = Verdict(claim="X", status="refuted", evidence={"a": "1/2"}, variant="r/d")
    assert v.status is Status.REFUTED and v.scope["description"] == "unspecified"
    assert v.crosscheck == {"disagreements": []}
    assert Verdict.from_json(v.to_json()) == v
    assert v.label == "X [r/d]"


def test_bad_json():
    with pytest.raises(FormatError):
        Verdict.from_json({"claim": "X", "status": "maybe"})
    with pytest.raises(FormatError):
        Verdict.from_json({"status": "proved"})


def test_certificate_refuses_an_unknown_status_and_a_proved_one_without_argument():
    with pytest.raises(InvalidArgument, match="unknown status"):
        certificate("X", "nonsense", scope={})
    with pytest.raises(InvalidArgument, match="carries an argument"):
        certificate("X", Status.PROVED, scope={"n_max": 3}, evidence={"checked": 9})
    with pytest.raises(InvalidArgument, match="carries an argument"):   # and only a proved one
        certificate("X", Status.VERIFIED, scope={"n_max": 3}, evidence={"checked": 9}, argument=[("s", "kernel")])
    cert = certificate("X", Status.PROVED, scope={"n_max": 3}, evidence={"checked": 9}, argument=[("s", "kernel")])
    assert cert["status"] == "proved" and cert["argument"] == [{"id": "s", "checker": "kernel"}]
