//! Attack runs: the browsers asked, the transport, and the requests an attacker's page makes,
//! each run through the model in a browser whose cookie jar holds the victim's session cookie,
//! over one transport on which an identical request goes out once.

use crate::cookie::{CookieRule, SetCookieOutcome};
use crate::document::Document;
use crate::fetch::{Browser, Exchange, Reply};
use crate::header::{HeaderList, HeaderValue};
use crate::origin::Origin;
use crate::profile::Profile;
use crate::request::{CredentialsMode, OutgoingRequest, RequestError, RequestInit};
use crate::response::ResponseType;
use crate::time::Time;
use crate::trace::Step;
use http::header::SET_COOKIE;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use url::Url;

/// What the audit sends requests through: each request the model puts on the wire, and what
/// it got (`Err` says why there was no response). Closures `Fn(OutgoingRequest) -> impl
/// Future<Output = Result<Reply, String>>` are transports.
pub trait Transport {
    /// Sends `request`.
    fn send(&self, request: OutgoingRequest) -> impl Future<Output = Result<Reply, String>>;
}

impl<F, Fut> Transport for F
where
    F: Fn(OutgoingRequest) -> Fut,
    Fut: Future<Output = Result<Reply, String>>,
{
    fn send(&self, request: OutgoingRequest) -> impl Future<Output = Result<Reply, String>> {
        self(request)
    }
}

/// A browser the audit asks: a name and the profile it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AuditBrowser {
    /// `chromium`, `chrome`, `firefox`, `safari`, `webkit` or `spec`.
    pub name: &'static str,
    /// What its cookies do, in a few words.
    pub description: &'static str,
    /// Its profile.
    pub profile: Profile,
}

impl AuditBrowser {
    /// The names [`AuditBrowser::named`] knows.
    pub const NAMES: [&'static str; 6] =
        ["chromium", "chrome", "firefox", "safari", "webkit", "spec"];

    /// The browser named `name`.
    pub fn named(name: &str) -> Option<Self> {
        let (name, description, profile) = match name {
            "chromium" => (
                "chromium",
                "Chromium with a fresh profile: third-party cookies blocked (recorded)",
                Profile::chromium(),
            ),
            "chrome" => (
                "chrome",
                "Chromium with third-party cookies allowed, as Google Chrome ships by default",
                Profile::chromium_third_party_cookies_allowed(),
            ),
            "firefox" => (
                "firefox",
                "Firefox: a cookie jar per top-level site (Total Cookie Protection, recorded)",
                Profile::firefox(),
            ),
            "safari" => (
                "safari",
                "Safari: WebKit with every third-party cookie blocked (documented, not recorded)",
                Profile::safari(),
            ),
            "webkit" => (
                "webkit",
                "WebKitGTK defaults: SameSite=None and attribute-less cookies go cross-site \
                 (recorded)",
                Profile::webkit(),
            ),
            "spec" => (
                "spec",
                "the Fetch standard: third-party cookies go as their SameSite allows",
                Profile::spec(),
            ),
            _ => return None,
        };
        Some(Self {
            name,
            description,
            profile,
        })
    }

    /// The browsers asked unless others are given: all but `spec`.
    pub fn defaults() -> Vec<Self> {
        Self::NAMES[..5]
            .iter()
            .filter_map(|name| Self::named(name))
            .collect()
    }
}

/// The `Authorization` value the attacker's preflighted requests carry: the attacker's own
/// token (a bearer token is never ambient, so a page cannot send the victim's).
pub const ATTACKER_TOKEN: &str = "Bearer cors-sim-audit";

/// A request an attacker's page makes to the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum RequestKind {
    /// `fetch(url)`: a simple `GET` without credentials.
    SimpleGet,
    /// `fetch(url, {credentials: "include"})`.
    CredentialedGet,
    /// A JSON `POST` with credentials: preflighted for its `Content-Type`.
    JsonPost,
    /// A JSON `PUT` with `Authorization` and credentials: preflighted.
    AuthorizedPut,
    /// A `DELETE` with `Authorization` and credentials: preflighted.
    AuthorizedDelete,
    /// A JSON `PUT` with `Authorization` and no credentials, as a bearer-token frontend sends
    /// it (run for the allowed origins, to lint their preflights).
    BearerPut,
}

impl RequestKind {
    /// The requests an attacker's page makes.
    pub const ATTACKS: [RequestKind; 5] = [
        Self::SimpleGet,
        Self::CredentialedGet,
        Self::JsonPost,
        Self::AuthorizedPut,
        Self::AuthorizedDelete,
    ];

    /// The requests an allowed origin's page is checked with.
    pub const ALLOWED: [RequestKind; 6] = [
        Self::SimpleGet,
        Self::CredentialedGet,
        Self::JsonPost,
        Self::AuthorizedPut,
        Self::AuthorizedDelete,
        Self::BearerPut,
    ];

    /// A short name: `simple-get`, `credentialed-get`, …
    pub fn name(self) -> &'static str {
        match self {
            Self::SimpleGet => "simple-get",
            Self::CredentialedGet => "credentialed-get",
            Self::JsonPost => "json-post",
            Self::AuthorizedPut => "authorized-put",
            Self::AuthorizedDelete => "authorized-delete",
            Self::BearerPut => "bearer-put",
        }
    }

    /// Whether the request includes credentials.
    pub fn credentialed(self) -> bool {
        !matches!(self, Self::SimpleGet | Self::BearerPut)
    }

    /// What script passes to `fetch()` for `url`.
    pub fn init(self, url: &Url) -> RequestInit {
        let init = RequestInit::new(url);
        let init = if self.credentialed() {
            init.credentials(CredentialsMode::Include)
        } else {
            init
        };
        let json = |init: RequestInit, method: &str| {
            init.method(method)
                .header("Content-Type", "application/json")
                .body("{}")
        };
        match self {
            Self::SimpleGet | Self::CredentialedGet => init,
            Self::JsonPost => json(init, "POST"),
            Self::AuthorizedPut | Self::BearerPut => {
                json(init, "PUT").header("Authorization", ATTACKER_TOKEN)
            }
            Self::AuthorizedDelete => init
                .method("DELETE")
                .header("Authorization", ATTACKER_TOKEN),
        }
    }

    /// The call as script writes it, e.g. `fetch("https://api.example/me", {credentials:
    /// "include"})`.
    pub fn script(self, url: &Url) -> String {
        let credentials = r#"credentials: "include""#;
        let json = r#"headers: {"Content-Type": "application/json"#;
        let auth = format!(r#""Authorization": "{ATTACKER_TOKEN}""#);
        let options = match self {
            Self::SimpleGet => String::new(),
            Self::CredentialedGet => format!(", {{{credentials}}}"),
            Self::JsonPost => {
                format!(r#", {{method: "POST", {json}"}}, body: "{{}}", {credentials}}}"#)
            }
            Self::AuthorizedPut => {
                format!(r#", {{method: "PUT", {json}", {auth}}}, body: "{{}}", {credentials}}}"#)
            }
            Self::AuthorizedDelete => {
                format!(r#", {{method: "DELETE", headers: {{{auth}}}, {credentials}}}"#)
            }
            Self::BearerPut => format!(r#", {{method: "PUT", {json}", {auth}}}, body: "{{}}"}}"#),
        };
        format!("fetch(\"{url}\"{options})")
    }
}

/// One request of a page, run in one browser: what script got, and the cookies that went.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Attempt {
    /// The request.
    pub kind: RequestKind,
    /// The requests sent, what script got, and the trace.
    pub exchange: Exchange,
    /// Whether script can read the final response, a basic or CORS one, with data or a refusal
    /// of the session: a 2xx, or a 401 or 403 (the answer to a session cookie the audit made
    /// up, where the victim's would get data). Other statuses (a 404 a middleware answers with
    /// CORS headers) are no data.
    pub readable: bool,
    /// The cookies the final request carried, by name.
    pub cookies: Vec<String>,
    /// Whether the preflight passed and the request itself was not sent (read-only).
    pub not_sent: bool,
}

impl Attempt {
    /// The status of a readable answer that refused the session (401 or 403).
    pub fn refused_status(&self) -> Option<u16> {
        let status = self.exchange.result.as_ref().ok()?.status();
        (self.readable && matches!(status, 401 | 403)).then_some(status)
    }

    fn new(kind: RequestKind, exchange: Exchange, not_sent: bool) -> Self {
        let readable = exchange.result.as_ref().is_ok_and(|response| {
            matches!(
                response.response_type(),
                ResponseType::Basic | ResponseType::Cors
            ) && matches!(response.status(), 200..=299 | 401 | 403)
        });
        let cookies = exchange
            .requests
            .last()
            .filter(|request| !request.is_preflight())
            .and_then(|request| request.headers().get_str("cookie").map(|c| c.into_owned()))
            .map(|header| {
                header
                    .split("; ")
                    .map(|pair| pair.split('=').next().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default();
        Self {
            kind,
            exchange,
            readable,
            cookies,
            not_sent,
        }
    }

    /// The trace lines that say why: the CORS checks, what the preflight allowed, each cookie's
    /// fate, where the engine departed from the standard, and the error.
    pub fn why(&self) -> Vec<String> {
        let Some(trace) = &self.exchange.trace else {
            return Vec::new();
        };
        trace
            .steps()
            .iter()
            .filter(|step| match step {
                Step::CorsCheck { .. }
                | Step::MethodAllowed { .. }
                | Step::HeaderAllowed { .. }
                | Step::SameSiteMode { .. }
                | Step::NetworkError(_)
                | Step::Redirect { .. } => true,
                Step::Cookie { rule, .. } => *rule != CookieRule::Preflight,
                Step::Departure { field, .. } => !field.starts_with("cache."),
                _ => false,
            })
            .map(ToString::to_string)
            .collect()
    }
}

/// How many fetches an audit ran and requests it made, sent and reused.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stats {
    /// Fetches run through the model.
    pub fetches: usize,
    /// Requests those fetches put on the wire (preflights included).
    pub requests: usize,
    /// Requests that went over the transport: each distinct one once.
    pub sent: usize,
    /// Requests answered with what an identical one sent earlier got.
    pub reused: usize,
    /// Requests not sent in a read-only audit (a write after its preflight passed).
    pub skipped: usize,
}

/// Why a request in a read-only audit got no answer.
const NOT_SENT: &str = "not sent: a read-only audit sends no request that may change data";

/// What a request got: a reply, or why none.
pub(crate) type Answer = Result<Reply, String>;

/// Runs fetches over a transport, each distinct request sent once.
pub(crate) struct Runner<'t, T> {
    transport: &'t T,
    /// Whether no request that may change data is sent (`Cell`: an allowed origin's runs are
    /// read-only whatever the audit's setting).
    read_only: Cell<bool>,
    /// Each distinct request and what it got, in the order first sent.
    answers: RefCell<Vec<(OutgoingRequest, Answer)>>,
    index: RefCell<HashMap<OutgoingRequest, usize>>,
    stats: Cell<Stats>,
    /// The first request that got no response, and why.
    pub(crate) failure: RefCell<Option<(OutgoingRequest, String)>>,
    /// How many requests in a row got no response.
    failures_in_a_row: Cell<usize>,
}

/// The requests in a row that may get no response before the audit sends no more: a target
/// that stops answering (or answers each request only at the timeout) ends the audit in
/// bounded time, and the report says it is incomplete.
pub(crate) const MAX_FAILURES_IN_A_ROW: usize = 8;

/// Why a request was not sent once [`MAX_FAILURES_IN_A_ROW`] requests got no response.
const GAVE_UP: &str = "not sent: the requests before it got no response";

impl<'t, T: Transport> Runner<'t, T> {
    pub(crate) fn new(transport: &'t T, read_only: bool) -> Self {
        Self {
            transport,
            read_only: Cell::new(read_only),
            answers: RefCell::default(),
            index: RefCell::default(),
            stats: Cell::default(),
            failure: RefCell::default(),
            failures_in_a_row: Cell::new(0),
        }
    }

    /// Runs `run` sending no request that may change data, then goes back to the setting it had.
    pub(crate) async fn read_only_while<R>(&self, run: impl AsyncFnOnce() -> R) -> R {
        let before = self.read_only.replace(true);
        let result = run().await;
        self.read_only.set(before);
        result
    }

    /// Whether the audit stopped sending because too many requests in a row got no response.
    pub(crate) fn gave_up(&self) -> bool {
        self.failures_in_a_row.get() >= MAX_FAILURES_IN_A_ROW
    }

    pub(crate) fn stats(&self) -> Stats {
        self.stats.get()
    }

    fn count(&self, change: impl FnOnce(&mut Stats)) {
        let mut stats = self.stats.get();
        change(&mut stats);
        self.stats.set(stats);
    }

    /// Each distinct request sent and what it got, in order.
    pub(crate) fn answers(&self) -> std::cell::Ref<'_, Vec<(OutgoingRequest, Answer)>> {
        self.answers.borrow()
    }

    /// What `request` got, if it was sent.
    pub(crate) fn answer_to(&self, request: &OutgoingRequest) -> Option<Answer> {
        let at = *self.index.borrow().get(request)?;
        Some(self.answers.borrow()[at].1.clone())
    }

    /// Runs `kind` from `page` in `browser`.
    pub(crate) async fn attempt(
        &self,
        browser: &mut Browser,
        page: &Document,
        kind: RequestKind,
        url: &Url,
    ) -> Result<Attempt, RequestError> {
        let exchange = self.fetch(browser, page, kind.init(url)).await?;
        let not_sent = exchange
            .requests
            .last()
            .is_some_and(|last| matches!(self.answer_to(last), Some(Err(why)) if why == NOT_SENT));
        Ok(Attempt::new(kind, exchange, not_sent))
    }

    /// Runs `fetch(init)` from `page` in `browser`, every request over the transport (or from
    /// what an identical one got).
    pub(crate) async fn fetch(
        &self,
        browser: &mut Browser,
        page: &Document,
        init: RequestInit,
    ) -> Result<Exchange, RequestError> {
        self.count(|s| s.fetches += 1);
        browser
            .fetch_with_async(page, init, Time::ZERO, |request| self.answer(request))
            .await
    }

    /// What `request` gets: the answer to an identical request sent before, or the transport's.
    async fn answer(&self, request: OutgoingRequest) -> Reply {
        self.count(|s| s.requests += 1);
        let known = self.answer_to(&request);
        let answer = match known {
            Some(answer) => {
                self.count(|s| s.reused += 1);
                answer
            }
            None => {
                let answer = if self.read_only.get() && may_change_data(&request) {
                    self.count(|s| s.skipped += 1);
                    Err(NOT_SENT.to_owned())
                } else if self.gave_up() {
                    Err(GAVE_UP.to_owned())
                } else {
                    self.count(|s| s.sent += 1);
                    let answer = self.transport.send(request.clone()).await;
                    match &answer {
                        Err(why) => {
                            self.failures_in_a_row.set(self.failures_in_a_row.get() + 1);
                            self.failure
                                .borrow_mut()
                                .get_or_insert_with(|| (request.clone(), why.clone()));
                        }
                        Ok(_) => self.failures_in_a_row.set(0),
                    }
                    answer
                };
                let mut answers = self.answers.borrow_mut();
                self.index
                    .borrow_mut()
                    .insert(request.clone(), answers.len());
                answers.push((request, answer.clone()));
                answer
            }
        };
        answer.unwrap_or(Reply::NoResponse)
    }
}

/// Whether a request may change data: not a preflight, and a method other than `GET` or
/// `HEAD`.
fn may_change_data(request: &OutgoingRequest) -> bool {
    !request.is_preflight() && !matches!(request.method().as_str(), "GET" | "HEAD")
}

/// The target's own page: the root of its origin.
pub(crate) fn own_page(target: &Url) -> Document {
    let root = crate::attacker::root(&Origin::of_url(target)).expect("an origin's root is a URL");
    Document::new(root)
}

/// A browser of `profile` whose jar holds the cookies `set_cookies` (`Set-Cookie` values) set
/// as a response of the target to its own page sets them: what each did.
pub(crate) fn seeded(
    profile: &Profile,
    target: &Url,
    set_cookies: &[String],
) -> (Browser, Vec<(String, SetCookieOutcome)>) {
    // A live server sees the Fetch Metadata headers every engine sends.
    let mut browser = Browser::new(profile.clone()).fetch_metadata(true);
    if set_cookies.is_empty() {
        return (browser, Vec::new());
    }
    let mut headers = HeaderList::new();
    for value in set_cookies {
        if let Ok(value) = HeaderValue::from_bytes(value.as_bytes()) {
            headers.append(SET_COOKIE, value);
        }
    }
    let login = RequestInit::new(target).credentials(CredentialsMode::Include);
    let outcomes = browser
        .fetch_with(&own_page(target), login, Time::ZERO, |_| {
            (200, headers.clone())
        })
        .map(|exchange| {
            exchange
                .set_cookies()
                .into_iter()
                .map(|(name, outcome)| (name.to_owned(), outcome.clone()))
                .collect()
        })
        .unwrap_or_default();
    (browser, outcomes)
}
