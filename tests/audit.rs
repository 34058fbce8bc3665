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

/// A transport answering with `answer` for each request, counting what it was sent.
fn counting(
    sent: &std::cell::Cell<usize>,
    answer: impl Fn(usize, &cors_sim::OutgoingRequest) -> Result<cors_sim::Reply, String>,
) -> impl Fn(cors_sim::OutgoingRequest) -> std::future::Ready<Result<cors_sim::Reply, String>> {
    move |request| {
        let n = sent.get();
        sent.set(n + 1);
        std::future::ready(answer(n, &request))
    }
}

/// The `Origin` a request carries (empty without one).
fn origin_of(request: &cors_sim::OutgoingRequest) -> String {
    request
        .headers()
        .get_str("origin")
        .unwrap_or_default()
        .into_owned()
}

fn reply(headers: &[(&str, &str)]) -> cors_sim::Reply {
    let mut response = http::Response::builder();
    for (name, value) in headers {
        response = response.header(*name, *value);
    }
    response.body(()).unwrap().into()
}

#[tokio::test]
async fn a_target_that_stops_answering_ends_the_audit_early_and_incomplete() {
    let sent = std::cell::Cell::new(0);
    let server = counting(&sent, |n, _| {
        if n == 0 {
            Ok(reply(&[]))
        } else {
            Err("connection reset".to_owned())
        }
    });
    let report = Audit::new("https://api.example.com/me")
        .unwrap()
        .allowed_origin("https://app.example.com")
        .run(&server)
        .await;
    let incomplete = report.incomplete.expect("an incomplete audit");
    assert!(incomplete.contains("8 requests in a row"), "{incomplete}");
    // The first answer, then eight failures, and nothing after them.
    assert_eq!(sent.get(), 9);
    assert_eq!(report.stats.sent, 9);
    assert!(report.unreachable.is_none());
}

#[tokio::test]
async fn a_target_with_credentials_in_its_url_is_refused() {
    let error = Audit::new("https://user:pw@api.example.com/me").unwrap_err();
    assert!(error.contains("username or password"), "{error}");
}

#[tokio::test]
async fn origins_are_inferred_only_from_an_allow_origin_a_browser_accepts() {
    // One fixed origin: inferred, and left out of the attacks.
    let sent = std::cell::Cell::new(0);
    let fixed = counting(&sent, |_, _| {
        Ok(reply(&[
            ("access-control-allow-origin", "https://app.partner.example"),
            ("access-control-allow-credentials", "true"),
        ]))
    });
    let report = Audit::new("https://api.example.com/me")
        .unwrap()
        .run(&fixed)
        .await;
    assert_eq!(
        report.allowed,
        ["https://api.example.com", "https://app.partner.example"]
    );
    // Many values (no browser accepts any), or one that is not a serialized origin: none.
    let many: Vec<String> = (0..20).map(|i| format!("https://a{i}.example")).collect();
    for values in [many, vec!["https://app.partner.example/".to_owned()]] {
        let sent = std::cell::Cell::new(0);
        let server = counting(&sent, |_, _| {
            let headers: Vec<(&str, &str)> = values
                .iter()
                .map(|v| ("access-control-allow-origin", v.as_str()))
                .collect();
            Ok(reply(&headers))
        });
        let report = Audit::new("https://api.example.com/me")
            .unwrap()
            .run(&server)
            .await;
        assert_eq!(report.allowed, ["https://api.example.com"], "{values:?}");
    }
}

#[tokio::test]
async fn the_audits_requests_carry_fetch_metadata() {
    let seen = std::cell::RefCell::new(Vec::new());
    let server = |request: cors_sim::OutgoingRequest| {
        let site = request
            .headers()
            .get_str("sec-fetch-site")
            .map(|s| s.into_owned());
        seen.borrow_mut().push(site);
        std::future::ready(Ok::<_, String>(reply(&[])))
    };
    Audit::new("https://api.example.com/me")
        .unwrap()
        .allowed_origin("https://app.example.com")
        .run(&server)
        .await;
    let seen = seen.into_inner();
    assert!(seen.len() > 10);
    assert!(seen.iter().all(Option::is_some), "{seen:?}");
    assert!(seen.iter().any(|s| s.as_deref() == Some("cross-site")));
}

#[tokio::test]
async fn a_refused_made_up_session_still_shows_the_hole_one_notch_lower() {
    // Reflects any origin with credentials; answers 401 unless the real session comes.
    let server = |request: cors_sim::OutgoingRequest| {
        let origin = origin_of(&request);
        let real = request
            .headers()
            .get_str("cookie")
            .is_some_and(|c| c.contains("session=real"));
        let status = if real || request.is_preflight() {
            200
        } else {
            401
        };
        let reply = http::Response::builder()
            .status(status)
            .header("access-control-allow-origin", origin)
            .header("access-control-allow-credentials", "true")
            .body(())
            .unwrap()
            .into();
        std::future::ready(Ok::<cors_sim::Reply, String>(reply))
    };
    let audit = Audit::new("https://api.example.com/me")
        .unwrap()
        .allowed_origin("https://app.example.com");
    let made_up = audit.clone().run(&server).await;
    assert_eq!(made_up.severity(), Some(Severity::Medium));
    assert_eq!(made_up.findings[0].rule, "arbitrary-origin");
    let summary = made_up.findings[0].engines[0].summary();
    assert!(summary.contains("refused the session (401)"), "{summary}");
    let real = audit
        .cookie("session=real; Path=/; Secure; SameSite=None")
        .run(&server)
        .await;
    assert_eq!(real.severity(), Some(Severity::High));
}

#[tokio::test]
async fn a_named_origin_only_a_foothold_serves_is_tried_not_allowed() {
    // A development origin left in production, with credentials.
    let server = |_request: cors_sim::OutgoingRequest| {
        std::future::ready(Ok::<_, String>(reply(&[
            ("access-control-allow-origin", "http://localhost:3000"),
            ("access-control-allow-credentials", "true"),
        ])))
    };
    let report = Audit::new("https://api.example.com/me")
        .unwrap()
        .run(&server)
        .await;
    assert_eq!(report.allowed, ["https://api.example.com"]);
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("http://localhost:3000"))
    );
    let finding = report
        .findings
        .iter()
        .find(|f| {
            f.origins
                .iter()
                .any(|o| o.origin() == "http://localhost:3000")
        })
        .expect("a finding for the localhost origin");
    assert!(finding.severity >= Severity::Low, "{finding:?}");
}

#[tokio::test]
async fn each_finding_names_how_its_origins_got_in() {
    // Trusts `null` and GitHub's user pages, with credentials.
    let server = |request: cors_sim::OutgoingRequest| {
        let origin = origin_of(&request);
        let trusted = origin == "null" || origin.ends_with(".github.io");
        let headers: Vec<(&str, &str)> = if trusted {
            vec![
                ("access-control-allow-origin", origin.as_str()),
                ("access-control-allow-credentials", "true"),
            ]
        } else {
            vec![]
        };
        std::future::ready(Ok::<_, String>(reply(&headers)))
    };
    let report = Audit::new("https://api.example.com/me")
        .unwrap()
        .allowed_origin("https://app.example.com")
        .run(&server)
        .await;
    // (Findings of attacks, not lints: a `position` says who can attack.)
    let mut rules: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.position.is_some())
        .map(|f| f.rule)
        .collect();
    rules.sort_unstable();
    assert_eq!(
        rules,
        ["null-origin", "third-party-hosting"],
        "{:#?}",
        report.findings
    );
    // `*`: the finding says so, rather than that the server reflects origins.
    let star = |_request: cors_sim::OutgoingRequest| {
        std::future::ready(Ok::<_, String>(reply(&[(
            "access-control-allow-origin",
            "*",
        )])))
    };
    let report = Audit::new("https://api.example.com/me")
        .unwrap()
        .allowed_origin("https://app.example.com")
        .run(&star)
        .await;
    let any = &report.findings[0];
    assert_eq!(any.rule, "arbitrary-origin");
    assert!(
        any.detail.contains("`Access-Control-Allow-Origin: *`"),
        "{}",
        any.detail
    );
}

#[tokio::test]
async fn an_allowed_origins_writes_are_never_sent_and_its_lints_still_run() {
    // `*` for everything: the standard's `*` does not cover Authorization; engines let it.
    let writes = std::cell::Cell::new(0);
    let server = |request: cors_sim::OutgoingRequest| {
        let from_app = origin_of(&request) == "https://app.example.com";
        if from_app && !request.is_preflight() && request.method() != "GET" {
            writes.set(writes.get() + 1);
        }
        std::future::ready(Ok::<_, String>(reply(&[
            ("access-control-allow-origin", "*"),
            ("access-control-allow-methods", "*"),
            ("access-control-allow-headers", "*"),
        ])))
    };
    let report = Audit::new("https://api.example.com/me")
        .unwrap()
        .allowed_origin("https://app.example.com")
        .run(&server)
        .await;
    assert_eq!(writes.get(), 0);
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.rule == "authorization-by-wildcard"),
        "{:#?}",
        report.findings
    );
}

#[tokio::test]
async fn allowed_origins_no_browser_sends_are_noted_and_null_is_tried() {
    let server =
        |_request: cors_sim::OutgoingRequest| std::future::ready(Ok::<_, String>(reply(&[])));
    let report = Audit::new("https://api.example.com/me")
        .unwrap()
        .allowed_origin("null")
        .allowed_origin("https://app.example.com/path")
        .run(&server)
        .await;
    let notes = report.notes.join("\n");
    assert!(
        notes.contains("`null` is among the allowed origins"),
        "{notes}"
    );
    assert!(
        notes.contains("\"https://app.example.com/path\" is not one a browser can send"),
        "{notes}"
    );
    assert_eq!(report.allowed, ["https://api.example.com"]);
    assert!(report.tried.iter().any(|o| o.origin() == "null"));
}
