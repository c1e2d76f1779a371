"""Hypothesis-driven counterexample search, and the instances of the A2 conjecture (001-C1).

Two layers:

* a generic harness, :func:`run_search`: ``hypothesis.find`` run in chunks, with a
  budget in examples and in seconds, a ``seed``, hypothesis' example database (so that a
  counterexample found once replays first next time), shrinking to a minimal example,
  and ``workers`` processes for long searches;
* the instances of the 001 activation matrix A2 = ReLU(z W2^T + b2) (rows = codes z_i,
  columns = neurons j): the strategy :func:`a2_instances`, a plain random generator
  :func:`random_a2_instance` for very long sweeps, and :func:`evaluate_a2` which computes
  A2 with Python integers (denominators cleared), its exact rank through
  :func:`exact.linalg.integer_rank` (flint's ``fmpz_mat``) and the float64 rank of the
  same matrix (:mod:`numeric.rank`) for the cross-check.

Rationals are drawn as one index into a table ordered by height (0, 1, -1, 2, -2, 1/2,
...), so hypothesis needs one draw per number and shrinks towards small heights; ``n``
is drawn first, so shrinking minimises n first.  Codes are drawn increasing (rank and
every zero-pattern condition are invariant under a permutation of the codes).

>>> inst = A2Instance.from_json({"z": ["1", "2"], "W2": ["1", "-1"], "b2": ["-3/2", "3/2"]})
>>> ev = evaluate_a2(inst)
>>> ev.rank, ev.float_rank, [[str(v) for v in r] for r in ev.a2_rows()]
(2, 2, [['0', '1/2'], ['1/2', '0']])
"""

from __future__ import annotations

import functools
import math
import os
import signal
import threading
import time
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from random import Random
from typing import Any, Callable, Sequence

from hypothesis import HealthCheck, Phase, find, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase
from hypothesis.errors import NoSuchExample

from exact.errors import InvalidArgument
from exact.linalg import integer_rank
from exact.scalar import rational_str, to_rational
from numeric.rank import float_activation_matrix, float_rank

__all__ = [
    "A2Instance",
    "A2Evaluation",
    "SearchOutcome",
    "rational_table",
    "a2_instances",
    "random_a2_instance",
    "evaluate_a2",
    "run_search",
    "HypothesisChunks",
    "DEFAULT_DATABASE",
]

#: Project-local hypothesis example database used by ``proofcheck search``.
DEFAULT_DATABASE = os.path.join(".hypothesis", "proofcheck")


# --------------------------------------------------------------------------------------
# rationals ordered by height
# --------------------------------------------------------------------------------------
@lru_cache(maxsize=None)
def rational_table(max_height: int, positive: bool = False) -> tuple[Fraction, ...]:
    """Every p/q with |p| <= max_height, 1 <= q <= max_height, simplest first.

    Ordered by height max(|p|, q), then denominator, then |p|, positive before negative,
    so index 0 is 0 (or 1 when ``positive``).

    >>> [str(x) for x in rational_table(2)]
    ['0', '1', '-1', '2', '-2', '1/2', '-1/2']
    """
    if max_height < 1:
        raise InvalidArgument("max_height must be at least 1")
    seen = {Fraction(p, q) for p in range(-max_height, max_height + 1) for q in range(1, max_height + 1)}
    vals = [v for v in seen if v > 0] if positive else list(seen)
    return tuple(sorted(vals, key=lambda v: (max(abs(v.numerator), v.denominator), v.denominator,
                                             abs(v.numerator), v < 0)))


# --------------------------------------------------------------------------------------
# A2 instances
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class A2Instance:
    """Codes z (n of them, distinct), weights W2 and biases b2 of the n neurons of layer 2."""

    z: tuple[Fraction, ...]
    W2: tuple[Fraction, ...]
    b2: tuple[Fraction, ...]

    @property
    def n(self) -> int:
        return len(self.z)

    def height(self) -> int:
        """The largest |numerator| or denominator of any entry (for shrinking order)."""
        return max((max(abs(v.numerator), v.denominator) for v in (*self.z, *self.W2, *self.b2)), default=0)

    def size_key(self) -> tuple:
        """Smaller is simpler: n first, then the largest height, then the sum of heights."""
        hs = [max(abs(v.numerator), v.denominator) for v in (*self.z, *self.W2, *self.b2)]
        return (self.n, max(hs, default=0), sum(hs))

    def to_json(self) -> dict:
        return {"n": self.n, "z": [rational_str(v) for v in self.z], "W2": [rational_str(v) for v in self.W2],
                "b2": [rational_str(v) for v in self.b2]}

    @classmethod
    def from_json(cls, obj: dict) -> "A2Instance":
        z = tuple(to_rational(v) for v in obj["z"])
        w = tuple(to_rational(v) for v in obj["W2"])
        b = tuple(to_rational(v) for v in obj["b2"])
        if len(w) != len(b):
            raise InvalidArgument(f"W2 has {len(w)} entries but b2 has {len(b)}")
        return cls(z, w, b)


def _code_column_kinds(degenerate: bool) -> st.SearchStrategy[int]:
    # 0 free, 1 hinge exactly at a code, 2 ratio copied, 3 W2_j = 0, 4 negated copy, 5 opposite sign
    # same k, 6 breakpoint halfway between two consecutive codes
    return st.integers(0, 6) if degenerate else st.just(0)


def _column(kind: int, j: int, z: Sequence[Fraction], W: list, B: list, w: Fraction, b: Fraction,
            i: int, src: int) -> tuple[Fraction, Fraction]:
    """Apply a degeneracy ``kind`` to the freely drawn (w, b) of column j."""
    if kind == 1 and w != 0:                      # pre-activation exactly 0 at the code z_i
        return w, -w * z[i % len(z)]
    if kind in (2, 4, 5) and j > 0:
        s = src % j
        if kind == 2 and W[s] != 0 and w != 0:    # same ratio k as column s
            return w, w * B[s] / W[s]
        if kind == 4:                             # the negated column s (same k, opposite sign)
            return -W[s], -B[s]
        if kind == 5 and W[s] != 0:               # opposite sign, same k, own scale
            sc = abs(w) if w != 0 else Fraction(1)
            ww = -sc if W[s] > 0 else sc
            return ww, ww * B[s] / W[s]
    if kind == 3:                                 # W2_j = 0: a constant column ReLU(b)
        return Fraction(0), b
    if kind == 6 and w != 0 and len(z) > 1:       # breakpoint -b/w halfway between z_i and z_{i+1}
        i = i % (len(z) - 1)
        return w, -w * (z[i] + z[i + 1]) / 2
    return w, b


def a2_instances(*, min_n: int = 1, max_n: int = 8, max_height: int = 6, codes: str = "both",
                 degenerate: bool = True) -> st.SearchStrategy[A2Instance]:
    """Instances (z, W2, b2) with n in [min_n, max_n] codes and n neurons.

    ``codes``: ``"linear"`` (z = 1..n, the slides' linear encoder), ``"arbitrary"``
    (distinct increasing rationals of height <= max_height steps) or ``"both"``.
    ``degenerate`` biases columns towards pre-activations exactly 0 at a code, copied
    ratios k, W2_j = 0, opposite signs with the same k, and breakpoints -k_j halfway
    between two codes.
    """
    if not 1 <= min_n <= max_n:
        raise InvalidArgument(f"need 1 <= min_n <= max_n, got {min_n}, {max_n}")
    if codes not in ("linear", "arbitrary", "both"):
        raise InvalidArgument(f"codes must be linear, arbitrary or both, got {codes!r}")
    table = rational_table(max_height)
    pos = rational_table(max_height, positive=True)
    rat = st.integers(0, len(table) - 1)
    prat = st.integers(0, len(pos) - 1)
    kinds = _code_column_kinds(degenerate)
    mode_s = st.integers(0, 1) if codes == "both" else st.just(0 if codes == "linear" else 1)

    @st.composite
    def _inst(draw: st.DrawFn) -> A2Instance:
        n = draw(st.integers(min_n, max_n))
        if draw(mode_s) == 0:
            z = [Fraction(i) for i in range(1, n + 1)]
        else:
            z = [table[draw(rat)]]
            for _ in range(n - 1):
                z.append(z[-1] + pos[draw(prat)])
        W: list[Fraction] = []
        B: list[Fraction] = []
        idx = st.integers(0, max(n - 1, 0))
        for j in range(n):
            kind = draw(kinds)
            w, b = table[draw(rat)], table[draw(rat)]
            i = draw(idx) if kind in (1, 6) else 0
            src = draw(idx) if kind in (2, 4, 5) else 0
            w, b = _column(kind, j, z, W, B, w, b, i, src)
            W.append(w)
            B.append(b)
        return A2Instance(tuple(z), tuple(W), tuple(B))

    return _inst()


def random_a2_instance(rng: Random, *, min_n: int = 1, max_n: int = 8, max_height: int = 6,
                       codes: str = "both", degenerate: bool = True) -> A2Instance:
    """The same distribution family as :func:`a2_instances`, drawn with ``random`` (no hypothesis).

    For sweeps of millions of instances where hypothesis' per-example overhead would dominate.
    Half the columns are drawn freely, the other half with one of the degeneracies.
    """
    table = rational_table(max_height)
    pos = rational_table(max_height, positive=True)
    # favour simple numbers the way hypothesis does: half the draws from the first few entries
    def r(tab: Sequence[Fraction]) -> Fraction:
        return tab[rng.randrange(min(len(tab), 9))] if rng.random() < 0.5 else tab[rng.randrange(len(tab))]

    n = rng.randint(min_n, max_n)
    mode = {"linear": 0, "arbitrary": 1}.get(codes, rng.randint(0, 1))
    if mode == 0:
        z = [Fraction(i) for i in range(1, n + 1)]
    else:
        z = [r(table)]
        for _ in range(n - 1):
            z.append(z[-1] + r(pos))
    W: list[Fraction] = []
    B: list[Fraction] = []
    for j in range(n):
        kind = (0 if rng.random() < 0.5 else rng.randint(1, 6)) if degenerate else 0
        w, b = _column(kind, j, z, W, B, r(table), r(table), rng.randrange(n), rng.randrange(n))
        W.append(w)
        B.append(b)
    return A2Instance(tuple(z), tuple(W), tuple(B))


@dataclass
class A2Evaluation:
    """A2 of one instance: the integer matrix ``num`` with A2 = num / ``den``, exact and float ranks."""

    instance: A2Instance
    num: list[list[int]]
    den: int
    rank: int
    float_rank: int
    sigma_min: float
    condition: float

    def a2_rows(self) -> list[list[Fraction]]:
        return [[Fraction(v, self.den) for v in r] for r in self.num]

    def a2_strings(self) -> list[list[str]]:
        return [[rational_str(Fraction(v, self.den)) for v in r] for r in self.num]

    @property
    def full_rank(self) -> bool:
        return self.rank == self.instance.n == len(self.instance.W2)


def _common(vals: Sequence[Fraction]) -> tuple[list[int], int]:
    d = 1
    for v in vals:
        d = d * v.denominator // math.gcd(d, v.denominator)
    return [v.numerator * (d // v.denominator) for v in vals], d


def evaluate_a2(inst: A2Instance, *, crosscheck: bool = True) -> A2Evaluation:
    """A2 exactly (integers over a common denominator), its exact rank, and the float64 rank."""
    Z, dz = _common(inst.z)
    W, dw = _common(inst.W2)
    B, db = _common(inst.b2)
    s = dz * dw
    num = [[max(wj * zi * db + bj * s, 0) for wj, bj in zip(W, B)] for zi in Z]
    rk = integer_rank(num)
    if crosscheck:
        fr = float_rank(float_activation_matrix(inst.z, inst.W2, inst.b2))
        frk, smin, cond = fr.rank, (fr.singular[-1] if fr.singular else 0.0), fr.condition
    else:
        frk, smin, cond = -1, float("nan"), float("nan")
    return A2Evaluation(inst, num, s * db, rk, frk, smin, cond)


# --------------------------------------------------------------------------------------
# the generic harness
# --------------------------------------------------------------------------------------
@dataclass
class SearchOutcome:
    """What a search did.  ``example`` is the shrunk counterexample or None (nothing *found*)."""

    found: bool
    example: Any
    tried: int                       # calls of the property (generation, replay and shrinking)
    generated: int                   # calls before the first counterexample (or all, if none)
    shrink_calls: int                # calls after the first counterexample of the finding chunk
    seconds: float
    first_found_seconds: float | None
    first_found_calls: int | None
    chunks: int
    workers: int
    seed: int
    budget: dict = field(default_factory=dict)
    findings: dict = field(default_factory=dict)

    def to_json(self, example_json: Callable[[Any], dict] | None = None) -> dict:
        ex = self.example
        return {"found": self.found, "tried": self.tried, "generated": self.generated,
                "shrink_calls": self.shrink_calls, "seconds": round(self.seconds, 3),
                "first_found_seconds": None if self.first_found_seconds is None else round(self.first_found_seconds, 3),
                "first_found_calls": self.first_found_calls, "chunks": self.chunks, "workers": self.workers,
                "seed": self.seed, "budget": self.budget, "findings": self.findings,
                "example": (example_json(ex) if (example_json and ex is not None) else None)}


def _settings(chunk: int, database: str | None) -> settings:
    db = DirectoryBasedExampleDatabase(database) if database else None
    return settings(max_examples=chunk, database=db, deadline=None, derandomize=False,
                    suppress_health_check=list(HealthCheck),
                    phases=(Phase.reuse, Phase.generate, Phase.shrink))


def _global_random_holder() -> Any:
    """Hypothesis' per-thread holder of its global ``Random`` (internal; checked with 6.170), or None."""
    import hypothesis.core as _hc

    local = getattr(_hc, "threadlocal", None)
    return local if local is not None and hasattr(local, "_hypothesis_global_random") else None


def _seeded_find(strategy: st.SearchStrategy, cond: Callable[[Any], bool], sets: settings, rnd: Random,
                 key: bytes) -> Any:
    """``hypothesis.find`` made reproducible without disabling the example database.

    ``find(random=...)`` marks the test as seeded, and hypothesis then neither saves nor
    replays database entries; seeding hypothesis' own per-thread generator instead keeps
    both (this uses hypothesis' internal ``threadlocal``; without it we fall back to
    ``random=``, reproducible but without the database).
    """
    local = _global_random_holder()
    if sets.database is None or local is None:
        return find(strategy, cond, settings=sets, random=rnd, database_key=key)
    saved = local._hypothesis_global_random
    local._hypothesis_global_random = rnd
    try:
        return find(strategy, cond, settings=sets, database_key=key)
    finally:
        local._hypothesis_global_random = saved


def _merge_findings(a: dict, b: dict, limit: int = 50, limits: dict | None = None) -> dict:
    """Findings of two workers (or rounds): numbers added, lists joined (a's first) and cut to ``limit``
    entries, or to ``limits[key]`` for the keys it names."""
    out = dict(a)
    for k, v in b.items():
        if isinstance(v, bool) or k not in out:
            out[k] = v
        elif isinstance(v, (int, float)):
            out[k] = out[k] + v
        elif isinstance(v, list):
            out[k] = (out[k] + v)[:(limits or {}).get(k, limit)]
        else:
            out[k] = v
    return out


#: Set by the SIGINT handler that :func:`run_search` installs: the property raises KeyboardInterrupt at
#: its next call (a Ctrl-C delivered inside hypothesis' garbage-collection callback would be lost).
_STOP = {"sigint": False}


def _on_sigint(*_: Any) -> None:
    _STOP["sigint"] = True


@dataclass
class HypothesisChunks:
    """``hypothesis.find`` in chunks as a task of :func:`proofs.methods.batched.run_blocks`.

    Block ``block`` is one ``find`` of ``count`` examples seeded by ``Random((seed * 1_000_003) *
    1_000_033 + block)`` alone (the seeds of the chunks of one process before the harness, so a
    search of one process is the one it was), with a property built afresh by ``make_property``;
    a block "hits" when its ``find`` returns a counterexample (shrunk within ``shrink_seconds`` /
    ``shrink_examples``).  Its findings come back as numbers (added over blocks) and lists (joined
    in block order), the rest in ``extra``.  So the search depends on the seed, the chunk size and
    the budget, never on the number of workers or where they run.
    """

    strategy: Any
    make_property: Callable[[], tuple[Callable[[Any], bool], Callable[[], dict]]]
    key: bytes
    database: str | None
    size: int
    shrink_seconds: float | None = None
    shrink_examples: int | None = None

    def run_block(self, seed: int, block: int, count: int | None = None) -> dict:
        count = self.size if count is None else count
        prop, collect = self.make_property()
        t0 = time.perf_counter()
        wall0 = time.time()
        calls = 0
        state: dict = {"first_t": None, "first_calls": None, "bad": [], "cut": False, "interrupted": False}
        shrink_seconds, shrink_examples = self.shrink_seconds, self.shrink_examples

        def cond(x: Any) -> bool:
            nonlocal calls
            if _STOP["sigint"]:
                raise KeyboardInterrupt
            if state["first_t"] is not None and (
                    (shrink_seconds is not None and time.perf_counter() - t0 - state["first_t"] > shrink_seconds)
                    or (shrink_examples is not None and calls - state["first_calls"] >= shrink_examples)):
                # shrink budget spent: only the counterexamples found so far stay interesting, so the
                # shrinker stops improving and hypothesis returns the best of them (a true counterexample;
                # each of them, not only the last, must stay interesting, or hypothesis' final replay of
                # its own best one fails and it raises FlakyFailure)
                state["cut"] = True
                return any(x == y for y in state["bad"])
            calls += 1
            bad = prop(x)
            if bad:
                state["bad"].append(x)
                if state["first_t"] is None:
                    state["first_t"] = time.perf_counter() - t0
                    state["first_calls"] = calls
            return bad

        rnd = Random((seed * 1_000_003 + 0) * 1_000_033 + block)
        example = None
        try:
            example = _seeded_find(self.strategy, cond, _settings(count, self.database), rnd, self.key)
        except NoSuchExample:
            example = None
        except KeyboardInterrupt:  # Ctrl-C: keep the first counterexample found so far (not shrunk further)
            state["interrupted"] = True
            example = state["bad"][0] if state["bad"] else None
        except Exception as e:  # hypothesis gives up (e.g. Unsatisfiable): nothing found in this chunk
            if type(e).__name__ not in ("Unsatisfiable",):
                raise
            example = None
        found = collect()
        counts = {k: v for k, v in found.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
        lists = {k: list(v) for k, v in found.items() if isinstance(v, list)}
        other = {k: v for k, v in found.items() if k not in counts and k not in lists}
        first_calls = state["first_calls"]
        return {"instances": count, "hits": [block] if example is not None else [], "counts": counts,
                "lists": lists,
                "extra": {"example": example, "calls": calls, "first_t": state["first_t"], "first_calls": first_calls,
                          "wall0": wall0, "shrink": (calls - first_calls) if first_calls is not None else 0,
                          "shrink_cut": state["cut"], "interrupted": state["interrupted"], "keys": list(found),
                          "other": other, "block": block}}


def _sigint_as_flag(fn: Callable) -> Callable:
    """Run ``fn`` with SIGINT setting :data:`_STOP` (main thread only): one Ctrl-C stops the search at
    the next property call, and the counterexamples found so far are returned (``interrupted``).
    Where Ctrl-C is ignored (a shell's background job: the terminal's Ctrl-C is meant for the job
    in the foreground) it stays ignored."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _STOP["sigint"] = False
        if (threading.current_thread() is not threading.main_thread()
                or signal.getsignal(signal.SIGINT) is signal.SIG_IGN):
            return fn(*args, **kwargs)
        previous = signal.signal(signal.SIGINT, _on_sigint)
        try:
            return fn(*args, **kwargs)
        finally:
            signal.signal(signal.SIGINT, previous)

    return wrapper


@_sigint_as_flag
def run_search(strategy: st.SearchStrategy,
               make_property: Callable[[], tuple[Callable[[Any], bool], Callable[[], dict]]], *,
               key: str, max_examples: int = 1000, seconds: float | None = None, seed: int = 0,
               workers: int = 1, database: str | None = None, chunk: int | None = None,
               size_key: Callable[[Any], Any] | None = None, shrink_seconds: float | None = 10.0,
               shrink_examples: int | None = None, list_limits: dict | None = None,
               progress: Callable[[int, int], None] | None = None, scheduler: Any = None) -> SearchOutcome:
    """Search for an x drawn from ``strategy`` with ``prop(x)`` true (a counterexample).

    ``make_property()`` returns ``(prop, collect)``: the property and a function giving
    JSON findings accumulated on the way (e.g. float64 disagreements); it is called once
    per chunk.  The budget is ``max_examples`` generated examples and, if given, ``seconds``
    of wall time, checked between chunks of ``chunk`` examples.  Each chunk is one
    ``hypothesis.find`` seeded from (``seed``, chunk index) alone (:class:`HypothesisChunks`),
    run by the search harness :func:`proofs.methods.batched.run_blocks`: in this process
    (``workers`` 1), on a process pool of ``workers``, or on the Dask cluster at ``scheduler``;
    the search stops at the first chunk that finds a counterexample, and every chunk before it
    is finished, so the result depends on the seed, the chunk size and the budget and not on the
    workers.  Shrinking stops improving after ``shrink_seconds`` or after ``shrink_examples``
    property calls (the count is reproducible, the time is not; the result is then the best
    counterexample reached, ``shrink_cut`` in the budget).  With ``database`` (a directory),
    counterexamples are saved under ``key`` and replayed first by later searches.  After a
    Ctrl-C the simplest counterexample found (``size_key``) is returned.  The chunks' findings
    are merged in chunk order (numbers added, lists cut to 50 entries, or to ``list_limits[key]``).
    """
    from proofs.methods.batched import run_blocks

    if max_examples < 1:
        raise InvalidArgument(f"max_examples must be at least 1, got {max_examples}")
    if workers < 1:
        raise InvalidArgument(f"workers must be at least 1, got {workers}")
    if seconds is not None and seconds <= 0:
        raise InvalidArgument(f"seconds must be positive, got {seconds}")
    if chunk is None:
        chunk = max(100, min(5000, max_examples // 4 or 100))
    task = HypothesisChunks(strategy, make_property, key.encode(), database, chunk, shrink_seconds, shrink_examples)
    t0 = time.perf_counter()
    wall0 = time.time()
    run = run_blocks(task, seed=seed, max_instances=max_examples, seconds=seconds, workers=workers,
                     scheduler=scheduler, stop_on_hit=True, list_limits=list_limits,
                     progress=progress, should_stop=lambda: _STOP["sigint"])
    extras = run.extras
    found = [r for r in extras if r["example"] is not None]
    best = min(found, key=lambda r: size_key(r["example"]) if size_key else 0) if found else None
    findings: dict = {}
    order = list(dict.fromkeys(k for r in extras for k in r["keys"]))
    merged = {**run.counts, **run.lists}
    for r in extras:
        merged.update(r["other"])
    for k in order:
        if k in merged:
            findings[k] = merged[k]
    tried = sum(r["calls"] for r in extras)
    shrink = sum(r["shrink"] for r in extras)
    firsts = [r for r in found if r["first_t"] is not None]
    before = {r["block"]: sum(x["calls"] for x in extras if x["block"] < r["block"]) for r in firsts}
    return SearchOutcome(
        found=best is not None, example=best["example"] if best else None, tried=tried,
        generated=tried - shrink, shrink_calls=shrink, seconds=time.perf_counter() - t0,
        first_found_seconds=min((max(r["wall0"] - wall0, 0.0) + r["first_t"] for r in firsts), default=None),
        first_found_calls=min((before[r["block"]] + r["first_calls"] for r in firsts), default=None),
        chunks=run.blocks, workers=workers if scheduler is None else run.workers, seed=seed,
        budget={"max_examples": max_examples, "seconds": seconds, "chunk": chunk, "database": database,
                "shrink_seconds": shrink_seconds, "shrink_examples": shrink_examples,
                "shrink_cut": any(r["shrink_cut"] for r in extras),
                "interrupted": run.interrupted or any(r.get("interrupted") for r in extras),
                "executor": run.executor},
        findings=findings)
