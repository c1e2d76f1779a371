import pytest

from exact.errors import FormatError
from proofs.verdict import Status, Verdict, make_certificate


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
    with pytest.raises(ValueError):
        make_certificate("X", "nonsense", [])
