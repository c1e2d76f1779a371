"""Boundary cases of the kernel found by mutation testing (bench/mutation.sh kernel)."""

import json
from fractions import Fraction as F

import pytest

from proofs.kernel import SPECS, core as K, recheck, reader
from proofs.kernel import regions as R
from proofs.kernel.framework import FORMAT, VERSION, Step, spec


def _net(layers):
    return K.network({"layers": layers})


# -- numbers at the digit limit ----------------------------------------------------------------
def test_digit_limit_boundaries():
    K.q(10 ** 9999)                    # 10,000 digits
    K.q(-(10 ** 10000 - 1))            # 10,000 nines
    with pytest.raises(K.Invalid):
        K.q(10 ** 10000)               # 10,001 digits
    K.q("9" * 10000 + "/" + "9" * 10000)
    with pytest.raises(K.Invalid):
        K.q("1/" + "9" * 10001)
    with pytest.raises(K.Invalid):
        K.q("9" * 10001 + "/1")
    assert K.q("-" + "9" * 10000) < 0


def test_nat_bounds():
    assert K.nat(0) == 0 and K.nat(5, lo=5, hi=5) == 5
    for bad in (-1, True, "3", 3.0):
        with pytest.raises(K.Invalid):
            K.nat(bad)
    with pytest.raises(K.Invalid):
        K.nat(6, hi=5)


# -- networks -----------------------------------------------------------------------------------
def test_network_defaults_and_shapes():
    net = _net([{"weight": [[1]], "activation": "hard_threshold"}])    # threshold 1, bias 0
    assert K.run(net, [F(1)]) == [F(1)] and K.run(net, [F(99, 100)]) == [F(0)]
    net = _net([{"weight": [[1], [2]]}])                                # identity, bias 0
    assert K.run(net, [F(3)]) == [F(3), F(6)] and net.d_in == 1 and net.d_out == 2
    for bad in ([{"weight": []}], [{"weight": [[]]}], [{"weight": [[1]], "bias": [1, 2]}],
                [{"weight": [[1]], "activation": "hard_threshold", "threshold": "x"}]):
        with pytest.raises(K.Invalid):
            _net(bad)
    with pytest.raises(K.Invalid, match=r"layers\[1\]\.weight"):
        _net([{"weight": [[1, 2]]}, {"weight": [[1, 1]]}])
    with pytest.raises(K.Invalid, match=r"layers\[0\]\.bias"):
        _net([{"weight": [[1]], "bias": ["1/0"]}])


# -- pattern systems ------------------------------------------------------------------------------
def test_hard_threshold_rows_are_strict_at_the_threshold():
    net = _net([{"weight": [[1]], "activation": "hard_threshold", "threshold": 1}])
    on, _, c_on = K.pattern_system(net, [[1]])
    off = K.pattern_system(net, [[0]])[0]
    assert K.strict_point(on, [F(2)]) and not K.strict_point(on, [F(1)]) and not K.strict_point(on, [F(0)])
    assert K.strict_point(off, [F(0)]) and not K.strict_point(off, [F(1)])
    assert c_on == [F(1)] and K.pattern_system(net, [[0]])[2] == [F(0)]   # the map of a threshold layer


def test_constant_neurons_at_the_boundary():
    relu0 = _net([{"weight": [[0]], "bias": [0], "activation": "relu"}])          # u = 0: inactive
    assert K.pattern_system(relu0, [[0]])[0] == []
    assert not K.strict_point(K.pattern_system(relu0, [[1]])[0], [F(0)])
    step = _net([{"weight": [[0]], "bias": [1], "activation": "hard_threshold"}])  # u = t: active
    assert K.pattern_system(step, [[1]])[0] == []
    assert not K.strict_point(K.pattern_system(step, [[0]])[0], [F(0)])


def test_a_constant_neuron_does_not_hide_the_next_one():
    net = _net([{"weight": [[0], [1]], "bias": [1, 0], "activation": "relu"}])
    rows = K.pattern_system(net, [[1, 1]])[0]
    assert K.strict_point(rows, [F(1)]) and not K.strict_point(rows, [F(-1)])


def test_patterns_longer_than_the_network_or_after_a_prefix():
    net = _net([{"weight": [[1]], "activation": "relu"}, {"weight": [[1]], "activation": "relu"}])
    for bad in ([[1], [1], [1]], [[], [1]]):
        with pytest.raises(K.Invalid):
            K.pattern_system(net, bad)
    wide = _net([{"weight": [[1], [1]], "activation": "relu"}, {"weight": [[1, 1]], "activation": "relu"}])
    with pytest.raises(K.Invalid):
        K.pattern_system(wide, [[1], [0]])      # a prefix of layer 0 followed by layer 1


# -- expressions ------------------------------------------------------------------------------
def test_expression_operators_and_limits():
    at = lambda text, i: K.expression(text, ("i",)).at({"i": F(i)})
    assert at("-i", 3) == -3 and at("+i", 3) == 3 and at("i**0", 3) == 1 and at("i**8", 2) == 256
    assert at("1 - -i", 2) == 3
    with pytest.raises(K.Invalid):
        K.expression("i**9", ("i",))
    K.expression("1" + "+1" * 99 + " ", ("i",))          # 200 characters
    with pytest.raises(K.Invalid):
        K.expression("1" + "+1" * 100, ("i",))           # 201 characters
    with pytest.raises(K.Invalid):
        K.expression(None, ("i",))
    assert K.evaluate_expression("n/2", {"n": F(3)}) == F(3, 2)


# -- reading files ------------------------------------------------------------------------------
def test_read_certificate(tmp_path, monkeypatch):
    path = tmp_path / "c.json"
    path.write_text('{"a": [1, "2/3"]}')
    assert reader.read_certificate(path) == {"a": [1, "2/3"]}
    path.write_bytes('{"a": "é"}'.encode("utf-16"))
    with pytest.raises(reader.Malformed, match="UTF-8"):
        reader.read_certificate(path)
    path.write_text("[" + "9" * 30 + "]")
    with pytest.raises(reader.Malformed, match="digits"):
        reader.read_certificate(path, max_digits=20)
    assert reader.read_certificate(path, max_digits=30) == [int("9" * 30)]
    monkeypatch.setattr(reader, "MAX_BYTES", 10)
    path.write_text("[" + "1, " * 4 + "1]")
    with pytest.raises(reader.Malformed, match="larger than 10 bytes"):
        reader.read_certificate(path)
    path.write_text("[1, 2, 33]")                        # exactly 10 bytes
    assert reader.read_certificate(path) == [1, 2, 33]


def test_recheck_file(tmp_path):
    from proofs.kernel import recheck_file

    path = tmp_path / "c.json"
    path.write_text(json.dumps({"format": FORMAT}))
    assert recheck_file(path)[0] == "invalid"
    path.write_text("{")
    assert recheck_file(path)[0] == "malformed"
    assert recheck_file(tmp_path / "none.json")[0] == "malformed"


# -- the re-check's own decisions -----------------------------------------------------------------
def _cert(claim, status="verified", **kw):
    return {"format": FORMAT, "version": VERSION, "claim": claim, "variant": None, "status": status,
            "scope": {}, "evidence": {}, **kw}


@pytest.fixture
def test_specs():
    added = []

    def register(claim, fn, statuses=("verified", "proved")):
        spec(claim, statuses=statuses)(fn)
        added.append((claim, None))

    yield register
    for key in added:
        SPECS.pop(key, None)


def test_a_proved_spec_must_state_its_argument(test_specs):
    def silent(c):
        """Says nothing."""

    test_specs("TEST-silent", silent)
    assert recheck(_cert("TEST-silent"))[0]
    ok, message = recheck(_cert("TEST-silent", "proved", argument=[]))
    assert not ok and "no argument" in message


def test_errors_inside_a_spec_reject(test_specs):
    def broken(c):
        """Raises."""
        raise KeyError("x")

    test_specs("TEST-broken", broken)
    ok, message = recheck(_cert("TEST-broken"))
    assert not ok and message.startswith("malformed: KeyError")


def test_deep_nesting_rejects_instead_of_crashing(test_specs):
    def hashes(c):
        """Hashes a bound object."""
        c.scope.bound("obj")

    test_specs("TEST-deep", hashes)
    deep = []
    for _ in range(100000):
        deep = [deep]
    ok, message = recheck(_cert("TEST-deep", scope={"obj": {"sha256": "0", "value": deep}}))
    assert not ok and "nested" in message


def test_messages_name_what_is_unknown():
    ok, message = recheck(_cert("000-L3.1", variant="nope"))
    assert not ok and "has no variant 'nope'" in message and "known: None" in message
    ok, message = recheck(_cert("NOPE"))
    assert not ok and message == "the kernel has no specification of claim 'NOPE'"
    ok, message = recheck(_cert("000-L3.1", "inconclusive"))
    assert not ok and "admits no evidence for 'inconclusive'" in message


def test_the_valid_message_lists_the_scope():
    cert = _cert("000-L3.1", scope={"n_max": 2, "weights": "1/i", "threshold": 1, "encoder_scale": 1,
                                    "encoder_shift": 0}, evidence={"checked": 5})
    ok, message = recheck(cert)
    assert ok and message.startswith("000-L3.1 verified (encoder_scale=1, encoder_shift=0, n_max=2, "
                                     "threshold=1, weights=1/i): Lemma 3.1")


# -- regions: exact measures --------------------------------------------------------------------
def test_measures_in_one_and_two_dimensions():
    line = _net([{"weight": [[1], [-1]], "bias": [0, 1], "activation": "relu"}])   # x > 0, x < 1
    assert R.region_measure(line, [[1, 1]], [[-2, 3]]) == 1
    assert R.region_measure(line, [[0, 1]], [[-2, 3]]) == 2
    assert R.region_measure(line, [[1, 0]], [[-2, 3]]) == 2
    assert R.region_measure(line, [[0, 0]], [[-2, 3]]) == 0
    plane = _net([{"weight": [[1, 1]], "bias": [0], "activation": "relu"}])       # x + y > 0
    box = [[0, 2], [-1, 3]]
    assert R.region_measure(plane, [[1]], box) == 8 - F(1, 2)
    assert R.region_measure(plane, [[0]], box) == F(1, 2)
    tilted = _net([{"weight": [[1, -2]], "bias": [1], "activation": "relu"}])     # x - 2y + 1 > 0
    assert R.region_measure(tilted, [[1]], box) + R.region_measure(tilted, [[0]], box) == 8
    assert R.region_measure(tilted, [[0]], box) == 4   # y >= (x + 1) / 2: a trapezoid of heights 5/2, 3/2
    const = _net([{"weight": [[0, 0]], "bias": [1], "activation": "relu"}])
    assert R.region_measure(const, [[0]], box) == 0 and R.region_measure(const, [[1]], box) == 8
    with pytest.raises(K.Invalid):
        R.region_measure(_net([{"weight": [[1, 1, 1]], "activation": "relu"}]), [[1]], [[0, 1]] * 3)


# -- second mutation round --------------------------------------------------------------------
def test_longest_valid_number_string():
    K.q("-" + "9" * 10000 + "/" + "9" * 10000)          # 20,002 characters, every part at its limit


def test_layers_after_an_identity_layer_still_give_rows():
    net = _net([{"weight": [[1]], "bias": [1]}, {"weight": [[1]], "activation": "relu"}])
    rows = K.pattern_system(net, [[], [1]])[0]
    assert K.strict_point(rows, [F(0)]) and not K.strict_point(rows, [F(-1)])   # x + 1 > 0


def test_biases_enter_run_and_pattern_at():
    net = _net([{"weight": [[1]], "bias": ["1/2"], "activation": "relu"},
                {"weight": [[2]], "bias": [-1], "activation": "hard_threshold", "threshold": 0}])
    assert K.run(net, [F(0)]) == [F(1)] and K.run(net, [F(-1)]) == [F(0)]
    assert R.pattern_at(net, ["0"]) == [[1], [1]]          # 1/2 > 0; 2 * 1/2 - 1 = 0 >= 0
    assert R.pattern_at(net, [-1]) == [[0], [0]]
    assert R.pattern_at(net, ["-1/2"]) == [[0], [0]]       # relu boundary: u = 0 is inactive
    assert R.pattern_at(net, ["-1/4"]) == [[1], [0]]       # 2 * 1/4 - 1 < 0
    with pytest.raises(K.Invalid):
        R.pattern_at(net, [0, 1])


def test_region_points_are_strict_and_multipliers_sized():
    net = _net([{"weight": [[1]], "activation": "relu"}])
    R.region_point(net, [[1]], None, ["1/2"])
    with pytest.raises(K.Invalid):
        R.region_point(net, [[1]], None, [0])              # on the boundary: not interior
    with pytest.raises(K.Invalid):
        R.region_point(net, [[1]], None, [1, 1])
    R.region_empty(net, [[1]], [[-1, 0]], [0, 1, 1])        # box -1 < x < 0 and x > 0: empty
    with pytest.raises(K.Invalid):
        R.region_empty(net, [[1]], [[-1, 0]], [1, 1])
    with pytest.raises(K.Invalid):
        R.region_empty(net, [[1]], [[-1, 1]], [0, 1, 1])     # not empty: no multiplier works


def test_cover_without_measure_on_an_unbounded_domain():
    net = _net([{"weight": [[1]], "activation": "relu"}])
    assert sorted(R.cover(net, None, [[[[1]], [1]], [[[0]], [-1]]], [])) == [[[0]], [[1]]]


def test_one_dimensional_measures_with_non_unit_slopes():
    net = _net([{"weight": [["1/2"], [-2]], "bias": [0, 2], "activation": "relu"}])  # x/2 > 0, 2 - 2x > 0
    box = [[-3, 4]]
    assert R.region_measure(net, [[1, 1]], box) == 1      # 0 < x < 1
    assert R.region_measure(net, [[1, 0]], box) == 3      # 1 < x < 4
    assert R.region_measure(net, [[0, 1]], box) == 3      # -3 < x < 0


def test_two_dimensional_measures_in_a_box_with_unequal_sides():
    net = _net([{"weight": [[1, 0]], "bias": [0], "activation": "relu"}])   # x > 0
    box = [[-3, 2], [0, 1]]
    assert R.region_measure(net, [[1]], box) == 2 and R.region_measure(net, [[0]], box) == 3
    assert R.region_measure(net, [], box) == 5


def test_constant_rows_with_zero_right_hand_side_have_no_measure():
    net = _net([{"weight": [[0, 0]], "bias": [0], "activation": "relu"}])   # u = 0: never active
    assert R.region_measure(net, [[1]], [[0, 1], [0, 1]]) == 0
    assert R.region_measure(net, [[0]], [[0, 1], [0, 1]]) == 1


def test_psd_with_a_zero_pivot_and_a_later_cancellation():
    m = [[0, 1, 1], [1, 1, 1], [1, 1, 1]]                   # the minor [[0, 1], [1, 1]] has det -1
    assert K.is_psd([[F(x) for x in row] for row in m]) is False


def test_motzkin_needs_a_non_positive_combination():
    strict = [([F(1)], F(1)), ([F(-1)], F(-1, 2))]          # x < 1 and x > 1/2: not empty
    with pytest.raises(K.Invalid):
        K.motzkin_empty([], strict, [], [F(1), F(1)], 1)    # y.b = 1/2 > 0
    K.motzkin_empty([], [([F(1)], F(0)), ([F(-1)], F(0))], [], [F(1), F(1)], 1)


def test_step_signals_and_transposes():
    assert K.step_signal(3, 1) == [F(1), F(0), F(0)] and K.step_signal(2, 0, F(5)) == [F(0), F(0)]
    assert K.step_signal(2, 2, F(3)) == [F(3), F(3)]
    assert K.transpose([], 2) == [[], []] and K.transpose([[F(1), F(2)]]) == [[F(1)], [F(2)]]


def test_coefficient_signs_and_shifts():
    names = ("i",)
    zero_coefficient = K.Poly({(0,): F(0), (1,): F(1)}, names)
    assert zero_coefficient.coefficients_nonnegative()
    assert K.Poly({(0,): F(1, 2)}, names).coefficients_nonnegative()
    p = K.Poly({(2, 1): F(1)}, ("i", "n"))                    # i^2 n
    shifted = p.shift("i", 1)                                # (i + 1)^2 n
    assert shifted.at({"i": F(1), "n": F(2)}) == 8


def test_canonical_json_is_ascii_and_hash_stable():
    assert K.canonical_json({"é": 1}) == '{"\\u00e9":1}'
    assert K.sha256_json({"a": 1}) == "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862"


def test_field_defaults_and_limits():
    from proofs.kernel.framework import Fields

    assert Fields({"n": 0}, "s").int("n") == 0                      # lo defaults to 0
    assert Fields({"l": []}, "s").list("l") == [] and Fields({"l": []}, "s").items("l") == []
    with pytest.raises(K.Invalid):
        Fields({"l": [1, 2]}, "s").list("l", hi=1)
    assert Fields({"l": [1]}, "s").list("l", hi=1) == [1] and Fields({"l": [1]}, "s").list("l", lo=1) == [1]
    with pytest.raises(K.Invalid):
        Fields({"l": []}, "s").list("l", lo=1)
    with pytest.raises(K.Invalid):
        Fields({"l": [{}, {}]}, "s").items("l", n=1)
    with pytest.raises(K.Invalid):
        Fields({"l": [{}, {}]}, "s").items("l", hi=1)
    assert Fields({"s": "x" * 10000}, "s").str("s") and Fields({}, "s").items("l", default=None) is None
    with pytest.raises(K.Invalid):
        Fields({"s": "x" * 10001}, "s").str("s")
    f = Fields({"p": None, "q": "x"}, "s")
    assert f.optional_str("p") is None and f.optional_str("q") == "x" and f.optional_str("r", default="d") == "d"
    with pytest.raises(K.Invalid):
        f.optional_str("missing")


def test_step_checkers():
    Step("a", "b", "sympy")
    Step("a", "b", "theorem: Farkas")
    for bad in ("SYMPY", "Theorem: x", "theorem:x"):
        with pytest.raises(RuntimeError):
            Step("a", "b", bad)


def test_envelope_checks_claim_and_variant_types():
    assert not recheck({**_cert("000-L3.1"), "variant": 3})[0]
    ok, message = recheck({**_cert("000-L3.1"), "claim": 3})
    assert not ok and "must be strings" in message
    ok, message = recheck({**_cert("000-L3.1"), "scope": {"n_max": 1, "weights": "1/i", "threshold": 1,
                                                           "encoder_scale": 1, "encoder_shift": 0, "x": 1},
                           "evidence": {"checked": 2}})
    assert not ok and message.startswith("scope: 'x'")
    ok, message = recheck({**_cert("000-L3.1"), "scope": {"n_max": 1, "weights": "1/i", "threshold": 1,
                                                           "encoder_scale": 1, "encoder_shift": 0},
                           "evidence": {"checked": 2, "y": 1}})
    assert not ok and message.startswith("evidence: 'y'")


# -- third mutation round ---------------------------------------------------------------------
def test_nesting_counts_siblings_and_closing_brackets():
    assert reader.loads("[" + "[]," * 200 + "[]]") is not None            # wide, two deep
    deep_after_sibling = "[[]," + "[" * 64 + "]" * 64 + "]"                  # 65 deep after a closed sibling
    with pytest.raises(reader.Malformed, match="nested"):
        reader.loads(deep_after_sibling)


def test_a_spec_statement_is_its_docstring_first_paragraph(test_specs):
    def documented(c):
        """First line of the
        statement.

        Details that are not the statement.
        """

    test_specs("TEST-doc", documented)
    assert SPECS[("TEST-doc", None)][2] == "First line of the statement."


def test_constant_threshold_neurons_use_the_threshold():
    half = _net([{"weight": [[0]], "bias": ["1/2"], "activation": "hard_threshold", "threshold": 1}])
    assert K.pattern_system(half, [[0]])[0] == []                           # 1/2 < 1: never active
    assert not K.strict_point(K.pattern_system(half, [[1]])[0], [F(0)])


def test_products_with_empty_factors():
    assert K.matmul([[]], []) == [[]]
    assert K.matmul([[F(1)], [F(2)]], [[F(3), F(4)]]) == [[F(3), F(4)], [F(6), F(8)]]


def test_pattern_at_applies_each_layer_activation():
    net = _net([{"weight": [[1]], "activation": "relu"}, {"weight": [[1]], "bias": [1], "activation": "relu"}])
    assert R.pattern_at(net, [-2]) == [[0], [1]]                            # relu(-2) + 1 = 1 > 0


def test_items_default_only_when_missing():
    from proofs.kernel.framework import Fields

    assert Fields({}, "s").items("l", default=None) is None
    with pytest.raises(K.Invalid):
        Fields({"l": None}, "s").items("l", default=None)                   # present but not a list


def test_nesting_is_counted_back_down_exactly():
    from proofs.kernel.reader import MAX_DEPTH

    # MAX_DEPTH - 1 arrays holding [] and then [[]]: the second sibling reaches MAX_DEPTH + 1
    text = "[" * (MAX_DEPTH - 1) + "[],[[]]" + "]" * (MAX_DEPTH - 1)
    with pytest.raises(reader.Malformed, match="nested"):
        reader.loads(text)
    assert reader.loads("[" * (MAX_DEPTH - 1) + "[],[]" + "]" * (MAX_DEPTH - 1)) is not None
