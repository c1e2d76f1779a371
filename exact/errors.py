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


class ToolkitError(Exception):
    """Root of every error raised on purpose by exact, numeric and proofs."""


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
