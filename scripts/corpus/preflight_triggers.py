#!/usr/bin/env python3
"""Generate spec-vectors/preflight-triggers.json: what makes a browser send a CORS-preflight request,
and the exact request it sends.

Every vector is a `scenario` of the `cors-vectors/1` format. The expectations are literals decided
from the WHATWG Fetch standard: "main fetch" step 12 (when the CORS-with-preflight path is taken),
"HTTP fetch" step 4.1 (when the preflight is actually sent), "CORS-preflight fetch" steps 1-5 (the
OPTIONS request: same URL, `Access-Control-Request-Method`, `Access-Control-Request-Headers` from
"CORS-unsafe request-header names", sorted, lowercase, deduplicated, joined with "," and no space),
"CORS-safelisted request-header" (128-byte values, CORS-unsafe request-header bytes, Range), the
1024-byte rule, the use-CORS-preflight flag, method normalization, and the Headers guards that
drop forbidden request-headers. Cases also come from web-platform-tests
fetch/api/cors/cors-preflight.any.js and resources/not-cors-safelisted.json.

Usage (from the repository root):
    python3 scripts/corpus/preflight_triggers.py
"""

import common
from common import fail, fetch, ok, rejected, route, sent

OUTPUT = common.output_path("preflight-triggers.json")

API = "http://api.example:8000"
API_TLS = "https://api.example"

HTTP_DOC = "http://app.example"
HTTPS_DOC = "https://app.example"
LOCAL_DOC = "http://localhost:3000"
NULL_DOC = "null"

HTTP_REF = "http://app.example/"


# --- builders (routes; the rest are in common.py) ---------------------------------------------

def options_ok(url, methods=None, headers=None, origin="{{origin}}"):
    """An OPTIONS route answering 204 with ACAO and, when given, ACAM / ACAH."""
    h = [("Access-Control-Allow-Origin", origin)]
    if methods is not None:
        h.append(("Access-Control-Allow-Methods", methods))
    if headers is not None:
        h.append(("Access-Control-Allow-Headers", headers))
    return route("OPTIONS", url, 204, h)


def actual_ok(method, url, origin="{{origin}}", extra=()):
    return route(method, url, 200, [("Access-Control-Allow-Origin", origin)] + list(extra))


VECTORS = common.Vectors()
add = VECTORS.add


PATH = ('Fetch "main fetch" step 12: the unsafe-request flag is set (fetch()) and ')
SEND = ('; "HTTP fetch" step 4.1: the preflight cache is empty, so a CORS-preflight fetch runs '
        'first and the actual request follows only after it succeeds. ')
UNSAFE_METHOD = PATH + "the method is not a CORS-safelisted method" + SEND
UNSAFE_HEADERS = PATH + "the CORS-unsafe request-header names are not empty" + SEND
PF = ('"CORS-preflight fetch" steps 1-5: OPTIONS to the same URL, Access-Control-Request-Method '
      "is the method")
REF = " Referer: cross-origin from an http document, the document's origin + \"/\" on both."


def preflighted_ok(id_, description, method, path, req_headers, acrm, acrh, acam, acah,
                   authorization=None, doc=HTTP_DOC, origin="http://app.example", referer=HTTP_REF,
                   base=API):
    """A request that needs a preflight, a server that allows it, and the two expected requests."""
    url = base + path
    add(id_, description, doc,
        [options_ok(url, acam, acah), actual_ok(acrm, url)],
        [ok(fetch(url, method=method, headers=req_headers),
            [sent("OPTIONS", url, origin, referer, acrm=acrm, acrh=acrh),
             sent(acrm, url, origin, referer, authorization=authorization)], preflight=True)])


# --- non-safelisted methods ----------------------------------------------------------------------

preflighted_ok("trigger-put", UNSAFE_METHOD + PF + " `PUT`; no unsafe headers, so no "
               "Access-Control-Request-Headers. (WPT cors-preflight.any.js \"CORS [PUT], server "
               "allows\")" + REF,
               "PUT", "/trigger/put", [], "PUT", None, "PUT", None)

preflighted_ok("trigger-delete", UNSAFE_METHOD + PF + " `DELETE`. (WPT cors-preflight.any.js "
               "\"CORS [DELETE], server allows\")" + REF,
               "DELETE", "/trigger/delete", [], "DELETE", None, "DELETE", None)

preflighted_ok("trigger-patch", UNSAFE_METHOD + PF + " `PATCH`. (WPT cors-preflight.any.js "
               "\"CORS [PATCH], server allows\")" + REF,
               "PATCH", "/trigger/patch", [], "PATCH", None, "GET, PATCH", None)

preflighted_ok("trigger-custom-method-new", UNSAFE_METHOD + PF + " `NEW`: there are no "
               "restrictions on methods (Fetch \"Methods\"). (WPT cors-preflight.any.js \"CORS "
               "[NEW], server allows\")" + REF,
               "NEW", "/trigger/new", [], "NEW", None, "NEW", None)

preflighted_ok("trigger-custom-method-chicken", UNSAFE_METHOD + PF + " `CHICKEN`." + REF,
               "CHICKEN", "/trigger/chicken", [], "CHICKEN", None, "CHICKEN", None)

preflighted_ok("trigger-lowercase-put-normalized", "Fetch \"Methods\": `put` is normalized to "
               "`PUT` by the Request constructor. " + UNSAFE_METHOD + PF + " `PUT`." + REF,
               "put", "/trigger/put-lower", [], "PUT", None, "PUT", None)

preflighted_ok("trigger-lowercase-delete-normalized", "Fetch \"Methods\": `delete` is normalized "
               "to `DELETE`. " + UNSAFE_METHOD + PF + " `DELETE`." + REF,
               "delete", "/trigger/delete-lower", [], "DELETE", None, "DELETE", None)

preflighted_ok("trigger-lowercase-patch-kept", "Fetch \"Methods\": `patch` is not in the "
               "normalization list, so it stays `patch`. " + UNSAFE_METHOD + PF
               + " `patch`; the server lists `patch` (the match is case-sensitive)." + REF,
               "patch", "/trigger/patch-lower", [], "patch", None, "patch", None)

# --- non-safelisted headers ----------------------------------------------------------------------

preflighted_ok("trigger-custom-header-get", UNSAFE_HEADERS + PF + " `GET` and "
               "Access-Control-Request-Headers is `x-custom` (lowercased). (WPT "
               "cors-preflight.any.js \"CORS [GET] [x-test-header: allowed]\")" + REF,
               "GET", "/trigger/custom-header", [("X-Custom", "1")], "GET", "x-custom", None,
               "X-Custom")

preflighted_ok("trigger-authorization", UNSAFE_HEADERS + "Authorization is never a "
               "CORS-safelisted request-header. " + PF + " `GET`, Access-Control-Request-Headers "
               "`authorization`; the preflight carries no Authorization, the actual request does."
               + REF,
               "GET", "/trigger/authorization", [("Authorization", "Bearer abc123")], "GET",
               "authorization", None, "Authorization", authorization="Bearer abc123")

preflighted_ok("trigger-content-type-json", UNSAFE_HEADERS + "`Content-Type: application/json` "
               "has an essence outside the three safelisted ones. " + PF + " `POST`, "
               "Access-Control-Request-Headers `content-type`." + REF,
               "POST", "/trigger/json", [("Content-Type", "application/json")], "POST",
               "content-type", None, "Content-Type")

preflighted_ok("trigger-content-type-quoted-param", UNSAFE_HEADERS + "`Content-Type: "
               "text/plain;charset=\"utf-8\"` contains 0x22 (\"), a CORS-unsafe request-header "
               "byte, although its essence is text/plain. " + PF + " `POST`." + REF,
               "POST", "/trigger/ct-quoted", [("Content-Type", 'text/plain;charset="utf-8"')],
               "POST", "content-type", None, "content-type")

preflighted_ok("trigger-content-type-json-and-text-plain", UNSAFE_HEADERS + "The standard's own "
               "example (\"CORS-safelisted request-header\", content-type): two Content-Type "
               "entries, application/json then text/plain; each header is judged alone and the "
               "first is not safelisted, so `content-type` is listed. " + PF + " `POST`." + REF,
               "POST", "/trigger/ct-json-text",
               [("Content-Type", "application/json"), ("Content-Type", "text/plain")],
               "POST", "content-type", None, "Content-Type")

preflighted_ok("trigger-content-type-text-html", UNSAFE_HEADERS + "`Content-Type: text/html` is "
               "not safelisted (WPT not-cors-safelisted.json). " + PF + " `GET`." + REF,
               "GET", "/trigger/ct-html", [("Content-Type", "text/html")], "GET", "content-type",
               None, "content-type")

preflighted_ok("trigger-accept-unsafe-byte", UNSAFE_HEADERS + "`Accept` containing 0x22 (\") has "
               "a CORS-unsafe request-header byte (WPT not-cors-safelisted.json). " + PF
               + " `GET`, Access-Control-Request-Headers `accept`." + REF,
               "GET", "/trigger/accept-quote", [("Accept", '"')], "GET", "accept", None, "Accept")

preflighted_ok("trigger-accept-129-bytes", UNSAFE_HEADERS + "an Accept value of 129 bytes is "
               "longer than 128 (\"CORS-safelisted request-header\" step 1; WPT "
               "not-cors-safelisted.json). " + PF + " `GET`." + REF,
               "GET", "/trigger/accept-long", [("Accept", "a" * 129)], "GET", "accept", None,
               "accept")

preflighted_ok("trigger-accept-language-129-bytes", UNSAFE_HEADERS + "an Accept-Language value "
               "of 129 bytes is longer than 128. " + PF + " `GET`." + REF,
               "GET", "/trigger/al-long", [("Accept-Language", "a" * 129)], "GET",
               "accept-language", None, "accept-language")

preflighted_ok("trigger-content-type-129-bytes", UNSAFE_HEADERS + "`Content-Type: "
               "text/plain; long=...` of 129 bytes is longer than 128 although its essence is "
               "text/plain (WPT not-cors-safelisted.json). " + PF + " `POST`." + REF,
               "POST", "/trigger/ct-long",
               [("Content-Type", "text/plain; long=" + "0" * (129 - len("text/plain; long=")))],
               "POST", "content-type", None, "Content-Type")

preflighted_ok("trigger-content-language-at-sign", UNSAFE_HEADERS + "`Content-Language: @` uses a "
               "byte outside the allowed set (WPT not-cors-safelisted.json). " + PF + " `GET`."
               + REF,
               "GET", "/trigger/cl-at", [("Content-Language", "@")], "GET", "content-language",
               None, "Content-Language")

preflighted_ok("trigger-accept-language-underscore", UNSAFE_HEADERS + "`Accept-Language: en_US` "
               "uses 0x5F (_), outside the allowed set. " + PF + " `GET`." + REF,
               "GET", "/trigger/al-underscore", [("Accept-Language", "en_US")], "GET",
               "accept-language", None, "Accept-Language")

preflighted_ok("trigger-range-suffix", UNSAFE_HEADERS + "`Range: bytes=-500` parses with a null "
               "start, which \"CORS-safelisted request-header\" (range, step 3) does not "
               "safelist. " + PF + " `GET`, Access-Control-Request-Headers `range`." + REF,
               "GET", "/trigger/range-suffix", [("Range", "bytes=-500")], "GET", "range", None,
               "Range")

preflighted_ok("trigger-range-multiple", UNSAFE_HEADERS + "`Range: bytes=0-1,3-4` is not a single "
               "range, so parsing fails and it is not safelisted. " + PF + " `GET`." + REF,
               "GET", "/trigger/range-multi", [("Range", "bytes=0-1,3-4")], "GET", "range", None,
               "range")

preflighted_ok("trigger-range-no-equals", UNSAFE_HEADERS + "`Range: bytes 0-` does not parse "
               "(WPT not-cors-safelisted.json). " + PF + " `GET`." + REF,
               "GET", "/trigger/range-space", [("Range", "bytes 0-")], "GET", "range", None,
               "range")

preflighted_ok("trigger-empty-custom-header", UNSAFE_HEADERS + "a custom header is unsafe whatever "
               "its value, the empty one included. " + PF + " `GET`." + REF,
               "GET", "/trigger/empty-value", [("X-Empty", "")], "GET", "x-empty", None, "x-empty")

preflighted_ok("trigger-method-override-put", UNSAFE_HEADERS + "`X-HTTP-Method-Override: PUT` is "
               "not a forbidden request-header (only forbidden methods make it one), so it is kept "
               "and is unsafe. " + PF + " `POST`." + REF,
               "POST", "/trigger/override-put", [("X-HTTP-Method-Override", "PUT")], "POST",
               "x-http-method-override", None, "X-HTTP-Method-Override")

preflighted_ok("trigger-post-custom-header", UNSAFE_HEADERS + "POST is safelisted but X-Requested-"
               "With is not. " + PF + " `POST` (a safelisted method is still named)." + REF,
               "POST", "/trigger/post-xrw", [("Content-Type", "text/plain"),
                                             ("X-Requested-With", "XMLHttpRequest")],
               "POST", "x-requested-with", None, "X-Requested-With")

preflighted_ok("trigger-head-custom-header", UNSAFE_HEADERS + PF + " `HEAD`." + REF,
               "HEAD", "/trigger/head-custom", [("X-Custom", "1")], "HEAD", "x-custom", None,
               "X-Custom")

preflighted_ok("trigger-headers-sorted-deduplicated", UNSAFE_HEADERS + "\"CORS-unsafe "
               "request-header names\" returns a sorted-lowercase set: X-B, x-a, X-A (a second "
               "entry), Content-Type: application/json become `content-type,x-a,x-b`, joined by "
               "`,` without a space (\"CORS-preflight fetch\" step 5.1); the safelisted "
               "Accept-Language is not listed." + REF,
               "PUT", "/trigger/sorted",
               [("X-B", "1"), ("x-a", "2"), ("Accept-Language", "en"), ("X-A", "3"),
                ("Content-Type", "application/json")],
               "PUT", "content-type,x-a,x-b", "PUT", "Content-Type, X-A, X-B")

preflighted_ok("trigger-wpt-several-headers", UNSAFE_HEADERS + "WPT cors-preflight.any.js \"CORS "
               "[PUT] [several headers]\": eight unsafe headers sorted bytewise after lowercasing "
               "(`-` 0x2D sorts before digits), safe Accept/Accept-Language/Content-Language left "
               "out." + REF,
               "PUT", "/trigger/several",
               [("x-test-header1", "v"), ("x-test-header2", "v"), ("X-test-header3", "v"),
                ("x-test-header-b", "v"), ("x-test-header-D", "v"), ("x-test-header-C", "v"),
                ("x-test-header-a", "v"), ("Content-Type", "allowedOrRefused"),
                ("Accept", "*"), ("Accept-Language", "bzh"), ("Content-Language", "eu")],
               "PUT",
               "content-type,x-test-header-a,x-test-header-b,x-test-header-c,x-test-header-d,"
               "x-test-header1,x-test-header2,x-test-header3",
               "PUT",
               "x-test-header1, x-test-header2, x-test-header3, x-test-header-a, "
               "x-test-header-b, x-test-header-c, x-test-header-d, content-type")

preflighted_ok("trigger-put-only-safe-headers", UNSAFE_METHOD + "Only safelisted headers (WPT "
               "cors-preflight.any.js \"CORS [PUT] [only safe headers]\"), so no "
               "Access-Control-Request-Headers." + REF,
               "PUT", "/trigger/put-safe-headers",
               [("Accept", "*"), ("Accept-Language", "bzh"), ("Content-Language", "eu")],
               "PUT", None, "PUT", None)

# --- the 1024-byte total -------------------------------------------------------------------------

CL128 = ("Content-Language", "a" * 128)
ONE_K = ('"CORS-unsafe request-header names" step 5: safelisted values count towards '
         "safelistValueSize; fetch() (\"fetch\" step 12) appended `Accept: */*` (3 bytes) and "
         "script set Accept-Language `en` (2 bytes), so no user-agent Accept-Language is added. ")

add("trigger-1024-bytes-exactly-no-preflight",
    ONE_K + "3 + 2 + 7x128 + 123 = 1024 bytes is not greater than 1024, so every header stays "
    "safelisted: no preflight (\"main fetch\" step 12, Otherwise branch)." + REF,
    HTTP_DOC,
    [actual_ok("GET", API + "/trigger/1024")],
    [ok(fetch(API + "/trigger/1024",
              headers=[("Accept-Language", "en")] + [CL128] * 7
              + [("Content-Language", "b" * 123)]),
        [sent("GET", API + "/trigger/1024", "http://app.example", HTTP_REF)])])

add("trigger-1025-bytes-preflight",
    ONE_K + "3 + 2 + 7x128 + 124 = 1025 bytes is greater than 1024, so every safelisted name "
    "becomes unsafe: Access-Control-Request-Headers `accept,accept-language,content-language` "
    "(the Accept fetch() added included)." + REF,
    HTTP_DOC,
    [options_ok(API + "/trigger/1025", None, "accept, accept-language, content-language"),
     actual_ok("GET", API + "/trigger/1025")],
    [ok(fetch(API + "/trigger/1025",
              headers=[("Accept-Language", "en")] + [CL128] * 7
              + [("Content-Language", "b" * 124)]),
        [sent("OPTIONS", API + "/trigger/1025", "http://app.example", HTTP_REF, acrm="GET",
              acrh="accept,accept-language,content-language", accept="*/*"),
         sent("GET", API + "/trigger/1025", "http://app.example", HTTP_REF)], preflight=True)])

add("trigger-1024-plus-custom-header",
    '"CORS-unsafe request-header names": X-Trace is unsafe and its value does not count; the '
    "safelisted Accept (script, 128) + Accept-Language (2) + 7x128 Content-Language = 1026 > "
    "1024, so the safelisted names join it: `accept,accept-language,content-language,x-trace`."
    + REF,
    HTTP_DOC,
    [options_ok(API + "/trigger/1024-custom", None, "*"),
     actual_ok("GET", API + "/trigger/1024-custom")],
    [ok(fetch(API + "/trigger/1024-custom",
              headers=[("Accept", "c" * 128), ("Accept-Language", "en"), ("X-Trace", "t" * 200)]
              + [CL128] * 7),
        [sent("OPTIONS", API + "/trigger/1024-custom", "http://app.example", HTTP_REF,
              acrm="GET", acrh="accept,accept-language,content-language,x-trace"),
         sent("GET", API + "/trigger/1024-custom", "http://app.example", HTTP_REF)],
        preflight=True)])

add("trigger-unsafe-values-do-not-count",
    '"CORS-unsafe request-header names" step 4: only safelisted values add to safelistValueSize. '
    "X-Big carries 2000 bytes but Accept */* (3) + Accept-Language (2) stay far below 1024, so "
    "only `x-big` is listed." + REF,
    HTTP_DOC,
    [options_ok(API + "/trigger/big-unsafe", None, "X-Big"),
     actual_ok("GET", API + "/trigger/big-unsafe")],
    [ok(fetch(API + "/trigger/big-unsafe",
              headers=[("Accept-Language", "en"), ("X-Big", "z" * 2000)]),
        [sent("OPTIONS", API + "/trigger/big-unsafe", "http://app.example", HTTP_REF,
              acrm="GET", acrh="x-big"),
         sent("GET", API + "/trigger/big-unsafe", "http://app.example", HTTP_REF)],
        preflight=True)])

# --- use-CORS-preflight flag (XHR upload listeners) ----------------------------------------------

XHR = ('Fetch "main fetch" step 12: the use-CORS-preflight flag is set (XMLHttpRequest with '
       "upload listeners), so the CORS-with-preflight path is taken even for a safelisted method "
       "and headers; \"HTTP fetch\" step 4.1: no method cache entry and the flag is set, so a "
       "preflight is sent. ")

add("trigger-xhr-upload-get",
    XHR + "No unsafe headers, so no Access-Control-Request-Headers. \"CORS-preflight fetch\" step "
    "7.4: the answer has no Access-Control-Allow-Methods, so methods becomes (GET), and the GET "
    "proceeds." + REF,
    HTTP_DOC,
    [options_ok(API + "/trigger/xhr-get"), actual_ok("GET", API + "/trigger/xhr-get")],
    [ok(fetch(API + "/trigger/xhr-get", use_cors_preflight=True),
        [sent("OPTIONS", API + "/trigger/xhr-get", "http://app.example", HTTP_REF, acrm="GET"),
         sent("GET", API + "/trigger/xhr-get", "http://app.example", HTTP_REF)], preflight=True)])

add("trigger-xhr-upload-post-text-plain",
    XHR + "POST with `Content-Type: text/plain` (safelisted): Access-Control-Request-Method "
    "`POST`, no Access-Control-Request-Headers; step 7.4 sets methods to (POST)." + REF,
    HTTP_DOC,
    [options_ok(API + "/trigger/xhr-post"), actual_ok("POST", API + "/trigger/xhr-post")],
    [ok(fetch(API + "/trigger/xhr-post", method="POST", headers=[("Content-Type", "text/plain")],
              use_cors_preflight=True),
        [sent("OPTIONS", API + "/trigger/xhr-post", "http://app.example", HTTP_REF, acrm="POST"),
         sent("POST", API + "/trigger/xhr-post", "http://app.example", HTTP_REF)], preflight=True)])

add("trigger-xhr-upload-post-with-custom-header",
    XHR + "With X-Upload-Id, Access-Control-Request-Headers is `x-upload-id`." + REF,
    HTTP_DOC,
    [options_ok(API + "/trigger/xhr-post-header", None, "X-Upload-Id"),
     actual_ok("POST", API + "/trigger/xhr-post-header")],
    [ok(fetch(API + "/trigger/xhr-post-header", method="POST",
              headers=[("Content-Type", "multipart/form-data; boundary=x"),
                       ("X-Upload-Id", "42")],
              use_cors_preflight=True),
        [sent("OPTIONS", API + "/trigger/xhr-post-header", "http://app.example", HTTP_REF,
              acrm="POST", acrh="x-upload-id"),
         sent("POST", API + "/trigger/xhr-post-header", "http://app.example", HTTP_REF)],
        preflight=True)])

add("trigger-xhr-upload-cached-then-expired",
    XHR + "Step 0 preflights; \"CORS-preflight fetch\" step 7.4 makes methods (POST) and step 7.9 "
    "the default max-age 5, so a (POST) cache entry is created. At 2 s \"HTTP fetch\" step 4.1 "
    "finds a method cache entry match: no preflight. At 10 s the entry has expired: preflight "
    "again." + REF,
    HTTP_DOC,
    [options_ok(API + "/trigger/xhr-cache"), actual_ok("POST", API + "/trigger/xhr-cache")],
    [ok(fetch(API + "/trigger/xhr-cache", method="POST", use_cors_preflight=True),
        [sent("OPTIONS", API + "/trigger/xhr-cache", "http://app.example", HTTP_REF, acrm="POST"),
         sent("POST", API + "/trigger/xhr-cache", "http://app.example", HTTP_REF)], preflight=True),
     ok(fetch(API + "/trigger/xhr-cache", method="POST", use_cors_preflight=True),
        [sent("POST", API + "/trigger/xhr-cache", "http://app.example", HTTP_REF)],
        at=2),
     ok(fetch(API + "/trigger/xhr-cache", method="POST", use_cors_preflight=True),
        [sent("OPTIONS", API + "/trigger/xhr-cache", "http://app.example", HTTP_REF, acrm="POST"),
         sent("POST", API + "/trigger/xhr-cache", "http://app.example", HTTP_REF)],
        preflight=True, at=10)])

add("trigger-xhr-upload-acam-other-method-not-cached",
    XHR + "The answer has ACAM `PUT`, so methods is (PUT) (step 7.4 does not apply: methods is not "
    "null); GET is not in it but is CORS-safelisted (step 7.5), so the GET proceeds. Only a PUT "
    "entry is cached, so at 1 s \"HTTP fetch\" step 4.1 finds no method cache entry match for GET "
    "and, the flag being set, preflights again." + REF,
    HTTP_DOC,
    [options_ok(API + "/trigger/xhr-acam-put", "PUT"), actual_ok("GET", API + "/trigger/xhr-acam-put")],
    [ok(fetch(API + "/trigger/xhr-acam-put", use_cors_preflight=True),
        [sent("OPTIONS", API + "/trigger/xhr-acam-put", "http://app.example", HTTP_REF, acrm="GET"),
         sent("GET", API + "/trigger/xhr-acam-put", "http://app.example", HTTP_REF)],
        preflight=True),
     ok(fetch(API + "/trigger/xhr-acam-put", use_cors_preflight=True),
        [sent("OPTIONS", API + "/trigger/xhr-acam-put", "http://app.example", HTTP_REF, acrm="GET"),
         sent("GET", API + "/trigger/xhr-acam-put", "http://app.example", HTTP_REF)],
        preflight=True, at=1)])

add("trigger-xhr-upload-acam-star-cached",
    XHR + "The answer has ACAM `*`: a cache entry with method `*` (credentials false) is created. "
    "At 1 s an XHR upload POST to the same URL has a method cache entry match (the entry's method "
    "is `*`, the request's credentials mode is not \"include\"), so no preflight." + REF,
    HTTP_DOC,
    [options_ok(API + "/trigger/xhr-acam-star", "*"),
     route("*", API + "/trigger/xhr-acam-star", 200, [("Access-Control-Allow-Origin", "*")])],
    [ok(fetch(API + "/trigger/xhr-acam-star", use_cors_preflight=True),
        [sent("OPTIONS", API + "/trigger/xhr-acam-star", "http://app.example", HTTP_REF,
              acrm="GET"),
         sent("GET", API + "/trigger/xhr-acam-star", "http://app.example", HTTP_REF)],
        preflight=True),
     ok(fetch(API + "/trigger/xhr-acam-star", method="POST", use_cors_preflight=True),
        [sent("POST", API + "/trigger/xhr-acam-star", "http://app.example", HTTP_REF)],
        at=1)])

add("trigger-xhr-upload-preflight-refused",
    XHR + "The OPTIONS answer has no Access-Control-Allow-Origin: the CORS check in "
    "\"CORS-preflight fetch\" step 7 fails, step 8 returns a network error, and the GET is never "
    "sent." + REF,
    HTTP_DOC,
    [route("OPTIONS", API + "/trigger/xhr-refused", 204, []),
     actual_ok("GET", API + "/trigger/xhr-refused")],
    [fail(fetch(API + "/trigger/xhr-refused", use_cors_preflight=True),
          [sent("OPTIONS", API + "/trigger/xhr-refused", "http://app.example", HTTP_REF,
                acrm="GET")],
          "PreflightMissingAllowOriginHeader", preflight=True)])

# --- the exact preflight request -----------------------------------------------------------------

add("trigger-preflight-url-keeps-query",
    UNSAFE_METHOD + '"CORS-preflight fetch" step 1: the preflight\'s URL list is a clone of the '
    "request's, so the query is kept." + REF,
    HTTP_DOC,
    [options_ok(API + "/trigger/items?id=5&sort=desc", "DELETE"),
     actual_ok("DELETE", API + "/trigger/items?id=5&sort=desc")],
    [ok(fetch(API + "/trigger/items?id=5&sort=desc", method="DELETE"),
        [sent("OPTIONS", API + "/trigger/items?id=5&sort=desc", "http://app.example", HTTP_REF,
              acrm="DELETE"),
         sent("DELETE", API + "/trigger/items?id=5&sort=desc", "http://app.example", HTTP_REF)],
        preflight=True)])

add("trigger-preflight-carries-no-request-headers",
    UNSAFE_HEADERS + '"CORS-preflight fetch" steps 1-5: the preflight is a new request whose header '
    "list is only Accept `*/*`, Access-Control-Request-Method and -Headers (plus Origin, Referer): "
    "neither Authorization nor X-Api-Key nor the script's Content-Type are sent on it; the actual "
    "PUT carries them and no Access-Control-Request-* header." + REF,
    HTTP_DOC,
    [options_ok(API + "/trigger/exact", "PUT", "authorization, content-type, x-api-key"),
     actual_ok("PUT", API + "/trigger/exact")],
    [ok(fetch(API + "/trigger/exact", method="PUT",
              headers=[("Authorization", "Basic dXNlcjpwYXNz"), ("X-Api-Key", "k1"),
                       ("Content-Type", "application/json")]),
        [sent("OPTIONS", API + "/trigger/exact", "http://app.example", HTTP_REF, acrm="PUT",
              acrh="authorization,content-type,x-api-key", accept="*/*", x_api_key=None,
              content_type=None),
         sent("PUT", API + "/trigger/exact", "http://app.example", HTTP_REF,
              authorization="Basic dXNlcjpwYXNz", x_api_key="k1",
              content_type="application/json")], preflight=True)])

add("trigger-preflight-from-localhost-no-referer",
    UNSAFE_METHOD + PF + " `PUT`. Referer: the preflight has the request's referrer; "
    "strict-origin-when-cross-origin gives none from http://localhost:3000/ (potentially "
    "trustworthy) to http://api.example:8000 (not), on both requests.",
    LOCAL_DOC,
    [options_ok(API + "/trigger/localhost", "PUT", "Content-Type"), actual_ok("PUT", API + "/trigger/localhost")],
    [ok(fetch(API + "/trigger/localhost", method="PUT",
              headers=[("Content-Type", "application/json")]),
        [sent("OPTIONS", API + "/trigger/localhost", "http://localhost:3000", None, acrm="PUT",
              acrh="content-type"),
         sent("PUT", API + "/trigger/localhost", "http://localhost:3000", None)], preflight=True)])

preflighted_ok("trigger-preflight-from-localhost-to-https",
               UNSAFE_METHOD + PF + " `PATCH`. Referer: localhost to a potentially trustworthy "
               "https URL, cross-origin: `http://localhost:3000/` on both requests.",
               "PATCH", "/trigger/localhost-tls", [], "PATCH", None, "PATCH", None,
               doc=LOCAL_DOC, origin="http://localhost:3000", referer="http://localhost:3000/",
               base=API_TLS)

preflighted_ok("trigger-preflight-https-document",
               UNSAFE_HEADERS + PF + " `GET`, Access-Control-Request-Headers `authorization`. "
               "Referer: https to https, cross-origin: `https://app.example/` on both requests.",
               "GET", "/trigger/https", [("Authorization", "Bearer t")], "GET", "authorization",
               None, "authorization", authorization="Bearer t",
               doc=HTTPS_DOC, origin="https://app.example", referer="https://app.example/",
               base=API_TLS)

add("trigger-preflight-opaque-origin",
    UNSAFE_METHOD + PF + " `DELETE`; the origin byte-serializes to `null`, so Origin: null on "
    "both, and an opaque-origin document sends no Referer. ACAO `null` passes the CORS check.",
    NULL_DOC,
    [options_ok(API + "/trigger/null", "DELETE", None, origin="null"),
     actual_ok("DELETE", API + "/trigger/null", origin="null")],
    [ok(fetch(API + "/trigger/null", method="DELETE"),
        [sent("OPTIONS", API + "/trigger/null", "null", None, acrm="DELETE"),
         sent("DELETE", API + "/trigger/null", "null", None)], preflight=True)])

# --- the actual request only after a successful preflight ----------------------------------------

add("trigger-refused-method-no-actual-request",
    UNSAFE_METHOD + "The answer allows only GET, POST: \"CORS-preflight fetch\" step 7.5 returns a "
    "network error, so \"HTTP fetch\" step 4.1.2 returns it and the PUT never reaches the server. "
    "(WPT cors-preflight.any.js \"CORS [PUT], server refuses\")" + REF,
    HTTP_DOC,
    [options_ok(API + "/trigger/refused-put", "GET, POST"),
     actual_ok("PUT", API + "/trigger/refused-put")],
    [fail(fetch(API + "/trigger/refused-put", method="PUT"),
          [sent("OPTIONS", API + "/trigger/refused-put", "http://app.example", HTTP_REF,
                acrm="PUT")],
          "MethodDisallowedByPreflightResponse", preflight=True)])

add("trigger-refused-header-no-actual-request",
    UNSAFE_HEADERS + "The answer lists no headers: \"CORS-preflight fetch\" step 7.7 returns a "
    "network error, so the GET is never sent. (WPT cors-preflight.any.js \"CORS [GET] "
    "[x-test-header: refused], server refuses\")" + REF,
    HTTP_DOC,
    [options_ok(API + "/trigger/refused-header"), actual_ok("GET", API + "/trigger/refused-header")],
    [fail(fetch(API + "/trigger/refused-header", headers=[("x-test-header1", "refused")]),
          [sent("OPTIONS", API + "/trigger/refused-header", "http://app.example", HTTP_REF,
                acrm="GET", acrh="x-test-header1")],
          "HeaderDisallowedByPreflightResponse", preflight=True)])

add("trigger-preflight-500-no-actual-request",
    UNSAFE_METHOD + "The OPTIONS answer is 500: not an ok status, so \"CORS-preflight fetch\" "
    "step 8 returns a network error and the DELETE is never sent. (WPT cors-preflight.any.js "
    "\"CORS [DELETE], server refuses\")" + REF,
    HTTP_DOC,
    [route("OPTIONS", API + "/trigger/preflight-500", 500,
           [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Methods", "DELETE")]),
     actual_ok("DELETE", API + "/trigger/preflight-500")],
    [fail(fetch(API + "/trigger/preflight-500", method="DELETE"),
          [sent("OPTIONS", API + "/trigger/preflight-500", "http://app.example", HTTP_REF,
                acrm="DELETE")],
          "PreflightInvalidStatus", preflight=True)])

add("trigger-preflight-ok-actual-lacks-acao",
    UNSAFE_METHOD + "The preflight succeeds and the PUT is sent, but its response has no ACAO: "
    "\"HTTP fetch\" step 4.4 (CORS check on the actual response) fails after the PUT reached the "
    "server." + REF,
    HTTP_DOC,
    [options_ok(API + "/trigger/actual-no-acao", "PUT"),
     route("PUT", API + "/trigger/actual-no-acao", 200, [])],
    [fail(fetch(API + "/trigger/actual-no-acao", method="PUT"),
          [sent("OPTIONS", API + "/trigger/actual-no-acao", "http://app.example", HTTP_REF,
                acrm="PUT"),
           sent("PUT", API + "/trigger/actual-no-acao", "http://app.example", HTTP_REF)],
          "MissingAllowOriginHeader", preflight=True)])

# --- what does not trigger a preflight -----------------------------------------------------------

add("trigger-forbidden-header-dropped",
    'Fetch "Headers class" (guard "request"): Cookie, Sec-Custom, Proxy-Foo and Origin are '
    "forbidden request-headers and are silently dropped, so the CORS-unsafe request-header "
    "names are empty: no preflight (\"main fetch\" step 12, Otherwise branch)." + REF,
    HTTP_DOC,
    [actual_ok("GET", API + "/trigger/forbidden-dropped")],
    [ok(fetch(API + "/trigger/forbidden-dropped",
              headers=[("Cookie", "a=b"), ("Sec-Custom", "1"), ("Proxy-Foo", "1"),
                       ("Origin", "http://evil.example")]),
        [sent("GET", API + "/trigger/forbidden-dropped", "http://app.example", HTTP_REF)])])

add("trigger-method-override-trace-dropped",
    '"Forbidden request-header" step 3: `X-HTTP-Method-Override: TRACE` names a forbidden method, '
    "so the header is dropped: no unsafe header, no preflight." + REF,
    HTTP_DOC,
    [actual_ok("POST", API + "/trigger/override-trace")],
    [ok(fetch(API + "/trigger/override-trace", method="POST",
              headers=[("X-HTTP-Method-Override", "TRACE")]),
        [sent("POST", API + "/trigger/override-trace", "http://app.example", HTTP_REF)])])

add("trigger-forbidden-method-typeerror",
    'Fetch "Request class" constructor: `TRACE` is a forbidden method, so it throws a TypeError; '
    "nothing is sent.",
    HTTP_DOC,
    [actual_ok("TRACE", API + "/trigger/trace")],
    [rejected(fetch(API + "/trigger/trace", method="TRACE"))])

add("trigger-no-cors-put-typeerror",
    'Fetch "Request class" constructor: mode "no-cors" with a method that is not CORS-safelisted '
    "throws a TypeError; nothing is sent.",
    HTTP_DOC,
    [actual_ok("PUT", API + "/trigger/no-cors-put")],
    [rejected(fetch(API + "/trigger/no-cors-put", method="PUT", mode="no-cors"))])

add("trigger-no-cors-drops-custom-header",
    'Fetch "Headers class" (guard "request-no-cors"): X-Custom is not a no-CORS-safelisted '
    "request-header and is dropped; mode no-cors never preflights (\"main fetch\" step 12): "
    "an opaque response, and no Origin on a GET." + REF,
    HTTP_DOC,
    [route("GET", API + "/trigger/no-cors-header", 200, [("Content-Type", "text/plain")])],
    [ok(fetch(API + "/trigger/no-cors-header", mode="no-cors", headers=[("X-Custom", "1")]),
        [sent("GET", API + "/trigger/no-cors-header", None, HTTP_REF, x_custom=None)],
        type_="opaque", status=0)])

add("trigger-same-origin-put-no-preflight",
    'Fetch "main fetch" step 12: same origin with response tainting "basic" goes to scheme fetch, '
    "never preflighted even for PUT with a custom header. \"Append a request `Origin` header\" "
    "step 4: PUT is not GET/HEAD, so Origin is sent. Referer: same-origin, the full document URL.",
    HTTP_DOC,
    [route("PUT", "http://app.example/trigger/same-origin", 200, [("X-Result", "ok")])],
    [ok(fetch("http://app.example/trigger/same-origin", method="PUT",
              headers=[("X-Custom", "1"), ("Content-Type", "application/json")]),
        [sent("PUT", "http://app.example/trigger/same-origin", "http://app.example", HTTP_REF,
              x_custom="1")],
        type_="basic", status=200, exposed=["x-result"])])


def main():
    source = ("Hand-written from the WHATWG Fetch standard (main fetch step 12, HTTP fetch "
              "step 4.1, CORS-preflight fetch, CORS-unsafe request-header names, "
              "CORS-safelisted request-header, forbidden request-header, Headers class, "
              "method normalization) and Referrer Policy (strict-origin-when-cross-origin); "
              "cases also from web-platform-tests fetch/api/cors/cors-preflight.any.js and "
              "fetch/api/cors/resources/not-cors-safelisted.json. Generated by "
              "scripts/corpus/preflight_triggers.py.")
    common.write_vectors(OUTPUT, source, VECTORS)
    print(f"wrote {len(VECTORS)} vectors to {common.relpath(OUTPUT)}")


if __name__ == "__main__":
    main()
