//! `cors-sim explain`: from a console message, a request with the server's answers, or a
//! vector step, to the steps the standard takes, the line each engine's console prints, the
//! fix (with a snippet for the common stacks where one setting does it) and where the engines
//! differ and why. Offline: it runs the simulator only and never opens a socket.
//!
//! Each input form becomes a situation — the page, what script passes to `fetch()`, and how
//! the server answers each request — which runs in the standard and in each engine's profile
//! (`message` rebuilds one from a message, `answers` reads the server's answers from files,
//! `vector` takes a scenario step); `text` prints the explanation, or it goes out as JSON.

mod answers;
mod message;
mod references;
mod snippets;
mod text;
mod vector;

use crate::Status;
use crate::probe::{parse_header, parse_origin};
use crate::render::{self, Format, HeaderLine};
use crate::report::{
    Departure, ScriptView, TraceStep, WireRequest, departures, is_opaque, trace_steps,
};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use cors_sim::header::{HeaderList, HeaderValue};
use cors_sim::http::HeaderName;
use cors_sim::trace::Step;
use cors_sim::{
    Browser, CredentialsMode, Document, Engine, FilteredResponse, InitiatorType, Mode,
    NetworkError, Next, OutgoingRequest, RedirectMode, Reply, RequestError, RequestInit, Time,
    Trace,
};
use references::{DevtoolsIssue, MdnPage};
use serde::Serialize;
use snippets::{FixKind, Snippet};
use std::io::Read as _;
use std::path::Path;

const INPUTS: &str = "\
Inputs:
  A console message, as pasted (quote it; `-` reads it from standard input): Chromium's,
    Firefox's or Safari's words, older wordings, Firefox's `Reason: …` alone (as MDN's pages
    show it), Chromium's `net::ERR_…` line, the TypeError script sees. The page is
    the origin the message names (else http(s)://your-page.example, or --origin), the request
    and the server's answers the minimal ones that give the reason; what is assumed is said.
    When several reasons print the message, the most common is explained, the others listed
    with the question that decides between them (--reason NAME explains another).
  A URL, with --origin or --page, the request's options (-X, -H, --data, --credentials,
    --mode, --redirect) and the server's answers: --preflight FILE for the CORS preflight,
    --response FILE for the request (repeat either, in order, for redirect hops; `-` is
    standard input). A FILE is `curl -i` output, or the response headers copied from DevTools
    (with or without `Status Code: 204`, `:status`); several responses in one file (`curl -iL`)
    answer in order. A request that needs an answer none gives is named, with the curl command
    that gets it.
  FILE#ID, or FILE#ID@STEP: a scenario vector of a cors-vectors/1 file, every step or the one
    numbered STEP (from 0), run in one browser per engine as the vector runner does.";

const JSON_FIELDS: &str = "\
JSON (--format json), one object, format \"cors-sim-explain/1\":
  input          kind (message | request | vector) and what was given
  reading        for a message: engines, url, initial_url, origin, status, network_line,
                 candidates[] (engine, reason, description, reproduced: whether the
                 situation rebuilt for it gives it in that engine, devtools_issue, mdn),
                 explained (the reason explained), explained_engine, chosen (most-common |
                 asked), ambiguous, generic, questions[], said[], implied[], assumed[];
                 else null
  answers[]      for --preflight/--response: source, status, status_assumed, headers, unread[]
  notes[]        what else to know (answers not used, lines not read)
  explanations[] one per fetch (per step of a vector):
    step, heading, expect     the vector's step, its description and expectation, or null
    request        url, method, page, origin, headers [[name, value]], body, credentials, mode,
                   redirect, api, call (the fetch() call)
    exchange[]     the requests on the wire, grouped by the engines that sent the same ones:
                   engines[], hops[] ({request {method, url, preflight, headers, body},
                   answer {status (null: no response), headers, source} or null})
    trace[]        the standard's steps: step, text, algorithm, link
    engines[]      spec, chromium, firefox, webkit: engine, verdict (readable | opaque |
                   blocked | no-response | throws | incomplete), preflighted, reason,
                   description, console, fix, response (type, status, readable_headers[],
                   hidden_headers[]), departures[] (step, field, effect), trace[]
    agree          whether every engine gave the same verdict, preflight, reason and readable
                   headers
    fixes[]        per reason: engines[], reason, text, kind, snippets[] (stack, label, code),
                   placeholder_origin (the snippets' origin stands for the page's),
                   devtools_issue {code, description, source}, mdn {slug, url, source}
    missing[]      requests that needed an answer none gave: engines[], method, url,
                   preflight, option, curl
  exit_status    0, 1 or 2, as below
DevTools issue codes: ChromeDevTools/devtools-frontend models/issues_manager/CorsIssue.ts;
MDN pages: Firefox's errordocs.js (mozilla/gecko-dev devtools/server/actors/errordocs.js).";

const EXIT_STATUSES: &str = "\
Exit status:
  0  script can read the response in the standard and in every engine
  1  blocked (or no response) in some engine; for a vector step, also fetch() throwing
  2  a usage error: a message cors-sim cannot read, a request fetch() would refuse to make,
     an answer the fetch needs and no --preflight/--response gives";

/// `cors-sim explain`.
#[derive(Debug, Clone, clap::Args)]
#[command(
    after_help = format!("{INPUTS}\n\n{EXIT_STATUSES}"),
    after_long_help = format!("{INPUTS}\n\n{JSON_FIELDS}\n\n{EXIT_STATUSES}"),
)]
pub struct Args {
    /// A console message (`-`: standard input), FILE#ID[@STEP] of a vector file, or the URL
    /// script fetches.
    #[arg(value_name = "MESSAGE|FILE#ID|URL")]
    pub input: String,
    /// The origin of the page making the fetch (`null` for a sandboxed page); for a message, the
    /// page's origin when the message names none.
    #[arg(long, value_name = "ORIGIN", value_parser = parse_origin, conflicts_with = "page")]
    pub origin: Option<Document>,
    /// The URL of the page making the fetch, for a page not at its origin's root.
    #[arg(long, value_name = "URL", value_parser = parse_page)]
    pub page: Option<Document>,
    /// The method, as script writes it.
    #[arg(
        short = 'X',
        long = "request",
        visible_alias = "method",
        value_name = "METHOD"
    )]
    pub method: Option<String>,
    /// A header script sets, `Name: value`; repeatable.
    #[arg(short = 'H', long = "header", value_name = "NAME: VALUE", value_parser = parse_header)]
    pub headers: Vec<(String, String)>,
    /// A string body.
    #[arg(short = 'd', long = "data", value_name = "BODY")]
    pub data: Option<String>,
    /// The credentials mode [default: same-origin].
    #[arg(long, value_name = "MODE",
          value_parser = PossibleValuesParser::new(["include", "same-origin", "omit"])
              .map(|s| s.parse::<CredentialsMode>().expect("a possible value")))]
    pub credentials: Option<CredentialsMode>,
    /// The request mode [default: cors].
    #[arg(long, value_name = "MODE",
          value_parser = PossibleValuesParser::new(["cors", "no-cors", "same-origin"])
              .map(|s| s.parse::<Mode>().expect("a possible value")))]
    pub mode: Option<Mode>,
    /// The redirect mode [default: follow].
    #[arg(long, value_name = "MODE",
          value_parser = PossibleValuesParser::new(["follow", "error", "manual"])
              .map(|s| s.parse::<RedirectMode>().expect("a possible value")))]
    pub redirect: Option<RedirectMode>,
    /// The server's answer to the CORS preflight (OPTIONS): `curl -i` output or the response
    /// headers from DevTools; repeatable, in order.
    #[arg(long, value_name = "FILE")]
    pub preflight: Vec<String>,
    /// The server's answer to the request: `curl -i` output or the response headers from
    /// DevTools; repeatable, in order (redirect hops).
    #[arg(long, value_name = "FILE")]
    pub response: Vec<String>,
    /// For an ambiguous message: the reading to explain (a reason name it lists).
    #[arg(long, value_name = "NAME")]
    pub reason: Option<String>,
    /// Output format.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: Format,
}

fn parse_page(text: &str) -> Result<Document, String> {
    text.parse::<Document>()
        .map_err(|e| format!("not a URL: {e}"))
}

/// An engine as a heading names it.
pub fn engine_title(engine: Engine) -> &'static str {
    match engine {
        Engine::Chromium => "Chromium",
        Engine::Firefox => "Firefox",
        Engine::WebKit => "WebKit (Safari)",
        _ => "cors-sim (the standard)",
    }
}

/// The engines every explanation runs: the standard, then the three browsers.
pub const ENGINES: [Engine; 4] = [
    Engine::Spec,
    Engine::Chromium,
    Engine::Firefox,
    Engine::WebKit,
];

/// What script passes to `fetch()` (or `XMLHttpRequest`).
#[derive(Debug, Clone)]
pub struct RequestSpec {
    pub url: String,
    pub method: String,
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Option<String>,
    pub credentials: CredentialsMode,
    pub mode: Mode,
    pub redirect: RedirectMode,
    pub initiator: InitiatorType,
    pub use_cors_preflight: bool,
}

impl RequestSpec {
    /// A `GET` of `url` with `fetch()`'s defaults.
    pub fn new(url: &str) -> Self {
        Self {
            url: url.to_owned(),
            method: "GET".to_owned(),
            headers: Vec::new(),
            body: None,
            credentials: CredentialsMode::default(),
            mode: Mode::default(),
            redirect: RedirectMode::default(),
            initiator: InitiatorType::Fetch,
            use_cors_preflight: false,
        }
    }

    /// The request as the simulator takes it.
    pub fn init(&self) -> RequestInit {
        let mut init = RequestInit::new(&self.url)
            .method(self.method.as_str())
            .credentials(self.credentials)
            .mode(self.mode)
            .redirect(self.redirect)
            .initiator_type(self.initiator)
            .use_cors_preflight(self.use_cors_preflight);
        for (name, value) in &self.headers {
            init = init.header(name.as_str(), value.clone());
        }
        if let Some(body) = &self.body {
            init = init.body(body.clone());
        }
        init
    }

    /// The request as JSON and text show it.
    pub fn summary(&self, page: &Document) -> RequestSummary {
        let headers: Vec<[String; 2]> = self
            .headers
            .iter()
            .map(|(n, v)| [n.clone(), render::bytes_text(v)])
            .collect();
        RequestSummary {
            url: self.url.clone(),
            method: self.method.clone(),
            page: page.to_string(),
            origin: page.origin().to_string(),
            call: self.call(&headers),
            headers,
            body: self.body.clone(),
            credentials: self.credentials.as_str(),
            mode: self.mode.as_str(),
            redirect: self.redirect.as_str(),
            api: match self.initiator {
                InitiatorType::XmlHttpRequest => "XMLHttpRequest",
                _ => "fetch",
            },
        }
    }

    /// The call script makes, as JavaScript.
    fn call(&self, headers: &[[String; 2]]) -> String {
        let js = |text: &str| serde_json::to_string(text).expect("strings serialize");
        if self.initiator == InitiatorType::XmlHttpRequest {
            let mut lines = vec![format!("xhr.open({}, {})", js(&self.method), js(&self.url))];
            if self.credentials == CredentialsMode::Include {
                lines.push("xhr.withCredentials = true".to_owned());
            }
            for [name, value] in headers {
                lines.push(format!("xhr.setRequestHeader({}, {})", js(name), js(value)));
            }
            if self.use_cors_preflight {
                lines.push("xhr.upload.onprogress = …".to_owned());
            }
            lines.push(match &self.body {
                Some(body) => format!("xhr.send({})", js(body)),
                None => "xhr.send()".to_owned(),
            });
            return lines.join("; ");
        }
        let mut options = Vec::new();
        if self.method != "GET" {
            options.push(format!("method: {}", js(&self.method)));
        }
        if !headers.is_empty() {
            let list: Vec<String> = headers
                .iter()
                .map(|[n, v]| format!("{}: {}", js(n), js(v)))
                .collect();
            options.push(format!("headers: {{{}}}", list.join(", ")));
        }
        if let Some(body) = &self.body {
            options.push(format!("body: {}", js(body)));
        }
        if self.credentials != CredentialsMode::SameOrigin {
            options.push(format!("credentials: {}", js(self.credentials.as_str())));
        }
        if self.mode != Mode::Cors {
            options.push(format!("mode: {}", js(self.mode.as_str())));
        }
        if self.redirect != RedirectMode::Follow {
            options.push(format!("redirect: {}", js(self.redirect.as_str())));
        }
        let options = if options.is_empty() {
            String::new()
        } else {
            format!(", {{{}}}", options.join(", "))
        };
        format!("fetch({}{options})", js(&self.url))
    }
}

/// What script passed.
#[derive(Debug, Clone, Serialize)]
pub struct RequestSummary {
    pub url: String,
    pub method: String,
    pub page: String,
    pub origin: String,
    pub headers: Vec<[String; 2]>,
    pub body: Option<String>,
    pub credentials: &'static str,
    pub mode: &'static str,
    pub redirect: &'static str,
    pub api: &'static str,
    pub call: String,
}

/// A response as a situation states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerSpec {
    pub status: u16,
    pub headers: Vec<(String, String)>,
}

impl AnswerSpec {
    pub fn new(status: u16, headers: Vec<(String, String)>) -> Self {
        Self { status, headers }
    }

    pub fn push(&mut self, name: &str, value: &str) {
        self.headers.push((name.to_owned(), value.to_owned()));
    }

    /// The response as the simulator takes it.
    pub fn reply(&self) -> Reply {
        let mut list = HeaderList::new();
        for (name, value) in &self.headers {
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::normalize(value.as_bytes()),
            ) {
                list.append(name, value);
            }
        }
        Reply::Response {
            status: self.status,
            headers: list,
        }
    }
}

/// What a request got, and where that answer comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    /// `None`: no response (the connection failed).
    pub status: Option<u16>,
    pub headers: Vec<HeaderLine>,
    pub source: String,
    #[serde(skip)]
    pub reply: Reply,
}

impl Answer {
    /// No response at all.
    pub fn none(source: &str) -> Self {
        Self {
            status: None,
            headers: Vec::new(),
            source: source.to_owned(),
            reply: Reply::NoResponse,
        }
    }

    /// `spec`, from `source`.
    pub fn from_spec(spec: &AnswerSpec, source: &str) -> Self {
        Self::from_reply(spec.reply(), source)
    }

    /// `reply`, from `source`.
    pub fn from_reply(reply: Reply, source: &str) -> Self {
        let (status, headers) = match &reply {
            Reply::Response { status, headers } => (Some(*status), render::header_lines(headers)),
            _ => (None, Vec::new()),
        };
        Self {
            status,
            headers,
            source: source.to_owned(),
            reply,
        }
    }
}

/// How one engine's fetch went.
#[derive(Debug)]
pub enum Outcome {
    /// The fetch ended.
    Done {
        result: Box<Result<FilteredResponse, NetworkError>>,
        trace: Trace,
    },
    /// `fetch()` threw before any request (a `TypeError`).
    Throws(RequestError),
    /// A request needed an answer that none gave; the steps up to its sending.
    Missing {
        request: Box<OutgoingRequest>,
        steps: Vec<Step>,
    },
}

/// One engine's run of a situation.
#[derive(Debug)]
pub struct Run {
    pub engine: Engine,
    pub hops: Vec<(OutgoingRequest, Answer)>,
    pub outcome: Outcome,
}

impl Run {
    /// Runs `request` from `page` in `engine`, `answer` giving each request's answer (`None`:
    /// none is given).
    pub fn new(
        engine: Engine,
        page: &Document,
        request: &RequestSpec,
        answer: &mut dyn FnMut(&OutgoingRequest) -> Option<Answer>,
    ) -> Self {
        let mut browser = Browser::new(engine).trace(true);
        let mut hops = Vec::new();
        let mut next = match browser.fetch(page, request.init(), Time::ZERO) {
            Ok(next) => next,
            Err(error) => {
                return Self {
                    engine,
                    hops,
                    outcome: Outcome::Throws(error),
                };
            }
        };
        loop {
            match next {
                Next::Send(pending) => {
                    let sent = pending.request().clone();
                    match answer(&sent) {
                        Some(answer) => {
                            let reply = answer.reply.clone();
                            hops.push((sent, answer));
                            next = pending.reply(&mut browser, reply, Time::ZERO);
                        }
                        None => {
                            // The steps up to this request's sending: fail it to end the fetch,
                            // and keep the trace to the step that sent it.
                            let mut ended = pending.fail(&mut browser);
                            let trace = loop {
                                match ended {
                                    Next::Send(more) => ended = more.fail(&mut browser),
                                    Next::Done(done) => break done.trace.unwrap_or_default(),
                                }
                            };
                            return Self {
                                engine,
                                hops,
                                outcome: Outcome::Missing {
                                    request: Box::new(sent),
                                    steps: until_sent(&trace),
                                },
                            };
                        }
                    }
                }
                Next::Done(done) => {
                    return Self {
                        engine,
                        hops,
                        outcome: Outcome::Done {
                            result: Box::new(done.result),
                            trace: done.trace.unwrap_or_default(),
                        },
                    };
                }
            }
        }
    }

    /// The steps of the fetch, when it got that far.
    pub fn steps(&self) -> Option<&[Step]> {
        match &self.outcome {
            Outcome::Done { trace, .. } => Some(trace.steps()),
            Outcome::Missing { steps, .. } => Some(steps),
            Outcome::Throws(_) => None,
        }
    }

    /// The last preflight this engine sent (the one a failure is about).
    fn preflight(&self) -> Option<&OutgoingRequest> {
        self.hops.iter().map(|(r, _)| r).rfind(|r| r.is_preflight())
    }
}

/// The steps of `trace` up to and including its last `Sent` step.
fn until_sent(trace: &Trace) -> Vec<Step> {
    let steps = trace.steps();
    let end = steps
        .iter()
        .rposition(|s| matches!(s, Step::Sent { .. }))
        .map_or(steps.len(), |at| at + 1);
    steps[..end].to_vec()
}

/// What script gets in one engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Readable,
    Opaque,
    Blocked,
    NoResponse,
    Throws,
    Incomplete,
}

/// One engine's verdict and why.
#[derive(Debug, Serialize)]
pub struct EngineReport {
    #[serde(serialize_with = "render::engine")]
    pub engine: Engine,
    pub verdict: Verdict,
    pub preflighted: bool,
    pub reason: Option<&'static str>,
    pub description: Option<String>,
    pub console: Option<String>,
    pub fix: Option<String>,
    pub response: Option<ScriptView>,
    pub departures: Vec<Departure>,
    pub trace: Vec<TraceStep>,
}

/// One request on the wire and its answer.
#[derive(Debug, Serialize)]
pub struct Hop {
    pub request: WireRequest,
    pub answer: Option<Answer>,
}

/// The requests that engines sending the same ones sent.
#[derive(Debug, Serialize)]
pub struct Group {
    #[serde(serialize_with = "render::engines")]
    pub engines: Vec<Engine>,
    pub hops: Vec<Hop>,
}

/// The fix for one reason.
#[derive(Debug, Serialize)]
pub struct FixReport {
    #[serde(serialize_with = "render::engines")]
    pub engines: Vec<Engine>,
    pub reason: &'static str,
    pub text: String,
    pub kind: Option<FixKind>,
    pub snippets: Vec<Snippet>,
    /// The origin a snippet names stands for the page's, which the input did not give.
    pub placeholder_origin: bool,
    pub devtools_issue: Option<DevtoolsIssue>,
    pub mdn: Option<MdnPage>,
}

/// A request that needed an answer none gave.
#[derive(Debug, Serialize)]
pub struct Missing {
    #[serde(serialize_with = "render::engines")]
    pub engines: Vec<Engine>,
    pub method: String,
    pub url: String,
    pub preflight: bool,
    /// The option that gives it.
    pub option: &'static str,
    /// The curl command that asks the server for it.
    pub curl: String,
}

/// The explanation of one fetch.
#[derive(Debug, Serialize)]
pub struct Explanation {
    pub step: Option<usize>,
    pub heading: Option<String>,
    pub expect: Option<String>,
    pub request: RequestSummary,
    pub exchange: Vec<Group>,
    pub trace: Vec<TraceStep>,
    pub engines: Vec<EngineReport>,
    pub agree: bool,
    pub fixes: Vec<FixReport>,
    pub missing: Vec<Missing>,
}

impl EngineReport {
    fn new(run: &Run) -> Self {
        let mut report = Self {
            engine: run.engine,
            verdict: Verdict::Incomplete,
            preflighted: run.hops.iter().any(|(r, _)| r.is_preflight()),
            reason: None,
            description: None,
            console: None,
            fix: None,
            response: None,
            departures: run.steps().map(departures).unwrap_or_default(),
            trace: run.steps().map(trace_steps).unwrap_or_default(),
        };
        match &run.outcome {
            Outcome::Throws(error) => {
                report.verdict = Verdict::Throws;
                report.description = Some(error.to_string());
            }
            Outcome::Missing { .. } => report.verdict = Verdict::Incomplete,
            Outcome::Done { result, trace } => match &**result {
                Ok(response) => {
                    report.verdict = if is_opaque(response) {
                        Verdict::Opaque
                    } else {
                        Verdict::Readable
                    };
                    report.response = Some(ScriptView::new(response, trace.steps()));
                }
                Err(error) => {
                    report.verdict = match error.reason {
                        cors_sim::Reason::ConnectionFailed => Verdict::NoResponse,
                        _ => Verdict::Blocked,
                    };
                    report.reason = Some(error.reason.name());
                    report.description = Some(error.reason.to_string());
                    report.console = Some(error.console_message());
                    report.fix = Some(error.fix());
                }
            },
        }
        report
    }

    /// What engines must share to agree.
    fn outcome(&self) -> (Verdict, bool, Option<&str>, Option<&Vec<String>>) {
        (
            self.verdict,
            self.preflighted,
            self.reason,
            self.response.as_ref().map(|r| &r.readable_headers),
        )
    }
}

/// The fix kind for `error`, given whether the request includes credentials.
fn fix_kind(error: &NetworkError, credentials: bool) -> Option<FixKind> {
    use cors_sim::CheckFailure as F;
    use cors_sim::Reason as R;
    let origin_kind = if credentials {
        FixKind::AllowCredentials
    } else {
        FixKind::AllowOrigin
    };
    Some(match &error.reason {
        R::Check(failure) | R::PreflightCheck(failure) => match failure {
            F::MultipleAllowOriginValues { .. } => FixKind::OneAllowOrigin,
            F::WildcardOriginNotAllowed | F::InvalidAllowCredentials { .. } => {
                FixKind::AllowCredentials
            }
            _ => origin_kind,
        },
        R::MethodDisallowedByPreflightResponse { .. } => FixKind::AllowMethod,
        R::HeaderDisallowedByPreflightResponse { .. } => FixKind::AllowHeader,
        // CORS middleware answers a preflight from an origin it does not allow with 403.
        R::PreflightInvalidStatus { status: 403 } => origin_kind,
        R::PreflightInvalidStatus { .. } => FixKind::AnswerPreflight,
        _ => return None,
    })
}

/// The method and the CORS-unsafe header names `preflight` asks for.
fn asked(preflight: Option<&OutgoingRequest>) -> (Vec<String>, Vec<String>) {
    let Some(preflight) = preflight else {
        return (Vec::new(), Vec::new());
    };
    let headers = preflight.headers();
    let method = headers
        .get_str("access-control-request-method")
        .map(|m| vec![m.into_owned()])
        .unwrap_or_default();
    let names = headers
        .get_str("access-control-request-headers")
        .map(|list| {
            list.split(',')
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty())
                .collect()
        })
        .unwrap_or_default();
    (method, names)
}

/// `arg` quoted for a POSIX shell where it needs it.
pub fn shell_quote(arg: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./:=,@".contains(c);
    if !arg.is_empty() && arg.chars().all(plain) {
        arg.to_owned()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

/// The curl command that sends `request` as the browser did.
fn curl(request: &OutgoingRequest) -> String {
    let mut words = vec!["curl".to_owned(), "-i".to_owned()];
    if request.method() != "GET" {
        words.push("-X".to_owned());
        words.push(request.method().to_string());
    }
    words.push(shell_quote(request.url().as_str()));
    for (name, value) in request.headers().iter() {
        words.push("-H".to_owned());
        words.push(shell_quote(&format!(
            "{}: {}",
            name.as_str(),
            render::bytes_text(value.as_bytes())
        )));
    }
    if let Some(body) = request.body() {
        words.push("--data-raw".to_owned());
        words.push(shell_quote(&render::bytes_text(body)));
    }
    words.join(" ")
}

impl Explanation {
    /// The explanation of `runs` (the standard's first, then the engines') of `request`.
    fn new(request: &RequestSpec, page: &Document, runs: &[Run], placeholder_origin: bool) -> Self {
        let engines: Vec<EngineReport> = runs.iter().map(EngineReport::new).collect();
        let agree = engines
            .windows(2)
            .all(|pair| pair[0].outcome() == pair[1].outcome());
        let trace = runs
            .iter()
            .find(|r| r.engine == Engine::Spec)
            .and_then(Run::steps)
            .map(trace_steps)
            .unwrap_or_default();
        let credentials = request.credentials == CredentialsMode::Include;
        let mut fixes: Vec<FixReport> = Vec::new();
        for run in runs {
            let Outcome::Done { result, .. } = &run.outcome else {
                continue;
            };
            let Err(error) = &**result else {
                continue;
            };
            let text = error.fix();
            if let Some(fix) = fixes
                .iter_mut()
                .find(|f| f.reason == error.reason.name() && f.text == text)
            {
                fix.engines.push(run.engine);
                continue;
            }
            let kind = fix_kind(error, credentials);
            let (methods, headers) = asked(run.preflight());
            let snippets = kind
                .map(|kind| {
                    snippets::snippets(
                        kind,
                        &snippets::Context {
                            origin: error.origin.clone(),
                            credentials,
                            methods,
                            headers,
                        },
                    )
                })
                .unwrap_or_default();
            let name = error.reason.name();
            fixes.push(FixReport {
                engines: vec![run.engine],
                reason: name,
                text,
                kind,
                snippets,
                placeholder_origin,
                devtools_issue: references::devtools_issue(name),
                mdn: references::mdn_page(name),
            });
        }
        let mut missing: Vec<Missing> = Vec::new();
        for run in runs {
            let Outcome::Missing { request, .. } = &run.outcome else {
                continue;
            };
            let (method, url) = (request.method().to_string(), request.url().to_string());
            match missing
                .iter_mut()
                .find(|m| m.method == method && m.url == url)
            {
                Some(known) => {
                    known.engines.push(run.engine);
                    // A browser's request rather than the standard's, for the command.
                    if known.engines.first() == Some(&Engine::Spec) && known.engines.len() == 2 {
                        known.curl = curl(request);
                    }
                }
                None => missing.push(Missing {
                    engines: vec![run.engine],
                    preflight: request.is_preflight(),
                    option: if request.is_preflight() {
                        "--preflight"
                    } else {
                        "--response"
                    },
                    curl: curl(request),
                    method,
                    url,
                }),
            }
        }
        Self {
            step: None,
            heading: None,
            expect: None,
            request: request.summary(page),
            exchange: groups(runs),
            trace,
            engines,
            agree,
            fixes,
            missing,
        }
    }

    /// What the exit status says of this fetch.
    fn status(&self, throws_is_usage: bool) -> Status {
        let mut status = Status::Ok;
        for engine in &self.engines {
            let this = match engine.verdict {
                Verdict::Readable | Verdict::Opaque => Status::Ok,
                Verdict::Blocked | Verdict::NoResponse => Status::Blocked,
                Verdict::Throws if throws_is_usage => Status::Usage,
                Verdict::Throws => Status::Blocked,
                Verdict::Incomplete => Status::Usage,
            };
            status = worse(status, this);
        }
        status
    }
}

/// The worse of two statuses: usage, then blocked, then ok.
fn worse(a: Status, b: Status) -> Status {
    let rank = |s: Status| match s {
        Status::Ok => 0,
        Status::Blocked => 1,
        _ => 2,
    };
    if rank(b) > rank(a) { b } else { a }
}

/// The engines' requests and answers, grouped by engines that sent the same sequence.
fn groups(runs: &[Run]) -> Vec<Group> {
    let mut groups: Vec<(Vec<Engine>, &Run)> = Vec::new();
    for run in runs {
        let same = groups.iter_mut().find(|(_, other)| {
            other.hops.len() == run.hops.len()
                && other
                    .hops
                    .iter()
                    .zip(&run.hops)
                    .all(|(a, b)| a.0 == b.0 && a.1.reply == b.1.reply)
                && missing_request(other) == missing_request(run)
        });
        match same {
            Some((engines, _)) => engines.push(run.engine),
            None => groups.push((vec![run.engine], run)),
        }
    }
    groups
        .into_iter()
        .map(|(engines, run)| {
            let mut hops: Vec<Hop> = run
                .hops
                .iter()
                .map(|(request, answer)| Hop {
                    request: WireRequest::new(request),
                    answer: Some(answer.clone()),
                })
                .collect();
            if let Some(request) = missing_request(run) {
                hops.push(Hop {
                    request: WireRequest::new(request),
                    answer: None,
                });
            }
            Group { engines, hops }
        })
        .collect()
}

fn missing_request(run: &Run) -> Option<&OutgoingRequest> {
    match &run.outcome {
        Outcome::Missing { request, .. } => Some(request),
        _ => None,
    }
}

/// What was explained, as given.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Input {
    Message {
        text: String,
    },
    Request {
        url: String,
    },
    Vector {
        file: String,
        id: String,
        step: Option<usize>,
        description: Option<String>,
        #[serde(serialize_with = "serialize_profile")]
        profile: Result<Engine, String>,
    },
}

fn serialize_profile<S: serde::Serializer>(
    profile: &Result<Engine, String>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match profile {
        Ok(engine) => s.serialize_str(engine.as_str()),
        Err(name) => s.serialize_str(name),
    }
}

/// A candidate reason of a message.
#[derive(Debug, Serialize)]
pub struct Candidate {
    #[serde(serialize_with = "render::engine")]
    pub engine: Engine,
    pub reason: &'static str,
    pub description: String,
    /// Whether the situation rebuilt for it gives it in that engine.
    pub reproduced: bool,
    pub devtools_issue: Option<DevtoolsIssue>,
    pub mdn: Option<MdnPage>,
}

/// How the message was read.
#[derive(Debug, Serialize)]
pub struct Reading {
    #[serde(serialize_with = "render::engines")]
    pub engines: Vec<Engine>,
    pub url: Option<String>,
    pub initial_url: Option<String>,
    pub origin: Option<String>,
    pub status: Option<u16>,
    pub network_line: Option<message::NetworkLine>,
    pub candidates: Vec<Candidate>,
    pub explained: &'static str,
    #[serde(serialize_with = "render::engine")]
    pub explained_engine: Engine,
    /// Why that reading: `most-common`, or `asked` (--reason).
    pub chosen: &'static str,
    pub ambiguous: bool,
    pub generic: bool,
    pub questions: Vec<String>,
    pub said: Vec<String>,
    pub implied: Vec<String>,
    pub assumed: Vec<String>,
}

/// Everything `explain` found.
#[derive(Debug, Serialize)]
pub struct Report {
    format: &'static str,
    pub input: Input,
    pub reading: Option<Reading>,
    pub answers: Vec<answers::Given>,
    pub notes: Vec<String>,
    pub explanations: Vec<Explanation>,
    pub exit_status: Status,
}

/// A usage error: said on standard error, exit status 2.
fn usage(message: &str) -> Status {
    render::err(&format!("error: {}\n", render::printable(message)));
    Status::Usage
}

/// Reads a file, or standard input for `-`.
fn read_input(path: &str) -> Result<String, String> {
    if path == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        return Ok(text);
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Whether `input` names a vector: `FILE#ID` whose FILE exists or is a `.json` file.
fn vector_input(input: &str) -> Option<(&str, &str)> {
    let (file, id) = input.rsplit_once('#')?;
    (!file.is_empty()
        && !id.is_empty()
        && !file.contains(char::is_whitespace)
        && (Path::new(file).is_file() || file.ends_with(".json")))
    .then_some((file, id))
}

/// `cors-sim explain`: explains and prints.
pub fn run(args: &Args) -> Status {
    let request_flags = args.method.is_some()
        || !args.headers.is_empty()
        || args.data.is_some()
        || args.credentials.is_some()
        || args.mode.is_some()
        || args.redirect.is_some()
        || !args.preflight.is_empty()
        || !args.response.is_empty();
    let page = args.page.as_ref().or(args.origin.as_ref());
    let report = if let Some((file, id)) = vector_input(&args.input) {
        if request_flags || page.is_some() || args.reason.is_some() {
            return usage(
                "a vector states its page, request and server: --origin, --page, the request's \
                 options, --preflight, --response and --reason do not apply to FILE#ID",
            );
        }
        vector::explain(file, id)
    } else if is_url(&args.input) {
        if args.reason.is_some() {
            return usage("--reason picks a reading of a message; a URL has none");
        }
        let Some(page) = page else {
            return usage(
                "a URL needs the page that fetches it: --origin ORIGIN or --page URL (to \
                 explain a console message, quote the whole message)",
            );
        };
        request_form(args, page)
    } else {
        if request_flags {
            return usage(
                "-X, -H, --data, --credentials, --mode, --redirect, --preflight and --response \
                 describe a request: give its URL instead of a message",
            );
        }
        let text = if args.input == "-" {
            match read_input("-") {
                Ok(text) => text,
                Err(e) => return usage(&e),
            }
        } else {
            args.input.clone()
        };
        message_form(&text, page, args.reason.as_deref())
    };
    match report {
        Ok(report) => {
            match args.format {
                Format::Text => render::out(&text::report(&report)),
                Format::Json => render::json(&report),
            }
            report.exit_status
        }
        Err(error) => usage(&error),
    }
}

/// Whether `input` is a URL (one word that parses as an absolute URL).
fn is_url(input: &str) -> bool {
    !input.contains(char::is_whitespace)
        && input.contains(':')
        && cors_sim::url::Url::parse(input).is_ok()
}

/// Form 1: a console message.
fn message_form(
    text: &str,
    page: Option<&Document>,
    reason: Option<&str>,
) -> Result<Report, String> {
    let Some(read) = message::read(text) else {
        return Err(format!(
            "cors-sim cannot read this as a console message of a blocked fetch: {:?}. It reads \
             Chromium's, Firefox's and Safari's CORS messages (and their older wordings) and \
             Chromium's `net::ERR_…` line; for a request and the server's answers, give the URL \
             with --origin and --response FILE",
            clip(text)
        ));
    };
    if let (Some(named), Some(page)) = (&read.origin, page)
        && page.origin().to_string() != *named
    {
        return Err(format!(
            "the message names the page's origin {named}; --origin and --page are for a \
             message that names none (or for the page's URL on that origin)"
        ));
    }
    let candidates = reproduced(&read, page);
    let any_reproduced = candidates.iter().any(|(_, _, r)| *r);
    let kept: Vec<&(Engine, &cors_sim::Reason, bool)> = candidates
        .iter()
        .filter(|(_, _, reproduced)| *reproduced || !any_reproduced)
        .collect();
    let chosen = match reason {
        Some(name) => kept
            .iter()
            .find(|(_, r, _)| r.name().eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                let names: Vec<&str> = kept.iter().map(|(_, r, _)| r.name()).collect();
                format!(
                    "--reason {name}: the message reads as {} only",
                    names.join(", ")
                )
            })?,
        None => kept
            .iter()
            .min_by_key(|(_, r, _)| message::rank(r.name()))
            .expect("a message read has a candidate"),
    };
    let (engine, chosen_reason, _) = **chosen;
    let rebuilt = message::rebuild(&read, chosen_reason, page);
    let runs: Vec<Run> = ENGINES
        .iter()
        .map(|e| {
            Run::new(*e, &rebuilt.page, &rebuilt.request, &mut |r| {
                Some(rebuilt.server.answer(r))
            })
        })
        .collect();
    let placeholder_origin = page.is_none() && read.origin.is_none();
    let explanation = Explanation::new(&rebuilt.request, &rebuilt.page, &runs, placeholder_origin);
    let kept_names: Vec<&str> = kept.iter().map(|(_, r, _)| r.name()).collect();
    let mut engines: Vec<Engine> = Vec::new();
    for (e, _, _) in &kept {
        if !engines.contains(e) {
            engines.push(*e);
        }
    }
    let reading = Reading {
        engines,
        url: read.url.clone(),
        initial_url: read.initial_url.clone(),
        origin: read.origin.clone(),
        status: read.status,
        network_line: read.network.clone(),
        candidates: candidates
            .iter()
            .map(|(engine, reason, reproduced)| Candidate {
                engine: *engine,
                reason: reason.name(),
                description: describe(reason),
                reproduced: *reproduced,
                devtools_issue: references::devtools_issue(reason.name()),
                mdn: references::mdn_page(reason.name()),
            })
            .collect(),
        explained: chosen_reason.name(),
        explained_engine: engine,
        chosen: if reason.is_some() {
            "asked"
        } else {
            "most-common"
        },
        ambiguous: kept.len() > 1 || read.generic,
        generic: read.generic,
        questions: if kept.len() > 1 || read.generic {
            message::questions(&kept_names, read.generic, engine)
        } else {
            Vec::new()
        },
        said: rebuilt.said,
        implied: rebuilt.implied,
        assumed: rebuilt.assumed,
    };
    let exit_status = explanation.status(true);
    Ok(Report {
        format: "cors-sim-explain/1",
        input: Input::Message {
            text: text.to_owned(),
        },
        reading: Some(reading),
        answers: Vec::new(),
        notes: Vec::new(),
        explanations: vec![explanation],
        exit_status,
    })
}

/// Each candidate of `read`, and whether the situation rebuilt for it gives it in the engine
/// whose console printed the message.
fn reproduced<'r>(
    read: &'r message::Read,
    page: Option<&Document>,
) -> Vec<(Engine, &'r cors_sim::Reason, bool)> {
    read.candidates
        .iter()
        .map(|(engine, candidate)| {
            let rebuilt = message::rebuild(read, candidate, page);
            let run = Run::new(*engine, &rebuilt.page, &rebuilt.request, &mut |r| {
                Some(rebuilt.server.answer(r))
            });
            let reproduced = matches!(
                &run.outcome,
                Outcome::Done { result, .. }
                    if result.as_ref().as_ref().is_err_and(|e| e.reason.name() == candidate.name())
            );
            (*engine, candidate, reproduced)
        })
        .collect()
}

/// A reason described with the values the message showed (an empty one left out).
fn describe(reason: &cors_sim::Reason) -> String {
    use cors_sim::Reason as R;
    match reason {
        R::PreflightInvalidStatus { status: 0 } => {
            "the preflight response's status is not an ok status".to_owned()
        }
        R::PreflightDisallowedRedirect { status: 0 } => {
            "the preflight response is a redirect".to_owned()
        }
        // The descriptions quote the value: one the message does not show is `…`.
        _ if message::value_of(reason).is_empty() => reason.to_string().replace("''", "'…'"),
        _ => reason.to_string(),
    }
}

/// The first 120 characters of `text`, for an error message.
fn clip(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(120) {
        Some((at, _)) => format!("{}…", &one_line[..at]),
        None => one_line,
    }
}

/// Form 2: a request and the server's answers.
fn request_form(args: &Args, page: &Document) -> Result<Report, String> {
    let mut request = RequestSpec::new(&args.input);
    if let Some(method) = &args.method {
        request.method = method.clone();
    }
    request.headers = args
        .headers
        .iter()
        .map(|(n, v)| (n.clone(), v.as_bytes().to_vec()))
        .collect();
    request.body = args.data.clone();
    request.credentials = args.credentials.unwrap_or_default();
    request.mode = args.mode.unwrap_or_default();
    request.redirect = args.redirect.unwrap_or_default();
    if args
        .preflight
        .iter()
        .chain(&args.response)
        .filter(|f| *f == "-")
        .count()
        > 1
    {
        return Err("only one of --preflight and --response can read standard input".into());
    }
    let mut given = Vec::new();
    let read = |files: &[String]| -> Result<Vec<answers::Given>, String> {
        let mut all = Vec::new();
        for file in files {
            let text = read_input(file)?;
            let name = if file == "-" { "standard input" } else { file };
            all.extend(answers::parse(name, &text)?);
        }
        Ok(all)
    };
    let preflights = read(&args.preflight)?;
    let responses = read(&args.response)?;
    let mut notes = Vec::new();
    for answer in preflights.iter().chain(&responses) {
        for line in &answer.unread {
            notes.push(format!("{}: {line}", answer.source));
        }
        if answer.status_assumed {
            notes.push(format!(
                "{}: no status line: 200 is assumed (add `HTTP/1.1 <status>` or `Status Code: \
                 <status>`)",
                answer.source
            ));
        }
    }
    for answer in &responses {
        if answer.request_method.as_deref() == Some("OPTIONS") {
            notes.push(format!(
                "{}: says `Request Method: OPTIONS`: it is a preflight's answer; give it with \
                 --preflight",
                answer.source
            ));
        }
    }
    let mut used = (0, 0);
    let runs: Vec<Run> = ENGINES
        .iter()
        .map(|engine| {
            let (mut p, mut r) = (0, 0);
            let run = Run::new(*engine, page, &request, &mut |sent| {
                let (list, next) = if sent.is_preflight() {
                    (&preflights, &mut p)
                } else {
                    (&responses, &mut r)
                };
                let answer = list.get(*next)?;
                *next += 1;
                Some(Answer::from_reply(answer.reply(), &answer.source))
            });
            used = (used.0.max(p), used.1.max(r));
            run
        })
        .collect();
    let stopped = runs
        .iter()
        .any(|run| matches!(run.outcome, Outcome::Missing { .. }));
    for (list, count, what) in [
        (&preflights, used.0, "preflight"),
        (&responses, used.1, "request"),
    ] {
        for unused in list.iter().skip(count) {
            let why = if stopped {
                "the fetch stopped at the answer missing below"
            } else if what == "preflight" && count == 0 {
                "no engine sent a preflight (the request is CORS-safelisted, or the fetch ended \
                 before one)"
            } else {
                "no engine made that many requests"
            };
            notes.push(format!(
                "{}: not used as a {what}'s answer: {why}",
                unused.source
            ));
        }
    }
    given.extend(preflights);
    given.extend(responses);
    let explanation = Explanation::new(&request, page, &runs, false);
    let exit_status = explanation.status(true);
    Ok(Report {
        format: "cors-sim-explain/1",
        input: Input::Request {
            url: args.input.clone(),
        },
        reading: None,
        answers: given,
        notes,
        explanations: vec![explanation],
        exit_status,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cors_sim::{CheckFailure, Reason};

    /// The situation for `reason` that a message from `origin` about `url` implies.
    fn read_for(reason: &Reason, engine: Engine, xhr: bool, redirected: bool) -> message::Read {
        let special = matches!(
            reason,
            Reason::CorsDisabledScheme
                | Reason::InvalidDataUrl
                | Reason::BadPort
                | Reason::MixedContent
        );
        message::Read {
            url: (!special).then(|| "https://api.example.com/v1/items?q=1".to_owned()),
            initial_url: redirected.then(|| "https://old.example.com/items".to_owned()),
            origin: Some(match reason {
                Reason::MixedContent => "https://app.example".to_owned(),
                _ => "http://localhost:3000".to_owned(),
            }),
            status: None,
            initiator: Some(if xhr {
                InitiatorType::XmlHttpRequest
            } else {
                InitiatorType::Fetch
            }),
            network: None,
            candidates: vec![(engine, reason.clone())],
            generic: false,
        }
    }

    /// Every reason, in every engine's words, for fetch() and XMLHttpRequest, and redirected
    /// for the CORS check's failures: the situation rebuilt for the reason gives it in that
    /// engine, the console line the engine prints for it reads back with the reason among
    /// the readings explain keeps, and explaining that reading gives the reason again.
    #[test]
    fn every_rendered_message_round_trips_through_explain() {
        let mut checked = 0;
        for reason in message::every_reason() {
            for engine in ENGINES {
                for xhr in [false, true] {
                    for redirected in [false, true] {
                        if redirected && !matches!(reason, Reason::Check(_)) {
                            continue;
                        }
                        let read = read_for(&reason, engine, xhr, redirected);
                        let rebuilt = message::rebuild(&read, &reason, None);
                        let run = Run::new(engine, &rebuilt.page, &rebuilt.request, &mut |r| {
                            Some(rebuilt.server.answer(r))
                        });
                        let Outcome::Done { result, .. } = &run.outcome else {
                            panic!("{engine} {}: {:?}", reason.name(), run.outcome);
                        };
                        let Err(error) = &**result else {
                            panic!("{engine} {}: not blocked", reason.name());
                        };
                        assert_eq!(
                            error.reason.name(),
                            reason.name(),
                            "{engine} redirected={redirected}"
                        );
                        let console = error.console_message();
                        let report = message_form(&console, None, Some(reason.name()))
                            .unwrap_or_else(|e| panic!("{engine} {console:?}: {e}"));
                        let reading = report.reading.as_ref().unwrap();
                        assert_eq!(reading.explained, reason.name(), "{console}");
                        let got = report.explanations[0]
                            .engines
                            .iter()
                            .find(|r| r.engine == reading.explained_engine)
                            .unwrap();
                        assert_eq!(got.reason, Some(reason.name()), "{engine} {console}");
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, (Reason::NAMES.len() + 6) * 4 * 2);
    }

    #[test]
    fn a_webkit_line_alone_is_ambiguous_and_says_what_decides() {
        let report = message_form(
            "[Error] Origin http://localhost:5173 is not allowed by Access-Control-Allow-Origin. \
             Status code: 200",
            None,
            None,
        )
        .unwrap();
        let reading = report.reading.unwrap();
        assert!(reading.ambiguous);
        assert_eq!(reading.explained, "MissingAllowOriginHeader");
        assert!(
            reading.questions.iter().any(|q| q.starts_with(
                "What did the server send in Access-Control-Allow-Origin: nothing \
                 (MissingAllowOriginHeader)"
            )),
            "{:?}",
            reading.questions
        );
        assert_eq!(report.exit_status, Status::Blocked);
    }

    #[test]
    fn a_value_the_message_names_is_the_servers_answer() {
        let report = message_form(
            "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote \
             resource at https://api.example.com/data. (Reason: CORS header \
             ‘Access-Control-Allow-Origin’ does not match ‘https://other.example’).",
            None,
            None,
        )
        .unwrap();
        let reading = report.reading.unwrap();
        // Firefox prints this for an invalid value and for another origin, on the response or
        // the preflight's: the value decides the first, not the second.
        assert_eq!(reading.explained, "AllowOriginMismatch");
        let kept: Vec<&str> = reading
            .candidates
            .iter()
            .filter(|c| c.reproduced)
            .map(|c| c.reason)
            .collect();
        assert_eq!(
            kept,
            ["AllowOriginMismatch", "PreflightAllowOriginMismatch"]
        );
        assert!(reading.ambiguous);
        let hops = &report.explanations[0].exchange[0].hops;
        let answer = hops[0].answer.as_ref().unwrap();
        assert!(
            answer.headers.contains(&HeaderLine(
                "access-control-allow-origin".into(),
                "https://other.example".into()
            )),
            "{answer:?}"
        );
        // Placeholders are said to be assumed.
        assert!(
            reading
                .assumed
                .iter()
                .any(|a| a.contains("https://your-page.example stands for it"))
        );
    }

    #[test]
    fn the_page_given_must_be_the_messages() {
        let message = "Access to fetch at 'https://api.example.com/' from origin \
                       'https://app.example' has been blocked by CORS policy: No \
                       'Access-Control-Allow-Origin' header is present on the requested resource.";
        let other = Document::new("https://other.example/".parse().unwrap());
        assert!(message_form(message, Some(&other), None).is_err());
        let page = Document::new("https://app.example/settings".parse().unwrap());
        let report = message_form(message, Some(&page), None).unwrap();
        assert_eq!(
            report.explanations[0].request.page,
            "https://app.example/settings"
        );
        let _ = CheckFailure::MissingAllowOriginHeader;
    }
}
