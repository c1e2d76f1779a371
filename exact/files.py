"""Atomic file writing: write to a temporary file in the same folder, then rename.

A reader (or an interrupted run) sees the old file or the new one, never a partial one.
The new file gets the permissions of any file created now (``0o666`` less the umask),
not ``mkstemp``'s private ``0o600``.  The folder must exist: a missing folder is an
:class:`~exact.errors.InvalidArgument`, never created silently.
"""

from __future__ import annotations

import os
import tempfile

__all__ = ["atomic_write_text", "atomic_write_parts", "atomic_write_bytes"]


#: characters of a text encoded and written at a time (:func:`atomic_write_text`)
_TEXT_CHUNK = 1 << 24
#: parts joined, encoded and written at a time (:func:`atomic_write_parts`)
_PARTS_AT_ONCE = 4096


def atomic_write_text(path: str | os.PathLike, text: str, end: str = "", tmp_prefix: str = ".tmp-") -> None:
    """``text + end`` written as UTF-8, atomically.  The text is encoded :data:`_TEXT_CHUNK`
    characters at a time and ``end`` written after it: neither ``text + end`` nor the whole
    encoded text is made.  ``tmp_prefix``: the temporary file's name starts with it."""
    _atomic_write_strs(path, (text[i:i + _TEXT_CHUNK] for i in range(0, len(text), _TEXT_CHUNK)), end,
                       tmp_prefix)


def atomic_write_parts(path: str | os.PathLike, parts, end: str = "", tmp_prefix: str = ".tmp-") -> None:
    """``"".join(parts) + end`` written as UTF-8, atomically, :data:`_PARTS_AT_ONCE` parts
    joined and encoded at a time (for many parts of moderate size, such as
    :meth:`exact.regions.RegionEnumeration.json_parts`): the whole text is never made.
    ``tmp_prefix``: the temporary file's name starts with it."""
    _atomic_write_strs(path, ("".join(parts[i:i + _PARTS_AT_ONCE]) for i in range(0, len(parts), _PARTS_AT_ONCE)),
                       end, tmp_prefix)


def _atomic_write_strs(path: str | os.PathLike, strs, end: str, tmp_prefix: str) -> None:
    """Each string of ``strs`` (an iterable, read as it is written), then ``end``, as UTF-8."""
    def write(fh) -> None:
        for piece in strs:
            fh.write(piece.encode("utf-8"))
        fh.write(end.encode("utf-8"))

    _atomic_write(path, write, tmp_prefix)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write_bytes(path: str | os.PathLike, data: bytes, tmp_prefix: str = ".tmp-") -> None:
    """``data`` written atomically (``tmp_prefix``: the temporary file's name starts with it)."""
    _atomic_write(path, lambda fh: fh.write(data), tmp_prefix)


def _atomic_write(path: str | os.PathLike, write, tmp_prefix: str) -> None:
    """``write(fh)`` into a temporary file beside ``path`` (a binary file object, its name
    starting with ``tmp_prefix``), then the file synced and renamed to ``path``; the temporary
    removed if anything fails."""
    from .errors import InvalidArgument
    from .inputs import check_output_file

    path = check_output_file(path)
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=tmp_prefix, dir=folder)
    except OSError as e:
        raise InvalidArgument(f"{path}: cannot write in {folder}: {e.strerror}") from None
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
