//! The audit's report: findings ordered by severity, each with the attacker origins (grouped
//! where every browser gave them the same verdict), the requests script could read, each
//! browser's verdict and why, and the fix; then what was tried and what it cost.

use super::attack::{Attempt, AuditBrowser, RequestKind, Stats};
use super::severity::{Network, Position, Severity, grade};
use crate::advice::passed_check;
use crate::attacker::{AttackerOrigin, Trick, Unsendable};
use crate::cookie::SetCookieOutcome;
use crate::cors_check::CheckPass;
use crate::header::HeaderList;
use crate::request::OutgoingRequest;
use url::Url;

/// What an audit found.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Report {
    /// The URL audited.
    pub target: Url,
    /// The origins taken as allowed (serialized), the target's own first.
    pub allowed: Vec<String>,
    /// Whether the allowed origins were inferred (none were given).
    pub allowed_inferred: bool,
    /// The session cookie(s), as `Set-Cookie` values.
    pub cookies: Vec<String>,
    /// Where the cookies came from.
    pub cookie_source: CookieSource,
    /// What each browser's jar did with them.
    pub cookie_outcomes: Vec<(&'static str, Vec<(String, SetCookieOutcome)>)>,
    /// The browsers asked.
    pub browsers: Vec<AuditBrowser>,
    /// Where the target answers, and whether that was guessed.
    pub network: (Network, bool),
    /// Findings, the most severe first.
    pub findings: Vec<Finding>,
    /// The attacker origins tried.
    pub tried: Vec<AttackerOrigin>,
    /// The tried origins that no browser let read anything.
    pub kept_out: Vec<AttackerOrigin>,
    /// Candidates not tried: no browser can send them.
    pub unsendable: Vec<Unsendable>,
    /// Things the reader should know: what was inferred or assumed, what was ignored.
    pub notes: Vec<String>,
    /// Fetches run and requests made, sent and reused.
    pub stats: Stats,
    /// Why the target could not be audited: its own first request got no response.
    pub unreachable: Option<String>,
    /// Why the audit is incomplete: the target stopped answering, and the audit stopped
    /// sending.
    pub incomplete: Option<String>,
}

impl Report {
    /// The highest severity found, if anything was.
    pub fn severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }

    /// The findings of at least `severity`.
    pub fn at_least(&self, severity: Severity) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.severity >= severity)
    }
}

/// Where the session cookies came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CookieSource {
    /// As the user stated them.
    Given,
    /// As the target's own response set them (`Set-Cookie`).
    Server,
    /// Assumed: none was known, so the audit took the most exposed cookie the target's scheme
    /// allows.
    Assumed,
}

impl CookieSource {
    /// `given`, `server` or `assumed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Given => "given",
            Self::Server => "server",
            Self::Assumed => "assumed",
        }
    }
}

/// A finding: origins that read what they should not, or a lint.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Finding {
    /// The rule: a [`crate::attacker::Trick`] name (`arbitrary-origin`, …), what a group of
    /// tricks shares (`same-site-origins`, …), or a lint's (`vary-origin-missing`, …).
    pub rule: &'static str,
    /// The highest severity among the browsers.
    pub severity: Severity,
    /// One line.
    pub title: String,
    /// How it got in, and who can attack; or what the lint saw.
    pub detail: String,
    /// What to change.
    pub fix: String,
    /// The attacker origins with this verdict, the most telling first.
    pub origins: Vec<AttackerOrigin>,
    /// Who can have a page at those origins.
    pub position: Option<Position>,
    /// The requests script could read in some browser.
    pub requests: Vec<RequestKind>,
    /// Each browser's verdict for the first origin.
    pub engines: Vec<EngineVerdict>,
    /// For a lint: a request and what it got.
    pub example: Option<Example>,
}

/// A request and the answer a lint is about.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Example {
    /// The request.
    pub request: OutgoingRequest,
    /// The answer's status (0 when not known).
    pub status: u16,
    /// The answer's headers.
    pub headers: HeaderList,
}

/// What one browser let the attacker read, and why.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct EngineVerdict {
    /// The browser's name.
    pub browser: &'static str,
    /// The severity in this browser; `None` when script could read nothing.
    pub severity: Option<Severity>,
    /// The requests script could read.
    pub readable: Vec<RequestKind>,
    /// The most severe attempt, a credentialed one first (or, when nothing was readable, the
    /// credentialed `GET`): its cookies and trace.
    pub attempt: Option<Attempt>,
}

impl EngineVerdict {
    fn new(
        browser: &'static str,
        attempts: &[Attempt],
        position: Position,
        network: Network,
    ) -> Self {
        let graded: Vec<(Option<Severity>, &Attempt)> = attempts
            .iter()
            .map(|a| (grade(a, position, network), a))
            .collect();
        let severity = graded.iter().filter_map(|(s, _)| *s).max();
        // The most severe attempt, a credentialed one where it is as severe: its cookie says
        // most.
        let worst = |credentialed: bool| {
            graded.iter().find(|(s, a)| {
                severity.is_some() && *s == severity && a.kind.credentialed() == credentialed
            })
        };
        let shown = worst(true)
            .or_else(|| worst(false))
            .or_else(|| graded.get(1).or(graded.first()))
            .map(|(_, a)| (*a).clone());
        Self {
            browser,
            severity,
            readable: graded
                .iter()
                .filter(|(s, _)| s.is_some())
                .map(|(_, a)| a.kind)
                .collect(),
            attempt: shown,
        }
    }

    /// The verdict in one line: what script read, with which cookies, or why it was kept out.
    pub fn summary(&self) -> String {
        let Some(attempt) = &self.attempt else {
            return "not run".to_owned();
        };
        if self.severity.is_none() {
            return match &attempt.exchange.result {
                Err(error) => format!("kept out ({}): {}", error.reason.name(), error.reason),
                Ok(response) => format!(
                    "kept out: a `{}` response with status {}, which holds no data",
                    response.response_type(),
                    response.status()
                ),
            };
        }
        let kinds: Vec<&str> = self.readable.iter().map(|k| k.name()).collect();
        let cookies = if attempt.cookies.is_empty() {
            "without the victim's cookies".to_owned()
        } else {
            format!("with the victim's cookies ({})", attempt.cookies.join(", "))
        };
        match attempt.refused_status() {
            Some(status) => format!(
                "reads {} {cookies}, though the answer refused the session ({status}): one notch \
                 lower, as with the victim's real session (--cookie) it may hold data or not",
                kinds.join(", ")
            ),
            None => format!("reads {} {cookies}", kinds.join(", ")),
        }
    }
}

/// One attacker origin's attempts in each browser.
pub(crate) struct OriginResult {
    pub attacker: AttackerOrigin,
    pub position: Position,
    pub attempts: Vec<(&'static str, Vec<Attempt>)>,
}

/// A group of origins with the same verdicts.
type Group = (Vec<AttackerOrigin>, Position, Vec<EngineVerdict>);

/// The findings of the attack runs — origins with the same position and, in every browser, the
/// same severity and readable requests make one — and the origins kept out everywhere.
pub(crate) fn findings(
    results: Vec<OriginResult>,
    network: Network,
) -> (Vec<Finding>, Vec<AttackerOrigin>) {
    let mut groups: Vec<Group> = Vec::new();
    let mut kept_out = Vec::new();
    for result in results {
        let engines: Vec<EngineVerdict> = result
            .attempts
            .iter()
            .map(|(browser, attempts)| {
                EngineVerdict::new(browser, attempts, result.position, network)
            })
            .collect();
        if engines.iter().all(|e| e.severity.is_none()) {
            kept_out.push(result.attacker);
            continue;
        }
        // Public data is public whoever reads it: such origins make one finding.
        let public = |verdicts: &[EngineVerdict]| {
            verdicts.iter().all(|e| e.severity <= Some(Severity::Info))
        };
        let same = |(origins, position, verdicts): &&mut Group| {
            // An arbitrary origin's finding takes every origin; otherwise a finding holds one
            // family of tricks, so that its rule says how the origins got in.
            let first = origins[0].trick();
            (first == Trick::Unrelated || family(first) == family(result.attacker.trick()))
                && (*position == result.position || (public(verdicts) && public(&engines)))
                && verdicts.len() == engines.len()
                && verdicts
                    .iter()
                    .zip(&engines)
                    .all(|(a, b)| a.severity == b.severity && a.readable == b.readable)
        };
        match groups.iter_mut().find(same) {
            Some((origins, _, _)) => origins.push(result.attacker),
            None => groups.push((vec![result.attacker], result.position, engines)),
        }
    }
    let findings = groups
        .into_iter()
        .map(|(origins, position, engines)| finding(origins, position, engines))
        .collect();
    (findings, kept_out)
}

/// Tricks that get in the same way, which one finding may hold together: `null`, a hosting
/// site, `localhost`, an origin the user gave, and the look-alikes (with an unrelated origin).
fn family(trick: Trick) -> u8 {
    match trick {
        Trick::Null => 0,
        Trick::Hosting => 1,
        Trick::Localhost => 2,
        Trick::Given => 3,
        _ => 4,
    }
}

/// The rule, title and how it got in, for a group of origins: its trick's when it has one,
/// else what the group has in common.
fn name(
    origins: &[AttackerOrigin],
    position: Position,
) -> (&'static str, &'static str, &'static str) {
    let first = &origins[0];
    let http = first.tuple().is_some_and(|o| o.scheme() == "http");
    let one_trick = origins.iter().all(|o| o.trick() == first.trick());
    let any = origins.iter().any(|o| o.trick() == Trick::Unrelated);
    let trick = if any { Trick::Unrelated } else { first.trick() };
    if one_trick || any {
        return (trick.name(), trick.title(http), trick.lets_in());
    }
    let all_http = origins
        .iter()
        .all(|o| o.tuple().is_some_and(|t| t.scheme() == "http"));
    match position {
        Position::TargetSite if all_http => (
            "same-site-http-origins",
            "Unencrypted (http) origins on the target's own site trusted",
            "the server trusts http origins of its own site, whose pages a network attacker can \
             rewrite",
        ),
        Position::TargetSite => (
            "same-site-origins",
            "Origins on the target's own site trusted",
            "the server trusts other origins of its own site: subdomains, http, other ports",
        ),
        Position::AllowedSite => (
            "allowed-site-origins",
            "Origins on an allowed origin's site trusted",
            "the server trusts other origins of an allowed origin's site: its subdomains, its \
             http form, other ports",
        ),
        Position::Local => (
            Trick::Localhost.name(),
            Trick::Localhost.title(http),
            Trick::Localhost.lets_in(),
        ),
        Position::AnySite => (
            "look-alike-origins",
            "Look-alike origins trusted",
            "the server's check matches hosts that only look like an allowed one",
        ),
    }
}

/// The finding for a group of origins with the same verdicts.
fn finding(
    origins: Vec<AttackerOrigin>,
    position: Position,
    engines: Vec<EngineVerdict>,
) -> Finding {
    let severity = engines
        .iter()
        .filter_map(|e| e.severity)
        .max()
        .unwrap_or_default();
    let (rule, title, lets_in) = name(&origins, position);
    let with_cookies = engines
        .iter()
        .filter_map(|e| e.attempt.as_ref().filter(|_| e.severity.is_some()))
        .any(|a| !a.cookies.is_empty());
    let reads = if with_cookies {
        "script reads responses made with the victim's cookies"
    } else {
        "script reads responses made without the victim's cookies"
    };
    let mut requests: Vec<RequestKind> = engines.iter().flat_map(|e| e.readable.clone()).collect();
    requests.sort();
    requests.dedup();
    let worst = engines
        .iter()
        .filter(|e| e.severity == Some(severity))
        .find_map(|e| e.attempt.as_ref());
    let fix = worst.map(|a| a.exchange.keep_out_fix()).unwrap_or_default();
    // `*` lets every origin in without reflecting any.
    let wildcard =
        worst.is_some_and(|a| passed_check(a.exchange.trace.as_ref()) == Some(CheckPass::Wildcard));
    let lets_in = if wildcard {
        "the server answers `Access-Control-Allow-Origin: *`, which lets every origin read its \
         responses to requests without credentials"
    } else {
        lets_in
    };
    let mut tricks: Vec<&str> = origins.iter().map(|o| o.trick().name()).collect();
    let mut seen = std::collections::HashSet::new();
    tricks.retain(|trick| seen.insert(*trick));
    Finding {
        rule,
        severity,
        title: format!("{title}: {reads}"),
        detail: format!(
            "How it got in: {lets_in} (tried as: {}). Who can attack: {}.",
            tricks.join(", "),
            position.who()
        ),
        fix,
        origins,
        position: Some(position),
        requests,
        engines,
        example: None,
    }
}
