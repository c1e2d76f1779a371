"""``proofcheck regions --scheduler ADDRESS``: the clipping path's tasks on a Dask cluster.

The tasks are those of the process pool (exact.clipping's frontier), run through any
concurrent.futures executor (a Dask cluster's ``Client.get_executor()``), merged in the serial
order: the JSON is the single-process one.  The connection is the search's
(``proofs.methods.batched.dask_client``): a bad address is one line and exit 2.
"""

import json
import pickle
import random
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import exact.clipping as clipping
from exact.errors import InvalidArgument
from exact.network import save_network
from exact.regions import enumerate_regions
from proofs.claims.p003 import random_network
from proofs.cli import main


def _json(path):
    doc = json.loads(path.read_text())
    doc.pop("seconds")
    return doc


@pytest.fixture
def net3(tmp_path):
    path = tmp_path / "net3.json"
    save_network(random_network([3, 6, 6, 1], 7), path)
    return path


def test_dask_local_cluster_gives_the_single_process_json(tmp_path, net3, capsys):
    """A real local cluster: a scheduler and two worker processes (about 10 s)."""
    import distributed

    one, on_dask = tmp_path / "one.json", tmp_path / "dask.json"
    assert main(["regions", str(net3), "--workers", "1", "-q", "--json", str(one)]) == 0
    box_one = enumerate_regions(random_network([3, 6, 6, 1], 7), [("-1", "1")] * 3, workers=1).to_json()
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as lc:
        # through its address, as a user gives it
        assert main(["regions", str(net3), "--scheduler", lc.scheduler_address, "-q", "--json", str(on_dask)]) == 0
        # with a checkpoint folder: the cluster's results kept, then read back by a pool's run
        cp, kept = tmp_path / "cp", tmp_path / "kept.json"
        assert main(["regions", str(net3), "--scheduler", lc.scheduler_address, "-q", "--checkpoint", str(cp)]) == 0
        # and through the library, on a bounded box (no deferred interior points)
        with distributed.Client(lc, set_as_default=False) as client:
            ex = client.get_executor(pure=False)
            box_dask = enumerate_regions(random_network([3, 6, 6, 1], 7), [("-1", "1")] * 3, workers=2,
                                         executor=ex).to_json()
            assert client.scheduler_info()["workers"]  # the cluster is still up: the executor was not closed
    assert main(["regions", str(net3), "--workers", "2", "-q", "--checkpoint", str(cp), "--json", str(kept)]) == 0
    capsys.readouterr()
    doc = _json(one)
    assert doc["counts"]["activation_regions"] > 100
    assert _json(on_dask) == doc
    assert _json(kept) == doc and len(list(cp.glob("task-*.bin"))) >= 32
    assert box_dask == box_one


class _Shuffled(ThreadPoolExecutor):
    """A concurrent.futures executor whose tasks finish in a scrambled order (random delays)."""

    def __init__(self, drop=None):
        super().__init__(max_workers=4)
        self.rng, self.drop, self.calls = random.Random(1), drop, 0

    def submit(self, fn, *args):
        delay = self.rng.random() * 0.01
        task = fn is clipping._task_run  # (the deferred interior points come through map)
        self.calls += task
        drop = task and self.calls == self.drop

        def run():
            time.sleep(delay)
            out = fn(*args)
            return pickle.dumps(([], None)) if drop else out  # a task's result: pickled records
        return super().submit(run)


def test_any_executor_is_merged_in_the_serial_order():
    net = random_network([3, 6, 6, 1], 7)
    ref = enumerate_regions(net, workers=1).to_json()
    for workers, tasks in ((1, 32), (2, 64), (3, 96), (7, 0)):  # 7: the traversal ends inside the frontier
        with _Shuffled() as ex:
            assert enumerate_regions(net, workers=workers, executor=ex).to_json() == ref
            assert ex.calls == tasks
    # negative control: an executor losing one task's pieces must not give the same output
    with _Shuffled(drop=5) as ex:
        assert enumerate_regions(net, workers=2, executor=ex).to_json() != ref


def test_an_executor_runs_only_the_clipping_path():
    with ThreadPoolExecutor(1) as ex:
        with pytest.raises(InvalidArgument, match="clipping path"):
            enumerate_regions(random_network([2, 4, 1], 0), executor=ex)  # d = 2: the polygon path
        assert enumerate_regions(random_network([2, 4, 1], 0), method="clip", executor=ex).to_json() == \
            enumerate_regions(random_network([2, 4, 1], 0), method="clip").to_json()


def _one_line_exit_2(args, code=None):
    prog = code or "import sys; from proofs.cli import main; sys.exit(main(sys.argv[1:]))"
    r = subprocess.run([sys.executable, "-c", prog, *args], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and len(lines[0]) <= 200 and "Traceback" not in r.stderr, r.stderr
    return lines[0]


def test_bad_scheduler_address_is_one_line_and_exit_2(net3):
    line = _one_line_exit_2(["regions", str(net3), "--scheduler", "nonsense"])
    assert "--scheduler nonsense" in line and "Dask scheduler" in line
    # nothing listening there: the connection gives up after CONNECT_SECONDS (1 s here)
    quick = ("import sys; import proofs.methods.batched as b; b.CONNECT_SECONDS = 1; "
             "from proofs.cli import main; sys.exit(main(sys.argv[1:]))")
    line = _one_line_exit_2(["regions", str(net3), "--scheduler", "tcp://127.0.0.1:1"], quick)
    assert "tcp://127.0.0.1:1" in line and "no Dask scheduler" in line
    # the search connects through the same function
    line = _one_line_exit_2(["search", "001-C1", "--reading", "criterion", "--direction", "sufficiency",
                             "--no-database", "-q", "--scheduler", "nonsense"])
    assert "--scheduler nonsense" in line


def test_scheduler_with_another_path_or_workers_is_refused(tmp_path, net3, capsys):
    net2 = tmp_path / "net2.json"
    save_network(random_network([2, 4, 1], 0), net2)
    assert main(["regions", str(net2), "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "clipping path" in capsys.readouterr().err
    assert main(["regions", str(net3), "--scheduler", "tcp://127.0.0.1:1", "--workers", "2"]) == 2
    assert "exclude each other" in capsys.readouterr().err


def test_bad_scheduler_as_a_claim_parameter_is_named_as_given():
    """`run ... --param scheduler=ADDRESS` names the parameter, not the search's `--scheduler` option,
    and stops before any claim starts."""
    line = _one_line_exit_2(["run", "003-Ex2", "--param", "scheduler=nonsense", "-q"])
    assert line.startswith("proofcheck: error: --param scheduler=nonsense: ") and "Dask scheduler" in line
    assert "--scheduler " not in line
