//! A page at http://localhost:3000 fetches an API. First the server allows only
//! https://yoursite.com: the browser blocks the response and says why. Then the server answers
//! `Access-Control-Allow-Origin: *`: the page can read it.
//!
//! Run with `cargo run --example blocked_then_allowed`.

use cors_sim::fetch::Browser;
use cors_sim::origin::Origin;
use cors_sim::profile::{Engine, Profile};
use cors_sim::request::RequestInit;
use cors_sim::time::Time;

fn main() {
    let page = Origin::parse(b"http://localhost:3000").expect("a serialized origin");
    let mut browser = Browser::new(Profile::chromium());

    for allow_origin in ["https://yoursite.com", "*"] {
        println!("Server answers `Access-Control-Allow-Origin: {allow_origin}`:");
        let exchange = browser
            .fetch_with(
                &page,
                RequestInit::new("http://api.example.com/data"),
                Time::ZERO,
                |_request| {
                    http::Response::builder()
                        .status(200)
                        .header("Access-Control-Allow-Origin", allow_origin)
                        .header("Content-Type", "application/json")
                        .body(())
                        .expect("a valid response")
                },
            )
            .expect("a valid request");
        match exchange.result {
            Ok(response) => println!(
                "  allowed: status {}, type {}, readable headers {:?}\n",
                response.status(),
                response.response_type().as_str(),
                response.exposed_header_names()
            ),
            Err(error) => println!(
                "  blocked ({})\n  console: {}\n  fix: {}\n",
                error.error.name(),
                error.console_message(Engine::Chromium),
                error.fix()
            ),
        }
    }
}
