//! Testing a server's CORS in process: an axum `Router` with `tower-http`'s `CorsLayer`, checked
//! in every engine profile through `cors_sim::check`.
//!
//! - The README's test (module `readme`), as it is there (which a test checks).
//! - Four mutations of the `CorsLayer`, each caught by a check, while the header assertions of
//!   `tower-http`'s own tests (`oneshot`, then `assert_eq!` on `access-control-allow-origin`)
//!   pass for every one of them.
//! - Property tests (feature `proptest`): generated attacker origins against an app whose CORS
//!   predicate is sloppy (`ends_with("example.com")`), where proptest finds the hole, and
//!   against an exact allow-list, where it finds none.
//! - The closure form with a second framework: a hyper `service_fn` handler through
//!   `Browser::fetch_with_async`.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use axum::routing::get;
use cors_sim::check::{Failure, check};
use std::time::Duration;
use tower::ServiceExt;
use tower_http::cors::{AllowOrigin, CorsLayer};

const APP: &str = "https://app.example";
const EVIL: &str = "https://evil.example";

/// A change to the `CorsLayer` that a refactoring could make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mutation {
    /// `.allow_credentials(true)` dropped.
    DropCredentials,
    /// `authorization` dropped from `allow_headers`.
    DropHeader,
    /// `AllowOrigin::mirror_request()`: any origin is echoed.
    MirrorAnyOrigin,
    /// `PUT` dropped from `allow_methods`.
    DropMethod,
}

/// The CORS policy: https://app.example with credentials, `GET` and `PUT`, `Content-Type` and
/// `Authorization`, results cached for 600 s; with one mutation, when given.
fn cors(mutation: Option<Mutation>) -> CorsLayer {
    use Mutation::*;
    let origin = match mutation {
        Some(MirrorAnyOrigin) => AllowOrigin::mirror_request(),
        _ => AllowOrigin::exact(HeaderValue::from_static(APP)),
    };
    let methods = match mutation {
        Some(DropMethod) => vec![Method::GET],
        _ => vec![Method::GET, Method::PUT],
    };
    let headers = match mutation {
        Some(DropHeader) => vec![header::CONTENT_TYPE],
        _ => vec![header::CONTENT_TYPE, header::AUTHORIZATION],
    };
    let layer = CorsLayer::new()
        .allow_origin(origin)
        .allow_methods(methods)
        .allow_headers(headers)
        .max_age(Duration::from_secs(600));
    match mutation {
        Some(DropCredentials) => layer,
        _ => layer.allow_credentials(true),
    }
}

/// The API: who am I, and items to read and replace.
fn app_with(cors: CorsLayer) -> Router {
    Router::new()
        .route("/me", get(|| async { r#"{"name":"Ada"}"# }))
        .route(
            "/items/{id}",
            get(|| async { "{}" }).put(|| async { StatusCode::NO_CONTENT }),
        )
        .layer(cors)
}

fn app() -> Router {
    app_with(cors(None))
}

/// The README's test ("Test your server's CORS"), as it is there: 11 lines of test code.
mod readme {
    use axum::{
        Router,
        http::{HeaderValue, Method, header},
        routing::get,
    };
    use cors_sim::check::check;
    use std::time::Duration;
    use tower_http::cors::CorsLayer;

    fn app() -> Router {
        let cors = CorsLayer::new()
            .allow_origin(HeaderValue::from_static("https://app.example"))
            .allow_credentials(true)
            .allow_methods([Method::GET, Method::PUT])
            .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
            .max_age(Duration::from_secs(600));
        Router::new()
            .route("/me", get(|| async { "{}" }))
            .route("/items/{id}", get(|| async { "{}" }).put(|| async { "" }))
            .layer(cors)
    }

    #[tokio::test]
    async fn the_frontend_reads_and_others_are_kept_out() {
        let app = app();
        let frontend = check(&app).from("https://app.example").credentials();
        let me = frontend.clone().get("/me");
        me.readable().await; // in Chromium, Firefox and WebKit
        me.clone().from("https://evil.example").blocked().await;
        let put = frontend.put("/items/1").json().bearer();
        put.preflighted().await;
        put.preflight_cached_for(Duration::from_secs(600)).await; // within each engine's cap
    }
}

/// The README shows the test of `mod readme` above, line for line.
#[test]
fn the_readme_shows_this_test() {
    let readme = include_str!("../README.md");
    let section = &readme[readme
        .find("## Test your server's CORS")
        .expect("the README's section")..];
    let block = section
        .split("```rust,ignore\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("the section's Rust block");
    let source = include_str!("tower.rs");
    let module = source
        .split("mod readme {\n")
        .nth(1)
        .and_then(|rest| rest.split("\n}\n").next())
        .expect("mod readme");
    let dedented: Vec<&str> = module
        .lines()
        .map(|line| line.strip_prefix("    ").unwrap_or(line))
        .collect();
    assert_eq!(block.lines().collect::<Vec<_>>(), dedented);
}

// --- Mutations ---

/// The checks of the README's test (and the attacker's `PUT`), each with its result.
async fn checks(app: &Router) -> Vec<(&'static str, Result<(), Failure>)> {
    let me = check(app).from(APP).get("/me").credentials();
    let put = check(app)
        .from(APP)
        .put("/items/1")
        .json()
        .bearer()
        .credentials();
    vec![
        ("app GET readable", me.try_readable().await),
        (
            "evil GET blocked",
            me.clone().from(EVIL).try_blocked().await,
        ),
        ("app PUT preflighted", put.try_preflighted().await),
        (
            "app PUT cached 600 s",
            put.try_preflight_cached_for(Duration::from_secs(600)).await,
        ),
        (
            "evil PUT blocked",
            put.clone().from(EVIL).try_blocked().await,
        ),
    ]
}

/// The header assertions of `tower-http`'s own tests: `oneshot` a request with an `Origin` and
/// compare `access-control-allow-origin` (and the status) with what is expected.
async fn header_assertions(app: &Router) {
    let request = Request::get("/me")
        .header(header::ORIGIN, APP)
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["access-control-allow-origin"], APP);

    let preflight = Request::options("/items/1")
        .header(header::ORIGIN, APP)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "PUT")
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(preflight).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["access-control-allow-origin"], APP);
}

/// Runs the header assertions (which must pass) and the checks against the app with `mutation`:
/// the checks that failed, each with its failure (printed too).
async fn caught(mutation: Mutation) -> Vec<(&'static str, Failure)> {
    let app = app_with(cors(Some(mutation)));
    header_assertions(&app).await;
    let mut failed = Vec::new();
    for (name, result) in checks(&app).await {
        if let Err(failure) = result {
            println!("{mutation:?}: `{name}` failed:\n{failure}");
            failed.push((name, failure));
        }
    }
    failed
}

/// The names of the checks that failed.
fn names(failed: &[(&'static str, Failure)]) -> Vec<&'static str> {
    failed.iter().map(|(name, _)| *name).collect()
}

#[tokio::test]
async fn the_unmutated_app_passes_every_check_and_header_assertion() {
    let app = app();
    header_assertions(&app).await;
    for (name, result) in checks(&app).await {
        if let Err(failure) = result {
            panic!("`{name}` failed: {failure}");
        }
    }
}

#[tokio::test]
async fn dropping_allow_credentials_is_caught() {
    let failed = caught(Mutation::DropCredentials).await;
    assert_eq!(
        names(&failed),
        [
            "app GET readable",
            "app PUT preflighted",
            "app PUT cached 600 s"
        ]
    );
    let message = failed[0].1.to_string();
    assert!(message.contains(
        "chromium (FAILED): blocked (InvalidAllowCredentials): the response to a request with \
         credentials has no Access-Control-Allow-Credentials header"
    ));
    // Chrome's own words, and the fix for one's own frontend.
    assert!(message.contains(
        "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which \
         must be 'true' when the request's credentials mode is 'include'."
    ));
    assert!(message.contains("your allow-list misses credentials for your own frontend"));
    assert_eq!(failed[0].1.failed().count(), 3);
    assert!(
        failed[1]
            .1
            .to_string()
            .contains("PreflightInvalidAllowCredentials")
    );
}

#[tokio::test]
async fn dropping_a_header_is_caught() {
    let failed = caught(Mutation::DropHeader).await;
    assert_eq!(
        names(&failed),
        ["app PUT preflighted", "app PUT cached 600 s"]
    );
    let message = failed[0].1.to_string();
    assert!(
        message.contains("HeaderDisallowedByPreflightResponse"),
        "{message}"
    );
    assert!(message.contains(
        "Request header field authorization is not allowed by Access-Control-Allow-Headers in \
         preflight response."
    ));
}

#[tokio::test]
async fn mirroring_any_origin_is_caught() {
    let failed = caught(Mutation::MirrorAnyOrigin).await;
    assert_eq!(names(&failed), ["evil GET blocked", "evil PUT blocked"]);
    let message = failed[0].1.to_string();
    assert!(message.contains(
        "readable because Access-Control-Allow-Origin is the request's origin and \
         Access-Control-Allow-Credentials is `true`"
    ));
    assert!(message.contains("compare the request's `Origin` with an exact allow-list"));
}

#[tokio::test]
async fn dropping_a_method_is_caught() {
    let failed = caught(Mutation::DropMethod).await;
    assert_eq!(
        names(&failed),
        ["app PUT preflighted", "app PUT cached 600 s"]
    );
    let message = failed[0].1.to_string();
    assert!(
        message.contains("MethodDisallowedByPreflightResponse"),
        "{message}"
    );
    assert!(message.contains("have the server add `PUT` to `Access-Control-Allow-Methods`"));
}

// --- What a failing check says ---

#[tokio::test]
async fn a_failing_check_panics_saying_why_per_engine() {
    let app = app_with(cors(Some(Mutation::DropCredentials)));
    let me = check(&app).from(APP).get("/me").credentials();
    let panic = tokio::spawn(async move { me.readable().await })
        .await
        .expect_err("the check panics")
        .into_panic();
    let message = panic.downcast_ref::<String>().expect("a message");
    assert!(message.starts_with("check at tests/tower.rs:"), "{message}");
    assert!(message.contains(
        "failed: expected GET https://api.example/me from https://app.example with credentials \
         to be readable in chromium, firefox, webkit; it was not in chromium, firefox, webkit"
    ));
    for engine in ["chromium", "firefox", "webkit"] {
        assert!(message.contains(&format!("\n{engine} (FAILED): blocked")));
    }
    assert!(message.contains("  console: "));
    assert!(message.contains("  fix: "));
    assert!(message.contains("  why:\n      1. "));
}

#[tokio::test]
async fn a_cache_check_expects_each_engines_cap() {
    // Max-Age 3600: WebKit keeps the result for 600 s only, and the check says so.
    let app = app_with(cors(None).max_age(Duration::from_secs(3600)));
    let put = check(&app)
        .from(APP)
        .put("/items/1")
        .json()
        .bearer()
        .credentials();
    put.preflight_cached_for(Duration::from_secs(3600)).await;
    let failure = put
        .try_preflight_cached_for(Duration::from_secs(600))
        .await
        .expect_err("Chromium and Firefox keep it longer");
    let failed: Vec<_> = failure.failed().collect();
    assert_eq!(
        failed,
        [cors_sim::Engine::Chromium, cors_sim::Engine::Firefox]
    );
    let message = failure.to_string();
    assert!(message.contains(
        "at 600 s, when the result should have expired, no preflight was sent: preflight result \
         cached for 3600 seconds"
    ));
    assert!(message.contains("webkit (ok): preflighted at 0 s, no preflight at 599.999 s"));
    let webkit = check(&app).engines([cors_sim::Engine::WebKit]).from(APP);
    let webkit = webkit.put("/items/1").json().bearer().credentials();
    let report = webkit
        .try_preflight_cached_for(Duration::from_secs(7200))
        .await;
    assert!(report.is_ok());
}

#[tokio::test]
async fn blocked_with_names_the_reason() {
    let app = app();
    let evil = check(&app).from(EVIL).put("/items/1").json().credentials();
    // tower-http answers every origin with the allowed one.
    evil.blocked_with("PreflightAllowOriginMismatch").await;
    let failure = evil
        .try_blocked_with("AllowOriginMismatch")
        .await
        .expect_err("the preflight fails first");
    assert!(
        failure
            .to_string()
            .contains("blocked (PreflightAllowOriginMismatch)")
    );
    // Only the preflight reached the app.
    let result = &failure.engines[0];
    assert_eq!(result.fetches[0].1.exchange.requests.len(), 1);
}

#[tokio::test]
async fn the_body_is_read_when_script_can_read_it() {
    let app = app();
    let client = cors_sim::tower::ServiceClient::new(app, cors_sim::Engine::Firefox);
    let page: cors_sim::Document = APP.parse().unwrap();
    let init = cors_sim::RequestInit::new("https://api.example/me")
        .credentials(cors_sim::CredentialsMode::Include);
    let fetched = client
        .fetch(&page, init.clone(), cors_sim::Time::ZERO)
        .await
        .unwrap();
    assert_eq!(fetched.body.as_deref(), Some(&br#"{"name":"Ada"}"#[..]));
    let evil: cors_sim::Document = EVIL.parse().unwrap();
    let fetched = client
        .fetch(&evil, init, cors_sim::Time::ZERO)
        .await
        .unwrap();
    assert_eq!(fetched.body, None);
}

// --- The closure form, with a second framework ---

mod hyper_handler {
    use bytes::Bytes;
    use cors_sim::{Browser, Document, Engine, RequestInit, Time};
    use http_body_util::Full;
    use hyper::service::{Service as _, service_fn};
    use std::convert::Infallible;

    /// A hyper handler doing CORS by hand: https://app.example may read, with credentials.
    async fn handle(
        request: http::Request<Full<Bytes>>,
    ) -> Result<http::Response<Full<Bytes>>, Infallible> {
        let mut response = http::Response::builder().header("Vary", "Origin");
        if request
            .headers()
            .get("origin")
            .is_some_and(|o| o == super::APP)
        {
            response = response
                .header("Access-Control-Allow-Origin", super::APP)
                .header("Access-Control-Allow-Credentials", "true");
        }
        Ok(response.body(Full::new(Bytes::from_static(b"hi"))).unwrap())
    }

    #[tokio::test]
    async fn a_hyper_service_through_fetch_with_async() {
        let service = service_fn(handle);
        let init = RequestInit::new("https://api.example/me")
            .credentials(cors_sim::CredentialsMode::Include);
        for (page, allowed) in [(super::APP, true), (super::EVIL, false)] {
            for engine in Engine::ALL {
                let page: Document = page.parse().unwrap();
                let mut browser = Browser::new(engine);
                let exchange = browser
                    .fetch_with_async(&page, init.clone(), Time::ZERO, |request| {
                        let request = request.to_http_with_body().expect("an http request");
                        let response = service.call(request);
                        async move { response.await.expect("infallible") }
                    })
                    .await
                    .unwrap();
                if allowed {
                    exchange.expect_allowed();
                } else {
                    exchange.expect_blocked("MissingAllowOriginHeader");
                }
            }
        }
    }
}

// --- Property tests against the app ---

#[cfg(feature = "proptest")]
mod properties {
    use super::*;
    use cors_sim::testing::strategies::{AttackerOrigin, app_request, attacker_origin};
    use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};

    const API: &str = "https://api.example.com";
    const FRONTEND: &str = "https://app.example.com";

    /// No attacker origin reads a credentialed response of `app`, in any engine: the
    /// failing origin, if proptest finds one.
    fn attackers_kept_out(app: &Router) -> Result<(), TestError<AttackerOrigin>> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let mut runner = TestRunner::new(Config {
            cases: 256,
            failure_persistence: None,
            ..Config::default()
        });
        runner.run(&attacker_origin(API, &[FRONTEND]), |attacker| {
            let me = check(app)
                .at(API)
                .from(attacker.document())
                .get("/me")
                .credentials();
            runtime
                .block_on(me.try_blocked())
                .map_err(|failure| TestCaseError::fail(failure.to_string()))
        })
    }

    /// The API at api.example.com, allowing origins whose serialization passes `allow`, with
    /// credentials.
    fn app_allowing(allow: fn(&[u8]) -> bool) -> Router {
        app_with(
            CorsLayer::new()
                .allow_origin(AllowOrigin::predicate(move |origin, _| {
                    allow(origin.as_bytes())
                }))
                .allow_credentials(true)
                .allow_methods([Method::GET, Method::PUT])
                .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION]),
        )
    }

    #[test]
    fn proptest_finds_the_hole_in_a_sloppy_predicate() {
        let sloppy = app_allowing(|origin| origin.ends_with(b"example.com"));
        let Err(TestError::Fail(why, attacker)) = attackers_kept_out(&sloppy) else {
            panic!("proptest found no attacker origin that reads the sloppy app's responses");
        };
        println!("proptest found {attacker:?}, which reads the response:\n{why}");
        let origin = attacker.origin();
        assert!(
            origin.ends_with("example.com") && origin != FRONTEND,
            "{origin}"
        );
        assert!(
            why.message()
                .contains("readable because Access-Control-Allow-Origin is the")
        );
    }

    #[test]
    fn an_exact_allow_list_keeps_every_attacker_out() {
        let exact = app_allowing(|origin| origin == FRONTEND.as_bytes());
        if let Err(error) = attackers_kept_out(&exact) {
            panic!("{error}");
        }
    }

    #[test]
    fn the_frontends_requests_all_pass_an_exact_allow_list() {
        let exact = app_allowing(|origin| origin == FRONTEND.as_bytes());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let mut runner = TestRunner::new(Config {
            cases: 64,
            failure_persistence: None,
            ..Config::default()
        });
        let requests = app_request(API, &["/me", "/items/1"]);
        let result = runner.run(&requests, |init| {
            let request = check(&exact).from(FRONTEND).request(init);
            let Err(failure) = runtime.block_on(request.try_readable()) else {
                return Ok(());
            };
            // The layer lists GET and PUT (POST needs no listing); others fail the preflight.
            let refused_method = failure.engines.iter().all(|engine| {
                engine.fetches.iter().all(|(_, fetched)| {
                    matches!(&fetched.exchange.result, Err(error)
                        if error.reason.name() == "MethodDisallowedByPreflightResponse")
                })
            });
            if refused_method {
                Ok(())
            } else {
                Err(TestCaseError::fail(failure.to_string()))
            }
        });
        if let Err(error) = result {
            panic!("{error}");
        }
    }
}
