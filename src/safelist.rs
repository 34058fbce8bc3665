//! Header safelists: the name and value rules of Fetch §2.2.2 "Headers" that decide which request
//! headers script may send without a CORS preflight, which it may not set at all, and which
//! response headers it may read.
//!
//! Everything here takes raw bytes, because the answers depend on bytes that are not UTF-8 and on
//! control bytes that `http` refuses. Header names are compared byte-case-insensitively; header
//! values exactly as given (callers hand in normalized values, as a `Headers` object holds them).
//!
//! The `Content-Type` rule parses the value with the WHATWG MIME type parser of the `data-url`
//! crate. Its output was checked against every input of web-platform-tests'
//! `mimesniff/mime-types/resources/{mime-types,generated-mime-types}.json` (955 inputs, every
//! serialization identical); `spec-vectors/wpt-mime-types.json` keeps checking the safelist
//! answers derived from that data.

use crate::header::{HeaderList, decode_and_split, isomorphic_decode};
use crate::method::is_forbidden_method;
use crate::profile::{RepeatedHeaders, RequestHeaderPolicy};
use crate::range::parse_single_range_header_value;
use data_url::mime::Mime;
use http::HeaderName;
use http::header::{
    ACCEPT, ACCEPT_LANGUAGE, CACHE_CONTROL, CONTENT_LANGUAGE, CONTENT_LENGTH, CONTENT_TYPE,
    EXPIRES, LAST_MODIFIED, PRAGMA, RANGE,
};
use std::borrow::Cow;
use std::collections::HashMap;

/// Whether `name` is a byte-case-insensitive match for one of `names`.
fn is_one_of(name: &[u8], names: &[&str]) -> bool {
    names
        .iter()
        .any(|n| n.as_bytes().eq_ignore_ascii_case(name))
}

/// A list of lowercase names, with the lengths they have: most names a request carries have
/// none of them, and are ruled out without comparing bytes.
struct NameList {
    names: &'static [&'static str],
    /// Bit `n`: some name is `n` bytes long (every name is shorter than 64).
    lengths: u64,
}

impl NameList {
    const fn new(names: &'static [&'static str]) -> Self {
        let mut lengths = 0;
        let mut i = 0;
        while i < names.len() {
            assert!(names[i].len() < 64);
            lengths |= 1 << names[i].len();
            i += 1;
        }
        Self { names, lengths }
    }

    /// Whether `name` is a byte-case-insensitive match for one of the names.
    fn holds(&self, name: &[u8]) -> bool {
        name.len() < 64 && self.lengths & (1 << name.len()) != 0 && is_one_of(name, self.names)
    }
}

/// Fetch: the names of "forbidden request-header" (besides `Proxy-` and `Sec-` names).
const FORBIDDEN_REQUEST_HEADER_NAMES: NameList = NameList::new(&[
    "accept-charset",
    "accept-encoding",
    "access-control-request-headers",
    "access-control-request-method",
    "connection",
    "content-length",
    "cookie",
    "cookie2",
    "date",
    "dnt",
    "expect",
    "host",
    "keep-alive",
    "origin",
    "referer",
    "set-cookie",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "via",
]);

/// Fetch: the method-override headers, forbidden when they name a forbidden method.
const METHOD_OVERRIDE_HEADER_NAMES: NameList = NameList::new(&[
    "x-http-method",
    "x-http-method-override",
    "x-method-override",
]);

/// Whether `bytes` starts with `prefix`, ignoring ASCII case.
fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Why a header is not a CORS-safelisted request-header: the rule of Fetch "CORS-safelisted
/// request-header" (or of "CORS-unsafe request-header names") it fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NotSafelisted {
    /// The name is not `Accept`, `Accept-Language`, `Content-Language`, `Content-Type` or
    /// `Range`.
    Name,
    /// The value is longer than 128 bytes.
    ValueTooLong {
        /// The value's length in bytes.
        length: usize,
    },
    /// `Accept` or `Content-Type`: the value holds a CORS-unsafe request-header byte.
    UnsafeByte {
        /// The first such byte.
        byte: u8,
    },
    /// `Accept-Language` or `Content-Language`: the value holds a byte other than a letter, a
    /// digit, space or `*,-.;=`.
    LanguageByte {
        /// The first such byte.
        byte: u8,
    },
    /// `Content-Type`: the value does not parse as a MIME type whose essence is
    /// `application/x-www-form-urlencoded`, `multipart/form-data` or `text/plain`.
    MimeEssence,
    /// `Range`: the value is not one range `bytes=N-` or `bytes=N-M`.
    RangeForm,
    /// Safelisted alone, but the safelisted values add up to more than 1024 bytes, which makes
    /// them all unsafe.
    TotalSizeExceeded {
        /// The safelisted values' total size in bytes.
        total: usize,
    },
}

impl std::fmt::Display for NotSafelisted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Name => f.write_str("its name is not a CORS-safelisted request-header name"),
            Self::ValueTooLong { length } => {
                write!(f, "its value is {length} bytes long, more than 128")
            }
            Self::UnsafeByte { byte } => write!(
                f,
                "its value holds the CORS-unsafe byte {:?}",
                char::from(*byte)
            ),
            Self::LanguageByte { byte } => write!(
                f,
                "its value holds {:?}, not allowed in a language tag list",
                char::from(*byte)
            ),
            Self::MimeEssence => f.write_str(
                "its value is not application/x-www-form-urlencoded, multipart/form-data or \
                 text/plain",
            ),
            Self::RangeForm => f.write_str("its value is not one range `bytes=N-` or `bytes=N-M`"),
            Self::TotalSizeExceeded { total } => write!(
                f,
                "the safelisted values add up to {total} bytes, more than 1024"
            ),
        }
    }
}

/// Fetch: "CORS-safelisted request-header" — a header script may send cross-origin without a
/// preflight: `Accept`, `Accept-Language`, `Content-Language`, `Content-Type` (form, multipart or
/// plain text) or `Range` (`bytes=N-` / `bytes=N-M`), each with a value of at most 128 bytes that
/// cannot confuse a server that never expected cross-origin requests.
pub fn is_cors_safelisted_request_header(name: &[u8], value: &[u8]) -> bool {
    check_cors_safelisted_request_header(name, value).is_ok()
}

/// [`is_cors_safelisted_request_header`], saying which rule a header fails.
/// <https://fetch.spec.whatwg.org/#cors-safelisted-request-header>
pub fn check_cors_safelisted_request_header(
    name: &[u8],
    value: &[u8],
) -> Result<(), NotSafelisted> {
    check_safelisted_value(SafelistedName::of_bytes(name), value)
}

/// The names a CORS-safelisted request-header may have, grouped by the rule their values follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SafelistedName {
    Accept,
    /// `Accept-Language` or `Content-Language`.
    Language,
    ContentType,
    Range,
}

impl SafelistedName {
    /// The safelisted name `name` is (compared byte-case-insensitively), if any.
    fn of_bytes(name: &[u8]) -> Option<Self> {
        if name.eq_ignore_ascii_case(b"accept") {
            Some(Self::Accept)
        } else if is_one_of(name, &["accept-language", "content-language"]) {
            Some(Self::Language)
        } else if name.eq_ignore_ascii_case(b"content-type") {
            Some(Self::ContentType)
        } else if name.eq_ignore_ascii_case(b"range") {
            Some(Self::Range)
        } else {
            None
        }
    }

    /// [`SafelistedName::of_bytes`] for a parsed name: `http` parses each of these names, in any
    /// case, to its constant, so comparing with the constants is comparing the bytes.
    fn of_header_name(name: &HeaderName) -> Option<Self> {
        if *name == ACCEPT {
            Some(Self::Accept)
        } else if *name == ACCEPT_LANGUAGE || *name == CONTENT_LANGUAGE {
            Some(Self::Language)
        } else if *name == CONTENT_TYPE {
            Some(Self::ContentType)
        } else if *name == RANGE {
            Some(Self::Range)
        } else {
            None
        }
    }
}

/// The rules of "CORS-safelisted request-header" for a header of name `name` (`None`: a name
/// that is not safelisted) and value `value`.
fn check_safelisted_value(name: Option<SafelistedName>, value: &[u8]) -> Result<(), NotSafelisted> {
    fn first(value: &[u8], bad: impl Fn(u8) -> bool) -> Option<u8> {
        value.iter().copied().find(|&b| bad(b))
    }
    let rule = if value.len() > 128 {
        Some(NotSafelisted::ValueTooLong {
            length: value.len(),
        })
    } else {
        match name {
            Some(SafelistedName::Accept) => first(value, is_cors_unsafe_request_header_byte)
                .map(|byte| NotSafelisted::UnsafeByte { byte }),
            Some(SafelistedName::Language) => first(value, |b| {
                !(b.is_ascii_alphanumeric() || b" *,-.;=".contains(&b))
            })
            .map(|byte| NotSafelisted::LanguageByte { byte }),
            Some(SafelistedName::ContentType) => {
                match first(value, is_cors_unsafe_request_header_byte) {
                    Some(byte) => Some(NotSafelisted::UnsafeByte { byte }),
                    None => (!is_safelisted_mime_type(value)).then_some(NotSafelisted::MimeEssence),
                }
            }
            Some(SafelistedName::Range) => {
                // Browsers never sent suffix ranges (`bytes=-500`) as plain requests, so those
                // need a preflight.
                let simple = parse_single_range_header_value(value, false)
                    .is_some_and(|range| range.0.is_some());
                (!simple).then_some(NotSafelisted::RangeForm)
            }
            None => Some(NotSafelisted::Name),
        }
    };
    rule.map_or(Ok(()), Err)
}

/// The `Content-Type` rule: the value parses as a MIME type whose essence is one of the three.
fn is_safelisted_mime_type(value: &[u8]) -> bool {
    // The essence is the text up to `;` (whitespace-trimmed, lowercased) whenever the value
    // parses; when that text is none of the three, the answer is false without parsing.
    let essence = value.split(|&b| b == b';').next().unwrap_or_default();
    if !is_one_of(
        essence.trim_ascii(),
        &[
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "text/plain",
        ],
    ) {
        return false;
    }
    // Deliberately "parse a MIME type", not the more forgiving "extract a MIME type".
    isomorphic_decode(value).parse::<Mime>().is_ok_and(|mime| {
        matches!(
            (mime.type_.as_str(), mime.subtype.as_str()),
            ("application", "x-www-form-urlencoded")
                | ("multipart", "form-data")
                | ("text", "plain")
        )
    })
}

/// Fetch: "CORS-unsafe request-header byte" — a control byte other than tab, DEL, or one of the
/// HTTP delimiters `"():<>?@[\]{}` (all but `,/;=`), which a safelisted value may not contain.
pub fn is_cors_unsafe_request_header_byte(byte: u8) -> bool {
    CORS_UNSAFE_BYTES[usize::from(byte)]
}

/// [`is_cors_unsafe_request_header_byte`] as a table: every header value is scanned with it.
const CORS_UNSAFE_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = byte != 0x09;
        byte += 1;
    }
    let delimiters = b"\"():<>?@[\\]{}\x7f";
    let mut i = 0;
    while i < delimiters.len() {
        table[delimiters[i] as usize] = true;
        i += 1;
    }
    table
};

/// Fetch: "CORS-unsafe request-header names" — the names of the headers that make a request need
/// a preflight: those not CORS-safelisted, and all of them once the safelisted values add up to
/// more than 1024 bytes. Returned through "convert header names to a sorted-lowercase set":
/// byte-lowercased, sorted by byte, without duplicates.
pub fn cors_unsafe_request_header_names<'a>(
    headers: impl IntoIterator<Item = (&'a [u8], &'a [u8])>,
) -> Vec<String> {
    cors_unsafe_request_header_names_within(headers, Some(SAFELIST_VALUE_SIZE_LIMIT))
}

/// Fetch: the most bytes the values of CORS-safelisted request-headers may add up to before
/// they all count as unsafe.
pub const SAFELIST_VALUE_SIZE_LIMIT: usize = 1024;

/// As [`cors_unsafe_request_header_names`] with another total limit, or none (Firefox applies
/// no total limit).
pub fn cors_unsafe_request_header_names_within<'a>(
    headers: impl IntoIterator<Item = (&'a [u8], &'a [u8])>,
    safelist_value_size_limit: Option<usize>,
) -> Vec<String> {
    let headers: Vec<(&[u8], &[u8])> = headers.into_iter().collect();
    let names = unsafe_headers(
        headers
            .iter()
            .map(|&(name, value)| (name, SafelistedName::of_bytes(name), value)),
        safelist_value_size_limit,
    );
    // "Convert header names to a sorted-lowercase set": byte-lowercase, sort by byte, dedupe
    // (isomorphic decoding keeps the byte order).
    let mut lowercased: Vec<String> = names
        .into_iter()
        .map(|name| isomorphic_decode(name).to_ascii_lowercase())
        .collect();
    lowercased.sort_unstable();
    lowercased.dedup();
    lowercased
}

/// Steps 1-4 of "CORS-unsafe request-header names" over `headers`, each given as `(what to
/// return for it, its safelisted name if it has one, its value)`: what is returned for each
/// header whose name is unsafe — each one not CORS-safelisted, and once the safelisted values add
/// up to more than `safelist_value_size_limit`, every one (the "potentially unsafe" names join
/// them). Nothing is allocated when no name is unsafe.
fn unsafe_headers<'a, T>(
    headers: impl Iterator<Item = (T, Option<SafelistedName>, &'a [u8])> + Clone,
    safelist_value_size_limit: Option<usize>,
) -> Vec<T> {
    let mut unsafe_names = Vec::new();
    let mut safelist_value_size = 0usize;
    for (header, name, value) in headers.clone() {
        if check_safelisted_value(name, value).is_ok() {
            safelist_value_size = safelist_value_size.saturating_add(value.len());
        } else {
            if unsafe_names.capacity() == 0 {
                // Room for a few at once: most requests that have one have one or two.
                unsafe_names = Vec::with_capacity(2);
            }
            unsafe_names.push(header);
        }
    }
    if safelist_value_size_limit.is_some_and(|limit| safelist_value_size > limit) {
        return headers.map(|(header, _, _)| header).collect();
    }
    unsafe_names
}

/// Fetch: "CORS-unsafe request-header names" of a request's header list as an engine computes
/// them: with the policy's total limit on safelisted values, its reading of repeated header
/// names and of the `Range` unit. The names of a header list are lowercase already; they come
/// sorted, without duplicates unless the policy keeps a name once per header that has it
/// (Firefox lists every unsafe header, repeated names included).
/// <https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names>
pub(crate) fn unsafe_request_header_names(
    headers: &HeaderList,
    policy: &RequestHeaderPolicy,
) -> Vec<HeaderName> {
    let limit = policy.safelist_value_size_limit;
    let mut names = match judged(headers, policy) {
        None => unsafe_headers(
            headers.iter().map(|(n, v)| as_judged((n, v.as_bytes()))),
            limit,
        ),
        Some(judged) => unsafe_headers(judged.iter().map(|(n, v)| as_judged((n, v))), limit),
    };
    names.sort_unstable_by(|a, b| a.as_str().cmp(b.as_str()));
    if policy.repeated_headers != RepeatedHeaders::Listed {
        names.dedup();
    }
    names
}

fn name_bytes(name: &HeaderName) -> &[u8] {
    name.as_str().as_bytes()
}

/// A header as [`unsafe_headers`] reads it, returning its name.
fn as_judged<'h>(
    (name, value): (&'h HeaderName, &'h [u8]),
) -> (HeaderName, Option<SafelistedName>, &'h [u8]) {
    (name.clone(), SafelistedName::of_header_name(name), value)
}

/// A header as an engine judges it: its name, and its value as the engine reads it.
type Judged<'h> = (&'h HeaderName, Cow<'h, [u8]>);

/// The headers as the engine judges them when that differs from the list itself (`None`
/// otherwise): one per name with the values joined as "get" joins them, and/or the `Range` unit
/// lowercased.
fn judged<'h>(headers: &'h HeaderList, policy: &RequestHeaderPolicy) -> Option<Vec<Judged<'h>>> {
    let combine =
        policy.repeated_headers == RepeatedHeaders::Combined && has_repeated_name(headers);
    let fold_range = policy.range_unit_case_insensitive && headers.contains(&RANGE);
    if !combine && !fold_range {
        return None;
    }
    let mut judged: Vec<Judged<'h>> = Vec::new();
    // Where each name's header went in `judged`, to join later values onto it ("get" joins a
    // name's values with `, `) in one pass.
    let mut first: HashMap<&http::HeaderName, usize> = HashMap::new();
    for (name, value) in headers.iter() {
        if combine && let Some(&at) = first.get(name) {
            let joined: &mut Cow<'h, [u8]> = &mut judged[at].1;
            joined.to_mut().extend_from_slice(b", ");
            joined.to_mut().extend_from_slice(value.as_bytes());
            continue;
        }
        first.insert(name, judged.len());
        judged.push((name, Cow::Borrowed(value.as_bytes())));
    }
    if fold_range {
        for (name, value) in &mut judged {
            if *name == RANGE && value.len() >= 5 {
                value.to_mut()[..5].make_ascii_lowercase();
            }
        }
    }
    Some(judged)
}

/// Whether some name appears twice in `headers`: compared pairwise in a short list (no
/// allocation), sorted in a long one.
fn has_repeated_name(headers: &HeaderList) -> bool {
    const PAIRWISE: usize = 16;
    if headers.len() <= PAIRWISE {
        return headers
            .iter()
            .enumerate()
            .any(|(i, (name, _))| headers.iter().skip(i + 1).any(|(other, _)| other == name));
    }
    let mut names: Vec<&str> = headers.iter().map(|(n, _)| n.as_str()).collect();
    names.sort_unstable();
    names.windows(2).any(|pair| pair[0] == pair[1])
}

/// Each CORS-unsafe request-header name of [`unsafe_request_header_names`] once, with the rule
/// its header failed (for the trace).
pub(crate) fn unsafe_request_header_reasons(
    headers: &HeaderList,
    policy: &RequestHeaderPolicy,
) -> Vec<(String, NotSafelisted)> {
    let judged = judged(headers, policy).unwrap_or_else(|| {
        headers
            .iter()
            .map(|(n, v)| (n, Cow::Borrowed(v.as_bytes())))
            .collect()
    });
    let total = judged
        .iter()
        .filter(|(n, v)| is_cors_safelisted_request_header(name_bytes(n), v))
        .fold(0usize, |sum, (_, v)| sum.saturating_add(v.len()));
    let over = policy
        .safelist_value_size_limit
        .is_some_and(|limit| total > limit);
    let mut reasons: Vec<(String, NotSafelisted)> = judged
        .iter()
        .filter_map(|(name, value)| {
            let name = name.as_str().to_owned();
            match check_cors_safelisted_request_header(name.as_bytes(), value) {
                Err(rule) => Some((name, rule)),
                Ok(()) if over => Some((name, NotSafelisted::TotalSizeExceeded { total })),
                Ok(()) => None,
            }
        })
        .collect();
    reasons.sort_by(|a, b| a.0.cmp(&b.0));
    reasons.dedup_by(|a, b| a.0 == b.0);
    reasons
}

/// Fetch: "CORS non-wildcard request-header name" — `Authorization`, which a preflight response's
/// `Access-Control-Allow-Headers: *` does not cover; it must be listed by name.
pub fn is_cors_non_wildcard_request_header_name(name: &[u8]) -> bool {
    name.eq_ignore_ascii_case(b"authorization")
}

/// Fetch: "privileged no-CORS request-header name" — `Range`: privileged APIs (downloads, media)
/// may set it on a no-CORS request, and unprivileged changes to the request remove it.
pub fn is_privileged_no_cors_request_header_name(name: &[u8]) -> bool {
    name.eq_ignore_ascii_case(b"range")
}

/// Fetch: "no-CORS-safelisted request-header name" — `Accept`, `Accept-Language`,
/// `Content-Language` or `Content-Type`: the only names script may set on a `no-cors` request.
pub fn is_no_cors_safelisted_request_header_name(name: &[u8]) -> bool {
    is_one_of(
        name,
        &[
            "accept",
            "accept-language",
            "content-language",
            "content-type",
        ],
    )
}

/// Fetch: "no-CORS-safelisted request-header" — a header a `no-cors` request's `Headers` accepts
/// from script: a no-CORS-safelisted name with a CORS-safelisted value (so never `Range`).
pub fn is_no_cors_safelisted_request_header(name: &[u8], value: &[u8]) -> bool {
    is_no_cors_safelisted_request_header_name(name)
        && is_cors_safelisted_request_header(name, value)
}

/// Fetch: "forbidden request-header" — a header script may not set because the user agent keeps
/// control of it: a listed name, a `Proxy-` or `Sec-` name, or a method-override header
/// (`X-HTTP-Method`, `X-HTTP-Method-Override`, `X-Method-Override`) naming a forbidden method.
pub fn is_forbidden_request_header(name: &[u8], value: &[u8]) -> bool {
    if FORBIDDEN_REQUEST_HEADER_NAMES.holds(name)
        || starts_with_ignore_case(name, b"proxy-")
        || starts_with_ignore_case(name, b"sec-")
    {
        return true;
    }
    if METHOD_OVERRIDE_HEADER_NAMES.holds(name) {
        // The split values come from isomorphic decoding, so isomorphic encoding always succeeds;
        // a quoted method (`"trace"`) keeps its quotes and is not a forbidden method.
        return decode_and_split(value).iter().any(|method| {
            method
                .chars()
                .map(|c| u8::try_from(c).ok())
                .collect::<Option<Vec<u8>>>()
                .is_some_and(|bytes| is_forbidden_method(&bytes))
        });
    }
    false
}

/// Fetch: "forbidden response-header name" — `Set-Cookie` or `Set-Cookie2`, which script never
/// gets to read from a response.
pub fn is_forbidden_response_header_name(name: &[u8]) -> bool {
    is_one_of(name, &["set-cookie", "set-cookie2"])
}

/// Fetch: "request-body-header name" — `Content-Encoding`, `Content-Language`,
/// `Content-Location` or `Content-Type`: headers describing a body, dropped when a redirect turns
/// the request into a body-less `GET`.
pub fn is_request_body_header_name(name: &[u8]) -> bool {
    is_one_of(
        name,
        &[
            "content-encoding",
            "content-language",
            "content-location",
            "content-type",
        ],
    )
}

/// The names Fetch's "CORS-safelisted response-header name" always includes, whatever the
/// exposed list.
const ALWAYS_SAFELISTED_RESPONSE_HEADER_NAMES: [HeaderName; 7] = [
    CACHE_CONTROL,
    CONTENT_LANGUAGE,
    CONTENT_LENGTH,
    CONTENT_TYPE,
    EXPIRES,
    LAST_MODIFIED,
    PRAGMA,
];

/// Whether `name` is one of the names "CORS-safelisted response-header name" always includes
/// (compared as `http` compares its own names, which is cheaper than bytes).
pub(crate) fn is_always_safelisted_response_header_name(name: &HeaderName) -> bool {
    ALWAYS_SAFELISTED_RESPONSE_HEADER_NAMES.contains(name)
}

/// Fetch: "CORS-safelisted response-header name", given the CORS-exposed header-name list
/// `exposed` — a response header a CORS-filtered response lets script read: one of seven always
/// safe names, or a name the server exposed that is not a forbidden response-header name.
/// (`Access-Control-Expose-Headers: *` is resolved by the caller before building `exposed`.)
pub fn is_cors_safelisted_response_header_name(name: &[u8], exposed: &[&[u8]]) -> bool {
    ALWAYS_SAFELISTED_RESPONSE_HEADER_NAMES
        .iter()
        .any(|always| always.as_str().as_bytes().eq_ignore_ascii_case(name))
        || exposed
            .iter()
            .any(|item| item.eq_ignore_ascii_case(name) && !is_forbidden_response_header_name(item))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_names_are_found_in_short_and_long_lists() {
        for len in [0, 1, 2, 16, 17, 40] {
            let names: Vec<String> = (0..len).map(|i| format!("x-{i}")).collect();
            let list = |names: &[String]| {
                let mut list = HeaderList::new();
                for name in names {
                    let name = HeaderName::from_bytes(name.as_bytes()).unwrap();
                    list.append(name, crate::header::HeaderValue::from_static("v"));
                }
                list
            };
            assert!(!has_repeated_name(&list(&names)), "{len}");
            if len > 0 {
                let mut repeated = names.clone();
                repeated.push(names[len / 2].to_uppercase());
                assert!(has_repeated_name(&list(&repeated)), "{len}");
            }
        }
    }

    #[test]
    fn a_parsed_name_is_the_safelisted_name_its_bytes_are() {
        let safelisted = [
            "Accept",
            "ACCEPT-language",
            "content-Language",
            "Content-Type",
            "RANGE",
        ];
        let others = [
            "accept-charset",
            "x-accept",
            "content-types",
            "authorization",
            "rang",
        ];
        for (name, expected) in safelisted
            .map(|name| (name, true))
            .into_iter()
            .chain(others.map(|name| (name, false)))
        {
            let parsed = HeaderName::from_bytes(name.as_bytes()).unwrap();
            let kind = SafelistedName::of_header_name(&parsed);
            assert_eq!(kind, SafelistedName::of_bytes(name.as_bytes()), "{name}");
            assert_eq!(kind.is_some(), expected, "{name}");
        }
    }

    fn repeat(prefix: &str, fill: u8, len: usize) -> Vec<u8> {
        let mut v = prefix.as_bytes().to_vec();
        v.resize(len, fill);
        v
    }

    #[test]
    fn safelisted_request_headers_table() {
        let long = |prefix: &str, fill: u8, len: usize| repeat(prefix, fill, len);
        let cases: Vec<(&str, Vec<u8>, bool)> = vec![
            // Accept: anything without a CORS-unsafe byte.
            ("Accept", b"*/*".to_vec(), true),
            (
                "accept",
                b"text/html,application/xhtml+xml;q=0.9".to_vec(),
                true,
            ),
            ("ACCEPT", b"".to_vec(), true),
            ("Accept", b"a\tb".to_vec(), true),
            ("Accept", b"\x80\xff\xc3\xa9".to_vec(), true),
            ("Accept", b"text/html\"".to_vec(), false),
            ("Accept", b"\x01".to_vec(), false),
            ("Accept", b"\x7f".to_vec(), false),
            ("Accept", b"a\x1fb".to_vec(), false),
            ("Accept", long("", b'a', 128), true),
            ("Accept", long("", b'a', 129), false),
            // Accept-Language and Content-Language: a small alphabet only.
            ("Accept-Language", b"en-US,en;q=0.9".to_vec(), true),
            ("accept-language", b"*".to_vec(), true),
            ("Accept-Language", b"".to_vec(), true),
            ("Accept-Language", b"en_US".to_vec(), false),
            ("Accept-Language", b"en/US".to_vec(), false),
            ("Accept-Language", b"en\tUS".to_vec(), false),
            ("Accept-Language", b"\xc3\xa9".to_vec(), false),
            ("Accept-Language", b"\x01".to_vec(), false),
            ("Accept-Language", b"\x7f".to_vec(), false),
            ("Accept-Language", long("", b'z', 128), true),
            ("Accept-Language", long("", b'z', 129), false),
            ("Content-Language", b"en, de".to_vec(), true),
            ("CONTENT-LANGUAGE", b"zh-Hant".to_vec(), true),
            ("Content-Language", b"en!".to_vec(), false),
            ("Content-Language", b"\xff".to_vec(), false),
            ("Content-Language", b"\x01".to_vec(), false),
            ("Content-Language", b"\x7f".to_vec(), false),
            ("Content-Language", long("", b'9', 128), true),
            ("Content-Language", long("", b'9', 129), false),
            // Content-Type: no unsafe byte, parses, one of three essences.
            ("Content-Type", b"text/plain".to_vec(), true),
            ("content-type", b"TEXT/PLAIN".to_vec(), true),
            ("Content-Type", b"text/plain;charset=UTF-8".to_vec(), true),
            ("Content-Type", b"text/plain; charset=\"x\"".to_vec(), false),
            ("Content-Type", b"text/plain; charset=x".to_vec(), true),
            ("Content-Type", b"text/plain;a=b;a=c;a".to_vec(), true),
            ("Content-Type", b"text/plain;".to_vec(), true),
            ("Content-Type", b"text/plain ;charset=x".to_vec(), true),
            ("Content-Type", b"text/plain\t".to_vec(), true),
            ("Content-Type", b" text/plain".to_vec(), true),
            ("Content-Type", b"application/json".to_vec(), false),
            (
                "Content-Type",
                b"text/plain, application/json".to_vec(),
                false,
            ),
            (
                "Content-Type",
                b"application/json, text/plain".to_vec(),
                false,
            ),
            (
                "Content-Type",
                b"multipart/form-data; boundary=x".to_vec(),
                true,
            ),
            ("Content-Type", b"Multipart/Form-Data".to_vec(), true),
            (
                "Content-Type",
                b"application/x-www-form-urlencoded".to_vec(),
                true,
            ),
            (
                "Content-Type",
                b"application/x-www-form-urlencoded;charset=utf-8".to_vec(),
                true,
            ),
            ("Content-Type", b"text/html".to_vec(), false),
            ("Content-Type", b"text/*".to_vec(), false),
            ("Content-Type", b"text/plain/x".to_vec(), false),
            ("Content-Type", b"text /plain".to_vec(), false),
            ("Content-Type", b"text/".to_vec(), false),
            ("Content-Type", b"text".to_vec(), false),
            ("Content-Type", b"".to_vec(), false),
            ("Content-Type", b"text/plain(".to_vec(), false),
            ("Content-Type", b"text/plain;x=\\".to_vec(), false),
            ("Content-Type", b"text/plain\x01".to_vec(), false),
            ("Content-Type", b"text/plain\x7f".to_vec(), false),
            ("Content-Type", b"text/plain;x=\x80\xff".to_vec(), true),
            ("Content-Type", b"text/pl\xe4in".to_vec(), false),
            ("Content-Type", b"\xfftext/plain".to_vec(), false),
            ("Content-Type", long("text/plain;x=", b'y', 128), true),
            ("Content-Type", long("text/plain;x=", b'y', 129), false),
            // Range: a single range with a start.
            ("Range", b"bytes=0-".to_vec(), true),
            ("range", b"bytes=0-1".to_vec(), true),
            ("RANGE", b"bytes=1-99999999999999999999".to_vec(), true),
            ("Range", b"bytes=-500".to_vec(), false),
            ("Range", b"bytes=5-1".to_vec(), false),
            ("Range", b"bytes = 0-1".to_vec(), false),
            ("Range", b"bytes=0-1,2-3".to_vec(), false),
            ("Range", b"Bytes=0-1".to_vec(), false),
            ("Range", b"bytes=-".to_vec(), false),
            ("Range", b"bytes=\x01-1".to_vec(), false),
            ("Range", b"bytes=0-\x7f".to_vec(), false),
            ("Range", b"bytes=0-1\xff".to_vec(), false),
            ("Range", long("bytes=0-", b'1', 128), true),
            ("Range", long("bytes=0-", b'1', 129), false),
            // Any other name.
            ("X-Custom", b"a".to_vec(), false),
            ("Authorization", b"Basic x".to_vec(), false),
            ("Content-Length", b"1".to_vec(), false),
            ("DPR", b"2".to_vec(), false),
            ("Save-Data", b"on".to_vec(), false),
            ("Accept ", b"*/*".to_vec(), false),
            ("", b"".to_vec(), false),
        ];
        assert!(cases.len() >= 60);
        for (name, value, expected) in &cases {
            assert_eq!(
                is_cors_safelisted_request_header(name.as_bytes(), value),
                *expected,
                "{name}: {:?}",
                value.escape_ascii().to_string()
            );
        }
    }

    #[test]
    fn every_byte_against_each_rule() {
        let unsafe_bytes = b"\"():<>?@[\\]{}\x7f";
        for b in 0..=u8::MAX {
            let expected_unsafe = (b < 0x20 && b != b'\t') || unsafe_bytes.contains(&b);
            assert_eq!(
                is_cors_unsafe_request_header_byte(b),
                expected_unsafe,
                "{b:#x}"
            );
            assert_eq!(
                is_cors_safelisted_request_header(b"Accept", &[b]),
                !expected_unsafe
            );
            let content_type = [&b"text/plain;a="[..], &[b]].concat();
            assert_eq!(
                is_cors_safelisted_request_header(b"Content-Type", &content_type),
                !expected_unsafe,
                "{b:#x}"
            );
            let language = b.is_ascii_alphanumeric() || b" *,-.;=".contains(&b);
            assert_eq!(
                is_cors_safelisted_request_header(b"Content-Language", &[b]),
                language
            );
            assert_eq!(
                is_cors_safelisted_request_header(b"Accept-Language", &[b, b]),
                language
            );
        }
    }

    fn unsafe_names(headers: &[(&str, &[u8])]) -> Vec<String> {
        cors_unsafe_request_header_names(headers.iter().map(|(n, v)| (n.as_bytes(), *v)))
    }

    #[test]
    fn unsafe_names_are_a_sorted_lowercase_set() {
        assert!(unsafe_names(&[]).is_empty());
        assert_eq!(
            unsafe_names(&[
                ("X-B", b"1"),
                ("x-a", b"2"),
                ("X-A", b"3"),
                ("Accept", b"text/html"),
                ("Content-Type", b"application/json"),
                ("accept", b"\""),
                ("X-B", b"4"),
            ]),
            ["accept", "content-type", "x-a", "x-b"]
        );
        // Sorted by byte: `-` (0x2D) sorts before letters, uppercase input is lowercased first.
        assert_eq!(
            unsafe_names(&[
                ("X-Ab", b""),
                ("X-A-B", b""),
                ("XA", b""),
                ("Range", b"bytes=-1")
            ]),
            ["range", "x-a-b", "x-ab", "xa"]
        );
    }

    #[test]
    fn safelisted_values_over_1024_bytes_all_become_unsafe() {
        let v128 = |prefix: &str, fill: u8| repeat(prefix, fill, 128);
        let accept = v128("", b'a');
        let language = v128("", b'e');
        let content_type = v128("text/plain;x=", b'y');
        let range = v128("bytes=0-", b'1');
        // 8 × 128 = 1024: still safe.
        let at_limit: Vec<(&str, &[u8])> = vec![
            ("Accept", &accept),
            ("Accept", &accept),
            ("Accept-Language", &language),
            ("Accept-Language", &language),
            ("Content-Language", &language),
            ("Content-Language", &language),
            ("Content-Type", &content_type),
            ("Range", &range),
            ("X-Big", &[b'z'; 1000]),
        ];
        assert_eq!(unsafe_names(&at_limit), ["x-big"]);
        // One more byte of safelisted value: 1025.
        let mut over = at_limit.clone();
        over.push(("ACCEPT", b"*"));
        assert_eq!(
            unsafe_names(&over),
            [
                "accept",
                "accept-language",
                "content-language",
                "content-type",
                "range",
                "x-big"
            ]
        );
        // A header that is not safelisted does not count towards the 1024 bytes.
        let mut unsafe_extra = at_limit.clone();
        unsafe_extra.push(("Accept", b"\"\""));
        assert_eq!(unsafe_names(&unsafe_extra), ["accept", "x-big"]);
    }

    #[test]
    fn forbidden_request_headers() {
        let listed = [
            "Accept-Charset",
            "Accept-Encoding",
            "Access-Control-Request-Headers",
            "Access-Control-Request-Method",
            "Connection",
            "Content-Length",
            "Cookie",
            "Cookie2",
            "Date",
            "DNT",
            "Expect",
            "Host",
            "Keep-Alive",
            "Origin",
            "Referer",
            "Set-Cookie",
            "TE",
            "Trailer",
            "Transfer-Encoding",
            "Upgrade",
            "Via",
        ];
        for name in listed {
            // Odd case: alternate upper and lower.
            let odd: Vec<u8> = name
                .bytes()
                .enumerate()
                .map(|(i, b)| {
                    if i % 2 == 0 {
                        b.to_ascii_lowercase()
                    } else {
                        b.to_ascii_uppercase()
                    }
                })
                .collect();
            assert!(is_forbidden_request_header(&odd, b"x"), "{name}");
            assert!(is_forbidden_request_header(name.as_bytes(), b""), "{name}");
        }
        let cases: &[(&str, &[u8], bool)] = &[
            ("Sec-Foo", b"1", true),
            ("SEC-", b"", true),
            ("sec-fetch-mode", b"cors", true),
            ("Proxy-Authorization", b"Basic x", true),
            ("pRoXy-", b"", true),
            ("Proxy", b"", false),
            ("Secret", b"", false),
            ("Sec", b"", false),
            ("X-HTTP-Method-Override", b"trace", true),
            ("X-HTTP-Method-Override", b"GET, CONNECT", true),
            ("x-http-method", b" track ", true),
            ("X-Method-Override", b"GET,,TrAcK", true),
            ("X-Method-Override", b"\"trace\"", false),
            ("X-Method-Override", b"\"a,b\", connect", true),
            ("X-HTTP-Method-Override", b"GET", false),
            ("X-HTTP-Method-Override", b"TRACEX", false),
            ("X-HTTP-Method-Override", b"trace;x", false),
            ("X-HTTP-Method-Override", b"\xff, put", false),
            ("X-HTTP-Method-Overrides", b"trace", false),
            ("User-Agent", b"x", false),
            ("Set-Cookie2", b"x", false),
            ("Authorization", b"x", false),
            ("Accept", b"*/*", false),
        ];
        for (name, value, expected) in cases {
            assert_eq!(
                is_forbidden_request_header(name.as_bytes(), value),
                *expected,
                "{name}: {value:?}"
            );
        }
        // Names longer than any listed one are past the lengths the list keeps.
        let long = "x".repeat(100);
        assert!(!is_forbidden_request_header(long.as_bytes(), b"trace"));
        assert!(is_forbidden_request_header(
            format!("sec-{long}").as_bytes(),
            b""
        ));
        assert!(is_forbidden_request_header(
            format!("Proxy-{long}").as_bytes(),
            b""
        ));
    }

    #[test]
    fn response_header_names() {
        for name in ["Set-Cookie", "set-cookie2", "SET-COOKIE"] {
            assert!(is_forbidden_response_header_name(name.as_bytes()));
        }
        for name in ["Set-Cookie3", "Cookie", "Set-Cookie "] {
            assert!(!is_forbidden_response_header_name(name.as_bytes()));
        }
        for name in [
            "Cache-Control",
            "content-language",
            "CONTENT-LENGTH",
            "Content-Type",
            "Expires",
            "Last-Modified",
            "Pragma",
        ] {
            assert!(is_cors_safelisted_response_header_name(
                name.as_bytes(),
                &[]
            ));
        }
        assert!(!is_cors_safelisted_response_header_name(b"X-Foo", &[]));
        assert!(is_cors_safelisted_response_header_name(
            b"X-Foo",
            &[b"x-foo"]
        ));
        assert!(is_cors_safelisted_response_header_name(
            b"x-foo",
            &[b"X-Bar", b"X-FOO"]
        ));
        assert!(!is_cors_safelisted_response_header_name(b"X-Foo", &[b"*"]));
        assert!(!is_cors_safelisted_response_header_name(
            b"Set-Cookie",
            &[b"Set-Cookie"]
        ));
        assert!(!is_cors_safelisted_response_header_name(
            b"set-cookie2",
            &[b"SET-COOKIE2"]
        ));
        assert!(!is_cors_safelisted_response_header_name(
            b"Content-Encoding",
            &[]
        ));
    }

    #[test]
    fn single_name_lists() {
        assert!(is_cors_non_wildcard_request_header_name(b"AUTHORIZATION"));
        assert!(!is_cors_non_wildcard_request_header_name(
            b"Proxy-Authorization"
        ));
        assert!(is_privileged_no_cors_request_header_name(b"rAnGe"));
        assert!(!is_privileged_no_cors_request_header_name(b"Content-Range"));
        for name in [
            "Content-Encoding",
            "content-language",
            "Content-Location",
            "CONTENT-TYPE",
        ] {
            assert!(is_request_body_header_name(name.as_bytes()), "{name}");
        }
        assert!(!is_request_body_header_name(b"Content-Length"));
    }

    #[test]
    fn no_cors_safelist() {
        for name in [
            "Accept",
            "accept-language",
            "Content-Language",
            "CONTENT-TYPE",
        ] {
            assert!(
                is_no_cors_safelisted_request_header_name(name.as_bytes()),
                "{name}"
            );
        }
        assert!(!is_no_cors_safelisted_request_header_name(b"Range"));
        assert!(is_no_cors_safelisted_request_header(b"Accept", b"*/*"));
        assert!(is_no_cors_safelisted_request_header(
            b"Content-Type",
            b"text/plain"
        ));
        assert!(!is_no_cors_safelisted_request_header(
            b"Content-Type",
            b"application/json"
        ));
        assert!(!is_no_cors_safelisted_request_header(
            b"Accept-Language",
            b"en_US"
        ));
        // Range is CORS-safelisted but never no-CORS-safelisted.
        assert!(is_cors_safelisted_request_header(b"Range", b"bytes=0-"));
        assert!(!is_no_cors_safelisted_request_header(b"Range", b"bytes=0-"));
    }
}
