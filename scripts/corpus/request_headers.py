#!/usr/bin/env python3
"""Generate spec-vectors/request-headers.json: the CORS-safelisted request-header test and the
CORS-unsafe request-header names of header lists, hand-derived from the WHATWG Fetch standard.

Every expectation below is a literal decided by reading Fetch:

- "CORS-safelisted request-header" (steps 1-3): a value longer than 128 bytes is never
  safelisted; then, on the byte-lowercased name: `accept` fails on a CORS-unsafe request-header
  byte; `accept-language` / `content-language` allow only 0-9 A-Z a-z SP * , - . ; =;
  `content-type` fails on a CORS-unsafe request-header byte, then on "parse a MIME type" failure,
  then unless the essence is application/x-www-form-urlencoded, multipart/form-data or
  text/plain; `range` needs "parse a single range header value" (allowWhitespace false) to
  succeed with a non-null start; any other name is not safelisted.
- "CORS-unsafe request-header byte": a byte < 0x20 other than 0x09 HT, or one of
  " ( ) : < > ? @ [ \\ ] { } DEL.
- "CORS-unsafe request-header names" (steps 1-6): non-safelisted headers' names, plus every
  safelisted header's name when the safelisted values total more than 1024 bytes; the result is
  "convert header names to a sorted-lowercase set".

The test is applied to the (name, value) pair as given: no header-value normalization happens
here (values carrying leading or trailing whitespace test the algorithms themselves). Values
that are not UTF-8 are written {"bytes": "<hex>"}.

Run from the repository root: python3 scripts/corpus/request_headers.py
"""

import common

OUT = common.output_path("request-headers.json")

SAFELISTED = 'Fetch "CORS-safelisted request-header"'
UNSAFE_BYTE = 'Fetch "CORS-unsafe request-header byte"'
UNSAFE_NAMES = 'Fetch "CORS-unsafe request-header names"'
RANGE = 'Fetch "parse a single range header value"'

vectors = []
ids = set()


def value_json(value):
    """A str is written as is; bytes are written as a string when they are UTF-8, else as hex."""
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return {"bytes": value.hex()}
    return value


def one(vid, name, value, safelisted, why):
    assert vid not in ids, vid
    ids.add(vid)
    vectors.append({
        "id": vid,
        "kind": "request-header",
        "description": why,
        "name": name,
        "value": value_json(value),
        "expect": {"safelisted": safelisted},
    })


def many(vid, headers, unsafe, why):
    assert vid not in ids, vid
    ids.add(vid)
    vectors.append({
        "id": vid,
        "kind": "request-header",
        "description": why,
        "headers": [[n, value_json(v)] for n, v in headers],
        "expect": {"unsafe_names": unsafe},
    })


# --- CORS-unsafe request-header bytes, for Accept and for Content-Type -----------------------

# The bytes the standard lists: < 0x20 except HT, then the listed delimiters and DEL.
UNSAFE_BYTES = [b for b in range(0x20) if b != 0x09] + [
    0x22, 0x28, 0x29, 0x3A, 0x3C, 0x3E, 0x3F, 0x40, 0x5B, 0x5C, 0x5D, 0x7B, 0x7D, 0x7F,
]
assert len(UNSAFE_BYTES) == 45

for b in UNSAFE_BYTES:
    # Accept: the byte in the middle of an otherwise ordinary value.
    one(
        f"accept-unsafe-byte-{b:02x}",
        "Accept",
        b"text/" + bytes([b]) + b"html",
        False,
        f"{SAFELISTED} step 2 (`accept`): the value contains byte 0x{b:02X}, a {UNSAFE_BYTE} "
        f"({'a byte below 0x20 that is not HT' if b < 0x20 else 'a listed delimiter or DEL'}), "
        "so the header is not safelisted.",
    )
    # Content-Type: the byte sits in a parameter value, where "parse a MIME type" would merely
    # ignore the parameter (or keep it, for a quoted string) and still yield text/plain; only
    # the unsafe-byte rule (content-type step 1) makes the header unsafe.
    one(
        f"content-type-unsafe-byte-{b:02x}",
        "Content-Type",
        b"text/plain;x=" + bytes([b]) + b"y",
        False,
        f"{SAFELISTED} step 2 (`content-type` step 1): the value contains byte 0x{b:02X}, a "
        f"{UNSAFE_BYTE}, so the header is not safelisted even though \"parse a MIME type\" would "
        "give the essence text/plain (the odd parameter is ignored).",
    )

# HT (0x09) is the one control byte that is not a CORS-unsafe request-header byte.
one("accept-ht-allowed", "Accept", "text/html,\ttext/plain", True,
    f"{UNSAFE_BYTE}: a byte below 0x20 is unsafe unless it is 0x09 HT, so `accept` with an inner HT "
    f"is safelisted ({SAFELISTED} step 2).")
one("content-type-ht-allowed", "Content-Type", "text/plain;\tcharset=utf-8", True,
    f"{UNSAFE_BYTE}: HT is not unsafe; \"parse a MIME type\" skips HTTP whitespace before a "
    f"parameter name, so the essence is text/plain ({SAFELISTED} step 2, `content-type`).")

# Bytes that are close to the unsafe ones but are not.
for label, value in [
    ("star-slash-star", "*/*"),
    ("comma-semicolon-equals", "text/html;q=0.9,application/xml;q=0.8"),
    ("slash-only-delimiters-allowed", "a/b,c;d=e"),
    ("space", "text/html text/plain"),
    ("token-punctuation", "!#$%&'*+-.^_`|~"),
    ("arbitrary-word", "unicorn"),
    ("empty", ""),
    ("utf8-non-ascii", "tëxt/ħtml"),
]:
    one(f"accept-ok-{label}", "Accept", value, True,
        f"{SAFELISTED} step 2 (`accept`): the value has no {UNSAFE_BYTE} (`,`, `/`, `;`, `=`, "
        "SP, the token punctuation and bytes >= 0x80 are not in that list), so it is safelisted "
        "whatever it means.")

# --- Accept-Language / Content-Language: the language byte rule -------------------------------

LANG_RULE = (f"{SAFELISTED} step 2 (`accept-language`, `content-language`): only 0-9, A-Z, a-z "
             "and SP * , - . ; = are allowed")

for name in ["Accept-Language", "Content-Language"]:
    key = name.lower()
    goods = [
        ("tag", "en-US"),
        ("list-with-q", "en-US,en;q=0.9"),
        ("spaces", "de-DE, fr;q=0.5, *;q=0.1"),
        ("star", "*"),
        ("digits-dot", "0123456789.5"),
        ("all-letters", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
        ("all-allowed-punctuation", " *,-.;="),
        ("empty", ""),
    ]
    for label, value in goods:
        one(f"{key}-ok-{label}", name, value, True,
            f"{LANG_RULE}; every byte of {value!r} is one of them, so it is safelisted.")
    bads = [
        ("underscore", b"en_US"),
        ("slash", b"en/US"),
        ("tab", b"en,\tfr"),
        ("colon", b"en:US"),
        ("plus", b"en+US"),
        ("apostrophe", b"en'"),
        ("exclamation", b"en!"),
        ("quote", b'"en"'),
        ("at", b"en@x"),
        ("tilde", b"en~"),
        ("hash", b"en#"),
        ("parenthesis", b"en(US)"),
        ("nul", b"en\x00"),
        ("del", b"en\x7f"),
        ("utf8-non-ascii", "fr-Ç".encode()),
        ("non-utf8-byte", b"en-\xff"),
    ]
    for label, value in bads:
        one(f"{key}-bad-{label}", name, value, False,
            f"{LANG_RULE}; the value holds a byte outside that set, so it is not safelisted "
            "(this rule is stricter than the CORS-unsafe request-header byte rule: HT, `_`, `/`, "
            "`+` and bytes >= 0x80 fail here).")

# --- Content-Type essences -----------------------------------------------------------------

CT = (f"{SAFELISTED} step 2 (`content-type` steps 2-4): \"parse a MIME type\" of the isomorphic "
      "decoding, then the essence must be application/x-www-form-urlencoded, multipart/form-data "
      "or text/plain")
for label, value, ok, note in [
    ("text-plain", "text/plain", True, "essence text/plain"),
    ("urlencoded", "application/x-www-form-urlencoded", True, "safelisted essence"),
    ("multipart", "multipart/form-data", True, "safelisted essence"),
    ("text-plain-charset", "text/plain;charset=UTF-8", True, "parameters do not matter"),
    ("multipart-boundary", "multipart/form-data; boundary=----x", True,
     "parameters do not matter"),
    ("urlencoded-charset", "application/x-www-form-urlencoded;charset=utf-8", True,
     "parameters do not matter"),
    ("uppercase", "TEXT/PLAIN", True, "the parser ASCII-lowercases type and subtype"),
    ("mixed-case-param", "Text/Plain; Charset=utf-8", True,
     "the parser lowercases the type, subtype and parameter names"),
    ("leading-trailing-space", " text/plain ", True,
     "\"parse a MIME type\" step 1 removes leading and trailing HTTP whitespace"),
    ("trailing-tab", "text/plain\t", True,
     "trailing HTTP whitespace is removed and HT is not an unsafe byte"),
    ("space-before-semicolon", "text/plain ;charset=utf-8", True,
     "trailing HTTP whitespace is removed from the subtype"),
    ("empty-parameter", "text/plain;", True, "an empty parameter list is fine"),
    ("parameter-without-value", "text/plain;charset", True,
     "a parameter without `=` is skipped, the MIME type still parses"),
    ("double-semicolon", "text/plain;;charset=utf-8", True, "empty parameters are skipped"),
    ("non-ascii-param", "text/plain;x=é", True,
     "bytes >= 0x80 are not unsafe and are HTTP quoted-string token code points"),
    ("json", "application/json", False, "essence application/json is not safelisted"),
    ("html", "text/html", False, "essence text/html is not safelisted"),
    ("text-plain2", "text/plain2", False, "essence text/plain2 is not text/plain"),
    ("multipart-mixed", "multipart/mixed", False, "essence multipart/mixed is not safelisted"),
    ("form-data-suffix", "multipart/form-data-x", False, "not an exact essence match"),
    ("x-www-urlencoded-typo", "application/www-form-urlencoded", False,
     "not an exact essence match"),
    ("empty", "", False, "\"parse a MIME type\" of the empty string is failure"),
    ("no-subtype", "text/", False, "an empty subtype is failure"),
    ("no-type", "/plain", False, "an empty type is failure"),
    ("no-slash", "text", False, "no `/` is failure"),
    ("space-in-type", "text /plain", False,
     "`text ` is not a token: the type contains a space, so parsing fails"),
    ("two-slashes", "text/plain/x", False,
     "`/` is not an HTTP token code point, so the subtype `plain/x` fails"),
    ("two-types-combined", "text/plain, application/json", False,
     "the subtype `plain, application/json` is not a token, so parsing fails"),
    ("combined-same", "text/plain, text/plain", False,
     "a combined value of two Content-Type headers is not a MIME type"),
    ("star", "*/*", False, "`*/*` parses but its essence is not safelisted"),
]:
    one(f"content-type-{label}", "Content-Type", value, ok, f"{CT}: {note}.")

one("content-type-quoted-param", "Content-Type", 'text/plain;charset="utf-8"', False,
    f"{SAFELISTED} step 2 (`content-type` step 1): `\"` is a {UNSAFE_BYTE}, so a quoted "
    "parameter value makes the header unsafe although the MIME type is text/plain.")

# --- Range ---------------------------------------------------------------------------------

RS = (f"{SAFELISTED} step 2 (`range`): {RANGE} with allowWhitespace false must not fail and "
      "rangeStart must not be null")
for label, value, ok, note in [
    ("open-end", "bytes=0-", True, "(0, null)"),
    ("closed", "bytes=5-10", True, "(5, 10)"),
    ("single-byte", "bytes=5-5", True, "(5, 5): start equal to end is fine"),
    ("zero-zero", "bytes=0-0", True, "(0, 0)"),
    ("leading-zeros", "bytes=00-01", True, "digits are read as decimal numbers: (0, 1)"),
    ("huge-start", "bytes=18446744073709551616-", True,
     "the start is 2^64, interpreted as a decimal number (no size limit in the algorithm)"),
    ("huge-both", "bytes=18446744073709551615-18446744073709551616", True,
     "start 2^64-1 is not greater than end 2^64"),
    ("suffix", "bytes=-5", False,
     "(null, 5) parses but rangeStart is null: a suffix range is not safelisted"),
    ("reversed", "bytes=10-5", False, "step 18: start 10 greater than end 5 is failure"),
    ("reversed-huge", "bytes=18446744073709551617-18446744073709551616", False,
     "step 18: start 2^64+1 greater than end 2^64 is failure"),
    ("both-empty", "bytes=-", False, "step 17: both null is failure"),
    ("no-range", "bytes=", False, "step 11: no `-` is failure"),
    ("no-dash", "bytes=5", False, "step 11: no `-` is failure"),
    ("space-before-equals", "bytes =0-", False,
     "step 5: allowWhitespace is false, so the code point after `bytes` must be `=`"),
    ("space-after-equals", "bytes= 0-", False,
     "step 8 collects no digits, then step 11 finds a space instead of `-`"),
    ("space-around-dash", "bytes=0 - 5", False, "step 11: a space instead of `-`"),
    ("no-equals", "bytes 0-", False, "step 5: a space instead of `=` (WPT not-cors-safelisted.json)"),
    ("leading-space", " bytes=0-", False, "step 2: the value does not start with `bytes`"),
    ("trailing-space", "bytes=0- ", False, "step 16: position is not past the end"),
    ("trailing-tab", "bytes=0-\t", False, "step 16: position is not past the end"),
    ("multiple-ranges", "bytes=0-1,2-3", False,
     "step 16: `,2-3` is left over, so only a single range can be safelisted"),
    ("multiple-ranges-space", "bytes=0-1, 5-", False, "step 16: a second range is left over"),
    ("capitalized-unit", "Bytes=0-", False, "step 2: `start with` is case-sensitive"),
    ("uppercase-unit", "BYTES=0-", False, "step 2: `start with` is case-sensitive"),
    ("other-unit", "items=0-", False, "step 2: the unit must be `bytes`"),
    ("plus-sign", "bytes=+1-2", False, "step 11: `+` is not an ASCII digit or `-`"),
    ("negative-start", "bytes=-1-2", False, "rangeStart is empty, rangeEnd is 1, then step 16 finds `-2` left over"),
    ("letters", "bytes=a-b", False, "step 11: `a` is not `-`"),
    ("two-dashes", "bytes=1-2-", False, "step 16: `-` is left over"),
    ("empty", "", False, "step 2: the empty string does not start with `bytes`"),
    ("unit-prefix", "bytesx=0-", False, "step 5: the code point after `bytes` is `x`, not `=`"),
]:
    one(f"range-{label}", "Range", value, ok, f"{RS}: {note}.")

# --- Name matching and names that are never safelisted --------------------------------------

for label, name, value in [
    ("accept-upper", "ACCEPT", "*/*"),
    ("accept-language-mixed", "aCcEpT-lAnGuAgE", "en"),
    ("content-language-upper", "CONTENT-LANGUAGE", "de"),
    ("content-type-mixed", "content-TYPE", "text/plain"),
    ("range-upper", "RANGE", "bytes=0-"),
]:
    one(f"name-case-{label}", name, value, True,
        f"{SAFELISTED} step 2 byte-lowercases the name before the switch, so {name!r} is treated "
        "as its lowercase form and the value is safelisted.")

for name, value in [
    ("X-Custom", "1"),
    ("Authorization", "Bearer x"),
    ("Cache-Control", "no-cache"),
    ("User-Agent", "Mozilla/5.0"),
    ("Pragma", "no-cache"),
    ("If-None-Match", "*"),
    ("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"),
    ("Last-Event-ID", "1"),
    ("X-Requested-With", "XMLHttpRequest"),
    ("Content-Encoding", "gzip"),
    ("DPR", "2"),
    ("Downlink", "10"),
    ("Save-Data", "on"),
    ("Viewport-Width", "800"),
    ("Width", "100"),
    ("Accept-Encoding", "gzip"),
    ("Origin", "http://app.example"),
    ("Accept-Languages", "en"),
    ("Content-Types", "text/plain"),
    ("Ranges", "bytes=0-"),
    ("X-Accept", "*/*"),
]:
    key = name.lower()
    one(f"never-safelisted-{key}", name, value, False,
        f"{SAFELISTED} step 2, \"Otherwise\": `{key}` is not accept, accept-language, "
        "content-language, content-type or range, so the header is not safelisted whatever its "
        "value (the client-hint names were dropped from the safelist; forbidden names are a "
        "separate rule).")

# --- The 128-byte limit (step 1) -----------------------------------------------------------

LIMIT = f"{SAFELISTED} step 1: a value whose length is greater than 128 bytes is not safelisted"


def pad(prefix, total, filler="a"):
    value = prefix + filler * (total - len(prefix))
    assert len(value.encode()) == total
    return value


for name, make in [
    ("Accept", lambda n: pad("", n)),
    ("Accept-Language", lambda n: pad("", n)),
    ("Content-Language", lambda n: pad("", n)),
    ("Content-Type", lambda n: pad("text/plain;a=", n)),
    ("Range", lambda n: "bytes=" + "0" * (n - 7) + "-"),
]:
    key = name.lower()
    for n in (128, 129):
        one(f"length-{key}-{n}", name, make(n), n <= 128,
            f"{LIMIT}; this value is otherwise safelisted and is {n} bytes long"
            f"{' (exactly the limit)' if n == 128 else ''}.")

# Length is in bytes, not code points: 64 two-byte characters are 128 bytes, plus one is 129.
one("length-accept-utf8-128-bytes", "Accept", "é" * 64, True,
    f"{LIMIT}; 64 U+00E9 encoded as UTF-8 are 128 bytes (64 code points).")
one("length-accept-utf8-129-bytes", "Accept", "é" * 64 + "a", False,
    f"{LIMIT}; 65 code points but 129 bytes.")
one("length-content-type-long-param-129", "Content-Type",
    "text/plain; long=" + "0123456789" * 11 + "01", False,
    f"{LIMIT}; the value is 129 bytes (web-platform-tests fetch/api/cors/resources/"
    "not-cors-safelisted.json).")

# --- Non-UTF-8 bytes -----------------------------------------------------------------------

for vid, name, value, ok, note in [
    ("bytes-accept-ff", "Accept", b"\xff", True,
     f"0xFF is not a {UNSAFE_BYTE}, so `accept` allows it"),
    ("bytes-accept-latin1", "Accept", b"text/h\xe9ml\x80\x81", True,
     f"bytes >= 0x80 are not {UNSAFE_BYTE}s"),
    ("bytes-accept-ff-then-del", "Accept", b"\xff\x7f", False, "0x7F DEL is unsafe"),
    ("bytes-accept-language-ff", "Accept-Language", b"en-\xff", False,
     "the language rule allows no byte >= 0x80"),
    ("bytes-content-language-e9", "Content-Language", b"fr-\xe9", False,
     "the language rule allows no byte >= 0x80"),
    ("bytes-content-type-param-ff", "Content-Type", b"text/plain;charset=\xff", True,
     "isomorphic decoding maps 0xFF to U+00FF, an HTTP quoted-string token code point; the "
     "essence is text/plain"),
    ("bytes-content-type-essence-ff", "Content-Type", b"text/plain\xff", False,
     "the subtype `plain\\u00FF` is not a token, so parsing fails"),
    ("bytes-range-ff", "Range", b"bytes=0-\xff", False,
     f"{RANGE} step 16: U+00FF is left over"),
]:
    one(vid, name, value, ok, f"{SAFELISTED}: {note}.")

# --- CORS-unsafe request-header names of header lists --------------------------------------

A128 = "a" * 128
CT128 = pad("text/plain;a=", 128)
SAFE_1024 = [  # eight safelisted headers of 128 bytes: exactly 1024 bytes
    ("Accept", A128), ("Accept", A128),
    ("Accept-Language", A128), ("Accept-Language", A128),
    ("Content-Language", A128), ("Content-Language", A128),
    ("Content-Type", CT128), ("Content-Type", CT128),
]
assert sum(len(v) for _, v in SAFE_1024) == 1024
ALL_SAFE_NAMES = ["accept", "accept-language", "content-language", "content-type"]
TOTAL = (f"{UNSAFE_NAMES} step 5: the safelisted values are added up in step 4.2 and only a "
         "total greater than 1024 bytes makes their names unsafe")

for vid, headers, unsafe, why in [
    ("list-empty", [], [], f"{UNSAFE_NAMES}: an empty header list has no unsafe names."),
    ("list-all-safelisted", [("Accept", "*/*"), ("Content-Type", "text/plain"),
                             ("Range", "bytes=0-")], [],
     f"{UNSAFE_NAMES} step 4: every header is a CORS-safelisted request-header and the total is "
     "small."),
    ("list-one-unsafe", [("X-Custom", "1")], ["x-custom"],
     f"{UNSAFE_NAMES} step 4.1: X-Custom is not safelisted; step 6 lowercases it."),
    ("list-sorted", [("X-B", "1"), ("X-A", "2"), ("Content-Type", "application/json")],
     ["content-type", "x-a", "x-b"],
     f"{UNSAFE_NAMES} step 6: \"convert header names to a sorted-lowercase set\" sorts the "
     "names."),
    ("list-duplicates", [("X-Custom", "1"), ("x-custom", "2"), ("X-CUSTOM", "3")], ["x-custom"],
     f"{UNSAFE_NAMES} step 6: names are byte-lowercased and duplicates removed."),
    ("list-mixed-case", [("X-Zeta", "1"), ("x-alpha", "1"), ("AUTHORIZATION", "x")],
     ["authorization", "x-alpha", "x-zeta"],
     f"{UNSAFE_NAMES} step 6: lowercasing happens before sorting, so `X-Zeta` sorts after "
     "`x-alpha`."),
    ("list-byte-order", [("x-~", "1"), ("X-Z", "1"), ("x-_", "1"), ("x-0", "1"), ("x-!", "1")],
     ["x-!", "x-0", "x-_", "x-z", "x-~"],
     f"{UNSAFE_NAMES} step 6: sorted by byte value after lowercasing: `!` 0x21 < `0` 0x30 < `_` "
     "0x5F < `z` 0x7A < `~` 0x7E (`Z` becomes `z`, so it sorts after `_`)."),
    ("list-prefix-order", [("x-a-b", "1"), ("X-A", "1"), ("x-a0", "1")],
     ["x-a", "x-a-b", "x-a0"],
     f"{UNSAFE_NAMES} step 6: a name sorts before its extensions; `-` 0x2D < `0` 0x30."),
    ("list-safelisted-name-bad-value", [("Accept", "*/*"), ("accept", '"')], ["accept"],
     f"{UNSAFE_NAMES} step 4.1: the second Accept is not safelisted (`\"`), so `accept` is "
     "unsafe even though the first one is safelisted."),
    ("list-two-content-types-each-ok", [("Content-Type", "text/plain"),
                                        ("Content-Type", "text/plain")], [],
     f"{UNSAFE_NAMES} step 4 tests each header of the list on its own; both are safelisted."),
    ("list-content-type-json-and-plain", [("Content-Type", "application/json"),
                                          ("Content-Type", "text/plain")], ["content-type"],
     f"{UNSAFE_NAMES} step 4.1: the application/json entry is not safelisted "
     f"({SAFELISTED}, example in the `content-type` branch)."),
    ("list-range-multi", [("Range", "bytes=0-1,3-4"), ("Accept", "*/*")], ["range"],
     f"{UNSAFE_NAMES} step 4.1 with {RANGE}: a multi-range value is not safelisted."),
    ("list-forbidden-names-are-just-unsafe", [("Origin", "http://a.example"), ("Cookie", "a=b")],
     ["cookie", "origin"],
     f"{UNSAFE_NAMES} step 4.1: the algorithm knows nothing of forbidden names; Origin and "
     "Cookie are simply not safelisted."),
    ("list-total-1024", SAFE_1024, [],
     f"{TOTAL}: eight safelisted values of 128 bytes total exactly 1024, which is not greater "
     "than 1024."),
    ("list-total-1025", SAFE_1024 + [("Content-Language", "a")], ALL_SAFE_NAMES,
     f"{TOTAL}: 1024 + 1 = 1025 bytes, so every safelisted name becomes unsafe."),
    ("list-total-1024-with-range", SAFE_1024[:7] + [("Range", "bytes=0-" + "0" * 119 + "1")],
     [],
     f"{TOTAL}: seven 128-byte values and a 128-byte Range `bytes=0-00...01` (a safelisted Range "
     "counts too) total exactly 1024 bytes."),
    ("list-total-1025-with-range",
     SAFE_1024[:7] + [("Range", "bytes=" + "0" * 120 + "-"), ("Accept", "*/")],
     ALL_SAFE_NAMES + ["range"],
     f"{TOTAL}: 7 x 128 + 127 (Range) + 2 (Accept) = 1025 bytes, so every safelisted name "
     "(range included) becomes unsafe."),
    ("list-total-1024-unsafe-not-counted", SAFE_1024 + [("X-Big", "x" * 500)], ["x-big"],
     f"{TOTAL}: the 500-byte X-Big value is not safelisted, so it goes to unsafeNames in step "
     "4.1 and is not added to the total, which stays 1024."),
    ("list-total-1024-long-value-not-counted", SAFE_1024 + [("Range", "bytes=" + "0" * 200 + "-")],
     ["range"],
     f"{TOTAL}: the 207-byte Range fails step 1 of the safelist test (over 128), so it is unsafe "
     "and not counted; the total stays 1024."),
    ("list-total-1024-bad-language-not-counted", SAFE_1024 + [("Content-Language", "é")],
     ["content-language"],
     f"{TOTAL}: `é` fails the language rule, so that Content-Language is unsafe and its two "
     "bytes are not counted; the total stays 1024 and only content-language is unsafe."),
    ("list-total-utf8-1024", [("Accept", "é" * 64)] * 8, [],
     f"{TOTAL}: eight values of 64 U+00E9 are 8 x 128 = 1024 bytes."),
    ("list-total-utf8-1026", [("Accept", "é" * 64)] * 8 + [("Accept", "é")], ["accept"],
     f"{TOTAL}: one more U+00E9 adds two bytes (1026)."),
    ("list-total-1025-many-small", [("Accept", "a" * 125)] * 8 + [("Range", "bytes=0-"),
                                                                  ("Accept-Language", "a" * 17)],
     ["accept", "accept-language", "range"],
     f"{TOTAL}: 8 x 125 + 8 + 17 = 1025 bytes; the unsafe names come out lowercase, sorted and "
     "deduplicated."),
    ("list-total-over-with-unsafe", [("X-Custom", "1")] + SAFE_1024 + [("Accept", "b")],
     ALL_SAFE_NAMES + ["x-custom"],
     f"{TOTAL}: 1025 bytes; the result merges the unsafe name with all safelisted names, sorted."),
    ("list-mixed-case-over-limit", [(n.upper(), v) for n, v in SAFE_1024] + [("rAnGe", "bytes=0-")],
     ALL_SAFE_NAMES + ["range"],
     f"{TOTAL}: 1032 bytes; the upper- and mixed-case names are lowercased in step 6."),
]:
    many(vid, headers, unsafe, why)

# --- Write --------------------------------------------------------------------------------

source = ("Hand-written from the WHATWG Fetch standard: \"CORS-safelisted request-header\", "
          "\"CORS-unsafe request-header byte\", \"CORS-unsafe request-header names\", "
          "\"parse a single range header value\", and \"parse a MIME type\" (MIME Sniffing); "
          "cases also from web-platform-tests fetch/api/cors/resources/"
          "not-cors-safelisted.json. Generated by scripts/corpus/request_headers.py.")
common.write_vectors(OUT, source, vectors)
singles = sum(1 for v in vectors if "name" in v)
print(f"{common.relpath(OUT)}: {len(vectors)} vectors ({singles} single headers, "
      f"{len(vectors) - singles} header lists)")
