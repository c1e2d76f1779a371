"""A folder keeping the finished tasks of a parallel clipping enumeration, so that an interrupted
run (Ctrl-C, a time limit, a lost machine) started again does only the tasks not yet done.

:func:`exact.clipping.clip_enumerate` splits its traversal into tasks at a frontier
(:func:`exact.clipping._frontier`); each task's result is written here as soon as it is in, one
file per task, atomically (:func:`exact.files.atomic_write_bytes`: a file is whole or absent).
The folder's ``checkpoint.json`` names what the tasks belong to:

* the network (the SHA-256 of its exact JSON, :meth:`exact.network.Network.to_json`) and the
  box (its exact bounds, or R^d);
* the number of tasks asked of the frontier: a later run uses it whatever its own number of
  workers, so it splits the traversal the same way;
* each task's state, by the SHA-256 of its pickle: a later run recomputes the frontier and must
  find the same states;
* the code that makes a task's result (the SHA-256 of the sources of :mod:`exact.clipping`,
  :mod:`exact.regions`, :mod:`exact.network`, :mod:`exact.inputs` and :mod:`exact.linalg`): a
  folder written by another version of these is refused, even where the frontier is the same.

One run at a time uses a folder (``flock`` on ``DIR/.lock``, released at the end of the run or
when its process ends; a pool's forked workers close their copy of the descriptor, so a worker
left behind by a killed run does not hold it); the temporary files of this folder's own writes
(``.tmp-checkpoint-*``) left by a run killed while writing are removed when the next run takes
the lock.

A task file starts with a line of JSON naming its task (its index, its state's digest, its
payload's SHA-256), then the payload: the task's result as the worker or executor
returned it, pickled.  Anything that does not match (another network or box, another frontier,
a file whose payload does not have its digest) is an :class:`~exact.errors.InvalidArgument`
naming the folder, never silently mixed in.  The payload is read with :mod:`pickle`: resume only
from a folder written by this toolkit, as for any pickle.

The merged output does not depend on which tasks came from the folder: each task's result is
the one its worker would make again, and the results are merged in the serial order.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import re
from fractions import Fraction

from .errors import InvalidArgument
from .files import atomic_write_bytes, atomic_write_text
from .inputs import prepare_output_dir, short_name

__all__ = ["CheckpointWriteError", "TaskCheckpoint", "kept_tasks", "network_digest"]

#: the layout of the folder and of a task's payload; a folder of another format is refused
FORMAT = 1
_META = "checkpoint.json"
_LOCK = ".lock"
_MAGIC = b"relu-proofcheck clipping task\n"
_TASK_FILE = re.compile(r"task-\d{6}\.bin")
#: the modules whose code makes a task's result (their sources' digest is part of the identity)
_CODE = ("clipping", "regions", "network", "inputs", "linalg")
#: the start of the name of a checkpoint file being written (the only temporary files removed)
_TMP = ".tmp-checkpoint-"
#: lock descriptors held by this process: closed in a forked child (a pool's worker)
_HELD: set = set()


def _forget_locks() -> None:
    for fd in list(_HELD):
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_locks)
_START_AGAIN = "give another folder, or delete it to start again"


class CheckpointWriteError(InvalidArgument):
    """A checkpoint file could not be written (a full disk, no permission): the tasks kept
    before it are still there."""


def network_digest(network) -> str:
    """SHA-256 of the network's exact JSON (keys sorted, no spaces)."""
    text = json.dumps(network.to_json(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def state_digest(state) -> str:
    """SHA-256 of a frontier state's pickle (nested tuples and lists of integers: the same bytes
    for the same state)."""
    return hashlib.sha256(pickle.dumps(state, protocol=5)).hexdigest()


def _code_digest() -> str:
    """The digest :data:`code_digest` keeps (the sources read now)."""
    h = hashlib.sha256()
    here = os.path.dirname(os.path.abspath(__file__))
    for name in _CODE:
        try:
            with open(os.path.join(here, name + ".py"), "rb") as fh:
                source = fh.read()
        except OSError:  # installed without sources: the release's number
            from proofs import __version__ as source  # type: ignore[no-redef]

            source = f"relu-proofcheck {source}".encode()
        h.update(name.encode() + b"\0" + hashlib.sha256(source).digest())
    return h.hexdigest()


#: SHA-256 of the sources of the modules that make a task's result (:data:`_CODE`), read once per
#: process (``code_digest.cache_clear()`` reads them again)
code_digest = functools.cache(_code_digest)


class TaskCheckpoint:
    """The task files of one enumeration in ``folder`` (made if missing, its parent must exist),
    locked for this run until :meth:`close` (also a context manager).

    ``network`` and ``box`` (None for R^d, else its (lo, hi) pairs of rationals) name the
    enumeration; :attr:`want` is the number of tasks the frontier is asked for: the folder's if
    it has one, else ``want`` as given.  Then :meth:`bind` the frontier's states, :meth:`load`
    what is kept, :meth:`save` each new result."""

    def __init__(self, folder, network, box, want: int):
        self.folder = prepare_output_dir(folder, "checkpoint folder")
        self.shown = short_name(os.fspath(folder))
        self.identity = {
            "format": FORMAT,
            "network_sha256": network_digest(network),
            "input_dim": network.in_dim,
            "box": None if box is None else [[str(Fraction(a)), str(Fraction(b))] for a, b in box],
            "code_sha256": code_digest(),
        }
        self._lock = None
        self._take_lock()
        try:
            self.meta = self._read_meta()
            if self.meta is not None:
                for key, value in self.identity.items():
                    if self.meta.get(key) != value:
                        raise InvalidArgument(self._other(key))
                want = self.meta.get("tasks_asked")
                if isinstance(want, bool) or not isinstance(want, int) or want < 1:
                    raise InvalidArgument(f"{self.shown}: {_META} has no valid number of tasks; {_START_AGAIN}")
        except BaseException:
            self.close()
            raise
        self.want = want
        self.digests: list[str] = []

    # -- one run at a time ------------------------------------------------------------------------
    def _take_lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no lock
            return
        path = os.path.join(self.folder, _LOCK)
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)  # (not inherited by a program it starts)
        except OSError as e:
            raise InvalidArgument(f"{self.shown}: cannot use the checkpoint folder: {e.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise InvalidArgument(f"{self.shown}: another run is using this checkpoint folder (wait for it to "
                                  f"end, or give another folder)") from None
        self._lock = fd
        _HELD.add(fd)
        for name in os.listdir(self.folder):  # what a run killed while writing left (none runs now)
            if name.startswith(_TMP):
                try:
                    os.unlink(os.path.join(self.folder, name))
                except OSError:
                    pass

    def close(self) -> None:
        """The folder left to other runs."""
        if self._lock is not None:
            _HELD.discard(self._lock)
            os.close(self._lock)  # (the lock goes with it)
            self._lock = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> bool:
        self.close()
        return False

    # -- what the folder is -----------------------------------------------------------------------
    def _other(self, key: str) -> str:
        what = {"format": "in another format", "network_sha256": "for another network",
                "input_dim": "for another input dimension", "box": "for another box",
                "code_sha256": "by another version of relu-proofcheck"}[key]
        return f"{self.shown}: a checkpoint written {what}; {_START_AGAIN}"

    def _read_meta(self):
        path = os.path.join(self.folder, _META)
        if not os.path.exists(path):
            if any(_TASK_FILE.fullmatch(name) for name in os.listdir(self.folder)):
                raise InvalidArgument(f"{self.shown}: task files without {_META}; {_START_AGAIN}")
            return None
        try:
            with open(path, "rb") as fh:
                meta = json.load(fh)
        except (OSError, ValueError) as e:
            raise InvalidArgument(f"{self.shown}: cannot read {_META} ({type(e).__name__}); {_START_AGAIN}") from None
        if not isinstance(meta, dict):
            raise InvalidArgument(f"{self.shown}: {_META} is not a checkpoint's description; {_START_AGAIN}")
        return meta

    def bind(self, states) -> None:
        """The frontier's task states, in order: recorded in a new folder, compared with the
        folder's otherwise (the same frontier, or an error)."""
        self.digests = [state_digest(s) for s in states]
        if self.meta is None:
            self.meta = dict(self.identity, tasks_asked=self.want, tasks=self.digests)
            try:
                atomic_write_text(os.path.join(self.folder, _META), json.dumps(self.meta, indent=1) + "\n",
                                  tmp_prefix=_TMP)
            except (OSError, InvalidArgument) as e:
                raise CheckpointWriteError(_write_error(os.path.join(self.folder, _META), e)) from None
        elif self.meta.get("tasks") != self.digests:
            raise InvalidArgument(f"{self.shown}: the checkpoint's tasks are not this run's; {_START_AGAIN}")

    # -- the tasks --------------------------------------------------------------------------------
    def _path(self, k: int) -> str:
        return _task_path(self.folder, k)

    def load(self) -> dict:
        """The kept results: task index -> (kind, result), for every task with a file."""
        out = {}
        for k in range(len(self.digests)):
            path = self._path(k)
            try:
                with open(path, "rb") as fh:
                    blob = fh.read()
            except FileNotFoundError:
                continue
            except OSError as e:
                raise InvalidArgument(f"{short_name(path)}: cannot read: {e.strerror}") from None
            out[k] = self._decode(k, blob, path)
        return out

    def _decode(self, k: int, blob: bytes, path: str):
        def bad(why):  # the task is done again once its file is gone
            return InvalidArgument(f"{short_name(path)}: not task {k} of this checkpoint ({why}); delete the file "
                                   f"and its task is done again")

        if not blob.startswith(_MAGIC):
            raise bad("not a task file")
        line, nl, payload = blob[len(_MAGIC):].partition(b"\n")
        try:
            head = json.loads(line)
        except ValueError:
            raise bad("no header") from None
        if not nl or not isinstance(head, dict):
            raise bad("no header")
        if head.get("task") != k or head.get("state_sha256") != self.digests[k]:
            raise bad("another task's file")
        if head.get("sha256") != hashlib.sha256(payload).hexdigest():
            raise bad("changed since it was written")
        if head.get("kind") not in ("pool", "executor"):
            raise bad("unknown kind")
        return head["kind"], pickle.loads(payload)

    def save(self, k: int, kind: str, result) -> None:
        """Task ``k``'s result (``kind`` "pool": a pool worker's tuple; "executor": the bytes an
        executor's task returned), written atomically."""
        payload = pickle.dumps(result)
        head = {"task": k, "state_sha256": self.digests[k], "kind": kind,
                "sha256": hashlib.sha256(payload).hexdigest()}
        try:
            atomic_write_bytes(self._path(k), _MAGIC + json.dumps(head).encode() + b"\n" + payload, tmp_prefix=_TMP)
        except (OSError, InvalidArgument) as e:
            raise CheckpointWriteError(_write_error(self._path(k), e)) from None


def kept_tasks(folder) -> tuple[int, int] | None:
    """(tasks with a file, tasks) of the checkpoint in ``folder``; None when it has no readable
    description (nothing was kept yet)."""
    try:
        with open(os.path.join(os.fspath(folder), _META), "rb") as fh:
            tasks = json.load(fh).get("tasks")
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(tasks, list):
        return None
    return sum(os.path.exists(_task_path(folder, k)) for k in range(len(tasks))), len(tasks)


def _write_error(path, e) -> str:
    """The message of a write that failed: an :class:`InvalidArgument`'s own (it names the
    file), else the file and the system's reason."""
    if isinstance(e, InvalidArgument):
        return str(e)
    return f"{short_name(path)}: cannot write: {e.strerror or e}"


def _task_path(folder, k: int) -> str:
    return os.path.join(os.fspath(folder), f"task-{k:06d}.bin")


code_digest()  # the code as imported (a source changed later is not the code that runs)
