//! `cors-sim audit` against live servers on 127.0.0.1 (routed from `api.target.com` with
//! `--resolve`): each CORS set-up users ship found with its severity per browser, the safe ones
//! with nothing above info, each false positive of the scanners left out, and transcripts of
//! the text and SARIF forms with their exit statuses. `--nocapture` prints each audit's cost.

use crate::audit_servers::{self, APP, HOST};
use crate::support::{cors_sim, serve};
use serde_json::Value;
use snapbox::cmd::Command;
use snapbox::file;

/// `cors-sim audit SCHEME://api.target.com:PORT/me ARGS... --resolve ...`, its transcripts
/// compared with `[PORT]`, and `[MS]` for the time taken.
fn audit(scheme: &str, port: u16, args: &[&str]) -> Command {
    let mut redactions = snapbox::Redactions::new();
    redactions.insert("[PORT]", port.to_string()).unwrap();
    let ms = regex::Regex::new(r"(?<redacted>\d+) ms\.").unwrap();
    redactions.insert("[MS]", ms).unwrap();
    let elapsed = regex::Regex::new(r#""elapsed_ms": (?<redacted>\d+)"#).unwrap();
    redactions.insert("[ELAPSED]", elapsed).unwrap();
    let resolve = format!("{HOST}:{port}:127.0.0.1");
    cors_sim(Some(port))
        .with_assert(
            snapbox::Assert::new()
                .action_env("SNAPSHOTS")
                .normalize_paths(false)
                .redact_with(redactions),
        )
        .arg("audit")
        .arg(format!("{scheme}://{HOST}:{port}/me"))
        .args(args)
        .args(["--resolve", &resolve, "--insecure"])
}

/// The audit's JSON.
fn report(scheme: &str, port: u16, args: &[&str]) -> Value {
    let command = audit(scheme, port, args).args(["--format", "json"]);
    serde_json::from_slice(&command.output().unwrap().stdout).unwrap()
}

/// A finding: its rule, severity and each browser's, e.g. `null-origin high (chromium info,
/// chrome info, firefox info, safari info, webkit high)`.
fn line(finding: &Value) -> String {
    let engines: Vec<String> = finding["engines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let severity = e["severity"].as_str().unwrap_or("-");
            format!("{} {severity}", e["browser"].as_str().unwrap())
        })
        .collect();
    format!(
        "{} {} ({})",
        finding["rule"].as_str().unwrap(),
        finding["severity"].as_str().unwrap(),
        engines.join(", ")
    )
}

fn findings(report: &Value) -> Vec<String> {
    let all = report["findings"].as_array().unwrap();
    all.iter().map(line).collect()
}

/// The finding of `rule`.
fn rule<'r>(report: &'r Value, rule: &str) -> &'r Value {
    let all = report["findings"].as_array().unwrap();
    all.iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} finding in {:#?}", findings(report)))
}

/// The rules of the findings, in order.
fn rules(report: &Value) -> Vec<&str> {
    let all = report["findings"].as_array().unwrap();
    all.iter().map(|f| f["rule"].as_str().unwrap()).collect()
}

/// Whether a finding lists `origin` among its attacker origins.
fn has_origin(finding: &Value, origin: &str) -> bool {
    let origins = finding["origins"].as_array().unwrap();
    origins.iter().any(|o| o["origin"] == origin)
}

/// Nothing is above info.
fn at_most_info(report: &Value) {
    for finding in report["findings"].as_array().unwrap() {
        assert_eq!(finding["severity"], "info", "{}", line(finding));
    }
}

/// Prints the audit's cost, for the closing note (`--nocapture`).
fn cost(name: &str, report: &Value) {
    let stats = &report["stats"];
    println!(
        "{name:<28} {:>6} ms {:>5} fetches {:>5} requests {:>5} sent {:>5} reused",
        stats["elapsed_ms"], stats["fetches"], stats["requests"], stats["sent"], stats["reused"]
    );
}

/// Cross-site from an http page: the attribute-less session cookie the audit assumes for an
/// http API goes only in WebKitGTK (third-party cookies blocked in Chromium's fresh profile and
/// Safari, Lax by default in Chrome, a jar per site in Firefox).
const CROSS_SITE: &str = "(chromium info, chrome info, firefox info, safari info, webkit high)";
/// From a page on the target's own site: every engine sends it, and the attacker needs a
/// foothold there first.
const SAME_SITE: &str =
    "(chromium medium, chrome medium, firefox medium, safari medium, webkit medium)";

#[test]
fn every_pattern_users_ship_is_found_with_its_severity_per_engine() {
    let mut servers: Vec<(&str, u16)> = audit_servers::vulnerable()
        .into_iter()
        .map(|(name, app)| (name, serve(app)))
        .collect();
    servers.push(("handwritten (raw sockets)", audit_servers::raw_reflector()));
    for (name, port) in servers {
        let report = report("http", port, &["--allowed-origin", APP]);
        cost(name, &report);
        assert_eq!(report["exit_status"], 1, "{name}");
        let (trick, attacker) = match name {
            "reflect-any" | "very-permissive" | "handwritten (raw sockets)" => {
                ("arbitrary-origin", "http://evil.example")
            }
            "unanchored-regex" => ("look-alike-origins", "http://appatarget.com"),
            "ends-with" => ("look-alike-origins", "http://eviltarget.com"),
            "trusted-null" => ("null-origin", "null"),
            "sloppy-predicate" => ("look-alike-origins", "http://app.target.com.evil.example"),
            other => unreachable!("{other}"),
        };
        let found = rule(&report, trick);
        assert_eq!(line(found), format!("{trick} high {CROSS_SITE}"), "{name}");
        assert!(has_origin(found, attacker), "{name}: {attacker}");
        assert_eq!(found["position"], "any-site");
        // The cookie went, and script read each of the attacker's requests.
        let webkit = &found["engines"][4];
        assert_eq!(webkit["cookies"][0], "session", "{name}");
        assert_eq!(webkit["readable"].as_array().unwrap().len(), 5, "{name}");
        if name != "trusted-null" {
            let sibling = rule(&report, "same-site-http-origins");
            let expected = format!("same-site-http-origins medium {SAME_SITE}");
            assert_eq!(line(sibling), expected, "{name}");
            assert_eq!(sibling["position"], "target-site");
        }
        if name == "handwritten (raw sockets)" {
            assert!(rules(&report).contains(&"vary-origin-missing"));
        }
    }
}

#[test]
fn an_https_api_that_trusts_its_http_sibling() {
    let port = audit_servers::serve_tls(audit_servers::https_trusting_http());
    let report = report("https", port, &["--allowed-origin", APP]);
    cost("https-trusting-http", &report);
    // The server's own Set-Cookie is the session cookie.
    assert_eq!(report["cookies"]["source"], "server");
    let found = rule(&report, "other-scheme");
    assert!(has_origin(found, "http://app.target.com"));
    assert_eq!(found["position"], "target-site");
    // Chromium compares schemes: the http page is another site, whose third-party cookies are
    // blocked (allowed, as Chrome ships, the SameSite=None cookie goes); the others compare
    // domains alone, so the page is same-site and the cookie goes.
    assert_eq!(
        line(found),
        "other-scheme medium (chromium info, chrome medium, firefox medium, safari medium, \
         webkit medium)"
    );
    assert_eq!(rules(&report), ["other-scheme"]);
}

#[test]
fn safe_configurations_have_nothing_above_info() {
    for (name, app) in audit_servers::safe() {
        let port = serve(app);
        let report = report("http", port, &["--allowed-origin", APP]);
        cost(name, &report);
        at_most_info(&report);
        assert_eq!(report["exit_status"], 0, "{name}");
        if name == "exact-allow-list" {
            assert!(rules(&report).is_empty(), "{:#?}", findings(&report));
            let kept_out = report["kept_out"].as_array().unwrap().len();
            assert_eq!(kept_out as u64, report["tried"].as_u64().unwrap());
        } else {
            // Public data: any origin reads it, without credentials.
            let found = rule(&report, "arbitrary-origin");
            let engines = found["engines"].as_array().unwrap();
            assert!(
                engines
                    .iter()
                    .all(|e| e["cookies"] == serde_json::json!([]))
            );
        }
    }
}

#[test]
fn the_scanners_false_positives_are_not_reported() {
    for (name, app) in audit_servers::false_positives() {
        let port = serve(app);
        let mut args = vec!["--allowed-origin", APP];
        if name == "unsendable" {
            args.extend(["--attacker-origin", "https://app^.target.com"]);
        }
        let report = report("http", port, &args);
        cost(name, &report);
        let rules = rules(&report);
        match name {
            // Browsers refuse a list; the lint says it is broken, not exploitable.
            "substring" => assert_eq!(rules, ["multiple-allow-origin"]),
            // Without the exact `true`, nothing credentialed is read: public data only.
            "credentials-uppercase" => {
                assert_eq!(rules, ["arbitrary-origin", "allow-credentials-not-true"]);
                at_most_info(&report);
            }
            // A 404 is not readable data, whatever its headers.
            "not-found" => assert!(rules.is_empty(), "{rules:?}"),
            // Reflected on GET, but the preflight fails: the writes are not reported.
            "unpreflighted-put" => {
                for finding in report["findings"].as_array().unwrap() {
                    let requests: Vec<&str> = finding["requests"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|r| r["kind"].as_str().unwrap())
                        .collect();
                    assert_eq!(
                        requests,
                        ["simple-get", "credentialed-get"],
                        "{}",
                        line(finding)
                    );
                }
                let any = rule(&report, "arbitrary-origin");
                assert_eq!(line(any), format!("arbitrary-origin high {CROSS_SITE}"));
            }
            // Only origins no browser sends get in: none was tried, and the report says so.
            "unsendable" => {
                assert!(rules.is_empty(), "{rules:?}");
                let unsendable = report["unsendable"].as_array().unwrap();
                assert!(unsendable.iter().any(|u| {
                    u["origin"] == "https://app^.target.com" && u["trick"] == "given-origin"
                }));
                let pipe = |u: &&Value| u["origin"].as_str().unwrap().contains('|');
                assert!(unsendable.iter().any(|u| pipe(&u)));
            }
            // `*` never covers credentials: public data, and a lint.
            "wildcard-with-credentials" => {
                assert_eq!(rules, ["arbitrary-origin", "wildcard-with-credentials"]);
                at_most_info(&report);
            }
            other => unreachable!("{other}"),
        }
    }
}

/// The trusted-`null` server.
fn trusted_null() -> u16 {
    let (name, app) = audit_servers::vulnerable().remove(3);
    assert_eq!(name, "trusted-null");
    serve(app)
}

#[test]
fn text_transcript_and_exit_statuses() {
    let null = trusted_null();
    let two = ["--allowed-origin", APP, "--engine", "chromium,webkit"];
    audit("http", null, &two)
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/audit-trusted-null.txt"]);
    // High fails --fail-on high too.
    let json = ["--fail-on", "high", "--format", "json"];
    audit("http", null, &two).args(json).assert().code(1);
    let (_, safe) = audit_servers::safe().remove(0);
    audit("http", serve(safe), &["--allowed-origin", APP])
        .assert()
        .code(0)
        .stdout_eq(file!["snapshots/audit-exact-allow-list.txt"]);
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    audit("http", closed, &["--timeout", "2"]).assert().code(3);
    // A target that stops answering: the audit stops too, incomplete.
    let once = audit_servers::answers_once();
    let output = audit("http", once, &["--allowed-origin", APP, "--timeout", "2"])
        .assert()
        .code(3)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    assert!(
        text.contains("Incomplete: 8 requests in a row got no response"),
        "{text}"
    );
    let usage = cors_sim(None).args(["audit", "https://user:pw@api.target.com/"]);
    usage.assert().code(2);
    let usage = cors_sim(None).args(["audit", "ftp://api.target.com/"]);
    usage.assert().code(2);
    let usage = cors_sim(None).args(["audit", "https://api.target.com/", "--fail-on", "never"]);
    usage.assert().code(2);
}

#[test]
fn sarif_for_code_scanning() {
    let two = ["--allowed-origin", APP, "--engine", "chromium,webkit"];
    audit("http", trusted_null(), &two)
        .args(["--format", "sarif", "--sarif-location", "src/cors.rs"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/audit-trusted-null.sarif.json"]);
}

#[test]
fn json_with_inferred_allowed_origins_and_read_only() {
    let (_, ends_with) = audit_servers::vulnerable().remove(2);
    let port = serve(ends_with);
    // No --allowed-origin: the target's own origin is taken, and the report says so.
    let report = report("http", port, &["--engine", "webkit", "--read-only"]);
    assert_eq!(report["allowed"]["inferred"], true);
    let own = format!("http://{HOST}:{port}");
    assert_eq!(report["allowed"]["origins"], serde_json::json!([own]));
    let notes = report["notes"].as_array().unwrap();
    let inferred = |n: &&Value| {
        n.as_str()
            .unwrap()
            .starts_with("No allowed origins were given")
    };
    assert!(notes.iter().any(|n| inferred(&n)));
    let found = rule(&report, "look-alike-origins");
    assert!(has_origin(found, "http://eviltarget.com"));
    // Read-only: no write went out, and the report counts them.
    assert!(report["stats"]["skipped"].as_u64().unwrap() > 0);
    let engine = &found["engines"][0];
    assert!(!engine["trace"].as_array().unwrap().is_empty());
    let sent = |l: &&Value| l.as_str().unwrap().starts_with("cookie `session` sent");
    assert!(engine["why"].as_array().unwrap().iter().any(|l| sent(&l)));
}

#[test]
fn help_documents_the_flags_severities_and_exit_statuses() {
    cors_sim(None)
        .args(["audit", "--help"])
        .assert()
        .success()
        .stdout_eq(file!["snapshots/audit-help.txt"]);
}

#[test]
fn the_network_cookie_and_fail_on_flags_reach_the_report() {
    let args = [
        "--allowed-origin",
        APP,
        "--engine",
        "chromium",
        "--network",
        "private",
        "--cookie",
        "sid=1; Path=/; HttpOnly",
        "--fail-on",
        "low",
    ];
    let report = report("http", trusted_null(), &args);
    assert_eq!(report["network"]["value"], "private");
    assert_eq!(report["network"]["guessed"], false);
    assert_eq!(report["cookies"]["source"], "given");
    assert_eq!(report["cookies"]["values"][0], "sid=1; Path=/; HttpOnly");
    assert_eq!(report["fail_on"], "low");
    assert_eq!(report["exit_status"], 1);
}
