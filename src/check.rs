//! Checks across engines (feature `tower`): one line per expectation about a server's CORS, run
//! in process through the [`crate::tower`] adapter in every engine profile.
//!
//! [`check`] takes the app (an axum `Router`, a `tower-http`-wrapped service, any `tower`
//! service), the page the request comes from ([`Check::from`]: an origin such as
//! `"https://app.example"`, whose root is the page, or any [`Document`]) and the request, then
//! asserts what the browsers do with it: [`Check::readable`], [`Check::blocked`],
//! [`Check::blocked_with`], [`Check::preflighted`], [`Check::preflight_cached_for`]. Each runs
//! in [`Engine::ALL`] (or the engines given to [`Check::engines`]), every engine with a browser
//! and a preflight cache of its own and a clone of the service. A failing check panics saying,
//! for each engine, what happened and why: readable or blocked, the console line, the fix, and
//! the standard's steps (the trace). Each assertion has a `try_` form that returns the
//! [`Failure`] instead.
//!
//! Relative paths resolve against the API's base URL, `https://api.example` unless
//! [`Check::at`] says otherwise.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! use cors_sim::check::check;
//! use std::time::Duration;
//!
//! // A server allowing https://app.example to `GET` and `PUT` JSON with credentials.
//! let app = tower::service_fn(|request: http::Request<http_body_util::Full<bytes::Bytes>>| async move {
//!     let mut response = http::Response::builder();
//!     if request.headers()["origin"] == "https://app.example" {
//!         response = response
//!             .header("Access-Control-Allow-Origin", "https://app.example")
//!             .header("Access-Control-Allow-Credentials", "true")
//!             .header("Access-Control-Allow-Methods", "GET, PUT")
//!             .header("Access-Control-Allow-Headers", "content-type, authorization")
//!             .header("Access-Control-Max-Age", "600");
//!     }
//!     Ok::<_, std::convert::Infallible>(response.body(String::new()).unwrap())
//! });
//!
//! let me = check(&app).from("https://app.example").get("/me").credentials();
//! me.readable().await;
//! me.clone().from("https://evil.example").blocked_with("MissingAllowOriginHeader").await;
//! let put = check(&app).from("https://app.example").put("/items/1").json().bearer().credentials();
//! put.preflight_cached_for(Duration::from_secs(600)).await; // WebKit's cap: 600 s too
//! # }
//! ```

use crate::advice::{Intent, passed_check};
use crate::bytes::SmallBytes;
use crate::cache::Stored;
use crate::document::Document;
use crate::error::Reason;
use crate::fetch::Browser;
use crate::profile::Engine;
use crate::request::{Body as RequestBody, CredentialsMode, RequestError, RequestInit};
use crate::response::ResponseType;
use crate::time::Time;
use crate::tower::{Fetched, ServiceClient};
use crate::trace::Step;
use bytes::Bytes;
use http_body::Body;
use http_body_util::Full;
use std::fmt::{self, Write as _};
use std::future::Future;
use std::marker::PhantomData;
use std::panic::Location;
use std::sync::Arc;
use std::time::Duration;
use tower_service::Service;
use url::Url;

/// The API base URL that relative paths resolve against when [`Check::at`] gives none.
pub const DEFAULT_BASE: &str = "https://api.example";

/// The token [`Check::bearer`] sends.
pub const BEARER_TOKEN: &str = "cors-sim-test-token";

/// A check of `app`'s CORS: set the page and the request, then await an assertion.
pub fn check<S: Clone>(app: &S) -> Check<S> {
    let base = Url::parse(DEFAULT_BASE).expect("a URL");
    let init = RequestInit::new("/");
    Check {
        service: app.clone(),
        page: None,
        url: base.join(init.url.as_str()).map(Arc::new),
        base,
        init,
        json: false,
        engines: Engine::ALL.to_vec(),
        now: Time::ZERO,
        body: PhantomData,
    }
}

/// A request from a page to an app, and the engines to run it in; its assertions run it.
///
/// Cloning one copies the request and clones the service, so one check can start several
/// (`me.clone().from("https://evil.example")`).
#[must_use = "a check runs only when one of its assertions is awaited"]
pub struct Check<S, B = Full<Bytes>> {
    service: S,
    page: Option<Document>,
    base: Url,
    /// The request's URL, resolved against `base` whenever either changes.
    url: Result<Arc<Url>, url::ParseError>,
    /// The request, with the URL as given.
    init: RequestInit,
    /// Whether [`Check::json`] was called: a body-carrying method then gets `{}` as its body
    /// unless [`Check::body`] gives one.
    json: bool,
    engines: Vec<Engine>,
    now: Time,
    body: PhantomData<fn() -> B>,
}

impl<S: Clone, B> Clone for Check<S, B> {
    fn clone(&self) -> Self {
        Self {
            service: self.service.clone(),
            page: self.page.clone(),
            base: self.base.clone(),
            url: self.url.clone(),
            init: self.init.clone(),
            json: self.json,
            engines: self.engines.clone(),
            now: self.now,
            body: PhantomData,
        }
    }
}

impl<S, B> fmt::Debug for Check<S, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

impl<S, B> Check<S, B> {
    /// The page making the request: an origin (`"https://app.example"`, whose root page is the
    /// document) or any page URL, or a [`Document`] (e.g. [`Document::opaque`] for a sandboxed
    /// page, which sends `Origin: null`). Panics when the URL does not parse.
    #[track_caller]
    pub fn from<P>(mut self, page: P) -> Self
    where
        P: TryInto<Document>,
        P::Error: fmt::Display,
    {
        match page.try_into() {
            Ok(page) => self.page = Some(page),
            Err(error) => panic!("check: the page is not a URL: {error}"),
        }
        self
    }

    /// The API's base URL, against which relative request paths resolve (default
    /// [`DEFAULT_BASE`], `https://api.example`). Panics when it does not parse.
    #[track_caller]
    pub fn at(mut self, base: &str) -> Self {
        match Url::parse(base) {
            Ok(base) => self.base = base,
            Err(error) => panic!("check: the base {base:?} is not a URL: {error}"),
        }
        self.resolved()
    }

    /// A request with `method` (as script passes it) to `path` (relative to the base, or
    /// absolute).
    pub fn method(mut self, method: &str, path: &str) -> Self {
        self.init.method = SmallBytes::copy(method.as_bytes());
        self.init.url = path.into();
        self.resolved()
    }

    /// A `GET` of `path`.
    pub fn get(self, path: &str) -> Self {
        self.method("GET", path)
    }

    /// A `HEAD` of `path`.
    pub fn head(self, path: &str) -> Self {
        self.method("HEAD", path)
    }

    /// A `POST` to `path`.
    pub fn post(self, path: &str) -> Self {
        self.method("POST", path)
    }

    /// A `PUT` to `path`.
    pub fn put(self, path: &str) -> Self {
        self.method("PUT", path)
    }

    /// A `PATCH` to `path`.
    pub fn patch(self, path: &str) -> Self {
        self.method("PATCH", path)
    }

    /// A `DELETE` of `path`.
    pub fn delete(self, path: &str) -> Self {
        self.method("DELETE", path)
    }

    /// The request as script passes it to `fetch()` (its URL relative to the base, or
    /// absolute), e.g. one drawn by [`crate::testing::strategies::app_request`].
    pub fn request(mut self, init: RequestInit) -> Self {
        self.init = init;
        self.resolved()
    }

    /// Appends a request header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.init.headers.push((
            SmallBytes::copy(name.as_bytes()),
            SmallBytes::copy(value.as_bytes()),
        ));
        self
    }

    /// A JSON request: `Content-Type: application/json` (which is not CORS-safelisted, so the
    /// request is preflighted), and a `{}` body for a method that carries one, unless
    /// [`Check::body`] gives one.
    pub fn json(mut self) -> Self {
        self.json = true;
        self.header("Content-Type", "application/json")
    }

    /// `Authorization: Bearer` [`BEARER_TOKEN`] (a header script sets, so the request is
    /// preflighted).
    pub fn bearer(self) -> Self {
        self.header("Authorization", &format!("Bearer {BEARER_TOKEN}"))
    }

    /// A string body (`fetch(url, {body})`).
    pub fn body(mut self, body: &str) -> Self {
        self.init.body = Some(RequestBody::Text(body.to_owned()));
        self
    }

    /// `credentials: "include"`: the browser sends the user's cookies, and script may read the
    /// response only when the server allows the origin exactly and answers
    /// `Access-Control-Allow-Credentials: true`.
    pub fn credentials(mut self) -> Self {
        self.init.credentials = CredentialsMode::Include;
        self
    }

    /// The engines to run the check in (by default [`Engine::ALL`]; [`Engine::Spec`] is the
    /// standard itself).
    pub fn engines(mut self, engines: impl IntoIterator<Item = Engine>) -> Self {
        self.engines = engines.into_iter().collect();
        self
    }

    /// The time of the (first) fetch (default [`Time::ZERO`]).
    pub fn time(mut self, now: Time) -> Self {
        self.now = now;
        self
    }

    /// The same check, sending request bodies of type `ReqBody` (see
    /// [`ServiceClient::with_body`]) to a service that takes only that type.
    pub fn body_type<ReqBody>(self) -> Check<S, ReqBody> {
        Check {
            service: self.service,
            page: self.page,
            base: self.base,
            url: self.url,
            init: self.init,
            json: self.json,
            engines: self.engines,
            now: self.now,
            body: PhantomData,
        }
    }

    /// The check with the request's URL resolved against the base again.
    fn resolved(mut self) -> Self {
        self.url = self.base.join(self.init.url.as_str()).map(Arc::new);
        self
    }

    /// The request as `fetch()` gets it: the resolved URL, and a JSON body when needed.
    fn resolved_init(&self) -> Result<RequestInit, RequestError> {
        let mut init = self.init.clone();
        init.url = Arc::clone(
            self.url
                .as_ref()
                .map_err(|e| RequestError::InvalidUrl(*e))?,
        )
        .into();
        let bodiless = [&b"GET"[..], b"HEAD"]
            .iter()
            .any(|m| init.method.eq_ignore_ascii_case(m));
        if self.json && init.body.is_none() && !bodiless {
            init.body = Some(RequestBody::Text("{}".to_owned()));
        }
        Ok(init)
    }

    /// The request in a few words, e.g. `PUT https://api.example/items/1 from
    /// https://app.example with credentials and the headers Content-Type, Authorization`.
    fn describe(&self) -> String {
        let method = String::from_utf8_lossy(&self.init.method).into_owned();
        let url = match &self.url {
            Ok(url) => url.as_str(),
            Err(_) => self.init.url.as_str(),
        };
        let from = match &self.page {
            Some(page) if page.origin().is_opaque() => "an opaque origin (`null`)".to_owned(),
            Some(page) => page.origin().ascii_serialization(),
            None => "(no page: call `.from(origin)`)".to_owned(),
        };
        let mut text = format!("{method} {url} from {from}");
        if self.init.credentials == CredentialsMode::Include {
            text.push_str(" with credentials");
        }
        if !self.init.headers.is_empty() {
            let names: Vec<_> = self
                .init
                .headers
                .iter()
                .map(|(name, _)| String::from_utf8_lossy(name).into_owned())
                .collect();
            let and = if self.init.credentials == CredentialsMode::Include {
                " and"
            } else {
                ""
            };
            let _ = write!(text, "{and} the headers {}", names.join(", "));
        }
        text
    }
}

/// What a check expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Readable,
    Blocked(Option<&'static str>),
    Preflighted,
    CachedFor(Duration),
}

impl fmt::Display for Expect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Readable => f.write_str("readable"),
            Self::Blocked(None) => f.write_str("blocked"),
            Self::Blocked(Some(reason)) => write!(f, "blocked with {reason}"),
            Self::Preflighted => f.write_str("preflighted, then readable"),
            Self::CachedFor(max_age) => write!(
                f,
                "preflighted, with the result cached for {} (capped by each engine's Max-Age cap)",
                seconds(*max_age)
            ),
        }
    }
}

/// A failed check: what was expected and, for each engine, what happened and why.
/// Its `Display` is the message the panicking assertions print.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Failure {
    /// What the check expected, e.g. `readable`.
    pub expected: String,
    /// The request, in a few words.
    pub request: String,
    /// Each engine's result, in the order run.
    pub engines: Vec<EngineResult>,
    /// Why no engine ran the request, when none could: the `TypeError` the `Request`
    /// constructor throws, or a check set up without a page.
    pub invalid: Option<String>,
}

/// What one engine did in a check.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct EngineResult {
    /// The engine.
    pub engine: Engine,
    /// Whether it did what the check expected.
    pub passed: bool,
    /// What happened and why: one line when it passed; with the console line, the fix and the
    /// trace when it did not.
    pub report: String,
    /// The fetches it made, each at its time.
    pub fetches: Vec<(Time, Fetched)>,
}

impl Failure {
    /// The engines that did not do what the check expected.
    pub fn failed(&self) -> impl Iterator<Item = Engine> + '_ {
        self.engines
            .iter()
            .filter(|result| !result.passed)
            .map(|result| result.engine)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self {
            expected,
            request,
            engines,
            invalid,
        } = self;
        if let Some(why) = invalid {
            return write!(f, "expected {request} to be {expected}, but {why}");
        }
        let all: Vec<_> = engines.iter().map(|r| r.engine.as_str()).collect();
        let failed: Vec<_> = self.failed().map(Engine::as_str).collect();
        writeln!(
            f,
            "expected {request} to be {expected} in {}; it was not in {}",
            all.join(", "),
            failed.join(", ")
        )?;
        for result in engines {
            let mark = if result.passed { "ok" } else { "FAILED" };
            writeln!(
                f,
                "\n{} ({mark}): {}",
                result.engine,
                result.report.trim_end()
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Failure {}

/// Panics with the failure, naming the line of the check.
fn fail(failure: &Failure, caller: &Location<'_>) -> ! {
    panic!("check at {caller} failed: {failure}")
}

impl<S, B, ResBody> Check<S, B>
where
    S: Service<http::Request<B>, Response = http::Response<ResBody>> + Clone + Send + 'static,
    S::Future: Send,
    S::Error: fmt::Display,
    B: From<Vec<u8>> + Send,
    ResBody: Body + Send,
    ResBody::Data: Send,
    ResBody::Error: fmt::Display,
{
    /// Script can read the response in every engine. Panics, saying why per engine (the
    /// console line, the fix for an origin that should get in, the trace), when it cannot.
    #[track_caller]
    pub fn readable(&self) -> impl Future<Output = ()> {
        self.assert(Expect::Readable, Location::caller())
    }

    /// [`Check::readable`], returning the failure instead of panicking.
    pub async fn try_readable(&self) -> Result<(), Failure> {
        self.run(Expect::Readable).await
    }

    /// The browser blocks the fetch in every engine (script gets a `TypeError`), whatever the
    /// reason. Panics, saying why script could read it and how to keep the origin out, when
    /// it does not.
    #[track_caller]
    pub fn blocked(&self) -> impl Future<Output = ()> {
        self.assert(Expect::Blocked(None), Location::caller())
    }

    /// [`Check::blocked`], returning the failure instead of panicking.
    pub async fn try_blocked(&self) -> Result<(), Failure> {
        self.run(Expect::Blocked(None)).await
    }

    /// The browser blocks the fetch in every engine, for the reason named `reason` (see
    /// [`Reason::name`], e.g. `"AllowOriginMismatch"` or `"PreflightMissingAllowOriginHeader"`).
    /// Panics at once when `reason` is not a reason name.
    #[track_caller]
    pub fn blocked_with(&self, reason: &str) -> impl Future<Output = ()> {
        let expect = Expect::Blocked(Some(reason_name(reason)));
        self.assert(expect, Location::caller())
    }

    /// [`Check::blocked_with`], returning the failure instead of panicking.
    #[track_caller]
    pub fn try_blocked_with(&self, reason: &str) -> impl Future<Output = Result<(), Failure>> {
        self.run(Expect::Blocked(Some(reason_name(reason))))
    }

    /// In every engine the browser sends a CORS preflight, the preflight passes, and script can
    /// read the response to the request itself.
    #[track_caller]
    pub fn preflighted(&self) -> impl Future<Output = ()> {
        self.assert(Expect::Preflighted, Location::caller())
    }

    /// [`Check::preflighted`], returning the failure instead of panicking.
    pub async fn try_preflighted(&self) -> Result<(), Failure> {
        self.run(Expect::Preflighted).await
    }

    /// In every engine, the request is [preflighted](Check::preflighted) and the preflight's
    /// result is cached for `max_age`, or for the engine's cap on `Access-Control-Max-Age`
    /// when that is shorter (WebKit's is 600 s, Chromium's 7200 s, Firefox's 86400 s; the
    /// report says when a cap applies): the same fetch 1 ms before it expires sends no
    /// preflight, and the same fetch when it expires sends one. Each engine starts with an
    /// empty cache.
    #[track_caller]
    pub fn preflight_cached_for(&self, max_age: Duration) -> impl Future<Output = ()> {
        self.assert(Expect::CachedFor(max_age), Location::caller())
    }

    /// [`Check::preflight_cached_for`], returning the failure instead of panicking.
    pub async fn try_preflight_cached_for(&self, max_age: Duration) -> Result<(), Failure> {
        self.run(Expect::CachedFor(max_age)).await
    }

    async fn assert(&self, expect: Expect, caller: &'static Location<'static>) {
        if let Err(failure) = self.run(expect).await {
            fail(&failure, caller);
        }
    }

    /// Runs the check in each engine, untraced; when an engine fails it, runs it again in
    /// every engine with the trace on, to say why.
    async fn run(&self, expect: Expect) -> Result<(), Failure> {
        let Some(page) = &self.page else {
            return Err(self.invalid(expect, "the check has no page: call `.from(origin)`"));
        };
        for &engine in &self.engines {
            let browser = Browser::new(engine).trace(false);
            match self.run_in(browser, page, expect).await {
                Ok((true, _)) => {}
                Ok((false, _)) => return Err(self.explain(page, expect).await),
                Err(error) => return Err(self.thrown(expect, &error)),
            }
        }
        Ok(())
    }

    /// The failure of a check, with every engine's result traced and reported.
    async fn explain(&self, page: &Document, expect: Expect) -> Failure {
        let mut failure = self.invalid(expect, "");
        failure.invalid = None;
        for &engine in &self.engines {
            let browser = Browser::new(engine).trace(true);
            let (passed, fetches) = match self.run_in(browser, page, expect).await {
                Ok(run) => run,
                Err(error) => return self.thrown(expect, &error),
            };
            let report = match expect {
                Expect::CachedFor(asked) => cached_report(engine, asked, self.now, &fetches),
                _ => {
                    let fetched = &fetches[0].1;
                    if passed {
                        verdict(fetched)
                    } else {
                        failed_report(expect, fetched)
                    }
                }
            };
            failure.engines.push(EngineResult {
                engine,
                passed,
                report,
                fetches,
            });
        }
        if failure.engines.iter().all(|result| result.passed) {
            failure.invalid = Some(
                "the check failed, then passed when run again to explain it: the service \
                 answered differently the second time"
                    .to_owned(),
            );
        }
        failure
    }

    /// Runs the check's fetches in `browser`: whether they did what `expect` says, and the
    /// fetches made (for [`Expect::CachedFor`], up to the first that did not).
    async fn run_in(
        &self,
        browser: Browser,
        page: &Document,
        expect: Expect,
    ) -> Result<(bool, Vec<(Time, Fetched)>), RequestError> {
        let init = self.resolved_init()?;
        let engine = browser.engine();
        let client = ServiceClient::with_browser(self.service.clone(), browser).with_body::<B>();
        let plan = match expect {
            Expect::CachedFor(asked) => cache_plan(engine, asked, self.now),
            _ => vec![(self.now, None)],
        };
        let mut fetches = Vec::with_capacity(plan.len());
        let last = plan.len() - 1;
        let mut init = Some(init);
        for (i, (at, must_preflight)) in plan.into_iter().enumerate() {
            // Each fetch gets the request; the last takes it.
            let init = if i == last { init.take() } else { init.clone() };
            let fetched = client.fetch(page, init.expect("a request"), at).await?;
            let passed = match must_preflight {
                None => passes(expect, &fetched),
                Some(must) => readable(&fetched) && fetched.exchange.preflighted() == must,
            };
            fetches.push((at, fetched));
            if !passed {
                return Ok((false, fetches));
            }
        }
        Ok((true, fetches))
    }

    /// A failure before any engine ran: `why`.
    fn invalid(&self, expect: Expect, why: &str) -> Failure {
        Failure {
            expected: expect.to_string(),
            request: self.describe(),
            engines: Vec::with_capacity(self.engines.len()),
            invalid: Some(why.to_owned()),
        }
    }

    /// The failure of a request the `Request` constructor rejects.
    fn thrown(&self, expect: Expect, error: &RequestError) -> Failure {
        self.invalid(
            expect,
            &format!("the `Request` constructor throws: {error}"),
        )
    }
}

/// `reason`, checked to be a reason name.
#[track_caller]
fn reason_name(reason: &str) -> &'static str {
    match Reason::NAMES.iter().find(|name| **name == reason) {
        Some(name) => name,
        None => panic!(
            "{reason:?} is not a reason name; the names are: {}",
            Reason::NAMES.join(", ")
        ),
    }
}

/// Whether script can read the fetch's response.
fn readable(fetched: &Fetched) -> bool {
    fetched.exchange.result.as_ref().is_ok_and(|response| {
        matches!(
            response.response_type(),
            ResponseType::Basic | ResponseType::Cors
        )
    })
}

/// Whether one fetch did what `expect` (not [`Expect::CachedFor`]) says.
fn passes(expect: Expect, fetched: &Fetched) -> bool {
    match expect {
        Expect::Readable => readable(fetched),
        Expect::Preflighted => readable(fetched) && fetched.exchange.preflighted(),
        Expect::Blocked(reason) => fetched
            .exchange
            .result
            .as_ref()
            .is_err_and(|error| reason.is_none_or(|reason| error.reason.name() == reason)),
        Expect::CachedFor(_) => unreachable!("judged by `run_in`"),
    }
}

/// The report of a fetch that did not do what `expect` (not [`Expect::CachedFor`]) says.
fn failed_report(expect: Expect, fetched: &Fetched) -> String {
    match expect {
        Expect::Preflighted if readable(fetched) => format!(
            "readable, but no preflight was sent: {}",
            no_preflight_why(fetched)
        ),
        Expect::Readable | Expect::Preflighted => explain(fetched, Intent::Allowed),
        _ => explain(fetched, Intent::Refused),
    }
}

/// The engine's cap on `Access-Control-Max-Age`, and the lifetime a check of `asked` expects.
fn expected_max_age(engine: Engine, asked: Duration) -> (Option<Duration>, Duration) {
    let cap = engine.profile().cache.max_age_cap;
    (cap, cap.map_or(asked, |cap| asked.min(cap)))
}

/// The fetches of a preflight-cache check, each at its time and whether it must send a
/// preflight: at `now`, 1 ms before the result expires (none), and when it expires.
fn cache_plan(engine: Engine, asked: Duration, now: Time) -> Vec<(Time, Option<bool>)> {
    let (_, expected) = expected_max_age(engine, asked);
    let mut plan = vec![(now, Some(true))];
    if !expected.is_zero() {
        let before = expected.saturating_sub(Duration::from_millis(1));
        plan.push((now.saturating_add(before), Some(false)));
    }
    plan.push((now.saturating_add(expected), Some(true)));
    plan
}

/// The report of a preflight-cache check in `engine` from its fetches: the last one failed,
/// unless all of the plan's passed.
fn cached_report(
    engine: Engine,
    asked: Duration,
    now: Time,
    fetches: &[(Time, Fetched)],
) -> String {
    let (cap, expected) = expected_max_age(engine, asked);
    let capped = match cap {
        Some(cap) if cap < asked => format!(
            " ({engine} caps Access-Control-Max-Age at {}, so the check expects {})",
            seconds(cap),
            seconds(expected)
        ),
        _ => String::new(),
    };
    let stored = fetches
        .first()
        .and_then(|(_, fetched)| cache_stored(fetched));
    let stored = stored
        .as_deref()
        .unwrap_or("no preflight result was cached");
    let plan = cache_plan(engine, asked, now);
    if fetches.len() == plan.len()
        && fetches.iter().zip(&plan).all(|((_, fetched), (_, must))| {
            readable(fetched) && Some(fetched.exchange.preflighted()) == *must
        })
    {
        let times: Vec<_> = plan.iter().map(|(at, _)| time(*at)).collect();
        let middle = match times.len() {
            3 => format!(", no preflight at {}", times[1]),
            _ => String::new(),
        };
        return format!(
            "preflighted at {}{middle}, preflighted again at {}: {stored}{capped}",
            times[0],
            times[times.len() - 1]
        );
    }
    let Some((at, fetched)) = fetches.last() else {
        return "no fetch was made".to_owned();
    };
    let when = format!("at {}", time(*at));
    let must_preflight = plan.get(fetches.len() - 1).and_then(|(_, must)| *must);
    if !readable(fetched) {
        format!("{when}: {}", explain(fetched, Intent::Allowed))
    } else if *at == now {
        format!(
            "{when}: readable, but no preflight was sent: {}",
            no_preflight_why(fetched)
        )
    } else if must_preflight == Some(true) {
        format!(
            "{when}, when the result should have expired, no preflight was sent: \
             {stored}{capped}\n  why:\n{}",
            indented_trace(fetched)
        )
    } else {
        format!(
            "{when}, 1 ms before the result should expire, a preflight was sent again: \
             {stored}{capped}\n  why:\n{}",
            indented_trace(fetched)
        )
    }
}

/// The trace's line about what the cache stored from the preflight, if any.
fn cache_stored(fetched: &Fetched) -> Option<String> {
    let trace = fetched.exchange.trace.as_ref()?;
    trace.steps().iter().find_map(|step| match step {
        Step::CacheStored {
            stored: Stored::Stored { .. } | Stored::NotCached(_),
            ..
        } => Some(step.to_string()),
        _ => None,
    })
}

/// Why a fetch sent no preflight: the trace's verdict.
fn no_preflight_why(fetched: &Fetched) -> String {
    let steps = fetched.exchange.trace.as_ref().map(|t| t.steps());
    steps
        .into_iter()
        .flatten()
        .rev()
        .find(|step| {
            matches!(step, Step::CacheVerdict { sufficient: true })
                || matches!(step, Step::PreflightNeeded { reasons } if reasons.is_empty())
                || matches!(step, Step::Tainting { .. })
        })
        .map_or_else(|| "(no trace)".to_owned(), ToString::to_string)
}

/// One line: readable and why, or blocked and why.
fn verdict(fetched: &Fetched) -> String {
    let mut line = match &fetched.exchange.result {
        Ok(response) if response.response_type() == ResponseType::Basic => {
            "readable: the request is same-origin, so CORS does not apply".to_owned()
        }
        Ok(response) if response.response_type() == ResponseType::Cors => {
            match passed_check(fetched.exchange.trace.as_ref()) {
                Some(pass) => format!("readable because {pass}"),
                None => "readable".to_owned(),
            }
        }
        Ok(response) => format!("not readable: a `{}` response", response.response_type()),
        Err(error) => format!("blocked ({}): {}", error.reason.name(), error.reason),
    };
    if fetched.exchange.result.is_ok() && fetched.exchange.preflighted() {
        line.push_str(" (after a preflight)");
    }
    if let Some(why) = &fetched.no_answer {
        let _ = write!(line, "; the service gave no answer: {why}");
    }
    line
}

/// What happened in full, for an engine that failed the check: the verdict, the console line
/// and the fix for `intent`, and the trace.
fn explain(fetched: &Fetched, intent: Intent) -> String {
    let mut text = verdict(fetched);
    match &fetched.exchange.result {
        Err(error) => {
            let console = error.console_message().replace('\n', "\n    ");
            let _ = write!(
                text,
                "\n  console: {console}\n  fix: {}",
                error.fix_for(intent)
            );
        }
        Ok(_) if intent == Intent::Refused => {
            let _ = write!(text, "\n  fix: {}", fetched.exchange.keep_out_fix());
        }
        Ok(_) => {}
    }
    let _ = write!(text, "\n  why:\n{}", indented_trace(fetched));
    text
}

/// The trace, indented under a report.
fn indented_trace(fetched: &Fetched) -> String {
    match &fetched.exchange.trace {
        Some(trace) => trace
            .to_string()
            .lines()
            .map(|line| format!("    {line}\n"))
            .collect(),
        None => "    (no trace recorded)\n".to_owned(),
    }
}

/// A duration in seconds, for messages.
fn seconds(duration: Duration) -> String {
    match (duration.as_secs(), duration.subsec_millis()) {
        (1, 0) => "1 second".to_owned(),
        (s, 0) => format!("{s} seconds"),
        (s, ms) => format!("{s}.{ms:03} seconds"),
    }
}

/// A time, for messages.
fn time(at: Time) -> String {
    let offset = at.offset();
    match offset.subsec_millis() {
        0 => format!("{} s", offset.as_secs()),
        ms => format!("{}.{ms:03} s", offset.as_secs()),
    }
}
