"""Certificates, claim specifications and the re-check (standard library only).

A certificate (version 2) is one JSON object with exactly these keys::

    {"format": "relu-proofcheck-certificate", "version": 2,
     "claim": ID, "variant": NAME or null, "status": "proved" | "verified" | "refuted" | "inconclusive",
     "scope": {parameters of the statement},
     "evidence": {what the status needs: counterexample, witnesses, search record, ...},
     "argument": [{"id": STEP, "checker": "kernel" | "sympy" | "theorem: NAME"}, ...]   (proved only)}

The kernel holds one *specification* per (claim, variant): a function that rebuilds the
statement's objects from the scope parameters and checks that the evidence establishes the
status.  A certificate is valid only if

* its claim and variant have a specification, and that specification knows its status;
* the specification accepts its scope and evidence;
* every key of scope and evidence was read by the specification (nothing left over that a
  reader could mistake for evidence);
* for ``proved``, the argument lists exactly the steps the specification states, each with
  the checker it names; the steps the kernel checks itself are run by the specification.
"""

from . import core
from .core import Invalid

__all__ = ["FORMAT", "VERSION", "STATUSES", "SPECS", "CLAIM_FILE", "spec", "Fields", "Cert", "recheck", "Step"]

FORMAT = "relu-proofcheck-certificate"
VERSION = 2
STATUSES = ("proved", "verified", "refuted", "inconclusive")
_MISSING = object()

#: (claim, variant) -> (function, statuses, statement)
SPECS = {}

#: The key (CLAIM_FILE, None) of SPECS names the specification of every certificate whose scope
#: holds a "claim_file" (a user's claim file, embedded with its SHA-256; specs/claimfile.py): its
#: claim ID is the one the file states, not one of the kernel's own.
CLAIM_FILE = "claim file"


def spec(claim, variant=None, statuses=STATUSES):
    """Register the specification of one claim and variant: ``spec(claim, variant, statuses)(fn)``.

    ``fn`` takes a :class:`Cert` and raises :class:`Invalid` unless the certificate's
    evidence establishes its status for the statement its docstring states.  Specifications
    call this right after the function instead of using it as a decorator, so that the
    mutation tester (which leaves decorated functions alone) mutates their bodies.
    """
    def register(fn):
        key = (claim, variant)
        if key in SPECS:
            raise RuntimeError("two specifications for %s [%s]" % key)
        for s in statuses:
            if s not in STATUSES:
                raise RuntimeError("unknown status %r" % s)
        SPECS[key] = (fn, tuple(statuses), " ".join((fn.__doc__ or "").strip().split("\n\n")[0].split()))
        return fn
    return register


class Fields:
    """Strict access to a JSON object: typed getters, every key must be read exactly as typed."""

    def __init__(self, obj, where):
        if not isinstance(obj, dict):
            raise Invalid("%s: expected an object" % where)
        self._obj, self.where, self._read, self._children = obj, where, set(), []

    def _get(self, key, default):
        if key not in self._obj:
            if default is _MISSING:
                raise Invalid("%s: missing %r" % (self.where, key))
            return _MISSING
        self._read.add(key)
        return self._obj[key]

    def _at(self, key):
        return "%s.%s" % (self.where, key)

    def has(self, key):
        return key in self._obj

    def raw(self, key, default=_MISSING):
        """The raw JSON value (the caller checks it)."""
        v = self._get(key, default)
        return default if v is _MISSING else v

    def int(self, key, lo=0, hi=None, default=_MISSING):
        v = self._get(key, default)
        return default if v is _MISSING else core.nat(v, self._at(key), lo, hi)

    def q(self, key, default=_MISSING):
        v = self._get(key, default)
        return default if v is _MISSING else core.q(v, self._at(key))

    def bool(self, key, default=_MISSING):
        v = self._get(key, default)
        if v is _MISSING:
            return default
        if not isinstance(v, bool):
            raise Invalid("%s: expected true or false" % self._at(key))
        return v

    def str(self, key, choices=None, default=_MISSING):
        v = self._get(key, default)
        if v is _MISSING:
            return default
        if not isinstance(v, str) or len(v) > 10000:
            raise Invalid("%s: expected a string" % self._at(key))
        if choices is not None and v not in choices:
            raise Invalid("%s: %r is not one of %s" % (self._at(key), v[:40], ", ".join(map(str, choices))))
        return v

    def optional_str(self, key, default=_MISSING):
        v = self._get(key, default)
        if v is _MISSING or v is None:
            return None if v is None else default
        return self.str(key)

    def vec(self, key, n=None, default=_MISSING):
        v = self._get(key, default)
        return default if v is _MISSING else core.vec(v, self._at(key), n)

    def mat(self, key, rows=None, cols=None, default=_MISSING):
        v = self._get(key, default)
        return default if v is _MISSING else core.mat(v, self._at(key), rows, cols)

    def network(self, key, default=_MISSING):
        v = self._get(key, default)
        return default if v is _MISSING else core.network(v, self._at(key))

    def list(self, key, n=None, lo=0, hi=None, default=_MISSING):
        """A raw list of length n (or between lo and hi)."""
        v = self._get(key, default)
        if v is _MISSING:
            return default
        if not isinstance(v, list):
            raise Invalid("%s: expected a list" % self._at(key))
        if (n is not None and len(v) != n) or len(v) < lo or (hi is not None and len(v) > hi):
            raise Invalid("%s: %d entries (expected %s)" % (self._at(key), len(v),
                                                          n if n is not None else "%d..%s" % (lo, hi)))
        return v

    def obj(self, key, default=_MISSING):
        """A nested object as Fields (its keys must be read too)."""
        v = self._get(key, default)
        if v is _MISSING:
            return default
        child = Fields(v, self._at(key))
        self._children.append(child)
        return child

    def items(self, key, n=None, lo=0, hi=None, default=_MISSING):
        """A list of objects, each as Fields."""
        if default is not _MISSING and key not in self._obj:
            return default
        out = [Fields(x, "%s[%d]" % (self._at(key), k)) for k, x in enumerate(self.list(key, n, lo, hi))]
        self._children.extend(out)
        return out

    def bound(self, key):
        """An object the kernel cannot rebuild, bound by hash: {"sha256": HEX, "value": JSON}.

        Returns the value after checking that its canonical JSON hashes to the stated SHA-256.
        """
        f = self.obj(key)
        digest, value = f.str("sha256"), f.raw("value")
        if core.sha256_json(value) != digest:
            raise Invalid("%s: the SHA-256 of the object is not %s" % (self._at(key), digest[:16]))
        return value

    def check_all_read(self):
        unread = sorted(set(self._obj) - self._read)
        if unread:
            raise Invalid("%s: %s not established by the %s specification" % (
                self.where, ", ".join(repr(k[:40]) for k in unread[:5]), "claim's"))
        for child in self._children:
            child.check_all_read()


class Step:
    """One step of an argument: an identifier, the fact, and who checked it."""

    def __init__(self, id, fact, checker):
        if not (checker in ("kernel", "sympy") or checker.startswith("theorem: ")):
            raise RuntimeError("unknown checker %r" % checker)
        self.id, self.fact, self.checker = id, fact, checker


class Cert:
    """A certificate under re-check: claim, variant, status, scope and evidence as Fields."""

    def __init__(self, raw):
        if not isinstance(raw, dict):
            raise Invalid("a certificate is a JSON object")
        allowed = {"format", "version", "claim", "variant", "status", "scope", "evidence", "argument"}
        extra = sorted(set(raw) - allowed)
        if extra:
            raise Invalid("unknown top-level keys %s" % ", ".join(repr(k[:40]) for k in extra[:5]))
        if raw.get("format") != FORMAT:
            raise Invalid("not a relu-proofcheck certificate")
        if raw.get("version") != VERSION or isinstance(raw.get("version"), bool):
            raise Invalid("certificate version %r; this kernel reads version %d" % (raw.get("version"), VERSION))
        for key in ("claim", "status", "scope", "evidence"):
            if key not in raw:
                raise Invalid("missing %r" % key)
        if not isinstance(raw["claim"], str) or not (raw.get("variant") is None or isinstance(raw["variant"], str)):
            raise Invalid("claim and variant must be strings")
        self.claim, self.variant, self.status = raw["claim"], raw.get("variant"), raw["status"]
        self.label = self.claim if self.variant is None else "%s [%s]" % (self.claim, self.variant)
        if self.status not in STATUSES:
            raise Invalid("unknown status %r" % (str(self.status)[:40],))
        self.scope = Fields(raw["scope"], "scope")
        self.evidence = Fields(raw["evidence"], "evidence")
        self._argument = raw.get("argument")
        self._argued = False
        self.statement = None  # a specification may state the statement itself (claim files)

    def argument(self, steps):
        """For a proved status: the certificate's argument lists exactly these steps and checkers."""
        if self.status != "proved":
            raise RuntimeError("argument() is for proved certificates")
        self._argued = True
        got = self._argument
        if not isinstance(got, list):
            raise Invalid("a proved certificate needs its argument (a list of steps)")
        want = [{"id": s.id, "checker": s.checker} for s in steps]
        if got != want:
            raise Invalid("the argument differs from the specification's: expected steps %s"
                          % ", ".join("%s (%s)" % (s.id, s.checker) for s in steps))

    def checked(self, count):
        """verified / proved: evidence "checked" states how many instances the kernel enumerated.

        A certificate whose scope was changed then no longer matches its own count.
        """
        got = self.evidence.int("checked")
        if got != count:
            raise Invalid("the kernel enumerated %d instances, the certificate says %d" % (count, got))

    def require(self, condition, message):
        if not condition:
            raise Invalid(message)


def recheck(raw):
    """Re-check one parsed certificate: (True, summary) when valid, else (False, reason)."""
    try:
        cert = Cert(raw)
        key = (cert.claim, cert.variant)
        if isinstance(raw.get("scope"), dict) and "claim_file" in raw["scope"]:
            key = (CLAIM_FILE, None)
        if key not in SPECS:
            known = sorted(v for c, v in SPECS if c == cert.claim)
            if not known:
                raise Invalid("the kernel has no specification of claim %r" % cert.claim[:40])
            raise Invalid("claim %s has no variant %r (known: %s)"
                          % (cert.claim, cert.variant, ", ".join(str(v) for v in known)))
        fn, statuses, statement = SPECS[key]
        if cert.status not in statuses:
            raise Invalid("the %s specification admits no evidence for %r (only %s)"
                          % (cert.label, cert.status, ", ".join(statuses)))
        fn(cert)
        if cert.status == "proved" and not cert._argued:
            raise Invalid("the %s specification states no argument for all n" % cert.label)
        if cert.status != "proved" and cert._argument is not None:
            raise Invalid("only a proved certificate carries an argument")
        cert.scope.check_all_read()
        cert.evidence.check_all_read()
        statement = cert.statement or statement
        params = ", ".join("%s=%s" % (k, str(v)[:40]) for k, v in sorted(raw["scope"].items())
                           if isinstance(v, (int, str)) and not isinstance(v, bool))
        return True, "%s %s%s: %s" % (cert.label, cert.status, " (%s)" % params[:200] if params else "", statement)
    except Invalid as e:
        return False, str(e)[:300]
    except RecursionError:
        return False, "nested too deeply"
    except (KeyError, TypeError, ValueError, IndexError, ZeroDivisionError, AttributeError) as e:
        return False, "malformed: %s: %s" % (type(e).__name__, str(e)[:200])
