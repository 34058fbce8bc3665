#!/usr/bin/env python3
"""Instructions per operation of the benchmarks, counted by callgrind: the stable measure.

Criterion's medians on a shared machine move by a few percent between runs of one binary (and
the corpus's by up to 2x), so a change of a few hundred instructions is easier to see here. Each
operation runs under `valgrind --tool=callgrind`, collecting only inside the function that does
one operation (the benchmark's routine), and the count is the instructions collected divided by
the calls to that function.

    scripts/instructions.py                  # every operation
    scripts/instructions.py fetch corpus     # the operations of some benchmarks
    scripts/instructions.py --list           # the operations, without running them

Needs valgrind (Debian: `apt-get install valgrind`). Builds the benchmarks first
(`cargo bench --no-run`). Python 3 standard library only.
"""

import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent

# (benchmark, cargo features, criterion filter, function that does one operation).
OPERATIONS = [
    ("fetch", "", "fetch/simple_get_parsed_url$", "fetch::one_round"),
    ("fetch", "", "fetch/simple_get$", "fetch::one_round"),
    ("fetch", "", "fetch/preflighted_put_warm_parsed_url$", "fetch::one_round"),
    ("fetch", "", "fetch/preflighted_put_warm$", "fetch::one_round"),
    ("fetch", "", "fetch/preflighted_put_cold_parsed_url$", "fetch::preflighted"),
    ("fetch", "", "fetch/preflighted_put_cold$", "fetch::preflighted"),
    ("corpus", "vectors", "corpus/scenarios", "cors_sim::testing::vectors::Vector::run"),
    ("tower", "tower", "tower/get_credentialed/check$", "Runtime::block_on"),
    ("tower", "tower", "tower/get_credentialed/oneshot$", "Runtime::block_on"),
    ("tower", "tower", "tower/put_warm/adapter$", "Runtime::block_on"),
    ("tower", "tower", "tower/put_warm/oneshot$", "Runtime::block_on"),
    ("tower", "tower", "tower/put_preflighted/check$", "Runtime::block_on"),
    ("tower", "tower", "tower/put_preflighted/oneshot$", "Runtime::block_on"),
]


def build(bench, features):
    """Builds `bench` and returns the path of its executable."""
    command = ["cargo", "bench", "--no-run", "--message-format=json", "--bench", bench]
    if features:
        command += ["--features", features]
    out = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        message = json.loads(line)
        if message.get("reason") == "compiler-artifact" and message["target"]["name"] == bench:
            if message.get("executable"):
                return message["executable"]
    sys.exit(f"no executable for the benchmark {bench}")


def count(executable, name_filter, function):
    """Instructions collected inside `function`, and the number of calls to it."""
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "callgrind.out"
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--toggle-collect=*{function}*",
                f"--callgrind-out-file={out}",
                executable,
                "--bench",
                "--profile-time",
                "1",
                name_filter,
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        return parse(out.read_text(errors="replace"), function)


def parse(text, function):
    """The `totals` of a callgrind output, and the calls to functions whose name holds
    `function` (names are compressed: `(id) name` the first time, `(id)` after)."""
    names = {}
    total = 0
    calls = 0
    callee = None
    for line in text.splitlines():
        if line.startswith("totals:") or line.startswith("summary:"):
            total = int(line.split()[1])
        elif line.startswith("cfn="):
            match = re.match(r"cfn=\((\d+)\)(?: (.*))?", line)
            if match:
                if match.group(2):
                    names[match.group(1)] = match.group(2)
                callee = names.get(match.group(1), "")
        elif line.startswith("fn="):
            match = re.match(r"fn=\((\d+)\)(?: (.*))?", line)
            if match and match.group(2):
                names[match.group(1)] = match.group(2)
            callee = None
        elif line.startswith("calls=") and callee is not None:
            if function in callee:
                calls += int(line.split("=")[1].split()[0])
            callee = None
    return total, calls


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("benches", nargs="*", help="fetch, corpus, tower (default: all)")
    parser.add_argument("--list", action="store_true", help="list the operations only")
    args = parser.parse_args()
    wanted = [op for op in OPERATIONS if not args.benches or op[0] in args.benches]
    if not wanted:
        sys.exit(f"no benchmark among {sorted({op[0] for op in OPERATIONS})} was named")
    if args.list:
        for bench, _, name_filter, function in wanted:
            print(f"{name_filter.rstrip('$'):45} ({bench}: per call of {function})")
        return
    executables = {}
    for bench, features, name_filter, function in wanted:
        if bench not in executables:
            executables[bench] = build(bench, features)
        total, calls = count(executables[bench], name_filter, function)
        if calls == 0:
            sys.exit(f"{name_filter}: {function} was never called")
        print(f"{name_filter.rstrip('$'):45} {total // calls:>8,} instructions", flush=True)


if __name__ == "__main__":
    main()
