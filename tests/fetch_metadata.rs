//! The Fetch Metadata request headers against what each engine sent: tests/data/
//! fetch-metadata.json holds the `Sec-Fetch-*` headers Chromium, Firefox and WebKitGTK sent to a
//! live server behind the oracle's upstream routes (scripts/record_fetch_metadata.py). Each
//! vector runs here, under each engine's profile with Fetch Metadata on, against a server that
//! answers as that one did; every request must carry the headers the engine sent, and where the
//! engine's headers are not the standard's, the trace names the profile field.

use cors_sim::{Browser, Document, Engine, HeaderList, OutgoingRequest, RequestInit, Time};
use serde_json::Value;
use std::collections::BTreeMap;

/// What the recording's server answered: preflights allowed as asked, `Origin` reflected with
/// credentials, and `.../redirect-to/HOST/PATH` redirected (307) to `https://HOST/PATH`.
fn server(request: &OutgoingRequest) -> (u16, HeaderList) {
    let header = |name: &str| {
        let value = request.headers().get_str(name).unwrap_or_default();
        value.into_owned()
    };
    let mut answer = vec![
        ("access-control-allow-origin", header("origin")),
        ("access-control-allow-credentials", "true".to_owned()),
    ];
    let mut status = 200;
    let path = request.url().path();
    if request.is_preflight() {
        status = 204;
        answer.push((
            "access-control-allow-methods",
            header("access-control-request-method"),
        ));
        answer.push((
            "access-control-allow-headers",
            header("access-control-request-headers"),
        ));
    } else if let Some((_, target)) = path.split_once("/redirect-to/") {
        status = 307;
        answer.push(("location", format!("https://{target}")));
    }
    let mut headers = HeaderList::new();
    for (name, value) in answer {
        headers.append(
            http::HeaderName::from_static(name),
            cors_sim::HeaderValue::from_bytes(value.as_bytes()).unwrap(),
        );
    }
    (status, headers)
}

/// The fetch a vector makes.
fn init(request: &Value) -> RequestInit {
    let text = |key: &str| request.get(key).and_then(Value::as_str);
    let mut init = RequestInit::new(text("url").unwrap()).method(text("method").unwrap());
    if let Some(mode) = text("mode") {
        init = init.mode(mode.parse().unwrap());
    }
    if request.get("use_cors_preflight").and_then(Value::as_bool) == Some(true) {
        init = init.use_cors_preflight(true);
    }
    if let Some(body) = text("body") {
        init = init.body(body);
    }
    init
}

/// Each request of the fetch as the recording lists it: method, host, path and `Sec-Fetch-*`.
type Seen = Vec<(String, String, String, BTreeMap<String, String>)>;

fn observed(requests: &Value) -> Seen {
    requests
        .as_array()
        .unwrap()
        .iter()
        .map(|request| {
            let text = |key: &str| request[key].as_str().unwrap().to_owned();
            let path = text("path");
            let path = path.split("/redirect-to/").next().unwrap().to_owned();
            let headers = request["headers"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(name, value)| (name.clone(), value.as_str().unwrap().to_owned()))
                .collect();
            (text("method"), text("host"), path, headers)
        })
        .collect()
}

/// The fetch in the model: what it sent, as [`observed`] lists it, and the departures traced.
fn run(engine: Engine, vector: &Value) -> (Seen, Vec<&'static str>) {
    let page: Document = format!("{}/", vector["origin"].as_str().unwrap())
        .parse()
        .unwrap();
    let mut browser = Browser::new(engine).fetch_metadata(true);
    let exchange = browser
        .fetch_with(&page, init(&vector["request"]), Time::ZERO, server)
        .unwrap();
    let seen = exchange
        .requests
        .iter()
        .map(|request| {
            let url = request.url();
            let host = match url.port() {
                Some(port) => format!("{}:{port}", url.host_str().unwrap()),
                None => url.host_str().unwrap().to_owned(),
            };
            let path = url.path().split("/redirect-to/").next().unwrap().to_owned();
            let headers = request
                .headers()
                .iter()
                .filter(|(name, _)| name.as_str().starts_with("sec-fetch-"))
                .map(|(name, value)| {
                    let value = String::from_utf8(value.as_bytes().to_vec()).unwrap();
                    (name.as_str().to_owned(), value)
                })
                .collect();
            (request.method().to_string(), host, path, headers)
        })
        .collect();
    let departures = exchange.trace.unwrap().departures().collect();
    (seen, departures)
}

fn recording() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/fetch-metadata.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn every_engine_sends_the_fetch_metadata_it_was_recorded_sending() {
    let recording = recording();
    let mut checked = 0;
    for vector in recording["vectors"].as_array().unwrap() {
        let id = vector["id"].as_str().unwrap();
        for engine in Engine::ALL {
            let expected = observed(&vector["observed"][engine.as_str()]);
            let (got, departures) = run(engine, vector);
            assert_eq!(got, expected, "{engine} {id}");
            checked += got.len();
            let (standard, _) = run(Engine::Spec, vector);
            let same_headers =
                standard.len() == got.len() && standard.iter().zip(&got).all(|(s, g)| s.3 == g.3);
            if !same_headers {
                assert!(
                    departures.contains(&"redirect.redirected_request_drops_fetch_metadata")
                        || departures.contains(&"context.mixed_content_allows_loopback"),
                    "{engine} {id}: {departures:?}"
                );
            }
        }
    }
    assert!(checked > 60, "only {checked} requests checked");
}

#[test]
fn chromium_and_firefox_send_what_the_standard_says() {
    for vector in recording()["vectors"].as_array().unwrap() {
        let (standard, departures) = run(Engine::Spec, vector);
        assert!(departures.is_empty());
        for engine in [Engine::Chromium, Engine::Firefox] {
            let expected = observed(&vector["observed"][engine.as_str()]);
            assert_eq!(standard, expected, "{engine} {}", vector["id"]);
        }
    }
}

#[test]
fn fetch_metadata_is_sent_only_when_asked() {
    let page: Document = "https://app.example/".parse().unwrap();
    let exchange = Browser::new(Engine::Chromium)
        .fetch_with(
            &page,
            RequestInit::new("https://api.example/x"),
            Time::ZERO,
            server,
        )
        .unwrap();
    assert!(
        !exchange.requests[0]
            .headers()
            .iter()
            .any(|(name, _)| name.as_str().starts_with("sec-fetch-"))
    );
}
