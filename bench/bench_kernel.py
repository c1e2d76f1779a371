"""The kernel's size and speed: lines of its core and of each claim specification, and the time
to re-check every certificate of `proofcheck run all` against the time of the run (one run).

    .venv/bin/python bench/bench_kernel.py                 # runs every claim, then the kernel
    .venv/bin/python bench/bench_kernel.py --certs DIR     # re-check the certificates in DIR only
"""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KERNEL = ROOT / "proofs" / "kernel"


def _code_lines(text: str) -> int:
    """Lines that are neither blank nor comments (docstrings count: they state the facts)."""
    return sum(1 for line in text.splitlines() if line.strip() and not line.strip().startswith("#"))


def kernel_lines() -> dict:
    """Code lines of each core file, of each specification, and of each spec file's helpers."""
    core = {p.name: _code_lines(p.read_text()) for p in sorted(KERNEL.glob("*.py"))}
    specs = {}
    for path in sorted((KERNEL / "specs").glob("*.py")):
        text = path.read_text()
        lines, in_specs = text.splitlines(), 0
        for node in ast.parse(text).body:
            for dec in getattr(node, "decorator_list", []):
                if isinstance(dec, ast.Call) and getattr(dec.func, "id", "") == "spec":
                    args = [a.value for a in dec.args if isinstance(a, ast.Constant)]
                    label = args[0] + (f" [{args[1]}]" if len(args) > 1 and args[1] else "")
                    specs[label] = _code_lines("\n".join(lines[dec.lineno - 1:node.end_lineno]))
                    in_specs += specs[label]
        specs[f"(shared helpers of specs/{path.name})"] = _code_lines(text) - in_specs
    return {"core": core, "specs": specs}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--certs", metavar="DIR", help="re-check these certificates instead of running every claim")
    args = ap.parse_args()
    run_seconds = None
    tmp = None
    if args.certs:
        certs = Path(args.certs)
    else:
        tmp = tempfile.mkdtemp()
        certs = Path(tmp) / "certs"
        t0 = time.perf_counter()
        subprocess.run([str(Path(sys.executable).parent / "proofcheck"), "run", "all", "-q",
                        "--json", str(Path(tmp) / "r.json"), "--certificates", str(certs)], check=False)
        run_seconds = time.perf_counter() - t0
    files = sorted(str(p) for p in certs.glob("*.json"))
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-I", "-S", str(KERNEL), "--json", "--", *files],
                          capture_output=True, text=True)
    kernel_seconds = time.perf_counter() - t0
    answer = json.loads(proc.stdout)
    valid = sum(1 for c in answer["certificates"] if c["status"] == "valid")
    sizes = kernel_lines()
    print(f"kernel core: {sum(sizes['core'].values())} lines " +
          ", ".join(f"{k} {v}" for k, v in sizes["core"].items()))
    spec_sizes = {k: v for k, v in sizes["specs"].items() if not k.startswith("(")}
    print(f"specifications: {len(spec_sizes)}, {sum(spec_sizes.values())} lines, "
          f"median {sorted(spec_sizes.values())[len(spec_sizes) // 2] if spec_sizes else 0}, "
          f"largest {max(spec_sizes.items(), key=lambda kv: kv[1]) if spec_sizes else None}")
    for k, v in sizes["specs"].items():
        print(f"  {v:4d}  {k}")
    print(f"certificates: {len(files)}, valid {valid}; kernel re-check {kernel_seconds:.1f} s"
          + (f", run all {run_seconds:.1f} s, ratio {kernel_seconds / run_seconds:.2f}" if run_seconds else ""))
    return 0 if proc.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
