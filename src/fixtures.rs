//! Test fixtures: a [`NetworkError`] for every reason, shared by the tests of the error
//! descriptions, the console texts and the fix advice.

use crate::error::{CheckFailure, NetworkError, Reason};
use crate::profile::Engine;
use crate::request::InitiatorType;
use url::Url;

/// The document's origin in every fixture.
pub(crate) const ORIGIN: &str = "http://localhost:3000";
/// The URL fetched in every fixture unless a test says otherwise.
pub(crate) const URL: &str = "http://api.example/data";
/// The origin of [`URL`].
pub(crate) const SERVER: &str = "http://api.example";

/// A failure of a fetch from [`ORIGIN`] that started at `initial_url` and failed at `url`.
pub(crate) fn at(
    error: Reason,
    url: &str,
    initial_url: &str,
    initiator: InitiatorType,
) -> NetworkError {
    NetworkError {
        reason: error,
        url: Url::parse(url).unwrap(),
        initial_url: Url::parse(initial_url).unwrap(),
        origin: ORIGIN.to_owned(),
        initiator_type: initiator,
        status: None,
        engine: Engine::Chromium,
    }
}

/// A failure of `fetch(URL)` from [`ORIGIN`], without redirects.
pub(crate) fn err(error: Reason) -> NetworkError {
    at(error, URL, URL, InitiatorType::Fetch)
}

/// A header value, method or location.
pub(crate) fn value(text: &str) -> String {
    text.to_owned()
}

/// Every CORS-check failure, with typical values.
pub(crate) fn check_failures() -> Vec<CheckFailure> {
    vec![
        CheckFailure::WildcardOriginNotAllowed,
        CheckFailure::MissingAllowOriginHeader,
        CheckFailure::MultipleAllowOriginValues {
            value: value("http://localhost:3000, http://localhost:3000"),
        },
        CheckFailure::InvalidAllowOriginValue {
            value: value("localhost:3000"),
        },
        CheckFailure::AllowOriginMismatch {
            value: value("http://localhost:4000"),
        },
        CheckFailure::InvalidAllowCredentials { value: value("") },
    ]
}

/// Every reason a fetch fails, with typical values; each check failure twice (on the response
/// and on the preflight response).
pub(crate) fn all_errors() -> Vec<Reason> {
    let mut errors = vec![
        Reason::DisallowedByMode,
        Reason::CorsDisabledScheme,
        Reason::NoCorsRedirectModeNotFollow,
        Reason::InvalidDataUrl,
        Reason::BadPort,
        Reason::MixedContent,
        Reason::PreflightInvalidStatus { status: 404 },
        Reason::PreflightDisallowedRedirect { status: 301 },
        Reason::InvalidAllowMethodsPreflightResponse {
            value: value("GET, PUT/"),
        },
        Reason::InvalidAllowHeadersPreflightResponse {
            value: value("x-a, x b"),
        },
        Reason::MethodDisallowedByPreflightResponse {
            method: value("PUT"),
        },
        Reason::HeaderDisallowedByPreflightResponse {
            header: value("x-token"),
        },
        Reason::RedirectContainsCredentials {
            location: value("http://user:pw@other.example/"),
        },
        Reason::InvalidRedirectLocation {
            value: value("http://[::1"),
        },
        Reason::RedirectToNonHttpScheme {
            location: value("data:,hi"),
        },
        Reason::TooManyRedirects,
        Reason::RedirectModeError,
        Reason::ConnectionFailed,
    ];
    for failure in check_failures() {
        errors.push(Reason::Check(failure.clone()));
        errors.push(Reason::PreflightCheck(failure));
    }
    errors
}

/// Every reason, each text it carries (header value, method, header name, location) being
/// `text`: for checking that odd bytes never reach a message unescaped.
pub(crate) fn every_reason_with(text: &str) -> Vec<Reason> {
    Reason::every(text, 404)
}
