//! What the tests share: servers on 127.0.0.1 (axum ones on one runtime, hostile ones on raw
//! `std::net` threads) and the binary, with the random ports and dates redacted.

use axum::Router;
use snapbox::cmd::Command;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::sync::OnceLock;
use std::time::Duration;

/// The runtime the axum servers run on, for the whole test run.
fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap()
    })
}

/// Serves `app` on 127.0.0.1 at a random port, until the test run ends; returns the port.
pub fn serve(app: Router) -> u16 {
    let runtime = runtime();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)))
        .unwrap();
    let port = listener.local_addr().unwrap().port();
    runtime.spawn(async move { axum::serve(listener, app).await });
    port
}

/// Serves each of at most 16 connections on 127.0.0.1 with `answer`, given the request head
/// read so far (up to 8 KiB), on a thread of its own; returns the port.
pub fn raw(answer: fn(&mut TcpStream, &[u8])) -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(16) {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let head = read_head(&mut stream);
                answer(&mut stream, &head);
            });
        }
    });
    port
}

/// The request head (through the blank line), at most 8 KiB of it.
fn read_head(stream: &mut TcpStream) -> Vec<u8> {
    let mut head = Vec::new();
    let mut buffer = [0; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 8192 {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => head.extend_from_slice(&buffer[..n]),
        }
    }
    head
}

/// Writes `response` and closes the connection.
pub fn reply(stream: &mut TcpStream, response: &[u8]) {
    let _ = stream.write_all(response);
    let _ = stream.flush();
}

/// The `cors-sim` binary, its transcripts compared with `[PORT]` for `port` and `[DATE]`
/// for HTTP dates.
pub fn cors_sim(port: Option<u16>) -> Command {
    let mut redactions = snapbox::Redactions::new();
    if let Some(port) = port {
        redactions.insert("[PORT]", port.to_string()).unwrap();
    }
    let date = regex::Regex::new(r"[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT")
        .unwrap();
    redactions.insert("[DATE]", date).unwrap();
    Command::new(snapbox::cmd::cargo_bin!("cors-sim"))
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("COLUMNS")
        .with_assert(
            snapbox::Assert::new()
                .action_env("SNAPSHOTS")
                .normalize_paths(false)
                .redact_with(redactions),
        )
}

/// `cors-sim probe http://127.0.0.1:PORT{path} ARGS...`
pub fn probe(port: u16, path: &str, args: &[&str]) -> Command {
    cors_sim(Some(port))
        .arg("probe")
        .arg(format!("http://127.0.0.1:{port}{path}"))
        .args(args)
}

/// The JSON a command printed.
pub fn json(command: Command) -> serde_json::Value {
    let output = command.output().unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

/// A JSON list of `[name, value]` headers, as pairs.
pub fn pairs(headers: &serde_json::Value) -> Vec<(String, String)> {
    headers
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h[0].as_str().unwrap().to_owned(),
                h[1].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}
