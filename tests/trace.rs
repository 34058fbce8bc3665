//! The trace of a fetch: each decision of the standard's algorithms, in order, with its reason,
//! recorded only when asked for.

use cors_sim::cache::{CacheMatch, LookupItem, Stored};
use cors_sim::cors_check::CheckPass;
use cors_sim::preflight::MethodAllowed;
use cors_sim::safelist::NotSafelisted;
use cors_sim::trace::{HiddenWhy, PreflightReason, Step};
use cors_sim::{Browser, Document, Engine, Exchange, Next, OutgoingRequest, RequestInit, Time};
use std::time::Duration;

fn page() -> Document {
    "http://page.example/app".parse().unwrap()
}

fn put() -> RequestInit {
    RequestInit::new("http://api.example/items/1")
        .method("PUT")
        .header("Content-Type", "application/json")
}

/// A server allowing the page's `PUT` with `Content-Type` for 600 s.
fn server(request: &OutgoingRequest) -> http::Response<()> {
    let response = http::Response::builder().header("Access-Control-Allow-Origin", "*");
    let response = if request.is_preflight() {
        response
            .status(204)
            .header("Access-Control-Allow-Methods", "PUT")
            .header("Access-Control-Allow-Headers", "Content-Type")
            .header("Access-Control-Max-Age", "600")
    } else {
        response.header("X-Secret", "1")
    };
    response.body(()).unwrap()
}

fn steps(exchange: &Exchange) -> &[Step] {
    exchange.trace.as_ref().expect("a trace").steps()
}

#[test]
fn a_preflighted_fetch_says_why_at_each_step() {
    let mut browser = Browser::new(Engine::Spec);
    let exchange = browser
        .fetch_with(&page(), put(), Time::ZERO, server)
        .unwrap();
    let steps = steps(&exchange);
    let position = |wanted: &dyn Fn(&Step) -> bool| {
        steps
            .iter()
            .position(wanted)
            .unwrap_or_else(|| panic!("missing step in\n{}", exchange.trace.as_ref().unwrap()))
    };
    let unsafe_header = position(&|s| {
        matches!(s, Step::UnsafeHeader { name, rule: NotSafelisted::MimeEssence }
            if name == "content-type")
    });
    let needed = position(&|s| {
        matches!(s, Step::PreflightNeeded { reasons } if reasons.as_slice() == [
            PreflightReason::Method("PUT".into()),
            PreflightReason::UnsafeHeaders(vec!["content-type".into()]),
        ])
    });
    let missed = position(
        &|s| matches!(s, Step::CacheLookup(LookupItem::Method(m, CacheMatch::Miss)) if m == "PUT"),
    );
    let preflight = position(&|s| {
        matches!(
            s,
            Step::Sent {
                preflight: true,
                ..
            }
        )
    });
    let checked = position(&|s| {
        matches!(
            s,
            Step::CorsCheck {
                preflight: true,
                result: Ok(CheckPass::Wildcard)
            }
        )
    });
    let method = position(&|s| {
        matches!(
            s,
            Step::MethodAllowed {
                how: MethodAllowed::Listed,
                ..
            }
        )
    });
    let stored = position(&|s| {
        matches!(s, Step::CacheStored { stored: Stored::Stored { max_age, .. }, .. }
            if *max_age == Duration::from_secs(600))
    });
    let sent = position(&|s| {
        matches!(
            s,
            Step::Sent {
                preflight: false,
                ..
            }
        )
    });
    let filtered = position(&|s| {
        matches!(s, Step::Filtered { exposed, hidden, .. }
            if exposed.is_empty()
                && hidden.contains(&("x-secret".to_owned(), HiddenWhy::NotExposed)))
    });
    let order = [
        unsafe_header,
        needed,
        missed,
        preflight,
        checked,
        method,
        stored,
        sent,
        filtered,
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert_eq!(exchange.trace.as_ref().unwrap().departures().count(), 0);
    // Each step links the standard.
    assert!(steps.iter().all(|s| s.spec().url.starts_with("https://")));
}

#[test]
fn a_warm_cache_shows_its_hits_and_sends_no_preflight() {
    let mut browser = Browser::new(Engine::Spec);
    browser
        .fetch_with(&page(), put(), Time::ZERO, server)
        .unwrap();
    let again = browser
        .fetch_with(&page(), put(), Time::from_secs(599), server)
        .unwrap();
    assert!(!again.preflighted());
    let warm = steps(&again);
    assert!(warm.contains(&Step::CacheLookup(LookupItem::Method(
        "PUT".into(),
        CacheMatch::Hit
    ))));
    assert!(warm.contains(&Step::CacheVerdict { sufficient: true }));
    let expired = browser
        .fetch_with(&page(), put(), Time::from_secs(600), server)
        .unwrap();
    assert!(expired.preflighted());
    assert!(
        steps(&expired).contains(&Step::CacheLookup(LookupItem::Method(
            "PUT".into(),
            CacheMatch::Expired
        )))
    );
}

#[test]
fn an_engine_departure_names_its_profile_field() {
    // WebKit caps Max-Age at 600 s; a server asking for 3600 s gets 600.
    let long = |request: &OutgoingRequest| {
        let mut response = server(request);
        response
            .headers_mut()
            .insert("access-control-max-age", "3600".parse().unwrap());
        response
    };
    let mut browser = Browser::new(Engine::WebKit);
    let exchange = browser
        .fetch_with(&page(), put(), Time::ZERO, long)
        .unwrap();
    let departures: Vec<_> = exchange.trace.as_ref().unwrap().departures().collect();
    assert!(departures.contains(&"cache.max_age_cap"), "{departures:?}");
    let text = exchange.trace.as_ref().unwrap().to_string();
    assert!(
        text.contains("cached for 600 seconds (asked for 3600 seconds, capped)"),
        "{text}"
    );
}

#[test]
fn the_state_machine_records_a_trace_only_when_asked() {
    for (trace, expected) in [(false, false), (true, true)] {
        let mut browser = Browser::new(Engine::Chromium).trace(trace);
        let Ok(Next::Send(pending)) = browser.fetch(&page(), RequestInit::new("/x"), Time::ZERO)
        else {
            panic!("a same-origin GET goes on the wire");
        };
        let response = server(pending.request());
        let Next::Done(done) = pending.respond(&mut browser, response, Time::ZERO) else {
            panic!("one request");
        };
        assert_eq!(done.trace.is_some(), expected);
    }
}

#[test]
fn the_referrer_and_origin_are_explained() {
    let mut browser = Browser::new(Engine::Spec);
    let exchange = browser
        .fetch_with(&page(), RequestInit::new("/same"), Time::ZERO, server)
        .unwrap();
    let text = exchange.trace.unwrap().to_string();
    assert!(
        text.contains("`Referer` for http://page.example/same: the document's URL"),
        "{text}"
    );
    assert!(
        text.contains("no `Origin`: a GET or HEAD outside CORS"),
        "{text}"
    );
    assert!(
        text.contains("and `Referer: http://page.example/app`"),
        "{text}"
    );
}

/// Outside CORS, each engine's reason for the `Origin` of a redirected `POST`: the standard's,
/// Chromium's `null` after a cross-origin hop, WebKit's first `Origin`, and a referrer policy
/// hiding it.
#[test]
fn each_origin_header_outside_cors_is_explained() {
    use cors_sim::Mode;
    use cors_sim::referrer::ReferrerPolicy;
    let origin_steps = |engine: Engine, init: RequestInit| -> Vec<String> {
        let mut browser = Browser::new(engine).trace(true);
        let redirect = |request: &OutgoingRequest| -> http::Response<()> {
            let mut response = http::Response::builder();
            if request.url().path() == "/a" {
                response = response
                    .status(307)
                    .header("location", "http://api.example/b");
            }
            response.body(()).unwrap()
        };
        let exchange = browser
            .fetch_with(&page(), init, Time::ZERO, redirect)
            .unwrap();
        exchange
            .trace
            .unwrap()
            .steps()
            .iter()
            .filter(|step| matches!(step, Step::OriginHeader { .. }))
            .map(ToString::to_string)
            .collect()
    };
    let post = || {
        RequestInit::new("http://page.example/a")
            .method("POST")
            .mode(Mode::NoCors)
    };
    let standard = origin_steps(Engine::Spec, post());
    assert!(
        standard[1].contains("a method other than GET or HEAD"),
        "{standard:?}"
    );
    let chromium = origin_steps(Engine::Chromium, post());
    assert!(
        chromium[1].contains("a redirect took the request to another origin"),
        "{chromium:?}"
    );
    let webkit = origin_steps(Engine::WebKit, post());
    assert!(
        webkit[1].contains("as the fetch's first request carried it"),
        "{webkit:?}"
    );
    let hidden = origin_steps(
        Engine::Spec,
        post().referrer_policy(ReferrerPolicy::SameOrigin),
    );
    assert!(
        hidden[1].contains("the request's referrer policy hides its origin"),
        "{hidden:?}"
    );
}
