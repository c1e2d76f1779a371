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

# 2 relu(x) - relu(x - 1) - relu(x) + relu(-x): the clamp plus relu(-x), which differs from it for x < 0
REF2 = '''[objects.g.value]
layers = [{weight = [[1], [1], [1], [-1]], bias = [0, -1, 0, 0], activation = "relu"}, {weight = [[2, -1, -1, 1]]}]
'''
# x1 + max(x2, 0) as relu(x2) + relu(x1) - relu(-x1), neurons in another order
REF2D = '''[objects.g.value]
layers = [{weight = [[0, 1], [1, 0], [-1, 0]], activation = "relu"}, {weight = [[1, 1, -1]]}]
'''
# PLANE + 1
PLANE1 = '''[objects.f.value]
layers = [{weight = [[1, 0], [-1, 0], [0, 1]], activation = "relu"}, {weight = [[1, -1, 1]], bias = [1]}]
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
    # the reference as a network, refuted (the kernel evaluates the reference network at x)
    "equals 1d network wrong": (CLAMP + REF2, 'kind = "equals"\nnetwork = "f"\nreference_network = "g"', "refuted"),
    # break points of the reference on both sides of a box: outside it they are not points
    "equals 1d box inside": (CLAMP, 'kind = "equals"\nnetwork = "f"\nreference = "min(max(x, 0), 1)"\n'
                             'box = [["1/4", "1/2"]]', "verified"),
    "equals 1d network box": (CLAMP + REF1, 'kind = "equals"\nnetwork = "f"\nreference_network = "g"\n'
                              'box = [["1/4", "1/2"]]', "verified"),
    # f - g rises on a bounded piece (0 < x < 1: x - 1): at most 0 up to the box's right end
    "at_most 1d rising": (CLAMP, 'kind = "at_most"\nnetwork = "f"\nreference = "1"\nbox = [[0, 2]]', "verified"),
    "equals 2d network": (PLANE + REF2D, 'kind = "equals"\nnetwork = "f"\nreference_network = "g"', "verified"),
    "equals 2d one region": (PLANE, 'kind = "equals"\nnetwork = "f"\nreference = "x1 + max(x2, 0)"\n'
                             'box = [[1, 2], [1, 2]]', "verified"),
    "equals 2d shifted": (PLANE1, 'kind = "equals"\nnetwork = "f"\nreference = "x1 + max(x2, 0) + 1"', "verified"),
    # f and g of one relu layer each (no pass neurons), hyperplanes x1 = 0 and x2 = 0 crossing in
    # the box: every pattern is a region, the cover lists no empty pattern
    "at_most 2d no empty": ('[objects.f.value]\nlayers = [{weight = [[1, 0]], activation = "relu"}, '
                            '{weight = [[1]], bias = [-10]}]\n[objects.g.value]\nlayers = [{weight = [[0, 1]], '
                            'activation = "relu"}, {weight = [[1]]}]\n',
                            'kind = "at_most"\nnetwork = "f"\nreference_network = "g"\nbox = [[-1, 1], [-1, 1]]',
                            "verified"),
    "rank expression": ('[objects.M]\nvalue = [[1, 2], [2, 4], [0, 1]]\n', 'kind = "rank"\nmatrix = "M"\n'
                        'rank = "3 - 1"', "verified"),
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


@pytest.mark.parametrize("layers, reference, box, holds", [
    ("[{weight = [[0]], bias = [1]}]", "0", None, False),           # f = 1 <= 0 on R: false
    ("[{weight = [[1]], bias = [1]}]", "x", None, False),           # x + 1 <= x: false (one piece, no end)
    ("[{weight = [[1]], bias = [1]}]", "x + 1/2", None, False),
    ("[{weight = [[1]], bias = [1]}]", "x + 1", None, True),        # equality: c = 0
    ("[{weight = [[1]], bias = [-1]}]", "x", None, True),           # c = -1
    ("[{weight = [[2]]}]", "x", None, False),                       # one piece, s = 1 > 0 on R
    ("[{weight = [[1]]}]", "0", None, False),                       # x <= 0 on R: s = 1
    ('[{weight = [["1/2"]]}]', "0", None, False),                   # x/2 <= 0 on R: s = 1/2
    ('[{weight = [["-1/2"]]}]', "0", None, False),                  # -x/2 <= 0 on R: s = -1/2
    ("[{weight = [[0]], bias = [\"1/2\"]}]", "0", "[[0, 1]]", False),  # 1/2 <= 0 on [0, 1]
    ("[{weight = [[0]], bias = [\"1/2\"]}]", "x", "[[0, 1]]", False),  # 1/2 <= x fails on [0, 1/2)
    ("[{weight = [[0]], bias = [\"1/2\"]}]", "x", "[[\"1/2\", 1]]", True),
    ("[{weight = [[1]]}]", "1", "[[0, 1]]", True),                  # x - 1 <= 0, rising to 0 at the end
    ("[{weight = [[1]]}]", "1", "[[0, 2]]", False),
    ("[{weight = [[-1]]}]", "0", "[[0, 1]]", True),                 # falling from 0
    ("[{weight = [[-1]]}]", "0", "[[-1, 1]]", False),
])
def test_at_most_in_one_dimension(tmp_path, layers, reference, box, holds):
    # Soundness: f - g affine on all of R (no break point, no box) is <= 0 iff it is a constant
    # c <= 0; a verified certificate of a false "f <= g" was once accepted (the constant unchecked).
    # On a box: both ends, and the sign of the slope, each decide alone.
    text = _order_file(layers, 'kind = "at_most"\nnetwork = "f"\nreference = "%s"' % reference
                       + ("\nbox = %s" % box if box else ""))
    ok, message = recheck(_bare(text))
    assert ok == holds, message
    (tmp_path / "c.toml").write_text(text)
    v = check_claim_file(tmp_path / "c.toml")
    assert v.status.value == ("verified" if holds else "refuted") and recheck(v.certificate)[0]


def test_equals_is_not_at_most(certs):
    # f <= g everywhere but f != g: the verified evidence of at_most does not make equals
    cert = certs["at_most 1d"]
    text = cert["scope"]["claim_file"]["text"].replace('kind = "at_most"', 'kind = "equals"')
    ok, message = recheck(_rehash(cert, text))
    assert not ok and "differs" in message


def test_refuting_points_of_at_most_and_the_box(certs):
    cert = certs["at_most 1d wrong"]              # clamp <= x on [-1/2, 3] is false for x < 0
    for x, ok in ((["-1/2"], True), (["-1/4"], True), (["2"], False), (["3"], False), (["1/2"], False)):
        bad = copy.deepcopy(cert)
        bad["evidence"]["x"] = x
        assert recheck(bad)[0] == ok, x       # at 2 the network is below the reference: no refutation
    # a point outside the box refutes nothing, on either side; the ends belong to the box
    text = _order_file("[{weight = [[-1]]}]", 'kind = "at_most"\nnetwork = "f"\nreference = "0"\nbox = [[0, 1]]')
    for x in (["-1"], ["-1/100"]):
        ok, message = recheck(_bare(text, "refuted", {"x": x}))
        assert not ok and "outside the box" in message
    text = _order_file("[{weight = [[1]]}]", 'kind = "at_most"\nnetwork = "f"\nreference = "0"\nbox = [[-1, 1]]')
    assert recheck(_bare(text, "refuted", {"x": ["1"]}))[0]
    assert not recheck(_bare(text, "refuted", {"x": ["2"]}))[0]
    text = _order_file("[{weight = [[-1]]}]", 'kind = "at_most"\nnetwork = "f"\nreference = "0"\nbox = [[-1, 1]]')
    assert recheck(_bare(text, "refuted", {"x": ["-1"]}))[0]


def test_a_box_with_one_pair_per_input(certs):
    text = _order_file("[{weight = [[1]]}]", 'kind = "equals"\nnetwork = "f"\nreference = "x"\nbox = [[0, 1], [0, 1]]')
    ok, message = recheck(_bare(text))
    assert not ok and "one [lo, hi] per coordinate (1)" in message
    assert not recheck(_bare(text, "refuted", {"x": ["1/2"]}))[0]


def test_refuted_by_a_reference_network(certs):
    cert = certs["equals 1d network wrong"]
    assert float(cert["evidence"]["x"][0]) < 0
    for x, ok in ((["-1"], True), (["-1/2"], True), (["0"], False), (["1/2"], False), (["2"], False)):
        bad = copy.deepcopy(cert)
        bad["evidence"]["x"] = x
        assert recheck(bad)[0] == ok, x


def _cover(cert):
    return cert["evidence"]["instances"][0]["cover"]


def test_2d_equals_checks_the_offset_and_every_region(certs):
    # PLANE + 1 == x1 + max(x2, 0) + 1 is true.  Against x1 + max(x2, 0) + 2 (or + 1/2) the
    # difference network has the same weights and the same pattern on each region (the constant's
    # neurons only change their non-zero bias), so the same cover, and is the constant -1 (or 1/2)
    cert = certs["equals 2d shifted"]
    for other in ("x1 + max(x2, 0) + 2", "x1 + max(x2, 0) + 1/2"):
        text = cert["scope"]["claim_file"]["text"].replace("x1 + max(x2, 0) + 1", other)
        ok, message = recheck(_rehash(cert, text))
        assert not ok and "differs" in message, message
    # against x1 + 2 max(x2, 0) + 1 (the same difference network but for one output weight) the
    # difference is -relu(x2): zero on the regions with x2 < 0 only.  The kernel must check every
    # region, whichever comes first
    text = cert["scope"]["claim_file"]["text"].replace("x1 + max(x2, 0) + 1", "x1 + 2 * max(x2, 0) + 1")
    regions = _cover(cert)["regions"]
    assert len(regions) >= 2
    for k in range(len(regions)):
        bad = _rehash(cert, text)
        _cover(bad)["regions"] = regions[k:] + regions[:k]
        ok, message = recheck(bad)
        assert not ok and "differs" in message, (k, message)
    assert len(_cover(certs["equals 2d one region"])["regions"]) == 1
    assert _cover(certs["at_most 2d no empty"])["empty"] == [] and len(_cover(certs["at_most 2d no empty"])["regions"]) == 4


def test_2d_cover_entries_are_pairs(certs):
    for name in ("equals 2d", "at_most 2d"):
        cert = certs[name]
        for key in ("regions", "empty"):
            if not _cover(cert)[key]:
                continue
            for entry in (5, "p", [], [_cover(cert)[key][0][0]], _cover(cert)[key][0] + [[0]]):
                bad = copy.deepcopy(cert)
                _cover(bad)[key][0] = entry
                ok, message = recheck(bad)
                assert not ok and "%s[0]: expected a pair" % key in message, (name, key, entry, message)
        bad = copy.deepcopy(cert)
        _cover(bad)["regions"] = []
        ok, message = recheck(bad)
        assert not ok and "regions: 0 entries (expected 1.." in message, message


def test_2d_bounds_one_pair_per_region(certs):
    cert = certs["at_most 2d"]
    bounds = _cover(cert)["bounds"]
    for entry in (5, [], [bounds[0][0]], bounds[0] + [["0"]]):
        bad = copy.deepcopy(cert)
        _cover(bad)["bounds"][0] = entry
        ok, message = recheck(bad)
        assert not ok and "bounds[0]: expected [y, y_strict]" in message, (entry, message)
    for extra in (bounds[:1], bounds[-1:]):
        bad = copy.deepcopy(cert)
        _cover(bad)["bounds"] = bounds + extra
        ok, message = recheck(bad)
        assert not ok and "bounds: %d entries (expected %d)" % (len(bounds) + 1, len(bounds)) in message, message


AUTO = '[objects.f.value]\nlayers = [{weight = [[1, 0], [0, 1]], activation = "relu"}]\n'


@pytest.mark.parametrize("data, index, ok, message", [
    ("[[0, -1], [1, 0]]", 0, True, None),            # the first vector fails: index 0
    ("[[1, 0], [0, -1]]", 1, True, None),
    ("[[1, 0], [0, -1]]", 0, False, "data[0] is reconstructed exactly"),
    ("[[1, 0], [0, -1]]", 2, False, "evidence.index: 2 is outside [0, 1]"),         # one past the end
    ("[[1, 0], [0, -1]]", 3, False, "evidence.index: 3 is outside [0, 1]"),
    ("[[1, 0], [0, -1]]", -1, False, "evidence.index: -1 is outside [0, 1]"),
    ("[[1, 0, 0], [0, -1, 0]]", 1, False, "dimensions"),  # vectors of the wrong length
])
def test_reconstructs_refuted_index(data, index, ok, message):
    text = HEAD.format(id="t-bare") + "\n" + AUTO + "[objects.X]\nvalue = " + data + \
        '\n[property]\nkind = "reconstructs"\nnetwork = "f"\ndata = "X"\n'
    got, why = recheck(_bare(text, "refuted", {"index": index}))
    assert got == ok and (message is None or message in why), why


def test_reconstructs_needs_a_square_network():
    # a network R^2 -> R^1 cannot be an autoencoder: rejected as such, not refuted at index 0
    text = HEAD.format(id="t-bare") + '\n[objects.f.value]\nlayers = [{weight = [[1, 0]]}]\n' \
        '[objects.X]\nvalue = [[1, 0]]\n[property]\nkind = "reconstructs"\nnetwork = "f"\ndata = "X"\n'
    for status, evidence in (("refuted", {"index": 0}), ("verified", None)):
        ok, message = recheck(_bare(text, status, evidence))
        assert not ok and "dimensions" in message, message


@pytest.mark.parametrize("objects, prop, message", [
    ("[objects.M]\nvalue = [[]]\n", 'kind = "rank"\nmatrix = "M"\nrank = 0', "object M: an empty matrix"),
    ("[objects.M]\nvalue = []\n", 'kind = "rank"\nmatrix = "M"\nrank = 0', "object M: an empty matrix"),
    (AUTO + "[objects.X]\nvalue = []\n", 'kind = "reconstructs"\nnetwork = "f"\ndata = "X"',
     "object X: data must be a non-empty list of vectors"),
    (AUTO + "[objects.X]\nvalue = 5\n", 'kind = "reconstructs"\nnetwork = "f"\ndata = "X"',
     "object X: data must be a non-empty list of vectors"),
    (AUTO + "[objects.X]\nvalue = [[]]\n", 'kind = "reconstructs"\nnetwork = "f"\ndata = "X"', "dimensions"),
])
def test_empty_objects_rejected(objects, prop, message):
    text = HEAD.format(id="t-bare") + "\n" + objects + "[property]\n" + prop + "\n"
    ok, got = recheck(_bare(text))
    assert not ok and message in got, got


def test_rank_stated_as_a_constant_expression(certs):
    cert = certs["rank expression"]
    for stated, ok in (('"3 - 1"', True), ('"4/2"', True), ('"1 + 1 + 1"', False), ('"3/2"', False), ('"n"', False)):
        text = cert["scope"]["claim_file"]["text"].replace('"3 - 1"', stated)
        assert recheck(_rehash(cert, text))[0] == ok, stated
    ok, message = recheck(_rehash(cert, cert["scope"]["claim_file"]["text"].replace('"3 - 1"', '"1 / (2 - 2)"')))
    assert not ok and "division by the zero function" in message, message


def test_the_valid_line_states_the_claim_file(certs, tmp_path):
    cert = certs["rank"]
    digest = cert["scope"]["claim_file"]["sha256"]
    ok, message = recheck(cert)
    assert message == "t-rank verified: A statement with $x$. [one instance; claim file sha256 %s]" % digest[:16]
    long = "word " * 100  # 500 characters, folded to 300
    text = cert["scope"]["claim_file"]["text"].replace("A statement with $x$.", long)
    ok, message = recheck(_rehash(cert, text))
    assert ok and message.startswith("t-rank verified: " + long[:300] + " [one instance; claim file sha256 ")
    assert message.endswith(" %s]" % hashlib.sha256(text.encode()).hexdigest()[:16])


def test_claim_file_text_size_and_type(certs):
    cert = certs["rank"]
    text = cert["scope"]["claim_file"]["text"]
    pad = "#" * (200000 - len(text) - 1) + "\n"
    assert recheck(_rehash(cert, text + pad))[0]          # exactly 200000 characters
    ok, message = recheck(_rehash(cert, text + "#" + pad))
    assert not ok and "at most 200000 characters" in message
    for raw in (5, None, ["x"]):
        bad = copy.deepcopy(cert)
        bad["scope"]["claim_file"]["text"] = raw
        ok, message = recheck(bad)
        assert not ok and "claim file: the text must be" in message, message


def test_refuted_scope_parameter_within_the_range(tmp_path):
    (tmp_path / "builder.py").write_text(
        "def f(n):\n    b = -n if n < 3 else -n + 1\n"
        "    return {'layers': [{'weight': [[1]], 'bias': [b], 'activation': 'relu'}]}\n")
    text = HEAD.format(id="t-range") + ('\n[scope]\nn = [1, 4]\n[objects]\nf = "builder:f"\n'
                                        '[property]\nkind = "at_most"\nnetwork = "f"\nreference = "max(x - n, 0)"\n')
    (tmp_path / "c.toml").write_text(text)
    v = check_claim_file(tmp_path / "c.toml")
    assert v.status.value == "refuted" and v.certificate["evidence"]["n"] == 3 and recheck(v.certificate)[0]
    ok, message = recheck(v.certificate)
    assert "[n = 1..4; claim file sha256 " in message
    # the network bound for n = 3 (relu(x - 2)) also exceeds max(x - n, 0) for n = 5, 6, ...:
    # a witness there is outside the scope
    for n in (5, 6, 0):
        bad = copy.deepcopy(v.certificate)
        bad["evidence"]["n"], bad["evidence"]["x"] = n, ["10"]
        ok, message = recheck(bad)
        assert not ok and "evidence.n" in message, (n, message)


def test_refuted_with_a_file_object(tmp_path):
    import json

    (tmp_path / "net.json").write_text(json.dumps({"layers": [{"weight": [[3]], "activation": "relu"}]}))
    text = HEAD.format(id="t-file-wrong") + ('\n[objects]\nf = { file = "net.json" }\n[property]\n'
                                             'kind = "at_most"\nnetwork = "f"\nreference = "2 * max(x, 0)"\n')
    (tmp_path / "c.toml").write_text(text)
    v = check_claim_file(tmp_path / "c.toml")
    assert v.status.value == "refuted" and recheck(v.certificate)[0]
    bad = copy.deepcopy(v.certificate)
    bad["evidence"]["files"]["f"]["value"]["layers"][0]["weight"] = [[2]]
    assert not recheck(bad)[0]


RANK_FILE = HEAD.format(id="ok") + '[objects]\nM = {value = [[1]]}\n[property]\nkind = "rank"\nmatrix = "M"\nrank = 1\n'


def _read(text):
    from proofs.kernel.specs.claimfile import read_claim_file

    return read_claim_file(text)


def _refused(text, message):
    from proofs.kernel.core import Invalid

    with pytest.raises(Invalid) as e:
        _read(text)
    assert message in str(e.value), str(e.value)
    ok, got = recheck(_bare(text.replace('id = "ok"', 'id = "t-bare"')))
    assert not ok and message in got, got


def test_read_claim_file_texts():
    assert _read(RANK_FILE)[1:] == (None, (None, None), {"M": "value"})
    for key in ("title", "statement", "source"):
        _refused(RANK_FILE.replace("%s = " % key, "other_%s = " % key).replace("other_%s" % key, "# "),
                 "%s must be non-empty text" % key)
        for bad in ('"   "', '""', "5", "[1]"):
            text = RANK_FILE.replace('%s = "' % key, '%s = %s\n# "' % (key, bad)) if key != "statement" else \
                RANK_FILE.replace("statement = 'A statement with $x$.'", "statement = %s" % bad)
            _refused(text, "%s must be non-empty text" % key)
    # the optional reading: absent, or non-empty text
    reading = RANK_FILE.replace('source = "tests"\n', 'source = "tests"\nreading = %s\n')
    assert _read(reading % '"as a rank"')
    for bad in ('""', '"  "', "5", "[1]"):
        _refused(reading % bad, "reading must be non-empty text")
    # at most 20000 characters of text
    assert _read(RANK_FILE.replace('title = "A test claim"', 'title = "%s"' % ("t" * 20000)))
    _refused(RANK_FILE.replace('title = "A test claim"', 'title = "%s"' % ("t" * 20001)), "title must be non-empty")


SCOPED = RANK_FILE.replace("[objects]", "[scope]\n%s\n[objects]")


@pytest.mark.parametrize("scope, expected", [
    ("n = [1, 4]", ("n", (1, 4))),
    ("k = [3, 3]", ("k", (3, 3))),                     # one value
    ("n = [0, 99999]", ("n", (0, 99999))),             # the largest range
    ("n = [60000, 60001]", ("n", (60000, 60001))),
    ("big = [-5, 5]", ("big", (-5, 5))),
])
def test_read_claim_file_scope_accepted(scope, expected):
    assert _read(SCOPED % scope)[1:3] == expected


@pytest.mark.parametrize("scope, message", [
    ("n = [1, 2]\nm = [1, 2]", "[scope] holds at most one parameter"),
    ("n = [1, 2]\nm = [1, 2]\nk = [1, 2]", "[scope] holds at most one parameter"),
    ("x = [1, 2]", "cannot name the scope parameter"),
    ("x1 = [1, 2]", "cannot name the scope parameter"),
    ("xa = [1, 2]", "cannot name the scope parameter"),
    ("min = [1, 2]", "cannot name the scope parameter"),
    ("max = [1, 2]", "cannot name the scope parameter"),
    ("n-1 = [1, 2]", "cannot name the scope parameter"),
    ('"1n" = [1, 2]', "cannot name the scope parameter"),
    ("n = 5", "must be [lo, hi]"),
    ("n = [1, 2, 3]", "must be [lo, hi]"),
    ("n = [1]", "must be [lo, hi]"),
    ('n = ["1", 3]', "must be [lo, hi]"),
    ("n = [true, 3]", "must be [lo, hi]"),
    ("n = [1, 2.5]", "must be [lo, hi]"),
    ("n = [3, 2]", "must be [lo, hi]"),
    ("n = [0, 100000]", "must be [lo, hi]"),
    ("n = [-1, 99999]", "must be [lo, hi]"),
])
def test_read_claim_file_scope_refused(scope, message):
    _refused(SCOPED % scope, message)


def test_read_claim_file_scope_not_a_table():
    _refused(RANK_FILE.replace('source = "tests"\n', 'source = "tests"\nscope = 5\n'),
             "[scope] holds at most one parameter")


OBJECTS = HEAD.format(id="ok") + '[objects]\n%s\n[property]\nkind = "rank"\nmatrix = "M"\nrank = 1\n'


@pytest.mark.parametrize("obj, kind", [
    ('M = "Builder:Mat"', "built"), ('M = "mats.sub:m"', "built"), ('M = "_m:_f2"', "built"),
    ('M = {file = "m.json"}', "file"), ("M = {value = [[1]]}", "value"),
])
def test_read_claim_file_objects_accepted(obj, kind):
    assert _read(OBJECTS % obj)[3] == {"M": kind}


@pytest.mark.parametrize("obj", ['M = "m"', 'M = "m:1f"', 'M = "1m:f"', 'M = ":f"', 'M = "m:"', "M = 5",
                                 'M = {file = ""}', "M = {file = 5}", 'M = {file = "a", value = 1}',
                                 "M = {value = 1, other = 2}", "M = {}", "M = {other = 1}"])
def test_read_claim_file_objects_refused(obj):
    _refused(OBJECTS % obj, "must be \"module:function\", {file = ...} or {value = ...}")


def test_read_claim_file_objects_and_property():
    base = HEAD.format(id="ok")
    _refused(base + '[objects]\n[property]\nkind = "rank"\nmatrix = "M"\nrank = 1\n', "must name at least one object")
    _refused(base + 'objects = 5\n[property]\nkind = "rank"\nmatrix = "M"\nrank = 1\n', "must name at least one object")
    _refused(base + '[objects]\nM = {value = [[1]]}\n', "[property] needs kind")
    _refused(base + '[objects]\nM = {value = [[1]]}\n[property]\nmatrix = "M"\n', "[property] needs kind")
    _refused(base + 'property = 5\n[objects]\nM = {value = [[1]]}\n', "[property] needs kind")
    _refused(base + '[objects]\nM = {value = [[1]]}\n[property]\nkind = 5\n', "[property] needs kind")
    _refused(RANK_FILE + "foo = 1\n", "property rank takes no foo")
    _refused(RANK_FILE + "box = [[0, 1]]\n", "property rank takes no box")
    _refused(RANK_FILE.replace('matrix = "M"', 'matrix = "N"'), "the property's matrix 'N' is not an object")


@pytest.mark.parametrize("prop, key", [
    ('kind = "rank"\nmatrix = 5\nrank = 1', "matrix"),
    ('kind = "rank"\nmatrix = ["M"]\nrank = 1', "matrix"),
    ('kind = "equals"\nnetwork = 5\nreference = "x"', "network"),
    ('kind = "equals"\nnetwork = "M"\nreference_network = 5', "reference_network"),
    ('kind = "reconstructs"\nnetwork = "M"\ndata = 5', "data"),
])
def test_property_names_objects_by_string(prop, key):
    text = HEAD.format(id="ok") + "[objects]\nM = {value = [[1]]}\n[property]\n" + prop + "\n"
    _refused(text, "property %s must name an object" % key)


@pytest.mark.parametrize("box, message", [
    ("[]", "box must be [[lo, hi], ...]"), ("5", "box must be [[lo, hi], ...]"), ('"box"', "box must be [[lo, hi], ...]"),
    ("[[1, 0]]", "box[0] is empty"), ("[[0, 1], [1, 1]]", "box[1] is empty"), ("[[0, 1, 2]]", "box[0] must be [lo, hi]"),
    ("[5]", "box[0] must be [lo, hi]"),
])
def test_read_claim_file_box(box, message):
    text = HEAD.format(id="ok") + ('[objects.f.value]\nlayers = [{weight = [[1]]}]\n[property]\nkind = "equals"\n'
                                   'network = "f"\nreference = "x"\nbox = %s\n' % box)
    _refused(text, message)
