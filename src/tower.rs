//! Fetches through a `tower` service, in process (feature `tower`): every request the browser
//! would send — preflight, the request itself, redirect hops — goes to the service (an axum
//! `Router`, a `tower-http`-wrapped service, anything that is a
//! `Service<http::Request<B>>`), and the model judges its answers. No socket, and no runtime of
//! its own: it runs on the caller's, inside `#[tokio::test]` too.
//!
//! A [`ServiceClient`] owns its service and shares its browser, so its fetches are `'static`
//! and `Send` futures that can run side by side; the browser is locked only while the model
//! takes an answer, never across an `.await`. The response's body is read only when script
//! could read it. Requests reach the service with a body of type
//! `http_body_util::Full<bytes::Bytes>`, which an axum `Router` takes (as it takes any body);
//! [`ServiceClient::with_body`] picks another, for a service that wants one type only.
//!
//! For assertions over every engine at once, see [`crate::check`].
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! use bytes::Bytes;
//! use cors_sim::tower::ServiceClient;
//! use cors_sim::{Document, Engine, RequestInit, Time};
//! use http_body_util::Full;
//!
//! // Any tower service; here one that allows every origin.
//! let app = tower::service_fn(|_request: http::Request<Full<Bytes>>| async {
//!     let response = http::Response::builder()
//!         .header("Access-Control-Allow-Origin", "*")
//!         .body(Full::new(Bytes::from_static(b"hi")))
//!         .unwrap();
//!     Ok::<_, std::convert::Infallible>(response)
//! });
//! let client = ServiceClient::new(app, Engine::Chromium);
//! let page: Document = "https://app.example/".parse().unwrap();
//! let fetched = client
//!     .fetch(&page, RequestInit::new("https://api.example/greeting"), Time::ZERO)
//!     .await
//!     .unwrap();
//! fetched.exchange.expect_allowed();
//! assert_eq!(fetched.body.as_deref(), Some(&b"hi"[..]));
//! # }
//! ```

use crate::document::Document;
use crate::fetch::{Browser, Exchange, Next, Reply};
use crate::header::HeaderList;
use crate::profile::Profile;
use crate::request::{OutgoingRequest, RequestError, RequestInit};
use crate::response::ResponseType;
use crate::time::Time;
use bytes::Bytes;
use http_body::Body;
use http_body_util::{BodyExt, Full};
use std::fmt;
use std::future::{Future, poll_fn};
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, MutexGuard};
use tower_service::Service;

/// A browser whose requests go to a `tower` service, with a request body of type `B`.
pub struct ServiceClient<S, B = Full<Bytes>> {
    service: S,
    browser: Arc<Mutex<Browser>>,
    body: PhantomData<fn() -> B>,
}

impl<S: Clone, B> Clone for ServiceClient<S, B> {
    /// Another handle on the same browser (and cache), with a clone of the service.
    fn clone(&self) -> Self {
        Self {
            service: self.service.clone(),
            browser: Arc::clone(&self.browser),
            body: PhantomData,
        }
    }
}

impl<S: fmt::Debug, B> fmt::Debug for ServiceClient<S, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceClient")
            .field("service", &self.service)
            .field("browser", &self.browser)
            .finish()
    }
}

/// A fetch through a service: what script sees and why, and the body when script can read it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Fetched {
    /// The requests sent, what script sees, and the trace.
    pub exchange: Exchange,
    /// The response's body, read only when script can read the response.
    pub body: Option<Bytes>,
    /// Why a request got no answer from the service, if one did not: the service failed, or
    /// the request holds what the `http` types cannot carry. The browser sees a network error.
    pub no_answer: Option<String>,
}

impl<S> ServiceClient<S> {
    /// A browser of `profile` (a [`Profile`] or an [`crate::Engine`]) in front of `service`,
    /// recording the trace of every fetch and sending request bodies as `Full<Bytes>`.
    pub fn new(service: S, profile: impl Into<Profile>) -> Self {
        Self::with_browser(service, Browser::new(profile).trace(true))
    }

    /// `browser` in front of `service`: a browser set up as wanted, e.g. with its trace off
    /// ([`Browser::trace`], for speed) or its cache warmed by earlier fetches.
    pub fn with_browser(service: S, browser: Browser) -> Self {
        Self {
            service,
            browser: Arc::new(Mutex::new(browser)),
            body: PhantomData,
        }
    }
}

impl<S, B> ServiceClient<S, B> {
    /// The same client sending request bodies of type `ReqBody` (any type made from bytes:
    /// `Vec<u8>`, `String`, `axum::body::Body`, …), for a service that takes only that type.
    pub fn with_body<ReqBody>(self) -> ServiceClient<S, ReqBody> {
        ServiceClient {
            service: self.service,
            browser: self.browser,
            body: PhantomData,
        }
    }

    /// The browser, e.g. to look at its CORS-preflight cache.
    pub fn browser(&self) -> MutexGuard<'_, Browser> {
        lock(&self.browser)
    }

    /// Runs `fetch(init)` from `page` at time `now`, every request through the service, and
    /// records the trace when the browser does (a [`ServiceClient::new`] one does). An `Err` is
    /// the `TypeError` the `Request` constructor throws.
    pub fn fetch<ResBody>(
        &self,
        page: &Document,
        init: RequestInit,
        now: Time,
    ) -> impl Future<Output = Result<Fetched, RequestError>> + Send + 'static
    where
        S: Service<http::Request<B>, Response = http::Response<ResBody>> + Clone + Send + 'static,
        S::Future: Send,
        S::Error: std::fmt::Display,
        B: From<Vec<u8>> + Send,
        ResBody: Body + Send,
        ResBody::Data: Send,
        ResBody::Error: std::fmt::Display,
    {
        let started = lock(&self.browser).fetch(page, init, now);
        let browser = Arc::clone(&self.browser);
        let mut service = self.service.clone();
        async move {
            let mut next = started?;
            let mut requests = Vec::new();
            let mut body = None;
            let mut no_answer = None;
            loop {
                match next {
                    Next::Send(pending) => {
                        let request = pending.request().clone();
                        let (reply, answer_body) =
                            match call::<S, B, ResBody>(&mut service, &request).await {
                                Ok((reply, answer_body)) => (reply, Some(answer_body)),
                                Err(why) => {
                                    no_answer = Some(why);
                                    (Reply::NoResponse, None)
                                }
                            };
                        body = answer_body;
                        requests.push(request);
                        next = pending.reply(&mut lock(&browser), reply, now);
                    }
                    Next::Done(done) => {
                        let readable = done.result.as_ref().is_ok_and(|response| {
                            matches!(
                                response.response_type(),
                                ResponseType::Basic | ResponseType::Cors
                            )
                        });
                        let body = match body {
                            Some(answer_body) if readable => {
                                answer_body.collect().await.ok().map(|b| b.to_bytes())
                            }
                            _ => None,
                        };
                        let exchange = Exchange {
                            requests,
                            result: done.result,
                            trace: done.trace,
                        };
                        return Ok(Fetched {
                            exchange,
                            body,
                            no_answer,
                        });
                    }
                }
            }
        }
    }
}

/// Sends `request` through `service`: the reply for the model, and the body left to read; an
/// error says why there is no reply.
pub(crate) async fn call<S, ReqBody, ResBody>(
    service: &mut S,
    request: &OutgoingRequest,
) -> Result<(Reply, ResBody), String>
where
    S: Service<http::Request<ReqBody>, Response = http::Response<ResBody>>,
    S::Error: std::fmt::Display,
    ReqBody: From<Vec<u8>>,
{
    let http = request
        .to_http_with_body::<ReqBody>()
        .map_err(|e| e.to_string())?;
    poll_fn(|cx| service.poll_ready(cx))
        .await
        .map_err(|e| format!("the service is not ready: {e}"))?;
    let response = service
        .call(http)
        .await
        .map_err(|e| format!("the service failed: {e}"))?;
    let (parts, body) = response.into_parts();
    let reply = Reply::Response {
        status: parts.status.as_u16(),
        headers: HeaderList::from_http(&parts.headers),
    };
    Ok((reply, body))
}

/// The browser, whatever a panicking holder left (its state is consistent between steps).
fn lock(browser: &Mutex<Browser>) -> MutexGuard<'_, Browser> {
    browser
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
