"""docs/examples/clamp_script.py: the clamp lemma through the public API in a plain script."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "examples" / "clamp_script.py"


def _script():
    spec = importlib.util.spec_from_file_location("clamp_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_script_is_short():
    code = [line for line in SCRIPT.read_text().splitlines() if line.strip() and not line.lstrip().startswith("#")]
    docstring = SCRIPT.read_text().split('"""')[1].count("\n") + 1
    assert len(code) - docstring < 30


def test_the_lemma_holds_and_the_false_variant_is_refuted():
    s = _script()
    assert s.check(s.network, 12) == "f_n = clamp on R for every n <= 12"
    assert s.check(s.network_shift2, 12) == "refuted at n = 1, x = 3: f_n(x) = 2, clamp = 1"
