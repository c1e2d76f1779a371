"""Independent re-checker of certificates (standard library only).

Every verdict's trust rests on this file, so it is small, uses only ``json`` and
``fractions``, and shares no code with ``exact/``.  A certificate is

    {"format": "relu-proofcheck-certificate", "version": 1, "claim": ID,
     "status": ..., "obligations": [{"check": NAME, ...data...}, ...]}

with every number an integer or a ``"p/q"`` string.  It is valid iff every obligation
holds.  The checks (each a function below, listed in ``CHECKS``):

``step_reconstruction``  {"n", "amplitude", "include_zero", "network", "failures"}:
    the network's output on the step function x_theta (x(j) = C for j <= theta) differs
    from x_theta for exactly the thetas listed in ``failures``.
``network_outputs``      {"network", "cases": [{"input", "output"}]}: exact outputs.
``rank``                 {"matrix", "rank"}: the exact rank.
``matrix_product``       {"A", "B", "C"}: A B = C.
``psd``                  {"matrix", "psd"}: whether the symmetric matrix is positive
    semidefinite (exact LDL^T).
``strict_point``         {"A", "b", "point"}: A point < b in every row.
``farkas``               {"A", "b", "y", "strict"}: y >= 0, y A = 0 and y.b < 0 (or,
    with strict, y != 0 and y.b <= 0), which proves {x : A x <= b} (resp. A x < b) empty.
``a2_conjecture_instance`` {"reading", "z", "W2", "b2", "A2", "rank", "condition",
    "counterexample"?}: A2 = ReLU(z W2^T + b2) recomputed, its exact rank, and the 001-C1
    condition of the reading (literal, no_zero_lines, shared_k, criterion) as stated; with
    "counterexample": "sufficiency" (condition but rank < n) or "necessity" (rank n but no
    condition) the instance refutes that direction.
``a2_exhaustive``        {"reading", "directions", "n_max", "codes", "W2_values", "b2_values",
    "instances", "full_rank", "condition"}: every instance with n <= n_max codes (an
    increasing n-subset of ``codes``) and n columns (a non-decreasing n-tuple of the pairs
    (W2_j, b2_j) of W2_values x b2_values, in that product's order) is enumerated; A2, its
    rank and the reading's condition are recomputed; no instance refutes a listed direction,
    and the counts (instances, full rank, condition true) are as stated.
``motzkin``              {"A", "b", "y", "A_strict", "b_strict", "y_strict"}: y, y_strict >= 0,
    y A + y_strict A_strict = 0 and either y.b + y_strict.b_strict < 0, or y_strict != 0
    and y.b + y_strict.b_strict <= 0; proves {x : A x <= b, A_strict x < b_strict} empty.
``configuration``        {"network", "pattern", "box"? ([lo, hi] per coordinate, null = infinite),
    "point" | "y" | "at", "linear"?, "offset"?,
    "cone"?, "ray"?}: the kernel derives the open system int P(D) of the (prefix) activation
    pattern D (active iff u > 0, or u >= threshold; a neuron constant on the cell gives no
    row when its bit holds identically, else the row 0 < b with b <= 0); "point" satisfies it
    strictly (a full-dimensional region), or "y" is a Motzkin multiplier proving it empty, or
    the pattern of the point "at" is D (so the closed P(D) is non-empty).
    Optionally the configuration's affine map equals linear/offset, every row has b = 0
    (cone), and "ray" r has A r <= 0 with f not identically 0 on point + t r, t >= 0.
``configuration_cover``  {"network", "box"?, "regions": [{"pattern", "point"}],
    "empty": [{"pattern", "y"}]}: each entry holds as a ``configuration`` obligation, and
    every full pattern extends one of the empty prefixes or is one of the regions (so the
    regions are all full-dimensional activation regions of the domain).  With "measure": true
    (d <= 2, bounded box) the exact areas (lengths) of the regions' closures, clipped from the
    box, sum to that of the box and, for every layer prefix P of a region, to that of P's region:
    disjoint open sets of full measure cover the box, and each layer's regions tile the last's.

``update_formula``      {"A2", "U3", "Delta", "known_T", "plus_T", "U3_inv", "formula", "holds"}
    (001-F1): U3 U3_inv = I, A2 known_T = U3; with P = plus_T U3_inv and t = tr(Delta P) != -1,
    formula = (I - P Delta / (1 + t)) plus_T; A2 + Delta is invertible and formula is the new
    solution ((A2 + Delta) formula = U3) exactly when holds.

``sigmoid_mse_bound``   {"W", "b", "codes", "targets", "eps", "terms"}: the mean over all
    entries of (sigma(W_j z_i + b_j) - targets[i][j])^2, sigma(u) = 1/(1 + e^-u), targets 0/1,
    is < eps; each error is bounded above with e^x >= sum_{k<=terms} x^k/k! (x >= 0), or by 1.

``curve_error``         {"network", "vertices", "closed", "delta", "edges": [[t_0..t_r], ...],
    "bad": [[[lo, hi], ...], ...], "bad_length", "max_error"}: along edge k of the polygon,
    x(t) = V_k + t (V_{k+1} - V_k), no ReLU pre-activation changes strict sign between
    consecutive t_i (so the network, ReLU/identity only, is affine on each [t_i, t_{i+1}]);
    the max-norm error ||N(x(t)) - x(t)||_inf exceeds delta exactly on the listed open
    intervals of t (merged); their ell-inf length sums to bad_length; the maximum is max_error.
    Optional "within": [edge, lo, hi]: every bad interval lies in [lo, hi] of that edge.
``curve_pair``          {"network", "vertices", "closed", "p": [edge, t], "q": [edge, t], "code",
    "bound", "antipodal"?}: the two points of the polygon are distinct, the (encoder) network
    maps both to [code], and bound = ||p - q||_inf / 2 (a lower bound on every decoder's max
    error); with "antipodal": true, q = -p and the polygon is centrally symmetric.

Run as ``python -m proofs.kernel CERT.json``: exit 0 valid, 1 invalid, 2 unreadable.
"""

import json
import sys
from fractions import Fraction

FORMAT = "relu-proofcheck-certificate"


class Invalid(Exception):
    """An obligation does not hold (or is malformed)."""


def q(v):
    if isinstance(v, bool) or not isinstance(v, (int, str)):
        raise Invalid("number %r is not an integer or a \"p/q\" string" % (v,))
    try:
        return Fraction(v)
    except (ValueError, ZeroDivisionError):
        raise Invalid("number %r is not rational" % (v,))


def vec(v):
    if not isinstance(v, list):
        raise Invalid("expected a list of numbers")
    return [q(x) for x in v]


def mat(m):
    if not isinstance(m, list):
        raise Invalid("expected a list of rows")
    rows = [vec(r) for r in m]
    if any(len(r) != len(rows[0]) for r in rows):
        raise Invalid("matrix rows have different lengths")
    return rows


def run_network(net, x):
    """Evaluate a network given in the JSON network format on one input."""
    for layer in net["layers"]:
        w = mat(layer["weight"])
        b = vec(layer["bias"]) if layer.get("bias") is not None else [Fraction(0)] * len(w)
        if len(b) != len(w) or any(len(r) != len(x) for r in w):
            raise Invalid("network shapes do not fit")
        u = [sum((wij * xj for wij, xj in zip(row, x)), bi) for row, bi in zip(w, b)]
        act = layer.get("activation", "identity")
        if act == "relu":
            x = [max(v, Fraction(0)) for v in u]
        elif act == "hard_threshold":
            t = q(layer.get("threshold", 1))
            x = [Fraction(1) if v >= t else Fraction(0) for v in u]
        elif act == "identity":
            x = u
        else:
            raise Invalid("unknown activation %r" % (act,))
    return x


def check_step_reconstruction(ob):
    n, c = ob["n"], q(ob.get("amplitude", 1))
    if not isinstance(n, int) or n < 1:
        raise Invalid("n must be a positive integer")
    first = 0 if ob.get("include_zero", True) else 1
    failures = []
    for theta in range(first, n + 1):
        x = [c if j <= theta else Fraction(0) for j in range(1, n + 1)]
        if run_network(ob["network"], x) != x:
            failures.append(theta)
    if failures != ob["failures"]:
        raise Invalid("n=%d: reconstruction fails at theta %s, certificate says %s"
                      % (n, failures[:10], ob["failures"][:10]))


def check_network_outputs(ob):
    for k, case in enumerate(ob["cases"]):
        got = run_network(ob["network"], vec(case["input"]))
        if got != vec(case["output"]):
            raise Invalid("case %d: output %s differs from the certificate" % (k, [str(v) for v in got]))


def exact_rank(rows):
    rows = [list(r) for r in rows]
    rank, ncols = 0, len(rows[0]) if rows else 0
    for col in range(ncols):
        piv = next((i for i in range(rank, len(rows)) if rows[i][col] != 0), None)
        if piv is None:
            continue
        rows[rank], rows[piv] = rows[piv], rows[rank]
        for i in range(rank + 1, len(rows)):
            f = rows[i][col] / rows[rank][col]
            if f:
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[rank])]
        rank += 1
    return rank


def check_rank(ob):
    r = exact_rank(mat(ob["matrix"]))
    if r != ob["rank"]:
        raise Invalid("rank is %d, certificate says %s" % (r, ob["rank"]))


def matmul(a, b):
    if a and len(a[0]) != len(b):
        raise Invalid("matrix shapes do not fit")
    return [[sum((x * y for x, y in zip(row, col)), Fraction(0)) for col in zip(*b)] for row in a]


def check_matrix_product(ob):
    if matmul(mat(ob["A"]), mat(ob["B"])) != mat(ob["C"]):
        raise Invalid("A B differs from C")


def is_psd(m):
    n = len(m)
    if any(m[i][j] != m[j][i] for i in range(n) for j in range(n)):
        raise Invalid("matrix is not symmetric")
    m = [list(r) for r in m]
    for p in range(n):
        if m[p][p] < 0:
            return False
        if m[p][p] == 0:
            if any(m[p][j] != 0 for j in range(p + 1, n)):
                return False
            continue
        for i in range(p + 1, n):
            f = m[i][p] / m[p][p]
            m[i] = [a - f * b for a, b in zip(m[i], m[p])]
    return True


def check_psd(ob):
    if is_psd(mat(ob["matrix"])) != ob["psd"]:
        raise Invalid("positive semidefiniteness differs from the certificate")


def check_strict_point(ob):
    a, b, x = mat(ob["A"]), vec(ob["b"]), vec(ob["point"])
    for i, (row, bi) in enumerate(zip(a, b)):
        if not sum((r * v for r, v in zip(row, x)), Fraction(0)) < bi:
            raise Invalid("row %d: the point does not satisfy it strictly" % i)


def check_farkas(ob):
    a, b, y = mat(ob["A"]), vec(ob["b"]), vec(ob["y"])
    if len(y) != len(a) or any(v < 0 for v in y):
        raise Invalid("multipliers must be one non-negative number per row")
    if any(sum((yi * row[j] for yi, row in zip(y, a)), Fraction(0)) != 0 for j in range(len(a[0]))):
        raise Invalid("y A is not zero")
    yb = sum((yi * bi for yi, bi in zip(y, b)), Fraction(0))
    if ob.get("strict"):
        if not (any(y) and yb <= 0):
            raise Invalid("y is zero or y.b > 0")
    elif not yb < 0:
        raise Invalid("y.b is not negative")


def pattern_rows(net, pattern, box):
    """Rows (a, b) of a.x < b for int P(D), and the affine map of the last full layer."""
    layers = net["layers"]
    d = len(layers[0]["weight"][0])
    rows = []
    for i, (lo, hi) in enumerate(box or []):  # null: no bound on that side
        e = [Fraction(int(k == i)) for k in range(d)]
        rows += ([([-v for v in e], -q(lo))] if lo is not None else []) + ([(e, q(hi))] if hi is not None else [])
    m = [[Fraction(int(i == j)) for j in range(d)] for i in range(d)]
    c = [Fraction(0)] * d
    if not isinstance(pattern, list) or len(pattern) > len(layers):
        raise Invalid("pattern must be a list with at most one entry per layer")
    for k, (layer, bits) in enumerate(zip(layers, pattern)):
        w = mat(layer["weight"])
        bias = vec(layer["bias"]) if layer.get("bias") is not None else [Fraction(0)] * len(w)
        u = matmul(w, m)
        v = [sum((x * y for x, y in zip(row, c)), bi) for row, bi in zip(w, bias)]
        act = layer.get("activation", "identity")
        full = len(bits) == len(w)
        if act == "identity":
            if bits:
                raise Invalid("identity layer %d has a non-empty pattern" % k)
            m, c = u, v
            continue
        t = q(layer.get("threshold", 1)) if act == "hard_threshold" else Fraction(0)
        if len(bits) > len(w) or any(bit not in (0, 1) for bit in bits) or (not full and k + 1 < len(pattern)):
            raise Invalid("layer %d: bad pattern %r" % (k, bits))
        for j, bit in enumerate(bits):
            if not any(u[j]) and (v[j] >= t if act == "hard_threshold" else v[j] > 0) == bool(bit):
                continue
            rows.append(([-x for x in u[j]], v[j] - t) if bit else (list(u[j]), t - v[j]))
        if full and act == "relu":
            m = [u[j] if bits[j] else [Fraction(0)] * d for j in range(len(w))]
            c = [v[j] if bits[j] else Fraction(0) for j in range(len(w))]
        elif full:
            m, c = [[Fraction(0)] * d for _ in w], [Fraction(bit) for bit in bits]
    return rows, m, c


def check_configuration(ob):
    rows, m, c = pattern_rows(ob["network"], ob["pattern"], ob.get("box"))
    dot = lambda a, x: sum((ai * xi for ai, xi in zip(a, x)), Fraction(0))
    if "point" in ob:
        x = vec(ob["point"])
        for i, (a, b) in enumerate(rows):
            if not dot(a, x) < b:
                raise Invalid("row %d: the point does not satisfy it strictly" % i)
    elif "y" in ob:
        y = vec(ob["y"])
        if len(y) != len(rows) or any(v < 0 for v in y) or not any(y):
            raise Invalid("y must be non-negative, non-zero, one number per row (%d rows)" % len(rows))
        d = len(m[0]) if m else len(ob["network"]["layers"][0]["weight"][0])
        if any(sum((yi * a[j] for yi, (a, _) in zip(y, rows)), Fraction(0)) != 0 for j in range(d)):
            raise Invalid("y A is not zero")
        if sum((yi * b for yi, (_, b) in zip(y, rows)), Fraction(0)) > 0:
            raise Invalid("y.b is positive")
    elif "at" in ob:  # the (closed) P(D) contains this point: its exact pattern is D
        x = vec(ob["at"])
        for layer, bits in zip(ob["network"]["layers"], ob["pattern"]):
            w = mat(layer["weight"])
            b = vec(layer["bias"]) if layer.get("bias") is not None else [Fraction(0)] * len(w)
            u = [dot(row, x) + bi for row, bi in zip(w, b)]
            act = layer.get("activation", "identity")
            t = q(layer.get("threshold", 1)) if act == "hard_threshold" else Fraction(0)
            got = [] if act == "identity" else [int(v >= t if act == "hard_threshold" else v > t) for v in u]
            if got[:len(bits)] != list(bits):
                raise Invalid("the pattern at the point is %r, not %r" % (got, bits))
            x = run_network({"layers": [layer]}, x)
    else:
        raise Invalid("a configuration obligation needs a point, a multiplier y or a point 'at'")
    if "linear" in ob and (mat(ob["linear"]) != m or vec(ob["offset"]) != c):
        raise Invalid("the configuration's affine map differs from the certificate")
    if ob.get("cone") and any(b != 0 for _, b in rows):
        raise Invalid("a row has a non-zero right-hand side: not a cone")
    if "ray" in ob:
        r, x = vec(ob["ray"]), vec(ob["point"])
        if any(dot(a, r) > 0 for a, _ in rows) or not any(r):
            raise Invalid("the ray leaves the region")
        if all(dot(row, r) == 0 for row in m) and all(dot(row, x) + ci == 0 for row, ci in zip(m, c)):
            raise Invalid("f is identically 0 along the ray")


def check_configuration_cover(ob):
    net, box = ob["network"], ob.get("box")
    width = [0 if l.get("activation", "identity") == "identity" else len(l["weight"]) for l in net["layers"]]
    flat = lambda p: tuple(bit for bits in p for bit in bits)
    found, empty, alive = set(), set(), set()
    for r in ob["regions"]:
        check_configuration({"network": net, "box": box, "pattern": r["pattern"], "point": r["point"]})
        if [len(bits) for bits in r["pattern"]] != width:
            raise Invalid("region pattern %r is not a full pattern" % (r["pattern"],))
        s = flat(r["pattern"])
        found.add(s)
        alive.update(s[:k] for k in range(len(s) + 1))
    for e in ob["empty"]:
        check_configuration({"network": net, "box": box, "pattern": e["pattern"], "y": e["y"]})
        empty.add(flat(e["pattern"]))
    total, stack = sum(width), [()]
    while stack:
        s = stack.pop()
        if s in empty or (len(s) == total and s in found):
            continue
        if len(s) == total or s not in alive:
            raise Invalid("patterns starting with %r are neither regions nor proved empty" % (s,))
        stack += [s + (0,), s + (1,)]
    if ob.get("measure"):  # covering by measure: areas (d = 2) or lengths (d = 1) in the box
        d = len(net["layers"][0]["weight"][0])
        if d > 2 or not box or any(v is None for side in box for v in side):
            raise Invalid("a measure check needs d <= 2 and a bounded box")
        lo, hi = [q(side[0]) for side in box], [q(side[1]) for side in box]

        def measure(pattern):  # of the closure of int P(D) (clip the box by each row)
            poly = [(lo[0],)] if d == 1 else [(lo[0], lo[1]), (hi[0], lo[1]), (hi[0], hi[1]), (lo[0], hi[1])]
            left, right = lo[0], hi[0]
            for a, b in pattern_rows(net, pattern, box)[0]:
                if not any(a):
                    if b <= 0:
                        return Fraction(0)
                elif d == 1:
                    left, right = (max(left, b / a[0]), right) if a[0] < 0 else (left, min(right, b / a[0]))
                else:
                    s = [b - a[0] * x - a[1] * y for x, y in poly]
                    new = []
                    for k in range(len(poly)):
                        (p, sp), (r, sr) = (poly[k], s[k]), (poly[k - len(poly) + 1], s[k - len(poly) + 1])
                        if sp >= 0:
                            new.append(p)
                        if sp * sr < 0:
                            new.append((p[0] + sp / (sp - sr) * (r[0] - p[0]), p[1] + sp / (sp - sr) * (r[1] - p[1])))
                    poly = new
            if d == 1:
                return max(right - left, Fraction(0))
            return abs(sum((p[0] * r[1] - r[0] * p[1] for p, r in zip(poly, poly[1:] + poly[:1])), Fraction(0))) / 2

        kids = {}  # prefix (whole layers) -> summed measure of the regions extending it
        for r in ob["regions"]:
            m = measure(r["pattern"])
            for k in range(len(r["pattern"])):
                key = json.dumps(r["pattern"][:k])
                kids[key] = kids.get(key, Fraction(0)) + m
        for key, total_m in kids.items():
            parent = json.loads(key)
            if measure(parent) != total_m:
                raise Invalid("the regions extending %s have total measure %s, not that of its region"
                              % (key, total_m))


def check_sigmoid_mse_bound(ob):
    w, b, codes, eps = vec(ob["W"]), vec(ob["b"]), vec(ob["codes"]), q(ob["eps"])
    terms, targets = ob["terms"], ob["targets"]
    if not isinstance(terms, int) or terms < 1 or len(w) != len(b) or len(targets) != len(codes):
        raise Invalid("malformed sigmoid_mse_bound obligation")
    total, count = Fraction(0), 0
    for z, row in zip(codes, targets):
        if len(row) != len(w) or any(x not in (0, 1) for x in row):
            raise Invalid("targets must be rows of 0/1, one per neuron")
        for wj, bj, x in zip(w, b, row):
            t = (wj * z + bj) * (1 if x == 1 else -1)   # error = 1/(1 + e^t)
            err = Fraction(1)
            if t >= 0:
                term, lower = Fraction(1), Fraction(1)
                for k in range(1, terms + 1):
                    term = term * t / k
                    lower += term
                err = 1 / (1 + lower)
            total += err * err
            count += 1
    if not total / count < eps:
        raise Invalid("the certified MSE bound %s is not below eps = %s" % (float(total / count), eps))


def check_motzkin(ob):
    a, b, y = mat(ob["A"]), vec(ob["b"]), vec(ob["y"])
    a_s, b_s, y_s = mat(ob["A_strict"]), vec(ob["b_strict"]), vec(ob["y_strict"])
    if len(y) != len(a) or len(b) != len(a) or len(y_s) != len(a_s) or len(b_s) != len(a_s):
        raise Invalid("one multiplier and one bound per row are needed")
    if any(v < 0 for v in y + y_s):
        raise Invalid("multipliers must be non-negative")
    rows = list(zip(y, a)) + list(zip(y_s, a_s))
    if not rows:
        raise Invalid("no constraints")
    if any(len(r) != len(rows[0][1]) for _, r in rows):
        raise Invalid("constraint rows have different lengths")
    if any(sum((yi * r[j] for yi, r in rows), Fraction(0)) != 0 for j in range(len(rows[0][1]))):
        raise Invalid("y A + y_strict A_strict is not zero")
    yb = sum((yi * bi for yi, bi in zip(y + y_s, b + b_s)), Fraction(0))
    if not (yb < 0 or (any(y_s) and yb <= 0)):
        raise Invalid("neither y.b < 0 nor (y_strict != 0 and y.b <= 0)")


def check_curve_error(ob):
    net, delta, vs = ob["network"], q(ob["delta"]), [vec(v) for v in ob["vertices"]]
    m = len(vs)
    ne = m if ob.get("closed", True) else m - 1
    if any(len(v) != 2 for v in vs):
        raise Invalid("vertices must be points of the plane")
    if len(ob["edges"]) != ne or len(ob["bad"]) != ne:
        raise Invalid("expected %d edges" % ne)
    total, worst = Fraction(0), Fraction(0)
    for k in range(ne):
        p, d = vs[k], [b - a for a, b in zip(vs[k], vs[(k + 1) % m])]
        ts = vec(ob["edges"][k])
        if ts[0] != 0 or ts[-1] != 1 or any(a >= b for a, b in zip(ts, ts[1:])):
            raise Invalid("edge %d: breakpoints must rise from 0 to 1" % k)
        traces, errs = [], []
        for t in ts:
            x = [a + t * b for a, b in zip(p, d)]
            v, pre = x, []
            for layer in net["layers"]:
                w = mat(layer["weight"])
                b = vec(layer["bias"]) if layer.get("bias") is not None else [Fraction(0)] * len(w)
                u = [sum((wij * xj for wij, xj in zip(row, v)), bi) for row, bi in zip(w, b)]
                act = layer.get("activation", "identity")
                if act not in ("relu", "identity") or len(w) != len(b) or any(len(r) != len(v) for r in w):
                    raise Invalid("only relu/identity layers of fitting shapes")
                pre.append(u if act == "relu" else [])
                v = [max(e, Fraction(0)) for e in u] if act == "relu" else u
            if len(v) != len(x):
                raise Invalid("the network does not map the plane to the plane")
            traces.append(pre)
            errs.append([o - a for o, a in zip(v, x)])
        for i in range(len(ts) - 1):
            for ua, ub in zip(traces[i], traces[i + 1]):
                if any(a * b < 0 for a, b in zip(ua, ub)):
                    raise Invalid("edge %d: a ReLU changes sign inside (%s, %s)" % (k, ts[i], ts[i + 1]))
        worst = max([worst] + [max(abs(e) for e in err) for err in errs])

        def err_at(t):
            i = max(j for j in range(len(ts) - 1) if ts[j] <= t)
            lam = (t - ts[i]) / (ts[i + 1] - ts[i])
            return max(abs((1 - lam) * a + lam * b) for a, b in zip(errs[i], errs[i + 1]))
        ivs = []
        for i in range(len(ts) - 1):
            a, b = ts[i], ts[i + 1]
            for c in range(len(errs[i])):
                for s in (1, -1):
                    fa, fb = s * errs[i][c], s * errs[i + 1][c]
                    if fa > delta or fb > delta:
                        r = a + (delta - fa) * (b - a) / (fb - fa) if (fa <= delta or fb <= delta) else None
                        ivs.append([a if fa > delta else r, b if fb > delta else r])
        merged = []
        for lo, hi in sorted(ivs):
            if merged and (lo < merged[-1][1] or (lo == merged[-1][1] and err_at(lo) > delta)):
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        if merged != [vec(iv) for iv in ob["bad"][k]]:
            raise Invalid("edge %d: bad set is %s" % (k, [[str(a), str(b)] for a, b in merged]))
        if "within" in ob:
            edge, lo, hi = ob["within"][0], q(ob["within"][1]), q(ob["within"][2])
            if merged and (edge != k or merged[0][0] < lo or merged[-1][1] > hi):
                raise Invalid("edge %d: the bad set is not within edge %r, [%s, %s]" % (k, edge, lo, hi))
        total += sum((hi - lo for lo, hi in merged), Fraction(0)) * max(abs(e) for e in d)
    if total != q(ob["bad_length"]) or worst != q(ob["max_error"]):
        raise Invalid("bad length %s and max error %s differ from the certificate" % (total, worst))


def check_curve_pair(ob):
    vs, m = [vec(v) for v in ob["vertices"]], len(ob["vertices"])
    ne = m if ob.get("closed", True) else m - 1
    if any(len(v) != 2 for v in vs):
        raise Invalid("vertices must be points of the plane")
    pts = []
    for edge, t in (ob["p"], ob["q"]):
        t = q(t)
        if not (isinstance(edge, int) and not isinstance(edge, bool) and 0 <= edge < ne and 0 <= t <= 1):
            raise Invalid("point (%r, %s) is not on the polygon" % (edge, t))
        pts.append([a + t * (b - a) for a, b in zip(vs[edge], vs[(edge + 1) % m])])
    if pts[0] == pts[1]:
        raise Invalid("the two points coincide")
    if ob.get("antipodal", False) is not False:
        if not (ob["antipodal"] is True and pts[1] == [-a for a in pts[0]] and m % 2 == 0 and ne == m
                and all(vs[k + m // 2] == [-a for a in vs[k]] for k in range(m // 2))):
            raise Invalid("the points are not opposite points of a centrally symmetric closed polygon")
    for x in pts:
        if run_network(ob["network"], x) != [q(ob["code"])]:
            raise Invalid("the code of %s is not %s" % ([str(v) for v in x], ob["code"]))
    if q(ob["bound"]) != max(abs(a - b) for a, b in zip(*pts)) / 2:
        raise Invalid("bound is not ||p - q||_inf / 2")


def _c1_condition(reading, z, w, b, a):
    n = len(z)
    rows = [tuple(v == 0 for v in r) for r in a]
    cols = [tuple(r[j] == 0 for r in a) for j in range(n)]
    ks = [bj / wj if wj != 0 else None for wj, bj in zip(w, b)]

    def distinct(vals):
        vals = [v for v in vals if v is not None]
        return len(vals) == len(set(vals))

    few = max(rows.count(r) for r in rows) <= 2 and max(cols.count(c) for c in cols) <= 2
    no_zero = not any(all(r) for r in rows + cols)
    if reading == "literal":
        return few and distinct(ks)
    if reading == "no_zero_lines":
        return few and distinct(ks) and no_zero
    if reading == "shared_k":
        return few and no_zero and all(distinct(["inf" if k is None else k for k, c2 in zip(ks, cols) if c2 == c])
                                       for c in cols)
    if reading != "criterion":
        raise Invalid("unknown reading %r" % (reading,))
    if len(set(z)) != n:
        return False
    if n == 1:
        return a[0][0] != 0
    order = sorted(range(n), key=lambda i: z[i])
    zs, rs = [z[i] for i in order], [a[i] for i in order]
    ts, p = sorted({-bj / wj for wj, bj in zip(w, b) if wj != 0}), 0
    for m in range(1, n - 1):  # Schoenberg-Whitney: distinct t in (z[m-1], z[m+1]), increasing
        while p < len(ts) and ts[p] <= zs[m - 1]:
            p += 1
        if p == len(ts) or ts[p] >= zs[m + 1]:
            return False
        p += 1
    h = [[(rs[m + 1][j] - rs[m][j]) / (zs[m + 1] - zs[m]) - (rs[m][j] - rs[m - 1][j]) / (zs[m] - zs[m - 1])
          for j in range(n)] for m in range(1, n - 1)]
    if exact_rank(h) != n - 2:
        return False
    rr, piv = [list(r) for r in h], []  # reduced row echelon form of h, then its kernel
    for col in range(n):
        i = next((i for i in range(len(piv), len(rr)) if rr[i][col] != 0), None)
        if i is None:
            continue
        rr[len(piv)], rr[i] = rr[i], rr[len(piv)]
        top = rr[len(piv)] = [v / rr[len(piv)][col] for v in rr[len(piv)]]
        rr = [r if k == len(piv) else [x - r[col] * y for x, y in zip(r, top)] for k, r in enumerate(rr)]
        piv.append(col)
    free = [j for j in range(n) if j not in piv]
    basis = [[Fraction(1) if j == f else (-rr[piv.index(j)][f] if j in piv else Fraction(0)) for j in range(n)]
             for f in free]
    en = [[sum((x * y for x, y in zip(row, v)), Fraction(0)) for v in basis] for row in (rs[0], rs[-1])]
    return en[0][0] * en[1][1] - en[0][1] * en[1][0] != 0


def check_update_formula(ob):
    """001-F1: evaluate the slide's W3 update from A2, U3, Delta and the matrix used as W3^{+T}."""
    a, u, d, k, p, ui, f = (mat(ob[x]) for x in ("A2", "U3", "Delta", "known_T", "plus_T", "U3_inv", "formula"))
    n = len(a)
    if n < 1 or any(len(m) != n or any(len(r) != n for r in m) for m in (a, u, d, k, p, ui, f)):
        raise Invalid("A2, U3, Delta, known_T, plus_T, U3_inv, formula must all be n x n")
    eye = [[Fraction(int(i == j)) for j in range(n)] for i in range(n)]
    if matmul(u, ui) != eye:
        raise Invalid("U3_inv is not the inverse of U3")
    if matmul(a, k) != u:
        raise Invalid("known_T is not a solution: A2 known_T != U3")
    pu = matmul(p, ui)
    t = sum(matmul(d, pu)[i][i] for i in range(n))
    if 1 + t == 0:
        raise Invalid("1 + trace(Delta W3^{+T} U3^{-1}) = 0: the formula is undefined")
    pd = matmul(pu, d)
    if matmul([[eye[i][j] - pd[i][j] / (1 + t) for j in range(n)] for i in range(n)], p) != f:
        raise Invalid("the formula evaluates to a different matrix")
    new = [[a[i][j] + d[i][j] for j in range(n)] for i in range(n)]
    if exact_rank(new) != n:
        raise Invalid("A2 + Delta is singular: there is no unique new W3")
    if (matmul(new, f) == u) != ob["holds"]:
        raise Invalid("(A2 + Delta) formula = U3 is %s, certificate says %s" % (not ob["holds"], ob["holds"]))


def check_a2_conjecture_instance(ob):
    z, w, b, a = vec(ob["z"]), vec(ob["W2"]), vec(ob["b2"]), mat(ob["A2"])
    n = len(z)
    if n < 1 or len(w) != n or len(b) != n:
        raise Invalid("need n >= 1 codes and n neurons")
    if a != [[max(wj * zi + bj, Fraction(0)) for wj, bj in zip(w, b)] for zi in z]:
        raise Invalid("A2 differs from ReLU(z W2^T + b2)")
    r = exact_rank(a)
    if r != ob["rank"]:
        raise Invalid("rank is %d, certificate says %s" % (r, ob["rank"]))
    cond = _c1_condition(ob["reading"], z, w, b, a)
    if cond != ob["condition"]:
        raise Invalid("the %s condition is %s, certificate says %s" % (ob["reading"], cond, ob["condition"]))
    kind = ob.get("counterexample")
    if kind == "sufficiency" and not (cond and r < n):
        raise Invalid("not a counterexample to sufficiency (condition %s, rank %d of %d)" % (cond, r, n))
    if kind == "necessity" and not (r == n and not cond):
        raise Invalid("not a counterexample to necessity (condition %s, rank %d of %d)" % (cond, r, n))
    if kind not in (None, "sufficiency", "necessity"):
        raise Invalid("counterexample must be sufficiency or necessity")


def check_a2_exhaustive(ob):
    def tuples(items, n, start, step):  # n-tuples of items with indices increasing by >= step
        if n == 0:
            yield []
            return
        for i in range(start, len(items)):
            for rest in tuples(items, n - 1, i + step, step):
                yield [items[i]] + rest

    codes, cols = sorted(set(vec(ob["codes"]))), [(w, b) for w in vec(ob["W2_values"]) for b in vec(ob["b2_values"])]
    dirs, count = ob["directions"], {"instances": 0, "full_rank": 0, "condition": 0}
    if not dirs or any(d not in ("sufficiency", "necessity") for d in dirs):
        raise Invalid("directions must be a non-empty list of sufficiency, necessity")
    for n in range(1, ob["n_max"] + 1):
        for z in tuples(codes, n, 0, 1):
            for cs in tuples(cols, n, 0, 0):
                w, b = [c[0] for c in cs], [c[1] for c in cs]
                a = [[max(wj * zi + bj, Fraction(0)) for wj, bj in zip(w, b)] for zi in z]
                full, cond = exact_rank(a) == n, _c1_condition(ob["reading"], list(z), w, b, a)
                if ("sufficiency" in dirs and cond and not full) or ("necessity" in dirs and full and not cond):
                    raise Invalid("z=%s W2=%s b2=%s refutes %s" % ([str(v) for v in z], [str(v) for v in w],
                                                                   [str(v) for v in b], ob["reading"]))
                count["instances"] += 1
                count["full_rank"] += full
                count["condition"] += cond
    for key, val in count.items():
        if ob[key] != val:
            raise Invalid("%s is %d, certificate says %s" % (key, val, ob[key]))


CHECKS = {
    "curve_error": check_curve_error,
    "curve_pair": check_curve_pair,
    "motzkin": check_motzkin,
    "step_reconstruction": check_step_reconstruction,
    "network_outputs": check_network_outputs,
    "rank": check_rank,
    "matrix_product": check_matrix_product,
    "psd": check_psd,
    "strict_point": check_strict_point,
    "farkas": check_farkas,
    "a2_conjecture_instance": check_a2_conjecture_instance,
    "update_formula": check_update_formula,
    "a2_exhaustive": check_a2_exhaustive,
    "sigmoid_mse_bound": check_sigmoid_mse_bound,
    "configuration": check_configuration,
    "configuration_cover": check_configuration_cover,
}


def recheck(cert):
    """Return (valid, messages): one message per failing obligation."""
    if not isinstance(cert, dict) or cert.get("format") != FORMAT:
        return False, ["not a relu-proofcheck certificate"]
    obligations = cert.get("obligations")
    if not isinstance(obligations, list) or not obligations:
        return False, ["certificate has no obligations"]
    messages = []
    for k, ob in enumerate(obligations):
        name = ob.get("check") if isinstance(ob, dict) else None
        if name not in CHECKS:
            messages.append("obligation %d: unknown check %r" % (k, name))
            continue
        try:
            CHECKS[name](ob)
        except Invalid as e:
            messages.append("obligation %d (%s): %s" % (k, name, e))
        except (KeyError, TypeError, ValueError, IndexError, ZeroDivisionError) as e:
            messages.append("obligation %d (%s): malformed: %s: %s" % (k, name, type(e).__name__, e))
    return not messages, messages


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m proofs.kernel CERT.json", file=sys.stderr)
        return 2
    try:
        with open(args[0], encoding="utf-8") as fh:
            cert = json.load(fh)
    except (OSError, ValueError) as e:
        print("%s: cannot read certificate: %s" % (args[0], e), file=sys.stderr)
        return 2
    ok, messages = recheck(cert)
    for m in messages:
        print(m)
    print("%s: %s" % (args[0], "valid" if ok else "INVALID"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
