//! Whole scenarios: each fetch followed URL by URL from the request and the server's answers alone.

use crate::cache::{CacheRequest, max_age};
use crate::error::{NetworkError, Reason};
use crate::fetch::{Browser, Exchange, Reply};
use crate::header::{Extracted, HeaderList};
use crate::method::is_cors_safelisted_method;
use crate::origin::Origin;
use crate::profile::{CachedMethods, Engine, Profile};
use crate::request::{CredentialsMode, Mode, OutgoingRequest, RedirectMode, Request, RequestInit};
use crate::response::{FilteredResponse, ResponseType};
use crate::safelist;
use crate::testing::{Scenario, Server, StepResult, document_at};
use crate::time::Time;
use http::header::{
    ACCEPT, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD,
    AUTHORIZATION, CONTENT_LENGTH, LOCATION, ORIGIN,
};
use http::{HeaderName, Method};
use std::collections::{HashMap, HashSet};
use std::time::Duration;
use url::Url;

use super::cache::ModelCache;
use super::response_headers::{expected_cors_check, expected_token_list};
use super::support::{shown, trim_tabs_and_spaces, unsafe_names};

/// Header names and values as script passes them.
type RawHeaders = Vec<(Vec<u8>, Vec<u8>)>;

/// The request as `fetch()` by `document` hands it to "main fetch": the `Request`
/// constructor's result, with `Accept: */*` when script set no `Accept` (Fetch "fetch" appends
/// it before the CORS steps, so it counts towards the 1024 bytes of safelisted values).
fn request_of(document: &crate::Document, init: &RequestInit) -> Option<(Request, RawHeaders)> {
    let request = Request::new(init.clone(), document.url()).ok()?;
    let mut headers: RawHeaders = request
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().as_bytes().to_vec(), v.as_bytes().to_vec()))
        .collect();
    if !request.headers().contains(&ACCEPT) {
        headers.push((b"accept".to_vec(), b"*/*".to_vec()));
    }
    Some((request, headers))
}

/// Fetch "request-body-header name".
const BODY_HEADER_NAMES: [&[u8]; 4] = [
    b"content-encoding",
    b"content-language",
    b"content-location",
    b"content-type",
];

/// Whether two URLs are of the same origin, by building both origins (not the library's fast
/// paths, which the checks test).
fn same_origin(a: &Url, b: &Url) -> bool {
    Origin::of_url(a).is_same_origin(&Origin::of_url(b))
}

/// Whether `url` is of `origin`, by building the URL's origin.
fn same_origin_as(origin: &Origin, url: &Url) -> bool {
    origin.is_same_origin(&Origin::of_url(url))
}

/// What a step's checks read: the browser's profile, the document making the fetch (its
/// origin, and the network partition key it gives requests), the server answering it, the
/// step's time and the fetch as script made it.
struct Context<'a> {
    profile: &'a Profile,
    origin: Origin,
    partition: String,
    server: &'a Server,
    at: Time,
    request: Request,
    /// Fetch "use-CORS-preflight flag", once the profile has read the upload listeners.
    flag: bool,
}

/// One URL of a fetch's URL list as the standard has the request there, computed from the
/// request script made and the answers that redirected it — not from what the library sent.
#[derive(Debug, Clone)]
struct Hop {
    /// The current URL (with its fragment, as the cache keys it).
    url: Url,
    method: Method,
    /// The header list, without the headers the browser adds on the wire ([`sent_headers`]).
    headers: RawHeaders,
    /// The CORS-unsafe request-header names the request is judged by here.
    unsafe_names: Vec<String>,
    /// Whether the method or the unsafe names of the request as script made it need a
    /// preflight (Firefox and WebKit keep that decision across redirects).
    first_trigger: bool,
    /// Response tainting `basic` (the other tainting follows from the mode).
    basic: bool,
    /// Redirect-taint other than same-origin: the request's origin serializes as `null`.
    tainted: bool,
    /// Whether a redirect went to another origin, which removes `Authorization`.
    origin_changed: bool,
}

/// The requests sent for one URL of the URL list: its preflight, its request (absent when the
/// preflight failed), in order.
#[derive(Debug, Clone, Copy)]
struct Sent<'a> {
    preflight: Option<&'a OutgoingRequest>,
    actual: Option<&'a OutgoingRequest>,
}

/// The requests of an exchange, by URL: a preflight always comes right before its request.
fn by_url(requests: &[OutgoingRequest]) -> Vec<Sent<'_>> {
    let mut sent = Vec::new();
    let mut preflight = None;
    for request in requests {
        if request.is_preflight() {
            assert!(preflight.is_none(), "two preflights in a row");
            preflight = Some(request);
        } else {
            sent.push(Sent {
                preflight: preflight.take(),
                actual: Some(request),
            });
        }
    }
    if preflight.is_some() {
        sent.push(Sent {
            preflight,
            actual: None,
        });
    }
    sent
}

impl Hop {
    fn first(cx: &Context<'_>, headers: RawHeaders) -> Self {
        let url = cx.request.url().clone();
        let method = cx.request.method().clone();
        let unsafe_names = unsafe_names(&cx.profile.request_headers, &headers);
        Self {
            first_trigger: !is_cors_safelisted_method(method.as_str().as_bytes())
                || !unsafe_names.is_empty(),
            basic: cx.request.mode() == Mode::Navigate || same_origin_as(&cx.origin, &url),
            tainted: false,
            origin_changed: false,
            url,
            method,
            headers,
            unsafe_names,
        }
    }

    /// Fetch "HTTP-redirect fetch" for an answer with `status` and `headers` (one that the
    /// library followed): the location, resolved against the current URL and keeping its
    /// fragment when it has none; `POST` on 301 and 302, and every method but `GET` and `HEAD`
    /// on 303, become `GET` without the request-body headers (and `DELETE` on a redirect to
    /// another origin, in a profile that does so); a redirect to another origin removes
    /// `Authorization` and, from a URL of another origin than the request's, taints it.
    fn next(&self, cx: &Context<'_>, status: u16, headers: &HeaderList) -> Self {
        let locations: Vec<&[u8]> = headers.values(&LOCATION).collect();
        let [location] = locations.as_slice() else {
            panic!("followed a redirect without one Location: {locations:?}");
        };
        let mut url = std::str::from_utf8(location)
            .ok()
            .and_then(|location| self.url.join(location).ok())
            .unwrap_or_else(|| panic!("followed an invalid Location {}", shown(location)));
        if url.fragment().is_none() {
            url.set_fragment(self.url.fragment());
        }
        let cross_origin = !same_origin(&self.url, &url);
        let post = self.method == Method::POST;
        let get_or_head = self.method == Method::GET || self.method == Method::HEAD;
        let becomes_get = (matches!(status, 301 | 302) && post)
            || (status == 303 && !get_or_head)
            || (cx.profile.redirect.cross_origin_delete_becomes_get
                && cross_origin
                && self.method == Method::DELETE);
        let mut next = self.clone();
        if becomes_get {
            next.method = Method::GET;
            next.headers.retain(|(name, _)| {
                !BODY_HEADER_NAMES.contains(&name.to_ascii_lowercase().as_slice())
            });
        }
        if cross_origin {
            next.headers
                .retain(|(name, _)| !name.eq_ignore_ascii_case(b"authorization"));
        }
        if !cx.profile.redirect.keeps_unsafe_names {
            next.unsafe_names = unsafe_names(&cx.profile.request_headers, &next.headers);
        }
        next.basic =
            self.basic && (cx.request.mode() == Mode::Navigate || same_origin_as(&cx.origin, &url));
        next.tainted |= cross_origin && !same_origin_as(&cx.origin, &self.url);
        next.origin_changed |= cross_origin;
        next.url = url;
        next
    }

    /// Response tainting `cors`.
    fn cors(&self, cx: &Context<'_>) -> bool {
        cx.request.mode() == Mode::Cors && !self.basic
    }

    /// Fetch "main fetch" step 12: whether the request takes the CORS-with-preflight branch
    /// here — the use-CORS-preflight flag, a method that is not CORS-safelisted, CORS-unsafe
    /// request-header names, or (in a profile that keeps it) the first URL's need.
    fn needs_preflight(&self, cx: &Context<'_>) -> bool {
        self.cors(cx)
            && (cx.flag
                || !is_cors_safelisted_method(self.method.as_str().as_bytes())
                || !self.unsafe_names.is_empty()
                || (cx.profile.redirect.keeps_preflight_trigger && self.first_trigger))
    }

    /// The request's serialized origin: `null` once redirect-tainted.
    fn serialized_origin(&self, cx: &Context<'_>) -> String {
        if self.tainted {
            "null".to_owned()
        } else {
            cx.origin.ascii_serialization()
        }
    }

    /// The origin a preflight carries and is cached under.
    fn preflight_origin(&self, cx: &Context<'_>) -> String {
        if cx.profile.preflight.origin_untainted {
            cx.origin.ascii_serialization()
        } else {
            self.serialized_origin(cx)
        }
    }

    /// The URL as the request line carries it.
    fn wire_url(&self, cx: &Context<'_>) -> Url {
        let mut url = self.url.clone();
        url.set_fragment(None);
        if !cx.profile.redirect.request_line_keeps_userinfo {
            let _ = url.set_username("");
            let _ = url.set_password(None);
        }
        url
    }

    fn has_authorization(&self) -> bool {
        self.headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case(b"authorization"))
    }
}

/// The part of the request the preflight cache keys entries by, at `hop`.
fn cache_key<'a>(cx: &'a Context<'_>, origin: &'a str, hop: &'a Hop) -> CacheRequest<'a> {
    CacheRequest {
        partition: &cx.partition,
        origin,
        url: hop.url.as_str(),
        include_credentials: cx.request.credentials() == CredentialsMode::Include,
    }
}

/// What a successful preflight answer allows, to be cached.
struct Allowed<'a> {
    methods: Vec<&'a [u8]>,
    names: Vec<&'a [u8]>,
}

/// Fetch "CORS-preflight fetch" steps 7.1-7.7, read off the standard with the profile's
/// documented departures: whether the answer (`status`, `headers`) to a preflight carrying
/// `origin` allows the request at `hop` — the CORS check with the request's credentials mode,
/// an ok status, method and header-name lists that parse, the method listed, safelisted or
/// covered by `*` (or, for a preflight made for the use-CORS-preflight flag where the profile
/// follows step 7.4, no list at all), `Authorization` listed (or covered by `*` where the
/// profile lets it), and every unsafe name listed or covered by `*`; `*` only without
/// credentials.
fn preflight_allows<'a>(
    cx: &Context<'_>,
    hop: &'a Hop,
    origin: &[u8],
    status: u16,
    headers: &'a HeaderList,
) -> Option<Allowed<'a>> {
    let credentials = cx.request.credentials();
    if !expected_cors_check(headers, origin, credentials) || !(200..=299).contains(&status) {
        return None;
    }
    let method = hop.method.as_str().as_bytes();
    let list = |name| match expected_token_list(&headers.values(name).collect::<Vec<_>>()) {
        Extracted::Failure => None,
        Extracted::Null => Some(None),
        Extracted::Values(values) => Some(Some(values)),
    };
    let methods = match list(&ACCESS_CONTROL_ALLOW_METHODS)? {
        None if cx.flag && cx.profile.preflight.flagged_preflight_allows_method => vec![method],
        methods => methods.unwrap_or_default(),
    };
    let names = list(&ACCESS_CONTROL_ALLOW_HEADERS)?.unwrap_or_default();
    let include = credentials == CredentialsMode::Include;
    let star = |items: &[&[u8]]| !include && items.contains(&&b"*"[..]);
    let listed: HashSet<Vec<u8>> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    let method_allowed =
        methods.contains(&method) || is_cors_safelisted_method(method) || star(&methods);
    let authorization_allowed = !hop.has_authorization()
        || listed.contains(&b"authorization"[..])
        || (star(&names) && cx.profile.preflight.wildcard_covers_authorization);
    let names_allowed = hop
        .unsafe_names
        .iter()
        .all(|name| listed.contains(name.as_bytes()) || star(&names));
    (method_allowed && authorization_allowed && names_allowed).then_some(Allowed { methods, names })
}

/// "CORS-preflight fetch" steps 7.8-7.13 under the profile's cache policy: what a successful
/// preflight at `hop` stores, with the lifetime its `Access-Control-Max-Age` gives (within the
/// cap): an entry per allowed method and header name, and in profiles that keep one result per
/// URL, entries for the methods every result allows. Nothing for a result the profile does not
/// cache (a `null` origin, a redirect-tainted request).
fn store_preflight(
    cx: &Context<'_>,
    hop: &Hop,
    origin: &str,
    answer: &HeaderList,
    allowed: &Allowed<'_>,
    model: &mut ModelCache,
) {
    let policy = &cx.profile.cache;
    let Some(asked) = max_age(answer, policy) else {
        return;
    };
    let tainted = hop.tainted && !cx.profile.preflight.origin_untainted;
    if (!policy.caches_null_origin && origin == "null")
        || (!policy.caches_redirect_tainted && tainted)
    {
        return;
    }
    let lifetime = policy.max_age_cap.map_or(asked, |cap| asked.min(cap));
    let key = cache_key(cx, origin, hop);
    for method in &allowed.methods {
        model.store(&key, true, method, lifetime, cx.at);
    }
    if let CachedMethods::AllowedByEveryResult {
        methods,
        kept_until_evicted,
    } = policy.cached_methods
    {
        let kept = if kept_until_evicted {
            Duration::MAX
        } else {
            lifetime
        };
        for method in methods {
            model.store(&key, true, method.as_bytes(), kept, cx.at);
        }
    }
    for name in &allowed.names {
        model.store(&key, false, name, lifetime, cx.at);
    }
}

/// Fetch "HTTP fetch" step 4.1 under the profile's cache policy: whether the cache model has
/// live entries that let the request at `hop` skip its preflight — one for the method (unless
/// the standard's rules let a safelisted method go without) and one for each unsafe name.
fn cache_covers(cx: &Context<'_>, hop: &Hop, model: &ModelCache) -> bool {
    let origin = hop.preflight_origin(cx);
    let key = cache_key(cx, &origin, hop);
    let method = hop.method.as_str().as_bytes();
    let needs_method = match cx.profile.cache.cached_methods {
        CachedMethods::Spec => !is_cors_safelisted_method(method) || cx.flag,
        CachedMethods::AllowedByEveryResult { .. } => true,
    };
    (!needs_method || model.matches(&key, true, method, cx.at))
        && hop
            .unsafe_names
            .iter()
            .all(|name| model.matches(&key, false, name.as_bytes(), cx.at))
}

/// The header list a request went on the wire with, less the forbidden request-headers the
/// browser adds itself (`Origin`, `Referer`, `Cookie`, `Sec-Fetch-*`), which script cannot set.
fn sent_headers(request: &OutgoingRequest) -> Vec<(&[u8], &[u8])> {
    request
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str().as_bytes(), value.as_bytes()))
        .filter(|(name, value)| !safelist::is_forbidden_request_header(name, value))
        .collect()
}

/// The documents of a scenario, and the network partition keys they give their requests:
/// consecutive steps of one origin run in one document, a step of another origin in a new one
/// (as [`Scenario::run_in`] runs them). A tuple origin's documents share the key of their
/// site; each opaque document has its own.
#[derive(Default)]
struct Documents<'a> {
    last: Option<(&'a Origin, crate::Document, String)>,
    count: usize,
}

impl<'a> Documents<'a> {
    /// The document a step of `origin` runs in, and its partition key.
    fn of(&mut self, origin: &'a Origin) -> (crate::Document, String) {
        match &self.last {
            Some((last, document, partition)) if *last == origin => {
                (document.clone(), partition.clone())
            }
            _ => {
                self.count += 1;
                let document = document_at(origin);
                let partition = match document.origin() {
                    Origin::Tuple(_) => document.origin().ascii_serialization(),
                    Origin::Opaque(_) => format!("opaque document {}", self.count),
                };
                self.last = Some((origin, document.clone(), partition.clone()));
                (document, partition)
            }
        }
    }
}

/// Runs `scenario` on a fresh browser of `profile`, then checks every step against the
/// standard, and runs it again with [`Scenario::run`] (traced), which must give exactly the same
/// exchanges. Each fetch is followed URL by URL through its redirects, from the request script
/// made and the server's answers alone:
///
/// - **preflight gating**: a request that is not simple (a method that is not CORS-safelisted,
///   CORS-unsafe header names, the use-CORS-preflight flag, or in Firefox and WebKit the first
///   URL's need) goes on the wire under CORS only right after a preflight for that URL whose
///   answer passed the CORS check with an ok status and allowed its method and every unsafe
///   name, or while the cache holds live entries, stored by earlier successful preflights for
///   this partition, origin, URL and credentials (as the profile matches them), that allow that
///   method and those names; a request that needs no preflight gets none;
/// - **no request after a failed preflight**, and a preflight whose answer allows the request is
///   always followed by it; the preflight carries the method and the unsafe names;
/// - **cache isolation**: entries stored for one document's partition or origin, or (where the
///   profile separates them) one credentials mode, never let another's request skip its
///   preflight (the steps' documents and credentials modes differ);
/// - **redirects**: each request goes to the location the previous answer gave, with the method
///   and headers the standard leaves it (303 and `POST` rewriting, body headers removed), never
///   with `Authorization` after a redirect to another origin, with `Origin: null` once a redirect
///   tainted it (a preflight keeps the document's origin in profiles that do so); at most 20
///   redirects, and only in redirect mode `follow`;
/// - **credentials**: a request includes credentials exactly for mode `include`, or `same-origin`
///   with basic tainting; a preflight never;
/// - the response's type is the tainting of its last URL (or an opaque redirect, only in mode
///   `manual`); a readable CORS response passed the CORS check on the answer it came from;
///   script reads no header the answer lacks, never `Set-Cookie`, and from a CORS response only
///   safelisted, exposed or profile-added names;
/// - every request can be handed over as an `http::Request` with all its headers, unless the
///   `http` types cannot carry its URL or a value; the cache stays within its bound; console
///   messages (in every engine's words) and fixes are printable text.
///
/// Returns what [`Scenario::run`] returns.
pub fn check_scenario(profile: &Profile, scenario: &Scenario) -> Vec<StepResult> {
    let mut browser = Browser::new(profile.clone());
    let results = scenario.run_in(&mut browser);
    if let Some(capacity) = profile.cache.capacity {
        assert!(browser.cache().len() <= capacity);
    }
    let mut model = ModelCache::new(profile.cache, false);
    let mut documents = Documents::default();
    for (step, result) in scenario.steps.iter().zip(&results) {
        let (document, partition) = documents.of(step.origin.as_ref().unwrap_or(&scenario.origin));
        // A step the model cannot run ends the scenario.
        let Ok(outcome) = result else {
            break;
        };
        let init = step.request.init().expect("a step that ran is modelled");
        match (outcome, request_of(&document, &init)) {
            (Err(_), None) => {}
            (Ok(exchange), Some((request, headers))) => {
                let bodiless = matches!(*request.method(), Method::GET | Method::HEAD);
                let cx = Context {
                    profile,
                    origin: document.origin().clone(),
                    partition,
                    server: step.server.as_ref().unwrap_or(&scenario.server),
                    at: step.at,
                    flag: step.request.use_cors_preflight
                        && !(profile.preflight.upload_needs_body && bodiless),
                    request,
                };
                check_fetch(&cx, headers, exchange, &mut model);
            }
            (outcome, _) => panic!("the Request constructor disagrees: {outcome:?}"),
        }
    }
    let again = scenario.run(profile.clone());
    assert_eq!(again.len(), results.len());
    for (first, second) in results.iter().zip(&again) {
        match (first, second) {
            (Ok(Ok(a)), Ok(Ok(b))) => {
                assert_eq!(
                    a.requests, b.requests,
                    "the same scenario sent other requests"
                );
                assert_eq!(a.result, b.result, "the same scenario ended otherwise");
            }
            (Ok(Err(a)), Ok(Err(b))) => assert_eq!(a, b),
            (Err(a), Err(b)) => assert_eq!(a, b),
            _ => panic!("the same scenario threw once: {first:?} / {second:?}"),
        }
    }
    results
}

/// The checks of one fetch (see [`check_scenario`]), updating the cache model with what its
/// successful preflights store.
fn check_fetch(cx: &Context<'_>, headers: RawHeaders, exchange: &Exchange, model: &mut ModelCache) {
    let sent = by_url(&exchange.requests);
    assert!(sent.len() <= 21, "{} redirects", sent.len() - 1);
    if sent.len() > 1 {
        assert_eq!(
            cx.request.redirect(),
            RedirectMode::Follow,
            "followed a redirect"
        );
    }
    let mut hop = Hop::first(cx, headers);
    let mut last_answer = None;
    for (i, requests) in sent.iter().enumerate() {
        if i > 0 {
            let Some(Reply::Response { status, headers }) = &last_answer else {
                panic!("a request after an answer that was no redirect");
            };
            hop = hop.next(cx, *status, headers);
        }
        check_requests_at(cx, &hop, *requests, &exchange.result, model);
        last_answer = requests.actual.map(|actual| cx.server.answer(actual));
    }
    if let Some(last) = sent.last() {
        assert!(
            last.actual.is_some() || exchange.result.is_err(),
            "a fetch whose preflight failed succeeded"
        );
    }
    match &exchange.result {
        Ok(response) => {
            let answer = sent.last().and_then(|last| last.actual).and_then(|last| {
                match cx.server.answer(last) {
                    Reply::Response { status, headers } => Some((last, status, headers)),
                    Reply::NoResponse => None,
                }
            });
            check_response_type(cx, &hop, response, answer.as_ref().map(|a| a.1));
            // Chromium adds a Content-Length to a 206 for a range.
            let added = (cx.profile.response.partial_content_gains_length
                && response.status() == 206)
                .then_some(CONTENT_LENGTH);
            let answer = answer.map(|(last, _, headers)| (last, headers));
            check_readable(&cx.request, response, answer, added);
        }
        Err(error) => check_blocked(error),
    }
}

/// The checks of the requests sent for one URL of the URL list.
fn check_requests_at(
    cx: &Context<'_>,
    hop: &Hop,
    sent: Sent<'_>,
    result: &Result<FilteredResponse, NetworkError>,
    model: &mut ModelCache,
) {
    let url = hop.wire_url(cx);
    let credentials = cx.request.credentials();
    for request in [sent.preflight, sent.actual].into_iter().flatten() {
        assert_eq!(
            request.url(),
            &url,
            "a request to another URL than the location"
        );
        check_to_http(request);
        assert!(
            !hop.origin_changed || !request.headers().contains(&AUTHORIZATION),
            "Authorization sent on after a redirect to another origin"
        );
    }
    if let Some(actual) = sent.actual {
        assert_eq!(actual.method(), hop.method);
        let expected: Vec<(&[u8], &[u8])> = hop
            .headers
            .iter()
            .map(|(name, value)| (name.as_slice(), value.as_slice()))
            .collect();
        assert!(
            sent_headers(actual) == expected,
            "the request's headers are not the standard's"
        );
        let origins: Vec<&[u8]> = actual.headers().values(&ORIGIN).collect();
        if hop.cors(cx) {
            assert_eq!(origins, [hop.serialized_origin(cx).as_bytes()], "Origin");
        } else {
            assert!(origins.len() <= 1);
            assert!(
                !hop.tainted || origins.iter().all(|o| *o == b"null"),
                "Origin after taint"
            );
        }
        let included = credentials == CredentialsMode::Include
            || (credentials == CredentialsMode::SameOrigin && hop.basic);
        assert_eq!(actual.credentials_included(), included, "credentials");
    }
    let needs_preflight = hop.needs_preflight(cx);
    let Some(preflight) = sent.preflight else {
        assert!(
            !needs_preflight || cache_covers(cx, hop, model),
            "a request that needs a preflight went on the wire at {:?} without one, and without \
             live cache entries allowing it",
            cx.at
        );
        return;
    };
    assert!(needs_preflight, "a preflight for a request that needs none");
    assert!(
        !preflight.credentials_included(),
        "a preflight with credentials"
    );
    // "CORS-preflight fetch" steps 1-2: `OPTIONS`, and of the headers script could set only
    // `Accept: */*` (the others it adds are forbidden request-headers).
    assert_eq!(
        preflight.method(),
        Method::OPTIONS,
        "the preflight's method"
    );
    assert!(
        sent_headers(preflight) == [(&b"accept"[..], &b"*/*"[..])],
        "the preflight carries headers of the request: {:?}",
        preflight.headers()
    );
    let origin = hop.preflight_origin(cx);
    let origins: Vec<&[u8]> = preflight.headers().values(&ORIGIN).collect();
    assert_eq!(origins, [origin.as_bytes()], "the preflight's Origin");
    assert_eq!(
        preflight
            .headers()
            .get(&ACCESS_CONTROL_REQUEST_METHOD)
            .as_deref(),
        Some(hop.method.as_str().as_bytes())
    );
    let names = (!hop.unsafe_names.is_empty()).then(|| hop.unsafe_names.join(","));
    assert_eq!(
        preflight
            .headers()
            .get(&ACCESS_CONTROL_REQUEST_HEADERS)
            .as_deref(),
        names.as_ref().map(String::as_bytes)
    );
    let allowed = match cx.server.answer(preflight) {
        Reply::Response { status, headers } => {
            let allowed = preflight_allows(cx, hop, origin.as_bytes(), status, &headers);
            if let Some(allowed) = &allowed {
                store_preflight(cx, hop, &origin, &headers, allowed, model);
            }
            allowed.is_some()
        }
        Reply::NoResponse => false,
    };
    // WebKit checks mixed content on a redirect only after the redirected URL's preflight.
    let blocked_after = cx.profile.context.mixed_content_after_redirect_preflight
        && matches!(result, Err(error) if error.reason == Reason::MixedContent);
    assert!(
        sent.actual.is_some() == allowed || (allowed && blocked_after),
        "a request after a failed preflight, or none after a successful one"
    );
}

/// A request's `http::Request` holds every header, in order within each name; it is refused
/// only when the `http` types cannot carry the URL or a value (or more headers than an
/// `http::HeaderMap` holds).
fn check_to_http(request: &OutgoingRequest) {
    let representable = request.url().as_str().parse::<http::Uri>().is_ok()
        && request
            .headers()
            .iter()
            .all(|(_, value)| http::HeaderValue::from_bytes(value.as_bytes()).is_ok());
    match request.to_http::<()>() {
        Ok(http) => {
            let mut expected: HashMap<&HeaderName, Vec<&[u8]>> = HashMap::new();
            for (name, value) in request.headers().iter() {
                expected.entry(name).or_default().push(value.as_bytes());
            }
            assert_eq!(http.headers().keys_len(), expected.len());
            for (name, values) in expected {
                let got: Vec<&[u8]> = http
                    .headers()
                    .get_all(name)
                    .iter()
                    .map(|v| v.as_bytes())
                    .collect();
                assert_eq!(got, values, "{name}");
            }
        }
        Err(_) => assert!(
            !representable || request.headers().len() > TO_HTTP_HEADER_LIMIT,
            "to_http refused a request http can carry"
        ),
    }
}

/// The number of headers up to which `to_http` must take a request (an `http::HeaderMap` holds
/// 24,576 at most; the library may stop earlier).
const TO_HTTP_HEADER_LIMIT: usize = 16_384;

/// The response's type is its last URL's tainting: basic, CORS (mode `cors`) or opaque (mode
/// `no-cors`); an opaque redirect answers a redirect in redirect mode `manual`. Fetch: an
/// opaque filtered response (and an opaque-redirect one) has status 0 and an empty header list,
/// and an opaque one an empty URL list; a basic or CORS one has its answer's status.
fn check_response_type(
    cx: &Context<'_>,
    hop: &Hop,
    response: &FilteredResponse,
    status: Option<u16>,
) {
    let expected = if response.response_type() == ResponseType::OpaqueRedirect {
        assert_eq!(cx.request.redirect(), RedirectMode::Manual);
        assert!(status.is_some_and(|s| matches!(s, 301 | 302 | 303 | 307 | 308)));
        ResponseType::OpaqueRedirect
    } else if hop.basic || status.is_none() {
        // No answer: a `data:` URL, fetched with basic tainting.
        ResponseType::Basic
    } else if cx.request.mode() == Mode::Cors {
        ResponseType::Cors
    } else {
        ResponseType::Opaque
    };
    assert_eq!(response.response_type(), expected);
    match expected {
        ResponseType::Opaque | ResponseType::OpaqueRedirect => {
            assert_eq!(response.status(), 0, "an opaque response's status");
            assert!(
                response.headers().is_empty(),
                "an opaque response's headers"
            );
            assert!(
                expected == ResponseType::OpaqueRedirect
                    || (response.url().is_none() && !response.redirected()),
                "an opaque response's URL list"
            );
        }
        _ => {
            if let Some(status) = status {
                assert_eq!(response.status(), status, "the response's status");
            }
        }
    }
}

fn check_readable(
    request: &Request,
    response: &FilteredResponse,
    answer: Option<(&OutgoingRequest, HeaderList)>,
    added: Option<HeaderName>,
) {
    for (name, _) in response.headers().iter() {
        assert!(!safelist::is_forbidden_response_header_name(
            name.as_str().as_bytes()
        ));
    }
    if response.response_type() == ResponseType::Cors {
        let (last, headers) = answer.as_ref().expect("a CORS response had an answer");
        let sent_origin = last
            .headers()
            .get(&ORIGIN)
            .expect("a CORS request carries Origin");
        assert!(
            expected_cors_check(headers, &sent_origin, request.credentials()),
            "a CORS response that fails the CORS check was readable"
        );
        let exposed: HashSet<String> = headers
            .get(&ACCESS_CONTROL_EXPOSE_HEADERS)
            .map(|v| {
                v.split(|&b| b == b',')
                    .map(|n| String::from_utf8_lossy(trim_tabs_and_spaces(n)).to_ascii_lowercase())
                    .collect()
            })
            .unwrap_or_default();
        let all = request.credentials() != CredentialsMode::Include && exposed.contains("*");
        for name in response.exposed_header_names() {
            assert!(
                all || exposed.contains(&name)
                    || safelist::is_cors_safelisted_response_header_name(name.as_bytes(), &[]),
                "{name} was exposed"
            );
        }
    }
    if let Some((_, headers)) = &answer {
        let answered: HashSet<(&HeaderName, &[u8])> = headers
            .iter()
            .map(|(name, value)| (name, value.as_bytes()))
            .collect();
        for (name, value) in response.headers().iter() {
            assert!(
                answered.contains(&(name, value.as_bytes())) || added.as_ref() == Some(name),
                "{name}"
            );
        }
    }
}

/// A blocked fetch's console messages (in every engine's words) and fix are printable text.
fn check_blocked(error: &NetworkError) {
    let printable = |text: &str, newlines: bool| {
        !text.is_empty()
            && text
                .chars()
                .all(|c| !c.is_control() || (newlines && c == '\n'))
    };
    for engine in [
        Engine::Spec,
        Engine::Chromium,
        Engine::Firefox,
        Engine::WebKit,
    ] {
        let message = error.console_message_in(engine);
        assert!(
            printable(&message, engine == Engine::WebKit),
            "{engine:?}: {message:?}"
        );
    }
    let fix = error.fix();
    assert!(printable(&fix, false), "{fix:?}");
}

#[cfg(test)]
mod tests {
    //! The scenario invariants can fail: each catches a doctored exchange, one that the library
    //! would be wrong to give.
    use super::*;
    use crate::Document;
    use crate::header::HeaderValue;
    use crate::profile::CachePolicy;
    use crate::testing::Route;
    use std::panic::{AssertUnwindSafe, catch_unwind};

    /// Headers as static text.
    type Headers = &'static [(&'static str, &'static str)];

    /// A server of routes (method, URL, status, headers).
    fn server(routes: &[(Option<Method>, &str, u16, Headers)]) -> Server {
        Server::new(
            routes
                .iter()
                .map(|&(ref method, url, status, headers)| {
                    let headers = headers
                        .iter()
                        .map(|&(n, v)| (HeaderName::from_static(n), v.into()))
                        .collect();
                    Route::new(method.clone(), Url::parse(url).unwrap(), status, headers)
                })
                .collect(),
        )
    }

    /// A server allowing `PUT` (and the method asked for) from any origin, with credentials, for
    /// 100 s.
    fn allowing_put() -> Server {
        let allow: Headers = &[
            ("access-control-allow-origin", "{{origin}}"),
            ("access-control-allow-credentials", "true"),
            ("access-control-allow-methods", "PUT, {{request-method}}"),
            ("access-control-allow-headers", "authorization"),
            ("access-control-max-age", "100"),
        ];
        server(&[(None, "http://api.example/data", 200, allow)])
    }

    /// A server redirecting `http://api.example/r` to another origin, which answers.
    fn redirecting() -> Server {
        let allow: Headers = &[
            ("access-control-allow-origin", "*"),
            ("access-control-allow-headers", "authorization"),
        ];
        let away: Headers = &[
            ("access-control-allow-origin", "*"),
            ("location", "http://other.example/x"),
        ];
        server(&[
            (Some(Method::OPTIONS), "http://api.example/r", 204, allow),
            (None, "http://api.example/r", 307, away),
            (None, "http://other.example/x", 200, allow),
        ])
    }

    /// Fetches `init` from `page` against `server` at `at` (spec profile), lets `doctor` change
    /// the exchange, and checks the fetch with `model`: the panic message, if it fails.
    fn check(
        page: &str,
        server: &Server,
        init: RequestInit,
        at: u64,
        model: &mut ModelCache,
        doctor: impl FnOnce(&mut Exchange),
    ) -> Result<(), String> {
        check_in(Profile::spec(), page, server, init, at, model, doctor)
    }

    /// [`check`] in a browser of `profile`.
    fn check_in(
        profile: Profile,
        page: &str,
        server: &Server,
        init: RequestInit,
        at: u64,
        model: &mut ModelCache,
        doctor: impl FnOnce(&mut Exchange),
    ) -> Result<(), String> {
        let document: Document = page.parse().unwrap();
        let mut browser = Browser::new(profile.clone());
        let at = Time::from_secs(at);
        let mut exchange = server
            .fetch(&mut browser, &document, init.clone(), at)
            .unwrap();
        doctor(&mut exchange);
        let (request, headers) = request_of(&document, &init).unwrap();
        let cx = Context {
            profile: &profile,
            origin: document.origin().clone(),
            // As `Documents` keys them: a tuple origin by its serialization, an opaque document
            // by its own key.
            partition: match document.origin() {
                Origin::Tuple(_) => document.origin().ascii_serialization(),
                Origin::Opaque(_) => "opaque document 1".to_owned(),
            },
            server,
            at,
            request,
            flag: false,
        };
        catch_unwind(AssertUnwindSafe(|| {
            check_fetch(&cx, headers, &exchange, model)
        }))
        .map_err(|panic| {
            panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default()
        })
    }

    fn model() -> ModelCache {
        ModelCache::new(CachePolicy::SPEC, false)
    }

    fn put() -> RequestInit {
        RequestInit::new("http://api.example/data").method("PUT")
    }

    const PAGE: &str = "http://page.example/";

    #[test]
    fn a_preflight_is_an_options_request_without_the_requests_headers() {
        let server = allowing_put();
        let init = || put().header("Authorization", "secret");
        assert_eq!(
            check(PAGE, &server, init(), 0, &mut model(), |_| {}),
            Ok(())
        );
        let leaked = check(PAGE, &server, init(), 0, &mut model(), |e| {
            assert!(e.requests[0].is_preflight());
            e.requests[0]
                .headers
                .append(AUTHORIZATION, HeaderValue::from_static("secret"));
        });
        assert!(
            leaked
                .unwrap_err()
                .contains("carries headers of the request")
        );
        let get = check(PAGE, &server, init(), 0, &mut model(), |e| {
            e.requests[0].method = Method::GET;
        });
        assert!(get.unwrap_err().contains("the preflight's method"));
    }

    #[test]
    fn script_sees_nothing_of_an_opaque_response_and_the_status_of_others() {
        let server = allowing_put();
        let no_cors = || RequestInit::new("http://api.example/data").mode(Mode::NoCors);
        assert_eq!(
            check(PAGE, &server, no_cors(), 0, &mut model(), |_| {}),
            Ok(())
        );
        let status = check(PAGE, &server, no_cors(), 0, &mut model(), |e| {
            e.result.as_mut().unwrap().status = 200;
        });
        assert!(status.unwrap_err().contains("an opaque response's status"));
        let headers = check(PAGE, &server, no_cors(), 0, &mut model(), |e| {
            let response = e.result.as_mut().unwrap();
            let secret = HeaderValue::from_static("s3cret");
            response
                .headers
                .append(HeaderName::from_static("x-secret"), secret);
        });
        assert!(
            headers
                .unwrap_err()
                .contains("an opaque response's headers")
        );
        let url = check(PAGE, &server, no_cors(), 0, &mut model(), |e| {
            e.result.as_mut().unwrap().url =
                Some(Url::parse("http://api.example/data").unwrap().into());
        });
        assert!(url.unwrap_err().contains("an opaque response's URL list"));
        let cors = RequestInit::new("http://api.example/data");
        let other = check(PAGE, &server, cors, 0, &mut model(), |e| {
            e.result.as_mut().unwrap().status = 201;
        });
        assert!(other.unwrap_err().contains("the response's status"));
    }

    #[test]
    fn a_request_that_needs_a_preflight_skips_it_only_on_live_entries() {
        let server = allowing_put();
        assert_eq!(check(PAGE, &server, put(), 0, &mut model(), |_| {}), Ok(()));
        let skipped = check(PAGE, &server, put(), 0, &mut model(), |e| {
            e.requests.remove(0);
        });
        assert!(skipped.unwrap_err().contains("without one"));
        // Entries the first preflight stored serve for 100 s, and not after.
        let mut cache = model();
        check(PAGE, &server, put(), 0, &mut cache, |_| {}).unwrap();
        let live = check(PAGE, &server, put(), 99, &mut cache, |e| {
            e.requests.retain(|r| !r.is_preflight());
        });
        assert_eq!(live, Ok(()));
        let expired = check(PAGE, &server, put(), 100, &mut cache, |e| {
            e.requests.retain(|r| !r.is_preflight());
        });
        assert!(expired.unwrap_err().contains("without one"));
        // Nor for another method, which a later preflight allowed.
        let delete = put().method("DELETE");
        let other = check(PAGE, &server, delete, 1, &mut cache, |e| {
            e.requests.retain(|r| !r.is_preflight());
        });
        assert!(other.unwrap_err().contains("without one"));
    }

    #[test]
    fn entries_serve_no_other_origin_or_credentials_mode() {
        let server = allowing_put();
        let mut cache = model();
        check(PAGE, &server, put(), 0, &mut cache, |_| {}).unwrap();
        let unpreflighted = |e: &mut Exchange| e.requests.retain(|r| !r.is_preflight());
        let other = check(
            "http://other.example/",
            &server,
            put(),
            1,
            &mut cache,
            unpreflighted,
        );
        assert!(other.unwrap_err().contains("without one"));
        let include = put().credentials(CredentialsMode::Include);
        let credentialed = check(PAGE, &server, include, 1, &mut cache, unpreflighted);
        assert!(credentialed.unwrap_err().contains("without one"));
    }

    #[test]
    fn nothing_is_sent_after_a_failed_preflight() {
        let allowed = check(PAGE, &allowing_put(), put(), 0, &mut model(), |_| {});
        assert_eq!(allowed, Ok(()));
        let mut browser = Browser::new(Profile::spec());
        let page: Document = PAGE.parse().unwrap();
        let actual = allowing_put()
            .fetch(&mut browser, &page, put(), Time::ZERO)
            .unwrap()
            .requests
            .remove(1);
        let refusing = server(&[(None, "http://api.example/data", 200, &[])]);
        let sent = check(PAGE, &refusing, put(), 0, &mut model(), |e| {
            e.requests.push(actual)
        });
        assert!(sent.unwrap_err().contains("after a failed preflight"));
    }

    #[test]
    fn redirects_drop_authorization_and_taint_the_origin() {
        let init = RequestInit::new("http://api.example/r").header("Authorization", "secret");
        let server = redirecting();
        let run =
            |doctor: fn(&mut Exchange)| check(PAGE, &server, init.clone(), 0, &mut model(), doctor);
        assert_eq!(run(|_| {}), Ok(()));
        let kept = run(|e| {
            let last = e.requests.last_mut().unwrap();
            last.headers
                .append(AUTHORIZATION, HeaderValue::from_static("secret"));
        });
        assert!(kept.unwrap_err().contains("Authorization"));
        let untainted = run(|e| {
            let last = e.requests.last_mut().unwrap();
            last.headers
                .set(ORIGIN, HeaderValue::from_static("http://page.example"));
        });
        assert!(untainted.unwrap_err().contains("Origin"));
        let too_many = run(|e| {
            let last = e.requests.last().unwrap().clone();
            e.requests.extend(std::iter::repeat_n(last, 21));
        });
        assert!(too_many.unwrap_err().contains("redirects"));
    }

    /// The checks follow the profile: each departure is what the engine does, and the
    /// standard's behaviour is then a failure.
    #[test]
    fn the_checks_follow_the_profiles_departures() {
        // `Access-Control-Allow-Headers: *` covers Authorization in Chromium, not in the standard.
        let star: Headers = &[
            ("access-control-allow-origin", "*"),
            ("access-control-allow-headers", "*"),
        ];
        let server = server(&[(None, "http://api.example/data", 200, star)]);
        let init = || RequestInit::new("http://api.example/data").header("Authorization", "t");
        let run = |profile: Profile, doctor: fn(&mut Exchange)| {
            check_in(profile, PAGE, &server, init(), 0, &mut model(), doctor)
        };
        assert_eq!(run(Profile::spec(), |_| {}), Ok(()));
        assert_eq!(run(Profile::chromium(), |_| {}), Ok(()));
        let held_back = run(Profile::chromium(), |e| e.requests.truncate(1));
        assert!(held_back.is_err());
        // Firefox keeps the document's origin on a tainted redirect's preflight, where the
        // standard sends `null`.
        let redirected = || RequestInit::new("http://api.example/r").header("Authorization", "t");
        let server = redirecting();
        let run = |profile: Profile, doctor: fn(&mut Exchange)| {
            check_in(
                profile,
                PAGE,
                &server,
                redirected(),
                0,
                &mut model(),
                doctor,
            )
        };
        assert_eq!(run(Profile::spec(), |_| {}), Ok(()));
        assert_eq!(run(Profile::firefox(), |_| {}), Ok(()));
        let nulled = run(Profile::firefox(), |e| {
            let preflight = e
                .requests
                .iter_mut()
                .rev()
                .find(|r| r.is_preflight)
                .unwrap();
            preflight
                .headers
                .set(ORIGIN, HeaderValue::from_static("null"));
        });
        assert!(nulled.unwrap_err().contains("the preflight's Origin"));
    }

    #[test]
    fn credentials_follow_the_mode() {
        let server = redirecting();
        let omit = RequestInit::new("http://other.example/x").credentials(CredentialsMode::Omit);
        let run =
            |doctor: fn(&mut Exchange)| check(PAGE, &server, omit.clone(), 0, &mut model(), doctor);
        assert_eq!(run(|_| {}), Ok(()));
        let included = run(|e| e.requests[0].credentials_included = true);
        assert!(included.unwrap_err().contains("credentials"));
    }
}
