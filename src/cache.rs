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

#[derive(Debug)]
struct Entry {
    expiry: Time,
}

/// Fetch: "CORS-preflight cache".
#[derive(Debug, Default)]
pub struct PreflightCache {
    entries: HashMap<Arc<EntryKey>, Entry>,
    /// Keys in the order they were stored, for eviction. A key removed from `entries` stays
    /// here until it reaches the front or the queue is compacted.
    stored: VecDeque<Arc<EntryKey>>,
    capacity: Option<usize>,
}

impl PreflightCache {
    /// An empty cache holding at most `capacity` entries (`None`: no bound).
    pub fn new(capacity: Option<usize>) -> Self {
        Self {
            capacity,
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

    /// Whether an entry for `item` matches `request` (Fetch: "cache entry match": a
    /// credentialed entry serves every request, an uncredentialed one only requests whose
    /// credentials mode is not `include`) and has not expired. An expired entry is removed.
    fn matches(&mut self, request: &CacheRequest<'_>, item: ItemRef<'_>, now: Time) -> bool {
        let credentials: &[bool] = if request.include_credentials {
            &[true]
        } else {
            &[true, false]
        };
        credentials.iter().any(|&c| {
            let key = request.entry(c, item);
            match self.entries.get(&key) {
                Some(entry) if entry.expiry > now => true,
                Some(_) => {
                    self.entries.remove(&key);
                    false
                }
                None => false,
            }
        })
    }

    /// Fetch: "method cache entry match" — an entry for `method`, or for `*`. A `*` entry counts
    /// only for requests without credentials, as `*` is a wildcard only for those (Fetch
    /// "HTTP new-header syntax"); the standard's definition omits that condition, which would
    /// let a `*` stored by a credentialed preflight skip preflights it never allowed.
    pub fn method_match(&mut self, request: &CacheRequest<'_>, method: &[u8], now: Time) -> bool {
        self.matches(request, ItemRef::Method(method), now)
            || (!request.include_credentials && self.matches(request, ItemRef::Method(b"*"), now))
    }

    /// Fetch: "header-name cache entry match" — an entry for the name (case-insensitively), or
    /// for `*` unless the name is a CORS non-wildcard request-header name and
    /// `wildcard_covers_authorization` is false. As for methods, `*` counts only for requests
    /// without credentials.
    pub fn header_name_match(
        &mut self,
        request: &CacheRequest<'_>,
        name: &[u8],
        wildcard_covers_authorization: bool,
        now: Time,
    ) -> bool {
        let lowercase: Cow<'_, [u8]> = if name.iter().any(u8::is_ascii_uppercase) {
            Cow::Owned(name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(name)
        };
        let wildcard_applies = !request.include_credentials
            && (wildcard_covers_authorization
                || !crate::safelist::is_cors_non_wildcard_request_header_name(name));
        self.matches(request, ItemRef::HeaderName(&lowercase), now)
            || (wildcard_applies && self.matches(request, ItemRef::HeaderName(b"*"), now))
    }

    /// Fetch: "CORS-preflight fetch" steps that store a method's entry: set the max-age of the
    /// exactly matching entry, or "create a new cache entry". The entry expires `max_age` after
    /// `now`.
    pub fn store_method(
        &mut self,
        request: &CacheRequest<'_>,
        method: &[u8],
        max_age: Duration,
        now: Time,
    ) {
        self.store(request, Item::Method(method.into()), max_age, now);
    }

    /// As [`PreflightCache::store_method`], for a header name.
    pub fn store_header_name(
        &mut self,
        request: &CacheRequest<'_>,
        name: &[u8],
        max_age: Duration,
        now: Time,
    ) {
        self.store(
            request,
            Item::HeaderName(name.to_ascii_lowercase().into()),
            max_age,
            now,
        );
    }

    fn store(&mut self, request: &CacheRequest<'_>, item: Item, max_age: Duration, now: Time) {
        let expiry = now.saturating_add(max_age);
        let key = EntryKey {
            partition: request.partition.into(),
            origin: request.origin.into(),
            url: request.url.into(),
            credentials: request.include_credentials,
            item,
        };
        if let Some(entry) = self.entries.get_mut(&key) {
            entry.expiry = expiry;
            return;
        }
        if expiry <= now || self.capacity == Some(0) {
            return;
        }
        if self
            .capacity
            .is_some_and(|capacity| self.entries.len() >= capacity)
        {
            self.make_room(now);
        }
        let key = Arc::new(key);
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
