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
  find the same states (the same version of the traversal).

A task file starts with a line of JSON naming its task (its index, its state's digest, its
payload's SHA-256 and size), then the payload: the task's result as the worker or executor
returned it, pickled.  Anything that does not match (another network or box, another frontier,
a file whose payload does not have its digest) is an :class:`~exact.errors.InvalidArgument`
naming the folder, never silently mixed in.  The payload is read with :mod:`pickle`: resume only
from a folder written by this toolkit, as for any pickle.

The merged output does not depend on which tasks came from the folder: each task's result is
the one its worker would make again, and the results are merged in the serial order.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from fractions import Fraction

from .errors import InvalidArgument
from .files import atomic_write_bytes, atomic_write_text
from .inputs import prepare_output_dir, short_name

__all__ = ["TaskCheckpoint", "kept_tasks", "network_digest"]

#: the layout of the folder and of a task's payload; a folder of another format is refused
FORMAT = 1
_META = "checkpoint.json"
_MAGIC = b"relu-proofcheck clipping task\n"


def network_digest(network) -> str:
    """SHA-256 of the network's exact JSON (keys sorted, no spaces)."""
    text = json.dumps(network.to_json(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def state_digest(state) -> str:
    """SHA-256 of a frontier state's pickle (nested tuples and lists of integers: the same bytes
    for the same state)."""
    return hashlib.sha256(pickle.dumps(state, protocol=5)).hexdigest()


class TaskCheckpoint:
    """The task files of one enumeration in ``folder`` (made if missing, its parent must exist).

    ``network`` and ``box`` (None for R^d, else its (lo, hi) pairs of rationals) name the
    enumeration; :attr:`want` is the number of tasks the frontier is asked
    for: the folder's if it has one, else ``want`` as given.  Then :meth:`bind` the frontier's
    states, :meth:`load` what is kept, :meth:`save` each new result."""

    def __init__(self, folder, network, box, want: int):
        self.folder = prepare_output_dir(folder, "checkpoint folder")
        self.shown = short_name(os.fspath(folder))
        self.identity = {
            "format": FORMAT,
            "network_sha256": network_digest(network),
            "input_dim": network.in_dim,
            "box": None if box is None else [[str(Fraction(a)), str(Fraction(b))] for a, b in box],
        }
        self.meta = self._read_meta()
        if self.meta is not None:
            for key, value in self.identity.items():
                if self.meta.get(key) != value:
                    raise InvalidArgument(self._other(key))
            want = self.meta.get("tasks_asked")
            if isinstance(want, bool) or not isinstance(want, int) or want < 1:
                raise InvalidArgument(f"{self.shown}: {_META} has no valid number of tasks")
        self.want = want
        self.digests: list[str] = []

    def _other(self, key: str) -> str:
        what = {"format": "in another format (another version of relu-proofcheck)",
                "network_sha256": "for another network", "input_dim": "for another input dimension",
                "box": "for another box"}[key]
        return (f"{self.shown}: this checkpoint was written {what}; give another folder, or delete "
                f"this one to start again")

    def _read_meta(self):
        path = os.path.join(self.folder, _META)
        if not os.path.exists(path):
            if any(name.startswith("task-") for name in os.listdir(self.folder)):
                raise InvalidArgument(f"{self.shown}: has task files but no {_META}; not a checkpoint of this toolkit")
            return None
        try:
            with open(path, encoding="utf-8") as fh:
                meta = json.load(fh)
        except (OSError, ValueError) as e:
            raise InvalidArgument(f"{self.shown}: cannot read {_META}: {e}") from None
        if not isinstance(meta, dict):
            raise InvalidArgument(f"{self.shown}: {_META} is not a checkpoint's description")
        return meta

    def bind(self, states) -> None:
        """The frontier's task states, in order: recorded in a new folder, compared with the
        folder's otherwise (the same frontier, or an error)."""
        self.digests = [state_digest(s) for s in states]
        if self.meta is None:
            self.meta = dict(self.identity, tasks_asked=self.want, tasks=self.digests)
            atomic_write_text(os.path.join(self.folder, _META), json.dumps(self.meta, indent=1) + "\n")
        elif self.meta.get("tasks") != self.digests:
            raise InvalidArgument(f"{self.shown}: the checkpoint's tasks are not this run's (a checkpoint of "
                                  f"another version of the traversal); give another folder, or delete this one "
                                  f"to start again")

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
        bad = f"{short_name(path)}: not task {k} of this checkpoint"
        if not blob.startswith(_MAGIC):
            raise InvalidArgument(bad + " (not a task file)")
        end = blob.find(b"\n", len(_MAGIC))
        try:
            head = json.loads(blob[len(_MAGIC):end]) if end > 0 else None
        except ValueError:
            head = None
        if not isinstance(head, dict):
            raise InvalidArgument(bad + " (no header)")
        payload = memoryview(blob)[end + 1:]
        if head.get("task") != k or head.get("state_sha256") != self.digests[k]:
            raise InvalidArgument(bad + " (another task's file)")
        if head.get("size") != len(payload) or head.get("sha256") != hashlib.sha256(payload).hexdigest():
            raise InvalidArgument(bad + " (its contents do not have their recorded digest: the file was changed)")
        if head.get("kind") not in ("pool", "executor"):
            raise InvalidArgument(bad + " (unknown kind)")
        return head["kind"], pickle.loads(payload)

    def save(self, k: int, kind: str, result) -> None:
        """Task ``k``'s result (``kind`` "pool": a pool worker's tuple; "executor": the bytes an
        executor's task returned), written atomically."""
        payload = pickle.dumps(result, protocol=5)
        head = {"task": k, "state_sha256": self.digests[k], "kind": kind, "size": len(payload),
                "sha256": hashlib.sha256(payload).hexdigest()}
        atomic_write_bytes(self._path(k), _MAGIC + json.dumps(head).encode("ascii") + b"\n" + payload)


def kept_tasks(folder) -> tuple[int, int] | None:
    """(tasks with a file, tasks) of the checkpoint in ``folder``; None when it has no readable
    description (nothing was kept yet)."""
    try:
        with open(os.path.join(os.fspath(folder), _META), encoding="utf-8") as fh:
            tasks = json.load(fh).get("tasks")
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(tasks, list):
        return None
    return sum(os.path.exists(_task_path(folder, k)) for k in range(len(tasks))), len(tasks)


def _task_path(folder, k: int) -> str:
    return os.path.join(os.fspath(folder), f"task-{k:06d}.bin")
