#!/usr/bin/env python3
"""Generate spec-vectors/null-origin.json: fetches from a document whose origin is opaque.

Every vector is a `scenario` of the `cors-vectors/1` format whose document `origin` is `"null"`
(an opaque origin: a sandboxed iframe, a data: URL document). The expectations are what a browser
conforming to the WHATWG Fetch standard does there:

- every URL is cross-origin (an opaque origin is same origin only with itself), so a "cors" fetch
  always takes main fetch's CORS branches and always carries `Origin: null` ("serializing a
  request origin" is the ASCII serialization of an opaque origin, `null`), preflights included;
- no `Referer` (Referrer Policy: an opaque-origin document has no referrer to send — the format
  states it: "an opaque-origin document sends no referrer");
- the CORS check compares ACAO with the bytes `null`: `*` passes without credentials, `null`
  passes, any serialized origin fails; with credentials "include", `null` + ACAC true passes and
  `*` fails;
- CORS-preflight cache entries are keyed by the byte-serialized origin `null`;
- mode "same-origin" is a network error for every URL; mode "no-cors" gives opaque responses.

Every expectation below is a literal decided by reading the Fetch standard (main fetch step 12,
"append a request `Origin` header", "CORS check", "CORS-preflight fetch", "CORS-preflight cache")
and web-platform-tests (fetch/api/cors/cors-origin.any.js, fetch/api/cors/sandboxed-iframe.html).

Usage (from the repository root):
    python3 scripts/corpus/null_origin.py
"""

from functools import partial

import common
from common import ACAC, ACAH, ACAM, ACAO, ACEH, CT, LOC, MAX_AGE, fail, fetch, ok, rt

OUTPUT = common.output_path("null-origin.json")

NULL_DOC = "null"
API = "http://api.example:8000"
OTHER = "http://other.example:8000"
API_TLS = "https://api.example"
SITE = "http://app.example"   # the site a sandboxed frame would have been served from


# --- builders (common.py); requests from the opaque-origin document carry no Referer ----------

sent = partial(common.sent, referer=None)
pre = partial(common.pre, origin="null", referer=None)

VECTORS = common.Vectors()
add = VECTORS.add


CROSS = ('The document\'s origin is opaque, so no URL is same origin with it: "main fetch" step 12 '
         'takes a CORS branch (response tainting "cors") and "append a request `Origin` header" '
         'step 3 adds `Origin: null` (the serialization of an opaque origin). No Referer from an '
         'opaque-origin document. ')
CHECK = 'Fetch "HTTP fetch" step 4.4, "CORS check": '
PREFLIGHT = ('"CORS-preflight fetch" steps 1-5: the preflight copies the request\'s origin, so it '
             'carries `Origin: null` too, plus Access-Control-Request-Method/-Headers. ')

p = "/null"

# --- simple requests and the CORS check ---------------------------------------------------------
add("null-origin-get-acao-star",
    CROSS + CHECK + "step 3: `ACAO: *` with credentials mode \"same-origin\" is success. "
    "(WPT fetch/api/cors/sandboxed-iframe.html)",
    NULL_DOC,
    [rt("GET", API + p + "/star", 200, (ACAO, "*"), CT)],
    [ok(fetch(API + p + "/star"), [sent("GET", API + p + "/star", "null")],
        "cors", 200, ["content-type"])])
add("null-origin-get-acao-null",
    CROSS + CHECK + "step 4: ACAO `null` equals the byte-serialized request origin `null`: "
    "success.",
    NULL_DOC,
    [rt("GET", API + p + "/acao-null", 200, (ACAO, "null"), CT)],
    [ok(fetch(API + p + "/acao-null"), [sent("GET", API + p + "/acao-null", "null")],
        "cors", 200, ["content-type"])])
add("null-origin-get-acao-reflected",
    CROSS + "A server reflecting Origin answers `ACAO: null`: success (" + CHECK + "step 4).",
    NULL_DOC,
    [rt("GET", API + p + "/reflect", 200, (ACAO, "{{origin}}"), CT)],
    [ok(fetch(API + p + "/reflect"), [sent("GET", API + p + "/reflect", "null")],
        "cors", 200, ["content-type"])])
add("null-origin-get-acao-site-origin-fails",
    CROSS + CHECK + "step 4: ACAO names the site the sandboxed frame came from "
    "(`http://app.example`), which is not `null`: failure (AllowOriginMismatch).",
    NULL_DOC,
    [rt("GET", API + p + "/acao-site", 200, (ACAO, "http://app.example"), CT)],
    [fail(fetch(API + p + "/acao-site"), [sent("GET", API + p + "/acao-site", "null")],
          "AllowOriginMismatch")])
add("null-origin-get-no-acao-fails",
    CROSS + CHECK + "step 2: no ACAO is failure (MissingAllowOriginHeader).",
    NULL_DOC,
    [rt("GET", API + p + "/no-acao", 200, CT)],
    [fail(fetch(API + p + "/no-acao"), [sent("GET", API + p + "/no-acao", "null")],
          "MissingAllowOriginHeader")])
add("null-origin-get-acao-uppercase-null-fails",
    CROSS + CHECK + "step 4 compares bytes: `NULL` is not `null` (the Origin ABNF's %s\"null\" is "
    "case-sensitive); `NULL` is neither `*` nor a URL (InvalidAllowOriginValue).",
    NULL_DOC,
    [rt("GET", API + p + "/acao-upper", 200, (ACAO, "NULL"), CT)],
    [fail(fetch(API + p + "/acao-upper"), [sent("GET", API + p + "/acao-upper", "null")],
          "InvalidAllowOriginValue")])
add("null-origin-get-two-acao-null-fails",
    CROSS + CHECK + "two `ACAO: null` headers combine into `null, null`, which is not `null`: "
    "failure (MultipleAllowOriginValues).",
    NULL_DOC,
    [rt("GET", API + p + "/acao-twice", 200, (ACAO, "null"), (ACAO, "null"), CT)],
    [fail(fetch(API + p + "/acao-twice"), [sent("GET", API + p + "/acao-twice", "null")],
          "MultipleAllowOriginValues")])
add("null-origin-credentials-include-acao-null-acac-ok",
    CROSS + CHECK + "credentials \"include\": ACAO `null` matches (step 4) and ACAC `true` "
    "(step 7): success.",
    NULL_DOC,
    [rt("GET", API + p + "/cred-ok", 200, (ACAO, "null"), (ACAC, "true"), CT)],
    [ok(fetch(API + p + "/cred-ok", credentials="include"),
        [sent("GET", API + p + "/cred-ok", "null")],
        "cors", 200, ["content-type"])])
add("null-origin-credentials-include-acao-star-fails",
    CROSS + CHECK + "credentials \"include\": step 3 does not accept `*`, step 4 compares `null` "
    "with `*`: failure (WildcardOriginNotAllowed).",
    NULL_DOC,
    [rt("GET", API + p + "/cred-star", 200, (ACAO, "*"), (ACAC, "true"), CT)],
    [fail(fetch(API + p + "/cred-star", credentials="include"),
          [sent("GET", API + p + "/cred-star", "null")],
          "WildcardOriginNotAllowed")])
add("null-origin-credentials-include-without-acac-fails",
    CROSS + CHECK + "credentials \"include\", ACAO `null` but no ACAC: step 7 failure "
    "(InvalidAllowCredentials).",
    NULL_DOC,
    [rt("GET", API + p + "/cred-no-acac", 200, (ACAO, "null"), CT)],
    [fail(fetch(API + p + "/cred-no-acac", credentials="include"),
          [sent("GET", API + p + "/cred-no-acac", "null")],
          "InvalidAllowCredentials")])
add("null-origin-credentials-omit-acao-null",
    CROSS + CHECK + "credentials \"omit\": ACAO `null` matches (step 4), step 5 success.",
    NULL_DOC,
    [rt("GET", API + p + "/omit", 200, (ACAO, "null"), CT)],
    [ok(fetch(API + p + "/omit", credentials="omit"), [sent("GET", API + p + "/omit", "null")],
        "cors", 200, ["content-type"])])
add("null-origin-site-url-is-cross-origin",
    CROSS + "Even a URL on the site the sandboxed frame was served from (`http://app.example`) "
    "is cross-origin to an opaque origin: the response is a CORS response (not basic) and needs "
    "ACAO; here ACAO `null` passes.",
    NULL_DOC,
    [rt("GET", SITE + p + "/own", 200, (ACAO, "null"), CT, ("X-Trace", "1"))],
    [ok(fetch(SITE + p + "/own"), [sent("GET", SITE + p + "/own", "null")],
        "cors", 200, ["content-type"])])
add("null-origin-site-url-acao-site-fails",
    CROSS + "The site's own server allowing its own origin (`ACAO: http://app.example`) does not "
    "allow the opaque-origin document: " + CHECK + "step 4 failure (AllowOriginMismatch).",
    NULL_DOC,
    [rt("GET", SITE + p + "/own2", 200, (ACAO, "http://app.example"), CT)],
    [fail(fetch(SITE + p + "/own2"), [sent("GET", SITE + p + "/own2", "null")],
          "AllowOriginMismatch")])
add("null-origin-https-target",
    CROSS + "An https target: still `Origin: null` (no referrer-policy downgrade rule applies in "
    "mode cors) and no Referer. ACAO `null`: success.",
    NULL_DOC,
    [rt("GET", API_TLS + p + "/tls", 200, (ACAO, "null"), CT)],
    [ok(fetch(API_TLS + p + "/tls"), [sent("GET", API_TLS + p + "/tls", "null")],
        "cors", 200, ["content-type"])])
add("null-origin-post-text-plain-simple",
    CROSS + "POST with `Content-Type: text/plain` is a simple request: no preflight, "
    "`Origin: null`. ACAO `*`: success.",
    NULL_DOC,
    [rt("POST", API + p + "/post", 201, (ACAO, "*"), CT)],
    [ok(fetch(API + p + "/post", method="POST", headers=[CT]),
        [sent("POST", API + p + "/post", "null", content_type="text/plain")],
        "cors", 201, ["content-type"])])
add("null-origin-head-simple",
    CROSS + "HEAD is a CORS-safelisted method: no preflight, `Origin: null`.",
    NULL_DOC,
    [rt("HEAD", API + p + "/head", 200, (ACAO, "null"), CT)],
    [ok(fetch(API + p + "/head", method="HEAD"), [sent("HEAD", API + p + "/head", "null")],
        "cors", 200, ["content-type"])])
add("null-origin-expose-headers-star",
    CROSS + "ACAO `null`, `Access-Control-Expose-Headers: *` with credentials \"same-origin\": "
    "main fetch step 14.1.2 exposes every header name of the response.",
    NULL_DOC,
    [rt("GET", API + p + "/expose", 200, (ACAO, "null"), (ACEH, "*"), CT, ("X-A", "1"))],
    [ok(fetch(API + p + "/expose"), [sent("GET", API + p + "/expose", "null")],
        "cors", 200, ["access-control-allow-origin", "access-control-expose-headers",
                      "content-type", "x-a"])])

# --- preflights -----------------------------------------------------------------------------------
add("null-origin-put-preflight-acao-null",
    CROSS + PREFLIGHT + "The preflight answers ACAO `null` and allows PUT: \"CORS-preflight "
    "fetch\" step 7 passes, the PUT carries `Origin: null`.",
    NULL_DOC,
    [rt("OPTIONS", API + p + "/put1", 204, (ACAO, "null"), (ACAM, "PUT")),
     rt("PUT", API + p + "/put1", 200, (ACAO, "null"), CT)],
    [ok(fetch(API + p + "/put1", method="PUT"),
        [pre(API + p + "/put1", "PUT"), sent("PUT", API + p + "/put1", "null")],
        "cors", 200, ["content-type"], preflight=True)])
add("null-origin-put-preflight-acao-star",
    CROSS + PREFLIGHT + "`ACAO: *` on the preflight and the response, credentials "
    "\"same-origin\": both CORS checks pass (step 3).",
    NULL_DOC,
    [rt("OPTIONS", API + p + "/put2", 204, (ACAO, "*"), (ACAM, "PUT")),
     rt("PUT", API + p + "/put2", 200, (ACAO, "*"), CT)],
    [ok(fetch(API + p + "/put2", method="PUT"),
        [pre(API + p + "/put2", "PUT"), sent("PUT", API + p + "/put2", "null")],
        "cors", 200, ["content-type"], preflight=True)])
add("null-origin-put-preflight-acao-site-fails",
    CROSS + PREFLIGHT + "The preflight's ACAO names `http://app.example`: \"CORS-preflight "
    "fetch\" step 7's CORS check fails (PreflightAllowOriginMismatch); the PUT is not sent.",
    NULL_DOC,
    [rt("OPTIONS", API + p + "/put3", 204, (ACAO, "http://app.example"), (ACAM, "PUT")),
     rt("PUT", API + p + "/put3", 200, (ACAO, "*"))],
    [fail(fetch(API + p + "/put3", method="PUT"), [pre(API + p + "/put3", "PUT")],
          "PreflightAllowOriginMismatch", preflight=True)])
add("null-origin-put-preflight-no-acao-fails",
    CROSS + PREFLIGHT + "The preflight has no ACAO: PreflightMissingAllowOriginHeader.",
    NULL_DOC,
    [rt("OPTIONS", API + p + "/put4", 204, (ACAM, "PUT")),
     rt("PUT", API + p + "/put4", 200, (ACAO, "*"))],
    [fail(fetch(API + p + "/put4", method="PUT"), [pre(API + p + "/put4", "PUT")],
          "PreflightMissingAllowOriginHeader", preflight=True)])
add("null-origin-put-credentials-preflight-null-acac",
    CROSS + PREFLIGHT + "credentials \"include\": the preflight and the response answer ACAO "
    "`null` + ACAC true; the CORS check runs with the request's credentials mode (\"CORS-preflight "
    "fetch\" step 7): success.",
    NULL_DOC,
    [rt("OPTIONS", API + p + "/put5", 204, (ACAO, "null"), (ACAC, "true"), (ACAM, "PUT")),
     rt("PUT", API + p + "/put5", 200, (ACAO, "null"), (ACAC, "true"), CT)],
    [ok(fetch(API + p + "/put5", method="PUT", credentials="include"),
        [pre(API + p + "/put5", "PUT"), sent("PUT", API + p + "/put5", "null")],
        "cors", 200, ["content-type"], preflight=True)])
add("null-origin-put-credentials-preflight-star-fails",
    CROSS + PREFLIGHT + "credentials \"include\": the preflight's `ACAO: *` fails the CORS check "
    "(PreflightWildcardOriginNotAllowed).",
    NULL_DOC,
    [rt("OPTIONS", API + p + "/put6", 204, (ACAO, "*"), (ACAC, "true"), (ACAM, "PUT")),
     rt("PUT", API + p + "/put6", 200, (ACAO, "null"), (ACAC, "true"))],
    [fail(fetch(API + p + "/put6", method="PUT", credentials="include"),
          [pre(API + p + "/put6", "PUT")],
          "PreflightWildcardOriginNotAllowed", preflight=True)])
add("null-origin-custom-header-preflight",
    CROSS + PREFLIGHT + "A GET with `X-Custom` asks for `x-custom` (ACRM GET); the preflight "
    "allows it with ACAO `null`.",
    NULL_DOC,
    [rt("OPTIONS", API + p + "/hdr", 204, (ACAO, "null"), (ACAH, "x-custom")),
     rt("GET", API + p + "/hdr", 200, (ACAO, "null"), CT)],
    [ok(fetch(API + p + "/hdr", headers=[("X-Custom", "v")]),
        [pre(API + p + "/hdr", "GET", "x-custom"),
         sent("GET", API + p + "/hdr", "null", x_custom="v")],
        "cors", 200, ["content-type"], preflight=True)])
add("null-origin-authorization-allowed-explicitly",
    CROSS + PREFLIGHT + "A GET with Authorization: the preflight's ACAH names `authorization` "
    "(\"CORS-preflight fetch\" step 7.6), so the GET is sent with it.",
    NULL_DOC,
    [rt("OPTIONS", API + p + "/auth1", 204, (ACAO, "null"), (ACAH, "authorization")),
     rt("GET", API + p + "/auth1", 200, (ACAO, "null"), CT)],
    [ok(fetch(API + p + "/auth1", headers=[("Authorization", "Bearer x")]),
        [pre(API + p + "/auth1", "GET", "authorization"),
         sent("GET", API + p + "/auth1", "null", authorization="Bearer x")],
        "cors", 200, ["content-type"], preflight=True)])
add("null-origin-authorization-not-covered-by-wildcard",
    CROSS + PREFLIGHT + "ACAH `*` does not cover Authorization, a CORS non-wildcard "
    "request-header name: \"CORS-preflight fetch\" step 7.6 network error "
    "(HeaderDisallowedByPreflightResponse).",
    NULL_DOC,
    [rt("OPTIONS", API + p + "/auth2", 204, (ACAO, "null"), (ACAH, "*")),
     rt("GET", API + p + "/auth2", 200, (ACAO, "null"), CT)],
    [fail(fetch(API + p + "/auth2", headers=[("Authorization", "Bearer x")]),
          [pre(API + p + "/auth2", "GET", "authorization")],
          "HeaderDisallowedByPreflightResponse", preflight=True)])

# --- the CORS-preflight cache, keyed by `null` ----------------------------------------------------
add("null-origin-preflight-cache-hit-and-expiry",
    CROSS + "Step 1's preflight (Max-Age 600) creates a method cache entry whose byte-serialized "
    "origin is `null` (\"create a new cache entry\"). Step 2 (10 s) has a \"method cache entry "
    "match\" (same `null`, same URL): no preflight (\"HTTP fetch\" step 4.1). Step 3 (700 s) comes "
    "after the entry's max-age: preflight again.",
    NULL_DOC,
    [rt("OPTIONS", API + p + "/cache1", 204, (ACAO, "null"), (ACAM, "PUT"), (MAX_AGE, "600")),
     rt("PUT", API + p + "/cache1", 200, (ACAO, "null"), CT)],
    [ok(fetch(API + p + "/cache1", method="PUT"),
        [pre(API + p + "/cache1", "PUT"), sent("PUT", API + p + "/cache1", "null")],
        "cors", 200, ["content-type"], preflight=True),
     ok(fetch(API + p + "/cache1", method="PUT"),
        [sent("PUT", API + p + "/cache1", "null")],
        "cors", 200, ["content-type"], preflight=False, at=10),
     ok(fetch(API + p + "/cache1", method="PUT"),
        [pre(API + p + "/cache1", "PUT"), sent("PUT", API + p + "/cache1", "null")],
        "cors", 200, ["content-type"], preflight=True, at=700)])
add("null-origin-preflight-cache-credentials",
    CROSS + "Step 1 (credentials \"same-origin\") caches PUT with credentials false; step 2 "
    "(credentials \"include\") finds no \"cache entry match\" (an entry with credentials false "
    "serves only requests not in include) and preflights again, creating an entry with "
    "credentials true; step 3 (\"same-origin\") matches that entry: no preflight.",
    NULL_DOC,
    [rt("OPTIONS", API + p + "/cache2", 204, (ACAO, "null"), (ACAC, "true"), (ACAM, "PUT"),
        (MAX_AGE, "600")),
     rt("PUT", API + p + "/cache2", 200, (ACAO, "null"), (ACAC, "true"), CT)],
    [ok(fetch(API + p + "/cache2", method="PUT"),
        [pre(API + p + "/cache2", "PUT"), sent("PUT", API + p + "/cache2", "null")],
        "cors", 200, ["content-type"], preflight=True),
     ok(fetch(API + p + "/cache2", method="PUT", credentials="include"),
        [pre(API + p + "/cache2", "PUT"), sent("PUT", API + p + "/cache2", "null")],
        "cors", 200, ["content-type"], preflight=True, at=10),
     ok(fetch(API + p + "/cache2", method="PUT"),
        [sent("PUT", API + p + "/cache2", "null")],
        "cors", 200, ["content-type"], preflight=False, at=20)])
add("null-origin-preflight-cache-per-url",
    CROSS + "A cache entry is for one URL: after step 1 caches PUT for /cache3a (Max-Age 600), "
    "step 2's PUT to /cache3b has no \"cache entry match\" and is preflighted.",
    NULL_DOC,
    [rt("OPTIONS", API + p + "/cache3a", 204, (ACAO, "null"), (ACAM, "PUT"), (MAX_AGE, "600")),
     rt("PUT", API + p + "/cache3a", 200, (ACAO, "null"), CT),
     rt("OPTIONS", API + p + "/cache3b", 204, (ACAO, "null"), (ACAM, "PUT"), (MAX_AGE, "600")),
     rt("PUT", API + p + "/cache3b", 200, (ACAO, "null"), CT)],
    [ok(fetch(API + p + "/cache3a", method="PUT"),
        [pre(API + p + "/cache3a", "PUT"), sent("PUT", API + p + "/cache3a", "null")],
        "cors", 200, ["content-type"], preflight=True),
     ok(fetch(API + p + "/cache3b", method="PUT"),
        [pre(API + p + "/cache3b", "PUT"), sent("PUT", API + p + "/cache3b", "null")],
        "cors", 200, ["content-type"], preflight=True, at=5)])

# --- redirects from an opaque origin ----------------------------------------------------------
add("null-origin-redirect-same-server",
    CROSS + "A 302 within API: every request carries `Origin: null` and each response needs ACAO "
    "`null` or `*` (\"HTTP fetch\" step 4.4 on the redirect too).",
    NULL_DOC,
    [rt("GET", API + p + "/r1", 302, (ACAO, "null"), (LOC, API + p + "/r1-to")),
     rt("GET", API + p + "/r1-to", 200, (ACAO, "null"), CT)],
    [ok(fetch(API + p + "/r1"),
        [sent("GET", API + p + "/r1", "null"), sent("GET", API + p + "/r1-to", "null")],
        "cors", 200, ["content-type"])])
add("null-origin-redirect-other-origin",
    CROSS + "A 307 from API to OTHER: the origin already serializes as `null`; redirect-taint "
    "changes nothing. ACAO `null` (reflected) on both.",
    NULL_DOC,
    [rt("GET", API + p + "/r2", 307, (ACAO, "{{origin}}"), (LOC, OTHER + p + "/r2-to")),
     rt("GET", OTHER + p + "/r2-to", 200, (ACAO, "{{origin}}"), CT)],
    [ok(fetch(API + p + "/r2"),
        [sent("GET", API + p + "/r2", "null"), sent("GET", OTHER + p + "/r2-to", "null")],
        "cors", 200, ["content-type"])])

# --- modes --------------------------------------------------------------------------------------
add("null-origin-no-cors-get-opaque",
    "Mode \"no-cors\" from an opaque origin: main fetch step 12 no-cors branch, tainting "
    "\"opaque\"; a GET without cors tainting carries no Origin (\"append a request `Origin` "
    "header\"), and no Referer. An opaque filtered response: status 0, no headers.",
    NULL_DOC,
    [rt("GET", API + p + "/nc1", 200, CT)],
    [ok(fetch(API + p + "/nc1", mode="no-cors"), [sent("GET", API + p + "/nc1", None)],
        "opaque", 0, [])])
add("null-origin-no-cors-post-origin-null",
    "Mode \"no-cors\" POST from an opaque origin: \"append a request `Origin` header\" step 4 "
    "(method not GET/HEAD) appends it; the strict-origin-when-cross-origin rule only hides a "
    "tuple https origin, and the serialization is `null` anyway: `Origin: null`. Opaque response.",
    NULL_DOC,
    [rt("POST", API + p + "/nc2", 200, CT)],
    [ok(fetch(API + p + "/nc2", method="POST", headers=[CT], mode="no-cors"),
        [sent("POST", API + p + "/nc2", "null", content_type="text/plain")],
        "opaque", 0, [])])
add("null-origin-same-origin-mode-fails",
    "Mode \"same-origin\" from an opaque origin: no URL is same origin with it, so main fetch "
    "step 12 returns a network error before any request (DisallowedByMode).",
    NULL_DOC,
    [rt("GET", API + p + "/so1", 200, (ACAO, "*"))],
    [fail(fetch(API + p + "/so1", mode="same-origin"), [], "DisallowedByMode")])
add("null-origin-same-origin-mode-site-url-fails",
    "Mode \"same-origin\" to the site the sandboxed frame came from: still not same origin with "
    "the opaque origin (main fetch step 12: DisallowedByMode), no request.",
    NULL_DOC,
    [rt("GET", SITE + p + "/so2", 200)],
    [fail(fetch(SITE + p + "/so2", mode="same-origin"), [], "DisallowedByMode")])


def main():
    source = ("WHATWG Fetch standard (main fetch, Origin header, CORS check, CORS-preflight "
              "fetch and cache) for an opaque-origin document, read by hand; cases after "
              "web-platform-tests fetch/api/cors; generated by scripts/corpus/null_origin.py")
    common.write_vectors(OUTPUT, source, VECTORS)
    steps = common.step_count(VECTORS)
    print(f"wrote {OUTPUT}: {len(VECTORS)} vectors, {steps} steps")


if __name__ == "__main__":
    main()
