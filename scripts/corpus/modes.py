#!/usr/bin/env python3
"""Generate spec-vectors/modes.json: request modes no-cors, same-origin, navigate and cors
(non-HTTP(S) targets and same-origin targets), hand-derived from the WHATWG Fetch standard.

What the standard says, and therefore what every expectation below states:

- "main fetch" step 12 picks the branch: a same-origin URL with response tainting basic, a
  `data:` URL, or mode navigate → tainting basic, scheme fetch, no CORS check; mode same-origin
  (otherwise) → network error; mode no-cors → network error unless redirect mode is follow, else
  tainting opaque; a non-HTTP(S) scheme (otherwise) → network error; else tainting cors.
- Step 14: the response is wrapped in a basic (all headers but Set-Cookie/Set-Cookie2), CORS or
  opaque (status 0, no headers) filtered response.
- "new Request(input, init)" step 32.1: mode no-cors with a method that is not a CORS-safelisted
  method throws a TypeError; step 32.2 sets the Headers guard to "request-no-cors", under which
  Headers "append" step 3 keeps a header only when (name, value combined with any earlier value
  of that name) is a no-CORS-safelisted request-header: the name is Accept, Accept-Language,
  Content-Language or Content-Type and the pair is a CORS-safelisted request-header. Range is
  not such a name (and is a privileged no-CORS request-header name, removed in append step 5).
- "append a request `Origin` header": step 3 for tainting cors; step 4 for other methods than
  GET/HEAD, with `null` under strict-origin-when-cross-origin when mode is not cors, the origin
  is https and the current URL is not https.
- Referer (Referrer Policy, strict-origin-when-cross-origin): same-origin → the document URL;
  cross-origin → the document's origin + "/"; no Referer when the document URL is potentially
  trustworthy and the target is not; none from an opaque-origin document.

Mode `navigate` cannot come from script: the Request constructor (step 17) throws.

Run from the repository root: python3 scripts/corpus/modes.py
"""

from functools import partial

import common
from common import ABSENT, fail, ok, rejected, request, route

OUT = common.output_path("modes.json")

DOC = "http://app.example"
REF = DOC + "/"
API = "http://api.example:8000"

VECTORS = common.Vectors()
add = VECTORS.add

# Requests as they reach the server (common.py): Referer http://app.example/, and by default no
# Origin (a GET that is not a CORS request has none).
sent = partial(common.sent, origin=None, referer=REF)


# Response headers that a CORS or opaque filter would hide but a basic one shows.
LEAKY = [("Access-Control-Allow-Origin", "*"), ("Content-Type", "text/plain"),
         ("X-Secret", "42"), ("Cache-Control", "no-store")]
LEAKY_NAMES = ["access-control-allow-origin", "cache-control", "content-type", "x-secret"]
PLAIN = [("Content-Type", "text/plain"), ("X-Secret", "42"), ("Cache-Control", "no-store")]
PLAIN_NAMES = ["cache-control", "content-type", "x-secret"]

NOCORS = ('Fetch "main fetch" step 12, mode "no-cors" branch: redirect mode follow, so response '
          'tainting is "opaque" and the request goes out with no CORS check and no preflight; '
          'step 14 wraps the response in an opaque filtered response (type opaque, status 0, '
          "empty header list)")
GUARD = ('Fetch "new Request(input, init)" step 32.2 sets the Headers guard to '
         '"request-no-cors"; Headers "append" step 3.4 drops a header that is not a '
         "no-CORS-safelisted request-header (name Accept, Accept-Language, Content-Language or "
         "Content-Type, and a CORS-safelisted value)")
BASIC = ('step 14 wraps it in a basic filtered response, which exposes every header except '
         "Set-Cookie and Set-Cookie2")

# --- no-cors --------------------------------------------------------------------------------

url = f"{API}/modes/no-cors/get"
add(
    "no-cors-get-opaque",
    f"{NOCORS}. The ACAO and X-Secret headers the server sends are invisible. "
    '"append a request `Origin` header": tainting is not cors (step 3) and the method is GET '
    "(step 4), so no Origin.",
    DOC,
    [route("GET", url, 200, LEAKY)],
    [ok(request(url, mode="no-cors"), [sent("GET", url)], "opaque", 0)],
)

url = f"{API}/modes/no-cors/error-status"
add(
    "no-cors-server-error-still-opaque",
    f"{NOCORS}. A 500 from the server is not a network error; script sees status 0 all the same.",
    DOC,
    [route("GET", url, 500, PLAIN)],
    [ok(request(url, mode="no-cors"), [sent("GET", url)], "opaque", 0)],
)

url = f"{API}/modes/no-cors/headers"
add(
    "no-cors-unsafe-headers-dropped",
    f"{GUARD}: X-Custom (not such a name), Content-Type application/json (not a safelisted "
    "value) and Accept-Language `en_US` (`_` fails the language byte rule) are dropped; Accept "
    f"`text/html` and Content-Language `de` are kept. {NOCORS}; no preflight in any case.",
    DOC,
    [route("GET", url, 200, PLAIN)],
    [ok(request(url, mode="no-cors", headers=[
        ("X-Custom", "1"), ("Accept", "text/html"), ("Content-Type", "application/json"),
        ("Accept-Language", "en_US"), ("Content-Language", "de")]),
        [sent("GET", url, x_custom=ABSENT, accept="text/html", content_type=ABSENT,
         accept_language=ABSENT, content_language="de")], "opaque", 0)],
)

url = f"{API}/modes/no-cors/range"
add(
    "no-cors-range-dropped",
    f"{GUARD}: Range is not a no-CORS-safelisted request-header name, so `Range: bytes=0-` is "
    "dropped even though it is a CORS-safelisted request-header (Range is also a privileged "
    f'no-CORS request-header name, removed by "append" step 5). {NOCORS}.',
    DOC,
    [route("GET", url, 200, PLAIN)],
    [ok(request(url, mode="no-cors", headers=[("Range", "bytes=0-")]),
        [sent("GET", url, range=ABSENT)], "opaque", 0)],
)

url = f"{API}/modes/no-cors/accept-combined-long"
add(
    "no-cors-accept-combined-over-128",
    f'{GUARD}. Headers "append" step 3.1-3.3: the value tested is the one already in the list '
    "combined with the new one by `, `: the first Accept (100 bytes) passes, the second makes "
    "100 + 2 + 30 = 132 bytes, over the 128-byte limit (\"CORS-safelisted request-header\" "
    f"step 1), so only the second is dropped. {NOCORS}.",
    DOC,
    [route("GET", url, 200, PLAIN)],
    [ok(request(url, mode="no-cors", headers=[("Accept", "a" * 100), ("Accept", "b" * 30)]),
        [sent("GET", url, accept="a" * 100)], "opaque", 0)],
)

url = f"{API}/modes/no-cors/accept-combined-ok"
add(
    "no-cors-accept-combined-ok",
    f'{GUARD}. Headers "append" step 3: `text/html, text/plain` (the combined value) is a '
    "CORS-safelisted Accept value, so both headers are kept and go out combined. "
    f"{NOCORS}.",
    DOC,
    [route("GET", url, 200, PLAIN)],
    [ok(request(url, mode="no-cors", headers=[("Accept", "text/html"),
                                              ("Accept", "text/plain")]),
        [sent("GET", url, accept="text/html, text/plain")], "opaque", 0)],
)

for vid, method, why in [
    ("put", "PUT", "PUT is not a CORS-safelisted method"),
    ("delete-lowercase", "delete", "`delete` is normalized to DELETE, not a CORS-safelisted method"),
    ("patch", "PATCH", "PATCH is not a CORS-safelisted method"),
]:
    url = f"{API}/modes/no-cors/method-{vid}"
    add(
        f"no-cors-method-{vid}-throws",
        f'Fetch "new Request(input, init)" step 32.1: mode is "no-cors" and {why}, so the '
        "constructor throws a TypeError; fetch() rejects and nothing is sent.",
        DOC,
        [route("*", url, 200, PLAIN)],
        [rejected(request(url, method=method, mode="no-cors"))],
    )

for redirect in ["error", "manual"]:
    url = f"{API}/modes/no-cors/redirect-{redirect}"
    add(
        f"no-cors-redirect-{redirect}",
        'Fetch "main fetch" step 12, mode "no-cors" branch step 1: the redirect mode '
        f'"{redirect}" is not "follow", so main fetch returns a network error before anything '
        "is sent.",
        DOC,
        [route("GET", url, 200, PLAIN)],
        [rejected(request(url, mode="no-cors", redirect=redirect), "NoCorsRedirectModeNotFollow")],
    )

url = f"{API}/modes/no-cors/post"
add(
    "no-cors-post-carries-origin",
    f"{GUARD}: Content-Type `text/plain;charset=UTF-8` is kept. POST is a CORS-safelisted "
    f'method, so the constructor does not throw. {NOCORS}. "append a request `Origin` header" '
    "step 4: the method is not GET or HEAD; mode is not cors, so the referrer policy "
    "strict-origin-when-cross-origin applies, and the origin is http (not https), so Origin is "
    "the serialized origin.",
    DOC,
    [route("POST", url, 200, PLAIN)],
    [ok(request(url, method="POST", mode="no-cors",
                headers=[("Content-Type", "text/plain;charset=UTF-8")]),
        [sent("POST", url, origin=DOC, content_type="text/plain;charset=UTF-8")],
        "opaque", 0)],
)

url = "http://localhost:8000/modes/no-cors/post-downgrade"
add(
    "no-cors-post-https-to-http-origin-null",
    f'{NOCORS}. "append a request `Origin` header" step 4.1, strict-origin-when-cross-origin: '
    "the origin is a tuple origin with scheme https and the current URL's scheme is http, so "
    "Origin is `null`. (http://localhost is potentially trustworthy, so this is not mixed "
    "content, and the Referer is kept: both URLs are potentially trustworthy, cross-origin → "
    "origin + `/`.)",
    "https://app.example",
    [route("POST", url, 200, PLAIN)],
    [ok(request(url, method="POST", mode="no-cors"),
        [sent("POST", url, origin="null", referer="https://app.example/")],
        "opaque", 0)],
)

url = f"{API}/modes/no-cors/post-opaque-document"
add(
    "no-cors-post-from-opaque-origin",
    f'{NOCORS}. "append a request `Origin` header" step 4: POST, so Origin is added; the '
    "document's origin is opaque, so byte-serializing it gives `null` (the referrer-policy "
    "switch applies only to tuple origins). An opaque-origin document sends no Referer.",
    "null",
    [route("POST", url, 200, PLAIN)],
    [ok(request(url, method="POST", mode="no-cors"),
        [sent("POST", url, origin="null", referer=None)], "opaque", 0)],
)

url = f"{DOC}/modes/no-cors/same-origin"
add(
    "no-cors-same-origin-is-basic",
    'Fetch "main fetch" step 12, first branch: the URL is same origin with the request\'s '
    f'origin and tainting is still "basic", so mode no-cors does not matter; {BASIC}. No '
    "Origin (GET, not cors); the Referer is the full document URL.",
    DOC,
    [route("GET", url, 200, PLAIN)],
    [ok(request(url, mode="no-cors"), [sent("GET", url)], "basic", exposed=PLAIN_NAMES)],
)

url = f"{API}/modes/no-cors/redirect-from"
url2 = "http://other.example:8000/modes/no-cors/redirect-to"
add(
    "no-cors-redirect-follow-opaque",
    f'{NOCORS}. "HTTP fetch" step 6.3 (follow) runs "HTTP-redirect fetch", whose recursive '
    '"main fetch" takes the no-cors branch again: the second response is opaque as well.',
    DOC,
    [route("GET", url, 302, [("Location", url2), ("X-Secret", "1")]),
     route("GET", url2, 200, LEAKY)],
    [ok(request(url, mode="no-cors"), [sent("GET", url), sent("GET", url2)], "opaque",
        0)],
)

url = f"{API}/modes/no-cors/redirect-back"
url2 = f"{DOC}/modes/no-cors/redirect-back-target"
add(
    "no-cors-redirect-back-to-same-origin-stays-opaque",
    f'{NOCORS}. After the redirect back to the document\'s origin, the recursive "main fetch" '
    'step 12 does not take the first branch: the URL is same origin but response tainting is '
    'already "opaque", not "basic". So the response stays opaque.',
    DOC,
    [route("GET", url, 302, [("Location", url2)]), route("GET", url2, 200, PLAIN)],
    [ok(request(url, mode="no-cors"), [sent("GET", url), sent("GET", url2)], "opaque",
        0)],
)

# --- same-origin ----------------------------------------------------------------------------

for vid, target in [
    ("cross-origin", f"{API}/modes/same-origin/cross"),
    ("other-port", "http://app.example:8080/modes/same-origin/port"),
    ("other-scheme", "https://app.example/modes/same-origin/scheme"),
]:
    add(
        f"same-origin-mode-{vid}-rejected",
        'Fetch "main fetch" step 12: the URL is not same origin with the request\'s origin, '
        'so the first branch does not apply and mode "same-origin" returns a network error; '
        "nothing is sent.",
        DOC,
        [route("GET", target, 200, LEAKY)],
        [rejected(request(target, mode="same-origin"), "DisallowedByMode")],
    )

url = f"{DOC}/modes/same-origin/ok"
add(
    "same-origin-mode-same-origin-basic",
    'Fetch "main fetch" step 12, first branch: same origin with tainting basic, so the request '
    f"goes out with no CORS check; {BASIC} (no ACAO needed). No Origin (GET, tainting basic); "
    "the Referer is the full document URL.",
    DOC,
    [route("GET", url, 200, PLAIN)],
    [ok(request(url, mode="same-origin"), [sent("GET", url)], "basic", exposed=PLAIN_NAMES)],
)

url = f"{DOC}/modes/same-origin/post"
add(
    "same-origin-mode-post-origin",
    'Fetch "main fetch" step 12, first branch (basic). "append a request `Origin` header" '
    "step 4: POST is neither GET nor HEAD; mode is not cors, so strict-origin-when-cross-origin "
    f"applies, and the origin is http, so Origin is the serialized origin. {BASIC}.",
    DOC,
    [route("POST", url, 200, PLAIN)],
    [ok(request(url, method="POST", mode="same-origin"), [sent("POST", url, origin=DOC)],
        "basic", exposed=PLAIN_NAMES)],
)

url = f"{DOC}/modes/same-origin/redirect"
url2 = f"{API}/modes/same-origin/redirect-target"
add(
    "same-origin-mode-redirect-cross-origin-rejected",
    'Fetch "HTTP fetch" step 6.3 (follow) → "HTTP-redirect fetch" → recursive "main fetch": '
    'the new URL is cross-origin, so step 12 in mode "same-origin" returns a network error; '
    "only the first request was sent.",
    DOC,
    [route("GET", url, 302, [("Location", url2)]), route("GET", url2, 200, LEAKY)],
    [fail(request(url, mode="same-origin"), [sent("GET", url)], "DisallowedByMode")],
)

# --- navigate -------------------------------------------------------------------------------
# A navigation is a request the user agent makes; script cannot: the Request constructor (step 17:
# "If mode is "navigate", then throw a TypeError") rejects it, so fetch() rejects and nothing is
# sent, whatever the method, headers or server. (Recorded the same in Chromium, Firefox and WebKit:
# the oracle's probe `mode-navigate`.)

for vid, method, headers in [
    ("navigate-cross-origin-get-rejected", "GET", []),
    ("navigate-cross-origin-post-rejected", "POST", []),
    ("navigate-put-custom-header-rejected", "PUT", [("X-Custom", "1")]),
]:
    url = f"{API}/modes/navigate/{vid}"
    add(
        vid,
        '"new Request" step 17: mode "navigate" from script throws a TypeError, so fetch() '
        f"rejects before main fetch and no {method} reaches the server.",
        DOC,
        [route("*", url, 200, PLAIN)],
        [rejected(request(url, method=method, mode="navigate", headers=headers))],
    )

# --- cors to a non-HTTP(S) URL ---------------------------------------------------------------

for vid, target in [
    ("ftp", "ftp://api.example/modes/cors/file.txt"),
    ("file", "file:///etc/hosts"),
    ("ws", "ws://api.example:8000/modes/cors/socket"),
    ("about-blank", "about:blank"),
]:
    add(
        f"cors-non-http-scheme-{vid}",
        'Fetch "main fetch" step 12: the URL is not same origin with the document, its scheme '
        'is not `data`, the mode is "cors", and its scheme is not an HTTP(S) scheme, so main '
        "fetch returns a network error; nothing is sent.",
        DOC,
        [],
        [rejected(request(target), "CorsDisabledScheme")],
    )

add(
    "cors-data-url-basic",
    'Fetch "main fetch" step 12, first branch: a `data:` URL is fetched with tainting basic by '
    "scheme fetch, without CORS; the response has status 200 and a Content-Type header "
    "(scheme fetch, `data`), exposed by the basic filter. Nothing reaches a server.",
    DOC,
    [],
    [ok(request("data:text/plain,hello"), [], "basic", exposed=["content-type"])],
)

add(
    "cors-data-url-bad-base64",
    'Fetch "scheme fetch", `data`: the data: URL processor returns failure when a `;base64` '
    'body does not forgiving-base64 decode ("%%%" is not base64), so the fetch is a network '
    "error. Nothing reaches a server.",
    DOC,
    [],
    [rejected(request("data:;base64,%%%"), "InvalidDataUrl")],
)

url = "http://api.example:25/modes/bad-port"
add(
    "cors-bad-port-blocked",
    'Fetch "main fetch" step 7, "block bad port": port 25 (smtp) is in the bad port table, so '
    "the fetch is a network error before any request is sent.",
    DOC,
    [route("*", url, 200, [("Access-Control-Allow-Origin", "*")])],
    [rejected(request(url), "BadPort")],
)

url = f"{API}/modes/mixed-content"
add(
    "cors-mixed-content-blocked",
    'Fetch "main fetch" step 7, Mixed Content "should fetching request be blocked as mixed '
    'content?": an https page fetching a plain-http URL that is not potentially trustworthy is '
    "blocked; nothing reaches the server.",
    "https://app.example",
    [route("*", url, 200, [("Access-Control-Allow-Origin", "*")])],
    [rejected(request(url), "MixedContent")],
)

# --- cors to a same-origin URL ---------------------------------------------------------------

url = f"{DOC}/modes/cors/same-origin"
add(
    "cors-same-origin-get-basic",
    'Fetch "main fetch" step 12, first branch: the URL is same origin and tainting is basic, so '
    f"mode cors does not apply a CORS check; {BASIC}, including X-Secret and the ACAO header "
    "(not CORS-safelisted response headers). No Origin on a same-origin GET; Referer is the "
    "document URL.",
    DOC,
    [route("GET", url, 200, LEAKY)],
    [ok(request(url), [sent("GET", url)], "basic", exposed=LEAKY_NAMES)],
)

url = f"{DOC}/modes/cors/same-origin-wrong-acao"
add(
    "cors-same-origin-ignores-acao",
    'Fetch "main fetch" step 12, first branch: tainting basic, so "HTTP fetch" step 4.4 (CORS '
    "check, only for tainting cors) does not run: an ACAO naming another origin does not block "
    f"the response; {BASIC}.",
    DOC,
    [route("GET", url, 200, [("Access-Control-Allow-Origin", "http://other.example"),
                             ("X-Secret", "42")])],
    [ok(request(url), [sent("GET", url)], "basic",
        exposed=["access-control-allow-origin", "x-secret"])],
)

url = f"{DOC}/modes/cors/same-origin-put"
add(
    "cors-same-origin-put-no-preflight",
    'Fetch "main fetch" step 12, first branch: same origin with tainting basic comes before the '
    "preflight branch, so PUT with X-Custom is sent without a CORS-preflight fetch. \"append a "
    'request `Origin` header" step 4: PUT is not GET/HEAD and mode is cors, so Origin is the '
    f"serialized origin. {BASIC}.",
    DOC,
    [route("PUT", url, 200, PLAIN)],
    [ok(request(url, method="PUT", headers=[("X-Custom", "1")]),
        [sent("PUT", url, origin=DOC, x_custom="1")], "basic", exposed=PLAIN_NAMES)],
)

url = f"{API}/modes/cors/cross-origin"
add(
    "cors-cross-origin-contrast",
    'Fetch "main fetch" step 12, Otherwise branch: cross-origin GET in mode cors gets tainting '
    '"cors"; "append a request `Origin` header" step 3 adds Origin; the CORS check passes on '
    "ACAO `*`, and the CORS filtered response exposes only CORS-safelisted response-header names "
    "(Cache-Control, Content-Type) — not ACAO or X-Secret.",
    DOC,
    [route("GET", url, 200, LEAKY)],
    [ok(request(url), [sent("GET", url, origin=DOC)], exposed=["cache-control", "content-type"])],
)

# --- Write --------------------------------------------------------------------------------

source = ("Hand-written from the WHATWG Fetch standard: \"main fetch\" (mode branches, "
          "filtered responses), \"new Request(input, init)\" (no-cors method check and the "
          "request-no-cors guard), Headers \"append\", \"no-CORS-safelisted request-header\", "
          "\"append a request `Origin` header\", \"HTTP fetch\", \"HTTP-redirect fetch\"; "
          "Referrer Policy (strict-origin-when-cross-origin). Generated by "
          "scripts/corpus/modes.py.")
common.write_vectors(OUT, source, VECTORS)
print(f"{common.relpath(OUT)}: {len(VECTORS)} scenario vectors, "
      f"{common.step_count(VECTORS)} steps")
