"""The stand-alone certificate kernel of relu-proofcheck: the project's whole trusted base.

Standard library only; it imports nothing of the project outside this folder, so a reviewer
can copy the folder and run it with a bare interpreter::

    python3 -I -S proofs/kernel CERT.json [CERT.json ...]

exit 0 when every certificate is valid, 1 when one is not (naming it and the first failing
check), 2 for a file that cannot be read as a certificate.

Files: ``reader`` (strict JSON), ``core`` (exact numbers, networks, rank, Farkas/Motzkin,
polynomials), ``framework`` (certificates, the ``spec`` registry, the re-check), ``regions``
(activation regions and covers), ``pl`` (pieces of 1-D networks and of piecewise-linear
references, difference networks), and ``specs/`` (one specification per claim and variant: how
the statement's objects are built from the scope parameters and what evidence each status
needs; ``specs/claimfile.py`` reads a user's claim file embedded in the certificate).
"""

from . import specs  # noqa: F401  (registers every specification)
from .core import Invalid
from .framework import FORMAT, SPECS, STATUSES, VERSION, recheck
from .reader import Malformed, loads, read_certificate

__all__ = ["FORMAT", "VERSION", "STATUSES", "SPECS", "Invalid", "Malformed", "recheck", "loads",
           "read_certificate", "recheck_file"]


def recheck_file(path, max_digits=None, claim_files=None):
    """(status, message) for one file: status "valid", "invalid" or "malformed".

    ``claim_files``: SHA-256 hex digests of claim files given on the command line
    (``--claim-file``); a certificate about a claim file must then embed one of them.
    """
    from .core import set_max_digits
    from .reader import DEFAULT_MAX_DIGITS

    set_max_digits(max_digits or DEFAULT_MAX_DIGITS)
    try:
        raw = read_certificate(path, max_digits or DEFAULT_MAX_DIGITS)
    except Malformed as e:
        return "malformed", str(e)[:200]
    except OSError as e:
        return "malformed", ("cannot read: %s" % (e.strerror or e))[:200]
    ok, message = recheck(raw)
    if ok and claim_files is not None:
        embedded = raw["scope"].get("claim_file", {}).get("sha256") if isinstance(raw["scope"], dict) else None
        if embedded is None or embedded not in claim_files:
            ok, message = False, ("the certificate is not about the given claim file(s) (it embeds %s)"
                                  % ("no claim file" if embedded is None else "sha256 " + str(embedded)[:16]))
    if ok:  # the hash the results file and the report record for this certificate
        from .core import sha256_json

        try:
            message += " [sha256 %s]" % sha256_json(raw)[:16]
        except (RecursionError, ValueError, TypeError):
            pass
    return ("valid" if ok else "invalid"), message
