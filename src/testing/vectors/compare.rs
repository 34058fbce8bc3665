//! Kind `scenario`: runs the scenario under the vector's profile and compares each step with
//! what it expects.

use super::verdict::{Checker, Mismatch, Verdict};
use crate::fetch::{Browser, Exchange};
use crate::profile::Engine;
use crate::request::{OutgoingRequest, RequestError};
use crate::testing::scenario::{Expect, Outcome, Prepared, Scenario};
use http::HeaderName;
use std::borrow::Cow;
use std::fmt;
use url::Url;

/// Runs `scenario` on a fresh browser of `engine`'s profile, untraced; when a step does not go
/// as expected, runs it again with its trace, to say why. The traced run's mismatches carry the
/// trace; should it pass where the untraced run failed, the failure stands.
pub(super) fn run_scenario(scenario: &Scenario, prepared: &Prepared, engine: Engine) -> Verdict {
    let run = |browser: &mut Browser| run_in(scenario, prepared, browser);
    match run(&mut Browser::new(engine.profile())) {
        Verdict::Failed(untraced) => match run(&mut Browser::new(engine.profile()).trace(true)) {
            Verdict::Failed(traced) => Verdict::Failed(traced),
            _ => Verdict::Failed(untraced),
        },
        verdict => verdict,
    }
}

fn run_in(scenario: &Scenario, prepared: &Prepared, browser: &mut Browser) -> Verdict {
    let mut checker = Checker::default();
    for (index, (step, result)) in scenario
        .steps
        .iter()
        .zip(scenario.run_prepared(prepared, browser))
        .enumerate()
    {
        checker.step = Some(index);
        match result {
            Err(not_modelled) => {
                return Verdict::Failed(vec![Mismatch {
                    step: Some(index),
                    ..Mismatch::malformed(format!("this runner cannot run it: {not_modelled}"))
                }]);
            }
            Ok(outcome) => compare(
                &mut checker,
                &step.expect,
                prepared.expected_header_names(index),
                step.request.use_cors_preflight,
                &outcome,
            ),
        }
    }
    checker.verdict()
}

/// Compares one step's outcome with its expectations (`names`: the names of the headers each
/// expected request states, parsed once; `xhr`: the step used `XMLHttpRequest`, whose response
/// has no type); the first mismatch of the step carries what happened in it.
fn compare(
    checker: &mut Checker,
    expect: &Expect,
    names: &[Vec<Option<HeaderName>>],
    xhr: bool,
    got: &Result<Exchange, RequestError>,
) {
    let before = checker.mismatches.len();
    let (requests, result) = match got {
        Ok(exchange) => (exchange.requests.as_slice(), Some(&exchange.result)),
        // The Request constructor threw: fetch() rejects before any request.
        Err(_) => (&[][..], None),
    };
    let response = result.and_then(|result| result.as_ref().ok());
    let outcome = if response.is_some() {
        Outcome::Ok
    } else {
        Outcome::NetworkError
    };
    checker.check(
        "result",
        expect.result.map(Outcome::as_str),
        outcome.as_str(),
    );
    checker.check(
        "type",
        expect.response_type.map(|t| t.as_str()),
        response
            .filter(|_| !xhr)
            .map_or("(none)", |r| r.response_type().as_str()),
    );
    checker.check("status", expect.status, response.map_or(0, |r| r.status()));
    if let Some(expected) = &expect.exposed_headers {
        checker.check(
            "exposed_headers",
            Some(expected),
            &response
                .map(|r| r.exposed_header_names())
                .unwrap_or_default(),
        );
    }
    checker.check(
        "preflight",
        expect.preflight,
        requests.iter().any(OutgoingRequest::is_preflight),
    );
    let error = result.and_then(|result| result.as_ref().err());
    checker.check(
        "error",
        expect.error.as_deref(),
        error.map_or("(none)", |e| e.reason.name()),
    );
    if let Some(expected) = &expect.requests {
        checker.check("requests.length", Some(expected.len()), requests.len());
        for (i, (expected, sent)) in expected.iter().zip(requests).enumerate() {
            checker.check(
                format_args!("requests[{i}].method"),
                expected.method.as_deref(),
                sent.method().as_str(),
            );
            // The vector's URL as the URL parser serializes it, unless it is so already.
            let url = expected.url.as_deref().map(|u| {
                if u == sent.url().as_str() {
                    return Cow::Borrowed(u);
                }
                Url::parse(u).map_or(Cow::Borrowed(u), |url| Cow::Owned(url.into()))
            });
            checker.check(
                format_args!("requests[{i}].url"),
                url.as_deref(),
                sent.url().as_str(),
            );
            // Prepared from this very scenario (see `Vector::run`): one name per header.
            let parsed = names.get(i).map_or(&[][..], Vec::as_slice);
            debug_assert_eq!(parsed.len(), expected.headers.len());
            for (j, (name, value)) in expected.headers.iter().enumerate() {
                let parsed = parsed.get(j).and_then(Option::as_ref);
                let got = parsed.and_then(|name| sent.headers().get(name));
                checker.check(
                    format_args!("requests[{i}].headers.{name}"),
                    Some(value.as_deref().map(|v| Value(v.as_bytes()))),
                    got.as_deref().map(Value),
                );
            }
        }
    }
    if let (Some(first), Ok(exchange)) = (checker.mismatches.get_mut(before), got) {
        first.detail = Some(detail(exchange));
    }
}

/// A header value, compared as bytes and shown as text (bytes that are not UTF-8 as U+FFFD).
#[derive(PartialEq)]
struct Value<'a>(&'a [u8]);

impl fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&String::from_utf8_lossy(self.0), f)
    }
}

/// What happened in a step, for a person: why the fetch was blocked or allowed.
fn detail(exchange: &Exchange) -> String {
    let mut text = match &exchange.result {
        Ok(response) => format!(
            "allowed: a `{}` response, status {}",
            response.response_type(),
            response.status()
        ),
        Err(error) => format!(
            "blocked: {}\nconsole: {}\nfix: {}",
            error.reason.name(),
            error.console_message(),
            error.fix()
        ),
    };
    if let Some(trace) = &exchange.trace {
        text.push_str(&format!("\nwhy:\n{trace}"));
    }
    text
}
