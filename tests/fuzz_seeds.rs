//! Regressions that fuzzing (`fuzz/`) and property testing (`tests/properties.rs`) brought up,
//! each reduced to the smallest input that shows it and kept as a plain test of the public API.

use cors_sim::document::Document;
use cors_sim::fetch::Browser;
use cors_sim::profile::Profile;
use cors_sim::request::{OutgoingRequest, RequestInit};
use cors_sim::time::Time;

fn page() -> Document {
    "http://page.example/".parse().unwrap()
}

/// Found by the `scenario` target (first input: a fetch of `http://app.exa`ple/eh/basic`). The URL
/// standard allows `"`, `` ` ``, `{` and `}` in a domain (they are not forbidden host code
/// points), so a request can go to such a host; `http::Uri` rejects them, and
/// `OutgoingRequest::to_http` must report that rather than panic.
#[test]
fn to_http_does_not_panic_on_hosts_http_cannot_carry() {
    for url in ["http://a\"b/", "http://a`b/", "http://a{b/", "http://a}b/"] {
        let mut browser = Browser::new(Profile::spec());
        let exchange = browser
            .fetch_with(&page(), RequestInit::new(url), Time::ZERO, |_| {
                http::Response::new(())
            })
            .unwrap();
        let request = &exchange.requests[0];
        assert_eq!(request.url().as_str(), url, "the URL parser keeps the host");
        let converted = std::panic::catch_unwind(|| request.to_http::<()>().is_ok());
        assert!(converted.is_ok(), "{url}: to_http panicked");
    }
}

/// A server answering every preflight the same way but for `Access-Control-Allow-Headers` and
/// `Access-Control-Max-Age`.
fn allow_put(
    headers: &'static str,
    max_age: &'static str,
) -> impl FnMut(&OutgoingRequest) -> http::Response<()> {
    move |_| {
        http::Response::builder()
            .header("Access-Control-Allow-Origin", "*")
            .header("Access-Control-Allow-Methods", "PUT")
            .header("Access-Control-Allow-Headers", headers)
            .header("Access-Control-Max-Age", max_age)
            .body(())
            .unwrap()
    }
}

/// Fetch "CORS-preflight fetch" step 7: for each method and header name the response allows that
/// has a cache entry match, "set matching entry's max-age to max-age" — so a successful
/// preflight answered with `Access-Control-Max-Age: 0` expires the entries it matches. Found
/// while writing the scenario cache oracle: the model drops a zero max-age before the cache sees
/// it (`preflight::validate` filters it out), so the entry lives on.
#[test]
fn a_zero_max_age_expires_the_entries_it_matches() {
    let mut browser = Browser::new(Profile::spec());
    let url = "http://api.example/data";
    let mut fetch = |init: RequestInit, at, server| {
        browser
            .fetch_with(&page(), init, Time::from_secs(at), server)
            .unwrap()
    };
    let first = fetch(
        RequestInit::new(url).method("PUT"),
        0,
        allow_put("X-A", "100"),
    );
    assert!(first.preflighted() && first.result.is_ok());
    // X-B is not cached: a preflight, which allows PUT again, now with max-age 0.
    let second = fetch(
        RequestInit::new(url).method("PUT").header("X-B", "1"),
        1,
        allow_put("X-B", "0"),
    );
    assert!(second.preflighted() && second.result.is_ok());
    // The PUT entry's max-age is now 0: it has expired, and PUT is preflighted again.
    let third = fetch(
        RequestInit::new(url).method("PUT"),
        2,
        allow_put("X-B", "0"),
    );
    assert!(third.preflighted(), "the PUT entry outlived max-age 0");
}

/// Found by the `scenario` target's cache-isolation check (issue 10's fuzzing): the preflight
/// results of one opaque document (a sandboxed frame, a `data:` page) let another opaque
/// document's request skip its preflight, both keyed under `null`. The standard keys cache
/// entries by the network partition key, whose site is, for an opaque origin, that origin
/// itself, so two opaque documents share nothing. (Chromium caches nothing for `null`, so only
/// the spec, Firefox and WebKit profiles showed it.)
#[test]
fn opaque_documents_share_no_preflight_cache_entries() {
    let mut browser = Browser::new(Profile::spec());
    let put = RequestInit::new("http://api.example/a").method("PUT");
    let mut server = allow_put("x-a", "100");
    let sandboxed = Document::opaque();
    let first = browser
        .fetch_with(&sandboxed, put.clone(), Time::ZERO, &mut server)
        .unwrap();
    assert!(first.preflighted() && first.result.is_ok());
    let second = browser
        .fetch_with(
            &Document::opaque(),
            put.clone(),
            Time::from_secs(1),
            &mut server,
        )
        .unwrap();
    assert!(
        second.preflighted(),
        "another opaque document used the first one's entries"
    );
    let again = browser
        .fetch_with(&sandboxed, put, Time::from_secs(2), &mut server)
        .unwrap();
    assert!(
        !again.preflighted(),
        "the first opaque document lost its own entries"
    );
}
