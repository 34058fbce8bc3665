//! Fix advice: one line telling the server's owner (or, where no server header helps, the page's
//! author) what to change, naming the actual origin, URL, method or header.
//!
//! When the server's CORS policy refused the origin (no or another `Access-Control-Allow-Origin`,
//! a method or header not allowed, credentials not allowed), the refusal may be exactly what the
//! owner wants, as in a security test. So unless the caller knows which ([`Intent`]), the advice
//! says what to change *if* the origin should get in and what the refusal means if it should not,
//! and never names the origin before that condition. An opaque origin (`Origin: null`) is never
//! advised onto an allow-list. Other failures (bad port, mixed content, mode, scheme, redirects,
//! no response) have one fix whatever the intent. `keep_out` is the advice for a response that
//! an origin which should stay out could read (a failed `blocked` check, an audit finding).

use crate::cors_check::CheckPass;
use crate::error::{CheckFailure, NetworkError, Reason, first_invalid_token, shown};
use crate::request::OutgoingRequest;
use crate::response::ResponseType;
use crate::trace::{Step, Trace};

/// What the caller knows about the origin that the server's CORS policy refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Intent {
    /// Not known: the advice says what to change if the origin should get in, and that nothing
    /// needs fixing if it should not.
    #[default]
    Unknown,
    /// The origin is the server owner's own frontend: the refusal is a gap in the allow-list.
    Allowed,
    /// The origin should be kept out: the refusal is the result the owner wants.
    Refused,
}

/// One line of advice for `error`, given what the caller knows about the origin.
/// [`NetworkError::fix`] is `fix_for(error, Intent::Unknown)`.
pub fn fix_for(error: &NetworkError, intent: Intent) -> String {
    match diagnose(error) {
        Diagnosis::Refusal(refusal) => refusal.advice(&error.origin, intent),
        Diagnosis::Fault(fix) => fix,
    }
}

/// Why an allow-list must never hold `null`, after "never allow ".
const NULL_ORIGIN: &str = "`null`, which sandboxed pages, `data:` URLs and redirected requests all \
                           send, so that allowing it lets every such page in";

/// What a failure is: a refusal by the server's CORS policy, or a fault with one fix.
enum Diagnosis {
    Refusal(Refusal),
    Fault(String),
}

/// A refusal by the server's CORS policy, in the parts that the three intents combine.
struct Refusal {
    /// What the server answered, without naming the refused origin; e.g. "The server at
    /// http://api.example allows only `http://a.example` in its responses".
    answer: String,
    /// What was refused beyond the origin.
    scope: Scope,
    /// What lets the origin in, after "If <origin> <condition>, "; names the origin itself.
    change: String,
    /// What stays wrong even when the refusal is wanted (a header no origin can match).
    still: Option<String>,
}

/// What the server's policy refused the origin.
enum Scope {
    /// Any response at all.
    Origin,
    /// Responses to requests with credentials.
    Credentials,
    /// Requests with this method (escaped).
    Method(String),
    /// Requests with this header (escaped).
    Header(String),
}

impl Scope {
    /// The condition under which the refusal is a mistake, after "If <origin> ".
    fn wanted(&self) -> String {
        match self {
            Self::Origin => "is your own frontend".to_owned(),
            Self::Credentials => "is your own frontend and needs the user's credentials".to_owned(),
            Self::Method(method) => format!("should be able to send `{method}` requests"),
            Self::Header(header) => format!("should be able to send the `{header}` header"),
        }
    }

    /// What was refused, e.g. "`PUT` requests from http://localhost:3000".
    fn refused(&self, origin: &str) -> String {
        match self {
            Self::Origin => origin.to_owned(),
            Self::Credentials => format!("requests with credentials from {origin}"),
            Self::Method(method) => format!("`{method}` requests from {origin}"),
            Self::Header(header) => format!("requests with the `{header}` header from {origin}"),
        }
    }

    /// What the allow-list misses, e.g. "`PUT` for your own frontend http://localhost:3000".
    fn missing(&self, origin: &str) -> String {
        let what = match self {
            Self::Origin => String::new(),
            Self::Credentials => "credentials for ".to_owned(),
            Self::Method(method) => format!("`{method}` for "),
            Self::Header(header) => format!("the `{header}` header for "),
        };
        format!("{what}your own frontend {origin}")
    }
}

impl Refusal {
    /// The advice for a refused `origin` (an ASCII serialization) given the caller's intent.
    fn advice(&self, origin: &str, intent: Intent) -> String {
        let Self {
            answer,
            scope,
            change,
            still,
        } = self;
        if origin == "null" {
            return self.null_origin_advice(intent);
        }
        match intent {
            Intent::Unknown => format!(
                "{answer}. If {origin} {}, {change}; if not, nothing needs fixing: the browser kept \
                 {} out.",
                scope.wanted(),
                scope.refused(origin)
            ),
            Intent::Allowed => format!(
                "{answer}: your allow-list misses {}, so {change}.",
                scope.missing(origin)
            ),
            Intent::Refused => {
                let still = still.as_ref().map(|s| format!(" {s}")).unwrap_or_default();
                format!(
                    "{answer}, so the browser refused {}, which you did not allow: nothing to fix \
                     (this is the result you want).{still}",
                    scope.refused(origin)
                )
            }
        }
    }

    /// The advice when the page's origin is opaque: never allow `null`, whatever the intent.
    fn null_origin_advice(&self, intent: Intent) -> String {
        let answer = &self.answer;
        match intent {
            Intent::Unknown => format!(
                "{answer}. The request came from an opaque origin, sent as `Origin: null`: never \
                 allow {NULL_ORIGIN}; if the page is your own frontend, serve it from an http(s) \
                 origin of its own and allow that origin instead; if not, nothing needs fixing: \
                 the browser kept it out."
            ),
            Intent::Allowed => format!(
                "{answer}: your own frontend has an opaque origin, sent as `Origin: null`: never \
                 allow {NULL_ORIGIN}; serve the page from an http(s) origin of its own and allow \
                 that origin instead."
            ),
            Intent::Refused => format!(
                "{answer}, so the browser refused an opaque origin (`Origin: null`), which you did \
                 not allow: nothing to fix (this is the result you want); never allow \
                 {NULL_ORIGIN}."
            ),
        }
    }
}

/// Sorts the failure: a refusal with its parts, or a fault with its fix.
fn diagnose(e: &NetworkError) -> Diagnosis {
    let url = &e.url;
    let origin = &e.origin;
    let host = url.origin().ascii_serialization();
    let server = format!("the server at {host}");
    let preflight = format!("the preflight `OPTIONS {url}`");
    let fix = match &e.reason {
        Reason::Check(failure) => {
            return Diagnosis::Refusal(check_refusal(failure, &host, origin, "its responses"));
        }
        Reason::PreflightCheck(failure) => {
            return Diagnosis::Refusal(check_refusal(
                failure,
                &host,
                origin,
                "its responses to preflight (`OPTIONS`) requests",
            ));
        }
        Reason::MethodDisallowedByPreflightResponse { method } => {
            let list = "Access-Control-Allow-Methods";
            return Diagnosis::Refusal(unlisted(Scope::Method, list, method, &host, origin));
        }
        Reason::HeaderDisallowedByPreflightResponse { header } => {
            let list = "Access-Control-Allow-Headers";
            return Diagnosis::Refusal(unlisted(Scope::Header, list, header, &host, origin));
        }
        // CORS middleware (Spring's, for one) answers a preflight from an origin it does not
        // allow with 403: that is a policy, not a broken server.
        Reason::PreflightInvalidStatus { status: 403 } => {
            return Diagnosis::Refusal(Refusal {
                answer: format!(
                    "The server at {host} answers {preflight} with 403, as CORS middleware does \
                     for an origin it does not allow"
                ),
                change: format!(
                    "add {origin} to the server's CORS allow-list (or, if the 403 has another \
                     cause, have the server answer the preflight with a 2xx status such as 204)"
                ),
                scope: Scope::Origin,
                still: None,
            });
        }
        Reason::DisallowedByMode => format!(
            "The request's mode `same-origin` forbids {url}, which is not on {origin}: use mode \
             `cors` (the default) and have the server allow {origin}, or request a URL on {origin}."
        ),
        Reason::CorsDisabledScheme => format!(
            "Cross-origin requests work only with http and https URLs: serve {url} over HTTP(S) \
             (e.g. from a local web server) instead of as a `{}:` URL.",
            url.scheme()
        ),
        Reason::NoCorsRedirectModeNotFollow => format!(
            "A `no-cors` request must follow redirects: drop the request's `redirect` option (or \
             set it to `follow`), or request {url} with mode `cors`."
        ),
        Reason::InvalidDataUrl => format!(
            "{url} is not a valid data: URL: write it as `data:[<media type>][;base64],<data>`."
        ),
        Reason::BadPort => format!(
            "Browsers never fetch HTTP(S) from port {} (a \"bad port\"): serve {server} on \
             another port, such as 8080.",
            url.port_or_known_default().unwrap_or_default()
        ),
        Reason::MixedContent => format!(
            "A page served over https cannot fetch plain http: serve {url} over https (or serve \
             the page at {origin} over http for local testing)."
        ),
        Reason::PreflightInvalidStatus { status } => format!(
            "Have {server} answer {preflight} with a 2xx status (such as 204) instead of {status}."
        ),
        Reason::PreflightDisallowedRedirect { status } => format!(
            "Have {server} answer {preflight} itself with a 2xx status instead of redirecting \
             ({status}), since a preflight is never redirected, or have the page request the \
             redirect's target directly."
        ),
        Reason::InvalidAllowMethodsPreflightResponse { value } => format!(
            "Have {server} send `Access-Control-Allow-Methods` as a comma-separated list of \
             method names (`{}` is not one) in its responses to preflight requests.",
            first_invalid_token(value)
        ),
        Reason::InvalidAllowHeadersPreflightResponse { value } => format!(
            "Have {server} send `Access-Control-Allow-Headers` as a comma-separated list of \
             header names (`{}` is not one) in its responses to preflight requests.",
            first_invalid_token(value)
        ),
        Reason::RedirectContainsCredentials { location } => format!(
            "Have {server} redirect to a URL without a username or password instead of `{}`: a \
             cross-origin CORS request must not be redirected to a URL with credentials.",
            shown(location)
        ),
        Reason::InvalidRedirectLocation { value } => format!(
            "Have {server} send one `Location` header holding a valid URL when it redirects {url} \
             (it sent `{}`).",
            shown(value)
        ),
        Reason::RedirectToNonHttpScheme { location } => format!(
            "Have {server} redirect {url} to an http or https URL instead of `{}`: fetch follows \
             redirects only to HTTP(S).",
            shown(location)
        ),
        Reason::TooManyRedirects => format!(
            "Have {server} stop redirecting in a loop: {} was redirected more than 20 times.",
            e.initial_url
        ),
        Reason::RedirectModeError => format!(
            "The request uses redirect mode `error` but {url} redirects: request the final URL \
             directly, or use redirect mode `follow`."
        ),
        Reason::ConnectionFailed => format!(
            "Nothing answered {url}: check the request's URL (scheme, host and port) and that \
             {server} is running and reachable; no CORS header helps before there is a response."
        ),
    };
    Diagnosis::Fault(fix)
}

/// The refusal of a method or header (`item`) that the preflight response does not name in the
/// allow-list header `list`.
fn unlisted(
    scope: fn(String) -> Scope,
    list: &str,
    item: &str,
    host: &str,
    origin: &str,
) -> Refusal {
    let item = shown(item);
    let responses = "its responses to preflight requests";
    Refusal {
        answer: format!("The server at {host} does not list `{item}` in `{list}` in {responses}"),
        change: format!("have the server add `{item}` to `{list}` in {responses} from {origin}"),
        scope: scope(item),
        still: None,
    }
}

/// The refusal behind a failed CORS check; `responses` says which responses carry the headers.
fn check_refusal(failure: &CheckFailure, host: &str, origin: &str, responses: &str) -> Refusal {
    // How a server answers several origins with one header.
    let echo = "answer with the request's `Origin` when it is on the list, and add `Vary: Origin`";
    let without_credentials = "or have the page send the request without credentials";
    let refusal = |answer: String, scope, change: String| Refusal {
        answer,
        scope,
        change,
        still: None,
    };
    match failure {
        CheckFailure::MissingAllowOriginHeader => refusal(
            format!("The server at {host} sends no `Access-Control-Allow-Origin` in {responses}"),
            Scope::Origin,
            format!(
                "have the server send `Access-Control-Allow-Origin: {origin}` in {responses} (for \
                 several origins, {echo}; `*` suits only public data fetched without credentials)"
            ),
        ),
        CheckFailure::AllowOriginMismatch { value } => refusal(
            format!(
                "The server at {host} allows only `{}` in {responses}",
                shown(value)
            ),
            Scope::Origin,
            format!("add {origin} to the server's allow-list ({echo})"),
        ),
        CheckFailure::InvalidAllowOriginValue { value } => Refusal {
            still: Some(format!(
                "Still, `{}` matches no origin at all: write the origins you do allow as \
                 `scheme://host[:port]`.",
                shown(value)
            )),
            ..refusal(
                format!(
                    "The server at {host} sends `Access-Control-Allow-Origin: {}` in {responses}, \
                     which is not an origin and so matches none",
                    shown(value)
                ),
                Scope::Origin,
                format!(
                    "have the server send `Access-Control-Allow-Origin: {origin}` instead (an \
                     origin is `scheme://host[:port]`, nothing more)"
                ),
            )
        },
        CheckFailure::MultipleAllowOriginValues { value } => Refusal {
            still: Some(format!(
                "Still, `{}` is invalid for every origin: send one value, and check that no proxy \
                 or framework adds the header a second time.",
                shown(value)
            )),
            ..refusal(
                format!(
                    "The server at {host} sends more than one `Access-Control-Allow-Origin` value \
                     (`{}`) in {responses}, and only one is allowed",
                    shown(value)
                ),
                Scope::Origin,
                format!(
                    "have the server send the single value `{origin}` ({echo}, and check that no \
                     proxy or framework adds the header a second time)"
                ),
            )
        },
        CheckFailure::WildcardOriginNotAllowed => refusal(
            format!(
                "The server at {host} answers `Access-Control-Allow-Origin: *` in {responses}, \
                 which never covers a request with credentials"
            ),
            Scope::Credentials,
            format!(
                "have the server send `Access-Control-Allow-Origin: {origin}` instead of `*`, \
                 with `Access-Control-Allow-Credentials: true` and `Vary: Origin`, \
                 {without_credentials}"
            ),
        ),
        CheckFailure::InvalidAllowCredentials { value } => {
            let sent = if value.is_empty() {
                "none".to_owned()
            } else {
                format!("`{}`", shown(value))
            };
            refusal(
                format!(
                    "The server at {host} does not send `Access-Control-Allow-Credentials: true` \
                     in {responses} (it sent {sent}), which a request with credentials needs"
                ),
                Scope::Credentials,
                format!(
                    "have the server add `Access-Control-Allow-Credentials: true` for {origin} \
                     (and for no origin you would not trust with your users' cookies), \
                     {without_credentials}"
                ),
            )
        }
    }
}

/// How the response to the request itself passed the CORS check, from a fetch's trace.
pub(crate) fn passed_check(trace: Option<&Trace>) -> Option<CheckPass> {
    let trace = trace?;
    trace.steps().iter().rev().find_map(|step| match step {
        Step::CorsCheck {
            preflight: false,
            result: Ok(pass),
        } => Some(*pass),
        _ => None,
    })
}

/// One line of advice for a response that script on a page whose origin should be kept out
/// ([`Intent::Refused`]) could read: how the server let it in, and what to answer instead.
/// `last` is the fetch's last request, `response_type` what script got (`None` when blocked),
/// `trace` the fetch's trace (which tells a `*` from an echoed origin).
pub(crate) fn keep_out(
    last: Option<&OutgoingRequest>,
    response_type: Option<ResponseType>,
    trace: Option<&Trace>,
) -> String {
    let Some(last) = last else {
        return "no request was sent".to_owned();
    };
    let server = last.url().origin().ascii_serialization();
    let origin = last
        .headers()
        .get_str("origin")
        .map_or_else(|| "the page's origin".to_owned(), |o| o.into_owned());
    let exact = "compare the request's `Origin` with an exact allow-list of whole origins \
                 (`scheme://host[:port]`, with no prefix, suffix, substring or pattern matching)";
    match response_type {
        Some(ResponseType::Basic) => format!(
            "The request is same-origin with {server}, so CORS never blocks it: make the \
             request from another origin to test the server's CORS policy."
        ),
        _ if origin == "null" => format!(
            "The server at {server} answers `Access-Control-Allow-Origin: null` (or `*`), which \
             lets every sandboxed page, `data:` URL and redirected request read its responses: \
             never allow `null`; {exact}."
        ),
        _ => match passed_check(trace) {
            Some(CheckPass::Wildcard) => format!(
                "The server at {server} answers `Access-Control-Allow-Origin: *`, which lets every \
                 origin, {origin} too, read its responses to requests without credentials: if \
                 they are not public, answer only the origins you allow instead ({exact})."
            ),
            Some(CheckPass::OriginWithCredentials) => format!(
                "The server at {server} answers {origin} with `Access-Control-Allow-Origin: \
                 {origin}` and `Access-Control-Allow-Credentials: true`, so a page there reads \
                 responses with the user's cookies: {exact}, and send no \
                 `Access-Control-Allow-Origin` to any other origin."
            ),
            _ => format!(
                "The server at {server} answers {origin} with `Access-Control-Allow-Origin: \
                 {origin}`, so a page there reads its responses: {exact}, and send no \
                 `Access-Control-Allow-Origin` to any other origin."
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{ORIGIN, SERVER, URL, all_errors, err, every_reason_with, value};

    const INTENTS: [Intent; 3] = [Intent::Unknown, Intent::Allowed, Intent::Refused];

    fn is_refusal(error: &Reason) -> bool {
        matches!(diagnose(&err(error.clone())), Diagnosis::Refusal(_))
    }

    /// Every reason, plus the preflight answered 403 by CORS middleware.
    fn reasons() -> Vec<Reason> {
        let mut errors = all_errors();
        errors.push(Reason::PreflightInvalidStatus { status: 403 });
        errors
    }

    #[test]
    fn fix_for_missing_allow_origin() {
        assert_eq!(
            err(Reason::Check(CheckFailure::MissingAllowOriginHeader)).fix(),
            "The server at http://api.example sends no `Access-Control-Allow-Origin` in its \
             responses. If http://localhost:3000 is your own frontend, have the server send \
             `Access-Control-Allow-Origin: http://localhost:3000` in its responses (for several \
             origins, answer with the request's `Origin` when it is on the list, and add `Vary: \
             Origin`; `*` suits only public data fetched without credentials); if not, nothing \
             needs fixing: the browser kept http://localhost:3000 out."
        );
        assert_eq!(
            err(Reason::MethodDisallowedByPreflightResponse {
                method: value("PUT")
            })
            .fix(),
            "The server at http://api.example does not list `PUT` in \
             `Access-Control-Allow-Methods` in its responses to preflight requests. If \
             http://localhost:3000 should be able to send `PUT` requests, have the server add \
             `PUT` to `Access-Control-Allow-Methods` in its responses to preflight requests from \
             http://localhost:3000; if not, nothing needs fixing: the browser kept `PUT` requests \
             from http://localhost:3000 out."
        );
    }

    #[test]
    fn a_mismatch_is_fixed_only_for_your_own_frontend() {
        let e = err(Reason::Check(CheckFailure::AllowOriginMismatch {
            value: value("https://app.example"),
        }));
        assert_eq!(
            e.fix(),
            "The server at http://api.example allows only `https://app.example` in its \
             responses. If http://localhost:3000 is your own frontend, add http://localhost:3000 \
             to the server's allow-list (answer with the request's `Origin` when it is on the \
             list, and add `Vary: Origin`); if not, nothing needs fixing: the browser kept \
             http://localhost:3000 out."
        );
        assert_eq!(
            e.fix_for(Intent::Allowed),
            "The server at http://api.example allows only `https://app.example` in its \
             responses: your allow-list misses your own frontend http://localhost:3000, so add \
             http://localhost:3000 to the server's allow-list (answer with the request's `Origin` \
             when it is on the list, and add `Vary: Origin`)."
        );
        assert_eq!(
            e.fix_for(Intent::Refused),
            "The server at http://api.example allows only `https://app.example` in its \
             responses, so the browser refused http://localhost:3000, which you did not allow: \
             nothing to fix (this is the result you want)."
        );
        assert_eq!(e.fix(), e.fix_for(Intent::default()));
    }

    #[test]
    fn unknown_intent_names_the_refused_origin_only_under_a_condition() {
        for error in reasons().into_iter().filter(is_refusal) {
            let name = error.name();
            let fix = err(error).fix();
            let condition = fix
                .find(&format!("If {ORIGIN} "))
                .unwrap_or_else(|| panic!("{name}: {fix}"));
            // Before the condition, the origin may only appear inside a quoted header value.
            let unquoted: String = fix[..condition].split('`').step_by(2).collect();
            assert!(!unquoted.contains(ORIGIN), "{name}: {fix}");
            assert!(fix.contains("; if not, nothing needs fixing: the browser kept "));
            assert!(!fix.starts_with("Have"), "{name}: {fix}");
        }
    }

    #[test]
    fn allowed_and_refused_differ_only_for_refusals() {
        for error in reasons() {
            let name = error.name();
            let refusal = is_refusal(&error);
            let e = err(error);
            let [unknown, allowed, refused] = INTENTS.map(|intent| e.fix_for(intent));
            if refusal {
                assert!(
                    allowed.contains("your allow-list misses "),
                    "{name}: {allowed}"
                );
                assert!(!allowed.contains("If "), "{name}: {allowed}");
                assert!(
                    refused.contains("nothing to fix (this is the result you want)"),
                    "{name}: {refused}"
                );
                assert!(unknown != allowed && allowed != refused && refused != unknown);
            } else {
                assert!(unknown == allowed && allowed == refused, "{name}");
                assert!(
                    !unknown.contains(&format!("If {ORIGIN}")),
                    "{name}: {unknown}"
                );
            }
        }
    }

    #[test]
    fn null_origins_are_never_advised_onto_an_allow_list() {
        for error in reasons().into_iter().filter(is_refusal) {
            let mut e = err(error);
            e.origin = "null".to_owned();
            for intent in INTENTS {
                let fix = e.fix_for(intent);
                assert!(fix.contains("`Origin: null`"), "{fix}");
                assert!(
                    fix.contains(
                        "never allow `null`, which sandboxed pages, `data:` URLs and redirected \
                         requests all send, so that allowing it lets every such page in"
                    ),
                    "{fix}"
                );
                assert!(!fix.contains("Access-Control-Allow-Origin: null"), "{fix}");
                assert!(!fix.contains("add null"), "{fix}");
            }
        }
    }

    #[test]
    fn broken_headers_stay_worth_fixing_when_the_refusal_is_wanted() {
        let fix = err(Reason::Check(CheckFailure::MultipleAllowOriginValues {
            value: value("https://a.example, https://b.example"),
        }))
        .fix_for(Intent::Refused);
        assert!(fix.contains("(this is the result you want). Still, `https://a.example, https://b.example` is invalid"));
    }

    #[test]
    fn every_fix_is_one_line_naming_the_origin_or_url() {
        let odd = every_reason_with("a\r\nb\u{7}");
        for error in reasons().into_iter().chain(odd) {
            let name = error.name();
            let e = err(error);
            for intent in INTENTS {
                let fix = e.fix_for(intent);
                assert!(!fix.is_empty(), "{name}");
                assert!(!fix.chars().any(char::is_control), "{name}: {fix:?}");
                assert!(
                    fix.contains(URL) || fix.contains(SERVER) || fix.contains(ORIGIN),
                    "{name}: {fix}"
                );
            }
        }
    }

    #[test]
    fn fixes_name_the_values_at_fault() {
        let fixes: Vec<String> = [
            Reason::HeaderDisallowedByPreflightResponse {
                header: value("x-token"),
            },
            Reason::Check(CheckFailure::AllowOriginMismatch {
                value: value("http://localhost:4000"),
            }),
            Reason::InvalidAllowHeadersPreflightResponse {
                value: value("x-a, x b"),
            },
            Reason::PreflightInvalidStatus { status: 404 },
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
