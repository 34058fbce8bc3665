//! `cors-sim probe` against real servers: axum with tower-http's `CorsLayer` in several
//! configurations, and hand-written handlers that get CORS wrong in the ways people do.

use crate::support::{json, pairs, probe, serve};
use axum::Router;
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS,
    AUTHORIZATION, CONTENT_TYPE, ORIGIN,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use snapbox::file;
use std::time::Duration;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

const PAGE: &str = "http://localhost:3000";

async fn items() -> Response {
    ([(CONTENT_TYPE, "application/json")], r#"[{"id":1}]"#).into_response()
}

/// `GET /items` and `PUT /items/{id}`, as an API has them.
fn api() -> Router {
    Router::new()
        .route("/items", get(items))
        .route("/items/{id}", axum::routing::put(items).delete(items))
}

const JSON_PUT: [&str; 6] = [
    "-X",
    "PUT",
    "-H",
    "Content-Type: application/json",
    "--data",
    r#"{"done":true}"#,
];

/// The verdict of each engine in a probe's JSON, with the reason when blocked.
fn verdicts(report: &serde_json::Value) -> Vec<(String, String)> {
    report["engines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let verdict = e["verdict"].as_str().unwrap();
            let verdict = match e["reason"].as_str() {
                Some(reason) => format!("{verdict} {reason}"),
                None => verdict.to_owned(),
            };
            (e["engine"].as_str().unwrap().to_owned(), verdict)
        })
        .collect()
}

fn every_browser(verdict: &str) -> Vec<(String, String)> {
    ["chromium", "firefox", "webkit"]
        .map(|e| (e.to_owned(), verdict.to_owned()))
        .to_vec()
}

#[test]
fn exact_origin_list_with_credentials_lets_the_page_in_and_keeps_others_out() {
    let port = serve(
        api().layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list([
                    HeaderValue::from_static(PAGE),
                    HeaderValue::from_static("https://app.example"),
                ]))
                .allow_credentials(true)
                .allow_methods([Method::GET, Method::PUT])
                .allow_headers([CONTENT_TYPE, AUTHORIZATION]),
        ),
    );
    probe(
        port,
        "/items",
        &["--origin", PAGE, "--credentials", "include"],
    )
    .assert()
    .code(0)
    .stdout_eq(file!["snapshots/probe-list-allowed.txt"]);
    probe(
        port,
        "/items",
        &[
            "--origin",
            "http://evil.example",
            "--credentials",
            "include",
        ],
    )
    .assert()
    .code(1)
    .stdout_eq(file!["snapshots/probe-list-evil.txt"]);
    let put = json(
        probe(
            port,
            "/items/1",
            &["--origin", PAGE, "--credentials", "include"],
        )
        .args(JSON_PUT)
        .args(["-H", "Authorization: Bearer t", "--format", "json"]),
    );
    assert_eq!(verdicts(&put), every_browser("readable"));
    assert_eq!(put["exit_status"], 0);
    assert!(put["engines"][0]["preflighted"].as_bool().unwrap());
    // The preflight went out once for the three engines, the PUT once too.
    assert_eq!(put["exchange"].as_array().unwrap().len(), 1);
    let hops = put["exchange"][0]["hops"].as_array().unwrap();
    assert_eq!(hops.len(), 2);
    assert_eq!(hops[0]["request"]["method"], "OPTIONS");
    assert_eq!(hops[0]["reused"], false);
}

#[test]
fn any_origin_methods_and_headers() {
    let port = serve(
        api().layer(
            CorsLayer::new()
                .allow_origin(Any)
                .allow_methods(Any)
                .allow_headers(Any),
        ),
    );
    let get = json(probe(
        port,
        "/items",
        &["--origin", PAGE, "--format", "json"],
    ));
    assert_eq!(verdicts(&get), every_browser("readable"));
    let credentialed = json(
        probe(port, "/items", &["--origin", PAGE, "--format", "json"])
            .args(["--credentials", "include"]),
    );
    assert_eq!(
        verdicts(&credentialed),
        every_browser("blocked WildcardOriginNotAllowed")
    );
    assert_eq!(credentialed["exit_status"], 1);
    // `Access-Control-Allow-Headers: *` does not cover Authorization in the standard; every
    // browser lets it through: the probe says where they differ, and why.
    probe(port, "/items/1", &["--origin", PAGE, "--engine", "all"])
        .args(JSON_PUT)
        .args(["-H", "Authorization: Bearer t"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/probe-any-authorization.txt"]);
}

#[test]
fn mirror_request_allows_a_credentialed_put_with_a_custom_header() {
    let port = serve(api().layer(CorsLayer::very_permissive()));
    probe(
        port,
        "/items/1",
        &["--origin", PAGE, "--credentials", "include"],
    )
    .args(JSON_PUT)
    .args(["-H", "X-Request-Id: 7"])
    .assert()
    .code(0)
    .stdout_eq(file!["snapshots/probe-mirror.txt"]);
}

#[test]
fn methods_and_headers_lists_refuse_what_they_do_not_list() {
    let port = serve(
        api().layer(
            CorsLayer::new()
                .allow_origin(Any)
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([CONTENT_TYPE]),
        ),
    );
    let delete = json(probe(
        port,
        "/items/1",
        &["--origin", PAGE, "-X", "DELETE", "--format", "json"],
    ));
    assert_eq!(
        verdicts(&delete),
        every_browser("blocked MethodDisallowedByPreflightResponse")
    );
    let header = json(
        probe(port, "/items", &["--origin", PAGE, "--format", "json"]).args(["-H", "X-Api-Key: k"]),
    );
    assert_eq!(
        verdicts(&header),
        every_browser("blocked HeaderDisallowedByPreflightResponse")
    );
    let console = header["engines"][0]["console"].as_str().unwrap();
    assert!(
        console.ends_with(
            "Request header field x-api-key is not allowed by Access-Control-Allow-Headers in \
             preflight response."
        ),
        "{console}"
    );
}

#[test]
fn max_age_per_engine_after_its_cap() {
    let port = serve(
        api().layer(
            CorsLayer::new()
                .allow_origin(HeaderValue::from_static(PAGE))
                .allow_methods([Method::PUT])
                .allow_headers([CONTENT_TYPE])
                .max_age(Duration::from_secs(3600)),
        ),
    );
    probe(port, "/items/1", &["--origin", PAGE])
        .args(JSON_PUT)
        .assert()
        .code(0)
        .stdout_eq(file!["snapshots/probe-max-age.txt"]);
    let report =
        json(probe(port, "/items/1", &["--origin", PAGE, "--format", "json"]).args(JSON_PUT));
    let seconds: Vec<u64> = report["engines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["max_age"]["seconds"].as_u64().unwrap())
        .collect();
    assert_eq!(seconds, [3600, 3600, 600]);
    assert_eq!(report["max_age_header"], "3600");
}

#[test]
fn a_handler_that_reflects_any_origin_with_credentials_lets_everyone_read() {
    let port = serve(Router::new().route(
        "/me",
        get(|headers: HeaderMap| async move {
            let origin = headers
                .get(ORIGIN)
                .cloned()
                .unwrap_or(HeaderValue::from_static("*"));
            (
                [
                    (ACCESS_CONTROL_ALLOW_ORIGIN, origin),
                    (
                        ACCESS_CONTROL_ALLOW_CREDENTIALS,
                        HeaderValue::from_static("true"),
                    ),
                ],
                "{}",
            )
        }),
    ));
    probe(
        port,
        "/me",
        &[
            "--origin",
            "http://evil.example",
            "--credentials",
            "include",
        ],
    )
    .assert()
    .code(0)
    .stdout_eq(file!["snapshots/probe-reflect.txt"]);
}

#[test]
fn a_duplicate_allow_origin_header_is_blocked() {
    let port = serve(Router::new().route(
        "/items",
        get(|| async {
            let mut response = "[]".into_response();
            let headers = response.headers_mut();
            headers.append(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static(PAGE));
            headers.append(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static(PAGE));
            response
        }),
    ));
    probe(port, "/items", &["--origin", PAGE])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/probe-duplicate-acao.txt"]);
}

#[test]
fn a_redirect_to_a_trailing_slash_before_cors_runs_is_blocked() {
    let cors = Router::new()
        .route("/items/", get(items))
        .layer(CorsLayer::new().allow_origin(Any));
    let port = serve(
        Router::new()
            .route("/items", get(|| async { Redirect::permanent("/items/") }))
            .merge(cors),
    );
    probe(port, "/items", &["--origin", PAGE])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/probe-trailing-slash.txt"]);
    // The URL with its slash is readable.
    let fixed = json(probe(
        port,
        "/items/",
        &["--origin", PAGE, "--format", "json"],
    ));
    assert_eq!(verdicts(&fixed), every_browser("readable"));
}

#[test]
fn an_error_without_cors_headers_is_blocked_and_the_status_is_shown() {
    let ok = Router::new()
        .route("/items", get(items))
        .layer(CorsLayer::new().allow_origin(Any));
    // The error handler sits outside the CORS layer, as a panic handler or a proxy would.
    let port = serve(ok.route(
        "/broken",
        get(|| async { (StatusCode::INTERNAL_SERVER_ERROR, "database unavailable") }),
    ));
    probe(port, "/broken", &["--origin", PAGE])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/probe-error-500.txt"]);
}

#[test]
fn engines_disagree_on_an_expose_headers_star_with_an_invalid_item() {
    let port = serve(Router::new().route(
        "/items",
        get(|| async {
            (
                [
                    (ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
                    (ACCESS_CONTROL_EXPOSE_HEADERS, "*, x b"),
                    (axum::http::HeaderName::from_static("x-total-count"), "3"),
                ],
                "[]",
            )
        }),
    ));
    probe(port, "/items", &["--origin", PAGE])
        .assert()
        .code(0)
        .stdout_eq(file!["snapshots/probe-expose-star.txt"]);
}

#[test]
fn resolve_keeps_the_production_url_and_host() {
    let port = serve(Router::new().route(
        "/host",
        get(|headers: HeaderMap| async move {
            let host = headers.get("host").cloned().unwrap();
            (
                [(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"))],
                [("x-seen-host", host)],
            )
        }),
    ));
    let report = json(
        crate::support::cors_sim(Some(port))
            .args(["probe", &format!("http://api.example.com:{port}/host")])
            .args(["--origin", PAGE, "--format", "json", "--engine", "chromium"])
            .args(["--resolve", &format!("api.example.com:{port}:127.0.0.1")]),
    );
    assert_eq!(
        verdicts(&report),
        [("chromium".to_owned(), "readable".to_owned())]
    );
    let headers = report["exchange"][0]["hops"][0]["response"]["headers"]
        .as_array()
        .unwrap();
    assert!(
        headers
            .iter()
            .any(|h| h[0] == "x-seen-host" && h[1] == format!("api.example.com:{port}")),
        "{headers:?}"
    );
}

#[test]
fn a_page_below_its_origins_root_and_a_sandboxed_page() {
    let port = serve(api().layer(CorsLayer::very_permissive()));
    let page = json(
        probe(
            port,
            "/items",
            &["--page", "http://localhost:3000/app/settings?tab=1"],
        )
        .args(["--format", "json", "--engine", "chromium"]),
    );
    assert_eq!(
        page["request"]["page"],
        "http://localhost:3000/app/settings?tab=1"
    );
    assert_eq!(page["request"]["origin"], PAGE);
    assert_eq!(
        verdicts(&page),
        [("chromium".to_owned(), "readable".to_owned())]
    );
    let sandboxed = json(
        probe(port, "/items", &["--origin", "null", "--format", "json"])
            .args(["--credentials", "include"]),
    );
    let sent = pairs(&sandboxed["exchange"][0]["hops"][0]["request"]["headers"]);
    assert!(
        sent.contains(&("origin".to_owned(), "null".to_owned())),
        "{sent:?}"
    );
    assert!(!sent.iter().any(|(name, _)| name == "referer"), "{sent:?}");
    // The server mirrors `null` with credentials, which lets every sandboxed page read.
    assert_eq!(verdicts(&sandboxed), every_browser("readable"));
}
