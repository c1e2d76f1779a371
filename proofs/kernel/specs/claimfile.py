"""Claim files: a user's statement in TOML, and the generic properties the kernel checks.

How the kernel obtains the claim file: the certificate embeds it.  Its scope is exactly
``{"claim_file": {"sha256": HEX, "text": TEXT}}``, TEXT the file's whole content (UTF-8) and HEX
the SHA-256 of those bytes, so that ``sha256sum claim.toml`` names the file a certificate is
about.  The kernel checks the hash, reads TEXT with ``tomllib`` and rebuilds the statement from
it alone: the certificate's claim ID must be the file's ``id`` (and not one of the kernel's own
claims).  Evidence (see :func:`claim_file`) then carries the objects the kernel cannot rebuild
(networks built by the user's Python function, network files), each bound by the SHA-256 of its
canonical JSON, and the witnesses.

The claim file (every key is checked; nothing else is allowed)::

    id = "clamp-sum"              # the claim's ID (letters, digits, - _ .)
    title = "..."                 # one line
    statement = '...'             # LaTeX
    source = "..."                # where the claim comes from
    reading = "..."               # optional: how the statement is formalised
    [scope]                       # optional: one integer parameter and its range
    n = [1, 200]                  # every integer n in 1..200
    [objects]                     # named objects
    f = "clamp:network"           # built by network(n) of the user's module clamp (beside the file)
    g = { file = "g.json" }       # a network file
    X = { value = [[1, 0], [0, 1]] }   # a literal (matrix, list of vectors); numbers int or "p/q"
    [property]                    # one of:
    kind = "equals"               # network == reference (an expression of x, or reference_network)
    kind = "at_most"              # network <= reference
    kind = "reconstructs"         # network(x) == x for every x of data
    kind = "rank"                 # the rank of matrix is rank (an integer or an expression of n)

``equals`` / ``at_most`` take ``network``, one of ``reference`` (x in d = 1, x1..xd otherwise;
:func:`pl.reference`) or ``reference_network``, and optionally ``box`` ([[lo, hi], ...], one pair
per input; absent: all of R^d).  Networks have relu and identity layers and one output.
"""

import hashlib
import re
import tomllib
from fractions import Fraction

from .. import core as K
from .. import pl
from .. import regions as R
from ..framework import CLAIM_FILE, SPECS, spec

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,79}\Z")
_TOP = {"id", "title", "statement", "source", "reading", "scope", "objects", "property"}
_PROPS = {"equals": ("network", "reference", "reference_network", "box"),
          "at_most": ("network", "reference", "reference_network", "box"),
          "reconstructs": ("network", "data"),
          "rank": ("matrix", "rank")}
_MAX_RANGE = 100000


def _text(doc, key, optional=False):
    v = doc.get(key)
    if v is None and optional:
        return None
    if not isinstance(v, str) or not v.strip() or len(v) > 20000:
        raise K.Invalid("claim file: %s must be non-empty text" % key)
    return v


def read_claim_file(text):
    """Parse and check a claim file's text: (doc, scope variable or None, (lo, hi), kinds of objects).

    Raises Invalid for anything outside the format of the module docstring.
    """
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise K.Invalid("claim file: not TOML: %s" % str(e)[:120])
    extra = sorted(set(doc) - _TOP)
    if extra:
        raise K.Invalid("claim file: unknown keys %s" % ", ".join(extra[:5]))
    if not isinstance(doc.get("id"), str) or not _ID.match(doc["id"]):
        raise K.Invalid("claim file: id must be 1-80 letters, digits, - _ .")
    for key in ("title", "statement", "source"):
        _text(doc, key)
    _text(doc, "reading", optional=True)
    scope = doc.get("scope", {})
    if not isinstance(scope, dict) or len(scope) > 1:
        raise K.Invalid("claim file: [scope] holds at most one parameter")
    var, rng = None, (None, None)
    for var, r in scope.items():
        if not var.isidentifier() or var.startswith("x") or var in ("min", "max"):
            raise K.Invalid("claim file: %r cannot name the scope parameter" % var[:40])
        if (not isinstance(r, list) or len(r) != 2 or any(isinstance(v, bool) or not isinstance(v, int) for v in r)
                or not r[0] <= r[1] or r[1] - r[0] >= _MAX_RANGE):
            raise K.Invalid("claim file: scope %s must be [lo, hi], integers, lo <= hi" % var)
        rng = tuple(r)
    objects = doc.get("objects")
    if not isinstance(objects, dict) or not objects:
        raise K.Invalid("claim file: [objects] must name at least one object")
    kinds = {}
    for name, o in objects.items():
        if isinstance(o, str) and re.fullmatch(r"[A-Za-z_][\w.]*:[A-Za-z_]\w*", o):
            kinds[name] = "built"
        elif isinstance(o, dict) and set(o) == {"file"} and isinstance(o["file"], str) and o["file"]:
            kinds[name] = "file"
        elif isinstance(o, dict) and set(o) == {"value"}:
            kinds[name] = "value"
        else:
            raise K.Invalid("claim file: object %r must be \"module:function\", {file = ...} or {value = ...}"
                            % name[:40])
    prop = doc.get("property")
    if not isinstance(prop, dict) or not isinstance(prop.get("kind"), str) or prop["kind"] not in _PROPS:
        raise K.Invalid("claim file: [property] needs kind = %s" % " | ".join(sorted(_PROPS)))
    extra = sorted(set(prop) - {"kind"} - set(_PROPS[prop["kind"]]))
    if extra:
        raise K.Invalid("claim file: property %s takes no %s" % (prop["kind"], ", ".join(extra[:5])))
    used = _object_names(prop)
    for name, what in used.items():
        if not isinstance(name, str) or name not in kinds:
            raise K.Invalid("claim file: the property's %s %r is not an object of [objects]" % (what, str(name)[:40]))
    unused = sorted(set(kinds) - set(used))
    if unused:
        raise K.Invalid("claim file: objects %s are not used by the property" % ", ".join(unused[:5]))
    if "box" in prop:
        box = prop["box"]
        if not isinstance(box, list) or not box:
            raise K.Invalid("claim file: box must be [[lo, hi], ...], one pair per input")
        K.box_rows(box, len(box))  # pairs of numbers (integers or "p/q"), lo < hi
    return doc, var, rng, kinds


def _object_names(prop):
    """The objects a property names, with what each must be."""
    kind = prop["kind"]
    for key in ("network", "reference_network", "data", "matrix"):
        if key in prop and not isinstance(prop[key], str):
            raise K.Invalid("claim file: property %s must name an object" % key)
    if kind in ("equals", "at_most"):
        if ("reference" in prop) == ("reference_network" in prop):
            raise K.Invalid("claim file: give one of reference and reference_network")
        out = {prop.get("network"): "network"}
        if "reference_network" in prop:
            out[prop["reference_network"]] = "network"
        return out
    if kind == "reconstructs":
        return {prop.get("network"): "network", prop.get("data"): "data"}
    return {prop.get("matrix"): "matrix"}


def _value(kind, raw, where):
    if kind == "network":
        return K.network(raw, where)
    if kind == "matrix":
        m = K.mat(raw, where)
        if not m or not m[0]:
            raise K.Invalid("%s: an empty matrix" % where)
        return m
    if not isinstance(raw, list) or not raw:
        raise K.Invalid("%s: data must be a non-empty list of vectors" % where)
    return K.mat(raw, where)


def _objects(f, doc, kinds, names, fixed):
    """{name: parsed object} for one instance: literals from the file, the rest from evidence."""
    out = {}
    inst = f.obj("objects") if any(kinds[n] == "built" for n in names) else None
    for name, what in names.items():
        if kinds[name] == "value":
            raw = doc["objects"][name]["value"]
        elif kinds[name] == "file":
            raw = fixed[name]
        else:
            raw = inst.bound(name)
        out[name] = _value(what, raw, "object %s" % name)
    return out


def _ref(prop, objs, params, d):
    """(tree or None, network or None) of the reference."""
    if "reference" in prop:
        return pl.reference(prop["reference"], d, params), None
    return None, pl.continuous(objs[prop["reference_network"]])


def _ref_value(tree, net, x):
    return pl.evaluate(tree, x) if tree is not None else K.run(net, x)[0]


def _box(prop, d):
    """The box as the kernel's raw [[lo, hi], ...] (None: R^d), checked."""
    box = prop.get("box")
    if box is None:
        return None
    K.box_rows(box, d)
    return box


def _in_box(x, box):
    return box is None or all((lo is None or K.q(lo) <= v) and (hi is None or v <= K.q(hi))
                              for v, (lo, hi) in zip(x, box))


def _order_holds(kind, m, lo, hi):
    """Whether the affine map m = (s, c) is == 0 (equals) or <= 0 (at_most) on [lo, hi]."""
    s, c = m
    if kind == "equals":
        return s == 0 and c == 0
    ends = [e for e in (lo, hi) if e is not None]
    # an affine map is <= 0 on an interval iff it is at each finite end, and it does not grow
    # towards an infinite one; on the whole line (no end) it is the constant c, which must be <= 0
    return (all(s * e + c <= 0 for e in ends) and (lo is not None or s >= 0) and (hi is not None or s <= 0)
            and (bool(ends) or c <= 0))


def _property_1d(kind, net, tree, ref_net, box):
    """Fact (d = 1): f == g (or f <= g) on the box, from the pieces of both, found by the kernel."""
    lo, hi = (None, None) if box is None else (None if box[0][0] is None else K.q(box[0][0]),
                                               None if box[0][1] is None else K.q(box[0][1]))
    f = pl.sweep(net, lo, hi)
    g = pl.sweep(ref_net, lo, hi) if ref_net is not None else pl.reference_pieces(tree, lo, hi)
    points, pairs = pl.refine(f, g)
    bounds = [lo] + points + [hi]
    for k, (a, b) in enumerate(pairs):
        diff = (a[0][0] - b[0][0], a[0][1] - b[0][1]) if ref_net is not None else (a[0][0] - b[0], a[0][1] - b[1])
        if not _order_holds(kind, diff, bounds[k], bounds[k + 1]):
            raise K.Invalid("the network %s the reference between %s and %s" % (
                "differs from" if kind == "equals" else "exceeds", bounds[k], bounds[k + 1]))
    return len(pairs)


def _property_nd(kind, f, net, tree, ref_net, box, d):
    """Fact (d >= 2): with D = f - g (built by the kernel), the cover lists every full-dimensional
    activation region of D in the box; on each, D's affine map is 0 (equals), or Motzkin
    multipliers prove M x + c <= 0 on the region's closure (at_most).  The closures cover the box
    and D is continuous, so the property holds on the whole box."""
    g = ref_net if ref_net is not None else pl.reference_network(tree, d)
    diff = pl.difference(net, g)
    cover = f.obj("cover")
    regions = [(p, x) for p, x in _pairs(cover, "regions", 1)]
    R.cover(diff, box, regions, _pairs(cover, "empty", 0))
    bounds = cover.list("bounds", n=len(regions)) if kind == "at_most" else None
    for k, (pattern, _) in enumerate(regions):
        rows, m, c = K.pattern_system(diff, pattern, box)
        if kind == "equals":
            if any(v for row in m for v in row) or c[0]:
                raise K.Invalid("the network differs from the reference on region %s" % (pattern,))
            continue
        y = bounds[k]
        if not isinstance(y, list) or len(y) != 2:
            raise K.Invalid("bounds[%d]: expected [y, y_strict]" % k)
        K.motzkin_empty(rows, [([-v for v in m[0]], c[0])], K.vec(y[0], "y", len(rows)),
                        K.vec(y[1], "y_strict", 1), d)
    return len(regions)


def _pairs(f, key, lo):
    out = []
    for k, x in enumerate(f.list(key, lo=lo)):
        if not isinstance(x, list) or len(x) != 2:
            raise K.Invalid("%s[%d]: expected a pair" % (key, k))
        out.append((x[0], x[1]))
    return out


def _stated_rank(prop, params):
    r = prop.get("rank")
    if isinstance(r, str):
        v = K.evaluate_expression(r, {k: Fraction(v) for k, v in params.items()}) if params else \
            K.expression(r, ()).at({})
        if v.denominator != 1:
            raise K.Invalid("the stated rank %s is not an integer" % v)
        return int(v)
    return K.nat(r, "property.rank")


def _check_instance(c, f, doc, kinds, names, fixed, params, refuted):
    """Check one instance (verified) or that it fails at the evidence's witness (refuted)."""
    prop = doc["property"]
    objs = _objects(f, doc, kinds, names, fixed)
    kind = prop["kind"]
    if kind in ("equals", "at_most"):
        net = pl.continuous(objs[prop["network"]])
        c.require(net.d_out == 1, "the network must have one output")
        d = net.d_in
        tree, ref_net = _ref(prop, objs, params, d)
        c.require(ref_net is None or (ref_net.d_in, ref_net.d_out) == (d, 1), "the reference network's shape")
        box = _box(prop, d)
        if refuted:
            x = f.vec("x", d)
            c.require(_in_box(x, box), "the point is outside the box")
            fx, gx = K.run(net, x)[0], _ref_value(tree, ref_net, x)
            c.require(fx != gx if kind == "equals" else fx > gx,
                      "at x = %s the network gives %s and the reference %s" % (K.strs(x), fx, gx))
            return
        if d == 1:
            _property_1d(kind, net, tree, ref_net, box)
        else:
            _property_nd(kind, f, net, tree, ref_net, box, d)
    elif kind == "reconstructs":
        net, data = objs[prop["network"]], objs[prop["data"]]
        c.require(all(len(x) == net.d_in for x in data) and net.d_out == net.d_in,
                  "the autoencoder's dimensions do not fit the data")
        if refuted:
            k = f.int("index", lo=0, hi=len(data) - 1)
            c.require(K.run(net, data[k]) != data[k], "data[%d] is reconstructed exactly" % k)
            return
        for k, x in enumerate(data):
            c.require(K.run(net, x) == x, "data[%d] is not reconstructed exactly" % k)
    else:
        m, r = objs[prop["matrix"]], _stated_rank(prop, params)
        actual = K.rank(m)
        if refuted:
            c.require(f.int("rank") == actual, "the matrix has rank %d" % actual)
            c.require(actual != r, "the matrix has the stated rank %d" % r)
            return
        c.require(actual == r, "the matrix has rank %d, not %d" % (actual, r))


def claim_file(c):
    """A user's claim file (embedded in the certificate with its SHA-256): the statement it states.

    verified: for every integer of the scope range (or the one instance), evidence "instances"
    in order, each {"n", "objects": {name: bound}, "cover"} as the property needs; "checked" the
    count.  refuted: evidence {"n", "objects", witness}: "x" (equals, at_most), "index"
    (reconstructs) or "rank" (rank).  Network files are bound once in evidence "files".
    """
    f = c.scope.obj("claim_file")
    text, digest = f.raw("text"), f.str("sha256")
    c.require(isinstance(text, str) and len(text) <= 200000, "claim file: the text must be at most 200000 characters")
    c.require(hashlib.sha256(text.encode("utf-8")).hexdigest() == digest,
              "the SHA-256 of the embedded claim file is not %s" % digest[:16])
    doc, var, (lo, hi), kinds = read_claim_file(text)
    c.require(c.claim == doc["id"], "the certificate's claim %r is not the claim file's id %r"
              % (c.claim[:40], doc["id"]))
    c.require(c.claim not in {cid for cid, _ in SPECS if cid != CLAIM_FILE},
              "claim file id %r is a claim of the kernel's own catalogue" % doc["id"])
    c.require(c.variant is None, "a claim file has no variants")
    names = _object_names(doc["property"])  # each defined in [objects], every object used (read_claim_file)
    fixed = {}
    if any(kinds[n] == "file" for n in names):
        files = c.evidence.obj("files")
        fixed = {n: files.bound(n) for n in names if kinds[n] == "file"}
    scope_text = "%s = %d..%d" % (var, lo, hi) if var else "one instance"
    c.statement = "%s [%s; claim file sha256 %s]" % (" ".join(doc["statement"].split())[:300], scope_text, digest[:16])
    if c.status == "refuted":
        params = {}
        if var:
            params[var] = c.evidence.int("n", lo=lo, hi=hi)
        _check_instance(c, c.evidence, doc, kinds, names, fixed, params, refuted=True)
        return
    ns = list(range(lo, hi + 1)) if var else [None]
    items = c.evidence.items("instances", n=len(ns))
    for n, inst in zip(ns, items):
        params = {}
        if var:
            c.require(inst.int("n") == n, "instances: expected n = %d next" % n)
            params[var] = n
        _check_instance(c, inst, doc, kinds, names, fixed, params, refuted=False)
    c.checked(len(ns))


spec(CLAIM_FILE, statuses=("verified", "refuted"))(claim_file)
