"""Strict reading of certificate files (standard library only).

A certificate is JSON with these restrictions, each checked before any mathematics runs:

* numbers are JSON integers (at most ``max_digits`` digits) or strings ``"p/q"`` / ``"-p"``
  (checked by :func:`core.q` when a number is read); JSON floats, exponents, ``NaN`` and
  ``Infinity`` are refused;
* no object has the same key twice (a reader would see one value, the kernel another);
* nesting is at most ``MAX_DEPTH`` deep and the file at most ``MAX_BYTES`` long.

Every violation raises :class:`Malformed` with a one-line message.
"""

import json
import re

__all__ = ["Malformed", "read_certificate", "loads", "MAX_BYTES", "MAX_DEPTH", "DEFAULT_MAX_DIGITS"]

MAX_BYTES = 512 * 1024 * 1024
MAX_DEPTH = 64
DEFAULT_MAX_DIGITS = 10000
_INT = re.compile(r"-?[0-9]+\Z")


class Malformed(Exception):
    """The file is not a well-formed certificate document."""


def _no_duplicates(pairs):
    out = {}
    for key, value in pairs:
        if key in out:
            raise Malformed("duplicate key %r" % (key[:40],))
        out[key] = value
    return out


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")


def _depth_ok(text, limit):
    """Nesting depth of brackets outside strings is at most limit (json's recursion is not)."""
    depth = 0
    for m in _BRACKET.finditer(_STRING.sub("", text)):
        if m.group() in "[{":
            depth += 1
            if depth > limit:
                return False
        else:
            depth -= 1
    return True


def decimal_int(s):
    """int(s) for a string of at most a few thousand digits per piece (no global digit limit)."""
    neg, s = s.startswith("-"), s.lstrip("-")
    value = 0
    for k in range(0, len(s), 4000):
        piece = s[k:k + 4000]
        value = value * 10 ** len(piece) + int(piece)
    return -value if neg else value


def loads(text, max_digits=DEFAULT_MAX_DIGITS):
    """Parse JSON text strictly (see the module docstring)."""

    def parse_int(s):
        if len(s.lstrip("-")) > max_digits:
            raise Malformed("an integer has %d digits (limit %d)" % (len(s.lstrip("-")), max_digits))
        return decimal_int(s)

    def parse_float(s):
        raise Malformed("%s is a float; numbers are integers or \"p/q\" strings" % (s[:40],))

    def parse_constant(s):
        raise Malformed("%s is not a number" % (s,))

    if not _depth_ok(text, MAX_DEPTH):
        raise Malformed("nested more than %d levels deep" % MAX_DEPTH)
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_int=parse_int,
                          parse_float=parse_float, parse_constant=parse_constant)
    except (ValueError, RecursionError) as e:
        if isinstance(e, Malformed):
            raise
        raise Malformed("not JSON: %s" % (str(e)[:120],))


def read_certificate(path, max_digits=DEFAULT_MAX_DIGITS):
    """Read one certificate file; raises Malformed (or OSError) with a short message."""
    with open(path, "rb") as fh:
        data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise Malformed("larger than %d bytes" % MAX_BYTES)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Malformed("not UTF-8 text")
    return loads(text, max_digits)
