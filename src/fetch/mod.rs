//! The driver: a sans-IO model of a browser fetching — Fetch "fetch", then `main_fetch`
//! (checks, tainting, the preflight decision) and `http_fetch` (cache, preflight, CORS check,
//! redirects), with `cookies` for the `Cookie` and `Set-Cookie` headers and `scheme_fetch` for
//! `data:` URLs.
//!
//! A [`Browser`] keeps the CORS-preflight cache and the cookie store that its fetches share.
//! [`Browser::fetch`] starts one and returns [`Next`]: a request to put on the wire
//! ([`Next::Send`]) or the outcome ([`Next::Done`]). A fetch in flight ([`AwaitingResponse`])
//! owns its state and borrows the browser only while it takes the response, so several fetches
//! can be in flight on one browser and a fetch can cross an `.await`. Each one is consumed by handing back the response its
//! request got (or the news that it got none), so a step cannot be skipped or repeated:
//!
//! ```text
//! Browser::fetch ──► Next::Send(AwaitingResponse) ──respond(&mut browser, …)──► Next::Send(…)
//!        │                                          or fail(&mut browser)       (preflight,
//!        │                                                                       redirects)
//!        └──────────────────────────────► Next::Done(Done { result, trace })
//! ```

mod cookies;
mod http_fetch;
mod main_fetch;
mod scheme_fetch;

use crate::advice::Intent;
use crate::cache::PreflightCache;
use crate::cookie::{CookieStore, SetCookieOutcome};
use crate::document::Document;
use crate::error::{NetworkError, Reason};
use crate::header::HeaderList;
use crate::profile::{Engine, Profile};
use crate::request::fetching::FetchRequest;
use crate::request::{OutgoingRequest, Request, RequestError, RequestInit};
use crate::response::{FilteredResponse, Tainting};
use crate::time::Time;
use crate::trace::{ClearWhy, Step, Trace, Tracer};
use http::Method;
use std::sync::Arc;

/// A browser: a profile, and the CORS-preflight cache and cookie store its fetches share.
#[derive(Debug)]
pub struct Browser {
    profile: Profile,
    cache: PreflightCache,
    cookies: CookieStore,
    trace: bool,
    fetch_metadata: bool,
}

impl Browser {
    /// A browser with an empty cache and no cookies, modelling `profile` (a [`Profile`], or an
    /// [`Engine`] for its profile).
    pub fn new(profile: impl Into<Profile>) -> Self {
        let profile = profile.into();
        let cache = PreflightCache::new(profile.cache);
        let cookies = CookieStore::new(profile.cookies);
        Self {
            profile,
            cache,
            cookies,
            trace: false,
            fetch_metadata: false,
        }
    }

    /// Sends the Fetch Metadata request headers (`Sec-Fetch-Dest`, `Sec-Fetch-Mode`,
    /// `Sec-Fetch-Site`) on every request to a potentially trustworthy URL, preflights included,
    /// as every engine does (W3C Fetch Metadata Request Headers, "append the Fetch metadata
    /// headers for a request"), or stops sending them. Off unless asked for, so that the header
    /// lists a browser gives stay those of earlier versions; `Sec-Fetch-User` is never sent (no
    /// request here is a navigation a user started).
    pub fn fetch_metadata(mut self, on: bool) -> Self {
        self.fetch_metadata = on;
        self
    }

    /// Records a [`Trace`] of every fetch this browser makes, or stops recording. Without one,
    /// a fetch builds no trace at all.
    pub fn trace(mut self, on: bool) -> Self {
        self.trace = on;
        self
    }

    /// Whether it records a trace of every fetch.
    #[cfg(feature = "testing")]
    pub(crate) fn records_traces(&self) -> bool {
        self.trace
    }

    /// The profile it models.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The engine it models.
    pub fn engine(&self) -> Engine {
        self.profile.engine
    }

    /// Its CORS-preflight cache.
    pub fn cache(&self) -> &PreflightCache {
        &self.cache
    }

    /// Its CORS-preflight cache, e.g. to clear it as "Clear browsing data" does.
    pub fn cache_mut(&mut self) -> &mut PreflightCache {
        &mut self.cache
    }

    /// Its cookie store: what responses to requests with credentials set.
    pub fn cookies(&self) -> &CookieStore {
        &self.cookies
    }

    /// Its cookie store, e.g. to clear it or to say which date [`Time::ZERO`] is.
    pub fn cookies_mut(&mut self) -> &mut CookieStore {
        &mut self.cookies
    }

    /// Fetch: `fetch(init)` called by `document` at time `now`. An `Err` is the `TypeError` the
    /// `Request` constructor throws (no request is sent).
    pub fn fetch(
        &mut self,
        document: &Document,
        init: RequestInit,
        now: Time,
    ) -> Result<Next, RequestError> {
        let trace = self.trace;
        self.fetch_as(document, init, now, trace)
    }

    /// [`Browser::fetch`], recording a trace whatever the browser's setting.
    pub(crate) fn fetch_traced(
        &mut self,
        document: &Document,
        init: RequestInit,
        now: Time,
    ) -> Result<Next, RequestError> {
        self.fetch_as(document, init, now, true)
    }

    fn fetch_as(
        &mut self,
        document: &Document,
        init: RequestInit,
        now: Time,
        trace: bool,
    ) -> Result<Next, RequestError> {
        let request = Request::new(init, document.url())?;
        Ok(self.start_traced(document, request, now, trace))
    }

    /// Runs a whole fetch against `server`, a function from each request sent to what it gets
    /// (an `http::Response`, a status and a [`HeaderList`], or `None` for no response; see
    /// [`Reply`]), all at time `now`, and records its trace: the convenient form for tests of a
    /// server's CORS configuration.
    ///
    /// ```
    /// use cors_sim::{Browser, Document, Engine, RequestInit, Time};
    ///
    /// let page: Document = "http://localhost:3000/".parse().unwrap();
    /// let mut browser = Browser::new(Engine::Firefox);
    /// let exchange = browser
    ///     .fetch_with(&page, RequestInit::new("http://api.example/data"), Time::ZERO, |_| {
    ///         http::Response::builder()
    ///             .header("Access-Control-Allow-Origin", "*")
    ///             .body(())
    ///             .unwrap()
    ///     })
    ///     .unwrap();
    /// assert_eq!(exchange.expect_allowed().status(), 200);
    /// ```
    pub fn fetch_with<R: Into<Reply>>(
        &mut self,
        document: &Document,
        init: RequestInit,
        now: Time,
        server: impl FnMut(&OutgoingRequest) -> R,
    ) -> Result<Exchange, RequestError> {
        self.exchange(document, init, now, true, server)
    }

    /// [`Browser::fetch_with`], with a trace or not as `trace` says.
    pub(crate) fn exchange<R: Into<Reply>>(
        &mut self,
        document: &Document,
        init: RequestInit,
        now: Time,
        trace: bool,
        mut server: impl FnMut(&OutgoingRequest) -> R,
    ) -> Result<Exchange, RequestError> {
        let mut requests = Vec::new();
        let mut next = self.fetch_as(document, init, now, trace)?;
        loop {
            match next {
                Next::Send(pending) => {
                    let reply = server(pending.request()).into();
                    requests.push(pending.request().clone());
                    next = pending.reply(self, reply, now);
                }
                Next::Done(done) => {
                    return Ok(Exchange {
                        requests,
                        result: done.result,
                        trace: done.trace,
                    });
                }
            }
        }
    }

    /// As [`Browser::fetch_with`], against an asynchronous server (a hyper handler, a test
    /// service of a framework that is not a `tower` service): `server` gets each request and
    /// its future gives what the request got. It runs on the caller's runtime and needs none of
    /// its own, so it works inside `#[tokio::test]`.
    pub async fn fetch_with_async<F, Fut, R>(
        &mut self,
        document: &Document,
        init: RequestInit,
        now: Time,
        mut server: F,
    ) -> Result<Exchange, RequestError>
    where
        F: FnMut(OutgoingRequest) -> Fut,
        Fut: std::future::Future<Output = R>,
        R: Into<Reply>,
    {
        let mut requests = Vec::new();
        let mut next = self.fetch_traced(document, init, now)?;
        loop {
            match next {
                Next::Send(pending) => {
                    requests.push(pending.request().clone());
                    let reply = server(pending.request().clone()).await.into();
                    next = pending.reply(self, reply, now);
                }
                Next::Done(done) => {
                    return Ok(Exchange {
                        requests,
                        result: done.result,
                        trace: done.trace,
                    });
                }
            }
        }
    }

    /// Starts a fetch of an already checked request from `document` (engines use this for
    /// navigations and other requests script does not make).
    pub fn start(&mut self, document: &Document, request: Request, now: Time) -> Next {
        let trace = self.trace;
        self.start_traced(document, request, now, trace)
    }

    fn start_traced(
        &mut self,
        document: &Document,
        request: Request,
        now: Time,
        trace: bool,
    ) -> Next {
        let mut tracer = Tracer::new(trace);
        for dropped in &request.dropped {
            tracer.emit(|| Step::HeaderDropped {
                name: dropped.name.clone(),
                why: dropped.why,
            });
        }
        // A GET or HEAD has no body, which some engines need before upload listeners count.
        let bodiless = request.method == Method::GET || request.method == Method::HEAD;
        let use_cors_preflight =
            request.use_cors_preflight && !(self.profile.preflight.upload_needs_body && bodiless);
        if use_cors_preflight != request.use_cors_preflight {
            tracer.emit(|| Step::Departure {
                field: "preflight.upload_needs_body",
                effect: "upload listeners set no use-CORS-preflight flag on a GET or HEAD"
                    .to_owned(),
            });
        }
        let fetch = Fetch {
            request: FetchRequest::new(document, request, use_cors_preflight, self.fetch_metadata),
            tracer,
        };
        fetch.main_fetch(self, now)
    }
}

/// A whole fetch: every request sent, in order, what script saw, and why.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Exchange {
    /// The requests that reached the server (preflights included).
    pub requests: Vec<OutgoingRequest>,
    /// The response script can read, or why the fetch failed.
    pub result: Result<FilteredResponse, NetworkError>,
    /// Why it went as it did, step by step.
    pub trace: Option<Trace>,
}

impl Exchange {
    /// Whether a CORS-preflight request was sent.
    pub fn preflighted(&self) -> bool {
        self.preflight().is_some()
    }

    /// The first CORS-preflight request sent, if any.
    pub fn preflight(&self) -> Option<&OutgoingRequest> {
        self.requests.iter().find(|request| request.is_preflight())
    }

    /// What each `Set-Cookie` header of the responses did (stored, expired, refused and why),
    /// by cookie name, in order.
    pub fn set_cookies(&self) -> Vec<(&str, &SetCookieOutcome)> {
        self.trace
            .iter()
            .flat_map(Trace::steps)
            .filter_map(|step| match step {
                Step::SetCookie { name, outcome } => Some((name.as_str(), outcome)),
                _ => None,
            })
            .collect()
    }

    /// The response script reads; panics, saying why the browser blocked the fetch (its
    /// console line, the fix for an origin that should be allowed, and the trace), when it did.
    #[track_caller]
    pub fn expect_allowed(&self) -> &FilteredResponse {
        match &self.result {
            Ok(response) => response,
            Err(error) => panic!(
                "expected the fetch to be allowed, but {} blocked it ({})\nconsole: {}\nfix: \
                 {}\n{}",
                error.engine,
                error.reason.name(),
                error.console_message(),
                error.fix_for(Intent::Allowed),
                self.why()
            ),
        }
    }

    /// What to change on the server when script on this fetch's page, whose origin should be
    /// kept out, could read the response: how the server let it in, and what to answer instead.
    pub fn keep_out_fix(&self) -> String {
        let response_type = self.result.as_ref().ok().map(|r| r.response_type());
        crate::advice::keep_out(self.requests.last(), response_type, self.trace.as_ref())
    }

    /// The network error, after checking that its reason is named `reason` (e.g.
    /// `"AllowOriginMismatch"`, see [`Reason::name`]); panics, saying why, when the fetch was
    /// allowed or failed for another reason.
    #[track_caller]
    pub fn expect_blocked(&self, reason: &str) -> &NetworkError {
        assert!(
            Reason::NAMES.contains(&reason),
            "{reason:?} is not a reason name; the names are: {}",
            Reason::NAMES.join(", ")
        );
        match &self.result {
            Ok(response) => panic!(
                "expected the fetch to be blocked with {reason}, but script can read it (a `{}` \
                 response, status {})\n{}",
                response.response_type(),
                response.status(),
                self.why()
            ),
            Err(error) if error.reason.name() != reason => panic!(
                "expected the fetch to be blocked with {reason}, but {} blocked it with {}\n\
                 console: {}\n{}",
                error.engine,
                error.reason.name(),
                error.console_message(),
                self.why()
            ),
            Err(error) => error,
        }
    }

    /// The trace as text, for messages.
    fn why(&self) -> String {
        match &self.trace {
            Some(trace) => format!("why:\n{trace}"),
            None => "(no trace recorded)".to_owned(),
        }
    }
}

/// What the fetch needs next.
#[must_use = "a fetch goes on only when its next request is answered"]
#[derive(Debug)]
// The fetch in flight is held inline: boxing it would cost an allocation per request sent, and
// a `Next` is moved a few times, never stored in bulk.
#[allow(clippy::large_enum_variant)]
pub enum Next {
    /// Put this request on the wire and hand back what came back.
    Send(AwaitingResponse),
    /// The fetch is over: what script sees.
    Done(Done),
}

/// The end of a fetch: what script sees, and why.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Done {
    /// The response script can read, or why the fetch failed.
    pub result: Result<FilteredResponse, NetworkError>,
    /// Why, step by step, when the fetch was traced.
    pub trace: Option<Trace>,
}

/// A request on the wire, waiting for its response. It owns the fetch's state (it is `Send`
/// and `'static`); the browser is lent to it only while it takes the response.
#[derive(Debug)]
#[must_use = "a fetch goes on only when its request is answered"]
pub struct AwaitingResponse {
    fetch: Fetch,
    outgoing: OutgoingRequest,
}

impl AwaitingResponse {
    /// The request to send.
    pub fn request(&self) -> &OutgoingRequest {
        &self.outgoing
    }

    /// Hands back the response the request got, at time `now`, to the browser that started the
    /// fetch. Only its head is read: pass it borrowed to keep it (and its body), as an engine
    /// that delivers the body to script does.
    pub fn respond(self, browser: &mut Browser, response: impl ResponseHead, now: Time) -> Next {
        let status = response.status().as_u16();
        let headers = HeaderList::from_http(response.headers());
        self.respond_with(browser, status, headers, now)
    }

    /// As [`AwaitingResponse::respond`], with the status and the header list in Fetch's terms
    /// (for header values `http` cannot carry).
    pub fn respond_with(
        self,
        browser: &mut Browser,
        status: u16,
        headers: HeaderList,
        now: Time,
    ) -> Next {
        let Self {
            mut fetch,
            outgoing,
        } = self;
        if outgoing.is_preflight {
            fetch.preflight_response(browser, status, &headers, now)
        } else {
            fetch.request.give_back_headers(outgoing.headers);
            fetch.response(browser, status, headers, now)
        }
    }

    /// Hands back what the request got: a response or none, in any of the forms [`Reply`]
    /// converts from.
    pub fn reply(self, browser: &mut Browser, reply: impl Into<Reply>, now: Time) -> Next {
        match reply.into() {
            Reply::Response { status, headers } => self.respond_with(browser, status, headers, now),
            Reply::NoResponse => self.fail(browser),
        }
    }

    /// Reports that the request got no response (DNS failure, connection refused or reset).
    pub fn fail(self, browser: &mut Browser) -> Next {
        // The fetch ends here, so a header list lent to the request is not taken back.
        let mut fetch = self.fetch;
        fetch.tracer.emit(|| Step::Received {
            status: None,
            preflight: self.outgoing.is_preflight,
        });
        fetch.network_error(browser, Reason::ConnectionFailed, None)
    }
}

/// The head of a response — its status and headers — which is all a fetch reads of it: an
/// `http::Response` (whatever its body) or its `Parts`, owned or borrowed.
pub trait ResponseHead {
    /// The status.
    fn status(&self) -> http::StatusCode;
    /// The headers.
    fn headers(&self) -> &http::HeaderMap;
}

impl<B> ResponseHead for http::Response<B> {
    fn status(&self) -> http::StatusCode {
        self.status()
    }

    fn headers(&self) -> &http::HeaderMap {
        self.headers()
    }
}

impl ResponseHead for http::response::Parts {
    fn status(&self) -> http::StatusCode {
        self.status
    }

    fn headers(&self) -> &http::HeaderMap {
        &self.headers
    }
}

impl<T: ResponseHead + ?Sized> ResponseHead for &T {
    fn status(&self) -> http::StatusCode {
        T::status(self)
    }

    fn headers(&self) -> &http::HeaderMap {
        T::headers(self)
    }
}

/// What a request got from the network: a response (its status and header list; the body is
/// not read), or none at all.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reply {
    /// A response.
    Response {
        /// Its status.
        status: u16,
        /// Its headers.
        headers: HeaderList,
    },
    /// No response: the connection failed or closed first.
    NoResponse,
}

impl<B> From<http::Response<B>> for Reply {
    fn from(response: http::Response<B>) -> Self {
        Self::from(&response)
    }
}

impl<B> From<&http::Response<B>> for Reply {
    fn from(response: &http::Response<B>) -> Self {
        Self::Response {
            status: response.status().as_u16(),
            headers: HeaderList::from_http(response.headers()),
        }
    }
}

impl From<(u16, HeaderList)> for Reply {
    fn from((status, headers): (u16, HeaderList)) -> Self {
        Self::Response { status, headers }
    }
}

impl<T: Into<Reply>> From<Option<T>> for Reply {
    /// `None` is no response.
    fn from(reply: Option<T>) -> Self {
        reply.map_or(Self::NoResponse, Into::into)
    }
}

/// A fetch in progress: the request's state and its trace.
#[derive(Debug)]
struct Fetch {
    request: FetchRequest,
    tracer: Tracer,
}

impl Fetch {
    /// Fetch "main fetch" for the current URL, then what it leads to.
    fn main_fetch(mut self, browser: &mut Browser, now: Time) -> Next {
        match main_fetch::main_fetch(&mut self.request, &browser.profile, &mut self.tracer) {
            main_fetch::Next::HttpFetch { preflight } => {
                match http_fetch::http_fetch(
                    &mut self.request,
                    preflight,
                    &browser.profile,
                    &mut browser.cache,
                    &mut browser.cookies,
                    &mut self.tracer,
                    now,
                ) {
                    Ok(outgoing) => self.send(outgoing),
                    Err(reason) => self.network_error(browser, reason, None),
                }
            }
            main_fetch::Next::DataUrl => {
                let url = self.request.current_url();
                match scheme_fetch::data_url(url, &browser.profile.response, &mut self.tracer) {
                    Ok(headers) => self.finish(browser, 200, headers),
                    Err(reason) => self.network_error(browser, reason, None),
                }
            }
            main_fetch::Next::NetworkError(reason) => self.network_error(browser, reason, None),
        }
    }

    fn send(self, outgoing: OutgoingRequest) -> Next {
        Next::Send(AwaitingResponse {
            fetch: self,
            outgoing,
        })
    }

    /// The preflight's response: on success, the request itself goes out.
    fn preflight_response(
        mut self,
        browser: &mut Browser,
        status: u16,
        headers: &HeaderList,
        now: Time,
    ) -> Next {
        match http_fetch::preflight_response(
            &self.request,
            status,
            headers,
            &browser.profile,
            &mut browser.cache,
            &mut self.tracer,
            now,
        ) {
            Ok(()) => {
                // A redirect the engine blocks once the new URL's preflight is done.
                if self.request.mixed_content_after_preflight {
                    return self.network_error(browser, Reason::MixedContent, None);
                }
                let outgoing = http_fetch::actual_request(
                    &mut self.request,
                    &browser.profile,
                    &mut browser.cookies,
                    &mut self.tracer,
                    now,
                );
                self.send(outgoing)
            }
            Err(reason) => self.network_error(browser, reason, Some(status)),
        }
    }

    /// The response to the request itself.
    fn response(
        mut self,
        browser: &mut Browser,
        status: u16,
        headers: HeaderList,
        now: Time,
    ) -> Next {
        match http_fetch::response(
            &mut self.request,
            status,
            headers,
            &browser.profile,
            &mut browser.cookies,
            &mut self.tracer,
            now,
        ) {
            http_fetch::Answer::Final(headers) => self.finish(browser, status, headers),
            http_fetch::Answer::Redirected => self.main_fetch(browser, now),
            http_fetch::Answer::OpaqueRedirect => self.done(Ok(main_fetch::opaque_redirect())),
            http_fetch::Answer::NetworkError(reason) => {
                self.network_error(browser, reason, Some(status))
            }
        }
    }

    /// "main fetch" steps 14-15: the filtered response.
    fn finish(&mut self, browser: &Browser, status: u16, headers: HeaderList) -> Next {
        let response = main_fetch::filtered_response(
            &self.request,
            status,
            headers,
            &browser.profile.response,
            &mut self.tracer,
        );
        self.done(Ok(response))
    }

    /// Ends the fetch with a network error. Fetch "main fetch": when the request took the
    /// CORS-with-preflight branch, "clear cache entries" for it first (as the cache's policy
    /// says). `status` is the status of the response that failed, if one did.
    fn network_error(
        &mut self,
        browser: &mut Browser,
        reason: Reason,
        status: Option<u16>,
    ) -> Next {
        let request = &self.request;
        let untainted = browser.profile.preflight.origin_untainted;
        let cleared = browser.cache.clear_after_failure(
            &request.cache_request(untainted),
            request.preflight_branch,
            request.tainting == Tainting::Cors,
        );
        if self.tracer.is_on() {
            let standard = request.preflight_branch;
            if cleared {
                self.tracer.emit(|| Step::CacheCleared {
                    why: ClearWhy::NetworkError,
                });
            }
            if cleared != standard {
                let effect = if cleared {
                    "a failed request without a preflight clears the URL's cached results"
                } else {
                    "a failed preflighted request leaves the cache as it is"
                };
                self.tracer.emit(|| Step::Departure {
                    field: "cache.failure_clears",
                    effect: effect.to_owned(),
                });
            }
            self.tracer.emit(|| Step::NetworkError(reason.clone()));
        }
        let request = &self.request;
        let error = NetworkError {
            reason,
            url: Arc::clone(
                request
                    .url_list()
                    .last()
                    .expect("the URL list is never empty"),
            ),
            initial_url: Arc::clone(&request.url_list()[0]),
            origin: request.origin().ascii_serialization(),
            initiator_type: request.initiator_type,
            status,
            engine: browser.profile.engine,
        };
        self.done(Err(error))
    }

    /// The end of the fetch (which takes its trace; the ending methods borrow the fetch, so
    /// that it is not moved on the way out).
    fn done(&mut self, result: Result<FilteredResponse, NetworkError>) -> Next {
        Next::Done(Done {
            result,
            trace: std::mem::take(&mut self.tracer).finish(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fetch_in_flight_is_owned() {
        fn assert_send_static<T: Send + 'static>() {}
        assert_send_static::<AwaitingResponse>();
        assert_send_static::<Next>();
        assert_send_static::<Exchange>();
    }
}
