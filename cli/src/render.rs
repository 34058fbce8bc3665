//! Rendering: every report as text (styled only where the terminal takes colour) or as JSON.
//!
//! Everything printed that comes from outside — URLs, header values, vector ids, file names —
//! goes through [`printable`], so a server or a vector file cannot write terminal escapes or
//! fake lines of the report.

use crate::demo::Situation;
use crate::probe::{EngineReport, Group, HopReport, Report, Verdict};
use crate::report::{ScriptView, WireRequest};
use crate::vectors::{FileReport, VectorsReport};
use anstyle::{AnsiColor, Style};
use cors_sim::header::HeaderList;
use cors_sim::{Engine, RequestError};
use serde::Serialize;
use std::fmt::Write as _;
use std::io::Write as _;

/// How a verb prints its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// For scripts: one JSON object (its fields are listed in the verb's --help).
    Json,
}

pub const HEADING: Style = Style::new().bold();
pub const CORS: Style = AnsiColor::Cyan.on_default().bold();
pub const DIM: Style = Style::new().dimmed();
pub const GOOD: Style = AnsiColor::Green.on_default().bold();
pub const BAD: Style = AnsiColor::Red.on_default().bold();
pub const WARN: Style = AnsiColor::Yellow.on_default().bold();

/// `text` in `style`.
pub fn styled(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

pub use cors_sim::testing::vectors::printable;

/// Bytes as text: UTF-8 kept, every byte that is not UTF-8 written `\xNN`.
pub fn bytes_text(bytes: &[u8]) -> String {
    let mut text = String::new();
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        for byte in chunk.invalid() {
            let _ = write!(text, "\\x{byte:02X}");
        }
    }
    text
}

/// A header as `[name, value]` in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeaderLine(pub String, pub String);

/// A header list's lines, in order.
pub fn header_lines(headers: &HeaderList) -> Vec<HeaderLine> {
    headers
        .iter()
        .map(|(name, value)| HeaderLine(name.as_str().to_owned(), bytes_text(value.as_bytes())))
        .collect()
}

/// Writes `text` to standard output (styles stripped where colour is off).
pub fn out(text: &str) {
    let mut stdout = anstream::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

/// Writes `text` to standard error (styles stripped where colour is off).
pub fn err(text: &str) {
    let mut stderr = anstream::stderr().lock();
    let _ = stderr.write_all(text.as_bytes());
}

/// Writes `value` as pretty JSON and a newline.
pub fn json(value: &impl Serialize) {
    let text = serde_json::to_string_pretty(value).expect("reports serialize");
    out(&format!("{text}\n"));
}

/// Serializes an engine as its name.
pub fn engine<S: serde::Serializer>(engine: &Engine, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(engine.as_str())
}

/// Serializes engines as their names.
pub fn engines<S: serde::Serializer>(engines: &[Engine], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(engines.iter().map(|e| e.as_str()))
}

/// `a, b and c`.
pub fn names(engines: &[Engine]) -> String {
    let names: Vec<&str> = engines.iter().map(|e| e.as_str()).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    }
}

/// A probe's report, in `format`; with `trace`, the text form adds every engine's trace.
pub fn probe(report: &Report, format: Format, trace: bool) {
    match format {
        Format::Text => out(&probe_text(report, trace)),
        Format::Json => json(report),
    }
}

/// A request `fetch()` refuses to make: the `TypeError` script would get.
pub fn refused(error: &RequestError) {
    err(&format!(
        "{}: fetch() throws before any request is sent: {}\n",
        styled(BAD, "error"),
        printable(&error.to_string())
    ));
}

/// A JavaScript string literal.
fn js(text: &str) -> String {
    serde_json::to_string(text).expect("strings serialize")
}

/// A probe's report as text.
pub fn probe_text(report: &Report, trace: bool) -> String {
    let mut text = String::new();
    let request = &report.request;
    let mut options = Vec::new();
    if request.method != "GET" {
        options.push(format!("method: {}", js(&request.method)));
    }
    if !request.headers.is_empty() {
        let headers: Vec<String> = request
            .headers
            .iter()
            .map(|[n, v]| format!("{}: {}", js(n), js(v)))
            .collect();
        options.push(format!("headers: {{{}}}", headers.join(", ")));
    }
    if let Some(body) = &request.body {
        options.push(format!("body: {}", js(body)));
    }
    if request.credentials != "same-origin" {
        options.push(format!("credentials: {}", js(request.credentials)));
    }
    if request.mode != "cors" {
        options.push(format!("mode: {}", js(request.mode)));
    }
    let options = if options.is_empty() {
        String::new()
    } else {
        format!(", {{{}}}", options.join(", "))
    };
    let _ = writeln!(
        text,
        "{} {} {}",
        styled(HEADING, "The page"),
        printable(&request.page),
        styled(HEADING, "calls")
    );
    let _ = writeln!(
        text,
        "  fetch({}{})",
        printable(&js(&request.url)),
        printable(&options)
    );
    for group in &report.exchange {
        exchange_text(&mut text, group, report.exchange.len() == 1);
    }
    let _ = writeln!(text, "\n{}", styled(HEADING, "What script gets"));
    for (i, engine) in report.engines.iter().enumerate() {
        verdict_text(
            &mut text,
            engine,
            i.checked_sub(1).map(|p| &report.engines[p]),
        );
    }
    if !report.agree {
        disagreement_text(&mut text, &report.engines);
    }
    max_age_text(&mut text, report);
    if report.exit_status == crate::Status::Unreachable {
        let _ = writeln!(
            text,
            "\n{} This is not a CORS verdict: a browser would show a network error \
             (TypeError: Failed to fetch), and its console would not blame CORS. Check the URL, \
             that the server is up, --resolve and --timeout.",
            styled(WARN, "No response from the server.")
        );
    }
    if trace {
        for engine in &report.engines {
            let _ = writeln!(
                text,
                "\n{}",
                styled(HEADING, &format!("Trace, {}", engine.engine))
            );
            for step in &engine.trace {
                let _ = writeln!(text, "{:>4}. {}", step.step, printable(&step.text));
            }
        }
    }
    text
}

/// The requests one group of engines sent, with what each got.
fn exchange_text(text: &mut String, group: &Group, everyone: bool) {
    wire_heading(
        text,
        &group.engines,
        !group.hops.is_empty(),
        everyone,
        "the same requests; each went out once",
        "the browser blocked the fetch before any request",
    );
    for (i, hop) in group.hops.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        hop_text(text, hop);
    }
}

/// The heading over one group of engines' requests: who sent them (`same`, when `everyone`
/// sent the same ones), and why nothing went out (`nothing`) when no request did.
pub fn wire_heading(
    text: &mut String,
    engines: &[Engine],
    sent_any: bool,
    everyone: bool,
    same: &str,
    nothing: &str,
) {
    let who = names(engines);
    let sent = if !sent_any {
        format!("{who} sent no request")
    } else if everyone && engines.len() > 1 {
        format!("{who} sent {same}")
    } else {
        format!("{who} sent")
    };
    let _ = writeln!(
        text,
        "\n{}",
        styled(HEADING, &format!("On the wire: {sent}"))
    );
    if !sent_any {
        let _ = writeln!(text, "  nothing: {nothing}");
    }
}

/// Whether a header is one CORS turns on: highlighted.
fn is_cors_header(name: &str) -> bool {
    name.starts_with("access-control-") || name == "origin" || name == "vary"
}

/// A header line of a request (`mark` `>`) or response (`<`), the CORS ones highlighted.
pub fn header_text(text: &mut String, mark: &str, name: &str, value: &str) {
    let line = printable(&format!("{name}: {value}"));
    let line = if is_cors_header(name) {
        styled(CORS, &line)
    } else {
        line
    };
    let _ = writeln!(text, "  {} {line}", styled(DIM, mark));
}

fn hop_text(text: &mut String, hop: &HopReport) {
    let request = &hop.request;
    let mut notes = Vec::new();
    if request.preflight {
        notes.push("the CORS preflight");
    }
    if hop.reused {
        notes.push("identical to a request sent before: not sent again, its answer reused");
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        styled(DIM, &format!("  ({})", notes.join("; ")))
    };
    request_text(text, request, &notes);
    match (&hop.response, &hop.error) {
        (Some(response), _) => {
            let _ = writeln!(
                text,
                "  {} {}",
                styled(DIM, "<"),
                status_text(response.status)
            );
            for line in &response.headers {
                header_text(text, "<", &line.0, &line.1);
            }
        }
        (None, Some(error)) => {
            let _ = writeln!(
                text,
                "  {} {}",
                styled(DIM, "<"),
                styled(WARN, &printable(&format!("no response: {}", error.message)))
            );
        }
        (None, None) => {}
    }
}

/// A request on the wire as `probe` and `explain` print it: its line with `notes` after it,
/// its headers, its body.
pub fn request_text(text: &mut String, request: &WireRequest, notes: &str) {
    let _ = writeln!(
        text,
        "  {} {}{notes}",
        styled(DIM, ">"),
        printable(&format!("{} {}", request.method, request.url))
    );
    for line in &request.headers {
        header_text(text, ">", &line.0, &line.1);
    }
    if let Some(body) = &request.body {
        let _ = writeln!(
            text,
            "  {} {}",
            styled(DIM, ">"),
            printable(&format!("(body) {body}"))
        );
    }
}

/// A response's status with its reason phrase (`200 OK`), styled as a heading.
pub fn status_text(status: u16) -> String {
    let reason = cors_sim::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    styled(HEADING, format!("{status} {reason}").trim_end())
}

/// Continuation lines under an engine's verdict.
pub const INDENT: &str = "            ";

/// The verdict line of a fetch that resolved, `readable` or `opaque`, and what script reads of
/// `response`, as `probe` and `explain` print them; `name` is the engine's, padded.
pub fn resolved_text(
    text: &mut String,
    name: &str,
    opaque: bool,
    preflighted: bool,
    response: &ScriptView,
) {
    let (style, word) = if opaque {
        (WARN, "opaque")
    } else {
        (GOOD, "readable")
    };
    let after = if preflighted {
        ", after a preflight"
    } else {
        ""
    };
    let _ = writeln!(
        text,
        "  {name} {}  status {}, a `{}` response{after}",
        styled(style, word),
        response.status,
        response.response_type
    );
    let readable = if response.readable_headers.is_empty() {
        "no header".to_owned()
    } else {
        response.readable_headers.join(", ")
    };
    let _ = writeln!(text, "{INDENT}script reads: {}", printable(&readable));
    let mut whys: Vec<&str> = response.hidden_headers.iter().map(|h| &*h.why).collect();
    whys.dedup();
    for why in whys {
        let hidden: Vec<&str> = response
            .hidden_headers
            .iter()
            .filter(|h| h.why == why)
            .map(|h| &*h.name)
            .collect();
        let _ = writeln!(
            text,
            "{INDENT}hidden ({}): {}",
            printable(why),
            printable(&hidden.join(", "))
        );
    }
}

/// The console line of a blocked fetch, under its verdict.
pub fn console_text(text: &mut String, console: Option<&str>) {
    for (i, line) in console.iter().flat_map(|c| c.lines()).enumerate() {
        let lead = if i == 0 { "console: " } else { "         " };
        let _ = writeln!(text, "{INDENT}{lead}{}", printable(line));
    }
}

fn verdict_text(text: &mut String, engine: &EngineReport, previous: Option<&EngineReport>) {
    let name = format!("{:<9}", engine.engine.as_str());
    match engine.verdict {
        Verdict::Readable | Verdict::Opaque => {
            let response = engine
                .response
                .as_ref()
                .expect("a resolved fetch has a response");
            resolved_text(
                text,
                &name,
                engine.verdict == Verdict::Opaque,
                engine.preflighted,
                response,
            );
        }
        Verdict::Blocked => {
            let _ = writeln!(
                text,
                "  {name} {}  {}: {}",
                styled(BAD, "blocked"),
                engine.reason.unwrap_or_default(),
                printable(engine.description.as_deref().unwrap_or_default())
            );
            console_text(text, engine.console.as_deref());
            if let Some(fix) = &engine.fix {
                let fix = if previous.is_some_and(|p| p.fix.as_ref() == Some(fix)) {
                    "as above".to_owned()
                } else {
                    printable(fix)
                };
                let _ = writeln!(text, "{INDENT}fix: {fix}");
            }
        }
        Verdict::Unreachable => {
            let error = engine.transport_error.as_ref().expect("no response");
            let _ = writeln!(
                text,
                "  {name} {}  {}",
                styled(WARN, "no response"),
                printable(&format!(
                    "{} {}: {}",
                    error.method, error.url, error.message
                ))
            );
        }
    }
    for dropped in &engine.dropped_headers {
        let _ = writeln!(text, "{INDENT}note: {}", printable(&dropped.text));
    }
}

fn disagreement_text(text: &mut String, engines: &[EngineReport]) {
    let _ = writeln!(
        text,
        "\n{}",
        styled(
            HEADING,
            "Why the engines differ: where each departs from the standard (steps of --trace)"
        )
    );
    let mut none = Vec::new();
    for engine in engines {
        // A single fetch starts from an empty preflight cache, so how an engine keeps results
        // never changes its verdict: those departures go on one line.
        let (cache, verdict): (Vec<_>, Vec<_>) = engine
            .departures
            .iter()
            .partition(|d| d.field.starts_with("cache."));
        if verdict.is_empty() {
            none.push(engine.engine);
        } else {
            let _ = writeln!(text, "  {}:", engine.engine);
            for departure in verdict {
                let _ = writeln!(
                    text,
                    "    step {}: {}",
                    departure.step,
                    printable(&departure.text)
                );
            }
        }
        if !cache.is_empty() {
            let fields: Vec<&str> = cache.iter().map(|d| d.field).collect();
            let _ = writeln!(
                text,
                "    ({} also keeps preflight results its own way: {})",
                engine.engine,
                fields.join(", ")
            );
        }
    }
    if !none.is_empty() {
        let _ = writeln!(
            text,
            "  {}: no departure from the standard that decides this fetch",
            names(&none)
        );
    }
}

fn max_age_text(text: &mut String, report: &Report) {
    let title = styled(HEADING, "Access-Control-Max-Age");
    if report.engines.iter().all(|e| !e.preflighted) {
        let _ = writeln!(
            text,
            "\n{title}: no engine sent a preflight, so no preflight result is cached"
        );
        return;
    }
    let header = match &report.max_age_header {
        Some(value) => printable(value),
        None => "absent (a successful preflight is then kept for the default 5 s)".to_owned(),
    };
    let _ = writeln!(text, "\n{title}: {header}");
    for engine in &report.engines {
        let _ = writeln!(
            text,
            "  {:<9} {}",
            engine.engine.as_str(),
            printable(&engine.max_age.text)
        );
    }
}

/// The demo's opening lines.
pub fn demo_intro(hosts: &[(String, u16)]) -> String {
    let hosts: Vec<&str> = hosts.iter().map(|(host, _)| host.as_str()).collect();
    format!(
        "{}\n\nEach API below is a real HTTP server on 127.0.0.1, on a random port; its host name \
         ({}) is routed there as curl's --resolve does, so the URLs read as in production. Each \
         situation is probed exactly as `cors-sim probe` with the arguments shown would.\n",
        styled(
            HEADING,
            "cors-sim demo: the CORS situations people hit, against live servers"
        ),
        hosts.join(", ")
    )
}

/// One situation of the demo: its heading, the command, then what `probe` prints.
pub fn situation_text(number: usize, situation: &Situation, report: &Report) -> String {
    let mut text = String::new();
    let rule = "=".repeat(78);
    let _ = writeln!(text, "\n{}", styled(DIM, &rule));
    let _ = writeln!(
        text,
        "{}",
        styled(HEADING, &format!("{number}. {}", situation.heading))
    );
    let _ = writeln!(text, "$ cors-sim probe {}", situation.command_line());
    text.push_str(&probe_text(report, false));
    text
}

/// A vectors run as text: each failure with its detail indented, then the counts.
pub fn vectors_text(report: &VectorsReport) -> (String, String) {
    let (mut stdout, mut stderr) = (String::new(), String::new());
    for file in &report.files {
        file_text(&mut stdout, &mut stderr, file);
    }
    if report.unreadable > 0 {
        let _ = writeln!(stdout, "{} file(s) could not be run", report.unreadable);
    }
    let _ = write!(stdout, "{} passed, {} failed", report.passed, report.failed);
    if report.skipped > 0 {
        let _ = write!(stdout, ", {} skipped", report.skipped);
    }
    stdout.push('\n');
    (stdout, stderr)
}

fn file_text(stdout: &mut String, stderr: &mut String, file: &FileReport) {
    if let Some(error) = &file.error {
        let _ = writeln!(stderr, "{}", printable(&format!("{}: {error}", file.path)));
        return;
    }
    for failure in &file.failures {
        let line = format!("{}: {}: {}", file.path, failure.id, failure.mismatch);
        let _ = writeln!(stdout, "{} {}", styled(BAD, "FAIL"), printable(&line));
        for line in failure.detail.iter().flat_map(|d| d.lines()) {
            let _ = writeln!(stdout, "    {}", printable(line));
        }
    }
}

/// How many attacker origins a finding's text lists before "and N more".
const ORIGINS_SHOWN: usize = 4;

/// An audit's report as text: what was assumed, the findings by severity, then what was tried
/// and what it cost.
pub fn audit_text(report: &cors_sim::audit::Report, output: &crate::audit::Output) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{} {}",
        styled(HEADING, "cors-sim audit of"),
        printable(report.target.as_str())
    );
    if let Some(why) = &report.unreachable {
        let _ = writeln!(
            text,
            "\n{} {}\nNothing was audited: check the URL, that the server is up, --resolve and \
             --timeout.",
            styled(WARN, "No response from the server:"),
            printable(why)
        );
        return text;
    }
    if let Some(why) = &report.incomplete {
        let _ = writeln!(text, "\n{} {}", styled(WARN, "Incomplete:"), printable(why));
    }
    let inferred = if report.allowed_inferred {
        " (inferred: see the note)"
    } else {
        ""
    };
    let _ = writeln!(
        text,
        "  allowed origins: {}{inferred}",
        printable(&report.allowed.join(", "))
    );
    let _ = writeln!(
        text,
        "  session cookie ({}): {}",
        report.cookie_source.as_str(),
        printable(&report.cookies.join(" | "))
    );
    for (browser, outcomes) in &report.cookie_outcomes {
        for (name, outcome) in outcomes {
            if matches!(outcome, cors_sim::cookie::SetCookieOutcome::Refused(_)) {
                let _ = writeln!(
                    text,
                    "    {browser} keeps no `{}`: {}",
                    printable(name),
                    printable(&outcome.to_string())
                );
            }
        }
    }
    let (network, guessed) = report.network;
    let guessed = if guessed {
        " (guessed from the host; --network says otherwise)"
    } else {
        ""
    };
    let _ = writeln!(text, "  network: {}{guessed}", network.as_str());
    let browsers: Vec<&str> = report.browsers.iter().map(|b| b.name).collect();
    let _ = writeln!(text, "  browsers: {}", browsers.join(", "));
    for note in &report.notes {
        let _ = writeln!(text, "  {} {}", styled(WARN, "note:"), printable(note));
    }
    if report.findings.is_empty() {
        let _ = writeln!(text, "\n{}", styled(GOOD, "No finding."));
    }
    for finding in &report.findings {
        finding_text(&mut text, finding, &report.target);
    }
    summary_text(&mut text, report, output);
    text
}

/// A severity's label, styled.
fn severity_label(severity: cors_sim::audit::Severity) -> String {
    use cors_sim::audit::Severity;
    let style = match severity {
        Severity::High | Severity::Medium => BAD,
        Severity::Low => WARN,
        _ => DIM,
    };
    styled(style, &format!("{:<6}", severity.as_str().to_uppercase()))
}

fn finding_text(
    text: &mut String,
    finding: &cors_sim::audit::Finding,
    target: &cors_sim::url::Url,
) {
    let _ = writeln!(
        text,
        "\n{} {}  {}",
        severity_label(finding.severity),
        styled(HEADING, &printable(&finding.title)),
        styled(DIM, &format!("[{}]", finding.rule))
    );
    if !finding.origins.is_empty() {
        let shown: Vec<String> = finding
            .origins
            .iter()
            .take(ORIGINS_SHOWN)
            .map(|o| printable(&format!("{o} ({})", o.trick())))
            .collect();
        let more = match finding.origins.len().saturating_sub(ORIGINS_SHOWN) {
            0 => String::new(),
            n => format!(" and {n} more (--format json lists them)"),
        };
        let _ = writeln!(text, "  origins   {}{more}", shown.join(", "));
    }
    let _ = writeln!(text, "  detail    {}", printable(&finding.detail));
    for (i, kind) in finding.requests.iter().enumerate() {
        let lead = if i == 0 { "requests " } else { "         " };
        let _ = writeln!(text, "  {lead} {}", printable(&kind.script(target)));
    }
    if let Some(example) = &finding.example {
        let request = &example.request;
        let origin = request.headers().get_str("origin").unwrap_or_default();
        let _ = writeln!(
            text,
            "  seen      {} {} with Origin: {}",
            request.method(),
            printable(request.url().as_str()),
            printable(&origin)
        );
        if example.status != 0 {
            let _ = writeln!(text, "            < {}", example.status);
        }
        for line in header_lines(&example.headers) {
            if is_cors_header(&line.0) {
                let header = printable(&format!("{}: {}", line.0, line.1));
                let _ = writeln!(text, "            < {header}");
            }
        }
    }
    for verdict in &finding.engines {
        let severity = verdict.severity.map_or("-", |s| s.as_str());
        let _ = writeln!(
            text,
            "  {:<9} {:<7} {}",
            verdict.browser,
            severity,
            printable(&verdict.summary())
        );
        let why = verdict
            .attempt
            .as_ref()
            .map(|a| a.why())
            .unwrap_or_default();
        let telling =
            |line: &&String| line.starts_with("cookie ") || line.starts_with("CORS check passed");
        for line in why.iter().filter(telling) {
            let _ = writeln!(text, "{INDENT}    {}", styled(DIM, &printable(line)));
        }
    }
    let _ = writeln!(text, "  fix       {}", printable(&finding.fix));
}

fn summary_text(
    text: &mut String,
    report: &cors_sim::audit::Report,
    output: &crate::audit::Output,
) {
    use cors_sim::audit::Severity;
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    let _ = writeln!(
        text,
        "\n{} {} high, {} medium, {} low, {} info",
        styled(HEADING, "Findings:"),
        count(Severity::High),
        count(Severity::Medium),
        count(Severity::Low),
        count(Severity::Info)
    );
    let _ = writeln!(
        text,
        "Tried {} attacker origins in {} browsers; {} kept out everywhere.",
        report.tried.len(),
        report.browsers.len(),
        report.kept_out.len()
    );
    if !report.unsendable.is_empty() {
        let names: Vec<String> = report
            .unsendable
            .iter()
            .map(|u| printable(&u.origin))
            .collect();
        let _ = writeln!(
            text,
            "Not tried, as no browser can send them: {}.",
            names.join(", ")
        );
        let asked = report
            .unsendable
            .iter()
            .filter(|u| u.trick == cors_sim::attacker::Trick::Given);
        for asked in asked {
            let _ = writeln!(
                text,
                "  {} (asked for): {}",
                printable(&asked.origin),
                printable(&asked.why)
            );
        }
    }
    let stats = &output.stats;
    let skipped = if stats.skipped > 0 {
        format!(", {} not sent (--read-only)", stats.skipped)
    } else {
        String::new()
    };
    let _ = writeln!(
        text,
        "Cost: {} fetches made {} requests; {} went to the server, {} were answered by an \
         identical earlier one{skipped}; {} ms.",
        stats.fetches, stats.requests, stats.sent, stats.reused, stats.elapsed_ms
    );
    let verdict = match output.exit_status {
        crate::Status::Ok => format!("no finding at or above --fail-on {}", output.fail_on),
        _ => format!("a finding at or above --fail-on {}", output.fail_on),
    };
    let _ = writeln!(
        text,
        "Exit status {}: {verdict}.",
        u8::from(output.exit_status)
    );
}
