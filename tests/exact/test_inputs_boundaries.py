"""Boundaries of exact.inputs's limits and message helpers: each limit at, just under and just
over its value (mutation testing found these unchecked: see docs/exact-mutation.md, C1)."""

import json
from fractions import Fraction as F

import pytest

from exact import inputs
from exact.errors import InvalidArgument


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
    from exact.errors import FormatError

    with inputs.using_limits(max_bytes=2):
        assert inputs.parse_json_text("[]") == []                           # 2 bytes: read
        with pytest.raises(FormatError, match=r"^input: more than the limit of 2 bytes$"):
            inputs.parse_json_text("[1]")                                   # 3 bytes
    with pytest.raises(FormatError, match=r"^input: line 1 column 2: invalid JSON"):
        inputs.parse_json_text("{")
    with pytest.raises(FormatError, match=r'^regions: missing "input_dim"$'):
        inputs.check_regions({})


def test_read_json_refuses_floats_unless_asked(tmp_path):
    from exact.errors import FormatError

    p = tmp_path / "x.json"
    p.write_text("[1.5]")
    with pytest.raises(FormatError, match=r"\[0\]: 1\.5 is a float"):
        inputs.read_json(p)
    assert inputs.read_json(p, floats=True) == [1.5]
