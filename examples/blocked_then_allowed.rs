//! A page at http://localhost:3000 fetches an API. First the server allows only
//! https://yoursite.com: each browser blocks the response and says why, in its own words, and the
//! standard's steps show where it failed. Then the server answers
//! `Access-Control-Allow-Origin: *`: the page can read it.
//!
//! Run with `cargo run --example blocked_then_allowed`.

use cors_sim::{Browser, Document, Engine, Exchange, RequestInit, Time};

/// The page's `fetch("http://api.example.com/data")` in `engine`, against a server answering
/// `Access-Control-Allow-Origin: allow_origin`.
fn fetch(engine: Engine, allow_origin: &str) -> Exchange {
    let page: Document = "http://localhost:3000/".parse().expect("a URL");
    let init = RequestInit::new("http://api.example.com/data");
    Browser::new(engine)
        .fetch_with(&page, init, Time::ZERO, |_request| {
            http::Response::builder()
                .header("Access-Control-Allow-Origin", allow_origin)
                .header("Content-Type", "application/json")
                .body(())
                .expect("a valid response")
        })
        .expect("a valid request")
}

fn main() {
    for allow_origin in ["https://yoursite.com", "*"] {
        println!("The server answers `Access-Control-Allow-Origin: {allow_origin}`:");
        for engine in Engine::ALL {
            match fetch(engine, allow_origin).result {
                Ok(response) => println!(
                    "  {engine}: allowed (a `{}` response, status {}, readable headers: {})",
                    response.response_type(),
                    response.status(),
                    response.exposed_header_names().join(", ")
                ),
                Err(error) => println!(
                    "  {engine}: blocked ({})\n    {}",
                    error.reason.name(),
                    error.console_message().replace('\n', "\n    ")
                ),
            }
        }
        let standard = fetch(Engine::Spec, allow_origin);
        println!("  The standard's steps:");
        print!("{}", standard.trace.expect("fetch_with records the trace"));
        if let Err(error) = standard.result {
            println!("  Fix: {}", error.fix());
        }
        println!();
    }
}
