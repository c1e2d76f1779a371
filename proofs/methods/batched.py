"""The batched search harness: blocks of candidates as tasks, on one process, every core, or a Dask cluster.

A *task* is a picklable object with an ``int`` attribute ``size`` (instances per block) and a
method ``run_block(seed, block, count) -> dict`` that draws block ``block`` from (seed, block) alone,
decides its first ``count`` instances (``size`` except at the end of a count budget), and
returns JSON-able results: ``"instances"`` (how many it decided), ``"hits"`` (the indices, in
the search, of the instances it found to be counterexamples), ``"counts"`` (numbers added over
blocks), ``"lists"`` (lists joined in block order, each cut to ``list_limits``).

:func:`run_blocks` hands blocks 0, 1, 2, ... to an executor (in-process, a process pool of
``workers`` processes, or a ``distributed.Client`` for ``scheduler``), a bounded number in
flight, and reduces the results **in block order**.  So what it returns depends only on the
seed, the block size and the budget, never on the number of workers:

* a count budget ``max_instances`` means instances 0 .. max_instances - 1;
* with ``stop_on_hit``, once block b reports a hit no block after b is started, blocks before b
  are finished, and the result is every block up to b (the first hit is the smallest index);
* a time budget ``seconds`` stops handing out blocks when the time is used; the blocks in
  flight are finished and kept (what was searched is then a prefix 0 .. K-1 of blocks, K
  depending on speed);
* ``KeyboardInterrupt`` (Ctrl-C) cancels what is in flight and returns the contiguous prefix
  of finished blocks plus the hits of any other finished block, with ``interrupted`` set.  A
  process that starts with Ctrl-C ignored (a shell's background job) keeps it ignored.

A block's result may also carry ``"extra"`` (any picklable value): :attr:`BlockRun.extras` lists
them for the blocks kept, in block order.  A task that plain :mod:`pickle` cannot send to a
process (a closure, a hypothesis strategy) is sent with ``cloudpickle`` (as Dask does).

Every search of the project runs here: 001-C1 (its batched, hypothesis and random engines),
001-F1, 001-L5, 003-Ex2's grid of networks and 000-T1's training runs.
"""

from __future__ import annotations

import math
import os
import signal
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from exact.clipping import default_workers  # every core this process may use (one definition)
from exact.errors import InvalidArgument

__all__ = ["BlockRun", "run_blocks", "default_workers", "dask_client", "dask_threads", "CONNECT_SECONDS",
           "resolve_workers"]

#: seconds to wait for a Dask scheduler to answer when connecting to its address
CONNECT_SECONDS = 10.0


def dask_client(scheduler: Any, option: str = "--scheduler ") -> tuple[Any, bool]:
    """``(client, own)`` for a Dask scheduler: a ``distributed.Client`` is returned as it is (``own``
    False), an address (``tcp://host:8786``) gives a new client connected to it (``own`` True: the
    caller closes it).  A malformed address, or one where no scheduler answers within
    :data:`CONNECT_SECONDS`, raises :class:`InvalidArgument` with one line naming it as ``option``
    followed by the address (``"--param scheduler="`` where it came as a claim parameter).  Every
    command that takes ``--scheduler`` connects through this function."""
    if hasattr(scheduler, "submit"):
        return scheduler, False
    from distributed import Client

    shown = str(scheduler) if len(str(scheduler)) <= 60 else str(scheduler)[:57] + "..."
    try:
        return Client(scheduler, set_as_default=False, timeout=CONNECT_SECONDS), True
    except (OSError, ValueError, TypeError) as e:  # OSError covers the connection timeout
        reason = " ".join(str(e).split())[:90] or type(e).__name__
    # The half-built client is still held by the traceback's frames: collected now, while its event
    # loop runs, it closes at once (left to the exit of the interpreter it would wait and print errors).
    import gc

    gc.collect()
    raise InvalidArgument(f"{option}{shown}: no Dask scheduler reachable there ({reason})")


def resolve_workers(workers: int | None, scheduler: Any = None) -> int:
    """The number of processes a search uses: ``workers`` when >= 1, every core (:func:`default_workers`)
    when None or 0; with a ``scheduler`` the cluster decides and this returns 1 (no local pool).
    A negative count raises :class:`InvalidArgument`."""
    if workers is not None and workers < 0:
        raise InvalidArgument(f"workers must be at least 1 (0: every core), got {workers}")
    if scheduler:
        return 1
    return default_workers() if not workers else int(workers)


def dask_threads(client: Any) -> int:
    """The number of task threads of the cluster's workers right now (at least 1)."""
    workers = client.scheduler_info().get("workers", {})
    return max(1, sum(int(w.get("nthreads", 1)) for w in workers.values()))


@dataclass
class BlockRun:
    """What :func:`run_blocks` did: the blocks reduced (a prefix 0 .. blocks-1), their merged results."""

    blocks: int
    instances: int
    hits: list[int]
    counts: dict
    lists: dict
    seconds: float
    first_hit_seconds: float | None
    interrupted: bool
    budget_exhausted: str
    executor: str
    workers: int
    block_seconds: list[float] = field(default_factory=list)
    extras: list = field(default_factory=list)


def _worker_start(parent: int) -> None:
    """A pool worker's start: Ctrl-C is the parent's; the worker ends when the parent ends."""
    from exact.workers import die_with_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)


#: Blocks per cluster task on Dask (see :class:`_Dask`).
DASK_BLOCKS_PER_TASK = 8


#: glibc's malloc thresholds (bytes) of a process that runs blocks (:func:`_heap_for_blocks`): blocks of a
#: few MB are then taken from and returned to the heap, not mapped and unmapped one by one.
MALLOC_MMAP_THRESHOLD = 32 << 20
MALLOC_TRIM_THRESHOLD = 64 << 20
_heap_tuned: list = []


def _heap_for_blocks() -> bool:
    """Once per process, on glibc: raise malloc's mmap and trim thresholds to
    :data:`MALLOC_MMAP_THRESHOLD` and :data:`MALLOC_TRIM_THRESHOLD`.

    Dask's nannies start workers with ``MALLOC_TRIM_THRESHOLD_=65536``, which also fixes glibc's
    mmap threshold at 128 KiB: every array of a block (a few MB) is then a fresh mapping whose pages
    are faulted in and zeroed, and a block costs about 20 % more CPU than in a plain process (there
    about 5 % more than with these thresholds, which glibc's own adjustment reaches only slowly).
    Every process that runs blocks (this one, a pool's workers, a cluster's workers) sets them before
    its first block, so the executors are compared on equal terms.  They keep at most 64 MiB of freed
    memory in a process.  Returns whether they were set (False where this is not glibc, or when
    already done in this process)."""
    if _heap_tuned:
        return False
    _heap_tuned.append(True)
    import ctypes
    import ctypes.util
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3  # <malloc.h>
    return bool(mallopt(m_mmap_threshold, MALLOC_MMAP_THRESHOLD)) and bool(mallopt(m_trim_threshold,
                                                                                    MALLOC_TRIM_THRESHOLD))


def _timed(task: Any, seed: int, block: int, count: int) -> dict:
    if isinstance(task, bytes):  # a task pickle could not send: cloudpickle's bytes
        import cloudpickle

        task = cloudpickle.loads(task)
    _heap_for_blocks()
    t = time.perf_counter()
    out = task.run_block(seed, block, count)
    out["block"] = block
    out["seconds"] = time.perf_counter() - t
    return out


class _Inline:
    name = "inline"

    def __init__(self) -> None:
        self.pending: list = []

    def submit(self, task, seed, block, count):
        self.pending.append((block, _timed(task, seed, block, count)))

    def next_done(self, stop):
        return self.pending.pop(0)

    def cancel(self) -> None:
        self.pending.clear()

    def close(self) -> None:
        pass


class _Pool:
    """A standard :class:`concurrent.futures.ProcessPoolExecutor` of ``workers`` processes (which
    ignore SIGINT: Ctrl-C is the parent's; and end with the parent, :mod:`exact.workers`); a block
    is one future."""

    name = "processes"

    def __init__(self, workers: int) -> None:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
        self.ex = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_start,
                                      initargs=(os.getpid(),))
        self.futures: dict = {}
        self.sent: tuple = (None, None)

    def _sendable(self, task):
        if self.sent[0] is not task:
            import pickle

            try:
                pickle.dumps(task)
                self.sent = (task, task)
            except (pickle.PicklingError, TypeError, AttributeError):
                import cloudpickle

                self.sent = (task, cloudpickle.dumps(task))
        return self.sent[1]

    def submit(self, task, seed, block, count):
        self.futures[self.ex.submit(_timed, self._sendable(task), seed, block, count)] = block

    def next_done(self, stop):
        from concurrent.futures import FIRST_COMPLETED, wait

        while True:
            done, _ = wait(list(self.futures), timeout=0.1, return_when=FIRST_COMPLETED)
            if done:
                f = min(done, key=self.futures.__getitem__)
                block = self.futures.pop(f)
                try:
                    return block, f.result()
                except Exception as e:  # a worker's exception or a broken pool, with the block named
                    raise RuntimeError(f"search worker failed on block {block}: {type(e).__name__}: {e}") from e
            if stop():
                raise KeyboardInterrupt

    def cancel(self) -> None:
        for f in self.futures:
            f.cancel()
        self.futures.clear()
        self.ex.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        self.ex.shutdown(wait=True, cancel_futures=True)


def _timed_group(task: Any, seed: int, items: list) -> list:
    """Several consecutive blocks as one cluster task: ``[(block, result), ...]``."""
    return [(block, _timed(task, seed, block, count)) for block, count in items]


class _Dask:
    """A Dask cluster: consecutive blocks are grouped ``group`` to a task (a cluster task costs
    milliseconds of scheduling and transfer, a block tens), the task object is scattered to the
    workers once, and results are handed back one block at a time."""

    name = "dask"

    def __init__(self, address: Any, group: int = DASK_BLOCKS_PER_TASK) -> None:
        from distributed import as_completed

        self.client, self.own = dask_client(address)
        self.ac = as_completed()
        self.group = max(1, int(group))
        self.pending: list = []      # (block, count) not yet sent
        self.ready: list = []        # (block, result) arrived, not yet handed back
        self.sent: tuple = (None, None)

    def submit(self, task, seed, block, count):
        self.pending.append((block, count))
        self.seed_task = (seed, task)
        if len(self.pending) >= self.group:
            self._flush()

    def _flush(self) -> None:
        if not self.pending:
            return
        seed, task = self.seed_task
        if self.sent[0] is not task:
            self.sent = (task, self.client.scatter(task, broadcast=True, hash=False))
        self.ac.add(self.client.submit(_timed_group, self.sent[1], seed, self.pending, pure=False))
        self.pending = []

    def next_done(self, stop):
        if not self.ready:
            self._flush()
            while not self.ac.has_ready():
                if stop():
                    raise KeyboardInterrupt
                time.sleep(0.02)
            self.ready = list(next(self.ac).result())[::-1]
        return self.ready.pop()

    def cancel(self) -> None:
        for f in list(self.ac.futures):
            f.cancel()
        self.ac.clear()
        self.pending, self.ready = [], []

    def close(self) -> None:
        if self.own:
            self.client.close()


def run_blocks(task: Any, *, seed: int, max_instances: int | None = None, seconds: float | None = None,
               workers: int = 1, scheduler: Any = None, stop_on_hit: bool = True,
               list_limits: dict | None = None, progress: Callable[[int, int | None], None] | None = None,
               in_flight: int | None = None, should_stop: Callable[[], bool] | None = None,
               on_result: Callable[[int, dict], None] | None = None, complete: bool = False) -> BlockRun:
    """Run blocks of ``task`` under a count budget (``max_instances``) and/or a time budget (``seconds``).

    ``scheduler`` is a Dask scheduler address (``tcp://host:8786``) or a ``distributed.Client``;
    otherwise ``workers`` > 1 uses a process pool and 1 runs in this process.  ``progress(done,
    total)`` is called with instances reduced so far (total None under a time budget alone).
    ``should_stop()``, polled between blocks, ends the run as an interruption when it returns True
    (a task that catches Ctrl-C itself, in this process, says so through it).  ``on_result(block,
    result)`` is called in this process as each block's result arrives (in the order they finish:
    results streamed back, e.g. to save each as it comes).  With ``complete`` (a verdict that needs
    every block), an interruption is raised again as ``KeyboardInterrupt`` once the executor is closed,
    instead of returning a part of the blocks.
    """
    if max_instances is None and seconds is None:
        raise InvalidArgument("a search needs a count budget, a time budget, or both")
    if max_instances is not None and max_instances < 1:
        raise InvalidArgument(f"the count budget must be at least 1, got {max_instances}")
    if seconds is not None and not seconds > 0:
        raise InvalidArgument(f"the time budget must be positive, got {seconds}")
    if workers < 1:
        raise InvalidArgument(f"workers must be at least 1, got {workers}")
    size = int(task.size)
    last = math.ceil(max_instances / size) if max_instances is not None else None
    if scheduler is not None:
        ex: Any = _Dask(scheduler)
        n_exec = len(ex.client.scheduler_info().get("workers", {})) or 1
    elif workers > 1:
        ex, n_exec = _Pool(workers), workers
    else:
        ex, n_exec = _Inline(), 1
    window = in_flight or (1 if ex.name == "inline" else (2 * n_exec + 2) * getattr(ex, "group", 1))
    t0 = time.perf_counter()
    results: dict[int, dict] = {}
    nxt, outstanding, stop_at = 0, 0, last
    first_hit_t = None
    interrupted = False
    reason = "count"
    limits = list_limits or {}
    flag = {"sigint": False}
    previous = None
    handler = None
    current = signal.getsignal(signal.SIGINT)
    # Ctrl-C ignored (a shell's background job: the terminal's Ctrl-C is meant for the foreground
    # job) stays ignored
    if ex.name != "inline" and current is not signal.SIG_IGN:
        # one Ctrl-C sets a flag that the loop polls (never an exception inside a lock)
        handler = lambda *_: flag.__setitem__("sigint", True)  # noqa: E731
    elif current is signal.default_int_handler:
        # in this process Ctrl-C still interrupts the block at once, and it also sets the flag: an
        # interruption raised where it is swallowed (inside a garbage-collection callback, such as the
        # one hypothesis installs, it is only printed as "Exception ignored") ends the run at the next
        # block instead of being lost
        def handler(*_: Any) -> None:
            flag["sigint"] = True
            raise KeyboardInterrupt
    if handler is not None:
        try:
            previous = signal.signal(signal.SIGINT, handler)
        except ValueError:    # not the main thread: Ctrl-C is the caller's business
            previous = None
    stop = lambda: flag["sigint"] or bool(should_stop and should_stop())  # noqa: E731
    try:
        while True:
            if stop():
                raise KeyboardInterrupt
            timed_out = seconds is not None and time.perf_counter() - t0 >= seconds
            if timed_out and reason == "count" and (stop_at is None or nxt < stop_at):
                reason = "time"
            while (outstanding < window and (stop_at is None or nxt < stop_at) and not timed_out):
                ex.submit(task, seed, nxt, size if max_instances is None else min(size, max_instances - nxt * size))
                nxt += 1
                outstanding += 1
            if outstanding == 0:
                break
            b, res = ex.next_done(stop)
            outstanding -= 1
            results[b] = res
            if on_result is not None:
                on_result(b, res)
            if res["hits"] and first_hit_t is None:
                first_hit_t = time.perf_counter() - t0
            if res["hits"] and stop_on_hit and (stop_at is None or b + 1 < stop_at):
                stop_at = b + 1
                reason = "hit"
            if progress is not None:
                done = sum(r["instances"] for r in results.values())
                progress(done, max_instances)
    except KeyboardInterrupt:
        interrupted = True
        reason = "interrupted"
        ex.cancel()
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
        try:
            ex.close()
        except Exception:  # pragma: no cover - best effort on the way out
            pass
    if interrupted and complete:
        raise KeyboardInterrupt
    prefix = 0
    while prefix in results and (stop_at is None or prefix < stop_at):
        prefix += 1
    kept = [results[b] for b in range(prefix)]
    hits = sorted(h for r in kept for h in r["hits"])
    extras = [r["extra"] for r in kept if "extra" in r]
    if interrupted:  # a counterexample found in a finished block past a gap is kept too
        past = [results[b] for b in sorted(results) if b >= prefix and results[b]["hits"]]
        hits += sorted(h for r in past for h in r["hits"])
        extras += [r["extra"] for r in past if "extra" in r]
    counts: dict = {}
    lists: dict = {}
    for r in kept:
        for k, v in r.get("counts", {}).items():
            counts[k] = counts.get(k, 0) + v
        for k, v in r.get("lists", {}).items():
            cur = lists.setdefault(k, [])
            room = limits.get(k, 50) - len(cur)
            if room > 0:
                cur.extend(v[:room])
    return BlockRun(blocks=prefix, instances=sum(r["instances"] for r in kept), hits=hits, counts=counts,
                    lists=lists, seconds=time.perf_counter() - t0, first_hit_seconds=first_hit_t,
                    interrupted=interrupted, budget_exhausted=reason, executor=ex.name, workers=n_exec,
                    block_seconds=[r["seconds"] for r in kept], extras=extras)
