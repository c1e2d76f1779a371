"""Tests of exact.checkpoint: the finished tasks of a parallel clipping enumeration kept in a
folder, so that a run stopped early and started again does only the tasks not yet done.

The output of a resumed run must be the uninterrupted one (regions, counts, JSON text), the
tasks done again must be exactly the ones without a file, and a folder that does not belong to
the enumeration (another network, box, frontier, format, code version; a changed or misplaced
file; a folder another run is using) must be refused, never mixed in.
"""

import json
import os

import pytest

import exact.checkpoint as checkpoint
from exact.clipping import clip_enumerate
from exact.errors import InvalidArgument
from exact.regions import enumerate_regions
from proofs.claims.p003 import random_network

from inline_executor import CountingExecutor  # tests/inline_executor.py (pytest puts tests/ on the path)

NET = random_network([3, 6, 6, 1], 7)
BOX = [("-1", "1")] * 3


class _Stop(Exception):
    pass


def _stop_after(n):
    def progress(layer, k, total):
        if k >= n:
            raise _Stop
    return progress


@pytest.fixture(scope="module")
def ref():
    e = enumerate_regions(NET, workers=1)
    return e, e.json_text({}), e.counts()


def _task_files(folder):
    return sorted(f for f in os.listdir(folder) if f.startswith("task-"))


def _same(e, ref):
    r, text, counts = ref
    assert e.regions == r.regions
    assert e.counts() == counts
    assert e.json_text({}) == text


def test_a_stopped_pool_run_resumes_with_the_uninterrupted_output(tmp_path, ref):
    folder = tmp_path / "cp"
    with pytest.raises(_Stop):
        enumerate_regions(NET, workers=2, progress=_stop_after(5), checkpoint=folder)
    kept = _task_files(folder)
    meta = json.loads((folder / "checkpoint.json").read_text())
    total = len(meta["tasks"])
    assert meta["tasks_asked"] == 64 and total >= 64 and 5 <= len(kept) < total
    assert checkpoint.kept_tasks(folder) == (len(kept), total)
    # the rest on another executor: exactly the tasks without a file are done again
    ex = CountingExecutor()
    _same(clip_enumerate(NET, None, workers=1, executor=ex, checkpoint=folder), ref)
    assert ex.tasks == total - len(kept)
    assert checkpoint.kept_tasks(folder) == (total, total)
    # everything kept: nothing submitted; another number of workers splits as the folder says
    ex = CountingExecutor()
    _same(clip_enumerate(NET, None, workers=3, executor=ex, checkpoint=folder), ref)
    assert ex.tasks == 0
    _same(enumerate_regions(NET, workers=1, checkpoint=folder, prepare_json=True), ref)


def test_an_executors_results_resume_in_a_pool(tmp_path, ref):
    folder = tmp_path / "cp"
    ex = CountingExecutor()
    with pytest.raises(_Stop):
        clip_enumerate(NET, None, workers=2, executor=ex, progress=_stop_after(7), checkpoint=folder)
    assert len(_task_files(folder)) == 7
    seen, layers = [], set()
    e = enumerate_regions(NET, workers=2, checkpoint=folder,
                          progress=lambda layer, k, n: (seen.append((k, n)), layers.add(layer)))
    _same(e, ref)
    assert layers == {len(NET.layers)}
    assert seen[0][0] >= 7 and seen[-1][0] == seen[-1][1]  # the kept tasks count as done from the start


def test_one_worker_with_a_checkpoint_runs_the_tasks(tmp_path, ref):
    folder = tmp_path / "cp"
    _same(enumerate_regions(NET, workers=1, checkpoint=folder), ref)
    meta = json.loads((folder / "checkpoint.json").read_text())
    assert meta["tasks_asked"] == 32 and len(_task_files(folder)) == len(meta["tasks"]) >= 32
    assert meta["box"] is None and meta["input_dim"] == 3 and meta["format"] == checkpoint.FORMAT
    assert meta["network_sha256"] == checkpoint.network_digest(NET)


def test_a_box_is_part_of_the_checkpoint(tmp_path):
    folder = tmp_path / "cp"
    ref = enumerate_regions(NET, BOX, workers=1)
    e = enumerate_regions(NET, BOX, workers=2, checkpoint=folder)
    assert e.regions == ref.regions and e.counts() == ref.counts()
    assert json.loads((folder / "checkpoint.json").read_text())["box"] == [["-1", "1"]] * 3
    with pytest.raises(InvalidArgument, match="a checkpoint written for another box; give"):
        enumerate_regions(NET, [("-1", "2")] + BOX[1:], workers=2, checkpoint=folder)
    with pytest.raises(InvalidArgument, match="another box"):
        enumerate_regions(NET, None, workers=2, checkpoint=folder)
    e = enumerate_regions(NET, [("-2/2", "1")] * 3, workers=2, checkpoint=folder)  # the same rationals
    assert e.regions == ref.regions


def test_a_network_with_no_task_left(tmp_path):
    net = random_network([3, 2, 1], 0)
    ref = enumerate_regions(net, workers=1)
    e = enumerate_regions(net, workers=2, checkpoint=tmp_path / "cp")
    assert e.regions == ref.regions and e.counts() == ref.counts()
    assert checkpoint.kept_tasks(tmp_path / "cp") == (0, 0)


# -- what is refused ------------------------------------------------------------------------------

@pytest.fixture
def kept(tmp_path):
    """A checkpoint folder with 3 tasks kept."""
    folder = tmp_path / "cp"
    with pytest.raises(_Stop):
        clip_enumerate(NET, None, workers=2, executor=CountingExecutor(), progress=_stop_after(3), checkpoint=folder)
    assert len(_task_files(folder)) == 3
    return folder


def _run(folder):
    return clip_enumerate(NET, None, workers=2, executor=CountingExecutor(), checkpoint=folder)


def test_another_network_is_refused(kept):
    other = random_network([3, 6, 6, 1], 8)
    with pytest.raises(InvalidArgument, match="another network"):
        enumerate_regions(other, workers=2, checkpoint=kept)
    # one weight changed is another network
    doc = NET.to_json()
    doc["layers"][1]["bias"][0] = "5/3" if doc["layers"][1]["bias"][0] == "7/3" else "7/3"
    from exact.network import Network

    with pytest.raises(InvalidArgument, match="another network"):
        enumerate_regions(Network.from_json(doc), workers=2, checkpoint=kept)


def _edit_meta(folder, **change):
    meta = json.loads((folder / "checkpoint.json").read_text())
    meta.update(change)
    (folder / "checkpoint.json").write_text(json.dumps(meta))


@pytest.mark.parametrize("change,message", [
    ({"format": checkpoint.FORMAT + 1}, "a checkpoint written in another format; give another folder, or delete it to start again"),
    ({"input_dim": 4}, "a checkpoint written for another input dimension; give"),
    ({"code_sha256": "0" * 64}, "a checkpoint written by another version of relu-proofcheck; give"),
    ({"tasks_asked": 0}, "no valid number of tasks"),
    ({"tasks_asked": True}, "no valid number of tasks"),
    ({"tasks_asked": "64"}, "no valid number of tasks"),
    ({"tasks_asked": 65}, "not this run's"),           # another split of the traversal
])
def test_a_changed_description_is_refused(kept, change, message):
    _edit_meta(kept, **change)
    with pytest.raises(InvalidArgument, match=message):
        _run(kept)


def test_another_frontier_is_refused(kept):
    meta = json.loads((kept / "checkpoint.json").read_text())
    meta["tasks"][-1] = "0" * 64
    (kept / "checkpoint.json").write_text(json.dumps(meta))
    with pytest.raises(InvalidArgument, match="not this run's"):
        _run(kept)


def test_a_changed_task_file_is_refused(kept):
    path = kept / _task_files(kept)[0]
    blob = bytearray(path.read_bytes())
    blob[-1] ^= 1  # one bit of the payload
    path.write_bytes(bytes(blob))
    with pytest.raises(InvalidArgument, match=r"of this checkpoint \(changed since it was written\); delete the file and its task "
                                              r"is done again$"):
        _run(kept)


def test_a_truncated_task_file_is_refused(kept):
    path = kept / _task_files(kept)[0]
    path.write_bytes(path.read_bytes()[:-1])
    with pytest.raises(InvalidArgument, match=r"\(changed since it was written\)"):
        _run(kept)


def test_a_task_file_in_anothers_place_is_refused(kept):
    names = _task_files(kept)
    (kept / names[1]).write_bytes((kept / names[0]).read_bytes())
    with pytest.raises(InvalidArgument, match="another task's file"):
        _run(kept)


@pytest.mark.parametrize("blob,message", [
    (b"", r"of this checkpoint \(not a task file\); delete the file"),
    (b"some other file\n", r"of this checkpoint \(not a task file\); delete the file"),
    (checkpoint._MAGIC, r"of this checkpoint \(no header\); delete the file"),
    (checkpoint._MAGIC + b"{not json\n", r"of this checkpoint \(no header\); delete the file"),
    (checkpoint._MAGIC + b"[1, 2]\n", r"of this checkpoint \(no header\); delete the file"),
    (checkpoint._MAGIC + b'{"task": 0}', r"of this checkpoint \(no header\); delete the file"),
])
def test_a_file_that_is_no_task_is_refused(kept, blob, message):
    (kept / _task_files(kept)[0]).write_bytes(blob)
    with pytest.raises(InvalidArgument, match=message):
        _run(kept)


def test_an_unknown_kind_is_refused(kept):
    import hashlib

    path = kept / _task_files(kept)[0]
    blob = path.read_bytes()
    end = blob.index(b"\n", len(checkpoint._MAGIC))
    head = json.loads(blob[len(checkpoint._MAGIC):end])
    assert head["kind"] == "executor" and head["sha256"] == hashlib.sha256(blob[end + 1:]).hexdigest()
    head["kind"] = "other"
    path.write_bytes(checkpoint._MAGIC + json.dumps(head).encode() + blob[end:])
    with pytest.raises(InvalidArgument, match=r"of this checkpoint \(unknown kind\); delete the file"):
        _run(kept)


def test_task_files_without_a_description_are_refused(kept):
    (kept / "checkpoint.json").unlink()
    with pytest.raises(InvalidArgument, match="task files without checkpoint.json; give another folder"):
        _run(kept)
    assert checkpoint.kept_tasks(kept) is None


@pytest.mark.parametrize("text", ["{", "[]", "not json"])
def test_an_unreadable_description_is_refused(kept, text):
    (kept / "checkpoint.json").write_text(text)
    with pytest.raises(InvalidArgument, match="checkpoint.json"):
        _run(kept)
    assert checkpoint.kept_tasks(kept) is None


def test_a_file_or_a_missing_parent_is_no_checkpoint_folder(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(InvalidArgument, match="not a folder"):
        _run(tmp_path / "f")
    with pytest.raises(InvalidArgument, match="does not exist"):
        _run(tmp_path / "missing" / "cp")


def test_only_the_clipping_path_takes_a_checkpoint(tmp_path):
    net2 = random_network([2, 4, 1], 0)
    for method in ("auto", "polygon", "general"):
        with pytest.raises(InvalidArgument, match="clipping path only"):
            enumerate_regions(net2, workers=2, method=method, checkpoint=tmp_path / "cp")
    with pytest.raises(InvalidArgument, match="clipping path only"):
        enumerate_regions(NET, workers=2, record_empty=True, checkpoint=tmp_path / "cp")
    assert not (tmp_path / "cp").exists()
    e = enumerate_regions(net2, workers=2, method="clip", checkpoint=tmp_path / "cp")
    assert e.regions == enumerate_regions(net2, method="clip").regions


def test_an_empty_folder_is_a_new_checkpoint(tmp_path):
    folder = tmp_path / "cp"
    folder.mkdir()
    assert checkpoint.kept_tasks(folder) is None
    (folder / "notes.txt").write_text("the user's own file stays")
    e = _run(folder)
    assert (folder / "notes.txt").read_text() == "the user's own file stays"
    k, n = checkpoint.kept_tasks(folder)
    assert k == n == len(_task_files(folder)) > 0 and len(e.regions) > 100


# -- the folder's format, pinned: a checkpoint written by this version is read by the next -------

def test_the_digests_are_pinned():
    from exact.network import Network

    net = Network.from_json({"layers": [{"weight": [["1", "-1/2"], [0, 2]], "bias": ["3", "-1"], "activation": "relu"},
                                        {"weight": [[1, 1]], "bias": [0], "activation": "identity"}]})
    # SHA-256 of {"layers":[{"activation":"relu","bias":["3","-1"],"weight":[["1","-1/2"],["0","2"]]},...]}
    assert checkpoint.network_digest(net) == "e3c47334fce84ab2188b13a8a78bda0e8987172d0966385d75573245d7ee2c89"
    # SHA-256 of the state's pickle, protocol 5
    assert checkpoint.state_digest(((1, -2), [3, (4,)], None)) == \
        "c18431d12fdec454dbf9283ffdd1ca3520c9fa5c6870c339a8a9cc9afdbb1cde"


def test_every_task_has_its_own_state_digest(tmp_path):
    folder = tmp_path / "cp"
    enumerate_regions(NET, workers=2, checkpoint=folder)
    digests = json.loads((folder / "checkpoint.json").read_text())["tasks"]
    assert len(digests) >= 64 and len(set(digests)) == len(digests)


def test_one_task_asked_is_a_valid_but_other_split(kept):
    _edit_meta(kept, tasks_asked=1)
    with pytest.raises(InvalidArgument, match="not this run's"):
        _run(kept)


def _rewrite_head(path, **change):
    blob = path.read_bytes()
    end = blob.index(b"\n", len(checkpoint._MAGIC))
    head = json.loads(blob[len(checkpoint._MAGIC):end])
    head.update(change)
    path.write_bytes(checkpoint._MAGIC + json.dumps(head).encode() + blob[end:])
    return head


@pytest.mark.parametrize("field", ["task", "state_sha256"])
def test_a_header_naming_another_task_is_refused(kept, field):
    path = kept / _task_files(kept)[0]
    k = int(path.name[5:11])
    _rewrite_head(path, **{field: k + 1 if field == "task" else "0" * 64})
    with pytest.raises(InvalidArgument, match=r"task-\d{6}\.bin: not task \d+ of this checkpoint \(another task's file\)"):
        _run(kept)


def test_a_folder_in_a_tasks_place_is_unreadable(kept):
    meta = json.loads((kept / "checkpoint.json").read_text())
    missing = next(k for k in range(len(meta["tasks"])) if not (kept / f"task-{k:06d}.bin").exists())
    (kept / f"task-{missing:06d}.bin").mkdir()
    with pytest.raises(InvalidArgument, match=rf"task-{missing:06d}\.bin: cannot read: "):
        _run(kept)


def test_the_messages_name_the_folder(kept, tmp_path):
    with pytest.raises(InvalidArgument, match=r"cp: a checkpoint written for another network; give another folder, or "
                                              r"delete it to start again$"):
        enumerate_regions(random_network([3, 6, 6, 1], 8), workers=2, checkpoint=kept)
    (tmp_path / "f").write_text("x")
    with pytest.raises(InvalidArgument, match="exists and is not a folder; the checkpoint folder must be a folder"):
        _run(tmp_path / "f")


# -- one run at a time; what a killed run left; a file that cannot be written ----------------------

def test_one_run_at_a_time(tmp_path, ref):
    folder = tmp_path / "cp"
    with checkpoint.TaskCheckpoint(folder, NET, None, 1):
        with pytest.raises(InvalidArgument, match=r"cp: another run is using this checkpoint folder \(wait for it "
                                                  r"to end, or give another folder\)$"):
            _run(folder)
        assert not (folder / "checkpoint.json").exists()
    _same(_run(folder), ref)  # the lock went with the first one
    _same(_run(folder), ref)  # and with the run's own


def test_a_stopped_run_leaves_the_folder_unlocked(kept, ref):
    with checkpoint.TaskCheckpoint(kept, NET, None, 1) as cp:
        assert cp.want == 64 and cp.meta is not None
    _same(_run(kept), ref)


def test_a_refused_folder_is_left_unlocked(kept):
    other = random_network([3, 6, 6, 1], 8)
    with pytest.raises(InvalidArgument, match="another network"):
        checkpoint.TaskCheckpoint(kept, other, None, 1)
    with checkpoint.TaskCheckpoint(kept, NET, None, 1):
        pass


def test_what_a_killed_write_left_is_removed(kept, ref):
    (kept / ".tmp-checkpoint-abc123").write_bytes(b"half a task")
    for other in (".tmp-abc123", "notes.tmp-1", ".tmp-notes"):  # another command's write, the user's files
        (kept / other).write_text("not the checkpoint's")
    _same(_run(kept), ref)
    assert not (kept / ".tmp-checkpoint-abc123").exists()
    assert all((kept / other).read_text() == "not the checkpoint's"
               for other in (".tmp-abc123", "notes.tmp-1", ".tmp-notes"))


def test_the_checkpoints_writes_have_their_own_temporary_names(tmp_path, monkeypatch):
    import tempfile

    prefixes = []
    real = tempfile.mkstemp

    def spy(*args, **kw):
        prefixes.append(kw.get("prefix"))
        return real(*args, **kw)
    monkeypatch.setattr(tempfile, "mkstemp", spy)
    _run(tmp_path / "cp")
    assert len(prefixes) > 32 and set(prefixes) == {".tmp-checkpoint-"}


def _left_running(ready, go):
    ready.set()
    go.wait(30)


def test_a_pools_forked_worker_does_not_hold_the_lock(tmp_path):
    import multiprocessing as mp

    folder = tmp_path / "cp"
    cp = checkpoint.TaskCheckpoint(folder, NET, None, 1)
    ctx = mp.get_context("fork")
    ready, go = ctx.Event(), ctx.Event()
    child = ctx.Process(target=_left_running, args=(ready, go))  # as a worker after its parent was killed
    child.start()
    try:
        assert ready.wait(30)  # (forked: the fork's handlers have run)
        cp.close()
        with checkpoint.TaskCheckpoint(folder, NET, None, 1):  # free although the child is alive
            assert child.is_alive()
    finally:
        go.set()
        child.join(30)


def test_a_task_that_cannot_be_written_stops_the_run(kept, monkeypatch, ref):
    import errno

    calls = []

    def full(path, data, **kw):
        calls.append(path)
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(checkpoint, "atomic_write_bytes", full)
    with pytest.raises(checkpoint.CheckpointWriteError, match=r"task-\d{6}\.bin: cannot write: No space left on device$"):
        _run(kept)
    assert len(calls) == 1 and len(_task_files(kept)) == 3  # the kept ones are still there
    monkeypatch.undo()
    _same(_run(kept), ref)


def test_a_description_that_cannot_be_written(tmp_path, monkeypatch):
    from exact.errors import InvalidArgument as IA

    def refuse(path, text, **kw):
        raise IA("checkpoint.json: cannot write in the folder: Read-only file system")
    monkeypatch.setattr(checkpoint, "atomic_write_text", refuse)
    with pytest.raises(checkpoint.CheckpointWriteError, match=r"^checkpoint\.json: cannot write in the folder: "
                                                              r"Read-only file system$"):
        _run(tmp_path / "cp")


def test_kept_tasks_counts_only_this_checkpoints_tasks(kept):
    (kept / "task-999999.bin").write_bytes(b"x")
    (kept / "task-list.txt").write_text("the user's")
    meta = json.loads((kept / "checkpoint.json").read_text())
    assert checkpoint.kept_tasks(kept) == (3, len(meta["tasks"]))
    _edit_meta(kept, tasks=len(meta["tasks"]))
    assert checkpoint.kept_tasks(kept) is None


def test_a_users_file_named_task_is_no_task_file(tmp_path, ref):
    folder = tmp_path / "cp"
    folder.mkdir()
    (folder / "task-list.txt").write_text("the user's")
    (folder / "task-1.bin").write_text("the user's")
    _same(_run(folder), ref)


def test_every_task_kept_still_reports_progress(kept, ref):
    _run(kept)
    seen = []
    e = clip_enumerate(NET, None, workers=2, executor=CountingExecutor(), checkpoint=kept,
                       progress=lambda l, k, n: seen.append((k, n)))
    _same(e, ref)
    assert seen and seen[0][0] == seen[0][1] > 0
    with pytest.raises(_Stop):  # so a progress callback (the command's --seconds) can still stop it
        clip_enumerate(NET, None, workers=2, executor=CountingExecutor(), checkpoint=kept, progress=_stop_after(0))


def _sources(folder, change=None):
    """Copies of the sources whose digest names the code, one of them changed by a byte."""
    import exact

    here = os.path.dirname(exact.__file__)
    folder.mkdir()
    for name in ("clipping", "regions", "network", "inputs", "linalg"):
        data = open(os.path.join(here, name + ".py"), "rb").read()
        (folder / (name + ".py")).write_bytes(data + b" " if name == change else data)
    return str(folder / "checkpoint.py")


@pytest.fixture
def fresh_code_digest():
    """code_digest recomputed in the test, and again from the real sources after it."""
    checkpoint.code_digest.cache_clear()
    yield
    checkpoint.code_digest.cache_clear()


def test_the_code_digest_is_the_sources(tmp_path, monkeypatch, fresh_code_digest):
    import hashlib

    import exact

    here = os.path.dirname(exact.__file__)
    h = hashlib.sha256()
    for name in ("clipping", "regions", "network", "inputs", "linalg"):
        h.update(name.encode() + b"\0" + hashlib.sha256(open(os.path.join(here, name + ".py"), "rb").read()).digest())
    assert checkpoint.code_digest() == h.hexdigest()
    with monkeypatch.context() as m:  # computed once: sources elsewhere are not read again
        (tmp_path / "empty").mkdir()
        m.setattr(checkpoint, "__file__", str(tmp_path / "empty" / "checkpoint.py"))
        assert checkpoint.code_digest() == h.hexdigest()
    digests = {}
    for change in (None, "clipping", "regions", "network", "inputs", "linalg"):
        checkpoint.code_digest.cache_clear()
        monkeypatch.setattr(checkpoint, "__file__", _sources(tmp_path / str(change), change))
        digests[change] = checkpoint.code_digest()
    assert digests[None] == h.hexdigest() and len(set(digests.values())) == 6


def test_the_lock_file_and_its_descriptor(tmp_path):
    folder = tmp_path / "cp"
    cp = checkpoint.TaskCheckpoint(folder, NET, None, 1)
    assert (folder / ".lock").is_file() and not os.get_inheritable(cp._lock)
    fd = cp._lock
    assert checkpoint._HELD == {fd}
    cp.close()
    assert checkpoint._HELD == set()  # a forked child will not close a descriptor reused since
    cp.close()  # twice is harmless
    with pytest.raises(ValueError, match="inside"):  # the context manager lets exceptions through
        with checkpoint.TaskCheckpoint(folder, NET, None, 1):
            raise ValueError("inside")
    with checkpoint.TaskCheckpoint(folder, NET, None, 1):
        pass


def test_a_lock_that_cannot_be_made(tmp_path):
    folder = tmp_path / "cp"
    folder.mkdir()
    (folder / ".lock").mkdir()
    with pytest.raises(InvalidArgument, match="cp: cannot use the checkpoint folder: Is a directory$"):
        _run(folder)


def test_a_description_that_the_system_refuses(tmp_path, monkeypatch):
    import errno

    def refuse(path, text, **kw):
        raise OSError(errno.EROFS, "Read-only file system")
    monkeypatch.setattr(checkpoint, "atomic_write_text", refuse)
    with pytest.raises(checkpoint.CheckpointWriteError, match=r"cp/checkpoint\.json: cannot write: Read-only file system$"):
        _run(tmp_path / "cp")


def test_an_unreadable_description_names_the_json_error(kept):
    (kept / "checkpoint.json").write_text("{")
    with pytest.raises(InvalidArgument, match=r"cannot read checkpoint\.json \(JSONDecodeError\)"):
        _run(kept)


def test_without_sources_the_release_names_the_code(tmp_path, monkeypatch, fresh_code_digest):
    import hashlib

    from proofs import __version__

    (tmp_path / "empty").mkdir()
    monkeypatch.setattr(checkpoint, "__file__", str(tmp_path / "empty" / "checkpoint.py"))
    h = hashlib.sha256()
    for name in ("clipping", "regions", "network", "inputs", "linalg"):
        h.update(name.encode() + b"\0" + hashlib.sha256(f"relu-proofcheck {__version__}".encode()).digest())
    assert checkpoint.code_digest() == h.hexdigest()


def test_the_lock_file_is_an_ordinary_file(tmp_path):
    mask = os.umask(0o022)
    os.umask(mask)
    with checkpoint.TaskCheckpoint(tmp_path / "cp", NET, None, 1):
        assert os.stat(tmp_path / "cp" / ".lock").st_mode & 0o777 == 0o666 & ~mask


@pytest.mark.parametrize("spoil", ["frontier", "task file"])
def test_a_run_refused_after_the_frontier_leaves_the_folder_unlocked(kept, ref, spoil):
    meta_text = (kept / "checkpoint.json").read_text()
    name = _task_files(kept)[0]
    blob = (kept / name).read_bytes()
    if spoil == "frontier":
        _edit_meta(kept, tasks_asked=65)
    else:
        (kept / name).write_bytes(b"")
    with pytest.raises(InvalidArgument, match="not this run's" if spoil == "frontier" else "not a task file"):
        _run(kept)
    (kept / "checkpoint.json").write_text(meta_text)
    (kept / name).write_bytes(blob)
    _same(_run(kept), ref)  # not "another run is using this checkpoint folder"
