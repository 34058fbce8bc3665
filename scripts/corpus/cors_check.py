#!/usr/bin/env python3
"""Generate spec-vectors/cors-check.json: the CORS check of the actual response (and of the
CORS-preflight response).

Every vector is a `scenario` of the `cors-vectors/1` format: a document fetches a cross-origin URL
and the server's Access-Control-Allow-Origin / Access-Control-Allow-Credentials decide whether the
fetch resolves. Each expectation is a literal decided by reading the WHATWG Fetch standard:
"CORS check" (steps 1-8), "HTTP fetch" step 4.4 (the check on the actual response),
"CORS-preflight fetch" step 7 (the check on the preflight response, done with the request's
credentials mode), "main fetch" step 12 (which requests are CORS requests at all), the ABNF of
`Access-Control-Allow-Origin` (origin-or-null / wildcard) and `Access-Control-Allow-Credentials`
(%s"true", case-sensitive), "get" a header (values of several headers combined with ", "), and
the CORS filtered response (the status is kept), plus web-platform-tests
fetch/api/cors/cors-origin.any.js, cors-basic.any.js and cors-cookies.any.js.

Error names are the simulator's (Chromium CorsError names): for a failed check,
MissingAllowOriginHeader (no header), MultipleAllowOriginValues (the value has a comma or a
space), InvalidAllowOriginValue (not `null`, not `*`, not a URL), WildcardOriginNotAllowed,
AllowOriginMismatch, InvalidAllowCredentials; prefixed with Preflight for the preflight response.

Usage (from the repository root):
    python3 scripts/corpus/cors_check.py
"""

import common
from common import ACAC, ACAM, ACAO, fail, ok, preflight_first, request, route, sent

OUTPUT = common.output_path("cors-check.json")

API = "http://api.example:8000"
API_TLS = "https://api.example"
DOC = "http://app.example"
REF = "http://app.example/"
TLS_DOC = "https://app.example"
TLS_REF = "https://app.example/"

VECTORS = common.Vectors()
add = VECTORS.add

CHECK = 'Fetch "HTTP fetch" step 4.4: CORS check on the actual response. '
NO_PREFLIGHT = ('"main fetch" step 12 Otherwise branch: a CORS request without preflight '
                "(safelisted method, no CORS-unsafe headers). ")


def simple(id_, description, acao_headers, *, credentials=None, method="GET", status=200,
           error=None, exposed=(), doc=DOC, ref=REF, base=API, origin_header=None):
    """A simple CORS request to a route answering with `acao_headers`."""
    url = f"{base}/cc/{id_.removeprefix('cc-')}"
    fetched = request(url, method, credentials=credentials)
    routes = [route(method, url, status, acao_headers)] if acao_headers is not None else []
    origin = origin_header if origin_header is not None else doc
    requests = [sent(method, url, origin, ref)]
    if error is None:
        outcome = ok(fetched, requests, "cors", status, exposed)
    else:
        outcome = fail(fetched, requests, error)
    add(id_, NO_PREFLIGHT + CHECK + description, doc, routes, [preflight_first(outcome)])


# --- Access-Control-Allow-Origin: `*` -------------------------------------------------------------

simple("cc-star-same-origin-credentials", 'step 3: `*` with credentials mode "same-origin" '
       "(the fetch() default) is success.", [(ACAO, "*")])
simple("cc-star-omit", 'step 3: `*` with credentials mode "omit" is success.', [(ACAO, "*")],
       credentials="omit")
simple("cc-star-include", 'step 3 does not apply with credentials mode "include"; step 4: '
       "`*` is not the request origin: failure (WPT cors-cookies.any.js).", [(ACAO, "*")],
       credentials="include", error="WildcardOriginNotAllowed")
simple("cc-star-include-with-acac", "steps 3-4: with credentials, `*` fails even when "
       "Access-Control-Allow-Credentials is `true`.", [(ACAO, "*"), (ACAC, "true")],
       credentials="include", error="WildcardOriginNotAllowed")
simple("cc-star-head", "step 3: HEAD with `*` is success.", [(ACAO, "*")], method="HEAD")
simple("cc-star-post", "step 3: POST (no body, no headers) with `*` is success; Origin is "
       "sent as for any CORS request.", [(ACAO, "*")], method="POST", status=201)

# --- the exact origin and near misses ------------------------------------------------------------------

simple("cc-exact-origin", "step 4: ACAO equal to the byte-serialized request origin; step 5: "
       "no credentials, success.", [(ACAO, "http://app.example")])
simple("cc-exact-origin-reflected", "step 4: a server reflecting Origin passes.",
       [(ACAO, "{{origin}}")])
simple("cc-exact-origin-whitespace", "step 4: the header value is compared after HTTP parsing, "
       "which removes leading and trailing whitespace (a header value has none), so "
       "` http://app.example ` is the origin: success.", [(ACAO, " http://app.example ")])

MISMATCH = [
    ("cc-trailing-slash", "http://app.example/", "a trailing `/` makes it a URL, not the "
     "serialized origin"),
    ("cc-other-scheme", "https://app.example", "another scheme"),
    ("cc-other-host", "http://other.example", "another host"),
    ("cc-subdomain", "http://www.app.example", "a subdomain"),
    ("cc-other-port", "http://app.example:8080", "another port"),
    ("cc-explicit-default-port", "http://app.example:80", "the default port written out (the "
     "comparison is byte for byte, not of origins)"),
    ("cc-uppercase", "HTTP://APP.EXAMPLE", "an uppercase serialization (byte comparison)"),
    ("cc-uppercase-host", "http://App.Example", "a mixed-case host (byte comparison)"),
    ("cc-with-path", "http://app.example/index.html", "a URL with a path"),
    ("cc-target-origin", "http://api.example:8000", "the target's own origin (WPT "
     "cors-origin.any.js \"origin KO\")"),
    ("cc-null-for-tuple-origin", "null", "`null` for a tuple origin"),
]
for id_, value, why in MISMATCH:
    simple(id_, f"step 4: `{value}` is {why}, not `http://app.example`: failure.",
           [(ACAO, value)], error="AllowOriginMismatch")

simple("cc-missing", "step 2: no Access-Control-Allow-Origin: failure.", [],
       error="MissingAllowOriginHeader")
simple("cc-missing-other-headers", "step 2: Access-Control-Allow-Credentials alone does not "
       "help: failure.", [(ACAC, "true"), ("Content-Type", "text/plain")],
       credentials="include", error="MissingAllowOriginHeader")
simple("cc-no-route-404", "step 2: the server's bare 404 has no Access-Control-Allow-Origin: "
       "failure, so script sees a network error, not the 404.", None,
       error="MissingAllowOriginHeader")

MULTIPLE = [
    ("cc-two-identical-headers", [(ACAO, "http://app.example"), (ACAO, "http://app.example")],
     "two identical headers: \"get\" combines them as `http://app.example, http://app.example`"),
    ("cc-two-different-headers", [(ACAO, "http://app.example"), (ACAO, "http://other.example")],
     "two headers: \"get\" combines them as `http://app.example, http://other.example`"),
    ("cc-comma-list", [(ACAO, "http://app.example, http://other.example")],
     "a comma-separated list in one header"),
    ("cc-star-twice", [(ACAO, "*"), (ACAO, "*")],
     "`*` twice: \"get\" gives `*, *`, which is not `*` (so step 3 does not apply)"),
    ("cc-star-and-origin", [(ACAO, "*"), (ACAO, "http://app.example")],
     "`*` and the origin: \"get\" gives `*, http://app.example`"),
    ("cc-space-list", [(ACAO, "http://app.example http://other.example")],
     "a space-separated list"),
]
for id_, headers, why in MULTIPLE:
    simple(id_, f"steps 1-4: {why}; the value is neither `*` nor the origin: failure.", headers,
           error="MultipleAllowOriginValues")

INVALID = [
    ("cc-invalid-host-only", "app.example", "a host without a scheme"),
    ("cc-invalid-empty", "", "an empty value (present, so not null at step 2)"),
    ("cc-invalid-scheme-only", "http://", "a scheme without a host"),
    ("cc-invalid-null-uppercase", "NULL", "`NULL` (the ABNF's `null` is case-sensitive)"),
]
for id_, value, why in INVALID:
    simple(id_, f"step 4: {why} is not the origin: failure; the value matches neither "
           "origin-or-null nor wildcard.", [(ACAO, value)], error="InvalidAllowOriginValue")

# --- Access-Control-Allow-Credentials ---------------------------------------------------------------

simple("cc-acac-true", 'steps 4-7: exact origin, credentials mode "include" and '
       "Access-Control-Allow-Credentials `true`: success.",
       [(ACAO, "http://app.example"), (ACAC, "true")], credentials="include")
for id_, values, why in [
    ("cc-acac-uppercase", ["TRUE"], "`TRUE` (the value is case-sensitive, %s\"true\")"),
    ("cc-acac-capitalized", ["True"], "`True` (case-sensitive)"),
    ("cc-acac-one", ["1"], "`1`"),
    ("cc-acac-false", ["false"], "`false`"),
    ("cc-acac-empty", [""], "an empty value"),
    ("cc-acac-two-headers", ["true", "true"], "two `true` headers (\"get\" gives `true, true`)"),
]:
    simple(id_, f"steps 6-8: with credentials, Access-Control-Allow-Credentials {why} is not "
           "`true`: failure.", [(ACAO, "http://app.example")] + [(ACAC, v) for v in values],
           credentials="include", error="InvalidAllowCredentials")
simple("cc-acac-missing", "steps 6-8: with credentials, no Access-Control-Allow-Credentials: "
       "failure.", [(ACAO, "http://app.example")], credentials="include",
       error="InvalidAllowCredentials")
simple("cc-acac-ignored-same-origin", 'step 5: credentials mode "same-origin" on a '
       "cross-origin request succeeds before Access-Control-Allow-Credentials is read, so "
       "`false` does not matter.", [(ACAO, "http://app.example"), (ACAC, "false")])
simple("cc-acac-ignored-omit", 'step 5: credentials mode "omit" succeeds before '
       "Access-Control-Allow-Credentials is read, so `TRUE` does not matter.",
       [(ACAO, "http://app.example"), (ACAC, "TRUE")], credentials="omit")
simple("cc-acac-ignored-star", "step 3: `*` without credentials succeeds before "
       "Access-Control-Allow-Credentials is read.", [(ACAO, "*"), (ACAC, "true")],
       credentials="omit")
simple("cc-credentials-omit-exact", 'step 5: "omit", exact origin, no '
       "Access-Control-Allow-Credentials: success.", [(ACAO, "http://app.example")],
       credentials="omit")

# --- statuses -------------------------------------------------------------------------------------

for status in (404, 500, 403, 301):
    extra = (" A 301 without Location is not followed (\"HTTP-redirect fetch\" step 4: no "
             "location URL) and is returned as is." if status == 301 else "")
    simple(f"cc-status-{status}", f"steps 3: the CORS check does not look at the status; a "
           f"{status} with `*` is shared and script sees status {status} (a CORS filtered "
           "response keeps the status)." + extra, [(ACAO, "*")], status=status)
simple("cc-status-404-exact", "step 4: a 404 with the exact origin is shared with its status.",
       [(ACAO, "http://app.example"), ("Content-Type", "text/html")], status=404,
       exposed=["content-type"])
simple("cc-status-500-no-acao", "step 2: a 500 without Access-Control-Allow-Origin is a "
       "network error; script never sees the status.", [("Content-Type", "text/html")],
       status=500, error="MissingAllowOriginHeader")

# --- other documents ---------------------------------------------------------------------------------

simple("cc-https-exact", "step 4: https document, https API, exact origin. Referer: the "
       "document's origin + \"/\".", [(ACAO, "https://app.example")], doc=TLS_DOC, ref=TLS_REF,
       base=API_TLS)
simple("cc-https-http-origin", "step 4: `http://app.example` is not the origin of an https "
       "document.", [(ACAO, "http://app.example")], doc=TLS_DOC, ref=TLS_REF, base=API_TLS,
       error="AllowOriginMismatch")
simple("cc-https-include", "steps 4-7: https document with credentials, exact origin and "
       "`true`.", [(ACAO, "https://app.example"), (ACAC, "true")], credentials="include",
       doc=TLS_DOC, ref=TLS_REF, base=API_TLS)
simple("cc-https-star-include", "steps 3-4: `*` with credentials from an https document.",
       [(ACAO, "*"), (ACAC, "true")], credentials="include", doc=TLS_DOC, ref=TLS_REF,
       base=API_TLS, error="WildcardOriginNotAllowed")
simple("cc-localhost-exact", "step 4: exact `http://localhost:3000`. Referer: none, as the "
       "document URL is potentially trustworthy and the request URL is not "
       "(strict-origin-when-cross-origin).", [(ACAO, "http://localhost:3000")],
       doc="http://localhost:3000", ref=None)
simple("cc-localhost-ip-mismatch", "step 4: `http://127.0.0.1:3000` is another origin than "
       "`http://localhost:3000`.", [(ACAO, "http://127.0.0.1:3000")],
       doc="http://localhost:3000", ref=None, error="AllowOriginMismatch")
simple("cc-opaque-null", "step 4: for an opaque-origin document the byte-serialized request "
       "origin is `null`, so ACAO `null` matches. Origin: null; no Referer.", [(ACAO, "null")],
       doc="null", ref=None)
simple("cc-opaque-star", "step 3: `*` without credentials from an opaque-origin document.",
       [(ACAO, "*")], doc="null", ref=None)
simple("cc-opaque-null-include", "steps 4-7: `null` with credentials and `true` from an "
       "opaque-origin document.", [(ACAO, "null"), (ACAC, "true")], credentials="include",
       doc="null", ref=None)
simple("cc-opaque-tuple-acao", "step 4: a tuple origin is not `null`.",
       [(ACAO, "http://app.example")], doc="null", ref=None, error="AllowOriginMismatch")

# --- requests that are not checked, and the preflight's check ---------------------------------------

url = DOC + "/cc/same-origin"
add("cc-same-origin-not-checked",
    '"main fetch" step 12: a same-origin request with response tainting basic is a '
    "scheme fetch; no CORS check, no Origin header for GET, Referer the full document URL. "
    "A basic filtered response exposes every header but Set-Cookie/Set-Cookie2.",
    DOC, [route("GET", url, 200, [("X-Secret", "1")])],
    [ok(request(url, "GET"), [sent("GET", url, None, REF)], "basic", 200, ["x-secret"])])

url = API + "/cc/no-cors"
add("cc-no-cors-not-checked",
    '"main fetch" step 12 no-cors branch: response tainting opaque, no CORS check, so the '
    "missing Access-Control-Allow-Origin does not fail the fetch; script sees an opaque "
    "response (status 0, no headers). A no-cors GET carries no Origin header.",
    DOC, [route("GET", url, 200, [("X-Secret", "1")])],
    [ok(request(url, "GET", mode="no-cors"), [sent("GET", url, None, REF)], "opaque", 0)])

PF = ('"CORS-preflight fetch" step 7: the preflight response must pass a CORS check for the '
      "request (with the request's credentials mode) ")


def preflighted(id_, description, options_headers, actual_headers, *, credentials=None,
                error=None, actual_reached=True, status=200):
    url = f"{API}/cc/{id_.removeprefix('cc-')}"
    fetched = request(url, "PUT", credentials=credentials)
    requests = [sent("OPTIONS", url, DOC, REF, acrm="PUT")]
    if actual_reached:
        requests.append(sent("PUT", url, DOC, REF))
    if error is None:
        outcome = ok(fetched, requests, "cors", status, preflight=True)
    else:
        outcome = fail(fetched, requests, error, preflight=True)
    add(id_, description, DOC,
        [route("OPTIONS", url, 204, options_headers), route("PUT", url, status, actual_headers)],
        [preflight_first(outcome)])


preflighted("cc-preflight-ok-actual-missing",
            PF + "and passes; the actual response then fails its own CORS check (\"HTTP fetch\" "
            "step 4.4): no Access-Control-Allow-Origin.",
            [(ACAO, "http://app.example"), (ACAM, "PUT")], [],
            error="MissingAllowOriginHeader")
preflighted("cc-preflight-ok-actual-mismatch",
            PF + "and passes; the actual response's `http://other.example` fails \"HTTP fetch\" "
            "step 4.4.", [(ACAO, "*"), (ACAM, "PUT")], [(ACAO, "http://other.example")],
            error="AllowOriginMismatch")
preflighted("cc-preflight-ok-actual-star-include",
            PF + "and passes (exact origin, `true`); the actual response's `*` fails with "
            "credentials.", [(ACAO, "http://app.example"), (ACAC, "true"), (ACAM, "PUT")],
            [(ACAO, "*"), (ACAC, "true")], credentials="include",
            error="WildcardOriginNotAllowed")
preflighted("cc-preflight-ok-actual-acac-missing",
            PF + "and passes; the actual response lacks Access-Control-Allow-Credentials, so "
            "its CORS check fails at step 8.",
            [(ACAO, "http://app.example"), (ACAC, "true"), (ACAM, "PUT")],
            [(ACAO, "http://app.example")], credentials="include",
            error="InvalidAllowCredentials")
preflighted("cc-preflight-and-actual-ok-include",
            PF + "and both responses carry the exact origin and `true`: success.",
            [(ACAO, "http://app.example"), (ACAC, "true"), (ACAM, "PUT")],
            [(ACAO, "http://app.example"), (ACAC, "true")], credentials="include")
preflighted("cc-preflight-ok-actual-500",
            PF + "and passes; the actual 500 with `*` is shared with its status.",
            [(ACAO, "*"), (ACAM, "PUT")], [(ACAO, "*")], status=500)
preflighted("cc-preflight-missing",
            PF + "; without Access-Control-Allow-Origin it fails and no actual request is sent.",
            [(ACAM, "PUT")], [(ACAO, "*")], error="PreflightMissingAllowOriginHeader",
            actual_reached=False)
preflighted("cc-preflight-mismatch",
            PF + "; `http://app.example/` fails it.",
            [(ACAO, "http://app.example/"), (ACAM, "PUT")], [(ACAO, "*")],
            error="PreflightAllowOriginMismatch", actual_reached=False)
preflighted("cc-preflight-multiple",
            PF + "; two Access-Control-Allow-Origin headers fail it.",
            [(ACAO, "http://app.example"), (ACAO, "http://app.example"), (ACAM, "PUT")],
            [(ACAO, "*")], error="PreflightMultipleAllowOriginValues", actual_reached=False)
preflighted("cc-preflight-invalid",
            PF + "; `app.example` fails it.",
            [(ACAO, "app.example"), (ACAM, "PUT")], [(ACAO, "*")],
            error="PreflightInvalidAllowOriginValue", actual_reached=False)
preflighted("cc-preflight-star-include",
            PF + "; with credentials mode \"include\" its `*` fails it, even with `true`.",
            [(ACAO, "*"), (ACAC, "true"), (ACAM, "PUT")], [(ACAO, "*")], credentials="include",
            error="PreflightWildcardOriginNotAllowed", actual_reached=False)
preflighted("cc-preflight-acac-missing-include",
            PF + "; with credentials it needs Access-Control-Allow-Credentials `true` (the "
            "preflight itself is sent without credentials).",
            [(ACAO, "http://app.example"), (ACAM, "PUT")],
            [(ACAO, "http://app.example"), (ACAC, "true")], credentials="include",
            error="PreflightInvalidAllowCredentials", actual_reached=False)
preflighted("cc-preflight-acac-uppercase-include",
            PF + "; `TRUE` is not `true`.",
            [(ACAO, "http://app.example"), (ACAC, "TRUE"), (ACAM, "PUT")],
            [(ACAO, "http://app.example"), (ACAC, "true")], credentials="include",
            error="PreflightInvalidAllowCredentials", actual_reached=False)
preflighted("cc-preflight-acac-ignored-without-credentials",
            PF + "; without credentials, step 5 succeeds and `false` is never read.",
            [(ACAO, "http://app.example"), (ACAC, "false"), (ACAM, "PUT")],
            [(ACAO, "http://app.example"), (ACAC, "false")])


def main():
    source = ("Hand-written from the WHATWG Fetch standard (CORS check, HTTP fetch, "
              "CORS-preflight fetch, main fetch, HTTP new-header syntax, filtered responses) "
              "and web-platform-tests fetch/api/cors/cors-origin.any.js, cors-basic.any.js "
              "and cors-cookies.any.js. Generated by scripts/corpus/cors_check.py.")
    common.write_vectors(OUTPUT, source, VECTORS)
    steps = common.step_count(VECTORS)
    print(f"wrote {len(VECTORS)} vectors ({steps} steps) to {common.relpath(OUTPUT)}")


if __name__ == "__main__":
    main()
