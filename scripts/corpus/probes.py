#!/usr/bin/env python3
"""Generate spec-vectors/probes/engine-differences.json: probes of where engines depart from Fetch.

Every vector is a `scenario` of the `cors-vectors/1` format, chosen to sit exactly where the
project's research notes (shared/research/engines.md §6 "Engine differences a per-engine profile
must capture", §1.7-1.10 Chromium, §2.2-2.7 Firefox, §3.2-3.5 WebKit) say Chromium, Firefox or
WebKit do something other than the WHATWG Fetch standard. The file is meant to be recorded with
the oracle (scripts/record-engines.sh) so that each engine's behaviour is captured and can be
modelled as a profile; the recordings then replace these expectations per engine.

The expectations written here are those of the STANDARD (so the file also passes under the spec
profile). Every one is a literal decided by reading the Fetch standard: "main fetch" step 12 (the
mode switch; "clear cache entries" on a network error in the preflight branch) and step 14.1
(Access-Control-Expose-Headers), "HTTP fetch" step 4.1 (when a preflight is needed) and 4.4 (CORS
check), "HTTP-redirect fetch" steps 12-13 and 22, "CORS-preflight fetch" steps 1-8 (7.1-7.16),
"CORS-preflight cache" (cache entry match, method / header-name cache entry match, clear cache
entries), "CORS check", "redirect-taint" and "serializing a request origin", "append a request
Origin header", "CORS-safelisted request-header" (range: "parse a single range header value" with
allowWhitespace false), "CORS-safelisted response-header name", "extract header list values";
plus Referrer Policy's strict-origin-when-cross-origin (no Referer when the referrer is potentially
trustworthy and the current URL is not), and XMLHttpRequest's send() (the upload listener flag
sets the use-CORS-preflight flag, whatever the method).

Readings followed (stated in the project's brief): a `*` cache entry is used only by requests
whose credentials mode is not "include"; a max-age update refreshes the entry's lifetime from the
time of the new preflight; Max-Age 0 caches nothing; the spec profile has no max-age cap; an
Access-Control-Max-Age that is not 1*DIGIT, or that appears twice, gives 5 s; an entry stored at t
with max-age m serves requests at times < t + m.

Timing: no step is later than t=620 (a recording waits in real time). Chromium's 7200 s max-age
cap cannot be probed within that bound, so there is no `7300` vector.

Routes never send Set-Cookie. Every vector uses its own URL paths.

Usage (from the repository root):
    python3 scripts/corpus/probes.py
"""

from functools import partial

import common
from common import (ACAH, ACAM, ACAO, ACEH, CRED, CT, LOC, MAX_AGE, fail, fetch, ok, options,
                    reflect_options, rt)

OUTPUT = common.output_path("probes", "engine-differences.json")

# Documents (a document's URL is its origin + "/").
DOC = "http://app.example"
DOC_REF = "http://app.example/"          # not potentially trustworthy: origin + "/" cross-origin
LOCAL = "http://localhost:3000"
LOCAL_REF = "http://localhost:3000/"
LOOP = "http://127.0.0.1:3000"
LOOP_REF = "http://127.0.0.1:3000/"
TLS = "https://app.example"
TLS_REF = "https://app.example/"
NULL = "null"

# Targets.
API = "http://api.example:8000"
OTHER = "http://other.example:8000"
API_SITE_PORT = "http://api.example:9000"   # same site as API, another origin
API_TLS = "https://api.example"
LOCAL_API = "http://localhost:8000"
LOOP_API = "http://127.0.0.1:8000"
V6_API = "http://[::1]:8000"

AUTH = "Basic eA=="
R_ORIGIN = (ACAO, "{{origin}}")


# --- builders (common.py), the http://app.example document by default -------------------------

sent = partial(common.sent, origin=DOC, referer=DOC_REF)
pre = partial(common.pre, origin=DOC, referer=DOC_REF)

VECTORS = common.Vectors()
add = VECTORS.add


def u(area, slug, base=API):
    return f"{base}/probe/{area}/{slug}"


# Shared description fragments.
PF = 'Fetch "CORS-preflight fetch"'
STORE = (PF + ' steps 7.12-7.15 create one cache entry per method of Access-Control-Allow-Methods '
         'and per name of Access-Control-Allow-Headers, and only update (never remove) entries '
         'already there; "HTTP fetch" step 4.1 skips the preflight when there is a method cache '
         'entry match and a header-name cache entry match. ')
CLEAR = ('Fetch "main fetch" step 12 (use-CORS-preflight / unsafe-request branch, step 3): a '
         'network error runs "clear cache entries", which removes every entry with the same '
         'network partition key, byte-serialized origin and URL (any method, header or '
         'credentials). ')
MAXAGE = (PF + ' steps 7.8-7.9: Access-Control-Max-Age is extracted with "extract header list '
          'values" (ABNF delta-seconds = 1*DIGIT, a single header); failure or null gives 5. ')
CHECK = 'Fetch "HTTP fetch" step 4.4: the CORS check runs on every response, redirects included. '
TAINT = ('"redirect-taint" is not same-origin, so "serializing a request origin" gives `null` '
         '(Origin header, CORS check, cache key). ')
REF_APP = ('Referer http://app.example/ (strict-origin-when-cross-origin; the document is not '
           'potentially trustworthy). ')
XHR = ('XMLHttpRequest send(): a registered upload listener sets the upload listener flag and '
       'thereby the request\'s use-CORS-preflight flag, whatever the method or body. ')


# =============================================================================================
# A. Preflight cache shape over time (engines.md §6.2, §1.8, §2.2, §3.2)
# =============================================================================================

url = u("cache", "second-method")
add("probe-cache-second-method-keeps-first",
    "Probes the cache's granularity (engines.md §6.2 'New preflight'; §1.8 Chromium and §3.2 "
    "WebKit replace the whole entry per (origin, URL), so PUT would preflight again at t=2; §2.2 "
    "Firefox merges tokens). " + STORE + "The DELETE preflight at t=1 creates a DELETE entry and "
    "leaves the PUT entry (max-age 60) in place: no preflight at t=2 or t=3. " + REF_APP,
    DOC,
    [reflect_options(url, (MAX_AGE, "60")), rt("*", url, 200, R_ORIGIN)],
    [ok(fetch(url, "PUT"), [pre(url, "PUT"), sent("PUT", url)], preflight=True),
     ok(fetch(url, "DELETE"), [pre(url, "DELETE"), sent("DELETE", url)], preflight=True, at=1),
     ok(fetch(url, "PUT"), [sent("PUT", url)], at=2),
     ok(fetch(url, "DELETE"), [sent("DELETE", url)], at=3)])

url = u("cache", "second-header")
add("probe-cache-second-header-keeps-first",
    "Probes the cache's granularity for header names (engines.md §6.2; §1.8 Chromium / §3.2 "
    "WebKit replace the entry, so X-A would preflight again at t=2). " + STORE + "The X-B "
    "preflight at t=1 adds an x-b entry; the x-a entry (max-age 60) stays: t=2 (X-A) and t=3 "
    "(X-A and X-B) need no preflight. " + REF_APP,
    DOC,
    [reflect_options(url, (MAX_AGE, "60")), rt("GET", url, 200, R_ORIGIN)],
    [ok(fetch(url, headers=[("X-A", "1")]), [pre(url, "GET", "x-a"), sent("GET", url)],
        preflight=True),
     ok(fetch(url, headers=[("X-B", "1")]), [pre(url, "GET", "x-b"), sent("GET", url)],
        preflight=True, at=1),
     ok(fetch(url, headers=[("X-A", "1")]), [sent("GET", url)], at=2),
     ok(fetch(url, headers=[("X-A", "1"), ("X-B", "1")]), [sent("GET", url)], at=3)])

url = u("cache", "second-method-cred")
add("probe-cache-second-method-credentialed-keeps-first",
    "As probe-cache-second-method-keeps-first with credentials 'include' (engines.md §6.2; "
    "§1.8 Chromium and §3.2 WebKit replace the whole entry). " + STORE + "The entries are "
    "credentialed (credentials true) and match the later credentialed requests ('cache entry "
    "match'). The preflight's CORS check uses the request's credentials mode (step 7), hence "
    "ACAC true. " + REF_APP,
    DOC,
    [reflect_options(url, (MAX_AGE, "60"), credentials=True), rt("*", url, 200, R_ORIGIN, CRED)],
    [ok(fetch(url, "PUT", credentials="include"), [pre(url, "PUT"), sent("PUT", url)],
        preflight=True),
     ok(fetch(url, "DELETE", credentials="include"),
        [pre(url, "DELETE"), sent("DELETE", url)], preflight=True, at=1),
     ok(fetch(url, "PUT", credentials="include"), [sent("PUT", url)], at=2),
     ok(fetch(url, "DELETE", credentials="include"), [sent("DELETE", url)], at=3)])

url = u("cache", "second-header-cred")
add("probe-cache-second-header-credentialed-keeps-first",
    "As probe-cache-second-header-keeps-first with credentials 'include' (engines.md §6.2, "
    "§1.8, §3.2). " + STORE + REF_APP,
    DOC,
    [reflect_options(url, (MAX_AGE, "60"), credentials=True), rt("GET", url, 200, R_ORIGIN, CRED)],
    [ok(fetch(url, headers=[("X-A", "1")], credentials="include"),
        [pre(url, "GET", "x-a"), sent("GET", url)], preflight=True),
     ok(fetch(url, headers=[("X-B", "1")], credentials="include"),
        [pre(url, "GET", "x-b"), sent("GET", url)], preflight=True, at=1),
     ok(fetch(url, headers=[("X-A", "1")], credentials="include"), [sent("GET", url)], at=2)])

url = u("cache", "method-star")
add("probe-cache-method-star-reused",
    "Probes reuse of a `*` method entry (engines.md §6.2 '`*` entries reused': Firefox stores "
    "`*` literally and never treats it as a wildcard on lookup, §2.2, so it preflights every "
    "step). " + PF + " step 7.5 accepts PUT through `*` (credentials not 'include'); step 7.13 "
    "stores a `*` method entry, and 'method cache entry match' matches any method against `*`: "
    "PUT, DELETE and PATCH after t=0 need no preflight. " + REF_APP,
    DOC,
    [options(url, R_ORIGIN, (ACAM, "*"), (MAX_AGE, "60")), rt("*", url, 200, R_ORIGIN)],
    [ok(fetch(url, "PUT"), [pre(url, "PUT"), sent("PUT", url)], preflight=True),
     ok(fetch(url, "PUT"), [sent("PUT", url)], at=1),
     ok(fetch(url, "DELETE"), [sent("DELETE", url)], at=2),
     ok(fetch(url, "PATCH"), [sent("PATCH", url)], at=3)])

url = u("cache", "header-star")
add("probe-cache-header-star-reused",
    "Probes reuse of a `*` header entry (engines.md §6.2; §2.2 Firefox never reuses `*`). "
    + PF + " step 7.7 accepts X-A through `*`; step 7.15 stores a `*` header-name entry; "
    "'header-name cache entry match' matches any name but Authorization against `*`: X-A and X-B "
    "after t=0 need no preflight. " + REF_APP,
    DOC,
    [options(url, R_ORIGIN, (ACAH, "*"), (MAX_AGE, "60")), rt("GET", url, 200, R_ORIGIN)],
    [ok(fetch(url, headers=[("X-A", "1")]), [pre(url, "GET", "x-a"), sent("GET", url)],
        preflight=True),
     ok(fetch(url, headers=[("X-A", "1")]), [sent("GET", url)], at=1),
     ok(fetch(url, headers=[("X-B", "1")]), [sent("GET", url)], at=2)])

url = u("cache", "star-from-cred")
add("probe-cache-star-entry-from-credentialed-preflight",
    "Probes what a `*` method entry created by a credentialed preflight serves (engines.md §5.18 "
    "observation, §6.2, §1.7 Chromium counts `*` only for a non-credentialed result, §3.2 WebKit "
    "only for a non-credentialed request, §2.2 Firefox never). t=0: PUT 'include' is allowed by "
    "the literal PUT of `*, PUT`; step 7.13 stores `*` and PUT entries with credentials true. "
    "t=1: DELETE 'same-origin' — 'cache entry match' holds (credentials true) and the `*` entry "
    "is used because the request is not 'include': no preflight. t=2: DELETE 'include' — the `*` "
    "entry is not used for 'include' (the project's reading; the standard's method cache entry "
    "match does not re-check credentials), so it preflights, and step 7.5 fails (`*` is literal "
    "with 'include'): MethodDisallowedByPreflightResponse; " + CLEAR + "t=3: PUT 'include' "
    "preflights again. " + REF_APP,
    DOC,
    [options(url, R_ORIGIN, CRED, (ACAM, "*, PUT"), (MAX_AGE, "60")),
     rt("*", url, 200, R_ORIGIN, CRED)],
    [ok(fetch(url, "PUT", credentials="include"), [pre(url, "PUT"), sent("PUT", url)],
        preflight=True),
     ok(fetch(url, "DELETE"), [sent("DELETE", url)], at=1),
     fail(fetch(url, "DELETE", credentials="include"), [pre(url, "DELETE")],
          "MethodDisallowedByPreflightResponse", preflight=True, at=2),
     ok(fetch(url, "PUT", credentials="include"), [pre(url, "PUT"), sent("PUT", url)],
        preflight=True, at=3)])

url = u("cache", "cred-serves-uncred")
add("probe-cache-credentialed-entry-serves-uncredentialed",
    "Probes whether a credentialed entry serves requests without credentials (engines.md §6.2 "
    "'Credentialed entry serves non-credentialed request': Firefox keys 'cred'/'nocred' apart, "
    "§2.2, so it preflights at t=1). 'cache entry match' holds when the entry's "
    "credentials is true, whatever the request's credentials mode: the PUT entry stored by the "
    "credentialed preflight at t=0 serves PUT 'same-origin' (t=1) and 'omit' (t=2). " + REF_APP,
    DOC,
    [reflect_options(url, (MAX_AGE, "60"), credentials=True), rt("*", url, 200, R_ORIGIN, CRED)],
    [ok(fetch(url, "PUT", credentials="include"), [pre(url, "PUT"), sent("PUT", url)],
        preflight=True),
     ok(fetch(url, "PUT"), [sent("PUT", url)], at=1),
     ok(fetch(url, "PUT", credentials="omit"), [sent("PUT", url)], at=2)])

url = u("cache", "uncred-not-cred")
add("probe-cache-uncredentialed-entry-not-for-credentialed",
    "Control for the credentials key (engines.md §6.2; §1.7 Chromium EnsureAllowedRequest, §3.2 "
    "WebKit m_storedCredentialsPolicy, §2.2 Firefox key): an entry with credentials false "
    "matches only requests whose credentials mode is not 'include' ('cache entry match'), so PUT "
    "'include' at t=1 preflights. " + REF_APP,
    DOC,
    [reflect_options(url, (MAX_AGE, "60"), credentials=True), rt("*", url, 200, R_ORIGIN, CRED)],
    [ok(fetch(url, "PUT"), [pre(url, "PUT"), sent("PUT", url)], preflight=True),
     ok(fetch(url, "PUT", credentials="include"), [pre(url, "PUT"), sent("PUT", url)],
        preflight=True, at=1),
     ok(fetch(url, "PUT", credentials="include"), [sent("PUT", url)], at=2)])

url = u("cache", "clear-actual")
add("probe-cache-cleared-after-failed-actual-request",
    "Probes 'clear cache entries' (engines.md §6.2 'Clear on failure': Chromium never clears, "
    "§1.8; WebKit erases only entries failing allowsRequest, §3.2; Firefox RemoveEntries, §2.2). "
    "The preflight passes, the PUT's response has no ACAO: CORS check fails "
    "(MissingAllowOriginHeader). " + CLEAR + "So t=1 preflights again. " + REF_APP,
    DOC,
    [reflect_options(url, (MAX_AGE, "60")), rt("*", url, 200)],
    [fail(fetch(url, "PUT"), [pre(url, "PUT"), sent("PUT", url)], "MissingAllowOriginHeader",
          preflight=True),
     fail(fetch(url, "PUT"), [pre(url, "PUT"), sent("PUT", url)], "MissingAllowOriginHeader",
          preflight=True, at=1)])

url = u("cache", "clear-all-methods")
add("probe-cache-clear-removes-other-methods",
    "Probes that clearing removes every method's entry for the URL (engines.md §6.2, §1.8 "
    "Chromium does not clear, §3.2 WebKit neither). t=0 caches PUT and DELETE (ACAM `PUT, "
    "DELETE`, max-age 60). t=1 DELETE hits the cache but its response lacks ACAO "
    "(MissingAllowOriginHeader); " + CLEAR + "t=2 PUT preflights again. " + REF_APP,
    DOC,
    [options(url, R_ORIGIN, (ACAM, "PUT, DELETE"), (MAX_AGE, "60")),
     rt("PUT", url, 200, R_ORIGIN), rt("DELETE", url, 200)],
    [ok(fetch(url, "PUT"), [pre(url, "PUT"), sent("PUT", url)], preflight=True),
     fail(fetch(url, "DELETE"), [sent("DELETE", url)], "MissingAllowOriginHeader", at=1),
     ok(fetch(url, "PUT"), [pre(url, "PUT"), sent("PUT", url)], preflight=True, at=2)])

url_a = u("cache", "clear-url-a")
url_b = u("cache", "clear-url-b")
add("probe-cache-clear-leaves-other-url",
    "Probes that 'clear cache entries' is keyed by the URL (engines.md §6.2; §2.2 Firefox "
    "RemoveEntries(uri, ...)). t=0/t=1 cache PUT and DELETE for URL a and b. t=2: DELETE a hits "
    "the cache, its response lacks ACAO (MissingAllowOriginHeader) and clears only URL a's "
    "entries. t=3: PUT b still hits; t=4: PUT a preflights again (Chromium, which never clears, "
    "would not). " + CLEAR + REF_APP,
    DOC,
    [options(url_a, R_ORIGIN, (ACAM, "PUT, DELETE"), (MAX_AGE, "60")),
     options(url_b, R_ORIGIN, (ACAM, "PUT, DELETE"), (MAX_AGE, "60")),
     rt("PUT", url_a, 200, R_ORIGIN), rt("DELETE", url_a, 200),
     rt("*", url_b, 200, R_ORIGIN)],
    [ok(fetch(url_a, "PUT"), [pre(url_a, "PUT"), sent("PUT", url_a)], preflight=True),
     ok(fetch(url_b, "PUT"), [pre(url_b, "PUT"), sent("PUT", url_b)], preflight=True, at=1),
     fail(fetch(url_a, "DELETE"), [sent("DELETE", url_a)], "MissingAllowOriginHeader", at=2),
     ok(fetch(url_b, "PUT"), [sent("PUT", url_b)], at=3),
     ok(fetch(url_a, "PUT"), [pre(url_a, "PUT"), sent("PUT", url_a)], preflight=True, at=4)])

url = u("cache", "clear-preflight")
add("probe-cache-cleared-after-failed-preflight",
    "Probes clearing after a failed preflight (engines.md §6.2; §1.8 Chromium stores only fully "
    "successful preflights and never clears; §3.2 WebKit stores the allow-lists before the "
    "method check fails, replacing the entry; §2.2 Firefox removes). t=0 caches PUT. t=1: DELETE "
    "preflights; ACAM `PUT` does not allow it (step 7.5, MethodDisallowedByPreflightResponse); "
    + CLEAR + "t=2: PUT preflights again. " + REF_APP,
    DOC,
    [options(url, R_ORIGIN, (ACAM, "PUT"), (MAX_AGE, "60")), rt("*", url, 200, R_ORIGIN)],
    [ok(fetch(url, "PUT"), [pre(url, "PUT"), sent("PUT", url)], preflight=True),
     fail(fetch(url, "DELETE"), [pre(url, "DELETE")], "MethodDisallowedByPreflightResponse",
          preflight=True, at=1),
     ok(fetch(url, "PUT"), [pre(url, "PUT"), sent("PUT", url)], preflight=True, at=2)])

url = u("cache", "refresh")
add("probe-cache-max-age-refreshed-by-later-preflight",
    "Probes when an updated entry's lifetime starts (engines.md §6.2 'New preflight': Chromium "
    "and WebKit replace the entry, Firefox refreshes token expiry; §4.3 Servo keeps the old "
    "creation time). No Max-Age: 5 s. t=0 caches PUT until 5. t=3: DELETE preflights; ACAM `PUT, "
    "DELETE` — " + PF + " step 7.12 sets the PUT entry's max-age again, which (the project's "
    "reading) restarts its lifetime at t=3, so PUT at t=6 hits; at t=9 (> 3 + 5) it preflights. "
    + REF_APP,
    DOC,
    [options(url, R_ORIGIN, (ACAM, "PUT, {{request-method}}")), rt("*", url, 200, R_ORIGIN)],
    [ok(fetch(url, "PUT"), [pre(url, "PUT"), sent("PUT", url)], preflight=True),
     ok(fetch(url, "DELETE"), [pre(url, "DELETE"), sent("DELETE", url)], preflight=True, at=3),
     ok(fetch(url, "PUT"), [sent("PUT", url)], at=6),
     ok(fetch(url, "PUT"), [pre(url, "PUT"), sent("PUT", url)], preflight=True, at=9)])

# =============================================================================================
# B. Access-Control-Max-Age odd values (engines.md §6.1, §1.7, §2.3, §3.2)
# =============================================================================================

# (slug, header values, spec lifetime summary, which steps preflight, engines note)
MAX_AGE_TABLE = [
    ("zero", ["0"], "0 is delta-seconds: entries with max-age 0 are never usable (the project's "
     "reading: nothing is cached)", {0: True, 3: True, 7: True},
     "All engines: not cached (Chromium stores an expired entry, Firefox skips age 0, WebKit "
     "expiry = now)."),
    ("minus-one", ["-1"], "`-1` is not delta-seconds: failure, 5 s",
     {0: True, 3: False, 7: True},
     "Chromium reads negative as 0 (not cached), Firefox aborts caching on `-`, WebKit keeps -1 "
     "(expired at once): all three preflight at t=3."),
    ("minus-zero", ["-0"], "`-0` is not delta-seconds: failure, 5 s",
     {0: True, 3: False, 7: True},
     "Chromium/WebKit parse 0 (not cached), Firefox aborts on `-`: preflight at t=3."),
    ("plus-sixty", ["+60"], "`+60` is not delta-seconds: failure, 5 s",
     {0: True, 3: False, 7: True},
     "Chromium (StringToInt64 accepts `+`) and WebKit (FIXME) read 60: no preflight at t=7; "
     "Firefox aborts on `+`: preflight at t=3."),
    ("ten-point-five", ["10.5"], "`10.5` is not delta-seconds: failure, 5 s",
     {0: True, 3: False, 7: True},
     "Chromium/WebKit: 5 s like the spec; Firefox aborts on `.`: preflight at t=3."),
    ("two-headers", ["60", "60"], "two Access-Control-Max-Age headers: the ABNF allows a single "
     "header, so extraction fails: 5 s", {0: True, 3: False, 7: True},
     "Chromium/WebKit join to `60, 60` and fail to parse: 5 s; Firefox sees `,`: not cached, "
     "preflight at t=3."),
    ("comma-list", ["60,60"], "`60,60` in one header is not delta-seconds: failure, 5 s",
     {0: True, 3: False, 7: True},
     "Chromium/WebKit: 5 s; Firefox aborts on `,`: preflight at t=3."),
    ("abc", ["abc"], "`abc` is not delta-seconds: failure, 5 s", {0: True, 3: False, 7: True},
     "Chromium/WebKit: 5 s; Firefox: not cached, preflight at t=3."),
    ("huge", ["99999999999999999999"], "`99999999999999999999` is delta-seconds (beyond 64 bits; "
     "no imposed limit in the spec profile): the entry outlives the scenario",
     {0: True, 3: False, 7: False},
     "Chromium (StringToInt64 overflow) and WebKit (parseInteger overflow) fall back to 5 s: "
     "preflight at t=7; Firefox caps at 86400: no preflight."),
]
for slug, values, reading, steps_pf, engines in MAX_AGE_TABLE:
    url = u("max-age", slug)
    shown = " + ".join(f"`{v}`" for v in values)
    add(f"probe-max-age-{slug}",
        f"Probes Access-Control-Max-Age {shown} (engines.md §6.1; §1.7 Chromium, §2.3 Firefox, "
        f"§3.2 WebKit). " + MAXAGE + f"Here: {reading}. Preflight at t=0, repeats at t=3 and "
        f"t=7 (the 5 s default falls between). {engines} " + REF_APP,
        DOC,
        [options(url, R_ORIGIN, (ACAM, "PUT"), *[(MAX_AGE, v) for v in values]),
         rt("PUT", url, 200, R_ORIGIN)],
        [ok(fetch(url, "PUT"), ([pre(url, "PUT")] if pf else []) + [sent("PUT", url)],
            preflight=pf, at=t)
         for t, pf in sorted(steps_pf.items())])

url = u("max-age", "seven-hundred")
add("probe-max-age-700-webkit-cap",
    "Probes the imposed max-age limit (engines.md §6.1 'cap constant'; §3.2 WebKit "
    "maxPreflightCacheTimeout = 600 s, so WebKit preflights again at t=601; Chromium caps at 7200 "
    "s, §1.7, and Firefox at 86400 s, §2.3). " + MAXAGE + "`700` is delta-seconds and the spec "
    "profile imposes no limit (step 7.10's limit is implementation-defined): the entry lives 700 "
    "s, so no preflight at t=3, t=7 or t=601. (Chromium's 7200 s cap would need a step after "
    "t=7200 and is not probed here.) " + REF_APP,
    DOC,
    [options(url, R_ORIGIN, (ACAM, "PUT"), (MAX_AGE, "700")), rt("PUT", url, 200, R_ORIGIN)],
    [ok(fetch(url, "PUT"), [pre(url, "PUT"), sent("PUT", url)], preflight=True),
     ok(fetch(url, "PUT"), [sent("PUT", url)], at=3),
     ok(fetch(url, "PUT"), [sent("PUT", url)], at=7),
     ok(fetch(url, "PUT"), [sent("PUT", url)], at=601)])

# =============================================================================================
# C. Wildcards (engines.md §6.3, §6.6, §1.7, §2.5, §2.7, §3.2, §3.5)
# =============================================================================================

url = u("star", "acah-authorization")
add("probe-star-acah-does-not-cover-authorization",
    "Probes `Access-Control-Allow-Headers: *` with Authorization (engines.md §6.3: Chromium "
    "(feature off), Firefox (pref true by default) and WebKit let `*` cover Authorization; "
    "§1.8 Chromium's cache path then re-preflights, §3.2 WebKit caches, §2.2 Firefox never "
    "reuses `*`). " + PF + " step 7.6: Authorization is a CORS non-wildcard request-header name "
    "and is not listed: network error (HeaderDisallowedByPreflightResponse); nothing is cached, "
    "so t=1 preflights and fails again. " + REF_APP,
    DOC,
    [options(url, R_ORIGIN, (ACAH, "*"), (MAX_AGE, "60")), rt("GET", url, 200, R_ORIGIN)],
    [fail(fetch(url, headers=[("Authorization", AUTH)]), [pre(url, "GET", "authorization")],
          "HeaderDisallowedByPreflightResponse", preflight=True),
     fail(fetch(url, headers=[("Authorization", AUTH)]), [pre(url, "GET", "authorization")],
          "HeaderDisallowedByPreflightResponse", preflight=True, at=1)])

url = u("star", "acah-authorization-x-a")
add("probe-star-acah-authorization-with-other-header",
    "As probe-star-acah-does-not-cover-authorization with X-A too (engines.md §6.3, §1.7, "
    "§2.5): `*` would cover X-A (step 7.7) but step 7.6 already fails for Authorization "
    "(HeaderDisallowedByPreflightResponse). ACRH lists both names, sorted. " + REF_APP,
    DOC,
    [options(url, R_ORIGIN, (ACAH, "*")), rt("GET", url, 200, R_ORIGIN)],
    [fail(fetch(url, headers=[("X-A", "1"), ("Authorization", AUTH)]),
          [pre(url, "GET",
               "authorization,x-a")], "HeaderDisallowedByPreflightResponse", preflight=True)])

url = u("star", "acah-cred")
add("probe-star-acah-credentials-literal",
    "Probes `Access-Control-Allow-Headers: *` with credentials 'include' (engines.md §6.3 '`*` "
    "with credentials: literal only'). " + PF + " step 7.7: with 'include', `*` is not a "
    "wildcard, so X-A is not allowed: HeaderDisallowedByPreflightResponse. " + REF_APP,
    DOC,
    [options(url, R_ORIGIN, CRED, (ACAH, "*")), rt("GET", url, 200, R_ORIGIN, CRED)],
    [fail(fetch(url, headers=[("X-A", "1")], credentials="include"),
          [pre(url, "GET", "x-a")], "HeaderDisallowedByPreflightResponse", preflight=True)])

url = u("star", "acam-cred")
add("probe-star-acam-credentials-literal",
    "Probes `Access-Control-Allow-Methods: *` with credentials 'include' (engines.md §6.3; §1.7 "
    "Chromium counts `*` only for non-credentialed results, §2.5 Firefox only without "
    "credentials, §3.2 WebKit likewise). " + PF + " step 7.5: PUT is not in the list, not "
    "safelisted, and credentials mode is 'include': MethodDisallowedByPreflightResponse. "
    + REF_APP,
    DOC,
    [options(url, R_ORIGIN, CRED, (ACAM, "*")), rt("PUT", url, 200, R_ORIGIN, CRED)],
    [fail(fetch(url, "PUT", credentials="include"), [pre(url, "PUT")],
          "MethodDisallowedByPreflightResponse", preflight=True)])

url = u("star", "aceh")
add("probe-star-aceh-without-credentials",
    "Probes `Access-Control-Expose-Headers: *` without credentials (engines.md §6.3, §6.6; §1.10 "
    "Chromium, §2.7 Firefox, §3.5 WebKit expose all). Fetch \"main fetch\" step 14.1.2: the "
    "CORS-exposed header-name list becomes every header name of the response, so script reads "
    "all of them, Access-Control-* included. " + REF_APP,
    DOC,
    [rt("GET", url, 200, (ACAO, "*"), (ACEH, "*"), ("X-A", "1"), ("X-B", "2"), CT)],
    [ok(fetch(url), [sent("GET", url)],
        exposed=["access-control-allow-origin", "access-control-expose-headers", "content-type",
                 "x-a", "x-b"])])

url = u("star", "aceh-cred")
add("probe-star-aceh-with-credentials",
    "Probes `Access-Control-Expose-Headers: *` with credentials 'include' (engines.md §6.3, "
    "§6.6). Fetch \"main fetch\" step 14.1.3: with 'include' the list is « `*` », which matches "
    "only a header named `*`: script reads the safelisted Content-Type only. " + REF_APP,
    DOC,
    [rt("GET", url, 200, R_ORIGIN, CRED, (ACEH, "*"), ("X-A", "1"), CT)],
    [ok(fetch(url, credentials="include"), [sent("GET", url)],
        exposed=["content-type"])])

url = u("star", "aceh-cred-star-header")
add("probe-star-aceh-with-credentials-exposes-header-named-star",
    "Probes the note of Fetch \"main fetch\" step 14.1.3 (engines.md §6.6, §1.10 Blink exposure, "
    "§3.5 WebKit filter): with credentials 'include', ACEH `*` still exposes a response header "
    "whose name is literally `*` (a valid token), and nothing else but safelisted names. "
    + REF_APP,
    DOC,
    [rt("GET", url, 200, R_ORIGIN, CRED, (ACEH, "*"), ("*", "1"), ("X-A", "1"), CT)],
    [ok(fetch(url, credentials="include"), [sent("GET", url)],
        exposed=["*", "content-type"])])

url = u("star", "aceh-cred-star-and-name")
add("probe-star-aceh-with-credentials-and-name",
    "Probes ACEH `*, x-a` with credentials 'include' (engines.md §6.3, §6.6): step 14.1.3 keeps "
    "the list « `*`, `x-a` »; X-A is exposed, X-B is not. " + REF_APP,
    DOC,
    [rt("GET", url, 200, R_ORIGIN, CRED, (ACEH, "*, x-a"), ("X-A", "1"), ("X-B", "1"), CT)],
    [ok(fetch(url, credentials="include"), [sent("GET", url)],
        exposed=["content-type", "x-a"])])

# =============================================================================================
# D. Redirects (engines.md §1.9, §2.6, §3.4, §6 feature table)
# =============================================================================================

a = u("redirect", "303-put-other-a")
b = u("redirect", "303-put-other-b", OTHER)
add("probe-redirect-303-put-to-get-other-origin-no-preflight",
    "Probes the redirected request's preflight (the brief's research: WebKit and Firefox "
    "preflight the redirected GET; engines.md §1.9 Chromium re-issues when a preflight becomes "
    "needed, §2.6, §3.4). A preflighted PUT is answered 303 to another origin. " + CHECK
    + "Fetch \"HTTP-redirect fetch\" step 12 makes it a GET; step 22 re-enters \"main fetch\", "
    "where step 12 takes the no-preflight branch (GET is safelisted, no CORS-unsafe header): no "
    "second preflight. " + TAINT + REF_APP,
    DOC,
    [reflect_options(a), rt("PUT", a, 303, R_ORIGIN, (LOC, b)),
     reflect_options(b), rt("GET", b, 200, R_ORIGIN, CT)],
    [ok(fetch(a, "PUT"), [pre(a, "PUT"), sent("PUT", a), sent("GET", b, origin="null")],
        preflight=True, exposed=["content-type"])])

a = u("redirect", "303-put-json-a")
b = u("redirect", "303-put-json-b", OTHER)
add("probe-redirect-303-drops-content-type-no-preflight",
    "As probe-redirect-303-put-to-get-other-origin-no-preflight with Content-Type "
    "application/json (engines.md §1.9 body-header removal behind kUpdateRequestForCorsRedirect, "
    "§2.6 'request-body headers stripped when method is rewritten'). Fetch \"HTTP-redirect "
    "fetch\" step 12.2 deletes the request-body headers (Content-Type), so the GET has no "
    "CORS-unsafe header: no second preflight. " + TAINT + REF_APP,
    DOC,
    [reflect_options(a), rt("PUT", a, 303, R_ORIGIN, (LOC, b)),
     reflect_options(b), rt("GET", b, 200, R_ORIGIN, CT)],
    [ok(fetch(a, "PUT", headers=[("Content-Type", "application/json")]),
        [pre(a, "PUT", "content-type"), sent("PUT", a),
         sent("GET", b, origin="null")], preflight=True, exposed=["content-type"])])

a = u("redirect", "303-put-xa-a")
b = u("redirect", "303-put-xa-b", OTHER)
add("probe-redirect-303-keeps-custom-header-preflights",
    "Control for the 303 probes (engines.md §1.9, §2.6, §3.4): X-A is not a request-body header, "
    "so it survives the 303 rewrite; the GET to another origin has a CORS-unsafe header and "
    "\"main fetch\" step 12 takes the preflight branch: a preflight at the new URL with Origin "
    "`null` (" + TAINT.strip() + ") ACRM GET, ACRH x-a. " + REF_APP,
    DOC,
    [reflect_options(a), rt("PUT", a, 303, R_ORIGIN, (LOC, b)),
     reflect_options(b), rt("GET", b, 200, R_ORIGIN, CT)],
    [ok(fetch(a, "PUT", headers=[("X-A", "1")]),
        [pre(a, "PUT", "x-a"), sent("PUT", a), pre(b, "GET", "x-a", origin="null"),
         sent("GET", b, origin="null")], preflight=True, exposed=["content-type"])])

a = u("redirect", "303-same-origin-a")
b = u("redirect", "303-same-origin-b")
add("probe-redirect-303-put-to-get-same-origin-no-preflight",
    "As probe-redirect-303-put-to-get-other-origin-no-preflight, redirecting within the API "
    "origin (engines.md §1.9, §2.6, §3.4): the GET needs no preflight; \"redirect-taint\" stays "
    "same-origin (the hop stays within one origin), so Origin is the document's. " + REF_APP,
    DOC,
    [reflect_options(a), rt("PUT", a, 303, R_ORIGIN, (LOC, b)),
     reflect_options(b), rt("GET", b, 200, R_ORIGIN, CT)],
    [ok(fetch(a, "PUT"), [pre(a, "PUT"), sent("PUT", a), sent("GET", b)], preflight=True,
        exposed=["content-type"])])

a = u("redirect", "307-put-other-a")
b = u("redirect", "307-put-other-b", OTHER)
add("probe-redirect-307-put-other-origin-preflights-tainted",
    "Probes a 307 that keeps PUT across origins (engines.md §1.9 Chromium re-issues with a new "
    "preflight and `tainted_`, §2.6 Firefox NullPrincipal, §3.4 WebKit unique origin). " + CHECK
    + "\"main fetch\" step 12 takes the preflight branch for the new URL (no cache entry): "
    "OPTIONS to the new URL with Origin `null`, then the PUT. " + TAINT + REF_APP,
    DOC,
    [reflect_options(a), rt("PUT", a, 307, R_ORIGIN, (LOC, b)),
     reflect_options(b), rt("PUT", b, 200, R_ORIGIN, CT)],
    [ok(fetch(a, "PUT"),
        [pre(a, "PUT"), sent("PUT", a), pre(b, "PUT", origin="null"),
         sent("PUT", b, origin="null")], preflight=True, exposed=["content-type"])])

a = u("redirect", "307-put-same-a")
b = u("redirect", "307-put-same-b")
add("probe-redirect-307-put-same-origin-new-url-preflights",
    "Probes a 307 keeping PUT to another URL of the same origin (engines.md §1.9, §3.4): the "
    "cache is keyed by URL, so \"HTTP fetch\" step 4.1 finds no entry for the new URL and "
    "preflights it; redirect-taint stays same-origin, Origin is the document's. " + REF_APP,
    DOC,
    [reflect_options(a), rt("PUT", a, 307, R_ORIGIN, (LOC, b)),
     reflect_options(b), rt("PUT", b, 200, R_ORIGIN, CT)],
    [ok(fetch(a, "PUT"), [pre(a, "PUT"), sent("PUT", a), pre(b, "PUT"), sent("PUT", b)],
        preflight=True, exposed=["content-type"])])

a = u("redirect", "302-delete-a")
b = u("redirect", "302-delete-b", OTHER)
add("probe-redirect-302-keeps-delete-preflights-tainted",
    "Probes a 302 answering a preflighted DELETE (engines.md §1.9 method rewrite via "
    "RedirectUtil, §2.6, §3.4): \"HTTP-redirect fetch\" step 12 rewrites only POST on 301/302, "
    "so DELETE stays and the new origin is preflighted with Origin `null`. " + TAINT + REF_APP,
    DOC,
    [reflect_options(a), rt("DELETE", a, 302, R_ORIGIN, (LOC, b)),
     reflect_options(b), rt("DELETE", b, 200, R_ORIGIN, CT)],
    [ok(fetch(a, "DELETE"),
        [pre(a, "DELETE"), sent("DELETE", a), pre(b, "DELETE", origin="null"),
         sent("DELETE", b, origin="null")], preflight=True, exposed=["content-type"])])

a = u("redirect", "taint-back-a")
b = u("redirect", "taint-back-b", OTHER)
c = u("redirect", "taint-back-c")
add("probe-redirect-taint-sticks-after-returning",
    "Probes redirect-taint across a chain that leaves and comes back (engines.md §1.9 Chromium "
    "CheckTainted, §2.6 Firefox NullPrincipal once cross-site, §3.4 WebKit createUnique). API → "
    "other origin → API: \"redirect-taint\" walks the whole URL list, and the first hop (API → "
    "other, neither same site with the document) already makes it cross-site, so both later "
    "requests carry Origin `null` (reflected ACAO `null` passes the CORS check). " + CHECK
    + REF_APP,
    DOC,
    [rt("GET", a, 302, R_ORIGIN, (LOC, b)), rt("GET", b, 302, R_ORIGIN, (LOC, c)),
     rt("GET", c, 200, R_ORIGIN, CT)],
    [ok(fetch(a), [sent("GET", a), sent("GET", b, origin="null"), sent("GET", c, origin="null")],
        exposed=["content-type"])])

a = u("redirect", "taint-doc-a")
c = f"{DOC}/probe/redirect/taint-doc-c"
add("probe-redirect-taint-back-to-document-origin",
    "Probes a cross-origin redirect back to the document's own origin (engines.md §1.9, §2.6, "
    "§3.4). Response tainting is already 'cors', so \"main fetch\" step 12 does not take the "
    "basic branch; the hop API → document origin is not same site with API, nor is the "
    "request's origin: redirect-taint cross-site, Origin `null`, and the reflected ACAO `null` "
    "passes. Referer: same-origin with the document, so the full document URL "
    "http://app.example/. " + CHECK,
    DOC,
    [rt("GET", a, 302, R_ORIGIN, (LOC, c)), rt("GET", c, 200, R_ORIGIN, CT)],
    [ok(fetch(a), [sent("GET", a), sent("GET", c, origin="null")],
        exposed=["content-type"])])

a = u("redirect", "same-site-a")
b = u("redirect", "same-site-b", API_SITE_PORT)
add("probe-redirect-same-site-taint-null",
    "Probes the 3-state redirect-taint (engines.md §5.13, spec 2025 layered-cookies change; "
    "§1.9 Chromium's boolean `tainted_`): api.example:8000 → api.example:9000 is same site but "
    "not same origin, and the request's origin is not same origin with api.example:8000: "
    "\"redirect-taint\" is same-site, which \"serializing a request origin\" still turns into "
    "`null`. " + CHECK + REF_APP,
    DOC,
    [rt("GET", a, 302, R_ORIGIN, (LOC, b)), rt("GET", b, 200, R_ORIGIN, CT)],
    [ok(fetch(a), [sent("GET", a), sent("GET", b, origin="null")],
        exposed=["content-type"])])

a = u("redirect", "auth-strip-a")
b = u("redirect", "auth-strip-b", OTHER)
add("probe-redirect-authorization-stripped-cross-origin",
    "Probes Authorization removal on a cross-origin redirect (engines.md feature table "
    "'Redirect: strip Authorization cross-origin': Chromium 119+, Firefox pref "
    "network.fetch.redirect.stripAuthHeader, WebKit 16.3, all secondary; §1.9, §2.6, §3.4 'kept "
    "only if still present'). The preflight allows authorization; the GET carries it and is "
    "answered 302 to another origin. Fetch \"HTTP-redirect fetch\" step 13 deletes "
    "Authorization; the GET then has no CORS-unsafe header, so no second preflight; Origin "
    "`null`. " + TAINT + REF_APP,
    DOC,
    [reflect_options(a), rt("GET", a, 302, R_ORIGIN, (LOC, b)),
     reflect_options(b), rt("GET", b, 200, R_ORIGIN, CT)],
    [ok(fetch(a, headers=[("Authorization", AUTH)]),
        [pre(a, "GET", "authorization"), sent("GET", a, authorization=AUTH),
         sent("GET", b, origin="null")], preflight=True, exposed=["content-type"])])

a = u("redirect", "auth-keep-a")
b = u("redirect", "auth-keep-b")
add("probe-redirect-authorization-kept-same-origin",
    "Control for Authorization on redirects (engines.md §1.9, §2.6, §3.4): a same-origin hop "
    "keeps Authorization (\"HTTP-redirect fetch\" step 13 applies only across origins); the "
    "cache is keyed by URL, so the new URL is preflighted (ACRH authorization), Origin stays the "
    "document's. " + REF_APP,
    DOC,
    [reflect_options(a), rt("GET", a, 302, R_ORIGIN, (LOC, b)),
     reflect_options(b), rt("GET", b, 200, R_ORIGIN, CT)],
    [ok(fetch(a, headers=[("Authorization", AUTH)]),
        [pre(a, "GET", "authorization"), sent("GET", a, authorization=AUTH),
         pre(b, "GET", "authorization"), sent("GET", b, authorization=AUTH)], preflight=True,
        exposed=["content-type"])])

# =============================================================================================
# E. `null` (opaque) document origins and null cache keys (engines.md §6.4, §6.2, §1.3, §2.4)
# =============================================================================================

NULL_NOTE = ('The document\'s origin is opaque: Origin `null`, no Referer (Referrer Policy: an '
             'opaque origin has no referrer URL to send). ')

url = u("null", "acao-null")
add("probe-null-doc-acao-null-literal",
    "Probes ACAO `null` for an opaque document (engines.md §6.4 '`null` for opaque/tainted "
    "origin': success in all engines, WebKit inferred). " + NULL_NOTE + "Fetch \"CORS check\" "
    "step 4: the byte-serialized request origin `null` equals the ACAO value.",
    NULL,
    [rt("GET", url, 200, (ACAO, "null"), CT)],
    [ok(fetch(url), [sent("GET", url, origin="null", referer=None)],
        exposed=["content-type"])])

url = u("null", "preflight")
add("probe-null-doc-preflight-and-cache",
    "Probes preflights and cache entries keyed by `null` (engines.md §6.2 cache key: Chromium "
    "url::Origin, Firefox principal scheme/host/port, WebKit ClientOrigin). " + NULL_NOTE
    + STORE + "The entries carry byte-serialized origin `null` and match later requests from the "
    "same document: t=1 PUT hits, t=2 DELETE preflights, t=3 PUT still hits (the DELETE "
    "preflight added an entry, it did not replace the PUT one).",
    NULL,
    [reflect_options(url, (MAX_AGE, "60")), rt("*", url, 200, R_ORIGIN)],
    [ok(fetch(url, "PUT"), [pre(url, "PUT", origin="null", referer=None),
                            sent("PUT", url, origin="null", referer=None)], preflight=True),
     ok(fetch(url, "PUT"), [sent("PUT", url, origin="null", referer=None)], at=1),
     ok(fetch(url, "DELETE"), [pre(url, "DELETE", origin="null", referer=None),
                               sent("DELETE", url, origin="null", referer=None)],
        preflight=True, at=2),
     ok(fetch(url, "PUT"), [sent("PUT", url, origin="null", referer=None)], at=3)])

url = u("null", "cred-acao-null")
add("probe-null-doc-credentials-acao-null",
    "Probes credentials 'include' from an opaque document with ACAO `null` and ACAC true "
    "(engines.md §6.4, §1.3 Chromium compares with `null` serialisation, §2.4 Firefox "
    "NullPrincipal). " + NULL_NOTE + "\"CORS check\" steps 4-7 pass for the preflight and the "
    "PUT; t=1 hits the credentialed cache entry.",
    NULL,
    [options(url, (ACAO, "null"), CRED, (ACAM, "PUT"), (MAX_AGE, "60")),
     rt("PUT", url, 200, (ACAO, "null"), CRED, CT)],
    [ok(fetch(url, "PUT", credentials="include"),
        [pre(url, "PUT", origin="null", referer=None),
         sent("PUT", url, origin="null", referer=None)], preflight=True, exposed=["content-type"]),
     ok(fetch(url, "PUT", credentials="include"),
        [sent("PUT", url, origin="null", referer=None)], exposed=["content-type"], at=1)])

url = u("null", "cred-acao-star")
add("probe-null-doc-credentials-acao-star",
    "Control: ACAO `*` with credentials 'include' from an opaque document (engines.md §6.4 '`*` "
    "+ credentials include': fail everywhere). " + NULL_NOTE + "\"CORS check\" step 3 does not "
    "apply with 'include' and `*` is not `null`: WildcardOriginNotAllowed.",
    NULL,
    [rt("GET", url, 200, (ACAO, "*"), CRED, CT)],
    [fail(fetch(url, credentials="include"), [sent("GET", url, origin="null", referer=None)],
          "WildcardOriginNotAllowed")])

url = u("null", "acao-case")
add("probe-null-doc-acao-case-null",
    "Probes the byte comparison of ACAO with `null` (engines.md §6.4 'comparison: byte-exact'; "
    "§4.4 Servo re-serialises). " + NULL_NOTE + "`Null` is not byte-equal to `null`: \"CORS "
    "check\" step 4 fails (named InvalidAllowOriginValue: not `null`, not `*`, not a URL).",
    NULL,
    [rt("GET", url, 200, (ACAO, "Null"), CT)],
    [fail(fetch(url), [sent("GET", url, origin="null", referer=None)], "InvalidAllowOriginValue")])

a = u("null", "tainted-key-a")
b = u("null", "tainted-key-b", OTHER)
add("probe-null-tainted-request-cache-key",
    "Probes cache entries keyed by a tainted origin (engines.md §6.2 cache key; §1.9 Chromium "
    "checks a tainted request against a fresh opaque url::Origin(), §4.3 Servo keys by a new "
    "opaque origin; spec: byte-serialized origin `null`). t=0: PUT to the API (preflight), 307 "
    "to another origin: " + TAINT + "The new URL is preflighted with Origin `null` and the "
    "entry stored under origin `null` (max-age 60). t=1: the same chain hits both cache "
    "entries: no preflight at all. t=2: a direct PUT to the second URL has origin "
    "http://app.example, which has no entry there: preflight. " + REF_APP,
    DOC,
    [reflect_options(a, (MAX_AGE, "60")), rt("PUT", a, 307, R_ORIGIN, (LOC, b)),
     reflect_options(b, (MAX_AGE, "60")), rt("PUT", b, 200, R_ORIGIN, CT)],
    [ok(fetch(a, "PUT"),
        [pre(a, "PUT"), sent("PUT", a), pre(b, "PUT", origin="null"),
         sent("PUT", b, origin="null")], preflight=True, exposed=["content-type"]),
     ok(fetch(a, "PUT"), [sent("PUT", a), sent("PUT", b, origin="null")],
        exposed=["content-type"], at=1),
     ok(fetch(b, "PUT"), [pre(b, "PUT"), sent("PUT", b)], preflight=True,
        exposed=["content-type"], at=2)])

# =============================================================================================
# F. XMLHttpRequest's use-CORS-preflight flag (engines.md §1.5, §2.5, §3.2; oracle README)
# =============================================================================================

url = u("xhr", "get")
add("probe-xhr-get-use-cors-preflight",
    "Probes the use-CORS-preflight flag on a GET (engines.md §1.5 Chromium forces a preflight "
    "only when the flag reaches it, and sets it only with a body: no preflight; §2.5 Firefox "
    "GetForcePreflight). " + XHR + "\"main fetch\" step 12 and \"HTTP fetch\" step 4.1: "
    "preflight (ACRM GET). No ACAM: " + PF + " step 7.4 caches « GET » (max-age 60), so t=1 "
    "needs no preflight. " + REF_APP,
    DOC,
    [options(url, R_ORIGIN, (MAX_AGE, "60")), rt("GET", url, 200, R_ORIGIN)],
    [ok(fetch(url, use_cors_preflight=True), [pre(url, "GET"), sent("GET", url)], preflight=True),
     ok(fetch(url, use_cors_preflight=True), [sent("GET", url)], at=1)])

url = u("xhr", "head")
add("probe-xhr-head-use-cors-preflight",
    "As probe-xhr-get-use-cors-preflight with HEAD (engines.md §1.5; §2.2 Firefox's cache "
    "exempts only GET and POST, so HEAD must be in its method list). " + XHR + "Preflight with "
    "ACRM HEAD; step 7.4 caches « HEAD »: t=1 needs no preflight. " + REF_APP,
    DOC,
    [options(url, R_ORIGIN, (MAX_AGE, "60")), rt("HEAD", url, 200, R_ORIGIN)],
    [ok(fetch(url, "HEAD", use_cors_preflight=True), [pre(url, "HEAD"), sent("HEAD", url)],
        preflight=True),
     ok(fetch(url, "HEAD", use_cors_preflight=True), [sent("HEAD", url)], at=1)])

url = u("xhr", "get-preflight-404")
add("probe-xhr-get-use-cors-preflight-failing-preflight",
    "Probes whether the flag makes a GET depend on the preflight (engines.md §1.5; oracle "
    "recording xhr-upload-get: Chromium sends no preflight). " + XHR + "The preflight gets 404 "
    "without ACAO: \"CORS-preflight fetch\" step 8, network error "
    "(PreflightMissingAllowOriginHeader), and the GET is never sent — though the GET alone "
    "would pass its CORS check. " + REF_APP,
    DOC,
    [rt("GET", url, 200, R_ORIGIN)],
    [fail(fetch(url, use_cors_preflight=True), [pre(url, "GET")],
          "PreflightMissingAllowOriginHeader", preflight=True)])

url = u("xhr", "post-no-acam")
add("probe-xhr-post-use-cors-preflight-no-acam",
    "Probes what a flag-forced preflight without Access-Control-Allow-Methods caches "
    "(engines.md §1.5 kCorsWithForcedPreflight 'always', §2.2, §3.2). " + XHR + "XHR POST with "
    "Content-Type text/plain (safelisted): preflight (ACRM POST, no ACRH). " + PF + " step 7.4 "
    "turns the missing ACAM into « POST » and caches it (max-age 60): t=1 needs no preflight. "
    + REF_APP,
    DOC,
    [options(url, R_ORIGIN, (MAX_AGE, "60")), rt("POST", url, 200, R_ORIGIN)],
    [ok(fetch(url, "POST", headers=[CT], use_cors_preflight=True),
        [pre(url, "POST"), sent("POST", url)], preflight=True),
     ok(fetch(url, "POST", headers=[CT], use_cors_preflight=True), [sent("POST", url)], at=1)])

url = u("xhr", "post-acam-put")
add("probe-xhr-post-use-cors-preflight-acam-other-method",
    "Probes a flag-forced preflight whose ACAM lists another method (engines.md §1.7 "
    "EnsureAllowedCrossOriginMethod, §2.5, §3.2). " + XHR + "ACAM `PUT`: methods is not null, "
    "so step 7.4 does not add POST; step 7.5 passes (POST is safelisted); only a PUT entry is "
    "cached. t=1: no method cache entry match for POST and the flag is set: preflight again. "
    "t=2: fetch() PUT hits the PUT entry. " + REF_APP,
    DOC,
    [options(url, R_ORIGIN, (ACAM, "PUT"), (MAX_AGE, "60")), rt("*", url, 200, R_ORIGIN)],
    [ok(fetch(url, "POST", headers=[CT], use_cors_preflight=True),
        [pre(url, "POST"), sent("POST", url)], preflight=True),
     ok(fetch(url, "POST", headers=[CT], use_cors_preflight=True),
        [pre(url, "POST"), sent("POST", url)], preflight=True, at=1),
     ok(fetch(url, "PUT"), [sent("PUT", url)], at=2)])

url = u("xhr", "post-acam-post")
add("probe-xhr-post-use-cors-preflight-acam-post",
    "Probes a flag-forced preflight answered ACAM `POST` (engines.md §1.5, §2.2, §3.2): a POST "
    "entry is cached (step 7.13), so the flag-forced POST at t=1 needs no preflight ('HTTP "
    "fetch' step 4.1 requires a missing method entry). " + XHR + REF_APP,
    DOC,
    [options(url, R_ORIGIN, (ACAM, "POST"), (MAX_AGE, "60")), rt("POST", url, 200, R_ORIGIN)],
    [ok(fetch(url, "POST", headers=[CT], use_cors_preflight=True),
        [pre(url, "POST"), sent("POST", url)], preflight=True),
     ok(fetch(url, "POST", headers=[CT], use_cors_preflight=True), [sent("POST", url)], at=1)])

url = u("xhr", "after-fetch")
add("probe-xhr-flag-served-by-fetch-entry",
    "Probes whether a flag-forced request uses the cache (engines.md §1.5 'kCorsWithForcedPreflight "
    "-> always', §2.5 GetForcePreflight). t=0: fetch() PUT caches PUT (max-age 60). t=1: XHR "
    "PUT with an upload listener: " + XHR + "but \"HTTP fetch\" step 4.1 finds a method cache "
    "entry match for PUT: no preflight. " + REF_APP,
    DOC,
    [reflect_options(url, (MAX_AGE, "60")), rt("PUT", url, 200, R_ORIGIN)],
    [ok(fetch(url, "PUT"), [pre(url, "PUT"), sent("PUT", url)], preflight=True),
     ok(fetch(url, "PUT", use_cors_preflight=True), [sent("PUT", url)], at=1)])

url = u("xhr", "get-cred")
add("probe-xhr-get-use-cors-preflight-credentials",
    "Probes the flag with withCredentials (credentials 'include') on a GET (engines.md §1.5, "
    "§6.2 credentials key). " + XHR + "The preflight's CORS check uses 'include' (ACAO "
    "reflected, ACAC true); step 7.4 caches « GET » with credentials true, which also serves the "
    "non-credentialed XHR at t=1 ('cache entry match'). " + REF_APP,
    DOC,
    [options(url, R_ORIGIN, CRED, (MAX_AGE, "60")), rt("GET", url, 200, R_ORIGIN, CRED)],
    [ok(fetch(url, credentials="include", use_cors_preflight=True),
        [pre(url, "GET"), sent("GET", url)], preflight=True),
     ok(fetch(url, use_cors_preflight=True), [sent("GET", url)], at=1)])

# =============================================================================================
# G. Exposed response headers (engines.md §6.6, §1.10, §2.7, §3.5)
# =============================================================================================

url = u("expose", "accept")
add("probe-expose-accept-response-header",
    "Probes WebKit's extra safelisted response header (engines.md §6.6, §3.5 "
    "isCrossOriginSafeHeader adds `Accept`). Fetch 'CORS-safelisted response-header name': "
    "Cache-Control, Content-Language, Content-Length, Content-Type, Expires, Last-Modified, "
    "Pragma; without ACEH, an `Accept` response header is not exposed. " + REF_APP,
    DOC,
    [rt("GET", url, 200, R_ORIGIN, ("Accept", "text/plain"), CT)],
    [ok(fetch(url), [sent("GET", url)], exposed=["content-type"])])

url = u("expose", "invalid-token")
add("probe-expose-invalid-token-drops-list",
    "Probes an invalid ACEH token (engines.md §6.6 'Invalid token in ACEH': whole list dropped "
    "in Chromium, Firefox, WebKit; §1.10, §2.7). `x-a, x b`: `x b` is not a field-name, so "
    "\"extract header list values\" returns failure and \"main fetch\" step 14.1.3 sets the "
    "exposed list to failure, which exposes nothing beyond safelisted names. " + REF_APP,
    DOC,
    [rt("GET", url, 200, R_ORIGIN, (ACEH, "x-a, x b"), ("X-A", "1"), CT)],
    [ok(fetch(url), [sent("GET", url)], exposed=["content-type"])])

url = u("expose", "invalid-second-header")
add("probe-expose-invalid-token-in-second-header",
    "As probe-expose-invalid-token-drops-list with the bad token in a second ACEH header "
    "(engines.md §6.6; §1.10 Chromium joins with `, `; §2.7 Firefox `Get`): \"extract header "
    "list values\" fails as soon as one header fails, so X-A is not exposed. " + REF_APP,
    DOC,
    [rt("GET", url, 200, R_ORIGIN, (ACEH, "x-a"), (ACEH, "x b"), ("X-A", "1"), CT)],
    [ok(fetch(url), [sent("GET", url)], exposed=["content-type"])])

url = u("expose", "empty-elements")
add("probe-expose-empty-list-elements",
    "Probes empty list elements in ACEH (engines.md §1.10 HTTPHeaderNameListParser skips empty "
    "elements, §2.7 Firefox skips them). `x-a,,x-b`: ABNF #field-name (RFC 9110 §5.6.1: "
    "recipients accept and ignore empty list elements), so X-A and X-B are exposed. " + REF_APP,
    DOC,
    [rt("GET", url, 200, R_ORIGIN, (ACEH, "x-a,,x-b"), ("X-A", "1"), ("X-B", "1"), CT)],
    [ok(fetch(url), [sent("GET", url)], exposed=["content-type", "x-a", "x-b"])])

url = u("expose", "content-length")
add("probe-expose-content-length",
    "Probes Content-Length as a safelisted response header (engines.md §6.6, §2.7: absent from "
    "the older gecko-dev list). Fetch 'CORS-safelisted response-header name' includes "
    "Content-Length (since 2018), so it is exposed without ACEH. " + REF_APP,
    DOC,
    [rt("GET", url, 200, R_ORIGIN, ("Content-Length", "3"), CT)],
    [ok(fetch(url), [sent("GET", url)], exposed=["content-length", "content-type"])])

# =============================================================================================
# H. Range requests (engines.md §6.5, §1.4, §2.7, §3.5)
# =============================================================================================

RANGE_TABLE = [
    ("open-ended", "bytes=0-", False,
     "`bytes=0-` parses as a single range with a start: safelisted, no preflight."),
    ("closed", "bytes=0-1", False,
     "`bytes=0-1` is a single range with start <= end: safelisted, no preflight."),
    ("suffix", "bytes=-5", True,
     "`bytes=-5` has no start (rangeValue[0] is null): not safelisted (the spec's note: browsers "
     "never emitted suffix ranges), so a preflight with ACRH range."),
    ("multi", "bytes=0-1,2-3", True,
     "`bytes=0-1,2-3`: after `1` the position is not past the end: failure, preflight."),
    ("spaces", "bytes = 0-1", True,
     "`bytes = 0-1`: allowWhitespace is false, so the code point after `bytes` must be `=`: "
     "failure, preflight (Chromium rejects LWS too)."),
    ("uppercase", "BYTES=0-1", True,
     "`BYTES=0-1` does not start with `bytes` (case-sensitive): failure, preflight (engines "
     "that parse the unit case-insensitively would not preflight)."),
    ("reversed", "bytes=5-1", True,
     "`bytes=5-1`: start greater than end: failure, preflight."),
]
for slug, value, needs_pf, reading in RANGE_TABLE:
    url = u("range", slug)
    routes = [rt("GET", url, 200, R_ORIGIN, CT)]
    if needs_pf:
        routes.insert(0, reflect_options(url))
    requests = ([pre(url, "GET", "range")] if needs_pf else []) + [sent("GET", url)]
    add(f"probe-range-{slug}",
        f"Probes the Range safelist for `{value}` (engines.md §6.5; §1.4 Chromium "
        "ParseRangeHeader, §2.7 Firefox IsAllowedNonCorsRange, §3.5 WebKit parseRange). Fetch "
        "'CORS-safelisted request-header' (range): 'parse a single range header value' with "
        "allowWhitespace false must succeed with a non-null start. " + reading + " " + REF_APP,
        DOC, routes,
        [ok(fetch(url, headers=[("Range", value)]), requests, preflight=needs_pf,
            exposed=["content-type"])])

# =============================================================================================
# I. Referer and Origin at the http/https and loopback boundaries (brief; oracle recordings)
# =============================================================================================

TRUST = ('Referrer Policy strict-origin-when-cross-origin: no Referer when the referrer URL is '
         'potentially trustworthy (https, or http on localhost / 127.0.0.0/8 / [::1]) and the '
         'request\'s current URL is not; otherwise the origin + "/" cross-origin, the full URL '
         'same-origin. ')
ORIGIN_NOCORS = ('Fetch "append a request Origin header" step 4.1: a non-GET/HEAD request whose '
                 'mode is not cors gets Origin `null` when the origin is https and the current '
                 'URL is not. ')
ENGINES_REF = ("(Engines: the brief's research and oracle recordings mixed-localhost/mixed-127 "
               "show Chromium and Firefox send Referer from http://localhost to non-trustworthy "
               "http and drop it from https to http loopback; WebKit blocks https → http "
               "loopback as mixed content; engines.md §1.10, §3.4.) ")

url = u("referer", "localhost-to-http")
add("probe-referer-localhost-to-http-api",
    "Probes Referer from a potentially trustworthy http://localhost page to a plain-http API. "
    + TRUST + "http://localhost:3000/ is trustworthy, http://api.example:8000 is not: no "
    "Referer; Origin http://localhost:3000 (cors tainting). " + ENGINES_REF,
    LOCAL,
    [rt("GET", url, 200, R_ORIGIN, CT)],
    [ok(fetch(url), [sent("GET", url, origin=LOCAL, referer=None)],
        exposed=["content-type"])])

url = u("referer", "localhost-to-http-put")
add("probe-referer-localhost-to-http-api-preflight",
    "As probe-referer-localhost-to-http-api for a preflighted PUT: " + PF + " step 1 copies the "
    "referrer and policy, so neither the OPTIONS nor the PUT carries Referer. " + TRUST
    + ENGINES_REF,
    LOCAL,
    [reflect_options(url), rt("PUT", url, 200, R_ORIGIN)],
    [ok(fetch(url, "PUT"), [pre(url, "PUT", origin=LOCAL, referer=None),
                            sent("PUT", url, origin=LOCAL, referer=None)], preflight=True)])

url = f"{API}/probe/referer/localhost-nocors-post"
add("probe-referer-localhost-nocors-post-to-http-api",
    "Probes Origin versus Referer for a no-cors POST from http://localhost to a plain-http API: "
    + ORIGIN_NOCORS + "The origin is http, so Origin http://localhost:3000; " + TRUST
    + "so no Referer. Opaque response (status 0, nothing exposed). " + ENGINES_REF,
    LOCAL,
    [rt("POST", url, 200, CT)],
    [ok(fetch(url, "POST", mode="no-cors"), [sent("POST", url, origin=LOCAL, referer=None)],
        status=0, type_="opaque")])

url = f"{LOCAL_API}/probe/referer/https-nocors-post-localhost"
add("probe-referer-https-nocors-post-to-localhost",
    "Probes an https page POSTing no-cors to http://localhost (not mixed content: loopback is "
    "potentially trustworthy). " + ORIGIN_NOCORS + "https → http: Origin `null`. " + TRUST
    + "http://localhost:8000 is trustworthy, so the Referer https://app.example/ is kept. "
    "Opaque response. " + ENGINES_REF,
    TLS,
    [rt("POST", url, 200, CT)],
    [ok(fetch(url, "POST", mode="no-cors"), [sent("POST", url, origin="null", referer=TLS_REF)],
        status=0, type_="opaque")])

url = f"{LOCAL_API}/probe/referer/https-nocors-get-localhost"
add("probe-referer-https-nocors-get-to-localhost",
    "As probe-referer-https-nocors-post-to-localhost with GET: \"append a request Origin "
    "header\" adds nothing for a no-cors GET (tainting opaque), Referer https://app.example/ "
    "kept (target trustworthy). " + TRUST + ENGINES_REF,
    TLS,
    [rt("GET", url, 200, CT)],
    [ok(fetch(url, mode="no-cors"), [sent("GET", url, origin=None, referer=TLS_REF)],
        status=0, type_="opaque")])

url = f"{LOCAL_API}/probe/referer/https-cors-get-localhost"
add("probe-referer-https-cors-get-to-localhost",
    "Probes an https page fetching http://localhost in cors mode: Origin https://app.example "
    "(cors tainting: never nulled by referrer policy); " + TRUST + "target trustworthy, so "
    "Referer https://app.example/. " + ENGINES_REF,
    TLS,
    [rt("GET", url, 200, R_ORIGIN, CT)],
    [ok(fetch(url), [sent("GET", url, origin=TLS, referer=TLS_REF)],
        exposed=["content-type"])])

url = f"{LOOP_API}/probe/referer/https-cors-post-127"
add("probe-referer-https-cors-post-to-127",
    "Probes an https page POSTing (cors, no preflight: POST is safelisted) to http://127.0.0.1: "
    "cors tainting, so Origin https://app.example (\"append a request Origin header\" step 3); "
    + TRUST + "127.0.0.1 is trustworthy: Referer https://app.example/. " + ENGINES_REF,
    TLS,
    [rt("POST", url, 200, R_ORIGIN, CT)],
    [ok(fetch(url, "POST"), [sent("POST", url, origin=TLS, referer=TLS_REF)],
        exposed=["content-type"])])

url = f"{LOOP_API}/probe/referer/https-nocors-post-127"
add("probe-referer-https-nocors-post-to-127",
    "As probe-referer-https-nocors-post-to-localhost with http://127.0.0.1:8000: Origin `null` "
    "(https → http, no-cors), Referer https://app.example/ kept. " + ORIGIN_NOCORS + TRUST
    + ENGINES_REF,
    TLS,
    [rt("POST", url, 200, CT)],
    [ok(fetch(url, "POST", mode="no-cors"), [sent("POST", url, origin="null", referer=TLS_REF)],
        status=0, type_="opaque")])

url = f"{V6_API}/probe/referer/https-nocors-post-v6"
add("probe-referer-https-nocors-post-to-ipv6-loopback",
    "As probe-referer-https-nocors-post-to-localhost with http://[::1]:8000 (IPv6 loopback is "
    "potentially trustworthy): Origin `null`, Referer https://app.example/. " + ORIGIN_NOCORS
    + TRUST + ENGINES_REF,
    TLS,
    [rt("POST", url, 200, CT)],
    [ok(fetch(url, "POST", mode="no-cors"), [sent("POST", url, origin="null", referer=TLS_REF)],
        status=0, type_="opaque")])

url = u("referer", "127-to-http")
add("probe-referer-127-to-http-api",
    "Probes Referer from an http://127.0.0.1 page to a plain-http API: " + TRUST
    + "127.0.0.1 is trustworthy, the API is not: no Referer; Origin http://127.0.0.1:3000. "
    + ENGINES_REF,
    LOOP,
    [rt("GET", url, 200, R_ORIGIN, CT)],
    [ok(fetch(url), [sent("GET", url, origin=LOOP, referer=None)],
        exposed=["content-type"])])

url = u("referer", "127-nocors-post")
add("probe-referer-127-nocors-post-to-http-api",
    "Probes a no-cors POST from http://127.0.0.1 to a plain-http API: " + ORIGIN_NOCORS
    + "The origin is http: Origin http://127.0.0.1:3000. " + TRUST + "No Referer. Opaque. "
    + ENGINES_REF,
    LOOP,
    [rt("POST", url, 200, CT)],
    [ok(fetch(url, "POST", mode="no-cors"), [sent("POST", url, origin=LOOP, referer=None)],
        status=0, type_="opaque")])

url = f"{LOCAL_API}/probe/referer/127-to-localhost"
add("probe-referer-127-to-localhost",
    "Control: http://127.0.0.1 page to http://localhost:8000, both potentially trustworthy: "
    + TRUST + "Referer http://127.0.0.1:3000/, Origin http://127.0.0.1:3000. " + ENGINES_REF,
    LOOP,
    [rt("GET", url, 200, R_ORIGIN, CT)],
    [ok(fetch(url), [sent("GET", url, origin=LOOP, referer=LOOP_REF)],
        exposed=["content-type"])])

url = f"{LOCAL_API}/probe/referer/localhost-other-port"
add("probe-referer-localhost-to-localhost-other-port",
    "Control: http://localhost:3000 to http://localhost:8000 (cross-origin, both trustworthy): "
    + TRUST + "Referer http://localhost:3000/. " + ENGINES_REF,
    LOCAL,
    [rt("GET", url, 200, R_ORIGIN, CT)],
    [ok(fetch(url), [sent("GET", url, origin=LOCAL, referer=LOCAL_REF)],
        exposed=["content-type"])])

url = f"{API_TLS}/probe/referer/localhost-to-https"
add("probe-referer-localhost-to-https-api",
    "Control: http://localhost:3000 to an https API (target trustworthy): " + TRUST + "Referer "
    "http://localhost:3000/ (oracle recording http-to-https agrees in all engines). "
    + ENGINES_REF,
    LOCAL,
    [rt("GET", url, 200, R_ORIGIN, CT)],
    [ok(fetch(url), [sent("GET", url, origin=LOCAL, referer=LOCAL_REF)],
        exposed=["content-type"])])

url = f"{API_TLS}/probe/referer/https-to-https"
add("probe-referer-https-to-https-put",
    "Control: https page to an https API with a preflighted PUT: " + TRUST + "Referer "
    "https://app.example/ on the OPTIONS and the PUT, Origin https://app.example. " + ENGINES_REF,
    TLS,
    [reflect_options(url), rt("PUT", url, 200, R_ORIGIN)],
    [ok(fetch(url, "PUT"), [pre(url, "PUT", origin=TLS, referer=TLS_REF),
                            sent("PUT", url, origin=TLS, referer=TLS_REF)], preflight=True)])

url = f"{API_TLS}/probe/referer/https-nocors-post-https"
add("probe-referer-https-nocors-post-to-https",
    "Control for the Origin-null rule: an https page POSTing no-cors to an https URL keeps "
    "Origin https://app.example (\"append a request Origin header\" step 4.1 nulls it only for "
    "https → non-https) and Referer https://app.example/. " + TRUST + ENGINES_REF,
    TLS,
    [rt("POST", url, 200, CT)],
    [ok(fetch(url, "POST", mode="no-cors"), [sent("POST", url, origin=TLS, referer=TLS_REF)],
        status=0, type_="opaque")])

url = f"{LOCAL_API}/probe/referer/app-to-localhost"
add("probe-referer-http-app-to-localhost",
    "Control: http://app.example (not trustworthy) to http://localhost:8000: no downgrade, so "
    "Referer http://app.example/. " + TRUST + ENGINES_REF,
    DOC,
    [rt("GET", url, 200, R_ORIGIN, CT)],
    [ok(fetch(url), [sent("GET", url, origin=DOC, referer=DOC_REF)],
        exposed=["content-type"])])

url = f"{LOCAL}/probe/referer/same-origin"
add("probe-referer-localhost-same-origin",
    "Control: a same-origin GET on http://localhost:3000: basic response (\"main fetch\" step "
    "12), no Origin (GET, tainting basic), Referer the full document URL "
    "http://localhost:3000/; every response header but Set-Cookie is readable. " + TRUST,
    LOCAL,
    [rt("GET", url, 200, ("X-A", "1"), CT)],
    [ok(fetch(url), [sent("GET", url, origin=None, referer=LOCAL_REF)],
        exposed=["content-type", "x-a"], type_="basic")])

a = f"{LOCAL_API}/probe/referer/redirect-a"
b = u("referer", "redirect-b")
add("probe-referer-localhost-redirect-to-http-api",
    "Probes Referer recomputed on a redirect (engines.md §1.9 Chromium re-issues requests on "
    "redirect; §3.4 WebKit resets headers). http://localhost:3000 → http://localhost:8000 "
    "(Referer http://localhost:3000/, both trustworthy) → 302 → http://api.example:8000: "
    "\"main fetch\" step 9 runs again for the new current URL, which is not trustworthy: no "
    "Referer. Origin: the hop localhost:8000 → api.example is not same origin, and the request's "
    "origin (localhost:3000) is not same origin with localhost:8000 but is same site with it, so "
    "\"redirect-taint\" is same-site and Origin is `null` (reflected ACAO `null` passes). "
    + CHECK + TRUST,
    LOCAL,
    [rt("GET", a, 302, R_ORIGIN, (LOC, b)), rt("GET", b, 200, R_ORIGIN, CT)],
    [ok(fetch(a), [sent("GET", a, origin=LOCAL, referer=LOCAL_REF),
                   sent("GET", b, origin="null", referer=None)],
        exposed=["content-type"])])

# --- checks of the modelled differences --------------------------------------------------------
# Each probe below puts a profile field of src/profile.rs in a situation that none of the
# recordings it was modelled from covers, so that a re-recording tests the model's prediction.

a, b = u("check", "delete-307-a"), u("check", "delete-307-b", OTHER)
add("probe-check-redirect-307-delete-to-other-origin",
    "Checks `cross_origin_redirect_makes_delete_get` on a 307 (WebKitGTK turns DELETE into GET "
    "on any redirect to another origin). " + PF + " \"HTTP-redirect fetch\" step 12 keeps DELETE "
    "on a 307; the hop leaves an origin that is not the document's for another, so "
    "redirect-taint is not same-origin and the second preflight and request carry `Origin: "
    "null`, which the reflecting server allows. " + REF_APP,
    DOC,
    [reflect_options(a), rt("DELETE", a, 307, R_ORIGIN, (LOC, b)), reflect_options(b),
     rt("*", b, 200, R_ORIGIN)],
    [ok(fetch(a, "DELETE"),
        [pre(a, "DELETE"), sent("DELETE", a), pre(b, "DELETE", origin="null"),
         sent("DELETE", b, origin="null")], preflight=True)])

a, b = u("check", "delete-308-a"), u("check", "delete-308-b")
add("probe-check-redirect-308-delete-same-origin",
    "Checks that `cross_origin_redirect_makes_delete_get` leaves a redirect within one origin "
    "alone: a 308 keeps DELETE (\"HTTP-redirect fetch\" step 12) and the new URL, which has no "
    "cache entry, is preflighted with the document's origin (redirect-taint same-origin). "
    + REF_APP,
    DOC,
    [reflect_options(a), rt("DELETE", a, 308, R_ORIGIN, (LOC, b)), reflect_options(b),
     rt("*", b, 200, R_ORIGIN)],
    [ok(fetch(a, "DELETE"),
        [pre(a, "DELETE"), sent("DELETE", a), pre(b, "DELETE"),
         sent("DELETE", b)], preflight=True)])

url = u("check", "xhr-head")
add("probe-check-xhr-head-and-get-after-flagged-post",
    "Checks `cached_methods` and `upload_preflight_needs_body` for HEAD and GET (Firefox lets "
    "only GET and POST through a cached result unlisted; Chromium does not flag body-less "
    "requests). XMLHttpRequest with upload listeners sets the use-CORS-preflight flag. t=0: a "
    "flagged POST is preflighted; without Access-Control-Allow-Methods, \"CORS-preflight "
    "fetch\" step 7.4 allows and caches POST (max-age 60). t=1: a flagged HEAD has no method "
    "cache entry: preflight, which caches HEAD. t=2: a flagged GET likewise. " + REF_APP,
    DOC,
    [options(url, R_ORIGIN, (MAX_AGE, "60")), rt("*", url, 200, R_ORIGIN)],
    [ok(fetch(url, "POST", headers=[CT], use_cors_preflight=True),
        [pre(url, "POST"), sent("POST", url)], preflight=True),
     ok(fetch(url, "HEAD", use_cors_preflight=True), [pre(url, "HEAD"), sent("HEAD", url)],
        preflight=True, at=1),
     ok(fetch(url, "GET", use_cors_preflight=True), [pre(url, "GET"), sent("GET", url)],
        preflight=True, at=2)])

url = u("check", "206-no-range")
add("probe-check-206-without-range-request",
    "Checks `partial_content_gains_length` when the request had no Range (Chromium adds "
    "Content-Length to a 206 with Content-Range when it asked for a range). A simple GET; "
    "Content-Range is no CORS-safelisted response-header name, so script reads no header. "
    + REF_APP,
    DOC,
    [rt("GET", url, 206, R_ORIGIN, ("Content-Range", "bytes 0-4/10"))],
    [ok(fetch(url), [sent("GET", url)], status=206)])

add("probe-check-data-url-base64",
    "Checks `data_url_content_length` on a base64 body (Firefox adds Content-Length to data: "
    "responses). Fetch \"main fetch\" step 12: a data: URL is fetched with basic tainting; scheme "
    "fetch gives status 200 and Content-Type only.",
    DOC,
    [],
    [ok(fetch("data:text/plain;base64,aGVsbG8="), [], "basic", 200, ["content-type"])])

url = u("check", "aceh-star-invalid-credentialed")
add("probe-check-aceh-star-with-invalid-item-credentialed",
    "Checks `expose_star_despite_invalid_items` with credentials (Firefox's `*` exposes all only "
    "without them). `*, x b` fails \"extract header list values\"; with credentials `*` would "
    "only name a header anyway: script reads no header beyond the safelisted ones (none here). "
    + REF_APP,
    DOC,
    [rt("GET", url, 200, R_ORIGIN, CRED, (ACEH, "*, x b"), ("X-A", "1"))],
    [ok(fetch(url, credentials="include"), [sent("GET", url)])])

url = u("check", "aceh-invalid-item")
add("probe-check-aceh-invalid-item-without-star",
    "Checks that an Access-Control-Expose-Headers with an invalid item and no `*` exposes "
    "nothing (\"extract header list values\" fails) in every profile. " + REF_APP,
    DOC,
    [rt("GET", url, 200, R_ORIGIN, (ACEH, "x-a, x b"), ("X-A", "1"))],
    [ok(fetch(url), [sent("GET", url)])])

url = u("check", "accept-twice")
add("probe-check-accept-appended-twice",
    "Checks `repeated_headers` where joining keeps a value safelisted: `Accept: text/html` "
    "appended twice is safelisted alone and as `text/html, text/html` (no CORS-unsafe "
    "request-header byte): no preflight. " + REF_APP,
    DOC,
    [reflect_options(url), rt("GET", url, 200, R_ORIGIN)],
    [ok(fetch(url, headers=[("Accept", "text/html"), ("Accept", "text/html")]),
        [sent("GET", url)])])

url = u("check", "custom-twice")
add("probe-check-custom-header-appended-twice",
    "Checks `repeated_headers` for Access-Control-Request-Headers: X-A appended twice is one "
    "name of the sorted-lowercase set, `x-a` (Firefox names it once per header); the reflecting "
    "server allows what is asked. " + REF_APP,
    DOC,
    [reflect_options(url), rt("GET", url, 200, R_ORIGIN)],
    [ok(fetch(url, headers=[("X-A", "1"), ("X-A", "2")]),
        [pre(url, "GET", "x-a"), sent("GET", url)], preflight=True)])

url = u("check", "range-mixed-case")
add("probe-check-range-mixed-case-unit",
    "Checks `range_unit_case_insensitive` on `Bytes=0-1` (WebKit matches the unit ignoring "
    "case). \"parse a single range header value\" wants `bytes`: Range is CORS-unsafe, so a "
    "preflight names it. " + REF_APP,
    DOC,
    [reflect_options(url), rt("GET", url, 200, R_ORIGIN)],
    [ok(fetch(url, headers=[("Range", "Bytes=0-1")]),
        [pre(url, "GET", "range"), sent("GET", url)], preflight=True)])

a, b = DOC + "/probe/check/post-303", u("check", "post-303-b")
add("probe-check-303-same-origin-json-post-to-other-origin",
    "Checks `redirects_keep_preflight_trigger` and `redirects_keep_unsafe_names` from a request "
    "that was never preflighted: a same-origin POST with Content-Type application/json is "
    "basic; its 303 makes a GET and deletes the body's headers (\"HTTP-redirect fetch\" step "
    "12), so the cross-origin GET is simple: no preflight. The hop leaves the document's own "
    "origin, so redirect-taint stays same-origin and Origin is the document's. " + REF_APP,
    DOC,
    [rt("POST", a, 303, (LOC, b)), reflect_options(b), rt("GET", b, 200, R_ORIGIN)],
    [ok(fetch(a, "POST", headers=[("Content-Type", "application/json")]),
        [sent("POST", a), sent("GET", b)])])

url = u("check", "failure-clears-credentialed")
add("probe-check-simple-failure-and-credentialed-entry",
    "Checks `failure_clears_cache` across credentials modes (Firefox removes the `cred` and "
    "`nocred` entries of a URL on any CORS failure). t=0: a credentialed PUT is preflighted and "
    "cached (max-age 60). t=1: a simple GET without credentials fails the CORS check (no "
    "Access-Control-Allow-Origin); \"main fetch\" clears cache entries only in the preflight "
    "branch. t=2: the credentialed PUT still has its entries: no preflight. " + REF_APP,
    DOC,
    [reflect_options(url, (MAX_AGE, "60"), credentials=True), rt("PUT", url, 200, R_ORIGIN, CRED),
     rt("GET", url, 200)],
    [ok(fetch(url, "PUT", credentials="include"), [pre(url, "PUT"), sent("PUT", url)],
        preflight=True),
     fail(fetch(url), [sent("GET", url)], "MissingAllowOriginHeader", at=1),
     ok(fetch(url, "PUT", credentials="include"), [sent("PUT", url)], at=2)])


# =============================================================================================
# J. Long URLs and the CORS-preflight cache (engines.md §1.8 kMaxKeyLength, §6 feature table)
# =============================================================================================
# Chromium's PreflightCache::AppendEntry does not store a result whose URL spec (the serialized
# URL, query and fragment included, the origin not) is 1,024 characters or longer. The oracle
# puts a per-vector prefix `/__o<6 hex>v<index>` (12 characters for indexes 0-9, 13 for 10-99,
# 14 for 100-999, 15 for 1000-9999) in front of every path, so the browser sees URLs 12-15
# characters longer than the vector's. Only lengths whose Chromium outcome is the same for any
# of these prefixes are used: at most 1008 characters (seen <= 1023: cached) or at least 1024
# (seen >= 1036: not cached). A length in 1009-1023 would be recorded cached or not depending on
# the vector's index in the recorder's input, and would contradict a model applying Chromium's
# real bound (1024) to the vector's URL. The exact bound was read off an exploratory recording
# with exact lengths (not committed): seen 1020-1023 cached, 1024-1026 and 8192 not, path or query
# alike, Chromium net-log CHECK_CORS_PREFLIGHT_CACHE "miss" then "hit-and-pass" vs two "miss".

LONG_PF = ('The Fetch standard puts no bound on a CORS-preflight cache entry\'s URL: "CORS-preflight '
           'fetch" steps 7.8-7.15 store entries (max-age 600) for the request\'s current URL, '
           'whatever its length, and "HTTP fetch" step 4.1 skips the preflight at t=1 (method and '
           'header-name cache entry match). A PUT with Content-Type application/json preflights '
           '(Access-Control-Request-Headers content-type) at t=0; the same request at t=1 does '
           'not. ')
LONG_ENGINES = ('Chromium (engines.md §1.8 kMaxKeyLength) does not cache URL specs of 1,024 '
                'characters or more, so it preflights again at t=1 when the URL the browser sees '
                '(the vector\'s plus the oracle\'s 12-15-character prefix) is that long; Firefox '
                'and WebKit cache any length. ')
LONG_HOST = ".".join(["d" * 60, "e" * 60, "f" * 60]) + ".app.example"
LONG_DOC = "http://" + LONG_HOST   # 201 characters
JSON_CT = ("Content-Type", "application/json")


def long_url(slug, length, where="path"):
    """A URL on API of exactly `length` characters, padded with `x` in the path (`where`
    "path") or in a query `?q=xxx...` after a short path ("query")."""
    base = u("long-url", slug)
    url = base + "/" if where == "path" else base + "?q="
    url += "x" * (length - len(url))
    assert len(url) == length, (slug, length)
    return url


def long_url_vector(id_, what, url, doc=DOC):
    """t=0 and t=1: a preflighted PUT to `url` from a document of origin `doc`."""
    doc_ref = doc + "/"
    put = fetch(url, "PUT", headers=[JSON_CT])
    add(id_, what + LONG_PF + LONG_ENGINES + f"Referer {doc_ref} (strict-origin-when-cross-origin; "
        "the document is not potentially trustworthy).",
        doc,
        [reflect_options(url, (MAX_AGE, "600")), rt("PUT", url, 200, R_ORIGIN)],
        [ok(put, [pre(url, "PUT", "content-type", origin=doc, referer=doc_ref),
                  sent("PUT", url, origin=doc, referer=doc_ref)], preflight=True),
         ok(put, [sent("PUT", url, origin=doc, referer=doc_ref)], at=1)])


for length, seen in [(1000, "1012-1015: cached in Chromium too"),
                     (1008, "1020-1023: the longest length Chromium caches whatever the prefix"),
                     (1024, "1036-1039: not cached in Chromium, and 1,024 is its bound applied to "
                            "the vector's own URL too"),
                     (1100, "1112-1115: not cached in Chromium"),
                     (2048, "2060-2063: not cached in Chromium"),
                     (4096, "4108-4111: not cached in Chromium")]:
    long_url_vector(
        f"probe-long-url-path-{length}",
        f"Probes the CORS-preflight cache for a URL of {length} characters, padded in the path "
        f"(seen by the browser: {seen}). ",
        long_url(f"path-{length}", length))

for length, seen in [(1008, "1020-1023: cached in Chromium"),
                     (1024, "1036-1039: not cached in Chromium if the query counts"),
                     (1100, "1112-1115: not cached in Chromium if the query counts")]:
    long_url_vector(
        f"probe-long-url-query-{length}",
        f"Probes whether the query counts in the URL's length: a URL of {length} characters, a "
        f"short path and a long query (seen by the browser: {seen}); as "
        f"probe-long-url-path-{length} with the length in the query. ",
        long_url(f"query-{length}", length, "query"))

long_url_vector(
    "probe-long-url-long-document-origin",
    f"Probes whether the document's origin counts in the URL's length: a URL of 1008 characters "
    f"(seen by the browser: 1020-1023) fetched from a document whose origin has "
    f"{len(LONG_DOC)} characters; Chromium's cache key holds the origin beside the URL spec, and "
    f"only the spec's length is bounded, so Chromium caches it too (origin + URL would be over "
    f"1,024). ",
    long_url("long-document-origin", 1008), LONG_DOC)


# =============================================================================================
# K. Mixed content on a redirect: when each engine blocks an https → http hop (issue 14 item 6)
# =============================================================================================
# Fetch "main fetch" checks "should fetching request be blocked as mixed content?" for each URL
# before anything is sent for it, so the standard sends neither the redirected request nor its
# preflight. An engine that follows the redirect first and checks later would send them.

MIXED = ('Fetch "main fetch" step 7 runs Mixed Content "should fetching request be blocked as '
         'mixed content?" for the redirected URL before its preflight or request: an https '
         'page may not fetch plain http (not potentially trustworthy), so the fetch ends in a '
         'network error and nothing is sent for the http URL. ')
HTTP_80 = "http://api.example"

a, b = u("mixed", "put-a", API_TLS), u("mixed", "put-b", HTTP_80)
add("probe-mixed-redirect-preflighted-put-to-http",
    "Probes when a preflighted PUT from https://app.example/ to an https API that answers 307 "
    "to an http URL is blocked: before the redirected URL's preflight (the standard), or after "
    "sending it. " + MIXED,
    TLS,
    [reflect_options(a), rt("PUT", a, 307, R_ORIGIN, (LOC, b)), reflect_options(b),
     rt("PUT", b, 200, R_ORIGIN)],
    [fail(fetch(a, "PUT"),
          [pre(a, "PUT", origin=TLS, referer=TLS_REF), sent("PUT", a, origin=TLS, referer=TLS_REF)],
          "MixedContent", preflight=True)])

a, b = u("mixed", "get-a", API_TLS), u("mixed", "get-b", HTTP_80)
add("probe-mixed-redirect-get-to-http",
    "Probes when a simple cross-origin GET from https://app.example/ redirected (302) from the "
    "https API to an http URL is blocked: before the http request (the standard), or after. "
    + MIXED,
    TLS,
    [rt("GET", a, 302, R_ORIGIN, (LOC, b)), rt("GET", b, 200, R_ORIGIN)],
    [fail(fetch(a), [sent("GET", a, origin=TLS, referer=TLS_REF)], "MixedContent")])

a, b = u("mixed", "same-origin-put-a", TLS), u("mixed", "same-origin-put-b", HTTP_80)
add("probe-mixed-redirect-same-origin-put-to-http",
    "Probes a same-origin PUT (no preflight) from https://app.example/ answered by a 307 to a "
    "cross-origin http URL, whose first preflight would be the http hop's: blocked before it "
    "(the standard), or after sending it. " + MIXED,
    TLS,
    [rt("PUT", a, 307, (LOC, b)), reflect_options(b), rt("PUT", b, 200, R_ORIGIN)],
    [fail(fetch(a, "PUT"), [sent("PUT", a, origin=TLS, referer=TLS_REF)], "MixedContent")])

a, b = u("mixed", "nocors-post-a", API_TLS), u("mixed", "nocors-post-b", HTTP_80)
add("probe-mixed-redirect-no-cors-post-to-http",
    "Probes a no-cors POST from https://app.example/ to the https API answered by a 307 to an "
    "http URL: blocked before the http request (the standard), or after. " + MIXED,
    TLS,
    [rt("POST", a, 307, (LOC, b)), rt("POST", b, 200)],
    [fail(fetch(a, "POST", mode="no-cors"), [sent("POST", a, origin=TLS, referer=TLS_REF)],
          "MixedContent")])

a, b = u("mixed", "put-loopback-a", API_TLS), u("mixed", "put-loopback-b", LOCAL_API)
add("probe-mixed-redirect-preflighted-put-to-http-loopback",
    "Probes a preflighted PUT from https://app.example/ to the https API answered by a 307 to "
    "http://localhost:8000, which is potentially trustworthy, so not mixed content for the "
    "standard (WebKit blocks http loopback from https pages: when, here?). The hop is "
    "redirect-tainted: Origin `null` on its preflight and PUT. Referer: the standard counts "
    "localhost as trustworthy, so no downgrade. ",
    TLS,
    [reflect_options(a), rt("PUT", a, 307, R_ORIGIN, (LOC, b)), reflect_options(b),
     rt("PUT", b, 200, R_ORIGIN)],
    [ok(fetch(a, "PUT"),
        [pre(a, "PUT", origin=TLS, referer=TLS_REF), sent("PUT", a, origin=TLS, referer=TLS_REF),
         pre(b, "PUT", origin="null", referer=TLS_REF),
         sent("PUT", b, origin="null", referer=TLS_REF)], preflight=True)])


def main():
    source = ("Probes of engine differences (shared/research/engines.md §6, §1.7-1.10, "
              "§2.2-2.7, §3.2-3.5), with expectations of the WHATWG Fetch standard "
              "(fetch.bs: main fetch, HTTP fetch, HTTP-redirect fetch, CORS-preflight fetch, "
              "CORS-preflight cache, CORS check, Origin header, CORS-safelisted "
              "request-header, CORS-safelisted response-header name), Referrer Policy "
              "strict-origin-when-cross-origin and XMLHttpRequest send(); meant to be "
              "recorded per engine with the oracle")
    for vector in VECTORS:
        assert vector["id"].startswith("probe-"), vector["id"]
        for route in vector["server"]["routes"]:  # routes never send Set-Cookie
            assert not any(name.lower() in ("set-cookie", "set-cookie2")
                           for name, _ in route["headers"]), vector["id"]
    common.write_vectors(OUTPUT, source, VECTORS)
    steps = common.step_count(VECTORS)
    print(f"wrote {common.relpath(OUTPUT)}: {len(VECTORS)} vectors, {steps} steps")


if __name__ == "__main__":
    main()
