//! A pasted console message: which engine printed it and for which reasons
//! (`cors_sim::recognize`, plus the lines the library does not render — Chromium's network line
//! `PUT https://… net::ERR_FAILED`, and the `TypeError` script sees), and the situation it
//! implies: the page, the request and the minimal answers of the server that give exactly that
//! reason, each part marked as said by the message, implied by the reason or assumed.

use super::{Answer, AnswerSpec, RequestSpec};
use cors_sim::Reason;
use cors_sim::recognize::recognize;
use cors_sim::url::Url;
use cors_sim::{
    CheckFailure, CredentialsMode, Document, Engine, InitiatorType, Mode, OutgoingRequest,
    RedirectMode,
};
use serde::Serialize;

/// Stands for the page when the message names no origin (`--origin` gives the real one).
pub const PAGE_PLACEHOLDER: &str = "your-page.example";
/// Stands for the URL when the message names none.
pub const URL_PLACEHOLDER: &str = "https://your-api.example/data";

/// Chromium's network line, logged beside a CORS error: `PUT https://… net::ERR_FAILED 200 (OK)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NetworkLine {
    pub method: String,
    pub url: String,
    /// The net error, e.g. `ERR_FAILED`.
    pub error: String,
    /// The response's status, when a response came.
    pub status: Option<u16>,
}

/// What the message was read as.
#[derive(Debug, Clone)]
pub struct Read {
    pub url: Option<String>,
    pub initial_url: Option<String>,
    pub origin: Option<String>,
    pub status: Option<u16>,
    pub initiator: Option<InitiatorType>,
    pub network: Option<NetworkLine>,
    /// Every reading: the engine whose console prints it and the reason (values the message
    /// names filled in, empty where it names none).
    pub candidates: Vec<(Engine, Reason)>,
    /// The message is a line printed for many reasons (WebKit's `… due to access control
    /// checks.` alone, a network line, the `TypeError` script sees): its neighbour names the
    /// reason.
    pub generic: bool,
}

/// Firefox's reason alone (`Reason: CORS header 'Access-Control-Allow-Origin' missing`, as MDN's
/// pages and a partial copy show it), as the whole line with the placeholder URL.
fn reason_alone(text: &str) -> Option<String> {
    let text = text.trim().trim_start_matches('(');
    let reason = text.strip_prefix("Reason:")?.trim();
    let reason = reason.trim_end_matches(['.', ')', ' ']);
    // Firefox quotes the URL in one key only (CORSNotSupportingCredentials).
    let url = if reason.starts_with("Credential is not supported") {
        format!("‘{URL_PLACEHOLDER}’")
    } else {
        URL_PLACEHOLDER.to_owned()
    };
    Some(format!(
        "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote \
         resource at {url}. (Reason: {reason})."
    ))
}

/// Reads `text`; `None` when it is no message cors-sim knows.
pub fn read(text: &str) -> Option<Read> {
    let mut read = read_line(&reason_alone(text).unwrap_or_else(|| text.to_owned()))?;
    if read.url.as_deref() == Some(URL_PLACEHOLDER) {
        read.url = None;
    }
    Some(read)
}

fn read_line(text: &str) -> Option<Read> {
    let (network, rest) = match network_line(text) {
        Some((line, rest)) => (Some(line), rest),
        None => (None, text.to_owned()),
    };
    let readings = if rest.trim().is_empty() {
        Vec::new()
    } else {
        recognize(&rest)
    };
    let mut read = Read {
        url: None,
        initial_url: None,
        origin: None,
        status: None,
        initiator: None,
        network: network.clone(),
        candidates: Vec::new(),
        generic: false,
    };
    if let Some(first) = readings.first() {
        read.url = first.url.clone();
        read.initial_url = first.initial_url.clone();
        read.origin = first.origin.clone();
        read.status = first.status;
        read.initiator = first.initiator_type;
        for reading in &readings {
            for reason in &reading.reasons {
                if !read
                    .candidates
                    .iter()
                    .any(|(e, r)| *e == reading.engine && r.name() == reason.name())
                {
                    read.candidates.push((reading.engine, reason.clone()));
                }
            }
        }
        // Every reading of a line that many reasons print is generic.
        read.generic = read.candidates.len() >= 10;
        if let Some(line) = &network {
            read.url = read.url.or_else(|| Some(line.url.clone()));
            read.status = read.status.or(line.status);
        }
        return Some(read);
    }
    if let Some(line) = network {
        read.url = Some(line.url.clone());
        read.status = line.status;
        read.generic = true;
        read.candidates = network_candidates(&line);
        return Some(read);
    }
    // What script sees: the TypeError fetch() rejects with, whatever the reason.
    for (phrase, engine) in [
        ("Failed to fetch", Engine::Chromium),
        ("Load failed", Engine::WebKit),
    ] {
        if text.contains(phrase) {
            read.generic = true;
            read.candidates = every_reason()
                .into_iter()
                .map(|reason| (engine, reason))
                .collect();
            return Some(read);
        }
    }
    None
}

/// The reasons Chromium's network line can stand for.
fn network_candidates(line: &NetworkLine) -> Vec<(Engine, Reason)> {
    let chromium = |reasons: Vec<Reason>| {
        reasons
            .into_iter()
            .map(|r| (Engine::Chromium, r))
            .collect::<Vec<_>>()
    };
    if line.error != "ERR_FAILED" {
        // net::ERR_CONNECTION_REFUSED, ERR_NAME_NOT_RESOLVED, …: no response at all.
        return chromium(vec![Reason::ConnectionFailed]);
    }
    let preflight = vec![
        Reason::PreflightInvalidStatus { status: 0 },
        Reason::PreflightCheck(CheckFailure::MissingAllowOriginHeader),
        Reason::PreflightCheck(CheckFailure::AllowOriginMismatch {
            value: String::new(),
        }),
        Reason::MethodDisallowedByPreflightResponse {
            method: String::new(),
        },
        Reason::HeaderDisallowedByPreflightResponse {
            header: String::new(),
        },
    ];
    match (line.status, line.method.as_str()) {
        // The preflight's own line, with its status.
        (Some(_), "OPTIONS") => chromium(preflight),
        (Some(_), _) => chromium(
            every_reason()
                .into_iter()
                .filter(|reason| matches!(reason, Reason::Check(_)))
                .collect(),
        ),
        // No status: this request got no response — none came at all, or its preflight failed.
        (None, _) => {
            let mut reasons = vec![Reason::ConnectionFailed];
            reasons.extend(preflight);
            chromium(reasons)
        }
    }
}

/// Finds Chromium's network line (`METHOD URL net::ERR_… [STATUS (TEXT)]`) in `text`: the line
/// and the text without it.
fn network_line(text: &str) -> Option<(NetworkLine, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let at = words.iter().position(|w| w.starts_with("net::ERR_"))?;
    if at < 2 {
        return None;
    }
    let (method, url) = (words[at - 2], words[at - 1]);
    let parsed = Url::parse(url).ok()?;
    if !method.bytes().all(|b| b.is_ascii_uppercase()) || !parsed.scheme().starts_with("http") {
        return None;
    }
    let mut end = at + 1;
    let status = words
        .get(end)
        .filter(|w| w.len() == 3)
        .and_then(|w| w.parse::<u16>().ok());
    if status.is_some() {
        end += 1;
        // The status text: `(OK)`, `(Not Found)`.
        if words.get(end).is_some_and(|w| w.starts_with('(')) {
            while end < words.len() {
                end += 1;
                if words[end - 1].ends_with(')') {
                    break;
                }
            }
        }
    }
    let line = NetworkLine {
        method: method.to_owned(),
        url: url.to_owned(),
        error: words[at].trim_start_matches("net::").to_owned(),
        status,
    };
    let rest: Vec<&str> = words[..at - 2]
        .iter()
        .chain(&words[end..])
        .copied()
        .collect();
    Some((line, rest.join(" ")))
}

/// Every reason, its values empty.
pub fn every_reason() -> Vec<Reason> {
    Reason::every("", 0)
}

/// The value a reason names (a header value, method, header name or location), empty when the
/// message does not show it.
pub fn value_of(reason: &Reason) -> &str {
    match reason {
        Reason::Check(failure) | Reason::PreflightCheck(failure) => match failure {
            CheckFailure::MultipleAllowOriginValues { value }
            | CheckFailure::InvalidAllowOriginValue { value }
            | CheckFailure::AllowOriginMismatch { value }
            | CheckFailure::InvalidAllowCredentials { value } => value,
            _ => "",
        },
        Reason::InvalidAllowMethodsPreflightResponse { value }
        | Reason::InvalidAllowHeadersPreflightResponse { value }
        | Reason::InvalidRedirectLocation { value } => value,
        Reason::MethodDisallowedByPreflightResponse { method } => method,
        Reason::HeaderDisallowedByPreflightResponse { header } => header,
        Reason::RedirectContainsCredentials { location }
        | Reason::RedirectToNonHttpScheme { location } => location,
        _ => "",
    }
}

/// How often each reason is the one behind an ambiguous message, most often first: the one
/// explained when the message does not decide (`--reason` picks another).
const RANK: [&str; 15] = [
    "ConnectionFailed",
    "MissingAllowOriginHeader",
    "AllowOriginMismatch",
    "PreflightInvalidStatus",
    "HeaderDisallowedByPreflightResponse",
    "MethodDisallowedByPreflightResponse",
    "WildcardOriginNotAllowed",
    "InvalidAllowCredentials",
    "PreflightMissingAllowOriginHeader",
    "PreflightAllowOriginMismatch",
    "MultipleAllowOriginValues",
    "InvalidAllowOriginValue",
    "PreflightWildcardOriginNotAllowed",
    "PreflightInvalidAllowCredentials",
    "PreflightDisallowedRedirect",
];

/// The rank of a reason: its place in [`RANK`], then in `Reason::NAMES`.
pub fn rank(name: &str) -> usize {
    RANK.iter()
        .position(|n| *n == name)
        .or_else(|| {
            Reason::NAMES
                .iter()
                .position(|n| *n == name)
                .map(|p| p + RANK.len())
        })
        .unwrap_or(usize::MAX)
}

/// What would decide between `names` (the candidates), as questions to answer; `generic`: the
/// message is a line printed for many reasons.
pub fn questions(names: &[&str], generic: bool, engine: Engine) -> Vec<String> {
    let has = |list: &[&str]| names.iter().any(|n| list.contains(n));
    let mut questions = Vec::new();
    if generic {
        let neighbour = match engine {
            Engine::Chromium => {
                "Chromium prints the reason on its own line (`Access to fetch at … has been \
                 blocked by CORS policy: …`) next to this one"
            }
            Engine::WebKit => {
                "Safari prints the reason on the line before this one (`Origin … is not \
                 allowed by Access-Control-Allow-Origin.`, `Preflight response is not \
                 successful.`, …)"
            }
            _ => "The console prints the reason on a line of its own next to this one",
        };
        questions.push(format!(
            "Which line comes with this one? {neighbour}: paste both, and the reason is decided."
        ));
    }
    if has(&["ConnectionFailed"]) {
        questions.push(
            "Was there a response at all? In the Network tab, a request with a status (even 4xx \
             or 5xx) got one; if it shows none — (failed), net::ERR_CONNECTION_REFUSED, \
             ERR_NAME_NOT_RESOLVED, a certificate error — this is not CORS: check the URL, that \
             the server is up and reachable, and its certificate; no CORS header helps before \
             there is a response."
                .to_owned(),
        );
    }
    let preflight = names.iter().any(|n| is_preflight_name(n));
    let actual = names
        .iter()
        .any(|n| !is_preflight_name(n) && *n != "ConnectionFailed");
    if preflight && actual {
        questions.push(
            "Did a preflight go first? The Network tab lists it as an OPTIONS request before \
             this one (Chromium: type `preflight`); if it failed, the reason is on the \
             preflight's response, else on the response to the request itself."
                .to_owned(),
        );
    }
    if has(&["PreflightInvalidStatus", "PreflightDisallowedRedirect"]) {
        questions.push(
            "What status did the preflight (OPTIONS) get? A redirect (3xx): \
             PreflightDisallowedRedirect; another status outside 200–299: PreflightInvalidStatus."
                .to_owned(),
        );
    }
    let origin_answers: Vec<(&str, &str)> = [
        ("MissingAllowOriginHeader", "nothing"),
        ("AllowOriginMismatch", "another origin"),
        (
            "InvalidAllowOriginValue",
            "a value that is no URL, such as a host without its scheme",
        ),
        (
            "MultipleAllowOriginValues",
            "two values, or the header twice, as when a proxy and the app both add it",
        ),
        (
            "WildcardOriginNotAllowed",
            "`*` to a request with credentials",
        ),
    ]
    .into_iter()
    .filter(|(name, _)| {
        names
            .iter()
            .any(|n| n.trim_start_matches("Preflight") == *name)
    })
    .collect();
    if origin_answers.len() > 1 {
        let answers: Vec<String> = origin_answers
            .iter()
            .map(|(name, answer)| format!("{answer} ({name})"))
            .collect();
        questions.push(format!(
            "What did the server send in Access-Control-Allow-Origin: {}? The Network tab shows \
             the response's headers, or `curl -i -H 'Origin: <your page's origin>' <URL>`.",
            answers.join(", ")
        ));
    }
    if has(&[
        "InvalidAllowCredentials",
        "PreflightInvalidAllowCredentials",
    ]) && origin_answers.len() + 1 < names.len()
    {
        questions.push(
            "Does the request include credentials (fetch's `credentials: 'include'`, \
             XMLHttpRequest's `withCredentials = true`), and did the server answer \
             `Access-Control-Allow-Credentials: true`? Anything else: InvalidAllowCredentials."
                .to_owned(),
        );
    }
    if has(&[
        "MethodDisallowedByPreflightResponse",
        "HeaderDisallowedByPreflightResponse",
        "InvalidAllowMethodsPreflightResponse",
        "InvalidAllowHeadersPreflightResponse",
    ]) && names.len() > 1
    {
        questions.push(
            "Which method and headers did the request use, and what did the preflight's \
             response list in Access-Control-Allow-Methods and Access-Control-Allow-Headers?"
                .to_owned(),
        );
    }
    if has(&[
        "RedirectContainsCredentials",
        "InvalidRedirectLocation",
        "RedirectToNonHttpScheme",
        "TooManyRedirects",
        "RedirectModeError",
    ]) && names.len() > 1
    {
        questions.push(
            "Was the response a redirect? The Network tab shows the 3xx and its Location: a \
             Location with a user name or password, one that is not a URL or not http(s), a \
             loop, or a redirect the request's `redirect` option forbids."
                .to_owned(),
        );
    }
    if has(&[
        "DisallowedByMode",
        "NoCorsRedirectModeNotFollow",
        "CorsDisabledScheme",
        "BadPort",
        "MixedContent",
        "InvalidDataUrl",
    ]) && names.len() > 1
    {
        questions.push(
            "Which URL did the page request, and with which `mode` and `redirect` options? The \
             URL's scheme and port, an http URL from an https page, and mode `same-origin` or \
             `no-cors` each fail before any CORS header is read."
                .to_owned(),
        );
    }
    questions
}

/// Whether the reason named `name` fails on the preflight.
pub fn is_preflight_name(name: &str) -> bool {
    name.starts_with("Preflight")
        || [
            "InvalidAllowMethodsPreflightResponse",
            "InvalidAllowHeadersPreflightResponse",
            "MethodDisallowedByPreflightResponse",
            "HeaderDisallowedByPreflightResponse",
        ]
        .contains(&name)
}

/// Stands for the `Origin` of the request an assumed answer answers.
const ORIGIN: &str = "{{origin}}";

/// The minimal server that gives the reason, as answers by request.
#[derive(Debug, Clone)]
pub struct AssumedServer {
    /// Nothing answers.
    pub no_response: bool,
    /// The first URL of a redirected fetch, with its preflight's and its own answer.
    pub initial: Option<(Url, AnswerSpec, AnswerSpec)>,
    pub preflight: AnswerSpec,
    pub actual: AnswerSpec,
}

impl AssumedServer {
    /// The answer to `request`.
    pub fn answer(&self, request: &OutgoingRequest) -> Answer {
        if self.no_response {
            return Answer::none("assumed");
        }
        let mut url = request.url().clone();
        url.set_fragment(None);
        let (preflight, actual) = match &self.initial {
            Some((initial, preflight, actual)) if *initial == url => (preflight, actual),
            _ => (&self.preflight, &self.actual),
        };
        let spec = if request.is_preflight() {
            preflight
        } else {
            actual
        };
        // The server lets in the origin the request carries (`null` once a redirect tainted it).
        let origin = request
            .headers()
            .get_str("origin")
            .map_or_else(|| "null".to_owned(), |o| o.into_owned());
        let mut spec = spec.clone();
        for (_, value) in &mut spec.headers {
            *value = value.replace(ORIGIN, &origin);
        }
        Answer::from_spec(&spec, "assumed")
    }
}

/// The situation a message implies.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    pub page: Document,
    pub request: RequestSpec,
    pub server: AssumedServer,
    /// What the message says.
    pub said: Vec<String>,
    /// What the reason implies.
    pub implied: Vec<String>,
    /// What the message does not say, assumed.
    pub assumed: Vec<String>,
}

/// Whether `method` is a CORS-safelisted method.
fn safelisted(method: &str) -> bool {
    matches!(method, "GET" | "HEAD" | "POST")
}

/// A value of the header `name` that is not CORS-safelisted, so that it needs a preflight.
fn unsafe_value(name: &str) -> &'static str {
    match name.to_ascii_lowercase().as_str() {
        "content-type" => "application/json",
        "authorization" => "Bearer <token>",
        "accept" => "application/json; q=\"1\"",
        "accept-language" | "content-language" => "en_US",
        "range" => "bytes=0-1, 5-9",
        _ => "1",
    }
}

/// The situation that `reason` (a reading of `read`) implies, for the page `page` when given.
pub fn rebuild(read: &Read, reason: &Reason, page: Option<&Document>) -> Rebuilt {
    let mut value = value_of(reason).to_owned();
    let mut said = Vec::new();
    let mut implied = Vec::new();
    let mut assumed = Vec::new();
    // Firefox names a redirect's Location that is not http(s) where it names the URL.
    let mut read_url = read.url.clone();
    if let (Reason::RedirectToNonHttpScheme { .. }, Some(url)) = (reason, &read.url)
        && !url.starts_with("http")
    {
        said.push(format!("the redirect's Location {url}"));
        value = url.clone();
        read_url = None;
    }

    // The URL.
    let url_text = match (&read_url, reason) {
        (Some(url), _) => {
            said.push(format!("the URL {url}"));
            url.clone()
        }
        (None, reason) => {
            let placeholder = match reason {
                Reason::CorsDisabledScheme => "file:///home/you/data.json",
                Reason::InvalidDataUrl => "data:text/plain",
                Reason::BadPort => "http://your-api.example:6000/data",
                Reason::MixedContent => "http://your-api.example/data",
                _ => URL_PLACEHOLDER,
            };
            assumed.push(format!(
                "the URL: the message names none; {placeholder} stands for it"
            ));
            placeholder.to_owned()
        }
    };
    let url = Url::parse(&url_text)
        .or_else(|_| Url::parse(URL_PLACEHOLDER))
        .expect("a URL");
    let initial = read
        .initial_url
        .as_ref()
        .and_then(|i| Url::parse(i).ok())
        .filter(|i| *i != url);
    if let Some(initial) = &initial {
        said.push(format!("the request was redirected from {initial}"));
    }

    // The page.
    let page = match (page, &read.origin) {
        (Some(page), _) => page.clone(),
        (None, Some(origin)) => {
            said.push(format!("the page's origin {origin}"));
            if origin == "null" {
                Document::opaque()
            } else {
                Url::parse(&format!("{origin}/"))
                    .map(Document::new)
                    .unwrap_or_else(|_| Document::opaque())
            }
        }
        (None, None) => {
            let scheme = match reason {
                Reason::MixedContent => "https",
                _ if url.scheme() == "https" => "https",
                _ => "http",
            };
            let placeholder = format!("{scheme}://{PAGE_PLACEHOLDER}");
            assumed.push(format!(
                "the page's origin: the message names none; {placeholder} stands for it (give \
                 yours with --origin)"
            ));
            Url::parse(&format!("{placeholder}/"))
                .map(Document::new)
                .expect("a placeholder URL")
        }
    };
    let origin = page.origin().to_string();

    // The request.
    let preflighted = reason.is_preflight();
    let network_method = read
        .network
        .as_ref()
        .map(|line| line.method.clone())
        .filter(|m| m != "OPTIONS");
    if let Some(method) = &network_method {
        said.push(format!("the method {method} (the net::ERR line)"));
    }
    let mut request = RequestSpec::new(url.as_str());
    if let Some(initial) = &initial {
        request.url = initial.to_string();
    }
    request.initiator = read.initiator.unwrap_or_default();
    request.method = match (reason, &network_method) {
        (Reason::MethodDisallowedByPreflightResponse { .. }, _) if !value.is_empty() => {
            said.push(format!("the method {value}"));
            value.clone()
        }
        (_, Some(method)) => method.clone(),
        _ if preflighted => {
            let why = match reason {
                Reason::HeaderDisallowedByPreflightResponse { .. } if !value.is_empty() => {
                    "the message names the header, not the method"
                }
                _ => "the message says the preflight failed, not what the request was",
            };
            assumed.push(format!(
                "the method PUT: {why} (any method but GET, HEAD and POST is preflighted the \
                 same way)"
            ));
            "PUT".to_owned()
        }
        _ => "GET".to_owned(),
    };
    match reason {
        Reason::HeaderDisallowedByPreflightResponse { .. } => {
            let header = if value.is_empty() {
                assumed.push(
                    "the header x-token: the message names no header, so one stands for it"
                        .to_owned(),
                );
                "x-token".to_owned()
            } else {
                said.push(format!("the request header {value}"));
                value.clone()
            };
            let sample = unsafe_value(&header);
            assumed.push(format!("the header's value `{sample}`"));
            request.headers.push((header, sample.as_bytes().to_vec()));
        }
        _ if preflighted && safelisted(&request.method) => {
            let (header, sample) = match request.method.as_str() {
                "POST" => ("Content-Type", "application/json"),
                _ => ("X-Requested-With", "XMLHttpRequest"),
            };
            assumed.push(format!(
                "the header `{header}: {sample}`, which makes a {} need a preflight (the \
                 message says a preflight failed, not why one was sent)",
                request.method
            ));
            request
                .headers
                .push((header.to_owned(), sample.as_bytes().to_vec()));
        }
        _ => {}
    }
    let credentials = matches!(
        reason,
        Reason::Check(CheckFailure::WildcardOriginNotAllowed)
            | Reason::Check(CheckFailure::InvalidAllowCredentials { .. })
            | Reason::PreflightCheck(CheckFailure::WildcardOriginNotAllowed)
            | Reason::PreflightCheck(CheckFailure::InvalidAllowCredentials { .. })
    );
    if credentials {
        request.credentials = CredentialsMode::Include;
        implied.push(
            "credentials: 'include' (the reason arises only for requests with credentials)"
                .to_owned(),
        );
    }
    match reason {
        Reason::DisallowedByMode => {
            request.mode = Mode::SameOrigin;
            implied.push("mode: 'same-origin' (the reason is that mode's)".to_owned());
        }
        Reason::NoCorsRedirectModeNotFollow => {
            request.mode = Mode::NoCors;
            request.redirect = RedirectMode::Manual;
            implied.push("mode: 'no-cors' with a redirect mode other than 'follow'".to_owned());
            assumed.push("redirect: 'manual' ('error' is refused alike)".to_owned());
        }
        Reason::RedirectModeError => {
            request.redirect = RedirectMode::Error;
            implied.push("redirect: 'error' (the reason is that mode's)".to_owned());
        }
        _ => {}
    }
    if preflighted {
        implied.push("a preflight: the request is not CORS-safelisted".to_owned());
    }
    if !preflighted && request.method == "GET" && request.headers.is_empty() {
        assumed
            .push("the request: a GET without headers or body (the message names none)".to_owned());
    }

    // The server's answers: the ones that let the request through, then the one that fails.
    let mut allow = vec![("Access-Control-Allow-Origin".to_owned(), ORIGIN.to_owned())];
    if credentials {
        allow.push((
            "Access-Control-Allow-Credentials".to_owned(),
            "true".to_owned(),
        ));
    }
    let header_names: Vec<String> = request
        .headers
        .iter()
        .map(|(n, _)| n.to_ascii_lowercase())
        .collect();
    let mut preflight_ok = AnswerSpec::new(204, allow.clone());
    if !safelisted(&request.method) {
        preflight_ok.push("Access-Control-Allow-Methods", &request.method);
    }
    if !header_names.is_empty() {
        preflight_ok.push("Access-Control-Allow-Headers", &header_names.join(", "));
    }
    let status = read.status.filter(|s| (100..=999).contains(s));
    let actual_status = match reason {
        Reason::Check(_) => status.unwrap_or(200),
        _ => 200,
    };
    let actual_ok = AnswerSpec::new(actual_status, allow.clone());
    let mut server = AssumedServer {
        no_response: false,
        initial: initial.clone().map(|i| {
            let mut redirect = AnswerSpec::new(302, allow.clone());
            redirect.push("Location", url.as_str());
            (i, preflight_ok.clone(), redirect)
        }),
        preflight: preflight_ok.clone(),
        actual: actual_ok.clone(),
    };
    let slash = {
        let mut moved = url.clone();
        moved.set_path(&format!("{}/", url.path().trim_end_matches('/')));
        moved.to_string()
    };
    let host = url.host_str().unwrap_or("your-api.example").to_owned();
    let or = |placeholder: String, what: &str, assumed: &mut Vec<String>| {
        if value.is_empty() {
            assumed.push(format!(
                "{what} `{placeholder}`: the message does not show it"
            ));
            placeholder
        } else {
            value.clone()
        }
    };
    let failing = |failure: &CheckFailure, status: u16, assumed: &mut Vec<String>| {
        let with = |name: &str, value: String| {
            let mut headers = vec![(name.to_owned(), value)];
            if credentials && name == "Access-Control-Allow-Origin" {
                headers.push((
                    "Access-Control-Allow-Credentials".to_owned(),
                    "true".to_owned(),
                ));
            }
            AnswerSpec::new(status, headers)
        };
        match failure {
            CheckFailure::WildcardOriginNotAllowed => {
                with("Access-Control-Allow-Origin", "*".to_owned())
            }
            CheckFailure::MissingAllowOriginHeader => AnswerSpec::new(status, Vec::new()),
            CheckFailure::MultipleAllowOriginValues { .. } => with(
                "Access-Control-Allow-Origin",
                or(
                    format!("{ORIGIN}, {ORIGIN}"),
                    "the Access-Control-Allow-Origin values",
                    assumed,
                ),
            ),
            CheckFailure::InvalidAllowOriginValue { .. } => {
                // The host without its scheme: no URL, so no origin.
                let host = Url::parse(&format!("{origin}/"))
                    .ok()
                    .and_then(|u| u.host_str().map(str::to_owned))
                    .unwrap_or_else(|| "page.example".to_owned());
                with(
                    "Access-Control-Allow-Origin",
                    or(host, "the Access-Control-Allow-Origin value", assumed),
                )
            }
            CheckFailure::AllowOriginMismatch { .. } => with(
                "Access-Control-Allow-Origin",
                or(
                    "https://allowed.example".to_owned(),
                    "the origin the server allows,",
                    assumed,
                ),
            ),
            CheckFailure::InvalidAllowCredentials { .. } => {
                let mut answer = AnswerSpec::new(
                    status,
                    vec![("Access-Control-Allow-Origin".to_owned(), ORIGIN.to_owned())],
                );
                if !value.is_empty() {
                    answer.push("Access-Control-Allow-Credentials", &value);
                }
                answer
            }
            _ => AnswerSpec::new(status, Vec::new()),
        }
    };
    let said_status =
        |said: &mut Vec<String>, assumed: &mut Vec<String>, fallback: u16| match status {
            Some(status) => {
                said.push(format!("the status {status}"));
                status
            }
            None => {
                assumed.push(format!("the status {fallback}: the message shows none"));
                fallback
            }
        };
    match reason {
        Reason::Check(failure) => {
            let status = said_status(&mut said, &mut assumed, 200);
            server.actual = failing(failure, status, &mut assumed);
        }
        Reason::PreflightCheck(failure) => {
            server.preflight = failing(failure, 204, &mut assumed);
        }
        Reason::PreflightInvalidStatus { .. } => {
            let status = said_status(&mut said, &mut assumed, 404);
            server.preflight = AnswerSpec::new(status, allow.clone());
        }
        Reason::PreflightDisallowedRedirect { .. } => {
            let status = match status.filter(|s| (300..400).contains(s)) {
                Some(status) => {
                    said.push(format!("the status {status}"));
                    status
                }
                None => {
                    assumed.push("the status 307: the message shows none".to_owned());
                    307
                }
            };
            assumed.push(format!("the redirect's Location {slash}"));
            let mut answer = AnswerSpec::new(status, allow.clone());
            answer.push("Location", &slash);
            server.preflight = answer;
        }
        Reason::InvalidAllowMethodsPreflightResponse { .. } => {
            let list = or(
                "GET PUT".to_owned(),
                "Access-Control-Allow-Methods",
                &mut assumed,
            );
            let mut answer = AnswerSpec::new(204, allow.clone());
            answer.push("Access-Control-Allow-Methods", &list);
            server.preflight = answer;
        }
        Reason::InvalidAllowHeadersPreflightResponse { .. } => {
            let list = or(
                "Content-Type Authorization".to_owned(),
                "Access-Control-Allow-Headers",
                &mut assumed,
            );
            let mut answer = AnswerSpec::new(204, allow.clone());
            if !safelisted(&request.method) {
                answer.push("Access-Control-Allow-Methods", &request.method);
            }
            answer.push("Access-Control-Allow-Headers", &list);
            server.preflight = answer;
        }
        Reason::MethodDisallowedByPreflightResponse { .. } => {
            let mut answer = AnswerSpec::new(204, allow.clone());
            if !header_names.is_empty() {
                answer.push("Access-Control-Allow-Headers", &header_names.join(", "));
            }
            server.preflight = answer;
        }
        Reason::HeaderDisallowedByPreflightResponse { .. } => {
            let mut answer = AnswerSpec::new(204, allow.clone());
            if !safelisted(&request.method) {
                answer.push("Access-Control-Allow-Methods", &request.method);
            }
            server.preflight = answer;
        }
        Reason::RedirectContainsCredentials { .. } => {
            let mut with_user = url.clone();
            let _ = with_user.set_username("user");
            let _ = with_user.set_password(Some("password"));
            let location = or(with_user.to_string(), "the Location", &mut assumed);
            let mut answer = AnswerSpec::new(302, allow.clone());
            answer.push("Location", &location);
            server.actual = answer;
        }
        Reason::InvalidRedirectLocation { .. } => {
            let location = or("http://[::1".to_owned(), "the Location", &mut assumed);
            let mut answer = AnswerSpec::new(302, allow.clone());
            answer.push("Location", &location);
            server.actual = answer;
        }
        Reason::RedirectToNonHttpScheme { .. } => {
            let location = or(
                format!("ftp://{host}{}", url.path()),
                "the Location",
                &mut assumed,
            );
            let mut answer = AnswerSpec::new(302, allow.clone());
            answer.push("Location", &location);
            server.actual = answer;
        }
        Reason::TooManyRedirects => {
            assumed.push(format!("the server redirects {url} to itself"));
            let mut answer = AnswerSpec::new(302, allow.clone());
            answer.push("Location", url.as_str());
            server.actual = answer;
        }
        Reason::RedirectModeError | Reason::NoCorsRedirectModeNotFollow => {
            assumed.push(format!("the server redirects to {slash}"));
            let mut answer = AnswerSpec::new(302, allow.clone());
            answer.push("Location", &slash);
            server.actual = answer;
        }
        Reason::ConnectionFailed => {
            implied.push("no response came: nothing answered the request".to_owned());
            server.no_response = true;
        }
        _ => {}
    }
    if !server.no_response
        && !matches!(
            reason,
            Reason::DisallowedByMode
                | Reason::CorsDisabledScheme
                | Reason::InvalidDataUrl
                | Reason::BadPort
                | Reason::MixedContent
        )
    {
        assumed.push(
            "the server's other answers: the ones that let the request through to the failing \
             step (the minimal answers that give exactly this reason)"
                .to_owned(),
        );
    }
    Rebuilt {
        page,
        request,
        server,
        said,
        implied,
        assumed,
    }
}
