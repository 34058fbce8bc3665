//! The CORS holes an attacker's page could really use (feature `audit`): for each origin of
//! the [`crate::attacker`] catalogue, the attacker page's real requests — a simple `GET`, a
//! credentialed `GET`, a credentialed JSON `POST`, a `PUT` and a `DELETE` with `Authorization`
//! — run through the model in each browser, whose jar holds the victim's session cookie as the
//! target's own response sets it. A finding needs a response script can read, a 2xx or a
//! refusal of the session (401, 403); its severity comes from who can be the attacker, whether
//! the cookie went in that browser, whether the data is public, and whether the session was
//! refused ([`severity`]). Lints add what scanners miss and browsers care about
//! ([`Finding`]s with lint rules).
//!
//! The audit speaks to the server through a [`Transport`]: a closure, a live server over the
//! `client` transport ([`Audit::run_live`]), or a `tower` service in process
//! ([`Audit::run_service`]). Identical requests go out once.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! use cors_sim::audit::{Audit, Severity};
//! use cors_sim::Reply;
//!
//! // A server that reflects any origin, with credentials.
//! let server = |request: cors_sim::OutgoingRequest| async move {
//!     let origin = request.headers().get_str("origin").unwrap_or_default().into_owned();
//!     let response = http::Response::builder()
//!         .header("Access-Control-Allow-Origin", origin)
//!         .header("Access-Control-Allow-Credentials", "true")
//!         .header("Vary", "Origin")
//!         .body(())
//!         .unwrap();
//!     Ok::<Reply, String>(response.into())
//! };
//! let audit = Audit::new("https://api.example.com/me").unwrap()
//!     .allowed_origin("https://app.example.com")
//!     .cookie("session=1; Path=/; Secure; HttpOnly; SameSite=None");
//! let report = audit.run(&server).await;
//! assert_eq!(report.severity(), Some(Severity::High));
//! assert_eq!(report.findings[0].rule, "arbitrary-origin");
//! # }
//! ```

mod attack;
mod lint;
mod report;
pub mod severity;

pub use attack::{ATTACKER_TOKEN, Attempt, AuditBrowser, RequestKind, Stats, Transport};
pub use report::{CookieSource, EngineVerdict, Example, Finding, Report};
pub use severity::{Network, Position, Severity};

use crate::attacker::{AttackerOrigin, Catalogue, Trick, parse_origin};
use crate::fetch::{Browser, Reply};
use crate::header::{Extracted, HeaderList, extract_single};
use crate::origin::{Origin, includes_credentials};
use crate::profile::Profile;
use crate::request::{CredentialsMode, RequestInit};
use attack::{MAX_FAILURES_IN_A_ROW, Runner, own_page, seeded};
use http::header::ACCESS_CONTROL_ALLOW_ORIGIN;
use report::OriginResult;
use url::Url;

/// The most `Set-Cookie` values of the target's own answer taken as the session (every attempt
/// starts from a jar that holds them).
const MAX_SESSION_COOKIES: usize = 16;

/// An audit of one URL: what to try, then [`Audit::run`] (or [`Audit::run_live`],
/// [`Audit::run_service`]).
#[derive(Debug, Clone)]
pub struct Audit {
    target: Url,
    allowed: Vec<String>,
    attackers: Vec<String>,
    cookies: Vec<String>,
    browsers: Vec<AuditBrowser>,
    network: Option<Network>,
    read_only: bool,
}

impl Audit {
    /// An audit of `target`, an http(s) URL; `Err` says why it is not one.
    pub fn new(target: &str) -> Result<Self, String> {
        let url = Url::parse(target).map_err(|e| format!("{target:?} is not a URL: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("{target:?} is not an http(s) URL"));
        }
        // Fetch's Request constructor throws for such a URL: no browser would fetch it.
        if includes_credentials(&url) {
            return Err(format!(
                "{target:?} holds a username or password, which no browser's fetch() accepts"
            ));
        }
        Ok(Self {
            target: url,
            allowed: Vec::new(),
            attackers: Vec::new(),
            cookies: Vec::new(),
            browsers: AuditBrowser::defaults(),
            network: None,
            read_only: false,
        })
    }

    /// An origin the owner means to let in (`scheme://host[:port]`); without any, the audit
    /// infers them and says so. One no browser can send is ignored, and the report says so.
    pub fn allowed_origin(mut self, origin: &str) -> Self {
        self.allowed.push(origin.to_owned());
        self
    }

    /// An attacker origin to try besides the catalogue's; one no browser can send is not
    /// tried, and the report says so.
    pub fn attacker_origin(mut self, origin: &str) -> Self {
        self.attackers.push(origin.to_owned());
        self
    }

    /// The victim's session cookie, as the target's login response sets it (a `Set-Cookie`
    /// value: `session=v; Path=/; Secure; SameSite=None`). Without one, the audit takes the
    /// `Set-Cookie` of the target's own response, or else assumes the most exposed cookie.
    pub fn cookie(mut self, set_cookie: &str) -> Self {
        self.cookies.push(set_cookie.to_owned());
        self
    }

    /// The browsers to ask (by default [`AuditBrowser::defaults`]).
    pub fn browsers(mut self, browsers: impl IntoIterator<Item = AuditBrowser>) -> Self {
        self.browsers = browsers.into_iter().collect();
        self
    }

    /// Where the target answers (by default guessed from its host: [`Network::of`]).
    pub fn network(mut self, network: Network) -> Self {
        self.network = Some(network);
        self
    }

    /// Sends no request that may change data: a `POST`, `PUT` or `DELETE` whose preflight
    /// passed is not sent (the report counts them), so no write is judged. An allowed origin's
    /// writes are never sent: its lints need only the preflights.
    pub fn read_only(mut self, on: bool) -> Self {
        self.read_only = on;
        self
    }

    /// The URL audited.
    pub fn target(&self) -> &Url {
        &self.target
    }

    /// Runs the audit over `transport`.
    pub async fn run<T: Transport>(&self, transport: &T) -> Report {
        let runner = Runner::new(transport, self.read_only);
        let target = &self.target;
        let mut notes = Vec::new();
        let network = match self.network {
            Some(network) => (network, false),
            None => (Network::of(target), true),
        };
        let mut report = Report {
            target: target.clone(),
            allowed: Vec::new(),
            allowed_inferred: self.allowed.is_empty(),
            cookies: Vec::new(),
            cookie_source: CookieSource::Assumed,
            cookie_outcomes: Vec::new(),
            browsers: self.browsers.clone(),
            network,
            findings: Vec::new(),
            tried: Vec::new(),
            kept_out: Vec::new(),
            unsendable: Vec::new(),
            notes: Vec::new(),
            stats: Stats::default(),
            unreachable: None,
            incomplete: None,
        };
        // The target's own page loads it first: its answer's cookies and allowed origins.
        let login = RequestInit::new(target).credentials(CredentialsMode::Include);
        let mut own_browser = Browser::new(Profile::spec()).fetch_metadata(true);
        let baseline = runner
            .fetch(&mut own_browser, &own_page(target), login)
            .await;
        let failure = runner.failure.borrow().clone();
        let unreachable = match (&baseline, failure) {
            (_, Some((request, why))) => {
                Some(format!("{} {}: {why}", request.method(), request.url()))
            }
            (Err(error), None) => Some(format!("GET {target}: {error}")),
            (Ok(_), None) => None,
        };
        if unreachable.is_some() {
            report.unreachable = unreachable;
            report.stats = runner.stats();
            return report;
        }
        let own_answer = baseline
            .ok()
            .and_then(|e| e.requests.last().and_then(|r| runner.answer_to(r)));
        let own_headers = match own_answer {
            Some(Ok(Reply::Response { headers, .. })) => headers,
            _ => HeaderList::new(),
        };
        let (cookies, source) = self.session_cookies(&own_headers);
        report.cookies = cookies;
        report.cookie_source = source;
        let mut allowed = self.allowed_origins(&mut notes);
        let mut attackers = self.attackers.clone();
        if report.allowed_inferred {
            let (named, suspect): (Vec<Origin>, Vec<Origin>) = self
                .named_origins(&runner, &own_headers)
                .await
                .into_iter()
                .partition(|origin| !only_a_foothold_serves(origin, target));
            notes.push(inferred_note(target, &named));
            for origin in suspect {
                let serialized = origin.ascii_serialization();
                notes.push(format!(
                    "The server names {serialized} in Access-Control-Allow-Origin: a page there \
                     is one an attacker on the victim's machine or network could serve, so the \
                     audit tried it as an attacker's rather than take it as allowed."
                ));
                attackers.push(serialized);
            }
            allowed.extend(named);
        }
        if source == CookieSource::Assumed {
            notes.push(format!(
                "No session cookie was given (--cookie) and the target set none: the audit \
                 assumed `{}`, the most exposed cookie an {} site can set.",
                report.cookies[0],
                target.scheme()
            ));
        }
        report.allowed = std::iter::once(Origin::of_url(target))
            .chain(allowed.iter().cloned())
            .map(|o| o.ascii_serialization())
            .collect();
        report.cookie_outcomes = self
            .browsers
            .iter()
            .map(|b| (b.name, seeded(&b.profile, target, &report.cookies).1))
            .collect();
        let catalogue = Catalogue::new(target, &allowed, &attackers);
        let mut results = Vec::with_capacity(catalogue.origins.len());
        for attacker in &catalogue.origins {
            let attempts = self
                .attempts(&runner, attacker, &report.cookies, &RequestKind::ATTACKS)
                .await;
            results.push(OriginResult {
                attacker: attacker.clone(),
                position: Position::of(attacker, target, &allowed),
                attempts,
            });
        }
        let mut own_runs = Vec::new();
        for origin in &allowed {
            let page = AttackerOrigin::new(origin.clone(), Trick::Given, None);
            // The lints need the preflights only: no write goes out with the session.
            let runs = runner
                .read_only_while(async || {
                    self.attempts(&runner, &page, &report.cookies, &RequestKind::ALLOWED)
                        .await
                })
                .await;
            for (browser, attempts) in runs {
                let serialized = origin.ascii_serialization();
                own_runs.extend(
                    attempts
                        .into_iter()
                        .map(|a| (browser, serialized.clone(), a)),
                );
            }
        }
        let (mut findings, kept_out) = report::findings(results, network.0);
        findings.extend(lint::lints(&runner.answers(), &own_runs));
        findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
        let failure = runner.failure.borrow().clone();
        if let Some((request, why)) = failure {
            let first = format!("{} {}: {why}", request.method(), request.url());
            if runner.gave_up() {
                report.incomplete = Some(format!(
                    "{MAX_FAILURES_IN_A_ROW} requests in a row got no response, and the audit \
                     sent no more (the first without one: {first}); the fetches not answered \
                     count as blocked, so a hole may have gone unseen."
                ));
            } else {
                notes.push(format!(
                    "Some requests got no response (the first: {first}); their fetches count as \
                     blocked."
                ));
            }
        }
        report.findings = findings;
        report.tried = catalogue.origins;
        report.kept_out = kept_out;
        report.unsendable = catalogue.unsendable;
        report.notes = notes;
        report.stats = runner.stats();
        report
    }

    /// Runs the audit against a live server over `client` (blocking).
    #[cfg(feature = "client")]
    pub fn run_live(&self, client: &crate::client::Client) -> Report {
        let transport = |request: crate::request::OutgoingRequest| {
            let answer = client
                .send(&request)
                .map(|received| Reply::from((received.status, received.headers)))
                .map_err(|error| error.to_string());
            std::future::ready(answer)
        };
        block_on(self.run(&transport))
    }

    /// Runs the audit in process against a `tower` service (an axum `Router`, a
    /// `tower-http`-wrapped service), each request with a `Full<Bytes>` body.
    #[cfg(feature = "tower")]
    pub async fn run_service<S, ResBody>(&self, service: S) -> Report
    where
        S: tower_service::Service<
                http::Request<http_body_util::Full<bytes::Bytes>>,
                Response = http::Response<ResBody>,
            > + Clone,
        S::Error: std::fmt::Display,
    {
        let transport = |request: crate::request::OutgoingRequest| {
            let mut service = service.clone();
            async move {
                crate::tower::call::<S, http_body_util::Full<bytes::Bytes>, ResBody>(
                    &mut service,
                    &request,
                )
                .await
                .map(|(reply, _body)| reply)
            }
        };
        self.run(&transport).await
    }

    /// The attempts of `kinds` from `attacker`'s page in each browser, each in a browser of its
    /// own whose jar holds `cookies`.
    async fn attempts<T: Transport>(
        &self,
        runner: &Runner<'_, T>,
        attacker: &AttackerOrigin,
        cookies: &[String],
        kinds: &[RequestKind],
    ) -> Vec<(&'static str, Vec<Attempt>)> {
        let page = attacker.document();
        let mut all = Vec::with_capacity(self.browsers.len());
        for browser in &self.browsers {
            let mut attempts = Vec::with_capacity(kinds.len());
            for &kind in kinds {
                let (mut fresh, _) = seeded(&browser.profile, &self.target, cookies);
                if let Ok(attempt) = runner.attempt(&mut fresh, &page, kind, &self.target).await {
                    attempts.push(attempt);
                }
            }
            all.push((browser.name, attempts));
        }
        all
    }

    /// The session cookies: the user's, the target's own, or an assumed one.
    fn session_cookies(&self, own: &HeaderList) -> (Vec<String>, CookieSource) {
        if !self.cookies.is_empty() {
            return (self.cookies.clone(), CookieSource::Given);
        }
        let set: Vec<String> = own
            .values("set-cookie")
            .take(MAX_SESSION_COOKIES)
            .map(|v| String::from_utf8_lossy(v).into_owned())
            .collect();
        if !set.is_empty() {
            return (set, CookieSource::Server);
        }
        let assumed = if self.target.scheme() == "https" {
            "session=cors-sim; Path=/; Secure; HttpOnly; SameSite=None"
        } else {
            "session=cors-sim; Path=/; HttpOnly"
        };
        (vec![assumed.to_owned()], CookieSource::Assumed)
    }

    /// The allowed origins given, each checked; the target's own is left out (it is
    /// same-origin), and one no browser can send is noted and ignored.
    fn allowed_origins(&self, notes: &mut Vec<String>) -> Vec<Origin> {
        let own = Origin::of_url(&self.target);
        let mut allowed: Vec<Origin> = Vec::new();
        for text in &self.allowed {
            if text == "null" {
                notes.push(
                    "`null` is among the allowed origins: every sandboxed frame, `data:` page and \
                     cross-origin redirect sends it, so allowing it lets any site in; the audit \
                     tries it as an attacker's."
                        .to_owned(),
                );
                continue;
            }
            match parse_origin(text) {
                Ok(origin) if origin != own && !allowed.contains(&origin) => allowed.push(origin),
                Ok(_) => {}
                Err(why) => notes.push(format!(
                    "The allowed origin {text:?} is not one a browser can send: {why}. It is \
                     ignored."
                )),
            }
        }
        allowed
    }

    /// The origins the server names in `Access-Control-Allow-Origin`, to its own page and to
    /// an arbitrary origin's, other than the asker's.
    async fn named_origins<T: Transport>(
        &self,
        runner: &Runner<'_, T>,
        own: &HeaderList,
    ) -> Vec<Origin> {
        let evil = parse_origin("https://evil.example").expect("an origin");
        let page = AttackerOrigin::new(evil.clone(), Trick::Unrelated, None).document();
        let mut browser = Browser::new(Profile::spec()).fetch_metadata(true);
        let probe = runner
            .attempt(&mut browser, &page, RequestKind::SimpleGet, &self.target)
            .await
            .ok()
            .and_then(|a| a.exchange.requests.last().and_then(|r| runner.answer_to(r)));
        let mut lists = vec![own.clone()];
        if let Some(Ok(Reply::Response { headers, .. })) = probe {
            lists.push(headers);
        }
        let own_origin = Origin::of_url(&self.target);
        let mut named: Vec<Origin> = Vec::new();
        for headers in &lists {
            // Only an answer a browser could accept names an origin: one value, a
            // `serialized-origin` byte for byte (the CORS check compares bytes).
            let Extracted::Values(value) = extract_single(headers, &ACCESS_CONTROL_ALLOW_ORIGIN)
            else {
                continue;
            };
            if let Ok(origin @ Origin::Tuple(_)) = Origin::parse(value)
                && origin != evil
                && origin != own_origin
                && !named.contains(&origin)
            {
                named.push(origin);
            }
        }
        named
    }
}

/// Whether a page at `origin` is one only an attacker with a foothold on the victim's machine or
/// network serves, which no server names on purpose for a `target` in production: a
/// `localhost` or loopback origin, or an `http` one for an `https` target.
fn only_a_foothold_serves(origin: &Origin, target: &Url) -> bool {
    let Origin::Tuple(tuple) = origin else {
        return false;
    };
    severity::is_local(tuple.host()) || (tuple.scheme() == "http" && target.scheme() == "https")
}

/// The note saying which allowed origins were inferred.
fn inferred_note(target: &Url, named: &[Origin]) -> String {
    let own = Origin::of_url(target).ascii_serialization();
    let named = if named.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = named.iter().map(Origin::ascii_serialization).collect();
        format!(
            " and the origins the server names in Access-Control-Allow-Origin ({})",
            list.join(", ")
        )
    };
    format!(
        "No allowed origins were given (--allowed-origin): the audit took the target's own \
         origin ({own}){named} as the allowed ones, and tried look-alikes of each. Name each \
         origin you mean to serve for an exact audit."
    )
}

/// Runs a future whose every await is ready at once (the blocking client's), to its end.
#[cfg(feature = "client")]
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    use std::task::{Context, Poll, Waker};
    let mut future = std::pin::pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
        std::thread::yield_now();
    }
}
