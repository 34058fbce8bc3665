#!/usr/bin/env python3
"""Record what real browsers do with the scenario vectors of spec-vectors/.

Runs every scenario vector of spec-vectors/*.json and spec-vectors/probes/*.json in each engine
with the oracle recorder that lives beside this repository (../shared/oracle; its README says how
to install Chromium, Firefox ESR and WebKitGTK from Debian's packages), and writes one recording
per input file to spec-vectors/recorded/<engine>/<file>.json.

All vectors of an engine go to the recorder in one run, so that slow vectors (steps seconds or
minutes apart, to watch the CORS-preflight cache expire) wait in parallel lanes. A vector whose
last step comes later than --limit seconds, or that the recorder cannot serve, is not
recorded: it is listed in the recording's `skipped` array with the reason.

    scripts/record_engines.py                       # every engine, every file
    scripts/record_engines.py --engine firefox      # one engine (repeatable)
    scripts/record_engines.py spec-vectors/redirects.json   # some files only

Python 3 standard library only. Then `cargo test --all-features` replays the recordings.
"""

import argparse
import json
import pathlib
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


def record(engine, files, limit, oracle):
    merged, left_out = [], {}
    for path in files:
        for vector in load(path)["vectors"]:
            if vector.get("kind") != "scenario":
                continue
            reason = unrecordable(vector, limit)
            if reason:
                left_out.setdefault(path, []).append({"id": vector["id"], "reason": reason})
                continue
            merged.append(dict(vector, id=f"{path.stem}/{vector['id']}"))
    with tempfile.TemporaryDirectory() as tmp:
        source = pathlib.Path(tmp) / "all.json"
        output = pathlib.Path(tmp) / f"all.{engine}.json"
        source.write_text(json.dumps({"format": "cors-vectors/1", "vectors": merged}))
        subprocess.run([str(oracle / "record"), "--engine", engine, str(source), str(output)],
                       check=True)
        recorded = load(output)
    out_dir = ROOT / "spec-vectors" / "recorded" / engine
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in files:
        prefix = f"{path.stem}/"
        own = lambda items: [dict(item, id=item["id"][len(prefix):])
                             for item in items if item["id"].startswith(prefix)]
        skipped = own(recorded.get("skipped", []))
        skipped += left_out.get(path, [])
        document = {"format": "cors-vectors/1", "source": recorded["source"],
                    "vectors": own(recorded["vectors"])}
        if skipped:
            document["skipped"] = skipped
        target = out_dir / path.name
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
    args = parser.parse_args()
    files = [f.resolve() for f in args.files] or scenario_files()
    for engine in args.engine or ENGINES:
        record(engine, files, args.limit, args.oracle)


if __name__ == "__main__":
    sys.exit(main())
