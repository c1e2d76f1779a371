"""Fuzzing the readers: bytes, JSON documents and network-shaped documents never crash them.

Every reader either returns or raises a ToolkitError whose message is one line of at most
200 characters; each case stays within 2 s of CPU time (tests/budgets.py: CPU time, not
wall-clock time, so a busy machine does not fail a case; a spinning case is interrupted).
Settings are the ``ci`` profile's (tests/conftest.py): deterministic and bounded.
"""

import json

import pytest
from hypothesis import given, strategies as st

from budgets import cpu_budget  # tests/budgets.py (pytest puts tests/ on the path)

from exact.errors import ToolkitError
from exact.inputs import parse_json_text, parse_rational, read_json, read_regions
from exact.network import load_network
from proofs.run.runner import read_results

CASE_SECONDS = 2.0

# numbers as a hostile user writes them
number_texts = st.one_of(
    st.sampled_from(["1e999999999", "-1e999999999", "1e-999999999", "9" * 20_000, "1/0", "0x10", "NaN", "1_0",
                     "-1/3", "7/5", "1.5e3", " 2 ", "", "½", "1/" + "7" * 11_000, "1" * 10_000]),
    st.from_regex(r"[+-]?[0-9]{0,6}(\.[0-9]{0,4})?([eE][+-]?[0-9]{1,12})?(/[0-9]{0,5})?", fullmatch=True),
    st.text(max_size=12),
)
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10 ** 30, 10 ** 30),
                         st.floats(allow_nan=False, allow_infinity=False), number_texts)
json_documents = st.recursive(json_scalars, lambda c: st.lists(c, max_size=4) | st.dictionaries(
    st.sampled_from(["layers", "weight", "bias", "activation", "threshold", "verdicts", "claim", "status",
                     "seconds", "scope", "regions", "input_dim", "counts", "x"]) | st.text(max_size=6), c, max_size=4),
    max_leaves=25)
entries = st.one_of(st.integers(-5, 5), number_texts, st.sampled_from([0.5, None, True, [], {}, [1]]))
networks_docs = st.fixed_dictionaries({"layers": st.lists(st.fixed_dictionaries(
    {"weight": st.lists(st.lists(entries, min_size=1, max_size=3), min_size=1, max_size=3)},
    optional={"bias": st.lists(entries, max_size=3),
              "activation": st.sampled_from(["relu", "identity", "hard_threshold", "tanh", 3, None]),
              "threshold": entries}), min_size=0, max_size=3)})


def _bounded(call):
    """Run ``call``; it may return or raise a ToolkitError of one short line, within the CPU budget."""
    with cpu_budget(CASE_SECONDS, what="reader case"):
        try:
            call()
        except ToolkitError as e:
            msg = str(e)
            assert "\n" not in msg and len(msg) <= 200, msg[:300]


def _serialise(doc) -> str:
    return json.dumps(doc)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@given(st.binary(max_size=400))
def test_bytes_against_every_reader(scratch, data):
    p = scratch / "bytes.json"
    p.write_bytes(data)
    for reader in (read_json, load_network, read_results, read_regions):
        _bounded(lambda: reader(p))


@given(json_documents)
def test_json_documents_against_every_reader(scratch, doc):
    p = scratch / "doc.json"
    p.write_text(_serialise(doc))
    for reader in (load_network, read_results, read_regions):
        _bounded(lambda: reader(p))


@given(networks_docs)
def test_network_shaped_documents(scratch, doc):
    p = scratch / "net.json"
    p.write_text(_serialise(doc).replace('"1e999999999"', "1e999999999"))
    _bounded(lambda: load_network(p))


@given(st.text(alphabet='[]{}",:0123456789-.eE/ \\nulltruefalseNaN', max_size=300))
def test_json_like_text(text):
    _bounded(lambda: parse_json_text(text, "t"))
    _bounded(lambda: parse_json_text(text, "t", floats=True))


@given(number_texts)
def test_number_texts(text):
    _bounded(lambda: parse_rational(text, "x"))


_VERDICT = {"claim": "X-1", "status": "verified", "scope": {"description": "d"}, "evidence": {},
            "crosscheck": {"summary": "", "disagreements": []}, "seconds": 0.1}


@given(st.dictionaries(st.sampled_from(list(_VERDICT) + ["variant", "title", "certificate", "source"]),
                       json_scalars | st.lists(json_scalars, max_size=2) | st.dictionaries(
                           st.sampled_from(["description", "summary", "disagreements"]), json_scalars, max_size=2),
                       max_size=5),
       st.dictionaries(st.sampled_from(["complete", "created", "tool", "parameters", "errors"]),
                       json_scalars | st.lists(st.dictionaries(st.sampled_from(["claim", "error"]), json_scalars),
                                               max_size=2), max_size=3))
def test_results_documents(scratch, changes, top):
    v = dict(_VERDICT, **changes)
    p = scratch / "results.json"
    p.write_text(_serialise(dict({"verdicts": [v]}, **top)))
    _bounded(lambda: read_results(p))


# claim files: the clamp example with one line dropped, or one value replaced by a hostile one
_CLAMP_LINES = (__import__("pathlib").Path(__file__).resolve().parents[2] / "docs" / "examples"
                / "clamp.toml").read_text().splitlines()
_HOSTILE = ['"x"', "[1, 2]", "1e999", '{ file = "nope.json" }', '"nomod:f"', '"clamp:nothing"', '"min(max(x"', "0",
            "-1", "[3, 1]", '"x ** 99"', '"' + "x + " * 600 + 'x"', "[[0, 1]]", '[["1/0", 1]]', '"equals"', '"rank"',
            '"reconstructs"', "true", "[1, 100000000]", '"' + "a" * 300 + '"', "'''\\u0000'''", '"max(x, n) * n"']


@given(st.integers(0, len(_CLAMP_LINES) - 1), st.one_of(st.none(), st.sampled_from(_HOSTILE)))
def test_claim_files_never_crash(scratch, k, value):
    from proofs.claimfiles import check_claim_file

    lines = list(_CLAMP_LINES)
    if value is None:
        del lines[k]
    elif "=" in lines[k]:
        lines[k] = lines[k].split("=", 1)[0] + "= " + value
    path = scratch / "examples_copy" / "c.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text("\n".join(lines) + "\n")
    import shutil

    shutil.copy(__import__("pathlib").Path(__file__).resolve().parents[2] / "docs" / "examples" / "clamp.py",
                path.parent / "clamp.py")
    with cpu_budget(CASE_SECONDS * 5, what="claim file case"):
        try:
            check_claim_file(path, scope_max=3)
        except ToolkitError as e:
            assert "\n" not in str(e) and len(str(e)) <= 200, str(e)[:300]
