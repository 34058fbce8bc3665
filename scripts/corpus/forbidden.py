#!/usr/bin/env python3
"""Generate spec-vectors/forbidden.json: forbidden request-headers, forbidden and invalid methods,
method normalization and URLs with credentials, hand-derived from the WHATWG Fetch standard.

What the standard says, and therefore what every expectation below states:

- fetch() builds a Request. "new Request(input, init)" step 33.5 fills the request's Headers
  (guard "request"); Headers "append" step 2 / "validate" step 3 silently skip a forbidden
  request-header. So such a header never reaches the server and never counts in "CORS-unsafe
  request-header names": it cannot cause a CORS-preflight fetch. The names the browser sets
  itself (Origin, Referer) carry the browser's value, not the script's.
- "forbidden request-header" step 1: the listed names (byte-case-insensitive); step 2: names
  starting with `proxy-` or `sec-` after byte-lowercasing; step 3: X-HTTP-Method,
  X-HTTP-Method-Override and X-Method-Override when one of the values from "get, decode, and
  split" (quotes kept) is a forbidden method.
- "new Request" step 5.3: a URL that includes credentials throws a TypeError; step 25.2: a
  method that is not a method (token) or is a forbidden method (CONNECT, TRACE, TRACK, any case)
  throws a TypeError. fetch() then rejects and no request is made (result network-error, no
  requests, no error name).
- step 25.3 "normalize": DELETE, GET, HEAD, OPTIONS, POST and PUT are byte-uppercased, any other
  method keeps its case. "CORS-preflight fetch" step 3 sends the method as is in
  Access-Control-Request-Method, and step 7.5 compares it to Access-Control-Allow-Methods
  byte for byte (WPT fetch/api/cors/cors-preflight-star.any.js).

Documents are http://app.example (URL http://app.example/); targets http://api.example:8000.
Referer under strict-origin-when-cross-origin for these cross-origin requests: the document's
origin + "/", i.e. http://app.example/ (Referrer Policy; Fetch "HTTP-network-or-cache fetch"
step 8.11); the preflight carries the same one.

Run from the repository root: python3 scripts/corpus/forbidden.py
"""

from functools import partial

import common
from common import ABSENT, REFLECT, UNCHECKED, fail, ok, rejected, request, route

OUT = common.output_path("forbidden.json")

DOC = "http://app.example"
REF = DOC + "/"
API = "http://api.example:8000"

VECTORS = common.Vectors()
add = VECTORS.add

# Requests as they reach the server (common.py), from the http://app.example document by default.
sent = partial(common.sent, origin=DOC, referer=REF)

GUARD = ('Fetch "new Request(input, init)" step 33.5 fills the request Headers (guard "request"); '
         'Headers "validate" step 3 returns false for a forbidden request-header, so "append" '
         "step 2 drops it silently")
NO_PREFLIGHT = ('With the header gone, "CORS-unsafe request-header names" is empty and GET is a '
                'CORS-safelisted method, so "main fetch" step 12 takes the Otherwise branch: no '
                "CORS-preflight fetch (HTTP fetch step 4.1 is not reached with makeCORSPreflight)")


SIMPLE_OK = [("Access-Control-Allow-Origin", "*"), ("Content-Type", "text/plain")]

# --- Each listed forbidden request-header name, in odd case ---------------------------------

# (name as script writes it, value, what the request that reaches the server carries for the
# lowercase name: ABSENT, UNCHECKED (the user agent may add it itself) or the browser's value)
LISTED = [
    ("aCCEPT-cHARSET", "utf-8", ABSENT,
     '"HTTP-network-or-cache fetch" step 8.20: Accept-Charset must not be included'),
    ("ACCEPT-ENCODING", "br", UNCHECKED, "the user agent appends it per HTTP if necessary"),
    ("access-control-request-HEADERS", "x-custom", ABSENT,
     "only a CORS-preflight request carries it"),
    ("Access-Control-Request-METHOD", "PUT", ABSENT, "only a CORS-preflight request carries it"),
    ("cOnNeCtIoN", "close", UNCHECKED, "the user agent appends it per HTTP if necessary"),
    ("content-LENGTH", "42", ABSENT,
     '"HTTP-network-or-cache fetch" steps 8.7-8.9 add Content-Length only for a body or a POST '
     "or PUT"),
    ("COOKIE", "a=b", UNCHECKED, "cookies are the user agent's (not modelled here)"),
    ("cookie2", "$Version=1", ABSENT, "nothing adds it"),
    ("dAtE", "Thu, 01 Jan 1970 00:00:00 GMT", ABSENT, "nothing adds it to a request"),
    ("dnt", "1", UNCHECKED, "the user agent may append it"),
    ("EXPECT", "100-continue", ABSENT, "nothing adds it to a body-less GET"),
    ("hOST", "evil.example", UNCHECKED, "the user agent appends Host per HTTP"),
    ("keep-ALIVE", "timeout=5", UNCHECKED, "connection management belongs to the user agent"),
    ("oRiGiN", "http://evil.example", DOC,
     '"append a request `Origin` header" step 3 adds the request\'s own origin (tainting cors)'),
    ("REFERER", "http://evil.example/", REF,
     '"HTTP-network-or-cache fetch" step 8.11 adds the referrer the user agent determined'),
    ("set-COOKIE", "a=b", ABSENT, "a response header; nothing adds it to a request"),
    ("Te", "trailers", UNCHECKED, "the user agent may use it per HTTP"),
    ("TRAILER", "Expires", ABSENT, "nothing adds it to a body-less GET"),
    ("transfer-ENCODING", "chunked", ABSENT, "a body-less GET has no transfer coding"),
    ("UpGrAdE", "websocket", UNCHECKED, "connection management belongs to the user agent"),
    ("vIA", "1.1 evil", ABSENT, "the user agent is not a proxy"),
]

for name, value, carried, why in LISTED:
    key = name.lower()
    url = f"{API}/forbidden/listed/{key}"
    route_headers = SIMPLE_OK
    if key == "origin":
        route_headers = [("Access-Control-Allow-Origin", "{{origin}}"), ("Vary", "Origin"),
                         ("Content-Type", "text/plain")]
    extra = {key: carried}
    add(
        f"forbidden-listed-{key}",
        f'Fetch "forbidden request-header" step 1: `{name}` is a byte-case-insensitive match for '
        f"`{key}`. {GUARD}. {NO_PREFLIGHT}. What reaches the server for `{key}`: {why}.",
        DOC,
        [route("GET", url, 200, route_headers)],
        [ok(request(url, headers=[(name, value)]),
            [sent("GET", url, **extra)], exposed=["content-type"])],
    )

# The browser's Origin is not sent on a same-origin GET even when script tried to set one.
url = f"{DOC}/forbidden/same-origin-origin"
add(
    "forbidden-origin-same-origin-get",
    f'{GUARD} (`Origin` is on the list of "forbidden request-header" step 1). The request is '
    'same-origin with tainting basic ("main fetch" step 12), and "append a request `Origin` '
    'header" adds Origin neither in step 3 (not cors) nor step 4 (GET), so no Origin at all. '
    "Referer: same-origin, so the full document URL.",
    DOC,
    [route("GET", url, 200, [("Content-Type", "text/plain"), ("X-Secret", "1")])],
    [ok(request(url, headers=[("Origin", "http://evil.example")]),
        [sent("GET", url, origin=None, referer=REF)], "basic",
        exposed=["content-type", "x-secret"])],
)

# --- Sec- and Proxy- prefixes ---------------------------------------------------------------

for vid, name, value in [
    ("sec-custom", "SEC-Custom", "1"),
    ("sec-bare-prefix", "sec-", "1"),
    ("sec-ch-like", "Sec-CH-Unicorn", "?1"),
    ("proxy-authorization", "Proxy-Authorization", "Basic Zm9vOmJhcg=="),
    ("proxy-custom", "PROXY-Custom", "1"),
    ("proxy-bare-prefix", "proxy-", "1"),
]:
    url = f"{API}/forbidden/prefix/{vid}"
    key = name.lower()
    add(
        f"forbidden-{vid}",
        f'Fetch "forbidden request-header" step 2: `{name}` byte-lowercased starts with '
        f"`{'sec-' if key.startswith('sec-') else 'proxy-'}`. {GUARD}. {NO_PREFLIGHT}.",
        DOC,
        [route("GET", url, 200, SIMPLE_OK)],
        [ok(request(url, headers=[(name, value)]),
            [sent("GET", url, **{key: ABSENT})], exposed=["content-type"])],
    )

# Near misses: not forbidden, so kept, unsafe, and preflighted.
for vid, name, value in [
    ("secret-not-prefix", "Secret", "1"),
    ("proxy-without-dash", "Proxyfoo", "1"),
    ("x-sec-not-prefix", "X-Sec-Foo", "1"),
]:
    url = f"{API}/forbidden/near/{vid}"
    key = name.lower()
    add(
        f"not-forbidden-{vid}",
        f'Fetch "forbidden request-header" step 2 checks only for the prefixes `proxy-` and '
        f"`sec-` (with the dash): `{name}` is not forbidden and is kept. It is not a "
        'CORS-safelisted request-header, so "main fetch" step 12 preflights; "CORS-preflight '
        f'fetch" step 5 sends Access-Control-Request-Headers `{key}`.',
        DOC,
        [route("OPTIONS", url, 204, REFLECT), route("GET", url, 200, SIMPLE_OK)],
        [ok(request(url, headers=[(name, value)]),
            [sent("OPTIONS", url, acrm="GET", acrh=key),
             sent("GET", url, **{key: value})], exposed=["content-type"], preflight=True)],
    )

# Several forbidden headers and one unsafe one: only the unsafe one is preflighted.
url = f"{API}/forbidden/mixed"
add(
    "forbidden-mixed-with-unsafe",
    f"{GUARD}: Sec-Foo, Cookie2, Proxy-Foo and DNT are dropped; X-Custom is kept. So the "
    '"CORS-unsafe request-header names" are « x-custom » and "CORS-preflight fetch" step 5 sends '
    "Access-Control-Request-Headers `x-custom` only.",
    DOC,
    [route("OPTIONS", url, 204, REFLECT), route("GET", url, 200, SIMPLE_OK)],
    [ok(request(url, headers=[("Sec-Foo", "1"), ("Cookie2", "x"), ("X-Custom", "1"),
                              ("Proxy-Foo", "1"), ("DNT", "1")]),
        [sent("OPTIONS", url, acrm="GET", acrh="x-custom"),
         sent("GET", url, x_custom="1", sec_foo=ABSENT, cookie2=ABSENT,
              proxy_foo=ABSENT)], exposed=["content-type"], preflight=True)],
)

# --- X-HTTP-Method(-Override) / X-Method-Override ------------------------------------------

OVERRIDE = ('Fetch "forbidden request-header" step 3: for X-HTTP-Method, X-HTTP-Method-Override '
            'and X-Method-Override, "get, decode, and split" the value; the header is forbidden '
            "when one of the values is a forbidden method (CONNECT, TRACE, TRACK, "
            "byte-case-insensitive)")
for vid, name, value, forbidden, note in [
    ("override-connect", "X-HTTP-Method-Override", "CONNECT", True, "`CONNECT` is forbidden"),
    ("override-patch", "x-http-method-override", "PATCH", False, "`PATCH` is not forbidden"),
    ("method-trace-lowercase", "X-HTTP-METHOD", "trace", True,
     "`trace` matches TRACE byte-case-insensitively"),
    ("method-override-list-track", "X-Method-Override", "GET, TrAcK", True,
     "the split values are `GET` and `TrAcK`; the second is forbidden"),
    ("method-override-list-ok", "X-Method-Override", "GET, PATCH", False,
     "neither `GET` nor `PATCH` is forbidden"),
    ("override-list-last-connect", "X-HTTP-Method-Override", "PATCH,connect", True,
     "the second value `connect` is forbidden"),
    ("override-whitespace", "X-HTTP-Method-Override", "GET ,\tConnect", True,
     "split values have HTTP tab or space trimmed: `GET`, `Connect`"),
    ("override-quoted", "X-HTTP-Method-Override", '"CONNECT"', False,
     "the quoted string is kept with its quotes (collect an HTTP quoted string without "
     "extract-value), and `\"CONNECT\"` is not a forbidden method"),
    ("override-connectx", "X-HTTP-Method", "CONNECTX", False, "`CONNECTX` is not CONNECT"),
]:
    url = f"{API}/forbidden/override/{vid}"
    key = name.lower()
    if forbidden:
        add(
            f"forbidden-{vid}",
            f"{OVERRIDE}: {note}, so `{name}: {value}` is forbidden. {GUARD}. {NO_PREFLIGHT}.",
            DOC,
            [route("GET", url, 200, SIMPLE_OK)],
            [ok(request(url, headers=[(name, value)]),
                [sent("GET", url, **{key: ABSENT})], exposed=["content-type"])],
        )
    else:
        add(
            f"not-forbidden-{vid}",
            f"{OVERRIDE}: {note}, so `{name}: {value}` is kept. `{key}` is not a "
            'CORS-safelisted request-header name, so "main fetch" step 12 preflights and '
            f'"CORS-preflight fetch" step 5 sends Access-Control-Request-Headers `{key}`; the '
            "actual request carries the header.",
            DOC,
            [route("OPTIONS", url, 204, REFLECT), route("GET", url, 200, SIMPLE_OK)],
            [ok(request(url, headers=[(name, value)]),
                [sent("OPTIONS", url, acrm="GET", acrh=key),
                 sent("GET", url, **{key: value})], exposed=["content-type"], preflight=True)],
        )

# --- Forbidden and invalid methods ---------------------------------------------------------

for method in ["CONNECT", "connect", "TRACE", "trace", "TrAcK"]:
    url = f"{API}/forbidden/method/{method}"
    add(
        f"forbidden-method-{method}",
        f'Fetch "new Request(input, init)" step 25.2: `{method}` is a forbidden method '
        "(byte-case-insensitive match for CONNECT, TRACE or TRACK), so the constructor throws a "
        "TypeError; fetch() rejects and nothing is sent, not even a preflight.",
        DOC,
        [route("*", url, 200, REFLECT)],
        [rejected(request(url, method=method))],
    )

for vid, method, why in [
    ("empty", "", "the empty string does not match the token production (1*tchar)"),
    ("at-sign", "B@D", "`@` is not a tchar"),
    ("space", "GET POST", "SP is not a tchar"),
    ("non-ascii", "DÉLETE", "`É` (0xC9 as a ByteString) is not a tchar"),
    ("parenthesis", "(GET)", "`(` and `)` are not tchars"),
]:
    url = f"{API}/forbidden/invalid-method/{vid}"
    add(
        f"invalid-method-{vid}",
        f'Fetch "new Request(input, init)" step 25.2: {why}, so the value is not a method '
        "(Fetch \"Methods\": a method matches the method token production); the constructor "
        "throws a TypeError, fetch() rejects and nothing is sent.",
        DOC,
        [route("*", url, 200, REFLECT)],
        [rejected(request(url, method=method))],
    )

# --- Method normalization -------------------------------------------------------------------

NORMALIZE = ('Fetch "new Request(input, init)" step 25.3 and "normalize" (Methods): DELETE, GET, '
             "HEAD, OPTIONS, POST and PUT are byte-uppercased; any other method keeps its case")
PF75 = ('"CORS-preflight fetch" step 7.5: the request\'s method must be in the '
        "Access-Control-Allow-Methods list (byte-for-byte), be a CORS-safelisted method, or meet "
        "`*` without credentials mode include")


def acam_route(url, acam, creds=False):
    headers = [("Access-Control-Allow-Origin", DOC if creds else "{{origin}}")]
    if creds:
        headers.append(("Access-Control-Allow-Credentials", "true"))
    headers += [("Access-Control-Allow-Methods", acam),
                ("Access-Control-Allow-Headers", "{{request-headers}}")]
    return route("OPTIONS", url, 204, headers)


def actual_route(method, url, creds=False):
    headers = [("Access-Control-Allow-Origin", DOC if creds else "*")]
    if creds:
        headers.append(("Access-Control-Allow-Credentials", "true"))
    headers.append(("Content-Type", "text/plain"))
    return route(method, url, 200, headers)


# (id, script method, sent method, ACAM, credentials, extra headers, allowed?, note)
for vid, method, normalized, acam, creds, headers, allowed, note in [
    ("put-lowercase", "put", "PUT", "PUT", False, [], True,
     "`put` becomes `PUT`, which the preflight names and ACAM `PUT` allows"),
    ("delete-mixed", "dElEtE", "DELETE", "DELETE", False, [], True,
     "`dElEtE` becomes `DELETE`"),
    ("patch-lowercase-vs-PATCH", "patch", "patch", "PATCH", False, [], False,
     "`patch` is not normalized; `patch` is not in « PATCH » and is not safelisted, and there "
     "is no `*`, so the preflight fails (Fetch's own example: `patch` likely gets 405)"),
    ("patch-lowercase-vs-patch", "patch", "patch", "patch", False, [], True,
     "`patch` stays `patch` and matches ACAM `patch` exactly"),
    ("PATCH-vs-patch", "PATCH", "PATCH", "patch", False, [], False,
     "`PATCH` is not in « patch »: the comparison is case-sensitive"),
    ("patch-lowercase-vs-star", "patch", "patch", "*", False, [], True,
     "`*` allows any method when credentials mode is not include"),
    ("options-lowercase", "options", "OPTIONS", "OPTIONS", False, [], True,
     "`options` becomes `OPTIONS`, a non-safelisted method, so it is preflighted"),
    ("star-get-lowercase-acam", "GET", "GET", "get", False, [("X-Test", "1")], True,
     "GET fails the case-sensitive match with `get` but is a CORS-safelisted method "
     "(WPT cors-preflight-star.any.js)"),
    ("star-super-method", "SUPER", "SUPER", "*", False, [("X-Test", "1")], True,
     "`*` works as any method without credentials (WPT cors-preflight-star.any.js)"),
    ("star-put-credentials", "PUT", "PUT", "*", True, [], False,
     "with credentials mode include `*` is not a wildcard, and PUT is not `*` "
     "(WPT cors-preflight-star.any.js)"),
    ("star-put-lowercase-credentials", "PUT", "PUT", "put", True, [], False,
     "`PUT` does not match `put` (WPT cors-preflight-star.any.js)"),
    ("star-get-lowercase-script-credentials", "get", "GET", "", True, [], True,
     "`get` is normalized to the safelisted GET, so there is no preflight at all "
     "(WPT cors-preflight-star.any.js: allowed methods empty, method `get`)"),
]:
    url = f"{API}/forbidden/normalize/{vid}"
    req_kw = {"credentials": "include"} if creds else {}
    req = request(url, method=method, headers=headers, **req_kw)
    acrh = ",".join(sorted(n.lower() for n, _ in headers)) or None
    extra = {n.lower(): v for n, v in headers}
    safelisted = normalized in ("GET", "HEAD", "POST") and not headers
    routes = [acam_route(url, acam, creds), actual_route(normalized, url, creds)]
    if normalized == "OPTIONS":
        # One route answers both the preflight and the actual OPTIONS request.
        routes = [route("OPTIONS", url, 200, [("Access-Control-Allow-Origin", "{{origin}}"),
                                              ("Access-Control-Allow-Methods", "OPTIONS"),
                                              ("Content-Type", "text/plain")])]
    if safelisted:
        desc = (f"{NORMALIZE}: {note}. \"main fetch\" step 12 (Otherwise): no preflight; the "
                "actual request goes out with the normalized method.")
        step = ok(req, [sent(normalized, url)], exposed=["content-type"])
    elif allowed:
        desc = (f"{NORMALIZE}. {PF75}: {note}. The preflight's Access-Control-Request-Method is "
                f"the request's method `{normalized}` (\"CORS-preflight fetch\" step 3).")
        step = ok(req, [sent("OPTIONS", url, acrm=normalized, acrh=acrh),
                        sent(normalized, url, **extra)], exposed=["content-type"], preflight=True)
    else:
        desc = (f"{NORMALIZE}. {PF75}: {note}, so the CORS-preflight fetch returns a network "
                f"error and the actual request is never sent. Access-Control-Request-Method is "
                f"`{normalized}` (\"CORS-preflight fetch\" step 3).")
        step = fail(req, [sent("OPTIONS", url, acrm=normalized, acrh=acrh)],
                    "MethodDisallowedByPreflightResponse", preflight=True)
    add(f"method-normalize-{vid}", desc, DOC, routes, [step])

# POST and HEAD in lowercase become safelisted methods: no preflight.
for method, normalized in [("post", "POST"), ("head", "HEAD")]:
    url = f"{API}/forbidden/normalize/{method}-safelisted"
    add(
        f"method-normalize-{method}-no-preflight",
        f"{NORMALIZE}: `{method}` becomes `{normalized}`, a CORS-safelisted method, so \"main "
        'fetch" step 12 (Otherwise) sends it without a preflight; tainting is cors, so "append a '
        'request `Origin` header" step 3 adds Origin.',
        DOC,
        [actual_route(normalized, url)],
        [ok(request(url, method=method), [sent(normalized, url)], exposed=["content-type"])],
    )

# --- URLs with credentials -----------------------------------------------------------------

for vid, url in [
    ("user-and-password", "http://user:pass@api.example:8000/forbidden/cred/a"),
    ("user-only", "http://user@api.example:8000/forbidden/cred/b"),
    ("password-only", "http://:secret@api.example:8000/forbidden/cred/c"),
    ("same-origin", "http://user:pass@app.example/forbidden/cred/d"),
]:
    plain = url.split("@", 1)[1]
    add(
        f"url-credentials-{vid}",
        'Fetch "new Request(input, init)" step 5.3: the parsed URL includes credentials (a '
        "non-empty username or password), so the constructor throws a TypeError; fetch() "
        "rejects and nothing is sent.",
        DOC,
        [route("*", "http://" + plain, 200, SIMPLE_OK)],
        [rejected(request(url))],
    )

# --- Write --------------------------------------------------------------------------------

source = ("Hand-written from the WHATWG Fetch standard: \"forbidden request-header\", "
          "\"forbidden method\", method \"normalize\", Headers \"validate\"/\"append\", "
          "\"new Request(input, init)\", \"main fetch\", \"CORS-preflight fetch\", "
          "\"append a request `Origin` header\"; Referrer Policy "
          "(strict-origin-when-cross-origin); cases also from web-platform-tests "
          "fetch/api/cors/cors-preflight-star.any.js. Generated by "
          "scripts/corpus/forbidden.py.")
common.write_vectors(OUT, source, VECTORS)
print(f"{common.relpath(OUT)}: {len(VECTORS)} scenario vectors, "
      f"{common.step_count(VECTORS)} steps")
