#!/usr/bin/env python3
"""Record what real browsers do with the scenario vectors of spec-vectors/.

Runs every scenario vector of spec-vectors/*.json and spec-vectors/probes/*.json in each engine
with the oracle recorder that lives beside this repository (../shared/oracle; its README says how
to install Chromium, Firefox ESR and WebKitGTK from Debian's packages), and writes one recording
per input file to spec-vectors/recorded/<engine>/<file>.json.

All vectors of an engine go to the recorder in one run, so that slow vectors (steps seconds or
minutes apart, to watch the CORS-preflight cache expire) wait in parallel lanes. A vector whose
last step comes later than --limit seconds, or that the recorder cannot serve, is not
recorded: it is listed in the recording's `skipped` array with the reason. The recorder notes
when each timed step really ran; a vector with a step that ran more than --late seconds after
its `at` (an engine busy starting up, a throttled timer) did not test what it meant to, so it is
recorded again, up to --retries times, and skipped if it never runs on time. (Only vectors with a
step later than 0 s are timed: in the others every step is at 0 s, and a step on a new document
starts when the navigation lets it, which changes nothing they test.)

    scripts/record_engines.py                       # every engine, every file
    scripts/record_engines.py --engine firefox      # one engine (repeatable)
    scripts/record_engines.py spec-vectors/redirects.json   # some files only
    scripts/record_engines.py --only pc-max-age-1   # some vectors only, merged into the
                                                    # existing recordings (repeatable)

Python 3 standard library only. Then `cargo test --all-features` replays the recordings.
"""

import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
ENGINES = ["chromium", "firefox", "webkit"]


def scenario_files():
    files = sorted((ROOT / "spec-vectors").glob("*.json"))
    files += sorted((ROOT / "spec-vectors" / "probes").glob("*.json"))
    return [f for f in files if any(v.get("kind") == "scenario" for v in load(f)["vectors"])]


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def last_step(vector):
    return max((step.get("at", 0) for step in vector["steps"]), default=0)


def unrecordable(vector, limit):
    """Why the recorder cannot run `vector`, or None."""
    if last_step(vector) > limit:
        return f"its last step is later than {limit} s"
    for route in vector["server"]["routes"]:
        for name, value in route.get("headers", []):
            if name.lower() == "location" and isinstance(value, str):
                try:
                    urllib.parse.urljoin(route["url"], value)
                except ValueError:
                    return "the recorder cannot resolve its Location header"
    return None


NOTE = re.compile(r"note: (\S+) step \d+: at ([0-9.]+)s, ran at ([0-9.]+)s")


def run_recorder(oracle, engine, vectors, lanes):
    """The recorder's output for `vectors`, and the ids of those with a step that ran late by
    how many seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        source = pathlib.Path(tmp) / "all.json"
        output = pathlib.Path(tmp) / f"all.{engine}.json"
        source.write_text(json.dumps({"format": "cors-vectors/1", "vectors": vectors}))
        command = [str(oracle / "record"), "--engine", engine, "--notes", "--lanes", str(lanes),
                   str(source), str(output)]
        run = subprocess.run(command, check=True, capture_output=True, text=True)
        print(run.stderr, end="", file=sys.stderr)
        timed = {v["id"] for v in vectors if last_step(v) > 0}
        late = {}
        for vid, at, ran in NOTE.findall(run.stdout + run.stderr):
            if vid in timed:
                late[vid] = max(late.get(vid, 0.0), float(ran) - float(at))
        return load(output), late


def record(engine, files, args):
    merged, left_out = [], {}
    for path in files:
        for vector in load(path)["vectors"]:
            if vector.get("kind") != "scenario" or (args.only and vector["id"] not in args.only):
                continue
            reason = unrecordable(vector, args.limit)
            if reason:
                left_out.setdefault(path, []).append({"id": vector["id"], "reason": reason})
                continue
            merged.append(dict(vector, id=f"{path.stem}/{vector['id']}"))
    recorded, late = run_recorder(args.oracle, engine, merged, args.lanes)
    recorded.setdefault("skipped", [])
    for _ in range(args.retries):
        retry = [v for v in merged if late.get(v["id"], 0) > args.late]
        if not retry:
            break
        print(f"{engine}: recording {len(retry)} vector(s) again, a step ran late", file=sys.stderr)
        again, late = run_recorder(args.oracle, engine, retry, 1)
        fresh = {v["id"]: v for v in again["vectors"]}
        recorded["vectors"] = [fresh.get(v["id"], v) for v in recorded["vectors"]]
    for vector in merged:
        if late.get(vector["id"], 0) > args.late:
            recorded["vectors"] = [v for v in recorded["vectors"] if v["id"] != vector["id"]]
            recorded["skipped"].append({"id": vector["id"], "reason": (
                f"a step ran {late[vector['id']]:.2f} s late in every attempt")})
    out_dir = ROOT / "spec-vectors" / "recorded" / engine
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in files:
        prefix = f"{path.stem}/"
        own = lambda items: [dict(item, id=item["id"][len(prefix):])
                             for item in items if item["id"].startswith(prefix)]
        vectors = own(recorded["vectors"])
        skipped = own(recorded["skipped"]) + left_out.get(path, [])
        target = out_dir / path.name
        if args.only:
            if not vectors and not skipped:
                continue
            # Merge into the existing recording: replace what was recorded again.
            old = load(target) if target.exists() else {"vectors": []}
            ids = {item["id"] for item in vectors + skipped}
            order = [v["id"] for v in load(path)["vectors"]]
            keep = [v for v in old["vectors"] if v["id"] not in ids] + vectors
            vectors = sorted(keep, key=lambda v: order.index(v["id"]) if v["id"] in order else 0)
            skipped = [s for s in old.get("skipped", []) if s["id"] not in ids] + skipped
        document = {"format": "cors-vectors/1", "source": recorded["source"],
                    "vectors": vectors}
        if skipped:
            document["skipped"] = skipped
        target.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n",
                          encoding="utf-8")
        print(f"{target.relative_to(ROOT)}: {len(document['vectors'])} recorded, "
              f"{len(skipped)} skipped")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=pathlib.Path)
    parser.add_argument("--engine", action="append", choices=ENGINES)
    parser.add_argument("--limit", type=float, default=900,
                        help="longest scenario to record, in seconds (default 900)")
    parser.add_argument("--oracle", type=pathlib.Path, default=ROOT.parent / "shared" / "oracle")
    parser.add_argument("--only", action="append", metavar="ID",
                        help="record only this vector, merging it into the recordings")
    parser.add_argument("--lanes", type=int, default=4, help="parallel tabs (default 4)")
    parser.add_argument("--late", type=float, default=0.3,
                        help="seconds a step may run after its `at` (default 0.3)")
    parser.add_argument("--retries", type=int, default=3,
                        help="attempts to record again a vector that ran late (default 3)")
    args = parser.parse_args()
    files = [f.resolve() for f in args.files] or scenario_files()
    for engine in args.engine or ENGINES:
        record(engine, files, args)


if __name__ == "__main__":
    sys.exit(main())
