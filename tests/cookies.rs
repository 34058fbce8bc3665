//! Cookies with fetch: what a response's `Set-Cookie` does to the browser's store, which
//! cookies go with a later request and why, under each engine's cookie policy.

use cors_sim::cookie::{CookieRule, Refusal, SameSite, SameSiteMode, SetCookieOutcome};
use cors_sim::profile::Profile;
use cors_sim::request::CredentialsMode::{Include, Omit};
use cors_sim::trace::Step;
use cors_sim::{Browser, Document, Engine, Exchange, OutgoingRequest, RequestInit, Time};
use std::time::{Duration, UNIX_EPOCH};

const BANK: &str = "https://bank.example.com/";
const APP: &str = "https://app.bank.example.com/";
const ATTACKER: &str = "https://attacker.example.org/";

fn page(url: &str) -> Document {
    url.parse().unwrap()
}

/// A bank that lets any origin read with credentials, and sets `cookies` on `/seed`.
fn bank(cookies: &'static [&'static str]) -> impl FnMut(&OutgoingRequest) -> http::Response<()> {
    move |request| {
        let origin = request
            .headers()
            .get_str("origin")
            .unwrap_or_default()
            .into_owned();
        let mut response = http::Response::builder()
            .header("Access-Control-Allow-Origin", origin)
            .header("Access-Control-Allow-Credentials", "true")
            .header("Access-Control-Allow-Methods", "PUT")
            .header("Access-Control-Allow-Headers", "content-type");
        if request.url().path() == "/seed" {
            for cookie in cookies {
                response = response.header("Set-Cookie", *cookie);
            }
        }
        response.body(()).unwrap()
    }
}

const FOUR: &[&str] = &[
    "none=1; Secure; SameSite=None; Path=/",
    "lax=1; Secure; SameSite=Lax; Path=/",
    "strict=1; Secure; SameSite=Strict; Path=/",
    "unset=1; Secure; Path=/",
];

fn fetch(browser: &mut Browser, from: &str, init: RequestInit, at: u64) -> Exchange {
    browser
        .fetch_with(&page(from), init, Time::from_secs(at), bank(FOUR))
        .unwrap()
}

/// The `Cookie` header each request of the exchange carried.
fn cookies(exchange: &Exchange) -> Vec<Option<String>> {
    exchange
        .requests
        .iter()
        .map(|r| r.headers().get_str("cookie").map(|c| c.into_owned()))
        .collect()
}

/// A browser that visited the bank first-party and got the four cookies.
fn seeded(profile: impl Into<Profile>) -> Browser {
    let mut browser = Browser::new(profile);
    fetch(
        &mut browser,
        BANK,
        RequestInit::new(format!("{BANK}seed")),
        0,
    );
    browser
}

fn read(credentials: cors_sim::CredentialsMode) -> RequestInit {
    RequestInit::new(format!("{BANK}read")).credentials(credentials)
}

#[test]
fn the_seeded_cookies_go_with_same_site_credentialed_requests_in_every_engine() {
    for engine in [
        Engine::Spec,
        Engine::Chromium,
        Engine::Firefox,
        Engine::WebKit,
    ] {
        let mut browser = seeded(engine);
        assert_eq!(browser.cookies().len(), 4, "{engine}");
        let exchange = fetch(&mut browser, APP, read(Include), 1);
        assert_eq!(
            cookies(&exchange),
            [Some("none=1; lax=1; strict=1; unset=1".to_owned())],
            "{engine}"
        );
        // Credentials `same-origin` to another origin, and `omit`, carry none.
        let exchange = fetch(
            &mut browser,
            APP,
            RequestInit::new(format!("{BANK}read")),
            1,
        );
        assert_eq!(cookies(&exchange), [None], "{engine}");
        assert_eq!(cookies(&fetch(&mut browser, BANK, read(Omit), 1)), [None]);
    }
}

#[test]
fn cross_site_requests_differ_by_engine() {
    let cross_site = |profile: Profile| {
        let mut browser = seeded(profile);
        cookies(&fetch(&mut browser, ATTACKER, read(Include), 1)).remove(0)
    };
    let expect = |profile: Profile, cookie: Option<&str>| {
        assert_eq!(
            cross_site(profile.clone()).as_deref(),
            cookie,
            "{profile:?}"
        );
    };
    expect(Profile::spec(), Some("none=1; unset=1"));
    expect(Profile::webkit(), Some("none=1; unset=1"));
    expect(Profile::chromium(), None);
    expect(Profile::firefox(), None);
    expect(Profile::safari(), None);
    expect(
        Profile::chromium_third_party_cookies_allowed(),
        Some("none=1"),
    );
}

#[test]
fn the_trace_says_why_each_cookie_was_or_was_not_sent() {
    let mut browser = seeded(Engine::Chromium);
    let exchange = fetch(&mut browser, ATTACKER, read(Include), 1);
    let steps = exchange.trace.as_ref().unwrap().steps();
    assert!(steps.iter().any(|step| matches!(
        step,
        Step::SameSiteMode {
            mode: SameSiteMode::UnsetOrLess,
            third_party: true,
            ..
        }
    )));
    let rules: Vec<(&str, &CookieRule)> = steps
        .iter()
        .filter_map(|step| match step {
            Step::Cookie { name, rule, .. } => Some((name.as_str(), rule)),
            _ => None,
        })
        .collect();
    assert_eq!(rules.len(), 4);
    assert!(
        rules
            .iter()
            .all(|(_, rule)| **rule == CookieRule::ThirdParty)
    );
    assert!(
        exchange
            .trace
            .as_ref()
            .unwrap()
            .departures()
            .any(|f| f == "cookies.third_party")
    );

    // With third-party cookies allowed, SameSite decides; Lax by default keeps `unset` off.
    let mut browser = seeded(Profile::chromium_third_party_cookies_allowed());
    let exchange = fetch(&mut browser, ATTACKER, read(Include), 1);
    let text = exchange.trace.as_ref().unwrap().to_string();
    assert!(text.contains("cookie `none` sent"), "{text}");
    assert!(
        text.contains("cookie `unset` not sent: SameSite=Lax keeps it off"),
        "{text}"
    );
    assert!(text.contains("cookie `strict` not sent"), "{text}");

    // A request without credentials says so for every cookie of its host.
    let exchange = fetch(
        &mut browser,
        APP,
        RequestInit::new(format!("{BANK}read")),
        1,
    );
    let steps = exchange.trace.as_ref().unwrap().steps();
    assert!(steps.iter().any(|step| matches!(
        step,
        Step::Cookie {
            sent: false,
            rule: CookieRule::CredentialsNotIncluded,
            ..
        }
    )));
}

#[test]
fn preflights_never_carry_cookies() {
    let mut browser = seeded(Engine::Spec);
    let put = read(Include)
        .method("PUT")
        .header("Content-Type", "application/json");
    let exchange = fetch(&mut browser, APP, put, 1);
    assert!(exchange.requests[0].is_preflight());
    assert_eq!(
        cookies(&exchange),
        [None, Some("none=1; lax=1; strict=1; unset=1".to_owned())]
    );
    let steps = exchange.trace.as_ref().unwrap().steps();
    assert!(steps.iter().any(|step| matches!(
        step,
        Step::Cookie {
            rule: CookieRule::Preflight,
            ..
        }
    )));
}

/// What each Set-Cookie of a `/seed` response from `from` did.
fn outcomes(
    profile: impl Into<Profile>,
    from: &str,
    url: &str,
    set: &'static [&'static str],
) -> Vec<SetCookieOutcome> {
    let mut browser = Browser::new(profile);
    let init = RequestInit::new(url).credentials(Include);
    let exchange = browser
        .fetch_with(&page(from), init, Time::ZERO, bank(set))
        .unwrap();
    exchange
        .set_cookies()
        .into_iter()
        .map(|(_, outcome)| outcome.clone())
        .collect()
}

#[test]
fn set_cookie_says_what_was_stored_and_what_was_refused() {
    let refused = |why| SetCookieOutcome::Refused(why);
    let stored = SetCookieOutcome::Stored {
        partition: None,
        replaced: false,
    };
    let set = &[
        "ok=1; Secure; Path=/",
        "__Host-bad=1; Secure",
        "__Secure-bad=1",
        "nn=1; SameSite=None",
        "dom=1; Domain=example.com; Secure",
        "suffix=1; Domain=com",
        "other=1; Domain=api.example.com",
        "=; Secure",
    ];
    let got = outcomes(Engine::Spec, BANK, "https://bank.example.com/seed", set);
    assert_eq!(
        got,
        [
            stored.clone(),
            refused(Refusal::Prefix("__Host-")),
            refused(Refusal::Prefix("__Secure-")),
            refused(Refusal::NoneWithoutSecure),
            stored,
            refused(Refusal::PublicSuffix),
            refused(Refusal::DomainMismatch),
            refused(Refusal::Invalid),
        ]
    );
    // Over http, Secure cookies are refused (Fetch's isSecure), even on localhost in the
    // standard; Chromium and Firefox count loopback as secure.
    let local = "http://localhost:3000/seed";
    let secure = &["s=1; Secure; Path=/"];
    assert_eq!(
        outcomes(Engine::Spec, "http://localhost:3000/", local, secure),
        [refused(Refusal::SecureFromInsecure)]
    );
    assert!(matches!(
        outcomes(Engine::Chromium, "http://localhost:3000/", local, secure)[..],
        [SetCookieOutcome::Stored { .. }]
    ));
    // A cross-site response: Lax is refused by the standard, the whole set by WebKitGTK.
    let cross = &[
        "lax=1; Secure; SameSite=Lax",
        "none=1; Secure; SameSite=None",
    ];
    let seed = "https://bank.example.com/seed";
    assert_eq!(
        outcomes(Engine::Spec, ATTACKER, seed, cross)[0],
        refused(Refusal::SameSiteFromCrossSite(SameSite::Lax))
    );
    assert_eq!(
        outcomes(Engine::WebKit, ATTACKER, seed, cross)[1],
        refused(Refusal::ThirdParty)
    );
    // Firefox keeps it in the attacker's jar; Chromium only a Partitioned one.
    let SetCookieOutcome::Stored {
        partition: Some(site),
        ..
    } = &outcomes(Engine::Firefox, ATTACKER, seed, cross)[1]
    else {
        panic!("Firefox keeps third-party cookies in the top-level site's jar");
    };
    assert_eq!(site.to_string(), "https://example.org");
}

#[test]
fn cookies_expire_with_time_as_an_input() {
    static SET: &[&str] = &[
        "short=1; Secure; Path=/; Max-Age=10",
        "dated=1; Secure; Path=/; Expires=Fri, 01 Jan 2100 00:00:00 GMT",
        "session=1; Secure; Path=/",
    ];
    let mut browser = Browser::new(Engine::Spec);
    // Time::ZERO is 2099-12-31T23:59:50Z: `dated` lives 10 s too.
    browser
        .cookies_mut()
        .set_date_at_zero(UNIX_EPOCH + Duration::from_secs(4_102_444_800 - 10));
    let mut at = |secs| {
        let seed = if secs == 0 { "seed" } else { "read" };
        let init = RequestInit::new(format!("{BANK}{seed}"));
        let exchange = browser
            .fetch_with(&page(BANK), init, Time::from_secs(secs), bank(SET))
            .unwrap();
        cookies(&exchange).remove(0)
    };
    assert_eq!(at(0), None);
    assert_eq!(at(9).as_deref(), Some("short=1; dated=1; session=1"));
    assert_eq!(at(10).as_deref(), Some("session=1"));
}

#[test]
fn the_store_is_bounded() {
    static MANY: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let many = MANY.get_or_init(|| {
        (0..400)
            .map(|i| &*Box::leak(format!("c{i}=1; Secure; Path=/").into_boxed_str()))
            .collect()
    });
    let mut browser = Browser::new(Engine::Chromium);
    browser
        .fetch_with(
            &page(BANK),
            RequestInit::new(format!("{BANK}seed")),
            Time::ZERO,
            bank(many),
        )
        .unwrap();
    assert_eq!(
        browser.cookies().len(),
        browser.profile().cookies.cookies_per_host_limit
    );
    // The most recently set ones stay.
    assert!(browser.cookies().cookies().any(|c| c.name() == b"c399"));
    assert!(!browser.cookies().cookies().any(|c| c.name() == b"c0"));
}

#[cfg(feature = "proptest")]
mod properties {
    //! Whatever the pages, credentials modes, methods and cookies: a request with credentials
    //! `omit` never carries a cookie, and a CORS-preflight request never does.

    use super::*;
    use cors_sim::CredentialsMode;
    use cors_sim::testing::strategies::profile;
    use proptest::prelude::*;

    const PAGES: [&str; 6] = [
        BANK,
        APP,
        ATTACKER,
        "http://bank.example.com/",
        "http://localhost:3000/",
        "https://api.example.com/",
    ];
    const URLS: [&str; 5] = [
        "https://bank.example.com/seed",
        "https://bank.example.com/a/read",
        "http://bank.example.com/seed",
        "https://api.example.com/seed",
        "http://localhost:3000/seed",
    ];
    const COOKIES: &[&str] = &[
        "a=1",
        "b=1; Secure; SameSite=None; Path=/",
        "c=1; SameSite=Lax; Domain=example.com",
        "d=1; Secure; SameSite=Strict; Path=/a",
        "e=1; Secure; Partitioned; SameSite=None",
        "__Host-f=1; Secure; Path=/",
    ];

    fn credentials() -> impl Strategy<Value = CredentialsMode> {
        prop_oneof![
            Just(CredentialsMode::Omit),
            Just(CredentialsMode::SameOrigin),
            Just(CredentialsMode::Include)
        ]
    }

    proptest! {
        #[test]
        fn omit_and_preflights_never_carry_cookies(
            profile in profile(),
            steps in proptest::collection::vec(
                (0..PAGES.len(), 0..URLS.len(), credentials(), any::<bool>()), 1..8),
        ) {
            let mut browser = Browser::new(profile);
            for (at, (page_at, url_at, credentials, put)) in steps.into_iter().enumerate() {
                let mut init = RequestInit::new(URLS[url_at]).credentials(credentials);
                if put {
                    init = init.method("PUT");
                }
                let Ok(exchange) = browser.fetch_with(
                    &page(PAGES[page_at]), init, Time::from_secs(at as u64), bank(COOKIES))
                else {
                    continue;
                };
                for request in &exchange.requests {
                    let carries = request.headers().contains("cookie");
                    prop_assert!(!(carries && request.is_preflight()));
                    prop_assert!(!(carries && credentials == CredentialsMode::Omit));
                    prop_assert!(!carries || request.credentials_included());
                }
            }
        }
    }
}
