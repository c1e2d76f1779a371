"""Hand-made mutants of exact/workers.py (mutmut cannot run them: the code runs in forked
children, where it records no test).  Each mutant is applied to a copy of the tree in a temporary
folder and the two test files that cover the module are run against it (first on the unchanged
copy, where they must pass); a mutant is killed when a test fails.  The work tree is never touched.

    .venv/bin/python bench/mutants_workers.py

Prints one line per mutant and exits 1 if one survives (docs/exact-mutation.md, WK1).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ["tests/exact/test_workers.py", "tests/proofs/cli/test_parent_killed.py"]

MUTANTS = [
    ("no prctl (always the thread)", "_prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0", "False"),
    ("SIGTERM as the death signal", "signal.SIGKILL, 0, 0, 0", "signal.SIGTERM, 0, 0, 0"),
    ("no look at getppid after prctl",
     '        if os.getppid() != parent_pid:\n            _end()\n        return "kernel"', '        return "kernel"'),
    ("no first look in the thread way", "    if os.getppid() != parent_pid:\n        _end()\n\n    def watch", "    def watch"),
    ("the watching thread's test inverted",
     "            if os.getppid() != parent_pid:\n                _end()",
     "            if os.getppid() == parent_pid:\n                _end()"),
    ("the watching thread not started", '    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()\n', ""),
    ("no guard for the parent itself", '    if parent_pid == os.getpid():\n        return "same process"\n', ""),
    ("parent_pid <= 0 as < 0", "parent_pid <= 0", "parent_pid < 0"),
    ("bool accepted", " or isinstance(parent_pid, bool)", ""),
    ("exit 0 instead of 1", "os._exit(1)", "os._exit(0)"),
    ("use_kernel ignored", "if use_kernel and _prctl", "if _prctl"),
    ("use_kernel inverted", "if use_kernel and _prctl", "if not use_kernel and _prctl"),
]


def main() -> int:
    src = (ROOT / "exact" / "workers.py").read_text()
    survived = 0
    with tempfile.TemporaryDirectory(prefix="mutants-workers-") as tmp:
        tree = Path(tmp)
        for name in ("exact", "proofs", "tests"):
            shutil.copytree(ROOT / name, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(ROOT / "pyproject.toml", tree)
        env = dict(os.environ, PYTHONPATH=str(tree), PYTHONDONTWRITEBYTECODE="1")
        cmd = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *TESTS]
        base = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True)
        if base.returncode != 0:  # else every mutant would count as killed
            print("the tests fail on the unchanged copy:\n" + base.stdout[-3000:])
            return 2
        for name, old, new in MUTANTS:
            if src.count(old) != 1:
                print(f"{name}: the text to change is not found once in exact/workers.py")
                return 2
            (tree / "exact" / "workers.py").write_text(src.replace(old, new))
            run = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True)
            killed = run.returncode != 0
            survived += not killed
            last = (run.stdout.strip().splitlines() or [""])[-1]
            print(f"{'killed  ' if killed else 'SURVIVED'} {name}  ({last})", flush=True)
    print(f"{len(MUTANTS) - survived} / {len(MUTANTS)} killed")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
