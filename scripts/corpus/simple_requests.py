#!/usr/bin/env python3
"""Generate spec-vectors/simple-requests.json: CORS requests that need no preflight.

Every vector is a `scenario` of the `cors-vectors/1` format: a document fetches a URL with a
CORS-safelisted method and only CORS-safelisted request-headers, and the expectations say what a
browser conforming to the WHATWG Fetch standard does: no CORS-preflight request, which `Origin` and
`Referer` headers reach the server, and whether script may read the response (the CORS check on
the actual response) or why the fetch fails.

Each expectation below is written out as a literal, decided by reading the Fetch standard
(main fetch, HTTP fetch, HTTP-network-or-cache fetch, "append a request `Origin` header",
"CORS check", "CORS-safelisted request-header", CORS filtered responses) and Referrer Policy's
strict-origin-when-cross-origin, and web-platform-tests fetch/api/cors/cors-no-preflight.any.js.

Usage (from the repository root):
    python3 scripts/corpus/simple_requests.py
"""

import common
from common import fail, fetch, ok, route, sent

OUTPUT = common.output_path("simple-requests.json")

API = "http://api.example:8000"
API_TLS = "https://api.example"

# Documents.
HTTP_DOC = "http://app.example"
HTTPS_DOC = "https://app.example"
LOCAL_DOC = "http://localhost:3000"
NULL_DOC = "null"


# --- builders (common.py) ---------------------------------------------------------------------
# A simple request never carries Access-Control-Request-* headers; `sent(..., accept=...)` checks
# the Accept header, which is not checked otherwise.

VECTORS = common.Vectors()
add = VECTORS.add


NO_PREFLIGHT = (
    'Fetch "main fetch" step 12 (Otherwise branch): the method is a CORS-safelisted method and '
    "the CORS-unsafe request-header names are empty, so no CORS-preflight fetch; response "
    "tainting is cors, so \"append a request `Origin` header\" step 3 adds Origin. "
)
CHECK = 'Fetch "HTTP fetch" step 4.4: CORS check on the actual response'
REF_CROSS = ("Referer: strict-origin-when-cross-origin gives the document's origin + \"/\" for a "
             "cross-origin request from a non-trustworthy or to a trustworthy URL.")
REF_DOWNGRADE = ("Referer: strict-origin-when-cross-origin returns no referrer when the document URL "
                 "is potentially trustworthy (localhost) and the request URL is not.")

# --- readable responses: each safelisted method and safelisted header ---------------------------

add("simple-get-acao-star",
    NO_PREFLIGHT + CHECK + ' step 3: ACAO `*` and credentials mode "same-origin" is success. '
    + REF_CROSS + ' Fetch "fetch" step 12: no Accept set by script, so `Accept: */*`.',
    HTTP_DOC,
    [route("GET", API + "/simple/get-star", 200,
           [("Access-Control-Allow-Origin", "*"), ("Content-Type", "application/json"),
            ("X-Secret", "1")])],
    [ok(fetch(API + "/simple/get-star"),
        [sent("GET", API + "/simple/get-star", "http://app.example", "http://app.example/",
              accept="*/*")],
        "cors", 200, ["content-type"])])

add("simple-get-acao-exact",
    NO_PREFLIGHT + CHECK + " step 4: ACAO equal to the byte-serialized request origin is success; "
    "the CORS filtered response exposes only CORS-safelisted response-header names. " + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/get-exact", 200,
           [("Access-Control-Allow-Origin", "http://app.example"), ("Content-Type", "text/plain"),
            ("Cache-Control", "no-cache"), ("X-Secret", "1")])],
    [ok(fetch(API + "/simple/get-exact"),
        [sent("GET", API + "/simple/get-exact", "http://app.example", "http://app.example/")],
        "cors", 200, ["cache-control", "content-type"])])

add("simple-get-acao-reflected",
    NO_PREFLIGHT + CHECK + " step 4: a server reflecting the Origin header passes. " + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/get-reflect", 200,
           [("Access-Control-Allow-Origin", "{{origin}}"), ("Content-Language", "en")])],
    [ok(fetch(API + "/simple/get-reflect"),
        [sent("GET", API + "/simple/get-reflect", "http://app.example", "http://app.example/")],
        "cors", 200, ["content-language"])])

add("simple-head-acao-star",
    NO_PREFLIGHT + "HEAD is a CORS-safelisted method (Fetch \"Methods\"). " + CHECK
    + " step 3. " + REF_CROSS + " (WPT cors-no-preflight.any.js \"Cross domain [HEAD]\")",
    HTTP_DOC,
    [route("HEAD", API + "/simple/head", 200,
           [("Access-Control-Allow-Origin", "*"), ("Content-Length", "42")])],
    [ok(fetch(API + "/simple/head", method="HEAD"),
        [sent("HEAD", API + "/simple/head", "http://app.example", "http://app.example/")],
        "cors", 200, ["content-length"])])

add("simple-post-text-plain",
    NO_PREFLIGHT + "POST is CORS-safelisted and `Content-Type: text/plain;charset=UTF-8` is a "
    "CORS-safelisted request-header (essence text/plain). " + CHECK + " step 3. " + REF_CROSS,
    HTTP_DOC,
    [route("POST", API + "/simple/post-text", 201, [("Access-Control-Allow-Origin", "*")])],
    [ok(fetch(API + "/simple/post-text", method="POST",
              headers=[("Content-Type", "text/plain;charset=UTF-8")]),
        [sent("POST", API + "/simple/post-text", "http://app.example", "http://app.example/")],
        "cors", 201, [])])

add("simple-post-form-urlencoded-https",
    NO_PREFLIGHT + "`Content-Type: application/x-www-form-urlencoded` is a CORS-safelisted "
    "request-header. " + CHECK + " step 4. Referer: https document to an https URL, "
    "cross-origin: the document's origin + \"/\".",
    HTTPS_DOC,
    [route("POST", API_TLS + "/simple/post-form", 200,
           [("Access-Control-Allow-Origin", "https://app.example"),
            ("Content-Type", "text/html")])],
    [ok(fetch(API_TLS + "/simple/post-form", method="POST",
              headers=[("Content-Type", "application/x-www-form-urlencoded")]),
        [sent("POST", API_TLS + "/simple/post-form", "https://app.example",
              "https://app.example/")],
        "cors", 200, ["content-type"])])

add("simple-post-multipart-localhost",
    NO_PREFLIGHT + "`Content-Type: multipart/form-data; boundary=...` is a CORS-safelisted "
    "request-header (essence multipart/form-data). " + CHECK + " step 3. " + REF_DOWNGRADE,
    LOCAL_DOC,
    [route("POST", API + "/simple/post-multipart", 200, [("Access-Control-Allow-Origin", "*")])],
    [ok(fetch(API + "/simple/post-multipart", method="POST",
              headers=[("Content-Type",
                        "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk")]),
        [sent("POST", API + "/simple/post-multipart", "http://localhost:3000", None)],
        "cors", 200, [])])

add("simple-get-accept",
    NO_PREFLIGHT + "`Accept: application/json` has no CORS-unsafe request-header byte, so it is "
    "CORS-safelisted. " + CHECK + " step 3. " + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/accept", 200, [("Access-Control-Allow-Origin", "*")])],
    [ok(fetch(API + "/simple/accept", headers=[("Accept", "application/json, text/*;q=0.5")]),
        [sent("GET", API + "/simple/accept", "http://app.example", "http://app.example/",
              accept="application/json, text/*;q=0.5")],
        "cors", 200, [])])

add("simple-get-accept-language",
    NO_PREFLIGHT + "`Accept-Language: en-US,en;q=0.9` uses only the allowed bytes "
    "(alphanumerics, space, * , - . ; =). " + CHECK + " step 3. " + REF_CROSS
    + " (WPT cors-no-preflight.any.js \"[Accept-Language: fr]\")",
    HTTP_DOC,
    [route("GET", API + "/simple/accept-language", 200, [("Access-Control-Allow-Origin", "*")])],
    [ok(fetch(API + "/simple/accept-language", headers=[("Accept-Language", "en-US,en;q=0.9")]),
        [sent("GET", API + "/simple/accept-language", "http://app.example",
              "http://app.example/")],
        "cors", 200, [])])

add("simple-get-content-language",
    NO_PREFLIGHT + "`Content-Language: de-DE` uses only the allowed bytes. " + CHECK
    + " step 3. " + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/content-language", 200, [("Access-Control-Allow-Origin", "*")])],
    [ok(fetch(API + "/simple/content-language", headers=[("Content-Language", "de-DE")]),
        [sent("GET", API + "/simple/content-language", "http://app.example",
              "http://app.example/")],
        "cors", 200, [])])

add("simple-get-range-closed",
    NO_PREFLIGHT + "`Range: bytes=0-499` parses as a single range with a start, so it is a "
    "CORS-safelisted request-header. Any status, 206 included, passes the CORS check. "
    + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/range-closed", 206,
           [("Access-Control-Allow-Origin", "*"), ("Content-Range", "bytes 0-499/1000")])],
    [ok(fetch(API + "/simple/range-closed", headers=[("Range", "bytes=0-499")]),
        [sent("GET", API + "/simple/range-closed", "http://app.example", "http://app.example/")],
        "cors", 206, [])])

add("simple-get-range-open-ended",
    NO_PREFLIGHT + "`Range: bytes=100-` has a start and no end: rangeValue[0] is not null, so it "
    "is CORS-safelisted. " + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/range-open", 206,
           [("Access-Control-Allow-Origin", "*"), ("Access-Control-Expose-Headers", "Content-Range"),
            ("Content-Range", "bytes 100-999/1000")])],
    [ok(fetch(API + "/simple/range-open", headers=[("Range", "bytes=100-")]),
        [sent("GET", API + "/simple/range-open", "http://app.example", "http://app.example/")],
        "cors", 206, ["content-range"])])

add("simple-get-all-safelisted-headers",
    NO_PREFLIGHT + "Accept, Accept-Language, Content-Language, Content-Type (text/plain) and "
    "Range, each with a safelisted value and far below 1024 bytes in total: still no preflight. "
    + CHECK + " step 4. " + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/all-safe", 206,
           [("Access-Control-Allow-Origin", "http://app.example")])],
    [ok(fetch(API + "/simple/all-safe",
              headers=[("Accept", "text/html"), ("Accept-Language", "fr"),
                       ("Content-Language", "eu"), ("Content-Type", "text/plain"),
                       ("Range", "bytes=0-")]),
        [sent("GET", API + "/simple/all-safe", "http://app.example", "http://app.example/")],
        "cors", 206, [])])

add("simple-get-content-type-mixed-case",
    NO_PREFLIGHT + "`Content-Type: Text/Plain;charset=utf-8`: the MIME type parser lowercases "
    "the essence to text/plain, so it is CORS-safelisted. (WPT cors-no-preflight.any.js "
    "\"[Content-Type: Text/Plain;charset=utf-8]\") " + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/ct-mixed-case", 200, [("Access-Control-Allow-Origin", "*")])],
    [ok(fetch(API + "/simple/ct-mixed-case", headers=[("Content-Type", "Text/Plain;charset=utf-8")]),
        [sent("GET", API + "/simple/ct-mixed-case", "http://app.example", "http://app.example/")],
        "cors", 200, [])])

add("simple-post-lowercase-method",
    "Fetch \"Methods\": `post` normalizes to `POST`, a CORS-safelisted method. " + NO_PREFLIGHT
    + CHECK + " step 3. " + REF_CROSS,
    HTTP_DOC,
    [route("POST", API + "/simple/post-lower", 200, [("Access-Control-Allow-Origin", "*")])],
    [ok(fetch(API + "/simple/post-lower", method="post",
              headers=[("Content-Type", "text/plain")]),
        [sent("POST", API + "/simple/post-lower", "http://app.example", "http://app.example/")],
        "cors", 200, [])])

add("simple-get-lowercase-method",
    "Fetch \"Methods\": `get` normalizes to `GET`, a CORS-safelisted method. " + NO_PREFLIGHT
    + CHECK + " step 3. " + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/get-lower", 200, [("Access-Control-Allow-Origin", "*")])],
    [ok(fetch(API + "/simple/get-lower", method="get"),
        [sent("GET", API + "/simple/get-lower", "http://app.example", "http://app.example/")],
        "cors", 200, [])])

add("simple-content-type-whitespace-normalized",
    'Fetch "Headers class" append step 1 normalizes the value (strips leading and trailing HTTP '
    'whitespace), so `  text/plain  ` becomes `text/plain`, a CORS-safelisted request-header. '
    + NO_PREFLIGHT + CHECK + " step 3. " + REF_CROSS,
    HTTP_DOC,
    [route("POST", API + "/simple/ct-whitespace", 200, [("Access-Control-Allow-Origin", "*")])],
    [ok(fetch(API + "/simple/ct-whitespace", method="POST",
              headers=[("Content-Type", "  text/plain  ")]),
        [sent("POST", API + "/simple/ct-whitespace", "http://app.example", "http://app.example/")],
        "cors", 200, [])])

add("simple-content-type-appended-twice",
    '"CORS-unsafe request-header names" step 4 judges each header of the list: two appended '
    "`Content-Type: text/plain` entries are each CORS-safelisted (the Headers class appends, it "
    "does not combine, for the \"request\" guard). " + NO_PREFLIGHT + REF_CROSS,
    HTTP_DOC,
    [route("POST", API + "/simple/ct-twice", 200, [("Access-Control-Allow-Origin", "*")])],
    [ok(fetch(API + "/simple/ct-twice", method="POST",
              headers=[("Content-Type", "text/plain"), ("Content-Type", "text/plain")]),
        [sent("POST", API + "/simple/ct-twice", "http://app.example", "http://app.example/")],
        "cors", 200, [])])

# --- Origin and Referer per document ------------------------------------------------------------

add("simple-localhost-to-http-no-referer",
    NO_PREFLIGHT + REF_DOWNGRADE + " (Real browsers send it; the standard does not.)",
    LOCAL_DOC,
    [route("GET", API + "/simple/localhost-http", 200, [("Access-Control-Allow-Origin", "*")])],
    [ok(fetch(API + "/simple/localhost-http"),
        [sent("GET", API + "/simple/localhost-http", "http://localhost:3000", None)],
        "cors", 200, [])])

add("simple-localhost-to-https-referer",
    NO_PREFLIGHT + "Referer: strict-origin-when-cross-origin, localhost document to a "
    "potentially trustworthy https URL, cross-origin: the document's origin + \"/\".",
    LOCAL_DOC,
    [route("GET", API_TLS + "/simple/localhost-https", 200,
           [("Access-Control-Allow-Origin", "http://localhost:3000")])],
    [ok(fetch(API_TLS + "/simple/localhost-https"),
        [sent("GET", API_TLS + "/simple/localhost-https", "http://localhost:3000",
              "http://localhost:3000/")],
        "cors", 200, [])])

add("simple-localhost-to-localhost-other-port",
    NO_PREFLIGHT + "A different port is a different origin, so CORS applies. Referer: both URLs "
    "are potentially trustworthy (localhost), cross-origin: the document's origin + \"/\".",
    LOCAL_DOC,
    [route("GET", "http://localhost:8000/simple/other-port", 200,
           [("Access-Control-Allow-Origin", "http://localhost:3000")])],
    [ok(fetch("http://localhost:8000/simple/other-port"),
        [sent("GET", "http://localhost:8000/simple/other-port", "http://localhost:3000",
              "http://localhost:3000/")],
        "cors", 200, [])])

add("simple-loopback-ip-to-http-no-referer",
    NO_PREFLIGHT + "Referer: http://127.0.0.1:5500/ is potentially trustworthy (127.0.0.0/8) and "
    "http://api.example:8000 is not, so strict-origin-when-cross-origin sends no referrer.",
    "http://127.0.0.1:5500",
    [route("GET", API + "/simple/loopback", 200, [("Access-Control-Allow-Origin", "*")])],
    [ok(fetch(API + "/simple/loopback"),
        [sent("GET", API + "/simple/loopback", "http://127.0.0.1:5500", None)],
        "cors", 200, [])])

add("simple-http-to-https-referer",
    NO_PREFLIGHT + "Referer: an http (not trustworthy) document to an https URL, cross-origin: "
    "the document's origin + \"/\".",
    HTTP_DOC,
    [route("GET", API_TLS + "/simple/http-to-https", 200, [("Access-Control-Allow-Origin", "*")])],
    [ok(fetch(API_TLS + "/simple/http-to-https"),
        [sent("GET", API_TLS + "/simple/http-to-https", "http://app.example",
              "http://app.example/")],
        "cors", 200, [])])

add("simple-same-host-other-port",
    NO_PREFLIGHT + "http://app.example:8080 differs from http://app.example in port: "
    "cross-origin. " + CHECK + " step 4. " + REF_CROSS,
    HTTP_DOC,
    [route("GET", "http://app.example:8080/simple/other-port", 200,
           [("Access-Control-Allow-Origin", "http://app.example")])],
    [ok(fetch("http://app.example:8080/simple/other-port"),
        [sent("GET", "http://app.example:8080/simple/other-port", "http://app.example",
              "http://app.example/")],
        "cors", 200, [])])

add("simple-https-to-localhost-cors",
    NO_PREFLIGHT + "Origin is the document's origin (mode cors). Referer: http://localhost:8000 is "
    "potentially trustworthy, so the https document's origin + \"/\" is sent.",
    HTTPS_DOC,
    [route("GET", "http://localhost:8000/simple/https-to-localhost", 200,
           [("Access-Control-Allow-Origin", "*")])],
    [ok(fetch("http://localhost:8000/simple/https-to-localhost"),
        [sent("GET", "http://localhost:8000/simple/https-to-localhost", "https://app.example",
              "https://app.example/")],
        "cors", 200, [])])

add("simple-opaque-origin-acao-star",
    NO_PREFLIGHT + "An opaque origin byte-serializes to `null`, so Origin: null. " + CHECK
    + " step 3. An opaque-origin document sends no Referer.",
    NULL_DOC,
    [route("GET", API + "/simple/null-star", 200, [("Access-Control-Allow-Origin", "*")])],
    [ok(fetch(API + "/simple/null-star"),
        [sent("GET", API + "/simple/null-star", "null", None)],
        "cors", 200, [])])

add("simple-opaque-origin-acao-null",
    NO_PREFLIGHT + CHECK + " step 4: ACAO `null` equals the byte-serialized opaque origin "
    "`null`: success. No Referer from an opaque-origin document.",
    NULL_DOC,
    [route("POST", API + "/simple/null-null", 200, [("Access-Control-Allow-Origin", "null")])],
    [ok(fetch(API + "/simple/null-null", method="POST", headers=[("Content-Type", "text/plain")]),
        [sent("POST", API + "/simple/null-null", "null", None)],
        "cors", 200, [])])

# --- what the server must answer: failures after the request reached the server ----------------

add("simple-get-acao-missing",
    NO_PREFLIGHT + CHECK + " step 2: no ACAO is failure, so a network error, after the GET "
    "reached the server. " + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/no-acao", 200, [("Content-Type", "application/json")])],
    [fail(fetch(API + "/simple/no-acao"),
          [sent("GET", API + "/simple/no-acao", "http://app.example", "http://app.example/")],
          "MissingAllowOriginHeader")])

add("simple-get-unrouted-404",
    NO_PREFLIGHT + "The server answers 404 without headers; " + CHECK + " step 2 fails (no ACAO). "
    + REF_DOWNGRADE,
    LOCAL_DOC,
    [],
    [fail(fetch(API + "/simple/nowhere"),
          [sent("GET", API + "/simple/nowhere", "http://localhost:3000", None)],
          "MissingAllowOriginHeader")])

add("simple-post-acao-missing-reaches-server",
    NO_PREFLIGHT + "A simple POST is sent without asking first: it reaches the server, and only "
    "the response is withheld (" + CHECK + " step 2). " + REF_CROSS,
    HTTP_DOC,
    [route("POST", API + "/simple/post-no-acao", 200, [])],
    [fail(fetch(API + "/simple/post-no-acao", method="POST",
                headers=[("Content-Type", "application/x-www-form-urlencoded")]),
          [sent("POST", API + "/simple/post-no-acao", "http://app.example", "http://app.example/")],
          "MissingAllowOriginHeader")])

add("simple-acao-other-origin",
    NO_PREFLIGHT + CHECK + " step 4: ACAO names another origin, failure. " + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/other-origin", 200,
           [("Access-Control-Allow-Origin", "http://other.example")])],
    [fail(fetch(API + "/simple/other-origin"),
          [sent("GET", API + "/simple/other-origin", "http://app.example", "http://app.example/")],
          "AllowOriginMismatch")])

add("simple-acao-null-from-tuple-origin",
    NO_PREFLIGHT + CHECK + " step 4: ACAO `null` is not `http://app.example`, failure. "
    + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/acao-null", 200, [("Access-Control-Allow-Origin", "null")])],
    [fail(fetch(API + "/simple/acao-null"),
          [sent("GET", API + "/simple/acao-null", "http://app.example", "http://app.example/")],
          "AllowOriginMismatch")])

add("simple-acao-trailing-slash",
    NO_PREFLIGHT + CHECK + " step 4 compares bytes: `http://app.example/` is not the serialized "
    "origin `http://app.example`, failure. " + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/acao-slash", 200,
           [("Access-Control-Allow-Origin", "http://app.example/")])],
    [fail(fetch(API + "/simple/acao-slash"),
          [sent("GET", API + "/simple/acao-slash", "http://app.example", "http://app.example/")],
          "AllowOriginMismatch")])

add("simple-acao-case-differs",
    NO_PREFLIGHT + CHECK + " step 4 compares bytes case-sensitively: `http://APP.example` is not "
    "`http://app.example`, failure. " + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/acao-case", 200,
           [("Access-Control-Allow-Origin", "http://APP.example")])],
    [fail(fetch(API + "/simple/acao-case"),
          [sent("GET", API + "/simple/acao-case", "http://app.example", "http://app.example/")],
          "AllowOriginMismatch")])

add("simple-acao-two-headers",
    NO_PREFLIGHT + CHECK + " step 1 gets ACAO, combining two headers into "
    "`http://app.example, http://other.example`, which is not the origin: failure. " + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/acao-two", 200,
           [("Access-Control-Allow-Origin", "http://app.example"),
            ("Access-Control-Allow-Origin", "http://other.example")])],
    [fail(fetch(API + "/simple/acao-two"),
          [sent("GET", API + "/simple/acao-two", "http://app.example", "http://app.example/")],
          "MultipleAllowOriginValues")])

add("simple-acao-star-twice",
    NO_PREFLIGHT + CHECK + " step 1: two `*` headers combine to `*, *`, which is neither `*` "
    "nor the origin: failure. " + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/acao-star-twice", 200,
           [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Origin", "*")])],
    [fail(fetch(API + "/simple/acao-star-twice"),
          [sent("GET", API + "/simple/acao-star-twice", "http://app.example",
                "http://app.example/")],
          "MultipleAllowOriginValues")])

add("simple-acao-not-a-url",
    NO_PREFLIGHT + CHECK + " step 4: `app.example` (no scheme) is not the serialized origin: "
    "failure. " + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/acao-host-only", 200,
           [("Access-Control-Allow-Origin", "app.example")])],
    [fail(fetch(API + "/simple/acao-host-only"),
          [sent("GET", API + "/simple/acao-host-only", "http://app.example",
                "http://app.example/")],
          "InvalidAllowOriginValue")])

add("simple-acao-empty",
    NO_PREFLIGHT + CHECK + " steps 2-4: an empty ACAO is not null (the header exists), not `*` and "
    "not the origin: failure. " + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/acao-empty", 200, [("Access-Control-Allow-Origin", "")])],
    [fail(fetch(API + "/simple/acao-empty"),
          [sent("GET", API + "/simple/acao-empty", "http://app.example", "http://app.example/")],
          "InvalidAllowOriginValue")])

add("simple-acao-star-with-credentials",
    NO_PREFLIGHT + CHECK + ' steps 3-4: with credentials mode "include" `*` is not accepted and '
    "is not the origin: failure. " + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/star-creds", 200,
           [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Credentials", "true")])],
    [fail(fetch(API + "/simple/star-creds", credentials="include"),
          [sent("GET", API + "/simple/star-creds", "http://app.example", "http://app.example/")],
          "WildcardOriginNotAllowed")])

add("simple-credentials-exact-and-acac",
    NO_PREFLIGHT + CHECK + " steps 4-7: exact ACAO and ACAC `true` with credentials mode "
    "\"include\": success. " + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/creds-ok", 200,
           [("Access-Control-Allow-Origin", "http://app.example"),
            ("Access-Control-Allow-Credentials", "true"), ("Content-Type", "application/json")])],
    [ok(fetch(API + "/simple/creds-ok", credentials="include"),
        [sent("GET", API + "/simple/creds-ok", "http://app.example", "http://app.example/")],
        "cors", 200, ["content-type"])])

add("simple-credentials-acac-missing",
    NO_PREFLIGHT + CHECK + " steps 6-8: credentials mode \"include\" without ACAC: failure. "
    + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/creds-no-acac", 200,
           [("Access-Control-Allow-Origin", "http://app.example")])],
    [fail(fetch(API + "/simple/creds-no-acac", credentials="include"),
          [sent("GET", API + "/simple/creds-no-acac", "http://app.example",
                "http://app.example/")],
          "InvalidAllowCredentials")])

add("simple-credentials-acac-uppercase",
    NO_PREFLIGHT + CHECK + " step 7: ACAC must be the bytes `true` (the ABNF is %s\"true\", "
    "case-sensitive); `True` fails. " + REF_CROSS,
    HTTP_DOC,
    [route("POST", API + "/simple/creds-acac-case", 200,
           [("Access-Control-Allow-Origin", "http://app.example"),
            ("Access-Control-Allow-Credentials", "True")])],
    [fail(fetch(API + "/simple/creds-acac-case", method="POST", credentials="include",
                headers=[("Content-Type", "text/plain")]),
          [sent("POST", API + "/simple/creds-acac-case", "http://app.example",
                "http://app.example/")],
          "InvalidAllowCredentials")])

add("simple-credentials-omit-acao-star",
    NO_PREFLIGHT + CHECK + ' step 3: credentials mode "omit" is not "include", so `*` is success. '
    + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/omit-star", 200, [("Access-Control-Allow-Origin", "*")])],
    [ok(fetch(API + "/simple/omit-star", credentials="omit"),
        [sent("GET", API + "/simple/omit-star", "http://app.example", "http://app.example/")],
        "cors", 200, [])])

# --- which headers script can read ---------------------------------------------------------------

add("simple-expose-headers-list",
    NO_PREFLIGHT + 'Fetch "main fetch" step 14.1.3: Access-Control-Expose-Headers adds '
    "`X-Request-Id` to the CORS-exposed header-name list; X-Secret stays hidden. " + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/expose", 200,
           [("Access-Control-Allow-Origin", "*"),
            ("Access-Control-Expose-Headers", "X-Request-Id"),
            ("Content-Type", "application/json"), ("X-Request-Id", "abc"), ("X-Secret", "1")])],
    [ok(fetch(API + "/simple/expose"),
        [sent("GET", API + "/simple/expose", "http://app.example", "http://app.example/")],
        "cors", 200, ["content-type", "x-request-id"])])

add("simple-expose-headers-star",
    NO_PREFLIGHT + 'Fetch "main fetch" step 14.1.2: ACEH `*` without credentials exposes every '
    "header name of the response (Access-Control-* included). " + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/expose-star", 200,
           [("Access-Control-Allow-Origin", "*"), ("Access-Control-Expose-Headers", "*"),
            ("Content-Type", "application/json"), ("X-Request-Id", "abc")])],
    [ok(fetch(API + "/simple/expose-star"),
        [sent("GET", API + "/simple/expose-star", "http://app.example", "http://app.example/")],
        "cors", 200, ["access-control-allow-origin", "access-control-expose-headers",
                      "content-type", "x-request-id"])])

add("simple-expose-headers-star-with-credentials",
    NO_PREFLIGHT + 'Fetch "main fetch" step 14.1.3: with credentials mode "include" ACEH `*` is '
    "only the literal name `*`, so X-Request-Id stays hidden. " + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/expose-star-creds", 200,
           [("Access-Control-Allow-Origin", "http://app.example"),
            ("Access-Control-Allow-Credentials", "true"), ("Access-Control-Expose-Headers", "*"),
            ("Content-Type", "application/json"), ("X-Request-Id", "abc")])],
    [ok(fetch(API + "/simple/expose-star-creds", credentials="include"),
        [sent("GET", API + "/simple/expose-star-creds", "http://app.example",
              "http://app.example/")],
        "cors", 200, ["content-type"])])

add("simple-error-status-is-readable",
    NO_PREFLIGHT + CHECK + ": the CORS check ignores the status (Fetch \"HTTP responses\": a "
    "successful response to a CORS request can use any status), so a 500 with ACAO is shared. "
    + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/error-500", 500,
           [("Access-Control-Allow-Origin", "*"), ("Content-Type", "application/problem+json")])],
    [ok(fetch(API + "/simple/error-500"),
        [sent("GET", API + "/simple/error-500", "http://app.example", "http://app.example/")],
        "cors", 500, ["content-type"])])

add("simple-404-with-acao-is-readable",
    NO_PREFLIGHT + CHECK + " succeeds whatever the status: a 404 with ACAO `*` is shared. "
    + REF_DOWNGRADE,
    LOCAL_DOC,
    [route("GET", API + "/simple/missing", 404, [("Access-Control-Allow-Origin", "*")])],
    [ok(fetch(API + "/simple/missing"),
        [sent("GET", API + "/simple/missing", "http://localhost:3000", None)],
        "cors", 404, [])])

# --- same-origin and no-cors: not CORS, for contrast ---------------------------------------------

add("simple-same-origin-get",
    'Fetch "main fetch" step 12: same origin with response tainting "basic" goes to scheme '
    "fetch: no CORS. \"Append a request `Origin` header\": tainting is basic and the method is GET, "
    "so no Origin. Referer: same-origin, the full document URL. A basic filtered response hides "
    "only forbidden response-header names.",
    HTTP_DOC,
    [route("GET", "http://app.example/simple/same-origin", 200,
           [("Content-Type", "application/json"), ("X-Request-Id", "abc")])],
    [ok(fetch("http://app.example/simple/same-origin"),
        [sent("GET", "http://app.example/simple/same-origin", None, "http://app.example/")],
        "basic", 200, ["content-type", "x-request-id"])])

add("simple-same-origin-post-sends-origin",
    '"Append a request `Origin` header" step 4: response tainting is basic but the method is '
    "POST, and mode cors keeps the serialized origin: Origin: http://app.example. No CORS check. "
    "Referer: same-origin, the full document URL.",
    HTTP_DOC,
    [route("POST", "http://app.example/simple/same-origin-post", 200, [("X-Request-Id", "abc")])],
    [ok(fetch("http://app.example/simple/same-origin-post", method="POST",
              headers=[("Content-Type", "text/plain")]),
        [sent("POST", "http://app.example/simple/same-origin-post", "http://app.example",
              "http://app.example/")],
        "basic", 200, ["x-request-id"])])

add("simple-no-cors-get-opaque",
    'Fetch "main fetch" step 12, mode "no-cors": response tainting "opaque", no CORS check. '
    "\"Append a request `Origin` header\": tainting is not cors and the method is GET, so no "
    "Origin. An opaque filtered response has status 0 and no headers. " + REF_CROSS,
    HTTP_DOC,
    [route("GET", API + "/simple/no-cors-get", 200, [("Content-Type", "image/png")])],
    [ok(fetch(API + "/simple/no-cors-get", mode="no-cors"),
        [sent("GET", API + "/simple/no-cors-get", None, "http://app.example/")],
        "opaque", 0, [])])

add("simple-no-cors-post-sends-origin",
    '"Append a request `Origin` header" step 4: mode "no-cors", method POST, referrer policy '
    "strict-origin-when-cross-origin and an http document: Origin keeps the serialized origin. "
    "Opaque response. " + REF_CROSS,
    HTTP_DOC,
    [route("POST", API + "/simple/no-cors-post", 200, [])],
    [ok(fetch(API + "/simple/no-cors-post", method="POST", mode="no-cors",
              headers=[("Content-Type", "text/plain")]),
        [sent("POST", API + "/simple/no-cors-post", "http://app.example", "http://app.example/")],
        "opaque", 0, [])])

add("simple-no-cors-post-https-to-http-origin-null",
    '"Append a request `Origin` header" step 4.1, strict-origin-when-cross-origin: the request '
    "origin is https and the current URL (http://localhost:8000, not mixed content: localhost is "
    "potentially trustworthy) is not https, so Origin: null. Referer: the target is potentially "
    "trustworthy, so the document's origin + \"/\".",
    HTTPS_DOC,
    [route("POST", "http://localhost:8000/simple/no-cors-downgrade", 200, [])],
    [ok(fetch("http://localhost:8000/simple/no-cors-downgrade", method="POST", mode="no-cors",
              headers=[("Content-Type", "text/plain")]),
        [sent("POST", "http://localhost:8000/simple/no-cors-downgrade", "null",
              "https://app.example/")],
        "opaque", 0, [])])


def main():
    source = ("Hand-written from the WHATWG Fetch standard (main fetch, HTTP fetch, "
              "HTTP-network-or-cache fetch, append a request Origin header, CORS check, "
              "CORS-safelisted request-header, filtered responses) and Referrer Policy "
              "(strict-origin-when-cross-origin); cases also from web-platform-tests "
              "fetch/api/cors/cors-no-preflight.any.js. Generated by "
              "scripts/corpus/simple_requests.py.")
    common.write_vectors(OUTPUT, source, VECTORS)
    print(f"wrote {len(VECTORS)} vectors to {common.relpath(OUTPUT)}")


if __name__ == "__main__":
    main()
