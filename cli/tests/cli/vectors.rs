//! The `cors-sim vectors` command: counts, failures and malformed files.

use std::path::{Path, PathBuf};
use std::process::Command;

fn cors_sim(files: &[&Path]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_cors-sim"))
        .arg("vectors")
        .args(files)
        .output()
        .unwrap();
    let text =
        String::from_utf8(output.stdout).unwrap() + &String::from_utf8(output.stderr).unwrap();
    (output.status.success(), text)
}

/// A vector file written for one test; removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str, contents: &str) -> Self {
        let path = std::env::temp_dir().join(format!("cors-sim-{}-{name}", std::process::id()));
        std::fs::write(&path, contents).unwrap();
        Self(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn origins_file() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec-vectors/wpt-url-origins.json");
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_passing_file_ends_with_the_counts() {
    let file = Scratch::new("pass.json", &origins_file());
    let (ok, text) = cors_sim(&[&file.0]);
    assert!(ok, "{text}");
    assert_eq!(text.lines().last().unwrap(), "393 passed, 0 failed");
}

#[test]
fn a_broken_expectation_fails_with_a_readable_message() {
    let broken = origins_file().replacen(
        "\"serialization\": \"http://example.org\"",
        "\"serialization\": \"http://example.net\"",
        1,
    );
    let file = Scratch::new("broken.json", &broken);
    let (ok, text) = cors_sim(&[&file.0]);
    assert!(!ok);
    let failure = text
        .lines()
        .find(|l| l.starts_with("FAIL"))
        .expect("a FAIL line");
    assert!(
        failure.contains("-broken.json: wpt-url-origin-"),
        "{failure}"
    );
    assert!(
        failure
            .contains("serialization: expected \"http://example.net\", got \"http://example.org\""),
        "{failure}"
    );
    assert_eq!(text.lines().last().unwrap(), "392 passed, 1 failed");
}

#[test]
fn unknown_formats_fields_and_kinds_are_errors_never_passes() {
    let format = Scratch::new(
        "format.json",
        r#"{"format": "cors-vectors/9", "vectors": []}"#,
    );
    let (ok, text) = cors_sim(&[&format.0]);
    assert!(!ok);
    assert!(
        text.contains("-format.json: unknown format \"cors-vectors/9\""),
        "{text}"
    );

    let vectors = r#"{"format": "cors-vectors/1", "vectors": [
        {"id": "a", "kind": "origin", "input": "http://a/", "expect": {"serialization": "http://a"}, "surprise": 1},
        {"id": "b", "kind": "teapot"},
        {"id": "c", "kind": "scenario", "origin": "http://a", "server": {"routes": []},
         "steps": [{"request": {"url": "http://b/", "mode": "sideways"}}]},
        {"id": "d", "kind": "origin", "profile": "netscape", "input": "http://a/", "base": null, "expect": {}}
    ], "skipped": [{"id": "e", "reason": "timed out"}]}"#;
    let file = Scratch::new("malformed.json", vectors);
    let (ok, text) = cors_sim(&[&file.0]);
    assert!(!ok);
    assert!(
        text.contains("malformed.json: a: (vector)") && text.contains("surprise"),
        "{text}"
    );
    assert!(
        text.contains("malformed.json: b: (vector)") && text.contains("teapot"),
        "{text}"
    );
    assert!(
        text.contains("malformed.json: c: (vector)") && text.contains("sideways"),
        "{text}"
    );
    assert_eq!(
        text.lines().last().unwrap(),
        "0 passed, 3 failed, 2 skipped"
    );
}

#[test]
fn a_failing_scenario_prints_the_reason_console_line_fix_and_trace_indented() {
    let vectors = r#"{"format": "cors-vectors/1", "vectors": [
        {"id": "wrong", "kind": "scenario", "origin": "http://localhost:3000",
         "server": {"routes": [{"method": "*", "url": "http://api.example/data", "status": 200,
                                "headers": [["access-control-allow-origin", "https://yoursite.com"]]}]},
         "steps": [{"request": {"url": "http://api.example/data"}, "expect": {"result": "ok"}}]}
    ]}"#;
    let file = Scratch::new("wrong.json", vectors);
    let (ok, text) = cors_sim(&[&file.0]);
    assert!(!ok);
    let lines: Vec<&str> = text.lines().collect();
    let fail = lines
        .iter()
        .position(|l| {
            l.starts_with("FAIL")
                && l.ends_with(r#"wrong: step 0: result: expected "ok", got "network-error""#)
        })
        .expect("the FAIL line");
    assert_eq!(lines[fail + 1], "    blocked: AllowOriginMismatch");
    assert!(
        lines[fail + 2].starts_with("    console: Fetch of 'http://api.example/data' from origin")
    );
    assert!(lines[fail + 3].starts_with("    fix: The server at http://api.example allows only"));
    assert_eq!(lines[fail + 4], "    why:");
    assert!(lines[fail + 5].starts_with("      1. "), "{text}");
    assert_eq!(text.lines().last().unwrap(), "0 passed, 1 failed");

    let output = Command::new(env!("CARGO_BIN_EXE_cors-sim"))
        .args(["vectors", "--format", "json"])
        .arg(&file.0)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["format"], "cors-sim-vectors/1");
    assert_eq!(
        (json["passed"].as_u64(), json["failed"].as_u64()),
        (Some(0), Some(1))
    );
    let failure = &json["files"][0]["failures"][0];
    assert_eq!(failure["id"], "wrong");
    assert_eq!(failure["field"], "result");
    assert!(
        failure["detail"]
            .as_str()
            .unwrap()
            .contains("\nconsole: Fetch of")
    );
    assert_eq!(json["exit_status"], 1);
}

#[test]
fn hostile_files_fail_naming_the_vector_and_print_no_control_character() {
    let route = |extra: &str| {
        format!(
            r#"{{"id": "x", "kind": "scenario", "origin": "http://a", "server": {{"routes": [{extra}]}},
                "steps": [{{"request": {{"url": "http://b/"}}}}]}}"#
        )
    };
    let echo = "{{request-headers}}".repeat(9);
    let vectors = [
        r#"{"id": "p", "kind": "origin", "profile": 7, "input": "http://a/", "expect": {}}"#
            .to_owned(),
        route(r#"{"method": "*", "url": "http://b/", "status": 0}"#).replace("\"x\"", "\"s0\""),
        route(r#"{"method": "*", "url": "http://b/", "status": 999}"#).replace("\"x\"", "\"s9\""),
        route(r#"{"method": "*", "url": "http://b/", "status": 200, "headers": [["x", {"bytes": "+f+f"}]]}"#)
            .replace("\"x\", \"kind\"", "\"hex\", \"kind\""),
        route(&format!(
            r#"{{"method": "*", "url": "http://b/", "status": 200, "headers": [["x-echo", "{echo}"]]}}"#
        ))
        .replace("\"x\", \"kind\"", "\"echo\", \"kind\""),
        r#"{"id": "esc\u001b[32m\r\n999 passed, 0 failed", "kind": "teapot"}"#.to_owned(),
    ];
    let file = Scratch::new(
        "hostile.json",
        &format!(
            r#"{{"format": "cors-vectors/1", "vectors": [{}]}}"#,
            vectors.join(",")
        ),
    );
    let (ok, text) = cors_sim(&[&file.0]);
    assert!(!ok, "{text}");
    for (id, why) in [
        ("p", "invalid type"),
        ("s0", "status 0 is not a response status"),
        ("s9", "status 999 is not a response status"),
        ("hex", "is not hex"),
        ("echo", "placeholders, more than 8"),
    ] {
        assert!(
            text.lines()
                .any(|line| line.contains(&format!(": {id}: (vector)")) && line.contains(why)),
            "{id}: {text}"
        );
    }
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(text.contains("esc\\u{1b}[32m\\r\\n999 passed"), "{text}");
    assert_eq!(text.lines().last().unwrap(), "0 passed, 6 failed");
}
