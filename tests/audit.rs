//! The audit in process: an axum `Router` audited through the tower adapter, no socket.

use axum::Router;
use axum::http::{HeaderValue, Method, header};
use axum::routing::get;
use cors_sim::audit::{Audit, AuditBrowser, Severity};
use tower_http::cors::{AllowOrigin, CorsLayer};

fn api(cors: CorsLayer) -> Router {
    let me = || async { r#"{"user":"ada"}"# };
    Router::new()
        .route("/me", get(me).put(me).delete(me).post(me))
        .layer(cors)
}

#[tokio::test]
async fn an_ends_with_check_lets_any_site_read_with_the_victims_cookie() {
    let app = api(CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(|origin: &HeaderValue, _| {
            origin.as_bytes().ends_with(b"example.com")
        }))
        .allow_credentials(true)
        .allow_methods([Method::GET, Method::PUT])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION]));
    let report = Audit::new("https://api.example.com/me")
        .unwrap()
        .allowed_origin("https://app.example.com")
        .cookie("session=1; Path=/; Secure; HttpOnly; SameSite=None")
        .run_service(app)
        .await;
    assert_eq!(report.severity(), Some(Severity::High));
    let any_site = &report.findings[0];
    assert!(
        any_site
            .origins
            .iter()
            .any(|o| o.origin() == "https://evilexample.com")
    );
    // A SameSite=None cookie goes cross-site where third-party cookies are allowed.
    let high: Vec<&str> = any_site
        .engines
        .iter()
        .filter(|e| e.severity == Some(Severity::High))
        .map(|e| e.browser)
        .collect();
    assert_eq!(high, ["chrome", "webkit"]);
    // POST and PUT are allowed, DELETE is not: the preflight decides.
    let names: Vec<&str> = any_site.requests.iter().map(|k| k.name()).collect();
    assert_eq!(
        names,
        [
            "simple-get",
            "credentialed-get",
            "json-post",
            "authorized-put"
        ]
    );
    assert!(any_site.fix.contains("exact allow-list"));
}

#[tokio::test]
async fn an_exact_allow_list_keeps_every_attacker_out() {
    let app = api(CorsLayer::new()
        .allow_origin(HeaderValue::from_static("https://app.example.com"))
        .allow_credentials(true)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION]));
    let report = Audit::new("https://api.example.com/me")
        .unwrap()
        .allowed_origin("https://app.example.com")
        .browsers(
            AuditBrowser::NAMES
                .iter()
                .filter_map(|n| AuditBrowser::named(n)),
        )
        .run_service(app)
        .await;
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    assert_eq!(report.kept_out.len(), report.tried.len());
    assert!(report.stats.reused > 0 && report.stats.sent < report.stats.requests);
}
