//! Firefox's console lines.
//!
//! Sources: dom/locales/en-US/chrome/security/security.properties, the `CORS*` keys logged by
//! netwerk/protocol/http/nsCORSListenerProxy.cpp (`%1$S` = URL, `%2$S` = parameter; the quotes
//! are U+2018/U+2019 as in the file). `CORSMissingAllowOrigin2` ends with `Status code: %2$S.`,
//! the response's status (`GetStatusCodeAsString`); that sentence is left out when the status is
//! unknown. `CheckRequestApproved` logs `CORSDidNotSucceed2` without a parameter (current tree,
//! e.g. `hfstco/firefox` @ b176b89), so Firefox never shows a number there: the sentence reads
//! `Status code: (null).`.

use crate::error::{CheckFailure, NetworkError, Reason, first_invalid_token, shown};

/// Firefox's console line.
pub(super) fn message(e: &NetworkError) -> String {
    let url = e.url.as_str();
    let blocked = |reason: &str| blocked_at(url, reason);
    // The CORS listener logs only for loads that have been cross-origin (`mHasBeenCrossSite`).
    let cross_origin = [&e.url, &e.initial_url]
        .into_iter()
        .any(|u| u.origin().ascii_serialization() != e.origin);
    match &e.reason {
        Reason::Check(failure) | Reason::PreflightCheck(failure) => check(failure, url, e.status),
        // CORSRequestNotHttp
        Reason::CorsDisabledScheme => blocked("CORS request not http"),
        // CORSPreflightDidNotSucceed3
        Reason::PreflightInvalidStatus { status } => {
            with_status(blocked("CORS preflight response did not succeed"), status)
        }
        // CORSExternalRedirectNotAllowed
        Reason::PreflightDisallowedRedirect { .. } => {
            blocked("CORS request external redirect not allowed")
        }
        // CORSInvalidAllowMethod
        Reason::InvalidAllowMethodsPreflightResponse { value } => blocked(&format!(
            "invalid token ‘{}’ in CORS header ‘Access-Control-Allow-Methods’",
            first_invalid_token(value)
        )),
        // CORSInvalidAllowHeader
        Reason::InvalidAllowHeadersPreflightResponse { value } => blocked(&format!(
            "invalid token ‘{}’ in CORS header ‘Access-Control-Allow-Headers’",
            first_invalid_token(value)
        )),
        // CORSMethodNotFound
        Reason::MethodDisallowedByPreflightResponse { .. } => {
            blocked("Did not find method in CORS header ‘Access-Control-Allow-Methods’")
        }
        // CORSMissingAllowHeaderFromPreflight2
        Reason::HeaderDisallowedByPreflightResponse { header } => blocked(&format!(
            "header ‘{}’ is not allowed according to header ‘Access-Control-Allow-Headers’ from \
             CORS preflight response",
            shown(header)
        )),
        // CORSRequestNotHttp, logged by `UpdateChannel` for the redirect's new channel.
        Reason::RedirectToNonHttpScheme { location } if cross_origin => {
            blocked_at(&shown(location), "CORS request not http")
        }
        // CORSDidNotSucceed2, whose status is always `(null)` (see the module doc).
        Reason::ConnectionFailed if cross_origin => {
            with_status(blocked("CORS request did not succeed"), "(null)")
        }
        // CORSDidNotSucceed2: `CheckRequestApproved` logs every failed channel (a vetoed
        // redirect has no dedicated key); its `(null)` status sentence is not added here.
        Reason::RedirectContainsCredentials { .. }
        | Reason::InvalidRedirectLocation { .. }
        | Reason::TooManyRedirects
        | Reason::RedirectModeError
            if cross_origin =>
        {
            blocked("CORS request did not succeed")
        }
        // No CORS listener message (same-origin loads, mode checks): what the console shows is
        // the `TypeError` that rejects `fetch()`.
        // nsMixedContentBlocker (security.properties `BlockMixedActiveContent`).
        Reason::MixedContent => format!("Blocked loading mixed active content “{}”", e.url),
        Reason::DisallowedByMode
        | Reason::NoCorsRedirectModeNotFollow
        | Reason::InvalidDataUrl
        | Reason::BadPort
        | Reason::RedirectContainsCredentials { .. }
        | Reason::InvalidRedirectLocation { .. }
        | Reason::RedirectToNonHttpScheme { .. }
        | Reason::TooManyRedirects
        | Reason::RedirectModeError
        | Reason::ConnectionFailed => "NetworkError when attempting to fetch resource.".to_owned(),
    }
}

/// Firefox's `Cross-Origin Request Blocked` template.
fn blocked_at(resource: &str, reason: &str) -> String {
    format!(
        "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote \
         resource at {resource}. (Reason: {reason})."
    )
}

/// A line followed by the `Status code: %2$S.` sentence that ends some keys.
fn with_status(line: String, status: impl std::fmt::Display) -> String {
    format!("{line} Status code: {status}.")
}

/// Firefox's line for a failed CORS check (`CheckRequestApproved`).
fn check(failure: &CheckFailure, url: &str, status: Option<u16>) -> String {
    match failure {
        // CORSNotSupportingCredentials, the one key that quotes the URL.
        CheckFailure::WildcardOriginNotAllowed => blocked_at(
            &format!("‘{url}’"),
            "Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’",
        ),
        // CORSMissingAllowOrigin2, with its status sentence when the status is known.
        CheckFailure::MissingAllowOriginHeader => {
            let line = blocked_at(url, "CORS header ‘Access-Control-Allow-Origin’ missing");
            match status {
                Some(status) => with_status(line, status),
                None => line,
            }
        }
        // CORSMultipleAllowOriginNotAllowed. Firefox counts headers: one header holding
        // `a, b` gets CORSAllowOriginNotMatchingOrigin, which the joined value cannot tell apart.
        CheckFailure::MultipleAllowOriginValues { .. } => blocked_at(
            url,
            "Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed",
        ),
        // CORSAllowOriginNotMatchingOrigin, whose parameter is the header's value.
        CheckFailure::InvalidAllowOriginValue { value }
        | CheckFailure::AllowOriginMismatch { value } => blocked_at(
            url,
            &format!(
                "CORS header ‘Access-Control-Allow-Origin’ does not match ‘{}’",
                shown(value)
            ),
        ),
        // CORSMissingAllowCredentials
        CheckFailure::InvalidAllowCredentials { .. } => blocked_at(
            url,
            "expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{URL, at, err, value};
    use crate::profile::Engine;
    use crate::request::InitiatorType;

    const FIREFOX: &str = "Cross-Origin Request Blocked: The Same Origin Policy disallows reading \
                           the remote resource at";

    #[test]
    fn firefox_messages() {
        let cases = [
            (
                Reason::Check(CheckFailure::MissingAllowOriginHeader),
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: CORS header \
                     ‘Access-Control-Allow-Origin’ missing)."
                ),
            ),
            (
                Reason::Check(CheckFailure::WildcardOriginNotAllowed),
                format!(
                    "{FIREFOX} ‘http://api.example/data’. (Reason: Credential is not supported \
                     if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’)."
                ),
            ),
            (
                Reason::PreflightCheck(CheckFailure::MultipleAllowOriginValues {
                    value: value("*, *"),
                }),
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: Multiple CORS header \
                     ‘Access-Control-Allow-Origin’ not allowed)."
                ),
            ),
            (
                Reason::Check(CheckFailure::AllowOriginMismatch {
                    value: value("http://localhost:4000"),
                }),
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: CORS header \
                     ‘Access-Control-Allow-Origin’ does not match ‘http://localhost:4000’)."
                ),
            ),
            (
                Reason::Check(CheckFailure::InvalidAllowOriginValue {
                    value: value("localhost:3000"),
                }),
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: CORS header \
                     ‘Access-Control-Allow-Origin’ does not match ‘localhost:3000’)."
                ),
            ),
            (
                Reason::Check(CheckFailure::InvalidAllowCredentials { value: value("") }),
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: expected ‘true’ in CORS header \
                     ‘Access-Control-Allow-Credentials’)."
                ),
            ),
            (
                Reason::PreflightInvalidStatus { status: 405 },
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: CORS preflight response did not \
                     succeed). Status code: 405."
                ),
            ),
            (
                Reason::PreflightDisallowedRedirect { status: 302 },
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: CORS request external redirect \
                     not allowed)."
                ),
            ),
            (
                Reason::InvalidAllowMethodsPreflightResponse {
                    value: value("GET,\tPUT/x , POST"),
                },
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: invalid token ‘PUT/x’ in CORS \
                     header ‘Access-Control-Allow-Methods’)."
                ),
            ),
            (
                Reason::InvalidAllowHeadersPreflightResponse {
                    value: value("x-a, x b"),
                },
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: invalid token ‘x b’ in CORS \
                     header ‘Access-Control-Allow-Headers’)."
                ),
            ),
            (
                Reason::MethodDisallowedByPreflightResponse {
                    method: value("PUT"),
                },
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: Did not find method in CORS \
                     header ‘Access-Control-Allow-Methods’)."
                ),
            ),
            (
                Reason::HeaderDisallowedByPreflightResponse {
                    header: value("x-token"),
                },
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: header ‘x-token’ is not allowed \
                     according to header ‘Access-Control-Allow-Headers’ from CORS preflight \
                     response)."
                ),
            ),
            (
                Reason::ConnectionFailed,
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: CORS request did not succeed). \
                     Status code: (null)."
                ),
            ),
            (
                Reason::TooManyRedirects,
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: CORS request did not succeed)."
                ),
            ),
            (
                Reason::RedirectToNonHttpScheme {
                    location: value("data:,hi"),
                },
                format!("{FIREFOX} data:,hi. (Reason: CORS request not http)."),
            ),
            (
                Reason::DisallowedByMode,
                "NetworkError when attempting to fetch resource.".to_owned(),
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(err(error).console_message_in(Engine::Firefox), expected);
        }
    }

    #[test]
    fn firefox_shows_the_status_of_a_response_without_allow_origin() {
        for error in [
            Reason::Check(CheckFailure::MissingAllowOriginHeader),
            Reason::PreflightCheck(CheckFailure::MissingAllowOriginHeader),
        ] {
            let mut e = err(error);
            let without = format!(
                "{FIREFOX} http://api.example/data. (Reason: CORS header \
                 ‘Access-Control-Allow-Origin’ missing)."
            );
            assert_eq!(e.console_message_in(Engine::Firefox), without);
            e.status = Some(404);
            assert_eq!(
                e.console_message_in(Engine::Firefox),
                format!("{without} Status code: 404.")
            );
        }
        // Other keys have no status, or a fixed one.
        for (error, ending) in [
            (
                Reason::Check(CheckFailure::AllowOriginMismatch {
                    value: value("http://localhost:4000"),
                }),
                "‘http://localhost:4000’).",
            ),
            (
                Reason::ConnectionFailed,
                "(Reason: CORS request did not succeed). Status code: (null).",
            ),
            (
                Reason::PreflightInvalidStatus { status: 405 },
                "Status code: 405.",
            ),
        ] {
            let mut e = err(error);
            e.status = Some(500);
            assert!(e.console_message_in(Engine::Firefox).ends_with(ending));
        }
    }

    #[test]
    fn firefox_names_non_http_schemes_and_keeps_same_origin_failures_generic() {
        assert_eq!(
            at(
                Reason::CorsDisabledScheme,
                "ftp://files.example/a",
                "ftp://files.example/a",
                InitiatorType::XmlHttpRequest
            )
            .console_message_in(Engine::Firefox),
            format!("{FIREFOX} ftp://files.example/a. (Reason: CORS request not http).")
        );
        let same_origin = at(
            Reason::ConnectionFailed,
            "http://localhost:3000/api",
            "http://localhost:3000/api",
            InitiatorType::Fetch,
        );
        assert_eq!(
            same_origin.console_message_in(Engine::Firefox),
            "NetworkError when attempting to fetch resource."
        );
        // A same-origin start redirected cross-origin has been cross-site.
        let redirected = at(
            Reason::TooManyRedirects,
            URL,
            "http://localhost:3000/api",
            InitiatorType::Fetch,
        );
        assert!(
            redirected
                .console_message_in(Engine::Firefox)
                .contains("(Reason: CORS request did not succeed).")
        );
    }
}
