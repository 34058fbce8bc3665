//! Property-based conformance: the invariants the fuzz targets check
//! (`cors_sim::testing::invariants`, so both hold the library to the same rules), fed by the
//! crate's own proptest strategies, and four metamorphic relations between scenarios that differ
//! in one respect.
//!
//! Every property runs a fixed number of cases from a fixed seed, so a CI run always does the
//! same work; a failure is shrunk and its seed kept in `proptest-regressions/properties.txt`,
//! which later runs replay first.

use cors_sim::fetch::{Browser, Exchange};
use cors_sim::origin::Origin;
use cors_sim::profile::Profile;
use cors_sim::request::{CredentialsMode, RequestInit};
use cors_sim::response::ResponseType;
use cors_sim::testing::invariants::{self, CacheOp};
use cors_sim::testing::strategies::{self, profile};
use cors_sim::testing::{Route, Scenario, Server, StepResult, document_at};
use cors_sim::time::Time;
use http::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::{
    Config, FileFailurePersistence, RngAlgorithm, RngSeed, TestCaseResult, TestRunner,
};
use std::cell::Cell;
use std::time::Duration;

/// Cases per property.
const CASES: u32 = 256;

/// Runs `test` on `CASES` values of `strategy` from a fixed seed, keeping failures in
/// `proptest-regressions/properties.txt` (relative to the package, where cargo runs tests).
fn check<S: Strategy>(strategy: S, test: impl Fn(S::Value) -> TestCaseResult) {
    let config = Config {
        cases: CASES,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(0xC0125),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/properties.txt",
        ))),
        ..Config::default()
    };
    if let Err(failure) = TestRunner::new(config).run(&strategy, test) {
        panic!("{failure}");
    }
}

/// Whether script could read the response.
fn allowed(outcome: &StepResult) -> bool {
    matches!(outcome, Ok(Ok(Exchange { result: Ok(_), .. })))
}

/// Every route of the scenario's servers (its own and its steps'), to change.
fn routes(scenario: &mut Scenario) -> impl Iterator<Item = &mut Route> {
    let steps = scenario
        .steps
        .iter_mut()
        .filter_map(|step| step.server.as_mut());
    scenario
        .server
        .routes
        .iter_mut()
        .chain(steps.flat_map(|server| server.routes.iter_mut()))
}

// Invariants.

#[test]
fn scenarios_keep_every_invariant() {
    let preflighted = Cell::new(0);
    let readable_cors = Cell::new(0);
    check(
        (profile(), strategies::scenario()),
        |(profile, scenario)| {
            let results = invariants::check_scenario(&profile, &scenario);
            for exchange in results.iter().flatten().flatten() {
                preflighted.set(preflighted.get() + usize::from(exchange.preflighted()));
                let cors =
                    matches!(&exchange.result, Ok(r) if r.response_type() == ResponseType::Cors);
                readable_cors.set(readable_cors.get() + usize::from(cors));
            }
            Ok(())
        },
    );
    // The strategies reach the interesting parts of the model.
    assert!(preflighted.get() >= 100, "{} preflights", preflighted.get());
    assert!(
        readable_cors.get() >= 20,
        "{} CORS responses",
        readable_cors.get()
    );
}

#[test]
fn origins_round_trip() {
    check(
        (strategies::origin(), strategies::url()),
        |(origin, url)| {
            invariants::check_origin_text(origin.ascii_serialization().as_bytes());
            invariants::check_origin_text(url.as_bytes());
            if let Origin::Tuple(_) = origin {
                let text = format!("{}/\n{url}", origin.ascii_serialization());
                invariants::check_origin_text(text.as_bytes());
            }
            Ok(())
        },
    );
}

#[test]
fn response_headers_read_as_the_standard_says() {
    check(strategies::header_list(), |list| {
        invariants::check_response_headers(&list);
        Ok(())
    });
}

#[test]
fn request_headers_classify_as_the_standard_says() {
    let header = (strategies::header_name(), strategies::header_value())
        .prop_map(|(name, value)| (name.into_bytes(), value));
    check(vec(header, 0..10), |headers| {
        invariants::check_request_headers(&headers);
        Ok(())
    });
}

#[test]
fn the_cache_keeps_to_the_standard_and_its_bound() {
    let max_age = prop_oneof![
        (0u64..20).prop_map(Duration::from_secs),
        Just(Duration::ZERO),
        Just(Duration::MAX),
    ];
    let at = (0u64..8).prop_map(Duration::from_secs);
    // A few methods and header names, and a few of the generated names `x-0`, `x-1`, ….
    let item = prop_oneof![
        0u16..8,
        invariants::GENERATED_NAMES..invariants::GENERATED_NAMES + 8
    ];
    let op = (0u8..7, any::<u8>(), item, max_age, at).prop_map(|(kind, key, item, max_age, at)| {
        match kind {
            0 => CacheOp::StoreMethod {
                key,
                item,
                max_age,
                at,
            },
            1 => CacheOp::StoreHeaderName {
                key,
                item,
                max_age,
                at,
            },
            2 => CacheOp::MethodMatch { key, item, at },
            3 => CacheOp::HeaderNameMatch { key, item, at },
            4 => CacheOp::ClearEntries { key },
            5 => CacheOp::StoreHeaderNames {
                key,
                count: item % 16,
                max_age,
                at,
            },
            _ => CacheOp::Clear,
        }
    });
    let capacity = proptest::option::of(0usize..6);
    check(
        (capacity, 0u8..16, vec(op, 0..60)),
        |(capacity, rules, ops)| {
            invariants::check_cache_ops(invariants::cache_policy(capacity, rules), &ops);
            Ok(())
        },
    );
}

// Relations.

const EXTRA_METHODS: [&str; 4] = ["PUT", "PATCH", "patch", "*"];
const EXTRA_NAMES: [&str; 4] = ["X-Custom", "authorization", "content-type", "*"];

/// Adding a method or a header name to the server's allow lists never turns an allowed fetch
/// into a blocked one.
///
/// One exception is the standard's own: "CORS-preflight fetch" step 7.4 lets a preflight made
/// because of the use-CORS-preflight flag (`XMLHttpRequest` with upload listeners) treat a
/// missing `Access-Control-Allow-Methods` as allowing the request's method, so giving that
/// answer a first `Access-Control-Allow-Methods` can block the request
/// ([`a_first_allow_methods_can_block_a_flagged_preflight`]). A method is therefore added only
/// to answers that list methods already, or to all when no step sets the flag.
#[test]
fn adding_to_the_allow_lists_never_blocks() {
    let compared = Cell::new(0);
    let strategy = (
        (profile(), strategies::scenario()),
        select(&EXTRA_METHODS[..]),
        select(&EXTRA_NAMES[..]),
    );
    check(strategy, |((profile, scenario), method, name)| {
        let flagged = scenario.steps.iter().any(|s| s.request.use_cors_preflight);
        let mut more = scenario.clone();
        for route in routes(&mut more) {
            let lists_methods = route
                .headers
                .iter()
                .any(|(n, _)| n == ACCESS_CONTROL_ALLOW_METHODS);
            if lists_methods || !flagged {
                route
                    .headers
                    .push((ACCESS_CONTROL_ALLOW_METHODS, method.into()));
            }
            route
                .headers
                .push((ACCESS_CONTROL_ALLOW_HEADERS, name.into()));
        }
        let before = invariants::check_scenario(&profile, &scenario);
        let after = invariants::check_scenario(&profile, &more);
        for (step, (before, after)) in before.iter().zip(&after).enumerate() {
            if allowed(before) {
                compared.set(compared.get() + 1);
                prop_assert!(allowed(after), "step {step}: {after:?}");
            }
        }
        Ok(())
    });
    assert!(compared.get() >= 60, "{} allowed steps", compared.get());
}

/// The exception to [`adding_to_the_allow_lists_never_blocks`], as the standard words it.
#[test]
fn a_first_allow_methods_can_block_a_flagged_preflight() {
    let page = document_at(&Origin::parse(b"http://page.example").unwrap());
    let mut server = Server::new(vec![Route::new(
        None,
        url::Url::parse("http://api.example/data").unwrap(),
        204,
        vec![(ACCESS_CONTROL_ALLOW_ORIGIN, "{{origin}}".into())],
    )]);
    let xhr = RequestInit::new("http://api.example/data")
        .method("PATCH")
        .use_cors_preflight(true);
    let fetch = |server: &Server| {
        let mut browser = Browser::new(Profile::spec());
        let exchange = server
            .fetch(&mut browser, &page, xhr.clone(), Time::ZERO)
            .unwrap();
        assert!(exchange.preflighted());
        exchange.result.map_err(|e| e.reason.name())
    };
    assert!(fetch(&server).is_ok(), "methods null: the request's method");
    server.routes[0]
        .headers
        .push((ACCESS_CONTROL_ALLOW_METHODS, "PUT".into()));
    assert_eq!(
        fetch(&server).unwrap_err(),
        "MethodDisallowedByPreflightResponse"
    );
}

/// Removing `Access-Control-Allow-Origin` from any one route's answers never turns a blocked
/// fetch into an allowed one.
#[test]
fn removing_allow_origin_never_allows() {
    let compared = Cell::new(0);
    check(
        ((profile(), strategies::scenario()), any::<Index>()),
        |((profile, scenario), route)| {
            let mut fewer = scenario.clone();
            let routes = &mut fewer.server.routes;
            if !routes.is_empty() {
                let index = route.index(routes.len());
                routes[index]
                    .headers
                    .retain(|(name, _)| name != ACCESS_CONTROL_ALLOW_ORIGIN);
            }
            let before = invariants::check_scenario(&profile, &scenario);
            let after = invariants::check_scenario(&profile, &fewer);
            for (step, (before, after)) in before.iter().zip(&after).enumerate() {
                if !allowed(before) {
                    compared.set(compared.get() + 1);
                    prop_assert!(!allowed(after), "step {step}: {after:?}");
                }
            }
            Ok(())
        },
    );
    assert!(compared.get() >= 200, "{} blocked steps", compared.get());
}

/// `bytes` with the letter case of each ASCII letter flipped where `flips` says, outside
/// `{{…}}` placeholders.
fn flip_case(bytes: &[u8], flips: &[bool]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut in_placeholder = false;
    for (i, &b) in bytes.iter().enumerate() {
        if bytes[i..].starts_with(b"{{") {
            in_placeholder = true;
        } else if i >= 2 && bytes[..i].ends_with(b"}}") {
            in_placeholder = false;
        }
        let flip = !in_placeholder && flips.get(i % flips.len().max(1)) == Some(&true);
        out.push(match flip {
            true if b.is_ascii_lowercase() => b.to_ascii_uppercase(),
            true if b.is_ascii_uppercase() => b.to_ascii_lowercase(),
            _ => b,
        });
    }
    out
}

/// What script and the server can tell of an outcome, leaving out the bytes of header values
/// that name headers (which the relation below changes): the requests sent, and whether the
/// fetch threw (and which `TypeError`), failed (and why) or gave a response (its type, status
/// and the names of the headers script can read).
fn observed(outcome: &StepResult) -> String {
    match outcome {
        Err(not_modelled) => not_modelled.to_string(),
        Ok(Err(error)) => {
            let debug = format!("{error:?}");
            format!("threw {}", debug.split('(').next().unwrap_or_default())
        }
        Ok(Ok(exchange)) => {
            let result = match &exchange.result {
                Ok(response) => format!(
                    "{:?} {} {:?}",
                    response.response_type(),
                    response.status(),
                    response.exposed_header_names()
                ),
                Err(error) => error.reason.name().to_owned(),
            };
            format!("{:?} {result}", exchange.requests)
        }
    }
}

/// Changing only the letter case of header names — those script sets, and those the server
/// lists in `Access-Control-Allow-Headers` and `-Expose-Headers` — never changes an outcome.
#[test]
fn the_letter_case_of_header_names_never_matters() {
    check(
        (
            (profile(), strategies::scenario()),
            vec(any::<bool>(), 1..16),
        ),
        |((profile, scenario), flips)| {
            let mut flipped = scenario.clone();
            for step in &mut flipped.steps {
                for (name, _) in &mut step.request.headers {
                    let bytes = flip_case(name.as_bytes(), &flips);
                    *name = String::from_utf8(bytes).expect("ASCII case flips keep UTF-8");
                }
            }
            for route in routes(&mut flipped) {
                for (name, value) in &mut route.headers {
                    if *name == ACCESS_CONTROL_ALLOW_HEADERS
                        || *name == ACCESS_CONTROL_EXPOSE_HEADERS
                    {
                        value.0 = flip_case(&value.0, &flips);
                    }
                }
            }
            let before = invariants::check_scenario(&profile, &scenario);
            let after = invariants::check_scenario(&profile, &flipped);
            for (step, (before, after)) in before.iter().zip(&after).enumerate() {
                prop_assert_eq!(observed(before), observed(after), "step {}", step);
            }
            Ok(())
        },
    );
}

/// A fetch allowed with credentials mode `include` is also allowed with `omit`, the server
/// answering the same. This holds in the standard: with `include` the CORS check needs
/// `Access-Control-Allow-Origin` to be the request's origin (which `omit` accepts too, besides
/// `*`) and `Access-Control-Allow-Credentials: true` (which `omit` ignores); `*` in
/// `Access-Control-Allow-Methods` and `-Headers` is a wildcard only without credentials, and
/// literally `*` with them, which lists `*` for `omit` as well; same-origin requests and opaque
/// origins (serialized `null`, which `include` must see echoed) read no credential-dependent
/// header; and the cache entries an `include` fetch relies on come from answers that allow the
/// `omit` fetch too.
#[test]
fn allowed_with_credentials_is_allowed_without() {
    let compared = Cell::new(0);
    check(
        (profile(), strategies::scenario()),
        |(profile, scenario)| {
            let with_mode = |credentials| {
                let mut scenario = scenario.clone();
                for step in &mut scenario.steps {
                    step.request.credentials = Some(credentials);
                }
                invariants::check_scenario(&profile, &scenario)
            };
            let include = with_mode(CredentialsMode::Include);
            let omit = with_mode(CredentialsMode::Omit);
            for (step, (include, omit)) in include.iter().zip(&omit).enumerate() {
                if allowed(include) {
                    compared.set(compared.get() + 1);
                    prop_assert!(allowed(omit), "step {step}: {omit:?}");
                }
            }
            Ok(())
        },
    );
    assert!(compared.get() >= 60, "{} allowed steps", compared.get());
}
