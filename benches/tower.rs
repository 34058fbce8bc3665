//! Benchmarks of checks through the `tower` adapter against an axum `Router` with `tower-http`'s
//! `CorsLayer`, each beside a bare `oneshot` of the same HTTP requests through the same router
//! (the requests the browser sends, built once outside the timing). The target was a check at
//! most 1.5× its bare `oneshot`s; with this cheap a router the model's own work costs about as
//! much as the router's, so a check is 1.8–2.2× (`docs/testing-your-server.md`, "Cost", has the
//! figures and where the instructions go).
//!
//! - `tower/get_credentialed/{check,oneshot}`: `check(&app)…get("/me").credentials()
//!   .try_readable()` in Chromium (one request), against a `oneshot` of that `GET`.
//! - `tower/put_warm/{adapter,oneshot}`: a JSON `PUT` with `Authorization` through a
//!   `ServiceClient` whose preflight cache already allows it (one request, untraced as a check's
//!   fetches are), against a `oneshot` of that `PUT`.
//! - `tower/put_preflighted/{check,oneshot}`: `.try_preflighted()` of that `PUT` in Chromium
//!   (the preflight, then the `PUT`), against `oneshot`s of the same two requests.
//!
//! Every side reads the response's body (a check reads it when script can), all on a tokio
//! current-thread runtime's `block_on`. `cargo bench --features tower --bench tower`.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::routing::get;
use cors_sim::check::check;
use cors_sim::tower::ServiceClient;
use cors_sim::{Browser, CredentialsMode, Document, Engine, OutgoingRequest, RequestInit, Time};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use http_body_util::BodyExt;
use std::hint::black_box;
use std::time::Duration;
use tower::ServiceExt;
use tower_http::cors::CorsLayer;

const APP: &str = "https://app.example";

/// The app of `tests/tower.rs`: https://app.example with credentials, `GET` and `PUT`,
/// `Content-Type` and `Authorization`, Max-Age 600.
fn app() -> Router {
    let cors = CorsLayer::new()
        .allow_origin(HeaderValue::from_static(APP))
        .allow_credentials(true)
        .allow_methods([Method::GET, Method::PUT])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
        .max_age(Duration::from_secs(600));
    Router::new()
        .route("/me", get(|| async { r#"{"name":"Ada"}"# }))
        .route(
            "/items/{id}",
            get(|| async { "{}" }).put(|| async { StatusCode::NO_CONTENT }),
        )
        .layer(cors)
}

fn put_init() -> RequestInit {
    RequestInit::new("https://api.example/items/1")
        .method("PUT")
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer cors-sim-test-token")
        .credentials(CredentialsMode::Include)
        .body("{}")
}

/// The requests the browser sends for `init` from the app's page, as `http` requests.
fn sent(runtime: &tokio::runtime::Runtime, init: RequestInit) -> Vec<http::Request<Body>> {
    let client = ServiceClient::new(app(), Engine::Chromium);
    let page: Document = APP.parse().expect("a URL");
    let fetched = runtime
        .block_on(client.fetch(&page, init, Time::ZERO))
        .expect("a valid request");
    fetched.exchange.expect_allowed();
    fetched
        .exchange
        .requests
        .iter()
        .map(|request: &OutgoingRequest| request.to_http_with_body().expect("representable"))
        .collect()
}

/// A copy of a request (an `http::Request<Body>` is not `Clone`).
fn copy(request: &http::Request<Body>, body: &[u8]) -> http::Request<Body> {
    let mut copy = http::Request::new(Body::from(body.to_vec()));
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.headers_mut() = request.headers().clone();
    copy
}

/// `oneshot`s of `requests` through `app`, each response's body read.
async fn oneshots(app: &Router, requests: Vec<http::Request<Body>>) {
    for request in requests {
        let response = app.clone().oneshot(request).await.expect("infallible");
        let body = response.into_body().collect().await.expect("a body");
        black_box(body);
    }
}

fn tower_benches(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let app = app();
    let mut group = c.benchmark_group("tower");

    // A credentialed GET: the check, and the one request it sends.
    let me = check(&app)
        .engines([Engine::Chromium])
        .from(APP)
        .get("/me")
        .credentials();
    let get = sent(
        &runtime,
        RequestInit::new("https://api.example/me").credentials(CredentialsMode::Include),
    );
    assert_eq!(get.len(), 1);
    group.bench_function("get_credentialed/check", |b| {
        b.iter(|| {
            runtime
                .block_on(black_box(&me).try_readable())
                .expect("readable")
        });
    });
    group.bench_function("get_credentialed/oneshot", |b| {
        b.iter_batched(
            || vec![copy(&get[0], b"")],
            |requests| runtime.block_on(oneshots(black_box(&app), requests)),
            BatchSize::SmallInput,
        );
    });

    // A JSON PUT with Authorization, preflighted: the preflight and the PUT.
    let put = sent(&runtime, put_init());
    assert_eq!(put.len(), 2);
    assert_eq!(put[0].method(), Method::OPTIONS);
    let put_check = check(&app)
        .engines([Engine::Chromium])
        .from(APP)
        .put("/items/1")
        .json()
        .bearer()
        .credentials();
    group.bench_function("put_preflighted/check", |b| {
        b.iter(|| {
            runtime
                .block_on(black_box(&put_check).try_preflighted())
                .expect("preflighted");
        });
    });
    group.bench_function("put_preflighted/oneshot", |b| {
        b.iter_batched(
            || vec![copy(&put[0], b""), copy(&put[1], b"{}")],
            |requests| runtime.block_on(oneshots(black_box(&app), requests)),
            BatchSize::SmallInput,
        );
    });

    // The same PUT when the cache already allows it: only the PUT goes out. Untraced, as a
    // check's fetches are.
    let browser = Browser::new(Engine::Chromium).trace(false);
    let client = ServiceClient::with_browser(app.clone(), browser);
    let page: Document = APP.parse().expect("a URL");
    let warm = runtime
        .block_on(client.fetch(&page, put_init(), Time::ZERO))
        .expect("a valid request");
    assert!(warm.exchange.preflighted());
    // Well within the 600 s Max-Age however long the measurement runs.
    let now = Time::from_secs(100);
    group.bench_function("put_warm/adapter", |b| {
        b.iter_batched(
            put_init,
            |init| {
                let fetched = runtime
                    .block_on(black_box(&client).fetch(&page, init, now))
                    .expect("a valid request");
                assert_eq!(fetched.exchange.requests.len(), 1);
                // Dropped within the timing, as each `oneshot`'s response is: criterion keeps
                // a batch's outputs until the batch ends, which would leave this side's
                // allocations no freed memory to reuse and time them on malloc's slow path.
                black_box(fetched);
            },
            BatchSize::SmallInput,
        );
    });
    group.bench_function("put_warm/oneshot", |b| {
        b.iter_batched(
            || vec![copy(&put[1], b"{}")],
            |requests| runtime.block_on(oneshots(black_box(&app), requests)),
            BatchSize::SmallInput,
        );
    });

    group.finish();
}

criterion_group!(benches, tower_benches);
criterion_main!(benches);
