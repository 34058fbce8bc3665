//! Browser profiles: where an engine departs from the standard, as data.
//!
//! The algorithms read a [`Profile`] and never ask which engine they model, so adding a
//! difference means adding a field here and reading it at the one step it changes. Every value
//! names where it comes from; `research/engines.md` §6 of the project notes summarises the
//! engines' sources (Chromium `services/network/cors`, Firefox `nsCORSListenerProxy.cpp`, WebKit
//! `CrossOriginPreflightResultCache.cpp`).

use crate::cache::CacheRules;
use std::time::Duration;

/// The engine whose behaviour a profile models; also selects the console wording of errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Engine {
    /// The Fetch standard as written (console messages in Chromium's wording).
    Spec,
    /// Chromium (Chrome, Edge, …).
    Chromium,
    /// Firefox (Gecko).
    Firefox,
    /// WebKit (Safari).
    WebKit,
}

impl Engine {
    /// The profile name used in vector files: `spec`, `chromium`, `firefox` or `webkit`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Spec => "spec",
            Self::Chromium => "chromium",
            Self::Firefox => "firefox",
            Self::WebKit => "webkit",
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

/// A browser profile: the standard's behaviour, or one engine's departures from it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Profile {
    /// The engine modelled.
    pub engine: Engine,
    /// How `Access-Control-Max-Age` is parsed.
    pub max_age_parsing: MaxAgeParsing,
    /// Fetch: the max-age used when the header is absent or invalid (5 s in the standard and
    /// every engine).
    pub default_max_age: Duration,
    /// Fetch: the "imposed limit on max-age"; `None` for no limit.
    pub max_age_cap: Option<Duration>,
    /// The most entries the CORS-preflight cache holds; `None` for no bound.
    pub cache_capacity: Option<usize>,
    /// How the CORS-preflight cache matches entries.
    pub cache_rules: CacheRules,
    /// Whether a new successful preflight replaces every cached entry of its URL. Chromium
    /// (`PreflightCache::AppendEntry`) and WebKit (`CrossOriginPreflightResultCache::appendEntry`)
    /// keep one result per URL, which a new preflight overwrites. The standard keeps an entry
    /// per method and header name.
    pub preflight_replaces_url_entries: bool,
    /// Whether a lookup that finds the URL's cached result insufficient erases it, so that a
    /// failing preflight leaves nothing. Chromium does (`CheckIfRequestCanSkipPreflight`,
    /// `kHitAndFail`); WebKit keeps it (recorded: `probe-cache-cleared-after-failed-preflight`).
    pub erases_insufficient_url_entries: bool,
    /// Which failed fetches clear the cache entries of their URL.
    pub failure_clears_cache: FailureClearing,
    /// Whether `Access-Control-Expose-Headers` exposes every header when one of its comma-split
    /// items is `*`, even though another item is no header name (so that the standard's parse
    /// fails and exposes nothing). Firefox looks for `*` before it checks the items
    /// (`InternalHeaders::CORSHeaders`; recorded: `eh-invalid-aceh-star`).
    pub expose_star_despite_invalid_items: bool,
    /// Whether a `Range` request header's unit is matched case-insensitively (`BYTES=0-1` is
    /// safelisted); the standard wants `bytes`. WebKit's `parseRange` ignores case (recorded:
    /// `probe-range-uppercase`).
    pub range_unit_case_insensitive: bool,
    /// Whether a 206 answer to a `Range` request that has `Content-Range` but no
    /// `Content-Length` gains a `Content-Length` (the length of the range), which script then
    /// reads as a safelisted header. Chromium's HTTP cache adds it
    /// (`PartialData::FixResponseHeaders`; recorded: `simple-get-range-closed`).
    pub partial_content_gains_length: bool,
    /// Whether a `data:` URL response carries `Content-Length` (the body's length) besides
    /// `Content-Type`. Firefox's data channel does (recorded: `cors-data-url-basic`); the
    /// standard's scheme fetch sets only `Content-Type`.
    pub data_url_content_length: bool,
    /// Whether `Access-Control-Allow-Headers: *` also allows `Authorization`. The standard says
    /// no ("CORS non-wildcard request-header name"); Chromium (feature
    /// `CorsNonWildcardRequestHeadersSupport` off by default), Firefox (pref
    /// `network.cors_preflight.authorization_covered_by_wildcard`, true by default) and WebKit
    /// say yes.
    pub wildcard_covers_authorization: bool,
    /// Whether an https page may fetch plain-http loopback URLs (`localhost`, `127.0.0.1`,
    /// `[::1]`), which Secure Contexts counts as potentially trustworthy. WebKit blocks them as
    /// mixed content (recorded: `probes.json` `mixed-localhost`, `mixed-127`).
    pub mixed_content_allows_loopback: bool,
    /// Whether Referrer Policy's downgrade test ("potentially trustworthy URL") counts loopback
    /// http URLs as trustworthy, as the standard does. The engines test for https alone, so an
    /// `http://localhost` page sends `Referer` to plain-http hosts (recorded in all three:
    /// `smoke.json` `get-acao-star`).
    pub loopback_trustworthy_for_referrer: bool,
    /// Whether `XMLHttpRequest` sets the use-CORS-preflight flag for upload listeners only when
    /// the request has a body, so a `GET` or `HEAD` is not preflighted for them. The standard
    /// sets it whenever there are listeners; Chromium needs a body (`XMLHttpRequest::
    /// CreateRequest`; recorded: `probes.json` `xhr-upload-get`).
    pub upload_preflight_needs_body: bool,
    /// Fetch "CORS-preflight fetch" step 7.4: a preflight made for the use-CORS-preflight flag
    /// whose answer has no `Access-Control-Allow-Methods` allows (and caches) the request's
    /// method. No engine does this: the method must be listed or safelisted (recorded in all
    /// three: `preflight-cache.json` `pc-use-cors-preflight-entry-serves-fetch`).
    pub flagged_preflight_allows_method: bool,
    /// Which methods a cache lookup lets through without their own method entry.
    pub cached_methods: CachedMethods,
    /// Whether preflight results are cached for requests whose origin serializes as `null`
    /// (an opaque document, or a redirect-tainted request). Chromium caches none (recorded:
    /// `null-origin.json` `null-origin-preflight-cache-hit-and-expiry`).
    pub caches_null_origin_preflights: bool,
    /// Fetch "CORS-unsafe request-header names": the total size of safelisted values past which
    /// they all count as unsafe (1024 bytes); `None` for no such rule, as in Firefox, whose
    /// `GetUnsafeHeaders` tests each header alone (recorded: `trigger-1025-bytes-preflight`).
    pub safelist_value_size_limit: Option<usize>,
    /// How repeated request-header names are judged and listed.
    pub repeated_headers: RepeatedHeaders,
    /// Fetch "append a request `Origin` header": whether an https page's non-cors, non-GET
    /// request to a loopback http URL keeps its origin instead of `null`. Chromium keeps it
    /// (recorded: `probe-referer-https-nocors-post-to-localhost`).
    pub origin_header_spares_loopback: bool,
    /// Whether preflight results are cached for a redirect-tainted request (whose origin
    /// serializes as `null`). WebKit gives such a request a new opaque origin at each redirect
    /// (`DocumentThreadableLoader::redirectReceived`), so its results are never found again
    /// (recorded: `redirect-307-put-tainted-misses-cache-entry-for-document-origin`).
    pub caches_redirect_tainted_preflights: bool,
    /// Whether every hop of a redirected request is preflighted when the request as script
    /// made it needed a preflight (a method that is not CORS-safelisted, or a CORS-unsafe
    /// header name), even once a 303 made it a `GET` or a hop to another origin dropped
    /// `Authorization`. The standard decides afresh at each hop; Firefox (the load's
    /// `CorsPreflightInfo`, `nsCORSListenerProxy::CheckPreflightNeeded`) and WebKit
    /// (`DocumentThreadableLoader`) keep the decision (recorded:
    /// `redirect-303-put-becomes-simple-get`, `redirect-authorization-removed-on-hop-to-other-origin`).
    pub redirects_keep_preflight_trigger: bool,
    /// Whether the CORS-unsafe request-header names stay those of the request as script made
    /// it, in every hop's preflight (`Access-Control-Request-Headers`) and cache lookups, even
    /// after a redirect removed the headers. WebKit keeps them (recorded:
    /// `probe-redirect-303-drops-content-type-no-preflight`).
    pub redirects_keep_unsafe_names: bool,
    /// Whether a preflight carries, is checked against and is cached under the document's
    /// origin even after a redirect tainted the request (whose own `Origin` is then `null`).
    /// Firefox builds preflights from the loading principal (`nsCORSPreflightListener`;
    /// recorded: `redirect-307-put-preflights-other-origin-with-origin-null`). The standard
    /// preflights with the request's origin, `null` once tainted.
    pub preflight_origin_untainted: bool,
    /// Whether a redirect to another origin turns `DELETE` into `GET` whatever its status; the
    /// standard rewrites only `POST` (on 301/302) and every method on 303. WebKitGTK does
    /// (`NetworkDataTaskSoup.cpp` `shouldRedirectAsGET`; recorded:
    /// `probe-redirect-302-keeps-delete-preflights-tainted`, and `redirect-302-patch-keeps-method`
    /// for a method it keeps).
    pub cross_origin_redirect_makes_delete_get: bool,
    /// Fetch "HTTP-redirect fetch" step 9: whether a `cors` request fails on a `Location` with
    /// a username or password even when it is same origin with the request's origin (where the
    /// standard follows it). Chromium fails (recorded:
    /// `redirect-location-credentials-same-origin-followed`).
    pub location_credentials_fail_same_origin: bool,
    /// Whether a redirected request's line keeps the username and password its URL has. WebKitGTK
    /// takes them out only when the request is made (`NetworkDataTaskSoup`), so the hop to a
    /// `Location` with credentials carries them to the server (seen through the recorder's
    /// proxy: `redirect-location-credentials-same-origin-followed`).
    pub request_line_keeps_userinfo: bool,
    /// Whether redirect mode `error` fails only on a redirect status that has a `Location`;
    /// without one, Chromium and WebKit hand the 3xx to script like any response (recorded:
    /// `redirect-mode-error-without-location`). The standard fails on any redirect status.
    pub redirect_error_needs_location: bool,
}

impl Profile {
    /// The Fetch standard as written. Its cache holds at most 1,024 entries (the standard lets a
    /// user agent remove entries early; the bound is Chromium's `kMaxCacheEntries`), and sets no
    /// imposed limit on max-age.
    pub fn spec() -> Self {
        Self {
            engine: Engine::Spec,
            max_age_parsing: MaxAgeParsing::Spec,
            default_max_age: Duration::from_secs(5),
            max_age_cap: None,
            cache_capacity: Some(1024),
            cache_rules: CacheRules::default(),
            preflight_replaces_url_entries: false,
            erases_insufficient_url_entries: false,
            failure_clears_cache: FailureClearing::PreflightedRequests,
            expose_star_despite_invalid_items: false,
            range_unit_case_insensitive: false,
            partial_content_gains_length: false,
            data_url_content_length: false,
            wildcard_covers_authorization: false,
            mixed_content_allows_loopback: true,
            loopback_trustworthy_for_referrer: true,
            upload_preflight_needs_body: false,
            flagged_preflight_allows_method: true,
            cached_methods: CachedMethods::Spec,
            caches_null_origin_preflights: true,
            safelist_value_size_limit: Some(crate::safelist::SAFELIST_VALUE_SIZE_LIMIT),
            repeated_headers: RepeatedHeaders::Separate,
            origin_header_spares_loopback: false,
            redirect_error_needs_location: false,
            caches_redirect_tainted_preflights: true,
            redirects_keep_preflight_trigger: false,
            redirects_keep_unsafe_names: false,
            preflight_origin_untainted: false,
            cross_origin_redirect_makes_delete_get: false,
            location_credentials_fail_same_origin: false,
            request_line_keeps_userinfo: false,
        }
    }

    /// Chromium: max-age capped at 2 hours (`kMaxTimeout`), 1,024 cache entries
    /// (`kMaxCacheEntries`), `*` covers `Authorization`.
    pub fn chromium() -> Self {
        Self {
            engine: Engine::Chromium,
            max_age_parsing: MaxAgeParsing::Chromium,
            max_age_cap: Some(Duration::from_secs(7200)),
            cache_capacity: Some(1024),
            // Lookups use the non-wildcard Authorization variant (`CheckIfRequestCanSkipPreflight`).
            cache_rules: CacheRules {
                wildcard_covers_authorization: false,
                credentialed_wildcards_match: false,
                ..CacheRules::default()
            },
            preflight_replaces_url_entries: true,
            erases_insufficient_url_entries: true,
            failure_clears_cache: FailureClearing::Never,
            wildcard_covers_authorization: true,
            loopback_trustworthy_for_referrer: false,
            upload_preflight_needs_body: true,
            flagged_preflight_allows_method: false,
            cached_methods: CachedMethods::AllowedByEveryResult {
                methods: &["GET", "HEAD", "POST"],
                kept_until_evicted: false,
            },
            caches_null_origin_preflights: false,
            caches_redirect_tainted_preflights: false,
            repeated_headers: RepeatedHeaders::Combined,
            location_credentials_fail_same_origin: true,
            partial_content_gains_length: true,
            origin_header_spares_loopback: true,
            redirect_error_needs_location: true,
            ..Self::spec()
        }
    }

    /// Firefox: max-age capped at 24 hours, 100 cache entries (`PREFLIGHT_CACHE_SIZE`), `*`
    /// covers `Authorization`.
    pub fn firefox() -> Self {
        Self {
            engine: Engine::Firefox,
            max_age_parsing: MaxAgeParsing::Firefox,
            max_age_cap: Some(Duration::from_secs(86400)),
            cache_capacity: Some(100),
            safelist_value_size_limit: None,
            repeated_headers: RepeatedHeaders::Listed,
            failure_clears_cache: FailureClearing::CorsRequests,
            expose_star_despite_invalid_items: true,
            data_url_content_length: true,
            flagged_preflight_allows_method: false,
            cached_methods: CachedMethods::AllowedByEveryResult {
                methods: &["GET", "POST"],
                kept_until_evicted: true,
            },
            cache_rules: CacheRules {
                credentialed_entries_serve_all: false,
                wildcard_entries_reused: false,
                wildcard_covers_authorization: false,
                credentialed_wildcards_match: true,
            },
            wildcard_covers_authorization: true,
            loopback_trustworthy_for_referrer: false,
            redirects_keep_preflight_trigger: true,
            preflight_origin_untainted: true,
            ..Self::spec()
        }
    }

    /// WebKit: max-age capped at 10 minutes (`maxPreflightCacheTimeout`), an unbounded cache,
    /// `*` covers `Authorization`. (`isCrossOriginSafeHeader` in some WebKit trees also exposes
    /// `Accept`; WebKitGTK 2.50 does not: `probe-expose-accept-response-header`.)
    pub fn webkit() -> Self {
        Self {
            engine: Engine::WebKit,
            max_age_parsing: MaxAgeParsing::WebKit,
            max_age_cap: Some(Duration::from_secs(600)),
            cache_capacity: None,
            redirect_error_needs_location: true,
            flagged_preflight_allows_method: false,
            cached_methods: CachedMethods::AllowedByEveryResult {
                methods: &["GET", "HEAD", "POST"],
                kept_until_evicted: false,
            },
            cache_rules: CacheRules {
                wildcard_covers_authorization: true,
                ..CacheRules::default()
            },
            preflight_replaces_url_entries: true,
            failure_clears_cache: FailureClearing::Never,
            wildcard_covers_authorization: true,
            mixed_content_allows_loopback: false,
            loopback_trustworthy_for_referrer: false,
            caches_redirect_tainted_preflights: false,
            redirects_keep_preflight_trigger: true,
            redirects_keep_unsafe_names: true,
            repeated_headers: RepeatedHeaders::Combined,
            cross_origin_redirect_makes_delete_get: true,
            request_line_keeps_userinfo: true,
            range_unit_case_insensitive: true,
            ..Self::spec()
        }
    }

    /// The profile named `spec`, `chromium`, `firefox` or `webkit`.
    pub fn by_name(name: &str) -> Option<Self> {
        match name {
            "spec" => Some(Self::spec()),
            "chromium" => Some(Self::chromium()),
            "firefox" => Some(Self::firefox()),
            "webkit" => Some(Self::webkit()),
            _ => None,
        }
    }
}

impl Default for Profile {
    fn default() -> Self {
        Self::spec()
    }
}
