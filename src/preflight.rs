//! Fetch §4.8 "CORS-preflight fetch": the `OPTIONS` request a browser sends before a request
//! that is not simple, and how it reads the answer.

use crate::cors_check::cors_check;
use crate::error::{CorsError, hint};
use crate::header::{Extracted, HeaderList, HeaderValue, extract_token_list};
use crate::method::is_cors_safelisted_method;
use crate::profile::{MaxAgeParsing, Profile};
use crate::request::CredentialsMode;
use crate::safelist::is_cors_non_wildcard_request_header_name;
use http::HeaderName;
use http::header::{
    ACCEPT, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_MAX_AGE,
    ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD,
};
use std::time::Duration;

/// What of the actual request the preflight steps read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ActualRequest<'a> {
    pub method: &'a [u8],
    pub headers: &'a HeaderList,
    /// Fetch: "CORS-unsafe request-header names" of the header list.
    pub unsafe_names: &'a [String],
    pub credentials: CredentialsMode,
    pub use_cors_preflight: bool,
    /// Fetch: "byte-serializing a request origin".
    pub serialized_origin: &'a str,
}

/// Fetch "CORS-preflight fetch" steps 2-5: the headers the preflight carries besides those every
/// request gets (`Origin`, `Referer`): `Accept: */*`, `Access-Control-Request-Method`, and
/// `Access-Control-Request-Headers` when there are unsafe names, joined by `,` without spaces.
pub(crate) fn preflight_headers(actual: &ActualRequest<'_>) -> HeaderList {
    let mut headers = HeaderList::new();
    headers.append(ACCEPT, value(b"*/*"));
    headers.append(ACCESS_CONTROL_REQUEST_METHOD, value(actual.method));
    if !actual.unsafe_names.is_empty() {
        headers.append(
            ACCESS_CONTROL_REQUEST_HEADERS,
            value(actual.unsafe_names.join(",").as_bytes()),
        );
    }
    headers
}

/// A method or a list of header names (tokens) is always a header value.
fn value(bytes: &[u8]) -> HeaderValue {
    HeaderValue::from_bytes(bytes).expect("tokens and token lists are header values")
}

/// What a successful preflight allows, to be stored in the CORS-preflight cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Allowed {
    pub methods: Vec<Vec<u8>>,
    pub header_names: Vec<Vec<u8>>,
    /// `None`: do not cache.
    pub max_age: Option<Duration>,
}

/// Whether `status` is a redirect status (Fetch: 301, 302, 303, 307 or 308).
pub(crate) fn is_redirect_status(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

/// Fetch "CORS-preflight fetch" steps 7-8: reads the preflight response. Success needs the CORS
/// check (with the actual request's credentials mode) and an ok status, lists of methods and
/// header names that parse, and that allow the request's method and every unsafe header name.
pub(crate) fn validate(
    status: u16,
    headers: &HeaderList,
    actual: &ActualRequest<'_>,
    profile: &Profile,
) -> Result<Allowed, CorsError> {
    // A preflight never follows a redirect: a 3xx is not an ok status. Chromium names it apart.
    if is_redirect_status(status) {
        return Err(CorsError::PreflightDisallowedRedirect { status });
    }
    cors_check(headers, actual.serialized_origin, actual.credentials)
        .map_err(CorsError::PreflightCheck)?;
    if !(200..=299).contains(&status) {
        return Err(CorsError::PreflightInvalidStatus { status });
    }
    // 7.1-7.3. Extract the allowed methods and header names; a parse failure is a network error.
    let combined = |name: &HeaderName| hint(&headers.get(name).unwrap_or_default());
    let methods = match extract_token_list(headers, &ACCESS_CONTROL_ALLOW_METHODS) {
        Extracted::Failure => {
            return Err(CorsError::InvalidAllowMethodsPreflightResponse {
                value: combined(&ACCESS_CONTROL_ALLOW_METHODS),
            });
        }
        // 7.4. A preflight made because of the use-CORS-preflight flag caches the method.
        Extracted::Null if actual.use_cors_preflight && profile.flagged_preflight_allows_method => {
            vec![actual.method]
        }
        Extracted::Null => Vec::new(),
        Extracted::Values(methods) => methods,
    };
    let header_names = match extract_token_list(headers, &ACCESS_CONTROL_ALLOW_HEADERS) {
        Extracted::Failure => {
            return Err(CorsError::InvalidAllowHeadersPreflightResponse {
                value: combined(&ACCESS_CONTROL_ALLOW_HEADERS),
            });
        }
        Extracted::Null => Vec::new(),
        Extracted::Values(names) => names,
    };
    let include = actual.credentials == CredentialsMode::Include;
    // 7.5. The method must be listed, safelisted, or covered by `*` without credentials.
    let method_wildcard = !include && methods.contains(&&b"*"[..]);
    if !methods.contains(&actual.method)
        && !is_cors_safelisted_method(actual.method)
        && !method_wildcard
    {
        return Err(CorsError::MethodDisallowedByPreflightResponse {
            method: hint(actual.method),
        });
    }
    let listed = |name: &[u8]| header_names.iter().any(|h| h.eq_ignore_ascii_case(name));
    let header_wildcard = !include && header_names.contains(&&b"*"[..]);
    // 7.6. A CORS non-wildcard request-header name (`Authorization`) must be listed explicitly,
    // unless the profile's engine lets `*` cover it.
    let wildcard_covers_non_wildcard = header_wildcard && profile.wildcard_covers_authorization;
    if let Some((name, _)) = actual.headers.iter().find(|(name, _)| {
        is_cors_non_wildcard_request_header_name(name.as_str().as_bytes())
            && !listed(name.as_str().as_bytes())
            && !wildcard_covers_non_wildcard
    }) {
        return Err(CorsError::HeaderDisallowedByPreflightResponse {
            header: name.as_str().to_owned(),
        });
    }
    // 7.7. Every CORS-unsafe request-header name must be listed or covered by `*`.
    if let Some(name) = actual
        .unsafe_names
        .iter()
        .find(|name| !listed(name.as_bytes()) && !header_wildcard)
    {
        return Err(CorsError::HeaderDisallowedByPreflightResponse {
            header: name.clone(),
        });
    }
    // 7.8-7.10. The max-age, within the profile's limit. A max-age of 0 still updates the
    // entries it matches (they expire at once); `None` is an engine that caches nothing.
    let max_age =
        max_age(headers, profile).map(|age| profile.max_age_cap.map_or(age, |cap| age.min(cap)));
    Ok(Allowed {
        methods: methods.into_iter().map(<[u8]>::to_vec).collect(),
        header_names: header_names.into_iter().map(<[u8]>::to_vec).collect(),
        max_age,
    })
}

/// The lifetime `Access-Control-Max-Age` gives cache entries under `profile`, before its cap;
/// `None` when the engine does not cache the result at all.
pub fn max_age(headers: &HeaderList, profile: &Profile) -> Option<Duration> {
    let default = Some(profile.default_max_age);
    let seconds = |s: u64| Some(Duration::from_secs(s));
    match profile.max_age_parsing {
        // Fetch: "extract header list values" with ABNF delta-seconds; failure or null → 5.
        MaxAgeParsing::Spec => {
            match crate::header::extract_single(headers, &ACCESS_CONTROL_MAX_AGE) {
                Extracted::Values(v) if !v.is_empty() && v.iter().all(u8::is_ascii_digit) => {
                    seconds(saturating_decimal(v))
                }
                _ => default,
            }
        }
        // Engines read the combined value ("get": repeated headers joined by `, `).
        MaxAgeParsing::Chromium => match headers.get(&ACCESS_CONTROL_MAX_AGE) {
            None => default,
            Some(v) => match parse_i64(&v) {
                Some(n) => seconds(n.max(0) as u64),
                None => default,
            },
        },
        MaxAgeParsing::Firefox => match headers.get(&ACCESS_CONTROL_MAX_AGE) {
            None => default,
            Some(v) if v.is_empty() => default,
            // `age == 0` is not cached either.
            Some(v) if v.iter().all(u8::is_ascii_digit) => Some(saturating_decimal(&v))
                .filter(|&age| age > 0)
                .and_then(seconds),
            Some(_) => None,
        },
        MaxAgeParsing::WebKit => match headers.get(&ACCESS_CONTROL_MAX_AGE) {
            None => default,
            Some(v) => match parse_i64(v.trim_ascii()) {
                Some(n) if n < 0 => None,
                Some(n) => seconds(n as u64),
                None => default,
            },
        },
    }
}

/// Digits as a number, saturating at `u64::MAX` (every cap is far below it).
fn saturating_decimal(digits: &[u8]) -> u64 {
    digits.iter().fold(0u64, |n, &d| {
        n.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    })
}

/// An optional sign then one or more digits, fitting an `i64` (Chromium's `StringToInt64`,
/// WebKit's `parseInteger<int64_t>` once whitespace is trimmed).
fn parse_i64(bytes: &[u8]) -> Option<i64> {
    std::str::from_utf8(bytes).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(values: &[&str], profile: Profile) -> Option<u64> {
        let list: Vec<(&str, &str)> = values
            .iter()
            .map(|v| ("Access-Control-Max-Age", *v))
            .collect();
        max_age(&crate::header::list(&list), &profile).map(|d| d.as_secs())
    }

    #[test]
    fn max_age_parsing_follows_each_profile() {
        // Rows of research/engines.md §6.1: value(s), then spec, Chromium, Firefox, WebKit
        // before the cap (u64::MAX for a saturated spec value).
        let rows: &[(&[&str], [Option<u64>; 4])] = &[
            (&[], [Some(5), Some(5), Some(5), Some(5)]),
            (&["0"], [Some(0), Some(0), None, Some(0)]),
            (&["60"], [Some(60), Some(60), Some(60), Some(60)]),
            (&["+60"], [Some(5), Some(60), None, Some(60)]),
            (&["-1"], [Some(5), Some(0), None, None]),
            (&["10.5"], [Some(5), Some(5), None, Some(5)]),
            (&["7201"], [Some(7201), Some(7201), Some(7201), Some(7201)]),
            (
                &["99999999999999999999"],
                [Some(u64::MAX), Some(5), Some(u64::MAX), Some(5)],
            ),
            (&["60", "60"], [Some(5), Some(5), None, Some(5)]),
            (&["abc"], [Some(5), Some(5), None, Some(5)]),
        ];
        for (values, expected) in rows {
            let got = [
                secs(values, Profile::spec()),
                secs(values, Profile::chromium()),
                secs(values, Profile::firefox()),
                secs(values, Profile::webkit()),
            ];
            assert_eq!(&got, expected, "{values:?}");
        }
    }
}
