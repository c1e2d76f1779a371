"""The certificate framework: strict fields, the spec registry, the argument and the re-check."""

from fractions import Fraction as F

import pytest

from proofs.kernel import SPECS, core as K, recheck
from proofs.kernel.framework import FORMAT, VERSION, Cert, Fields, Step, spec


def test_fields_typed_getters_and_defaults():
    f = Fields({"n": 3, "q": "1/2", "b": True, "s": "x", "v": [1, "2/3"], "m": [[1], [2]], "o": {"k": 1},
                "l": [{"a": 1}], "net": {"layers": [{"weight": [[1]]}]}}, "scope")
    assert f.int("n", lo=1, hi=3) == 3 and f.q("q") == F(1, 2) and f.bool("b") is True
    assert f.str("s", choices=("x",)) == "x" and f.vec("v", n=2) == [F(1), F(2, 3)]
    assert f.mat("m", rows=2, cols=1) == [[F(1)], [F(2)]]
    assert f.obj("o").int("k") == 1 and f.items("l", n=1)[0].int("a") == 1
    assert f.network("net").d_in == 1
    assert f.int("missing", default=7) == 7 and f.has("n") and not f.has("missing")
    f.check_all_read()


@pytest.mark.parametrize("call", [
    lambda f: f.int("n", lo=4), lambda f: f.int("n", hi=2), lambda f: f.int("q"), lambda f: f.int("b"),
    lambda f: f.q("b"), lambda f: f.bool("n"), lambda f: f.str("n"), lambda f: f.str("s", choices=("y",)),
    lambda f: f.vec("v", n=3), lambda f: f.mat("m", rows=1), lambda f: f.list("v", n=1), lambda f: f.list("n"),
    lambda f: f.obj("n"), lambda f: f.items("v"), lambda f: f.int("missing"), lambda f: f.bound("o"),
])
def test_fields_reject(call):
    f = Fields({"n": 3, "q": "1/2", "b": True, "s": "x", "v": [1, 2], "m": [[1], [2]], "o": {"k": 1}}, "scope")
    with pytest.raises(K.Invalid):
        call(f)


def test_unread_keys_are_rejected_recursively():
    f = Fields({"a": 1, "o": {"k": 1, "extra": 2}}, "evidence")
    f.int("a")
    f.obj("o").int("k")
    with pytest.raises(K.Invalid, match="extra"):
        f.check_all_read()
    g = Fields({"a": 1, "b": 2}, "scope")
    g.int("a")
    with pytest.raises(K.Invalid, match="'b'"):
        g.check_all_read()


def test_bound_objects_are_checked_by_hash():
    value = {"layers": [{"weight": [[1]]}]}
    f = Fields({"net": {"sha256": K.sha256_json(value), "value": value}}, "scope")
    assert f.bound("net") == value
    f = Fields({"net": {"sha256": K.sha256_json(value), "value": {"layers": [{"weight": [[2]]}]}}}, "scope")
    with pytest.raises(K.Invalid, match="SHA-256"):
        f.bound("net")


def _cert(**kw):
    base = {"format": FORMAT, "version": VERSION, "claim": "000-L3.1", "variant": None, "status": "verified",
            "scope": {"n_max": 2, "weights": "1/i", "threshold": 1, "encoder_scale": 1, "encoder_shift": 0},
            "evidence": {"checked": 5}}
    base.update(kw)
    return base


def test_envelope():
    assert recheck(_cert())[0]
    for bad in [_cert(format="x"), _cert(version=1), _cert(version=True), _cert(extra=1), _cert(claim=3),
                _cert(variant=3), _cert(status="Proved"), [], "cert", None]:
        assert not recheck(bad)[0], bad
    for key in ("claim", "status", "scope", "evidence"):
        c = _cert()
        del c[key]
        assert not recheck(c)[0]
    assert not recheck(_cert(argument=[]))[0]  # only proved certificates carry an argument
    assert not recheck(_cert(scope=[1]))[0]


def test_every_spec_has_a_statement_and_known_statuses():
    assert len(SPECS) >= 2
    for (claim, variant), (fn, statuses, statement) in SPECS.items():
        assert statement and len(statement) < 600, (claim, variant)
        assert statuses and set(statuses) <= {"proved", "verified", "refuted", "inconclusive"}


def test_registration_errors():
    with pytest.raises(RuntimeError):
        spec("000-L3.1")(lambda c: None)  # registered twice
    with pytest.raises(RuntimeError):
        spec("X-UNKNOWN-STATUS", statuses=("true",))(lambda c: None)
    with pytest.raises(RuntimeError):
        Step("a", "b", "trust me")


def test_argument_must_match_exactly():
    c = Cert({**_cert(), "status": "proved", "argument": [{"id": "a", "checker": "kernel"}]})
    c.argument([Step("a", "fact", "kernel")])
    for arg in ([], [{"id": "a", "checker": "sympy"}], [{"id": "a", "checker": "kernel"}] * 2, None,
                [{"id": "a", "checker": "kernel", "extra": 1}]):
        c = Cert({**_cert(), "status": "proved", "argument": arg})
        with pytest.raises(K.Invalid):
            c.argument([Step("a", "fact", "kernel")])


def test_checked_count():
    c = Cert(_cert())
    c.checked(5)
    with pytest.raises(K.Invalid):
        Cert(_cert()).checked(4)
    with pytest.raises(K.Invalid):
        Cert(_cert(evidence={"checked": "5"})).checked(5)


def test_polynomials():
    names = ("i", "n")
    i, n = K.Poly.var("i", names), K.Poly.var("n", names)
    p = i * i - K.Poly.const(1, names)
    assert p.at({"i": F(3), "n": F(0)}) == 8
    assert p.shift("i", 1).at({"i": F(2), "n": F(0)}) == 8   # (i + 1)^2 - 1 at i = 2
    assert (p - p).is_zero() and not p.is_zero()
    assert (i + n).coefficients_nonnegative() and not p.coefficients_nonnegative()
    one = K.RatFunc(K.Poly.const(1, names), K.Poly.const(1, names))
    r = K.RatFunc(i, i + one.num)
    assert (r + one).at({"i": F(1), "n": F(0)}) == F(3, 2)
    assert (r * r).at({"i": F(1), "n": F(0)}) == F(1, 4)
    assert (one / r).at({"i": F(1), "n": F(0)}) == 2
    assert (-r).at({"i": F(1), "n": F(0)}) == F(-1, 2)
    assert (r - r).is_zero() and r.equals(r) and not r.equals(one)
    with pytest.raises(K.Invalid):
        one / (r - r)
    with pytest.raises(K.Invalid):
        K.RatFunc(i, i - i)
    with pytest.raises(K.Invalid):
        r.at({"i": F(-1), "n": F(0)})  # the denominator vanishes


def test_box_rows_and_pattern_system():
    assert K.box_rows(None, 2) == []
    rows = K.box_rows([[-1, 1], [None, "1/2"]], 2)
    assert len(rows) == 3 and K.strict_point(rows, [F(0), F(0)]) and not K.strict_point(rows, [F(1), F(0)])
    for bad in ([[1, 1]], [[2, 1]], [[0, 1], [0, 1]], "box", [[0]]):
        with pytest.raises(K.Invalid):
            K.box_rows(bad, 1)
    net = K.network({"layers": [{"weight": [[1], [-1]], "bias": [0, 0], "activation": "relu"},
                                {"weight": [[1, 1]], "activation": "identity"}]})
    rows, m, c = K.pattern_system(net, [[1, 0]])
    assert K.strict_point(rows, [F(1)]) and not K.strict_point(rows, [F(-1)]) and not K.strict_point(rows, [F(0)])
    assert m == [[F(1)], [F(0)]] and c == [F(0), F(0)]
    rows, m, c = K.pattern_system(net, [[0, 0]])  # only x = 0: empty interior
    K.motzkin_empty([], rows, [], [F(1)] * len(rows), 1)
    assert len(K.pattern_system(net, [[1]])[0]) == 1  # a prefix: the first neuron only
    for bad in ([[1, 2]], [[1, 0], [1]], "x", [[True, 0]], [[1, 0, 1]], [[1], []]):
        with pytest.raises(K.Invalid):
            K.pattern_system(net, bad)
    const = K.network({"layers": [{"weight": [[0]], "bias": [1], "activation": "relu"}]})
    assert K.pattern_system(const, [[1]])[0] == []  # always active: no row
    rows = K.pattern_system(const, [[0]])[0]
    assert rows == [([F(0)], F(-1))]  # never inactive: the unsatisfiable 0 < -1


@pytest.mark.parametrize("getter", ["int", "q", "bool", "str", "vec", "mat", "network", "list", "obj", "items", "raw"])
def test_every_getter_refuses_a_missing_key(getter):
    f = Fields({}, "evidence")
    with pytest.raises(K.Invalid, match="missing 'k'"):
        getattr(f, getter)("k")
    assert getattr(f, getter)("k", default=None) is None


def test_matrix_columns_are_checked():
    f = Fields({"m": [[1, 2], [3, 4]]}, "scope")
    with pytest.raises(K.Invalid, match=r"scope\.m"):
        f.mat("m", cols=3)
    assert Fields({"m": [[1, 2]]}, "scope").mat("m", rows=1, cols=2) == [[F(1), F(2)]]
