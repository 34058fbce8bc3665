//! Proptest strategies (feature `proptest`): arbitrary origins, header lists, requests as script
//! makes them ([`RequestInit`]), server behaviours and whole scenarios, for property-based tests
//! of CORS in your own test suite.
//!
//! A [`Scenario`] is a document's fetches, in order and at given times, against a
//! [`ServerBehaviour`] — the same situation a `cors-vectors/1` scenario describes — and
//! [`Scenario::run`] drives them through a fresh [`Browser`]. The strategies draw URLs, origins
//! and server routes from one small set of sites (`page.example`, `api.example`, `127.0.0.1`
//! over `http` and `https`), so that same-origin and cross-origin requests, matching routes,
//! cache hits and redirects all happen often; [`origin`] draws from a much wider set.
//!
//! ```
//! use cors_sim::request::CredentialsMode;
//! use cors_sim::response::ResponseType;
//! use cors_sim::strategies;
//! use http::header::ACCESS_CONTROL_ALLOW_ORIGIN;
//! use proptest::prelude::*;
//! use proptest::test_runner::{Config, TestRunner};
//!
//! // Whatever the server answers, a credentialed fetch is never readable cross-origin when the
//! // response's `Access-Control-Allow-Origin` is `*`.
//! let mut runner = TestRunner::new(Config { cases: 64, ..Config::default() });
//! runner
//!     .run(&strategies::scenario(), |scenario| {
//!         for (step, outcome) in scenario.steps.iter().zip(scenario.run()) {
//!             let Ok(exchange) = outcome else { continue };
//!             let (Ok(response), Some(last)) = (&exchange.result, exchange.requests.last())
//!             else {
//!                 continue;
//!             };
//!             if step.init.credentials == CredentialsMode::Include
//!                 && response.response_type() == ResponseType::Cors
//!             {
//!                 let (_, headers) = scenario.server.answer(last).expect("a response");
//!                 let allow_origin = headers.get(&ACCESS_CONTROL_ALLOW_ORIGIN);
//!                 prop_assert_ne!(allow_origin.as_deref(), Some(&b"*"[..]));
//!             }
//!         }
//!         Ok(())
//!     })
//!     .unwrap();
//! ```

use crate::fetch::{Browser, Exchange, Next, OutgoingRequest};
use crate::header::{HeaderList, HeaderValue};
use crate::origin::Origin;
use crate::profile::Profile;
use crate::request::{CredentialsMode, Mode, RedirectMode, RequestError, RequestInit};
use crate::time::Time;
use http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE,
    ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD, LOCATION, ORIGIN,
};
use http::{HeaderName, Method};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use std::time::Duration;
use url::Url;

/// The placeholders a server's header value may hold, as in `cors-vectors/1` routes, and the
/// request header each stands for.
const PLACEHOLDERS: [(&[u8], HeaderName); 3] = [
    (b"{{origin}}", ORIGIN),
    (b"{{request-method}}", ACCESS_CONTROL_REQUEST_METHOD),
    (b"{{request-headers}}", ACCESS_CONTROL_REQUEST_HEADERS),
];

/// A server's answer to a request: a status and headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The status.
    pub status: u16,
    /// The headers, in order. A value may hold the placeholders `{{origin}}`,
    /// `{{request-method}}` and `{{request-headers}}`, which stand for the request's `Origin`,
    /// `Access-Control-Request-Method` and `Access-Control-Request-Headers` (empty when absent).
    pub headers: Vec<(HeaderName, Vec<u8>)>,
}

impl Answer {
    /// The header list answering `request`: placeholders replaced and values normalized (a value
    /// that is still not a header value, because it holds NUL, CR or LF, is left out).
    pub fn header_list(&self, request: &OutgoingRequest) -> HeaderList {
        let mut list = HeaderList::new();
        for (name, template) in &self.headers {
            let mut value = template.clone();
            for (placeholder, header) in &PLACEHOLDERS {
                let with = request.headers().get(header).unwrap_or_default();
                value = replace_all(&value, placeholder, &with);
            }
            if let Ok(value) = HeaderValue::normalize(&value) {
                list.append(name.clone(), value);
            }
        }
        list
    }
}

/// `haystack` with every occurrence of `needle` (not empty) replaced by `with`.
fn replace_all(haystack: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut rest = haystack;
    while !rest.is_empty() {
        if rest.starts_with(needle) {
            out.extend_from_slice(with);
            rest = &rest[needle.len()..];
        } else {
            out.push(rest[0]);
            rest = &rest[1..];
        }
    }
    out
}

/// One route of a server: which requests it answers, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The method it answers (`None`: every method). A CORS preflight is an `OPTIONS` request.
    pub method: Option<Method>,
    /// The URL it answers, compared without fragments.
    pub url: Url,
    /// The answer, or `None` when the connection fails before any response.
    pub answer: Option<Answer>,
}

/// A server's behaviour: the first route that matches a request answers it, and a request no
/// route matches gets a `404` with no headers. It depends on nothing but the request.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServerBehaviour {
    /// The routes, in the order they are tried.
    pub routes: Vec<Route>,
}

impl ServerBehaviour {
    /// What `request` gets: a status and a header list, or `None` when the connection fails.
    pub fn answer(&self, request: &OutgoingRequest) -> Option<(u16, HeaderList)> {
        let route = self.routes.iter().find(|route| {
            route.method.as_ref().is_none_or(|m| m == request.method())
                && route.url[..url::Position::AfterQuery]
                    == request.url()[..url::Position::AfterQuery]
        });
        match route {
            None => Some((404, HeaderList::new())),
            Some(route) => route
                .answer
                .as_ref()
                .map(|answer| (answer.status, answer.header_list(request))),
        }
    }

    /// Runs one `fetch(init)` by a document of `origin` at time `now` against this server:
    /// every request the browser sends gets [`ServerBehaviour::answer`]. An `Err` is the
    /// `TypeError` the `Request` constructor throws.
    pub fn fetch(
        &self,
        browser: &mut Browser,
        origin: &Origin,
        init: RequestInit,
        now: Time,
    ) -> Result<Exchange, RequestError> {
        let mut requests = Vec::new();
        let mut next = browser.fetch(origin, init, now)?;
        loop {
            match next {
                Next::Send(pending) => {
                    let answer = self.answer(pending.request());
                    requests.push(pending.request().clone());
                    next = match answer {
                        Some((status, headers)) => pending.respond_with(status, headers, now),
                        None => pending.fail(now),
                    };
                }
                Next::Done(result) => return Ok(Exchange { requests, result }),
            }
        }
    }
}

/// One `fetch()` of a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// When script calls `fetch()`; the server answers at once.
    pub at: Time,
    /// What script passes to `fetch()`.
    pub init: RequestInit,
}

/// A whole scenario: a document of `origin`, in a browser of `profile`, makes the `steps`'
/// fetches in order against `server`, sharing the browser's CORS-preflight cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    /// The browser's profile.
    pub profile: Profile,
    /// The document's origin.
    pub origin: Origin,
    /// How the server answers.
    pub server: ServerBehaviour,
    /// The fetches, in order (the strategies make their times non-decreasing).
    pub steps: Vec<Step>,
}

impl Scenario {
    /// Runs every step on a fresh browser: each step's exchange, or the `TypeError` its
    /// `Request` constructor threw.
    pub fn run(&self) -> Vec<Result<Exchange, RequestError>> {
        let mut browser = Browser::new(self.profile.clone());
        self.steps
            .iter()
            .map(|step| {
                self.server
                    .fetch(&mut browser, &self.origin, step.init.clone(), step.at)
            })
            .collect()
    }
}

/// The sites the scenario strategies draw documents, requests and routes from.
const SITES: [&str; 5] = [
    "http://page.example",
    "https://page.example",
    "http://api.example",
    "https://api.example:8443",
    "http://127.0.0.1:8080",
];

/// The paths the scenario strategies draw from.
const PATHS: [&str; 3] = ["/", "/data", "/data?q=1"];

/// One of the four profiles: the standard, Chromium, Firefox or WebKit.
pub fn profile() -> impl Strategy<Value = Profile> {
    prop_oneof![
        Just(Profile::spec()),
        Just(Profile::chromium()),
        Just(Profile::firefox()),
        Just(Profile::webkit()),
    ]
}

/// A new opaque origin (each value a distinct one).
fn opaque_origin() -> impl Strategy<Value = Origin> {
    Just(()).prop_map(|()| Origin::new_opaque())
}

/// The origin of one of the scenario sites (mostly `http://page.example`), or an opaque origin
/// (a sandboxed or `data:` document).
fn document_origin() -> impl Strategy<Value = Origin> {
    let site = prop_oneof![4 => Just(SITES[0]), 3 => select(&SITES[..])];
    prop_oneof![
        6 => site.prop_map(|site| Origin::of_url(&Url::parse(site).expect("a site"))),
        1 => opaque_origin(),
    ]
}

/// Any origin: a tuple origin of a special scheme with a domain (ASCII or internationalized),
/// IPv4 or IPv6 host and a default or explicit port, a scenario site's, or an opaque origin.
pub fn origin() -> impl Strategy<Value = Origin> {
    let label = "[a-z0-9]([a-z0-9-]{0,5}[a-z0-9])?";
    let host = prop_oneof![
        4 => proptest::string::string_regex(&format!("{label}(\\.{label}){{0,2}}\\.[a-z]{{2,4}}"))
            .expect("a valid regex"),
        1 => select(&["localhost", "bücher.example", "xn--bcher-kva.example", "EXAMPLE.com"][..])
            .prop_map(str::to_owned),
        1 => any::<[u8; 4]>().prop_map(|ip| std::net::Ipv4Addr::from(ip).to_string()),
        1 => any::<[u16; 8]>().prop_map(|ip| format!("[{}]", std::net::Ipv6Addr::from(ip))),
    ];
    let tuple = (
        select(&["http", "https", "ws", "wss", "ftp"][..]),
        host,
        option::of(prop_oneof![
            select(&[21u16, 80, 443, 8080][..]),
            any::<u16>()
        ]),
    )
        .prop_filter_map("a URL with that host", |(scheme, host, port)| {
            let port = port.map(|p| format!(":{p}")).unwrap_or_default();
            Url::parse(&format!("{scheme}://{host}{port}/"))
                .ok()
                .map(|url| Origin::of_url(&url))
        });
    prop_oneof![4 => tuple, 2 => document_origin(), 1 => opaque_origin()]
}

/// A URL of a scenario site.
fn site_url() -> impl Strategy<Value = Url> {
    (select(&SITES[..]), select(&PATHS[..]))
        .prop_map(|(site, path)| Url::parse(&format!("{site}{path}")).expect("a site URL"))
}

/// A URL as script passes it to `fetch()`: mostly a scenario site's, sometimes with a fragment,
/// relative to the document, of another scheme, with credentials, or not a URL at all.
pub fn url() -> impl Strategy<Value = String> {
    const ODD: [&str; 11] = [
        "/data",
        "data",
        "?q=1",
        "data:text/plain,hi",
        "about:blank",
        "blob:http://page.example/0b7c",
        "ftp://api.example/data",
        "file:///etc/hosts",
        "http://user:pw@api.example/data",
        "http://[::1/",
        "",
    ];
    prop_oneof![
        8 => site_url().prop_map(String::from),
        1 => (site_url(), "[a-z]{0,3}").prop_map(|(url, fragment)| format!("{url}#{fragment}")),
        2 => select(&ODD[..]).prop_map(str::to_owned),
    ]
}

/// A method as script passes it: the standard ones in any case, extension methods, forbidden
/// methods and bytes that are not a token.
pub fn method() -> impl Strategy<Value = Vec<u8>> {
    const METHODS: [&str; 17] = [
        "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "get", "post", "Put", "patch",
        "PROPFIND", "*", "CONNECT", "trace", "GET POST", "",
    ];
    prop_oneof![
        16 => select(&["GET", "POST", "HEAD"][..]).prop_map(|m| m.as_bytes().to_vec()),
        6 => select(&METHODS[..]).prop_map(|m| m.as_bytes().to_vec()),
        1 => "[A-Za-z!#$%&'*+.^_`|~-]{1,8}".prop_map(String::into_bytes),
    ]
}

/// A request header name as script passes it: CORS-safelisted, forbidden and other names, in
/// various letter cases, and now and then one that is not a token.
pub fn header_name() -> impl Strategy<Value = Vec<u8>> {
    const NAMES: [&str; 15] = [
        "Accept",
        "Accept-Language",
        "Content-Language",
        "Content-Type",
        "Range",
        "Authorization",
        "X-Custom",
        "X-Requested-With",
        "Cache-Control",
        "Cookie",
        "Sec-Fetch-Mode",
        "Proxy-Authorization",
        "X-HTTP-Method-Override",
        "Origin",
        "*",
    ];
    prop_oneof![
        30 => select(&NAMES[..]).prop_map(|n| n.as_bytes().to_vec()),
        8 => "[A-Za-z][A-Za-z0-9-]{0,10}".prop_map(String::into_bytes),
        1 => select(&["a b", "", "x:y", "é"][..]).prop_map(|n| n.as_bytes().to_vec()),
    ]
}

/// A request header value as script passes it: values that are CORS-safelisted for some name
/// and values that are not (too long, CORS-unsafe bytes, other MIME types, suffix ranges), with
/// surrounding whitespace now and then and, rarely, bytes that no header value may hold.
pub fn header_value() -> impl Strategy<Value = Vec<u8>> {
    const INVALID: [&[u8]; 3] = [b"a\0b", b"a\nb", b"a\rb"];
    const VALUES: [&[u8]; 22] = [
        b"*/*",
        b"text/plain",
        b"text/plain;charset=UTF-8",
        b"application/x-www-form-urlencoded",
        b"multipart/form-data; boundary=x",
        b"application/json",
        b"text/plain; charset=\"x\"",
        b"en-US,en;q=0.9",
        b"en_US",
        b"bytes=0-",
        b"bytes=0-1",
        b"bytes=-5",
        b"bytes=5-1",
        b"Basic dTpw",
        b"TRACE",
        b"GET, PATCH",
        b"1",
        b"",
        b" text/plain\t",
        b"\x01",
        b"a\x7fb",
        b"caf\xe9",
    ];
    prop_oneof![
        30 => select(&VALUES[..]).prop_map(<[u8]>::to_vec),
        8 => "[ -~]{0,12}".prop_map(String::into_bytes),
        3 => select(&[128usize, 129, 1025][..]).prop_map(|n| vec![b'a'; n]),
        1 => select(&INVALID[..]).prop_map(<[u8]>::to_vec),
    ]
}

/// A request as script makes it: a URL, method and headers from the strategies above, any mode
/// (mostly `cors`), credentials mode and redirect mode, and now and then the use-CORS-preflight
/// flag (which `XMLHttpRequest` sets).
pub fn request_init() -> impl Strategy<Value = RequestInit> {
    let mode = prop_oneof![
        24 => Just(Mode::Cors),
        3 => Just(Mode::NoCors),
        3 => Just(Mode::SameOrigin),
        1 => Just(Mode::Navigate),
    ];
    let credentials = select(
        &[
            CredentialsMode::Omit,
            CredentialsMode::SameOrigin,
            CredentialsMode::Include,
        ][..],
    );
    let redirect = prop_oneof![
        4 => Just(RedirectMode::Follow),
        1 => Just(RedirectMode::Error),
        1 => Just(RedirectMode::Manual),
    ];
    (
        url(),
        method(),
        vec((header_name(), header_value()), 0..4),
        mode,
        credentials,
        redirect,
        proptest::bool::weighted(0.1),
    )
        .prop_map(
            |(url, method, headers, mode, credentials, redirect, preflight)| {
                let mut init = RequestInit::new(url)
                    .method(method)
                    .mode(mode)
                    .credentials(credentials)
                    .redirect(redirect)
                    .use_cors_preflight(preflight);
                init.headers = headers;
                init
            },
        )
}

/// A comma-separated list of items drawn from `items`, sometimes with an empty element.
fn list_of(items: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    (vec(select(items), 0..4), any::<bool>()).prop_map(|(items, trailing_comma)| {
        let mut list = items.join(", ");
        if trailing_comma {
            list.push(',');
        }
        list.into_bytes()
    })
}

/// One of `values`, as bytes.
fn one_of(values: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    select(values).prop_map(|value| value.as_bytes().to_vec())
}

/// Values of `Access-Control-Allow-Origin`: right for some requests, wrong for others.
const ALLOW_ORIGINS: [&str; 8] = [
    "{{origin}}",
    "*",
    "null",
    "http://page.example",
    "https://api.example:8443",
    "http://page.example, http://api.example",
    "http://page.example/",
    "",
];
/// Items of `Access-Control-Allow-Methods`.
const ALLOW_METHODS: [&str; 8] = [
    "GET",
    "PUT",
    "DELETE",
    "PATCH",
    "patch",
    "*",
    "{{request-method}}",
    "x y",
];
/// Items of `Access-Control-Allow-Headers`.
const ALLOW_HEADERS: [&str; 7] = [
    "X-Custom",
    "x-requested-with",
    "Content-Type",
    "Authorization",
    "Range",
    "*",
    "{{request-headers}}",
];
/// Items of `Access-Control-Expose-Headers`.
const EXPOSE_HEADERS: [&str; 4] = ["X-Secret", "x-custom", "Set-Cookie", "*"];
/// Values of `Access-Control-Max-Age`.
const MAX_AGES: [&str; 9] = [
    "0",
    "5",
    "600",
    "7201",
    "86401",
    "-1",
    "+60",
    "abc",
    "99999999999999999999",
];

/// A `Location`: a scenario site's URL, a relative one, or one a redirect may not go to.
fn location() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => site_url().prop_map(|url| url.to_string().into_bytes()),
        1 => one_of(&["/data", "data:text/plain,x", "http://u:p@api.example/", "http://[::1/"]),
    ]
}

/// A CORS response header (`Access-Control-*`, `Location`) with a value that is right for some
/// requests and wrong for others, or another response header.
fn response_header() -> impl Strategy<Value = (HeaderName, Vec<u8>)> {
    let other = (
        select(
            &[
                "X-Secret",
                "Set-Cookie",
                "Content-Type",
                "Cache-Control",
                "Accept",
            ][..],
        ),
        "[ -~]{0,8}",
    )
        .prop_map(|(name, value)| {
            let name = HeaderName::from_bytes(name.as_bytes()).expect("a header name");
            (name, value.into_bytes())
        });
    prop_oneof![
        2 => one_of(&ALLOW_ORIGINS).prop_map(|v| (ACCESS_CONTROL_ALLOW_ORIGIN, v)),
        2 => one_of(&["true", "TRUE", "false"]).prop_map(|v| (ACCESS_CONTROL_ALLOW_CREDENTIALS, v)),
        3 => list_of(&ALLOW_METHODS).prop_map(|v| (ACCESS_CONTROL_ALLOW_METHODS, v)),
        3 => list_of(&ALLOW_HEADERS).prop_map(|v| (ACCESS_CONTROL_ALLOW_HEADERS, v)),
        2 => list_of(&EXPOSE_HEADERS).prop_map(|v| (ACCESS_CONTROL_EXPOSE_HEADERS, v)),
        2 => one_of(&MAX_AGES).prop_map(|v| (ACCESS_CONTROL_MAX_AGE, v)),
        2 => location().prop_map(|v| (LOCATION, v)),
        2 => other,
    ]
}

/// A response header list: CORS response headers and others, each value a header value (the
/// [`Answer`] placeholders it may hold, such as `{{origin}}`, are plain bytes here).
pub fn header_list() -> impl Strategy<Value = HeaderList> {
    vec(response_header(), 0..8).prop_map(|headers| {
        let mut list = HeaderList::new();
        for (name, value) in headers {
            if let Ok(value) = HeaderValue::normalize(&value) {
                list.append(name, value);
            }
        }
        list
    })
}

/// A server's answer: mostly a success, sometimes a redirect, an error status or any number at
/// all. Its CORS headers are each present or not, mostly with values that let some requests
/// through (`Access-Control-Allow-Origin` echoing the origin or `*`, lists naming what requests
/// use), followed by any other headers (CORS ones again among them).
pub fn answer() -> impl Strategy<Value = Answer> {
    let status = prop_oneof![
        16 => select(&[200u16, 204][..]),
        2 => select(&[301u16, 302, 303, 307, 308][..]),
        1 => select(&[199u16, 299, 304, 403, 404, 500][..]),
        1 => any::<u16>(),
    ];
    let allow_origin = prop_oneof![6 => one_of(&["{{origin}}", "*"]), 1 => one_of(&ALLOW_ORIGINS)];
    let cors = (
        option::weighted(0.85, allow_origin),
        option::weighted(0.5, one_of(&["true", "true", "TRUE"])),
        option::weighted(0.6, list_of(&ALLOW_METHODS)),
        option::weighted(0.6, list_of(&ALLOW_HEADERS)),
        option::weighted(0.3, list_of(&EXPOSE_HEADERS)),
        option::weighted(0.3, one_of(&MAX_AGES)),
        option::weighted(0.3, location()),
    );
    (status, cors, vec(response_header(), 0..3)).prop_map(
        |(status, (origin, credentials, methods, names, exposed, max_age, location), others)| {
            let cors = [
                (ACCESS_CONTROL_ALLOW_ORIGIN, origin),
                (ACCESS_CONTROL_ALLOW_CREDENTIALS, credentials),
                (ACCESS_CONTROL_ALLOW_METHODS, methods),
                (ACCESS_CONTROL_ALLOW_HEADERS, names),
                (ACCESS_CONTROL_EXPOSE_HEADERS, exposed),
                (ACCESS_CONTROL_MAX_AGE, max_age),
                (LOCATION, location),
            ];
            let headers = cors
                .into_iter()
                .filter_map(|(name, value)| Some((name, value?)))
                .chain(others)
                .collect();
            Answer { status, headers }
        },
    )
}

/// A route: a method (any, `OPTIONS` for preflights, or another), a scenario site's URL, and an
/// answer or, rarely, a failed connection.
fn route() -> impl Strategy<Value = Route> {
    let method = prop_oneof![
        3 => Just(None),
        3 => Just(Some(Method::OPTIONS)),
        1 => select(&[Method::GET, Method::POST, Method::PUT][..]).prop_map(Some),
    ];
    let answer = prop_oneof![12 => answer().prop_map(Some), 1 => Just(None)];
    (method, site_url(), answer).prop_map(|(method, url, answer)| Route {
        method,
        url,
        answer,
    })
}

/// A server: up to three routes on the scenario sites.
pub fn server_behaviour() -> impl Strategy<Value = ServerBehaviour> {
    vec(route(), 0..4).prop_map(|routes| ServerBehaviour { routes })
}

/// A step: a request from [`request_init`], a delay after the previous step.
fn step() -> impl Strategy<Value = (Duration, RequestInit)> {
    let seconds = prop_oneof![
        3 => Just(0u64),
        2 => select(&[1u64, 4, 5, 6, 599, 601, 7199, 7201, 86401][..]),
        1 => 0u64..100_000,
    ];
    (seconds.prop_map(Duration::from_secs), request_init())
}

/// Routes for `url`: mostly one for its preflights and one for everything else, sometimes
/// none.
fn routes_for(url: Url) -> impl Strategy<Value = Vec<Route>> {
    let pair = (answer(), answer()).prop_map(move |(preflight, other)| {
        vec![
            Route {
                method: Some(Method::OPTIONS),
                url: url.clone(),
                answer: Some(preflight),
            },
            Route {
                method: None,
                url: url.clone(),
                answer: Some(other),
            },
        ]
    });
    prop_oneof![8 => pair, 1 => Just(Vec::new())]
}

/// A scenario: a profile, a document (a scenario site's origin or an opaque one), one to four
/// fetches at non-decreasing times from zero on, and a server with routes for most of the URLs
/// they fetch and a few others.
pub fn scenario() -> impl Strategy<Value = Scenario> {
    (
        profile(),
        document_origin(),
        vec(step(), 1..5),
        server_behaviour(),
    )
        .prop_flat_map(|(profile, origin, steps, others)| {
            let base = Url::parse(&format!("{}/", origin.ascii_serialization())).ok();
            let routes: Vec<_> = steps
                .iter()
                .filter_map(|(_, init)| {
                    Url::options().base_url(base.as_ref()).parse(&init.url).ok()
                })
                .filter(|url| matches!(url.scheme(), "http" | "https"))
                .map(routes_for)
                .collect();
            (
                Just(profile),
                Just(origin),
                Just(steps),
                Just(others),
                routes,
            )
        })
        .prop_map(|(profile, origin, steps, others, routes)| {
            let mut at = Time::ZERO;
            let steps = steps
                .into_iter()
                .map(|(delay, init)| {
                    at = at.saturating_add(delay);
                    Step { at, init }
                })
                .collect();
            let routes = routes.into_iter().flatten().chain(others.routes).collect();
            Scenario {
                profile,
                origin,
                server: ServerBehaviour { routes },
                steps,
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preflight(headers: &[(&str, &str)]) -> OutgoingRequest {
        let server = ServerBehaviour::default();
        let mut browser = Browser::new(Profile::spec());
        let page = Origin::parse(b"http://page.example").unwrap();
        let mut init = RequestInit::new("http://api.example/data").method("PUT");
        for (name, value) in headers {
            init = init.header(name, value);
        }
        server
            .fetch(&mut browser, &page, init, Time::ZERO)
            .unwrap()
            .requests
            .remove(0)
    }

    #[test]
    fn placeholders_stand_for_the_request_headers() {
        let request = preflight(&[("X-B", "1"), ("X-A", "2")]);
        let answer = Answer {
            status: 204,
            headers: vec![
                (ACCESS_CONTROL_ALLOW_ORIGIN, b"{{origin}}".to_vec()),
                (
                    ACCESS_CONTROL_ALLOW_METHODS,
                    b"{{request-method}}, {{request-method}}".to_vec(),
                ),
                (
                    ACCESS_CONTROL_ALLOW_HEADERS,
                    b"{{request-headers}}".to_vec(),
                ),
                (ACCESS_CONTROL_EXPOSE_HEADERS, b"{{unknown}}\n".to_vec()),
                (ACCESS_CONTROL_MAX_AGE, b" 5\0".to_vec()),
            ],
        };
        let list = answer.header_list(&request);
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
    fn the_first_matching_route_answers_and_others_get_404() {
        let url = Url::parse("http://api.example/data").unwrap();
        let route = |method, status| Route {
            method,
            url: url.clone(),
            answer: Some(Answer {
                status,
                headers: Vec::new(),
            }),
        };
        let server = ServerBehaviour {
            routes: vec![
                route(Some(Method::GET), 201),
                Route {
                    answer: None,
                    ..route(Some(Method::OPTIONS), 0)
                },
                route(None, 202),
            ],
        };
        let request = preflight(&[("X-A", "1")]);
        assert!(request.is_preflight());
        assert_eq!(server.answer(&request), None);
        let page = Origin::parse(b"http://page.example").unwrap();
        let mut browser = Browser::new(Profile::spec());
        let mut fetch = |init| server.fetch(&mut browser, &page, init, Time::ZERO).unwrap();
        let exchange = fetch(RequestInit::new("http://api.example/data#f"));
        assert_eq!(server.answer(&exchange.requests[0]).unwrap().0, 201);
        let exchange = fetch(RequestInit::new("http://api.example/data").method("POST"));
        assert_eq!(server.answer(&exchange.requests[0]).unwrap().0, 202);
        let exchange = fetch(RequestInit::new("http://api.example/other"));
        assert_eq!(
            server.answer(&exchange.requests[0]),
            Some((404, HeaderList::new()))
        );
        let failed = fetch(RequestInit::new("http://api.example/data").method("PUT"));
        assert_eq!(failed.requests.len(), 1);
        assert_eq!(failed.result.unwrap_err().error.name(), "ConnectionFailed");
    }
}
