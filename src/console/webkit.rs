//! WebKit's console lines: the reason, then the failed load.
//!
//! Sources: Source/WebCore/loader/CrossOriginAccessControl.cpp (`passesAccessControlCheck`,
//! `validatePreflightResponse`), Source/WebCore/loader/CrossOriginPreflightResultCache.cpp (the
//! allow-lists), Source/WebKit/NetworkProcess/NetworkLoadChecker.cpp (redirects, mode
//! `same-origin`), Source/WebCore/loader/DocumentThreadableLoader.cpp (non-CORS scheme),
//! Source/WebCore/loader/cache/CachedResourceLoader.cpp (`no-cors` with a redirect mode) and
//! Source/WebCore/loader/ThreadableLoader.cpp (`logError`, the second line).

use crate::error::{CheckFailure, NetworkError, Reason, shown};
use crate::request::InitiatorType;

/// WebKit's two console lines.
pub(super) fn message(e: &NetworkError) -> String {
    let url = &e.url;
    let api = match e.initiator_type {
        InitiatorType::Fetch => "Fetch API",
        InitiatorType::XmlHttpRequest => "XMLHttpRequest",
    };
    let access_control =
        |reason: &str| format!("{reason}\n{api} cannot load {url} due to access control checks.");
    match &e.reason {
        // WebKit ends this text with `\n`, dropped here so the two lines stay two.
        Reason::DisallowedByMode => access_control(&format!(
            "Unsafe attempt to load URL {url} from origin {}. Domains, protocols and ports must \
             match.",
            e.origin
        )),
        Reason::CorsDisabledScheme => {
            access_control("Cross origin requests are only supported for HTTP.")
        }
        Reason::NoCorsRedirectModeNotFollow => {
            access_control("No-Cors mode requires follow redirect mode")
        }
        // Not an access-control error: Web Inspector's failed-resource line.
        Reason::InvalidDataUrl => "Failed to load resource: bad URL".to_owned(),
        // `portAllowed` in `ResourceLoader`/`PingLoader`.
        Reason::BadPort => format!("Not allowed to use restricted network port: {url}"),
        // `MixedContentChecker::canRunInsecureContent`.
        Reason::MixedContent => format!(
            "[blocked] The page at {}/ requested insecure content from {url}. This content was \
             blocked and must be served over HTTPS.",
            e.origin
        ),
        Reason::Check(failure) | Reason::PreflightCheck(failure) => {
            access_control(&check(failure, &e.origin, e.status))
        }
        // A redirected preflight has no message of its own: its 3xx is not a success.
        Reason::PreflightInvalidStatus { status }
        | Reason::PreflightDisallowedRedirect { status } => access_control(&format!(
            "Preflight response is not successful. Status code: {status}"
        )),
        Reason::InvalidAllowMethodsPreflightResponse { value } => access_control(&format!(
            "Header Access-Control-Allow-Methods has an invalid value: {}",
            shown(value)
        )),
        Reason::InvalidAllowHeadersPreflightResponse { value } => access_control(&format!(
            "Header Access-Control-Allow-Headers has an invalid value: {}",
            shown(value)
        )),
        Reason::MethodDisallowedByPreflightResponse { method } => access_control(&format!(
            "Method {} is not allowed by Access-Control-Allow-Methods.",
            shown(method)
        )),
        Reason::HeaderDisallowedByPreflightResponse { header } => access_control(&format!(
            "Request header field {} is not allowed by Access-Control-Allow-Headers.",
            shown(header)
        )),
        Reason::RedirectContainsCredentials { location } => access_control(&format!(
            "Cross-origin redirection to {0} denied by Cross-Origin Resource Sharing policy: \
             redirection URL {0} has credentials",
            shown(location)
        )),
        Reason::RedirectToNonHttpScheme { location } => access_control(&format!(
            "Cross-origin redirection to {} denied by Cross-Origin Resource Sharing policy: not \
             allowed to follow a cross-origin CORS redirection with non CORS scheme",
            shown(location)
        )),
        Reason::TooManyRedirects => access_control("Load cannot follow more than 20 redirections"),
        Reason::RedirectModeError => access_control(&format!(
            "Not allowed to follow a redirection while loading {url}"
        )),
        // Not access-control errors, so `logError` adds no second line; the one line is Web
        // Inspector's failed-resource message with the network library's description (CFNetwork's
        // on Apple platforms; WebKitGTK's libsoup words them differently). WebKit has no
        // redirect-location check of its own: the bad-URL text is CFNetwork's for an unusable URL.
        Reason::InvalidRedirectLocation { .. } => "Failed to load resource: bad URL".to_owned(),
        Reason::ConnectionFailed => {
            "Failed to load resource: Could not connect to the server.".to_owned()
        }
    }
}

/// WebKit's reason for a failed CORS check (`passesAccessControlCheck`).
fn check(failure: &CheckFailure, origin: &str, status: Option<u16>) -> String {
    match failure {
        CheckFailure::WildcardOriginNotAllowed => {
            "Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true."
                .to_owned()
        }
        // WebKit looks for a comma only; Chromium's classification also counts a space.
        CheckFailure::MultipleAllowOriginValues { value } if value.contains(',') => {
            "Access-Control-Allow-Origin cannot contain more than one origin.".to_owned()
        }
        // Recent builds end this with ` Status code: {status}` (no full stop); older ones, and
        // this text when the status is unknown, do not.
        CheckFailure::MissingAllowOriginHeader
        | CheckFailure::MultipleAllowOriginValues { .. }
        | CheckFailure::InvalidAllowOriginValue { .. }
        | CheckFailure::AllowOriginMismatch { .. } => {
            let reason = format!("Origin {origin} is not allowed by Access-Control-Allow-Origin.");
            match status {
                Some(status) => format!("{reason} Status code: {status}"),
                None => reason,
            }
        }
        CheckFailure::InvalidAllowCredentials { .. } => {
            "Credentials flag is true, but Access-Control-Allow-Credentials is not \"true\"."
                .to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{at, err, value};
    use crate::profile::Engine;

    const WEBKIT_FETCH: &str = "\nFetch API cannot load http://api.example/data due to access \
                                control checks.";

    #[test]
    fn webkit_messages() {
        let cases = [
            (
                Reason::Check(CheckFailure::MissingAllowOriginHeader),
                "Origin http://localhost:3000 is not allowed by Access-Control-Allow-Origin.",
            ),
            (
                Reason::Check(CheckFailure::WildcardOriginNotAllowed),
                "Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.",
            ),
            (
                Reason::PreflightCheck(CheckFailure::MultipleAllowOriginValues {
                    value: value("http://a.example, http://b.example"),
                }),
                "Access-Control-Allow-Origin cannot contain more than one origin.",
            ),
            (
                Reason::Check(CheckFailure::MultipleAllowOriginValues {
                    value: value("http://a.example http://b.example"),
                }),
                "Origin http://localhost:3000 is not allowed by Access-Control-Allow-Origin.",
            ),
            (
                Reason::Check(CheckFailure::InvalidAllowCredentials {
                    value: value("yes"),
                }),
                "Credentials flag is true, but Access-Control-Allow-Credentials is not \"true\".",
            ),
            (
                Reason::PreflightInvalidStatus { status: 500 },
                "Preflight response is not successful. Status code: 500",
            ),
            (
                Reason::PreflightDisallowedRedirect { status: 307 },
                "Preflight response is not successful. Status code: 307",
            ),
            (
                Reason::MethodDisallowedByPreflightResponse {
                    method: value("DELETE"),
                },
                "Method DELETE is not allowed by Access-Control-Allow-Methods.",
            ),
            (
                Reason::HeaderDisallowedByPreflightResponse {
                    header: value("x-token"),
                },
                "Request header field x-token is not allowed by Access-Control-Allow-Headers.",
            ),
            (
                Reason::InvalidAllowMethodsPreflightResponse {
                    value: value("GET, PUT/"),
                },
                "Header Access-Control-Allow-Methods has an invalid value: GET, PUT/",
            ),
            (
                Reason::InvalidAllowHeadersPreflightResponse {
                    value: value("x b"),
                },
                "Header Access-Control-Allow-Headers has an invalid value: x b",
            ),
            (
                Reason::RedirectContainsCredentials {
                    location: value("http://u:p@b.example/"),
                },
                "Cross-origin redirection to http://u:p@b.example/ denied by Cross-Origin \
                 Resource Sharing policy: redirection URL http://u:p@b.example/ has credentials",
            ),
            (
                Reason::TooManyRedirects,
                "Load cannot follow more than 20 redirections",
            ),
            (
                Reason::RedirectModeError,
                "Not allowed to follow a redirection while loading http://api.example/data",
            ),
            (
                Reason::DisallowedByMode,
                "Unsafe attempt to load URL http://api.example/data from origin \
                 http://localhost:3000. Domains, protocols and ports must match.",
            ),
            (
                Reason::NoCorsRedirectModeNotFollow,
                "No-Cors mode requires follow redirect mode",
            ),
        ];
        for (error, reason) in cases {
            assert_eq!(
                err(error).console_message_in(Engine::WebKit),
                format!("{reason}{WEBKIT_FETCH}")
            );
        }
    }

    #[test]
    fn webkit_xhr_and_non_access_control_failures() {
        assert_eq!(
            at(
                Reason::CorsDisabledScheme,
                "file:///tmp/a.json",
                "file:///tmp/a.json",
                InitiatorType::XmlHttpRequest
            )
            .console_message_in(Engine::WebKit),
            "Cross origin requests are only supported for HTTP.\nXMLHttpRequest cannot load \
             file:///tmp/a.json due to access control checks."
        );
        assert_eq!(
            err(Reason::ConnectionFailed).console_message_in(Engine::WebKit),
            "Failed to load resource: Could not connect to the server."
        );
    }

    #[test]
    fn webkit_shows_the_status_of_a_response_from_another_origin_only() {
        let failures = [
            CheckFailure::MissingAllowOriginHeader,
            CheckFailure::AllowOriginMismatch {
                value: value("http://localhost:4000"),
            },
            CheckFailure::InvalidAllowOriginValue {
                value: value("localhost:3000"),
            },
        ];
        for failure in failures {
            let mut e = err(Reason::PreflightCheck(failure));
            let reason =
                "Origin http://localhost:3000 is not allowed by Access-Control-Allow-Origin.";
            assert_eq!(
                e.console_message_in(Engine::WebKit),
                format!("{reason}{WEBKIT_FETCH}")
            );
            e.status = Some(413);
            assert_eq!(
                e.console_message_in(Engine::WebKit),
                format!("{reason} Status code: 413{WEBKIT_FETCH}")
            );
        }
        let mut wildcard = err(Reason::Check(CheckFailure::WildcardOriginNotAllowed));
        wildcard.status = Some(200);
        assert!(
            !wildcard
                .console_message_in(Engine::WebKit)
                .contains("Status code")
        );
    }
}
