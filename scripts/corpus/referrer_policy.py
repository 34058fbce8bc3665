#!/usr/bin/env python3
"""Generate spec-vectors/referrer-policy.json: the `Referer` and `Origin` a request carries under
each referrer policy — the request's `referrerPolicy`, and `Referrer-Policy` on the redirects a
request follows (preflighted ones included) — hand-derived from the standards, and meant to be
recorded in every engine (scripts/record_engines.py).

What the standards say, and therefore what every expectation below states:

- Fetch "main fetch": a request whose referrer policy is the empty string takes its policy
  container's (the document's: strict-origin-when-cross-origin, as no document here sends one);
  then, unless the referrer is already "no-referrer", "determine request's referrer" runs for the
  current URL, from the referrer the previous hop left (so a referrer once reduced or removed
  never grows back).
- Referrer Policy "determine request's referrer", per policy: `no-referrer` sends none;
  `same-origin` the URL to the document's origin, else none; `origin` the origin; `unsafe-url`
  the URL; `origin-when-cross-origin` the URL same-origin, else the origin; `strict-origin`,
  `strict-origin-when-cross-origin` and `no-referrer-when-downgrade` as `origin`,
  `origin-when-cross-origin` and `unsafe-url`, except that a potentially trustworthy referrer
  (https, or http on a loopback host) sends nothing to a URL that is not. Every document here is
  at its origin's root, so the URL and the origin are one value (`https://app.example/`): the
  vectors tell only whether `Referer` is sent (the recorder maps the document's URL back to
  its origin + `/`).
- Fetch "HTTP-redirect fetch": "set request's referrer policy on redirect" — the last token of
  the redirect's `Referrer-Policy` (extracted as a comma-separated list) that is a referrer
  policy becomes the request's, for every later hop; an unknown token or an empty header changes
  nothing. A preflight's response sets nothing.
- Fetch "CORS-preflight fetch" step 1: the preflight copies the request's referrer and policy,
  so after a redirect it carries what the actual request carries.
- Fetch "append a request `Origin` header" step 4: a request that is not a CORS request, whose
  method is neither GET nor HEAD and whose mode is not `cors`, sends `Origin: null` under
  `no-referrer`; under `no-referrer-when-downgrade`, `strict-origin` and
  `strict-origin-when-cross-origin` when the origin is https and the current URL is not (the
  scheme alone: `http://localhost` counts); under `same-origin` when the current URL is of
  another origin; the serialized origin under the other policies.
- Secure Contexts: `http://localhost` is potentially trustworthy, so an https page may fetch it
  (no mixed content) and the standard's referrer policies do not count it a downgrade (the
  engines do: `context.loopback_trustworthy_for_referrer`).

Run from the repository root: python3 scripts/corpus/referrer_policy.py
"""

from functools import partial

import common
from common import ACAO, LOC, fail, fetch, ok, reflect_options, rt

OUT = common.output_path("referrer-policy.json")

TLS = "https://app.example"            # the document (at its origin's root)
TLS_REF = TLS + "/"
LOCAL = "http://localhost:3000"        # a potentially trustworthy http document
LOCAL_REF = LOCAL + "/"
SAME = TLS                             # same-origin targets
API = "https://api.example"            # cross-origin https targets
OTHER = "https://other.example"
LOOPBACK = "http://localhost:8000"     # http loopback: trustworthy for the standard
HTTP_API = "http://api.example:8000"   # not trustworthy

RP = "Referrer-Policy"
R_ORIGIN = (ACAO, "{{origin}}")

POLICIES = ["", "no-referrer", "no-referrer-when-downgrade", "same-origin", "origin",
            "strict-origin", "origin-when-cross-origin", "strict-origin-when-cross-origin",
            "unsafe-url"]
STRICT = ("no-referrer-when-downgrade", "strict-origin", "strict-origin-when-cross-origin")
DEFAULT = "strict-origin-when-cross-origin"

sent = partial(common.sent, origin=TLS, referer=TLS_REF)
pre = partial(common.pre, origin=TLS, referer=TLS_REF)

VECTORS = common.Vectors()
add = VECTORS.add


def slug(policy):
    return policy or "empty"


def sends_referrer(policy, same_origin, downgrade=False):
    """Whether "determine request's referrer" gives a referrer under `policy` ('' is the
    document's, strict-origin-when-cross-origin) for a URL `same_origin` with the document or
    not, and a `downgrade` (a trustworthy referrer to a URL that is not) or not."""
    policy = policy or DEFAULT
    if policy == "no-referrer":
        return False
    if policy == "same-origin":
        return same_origin
    if policy in STRICT:
        return not downgrade
    return True


def referer(policy, same_origin, downgrade=False, ref=TLS_REF):
    return ref if sends_referrer(policy, same_origin, downgrade) else None


def nocors_origin(policy, same_origin, https_to_http=False, origin=TLS):
    """`Origin` of a no-cors POST ("append a request `Origin` header" step 4.1)."""
    policy = policy or DEFAULT
    if policy == "no-referrer":
        return "null"
    if policy in STRICT and https_to_http:
        return "null"
    if policy == "same-origin" and not same_origin:
        return "null"
    return origin


POLICY_NOTE = ('Referrer Policy "determine request\'s referrer"; Fetch "append a request `Origin` '
               'header" step 4. Every document is at its origin\'s root, so the URL and the '
               'origin referrer are one value. ')
LOOPBACK_NOTE = ('http://localhost:8000 is potentially trustworthy: not mixed content, and no '
                 'downgrade for the standard (the engines count only https: '
                 '`context.loopback_trustworthy_for_referrer`; WebKit blocks http loopback from '
                 'https pages: `context.mixed_content_allows_loopback`). ')
REDIRECT_NOTE = ('Fetch "HTTP-redirect fetch": "set request\'s referrer policy on redirect" — '
                 'the redirect\'s Referrer-Policy becomes the request\'s for every later hop '
                 '(an empty or unknown value changes nothing); "main fetch" determines the '
                 'referrer again for each URL, from what the previous hop left. ')


# =============================================================================================
# A. The request's referrerPolicy, each value ('' is the document's policy)
# =============================================================================================

for policy in POLICIES:
    base = f"/rp/request/{slug(policy)}"
    same, cross = SAME + base + "/same", API + base + "/cross"
    local = LOOPBACK + base + "/local"
    same_post, cross_post = SAME + base + "/same-post", API + base + "/cross-post"
    local_post = LOOPBACK + base + "/local-post"
    http_api = HTTP_API + base + "/from-localhost"
    rq = partial(fetch, referrer_policy=policy)
    shown = f"referrerPolicy {policy!r}" + (" (the document's, strict-origin-when-cross-origin)"
                                            if not policy else "")
    add(f"rp-request-{slug(policy)}",
        f"A request with {shown}, from https://app.example/: a same-origin GET, a cross-origin "
        "https GET, a cross-origin GET of http://localhost:8000, the same three as no-cors "
        "POSTs (whose Origin the policy governs), and from http://localhost:3000 (potentially "
        "trustworthy) a GET of plain-http http://api.example:8000 (a downgrade for the "
        "standard). " + POLICY_NOTE + LOOPBACK_NOTE,
        TLS,
        [rt("GET", same, 200), rt("GET", cross, 200, R_ORIGIN), rt("GET", local, 200, R_ORIGIN),
         rt("POST", same_post, 200), rt("POST", cross_post, 200), rt("POST", local_post, 200),
         rt("GET", http_api, 200, R_ORIGIN)],
        [ok(rq(same), [sent("GET", same, origin=None, referer=referer(policy, True))],
            type_="basic"),
         ok(rq(cross), [sent("GET", cross, referer=referer(policy, False))]),
         ok(rq(local), [sent("GET", local, referer=referer(policy, False))]),
         ok(rq(same_post, "POST", mode="no-cors"),
            [sent("POST", same_post, origin=nocors_origin(policy, True),
                  referer=referer(policy, True))], type_="basic"),
         ok(rq(cross_post, "POST", mode="no-cors"),
            [sent("POST", cross_post, origin=nocors_origin(policy, False),
                  referer=referer(policy, False))], type_="opaque", status=0),
         ok(rq(local_post, "POST", mode="no-cors"),
            [sent("POST", local_post, origin=nocors_origin(policy, False, https_to_http=True),
                  referer=referer(policy, False))], type_="opaque", status=0),
         dict(ok(rq(http_api), [sent("GET", http_api, origin=LOCAL,
                                     referer=referer(policy, False, True, LOCAL_REF))]),
              origin=LOCAL)])


# =============================================================================================
# B. Referrer-Policy on a redirect, each value ('' is an empty header: no change)
# =============================================================================================

for policy in POLICIES:
    base = f"/rp/redirect/{slug(policy)}"
    a, b = API + base + "/a", API + base + "/b"                  # cross-origin → same API
    c, d = SAME + base + "/c", SAME + base + "/d"                # same-origin → same-origin
    e, f = SAME + base + "/e", API + base + "/f"                 # same-origin → cross-origin
    g, h = API + base + "/g", LOOPBACK + base + "/h"             # https API → http loopback
    i, j = SAME + base + "/i", API + base + "/j"                 # no-cors POST, 307
    header = (RP, policy)
    shown = f"Referrer-Policy: {policy}" if policy else "an empty Referrer-Policy"
    add(f"rp-redirect-{slug(policy)}",
        f"Redirects carrying {shown}, from https://app.example/ (whose policy is "
        "strict-origin-when-cross-origin): a cross-origin GET redirected within the API, a "
        "same-origin GET redirected within the origin, a same-origin GET redirected to the API, "
        "an API GET redirected to http://localhost:8000 (the hop is redirect-tainted: Origin "
        "`null`), and a no-cors POST 307 from the origin to the API (Origin by the new policy). "
        + REDIRECT_NOTE + POLICY_NOTE + LOOPBACK_NOTE,
        TLS,
        [rt("GET", a, 302, R_ORIGIN, header, (LOC, b)), rt("GET", b, 200, R_ORIGIN),
         rt("GET", c, 302, header, (LOC, d)), rt("GET", d, 200),
         rt("GET", e, 302, header, (LOC, f)), rt("GET", f, 200, R_ORIGIN),
         rt("GET", g, 302, R_ORIGIN, header, (LOC, h)), rt("GET", h, 200, R_ORIGIN),
         rt("POST", i, 307, header, (LOC, j)), rt("POST", j, 200)],
        [ok(fetch(a), [sent("GET", a), sent("GET", b, referer=referer(policy, False))]),
         ok(fetch(c), [sent("GET", c, origin=None),
                       sent("GET", d, origin=None, referer=referer(policy, True))],
            type_="basic"),
         ok(fetch(e), [sent("GET", e, origin=None),
                       sent("GET", f, referer=referer(policy, False))]),
         ok(fetch(g), [sent("GET", g), sent("GET", h, origin="null",
                                            referer=referer(policy, False))]),
         ok(fetch(i, "POST", mode="no-cors"),
            [sent("POST", i), sent("POST", j, origin=nocors_origin(policy, False),
                                   referer=referer(policy, False))],
            type_="opaque", status=0)])


# =============================================================================================
# C. Parsing Referrer-Policy, and what a policy set on a redirect goes on to do
# =============================================================================================

PARSE = ('Referrer Policy "parse a referrer policy from a Referrer-Policy header": the values '
         'are extracted as one comma-separated list (repeated headers joined), and the last '
         'token that is a referrer policy wins; tokens that are not are ignored. ')


def parsed(id_, description, headers, policy):
    """A cross-origin GET redirected within the API by a 302 with `headers`, which the standard
    reads as `policy`."""
    base = f"/rp/parse/{id_}"
    a, b = API + base + "/a", API + base + "/b"
    add(f"rp-parse-{id_}", description + " " + PARSE + REDIRECT_NOTE,
        TLS,
        [rt("GET", a, 302, R_ORIGIN, *headers, (LOC, b)), rt("GET", b, 200, R_ORIGIN)],
        [ok(fetch(a), [sent("GET", a), sent("GET", b, referer=referer(policy, False))])])


parsed("last-wins-unsafe-url", "`Referrer-Policy: no-referrer, unsafe-url`: unsafe-url, so the "
       "second hop carries Referer.", [(RP, "no-referrer, unsafe-url")], "unsafe-url")
parsed("last-wins-no-referrer", "`Referrer-Policy: unsafe-url, no-referrer`: no-referrer, so the "
       "second hop carries none.", [(RP, "unsafe-url, no-referrer")], "no-referrer")
parsed("unknown-token-ignored", "`Referrer-Policy: no-referrer, unknown-policy`: the unknown "
       "token is ignored, no-referrer stands.", [(RP, "no-referrer, unknown-policy")],
       "no-referrer")
parsed("two-headers", "Two headers, `Referrer-Policy: unsafe-url` then `Referrer-Policy: "
       "no-referrer`: one list, no-referrer last.", [(RP, "unsafe-url"), (RP, "no-referrer")],
       "no-referrer")
parsed("unknown-only", "`Referrer-Policy: never` (a legacy meta keyword, no referrer policy): "
       "nothing changes, the document's strict-origin-when-cross-origin sends the origin.",
       [(RP, "never")], "")
parsed("uppercase", "`Referrer-Policy: NO-REFERRER`: the standard compares the token with the "
       "policies as they are written (lowercase), so it is no referrer policy and nothing "
       "changes: the second hop carries Referer.", [(RP, "NO-REFERRER")], "")
parsed("token-outside-the-abnf", "`Referrer-Policy: no-referrer, unsafe url`: a token with a "
       "space is outside the ABNF (`extension-token = 1*( ALPHA / \"-\" )`), so extracting the "
       "header list values fails and the header sets nothing: the second hop carries Referer.",
       [(RP, "no-referrer, unsafe url")], "")

base = "/rp/parse/kept-for-later-hops"
a, b, c = SAME + base + "/a", SAME + base + "/b", API + base + "/c"
add("rp-redirect-policy-kept-for-later-hops",
    "A same-origin GET redirected within the origin by a 302 with `Referrer-Policy: "
    "same-origin` (Referer kept: same origin), then by a 302 without one to the API: the "
    "request's policy is still same-origin, so the third hop carries no Referer. "
    + REDIRECT_NOTE,
    TLS,
    [rt("GET", a, 302, (RP, "same-origin"), (LOC, b)), rt("GET", b, 302, (LOC, c)),
     rt("GET", c, 200, R_ORIGIN)],
    [ok(fetch(a), [sent("GET", a, origin=None), sent("GET", b, origin=None),
                   sent("GET", c, referer=None)])])

base = "/rp/parse/request-policy-overridden"
a, b = API + base + "/a", API + base + "/b"
add("rp-redirect-overrides-request-policy",
    "A GET with referrerPolicy 'unsafe-url' redirected by a 302 with `Referrer-Policy: "
    "no-referrer`: the redirect's policy replaces the request's, so the second hop carries no "
    "Referer. " + REDIRECT_NOTE,
    TLS,
    [rt("GET", a, 302, R_ORIGIN, (RP, "no-referrer"), (LOC, b)), rt("GET", b, 200, R_ORIGIN)],
    [ok(fetch(a, referrer_policy="unsafe-url"), [sent("GET", a), sent("GET", b, referer=None)])])

base = "/rp/parse/no-referrer-never-grows-back"
a, b = API + base + "/a", API + base + "/b"
add("rp-redirect-no-referrer-never-grows-back",
    "A GET with referrerPolicy 'no-referrer' redirected by a 302 with `Referrer-Policy: "
    "unsafe-url`: the request's referrer is already \"no-referrer\", which \"main fetch\" never "
    "determines again, so the second hop carries none either. " + REDIRECT_NOTE,
    TLS,
    [rt("GET", a, 302, R_ORIGIN, (RP, "unsafe-url"), (LOC, b)), rt("GET", b, 200, R_ORIGIN)],
    [ok(fetch(a, referrer_policy="no-referrer"),
        [sent("GET", a, referer=None), sent("GET", b, referer=None)])])

base = "/rp/parse/removed-stays-removed"
a, b, c = SAME + base + "/a", API + base + "/b", SAME + base + "/c"
add("rp-redirect-removed-referrer-stays-removed",
    "A GET with referrerPolicy 'same-origin' to the document's origin (Referer), redirected to "
    "the API (none: another origin), then back to the document's origin: the referrer the "
    "second hop removed stays removed. The third hop is redirect-tainted (API → the document's "
    "origin): Origin `null`, which the reflecting route allows. Credentials 'omit': WebKitGTK "
    "fails a request with credentials 'same-origin' that started at its origin and left it on "
    "the next redirect (docs/engines.md, \"Found, but not modelled\"). " + REDIRECT_NOTE,
    TLS,
    [rt("GET", a, 302, (LOC, b)), rt("GET", b, 302, R_ORIGIN, (LOC, c)),
     rt("GET", c, 200, R_ORIGIN)],
    [ok(fetch(a, credentials="omit", referrer_policy="same-origin"),
        [sent("GET", a, origin=None), sent("GET", b, referer=None),
         sent("GET", c, origin="null", referer=None)])])

base = "/rp/parse/removed-by-redirect-stays-removed"
a, b, c = API + base + "/a", API + base + "/b", API + base + "/c"
add("rp-redirect-removed-by-redirect-policy-stays-removed",
    "A GET redirected by a 302 with `Referrer-Policy: no-referrer` (no Referer on the second "
    "hop), then by a 302 with `Referrer-Policy: unsafe-url`: the referrer is already "
    "\"no-referrer\", so the third hop carries none either. " + REDIRECT_NOTE,
    TLS,
    [rt("GET", a, 302, R_ORIGIN, (RP, "no-referrer"), (LOC, b)),
     rt("GET", b, 302, R_ORIGIN, (RP, "unsafe-url"), (LOC, c)), rt("GET", c, 200, R_ORIGIN)],
    [ok(fetch(a), [sent("GET", a), sent("GET", b, referer=None), sent("GET", c, referer=None)])])

base = "/rp/parse/back-to-document-origin"
a, b, c = SAME + base + "/a", API + base + "/b", SAME + base + "/c"
add("rp-redirect-back-to-document-origin-control",
    "Control for rp-redirect-removed-referrer-stays-removed without a referrer policy of the "
    "request's: a same-origin GET redirected to the API, then back to the document's origin "
    "(redirect-tainted: Origin `null`, which the reflecting route allows), with "
    "credentials 'omit' as there. Referer: the full "
    "URL, then the origin, then the origin (once reduced, a referrer never grows back). "
    + REDIRECT_NOTE,
    TLS,
    [rt("GET", a, 302, (LOC, b)), rt("GET", b, 302, R_ORIGIN, (LOC, c)),
     rt("GET", c, 200, R_ORIGIN)],
    [ok(fetch(a, credentials="omit"), [sent("GET", a, origin=None), sent("GET", b),
                                       sent("GET", c, origin="null")])])

base = "/rp/parse/no-cors-request-policy-after-redirect"
i, j = SAME + base + "/i", API + base + "/j"
add("rp-no-cors-redirect-request-same-origin",
    "A no-cors POST with referrerPolicy 'same-origin' to the document's origin (Origin and "
    "Referer: same origin), redirected by a 307 to the API: the request's policy now removes "
    "the Referer and turns Origin into `null` (Fetch \"append a request `Origin` header\" step "
    "4.1 runs for each request sent). " + POLICY_NOTE,
    TLS,
    [rt("POST", i, 307, (LOC, j)), rt("POST", j, 200)],
    [ok(fetch(i, "POST", mode="no-cors", referrer_policy="same-origin"),
        [sent("POST", i), sent("POST", j, origin="null", referer=None)],
        type_="opaque", status=0)])

base = "/rp/parse/no-cors-tainted-redirect"
k, l = API + base + "/k", OTHER + base + "/l"
add("rp-no-cors-redirect-tainted",
    "A no-cors POST to the API redirected by a 307 to another origin: the hop leaves an origin "
    "that is not the document's for another, so the request is redirect-tainted and the second "
    "request carries `Origin: null` (Fetch \"serializing a request origin\": `null` once the "
    "redirect-taint is not same-origin). Control for rp-no-cors-redirect-request-same-origin, "
    "whose redirect does not taint the request. " + POLICY_NOTE,
    TLS,
    [rt("POST", k, 307, (LOC, l)), rt("POST", l, 200)],
    [ok(fetch(k, "POST", mode="no-cors"),
        [sent("POST", k), sent("POST", l, origin="null")],
        type_="opaque", status=0)])

HTTPS_LOCAL = "https://localhost:3443"
url = LOOPBACK + "/rp/request/unsafe-url-same-host"
add("rp-request-unsafe-url-https-localhost-to-http-localhost",
    "A GET with referrerPolicy 'unsafe-url' from https://localhost:3443/ to "
    "http://localhost:8000 (the same host, schemelessly the same site; schemefully another "
    "site): Referer https://localhost:3443/ under unsafe-url (no downgrade for the standard "
    "either: both URLs are potentially trustworthy). " + POLICY_NOTE + LOOPBACK_NOTE,
    HTTPS_LOCAL,
    [rt("GET", url, 200, R_ORIGIN)],
    [ok(fetch(url, referrer_policy="unsafe-url"),
        [sent("GET", url, origin=HTTPS_LOCAL, referer=HTTPS_LOCAL + "/")])])

base = "/rp/parse/preflight-response-sets-nothing"
url = API + base
add("rp-preflight-response-sets-no-policy",
    "A preflighted PUT whose preflight response says `Referrer-Policy: no-referrer`: only a "
    "redirect sets the request's policy, so the PUT still carries Referer (Fetch "
    "\"CORS-preflight fetch\" reads only the CORS headers of the answer).",
    TLS,
    [reflect_options(url, (RP, "no-referrer")), rt("PUT", url, 200, R_ORIGIN)],
    [ok(fetch(url, "PUT"), [pre(url, "PUT"), sent("PUT", url)], preflight=True)])


# =============================================================================================
# D. Preflighted requests and the referrer policy
# =============================================================================================

PREFLIGHT = ('Fetch "CORS-preflight fetch" step 1: the preflight copies the request\'s referrer '
             'and referrer policy, so each hop\'s preflight carries the Referer its request '
             'carries. ')

for policy, same_origin_next in (("no-referrer", True), ("same-origin", False),
                                  ("unsafe-url", True)):
    base = f"/rp/preflight/redirect-{policy}"
    a = API + base + "/a"
    b = (API if same_origin_next else OTHER) + base + "/b"
    tainted = not same_origin_next
    origin2 = "null" if tainted else TLS
    add(f"rp-preflight-redirect-{policy}",
        f"A preflighted PUT to the API answered by a 307 with `Referrer-Policy: {policy}` to "
        + ("another URL of the API" if same_origin_next else
           "another origin (the hop is redirect-tainted: Origin `null`)")
        + ": does the next hop's preflight carry the Referer of the new policy, as its PUT "
        "does? " + PREFLIGHT + REDIRECT_NOTE,
        TLS,
        [reflect_options(a), rt("PUT", a, 307, R_ORIGIN, (RP, policy), (LOC, b)),
         reflect_options(b), rt("PUT", b, 200, R_ORIGIN)],
        [ok(fetch(a, "PUT"),
            [pre(a, "PUT"), sent("PUT", a),
             pre(b, "PUT", origin=origin2, referer=referer(policy, False)),
             sent("PUT", b, origin=origin2, referer=referer(policy, False))], preflight=True)])

base = "/rp/preflight/two-redirects"
a, b, c = API + base + "/a", API + base + "/b", API + base + "/c"
add("rp-preflight-two-redirects-no-referrer",
    "A preflighted PUT redirected by a 307 with `Referrer-Policy: no-referrer`, then by a 307 "
    "without one, within the API: neither later hop's preflight nor PUT carries Referer. "
    + PREFLIGHT + REDIRECT_NOTE,
    TLS,
    [reflect_options(a), rt("PUT", a, 307, R_ORIGIN, (RP, "no-referrer"), (LOC, b)),
     reflect_options(b), rt("PUT", b, 307, R_ORIGIN, (LOC, c)),
     reflect_options(c), rt("PUT", c, 200, R_ORIGIN)],
    [ok(fetch(a, "PUT"),
        [pre(a, "PUT"), sent("PUT", a), pre(b, "PUT", referer=None), sent("PUT", b, referer=None),
         pre(c, "PUT", referer=None), sent("PUT", c, referer=None)], preflight=True)])

base = "/rp/preflight/same-origin-redirect-no-referrer"
a, b = SAME + base + "/a", API + base + "/b"
add("rp-preflight-after-same-origin-redirect-no-referrer",
    "A same-origin PUT (no preflight) answered by a 307 with `Referrer-Policy: no-referrer` to "
    "the API: the first preflight of the request is the cross-origin hop's, and neither it nor "
    "the PUT carries Referer. " + PREFLIGHT + REDIRECT_NOTE,
    TLS,
    [rt("PUT", a, 307, (RP, "no-referrer"), (LOC, b)), reflect_options(b),
     rt("PUT", b, 200, R_ORIGIN)],
    [ok(fetch(a, "PUT"),
        [sent("PUT", a), pre(b, "PUT", referer=None), sent("PUT", b, referer=None)],
        preflight=True)])

base = "/rp/preflight/redirect-to-loopback"
for policy in ("", "unsafe-url"):
    a, b = API + base + f"-{slug(policy)}/a", LOOPBACK + base + f"-{slug(policy)}/b"
    extra = [(RP, policy)] if policy else []
    add(f"rp-preflight-redirect-to-loopback-{slug(policy)}",
        "A preflighted PUT to the https API answered by a 307 "
        + (f"with `Referrer-Policy: {policy}` " if policy else "without Referrer-Policy ")
        + "to http://localhost:8000 (redirect-tainted: Origin `null`): the standard sends "
        "Referer on both of that hop's requests (no downgrade to a trustworthy URL). "
        + PREFLIGHT + REDIRECT_NOTE + LOOPBACK_NOTE,
        TLS,
        [reflect_options(a), rt("PUT", a, 307, R_ORIGIN, *extra, (LOC, b)),
         reflect_options(b), rt("PUT", b, 200, R_ORIGIN)],
        [ok(fetch(a, "PUT"),
            [pre(a, "PUT"), sent("PUT", a), pre(b, "PUT", origin="null"),
             sent("PUT", b, origin="null")], preflight=True)])

for policy in ("no-referrer", "same-origin", "unsafe-url"):
    url = API + f"/rp/preflight/request-{policy}"
    ref = referer(policy, False)
    add(f"rp-preflight-request-{policy}",
        f"A preflighted PUT with referrerPolicy {policy!r}: the preflight carries the Referer "
        "the PUT carries. " + PREFLIGHT + POLICY_NOTE,
        TLS,
        [reflect_options(url), rt("PUT", url, 200, R_ORIGIN)],
        [ok(fetch(url, "PUT", referrer_policy=policy),
            [pre(url, "PUT", referer=ref), sent("PUT", url, referer=ref)], preflight=True)])

url = LOOPBACK + "/rp/preflight/request-unsafe-url-loopback"
add("rp-preflight-request-unsafe-url-to-loopback",
    "A preflighted PUT with referrerPolicy 'unsafe-url' from https://app.example/ to "
    "http://localhost:8000: both requests carry Referer under any policy but no-referrer and "
    "same-origin (the standard sees no downgrade). " + PREFLIGHT + POLICY_NOTE + LOOPBACK_NOTE,
    TLS,
    [reflect_options(url), rt("PUT", url, 200, R_ORIGIN)],
    [ok(fetch(url, "PUT", referrer_policy="unsafe-url"),
        [pre(url, "PUT"), sent("PUT", url)], preflight=True)])


# =============================================================================================
# E. The redirects frameworks add before CORS runs
# =============================================================================================

url = API + "/rp/framework/django/items"
add("rp-framework-django-append-slash",
    "Django's CommonMiddleware (APPEND_SLASH) answers /items with a 301 to /items/, and its "
    "SecurityMiddleware adds `Referrer-Policy: same-origin` to every response; "
    "django-cors-headers, placed first, adds the CORS headers to the redirect too. The second "
    "hop is to another origin than the page's: no Referer. " + REDIRECT_NOTE,
    TLS,
    [rt("GET", url, 301, R_ORIGIN, ("Vary", "Origin"), (RP, "same-origin"), (LOC, "/rp/framework/django/items/")),
     rt("GET", url + "/", 200, R_ORIGIN, ("Vary", "Origin"), (RP, "same-origin"))],
    [ok(fetch(url), [sent("GET", url), sent("GET", url + "/", referer=None)])])

url = API + "/rp/framework/express-static/docs"
add("rp-framework-helmet-static-redirect",
    "Express with helmet (whose default is `Referrer-Policy: no-referrer`) and cors() before "
    "express.static, which answers a directory without its slash with a 301: the second hop "
    "carries no Referer. " + REDIRECT_NOTE,
    TLS,
    [rt("GET", url, 301, R_ORIGIN, (RP, "no-referrer"), (LOC, "/rp/framework/express-static/docs/")),
     rt("GET", url + "/", 200, R_ORIGIN, (RP, "no-referrer"))],
    [ok(fetch(url), [sent("GET", url), sent("GET", url + "/", referer=None)])])

url = API + "/rp/framework/starlette/items"
add("rp-framework-starlette-redirect-slashes-put",
    "Starlette's redirect_slashes answers PUT /items with a 307 to /items/ inside its "
    "CORSMiddleware (which answers preflights itself and adds the CORS headers to the "
    "redirect), under a secure-headers middleware sending `Referrer-Policy: no-referrer`: the "
    "PUT is preflighted again for /items/, and that preflight and PUT carry no Referer. "
    + PREFLIGHT + REDIRECT_NOTE,
    TLS,
    [reflect_options(url, (RP, "no-referrer")),
     rt("PUT", url, 307, R_ORIGIN, (RP, "no-referrer"), (LOC, "/rp/framework/starlette/items/")),
     reflect_options(url + "/", (RP, "no-referrer")),
     rt("PUT", url + "/", 200, R_ORIGIN, (RP, "no-referrer"))],
    [ok(fetch(url, "PUT"),
        [pre(url, "PUT"), sent("PUT", url), pre(url + "/", "PUT", referer=None),
         sent("PUT", url + "/", referer=None)], preflight=True)])

url = API + "/rp/framework/before-cors/items"
add("rp-framework-redirect-before-cors",
    "A trailing-slash 301 a framework sends before its CORS layer runs: `Referrer-Policy: "
    "no-referrer` but no Access-Control-Allow-Origin, so the CORS check of the redirect fails "
    "(Fetch \"HTTP fetch\" step 4.4 checks every response, redirects included) and /items/ is "
    "never fetched.",
    TLS,
    [rt("GET", url, 301, (RP, "no-referrer"), (LOC, "/rp/framework/before-cors/items/")),
     rt("GET", url + "/", 200, R_ORIGIN)],
    [fail(fetch(url), [sent("GET", url)], "MissingAllowOriginHeader")])


# --- Write --------------------------------------------------------------------------------

source = ("Hand-written from Referrer Policy (\"determine request's referrer\", \"parse a "
          "referrer policy from a Referrer-Policy header\", \"set request's referrer policy on "
          "redirect\") and the WHATWG Fetch standard (\"main fetch\", \"HTTP-redirect fetch\", "
          "\"CORS-preflight fetch\", \"append a request `Origin` header\"); Secure Contexts. "
          "Generated by scripts/corpus/referrer_policy.py; recorded per engine with the "
          "oracle.")
for vector in VECTORS:
    assert vector["id"].startswith("rp-"), vector["id"]
common.write_vectors(OUT, source, VECTORS)
print(f"{common.relpath(OUT)}: {len(VECTORS)} scenario vectors, "
      f"{common.step_count(VECTORS)} steps")
