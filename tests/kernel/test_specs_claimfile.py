"""The claim-file specification and its generic properties (proofs/kernel/specs/claimfile.py).

For every property (equals and at_most against a reference in d = 1 and d = 2, with an
expression and with a reference network; reconstructs; rank): the honest certificate is
accepted, a relabelled status or claim is rejected, a wrong witness is rejected, and a changed
claim file (text or hash) is rejected.
"""

import copy
import hashlib

import pytest
from honest_certificates import honest as cached

from proofs.claimfiles import check_claim_file
from proofs.kernel import recheck

STATUSES = ("proved", "verified", "refuted", "inconclusive")

HEAD = '''id = "{id}"
title = "A test claim"
statement = 'A statement with $x$.'
source = "tests"
'''

# f(x) = relu(x) - relu(x - 1): the clamp min(max(x, 0), 1)
CLAMP = '''[objects.f.value]
layers = [{weight = [[1], [1]], bias = [0, -1], activation = "relu"}, {weight = [[1, -1]]}]
'''
# g = relu(x1) - relu(-x1) + relu(x2) = x1 + max(x2, 0) on R^2
PLANE = '''[objects.f.value]
layers = [{weight = [[1, 0], [-1, 0], [0, 1]], activation = "relu"}, {weight = [[1, -1, 1]]}]
'''
# the same clamp written differently: 1 - relu(1 - x) + relu(-x)
REF1 = '''[objects.g.value]
layers = [{weight = [[-1], [-1]], bias = [1, 0], activation = "relu"}, {weight = [[-1, 1]], bias = [1]}]
'''

CASES = {
    # name: (objects, property, expected status)
    "equals 1d": (CLAMP, 'kind = "equals"\nnetwork = "f"\nreference = "min(max(x, 0), 1)"', "verified"),
    "equals 1d box": (CLAMP, 'kind = "equals"\nnetwork = "f"\nreference = "x"\nbox = [[0, 1]]', "verified"),
    "equals 1d wrong": (CLAMP, 'kind = "equals"\nnetwork = "f"\nreference = "min(max(x, 0), 2)"', "refuted"),
    "equals 1d network": (CLAMP + REF1, 'kind = "equals"\nnetwork = "f"\nreference_network = "g"', "verified"),
    "at_most 1d": (CLAMP, 'kind = "at_most"\nnetwork = "f"\nreference = "max(x, 0)"', "verified"),
    "at_most 1d wrong": (CLAMP, 'kind = "at_most"\nnetwork = "f"\nreference = "x"\nbox = [["-1/2", 3]]', "refuted"),
    "equals 2d": (PLANE, 'kind = "equals"\nnetwork = "f"\nreference = "x1 + max(x2, 0)"', "verified"),
    "equals 2d box": (PLANE, 'kind = "equals"\nnetwork = "f"\nreference = "x1 + max(x2, 0)"\nbox = [[-1, 1], [-1, 1]]',
                      "verified"),
    "equals 2d wrong": (PLANE, 'kind = "equals"\nnetwork = "f"\nreference = "x1 + max(x2, 0) + min(x1, 0)"', "refuted"),
    "at_most 2d": (PLANE, 'kind = "at_most"\nnetwork = "f"\nreference = "max(x1, 0) + max(x2, 0)"\n'
                   'box = [[-1, 1], [-1, 1]]', "verified"),
    "at_most 2d wrong": (PLANE, 'kind = "at_most"\nnetwork = "f"\nreference = "max(x1, x2)"\nbox = [[-1, 1], [-1, 1]]',
                         "refuted"),
    "reconstructs": ('[objects.f.value]\nlayers = [{weight = [[1, 0], [0, 1]], activation = "relu"}]\n'
                     '[objects.X]\nvalue = [[1, 0], [0, 1], ["1/2", 0]]\n',
                     'kind = "reconstructs"\nnetwork = "f"\ndata = "X"', "verified"),
    "reconstructs wrong": ('[objects.f.value]\nlayers = [{weight = [[1, 0], [0, 1]], activation = "relu"}]\n'
                           '[objects.X]\nvalue = [[1, 0], [0, -1]]\n',
                           'kind = "reconstructs"\nnetwork = "f"\ndata = "X"', "refuted"),
    "rank": ('[objects.M]\nvalue = [[1, 2], [2, 4], [0, 1]]\n', 'kind = "rank"\nmatrix = "M"\nrank = 2', "verified"),
    "rank wrong": ('[objects.M]\nvalue = [[1, 2], [2, 4]]\n', 'kind = "rank"\nmatrix = "M"\nrank = 2', "refuted"),
}
NAMES = list(CASES)


def _text(name):
    objects, prop, _ = CASES[name]
    return HEAD.format(id="t-" + name.replace(" ", "-")) + "\n" + objects + "\n[property]\n" + prop + "\n"


def _build_certs(folder):
    out = {}
    for name in NAMES:
        path = folder / (name.replace(" ", "_") + ".toml")
        path.write_text(_text(name))
        out[name] = check_claim_file(path).certificate
    return out


@pytest.fixture(scope="module")
def certs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("claims")
    return cached("claimfile", lambda: _build_certs(folder))


def _rehash(cert, text):
    bad = copy.deepcopy(cert)
    bad["scope"]["claim_file"] = {"sha256": hashlib.sha256(text.encode()).hexdigest(), "text": text}
    return bad


@pytest.mark.parametrize("name", NAMES)
def test_honest_accepted_with_the_expected_status(certs, name):
    cert = certs[name]
    assert cert["status"] == CASES[name][2]
    ok, message = recheck(cert)
    assert ok, message
    assert "A statement with $x$." in message


@pytest.mark.parametrize("name", NAMES)
def test_relabelled_status_rejected(certs, name):
    cert = certs[name]
    for s in STATUSES:
        if s != cert["status"]:
            bad = {**cert, "status": s}
            if s == "proved":
                bad["argument"] = []
            assert not recheck(bad)[0], (name, s)


@pytest.mark.parametrize("name", NAMES)
def test_relabelled_claim_rejected(certs, name):
    cert = certs[name]
    for other in ("t-something-else", "000-L3.1", "admissible", "claim file"):
        assert not recheck({**cert, "claim": other})[0], other
    assert not recheck({**cert, "variant": "x"})[0]
    # another claim file's certificate under this one's ID
    other = certs["rank" if name != "rank" else "equals 1d"]
    assert not recheck({**other, "claim": cert["claim"]})[0]


def test_claim_file_id_may_not_be_a_catalogue_claim(certs):
    cert = certs["rank"]
    text = cert["scope"]["claim_file"]["text"].replace('id = "t-rank"', 'id = "000-L3.1"')
    assert not recheck({**_rehash(cert, text), "claim": "000-L3.1"})[0]


@pytest.mark.parametrize("name", NAMES)
def test_changed_claim_file_rejected(certs, name):
    cert = certs[name]
    text = cert["scope"]["claim_file"]["text"]
    edited = text.replace("A statement", "Another statement")
    assert not recheck(_rehash(cert, edited) | {"scope": {"claim_file": {"sha256": cert["scope"]["claim_file"]["sha256"],
                                                                          "text": edited}}})[0]
    assert recheck(_rehash(cert, edited))[0]  # the statement's wording is not evidence; the hash names the file
    bad = copy.deepcopy(cert)
    bad["scope"]["extra"] = 1
    assert not recheck(bad)[0]
    bad = copy.deepcopy(cert)
    bad["evidence"]["extra"] = 1
    assert not recheck(bad)[0]


WRONG_WITNESS = {
    "equals 1d wrong": {"x": ["1/2"]},          # both give 1/2 there
    "at_most 1d wrong": {"x": ["-1/2"]},        # f = 0 >= -1/2 = x: no, 0 > -1/2; use a point where f <= x
    "equals 2d wrong": {"x": ["1", "1"]},
    "at_most 2d wrong": {"x": ["1", "-1"]},     # f = 1 = max(1, -1)
    "reconstructs wrong": {"index": 0},
    "rank wrong": {"rank": 2},
}
WRONG_WITNESS["at_most 1d wrong"] = {"x": ["1/2"]}  # f(1/2) = 1/2 = x


@pytest.mark.parametrize("name", sorted(WRONG_WITNESS))
def test_wrong_witness_rejected(certs, name):
    cert = certs[name]
    bad = copy.deepcopy(cert)
    bad["evidence"].update(WRONG_WITNESS[name])
    assert not recheck(bad)[0], recheck(bad)
    outside = copy.deepcopy(cert)
    if "x" in cert["evidence"] and "box" in cert["scope"]["claim_file"]["text"]:
        outside["evidence"]["x"] = ["7"] * len(cert["evidence"]["x"])
        assert not recheck(outside)[0]


def test_a_statement_that_fails_is_rejected_as_verified(certs):
    # the verified evidence of the clamp under the wrong reference: the kernel finds the pieces itself
    cert = certs["equals 1d"]
    text = cert["scope"]["claim_file"]["text"].replace("min(max(x, 0), 1)", "min(max(x, 0), 1) + min(x, 5)")
    ok, message = recheck(_rehash(cert, text))
    assert not ok and "differs" in message
    cert = certs["equals 2d"]
    text = cert["scope"]["claim_file"]["text"].replace('reference = "x1 + max(x2, 0)"', 'reference = "x1 + max(x2, 1)"')
    assert not recheck(_rehash(cert, text))[0]
    cert = certs["at_most 2d"]
    text = cert["scope"]["claim_file"]["text"].replace("max(x1, 0) + max(x2, 0)", "max(x1, 0) + max(x2, 0) - 1")
    assert not recheck(_rehash(cert, text))[0]
    cert = certs["rank"]
    text = cert["scope"]["claim_file"]["text"].replace("rank = 2", "rank = 3")
    assert not recheck(_rehash(cert, text))[0]


def test_cover_and_bounds_tampering_rejected(certs):
    cert = certs["equals 2d"]
    bad = copy.deepcopy(cert)
    bad["evidence"]["instances"][0]["cover"]["regions"].pop()
    assert not recheck(bad)[0]
    cert = certs["at_most 2d"]
    bad = copy.deepcopy(cert)
    y = bad["evidence"]["instances"][0]["cover"]["bounds"][0]
    y[1] = ["0"]
    assert not recheck(bad)[0]


def test_scope_and_built_objects(tmp_path):
    (tmp_path / "builder.py").write_text(
        "def f(n):\n    return {'layers': [{'weight': [[1]], 'bias': [-n], 'activation': 'relu'}]}\n")
    text = HEAD.format(id="t-built") + ('\n[scope]\nn = [1, 4]\n[objects]\nf = "builder:f"\n'
                                        '[property]\nkind = "equals"\nnetwork = "f"\nreference = "max(x - n, 0)"\n')
    (tmp_path / "c.toml").write_text(text)
    v = check_claim_file(tmp_path / "c.toml")
    cert = v.certificate
    assert v.status.value == "verified" and recheck(cert)[0]
    assert "n = 1..4" in recheck(cert)[1]
    bad = copy.deepcopy(cert)
    bad["evidence"]["instances"].pop()
    assert not recheck(bad)[0]
    bad = copy.deepcopy(cert)
    bad["evidence"]["instances"][1]["objects"]["f"]["value"]["layers"][0]["bias"] = ["-7"]
    assert not recheck(bad)[0]  # the SHA-256 binding
    bad = copy.deepcopy(cert)
    inst = bad["evidence"]["instances"]
    inst[0]["objects"], inst[1]["objects"] = inst[1]["objects"], inst[0]["objects"]
    assert not recheck(bad)[0]  # n = 1 now holds the network of n = 2: not max(x - 1, 0)
    assert check_claim_file(tmp_path / "c.toml", scope_max=2).certificate["evidence"]["checked"] == 2
    # a wrong builder is refuted at its first failing n, and the refutation is re-checked
    (tmp_path / "wrong").mkdir()
    (tmp_path / "wrong" / "builder.py").write_text(
        "def f(n):\n    b = -n if n < 3 else -n - 1\n"
        "    return {'layers': [{'weight': [[1]], 'bias': [b], 'activation': 'relu'}]}\n")
    (tmp_path / "wrong" / "d.toml").write_text(text.replace("t-built", "t-built2"))
    v = check_claim_file(tmp_path / "wrong" / "d.toml")
    assert v.status.value == "refuted" and v.certificate["evidence"]["n"] == 3 and recheck(v.certificate)[0]
    for key, value in (("n", 5), ("n", 0), ("x", ["3"])):  # outside the scope; a point where f(x) = x - 3 = 0
        bad = copy.deepcopy(v.certificate)
        bad["evidence"][key] = value
        assert not recheck(bad)[0], (key, value)


def test_file_objects(tmp_path):
    import json

    (tmp_path / "net.json").write_text(json.dumps({"layers": [{"weight": [[2]], "activation": "relu"}]}))
    text = HEAD.format(id="t-file") + ('\n[objects]\nf = { file = "net.json" }\n'
                                       '[property]\nkind = "at_most"\nnetwork = "f"\nreference = "2 * max(x, 0)"\n')
    (tmp_path / "c.toml").write_text(text)
    cert = check_claim_file(tmp_path / "c.toml").certificate
    assert recheck(cert)[0]
    bad = copy.deepcopy(cert)
    bad["evidence"]["files"]["f"]["value"]["layers"][0]["weight"] = [[3]]
    assert not recheck(bad)[0]


@pytest.mark.parametrize("text, message", [
    ('id = "a b"', "id must"),
    ('id = "ok"\ntitle = "t"\nstatement = "s"\nsource = "s"\nextra = 1', "unknown keys"),
    ('id = "ok"\ntitle = "t"\nstatement = "s"\nsource = "s"\n[scope]\nn = [3, 1]\n[objects]\nM = {value = [[1]]}\n'
     '[property]\nkind = "rank"\nmatrix = "M"\nrank = 1', "lo <= hi"),
    ('id = "ok"\ntitle = "t"\nstatement = "s"\nsource = "s"\n[objects]\nM = {value = [[1]]}\n'
     '[property]\nkind = "volume"', "kind ="),
    ('id = "ok"\ntitle = "t"\nstatement = "s"\nsource = "s"\n[objects]\nM = {value = [[1]]}\nN = {value = [[1]]}\n'
     '[property]\nkind = "rank"\nmatrix = "M"\nrank = 1', "not used"),
    ('id = "ok"\ntitle = "t"\nstatement = "s"\nsource = "s"\n[objects]\nf = {value = {layers = [{weight = [[1]]}]}}\n'
     '[property]\nkind = "equals"\nnetwork = "f"\nreference = "x * x"', "constant factor"),
    ('id = "ok"\ntitle = "t"\nstatement = "s"\nsource = "s"\n[objects]\nf = {value = {layers = [{weight = [[1]]}]}}\n'
     '[property]\nkind = "equals"\nnetwork = "f"\nreference = "x"\nbox = [[0, 0.5]]', "float"),
    ('id = "ok"\ntitle = "t"\nstatement = "s"\nsource = "s"\n[objects]\nf = {value = {layers = [{weight = [[1]]}]}}\n'
     '[property]\nkind = "equals"\nnetwork = "f"\nreference = "x"\nbox = [[1, 0]]', "empty"),
])
def test_malformed_claim_files_rejected(text, message):
    cert = {"format": "relu-proofcheck-certificate", "version": 2, "claim": "ok", "variant": None,
            "status": "verified", "scope": {"claim_file": {"sha256": hashlib.sha256(text.encode()).hexdigest(),
                                                            "text": text}},
            "evidence": {"instances": [{}], "checked": 1}}
    ok, got = recheck(cert)
    assert not ok and message in got, got


def test_rank_stated_as_an_expression_of_the_scope(tmp_path):
    (tmp_path / "mats.py").write_text(
        "def m(n):\n    return [[1 if i == j or j == 0 else 0 for j in range(n + 1)] for i in range(n)]\n")
    text = HEAD.format(id="t-rank-n") + ('\n[scope]\nk = [1, 6]\n[objects]\nM = "mats:m"\n'
                                         '[property]\nkind = "rank"\nmatrix = "M"\nrank = "k"\n')
    (tmp_path / "r.toml").write_text(text)
    v = check_claim_file(tmp_path / "r.toml")
    assert v.status.value == "verified" and recheck(v.certificate)[0]
    wrong = text.replace('rank = "k"', 'rank = "k + 1"').replace("t-rank-n", "t-rank-n1")
    (tmp_path / "w.toml").write_text(wrong)
    w = check_claim_file(tmp_path / "w.toml")
    assert w.status.value == "refuted" and w.certificate["evidence"]["n"] == 1
    assert recheck(w.certificate)[0]
    assert not recheck(_rehash(v.certificate, wrong) | {"claim": "t-rank-n1"})[0]


def _bare(text, status="verified", evidence=None):
    """A certificate for the claim file `text` (its id "t-bare") with the given evidence."""
    return {"format": "relu-proofcheck-certificate", "version": 2, "claim": "t-bare", "variant": None,
            "status": status, "scope": {"claim_file": {"sha256": hashlib.sha256(text.encode()).hexdigest(),
                                                        "text": text}},
            "evidence": {"instances": [{}], "checked": 1} if evidence is None else evidence}


def _order_file(layers, prop):
    return (HEAD.format(id="t-bare") + "\n[objects.f.value]\nlayers = " + layers + "\n[property]\n" + prop + "\n")


@pytest.mark.parametrize("layers, reference, holds", [
    ("[{weight = [[0]], bias = [1]}]", "0", False),           # f = 1 <= 0 on R: false
    ("[{weight = [[1]], bias = [1]}]", "x", False),           # x + 1 <= x: false (one piece, no end)
    ("[{weight = [[1]], bias = [1]}]", "x + 1/2", False),
    ("[{weight = [[1]], bias = [1]}]", "x + 1", True),        # equality: c = 0
    ("[{weight = [[1]], bias = [-1]}]", "x", True),           # c = -1
    ("[{weight = [[2]]}]", "x", False),                       # one piece, s = 1 > 0 on R
])
def test_at_most_on_the_whole_line(tmp_path, layers, reference, holds):
    # Soundness: f - g affine on all of R (no break point, no box) is <= 0 iff it is a constant
    # c <= 0; a verified certificate of a false "f <= g" was once accepted (the constant unchecked).
    text = _order_file(layers, 'kind = "at_most"\nnetwork = "f"\nreference = "%s"' % reference)
    ok, message = recheck(_bare(text))
    assert ok == holds, message
    (tmp_path / "c.toml").write_text(text)
    v = check_claim_file(tmp_path / "c.toml")
    assert v.status.value == ("verified" if holds else "refuted") and recheck(v.certificate)[0]
