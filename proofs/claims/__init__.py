"""Claim modules, one per claim ID of ``CLAIMS.md``, grouped by source paper (``pNNN``).

The package is also callable: ``proofs.claims()`` lists the registered claims
(:func:`proofs.api.claims`), whether or not this package has been imported already.
"""

import sys as _sys
import types as _types


class _CallableModule(_types.ModuleType):
    def __call__(self):
        """Every registered claim, in catalogue order (:func:`proofs.api.claims`)."""
        from proofs.api import claims

        return claims()


_sys.modules[__name__].__class__ = _CallableModule
