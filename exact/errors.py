"""The toolkit's exception tree.

Every error the toolkit raises on purpose derives from :class:`ToolkitError`, so a
caller (and the CLI) can tell a reported problem from a bug.  The CLI prints the
message of a ``ToolkitError`` as one line and exits with status 2.
"""

from __future__ import annotations

__all__ = [
    "ToolkitError",
    "InvalidArgument",
    "ExactnessError",
    "ShapeError",
    "FormatError",
]


MAX_MESSAGE = 200


def one_line(message: object, width: int = MAX_MESSAGE) -> str:
    """``message`` on one line of at most ``width`` characters (cut in the middle if longer)."""
    text = " ".join(str(message).split())
    if len(text) <= width:
        return text
    keep = width - 5  # the start names the file, the end says what is wrong: keep more of the end
    return text[: keep // 3] + " ... " + text[len(text) - (keep - keep // 3):]


class ToolkitError(Exception):
    """Root of every error raised on purpose by exact, numeric and proofs.

    The message is kept to one line of at most 200 characters (:func:`one_line`), so an
    error never floods a terminal or echoes a huge value.
    """

    def __init__(self, *args: object) -> None:
        if len(args) == 1 and isinstance(args[0], str):
            args = (one_line(args[0]),)
        super().__init__(*args)


class InvalidArgument(ToolkitError, ValueError):
    """A public argument has the wrong type or value."""


class ExactnessError(InvalidArgument):
    """An inexact value (a float) reached an exact API without being asked for."""


class ShapeError(InvalidArgument):
    """Matrix or vector shapes do not fit together."""


class FormatError(ToolkitError):
    """A file (network, certificate, results) is malformed.

    The message names the file and the place inside it, e.g.
    ``net.json: layers[1].weight[0][2]: expected an integer or a "p/q" string, got 0.5``.
    """
