//! Kind `scenario`: fetches from a document against a described server, step by step on one
//! browser, compared with what a conforming browser does.

use super::{Bytes, Checker, Mismatch, Verdict};
use crate::fetch::{Browser, Next, OutgoingRequest};
use crate::header::{HeaderList, HeaderValue};
use crate::origin::Origin;
use crate::profile::Profile;
use crate::request::{CredentialsMode, Mode, RedirectMode, RequestInit};
use crate::time::Time;
use http::HeaderName;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::time::Duration;
use url::Url;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Scenario {
    origin: String,
    server: Server,
    steps: Vec<Step>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Server {
    routes: Vec<Route>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Route {
    method: String,
    url: String,
    status: u16,
    #[serde(default)]
    headers: Vec<(String, Bytes)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    #[serde(default)]
    at: f64,
    request: StepRequest,
    #[serde(default)]
    expect: StepExpect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepRequest {
    #[serde(default)]
    method: Option<String>,
    url: String,
    #[serde(default)]
    headers: Vec<(String, Bytes)>,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    credentials: Option<String>,
    #[serde(default)]
    redirect: Option<String>,
    #[serde(default)]
    use_cors_preflight: bool,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StepExpect {
    result: Option<String>,
    #[serde(rename = "type")]
    response_type: Option<String>,
    status: Option<u16>,
    exposed_headers: Option<Vec<String>>,
    preflight: Option<bool>,
    requests: Option<Vec<ExpectedRequest>>,
    error: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedRequest {
    method: Option<String>,
    url: Option<String>,
    #[serde(default)]
    headers: BTreeMap<String, Option<String>>,
}

/// What one step did.
struct StepResult {
    requests: Vec<OutgoingRequest>,
    result: &'static str,
    response_type: Option<&'static str>,
    status: Option<u16>,
    exposed_headers: Option<Vec<String>>,
    error: Option<&'static str>,
}

/// Runs a scenario on a fresh browser with `profile`.
pub(super) fn run(scenario: Scenario, profile: Profile) -> Verdict {
    match run_checked(&scenario, profile) {
        Ok(checker) => checker.verdict(),
        Err(message) => Verdict::Failed(vec![Mismatch::malformed(message)]),
    }
}

fn run_checked(scenario: &Scenario, profile: Profile) -> Result<Checker, String> {
    let origin = if scenario.origin == "null" {
        Origin::new_opaque()
    } else {
        Origin::parse(scenario.origin.as_bytes())
            .map_err(|_| format!("`origin` {:?} is not a serialized origin", scenario.origin))?
    };
    let routes = scenario
        .server
        .routes
        .iter()
        .map(|route| Ok((route, parse_url(&route.url)?)))
        .collect::<Result<Vec<_>, String>>()?;
    let mut browser = Browser::new(profile);
    let mut checker = Checker::default();
    for (index, step) in scenario.steps.iter().enumerate() {
        if !(step.at.is_finite() && step.at >= 0.0 && step.at < 1e12) {
            return Err(format!(
                "step {index}: `at` must be a number of seconds ≥ 0"
            ));
        }
        let now = Time::from_offset(Duration::from_secs_f64(step.at));
        let init = request_init(&step.request).map_err(|e| format!("step {index}: {e}"))?;
        let result = fetch(&mut browser, &origin, init, now, &routes)?;
        checker.step = Some(index);
        compare(&mut checker, &step.expect, &result);
    }
    Ok(checker)
}

fn parse_url(url: &str) -> Result<Url, String> {
    Url::parse(url).map_err(|e| format!("{url:?} is not a URL: {e}"))
}

fn request_init(request: &StepRequest) -> Result<RequestInit, String> {
    let mut init = RequestInit::new(request.url.clone());
    if let Some(method) = &request.method {
        init = init.method(method);
    }
    for (name, value) in &request.headers {
        init = init.header(name, value.decode()?);
    }
    init.mode = match request.mode.as_deref() {
        None | Some("cors") => Mode::Cors,
        Some("no-cors") => Mode::NoCors,
        Some("same-origin") => Mode::SameOrigin,
        Some("navigate") => Mode::Navigate,
        Some(other) => return Err(format!("unknown mode {other:?}")),
    };
    init.credentials = match request.credentials.as_deref() {
        None | Some("same-origin") => CredentialsMode::SameOrigin,
        Some("omit") => CredentialsMode::Omit,
        Some("include") => CredentialsMode::Include,
        Some(other) => return Err(format!("unknown credentials mode {other:?}")),
    };
    init.redirect = match request.redirect.as_deref() {
        None | Some("follow") => RedirectMode::Follow,
        Some("error") => RedirectMode::Error,
        Some("manual") => RedirectMode::Manual,
        Some(other) => return Err(format!("unknown redirect mode {other:?}")),
    };
    Ok(init.use_cors_preflight(request.use_cors_preflight))
}

/// Runs one step's fetch against the routes.
fn fetch(
    browser: &mut Browser,
    origin: &Origin,
    init: RequestInit,
    now: Time,
    routes: &[(&Route, Url)],
) -> Result<StepResult, String> {
    let xhr = init.use_cors_preflight;
    let mut requests = Vec::new();
    let mut next = match browser.fetch(origin, init, now) {
        Ok(next) => next,
        // The Request constructor threw: fetch() rejects before any request.
        Err(_) => return Ok(failed(requests, None)),
    };
    loop {
        match next {
            Next::Send(pending) => {
                let (status, headers) = answer(pending.request(), routes)?;
                requests.push(pending.request().clone());
                next = pending.respond_with(status, headers, now);
            }
            Next::Done(Err(error)) => return Ok(failed(requests, Some(error.error.name()))),
            Next::Done(Ok(response)) => {
                return Ok(StepResult {
                    requests,
                    result: "ok",
                    // XMLHttpRequest has no response type.
                    response_type: (!xhr).then(|| response.response_type().as_str()),
                    status: Some(response.status()),
                    exposed_headers: Some(response.exposed_header_names()),
                    error: None,
                });
            }
        }
    }
}

fn failed(requests: Vec<OutgoingRequest>, error: Option<&'static str>) -> StepResult {
    StepResult {
        requests,
        result: "network-error",
        response_type: None,
        status: None,
        exposed_headers: None,
        error,
    }
}

/// The first route whose method and URL match answers; else 404 with no headers. Placeholders
/// in header values stand for the request's own headers.
fn answer(
    request: &OutgoingRequest,
    routes: &[(&Route, Url)],
) -> Result<(u16, HeaderList), String> {
    let mut url = request.url().clone();
    url.set_fragment(None);
    let Some((route, _)) = routes.iter().find(|(route, route_url)| {
        (route.method == "*" || route.method == request.method().as_str()) && *route_url == url
    }) else {
        return Ok((404, HeaderList::new()));
    };
    let mut headers = HeaderList::new();
    for (name, value) in &route.headers {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| format!("route header name {name:?} is not a token"))?;
        let mut value = value.decode()?;
        for (placeholder, header) in [
            (&b"{{origin}}"[..], "origin"),
            (b"{{request-method}}", "access-control-request-method"),
            (b"{{request-headers}}", "access-control-request-headers"),
        ] {
            if value.windows(placeholder.len()).any(|w| w == placeholder) {
                let replacement = request_header(request, header).unwrap_or_default();
                value = replace(&value, placeholder, replacement.as_bytes());
            }
        }
        let value = HeaderValue::normalize(&value)
            .map_err(|_| format!("route header {name} has an invalid value"))?;
        headers.append(name, value);
    }
    Ok((route.status, headers))
}

fn replace(haystack: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut rest = haystack;
    while let Some(at) = rest.windows(needle.len()).position(|w| w == needle) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(with);
        rest = &rest[at + needle.len()..];
    }
    out.extend_from_slice(rest);
    out
}

fn request_header(request: &OutgoingRequest, name: &str) -> Option<String> {
    let name = HeaderName::from_bytes(name.as_bytes()).ok()?;
    let value = request.headers().get(&name)?;
    Some(String::from_utf8_lossy(&value).into_owned())
}

fn compare(checker: &mut Checker, expect: &StepExpect, got: &StepResult) {
    checker.check("result", expect.result.as_deref(), got.result);
    checker.check(
        "type",
        expect.response_type.as_deref(),
        got.response_type.unwrap_or("(none)"),
    );
    checker.check("status", expect.status, got.status.unwrap_or(0));
    checker.check(
        "exposed_headers",
        expect.exposed_headers.clone(),
        got.exposed_headers.clone().unwrap_or_default(),
    );
    checker.check(
        "preflight",
        expect.preflight,
        got.requests.iter().any(OutgoingRequest::is_preflight),
    );
    checker.check(
        "error",
        expect.error.as_deref(),
        got.error.unwrap_or("(none)"),
    );
    let Some(expected) = &expect.requests else {
        return;
    };
    checker.check("requests.length", Some(expected.len()), got.requests.len());
    for (i, (expected, sent)) in expected.iter().zip(&got.requests).enumerate() {
        checker.check(
            &format!("requests[{i}].method"),
            expected.method.as_deref(),
            sent.method().as_str(),
        );
        let url = expected
            .url
            .as_deref()
            .map(|u| parse_url(u).map(String::from).unwrap_or(u.to_owned()));
        checker.check(
            &format!("requests[{i}].url"),
            url.as_deref(),
            sent.url().as_str(),
        );
        for (name, value) in &expected.headers {
            checker.check(
                &format!("requests[{i}].headers.{name}"),
                Some(value.clone()),
                request_header(sent, name),
            );
        }
    }
}
