//! `cors-sim audit`: every attacker origin of the catalogue against a live server, each
//! attacker page's real requests run as each browser would (one client session: an identical
//! request goes out once), and the findings by severity as text, JSON or SARIF.

use crate::Status;
use crate::audit_sarif;
use crate::probe::TransportArgs;
use crate::render::{self, HeaderLine};
use clap::builder::PossibleValuesParser;
use cors_sim::audit::{
    Attempt, Audit, AuditBrowser, EngineVerdict, Example, Finding, Network, Report, Severity,
};
use serde::Serialize;
use std::time::{Duration, Instant};

const AFTER_HELP: &str = "\
What it sends: for each attacker origin (the catalogue: an arbitrary origin, null, third-party
hosting origins, localhost, and look-alikes of the target and of each allowed origin), a
simple GET, a credentialed GET, and credentialed JSON POST, PUT and DELETE requests with
Authorization, each preflighted first as a browser would; the request itself goes out only
when its preflight passes. Point it at a test deployment, or pass --read-only.

Severity: high when any site reads a response made with the victim's cookies; medium when a
page that needs a foothold on a trusted site does (a subdomain, an http sibling, localhost), or
when any site reads data only the victim's network reaches; info for public data and broken
headers; one notch less when the attacker needs a foothold, and one less when the answer script
reads refused the session (401, 403: with the real one, pass --cookie). Per browser: the cookie
goes or not as each engine's third-party policy and the cookie's SameSite decide.

Exit status:
  0  no finding at or above --fail-on
  1  a finding at or above --fail-on
  2  a usage error
  3  the target could not be reached or sent no valid HTTP response, or stopped answering
     (the audit is incomplete)";

const JSON_FIELDS: &str = "\
JSON (--format json), one object, format \"cors-sim-audit/1\":
  target, allowed {origins[], inferred}, cookies {values[], source (given | server |
  assumed), outcomes[] {browser, cookie, outcome}}, network {value (public | private),
  guessed}, browsers[] {name, description}, notes[]
  findings[]  the most severe first: rule, severity (high | medium | low | info), title,
    detail, fix, position (any-site | target-site | allowed-site | local, or null for a lint),
    origins[] {origin, trick, imitates}, requests[] {kind, script}, engines[] {browser,
    severity or null, readable[], cookies[], summary, why[], trace[]}, example (a lint's
    request and answer) {request {method, url, headers}, status, headers} or null
  tried, kept_out[], unsendable[] {origin, trick, why}
  stats {fetches, requests, sent, reused, skipped, elapsed_ms}
  unreachable  why the target got no request through, or null
  incomplete  why the audit stopped early (the target stopped answering), or null
  fail_on, exit_status
SARIF (--format sarif): SARIF 2.1.0, one result per finding; rules are the findings' rules
with their highest severity (security-severity 8.0 high, 5.0 medium, 3.0 low).";

/// `cors-sim audit`.
#[derive(Debug, Clone, clap::Args)]
#[command(
    after_help = AFTER_HELP,
    after_long_help = format!("{AFTER_HELP}\n\n{JSON_FIELDS}"),
)]
pub struct Args {
    /// The URL to audit (an API endpoint that answers with the user's data).
    #[arg(value_name = "URL")]
    pub url: String,
    /// An origin you mean to let in (`https://app.example.com`); repeatable. Without any, the
    /// audit takes the target's own origin and the origins the server names, and says so.
    #[arg(long = "allowed-origin", value_name = "ORIGIN")]
    pub allowed: Vec<String>,
    /// Another attacker origin to try; repeatable. One no browser can send is reported, not
    /// tried.
    #[arg(long = "attacker-origin", value_name = "ORIGIN")]
    pub attackers: Vec<String>,
    /// The session cookie as your login response sets it (`session=v; Path=/; Secure;
    /// SameSite=Lax`); repeatable. Without it, the target's own Set-Cookie is used, or else the
    /// most exposed cookie is assumed.
    #[arg(long, value_name = "SET-COOKIE")]
    pub cookie: Vec<String>,
    /// The browsers to ask, comma-separated or repeated: chromium (third-party cookies
    /// blocked), chrome (allowed), firefox, safari, webkit, spec, or all.
    #[arg(long = "engine", value_name = "ENGINE", value_delimiter = ',',
          default_value = "chromium,chrome,firefox,safari,webkit",
          value_parser = PossibleValuesParser::new(
              ["chromium", "chrome", "firefox", "safari", "webkit", "spec", "all"]))]
    pub engines: Vec<String>,
    /// Where the target answers: public (data without credentials is public), private (only an
    /// intranet or an IP allow-list reaches it), or auto (guessed from the host).
    #[arg(long, value_name = "WHERE", default_value = "auto",
          value_parser = PossibleValuesParser::new(["auto", "public", "private"]))]
    pub network: String,
    /// Send no request that may change data: a POST, PUT or DELETE whose preflight passed is
    /// not sent.
    #[arg(long)]
    pub read_only: bool,
    /// Exit with status 1 when a finding is at least this severe.
    #[arg(long, value_name = "SEVERITY", default_value = "medium",
          value_parser = PossibleValuesParser::new(["high", "medium", "low"]))]
    pub fail_on: String,
    /// The repository path SARIF results point at (code scanning takes only such paths): the
    /// file that sets up CORS. By default the URL's host and path, as a path.
    #[arg(long, value_name = "PATH")]
    pub sarif_location: Option<String>,
    #[command(flatten)]
    pub transport: TransportArgs,
    /// Output format.
    #[arg(long, value_name = "FORMAT", default_value = "text",
          value_parser = PossibleValuesParser::new(["text", "json", "sarif"]))]
    pub format: String,
}

impl Args {
    /// The browsers, in the order given, each once.
    fn browsers(&self) -> Vec<AuditBrowser> {
        let mut names: Vec<&str> = Vec::new();
        for name in &self.engines {
            let named: Vec<&str> = match name.as_str() {
                "all" => AuditBrowser::NAMES.to_vec(),
                other => vec![other],
            };
            for name in named {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        names.into_iter().filter_map(AuditBrowser::named).collect()
    }

    fn fail_on(&self) -> Severity {
        match self.fail_on.as_str() {
            "high" => Severity::High,
            "low" => Severity::Low,
            _ => Severity::Medium,
        }
    }

    /// The audit these arguments describe.
    fn audit(&self) -> Result<Audit, String> {
        let mut audit = Audit::new(&self.url)?
            .browsers(self.browsers())
            .read_only(self.read_only);
        for origin in &self.allowed {
            audit = audit.allowed_origin(origin);
        }
        for origin in &self.attackers {
            audit = audit.attacker_origin(origin);
        }
        for cookie in &self.cookie {
            audit = audit.cookie(cookie);
        }
        match self.network.as_str() {
            "public" => audit = audit.network(Network::Public),
            "private" => audit = audit.network(Network::Private),
            _ => {}
        }
        Ok(audit)
    }
}

/// `cors-sim audit`: audits and prints.
pub fn run(args: &Args) -> Status {
    let audit = match args.audit() {
        Ok(audit) => audit,
        Err(why) => {
            render::err(&format!(
                "{}: {}\n",
                render::styled(render::BAD, "error"),
                render::printable(&why)
            ));
            return Status::Usage;
        }
    };
    let started = Instant::now();
    let report = audit.run_live(&args.transport.client());
    let output = Output::new(&report, args, started.elapsed());
    match args.format.as_str() {
        "json" => render::json(&output),
        "sarif" => render::json(&audit_sarif::log(
            &report,
            &output,
            args.sarif_location.as_deref(),
        )),
        _ => render::out(&render::audit_text(&report, &output)),
    }
    output.exit_status
}

/// What `audit --format json` prints, and what the text form reads beyond the report.
#[derive(Debug, Serialize)]
pub struct Output {
    format: &'static str,
    pub target: String,
    allowed: Allowed,
    cookies: Cookies,
    network: NetworkOut,
    browsers: Vec<BrowserOut>,
    notes: Vec<String>,
    pub findings: Vec<FindingOut>,
    tried: usize,
    kept_out: Vec<String>,
    unsendable: Vec<UnsendableOut>,
    pub stats: StatsOut,
    unreachable: Option<String>,
    incomplete: Option<String>,
    pub fail_on: &'static str,
    pub exit_status: Status,
}

#[derive(Debug, Serialize)]
struct Allowed {
    origins: Vec<String>,
    inferred: bool,
}

#[derive(Debug, Serialize)]
struct Cookies {
    values: Vec<String>,
    source: &'static str,
    outcomes: Vec<CookieOutcome>,
}

#[derive(Debug, Serialize)]
struct CookieOutcome {
    browser: &'static str,
    cookie: String,
    outcome: String,
}

#[derive(Debug, Serialize)]
struct NetworkOut {
    value: &'static str,
    guessed: bool,
}

#[derive(Debug, Serialize)]
struct BrowserOut {
    name: &'static str,
    description: &'static str,
}

/// A finding as JSON.
#[derive(Debug, Serialize)]
pub struct FindingOut {
    pub rule: &'static str,
    pub severity: &'static str,
    pub title: String,
    pub detail: String,
    pub fix: String,
    pub position: Option<&'static str>,
    pub origins: Vec<OriginOut>,
    pub requests: Vec<RequestOut>,
    pub engines: Vec<EngineOut>,
    pub example: Option<ExampleOut>,
}

/// An attacker origin as JSON.
#[derive(Debug, Serialize)]
pub struct OriginOut {
    pub origin: String,
    pub trick: &'static str,
    pub imitates: Option<String>,
}

/// A request an attacker's page makes, as JSON.
#[derive(Debug, Serialize)]
pub struct RequestOut {
    pub kind: &'static str,
    pub script: String,
}

/// A browser's verdict as JSON.
#[derive(Debug, Serialize)]
pub struct EngineOut {
    pub browser: &'static str,
    pub severity: Option<&'static str>,
    pub readable: Vec<&'static str>,
    pub cookies: Vec<String>,
    pub summary: String,
    pub why: Vec<String>,
    pub trace: Vec<String>,
}

/// A lint's request and answer, as JSON.
#[derive(Debug, Serialize)]
pub struct ExampleOut {
    pub request: ExampleRequest,
    pub status: u16,
    pub headers: Vec<HeaderLine>,
}

/// A request, as JSON.
#[derive(Debug, Serialize)]
pub struct ExampleRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<HeaderLine>,
}

#[derive(Debug, Serialize)]
struct UnsendableOut {
    origin: String,
    trick: &'static str,
    why: String,
}

/// What the audit cost.
#[derive(Debug, Serialize)]
pub struct StatsOut {
    pub fetches: usize,
    pub requests: usize,
    pub sent: usize,
    pub reused: usize,
    pub skipped: usize,
    pub elapsed_ms: u128,
}

impl Output {
    fn new(report: &Report, args: &Args, elapsed: Duration) -> Self {
        let fail_on = args.fail_on();
        let exit_status = if report.unreachable.is_some() || report.incomplete.is_some() {
            Status::Unreachable
        } else if report.at_least(fail_on).next().is_some() {
            Status::Blocked
        } else {
            Status::Ok
        };
        let stats = report.stats;
        Self {
            format: "cors-sim-audit/1",
            target: report.target.to_string(),
            allowed: Allowed {
                origins: report.allowed.clone(),
                inferred: report.allowed_inferred,
            },
            cookies: Cookies {
                values: report.cookies.clone(),
                source: report.cookie_source.as_str(),
                outcomes: report
                    .cookie_outcomes
                    .iter()
                    .flat_map(|(browser, outcomes)| {
                        outcomes.iter().map(|(cookie, outcome)| CookieOutcome {
                            browser,
                            cookie: cookie.clone(),
                            outcome: outcome.to_string(),
                        })
                    })
                    .collect(),
            },
            network: NetworkOut {
                value: report.network.0.as_str(),
                guessed: report.network.1,
            },
            browsers: report
                .browsers
                .iter()
                .map(|b| BrowserOut {
                    name: b.name,
                    description: b.description,
                })
                .collect(),
            notes: report.notes.clone(),
            findings: report.findings.iter().map(|f| finding(f, report)).collect(),
            tried: report.tried.len(),
            kept_out: report.kept_out.iter().map(|o| o.origin()).collect(),
            unsendable: report
                .unsendable
                .iter()
                .map(|u| UnsendableOut {
                    origin: u.origin.clone(),
                    trick: u.trick.name(),
                    why: u.why.clone(),
                })
                .collect(),
            stats: StatsOut {
                fetches: stats.fetches,
                requests: stats.requests,
                sent: stats.sent,
                reused: stats.reused,
                skipped: stats.skipped,
                elapsed_ms: elapsed.as_millis(),
            },
            unreachable: report.unreachable.clone(),
            incomplete: report.incomplete.clone(),
            fail_on: fail_on.as_str(),
            exit_status,
        }
    }
}

fn finding(finding: &Finding, report: &Report) -> FindingOut {
    FindingOut {
        rule: finding.rule,
        severity: finding.severity.as_str(),
        title: finding.title.clone(),
        detail: finding.detail.clone(),
        fix: finding.fix.clone(),
        position: finding.position.map(|p| p.as_str()),
        origins: finding
            .origins
            .iter()
            .map(|o| OriginOut {
                origin: o.origin(),
                trick: o.trick().name(),
                imitates: o.imitates().map(str::to_owned),
            })
            .collect(),
        requests: finding
            .requests
            .iter()
            .map(|k| RequestOut {
                kind: k.name(),
                script: k.script(&report.target),
            })
            .collect(),
        engines: finding.engines.iter().map(engine).collect(),
        example: finding.example.as_ref().map(example),
    }
}

fn engine(verdict: &EngineVerdict) -> EngineOut {
    let attempt: Option<&Attempt> = verdict.attempt.as_ref();
    EngineOut {
        browser: verdict.browser,
        severity: verdict.severity.map(Severity::as_str),
        readable: verdict.readable.iter().map(|k| k.name()).collect(),
        cookies: attempt.map(|a| a.cookies.clone()).unwrap_or_default(),
        summary: verdict.summary(),
        why: attempt.map(Attempt::why).unwrap_or_default(),
        trace: attempt
            .and_then(|a| a.exchange.trace.as_ref())
            .map(|t| t.steps().iter().map(ToString::to_string).collect())
            .unwrap_or_default(),
    }
}

fn example(example: &Example) -> ExampleOut {
    ExampleOut {
        request: ExampleRequest {
            method: example.request.method().to_string(),
            url: example.request.url().to_string(),
            headers: render::header_lines(example.request.headers()),
        },
        status: example.status,
        headers: render::header_lines(&example.headers),
    }
}
