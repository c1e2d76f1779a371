"""Boundaries of exact.inputs's limits and message helpers: each limit at, just under and just
over its value (mutation testing found these unchecked: see docs/exact-mutation.md, C1)."""

import json
from fractions import Fraction as F

import pytest

from exact import inputs
from exact.errors import FormatError, InvalidArgument


def test_limits_of_one_are_accepted_and_zero_is_refused_by_name():
    assert inputs.Limits(max_digits=1, max_depth=1, max_bytes=1).max_digits == 1
    for name in ("max_digits", "max_depth", "max_bytes"):
        with pytest.raises(InvalidArgument, match=f"^{name} must be a positive integer$"):
            inputs.Limits(**{name: 0})


def test_preview_of_an_integer_at_100_bits():
    assert inputs.preview(2 ** 99 - 1) == str(2 ** 99 - 1)                  # 99 bits: written out
    assert inputs.preview(2 ** 99) == "an integer of about 31 digits"       # 100 bits: int(30.103) + 1


def test_preview_of_a_repr_at_its_width():
    assert inputs.preview(F(1, 3), width=14) == "Fraction(1, 3)"            # 14 characters: shown
    assert inputs.preview(F(1, 3), width=13) == "a Fraction"                # one over: the type


def test_short_names_at_100_characters_and_undecodable_bytes():
    assert inputs.short_name("a" * 100) == "a" * 100
    assert inputs.short_name("b" + "a" * 100) == "..." + "a" * 97
    assert inputs.short_name(b"ab\xffcd") == "ab\ufffdcd"                  # replaced, not refused


def test_paths_of_keys_at_30_characters():
    assert inputs._path(("a" * 30,)) == "a" * 30                            # an identifier of 30: bare
    assert inputs._path(("a" * 31,)) == json.dumps("a" * 30) + "..."        # 31: quoted, cut, marked
    odd = "a b" + "c" * 27                                                  # 30, not an identifier
    assert inputs._path((odd, 2)) == json.dumps(odd) + "[2]"                # quoted, not marked as cut
    assert inputs._path(()) == "top level"


def test_the_length_of_a_number_text_at_twice_the_digit_limit_plus_16():
    with inputs.using_limits(max_digits=5):
        assert inputs.parse_rational("0" * 22 + "1234") == 1234            # 26 characters, 4 digits
        with pytest.raises(InvalidArgument, match="a number with 27 digits"):
            inputs.parse_rational("0" * 23 + "1234")                        # 27 characters


def test_an_exponent_of_12_digits_is_counted_and_13_refused_at_once():
    with pytest.raises(InvalidArgument, match="a number with 100000000001 digits"):
        inputs.parse_rational("1e100000000000")                             # 12 digits: counted
    with pytest.raises(InvalidArgument, match="a number with 1000000000000 digits"):
        inputs.parse_rational("1e1000000000000")                            # 13 digits: refused as such


def test_json_text_at_the_byte_limit_and_the_default_names():
    with inputs.using_limits(max_bytes=2):
        assert inputs.parse_json_text("[]") == []                           # 2 bytes: read
        with pytest.raises(FormatError, match=r"^input: more than the limit of 2 bytes$"):
            inputs.parse_json_text("[1]")                                   # 3 bytes
    with pytest.raises(FormatError, match=r"^input: line 1 column 2: invalid JSON"):
        inputs.parse_json_text("{")
    with pytest.raises(FormatError, match=r'^regions: missing "input_dim"$'):
        inputs.check_regions({})


def test_read_json_refuses_floats_unless_asked(tmp_path):
    p = tmp_path / "x.json"
    p.write_text("[1.5]")
    with pytest.raises(FormatError, match=r"\[0\]: 1\.5 is a float"):
        inputs.read_json(p)
    assert inputs.read_json(p, floats=True) == [1.5]


# -- files: default names in messages, encodings, the first NUL, an OSError without text ------------

def test_read_text_and_read_json_name_what_they_expected(tmp_path):
    with pytest.raises(FormatError, match=r": is a directory, expected a file$"):
        inputs.read_text(tmp_path)
    with pytest.raises(FormatError, match=r": is a directory, expected a JSON file$"):
        inputs.read_json(tmp_path)


def test_both_utf16_byte_order_marks_are_named(tmp_path):
    for bom in (b"\xff\xfe", b"\xfe\xff"):
        p = tmp_path / "u.json"
        p.write_bytes(bom + "[1]".encode("utf-16-le" if bom == b"\xff\xfe" else "utf-16-be"))
        with pytest.raises(FormatError, match=r"u\.json: is UTF-16 text; save the file as UTF-8$"):
            inputs.read_text(p)


def test_the_first_nul_byte_is_the_one_named(tmp_path):
    p = tmp_path / "b.bin"
    p.write_bytes(b"ab\x00cd\x00e")
    with pytest.raises(FormatError, match=r"\(a NUL byte at offset 2: binary or UTF-16\?\)$"):
        inputs.read_text(p)


def test_an_os_error_without_a_description_is_named_by_its_type(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError()                                              # no errno, no strerror

    monkeypatch.setattr(inputs.os, "stat", refuse)
    with pytest.raises(FormatError, match=r": cannot read: PermissionError$"):
        inputs.read_text(tmp_path / "x.json")


# -- JSON: the markers' messages, the duplicate named, recursion past a raised depth limit ----------

def test_an_integer_over_the_digit_limit_is_named_in_full():
    with inputs.using_limits(max_digits=3):
        with pytest.raises(FormatError) as e:
            inputs.parse_json_text('{"w": [12, -1234]}', "n.json")
    assert str(e.value) == ("n.json: w[1]: an integer with 4 digits is over the limit of 3 digits "
                            "(--max-digits raises it)")


def test_a_float_is_shown_up_to_30_characters():
    f30 = "0." + "1" * 28
    f31 = "0." + "1" * 29
    with pytest.raises(FormatError) as e:
        inputs.parse_json_text(f"[{f30}]")
    assert str(e.value) == f'input: [0]: {f30} is a float; write it as an integer or a "p/q" string'
    with pytest.raises(FormatError) as e:
        inputs.parse_json_text(f"[{f31}]")
    assert str(e.value) == 'input: [0]: a float of 31 characters is a float; write it as an integer or a "p/q" string'


def test_allowed_floats_do_not_hide_a_later_problem():
    assert inputs.parse_json_text("[0.5, 2]", floats=True) == [0.5, 2]
    with pytest.raises(FormatError, match=r"^input: \[1\]: NaN is not a number$"):
        inputs.parse_json_text("[0.5, NaN]", floats=True)
    with pytest.raises(FormatError, match=r'^input: \[1\]: duplicate key "k"$'):
        inputs.parse_json_text('[0.5, {"k": 1, "k": 2}]', floats=True)


def test_the_duplicate_key_named_is_the_repeated_one():
    with pytest.raises(FormatError, match=r'^input: top level: duplicate key "b"$'):
        inputs.parse_json_text('{"a": 1, "b": 2, "c": 3, "b": 4}')


def test_nesting_past_the_interpreter_recursion_limit_under_a_raised_depth_limit():
    n = 200_000
    with inputs.using_limits(max_depth=n):
        with pytest.raises(FormatError, match=r"^deep\.json: nested too deep$"):
            inputs.parse_json_text("[" * n + "]" * n, "deep.json")


# -- output folders: where the parent is looked for, an error of mkdir ------------------------------

def test_a_folder_name_with_trailing_blank_has_its_own_parent(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InvalidArgument, match=r"^missing/ : the folder .*missing does not exist \(create it first\)$"):
        inputs.prepare_output_dir("missing/ ")
    (tmp_path / "there").mkdir()
    assert inputs.prepare_output_dir("there/ ") == "there/ "
    assert (tmp_path / "there" / " ").is_dir()


def test_an_error_of_mkdir_is_named(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = "x" * 300                                                           # over NAME_MAX (255)
    with pytest.raises(InvalidArgument) as e:
        inputs.prepare_output_dir(name)
    assert str(e.value).endswith(": cannot create the output folder: File name too long")


# -- the regions reader's output --------------------------------------------------------------------

def test_check_regions_returns_each_region_under_its_keys():
    doc = {"input_dim": 1, "counts": {"activation_regions": 1, "affine_pieces": 1},
           "regions": [{"pattern": [[1, 0]], "interior_point": ["1/2"],
                        "inequalities": [{"a": ["1"], "b": "1"}, {"a": ["-1"], "b": 0}],
                        "affine_map": {"linear": [["2"]], "offset": ["-1/3"]}, "affine_piece": 0}]}
    out = inputs.check_regions(doc, "r.json")
    assert out == {"input_dim": 1, "counts": {"activation_regions": 1, "affine_pieces": 1},
                   "regions": [{"pattern": [[1, 0]], "interior_point": (F(1, 2),),
                                "inequalities": [((F(1),), F(1)), ((F(-1),), F(0))],
                                "linear": ((F(2),),), "offset": (F(-1, 3),), "affine_piece": 0}]}
