//! Lints that scanners miss and browsers care about, from every answer the audit got: a
//! reflecting response without `Vary: Origin`, more than one `Access-Control-Allow-Origin`,
//! `Access-Control-Allow-Credentials` other than `true`, `*` with credentials, `Authorization`
//! allowed only by `Access-Control-Allow-Headers: *`, and an allowed origin's own preflight
//! failing.

use super::attack::{Answer, Attempt};
use super::report::{Example, Finding};
use super::severity::Severity;
use crate::advice::Intent;
use crate::error::Reason;
use crate::fetch::Reply;
use crate::header::HeaderList;
use crate::request::OutgoingRequest;

/// The profile field that lets `*` cover `Authorization`.
const WILDCARD_AUTHORIZATION: &str = "preflight.wildcard_covers_authorization";

/// Lints over `answers` (each distinct request and what it got) and over the attempts of the
/// allowed origins' pages, each `(browser, origin, attempt)`.
pub(crate) fn lints(
    answers: &[(OutgoingRequest, Answer)],
    allowed: &[(&'static str, String, Attempt)],
) -> Vec<Finding> {
    let mut found: Vec<Finding> = Vec::new();
    let mut add = |finding: Finding| {
        // One finding per rule, but for each allowed origin's failing preflight.
        let per_title = finding.rule == "allowed-origin-preflight-fails";
        if !found
            .iter()
            .any(|f| f.rule == finding.rule && (!per_title || f.title == finding.title))
        {
            found.push(finding);
        }
    };
    for (request, answer) in answers {
        let Ok(Reply::Response { status, headers }) = answer else {
            continue;
        };
        let example = || Example {
            request: request.clone(),
            status: *status,
            headers: headers.clone(),
        };
        let allow_origin = allow_origins(headers);
        let credentials = headers.get_str("access-control-allow-credentials");
        let origin = request.headers().get_str("origin");
        let reflects = origin
            .as_deref()
            .is_some_and(|origin| allow_origin.len() == 1 && allow_origin[0] == origin);
        if allow_origin.len() > 1 || (!reflects && allow_origin.iter().any(|v| v.contains(','))) {
            let value = allow_origin.join(", ");
            add(lint(
                "multiple-allow-origin",
                format!("More than one Access-Control-Allow-Origin value (`{value}`)"),
                "Browsers accept exactly one origin (or `*`): with more than one value every \
                 origin is refused, so this is broken, not exploitable. Scanners that look for \
                 their origin as a substring of the header report it as a hole.",
                "Send a single value: the request's `Origin` when it is on your allow-list, and \
                 check that no proxy or framework adds the header a second time.",
                example(),
            ));
        }
        if let Some(value) = credentials.as_deref().filter(|v| *v != "true") {
            add(lint(
                "allow-credentials-not-true",
                format!("Access-Control-Allow-Credentials is `{value}`, not `true`"),
                "Browsers need the exact value `true`: any other value fails every request with \
                 credentials, so no credentialed read happens. Scanners that compare it \
                 case-insensitively, or only see that it is there, report a hole no browser \
                 opens.",
                "Send `Access-Control-Allow-Credentials: true` exactly, for the origins that \
                 need credentials, or drop the header.",
                example(),
            ));
        }
        if allow_origin == ["*"] && credentials.as_deref() == Some("true") {
            add(lint(
                "wildcard-with-credentials",
                "Access-Control-Allow-Origin `*` with Access-Control-Allow-Credentials `true`"
                    .to_owned(),
                "`*` never covers a request with credentials: those fail in every browser \
                 (broken, not exploitable), and requests without credentials read the response \
                 as public data.",
                "For public data, drop Access-Control-Allow-Credentials; for credentialed \
                 requests, answer each allowed origin with itself instead of `*`, with \
                 `Vary: Origin`.",
                example(),
            ));
        }
        if reflects
            && !request.is_preflight()
            && !varies_by_origin(headers)
            && depends_on_origin(answers, request, &allow_origin)
        {
            add(Finding {
                severity: Severity::Low,
                ..lint(
                    "vary-origin-missing",
                    "A response that reflects the Origin has no `Vary: Origin`".to_owned(),
                    "Its Access-Control-Allow-Origin depends on the request's Origin, but \
                     nothing tells caches so: a shared cache (a CDN, a proxy) or the browser's \
                     own cache can serve one origin's answer to another, letting that origin \
                     in or locking your own frontend out (Fetch, \"CORS protocol and HTTP \
                     caches\").",
                    "Add `Vary: Origin` to every response whose CORS headers depend on the \
                     request's Origin, those that send none included.",
                    example(),
                )
            });
        }
    }
    for (browser, origin, attempt) in allowed {
        if let Some(finding) = wildcard_authorization(browser, attempt, answers) {
            add(finding);
        }
        if let Some(finding) = failing_preflight(origin, attempt, answers) {
            add(finding);
        }
    }
    found
}

/// A lint finding of severity info.
fn lint(rule: &'static str, title: String, detail: &str, fix: &str, example: Example) -> Finding {
    Finding {
        rule,
        severity: Severity::Info,
        title,
        detail: detail.to_owned(),
        fix: fix.to_owned(),
        example: Some(example),
        ..Finding::default()
    }
}

/// The `Access-Control-Allow-Origin` values of a response.
fn allow_origins(headers: &HeaderList) -> Vec<String> {
    headers
        .values("access-control-allow-origin")
        .map(|v| String::from_utf8_lossy(v).into_owned())
        .collect()
}

/// Whether another origin's request to the same URL got another Access-Control-Allow-Origin
/// (or none) than `allow_origin`: the answer depends on the Origin.
fn depends_on_origin(
    answers: &[(OutgoingRequest, Answer)],
    request: &OutgoingRequest,
    allow_origin: &[String],
) -> bool {
    answers.iter().any(|(other, answer)| {
        let Ok(Reply::Response { headers, .. }) = answer else {
            return false;
        };
        !other.is_preflight()
            && other.url() == request.url()
            && other.headers().get("origin") != request.headers().get("origin")
            && allow_origins(headers) != allow_origin
    })
}

/// Whether the response's `Vary` names `Origin` (or is `*`).
fn varies_by_origin(headers: &HeaderList) -> bool {
    headers
        .get_decode_split("vary")
        .unwrap_or_default()
        .iter()
        .any(|name| name == "*" || name.eq_ignore_ascii_case("origin"))
}

/// The example of a request: what it got, where it was sent.
fn example_of(answers: &[(OutgoingRequest, Answer)], request: &OutgoingRequest) -> Example {
    let (status, headers) = answers
        .iter()
        .find(|(sent, _)| sent == request)
        .and_then(|(_, answer)| match answer {
            Ok(Reply::Response { status, headers }) => Some((*status, headers.clone())),
            _ => None,
        })
        .unwrap_or_default();
    Example {
        request: request.clone(),
        status,
        headers,
    }
}

/// `Authorization` let through only by the engine's reading of `Access-Control-Allow-Headers: *`.
fn wildcard_authorization(
    browser: &str,
    attempt: &Attempt,
    answers: &[(OutgoingRequest, Answer)],
) -> Option<Finding> {
    let trace = attempt.exchange.trace.as_ref()?;
    // Let through: read, or (an allowed origin's write, never sent) its preflight passed.
    let through = attempt.readable || attempt.not_sent;
    if !through || !trace.departures().any(|f| f == WILDCARD_AUTHORIZATION) {
        return None;
    }
    let preflight = attempt.exchange.preflight()?;
    Some(Finding {
        rule: "authorization-by-wildcard",
        severity: Severity::Info,
        title: "Authorization is allowed only through Access-Control-Allow-Headers `*`".to_owned(),
        detail: format!(
            "The standard's `*` covers every header but `Authorization`; today's engines let it \
             through ({browser} here: profile field `{WILDCARD_AUTHORIZATION}`), so it works, \
             but a browser that follows the standard blocks the request."
        ),
        fix: "List `Authorization` by name in Access-Control-Allow-Headers (`*, Authorization` \
              keeps the rest)."
            .to_owned(),
        example: Some(example_of(answers, preflight)),
        ..Finding::default()
    })
}

/// An allowed origin's preflight that fails for a reason the owner must fix: a redirect, a
/// status that is not 2xx, a method missing from Access-Control-Allow-Methods.
fn failing_preflight(
    origin: &str,
    attempt: &Attempt,
    answers: &[(OutgoingRequest, Answer)],
) -> Option<Finding> {
    let error = attempt.exchange.result.as_ref().err()?;
    let what = match &error.reason {
        Reason::PreflightDisallowedRedirect { status } => format!("is redirected ({status})"),
        Reason::PreflightInvalidStatus { status } => format!("gets status {status}"),
        Reason::MethodDisallowedByPreflightResponse { method } => {
            format!("does not allow {method}")
        }
        _ => return None,
    };
    let preflight = attempt.exchange.preflight()?;
    Some(Finding {
        rule: "allowed-origin-preflight-fails",
        severity: Severity::Info,
        title: format!(
            "The preflight of an allowed origin ({origin}) {what}: {} fails",
            attempt.kind.name()
        ),
        detail: format!("{}: {}", error.reason.name(), error.reason),
        fix: error.fix_for(Intent::Allowed),
        example: Some(example_of(answers, preflight)),
        ..Finding::default()
    })
}
