//! Proptest strategies (feature `proptest`): arbitrary origins, header lists, requests as script
//! makes them, servers and whole scenarios of the [`testing`](super) model, for property-based
//! tests of CORS in your own test suite.
//!
//! A [`Scenario`] is a document's fetches, in order and at given times, against a [`Server`] —
//! the situation a `cors-vectors/1` scenario vector describes — and [`Scenario::run`] drives
//! them through a fresh browser of the profile it is given, which [`profile`] draws. The
//! strategies draw URLs, origins and server routes from one small set of sites
//! (`page.example`, `api.example`, `127.0.0.1` over `http` and `https`), so that same-origin
//! and cross-origin requests, matching routes, cache hits and redirects all happen often;
//! [`origin`] draws from a much wider set.
//!
//! ```
//! use cors_sim::Reply;
//! use cors_sim::request::CredentialsMode;
//! use cors_sim::response::ResponseType;
//! use cors_sim::testing::strategies::{profile, scenario};
//! use http::header::ACCESS_CONTROL_ALLOW_ORIGIN;
//! use proptest::prelude::*;
//! use proptest::test_runner::{Config, TestRunner};
//!
//! // Whatever the server answers, a credentialed fetch is never readable cross-origin when the
//! // response's `Access-Control-Allow-Origin` is `*`.
//! let mut runner = TestRunner::new(Config { cases: 64, ..Config::default() });
//! runner
//!     .run(&(profile(), scenario()), |(profile, scenario)| {
//!         for (step, result) in scenario.steps.iter().zip(scenario.run(profile)) {
//!             let Ok(Ok(exchange)) = result else { continue };
//!             let (Ok(response), Some(last)) = (&exchange.result, exchange.requests.last())
//!             else {
//!                 continue;
//!             };
//!             if step.request.credentials == Some(CredentialsMode::Include)
//!                 && response.response_type() == ResponseType::Cors
//!             {
//!                 let Reply::Response { headers, .. } = scenario.server.answer(last) else {
//!                     panic!("a readable response had an answer");
//!                 };
//!                 let allow_origin = headers.get(&ACCESS_CONTROL_ALLOW_ORIGIN);
//!                 prop_assert_ne!(allow_origin.as_deref(), Some(&b"*"[..]));
//!             }
//!         }
//!         Ok(())
//!     })
//!     .unwrap();
//! ```

use super::scenario::{Bytes, Route, Scenario, Server, Step, StepRequest};
use crate::header::{HeaderList, HeaderValue};
use crate::origin::Origin;
use crate::profile::Profile;
use crate::request::{CredentialsMode, Mode, RedirectMode, RequestInit};
use crate::time::Time;
use http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE, LOCATION,
};
use http::{HeaderName, Method};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use std::time::Duration;
use url::Url;

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
/// methods and text that is not a token.
pub fn method() -> impl Strategy<Value = String> {
    const METHODS: [&str; 17] = [
        "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "get", "post", "Put", "patch",
        "PROPFIND", "*", "CONNECT", "trace", "GET POST", "",
    ];
    prop_oneof![
        16 => select(&["GET", "POST", "HEAD"][..]).prop_map(str::to_owned),
        6 => select(&METHODS[..]).prop_map(str::to_owned),
        1 => "[A-Za-z!#$%&'*+.^_`|~-]{1,8}",
    ]
}

/// A request header name as script passes it: CORS-safelisted, forbidden and other names, in
/// various letter cases, and now and then one that is not a token.
pub fn header_name() -> impl Strategy<Value = String> {
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
        30 => select(&NAMES[..]).prop_map(str::to_owned),
        8 => "[A-Za-z][A-Za-z0-9-]{0,10}",
        1 => select(&["a b", "", "x:y", "é"][..]).prop_map(str::to_owned),
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

/// A request as script makes it in a scenario step: a URL, method and headers from the
/// strategies above, any mode (mostly `cors`), credentials mode and redirect mode, and now and
/// then the use-CORS-preflight flag (which `XMLHttpRequest` sets). Every field is set.
pub fn step_request() -> impl Strategy<Value = StepRequest> {
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
                let mut request = StepRequest::new(url);
                request.method = Some(method);
                request.headers = headers
                    .into_iter()
                    .map(|(name, value)| (name, value.into()))
                    .collect();
                request.mode = Some(mode);
                request.credentials = Some(credentials);
                request.redirect = Some(redirect);
                request.use_cors_preflight = preflight;
                request
            },
        )
}

/// [`step_request`] as what script passes to `fetch()`.
pub fn request_init() -> impl Strategy<Value = RequestInit> {
    step_request().prop_map(|request| request.init().expect("no unmodelled field is drawn"))
}

/// A comma-separated list of items drawn from `items`, sometimes with an empty element.
fn list_of(items: &'static [&'static str]) -> impl Strategy<Value = Bytes> {
    (vec(select(items), 0..4), any::<bool>()).prop_map(|(items, trailing_comma)| {
        let mut list = items.join(", ");
        if trailing_comma {
            list.push(',');
        }
        list.into_bytes().into()
    })
}

/// One of `values`.
fn one_of(values: &'static [&'static str]) -> impl Strategy<Value = Bytes> {
    select(values).prop_map(Bytes::from)
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
fn location() -> impl Strategy<Value = Bytes> {
    prop_oneof![
        4 => site_url().prop_map(|url| url.as_str().into()),
        1 => one_of(&["/data", "data:text/plain,x", "http://u:p@api.example/", "http://[::1/"]),
    ]
}

/// A CORS response header (`Access-Control-*`, `Location`) with a value that is right for some
/// requests and wrong for others, or another response header.
fn response_header() -> impl Strategy<Value = (HeaderName, Bytes)> {
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
            (name, value.as_str().into())
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
/// [`Route`] placeholders it may hold, such as `{{origin}}`, are plain bytes here).
pub fn header_list() -> impl Strategy<Value = HeaderList> {
    vec(response_header(), 0..8).prop_map(|headers| {
        let mut list = HeaderList::new();
        for (name, value) in headers {
            if let Ok(value) = HeaderValue::normalize(&value.0) {
                list.append(name, value);
            }
        }
        list
    })
}

/// A route's answer, its status and headers: mostly a success, sometimes a redirect, an error
/// status or any number at all. Its CORS headers are each present or not, mostly with values
/// that let some requests through (`Access-Control-Allow-Origin` echoing the origin or `*`,
/// lists naming what requests use), followed by any other headers (CORS ones again among them).
fn answer() -> impl Strategy<Value = (u16, Vec<(HeaderName, Bytes)>)> {
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
            (status, headers)
        },
    )
}

/// A route: a method (any, `OPTIONS` for preflights, or another), a scenario site's URL, and an
/// answer or, rarely, a failed connection (a network-error route, of status 0 and no headers).
pub fn route() -> impl Strategy<Value = Route> {
    let method = prop_oneof![
        3 => Just(None),
        3 => Just(Some(Method::OPTIONS)),
        1 => select(&[Method::GET, Method::POST, Method::PUT][..]).prop_map(Some),
    ];
    let answer = prop_oneof![12 => answer().prop_map(Some), 1 => Just(None)];
    (method, site_url(), answer).prop_map(|(method, url, answer)| match answer {
        Some((status, headers)) => Route::new(method, url, status, headers),
        None => Route::new(method, url, 0, Vec::new()).network_error(true),
    })
}

/// A server: up to three routes on the scenario sites.
pub fn server() -> impl Strategy<Value = Server> {
    vec(route(), 0..4).prop_map(Server::new)
}

/// A step: a request from [`step_request`], a delay after the previous step.
fn step() -> impl Strategy<Value = (Duration, StepRequest)> {
    let seconds = prop_oneof![
        3 => Just(0u64),
        2 => select(&[1u64, 4, 5, 6, 599, 601, 7199, 7201, 86401][..]),
        1 => 0u64..100_000,
    ];
    (seconds.prop_map(Duration::from_secs), step_request())
}

/// Routes for `url`: mostly one for its preflights and one for everything else, sometimes
/// none.
fn routes_for(url: Url) -> impl Strategy<Value = Vec<Route>> {
    let pair = (answer(), answer()).prop_map(move |(preflight, other)| {
        vec![
            Route::new(Some(Method::OPTIONS), url.clone(), preflight.0, preflight.1),
            Route::new(None, url.clone(), other.0, other.1),
        ]
    });
    prop_oneof![8 => pair, 1 => Just(Vec::new())]
}

/// A scenario: a document (a scenario site's origin or an opaque one), one to four fetches at
/// non-decreasing times from zero on, and a server with routes for most of the URLs they fetch
/// and a few others. Run it in a browser of a [`profile`].
pub fn scenario() -> impl Strategy<Value = Scenario> {
    (document_origin(), vec(step(), 1..5), server())
        .prop_flat_map(|(origin, steps, others)| {
            let base = Url::parse(&format!("{}/", origin.ascii_serialization())).ok();
            let routes: Vec<_> = steps
                .iter()
                .filter_map(|(_, request)| {
                    Url::options()
                        .base_url(base.as_ref())
                        .parse(&request.url)
                        .ok()
                })
                .filter(|url| matches!(url.scheme(), "http" | "https"))
                .map(routes_for)
                .collect();
            (Just(origin), Just(steps), Just(others), routes)
        })
        .prop_map(|(origin, steps, others, routes)| {
            let mut at = Time::ZERO;
            let steps = steps
                .into_iter()
                .map(|(delay, request)| {
                    at = at.saturating_add(delay);
                    Step::new(at, request)
                })
                .collect();
            let routes = routes.into_iter().flatten().chain(others.routes).collect();
            Scenario::new(origin, Server::new(routes), steps)
        })
}

// --- Attackers of your own app ---

use crate::attacker::look_alike;
pub use crate::attacker::{AttackerOrigin, Trick};

/// The look-alike tricks, in the order shrinking prefers.
const LOOK_ALIKES: [Trick; 10] = [
    Trick::Sibling,
    Trick::Prefix,
    Trick::Suffix,
    Trick::UnescapedDot,
    Trick::Substring,
    Trick::Deeper,
    Trick::Scheme,
    Trick::Port,
    Trick::TrailingDot,
    Trick::SpecialCharacter,
];

/// A URL's origin, checked to be a tuple origin of an http(s) URL.
#[track_caller]
fn http_origin(what: &str, text: &str) -> Url {
    match Url::parse(text) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => url,
        _ => panic!("{what} {text:?} is not an http(s) origin or URL"),
    }
}

/// A short lowercase word for a made-up label.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(&["evil", "attacker", "x", "app", "api", "www", "cdn", "dev"][..])
            .prop_map(str::to_owned),
        2 => "[a-z][a-z0-9]{0,6}",
    ]
}

/// A top-level domain for a made-up site.
fn tld() -> impl Strategy<Value = &'static str> {
    select(&["com", "net", "org", "io", "example", "test", "co.uk"][..])
}

/// A port other than the usual ones now and then.
fn port() -> impl Strategy<Value = u16> {
    prop_oneof![
        3 => select(&[80u16, 443, 3000, 8080, 8443, 5173][..]),
        1 => 1u16..,
    ]
}

/// The origins a page of an attacker could have, for an app at `app` (its base URL, whose own
/// origin is never drawn) that means to let in exactly the origins `allowed` (each
/// `scheme://host[:port]`): none of them is ever drawn. Drawn are unrelated origins, the opaque
/// origin (`null`) and, for each allowed origin, look-alikes — [`Trick`] lists them: sibling
/// and deeper subdomains, prefixed and suffixed hosts, a dot replaced, the host inside a longer
/// one, the other scheme, other ports, a trailing dot, a special character before another
/// domain: the look-alikes of [`crate::attacker::Catalogue`], drawn with random words. Each is
/// a host the URL standard accepts (parsed with `url`). Use [`AttackerOrigin::document`] as the
/// page of a fetch.
///
/// Panics when `app` or an allowed origin is not an http(s) URL.
///
/// ```
/// use cors_sim::testing::strategies::attacker_origin;
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
///
/// let allowed = ["https://app.example.com"];
/// let attackers = attacker_origin("https://api.example.com", &allowed);
/// let mut runner = TestRunner::deterministic();
/// for _ in 0..100 {
///     let attacker = attackers.new_tree(&mut runner).unwrap().current();
///     assert!(!allowed.contains(&attacker.origin().as_str()));
/// }
/// ```
#[track_caller]
pub fn attacker_origin(app: &str, allowed: &[&str]) -> impl Strategy<Value = AttackerOrigin> {
    let app = Origin::of_url(&http_origin("the app's URL", app)).ascii_serialization();
    let allowed: Vec<Url> = allowed
        .iter()
        .map(|origin| http_origin("the allowed origin", origin))
        .collect();
    let mut excluded: Vec<String> = allowed
        .iter()
        .map(|url| Origin::of_url(url).ascii_serialization())
        .collect();
    excluded.push(app);
    let excluded = std::sync::Arc::new(excluded);
    let keep = move |url: Url, trick, imitates: Option<&Url>| {
        let origin = Origin::of_url(&url);
        let serialized = origin.ascii_serialization();
        (!excluded.contains(&serialized)).then(|| {
            let imitates = imitates.map(|url| Origin::of_url(url).ascii_serialization());
            AttackerOrigin::new(origin, trick, imitates)
        })
    };
    let unrelated = {
        let keep = keep.clone();
        (
            select(&["https", "http"][..]),
            vec(word(), 1..3),
            tld(),
            option::weighted(0.2, port()),
        )
            .prop_filter_map("an excluded origin", move |(scheme, labels, tld, port)| {
                let port = port.map(|p| format!(":{p}")).unwrap_or_default();
                let url = Url::parse(&format!("{scheme}://{}.{tld}{port}/", labels.join(".")));
                keep(url.ok()?, Trick::Unrelated, None)
            })
    };
    let null = Just(()).prop_map(|()| AttackerOrigin::null());
    let mut strategies: Vec<(u32, BoxedStrategy<AttackerOrigin>)> =
        vec![(2, unrelated.boxed()), (1, null.boxed())];
    if !allowed.is_empty() {
        let look_alike = (
            select(allowed),
            select(&LOOK_ALIKES[..]),
            (
                word(),
                word(),
                tld(),
                port(),
                select(&['-', 'x', '0', '_'][..]),
            ),
        )
            .prop_filter_map(
                "not a host the URL standard accepts, or an excluded origin",
                move |(of, trick, (w1, w2, tld, port, c))| {
                    let url = look_alike(&of, trick, (&w1, &w2, tld), port, c)?;
                    keep(url, trick, Some(&of))
                },
            );
        strategies.push((9, look_alike.boxed()));
    }
    proptest::strategy::Union::new_weighted(strategies)
}

/// A request script on a page could make to the app at `base` (a URL the paths resolve
/// against): a method its API might take (`GET`, `POST`, `PUT`, `PATCH`, `DELETE`), one of
/// `paths`, now and then JSON (`Content-Type: application/json` and a body) or an
/// `Authorization` header, and credentials mostly included. Use it with
/// `cors_sim::check::check(…).request(init)` (feature `tower`) or a browser of your own.
///
/// Panics when `base` is not an http(s) URL or `paths` is empty.
#[track_caller]
pub fn app_request(base: &str, paths: &[&str]) -> impl Strategy<Value = RequestInit> {
    let base = http_origin("the app's base URL", base);
    assert!(!paths.is_empty(), "app_request needs at least one path");
    let urls: Vec<String> = paths
        .iter()
        .map(|path| match base.join(path) {
            Ok(url) => url.into(),
            Err(error) => panic!("the path {path:?} does not resolve against {base}: {error}"),
        })
        .collect();
    let method = select(&["GET", "POST", "PUT", "PATCH", "DELETE"][..]);
    let credentials = prop_oneof![
        3 => Just(CredentialsMode::Include),
        1 => Just(CredentialsMode::Omit),
    ];
    (
        select(urls),
        method,
        any::<bool>(),
        proptest::bool::weighted(0.3),
        credentials,
    )
        .prop_map(|(url, method, json, bearer, credentials)| {
            let mut init = RequestInit::new(url)
                .method(method)
                .credentials(credentials);
            if json && method != "GET" {
                init = init.header("Content-Type", "application/json").body("{}");
            }
            if bearer {
                init = init.header("Authorization", "Bearer cors-sim-test-token");
            }
            init
        })
}
