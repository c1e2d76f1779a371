"""exact.regions.json_layout: the layout of the regions' JSON documents, against an independent
reference (json.dumps(indent=1) with its one-item-per-line lists of scalars joined on one line)."""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from exact.regions import json_layout

# strings without brackets or braces, so that the reference's regular expression can tell a
# list of scalars from a list holding lists or objects
_text = st.text(st.characters(blacklist_characters="[]{}", blacklist_categories=("Cs",)), max_size=6)
_scalars = st.none() | st.booleans() | st.integers(-10**6, 10**6) | _text | st.floats(allow_nan=False, allow_infinity=False)
_docs = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
                     max_leaves=25)

# a list as json.dumps(indent=1) writes it whose items are all scalars: no bracket or brace inside
_SCALAR_LIST = re.compile(r"\[\n *((?:[^\[\]{}\n]*,\n *)*[^\[\]{}\n]*)\n *\]")


def _reference(obj) -> str:
    text = json.dumps(obj, indent=1)
    return _SCALAR_LIST.sub(lambda m: "[" + re.sub(r",\n *", ", ", m.group(1)) + "]", text)


@given(_docs)
def test_the_layout_is_json_dumps_with_lists_of_scalars_on_one_line(doc):
    text = json_layout(doc)
    assert text == _reference(doc)
    assert json.loads(text) == doc


@given(_docs)
def test_a_deeper_start_indents_every_later_line(doc):
    plain, deep = json_layout(doc).split("\n"), json_layout(doc, 2).split("\n")
    assert deep == plain[:1] + ["  " + line for line in plain[1:]]


def test_the_layout_by_hand():
    doc = {"pattern": [[1, 0, 1], [], [0]], "interior_point": ["-6141/455", "87/2"],
           "inequalities": [{"a": ["-3/4", "1/2"], "b": "-1/4", "label": ["neuron", 0, 3, 1]}],
           "empty": {}, "none": [], "one": [None], "tuple": (True, 2.5)}
    assert json_layout(doc) == (
        '{\n'
        ' "pattern": [\n'
        '  [1, 0, 1],\n'
        '  [],\n'
        '  [0]\n'
        ' ],\n'
        ' "interior_point": ["-6141/455", "87/2"],\n'
        ' "inequalities": [\n'
        '  {\n'
        '   "a": ["-3/4", "1/2"],\n'
        '   "b": "-1/4",\n'
        '   "label": ["neuron", 0, 3, 1]\n'
        '  }\n'
        ' ],\n'
        ' "empty": {},\n'
        ' "none": [],\n'
        ' "one": [null],\n'
        ' "tuple": [true, 2.5]\n'
        '}')
    assert json_layout([]) == "[]" and json_layout({}) == "{}" and json_layout("a\"b") == '"a\\"b"'
    assert json_layout(["é"]) == '["\\u00e9"]'  # ASCII, as json.dumps writes it


def test_without_lists_of_scalars_it_is_json_dumps():
    """The negative control of the reference: where no list holds only scalars the layout is
    json.dumps(indent=1) itself, and where one does the two differ."""
    doc = {"a": {"b": 1, "c": [[], {"d": None}]}, "e": "x"}
    assert json_layout(doc) == json.dumps(doc, indent=1)
    assert json_layout({"a": [1, 2]}) != json.dumps({"a": [1, 2]}, indent=1)
