#!/usr/bin/env python3
"""Generate spec-vectors/cookies.json: which cookies ride along with a fetch, and which a response
stores.

Every vector is a `scenario` whose steps run in one browser, so the cookie store carries from step
to step; `step.origin` opens a new top-level document, so that one vector can seed first-party
cookies on a site and then fetch the site from a same-site or a cross-site page. The recorder
(oracle/README.md, "Isolation: cookie names") tags each vector's cookie names, so vectors may reuse
names and paths.

Sources of the vectors:
- oracle/format-additions.json (the project's shared oracle material): the `cookie-*` vectors
  whose ids are kept below (`FORMAT_ADDITIONS`), copied as they are defined there;
- oracle/smoke.json: `credentials-cookie-same-site`, with its hand-written expectations;
- the `cookie-attr-*`, `cookie-set-*`, `cookie-prefix*` and other probes written here, one per
  cookie attribute or rule, each read from a same-origin, a same-site and a cross-site page.

Expectations are those of the STANDARD, each a literal decided by reading it:
- Fetch (fetch.bs, 586cd2a): "HTTP-network-or-cache fetch" (cookies only when includeCredentials:
  credentials `include`, or `same-origin` with basic tainting; a CORS-preflight request has
  credentials mode `same-origin` and tainting `cors`, so none), "append a request `Cookie`
  header", "parse and store response `Set-Cookie` headers" (also when the CORS check then fails),
  "determine the same-site mode" and "redirect-taint";
- the cookie algorithms Fetch calls (draft-ietf-httpbis-layered-cookies, which re-layers RFC
  6265bis): "parse a cookie", "store a cookie" (a cookie that is not `SameSite=None` is refused
  from a response to a request whose same-site mode is not `strict-or-less`; `SameSite=None`
  needs `Secure`; `Secure` needs an https URL; the `__Secure-`, `__Host-`, `__Http-` and
  `__Host-Http-` prefixes, checked byte-lowercased; a `Domain` that the host does not
  domain-match, or that is a public suffix, refuses the cookie), "retrieve cookies" (Strict
  cookies for `strict-or-less`, Lax for `lax-or-less` too, cookies without `SameSite` also for
  `unset-or-less`; longer paths first, then older first) and "serialize cookies";
- RFC 6265bis §5.2 "same-site and cross-site requests": a request whose URL is not same site
  with its client's top-level site is cross-site. Fetch's "determine the same-site mode" does
  not yet compare the two (whatwg/fetch#693 is open), so the vectors take `unset-or-less` for a
  fetch to another site, as RFC 6265bis does;
- HTML "same site" (schemeful: `http://app.bank.example.com` is not same site with
  `https://bank.example.com`) over the Public Suffix List (`example.com` is a registrable domain,
  `com` a public suffix).

The standard knows neither third-party cookie blocking nor partitions, so `Partitioned` is an
attribute it ignores. Engines block, partition and default differently: their recordings (under
spec-vectors/recorded/<engine>/cookies.json) are what each profile is checked against.

Usage (from the repository root):
    python3 scripts/corpus/cookies.py
"""

import common
from common import ABSENT, ACAC, ACAH, ACAM, ACAO, LOC

OUTPUT = common.output_path("cookies.json")

BANK = "https://bank.example.com"
APP = "https://app.bank.example.com"       # same site as BANK (example.com), another origin
API = "https://api.example.com"            # same site as BANK
ATTACKER = "https://attacker.example.org"  # another site
BANK_HTTP = "http://bank.example.com"
APP_HTTP = "http://app.bank.example.com"   # same site as BANK only schemelessly
LOCAL = "http://localhost:3000"

# The answer of a server that lets any origin read with credentials (and PUT with a JSON body).
ALLOW = [(ACAO, "{{origin}}"), (ACAC, "true"), ("Vary", "Origin")]
READ = ALLOW + [(ACAM, "PUT"), (ACAH, "content-type")]

VECTORS = common.Vectors()


def setting(*cookies):
    """The Set-Cookie headers of a response, one per cookie."""
    return [("Set-Cookie", cookie) for cookie in cookies]


def sent(method, url, doc, cookie, *, cors=True, referer=True):
    """A request as it reaches the server from a document of origin `doc`, carrying `cookie`
    (None: no Cookie header). `cors`: it carries `Origin` (a CORS request, or a method other
    than GET and HEAD)."""
    return common.sent(method, url, doc if cors else None,
                       doc + "/" if referer else None,
                       cookie=cookie if cookie is not None else ABSENT)


def step(request, requests, doc=None, result="ok", preflight=False, at=0):
    """A step from the document of origin `doc` (None: the vector's), expecting `result`, whether
    a preflight was sent and the `requests` that reached the server."""
    out = {"at": at}
    if doc is not None:
        out["origin"] = doc
    out["request"] = request
    out["expect"] = {"result": result, "preflight": preflight, "requests": requests}
    return out


def get(url, doc, cookie, *, credentials=None, cors=True, mode=None, step_doc=None, at=0,
        result="ok"):
    """A GET of `url` from the document of origin `doc`, which sends `cookie`. `step_doc`: the
    step names its document (`doc`)."""
    request = common.request(url, "GET", credentials=credentials, mode=mode)
    return step(request, [sent("GET", url, doc, cookie, cors=cors)],
                doc if step_doc else None, result, at=at)


def seed(url, doc=None, **members):
    """The first-party step that fetches `url` (same origin with the vector's document, or from
    `doc`), whose response sets the vector's cookies; it sends none."""
    return step(common.request(url, "GET", **members), None, doc)


# --- vectors copied from the oracle (expectations written here) ------------------------------

# oracle/format-additions.json: the shared server of its cookie vectors.
def oracle_routes(seed_path, *cookies, read_path="/read", read=READ):
    return [common.route("GET", BANK + seed_path, 200, ALLOW + setting(*cookies)),
            common.route("*", BANK + read_path, 200, read)]


def add(id_, description, origin, routes, steps):
    """Append a vector whose steps' `requests` may be None (a seeding step that sends no cookie:
    one request, filled in here from the step's request and document)."""
    for s in steps:
        if s["expect"]["requests"] is None:
            doc = s.get("origin", origin)
            url = s["request"]["url"]
            same_origin = url.startswith(doc + "/")
            cors = not same_origin or s["request"].get("method", "GET") not in ("GET", "HEAD")
            s["expect"]["requests"] = [sent("GET", url, doc, None, cors=cors)]
    VECTORS.add(id_, description, origin, routes, steps)


FIVE = ("none=1; Secure; SameSite=None; Path=/", "lax=1; Secure; SameSite=Lax; Path=/",
        "strict=1; Secure; SameSite=Strict; Path=/", "unset=1; Secure; Path=/",
        "part=1; Secure; SameSite=None; Path=/; Partitioned")
ALL_FIVE = "none=1; lax=1; strict=1; unset=1; part=1"
READ_URL = BANK + "/read"
INC = "include"

add("cookie-samesite-matrix",
    "bank.example.com sets five first-party cookies (SameSite None, Lax, Strict, unset, "
    "None+Partitioned), then reads them first-party; attacker.example.org (cross-site) fetches "
    "with credentials include (GET, POST with a text body), and same-origin (default); "
    "app.bank.example.com (same site) with include and omit; bank again. (oracle "
    "format-additions.json.) The standard: a cross-site fetch is `unset-or-less`, so None and "
    "attribute-less cookies go and Lax and Strict stay; Partitioned is ignored; credentials "
    "`same-origin` and `omit` send none.",
    BANK, oracle_routes("/seed", *FIVE),
    [seed(BANK + "/seed"),
     get(READ_URL, BANK, ALL_FIVE, cors=False),
     get(READ_URL, ATTACKER, "none=1; unset=1; part=1", credentials=INC, step_doc=True),
     step(common.request(READ_URL, "POST", credentials=INC) | {"body": "x"},
          [common.sent("POST", READ_URL, ATTACKER, ATTACKER + "/",
                       content_type="text/plain;charset=UTF-8",
                       cookie="none=1; unset=1; part=1")], ATTACKER),
     get(READ_URL, ATTACKER, None, step_doc=True),
     get(READ_URL, APP, ALL_FIVE, credentials=INC, step_doc=True),
     get(READ_URL, APP, None, credentials="omit", step_doc=True),
     get(READ_URL, BANK, ALL_FIVE, cors=False, step_doc=True)])

SINGLE = {
    "none": ("sid=none; Secure; Path=/; SameSite=None", True),
    "lax": ("sid=lax; Secure; Path=/; SameSite=Lax", False),
    "strict": ("sid=strict; Secure; Path=/; SameSite=Strict", False),
    "unset": ("sid=unset; Secure; Path=/", True),
    "partitioned": ("sid=partitioned; Secure; Path=/; SameSite=None; Partitioned", True),
}
for name, (cookie, cross_site) in SINGLE.items():
    attributes = cookie.split("; ", 1)[1]
    add(f"cookie-{name}-cross-site",
        f"One first-party cookie sid={name} ({attributes.replace('Path=/; ', '')}) set on "
        "bank.example.com, then credentialed GETs from attacker.example.org (cross-site) and "
        "app.bank.example.com (same site). Every cookie-*-cross-site vector uses the name sid "
        "with its own value: each must see only its own. (oracle format-additions.json.)",
        BANK, oracle_routes("/seed", cookie),
        [seed(BANK + "/seed"),
         get(READ_URL, ATTACKER, f"sid={name}" if cross_site else None, credentials=INC,
             step_doc=True),
         get(READ_URL, APP, f"sid={name}", credentials=INC, step_doc=True)])

for value in ("a", "b"):
    add(f"cookie-host-prefix-{value}",
        f"__Host-sid={value} (Secure; Path=/; SameSite=None) on bank.example.com, then "
        "first-party, cross-site and same-site credentialed GETs. cookie-host-prefix-a and -b "
        "share host and name: each must see only its own value. (oracle "
        "format-additions.json.)",
        BANK, oracle_routes("/seed", f"__Host-sid={value}; Secure; Path=/; SameSite=None"),
        [seed(BANK + "/seed"),
         get(READ_URL, BANK, f"__Host-sid={value}", cors=False),
         get(READ_URL, ATTACKER, f"__Host-sid={value}", credentials=INC, step_doc=True),
         get(READ_URL, APP, f"__Host-sid={value}", credentials=INC, step_doc=True)])

add("cookie-order",
    "Cookies go out longest path first, then oldest first: __Host-first (Path=/), second "
    "(Path=/), deep (Path=/api), dflt (no Path: default path /), read at /api/read. (oracle "
    "format-additions.json.)",
    BANK,
    [common.route("GET", BANK + "/seed", 200, ALLOW + setting(
        "__Host-first=1; Secure; Path=/", "second=2; Secure; Path=/", "deep=3; Secure; Path=/api",
        "dflt=4; Secure")),
     common.route("GET", BANK + "/api/read", 200, ALLOW)],
    [seed(BANK + "/seed"),
     get(BANK + "/api/read", BANK, "deep=3; __Host-first=1; second=2; dflt=4", cors=False)])


def put(url, doc, cookie):
    """A credentialed PUT with a JSON body from `doc`: its preflight (no cookie), then the PUT."""
    request = common.request(url, "PUT", [("Content-Type", "application/json")],
                             credentials=INC) | {"body": "{}"}
    preflight = common.pre(url, "PUT", "content-type", origin=doc, referer=doc + "/")
    preflight["headers"]["cookie"] = None
    actual = common.sent("PUT", url, doc, doc + "/", content_type="application/json",
                         cookie=cookie)
    return step(request, [preflight, actual], doc, preflight=True)


add("cookie-preflight",
    "sid (SameSite=None) set first-party; then a credentialed PUT with a JSON body from "
    "attacker.example.org and from app.bank.example.com: the preflights carry no cookie, the "
    "PUTs what the engine sends. (oracle format-additions.json.)",
    BANK, oracle_routes("/seed", "sid=1; Secure; SameSite=None; Path=/"),
    [seed(BANK + "/seed"), put(READ_URL, ATTACKER, "sid=1"), put(READ_URL, APP, "sid=1")])

add("cookie-set-cross-site",
    "attacker.example.org fetches bank.example.com with credentials and gets tp (SameSite=None) "
    "and tpp (SameSite=None; Partitioned); then reads the bank cross-site again; then the bank "
    "reads first-party. (oracle format-additions.json.) The standard stores both (None cookies "
    "may be set from a cross-site response) in its one store.",
    ATTACKER, oracle_routes("/seed3p", "tp=1; Secure; SameSite=None; Path=/",
                            "tpp=1; Secure; SameSite=None; Path=/; Partitioned"),
    [seed(BANK + "/seed3p", credentials=INC),
     get(READ_URL, ATTACKER, "tp=1; tpp=1", credentials=INC),
     get(READ_URL, BANK, "tp=1; tpp=1", cors=False, step_doc=True)])

add("cookie-omit-not-stored",
    "A same-origin fetch with credentials omit ignores the response's Set-Cookie; the next "
    "same-origin fetch sends no cookie. (oracle format-additions.json.)",
    BANK, oracle_routes("/seed", "sid=1; Secure; Path=/"),
    [seed(BANK + "/seed", credentials="omit"), get(READ_URL, BANK, None, cors=False)])

add("cookie-cors-failure-stored",
    "A same-site credentialed fetch whose response sets a cookie but fails the CORS check (no "
    "ACAO); then a first-party read: the cookie was stored (Fetch stores Set-Cookie in "
    "HTTP-network-or-cache fetch, before the CORS check). (oracle format-additions.json.)",
    APP,
    [common.route("GET", BANK + "/seedfail", 200,
                  setting("sid=1; Secure; SameSite=None; Path=/")),
     common.route("*", READ_URL, 200, READ)],
    [step(common.request(BANK + "/seedfail", "GET", credentials=INC),
          [sent("GET", BANK + "/seedfail", APP, None)], result="network-error"),
     get(READ_URL, BANK, "sid=1", cors=False, step_doc=True)])


# oracle/smoke.json, with its hand-written expectations.
LOGIN = "http://api.example.com:8000/login"
DATA = "http://api.example.com:8000/data"
SMOKE_DOC = "http://app.example.com:3000"


def smoke_step(url, credentials, cookie):
    request = {"url": url} | ({"credentials": credentials} if credentials else {})
    headers = {"origin": SMOKE_DOC, "access-control-request-method": None,
               "access-control-request-headers": None, "cookie": cookie}
    if credentials:
        headers["referer"] = SMOKE_DOC + "/"
    return {"at": 0, "request": request,
            "expect": {"result": "ok", "type": "cors", "status": 200, "exposed_headers": [],
                       "preflight": False,
                       "requests": [{"method": "GET", "url": url, "headers": headers}]}}


VECTORS.add(
    "credentials-cookie-same-site",
    "Same-site, cross-origin (example.com, a registrable domain under a public suffix): a cookie "
    "set by a credentialed response is sent back only with credentials: include. Referer is the "
    "document's origin (neither URL is potentially trustworthy). (oracle smoke.json.)",
    SMOKE_DOC,
    [common.route("GET", LOGIN, 200, [(ACAO, "{{origin}}"), (ACAC, "true"),
                                      ("Set-Cookie", "sid=abc; Path=/")]),
     common.route("GET", DATA, 200, [(ACAO, "{{origin}}"), (ACAC, "true")])],
    [smoke_step(LOGIN, INC, None), smoke_step(DATA, INC, "sid=abc"),
     smoke_step(DATA, None, None)])


# --- attributes --------------------------------------------------------------------------------

add("cookie-attr-secure-set-over-http",
    "A response over http sets ins (no attribute), sec (Secure) and __Secure-pre (Secure): "
    "\"store a cookie\" refuses a Secure cookie when the request's URL is not https (Fetch's "
    "isSecure), so only ins is kept, and it reaches both http and https (cookies ignore the "
    "scheme).",
    BANK_HTTP,
    [common.route("GET", BANK_HTTP + "/seed", 200, setting(
        "ins=1; Path=/", "sec=1; Secure; Path=/", "__Secure-pre=1; Secure; Path=/")),
     common.route("GET", BANK_HTTP + "/read", 200, ALLOW),
     common.route("GET", READ_URL, 200, ALLOW)],
    [seed(BANK_HTTP + "/seed"),
     get(BANK_HTTP + "/read", BANK_HTTP, "ins=1", cors=False),
     get(READ_URL, BANK, "ins=1", cors=False, step_doc=True)])

add("cookie-attr-secure-not-sent-over-http",
    "An https response sets sec (Secure) and ins (no attribute); an http page of the same host "
    "then reads http: \"retrieve cookies\" leaves out Secure cookies when the URL is not https. "
    "The https page reads both.",
    BANK,
    [common.route("GET", BANK + "/seed", 200, setting("sec=1; Secure; Path=/", "ins=1; Path=/")),
     common.route("GET", BANK_HTTP + "/read", 200, ALLOW),
     common.route("GET", READ_URL, 200, ALLOW)],
    [seed(BANK + "/seed"),
     get(BANK_HTTP + "/read", BANK_HTTP, "ins=1", cors=False, step_doc=True),
     get(READ_URL, BANK, "sec=1; ins=1", cors=False, step_doc=True)])

DOMAIN_READS = [common.route("*", url + "/read", 200, ALLOW) for url in (BANK, APP, API)]
add("cookie-attr-domain",
    "bank.example.com sets host (no Domain: host-only), parent (Domain=example.com), dotted "
    "(Domain=.bank.example.com: the dot goes), upper (Domain=BANK.Example.COM: host parsing "
    "lowercases), sibling (Domain=api.example.com: bank.example.com does not domain-match it, "
    "refused) and suffix (Domain=com: a public suffix, refused). Then credentialed reads of "
    "bank, app.bank (a subdomain) and api (a sibling), all same site.",
    BANK,
    [common.route("GET", BANK + "/seed", 200, setting(
        "host=1; Secure; Path=/; SameSite=None",
        "parent=1; Secure; Path=/; SameSite=None; Domain=example.com",
        "dotted=1; Secure; Path=/; SameSite=None; Domain=.bank.example.com",
        "upper=1; Secure; Path=/; SameSite=None; Domain=BANK.Example.COM",
        "sibling=1; Secure; Path=/; SameSite=None; Domain=api.example.com",
        "suffix=1; Secure; Path=/; SameSite=None; Domain=com")), *DOMAIN_READS],
    [seed(BANK + "/seed"),
     get(READ_URL, BANK, "host=1; parent=1; dotted=1; upper=1", cors=False),
     get(APP + "/read", BANK, "parent=1; dotted=1; upper=1", credentials=INC),
     get(API + "/read", BANK, "parent=1", credentials=INC)])

PATH_SEED = BANK + "/app/seed"
add("cookie-attr-path",
    "A response to /app/seed sets exact (Path=/app), slash (Path=/app/), dflt (no Path: the "
    "default path /app), rel (Path=app: not starting with /, so the default path) and deep "
    "(Path=/app/x). \"path-match\": /app gets exact, dflt and rel; /app/ and /app/x also get "
    "slash; /app/x also deep; /apple none. Longer paths first, then older first.",
    BANK,
    [common.route("GET", PATH_SEED, 200, setting(
        "exact=1; Secure; Path=/app", "slash=1; Secure; Path=/app/", "dflt=1; Secure",
        "rel=1; Secure; Path=app", "deep=1; Secure; Path=/app/x"))]
    + [common.route("GET", BANK + path, 200, ALLOW) for path in ("/app", "/app/", "/app/x",
                                                                  "/apple")],
    [seed(PATH_SEED),
     get(BANK + "/app", BANK, "exact=1; dflt=1; rel=1", cors=False),
     get(BANK + "/app/", BANK, "slash=1; exact=1; dflt=1; rel=1", cors=False),
     get(BANK + "/app/x", BANK, "deep=1; slash=1; exact=1; dflt=1; rel=1", cors=False),
     get(BANK + "/apple", BANK, None, cors=False)])

FAR = "Fri, 01 Jan 2100 00:00:00 GMT"
add("cookie-attr-max-age-expires",
    "A response sets short (Max-Age=2), zero (Max-Age=0), neg (Max-Age=-5), past (Expires in "
    "1994), future (Expires in 2100, within the cookie age limit of the engine's choosing), both "
    "(Max-Age=2 and a far Expires: Max-Age wins) and bad (Max-Age=2x: ignored, a session "
    "cookie). At 0 s the live ones go; at 3.5 s short and both have expired; then a response "
    "deletes future (Max-Age=0 replaces it with an expired cookie).",
    BANK,
    [common.route("GET", BANK + "/seed", 200, setting(
        "short=1; Secure; Path=/; Max-Age=2", "zero=1; Secure; Path=/; Max-Age=0",
        "neg=1; Secure; Path=/; Max-Age=-5",
        "past=1; Secure; Path=/; Expires=Sun, 06 Nov 1994 08:49:37 GMT",
        f"future=1; Secure; Path=/; Expires={FAR}",
        f"both=1; Secure; Path=/; Max-Age=2; Expires={FAR}",
        "bad=1; Secure; Path=/; Max-Age=2x")),
     common.route("GET", BANK + "/delete", 200, setting("future=; Secure; Path=/; Max-Age=0")),
     common.route("GET", READ_URL, 200, ALLOW)],
    [seed(BANK + "/seed"),
     get(READ_URL, BANK, "short=1; future=1; both=1; bad=1", cors=False),
     get(READ_URL, BANK, "future=1; bad=1", cors=False, at=3.5),
     get(BANK + "/delete", BANK, "future=1; bad=1", cors=False, at=3.5),
     get(READ_URL, BANK, "bad=1", cors=False, at=3.5)])

add("cookie-attr-none-without-secure",
    "A first-party response sets nn (SameSite=None without Secure: \"store a cookie\" refuses "
    "it) and ns (SameSite=None; Secure). Read first-party and cross-site.",
    BANK, oracle_routes("/seed", "nn=1; SameSite=None; Path=/",
                        "ns=1; Secure; SameSite=None; Path=/"),
    [seed(BANK + "/seed"),
     get(READ_URL, BANK, "ns=1", cors=False),
     get(READ_URL, ATTACKER, "ns=1", credentials=INC, step_doc=True)])

add("cookie-attr-partitioned-without-secure",
    "A first-party response sets pn (Partitioned without Secure) and ps (Partitioned; Secure), "
    "neither with SameSite. The standard ignores Partitioned: both are ordinary cookies without "
    "SameSite, sent first-party and cross-site (`unset-or-less`).",
    BANK, oracle_routes("/seed", "pn=1; Path=/; Partitioned", "ps=1; Secure; Path=/; Partitioned"),
    [seed(BANK + "/seed"),
     get(READ_URL, BANK, "pn=1; ps=1", cors=False),
     get(READ_URL, ATTACKER, "pn=1; ps=1", credentials=INC, step_doc=True)])

add("cookie-prefixes",
    "Cookie name prefixes: __Secure-ok (Secure) is kept and __Secure-nosec (no Secure) refused; "
    "__Host-ok (Secure; Path=/) is kept and __Host-dom (a Domain) and __Host-sub (Path=/sub) "
    "refused. ho (HttpOnly) is kept and sent: fetch may use HttpOnly cookies.",
    BANK, oracle_routes("/seed", "__Secure-ok=1; Secure; Path=/", "__Secure-nosec=1; Path=/",
                        "__Host-ok=1; Secure; Path=/",
                        "__Host-dom=1; Secure; Path=/; Domain=bank.example.com",
                        "__Host-sub=1; Secure; Path=/sub", "ho=1; Secure; HttpOnly; Path=/"),
    [seed(BANK + "/seed"),
     get(READ_URL, BANK, "__Secure-ok=1; __Host-ok=1; ho=1", cors=False),
     get(READ_URL, APP, "__Secure-ok=1; __Host-ok=1; ho=1", credentials=INC, step_doc=True)])

add("cookie-prefix-host-without-path",
    "__Host-nopath (Secure, no Path attribute) breaks the __Host- prefix's rules (has-path is "
    "false): refused. Alone in its vector, because the recorder gives a __Host- cookie no Path, "
    "so in the browser its default path is longer than the vector's `/` (which would move it in "
    "the Cookie header where an engine keeps it).",
    BANK, oracle_routes("/seed", "__Host-nopath=1; Secure"),
    [seed(BANK + "/seed"), get(READ_URL, BANK, None, cors=False)])

add("cookie-prefixes-case-and-http",
    "The cookie algorithms check prefixes byte-lowercased: __secure-lower and __HOST-upper "
    "without Secure are refused. The __Http- prefix needs Secure and HttpOnly: __Http-ok is kept, "
    "__Http-noho refused; __Host-Http- needs both prefixes' rules: __Host-Http-ok kept, "
    "__Host-Http-noho refused.",
    BANK, oracle_routes("/seed", "__secure-lower=1; Path=/", "__HOST-upper=1; Path=/",
                        "__Http-ok=1; Secure; HttpOnly; Path=/", "__Http-noho=1; Secure; Path=/",
                        "__Host-Http-ok=1; Secure; HttpOnly; Path=/",
                        "__Host-Http-noho=1; Secure; Path=/"),
    [seed(BANK + "/seed"),
     get(READ_URL, BANK, "__Http-ok=1; __Host-Http-ok=1", cors=False)])

SIX = ("n=1; Secure; SameSite=None; Path=/", "l=1; Secure; SameSite=Lax; Path=/",
       "s=1; Secure; SameSite=Strict; Path=/", "u=1; Secure; Path=/",
       "np=1; Secure; SameSite=None; Path=/; Partitioned", "up=1; Secure; Path=/; Partitioned")
add("cookie-set-cross-site-samesite",
    "A cross-site response (the attacker's page fetches the bank with credentials) sets n "
    "(None), l (Lax), s (Strict), u (no SameSite), np (None; Partitioned) and up (Partitioned). "
    "The request's same-site mode is `unset-or-less`, so \"store a cookie\" keeps only the None "
    "cookies. Then the attacker, the bank and app.bank read.",
    ATTACKER, oracle_routes("/seed3p", *SIX),
    [seed(BANK + "/seed3p", credentials=INC),
     get(READ_URL, ATTACKER, "n=1; np=1", credentials=INC),
     get(READ_URL, BANK, "n=1; np=1", cors=False, step_doc=True),
     get(READ_URL, APP, "n=1; np=1", credentials=INC, step_doc=True)])

add("cookie-set-same-site-samesite",
    "A same-site response (app.bank fetches the bank with credentials) sets the six cookies of "
    "cookie-set-cross-site-samesite: `strict-or-less`, every one is kept. Then the bank reads "
    "them all, and the attacker the None and attribute-less ones.",
    APP, oracle_routes("/seed", *SIX),
    [seed(BANK + "/seed", credentials=INC),
     get(READ_URL, BANK, "n=1; l=1; s=1; u=1; np=1; up=1", cors=False, step_doc=True),
     get(READ_URL, ATTACKER, "n=1; u=1; np=1; up=1", credentials=INC, step_doc=True)])

FOUR = SIX[:4]
add("cookie-schemeful-same-site",
    "The bank sets n, l, s and u (None, Lax, Strict, none) over https; then an http page of a "
    "subdomain (http://app.bank.example.com) fetches the bank over https with credentials. HTML's "
    "\"same site\" compares schemes: the request is cross-site, so only n and u go.",
    BANK, oracle_routes("/seed", *FOUR),
    [seed(BANK + "/seed"),
     get(READ_URL, APP_HTTP, "n=1; u=1", credentials=INC, step_doc=True)])

BOUNCE = [common.route("GET", host + "/bounce", 307,
                       [(LOC, READ_URL), (ACAO, "{{origin}}"), (ACAC, "true")])
          for host in (ATTACKER, APP)]
add("cookie-redirect-cross-site",
    "The bank sets n, l, s and u; then the bank's page fetches attacker.example.org/bounce with "
    "credentials, which redirects (307) back to the bank: \"redirect-taint\" is cross-site, so "
    "the same-site mode is `unset-or-less` (n and u go) and Origin is null. Redirected through "
    "app.bank instead, the taint is same-site: all four go (and Origin is null too: the taint is "
    "not same-origin).",
    BANK, oracle_routes("/seed", *FOUR) + BOUNCE,
    [seed(BANK + "/seed"),
     step(common.request(ATTACKER + "/bounce", "GET", credentials=INC),
          [sent("GET", ATTACKER + "/bounce", BANK, None),
           common.sent("GET", READ_URL, "null", BANK + "/", cookie="n=1; u=1")]),
     step(common.request(APP + "/bounce", "GET", credentials=INC),
          [sent("GET", APP + "/bounce", BANK, None),
           common.sent("GET", READ_URL, "null", BANK + "/", cookie="n=1; l=1; s=1; u=1")])])

add("cookie-no-cors",
    "no-cors requests: with credentials include they carry cookies (a same-site page: all; a "
    "cross-site page: None and attribute-less); with the default credentials (same-origin) and "
    "opaque tainting, none.",
    BANK, oracle_routes("/seed", *FOUR),
    [seed(BANK + "/seed"),
     get(READ_URL, APP, "n=1; l=1; s=1; u=1", credentials=INC, mode="no-cors", cors=False,
         step_doc=True),
     get(READ_URL, APP, None, mode="no-cors", cors=False, step_doc=True),
     get(READ_URL, ATTACKER, "n=1; u=1", credentials=INC, mode="no-cors", cors=False,
         step_doc=True)])

add("cookie-same-origin-credentials-cross-origin",
    "A same-site, cross-origin fetch with the default credentials (same-origin) gets a response "
    "that sets sid: includeCredentials is false (tainting cors), so nothing is stored and the "
    "bank's own read sends nothing.",
    APP, oracle_routes("/seed", "sid=1; Secure; SameSite=None; Path=/"),
    [seed(BANK + "/seed"),
     get(READ_URL, BANK, None, cors=False, step_doc=True)])

PF_URL = BANK + "/pf"
add("cookie-preflight-response-not-stored",
    "A credentialed PUT from app.bank is preflighted; the preflight's response sets pf. The "
    "CORS-preflight request has credentials mode same-origin and tainting cors, so its response's "
    "Set-Cookie is not stored: the PUT and the bank's read carry no cookie.",
    APP,
    [common.route("OPTIONS", PF_URL, 200, READ + setting("pf=1; Secure; SameSite=None; Path=/")),
     common.route("PUT", PF_URL, 200, ALLOW),
     common.route("GET", READ_URL, 200, ALLOW)],
    [put(PF_URL, APP, None),
     get(READ_URL, BANK, None, cors=False, step_doc=True)])

add("cookie-replace-keeps-creation",
    "a and b are set, then a again with another value: \"store a cookie\" replaces a but keeps "
    "its creation-time, so a still goes first.",
    BANK,
    [common.route("GET", BANK + "/seed", 200, setting("a=1; Secure; Path=/", "b=1; Secure; Path=/")),
     common.route("GET", BANK + "/again", 200, setting("a=2; Secure; Path=/")),
     common.route("GET", READ_URL, 200, ALLOW)],
    [seed(BANK + "/seed"),
     get(BANK + "/again", BANK, "a=1; b=1", cors=False),
     get(READ_URL, BANK, "a=2; b=1", cors=False)])

add("cookie-secure-localhost",
    "An http://localhost page sets sec (Secure), __Host-h (Secure; Path=/) and plain over "
    "http: Fetch's isSecure is the https scheme alone, so only plain is kept.",
    LOCAL,
    [common.route("GET", LOCAL + "/seed", 200, setting(
        "sec=1; Secure; Path=/", "__Host-h=1; Secure; Path=/", "plain=1; Path=/")),
     common.route("GET", LOCAL + "/read", 200, ALLOW)],
    [seed(LOCAL + "/seed"),
     get(LOCAL + "/read", LOCAL, "plain=1", cors=False)])


def main():
    source = ("Cookies with fetch: the cookie vectors of the oracle's format-additions.json and "
              "smoke.json, and probes of each cookie attribute from same-origin, same-site and "
              "cross-site pages; expectations of the WHATWG Fetch standard (append a request "
              "Cookie header, parse and store response Set-Cookie headers, determine the "
              "same-site mode, redirect-taint), draft-ietf-httpbis-layered-cookies (parse, store, "
              "retrieve and serialize cookies), RFC 6265bis §5.2 (cross-site requests) and HTML "
              "(same site); meant to be recorded per engine with the oracle")
    for vector in VECTORS:
        assert vector["id"].startswith(("cookie-", "credentials-cookie-")), vector["id"]
    common.write_vectors(OUTPUT, source, VECTORS)
    steps = common.step_count(VECTORS)
    print(f"wrote {common.relpath(OUTPUT)}: {len(VECTORS)} vectors, {steps} steps")


if __name__ == "__main__":
    main()
