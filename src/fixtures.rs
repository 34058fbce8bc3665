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
        url: Url::parse(url).unwrap().into(),
        initial_url: Url::parse(initial_url).unwrap().into(),
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

/// Every CORS-check failure, with typical values, in [`Reason::every`]'s order.
pub(crate) fn check_failures() -> Vec<CheckFailure> {
    Reason::every("", 0)
        .into_iter()
        .filter_map(|reason| match typical(reason) {
            Reason::Check(failure) => Some(failure),
            _ => None,
        })
        .collect()
}

/// Every reason a fetch fails ([`Reason::every`]), with typical values; each check failure
/// twice (on the response and on the preflight response).
pub(crate) fn all_errors() -> Vec<Reason> {
    Reason::every("", 0).into_iter().map(typical).collect()
}

/// `reason` with the values a real failure of its kind would carry.
fn typical(reason: Reason) -> Reason {
    match reason {
        Reason::Check(failure) => Reason::Check(typical_failure(failure)),
        Reason::PreflightCheck(failure) => Reason::PreflightCheck(typical_failure(failure)),
        Reason::PreflightInvalidStatus { .. } => Reason::PreflightInvalidStatus { status: 404 },
        Reason::PreflightDisallowedRedirect { .. } => {
            Reason::PreflightDisallowedRedirect { status: 301 }
        }
        Reason::InvalidAllowMethodsPreflightResponse { .. } => {
            Reason::InvalidAllowMethodsPreflightResponse {
                value: value("GET, PUT/"),
            }
        }
        Reason::InvalidAllowHeadersPreflightResponse { .. } => {
            Reason::InvalidAllowHeadersPreflightResponse {
                value: value("x-a, x b"),
            }
        }
        Reason::MethodDisallowedByPreflightResponse { .. } => {
            Reason::MethodDisallowedByPreflightResponse {
                method: value("PUT"),
            }
        }
        Reason::HeaderDisallowedByPreflightResponse { .. } => {
            Reason::HeaderDisallowedByPreflightResponse {
                header: value("x-token"),
            }
        }
        Reason::RedirectContainsCredentials { .. } => Reason::RedirectContainsCredentials {
            location: value("http://user:pw@other.example/"),
        },
        Reason::InvalidRedirectLocation { .. } => Reason::InvalidRedirectLocation {
            value: value("http://[::1"),
        },
        Reason::RedirectToNonHttpScheme { .. } => Reason::RedirectToNonHttpScheme {
            location: value("data:,hi"),
        },
        other => other,
    }
}

/// A CORS-check failure with the values a real one would carry.
fn typical_failure(failure: CheckFailure) -> CheckFailure {
    match failure {
        CheckFailure::MultipleAllowOriginValues { .. } => CheckFailure::MultipleAllowOriginValues {
            value: value("http://localhost:3000, http://localhost:3000"),
        },
        CheckFailure::InvalidAllowOriginValue { .. } => CheckFailure::InvalidAllowOriginValue {
            value: value("localhost:3000"),
        },
        CheckFailure::AllowOriginMismatch { .. } => CheckFailure::AllowOriginMismatch {
            value: value("http://localhost:4000"),
        },
        other => other,
    }
}

/// Every reason, each text it carries (header value, method, header name, location) being
/// `text`: for checking that odd bytes never reach a message unescaped.
pub(crate) fn every_reason_with(text: &str) -> Vec<Reason> {
    Reason::every(text, 404)
}
