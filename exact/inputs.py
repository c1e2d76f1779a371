"""The one input layer: numbers, JSON files and output paths that come from outside.

Everything a user hands the toolkit (a network file, a results file, a regions file, a
number on the command line) is read here, with limits checked *before* any work:

* numbers: at most ``max_digits`` decimal digits (default 10,000; ``--max-digits``
  raises it), counting the exponent of ``"1e500"`` as digits, so ``"1e999999999"``
  is refused at once instead of being expanded;
* files: at most ``max_bytes`` bytes (default 32 MiB), UTF-8 text (a UTF-16 or binary
  file is refused by name), nesting at most ``max_depth`` (default 64) deep, checked on
  the text before it is parsed;
* JSON: no duplicate keys, no NaN/Infinity, floats only where the caller allows them.

Every error is a :class:`~exact.errors.FormatError` (a file) or
:class:`~exact.errors.InvalidArgument` (an argument) of one line of at most 200
characters that names the place (``net.json: layers[0].weight[1][0]: ...``); a value
that is too long to show is shown by its length, never echoed.

>>> parse_rational("-3/7")
Fraction(-3, 7)
>>> parse_rational("1e999999999", "--box")
Traceback (most recent call last):
...
exact.errors.InvalidArgument: --box: a number with 1000000000 digits (exponent included) is over the limit of 10000 digits (--max-digits raises it)
>>> with using_limits(max_digits=20):
...     parse_rational("1" * 21, "x")
Traceback (most recent call last):
...
exact.errors.InvalidArgument: x: a number with 21 digits (exponent included) is over the limit of 20 digits (--max-digits raises it)
>>> int_to_digits(int_from_digits("9" * 5000)) == "9" * 5000
True
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
from dataclasses import dataclass, replace
from fractions import Fraction
from itertools import accumulate
from typing import Any, Iterator

from .errors import MAX_MESSAGE, FormatError, InvalidArgument, one_line

__all__ = [
    "Limits", "limits", "set_limits", "using_limits",
    "DEFAULT_MAX_DIGITS", "DEFAULT_MAX_DEPTH", "DEFAULT_MAX_BYTES", "MAX_MESSAGE",
    "parse_rational", "parse_integer", "int_from_digits", "int_to_digits",
    "read_text", "read_json", "parse_json_text", "preview", "one_line",
    "check_output_file", "prepare_output_dir", "read_regions", "check_regions", "short_name",
]

DEFAULT_MAX_DIGITS = 10_000
DEFAULT_MAX_DEPTH = 64
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
_SAFE_DIGITS = 4000  # below CPython's int <-> str limit (4300)


@dataclass(frozen=True)
class Limits:
    """What an input may be: digits of one number, nesting depth, bytes of one file."""

    max_digits: int = DEFAULT_MAX_DIGITS
    max_depth: int = DEFAULT_MAX_DEPTH
    max_bytes: int = DEFAULT_MAX_BYTES

    def __post_init__(self) -> None:
        for name in ("max_digits", "max_depth", "max_bytes"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int) or v < 1:
                raise InvalidArgument(f"{name} must be a positive integer")


_current = [Limits()]


def limits() -> Limits:
    """The limits in force (process-wide)."""
    return _current[0]


def set_limits(**changes: int) -> Limits:
    """Change some limits (``max_digits=...``); returns the previous limits."""
    old = _current[0]
    _current[0] = replace(old, **changes)
    return old


@contextlib.contextmanager
def using_limits(**changes: int) -> Iterator[Limits]:
    """The limits changed inside the block, restored after."""
    old = set_limits(**changes)
    try:
        yield _current[0]
    finally:
        _current[0] = old


# -- messages -------------------------------------------------------------------------------------

def preview(value: Any, width: int = 40) -> str:
    """A short rendering of a value for an error message: JSON-like, or its type and length."""
    if isinstance(value, str):
        shown = json.dumps(value)
        if len(shown) <= width + 2:
            return shown
        return f"a string of {len(value)} characters"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int):
        if value.bit_length() < 100:
            return str(value)
        return f"an integer of about {int(value.bit_length() * 0.30103) + 1} digits"
    if isinstance(value, (list, dict)):
        kind = "list" if isinstance(value, list) else "object"
        n = len(value)
        return f"a{'n' if kind == 'object' else ''} {kind} of {n} entr{'y' if n == 1 else 'ies'}"
    text = repr(value)
    return text if len(text) <= width else f"a {type(value).__name__}"


def _where(where: str | None) -> str:
    return f"{where}: " if where else ""


# -- integers without CPython's 4300-digit guard (the digit limit is ours) -------------------------

def int_from_digits(digits: str) -> int:
    """``int(digits)`` for a string of ASCII digits (optional sign), of any length."""
    if len(digits) <= _SAFE_DIGITS:
        return int(digits)
    sign = 1
    if digits[0] in "+-":
        sign, digits = (-1 if digits[0] == "-" else 1), digits[1:]
    k = len(digits) // 2
    return sign * (int_from_digits(digits[:-k]) * 10 ** k + int_from_digits(digits[-k:]))


def int_to_digits(n: int) -> str:
    """``str(n)`` for an int of any size."""
    if n.bit_length() < _SAFE_DIGITS * 3:
        return str(n)
    if n < 0:
        return "-" + int_to_digits(-n)
    k = max(1, int(n.bit_length() * 0.30103) // 2)
    hi, lo = divmod(n, 10 ** k)
    return int_to_digits(hi) + int_to_digits(lo).rjust(k, "0")


# -- numbers ------------------------------------------------------------------------------------

_NUMBER = re.compile(
    r"([+-]?)(?=\d|\.\d)(\d*)(?:/(\d+)|(?:\.(\d*))?(?:[eE]([+-]?\d+))?)")


def _too_many(where: str | None, n: int, error: type) -> Exception:
    return error(f"{_where(where)}a number with {n} digits (exponent included) is over the limit of "
                 f"{limits().max_digits} digits (--max-digits raises it)")


def parse_rational(text: str, where: str | None = None, *, error: type = InvalidArgument) -> Fraction:
    """An exact rational from text: ``"3"``, ``"-3/7"``, ``"0.25"``, ``"1e-3"``.

    The digit limit is checked on the text before any big number is built; ``error``
    is the exception class raised (:class:`InvalidArgument` or :class:`FormatError`).
    """
    if not isinstance(text, str):
        raise error(f"{_where(where)}expected a number written as text, got {preview(text)}")
    cap = limits().max_digits
    s = text.strip()
    if len(s) > 2 * cap + 16:
        raise _too_many(where, len(s), error)
    m = _NUMBER.fullmatch(s)
    if m is None:
        raise error(f'{_where(where)}expected an integer or a "p/q" string, got {preview(text)} '
                    '(e.g. "3", "-3/7" or "0.25")')
    sign, num, den, dec, exp = m.groups()
    dec = dec or ""
    e = 0
    if exp is not None:
        if len(exp.lstrip("+-").lstrip("0")) > 12:
            raise _too_many(where, 10 ** 12, error)
        e = int(exp)
    ndigits = len(num.lstrip("0")) + len(dec) + len((den or "").lstrip("0")) + abs(e)
    if ndigits > cap:
        raise _too_many(where, ndigits, error)
    if den is not None:
        d = int_from_digits(den)
        if d == 0:
            raise error(f"{_where(where)}{preview(text)} divides by zero")
        q = Fraction(int_from_digits(num), d)
    else:
        mant = int_from_digits((num or "0") + dec)
        e -= len(dec)
        q = Fraction(mant * 10 ** e) if e >= 0 else Fraction(mant, 10 ** -e)
    return -q if sign == "-" else q


def parse_integer(text: str, where: str | None = None, *, minimum: int | None = None,
                  maximum: int | None = None, error: type = InvalidArgument) -> int:
    """An integer from text (digit limit as :func:`parse_rational`), optionally within bounds."""
    q = parse_rational(text, where, error=error)
    if q.denominator != 1:
        raise error(f"{_where(where)}{preview(text)} is not an integer")
    n = q.numerator
    if minimum is not None and n < minimum:
        raise error(f"{_where(where)}must be at least {minimum}, got {preview(n)}")
    if maximum is not None and n > maximum:
        raise error(f"{_where(where)}must be at most {maximum}, got {preview(n)}")
    return n


# -- files ----------------------------------------------------------------------------------------

def short_name(path: Any) -> str:
    """A file name for a message: at most 100 characters (its end kept)."""
    name = os.fspath(path)
    if isinstance(name, bytes):
        name = name.decode("utf-8", "replace")
    return name if len(name) <= 100 else "..." + name[-97:]


def read_text(path: str | os.PathLike, what: str = "file") -> str:
    """The UTF-8 text of a file (a leading BOM dropped), at most ``max_bytes`` long.

    Refused with one FormatError line: a missing or unreadable file, a directory, a file
    over the size limit, a UTF-16 or binary file, text that is not UTF-8.
    """
    name = short_name(path)
    cap = limits().max_bytes
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise FormatError(f"{name}: is a directory, expected a {what}")
        if stat.S_ISREG(st.st_mode) and st.st_size > cap:
            raise FormatError(f"{name}: the file has {st.st_size} bytes, over the limit of {cap} bytes for a {what}")
        with open(path, "rb") as fh:
            data = fh.read(cap + 1)
    except FormatError:
        raise
    except OSError as e:
        raise FormatError(f"{name}: cannot read: {e.strerror or type(e).__name__}") from None
    if len(data) > cap:
        raise FormatError(f"{name}: more than the limit of {cap} bytes for a {what}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FormatError(f"{name}: is UTF-16 text; save the {what} as UTF-8")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        raise FormatError(f"{name}: is not a text file (a NUL byte at offset {nul}: binary or UTF-16?)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise FormatError(f"{name}: is not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start})") from None


class _Float(str):
    """A JSON float (or NaN/Infinity) kept as its text, so the error names its place."""


class _BigInt:
    """A JSON integer over the digit limit, kept as its number of digits only."""

    __slots__ = ("digits",)

    def __init__(self, digits: int):
        self.digits = digits


class _DuplicateKeys(dict):
    duplicate: str = ""


_STRINGS = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.S)
_BRACKETS = re.compile(r"[^\[\]{}]+")


def _max_depth(text: str) -> int:
    """The nesting depth of the brackets of a JSON text, strings left out (no parsing)."""
    b = _BRACKETS.sub("", _STRINGS.sub("", text))
    if not b:
        return 0
    return max(accumulate(1 if c in "[{" else -1 for c in b))


def _path(parts: tuple) -> str:
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            key = p if len(p) <= 30 and p.isidentifier() else json.dumps(p[:30]) + ("..." if len(p) > 30 else "")
            out += ("." if out else "") + key
    return out or "top level"


def _find_marker(obj: Any, floats: bool) -> tuple[tuple, str] | None:
    """The place (path) and problem of the first rejected value, in document order."""
    stack: list[tuple[Any, tuple]] = [(obj, ())]
    while stack:
        v, path = stack.pop()
        if isinstance(v, _BigInt):
            return path, f"an integer with {v.digits} digits is over the limit of {limits().max_digits} " \
                         "digits (--max-digits raises it)"
        if isinstance(v, _Float):
            if v in ("NaN", "Infinity", "-Infinity"):
                return path, f"{v} is not a number"
            if not floats:
                shown = str(v) if len(v) <= 30 else f"a float of {len(v)} characters"
                return path, f'{shown} is a float; write it as an integer or a "p/q" string'
            continue
        if isinstance(v, _DuplicateKeys):
            return path, f"duplicate key {preview(v.duplicate)}"
        if isinstance(v, list):
            stack.extend((x, path + (i,)) for i, x in reversed(list(enumerate(v))))
        elif isinstance(v, dict):
            stack.extend((x, path + (k,)) for k, x in reversed(list(v.items())))
    return None


def _restore_floats(obj: Any) -> Any:
    """Turn allowed float markers into floats (in place for containers)."""
    if isinstance(obj, _Float):
        return float(obj)
    stack = [obj]
    while stack:
        v = stack.pop()
        if isinstance(v, list):
            for i, x in enumerate(v):
                if isinstance(x, _Float):
                    v[i] = float(x)
                elif isinstance(x, (list, dict)):
                    stack.append(x)
        elif isinstance(v, dict):
            for k, x in v.items():
                if isinstance(x, _Float):
                    v[k] = float(x)
                elif isinstance(x, (list, dict)):
                    stack.append(x)
    return obj


def parse_json_text(text: str, source: str = "input", *, floats: bool = False) -> Any:
    """Parse JSON text with the limits: depth checked first, then numbers, keys and floats.

    Integers come back as ``int`` (any length up to the digit limit), floats as
    ``float`` when ``floats`` is true (else an error naming the place).
    """
    cap = limits()
    if len(text) > cap.max_bytes:
        raise FormatError(f"{source}: more than the limit of {cap.max_bytes} bytes")
    depth = _max_depth(text)
    if depth > cap.max_depth:
        raise FormatError(f"{source}: nested {depth} deep, over the limit of {cap.max_depth}")
    flagged = [False]

    def on_int(s: str) -> Any:
        if len(s) - (s[0] == "-") > cap.max_digits:
            flagged[0] = True
            return _BigInt(len(s.lstrip("-")))
        return int_from_digits(s)

    def on_float(s: str) -> Any:
        flagged[0] = True
        return _Float(s)

    def on_pairs(pairs: list) -> dict:
        d = dict(pairs)
        if len(d) != len(pairs):
            flagged[0] = True
            seen: set = set()
            dup = next(k for k, _ in pairs if k in seen or seen.add(k))
            out = _DuplicateKeys(d)
            out.duplicate = dup
            return out
        return d

    try:
        obj = json.loads(text, parse_int=on_int, parse_float=on_float, parse_constant=on_float,
                         object_pairs_hook=on_pairs)
    except json.JSONDecodeError as e:
        raise FormatError(f"{source}: line {e.lineno} column {e.colno}: invalid JSON: {e.msg}") from None
    except RecursionError:
        raise FormatError(f"{source}: nested too deep") from None
    if flagged[0]:
        found = _find_marker(obj, floats)
        if found is not None:
            path, problem = found
            raise FormatError(one_line(f"{source}: {_path(path)}: {problem}"))
        obj = _restore_floats(obj)
    return obj


def read_json(path: str | os.PathLike, what: str = "JSON file", *, floats: bool = False) -> Any:
    """Read and parse a JSON file with every limit (see :func:`read_text`, :func:`parse_json_text`)."""
    return parse_json_text(read_text(path, what), short_name(path), floats=floats)


# -- outputs ------------------------------------------------------------------------------------

def check_output_file(path: str | os.PathLike, what: str = "output file",
                      suffixes: tuple[str, ...] | None = None) -> str:
    """Check, before any work, that ``path`` can be written: its folder exists, it is not
    a directory, and (with ``suffixes``) its extension is one of them.  Returns the path."""
    name = os.fspath(path)
    shown = short_name(name)
    if not name:
        raise InvalidArgument(f"the {what} name is empty")
    if os.path.isdir(name) or name.endswith(os.sep):
        raise InvalidArgument(f"{shown}: is a directory; the {what} must be a file name")
    folder = os.path.dirname(os.path.abspath(name))
    if not os.path.isdir(folder):
        raise InvalidArgument(f"{shown}: the folder {short_name(folder)} does not exist (create it first)")
    if suffixes is not None:
        ext = os.path.splitext(name)[1].lower().lstrip(".")
        if ext not in suffixes:
            raise InvalidArgument(f"{shown}: the {what} must end in one of "
                                  + ", ".join("." + s for s in suffixes))
    return name


def prepare_output_dir(path: str | os.PathLike, what: str = "output folder") -> str:
    """Make the folder ``path`` if its parent exists (a missing parent is an error)."""
    name = os.fspath(path)
    shown = short_name(name)
    if not name:
        raise InvalidArgument(f"the {what} name is empty")
    if os.path.isdir(name):
        return name
    if os.path.exists(name):
        raise InvalidArgument(f"{shown}: exists and is not a folder; the {what} must be a folder")
    parent = os.path.dirname(os.path.abspath(name.rstrip(os.sep) or name))
    if not os.path.isdir(parent):
        raise InvalidArgument(f"{shown}: the folder {short_name(parent)} does not exist (create it first)")
    try:
        os.mkdir(name)
    except OSError as e:
        raise InvalidArgument(f"{shown}: cannot create the {what}: {e.strerror}") from None
    return name


# -- the regions file written by ``proofcheck regions --json`` ---------------------------------------

def _rat(v: Any, where: str) -> Fraction:
    if isinstance(v, bool) or not isinstance(v, (str, int)):
        raise FormatError(f'{where}: expected an integer or a "p/q" string, got {preview(v)}')
    return Fraction(v) if isinstance(v, int) else parse_rational(v, where, error=FormatError)


def _rats(v: Any, where: str, n: int | None = None) -> tuple[Fraction, ...]:
    if not isinstance(v, list):
        raise FormatError(f"{where}: expected a list of numbers, got {preview(v)}")
    if n is not None and len(v) != n:
        raise FormatError(f"{where}: has {len(v)} entries, expected {n}")
    return tuple(_rat(x, f"{where}[{i}]") for i, x in enumerate(v))


def _count_field(v: Any, where: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise FormatError(f"{where}: expected a non-negative integer, got {preview(v)}")
    return v


def read_regions(path: str | os.PathLike) -> dict:
    """Read and check a regions file (``proofcheck regions --json``); numbers become Fractions.

    Returns ``{"input_dim": d, "counts": {...}, "regions": [{"pattern", "interior_point",
    "inequalities": [(a, b)], "linear", "offset", "affine_piece"}]}``.  Every problem is one
    FormatError line naming the place; the interior point of each region is checked to
    satisfy its inequalities strictly (exact arithmetic).
    """
    name = short_name(path)
    doc = read_json(path, "regions file", floats=True)
    return check_regions(doc, name)


def check_regions(doc: Any, name: str = "regions") -> dict:
    """Check a parsed regions document (see :func:`read_regions`)."""
    if not isinstance(doc, dict):
        raise FormatError(f"{name}: expected an object with \"input_dim\", \"counts\" and \"regions\"")
    for key in ("input_dim", "counts", "regions"):
        if key not in doc:
            raise FormatError(f"{name}: missing \"{key}\"")
    d = doc["input_dim"]
    if isinstance(d, bool) or not isinstance(d, int) or not 1 <= d <= 1_000_000:
        raise FormatError(f"{name}: input_dim: expected a positive integer, got {preview(d)}")
    counts = doc["counts"]
    if not isinstance(counts, dict):
        raise FormatError(f"{name}: counts: expected an object, got {preview(counts)}")
    n_regions = _count_field(counts.get("activation_regions"), f"{name}: counts.activation_regions")
    n_pieces = _count_field(counts.get("affine_pieces"), f"{name}: counts.affine_pieces")
    regions = doc["regions"]
    if not isinstance(regions, list):
        raise FormatError(f"{name}: regions: expected a list, got {preview(regions)}")
    if len(regions) != n_regions:
        raise FormatError(f"{name}: counts.activation_regions is {n_regions} but there are {len(regions)} regions")
    out = []
    for k, r in enumerate(regions):
        where = f"{name}: regions[{k}]"
        if not isinstance(r, dict):
            raise FormatError(f"{where}: expected an object, got {preview(r)}")
        for key in ("pattern", "interior_point", "inequalities", "affine_map"):
            if key not in r:
                raise FormatError(f"{where}: missing \"{key}\"")
        pat = r["pattern"]
        if not isinstance(pat, list) or not all(
                isinstance(p, list) and all(b in (0, 1) and not isinstance(b, bool) for b in p) for p in pat):
            raise FormatError(f"{where}.pattern: expected lists of 0 and 1 (one list per layer)")
        point = _rats(r["interior_point"], f"{where}.interior_point", d)
        ineqs = r["inequalities"]
        if not isinstance(ineqs, list):
            raise FormatError(f"{where}.inequalities: expected a list, got {preview(ineqs)}")
        cons = []
        for i, c in enumerate(ineqs):
            cw = f"{where}.inequalities[{i}]"
            if not isinstance(c, dict) or "a" not in c or "b" not in c:
                raise FormatError(f"{cw}: expected an object with \"a\" and \"b\"")
            a, b = _rats(c["a"], f"{cw}.a", d), _rat(c["b"], f"{cw}.b")
            if not sum((x * y for x, y in zip(a, point)), Fraction(0)) < b:
                raise FormatError(f"{cw}: the interior point does not satisfy a.x < b")
            cons.append((a, b))
        amap = r["affine_map"]
        if not isinstance(amap, dict) or not isinstance(amap.get("linear"), list):
            raise FormatError(f"{where}.affine_map: expected an object with \"linear\" and \"offset\"")
        linear = tuple(_rats(row, f"{where}.affine_map.linear[{i}]", d) for i, row in enumerate(amap["linear"]))
        offset = _rats(amap.get("offset"), f"{where}.affine_map.offset", len(linear))
        piece = r.get("affine_piece", 0)
        if isinstance(piece, bool) or not isinstance(piece, int) or not 0 <= piece < max(n_pieces, 1):
            raise FormatError(f"{where}.affine_piece: expected an index below {n_pieces}, got {preview(piece)}")
        out.append({"pattern": [list(p) for p in pat], "interior_point": point, "inequalities": cons,
                    "linear": linear, "offset": offset, "affine_piece": piece})
    return {"input_dim": d, "counts": {"activation_regions": n_regions, "affine_pieces": n_pieces},
            "regions": out}
