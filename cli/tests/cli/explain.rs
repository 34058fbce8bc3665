//! `cors-sim explain`, offline, in its three input forms: a pasted console message, a request
//! with the server's answers (curl output, DevTools copies), and a vector step. Transcripts in
//! `snapshots/explain-*.txt`; the answers and vectors it reads in `fixtures/`.

use crate::support::cors_sim;
use snapbox::cmd::Command;
use snapbox::file;
use std::net::{Ipv4Addr, TcpListener};

/// The README's message: the one the articles start from.
const README_MESSAGE: &str = "Access to fetch at 'http://api.example.com/data' from origin \
    'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' \
    header is present on the requested resource.";

/// `cors-sim explain ARGS...`, run in the crate's directory (fixtures are `tests/cli/fixtures/`).
fn explain(args: &[&str]) -> Command {
    cors_sim(None)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("explain")
        .args(args)
}

/// The JSON `explain ARGS... --format json` prints, and its exit status.
fn json(args: &[&str]) -> (serde_json::Value, i32) {
    let output = explain(args).args(["--format", "json"]).output().unwrap();
    let code = output.status.code().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: {e}: {stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (value, code)
}

fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn help_documents_the_inputs_the_json_and_the_exit_statuses() {
    explain(&["--help"])
        .assert()
        .success()
        .stdout_eq(file!["snapshots/explain-help.txt"]);
}

#[test]
fn the_readme_message_explained() {
    explain(&[README_MESSAGE])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/explain-message.txt"]);
    // The same from standard input.
    explain(&["-"])
        .stdin(README_MESSAGE)
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/explain-message.txt"]);
}

/// The README shows the transcript above, as the binary prints it.
#[test]
fn the_readme_shows_the_real_output() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("../README.md")).unwrap();
    let command = format!("$ cors-sim explain \"{README_MESSAGE}\"\n");
    let start = readme.find(&command).expect("the command in the README") + command.len();
    let end = start + readme[start..].find("$ echo $?\n1\n").unwrap();
    let snapshot = std::fs::read_to_string(root.join("tests/cli/snapshots/explain-message.txt"));
    assert_eq!(&readme[start..end], snapshot.unwrap());
}

#[test]
fn the_readme_message_as_json() {
    let (report, code) = json(&[README_MESSAGE]);
    assert_eq!(code, 1);
    assert_eq!(report["format"], "cors-sim-explain/1");
    assert_eq!(report["input"]["kind"], "message");
    let reading = &report["reading"];
    assert_eq!(strings(&reading["engines"]), ["chromium"]);
    assert_eq!(reading["explained"], "MissingAllowOriginHeader");
    assert_eq!(reading["origin"], "http://localhost:3000");
    assert_eq!(reading["ambiguous"], false);
    let explanation = &report["explanations"][0];
    assert_eq!(
        explanation["request"]["call"],
        "fetch(\"http://api.example.com/data\")"
    );
    // The standard's steps, each with its text, algorithm and link.
    let trace = explanation["trace"].as_array().unwrap();
    let check = trace
        .iter()
        .find(|s| s["algorithm"] == "CORS check")
        .unwrap();
    assert_eq!(
        check["link"],
        "https://fetch.spec.whatwg.org/#concept-cors-check"
    );
    assert!(
        check["text"]
            .as_str()
            .unwrap()
            .starts_with("CORS check failed")
    );
    // Every engine's verdict and console line.
    let engines = explanation["engines"].as_array().unwrap();
    let names: Vec<&str> = engines
        .iter()
        .map(|e| e["engine"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["spec", "chromium", "firefox", "webkit"]);
    for engine in engines {
        assert_eq!(engine["verdict"], "blocked");
        assert_eq!(engine["reason"], "MissingAllowOriginHeader");
        assert!(
            engine["console"]
                .as_str()
                .unwrap()
                .contains("http://api.example.com/data")
        );
        assert!(!engine["trace"].as_array().unwrap().is_empty());
    }
    assert_eq!(
        engines[1]["console"].as_str().unwrap(),
        README_MESSAGE
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    );
    // The fix, its snippets, and where DevTools and MDN explain it.
    let fix = &explanation["fixes"][0];
    assert_eq!(strings(&fix["engines"]).len(), 4);
    assert_eq!(fix["kind"], "allow-origin");
    let stacks: Vec<&str> = fix["snippets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stack"].as_str().unwrap())
        .collect();
    assert_eq!(
        stacks,
        ["express", "tower-http", "nginx", "fast-api", "spring"]
    );
    assert_eq!(fix["devtools_issue"]["code"], "CorsIssue::InvalidHeaders");
    assert_eq!(
        fix["mdn"]["url"],
        "https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/CORSMissingAllowOrigin"
    );
    assert_eq!(report["exit_status"], 1);
}

#[test]
fn an_ambiguous_message_lists_its_readings_and_what_decides() {
    explain(&[
        "[Error] Origin http://localhost:5173 is not allowed by Access-Control-Allow-Origin. \
         Status code: 200\n[Error] XMLHttpRequest cannot load https://api.example.com/upload \
         due to access control checks.",
    ])
    .assert()
    .code(1)
    .stdout_eq(file!["snapshots/explain-ambiguous.txt"]);
    // Another reading, on request.
    let (report, _) = json(&[
        "Origin http://localhost:5173 is not allowed by Access-Control-Allow-Origin. Status code: 200",
        "--reason",
        "PreflightAllowOriginMismatch",
    ]);
    assert_eq!(
        report["reading"]["explained"],
        "PreflightAllowOriginMismatch"
    );
    let engines = &report["explanations"][0]["engines"];
    assert_eq!(engines[3]["reason"], "PreflightAllowOriginMismatch");
    assert_eq!(engines[3]["preflighted"], true);
}

#[test]
fn a_message_that_proves_no_response_came_asks_whether_there_was_one() {
    for message in [
        "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote \
         resource at https://api.example.com/data. (Reason: CORS request did not succeed). \
         Status code: (null).",
        "POST https://api.example.com/data net::ERR_FAILED",
    ] {
        let (report, code) = json(&[message]);
        assert_eq!(code, 1, "{message}");
        let reading = &report["reading"];
        assert_eq!(reading["explained"], "ConnectionFailed", "{message}");
        assert_eq!(reading["ambiguous"], true);
        let questions = strings(&reading["questions"]);
        assert!(
            questions
                .iter()
                .any(|q| q.starts_with("Was there a response at all?")
                    && q.contains("this is not CORS")),
            "{questions:?}"
        );
        let verdicts: Vec<&str> = report["explanations"][0]["engines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["verdict"].as_str().unwrap())
            .collect();
        assert_eq!(verdicts, ["no-response"; 4]);
    }
    explain(&["POST https://api.example.com/data net::ERR_FAILED"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/explain-no-response.txt"]);
}

/// Messages as users paste them (the library's 25, MDN's reason lines, Chromium's network
/// lines, the TypeError script sees): each is read as the engine and reason that print it.
#[test]
fn real_pasted_messages_are_recognised() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "Access to fetch at 'https://api.example.com/v1' from origin 'https://app.example' \
             has been blocked by CORS policy: The value of the 'Access-Control-Allow-Origin' \
             header in the response must not be the wildcard '*' when the request's credentials \
             mode is 'include'.",
            "chromium",
            "WildcardOriginNotAllowed",
        ),
        (
            "Access to XMLHttpRequest at 'https://api.example.com/v1' from origin \
             'https://app.example' has been blocked by CORS policy: The value of the \
             'Access-Control-Allow-Credentials' header in the response is '' which must be \
             'true' when the request's credentials mode is 'include'. The credentials mode of \
             requests initiated by the XMLHttpRequest is controlled by the withCredentials \
             attribute.",
            "chromium",
            "InvalidAllowCredentials",
        ),
        (
            "Access to fetch at 'http://localhost:8000/items' from origin 'http://localhost:5173' \
             has been blocked by CORS policy: Method PUT is not allowed by \
             Access-Control-Allow-Methods in preflight response.",
            "chromium",
            "MethodDisallowedByPreflightResponse",
        ),
        (
            "Access to fetch at 'https://api.example.com/' from origin 'https://a.example' has \
             been blocked by CORS policy: The 'Access-Control-Allow-Origin' header contains \
             multiple values 'https://a.example, https://a.example', but only one is allowed. \
             Have the server send the header with a valid value, or, if an opaque response \
             serves your needs, set the request's mode to 'no-cors' to fetch the resource with \
             CORS disabled.",
            "chromium",
            "MultipleAllowOriginValues",
        ),
        (
            "Access to script at 'https://cdn.example.com/app.js' from origin \
             'https://www.example.com' has been blocked by CORS policy: No \
             'Access-Control-Allow-Origin' header is present on the requested resource.",
            "chromium",
            "MissingAllowOriginHeader",
        ),
        (
            "Access to fetch at 'https://api.example.com/b' (redirected from \
             'https://api.example.com/a') from origin 'https://app.example' has been blocked by \
             CORS policy: Response to preflight request doesn't pass access control check: \
             Redirect is not allowed for a preflight request.",
            "chromium",
            "PreflightDisallowedRedirect",
        ),
        (
            "GET https://api.example.com/data net::ERR_FAILED 200 (OK)",
            "chromium",
            "MissingAllowOriginHeader",
        ),
        (
            "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote \
             resource at https://api.example.com/data. (Reason: CORS header \
             ‘Access-Control-Allow-Origin’ does not match ‘https://other.example’).",
            "firefox",
            "AllowOriginMismatch",
        ),
        (
            "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote \
             resource at ‘https://api.example.com/data’. (Reason: Credential is not supported if \
             the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).",
            "firefox",
            "WildcardOriginNotAllowed",
        ),
        (
            "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote \
             resource at https://api.example.com/data. (Reason: Did not find method in CORS \
             header ‘Access-Control-Allow-Methods’).",
            "firefox",
            "MethodDisallowedByPreflightResponse",
        ),
        (
            "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote \
             resource at https://api.example.com/data. (Reason: expected ‘true’ in CORS header \
             ‘Access-Control-Allow-Credentials’).",
            "firefox",
            "InvalidAllowCredentials",
        ),
        (
            "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote \
             resource at https://api.example.com/data. (Reason: CORS preflight response did not \
             succeed). Status code: 405.",
            "firefox",
            "PreflightInvalidStatus",
        ),
        (
            "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote \
             resource at https://api.example.com/data. (Reason: missing token ‘authorization’ in \
             CORS header ‘Access-Control-Allow-Headers’ from CORS preflight channel).",
            "firefox",
            "HeaderDisallowedByPreflightResponse",
        ),
        (
            "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote \
             resource at https://api.example.com/data. (Reason: Multiple CORS header \
             ‘Access-Control-Allow-Origin’ not allowed).",
            "firefox",
            "MultipleAllowOriginValues",
        ),
        (
            "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote \
             resource at https://api.example.com/data. (Reason: CORS request did not succeed). \
             Status code: (null).",
            "firefox",
            "ConnectionFailed",
        ),
        (
            "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote \
             resource at file:///home/me/data.json. (Reason: CORS request not http).",
            "firefox",
            "CorsDisabledScheme",
        ),
        (
            "[Error] Preflight response is not successful. Status code: 404",
            "webkit",
            "PreflightInvalidStatus",
        ),
        (
            "[Error] Request header field Content-Type is not allowed by \
             Access-Control-Allow-Headers.",
            "webkit",
            "HeaderDisallowedByPreflightResponse",
        ),
        (
            "Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.",
            "webkit",
            "WildcardOriginNotAllowed",
        ),
        (
            "[Error] Origin http://localhost:5173 is not allowed by Access-Control-Allow-Origin. \
             Status code: 413\n[Error] XMLHttpRequest cannot load \
             https://api.example.com/upload due to access control checks.",
            "webkit",
            "MissingAllowOriginHeader",
        ),
        (
            "Fetch API cannot load https://api.example.com/data due to access control checks.",
            "webkit",
            "AllowOriginMismatch",
        ),
        (
            "Access to fetch at 'https://api.example.com/data' from origin \
             'http://localhost:3000' has been blocked by CORS policy: No \
             'Access-Control-Allow-Origin' header is present on the requested resource. If an \
             opaque response serves your needs, set the request's mode to 'no-cors' to fetch \
             the resource with CORS disabled.",
            "chromium",
            "MissingAllowOriginHeader",
        ),
        (
            "index.html:1 Access to XMLHttpRequest at 'http://localhost:8080/api'\n from origin \
             'http://localhost:4200' has been blocked by CORS policy: Response to preflight \
             request doesn't pass access control check: It does not have HTTP ok status.",
            "chromium",
            "PreflightInvalidStatus",
        ),
        (
            "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote \
             resource at https://api.example.com/. (Reason: CORS header \
             'Access-Control-Allow-Origin' missing). Status code: 200.",
            "firefox",
            "MissingAllowOriginHeader",
        ),
        (
            "[Error] Origin http://localhost:3000 is not allowed by Access-Control-Allow-Origin. \
             Status code: 200",
            "webkit",
            "AllowOriginMismatch",
        ),
        // MDN's reason pages, as they print Firefox's reasons.
        (
            "Reason: CORS header 'Access-Control-Allow-Origin' missing",
            "firefox",
            "MissingAllowOriginHeader",
        ),
        (
            "Reason: Credential is not supported if the CORS header \
             'Access-Control-Allow-Origin' is '*'",
            "firefox",
            "WildcardOriginNotAllowed",
        ),
        (
            "Reason: CORS request external redirect not allowed",
            "firefox",
            "PreflightDisallowedRedirect",
        ),
        (
            "Reason: invalid token 'xyz;' in CORS header 'Access-Control-Allow-Methods'",
            "firefox",
            "InvalidAllowMethodsPreflightResponse",
        ),
        (
            "Reason: CORS preflight channel did not succeed",
            "firefox",
            "PreflightInvalidStatus",
        ),
        // Chromium's network lines, and what script sees.
        (
            "index.js:12  PUT http://localhost:8080/api/items/1 net::ERR_FAILED",
            "chromium",
            "ConnectionFailed",
        ),
        (
            "GET http://localhost:8080/api net::ERR_CONNECTION_REFUSED",
            "chromium",
            "ConnectionFailed",
        ),
        (
            "Uncaught (in promise) TypeError: Failed to fetch",
            "chromium",
            "MissingAllowOriginHeader",
        ),
    ];
    assert!(cases.len() >= 20);
    for (message, engine, reason) in cases {
        let (report, code) = json(&[message]);
        assert_eq!(code, 1, "{message}");
        let reading = &report["reading"];
        let kept: Vec<(&str, &str)> = reading["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["reproduced"] == true)
            .map(|c| (c["engine"].as_str().unwrap(), c["reason"].as_str().unwrap()))
            .collect();
        assert!(kept.contains(&(*engine, *reason)), "{message}: {kept:?}");
        // Explaining that reading gives that reason in that engine.
        let (report, _) = json(&[message, "--reason", reason]);
        let engines = report["explanations"][0]["engines"].as_array().unwrap();
        let got = engines.iter().find(|e| e["engine"] == *engine).unwrap();
        assert_eq!(got["reason"], *reason, "{message}");
    }
}

#[test]
fn a_request_with_the_servers_answers_from_curl() {
    explain(&[
        "https://api.example.com/todos/1",
        "--origin",
        "http://localhost:3000",
        "-X",
        "PUT",
        "-H",
        "Content-Type: application/json",
        "--data",
        r#"{"done":true}"#,
        "--preflight",
        "tests/cli/fixtures/preflight-404.curl.txt",
    ])
    .assert()
    .code(1)
    .stdout_eq(file!["snapshots/explain-request.txt"]);
}

#[test]
fn answers_copied_from_devtools_are_read_forgivingly() {
    let args = [
        "https://api.example.com/todos/1",
        "--origin",
        "http://localhost:3000",
        "-X",
        "PUT",
        "-H",
        "Content-Type: application/json",
        "--preflight",
        "tests/cli/fixtures/preflight.devtools.txt",
        "--response",
        "tests/cli/fixtures/response.devtools.txt",
    ];
    explain(&args)
        .assert()
        .code(0)
        .stdout_eq(file!["snapshots/explain-devtools.txt"]);
    let (report, code) = json(&args);
    assert_eq!(code, 0);
    let answers = report["answers"].as_array().unwrap();
    assert_eq!(answers[0]["status"], 204);
    assert_eq!(answers[1]["status"], 200);
    // The request's headers and the :authority pseudo-header were not read as the answer's.
    let names: Vec<&str> = answers[0]["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h[0].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "access-control-allow-headers",
            "access-control-allow-methods",
            "access-control-allow-origin",
            "vary"
        ]
    );
    for engine in report["explanations"][0]["engines"].as_array().unwrap() {
        assert_eq!(engine["verdict"], "readable");
        assert_eq!(
            strings(&engine["response"]["readable_headers"]),
            ["content-type"]
        );
    }
}

#[test]
fn redirect_hops_are_answered_in_order() {
    let (report, code) = json(&[
        "https://api.example.com/v1/items",
        "--origin",
        "https://app.example",
        "--response",
        "tests/cli/fixtures/redirect.curl-L.txt",
    ]);
    assert_eq!(code, 0);
    let hops = report["explanations"][0]["exchange"][0]["hops"]
        .as_array()
        .unwrap();
    assert_eq!(hops.len(), 2);
    assert_eq!(
        hops[1]["request"]["url"],
        "https://api.example.com/v2/items"
    );
    assert_eq!(
        hops[1]["answer"]["source"],
        "tests/cli/fixtures/redirect.curl-L.txt (response 2)"
    );
    assert!(report["notes"].as_array().unwrap().is_empty());
}

#[test]
fn a_missing_answer_names_the_request_and_the_command_that_gets_it() {
    explain(&[
        "https://api.example.com/todos/1",
        "--origin",
        "http://localhost:3000",
        "-X",
        "DELETE",
        "--response",
        "tests/cli/fixtures/response.devtools.txt",
    ])
    .assert()
    .code(2)
    .stdout_eq(file!["snapshots/explain-missing.txt"]);
}

#[test]
fn a_vector_is_explained_step_by_step() {
    explain(&["tests/cli/fixtures/explain-vectors.json#put-303-becomes-get"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/explain-vector.txt"]);
    // One step of a scenario: the cache the first step filled decides the second.
    let (report, code) = json(&["tests/cli/fixtures/explain-vectors.json#max-age-a-day@1"]);
    assert_eq!(code, 0);
    assert_eq!(report["input"]["kind"], "vector");
    assert_eq!(report["input"]["step"], 1);
    let explanations = report["explanations"].as_array().unwrap();
    assert_eq!(explanations.len(), 1);
    let preflighted: Vec<bool> = explanations[0]["engines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["preflighted"].as_bool().unwrap())
        .collect();
    // WebKit caps Max-Age at 600 s: an hour later it preflights again.
    assert_eq!(preflighted, [false, false, false, true]);
    assert_eq!(explanations[0]["agree"], false);
    let webkit = &explanations[0]["engines"][3];
    assert!(
        webkit["departures"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["field"] == "cache.max_age_cap")
    );
    // Every step, when no step is named.
    let (report, _) = json(&["tests/cli/fixtures/explain-vectors.json#max-age-a-day"]);
    assert_eq!(report["explanations"].as_array().unwrap().len(), 2);
}

#[test]
fn usage_errors_exit_2_and_say_why() {
    for (args, says) in [
        (
            &["https://api.example.com/"][..],
            "a URL needs the page that fetches it",
        ),
        (
            &[README_MESSAGE, "-X", "PUT"],
            "describe a request: give its URL instead of a message",
        ),
        (&["hello there"], "cannot read this as a console message"),
        (
            &[README_MESSAGE, "--reason", "AllowOriginMismatch"],
            "--reason AllowOriginMismatch: the message reads as MissingAllowOriginHeader only",
        ),
        (
            &[README_MESSAGE, "--origin", "http://other.example"],
            "the message names the page's origin http://localhost:3000",
        ),
        (
            &["tests/cli/fixtures/explain-vectors.json#nope"],
            "has no vector \"nope\"",
        ),
        (
            &["tests/cli/fixtures/explain-vectors.json#an-origin"],
            "is not a scenario vector",
        ),
        (
            &["tests/cli/fixtures/explain-vectors.json#max-age-a-day@2"],
            "there is no step 2",
        ),
        (
            &[
                "https://api.example.com/",
                "--origin",
                "http://a.example",
                "--response",
                "tests/cli/fixtures/nonexistent.txt",
            ],
            "cannot read tests/cli/fixtures/nonexistent.txt",
        ),
        (
            &[
                "https://api.example.com/",
                "--origin",
                "http://a.example",
                "--data",
                "x",
            ],
            "fetch() throws before any request",
        ),
    ] {
        let output = explain(args).output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}{stdout}");
        assert!(
            stderr.starts_with("error: ") && stderr.contains(says) || stdout.contains(says),
            "{args:?}: {stderr}{stdout}"
        );
    }
}

/// `explain` never opens a socket: the server a message or a request names is listening, and
/// gets no connection.
#[test]
fn explain_never_touches_the_network() {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!(
        "http://127.0.0.1:{}/data",
        listener.local_addr().unwrap().port()
    );
    let message = format!(
        "Access to fetch at '{url}' from origin 'http://localhost:3000' has been blocked by CORS \
         policy: Response to preflight request doesn't pass access control check: It does not \
         have HTTP ok status."
    );
    explain(&[&message]).assert().code(1);
    explain(&[&url, "--origin", "http://localhost:3000", "-X", "PUT"])
        .assert()
        .code(2);
    let accepted = listener.accept();
    assert!(
        matches!(&accepted, Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "{accepted:?}"
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let run = |color: &str| {
        let output = explain(&[README_MESSAGE, "--color", color])
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    assert!(!run("auto").contains('\u{1b}'));
    assert!(run("always").contains("\u{1b}["));
}
