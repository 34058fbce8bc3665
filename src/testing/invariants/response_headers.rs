//! Response header values: "get", "get, decode, and split", "extract header list values",
//! `Access-Control-Max-Age` under every profile, and the CORS check, against the standard.

use crate::cache::max_age;
use crate::cors_check::cors_check;
use crate::header::{Extracted, HeaderList, decode_and_split};
use crate::header::{extract_single, extract_token_list};
use crate::request::CredentialsMode;
use http::HeaderName;
use http::header::{ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_ORIGIN, ORIGIN};
use std::time::Duration;

use super::origin::check_origin_text;
use super::support::{is_tchar, profiles, trim_tabs_and_spaces};

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
pub(super) fn expected_token_list<'a>(values: &[&'a [u8]]) -> Extracted<Vec<&'a [u8]>> {
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

/// Fetch "CORS check", read off the standard: `Access-Control-Allow-Origin` ("get") is `*` for
/// a request without credentials, or the request's serialized origin; with credentials mode
/// `include`, `Access-Control-Allow-Credentials` must also be `true`.
pub(super) fn expected_cors_check(
    list: &HeaderList,
    origin: &[u8],
    credentials: CredentialsMode,
) -> bool {
    let include = credentials == CredentialsMode::Include;
    match list.get(&ACCESS_CONTROL_ALLOW_ORIGIN).as_deref() {
        None => false,
        Some(b"*") if !include => true,
        Some(allowed) if allowed != origin => false,
        Some(_) => {
            !include || list.get(&ACCESS_CONTROL_ALLOW_CREDENTIALS).as_deref() == Some(&b"true"[..])
        }
    }
}
/// The reading of a header list a browser makes of a response, for every header name in
/// [`RESPONSE_HEADER_NAMES`]:
///
/// - "get" joins values with `, `; "get, decode, and split" gives one item more than there are
///   commas outside quoted strings, each trimmed (and plain comma splitting without quotes);
/// - "extract header list values" for token lists and single headers matches the standard;
/// - `Access-Control-Max-Age` gives 5 s when absent, the value under the standard's parsing (at
///   most 2^31 s), and the same number under every engine when it is one plain number;
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
            // RFC 9111 §1.2.2: a delta-seconds past what the cache represents is taken as 2^31,
            // which the standard's profile takes as the greatest it represents.
            let spec = Some(Duration::from_secs(seconds.min(1 << 31)));
            assert_eq!(ages[0], spec);
            if one.len() <= 18 {
                let age = Some(Duration::from_secs(seconds));
                // Firefox caches nothing for a max-age of 0.
                let firefox = age.filter(|_| seconds > 0);
                assert_eq!(ages, [spec, age, firefox, age], "{one:?}");
            }
        }
        _ => assert_eq!(ages[0], five, "the standard's default"),
    }
}

fn check_cors_check(list: &HeaderList) {
    let mut origins = vec!["http://page.example".to_owned(), "null".to_owned()];
    if let Some(value) = list
        .get(&ACCESS_CONTROL_ALLOW_ORIGIN)
        .and_then(|v| String::from_utf8(v.into_owned()).ok())
    {
        origins.push(value);
    }
    for origin in &origins {
        for credentials in [
            CredentialsMode::Omit,
            CredentialsMode::SameOrigin,
            CredentialsMode::Include,
        ] {
            assert_eq!(
                cors_check(list, origin, credentials).is_ok(),
                expected_cors_check(list, origin.as_bytes(), credentials),
                "{origin} {credentials:?}: {list:?}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    //! The checks compare the library with these readings of the standard: known answers.
    use super::*;
    use crate::header::list;

    /// Found by the fuzz smoke run: a Max-Age past 2^31 with at most 18 digits, which the
    /// standard's profile takes as 2^31 and the engines as it is.
    #[test]
    fn a_max_age_past_two_to_the_31_is_read_as_each_profile_reads_it() {
        check_response_headers(&list(&[("access-control-max-age", "07767963145241918")]));
    }

    #[test]
    fn token_lists_as_the_standard_extracts_them() {
        assert_eq!(expected_token_list(&[]), Extracted::Null);
        assert_eq!(
            expected_token_list(&[b"GET, ,PUT", b"x-a"]),
            Extracted::Values(vec![&b"GET"[..], b"PUT", b"x-a"])
        );
        assert_eq!(expected_token_list(&[b"GET, PUT/"]), Extracted::Failure);
        assert_eq!(expected_token_list(&[b""]), Extracted::Values(vec![]));
    }

    #[test]
    fn the_cors_check_as_the_standard_reads() {
        let origin = b"http://page.example";
        let (omit, include) = (CredentialsMode::Omit, CredentialsMode::Include);
        let star = list(&[("access-control-allow-origin", "*")]);
        assert!(expected_cors_check(&star, origin, omit));
        assert!(!expected_cors_check(&star, origin, include));
        let echo = list(&[("access-control-allow-origin", "http://page.example")]);
        assert!(expected_cors_check(&echo, origin, omit));
        assert!(!expected_cors_check(&echo, origin, include));
        let credentialed = list(&[
            ("access-control-allow-origin", "http://page.example"),
            ("access-control-allow-credentials", "true"),
        ]);
        assert!(expected_cors_check(&credentialed, origin, include));
        let other = list(&[("access-control-allow-origin", "http://other.example")]);
        assert!(!expected_cors_check(&other, origin, omit));
        assert!(!expected_cors_check(&list(&[]), origin, omit));
    }
}
