//! Fetch §4.8 "CORS-preflight fetch": the `OPTIONS` request a browser sends before a request
//! that is not simple, and how it reads the answer.

use crate::cors_check::{CheckPass, cors_check};
use crate::error::{Reason, hint};
use crate::header::{
    Extracted, HeaderList, HeaderValue, compare_ignoring_case, extract_list, is_token,
};
use crate::method::is_cors_safelisted_method;
use crate::profile::PreflightPolicy;
use crate::request::{CredentialsMode, WIRE_HEADERS};
use crate::safelist::is_cors_non_wildcard_request_header_name;
use http::HeaderName;
use http::header::{
    ACCEPT, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD,
};
use smallvec::{SmallVec, smallvec};

/// What of the actual request the preflight steps read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ActualRequest<'a> {
    pub method: &'a [u8],
    pub headers: &'a HeaderList,
    /// Fetch: "CORS-unsafe request-header names" of the header list.
    pub unsafe_names: &'a [HeaderName],
    pub credentials: CredentialsMode,
    pub use_cors_preflight: bool,
    /// Fetch: "byte-serializing a request origin".
    pub serialized_origin: &'a str,
}

/// Fetch "CORS-preflight fetch" steps 2-5: the headers the preflight carries besides those every
/// request gets (`Origin`, `Referer`): `Accept: */*`, `Access-Control-Request-Method`, and
/// `Access-Control-Request-Headers` when there are unsafe names, joined by `,` without spaces.
/// <https://fetch.spec.whatwg.org/#cors-preflight-fetch-0>
pub(crate) fn preflight_headers(actual: &ActualRequest<'_>) -> HeaderList {
    // Room for the wire's headers too: the list is allocated once.
    let mut headers = HeaderList::with_capacity(3 + WIRE_HEADERS);
    headers.append(ACCEPT, HeaderValue::from_static("*/*"));
    headers.append(ACCESS_CONTROL_REQUEST_METHOD, value(actual.method));
    match actual.unsafe_names {
        [] => {}
        [name] => headers.append(
            ACCESS_CONTROL_REQUEST_HEADERS,
            value(name.as_str().as_bytes()),
        ),
        [first, rest @ ..] => {
            let mut names = first.as_str().as_bytes().to_vec();
            for name in rest {
                names.push(b',');
                names.extend_from_slice(name.as_str().as_bytes());
            }
            headers.append(ACCESS_CONTROL_REQUEST_HEADERS, value(&names));
        }
    }
    headers
}

/// A method or a list of header names (tokens) is always a header value.
fn value(bytes: &[u8]) -> HeaderValue {
    HeaderValue::from_bytes(bytes).expect("tokens and token lists are header values")
}

/// The elements of a list header, borrowed; a preflight response's lists are short, and held
/// inline.
pub(crate) type Listed<'a> = SmallVec<[&'a [u8]; 4]>;

/// What a successful preflight allows, to be stored in the CORS-preflight cache, and how it
/// allowed the request; borrowed from the preflight's response (and request).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Allowed<'a> {
    pub methods: Listed<'a>,
    /// Sorted case-insensitively (see [`Allowed::lists_header`]).
    pub header_names: Listed<'a>,
    /// How the preflight response passed the CORS check.
    pub check: CheckPass,
    /// How the request's method was allowed.
    pub method: MethodAllowed,
    /// Whether `Authorization` was allowed only because the policy lets `*` cover it.
    pub wildcard_covered_authorization: bool,
}

impl Allowed<'_> {
    /// Whether `Access-Control-Allow-Headers` lists `name` (case-insensitively).
    pub fn lists_header(&self, name: &[u8]) -> bool {
        lists(&self.header_names, name)
    }
}

/// Whether `names`, sorted by [`compare_ignoring_case`], hold `name`.
fn lists<N: AsRef<[u8]>>(names: &[N], name: &[u8]) -> bool {
    names
        .binary_search_by(|listed| compare_ignoring_case(listed.as_ref(), name))
        .is_ok()
}

/// How a preflight response allowed the request's method (step 7.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MethodAllowed {
    /// `Access-Control-Allow-Methods` lists it.
    Listed,
    /// It is a CORS-safelisted method, which needs no listing.
    Safelisted,
    /// `Access-Control-Allow-Methods: *`, for a request without credentials.
    Wildcard,
    /// Step 7.4: no `Access-Control-Allow-Methods`, and the preflight was made for the
    /// use-CORS-preflight flag.
    FlaggedPreflight,
}

/// Whether `status` is a redirect status (Fetch: 301, 302, 303, 307 or 308).
pub(crate) fn is_redirect_status(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

/// Fetch "CORS-preflight fetch" steps 7-8: reads the preflight response. Success needs the CORS
/// check (with the actual request's credentials mode) and an ok status, lists of methods and
/// header names that parse, and that allow the request's method and every unsafe header name.
/// <https://fetch.spec.whatwg.org/#cors-preflight-fetch-0>
pub(crate) fn validate<'a>(
    status: u16,
    headers: &'a HeaderList,
    actual: &ActualRequest<'a>,
    policy: &PreflightPolicy,
) -> Result<Allowed<'a>, Reason> {
    // A preflight never follows a redirect: a 3xx is not an ok status. Chromium names it apart.
    if is_redirect_status(status) {
        return Err(Reason::PreflightDisallowedRedirect { status });
    }
    let check = cors_check(headers, actual.serialized_origin, actual.credentials)
        .map_err(Reason::PreflightCheck)?;
    if !(200..=299).contains(&status) {
        return Err(Reason::PreflightInvalidStatus { status });
    }
    // 7.1-7.3. Extract the allowed methods and header names; a parse failure is a network error.
    let combined = |name: &HeaderName| hint(&headers.get(name).unwrap_or_default());
    let mut flagged = false;
    let methods = match extract_list::<Listed<'_>>(headers, &ACCESS_CONTROL_ALLOW_METHODS, is_token)
    {
        Extracted::Failure => {
            return Err(Reason::InvalidAllowMethodsPreflightResponse {
                value: combined(&ACCESS_CONTROL_ALLOW_METHODS),
            });
        }
        // 7.4. A preflight made because of the use-CORS-preflight flag caches the method.
        Extracted::Null if actual.use_cors_preflight && policy.flagged_preflight_allows_method => {
            flagged = true;
            smallvec![actual.method]
        }
        Extracted::Null => Listed::new(),
        Extracted::Values(methods) => methods,
    };
    let header_names =
        match extract_list::<Listed<'_>>(headers, &ACCESS_CONTROL_ALLOW_HEADERS, is_token) {
            Extracted::Failure => {
                return Err(Reason::InvalidAllowHeadersPreflightResponse {
                    value: combined(&ACCESS_CONTROL_ALLOW_HEADERS),
                });
            }
            Extracted::Null => Listed::new(),
            Extracted::Values(names) => names,
        };
    // Sorted, so that each of the request's names is looked up in logarithmic time.
    let mut header_names = header_names;
    header_names.sort_unstable_by(|a, b| compare_ignoring_case(a, b));
    let include = actual.credentials == CredentialsMode::Include;
    // 7.5. The method must be listed, safelisted, or covered by `*` without credentials.
    let method = if flagged {
        MethodAllowed::FlaggedPreflight
    } else if methods.contains(&actual.method) {
        MethodAllowed::Listed
    } else if is_cors_safelisted_method(actual.method) {
        MethodAllowed::Safelisted
    } else if !include && methods.contains(&&b"*"[..]) {
        MethodAllowed::Wildcard
    } else {
        return Err(Reason::MethodDisallowedByPreflightResponse {
            method: hint(actual.method),
        });
    };
    let listed = |name: &[u8]| lists(&header_names, name);
    let header_wildcard = !include && header_names.contains(&&b"*"[..]);
    // 7.6. A CORS non-wildcard request-header name (`Authorization`) must be listed explicitly,
    // unless the profile's engine lets `*` cover it.
    let unlisted_authorization = actual.headers.iter().find(|(name, _)| {
        is_cors_non_wildcard_request_header_name(name.as_str().as_bytes())
            && !listed(name.as_str().as_bytes())
    });
    let wildcard_covered_authorization = match unlisted_authorization {
        Some(_) if header_wildcard && policy.wildcard_covers_authorization => true,
        Some((name, _)) => {
            return Err(Reason::HeaderDisallowedByPreflightResponse {
                header: name.as_str().to_owned(),
            });
        }
        None => false,
    };
    // 7.7. Every CORS-unsafe request-header name must be listed or covered by `*`.
    if let Some(name) = actual
        .unsafe_names
        .iter()
        .find(|name| !listed(name.as_str().as_bytes()) && !header_wildcard)
    {
        return Err(Reason::HeaderDisallowedByPreflightResponse {
            header: name.as_str().to_owned(),
        });
    }
    // 7.8-7.13 (max-age and the cache) are the cache's: `PreflightCache::store_result`.
    Ok(Allowed {
        methods,
        header_names,
        check,
        method,
        wildcard_covered_authorization,
    })
}
