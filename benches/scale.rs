//! Benchmarks at scale: hostile sizes must cost time linear (or n log n) in the input, and the
//! CORS-preflight cache must hold memory within its bound whatever it is fed.
//!
//! - `headers/<path>/{1000,10000,100000}`: one fetch whose header list (request or response)
//!   has that many headers, through each path that was once quadratic:
//!   `allow_headers_list` (a `PUT` with n custom headers, the preflight listing all n in
//!   `Access-Control-Allow-Headers`), `chromium_repeated` (the Chromium profile joining repeated
//!   names: n distinct headers and one repeated, `Access-Control-Allow-Headers: *`),
//!   `expose_star` and `expose_list` (a `GET` answered with n headers and
//!   `Access-Control-Expose-Headers: *` or a list of all n), `redirect_303` (a `PUT` with n/2
//!   `Content-Language` and n/2 custom headers, answered 303). Target: at most ~15× per decade.
//! - `cache_stream/<profile>`: 10^6 stores of distinct keys (a new origin, URL and header name
//!   each, with the profile's longest max-age), then one lookup timed; the cache's entries and
//!   bytes are printed once per profile. Target: memory within the profile's bound, lookup time
//!   as in `fetch.rs`'s `cache/lookup/10`.

use cors_sim::cache::{CacheRequest, PreflightCache};
use cors_sim::http::HeaderName;
use cors_sim::{
    Browser, Document, Engine, HeaderList, HeaderValue, Next, OutgoingRequest, RequestInit, Time,
};
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn page() -> Document {
    "http://page.example/".parse().expect("a URL")
}

/// A response: its status and header list (an `http::Response` holds at most 24,576 headers).
type Answer = (u16, HeaderList);

/// A response with `headers` and status `status`.
fn response(status: u16, headers: impl IntoIterator<Item = (String, String)>) -> Answer {
    let mut list = HeaderList::new();
    for (name, value) in headers {
        let name = HeaderName::from_bytes(name.as_bytes()).expect("a header name");
        list.append(
            name,
            HeaderValue::from_bytes(value.as_bytes()).expect("a value"),
        );
    }
    (status, list)
}

/// Runs `init` to its end on `browser`, answering each request with `answer`; whether script
/// can read the result.
fn run(
    browser: &mut Browser,
    init: RequestInit,
    answer: &dyn Fn(&OutgoingRequest) -> Answer,
) -> bool {
    let now = Time::ZERO;
    let mut next = browser.fetch(&page(), init, now).expect("a valid request");
    loop {
        match next {
            Next::Send(pending) => {
                let (status, headers) = answer(pending.request());
                next = pending.respond_with(browser, status, headers, now);
            }
            Next::Done(done) => return done.result.is_ok(),
        }
    }
}

/// The custom header names `x-h0`, `x-h1`, ….
fn names(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("x-h{i}")).collect()
}

/// One benchmark per size of one header path: `setup(n)` builds the request and the server's
/// answer, outside the timing.
fn header_path(
    c: &mut Criterion,
    path: &str,
    engine: Engine,
    setup: impl Fn(usize) -> (RequestInit, Box<dyn Fn(&OutgoingRequest) -> Answer>),
) {
    let mut group = c.benchmark_group(format!("headers/{path}"));
    group.sample_size(10);
    for n in SIZES {
        let (init, answer) = setup(n);
        assert!(
            run(&mut Browser::new(engine), init.clone(), &answer),
            "{path} {n}"
        );
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter_batched(
                || (Browser::new(engine), init.clone()),
                |(mut browser, init)| run(black_box(&mut browser), init, &answer),
                BatchSize::LargeInput,
            );
        });
    }
    group.finish();
}

fn header_benches(c: &mut Criterion) {
    header_path(c, "allow_headers_list", Engine::Spec, |n| {
        let mut init = RequestInit::new("http://api.example/x").method("PUT");
        for name in names(n) {
            init = init.header(name, "1");
        }
        let list = names(n).join(",");
        let answer = move |request: &OutgoingRequest| {
            let mut headers = vec![("access-control-allow-origin".into(), "*".into())];
            if request.is_preflight() {
                headers.push(("access-control-allow-methods".into(), "PUT".into()));
                headers.push(("access-control-allow-headers".into(), list.clone()));
            }
            response(200, headers)
        };
        (init, Box::new(answer) as Box<dyn Fn(&OutgoingRequest) -> _>)
    });
    header_path(c, "chromium_repeated", Engine::Chromium, |n| {
        let mut init = RequestInit::new("http://api.example/x")
            .header("x-repeated", "1")
            .header("x-repeated", "2");
        for name in names(n) {
            init = init.header(name, "1");
        }
        let answer = |_: &OutgoingRequest| {
            response(
                200,
                [
                    ("access-control-allow-origin".into(), "*".into()),
                    ("access-control-allow-headers".into(), "*".into()),
                ],
            )
        };
        (init, Box::new(answer) as Box<dyn Fn(&OutgoingRequest) -> _>)
    });
    for (path, list) in [("expose_star", false), ("expose_list", true)] {
        header_path(c, path, Engine::Spec, move |n| {
            let exposed = if list { names(n).join(",") } else { "*".into() };
            let answer = move |_: &OutgoingRequest| {
                let mut headers: Vec<(String, String)> = names(n)
                    .into_iter()
                    .map(|name| (name, "1".into()))
                    .collect();
                headers.push(("access-control-allow-origin".into(), "*".into()));
                headers.push(("access-control-expose-headers".into(), exposed.clone()));
                response(200, headers)
            };
            let init = RequestInit::new("http://api.example/x");
            (init, Box::new(answer) as Box<dyn Fn(&OutgoingRequest) -> _>)
        });
    }
    header_path(c, "redirect_303", Engine::Spec, |n| {
        let mut init = RequestInit::new("http://page.example/a").method("PUT");
        for (i, name) in names(n / 2).into_iter().enumerate() {
            init = init
                .header("Content-Language", format!("l{i}"))
                .header(name, "1");
        }
        let answer = |request: &OutgoingRequest| match request.method().as_str() {
            "PUT" => response(303, [("location".into(), "http://page.example/b".into())]),
            _ => response(200, []),
        };
        (init, Box::new(answer) as Box<dyn Fn(&OutgoingRequest) -> _>)
    });
}

/// A cache request for key `i` of an adversarial stream: a new partition, origin and URL.
fn stream_key(i: usize) -> (String, String) {
    (
        format!("http://site{i}.example"),
        format!("http://api.example/{i}"),
    )
}

fn cache_stream_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("cache_stream");
    for engine in [
        Engine::Spec,
        Engine::Chromium,
        Engine::Firefox,
        Engine::WebKit,
    ] {
        let policy = engine.profile().cache;
        let max_age = policy.max_age_cap.unwrap_or(Duration::from_secs(1 << 31));
        let mut cache = PreflightCache::new(policy);
        let now = Time::from_secs(1);
        for i in 0..1_000_000 {
            let (origin, url) = stream_key(i);
            let request = CacheRequest {
                partition: &origin,
                origin: &origin,
                url: &url,
                include_credentials: false,
            };
            cache.store_header_name(&request, format!("x-{i}").as_bytes(), max_age, now);
        }
        println!(
            "cache_stream/{engine}: 10^6 stores leave {} entries holding {} bytes (budget {})",
            cache.len(),
            cache.bytes(),
            policy.memory_budget
        );
        assert!(cache.bytes() <= policy.memory_budget);
        let (origin, url) = stream_key(999_999);
        group.bench_function(BenchmarkId::from_parameter(engine), |b| {
            b.iter(|| {
                let request = CacheRequest {
                    partition: &origin,
                    origin: &origin,
                    url: &url,
                    include_credentials: false,
                };
                let hit = cache.header_name_match(black_box(&request), b"x-999999", now);
                assert!(hit);
            });
        });
    }
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = header_benches, cache_stream_benches
}
criterion_main!(benches);
