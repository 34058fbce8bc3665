//! Drives the fetch state machine through every part of CORS: origins, requests as script makes
//! them, header classification, the preflight and its cache, the CORS check, what script sees,
//! redirects and profiles. Each expectation comes from the Fetch standard's algorithm named in
//! the test.

use cors_sim::error::CheckFailure;
use cors_sim::http;
use cors_sim::{
    Browser, CredentialsMode, Document, Done, Engine, Exchange, Mode, NetworkError, Next,
    OutgoingRequest, Profile, Reason, RedirectMode, Reply, Request, RequestError, RequestInit,
    ResponseType, Time,
};

const PAGE: &str = "http://page.example";
const API: &str = "http://api.example/data";

/// The page that fetches: `http://page.example/`.
fn page() -> Document {
    PAGE.parse().unwrap()
}

fn response(status: u16, headers: &[(&str, &str)]) -> http::Response<()> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(()).unwrap()
}

/// The value of a header of a sent request, as text.
fn header(request: &OutgoingRequest, name: &str) -> Option<String> {
    request
        .headers()
        .get(name)
        .map(|v| String::from_utf8(v.into_owned()).unwrap())
}

/// A server that answers every preflight with `preflight` headers (status 204) and every other
/// request with `actual` headers (status 200); `{origin}` stands for the request's `Origin`.
fn server(
    preflight: &'static [(&'static str, &'static str)],
    actual: &'static [(&'static str, &'static str)],
) -> impl FnMut(&OutgoingRequest) -> http::Response<()> {
    move |request| {
        let origin = header(request, "origin").unwrap_or_default();
        let (status, headers) = if request.is_preflight() {
            (204, preflight)
        } else {
            (200, actual)
        };
        let headers: Vec<(&str, String)> = headers
            .iter()
            .map(|(n, v)| (*n, v.replace("{origin}", &origin)))
            .collect();
        let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        response(status, &headers)
    }
}

fn run<R: Into<Reply>>(
    browser: &mut Browser,
    init: RequestInit,
    at: u64,
    server: impl FnMut(&OutgoingRequest) -> R,
) -> Exchange {
    browser
        .fetch_with(&page(), init, Time::from_secs(at), server)
        .expect("a valid request")
}

fn spec() -> Browser {
    Browser::new(Profile::spec())
}

fn error_of(exchange: &Exchange) -> &NetworkError {
    exchange.result.as_ref().expect_err("the fetch fails")
}

const ALLOW_ALL: &[(&str, &str)] = &[
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Allow-Methods", "*"),
    ("Access-Control-Allow-Headers", "*"),
];
const ACAO_STAR: &[(&str, &str)] = &[("Access-Control-Allow-Origin", "*")];

// 1. Origins.

#[test]
fn a_same_origin_fetch_is_basic_and_needs_no_cors_headers() {
    let exchange = run(
        &mut spec(),
        RequestInit::new("/x").method("PUT").header("X-A", "1"),
        0,
        server(&[], &[("X-Secret", "1"), ("Set-Cookie", "a=b")]),
    );
    let response = exchange.expect_allowed();
    assert_eq!(response.response_type(), ResponseType::Basic);
    assert_eq!(response.exposed_header_names(), ["x-secret"]);
    assert!(!exchange.preflighted());
    // Fetch "append a request Origin header": not GET/HEAD, so Origin even same-origin.
    assert_eq!(header(&exchange.requests[0], "origin").unwrap(), PAGE);
    assert!(exchange.requests[0].credentials_included());
}

/// `respond` reads only a response's head: an owned response, a borrowed one (kept, with its
/// body, by the caller) and its `Parts` give the same result, and so does `reply`.
#[test]
fn a_response_can_be_handed_back_owned_borrowed_or_as_parts() {
    let answer = http::Response::builder()
        .status(203)
        .header("Access-Control-Allow-Origin", PAGE)
        .header("X-Hidden", "1")
        .header("Content-Language", "fr")
        .body("the body".to_owned())
        .unwrap();
    let (parts, body) = answer.clone().into_parts();
    let seen = |hand_back: &dyn Fn(cors_sim::AwaitingResponse, &mut Browser) -> Next| {
        let mut browser = spec();
        let Ok(Next::Send(pending)) = browser.fetch(&page(), RequestInit::new(API), Time::ZERO)
        else {
            panic!("a request")
        };
        let Next::Done(done) = hand_back(pending, &mut browser) else {
            panic!("a response")
        };
        let response = done.result.expect("readable");
        (response.status(), response.exposed_header_names())
    };
    let owned = seen(&|pending, browser| pending.respond(browser, answer.clone(), Time::ZERO));
    assert_eq!(owned, (203, vec!["content-language".to_owned()]));
    let borrowed = seen(&|pending, browser| pending.respond(browser, &answer, Time::ZERO));
    let by_parts = seen(&|pending, browser| pending.respond(browser, &parts, Time::ZERO));
    let replied = seen(&|pending, browser| pending.reply(browser, &answer, Time::ZERO));
    assert_eq!([&borrowed, &by_parts, &replied], [&owned; 3]);
    assert_eq!(
        (answer.body(), body.as_str()),
        (&"the body".to_owned(), "the body")
    );
}

#[test]
fn an_opaque_origin_sends_origin_null_and_matches_allow_origin_null() {
    let mut browser = spec();
    let exchange = browser
        .fetch_with(
            &Document::opaque(),
            RequestInit::new(API),
            Time::ZERO,
            server(&[], &[("Access-Control-Allow-Origin", "{origin}")]),
        )
        .unwrap();
    assert_eq!(header(&exchange.requests[0], "origin").unwrap(), "null");
    assert_eq!(header(&exchange.requests[0], "referer"), None);
    exchange.expect_allowed();
}

#[test]
fn default_ports_and_case_do_not_make_another_origin() {
    let exchange = run(
        &mut spec(),
        RequestInit::new("HTTP://PAGE.example:80/x"),
        0,
        server(&[], &[]),
    );
    assert_eq!(
        exchange.expect_allowed().response_type(),
        ResponseType::Basic
    );
}

#[test]
fn a_default_port_is_no_port() {
    // URL parsing drops the scheme's default port, so `http://localhost:80` and
    // `http://localhost` are one origin (HTML "same origin": same scheme, host and port).
    let page: Document = "http://localhost:80/app".parse().unwrap();
    let exchange = spec()
        .fetch_with(
            &page,
            RequestInit::new("http://localhost/data"),
            Time::ZERO,
            // No CORS header at all.
            server(&[], &[("X-Secret", "1")]),
        )
        .unwrap();
    assert_eq!(exchange.requests.len(), 1);
    assert!(!exchange.preflighted());
    let sent = &exchange.requests[0];
    assert_eq!(sent.url().as_str(), "http://localhost/data");
    // Fetch "append a request Origin header": a same-origin GET carries no Origin.
    assert_eq!(header(sent, "origin"), None);
    assert!(sent.credentials_included(), "credentials same-origin");
    // Same-origin: response tainting stays basic, so no CORS check and nothing filtered out.
    let response = exchange.expect_allowed();
    assert_eq!(response.response_type(), ResponseType::Basic);
    assert_eq!(response.status(), 200);
    assert_eq!(response.exposed_header_names(), ["x-secret"]);
}

// 2. Requests as script makes them.

#[test]
fn methods_are_normalized_only_for_the_six_standard_ones() {
    let exchange = run(
        &mut spec(),
        RequestInit::new(API).method("put"),
        0,
        server(ALLOW_ALL, ACAO_STAR),
    );
    assert_eq!(exchange.requests[1].method(), "PUT");
    assert_eq!(
        header(&exchange.requests[0], "access-control-request-method").unwrap(),
        "PUT"
    );
    // `patch` stays lowercase and `PATCH` in Access-Control-Allow-Methods does not allow it.
    let exchange = run(
        &mut spec(),
        RequestInit::new(API).method("patch"),
        0,
        server(
            &[
                ("Access-Control-Allow-Origin", "*"),
                ("Access-Control-Allow-Methods", "PATCH"),
            ],
            ACAO_STAR,
        ),
    );
    assert_eq!(
        error_of(&exchange).reason,
        Reason::MethodDisallowedByPreflightResponse {
            method: "patch".into()
        }
    );
}

#[test]
fn forbidden_headers_are_dropped_silently_and_never_preflighted() {
    let exchange = run(
        &mut spec(),
        RequestInit::new(API)
            .header("Cookie", "a=b")
            .header("Sec-Custom", "1")
            .header("Proxy-Foo", "1")
            .header("Origin", "http://evil.example")
            .header("X-HTTP-Method-Override", "CONNECT"),
        0,
        server(&[], ACAO_STAR),
    );
    assert!(!exchange.preflighted());
    let sent = &exchange.requests[0];
    for name in [
        "cookie",
        "sec-custom",
        "proxy-foo",
        "x-http-method-override",
    ] {
        assert_eq!(header(sent, name), None, "{name}");
    }
    assert_eq!(header(sent, "origin").unwrap(), PAGE);
}

#[test]
fn the_request_constructor_throws_type_errors() {
    let mut browser = spec();
    let errors = [
        RequestInit::new("http://user:pass@api.example/"),
        RequestInit::new(API).method("TRACE"),
        RequestInit::new(API).method("DELETE").mode(Mode::NoCors),
        RequestInit::new(API).header("X", "a\nb"),
        RequestInit::new("http://[::1"),
    ];
    for init in errors {
        assert!(browser.fetch(&page(), init, Time::ZERO).is_err());
    }
    let error = browser
        .fetch(&page(), RequestInit::new(API).method("TRACK"), Time::ZERO)
        .unwrap_err();
    assert!(matches!(error, RequestError::InvalidMethod(_)));
    assert!(error.to_string().starts_with("TypeError"));
}

#[test]
fn no_cors_requests_keep_only_safelisted_headers_and_are_opaque() {
    let exchange = run(
        &mut spec(),
        RequestInit::new(API)
            .method("POST")
            .mode(Mode::NoCors)
            .header("Content-Type", "application/json")
            .header("X-A", "1")
            .header("Accept", "text/plain"),
        0,
        server(&[], &[("X-B", "1")]),
    );
    assert!(!exchange.preflighted());
    let sent = &exchange.requests[0];
    assert_eq!(header(sent, "content-type"), None);
    assert_eq!(header(sent, "x-a"), None);
    assert_eq!(header(sent, "accept").unwrap(), "text/plain");
    // Not GET/HEAD and not cors: Origin is still sent.
    assert_eq!(header(sent, "origin").unwrap(), PAGE);
    let response = exchange.expect_allowed();
    assert_eq!(response.response_type(), ResponseType::Opaque);
    assert_eq!(response.status(), 0);
    assert!(response.headers().is_empty());
}

#[test]
fn same_origin_mode_refuses_cross_origin_urls() {
    let exchange = run(
        &mut spec(),
        RequestInit::new(API).mode(Mode::SameOrigin),
        0,
        server(&[], ACAO_STAR),
    );
    assert!(exchange.requests.is_empty());
    assert_eq!(error_of(&exchange).reason, Reason::DisallowedByMode);
}

#[test]
fn navigations_are_basic_whatever_the_origin_and_script_cannot_make_them() {
    let mut browser = spec();
    let navigation = Request::navigation(API.parse().unwrap());
    let Next::Send(pending) = browser.start(&page(), navigation, Time::ZERO) else {
        panic!("a request")
    };
    assert_eq!(header(pending.request(), "origin"), None);
    assert!(pending.request().credentials_included());
    let Next::Done(Done {
        result: Ok(response),
        ..
    }) = pending.respond(&mut browser, response(200, &[("X-B", "1")]), Time::ZERO)
    else {
        panic!("a response")
    };
    assert_eq!(response.response_type(), ResponseType::Basic);
    assert_eq!(response.exposed_header_names(), ["x-b"]);
    // Fetch Metadata of a navigation to another site (when the browser sends it).
    let mut browser = spec().fetch_metadata(true);
    let navigation = Request::navigation("https://api.example/x".parse().unwrap());
    let Next::Send(pending) = browser.start(&page(), navigation, Time::ZERO) else {
        panic!("a request")
    };
    let metadata = ["sec-fetch-dest", "sec-fetch-mode", "sec-fetch-site"]
        .map(|name| header(pending.request(), name).unwrap_or_default());
    assert_eq!(metadata, ["document", "navigate", "cross-site"]);
    let error = browser
        .fetch(
            &page(),
            RequestInit::new(API).mode(Mode::Navigate),
            Time::ZERO,
        )
        .unwrap_err();
    assert_eq!(error, RequestError::NavigateMode);
}

#[test]
fn the_use_cors_preflight_flag_forces_a_preflight_even_for_a_simple_request() {
    let mut browser = spec();
    let init = || {
        RequestInit::new(API)
            .method("POST")
            .use_cors_preflight(true)
    };
    let exchange = run(&mut browser, init(), 0, server(ACAO_STAR, ACAO_STAR));
    assert!(exchange.preflighted());
    exchange.expect_allowed();
    // No Access-Control-Allow-Methods: the method is cached all the same (step 7.4).
    let again = run(&mut browser, init(), 1, server(ACAO_STAR, ACAO_STAR));
    assert!(!again.preflighted());
}

#[test]
fn credentials_modes_decide_what_is_included() {
    for (credentials, included) in [
        (CredentialsMode::Omit, false),
        (CredentialsMode::SameOrigin, false),
        (CredentialsMode::Include, true),
    ] {
        let exchange = run(
            &mut spec(),
            RequestInit::new(API).credentials(credentials),
            0,
            server(
                &[],
                &[
                    ("Access-Control-Allow-Origin", "{origin}"),
                    ("Access-Control-Allow-Credentials", "true"),
                ],
            ),
        );
        assert_eq!(exchange.requests[0].credentials_included(), included);
        exchange.expect_allowed();
    }
}

// 3. Classification.

#[test]
fn safelisted_headers_stay_simple_and_unsafe_ones_are_preflighted() {
    let simple = [
        ("Accept", "application/json"),
        ("Accept-Language", "en-US,en;q=0.9"),
        ("Content-Language", "de"),
        ("Content-Type", "text/plain;charset=UTF-8"),
        ("Content-Type", "multipart/form-data; boundary=x"),
        ("Range", "bytes=0-499"),
    ];
    for (name, value) in simple {
        let exchange = run(
            &mut spec(),
            RequestInit::new(API).method("POST").header(name, value),
            0,
            server(&[], ACAO_STAR),
        );
        assert!(!exchange.preflighted(), "{name}: {value}");
    }
    let unsafe_headers = [
        ("Content-Type", "application/json"),
        ("Accept", "text/\"html\""),
        ("Accept-Language", "en_US"),
        ("Range", "bytes=-500"),
        ("Range", "bytes=0-1,3-4"),
        ("X-Requested-With", "XMLHttpRequest"),
        ("Authorization", "Bearer x"),
    ];
    for (name, value) in unsafe_headers {
        let exchange = run(
            &mut spec(),
            RequestInit::new(API).header(name, value),
            0,
            server(&[], ACAO_STAR),
        );
        assert!(exchange.preflighted(), "{name}: {value}");
        assert_eq!(
            header(&exchange.requests[0], "access-control-request-headers").unwrap(),
            name.to_ascii_lowercase()
        );
    }
}

#[test]
fn a_value_over_128_bytes_is_not_safelisted() {
    let preflighted = |len: usize| {
        run(
            &mut spec(),
            RequestInit::new(API).header("Accept", "a".repeat(len)),
            0,
            server(&[], ACAO_STAR),
        )
        .preflighted()
    };
    assert!(!preflighted(128));
    assert!(preflighted(129));
}

#[test]
fn safelisted_values_over_1024_bytes_in_total_become_unsafe() {
    // Accept: */* (3 bytes) is added by fetch; Accept-Language 128 + Content-Language 7 × 128.
    let init = |content_languages: usize| {
        let mut init = RequestInit::new(API).header("Accept-Language", "a".repeat(128));
        for _ in 0..content_languages {
            init = init.header("Content-Language", "b".repeat(128));
        }
        init
    };
    let exchange = run(&mut spec(), init(7), 0, server(&[], ACAO_STAR));
    assert_eq!(
        header(&exchange.requests[0], "access-control-request-headers").unwrap(),
        "accept,accept-language,content-language"
    );
    // One Content-Language fewer: 3 + 128 + 6 × 128 = 899 bytes.
    assert!(!run(&mut spec(), init(6), 0, server(&[], ACAO_STAR)).preflighted());
}

// 4. The CORS-preflight fetch.

#[test]
fn the_preflight_request_is_built_as_the_standard_says() {
    let exchange = run(
        &mut spec(),
        RequestInit::new("http://api.example/data?x=1")
            .method("DELETE")
            .header("X-B", "1")
            .header("x-a", "2")
            .header("X-B", "3")
            .header("Content-Type", "text/plain")
            .credentials(CredentialsMode::Include),
        0,
        server(
            &[
                ("Access-Control-Allow-Origin", "{origin}"),
                ("Access-Control-Allow-Credentials", "true"),
                ("Access-Control-Allow-Methods", "DELETE"),
                ("Access-Control-Allow-Headers", "x-a, X-B"),
            ],
            &[
                ("Access-Control-Allow-Origin", "{origin}"),
                ("Access-Control-Allow-Credentials", "true"),
            ],
        ),
    );
    let preflight = &exchange.requests[0];
    assert!(preflight.is_preflight());
    assert_eq!(preflight.method(), "OPTIONS");
    assert_eq!(preflight.url().as_str(), "http://api.example/data?x=1");
    assert_eq!(header(preflight, "accept").unwrap(), "*/*");
    assert_eq!(
        header(preflight, "access-control-request-method").unwrap(),
        "DELETE"
    );
    assert_eq!(
        header(preflight, "access-control-request-headers").unwrap(),
        "x-a,x-b"
    );
    assert_eq!(header(preflight, "origin").unwrap(), PAGE);
    assert_eq!(
        header(preflight, "referer").unwrap(),
        "http://page.example/"
    );
    assert_eq!(header(preflight, "x-a"), None);
    assert!(!preflight.credentials_included());
    let actual = &exchange.requests[1];
    assert_eq!(actual.method(), "DELETE");
    assert_eq!(header(actual, "x-b").unwrap(), "1, 3");
    assert!(actual.credentials_included());
    exchange.expect_allowed();
}

#[test]
fn each_preflight_failure_has_its_reason() {
    type Case = (&'static [(&'static str, &'static str)], u16, Reason);
    let put = || {
        RequestInit::new(API)
            .method("PUT")
            .header("X-A", "1")
            .header("Authorization", "Bearer x")
    };
    let cases: Vec<Case> = vec![
        (
            &[("Access-Control-Allow-Methods", "PUT")],
            204,
            Reason::PreflightCheck(CheckFailure::MissingAllowOriginHeader),
        ),
        (
            &[("Access-Control-Allow-Origin", "http://other.example")],
            204,
            Reason::PreflightCheck(CheckFailure::AllowOriginMismatch {
                value: "http://other.example".into(),
            }),
        ),
        (
            &[("Access-Control-Allow-Origin", "*")],
            500,
            Reason::PreflightInvalidStatus { status: 500 },
        ),
        (
            &[
                ("Access-Control-Allow-Origin", "*"),
                ("Location", "/elsewhere"),
            ],
            307,
            Reason::PreflightDisallowedRedirect { status: 307 },
        ),
        (
            &[
                ("Access-Control-Allow-Origin", "*"),
                ("Access-Control-Allow-Methods", "PUT;"),
            ],
            204,
            Reason::InvalidAllowMethodsPreflightResponse {
                value: "PUT;".into(),
            },
        ),
        (
            &[
                ("Access-Control-Allow-Origin", "*"),
                ("Access-Control-Allow-Methods", "PUT"),
                ("Access-Control-Allow-Headers", "x-a x-b"),
            ],
            204,
            Reason::InvalidAllowHeadersPreflightResponse {
                value: "x-a x-b".into(),
            },
        ),
        (
            &[
                ("Access-Control-Allow-Origin", "*"),
                ("Access-Control-Allow-Methods", "GET, POST"),
            ],
            204,
            Reason::MethodDisallowedByPreflightResponse {
                method: "PUT".into(),
            },
        ),
        (
            &[
                ("Access-Control-Allow-Origin", "*"),
                ("Access-Control-Allow-Methods", "PUT"),
                ("Access-Control-Allow-Headers", "authorization"),
            ],
            204,
            Reason::HeaderDisallowedByPreflightResponse {
                header: "x-a".into(),
            },
        ),
        (
            &[
                ("Access-Control-Allow-Origin", "*"),
                ("Access-Control-Allow-Methods", "PUT"),
                ("Access-Control-Allow-Headers", "*"),
            ],
            204,
            Reason::HeaderDisallowedByPreflightResponse {
                header: "authorization".into(),
            },
        ),
    ];
    for (headers, status, expected) in cases {
        let exchange = run(&mut spec(), put(), 0, |request: &OutgoingRequest| {
            assert!(
                request.is_preflight(),
                "no actual request after a failed preflight"
            );
            response(status, headers)
        });
        let error = error_of(&exchange);
        assert_eq!(error.reason, expected);
        assert!(error.reason.is_preflight());
        assert!(error.console_message_in(Engine::Chromium).starts_with(&format!(
            "Access to fetch at '{API}' from origin '{PAGE}' has been blocked by CORS policy: "
        )));
        assert!(!error.fix().is_empty());
    }
}

#[test]
fn wildcards_count_only_without_credentials() {
    let init = |credentials| {
        RequestInit::new(API)
            .method("PUT")
            .header("X-A", "1")
            .credentials(credentials)
    };
    let preflight: &[(&str, &str)] = &[
        ("Access-Control-Allow-Origin", "{origin}"),
        ("Access-Control-Allow-Credentials", "true"),
        ("Access-Control-Allow-Methods", "*"),
        ("Access-Control-Allow-Headers", "*"),
    ];
    let actual: &[(&str, &str)] = &[
        ("Access-Control-Allow-Origin", "{origin}"),
        ("Access-Control-Allow-Credentials", "true"),
    ];
    let ok = run(
        &mut spec(),
        init(CredentialsMode::Omit),
        0,
        server(preflight, actual),
    );
    ok.expect_allowed();
    let blocked = run(
        &mut spec(),
        init(CredentialsMode::Include),
        0,
        server(preflight, actual),
    );
    assert_eq!(
        error_of(&blocked).reason,
        Reason::MethodDisallowedByPreflightResponse {
            method: "PUT".into()
        }
    );
}

#[test]
fn safelisted_methods_need_no_listing_and_methods_match_case_sensitively() {
    let exchange = run(
        &mut spec(),
        RequestInit::new(API).method("POST").header("X-A", "1"),
        0,
        server(
            &[
                ("Access-Control-Allow-Origin", "*"),
                ("Access-Control-Allow-Headers", "X-A"),
            ],
            ACAO_STAR,
        ),
    );
    exchange.expect_allowed();
}

// 5. The CORS-preflight cache.

#[test]
fn the_cache_serves_for_five_seconds_by_default() {
    let mut browser = spec();
    let put = || RequestInit::new(API).method("PUT");
    let preflighted = |browser: &mut Browser, at| {
        run(browser, put(), at, server(ALLOW_ALL, ACAO_STAR)).preflighted()
    };
    assert!(preflighted(&mut browser, 0));
    assert!(!preflighted(&mut browser, 4));
    assert!(preflighted(&mut browser, 5));
}

#[test]
fn max_age_sets_the_lifetime_within_the_profile_cap() {
    let preflight: &[(&str, &str)] = &[
        ("Access-Control-Allow-Origin", "*"),
        ("Access-Control-Allow-Methods", "PUT"),
        ("Access-Control-Max-Age", "86400"),
    ];
    for (engine, cap) in [
        (Engine::Chromium, 7200),
        (Engine::Firefox, 86400),
        (Engine::WebKit, 600),
    ] {
        let mut browser = Browser::new(engine);
        let put = || RequestInit::new(API).method("PUT");
        assert!(run(&mut browser, put(), 0, server(preflight, ACAO_STAR)).preflighted());
        assert!(!run(&mut browser, put(), cap - 1, server(preflight, ACAO_STAR)).preflighted());
        assert!(run(&mut browser, put(), cap + 1, server(preflight, ACAO_STAR)).preflighted());
    }
}

#[test]
fn max_age_zero_caches_nothing() {
    let mut browser = spec();
    let preflight: &[(&str, &str)] = &[
        ("Access-Control-Allow-Origin", "*"),
        ("Access-Control-Allow-Methods", "PUT"),
        ("Access-Control-Max-Age", "0"),
    ];
    for _ in 0..2 {
        let exchange = run(
            &mut browser,
            RequestInit::new(API).method("PUT"),
            0,
            server(preflight, ACAO_STAR),
        );
        assert!(exchange.preflighted());
    }
    assert!(browser.cache().is_empty());
}

#[test]
fn entries_are_per_method_and_per_header() {
    let mut browser = spec();
    let preflight: &[(&str, &str)] = &[
        ("Access-Control-Allow-Origin", "*"),
        ("Access-Control-Allow-Methods", "PUT"),
        ("Access-Control-Allow-Headers", "X-A"),
        ("Access-Control-Max-Age", "60"),
    ];
    let fetch = |browser: &mut Browser, method: &str, header: &str| {
        run(
            browser,
            RequestInit::new(API).method(method).header(header, "1"),
            1,
            server(preflight, ACAO_STAR),
        )
    };
    assert!(fetch(&mut browser, "PUT", "X-A").preflighted());
    assert!(!fetch(&mut browser, "PUT", "x-a").preflighted());
    assert!(!fetch(&mut browser, "POST", "X-A").preflighted());
    // A new method or header needs a preflight, which the server does not allow.
    let delete = fetch(&mut browser, "DELETE", "X-A");
    assert!(delete.preflighted());
    assert!(delete.result.is_err());
}

#[test]
fn uncredentialed_entries_do_not_serve_credentialed_requests() {
    let mut browser = spec();
    let preflight: &[(&str, &str)] = &[
        ("Access-Control-Allow-Origin", "{origin}"),
        ("Access-Control-Allow-Credentials", "true"),
        ("Access-Control-Allow-Methods", "PUT"),
        ("Access-Control-Max-Age", "60"),
    ];
    let actual: &[(&str, &str)] = &[
        ("Access-Control-Allow-Origin", "{origin}"),
        ("Access-Control-Allow-Credentials", "true"),
    ];
    let put = |credentials| RequestInit::new(API).method("PUT").credentials(credentials);
    assert!(
        run(
            &mut browser,
            put(CredentialsMode::Omit),
            0,
            server(preflight, actual)
        )
        .preflighted()
    );
    assert!(
        run(
            &mut browser,
            put(CredentialsMode::Include),
            1,
            server(preflight, actual)
        )
        .preflighted()
    );
    // The credentialed entry now serves both.
    assert!(
        !run(
            &mut browser,
            put(CredentialsMode::Omit),
            2,
            server(preflight, actual)
        )
        .preflighted()
    );
}

#[test]
fn a_failed_fetch_clears_the_entries_for_its_url() {
    let mut browser = spec();
    let preflight: &[(&str, &str)] = &[
        ("Access-Control-Allow-Origin", "*"),
        ("Access-Control-Allow-Methods", "PUT, DELETE"),
        ("Access-Control-Max-Age", "60"),
    ];
    let put = |method: &str| RequestInit::new(API).method(method);
    assert!(run(&mut browser, put("PUT"), 0, server(preflight, ACAO_STAR)).preflighted());
    assert_eq!(browser.cache().len(), 2);
    // The actual DELETE fails the CORS check: the URL's entries go.
    let failed = run(&mut browser, put("DELETE"), 1, server(preflight, &[]));
    assert!(!failed.preflighted());
    assert_eq!(
        error_of(&failed).reason,
        Reason::Check(CheckFailure::MissingAllowOriginHeader)
    );
    assert!(browser.cache().is_empty());
    assert!(run(&mut browser, put("PUT"), 2, server(preflight, ACAO_STAR)).preflighted());
}

// 6. The CORS check.

#[test]
fn each_cors_check_failure_has_its_reason() {
    let include = CredentialsMode::Include;
    let omit = CredentialsMode::Omit;
    type Case = (
        &'static [(&'static str, &'static str)],
        CredentialsMode,
        CheckFailure,
    );
    let cases: Vec<Case> = vec![
        (&[], omit, CheckFailure::MissingAllowOriginHeader),
        (
            &[
                ("Access-Control-Allow-Origin", "*"),
                ("Access-Control-Allow-Credentials", "true"),
            ],
            include,
            CheckFailure::WildcardOriginNotAllowed,
        ),
        (
            &[
                ("Access-Control-Allow-Origin", PAGE),
                ("Access-Control-Allow-Origin", PAGE),
            ],
            omit,
            CheckFailure::MultipleAllowOriginValues {
                value: format!("{PAGE}, {PAGE}"),
            },
        ),
        (
            &[("Access-Control-Allow-Origin", "page.example")],
            omit,
            CheckFailure::InvalidAllowOriginValue {
                value: "page.example".into(),
            },
        ),
        (
            &[("Access-Control-Allow-Origin", "https://yoursite.com")],
            omit,
            CheckFailure::AllowOriginMismatch {
                value: "https://yoursite.com".into(),
            },
        ),
        (
            &[("Access-Control-Allow-Origin", PAGE)],
            include,
            CheckFailure::InvalidAllowCredentials {
                value: String::new(),
            },
        ),
    ];
    for (headers, credentials, failure) in cases {
        let exchange = run(
            &mut spec(),
            RequestInit::new(API).credentials(credentials),
            0,
            move |_: &OutgoingRequest| response(200, headers),
        );
        let error = error_of(&exchange);
        assert_eq!(error.reason, Reason::Check(failure));
        assert!(!error.reason.is_preflight());
        assert_eq!(error.url.as_str(), API);
    }
}

#[test]
fn the_readme_case_blocks_then_allows() {
    let exchange = run(
        &mut spec(),
        RequestInit::new(API),
        0,
        server(
            &[],
            &[("Access-Control-Allow-Origin", "https://yoursite.com")],
        ),
    );
    let error = exchange.expect_blocked("AllowOriginMismatch");
    assert_eq!(
        error.console_message_in(Engine::Chromium),
        "Access to fetch at 'http://api.example/data' from origin 'http://page.example' has been \
         blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value \
         'https://yoursite.com' that is not equal to the supplied origin. Have the server send \
         the header with a valid value."
    );
    assert!(error.fix().contains(PAGE));
    let allowed = run(
        &mut spec(),
        RequestInit::new(API),
        0,
        server(&[], ACAO_STAR),
    );
    assert_eq!(allowed.expect_allowed().response_type(), ResponseType::Cors);
}

// 7. What script sees.

#[test]
fn cors_responses_expose_safelisted_and_listed_headers_only() {
    let actual: &[(&str, &str)] = &[
        ("Access-Control-Allow-Origin", "*"),
        ("Access-Control-Expose-Headers", "X-A, set-cookie"),
        ("Content-Type", "text/plain"),
        ("Content-Length", "0"),
        ("Cache-Control", "no-store"),
        ("X-A", "1"),
        ("X-B", "2"),
        ("Set-Cookie", "a=b"),
    ];
    let exchange = run(&mut spec(), RequestInit::new(API), 0, server(&[], actual));
    let response = exchange.expect_allowed();
    assert_eq!(response.response_type(), ResponseType::Cors);
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.exposed_header_names(),
        ["cache-control", "content-length", "content-type", "x-a"]
    );
}

#[test]
fn expose_headers_star_exposes_all_but_set_cookie_without_credentials() {
    let actual: &[(&str, &str)] = &[
        ("Access-Control-Allow-Origin", "{origin}"),
        ("Access-Control-Allow-Credentials", "true"),
        ("Access-Control-Expose-Headers", "*"),
        ("X-A", "1"),
        ("Set-Cookie", "a=b"),
    ];
    let names = |credentials| {
        run(
            &mut spec(),
            RequestInit::new(API).credentials(credentials),
            0,
            server(&[], actual),
        )
        .result
        .unwrap()
        .exposed_header_names()
    };
    assert_eq!(
        names(CredentialsMode::Omit),
        [
            "access-control-allow-credentials",
            "access-control-allow-origin",
            "access-control-expose-headers",
            "x-a"
        ]
    );
    assert!(names(CredentialsMode::Include).is_empty());
}

// 8. Redirects.

/// A server that redirects `from` to `to` with `status`, and answers anything else with
/// `ACAO: {origin}`-reflecting success.
fn redirecting(
    status: u16,
    hops: &'static [(&'static str, &'static str)],
) -> impl FnMut(&OutgoingRequest) -> http::Response<()> {
    move |request| {
        let origin = header(request, "origin").unwrap_or_default();
        let mut headers = vec![
            ("Access-Control-Allow-Origin".to_owned(), origin),
            ("Access-Control-Allow-Methods".to_owned(), "*".to_owned()),
            (
                "Access-Control-Allow-Headers".to_owned(),
                "*, authorization".to_owned(),
            ),
        ];
        let hop = hops
            .iter()
            .find(|(from, _)| !request.is_preflight() && request.url().as_str() == *from);
        let status = match hop {
            Some((_, to)) => {
                headers.push(("Location".to_owned(), (*to).to_owned()));
                status
            }
            None => 200,
        };
        let headers: Vec<(&str, &str)> = headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        response(status, &headers)
    }
}

#[test]
fn a_cross_origin_to_cross_origin_hop_taints_the_origin() {
    let exchange = run(
        &mut spec(),
        RequestInit::new("http://a.example/1"),
        0,
        redirecting(302, &[("http://a.example/1", "http://b.example/2")]),
    );
    let origins: Vec<_> = exchange
        .requests
        .iter()
        .map(|r| header(r, "origin").unwrap())
        .collect();
    assert_eq!(origins, [PAGE, "null"]);
    let response = exchange.expect_allowed();
    assert!(response.redirected());
    assert_eq!(response.url().unwrap().as_str(), "http://b.example/2");
}

#[test]
fn a_same_origin_to_cross_origin_hop_does_not_taint() {
    let exchange = run(
        &mut spec(),
        RequestInit::new("/start"),
        0,
        redirecting(302, &[("http://page.example/start", "http://b.example/2")]),
    );
    assert_eq!(header(&exchange.requests[0], "origin"), None);
    assert_eq!(header(&exchange.requests[1], "origin").unwrap(), PAGE);
    assert_eq!(
        exchange.expect_allowed().response_type(),
        ResponseType::Cors
    );
}

#[test]
fn redirect_responses_get_the_cors_check_too() {
    let exchange = run(
        &mut spec(),
        RequestInit::new(API),
        0,
        |_: &OutgoingRequest| response(302, &[("Location", "http://b.example/")]),
    );
    assert_eq!(exchange.requests.len(), 1);
    assert_eq!(
        error_of(&exchange).reason,
        Reason::Check(CheckFailure::MissingAllowOriginHeader)
    );
}

#[test]
fn twenty_redirects_are_followed_and_the_twenty_first_fails() {
    let count = |limit: usize| {
        let mut hops = 0;
        run(
            &mut spec(),
            RequestInit::new("/r0"),
            0,
            move |_: &OutgoingRequest| {
                hops += 1;
                if hops <= limit {
                    response(302, &[("Location", &format!("/r{hops}"))])
                } else {
                    response(200, &[])
                }
            },
        )
    };
    let ok = count(20);
    assert_eq!(ok.requests.len(), 21);
    ok.expect_allowed();
    let too_many = count(21);
    assert_eq!(too_many.requests.len(), 21);
    assert_eq!(error_of(&too_many).reason, Reason::TooManyRedirects);
}

#[test]
fn a_cors_redirect_to_a_url_with_credentials_fails() {
    let exchange = run(
        &mut spec(),
        RequestInit::new(API),
        0,
        redirecting(302, &[(API, "http://user:pw@b.example/")]),
    );
    assert_eq!(
        error_of(&exchange).reason,
        Reason::RedirectContainsCredentials {
            location: "http://user:pw@b.example/".into()
        }
    );
    // Back to the page's own origin with credentials: still refused under cors tainting.
    let exchange = run(
        &mut spec(),
        RequestInit::new(API),
        0,
        redirecting(302, &[(API, "http://user:pw@page.example/")]),
    );
    assert!(matches!(
        error_of(&exchange).reason,
        Reason::RedirectContainsCredentials { .. }
    ));
}

#[test]
fn post_becomes_get_on_301_302_and_anything_on_303() {
    let cases = [
        (301, "POST", "GET"),
        (302, "POST", "GET"),
        (303, "POST", "GET"),
        (303, "PUT", "GET"),
        (303, "HEAD", "HEAD"),
        (307, "POST", "POST"),
        (308, "PUT", "PUT"),
        (302, "PUT", "PUT"),
    ];
    for (status, method, after) in cases {
        let exchange = run(
            &mut spec(),
            RequestInit::new(API)
                .method(method)
                .header("Content-Type", "text/plain"),
            0,
            redirecting(status, &[(API, "http://api.example/next")]),
        );
        let last = exchange.requests.last().unwrap();
        assert_eq!(last.method(), after, "{status} {method}");
        assert_eq!(
            header(last, "content-type").is_some(),
            method == after,
            "request-body headers go with the body"
        );
        exchange.expect_allowed();
    }
}

#[test]
fn the_preflight_decision_is_made_again_after_a_redirect() {
    // A preflighted PUT redirected with 303 becomes a simple GET: no second preflight.
    let exchange = run(
        &mut spec(),
        RequestInit::new(API).method("PUT"),
        0,
        redirecting(303, &[(API, "http://b.example/next")]),
    );
    let kinds: Vec<_> = exchange
        .requests
        .iter()
        .map(|r| (r.method().as_str().to_owned(), r.is_preflight()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("OPTIONS".into(), true),
            ("PUT".into(), false),
            ("GET".into(), false)
        ]
    );
    // A 307 keeps the PUT: the new URL needs its own preflight.
    let exchange = run(
        &mut spec(),
        RequestInit::new(API).method("PUT"),
        0,
        redirecting(307, &[(API, "http://b.example/next")]),
    );
    let preflights: Vec<_> = exchange
        .requests
        .iter()
        .filter(|r| r.is_preflight())
        .map(|r| (r.url().as_str().to_owned(), header(r, "origin").unwrap()))
        .collect();
    assert_eq!(
        preflights,
        [
            (API.to_owned(), PAGE.to_owned()),
            ("http://b.example/next".into(), "null".into())
        ]
    );
    exchange.expect_allowed();
}

#[test]
fn authorization_is_removed_when_a_redirect_changes_origin() {
    let exchange = run(
        &mut spec(),
        RequestInit::new(API).header("Authorization", "Bearer x"),
        0,
        redirecting(302, &[(API, "http://b.example/next")]),
    );
    let actual: Vec<_> = exchange
        .requests
        .iter()
        .filter(|r| !r.is_preflight())
        .collect();
    assert_eq!(header(actual[0], "authorization").unwrap(), "Bearer x");
    assert_eq!(header(actual[1], "authorization"), None);
}

#[test]
fn redirect_modes_error_and_manual() {
    let error = run(
        &mut spec(),
        RequestInit::new(API).redirect(RedirectMode::Error),
        0,
        redirecting(302, &[(API, "http://b.example/")]),
    );
    assert_eq!(error_of(&error).reason, Reason::RedirectModeError);
    let manual = run(
        &mut spec(),
        RequestInit::new(API).redirect(RedirectMode::Manual),
        0,
        redirecting(302, &[(API, "http://b.example/")]),
    );
    assert_eq!(manual.requests.len(), 1);
    let response = manual.expect_allowed();
    assert_eq!(response.response_type(), ResponseType::OpaqueRedirect);
    assert_eq!(response.status(), 0);
    let no_cors = run(
        &mut spec(),
        RequestInit::new(API)
            .mode(Mode::NoCors)
            .redirect(RedirectMode::Manual),
        0,
        redirecting(302, &[]),
    );
    assert_eq!(
        error_of(&no_cors).reason,
        Reason::NoCorsRedirectModeNotFollow
    );
}

#[test]
fn bad_locations_fail() {
    let cases: [(&[(&str, &str)], &str); 3] = [
        (&[("Location", "http://[bad")], "InvalidRedirectLocation"),
        (
            &[("Location", "/a"), ("Location", "/b")],
            "InvalidRedirectLocation",
        ),
        (
            &[("Location", "ftp://files.example/")],
            "RedirectToNonHttpScheme",
        ),
    ];
    for (headers, name) in cases {
        let exchange = run(
            &mut spec(),
            RequestInit::new("/x"),
            0,
            move |_: &OutgoingRequest| response(302, headers),
        );
        exchange.expect_blocked(name);
    }
    // A redirect status without Location is the response itself.
    let exchange = run(
        &mut spec(),
        RequestInit::new("/x"),
        0,
        |_: &OutgoingRequest| response(302, &[]),
    );
    assert_eq!(exchange.expect_allowed().status(), 302);
}

// 9. The driver.

#[test]
fn the_state_machine_can_be_driven_by_hand() {
    let mut browser = spec();
    let Next::Send(preflight) = browser
        .fetch(&page(), RequestInit::new(API).method("PUT"), Time::ZERO)
        .unwrap()
    else {
        panic!("a preflight first")
    };
    assert!(preflight.request().is_preflight());
    let http = preflight.request().to_http::<()>().unwrap();
    assert_eq!(http.method(), "OPTIONS");
    assert_eq!(http.uri(), API);
    assert_eq!(http.headers()["access-control-request-method"], "PUT");
    let Next::Send(actual) = preflight.respond(&mut browser, response(204, ALLOW_ALL), Time::ZERO)
    else {
        panic!("then the PUT")
    };
    assert_eq!(actual.request().method(), "PUT");
    let Next::Done(Done {
        result: Ok(response),
        ..
    }) = actual.respond(&mut browser, response(201, ACAO_STAR), Time::ZERO)
    else {
        panic!("then the response")
    };
    assert_eq!(response.status(), 201);
}

#[test]
fn two_fetches_in_flight_share_the_cache_and_the_last_preflight_answer_wins() {
    let put = || {
        RequestInit::new(API)
            .method("PUT")
            .header("Content-Type", "application/json")
    };
    let preflight = |max_age: &str| {
        response(
            204,
            &[
                ("Access-Control-Allow-Origin", "*"),
                ("Access-Control-Allow-Methods", "PUT"),
                ("Access-Control-Allow-Headers", "Content-Type"),
                ("Access-Control-Max-Age", max_age),
            ],
        )
    };
    let started = |browser: &mut Browser| {
        let Next::Send(pending) = browser.fetch(&page(), put(), Time::ZERO).unwrap() else {
            panic!("a request")
        };
        assert!(pending.request().is_preflight(), "the cache is empty");
        pending
    };
    // A asks Max-Age 100 and B 300, both answered at t=0. Fetch "CORS-preflight fetch" steps
    // 7.10-7.13: a store that finds a matching entry sets its max-age, so the entries (one for
    // PUT, one for content-type) live as long as the answer stored last says.
    // (B answered first, the third fetch at t=200 needs a preflight)
    for (b_first, preflighted_at_200) in [(false, false), (true, true)] {
        let mut browser = spec();
        let a = started(&mut browser);
        let b = started(&mut browser);
        assert_eq!(a.request(), b.request());
        let mut answers = [(a, "100"), (b, "300")];
        if b_first {
            answers.reverse();
        }
        let mut actuals = Vec::new();
        for (pending, max_age) in answers {
            let Next::Send(actual) = pending.respond(&mut browser, preflight(max_age), Time::ZERO)
            else {
                panic!("the PUT after its preflight")
            };
            assert!(!actual.request().is_preflight());
            assert_eq!(actual.request().method(), "PUT");
            assert_eq!(browser.cache().len(), 2, "PUT and content-type, once each");
            actuals.push(actual);
        }
        for actual in actuals {
            let Next::Done(Done {
                result: Ok(response),
                ..
            }) = actual.respond(&mut browser, response(200, ACAO_STAR), Time::ZERO)
            else {
                panic!("a readable response")
            };
            assert_eq!(response.response_type(), ResponseType::Cors);
            assert_eq!(response.status(), 200);
        }
        let third = |browser: &mut Browser, at| {
            let exchange = run(browser, put(), at, server(ALLOW_ALL, ACAO_STAR));
            exchange.expect_allowed();
            exchange.preflighted()
        };
        assert!(!third(&mut browser, 99), "b_first: {b_first}");
        assert_eq!(
            third(&mut browser, 200),
            preflighted_at_200,
            "b_first: {b_first}"
        );
    }
}

#[test]
fn a_request_without_a_response_is_a_network_error() {
    let mut browser = spec();
    let Next::Send(pending) = browser
        .fetch(&page(), RequestInit::new(API), Time::ZERO)
        .unwrap()
    else {
        panic!("a request")
    };
    let Next::Done(Done {
        result: Err(error), ..
    }) = pending.fail(&mut browser)
    else {
        panic!("a network error")
    };
    assert_eq!(error.reason, Reason::ConnectionFailed);
}

#[test]
fn values_http_cannot_carry_are_still_sent_and_reported() {
    let exchange = run(
        &mut spec(),
        RequestInit::new(API).header("Accept-Language", "\x01"),
        0,
        server(ALLOW_ALL, ACAO_STAR),
    );
    assert_eq!(
        header(&exchange.requests[0], "access-control-request-headers").unwrap(),
        "accept-language"
    );
    let actual = &exchange.requests[1];
    assert_eq!(
        actual.headers().get("accept-language").unwrap().as_ref(),
        b"\x01"
    );
    let error = actual.to_http::<()>().unwrap_err();
    assert_eq!(
        error,
        cors_sim::header::NotRepresentable::HeaderValue {
            name: http::header::ACCEPT_LANGUAGE
        }
    );
}

#[test]
fn a_non_http_url_is_refused_under_cors() {
    let exchange = run(
        &mut spec(),
        RequestInit::new("ftp://files.example/x"),
        0,
        server(&[], ACAO_STAR),
    );
    assert_eq!(error_of(&exchange).reason, Reason::CorsDisabledScheme);
}

#[test]
fn referer_is_dropped_from_a_trustworthy_page_to_an_untrustworthy_url() {
    let mut browser = spec();
    let local: Document = "http://localhost:3000".parse().unwrap();
    let sent = |browser: &mut Browser, url: &str| {
        let exchange = browser
            .fetch_with(
                &local,
                RequestInit::new(url),
                Time::ZERO,
                server(&[], ACAO_STAR),
            )
            .unwrap();
        header(&exchange.requests[0], "referer")
    };
    assert_eq!(sent(&mut browser, API), None);
    let kept = Some("http://localhost:3000/".to_owned());
    assert_eq!(sent(&mut browser, "https://api.example/"), kept);
    assert_eq!(sent(&mut browser, "http://127.0.0.1:8080/"), kept);
}

#[test]
fn bad_ports_and_mixed_content_never_reach_the_network() {
    let blocked = |page: &str, url: &str, engine: Engine| {
        let page: Document = page.parse().unwrap();
        let exchange = Browser::new(engine)
            .fetch_with(
                &page,
                RequestInit::new(url),
                Time::ZERO,
                server(&[], ACAO_STAR),
            )
            .unwrap();
        exchange
            .result
            .err()
            .map(|e| (e.reason.name(), exchange.requests.len()))
    };
    assert_eq!(
        blocked(PAGE, "http://api.example:25/", Engine::Spec),
        Some(("BadPort", 0))
    );
    assert_eq!(
        blocked("https://page.example", API, Engine::Spec),
        Some(("MixedContent", 0))
    );
    assert_eq!(
        blocked(
            "https://page.example",
            "http://localhost:8000/",
            Engine::Spec
        ),
        None
    );
    assert_eq!(
        blocked(
            "https://page.example",
            "http://localhost:8000/",
            Engine::WebKit
        ),
        Some(("MixedContent", 0))
    );
}

// 11. Profiles.

#[test]
fn engines_let_the_wildcard_cover_authorization() {
    let preflight: &[(&str, &str)] = &[
        ("Access-Control-Allow-Origin", "*"),
        ("Access-Control-Allow-Headers", "*"),
    ];
    let init = || RequestInit::new(API).header("Authorization", "Bearer x");
    // (engine, allowed, the `*` entry spares the next fetch a preflight)
    for (engine, allowed, reused) in [
        (Engine::Spec, false, false),
        // Chromium's cache lookups use the non-wildcard variant; Firefox never reuses `*`.
        (Engine::Chromium, true, false),
        (Engine::Firefox, true, false),
        (Engine::WebKit, true, true),
    ] {
        let name = engine.as_str();
        let mut browser = Browser::new(engine);
        let exchange = run(&mut browser, init(), 0, server(preflight, ACAO_STAR));
        assert_eq!(exchange.result.is_ok(), allowed, "{name}");
        if allowed {
            let again = run(&mut browser, init(), 1, server(preflight, ACAO_STAR));
            assert_eq!(again.preflighted(), !reused, "{name}");
        }
    }
}

#[test]
fn data_urls_are_basic_and_never_reach_a_server() {
    let exchange = run(
        &mut spec(),
        RequestInit::new("data:text/plain;charset=utf-8,hi"),
        0,
        server(&[], &[]),
    );
    assert!(exchange.requests.is_empty());
    let response = exchange.expect_allowed();
    assert_eq!(response.response_type(), ResponseType::Basic);
    assert_eq!(
        response.headers().get("content-type").unwrap().as_ref(),
        b"text/plain;charset=utf-8"
    );
    let bad = run(
        &mut spec(),
        RequestInit::new("data:;base64,%%%"),
        0,
        server(&[], &[]),
    );
    assert_eq!(error_of(&bad).reason, Reason::InvalidDataUrl);
}

/// A request with more headers than an `http::HeaderMap` holds (24,576) still goes on the wire
/// in the model, and converting it to `http` types is an error, never a panic.
#[test]
fn requests_too_large_for_http_are_errors_not_panics() {
    use cors_sim::header::NotRepresentable;
    let mut init = RequestInit::new("http://page.example/same");
    for i in 0..30_000 {
        init = init.header(format!("x-h{i}"), "1");
    }
    let mut browser = spec();
    let page: Document = PAGE.parse().unwrap();
    let Ok(Next::Send(pending)) = browser.fetch(&page, init, Time::ZERO) else {
        panic!("a same-origin GET goes on the wire");
    };
    assert!(pending.request().headers().len() > 30_000);
    assert_eq!(
        pending.request().to_http::<()>().unwrap_err(),
        NotRepresentable::TooManyHeaders
    );
    assert_eq!(
        pending.request().headers().to_http().unwrap_err(),
        NotRepresentable::TooManyHeaders
    );
    // Repeated values of one name take no room in the map's index: as many as that go.
    let mut init = RequestInit::new("http://page.example/same");
    for _ in 0..30_000 {
        init = init.header("x-h", "1");
    }
    let Ok(Next::Send(pending)) = browser.fetch(&page, init, Time::ZERO) else {
        panic!("a same-origin GET goes on the wire");
    };
    let map = pending.request().headers().to_http().unwrap();
    assert_eq!(map.get_all("x-h").iter().count(), 30_000);
}

/// Fetch "extract a body": a string body brings `Content-Type: text/plain;charset=UTF-8`
/// (CORS-safelisted, so a `POST` stays simple) unless script set one; `GET` and `HEAD` cannot
/// have a body (XHR drops it); a preflight carries none; a 303 drops it with the method.
#[test]
fn a_string_body_brings_its_type_and_goes_only_on_the_request_itself() {
    let page: Document = PAGE.parse().unwrap();
    let mut browser = spec();
    let post = RequestInit::new(API).method("POST").body("hello");
    let exchange = browser
        .fetch_with(&page, post, Time::ZERO, server(&[], ALLOW_ALL))
        .unwrap();
    assert!(!exchange.preflighted());
    let sent = &exchange.requests[0];
    assert_eq!(
        header(sent, "content-type").as_deref(),
        Some("text/plain;charset=UTF-8")
    );
    assert_eq!(sent.body(), Some(&b"hello"[..]));
    assert_eq!(
        sent.to_http_with_body::<Vec<u8>>().unwrap().body(),
        &b"hello".to_vec()
    );

    let json = RequestInit::new(API)
        .method("PUT")
        .header("Content-Type", "application/json")
        .body("{}");
    let exchange = browser
        .fetch_with(&page, json, Time::ZERO, server(ALLOW_ALL, ALLOW_ALL))
        .unwrap();
    let [preflight, actual] = &exchange.requests[..] else {
        panic!("a preflight and the PUT");
    };
    assert_eq!(preflight.body(), None);
    assert_eq!(actual.body(), Some(&b"{}"[..]));
    assert_eq!(
        header(actual, "content-type").as_deref(),
        Some("application/json")
    );

    let get = RequestInit::new(API).body("x");
    assert!(matches!(
        browser.fetch(&page, get.clone(), Time::ZERO),
        Err(RequestError::BodyWithGetOrHead)
    ));
    let xhr = get.use_cors_preflight(true);
    let Ok(Next::Send(pending)) = browser.fetch(&page, xhr, Time::ZERO) else {
        panic!("XHR sends a GET without its body");
    };
    assert_eq!(pending.request().body(), None);

    let redirected = RequestInit::new("http://page.example/a")
        .method("POST")
        .body("x");
    let exchange = browser
        .fetch_with(
            &page,
            redirected,
            Time::ZERO,
            |request: &OutgoingRequest| {
                if request.method() == http::Method::POST {
                    response(303, &[("Location", "/b")])
                } else {
                    response(200, &[])
                }
            },
        )
        .unwrap();
    assert_eq!(exchange.requests[1].method(), http::Method::GET);
    assert_eq!(exchange.requests[1].body(), None);
    assert_eq!(header(&exchange.requests[1], "content-type"), None);
}

#[test]
fn the_document_and_the_request_set_the_referrer_policy() {
    use cors_sim::referrer::ReferrerPolicy;
    let star: &[(&str, &str)] = &[("access-control-allow-origin", "*")];
    let referer = |page: &Document, init: RequestInit| {
        let mut browser = spec();
        let exchange = browser
            .fetch_with(page, init, Time::ZERO, server(&[], star))
            .unwrap();
        header(&exchange.requests[0], "referer")
    };
    let app: Document = "https://page.example/app?q=1".parse().unwrap();
    // The default, strict-origin-when-cross-origin: the origin to another origin.
    assert_eq!(
        referer(&app, RequestInit::new("https://api.example/")).as_deref(),
        Some("https://page.example/")
    );
    // The document's own policy.
    let unsafe_page = app.clone().with_referrer_policy(ReferrerPolicy::UnsafeUrl);
    assert_eq!(
        referer(&unsafe_page, RequestInit::new("https://api.example/")).as_deref(),
        Some("https://page.example/app?q=1")
    );
    // The request's policy wins over the document's.
    let init = RequestInit::new("https://api.example/").referrer_policy(ReferrerPolicy::NoReferrer);
    assert_eq!(referer(&unsafe_page, init), None);
    let init = RequestInit::new("/same").referrer_policy(ReferrerPolicy::Origin);
    assert_eq!(
        referer(&app, init).as_deref(),
        Some("https://page.example/")
    );
    // "determine request's referrer" step 6: a URL serializing to more than 4,096 bytes gives
    // way to its origin.
    for (length, expected) in [(4096, "long"), (4097, "origin")] {
        let base = "https://page.example/app?q=";
        let long: Document = format!("{base}{}", "x".repeat(length - base.len()))
            .parse()
            .unwrap();
        let long = long.with_referrer_policy(ReferrerPolicy::UnsafeUrl);
        let sent = referer(&long, RequestInit::new("https://api.example/")).unwrap();
        let kept = if expected == "long" {
            length
        } else {
            "https://page.example/".len()
        };
        assert_eq!(sent.len(), kept, "{length}");
    }
    // A referrer reduced to its origin on one hop stays so on the next, back at the document's
    // origin: main fetch determines it again from what the last hop left.
    let mut browser = spec();
    let exchange = browser
        .fetch_with(
            &app,
            RequestInit::new("https://api.example/a").mode(Mode::NoCors),
            Time::ZERO,
            |request: &OutgoingRequest| match request.url().path() {
                "/a" => response(302, &[("location", "https://page.example/b")]),
                _ => response(200, &[]),
            },
        )
        .unwrap();
    let sent: Vec<Option<String>> = exchange
        .requests
        .iter()
        .map(|request| header(request, "referer"))
        .collect();
    let origin = Some("https://page.example/".to_owned());
    assert_eq!(sent, [origin.clone(), origin]);
}

#[test]
fn a_redirect_sets_the_referrer_policy_for_the_hops_that_follow() {
    let mut browser = spec();
    let exchange = browser
        .fetch_with(
            &page(),
            RequestInit::new("http://page.example/a")
                .method("POST")
                .mode(Mode::NoCors),
            Time::ZERO,
            |request: &OutgoingRequest| match request.url().path() {
                "/a" => response(
                    307,
                    &[("referrer-policy", "same-origin"), ("location", API)],
                ),
                _ => response(200, &[]),
            },
        )
        .unwrap();
    let [first, second] = &exchange.requests[..] else {
        panic!("two requests");
    };
    assert_eq!(
        header(first, "referer").as_deref(),
        Some("http://page.example/")
    );
    assert_eq!(header(first, "origin").as_deref(), Some(PAGE));
    // Outside CORS, same-origin hides the origin from another origin, and the referrer.
    assert_eq!(header(second, "referer"), None);
    assert_eq!(header(second, "origin").as_deref(), Some("null"));
    let trace = exchange.trace.unwrap().to_string();
    assert!(
        trace.contains("sets the request's referrer policy to `same-origin`"),
        "{trace}"
    );
}

#[test]
fn webkit_blocks_a_mixed_content_redirect_when_the_cache_spares_its_preflight() {
    // A same-origin PUT redirected to an http API: the redirected request is not tainted, so
    // WebKit caches the preflight it sends before blocking; the second time the cache spares
    // that preflight, and the redirect is blocked all the same.
    let server = |request: &OutgoingRequest| -> http::Response<()> {
        if request.is_preflight() {
            let allow: &[(&str, &str)] = &[
                ("access-control-allow-origin", "https://page.example"),
                ("access-control-allow-methods", "PUT"),
                ("access-control-max-age", "600"),
            ];
            response(204, allow)
        } else if request.url().path() == "/a" {
            response(307, &[("location", "http://api.example/b")])
        } else {
            response(200, ACAO_STAR)
        }
    };
    let page: Document = "https://page.example/".parse().unwrap();
    let put = RequestInit::new("https://page.example/a").method("PUT");
    let mut browser = Browser::new(Engine::WebKit);
    let mut sent = |at| {
        let exchange = browser
            .fetch_with(&page, put.clone(), Time::from_secs(at), server)
            .unwrap();
        assert_eq!(error_of(&exchange).reason, Reason::MixedContent);
        let requests: Vec<String> = exchange
            .requests
            .iter()
            .map(|r| format!("{} {}", r.method(), r.url()))
            .collect();
        requests
    };
    assert_eq!(
        sent(0),
        ["PUT https://page.example/a", "OPTIONS http://api.example/b"]
    );
    assert_eq!(sent(1), ["PUT https://page.example/a"]);
}

#[test]
fn webkit_blocks_a_mixed_content_redirect_after_its_preflight() {
    let redirect = |request: &OutgoingRequest| -> http::Response<()> {
        let origin = header(request, "origin").unwrap_or_default();
        let allow: &[(&str, &str)] = &[
            ("access-control-allow-origin", &origin),
            ("access-control-allow-methods", "PUT"),
        ];
        if request.is_preflight() {
            response(204, allow)
        } else {
            let mut headers = allow.to_vec();
            headers.push(("location", "http://api.example/b"));
            response(307, &headers)
        }
    };
    let page: Document = "https://page.example/".parse().unwrap();
    let put = RequestInit::new("https://api.example/a").method("PUT");
    for (engine, requests) in [
        (Engine::Spec, 2),
        (Engine::Chromium, 2),
        (Engine::WebKit, 3),
    ] {
        let mut browser = Browser::new(engine);
        let exchange = browser
            .fetch_with(&page, put.clone(), Time::ZERO, redirect)
            .unwrap();
        assert_eq!(exchange.requests.len(), requests, "{engine}");
        assert_eq!(error_of(&exchange).reason, Reason::MixedContent, "{engine}");
        if requests == 3 {
            let preflight = &exchange.requests[2];
            assert!(preflight.is_preflight());
            assert_eq!(preflight.url().as_str(), "http://api.example/b");
        }
    }
}

/// `Exchange::keep_out_fix`: how the server let in a page that should stay out, one way each.
#[test]
fn the_fix_to_keep_an_origin_out_says_how_the_server_let_it_in() {
    let fix = |page: &str, init: RequestInit, actual: &'static [(&'static str, &'static str)]| {
        let page: Document = page.parse().unwrap();
        let mut browser = spec().trace(true);
        let exchange = browser
            .fetch_with(&page, init, Time::ZERO, server(&[], actual))
            .unwrap();
        assert!(exchange.result.is_ok(), "script reads it");
        exchange.keep_out_fix()
    };
    let echo: &[(&str, &str)] = &[("Access-Control-Allow-Origin", "{origin}")];
    let echo_credentials: &[(&str, &str)] = &[
        ("Access-Control-Allow-Origin", "{origin}"),
        ("Access-Control-Allow-Credentials", "true"),
    ];
    let cases = [
        (
            fix("http://api.example/", RequestInit::new(API), &[]),
            "is same-origin with http://api.example, so CORS never blocks it",
        ),
        (
            fix("data:text/html,x", RequestInit::new(API), echo),
            "answers `Access-Control-Allow-Origin: null` (or `*`)",
        ),
        (
            fix(PAGE, RequestInit::new(API), ACAO_STAR),
            "answers `Access-Control-Allow-Origin: *`, which lets every origin",
        ),
        (
            fix(
                PAGE,
                RequestInit::new(API).credentials(CredentialsMode::Include),
                echo_credentials,
            ),
            "and `Access-Control-Allow-Credentials: true`, so a page there reads responses with \
             the user's cookies",
        ),
        (
            fix(PAGE, RequestInit::new(API), echo),
            "answers http://page.example with `Access-Control-Allow-Origin: http://page.example`, \
             so a page there reads its responses",
        ),
    ];
    for (fix, expected) in cases {
        assert!(fix.contains(expected), "{fix}");
    }
}
