"""Claim files: a researcher's own lemma as a short TOML file, checked and certified.

A claim file states an ID, a title, the statement (LaTeX), the source, an optional scope (one
integer parameter and its range), the objects (networks built by a function of the parameter
in the user's own Python module, network files, literal matrices or data) and one property:
``equals`` or ``at_most`` (a network against a piecewise-linear reference), ``reconstructs``
(an autoencoder and a listed dataset) or ``rank`` (a matrix and its stated rank).  The format
is the kernel's (``proofs/kernel/specs/claimfile.py``), which reads the very same text from
the certificate; ``docs/how-to-add-a-claim.md`` shows it.

>>> import pathlib
>>> examples = pathlib.Path(__file__).resolve().parent.parent / "docs" / "examples"
>>> v = check_claim_file(examples / "clamp.toml", scope_max=20)
>>> v.claim, v.status.value, v.scope["description"]
('clamp-sum', 'verified', 'every integer n in 1..20, every x in R')
>>> from proofs.kernel import recheck
>>> recheck(v.certificate)[0], recheck({**v.certificate, "status": "refuted"})[0]
(True, False)

:func:`check_claim_file` decides the property in exact arithmetic (the 1-D breakpoints of the
network and the reference, exact batch evaluation, region enumeration in d >= 2, exact rank),
cross-checks the network evaluations in float64, and returns a :class:`~proofs.verdict.Verdict`
whose certificate embeds the claim file (text and SHA-256) and binds every object the kernel
cannot rebuild by the SHA-256 of its canonical JSON.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
import sys
import time
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable

from exact.errors import InvalidArgument, ToolkitError

from .certificates import bind, certificate, exact_json
from .verdict import Status, Verdict

__all__ = ["ClaimFile", "load_claim_file", "check_claim_file", "is_claim_file", "claim_file_module"]


def is_claim_file(arg: str) -> bool:
    """Whether a ``proofcheck run`` argument names a claim file (``*.toml``)."""
    return arg.endswith(".toml")


class ClaimFile:
    """A parsed claim file: ``path``, ``text``, ``sha256``, ``doc`` (the TOML), the scope
    variable ``var`` and its range ``lo..hi`` (``var`` None: one instance), ``kinds`` of objects."""

    def __init__(self, path: Path, text: str):
        from .kernel.core import Invalid
        from .kernel.specs.claimfile import read_claim_file

        self.path, self.text = path, text
        self.sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
        try:
            self.doc, self.var, (self.lo, self.hi), self.kinds = read_claim_file(text)
        except Invalid as e:
            raise InvalidArgument(f"{path.name}: {e}"[:200]) from None
        self.id = self.doc["id"]
        self.prop = self.doc["property"]

    @property
    def scope_description(self) -> str:
        where = "every x in R" if self.prop.get("box") is None else "every x in the box"
        if self.prop["kind"] not in ("equals", "at_most"):
            where = ""
        head = f"every integer {self.var} in {self.lo}..{self.hi}" if self.var else "one instance"
        return head + (f", {where}" if where else "")


def load_claim_file(path: str | os.PathLike) -> ClaimFile:
    """Read and check a claim file (InvalidArgument, one line, when it is not one)."""
    from exact.inputs import read_text

    p = Path(path)
    return ClaimFile(p, read_text(p, "claim file"))


def _builder(cf: ClaimFile, spec: str) -> Callable:
    """The function of "module:function": module.py beside the claim file, else an importable module."""
    mod_name, fn_name = spec.split(":")
    local = cf.path.parent / (mod_name.replace(".", os.sep) + ".py")
    if local.is_file():
        key = "_claimfile_%s_%s" % (hashlib.sha256(str(local.resolve()).encode()).hexdigest()[:12],
                                    mod_name.replace(".", "_"))
        mod = sys.modules.get(key)
        if mod is None:
            spec_ = importlib.util.spec_from_file_location(key, local)
            mod = importlib.util.module_from_spec(spec_)
            sys.modules[key] = mod
            spec_.loader.exec_module(mod)
    else:
        try:
            mod = importlib.import_module(mod_name)
        except ImportError as e:
            raise InvalidArgument(f"{cf.path.name}: cannot import {mod_name} ({e})") from None
    fn = getattr(mod, fn_name, None)
    if not callable(fn):
        raise InvalidArgument(f"{cf.path.name}: {mod_name} has no function {fn_name}")
    return fn


def _object(value: Any, what: str, where: str) -> tuple[Any, Any]:
    """(exact object, its JSON): a Network for "network", else a list of rational rows."""
    from exact.network import Network

    if what == "network":
        net = value if isinstance(value, Network) else Network.from_json(value, where)
        return net, exact_json(net.to_json())
    if hasattr(value, "to_list"):
        value = value.to_list()
    js = exact_json([list(r) for r in value])
    return [tuple(Fraction(v) for v in row) for row in js], js


class _Instance:
    """One instance: the parameter value and the objects (exact) with their JSON."""

    def __init__(self, n, objects, json_, built):
        self.n, self.objects, self.json, self.built = n, objects, json_, built


def _instances(cf: ClaimFile, progress=None):
    from exact.inputs import read_json

    from .kernel.specs.claimfile import _object_names

    names = _object_names(cf.prop)
    fixed: dict[str, Any] = {}
    for name, what in names.items():
        if name not in cf.kinds:
            raise InvalidArgument(f"{cf.path.name}: the property names {name!r}, which [objects] does not define")
        if cf.kinds[name] == "file":
            fixed[name] = _object(read_json(cf.path.parent / cf.doc["objects"][name]["file"], "network file"),
                                  what, name)
        elif cf.kinds[name] == "value":
            fixed[name] = _object(cf.doc["objects"][name]["value"], what, name)
    builders = {n: _builder(cf, cf.doc["objects"][n]) for n in names if cf.kinds[n] == "built"}
    ns = list(range(cf.lo, cf.hi + 1)) if cf.var else [None]
    for k, n in enumerate(ns):
        built = {}
        for name, fn in builders.items():
            try:
                value = fn(n) if cf.var else fn()
            except ToolkitError:
                raise
            except Exception as e:
                raise InvalidArgument(f"{cf.path.name}: {cf.doc['objects'][name]}({'' if n is None else n}) "
                                      f"raised {type(e).__name__}: {e}") from None
            built[name] = _object(value, names[name], name)
        both = {**fixed, **built}
        if progress:
            progress(k + 1, len(ns))
        yield _Instance(n, {name: o for name, (o, _) in both.items()}, {name: js for name, (_, js) in both.items()},
                        sorted(built))


def _kernel_net(js):
    from .kernel import core as K

    return K.network(js)


def _exact_net(knet):
    from exact.network import Network

    return Network.from_json({"layers": [{"weight": [[str(v) for v in r] for r in w], "bias": [str(v) for v in b],
                                          "activation": act} for w, b, act, _ in knet.layers]})


def _simplest(points):
    return min(points, key=lambda x: (x.denominator, abs(x.numerator), x))


class _Check:
    """The exact decision of one instance: None when the property holds, else a witness dict."""

    def __init__(self, cf: ClaimFile):
        self.cf, self.prop, self.evaluations, self.disagreements = cf, cf.prop, 0, []

    def _float(self, net, xs, exact_rows):
        """The float64 mirror at the same points; every difference from the exact value is listed."""
        import numpy as np

        from numeric.evaluate import evaluate_float, to_float

        if not xs:
            return
        self.evaluations += len(xs)
        approx = evaluate_float(net, np.array([[to_float(v) for v in x] for x in xs], dtype=np.float64))
        for x, row, e in zip(xs, approx, exact_rows):
            if any(to_float(ev) != float(av) for ev, av in zip(e, row)):
                self.disagreements.append({"x": [str(v) for v in x], "exact": [str(v) for v in e],
                                           "float64": [repr(float(v)) for v in row]})

    def __call__(self, inst: _Instance) -> tuple[dict | None, dict]:
        kind = self.prop["kind"]
        if kind in ("equals", "at_most"):
            return self._order(inst, kind)
        if kind == "reconstructs":
            net, data = inst.objects[self.prop["network"]], inst.objects[self.prop["data"]]
            from exact.evaluate import evaluate_batch

            out = evaluate_batch(net, [list(x) for x in data]).to_fractions() if data else []
            self._float(net, list(data), out)
            bad = [k for k, (x, y) in enumerate(zip(data, out)) if tuple(x) != tuple(y)]
            return ({"index": bad[0]} if bad else None), {}
        from exact.linalg import rank

        from .kernel.specs.claimfile import _stated_rank

        m = inst.objects[self.prop["matrix"]]
        actual = rank([list(r) for r in m])
        stated = _stated_rank(self.prop, {self.cf.var: inst.n} if self.cf.var else {})
        return ({"rank": actual} if actual != stated else None), {}

    def _order(self, inst, kind):
        from .kernel import pl

        net = inst.objects[self.prop["network"]]
        d = net.in_dim
        params = {self.cf.var: inst.n} if self.cf.var else {}
        ref_net = inst.objects.get(self.prop.get("reference_network"))
        tree = pl.reference(self.prop["reference"], d, params) if ref_net is None else None
        box = self.prop.get("box")
        if d == 1:
            return self._order_1d(kind, net, tree, ref_net, box), {}
        knet = _kernel_net(inst.json[self.prop["network"]])
        kref = _kernel_net(inst.json[self.prop["reference_network"]]) if ref_net is not None else None
        return self._order_nd(kind, net, tree, ref_net, box, d, knet, kref)

    def _order_1d(self, kind, net, tree, ref_net, box):
        from exact.evaluate import evaluate_batch

        from .kernel import pl

        lo, hi = (None, None) if box is None else (Fraction(box[0][0]), Fraction(box[0][1]))
        # candidate points: the breakpoints of exact/'s integer sweep (independent of the kernel's
        # own sweep, which the re-check uses); the decision below is exact batch evaluation at and
        # between them
        from exact.sweep1d import breakpoints_1d

        pts = set(breakpoints_1d(net, lo, hi))
        if ref_net is not None:
            pts |= set(breakpoints_1d(ref_net, lo, hi))
        else:
            pts |= set(pl.reference_pieces(tree, lo, hi)[0])
        pts = sorted(pts)
        # every breakpoint, a point inside every piece and one beyond each unbounded end
        cand = list(pts) + [(a + b) / 2 for a, b in zip(pts, pts[1:])]
        first, last = (pts[0], pts[-1]) if pts else (Fraction(0), Fraction(0))
        cand += [first - 1 if lo is None else (lo + first) / 2 if pts else lo,
                 last + 1 if hi is None else (last + hi) / 2 if pts else hi]
        if lo is not None:
            cand += [lo, hi]
        cand = sorted(set(cand))
        xs = [[x] for x in cand]
        fx = evaluate_batch(net, xs).to_fractions()
        gx = ([row[0] for row in evaluate_batch(ref_net, xs).to_fractions()] if ref_net is not None
              else [pl.evaluate(tree, x) for x in xs])
        self._float(net, xs, fx)
        bad = [x[0] for x, f, g in zip(xs, fx, gx) if (f[0] != g if kind == "equals" else f[0] > g)]
        return {"x": [str(_simplest(bad))]} if bad else None

    def _order_nd(self, kind, net, tree, ref_net, box, d, knet, kref):
        from exact.feasibility import FeasibilityStatus, linear_feasibility

        from exact.regions import enumerate_regions

        from .claims.p003 import cover_evidence
        from .kernel import core as K
        from .kernel import pl

        g = kref if kref is not None else pl.reference_network(tree, d)
        kdiff = pl.difference(knet, g)
        diff = _exact_net(kdiff)
        e = enumerate_regions(diff, None if box is None else [tuple(Fraction(v) for v in side) for side in box],
                              method="general", record_empty=True)
        cover = cover_evidence(e, network=None)
        bounds = []
        for pattern, point in cover["regions"]:
            rows, m, c = K.pattern_system(kdiff, pattern, box)
            x = [Fraction(v) for v in point]
            if kind == "equals":
                if any(v for row in m for v in row) or c[0]:
                    cand = [x] + [[v + 1 if i == j else v for i, v in enumerate(x)] for j in range(d)]
                    bad = [p for p in cand if K.run(kdiff, p)[0] != 0 and all(K.dot(a, p) < b for a, b in rows)]
                    return {"x": [str(v) for v in (bad[0] if bad else x)]}, {}
                continue
            r = linear_feasibility(A_le=[a for a, _ in rows], b_le=[b for _, b in rows],
                                   A_lt=[[-v for v in m[0]]], b_lt=[c[0]])
            if r.status is FeasibilityStatus.FEASIBLE:
                return {"x": [str(v) for v in r.point]}, {}
            y = [str(v) for v in r.multipliers]
            bounds.append([y[:len(rows)], y[len(rows):]])
        ev = {"cover": {"regions": cover["regions"], "empty": cover["empty"]}}
        if kind == "at_most":
            ev["cover"]["bounds"] = bounds
        return None, ev


def check_claim_file(path: str | os.PathLike | ClaimFile, *, scope_max: int | None = None,
                     progress: Callable[[int, int], None] | None = None) -> Verdict:
    """Check a claim file and return its verdict with the certificate (see the module docstring).

    ``scope_max`` lowers the top of the file's range (a quicker run; the certificate then embeds
    the file with that range, so it is a certificate of the smaller scope, and says so).
    """
    from .kernel.core import Invalid

    cf = path if isinstance(path, ClaimFile) else load_claim_file(path)
    try:
        return _check(cf, scope_max, progress)
    except Invalid as e:  # the file states something the kernel's reading refuses: one line
        raise InvalidArgument(f"{cf.path.name}: {e}"[:200]) from None
    except RecursionError:
        raise InvalidArgument(f"{cf.path.name}: an expression is nested too deeply") from None


def _check(cf: ClaimFile, scope_max: int | None, progress) -> Verdict:
    if scope_max is not None and cf.var:
        if scope_max < cf.lo:
            raise InvalidArgument(f"{cf.path.name}: the scope starts at {cf.lo}, above {scope_max}")
        if scope_max < cf.hi:
            import re

            text, k = re.subn(r"(?m)^(\s*%s\s*=\s*\[\s*%d\s*,\s*)%d(\s*\])" % (re.escape(cf.var), cf.lo, cf.hi),
                              lambda m: f"{m.group(1)}{scope_max}{m.group(2)}", cf.text)
            if k != 1:
                raise InvalidArgument(f"{cf.path.name}: cannot lower the scope (write it as {cf.var} = [lo, hi])")
            cf = ClaimFile(cf.path, text)
    t0 = time.perf_counter()
    check = _Check(cf)
    items, witness, failing = [], None, None
    for inst in _instances(cf, progress):
        bad, extra = check(inst)
        if bad is not None:
            witness, failing = bad, inst
            break
        item = ({"n": inst.n} if cf.var else {})
        if inst.built:
            item["objects"] = {name: _bound(inst.json[name]) for name in inst.built}
        item.update(extra)
        items.append(item)
    evidence: dict[str, Any] = {}
    files = {n: bind(_file_json(cf, n)) for n in cf.kinds if cf.kinds[n] == "file"}
    if files:
        evidence["files"] = files
    if witness is None:
        status = Status.VERIFIED
        evidence.update({"instances": items, "checked": len(items)})
        summary = {"checked": len(items)}
    else:
        status = Status.REFUTED
        if cf.var:
            evidence["n"] = failing.n
        if failing.built:
            evidence["objects"] = {name: _bound(failing.json[name]) for name in failing.built}
        evidence.update(witness)
        summary = {"counterexample": {**({cf.var: failing.n} if cf.var else {}), **witness}}
    cert = certificate(cf.id, status, scope={"claim_file": {"sha256": cf.sha256, "text": cf.text}},
                       evidence=evidence)
    cross = {"disagreements": check.disagreements[:50],
             "summary": (f"float64 agreed at all {check.evaluations} evaluations" if not check.disagreements
                         else f"float64 differed at {len(check.disagreements)} of {check.evaluations} evaluations")}
    if not check.evaluations:
        cross = {"disagreements": [], "summary": "exact only (no float64 mirror of this property)"}
    description = cf.scope_description if witness is None else (
        f"counterexample at {cf.var} = {failing.n}" if cf.var else "counterexample") + \
        (f", x = {', '.join(witness['x'])}" if "x" in witness else "")
    return Verdict(claim=cf.id, status=status,
                   scope={"description": description, "claim_file": str(cf.path), "sha256": cf.sha256,
                          **({"parameter": cf.var, "range": [cf.lo, cf.hi]} if cf.var else {})},
                   evidence={"property": cf.prop["kind"], **summary}, crosscheck=cross,
                   seconds=time.perf_counter() - t0, title=cf.doc["title"], statement=cf.doc["statement"],
                   reading=cf.doc.get("reading") or f"claim file {cf.path.name} (sha256 {cf.sha256[:16]})",
                   source=cf.doc["source"], certificate=cert)


def _file_json(cf: ClaimFile, name: str) -> Any:
    from exact.inputs import read_json

    from .kernel.specs.claimfile import _object_names

    what = _object_names(cf.prop).get(name, "network")
    return _object(read_json(cf.path.parent / cf.doc["objects"][name]["file"], "network file"), what, name)[1]


def _bound(js: Any) -> dict:
    """{"sha256", "value"} of JSON that is already exact (proofs.certificates.bind without re-normalising)."""
    from .kernel.core import sha256_json

    return {"sha256": sha256_json(js), "value": js}


def claim_file_module(path: str | os.PathLike):
    """A claim file as a claim module (``CLAIM_ID``, ``TITLE``, ..., ``check``) for the registry.

    ``check(n_max=0)`` checks the file's scope, or only up to ``n_max`` when it is positive
    (``proofcheck run lemma.toml --n-max 20``).
    """
    import types

    cf = load_claim_file(path)
    mod = types.ModuleType(f"claim file {cf.path}")
    mod.CLAIM_ID, mod.TITLE, mod.SOURCE = cf.id, cf.doc["title"], cf.doc["source"]
    mod.STATEMENT = cf.doc["statement"]
    mod.READING = cf.doc.get("reading") or f"claim file {cf.path.name}"
    mod.CLAIM_FILE = cf

    def check(*, n_max: int = 0, progress=None) -> Verdict:
        return check_claim_file(cf, scope_max=n_max or None, progress=progress)

    mod.check = check
    return mod
