"""Pieces shared by the generators in scripts/corpus/: paths, the vector-file writer and the small
builders of `cors-vectors/1` scenarios (routes, requests, expected requests and steps).

Not a generator itself. The generators run as `python3 scripts/corpus/<name>.py`, so this
directory is on sys.path and they `import common`.
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
    assert len(ids) == len(set(ids)), "duplicate ids"
    document = {"format": FORMAT, "source": source, "vectors": vectors}
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=1, ensure_ascii=False)
        handle.write("\n")


def step_count(vectors):
    return sum(len(v["steps"]) for v in vectors)


# --- builders ---------------------------------------------------------------------------------

def route(method, url, status=200, headers=()):
    """A server route."""
    return {"method": method, "url": url, "status": status, "headers": [list(h) for h in headers]}


def rt(method, url, status, *headers):
    """A server route, its headers given as arguments."""
    return route(method, url, status, headers)


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


def request(url, method=None, headers=(), **members):
    """The request a step makes, `method` first (only the members that are given)."""
    r = {}
    if method is not None:
        r["method"] = method
    r["url"] = url
    if headers:
        r["headers"] = [list(h) for h in headers]
    r.update(members)
    return r


def fetch(url, method=None, headers=(), mode=None, credentials=None, redirect=None,
          use_cors_preflight=False):
    """The request a step makes (only the members that are given)."""
    request = {"url": url}
    if method is not None:
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
    return request


def ok(request, requests, type_, status, exposed, preflight=False, at=0):
    """A step whose fetch resolves. `type_` None: no response type (XMLHttpRequest)."""
    expect = {"result": "ok"}
    if type_ is not None:
        expect["type"] = type_
    expect.update({"status": status, "exposed_headers": exposed, "preflight": preflight,
                   "requests": requests})
    return {"at": at, "request": request, "expect": expect}


def fail(request, requests, error, preflight=False, at=0):
    """A step whose fetch is a network error. `error` None: no error name is expected."""
    expect = {"result": "network-error", "preflight": preflight, "requests": requests}
    if error is not None:
        expect["error"] = error
    return {"at": at, "request": request, "expect": expect}


def scenario(id_, description, origin, routes, steps):
    """A `scenario` vector."""
    return {"id": id_, "kind": "scenario", "description": description, "origin": origin,
            "server": {"routes": routes}, "steps": steps}
