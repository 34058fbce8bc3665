//! Why a fetch was blocked: one error type naming every reason, after Chromium's
//! `network.mojom.CorsError` where one applies, so a verdict maps to what a developer saw in the
//! console.

use crate::request::Initiator;
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
    /// The Chromium `CorsError` name, e.g. `MissingAllowOriginHeader`.
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

/// Every reason a fetch ends in a network error.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CorsError {
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

impl CorsError {
    /// The name of the reason: Chromium's `CorsError` value for CORS failures (with the
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
/// with what a console message needs: where it failed and for which origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkError {
    /// Why.
    pub error: CorsError,
    /// The URL being fetched when it failed (the last in the redirect chain).
    pub url: Url,
    /// The URL script asked for.
    pub initial_url: Url,
    /// The ASCII serialization of the document's origin.
    pub origin: String,
    /// The API that made the request.
    pub initiator: Initiator,
}

impl std::fmt::Display for NetworkError {
    /// The console message in Chromium's wording (see [`NetworkError::console_message`] for the
    /// other engines').
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.console_message(crate::profile::Engine::Chromium))
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
