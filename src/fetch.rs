//! The driver: a sans-IO model of a browser fetching, Fetch §4 "Fetching" — "main fetch",
//! "HTTP fetch", "HTTP-network-or-cache fetch" as far as CORS goes.
//!
//! A [`Browser`] keeps the CORS-preflight cache across fetches. [`Browser::fetch`] starts one
//! and returns [`Next`]: either a request to put on the wire ([`Next::Send`]) or the outcome
//! ([`Next::Done`]). Each [`AwaitingResponse`] is consumed by handing back the response the
//! request got (or the news that it got none), so a step cannot be skipped or repeated:
//!
//! ```text
//! Browser::fetch ──► Next::Send(AwaitingResponse) ──respond()──► Next::Send(…)   (preflight,
//!        │                                         or fail()       │               redirects)
//!        └──────────────────────────────► Next::Done(Result<Response, NetworkError>)
//! ```

use crate::cache::{CacheRequest, PreflightCache};
use crate::cors_check::cors_check;
use crate::error::{CorsError, NetworkError};
use crate::header::{HeaderList, HeaderValue, NotRepresentable};
use crate::method::is_cors_safelisted_method;
use crate::origin::Origin;
use crate::preflight::{self, ActualRequest, is_redirect_status};
use crate::profile::{CachedMethods, FailureClearing, Profile, RepeatedHeaders};
use crate::redirect;
use crate::request::{
    CredentialsMode, Initiator, Mode, RedirectMode, Request, RequestError, RequestInit,
};
use crate::response::{self, Response, ResponseType, Tainting};
use crate::safelist;
use crate::time::Time;
use http::Method;
use http::header::{ACCEPT, CONTENT_LENGTH, CONTENT_RANGE, ORIGIN, RANGE, REFERER};
use std::borrow::Cow;
use std::collections::HashSet;
use std::time::Duration;
use url::Url;

/// A browser: a profile and the CORS-preflight cache its fetches share.
#[derive(Debug)]
pub struct Browser {
    profile: Profile,
    cache: PreflightCache,
    /// The last document seen, so that a page's fetches parse and serialize it once.
    document: Option<Document>,
}

impl Browser {
    /// A browser with an empty cache.
    pub fn new(profile: Profile) -> Self {
        let cache = PreflightCache::new(profile.cache_capacity, profile.cache_rules);
        Self {
            profile,
            cache,
            document: None,
        }
    }

    /// The profile it models.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// Its CORS-preflight cache.
    pub fn cache(&self) -> &PreflightCache {
        &self.cache
    }

    /// Its CORS-preflight cache, e.g. to clear it as "Clear browsing data" does.
    pub fn cache_mut(&mut self) -> &mut PreflightCache {
        &mut self.cache
    }

    /// Fetch: `fetch(init)` called by a document whose origin is `origin`, at time `now`.
    ///
    /// The document is taken to be at its origin's root (`origin` + `/`), which is what a
    /// relative URL resolves against and what `Referer` carries; the network partition key is
    /// the document's origin. An `Err` is the `TypeError` the `Request` constructor throws.
    pub fn fetch(
        &mut self,
        origin: &Origin,
        init: RequestInit,
        now: Time,
    ) -> Result<Next<'_>, RequestError> {
        let document = match self.document.take() {
            Some(document) if document.origin == *origin => document,
            _ => Document::at_root_of(origin),
        };
        let request = Request::new(init, document.referrer.as_ref().map(|r| &r.url));
        self.document = Some(document.clone());
        Ok(self.start_with(document, request?, now))
    }

    /// Runs a whole fetch against `server`, a function from each request sent to the response it
    /// gets, all at time `now`: the convenient form for tests of a server's CORS configuration.
    pub fn fetch_with<B>(
        &mut self,
        origin: &Origin,
        init: RequestInit,
        now: Time,
        mut server: impl FnMut(&OutgoingRequest) -> http::Response<B>,
    ) -> Result<Exchange, RequestError> {
        let mut requests = Vec::new();
        let mut next = self.fetch(origin, init, now)?;
        loop {
            match next {
                Next::Send(pending) => {
                    let response = server(pending.request());
                    requests.push(pending.request().clone());
                    next = pending.respond(response, now);
                }
                Next::Done(result) => return Ok(Exchange { requests, result }),
            }
        }
    }

    /// Starts a fetch of an already checked request (engines use this for navigations and other
    /// requests script does not make; `document_url` is the referrer, if any).
    pub fn start(
        &mut self,
        origin: &Origin,
        document_url: Option<Url>,
        request: Request,
        now: Time,
    ) -> Next<'_> {
        let document = Document {
            referrer: document_url.map(Referrer::new),
            ..Document::at_root_of(origin)
        };
        self.start_with(document, request, now)
    }

    fn start_with(&mut self, document: Document, request: Request, now: Time) -> Next<'_> {
        let mut headers = request.headers;
        // Fetch "fetch": a request without `Accept` gets `Accept: */*` (destination "").
        if !headers.contains(&ACCEPT) {
            headers.append(ACCEPT, constant(b"*/*"));
        }
        // A GET or HEAD has no body, which some engines need before upload listeners count.
        let use_cors_preflight = request.use_cors_preflight
            && !(self.profile.upload_preflight_needs_body
                && (request.method == Method::GET || request.method == Method::HEAD));
        let fetch = FetchRequest {
            url_list: vec![request.url],
            method: request.method,
            headers,
            mode: request.mode,
            credentials: request.credentials,
            redirect: request.redirect,
            use_cors_preflight,
            initiator: request.initiator,
            origin: document.origin,
            origin_header: document.origin_header,
            unsafe_names: Vec::new(),
            initial_preflight_trigger: false,
            referrer: document.referrer,
            tainting: None,
            redirect_count: 0,
            preflight_branch: false,
        };
        Fetching {
            browser: self,
            request: fetch,
        }
        .main_fetch(now)
    }
}

/// A whole fetch: every request sent, in order, and what script saw.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// The requests that reached the server (preflights included).
    pub requests: Vec<OutgoingRequest>,
    /// The response script can read, or why the fetch failed.
    pub result: Result<Response, NetworkError>,
}

impl Exchange {
    /// Whether a CORS-preflight request was sent.
    pub fn preflighted(&self) -> bool {
        self.requests.iter().any(OutgoingRequest::is_preflight)
    }
}

/// What the fetch needs next.
#[must_use = "a fetch goes on only when its next request is answered"]
#[derive(Debug)]
pub enum Next<'b> {
    /// Put this request on the wire and hand back what came back.
    Send(AwaitingResponse<'b>),
    /// The fetch is over: what script sees.
    Done(Result<Response, NetworkError>),
}

/// A request on the wire, waiting for its response.
#[derive(Debug)]
#[must_use = "a fetch goes on only when its request is answered"]
pub struct AwaitingResponse<'b> {
    fetching: Fetching<'b>,
    outgoing: OutgoingRequest,
}

impl<'b> AwaitingResponse<'b> {
    /// The request to send.
    pub fn request(&self) -> &OutgoingRequest {
        &self.outgoing
    }

    /// Hands back the response the request got (its body is not read), at time `now`.
    pub fn respond<B>(self, response: http::Response<B>, now: Time) -> Next<'b> {
        let status = response.status().as_u16();
        let headers = HeaderList::from_http(response.headers());
        self.respond_with(status, headers, now)
    }

    /// As [`AwaitingResponse::respond`], with the status and the header list in Fetch's terms
    /// (for header values `http` cannot carry).
    pub fn respond_with(self, status: u16, headers: HeaderList, now: Time) -> Next<'b> {
        let Self { fetching, outgoing } = self;
        if outgoing.is_preflight {
            fetching.preflight_response(status, &headers, now)
        } else {
            fetching.response(status, headers, now)
        }
    }

    /// Reports that the request got no response (DNS failure, connection refused or reset).
    pub fn fail(self, now: Time) -> Next<'b> {
        let _ = now;
        self.fetching.network_error(CorsError::ConnectionFailed)
    }
}

/// A request as it goes on the wire: Fetch's "httpRequest" of "HTTP-network-or-cache fetch".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingRequest {
    method: Method,
    url: Url,
    headers: HeaderList,
    is_preflight: bool,
    credentials_included: bool,
}

impl OutgoingRequest {
    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The URL.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The headers, exactly as sent (values may hold bytes `http` cannot carry).
    pub fn headers(&self) -> &HeaderList {
        &self.headers
    }

    /// Whether this is a CORS-preflight request.
    pub fn is_preflight(&self) -> bool {
        self.is_preflight
    }

    /// Fetch: "includeCredentials" — whether the browser would attach cookies and HTTP
    /// authentication it holds (this model holds none, so no such header is added).
    pub fn credentials_included(&self) -> bool {
        self.credentials_included
    }

    /// The request as an `http::Request` with an empty body, unless its URL or a header value
    /// holds bytes the `http` types cannot carry (which a browser sends all the same).
    pub fn to_http(&self) -> Result<http::Request<()>, NotRepresentable> {
        let mut request = http::Request::new(());
        *request.method_mut() = self.method.clone();
        *request.uri_mut() = self
            .url
            .as_str()
            .parse()
            .map_err(|_| NotRepresentable::Url)?;
        *request.headers_mut() = self.headers.to_http()?;
        Ok(request)
    }
}

/// Fetch: a "request" while it is being fetched.
#[derive(Debug)]
pub(crate) struct FetchRequest {
    pub url_list: Vec<Url>,
    pub method: Method,
    pub headers: HeaderList,
    pub mode: Mode,
    pub credentials: CredentialsMode,
    pub redirect: RedirectMode,
    pub use_cors_preflight: bool,
    pub initiator: Initiator,
    /// Fetch: request "origin" (the document's).
    pub origin: Origin,
    /// The origin's ASCII serialization as a header value, made once.
    pub origin_header: HeaderValue,
    /// Fetch: "CORS-unsafe request-header names" of the header list, as of the last main fetch
    /// (or of the first, in profiles that keep them across redirects).
    pub unsafe_names: Vec<String>,
    /// Whether the request as script made it needed a preflight: a method that is not
    /// CORS-safelisted or a CORS-unsafe request-header name.
    pub initial_preflight_trigger: bool,
    /// The document, or `None` when no referrer can be sent (an opaque origin).
    pub referrer: Option<Referrer>,
    /// Fetch: "response tainting" (`None` until main fetch sets it).
    pub tainting: Option<Tainting>,
    pub redirect_count: u8,
    /// Whether some main fetch of this request took the CORS-with-preflight branch, so that a
    /// network error must "clear cache entries".
    pub preflight_branch: bool,
}

impl FetchRequest {
    /// Fetch: request "current URL".
    pub fn current_url(&self) -> &Url {
        self.url_list.last().expect("the URL list is never empty")
    }

    /// The current URL as the request line carries it: no fragment, and no username or password
    /// unless `keep_userinfo`.
    fn url_on_the_wire(&self, keep_userinfo: bool) -> Url {
        let mut url = self.current_url().clone();
        if url.fragment().is_some() {
            url.set_fragment(None);
        }
        if !keep_userinfo && (!url.username().is_empty() || url.password().is_some()) {
            // Infallible for the HTTP(S) URLs that reach the wire.
            let _ = url.set_username("");
            let _ = url.set_password(None);
        }
        url
    }

    /// Fetch: request "redirect-taint" is `same-origin`: no hop went from a URL that is not
    /// same origin with the request's origin to a URL of another origin still. (Telling
    /// `same-site` from `cross-site` needs the Public Suffix List; no CORS step does.)
    fn redirect_taint_is_same_origin(&self) -> bool {
        self.url_list.windows(2).all(|hop| {
            let last = Origin::of_url(&hop[0]);
            last.is_same_origin(&Origin::of_url(&hop[1])) || self.origin.is_same_origin(&last)
        })
    }

    /// Referrer Policy: "determine request's referrer" under the default policy
    /// `strict-origin-when-cross-origin`, as "main fetch" runs it for each URL: no referrer from
    /// a potentially trustworthy document to a cross-origin URL that is not, and once there is
    /// none the request keeps none (its referrer has become `no-referrer`). The document sits at
    /// its origin's root, so its URL and its origin-only form are the same string. With
    /// `loopback_trustworthy` false, only https and wss URLs count as trustworthy here, as in
    /// the engines.
    fn determine_referrer(&mut self, loopback_trustworthy: bool) {
        let Some(referrer) = &self.referrer else {
            return;
        };
        let trustworthy = |url: &Url| {
            if loopback_trustworthy {
                is_potentially_trustworthy(url)
            } else {
                matches!(url.scheme(), "https" | "wss")
            }
        };
        let current = self.current_url();
        // The referrer is the document's URL, so its origin is the request's.
        if !self.origin.is_same_origin_with_url(current)
            && trustworthy(&referrer.url)
            && !trustworthy(current)
        {
            self.referrer = None;
        }
    }

    /// Fetch: "CORS-unsafe request-header names" of the header list, with the profile's total
    /// limit on safelisted values, its reading of repeated header names and of the `Range` unit.
    fn compute_unsafe_names(&self, profile: &Profile) -> Vec<String> {
        let limit = profile.safelist_value_size_limit;
        let headers = &self.headers;
        let dedupe = profile.repeated_headers != RepeatedHeaders::Listed;
        let combine = profile.repeated_headers == RepeatedHeaders::Combined && {
            let mut names: Vec<&str> = headers.iter().map(|(n, _)| n.as_str()).collect();
            names.sort_unstable();
            names.windows(2).any(|pair| pair[0] == pair[1])
        };
        let fold_range = profile.range_unit_case_insensitive && headers.contains(&RANGE);
        if !combine && !fold_range {
            let entries = headers
                .iter()
                .map(|(n, v)| (n.as_str().as_bytes(), v.as_bytes()));
            return safelist::unsafe_names(entries, limit, dedupe);
        }
        // The headers as the engine judges them: one per name, values joined as "get" joins
        // them, and/or the `Range` unit lowercased.
        let mut judged: Vec<(&[u8], Cow<'_, [u8]>)> = Vec::new();
        let mut seen = HashSet::new();
        for (name, value) in headers.iter() {
            let mut value = Cow::Borrowed(value.as_bytes());
            if combine {
                if !seen.insert(name) {
                    continue;
                }
                value = headers.get(name).unwrap_or_default();
            }
            if fold_range && *name == RANGE && value.len() >= 5 {
                value.to_mut()[..5].make_ascii_lowercase();
            }
            judged.push((name.as_str().as_bytes(), value));
        }
        safelist::unsafe_names(judged.iter().map(|(n, v)| (*n, &v[..])), limit, dedupe)
    }

    /// The request as the CORS-preflight fetch reads it.
    fn actual(&self, untainted: bool) -> ActualRequest<'_> {
        ActualRequest {
            method: self.method.as_str().as_bytes(),
            headers: &self.headers,
            unsafe_names: &self.unsafe_names,
            credentials: self.credentials,
            use_cors_preflight: self.use_cors_preflight,
            serialized_origin: self.preflight_origin(untainted),
        }
    }

    /// The request as a CORS-preflight cache lookup sees it.
    fn cache_request<'a>(&'a self, serialized_origin: &'a str) -> CacheRequest<'a> {
        CacheRequest {
            // Fetch: "determining the network partition key" — here, the document's origin.
            partition: self.origin.serialization(),
            origin: serialized_origin,
            url: self.current_url().as_str(),
            include_credentials: self.credentials == CredentialsMode::Include,
        }
    }

    /// Fetch: "byte-serializing a request origin" as an `Origin` header value, or `null` when
    /// `hide` says the referrer policy hides it.
    fn origin_header_value(&self, hide: bool) -> HeaderValue {
        if hide || !self.redirect_taint_is_same_origin() {
            constant(b"null")
        } else {
            self.origin_header.clone()
        }
    }

    /// The origin a CORS-preflight request carries, is checked against and caches its result
    /// under: the request's (Fetch: "CORS-preflight fetch" step 1 clones the request, taint
    /// included), or with `untainted` the document's whatever the taint, as in Firefox.
    fn preflight_origin(&self, untainted: bool) -> &str {
        if untainted {
            self.origin.serialization()
        } else {
            self.serialized_origin()
        }
    }

    /// Fetch: "serializing a request origin" — `null` once redirect-tainted.
    fn serialized_origin(&self) -> &str {
        if self.redirect_taint_is_same_origin() {
            self.origin.serialization()
        } else {
            "null"
        }
    }
}

/// A fetch in progress, with the browser whose cache it uses.
#[derive(Debug)]
struct Fetching<'b> {
    browser: &'b mut Browser,
    request: FetchRequest,
}

impl<'b> Fetching<'b> {
    /// Fetch: "main fetch" from the step that picks the response tainting.
    fn main_fetch(mut self, now: Time) -> Next<'b> {
        let request = &mut self.request;
        request.determine_referrer(self.browser.profile.loopback_trustworthy_for_referrer);
        let profile = &self.browser.profile;
        if request.redirect_count == 0 || !profile.redirects_keep_unsafe_names {
            request.unsafe_names = request.compute_unsafe_names(profile);
        }
        if request.redirect_count == 0 {
            request.initial_preflight_trigger =
                !is_cors_safelisted_method(request.method.as_str().as_bytes())
                    || !request.unsafe_names.is_empty();
        }
        // Steps 7: ports and mixed content.
        if is_bad_port(request.current_url()) {
            return self.network_error(CorsError::BadPort);
        }
        if self.is_mixed_content() {
            return self.network_error(CorsError::MixedContent);
        }
        let request = &mut self.request;
        let scheme = request.current_url().scheme();
        let is_http = matches!(scheme, "http" | "https");
        let basic = (request
            .origin
            .is_same_origin_with_url(request.current_url())
            && matches!(request.tainting, None | Some(Tainting::Basic)))
            || scheme == "data"
            || request.mode == Mode::Navigate;
        let make_preflight = if basic {
            request.tainting = Some(Tainting::Basic);
            false
        } else if request.mode == Mode::SameOrigin {
            return self.network_error(CorsError::DisallowedByMode);
        } else if request.mode == Mode::NoCors {
            if request.redirect != RedirectMode::Follow {
                return self.network_error(CorsError::NoCorsRedirectModeNotFollow);
            }
            request.tainting = Some(Tainting::Opaque);
            false
        } else if !is_http {
            return self.network_error(CorsError::CorsDisabledScheme);
        } else {
            // Script's requests have the unsafe-request flag set.
            request.tainting = Some(Tainting::Cors);
            let preflight = request.use_cors_preflight
                || !is_cors_safelisted_method(request.method.as_str().as_bytes())
                || !request.unsafe_names.is_empty()
                || (self.browser.profile.redirects_keep_preflight_trigger
                    && request.initial_preflight_trigger);
            self.request.preflight_branch |= preflight;
            preflight
        };
        match self.request.current_url().scheme() {
            "http" | "https" => self.http_fetch(make_preflight, now),
            "data" => self.data_fetch(),
            // Scheme fetch of about:, blob: and file: URLs is not modelled.
            _ => self.network_error(CorsError::CorsDisabledScheme),
        }
    }

    /// Mixed Content: "should fetching request be blocked as mixed content?" for a page served
    /// over https: a URL that is not potentially trustworthy is blocked (loopback URLs count as
    /// trustworthy unless the profile says otherwise). `data:` URLs are never mixed content.
    fn is_mixed_content(&self) -> bool {
        let request = &self.request;
        let url = request.current_url();
        let secure_page = matches!(&request.origin, Origin::Tuple(t) if t.scheme() == "https");
        let trustworthy = match url.scheme() {
            "https" | "wss" | "data" => true,
            _ => {
                self.browser.profile.mixed_content_allows_loopback
                    && is_potentially_trustworthy(url)
            }
        };
        secure_page && !trustworthy
    }

    /// Fetch: "scheme fetch" of a `data:` URL: the data: URL processor's MIME type as
    /// `Content-Type` of a 200 response, or a network error when the URL does not process.
    fn data_fetch(self) -> Next<'b> {
        // The processor fails on a bad URL or, with `;base64`, on a body that does not decode.
        let processed = data_url::DataUrl::process(self.request.current_url().as_str())
            .ok()
            .and_then(|data_url| Some((data_url.decode_to_vec().ok()?.0.len(), data_url)));
        let Some((length, data_url)) = processed else {
            return self.network_error(CorsError::InvalidDataUrl);
        };
        let mut headers = HeaderList::new();
        headers.append(
            http::header::CONTENT_TYPE,
            value(data_url.mime_type().to_string().as_bytes()),
        );
        if self.browser.profile.data_url_content_length {
            headers.append(CONTENT_LENGTH, value(length.to_string().as_bytes()));
        }
        self.finish(200, &headers)
    }

    /// Fetch: "HTTP fetch" step 4.1: preflight unless the CORS-preflight cache has a method
    /// cache entry match (or the method needs none) and a header-name cache entry match for
    /// every CORS-unsafe request-header name; then send the request.
    fn http_fetch(mut self, make_preflight: bool, now: Time) -> Next<'b> {
        if make_preflight && self.preflight_needed(now) {
            if self.browser.profile.erases_insufficient_url_entries {
                // One result per URL: the lookup that found it insufficient erases it.
                let request = &self.request;
                let untainted = self.browser.profile.preflight_origin_untainted;
                let lookup = request.cache_request(request.preflight_origin(untainted));
                self.browser.cache.clear_entries(&lookup);
            }
            let outgoing = self.preflight_request();
            return self.send(outgoing);
        }
        let outgoing = self.actual_request();
        self.send(outgoing)
    }

    fn preflight_needed(&mut self, now: Time) -> bool {
        let Self { browser, request } = self;
        let untainted = browser.profile.preflight_origin_untainted;
        let lookup = request.cache_request(request.preflight_origin(untainted));
        let method = request.method.as_str().as_bytes();
        let needs_method_entry = match browser.profile.cached_methods {
            CachedMethods::Spec => !is_cors_safelisted_method(method) || request.use_cors_preflight,
            // Every cached result stores the methods it allows unlisted (see below).
            CachedMethods::AllowedByEveryResult { .. } => true,
        };
        (needs_method_entry && !browser.cache.method_match(&lookup, method, now))
            || request.unsafe_names.iter().any(|name| {
                !browser
                    .cache
                    .header_name_match(&lookup, name.as_bytes(), now)
            })
    }

    fn send(self, outgoing: OutgoingRequest) -> Next<'b> {
        Next::Send(AwaitingResponse {
            fetching: self,
            outgoing,
        })
    }

    /// Fetch: "CORS-preflight fetch" steps 1-6: the `OPTIONS` request for the current URL.
    fn preflight_request(&self) -> OutgoingRequest {
        let request = &self.request;
        let untainted = self.browser.profile.preflight_origin_untainted;
        let mut headers = preflight::preflight_headers(&request.actual(untainted));
        // The preflight's response tainting is `cors`: it always carries `Origin`.
        let origin = if untainted {
            request.origin_header.clone()
        } else {
            request.origin_header_value(false)
        };
        headers.append(ORIGIN, origin);
        self.append_referer(&mut headers);
        OutgoingRequest {
            method: Method::OPTIONS,
            url: request.url_on_the_wire(self.browser.profile.request_line_keeps_userinfo),
            headers,
            is_preflight: true,
            credentials_included: false,
        }
    }

    /// Fetch: "HTTP-network-or-cache fetch" steps that build the request sent: the request's
    /// headers, then `Origin` ("append a request `Origin` header") and `Referer`.
    fn actual_request(&self) -> OutgoingRequest {
        let request = &self.request;
        let mut headers = request.headers.clone();
        let tainting = request.tainting;
        if tainting == Some(Tainting::Cors) {
            headers.append(ORIGIN, request.origin_header_value(false));
        } else if request.method != Method::GET && request.method != Method::HEAD {
            // Outside mode `cors`, the referrer policy (strict-origin-when-cross-origin) hides
            // an https origin from a non-https URL (loopback URLs excepted in some engines).
            let current = request.current_url();
            let downgrade = matches!(&request.origin, Origin::Tuple(t) if t.scheme() == "https")
                && current.scheme() != "https"
                && !(self.browser.profile.origin_header_spares_loopback
                    && is_potentially_trustworthy(current));
            headers.append(
                ORIGIN,
                request.origin_header_value(request.mode != Mode::Cors && downgrade),
            );
        }
        self.append_referer(&mut headers);
        // includeCredentials: `include`, or `same-origin` with basic tainting.
        let credentials_included = request.credentials == CredentialsMode::Include
            || (request.credentials == CredentialsMode::SameOrigin
                && tainting == Some(Tainting::Basic));
        OutgoingRequest {
            method: request.method.clone(),
            url: request.url_on_the_wire(self.browser.profile.request_line_keeps_userinfo),
            headers,
            is_preflight: false,
            credentials_included,
        }
    }

    /// Appends `Referer`, when the request still has a referrer.
    fn append_referer(&self, headers: &mut HeaderList) {
        if let Some(referrer) = &self.request.referrer {
            headers.append(REFERER, referrer.header.clone());
        }
    }

    /// The preflight's response arrived: Fetch "CORS-preflight fetch" steps 7-8, then the
    /// cache update, then the actual request.
    fn preflight_response(mut self, status: u16, headers: &HeaderList, now: Time) -> Next<'b> {
        let Self { browser, request } = &mut self;
        let untainted = browser.profile.preflight_origin_untainted;
        let actual = request.actual(untainted);
        let allowed = match preflight::validate(status, headers, &actual, &browser.profile) {
            Ok(allowed) => allowed,
            Err(error) => return self.network_error(error),
        };
        let cacheable = (browser.profile.caches_null_origin_preflights
            || actual.serialized_origin != "null")
            && (browser.profile.caches_redirect_tainted_preflights
                || untainted
                || request.redirect_taint_is_same_origin());
        if let Some(max_age) = allowed.max_age.filter(|_| cacheable) {
            let lookup = request.cache_request(actual.serialized_origin);
            if browser.profile.preflight_replaces_url_entries {
                browser.cache.clear_entries(&lookup);
            }
            for method in &allowed.methods {
                browser.cache.store_method(&lookup, method, max_age, now);
            }
            if let CachedMethods::AllowedByEveryResult {
                methods,
                kept_until_evicted,
            } = browser.profile.cached_methods
            {
                // The result's presence, as entries for the methods it allows unlisted.
                let lifetime = if kept_until_evicted {
                    Duration::MAX
                } else {
                    max_age
                };
                for method in methods {
                    browser
                        .cache
                        .store_method(&lookup, method.as_bytes(), lifetime, now);
                }
            }
            for name in &allowed.header_names {
                browser.cache.store_header_name(&lookup, name, max_age, now);
            }
        }
        let outgoing = self.actual_request();
        self.send(outgoing)
    }

    /// The response to the actual request arrived: Fetch "HTTP fetch" steps 4.4 (CORS check)
    /// and 6 (redirects), then "main fetch"'s filtering.
    fn response(mut self, status: u16, mut headers: HeaderList, now: Time) -> Next<'b> {
        if self.browser.profile.partial_content_gains_length
            && status == 206
            && self.request.headers.contains(&RANGE)
            && !headers.contains(&CONTENT_LENGTH)
            && let Some(length) = headers
                .get(&CONTENT_RANGE)
                .and_then(|range| crate::range::content_range_length(&range))
        {
            headers.append(CONTENT_LENGTH, value(length.to_string().as_bytes()));
        }
        let request = &mut self.request;
        if request.tainting == Some(Tainting::Cors)
            && let Err(failure) =
                cors_check(&headers, request.serialized_origin(), request.credentials)
        {
            return self.network_error(CorsError::Check(failure));
        }
        if is_redirect_status(status) {
            match request.redirect {
                // Some engines see a redirect only where there is a `Location` to follow.
                RedirectMode::Error
                    if self.browser.profile.redirect_error_needs_location
                        && !headers.contains(&http::header::LOCATION) => {}
                RedirectMode::Error => return self.network_error(CorsError::RedirectModeError),
                RedirectMode::Manual if request.mode != Mode::Navigate => {
                    return Next::Done(Ok(Response {
                        kind: ResponseType::OpaqueRedirect,
                        status: 0,
                        url: None,
                        redirected: false,
                        headers: HeaderList::new(),
                    }));
                }
                RedirectMode::Manual => {}
                RedirectMode::Follow => {
                    match redirect::follow(request, status, &headers, &self.browser.profile) {
                        Err(error) => return self.network_error(error),
                        Ok(true) => return self.main_fetch(now),
                        Ok(false) => {}
                    }
                }
            }
        }
        self.finish(status, &headers)
    }

    /// Fetch "main fetch" steps 14-15: the filtered response script sees.
    fn finish(self, status: u16, headers: &HeaderList) -> Next<'b> {
        let request = &self.request;
        // `Response.url` is the last URL serialized without its fragment.
        let url = Some(request.url_on_the_wire(false));
        let redirected = request.url_list.len() > 1;
        let response = match request.tainting {
            Some(Tainting::Opaque) => Response {
                kind: ResponseType::Opaque,
                status: 0,
                url: None,
                redirected: false,
                headers: HeaderList::new(),
            },
            Some(Tainting::Cors) => {
                let exposed = response::cors_exposed_header_names(
                    headers,
                    request.credentials,
                    self.browser.profile.expose_star_despite_invalid_items,
                );
                Response {
                    kind: ResponseType::Cors,
                    status,
                    url,
                    redirected,
                    headers: response::cors_filter(headers, &exposed),
                }
            }
            Some(Tainting::Basic) | None => Response {
                kind: ResponseType::Basic,
                status,
                url,
                redirected,
                headers: response::basic_filter(headers),
            },
        };
        Next::Done(Ok(response))
    }

    /// Ends the fetch with a network error. Fetch "main fetch": when the request took the
    /// CORS-with-preflight branch, "clear cache entries" for it first.
    fn network_error(self, error: CorsError) -> Next<'b> {
        let Self { browser, request } = self;
        let clear = match browser.profile.failure_clears_cache {
            FailureClearing::Never => false,
            FailureClearing::PreflightedRequests => request.preflight_branch,
            FailureClearing::CorsRequests => request.tainting == Some(Tainting::Cors),
        };
        if clear {
            browser.cache.clear_entries(&request.cache_request(
                request.preflight_origin(browser.profile.preflight_origin_untainted),
            ));
        }
        Next::Done(Err(NetworkError {
            error,
            url: request.current_url().clone(),
            initial_url: request.url_list[0].clone(),
            origin: request.origin.ascii_serialization(),
            initiator: request.initiator,
        }))
    }
}

/// The document fetches come from: its origin and, unless that is opaque, its URL.
#[derive(Debug, Clone)]
struct Document {
    origin: Origin,
    /// The origin's serialization as an `Origin` header value.
    origin_header: HeaderValue,
    referrer: Option<Referrer>,
}

impl Document {
    /// A document at the root of `origin` (`origin` + `/`); an opaque origin has no URL.
    fn at_root_of(origin: &Origin) -> Self {
        let serialization = origin.ascii_serialization();
        let referrer = match origin {
            Origin::Tuple(_) => Url::parse(&format!("{serialization}/"))
                .ok()
                .map(Referrer::new),
            Origin::Opaque(_) => None,
        };
        Self {
            origin: origin.clone(),
            origin_header: value(serialization.as_bytes()),
            referrer,
        }
    }
}

/// The document a request comes from, as `Referer` names it.
#[derive(Debug, Clone)]
pub(crate) struct Referrer {
    url: Url,
    /// The URL as a header value, made once per document.
    header: HeaderValue,
}

impl Referrer {
    fn new(url: Url) -> Self {
        let header = value(url.as_str().as_bytes());
        Self { url, header }
    }
}

/// A serialized URL or origin as a header value (which it always is).
fn value(bytes: &[u8]) -> HeaderValue {
    HeaderValue::from_bytes(bytes).expect("serialized origins and URLs are header values")
}

/// A constant header value.
fn constant(bytes: &'static [u8]) -> HeaderValue {
    HeaderValue::from_static(bytes).expect("a header value")
}

/// Fetch: "block bad port" — an HTTP(S) URL whose port is a "bad port".
fn is_bad_port(url: &Url) -> bool {
    /// The "bad port" table of the Fetch standard (§2.9 "Port blocking").
    const BAD_PORTS: [u16; 83] = [
        0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95,
        101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179,
        389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601,
        636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566,
        6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
    ];
    matches!(url.scheme(), "http" | "https")
        && url
            .port_or_known_default()
            .is_some_and(|port| BAD_PORTS.contains(&port))
}

/// Secure Contexts: "potentially trustworthy URL" — https and wss, loopback hosts, `file`.
fn is_potentially_trustworthy(url: &Url) -> bool {
    match url.scheme() {
        "https" | "wss" | "file" => true,
        _ => match url.host() {
            Some(url::Host::Domain(domain)) => {
                domain == "localhost" || domain.ends_with(".localhost")
            }
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        },
    }
}
