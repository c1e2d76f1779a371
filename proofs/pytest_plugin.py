"""pytest plugin ``relu_proofcheck`` (the ``pytest11`` entry point of relu-proofcheck).

Installed with the package, it gives every test suite

* the ``proofcheck`` fixture: the exact assertions of :mod:`proofs.testing`
  (``proofcheck.assert_admissible(net)``, ``assert_full_rank(A)``, ``assert_equal_on(...)``,
  ``assert_claim(ID, ...)``), the hypothesis strategies (``proofcheck.strategies``) and the
  Python API (``proofcheck.check``, ``proofcheck.regions``, ...);
* the hypothesis profiles ``relu-proofcheck`` and ``relu-proofcheck-ci``
  (``pytest --hypothesis-profile=relu-proofcheck-ci``); the plugin never loads a profile
  itself, so a suite's own settings stay in force;
* a failure message that is the exact counterexample (``ClaimFailure``), with no traceback
  into this package.

Importing the plugin is cheap: the toolkit loads when a test first uses the fixture.
"""

from __future__ import annotations

import pytest

from . import hypothesis_profiles  # noqa: F401  (registers the profiles before hypothesis loads one)

__all__ = ["proofcheck", "ProofcheckHelper"]


class ProofcheckHelper:
    """What the ``proofcheck`` fixture returns: assertions, strategies and the API in one place."""

    def __getattr__(self, name: str):
        from proofs import api, testing

        if name in testing.__all__:
            return getattr(testing, name)
        if name in api.__all__:
            return getattr(api, name)
        raise AttributeError(f"proofcheck has no {name!r} (assertions: {', '.join(testing.__all__)})")

    def __dir__(self):
        from proofs import api, testing

        return sorted(set(testing.__all__) | set(api.__all__))


@pytest.fixture
def proofcheck() -> ProofcheckHelper:
    """Exact assertions (``assert_admissible``, ``assert_full_rank``, ``assert_equal_on``,
    ``assert_claim``), ``strategies`` and the Python API of relu-proofcheck."""
    return ProofcheckHelper()
