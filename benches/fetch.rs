//! Benchmarks of the fetch driver and the CORS-preflight cache.
//!
//! Targets (issue 16): a simple `GET` ≤ 300 ns, a warm preflighted `PUT` ≤ 400 ns, a cold one
//! ≤ 1 µs (each quoted with the URL parsed, as an engine has it), a cache lookup ≤ 40 ns and flat
//! across sizes.
//!
//! - `fetch/simple_get`: a cross-origin `GET` end to end (fetch, response with
//!   `Access-Control-Allow-Origin: *`, filtered response).
//! - `fetch/preflighted_put_cold`: a `PUT` with `Content-Type: application/json` on an empty
//!   cache: preflight, then the actual request.
//! - `fetch/preflighted_put_warm`: the same `PUT` when the cache already allows it, so no
//!   preflight is sent.
//! - `fetch/*_traced`: the same fetches recording their trace (the others record none).
//! - `cache/lookup/{10,10000,1000000}`: one method match and one header-name match hit in a cache
//!   of that many entries (half method, half header-name entries, one of each per URL).
//!
//! - `baseline/cors_decision`: the irreducible work of a simple CORS decision — look up
//!   `Access-Control-Allow-Origin` and `Access-Control-Allow-Credentials` in an
//!   `http::HeaderMap` and compare their bytes with a serialized origin and `true`. Every other
//!   figure is quoted as a ratio to it, measured in the same run.
//! - `fetch/simple_get_parsed_url`, `fetch/preflighted_put_cold_parsed_url`,
//!   `fetch/preflighted_put_warm_parsed_url`: the same with the URL handed over already parsed
//!   (as an engine has it), so that the URL parser's share can be told apart.
//! - `cache/method_match/{10,10000,1000000}`: a single lookup (one method match), in the caches
//!   of `cache/lookup`.
//!
//! Inputs (`RequestInit`, fresh browsers) are built outside the timed part; the responses are
//! lent to the fetch (`respond` reads only their head), as an engine holding them would.
//! Criterion keeps a batch's outputs until the batch ends, so the allocations a fetch hands out
//! (the response's header list) take malloc's slower path, as they would in an engine that
//! keeps responses a while.
//!
//! Medians here move by a few percent between runs of one binary; `scripts/instructions.py
//! fetch` counts the instructions of each fetch with callgrind, which do not.

use cors_sim::cache::{CacheRequest, PreflightCache};
use cors_sim::profile::CachePolicy;
use cors_sim::{Browser, Document, FilteredResponse, Next, Profile, RequestInit, Time};
mod common;

use common::{
    PARTITION, allow_any_origin, get_init, get_init_parsed, page, preflight_ok, put_init,
    put_init_parsed,
};
use criterion::{BatchSize, Bencher, BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

/// How a benchmark makes the request it times.
type Init = fn() -> RequestInit;

/// A fetch with no preflight: one request, one response.
fn one_round(
    browser: &mut Browser,
    page: &Document,
    init: RequestInit,
    response: &http::Response<()>,
    now: Time,
) -> FilteredResponse {
    let Ok(Next::Send(pending)) = browser.fetch(page, init, now) else {
        panic!("expected a request to send");
    };
    match pending.respond(browser, response, now) {
        Next::Done(done) => done.result.expect("a response"),
        other => panic!("expected a response, got {other:?}"),
    }
}

/// Times one-round fetches of `init()` from `page` on `browser`, each answered by `response`.
fn time_one_round(
    b: &mut Bencher,
    browser: &mut Browser,
    page: &Document,
    init: Init,
    response: &http::Response<()>,
    now: Time,
) {
    b.iter_batched(
        init,
        |init| {
            one_round(
                black_box(&mut *browser),
                black_box(page),
                black_box(init),
                black_box(response),
                now,
            )
        },
        BatchSize::SmallInput,
    );
}

/// A fetch with a preflight: preflight, its response, the actual request, its response.
fn preflighted(
    browser: &mut Browser,
    page: &Document,
    init: RequestInit,
    preflight: &http::Response<()>,
    response: &http::Response<()>,
    now: Time,
) -> FilteredResponse {
    let Ok(Next::Send(pending)) = browser.fetch(page, init, now) else {
        panic!("expected a preflight to send");
    };
    let Next::Send(pending) = pending.respond(browser, preflight, now) else {
        panic!("expected the actual request after the preflight");
    };
    match pending.respond(browser, response, now) {
        Next::Done(done) => done.result.expect("a response"),
        other => panic!("expected a response, got {other:?}"),
    }
}

fn fetch_benches(c: &mut Criterion) {
    let origin = page();
    let now = Time::from_secs(100);
    let browser = |traced: bool| Browser::new(Profile::spec()).trace(traced);
    let ok = allow_any_origin();
    let preflight = preflight_ok();
    let mut group = c.benchmark_group("fetch");

    // Check the shapes once, outside the timing.
    {
        let mut browser = Browser::new(Profile::spec());
        let Ok(Next::Send(pending)) = browser.fetch(&origin, get_init(), now) else {
            panic!("a simple GET sends one request");
        };
        assert!(!pending.request().is_preflight());
        let Next::Done(done) = pending.respond(&mut browser, &ok, now) else {
            panic!("the GET succeeds");
        };
        assert_eq!(done.result.expect("a response").status(), 200);
        assert!(done.trace.is_none(), "no trace unless asked for");
    }

    for (name, traced) in [("simple_get", false), ("simple_get_traced", true)] {
        group.bench_function(name, |b| {
            time_one_round(b, &mut browser(traced), &origin, get_init, &ok, now);
        });
    }
    group.bench_function("simple_get_parsed_url", |b| {
        time_one_round(b, &mut browser(false), &origin, get_init_parsed, &ok, now);
    });

    let cold: [(&str, bool, Init); 3] = [
        ("preflighted_put_cold", false, put_init),
        ("preflighted_put_cold_traced", true, put_init),
        ("preflighted_put_cold_parsed_url", false, put_init_parsed),
    ];
    for (name, traced, init) in cold {
        group.bench_function(name, |b| {
            b.iter_batched(
                || (browser(traced), init()),
                |(mut browser, init)| {
                    let response = preflighted(
                        black_box(&mut browser),
                        black_box(&origin),
                        black_box(init),
                        black_box(&preflight),
                        black_box(&ok),
                        now,
                    );
                    // Returned so that both are dropped outside the timing.
                    (browser, response)
                },
                BatchSize::SmallInput,
            );
        });
    }

    let warm: [(&str, Init); 2] = [
        ("preflighted_put_warm", put_init),
        ("preflighted_put_warm_parsed_url", put_init_parsed),
    ];
    for (name, init) in warm {
        group.bench_function(name, |b| {
            let mut browser = Browser::new(Profile::spec());
            let warmed_at = now;
            preflighted(&mut browser, &origin, init(), &preflight, &ok, warmed_at);
            // Well within the 600 s Max-Age however long the measurement runs.
            let now = Time::from_secs(200);
            let Ok(Next::Send(pending)) = browser.fetch(&origin, init(), now) else {
                panic!("expected a request to send");
            };
            assert!(
                !pending.request().is_preflight(),
                "the cache should spare the preflight"
            );
            drop(pending); // an owned fetch: dropping it abandons it
            time_one_round(b, &mut browser, &origin, init, &ok, now);
            assert_eq!(browser.cache().len(), 2, "method and header-name entries");
        });
    }

    group.finish();
}

/// A cache holding `size` entries: for each of `size / 2` distinct URLs, a `PUT` method entry
/// and a `content-type` header-name entry. Returns the cache and the URLs.
fn filled_cache(size: usize, now: Time) -> (PreflightCache, Vec<String>) {
    let urls: Vec<String> = (0..size / 2)
        .map(|i| format!("http://api.example/items/{i}"))
        .collect();
    let mut policy = CachePolicy::SPEC;
    policy.capacity = Some(size);
    // Whatever the entries' bytes: the lookups are timed at each size.
    policy.memory_budget = usize::MAX;
    let mut cache = PreflightCache::new(policy);
    let max_age = Duration::from_secs(3600);
    for url in &urls {
        let request = CacheRequest {
            partition: PARTITION,
            origin: PARTITION,
            url,
            include_credentials: false,
        };
        cache.store_method(&request, b"PUT", max_age, now);
        cache.store_header_name(&request, b"content-type", max_age, now);
    }
    assert_eq!(cache.len(), urls.len() * 2);
    (cache, urls)
}

/// The cache of `size` entries and the keys to look up: up to 64 URLs spread over the middle
/// half of the set, so that consecutive lookups land on different buckets. Checks that each
/// key hits, outside the timing.
fn lookup_setup(size: usize, now: Time) -> (PreflightCache, Vec<String>) {
    let (mut cache, urls) = filled_cache(size, now);
    let n = urls.len();
    let count = n.min(64);
    let stride = (n / 2 / count).max(1);
    let keys: Vec<String> = (0..count)
        .map(|k| urls[(n / 4 + k * stride) % n].clone())
        .collect();
    for url in &keys {
        let request = CacheRequest {
            partition: PARTITION,
            origin: PARTITION,
            url,
            include_credentials: false,
        };
        assert!(cache.method_match(&request, b"PUT", now));
        assert!(cache.header_name_match(&request, b"content-type", now));
    }
    (cache, keys)
}

/// Lookups that must all hit, in a cache filled by `lookup_setup`.
type Lookups = fn(&mut PreflightCache, &CacheRequest<'_>, Time) -> bool;

/// One benchmark per cache size of `lookups`, each iteration on the next of the keys.
fn lookup_group(c: &mut Criterion, name: &str, lookups: Lookups) {
    let now = Time::from_secs(100);
    let mut group = c.benchmark_group(name);
    for size in [10usize, 10_000, 1_000_000] {
        // Built on first use (criterion calls the closure several times), so that a filter that
        // skips this size skips building it too; dropped at the end of the iteration.
        let mut built: Option<(PreflightCache, Vec<String>)> = None;
        group.bench_function(BenchmarkId::from_parameter(size), |b| {
            let (cache, keys) = built.get_or_insert_with(|| lookup_setup(size, now));
            let mut index = 0;
            b.iter(|| {
                let request = CacheRequest {
                    partition: PARTITION,
                    origin: PARTITION,
                    url: &keys[index],
                    include_credentials: false,
                };
                index += 1;
                if index == keys.len() {
                    index = 0;
                }
                assert!(lookups(cache, &black_box(request), now));
            });
        });
    }
    group.finish();
}

fn cache_benches(c: &mut Criterion) {
    lookup_group(c, "cache/lookup", |cache, request, now| {
        cache.method_match(request, black_box(b"PUT"), now)
            && cache.header_name_match(request, black_box(b"content-type"), now)
    });
    lookup_group(c, "cache/method_match", |cache, request, now| {
        cache.method_match(request, black_box(b"PUT"), now)
    });
}

/// Whether a response with `headers` lets a request with credentials from `origin` read it:
/// the two header lookups and byte comparisons a CORS check cannot do without.
fn cors_decision(headers: &http::HeaderMap, origin: &[u8]) -> bool {
    let allow_origin = headers.get(http::header::ACCESS_CONTROL_ALLOW_ORIGIN);
    let allow_credentials = headers.get(http::header::ACCESS_CONTROL_ALLOW_CREDENTIALS);
    allow_origin.is_some_and(|v| v.as_bytes() == origin)
        && allow_credentials.is_some_and(|v| v.as_bytes() == b"true")
}

fn baseline_benches(c: &mut Criterion) {
    let response = http::Response::builder()
        .status(200)
        .header("Access-Control-Allow-Origin", PARTITION)
        .header("Access-Control-Allow-Credentials", "true")
        .header("Content-Type", "application/json")
        .body(())
        .expect("a response");
    assert!(cors_decision(response.headers(), PARTITION.as_bytes()));
    c.bench_function("baseline/cors_decision", |b| {
        b.iter(|| {
            cors_decision(
                black_box(response.headers()),
                black_box(PARTITION.as_bytes()),
            )
        });
    });
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50)
}

criterion_group! {
    name = benches;
    config = config();
    targets = baseline_benches, fetch_benches, cache_benches
}
criterion_main!(benches);
