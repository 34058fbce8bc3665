//! The CORS-preflight cache: Fetch §4.9 "CORS-preflight cache".
//!
//! The standard's cache is a list of entries, one per (network partition key, byte-serialized
//! origin, URL, credentials, method or header name), each removed once its max-age has passed.
//! This one keeps exactly those entries in a hash map, so a lookup costs the same whatever the
//! cache holds, and bounds their number: when full, expired entries go first, then the oldest
//! stored (the standard lets a user agent remove entries before they expire).
//!
//! Time is always the caller's: every call that depends on it takes `now`.
//!
//! Besides the standard's primitives ("cache entry match", "create a new cache entry", "clear
//! cache entries"), the cache runs the policy around them that the profile's [`CachePolicy`]
//! sets: how a lookup decides that a request may skip its preflight (`PreflightCache::lookup`),
//! how a successful preflight's result is stored (`PreflightCache::store_result`), and which
//! failures clear entries (`PreflightCache::clear_after_failure`).

use crate::header::{Extracted, HeaderList, extract_single};
use crate::method::is_cors_safelisted_method;
use crate::profile::{CachePolicy, CachedMethods, FailureClearing, MaxAgeParsing};
use crate::time::Time;
use http::HeaderName;
use http::header::ACCESS_CONTROL_MAX_AGE;
use std::borrow::Cow;
use std::time::Duration;

mod entries;

use entries::{Entries, ItemRef, KeyRef, TargetRef};

/// The keys a lookup probes within its target, in order, each marked when it is a `*` entry's
/// (see `PreflightCache::candidates`): at most four, in a fixed array.
struct Candidates<'a> {
    keys: [KeyRef<'a>; 4],
    stars: [bool; 4],
    len: usize,
}

impl<'a> Candidates<'a> {
    fn new() -> Self {
        let none = KeyRef {
            credentials: false,
            item: ItemRef::Method(b""),
        };
        Self {
            keys: [none; 4],
            stars: [false; 4],
            len: 0,
        }
    }

    fn push(&mut self, key: KeyRef<'a>, star: bool) {
        self.keys[self.len] = key;
        self.stars[self.len] = star;
        self.len += 1;
    }

    fn keys(&self) -> &[KeyRef<'a>] {
        &self.keys[..self.len]
    }
}

/// The part of a request a cache lookup reads (Fetch: "cache entry match").
#[derive(Debug, Clone, Copy)]
pub struct CacheRequest<'a> {
    /// Fetch: the result of "determining the network partition key".
    pub partition: &'a str,
    /// Fetch: "byte-serializing a request origin" (`null` once redirect-tainted).
    pub origin: &'a str,
    /// The request's current URL, serialized.
    pub url: &'a str,
    /// Whether the request's credentials mode is `include`.
    pub include_credentials: bool,
}

/// A request with the target its entries are stored under, hashed once for all of its lookups
/// and stores.
struct Targeted<'a> {
    request: CacheRequest<'a>,
    target: TargetRef<'a>,
}

impl<'a> std::ops::Deref for Targeted<'a> {
    type Target = CacheRequest<'a>;

    fn deref(&self) -> &CacheRequest<'a> {
        &self.request
    }
}

/// A header name, lowercased only when it has to be.
fn lowercase(name: &[u8]) -> Cow<'_, [u8]> {
    if name.iter().any(u8::is_ascii_uppercase) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// What a lookup found for one method or header name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CacheMatch {
    /// A live entry for the method or name itself.
    Hit,
    /// A live `*` entry.
    Wildcard,
    /// An entry that had expired (now removed).
    Expired,
    /// No entry.
    Miss,
}

impl CacheMatch {
    /// Whether the lookup found a live entry.
    pub fn is_hit(self) -> bool {
        matches!(self, Self::Hit | Self::Wildcard)
    }
}

/// What a traced [`PreflightCache::lookup`] found: each item, and the policy fields whose
/// matching rules changed an item's result from the standard's.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct LookupRecord {
    pub items: Vec<LookupItem>,
    pub departures: Vec<&'static str>,
}

/// One item of a CORS-preflight cache lookup: a method or a header name, and what it found.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LookupItem {
    /// A method cache entry match.
    Method(String, CacheMatch),
    /// A header-name cache entry match.
    HeaderName(String, CacheMatch),
}

/// Fetch: "CORS-preflight cache". <https://fetch.spec.whatwg.org/#concept-cache>
#[derive(Debug, Default)]
pub struct PreflightCache {
    entries: Entries,
    policy: CachePolicy,
}

impl PreflightCache {
    /// An empty cache run by `policy`.
    pub fn new(policy: CachePolicy) -> Self {
        Self {
            policy,
            ..Self::default()
        }
    }

    /// The policy it runs by.
    pub fn policy(&self) -> &CachePolicy {
        &self.policy
    }

    /// The number of entries stored, expired ones included until they are met.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no entry is stored.
    pub fn is_empty(&self) -> bool {
        self.entries.len() == 0
    }

    /// The memory the entries hold, in bytes (an estimate of their allocations), which the
    /// policy's `memory_budget` bounds.
    pub fn bytes(&self) -> usize {
        self.entries.bytes()
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// The keys of the entries that would match `request` for `item` within its target (Fetch:
    /// "cache entry match" — a credentialed entry serves every request unless the rules say
    /// otherwise, an uncredentialed one only requests whose credentials mode is not
    /// `include`), the request's own kind first, then the `*` entries that may stand for
    /// `item`, each marked as such.
    ///
    /// `*` is a wildcard only for requests without credentials (Fetch "HTTP new-header
    /// syntax"), and never for a CORS non-wildcard request-header name unless the rules let it
    /// cover one. (The standard's "method cache entry match" omits the first condition, which
    /// would let a `*` stored by a credentialed preflight skip preflights it never allowed.)
    fn candidates<'a>(
        rules: &CachePolicy,
        request: &CacheRequest<'_>,
        item: ItemRef<'a>,
    ) -> Candidates<'a> {
        let credentials: &'static [bool] = match (
            request.include_credentials,
            rules.credentialed_entries_serve_all,
        ) {
            (true, _) => &[true],
            (false, true) => &[false, true],
            (false, false) => &[false],
        };
        let wildcard = !request.include_credentials
            && rules.wildcard_entries_reused
            && match item {
                ItemRef::Method(_) => true,
                ItemRef::HeaderName(name) => {
                    rules.wildcard_covers_authorization
                        || !crate::safelist::is_cors_non_wildcard_request_header_name(name)
                }
            };
        let mut candidates = Candidates::new();
        for &credentials in credentials {
            candidates.push(KeyRef { credentials, item }, false);
            // A `*` stored by a credentialed preflight is a wildcard only if the rules say so.
            if wildcard && (!credentials || rules.credentialed_wildcards_match) {
                let star = KeyRef {
                    credentials,
                    item: item.star(),
                };
                candidates.push(star, true);
            }
        }
        candidates
    }

    /// Whether a live entry matches `item` under the matching rules of `rules`, removing
    /// nothing: for the trace, which compares an engine's rules with the standard's.
    fn peek(
        &self,
        rules: &CachePolicy,
        request: &Targeted<'_>,
        item: ItemRef<'_>,
        now: Time,
    ) -> bool {
        let candidates = Self::candidates(rules, request, item);
        self.entries.peek(&request.target, candidates.keys(), now)
    }

    /// The matching-rule fields of the policy that, each set to the standard's value alone,
    /// would change whether `item` matches (`hit` is what it did).
    fn rule_departures(
        &self,
        request: &Targeted<'_>,
        item: ItemRef<'_>,
        hit: bool,
        now: Time,
    ) -> Vec<&'static str> {
        let spec = CachePolicy::SPEC;
        let policy = self.policy;
        let fields: [(&'static str, CachePolicy); 4] = [
            (
                "cache.credentialed_entries_serve_all",
                CachePolicy {
                    credentialed_entries_serve_all: spec.credentialed_entries_serve_all,
                    ..policy
                },
            ),
            (
                "cache.wildcard_entries_reused",
                CachePolicy {
                    wildcard_entries_reused: spec.wildcard_entries_reused,
                    ..policy
                },
            ),
            (
                "cache.wildcard_covers_authorization",
                CachePolicy {
                    wildcard_covers_authorization: spec.wildcard_covers_authorization,
                    ..policy
                },
            ),
            (
                "cache.credentialed_wildcards_match",
                CachePolicy {
                    credentialed_wildcards_match: spec.credentialed_wildcards_match,
                    ..policy
                },
            ),
        ];
        fields
            .into_iter()
            .filter(|(_, rules)| *rules != policy && self.peek(rules, request, item, now) != hit)
            .map(|(field, _)| field)
            .collect()
    }

    /// The first live entry among [`PreflightCache::candidates`] (`*` entries reported as
    /// [`CacheMatch::Wildcard`]), else `Expired` if one had expired (and was removed), else
    /// `Miss`.
    fn matches(&mut self, request: &Targeted<'_>, item: ItemRef<'_>, now: Time) -> CacheMatch {
        let target = &request.target;
        // The request's own entry comes first among the candidates, and most lookups end there:
        // the others are made only when it is not live.
        let own = KeyRef {
            credentials: request.include_credentials,
            item,
        };
        let first = self.entries.probe(target, &[own], now);
        if first.hit.is_some() {
            return CacheMatch::Hit;
        }
        let candidates = Self::candidates(&self.policy, request, item);
        debug_assert!(candidates.keys()[0] == own);
        let probe = self.entries.probe(target, &candidates.keys()[1..], now);
        match probe.hit {
            Some(index) if candidates.stars[index + 1] => CacheMatch::Wildcard,
            Some(_) => CacheMatch::Hit,
            None if first.expired || probe.expired => CacheMatch::Expired,
            None => CacheMatch::Miss,
        }
    }

    /// Fetch: "method cache entry match" — an entry for `method`, or for `*`. A `*` entry counts
    /// only for requests without credentials, as `*` is a wildcard only for those (Fetch
    /// "HTTP new-header syntax"); the standard's definition omits that condition, which would
    /// let a `*` stored by a credentialed preflight skip preflights it never allowed.
    pub fn method_match(&mut self, request: &CacheRequest<'_>, method: &[u8], now: Time) -> bool {
        self.lookup_method(request, method, now).is_hit()
    }

    /// [`PreflightCache::method_match`], saying what it found.
    pub fn lookup_method(
        &mut self,
        request: &CacheRequest<'_>,
        method: &[u8],
        now: Time,
    ) -> CacheMatch {
        let request = self.targeted(request);
        self.method_entry(&request, method, now)
    }

    /// [`PreflightCache::lookup_method`] for a request whose target is hashed.
    fn method_entry(&mut self, request: &Targeted<'_>, method: &[u8], now: Time) -> CacheMatch {
        self.matches(request, ItemRef::Method(method), now)
    }

    /// `request` with its target hashed.
    fn targeted<'a>(&self, request: &CacheRequest<'a>) -> Targeted<'a> {
        Targeted {
            request: *request,
            target: self
                .entries
                .target(request.partition, request.origin, request.url),
        }
    }

    /// Fetch: "header-name cache entry match" — an entry for the name (case-insensitively), or
    /// for `*` unless the name is a CORS non-wildcard request-header name (and the rules do not
    /// let `*` cover it). As for methods, `*` counts only for requests without credentials.
    pub fn header_name_match(
        &mut self,
        request: &CacheRequest<'_>,
        name: &[u8],
        now: Time,
    ) -> bool {
        self.lookup_header_name(request, name, now).is_hit()
    }

    /// [`PreflightCache::header_name_match`], saying what it found.
    pub fn lookup_header_name(
        &mut self,
        request: &CacheRequest<'_>,
        name: &[u8],
        now: Time,
    ) -> CacheMatch {
        let request = self.targeted(request);
        self.header_name_entry(&request, name, now)
    }

    /// [`PreflightCache::lookup_header_name`] for a request whose target is hashed.
    fn header_name_entry(&mut self, request: &Targeted<'_>, name: &[u8], now: Time) -> CacheMatch {
        self.matches(request, ItemRef::HeaderName(&lowercase(name)), now)
    }

    /// Fetch: "CORS-preflight fetch" steps 7.10-7.11 for one method: set the max-age of every
    /// entry that is a method cache entry match (a credentialed entry matches an uncredentialed
    /// request too), or, when none is, "create a new cache entry". An entry whose max-age is
    /// set lives `max_age` from `now`.
    pub fn store_method(
        &mut self,
        request: &CacheRequest<'_>,
        method: &[u8],
        max_age: Duration,
        now: Time,
    ) {
        let request = self.targeted(request);
        self.store_method_entry(&request, method, max_age, now);
    }

    /// [`PreflightCache::store_method`] for a request whose target is hashed.
    fn store_method_entry(
        &mut self,
        request: &Targeted<'_>,
        method: &[u8],
        max_age: Duration,
        now: Time,
    ) {
        self.store(request, ItemRef::Method(method), max_age, now);
    }

    /// As [`PreflightCache::store_method`], for a header name (steps 7.12-7.13).
    pub fn store_header_name(
        &mut self,
        request: &CacheRequest<'_>,
        name: &[u8],
        max_age: Duration,
        now: Time,
    ) {
        let request = self.targeted(request);
        self.store_header_name_entry(&request, name, max_age, now);
    }

    /// [`PreflightCache::store_header_name`] for a request whose target is hashed.
    fn store_header_name_entry(
        &mut self,
        request: &Targeted<'_>,
        name: &[u8],
        max_age: Duration,
        now: Time,
    ) {
        self.store(request, ItemRef::HeaderName(&lowercase(name)), max_age, now);
    }

    fn store(&mut self, request: &Targeted<'_>, item: ItemRef<'_>, max_age: Duration, now: Time) {
        let expiry = now.saturating_add(max_age);
        let target = &request.target;
        let candidates = Self::candidates(&self.policy, request, item);
        let refreshed = self.entries.refresh(target, candidates.keys(), expiry, now);
        if refreshed || expiry <= now || self.policy.capacity == Some(0) {
            return;
        }
        let own = KeyRef {
            credentials: request.include_credentials,
            item,
        };
        self.entries.insert(
            target,
            &own,
            expiry,
            self.policy.capacity,
            self.policy.memory_budget,
            now,
        );
    }

    /// Fetch: "clear cache entries" — removes the entries for this partition, origin and URL,
    /// whatever their credentials, method or header name.
    pub fn clear_entries(&mut self, request: &CacheRequest<'_>) {
        let target = self
            .entries
            .target(request.partition, request.origin, request.url);
        self.entries.clear_target(&target);
    }
}

/// What the cache did with a successful preflight's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Stored {
    /// Stored, each entry for `max_age` from now.
    Stored {
        /// The lifetime given to the entries, after the cap.
        max_age: Duration,
        /// The lifetime `Access-Control-Max-Age` (or the default) asked for, before the cap.
        asked: Duration,
    },
    /// Not stored.
    NotCached(NotCached),
}

/// Why a successful preflight's result was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NotCached {
    /// The engine reads the `Access-Control-Max-Age` value as "do not cache".
    MaxAge,
    /// The request's origin serializes as `null`, whose results the engine does not cache.
    NullOrigin,
    /// The request was redirect-tainted, and the engine caches no such result.
    RedirectTainted,
    /// The URL is longer than the engine caches results for.
    UrlTooLong,
}

impl PreflightCache {
    /// Fetch "HTTP fetch" step 4.1 as the policy runs it: whether the cache lets a request skip
    /// its preflight — a method cache entry match for `method` (unless the method needs none),
    /// and a header-name cache entry match for each of `unsafe_names`. When the result is
    /// insufficient and the policy erases such results, the URL's entries go. `record`, when
    /// given, receives what each lookup found (every item is then looked up).
    pub(crate) fn lookup(
        &mut self,
        request: &CacheRequest<'_>,
        method: &[u8],
        use_cors_preflight: bool,
        unsafe_names: &[HeaderName],
        now: Time,
        mut record: Option<&mut LookupRecord>,
    ) -> bool {
        let needs_method_entry = match self.policy.cached_methods {
            CachedMethods::Spec => !is_cors_safelisted_method(method) || use_cors_preflight,
            // Every stored result holds entries for the methods it allows unlisted.
            CachedMethods::AllowedByEveryResult { .. } => true,
        };
        let request = &self.targeted(request);
        let mut sufficient = true;
        if needs_method_entry {
            let found = self.method_entry(request, method, now);
            if let Some(record) = record.as_deref_mut() {
                let item = ItemRef::Method(method);
                let departures = self.rule_departures(request, item, found.is_hit(), now);
                record.departures.extend(departures);
                let method = String::from_utf8_lossy(method).into_owned();
                record.items.push(LookupItem::Method(method, found));
            }
            sufficient = found.is_hit();
        }
        for name in unsafe_names {
            if !sufficient && record.is_none() {
                break;
            }
            let name = name.as_str();
            let found = self.header_name_entry(request, name.as_bytes(), now);
            if let Some(record) = record.as_deref_mut() {
                let item = ItemRef::HeaderName(name.as_bytes());
                let departures = self.rule_departures(request, item, found.is_hit(), now);
                record.departures.extend(departures);
                record
                    .items
                    .push(LookupItem::HeaderName(name.to_owned(), found));
            }
            sufficient &= found.is_hit();
        }
        if !sufficient && self.policy.erases_insufficient_url_entries {
            // One result per URL: the lookup that found it insufficient erases it.
            self.entries.clear_target(&request.target);
        }
        sufficient
    }

    /// Fetch "CORS-preflight fetch" steps 7.8-7.13 as the policy runs them: the max-age from
    /// the preflight response's `headers` (within the imposed limit), then an entry for each
    /// allowed method and header name, refreshed where one matches. `redirect_tainted` says
    /// whether the result was obtained for a redirect-tainted request.
    pub(crate) fn store_result(
        &mut self,
        request: &CacheRequest<'_>,
        methods: &[&[u8]],
        header_names: &[&[u8]],
        headers: &HeaderList,
        redirect_tainted: bool,
        now: Time,
    ) -> Stored {
        let policy = self.policy;
        let Some(asked) = max_age(headers, &policy) else {
            return Stored::NotCached(NotCached::MaxAge);
        };
        if policy
            .max_url_length
            .is_some_and(|longest| request.url.len() >= longest)
        {
            return Stored::NotCached(NotCached::UrlTooLong);
        }
        if !policy.caches_null_origin && request.origin == "null" {
            return Stored::NotCached(NotCached::NullOrigin);
        }
        if !policy.caches_redirect_tainted && redirect_tainted {
            return Stored::NotCached(NotCached::RedirectTainted);
        }
        // A max-age of 0 still updates the entries it matches (they expire at once).
        let max_age = policy.max_age_cap.map_or(asked, |cap| asked.min(cap));
        let request = &self.targeted(request);
        if policy.replaces_url_entries {
            self.entries.clear_target(&request.target);
        }
        for method in methods {
            self.store_method_entry(request, method, max_age, now);
        }
        if let CachedMethods::AllowedByEveryResult {
            methods,
            kept_until_evicted,
        } = policy.cached_methods
        {
            // The result's presence, as entries for the methods it allows unlisted.
            let lifetime = if kept_until_evicted {
                Duration::MAX
            } else {
                max_age
            };
            for method in methods {
                self.store_method_entry(request, method.as_bytes(), lifetime, now);
            }
        }
        for name in header_names {
            self.store_header_name_entry(request, name, max_age, now);
        }
        Stored::Stored { max_age, asked }
    }

    /// Fetch "main fetch": on a network error, "clear cache entries" for the request when the
    /// policy says this failure clears them — `preflight_branch` says whether the request took
    /// the CORS-with-preflight branch, `cors_tainting` whether its tainting is `cors`. Returns
    /// whether it cleared.
    pub(crate) fn clear_after_failure(
        &mut self,
        request: &CacheRequest<'_>,
        preflight_branch: bool,
        cors_tainting: bool,
    ) -> bool {
        let clear = match self.policy.failure_clears {
            FailureClearing::Never => false,
            FailureClearing::PreflightedRequests => preflight_branch,
            FailureClearing::CorsRequests => cors_tainting,
        };
        if clear {
            self.clear_entries(request);
        }
        clear
    }
}

/// The lifetime `Access-Control-Max-Age` gives cache entries under `policy`, before its cap;
/// `None` when the engine does not cache the result at all.
/// <https://fetch.spec.whatwg.org/#http-access-control-max-age>
pub fn max_age(headers: &HeaderList, policy: &CachePolicy) -> Option<Duration> {
    let default = Some(policy.default_max_age);
    let seconds = |s: u64| Some(Duration::from_secs(s));
    match policy.max_age_parsing {
        // Fetch: "extract header list values" with ABNF delta-seconds; failure or null → 5.
        MaxAgeParsing::Spec => match extract_single(headers, &ACCESS_CONTROL_MAX_AGE) {
            Extracted::Values(v) if !v.is_empty() && v.iter().all(u8::is_ascii_digit) => {
                seconds(delta_seconds(v))
            }
            _ => default,
        },
        // Engines read the combined value ("get": repeated headers joined by `, `).
        MaxAgeParsing::Chromium => match headers.get(&ACCESS_CONTROL_MAX_AGE) {
            None => default,
            Some(v) => match parse_i64(&v) {
                Some(n) => seconds(n.max(0).unsigned_abs()),
                None => default,
            },
        },
        MaxAgeParsing::Firefox => match headers.get(&ACCESS_CONTROL_MAX_AGE) {
            None => default,
            Some(v) if v.is_empty() => default,
            // `age == 0` is not cached either.
            Some(v) if v.iter().all(u8::is_ascii_digit) => Some(saturating_decimal(&v))
                .filter(|&age| age > 0)
                .and_then(seconds),
            Some(_) => None,
        },
        MaxAgeParsing::WebKit => match headers.get(&ACCESS_CONTROL_MAX_AGE) {
            None => default,
            Some(v) => match parse_i64(v.trim_ascii()) {
                Some(n) if n < 0 => None,
                Some(n) => seconds(n.unsigned_abs()),
                None => default,
            },
        },
    }
}

/// RFC 9111 §1.2.2 `delta-seconds`: a value greater than the greatest integer the cache can
/// represent, or whose calculations overflow, is taken as 2^31 seconds. This cache takes 2^31
/// as its greatest, so that a greater value never gives a shorter lifetime than a smaller one.
fn delta_seconds(digits: &[u8]) -> u64 {
    const OVERFLOW: u64 = 1 << 31;
    digits
        .iter()
        .try_fold(0u64, |n, &d| {
            n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
        })
        .map_or(OVERFLOW, |n| n.min(OVERFLOW))
}

/// Digits as a number, saturating at `u64::MAX` (every cap is far below it).
fn saturating_decimal(digits: &[u8]) -> u64 {
    digits.iter().fold(0u64, |n, &d| {
        n.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    })
}

/// An optional sign then one or more digits, fitting an `i64` (Chromium's `StringToInt64`,
/// WebKit's `parseInteger<int64_t>` once whitespace is trimmed).
fn parse_i64(bytes: &[u8]) -> Option<i64> {
    std::str::from_utf8(bytes).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIVE: Duration = Duration::from_secs(5);

    /// The standard's rules without a bound.
    fn unbounded() -> CachePolicy {
        CachePolicy {
            capacity: None,
            ..CachePolicy::SPEC
        }
    }

    fn secs(values: &[&str], policy: CachePolicy) -> Option<u64> {
        let list: Vec<(&str, &str)> = values
            .iter()
            .map(|v| ("Access-Control-Max-Age", *v))
            .collect();
        max_age(&crate::header::list(&list), &policy).map(|d| d.as_secs())
    }

    #[test]
    fn max_age_parsing_follows_each_profile() {
        use crate::profile::Profile;
        // Value(s), then spec, Chromium, Firefox, WebKit before the cap.
        let rows: &[(&[&str], [Option<u64>; 4])] = &[
            (&[], [Some(5), Some(5), Some(5), Some(5)]),
            (&["0"], [Some(0), Some(0), None, Some(0)]),
            (&["60"], [Some(60), Some(60), Some(60), Some(60)]),
            (&["+60"], [Some(5), Some(60), None, Some(60)]),
            (&["-1"], [Some(5), Some(0), None, None]),
            (&["10.5"], [Some(5), Some(5), None, Some(5)]),
            (&["7201"], [Some(7201), Some(7201), Some(7201), Some(7201)]),
            // RFC 9111: a delta-seconds too large to represent is 2^31.
            (
                &["99999999999999999999"],
                [Some(1 << 31), Some(5), Some(u64::MAX), Some(5)],
            ),
            // And so is any greater than 2^31 that fits: never less than a smaller value's.
            (
                &["18446744073709551615"],
                [Some(1 << 31), Some(5), Some(u64::MAX), Some(5)],
            ),
            (
                &["2147483649"],
                [
                    Some(1 << 31),
                    Some(2147483649),
                    Some(2147483649),
                    Some(2147483649),
                ],
            ),
            (&["60", "60"], [Some(5), Some(5), None, Some(5)]),
            (&["abc"], [Some(5), Some(5), None, Some(5)]),
        ];
        for (values, expected) in rows {
            let got = [
                secs(values, Profile::spec().cache),
                secs(values, Profile::chromium().cache),
                secs(values, Profile::firefox().cache),
                secs(values, Profile::webkit().cache),
            ];
            assert_eq!(&got, expected, "{values:?}");
        }
    }

    fn request(url: &str, include_credentials: bool) -> CacheRequest<'_> {
        CacheRequest {
            partition: "http://page.example",
            origin: "http://page.example",
            url,
            include_credentials,
        }
    }

    #[test]
    fn entries_expire_after_their_max_age() {
        let mut cache = PreflightCache::new(unbounded());
        let r = request("http://api.example/", false);
        cache.store_method(&r, b"PUT", FIVE, Time::from_secs(10));
        assert!(cache.method_match(&r, b"PUT", Time::from_secs(14)));
        assert!(!cache.method_match(&r, b"put", Time::from_secs(14)));
        assert!(!cache.method_match(&r, b"PUT", Time::from_secs(15)));
        assert!(cache.is_empty(), "an expired entry is removed when met");
    }

    #[test]
    fn a_zero_max_age_stores_nothing_and_a_new_max_age_refreshes() {
        let mut cache = PreflightCache::new(unbounded());
        let r = request("http://api.example/", false);
        cache.store_method(&r, b"PUT", Duration::ZERO, Time::ZERO);
        assert!(cache.is_empty());
        cache.store_header_name(&r, b"X-A", FIVE, Time::ZERO);
        cache.store_header_name(&r, b"x-a", FIVE, Time::from_secs(4));
        assert_eq!(cache.len(), 1);
        assert!(cache.header_name_match(&r, b"X-a", Time::from_secs(8)));
    }

    #[test]
    fn credentialed_entries_serve_every_request_uncredentialed_only_uncredentialed() {
        let mut cache = PreflightCache::new(unbounded());
        let url = "http://api.example/";
        cache.store_method(&request(url, false), b"PUT", FIVE, Time::ZERO);
        assert!(cache.method_match(&request(url, false), b"PUT", Time::ZERO));
        assert!(!cache.method_match(&request(url, true), b"PUT", Time::ZERO));
        cache.store_method(&request(url, true), b"DELETE", FIVE, Time::ZERO);
        assert!(cache.method_match(&request(url, false), b"DELETE", Time::ZERO));
        assert!(cache.method_match(&request(url, true), b"DELETE", Time::ZERO));
    }

    #[test]
    fn lookups_say_what_they_found_beyond_the_requests_own_entry() {
        let mut cache = PreflightCache::new(unbounded());
        let url = "http://api.example/";
        let (plain, credentialed) = (request(url, false), request(url, true));
        // (Stored after `*`, `PUT` would only refresh the `*` entry, which matches it.)
        cache.store_method(&plain, b"PUT", FIVE, Time::ZERO);
        cache.store_method(&plain, b"*", FIVE, Time::ZERO);
        assert_eq!(cache.len(), 2);
        assert_eq!(
            cache.lookup_method(&plain, b"PUT", Time::ZERO),
            CacheMatch::Hit
        );
        assert_eq!(
            cache.lookup_method(&plain, b"PATCH", Time::ZERO),
            CacheMatch::Wildcard
        );
        // An expired entry other than the request's own: a credentialed one, which serves an
        // uncredentialed request too.
        let later = Time::from_secs(5);
        cache.clear_entries(&plain);
        cache.store_method(&credentialed, b"DELETE", FIVE, Time::ZERO);
        assert_eq!(
            cache.lookup_method(&plain, b"DELETE", later),
            CacheMatch::Expired
        );
        assert!(cache.is_empty());
    }

    #[test]
    fn wildcards_match_without_credentials_and_never_authorization_unless_told() {
        let mut cache = PreflightCache::new(unbounded());
        let url = "http://api.example/";
        let r = request(url, false);
        cache.store_method(&r, b"*", FIVE, Time::ZERO);
        cache.store_header_name(&r, b"*", FIVE, Time::ZERO);
        assert!(cache.method_match(&r, b"PATCH", Time::ZERO));
        assert!(cache.header_name_match(&r, b"x-anything", Time::ZERO));
        assert!(!cache.header_name_match(&r, b"Authorization", Time::ZERO));
        cache.store_method(&request(url, true), b"*", FIVE, Time::ZERO);
        assert!(!cache.method_match(&request(url, true), b"PATCH", Time::ZERO));
        let mut covering = PreflightCache::new(CachePolicy {
            wildcard_covers_authorization: true,
            ..unbounded()
        });
        covering.store_header_name(&r, b"*", FIVE, Time::ZERO);
        assert!(covering.header_name_match(&r, b"authorization", Time::ZERO));
    }

    #[test]
    fn engine_rules_keep_credentials_apart_and_wildcards_literal() {
        let mut cache = PreflightCache::new(CachePolicy {
            credentialed_entries_serve_all: false,
            wildcard_entries_reused: false,
            wildcard_covers_authorization: false,
            credentialed_wildcards_match: true,
            ..unbounded()
        });
        let url = "http://api.example/";
        cache.store_method(&request(url, true), b"PUT", FIVE, Time::ZERO);
        assert!(!cache.method_match(&request(url, false), b"PUT", Time::ZERO));
        cache.store_method(&request(url, false), b"*", FIVE, Time::ZERO);
        assert!(!cache.method_match(&request(url, false), b"PATCH", Time::ZERO));
        assert!(cache.method_match(&request(url, false), b"*", Time::ZERO));
    }

    #[test]
    fn entries_are_keyed_by_partition_origin_and_url() {
        let mut cache = PreflightCache::new(unbounded());
        let r = request("http://api.example/a", false);
        cache.store_method(&r, b"PUT", FIVE, Time::ZERO);
        let other_url = request("http://api.example/b", false);
        let other_origin = CacheRequest {
            origin: "null",
            ..r
        };
        let other_partition = CacheRequest {
            partition: "http://other.example",
            ..r
        };
        for other in [other_url, other_origin, other_partition] {
            assert!(!cache.method_match(&other, b"PUT", Time::ZERO));
        }
    }

    #[test]
    fn clear_entries_removes_every_entry_of_the_url() {
        let mut cache = PreflightCache::new(unbounded());
        let a = request("http://api.example/a", false);
        let b = request("http://api.example/b", false);
        cache.store_method(&a, b"PUT", FIVE, Time::ZERO);
        cache.store_header_name(
            &request("http://api.example/a", true),
            b"x",
            FIVE,
            Time::ZERO,
        );
        cache.store_method(&b, b"PUT", FIVE, Time::ZERO);
        cache.clear_entries(&a);
        assert_eq!(cache.len(), 1);
        assert!(cache.method_match(&b, b"PUT", Time::ZERO));
    }

    #[test]
    fn a_full_cache_drops_expired_entries_first_then_the_oldest() {
        // Expired entries at the front of the store order go first, then the oldest stored.
        let mut cache = PreflightCache::new(CachePolicy {
            capacity: Some(2),
            ..CachePolicy::SPEC
        });
        let r = request("http://api.example/", false);
        cache.store_method(&r, b"A", Duration::from_secs(1), Time::ZERO);
        cache.store_method(&r, b"B", FIVE, Time::ZERO);
        cache.store_method(&r, b"C", FIVE, Time::from_secs(2));
        assert!(cache.method_match(&r, b"B", Time::from_secs(2)));
        assert!(cache.method_match(&r, b"C", Time::from_secs(2)));
        cache.store_method(&r, b"D", FIVE, Time::from_secs(2));
        assert_eq!(cache.len(), 2);
        assert!(!cache.method_match(&r, b"B", Time::from_secs(2)));
        assert!(cache.method_match(&r, b"D", Time::from_secs(2)));
    }

    #[test]
    fn the_eviction_queue_stays_bounded_under_churn() {
        let mut cache = PreflightCache::new(CachePolicy {
            capacity: Some(4),
            ..CachePolicy::SPEC
        });
        let r = request("http://api.example/", false);
        for i in 0..10_000u32 {
            let method = format!("M{}", i % 7);
            cache.store_method(&r, method.as_bytes(), FIVE, Time::from_secs(u64::from(i)));
            if i % 3 == 0 {
                cache.clear_entries(&r);
            }
            assert!(cache.len() <= 4);
            assert!(cache.entries.queue_len() <= 2 * cache.len() + 17);
        }
    }

    #[test]
    fn a_target_is_stored_once_however_many_entries_it_has() {
        let mut cache = PreflightCache::new(unbounded());
        let url = format!("http://api.example/{}", "a".repeat(64 << 10));
        let r = request(&url, false);
        for i in 0..1024 {
            cache.store_header_name(&r, format!("x-{i}").as_bytes(), FIVE, Time::ZERO);
        }
        assert_eq!(cache.len(), 1024);
        // One copy of the 64 KiB URL, not one per entry.
        assert!(cache.bytes() < (64 << 10) + 1024 * 200, "{}", cache.bytes());
        cache.clear_entries(&r);
        assert_eq!((cache.len(), cache.bytes()), (0, 0));
    }

    #[test]
    fn the_memory_budget_bounds_the_bytes_held() {
        let mut cache = PreflightCache::new(CachePolicy {
            memory_budget: 64 << 10,
            ..unbounded()
        });
        for i in 0..10_000u32 {
            let url = format!("http://api.example/{i}/{}", "p".repeat(100));
            cache.store_method(&request(&url, false), b"PUT", FIVE, Time::ZERO);
            assert!(cache.bytes() <= 64 << 10, "{} at {i}", cache.bytes());
        }
        // The newest are kept, the oldest made room.
        let newest = format!("http://api.example/9999/{}", "p".repeat(100));
        assert!(cache.method_match(&request(&newest, false), b"PUT", Time::ZERO));
        let oldest = format!("http://api.example/0/{}", "p".repeat(100));
        assert!(!cache.method_match(&request(&oldest, false), b"PUT", Time::ZERO));
        // An entry larger than the whole budget is not stored.
        let huge = format!("http://api.example/{}", "h".repeat(128 << 10));
        cache.store_method(&request(&huge, false), b"PUT", FIVE, Time::ZERO);
        assert!(!cache.method_match(&request(&huge, false), b"PUT", Time::ZERO));
    }

    #[test]
    fn an_unbounded_cache_sweeps_what_expired_as_a_stream_goes_on() {
        let mut cache = PreflightCache::new(CachePolicy {
            capacity: None,
            ..CachePolicy::SPEC
        });
        for i in 0..100_000u64 {
            let url = format!("http://api.example/{i}");
            cache.store_method(&request(&url, false), b"PUT", FIVE, Time::from_secs(10 * i));
        }
        // Each store sweeps two slots from the front: every entry but the newest has expired.
        assert!(cache.len() <= 2, "{}", cache.len());
    }

    #[test]
    fn an_absurd_max_age_saturates() {
        let mut cache = PreflightCache::new(unbounded());
        let r = request("http://api.example/", false);
        cache.store_method(&r, b"PUT", Duration::MAX, Time::from_secs(1));
        assert!(cache.method_match(&r, b"PUT", Time::from_secs(u64::MAX)));
    }
}
