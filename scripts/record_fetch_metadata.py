#!/usr/bin/env python3
"""Record the Fetch Metadata request headers (`Sec-Fetch-*`) each engine sends, into
tests/data/fetch-metadata.json, which tests/fetch_metadata.rs checks the model against.

The oracle recorder (../shared/oracle/record) writes only six request headers into a
`cors-vectors/1` recording, and `Sec-Fetch-*` are not among them. Its steering extension,
upstream routes, forwards every request as the browser sent it to a live server: this script
runs that server (a permissive CORS server in a thread: preflights allowed as asked, every
response `Access-Control-Allow-Origin` reflecting `Origin` with credentials allowed, and a path
`.../redirect-to/HOST/PATH` answered by a 307 to `https://HOST/PATH`), records the vectors below
in each engine through it, and keeps what reached it: each request's method, host, path and
`Sec-Fetch-*` headers, per vector and engine, in order.

    scripts/record_fetch_metadata.py                    # every engine
    scripts/record_fetch_metadata.py --engine webkit    # one engine (repeatable), merged

Python 3 standard library only.
"""

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "fetch-metadata.json"
ENGINES = ["chromium", "firefox", "webkit"]
HOSTS = ["https://api.example/fm/", "https://app.example/fm/", "https://api.example.com/fm/",
         "https://app.example.com/fm/", "http://api.example:8000/fm/", "http://localhost:8000/fm/"]


def vector(id_, description, origin, url, method="GET", **members):
    request = {"method": method, "url": url, **members}
    return {"id": id_, "description": description, "origin": origin, "request": request}


VECTORS = [
    vector("fm-cross-site-get", "a cross-site cors GET", "https://app.example",
           "https://api.example/fm/cross-get"),
    vector("fm-same-origin-get", "a same-origin GET", "https://app.example",
           "https://app.example/fm/same-get"),
    vector("fm-same-site-get", "a same-site, cross-origin GET", "https://app.example.com",
           "https://api.example.com/fm/same-site"),
    vector("fm-schemeful", "an http page's GET of an https URL of its registrable domain: "
           "cross-site, sites being compared with their schemes", "http://app.example.com",
           "https://api.example.com/fm/schemeful"),
    vector("fm-put-preflight", "a preflighted PUT: the preflight carries the headers too",
           "https://app.example", "https://api.example/fm/put", "PUT"),
    vector("fm-no-cors", "a no-cors GET", "https://app.example", "https://api.example/fm/no-cors",
           mode="no-cors"),
    vector("fm-no-cors-post-same-site", "a same-site no-cors POST", "https://app.example.com",
           "https://api.example.com/fm/nocors-post", "POST", mode="no-cors"),
    vector("fm-mode-same-origin", "a same-origin GET in mode same-origin", "https://app.example",
           "https://app.example/fm/mode-same-origin", mode="same-origin"),
    vector("fm-xhr-upload", "an XMLHttpRequest POST with upload listeners (preflighted)",
           "https://app.example", "https://api.example/fm/xhr", "POST", use_cors_preflight=True,
           body="x"),
    vector("fm-http-not-trustworthy", "a plain-http GET: not potentially trustworthy, no headers",
           "http://app.example", "http://api.example:8000/fm/http"),
    vector("fm-localhost", "an http://localhost GET: potentially trustworthy",
           "http://localhost:3000", "http://localhost:8000/fm/local"),
    vector("fm-https-to-localhost", "an https page's GET of http://localhost (WebKit blocks it as "
           "mixed content)", "https://app.example", "http://localhost:8000/fm/https-local"),
    vector("fm-redirect-same-to-cross", "a same-origin GET redirected (307) to another site",
           "https://app.example", "https://app.example/fm/r1/redirect-to/api.example/fm/r1b"),
    vector("fm-redirect-cross-to-same", "a cross-site GET redirected (307) back to the page's "
           "origin: the URL list went through another site", "https://app.example",
           "https://api.example/fm/r2/redirect-to/app.example/fm/r2b"),
    vector("fm-redirect-preflight", "a preflighted PUT redirected (307) within the API: each hop "
           "preflighted", "https://app.example",
           "https://api.example/fm/r3/redirect-to/api.example/fm/r3b", "PUT"),
]


class Upstream:
    """The permissive CORS server that logs what reaches it."""

    def __init__(self):
        self.log = []
        self.lock = threading.Lock()
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                headers = {name.lower(): value for name, value in self.headers.items()
                           if name.lower().startswith("sec-fetch-")}
                with upstream.lock:
                    upstream.log.append({"method": self.command, "host": self.headers.get("Host"),
                                         "path": self.path, "headers": headers})
                answer = [("Access-Control-Allow-Origin", self.headers.get("Origin") or "*"),
                          ("Access-Control-Allow-Credentials", "true")]
                status = 200
                if self.command == "OPTIONS":
                    status = 204
                    answer += [("Access-Control-Allow-Methods",
                                self.headers.get("Access-Control-Request-Method") or "GET"),
                               ("Access-Control-Allow-Headers",
                                self.headers.get("Access-Control-Request-Headers") or "x")]
                elif "/redirect-to/" in self.path:
                    status = 307
                    answer.append(("Location",
                                   "https://" + self.path.split("/redirect-to/", 1)[1]))
                self.send_response(status)
                for name, value in answer + [("Content-Length", "0"), ("Connection", "close")]:
                    self.send_header(name, value)
                self.end_headers()

            do_GET = do_POST = do_PUT = do_OPTIONS = do_DELETE = do_HEAD = answer

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    def take(self):
        with self.lock:
            log, self.log = self.log, []
        return log


def scenario(vector, upstream):
    """The vector as a cors-vectors/1 scenario whose routes all go upstream."""
    routes = [{"method": "*", "url": host, "prefix": True, "upstream": upstream} for host in HOSTS]
    return {"id": vector["id"], "kind": "scenario", "origin": vector["origin"],
            "server": {"routes": routes}, "steps": [{"at": 0, "request": vector["request"]}]}


def owner(entry):
    """The id of the vector whose URLs hold the logged request's path."""
    path = entry["path"].split("/redirect-to/")[0]
    for vector in VECTORS:
        url = vector["request"]["url"]
        if path in url or url.split("/redirect-to/")[-1].endswith(entry["host"] + path):
            return vector["id"]
    return None


def record(engine, oracle, upstream):
    with tempfile.TemporaryDirectory() as tmp:
        source = pathlib.Path(tmp) / "fm.json"
        output = pathlib.Path(tmp) / f"fm.{engine}.json"
        source.write_text(json.dumps({"format": "cors-vectors/1", "vectors": [
            scenario(v, upstream.url) for v in VECTORS]}))
        run = subprocess.run([str(oracle / "record"), "--engine", engine, "--lanes", "1",
                              str(source), str(output)], check=True, capture_output=True,
                             text=True)
        summary = next((line for line in (run.stdout + run.stderr).splitlines()
                        if ": recorded " in line), engine)
        recorded = json.loads(output.read_text())
    skipped = {item["id"]: item["reason"] for item in recorded.get("skipped", [])}
    observed = {}
    for entry in upstream.take():
        vid = owner(entry)
        if vid is None or vid in skipped:
            continue
        observed.setdefault(vid, []).append({
            "method": entry["method"], "host": entry["host"],
            "path": entry["path"].split("/redirect-to/")[0],
            "headers": dict(sorted(entry["headers"].items()))})
    return summary.split(":")[0], observed, skipped


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", action="append", choices=ENGINES)
    parser.add_argument("--oracle", type=pathlib.Path, default=ROOT.parent / "shared" / "oracle")
    args = parser.parse_args()
    old = json.loads(OUTPUT.read_text()) if OUTPUT.exists() else {}
    versions = old.get("engines", {})
    observed = {v["id"]: v.get("observed", {}) for v in old.get("vectors", [])}
    upstream = Upstream()
    for engine in args.engine or ENGINES:
        version, seen, skipped = record(engine, args.oracle, upstream)
        versions[engine] = version
        for vector in VECTORS:
            observed.setdefault(vector["id"], {})[engine] = seen.get(vector["id"], [])
        for vid, reason in skipped.items():
            print(f"{engine}: {vid} not recorded: {reason}", file=sys.stderr)
        print(f"{engine}: {version}, {sum(len(r) for r in seen.values())} requests",
              file=sys.stderr)
    document = {
        "source": "Sec-Fetch-* request headers as each engine sent them to a live server "
                  "behind the oracle's upstream routes; written by "
                  "scripts/record_fetch_metadata.py",
        "engines": dict(sorted(versions.items())),
        "vectors": [dict(vector, observed=dict(sorted(observed.get(vector["id"], {}).items())))
                    for vector in VECTORS],
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {OUTPUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
