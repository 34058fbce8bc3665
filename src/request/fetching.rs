//! A request while it is fetched: Fetch's "request" concept with the state the fetch algorithms
//! keep on it (URL list, redirect count, response tainting, referrer), and what they derive from
//! it (the serialized origin, the `Origin` header, the cache key).

use crate::cache::CacheRequest;
use crate::cookie::{CookieContext, Site};
use crate::document::Document;
use crate::header::{HeaderList, HeaderValue};
use crate::origin::{Origin, includes_credentials};
use crate::preflight::ActualRequest;
use crate::profile::{ContextPolicy, CookiePolicy, RedirectPolicy};
use crate::referrer::{self, Referrer, ReferrerPolicy, ReferrerSource};
use crate::request::{CredentialsMode, InitiatorType, Mode, RedirectMode, Request, WIRE_HEADERS};
use crate::response::Tainting;
use crate::secure_context::{is_https, is_potentially_trustworthy};
use crate::trace::OriginWhy;
use http::{HeaderName, Method};
use smallvec::{SmallVec, smallvec};
use std::sync::Arc;
use url::Url;

/// The value of an `Origin` header that hides the origin.
const NULL: HeaderValue = HeaderValue::from_static("null");

/// The Fetch Metadata request headers a request carries.
const SEC_FETCH_DEST: HeaderName = HeaderName::from_static("sec-fetch-dest");
const SEC_FETCH_MODE: HeaderName = HeaderName::from_static("sec-fetch-mode");
const SEC_FETCH_SITE: HeaderName = HeaderName::from_static("sec-fetch-site");

/// Fetch: a "request" being fetched.
#[derive(Debug)]
pub(crate) struct FetchRequest {
    /// Fetch: request "URL list"; never empty. Most fetches have one URL, held inline; each is
    /// shared with the requests and the response that carry it.
    url_list: SmallVec<[Arc<Url>; 1]>,
    /// What the fetch asks of its current URL several times per request, found once when the
    /// URL joins the list: bit `i` of each is about the list's `i`th URL. The list holds at most
    /// 21 URLs (20 redirects); past 32, the answers are found again each time.
    url_facts: UrlFacts,
    pub method: Method,
    pub headers: HeaderList,
    pub mode: Mode,
    pub credentials: CredentialsMode,
    pub redirect: RedirectMode,
    pub use_cors_preflight: bool,
    pub initiator_type: InitiatorType,
    /// Fetch: request "body", shared by every request of the fetch that carries it.
    pub body: Option<Arc<[u8]>>,
    /// Fetch: request "client" — the document, whose origin is the request's "origin".
    pub client: Document,
    /// Fetch: request "referrer", as the last main fetch determined it.
    pub referrer: Referrer,
    /// The referrer the first main fetch determined: what the fetch's first request carried.
    pub first_referrer: Referrer,
    /// Fetch: request "referrer policy" — the request's own, else its document's (main fetch
    /// sets the empty string to the policy container's), until a redirect sets another.
    pub referrer_policy: ReferrerPolicy,
    /// The `Origin` header of the fetch's first request that was not a preflight, once sent.
    pub first_origin: Option<Option<HeaderValue>>,
    /// Whether the requests carry the Fetch Metadata headers.
    pub fetch_metadata: bool,
    /// Whether a CORS-preflight request went out for the current URL.
    pub preflight_sent_for_url: bool,
    /// Whether a redirect went to mixed content, which the engine blocks only after the new
    /// URL's preflight went out (see [`ContextPolicy::mixed_content_after_redirect_preflight`]):
    /// the fetch then ends with [`crate::error::Reason::MixedContent`] instead of sending the
    /// request itself.
    pub mixed_content_after_preflight: bool,
    /// Fetch: "CORS-unsafe request-header names" of the header list, as of the last main fetch
    /// (or of the first, in profiles that keep them across redirects).
    pub unsafe_names: Vec<HeaderName>,
    /// Whether the request as script made it needed a preflight: a method that is not
    /// CORS-safelisted or a CORS-unsafe request-header name.
    pub initial_preflight_trigger: bool,
    /// Fetch: request "response tainting".
    pub tainting: Tainting,
    /// Fetch: request "redirect count".
    pub redirect_count: u8,
    /// Whether some main fetch of this request took the CORS-with-preflight branch, so that a
    /// network error must "clear cache entries".
    pub preflight_branch: bool,
    /// While the header list is lent to the request on the wire: how many of its headers are the
    /// list's own (see [`FetchRequest::lend_headers`]).
    lent_headers: Option<usize>,
}

/// Answers about the URLs of a request's URL list: bit `i` of each mask about the `i`th URL,
/// and what the hops between them did.
#[derive(Debug, Default)]
struct UrlFacts {
    /// Same origin with the request's origin.
    same_origin: u32,
    /// Without fragment, username or password: the URL as the request line carries it.
    bare: u32,
    /// Some hop went from one origin to another.
    crossed_origins: bool,
    /// Some hop went from a URL that is not same origin with the request's origin to a URL of
    /// another origin still: request "redirect-taint" is no longer `same-origin`.
    redirect_tainted: bool,
}

impl UrlFacts {
    /// Finds the answers about `url`, the `index`th URL of a list whose request has `origin`.
    fn learn(&mut self, index: usize, origin: &Origin, url: &Url) {
        if index < 32 {
            let bit = 1 << index;
            if origin.is_same_origin_with_url(url) {
                self.same_origin |= bit;
            }
            if url.fragment().is_none() && !includes_credentials(url) {
                self.bare |= bit;
            }
        }
    }

    /// Bit `index` of `mask`, when the facts hold it.
    fn recall(mask: u32, index: usize) -> Option<bool> {
        (index < 32).then(|| mask & (1 << index) != 0)
    }
}

impl FetchRequest {
    /// Lends the header list to the request going on the wire, with room for the headers it
    /// appends ([`WIRE_HEADERS`]); [`FetchRequest::give_back_headers`] takes it back once the
    /// response arrives. Fetch "HTTP-network-or-cache fetch" makes httpRequest a clone of the
    /// request and appends to the clone's header list only, so lending the list and cutting it
    /// back to its own headers is that clone without the copy.
    pub fn lend_headers(&mut self) -> HeaderList {
        let mut headers = std::mem::take(&mut self.headers);
        self.lent_headers = Some(headers.len());
        headers.reserve(WIRE_HEADERS);
        headers
    }

    /// Takes back the lent header list from the request that was on the wire, dropping the
    /// headers that request appended (its own come first, unchanged). Nothing happens when
    /// nothing was lent (a preflight).
    pub fn give_back_headers(&mut self, mut wire: HeaderList) {
        if let Some(own) = self.lent_headers.take() {
            wire.truncate(own);
            self.headers = wire;
        }
    }

    /// The request `request` from `document`, as "fetch" starts it: `Accept: */*` added when
    /// script set no `Accept` (destination ""), and the referrer the document's URL; with
    /// `fetch_metadata`, its requests carry the Fetch Metadata headers.
    pub fn new(
        document: &Document,
        request: Request,
        use_cors_preflight: bool,
        fetch_metadata: bool,
    ) -> Self {
        let mut headers = request.headers;
        if !headers.contains(&http::header::ACCEPT) {
            headers.append(http::header::ACCEPT, HeaderValue::from_static("*/*"));
        }
        let mut url_facts = UrlFacts::default();
        url_facts.learn(0, document.origin(), &request.url);
        Self {
            url_list: smallvec![request.url],
            url_facts,
            method: request.method,
            headers,
            mode: request.mode,
            credentials: request.credentials,
            redirect: request.redirect,
            use_cors_preflight,
            initiator_type: request.initiator_type,
            body: request.body.map(|body| Arc::from(body.as_bytes())),
            client: document.clone(),
            referrer: Referrer::Url,
            first_referrer: Referrer::Url,
            referrer_policy: request
                .referrer_policy
                .unwrap_or_else(|| document.referrer_policy()),
            first_origin: None,
            fetch_metadata,
            preflight_sent_for_url: false,
            mixed_content_after_preflight: false,
            unsafe_names: Vec::new(),
            initial_preflight_trigger: false,
            tainting: Tainting::Basic,
            redirect_count: 0,
            preflight_branch: false,
            lent_headers: None,
        }
    }

    /// Fetch: request "origin" (the document's).
    pub fn origin(&self) -> &Origin {
        self.client.origin()
    }

    /// Fetch: request "URL list".
    pub fn url_list(&self) -> &[Arc<Url>] {
        &self.url_list
    }

    /// Appends `url` to the URL list: it becomes the current URL. What the hop to it does to
    /// the request's redirect-taint is worked out here, once, as the list only grows.
    pub fn push_url(&mut self, url: Url) {
        let last = self.url_list.len() - 1;
        if !Origin::urls_are_same_origin(&self.url_list[last], &url) {
            self.url_facts.crossed_origins = true;
            if !self.url_is_same_origin(last) {
                self.url_facts.redirect_tainted = true;
            }
        }
        self.url_facts.learn(last + 1, self.client.origin(), &url);
        self.url_list.push(Arc::new(url));
    }

    /// Whether the URL list's `index`th URL is same origin with the request's origin.
    fn url_is_same_origin(&self, index: usize) -> bool {
        UrlFacts::recall(self.url_facts.same_origin, index)
            .unwrap_or_else(|| self.origin().is_same_origin_with_url(&self.url_list[index]))
    }

    /// Whether the current URL is same origin with the request's origin.
    pub fn current_url_is_same_origin(&self) -> bool {
        self.url_is_same_origin(self.url_list.len() - 1)
    }

    /// The document as a referrer source, if it can be one.
    pub fn referrer_source(&self) -> Option<&ReferrerSource> {
        self.client.referrer_source()
    }

    /// Fetch: request "current URL".
    pub fn current_url(&self) -> &Url {
        self.url_list.last().expect("the URL list is never empty")
    }

    /// The current URL as the request line carries it (and `Response.url` shows it): no
    /// fragment, and no username or password unless `keep_userinfo`.
    pub fn url_on_the_wire(&self, keep_userinfo: bool) -> Arc<Url> {
        let current = self.url_list.last().expect("the URL list is never empty");
        if UrlFacts::recall(self.url_facts.bare, self.url_list.len() - 1) == Some(true) {
            return Arc::clone(current);
        }
        let strip_userinfo = !keep_userinfo && includes_credentials(current);
        if current.fragment().is_none() && !strip_userinfo {
            return Arc::clone(current);
        }
        let mut url = Url::clone(current);
        if url.fragment().is_some() {
            url.set_fragment(None);
        }
        if strip_userinfo {
            // Infallible for the HTTP(S) URLs that reach the wire.
            let _ = url.set_username("");
            let _ = url.set_password(None);
        }
        Arc::new(url)
    }

    /// Fetch: request "redirect-taint" is `same-origin`: no hop went from a URL that is not
    /// same origin with the request's origin to a URL of another origin still. (The cookie
    /// algorithms tell `same-site` from `cross-site`: `crate::cookie`.)
    pub fn redirect_taint_is_same_origin(&self) -> bool {
        !self.url_facts.redirect_tainted
    }

    /// Fetch: "serializing a request origin" — `null` once redirect-tainted.
    pub fn serialized_origin(&self) -> &str {
        if self.redirect_taint_is_same_origin() {
            self.origin().serialization()
        } else {
            "null"
        }
    }

    /// The origin a CORS-preflight request carries, is checked against and caches its result
    /// under: the request's (Fetch: "CORS-preflight fetch" step 1 clones the request, taint
    /// included), or with `untainted` the document's whatever the taint, as in Firefox.
    pub fn preflight_origin(&self, untainted: bool) -> &str {
        if untainted {
            self.origin().serialization()
        } else {
            self.serialized_origin()
        }
    }

    /// The `Origin` header of the CORS-preflight request.
    pub fn preflight_origin_header(&self, untainted: bool) -> HeaderValue {
        if untainted || self.redirect_taint_is_same_origin() {
            self.client.origin_header().clone()
        } else {
            NULL
        }
    }

    /// The request's referrer policy for its current URL as the engine applies it (see
    /// [`ContextPolicy::cross_site_relaxed_policies_ignored`]).
    pub fn effective_referrer_policy(&self, context: &ContextPolicy) -> ReferrerPolicy {
        referrer::effective_policy(
            self.referrer_policy,
            self.origin(),
            self.current_url(),
            context,
        )
    }

    /// Whether any hop of the URL list went from one origin to another.
    fn crossed_origins(&self) -> bool {
        self.url_facts.crossed_origins
    }

    /// Fetch: "append a request `Origin` header" — the value the request carries, if any, and
    /// why: the serialized origin under `cors` tainting; for other requests whose method is
    /// neither `GET` nor `HEAD`, the same, unless outside mode `cors` the request's referrer
    /// policy hides the origin from the current URL (`no-referrer`; another origin under
    /// `same-origin`; an https origin and a URL that is not https under the strict policies).
    /// The engines' departures: `context` (whether the policy counts, which policy applies) and
    /// `redirect` (what a redirect does to the header).
    /// <https://fetch.spec.whatwg.org/#append-a-request-origin-header>
    pub fn origin_header(
        &self,
        context: &ContextPolicy,
        redirect: &RedirectPolicy,
    ) -> (Option<HeaderValue>, OriginWhy) {
        let serialized = |why| {
            if self.redirect_taint_is_same_origin() {
                (Some(self.client.origin_header().clone()), why)
            } else {
                (Some(NULL), OriginWhy::RedirectTainted)
            }
        };
        if self.tainting == Tainting::Cors {
            return serialized(OriginWhy::Cors);
        }
        if self.method == Method::GET || self.method == Method::HEAD {
            return (None, OriginWhy::NotCorsGetOrHead);
        }
        if self.mode != Mode::Cors {
            if redirect.keeps_first_origin_outside_cors
                && self.redirect_count > 0
                && self.redirect_taint_is_same_origin()
                && let Some(first) = &self.first_origin
            {
                return (first.clone(), OriginWhy::FirstRequest);
            }
            if redirect.cross_origin_hop_nulls_origin && self.crossed_origins() {
                return (Some(NULL), OriginWhy::CrossOriginRedirect);
            }
            if context.origin_header_follows_referrer_policy && self.policy_hides_origin(context) {
                return (Some(NULL), OriginWhy::ReferrerPolicy);
            }
        }
        serialized(OriginWhy::NotCorsOtherMethod)
    }

    /// Step 4.1's switch on the request's referrer policy: whether it sets the origin to `null`.
    fn policy_hides_origin(&self, context: &ContextPolicy) -> bool {
        let current = self.current_url();
        match self.effective_referrer_policy(context) {
            ReferrerPolicy::NoReferrer => true,
            ReferrerPolicy::NoReferrerWhenDowngrade
            | ReferrerPolicy::StrictOrigin
            | ReferrerPolicy::StrictOriginWhenCrossOrigin => {
                is_https(self.origin()) && current.scheme() != "https"
            }
            ReferrerPolicy::SameOrigin => !self.current_url_is_same_origin(),
            ReferrerPolicy::Origin
            | ReferrerPolicy::OriginWhenCrossOrigin
            | ReferrerPolicy::UnsafeUrl => false,
        }
    }

    /// The `Referer` value the request carries, if any.
    pub fn referer_header(&self) -> Option<&HeaderValue> {
        self.referrer.header(self.referrer_source())
    }

    /// The `Referer` value the fetch's first request carried, if any.
    pub fn first_referer_header(&self) -> Option<&HeaderValue> {
        self.first_referrer.header(self.referrer_source())
    }

    /// Fetch Metadata: "append the Fetch metadata headers for a request" — `Sec-Fetch-Dest`
    /// (`empty` for script's requests, `document` for a navigation), `Sec-Fetch-Mode` (the
    /// request's mode; `cors` for a preflight) and `Sec-Fetch-Site` (`same-origin`, `same-site`
    /// or `cross-site` over the whole URL list, sites compared with their schemes), for a request
    /// whose current URL is potentially trustworthy; none otherwise. (`Sec-Fetch-Site: none` and
    /// `Sec-Fetch-User` are for navigations a user started, which this model does not make.)
    /// <https://w3c.github.io/webappsec-fetch-metadata/#abstract-opdef-append-the-fetch-metadata-headers-for-a-request>
    pub fn fetch_metadata_headers(
        &self,
        is_preflight: bool,
    ) -> Option<[(HeaderName, HeaderValue); 3]> {
        if !is_potentially_trustworthy(self.current_url()) {
            return None;
        }
        let dest = if self.mode == Mode::Navigate {
            "document"
        } else {
            "empty"
        };
        let mode = if is_preflight {
            Mode::Cors.as_str()
        } else {
            self.mode.as_str()
        };
        let origin_site = Site::of(self.origin());
        let mut site = "same-origin";
        for (i, url) in self.url_list.iter().enumerate() {
            if self.url_is_same_origin(i) {
                continue;
            }
            site = "same-site";
            if !origin_site.is_same_site(&Site::of_url(url), true) {
                site = "cross-site";
                break;
            }
        }
        Some([
            (SEC_FETCH_DEST, HeaderValue::from_static(dest)),
            (SEC_FETCH_MODE, HeaderValue::from_static(mode)),
            (SEC_FETCH_SITE, HeaderValue::from_static(site)),
        ])
    }

    /// Fetch: "includeCredentials" — credentials mode `include`, or `same-origin` with basic
    /// tainting.
    pub fn include_credentials(&self) -> bool {
        self.credentials == CredentialsMode::Include
            || (self.credentials == CredentialsMode::SameOrigin && self.tainting == Tainting::Basic)
    }

    /// The request as the cookie algorithms read it: its current URL and its document's
    /// top-level site (the client is a top-level document).
    pub fn cookie_context(&self, policy: &CookiePolicy) -> CookieContext<'_> {
        CookieContext::new(self.origin(), &self.url_list, policy)
    }

    /// The request as the CORS-preflight fetch reads it.
    pub fn actual(&self, untainted: bool) -> ActualRequest<'_> {
        ActualRequest {
            method: self.method.as_str().as_bytes(),
            headers: &self.headers,
            unsafe_names: &self.unsafe_names,
            credentials: self.credentials,
            use_cors_preflight: self.use_cors_preflight,
            serialized_origin: self.preflight_origin(untainted),
        }
    }

    /// The request as a CORS-preflight cache lookup sees it, for the preflight origin.
    pub fn cache_request(&self, untainted: bool) -> CacheRequest<'_> {
        CacheRequest {
            // Fetch: "determining the network partition key" — here, keyed by the document's
            // origin.
            partition: self.origin().partition_key(),
            origin: self.preflight_origin(untainted),
            url: self.current_url().as_str(),
            include_credentials: self.credentials == CredentialsMode::Include,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::RequestInit;

    #[test]
    fn the_url_list_remembers_what_the_fetch_asks_of_its_urls() {
        let page: Document = "https://page.example/".parse().unwrap();
        let init = RequestInit::new("https://page.example/0");
        let request = Request::new(init, Some(page.url().unwrap())).unwrap();
        let mut fetch = FetchRequest::new(&page, request, false, false);
        // Past the 32 URLs the list remembers, the answers are found again each time.
        for i in 1..40 {
            let host = if i % 3 == 0 { "page" } else { "api" };
            let (userinfo, fragment) = match i % 4 {
                0 => ("", ""),
                1 => ("u:p@", ""),
                2 => ("", "#top"),
                _ => ("u@", "#top"),
            };
            let text = format!("https://{userinfo}{host}.example/{i}{fragment}");
            fetch.push_url(Url::parse(&text).unwrap());
            assert_eq!(fetch.current_url_is_same_origin(), i % 3 == 0, "{text}");
            let wire = format!("https://{host}.example/{i}");
            assert_eq!(fetch.url_on_the_wire(false).as_str(), wire, "{text}");
            let kept = format!("https://{userinfo}{host}.example/{i}");
            assert_eq!(fetch.url_on_the_wire(true).as_str(), kept, "{text}");
        }
        for (i, url) in fetch.url_list().iter().enumerate() {
            assert_eq!(
                fetch.url_is_same_origin(i),
                page.origin().is_same_origin_with_url(url),
                "{i}"
            );
        }
    }

    #[test]
    fn the_url_list_keeps_its_redirect_taint_and_crossings_as_it_grows() {
        let page: Document = "https://page.example/".parse().unwrap();
        // Fetch's "redirect-taint", at the same-origin level, and whether a hop crossed
        // origins, read from the whole list.
        let by_definition = |urls: &[Arc<Url>]| {
            let hops = || urls.windows(2);
            let crossed = hops().any(|h| !Origin::urls_are_same_origin(&h[0], &h[1]));
            let tainted = hops().any(|h| {
                !Origin::urls_are_same_origin(&h[0], &h[1])
                    && !page.origin().is_same_origin_with_url(&h[0])
            });
            (crossed, tainted)
        };
        let lists: [&[&str]; 5] = [
            &["page", "page", "page"],
            &["page", "api", "api"],
            &["api", "page"],
            &["page", "api", "page"],
            &["api", "api", "other", "page"],
        ];
        for list in lists {
            let first = format!("https://{}.example/0", list[0]);
            let request = Request::new(RequestInit::new(first), page.url()).unwrap();
            let mut fetch = FetchRequest::new(&page, request, false, false);
            for (i, host) in list.iter().enumerate().skip(1) {
                fetch.push_url(Url::parse(&format!("https://{host}.example/{i}")).unwrap());
                let (crossed, tainted) = by_definition(fetch.url_list());
                assert_eq!(fetch.crossed_origins(), crossed, "{list:?} to {i}");
                assert_eq!(
                    fetch.redirect_taint_is_same_origin(),
                    !tainted,
                    "{list:?} to {i}"
                );
            }
        }
        // A redirect-tainted request serializes its origin as `null` (the third list again).
        let request = Request::new(RequestInit::new("https://api.example/"), page.url()).unwrap();
        let mut fetch = FetchRequest::new(&page, request, false, false);
        fetch.push_url(Url::parse("https://page.example/").unwrap());
        assert!(!fetch.redirect_taint_is_same_origin());
        assert_eq!(fetch.serialized_origin(), "null");
    }
}
