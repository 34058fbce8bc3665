#!/usr/bin/env python3
"""Generate spec-vectors/exposed-headers.json: which response headers script can read.

Every vector is a `scenario` of the `cors-vectors/1` format whose main expectation is
`exposed_headers`: the header names of the filtered response script sees (lowercase, sorted,
without duplicates). Each expectation is a literal decided by reading the WHATWG Fetch standard:
"main fetch" step 14.1 (the CORS-exposed header-name list from Access-Control-Expose-Headers,
`*` without credentials), "CORS-safelisted response-header name" (Cache-Control,
Content-Language, Content-Length, Content-Type, Expires, Last-Modified, Pragma, and the listed
names that are not forbidden response-header names), "forbidden response-header name"
(Set-Cookie, Set-Cookie2), the CORS / basic / opaque filtered responses, "extract header list
values" with the ABNF `Access-Control-Expose-Headers = #field-name` (RFC 9110 list rules), plus
web-platform-tests fetch/api/cors/cors-expose-star.js and cors-filtering.js.

No route sends Set-Cookie (cookies are not modelled); Set-Cookie2, the other forbidden
response-header name, stands in for it.

Usage (from the repository root):
    python3 scripts/corpus/exposed_headers.py
"""

import common
from common import ACAC, ACAM, ACAO, ACEH, ok, request, route, sent

OUTPUT = common.output_path("exposed-headers.json")

API = "http://api.example:8000"
DOC = "http://app.example"
REF = "http://app.example/"

SAFELISTED_7 = [
    ("Cache-Control", "no-cache"),
    ("Content-Language", "fr"),
    ("Content-Length", "0"),
    ("Content-Type", "text/plain"),
    ("Expires", "Wed, 04 May 1988 22:22:22 GMT"),
    ("Last-Modified", "Wed, 04 May 1988 22:22:22 GMT"),
    ("Pragma", "no-cache"),
]


VECTORS = common.Vectors()
add = VECTORS.add

FILTER = ('Fetch "main fetch" step 14: the CORS filtered response keeps only headers whose name '
          "is a CORS-safelisted response-header name given the CORS-exposed header-name list. ")


def cors(id_, description, headers, exposed, *, credentials=None, acao="*", status=200):
    """A simple CORS GET answered with ACAO (+ ACAC with credentials) and `headers`."""
    url = f"{API}/eh/{id_.removeprefix('eh-')}"
    route_headers = [(ACAO, acao)]
    if credentials == "include":
        route_headers.append((ACAC, "true"))
    route_headers += headers
    add(id_, FILTER + description, DOC, [route("GET", url, status, route_headers)],
        [ok(request(url, "GET", credentials=credentials), [sent("GET", url, DOC, REF)], "cors",
            status, exposed)])


# --- the safelist ------------------------------------------------------------------------------------

cors("eh-safelisted-all-seven",
     "All seven CORS-safelisted response-header names are readable without "
     "Access-Control-Expose-Headers; X-Secret is not (WPT cors-filtering.js).",
     SAFELISTED_7 + [("X-Secret", "1")],
     ["cache-control", "content-language", "content-length", "content-type", "expires",
      "last-modified", "pragma"])
cors("eh-safelisted-only-present",
     "Only safelisted headers that the response carries are readable.",
     [("Content-Type", "application/json"), ("Pragma", "no-cache")],
     ["content-type", "pragma"])
cors("eh-safelisted-any-case",
     "Safelisted names match byte-case-insensitively; names are reported lowercase.",
     [("CONTENT-TYPE", "text/html"), ("cache-control", "max-age=60"), ("eXpIrEs", "0")],
     ["cache-control", "content-type", "expires"])
cors("eh-others-hidden",
     "Headers outside the safelist are hidden without Access-Control-Expose-Headers, "
     "including Access-Control-Allow-Origin itself, Age, Server, Date, ETag, Vary and "
     "Content-Encoding (WPT cors-filtering.js).",
     [("Age", "27"), ("Server", "test"), ("Date", "Wed, 04 May 1988 22:22:22 GMT"),
      ("ETag", "\"x\""), ("Vary", "Origin"), ("Content-Encoding", "identity"),
      ("X-Custom", "1")],
     [])
cors("eh-no-headers",
     "A response with only Access-Control-Allow-Origin exposes nothing.",
     [], [])

# --- Access-Control-Expose-Headers lists ----------------------------------------------------------------

cors("eh-aceh-one-name",
     "Access-Control-Expose-Headers `X-A` exposes X-A; X-B stays hidden.",
     [(ACEH, "X-A"), ("X-A", "1"), ("X-B", "2"), ("Content-Type", "text/plain")],
     ["content-type", "x-a"])
cors("eh-aceh-case-insensitive",
     "Listed names match byte-case-insensitively: `x-a, X-B` exposes `X-A` and `x-b`.",
     [(ACEH, "x-a, X-B"), ("X-A", "1"), ("x-b", "2"), ("X-C", "3")],
     ["x-a", "x-b"])
cors("eh-aceh-spaces",
     "The #field-name list allows optional whitespace around commas.",
     [(ACEH, "x-a ,   x-b,x-c"), ("X-A", "1"), ("X-B", "2"), ("X-C", "3"), ("X-D", "4")],
     ["x-a", "x-b", "x-c"])
cors("eh-aceh-repeated-headers",
     '"extract header list values" step 4: the values of every Access-Control-Expose-Headers '
     "header are concatenated.",
     [(ACEH, "x-a"), (ACEH, "x-b"), ("X-A", "1"), ("X-B", "2"), ("X-C", "3")],
     ["x-a", "x-b"])
cors("eh-aceh-name-not-present",
     "A listed name the response lacks exposes nothing more.",
     [(ACEH, "x-a, x-missing"), ("X-A", "1")],
     ["x-a"])
cors("eh-aceh-lists-acao",
     "Access-Control-* headers can be exposed by listing them.",
     [(ACEH, "Access-Control-Allow-Origin, access-control-expose-headers"), ("X-A", "1")],
     ["access-control-allow-origin", "access-control-expose-headers"])
cors("eh-aceh-empty",
     "An empty Access-Control-Expose-Headers is an empty list (#field-name allows zero "
     "elements): only safelisted names.",
     [(ACEH, ""), ("X-A", "1"), ("Content-Language", "en")],
     ["content-language"])
cors("eh-aceh-empty-elements",
     "RFC 9110 §5.6.1.2: a recipient accepts and ignores empty list elements, so `x-a,,x-b` "
     "and a trailing comma list x-a and x-b.",
     [(ACEH, "x-a,,x-b,"), ("X-A", "1"), ("X-B", "2"), ("X-C", "3")],
     ["x-a", "x-b"])
cors("eh-duplicate-names-deduplicated",
     "Several headers with one name (any case) are one readable name.",
     [(ACEH, "x-a"), ("X-A", "1"), ("x-a", "2"), ("Content-Type", "text/plain"),
      ("content-type", "text/html")],
     ["content-type", "x-a"])
cors("eh-aceh-with-exact-origin",
     "Exposure works the same with an exact Access-Control-Allow-Origin.",
     [(ACEH, "x-a"), ("X-A", "1"), ("X-B", "2")], ["x-a"], acao="http://app.example")
cors("eh-aceh-on-404",
     "Exposure applies to any status: a 404 shared with `*` exposes X-A.",
     [(ACEH, "x-a"), ("X-A", "1"), ("X-B", "2")], ["x-a"], status=404)
cors("eh-aceh-include-listed",
     "With credentials, listed names are exposed as without.",
     [(ACEH, "x-a"), ("X-A", "1"), ("X-B", "2")], ["x-a"], credentials="include",
     acao="http://app.example")

# --- `*` --------------------------------------------------------------------------------------

cors("eh-star-no-credentials",
     'Step 14.1.2: credentials mode not "include" and the list contains `*`: every header name '
     "of the response is exposed, Access-Control-* included (WPT cors-expose-star.js).",
     [(ACEH, "*"), ("X-A", "1"), ("Server", "test"), ("Content-Type", "text/plain")],
     ["access-control-allow-origin", "access-control-expose-headers", "content-type", "server",
      "x-a"])
cors("eh-star-omit",
     'Step 14.1.2 with credentials mode "omit".',
     [(ACEH, "*"), ("X-A", "1")],
     ["access-control-allow-origin", "access-control-expose-headers", "x-a"],
     credentials="omit")
cors("eh-star-exact-origin-same-origin-mode",
     'Step 14.1.2: `*` with an exact Access-Control-Allow-Origin and credentials mode '
     '"same-origin" (no credentials on a cross-origin request) still exposes everything.',
     [(ACEH, "*"), ("X-A", "1")],
     ["access-control-allow-origin", "access-control-expose-headers", "x-a"],
     acao="http://app.example", credentials="same-origin")
cors("eh-star-among-values",
     "Step 14.1.2: `*` as one of several values (two headers) still exposes everything "
     "(WPT cors-expose-star.js \"* can be one of several values\").",
     [(ACEH, "*"), (ACEH, "x-b"), ("X-A", "1"), ("X-B", "2")],
     ["access-control-allow-origin", "access-control-expose-headers", "x-a", "x-b"])
cors("eh-star-in-list",
     "Step 14.1.2: `x-b, *` in one header contains `*`.",
     [(ACEH, "x-b, *"), ("X-A", "1")],
     ["access-control-allow-origin", "access-control-expose-headers", "x-a"])
cors("eh-star-credentials-literal",
     'Step 14.1.3: with credentials mode "include" `*` is only a name, matching a header '
     "literally named `*`; X-A stays hidden, safelisted names stay readable (WPT "
     "cors-expose-star.js \"* for credentialed fetches only matches literally\").",
     [(ACEH, "*"), ("X-A", "1"), ("*", "whoa"), ("Content-Type", "text/plain")],
     ["*", "content-type"], credentials="include", acao="http://app.example")
cors("eh-star-credentials-no-star-header",
     "Step 14.1.3: with credentials and no header named `*`, `*` exposes nothing.",
     [(ACEH, "*"), ("X-A", "1")],
     [], credentials="include", acao="http://app.example")
cors("eh-star-and-name-credentials",
     "Step 14.1.3: with credentials, `x-a, *` exposes X-A (listed) only.",
     [(ACEH, "x-a, *"), ("X-A", "1"), ("X-B", "2")],
     ["x-a"], credentials="include", acao="http://app.example")
cors("eh-star-header-without-credentials",
     "Step 14.1.2: a header literally named `*` is one more header name exposed by `*`.",
     [(ACEH, "*"), ("*", "whoa")],
     ["*", "access-control-allow-origin", "access-control-expose-headers"])

# --- forbidden response-header names -----------------------------------------------------------------

cors("eh-set-cookie2-listed",
     '"CORS-safelisted response-header name": a listed name that is a forbidden '
     "response-header name (Set-Cookie2) is not safelisted, so it stays hidden.",
     [(ACEH, "Set-Cookie2, x-a"), ("Set-Cookie2", "a=b"), ("X-A", "1")],
     ["x-a"])
cors("eh-set-cookie2-star",
     "Step 14.1.2 puts every name in the list, but Set-Cookie2 is a forbidden response-header "
     "name and never passes the CORS filter.",
     [(ACEH, "*"), ("Set-Cookie2", "a=b"), ("X-A", "1")],
     ["access-control-allow-origin", "access-control-expose-headers", "x-a"])
cors("eh-set-cookie-listed-absent",
     "Listing Set-Cookie exposes nothing (it is a forbidden response-header name, and absent "
     "here).",
     [(ACEH, "set-cookie, x-a"), ("X-A", "1")],
     ["x-a"])

# --- invalid values --------------------------------------------------------------------------------

cors("eh-invalid-aceh-space-in-name",
     '"extract header list values": `x-a, x b` does not match #field-name (`x b` is not a '
     "token), so extraction fails and only safelisted names are exposed.",
     [(ACEH, "x-a, x b"), ("X-A", "1"), ("Content-Type", "text/plain")],
     ["content-type"])
cors("eh-invalid-aceh-star",
     '"extract header list values" fails for `*, x b`, so it is not a list containing `*`: '
     "only safelisted names.",
     [(ACEH, "*, x b"), ("X-A", "1"), ("Cache-Control", "no-store")],
     ["cache-control"])
cors("eh-invalid-aceh-second-header",
     '"extract header list values" step 4.2: one invalid Access-Control-Expose-Headers header '
     "(`x(b)`) makes the whole extraction fail, even though the first lists x-a.",
     [(ACEH, "x-a"), (ACEH, "x(b)"), ("X-A", "1")],
     [])
cors("eh-invalid-aceh-non-token",
     '"extract header list values" fails for `x-a; x-b` (`;` is no token character).',
     [(ACEH, "x-a; x-b"), ("X-A", "1"), ("X-B", "2"), ("Content-Type", "text/plain")],
     ["content-type"])

# --- basic and opaque responses, preflighted requests -------------------------------------------------

url = DOC + "/eh/basic"
add("eh-basic-exposes-all",
    'Fetch "main fetch" step 12: a same-origin request is tainted basic; a basic '
    "filtered response hides only forbidden response-header names, so every "
    "other header, Access-Control-Expose-Headers notwithstanding, is readable. "
    "Same-origin GET: no Origin header; Referer the document URL.",
    DOC,
    [route("GET", url, 200, [(ACEH, "x-a"), ("X-A", "1"), ("X-B", "2"), ("Server", "test"),
                             ("Content-Type", "text/plain")])],
    [ok(request(url, "GET"), [sent("GET", url, None, REF)], "basic", 200,
        ["access-control-expose-headers", "content-type", "server", "x-a", "x-b"])])

url = DOC + "/eh/basic-set-cookie2"
add("eh-basic-hides-set-cookie2",
    'Fetch "basic filtered response": excludes headers whose name is a forbidden '
    "response-header name (Set-Cookie2); all others are readable.",
    DOC,
    [route("GET", url, 200, [("Set-Cookie2", "a=b"), ("X-Secret", "1"),
                             ("Date", "Wed, 04 May 1988 22:22:22 GMT")])],
    [ok(request(url, "GET"), [sent("GET", url, None, REF)], "basic", 200, ["date", "x-secret"])])

url = API + "/eh/opaque"
add("eh-opaque-exposes-nothing",
    'Fetch "opaque filtered response": its header list is empty, so no-cors '
    "fetches expose nothing, not even safelisted names or `*`-exposed ones.",
    DOC,
    [route("GET", url, 200, [(ACAO, "*"), (ACEH, "*"), ("Content-Type", "text/plain"),
                             ("X-A", "1")])],
    [ok(request(url, "GET", mode="no-cors"), [sent("GET", url, None, REF)], "opaque", 0)])

url = API + "/eh/preflighted"
add("eh-preflighted-uses-actual-aceh",
    'Fetch "main fetch" step 14.1 reads Access-Control-Expose-Headers from the '
    "actual response only: the preflight's `x-b` exposes nothing, the actual "
    "response's `x-a` exposes X-A.",
    DOC,
    [route("OPTIONS", url, 204, [(ACAO, "*"), (ACAM, "PUT"), (ACEH, "x-b")]),
     route("PUT", url, 200, [(ACAO, "*"), (ACEH, "x-a"), ("X-A", "1"), ("X-B", "2")])],
    [ok(request(url, "PUT"),
        [sent("OPTIONS", url, DOC, REF, acrm="PUT"), sent("PUT", url, DOC, REF)],
        "cors", 200, ["x-a"], preflight=True)])

url = API + "/eh/preflighted-star"
add("eh-preflighted-star",
    'Fetch "main fetch" step 14.1.2: `*` on the actual response of a preflighted '
    "request without credentials exposes all of its header names.",
    DOC,
    [route("OPTIONS", url, 204, [(ACAO, "*"), (ACAM, "DELETE")]),
     route("DELETE", url, 200, [(ACAO, "*"), (ACEH, "*"), ("X-A", "1")])],
    [ok(request(url, "DELETE"),
        [sent("OPTIONS", url, DOC, REF, acrm="DELETE"), sent("DELETE", url, DOC, REF)], "cors",
        200, ["access-control-allow-origin", "access-control-expose-headers", "x-a"],
        preflight=True)])


def main():
    source = ("Hand-written from the WHATWG Fetch standard (main fetch, CORS-safelisted "
              "response-header name, forbidden response-header name, filtered responses, "
              "extract header list values, HTTP new-header syntax) and web-platform-tests "
              "fetch/api/cors/cors-expose-star.js and cors-filtering.js. Generated by "
              "scripts/corpus/exposed_headers.py.")
    common.write_vectors(OUTPUT, source, VECTORS)
    steps = common.step_count(VECTORS)
    print(f"wrote {len(VECTORS)} vectors ({steps} steps) to {common.relpath(OUTPUT)}")


if __name__ == "__main__":
    main()
