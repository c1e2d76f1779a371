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


CHECKS = {
    "step_reconstruction": check_step_reconstruction,
    "network_outputs": check_network_outputs,
    "rank": check_rank,
    "matrix_product": check_matrix_product,
    "psd": check_psd,
    "strict_point": check_strict_point,
    "farkas": check_farkas,
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
