//! The invariants every input must keep, stated against the crate's public API with oracles
//! written from the Fetch standard's text. The fuzz targets (`fuzz/`) feed these checks with
//! libFuzzer's inputs, and the crate's property tests (`tests/properties.rs`) with proptest's, so
//! both hold the library to the same rules. Each check panics on a violation.

use super::scenario::{Scenario, Server, Step, StepResult, document_at};
use crate::cache::{CacheRequest, PreflightCache, max_age};
use crate::cors_check::cors_check;
use crate::error::NetworkError;
use crate::fetch::{Browser, Exchange, Reply};
use crate::header::{Extracted, HeaderList, decode_and_split};
use crate::header::{extract_single, extract_token_list};
use crate::method::is_cors_safelisted_method;
use crate::origin::Origin;
use crate::profile::{CachePolicy, CachedMethods, Engine, Profile, RepeatedHeaders};
use crate::request::{CredentialsMode, Mode, OutgoingRequest, Request, RequestInit};
use crate::response::{FilteredResponse, ResponseType};
use crate::safelist;
use crate::time::Time;
use http::HeaderName;
use http::header::{
    ACCEPT, ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD,
    CONTENT_LENGTH, ORIGIN,
};
use std::time::Duration;
use url::{Host, Url};

/// The four profiles.
fn profiles() -> [Profile; 4] {
    [
        Profile::spec(),
        Profile::chromium(),
        Profile::firefox(),
        Profile::webkit(),
    ]
}

/// RFC 9110 `tchar`.
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn trim_tabs_and_spaces(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != b' ' && b != b'\t');
    let end = bytes.iter().rposition(|&b| b != b' ' && b != b'\t');
    match (start, end) {
        (Some(start), Some(end)) => &bytes[start..=end],
        _ => &[],
    }
}

// Origins.

/// Fetch `serialized-domain`: dot-separated labels of lowercase letters, digits and inner
/// hyphens.
fn fits_serialized_domain(domain: &str) -> bool {
    domain.split('.').all(|label| {
        let bytes = label.as_bytes();
        let lower_alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
        !bytes.is_empty()
            && bytes.first().is_some_and(lower_alnum)
            && bytes.last().is_some_and(lower_alnum)
            && bytes.iter().all(|b| lower_alnum(b) || *b == b'-')
    })
}

/// Origin parsing and serialization, for bytes that may be an `Origin` header value, a URL, or
/// two URLs separated by a line feed:
///
/// - a value `Origin::parse` accepts is `null` (an opaque origin) or exactly the ASCII
///   serialization of the origin it gives, which parses back to the same origin;
/// - the origin of a URL serializes to text that parses back to the same origin, unless its
///   host is a domain outside the `serialized-domain` grammar;
/// - `is_same_origin_with_url` (the fast path) agrees with `is_same_origin` of the URL's origin.
pub fn check_origin_text(bytes: &[u8]) {
    if let Ok(origin) = Origin::parse(bytes) {
        if bytes == b"null" {
            assert!(origin.is_opaque());
        } else {
            let serialization = origin.ascii_serialization();
            assert_eq!(serialization.as_bytes(), bytes, "parse gave another origin");
            let again = Origin::parse(serialization.as_bytes()).expect("a serialization parses");
            assert_eq!(again, origin, "{serialization}");
        }
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let (first, second) = text.split_once('\n').unwrap_or((text, text));
    let Ok(url) = Url::parse(first) else {
        return;
    };
    let origin = Origin::of_url(&url);
    let serialization = origin.ascii_serialization();
    let unicode = origin.unicode_serialization();
    match &origin {
        Origin::Opaque(_) => {
            assert_eq!(serialization, "null");
            assert_eq!(unicode, "null");
            assert!(!origin.is_same_origin_with_url(&url), "a new opaque origin");
        }
        Origin::Tuple(tuple) => {
            assert!(origin.is_same_origin_with_url(&url), "{url}");
            match Origin::parse(serialization.as_bytes()) {
                Ok(parsed) => {
                    assert!(parsed.is_same_origin(&origin), "{url}: {serialization}");
                    assert_eq!(parsed.ascii_serialization(), serialization);
                }
                Err(_) => assert!(
                    matches!(tuple.host(), Host::Domain(d) if !fits_serialized_domain(d)),
                    "{url}: {serialization} fits the serialized-origin grammar but does not parse"
                ),
            }
            if !matches!(tuple.host(), Host::Domain(_)) {
                assert_eq!(unicode, serialization);
            }
        }
    }
    if let Ok(other) = Url::parse(second) {
        assert_eq!(
            origin.is_same_origin_with_url(&other),
            origin.is_same_origin(&Origin::of_url(&other)),
            "{url} and {other}"
        );
    }
}

// Response header values.

/// The CORS response headers the header checks read, by index (fuzz inputs pick one by number).
pub const RESPONSE_HEADER_NAMES: [&str; 9] = [
    "access-control-allow-origin",
    "access-control-allow-credentials",
    "access-control-allow-methods",
    "access-control-allow-headers",
    "access-control-expose-headers",
    "access-control-max-age",
    "origin",
    "content-type",
    "location",
];

/// Fetch "extract header list values" for a `#token` header, computed directly from the
/// standard: null when absent, failure when a non-empty element is not a token.
fn expected_token_list<'a>(values: &[&'a [u8]]) -> Extracted<Vec<&'a [u8]>> {
    if values.is_empty() {
        return Extracted::Null;
    }
    let mut tokens = Vec::new();
    for element in values.iter().flat_map(|v| v.split(|&b| b == b',')) {
        let element = trim_tabs_and_spaces(element);
        if element.is_empty() {
            continue;
        }
        if !element.iter().all(|&b| is_tchar(b)) {
            return Extracted::Failure;
        }
        tokens.push(element);
    }
    Extracted::Values(tokens)
}

/// The reading of a header list a browser makes of a response, for every header name in
/// [`RESPONSE_HEADER_NAMES`]:
///
/// - "get" joins values with `, `; "get, decode, and split" gives one item more than there are
///   commas outside quoted strings, each trimmed (and plain comma splitting without quotes);
/// - "extract header list values" for token lists and single headers matches the standard;
/// - `Access-Control-Max-Age` gives 5 s when absent, the value under the standard's parsing, and
///   the same number under every engine when it is one plain number;
/// - the CORS check accepts exactly `*` or the origin without credentials, and exactly the
///   origin with `Access-Control-Allow-Credentials: true` with them (so never `*`);
/// - `Origin` values obey [`check_origin_text`].
pub fn check_response_headers(list: &HeaderList) {
    for name in RESPONSE_HEADER_NAMES {
        let name = HeaderName::from_static(name);
        let values: Vec<&[u8]> = list.values(&name).collect();
        let joined = values.join(&b", "[..]);
        assert_eq!(
            list.get(&name).map(|v| v.into_owned()),
            (!values.is_empty()).then_some(joined.clone())
        );
        if let Some(items) = list.get_decode_split(&name) {
            let quoted = joined.contains(&b'"');
            let mut commas = 0;
            let mut in_quotes = false;
            let mut escaped = false;
            for &b in &joined {
                match b {
                    _ if escaped => escaped = false,
                    b'\\' if in_quotes => escaped = true,
                    b'"' => in_quotes = !in_quotes,
                    b',' if !in_quotes => commas += 1,
                    _ => {}
                }
            }
            assert_eq!(
                items.len(),
                commas + 1,
                "{:?}",
                joined.escape_ascii().to_string()
            );
            for item in &items {
                assert_eq!(item.trim_matches([' ', '\t']), item);
            }
            if !quoted {
                let plain = decode_and_split(&joined);
                let expected: Vec<String> = joined
                    .split(|&b| b == b',')
                    .map(|item| {
                        trim_tabs_and_spaces(item)
                            .iter()
                            .map(|&b| char::from(b))
                            .collect()
                    })
                    .collect();
                assert_eq!(plain, expected);
            }
        }
        assert_eq!(
            extract_token_list(list, &name),
            expected_token_list(&values)
        );
        let single = match values.as_slice() {
            [] => Extracted::Null,
            [one] => Extracted::Values(*one),
            _ => Extracted::Failure,
        };
        assert_eq!(extract_single(list, &name), single);
    }
    check_max_age(list);
    check_cors_check(list);
    for value in list.values(&ORIGIN) {
        check_origin_text(value);
    }
}

fn check_max_age(list: &HeaderList) {
    let values: Vec<&[u8]> = list.values(&http::header::ACCESS_CONTROL_MAX_AGE).collect();
    let ages = profiles().map(|profile| max_age(list, &profile.cache));
    let five = Some(Duration::from_secs(5));
    if values.is_empty() {
        assert_eq!(ages, [five; 4]);
    }
    let digits = |v: &[u8]| !v.is_empty() && v.iter().all(u8::is_ascii_digit);
    match values.as_slice() {
        [one] if digits(one) => {
            let seconds = one.iter().fold(0u64, |n, &d| {
                n.saturating_mul(10).saturating_add(u64::from(d - b'0'))
            });
            // RFC 9111 §1.2.2: a delta-seconds past what the cache represents (here, one that
            // saturates a u64) is taken as 2^31.
            let spec = if seconds == u64::MAX {
                1 << 31
            } else {
                seconds
            };
            assert_eq!(ages[0], Some(Duration::from_secs(spec)));
            if one.len() <= 18 {
                let age = Some(Duration::from_secs(seconds));
                // Firefox caches nothing for a max-age of 0.
                let firefox = age.filter(|_| seconds > 0);
                assert_eq!(ages, [age, age, firefox, age], "{one:?}");
            }
        }
        _ => assert_eq!(ages[0], five, "the standard's default"),
    }
}

fn check_cors_check(list: &HeaderList) {
    let allow_origin = list.get(&ACCESS_CONTROL_ALLOW_ORIGIN);
    let allow_credentials = list.get(&ACCESS_CONTROL_ALLOW_CREDENTIALS);
    let mut origins = vec!["http://page.example".to_owned(), "null".to_owned()];
    if let Some(value) = allow_origin
        .as_deref()
        .and_then(|v| std::str::from_utf8(v).ok())
    {
        origins.push(value.to_owned());
    }
    for origin in &origins {
        let matches = allow_origin.as_deref() == Some(origin.as_bytes());
        let star = allow_origin.as_deref() == Some(&b"*"[..]);
        for credentials in [CredentialsMode::Omit, CredentialsMode::SameOrigin] {
            assert_eq!(
                cors_check(list, origin, credentials).is_ok(),
                matches || star
            );
        }
        let with_credentials = cors_check(list, origin, CredentialsMode::Include).is_ok();
        assert_eq!(
            with_credentials,
            matches && allow_credentials.as_deref() == Some(&b"true"[..]),
            "{origin}: {list:?}"
        );
    }
}

// Request headers.

/// Fetch "CORS-safelisted request-header" read straight off the standard, except for
/// `Content-Type`, whose MIME parsing it leaves to the library: `None` means "ask the library".
fn expected_safelisted(name: &[u8], value: &[u8]) -> Option<bool> {
    if value.len() > 128 {
        return Some(false);
    }
    let unsafe_byte = value
        .iter()
        .any(|&b| (b < 0x20 && b != b'\t') || b"\"():<>?@[\\]{}\x7f".contains(&b));
    let name = name.to_ascii_lowercase();
    match name.as_slice() {
        b"accept" => Some(!unsafe_byte),
        b"accept-language" | b"content-language" => Some(
            value
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || b" *,-.;=".contains(&b)),
        ),
        b"content-type" if unsafe_byte => Some(false),
        b"content-type" => None,
        b"range" => {
            let Some(rest) = value.strip_prefix(b"bytes=") else {
                return Some(false);
            };
            let Some(dash) = rest.iter().position(|&b| b == b'-') else {
                return Some(false);
            };
            let (start, end) = (&rest[..dash], &rest[dash + 1..]);
            let is_number = |n: &[u8]| !n.is_empty() && n.iter().all(u8::is_ascii_digit);
            if !is_number(start) || !(end.is_empty() || is_number(end)) {
                return Some(false);
            }
            let significant = |n: &[u8]| {
                let zeros = n.iter().take_while(|&&b| b == b'0').count();
                n[zeros.min(n.len().saturating_sub(1))..].to_vec()
            };
            let (start, end) = (significant(start), significant(end));
            Some(end.is_empty() || (start.len(), &start) <= (end.len(), &end))
        }
        _ => Some(false),
    }
}

/// The CORS-safelisted request-header test and the header-list rules built on it:
///
/// - each answer matches the standard's rule (for `Content-Type`: a safelisted value has no
///   CORS-unsafe byte and one of the three essences) and ignores the name's letter case;
/// - no-CORS-safelisted implies CORS-safelisted, and forbidden ignores the name's letter case;
/// - the CORS-unsafe request-header names are the unsafe headers' names, or every name once the
///   safelisted values pass 1024 bytes, lowercased, sorted and without duplicates;
/// - the `Request` constructor keeps no forbidden header, and under `no-cors` only
///   no-CORS-safelisted ones.
pub fn check_request_headers(headers: &[(Vec<u8>, Vec<u8>)]) {
    let mut safelisted_size = 0;
    let mut unsafe_names = Vec::new();
    for (name, value) in headers {
        let safelisted = safelist::is_cors_safelisted_request_header(name, value);
        let show = || format!("{}: {}", name.escape_ascii(), value.escape_ascii());
        for other in [name.to_ascii_uppercase(), name.to_ascii_lowercase()] {
            assert_eq!(
                safelist::is_cors_safelisted_request_header(&other, value),
                safelisted,
                "{}",
                show()
            );
            assert_eq!(
                safelist::is_forbidden_request_header(&other, value),
                safelist::is_forbidden_request_header(name, value),
            );
        }
        match expected_safelisted(name, value) {
            Some(expected) => assert_eq!(safelisted, expected, "{}", show()),
            None if safelisted => {
                let essence = value.split(|&b| b == b';').next().unwrap_or_default();
                let essence = essence.trim_ascii().to_ascii_lowercase();
                assert!(
                    [
                        &b"application/x-www-form-urlencoded"[..],
                        b"multipart/form-data",
                        b"text/plain"
                    ]
                    .contains(&essence.as_slice()),
                    "{}",
                    show()
                );
            }
            None => {}
        }
        if safelist::is_no_cors_safelisted_request_header(name, value) {
            assert!(safelisted, "{}", show());
        }
        if safelisted {
            safelisted_size += value.len();
        } else {
            unsafe_names.push(name.to_ascii_lowercase());
        }
    }
    if safelisted_size > 1024 {
        unsafe_names = headers
            .iter()
            .map(|(n, _)| n.to_ascii_lowercase())
            .collect();
    }
    unsafe_names.sort();
    unsafe_names.dedup();
    let expected: Vec<String> = unsafe_names
        .iter()
        .map(|n| n.iter().map(|&b| char::from(b)).collect())
        .collect();
    let got = safelist::cors_unsafe_request_header_names(
        headers.iter().map(|(n, v)| (n.as_slice(), v.as_slice())),
    );
    assert_eq!(got, expected);

    let base = Url::parse("http://page.example/").expect("a URL");
    for mode in [Mode::Cors, Mode::NoCors] {
        let mut init = RequestInit::new("http://api.example/").mode(mode);
        init.headers = headers.to_vec();
        let Ok(request) = Request::new(init, Some(&base)) else {
            continue;
        };
        for (name, value) in request.headers().iter() {
            let (name, value) = (name.as_str().as_bytes(), value.as_bytes());
            assert!(!safelist::is_forbidden_request_header(name, value));
            if mode == Mode::NoCors {
                assert!(safelist::is_no_cors_safelisted_request_header_name(name));
                assert!(!safelist::is_privileged_no_cors_request_header_name(name));
            }
        }
    }
}

// The CORS-preflight cache.

/// One call on a [`PreflightCache`]: `key` picks the partition, origin, URL and credentials of
/// the request from a few of each, `item` a method or header name from a few (`*` and
/// `Authorization` among them), `at` is added to the time of the previous call, and `max_age`
/// is the lifetime stored.
#[derive(Debug, Clone)]
#[allow(
    missing_docs,
    reason = "the fields are described above, once for every variant"
)]
pub enum CacheOp {
    /// `store_method`.
    StoreMethod {
        key: u8,
        item: u8,
        max_age: Duration,
        at: Duration,
    },
    /// `store_header_name`.
    StoreHeaderName {
        key: u8,
        item: u8,
        max_age: Duration,
        at: Duration,
    },
    /// `method_match`.
    MethodMatch { key: u8, item: u8, at: Duration },
    /// `header_name_match`.
    HeaderNameMatch { key: u8, item: u8, at: Duration },
    /// `clear_entries`.
    ClearEntries { key: u8 },
    /// `clear`.
    Clear,
}

const METHODS: [&[u8]; 4] = [b"PUT", b"put", b"PATCH", b"*"];
const NAMES: [&[u8]; 5] = [b"x-a", b"X-A", b"x-b", b"authorization", b"*"];

/// The method (`method`) or header name an op's `item` picks.
fn cache_item(method: bool, item: u8) -> &'static [u8] {
    let items: &[&'static [u8]] = if method { &METHODS } else { &NAMES };
    items[usize::from(item) % items.len()]
}

/// The standard's cache policy holding at most `capacity` entries (`None`: no bound), with the
/// matching rules of four bits: whether credentialed entries serve every request, whether `*`
/// entries are reused, whether `*` covers `Authorization`, whether credentialed `*` entries are
/// wildcards.
pub fn cache_policy(capacity: Option<usize>, bits: u8) -> CachePolicy {
    CachePolicy {
        capacity,
        credentialed_entries_serve_all: bits & 1 != 0,
        wildcard_entries_reused: bits & 2 != 0,
        wildcard_covers_authorization: bits & 4 != 0,
        credentialed_wildcards_match: bits & 8 != 0,
        ..CachePolicy::SPEC
    }
}

/// The request a key stands for: two partitions, two origins (one `null`), two URLs, and
/// credentials or not.
fn cache_request(key: u8) -> CacheRequest<'static> {
    CacheRequest {
        partition: ["http://page.example", "http://other.example"][usize::from(key & 1)],
        origin: ["http://page.example", "null"][usize::from(key >> 1 & 1)],
        url: ["http://api.example/a", "http://api.example/b"][usize::from(key >> 2 & 1)],
        include_credentials: key >> 3 & 1 == 1,
    }
}

/// The standard's CORS-preflight cache, as a plain list: one entry per stored item, alive until
/// its expiry, matched by the rules.
struct ModelCache {
    rules: CachePolicy,
    entries: Vec<ModelEntry>,
}

struct ModelEntry {
    key: u8,
    method: bool,
    item: Vec<u8>,
    expiry: Time,
}

impl ModelCache {
    /// Fetch "cache entry match": same partition, origin and URL, and credentials true (when
    /// credentialed entries serve every request) or equal to the request's.
    fn entry_matches(&self, entry: &ModelEntry, key: u8, now: Time) -> bool {
        let (stored, request) = (cache_request(entry.key), cache_request(key));
        entry.expiry > now
            && stored.partition == request.partition
            && stored.origin == request.origin
            && stored.url == request.url
            && (stored.include_credentials == request.include_credentials
                || (stored.include_credentials && self.rules.credentialed_entries_serve_all))
    }

    /// Fetch "method cache entry match" and "header-name cache entry match", with `*` counting
    /// only for requests without credentials (the library's documented reading) and as the
    /// rules say.
    fn find(&self, key: u8, method: bool, item: &[u8], now: Time) -> Vec<usize> {
        let rules = self.rules;
        let star_applies = !cache_request(key).include_credentials
            && rules.wildcard_entries_reused
            && (method
                || rules.wildcard_covers_authorization
                || !item.eq_ignore_ascii_case(b"authorization"));
        (0..self.entries.len())
            .filter(|&i| {
                let entry = &self.entries[i];
                let same_item = if method {
                    entry.item == item
                } else {
                    entry.item.eq_ignore_ascii_case(item)
                };
                let star = star_applies
                    && entry.item == b"*"
                    && (!cache_request(entry.key).include_credentials
                        || rules.credentialed_wildcards_match);
                entry.method == method && self.entry_matches(entry, key, now) && (same_item || star)
            })
            .collect()
    }

    /// "CORS-preflight fetch" steps 7.10-7.13: set the max-age of every matching entry, or
    /// create one.
    fn store(&mut self, key: u8, method: bool, item: &[u8], expiry: Time, now: Time) {
        let found = self.find(key, method, item, now);
        for &i in &found {
            self.entries[i].expiry = expiry;
        }
        if found.is_empty() {
            let item = if method {
                item.to_vec()
            } else {
                item.to_ascii_lowercase()
            };
            self.entries.push(ModelEntry {
                key,
                method,
                item,
                expiry,
            });
        }
    }
}

/// A [`PreflightCache`] of `policy` (its capacity and matching rules) against the standard's
/// cache, call by call: a match the cache reports is one the standard has (no entry is used past
/// its expiry), the cache never holds more than its capacity, and an unbounded cache answers
/// exactly as the standard does.
pub fn check_cache_ops(policy: CachePolicy, ops: &[CacheOp]) {
    let capacity = policy.capacity;
    let mut cache = PreflightCache::new(policy);
    let mut model = ModelCache {
        rules: policy,
        entries: Vec::new(),
    };
    let mut now = Time::ZERO;
    for op in ops {
        match *op {
            CacheOp::StoreMethod {
                key,
                item,
                max_age,
                at,
            }
            | CacheOp::StoreHeaderName {
                key,
                item,
                max_age,
                at,
            } => {
                now = now.saturating_add(at);
                let method = matches!(op, CacheOp::StoreMethod { .. });
                let item = cache_item(method, item);
                let request = cache_request(key);
                if method {
                    cache.store_method(&request, item, max_age, now);
                } else {
                    cache.store_header_name(&request, item, max_age, now);
                }
                model.store(key, method, item, now.saturating_add(max_age), now);
            }
            CacheOp::MethodMatch { key, item, at } | CacheOp::HeaderNameMatch { key, item, at } => {
                now = now.saturating_add(at);
                let method = matches!(op, CacheOp::MethodMatch { .. });
                let item = cache_item(method, item);
                let request = cache_request(key);
                let got = if method {
                    cache.method_match(&request, item, now)
                } else {
                    cache.header_name_match(&request, item, now)
                };
                let expected = !model.find(key, method, item, now).is_empty();
                check_match(got, expected, capacity, op);
            }
            CacheOp::ClearEntries { key } => {
                let request = cache_request(key);
                cache.clear_entries(&request);
                model.entries.retain(|entry| {
                    let stored = cache_request(entry.key);
                    (stored.partition, stored.origin, stored.url)
                        != (request.partition, request.origin, request.url)
                });
            }
            CacheOp::Clear => {
                cache.clear();
                model.entries.clear();
            }
        }
        assert!(capacity.is_none_or(|capacity| cache.len() <= capacity));
        if capacity.is_none() {
            let alive = model.entries.iter().filter(|e| e.expiry > now).count();
            assert!(cache.len() >= alive, "{op:?}");
        }
    }
}

fn check_match(got: bool, expected: bool, capacity: Option<usize>, op: &CacheOp) {
    if got {
        assert!(
            expected,
            "{op:?}: the cache used an entry the standard has not (or no longer)"
        );
    } else if capacity.is_none() {
        assert!(!expected, "{op:?}: an unbounded cache lost an entry");
    }
}

// Whole scenarios.

/// Header names and values as script passes them.
type RawHeaders = Vec<(Vec<u8>, Vec<u8>)>;

/// The request as `fetch()` by a document of `origin` hands it to "main fetch": the `Request`
/// constructor's result, with `Accept: */*` when script set no `Accept` (Fetch "fetch" appends
/// it before the CORS steps, so it counts towards the 1024 bytes of safelisted values).
fn request_of(origin: &Origin, init: &RequestInit) -> Option<(Request, RawHeaders)> {
    let request = Request::new(init.clone(), document_at(origin).url()).ok()?;
    let mut headers: RawHeaders = request
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().as_bytes().to_vec(), v.as_bytes().to_vec()))
        .collect();
    if !request.headers().contains(&ACCEPT) {
        headers.push((b"accept".to_vec(), b"*/*".to_vec()));
    }
    Some((request, headers))
}

/// Whether a request is simple: a CORS-safelisted method, no CORS-unsafe request-header name and
/// no use-CORS-preflight flag (Fetch "main fetch" step 12's condition for a CORS request
/// without preflight). Under a profile whose upload listeners need a body, the flag does not
/// count for `GET` and `HEAD`; the total-size rule for safelisted values is the profile's, and
/// so is the reading of a repeated name (judged per header, or as one joined value) and of the
/// `Range` unit's case.
fn is_simple(
    profile: &Profile,
    request: &Request,
    headers: &[(Vec<u8>, Vec<u8>)],
    flag: bool,
) -> bool {
    let method = request.method().as_str().as_bytes();
    let bodiless = matches!(method, b"GET" | b"HEAD");
    let flag = flag && !(profile.preflight.upload_needs_body && bodiless);
    let mut judged: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    for (name, value) in headers {
        let joined = judged
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .filter(|_| profile.request_headers.repeated_headers == RepeatedHeaders::Combined);
        match joined {
            Some((_, joined)) => {
                joined.extend_from_slice(b", ");
                joined.extend_from_slice(value);
            }
            None => judged.push((name.clone(), value.clone())),
        }
    }
    if profile.request_headers.range_unit_case_insensitive {
        for (name, value) in &mut judged {
            if name.eq_ignore_ascii_case(b"range") && value.len() >= 5 {
                value[..5].make_ascii_lowercase();
            }
        }
    }
    !flag
        && is_cors_safelisted_method(method)
        && safelist::cors_unsafe_request_header_names_within(
            judged.iter().map(|(n, v)| (n.as_slice(), v.as_slice())),
            profile.request_headers.safelist_value_size_limit,
        )
        .is_empty()
}

/// A preflight that succeeded earlier: when, for which URL, and how long its answer let the
/// cache keep what it allowed.
struct Preflighted {
    at: Time,
    url: Url,
    lifetime: Duration,
}

/// What the checks of one step read: the browser's profile, the origin of the document making
/// the fetch and the server answering it.
struct Context<'a> {
    profile: &'a Profile,
    origin: &'a Origin,
    server: &'a Server,
}

/// Runs `step` alone in `browser` as the earlier steps left it, as [`Scenario::run_in`] runs it
/// (its document is a new one at its origin's root).
fn run_step(scenario: &Scenario, step: &Step, browser: &mut Browser) -> StepResult {
    let origin = scenario.origin.clone();
    let alone = Scenario::new(origin, scenario.server.clone(), vec![step.clone()]);
    alone.run_in(browser).pop().expect("a step gives a result")
}

/// Runs `scenario` on a fresh browser of `profile`, checking each step, then again with
/// [`Scenario::run`], which must give exactly the same exchanges:
///
/// - a simple request never causes a preflight, and on an empty cache a cross-origin `cors`
///   request that is not simple always starts with one;
/// - a preflight is skipped only while an earlier successful preflight to that URL is within the
///   max-age its answer gave (the cache never serves an entry past its expiry);
/// - the cache never holds more entries than the profile's bound;
/// - every request can be handed over (`to_http` does not panic); a preflight is an `OPTIONS`
///   request without credentials carrying `Origin` and the method, and the unsafe header names
///   as a sorted lowercase list; a fetch sends at most 21 requests and their preflights;
/// - a readable CORS response passed the CORS check on the answer it came from: with
///   credentials `include`, `Access-Control-Allow-Origin` is the request's `Origin` (never `*`)
///   and `Access-Control-Allow-Credentials` is `true`;
/// - script reads no header the answer lacks, never `Set-Cookie`, and from a CORS response only
///   safelisted, exposed or profile-safelisted names; opaque responses show nothing;
/// - a blocked fetch names the document's origin, and its console messages (in every engine's
///   words) and fix are printable text.
///
/// Returns what [`Scenario::run`] returns.
pub fn check_scenario(profile: &Profile, scenario: &Scenario) -> Vec<StepResult> {
    let mut browser = Browser::new(profile.clone());
    let mut preflighted: Vec<Preflighted> = Vec::new();
    let mut results = Vec::new();
    for step in &scenario.steps {
        let cache_was_empty = browser.cache().is_empty();
        let result = run_step(scenario, step, &mut browser);
        if let Some(capacity) = profile.cache.capacity {
            assert!(browser.cache().len() <= capacity);
        }
        let cx = Context {
            profile,
            origin: step.origin.as_ref().unwrap_or(&scenario.origin),
            server: step.server.as_ref().unwrap_or(&scenario.server),
        };
        // A step the model cannot run ends the scenario, as in `Scenario::run`.
        let Ok(outcome) = &result else {
            results.push(result);
            break;
        };
        let init = step.request.init().expect("a step that ran is modelled");
        match (outcome, request_of(cx.origin, &init)) {
            (Err(_), None) => {}
            (Ok(exchange), Some((request, headers))) => {
                let simple =
                    is_simple(profile, &request, &headers, step.request.use_cors_preflight);
                check_preflight_need(
                    &cx,
                    &request,
                    simple,
                    cache_was_empty,
                    exchange,
                    step.at,
                    &preflighted,
                );
                check_exchange(&cx, &request, exchange);
                record_preflights(&cx, exchange, step.at, &mut preflighted);
            }
            (outcome, _) => panic!("the Request constructor disagrees: {outcome:?}"),
        }
        results.push(result);
    }
    let again = scenario.run(profile.clone());
    assert_eq!(again.len(), results.len());
    for (first, second) in results.iter().zip(&again) {
        match (first, second) {
            (Ok(Ok(a)), Ok(Ok(b))) => {
                assert_eq!(
                    a.requests, b.requests,
                    "the same scenario sent other requests"
                );
                assert_eq!(a.result, b.result, "the same scenario ended otherwise");
            }
            (Ok(Err(a)), Ok(Err(b))) => assert_eq!(a, b),
            (Err(a), Err(b)) => assert_eq!(a, b),
            _ => panic!("the same scenario threw once: {first:?} / {second:?}"),
        }
    }
    results
}

fn check_preflight_need(
    cx: &Context<'_>,
    request: &Request,
    simple: bool,
    cache_was_empty: bool,
    exchange: &Exchange,
    at: Time,
    preflighted: &[Preflighted],
) {
    if simple {
        assert!(!exchange.preflighted(), "a simple request was preflighted");
        return;
    }
    let cross_origin_cors = request.mode() == Mode::Cors
        && matches!(request.url().scheme(), "http" | "https")
        && !cx.origin.is_same_origin_with_url(request.url());
    let Some(first) = exchange.requests.first() else {
        return;
    };
    if !cross_origin_cors || first.is_preflight() {
        return;
    }
    assert!(
        !cache_was_empty,
        "a request that is not simple went without preflight"
    );
    let url = first.url();
    // A profile whose results outlive their entries lets the methods it allows unlisted
    // through for as long as the result is kept.
    let kept = match cx.profile.cache.cached_methods {
        CachedMethods::AllowedByEveryResult {
            methods,
            kept_until_evicted: true,
        } => methods.contains(&request.method().as_str()),
        _ => false,
    };
    assert!(
        preflighted
            .iter()
            .any(|p| p.url == *url && (kept || p.at.saturating_add(p.lifetime) > at)),
        "a preflight was skipped at {at:?} without a live cache entry for {url}"
    );
}

/// Records each preflight of `exchange` that the actual request followed, with its lifetime.
fn record_preflights(cx: &Context<'_>, exchange: &Exchange, at: Time, out: &mut Vec<Preflighted>) {
    for pair in exchange.requests.windows(2) {
        let (preflight, actual) = (&pair[0], &pair[1]);
        if !preflight.is_preflight() || actual.is_preflight() {
            continue;
        }
        let Reply::Response { headers, .. } = cx.server.answer(preflight) else {
            continue;
        };
        let policy = &cx.profile.cache;
        if let Some(age) = max_age(&headers, policy) {
            let lifetime = policy.max_age_cap.map_or(age, |cap| age.min(cap));
            out.push(Preflighted {
                at,
                url: preflight.url().clone(),
                lifetime,
            });
        }
    }
}

fn check_exchange(cx: &Context<'_>, request: &Request, exchange: &Exchange) {
    assert!(exchange.requests.len() <= 42, "more than 21 redirects");
    // Firefox names a repeated unsafe header once per header.
    let repeats = cx.profile.request_headers.repeated_headers == RepeatedHeaders::Listed;
    for sent in &exchange.requests {
        check_sent(sent, repeats);
    }
    match &exchange.result {
        Ok(response) => {
            let answer = exchange
                .requests
                .last()
                .and_then(|last| match cx.server.answer(last) {
                    Reply::Response { headers, .. } => Some((last, headers)),
                    Reply::NoResponse => None,
                });
            // Chromium adds a Content-Length to a 206 for a range.
            let added = (cx.profile.response.partial_content_gains_length
                && response.status() == 206)
                .then_some(CONTENT_LENGTH);
            check_readable(request, response, answer, added);
        }
        Err(error) => check_blocked(cx, error),
    }
}

fn check_sent(sent: &OutgoingRequest, repeats: bool) {
    if let Ok(http) = sent.to_http::<()>() {
        assert_eq!(http.method(), sent.method());
        assert_eq!(http.headers().len(), sent.headers().len());
    }
    if !sent.is_preflight() {
        return;
    }
    assert_eq!(sent.method(), http::Method::OPTIONS);
    assert!(!sent.credentials_included());
    assert!(sent.headers().contains(&ORIGIN));
    let method = sent.headers().get(&ACCESS_CONTROL_REQUEST_METHOD);
    assert!(method.is_some_and(|m| !m.is_empty()));
    if let Some(names) = sent.headers().get(&ACCESS_CONTROL_REQUEST_HEADERS) {
        let names: Vec<&[u8]> = names.split(|&b| b == b',').collect();
        assert!(
            names
                .windows(2)
                .all(|w| w[0] < w[1] || (repeats && w[0] == w[1])),
            "{names:?}"
        );
        assert!(
            names
                .iter()
                .all(|n| !n.is_empty() && !n.iter().any(u8::is_ascii_uppercase))
        );
    }
}

fn check_readable(
    request: &Request,
    response: &FilteredResponse,
    answer: Option<(&OutgoingRequest, HeaderList)>,
    added: Option<HeaderName>,
) {
    for (name, _) in response.headers().iter() {
        assert!(!safelist::is_forbidden_response_header_name(
            name.as_str().as_bytes()
        ));
    }
    match response.response_type() {
        ResponseType::Opaque | ResponseType::OpaqueRedirect => {
            assert_eq!(response.status(), 0);
            assert!(response.headers().is_empty());
            return;
        }
        ResponseType::Basic => {}
        ResponseType::Cors => {
            let (last, headers) = answer.as_ref().expect("a CORS response had an answer");
            let sent_origin = last
                .headers()
                .get(&ORIGIN)
                .expect("a CORS request carries Origin");
            let allow_origin = headers.get(&ACCESS_CONTROL_ALLOW_ORIGIN);
            let include = request.credentials() == CredentialsMode::Include;
            if include {
                assert_eq!(allow_origin.as_deref(), Some(&*sent_origin));
                assert_ne!(allow_origin.as_deref(), Some(&b"*"[..]));
                assert_eq!(
                    headers.get(&ACCESS_CONTROL_ALLOW_CREDENTIALS).as_deref(),
                    Some(&b"true"[..])
                );
            } else {
                assert!(
                    allow_origin.as_deref() == Some(&*sent_origin)
                        || allow_origin.as_deref() == Some(&b"*"[..])
                );
            }
            let exposed: Vec<String> = headers
                .get(&ACCESS_CONTROL_EXPOSE_HEADERS)
                .map(|v| {
                    v.split(|&b| b == b',')
                        .map(|n| {
                            String::from_utf8_lossy(trim_tabs_and_spaces(n)).to_ascii_lowercase()
                        })
                        .collect()
                })
                .unwrap_or_default();
            let all = !include && exposed.iter().any(|n| n == "*");
            for name in response.exposed_header_names() {
                assert!(
                    all || exposed.contains(&name)
                        || safelist::is_cors_safelisted_response_header_name(name.as_bytes(), &[]),
                    "{name} was exposed"
                );
            }
        }
    }
    if let Some((_, headers)) = &answer {
        for (name, value) in response.headers().iter() {
            assert!(
                headers.values(name).any(|v| v == value.as_bytes()) || added.as_ref() == Some(name),
                "{name}"
            );
        }
    }
}

fn check_blocked(cx: &Context<'_>, error: &NetworkError) {
    assert_eq!(error.origin, cx.origin.ascii_serialization());
    let printable = |text: &str, newlines: bool| {
        !text.is_empty()
            && text
                .chars()
                .all(|c| !c.is_control() || (newlines && c == '\n'))
    };
    for engine in [
        Engine::Spec,
        Engine::Chromium,
        Engine::Firefox,
        Engine::WebKit,
    ] {
        let message = error.console_message_in(engine);
        assert!(
            printable(&message, engine == Engine::WebKit),
            "{engine:?}: {message:?}"
        );
    }
    let fix = error.fix();
    assert!(printable(&fix, false), "{fix:?}");
}
