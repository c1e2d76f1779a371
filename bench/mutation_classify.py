"""Sort the mutants that survived a mutmut run into "message only" and "to examine".

Run in mutmut's work folder (``bench/mutation.sh`` does it):
``python bench/mutation_classify.py mutmut-results.txt OUT.md``.

A kernel rejects a certificate by raising ``Invalid(message)``, through ``c.require(condition,
message)``, or through a reader whose ``where`` argument names the place in the certificate
for the message (``K.q(v, where)``, ``K.vec(v, where, n)``, ``Fields(obj, where)``, ...).
A *message slot* is one of those arguments.  A surviving mutant is classified **message
only** when every node in which its function's syntax tree differs from the original lies
inside a message slot.  Such a mutant cannot change a decision:

* the message is built eagerly, before the call, on honest certificates too, so a mutant
  that makes building it fail (a ``TypeError`` from a mutated ``%``, an operand replaced by
  ``None``) raises on the honest certificates and is killed by the tests that accept them;
* a message that is built is only ever the text of the exception: ``require`` tests the
  condition alone, and the ``where`` parameters of the readers are used for nothing but
  messages (``tests/kernel/test_message_slots.py`` checks that on the source).

An argument step's fact (``Step(id, fact, checker)``) is such a slot too: the re-check compares
a certificate's argument by step ids and checkers only, and the fact is text for readers (the
report prints it).  The same holds for a mutant inside a *message builder*, a function whose every call lies in a
message slot or in another builder (``Fields._at``, ``strs``, ...; found from the call sites).

So such a survivor changes only the wording of a rejection reason (the certificate is
rejected or accepted exactly as before).  Every other survivor is listed under "to
examine": killed by a new test, or argued equivalent in ``docs/kernel-mutation.md``.
"""

from __future__ import annotations

import ast
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

#: call name -> index of the message argument (and the keyword that may pass it)
MESSAGE_SLOTS = {
    "require": (1, "message"),
    "Invalid": (0, None),
    "Malformed": (0, None),
    "RuntimeError": (0, None),
    "Step": (1, "fact"),        # an argument step's fact: text for readers, never compared
    "q": (1, "where"),
    "nat": (1, "where"),
    "vec": (1, "where"),
    "mat": (1, "where"),
    "network": (1, "where"),
    "Fields": (1, "where"),
    "_pattern": (1, "where"),
}


def _call_name(node: ast.Call) -> str | None:
    f = node.func
    if isinstance(f, ast.Name):
        return f.id
    if isinstance(f, ast.Attribute):
        return f.attr
    return None


def _message_args(node: ast.AST) -> list[ast.AST]:
    """The arguments of ``node`` (a call) that are message slots."""
    if not isinstance(node, ast.Call):
        return []
    slot = MESSAGE_SLOTS.get(_call_name(node) or "")
    if slot is None:
        return []
    index, keyword = slot
    out = [node.args[index]] if len(node.args) > index else []
    out += [k.value for k in node.keywords if keyword is not None and k.arg == keyword]
    return out


def _differences(a: ast.AST, b: ast.AST, path: tuple, out: list) -> None:
    """Append to ``out`` the path (a tuple of the nodes of ``a`` from the root) of every minimal difference."""
    if type(a) is not type(b):
        out.append(path + (a,))
        return
    if not isinstance(a, ast.AST):
        if a != b:
            out.append(path)
        return
    for field in a._fields:
        x, y = getattr(a, field, None), getattr(b, field, None)
        if isinstance(x, list) and isinstance(y, list):
            if len(x) != len(y):
                dropped = _dropped_slot(a, field, x, y)
                out.append(path + ((a, dropped) if dropped is not None else (a,)))
                continue
            for u, v in zip(x, y):
                if isinstance(u, ast.AST) or isinstance(v, ast.AST):
                    _differences(u, v, path + (a,), out)
                elif u != v:
                    out.append(path + (a,))
        elif isinstance(x, ast.AST) or isinstance(y, ast.AST):
            _differences(x, y, path + (a,), out)
        elif x != y:
            out.append(path + (a,))


def _dropped_slot(call: ast.AST, field: str, x: list, y: list) -> ast.AST | None:
    """The message argument of ``call`` if the mutant only dropped it (``vec(v, where, n)`` -> ``vec(v, n)``
    is not that; ``q(v, where)`` -> ``q(v)`` is: the reader then names the default place)."""
    if field != "args" or not isinstance(call, ast.Call) or len(x) != len(y) + 1:
        return None
    slots = _message_args(call)
    for k, arg in enumerate(x):
        if any(arg is s for s in slots) and k == len(x) - 1 and \
                [ast.dump(u) for u in x[:k]] == [ast.dump(v) for v in y]:
            return arg
    return None


def _where_default(path: tuple) -> bool:
    """Is the difference inside the default value of a parameter named ``where`` (a place name)?"""
    for k, node in enumerate(path[:-1]):
        if isinstance(node, ast.arguments):
            params = node.args[len(node.args) - len(node.defaults):]
            for param, default in zip(params, node.defaults):
                if path[k + 1] is default and param.arg == "where":
                    return True
    return False


def _in_message_slot(path: tuple) -> bool:
    if _where_default(path):
        return True
    for k, node in enumerate(path):
        for arg in _message_args(node):
            if any(p is arg for p in path[k + 1:]):
                return True
    return False


def _inside(node: ast.AST, parents: dict, test) -> bool:
    """Does ``node`` or one of its ancestors pass ``test``?"""
    if test(node):
        return True
    while node in parents:
        node = parents[node]
        if test(node):
            return True
    return False


def message_builders(files) -> set[str]:
    """Functions whose every call in the kernel lies in a message slot (or in a builder, itself included).

    Their bodies only format text for messages (``Fields._at``, ``strs``, ...), so a mutant of
    their body changes nothing but a message.  Found as a fixpoint over the call sites.
    """
    trees = [ast.parse(Path(f).read_text()) for f in files]
    parents = {child: node for tree in trees for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    defined = {node.name for tree in trees for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    calls = [node for tree in trees for node in ast.walk(tree) if isinstance(node, ast.Call)]
    slots = {id(a) for tree in trees for node in ast.walk(tree) for a in _message_args(node)}
    builders: set[str] = set()
    while True:
        found = set()
        for name in defined - builders:
            sites = [c for c in calls if _call_name(c) == name]
            if sites and all(_inside(c, parents, lambda n: id(n) in slots)
                             or _inside(c, parents, lambda n: isinstance(n, ast.FunctionDef) and n.name in builders | {name})
                             for c in sites):
                found.add(name)
        if not found:
            return builders
        builders |= found


def classify(orig: ast.FunctionDef, mutant: ast.FunctionDef, builders: set[str] = frozenset()) -> str:
    mutant = ast.parse(ast.unparse(mutant)).body[0]
    orig = ast.parse(ast.unparse(orig)).body[0]
    mutant.name = orig.name
    diffs: list = []
    _differences(orig, mutant, (), diffs)
    if not diffs:
        return "identical"
    if orig.name.rsplit("__mutmut_", 1)[0].split("ǁ")[-1].removeprefix("x_") in builders:
        return "message only"
    return "message only" if all(_in_message_slot(p) for p in diffs) else "to examine"


def _functions(path: Path) -> dict[str, ast.FunctionDef]:
    out = {}
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.FunctionDef):
            out[node.name] = node
    return out


def main(results: str, report: str) -> None:
    rows = [re.match(r"\s*([\w.ǁ]+__mutmut_\d+): (.+)", line) for line in Path(results).read_text().splitlines()]
    status = {m.group(1): m.group(2) for m in rows if m}
    survivors = [n for n, s in status.items() if s not in ("killed", "timeout", "not checked")]
    cache: dict[str, dict] = {}
    builders = message_builders(sorted(Path("proofs/kernel").rglob("*.py"))) if Path("proofs/kernel").is_dir() else set()
    by_class: dict[str, list] = defaultdict(list)
    for name in survivors:
        module, func = name.rsplit(".", 1)
        if module not in cache:
            cache[module] = _functions(Path("mutants") / (module.replace(".", "/") + ".py"))
        funcs = cache[module]
        base = func.rsplit("__mutmut_", 1)[0]
        short = base.split("ǁ")[-1]
        orig = funcs.get(base + "__mutmut_orig") or funcs.get(short + "__mutmut_orig")
        mut = funcs.get(func.split("ǁ")[-1]) or funcs.get(func)
        kind = classify(orig, mut, builders) if orig is not None and mut is not None else "to examine"
        by_class[kind].append(name)
    kind_of = {n: k for k, names in by_class.items() for n in names}
    table = ["| module | mutants | killed | message only | to examine | not checked |", "|---|---|---|---|---|---|"]
    for module in sorted({n.rsplit(".", 1)[0] for n in status}):
        mine = [n for n in status if n.rsplit(".", 1)[0] == module]
        count = Counter("killed" if status[n] in ("killed", "timeout") else "not checked" if status[n] == "not checked"
                        else kind_of[n] for n in mine)
        tested = len(mine) - count["not checked"]
        table.append("| `%s` | %d | %d | %d | %d | %d |" % (module, tested, count["killed"], count["message only"],
                                                         count["to examine"] + count["identical"], count["not checked"]))
    lines = ["# Surviving mutants, classified", ""] + table + ["",
             "Message builders (bodies only format messages): %s" % ", ".join(sorted(builders)), ""]
    for kind in ("to examine", "identical", "message only"):
        names = by_class.get(kind, [])
        lines.append("## %s (%d)" % (kind, len(names)))
        lines.append("")
        if kind == "message only":
            per = Counter(n.rsplit("__mutmut_", 1)[0] for n in names)
            lines += ["- `%s`: %d" % (f, c) for f, c in sorted(per.items())]
        else:
            lines += ["- `%s`" % n for n in names]
        lines.append("")
    Path(report).write_text("\n".join(lines))
    print("survivors: %d; message only: %d; identical: %d; to examine: %d" % (
        len(survivors), len(by_class["message only"]), len(by_class["identical"]), len(by_class["to examine"])))


if __name__ == "__main__":
    main(*sys.argv[1:3])
