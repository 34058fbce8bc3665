//! Responses as script sees them: Fetch §2.2.6 "Responses" — response tainting and the
//! filtered responses (basic, CORS, opaque, opaque-redirect).

use crate::header::{Extracted, HeaderList, extract_token_list};
use crate::request::CredentialsMode;
use crate::safelist;
use http::header::ACCESS_CONTROL_EXPOSE_HEADERS;
use std::sync::Arc;
use url::Url;

/// Fetch: response "type", as `Response.type` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResponseType {
    /// Same-origin (or navigation): every header but `Set-Cookie`.
    Basic,
    /// Cross-origin under CORS: safelisted and exposed headers only.
    Cors,
    /// Cross-origin `no-cors`: status 0, no headers.
    Opaque,
    /// A redirect under redirect mode `manual`: status 0, no headers.
    OpaqueRedirect,
}

impl ResponseType {
    /// The name `Response.type` gives: `basic`, `cors`, `opaque` or `opaqueredirect`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Basic => "basic",
            Self::Cors => "cors",
            Self::Opaque => "opaque",
            Self::OpaqueRedirect => "opaqueredirect",
        }
    }
}

impl std::str::FromStr for ResponseType {
    type Err = crate::request::UnknownValue;

    /// Reads the names [`ResponseType::as_str`] gives.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        [Self::Basic, Self::Cors, Self::Opaque, Self::OpaqueRedirect]
            .into_iter()
            .find(|kind| kind.as_str() == value)
            .ok_or_else(|| crate::request::UnknownValue {
                option: "response type",
                value: value.to_owned(),
            })
    }
}

impl std::fmt::Display for ResponseType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Fetch: request "response tainting" — which filtered response the fetch will give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Tainting {
    /// `basic`: same-origin (or a navigation, or a `data:` URL).
    #[default]
    Basic,
    /// `cors`: a cross-origin request under the CORS protocol.
    Cors,
    /// `opaque`: a cross-origin `no-cors` request.
    Opaque,
}

impl Tainting {
    /// The value as the standard spells it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Basic => "basic",
            Self::Cors => "cors",
            Self::Opaque => "opaque",
        }
    }
}

/// Fetch: a "filtered response" — what script can read of the response a fetch ended with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilteredResponse {
    pub(crate) kind: ResponseType,
    pub(crate) status: u16,
    pub(crate) url: Option<Arc<Url>>,
    pub(crate) redirected: bool,
    pub(crate) headers: HeaderList,
}

impl FilteredResponse {
    /// `Response.type`.
    pub fn response_type(&self) -> ResponseType {
        self.kind
    }

    /// `Response.status` (0 for opaque and opaque-redirect responses).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// `Response.url`: the last URL fetched, or `None` for an opaque response.
    pub fn url(&self) -> Option<&Url> {
        self.url.as_deref()
    }

    /// `Response.redirected`.
    pub fn redirected(&self) -> bool {
        self.redirected
    }

    /// The headers script can read, in order.
    pub fn headers(&self) -> &HeaderList {
        &self.headers
    }

    /// The names of the headers script can read: lowercase, sorted, without duplicates.
    pub fn exposed_header_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .headers
            .iter()
            .map(|(n, _)| n.as_str().to_owned())
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

/// Fetch: a response's "CORS-exposed header-name list", as a set to look names up in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Exposed {
    /// `*`: every header name of the response.
    All,
    /// The listed names, lowercase and sorted.
    Listed(Vec<Vec<u8>>),
}

impl Exposed {
    /// Whether the list holds the (lowercase) header name `name`.
    fn contains(&self, name: &[u8]) -> bool {
        match self {
            Self::All => true,
            Self::Listed(names) => names.binary_search_by(|n| n.as_slice().cmp(name)).is_ok(),
        }
    }
}

/// Fetch "main fetch": the response's "CORS-exposed header-name list", from
/// `Access-Control-Expose-Headers`. `*` exposes every header name of the response when the
/// request's credentials mode is not `include` (with credentials it only names a header called
/// `*`); an invalid value exposes nothing beyond the safelisted names, unless
/// `star_despite_invalid_items` and one of its comma-split items is `*`.
pub(crate) fn cors_exposed_header_names(
    headers: &HeaderList,
    credentials: CredentialsMode,
    star_despite_invalid_items: bool,
) -> Exposed {
    let wildcard = credentials != CredentialsMode::Include;
    match extract_token_list(headers, &ACCESS_CONTROL_EXPOSE_HEADERS) {
        Extracted::Values(names) if wildcard && names.contains(&&b"*"[..]) => Exposed::All,
        Extracted::Values(names) => {
            let mut names: Vec<Vec<u8>> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
            names.sort_unstable();
            names.dedup();
            Exposed::Listed(names)
        }
        Extracted::Failure
            if wildcard
                && star_despite_invalid_items
                && headers
                    .get_decode_split(&ACCESS_CONTROL_EXPOSE_HEADERS)
                    .is_some_and(|items| items.iter().any(|item| item == "*")) =>
        {
            Exposed::All
        }
        Extracted::Null | Extracted::Failure => Exposed::Listed(Vec::new()),
    }
}

/// Fetch: "basic filtered response" headers — all but forbidden response-header names. The
/// internal response is never read again, so its list is filtered where it stands.
pub(crate) fn basic_filter(mut headers: HeaderList) -> HeaderList {
    headers
        .retain(|name, _| !safelist::is_forbidden_response_header_name(name.as_str().as_bytes()));
    headers
}

/// Fetch: "CORS filtered response" headers — only CORS-safelisted response-header names given
/// the exposed list (each name looked up once, in logarithmic time), filtered where they stand.
pub(crate) fn cors_filter(mut headers: HeaderList, exposed: &Exposed) -> HeaderList {
    headers.retain(|name, _| {
        safelist::is_always_safelisted_response_header_name(name) || {
            let name = name.as_str().as_bytes();
            exposed.contains(name) && !safelist::is_forbidden_response_header_name(name)
        }
    });
    headers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::header::list as headers;

    fn names(list: &HeaderList) -> Vec<&str> {
        list.iter().map(|(n, _)| n.as_str()).collect()
    }

    #[test]
    fn expose_headers_star_counts_only_without_credentials() {
        let h = headers(&[
            ("Access-Control-Expose-Headers", "*"),
            ("X-A", "1"),
            ("Set-Cookie", "a=b"),
            ("Content-Type", "text/plain"),
        ]);
        let without = cors_exposed_header_names(&h, CredentialsMode::SameOrigin, false);
        assert_eq!(
            names(&cors_filter(h.clone(), &without)),
            ["access-control-expose-headers", "x-a", "content-type"]
        );
        let with = cors_exposed_header_names(&h, CredentialsMode::Include, false);
        assert_eq!(names(&cors_filter(h.clone(), &with)), ["content-type"]);
    }

    #[test]
    fn expose_headers_lists_names_and_an_invalid_list_exposes_none() {
        let h = headers(&[
            ("Access-Control-Expose-Headers", "x-a, Set-Cookie"),
            ("X-A", "1"),
            ("X-B", "2"),
            ("Set-Cookie", "a=b"),
        ]);
        let exposed = cors_exposed_header_names(&h, CredentialsMode::Include, false);
        assert_eq!(names(&cors_filter(h.clone(), &exposed)), ["x-a"]);
        let bad = headers(&[("Access-Control-Expose-Headers", "x-a, x b"), ("X-A", "1")]);
        let exposed = cors_exposed_header_names(&bad, CredentialsMode::Omit, false);
        assert!(cors_filter(bad.clone(), &exposed).is_empty());
    }

    #[test]
    fn a_star_item_can_outweigh_an_invalid_one() {
        let h = headers(&[("Access-Control-Expose-Headers", "*, x b"), ("X-A", "1")]);
        let strict = cors_exposed_header_names(&h, CredentialsMode::Omit, false);
        assert!(cors_filter(h.clone(), &strict).is_empty());
        let lenient = cors_exposed_header_names(&h, CredentialsMode::Omit, true);
        assert_eq!(
            names(&cors_filter(h.clone(), &lenient)),
            ["access-control-expose-headers", "x-a"]
        );
        let credentialed = cors_exposed_header_names(&h, CredentialsMode::Include, true);
        assert!(cors_filter(h.clone(), &credentialed).is_empty());
    }

    #[test]
    fn basic_filter_drops_set_cookie() {
        let h = headers(&[
            ("Set-Cookie", "a"),
            ("Set-Cookie2", "b"),
            ("X", "1"),
            ("Accept", "*/*"),
        ]);
        assert_eq!(names(&basic_filter(h)), ["x", "accept"]);
    }
}
