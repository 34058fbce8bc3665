//! Hostile and broken servers on raw sockets: each gives a clear result within the time limit,
//! and a flood of header bytes is cut at the cap. None of them is a CORS verdict unless the
//! browser would have read a response.

use crate::support::{probe, raw, reply};
use snapbox::file;
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

const PAGE: &str = "http://localhost:3000";

/// Runs `check`, and fails if it took `limit` or longer.
fn within(limit: Duration, check: impl FnOnce()) {
    let start = Instant::now();
    check();
    let took = start.elapsed();
    assert!(took < limit, "took {took:?}");
}

#[test]
fn a_server_that_closes_the_connection_at_once_is_unreachable() {
    let port = raw(|stream, _| {
        let _ = stream.shutdown(Shutdown::Both);
    });
    within(Duration::from_secs(5), || {
        probe(port, "/", &["--origin", PAGE, "--timeout", "2"])
            .assert()
            .code(3)
            .stdout_eq(file!["snapshots/hostile-close.txt"]);
    });
}

#[test]
fn a_server_that_never_answers_times_out() {
    let port = raw(|_, _| std::thread::sleep(Duration::from_secs(10)));
    within(Duration::from_secs(5), || {
        probe(port, "/", &["--origin", PAGE, "--timeout", "1"])
            .assert()
            .code(3)
            .stdout_eq(file!["snapshots/hostile-silent.txt"]);
    });
}

#[test]
fn a_one_mebibyte_header_is_cut_at_the_cap() {
    let port = raw(|stream, _| {
        let mut response = b"HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nX-Big: ".to_vec();
        response.resize(response.len() + (1 << 20), b'a');
        response.extend_from_slice(b"\r\nContent-Length: 0\r\n\r\n");
        reply(stream, &response);
    });
    within(Duration::from_secs(5), || {
        probe(port, "/", &["--origin", PAGE, "--timeout", "2"])
            .assert()
            .code(3)
            .stdout_eq(file!["snapshots/hostile-huge-header.txt"]);
    });
}

#[test]
fn a_redirect_loop_ends_after_twenty_redirects() {
    let port = raw(|stream, head| {
        let next = if head.starts_with(b"GET /a ") {
            "/b"
        } else {
            "/a"
        };
        let response = format!(
            "HTTP/1.1 302 Found\r\nLocation: {next}\r\nAccess-Control-Allow-Origin: *\r\n\
             Content-Length: 0\r\nConnection: close\r\n\r\n"
        );
        reply(stream, response.as_bytes());
    });
    within(Duration::from_secs(5), || {
        let output = probe(port, "/a", &["--origin", PAGE, "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        for engine in report["engines"].as_array().unwrap() {
            assert_eq!(engine["reason"], "TooManyRedirects", "{engine}");
        }
        // 21 requests per engine, but only /a and /b went out: the rest were answered from
        // the session.
        let hops = report["exchange"][0]["hops"].as_array().unwrap();
        assert_eq!(hops.len(), 21);
        let sent = hops.iter().filter(|h| h["reused"] == false).count();
        assert_eq!(sent, 2);
    });
}

#[test]
fn header_bytes_that_are_not_utf8_are_kept_and_shown_escaped() {
    let port = raw(|stream, _| {
        reply(
            stream,
            b"HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\n\
              Access-Control-Expose-Headers: x-name\r\nX-Name: caf\xe9\r\n\
              Content-Length: 0\r\nConnection: close\r\n\r\n",
        );
    });
    within(Duration::from_secs(5), || {
        probe(port, "/", &["--origin", PAGE])
            .assert()
            .code(0)
            .stdout_eq(file!["snapshots/hostile-latin1.txt"]);
    });
}

#[test]
fn a_control_byte_in_a_header_is_not_http_and_not_a_cors_verdict() {
    let port = raw(|stream, _| {
        reply(
            stream,
            b"HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nX-Bad: a\x01b\r\n\
              Content-Length: 0\r\nConnection: close\r\n\r\n",
        );
    });
    within(Duration::from_secs(5), || {
        probe(port, "/", &["--origin", PAGE])
            .assert()
            .code(3)
            .stdout_eq(file!["snapshots/hostile-control-byte.txt"]);
    });
}

/// A request the server never sees: the connection is refused.
#[test]
fn nothing_listening_is_unreachable() {
    let port = {
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
        listener.local_addr().unwrap().port()
    };
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
    let output = probe(port, "/", &["--origin", PAGE, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let engine = &report["engines"][0];
    assert_eq!(engine["verdict"], "unreachable");
    assert_eq!(engine["console"], serde_json::Value::Null);
    assert_eq!(engine["transport_error"]["kind"], "no-connection");
}
