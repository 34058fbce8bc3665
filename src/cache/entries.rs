//! How the CORS-preflight cache holds its entries: grouped by request target (network partition
//! key, byte-serialized origin and URL, stored once however many methods and header names a
//! preflight allows), each target's entries keyed by credentials and item, and every entry queued
//! in the order it was stored. So a lookup hashes its target once (a request's lookups share that
//! hash: [`TargetRef`] carries it), "clear cache entries" costs
//! the entries of one URL, the memory held is counted in bytes, and making room or sweeping
//! expired entries takes them from the front of the queue, in amortized constant time.

use crate::bytes::SmallBytes;
use crate::time::Time;
use hashbrown::{DefaultHashBuilder, Equivalent, HashMap, HashTable};
use std::collections::VecDeque;
use std::hash::BuildHasher;
use std::sync::Arc;

/// What a cache entry allows: Fetch's cache entry "method" or "header name" (the other is null).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Item {
    Method(SmallBytes),
    /// Stored lowercase: header names match byte-case-insensitively.
    HeaderName(SmallBytes),
}

/// An item, borrowed, for lookups that allocate nothing. Its derived `Hash` feeds the hasher
/// what `Item`'s does (`[u8]` and `SmallBytes` hash alike, and the variants are in the same
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
            | (ItemRef::HeaderName(a), Item::HeaderName(b)) => *a == b.as_bytes(),
            _ => false,
        };
        item && self.credentials == key.credentials
    }
}

/// A request target: what the entries of one URL, seen from one origin in one partition, share.
#[derive(Debug)]
struct Target {
    partition: Box<str>,
    origin: Box<str>,
    url: Box<str>,
    /// The hash of the three, as [`Entries::target`] computes it.
    hash: u64,
}

/// A [`Target`], borrowed, with its hash: made by [`Entries::target`], once for all the lookups
/// and stores of a request.
#[derive(Debug, Clone, Copy)]
pub(super) struct TargetRef<'a> {
    partition: &'a str,
    origin: &'a str,
    url: &'a str,
    hash: u64,
}

impl TargetRef<'_> {
    fn is(&self, target: &Target) -> bool {
        self.hash == target.hash
            && self.url == &*target.url
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

/// A target and its entries.
#[derive(Debug)]
struct Group {
    target: Arc<Target>,
    items: Items,
}

/// The cache's entries: each an expiry under a target and a key.
#[derive(Debug, Default)]
pub(super) struct Entries {
    /// One group per target, found by the target's hash.
    targets: HashTable<Group>,
    hasher: DefaultHashBuilder,
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

    /// The target of `partition`, `origin` and `url`, hashed.
    pub fn target<'a>(&self, partition: &'a str, origin: &'a str, url: &'a str) -> TargetRef<'a> {
        TargetRef {
            partition,
            origin,
            url,
            hash: self.hasher.hash_one((partition, origin, url)),
        }
    }

    /// The entries of `target`.
    fn items(&self, target: &TargetRef<'_>) -> Option<&Items> {
        let group = self
            .targets
            .find(target.hash, |group| target.is(&group.target))?;
        Some(&group.items)
    }

    /// The entries of `target`, to change.
    fn items_mut(&mut self, target: &TargetRef<'_>) -> Option<&mut Items> {
        let group = self
            .targets
            .find_mut(target.hash, |group| target.is(&group.target))?;
        Some(&mut group.items)
    }

    /// Removes the group of `target` (a stored one), returning its entries.
    fn remove_group(&mut self, target: &Target) -> Option<Items> {
        let group = self
            .targets
            .find_entry(target.hash, |group| ptr_or_equal(&group.target, target))
            .ok()?;
        Some(group.remove().0.items)
    }

    /// Probes `candidates` of `target` in order: the first live one, removing the expired ones
    /// met before it.
    pub fn probe(&mut self, target: &TargetRef<'_>, candidates: &[KeyRef<'_>], now: Time) -> Probe {
        let mut probe = Probe {
            hit: None,
            expired: false,
        };
        let Some(items) = self.items_mut(target) else {
            return probe;
        };
        let mut removed = (0, 0);
        for (index, key) in candidates.iter().enumerate() {
            match items.get(key) {
                Some(&expiry) if expiry > now => {
                    probe.hit = Some(index);
                    break;
                }
                Some(_) => {
                    items.remove(key);
                    removed.0 += 1;
                    removed.1 += entry_bytes(key);
                    probe.expired = true;
                }
                None => {}
            }
        }
        let emptied = items.is_empty();
        self.len -= removed.0;
        self.bytes -= removed.1;
        if probe.expired && emptied {
            self.remove_target(target);
        }
        probe
    }

    /// Whether a live entry is among `candidates` of `target`, removing nothing.
    pub fn peek(&self, target: &TargetRef<'_>, candidates: &[KeyRef<'_>], now: Time) -> bool {
        self.items(target).is_some_and(|items| {
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
            if let Some(entry) = self.items_mut(target).and_then(|i| i.get_mut(key)) {
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
                + if self.items(target).is_some() {
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
        let hasher = |group: &Group| group.target.hash;
        let group = match self
            .targets
            .find_mut(target.hash, |group| target.is(&group.target))
        {
            Some(group) => group,
            None => {
                self.bytes += TARGET_OVERHEAD + target.bytes();
                let group = Group {
                    target: Arc::new(Target {
                        partition: target.partition.into(),
                        origin: target.origin.into(),
                        url: target.url.into(),
                        hash: target.hash,
                    }),
                    items: Items::default(),
                };
                self.targets
                    .insert_unique(target.hash, group, hasher)
                    .into_mut()
            }
        };
        let (shared, items) = (Arc::clone(&group.target), &mut group.items);
        let stored = Arc::new(Key {
            credentials: key.credentials,
            item: match key.item {
                ItemRef::Method(method) => Item::Method(SmallBytes::copy(method)),
                ItemRef::HeaderName(name) => Item::HeaderName(SmallBytes::copy(name)),
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
        let found = self
            .targets
            .find_entry(target.hash, |group| target.is(&group.target));
        if let Ok(group) = found {
            let items = group.remove().0.items;
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
        let items = &self
            .targets
            .find(target.hash, |group| ptr_or_equal(&group.target, target))?
            .items;
        let (live, &expiry) = items.get_key_value(key)?;
        Arc::ptr_eq(live, key).then_some(expiry)
    }

    /// Removes a stored entry named by its queue slot.
    fn remove_stored(&mut self, target: &Arc<Target>, key: &Arc<Key>) {
        let Some(group) = self
            .targets
            .find_mut(target.hash, |group| ptr_or_equal(&group.target, target))
        else {
            return;
        };
        if group.items.remove(key).is_some() {
            self.len -= 1;
            self.bytes -= entry_bytes(&key.as_ref_key());
        }
        if group.items.is_empty() {
            self.remove_group(target);
            self.bytes -= TARGET_OVERHEAD + target.bytes();
        }
    }

    /// Removes the (emptied) group of `target`.
    fn remove_target(&mut self, target: &TargetRef<'_>) {
        if let Ok(group) = self
            .targets
            .find_entry(target.hash, |group| target.is(&group.target))
        {
            group.remove();
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

/// Whether a group's target is `target`: the same allocation, or (for a target removed and
/// stored again since) equal text.
fn ptr_or_equal(shared: &Arc<Target>, target: &Target) -> bool {
    std::ptr::eq(Arc::as_ptr(shared), target)
        || (shared.hash == target.hash
            && shared.url == target.url
            && shared.origin == target.origin
            && shared.partition == target.partition)
}

/// The bytes an entry with `key` holds.
fn entry_bytes(key: &KeyRef<'_>) -> usize {
    ENTRY_OVERHEAD + key.item.bytes().len()
}
