"""The re-check's one-line answers, to the character.

A valid certificate's line names the claim, variant, status, the scalar scope parameters (each
value cut at 40 characters, the list at 200) and the statement; an invalid one gives the
first failing check (cut at 300 characters), "nested too deeply", or "malformed: TYPE: ...".
Scripts and the report read these lines, so their form is tested exactly.
"""

import pytest

from proofs.kernel import recheck
from proofs.kernel.framework import FORMAT, SPECS, VERSION, spec


def _cert(claim, variant=None, status="verified", scope=None, evidence=None):
    return {"format": FORMAT, "version": VERSION, "claim": claim, "variant": variant, "status": status,
            "scope": scope or {}, "evidence": evidence or {}}


@pytest.fixture
def reads_everything():
    """A test specification that reads every scope key and accepts."""
    def everything(c):
        """Every scope is fine.

        (this second paragraph is not part of the statement)
        """
        for key in list(c.scope._obj):
            c.scope.raw(key)

    spec("TEST-lines", "v", statuses=("verified",))(everything)
    spec("TEST-lines", statuses=("verified",))(everything)
    yield
    SPECS.pop(("TEST-lines", "v"), None)
    SPECS.pop(("TEST-lines", None), None)


def test_valid_line_with_a_variant_and_no_scalar_scope(reads_everything):
    assert recheck(_cert("TEST-lines", "v")) == (True, "TEST-lines [v] verified: Every scope is fine.")
    # lists, objects and booleans are not listed: the parentheses are left out when nothing is
    assert recheck(_cert("TEST-lines", scope={"flag": True, "xs": [1, 2], "o": {}})) == (
        True, "TEST-lines verified: Every scope is fine.")


def test_valid_line_lists_scalars_sorted_and_cut(reads_everything):
    long = "x" * 45
    ok, line = recheck(_cert("TEST-lines", scope={"b": 2, "a": long, "flag": False}))
    assert ok and line == "TEST-lines verified (a=%s, b=2): Every scope is fine." % ("x" * 40)
    many = {"k%02d" % i: "y" * 40 for i in range(8)}   # 8 * 45 characters > 200
    ok, line = recheck(_cert("TEST-lines", scope=many))
    params = ", ".join("k%02d=%s" % (i, "y" * 40) for i in range(8))
    assert ok and line == "TEST-lines verified (%s): Every scope is fine." % params[:200]


def test_invalid_line_is_cut_at_300_characters():
    def long_reason(c):
        """Always wrong."""
        c.require(False, "r" * 400)

    spec("TEST-long", statuses=("verified",))(long_reason)
    try:
        assert recheck(_cert("TEST-long")) == (False, "r" * 300)
    finally:
        SPECS.pop(("TEST-long", None), None)


def test_a_crashing_check_is_reported_as_malformed():
    def crashes(c):
        """Divides by zero."""
        return {}["k" * 250]

    spec("TEST-crash", statuses=("verified",))(crashes)
    try:
        assert recheck(_cert("TEST-crash")) == (False, "malformed: KeyError: '%s" % ("k" * 199))
    finally:
        SPECS.pop(("TEST-crash", None), None)


def test_nested_too_deeply_is_named():
    def deep(c):
        """Recurses."""
        def down(k):
            return down(k + 1)
        down(0)

    spec("TEST-deep-line", statuses=("verified",))(deep)
    try:
        assert recheck(_cert("TEST-deep-line")) == (False, "nested too deeply")
    finally:
        SPECS.pop(("TEST-deep-line", None), None)


def test_a_specification_without_docstring_states_nothing():
    def bare(c):
        pass

    spec("TEST-bare", statuses=("verified",))(bare)
    try:
        assert SPECS[("TEST-bare", None)][2] == ""
        assert recheck(_cert("TEST-bare")) == (True, "TEST-bare verified: ")
    finally:
        SPECS.pop(("TEST-bare", None), None)


def test_strs_writes_exact_numbers_as_the_certificates_do():
    """K.strs turns numbers (nested in lists) into the strings certificates carry; 003-Co4 feeds
    them back to the region reader, so their form matters beyond messages."""
    from fractions import Fraction

    from proofs.kernel import core as K

    assert K.strs([Fraction(1, 2), [Fraction(-3), 4]]) == ["1/2", ["-3", "4"]]
    assert K.strs(Fraction(7, 3)) == "7/3" and K.strs([]) == []
