"""Atomic file writing: write to a temporary file in the same folder, then rename.

A reader (or an interrupted run) sees the old file or the new one, never a partial one.
The new file gets the permissions of any file created now (``0o666`` less the umask),
not ``mkstemp``'s private ``0o600``.  The folder must exist: a missing folder is an
:class:`~exact.errors.InvalidArgument`, never created silently.
"""

from __future__ import annotations

import os
import tempfile

__all__ = ["atomic_write_text", "atomic_write_bytes"]


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    from .errors import InvalidArgument
    from .inputs import check_output_file

    path = check_output_file(path)
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
    except OSError as e:
        raise InvalidArgument(f"{path}: cannot write in {folder}: {e.strerror}") from None
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
