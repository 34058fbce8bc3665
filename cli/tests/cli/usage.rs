//! Help, version and usage errors.

use crate::support::cors_sim;
use snapbox::file;

#[test]
fn help_lists_the_verbs_and_the_exit_statuses() {
    cors_sim(None)
        .arg("--help")
        .assert()
        .success()
        .stdout_eq(file!["snapshots/help.txt"]);
}

#[test]
fn every_verb_has_help_that_documents_its_json() {
    for (verb, snapshot) in [
        ("probe", file!["snapshots/probe-help.txt"]),
        ("demo", file!["snapshots/demo-help.txt"]),
        ("vectors", file!["snapshots/vectors-help.txt"]),
    ] {
        cors_sim(None)
            .args([verb, "--help"])
            .assert()
            .success()
            .stdout_eq(snapshot);
        let short = cors_sim(None).args([verb, "-h"]).output().unwrap();
        assert!(short.status.success());
        assert!(
            String::from_utf8(short.stdout)
                .unwrap()
                .contains("Usage: cors-sim")
        );
    }
}

#[test]
fn version() {
    cors_sim(None)
        .arg("--version")
        .assert()
        .success()
        .stdout_eq(format!("cors-sim {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["probe", "http://api.example/"],
        &[
            "probe",
            "http://api.example/",
            "--origin",
            "http://a.example/app",
        ],
        &[
            "probe",
            "http://api.example/",
            "--origin",
            "http://user:pw@a.example",
        ],
        &[
            "probe",
            "http://api.example/",
            "--origin",
            "http://a.example",
            "-H",
            "X-A",
        ],
        &[
            "probe",
            "http://api.example/",
            "--origin",
            "http://a.example",
            "--engine",
            "ie",
        ],
        &[
            "probe",
            "http://api.example/",
            "--origin",
            "http://a.example",
            "--timeout",
            "0",
        ],
        &[
            "probe",
            "http://api.example/",
            "--origin",
            "o",
            "--resolve",
            "a.example",
        ],
        &["vectors"],
        &["teapot"],
    ] {
        let output = cors_sim(None).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.starts_with("error: ") || stderr.contains("Usage: cors-sim"),
            "{args:?}: {stderr}"
        );
        assert_eq!(output.stdout, b"", "{args:?}");
    }
}

#[test]
fn a_request_fetch_would_refuse_is_a_usage_error_and_sends_nothing() {
    cors_sim(None)
        .args([
            "probe",
            "http://api.example/",
            "--origin",
            "http://a.example",
        ])
        .args(["--data", "x"])
        .assert()
        .code(2)
        .stdout_eq("")
        .stderr_eq(
            "error: fetch() throws before any request is sent: TypeError: a request with the \
             method GET or HEAD cannot have a body\n",
        );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let help = |color: &str| {
        let output = cors_sim(None)
            .args(["vectors", "/nonexistent.json", "--color", color])
            .output()
            .unwrap();
        String::from_utf8(output.stderr).unwrap() + &String::from_utf8(output.stdout).unwrap()
    };
    // Not a terminal: no escapes, unless asked for.
    assert!(!help("auto").contains('\u{1b}'));
    assert!(!help("never").contains('\u{1b}'));
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let output = cors_sim(None)
        .args([
            "probe",
            &format!("http://{closed}/"),
            "--origin",
            "http://a.example",
        ])
        .args(["--color", "always", "--timeout", "2"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("\u{1b}[")
    );
}
