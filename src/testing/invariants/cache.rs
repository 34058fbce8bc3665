//! The CORS-preflight cache, against a model of the standard's cache that may drop entries early.

use crate::cache::{CacheRequest, PreflightCache};
use crate::profile::CachePolicy;
use crate::time::Time;
use std::borrow::Cow;
use std::time::Duration;

/// One call on a [`PreflightCache`]: `key` picks the partition, origin, URL and credentials of
/// the request from a few of each, `item` a method or header name ([`cache_item`]), `at` is
/// added to the time of the previous call, and `max_age` is the lifetime stored.
#[derive(Debug, Clone)]
#[allow(
    missing_docs,
    reason = "the fields are described above, once for every variant"
)]
pub enum CacheOp {
    /// `store_method`.
    StoreMethod {
        key: u8,
        item: u16,
        max_age: Duration,
        at: Duration,
    },
    /// `store_header_name`.
    StoreHeaderName {
        key: u8,
        item: u16,
        max_age: Duration,
        at: Duration,
    },
    /// `store_header_name` for `count` generated names (`x-0`, `x-1`, …), as a preflight that
    /// lists that many: the calls that fill a cache to its bound.
    StoreHeaderNames {
        key: u8,
        count: u16,
        max_age: Duration,
        at: Duration,
    },
    /// `method_match`.
    MethodMatch { key: u8, item: u16, at: Duration },
    /// `header_name_match`.
    HeaderNameMatch { key: u8, item: u16, at: Duration },
    /// `clear_entries`.
    ClearEntries { key: u8 },
    /// `clear`.
    Clear,
}

const METHODS: [&[u8]; 4] = [b"PUT", b"put", b"PATCH", b"*"];
const NAMES: [&[u8]; 5] = [b"x-a", b"X-A", b"x-b", b"authorization", b"*"];

/// The first item number of the generated header names: `item` 256 + n is `x-n`.
pub const GENERATED_NAMES: u16 = 256;

/// The method (`method`) or header name an op's `item` picks: one of a few (`*` and
/// `Authorization` among them) below [`GENERATED_NAMES`], else the generated name
/// `x-{item - GENERATED_NAMES}` (for header names).
pub fn cache_item(method: bool, item: u16) -> Cow<'static, [u8]> {
    match item.checked_sub(GENERATED_NAMES) {
        Some(n) if !method => Cow::Owned(generated_name(n)),
        _ => {
            let items: &[&'static [u8]] = if method { &METHODS } else { &NAMES };
            Cow::Borrowed(items[usize::from(item) % items.len()])
        }
    }
}

fn generated_name(n: u16) -> Vec<u8> {
    format!("x-{n}").into_bytes()
}

/// The standard's cache policy holding at most `capacity` entries (`None`: no bound), with the
/// matching rules of four bits: whether credentialed entries serve every request, whether `*`
/// entries are reused, whether `*` covers `Authorization`, whether credentialed `*` entries are
/// wildcards.
pub fn cache_policy(capacity: Option<usize>, bits: u8) -> CachePolicy {
    CachePolicy {
        capacity,
        credentialed_entries_serve_all: bits & 1 != 0,
        wildcard_entries_reused: bits & 2 != 0,
        wildcard_covers_authorization: bits & 4 != 0,
        credentialed_wildcards_match: bits & 8 != 0,
        ..CachePolicy::SPEC
    }
}

/// The request a key stands for: two partitions, two origins (one `null`), two URLs, and
/// credentials or not.
fn cache_request(key: u8) -> CacheRequest<'static> {
    CacheRequest {
        partition: ["http://page.example", "http://other.example"][usize::from(key & 1)],
        origin: ["http://page.example", "null"][usize::from(key >> 1 & 1)],
        url: ["http://api.example/a", "http://api.example/b"][usize::from(key >> 2 & 1)],
        include_credentials: key >> 3 & 1 == 1,
    }
}

/// A cache entry's identity: Fetch's cache entry fields but its max-age, the partition, origin
/// and URL as the index of their [`ModelCache::targets`] (a header name stored lowercase).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct EntryId {
    target: usize,
    credentials: bool,
    method: bool,
    item: Vec<u8>,
}

/// The standard's CORS-preflight cache: one entry per identity, with the expiry the last store
/// that reached it gave.
///
/// An `exact` model is the standard's list for a cache that drops nothing early. Otherwise the
/// model holds what the cache *may* hold, with the expiry it would have: a real cache may
/// remove any entry at any time (Fetch §4.9; a bound, a memory budget, the policy's clearing
/// rules), and what it removed changes what later stores do (a store that finds no matching
/// entry creates one), so the model lets every store create its entry and refresh every live
/// entry that matches. Whatever the cache removed, each entry it holds is then one the model
/// holds with the same expiry, and an entry expired in the model stays so.
pub(super) struct ModelCache {
    rules: CachePolicy,
    exact: bool,
    /// The (partition, origin, URL) triples entries were stored for.
    targets: Vec<(String, String, String)>,
    entries: hashbrown::HashMap<EntryId, Time>,
}

impl ModelCache {
    pub(super) fn new(rules: CachePolicy, exact: bool) -> Self {
        Self {
            rules,
            exact,
            targets: Vec::new(),
            entries: hashbrown::HashMap::new(),
        }
    }

    /// The index of the request's (partition, origin, URL) among the targets, if stored.
    fn target(&self, request: &CacheRequest<'_>) -> Option<usize> {
        self.targets.iter().position(|(partition, origin, url)| {
            (partition.as_str(), origin.as_str(), url.as_str())
                == (request.partition, request.origin, request.url)
        })
    }

    /// The identities that "method cache entry match" or "header-name cache entry match" for
    /// `item` accept for a request of `target`, the request's own first: same partition, origin
    /// and URL; credentials equal, or the entry's set when credentialed entries serve every
    /// request; the item itself, or `*` for a request without credentials when `*` entries are
    /// reused (for a header name other than `Authorization` unless `*` covers it; from a
    /// credentialed entry only when the rules make such `*` a wildcard).
    fn candidates(
        &self,
        target: usize,
        include_credentials: bool,
        method: bool,
        item: &[u8],
    ) -> Vec<EntryId> {
        let rules = &self.rules;
        let item = if method {
            item.to_vec()
        } else {
            item.to_ascii_lowercase()
        };
        let star = item != b"*"
            && rules.wildcard_entries_reused
            && !include_credentials
            && (method || rules.wildcard_covers_authorization || item != b"authorization");
        let credentials: &[bool] = match (include_credentials, rules.credentialed_entries_serve_all)
        {
            (true, _) => &[true],
            (false, true) => &[false, true],
            (false, false) => &[false],
        };
        let id = |credentials, item: &[u8]| EntryId {
            target,
            credentials,
            method,
            item: item.to_vec(),
        };
        let mut ids = Vec::new();
        for &credentialed in credentials {
            ids.push(id(credentialed, &item));
            if star && (!credentialed || rules.credentialed_wildcards_match) {
                ids.push(id(credentialed, b"*"));
            }
        }
        ids
    }

    /// Whether a live entry matches.
    pub(super) fn matches(
        &self,
        request: &CacheRequest<'_>,
        method: bool,
        item: &[u8],
        now: Time,
    ) -> bool {
        let Some(target) = self.target(request) else {
            return false;
        };
        self.candidates(target, request.include_credentials, method, item)
            .iter()
            .any(|id| self.entries.get(id).is_some_and(|&expiry| expiry > now))
    }

    /// "CORS-preflight fetch" steps 7.10-7.13: set the expiry of every live matching entry, or
    /// (exactly: when there is none) create the request's own. A lifetime that ends at once
    /// creates nothing.
    pub(super) fn store(
        &mut self,
        request: &CacheRequest<'_>,
        method: bool,
        item: &[u8],
        max_age: Duration,
        now: Time,
    ) {
        let target = self.target(request).unwrap_or_else(|| {
            let (partition, origin, url) = (request.partition, request.origin, request.url);
            self.targets
                .push((partition.to_owned(), origin.to_owned(), url.to_owned()));
            self.targets.len() - 1
        });
        let expiry = now.saturating_add(max_age);
        let mut candidates = self
            .candidates(target, request.include_credentials, method, item)
            .into_iter();
        let own = candidates.next().expect("the request's own entry");
        let mut matched = false;
        for id in std::iter::once(&own).chain(candidates.as_slice()) {
            if let Some(entry) = self.entries.get_mut(id).filter(|entry| **entry > now) {
                *entry = expiry;
                matched = true;
            }
        }
        if expiry > now && !(self.exact && matched) {
            self.entries.insert(own, expiry);
        }
    }

    /// "Clear cache entries" for the request's partition, origin and URL, or (`None`) every
    /// entry.
    fn clear(&mut self, request: Option<&CacheRequest<'_>>) {
        match request {
            Some(request) => {
                if let Some(target) = self.target(request) {
                    self.entries.retain(|id, _| id.target != target);
                }
            }
            None => self.entries.clear(),
        }
    }

    fn live(&self, now: Time) -> usize {
        self.entries
            .values()
            .filter(|&&expiry| expiry > now)
            .count()
    }
}

/// The most header names one `cache` input stores through [`CacheOp::StoreHeaderNames`].
pub const MAX_GENERATED_NAMES: usize = 1_100;

/// A [`PreflightCache`] of `policy` (its capacity and matching rules) against the standard's
/// cache (`ModelCache`), call by call:
///
/// - every match the cache reports is backed by an entry the model holds for that request
///   (partition, origin, URL, and credentials as the rules match them) and that item, or `*`
///   where `*` is a wildcard, stored by the last store that reached it and whose expiry is
///   still ahead; so no entry serves past its expiry, another request, or another item;
/// - the cache never holds more entries than its capacity, bytes than its memory budget, or
///   entries than the model (it keeps nothing that no store created);
/// - without a capacity, it answers exactly as the standard's list does, and holds at least
///   its live entries at the end.
pub fn check_cache_ops(policy: CachePolicy, ops: &[CacheOp]) {
    let capacity = policy.capacity;
    let mut cache = PreflightCache::new(policy);
    let mut model = ModelCache::new(policy, capacity.is_none());
    let mut now = Time::ZERO;
    let mut generated = 0;
    for op in ops {
        match *op {
            CacheOp::StoreMethod {
                key,
                item,
                max_age,
                at,
            }
            | CacheOp::StoreHeaderName {
                key,
                item,
                max_age,
                at,
            } => {
                now = now.saturating_add(at);
                let method = matches!(op, CacheOp::StoreMethod { .. });
                let item = cache_item(method, item);
                let request = cache_request(key);
                if method {
                    cache.store_method(&request, &item, max_age, now);
                } else {
                    cache.store_header_name(&request, &item, max_age, now);
                }
                model.store(&request, method, &item, max_age, now);
            }
            CacheOp::StoreHeaderNames {
                key,
                count,
                max_age,
                at,
            } => {
                now = now.saturating_add(at);
                let request = cache_request(key);
                let count =
                    count.min(u16::try_from(MAX_GENERATED_NAMES - generated).unwrap_or(u16::MAX));
                generated += usize::from(count);
                for n in 0..count {
                    let name = generated_name(n);
                    cache.store_header_name(&request, &name, max_age, now);
                    model.store(&request, false, &name, max_age, now);
                }
            }
            CacheOp::MethodMatch { key, item, at } | CacheOp::HeaderNameMatch { key, item, at } => {
                now = now.saturating_add(at);
                let method = matches!(op, CacheOp::MethodMatch { .. });
                let item = cache_item(method, item);
                let request = cache_request(key);
                let got = if method {
                    cache.method_match(&request, &item, now)
                } else {
                    cache.header_name_match(&request, &item, now)
                };
                let expected = model.matches(&request, method, &item, now);
                if got {
                    assert!(
                        expected,
                        "{op:?} at {now:?}: the cache used an entry the standard has not (or no \
                         longer)"
                    );
                } else if capacity.is_none() {
                    assert!(
                        !expected,
                        "{op:?} at {now:?}: an unbounded cache lost an entry"
                    );
                }
            }
            CacheOp::ClearEntries { key } => {
                let request = cache_request(key);
                cache.clear_entries(&request);
                model.clear(Some(&request));
            }
            CacheOp::Clear => {
                cache.clear();
                model.clear(None);
            }
        }
        assert!(
            capacity.is_none_or(|capacity| cache.len() <= capacity),
            "{op:?}"
        );
        assert!(cache.bytes() <= policy.memory_budget, "{op:?}");
        assert!(
            cache.len() <= model.entries.len(),
            "{op:?}: an entry no store made"
        );
    }
    if capacity.is_none() {
        assert!(
            cache.len() >= model.live(now),
            "an unbounded cache lost entries"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The model's "cache entry match": an expired entry, another key, `*` with credentials.
    #[test]
    fn the_model_matches_as_the_standard_says() {
        let mut model = ModelCache::new(CachePolicy::SPEC, true);
        let at = |s| Time::from_secs(s);
        let plain = cache_request(0);
        let credentialed = CacheRequest {
            include_credentials: true,
            ..plain
        };
        model.store(&plain, true, b"PUT", Duration::from_secs(10), at(0));
        assert!(model.matches(&plain, true, b"PUT", at(9)));
        assert!(!model.matches(&plain, true, b"PUT", at(10)), "expired");
        assert!(
            !model.matches(&plain, true, b"DELETE", at(0)),
            "another method"
        );
        assert!(
            !model.matches(&plain, false, b"PUT", at(0)),
            "a header name"
        );
        assert!(
            !model.matches(&credentialed, true, b"PUT", at(0)),
            "credentials"
        );
        model.store(&plain, true, b"*", Duration::from_secs(10), at(0));
        assert!(model.matches(&plain, true, b"PATCH", at(0)));
        assert!(
            !model.matches(&credentialed, true, b"PATCH", at(0)),
            "`*` with credentials"
        );
        model.store(&plain, false, b"*", Duration::from_secs(10), at(0));
        assert!(model.matches(&plain, false, b"X-A", at(0)));
        assert!(!model.matches(&plain, false, b"Authorization", at(0)));
    }

    /// The false failure of the earlier `cache` oracle (issue 10): a bounded cache that evicted a
    /// credentialed `*` entry then stores an uncredentialed one, which a later request may use.
    #[test]
    fn eviction_before_a_store_is_allowed() {
        let store = |key, item, max_age, at| CacheOp::StoreMethod {
            key,
            item,
            max_age: Duration::from_secs(max_age),
            at: Duration::from_secs(at),
        };
        let ops = [
            store(234, 3, 3000, 114),
            store(114, 2, 25, 25),
            store(114, 3, 2040, 98),
            CacheOp::MethodMatch {
                key: 98,
                item: 0,
                at: Duration::ZERO,
            },
        ];
        for capacity in [Some(1), Some(256), None] {
            check_cache_ops(cache_policy(capacity, 0b0011), &ops);
        }
    }
}
