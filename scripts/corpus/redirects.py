#!/usr/bin/env python3
"""Generate spec-vectors/redirects.json: fetches that meet HTTP redirects.

Every vector is a `scenario` of the `cors-vectors/1` format. The expectations say what a browser
conforming to the WHATWG Fetch standard does when a response is a redirect: which requests reach
the server (method, URL, `Origin`, `Referer`, `Access-Control-Request-*`, `Authorization`, and the
request-body headers where a redirect rewrites the method), whether a CORS-preflight request is
made for the new URL, what script sees, or why the fetch is a network error.

Every expectation below is a literal decided by reading the Fetch standard — "HTTP fetch"
step 4.4 (the CORS check, which runs on every response in response tainting "cors", redirects
included) and step 6 (redirect mode), "HTTP-redirect fetch" steps 3-22, "main fetch" step 12
(response tainting chosen again for each URL), "redirect-taint" and "serializing a request origin"
(`Origin: null` once a hop went from a URL not same origin with the document to another origin),
"CORS-preflight fetch", "CORS-preflight cache", "location URL" — and Referrer Policy's
strict-origin-when-cross-origin; cases follow web-platform-tests fetch/api/redirect/*.any.js and
fetch/api/cors/cors-redirect*.any.js.

Usage (from the repository root):
    python3 scripts/corpus/redirects.py
"""

from functools import partial

import common
from common import ACAC, ACAH, ACAM, ACAO, CT, LOC, MAX_AGE, fail, fetch, ok, rt, sent

OUTPUT = common.output_path("redirects.json")

# The document (its URL is origin + "/", so the full-URL and origin-only referrers coincide).
DOC = "http://app.example"
DOC_REF = "http://app.example/"
LOCAL = "http://localhost:3000"
LOCAL_REF = "http://localhost:3000/"
TLS_DOC = "https://app.example"
TLS_DOC_REF = "https://app.example/"
# Targets.
API = "http://api.example:8000"          # a cross-origin server
OTHER = "http://other.example:8000"      # another cross-origin server
API_TLS = "https://api.example"
OTHER_TLS = "https://other.example"


# --- builders (common.py); a preflight comes from the http://app.example document by default ---

pre = partial(common.pre, origin=DOC, referer=DOC_REF)

VECTORS = common.Vectors()
add = VECTORS.add


CHECK = 'Fetch "HTTP fetch" step 4.4: the CORS check runs on every response while response ' \
        'tainting is "cors", a redirect response included, before step 6 handles the redirect. '
TAINT = '"redirect-taint" is not same-origin once a URL follows a URL whose origin is neither ' \
        'its own nor the request\'s origin, so "serializing a request origin" gives `null` for ' \
        'the Origin header and for the CORS check. '
NO_TAINT = '"redirect-taint" stays same-origin (each hop is within one origin or leaves a URL ' \
           'same origin with the document), so Origin is the document\'s origin. '
REDIRECT = 'Fetch "HTTP-redirect fetch" step 18 appends the location URL and step 22 runs ' \
           '"main fetch" again. '
REF = 'Referer: the document URL http://app.example/ is not potentially trustworthy, so ' \
      'strict-origin-when-cross-origin sends the document URL (same-origin) or its origin + "/" ' \
      '(cross-origin): both are "http://app.example/". '

# --- 1. each redirect status, to the same cross origin and to another origin -------------------
# (status, Origin of the second request when the location is on API, on OTHER)
STATUS_TABLE = [
    (301, "http://app.example", "null"),
    (302, "http://app.example", "null"),
    (303, "http://app.example", "null"),
    (307, "http://app.example", "null"),
    (308, "http://app.example", "null"),
]
for status, origin_same, origin_other in STATUS_TABLE:
    p = f"/redir/status-{status}"
    add(f"redirect-{status}-same-cross-origin",
        f"A cross-origin GET answered {status} (with ACAO) to a URL of the same cross origin. "
        + CHECK + REDIRECT + NO_TAINT + "GET stays GET (HTTP-redirect fetch step 12 only "
        "rewrites POST on 301/302 and non-GET/HEAD on 303). " + REF
        + "(WPT fetch/api/redirect/redirect-origin.any.js)",
        DOC,
        [rt("GET", API + p + "/from", status, (ACAO, "{{origin}}"), (LOC, API + p + "/to")),
         rt("GET", API + p + "/to", 200, (ACAO, "{{origin}}"), CT)],
        [ok(fetch(API + p + "/from"),
            [sent("GET", API + p + "/from", "http://app.example", DOC_REF),
             sent("GET", API + p + "/to", origin_same, DOC_REF)],
            "cors", 200, ["content-type"])])
    add(f"redirect-{status}-to-other-origin-taints",
        f"A cross-origin GET answered {status} to a URL of another origin: " + TAINT
        + "The server reflects Origin, so the second response carries `ACAO: null`, which the "
        "CORS check (step 4) compares with the byte-serialized request origin `null`: success. "
        + CHECK + REDIRECT + REF + "(WPT fetch/api/redirect/redirect-origin.any.js, "
        "\"other origin to other origin\")",
        DOC,
        [rt("GET", API + p + "/from-x", status, (ACAO, "{{origin}}"), (LOC, OTHER + p + "/to-x")),
         rt("GET", OTHER + p + "/to-x", 200, (ACAO, "{{origin}}"), CT)],
        [ok(fetch(API + p + "/from-x"),
            [sent("GET", API + p + "/from-x", "http://app.example", DOC_REF),
             sent("GET", OTHER + p + "/to-x", origin_other, DOC_REF)],
            "cors", 200, ["content-type"])])

# --- 2. redirect-taint and the ACAO the tainted request needs ---------------------------------
p = "/redir/taint"
add("redirect-taint-acao-document-origin-fails",
    "Cross-origin → another origin: " + TAINT + "The second response's ACAO names the document's "
    "origin, which is not `null`: Fetch \"CORS check\" step 4 fails (AllowOriginMismatch). "
    + CHECK + REF,
    DOC,
    [rt("GET", API + p + "/a1", 302, (ACAO, "*"), (LOC, OTHER + p + "/b1")),
     rt("GET", OTHER + p + "/b1", 200, (ACAO, "http://app.example"), CT)],
    [fail(fetch(API + p + "/a1"),
          [sent("GET", API + p + "/a1", "http://app.example", DOC_REF),
           sent("GET", OTHER + p + "/b1", "null", DOC_REF)],
          "AllowOriginMismatch")])
add("redirect-taint-acao-star-ok",
    "Cross-origin → another origin, tainted (`Origin: null`); the second response has `ACAO: *` "
    "and credentials mode is same-origin: Fetch \"CORS check\" step 3 success. " + CHECK + REF,
    DOC,
    [rt("GET", API + p + "/a2", 307, (ACAO, "*"), (LOC, OTHER + p + "/b2")),
     rt("GET", OTHER + p + "/b2", 200, (ACAO, "*"), CT)],
    [ok(fetch(API + p + "/a2"),
        [sent("GET", API + p + "/a2", "http://app.example", DOC_REF),
         sent("GET", OTHER + p + "/b2", "null", DOC_REF)],
        "cors", 200, ["content-type"])])
add("redirect-taint-acao-literal-null-ok",
    "Cross-origin → another origin, tainted; the second response has the literal `ACAO: null`, "
    "equal to the byte-serialized request origin `null`: Fetch \"CORS check\" step 4 passes. "
    + TAINT + REF,
    DOC,
    [rt("GET", API + p + "/a3", 302, (ACAO, "*"), (LOC, OTHER + p + "/b3")),
     rt("GET", OTHER + p + "/b3", 200, (ACAO, "null"), CT)],
    [ok(fetch(API + p + "/a3"),
        [sent("GET", API + p + "/a3", "http://app.example", DOC_REF),
         sent("GET", OTHER + p + "/b3", "null", DOC_REF)],
        "cors", 200, ["content-type"])])
add("redirect-taint-credentials-null-acac-ok",
    "credentials \"include\": the redirect answers ACAO = the document origin + ACAC true; the "
    "tainted second request (`Origin: null`) gets ACAO `null` + ACAC true: Fetch \"CORS check\" "
    "steps 4-7 pass for both. " + TAINT + REF
    + "(WPT fetch/api/cors/cors-redirect-credentials.any.js)",
    DOC,
    [rt("GET", API + p + "/a4", 302, (ACAO, "{{origin}}"), (ACAC, "true"),
        (LOC, OTHER + p + "/b4")),
     rt("GET", OTHER + p + "/b4", 200, (ACAO, "{{origin}}"), (ACAC, "true"), CT)],
    [ok(fetch(API + p + "/a4", credentials="include"),
        [sent("GET", API + p + "/a4", "http://app.example", DOC_REF),
         sent("GET", OTHER + p + "/b4", "null", DOC_REF)],
        "cors", 200, ["content-type"])])
add("redirect-taint-credentials-star-fails",
    "credentials \"include\", tainted second request; its response has `ACAO: *` + ACAC true: "
    "Fetch \"CORS check\" step 3 does not apply with include, step 4 compares `null` with `*`: "
    "failure (WildcardOriginNotAllowed). " + TAINT + REF,
    DOC,
    [rt("GET", API + p + "/a5", 302, (ACAO, "{{origin}}"), (ACAC, "true"),
        (LOC, OTHER + p + "/b5")),
     rt("GET", OTHER + p + "/b5", 200, (ACAO, "*"), (ACAC, "true"), CT)],
    [fail(fetch(API + p + "/a5", credentials="include"),
          [sent("GET", API + p + "/a5", "http://app.example", DOC_REF),
           sent("GET", OTHER + p + "/b5", "null", DOC_REF)],
          "WildcardOriginNotAllowed")])
add("redirect-taint-credentials-null-without-acac-fails",
    "credentials \"include\", tainted second request; its response has `ACAO: null` but no ACAC: "
    "Fetch \"CORS check\" step 4 passes, step 7 fails (InvalidAllowCredentials). " + TAINT + REF,
    DOC,
    [rt("GET", API + p + "/a6", 302, (ACAO, "{{origin}}"), (ACAC, "true"),
        (LOC, OTHER + p + "/b6")),
     rt("GET", OTHER + p + "/b6", 200, (ACAO, "null"), CT)],
    [fail(fetch(API + p + "/a6", credentials="include"),
          [sent("GET", API + p + "/a6", "http://app.example", DOC_REF),
           sent("GET", OTHER + p + "/b6", "null", DOC_REF)],
          "InvalidAllowCredentials")])
add("redirect-taint-persists-back-to-first-origin",
    "API → OTHER → API: once tainted, the URL list keeps the tainting hop, so \"redirect-taint\" "
    "stays not same-origin: the third request too carries `Origin: null`. " + TAINT + REF,
    DOC,
    [rt("GET", API + p + "/a7", 302, (ACAO, "{{origin}}"), (LOC, OTHER + p + "/b7")),
     rt("GET", OTHER + p + "/b7", 302, (ACAO, "{{origin}}"), (LOC, API + p + "/c7")),
     rt("GET", API + p + "/c7", 200, (ACAO, "{{origin}}"), CT)],
    [ok(fetch(API + p + "/a7"),
        [sent("GET", API + p + "/a7", "http://app.example", DOC_REF),
         sent("GET", OTHER + p + "/b7", "null", DOC_REF),
         sent("GET", API + p + "/c7", "null", DOC_REF)],
        "cors", 200, ["content-type"])])
add("redirect-taint-same-origin-hop-after-taint",
    "API → OTHER → OTHER: the last hop is within OTHER but the URL list still holds the "
    "API → OTHER hop, so the second and third requests carry `Origin: null`. " + TAINT + REF,
    DOC,
    [rt("GET", API + p + "/a8", 301, (ACAO, "{{origin}}"), (LOC, OTHER + p + "/b8")),
     rt("GET", OTHER + p + "/b8", 301, (ACAO, "{{origin}}"), (LOC, OTHER + p + "/c8")),
     rt("GET", OTHER + p + "/c8", 200, (ACAO, "{{origin}}"), CT)],
    [ok(fetch(API + p + "/a8"),
        [sent("GET", API + p + "/a8", "http://app.example", DOC_REF),
         sent("GET", OTHER + p + "/b8", "null", DOC_REF),
         sent("GET", OTHER + p + "/c8", "null", DOC_REF)],
        "cors", 200, ["content-type"])])
add("redirect-taint-after-same-origin-hop",
    "API → API → OTHER: the first hop stays within API (no taint: Origin is the document's), the "
    "second leaves API for OTHER (taint: `Origin: null`). " + TAINT + REF,
    DOC,
    [rt("GET", API + p + "/a9", 308, (ACAO, "{{origin}}"), (LOC, API + p + "/b9")),
     rt("GET", API + p + "/b9", 308, (ACAO, "{{origin}}"), (LOC, OTHER + p + "/c9")),
     rt("GET", OTHER + p + "/c9", 200, (ACAO, "{{origin}}"), CT)],
    [ok(fetch(API + p + "/a9"),
        [sent("GET", API + p + "/a9", "http://app.example", DOC_REF),
         sent("GET", API + p + "/b9", "http://app.example", DOC_REF),
         sent("GET", OTHER + p + "/c9", "null", DOC_REF)],
        "cors", 200, ["content-type"])])
add("redirect-taint-https-origins",
    "https document; https API → https OTHER: Origin `https://app.example`, then `null` after "
    "the hop to another origin. " + TAINT + "Referer: https → https cross-origin is the "
    "document's origin + \"/\" on both requests.",
    TLS_DOC,
    [rt("GET", API_TLS + p + "/a10", 302, (ACAO, "{{origin}}"), (LOC, OTHER_TLS + p + "/b10")),
     rt("GET", OTHER_TLS + p + "/b10", 200, (ACAO, "{{origin}}"), CT)],
    [ok(fetch(API_TLS + p + "/a10"),
        [sent("GET", API_TLS + p + "/a10", "https://app.example", TLS_DOC_REF),
         sent("GET", OTHER_TLS + p + "/b10", "null", TLS_DOC_REF)],
        "cors", 200, ["content-type"])])

# --- 3. same-origin → cross-origin: no taint ---------------------------------------------------
p = "/redir/so"
SO_FIRST = ('The first request is same-origin: "main fetch" step 12 gives response tainting '
            '"basic", no CORS check, and "append a request `Origin` header" adds none for GET. ')
add("redirect-same-origin-to-cross-origin-no-taint",
    SO_FIRST + "The 302 leads cross-origin: main fetch step 12 now picks the CORS branch "
    "(tainting \"cors\"); the hop left a URL same origin with the document, so " + NO_TAINT
    + REF + "(WPT fetch/api/redirect/redirect-origin.any.js \"Same origin to other origin\")",
    DOC,
    [rt("GET", DOC + p + "/from1", 302, (LOC, API + p + "/to1")),
     rt("GET", API + p + "/to1", 200, (ACAO, "http://app.example"), CT)],
    [ok(fetch(DOC + p + "/from1"),
        [sent("GET", DOC + p + "/from1", None, DOC_REF),
         sent("GET", API + p + "/to1", "http://app.example", DOC_REF)],
        "cors", 200, ["content-type"])])
add("redirect-same-origin-to-cross-origin-acao-null-fails",
    SO_FIRST + "After the 302 to API the request is not tainted, so its serialized origin is "
    "`http://app.example`; ACAO `null` does not match: Fetch \"CORS check\" step 4 failure "
    "(AllowOriginMismatch). " + REF,
    DOC,
    [rt("GET", DOC + p + "/from2", 302, (LOC, API + p + "/to2")),
     rt("GET", API + p + "/to2", 200, (ACAO, "null"), CT)],
    [fail(fetch(DOC + p + "/from2"),
          [sent("GET", DOC + p + "/from2", None, DOC_REF),
           sent("GET", API + p + "/to2", "http://app.example", DOC_REF)],
          "AllowOriginMismatch")])
add("redirect-same-origin-post-307-to-cross-origin",
    "A same-origin POST (text/plain) carries Origin (\"append a request `Origin` header\" "
    "step 4: method is not GET/HEAD, no downgrade). 307 keeps POST and its Content-Type "
    "(HTTP-redirect fetch step 12 does not apply); the cross-origin POST is a simple request, "
    "no preflight, Origin the document's. " + NO_TAINT + REF,
    DOC,
    [rt("POST", DOC + p + "/from3", 307, (LOC, API + p + "/to3")),
     rt("POST", API + p + "/to3", 200, (ACAO, "*"), CT)],
    [ok(fetch(DOC + p + "/from3", method="POST", headers=[CT]),
        [sent("POST", DOC + p + "/from3", "http://app.example", DOC_REF,
              content_type="text/plain"),
         sent("POST", API + p + "/to3", "http://app.example", DOC_REF,
              content_type="text/plain")],
        "cors", 200, ["content-type"])])
add("redirect-same-origin-put-307-preflights-cross-origin",
    "A same-origin PUT needs no preflight (basic tainting) but carries Origin (method not "
    "GET/HEAD). 307 to API: main fetch step 12 takes the CORS-with-preflight branch (PUT is not "
    "a CORS-safelisted method), so \"HTTP fetch\" step 4.1 makes a CORS-preflight fetch for the "
    "new URL, with the document's Origin (no taint). " + REF
    + "(WPT fetch/api/cors/cors-redirect-preflight.any.js)",
    DOC,
    [rt("PUT", DOC + p + "/from4", 307, (LOC, API + p + "/to4")),
     rt("OPTIONS", API + p + "/to4", 204, (ACAO, "{{origin}}"), (ACAM, "PUT")),
     rt("PUT", API + p + "/to4", 200, (ACAO, "{{origin}}"), CT)],
    [ok(fetch(DOC + p + "/from4", method="PUT"),
        [sent("PUT", DOC + p + "/from4", "http://app.example", DOC_REF),
         pre(API + p + "/to4", "PUT"),
         sent("PUT", API + p + "/to4", "http://app.example", DOC_REF)],
        "cors", 200, ["content-type"], preflight=True)])
add("redirect-same-origin-custom-header-preflights-cross-origin",
    "A same-origin GET with `X-Custom` is sent without preflight (basic). Its 302 leads to API: "
    "the header list still holds the CORS-unsafe `x-custom`, so main fetch step 12 takes the "
    "CORS-with-preflight branch and the preflight asks for `x-custom` with the document's Origin. "
    + NO_TAINT + REF,
    DOC,
    [rt("GET", DOC + p + "/from5", 302, (LOC, API + p + "/to5")),
     rt("OPTIONS", API + p + "/to5", 204, (ACAO, "{{origin}}"), (ACAH, "x-custom")),
     rt("GET", API + p + "/to5", 200, (ACAO, "{{origin}}"), CT)],
    [ok(fetch(DOC + p + "/from5", headers=[("X-Custom", "1")]),
        [sent("GET", DOC + p + "/from5", None, DOC_REF, x_custom="1"),
         pre(API + p + "/to5", "GET", "x-custom"),
         sent("GET", API + p + "/to5", "http://app.example", DOC_REF, x_custom="1")],
        "cors", 200, ["content-type"], preflight=True)])
add("redirect-same-origin-mode-to-cross-origin-fails",
    "Mode \"same-origin\": the first (same-origin) request is fetched; after the 302 the "
    "recursive main fetch finds a cross-origin URL in mode same-origin: step 12 returns a "
    "network error (DisallowedByMode) before any request to API.",
    DOC,
    [rt("GET", DOC + p + "/from6", 302, (LOC, API + p + "/to6")),
     rt("GET", API + p + "/to6", 200, (ACAO, "*"))],
    [fail(fetch(DOC + p + "/from6", mode="same-origin"),
          [sent("GET", DOC + p + "/from6", None, DOC_REF)],
          "DisallowedByMode")])
add("redirect-same-origin-mode-within-origin-ok",
    "Mode \"same-origin\" with a 301 to another URL of the document's origin: both requests are "
    "same-origin with basic tainting (main fetch step 12, first branch); a basic filtered "
    "response exposes every header but Set-Cookie/Set-Cookie2.",
    DOC,
    [rt("GET", DOC + p + "/from7", 301, (LOC, DOC + p + "/to7")),
     rt("GET", DOC + p + "/to7", 200, CT, ("X-Trace", "7"))],
    [ok(fetch(DOC + p + "/from7", mode="same-origin"),
        [sent("GET", DOC + p + "/from7", None, DOC_REF),
         sent("GET", DOC + p + "/to7", None, DOC_REF)],
        "basic", 200, ["content-type", "x-trace"])])
add("redirect-no-cors-same-origin-to-cross-origin-opaque",
    "Mode \"no-cors\": the same-origin request is basic; after the 302 the cross-origin URL "
    "takes main fetch step 12's no-cors branch (tainting \"opaque\", no CORS check). GET in "
    "no-cors carries no Origin. An opaque filtered response: status 0, no headers. " + REF,
    DOC,
    [rt("GET", DOC + p + "/from8", 302, (LOC, API + p + "/to8")),
     rt("GET", API + p + "/to8", 200, CT)],
    [ok(fetch(DOC + p + "/from8", mode="no-cors"),
        [sent("GET", DOC + p + "/from8", None, DOC_REF),
         sent("GET", API + p + "/to8", None, DOC_REF)],
        "opaque", 0, [])])
add("redirect-same-origin-twice-then-cross-origin",
    "DOC → DOC → API: both hops leave a URL same origin with the document, so no taint; the "
    "API request carries the document's Origin. " + NO_TAINT + REF,
    DOC,
    [rt("GET", DOC + p + "/from9", 302, (LOC, DOC + p + "/mid9")),
     rt("GET", DOC + p + "/mid9", 302, (LOC, API + p + "/to9")),
     rt("GET", API + p + "/to9", 200, (ACAO, "{{origin}}"), CT)],
    [ok(fetch(DOC + p + "/from9"),
        [sent("GET", DOC + p + "/from9", None, DOC_REF),
         sent("GET", DOC + p + "/mid9", None, DOC_REF),
         sent("GET", API + p + "/to9", "http://app.example", DOC_REF)],
        "cors", 200, ["content-type"])])

# --- 4. cross-origin → back to the document's origin --------------------------------------------
p = "/redir/back"
BACK = ('API redirects back to the document\'s origin. Main fetch step 12: the URL is same '
        'origin with the request\'s origin but response tainting is already "cors", so the CORS '
        'branch runs again (tainting stays "cors", the CORS check applies); the hop went from API '
        '(not the document\'s origin) to another origin, so ' + TAINT)
add("redirect-back-to-document-origin-acao-star",
    BACK + "ACAO `*`: success, a CORS filtered response. " + REF
    + "(WPT fetch/api/redirect/redirect-origin.any.js \"Other origin to same origin\")",
    DOC,
    [rt("GET", API + p + "/from1", 302, (ACAO, "{{origin}}"), (LOC, DOC + p + "/to1")),
     rt("GET", DOC + p + "/to1", 200, (ACAO, "*"), CT, ("X-Trace", "1"))],
    [ok(fetch(API + p + "/from1"),
        [sent("GET", API + p + "/from1", "http://app.example", DOC_REF),
         sent("GET", DOC + p + "/to1", "null", DOC_REF)],
        "cors", 200, ["content-type"])])
add("redirect-back-to-document-origin-no-acao-fails",
    BACK + "The same-origin URL's response has no ACAO: \"CORS check\" step 2 failure "
    "(MissingAllowOriginHeader). " + REF,
    DOC,
    [rt("GET", API + p + "/from2", 302, (ACAO, "{{origin}}"), (LOC, DOC + p + "/to2")),
     rt("GET", DOC + p + "/to2", 200, CT)],
    [fail(fetch(API + p + "/from2"),
          [sent("GET", API + p + "/from2", "http://app.example", DOC_REF),
           sent("GET", DOC + p + "/to2", "null", DOC_REF)],
          "MissingAllowOriginHeader")])
add("redirect-back-to-document-origin-acao-document-fails",
    BACK + "ACAO names the document's origin, but the request origin serializes to `null`: "
    "\"CORS check\" step 4 failure (AllowOriginMismatch). " + REF,
    DOC,
    [rt("GET", API + p + "/from3", 302, (ACAO, "{{origin}}"), (LOC, DOC + p + "/to3")),
     rt("GET", DOC + p + "/to3", 200, (ACAO, "http://app.example"), CT)],
    [fail(fetch(API + p + "/from3"),
          [sent("GET", API + p + "/from3", "http://app.example", DOC_REF),
           sent("GET", DOC + p + "/to3", "null", DOC_REF)],
          "AllowOriginMismatch")])
add("redirect-back-to-document-origin-acao-null-ok",
    BACK + "ACAO `null` equals the serialized request origin: success. " + REF,
    DOC,
    [rt("GET", API + p + "/from4", 307, (ACAO, "{{origin}}"), (LOC, DOC + p + "/to4")),
     rt("GET", DOC + p + "/to4", 200, (ACAO, "{{origin}}"), CT)],
    [ok(fetch(API + p + "/from4"),
        [sent("GET", API + p + "/from4", "http://app.example", DOC_REF),
         sent("GET", DOC + p + "/to4", "null", DOC_REF)],
        "cors", 200, ["content-type"])])
add("redirect-no-cors-back-to-document-origin-stays-opaque",
    "Mode \"no-cors\": API (tainting \"opaque\") redirects to the document's origin; main fetch "
    "step 12's first branch needs tainting \"basic\", so the no-cors branch runs again and the "
    "response stays opaque. GET in no-cors: no Origin. " + REF,
    DOC,
    [rt("GET", API + p + "/from5", 302, (LOC, DOC + p + "/to5")),
     rt("GET", DOC + p + "/to5", 200, CT)],
    [ok(fetch(API + p + "/from5", mode="no-cors"),
        [sent("GET", API + p + "/from5", None, DOC_REF),
         sent("GET", DOC + p + "/to5", None, DOC_REF)],
        "opaque", 0, [])])

# --- 5. the CORS check on the redirect response itself ---------------------------------------
p = "/redir/check"
add("redirect-302-without-acao-fails-before-location",
    CHECK + "A 302 without ACAO fails \"CORS check\" step 2 (MissingAllowOriginHeader): the "
    "Location is never fetched. " + REF + "(WPT fetch/api/cors/cors-redirect.any.js)",
    DOC,
    [rt("GET", API + p + "/from1", 302, (LOC, API + p + "/to1")),
     rt("GET", API + p + "/to1", 200, (ACAO, "*"))],
    [fail(fetch(API + p + "/from1"),
          [sent("GET", API + p + "/from1", "http://app.example", DOC_REF)],
          "MissingAllowOriginHeader")])
add("redirect-302-acao-other-origin-fails",
    CHECK + "The 302's ACAO names a third origin: \"CORS check\" step 4 failure "
    "(AllowOriginMismatch); the Location is not fetched. " + REF,
    DOC,
    [rt("GET", API + p + "/from2", 302, (ACAO, "http://other.example"), (LOC, API + p + "/to2")),
     rt("GET", API + p + "/to2", 200, (ACAO, "*"))],
    [fail(fetch(API + p + "/from2"),
          [sent("GET", API + p + "/from2", "http://app.example", DOC_REF)],
          "AllowOriginMismatch")])
add("redirect-302-credentials-without-acac-fails",
    CHECK + "credentials \"include\": the 302 has ACAO = the document's origin but no ACAC: "
    "\"CORS check\" step 7 failure (InvalidAllowCredentials). " + REF,
    DOC,
    [rt("GET", API + p + "/from3", 302, (ACAO, "{{origin}}"), (LOC, API + p + "/to3")),
     rt("GET", API + p + "/to3", 200, (ACAO, "{{origin}}"), (ACAC, "true"))],
    [fail(fetch(API + p + "/from3", credentials="include"),
          [sent("GET", API + p + "/from3", "http://app.example", DOC_REF)],
          "InvalidAllowCredentials")])
add("redirect-302-credentials-acao-star-fails",
    CHECK + "credentials \"include\": the 302 has `ACAO: *` (+ ACAC true): \"CORS check\" "
    "step 3 is skipped with include, step 4 fails (WildcardOriginNotAllowed). " + REF,
    DOC,
    [rt("GET", API + p + "/from4", 302, (ACAO, "*"), (ACAC, "true"), (LOC, API + p + "/to4")),
     rt("GET", API + p + "/to4", 200, (ACAO, "{{origin}}"), (ACAC, "true"))],
    [fail(fetch(API + p + "/from4", credentials="include"),
          [sent("GET", API + p + "/from4", "http://app.example", DOC_REF)],
          "WildcardOriginNotAllowed")])
add("redirect-302-two-acao-values-fails",
    CHECK + "The 307 carries two ACAO headers, combined `*, *`: not `*` and not the request "
    "origin, \"CORS check\" step 4 failure (MultipleAllowOriginValues). " + REF,
    DOC,
    [rt("GET", API + p + "/from5", 307, (ACAO, "*"), (ACAO, "*"), (LOC, API + p + "/to5")),
     rt("GET", API + p + "/to5", 200, (ACAO, "*"))],
    [fail(fetch(API + p + "/from5"),
          [sent("GET", API + p + "/from5", "http://app.example", DOC_REF)],
          "MultipleAllowOriginValues")])
add("redirect-no-cors-without-acao-followed",
    "Mode \"no-cors\": response tainting is \"opaque\", so \"HTTP fetch\" step 4.4 runs no CORS "
    "check; the 302 without ACAO is followed and the result is opaque. No Origin on no-cors "
    "GETs. " + REF,
    DOC,
    [rt("GET", API + p + "/from6", 302, (LOC, API + p + "/to6")),
     rt("GET", API + p + "/to6", 200, CT)],
    [ok(fetch(API + p + "/from6", mode="no-cors"),
        [sent("GET", API + p + "/from6", None, DOC_REF),
         sent("GET", API + p + "/to6", None, DOC_REF)],
        "opaque", 0, [])])

# --- 6. method and body headers -------------------------------------------------------------------
p = "/redir/method"
# (status, method in, header list, method out, content-type on the 2nd request)
POST_TABLE = [
    (301, "GET", None),
    (302, "GET", None),
    (303, "GET", None),
    (307, "POST", "text/plain"),
    (308, "POST", "text/plain"),
]
for status, method_out, ct_out in POST_TABLE:
    rule = ("HTTP-redirect fetch step 12: 301/302 with POST, or 303 with a method other than "
            "GET/HEAD, set the method to GET, the body to null and delete the request-body-header "
            "names (Content-Type among them)") if method_out == "GET" else \
        ("HTTP-redirect fetch step 12 does not apply to 307/308: method, body and Content-Type "
         "are kept")
    add(f"redirect-post-{status}",
        f"A cross-origin POST with `Content-Type: text/plain` (simple, no preflight) answered "
        f"{status}: {rule}. The second request is {method_out}; Origin stays the document's "
        "(a cross-origin GET has tainting \"cors\", so it carries Origin too). " + REF
        + "(WPT fetch/api/redirect/redirect-method.any.js)",
        DOC,
        [rt("POST", API + p + f"/post-{status}", status, (ACAO, "*"),
            (LOC, API + p + f"/post-{status}-to")),
         rt(method_out, API + p + f"/post-{status}-to", 200, (ACAO, "*"), CT)],
        [ok(fetch(API + p + f"/post-{status}", method="POST", headers=[CT]),
            [sent("POST", API + p + f"/post-{status}", "http://app.example", DOC_REF,
                  content_type="text/plain"),
             sent(method_out, API + p + f"/post-{status}-to", "http://app.example", DOC_REF,
                  content_type=ct_out)],
            "cors", 200, ["content-type"])])

for method in ["PUT", "DELETE"]:
    m = method.lower()
    add(f"redirect-303-{m}-becomes-simple-get",
        f"A cross-origin {method} is preflighted (not a CORS-safelisted method); its 303 turns it "
        "into GET (HTTP-redirect fetch step 12), which main fetch step 12 sends without a "
        "preflight (CORS-safelisted method, no CORS-unsafe headers). " + NO_TAINT + REF,
        DOC,
        [rt("OPTIONS", API + p + f"/{m}-303", 204, (ACAO, "{{origin}}"), (ACAM, method)),
         rt(method, API + p + f"/{m}-303", 303, (ACAO, "{{origin}}"),
            (LOC, API + p + f"/{m}-303-to")),
         rt("GET", API + p + f"/{m}-303-to", 200, (ACAO, "{{origin}}"), CT)],
        [ok(fetch(API + p + f"/{m}-303", method=method),
            [pre(API + p + f"/{m}-303", method),
             sent(method, API + p + f"/{m}-303", "http://app.example", DOC_REF),
             sent("GET", API + p + f"/{m}-303-to", "http://app.example", DOC_REF)],
            "cors", 200, ["content-type"], preflight=True)])

add("redirect-303-post-json-becomes-simple-get",
    "A cross-origin POST with `Content-Type: application/json` is preflighted (ACRH "
    "content-type); the 303 turns it into GET and deletes Content-Type (HTTP-redirect fetch step "
    "12), so the GET needs no preflight. " + NO_TAINT + REF,
    DOC,
    [rt("OPTIONS", API + p + "/json-303", 204, (ACAO, "{{origin}}"), (ACAH, "content-type")),
     rt("POST", API + p + "/json-303", 303, (ACAO, "{{origin}}"), (LOC, API + p + "/json-303-to")),
     rt("GET", API + p + "/json-303-to", 200, (ACAO, "{{origin}}"), CT)],
    [ok(fetch(API + p + "/json-303", method="POST",
              headers=[("Content-Type", "application/json")]),
        [pre(API + p + "/json-303", "POST", "content-type"),
         sent("POST", API + p + "/json-303", "http://app.example", DOC_REF,
              content_type="application/json"),
         sent("GET", API + p + "/json-303-to", "http://app.example", DOC_REF,
              content_type=None)],
        "cors", 200, ["content-type"], preflight=True)])
add("redirect-302-post-drops-content-language",
    "A cross-origin POST with `Content-Type: text/plain` and `Content-Language: en` (both "
    "safelisted, no preflight) answered 302: HTTP-redirect fetch step 12 makes it GET and deletes "
    "every request-body-header name, Content-Language included. " + REF,
    DOC,
    [rt("POST", API + p + "/lang-302", 302, (ACAO, "*"), (LOC, API + p + "/lang-302-to")),
     rt("GET", API + p + "/lang-302-to", 200, (ACAO, "*"), CT)],
    [ok(fetch(API + p + "/lang-302", method="POST",
              headers=[CT, ("Content-Language", "en")]),
        [sent("POST", API + p + "/lang-302", "http://app.example", DOC_REF,
              content_type="text/plain", content_language="en"),
         sent("GET", API + p + "/lang-302-to", "http://app.example", DOC_REF,
              content_type=None, content_language=None)],
        "cors", 200, ["content-type"])])
add("redirect-303-post-custom-header-still-preflighted",
    "A cross-origin POST with `X-Custom` is preflighted; the 303 makes it GET but X-Custom is not "
    "a request-body-header name and stays: main fetch step 12 again takes the "
    "CORS-with-preflight branch and the new URL gets its own preflight (ACRM GET, ACRH "
    "x-custom). " + NO_TAINT + REF,
    DOC,
    [rt("OPTIONS", API + p + "/custom-303", 204, (ACAO, "{{origin}}"), (ACAH, "x-custom")),
     rt("POST", API + p + "/custom-303", 303, (ACAO, "{{origin}}"),
        (LOC, API + p + "/custom-303-to")),
     rt("OPTIONS", API + p + "/custom-303-to", 204, (ACAO, "{{origin}}"), (ACAH, "x-custom")),
     rt("GET", API + p + "/custom-303-to", 200, (ACAO, "{{origin}}"), CT)],
    [ok(fetch(API + p + "/custom-303", method="POST", headers=[CT, ("X-Custom", "1")]),
        [pre(API + p + "/custom-303", "POST", "x-custom"),
         sent("POST", API + p + "/custom-303", "http://app.example", DOC_REF,
              content_type="text/plain", x_custom="1"),
         pre(API + p + "/custom-303-to", "GET", "x-custom"),
         sent("GET", API + p + "/custom-303-to", "http://app.example", DOC_REF,
              content_type=None, x_custom="1")],
        "cors", 200, ["content-type"], preflight=True)])
add("redirect-301-put-keeps-method-and-preflights-again",
    "A cross-origin PUT answered 301: HTTP-redirect fetch step 12 rewrites only POST on 301, so "
    "PUT stays and the new URL (no CORS-preflight cache entry for it) gets a new preflight "
    "(\"HTTP fetch\" step 4.1). " + NO_TAINT + REF,
    DOC,
    [rt("OPTIONS", API + p + "/put-301", 204, (ACAO, "{{origin}}"), (ACAM, "PUT")),
     rt("PUT", API + p + "/put-301", 301, (ACAO, "{{origin}}"), (LOC, API + p + "/put-301-to")),
     rt("OPTIONS", API + p + "/put-301-to", 204, (ACAO, "{{origin}}"), (ACAM, "PUT")),
     rt("PUT", API + p + "/put-301-to", 200, (ACAO, "{{origin}}"), CT)],
    [ok(fetch(API + p + "/put-301", method="PUT"),
        [pre(API + p + "/put-301", "PUT"),
         sent("PUT", API + p + "/put-301", "http://app.example", DOC_REF),
         pre(API + p + "/put-301-to", "PUT"),
         sent("PUT", API + p + "/put-301-to", "http://app.example", DOC_REF)],
        "cors", 200, ["content-type"], preflight=True)])
add("redirect-302-patch-keeps-method",
    "A cross-origin PATCH answered 302 keeps PATCH (HTTP-redirect fetch step 12 rewrites only "
    "POST on 302) and is preflighted again for the new URL. " + NO_TAINT + REF,
    DOC,
    [rt("OPTIONS", API + p + "/patch-302", 204, (ACAO, "*"), (ACAM, "PATCH")),
     rt("PATCH", API + p + "/patch-302", 302, (ACAO, "*"), (LOC, API + p + "/patch-302-to")),
     rt("OPTIONS", API + p + "/patch-302-to", 204, (ACAO, "*"), (ACAM, "PATCH")),
     rt("PATCH", API + p + "/patch-302-to", 200, (ACAO, "*"), CT)],
    [ok(fetch(API + p + "/patch-302", method="PATCH"),
        [pre(API + p + "/patch-302", "PATCH"),
         sent("PATCH", API + p + "/patch-302", "http://app.example", DOC_REF),
         pre(API + p + "/patch-302-to", "PATCH"),
         sent("PATCH", API + p + "/patch-302-to", "http://app.example", DOC_REF)],
        "cors", 200, ["content-type"], preflight=True)])
add("redirect-303-head-stays-head",
    "A cross-origin HEAD answered 303: HTTP-redirect fetch step 12 leaves GET and HEAD alone, so "
    "the second request is HEAD. " + REF,
    DOC,
    [rt("HEAD", API + p + "/head-303", 303, (ACAO, "*"), (LOC, API + p + "/head-303-to")),
     rt("HEAD", API + p + "/head-303-to", 200, (ACAO, "*"), CT)],
    [ok(fetch(API + p + "/head-303", method="HEAD"),
        [sent("HEAD", API + p + "/head-303", "http://app.example", DOC_REF),
         sent("HEAD", API + p + "/head-303-to", "http://app.example", DOC_REF)],
        "cors", 200, ["content-type"])])

# --- 7. preflights and redirects ----------------------------------------------------------------
p = "/redir/pf"
add("redirect-307-put-preflights-new-url-same-origin-server",
    "A preflighted PUT answered 307 to another URL of API: PUT is kept, and \"HTTP fetch\" "
    "step 4.1 finds no method cache entry match for the new URL (cache entries are keyed by "
    "URL), so a second preflight is made. " + NO_TAINT + REF
    + "(WPT fetch/api/cors/cors-redirect-preflight.any.js)",
    DOC,
    [rt("OPTIONS", API + p + "/from1", 204, (ACAO, "{{origin}}"), (ACAM, "PUT")),
     rt("PUT", API + p + "/from1", 307, (ACAO, "{{origin}}"), (LOC, API + p + "/to1")),
     rt("OPTIONS", API + p + "/to1", 204, (ACAO, "{{origin}}"), (ACAM, "PUT")),
     rt("PUT", API + p + "/to1", 200, (ACAO, "{{origin}}"), CT)],
    [ok(fetch(API + p + "/from1", method="PUT"),
        [pre(API + p + "/from1", "PUT"),
         sent("PUT", API + p + "/from1", "http://app.example", DOC_REF),
         pre(API + p + "/to1", "PUT"),
         sent("PUT", API + p + "/to1", "http://app.example", DOC_REF)],
        "cors", 200, ["content-type"], preflight=True)])
add("redirect-307-put-preflights-other-origin-with-origin-null",
    "A preflighted PUT answered 307 to OTHER: the new preflight and the PUT carry `Origin: null` "
    "(the preflight's URL list is a clone of the request's, so its redirect-taint is the same; "
    "\"CORS-preflight fetch\" step 1). The reflecting server answers ACAO `null`. " + TAINT + REF,
    DOC,
    [rt("OPTIONS", API + p + "/from2", 204, (ACAO, "{{origin}}"), (ACAM, "PUT")),
     rt("PUT", API + p + "/from2", 307, (ACAO, "{{origin}}"), (LOC, OTHER + p + "/to2")),
     rt("OPTIONS", OTHER + p + "/to2", 204, (ACAO, "{{origin}}"), (ACAM, "PUT")),
     rt("PUT", OTHER + p + "/to2", 200, (ACAO, "{{origin}}"), CT)],
    [ok(fetch(API + p + "/from2", method="PUT"),
        [pre(API + p + "/from2", "PUT"),
         sent("PUT", API + p + "/from2", "http://app.example", DOC_REF),
         pre(OTHER + p + "/to2", "PUT", origin="null"),
         sent("PUT", OTHER + p + "/to2", "null", DOC_REF)],
        "cors", 200, ["content-type"], preflight=True)])
add("redirect-308-put-tainted-preflight-acao-document-fails",
    "A preflighted PUT answered 308 to OTHER; OTHER's preflight answers ACAO = the document's "
    "origin, but the tainted request serializes its origin as `null`: \"CORS-preflight fetch\" "
    "step 7's CORS check fails (PreflightAllowOriginMismatch); the PUT is not sent. " + TAINT + REF,
    DOC,
    [rt("OPTIONS", API + p + "/from3", 204, (ACAO, "{{origin}}"), (ACAM, "PUT")),
     rt("PUT", API + p + "/from3", 308, (ACAO, "{{origin}}"), (LOC, OTHER + p + "/to3")),
     rt("OPTIONS", OTHER + p + "/to3", 204, (ACAO, "http://app.example"), (ACAM, "PUT")),
     rt("PUT", OTHER + p + "/to3", 200, (ACAO, "*"), CT)],
    [fail(fetch(API + p + "/from3", method="PUT"),
          [pre(API + p + "/from3", "PUT"),
           sent("PUT", API + p + "/from3", "http://app.example", DOC_REF),
           pre(OTHER + p + "/to3", "PUT", origin="null")],
          "PreflightAllowOriginMismatch", preflight=True)])
add("redirect-307-put-cached-target-needs-no-preflight",
    "Step 1 preflights PUT to API/to4 (Max-Age 600). Step 2 (10 s later) PUTs API/from4, which "
    "is preflighted and answers 307 to API/to4: the request is not tainted, so the method cache "
    "entry (byte-serialized origin `http://app.example`, URL API/to4) matches and \"HTTP fetch\" "
    "step 4.1 sends the PUT without a preflight. " + REF,
    DOC,
    [rt("OPTIONS", API + p + "/from4", 204, (ACAO, "{{origin}}"), (ACAM, "PUT")),
     rt("PUT", API + p + "/from4", 307, (ACAO, "{{origin}}"), (LOC, API + p + "/to4")),
     rt("OPTIONS", API + p + "/to4", 204, (ACAO, "{{origin}}"), (ACAM, "PUT"), (MAX_AGE, "600")),
     rt("PUT", API + p + "/to4", 200, (ACAO, "{{origin}}"), CT)],
    [ok(fetch(API + p + "/to4", method="PUT"),
        [pre(API + p + "/to4", "PUT"),
         sent("PUT", API + p + "/to4", "http://app.example", DOC_REF)],
        "cors", 200, ["content-type"], preflight=True),
     ok(fetch(API + p + "/from4", method="PUT"),
        [pre(API + p + "/from4", "PUT"),
         sent("PUT", API + p + "/from4", "http://app.example", DOC_REF),
         sent("PUT", API + p + "/to4", "http://app.example", DOC_REF)],
        "cors", 200, ["content-type"], preflight=True, at=10)])
add("redirect-307-put-tainted-misses-cache-entry-for-document-origin",
    "Step 1 preflights PUT to OTHER/to5 directly (entry keyed by `http://app.example`, Max-Age "
    "600). Step 2 PUTs API/from5, answered 307 to OTHER/to5: the request is tainted, its "
    "byte-serialized origin is `null`, so the entry does not match (\"cache entry match\") and a "
    "preflight with `Origin: null` is made. Step 3 repeats step 2: now both URLs have entries "
    "(API/from5 for `http://app.example`, OTHER/to5 for `null`, both Max-Age 600), so no "
    "preflight. " + TAINT + REF,
    DOC,
    [rt("OPTIONS", API + p + "/from5", 204, (ACAO, "{{origin}}"), (ACAM, "PUT"),
        (MAX_AGE, "600")),
     rt("PUT", API + p + "/from5", 307, (ACAO, "{{origin}}"), (LOC, OTHER + p + "/to5")),
     rt("OPTIONS", OTHER + p + "/to5", 204, (ACAO, "{{origin}}"), (ACAM, "PUT"),
        (MAX_AGE, "600")),
     rt("PUT", OTHER + p + "/to5", 200, (ACAO, "{{origin}}"), CT)],
    [ok(fetch(OTHER + p + "/to5", method="PUT"),
        [pre(OTHER + p + "/to5", "PUT"),
         sent("PUT", OTHER + p + "/to5", "http://app.example", DOC_REF)],
        "cors", 200, ["content-type"], preflight=True),
     ok(fetch(API + p + "/from5", method="PUT"),
        [pre(API + p + "/from5", "PUT"),
         sent("PUT", API + p + "/from5", "http://app.example", DOC_REF),
         pre(OTHER + p + "/to5", "PUT", origin="null"),
         sent("PUT", OTHER + p + "/to5", "null", DOC_REF)],
        "cors", 200, ["content-type"], preflight=True, at=10),
     ok(fetch(API + p + "/from5", method="PUT"),
        [sent("PUT", API + p + "/from5", "http://app.example", DOC_REF),
         sent("PUT", OTHER + p + "/to5", "null", DOC_REF)],
        "cors", 200, ["content-type"], preflight=False, at=20)])
add("redirect-307-put-credentials-tainted-preflight-null-acac",
    "credentials \"include\": a preflighted PUT answered 307 to OTHER; OTHER's preflight and "
    "response answer ACAO `null` (reflected) + ACAC true, which the CORS check with include "
    "accepts (steps 4-7). " + TAINT + REF,
    DOC,
    [rt("OPTIONS", API + p + "/from6", 204, (ACAO, "{{origin}}"), (ACAC, "true"), (ACAM, "PUT")),
     rt("PUT", API + p + "/from6", 307, (ACAO, "{{origin}}"), (ACAC, "true"),
        (LOC, OTHER + p + "/to6")),
     rt("OPTIONS", OTHER + p + "/to6", 204, (ACAO, "{{origin}}"), (ACAC, "true"), (ACAM, "PUT")),
     rt("PUT", OTHER + p + "/to6", 200, (ACAO, "{{origin}}"), (ACAC, "true"), CT)],
    [ok(fetch(API + p + "/from6", method="PUT", credentials="include"),
        [pre(API + p + "/from6", "PUT"),
         sent("PUT", API + p + "/from6", "http://app.example", DOC_REF),
         pre(OTHER + p + "/to6", "PUT", origin="null"),
         sent("PUT", OTHER + p + "/to6", "null", DOC_REF)],
        "cors", 200, ["content-type"], preflight=True)])

# --- 8. Authorization across hops ---------------------------------------------------------------
p = "/redir/auth"
AUTH = "Bearer t0ken"
add("redirect-authorization-kept-within-cross-origin-server",
    "A cross-origin GET with Authorization is preflighted (ACRH authorization; ACAH must name it, "
    "`*` would not cover it). Its 302 stays within API: HTTP-redirect fetch step 13 deletes "
    "Authorization only when the location's origin differs from the current URL's, so it is "
    "kept, and the new URL needs its own preflight. " + NO_TAINT + REF,
    DOC,
    [rt("OPTIONS", API + p + "/from1", 204, (ACAO, "*"), (ACAH, "authorization")),
     rt("GET", API + p + "/from1", 302, (ACAO, "*"), (LOC, API + p + "/to1")),
     rt("OPTIONS", API + p + "/to1", 204, (ACAO, "*"), (ACAH, "authorization")),
     rt("GET", API + p + "/to1", 200, (ACAO, "*"), CT)],
    [ok(fetch(API + p + "/from1", headers=[("Authorization", AUTH)]),
        [pre(API + p + "/from1", "GET", "authorization"),
         sent("GET", API + p + "/from1", "http://app.example", DOC_REF, authorization=AUTH),
         pre(API + p + "/to1", "GET", "authorization"),
         sent("GET", API + p + "/to1", "http://app.example", DOC_REF, authorization=AUTH)],
        "cors", 200, ["content-type"], preflight=True)])
add("redirect-authorization-removed-on-hop-to-other-origin",
    "A preflighted cross-origin GET with Authorization answered 302 to OTHER: HTTP-redirect "
    "fetch step 13 deletes Authorization (the CORS non-wildcard request-header name); the GET to "
    "OTHER then has no CORS-unsafe header and needs no preflight, and carries `Origin: null`. "
    + TAINT + REF,
    DOC,
    [rt("OPTIONS", API + p + "/from2", 204, (ACAO, "*"), (ACAH, "authorization")),
     rt("GET", API + p + "/from2", 302, (ACAO, "*"), (LOC, OTHER + p + "/to2")),
     rt("GET", OTHER + p + "/to2", 200, (ACAO, "*"), CT)],
    [ok(fetch(API + p + "/from2", headers=[("Authorization", AUTH)]),
        [pre(API + p + "/from2", "GET", "authorization"),
         sent("GET", API + p + "/from2", "http://app.example", DOC_REF, authorization=AUTH),
         sent("GET", OTHER + p + "/to2", "null", DOC_REF, authorization=None)],
        "cors", 200, ["content-type"], preflight=True)])
add("redirect-authorization-kept-same-origin",
    "A same-origin GET with Authorization (basic tainting, no preflight, no Origin) answered 302 "
    "to another URL of the document's origin: HTTP-redirect fetch step 13 keeps Authorization "
    "within one origin.",
    DOC,
    [rt("GET", DOC + p + "/from3", 302, (LOC, DOC + p + "/to3")),
     rt("GET", DOC + p + "/to3", 200, CT)],
    [ok(fetch(DOC + p + "/from3", headers=[("Authorization", AUTH)]),
        [sent("GET", DOC + p + "/from3", None, DOC_REF, authorization=AUTH),
         sent("GET", DOC + p + "/to3", None, DOC_REF, authorization=AUTH)],
        "basic", 200, ["content-type"])])
add("redirect-authorization-removed-same-origin-to-cross-origin",
    "A same-origin GET with Authorization answered 302 to API: HTTP-redirect fetch step 13 "
    "deletes Authorization, so the cross-origin GET has no CORS-unsafe header and is sent "
    "without a preflight, with the document's Origin (no taint). " + REF,
    DOC,
    [rt("GET", DOC + p + "/from4", 302, (LOC, API + p + "/to4")),
     rt("GET", API + p + "/to4", 200, (ACAO, "{{origin}}"), CT)],
    [ok(fetch(DOC + p + "/from4", headers=[("Authorization", AUTH)]),
        [sent("GET", DOC + p + "/from4", None, DOC_REF, authorization=AUTH),
         sent("GET", API + p + "/to4", "http://app.example", DOC_REF, authorization=None)],
        "cors", 200, ["content-type"])])

# --- 9. the redirect limit ----------------------------------------------------------------------
p = "/redir/limit"


def chain(prefix, count, base, headers):
    """Routes prefix/r0 → prefix/r1 → … → prefix/r{count}: `count` redirects, then a 200."""
    routes = [rt("GET", f"{base}{prefix}/r{i}", 302, *headers, (LOC, f"{base}{prefix}/r{i + 1}"))
              for i in range(count)]
    routes.append(rt("GET", f"{base}{prefix}/r{count}", 200, *headers, CT))
    return routes


add("redirect-20-redirects-ok",
    "20 redirects (r0 → … → r20): HTTP-redirect fetch step 7 fails only when the redirect count "
    "is already 20, and the 20th redirect finds it at 19. 21 requests, all with the document's "
    "Origin (one origin throughout). " + REF
    + "(WPT fetch/api/redirect/redirect-count.any.js)",
    DOC,
    chain(p + "/ok", 20, API, [(ACAO, "*")]),
    [ok(fetch(API + p + "/ok/r0"),
        [sent("GET", f"{API}{p}/ok/r{i}", "http://app.example", DOC_REF) for i in range(21)],
        "cors", 200, ["content-type"])])
add("redirect-21-redirects-too-many",
    "21 redirects (r0 → … → r21): the 21st redirect response (from r20) finds the redirect count "
    "at 20, HTTP-redirect fetch step 7 returns a network error (TooManyRedirects); r21 is never "
    "requested. " + REF + "(WPT fetch/api/redirect/redirect-count.any.js)",
    DOC,
    chain(p + "/over", 21, API, [(ACAO, "*")]),
    [fail(fetch(API + p + "/over/r0"),
          [sent("GET", f"{API}{p}/over/r{i}", "http://app.example", DOC_REF)
           for i in range(21)],
          "TooManyRedirects")])
add("redirect-21-same-origin-redirects-too-many",
    "The limit also holds for same-origin redirects (basic tainting, no Origin on GET): 21 "
    "requests, then HTTP-redirect fetch step 7 (TooManyRedirects).",
    DOC,
    chain(p + "/so", 21, DOC, []),
    [fail(fetch(DOC + p + "/so/r0"),
          [sent("GET", f"{DOC}{p}/so/r{i}", None, DOC_REF) for i in range(21)],
          "TooManyRedirects")])
add("redirect-self-loop-too-many",
    "A 302 whose Location `loop` resolves (against the response's URL) to the same URL: the same "
    "resource is requested again and answers the same redirect each time; after 21 requests, "
    "HTTP-redirect fetch step 7 (TooManyRedirects). " + REF,
    DOC,
    [rt("GET", API + p + "/loop", 302, (ACAO, "*"), (LOC, "loop"))],
    [fail(fetch(API + p + "/loop"),
          [sent("GET", API + p + "/loop", "http://app.example", DOC_REF) for _ in range(21)],
          "TooManyRedirects")])

# --- 10. Location checks ------------------------------------------------------------------------
p = "/redir/loc"
add("redirect-location-credentials-cross-origin",
    "Mode cors, a Location with userinfo on API (not same origin with the document): "
    "HTTP-redirect fetch step 9 returns a network error (RedirectContainsCredentials). " + REF
    + "(WPT fetch/api/cors/cors-redirect-credentials.any.js)",
    DOC,
    [rt("GET", API + p + "/cred1", 302, (ACAO, "*"),
        (LOC, "http://user:pass@api.example:8000/redir/loc/cred1-to")),
     rt("GET", API + p + "/cred1-to", 200, (ACAO, "*"))],
    [fail(fetch(API + p + "/cred1"),
          [sent("GET", API + p + "/cred1", "http://app.example", DOC_REF)],
          "RedirectContainsCredentials")])
add("redirect-location-credentials-back-to-document-origin",
    "Mode cors, API redirects to a document-origin URL with userinfo: step 9 does not apply (the "
    "location is same origin with the request's origin) but step 10 does, response tainting "
    "being \"cors\": RedirectContainsCredentials (\"This catches a cross-origin resource "
    "redirecting to a same-origin URL\"). " + REF,
    DOC,
    [rt("GET", API + p + "/cred2", 302, (ACAO, "*"),
        (LOC, "http://user:pass@app.example/redir/loc/cred2-to")),
     rt("GET", DOC + p + "/cred2-to", 200, (ACAO, "*"))],
    [fail(fetch(API + p + "/cred2"),
          [sent("GET", API + p + "/cred2", "http://app.example", DOC_REF)],
          "RedirectContainsCredentials")])
add("redirect-location-credentials-from-same-origin-to-cross-origin",
    "Mode cors, a same-origin request redirected to API with userinfo: HTTP-redirect fetch "
    "step 9 (mode cors, credentials, location not same origin with the request's origin): "
    "RedirectContainsCredentials.",
    DOC,
    [rt("GET", DOC + p + "/cred3", 302,
        (LOC, "http://user:pass@api.example:8000/redir/loc/cred3-to")),
     rt("GET", API + p + "/cred3-to", 200, (ACAO, "*"))],
    [fail(fetch(DOC + p + "/cred3"),
          [sent("GET", DOC + p + "/cred3", None, DOC_REF)],
          "RedirectContainsCredentials")])
add("redirect-location-credentials-same-origin-followed",
    "A same-origin request redirected to a document-origin URL with userinfo: step 9 does not "
    "apply (same origin) nor step 10 (tainting \"basic\"), so the redirect is followed. The "
    "server sees the path of the location; the userinfo is not part of the request-target.",
    DOC,
    [rt("GET", DOC + p + "/cred4", 302, (LOC, "http://user:pass@app.example/redir/loc/cred4-to")),
     rt("GET", DOC + p + "/cred4-to", 200, CT)],
    [ok(fetch(DOC + p + "/cred4"),
        [sent("GET", DOC + p + "/cred4", None, DOC_REF),
         {"method": "GET", "url": DOC + p + "/cred4-to", "headers": {"origin": None}}],
        "basic", 200, ["content-type"])])
add("redirect-location-invalid-ipv6",
    "Location `http://[::1/x` does not parse: the \"location URL\" is failure and HTTP-redirect "
    "fetch step 5 returns a network error (InvalidRedirectLocation). " + REF
    + "(WPT fetch/api/redirect/redirect-location.any.js)",
    DOC,
    [rt("GET", API + p + "/bad1", 302, (ACAO, "*"), (LOC, "http://[::1/x"))],
    [fail(fetch(API + p + "/bad1"),
          [sent("GET", API + p + "/bad1", "http://app.example", DOC_REF)],
          "InvalidRedirectLocation")])
add("redirect-location-invalid-empty-host",
    "Location `http://:8000/x` (a special URL with an empty host) does not parse: HTTP-redirect "
    "fetch step 5 (InvalidRedirectLocation). " + REF,
    DOC,
    [rt("GET", API + p + "/bad2", 301, (ACAO, "*"), (LOC, "http://:8000/x"))],
    [fail(fetch(API + p + "/bad2"),
          [sent("GET", API + p + "/bad2", "http://app.example", DOC_REF)],
          "InvalidRedirectLocation")])
add("redirect-location-invalid-same-origin",
    "A same-origin 302 whose Location is `http://app.example:65536/` (a port out of range) does "
    "not parse: HTTP-redirect fetch step 5 (InvalidRedirectLocation), whatever the tainting. "
    "(A space in the host would not do: Chromium's URL parser escapes it and follows.)",
    DOC,
    [rt("GET", DOC + p + "/bad3", 302, (LOC, "http://app.example:65536/"))],
    [fail(fetch(DOC + p + "/bad3"),
          [sent("GET", DOC + p + "/bad3", None, DOC_REF)],
          "InvalidRedirectLocation")])
add("redirect-location-ftp",
    "Location `ftp://api.example/file`: not an HTTP(S) scheme, HTTP-redirect fetch step 6 "
    "(RedirectToNonHttpScheme). " + REF + "(WPT fetch/api/redirect/redirect-schemes.html)",
    DOC,
    [rt("GET", API + p + "/ftp", 302, (ACAO, "*"), (LOC, "ftp://api.example/file"))],
    [fail(fetch(API + p + "/ftp"),
          [sent("GET", API + p + "/ftp", "http://app.example", DOC_REF)],
          "RedirectToNonHttpScheme")])
add("redirect-location-data",
    "Location `data:text/plain,hello`: HTTP-redirect fetch step 6 (RedirectToNonHttpScheme). "
    + REF + "(WPT fetch/api/redirect/redirect-to-dataurl.any.js)",
    DOC,
    [rt("GET", API + p + "/data", 307, (ACAO, "*"), (LOC, "data:text/plain,hello"))],
    [fail(fetch(API + p + "/data"),
          [sent("GET", API + p + "/data", "http://app.example", DOC_REF)],
          "RedirectToNonHttpScheme")])
add("redirect-location-data-no-cors",
    "Mode \"no-cors\", a same-origin 302 to `data:,x`: HTTP-redirect fetch step 6 does not "
    "depend on the mode (RedirectToNonHttpScheme). (WPT fetch/api/redirect/"
    "redirect-to-dataurl.any.js)",
    DOC,
    [rt("GET", DOC + p + "/data-nc", 302, (LOC, "data:,x"))],
    [fail(fetch(DOC + p + "/data-nc", mode="no-cors"),
          [sent("GET", DOC + p + "/data-nc", None, DOC_REF)],
          "RedirectToNonHttpScheme")])
add("redirect-location-ftp-with-credentials-scheme-checked-first",
    "Location `ftp://user:pass@api.example/f`: HTTP-redirect fetch step 6 (scheme) comes before "
    "step 9 (credentials): RedirectToNonHttpScheme. " + REF,
    DOC,
    [rt("GET", API + p + "/ftp-cred", 302, (ACAO, "*"), (LOC, "ftp://user:pass@api.example/f"))],
    [fail(fetch(API + p + "/ftp-cred"),
          [sent("GET", API + p + "/ftp-cred", "http://app.example", DOC_REF)],
          "RedirectToNonHttpScheme")])
add("redirect-without-location-is-the-response",
    "A cross-origin 302 with ACAO and no Location: the \"location URL\" is null and "
    "HTTP-redirect fetch step 4 returns the response itself: a CORS filtered response with "
    "status 302. " + REF,
    DOC,
    [rt("GET", API + p + "/noloc1", 302, (ACAO, "*"), CT)],
    [ok(fetch(API + p + "/noloc1"),
        [sent("GET", API + p + "/noloc1", "http://app.example", DOC_REF)],
        "cors", 302, ["content-type"])])
add("redirect-without-location-same-origin",
    "A same-origin 301 without Location: HTTP-redirect fetch step 4 returns it; a basic filtered "
    "response with status 301 and its headers.",
    DOC,
    [rt("GET", DOC + p + "/noloc2", 301, CT, ("X-Trace", "2"))],
    [ok(fetch(DOC + p + "/noloc2"),
        [sent("GET", DOC + p + "/noloc2", None, DOC_REF)],
        "basic", 301, ["content-type", "x-trace"])])
add("redirect-300-with-location-not-followed",
    "300 is not a redirect status (301, 302, 303, 307, 308), so \"HTTP fetch\" step 6 does not "
    "run and the Location is ignored: a CORS response with status 300. " + REF,
    DOC,
    [rt("GET", API + p + "/s300", 300, (ACAO, "*"), (LOC, API + p + "/s300-to"), CT),
     rt("GET", API + p + "/s300-to", 200, (ACAO, "*"))],
    [ok(fetch(API + p + "/s300"),
        [sent("GET", API + p + "/s300", "http://app.example", DOC_REF)],
        "cors", 300, ["content-type"])])

# --- 11. relative locations and fragments -------------------------------------------------------
p = "/redir/rel"
add("redirect-relative-absolute-path",
    "Location `/redir/rel/to1` is parsed against the response's URL (\"location URL\" step 3), "
    "not the document's: the next request goes to API. " + NO_TAINT + REF,
    DOC,
    [rt("GET", API + p + "/from1", 302, (ACAO, "*"), (LOC, "/redir/rel/to1")),
     rt("GET", API + p + "/to1", 200, (ACAO, "*"), CT),
     rt("GET", DOC + p + "/to1", 200, CT)],
    [ok(fetch(API + p + "/from1"),
        [sent("GET", API + p + "/from1", "http://app.example", DOC_REF),
         sent("GET", API + p + "/to1", "http://app.example", DOC_REF)],
        "cors", 200, ["content-type"])])
add("redirect-relative-path-with-query",
    "Location `to2?q=1` from API/redir/rel/dir/from2 resolves to API/redir/rel/dir/to2?q=1. "
    + NO_TAINT + REF,
    DOC,
    [rt("GET", API + p + "/dir/from2", 307, (ACAO, "*"), (LOC, "to2?q=1")),
     rt("GET", API + p + "/dir/to2?q=1", 200, (ACAO, "*"), CT)],
    [ok(fetch(API + p + "/dir/from2"),
        [sent("GET", API + p + "/dir/from2", "http://app.example", DOC_REF),
         sent("GET", API + p + "/dir/to2?q=1", "http://app.example", DOC_REF)],
        "cors", 200, ["content-type"])])
add("redirect-relative-dot-dot",
    "Location `../up/to3` from API/redir/rel/a/b/from3 resolves to API/redir/rel/a/up/to3. "
    + NO_TAINT + REF,
    DOC,
    [rt("GET", API + p + "/a/b/from3", 308, (ACAO, "*"), (LOC, "../up/to3")),
     rt("GET", API + p + "/a/up/to3", 200, (ACAO, "*"), CT)],
    [ok(fetch(API + p + "/a/b/from3"),
        [sent("GET", API + p + "/a/b/from3", "http://app.example", DOC_REF),
         sent("GET", API + p + "/a/up/to3", "http://app.example", DOC_REF)],
        "cors", 200, ["content-type"])])
add("redirect-scheme-relative-to-other-origin",
    "Location `//other.example:8000/redir/rel/to4` takes the response URL's scheme: OTHER, "
    "another origin, so the second request is tainted (`Origin: null`). " + TAINT + REF,
    DOC,
    [rt("GET", API + p + "/from4", 302, (ACAO, "*"), (LOC, "//other.example:8000/redir/rel/to4")),
     rt("GET", OTHER + p + "/to4", 200, (ACAO, "null"), CT)],
    [ok(fetch(API + p + "/from4"),
        [sent("GET", API + p + "/from4", "http://app.example", DOC_REF),
         sent("GET", OTHER + p + "/to4", "null", DOC_REF)],
        "cors", 200, ["content-type"])])
add("redirect-request-fragment-not-sent",
    "The request URL has a fragment (`#frag`); the Location `/redir/rel/to5` has none, so "
    "\"location URL\" step 4 gives it the request's fragment. Fragments never reach the server: "
    "both requests show the URL without it. " + NO_TAINT + REF,
    DOC,
    [rt("GET", API + p + "/from5", 302, (ACAO, "*"), (LOC, "/redir/rel/to5")),
     rt("GET", API + p + "/to5", 200, (ACAO, "*"), CT)],
    [ok(fetch(API + p + "/from5#frag"),
        [sent("GET", API + p + "/from5", "http://app.example", DOC_REF),
         sent("GET", API + p + "/to5", "http://app.example", DOC_REF)],
        "cors", 200, ["content-type"])])
add("redirect-location-fragment-not-sent",
    "Location `/redir/rel/to6#loc` keeps its own fragment (\"location URL\" step 4 applies only "
    "to a location without one); the server sees /redir/rel/to6. " + NO_TAINT + REF,
    DOC,
    [rt("GET", API + p + "/from6", 303, (ACAO, "*"), (LOC, "/redir/rel/to6#loc")),
     rt("GET", API + p + "/to6", 200, (ACAO, "*"), CT)],
    [ok(fetch(API + p + "/from6"),
        [sent("GET", API + p + "/from6", "http://app.example", DOC_REF),
         sent("GET", API + p + "/to6", "http://app.example", DOC_REF)],
        "cors", 200, ["content-type"])])

# --- 12. redirect modes -------------------------------------------------------------------------
p = "/redir/mode"
add("redirect-mode-error-cross-origin",
    "redirect \"error\": the 302 passes the CORS check (ACAO *), then \"HTTP fetch\" step 6.3 "
    "sets the response to a network error (RedirectModeError). " + REF
    + "(WPT fetch/api/redirect/redirect-mode.any.js)",
    DOC,
    [rt("GET", API + p + "/err1", 302, (ACAO, "*"), (LOC, API + p + "/err1-to")),
     rt("GET", API + p + "/err1-to", 200, (ACAO, "*"))],
    [fail(fetch(API + p + "/err1", redirect="error"),
          [sent("GET", API + p + "/err1", "http://app.example", DOC_REF)],
          "RedirectModeError")])
add("redirect-mode-error-cors-check-first",
    "redirect \"error\" and a 302 without ACAO: \"HTTP fetch\" step 4.4 (CORS check) comes before "
    "step 6, so the failure is MissingAllowOriginHeader. " + REF,
    DOC,
    [rt("GET", API + p + "/err2", 302, (LOC, API + p + "/err2-to"))],
    [fail(fetch(API + p + "/err2", redirect="error"),
          [sent("GET", API + p + "/err2", "http://app.example", DOC_REF)],
          "MissingAllowOriginHeader")])
add("redirect-mode-error-same-origin",
    "redirect \"error\", a same-origin 301: \"HTTP fetch\" step 6.3 network error "
    "(RedirectModeError).",
    DOC,
    [rt("GET", DOC + p + "/err3", 301, (LOC, DOC + p + "/err3-to")),
     rt("GET", DOC + p + "/err3-to", 200)],
    [fail(fetch(DOC + p + "/err3", redirect="error"),
          [sent("GET", DOC + p + "/err3", None, DOC_REF)],
          "RedirectModeError")])
add("redirect-mode-error-without-location",
    "redirect \"error\", a 307 (with ACAO) without Location: \"HTTP fetch\" step 6 keys on the "
    "redirect status, not on Location, so it is still a network error (RedirectModeError). " + REF,
    DOC,
    [rt("GET", API + p + "/err4", 307, (ACAO, "*"))],
    [fail(fetch(API + p + "/err4", redirect="error"),
          [sent("GET", API + p + "/err4", "http://app.example", DOC_REF)],
          "RedirectModeError")])
add("redirect-mode-error-no-redirect-ok",
    "redirect \"error\" with a 200: nothing to refuse, a CORS response. " + REF,
    DOC,
    [rt("GET", API + p + "/err5", 200, (ACAO, "*"), CT)],
    [ok(fetch(API + p + "/err5", redirect="error"),
        [sent("GET", API + p + "/err5", "http://app.example", DOC_REF)],
        "cors", 200, ["content-type"])])
add("redirect-mode-manual-cross-origin",
    "redirect \"manual\": the 302 passes the CORS check (ACAO *); \"HTTP fetch\" step 6.3 makes an "
    "opaque-redirect filtered response (type opaqueredirect, status 0, empty header list), and "
    "the Location is not fetched. " + REF + "(WPT fetch/api/redirect/redirect-mode.any.js)",
    DOC,
    [rt("GET", API + p + "/man1", 302, (ACAO, "*"), CT, (LOC, API + p + "/man1-to")),
     rt("GET", API + p + "/man1-to", 200, (ACAO, "*"))],
    [ok(fetch(API + p + "/man1", redirect="manual"),
        [sent("GET", API + p + "/man1", "http://app.example", DOC_REF)],
        "opaqueredirect", 0, [])])
add("redirect-mode-manual-cors-check-first",
    "redirect \"manual\" in mode cors: the 302 without ACAO fails \"HTTP fetch\" step 4.4 before "
    "step 6 would make an opaque-redirect response (MissingAllowOriginHeader). " + REF,
    DOC,
    [rt("GET", API + p + "/man2", 302, (LOC, API + p + "/man2-to"))],
    [fail(fetch(API + p + "/man2", redirect="manual"),
          [sent("GET", API + p + "/man2", "http://app.example", DOC_REF)],
          "MissingAllowOriginHeader")])
add("redirect-mode-manual-credentials-acao-star-fails",
    "redirect \"manual\", credentials \"include\": the 302's `ACAO: *` fails the CORS check "
    "(step 4 with include: WildcardOriginNotAllowed) before step 6. " + REF,
    DOC,
    [rt("GET", API + p + "/man3", 302, (ACAO, "*"), (ACAC, "true"), (LOC, API + p + "/man3-to"))],
    [fail(fetch(API + p + "/man3", redirect="manual", credentials="include"),
          [sent("GET", API + p + "/man3", "http://app.example", DOC_REF)],
          "WildcardOriginNotAllowed")])
add("redirect-mode-manual-same-origin",
    "redirect \"manual\", a same-origin 302 (basic tainting, no CORS check): an opaque-redirect "
    "filtered response, status 0, no headers, one request.",
    DOC,
    [rt("GET", DOC + p + "/man4", 302, (LOC, DOC + p + "/man4-to"), CT),
     rt("GET", DOC + p + "/man4-to", 200)],
    [ok(fetch(DOC + p + "/man4", redirect="manual"),
        [sent("GET", DOC + p + "/man4", None, DOC_REF)],
        "opaqueredirect", 0, [])])
add("redirect-mode-manual-without-location",
    "redirect \"manual\", a 303 with ACAO and no Location: \"HTTP fetch\" step 6 keys on the "
    "redirect status, so the result is still an opaque-redirect response. " + REF,
    DOC,
    [rt("GET", API + p + "/man5", 303, (ACAO, "*"), CT)],
    [ok(fetch(API + p + "/man5", redirect="manual"),
        [sent("GET", API + p + "/man5", "http://app.example", DOC_REF)],
        "opaqueredirect", 0, [])])
add("redirect-mode-manual-post-303",
    "redirect \"manual\", a simple cross-origin POST answered 303: no method rewrite happens (no "
    "HTTP-redirect fetch), just an opaque-redirect response after one POST. " + REF,
    DOC,
    [rt("POST", API + p + "/man6", 303, (ACAO, "*"), (LOC, API + p + "/man6-to")),
     rt("GET", API + p + "/man6-to", 200, (ACAO, "*"))],
    [ok(fetch(API + p + "/man6", method="POST", headers=[CT], redirect="manual"),
        [sent("POST", API + p + "/man6", "http://app.example", DOC_REF,
              content_type="text/plain")],
        "opaqueredirect", 0, [])])
add("redirect-mode-manual-preflighted-put",
    "redirect \"manual\", a preflighted PUT answered 307: the preflight and the PUT are sent, the "
    "307 passes the CORS check and becomes an opaque-redirect response; the Location is not "
    "preflighted nor fetched. " + REF,
    DOC,
    [rt("OPTIONS", API + p + "/man7", 204, (ACAO, "*"), (ACAM, "PUT")),
     rt("PUT", API + p + "/man7", 307, (ACAO, "*"), (LOC, API + p + "/man7-to"))],
    [ok(fetch(API + p + "/man7", method="PUT", redirect="manual"),
        [pre(API + p + "/man7", "PUT"),
         sent("PUT", API + p + "/man7", "http://app.example", DOC_REF)],
        "opaqueredirect", 0, [], preflight=True)])
add("redirect-mode-manual-no-redirect-ok",
    "redirect \"manual\" with a 200: an ordinary CORS response. " + REF,
    DOC,
    [rt("GET", API + p + "/man8", 200, (ACAO, "*"), CT)],
    [ok(fetch(API + p + "/man8", redirect="manual"),
        [sent("GET", API + p + "/man8", "http://app.example", DOC_REF)],
        "cors", 200, ["content-type"])])
add("redirect-mode-manual-no-cors-rejected",
    "Mode \"no-cors\" with redirect \"manual\": \"main fetch\" step 12 (no-cors branch, step 1) "
    "returns a network error before any request (NoCorsRedirectModeNotFollow).",
    DOC,
    [rt("GET", API + p + "/man9", 200)],
    [fail(fetch(API + p + "/man9", mode="no-cors", redirect="manual"), [],
          "NoCorsRedirectModeNotFollow")])
add("redirect-mode-error-no-cors-rejected",
    "Mode \"no-cors\" with redirect \"error\": \"main fetch\" step 12 (no-cors branch, step 1) "
    "returns a network error before any request (NoCorsRedirectModeNotFollow).",
    DOC,
    [rt("GET", API + p + "/err9", 200)],
    [fail(fetch(API + p + "/err9", mode="no-cors", redirect="error"), [],
          "NoCorsRedirectModeNotFollow")])

# --- 13. Referer across hops --------------------------------------------------------------------
p = "/redir/ref"
add("redirect-referer-localhost-same-origin-then-cross-origin",
    "Document http://localhost:3000 (potentially trustworthy). The same-origin request carries "
    "the full document URL as Referer and no Origin. After the 302 to http://api.example:8000 "
    "(not potentially trustworthy), \"main fetch\" step 9 determines the referrer again: "
    "strict-origin-when-cross-origin returns no referrer, so no Referer; Origin is the document's "
    "(no taint).",
    LOCAL,
    [rt("GET", LOCAL + p + "/from1", 302, (LOC, API + p + "/to1")),
     rt("GET", API + p + "/to1", 200, (ACAO, "{{origin}}"), CT)],
    [ok(fetch(LOCAL + p + "/from1"),
        [sent("GET", LOCAL + p + "/from1", None, LOCAL_REF),
         sent("GET", API + p + "/to1", "http://localhost:3000", None)],
        "cors", 200, ["content-type"])])
add("redirect-referer-stays-absent-back-to-localhost",
    "Document http://localhost:3000 fetches API: strict-origin-when-cross-origin gives no "
    "referrer (trustworthy → not trustworthy), so \"main fetch\" step 9 sets the request's "
    "referrer to \"no-referrer\"; after the 302 back to localhost, step 9 skips a referrer that "
    "is \"no-referrer\", so no Referer is sent there either. The hop API → localhost taints: "
    "`Origin: null`.",
    LOCAL,
    [rt("GET", API + p + "/from2", 302, (ACAO, "{{origin}}"), (LOC, LOCAL + p + "/to2")),
     rt("GET", LOCAL + p + "/to2", 200, (ACAO, "*"), CT)],
    [ok(fetch(API + p + "/from2"),
        [sent("GET", API + p + "/from2", "http://localhost:3000", None),
         sent("GET", LOCAL + p + "/to2", "null", None)],
        "cors", 200, ["content-type"])])


def main():
    source = ("WHATWG Fetch standard (HTTP fetch, HTTP-redirect fetch, main fetch, "
              "redirect-taint, CORS check, CORS-preflight fetch and cache) and Referrer "
              "Policy, read by hand; cases after web-platform-tests fetch/api/redirect and "
              "fetch/api/cors/cors-redirect*; generated by scripts/corpus/redirects.py")
    common.write_vectors(OUTPUT, source, VECTORS)
    steps = common.step_count(VECTORS)
    print(f"wrote {OUTPUT}: {len(VECTORS)} vectors, {steps} steps")


if __name__ == "__main__":
    main()
