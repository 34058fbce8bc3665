//! `cors-sim audit --format sarif`: the findings as a SARIF 2.1.0 log, so that CI code scanning
//! shows them. Each rule carries the highest severity its findings have (code scanning reads
//! `security-severity` from the rule); each result points at a repository path
//! (`--sarif-location`, by default the URL's host and path), since code scanning takes no URL.

use crate::audit::{FindingOut, Output};
use cors_sim::audit::{Report, Severity};
use cors_sim::url::Url;
use serde_json::{Value, json};

/// The SARIF log of an audit.
pub fn log(report: &Report, output: &Output, location: Option<&str>) -> Value {
    let location = location.map_or_else(|| default_location(&report.target), str::to_owned);
    let mut rules: Vec<(&str, Severity, &FindingOut)> = Vec::new();
    for (finding, out) in report.findings.iter().zip(&output.findings) {
        match rules.iter_mut().find(|(id, _, _)| *id == finding.rule) {
            Some(rule) => rule.1 = rule.1.max(finding.severity),
            None => rules.push((finding.rule, finding.severity, out)),
        }
    }
    let results: Vec<Value> = report
        .findings
        .iter()
        .zip(&output.findings)
        .map(|(finding, out)| {
            let index = rules.iter().position(|(id, _, _)| *id == finding.rule);
            let origins: Vec<&str> = out.origins.iter().map(|o| o.origin.as_str()).collect();
            let engines: serde_json::Map<String, Value> = out
                .engines
                .iter()
                .map(|e| (e.browser.to_owned(), json!(e.severity.unwrap_or("none"))))
                .collect();
            let first = origins.first().copied().unwrap_or_default();
            json!({
                "ruleId": finding.rule,
                "ruleIndex": index,
                "level": level(finding.severity),
                "message": {"text": message(out, &report.target)},
                "locations": [{
                    "physicalLocation": {"artifactLocation": {"uri": location}},
                    "logicalLocations": [{"name": report.target.as_str(), "kind": "resource"}],
                }],
                "partialFingerprints": {
                    "corsSimFinding/v1": format!("{}|{}|{first}", finding.rule, report.target),
                },
                "properties": {
                    "severity": finding.severity.as_str(),
                    "url": report.target.as_str(),
                    "origins": origins,
                    "engines": engines,
                },
            })
        })
        .collect();
    let rules: Vec<Value> = rules
        .iter()
        .map(|(id, severity, out)| {
            json!({
                "id": id,
                "name": id,
                "shortDescription": {"text": out.title.split(':').next().unwrap_or(&out.title)},
                "fullDescription": {"text": out.detail},
                "help": {"text": out.fix},
                "defaultConfiguration": {"level": level(*severity)},
                "properties": {
                    "tags": ["security", "cors"],
                    "security-severity": security_severity(*severity),
                },
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "cors-sim",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
            "properties": {
                "target": report.target.as_str(),
                "fail_on": output.fail_on,
                "exit_status": output.exit_status,
                "stats": output.stats,
            },
        }],
    })
}

/// The result's message: the title, the first origin, each browser's severity and the fix.
fn message(out: &FindingOut, target: &Url) -> String {
    let mut text = format!("{} ({target})", out.title);
    if let Some(first) = out.origins.first() {
        let more = match out.origins.len() {
            1 => String::new(),
            n => format!(" and {} more", n - 1),
        };
        text.push_str(&format!(". Attacker origin: {}{more}", first.origin));
    }
    let engines: Vec<String> = out
        .engines
        .iter()
        .map(|e| format!("{} {}", e.browser, e.severity.unwrap_or("none")))
        .collect();
    if !engines.is_empty() {
        text.push_str(&format!(". Per browser: {}", engines.join(", ")));
    }
    text.push_str(&format!(". Fix: {}", out.fix));
    text
}

/// The SARIF level of a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::High | Severity::Medium => "error",
        Severity::Low => "warning",
        _ => "note",
    }
}

/// Code scanning's `security-severity` of a severity.
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "8.0",
        Severity::Medium => "5.0",
        Severity::Low => "3.0",
        _ => "0.0",
    }
}

/// The URL's host (with `_PORT` for a port) and path, as a repository-relative path.
fn default_location(target: &Url) -> String {
    let host = target
        .host_str()
        .unwrap_or("target")
        .replace([':', '[', ']'], "_");
    let port = target.port().map(|p| format!("_{p}")).unwrap_or_default();
    format!("{host}{port}{}", target.path())
}
