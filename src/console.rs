//! Console messages: what each engine's developer console prints when a fetch fails, and a
//! one-line fix for whoever can change the outcome.
//!
//! The texts are the engines' own, taken from their sources (each engine's block names the files)
//! and from the project's research notes (`research/engines.md` §1.12, §2.8, §3.3, §3.4, §7); only
//! the parameters (URLs, origin, header values, status) are filled in. Where an engine's text needs
//! a value a [`NetworkError`] does not keep (the status code of a response that failed the CORS
//! check), the sentence showing it is left out; where an engine prints nothing specific, the
//! nearest line it does print is used. Each such place says so. Header values and redirect
//! locations pass through [`hint`], so a message never contains a control character.

use crate::error::{CheckFailure, CorsError, NetworkError, hint};
use crate::method::is_token;
use crate::profile::Engine;
use crate::request::Initiator;

impl NetworkError {
    /// The message the engine's console prints for this failure. `Engine::Spec` uses Chromium's
    /// wording.
    ///
    /// Chromium and Firefox print one line. WebKit logs the reason and then the failed load
    /// (`Fetch API cannot load … due to access control checks.`); the two lines are joined by
    /// `\n`.
    pub fn console_message(&self, engine: Engine) -> String {
        match engine {
            Engine::Spec | Engine::Chromium => chromium(self),
            Engine::Firefox => firefox(self),
            Engine::WebKit => webkit(self),
        }
    }

    /// One line telling the server's owner what to change so that the browser allows the
    /// request, using the actual origin, URL, method or header; e.g. for a missing
    /// `Access-Control-Allow-Origin`: "Have the server at http://api.example add
    /// `Access-Control-Allow-Origin: http://localhost:3000` (or `*` if the response needs no
    /// credentials) to its responses."
    ///
    /// For failures no server header can cure (the request's mode or redirect mode, a URL scheme
    /// other than HTTP(S), no response at all) it says what the page or the request must change
    /// instead.
    pub fn fix(&self) -> String {
        fix(self)
    }
}

/// A header value or URL taken from a response, escaped so the message stays one printable line.
fn shown(text: &str) -> String {
    hint(text.as_bytes())
}

// Chromium: third_party/blink/renderer/platform/loader/cors/cors_error_string.cc
// (`GetErrorStringForConsoleMessage`, recent tree `cinagroup/CinaBrowser` @ b327869); the failures
// `fetch()` rejects in the renderer before the network service sees the request:
// third_party/blink/renderer/core/fetch/fetch_manager.cc (`FileIssueAndPerformNetworkError`); the
// net error codes: services/network/cors/cors_url_loader.cc and net/base/net_error_list.h.

/// `SchemeRegistry::ListOfCorsEnabledURLSchemes()` as Google Chrome prints it (hash-set order,
/// verbatim in Chrome reports from 2023 on). Other Chromium builds differ: Edge adds `edge`, older
/// builds lack `isolated-app`.
const CHROMIUM_CORS_SCHEMES: &str =
    "http, data, isolated-app, chrome-extension, chrome, https, chrome-untrusted";

/// Chromium's console line.
fn chromium(e: &NetworkError) -> String {
    let url = &e.url;
    // `fetch()` checks mode and scheme of the URL script asked for in the renderer, with its own
    // wording; after a redirect (and for XHR) the network service's `CorsURLLoader` reports the
    // same failures as CORS errors.
    let in_renderer = e.initiator == Initiator::Fetch && e.url == e.initial_url;
    let cors = |detail: &str| chromium_cors(e, detail);
    // No CORS error here: the load fails in the net stack, and the console shows its net error
    // code for the URL.
    let net = |code: &str| format!("Failed to load '{url}': net::{code}");
    match &e.error {
        CorsError::DisallowedByMode if in_renderer => format!(
            "Fetch API cannot load {url}. Request mode is \"same-origin\" but the URL's origin is \
             not same as the request origin {}.",
            e.origin
        ),
        CorsError::DisallowedByMode => {
            cors("Cross origin requests are not allowed by request mode.")
        }
        CorsError::CorsDisabledScheme if in_renderer => format!(
            "Fetch API cannot load {url}. URL scheme \"{}\" is not supported.",
            url.scheme()
        ),
        CorsError::CorsDisabledScheme => cors(&format!(
            "Cross origin requests are only supported for protocol schemes: \
             {CHROMIUM_CORS_SCHEMES}."
        )),
        CorsError::NoCorsRedirectModeNotFollow => format!(
            "Fetch API cannot load {url}. Request mode is \"no-cors\" but the redirect mode is \
             not \"follow\"."
        ),
        // The data: URL loader fails the load with `ERR_INVALID_URL`.
        CorsError::InvalidDataUrl => net("ERR_INVALID_URL"),
        CorsError::BadPort => net("ERR_UNSAFE_PORT"),
        // third_party/blink/renderer/core/loader/mixed_content_checker.cc
        CorsError::MixedContent => format!(
            "Mixed Content: The page at '{}/' was loaded over HTTPS, but requested an insecure \
             resource '{url}'. This request has been blocked; the content must be served over \
             HTTPS.",
            e.origin
        ),
        CorsError::Check(failure) | CorsError::PreflightCheck(failure) => {
            cors(&chromium_check(failure, e.initiator))
        }
        CorsError::PreflightInvalidStatus { .. } => cors("It does not have HTTP ok status."),
        CorsError::PreflightDisallowedRedirect { .. } => {
            cors("Redirect is not allowed for a preflight request.")
        }
        CorsError::InvalidAllowMethodsPreflightResponse { .. } => cors(
            "Cannot parse Access-Control-Allow-Methods response header field in preflight \
             response.",
        ),
        CorsError::InvalidAllowHeadersPreflightResponse { .. } => cors(
            "Cannot parse Access-Control-Allow-Headers response header field in preflight \
             response.",
        ),
        CorsError::MethodDisallowedByPreflightResponse { method } => cors(&format!(
            "Method {} is not allowed by Access-Control-Allow-Methods in preflight response.",
            shown(method)
        )),
        CorsError::HeaderDisallowedByPreflightResponse { header } => cors(&format!(
            "Request header field {} is not allowed by Access-Control-Allow-Headers in preflight \
             response.",
            shown(header)
        )),
        // `CheckRedirectLocation` builds this error without a `failed_parameter`, so Chromium
        // prints an empty hint, not the location.
        CorsError::RedirectContainsCredentials { .. } => cors(
            "Redirect location '' contains a username and password, which is disallowed for \
             cross-origin requests.",
        ),
        CorsError::TooManyRedirects => net("ERR_TOO_MANY_REDIRECTS"),
        // A doubled `Location` gives `ERR_RESPONSE_HEADERS_MULTIPLE_LOCATION` instead; the two
        // cases are one error here.
        CorsError::InvalidRedirectLocation { .. } => net("ERR_INVALID_REDIRECT"),
        // `URLRequestJob::CanFollowRedirect` (see the comment in `CheckRedirectLocation`).
        CorsError::RedirectToNonHttpScheme { .. } => net("ERR_UNSAFE_REDIRECT"),
        // Redirect mode `error`: `ResourceLoader::WillFollowRedirect` fails the load with
        // `ResourceError::Failure`. A failed connection has its own code (`ERR_CONNECTION_REFUSED`,
        // `ERR_CONNECTION_RESET`, …), which this crate does not know: the generic one stands in.
        CorsError::RedirectModeError | CorsError::ConnectionFailed => net("ERR_FAILED"),
    }
}

/// Chromium's CORS template around a detail text.
fn chromium_cors(e: &NetworkError, detail: &str) -> String {
    let resource = match e.initiator {
        Initiator::Fetch => "fetch",
        Initiator::XmlHttpRequest => "XMLHttpRequest",
    };
    let redirected = if e.url == e.initial_url {
        String::new()
    } else {
        format!("(redirected from '{}') ", e.initial_url)
    };
    // `IsPreflightError`: the preflight's CORS check and status, not its allow-lists.
    let preflight = if matches!(
        e.error,
        CorsError::PreflightCheck(_)
            | CorsError::PreflightInvalidStatus { .. }
            | CorsError::PreflightDisallowedRedirect { .. }
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
fn chromium_check(failure: &CheckFailure, initiator: Initiator) -> String {
    // `kNoCorsInformation` (recent wording), added for `fetch()` only.
    let fetch_suffix = match initiator {
        Initiator::Fetch => " Have the server send the header with a valid value.",
        Initiator::XmlHttpRequest => "",
    };
    let xhr_suffix = match initiator {
        Initiator::Fetch => "",
        Initiator::XmlHttpRequest => {
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

// Firefox: dom/locales/en-US/chrome/security/security.properties, the `CORS*` keys logged by
// netwerk/protocol/http/nsCORSListenerProxy.cpp (`%1$S` = URL, `%2$S` = parameter; the quotes
// are U+2018/U+2019 as in the file). The `Status code: %2$S.` sentence of
// `CORSMissingAllowOrigin2` and `CORSDidNotSucceed2` is left out where the status is unknown here.

/// Firefox's console line.
fn firefox(e: &NetworkError) -> String {
    let url = e.url.as_str();
    let blocked = |reason: &str| firefox_blocked(url, reason);
    // The CORS listener logs only for loads that have been cross-origin (`mHasBeenCrossSite`).
    let cross_origin = [&e.url, &e.initial_url]
        .into_iter()
        .any(|u| u.origin().ascii_serialization() != e.origin);
    match &e.error {
        CorsError::Check(failure) | CorsError::PreflightCheck(failure) => {
            firefox_check(failure, url)
        }
        // CORSRequestNotHttp
        CorsError::CorsDisabledScheme => blocked("CORS request not http"),
        // CORSPreflightDidNotSucceed3
        CorsError::PreflightInvalidStatus { status } => format!(
            "{} Status code: {status}.",
            blocked("CORS preflight response did not succeed")
        ),
        // CORSExternalRedirectNotAllowed
        CorsError::PreflightDisallowedRedirect { .. } => {
            blocked("CORS request external redirect not allowed")
        }
        // CORSInvalidAllowMethod
        CorsError::InvalidAllowMethodsPreflightResponse { value } => blocked(&format!(
            "invalid token ‘{}’ in CORS header ‘Access-Control-Allow-Methods’",
            first_invalid_token(value)
        )),
        // CORSInvalidAllowHeader
        CorsError::InvalidAllowHeadersPreflightResponse { value } => blocked(&format!(
            "invalid token ‘{}’ in CORS header ‘Access-Control-Allow-Headers’",
            first_invalid_token(value)
        )),
        // CORSMethodNotFound
        CorsError::MethodDisallowedByPreflightResponse { .. } => {
            blocked("Did not find method in CORS header ‘Access-Control-Allow-Methods’")
        }
        // CORSMissingAllowHeaderFromPreflight2
        CorsError::HeaderDisallowedByPreflightResponse { header } => blocked(&format!(
            "header ‘{}’ is not allowed according to header ‘Access-Control-Allow-Headers’ from \
             CORS preflight response",
            shown(header)
        )),
        // CORSRequestNotHttp, logged by `UpdateChannel` for the redirect's new channel.
        CorsError::RedirectToNonHttpScheme { location } if cross_origin => {
            firefox_blocked(&shown(location), "CORS request not http")
        }
        // CORSDidNotSucceed2: a channel without a response shows its status as `(null)`.
        CorsError::ConnectionFailed if cross_origin => format!(
            "{} Status code: (null).",
            blocked("CORS request did not succeed")
        ),
        // CORSDidNotSucceed2: `CheckRequestApproved` logs every failed channel (a vetoed
        // redirect has no dedicated key); the redirect response's status is not kept here.
        CorsError::RedirectContainsCredentials { .. }
        | CorsError::InvalidRedirectLocation { .. }
        | CorsError::TooManyRedirects
        | CorsError::RedirectModeError
            if cross_origin =>
        {
            blocked("CORS request did not succeed")
        }
        // No CORS listener message (same-origin loads, mode checks): what the console shows is
        // the `TypeError` that rejects `fetch()`.
        // nsMixedContentBlocker (security.properties `BlockMixedActiveContent`).
        CorsError::MixedContent => format!("Blocked loading mixed active content “{}”", e.url),
        CorsError::DisallowedByMode
        | CorsError::NoCorsRedirectModeNotFollow
        | CorsError::InvalidDataUrl
        | CorsError::BadPort
        | CorsError::RedirectContainsCredentials { .. }
        | CorsError::InvalidRedirectLocation { .. }
        | CorsError::RedirectToNonHttpScheme { .. }
        | CorsError::TooManyRedirects
        | CorsError::RedirectModeError
        | CorsError::ConnectionFailed => {
            "NetworkError when attempting to fetch resource.".to_owned()
        }
    }
}

/// Firefox's `Cross-Origin Request Blocked` template.
fn firefox_blocked(resource: &str, reason: &str) -> String {
    format!(
        "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote \
         resource at {resource}. (Reason: {reason})."
    )
}

/// Firefox's line for a failed CORS check (`CheckRequestApproved`).
fn firefox_check(failure: &CheckFailure, url: &str) -> String {
    match failure {
        // CORSNotSupportingCredentials, the one key that quotes the URL.
        CheckFailure::WildcardOriginNotAllowed => firefox_blocked(
            &format!("‘{url}’"),
            "Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’",
        ),
        // CORSMissingAllowOrigin2, without its status sentence.
        CheckFailure::MissingAllowOriginHeader => {
            firefox_blocked(url, "CORS header ‘Access-Control-Allow-Origin’ missing")
        }
        // CORSMultipleAllowOriginNotAllowed. Firefox counts headers: one header holding
        // `a, b` gets CORSAllowOriginNotMatchingOrigin, which the joined value cannot tell apart.
        CheckFailure::MultipleAllowOriginValues { .. } => firefox_blocked(
            url,
            "Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed",
        ),
        // CORSAllowOriginNotMatchingOrigin, whose parameter is the header's value.
        CheckFailure::InvalidAllowOriginValue { value }
        | CheckFailure::AllowOriginMismatch { value } => firefox_blocked(
            url,
            &format!(
                "CORS header ‘Access-Control-Allow-Origin’ does not match ‘{}’",
                shown(value)
            ),
        ),
        // CORSMissingAllowCredentials
        CheckFailure::InvalidAllowCredentials { .. } => firefox_blocked(
            url,
            "expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’",
        ),
    }
}

/// The parameter of Firefox's `CORSInvalidAllowMethod`/`CORSInvalidAllowHeader`: the first element
/// of the comma-separated value (trimmed of spaces and tabs, empty ones skipped) that is not an
/// HTTP token, else the whole value.
fn first_invalid_token(value: &str) -> String {
    let invalid = value
        .split(',')
        .map(|item| item.trim_matches([' ', '\t']))
        .find(|item| !item.is_empty() && !is_token(item.as_bytes()));
    shown(invalid.unwrap_or(value))
}

// WebKit: Source/WebCore/loader/CrossOriginAccessControl.cpp (`passesAccessControlCheck`,
// `validatePreflightResponse`), Source/WebCore/loader/CrossOriginPreflightResultCache.cpp (the
// allow-lists), Source/WebKit/NetworkProcess/NetworkLoadChecker.cpp (redirects, mode
// `same-origin`), Source/WebCore/loader/DocumentThreadableLoader.cpp (non-CORS scheme),
// Source/WebCore/loader/cache/CachedResourceLoader.cpp (`no-cors` with a redirect mode) and
// Source/WebCore/loader/ThreadableLoader.cpp (`logError`, the second line).

/// WebKit's two console lines.
fn webkit(e: &NetworkError) -> String {
    let url = &e.url;
    let api = match e.initiator {
        Initiator::Fetch => "Fetch API",
        Initiator::XmlHttpRequest => "XMLHttpRequest",
    };
    let access_control =
        |reason: &str| format!("{reason}\n{api} cannot load {url} due to access control checks.");
    match &e.error {
        // WebKit ends this text with `\n`, dropped here so the two lines stay two.
        CorsError::DisallowedByMode => access_control(&format!(
            "Unsafe attempt to load URL {url} from origin {}. Domains, protocols and ports must \
             match.",
            e.origin
        )),
        CorsError::CorsDisabledScheme => {
            access_control("Cross origin requests are only supported for HTTP.")
        }
        CorsError::NoCorsRedirectModeNotFollow => {
            access_control("No-Cors mode requires follow redirect mode")
        }
        // Not an access-control error: Web Inspector's failed-resource line.
        CorsError::InvalidDataUrl => "Failed to load resource: bad URL".to_owned(),
        // `portAllowed` in `ResourceLoader`/`PingLoader`.
        CorsError::BadPort => format!("Not allowed to use restricted network port: {url}"),
        // `MixedContentChecker::canRunInsecureContent`.
        CorsError::MixedContent => format!(
            "[blocked] The page at {}/ requested insecure content from {url}. This content was \
             blocked and must be served over HTTPS.",
            e.origin
        ),
        CorsError::Check(failure) | CorsError::PreflightCheck(failure) => {
            access_control(&webkit_check(failure, &e.origin))
        }
        // A redirected preflight has no message of its own: its 3xx is not a success.
        CorsError::PreflightInvalidStatus { status }
        | CorsError::PreflightDisallowedRedirect { status } => access_control(&format!(
            "Preflight response is not successful. Status code: {status}"
        )),
        CorsError::InvalidAllowMethodsPreflightResponse { value } => access_control(&format!(
            "Header Access-Control-Allow-Methods has an invalid value: {}",
            shown(value)
        )),
        CorsError::InvalidAllowHeadersPreflightResponse { value } => access_control(&format!(
            "Header Access-Control-Allow-Headers has an invalid value: {}",
            shown(value)
        )),
        CorsError::MethodDisallowedByPreflightResponse { method } => access_control(&format!(
            "Method {} is not allowed by Access-Control-Allow-Methods.",
            shown(method)
        )),
        CorsError::HeaderDisallowedByPreflightResponse { header } => access_control(&format!(
            "Request header field {} is not allowed by Access-Control-Allow-Headers.",
            shown(header)
        )),
        CorsError::RedirectContainsCredentials { location } => access_control(&format!(
            "Cross-origin redirection to {0} denied by Cross-Origin Resource Sharing policy: \
             redirection URL {0} has credentials",
            shown(location)
        )),
        CorsError::RedirectToNonHttpScheme { location } => access_control(&format!(
            "Cross-origin redirection to {} denied by Cross-Origin Resource Sharing policy: not \
             allowed to follow a cross-origin CORS redirection with non CORS scheme",
            shown(location)
        )),
        CorsError::TooManyRedirects => {
            access_control("Load cannot follow more than 20 redirections")
        }
        CorsError::RedirectModeError => access_control(&format!(
            "Not allowed to follow a redirection while loading {url}"
        )),
        // Not access-control errors, so `logError` adds no second line; the one line is Web
        // Inspector's failed-resource message with the network library's description (CFNetwork's
        // on Apple platforms; WebKitGTK's libsoup words them differently). WebKit has no
        // redirect-location check of its own: the bad-URL text is CFNetwork's for an unusable URL.
        CorsError::InvalidRedirectLocation { .. } => "Failed to load resource: bad URL".to_owned(),
        CorsError::ConnectionFailed => {
            "Failed to load resource: Could not connect to the server.".to_owned()
        }
    }
}

/// WebKit's reason for a failed CORS check (`passesAccessControlCheck`).
fn webkit_check(failure: &CheckFailure, origin: &str) -> String {
    match failure {
        CheckFailure::WildcardOriginNotAllowed => {
            "Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true."
                .to_owned()
        }
        // WebKit looks for a comma only; Chromium's classification also counts a space.
        CheckFailure::MultipleAllowOriginValues { value } if value.contains(',') => {
            "Access-Control-Allow-Origin cannot contain more than one origin.".to_owned()
        }
        // Recent builds end this with ` Status code: {status}`, which is not kept here.
        CheckFailure::MissingAllowOriginHeader
        | CheckFailure::MultipleAllowOriginValues { .. }
        | CheckFailure::InvalidAllowOriginValue { .. }
        | CheckFailure::AllowOriginMismatch { .. } => {
            format!("Origin {origin} is not allowed by Access-Control-Allow-Origin.")
        }
        CheckFailure::InvalidAllowCredentials { .. } => {
            "Credentials flag is true, but Access-Control-Allow-Credentials is not \"true\"."
                .to_owned()
        }
    }
}

/// See [`NetworkError::fix`].
fn fix(e: &NetworkError) -> String {
    let url = &e.url;
    let origin = &e.origin;
    let server = format!("the server at {}", url.origin().ascii_serialization());
    let preflight = format!("the preflight `OPTIONS {url}`");
    match &e.error {
        CorsError::DisallowedByMode => format!(
            "The request's mode `same-origin` forbids {url}, which is not on {origin}: use mode \
             `cors` (the default) and have the server allow {origin}, or request a URL on {origin}."
        ),
        CorsError::CorsDisabledScheme => format!(
            "Cross-origin requests work only with http and https URLs: serve {url} over HTTP(S) \
             (e.g. from a local web server) instead of as a `{}:` URL.",
            url.scheme()
        ),
        CorsError::NoCorsRedirectModeNotFollow => format!(
            "A `no-cors` request must follow redirects: drop the request's `redirect` option (or \
             set it to `follow`), or request {url} with mode `cors`."
        ),
        CorsError::InvalidDataUrl => format!(
            "{url} is not a valid data: URL: write it as `data:[<media type>][;base64],<data>`."
        ),
        CorsError::BadPort => format!(
            "Browsers never fetch HTTP(S) from port {} (a \"bad port\"): serve {server} on \
             another port, such as 8080.",
            url.port_or_known_default().unwrap_or_default()
        ),
        CorsError::MixedContent => format!(
            "A page served over https cannot fetch plain http: serve {url} over https (or serve \
             the page at {origin} over http for local testing)."
        ),
        CorsError::Check(failure) => check_fix(failure, &server, origin, "its responses"),
        CorsError::PreflightCheck(failure) => check_fix(
            failure,
            &server,
            origin,
            "its responses to preflight (`OPTIONS`) requests",
        ),
        CorsError::PreflightInvalidStatus { status } => format!(
            "Have {server} answer {preflight} with a 2xx status (such as 204) instead of {status}."
        ),
        CorsError::PreflightDisallowedRedirect { status } => format!(
            "Have {server} answer {preflight} itself with a 2xx status instead of redirecting \
             ({status}), since a preflight is never redirected, or have the page request the \
             redirect's target directly."
        ),
        CorsError::InvalidAllowMethodsPreflightResponse { value } => format!(
            "Have {server} send `Access-Control-Allow-Methods` as a comma-separated list of \
             method names (`{}` is not one) in its responses to preflight requests.",
            first_invalid_token(value)
        ),
        CorsError::InvalidAllowHeadersPreflightResponse { value } => format!(
            "Have {server} send `Access-Control-Allow-Headers` as a comma-separated list of \
             header names (`{}` is not one) in its responses to preflight requests.",
            first_invalid_token(value)
        ),
        CorsError::MethodDisallowedByPreflightResponse { method } => format!(
            "Have {server} add `{}` to `Access-Control-Allow-Methods` in its responses to \
             preflight requests from {origin}.",
            shown(method)
        ),
        CorsError::HeaderDisallowedByPreflightResponse { header } => format!(
            "Have {server} add `{}` to `Access-Control-Allow-Headers` in its responses to \
             preflight requests from {origin}.",
            shown(header)
        ),
        CorsError::RedirectContainsCredentials { location } => format!(
            "Have {server} redirect to a URL without a username or password instead of `{}`: a \
             cross-origin CORS request must not be redirected to a URL with credentials.",
            shown(location)
        ),
        CorsError::InvalidRedirectLocation { value } => format!(
            "Have {server} send one `Location` header holding a valid URL when it redirects {url} \
             (it sent `{}`).",
            shown(value)
        ),
        CorsError::RedirectToNonHttpScheme { location } => format!(
            "Have {server} redirect {url} to an http or https URL instead of `{}`: fetch follows \
             redirects only to HTTP(S).",
            shown(location)
        ),
        CorsError::TooManyRedirects => format!(
            "Have {server} stop redirecting in a loop: {} was redirected more than 20 times.",
            e.initial_url
        ),
        CorsError::RedirectModeError => format!(
            "The request uses redirect mode `error` but {url} redirects: request the final URL \
             directly, or use redirect mode `follow`."
        ),
        CorsError::ConnectionFailed => format!(
            "Nothing answered {url}: check the request's URL (scheme, host and port) and that \
             {server} is running and reachable; no CORS header helps before there is a response."
        ),
    }
}

/// The fix for a failed CORS check; `responses` says which responses need the header.
fn check_fix(failure: &CheckFailure, server: &str, origin: &str, responses: &str) -> String {
    match failure {
        CheckFailure::WildcardOriginNotAllowed => format!(
            "Have {server} send `Access-Control-Allow-Origin: {origin}` instead of `*` in \
             {responses}, since a request with credentials needs its exact origin, or send the \
             request without credentials."
        ),
        CheckFailure::MissingAllowOriginHeader => format!(
            "Have {server} add `Access-Control-Allow-Origin: {origin}` (or `*` if the response \
             needs no credentials) to {responses}."
        ),
        CheckFailure::MultipleAllowOriginValues { value } => format!(
            "Have {server} send a single `Access-Control-Allow-Origin: {origin}` in {responses} \
             instead of `{}`: only one value is allowed, so check that no proxy or framework adds \
             the header a second time.",
            shown(value)
        ),
        CheckFailure::InvalidAllowOriginValue { value }
        | CheckFailure::AllowOriginMismatch { value } => format!(
            "Have {server} send `Access-Control-Allow-Origin: {origin}` in {responses} instead of \
             `{}`.",
            shown(value)
        ),
        CheckFailure::InvalidAllowCredentials { value } => {
            let sent = if value.is_empty() {
                "none".to_owned()
            } else {
                format!("`{}`", shown(value))
            };
            format!(
                "Have {server} add `Access-Control-Allow-Credentials: true` to {responses} (it \
                 sent {sent}), or send the request without credentials."
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use url::Url;

    const ORIGIN: &str = "http://localhost:3000";
    const URL: &str = "http://api.example/data";
    const SERVER: &str = "http://api.example";
    const BLOCKED: &str = "Access to fetch at 'http://api.example/data' from origin \
                           'http://localhost:3000' has been blocked by CORS policy: ";
    const PREFLIGHT: &str = "Response to preflight request doesn't pass access control check: ";
    const FETCH_SUFFIX: &str = " Have the server send the header with a valid value.";
    const XHR_SUFFIX: &str = " The credentials mode of requests initiated by the XMLHttpRequest \
                              is controlled by the withCredentials attribute.";
    const FIREFOX: &str = "Cross-Origin Request Blocked: The Same Origin Policy disallows reading \
                           the remote resource at";
    const WEBKIT_FETCH: &str = "\nFetch API cannot load http://api.example/data due to access \
                                control checks.";

    fn at(error: CorsError, url: &str, initial_url: &str, initiator: Initiator) -> NetworkError {
        NetworkError {
            error,
            url: Url::parse(url).unwrap(),
            initial_url: Url::parse(initial_url).unwrap(),
            origin: ORIGIN.to_owned(),
            initiator,
        }
    }

    fn err(error: CorsError) -> NetworkError {
        at(error, URL, URL, Initiator::Fetch)
    }

    fn value(text: &str) -> String {
        text.to_owned()
    }

    fn check_failures() -> Vec<CheckFailure> {
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

    fn all_errors() -> Vec<CorsError> {
        let mut errors = vec![
            CorsError::DisallowedByMode,
            CorsError::CorsDisabledScheme,
            CorsError::NoCorsRedirectModeNotFollow,
            CorsError::InvalidDataUrl,
            CorsError::BadPort,
            CorsError::MixedContent,
            CorsError::PreflightInvalidStatus { status: 404 },
            CorsError::PreflightDisallowedRedirect { status: 301 },
            CorsError::InvalidAllowMethodsPreflightResponse {
                value: value("GET, PUT/"),
            },
            CorsError::InvalidAllowHeadersPreflightResponse {
                value: value("x-a, x b"),
            },
            CorsError::MethodDisallowedByPreflightResponse {
                method: value("PUT"),
            },
            CorsError::HeaderDisallowedByPreflightResponse {
                header: value("x-token"),
            },
            CorsError::RedirectContainsCredentials {
                location: value("http://user:pw@other.example/"),
            },
            CorsError::InvalidRedirectLocation {
                value: value("http://[::1"),
            },
            CorsError::RedirectToNonHttpScheme {
                location: value("data:,hi"),
            },
            CorsError::TooManyRedirects,
            CorsError::RedirectModeError,
            CorsError::ConnectionFailed,
        ];
        for failure in check_failures() {
            errors.push(CorsError::Check(failure.clone()));
            errors.push(CorsError::PreflightCheck(failure));
        }
        errors
    }

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
                chromium(&err(CorsError::Check(failure.clone()))),
                format!("{BLOCKED}{detail}")
            );
            assert_eq!(
                chromium(&err(CorsError::PreflightCheck(failure))),
                format!("{BLOCKED}{PREFLIGHT}{detail}")
            );
        }
    }

    #[test]
    fn chromium_other_cors_errors() {
        let cases = [
            (
                CorsError::PreflightInvalidStatus { status: 404 },
                format!("{BLOCKED}{PREFLIGHT}It does not have HTTP ok status."),
            ),
            (
                CorsError::PreflightDisallowedRedirect { status: 301 },
                format!("{BLOCKED}{PREFLIGHT}Redirect is not allowed for a preflight request."),
            ),
            (
                CorsError::InvalidAllowMethodsPreflightResponse {
                    value: value("GET, PUT/"),
                },
                format!(
                    "{BLOCKED}Cannot parse Access-Control-Allow-Methods response header field \
                     in preflight response."
                ),
            ),
            (
                CorsError::InvalidAllowHeadersPreflightResponse {
                    value: value("x b"),
                },
                format!(
                    "{BLOCKED}Cannot parse Access-Control-Allow-Headers response header field \
                     in preflight response."
                ),
            ),
            (
                CorsError::MethodDisallowedByPreflightResponse {
                    method: value("PUT"),
                },
                format!(
                    "{BLOCKED}Method PUT is not allowed by Access-Control-Allow-Methods in \
                     preflight response."
                ),
            ),
            (
                CorsError::HeaderDisallowedByPreflightResponse {
                    header: value("x-token"),
                },
                format!(
                    "{BLOCKED}Request header field x-token is not allowed by \
                     Access-Control-Allow-Headers in preflight response."
                ),
            ),
            (
                CorsError::RedirectContainsCredentials {
                    location: value("http://user:pw@other.example/"),
                },
                format!(
                    "{BLOCKED}Redirect location '' contains a username and password, which is \
                     disallowed for cross-origin requests."
                ),
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(chromium(&err(error)), expected);
        }
    }

    #[test]
    fn chromium_renderer_checks_of_fetch() {
        assert_eq!(
            chromium(&err(CorsError::DisallowedByMode)),
            "Fetch API cannot load http://api.example/data. Request mode is \"same-origin\" but \
             the URL's origin is not same as the request origin http://localhost:3000."
        );
        assert_eq!(
            chromium(&at(
                CorsError::CorsDisabledScheme,
                "file:///tmp/a.json",
                "file:///tmp/a.json",
                Initiator::Fetch
            )),
            "Fetch API cannot load file:///tmp/a.json. URL scheme \"file\" is not supported."
        );
        assert_eq!(
            chromium(&err(CorsError::NoCorsRedirectModeNotFollow)),
            "Fetch API cannot load http://api.example/data. Request mode is \"no-cors\" but the \
             redirect mode is not \"follow\"."
        );
    }

    #[test]
    fn chromium_mode_and_scheme_errors_from_the_network_service() {
        assert_eq!(
            chromium(&at(
                CorsError::DisallowedByMode,
                URL,
                "http://localhost:3000/go",
                Initiator::Fetch
            )),
            "Access to fetch at 'http://api.example/data' (redirected from \
             'http://localhost:3000/go') from origin 'http://localhost:3000' has been blocked by \
             CORS policy: Cross origin requests are not allowed by request mode."
        );
        assert_eq!(
            chromium(&at(
                CorsError::CorsDisabledScheme,
                "file:///tmp/a.json",
                "file:///tmp/a.json",
                Initiator::XmlHttpRequest
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
            (CorsError::TooManyRedirects, "ERR_TOO_MANY_REDIRECTS"),
            (
                CorsError::InvalidRedirectLocation {
                    value: value("http://[::1"),
                },
                "ERR_INVALID_REDIRECT",
            ),
            (
                CorsError::RedirectToNonHttpScheme {
                    location: value("data:,hi"),
                },
                "ERR_UNSAFE_REDIRECT",
            ),
            (CorsError::RedirectModeError, "ERR_FAILED"),
            (CorsError::ConnectionFailed, "ERR_FAILED"),
        ];
        for (error, code) in cases {
            assert_eq!(
                chromium(&err(error)),
                format!("Failed to load 'http://api.example/data': net::{code}")
            );
        }
    }

    #[test]
    fn chromium_redirected_from() {
        let e = at(
            CorsError::Check(CheckFailure::MissingAllowOriginHeader),
            URL,
            "http://localhost:3000/api",
            Initiator::Fetch,
        );
        assert_eq!(
            e.console_message(Engine::Chromium),
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
                CorsError::Check(failure),
                URL,
                URL,
                Initiator::XmlHttpRequest,
            )
            .console_message(Engine::Chromium)
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

    #[test]
    fn spec_uses_chromium_wording() {
        for error in all_errors() {
            let e = err(error);
            assert_eq!(e.console_message(Engine::Spec), chromium(&e));
        }
    }

    #[test]
    fn firefox_messages() {
        let cases = [
            (
                CorsError::Check(CheckFailure::MissingAllowOriginHeader),
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: CORS header \
                     ‘Access-Control-Allow-Origin’ missing)."
                ),
            ),
            (
                CorsError::Check(CheckFailure::WildcardOriginNotAllowed),
                format!(
                    "{FIREFOX} ‘http://api.example/data’. (Reason: Credential is not supported \
                     if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’)."
                ),
            ),
            (
                CorsError::PreflightCheck(CheckFailure::MultipleAllowOriginValues {
                    value: value("*, *"),
                }),
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: Multiple CORS header \
                     ‘Access-Control-Allow-Origin’ not allowed)."
                ),
            ),
            (
                CorsError::Check(CheckFailure::AllowOriginMismatch {
                    value: value("http://localhost:4000"),
                }),
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: CORS header \
                     ‘Access-Control-Allow-Origin’ does not match ‘http://localhost:4000’)."
                ),
            ),
            (
                CorsError::Check(CheckFailure::InvalidAllowOriginValue {
                    value: value("localhost:3000"),
                }),
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: CORS header \
                     ‘Access-Control-Allow-Origin’ does not match ‘localhost:3000’)."
                ),
            ),
            (
                CorsError::Check(CheckFailure::InvalidAllowCredentials { value: value("") }),
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: expected ‘true’ in CORS header \
                     ‘Access-Control-Allow-Credentials’)."
                ),
            ),
            (
                CorsError::PreflightInvalidStatus { status: 405 },
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: CORS preflight response did not \
                     succeed). Status code: 405."
                ),
            ),
            (
                CorsError::PreflightDisallowedRedirect { status: 302 },
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: CORS request external redirect \
                     not allowed)."
                ),
            ),
            (
                CorsError::InvalidAllowMethodsPreflightResponse {
                    value: value("GET,\tPUT/x , POST"),
                },
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: invalid token ‘PUT/x’ in CORS \
                     header ‘Access-Control-Allow-Methods’)."
                ),
            ),
            (
                CorsError::InvalidAllowHeadersPreflightResponse {
                    value: value("x-a, x b"),
                },
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: invalid token ‘x b’ in CORS \
                     header ‘Access-Control-Allow-Headers’)."
                ),
            ),
            (
                CorsError::MethodDisallowedByPreflightResponse {
                    method: value("PUT"),
                },
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: Did not find method in CORS \
                     header ‘Access-Control-Allow-Methods’)."
                ),
            ),
            (
                CorsError::HeaderDisallowedByPreflightResponse {
                    header: value("x-token"),
                },
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: header ‘x-token’ is not allowed \
                     according to header ‘Access-Control-Allow-Headers’ from CORS preflight \
                     response)."
                ),
            ),
            (
                CorsError::ConnectionFailed,
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: CORS request did not succeed). \
                     Status code: (null)."
                ),
            ),
            (
                CorsError::TooManyRedirects,
                format!(
                    "{FIREFOX} http://api.example/data. (Reason: CORS request did not succeed)."
                ),
            ),
            (
                CorsError::RedirectToNonHttpScheme {
                    location: value("data:,hi"),
                },
                format!("{FIREFOX} data:,hi. (Reason: CORS request not http)."),
            ),
            (
                CorsError::DisallowedByMode,
                "NetworkError when attempting to fetch resource.".to_owned(),
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(err(error).console_message(Engine::Firefox), expected);
        }
    }

    #[test]
    fn firefox_names_non_http_schemes_and_keeps_same_origin_failures_generic() {
        assert_eq!(
            at(
                CorsError::CorsDisabledScheme,
                "ftp://files.example/a",
                "ftp://files.example/a",
                Initiator::XmlHttpRequest
            )
            .console_message(Engine::Firefox),
            format!("{FIREFOX} ftp://files.example/a. (Reason: CORS request not http).")
        );
        let same_origin = at(
            CorsError::ConnectionFailed,
            "http://localhost:3000/api",
            "http://localhost:3000/api",
            Initiator::Fetch,
        );
        assert_eq!(
            same_origin.console_message(Engine::Firefox),
            "NetworkError when attempting to fetch resource."
        );
        // A same-origin start redirected cross-origin has been cross-site.
        let redirected = at(
            CorsError::TooManyRedirects,
            URL,
            "http://localhost:3000/api",
            Initiator::Fetch,
        );
        assert!(
            redirected
                .console_message(Engine::Firefox)
                .contains("(Reason: CORS request did not succeed).")
        );
    }

    #[test]
    fn webkit_messages() {
        let cases = [
            (
                CorsError::Check(CheckFailure::MissingAllowOriginHeader),
                "Origin http://localhost:3000 is not allowed by Access-Control-Allow-Origin.",
            ),
            (
                CorsError::Check(CheckFailure::WildcardOriginNotAllowed),
                "Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.",
            ),
            (
                CorsError::PreflightCheck(CheckFailure::MultipleAllowOriginValues {
                    value: value("http://a.example, http://b.example"),
                }),
                "Access-Control-Allow-Origin cannot contain more than one origin.",
            ),
            (
                CorsError::Check(CheckFailure::MultipleAllowOriginValues {
                    value: value("http://a.example http://b.example"),
                }),
                "Origin http://localhost:3000 is not allowed by Access-Control-Allow-Origin.",
            ),
            (
                CorsError::Check(CheckFailure::InvalidAllowCredentials {
                    value: value("yes"),
                }),
                "Credentials flag is true, but Access-Control-Allow-Credentials is not \"true\".",
            ),
            (
                CorsError::PreflightInvalidStatus { status: 500 },
                "Preflight response is not successful. Status code: 500",
            ),
            (
                CorsError::PreflightDisallowedRedirect { status: 307 },
                "Preflight response is not successful. Status code: 307",
            ),
            (
                CorsError::MethodDisallowedByPreflightResponse {
                    method: value("DELETE"),
                },
                "Method DELETE is not allowed by Access-Control-Allow-Methods.",
            ),
            (
                CorsError::HeaderDisallowedByPreflightResponse {
                    header: value("x-token"),
                },
                "Request header field x-token is not allowed by Access-Control-Allow-Headers.",
            ),
            (
                CorsError::InvalidAllowMethodsPreflightResponse {
                    value: value("GET, PUT/"),
                },
                "Header Access-Control-Allow-Methods has an invalid value: GET, PUT/",
            ),
            (
                CorsError::InvalidAllowHeadersPreflightResponse {
                    value: value("x b"),
                },
                "Header Access-Control-Allow-Headers has an invalid value: x b",
            ),
            (
                CorsError::RedirectContainsCredentials {
                    location: value("http://u:p@b.example/"),
                },
                "Cross-origin redirection to http://u:p@b.example/ denied by Cross-Origin \
                 Resource Sharing policy: redirection URL http://u:p@b.example/ has credentials",
            ),
            (
                CorsError::TooManyRedirects,
                "Load cannot follow more than 20 redirections",
            ),
            (
                CorsError::RedirectModeError,
                "Not allowed to follow a redirection while loading http://api.example/data",
            ),
            (
                CorsError::DisallowedByMode,
                "Unsafe attempt to load URL http://api.example/data from origin \
                 http://localhost:3000. Domains, protocols and ports must match.",
            ),
            (
                CorsError::NoCorsRedirectModeNotFollow,
                "No-Cors mode requires follow redirect mode",
            ),
        ];
        for (error, reason) in cases {
            assert_eq!(
                err(error).console_message(Engine::WebKit),
                format!("{reason}{WEBKIT_FETCH}")
            );
        }
    }

    #[test]
    fn webkit_xhr_and_non_access_control_failures() {
        assert_eq!(
            at(
                CorsError::CorsDisabledScheme,
                "file:///tmp/a.json",
                "file:///tmp/a.json",
                Initiator::XmlHttpRequest
            )
            .console_message(Engine::WebKit),
            "Cross origin requests are only supported for HTTP.\nXMLHttpRequest cannot load \
             file:///tmp/a.json due to access control checks."
        );
        assert_eq!(
            err(CorsError::ConnectionFailed).console_message(Engine::WebKit),
            "Failed to load resource: Could not connect to the server."
        );
    }

    #[test]
    fn control_bytes_in_values_never_break_the_line() {
        let e = err(CorsError::Check(CheckFailure::AllowOriginMismatch {
            value: value("http://a.example\r\nx"),
        }));
        for engine in [Engine::Chromium, Engine::Firefox, Engine::WebKit] {
            let message = e.console_message(engine);
            assert!(!message.contains('\r'), "{message}");
            assert_eq!(
                message.lines().count(),
                1 + usize::from(engine == Engine::WebKit)
            );
        }
        assert!(!e.fix().contains(['\r', '\n']));
    }

    #[test]
    fn first_invalid_token_finds_the_bad_element() {
        assert_eq!(first_invalid_token("GET, , PUT/, x y"), "PUT/");
        assert_eq!(first_invalid_token("x-a,\tx-b ,"), hint(b"x-a,\tx-b ,"));
    }

    #[test]
    fn fix_for_missing_allow_origin() {
        assert_eq!(
            err(CorsError::Check(CheckFailure::MissingAllowOriginHeader)).fix(),
            "Have the server at http://api.example add `Access-Control-Allow-Origin: \
             http://localhost:3000` (or `*` if the response needs no credentials) to its \
             responses."
        );
        assert_eq!(
            err(CorsError::MethodDisallowedByPreflightResponse {
                method: value("PUT")
            })
            .fix(),
            "Have the server at http://api.example add `PUT` to `Access-Control-Allow-Methods` \
             in its responses to preflight requests from http://localhost:3000."
        );
    }

    #[test]
    fn every_fix_is_one_line_naming_the_origin_or_url() {
        for error in all_errors() {
            let name = error.name();
            let fix = err(error).fix();
            assert!(!fix.is_empty(), "{name}");
            assert!(!fix.contains('\n'), "{name}: {fix}");
            assert!(
                fix.contains(URL) || fix.contains(SERVER) || fix.contains(ORIGIN),
                "{name}: {fix}"
            );
        }
    }

    #[test]
    fn fixes_name_the_values_at_fault() {
        let fixes: Vec<String> = [
            CorsError::HeaderDisallowedByPreflightResponse {
                header: value("x-token"),
            },
            CorsError::Check(CheckFailure::AllowOriginMismatch {
                value: value("http://localhost:4000"),
            }),
            CorsError::InvalidAllowHeadersPreflightResponse {
                value: value("x-a, x b"),
            },
            CorsError::PreflightInvalidStatus { status: 404 },
        ]
        .into_iter()
        .map(|error| err(error).fix())
        .collect();
        assert!(fixes[0].contains("`x-token`"));
        assert!(fixes[1].contains("`http://localhost:4000`"));
        assert!(fixes[2].contains("`x b`"));
        assert!(fixes[3].contains("OPTIONS http://api.example/data") && fixes[3].contains("404"));
    }
}
