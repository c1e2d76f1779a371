"""exact.errors: the one-line, length-limited messages and the exception tree."""

import pytest

from exact.errors import (MAX_MESSAGE, ExactnessError, FormatError, InvalidArgument, ShapeError, ToolkitError,
                          one_line)


def test_short_message_unchanged_and_whitespace_joined():
    assert one_line("abc") == "abc"
    assert one_line("a\n  b\tc ") == "a b c"
    assert one_line("") == ""
    assert one_line(12) == "12"


def test_width_boundary():
    assert MAX_MESSAGE == 200
    exact = "x" * 200
    assert one_line(exact) == exact
    long = "a" * 100 + "b" * 101
    cut = one_line(long)
    assert len(cut) == 200
    # keep = 195: 65 characters of the start, " ... ", 130 of the end
    assert cut == "a" * 65 + " ... " + "a" * 29 + "b" * 101


def test_custom_width():
    assert one_line("abcdefghij", 10) == "abcdefghij"
    text = "0123456789" * 2
    # width 15: keep = 10, 3 from the start, 7 from the end
    assert one_line(text, 15) == "012 ... 3456789"
    assert len(one_line("y" * 1000, 50)) == 50


def test_toolkit_error_message_shortened():
    e = ToolkitError("line one\nline two " + "z" * 500)
    assert str(e) == one_line("line one\nline two " + "z" * 500)
    assert len(str(e)) == 200 and "\n" not in str(e)
    assert ToolkitError("a  b").args == ("a b",)


def test_toolkit_error_other_arguments_kept():
    assert ToolkitError("a\nb", 2).args == ("a\nb", 2)
    assert ToolkitError(7).args == (7,)
    assert ToolkitError().args == ()


def test_tree():
    assert issubclass(InvalidArgument, ToolkitError) and issubclass(InvalidArgument, ValueError)
    assert issubclass(ExactnessError, InvalidArgument) and issubclass(ShapeError, InvalidArgument)
    assert issubclass(FormatError, ToolkitError) and not issubclass(FormatError, ValueError)
    with pytest.raises(ToolkitError, match="^bad value$"):
        raise ShapeError("bad\n value")
