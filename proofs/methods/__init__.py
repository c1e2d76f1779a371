"""The reusable proof methods that claim modules build on.

:mod:`.search` (hypothesis search harness, A2 instances), :mod:`.batched` (blocks of
candidates on one process, every core or a Dask cluster), :mod:`.a2_blocks` (A2 instances
drawn and decided exactly in bulk), :mod:`.stepcheck` (exact step
reconstruction checks), :mod:`.symbolic` (symbolic argument steps checked with sympy),
:mod:`.bounds` (region-count bounds), :mod:`.strategies` (hypothesis strategies for exact
rationals, matrices and networks).
"""
