//! Browser profiles: where an engine departs from the standard, as data.
//!
//! The algorithms read a [`Profile`] and never ask which engine they model. Its fields are grouped
//! by the algorithm that reads them ([`CachePolicy`] for the CORS-preflight cache,
//! [`RequestHeaderPolicy`] for the CORS-unsafe request-header names, [`PreflightPolicy`],
//! [`RedirectPolicy`], [`ResponsePolicy`], [`ContextPolicy`] for secure contexts, mixed content
//! and the referrer policy, and [`CookiePolicy`] for cookies), and each algorithm takes only its group, so a
//! signature shows which departures it can read. Adding a difference means adding a field to one group and reading it at the one step it
//! changes. Every value names the engine source it comes from and, where one exists, the recorded
//! vector that shows it (`spec-vectors/recorded/<engine>/`); `docs/engines.md` tabulates them.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// The engine whose behaviour a profile models; also selects the console wording of errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Engine {
    /// The Fetch standard as written.
    Spec,
    /// Chromium (Chrome, Edge, …).
    Chromium,
    /// Firefox (Gecko).
    Firefox,
    /// WebKit (Safari).
    WebKit,
}

impl Engine {
    /// The three browser engines, for a check that must hold in every browser
    /// ([`Engine::Spec`] is not one of them).
    pub const ALL: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::WebKit];

    /// The name used in vector files and on the command line: `spec`, `chromium`, `firefox` or
    /// `webkit`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Spec => "spec",
            Self::Chromium => "chromium",
            Self::Firefox => "firefox",
            Self::WebKit => "webkit",
        }
    }

    /// The profile modelling this engine.
    pub fn profile(self) -> Profile {
        match self {
            Self::Spec => Profile::spec(),
            Self::Chromium => Profile::chromium(),
            Self::Firefox => Profile::firefox(),
            Self::WebKit => Profile::webkit(),
        }
    }
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The name is not `spec`, `chromium`, `firefox` or `webkit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownEngine(pub String);

impl fmt::Display for UnknownEngine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown engine {:?} (expected spec, chromium, firefox or webkit)",
            self.0.escape_debug().to_string()
        )
    }
}

impl std::error::Error for UnknownEngine {}

impl FromStr for Engine {
    type Err = UnknownEngine;

    /// Reads the names [`Engine::as_str`] gives.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "spec" => Ok(Self::Spec),
            "chromium" => Ok(Self::Chromium),
            "firefox" => Ok(Self::Firefox),
            "webkit" => Ok(Self::WebKit),
            _ => Err(UnknownEngine(name.to_owned())),
        }
    }
}

/// How an engine reads an `Access-Control-Max-Age` value into a cache lifetime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MaxAgeParsing {
    /// Fetch: "extract header list values" with ABNF `delta-seconds` (`1*DIGIT`, one header
    /// only); failure or absence gives the default. A number too large to represent is read as
    /// 2^31 seconds (RFC 9111 §1.2.2, which `delta-seconds` comes from).
    Spec,
    /// Chromium `ParseAccessControlMaxAge`: repeated headers joined by `, `; `base::StringToInt64`
    /// (an optional sign, digits, nothing else, no overflow) else the default; negative means 0.
    Chromium,
    /// Firefox `AddResultToCache`: digits only, capped digit by digit; any other byte (sign,
    /// dot, comma from joined headers) means the result is not cached at all.
    Firefox,
    /// WebKit `parseAccessControlMaxAge`: `parseInteger<int64_t>` (surrounding whitespace and a
    /// sign allowed, no overflow) else the default; a negative value gives an entry that has
    /// already expired.
    WebKit,
}

/// Which methods a CORS-preflight cache lookup lets through without a method entry of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CachedMethods {
    /// Fetch "HTTP fetch" step 4.1: a CORS-safelisted method needs no method cache entry, unless
    /// the use-CORS-preflight flag is set; then it needs its own (step 7.4 stores one).
    Spec,
    /// The engine keeps one preflight result per URL, and every cached result allows these
    /// methods whether it lists them or not; any other method must be listed. A request with
    /// the use-CORS-preflight flag set and one of these methods is therefore preflighted only
    /// when its URL has no cached result. Chromium (`PreflightResult::
    /// EnsureAllowedCrossOriginMethod`) and WebKit (`CrossOriginPreflightResultCacheItem::
    /// allowsCrossOriginMethod`) allow the CORS-safelisted methods; Firefox
    /// (`nsPreflightCache::CacheEntry::CheckRequest`) only `GET` and `POST`, so a `HEAD` with a
    /// custom header needs `HEAD` listed (recorded: `pc-safelisted-methods-need-no-method-entry`,
    /// `pc-use-cors-preflight-caches-method-without-acam`).
    AllowedByEveryResult {
        /// The methods allowed unlisted.
        methods: &'static [&'static str],
        /// Whether a result outlives its methods and header names, so that it lets these
        /// methods through until the cache evicts or clears it. Firefox expires each token
        /// alone and drops an emptied entry only when the cache is full
        /// (recorded: `trigger-xhr-upload-cached-then-expired`); Chromium and WebKit expire the
        /// whole result.
        kept_until_evicted: bool,
    },
}

/// How the CORS-unsafe request-header names read a header list in which a name repeats (script
/// appended it twice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RepeatedHeaders {
    /// Fetch: "CORS-unsafe request-header names" judges each header alone and names them as a
    /// sorted set, so `Content-Type: text/plain` appended twice stays safelisted.
    Separate,
    /// The engine keeps one header per name, its values joined with `, `, and judges that:
    /// `text/plain, text/plain` is no safelisted `Content-Type`. Chromium
    /// (`net::HttpRequestHeaders`) and WebKit (`HTTPHeaderMap`) do (recorded:
    /// `simple-content-type-appended-twice`, and `trigger-1024-bytes-exactly-no-preflight`, where
    /// the joined `Content-Language` passes 128 bytes).
    Combined,
    /// Each header is judged alone and every unsafe one is named, so a repeated name appears
    /// twice in `Access-Control-Request-Headers`. Firefox (`nsCORSListenerProxy`, unsafe headers
    /// from `InternalHeaders::GetUnsafeHeaders`; recorded: `trigger-headers-sorted-deduplicated`).
    Listed,
}

/// Which failed fetches clear the CORS-preflight cache entries of their URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FailureClearing {
    /// None: Chromium and WebKit keep the cache whatever fails.
    Never,
    /// Fetch "main fetch": a request that took the CORS-with-preflight branch.
    PreflightedRequests,
    /// Any request with CORS tainting, simple ones included: Firefox calls
    /// `nsPreflightCache::RemoveEntries` on every CORS failure (recorded:
    /// `pc-simple-request-failure-does-not-clear`).
    CorsRequests,
}

/// The CORS-preflight cache (Fetch "CORS-preflight cache", and "CORS-preflight fetch" steps
/// 7.8-7.13, which fill it): how long results live, how entries match, what is stored and what
/// clears it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct CachePolicy {
    /// How `Access-Control-Max-Age` is parsed.
    pub max_age_parsing: MaxAgeParsing,
    /// Fetch: the max-age used when the header is absent or invalid (5 s in the standard and
    /// every engine).
    pub default_max_age: Duration,
    /// Fetch: the "imposed limit on max-age"; `None` for no limit.
    pub max_age_cap: Option<Duration>,
    /// The most entries the cache holds; `None` for no bound.
    pub capacity: Option<usize>,
    /// The most memory the cache's entries may hold, in bytes (as `PreflightCache::bytes`
    /// counts them): past it, the oldest entries go to make room. No engine bounds its cache
    /// by bytes, so this is a departure of the model, and only once it is reached: within the
    /// budget every profile keeps what its engine keeps. 64 MiB by default, far more than
    /// 1,024 ordinary entries; it bounds what an unbounded cache (WebKit's) or long URLs can
    /// take.
    pub memory_budget: usize,
    /// Fetch "cache entry match": an entry stored for a credentialed request also serves
    /// requests without credentials. Firefox keys credentialed and uncredentialed entries apart
    /// (`nsPreflightCache`, key prefix `cred`/`nocred`).
    pub credentialed_entries_serve_all: bool,
    /// Whether `*` entries match later requests. Firefox stores `*` as a literal token that
    /// matches nothing else, so wildcard-approved requests are preflighted every time.
    pub wildcard_entries_reused: bool,
    /// Whether a `*` header entry covers `Authorization` in a lookup. The standard: no.
    /// Chromium's lookups always use the non-wildcard variant (`CheckIfRequestCanSkipPreflight`):
    /// no. WebKit: yes.
    pub wildcard_covers_authorization: bool,
    /// Whether a `*` entry stored by a credentialed preflight acts as a wildcard (for later
    /// requests without credentials). The standard's entries say yes; Chromium counts `*` only
    /// in results that were not credentialed (`PreflightResult::EnsureAllowedCrossOriginMethod`;
    /// recorded: `probe-cache-star-entry-from-credentialed-preflight`).
    pub credentialed_wildcards_match: bool,
    /// Whether a new successful preflight replaces every cached entry of its URL. Chromium
    /// (`PreflightCache::AppendEntry`) and WebKit (`CrossOriginPreflightResultCache::appendEntry`)
    /// keep one result per URL, which a new preflight overwrites. The standard keeps an entry
    /// per method and header name.
    pub replaces_url_entries: bool,
    /// Whether a lookup that finds the URL's cached result insufficient erases it, so that a
    /// failing preflight leaves nothing. Chromium does (`CheckIfRequestCanSkipPreflight`,
    /// `kHitAndFail`); WebKit keeps it (recorded: `probe-cache-cleared-after-failed-preflight`).
    pub erases_insufficient_url_entries: bool,
    /// Which failed fetches clear the cache entries of their URL.
    pub failure_clears: FailureClearing,
    /// Which methods a lookup lets through without their own method entry.
    pub cached_methods: CachedMethods,
    /// The length, in characters of the URL's serialization (fragment included), from which a
    /// URL's results are not cached at all; `None` for no such limit. Chromium stores nothing
    /// for a URL of 1,024 characters or more (`PreflightCache::AppendEntry`, `kMaxKeyLength`;
    /// recorded: `probe-long-url-path-1024` cached nothing, `probe-long-url-path-1000` did);
    /// Firefox and WebKit cache URLs of 32,768 characters.
    pub max_url_length: Option<usize>,
    /// Whether results are cached for requests whose origin serializes as `null` (an opaque
    /// document, or a redirect-tainted request). Chromium caches none (recorded:
    /// `null-origin.json` `null-origin-preflight-cache-hit-and-expiry`).
    pub caches_null_origin: bool,
    /// Whether results are cached for a redirect-tainted request (whose origin serializes as
    /// `null`). WebKit gives such a request a new opaque origin at each redirect
    /// (`DocumentThreadableLoader::redirectReceived`), so its results are never found again
    /// (recorded: `redirect-307-put-tainted-misses-cache-entry-for-document-origin`).
    pub caches_redirect_tainted: bool,
}

impl CachePolicy {
    /// The standard's cache, holding at most 1,024 entries (the standard lets a user agent
    /// remove entries early; the bound is Chromium's `kMaxCacheEntries`) with no imposed limit
    /// on max-age.
    pub const SPEC: Self = Self {
        max_age_parsing: MaxAgeParsing::Spec,
        default_max_age: Duration::from_secs(5),
        max_age_cap: None,
        capacity: Some(1024),
        memory_budget: 64 << 20,
        credentialed_entries_serve_all: true,
        wildcard_entries_reused: true,
        wildcard_covers_authorization: false,
        credentialed_wildcards_match: true,
        replaces_url_entries: false,
        erases_insufficient_url_entries: false,
        failure_clears: FailureClearing::PreflightedRequests,
        cached_methods: CachedMethods::Spec,
        max_url_length: None,
        caches_null_origin: true,
        caches_redirect_tainted: true,
    };
}

impl Default for CachePolicy {
    fn default() -> Self {
        Self::SPEC
    }
}

/// Fetch "CORS-unsafe request-header names": how the request's header list is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RequestHeaderPolicy {
    /// The total size of safelisted values past which they all count as unsafe (1024 bytes,
    /// `crate::safelist::SAFELIST_VALUE_SIZE_LIMIT`); `None` for no such rule, as in Firefox,
    /// whose `GetUnsafeHeaders` tests each header alone (recorded: `trigger-1025-bytes-preflight`).
    pub safelist_value_size_limit: Option<usize>,
    /// How repeated request-header names are judged and listed.
    pub repeated_headers: RepeatedHeaders,
    /// Whether a `Range` request header's unit is matched case-insensitively (`BYTES=0-1` is
    /// safelisted); the standard wants `bytes`. WebKit's `parseRange` ignores case (recorded:
    /// `probe-range-uppercase`).
    pub range_unit_case_insensitive: bool,
}

impl RequestHeaderPolicy {
    /// The standard's rules.
    pub const SPEC: Self = Self {
        safelist_value_size_limit: Some(1024),
        repeated_headers: RepeatedHeaders::Separate,
        range_unit_case_insensitive: false,
    };
}

impl Default for RequestHeaderPolicy {
    fn default() -> Self {
        Self::SPEC
    }
}

/// Fetch "CORS-preflight fetch": when a preflight is made and how its answer is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct PreflightPolicy {
    /// Whether `Access-Control-Allow-Headers: *` also allows `Authorization`. The standard says
    /// no ("CORS non-wildcard request-header name"); Chromium (feature
    /// `CorsNonWildcardRequestHeadersSupport` off by default), Firefox (pref
    /// `network.cors_preflight.authorization_covered_by_wildcard`, true by default) and WebKit
    /// say yes.
    pub wildcard_covers_authorization: bool,
    /// Step 7.4: a preflight made for the use-CORS-preflight flag whose answer has no
    /// `Access-Control-Allow-Methods` allows (and caches) the request's method. No engine does
    /// this: the method must be listed or safelisted (recorded in all three:
    /// `preflight-cache.json` `pc-use-cors-preflight-entry-serves-fetch`).
    pub flagged_preflight_allows_method: bool,
    /// Whether a preflight carries, is checked against and is cached under the document's
    /// origin even after a redirect tainted the request (whose own `Origin` is then `null`).
    /// Firefox builds preflights from the loading principal (`nsCORSPreflightListener`;
    /// recorded: `redirect-307-put-preflights-other-origin-with-origin-null`). The standard
    /// preflights with the request's origin, `null` once tainted.
    pub origin_untainted: bool,
    /// Whether `XMLHttpRequest` sets the use-CORS-preflight flag for upload listeners only when
    /// the request has a body, so a `GET` or `HEAD` is not preflighted for them. The standard
    /// sets it whenever there are listeners; Chromium needs a body (`XMLHttpRequest::
    /// CreateRequest`; recorded: `probes.json` `xhr-upload-get`).
    pub upload_needs_body: bool,
    /// Whether the preflight of a redirected request carries the `Referer` of the fetch's first
    /// request, not the one "main fetch" determined for the new URL (Fetch "CORS-preflight
    /// fetch" step 1 copies the request's referrer), so that a redirect's `Referrer-Policy`
    /// reaches the request but not its preflight. WebKit builds the preflight in the network
    /// process from the redirected request before the referrer policy is applied
    /// (`NetworkLoadChecker::checkCORSRedirectedRequest`: "FIXME: We should set the request
    /// referrer according the referrer policy"; recorded: `rp-preflight-redirect-no-referrer`,
    /// `rp-preflight-two-redirects-no-referrer`, `rp-framework-starlette-redirect-slashes-put`).
    pub redirected_preflight_keeps_first_referrer: bool,
}

impl PreflightPolicy {
    /// The standard's rules.
    pub const SPEC: Self = Self {
        wildcard_covers_authorization: false,
        flagged_preflight_allows_method: true,
        origin_untainted: false,
        upload_needs_body: false,
        redirected_preflight_keeps_first_referrer: false,
    };
}

impl Default for PreflightPolicy {
    fn default() -> Self {
        Self::SPEC
    }
}

/// Fetch "HTTP-redirect fetch", and what a redirected request keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RedirectPolicy {
    /// Whether every hop of a redirected request is preflighted when the request as script
    /// made it needed a preflight (a method that is not CORS-safelisted, or a CORS-unsafe
    /// header name), even once a 303 made it a `GET` or a hop to another origin dropped
    /// `Authorization`. The standard decides afresh at each hop; Firefox (the load's
    /// `CorsPreflightInfo`, `nsCORSListenerProxy::CheckPreflightNeeded`) and WebKit
    /// (`DocumentThreadableLoader`) keep the decision (recorded:
    /// `redirect-303-put-becomes-simple-get`, `redirect-authorization-removed-on-hop-to-other-origin`).
    pub keeps_preflight_trigger: bool,
    /// Whether the CORS-unsafe request-header names stay those of the request as script made
    /// it, in every hop's preflight (`Access-Control-Request-Headers`) and cache lookups, even
    /// after a redirect removed the headers. WebKit keeps them (recorded:
    /// `probe-redirect-303-drops-content-type-no-preflight`).
    pub keeps_unsafe_names: bool,
    /// Whether a redirect to another origin turns `DELETE` into `GET` whatever its status; the
    /// standard rewrites only `POST` (on 301/302) and every method on 303. WebKitGTK does
    /// (`NetworkDataTaskSoup.cpp` `shouldRedirectAsGET`; recorded:
    /// `probe-redirect-302-keeps-delete-preflights-tainted`, and `redirect-302-patch-keeps-method`
    /// for a method it keeps).
    pub cross_origin_delete_becomes_get: bool,
    /// Step 9: whether a `cors` request fails on a `Location` with a username or password even
    /// when it is same origin with the request's origin (where the standard follows it).
    /// Chromium fails (recorded: `redirect-location-credentials-same-origin-followed`).
    pub location_credentials_fail_same_origin: bool,
    /// Whether a redirected request's line keeps the username and password its URL has.
    /// WebKitGTK takes them out only when the request is made (`NetworkDataTaskSoup`), so the hop
    /// to a `Location` with credentials carries them to the server (seen through the recorder's
    /// proxy: `redirect-location-credentials-same-origin-followed`).
    pub request_line_keeps_userinfo: bool,
    /// Whether redirect mode `error` fails only on a redirect status that has a `Location`;
    /// without one, Chromium and WebKit hand the 3xx to script like any response (recorded:
    /// `redirect-mode-error-without-location`). The standard fails on any redirect status.
    pub error_needs_location: bool,
    /// Whether a request outside CORS (mode `no-cors`) that a redirect took from one origin to
    /// another carries `Origin: null` from then on, even when the hop left the request's own
    /// origin (the standard's redirect-taint nulls it only for a hop from a third origin).
    /// Chromium's network stack does (`RedirectUtil::UpdateHttpRequest`; recorded:
    /// `rp-redirect-origin` step 4, a same-origin no-cors POST redirected by a 307 to the API).
    pub cross_origin_hop_nulls_origin: bool,
    /// Whether a request outside CORS keeps the `Origin` its first request carried on every
    /// redirected hop (while its method keeps a body), rather than "append a request `Origin`
    /// header" computing it again under the request's referrer policy for the new URL, until a
    /// redirect taints it (then `null`, as the standard says). WebKit does (recorded:
    /// `rp-redirect-no-referrer` step 4, `rp-no-cors-redirect-request-same-origin`; tainted:
    /// `rp-no-cors-redirect-tainted`).
    pub keeps_first_origin_outside_cors: bool,
    /// Whether a redirected request that sent no preflight for its new URL carries no Fetch
    /// Metadata headers (`Sec-Fetch-*`), which the standard appends to every request to a
    /// potentially trustworthy URL. WebKitGTK adds them when it starts a load, not to the
    /// request its network layer makes for a redirect (a preflighted hop is a new load; seen
    /// through the oracle's upstream routes: `tests/data/fetch-metadata.json`
    /// `fm-redirect-same-to-cross`, `fm-redirect-cross-to-same`, `fm-redirect-preflight`).
    pub redirected_request_drops_fetch_metadata: bool,
}

impl RedirectPolicy {
    /// The standard's rules.
    pub const SPEC: Self = Self {
        keeps_preflight_trigger: false,
        keeps_unsafe_names: false,
        cross_origin_delete_becomes_get: false,
        location_credentials_fail_same_origin: false,
        request_line_keeps_userinfo: false,
        error_needs_location: false,
        cross_origin_hop_nulls_origin: false,
        keeps_first_origin_outside_cors: false,
        redirected_request_drops_fetch_metadata: false,
    };
}

impl Default for RedirectPolicy {
    fn default() -> Self {
        Self::SPEC
    }
}

/// What script sees of a response (Fetch "main fetch" filtering, "scheme fetch").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ResponsePolicy {
    /// Whether `Access-Control-Expose-Headers` exposes every header when one of its comma-split
    /// items is `*`, even though another item is no header name (so that the standard's parse
    /// fails and exposes nothing). Firefox looks for `*` before it checks the items
    /// (`InternalHeaders::CORSHeaders`; recorded: `eh-invalid-aceh-star`).
    pub expose_star_despite_invalid_items: bool,
    /// Whether a 206 answer to a `Range` request that has `Content-Range` but no
    /// `Content-Length` gains a `Content-Length` (the length of the range), which script then
    /// reads as a safelisted header. Chromium's HTTP cache adds it
    /// (`PartialData::FixResponseHeaders`; recorded: `simple-get-range-closed`).
    pub partial_content_gains_length: bool,
    /// Whether a `data:` URL response carries `Content-Length` (the body's length) besides
    /// `Content-Type`. Firefox's data channel does (recorded: `cors-data-url-basic`); the
    /// standard's scheme fetch sets only `Content-Type`.
    pub data_url_content_length: bool,
}

impl ResponsePolicy {
    /// The standard's rules.
    pub const SPEC: Self = Self {
        expose_star_despite_invalid_items: false,
        partial_content_gains_length: false,
        data_url_content_length: false,
    };
}

impl Default for ResponsePolicy {
    fn default() -> Self {
        Self::SPEC
    }
}

/// Secure Contexts, Mixed Content and Referrer Policy as the engines apply them to a fetch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ContextPolicy {
    /// Whether an https page may fetch plain-http loopback URLs (`localhost`, `127.0.0.1`,
    /// `[::1]`), which Secure Contexts counts as potentially trustworthy. WebKit blocks them as
    /// mixed content (recorded: `probes.json` `mixed-localhost`, `mixed-127`).
    pub mixed_content_allows_loopback: bool,
    /// Whether a redirect to a URL that is mixed content is blocked only after that URL's
    /// CORS-preflight request went out (when the request needs one and the cache does not cover
    /// it): the preflight is sent and its answer checked, then the fetch fails as mixed content.
    /// The standard checks in "main fetch" before anything is sent for the URL, as Chromium and
    /// Firefox do; WebKit preflights in the network process and checks mixed content on the
    /// redirect in the web process afterwards (recorded: `probe-mixed-redirect-preflighted-put-to-
    /// http`, `probe-mixed-redirect-same-origin-put-to-http`, `rp-preflight-redirect-to-loopback-
    /// empty`; a simple request's hop is blocked before it goes: `probe-mixed-redirect-get-to-http`).
    pub mixed_content_after_redirect_preflight: bool,
    /// Whether Referrer Policy's downgrade test ("potentially trustworthy URL") counts loopback
    /// http URLs as trustworthy, as the standard does. The engines test for https alone, so an
    /// `http://localhost` page sends `Referer` to plain-http hosts, and an https page sends none
    /// to `http://localhost` under the strict policies (recorded in all three: `smoke.json`
    /// `get-acao-star`, `rp-request-strict-origin`).
    pub loopback_trustworthy_for_referrer: bool,
    /// Fetch "append a request `Origin` header" step 4.1: whether the request's referrer policy
    /// may turn the `Origin` of a request outside CORS (mode `no-cors`, a method other than `GET`
    /// and `HEAD`) into `null`: always under `no-referrer`, to another origin under
    /// `same-origin`, from https to a URL that is not https under the strict policies. Chromium
    /// sends the origin whatever the policy (recorded: `rp-request-no-referrer`,
    /// `rp-request-same-origin`, `probe-referer-https-nocors-post-to-localhost`).
    pub origin_header_follows_referrer_policy: bool,
    /// Whether a policy that relaxes the default (`unsafe-url`, `no-referrer-when-downgrade`,
    /// `origin-when-cross-origin`), from the request or a redirect, is replaced by the default,
    /// `strict-origin-when-cross-origin`, for a URL of another site than the document's (sites
    /// compared without their schemes), for `Referer` and `Origin` alike. Firefox does
    /// (`network.http.referer.disallowCrossSiteRelaxingDefault`, bug 1720294; recorded:
    /// `rp-request-unsafe-url`, `rp-redirect-origin-when-cross-origin`, and
    /// `rp-request-unsafe-url-https-localhost-to-http-localhost` for a site compared without its
    /// scheme).
    pub cross_site_relaxed_policies_ignored: bool,
    /// Whether `Referrer-Policy` is read token by token, each compared ignoring ASCII case, a
    /// token that is no policy skipped. The standard extracts the list with its ABNF, so a token
    /// outside it fails the header, and takes a token as a policy only as written (lowercase):
    /// `NO-REFERRER` sets nothing. Every engine reads it leniently (Chromium
    /// `ProcessReferrerPolicyHeaderOnRedirect`, Firefox `ReferrerPolicyFromHeaderString`, WebKit
    /// `parseReferrerPolicy`; recorded: `rp-parse-uppercase`, `rp-parse-token-outside-the-abnf`).
    pub referrer_policy_header_lenient: bool,
}

impl ContextPolicy {
    /// The standard's rules.
    pub const SPEC: Self = Self {
        mixed_content_allows_loopback: true,
        mixed_content_after_redirect_preflight: false,
        loopback_trustworthy_for_referrer: true,
        origin_header_follows_referrer_policy: true,
        cross_site_relaxed_policies_ignored: false,
        referrer_policy_header_lenient: false,
    };
}

impl Default for ContextPolicy {
    fn default() -> Self {
        Self::SPEC
    }
}

/// What an engine does with cookies on requests to another site than the top-level document's
/// (a "third-party" request: the two are not same site, schemefully or not as
/// [`CookiePolicy::schemeful_same_site`] says).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ThirdPartyCookies {
    /// The standard: such requests send and store cookies as their `SameSite` allows (Google
    /// Chrome's default, per the project's research, user-layer.md E.1-E.2).
    Allowed,
    /// Cookies that are not partitioned are neither sent nor stored on such requests; a
    /// `Partitioned` cookie still is, in the top-level site's partition, where
    /// [`CookiePolicy::partitioned_attribute`] is honoured. Chromium 156 with a fresh profile
    /// (recorded: `cookie-none-cross-site`, `cookie-set-cross-site`), and Safari since 13.1
    /// (documentation only).
    Blocked,
    /// Responses to such requests may not set cookies; cookies are sent as `SameSite` allows.
    /// WebKitGTK's default, libsoup's `SOUP_COOKIE_JAR_ACCEPT_NO_THIRD_PARTY` (recorded:
    /// `cookie-set-cross-site`, `cookie-unset-cross-site`).
    SettingBlocked,
    /// Each top-level site has a cookie jar of its own for such requests, which read and write
    /// only it: Firefox's Total Cookie Protection (recorded: `cookie-set-cross-site`, where the
    /// attacker's page reads back what it set and the bank's own page does not).
    Partitioned,
}

/// What a cookie without a `SameSite` attribute is treated as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnsetSameSite {
    /// The standard's own `unset`: retrieved for cross-site requests (`unset-or-less`) like
    /// `SameSite=None`, but refused from a response to one like `Lax`. WebKitGTK sends such
    /// cookies cross-site (recorded: `cookie-unset-cross-site`); its third-party policy hides
    /// how it stores them.
    Unset,
    /// `Lax` ("Lax by default"): kept off cross-site requests, and refused from their
    /// responses. Chromium (recorded: `cookie-set-cross-site-samesite`; cross-site sending with
    /// third-party cookies allowed in user-layer.md E.2).
    Lax,
    /// `None`: a cross-site response may set one too. Firefox without
    /// `network.cookie.sameSite.laxByDefault` (recorded: `cookie-set-cross-site-samesite`, where
    /// the attacker's jar keeps `u` and `up`).
    None,
}

/// In what order the `Cookie` header lists the cookies that go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CookieOrder {
    /// Cookies' "retrieve cookies": longer paths first, then older first.
    PathThenCreation,
    /// Longer paths first, then by the jar's domain buckets, from the most specific: cookies
    /// with a `Domain` equal to the request's host, then its host-only cookies, then the
    /// parent domains' cookies; in each, older first. libsoup collects cookies bucket by bucket
    /// and its sort keeps that order (recorded: WebKitGTK `cookie-attr-domain`,
    /// `cookie-prefixes`).
    PathThenDomain,
}

/// Cookies (Fetch "append a request `Cookie` header", "parse and store response `Set-Cookie`
/// headers", and the cookie store they call): how cookies are kept, and which go with a
/// request. Every scenario document is top-level, so the top-level site of a fetch is its
/// document's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct CookiePolicy {
    /// Cookies on requests to another site than the top-level one.
    pub third_party: ThirdPartyCookies,
    /// CHIPS: whether a `Partitioned` cookie (which must then be `Secure`) is kept in the
    /// partition of the top-level site it was set under, and sent only under it. Chromium and
    /// Firefox (recorded: `cookie-set-cross-site`, `cookie-attr-partitioned-without-secure`);
    /// the standard and WebKitGTK 2.50 ignore the attribute (recorded:
    /// `cookie-partitioned-cross-site`).
    pub partitioned_attribute: bool,
    /// What a cookie without `SameSite` is treated as.
    pub unset_same_site: UnsetSameSite,
    /// Whether "store a cookie" refuses `SameSite=None` without `Secure`. The standard, Chromium
    /// and Firefox do; WebKitGTK keeps it (recorded: `cookie-attr-none-without-secure`).
    pub none_requires_secure: bool,
    /// Whether "same site" compares schemes (HTML's "same site"), for the same-site mode and for
    /// third-party decisions. The standard and Chromium; Firefox and WebKitGTK compare domains
    /// alone (recorded: `cookie-schemeful-same-site`).
    pub schemeful_same_site: bool,
    /// Whether a redirect through another site makes the request cross-site (Fetch
    /// "redirect-taint" in "determine the same-site mode"). The standard and Firefox; Chromium
    /// and WebKitGTK judge the current URL alone (recorded: `cookie-redirect-cross-site`).
    pub redirect_taint: bool,
    /// Whether an http loopback URL (`localhost`, `127.0.0.1`, `[::1]`) counts as secure for
    /// cookies, so that it may set and receive `Secure` and `__Host-` cookies. Fetch's isSecure
    /// is the https scheme alone; Chromium and Firefox count loopback, WebKitGTK does not
    /// (recorded: `cookie-secure-localhost`).
    pub loopback_secure: bool,
    /// Whether the `__Secure-`, `__Host-`, `__Http-` and `__Host-Http-` name prefixes (checked
    /// case-insensitively) refuse cookies that break their rules. WebKitGTK 2.50 enforces none
    /// (recorded: `cookie-prefixes`, `cookie-prefixes-case-and-http`).
    pub name_prefixes: bool,
    /// Whether a cookie that replaces one of the same name, host and path keeps the old one's
    /// creation time (RFC 6265bis), hence its place in the `Cookie` header. Chromium gives the
    /// new cookie its own (recorded: `cookie-replace-keeps-creation`).
    pub replacement_keeps_creation: bool,
    /// Whether `Max-Age` wins over `Expires` wherever they stand (RFC 6265bis). WebKitGTK's
    /// libsoup takes the last of them (recorded: `cookie-attr-max-age-expires`).
    pub max_age_over_expires: bool,
    /// Whether the `Domain` attribute is lowercased before it is matched. WebKitGTK's libsoup
    /// compares it as written, so `Domain=BANK.Example.COM` refuses the cookie (recorded:
    /// `cookie-attr-domain`).
    pub domain_lowercased: bool,
    /// The order of the `Cookie` header.
    pub order: CookieOrder,
    /// Cookies' "total cookies-per-host limit": past it, the least recently used cookies of the
    /// host go (insecure ones first). 180 in Chromium (`kDomainMaxCookies`) and Firefox
    /// (`network.cookie.maxPerHost`); the standard asks for at least 50.
    pub cookies_per_host_limit: usize,
    /// Cookies' "total cookies limit", which bounds the store's memory (each cookie holds at
    /// most 4,096 bytes of name and value and 1,024 of path). 3,000: the standard's minimum and
    /// Firefox's `network.cookie.maxNumber` (Chromium: 3,300).
    pub total_cookies_limit: usize,
    /// Cookies' "cookie age limit": `Max-Age` and `Expires` further away are cut to it. 400 days
    /// in the standard, Chromium and Firefox.
    pub age_limit: Duration,
}

impl CookiePolicy {
    /// The standard's cookies.
    pub const SPEC: Self = Self {
        third_party: ThirdPartyCookies::Allowed,
        partitioned_attribute: false,
        unset_same_site: UnsetSameSite::Unset,
        none_requires_secure: true,
        schemeful_same_site: true,
        redirect_taint: true,
        loopback_secure: false,
        name_prefixes: true,
        replacement_keeps_creation: true,
        max_age_over_expires: true,
        domain_lowercased: true,
        order: CookieOrder::PathThenCreation,
        cookies_per_host_limit: 180,
        total_cookies_limit: 3000,
        age_limit: Duration::from_secs(400 * 86_400),
    };
}

impl Default for CookiePolicy {
    fn default() -> Self {
        Self::SPEC
    }
}

/// A browser profile: the standard's behaviour, or one engine's departures from it, grouped by
/// the algorithm that reads them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Profile {
    /// The engine modelled.
    pub engine: Engine,
    /// The CORS-preflight cache.
    pub cache: CachePolicy,
    /// The CORS-unsafe request-header names.
    pub request_headers: RequestHeaderPolicy,
    /// The CORS-preflight fetch.
    pub preflight: PreflightPolicy,
    /// The HTTP-redirect fetch.
    pub redirect: RedirectPolicy,
    /// What script sees of a response.
    pub response: ResponsePolicy,
    /// Secure contexts, mixed content and the referrer.
    pub context: ContextPolicy,
    /// Cookies.
    pub cookies: CookiePolicy,
}

impl Profile {
    /// The Fetch standard as written.
    pub fn spec() -> Self {
        Self {
            engine: Engine::Spec,
            cache: CachePolicy::SPEC,
            request_headers: RequestHeaderPolicy::SPEC,
            preflight: PreflightPolicy::SPEC,
            redirect: RedirectPolicy::SPEC,
            response: ResponsePolicy::SPEC,
            context: ContextPolicy::SPEC,
            cookies: CookiePolicy::SPEC,
        }
    }

    /// Chromium: max-age capped at 2 hours (`kMaxTimeout`), 1,024 cache entries
    /// (`kMaxCacheEntries`), `*` covers `Authorization`.
    pub fn chromium() -> Self {
        Self {
            engine: Engine::Chromium,
            cache: CachePolicy {
                max_age_parsing: MaxAgeParsing::Chromium,
                max_age_cap: Some(Duration::from_secs(7200)),
                capacity: Some(1024),
                // Lookups use the non-wildcard Authorization variant.
                wildcard_covers_authorization: false,
                credentialed_wildcards_match: false,
                replaces_url_entries: true,
                erases_insufficient_url_entries: true,
                failure_clears: FailureClearing::Never,
                cached_methods: CachedMethods::AllowedByEveryResult {
                    methods: &["GET", "HEAD", "POST"],
                    kept_until_evicted: false,
                },
                max_url_length: Some(1024),
                caches_null_origin: false,
                caches_redirect_tainted: false,
                ..CachePolicy::SPEC
            },
            request_headers: RequestHeaderPolicy {
                repeated_headers: RepeatedHeaders::Combined,
                ..RequestHeaderPolicy::SPEC
            },
            preflight: PreflightPolicy {
                wildcard_covers_authorization: true,
                flagged_preflight_allows_method: false,
                upload_needs_body: true,
                ..PreflightPolicy::SPEC
            },
            redirect: RedirectPolicy {
                location_credentials_fail_same_origin: true,
                error_needs_location: true,
                cross_origin_hop_nulls_origin: true,
                ..RedirectPolicy::SPEC
            },
            response: ResponsePolicy {
                partial_content_gains_length: true,
                ..ResponsePolicy::SPEC
            },
            context: ContextPolicy {
                loopback_trustworthy_for_referrer: false,
                origin_header_follows_referrer_policy: false,
                referrer_policy_header_lenient: true,
                ..ContextPolicy::SPEC
            },
            cookies: CookiePolicy {
                third_party: ThirdPartyCookies::Blocked,
                partitioned_attribute: true,
                unset_same_site: UnsetSameSite::Lax,
                redirect_taint: false,
                loopback_secure: true,
                replacement_keeps_creation: false,
                ..CookiePolicy::SPEC
            },
        }
    }

    /// Firefox: max-age capped at 24 hours, 100 cache entries (`PREFLIGHT_CACHE_SIZE`), `*`
    /// covers `Authorization`.
    pub fn firefox() -> Self {
        Self {
            engine: Engine::Firefox,
            cache: CachePolicy {
                max_age_parsing: MaxAgeParsing::Firefox,
                max_age_cap: Some(Duration::from_secs(86400)),
                capacity: Some(100),
                credentialed_entries_serve_all: false,
                wildcard_entries_reused: false,
                wildcard_covers_authorization: false,
                credentialed_wildcards_match: true,
                failure_clears: FailureClearing::CorsRequests,
                cached_methods: CachedMethods::AllowedByEveryResult {
                    methods: &["GET", "POST"],
                    kept_until_evicted: true,
                },
                ..CachePolicy::SPEC
            },
            request_headers: RequestHeaderPolicy {
                safelist_value_size_limit: None,
                repeated_headers: RepeatedHeaders::Listed,
                ..RequestHeaderPolicy::SPEC
            },
            preflight: PreflightPolicy {
                wildcard_covers_authorization: true,
                flagged_preflight_allows_method: false,
                origin_untainted: true,
                ..PreflightPolicy::SPEC
            },
            redirect: RedirectPolicy {
                keeps_preflight_trigger: true,
                ..RedirectPolicy::SPEC
            },
            response: ResponsePolicy {
                expose_star_despite_invalid_items: true,
                data_url_content_length: true,
                ..ResponsePolicy::SPEC
            },
            context: ContextPolicy {
                loopback_trustworthy_for_referrer: false,
                cross_site_relaxed_policies_ignored: true,
                referrer_policy_header_lenient: true,
                ..ContextPolicy::SPEC
            },
            cookies: CookiePolicy {
                third_party: ThirdPartyCookies::Partitioned,
                partitioned_attribute: true,
                unset_same_site: UnsetSameSite::None,
                schemeful_same_site: false,
                loopback_secure: true,
                ..CookiePolicy::SPEC
            },
        }
    }

    /// WebKit: max-age capped at 10 minutes (`maxPreflightCacheTimeout`), an unbounded cache,
    /// `*` covers `Authorization`. (`isCrossOriginSafeHeader` in some WebKit trees also exposes
    /// `Accept`; WebKitGTK 2.50 does not: `probe-expose-accept-response-header`.)
    pub fn webkit() -> Self {
        Self {
            engine: Engine::WebKit,
            cache: CachePolicy {
                max_age_parsing: MaxAgeParsing::WebKit,
                max_age_cap: Some(Duration::from_secs(600)),
                capacity: None,
                wildcard_covers_authorization: true,
                replaces_url_entries: true,
                failure_clears: FailureClearing::Never,
                cached_methods: CachedMethods::AllowedByEveryResult {
                    methods: &["GET", "HEAD", "POST"],
                    kept_until_evicted: false,
                },
                caches_redirect_tainted: false,
                ..CachePolicy::SPEC
            },
            request_headers: RequestHeaderPolicy {
                repeated_headers: RepeatedHeaders::Combined,
                range_unit_case_insensitive: true,
                ..RequestHeaderPolicy::SPEC
            },
            preflight: PreflightPolicy {
                wildcard_covers_authorization: true,
                flagged_preflight_allows_method: false,
                redirected_preflight_keeps_first_referrer: true,
                ..PreflightPolicy::SPEC
            },
            redirect: RedirectPolicy {
                keeps_preflight_trigger: true,
                keeps_unsafe_names: true,
                cross_origin_delete_becomes_get: true,
                request_line_keeps_userinfo: true,
                error_needs_location: true,
                keeps_first_origin_outside_cors: true,
                redirected_request_drops_fetch_metadata: true,
                ..RedirectPolicy::SPEC
            },
            response: ResponsePolicy::SPEC,
            context: ContextPolicy {
                mixed_content_allows_loopback: false,
                mixed_content_after_redirect_preflight: true,
                loopback_trustworthy_for_referrer: false,
                referrer_policy_header_lenient: true,
                ..ContextPolicy::SPEC
            },
            cookies: CookiePolicy {
                third_party: ThirdPartyCookies::SettingBlocked,
                none_requires_secure: false,
                schemeful_same_site: false,
                redirect_taint: false,
                name_prefixes: false,
                max_age_over_expires: false,
                domain_lowercased: false,
                order: CookieOrder::PathThenDomain,
                ..CookiePolicy::SPEC
            },
        }
    }
}

impl Profile {
    /// Chromium with third-party cookies allowed, as Google Chrome ships by default (the project's
    /// research, user-layer.md E.1): cross-site requests send `SameSite=None` cookies, and
    /// responses to them may set some; cookies without `SameSite` stay Lax by default, and
    /// `Partitioned` cookies keep to their top-level site. Recorded by that research in Chromium
    /// 156 with `profile.cookie_controls_mode` 0 (user-layer.md E.2), not among this
    /// repository's recordings.
    pub fn chromium_third_party_cookies_allowed() -> Self {
        let mut profile = Self::chromium();
        profile.cookies.third_party = ThirdPartyCookies::Allowed;
        profile
    }

    /// Safari: the WebKit profile with full third-party cookie blocking (since Safari 13.1) and
    /// no CHIPS. Documentation only (user-layer.md E.1), not recorded: Safari keeps cookies in
    /// CFNetwork rather than WebKitGTK's libsoup, so the cookie fields that describe libsoup
    /// (name prefixes, `Max-Age` against `Expires`, the `Domain` case, the header order) take
    /// the standard's values here, unverified.
    pub fn safari() -> Self {
        let mut profile = Self::webkit();
        profile.cookies = CookiePolicy {
            third_party: ThirdPartyCookies::Blocked,
            none_requires_secure: false,
            schemeful_same_site: false,
            redirect_taint: false,
            ..CookiePolicy::SPEC
        };
        profile
    }
}

impl Default for Profile {
    fn default() -> Self {
        Self::spec()
    }
}

impl From<Engine> for Profile {
    fn from(engine: Engine) -> Self {
        engine.profile()
    }
}

impl FromStr for Profile {
    type Err = UnknownEngine;

    /// The profile of the engine named `spec`, `chromium`, `firefox` or `webkit`.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        name.parse::<Engine>().map(Engine::profile)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_names_round_trip() {
        for engine in [
            Engine::Spec,
            Engine::Chromium,
            Engine::Firefox,
            Engine::WebKit,
        ] {
            assert_eq!(engine.to_string().parse::<Engine>(), Ok(engine));
            assert_eq!(engine.profile().engine, engine);
        }
        assert!("Chrome".parse::<Engine>().is_err());
        assert!(!Engine::ALL.contains(&Engine::Spec));
    }

    #[test]
    fn the_spec_size_limit_is_the_standards() {
        assert_eq!(
            RequestHeaderPolicy::SPEC.safelist_value_size_limit,
            Some(crate::safelist::SAFELIST_VALUE_SIZE_LIMIT)
        );
    }
}
