#!/usr/bin/env python3
"""Generate spec-vectors/preflight-cache.json: the CORS-preflight cache over time.

Every vector is a multi-step `scenario` of the `cors-vectors/1` format: one document makes
several fetches at given times (`at`, seconds) and the CORS-preflight cache carries from step to
step. Each step says whether a browser conforming to the WHATWG Fetch standard sends a
CORS-preflight request, what reaches the server, and how the fetch ends.

Every expectation is a literal written in the tables below, decided by reading the Fetch standard:
"CORS-preflight fetch" (steps 7.1-7.13: what is stored, the default max-age of 5 and the
use-CORS-preflight step 7.4), "CORS-preflight cache" (cache entry match, method and header-name
cache entry match, clear cache entries), "HTTP fetch" step 4.1 (when the cache is consulted),
"main fetch" step 12 (which fetches clear the cache on failure), "CORS check", "extract header list
values" and the ABNF of `Access-Control-Max-Age` (delta-seconds = 1*DIGIT), plus
web-platform-tests fetch/api/cors/cors-preflight-cache.any.js and cors-preflight-star.any.js.

Readings followed (stated in the project's brief): a `*` cache entry is only used by requests
whose credentials mode is not "include"; a max-age update refreshes the entry's lifetime from the
time of the new preflight; Max-Age 0 caches nothing; the spec profile has no max-age cap; an
entry stored at t with max-age m serves requests at times < t + m (at t + m, m seconds "have
passed" and the entry is removed).

Usage (from the repository root):
    python3 scripts/corpus/preflight_cache.py
"""

from functools import partial

import common
from common import (ACAC, ACAH, ACAM, ACAO, MAX_AGE, fail, ok, options, preflight_first,
                    reflect_options, request, route)

OUTPUT = common.output_path("preflight-cache.json")

API = "http://api.example:8000"
DOC = "http://app.example"
REF = "http://app.example/"  # strict-origin-when-cross-origin, cross-origin, neither trustworthy


# --- builders ---------------------------------------------------------------------------------

# Requests as they reach the server (common.py), from the http://app.example document by default.
sent = partial(common.sent, origin=DOC, referer=REF)
pre = partial(common.pre, origin=DOC, referer=REF)


def any_method(url, *headers, status=200):
    """The actual-request route: any method other than those answered by earlier routes."""
    return route("*", url, status, headers)


def step(at, method, url, *, headers=(), credentials=None, xhr=False,
         pf=None, pf_only=False, error=None, sent_method=None, status=200, exposed=(),
         authorization=None, origin=DOC, referer=REF, extra_requests=None):
    """One fetch and its outcome.

    pf: None when no CORS-preflight request is sent, else (acrm, acrh) of the preflight sent
        (acrh None: the header is absent).
    pf_only: the preflight failed, so the actual request never reaches the server.
    error: the error name of a network error (None: the fetch resolves).
    sent_method: the method of the actual request as sent (default: `method`).
    extra_requests: replaces the computed request list (redirect vectors).
    """
    fetched = request(url, method, headers, credentials=credentials, use_cors_preflight=xhr)
    requests = []
    if pf is not None:
        requests.append(pre(url, *pf, origin=origin, referer=referer))
    if not pf_only:
        requests.append(sent(sent_method or method, url, origin=origin, referer=referer,
                             authorization=authorization))
    if extra_requests is not None:
        requests = extra_requests
    if error is None:
        outcome = ok(fetched, requests, "cors", status, exposed, preflight=pf is not None, at=at)
    else:
        outcome = fail(fetched, requests, error, preflight=pf is not None, at=at)
    return preflight_first(outcome)


VECTORS = common.Vectors()
add = VECTORS.add


def u(slug):
    return f"{API}/pc/{slug}"


PF = 'Fetch "CORS-preflight fetch"'
STORE = (PF + " steps 7.9-7.13 store one cache entry per method of Access-Control-Allow-Methods "
         "and per name of Access-Control-Allow-Headers; \"HTTP fetch\" step 4.1 skips the "
         "preflight when a method cache entry match and a header-name cache entry match exist. ")
EXPIRY = ('"CORS-preflight cache": entries are removed once max-age seconds have passed since '
          "they were stored. ")
CLEAR = ('Fetch "main fetch" step 12 (use-CORS-preflight / unsafe-request branch): a network error '
         'from "HTTP fetch" with makeCORSPreflight runs "clear cache entries" for the request '
         "(same network partition key, byte-serialized origin and URL, any credentials, any "
         "method or header name). ")

# Steps stay 0.4 s away from an expiry: a browser stores an entry when the preflight's response
# arrives, a few milliseconds after the step starts, and starts steps up to ~0.15 s late.
MARGIN = ("(Steps keep 0.4 s from the expiry: an entry is stored when the preflight's response "
          "arrives, a little after the step begins.)")

# --- max-age ------------------------------------------------------------------------------------

url = u("default")
add("pc-default-max-age-5",
    PF + " step 7.8: no Access-Control-Max-Age, max-age is 5. " + EXPIRY
    + "Hit at 4.6 s, miss at 5.4 s; the new preflight stores entries for 5 s again. " + MARGIN,
    DOC,
    [options(url, (ACAO, "{{origin}}"), (ACAM, "PUT")), any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "PUT", url, pf=("PUT", None)),
     step(4.6, "PUT", url),
     step(5.4, "PUT", url, pf=("PUT", None)),
     step(10, "PUT", url),
     step(10.8, "PUT", url, pf=("PUT", None))])

url = u("zero")
add("pc-max-age-0-never-cached",
    PF + " steps 7.7-7.13: Access-Control-Max-Age 0 stores entries whose max-age has already "
    "passed, so nothing is ever served from the cache: every PUT, even at the same instant, "
    "preflights again.",
    DOC,
    [options(url, (ACAO, "{{origin}}"), (ACAM, "PUT"), (MAX_AGE, "0")),
     any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "PUT", url, pf=("PUT", None)),
     step(0, "PUT", url, pf=("PUT", None)),
     step(0.5, "PUT", url, pf=("PUT", None)),
     step(3, "PUT", url, pf=("PUT", None))])

for secs, hits, miss in [(1, [0.6], 1.4), (60, [30, 59.6], 60.4), (600, [300, 599.6], 600.4),
                         (86400, [3600, 86399.6], 86400.4)]:
    url = u(f"max-age-{secs}")
    extra = (" The spec profile imposes no limit on max-age (step 7.9's limit is "
             "implementation-defined)." if secs == 86400 else "")
    add(f"pc-max-age-{secs}",
        PF + f" step 7.7: Access-Control-Max-Age {secs} is a valid delta-seconds, so the entries "
        f"live {secs} s. " + EXPIRY + f"Hits before {secs} s, miss after." + extra + " " + MARGIN,
        DOC,
        [options(url, (ACAO, "{{origin}}"), (ACAM, "PUT"), (MAX_AGE, str(secs))),
         any_method(url, (ACAO, "{{origin}}"))],
        [step(0, "PUT", url, pf=("PUT", None))]
        + [step(t, "PUT", url) for t in hits]
        + [step(miss, "PUT", url, pf=("PUT", None))])

url = u("leading-zeros")
add("pc-max-age-leading-zeros",
    PF + " step 7.7: `007` matches delta-seconds (1*DIGIT), so max-age is 7: hit at 6.6 s, "
    "miss at 7.4 s. " + MARGIN,
    DOC,
    [options(url, (ACAO, "{{origin}}"), (ACAM, "PUT"), (MAX_AGE, "007")),
     any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "PUT", url, pf=("PUT", None)),
     step(6.6, "PUT", url),
     step(7.4, "PUT", url, pf=("PUT", None))])

# Invalid Access-Control-Max-Age: extraction fails (not delta-seconds, or more than one header for
# a single-header ABNF), so step 7.8 sets max-age to 5. Hit at 4.6 s rules out "no caching", miss
# at 5.4 s rules out a lax parse (60, 10, ...).
INVALID_MAX_AGE = [
    ("negative", [("-1",)], "`-1` is not 1*DIGIT"),
    ("plus-sign", [("+60",)], "`+60` is not 1*DIGIT"),
    ("fraction", [("10.5",)], "`10.5` is not 1*DIGIT"),
    ("letters", [("abc",)], "`abc` is not 1*DIGIT"),
    ("empty", [("",)], "an empty value is not 1*DIGIT"),
    ("exponent", [("1e3",)], "`1e3` is not 1*DIGIT"),
    ("hex", [("0x10",)], "`0x10` is not 1*DIGIT"),
    ("list-in-one-header", [("60, 60",)], "`60, 60` is not a single delta-seconds"),
    ("two-headers-same", [("60",), ("60",)],
     "the ABNF allows a single header and the list contains two (\"extract header list values\" "
     "step 2)"),
    ("two-headers-different", [("60",), ("600",)],
     "the ABNF allows a single header and the list contains two (\"extract header list values\" "
     "step 2)"),
]
for slug, values, why in INVALID_MAX_AGE:
    url = u(f"invalid-max-age-{slug}")
    add(f"pc-max-age-invalid-{slug}",
        PF + f" steps 7.7-7.8: {why}, so extracting Access-Control-Max-Age returns failure and "
        "max-age is 5. " + EXPIRY + "Hit at 4.6 s, miss at 5.4 s. " + MARGIN,
        DOC,
        [options(url, (ACAO, "{{origin}}"), (ACAM, "PUT"), *[(MAX_AGE, v[0]) for v in values]),
         any_method(url, (ACAO, "{{origin}}"))],
        [step(0, "PUT", url, pf=("PUT", None)),
         step(4.6, "PUT", url),
         step(5.4, "PUT", url, pf=("PUT", None))])

url = u("max-age-headers")
add("pc-max-age-applies-to-header-entries",
    PF + " steps 7.12-7.13: header-name entries get the same max-age (60) as method entries; at "
    "60 s both have expired and the preflight carries the header again.",
    DOC,
    [reflect_options(url, (MAX_AGE, "60")), any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "PUT", url, headers=[("X-A", "1")], pf=("PUT", "x-a")),
     step(30, "PUT", url, headers=[("X-A", "2")]),
     step(59.6, "GET", url, headers=[("X-A", "3")]),
     step(60.4, "GET", url, headers=[("X-A", "4")], pf=("GET", "x-a"))])

url = u("refresh")
add("pc-max-age-refreshed-by-later-preflight",
    PF + " step 7.10: a later successful preflight (needed for header x-a) sets the max-age of "
    "the existing PUT entry; the entry's lifetime then counts from that preflight (8 s + 10 s = "
    "18 s), so PUT still hits at 12 s and 17.6 s and misses at 18.4 s. " + MARGIN,
    DOC,
    [reflect_options(url, (MAX_AGE, "10")), any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "PUT", url, pf=("PUT", None)),
     step(8, "PUT", url, headers=[("X-A", "1")], pf=("PUT", "x-a")),
     step(12, "PUT", url),
     step(17.6, "PUT", url, headers=[("X-A", "1")]),
     step(18.4, "PUT", url, pf=("PUT", None))])

# --- per-method entries ---------------------------------------------------------------------------

url = u("put-not-delete")
add("pc-method-entry-per-method",
    STORE + "A PUT entry is no method cache entry match for DELETE, so DELETE preflights; "
    "afterwards both are cached.",
    DOC,
    [reflect_options(url, (MAX_AGE, "600")), any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "PUT", url, pf=("PUT", None)),
     step(1, "DELETE", url, pf=("DELETE", None)),
     step(2, "PUT", url),
     step(3, "DELETE", url)])

url = u("method-list")
add("pc-method-list-caches-each",
    STORE + "`PUT, DELETE, PATCH` stores three method entries from PUT's preflight, so DELETE "
    "and PATCH need none. PROPFIND is not cached and its preflight fails (not in the list: "
    "step 7.5), which clears every entry for the URL (" + CLEAR.strip() + "), so PUT "
    "preflights again.",
    DOC,
    [options(url, (ACAO, "{{origin}}"), (ACAM, "PUT, DELETE, PATCH"), (MAX_AGE, "600")),
     any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "PUT", url, pf=("PUT", None)),
     step(1, "DELETE", url),
     step(2, "PATCH", url),
     step(3, "PROPFIND", url, pf=("PROPFIND", None), pf_only=True,
          error="MethodDisallowedByPreflightResponse"),
     step(4, "PUT", url, pf=("PUT", None))])

url = u("method-case")
add("pc-method-case-sensitive",
    STORE + "Methods are compared byte for byte (\"method cache entry match\": its method IS "
    "method). `patch` is not normalized (Fetch \"normalize\" only uppercases DELETE, GET, HEAD, "
    "OPTIONS, POST and PUT), so `PATCH` and `patch` are distinct entries.",
    DOC,
    [reflect_options(url, (MAX_AGE, "600")), any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "PATCH", url, pf=("PATCH", None)),
     step(1, "patch", url, pf=("patch", None)),
     step(2, "PATCH", url),
     step(3, "patch", url)])

url = u("method-normalized")
add("pc-method-normalized-before-lookup",
    STORE + "The Request constructor normalizes `put` to `PUT` and `delete` to `DELETE` (Fetch "
    "\"normalize\" a method), so `put` hits the PUT entry while `delete` preflights with "
    "Access-Control-Request-Method `DELETE`.",
    DOC,
    [reflect_options(url, (MAX_AGE, "600")), any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "PUT", url, pf=("PUT", None)),
     step(1, "put", url, sent_method="PUT"),
     step(2, "delete", url, pf=("DELETE", None), sent_method="DELETE"),
     step(3, "DELETE", url)])

url = u("safelisted-method")
add("pc-safelisted-methods-need-no-method-entry",
    '"HTTP fetch" step 4.1: a CORS-safelisted method needs no method cache entry (without the '
    "use-CORS-preflight flag). GET with x-a preflights once (no Access-Control-Allow-Methods: "
    "methods is null, nothing stored for methods); POST and HEAD with x-a then only need the "
    "x-a header entry. PUT with x-a has no method entry, preflights, and fails (PUT not in an "
    "empty methods list, step 7.5).",
    DOC,
    [options(url, (ACAO, "{{origin}}"), (ACAH, "x-a"), (MAX_AGE, "600")),
     any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "GET", url, headers=[("X-A", "1")], pf=("GET", "x-a")),
     step(1, "POST", url, headers=[("X-A", "1")]),
     step(2, "HEAD", url, headers=[("X-A", "1")]),
     step(3, "PUT", url, headers=[("X-A", "1")], pf=("PUT", "x-a"), pf_only=True,
          error="MethodDisallowedByPreflightResponse")])

# --- per-header entries -------------------------------------------------------------------------

url = u("x-a-not-x-b")
add("pc-header-entry-per-name",
    STORE + "An x-a entry is no header-name cache entry match for x-b. The preflight for "
    "{x-a, x-c} lists every CORS-unsafe name (step 4), not just the uncached one.",
    DOC,
    [reflect_options(url, (MAX_AGE, "600")), any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "PUT", url, headers=[("X-A", "1")], pf=("PUT", "x-a")),
     step(1, "PUT", url, headers=[("X-B", "1")], pf=("PUT", "x-b")),
     step(2, "PUT", url, headers=[("X-A", "1"), ("X-B", "2")]),
     step(3, "PUT", url, headers=[("X-C", "1"), ("X-A", "2")], pf=("PUT", "x-a,x-c")),
     step(4, "PUT", url, headers=[("X-C", "1"), ("X-B", "2"), ("X-A", "3")])])

url = u("header-case")
add("pc-header-name-case-insensitive",
    STORE + "\"header-name cache entry match\" compares names byte-case-insensitively: "
    "Access-Control-Allow-Headers `X-Custom` serves `x-custom`, `X-CUSTOM` and `X-Custom`.",
    DOC,
    [options(url, (ACAO, "{{origin}}"), (ACAH, "X-Custom"), (MAX_AGE, "600")),
     any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "GET", url, headers=[("x-custom", "1")], pf=("GET", "x-custom")),
     step(1, "GET", url, headers=[("X-CUSTOM", "2")]),
     step(2, "GET", url, headers=[("X-Custom", "3")])])

url = u("method-hit-header-miss")
add("pc-method-hit-header-miss",
    '"HTTP fetch" step 4.1 second condition: PUT is cached, but x-a has no header-name cache '
    "entry match, so PUT with x-a preflights again (Access-Control-Request-Method PUT, "
    "Access-Control-Request-Headers x-a); afterwards both hit.",
    DOC,
    [reflect_options(url, (MAX_AGE, "600")), any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "PUT", url, pf=("PUT", None)),
     step(1, "PUT", url),
     step(2, "PUT", url, headers=[("X-A", "1")], pf=("PUT", "x-a")),
     step(3, "PUT", url, headers=[("X-A", "1")]),
     step(4, "PUT", url)])

url = u("header-across-methods")
add("pc-header-entry-shared-across-methods",
    STORE + "Header-name entries are not tied to a method: x-a stored by PUT's preflight serves "
    "DELETE once DELETE's own method entry exists.",
    DOC,
    [reflect_options(url, (MAX_AGE, "600")), any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "PUT", url, headers=[("X-A", "1")], pf=("PUT", "x-a")),
     step(1, "DELETE", url, pf=("DELETE", None)),
     step(2, "DELETE", url, headers=[("X-A", "1")])])

url = u("content-type")
add("pc-content-type-entry",
    STORE + "`Content-Type: application/json` is a CORS-unsafe request-header, so POST "
    "preflights with Access-Control-Request-Headers content-type and the content-type entry "
    "then serves it; `text/plain` is safelisted and never needs the cache.",
    DOC,
    [options(url, (ACAO, "{{origin}}"), (ACAH, "Content-Type"), (MAX_AGE, "600")),
     any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "POST", url, headers=[("Content-Type", "application/json")],
          pf=("POST", "content-type")),
     step(1, "POST", url, headers=[("Content-Type", "application/json")]),
     step(2, "POST", url, headers=[("Content-Type", "text/plain")])])

url = u("authorization")
add("pc-authorization-explicit-entry",
    STORE + "Access-Control-Allow-Headers naming Authorization stores an `authorization` entry, "
    "which serves the next request with Authorization. The preflight never carries "
    "Authorization; the actual request does.",
    DOC,
    [options(url, (ACAO, "{{origin}}"), (ACAH, "Authorization"), (MAX_AGE, "600")),
     any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "GET", url, headers=[("Authorization", "Bearer a")], pf=("GET", "authorization"),
          authorization="Bearer a"),
     step(1, "GET", url, headers=[("Authorization", "Bearer b")], authorization="Bearer b")])

# --- `*` entries --------------------------------------------------------------------------------

url = u("star")
add("pc-star-entries-cover-any",
    STORE + "Without credentials, `*` in Access-Control-Allow-Methods and -Headers passes "
    "(steps 7.5-7.6) and is stored as `*` entries; a `*` method entry matches any method and a "
    "`*` header entry any name but Authorization (\"header-name cache entry match\"). GET with "
    "Authorization therefore preflights, and fails: Authorization is a CORS non-wildcard "
    "request-header name that `*` does not cover (step 7.5's header check). " + CLEAR
    + "So DELETE with x-b preflights again.",
    DOC,
    [options(url, (ACAO, "*"), (ACAM, "*"), (ACAH, "*"), (MAX_AGE, "600")),
     any_method(url, (ACAO, "*"))],
    [step(0, "PUT", url, headers=[("X-A", "1")], pf=("PUT", "x-a")),
     step(1, "DELETE", url, headers=[("X-B", "1")]),
     step(2, "PATCH", url, headers=[("X-C", "1"), ("X-D", "1")]),
     step(3, "GET", url, headers=[("Authorization", "Bearer t")], pf=("GET", "authorization"),
          pf_only=True, error="HeaderDisallowedByPreflightResponse"),
     step(4, "DELETE", url, headers=[("X-B", "1")], pf=("DELETE", "x-b"))])

url = u("star-authorization")
add("pc-star-plus-authorization-entry",
    STORE + "`*, Authorization` stores both a `*` and an `authorization` header entry; the latter "
    "serves a later request with Authorization without a preflight.",
    DOC,
    [options(url, (ACAO, "*"), (ACAM, "*"), (ACAH, "*, Authorization"), (MAX_AGE, "600")),
     any_method(url, (ACAO, "*"))],
    [step(0, "GET", url, headers=[("X-A", "1")], pf=("GET", "x-a")),
     step(1, "GET", url, headers=[("Authorization", "Bearer t"), ("X-Q", "1")],
          authorization="Bearer t"),
     step(2, "PUT", url, headers=[("Authorization", "Bearer u")], authorization="Bearer u")])

url = u("star-uncredentialed-entry")
add("pc-star-entry-not-for-credentialed",
    STORE + "The `*` entries stored by an uncredentialed preflight are no cache entry match for a "
    "credentialed request (entry credentials false), so credentialed PUT preflights; with "
    "credentials `*` is no wildcard and PUT is not in [`*`] (step 7.5): "
    "MethodDisallowedByPreflightResponse. " + CLEAR + "So the uncredentialed PUT preflights "
    "again. (WPT cors-preflight-star.any.js: `*` works as any only without credentials.)",
    DOC,
    [options(url, (ACAO, "{{origin}}"), (ACAC, "true"), (ACAM, "*"), (ACAH, "*"),
             (MAX_AGE, "600")),
     any_method(url, (ACAO, "{{origin}}"), (ACAC, "true"))],
    [step(0, "PUT", url, pf=("PUT", None)),
     step(1, "PUT", url),
     step(2, "PUT", url, credentials="include", pf=("PUT", None), pf_only=True,
          error="MethodDisallowedByPreflightResponse"),
     step(3, "PUT", url, pf=("PUT", None))])

url = u("star-credentialed-entry")
add("pc-star-credentialed-entry-only-for-uncredentialed",
    STORE + "A credentialed preflight answered `PUT, *` stores credentialed PUT and `*` method "
    "entries. A credentialed entry serves every request (\"cache entry match\"), and `*` is a "
    "wildcard for requests without credentials, so uncredentialed DELETE hits. A credentialed "
    "DELETE does not use the `*` entry (the brief's reading: `*` is no wildcard with "
    "credentials) and preflights; DELETE is not in [PUT, `*`] with credentials (step 7.5), so "
    "it fails and " + CLEAR.replace('Fetch "main fetch"', '"main fetch"'),
    DOC,
    [options(url, (ACAO, "{{origin}}"), (ACAC, "true"), (ACAM, "PUT, *"), (MAX_AGE, "600")),
     any_method(url, (ACAO, "{{origin}}"), (ACAC, "true"))],
    [step(0, "PUT", url, credentials="include", pf=("PUT", None)),
     step(1, "DELETE", url),
     step(2, "DELETE", url, credentials="include", pf=("DELETE", None), pf_only=True,
          error="MethodDisallowedByPreflightResponse"),
     step(3, "DELETE", url, pf=("DELETE", None))])

url = u("star-header-credentialed")
add("pc-star-header-entry-credentialed",
    STORE + "A credentialed PUT without unsafe headers passes with Access-Control-Allow-Headers "
    "`*` and stores a credentialed `*` header entry. Uncredentialed PUT with x-a hits (PUT entry "
    "is credentialed, so it serves all; `*` covers x-a without credentials). Credentialed PUT "
    "with x-a finds no usable entry for x-a and preflights; with credentials x-a must be listed "
    "literally (step 7.6): HeaderDisallowedByPreflightResponse.",
    DOC,
    [options(url, (ACAO, "{{origin}}"), (ACAC, "true"), (ACAM, "PUT"), (ACAH, "*"),
             (MAX_AGE, "600")),
     any_method(url, (ACAO, "{{origin}}"), (ACAC, "true"))],
    [step(0, "PUT", url, credentials="include", pf=("PUT", None)),
     step(1, "PUT", url, headers=[("X-A", "1")]),
     step(2, "PUT", url, headers=[("X-A", "1")], credentials="include", pf=("PUT", "x-a"),
          pf_only=True, error="HeaderDisallowedByPreflightResponse")])

# --- credentials ----------------------------------------------------------------------------------

url = u("uncredentialed-entry")
add("pc-uncredentialed-entry-not-for-credentialed",
    '"CORS-preflight cache" cache entry match: an entry whose credentials is false only matches '
    "requests whose credentials mode is not \"include\"; \"create a new cache entry\" sets "
    "credentials true only for \"include\". So credentialed PUT preflights after an "
    "uncredentialed one; afterwards both modes hit.",
    DOC,
    [reflect_options(url, (MAX_AGE, "600"), credentials=True),
     any_method(url, (ACAO, "{{origin}}"), (ACAC, "true"))],
    [step(0, "PUT", url, pf=("PUT", None)),
     step(1, "PUT", url, credentials="include", pf=("PUT", None)),
     step(2, "PUT", url, credentials="omit"),
     step(3, "PUT", url, credentials="include")])

url = u("credentialed-entry")
add("pc-credentialed-entry-serves-all",
    '"CORS-preflight cache" cache entry match: an entry whose credentials is true matches any '
    "request, so after a credentialed preflight, PUT with credentials same-origin, omit and "
    "include all hit.",
    DOC,
    [reflect_options(url, (MAX_AGE, "600"), credentials=True),
     any_method(url, (ACAO, "{{origin}}"), (ACAC, "true"))],
    [step(0, "PUT", url, credentials="include", pf=("PUT", None)),
     step(1, "PUT", url, credentials="same-origin"),
     step(2, "PUT", url, credentials="omit"),
     step(3, "PUT", url, credentials="include")])

url = u("omit-same-origin")
add("pc-omit-and-same-origin-share-entries",
    '"create a new cache entry": credentials is false for both "omit" and "same-origin", so an '
    "entry stored by an omit request serves a same-origin-mode request and vice versa.",
    DOC,
    [reflect_options(url, (MAX_AGE, "600")), any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "PUT", url, credentials="omit", headers=[("X-A", "1")], pf=("PUT", "x-a")),
     step(1, "PUT", url, credentials="same-origin", headers=[("X-A", "1")]),
     step(2, "DELETE", url, credentials="same-origin", pf=("DELETE", None)),
     step(3, "DELETE", url, credentials="omit")])

url = u("credentialed-updated")
add("pc-credentialed-entry-max-age-set-by-uncredentialed-preflight",
    PF + " step 7.10: \"for each method in methods for which there is a method cache entry match "
    "using request, set matching entry's max-age\". The uncredentialed preflight at 10 s (needed "
    "for x-b) finds the credentialed PUT entry as its match (a credentialed entry matches every "
    "request) and sets its max-age to 5 (this server's Max-Age value `60{{request-headers}}` "
    "becomes `60x-b`, not delta-seconds, so step 7.8 gives 5). The credentialed PUT entry has "
    "therefore expired by 20 s, whichever instant its 5 s are counted from, and credentialed PUT "
    "preflights again. (No uncredentialed PUT entry is created: step 7.11 only creates entries "
    "for methods without a match.)",
    DOC,
    [reflect_options(url, (MAX_AGE, "60{{request-headers}}"), credentials=True),
     any_method(url, (ACAO, "{{origin}}"), (ACAC, "true"))],
    [step(0, "PUT", url, credentials="include", pf=("PUT", None)),
     step(10, "PUT", url, headers=[("X-B", "1")], pf=("PUT", "x-b")),
     step(20, "PUT", url, credentials="include", pf=("PUT", None))])

# --- keyed by URL and origin ------------------------------------------------------------------------

ua, ub = u("path-a"), u("path-b")
add("pc-keyed-by-path",
    '"CORS-preflight cache": an entry matches only when its URL is the request\'s current URL, '
    "so /path-a's entries do not serve /path-b.",
    DOC,
    [reflect_options(ua, (MAX_AGE, "600")), any_method(ua, (ACAO, "{{origin}}")),
     reflect_options(ub, (MAX_AGE, "600")), any_method(ub, (ACAO, "{{origin}}"))],
    [step(0, "PUT", ua, pf=("PUT", None)),
     step(1, "PUT", ub, pf=("PUT", None)),
     step(2, "PUT", ua),
     step(3, "PUT", ub)])

uq, uq1, uq2 = u("query"), u("query") + "?x=1", u("query") + "?x=2"
add("pc-keyed-by-query",
    '"CORS-preflight cache": the entry URL includes the query, so ?x=1 and ?x=2 each need their '
    "own preflight.",
    DOC,
    [reflect_options(uq, (MAX_AGE, "600")), any_method(uq, (ACAO, "{{origin}}")),
     reflect_options(uq1, (MAX_AGE, "600")), any_method(uq1, (ACAO, "{{origin}}")),
     reflect_options(uq2, (MAX_AGE, "600")), any_method(uq2, (ACAO, "{{origin}}"))],
    [step(0, "PUT", uq, pf=("PUT", None)),
     step(1, "PUT", uq1, pf=("PUT", None)),
     step(2, "PUT", uq2, pf=("PUT", None)),
     step(3, "PUT", uq1),
     step(4, "PUT", uq)])

up0, up1 = API + "/pc/port", "http://api.example:8001/pc/port"
add("pc-keyed-by-port",
    '"CORS-preflight cache": the same path on another port is another URL.',
    DOC,
    [reflect_options(up0, (MAX_AGE, "600")), any_method(up0, (ACAO, "{{origin}}")),
     reflect_options(up1, (MAX_AGE, "600")), any_method(up1, (ACAO, "{{origin}}"))],
    [step(0, "PUT", up0, pf=("PUT", None)),
     step(1, "PUT", up1, pf=("PUT", None)),
     step(2, "PUT", up0),
     step(3, "PUT", up1)])

un = u("normalized")
add("pc-url-compared-after-parsing",
    '"CORS-preflight cache": entries hold the parsed URL; `http://API.EXAMPLE:8000/pc/./normalized` '
    "parses to the same URL as the stored one (host lowercased, `.` segment removed), so it "
    "hits.",
    DOC,
    [reflect_options(un, (MAX_AGE, "600")), any_method(un, (ACAO, "{{origin}}"))],
    [step(0, "PUT", un, pf=("PUT", None)),
     preflight_first(ok(request("http://API.EXAMPLE:8000/pc/./normalized", "PUT"),
                        [sent("PUT", un)], at=1))])

ur1, ur2 = u("redirect-from"), "http://api2.example:8000/pc/redirect-to"
redirect_routes = [
    reflect_options(ur1, (MAX_AGE, "600")),
    route("GET", ur1, 307, [(ACAO, "{{origin}}"), ("Location", ur2)]),
    reflect_options(ur2, (MAX_AGE, "600")),
    any_method(ur2, (ACAO, "{{origin}}")),
]


def redirect_step(at, pf1, pf2):
    reqs = []
    if pf1:
        reqs.append(pre(ur1, "GET", "x-a"))
    reqs.append(sent("GET", ur1))
    if pf2:
        reqs.append(pre(ur2, "GET", "x-a", origin="null"))
    reqs.append(sent("GET", ur2, origin="null"))
    return step(at, "GET", ur1, headers=[("X-A", "1")], pf=("GET", "x-a") if (pf1 or pf2) else None,
                extra_requests=reqs)


add("pc-keyed-by-origin",
    '"CORS-preflight cache": entries are keyed by the byte-serialized request origin. After a '
    "cross-site redirect (api.example to api2.example) the request's redirect-taint is not "
    "same-origin, so it serializes its origin as `null` (\"serializing a request origin\"): "
    "main fetch runs again for the new URL (\"HTTP-redirect fetch\" last step) and the "
    "preflight to api2.example carries `Origin: null` and stores entries for origin `null`. "
    "A direct fetch of api2.example from the document (origin http://app.example) finds no "
    "entry and preflights; repeating both fetches then hits every entry. Referer stays the "
    "document's origin + \"/\".",
    DOC,
    redirect_routes,
    [redirect_step(0, True, True),
     step(1, "GET", ur2, headers=[("X-A", "1")], pf=("GET", "x-a")),
     redirect_step(2, False, False),
     step(3, "GET", ur2, headers=[("X-A", "1")])])

# --- clearing on failure ------------------------------------------------------------------------------

url = u("clear-actual")
add("pc-clear-on-actual-response-failure",
    CLEAR + "PUT's preflight caches PUT and DELETE; DELETE hits the cache but its actual "
    "response lacks Access-Control-Allow-Origin (\"HTTP fetch\" step 4.4 CORS check fails), "
    "which clears the URL's entries: PUT preflights again, then hits.",
    DOC,
    [options(url, (ACAO, "{{origin}}"), (ACAM, "PUT, DELETE"), (MAX_AGE, "600")),
     route("DELETE", url, 200, []),
     any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "PUT", url, pf=("PUT", None)),
     step(1, "DELETE", url, error="MissingAllowOriginHeader"),
     step(2, "PUT", url, pf=("PUT", None)),
     step(3, "PUT", url)])

uc1, uc2 = u("clear-one"), u("clear-two")
add("pc-failure-on-other-url-keeps-entries",
    CLEAR + "Only entries whose URL is the failing request's current URL are removed: a "
    "failure on /clear-two leaves /clear-one's entries, while /clear-two preflights again.",
    DOC,
    [options(uc1, (ACAO, "{{origin}}"), (ACAM, "PUT, DELETE"), (MAX_AGE, "600")),
     any_method(uc1, (ACAO, "{{origin}}")),
     options(uc2, (ACAO, "{{origin}}"), (ACAM, "PUT, DELETE"), (MAX_AGE, "600")),
     route("DELETE", uc2, 200, []),
     any_method(uc2, (ACAO, "{{origin}}"))],
    [step(0, "PUT", uc1, pf=("PUT", None)),
     step(1, "PUT", uc2, pf=("PUT", None)),
     step(2, "DELETE", uc2, error="MissingAllowOriginHeader"),
     step(3, "PUT", uc1),
     step(4, "DELETE", uc1),
     step(5, "PUT", uc2, pf=("PUT", None))])

url = u("clear-preflight")
add("pc-clear-on-preflight-failure",
    CLEAR + "PUT's preflight stores PUT and x-b; PUT with x-b hits; PUT with x-a preflights and "
    "fails (x-a not allowed, step 7.6), which clears the URL's entries, so PUT with x-b "
    "preflights again.",
    DOC,
    [options(url, (ACAO, "{{origin}}"), (ACAM, "PUT"), (ACAH, "x-b"), (MAX_AGE, "600")),
     any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "PUT", url, pf=("PUT", None)),
     step(1, "PUT", url, headers=[("X-B", "1")]),
     step(2, "PUT", url, headers=[("X-A", "1")], pf=("PUT", "x-a"), pf_only=True,
          error="HeaderDisallowedByPreflightResponse"),
     step(3, "PUT", url, headers=[("X-B", "1")], pf=("PUT", "x-b"))])

url = u("simple-failure")
add("pc-simple-request-failure-does-not-clear",
    'Fetch "main fetch" step 12: only the use-CORS-preflight / unsafe-request branch clears '
    "cache entries on a network error; a simple GET (the \"Otherwise\" branch) that fails the "
    "CORS check leaves the URL's PUT entry, which still serves PUT.",
    DOC,
    [options(url, (ACAO, "{{origin}}"), (ACAM, "PUT"), (MAX_AGE, "600")),
     route("GET", url, 200, []),
     any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "PUT", url, pf=("PUT", None)),
     step(1, "GET", url, error="MissingAllowOriginHeader"),
     step(2, "PUT", url)])

url = u("clear-credentialed")
add("pc-clear-removes-credentialed-entries",
    CLEAR + "Clearing ignores the entries' credentials: the uncredentialed DELETE hits the "
    "credentialed entries, fails the CORS check, and removes them, so credentialed PUT "
    "preflights again.",
    DOC,
    [options(url, (ACAO, "{{origin}}"), (ACAC, "true"), (ACAM, "PUT, DELETE"), (MAX_AGE, "600")),
     route("DELETE", url, 200, []),
     any_method(url, (ACAO, "{{origin}}"), (ACAC, "true"))],
    [step(0, "PUT", url, credentials="include", pf=("PUT", None)),
     step(1, "DELETE", url, error="MissingAllowOriginHeader"),
     step(2, "PUT", url, credentials="include", pf=("PUT", None))])

url = u("clear-wildcard-actual")
add("pc-clear-after-credentialed-actual-failure",
    CLEAR + "The preflight passes for credentialed PUT, but the actual response has "
    "Access-Control-Allow-Origin `*`, which fails the CORS check with credentials "
    "(WildcardOriginNotAllowed), so the just-stored entries are cleared and the next "
    "credentialed PUT preflights again. Uncredentialed PUT then works and is cached.",
    DOC,
    [options(url, (ACAO, "{{origin}}"), (ACAC, "true"), (ACAM, "PUT"), (MAX_AGE, "600")),
     any_method(url, (ACAO, "*"))],
    [step(0, "PUT", url, credentials="include", pf=("PUT", None),
          error="WildcardOriginNotAllowed"),
     step(1, "PUT", url, credentials="include", pf=("PUT", None),
          error="WildcardOriginNotAllowed"),
     step(2, "PUT", url, pf=("PUT", None)),
     step(3, "PUT", url)])

url = u("failed-status")
add("pc-failed-preflight-stores-nothing",
    PF + " step 8: a preflight answered 403 (not an ok status) is a network error and stores "
    "nothing, so every attempt preflights.",
    DOC,
    [options(url, (ACAO, "{{origin}}"), (ACAM, "PUT"), (MAX_AGE, "600"), status=403),
     any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "PUT", url, pf=("PUT", None), pf_only=True, error="PreflightInvalidStatus"),
     step(1, "PUT", url, pf=("PUT", None), pf_only=True, error="PreflightInvalidStatus")])

# --- use-CORS-preflight flag ----------------------------------------------------------------------------

url = u("xhr-no-acam")
add("pc-use-cors-preflight-caches-method-without-acam",
    PF + " step 7.4: with the use-CORS-preflight flag set and no Access-Control-Allow-Methods, "
    "methods becomes [request's method], so the GET entry is cached and the next flagged GET "
    "does not preflight; a flagged POST has no entry and preflights; an unflagged GET is a "
    "simple request and needs none (\"HTTP fetch\" step 4.1).",
    DOC,
    [options(url, (ACAO, "{{origin}}"), (MAX_AGE, "600")), any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "GET", url, xhr=True, pf=("GET", None)),
     step(1, "GET", url, xhr=True),
     step(2, "POST", url, xhr=True, pf=("POST", None)),
     step(3, "POST", url, xhr=True),
     step(4, "GET", url)])

url = u("xhr-with-acam")
add("pc-use-cors-preflight-with-acam-stores-listed-only",
    PF + " step 7.4 applies only when methods is null: with Access-Control-Allow-Methods `PUT`, "
    "a flagged GET passes (GET is CORS-safelisted, step 7.5) but only PUT is stored, so the next "
    "flagged GET preflights again while PUT hits.",
    DOC,
    [options(url, (ACAO, "{{origin}}"), (ACAM, "PUT"), (MAX_AGE, "600")),
     any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "GET", url, xhr=True, pf=("GET", None)),
     step(1, "GET", url, xhr=True, pf=("GET", None)),
     step(2, "PUT", url)])

url = u("xhr-put")
add("pc-use-cors-preflight-entry-serves-fetch",
    PF + " step 7.4: a flagged PUT answered without Access-Control-Allow-Methods passes and "
    "stores a PUT entry, which then serves an unflagged PUT. Without the flag the same answer "
    "would fail (PUT not in a null methods list).",
    DOC,
    [options(url, (ACAO, "{{origin}}"), (MAX_AGE, "600")), any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "PUT", url, xhr=True, pf=("PUT", None)),
     step(1, "PUT", url)])

url = u("no-acam-put")
add("pc-no-acam-put-fails-without-flag",
    PF + " step 7.5: without the use-CORS-preflight flag, no Access-Control-Allow-Methods leaves "
    "methods null and PUT is neither listed nor CORS-safelisted: "
    "MethodDisallowedByPreflightResponse; nothing is cached, so the flagged PUT preflights, "
    "passes (step 7.4) and is cached for the unflagged PUT after it.",
    DOC,
    [options(url, (ACAO, "{{origin}}"), (MAX_AGE, "600")), any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "PUT", url, pf=("PUT", None), pf_only=True,
          error="MethodDisallowedByPreflightResponse"),
     step(1, "PUT", url, xhr=True, pf=("PUT", None)),
     step(2, "PUT", url)])

# --- other documents ----------------------------------------------------------------------------------

url = "https://api.example/pc/https"
add("pc-https-document",
    STORE + "From an https document to an https API: Referer is the document's origin + \"/\" "
    "(cross-origin, no downgrade) on both the preflight and the actual request.",
    "https://app.example",
    [reflect_options(url, (MAX_AGE, "60")), any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "PUT", url, headers=[("X-A", "1")], pf=("PUT", "x-a"),
          origin="https://app.example", referer="https://app.example/"),
     step(59.6, "PUT", url, headers=[("X-A", "1")],
          origin="https://app.example", referer="https://app.example/"),
     step(60.4, "PUT", url, headers=[("X-A", "1")], pf=("PUT", "x-a"),
          origin="https://app.example", referer="https://app.example/")])

url = u("localhost")
add("pc-localhost-document",
    STORE + "From http://localhost:3000 (potentially trustworthy) to http://api.example:8000 "
    "(not), strict-origin-when-cross-origin sends no Referer, on the preflight or the actual "
    "request.",
    "http://localhost:3000",
    [reflect_options(url, (MAX_AGE, "600")), any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "DELETE", url, pf=("DELETE", None), origin="http://localhost:3000", referer=None),
     step(100, "DELETE", url, origin="http://localhost:3000", referer=None)])

url = u("opaque-doc")
add("pc-opaque-origin-document",
    STORE + "An opaque-origin document: the byte-serialized request origin is `null` (Origin: "
    "null on both requests, no Referer); entries are stored under `null` and serve the "
    "document's next request.",
    "null",
    [reflect_options(url, (MAX_AGE, "600")), any_method(url, (ACAO, "{{origin}}"))],
    [step(0, "PUT", url, pf=("PUT", None), origin="null", referer=None),
     step(1, "PUT", url, origin="null", referer=None)])


def main():
    source = ("Hand-written from the WHATWG Fetch standard (CORS-preflight fetch, "
              "CORS-preflight cache, HTTP fetch, main fetch, CORS check, extract header list "
              "values, HTTP new-header syntax) and web-platform-tests "
              "fetch/api/cors/cors-preflight-cache.any.js and cors-preflight-star.any.js. "
              "Generated by scripts/corpus/preflight_cache.py.")
    common.write_vectors(OUTPUT, source, VECTORS)
    steps = common.step_count(VECTORS)
    print(f"wrote {len(VECTORS)} vectors ({steps} steps) to {common.relpath(OUTPUT)}")


if __name__ == "__main__":
    main()
