//! Allocations: how many heap blocks each operation allocates, counted by `dhat`'s allocator
//! (not timed; `cargo bench --bench alloc` prints a table, and fails when a count passes its
//! target or a cache its bound).
//!
//! - a simple cross-origin `GET` end to end, its URL given as text and as a parsed `Url`
//!   (target: at most 3 with a parsed URL; parsing text adds the URL parser's own);
//! - a preflighted `PUT` when the cache already allows it, likewise (target: at most 4);
//! - a CORS-preflight cache lookup, a method match and a header-name match (target: none);
//! - the bytes a cache entry holds, and the cache's entries and bytes after an adversarial
//!   stream of 10^6 stores under each profile (each within its bound).
//!
//! Inputs are built before counting starts and outputs dropped after it stops.

use cors_sim::cache::{CacheRequest, PreflightCache};
use cors_sim::{Browser, Document, Engine, FilteredResponse, Next, Profile, RequestInit, Time};
use std::time::Duration;

mod common;

use common::{
    API_URL, PARTITION, allow_any_origin, get_init, get_init_parsed, page, preflight_ok, put_init,
    put_init_parsed,
};

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

const ROUNDS: usize = 1_000;

/// Heap blocks allocated while `run` runs, divided by `rounds`.
fn per_round(rounds: usize, run: impl FnOnce()) -> f64 {
    let before = dhat::HeapStats::get().total_blocks;
    run();
    let after = dhat::HeapStats::get().total_blocks;
    (after - before) as f64 / rounds as f64
}

/// Runs each of `inits` to a response that script reads, with `answers` (one per request sent),
/// counting allocations per fetch.
fn fetches(
    browser: &mut Browser,
    page: &Document,
    inits: Vec<RequestInit>,
    mut answers: Vec<http::Response<()>>,
    now: Time,
) -> f64 {
    let rounds = inits.len();
    let mut results: Vec<FilteredResponse> = Vec::with_capacity(rounds);
    let count = per_round(rounds, || {
        answers.reverse();
        for init in inits {
            let mut next = browser.fetch(page, init, now).expect("a valid request");
            loop {
                match next {
                    Next::Send(pending) => {
                        let answer = answers.pop().expect("an answer for each request");
                        next = pending.respond(browser, answer, now);
                    }
                    Next::Done(done) => {
                        results.push(done.result.expect("script reads the response"));
                        break;
                    }
                }
            }
        }
    });
    assert_eq!(results.len(), rounds);
    count
}

fn simple_get(init: fn() -> RequestInit) -> f64 {
    let page = page();
    let mut browser = Browser::new(Profile::spec());
    let inits = (0..ROUNDS).map(|_| init()).collect();
    let answers = (0..ROUNDS).map(|_| allow_any_origin()).collect();
    fetches(&mut browser, &page, inits, answers, Time::ZERO)
}

fn warm_put(init: fn() -> RequestInit) -> f64 {
    let page = page();
    let mut browser = Browser::new(Profile::spec());
    let now = Time::from_secs(100);
    fetches(
        &mut browser,
        &page,
        vec![init()],
        vec![preflight_ok(), allow_any_origin()],
        now,
    );
    let inits = (0..ROUNDS).map(|_| init()).collect();
    let answers = (0..ROUNDS).map(|_| allow_any_origin()).collect();
    let count = fetches(&mut browser, &page, inits, answers, now);
    assert_eq!(browser.cache().len(), 2, "the preflight was spared");
    count
}

fn cache_lookup() -> f64 {
    let now = Time::from_secs(100);
    let mut cache = PreflightCache::new(Profile::spec().cache);
    let request = CacheRequest {
        partition: PARTITION,
        origin: PARTITION,
        url: API_URL,
        include_credentials: false,
    };
    let max_age = Duration::from_secs(600);
    cache.store_method(&request, b"PUT", max_age, now);
    cache.store_header_name(&request, b"content-type", max_age, now);
    let mut hits = 0;
    let count = per_round(ROUNDS, || {
        for _ in 0..ROUNDS {
            hits += usize::from(cache.method_match(&request, b"PUT", now));
            hits += usize::from(cache.header_name_match(&request, b"content-type", now));
        }
    });
    assert_eq!(hits, 2 * ROUNDS);
    count
}

/// The bytes the cache holds per entry with `n` entries of distinct URLs: as it accounts them
/// (what its memory budget counts), and as the allocator has them.
fn bytes_per_entry(n: usize) -> (f64, f64) {
    let now = Time::from_secs(100);
    let before = dhat::HeapStats::get().curr_bytes;
    let mut cache = PreflightCache::new(Profile::spec().cache);
    for i in 0..n {
        let url = format!("http://api.example/items/{i}");
        let request = CacheRequest {
            partition: PARTITION,
            origin: PARTITION,
            url: &url,
            include_credentials: false,
        };
        cache.store_header_name(&request, b"content-type", Duration::from_secs(600), now);
    }
    let held = dhat::HeapStats::get().curr_bytes - before;
    let entries = cache.len() as f64;
    (cache.bytes() as f64 / entries, held as f64 / entries)
}

/// 10^6 stores of distinct origins, URLs and header names: the entries and bytes each
/// profile's cache keeps.
fn adversarial_stream(engine: Engine) -> (usize, usize, Option<usize>) {
    let profile = engine.profile();
    let mut cache = PreflightCache::new(profile.cache);
    let max_age = Duration::from_secs(86_400);
    for i in 0..1_000_000u32 {
        let origin = format!("http://o{i}.example");
        let url = format!("http://api.example/{i}");
        let name = format!("x-h{i}");
        let request = CacheRequest {
            partition: &origin,
            origin: &origin,
            url: &url,
            include_credentials: false,
        };
        cache.store_header_name(&request, name.as_bytes(), max_age, Time::ZERO);
    }
    (cache.len(), cache.bytes(), profile.cache.capacity)
}

/// Prints a count of allocations per operation and checks it against its target.
fn report(what: &str, count: f64, target: f64) {
    println!("  {what:<36}{count:>5.1}  (target: at most {target})");
    assert!(
        count <= target,
        "{what}: {count} allocations, more than {target}"
    );
}

fn main() {
    let _profiler = dhat::Profiler::builder().testing().build();
    println!("allocations per operation (dhat, {ROUNDS} rounds each)");
    // With the URL as text, the URL parser's own allocations come on top (two here).
    report("simple GET, URL as text:", simple_get(get_init), 5.0);
    report("simple GET, parsed URL:", simple_get(get_init_parsed), 3.0);
    report(
        "preflighted PUT, warm, URL as text:",
        warm_put(put_init),
        6.0,
    );
    report(
        "preflighted PUT, warm, parsed URL:",
        warm_put(put_init_parsed),
        4.0,
    );
    report("cache lookup (two matches):", cache_lookup(), 0.0);
    let (accounted, held) = bytes_per_entry(1_000);
    println!(
        "bytes per cache entry (1,000 entries): {accounted:.0} accounted, {held:.0} on the heap"
    );
    println!("10^6 adversarial stores:");
    for engine in [Engine::Spec].into_iter().chain(Engine::ALL) {
        let (entries, bytes, capacity) = adversarial_stream(engine);
        let budget = engine.profile().cache.memory_budget;
        assert!(capacity.is_none_or(|capacity| entries <= capacity) && bytes <= budget);
        println!(
            "  {:<8} {entries:>8} entries (capacity {capacity:?}), {bytes:>10} bytes \
             (budget {})",
            engine.to_string(),
            engine.profile().cache.memory_budget
        );
    }
}
