#!/usr/bin/env bash
# Mutation testing of exact/ with mutmut (pip install -e '.[mutation]').
#
#   bash bench/mutation.sh                      # the modules below
#   bash bench/mutation.sh exact.linalg         # one module (a mutmut name pattern prefix)
#   MUTATION_JOBS=2 bash bench/mutation.sh      # parallel workers (default 1: a shared 2-core box)
#   bash bench/mutation.sh kernel               # the kernel's core (reader, core, framework, regions)
#   bash bench/mutation.sh kernel proofs.kernel.specs.p000   # one file of claim specifications
#   bash bench/mutation.sh kernel specs         # every file of claim specifications
#   MUTANTS="proofs.kernel.specs.p002.x_constructions__mutmut_7 ..." bash bench/mutation.sh kernel proofs.kernel.specs.p002
#                                               # re-run only the named mutants (names or globs)
#   MUTATION_TESTS="tests/exact/test_regions_boundaries.py" bash bench/mutation.sh exact.regions
#                                               # only these tests (a partial run: a lower bound on the kills)
#
# mutmut writes a mutants/ tree next to pyproject.toml, so the run happens in a scratch copy
# of the work tree (tracked and untracked files, no .venv): the work tree is never touched.
# The test selection is [tool.mutmut] in pyproject.toml; for named modules of exact/ it is
# each module's own tests and doctests (the table below), and only those modules are mutated
# (MUTATION_ALL_TESTS=1 keeps pyproject.toml's selection).  The script prints mutmut's
# results and, per module, killed / total and the surviving mutants' names; `mutmut show
# NAME` in the scratch copy (printed at the end) shows a survivor's diff.  Survivors are then
# classified by bench/mutation_classify.py: those that change only an error message's text are
# counted per function, the others listed one by one (survivors.md in the scratch copy).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
py="${PYTHON:-$here/.venv/bin/python}"
mutmut="$(dirname "$py")/mutmut"
jobs="${MUTATION_JOBS:-1}"
target=exact
if [ "${1:-}" = "kernel" ]; then target=kernel; shift; fi
modules=("$@")
if [ ${#modules[@]} -eq 0 ] && [ "$target" = exact ]; then
    modules=(exact.evaluate exact.linalg exact.scalar exact.inputs exact.network exact.files)
elif [ ${#modules[@]} -eq 0 ]; then
    modules=(proofs.kernel.core proofs.kernel.reader proofs.kernel.framework proofs.kernel.regions)
elif [ "${modules[0]}" = specs ]; then
    modules=()
    for f in "$here"/proofs/kernel/specs/p*.py "$here"/proofs/kernel/specs/user.py "$here"/proofs/kernel/specs/claimfile.py; do
        modules+=("proofs.kernel.specs.$(basename "$f" .py)")
    done
fi
# ci's hypothesis examples without shrinking (tests/conftest.py): a failing example kills the
# mutant at once instead of being shrunk until the mutant times out.
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-mutation}"
work="${MUTATION_DIR:-${TMPDIR:-/tmp}/proofcheck-mutation}"
rm -rf "$work"
mkdir -p "$work"
(cd "$here" && git ls-files -co --exclude-standard -z | grep -zv '^mutants/' | xargs -0 cp --parents -t "$work")
cd "$work"
if [ "$target" = kernel ]; then
    # The honest certificates the specification tests start from are built once (by the clean
    # run) and read back by every mutant's run (tests/honest_certificates.py).
    export PROOFCHECK_CERT_CACHE="$work/honest-certificates"
    # The kernel's own tests; the subprocess tests (-I -S) cannot import mutmut's trampolines.
    "$py" - "${modules[@]}" <<'PY'
import re, sys
mods = sys.argv[1:]
paths = [m.replace(".", "/") + ".py" for m in mods]
tests = ["tests/kernel/test_reader_core.py", "tests/kernel/test_framework.py", "tests/kernel/test_boundaries.py",
         "tests/kernel/test_specs_p000_lemmas.py", "tests/kernel/test_regions.py", "tests/kernel/test_output_lines.py",
         "tests/kernel/test_specs_claimfile.py"]
for m in mods:
    if m == "proofs.kernel.pl":
        tests += ["tests/kernel/test_pl.py", "tests/kernel/test_specs_claimfile.py"]
    if ".specs." in m:
        group = m.rsplit(".", 1)[1]
        tests += {"p000": ["tests/kernel/test_specs_p000_training.py"],
                  "user": ["tests/kernel/test_specs_p000_lemmas.py"],
                  # p001_sorted.py builds on p001b.py's helpers (_sorted_layer2, _a2, _solution, ...)
                  "p001b": ["tests/kernel/test_specs_p001b.py", "tests/kernel/test_specs_p001_sorted.py"]}.get(
            group, [f"tests/kernel/test_specs_{group}.py"])
tests = [t for t in tests if __import__("os").path.exists(t)]
text = open("pyproject.toml").read()
text = text[:text.index("[tool.mutmut]")] + "[tool.mutmut]\n" + (
    f"source_paths = [\"proofs/kernel/\"]\npaths_to_mutate = {paths!r}\n"
    f"do_not_mutate = {[str(p) for p in __import__('pathlib').Path('proofs/kernel').rglob('*.py') if str(p) not in paths]!r}\n"
    "also_copy = [\"exact/\", \"numeric/\", \"proofs/\", \"docs/\"]\n"
    "pytest_add_cli_args = [\"-q\", \"-x\", \"-p\", \"no:cacheprovider\", \"-p\", \"no:randomly\", "
    "\"-k\", \"not stand_alone and not standalone and not isolation and not bare\"]\n"
    f"pytest_add_cli_args_test_selection = {sorted(set(tests))!r}\ntimeout_multiplier = 5.0\n").replace("'", '"')
open("pyproject.toml", "w").write(text)
PY
fi
if [ "$target" = exact ] && [ "${MUTATION_ALL_TESTS:-0}" != 1 ]; then
    # Each module of exact/ is tested by the tests that exercise it (plus its doctests), not by
    # the whole selection of [tool.mutmut]: the clean run and mutmut's per-function test
    # statistics then take seconds.  MUTATION_ALL_TESTS=1 keeps pyproject.toml's selection.
    "$py" - "${modules[@]}" <<'PY'
import os, sys
base = ["tests/exact/test_known_answers.py", "tests/numeric/test_known_answers.py"]
own = {
    "exact.evaluate": ["tests/exact/test_evaluate.py", "tests/exact/test_evaluate_boundaries.py"],
    "exact.linalg": ["tests/exact/test_linalg.py", "tests/exact/test_linalg_boundaries.py"],
    "exact.scalar": ["tests/exact/test_scalar.py", "tests/exact/test_scalar_boundaries.py"],
    "exact.network": ["tests/exact/test_network.py", "tests/exact/test_network_boundaries.py"],
    "exact.inputs": ["tests/exact/test_inputs.py", "tests/exact/test_inputs_boundaries.py"],
    "exact.files": ["tests/exact/test_files.py"],
    "exact.feasibility": ["tests/exact/test_feasibility.py"],
    "exact.certify": ["tests/exact/test_certify.py", "tests/exact/test_certify_boundaries.py"],
    # regions and clipping: the fast tests on small networks (docs/exact-mutation.md, CL1-CL3, RG1)
    "exact.regions": ["tests/exact/test_regions_small.py", "tests/exact/test_regions_boundaries.py",
                      "tests/exact/test_deferred_regions.py", "tests/exact/test_clipping_small.py"]
                     + [f"tests/exact/test_regions.py::test_{t}" for t in (
                         "doctests", "polygon_path_finds_regions_far_from_the_origin", "polygon_areas_tile_the_box",
                         "degenerate_arrangements", "every_region_point_pattern_and_map",
                         "sweep_and_general_agree_in_one_dimension", "box_areas_sum_to_the_box",
                         "affine_pieces_merge_only_neighbours_with_the_same_map", "adjacency_and_recession",
                         "errors", "hard_threshold_layers")],
    "exact.clipping": ["tests/exact/test_clipping_small.py"]
                      + [f"tests/exact/test_clipping.py::test_{t}" for t in (
                          "default_workers_is_the_affinity", "default_workers_on_one_core_and_without_affinity",
                          "weights_at_2_to_the_62_leave_the_int64_weights")],
    "exact.sweep1d": ["tests/exact/test_sweep1d.py", "tests/exact/test_lecture002.py"],
    "exact.lecture002": ["tests/exact/test_lecture002.py"],
    "exact.modular": ["tests/exact/test_modular.py",
                      "tests/proofs/methods/test_batched.py::test_modular_decisions_agree_with_flint_and_are_proofs",
                      "tests/proofs/methods/test_batched.py::test_modular_negative_control_p_divides_det"],
    "exact.curves": ["tests/exact/test_curves.py"],
    "exact.slides001": ["tests/exact/test_slides001.py"],
    "exact.step_autoencoder": ["tests/exact/test_step_autoencoder.py", "tests/exact/test_certify.py",
                               "tests/exact/test_step_autoencoder_boundaries.py"],
    "exact.two_layer": ["tests/exact/test_two_layer.py", "tests/exact/test_slides001.py"],
    "exact.datasets": ["tests/exact/test_datasets.py"],
    "exact.errors": ["tests/exact/test_errors.py"],
}
tests = list(base)
for m in sys.argv[1:]:
    tests += own.get(m, ["tests/exact"])
    tests.append(f"tests/test_doctests.py::test_doctests[{m}]")
if os.environ.get("MUTATION_TESTS"):  # a quick partial run: only these tests (a lower bound on the kills)
    tests = os.environ["MUTATION_TESTS"].split()
tests = [t for t in dict.fromkeys(tests) if os.path.exists(t.split("::")[0])]
text = open("pyproject.toml").read()
start = text.index("pytest_add_cli_args_test_selection")
end = text.index("]", start) + 1
only = [m.replace(".", "/") + ".py" for m in sys.argv[1:] if os.path.exists(m.replace(".", "/") + ".py")]
text = (text[:start] + "pytest_add_cli_args_test_selection = " + repr(tests).replace("'", '"')
        + ("\nonly_mutate = " + repr(only).replace("'", '"') if only else "") + text[end:])
open("pyproject.toml", "w").write(text)
PY
fi
patterns=()
if [ -n "${MUTANTS:-}" ]; then
    # only these mutants (names or globs, e.g. from survivors.md of an earlier run)
    read -r -a patterns <<< "$MUTANTS"
else
    for m in "${modules[@]}"; do patterns+=("${m}.*"); done
fi
"$mutmut" run --max-children "$jobs" "${patterns[@]}" > mutmut-run.log 2>&1 || true
if grep -q "failed to collect stats\|failed to run clean test" mutmut-run.log; then
    echo "mutmut could not run the test selection cleanly (a failing test?); see $work/mutmut-run.log:" >&2
    grep -E "^(FAILED|ERROR)" mutmut-run.log | head -20 >&2
    exit 1
fi
"$mutmut" results --all true > mutmut-results.txt 2>&1 || "$mutmut" results > mutmut-results.txt 2>&1 || true
"$py" - "${modules[@]}" <<'PY'
import re, sys
lines = open("mutmut-results.txt").read().splitlines()
rows = [re.match(r"\s*([\w.]+__mutmut_\d+): (.+)", l) for l in lines]
rows = [m.groups() for m in rows if m]
for mod in sys.argv[1:]:
    mine = [(n, s) for n, s in rows if n.startswith(mod + ".")]
    total = len(mine)
    killed = sum(s in ("killed", "timeout") for _, s in mine)
    unchecked = sum(s == "not checked" for _, s in mine)
    survivors = [n for n, s in mine if s not in ("killed", "timeout", "not checked")]
    tested = total - unchecked
    score = 100.0 * killed / tested if tested else 0.0
    print(f"{mod}: {killed}/{tested} killed ({score:.1f} %)" + (f"; {unchecked} not checked" if unchecked else ""))
    for n in survivors:
        print(f"    {n}: {dict(mine)[n]}")
PY
# Survivors whose every change lies in an error message or a place name (bench/mutation_classify.py).
"$py" "$here/bench/mutation_classify.py" mutmut-results.txt survivors.md
echo "classified survivors: $work/survivors.md"
echo "scratch copy: $work (mutmut show NAME there)"
