//! Chromium's console lines.
//!
//! Sources: third_party/blink/renderer/platform/loader/cors/cors_error_string.cc
//! (`GetErrorStringForConsoleMessage`, recent tree `cinagroup/CinaBrowser` @ b327869); the
//! failures `fetch()` rejects in the renderer before the network service sees the request:
//! third_party/blink/renderer/core/fetch/fetch_manager.cc (`FileIssueAndPerformNetworkError`);
//! the net error codes: services/network/cors/cors_url_loader.cc and net/base/net_error_list.h.
//! Chromium prints no status code.

use crate::error::{CheckFailure, NetworkError, Reason, shown};
use crate::request::InitiatorType;

/// `SchemeRegistry::ListOfCorsEnabledURLSchemes()` as Google Chrome prints it (hash-set order,
/// verbatim in Chrome reports from 2023 on). Other Chromium builds differ: Edge adds `edge`, older
/// builds lack `isolated-app`.
const CHROMIUM_CORS_SCHEMES: &str =
    "http, data, isolated-app, chrome-extension, chrome, https, chrome-untrusted";

/// Chromium's console line.
pub(super) fn message(e: &NetworkError) -> String {
    let url = &e.url;
    // `fetch()` checks mode and scheme of the URL script asked for in the renderer, with its own
    // wording; after a redirect (and for XHR) the network service's `CorsURLLoader` reports the
    // same failures as CORS errors.
    let in_renderer = e.initiator_type == InitiatorType::Fetch && e.url == e.initial_url;
    let cors = |detail: &str| cors(e, detail);
    // No CORS error here: the load fails in the net stack, and the console shows its net error
    // code for the URL.
    let net = |code: &str| format!("Failed to load '{url}': net::{code}");
    match &e.reason {
        Reason::DisallowedByMode if in_renderer => format!(
            "Fetch API cannot load {url}. Request mode is \"same-origin\" but the URL's origin is \
             not same as the request origin {}.",
            e.origin
        ),
        Reason::DisallowedByMode => cors("Cross origin requests are not allowed by request mode."),
        Reason::CorsDisabledScheme if in_renderer => format!(
            "Fetch API cannot load {url}. URL scheme \"{}\" is not supported.",
            url.scheme()
        ),
        Reason::CorsDisabledScheme => cors(&format!(
            "Cross origin requests are only supported for protocol schemes: \
             {CHROMIUM_CORS_SCHEMES}."
        )),
        Reason::NoCorsRedirectModeNotFollow => format!(
            "Fetch API cannot load {url}. Request mode is \"no-cors\" but the redirect mode is \
             not \"follow\"."
        ),
        // The data: URL loader fails the load with `ERR_INVALID_URL`.
        Reason::InvalidDataUrl => net("ERR_INVALID_URL"),
        Reason::BadPort => net("ERR_UNSAFE_PORT"),
        // third_party/blink/renderer/core/loader/mixed_content_checker.cc
        Reason::MixedContent => format!(
            "Mixed Content: The page at '{}/' was loaded over HTTPS, but requested an insecure \
             resource '{url}'. This request has been blocked; the content must be served over \
             HTTPS.",
            e.origin
        ),
        Reason::Check(failure) | Reason::PreflightCheck(failure) => {
            cors(&check(failure, e.initiator_type))
        }
        Reason::PreflightInvalidStatus { .. } => cors("It does not have HTTP ok status."),
        Reason::PreflightDisallowedRedirect { .. } => {
            cors("Redirect is not allowed for a preflight request.")
        }
        Reason::InvalidAllowMethodsPreflightResponse { .. } => cors(
            "Cannot parse Access-Control-Allow-Methods response header field in preflight \
             response.",
        ),
        Reason::InvalidAllowHeadersPreflightResponse { .. } => cors(
            "Cannot parse Access-Control-Allow-Headers response header field in preflight \
             response.",
        ),
        Reason::MethodDisallowedByPreflightResponse { method } => cors(&format!(
            "Method {} is not allowed by Access-Control-Allow-Methods in preflight response.",
            shown(method)
        )),
        Reason::HeaderDisallowedByPreflightResponse { header } => cors(&format!(
            "Request header field {} is not allowed by Access-Control-Allow-Headers in preflight \
             response.",
            shown(header)
        )),
        // `CheckRedirectLocation` builds this error without a `failed_parameter`, so Chromium
        // prints an empty hint, not the location.
        Reason::RedirectContainsCredentials { .. } => cors(
            "Redirect location '' contains a username and password, which is disallowed for \
             cross-origin requests.",
        ),
        Reason::TooManyRedirects => net("ERR_TOO_MANY_REDIRECTS"),
        // A doubled `Location` gives `ERR_RESPONSE_HEADERS_MULTIPLE_LOCATION` instead; the two
        // cases are one error here.
        Reason::InvalidRedirectLocation { .. } => net("ERR_INVALID_REDIRECT"),
        // `URLRequestJob::CanFollowRedirect` (see the comment in `CheckRedirectLocation`).
        Reason::RedirectToNonHttpScheme { .. } => net("ERR_UNSAFE_REDIRECT"),
        // Redirect mode `error`: `ResourceLoader::WillFollowRedirect` fails the load with
        // `ResourceError::Failure`. A failed connection has its own code (`ERR_CONNECTION_REFUSED`,
        // `ERR_CONNECTION_RESET`, …), which this crate does not know: the generic one stands in.
        Reason::RedirectModeError | Reason::ConnectionFailed => net("ERR_FAILED"),
    }
}

/// Chromium's CORS template around a detail text.
fn cors(e: &NetworkError, detail: &str) -> String {
    let resource = match e.initiator_type {
        InitiatorType::Fetch => "fetch",
        InitiatorType::XmlHttpRequest => "XMLHttpRequest",
    };
    let redirected = if e.url == e.initial_url {
        String::new()
    } else {
        format!("(redirected from '{}') ", e.initial_url)
    };
    // `IsPreflightError`: the preflight's CORS check and status, not its allow-lists.
    let preflight = if matches!(
        e.reason,
        Reason::PreflightCheck(_)
            | Reason::PreflightInvalidStatus { .. }
            | Reason::PreflightDisallowedRedirect { .. }
    ) {
        "Response to preflight request doesn't pass access control check: "
    } else {
        ""
    };
    format!(
        "Access to {resource} at '{}' {redirected}from origin '{}' has been blocked by CORS \
         policy: {preflight}{detail}",
        e.url, e.origin
    )
}

/// Chromium's detail text for a failed CORS check.
fn check(failure: &CheckFailure, initiator: InitiatorType) -> String {
    // `kNoCorsInformation` (recent wording), added for `fetch()` only.
    let fetch_suffix = match initiator {
        InitiatorType::Fetch => " Have the server send the header with a valid value.",
        InitiatorType::XmlHttpRequest => "",
    };
    let xhr_suffix = match initiator {
        InitiatorType::Fetch => "",
        InitiatorType::XmlHttpRequest => {
            " The credentials mode of requests initiated by the XMLHttpRequest is controlled by \
             the withCredentials attribute."
        }
    };
    match failure {
        CheckFailure::WildcardOriginNotAllowed => format!(
            "The value of the 'Access-Control-Allow-Origin' header in the response must not be \
             the wildcard '*' when the request's credentials mode is 'include'.{xhr_suffix}"
        ),
        CheckFailure::MissingAllowOriginHeader => {
            "No 'Access-Control-Allow-Origin' header is present on the requested resource."
                .to_owned()
        }
        CheckFailure::MultipleAllowOriginValues { value } => format!(
            "The 'Access-Control-Allow-Origin' header contains multiple values '{}', but only one \
             is allowed.{fetch_suffix}",
            shown(value)
        ),
        CheckFailure::InvalidAllowOriginValue { value } => format!(
            "The 'Access-Control-Allow-Origin' header contains the invalid value '{}'.\
             {fetch_suffix}",
            shown(value)
        ),
        CheckFailure::AllowOriginMismatch { value } => format!(
            "The 'Access-Control-Allow-Origin' header has a value '{}' that is not equal to the \
             supplied origin.{fetch_suffix}",
            shown(value)
        ),
        CheckFailure::InvalidAllowCredentials { value } => format!(
            "The value of the 'Access-Control-Allow-Credentials' header in the response is '{}' \
             which must be 'true' when the request's credentials mode is 'include'.{xhr_suffix}",
            shown(value)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{URL, at, check_failures, err, value};
    use crate::profile::Engine;

    const BLOCKED: &str = "Access to fetch at 'http://api.example/data' from origin \
                           'http://localhost:3000' has been blocked by CORS policy: ";
    const PREFLIGHT: &str = "Response to preflight request doesn't pass access control check: ";
    const FETCH_SUFFIX: &str = " Have the server send the header with a valid value.";
    const XHR_SUFFIX: &str = " The credentials mode of requests initiated by the XMLHttpRequest \
                              is controlled by the withCredentials attribute.";

    #[test]
    fn chromium_check_failures_with_and_without_the_preflight_prefix() {
        let details = [
            "The value of the 'Access-Control-Allow-Origin' header in the response must not be \
             the wildcard '*' when the request's credentials mode is 'include'."
                .to_owned(),
            "No 'Access-Control-Allow-Origin' header is present on the requested resource."
                .to_owned(),
            format!(
                "The 'Access-Control-Allow-Origin' header contains multiple values \
                 'http://localhost:3000, http://localhost:3000', but only one is allowed.\
                 {FETCH_SUFFIX}"
            ),
            format!(
                "The 'Access-Control-Allow-Origin' header contains the invalid value \
                 'localhost:3000'.{FETCH_SUFFIX}"
            ),
            format!(
                "The 'Access-Control-Allow-Origin' header has a value 'http://localhost:4000' \
                 that is not equal to the supplied origin.{FETCH_SUFFIX}"
            ),
            "The value of the 'Access-Control-Allow-Credentials' header in the response is '' \
             which must be 'true' when the request's credentials mode is 'include'."
                .to_owned(),
        ];
        for (failure, detail) in check_failures().into_iter().zip(details) {
            assert_eq!(
                message(&err(Reason::Check(failure.clone()))),
                format!("{BLOCKED}{detail}")
            );
            assert_eq!(
                message(&err(Reason::PreflightCheck(failure))),
                format!("{BLOCKED}{PREFLIGHT}{detail}")
            );
        }
    }

    #[test]
    fn chromium_other_cors_errors() {
        let cases = [
            (
                Reason::PreflightInvalidStatus { status: 404 },
                format!("{BLOCKED}{PREFLIGHT}It does not have HTTP ok status."),
            ),
            (
                Reason::PreflightDisallowedRedirect { status: 301 },
                format!("{BLOCKED}{PREFLIGHT}Redirect is not allowed for a preflight request."),
            ),
            (
                Reason::InvalidAllowMethodsPreflightResponse {
                    value: value("GET, PUT/"),
                },
                format!(
                    "{BLOCKED}Cannot parse Access-Control-Allow-Methods response header field \
                     in preflight response."
                ),
            ),
            (
                Reason::InvalidAllowHeadersPreflightResponse {
                    value: value("x b"),
                },
                format!(
                    "{BLOCKED}Cannot parse Access-Control-Allow-Headers response header field \
                     in preflight response."
                ),
            ),
            (
                Reason::MethodDisallowedByPreflightResponse {
                    method: value("PUT"),
                },
                format!(
                    "{BLOCKED}Method PUT is not allowed by Access-Control-Allow-Methods in \
                     preflight response."
                ),
            ),
            (
                Reason::HeaderDisallowedByPreflightResponse {
                    header: value("x-token"),
                },
                format!(
                    "{BLOCKED}Request header field x-token is not allowed by \
                     Access-Control-Allow-Headers in preflight response."
                ),
            ),
            (
                Reason::RedirectContainsCredentials {
                    location: value("http://user:pw@other.example/"),
                },
                format!(
                    "{BLOCKED}Redirect location '' contains a username and password, which is \
                     disallowed for cross-origin requests."
                ),
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(message(&err(error)), expected);
        }
    }

    #[test]
    fn chromium_renderer_checks_of_fetch() {
        assert_eq!(
            message(&err(Reason::DisallowedByMode)),
            "Fetch API cannot load http://api.example/data. Request mode is \"same-origin\" but \
             the URL's origin is not same as the request origin http://localhost:3000."
        );
        assert_eq!(
            message(&at(
                Reason::CorsDisabledScheme,
                "file:///tmp/a.json",
                "file:///tmp/a.json",
                InitiatorType::Fetch
            )),
            "Fetch API cannot load file:///tmp/a.json. URL scheme \"file\" is not supported."
        );
        assert_eq!(
            message(&err(Reason::NoCorsRedirectModeNotFollow)),
            "Fetch API cannot load http://api.example/data. Request mode is \"no-cors\" but the \
             redirect mode is not \"follow\"."
        );
    }

    #[test]
    fn chromium_mode_and_scheme_errors_from_the_network_service() {
        assert_eq!(
            message(&at(
                Reason::DisallowedByMode,
                URL,
                "http://localhost:3000/go",
                InitiatorType::Fetch
            )),
            "Access to fetch at 'http://api.example/data' (redirected from \
             'http://localhost:3000/go') from origin 'http://localhost:3000' has been blocked by \
             CORS policy: Cross origin requests are not allowed by request mode."
        );
        assert_eq!(
            message(&at(
                Reason::CorsDisabledScheme,
                "file:///tmp/a.json",
                "file:///tmp/a.json",
                InitiatorType::XmlHttpRequest
            )),
            "Access to XMLHttpRequest at 'file:///tmp/a.json' from origin 'http://localhost:3000' \
             has been blocked by CORS policy: Cross origin requests are only supported for \
             protocol schemes: http, data, isolated-app, chrome-extension, chrome, https, \
             chrome-untrusted."
        );
    }

    #[test]
    fn chromium_net_errors() {
        let cases = [
            (Reason::TooManyRedirects, "ERR_TOO_MANY_REDIRECTS"),
            (
                Reason::InvalidRedirectLocation {
                    value: value("http://[::1"),
                },
                "ERR_INVALID_REDIRECT",
            ),
            (
                Reason::RedirectToNonHttpScheme {
                    location: value("data:,hi"),
                },
                "ERR_UNSAFE_REDIRECT",
            ),
            (Reason::RedirectModeError, "ERR_FAILED"),
            (Reason::ConnectionFailed, "ERR_FAILED"),
        ];
        for (error, code) in cases {
            assert_eq!(
                message(&err(error)),
                format!("Failed to load 'http://api.example/data': net::{code}")
            );
        }
    }

    #[test]
    fn chromium_redirected_from() {
        let e = at(
            Reason::Check(CheckFailure::MissingAllowOriginHeader),
            URL,
            "http://localhost:3000/api",
            InitiatorType::Fetch,
        );
        assert_eq!(
            e.console_message_in(Engine::Chromium),
            "Access to fetch at 'http://api.example/data' (redirected from \
             'http://localhost:3000/api') from origin 'http://localhost:3000' has been blocked by \
             CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested \
             resource."
        );
    }

    #[test]
    fn chromium_xhr_suffixes() {
        let xhr = |failure| {
            at(
                Reason::Check(failure),
                URL,
                URL,
                InitiatorType::XmlHttpRequest,
            )
            .console_message_in(Engine::Chromium)
        };
        let blocked = "Access to XMLHttpRequest at 'http://api.example/data' from origin \
                       'http://localhost:3000' has been blocked by CORS policy: ";
        assert_eq!(
            xhr(CheckFailure::WildcardOriginNotAllowed),
            format!(
                "{blocked}The value of the 'Access-Control-Allow-Origin' header in the response \
                 must not be the wildcard '*' when the request's credentials mode is \
                 'include'.{XHR_SUFFIX}"
            )
        );
        assert_eq!(
            xhr(CheckFailure::InvalidAllowCredentials {
                value: value("TRUE")
            }),
            format!(
                "{blocked}The value of the 'Access-Control-Allow-Credentials' header in the \
                 response is 'TRUE' which must be 'true' when the request's credentials mode is \
                 'include'.{XHR_SUFFIX}"
            )
        );
        // The fetch suffix is for fetch() only.
        assert_eq!(
            xhr(CheckFailure::AllowOriginMismatch {
                value: value("http://a.example")
            }),
            format!(
                "{blocked}The 'Access-Control-Allow-Origin' header has a value \
                 'http://a.example' that is not equal to the supplied origin."
            )
        );
    }
}
