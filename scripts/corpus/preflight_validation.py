#!/usr/bin/env python3
"""Generate spec-vectors/preflight-validation.json: how a browser judges the answer to a
CORS-preflight request.

Every vector is a `scenario` of the `cors-vectors/1` format with one fetch that needs a preflight.
The server's OPTIONS answer varies: its status (ok status or not, redirects, which a preflight never
follows), the CORS check on it (Access-Control-Allow-Origin / -Credentials, judged with the
credentials mode of the actual request), Access-Control-Allow-Methods and
Access-Control-Allow-Headers (parsing as `#method` / `#field-name`, case rules, `*`, Authorization).
The expectations are literals decided from the WHATWG Fetch standard, "CORS-preflight fetch" steps
6-8, "CORS check", "extract header list values" and "HTTP new-header syntax", and from
web-platform-tests fetch/api/cors/cors-preflight-star.any.js, cors-preflight-status.any.js and
cors-preflight-response-validation.any.js. The error names are the simulator's (Chromium's
CorsError names); where several checks fail at once the name follows the documented order: a
redirect status, then the CORS check, then the ok status, then parsing Access-Control-Allow-Methods
and -Headers, then the method, Authorization, and the other unsafe header names.

Usage (from the repository root):
    python3 scripts/corpus/preflight_validation.py
"""

from functools import partial

import common
from common import fail, ok, options, request, route

OUTPUT = common.output_path("preflight-validation.json")

API = "http://api.example:8000"
DOC = "http://app.example"
ORIGIN = "http://app.example"
REFERER = "http://app.example/"

OK = "ok"

VECTORS = common.Vectors()
add = VECTORS.add

# Requests as they reach the server (common.py), from the http://app.example document.
sent = partial(common.sent, origin=ORIGIN, referer=REFERER)
pre = partial(common.pre, origin=ORIGIN, referer=REFERER)


def case(id_, description, path, preflight_status, preflight_headers, outcome, method="PUT",
         acrm=None, headers=(), acrh=None, credentials=None, actual_headers=None,
         extra_routes=(), authorization=None, actual_reached=None):
    """One fetch that needs a preflight.

    `outcome` is OK (the preflight passes and the actual request succeeds) or the error name.
    `acrm` is the method as sent (after normalization), `acrh` the literal
    Access-Control-Request-Headers value (None: absent). `actual_reached`: whether the actual
    request reaches the server (defaults to outcome == OK).
    """
    url = API + path
    acrm = acrm if acrm is not None else method
    if actual_headers is None:
        actual_headers = [("Access-Control-Allow-Origin", "{{origin}}")]
        if credentials == "include":
            actual_headers.append(("Access-Control-Allow-Credentials", "true"))
    routes = [route("OPTIONS", url, preflight_status, preflight_headers),
              route(acrm, url, 200, actual_headers), *extra_routes]
    fetched = request(url, method, headers, credentials=credentials)
    if actual_reached is None:
        actual_reached = outcome == OK
    requests = [pre(url, acrm, acrh)]
    if actual_reached:
        requests.append(sent(acrm, url, authorization=authorization))
    if outcome == OK:
        step = ok(fetched, requests, preflight=True)
    else:
        step = fail(fetched, requests, outcome, preflight=True)
    add(id_, description, DOC, routes, [step])


def acao(value="*"):
    return ("Access-Control-Allow-Origin", value)


def acam(value):
    return ("Access-Control-Allow-Methods", value)


def acah(value):
    return ("Access-Control-Allow-Headers", value)


def acac(value="true"):
    return ("Access-Control-Allow-Credentials", value)


S7 = '"CORS-preflight fetch" step 7'
S8 = '"CORS-preflight fetch" step 8'
NO_ACTUAL = " The actual request is never sent (\"HTTP fetch\" step 4.1.2)."
REF = " Origin and Referer (`http://app.example/`) are on the preflight."

# --- status ---------------------------------------------------------------------------------------

STATUS = "WPT cors-preflight-status.any.js: "
for status in (200, 201, 204, 206, 299):
    case("preflight-status-%d-ok" % status,
         STATUS + "%d is an ok status (200-299), so %s proceeds: ACAM lists PUT and the PUT is "
         "sent." % (status, S7) + REF,
         "/pv/status-%d" % status, status, [acao(), acam("PUT")], OK)

for status in (199, 300, 304, 305, 400, 401, 403, 404, 405, 500, 503):
    case("preflight-status-%d-rejected" % status,
         STATUS + "%d is not an ok status, so %s does not apply and %s returns a network error, "
         "although the CORS check passes." % (status, S7, S8) + NO_ACTUAL + REF,
         "/pv/status-%d" % status, status, [acao(), acam("PUT")], "PreflightInvalidStatus")

for status in (301, 302, 303, 307, 308):
    target = API + "/pv/redirect-target-%d" % status
    case("preflight-redirect-%d-not-followed" % status,
         STATUS + "%d is a redirect status, not an ok status. The preflight is fetched with "
         "\"HTTP-network-or-cache fetch\" (no HTTP-redirect fetch), so the Location is never "
         "followed and %s returns a network error." % (status, S8) + NO_ACTUAL + REF,
         "/pv/redirect-%d" % status, status,
         [acao(), acam("PUT"), ("Location", target)], "PreflightDisallowedRedirect",
         extra_routes=[options(target, acao(), acam("PUT")), route("PUT", target, 200, [acao()])])

case("preflight-redirect-without-acao",
     "A 302 preflight answer without ACAO fails both the CORS check and the ok-status test of %s; "
     "the standard gives one network error (%s), reported as a disallowed redirect since the "
     "redirect status is judged first." % (S7, S8) + NO_ACTUAL + REF,
     "/pv/redirect-no-acao", 302, [("Location", API + "/pv/elsewhere")],
     "PreflightDisallowedRedirect")

case("preflight-500-without-acao",
     "A 500 preflight answer without ACAO fails both the CORS check and the ok-status test of %s: "
     "one network error (%s), reported as the CORS-check failure, judged before the status."
     % (S7, S8) + NO_ACTUAL + REF,
     "/pv/500-no-acao", 500, [], "PreflightMissingAllowOriginHeader")

# --- the CORS check on the preflight response -----------------------------------------------------

CC = '"CORS check" on the preflight response (%s, done with the request, not the preflight, ' \
     'so with its credentials mode)' % S7

case("preflight-acao-missing",
     CC + ": no ACAO, step 2 failure." + NO_ACTUAL + REF,
     "/pv/acao-missing", 204, [acam("PUT")], "PreflightMissingAllowOriginHeader")

case("preflight-acao-mismatch",
     CC + ": ACAO `http://other.example` is not the origin, step 4 failure." + NO_ACTUAL + REF,
     "/pv/acao-mismatch", 204, [acao("http://other.example"), acam("PUT")],
     "PreflightAllowOriginMismatch")

case("preflight-acao-null-for-tuple-origin",
     CC + ": ACAO `null` is not `http://app.example`, step 4 failure." + NO_ACTUAL + REF,
     "/pv/acao-null", 204, [acao("null"), acam("PUT")], "PreflightAllowOriginMismatch")

case("preflight-acao-multiple",
     CC + ": two ACAO headers are combined by \"get\" into `http://app.example, *`, which is "
     "neither `*` nor the origin: failure." + NO_ACTUAL + REF,
     "/pv/acao-multiple", 204, [acao("http://app.example"), acao("*"), acam("PUT")],
     "PreflightMultipleAllowOriginValues")

case("preflight-acao-invalid-value",
     CC + ": ACAO `app.example` (no scheme) is not the origin, step 4 failure." + NO_ACTUAL + REF,
     "/pv/acao-invalid", 204, [acao("app.example"), acam("PUT")],
     "PreflightInvalidAllowOriginValue")

case("preflight-acao-star-with-credentials",
     CC + ": credentials mode \"include\", so step 3 does not accept `*` and step 4 fails."
     + NO_ACTUAL + REF,
     "/pv/acao-star-creds", 204, [acao("*"), acac(), acam("PUT")],
     "PreflightWildcardOriginNotAllowed", credentials="include")

case("preflight-acac-missing-with-credentials",
     CC + ": credentials mode \"include\", exact ACAO, but no ACAC: step 8 failure. (The "
     "preflight itself carries no credentials; support must still be stated on it, Fetch \"HTTP "
     "responses\".)" + NO_ACTUAL + REF,
     "/pv/acac-missing", 204, [acao("http://app.example"), acam("PUT")],
     "PreflightInvalidAllowCredentials", credentials="include")

case("preflight-acac-uppercase-with-credentials",
     CC + ": ACAC `TRUE` is not the case-sensitive `true` (%s\"true\"), step 7 fails." + NO_ACTUAL
     + REF,
     "/pv/acac-upper", 204, [acao("http://app.example"), acac("TRUE"), acam("PUT")],
     "PreflightInvalidAllowCredentials", credentials="include")

case("preflight-credentials-exact-and-acac",
     CC + ": credentials mode \"include\", exact ACAO and ACAC `true`: success; the PUT follows "
     "and its response passes the same check." + REF,
     "/pv/creds-ok", 204, [acao("http://app.example"), acac(), acam("PUT")], OK,
     credentials="include")

case("preflight-ok-actual-acac-missing",
     "The preflight passes (%s with credentials \"include\"); the PUT is sent but its response "
     "lacks ACAC: \"HTTP fetch\" step 4.4, CORS check step 8 failure (not a preflight error)."
     % CC + REF,
     "/pv/actual-acac-missing", 204, [acao("http://app.example"), acac(), acam("PUT")],
     "InvalidAllowCredentials", credentials="include",
     actual_headers=[acao("http://app.example")], actual_reached=True)

case("preflight-acac-ignored-without-credentials",
     CC + ": credentials mode \"same-origin\" returns success at step 5 (exact ACAO), so a "
     "missing ACAC does not matter." + REF,
     "/pv/no-creds-no-acac", 204, [acao("http://app.example"), acam("PUT")], OK)

case("preflight-acao-star-then-actual-exact",
     CC + ": `*` without credentials is success (step 3); the actual response's exact ACAO also "
     "passes." + REF,
     "/pv/star-then-exact", 204, [acao("*"), acam("PUT")], OK,
     actual_headers=[acao("http://app.example")])

# --- Access-Control-Allow-Methods -----------------------------------------------------------------

M = S7 + ".5 (method check)"
STAR = "WPT cors-preflight-star.any.js: "

case("acam-exact-match",
     M + ": `PUT` is in ACAM (PUT)." + REF,
     "/pv/acam-exact", 204, [acao(), acam("PUT")], OK)

case("acam-lowercase-put-rejected",
     M + ": methods match case-sensitively, so ACAM `put` does not contain `PUT`, which is not "
     "safelisted." + NO_ACTUAL + REF,
     "/pv/acam-lower", 204, [acao(), acam("put")], "MethodDisallowedByPreflightResponse")

case("acam-uppercase-for-lowercase-patch",
     M + ": `patch` is not normalized by the Request constructor, and ACAM `PATCH` does not "
     "contain `patch`." + NO_ACTUAL + REF,
     "/pv/acam-patch-case", 204, [acao(), acam("PATCH")], "MethodDisallowedByPreflightResponse",
     method="patch")

case("acam-missing-for-delete",
     M + ": no ACAM, so methods is null (the use-CORS-preflight flag is unset), and DELETE is "
     "not safelisted." + NO_ACTUAL + REF,
     "/pv/acam-missing", 204, [acao()], "MethodDisallowedByPreflightResponse", method="DELETE")

case("acam-empty-value",
     M + ": an empty ACAM value parses as an empty `#method` list, which does not contain PUT."
     + NO_ACTUAL + REF,
     "/pv/acam-empty", 204, [acao(), acam("")], "MethodDisallowedByPreflightResponse")

case("acam-safelisted-post-not-listed",
     M + ": POST is a CORS-safelisted method, so it needs no listing; the preflight is due to "
     "X-Test, which ACAH lists." + REF,
     "/pv/acam-post-unlisted", 204, [acao(), acah("X-Test")], OK, method="POST",
     headers=[("X-Test", "1")], acrh="x-test")

case("acam-safelisted-get-other-listed",
     M + ": ACAM lists only PUT, but GET is CORS-safelisted." + REF,
     "/pv/acam-get-other", 204, [acao(), acam("PUT"), acah("x-test")], OK, method="GET",
     headers=[("X-Test", "1")], acrh="x-test")

case("acam-get-lowercase-safelisted",
     STAR + "\"GET\" does not pass the case-sensitive method check (`get`), but it is "
     "safelisted; ACAH `x-test` matches X-Test case-insensitively. " + M + "." + REF,
     "/pv/star-1", 204, [acao(), acam("get"), acah("x-test")], OK, method="GET",
     headers=[("X-Test", "1")], acrh="x-test")

case("acam-star-any-method",
     STAR + "`*` works as any method without credentials: SUPER passes (" + M + ")." + REF,
     "/pv/star-2", 204, [acao(), acam("*"), acah("x-test")], OK, method="SUPER",
     headers=[("X-Test", "1")], acrh="x-test")

case("acam-acah-star-without-credentials",
     STAR + "`*` for both methods and headers without credentials: method OK and X-Test pass ("
     + S7 + ".5 and .7)." + REF,
     "/pv/star-3", 204, [acao(), acam("*"), acah("*")], OK, method="OK",
     headers=[("X-Test", "1")], acrh="x-test")

case("acam-star-with-credentials-method-rejected",
     STAR + "with credentials `*` is only a literal method: OK is not in (`*`) (" + M + "), which "
     "is checked before the headers." + NO_ACTUAL + REF,
     "/pv/star-4", 204, [acao(ORIGIN), acac(), acam("*"), acah("*")],
     "MethodDisallowedByPreflightResponse", method="OK", headers=[("X-Test", "1")],
     acrh="x-test", credentials="include")

case("acam-star-with-credentials-put-rejected",
     STAR + "with credentials ACAM `*` does not cover PUT (" + M + ")." + NO_ACTUAL + REF,
     "/pv/star-5", 204, [acao(ORIGIN), acac(), acam("*"), acah("")],
     "MethodDisallowedByPreflightResponse", credentials="include")

case("acam-put-with-credentials-acah-star-unused",
     STAR + "with credentials ACAM `PUT` lists PUT; ACAH `*` is irrelevant as there are no unsafe "
     "headers." + REF,
     "/pv/star-6", 204, [acao(ORIGIN), acac(), acam("PUT"), acah("*")], OK,
     credentials="include")

case("acam-star-method-star-with-credentials",
     STAR + "exact character match works even for `*` with credentials: method `*` is in (`*`), "
     "header `*` matches `*` (" + S7 + ".5, .7)." + REF,
     "/pv/star-7", 204, [acao(ORIGIN), acac(), acam("*"), acah("*")], OK, method="*",
     headers=[("*", "1")], acrh="*", credentials="include")

case("acam-lowercase-put-with-credentials",
     STAR + "\"PUT\" does not pass the case-sensitive check against `put` and is not "
     "safelisted (" + M + ")." + NO_ACTUAL + REF,
     "/pv/star-8", 204, [acao(ORIGIN), acac(), acam("put"), acah("*")],
     "MethodDisallowedByPreflightResponse", credentials="include")

case("acam-list-with-spaces",
     M + ": `GET, PUT, DELETE` parses as `#method` (OWS around commas) into (GET, PUT, DELETE)."
     + REF,
     "/pv/acam-list", 204, [acao(), acam("GET, PUT, DELETE")], OK, method="DELETE")

case("acam-list-with-empty-element",
     "\"Extract header list values\": `PUT, ,DELETE` is a valid `#method` list (empty elements "
     "are allowed by the list rule), so methods is (PUT, DELETE). " + M + "." + REF,
     "/pv/acam-empty-element", 204, [acao(), acam("PUT, ,DELETE")], OK, method="DELETE")

case("acam-list-leading-trailing-commas",
     "\"Extract header list values\": `,PATCH,` has empty elements only at the ends: (PATCH). "
     + M + "." + REF,
     "/pv/acam-commas", 204, [acao(), acam(",PATCH,")], OK, method="PATCH")

case("acam-repeated-headers-combine",
     "\"Extract header list values\" step 4: values of every ACAM header are appended, so ACAM "
     "`PUT` and ACAM `DELETE` give (PUT, DELETE). " + M + "." + REF,
     "/pv/acam-repeated", 204, [acao(), acam("PUT"), acam("DELETE")], OK, method="DELETE")

case("acam-space-separated-invalid",
     S7 + ".3: `PUT DELETE` does not match `#method` (a method is a token; SP is not a tchar), so "
     "extracting fails and a network error is returned." + NO_ACTUAL + REF,
     "/pv/acam-space", 204, [acao(), acam("PUT DELETE")], "InvalidAllowMethodsPreflightResponse")

case("acam-semicolon-invalid",
     S7 + ".3: `PUT;` does not match `#method` (`;` is not a tchar): failure." + NO_ACTUAL + REF,
     "/pv/acam-semicolon", 204, [acao(), acam("PUT;")], "InvalidAllowMethodsPreflightResponse")

case("acam-wpt-bad-method-name",
     "WPT cors-preflight-response-validation.any.js \"Preflight response with bad "
     "Allow-Access-Control-Methods\": `Bad method name` fails to parse (" + S7 + ".3), even though "
     "the request's method GET is safelisted." + NO_ACTUAL + REF,
     "/pv/acam-wpt", 204, [acao(), acah("x-force-preflight"), acam("Bad method name")],
     "InvalidAllowMethodsPreflightResponse", method="GET",
     headers=[("x-force-preflight", "")], acrh="x-force-preflight")

case("acam-repeated-one-invalid",
     "\"Extract header list values\" step 4.2: if any ACAM header fails to parse the whole "
     "extraction is failure (" + S7 + ".3), although the first header lists DELETE." + NO_ACTUAL
     + REF,
     "/pv/acam-repeated-bad", 204, [acao(), acam("DELETE"), acam("PUT DELETE")],
     "InvalidAllowMethodsPreflightResponse", method="DELETE")

case("acam-invalid-without-unsafe-method",
     S7 + ".3: ACAM `GET POST` fails to parse; the network error does not depend on whether the "
     "method needs listing (POST with X-Test)." + NO_ACTUAL + REF,
     "/pv/acam-invalid-post", 204, [acao(), acam("GET POST"), acah("X-Test")],
     "InvalidAllowMethodsPreflightResponse", method="POST", headers=[("X-Test", "1")],
     acrh="x-test")

# --- Access-Control-Allow-Headers -----------------------------------------------------------------

H = S7 + ".7 (unsafe header names)"
AUTH = S7 + ".6 (CORS non-wildcard request-header name)"

case("acah-case-insensitive",
     H + ": `X-CUSTOM` is a byte-case-insensitive match for x-custom." + REF,
     "/pv/acah-case", 204, [acao(), acam("PUT"), acah("X-CUSTOM")], OK,
     headers=[("x-custom", "1")], acrh="x-custom")

case("acah-missing",
     H + ": no ACAH (headerNames null) while X-Custom is unsafe." + NO_ACTUAL + REF,
     "/pv/acah-missing", 204, [acao(), acam("PUT")], "HeaderDisallowedByPreflightResponse",
     headers=[("X-Custom", "1")], acrh="x-custom")

case("acah-partial",
     H + ": ACAH lists x-a but not x-b." + NO_ACTUAL + REF,
     "/pv/acah-partial", 204, [acao(), acam("PUT"), acah("x-a")],
     "HeaderDisallowedByPreflightResponse", headers=[("X-A", "1"), ("X-B", "2")], acrh="x-a,x-b")

case("acah-star-without-credentials",
     H + ": `*` covers any unsafe name when credentials mode is not \"include\"." + REF,
     "/pv/acah-star", 204, [acao(), acam("PUT"), acah("*")], OK,
     headers=[("X-A", "1"), ("Content-Type", "application/json")], acrh="content-type,x-a")

case("acah-star-with-credentials",
     STAR + "`*` is only a literal header name with credentials: GET is fine (safelisted, ACAM "
     "`get` unused) but X-Test is not covered (" + H + ")." + NO_ACTUAL + REF,
     "/pv/acah-star-creds", 204, [acao(ORIGIN), acac(), acam("get"), acah("*")],
     "HeaderDisallowedByPreflightResponse", method="GET", headers=[("X-Test", "1")],
     acrh="x-test", credentials="include")

case("acah-acam-star-with-credentials-get",
     STAR + "credentials, ACAM `*` and ACAH `*`, GET with X-Test: GET is safelisted, X-Test is "
     "not covered by the literal `*` (" + H + ")." + NO_ACTUAL + REF,
     "/pv/acah-star-creds-2", 204, [acao(ORIGIN), acac(), acam("*"), acah("*")],
     "HeaderDisallowedByPreflightResponse", method="GET", headers=[("X-Test", "1")],
     acrh="x-test", credentials="include")

case("acah-star-does-not-cover-authorization",
     AUTH + ": Authorization is never covered by `*`, even without credentials, so it must be "
     "listed (WPT cors-preflight-star.any.js covers `*`; the standard's non-wildcard rule)."
     + NO_ACTUAL + REF,
     "/pv/acah-star-auth", 204, [acao(), acam("*"), acah("*")],
     "HeaderDisallowedByPreflightResponse", method="GET",
     headers=[("Authorization", "Bearer abc")], acrh="authorization")

case("acah-star-authorization-with-other",
     AUTH + ": with Authorization and X-Test, ACAH `*` would cover X-Test but not Authorization."
     + NO_ACTUAL + REF,
     "/pv/acah-star-auth-2", 204, [acao(), acam("PUT"), acah("*")],
     "HeaderDisallowedByPreflightResponse",
     headers=[("X-Test", "1"), ("Authorization", "Bearer abc")], acrh="authorization,x-test")

case("acah-authorization-listed",
     AUTH + " and .7: ACAH `Authorization` matches case-insensitively; the actual request carries "
     "the Authorization header, the preflight does not." + REF,
     "/pv/acah-auth", 204, [acao(), acam("PUT"), acah("Authorization")], OK,
     headers=[("Authorization", "Bearer abc")], acrh="authorization",
     authorization="Bearer abc")

case("acah-star-plus-authorization",
     AUTH + " and .7: ACAH `*, authorization` lists Authorization explicitly and `*` covers X-Test."
     + REF,
     "/pv/acah-star-plus-auth", 204, [acao(), acam("PUT"), acah("*, authorization")], OK,
     headers=[("X-Test", "1"), ("Authorization", "Bearer abc")], acrh="authorization,x-test",
     authorization="Bearer abc")

case("acah-authorization-with-credentials",
     AUTH + " and .7 with credentials: exact ACAO, ACAC and ACAH `authorization`." + REF,
     "/pv/acah-auth-creds", 204,
     [acao(ORIGIN), acac(), acam("GET"), acah("authorization")], OK, method="GET",
     headers=[("Authorization", "Basic Zm9vOmJhcg==")], acrh="authorization",
     credentials="include", authorization="Basic Zm9vOmJhcg==")

case("acah-content-type-listed",
     H + ": `Content-Type: application/json` is unsafe and ACAH lists content-type." + REF,
     "/pv/acah-ct", 204, [acao(), acam("POST"), acah("Content-Type")], OK, method="POST",
     headers=[("Content-Type", "application/json")], acrh="content-type")

case("acah-list-with-empty-element",
     "\"Extract header list values\": `x-a, ,x-b` is a valid `#field-name` list: (x-a, x-b). "
     + H + "." + REF,
     "/pv/acah-empty-element", 204, [acao(), acam("PUT"), acah("x-a, ,x-b")], OK,
     headers=[("X-A", "1"), ("X-B", "2")], acrh="x-a,x-b")

case("acah-repeated-headers-combine",
     "\"Extract header list values\" step 4: ACAH `x-a` and ACAH `x-b` give (x-a, x-b). " + H
     + "." + REF,
     "/pv/acah-repeated", 204, [acao(), acam("PUT"), acah("x-a"), acah("x-b")], OK,
     headers=[("X-A", "1"), ("X-B", "2")], acrh="x-a,x-b")

case("acah-wpt-name-with-space",
     "WPT cors-preflight-response-validation.any.js \"Preflight response with bad "
     "Allow-Access-Control-Headers\": `x-force-preflight,header name with space` does not match "
     "`#field-name` (" + S7 + ".3)." + NO_ACTUAL + REF,
     "/pv/acah-wpt", 204, [acao(), acah("x-force-preflight,header name with space")],
     "InvalidAllowHeadersPreflightResponse", method="GET",
     headers=[("x-force-preflight", "")], acrh="x-force-preflight")

case("acah-semicolon-invalid",
     S7 + ".3: `x-a;x-b` does not match `#field-name` (`;` is not a tchar)." + NO_ACTUAL + REF,
     "/pv/acah-semicolon", 204, [acao(), acam("PUT"), acah("x-a;x-b")],
     "InvalidAllowHeadersPreflightResponse", headers=[("X-A", "1")], acrh="x-a")

case("acah-invalid-without-unsafe-headers",
     S7 + ".3: an unparsable ACAH fails the preflight even when the request has no unsafe header "
     "(PUT alone)." + NO_ACTUAL + REF,
     "/pv/acah-invalid-no-headers", 204, [acao(), acam("PUT"), acah("x-a x-b")],
     "InvalidAllowHeadersPreflightResponse")

# --- method and headers together ------------------------------------------------------------------

case("headers-allowed-method-not",
     M + ": ACAH lists X-A but ACAM (POST, GET) lacks PUT; the method is checked first."
     + NO_ACTUAL + REF,
     "/pv/headers-ok-method-not", 204, [acao(), acam("POST, GET"), acah("X-A")],
     "MethodDisallowedByPreflightResponse", headers=[("X-A", "1")], acrh="x-a")

case("method-allowed-headers-not",
     H + ": ACAM lists PUT but ACAH (x-b) lacks x-a." + NO_ACTUAL + REF,
     "/pv/method-ok-headers-not", 204, [acao(), acam("PUT"), acah("x-b")],
     "HeaderDisallowedByPreflightResponse", headers=[("X-A", "1")], acrh="x-a")

case("method-and-headers-both-rejected",
     M + " comes before the header checks: both fail, the method is reported." + NO_ACTUAL + REF,
     "/pv/both-rejected", 204, [acao(), acam("GET"), acah("x-b")],
     "MethodDisallowedByPreflightResponse", method="DELETE", headers=[("X-A", "1")], acrh="x-a")

case("method-and-headers-both-allowed",
     M + " and .7: PATCH and both headers are listed." + REF,
     "/pv/both-allowed", 204, [acao(), acam("PATCH"), acah("x-a, x-b")], OK, method="PATCH",
     headers=[("X-B", "1"), ("X-A", "2")], acrh="x-a,x-b")


def main():
    source = ("Hand-written from the WHATWG Fetch standard (CORS-preflight fetch steps 6-8, "
              "CORS check, extract header list values, HTTP new-header syntax, HTTP fetch "
              "step 4); cases also from web-platform-tests "
              "fetch/api/cors/cors-preflight-star.any.js, cors-preflight-status.any.js and "
              "cors-preflight-response-validation.any.js. Generated by "
              "scripts/corpus/preflight_validation.py.")
    common.write_vectors(OUTPUT, source, VECTORS)
    print(f"wrote {len(VECTORS)} vectors to {common.relpath(OUTPUT)}")


if __name__ == "__main__":
    main()
