"""The hypothesis settings profiles for users' own tests of exact claims (hypothesis only).

* ``relu-proofcheck``: 200 examples, no deadline (exact arithmetic on large numbers is
  slow on first use), the too-slow health check off;
* ``relu-proofcheck-ci``: the same with 100 examples, deterministic (``derandomize``) and
  without the example database, for CI.

Load one with ``settings.load_profile("relu-proofcheck")`` or
``pytest --hypothesis-profile=relu-proofcheck-ci`` (the pytest plugin registers them).
"""

from hypothesis import HealthCheck, settings

__all__ = ["PROFILE", "PROFILE_CI"]

PROFILE = "relu-proofcheck"
PROFILE_CI = "relu-proofcheck-ci"

settings.register_profile(PROFILE, max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(PROFILE_CI, max_examples=100, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
