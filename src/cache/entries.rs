//! How the CORS-preflight cache holds its entries: grouped by request target (network partition
//! key, byte-serialized origin and URL, stored once however many methods and header names a
//! preflight allows), each target's entries keyed by credentials and item, and every entry queued
//! in the order it was stored. So a lookup hashes its target once, "clear cache entries" costs
//! the entries of one URL, the memory held is counted in bytes, and making room or sweeping
//! expired entries takes them from the front of the queue, in amortized constant time.

use crate::time::Time;
use hashbrown::{Equivalent, HashMap};
use std::collections::VecDeque;
use std::sync::Arc;

/// What a cache entry allows: Fetch's cache entry "method" or "header name" (the other is null).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Item {
    Method(Box<[u8]>),
    /// Stored lowercase: header names match byte-case-insensitively.
    HeaderName(Box<[u8]>),
}

/// An item, borrowed, for lookups that allocate nothing. Its derived `Hash` feeds the hasher
/// what `Item`'s does (`[u8]` and `Box<[u8]>` hash alike, and the variants are in the same
/// order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum ItemRef<'a> {
    Method(&'a [u8]),
    HeaderName(&'a [u8]),
}

impl ItemRef<'_> {
    /// The `*` item of the same kind.
    pub fn star(self) -> ItemRef<'static> {
        match self {
            Self::Method(_) => ItemRef::Method(b"*"),
            Self::HeaderName(_) => ItemRef::HeaderName(b"*"),
        }
    }

    fn bytes(&self) -> &[u8] {
        match self {
            Self::Method(bytes) | Self::HeaderName(bytes) => bytes,
        }
    }
}

/// An entry's key within its target: its credentials and its item.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Key {
    credentials: bool,
    item: Item,
}

/// A [`Key`], borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct KeyRef<'a> {
    pub credentials: bool,
    pub item: ItemRef<'a>,
}

impl Equivalent<Arc<Key>> for KeyRef<'_> {
    fn equivalent(&self, key: &Arc<Key>) -> bool {
        let item = match (&self.item, &key.item) {
            (ItemRef::Method(a), Item::Method(b))
            | (ItemRef::HeaderName(a), Item::HeaderName(b)) => *a == &**b,
            _ => false,
        };
        item && self.credentials == key.credentials
    }
}

/// A request target: what the entries of one URL, seen from one origin in one partition, share.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Target {
    partition: Box<str>,
    origin: Box<str>,
    url: Box<str>,
}

/// A [`Target`], borrowed.
#[derive(Debug, Clone, Copy, Hash)]
pub(super) struct TargetRef<'a> {
    pub partition: &'a str,
    pub origin: &'a str,
    pub url: &'a str,
}

impl Equivalent<Arc<Target>> for TargetRef<'_> {
    fn equivalent(&self, target: &Arc<Target>) -> bool {
        self.url == &*target.url
            && self.origin == &*target.origin
            && self.partition == &*target.partition
    }
}

impl TargetRef<'_> {
    fn bytes(&self) -> usize {
        self.partition.len() + self.origin.len() + self.url.len()
    }
}

impl Target {
    fn bytes(&self) -> usize {
        self.partition.len() + self.origin.len() + self.url.len()
    }
}

/// The bytes an entry holds beyond its item's bytes: its key, its expiry, its place in the
/// target's map and in the queue (an estimate of the allocations, for the memory budget).
const ENTRY_OVERHEAD: usize = 96;
/// The bytes a target holds beyond its strings.
const TARGET_OVERHEAD: usize = 128;

/// The entries of one target.
type Items = HashMap<Arc<Key>, Time>;

/// The cache's entries: each an expiry under a target and a key.
#[derive(Debug, Default)]
pub(super) struct Entries {
    targets: HashMap<Arc<Target>, Items>,
    /// Every entry in the order it was stored, for eviction and sweeping. An entry removed from
    /// `targets` stays here until it reaches the front or the queue is compacted.
    stored: VecDeque<(Arc<Target>, Arc<Key>)>,
    len: usize,
    bytes: usize,
}

/// Where a lookup's candidates found a live entry.
pub(super) struct Probe {
    /// The index of the first candidate with a live entry.
    pub hit: Option<usize>,
    /// Whether an expired entry was met (and removed).
    pub expired: bool,
}

impl Entries {
    /// The number of entries, expired ones included until they are met.
    pub fn len(&self) -> usize {
        self.len
    }

    /// The bytes the entries hold (an estimate of their allocations).
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// Probes `candidates` of `target` in order: the first live one, removing the expired ones
    /// met before it.
    pub fn probe(&mut self, target: &TargetRef<'_>, candidates: &[KeyRef<'_>], now: Time) -> Probe {
        let mut probe = Probe {
            hit: None,
            expired: false,
        };
        let Some(items) = self.targets.get_mut(target) else {
            return probe;
        };
        for (index, key) in candidates.iter().enumerate() {
            match items.get(key) {
                Some(&expiry) if expiry > now => {
                    probe.hit = Some(index);
                    break;
                }
                Some(_) => {
                    items.remove(key);
                    self.len -= 1;
                    self.bytes -= entry_bytes(key);
                    probe.expired = true;
                }
                None => {}
            }
        }
        if probe.expired && items.is_empty() {
            self.targets.remove(target);
            self.bytes -= TARGET_OVERHEAD + target.bytes();
        }
        probe
    }

    /// Whether a live entry is among `candidates` of `target`, removing nothing.
    pub fn peek(&self, target: &TargetRef<'_>, candidates: &[KeyRef<'_>], now: Time) -> bool {
        self.targets.get(target).is_some_and(|items| {
            candidates
                .iter()
                .any(|key| items.get(key).is_some_and(|&expiry| expiry > now))
        })
    }

    /// Sets the expiry of every live entry among `candidates` of `target` to `expiry` (removing
    /// the expired ones); whether there was one.
    pub fn refresh(
        &mut self,
        target: &TargetRef<'_>,
        candidates: &[KeyRef<'_>],
        expiry: Time,
        now: Time,
    ) -> bool {
        let mut refreshed = false;
        let mut start = 0;
        while let Probe {
            hit: Some(index), ..
        } = self.probe(target, &candidates[start..], now)
        {
            let key = &candidates[start + index];
            if let Some(entry) = self.targets.get_mut(target).and_then(|i| i.get_mut(key)) {
                *entry = expiry;
            }
            refreshed = true;
            start += index + 1;
        }
        refreshed
    }

    /// Stores a new entry, making room first within `capacity` entries and `budget` bytes:
    /// expired entries at the front of the queue go first, then the oldest stored. Nothing is
    /// stored when the entry alone exceeds the budget.
    pub fn insert(
        &mut self,
        target: &TargetRef<'_>,
        key: &KeyRef<'_>,
        expiry: Time,
        capacity: Option<usize>,
        budget: usize,
        now: Time,
    ) {
        self.sweep(now);
        loop {
            let cost = entry_bytes(key)
                + if self.targets.contains_key(target) {
                    0
                } else {
                    TARGET_OVERHEAD + target.bytes()
                };
            let full =
                capacity.is_some_and(|capacity| self.len >= capacity) || self.bytes + cost > budget;
            if !full {
                break;
            }
            if !self.evict_oldest() {
                return;
            }
        }
        let (shared, items) = match self.targets.get_key_value_mut(target) {
            Some((shared, items)) => (Arc::clone(shared), items),
            None => {
                let shared = Arc::new(Target {
                    partition: target.partition.into(),
                    origin: target.origin.into(),
                    url: target.url.into(),
                });
                self.bytes += TARGET_OVERHEAD + target.bytes();
                let items = self.targets.entry(Arc::clone(&shared)).or_default();
                (shared, items)
            }
        };
        let stored = Arc::new(Key {
            credentials: key.credentials,
            item: match key.item {
                ItemRef::Method(method) => Item::Method(method.into()),
                ItemRef::HeaderName(name) => Item::HeaderName(name.into()),
            },
        });
        items.insert(Arc::clone(&stored), expiry);
        self.len += 1;
        self.bytes += entry_bytes(key);
        self.stored.push_back((shared, stored));
        self.compact();
    }

    /// "clear cache entries" for `target`: removes its entries, whatever their credentials,
    /// method or header name.
    pub fn clear_target(&mut self, target: &TargetRef<'_>) {
        if let Some(items) = self.targets.remove(target) {
            self.len -= items.len();
            self.bytes -= TARGET_OVERHEAD + target.bytes();
            for key in items.keys() {
                self.bytes -= entry_bytes(&key.as_ref_key());
            }
            self.compact();
        }
    }

    /// Takes from the front of the queue, as it is met, what is gone or expired: a store that
    /// sweeps at least as much as it adds keeps the expired entries of a steady stream from
    /// piling up.
    fn sweep(&mut self, now: Time) {
        for _ in 0..2 {
            let Some((target, key)) = self.stored.front() else {
                return;
            };
            match self.expiry_of(target, key) {
                Some(expiry) if expiry > now => return,
                Some(_) => {
                    let (target, key) = self.stored.pop_front().expect("a front");
                    self.remove_stored(&target, &key);
                }
                None => {
                    self.stored.pop_front();
                }
            }
        }
    }

    /// Removes the oldest stored entry still held (expired or not); whether there was one.
    fn evict_oldest(&mut self) -> bool {
        while let Some((target, key)) = self.stored.pop_front() {
            if self.expiry_of(&target, &key).is_some() {
                self.remove_stored(&target, &key);
                return true;
            }
        }
        false
    }

    /// The expiry of the entry this queue slot stands for, if the slot is that entry's own (not
    /// a removed entry's, whose key may since have been stored again).
    fn expiry_of(&self, target: &Arc<Target>, key: &Arc<Key>) -> Option<Time> {
        let items = self.targets.get(target)?;
        let (live, &expiry) = items.get_key_value(key)?;
        Arc::ptr_eq(live, key).then_some(expiry)
    }

    /// Removes a stored entry named by its queue slot.
    fn remove_stored(&mut self, target: &Arc<Target>, key: &Arc<Key>) {
        let Some(items) = self.targets.get_mut(target) else {
            return;
        };
        if items.remove(key).is_some() {
            self.len -= 1;
            self.bytes -= entry_bytes(&key.as_ref_key());
        }
        if items.is_empty() {
            self.targets.remove(target);
            self.bytes -= TARGET_OVERHEAD + target.bytes();
        }
    }

    /// Drops queue slots whose entries are gone once they outnumber the live ones, so the
    /// queue's size stays within twice the cache's.
    fn compact(&mut self) {
        if self.stored.len() > 2 * self.len + 16 {
            let mut stored = std::mem::take(&mut self.stored);
            stored.retain(|(target, key)| self.expiry_of(target, key).is_some());
            self.stored = stored;
        }
    }

    /// The size of the queue (live and stale slots), for tests of its bound.
    #[cfg(test)]
    pub fn queue_len(&self) -> usize {
        self.stored.len()
    }
}

impl Key {
    fn as_ref_key(&self) -> KeyRef<'_> {
        KeyRef {
            credentials: self.credentials,
            item: match &self.item {
                Item::Method(method) => ItemRef::Method(method),
                Item::HeaderName(name) => ItemRef::HeaderName(name),
            },
        }
    }
}

/// The bytes an entry with `key` holds.
fn entry_bytes(key: &KeyRef<'_>) -> usize {
    ENTRY_OVERHEAD + key.item.bytes().len()
}
