//! What the benchmarks of the driver share: the page, the API's URL, the requests script makes
//! (with the URL as text and parsed) and the server's answers.

#![allow(dead_code)] // Each benchmark uses its own part of it.

use cors_sim::{Document, RequestInit};

/// The page making the requests.
pub const PAGE: &str = "http://page.example/";
/// The URL it fetches.
pub const API_URL: &str = "http://api.example/items/42";
/// The network partition key and serialized origin of a document at `PAGE`.
pub const PARTITION: &str = "http://page.example";

/// A document at `PAGE`.
pub fn page() -> Document {
    PAGE.parse().expect("a URL")
}

/// A `GET` of `API_URL`.
pub fn get_init() -> RequestInit {
    RequestInit::new(API_URL)
}

/// [`get_init`] with the URL already parsed.
pub fn get_init_parsed() -> RequestInit {
    thread_local! {
        static URL: url::Url = API_URL.parse().expect("a URL");
    }
    URL.with(|url| RequestInit::new(url.clone()))
}

/// A `PUT` of JSON to `API_URL`: it needs a preflight.
pub fn put_init() -> RequestInit {
    RequestInit::new(API_URL)
        .method("PUT")
        .header("Content-Type", "application/json")
}

/// [`put_init`] with the URL already parsed.
pub fn put_init_parsed() -> RequestInit {
    get_init_parsed()
        .method("PUT")
        .header("Content-Type", "application/json")
}

/// A response any origin may read.
pub fn allow_any_origin() -> http::Response<()> {
    http::Response::builder()
        .status(200)
        .header("Access-Control-Allow-Origin", "*")
        .header("Content-Type", "application/json")
        .body(())
        .expect("a response")
}

/// A preflight response allowing the `PUT` for 600 s.
pub fn preflight_ok() -> http::Response<()> {
    http::Response::builder()
        .status(204)
        .header("Access-Control-Allow-Origin", "*")
        .header("Access-Control-Allow-Methods", "PUT")
        .header("Access-Control-Allow-Headers", "content-type")
        .header("Access-Control-Max-Age", "600")
        .body(())
        .expect("a response")
}
