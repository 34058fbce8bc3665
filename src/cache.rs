//! The CORS-preflight cache: Fetch §4.9 "CORS-preflight cache".
//!
//! The standard's cache is a list of entries, one per (network partition key, byte-serialized
//! origin, URL, credentials, method or header name), each removed once its max-age has passed.
//! This one keeps exactly those entries in a hash map, so a lookup costs the same whatever the
//! cache holds, and bounds their number: when full, expired entries go first, then the oldest
//! stored (the standard lets a user agent remove entries before they expire).
//!
//! Time is always the caller's: every call that depends on it takes `now`.

use crate::time::Time;
use hashbrown::{Equivalent, HashMap};
use std::borrow::Cow;
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

/// What a cache entry allows: Fetch's cache entry "method" or "header name" (the other is null).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Item {
    Method(Box<[u8]>),
    /// Stored lowercase: header names match byte-case-insensitively.
    HeaderName(Box<[u8]>),
}

/// An entry's identity: everything but its max-age.
#[derive(Debug, PartialEq, Eq, Hash)]
struct EntryKey {
    partition: Box<str>,
    origin: Box<str>,
    url: Box<str>,
    credentials: bool,
    item: Item,
}

/// The same fields, borrowed, for lookups that allocate nothing. Its derived `Hash` feeds the
/// hasher exactly what `EntryKey`'s does (`str` and `String`, `[u8]` and `Box<[u8]>` hash
/// alike, and the two enums have the same variants in the same order).
#[derive(Hash)]
struct EntryRef<'a> {
    partition: &'a str,
    origin: &'a str,
    url: &'a str,
    credentials: bool,
    item: ItemRef<'a>,
}

#[derive(Clone, Copy, Hash)]
enum ItemRef<'a> {
    Method(&'a [u8]),
    HeaderName(&'a [u8]),
}

impl Equivalent<Arc<EntryKey>> for EntryRef<'_> {
    fn equivalent(&self, key: &Arc<EntryKey>) -> bool {
        let item = match (&self.item, &key.item) {
            (ItemRef::Method(a), Item::Method(b))
            | (ItemRef::HeaderName(a), Item::HeaderName(b)) => *a == &**b,
            _ => false,
        };
        item && self.credentials == key.credentials
            && self.url == &*key.url
            && self.origin == &*key.origin
            && self.partition == &*key.partition
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

impl<'a> CacheRequest<'a> {
    fn entry(&self, credentials: bool, item: ItemRef<'a>) -> EntryRef<'a> {
        EntryRef {
            partition: self.partition,
            origin: self.origin,
            url: self.url,
            credentials,
            item,
        }
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

#[derive(Debug)]
struct Entry {
    expiry: Time,
}

/// How a CORS-preflight cache matches entries: the standard's rules, or an engine's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct CacheRules {
    /// Fetch "cache entry match": an entry stored for a credentialed request also serves
    /// requests without credentials. Firefox keys credentialed and uncredentialed entries apart
    /// (`nsPreflightCache`, key prefix `cred`/`nocred`).
    pub credentialed_entries_serve_all: bool,
    /// Whether `*` entries match later requests. Firefox stores `*` as a literal token that
    /// matches nothing else, so wildcard-approved requests are preflighted every time.
    pub wildcard_entries_reused: bool,
    /// Whether a `*` header entry covers `Authorization`. The standard: no. Chromium's cache
    /// lookups always use the non-wildcard variant: no. WebKit: yes.
    pub wildcard_covers_authorization: bool,
    /// Whether a `*` entry stored by a credentialed preflight acts as a wildcard (for later
    /// requests without credentials). The standard's entries say yes; Chromium counts `*` only
    /// in results that were not credentialed (`PreflightResult::EnsureAllowedCrossOriginMethod`;
    /// recorded: `probe-cache-star-entry-from-credentialed-preflight`).
    pub credentialed_wildcards_match: bool,
}

impl Default for CacheRules {
    /// The standard's rules.
    fn default() -> Self {
        Self {
            credentialed_entries_serve_all: true,
            wildcard_entries_reused: true,
            wildcard_covers_authorization: false,
            credentialed_wildcards_match: true,
        }
    }
}

/// Fetch: "CORS-preflight cache".
#[derive(Debug, Default)]
pub struct PreflightCache {
    entries: HashMap<Arc<EntryKey>, Entry>,
    /// Keys in the order they were stored, for eviction. A key removed from `entries` stays
    /// here until it reaches the front or the queue is compacted.
    stored: VecDeque<Arc<EntryKey>>,
    capacity: Option<usize>,
    rules: CacheRules,
}

impl PreflightCache {
    /// An empty cache holding at most `capacity` entries (`None`: no bound) that matches
    /// entries by `rules`.
    pub fn new(capacity: Option<usize>, rules: CacheRules) -> Self {
        Self {
            capacity,
            rules,
            ..Self::default()
        }
    }

    /// The number of entries stored, expired ones included until they are removed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no entry is stored.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.stored.clear();
    }

    /// The keys of the entries that would match `request` for `item` (Fetch: "cache entry
    /// match" — a credentialed entry serves every request unless the rules say otherwise, an
    /// uncredentialed one only requests whose credentials mode is not `include`), the request's
    /// own kind first; with `wildcard`, also the `*` entries.
    fn candidates<'a>(
        rules: CacheRules,
        request: &CacheRequest<'a>,
        item: ItemRef<'a>,
        wildcard: bool,
    ) -> impl Iterator<Item = EntryRef<'a>> {
        let credentials: &'static [bool] = match (
            request.include_credentials,
            rules.credentialed_entries_serve_all,
        ) {
            (true, _) => &[true],
            (false, true) => &[false, true],
            (false, false) => &[false],
        };
        let wildcard = wildcard && rules.wildcard_entries_reused;
        let star = match item {
            ItemRef::Method(_) => ItemRef::Method(b"*"),
            ItemRef::HeaderName(_) => ItemRef::HeaderName(b"*"),
        };
        let request = *request;
        credentials.iter().flat_map(move |&c| {
            // A `*` stored by a credentialed preflight is a wildcard only if the rules say so.
            let star = (wildcard && (!c || rules.credentialed_wildcards_match)).then_some(star);
            [Some(item), star]
                .into_iter()
                .flatten()
                .map(move |item| request.entry(c, item))
        })
    }

    /// Whether a `*` header-name entry may match `name` for `request`.
    fn header_wildcard_applies(&self, request: &CacheRequest<'_>, name: &[u8]) -> bool {
        !request.include_credentials
            && (self.rules.wildcard_covers_authorization
                || !crate::safelist::is_cors_non_wildcard_request_header_name(name))
    }

    /// The entry for `key` unless it has expired; an expired entry is removed.
    fn fresh(&mut self, key: &EntryRef<'_>, now: Time) -> Option<&mut Entry> {
        let expired = self.entries.get(key)?.expiry <= now;
        if expired {
            self.entries.remove(key);
            return None;
        }
        self.entries.get_mut(key)
    }

    /// Whether the entry for `key` exists and has not expired (one lookup when it has not);
    /// an expired entry is removed.
    fn is_fresh(&mut self, key: &EntryRef<'_>, now: Time) -> bool {
        match self.entries.get(key) {
            Some(entry) if entry.expiry > now => true,
            Some(_) => {
                self.entries.remove(key);
                false
            }
            None => false,
        }
    }

    /// Whether some entry matches, per [`PreflightCache::candidates`].
    fn matches(
        &mut self,
        request: &CacheRequest<'_>,
        item: ItemRef<'_>,
        wildcard: bool,
        now: Time,
    ) -> bool {
        Self::candidates(self.rules, request, item, wildcard).any(|key| self.is_fresh(&key, now))
    }

    /// Fetch: "method cache entry match" — an entry for `method`, or for `*`. A `*` entry counts
    /// only for requests without credentials, as `*` is a wildcard only for those (Fetch
    /// "HTTP new-header syntax"); the standard's definition omits that condition, which would
    /// let a `*` stored by a credentialed preflight skip preflights it never allowed.
    pub fn method_match(&mut self, request: &CacheRequest<'_>, method: &[u8], now: Time) -> bool {
        self.matches(
            request,
            ItemRef::Method(method),
            !request.include_credentials,
            now,
        )
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
        let lowercase = lowercase(name);
        let wildcard = self.header_wildcard_applies(request, name);
        self.matches(request, ItemRef::HeaderName(&lowercase), wildcard, now)
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
        let wildcard = !request.include_credentials;
        self.store(request, ItemRef::Method(method), wildcard, max_age, now);
    }

    /// As [`PreflightCache::store_method`], for a header name (steps 7.12-7.13).
    pub fn store_header_name(
        &mut self,
        request: &CacheRequest<'_>,
        name: &[u8],
        max_age: Duration,
        now: Time,
    ) {
        let lowercase = lowercase(name);
        let wildcard = self.header_wildcard_applies(request, name);
        self.store(
            request,
            ItemRef::HeaderName(&lowercase),
            wildcard,
            max_age,
            now,
        );
    }

    fn store(
        &mut self,
        request: &CacheRequest<'_>,
        item: ItemRef<'_>,
        wildcard: bool,
        max_age: Duration,
        now: Time,
    ) {
        let expiry = now.saturating_add(max_age);
        let mut matched = false;
        for key in Self::candidates(self.rules, request, item, wildcard) {
            if let Some(entry) = self.fresh(&key, now) {
                entry.expiry = expiry;
                matched = true;
            }
        }
        if matched || expiry <= now || self.capacity == Some(0) {
            return;
        }
        if self
            .capacity
            .is_some_and(|capacity| self.entries.len() >= capacity)
        {
            self.make_room(now);
        }
        let key = Arc::new(EntryKey {
            partition: request.partition.into(),
            origin: request.origin.into(),
            url: request.url.into(),
            credentials: request.include_credentials,
            item: match item {
                ItemRef::Method(method) => Item::Method(method.into()),
                ItemRef::HeaderName(name) => Item::HeaderName(name.into()),
            },
        });
        self.stored.push_back(Arc::clone(&key));
        self.entries.insert(key, Entry { expiry });
        self.compact();
    }

    /// Frees one place: drops every expired entry, and if none had expired, the oldest stored.
    fn make_room(&mut self, now: Time) {
        let before = self.entries.len();
        self.entries.retain(|_, entry| entry.expiry > now);
        if self.entries.len() < before {
            return;
        }
        while let Some(oldest) = self.stored.pop_front() {
            if self.is_live(&oldest) {
                self.entries.remove(&oldest);
                return;
            }
        }
    }

    /// Drops queue slots whose entries are gone once they outnumber the live ones, so the
    /// queue's size stays within twice the cache's.
    fn compact(&mut self) {
        if self.stored.len() > 2 * self.entries.len() + 16 {
            let mut stored = std::mem::take(&mut self.stored);
            stored.retain(|key| self.is_live(key));
            self.stored = stored;
        }
    }

    /// Whether this queue slot's key is the stored entry's own (not a removed entry's, whose
    /// key may since have been stored again).
    fn is_live(&self, key: &Arc<EntryKey>) -> bool {
        self.entries
            .get_key_value(key)
            .is_some_and(|(live, _)| Arc::ptr_eq(live, key))
    }

    /// Fetch: "clear cache entries" — removes the entries for this partition, origin and URL,
    /// whatever their credentials, method or header name.
    pub fn clear_entries(&mut self, request: &CacheRequest<'_>) {
        self.entries.retain(|key, _| {
            !(&*key.url == request.url
                && &*key.origin == request.origin
                && &*key.partition == request.partition)
        });
        self.compact();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIVE: Duration = Duration::from_secs(5);

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
        let mut cache = PreflightCache::new(None, CacheRules::default());
        let r = request("http://api.example/", false);
        cache.store_method(&r, b"PUT", FIVE, Time::from_secs(10));
        assert!(cache.method_match(&r, b"PUT", Time::from_secs(14)));
        assert!(!cache.method_match(&r, b"put", Time::from_secs(14)));
        assert!(!cache.method_match(&r, b"PUT", Time::from_secs(15)));
        assert!(cache.is_empty(), "an expired entry is removed when met");
    }

    #[test]
    fn a_zero_max_age_stores_nothing_and_a_new_max_age_refreshes() {
        let mut cache = PreflightCache::new(None, CacheRules::default());
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
        let mut cache = PreflightCache::new(None, CacheRules::default());
        let url = "http://api.example/";
        cache.store_method(&request(url, false), b"PUT", FIVE, Time::ZERO);
        assert!(cache.method_match(&request(url, false), b"PUT", Time::ZERO));
        assert!(!cache.method_match(&request(url, true), b"PUT", Time::ZERO));
        cache.store_method(&request(url, true), b"DELETE", FIVE, Time::ZERO);
        assert!(cache.method_match(&request(url, false), b"DELETE", Time::ZERO));
        assert!(cache.method_match(&request(url, true), b"DELETE", Time::ZERO));
    }

    #[test]
    fn wildcards_match_without_credentials_and_never_authorization_unless_told() {
        let mut cache = PreflightCache::new(None, CacheRules::default());
        let url = "http://api.example/";
        let r = request(url, false);
        cache.store_method(&r, b"*", FIVE, Time::ZERO);
        cache.store_header_name(&r, b"*", FIVE, Time::ZERO);
        assert!(cache.method_match(&r, b"PATCH", Time::ZERO));
        assert!(cache.header_name_match(&r, b"x-anything", Time::ZERO));
        assert!(!cache.header_name_match(&r, b"Authorization", Time::ZERO));
        cache.store_method(&request(url, true), b"*", FIVE, Time::ZERO);
        assert!(!cache.method_match(&request(url, true), b"PATCH", Time::ZERO));
        let rules = CacheRules {
            wildcard_covers_authorization: true,
            ..CacheRules::default()
        };
        let mut covering = PreflightCache::new(None, rules);
        covering.store_header_name(&r, b"*", FIVE, Time::ZERO);
        assert!(covering.header_name_match(&r, b"authorization", Time::ZERO));
    }

    #[test]
    fn engine_rules_keep_credentials_apart_and_wildcards_literal() {
        let rules = CacheRules {
            credentialed_entries_serve_all: false,
            wildcard_entries_reused: false,
            wildcard_covers_authorization: false,
            credentialed_wildcards_match: true,
        };
        let mut cache = PreflightCache::new(None, rules);
        let url = "http://api.example/";
        cache.store_method(&request(url, true), b"PUT", FIVE, Time::ZERO);
        assert!(!cache.method_match(&request(url, false), b"PUT", Time::ZERO));
        cache.store_method(&request(url, false), b"*", FIVE, Time::ZERO);
        assert!(!cache.method_match(&request(url, false), b"PATCH", Time::ZERO));
        assert!(cache.method_match(&request(url, false), b"*", Time::ZERO));
    }

    #[test]
    fn entries_are_keyed_by_partition_origin_and_url() {
        let mut cache = PreflightCache::new(None, CacheRules::default());
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
        let mut cache = PreflightCache::new(None, CacheRules::default());
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
        let mut cache = PreflightCache::new(Some(2), CacheRules::default());
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
        let mut cache = PreflightCache::new(Some(4), CacheRules::default());
        let r = request("http://api.example/", false);
        for i in 0..10_000u32 {
            let method = format!("M{}", i % 7);
            cache.store_method(&r, method.as_bytes(), FIVE, Time::from_secs(u64::from(i)));
            if i % 3 == 0 {
                cache.clear_entries(&r);
            }
            assert!(cache.len() <= 4);
            assert!(cache.stored.len() <= 2 * cache.len() + 17);
        }
    }

    #[test]
    fn an_absurd_max_age_saturates() {
        let mut cache = PreflightCache::new(None, CacheRules::default());
        let r = request("http://api.example/", false);
        cache.store_method(&r, b"PUT", Duration::MAX, Time::from_secs(1));
        assert!(cache.method_match(&r, b"PUT", Time::from_secs(u64::MAX)));
    }
}
