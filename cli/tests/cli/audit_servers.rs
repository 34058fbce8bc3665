//! The servers the audit's tests run against, on 127.0.0.1: the CORS set-ups users ship (axum
//! with tower-http's `CorsLayer`, predicates, a hand-written handler on raw sockets), an https
//! API with a self-signed certificate, safe configurations, and the scanners' false positives.

use axum::Router;
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_ORIGIN, AUTHORIZATION, CONTENT_TYPE,
    ORIGIN, SET_COOKIE, VARY,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener};
use std::sync::Arc;
use std::time::Duration;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

/// The host the test APIs are audited as (`--resolve` routes it to 127.0.0.1).
pub const HOST: &str = "api.target.com";
/// The frontend their owner means to allow.
pub const APP: &str = "https://app.target.com";

async fn me() -> Response {
    ([(CONTENT_TYPE, "application/json")], r#"{"user":"ada"}"#).into_response()
}

/// `/me` for every method an API takes.
fn api() -> Router {
    Router::new().route("/me", get(me).post(me).put(me).delete(me))
}

/// A CorsLayer that lets `allow` in with credentials, for the methods and headers the attacks
/// use.
fn credentialed(allow: AllowOrigin) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(allow)
        .allow_credentials(true)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([CONTENT_TYPE, AUTHORIZATION])
}

/// A predicate over the `Origin` value, as a `CorsLayer` takes it.
fn predicate(check: fn(&str) -> bool) -> AllowOrigin {
    AllowOrigin::predicate(move |origin: &HeaderValue, _| origin.to_str().is_ok_and(check))
}

/// The vulnerable set-ups, by name.
pub fn vulnerable() -> Vec<(&'static str, Router)> {
    // Neither anchored nor escaped, as people write it.
    let unanchored = regex::Regex::new("app.target.com").unwrap();
    vec![
        (
            "reflect-any",
            api().layer(credentialed(AllowOrigin::mirror_request())),
        ),
        (
            "unanchored-regex",
            api().layer(credentialed(AllowOrigin::predicate(move |origin, _| {
                origin.to_str().is_ok_and(|o| unanchored.is_match(o))
            }))),
        ),
        (
            "ends-with",
            api().layer(credentialed(predicate(|o| o.ends_with("target.com")))),
        ),
        (
            "trusted-null",
            api().layer(credentialed(AllowOrigin::list([
                HeaderValue::from_static(APP),
                HeaderValue::from_static("null"),
            ]))),
        ),
        ("very-permissive", api().layer(CorsLayer::very_permissive())),
        (
            "sloppy-predicate",
            api().layer(credentialed(predicate(|o| {
                // The host's start, whatever the scheme.
                o.split("://")
                    .nth(1)
                    .is_some_and(|host| host.starts_with("app.target.com"))
            }))),
        ),
    ]
}

/// The https API that trusts its http sibling (as for local development), with a session
/// cookie that is `Secure` and `SameSite=None`.
pub fn https_trusting_http() -> Router {
    api()
        .layer(credentialed(AllowOrigin::list([
            HeaderValue::from_static(APP),
            HeaderValue::from_static("http://app.target.com"),
        ])))
        .layer(axum::middleware::map_response(
            |mut response: Response| async move {
                let cookie = "session=s1; Path=/; Secure; HttpOnly; SameSite=None";
                let value = HeaderValue::from_static(cookie);
                response.headers_mut().insert(SET_COOKIE, value);
                response
            },
        ))
}

/// The safe set-ups, by name.
pub fn safe() -> Vec<(&'static str, Router)> {
    vec![
        (
            "exact-allow-list",
            api().layer(credentialed(AllowOrigin::list([HeaderValue::from_static(
                APP,
            )]))),
        ),
        (
            "wildcard-without-credentials",
            api().layer(
                CorsLayer::new()
                    .allow_origin(Any)
                    .allow_methods(Any)
                    .allow_headers(Any),
            ),
        ),
        (
            "public-data",
            Router::new().route(
                "/me",
                get(|| async { ([(ACCESS_CONTROL_ALLOW_ORIGIN, "*")], r#"{"motd":"hi"}"#) }),
            ),
        ),
    ]
}

/// A handler that reflects `Origin`, with `Vary: Origin` and the headers `extra`.
fn reflected(
    extra: &'static [(&'static str, &'static str)],
) -> impl Fn(HeaderMap) -> std::pin::Pin<Box<dyn Future<Output = Response> + Send>> + Clone {
    move |headers: HeaderMap| {
        Box::pin(async move {
            let mut response = me().await;
            let h = response.headers_mut();
            if let Some(origin) = headers.get(ORIGIN) {
                h.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
            }
            for (name, value) in extra {
                h.insert(*name, HeaderValue::from_static(value));
            }
            h.insert(VARY, HeaderValue::from_static("Origin"));
            response
        })
    }
}

/// Servers a scanner reports and a browser would not let anyone exploit, by name.
pub fn false_positives() -> Vec<(&'static str, Router)> {
    let with_credentials: &[(&str, &str)] = &[("access-control-allow-credentials", "true")];
    vec![
        (
            // `Access-Control-Allow-Origin` holds the origin, among others.
            "substring",
            Router::new().route(
                "/me",
                get(|headers: HeaderMap| async move {
                    let origin = headers
                        .get(ORIGIN)
                        .and_then(|o| o.to_str().ok())
                        .unwrap_or_default()
                        .to_owned();
                    let value = format!("{APP}, {origin}");
                    ([(ACCESS_CONTROL_ALLOW_ORIGIN, value)], r#"{"user":"ada"}"#)
                }),
            ),
        ),
        (
            "credentials-uppercase",
            Router::new().route(
                "/me",
                get(reflected(&[("access-control-allow-credentials", "TRUE")])),
            ),
        ),
        (
            // A global middleware reflects the origin with credentials on every answer, and
            // the URL is not found.
            "not-found",
            Router::new()
                .fallback(|| async { (StatusCode::NOT_FOUND, "no such page") })
                .layer(credentialed(AllowOrigin::mirror_request())),
        ),
        (
            // Every method reflects, but a preflight gets 405 and no CORS headers.
            "unpreflighted-put",
            Router::new().route(
                "/me",
                get(reflected(with_credentials))
                    .post(reflected(with_credentials))
                    .put(reflected(with_credentials))
                    .delete(reflected(with_credentials)),
            ),
        ),
        (
            // Trusts only origins that no browser can send.
            "unsendable",
            api().layer(credentialed(predicate(|o| {
                o.contains('^') || o.contains('|')
            }))),
        ),
        (
            "wildcard-with-credentials",
            Router::new().route(
                "/me",
                get(|| async {
                    (
                        [
                            (ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
                            (ACCESS_CONTROL_ALLOW_CREDENTIALS, "true"),
                        ],
                        r#"{"user":"ada"}"#,
                    )
                }),
            ),
        ),
    ]
}

/// Serves `app` over TLS on 127.0.0.1, with a certificate for [`HOST`] signed by nobody, on a
/// thread of its own, for at most 5,000 connections; returns the port.
pub fn serve_tls(app: Router) -> u16 {
    use hyper_util::rt::TokioIo;
    use hyper_util::service::TowerToHyperService;
    use tokio_rustls::rustls::{self, pki_types};
    let certified = rcgen::generate_simple_self_signed(vec![HOST.to_owned()]).unwrap();
    let key = pki_types::PrivatePkcs8KeyDer::from(certified.signing_key.serialize_der());
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![certified.cert.der().clone()], key.into())
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            for _ in 0..5000 {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let (acceptor, app) = (acceptor.clone(), app.clone());
                tokio::spawn(async move {
                    let Ok(tls) = acceptor.accept(stream).await else {
                        return;
                    };
                    let service = TowerToHyperService::new(app);
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(tls), service)
                        .await;
                });
            }
        });
    });
    port
}

/// A hand-written server on raw sockets, thread per connection, for at most 5,000
/// connections: it copies `Origin` into `Access-Control-Allow-Origin` with credentials on every
/// answer (preflights included), without `Vary`, and closes each connection; returns the port.
pub fn raw_reflector() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(5000) {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let mut head = Vec::new();
                let mut buffer = [0; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16384 {
                    match stream.read(&mut buffer) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => head.extend_from_slice(&buffer[..n]),
                    }
                }
                let head = String::from_utf8_lossy(&head);
                let origin = head
                    .lines()
                    .find_map(|l| {
                        let (name, value) = l.split_once(':')?;
                        let origin = name.eq_ignore_ascii_case("origin");
                        origin.then(|| value.trim().to_owned())
                    })
                    .unwrap_or_default();
                let body = r#"{"user":"ada"}"#;
                let response = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                     Access-Control-Allow-Origin: {origin}\r\n\
                     Access-Control-Allow-Credentials: true\r\n\
                     Access-Control-Allow-Methods: GET, POST, PUT, DELETE\r\n\
                     Access-Control-Allow-Headers: content-type, authorization\r\n\
                     Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(response.as_bytes());
            });
        }
    });
    port
}

/// A server that answers its first connection (`200`, no CORS header) and closes every later
/// one at once: a target that stops answering mid-audit.
pub fn answers_once() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for (index, stream) in listener.incoming().take(5000).enumerate() {
            let Ok(mut stream) = stream else { continue };
            if index == 0 {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let mut buffer = [0; 16384];
                let _ = stream.read(&mut buffer);
                let _ = stream.write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                );
            }
        }
    });
    port
}
