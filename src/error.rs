//! Why a fetch ended in a network error: one [`Reason`] per cause, named after Chromium's
//! `network.mojom.Reason` where one applies so that a verdict maps to what a developer saw in
//! the console, and the [`NetworkError`] that carries it with what a console message needs.

use crate::profile::Engine;
use crate::request::InitiatorType;
use std::sync::Arc;
use url::Url;

/// Why the CORS check failed on a response: Fetch "CORS check", with the failure classified the
/// way Chromium's `CheckAccess` classifies it for its console message.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CheckFailure {
    /// `Access-Control-Allow-Origin` is `*` but the request's credentials mode is `include`.
    WildcardOriginNotAllowed,
    /// There is no `Access-Control-Allow-Origin` header.
    MissingAllowOriginHeader,
    /// `Access-Control-Allow-Origin` holds more than one value (repeated headers are joined with
    /// `, `, so two identical headers land here too).
    MultipleAllowOriginValues {
        /// The combined header value.
        value: String,
    },
    /// `Access-Control-Allow-Origin` is not an origin, `null` or `*`.
    InvalidAllowOriginValue {
        /// The header value.
        value: String,
    },
    /// `Access-Control-Allow-Origin` is an origin, but not the request's.
    AllowOriginMismatch {
        /// The header value.
        value: String,
    },
    /// Credentials are included but `Access-Control-Allow-Credentials` is not exactly `true`.
    InvalidAllowCredentials {
        /// The header value, empty when absent.
        value: String,
    },
}

impl CheckFailure {
    /// The Chromium `Reason` name, e.g. `MissingAllowOriginHeader`.
    pub fn name(&self) -> &'static str {
        match self {
            Self::WildcardOriginNotAllowed => "WildcardOriginNotAllowed",
            Self::MissingAllowOriginHeader => "MissingAllowOriginHeader",
            Self::MultipleAllowOriginValues { .. } => "MultipleAllowOriginValues",
            Self::InvalidAllowOriginValue { .. } => "InvalidAllowOriginValue",
            Self::AllowOriginMismatch { .. } => "AllowOriginMismatch",
            Self::InvalidAllowCredentials { .. } => "InvalidAllowCredentials",
        }
    }
}

/// Fetch: why a fetch ended in a "network error" — a CORS failure, or one of the other checks of
/// "main fetch" and "HTTP-redirect fetch", or no response at all.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reason {
    /// Fetch "main fetch": mode `same-origin` and the URL is cross-origin.
    DisallowedByMode,
    /// Fetch "main fetch": a cross-origin request (not `no-cors`) to a scheme other than HTTP(S).
    CorsDisabledScheme,
    /// Fetch "main fetch": mode `no-cors` with a redirect mode other than `follow`.
    NoCorsRedirectModeNotFollow,
    /// Fetch "scheme fetch": a `data:` URL the data: URL processor rejects.
    InvalidDataUrl,
    /// Fetch "block bad port": an HTTP(S) URL on a port the standard lists as bad (e.g. 25).
    BadPort,
    /// Mixed Content: a page served over https fetching a URL that is not potentially
    /// trustworthy (plain http).
    MixedContent,
    /// Fetch "HTTP fetch": the CORS check failed on a response (final or redirect).
    Check(CheckFailure),
    /// Fetch "CORS-preflight fetch": the CORS check failed on the preflight response.
    PreflightCheck(CheckFailure),
    /// Fetch "CORS-preflight fetch": the preflight response's status is not an ok status.
    PreflightInvalidStatus {
        /// The status received.
        status: u16,
    },
    /// Fetch "CORS-preflight fetch": the preflight was answered with a redirect, which is never
    /// followed (a 3xx is not an ok status).
    PreflightDisallowedRedirect {
        /// The redirect status received.
        status: u16,
    },
    /// `Access-Control-Allow-Methods` is not a comma-separated list of methods.
    InvalidAllowMethodsPreflightResponse {
        /// The combined header value.
        value: String,
    },
    /// `Access-Control-Allow-Headers` is not a comma-separated list of header names.
    InvalidAllowHeadersPreflightResponse {
        /// The combined header value.
        value: String,
    },
    /// The preflight response does not allow the request's method.
    MethodDisallowedByPreflightResponse {
        /// The method.
        method: String,
    },
    /// The preflight response does not allow one of the request's headers.
    HeaderDisallowedByPreflightResponse {
        /// The header name (lowercase).
        header: String,
    },
    /// Fetch "HTTP-redirect fetch": a redirect to a URL with a username or password under CORS.
    RedirectContainsCredentials {
        /// The redirect's location.
        location: String,
    },
    /// Fetch "HTTP-redirect fetch": the redirect's `Location` is not a valid URL (or is given
    /// twice).
    InvalidRedirectLocation {
        /// The header value(s).
        value: String,
    },
    /// Fetch "HTTP-redirect fetch": a redirect to a scheme other than HTTP(S).
    RedirectToNonHttpScheme {
        /// The redirect's location.
        location: String,
    },
    /// Fetch "HTTP-redirect fetch": the 21st redirect.
    TooManyRedirects,
    /// Fetch "HTTP fetch": a redirect with redirect mode `error`.
    RedirectModeError,
    /// The caller reported that the request got no response (connection refused, reset, …).
    ConnectionFailed,
}

impl Reason {
    /// The name of the reason: Chromium's `Reason` value for CORS failures (with the
    /// `Preflight` prefix for failures of the preflight's CORS check, as Chromium does), else a
    /// descriptive name.
    pub fn name(&self) -> &'static str {
        match self {
            Self::DisallowedByMode => "DisallowedByMode",
            Self::CorsDisabledScheme => "CorsDisabledScheme",
            Self::NoCorsRedirectModeNotFollow => "NoCorsRedirectModeNotFollow",
            Self::InvalidDataUrl => "InvalidDataUrl",
            Self::BadPort => "BadPort",
            Self::MixedContent => "MixedContent",
            Self::Check(failure) => failure.name(),
            Self::PreflightCheck(failure) => match failure {
                CheckFailure::WildcardOriginNotAllowed => "PreflightWildcardOriginNotAllowed",
                CheckFailure::MissingAllowOriginHeader => "PreflightMissingAllowOriginHeader",
                CheckFailure::MultipleAllowOriginValues { .. } => {
                    "PreflightMultipleAllowOriginValues"
                }
                CheckFailure::InvalidAllowOriginValue { .. } => "PreflightInvalidAllowOriginValue",
                CheckFailure::AllowOriginMismatch { .. } => "PreflightAllowOriginMismatch",
                CheckFailure::InvalidAllowCredentials { .. } => "PreflightInvalidAllowCredentials",
            },
            Self::PreflightInvalidStatus { .. } => "PreflightInvalidStatus",
            Self::PreflightDisallowedRedirect { .. } => "PreflightDisallowedRedirect",
            Self::InvalidAllowMethodsPreflightResponse { .. } => {
                "InvalidAllowMethodsPreflightResponse"
            }
            Self::InvalidAllowHeadersPreflightResponse { .. } => {
                "InvalidAllowHeadersPreflightResponse"
            }
            Self::MethodDisallowedByPreflightResponse { .. } => {
                "MethodDisallowedByPreflightResponse"
            }
            Self::HeaderDisallowedByPreflightResponse { .. } => {
                "HeaderDisallowedByPreflightResponse"
            }
            Self::RedirectContainsCredentials { .. } => "RedirectContainsCredentials",
            Self::InvalidRedirectLocation { .. } => "InvalidRedirectLocation",
            Self::RedirectToNonHttpScheme { .. } => "RedirectToNonHttpScheme",
            Self::TooManyRedirects => "TooManyRedirects",
            Self::RedirectModeError => "RedirectModeError",
            Self::ConnectionFailed => "ConnectionFailed",
        }
    }

    /// Every reason once (each CORS-check failure once on the response and once on the
    /// preflight's response), every value field set to `value` and every status to `status`:
    /// for tools that go through them all, such as reading a console message back.
    pub fn every(value: &str, status: u16) -> Vec<Reason> {
        let value = || value.to_owned();
        let failures = [
            CheckFailure::WildcardOriginNotAllowed,
            CheckFailure::MissingAllowOriginHeader,
            CheckFailure::MultipleAllowOriginValues { value: value() },
            CheckFailure::InvalidAllowOriginValue { value: value() },
            CheckFailure::AllowOriginMismatch { value: value() },
            CheckFailure::InvalidAllowCredentials { value: value() },
        ];
        let mut reasons: Vec<Reason> = failures.iter().cloned().map(Reason::Check).collect();
        reasons.extend(failures.into_iter().map(Reason::PreflightCheck));
        reasons.extend([
            Reason::DisallowedByMode,
            Reason::CorsDisabledScheme,
            Reason::NoCorsRedirectModeNotFollow,
            Reason::InvalidDataUrl,
            Reason::BadPort,
            Reason::MixedContent,
            Reason::PreflightInvalidStatus { status },
            Reason::PreflightDisallowedRedirect { status },
            Reason::InvalidAllowMethodsPreflightResponse { value: value() },
            Reason::InvalidAllowHeadersPreflightResponse { value: value() },
            Reason::MethodDisallowedByPreflightResponse { method: value() },
            Reason::HeaderDisallowedByPreflightResponse { header: value() },
            Reason::RedirectContainsCredentials { location: value() },
            Reason::InvalidRedirectLocation { value: value() },
            Reason::RedirectToNonHttpScheme { location: value() },
            Reason::TooManyRedirects,
            Reason::RedirectModeError,
            Reason::ConnectionFailed,
        ]);
        debug_assert_eq!(reasons.len(), Self::NAMES.len());
        reasons
    }

    /// Every name [`Reason::name`] gives.
    pub const NAMES: &'static [&'static str] = &[
        "DisallowedByMode",
        "CorsDisabledScheme",
        "NoCorsRedirectModeNotFollow",
        "InvalidDataUrl",
        "BadPort",
        "MixedContent",
        "WildcardOriginNotAllowed",
        "MissingAllowOriginHeader",
        "MultipleAllowOriginValues",
        "InvalidAllowOriginValue",
        "AllowOriginMismatch",
        "InvalidAllowCredentials",
        "PreflightWildcardOriginNotAllowed",
        "PreflightMissingAllowOriginHeader",
        "PreflightMultipleAllowOriginValues",
        "PreflightInvalidAllowOriginValue",
        "PreflightAllowOriginMismatch",
        "PreflightInvalidAllowCredentials",
        "PreflightInvalidStatus",
        "PreflightDisallowedRedirect",
        "InvalidAllowMethodsPreflightResponse",
        "InvalidAllowHeadersPreflightResponse",
        "MethodDisallowedByPreflightResponse",
        "HeaderDisallowedByPreflightResponse",
        "RedirectContainsCredentials",
        "InvalidRedirectLocation",
        "RedirectToNonHttpScheme",
        "TooManyRedirects",
        "RedirectModeError",
        "ConnectionFailed",
    ];

    /// Whether the failure happened on the CORS-preflight request.
    pub fn is_preflight(&self) -> bool {
        matches!(
            self,
            Self::PreflightCheck(_)
                | Self::PreflightInvalidStatus { .. }
                | Self::PreflightDisallowedRedirect { .. }
                | Self::InvalidAllowMethodsPreflightResponse { .. }
                | Self::InvalidAllowHeadersPreflightResponse { .. }
                | Self::MethodDisallowedByPreflightResponse { .. }
                | Self::HeaderDisallowedByPreflightResponse { .. }
        )
    }
}

/// A fetch that ended in a network error (script sees a rejected promise with a `TypeError`),
/// with what a console message needs: where it failed, for which origin, in which engine.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NetworkError {
    /// Why.
    pub reason: Reason,
    /// The URL being fetched when it failed (the last in the redirect chain); shared with the
    /// fetch's requests.
    pub url: Arc<Url>,
    /// The URL script asked for.
    pub initial_url: Arc<Url>,
    /// The ASCII serialization of the document's origin.
    pub origin: String,
    /// The API that made the request.
    pub initiator_type: InitiatorType,
    /// The HTTP status of the response that failed a check; `None` when the fetch failed before
    /// a response (no connection, a blocked URL).
    pub status: Option<u16>,
    /// The engine whose profile produced the error, whose words the console line uses.
    pub engine: Engine,
}

impl std::fmt::Display for NetworkError {
    /// A short description: the URL and the reason (the console line is
    /// [`NetworkError::console_message`]).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "network error fetching {}: {}", self.url, self.reason)
    }
}

impl std::error::Error for NetworkError {}

/// Escapes a header value for a message: printable ASCII kept, every other byte as `\u00XX`,
/// as Chromium's `EncodeHint` escapes what it cannot print.
pub(crate) fn hint(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if (0x20..0x7f).contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("\\u{:04X}", u32::from(b)));
        }
    }
    out
}

// --- Display (console-split) ---

use std::fmt;

/// A value taken from a request or response (header value, method, URL), escaped with [`hint`]
/// so that a message stays one printable line.
pub(crate) fn shown(text: &str) -> String {
    hint(text.as_bytes())
}

/// The element of a comma-separated list that is not an HTTP token (elements trimmed of spaces
/// and tabs, empty ones skipped), escaped; the whole list when there is none. It names what made
/// `Access-Control-Allow-Methods`/`-Headers` unparsable, as Firefox's console does.
pub(crate) fn first_invalid_token(list: &str) -> String {
    let invalid = list
        .split(',')
        .map(|item| item.trim_matches([' ', '\t']))
        .find(|item| !item.is_empty() && !crate::header::is_token(item.as_bytes()));
    shown(invalid.unwrap_or(list))
}

impl CheckFailure {
    /// The failure as one clause about `response` ("the response", "the preflight response").
    fn describe(&self, response: &str) -> String {
        match self {
            Self::WildcardOriginNotAllowed => format!(
                "{response} answers Access-Control-Allow-Origin '*' to a request with credentials"
            ),
            Self::MissingAllowOriginHeader => {
                format!("{response} has no Access-Control-Allow-Origin header")
            }
            Self::MultipleAllowOriginValues { value } => format!(
                "{response} has more than one Access-Control-Allow-Origin value ('{}')",
                shown(value)
            ),
            Self::InvalidAllowOriginValue { value } => format!(
                "{response} has the invalid Access-Control-Allow-Origin value '{}'",
                shown(value)
            ),
            Self::AllowOriginMismatch { value } => format!(
                "{response} allows the origin '{}', not the request's",
                shown(value)
            ),
            Self::InvalidAllowCredentials { value } if value.is_empty() => format!(
                "{response} to a request with credentials has no Access-Control-Allow-Credentials \
                 header"
            ),
            Self::InvalidAllowCredentials { value } => format!(
                "{response} to a request with credentials has Access-Control-Allow-Credentials \
                 '{}', not 'true'",
                shown(value)
            ),
        }
    }
}

/// A short lowercase clause naming the failure and the value at fault, e.g. `the response has no
/// Access-Control-Allow-Origin header`.
impl fmt::Display for CheckFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe("the response"))
    }
}

impl std::error::Error for CheckFailure {}

/// A short lowercase clause naming the reason and the value, method, header or status at fault,
/// e.g. `the preflight response does not allow the method 'PUT'`. For the engines' own wording
/// see [`NetworkError::console_message`].
impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::DisallowedByMode => {
                "the request's mode is same-origin but the URL is cross-origin".to_owned()
            }
            Self::CorsDisabledScheme => {
                "the URL is cross-origin and its scheme is not http or https".to_owned()
            }
            Self::NoCorsRedirectModeNotFollow => {
                "the request's mode is no-cors but its redirect mode is not follow".to_owned()
            }
            Self::InvalidDataUrl => "the data: URL cannot be parsed".to_owned(),
            Self::BadPort => "the URL's port is a bad port".to_owned(),
            Self::MixedContent => "a page served over https requested an insecure URL".to_owned(),
            Self::Check(failure) => failure.describe("the response"),
            Self::PreflightCheck(failure) => failure.describe("the preflight response"),
            Self::PreflightInvalidStatus { status } => {
                format!("the preflight response's status {status} is not an ok status")
            }
            Self::PreflightDisallowedRedirect { status } => {
                format!("the preflight response is a redirect ({status})")
            }
            Self::InvalidAllowMethodsPreflightResponse { value } => format!(
                "the preflight response's Access-Control-Allow-Methods is not a list of methods \
                 ('{}' is not one)",
                first_invalid_token(value)
            ),
            Self::InvalidAllowHeadersPreflightResponse { value } => format!(
                "the preflight response's Access-Control-Allow-Headers is not a list of header \
                 names ('{}' is not one)",
                first_invalid_token(value)
            ),
            Self::MethodDisallowedByPreflightResponse { method } => format!(
                "the preflight response does not allow the method '{}'",
                shown(method)
            ),
            Self::HeaderDisallowedByPreflightResponse { header } => format!(
                "the preflight response does not allow the request header '{}'",
                shown(header)
            ),
            Self::RedirectContainsCredentials { location } => format!(
                "the redirect to '{}' has a username or password",
                shown(location)
            ),
            Self::InvalidRedirectLocation { value } => format!(
                "the redirect's Location '{}' is not a valid URL",
                shown(value)
            ),
            Self::RedirectToNonHttpScheme { location } => format!(
                "the redirect to '{}' leaves http and https",
                shown(location)
            ),
            Self::TooManyRedirects => "the fetch was redirected more than 20 times".to_owned(),
            Self::RedirectModeError => {
                "the response is a redirect but the redirect mode is error".to_owned()
            }
            Self::ConnectionFailed => "no response arrived (the connection failed)".to_owned(),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for Reason {}

#[cfg(test)]
mod display_tests {
    use super::*;
    use crate::fixtures::{all_errors, every_reason_with};

    #[test]
    fn every_reason_is_listed_once_and_every_name_is_a_reasons() {
        let mut names: Vec<&str> = Reason::every("", 0).iter().map(Reason::name).collect();
        let mut all = Reason::NAMES.to_vec();
        names.sort_unstable();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), Reason::NAMES.len(), "a name listed twice");
        assert_eq!(names, all);
    }

    #[test]
    fn every_reason_is_one_short_line_without_control_characters() {
        let errors = all_errors()
            .into_iter()
            .chain(every_reason_with("a\r\nb\t\u{7f}é"));
        for error in errors {
            let text = error.to_string();
            assert!(!text.chars().any(char::is_control), "{text:?}");
            assert!(!text.contains(". "), "one clause: {text}");
            assert!(text.starts_with(char::is_lowercase), "{text}");
            assert!(!text.ends_with('.'), "{text}");
        }
    }

    #[test]
    fn descriptions_name_the_value_at_fault() {
        let cases = [
            (
                Reason::Check(CheckFailure::MissingAllowOriginHeader),
                "the response has no Access-Control-Allow-Origin header",
            ),
            (
                Reason::PreflightCheck(CheckFailure::AllowOriginMismatch {
                    value: "http://localhost:4000".to_owned(),
                }),
                "the preflight response allows the origin 'http://localhost:4000', not the \
                 request's",
            ),
            (
                Reason::InvalidAllowMethodsPreflightResponse {
                    value: "GET, PUT/".to_owned(),
                },
                "the preflight response's Access-Control-Allow-Methods is not a list of methods \
                 ('PUT/' is not one)",
            ),
            (
                Reason::PreflightInvalidStatus { status: 404 },
                "the preflight response's status 404 is not an ok status",
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(error.to_string(), expected);
        }
        assert_eq!(
            CheckFailure::InvalidAllowCredentials {
                value: "TRUE".to_owned()
            }
            .to_string(),
            "the response to a request with credentials has Access-Control-Allow-Credentials \
             'TRUE', not 'true'"
        );
    }

    #[test]
    fn first_invalid_token_finds_the_bad_element() {
        assert_eq!(first_invalid_token("GET, , PUT/, x y"), "PUT/");
        assert_eq!(first_invalid_token("x-a,\tx-b ,"), hint(b"x-a,\tx-b ,"));
    }
}

// --- end Display ---
