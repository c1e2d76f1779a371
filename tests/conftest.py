"""Test configuration: hypothesis profiles and the LaTeX requirement.

Profiles: ``ci`` (default; deterministic, bounded) and ``thorough`` (long searches),
chosen with ``HYPOTHESIS_PROFILE=thorough``; ``mutation`` (ci without shrinking) is set by
``bench/mutation.sh``.  With ``PROOFCHECK_REQUIRE_LATEX=1`` (set
by ``.ci/run``) a test that needs LaTeX fails instead of skipping when latexmk is absent.
"""

from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "ci", max_examples=60, derandomize=True, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow],
)
# bench/mutation.sh: the ci examples without shrinking (a mutant is killed by its first failing
# example; shrinking it only costs time, and turned kills into timeouts)
settings.register_profile(
    "mutation", parent=settings.get_profile("ci"),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def latex_available() -> bool:
    return shutil.which("latexmk") is not None and shutil.which("pdflatex") is not None


@pytest.fixture
def require_latex():
    """Skip (or, in CI, fail) when no LaTeX compiler is installed."""
    if not latex_available():
        if os.environ.get("PROOFCHECK_REQUIRE_LATEX") == "1":
            pytest.fail("LaTeX (latexmk, pdflatex) is required here but not installed")
        pytest.skip("latexmk/pdflatex not installed")
