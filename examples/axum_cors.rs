//! An axum API with `tower-http`'s `CorsLayer`, checked in Chromium, Firefox and WebKit
//! without a browser or a socket: first as configured, then with `.allow_credentials(true)`
//! removed, which the usual header assertions miss and the checks catch, saying why in each
//! engine's words.
//!
//! Run with `cargo run --example axum_cors --features tower`. `tests/tower.rs` holds the same
//! checks as tests to copy.

use axum::Router;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::routing::get;
use cors_sim::check::check;
use std::time::Duration;
use tower_http::cors::CorsLayer;

/// The API: https://app.example may `GET` and `PUT` with credentials and JSON.
fn app(allow_credentials: bool) -> Router {
    let cors = CorsLayer::new()
        .allow_origin(HeaderValue::from_static("https://app.example"))
        .allow_credentials(allow_credentials)
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

/// Runs the checks against `app`, printing what each says.
async fn run_checks(app: &Router) {
    let me = check(app)
        .from("https://app.example")
        .get("/me")
        .credentials();
    let put = check(app)
        .from("https://app.example")
        .put("/items/1")
        .json()
        .bearer()
        .credentials();
    let results = [
        ("GET /me is readable", me.try_readable().await),
        (
            "https://evil.example is blocked",
            me.clone().from("https://evil.example").try_blocked().await,
        ),
        ("PUT /items/1 is preflighted", put.try_preflighted().await),
        (
            "its preflight is cached for 600 s",
            put.try_preflight_cached_for(Duration::from_secs(600)).await,
        ),
    ];
    for (name, result) in results {
        match result {
            Ok(()) => println!("  ok: {name}"),
            Err(failure) => {
                // The first lines: what was expected, then Chromium's result with its console line.
                let shown: Vec<String> = failure
                    .to_string()
                    .lines()
                    .filter(|line| !line.is_empty())
                    .take(4)
                    .map(str::to_owned)
                    .collect();
                println!("  FAILED: {name}\n    {}\n    …", shown.join("\n    "));
            }
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("The CorsLayer as configured:");
    run_checks(&app(true)).await;
    println!("\nWithout `.allow_credentials(true)`:");
    run_checks(&app(false)).await;
}
