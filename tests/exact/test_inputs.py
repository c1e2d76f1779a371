"""The input layer: limits checked before work, one-line errors naming the place, no echo."""

import json
import os
from fractions import Fraction

import pytest

from exact.errors import FormatError, InvalidArgument
from exact.inputs import (DEFAULT_MAX_DIGITS, check_output_file, check_regions, int_from_digits, int_to_digits,
                          limits, one_line, parse_integer, parse_json_text, parse_rational, prepare_output_dir,
                          preview, read_json, read_regions, read_text, set_limits, using_limits)


def _short(e) -> str:
    text = str(e.value)
    assert "\n" not in text and len(text) <= 200, text
    return text


@pytest.mark.parametrize("text, value", [
    ("3", 3), ("-3/7", Fraction(-3, 7)), ("+4/6", Fraction(2, 3)), (" 0.25 ", Fraction(1, 4)),
    ("1e3", 1000), ("1E-3", Fraction(1, 1000)), (".5", Fraction(1, 2)), ("5.", 5), ("-0", 0),
    ("2.5e1", 25), ("1.25e-1", Fraction(1, 8)), ("007", 7), ("0/5", 0), ("12e+2", 1200),
])
def test_parse_rational_accepts(text, value):
    assert parse_rational(text) == value


@pytest.mark.parametrize("text", ["", " ", "abc", "1/", "/3", "1/-2", "1.5/2", "1e", "e5", "--1", "1_000",
                                  "nan", "inf", "0x10", "1/2/3", "½", "1 2", "1.2.3", "+", "."])
def test_parse_rational_refuses(text):
    with pytest.raises(InvalidArgument) as e:
        parse_rational(text, "x")
    assert _short(e).startswith("x: ")


def test_parse_rational_division_by_zero_and_error_class():
    with pytest.raises(InvalidArgument, match="divides by zero"):
        parse_rational("1/0")
    with pytest.raises(FormatError):
        parse_rational("1/0", "f", error=FormatError)
    with pytest.raises(InvalidArgument, match="expected a number written as text"):
        parse_rational(5)


def test_digit_limit_counts_exponents_and_is_checked_first():
    assert limits().max_digits == DEFAULT_MAX_DIGITS == 10_000
    assert parse_rational("1" + "0" * 9_999) == 10 ** 9_999
    for text in ("1" * 10_001, "1e10000", "1e-10000", "1e999999999", "1e99999999999999999999", "1/" + "3" * 10_001,
                 "0." + "1" * 10_001, "7" * 10 ** 6):
        with pytest.raises(InvalidArgument) as e:
            parse_rational(text, "--box")
        msg = _short(e)
        assert "over the limit of 10000 digits" in msg and "--max-digits" in msg and "777" not in msg
    assert parse_rational("1e9999") == 10 ** 9999
    assert parse_rational("1e-9999") == Fraction(1, 10 ** 9999)
    # exactly at the limit: 10,000 digits counted over numerator and denominator together
    assert parse_rational("1" * 5_000 + "/" + "3" * 5_000) == Fraction(int_from_digits("1" * 5_000), int_from_digits("3" * 5_000))
    with pytest.raises(InvalidArgument):
        parse_rational("1" * 5_000 + "/" + "3" * 5_001)


def test_limits_are_scoped_and_validated():
    with using_limits(max_digits=20_000) as lim:
        assert lim.max_digits == 20_000 and parse_rational("1" * 15_000) == int_from_digits("1" * 15_000)
    assert limits().max_digits == DEFAULT_MAX_DIGITS
    with using_limits(max_digits=3):
        assert parse_rational("999") == 999
        with pytest.raises(InvalidArgument):
            parse_rational("1000")
    old = set_limits(max_depth=5)
    try:
        assert limits().max_depth == 5
    finally:
        set_limits(max_depth=old.max_depth)
    for bad in (0, -1, True, 1.5):
        with pytest.raises(InvalidArgument):
            set_limits(max_digits=bad)


def test_parse_integer():
    assert parse_integer("12") == 12 and parse_integer("-4", minimum=-5) == -4 and parse_integer("1e2") == 100
    with pytest.raises(InvalidArgument, match="not an integer"):
        parse_integer("1/2")
    with pytest.raises(InvalidArgument, match="at least 1"):
        parse_integer("0", "n", minimum=1)
    with pytest.raises(InvalidArgument, match="at most 9"):
        parse_integer("10", "n", maximum=9)
    assert parse_integer("9", maximum=9) == 9 and parse_integer("1", minimum=1) == 1


def test_big_int_conversions_ignore_pythons_4300_digit_guard():
    for n in (0, 7, -7, 10 ** 4299, 10 ** 4300, -(10 ** 12_345) + 17, 3 ** 40_000):
        s = int_to_digits(n)
        assert int_from_digits(s) == n
        assert s.lstrip("-") == s.lstrip("-").lstrip("0") or s == "0"
    assert int_from_digits("+" + "1" * 5000) == int_from_digits("1" * 5000)
    assert int_from_digits("-" + "1" * 5000) == -int_from_digits("1" * 5000)
    assert int_to_digits(10 ** 5000) == "1" + "0" * 5000
    assert int_to_digits(-(10 ** 5000) - 1) == "-1" + "0" * 4999 + "1"


def test_messages_are_one_short_line():
    assert one_line("a\nb   c") == "a b c"
    long = "x" * 1000
    cut = one_line(long)
    assert len(cut) == 200 and " ... " in cut
    assert one_line("y" * 200) == "y" * 200 and one_line("y" * 201) != "y" * 201
    assert preview("abc") == '"abc"' and preview("a" * 41) == "a string of 41 characters"
    assert preview("a" * 40) == json.dumps("a" * 40)
    assert preview(12) == "12" and preview(10 ** 400).startswith("an integer of about 40")
    assert preview([1]) == "a list of 1 entry" and preview({"a": 1, "b": 2}) == "an object of 2 entries"
    assert preview(None) == "null" and preview(True) == "true" and preview(1.5) == "1.5"
    assert preview(object()).startswith("a ") or preview(object()).startswith("<")


# -- JSON --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, place, problem", [
    ('{"a": [1, 2.5]}', "a[1]", "2.5 is a float"),
    ('{"a": {"b": NaN}}', "a.b", "NaN is not a number"),
    ('[Infinity]', "[0]", "Infinity is not a number"),
    ('{"a": 1, "a": 2}', "top level", 'duplicate key "a"'),
    ('{"x": [{"k": 1, "k": 1}]}', "x[0]", 'duplicate key "k"'),
    ('{"n": ' + "9" * 10_001 + "}", "n", "an integer with 10001 digits is over the limit"),
    ('{"odd key!": [1.0]}', '"odd key!"[0]', "1.0 is a float"),
])
def test_json_problems_name_the_place(text, place, problem):
    with pytest.raises(FormatError) as e:
        parse_json_text(text, "f.json")
    msg = _short(e)
    assert msg.startswith(f"f.json: {place}: ") and problem in msg


def test_json_floats_when_allowed_and_big_ints():
    assert parse_json_text('{"s": 0.5, "l": [1.5, {"t": 2e3}]}', floats=True) == {"s": 0.5, "l": [1.5, {"t": 2000.0}]}
    assert parse_json_text("2.5", floats=True) == 2.5
    with pytest.raises(FormatError, match="NaN is not a number"):
        parse_json_text("[NaN]", floats=True)
    assert parse_json_text("[" + "9" * 5000 + "]") == [int_from_digits("9" * 5000)]
    assert parse_json_text("-" + "9" * 10_000) == -int_from_digits("9" * 10_000)
    with pytest.raises(FormatError) as e:
        parse_json_text('{"a": [' + "1" * 10 ** 6 + "]}", "g")
    assert "1111111111" not in _short(e)


def test_json_depth_is_checked_before_parsing():
    assert parse_json_text("[" * 64 + "]" * 64) is not None
    for text in ("[" * 65 + "]" * 65, "[" * 100_000, '{"a":' * 70 + "1" + "}" * 70):
        with pytest.raises(FormatError) as e:
            parse_json_text(text, "deep.json")
        assert "over the limit of 64" in _short(e)
    assert parse_json_text('["[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\""]') == \
        ["[" * 74 + '"']  # brackets inside strings do not count
    with using_limits(max_depth=2):
        with pytest.raises(FormatError):
            parse_json_text("[[[1]]]")
        assert parse_json_text("[[1]]") == [[1]]


def test_json_syntax_error_has_line_and_column():
    with pytest.raises(FormatError, match=r"^f: line 2 column 1: invalid JSON"):
        parse_json_text('{"a":\n}', "f")
    with pytest.raises(FormatError, match="more than the limit of 10 bytes"):
        with using_limits(max_bytes=10):
            parse_json_text("[" + "1," * 10 + "1]", "f")


@pytest.mark.parametrize("data, problem", [
    ('{"a": 1}'.encode("utf-16"), "UTF-16"),
    ('{"a": 1}'.encode("utf-16-be"), "NUL byte"),
    (bytes(range(256)), "NUL byte at offset 0"),
    (b'{"a": "\xff"}', "not UTF-8 text (byte 0xff at offset 7)"),
    (b"\x89PNG\r\n\x1a\n", "not UTF-8"),
])
def test_binary_and_utf16_files(tmp_path, data, problem):
    p = tmp_path / "x.json"
    p.write_bytes(data)
    with pytest.raises(FormatError) as e:
        read_json(p)
    assert problem in _short(e) and str(p) in str(e.value) or "..." in str(e.value)


def test_files_bom_size_directory_missing(tmp_path):
    p = tmp_path / "bom.json"
    p.write_bytes(b"\xef\xbb\xbf[1]")
    assert read_json(p) == [1]
    with pytest.raises(FormatError, match="is a directory"):
        read_text(tmp_path)
    with pytest.raises(FormatError, match="cannot read: No such file"):
        read_text(tmp_path / "missing.json")
    big = tmp_path / "big.json"
    big.write_bytes(b"[" + b"1," * 100 + b"1]")
    with using_limits(max_bytes=50):
        with pytest.raises(FormatError, match="over the limit of 50 bytes"):
            read_text(big)
    with using_limits(max_bytes=203):
        assert read_text(big).startswith("[1,")
    with using_limits(max_bytes=202):
        with pytest.raises(FormatError):
            read_text(big)
    long = tmp_path / ("n" * 200 + ".json")
    with pytest.raises(FormatError) as e:
        read_text(long)
    assert _short(e).startswith("...")


def test_pipes_are_read_up_to_the_limit():
    with using_limits(max_bytes=1000):
        with pytest.raises(FormatError, match="more than the limit of 1000 bytes"):
            read_text("/dev/zero")


# -- outputs -----------------------------------------------------------------------------------

def test_output_checks(tmp_path):
    assert check_output_file(tmp_path / "a.json") == str(tmp_path / "a.json")
    with pytest.raises(InvalidArgument, match="is a directory"):
        check_output_file(tmp_path)
    with pytest.raises(InvalidArgument, match="does not exist"):
        check_output_file(tmp_path / "missing" / "a.json")
    with pytest.raises(InvalidArgument, match=r"must end in one of \.pdf, \.png"):
        check_output_file(tmp_path / "out.xyz", "plot file", suffixes=("pdf", "png"))
    assert check_output_file(tmp_path / "out.PDF", suffixes=("pdf",))
    with pytest.raises(InvalidArgument, match="empty"):
        check_output_file("")
    d = prepare_output_dir(tmp_path / "new")
    assert os.path.isdir(d) and prepare_output_dir(d) == d
    with pytest.raises(InvalidArgument, match="does not exist"):
        prepare_output_dir(tmp_path / "no" / "such")
    (tmp_path / "file").write_text("x")
    with pytest.raises(InvalidArgument, match="not a folder"):
        prepare_output_dir(tmp_path / "file")
    with pytest.raises(InvalidArgument, match="empty"):
        prepare_output_dir("")


# -- regions files ------------------------------------------------------------------------------

def _regions_doc():
    return {"input_dim": 1, "counts": {"activation_regions": 2, "affine_pieces": 1}, "regions": [
        {"pattern": [[0]], "interior_point": ["-1"], "inequalities": [{"a": ["1"], "b": "0", "label": []}],
         "affine_map": {"linear": [["0"]], "offset": ["0"]}, "affine_piece": 0},
        {"pattern": [[1]], "interior_point": ["1/2"], "inequalities": [{"a": ["-1"], "b": 0}],
         "affine_map": {"linear": [["1"]], "offset": ["0"]}, "affine_piece": 0}]}


def test_regions_reader(tmp_path):
    p = tmp_path / "r.json"
    p.write_text(json.dumps(dict(_regions_doc(), seconds=0.25)))
    doc = read_regions(p)
    assert doc["counts"] == {"activation_regions": 2, "affine_pieces": 1}
    assert doc["regions"][1]["interior_point"] == (Fraction(1, 2),)
    assert doc["regions"][1]["inequalities"] == [((Fraction(-1),), Fraction(0))]


@pytest.mark.parametrize("change, problem", [
    (lambda d: d.pop("counts"), 'missing "counts"'),
    (lambda d: d.update(input_dim=0), "input_dim: expected a positive integer"),
    (lambda d: d.update(input_dim=True), "input_dim"),
    (lambda d: d["counts"].update(activation_regions=3), "there are 2 regions"),
    (lambda d: d["counts"].update(affine_pieces=-1), "counts.affine_pieces"),
    (lambda d: d.update(regions={}), "regions: expected a list"),
    (lambda d: d.update(counts=[]), "counts: expected an object"),
    (lambda d: d["regions"][0].update(pattern=[[2]]), "regions[0].pattern"),
    (lambda d: d["regions"][0].update(pattern=[[True]]), "regions[0].pattern"),
    (lambda d: d["regions"][0].update(interior_point=["1", "2"]), "interior_point: has 2 entries, expected 1"),
    (lambda d: d["regions"][0].update(interior_point=[0.5]), "interior_point[0]: expected an integer"),
    (lambda d: d["regions"][0].update(interior_point=["1e99999"]), "over the limit"),
    (lambda d: d["regions"][0].update(interior_point=["1"]), "inequalities[0]: the interior point does not satisfy"),
    (lambda d: d["regions"][0].update(interior_point=["0"]), "does not satisfy a.x < b"),
    (lambda d: d["regions"][0]["inequalities"].append({"a": ["1"]}), 'inequalities[1]: expected an object with "a"'),
    (lambda d: d["regions"][0].update(inequalities=None), "inequalities: expected a list"),
    (lambda d: d["regions"][1].update(affine_map=[]), "regions[1].affine_map"),
    (lambda d: d["regions"][1]["affine_map"].update(offset=["1", "2"]), "offset: has 2 entries, expected 1"),
    (lambda d: d["regions"][1]["affine_map"].update(linear=[["1", "2"]]), "linear[0]: has 2 entries"),
    (lambda d: d["regions"][1].update(affine_piece=1), "affine_piece: expected an index below 1"),
    (lambda d: d["regions"][1].pop("inequalities"), 'regions[1]: missing "inequalities"'),
    (lambda d: d["regions"].__setitem__(0, 5), "regions[0]: expected an object"),
])
def test_regions_reader_refuses(change, problem):
    doc = _regions_doc()
    change(doc)
    with pytest.raises(FormatError) as e:
        check_regions(doc, "r.json")
    assert problem in _short(e)
    with pytest.raises(FormatError):
        check_regions([], "r.json")


def _message(call):
    with pytest.raises((FormatError, InvalidArgument)) as e:
        call()
    return str(e.value)


def test_exact_messages_name_the_place():
    assert _message(lambda: parse_integer("1/2", "n")) == 'n: "1/2" is not an integer'
    assert _message(lambda: parse_integer("0", "n", minimum=1)) == "n: must be at least 1, got 0"
    assert _message(lambda: parse_integer("12", "n", maximum=9)) == "n: must be at most 9, got 12"
    assert _message(lambda: parse_integer("1e20000", "n")).startswith("n: a number with 20001 digits")
    with pytest.raises(FormatError):
        parse_integer("x", "n", error=FormatError)
    assert _message(lambda: parse_rational("1" * 10_001, "w")) == (
        "w: a number with 10001 digits (exponent included) is over the limit of 10000 digits (--max-digits raises it)")
    assert _message(lambda: parse_rational("1" * 30_000, "w")).startswith("w: a number with 30000 digits")
    assert _message(lambda: parse_rational("3/0", "w")) == 'w: "3/0" divides by zero'
    assert _message(lambda: parse_rational("x")) == 'expected an integer or a "p/q" string, got "x" (e.g. "3", "-3/7" or "0.25")'
    d = _regions_doc
    cases = [
        (5, 'r.json: expected an object with "input_dim", "counts" and "regions"'),
        (dict(d(), input_dim="2"), 'r.json: input_dim: expected a positive integer, got "2"'),
        (dict(d(), counts=[1]), "r.json: counts: expected an object, got a list of 1 entry"),
        (dict(d(), counts={"activation_regions": "3", "affine_pieces": 1}),
         'r.json: counts.activation_regions: expected a non-negative integer, got "3"'),
        (dict(d(), counts={"activation_regions": 2, "affine_pieces": True}),
         "r.json: counts.affine_pieces: expected a non-negative integer, got true"),
        (dict(d(), regions="x"), 'r.json: regions: expected a list, got "x"'),
    ]
    doc = d()
    doc["regions"][0] = [1]
    cases.append((doc, "r.json: regions[0]: expected an object, got a list of 1 entry"))
    doc = d()
    doc["regions"][0]["inequalities"] = {"a": 1}
    cases.append((doc, "r.json: regions[0].inequalities: expected a list, got an object of 1 entry"))
    doc = d()
    doc["regions"][0]["inequalities"] = [7]
    cases.append((doc, 'r.json: regions[0].inequalities[0]: expected an object with "a" and "b"'))
    doc = d()
    doc["regions"][0]["inequalities"][0]["a"] = ["1", "2"]
    cases.append((doc, "r.json: regions[0].inequalities[0].a: has 2 entries, expected 1"))
    doc = d()
    doc["regions"][0]["inequalities"][0]["a"] = "1"
    cases.append((doc, 'r.json: regions[0].inequalities[0].a: expected a list of numbers, got "1"'))
    doc = d()
    doc["regions"][0]["inequalities"][0]["b"] = [0]
    cases.append((doc, 'r.json: regions[0].inequalities[0].b: expected an integer or a "p/q" string, '
                       "got a list of 1 entry"))
    doc = d()
    doc["regions"][0]["inequalities"][0]["b"] = "zero"
    cases.append((doc, 'r.json: regions[0].inequalities[0].b: expected an integer or a "p/q" string, got "zero" '
                       '(e.g. "3", "-3/7" or "0.25")'))
    doc = d()
    doc["regions"][1]["affine_piece"] = "0"
    cases.append((doc, 'r.json: regions[1].affine_piece: expected an index below 1, got "0"'))
    for doc, message in cases:
        assert _message(lambda: check_regions(doc, "r.json")) == message


def test_regions_boundaries_that_are_accepted(tmp_path):
    empty = {"input_dim": 1_000_000, "counts": {"activation_regions": 0, "affine_pieces": 0}, "regions": []}
    assert check_regions(empty)["input_dim"] == 1_000_000
    with pytest.raises(FormatError, match="input_dim"):
        check_regions(dict(empty, input_dim=1_000_001))
    doc = _regions_doc()
    del doc["regions"][0]["affine_piece"]  # optional: piece 0
    assert check_regions(doc)["regions"][0]["affine_piece"] == 0
    doc["regions"][0]["interior_point"] = [-1]  # JSON integers are numbers too
    assert check_regions(doc)["regions"][0]["interior_point"] == (Fraction(-1),)
    p = tmp_path / "r.json"
    p.write_text("{")
    assert _message(lambda: read_regions(p)).startswith(f"{p}: line 1 column 2: invalid JSON")
    p.write_text(json.dumps(dict(_regions_doc(), input_dim=0)))
    assert _message(lambda: read_regions(p)) == f"{p}: input_dim: expected a positive integer, got 0"
    with using_limits(max_bytes=10):
        assert "for a regions file" in _message(lambda: read_regions(p))


def test_output_messages(tmp_path):
    assert _message(lambda: prepare_output_dir(tmp_path / "a" / "b", "report folder")) == (
        f"{tmp_path}/a/b: the folder {tmp_path}/a does not exist (create it first)")
    (tmp_path / "f").write_text("")
    assert _message(lambda: prepare_output_dir(tmp_path / "f", "report folder")) == (
        f"{tmp_path}/f: exists and is not a folder; the report folder must be a folder")
    assert _message(lambda: prepare_output_dir("")) == "the output folder name is empty"
    assert _message(lambda: check_output_file("")) == "the output file name is empty"
    assert _message(lambda: check_output_file(tmp_path, "plot file")) == (
        f"{tmp_path}: is a directory; the plot file must be a file name")
    assert _message(lambda: check_output_file(tmp_path / "x.txt", "plot file", ("pdf",))) == (
        f"{tmp_path}/x.txt: the plot file must end in one of .pdf")
    ro = tmp_path / "ro"
    ro.mkdir()
    os.chmod(ro, 0o500)
    try:
        if os.geteuid() != 0:  # root may write anywhere
            assert "cannot create" in _message(lambda: prepare_output_dir(ro / "new"))
    finally:
        os.chmod(ro, 0o700)


def test_depth_counts_closes_and_constants_are_refused():
    deep_after_a_sibling = "[" + "[]," + "[" * 64 + "]" * 64 + "]"   # depth 65, after a closed sibling
    with pytest.raises(FormatError, match="nested 65 deep"):
        parse_json_text(deep_after_a_sibling)
    for text in ("[-Infinity]", "[Infinity]", "[NaN]"):
        with pytest.raises(FormatError, match="is not a number"):
            parse_json_text(text, floats=True)
    long_float = "1." + "2" * 40
    assert _message(lambda: parse_json_text(f"[{long_float}]", "f")) == (
        'f: [0]: a float of 42 characters is a float; write it as an integer or a "p/q" string')
    assert _message(lambda: parse_json_text("[1.5]", "f")) == 'f: [0]: 1.5 is a float; write it as an integer or a "p/q" string'
    assert _message(lambda: parse_rational("1e1234567890123", "x")) == (
        "x: a number with 1000000000000 digits (exponent included) is over the limit of 10000 digits "
        "(--max-digits raises it)")
    assert _message(lambda: parse_rational(5, "x")) == "x: expected a number written as text, got 5"
