"""Claim modules, one per claim ID of ``CLAIMS.md``, grouped by source paper (``pNNN``)."""
