"""Command line: python3 -I -S proofs/kernel [--max-digits N] [--json] [--claim-file F.toml] CERT.json ...

Exit 0: every certificate valid; 1: at least one invalid (each named with the first failing
check); 2: a file that cannot be read as a certificate, or bad arguments.  With
``--claim-file F.toml`` (repeatable) every certificate must be about one of the given claim
files: it embeds the file's text, whose SHA-256 must be that of the file's bytes.
"""

import os
import sys

if not __package__:  # run as a folder or a file: load this folder as the package "relu_kernel"
    import importlib.util

    _here = os.path.dirname(os.path.abspath(__file__))
    _spec = importlib.util.spec_from_file_location("relu_kernel", os.path.join(_here, "__init__.py"),
                                                   submodule_search_locations=[_here])
    _kernel = importlib.util.module_from_spec(_spec)
    sys.modules["relu_kernel"] = _kernel
    _spec.loader.exec_module(_kernel)
    recheck_file = _kernel.recheck_file
else:
    from . import recheck_file

USAGE = "usage: python3 -I -S proofs/kernel [--max-digits N] [--json] [--claim-file F.toml] [--] CERT.json ..."


def main(argv=None):
    import json

    args = list(sys.argv[1:] if argv is None else argv)
    max_digits, as_json, files, claim_files = None, False, [], None
    while args:
        a = args.pop(0)
        if a == "--":
            files += args
            break
        if a in ("-h", "--help"):
            print(__doc__.strip())
            return 0
        if a == "--json":
            as_json = True
        elif a == "--max-digits":
            if not args or not (args[0].isascii() and args[0].isdigit()) or not 1 <= int(args[0]) <= 10 ** 7:
                print("--max-digits takes a whole number from 1 to 10000000", file=sys.stderr)
                return 2
            max_digits = int(args.pop(0))
        elif a == "--claim-file":
            import hashlib

            if not args:
                print("--claim-file takes a file", file=sys.stderr)
                return 2
            name = args.pop(0)
            try:
                with open(name, "rb") as fh:
                    data = fh.read(1 << 20)
            except OSError as e:
                print("--claim-file %s: cannot read: %s" % (name[:80], e.strerror or e), file=sys.stderr)
                return 2
            claim_files = (claim_files or set()) | {hashlib.sha256(data).hexdigest()}
        elif a.startswith("-") and a != "-":
            print("unknown option %s; %s" % (a[:40], USAGE), file=sys.stderr)
            return 2
        else:
            files.append(a)
    if not files:
        print(USAGE, file=sys.stderr)
        return 2
    if max_digits and max_digits > 4000:
        sys.set_int_max_str_digits(0)
    worst, report = 0, []
    for path in files:
        status, message = recheck_file(path, max_digits, claim_files)
        worst = max(worst, {"valid": 0, "invalid": 1, "malformed": 2}[status])
        report.append({"file": path, "status": status, "message": message})
        if not as_json:
            print("%s: %s: %s" % (path, status.upper() if status != "valid" else "valid", message),
                  file=sys.stdout if status == "valid" else sys.stderr)
    if as_json:
        print(json.dumps({"valid": worst == 0, "certificates": report}, indent=1))
    return worst


if __name__ == "__main__":
    sys.exit(main())
