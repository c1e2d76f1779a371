"""The pytest plugin: the example test file of docs/python-api.md, run by pytest as a user would."""

import re
import subprocess
import sys
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "python-api.md"


def _example() -> str:
    """The documented test file (the python block starting with ``# test_my_decoder.py``)."""
    blocks = re.findall(r"```python\n(# test_my_decoder\.py\n.*?)```", DOC.read_text(), re.S)
    assert len(blocks) == 1
    return blocks[0]


def test_the_documented_example_runs_with_the_plugin(tmp_path):
    (tmp_path / "test_my_decoder.py").write_text(_example())
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
                           "--hypothesis-profile=relu-proofcheck-ci", "test_my_decoder.py"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    out = proc.stdout + proc.stderr
    assert "2 failed, 2 passed" in out, out[-3000:]
    # the failure messages are the exact counterexamples the documentation shows
    for line in re.findall(r"^ClaimFailure: (.*)$", DOC.read_text(), re.M):
        assert line in out, (line, out[-3000:])


def test_fixture_exposes_assertions_strategies_and_api():
    from proofs.pytest_plugin import ProofcheckHelper

    h = ProofcheckHelper()
    assert callable(h.assert_admissible) and callable(h.assert_full_rank) and callable(h.check)
    assert hasattr(h.strategies, "rationals")
    try:
        h.no_such_thing
    except AttributeError as e:
        assert "assert_admissible" in str(e)
    else:
        raise AssertionError("unknown attribute accepted")


def test_assertions_reject_wrong_objects_and_accept_right_ones():
    import pytest

    from proofs.testing import ClaimFailure, assert_admissible, assert_claim, assert_full_rank

    assert_full_rank([["1", "0"], ["0", "-1/3"]])
    assert_full_rank([["1", "2"], ["2", "4"]], rank=1)
    with pytest.raises(ClaimFailure, match=r"rank 1 < 2 .* y\^T A = 0 for y = \(-2, 1\)") as e:
        assert_full_rank([["1", "2", "3"], ["2", "4", "6"]])
    assert e.value.counterexample["rank"] == 1
    with pytest.raises(ClaimFailure, match="refuted: counterexample n = 1, theta = 1"):
        assert_claim("000-L3.1", n_max=4, weights="1/(i+1)")
    assert assert_claim("000-L3.1", n_max=4).status.value == "proved"
    good = {"layers": [{"weight": [["1", "1"]], "bias": ["0"], "activation": "identity"},
                       {"weight": [["1"], ["1/2"]], "bias": ["0", "0"], "activation": "hard_threshold",
                        "threshold": "1"}]}
    assert_admissible(good)
    bad = {**good, "layers": [good["layers"][0], {**good["layers"][1], "weight": [["1"], ["1/3"]]}]}
    with pytest.raises(ClaimFailure, match="first theta = 2"):
        assert_admissible(bad)
