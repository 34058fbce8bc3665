"""Pieces shared by the generators in scripts/corpus/: paths, the vector-file writer and the
builders of `cors-vectors/1` scenarios (routes, requests, expected requests, steps, vectors).

Not a generator itself. The generators run as `python3 scripts/corpus/<name>.py`, so this
directory is on sys.path and they `import common`.

The builders write each JSON object's keys in a fixed order, and the generators' output is
committed: a change to a builder shows up in `git diff spec-vectors/` (scripts/check_corpus.sh).
Where a generator's documents have their own defaults (the document's origin and Referer), it
binds them with functools.partial, e.g. `sent = partial(common.sent, origin=DOC, referer=REF)`.
"""

import json
import os

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FORMAT = "cors-vectors/1"


def output_path(*parts):
    """The path of a file under spec-vectors/."""
    return os.path.join(REPO_ROOT, "spec-vectors", *parts)


def relpath(path):
    """`path` relative to the repository root, for summaries."""
    return os.path.relpath(path, REPO_ROOT)


def write_vectors(path, source, vectors):
    """Check that the ids are unique and write the vector file (indent 1, UTF-8, final newline)."""
    ids = [v["id"] for v in vectors]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate ids: {duplicates}"
    document = {"format": FORMAT, "source": source, "vectors": vectors}
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=1, ensure_ascii=False)
        handle.write("\n")


def step_count(vectors):
    """The number of steps of all the (scenario) vectors."""
    return sum(len(v["steps"]) for v in vectors)


# --- header names and values ------------------------------------------------------------------

ACAO = "Access-Control-Allow-Origin"
ACAC = "Access-Control-Allow-Credentials"
ACAM = "Access-Control-Allow-Methods"
ACAH = "Access-Control-Allow-Headers"
ACEH = "Access-Control-Expose-Headers"
MAX_AGE = "Access-Control-Max-Age"
LOC = "Location"
CT = ("Content-Type", "text/plain")

# The response headers of a server that allows whatever a preflight asks for (reflecting).
REFLECT = ((ACAO, "{{origin}}"), (ACAM, "{{request-method}}"), (ACAH, "{{request-headers}}"))
CRED = (ACAC, "true")


# --- server routes ----------------------------------------------------------------------------

def route(method, url, status=200, headers=()):
    """A server route, its headers given as a list of (name, value)."""
    return {"method": method, "url": url, "status": status, "headers": [list(h) for h in headers]}


def rt(method, url, status=200, *headers):
    """A server route, its headers given as arguments."""
    return route(method, url, status, headers)


def options(url, *headers, status=204):
    """An OPTIONS route (the answer to a CORS-preflight request)."""
    return route("OPTIONS", url, status, headers)


def reflect_options(url, *extra, credentials=False):
    """An OPTIONS route that allows whatever is asked (REFLECT), with Access-Control-Allow-
    Credentials `true` when `credentials`, then the `extra` headers."""
    return options(url, *REFLECT, *([CRED] if credentials else []), *extra)


# --- requests as they reach the server --------------------------------------------------------

ABSENT = object()  # an `extra` header that must be absent (null)
UNCHECKED = object()  # an `extra` header the standard lets the user agent add: not checked


def sent(method, url, origin, referer, acrm=None, acrh=None, authorization=None, **extra):
    """A request as it reaches the server. None: the header must be absent. Keyword `extra`
    headers (`_` for `-`) follow the five checked ones; ABSENT and UNCHECKED mark them."""
    headers = {
        "origin": origin,
        "access-control-request-method": acrm,
        "access-control-request-headers": acrh,
        "referer": referer,
        "authorization": authorization,
    }
    for name, value in extra.items():
        if value is not UNCHECKED:
            headers[name.replace("_", "-")] = None if value is ABSENT else value
    return {"method": method, "url": url, "headers": headers}


def pre(url, acrm, acrh=None, *, origin, referer):
    """A CORS-preflight request as it reaches the server (never with Authorization)."""
    return sent("OPTIONS", url, origin, referer, acrm, acrh)


# --- the request a step makes -----------------------------------------------------------------

def fetch(url, method=None, headers=(), mode=None, credentials=None, redirect=None,
          use_cors_preflight=False, *, method_first=False, referrer_policy=None):
    """The request a step makes, `url` first (only the members that are given; `method_first`:
    `method` before `url`; `referrer_policy` is the request's `referrerPolicy`, the empty string
    included)."""
    request = {}
    if method is not None and method_first:
        request["method"] = method
    request["url"] = url
    if method is not None and not method_first:
        request["method"] = method
    if headers:
        request["headers"] = [list(h) for h in headers]
    if mode is not None:
        request["mode"] = mode
    if credentials is not None:
        request["credentials"] = credentials
    if redirect is not None:
        request["redirect"] = redirect
    if use_cors_preflight:
        request["use_cors_preflight"] = True
    if referrer_policy is not None:
        request["referrer_policy"] = referrer_policy
    return request


def request(url, method=None, headers=(), **members):
    """The request a step makes, as `fetch` but with `method` before `url`."""
    return fetch(url, method, headers, **members, method_first=True)


# --- steps ------------------------------------------------------------------------------------

def ok(request, requests, type_="cors", status=200, exposed=(), preflight=False, at=0):
    """A step whose fetch resolves with a response of `type_` and `status` whose `exposed` header
    names script can read, after the `requests` reached the server. An XMLHttpRequest (a request
    with `use_cors_preflight`) has no response type."""
    expect = {"result": "ok"}
    if not request.get("use_cors_preflight"):
        expect["type"] = type_
    expect.update({"status": status, "exposed_headers": sorted(exposed), "preflight": preflight,
                   "requests": requests})
    return {"at": at, "request": request, "expect": expect}


def fail(request, requests, error=None, preflight=False, at=0):
    """A step whose fetch is a network error, after the `requests` reached the server. `error`
    None: no error name is expected."""
    expect = {"result": "network-error", "preflight": preflight, "requests": requests}
    if error is not None:
        expect["error"] = error
    return {"at": at, "request": request, "expect": expect}


def rejected(request, error=None):
    """A step whose fetch() rejects before any request reaches the server."""
    return fail(request, [], error)


def preflight_first(step):
    """`step` with its expectation's keys in the order result, preflight, ..., requests (the order
    of cors-check.json and preflight-cache.json)."""
    expect = step["expect"]
    middle = [k for k in expect if k not in ("result", "preflight", "requests")]
    step["expect"] = {k: expect[k] for k in ["result", "preflight", *middle, "requests"]}
    return step


# --- vectors ----------------------------------------------------------------------------------

def scenario(id_, description, origin, routes, steps):
    """A `scenario` vector."""
    return {"id": id_, "kind": "scenario", "description": description, "origin": origin,
            "server": {"routes": routes}, "steps": steps}


class Vectors(list):
    """The vectors of one generated file, in the order they are added."""

    def add(self, id_, description, origin, routes, steps):
        """Append a `scenario` vector."""
        self.append(scenario(id_, description, origin, routes, steps))
