//! The scenario model of `cors-vectors/1`: a server made of routes, the steps of fetches a
//! browser makes against it, and the loop that drives them. These types are the format's one
//! definition: with feature `vectors` they deserialize from a vector file's JSON exactly as the
//! format states it (`docs/vectors.md`), and the proptest strategies and the fuzz targets build
//! the same values.

use crate::document::Document;
use crate::fetch::{Browser, Exchange, Reply};
use crate::header::{HeaderList, HeaderValue};
use crate::origin::Origin;
use crate::profile::Profile;
use crate::referrer::ReferrerPolicy;
use crate::request::{
    CredentialsMode, Mode, OutgoingRequest, RedirectMode, RequestError, RequestInit,
};
use crate::response::ResponseType;
use crate::time::Time;
use http::header::{ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD, ORIGIN};
use http::{HeaderName, Method};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use url::{Position, Url};

#[cfg(feature = "vectors")]
use super::format;
#[cfg(feature = "vectors")]
use serde::Deserialize;

/// The placeholders a route's header value may hold, and the request header each stands for:
/// the common "reflect" servers.
const PLACEHOLDERS: [(&[u8], HeaderName); 3] = [
    (b"{{origin}}", ORIGIN),
    (b"{{request-method}}", ACCESS_CONTROL_REQUEST_METHOD),
    (b"{{request-headers}}", ACCESS_CONTROL_REQUEST_HEADERS),
];

/// The most bytes placeholders may add to one answer: a server's header limit is far below, and
/// without one a file could make each answer about its own size squared (each
/// `{{request-headers}}` standing for every name a request sends).
pub const MAX_EXPANSION: usize = 1 << 20;

/// A byte string of a vector: text, or in JSON `{"bytes": "hex"}` for bytes that are not UTF-8.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "vectors",
    derive(Deserialize),
    serde(try_from = "format::BytesJson")
)]
pub struct Bytes(pub Vec<u8>);

#[cfg(feature = "vectors")]
impl TryFrom<format::BytesJson> for Bytes {
    type Error = String;

    fn try_from(json: format::BytesJson) -> Result<Self, String> {
        json.decode().map(Bytes)
    }
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<&str> for Bytes {
    fn from(text: &str) -> Self {
        Self(text.as_bytes().to_vec())
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

/// One route of a server: which requests it answers, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "vectors", derive(Deserialize), serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct Route {
    /// The method it answers; `None` (`"*"` in JSON) answers every method. A CORS preflight is
    /// an `OPTIONS` request.
    #[cfg_attr(feature = "vectors", serde(with = "format::route_method"))]
    pub method: Option<Method>,
    /// The URL it answers, compared without fragments.
    pub url: Url,
    /// The status of its answer.
    #[cfg_attr(feature = "vectors", serde(deserialize_with = "format::status"))]
    pub status: u16,
    /// The headers of its answer, in order. A value may hold the placeholders `{{origin}}`,
    /// `{{request-method}}` and `{{request-headers}}`, which stand for the request's `Origin`,
    /// `Access-Control-Request-Method` and `Access-Control-Request-Headers` (empty when absent).
    #[cfg_attr(
        feature = "vectors",
        serde(default, deserialize_with = "format::response_headers")
    )]
    pub headers: Vec<(HeaderName, Bytes)>,
    /// Whether the server closes the connection without an answer.
    #[cfg_attr(feature = "vectors", serde(default))]
    pub network_error: bool,
}

impl Route {
    /// A route answering `method` (`None`: any) at `url` with `status` and `headers`.
    pub fn new(
        method: Option<Method>,
        url: Url,
        status: u16,
        headers: Vec<(HeaderName, Bytes)>,
    ) -> Self {
        Self {
            method,
            url,
            status,
            headers,
            network_error: false,
        }
    }

    /// The same route, answering no response at all when `network_error`.
    pub fn network_error(mut self, network_error: bool) -> Self {
        self.network_error = network_error;
        self
    }

    /// Whether this route answers `request`.
    fn answers(&self, request: &OutgoingRequest) -> bool {
        self.method.as_ref().is_none_or(|m| m == request.method())
            && self.url[..Position::AfterQuery] == request.url()[..Position::AfterQuery]
    }

    /// The header list answering `request`: placeholders replaced and values normalized (a value
    /// that is still not a header value, because it holds NUL, CR or LF, is left out). Values
    /// whose placeholders would take the answer more than `MAX_EXPANSION` (1 MiB) bytes past its
    /// route's own are left out too.
    pub fn header_list(&self, request: &OutgoingRequest) -> HeaderList {
        self.fill(&self.values(), request)
    }

    /// Its header values made ready to answer with, in order.
    fn values(&self) -> Vec<ValueTemplate> {
        self.headers
            .iter()
            .map(|(_, value)| ValueTemplate::of(&value.0))
            .collect()
    }

    /// The header list answering `request`, its values made from `values` (see
    /// [`Route::values`]).
    fn fill(&self, values: &[ValueTemplate], request: &OutgoingRequest) -> HeaderList {
        let mut list = HeaderList::with_capacity(self.headers.len());
        let mut room = MAX_EXPANSION;
        for ((name, _), value) in self.headers.iter().zip(values) {
            if let Some(value) = value.fill(request, &mut room) {
                list.append(name.clone(), value);
            }
        }
        list
    }
}

/// A route's header value made ready to answer with: normalized once, unless placeholders make
/// it depend on the request.
#[derive(Debug, Clone)]
enum ValueTemplate {
    /// A value holding no placeholder, normalized (`None`: not a header value, left out).
    Ready(Option<HeaderValue>),
    /// A value holding placeholders.
    Placeholders(Vec<u8>),
}

impl ValueTemplate {
    /// The template of a route's header `value`.
    fn of(value: &[u8]) -> Self {
        // Most values hold no placeholder: one pass over the bytes rules them all out.
        if value.contains(&b'{')
            && PLACEHOLDERS
                .iter()
                .any(|(placeholder, _)| occurrences(value, placeholder) > 0)
        {
            Self::Placeholders(value.to_vec())
        } else {
            Self::Ready(HeaderValue::normalize(value).ok())
        }
    }

    /// The value answering `request`, its placeholders taking at most `room` more bytes (less
    /// what they take); `None` leaves the header out.
    fn fill(&self, request: &OutgoingRequest, room: &mut usize) -> Option<HeaderValue> {
        let template = match self {
            Self::Ready(value) => return value.clone(),
            Self::Placeholders(template) => template,
        };
        let mut value = Cow::Borrowed(&template[..]);
        for (placeholder, header) in &PLACEHOLDERS {
            let count = occurrences(&value, placeholder);
            if count > 0 {
                let with = request.headers().get(header).unwrap_or_default();
                let growth = count.saturating_mul(with.len());
                if growth > *room {
                    return None;
                }
                *room -= growth;
                value = Cow::Owned(replace_all(&value, placeholder, &with));
            }
        }
        HeaderValue::normalize(&value).ok()
    }
}

/// Where `needle` (not empty) first occurs in `haystack`. A route's value holds few `{`, so
/// looking for the needle's first byte before comparing the rest beats comparing every window.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = haystack[from..].iter().position(|b| *b == needle[0]) {
        let at = from + at;
        if haystack[at..].starts_with(needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// How many times `needle` (not empty) occurs in `haystack` without overlapping, as
/// [`replace_all`] replaces it.
fn occurrences(haystack: &[u8], needle: &[u8]) -> usize {
    let mut count = 0;
    let mut rest = haystack;
    while let Some(at) = find(rest, needle) {
        count += 1;
        rest = &rest[at + needle.len()..];
    }
    count
}

/// `haystack` with every occurrence of `needle` (not empty) replaced by `with`.
fn replace_all(haystack: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len() + with.len());
    let mut rest = haystack;
    while let Some(at) = find(rest, needle) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(with);
        rest = &rest[at + needle.len()..];
    }
    out.extend_from_slice(rest);
    out
}

/// A server: the first route that answers a request answers it, and a request no route answers
/// gets a `404` with no headers. Its answers depend on nothing but the request.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "vectors", derive(Deserialize), serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct Server {
    /// The routes, in the order they are tried.
    pub routes: Vec<Route>,
}

impl Server {
    /// A server of `routes`.
    pub fn new(routes: Vec<Route>) -> Self {
        Self { routes }
    }

    /// What `request` gets.
    pub fn answer(&self, request: &OutgoingRequest) -> Reply {
        self.answer_with(request, |route, _| route.header_list(request))
    }

    /// What `request` gets, the answering route's header list (the route and its index) made by
    /// `headers`.
    fn answer_with(
        &self,
        request: &OutgoingRequest,
        headers: impl FnOnce(&Route, usize) -> HeaderList,
    ) -> Reply {
        match self
            .routes
            .iter()
            .enumerate()
            .find(|(_, route)| route.answers(request))
        {
            None => Reply::Response {
                status: 404,
                headers: HeaderList::new(),
            },
            Some((_, route)) if route.network_error => Reply::NoResponse,
            Some((index, route)) => Reply::Response {
                status: route.status,
                headers: headers(route, index),
            },
        }
    }

    /// Its routes' header values made ready to answer with (see [`Route::values`]).
    fn values(&self) -> ServerValues {
        ServerValues(self.routes.iter().map(Route::values).collect())
    }

    /// As [`Server::answer`], the routes' header values made by [`Server::values`].
    fn answer_prepared(&self, values: &ServerValues, request: &OutgoingRequest) -> Reply {
        self.answer_with(request, |route, index| {
            match values
                .0
                .get(index)
                .filter(|v| v.len() == route.headers.len())
            {
                Some(values) => route.fill(values, request),
                // Values of another shape, made from another server: the route's own.
                None => route.header_list(request),
            }
        })
    }

    /// Runs one `fetch(init)` by `document` at time `now` against this server, with a trace when
    /// the browser records them. An `Err` is the `TypeError` the `Request` constructor throws.
    pub fn fetch(
        &self,
        browser: &mut Browser,
        document: &Document,
        init: RequestInit,
        now: Time,
    ) -> Result<Exchange, RequestError> {
        exchange(browser, document, init, now, |request| self.answer(request))
    }
}

/// Runs one `fetch(init)` by `document` at time `now`, each request answered by `answer`, with a
/// trace when the browser records them.
fn exchange(
    browser: &mut Browser,
    document: &Document,
    init: RequestInit,
    now: Time,
    answer: impl FnMut(&OutgoingRequest) -> Reply,
) -> Result<Exchange, RequestError> {
    let trace = browser.records_traces();
    browser.exchange(document, init, now, trace, answer)
}

/// A server's route header values made ready to answer with, route by route.
#[derive(Debug, Clone)]
struct ServerValues(Vec<Vec<ValueTemplate>>);

/// What script passes to `fetch()` in a step (JSON `request`), as the vector states it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "vectors", derive(Deserialize), serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct StepRequest {
    /// The method (`GET` when absent).
    #[cfg_attr(feature = "vectors", serde(default))]
    pub method: Option<String>,
    /// The URL, absolute or relative to the document.
    pub url: String,
    /// The headers, in order.
    #[cfg_attr(feature = "vectors", serde(default))]
    pub headers: Vec<(String, Bytes)>,
    /// The mode (`cors` when absent).
    #[cfg_attr(feature = "vectors", serde(default, with = "format::option_text"))]
    pub mode: Option<Mode>,
    /// The credentials mode (`same-origin` when absent).
    #[cfg_attr(feature = "vectors", serde(default, with = "format::option_text"))]
    pub credentials: Option<CredentialsMode>,
    /// The redirect mode (`follow` when absent).
    #[cfg_attr(feature = "vectors", serde(default, with = "format::option_text"))]
    pub redirect: Option<RedirectMode>,
    /// The use-CORS-preflight flag (`XMLHttpRequest` upload listeners).
    #[cfg_attr(feature = "vectors", serde(default))]
    pub use_cors_preflight: bool,
    /// A string body.
    #[cfg_attr(feature = "vectors", serde(default))]
    pub body: Option<String>,
    /// The request's `referrerPolicy`, as `fetch()` takes it (the empty string: the document's).
    #[cfg_attr(feature = "vectors", serde(default))]
    pub referrer_policy: Option<String>,
}

/// A field of the format this model does not run yet; a vector using it cannot run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotModelled(pub &'static str);

impl fmt::Display for NotModelled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not modelled yet", self.0)
    }
}

impl std::error::Error for NotModelled {}

impl StepRequest {
    /// A `GET` of `url` with `fetch()`'s defaults.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            ..Self::default()
        }
    }

    /// The request as [`RequestInit`]. A `referrer_policy` that is not a referrer policy (which
    /// `fetch()` rejects with a `TypeError`) cannot run; the empty string is the document's.
    pub fn init(&self) -> Result<RequestInit, NotModelled> {
        let policy =
            match self.referrer_policy.as_deref() {
                None | Some("") => None,
                Some(value) => Some(value.parse::<ReferrerPolicy>().map_err(|_| {
                    NotModelled("request.referrer_policy (a value fetch() rejects)")
                })?),
            };
        let mut init = RequestInit::new(&self.url)
            .mode(self.mode.unwrap_or_default())
            .credentials(self.credentials.unwrap_or_default())
            .redirect(self.redirect.unwrap_or_default())
            .use_cors_preflight(self.use_cors_preflight);
        if let Some(method) = &self.method {
            init = init.method(method);
        }
        for (name, value) in &self.headers {
            init = init.header(name, value.0.clone());
        }
        if let Some(body) = &self.body {
            init = init.body(body.clone());
        }
        if let Some(policy) = policy {
            init = init.referrer_policy(policy);
        }
        Ok(init)
    }
}

/// Whether a fetch resolves or rejects (JSON `"ok"` or `"network-error"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "vectors",
    derive(Deserialize),
    serde(rename_all = "kebab-case")
)]
#[non_exhaustive]
pub enum Outcome {
    /// The fetch resolves with a response.
    Ok,
    /// The fetch rejects with a network error.
    NetworkError,
}

impl Outcome {
    /// The name the format gives it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::NetworkError => "network-error",
        }
    }
}

/// A request a step expects to have reached the server.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "vectors", derive(Deserialize), serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct ExpectedRequest {
    /// Its method.
    #[cfg_attr(feature = "vectors", serde(default))]
    pub method: Option<String>,
    /// Its URL.
    #[cfg_attr(feature = "vectors", serde(default))]
    pub url: Option<String>,
    /// The value of each named header (lowercase name), or `None` for "absent".
    #[cfg_attr(feature = "vectors", serde(default))]
    pub headers: BTreeMap<String, Option<String>>,
}

/// What a step expects; an absent field is not checked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "vectors", derive(Deserialize), serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct Expect {
    /// Whether the fetch resolves.
    #[cfg_attr(feature = "vectors", serde(default))]
    pub result: Option<Outcome>,
    /// The response's type.
    #[cfg_attr(
        feature = "vectors",
        serde(default, rename = "type", with = "format::option_text")
    )]
    pub response_type: Option<ResponseType>,
    /// The status script sees.
    #[cfg_attr(
        feature = "vectors",
        serde(default, deserialize_with = "format::seen_status")
    )]
    pub status: Option<u16>,
    /// The header names script can read, lowercase and sorted.
    #[cfg_attr(feature = "vectors", serde(default))]
    pub exposed_headers: Option<Vec<String>>,
    /// Whether the step sent a CORS-preflight request.
    #[cfg_attr(feature = "vectors", serde(default))]
    pub preflight: Option<bool>,
    /// The requests that reached the server, in order.
    #[cfg_attr(feature = "vectors", serde(default))]
    pub requests: Option<Vec<ExpectedRequest>>,
    /// The name of the network error's reason.
    #[cfg_attr(
        feature = "vectors",
        serde(default, deserialize_with = "format::reason")
    )]
    pub error: Option<String>,
}

/// One `fetch()` of a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "vectors", derive(Deserialize), serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct Step {
    /// When script calls `fetch()`; the server answers at once.
    #[cfg_attr(feature = "vectors", serde(default, deserialize_with = "format::time"))]
    pub at: Time,
    /// The origin of the document making the fetch, when it is not the scenario's.
    #[cfg_attr(feature = "vectors", serde(default, with = "format::option_origin"))]
    pub origin: Option<Origin>,
    /// What script passes to `fetch()`.
    pub request: StepRequest,
    /// The server answering this step, when it is not the scenario's.
    #[cfg_attr(feature = "vectors", serde(default))]
    pub server: Option<Server>,
    /// What the step expects.
    #[cfg_attr(feature = "vectors", serde(default))]
    pub expect: Expect,
}

impl Step {
    /// A step at `at` making `request`, with no expectation.
    pub fn new(at: Time, request: StepRequest) -> Self {
        Self {
            at,
            origin: None,
            request,
            server: None,
            expect: Expect::default(),
        }
    }
}

/// What one step gave: the exchange, the `TypeError` the `Request` constructor threw, or a
/// field the model cannot run.
pub type StepResult = Result<Result<Exchange, RequestError>, NotModelled>;

/// A whole scenario: documents make the steps' fetches in order, in one browser, against a
/// server.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "vectors", derive(Deserialize), serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct Scenario {
    /// The origin of the document making the fetches (a step may name another).
    #[cfg_attr(feature = "vectors", serde(with = "format::origin"))]
    pub origin: Origin,
    /// How the server answers (a step may bring its own).
    pub server: Server,
    /// The fetches, in order.
    pub steps: Vec<Step>,
}

impl Scenario {
    /// A scenario of a document of `origin` against `server`.
    pub fn new(origin: Origin, server: Server, steps: Vec<Step>) -> Self {
        Self {
            origin,
            server,
            steps,
        }
    }

    /// Runs every step in order on a fresh browser of `profile`. Consecutive steps of one
    /// origin run in one document (at its origin's root); a step of another origin opens a new
    /// one. A step that uses a field the model does not run stops the scenario.
    pub fn run(&self, profile: Profile) -> Vec<StepResult> {
        self.run_in(&mut Browser::new(profile).trace(true))
    }

    /// As [`Scenario::run`], in `browser` as it is.
    pub fn run_in(&self, browser: &mut Browser) -> Vec<StepResult> {
        self.run_prepared(&self.prepare(), browser)
    }

    /// The scenario's documents and requests, made once for any number of runs: consecutive
    /// steps of one origin share a document, and each request's URL is parsed against its
    /// document's URL (which is what the `Request` constructor would do on every run), and each
    /// route's header values are normalized unless they hold placeholders.
    pub fn prepare(&self) -> Prepared {
        let mut steps: Vec<PreparedStep> = Vec::new();
        let mut last: Option<&Origin> = None;
        for step in &self.steps {
            let origin = step.origin.as_ref().unwrap_or(&self.origin);
            let page = match steps.last() {
                Some(prepared) if last == Some(origin) => prepared.page.clone(),
                _ => document_at(origin),
            };
            last = Some(origin);
            let init = step
                .request
                .init()
                .map(|init| init.resolved_against(page.url()));
            let expected_names = step
                .expect
                .requests
                .iter()
                .flatten()
                .map(|request| {
                    let names = request.headers.keys();
                    names
                        .map(|name| HeaderName::from_bytes(name.as_bytes()).ok())
                        .collect()
                })
                .collect();
            steps.push(PreparedStep {
                page,
                init,
                server: step.server.as_ref().map(Server::values),
                expected_names,
            });
        }
        Prepared {
            steps,
            server: self.server.values(),
        }
    }

    /// Runs the scenario as [`Scenario::prepare`] made it ready, in `browser` as it is.
    pub fn run_prepared(&self, prepared: &Prepared, browser: &mut Browser) -> Vec<StepResult> {
        let mut results = Vec::new();
        for (step, made) in self.steps.iter().zip(&prepared.steps) {
            let server = step.server.as_ref().unwrap_or(&self.server);
            let values = made.server.as_ref().unwrap_or(&prepared.server);
            let result = made.init.clone().map(|init| {
                exchange(browser, &made.page, init, step.at, |request| {
                    server.answer_prepared(values, request)
                })
            });
            let stop = result.is_err();
            results.push(result);
            if stop {
                break;
            }
        }
        results
    }
}

/// A scenario made ready to run: see [`Scenario::prepare`].
#[derive(Debug, Clone)]
pub struct Prepared {
    steps: Vec<PreparedStep>,
    /// The scenario's server's header values.
    server: ServerValues,
}

/// A step made ready to run.
#[derive(Debug, Clone)]
struct PreparedStep {
    /// The document making the fetch.
    page: Document,
    /// What it passes to `fetch()`, its URL parsed.
    init: Result<RequestInit, NotModelled>,
    /// The step's own server's header values.
    server: Option<ServerValues>,
    /// The names of the headers each expected request states, parsed (`None`: not a header
    /// name), in the order of [`ExpectedRequest::headers`].
    expected_names: Vec<Vec<Option<HeaderName>>>,
}

impl Prepared {
    /// The names of the headers the `step`th step expects of each request, parsed (`None`: not
    /// a header name), in the order of [`ExpectedRequest::headers`].
    pub(crate) fn expected_header_names(&self, step: usize) -> &[Vec<Option<HeaderName>>] {
        self.steps
            .get(step)
            .map_or(&[], |step| &step.expected_names)
    }
}

/// A new document of `origin`, at its root (an opaque origin gives a new opaque document).
pub fn document_at(origin: &Origin) -> Document {
    match origin {
        Origin::Opaque(_) => Document::opaque(),
        Origin::Tuple(_) => Url::parse(&format!("{origin}/"))
            .map(Document::new)
            .unwrap_or_else(|_| Document::opaque()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::header::{
        ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
        ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE,
    };

    fn page() -> Document {
        "http://page.example/".parse().unwrap()
    }

    fn url() -> Url {
        Url::parse("http://api.example/data").unwrap()
    }

    fn preflight(headers: &[(&str, &str)]) -> OutgoingRequest {
        let server = Server::default();
        let mut browser = Browser::new(Profile::spec());
        let mut init = RequestInit::new(url()).method("PUT");
        for (name, value) in headers {
            init = init.header(*name, *value);
        }
        server
            .fetch(&mut browser, &page(), init, Time::ZERO)
            .unwrap()
            .requests
            .remove(0)
    }

    #[test]
    fn placeholders_stand_for_the_request_headers() {
        let request = preflight(&[("X-B", "1"), ("X-A", "2")]);
        let route = Route::new(
            None,
            url(),
            204,
            vec![
                (ACCESS_CONTROL_ALLOW_ORIGIN, "{{origin}}".into()),
                (
                    ACCESS_CONTROL_ALLOW_METHODS,
                    "{{request-method}}, {{request-method}}".into(),
                ),
                (ACCESS_CONTROL_ALLOW_HEADERS, "{{request-headers}}".into()),
                (ACCESS_CONTROL_EXPOSE_HEADERS, "{{unknown}}\n".into()),
                (ACCESS_CONTROL_MAX_AGE, " 5\0".into()),
            ],
        );
        let list = route.header_list(&request);
        let get = |name| list.get(&name).map(|v| v.into_owned());
        assert_eq!(
            get(ACCESS_CONTROL_ALLOW_ORIGIN).unwrap(),
            b"http://page.example"
        );
        assert_eq!(get(ACCESS_CONTROL_ALLOW_METHODS).unwrap(), b"PUT, PUT");
        assert_eq!(get(ACCESS_CONTROL_ALLOW_HEADERS).unwrap(), b"x-a,x-b");
        assert_eq!(get(ACCESS_CONTROL_EXPOSE_HEADERS).unwrap(), b"{{unknown}}");
        assert_eq!(get(ACCESS_CONTROL_MAX_AGE), None);
    }

    #[test]
    fn placeholders_add_at_most_max_expansion_bytes_to_an_answer() {
        let names: Vec<String> = (0..2_000).map(|i| format!("x-{i:04}")).collect();
        let headers: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "1")).collect();
        let request = preflight(&headers);
        let requested = request
            .headers()
            .get(&ACCESS_CONTROL_REQUEST_HEADERS)
            .unwrap()
            .len();
        let value = "{{request-headers}} {{request-headers}}";
        let route = Route::new(
            None,
            url(),
            204,
            (0..200)
                .map(|_| (ACCESS_CONTROL_ALLOW_HEADERS, value.into()))
                .collect(),
        );
        let list = route.header_list(&request);
        let bytes: usize = list.iter().map(|(_, v)| v.as_bytes().len()).sum();
        let each = 2 * requested + 1;
        assert_eq!(list.len(), MAX_EXPANSION / (2 * requested));
        assert_eq!(bytes, list.len() * each);
        assert!(bytes <= MAX_EXPANSION + 200 * value.len());
    }

    #[test]
    fn the_first_matching_route_answers_and_others_get_404() {
        let route = |method, status| Route::new(method, url(), status, Vec::new());
        let server = Server::new(vec![
            route(Some(Method::GET), 201),
            route(Some(Method::OPTIONS), 0).network_error(true),
            route(None, 202),
        ]);
        let request = preflight(&[("X-A", "1")]);
        assert!(request.is_preflight());
        assert_eq!(server.answer(&request), Reply::NoResponse);
        let status = |reply: Reply| match reply {
            Reply::Response { status, .. } => status,
            Reply::NoResponse => 0,
        };
        let mut browser = Browser::new(Profile::spec());
        let mut fetch = |init| {
            server
                .fetch(&mut browser, &page(), init, Time::ZERO)
                .unwrap()
        };
        let exchange = fetch(RequestInit::new("http://api.example/data#f"));
        assert_eq!(status(server.answer(&exchange.requests[0])), 201);
        let exchange = fetch(RequestInit::new("http://api.example/data").method("POST"));
        assert_eq!(status(server.answer(&exchange.requests[0])), 202);
        let exchange = fetch(RequestInit::new("http://api.example/other"));
        assert_eq!(status(server.answer(&exchange.requests[0])), 404);
        let failed = fetch(RequestInit::new("http://api.example/data").method("PUT"));
        assert_eq!(failed.requests.len(), 1);
        assert_eq!(failed.result.unwrap_err().reason.name(), "ConnectionFailed");
    }

    #[test]
    fn prepared_values_answer_as_the_routes_do() {
        let headers = |values: &[&str]| {
            values
                .iter()
                .map(|v| (ACCESS_CONTROL_ALLOW_ORIGIN, Bytes::from(*v)))
                .collect()
        };
        let server = Server::new(vec![
            Route::new(
                Some(Method::OPTIONS),
                url(),
                204,
                headers(&["{{origin}}", " * ", "a\nb", "{{request-headers}}!"]),
            ),
            Route::new(None, url(), 200, headers(&["x", "{{request-method}}"])),
        ]);
        let other = Server::new(vec![Route::new(None, url(), 200, headers(&["y"]))]);
        let preflight = preflight(&[("X-A", "1")]);
        let mut browser = Browser::new(Profile::spec());
        let get = server
            .fetch(&mut browser, &page(), RequestInit::new(url()), Time::ZERO)
            .unwrap();
        for request in [&preflight, &get.requests[0]] {
            let answer = server.answer(request);
            assert_eq!(server.answer_prepared(&server.values(), request), answer);
            // Values of another shape, made from another server, are not used.
            assert_eq!(server.answer_prepared(&other.values(), request), answer);
        }
        let Reply::Response { headers, .. } = server.answer(&preflight) else {
            panic!("a response");
        };
        let values: Vec<_> = headers.iter().map(|(_, v)| v.as_bytes()).collect();
        assert_eq!(values, [&b"http://page.example"[..], b"*", b"x-a!"]);
    }

    #[test]
    fn steps_of_one_origin_share_a_document_and_others_open_one() {
        let page = Origin::parse(b"http://page.example").unwrap();
        let other = Origin::parse(b"http://other.example").unwrap();
        let server = Server::new(vec![Route::new(
            None,
            url(),
            200,
            vec![(ACCESS_CONTROL_ALLOW_ORIGIN, "{{origin}}".into())],
        )]);
        let mut second = Step::new(Time::ZERO, StepRequest::new(url().as_str()));
        second.origin = Some(other);
        let scenario = Scenario::new(
            page,
            server,
            vec![
                Step::new(Time::ZERO, StepRequest::new(url().as_str())),
                second,
            ],
        );
        let origins: Vec<String> = scenario
            .run(Profile::spec())
            .into_iter()
            .map(|result| {
                let exchange = result.unwrap().unwrap();
                let origin = exchange.requests[0].headers().get("origin").unwrap();
                String::from_utf8(origin.into_owned()).unwrap()
            })
            .collect();
        assert_eq!(origins, ["http://page.example", "http://other.example"]);
    }

    #[test]
    fn a_value_fetch_rejects_stops_the_scenario() {
        let mut request = StepRequest::new("http://api.example/");
        request.referrer_policy = Some("No-Referrer".into());
        let scenario = Scenario::new(
            Origin::new_opaque(),
            Server::default(),
            vec![
                Step::new(Time::ZERO, request),
                Step::new(Time::ZERO, StepRequest::new("http://api.example/")),
            ],
        );
        let results = scenario.run(Profile::spec());
        assert_eq!(results.len(), 1);
        assert!(matches!(
            results[0],
            Err(NotModelled(
                "request.referrer_policy (a value fetch() rejects)"
            ))
        ));
    }

    #[test]
    fn the_request_referrer_policy_runs() {
        let server = Server::new(vec![Route::new(
            None,
            url(),
            200,
            vec![(ACCESS_CONTROL_ALLOW_ORIGIN, "*".into())],
        )]);
        let referer = |policy: &str| {
            let mut request = StepRequest::new(url().as_str());
            request.referrer_policy = Some(policy.into());
            let scenario = Scenario::new(
                Origin::parse(b"http://page.example").unwrap(),
                server.clone(),
                vec![Step::new(Time::ZERO, request)],
            );
            let exchange = scenario.run(Profile::spec()).remove(0).unwrap().unwrap();
            exchange.requests[0]
                .headers()
                .get("referer")
                .map(|value| value.into_owned())
        };
        assert_eq!(referer("no-referrer"), None);
        assert_eq!(referer("same-origin"), None);
        assert_eq!(referer("").unwrap(), b"http://page.example/");
        assert_eq!(referer("unsafe-url").unwrap(), b"http://page.example/");
    }
}
