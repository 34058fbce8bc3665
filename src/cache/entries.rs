//! How the CORS-preflight cache holds its entries: grouped by request target (network partition
//! key, byte-serialized origin and URL, stored once however many methods and header names a
//! preflight allows), each target's entries keyed by credentials and item, and every entry queued
//! in the order it was stored. So a lookup hashes its target once (a request's lookups share that
//! hash: [`TargetRef`] carries it), "clear cache entries" costs the entries of one URL, the
//! memory held is counted in bytes, and making room or sweeping expired entries takes them from
//! the front of the queue, in amortized constant time.
//!
//! Most targets hold a handful of entries: those are kept in a short list, searched in order, so
//! that storing a preflight's result allocates little and a lookup hashes nothing more. A target
//! that gains more entries moves them to a map, so that no lookup scans a long list.

use crate::bytes::SmallBytes;
use crate::time::Time;
use hashbrown::{DefaultHashBuilder, Equivalent, HashMap, HashTable};
use std::cell::Cell;
use std::collections::VecDeque;
use std::hash::BuildHasher;

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
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    credentials: bool,
    item: Item,
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

/// A [`Key`], borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct KeyRef<'a> {
    pub credentials: bool,
    pub item: ItemRef<'a>,
}

impl KeyRef<'_> {
    fn to_key(self) -> Key {
        Key {
            credentials: self.credentials,
            item: match self.item {
                ItemRef::Method(method) => Item::Method(SmallBytes::copy(method)),
                ItemRef::HeaderName(name) => Item::HeaderName(SmallBytes::copy(name)),
            },
        }
    }
}

impl Equivalent<Key> for KeyRef<'_> {
    fn equivalent(&self, key: &Key) -> bool {
        let item = match (&self.item, &key.item) {
            (ItemRef::Method(a), Item::Method(b))
            | (ItemRef::HeaderName(a), Item::HeaderName(b)) => *a == b.as_bytes(),
            _ => false,
        };
        item && self.credentials == key.credentials
    }
}

/// A request target (partition, origin and URL), borrowed, with its hash: made by
/// [`Entries::target`], once for all the lookups and stores of a request. It remembers where
/// its group was found, so that the request's later lookups go straight there.
#[derive(Debug, Clone)]
pub(super) struct TargetRef<'a> {
    partition: &'a str,
    origin: &'a str,
    url: &'a str,
    hash: u64,
    /// The bucket its group was last found in, and the group's serial (which tells whether the
    /// bucket still holds that group).
    found: Cell<Option<(usize, u64)>>,
}

impl TargetRef<'_> {
    fn bytes(&self) -> usize {
        self.partition.len() + self.origin.len() + self.url.len()
    }
}

/// An entry's expiry, and the number it was stored under, which tells its own queue slot from
/// that of an entry stored before under the same key.
#[derive(Debug, Clone, Copy)]
struct Stamp {
    expiry: Time,
    serial: u64,
}

/// The most entries a target keeps in its list before they move to a map.
const FEW: usize = 8;

/// The entries of one target.
#[derive(Debug)]
enum Items {
    /// At most [`FEW`], in the order stored.
    Few(Vec<(Key, Stamp)>),
    Many(HashMap<Key, Stamp>),
}

impl Items {
    fn get(&self, key: &KeyRef<'_>) -> Option<&Stamp> {
        match self {
            Self::Few(list) => list.iter().find(|(k, _)| key.equivalent(k)).map(|(_, s)| s),
            Self::Many(map) => map.get(key),
        }
    }

    fn get_mut(&mut self, key: &KeyRef<'_>) -> Option<&mut Stamp> {
        match self {
            Self::Few(list) => list
                .iter_mut()
                .find(|(k, _)| key.equivalent(k))
                .map(|(_, s)| s),
            Self::Many(map) => map.get_mut(key),
        }
    }

    fn remove(&mut self, key: &KeyRef<'_>) -> Option<Stamp> {
        match self {
            Self::Few(list) => {
                let at = list.iter().position(|(k, _)| key.equivalent(k))?;
                Some(list.swap_remove(at).1)
            }
            Self::Many(map) => map.remove(key),
        }
    }

    /// Stores `stamp` under `key`, which holds no entry.
    fn insert(&mut self, key: Key, stamp: Stamp) {
        debug_assert!(self.get(&key.as_ref_key()).is_none(), "{key:?} is stored");
        match self {
            Self::Few(list) if list.len() < FEW => list.push((key, stamp)),
            Self::Few(list) => {
                let mut map: HashMap<Key, Stamp> = std::mem::take(list).into_iter().collect();
                map.insert(key, stamp);
                *self = Self::Many(map);
            }
            Self::Many(map) => {
                map.insert(key, stamp);
            }
        }
    }

    fn len(&self) -> usize {
        match self {
            Self::Few(list) => list.len(),
            Self::Many(map) => map.len(),
        }
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes the entries hold.
    fn bytes(&self) -> usize {
        let key_bytes = |key: &Key| entry_bytes(&key.as_ref_key());
        match self {
            Self::Few(list) => list.iter().map(|(key, _)| key_bytes(key)).sum(),
            Self::Many(map) => map.keys().map(key_bytes).sum(),
        }
    }
}

/// A target and its entries. The target's three strings are held in one.
#[derive(Debug)]
struct Group {
    /// The number the target was stored under: what its entries' queue slots name it by.
    serial: u64,
    hash: u64,
    /// Partition, origin and URL, one after the other.
    text: Box<str>,
    origin_start: usize,
    url_start: usize,
    items: Items,
}

impl Group {
    /// Whether this is the group of `target`.
    fn is(&self, target: &TargetRef<'_>) -> bool {
        self.hash == target.hash
            && self.text.len() == target.bytes()
            && self.text[self.url_start..] == *target.url
            && self.text[self.origin_start..self.url_start] == *target.origin
            && self.text[..self.origin_start] == *target.partition
    }
}

/// An entry in the queue of stored entries: its target's hash and serial, its key and its own
/// serial.
#[derive(Debug)]
struct Slot {
    hash: u64,
    target: u64,
    key: Key,
    serial: u64,
}

/// The bytes an entry holds beyond its item's bytes: its key and expiry in the target's list or
/// map, and its slot in the queue (an estimate of the allocations, for the memory budget, close
/// to what the allocator has: `benches/alloc.rs` prints both).
const ENTRY_OVERHEAD: usize = 128;
/// The bytes a target holds beyond its strings: its group in the table and its list's
/// allocation.
const TARGET_OVERHEAD: usize = 224;

/// The cache's entries: each an expiry under a target and a key.
#[derive(Debug, Default)]
pub(super) struct Entries {
    /// One group per target, found by the target's hash.
    targets: HashTable<Group>,
    hasher: DefaultHashBuilder,
    /// Every entry in the order it was stored, for eviction and sweeping. An entry removed from
    /// `targets` stays here until it reaches the front or the queue is compacted.
    stored: VecDeque<Slot>,
    len: usize,
    bytes: usize,
    /// The serial of the last target or entry stored.
    serials: u64,
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
            found: Cell::new(None),
        }
    }

    /// The bucket of `target`'s group.
    fn bucket(&self, target: &TargetRef<'_>) -> Option<usize> {
        if let Some((bucket, serial)) = target.found.get()
            && self
                .targets
                .get_bucket(bucket)
                .is_some_and(|group| group.serial == serial)
        {
            return Some(bucket);
        }
        let bucket = self
            .targets
            .find_bucket_index(target.hash, |group| group.is(target))?;
        let serial = self.targets.get_bucket(bucket)?.serial;
        target.found.set(Some((bucket, serial)));
        Some(bucket)
    }

    /// The entries of `target`.
    fn items(&self, target: &TargetRef<'_>) -> Option<&Items> {
        let bucket = self.bucket(target)?;
        Some(&self.targets.get_bucket(bucket)?.items)
    }

    /// The entries of `target`, to change.
    fn items_mut(&mut self, target: &TargetRef<'_>) -> Option<&mut Items> {
        let bucket = self.bucket(target)?;
        Some(&mut self.targets.get_bucket_mut(bucket)?.items)
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
        let (mut removed, mut removed_bytes) = (0, 0);
        for (index, key) in candidates.iter().enumerate() {
            match items.get(key) {
                Some(stamp) if stamp.expiry > now => {
                    probe.hit = Some(index);
                    break;
                }
                Some(_) => {
                    items.remove(key);
                    removed += 1;
                    removed_bytes += entry_bytes(key);
                    probe.expired = true;
                }
                None => {}
            }
        }
        let emptied = items.is_empty();
        self.len -= removed;
        self.bytes -= removed_bytes;
        if emptied && probe.expired {
            self.clear_target(target);
        }
        probe
    }

    /// Whether a live entry is among `candidates` of `target`, removing nothing.
    pub fn peek(&self, target: &TargetRef<'_>, candidates: &[KeyRef<'_>], now: Time) -> bool {
        self.items(target).is_some_and(|items| {
            candidates
                .iter()
                .any(|key| items.get(key).is_some_and(|stamp| stamp.expiry > now))
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
            if let Some(stamp) = self.items_mut(target).and_then(|i| i.get_mut(key)) {
                stamp.expiry = expiry;
            }
            refreshed = true;
            start += index + 1;
        }
        refreshed
    }

    /// Stores a new entry (its key holds none), making room first within `capacity` entries and
    /// `budget` bytes: expired entries at the front of the queue go first, then the oldest
    /// stored. Nothing is stored when the entry alone exceeds the budget.
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
        let new_target = TARGET_OVERHEAD + target.bytes();
        loop {
            let at_capacity = capacity.is_some_and(|capacity| self.len >= capacity);
            // Whether the target is new matters only near the budget.
            let fits = |cost| self.bytes + entry_bytes(key) + cost <= budget;
            if !at_capacity && (fits(new_target) || (self.items(target).is_some() && fits(0))) {
                break;
            }
            if !self.evict_oldest() {
                return;
            }
        }
        self.serials += 1;
        let serial = self.serials;
        let group = match self.bucket(target) {
            Some(bucket) => self.targets.get_bucket_mut(bucket).expect("a group"),
            None => {
                self.bytes += TARGET_OVERHEAD + target.bytes();
                let group = Group {
                    serial,
                    hash: target.hash,
                    text: {
                        let mut text = String::with_capacity(target.bytes());
                        text.extend([target.partition, target.origin, target.url]);
                        text.into_boxed_str()
                    },
                    origin_start: target.partition.len(),
                    url_start: target.partition.len() + target.origin.len(),
                    items: Items::Few(Vec::with_capacity(2)),
                };
                let rehash = |group: &Group| group.hash;
                let entry = self.targets.insert_unique(target.hash, group, rehash);
                target.found.set(Some((entry.bucket_index(), serial)));
                entry.into_mut()
            }
        };
        let stored = key.to_key();
        group.items.insert(stored.clone(), Stamp { expiry, serial });
        self.stored.push_back(Slot {
            hash: group.hash,
            target: group.serial,
            key: stored,
            serial,
        });
        self.len += 1;
        self.bytes += entry_bytes(key);
        self.compact();
    }

    /// "clear cache entries" for `target`: removes its entries, whatever their credentials,
    /// method or header name.
    pub fn clear_target(&mut self, target: &TargetRef<'_>) {
        if let Some(bucket) = self.bucket(target)
            && let Ok(group) = self.targets.get_bucket_entry(bucket)
        {
            let items = group.remove().0.items;
            self.len -= items.len();
            self.bytes -= TARGET_OVERHEAD + target.bytes() + items.bytes();
            self.compact();
        }
    }

    /// Takes from the front of the queue, as it is met, what is gone or expired: a store that
    /// sweeps at least as much as it adds keeps the expired entries of a steady stream from
    /// piling up.
    fn sweep(&mut self, now: Time) {
        for _ in 0..2 {
            let Some(slot) = self.stored.front() else {
                return;
            };
            match self.expiry_of(slot) {
                Some(expiry) if expiry > now => return,
                Some(_) => {
                    let slot = self.stored.pop_front().expect("a front");
                    self.remove_stored(&slot);
                }
                None => {
                    self.stored.pop_front();
                }
            }
        }
    }

    /// Removes the oldest stored entry still held (expired or not); whether there was one.
    fn evict_oldest(&mut self) -> bool {
        while let Some(slot) = self.stored.pop_front() {
            if self.expiry_of(&slot).is_some() {
                self.remove_stored(&slot);
                return true;
            }
        }
        false
    }

    /// The expiry of the entry this queue slot stands for, if the slot is that entry's own (not
    /// a removed entry's, whose key may since have been stored again).
    fn expiry_of(&self, slot: &Slot) -> Option<Time> {
        let group = self
            .targets
            .find(slot.hash, |group| group.serial == slot.target)?;
        let stamp = group.items.get(&slot.key.as_ref_key())?;
        (stamp.serial == slot.serial).then_some(stamp.expiry)
    }

    /// Removes the stored entry of a queue slot that is its own.
    fn remove_stored(&mut self, slot: &Slot) {
        let Ok(mut group) = self
            .targets
            .find_entry(slot.hash, |group| group.serial == slot.target)
        else {
            return;
        };
        let key = slot.key.as_ref_key();
        let items = &mut group.get_mut().items;
        if items.remove(&key).is_some() {
            self.len -= 1;
            self.bytes -= entry_bytes(&key);
        }
        if items.is_empty() {
            let group = group.remove().0;
            self.bytes -= TARGET_OVERHEAD + group.text.len();
        }
    }

    /// Drops queue slots whose entries are gone once they outnumber the live ones, so the
    /// queue's size stays within twice the cache's.
    fn compact(&mut self) {
        if self.stored.len() > 2 * self.len + 16 {
            let mut stored = std::mem::take(&mut self.stored);
            stored.retain(|slot| self.expiry_of(slot).is_some());
            self.stored = stored;
        }
    }

    /// The size of the queue (live and stale slots), for tests of its bound.
    #[cfg(test)]
    pub fn queue_len(&self) -> usize {
        self.stored.len()
    }
}

/// The bytes an entry with `key` holds.
fn entry_bytes(key: &KeyRef<'_>) -> usize {
    ENTRY_OVERHEAD + key.item.bytes().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_with_many_entries_moves_them_to_a_map_and_keeps_every_one() {
        let mut entries = Entries::default();
        let target = entries.target("p", "o", "u");
        let names: Vec<String> = (0..3 * FEW).map(|i| format!("x-{i}")).collect();
        fn key(name: &str) -> KeyRef<'_> {
            KeyRef {
                credentials: false,
                item: ItemRef::HeaderName(name.as_bytes()),
            }
        }
        for (i, name) in names.iter().enumerate() {
            let expiry = Time::from_secs(10 + i as u64);
            entries.insert(&target, &key(name), expiry, None, usize::MAX, Time::ZERO);
        }
        assert!(matches!(entries.items(&target), Some(Items::Many(_))));
        assert_eq!(entries.len(), names.len());
        for name in &names {
            assert!(entries.peek(&target, &[key(name)], Time::from_secs(9)));
        }
        // The queue still names each entry: they expire, and are swept, in the order stored.
        let half = Time::from_secs(9 + names.len() as u64 / 2);
        let probe = entries.probe(&target, &[key(&names[0])], half);
        assert!(probe.expired && probe.hit.is_none());
        for _ in 0..names.len() {
            entries.sweep(half);
        }
        assert_eq!(entries.len(), names.len() / 2);
        entries.clear_target(&target);
        assert_eq!((entries.len(), entries.bytes()), (0, 0));
    }

    fn put() -> KeyRef<'static> {
        KeyRef {
            credentials: false,
            item: ItemRef::Method(b"PUT"),
        }
    }

    #[test]
    fn a_remembered_bucket_is_checked_after_the_table_grows() {
        let mut entries = Entries::default();
        let first = entries.target("p", "o", "first");
        let later = Time::from_secs(50);
        entries.insert(&first, &put(), later, None, usize::MAX, Time::ZERO);
        // Enough other targets that the table is rebuilt and `first`'s bucket now holds another
        // group (or none): the bucket it remembers must not be trusted without its serial.
        let urls: Vec<String> = (0..200).map(|i| format!("u{i}")).collect();
        for url in &urls {
            let other = entries.target("p", "o", url);
            entries.insert(&other, &put(), later, None, usize::MAX, Time::ZERO);
        }
        assert!(entries.peek(&first, &[put()], Time::ZERO));
        entries.clear_target(&first);
        assert_eq!(entries.len(), urls.len());
        for url in &urls {
            assert!(entries.peek(&entries.target("p", "o", url), &[put()], Time::ZERO));
        }
        assert!(!entries.peek(&entries.target("p", "o", "first"), &[put()], Time::ZERO));
    }

    #[test]
    fn an_entry_of_a_stored_target_costs_only_its_own_bytes() {
        let mut entries = Entries::default();
        let target = entries.target("p", "o", "u");
        let now = Time::ZERO;
        let later = Time::from_secs(50);
        entries.insert(&target, &put(), later, None, usize::MAX, now);
        // Room for one more entry, not for a new target: the target is stored already, so
        // nothing is evicted.
        let budget = entries.bytes() + ENTRY_OVERHEAD + 3;
        let patch = KeyRef {
            credentials: false,
            item: ItemRef::Method(b"PAT"),
        };
        entries.insert(&target, &patch, later, None, budget, now);
        assert_eq!((entries.len(), entries.bytes()), (2, budget));
        assert!(entries.peek(&target, &[put()], now));
        // A new target does not fit: the oldest entries make room for it.
        let other = entries.target("p", "o", "v");
        entries.insert(&other, &put(), later, None, budget, now);
        assert!(!entries.peek(&target, &[put()], now));
        assert!(entries.peek(&other, &[put()], now));
        assert!(entries.bytes() <= budget);
    }

    #[test]
    fn a_slot_of_a_removed_entry_does_not_stand_for_one_stored_again() {
        let mut entries = Entries::default();
        let target = entries.target("p", "o", "u");
        let put = KeyRef {
            credentials: false,
            item: ItemRef::Method(b"PUT"),
        };
        entries.insert(
            &target,
            &put,
            Time::from_secs(5),
            None,
            usize::MAX,
            Time::ZERO,
        );
        entries.clear_target(&target);
        entries.insert(
            &target,
            &put,
            Time::from_secs(50),
            None,
            usize::MAX,
            Time::ZERO,
        );
        // The first slot, at the front, is stale: evicting removes the second entry, the only
        // one held, and the stale slot with it.
        assert!(entries.evict_oldest());
        assert_eq!(entries.len(), 0);
        assert!(!entries.evict_oldest());
    }
}
