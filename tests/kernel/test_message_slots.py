"""The kernel's messages decide nothing: the premise of bench/mutation_classify.py.

A mutant that changes only a *message slot* (the message of ``require``/``Invalid``, the
``where`` argument that names a place for the readers' messages) is classified "message
only" by the mutation script.  That is sound only if message slots have no effect but the
text of an exception.  These tests check it on the kernel's source:

* every call inside a message slot is to a pure formatting function;
* the place names (a ``where`` parameter, a ``.where`` attribute, ``Fields._at``) are read
  only inside message slots, so a mutated place name can change nothing else.
"""

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from mutation_classify import _call_name, _message_args, classify, message_builders  # noqa: E402

KERNEL_FILES = sorted((ROOT / "proofs" / "kernel").rglob("*.py"))
PURE = {"len", "str", "repr", "join", "strs", "list", "type", "items", "map", "get", "lstrip", "_at",
        "_instance_text", "sorted", "min", "max", "abs", "tuple", "set"}


def _parents(tree):
    out = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            out[child] = node
    return out


def _inside_slot(node, parents):
    while node in parents:
        parent = parents[node]
        if any(node is arg for arg in _message_args(parent)):
            return True
        node = parent
    return False


@pytest.mark.parametrize("path", KERNEL_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_message_slots_call_only_pure_functions(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        for arg in _message_args(node):
            for sub in ast.walk(arg):
                if isinstance(sub, ast.Call):
                    assert _call_name(sub) in PURE, (path.name, sub.lineno, ast.unparse(sub))


def _reads(node, names):
    """Does ``node`` load a place name (a variable or an attribute of that name)?"""
    return (isinstance(node, ast.Name) and node.id in names and isinstance(node.ctx, ast.Load)) or (
        isinstance(node, ast.Attribute) and node.attr == "where" and isinstance(node.ctx, ast.Load))


def _place_assignments(tree, names, parents):
    """Assignments ``T = <expression reading a place name>``: T becomes a place name too.

    Returns the value expressions so defined (their reads are allowed) and the grown set of names.
    """
    allowed, grown = [], set(names)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target, value = node.targets[0], node.value
        pairs = (list(zip(target.elts, value.elts)) if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple)
                 and len(target.elts) == len(value.elts) else [(target, value)])
        for t, v in pairs:
            if any(_reads(sub, grown) and not _inside_slot(sub, parents) for sub in ast.walk(v)):
                allowed.append(v)
                grown.add(t.id if isinstance(t, ast.Name) else t.attr if isinstance(t, ast.Attribute) else "?")
    return allowed, grown


def _place_name_violations(tree):
    """Reads of a place name outside message slots (that do not just define another place name).

    Place names: the readers' ``where`` parameters, ``Fields.where``, ``Fields._at`` and
    ``_instance_text`` (bodies that only format), and every variable assigned from a place name
    (``at = "%s.layers[%d]" % (where, k)``), whose reads obey the same rule.
    """
    parents = _parents(tree)
    names = {"where"}
    while True:
        allowed, grown = _place_assignments(tree, names, parents)
        if grown == names:
            break
        names = grown
    bad = ["assignment to %s" % n for n in names if n == "?"]
    builders = {"_at", "_instance_text"}
    for node in ast.walk(tree):
        is_builder_call = isinstance(node, ast.Call) and _call_name(node) in builders
        if not (_reads(node, names) or is_builder_call):
            continue
        up, ok = node, any(node is v for v in allowed)
        while up in parents and not ok:
            up = parents[up]
            ok = (isinstance(up, ast.FunctionDef) and up.name in builders) or any(up is v for v in allowed)
        if not (ok or _inside_slot(node, parents)):
            bad.append("line %d: %s" % (node.lineno, ast.unparse(parents.get(node, node))))
    return bad


@pytest.mark.parametrize("path", KERNEL_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_place_names_are_read_only_in_message_slots(path):
    assert _place_name_violations(ast.parse(path.read_text())) == []


def test_a_place_name_that_decides_is_caught():
    """Negative controls: a place name used in a decision, directly or through a local."""
    direct = "def q(v, where):\n    if where == 'scope.n':\n        return 1\n    raise Invalid('%s: bad' % where)\n"
    via_local = "def vec(v, where):\n    at = where + '.x'\n    return len(at)\n"
    fine = "def vec(v, where):\n    at = where + '.x'\n    return q(v, at)\n"
    assert _place_name_violations(ast.parse(direct))
    assert _place_name_violations(ast.parse(via_local))
    assert _place_name_violations(ast.parse(fine)) == []


def test_an_impure_call_in_a_message_is_caught():
    tree = ast.parse("def f(c, s):\n    c.require(True, 'read %s' % s.int('n'))\n")
    calls = [_call_name(sub) for n in ast.walk(tree) for a in _message_args(n) for sub in ast.walk(a)
             if isinstance(sub, ast.Call)]
    assert calls == ["int"] and "int" not in PURE


def _fn(src):
    return ast.parse(src).body[0]


def test_classifier_separates_messages_from_decisions():
    orig = _fn("def f(c, x):\n    c.require(x > 0, 'x=%d is not positive' % x)\n    return K.vec(x, 'scope.x', 3)\n")
    assert classify(orig, _fn("def f(c, x):\n    c.require(x > 0, 'XXx=%d is not positiveXX' % x)\n"
                               "    return K.vec(x, 'scope.x', 3)\n")) == "message only"
    assert classify(orig, _fn("def f(c, x):\n    c.require(x > 0, None)\n    return K.vec(x, 'XXscope.xXX', 3)\n")) \
        == "message only"
    assert classify(orig, _fn("def f(c, x):\n    c.require(x >= 0, 'x=%d is not positive' % x)\n"
                               "    return K.vec(x, 'scope.x', 3)\n")) == "to examine"
    assert classify(orig, _fn("def f(c, x):\n    c.require(x > 0, 'x=%d is not positive' % x)\n"
                               "    return K.vec(x, 'scope.x', 4)\n")) == "to examine"
    assert classify(orig, orig) == "identical"
    step = _fn("def f(c):\n    c.argument([Step('sum', 'the sum is C theta', 'kernel')])\n")
    assert classify(step, _fn("def f(c):\n    c.argument([Step('sum', 'XXthe sum is C thetaXX', 'kernel')])\n")) \
        == "message only"                                        # the fact is never compared
    assert classify(step, _fn("def f(c):\n    c.argument([Step('XXsumXX', 'the sum is C theta', 'kernel')])\n")) \
        == "to examine"                                          # the step's id is
    # a dropped place name (the reader's default names the place) and a changed default place name
    assert classify(orig, _fn("def f(c, x):\n    c.require(x > 0, 'x=%d is not positive' % x)\n"
                               "    return K.vec(x, )\n")) == "to examine"      # n dropped too: a decision
    orig2 = _fn("def q(v, where='number'):\n    return K.q(v, where + '.x')\n")
    assert classify(orig2, _fn("def q(v, where='XXnumberXX'):\n    return K.q(v, where + '.x')\n")) == "message only"
    assert classify(orig2, _fn("def q(v, where='number'):\n    return K.q(v, )\n")) == "message only"
    assert classify(orig2, _fn("def q(v, where='number'):\n    return K.q(None, where + '.x')\n")) == "to examine"


def test_kernel_functions_are_not_decorated():
    """mutmut leaves decorated functions unmutated: the kernel registers specifications by a call."""
    decorated = [(p.name, node.name) for p in KERNEL_FILES for node in ast.walk(ast.parse(p.read_text()))
                 if isinstance(node, ast.FunctionDef) and node.decorator_list
                 and not all(isinstance(d, ast.Name) and d.id in ("staticmethod", "classmethod")
                             for d in node.decorator_list)]
    assert decorated == []


def test_message_builders_have_unique_names():
    """Builders are found by the names at their call sites: each must be defined once in the kernel."""
    defined = [node.name for p in KERNEL_FILES for node in ast.walk(ast.parse(p.read_text()))
               if isinstance(node, ast.FunctionDef)]
    for name in message_builders(KERNEL_FILES):
        assert defined.count(name) == 1, name


def test_message_builders_are_found_from_their_call_sites(tmp_path):
    builders = message_builders(KERNEL_FILES)
    assert {"_at", "_instance_text"} <= builders  # strs is also used in a decision (003-Co4 cones)
    assert not builders & {"dot", "rank", "run", "q", "vec", "network", "require", "recheck"}
    decides = tmp_path / "k.py"
    decides.write_text("def name(x):\n    return str(x)\n\n\ndef f(c, x):\n"
                       "    c.require(x > 0, 'bad %s' % name(x))\n    return name(x) == '1'\n")
    assert "name" not in message_builders([decides])          # negative control: also used in a decision
    decides.write_text("def name(x):\n    return str(x)\n\n\ndef f(c, x):\n    c.require(x > 0, 'bad %s' % name(x))\n")
    assert "name" in message_builders([decides])
