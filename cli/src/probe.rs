//! `cors-sim probe`: one `fetch()` sent to a live server as each selected engine would send it,
//! in one client session (an identical request goes out once), and the report of what script
//! gets in each engine and why.

use crate::Status;
use crate::render::{self, Format, HeaderLine};
use crate::report::{
    Departure, ScriptView, TraceStep, WireRequest, departures, is_opaque, trace_steps,
};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use cors_sim::cache::Stored;
use cors_sim::client::{Client, ClientConfig, Hop, Probe, Resolve, TransportError};
use cors_sim::trace::Step;
use cors_sim::{
    Browser, CredentialsMode, Document, Engine, Mode, RequestError, RequestInit, Time, Trace,
};
use serde::Serialize;
use std::time::Duration;

const JSON_FIELDS: &str = "\
JSON (--format json), one object, format \"cors-sim-probe/1\":
  request        what script passed: url, method, page, origin, headers [[name, value]], body,
                 credentials, mode
  engines[]      one per selected engine, in order:
    engine         chromium, firefox, webkit or spec
    verdict        readable | opaque (no-cors: resolves, script reads nothing) | blocked |
                   unreachable (no response: not a CORS verdict)
    preflighted    whether a CORS preflight (OPTIONS) was sent
    reason         the network error's reason name (e.g. AllowOriginMismatch), or null
    description    the reason in one clause, or null
    console        the line this engine's console prints, or null
    fix            what to change, or null
    response       for a fetch that resolves: type, status, readable_headers[],
                   hidden_headers[] ({name, why}); else null
    max_age        what Access-Control-Max-Age means here: cache (stored | not-stored |
                   no-preflight | preflight-failed), seconds (how long the preflight is
                   skipped, after the cap) and asked (before it), or null; text
    departures[]   where the profile departs from the standard: step, field, effect
    dropped_headers[]  headers the browser removed from what script set: name, text
    transport_error    {method, url, kind, message} for the request that got no response
    trace[]        every step: step, text, algorithm, link
  exchange[]     the requests on the wire, grouped by the engines that sent the same ones:
    engines[], hops[] ({request {method, url, preflight, headers, body}, response {status,
    headers} or null, error {kind, message} or null, reused: the answer of an identical
    request sent earlier in this probe})
  max_age_header the preflight response's Access-Control-Max-Age value, or null
  agree          whether every engine gave the same verdict, reason and readable headers
  exit_status    0, 1 or 3, as below
Header values that are not UTF-8 have each such byte written as \\xNN.";

/// `cors-sim probe`.
#[derive(Debug, Clone, clap::Args)]
#[command(
    after_help = crate::EXIT_STATUSES,
    after_long_help = format!("{JSON_FIELDS}\n\n{}", crate::EXIT_STATUSES),
)]
pub struct Args {
    /// The URL script fetches.
    #[arg(value_name = "URL")]
    pub url: String,
    /// The origin of the page making the fetch (`http://localhost:3000`; `null` for a sandboxed
    /// page); the page is at the origin's root.
    #[arg(long, value_name = "ORIGIN", value_parser = parse_origin,
          required_unless_present = "page", conflicts_with = "page")]
    pub origin: Option<Document>,
    /// The URL of the page making the fetch, for a page not at its origin's root (its URL is
    /// the `Referer`).
    #[arg(long, value_name = "URL")]
    pub page: Option<Document>,
    /// The method, as script writes it (`fetch()` upper-cases DELETE, GET, HEAD, OPTIONS, POST
    /// and PUT only).
    #[arg(
        short = 'X',
        long = "request",
        visible_alias = "method",
        value_name = "METHOD",
        default_value = "GET"
    )]
    pub method: String,
    /// A header script sets, `Name: value`; repeatable.
    #[arg(short = 'H', long = "header", value_name = "NAME: VALUE", value_parser = parse_header)]
    pub headers: Vec<(String, String)>,
    /// A string body (it brings `Content-Type: text/plain;charset=UTF-8` unless a
    /// Content-Type header is set).
    #[arg(short = 'd', long = "data", value_name = "BODY")]
    pub data: Option<String>,
    /// The credentials mode.
    #[arg(long, value_name = "MODE", default_value = "same-origin",
          value_parser = PossibleValuesParser::new(["include", "same-origin", "omit"])
              .map(|s| s.parse::<CredentialsMode>().expect("a possible value")))]
    pub credentials: CredentialsMode,
    /// The request mode.
    #[arg(long, value_name = "MODE", default_value = "cors",
          value_parser = PossibleValuesParser::new(["cors", "no-cors", "same-origin"])
              .map(|s| s.parse::<Mode>().expect("a possible value")))]
    pub mode: Mode,
    /// The engines to ask, comma-separated or repeated: chromium, firefox, webkit, spec (the
    /// standard itself) or all (the three browsers and the standard).
    #[arg(long = "engine", value_name = "ENGINE", value_delimiter = ',',
          default_value = "chromium,firefox,webkit",
          value_parser = PossibleValuesParser::new(["chromium", "firefox", "webkit", "spec", "all"]))]
    pub engines: Vec<String>,
    #[command(flatten)]
    pub transport: TransportArgs,
    /// Also print every engine's trace: each step the standard's algorithms took.
    #[arg(long)]
    pub trace: bool,
    /// Output format.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: Format,
}

/// How requests reach the server: the flags `probe` and `audit` share.
#[derive(Debug, Clone, clap::Args)]
pub struct TransportArgs {
    /// Connect to ADDRESS for HOST:PORT, while the URL, `Host` and TLS name stay as they are
    /// (as curl's --resolve); repeatable.
    #[arg(long, value_name = "HOST:PORT:ADDRESS")]
    pub resolve: Vec<Resolve>,
    /// Accept any TLS certificate (a self-signed development one).
    #[arg(short = 'k', long)]
    pub insecure: bool,
    /// The longest each request may take, in seconds, before it counts as unanswered.
    #[arg(long, value_name = "SECS", default_value = "10", value_parser = parse_timeout)]
    pub timeout: Duration,
}

impl TransportArgs {
    /// The client these flags configure.
    pub fn client(&self) -> Client {
        let mut config = ClientConfig::default()
            .timeout(self.timeout)
            .insecure(self.insecure);
        for resolve in &self.resolve {
            config = config.resolve(resolve.clone());
        }
        Client::new(config)
    }
}

/// `--origin`, which `explain` takes too: an origin (a URL with no path, query or fragment), or
/// `null` for an opaque one.
pub fn parse_origin(text: &str) -> Result<Document, String> {
    if text == "null" {
        return Ok(Document::opaque());
    }
    let url = cors_sim::url::Url::parse(text).map_err(|e| format!("not an origin: {e}"))?;
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
        return Err(
            "an origin has no path, query or fragment (use --page for a page's URL)".into(),
        );
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("an origin has no username or password".into());
    }
    Ok(Document::new(url))
}

/// `-H`, which `explain` takes too: `Name: value`, the blanks after the colon dropped.
pub fn parse_header(text: &str) -> Result<(String, String), String> {
    let (name, value) = text
        .split_once(':')
        .ok_or_else(|| format!("{text:?} is not `Name: value`"))?;
    Ok((
        name.to_owned(),
        value.trim_start_matches([' ', '\t']).to_owned(),
    ))
}

fn parse_timeout(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))?;
    if !(seconds > 0.0 && seconds <= 3600.0) {
        return Err("the timeout is a number of seconds above 0 and at most 3600".into());
    }
    Ok(Duration::from_secs_f64(seconds))
}

impl Args {
    /// The page making the fetch.
    fn document(&self) -> &Document {
        self.page
            .as_ref()
            .or(self.origin.as_ref())
            .expect("clap requires --origin or --page")
    }

    /// What script passes to `fetch()`.
    fn init(&self) -> RequestInit {
        let mut init = RequestInit::new(&self.url)
            .method(self.method.as_str())
            .credentials(self.credentials)
            .mode(self.mode);
        for (name, value) in &self.headers {
            init = init.header(name.as_str(), value.as_str());
        }
        if let Some(body) = &self.data {
            init = init.body(body.clone());
        }
        init
    }

    /// The engines, in the order given, each once.
    fn engines(&self) -> Vec<Engine> {
        let mut engines = Vec::new();
        for name in &self.engines {
            let named: Vec<Engine> = match name.as_str() {
                "all" => vec![
                    Engine::Chromium,
                    Engine::Firefox,
                    Engine::WebKit,
                    Engine::Spec,
                ],
                other => vec![other.parse().expect("a possible value")],
            };
            for engine in named {
                if !engines.contains(&engine) {
                    engines.push(engine);
                }
            }
        }
        engines
    }

    /// The client these arguments configure.
    pub fn client(&self) -> Client {
        self.transport.client()
    }
}

/// `cors-sim probe`: probes and prints.
pub fn run(args: &Args) -> Status {
    match probe(args, &args.client()) {
        Ok(report) => {
            render::probe(&report, args.format, args.trace);
            report.exit_status
        }
        Err(error) => {
            render::refused(&error);
            Status::Usage
        }
    }
}

/// Runs the fetch `args` describe in each selected engine over `client`, in one session.
pub fn probe(args: &Args, client: &Client) -> Result<Report, RequestError> {
    let page = args.document();
    let init = args.init();
    let mut session = client.session();
    let mut probes = Vec::new();
    for engine in args.engines() {
        // A live server sees the Fetch Metadata headers every engine sends.
        let mut browser = Browser::new(engine).fetch_metadata(true);
        let probe = session.fetch(&mut browser, page, init.clone(), Time::ZERO)?;
        probes.push((engine, probe));
    }
    Ok(Report::new(args, page, &probes))
}

/// What `probe` found: everything the text and JSON forms print.
#[derive(Debug, Serialize)]
pub struct Report {
    format: &'static str,
    pub request: RequestSummary,
    pub engines: Vec<EngineReport>,
    pub exchange: Vec<Group>,
    pub max_age_header: Option<String>,
    pub agree: bool,
    pub exit_status: Status,
}

/// What script passed to `fetch()`.
#[derive(Debug, Serialize)]
pub struct RequestSummary {
    pub url: String,
    pub method: String,
    pub page: String,
    pub origin: String,
    pub headers: Vec<[String; 2]>,
    pub body: Option<String>,
    pub credentials: &'static str,
    pub mode: &'static str,
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
    pub max_age: MaxAge,
    pub departures: Vec<Departure>,
    pub dropped_headers: Vec<Dropped>,
    pub transport_error: Option<Unanswered>,
    pub trace: Vec<TraceStep>,
}

/// What script gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The fetch resolves with a response script can read.
    Readable,
    /// The fetch resolves with an opaque response (`no-cors`): script reads nothing.
    Opaque,
    /// The fetch rejects: the browser blocked it.
    Blocked,
    /// No response came: not a CORS verdict.
    Unreachable,
}

/// What `Access-Control-Max-Age` meant for this engine's fetch.
#[derive(Debug, Serialize)]
pub struct MaxAge {
    pub cache: &'static str,
    pub seconds: Option<u64>,
    pub asked: Option<u64>,
    pub text: String,
}

/// A header script set that the browser removed.
#[derive(Debug, Serialize)]
pub struct Dropped {
    pub name: String,
    pub text: String,
}

/// The request that got no response.
#[derive(Debug, Serialize)]
pub struct Unanswered {
    pub method: String,
    pub url: String,
    pub kind: &'static str,
    pub message: String,
}

/// The requests that engines sending the same ones sent.
#[derive(Debug, Serialize)]
pub struct Group {
    #[serde(serialize_with = "render::engines")]
    pub engines: Vec<Engine>,
    pub hops: Vec<HopReport>,
}

/// One request on the wire and what it got.
#[derive(Debug, Serialize)]
pub struct HopReport {
    pub request: WireRequest,
    pub response: Option<WireResponse>,
    pub error: Option<WireError>,
    pub reused: bool,
}

/// A response's status and headers.
#[derive(Debug, Serialize)]
pub struct WireResponse {
    pub status: u16,
    pub headers: Vec<HeaderLine>,
}

/// Why a request got no response.
#[derive(Debug, Serialize)]
pub struct WireError {
    pub kind: &'static str,
    pub message: String,
}

impl Report {
    fn new(args: &Args, page: &Document, probes: &[(Engine, Probe)]) -> Self {
        let engines: Vec<EngineReport> = probes
            .iter()
            .map(|(engine, probe)| EngineReport::new(*engine, probe))
            .collect();
        let agree = engines
            .windows(2)
            .all(|pair| pair[0].outcome() == pair[1].outcome());
        let exit_status = if engines.iter().any(|e| e.verdict == Verdict::Unreachable) {
            Status::Unreachable
        } else if engines.iter().any(|e| e.verdict == Verdict::Blocked) {
            Status::Blocked
        } else {
            Status::Ok
        };
        let max_age_header = probes.iter().find_map(|(_, probe)| {
            probe.hops.iter().find_map(|hop| {
                let received = hop.response.as_ref().ok()?;
                hop.request
                    .is_preflight()
                    .then(|| received.headers.get("access-control-max-age"))
                    .flatten()
                    .map(|value| render::bytes_text(&value))
            })
        });
        Self {
            format: "cors-sim-probe/1",
            request: RequestSummary {
                url: args.url.clone(),
                method: args.method.clone(),
                page: page.to_string(),
                origin: page.origin().to_string(),
                headers: args
                    .headers
                    .iter()
                    .map(|(n, v)| [n.clone(), v.clone()])
                    .collect(),
                body: args.data.clone(),
                credentials: args.credentials.as_str(),
                mode: args.mode.as_str(),
            },
            engines,
            exchange: groups(probes),
            max_age_header,
            agree,
            exit_status,
        }
    }
}

impl EngineReport {
    fn new(engine: Engine, probe: &Probe) -> Self {
        let exchange = &probe.exchange;
        let empty = Trace::default();
        let trace = exchange.trace.as_ref().unwrap_or(&empty);
        let transport_error = probe.hops.iter().find_map(|hop| {
            let error = hop.response.as_ref().err()?;
            Some(Unanswered {
                method: hop.request.method().to_string(),
                url: hop.request.url().to_string(),
                kind: kind(error),
                message: error.to_string(),
            })
        });
        let steps = trace.steps();
        let mut report = Self {
            engine,
            verdict: Verdict::Readable,
            preflighted: exchange.preflighted(),
            reason: None,
            description: None,
            console: None,
            fix: None,
            response: None,
            max_age: max_age(engine, trace, exchange.preflighted()),
            departures: departures(steps),
            dropped_headers: steps
                .iter()
                .filter_map(|step| match step {
                    Step::HeaderDropped { name, .. } => Some(Dropped {
                        name: name.clone(),
                        text: step.to_string(),
                    }),
                    _ => None,
                })
                .collect(),
            transport_error,
            trace: trace_steps(steps),
        };
        match &exchange.result {
            Ok(response) => {
                report.verdict = if is_opaque(response) {
                    Verdict::Opaque
                } else {
                    Verdict::Readable
                };
                report.response = Some(ScriptView::new(response, steps));
            }
            Err(error) => {
                report.reason = Some(error.reason.name());
                report.description = Some(error.reason.to_string());
                if report.transport_error.is_some() {
                    report.verdict = Verdict::Unreachable;
                } else {
                    report.verdict = Verdict::Blocked;
                    report.console = Some(error.console_message());
                    report.fix = Some(error.fix());
                }
            }
        }
        report
    }

    /// What engines must share to agree.
    fn outcome(&self) -> (Verdict, Option<&str>, Option<&ScriptView>) {
        (self.verdict, self.reason, self.response.as_ref())
    }
}

/// A short name for a transport error.
fn kind(error: &TransportError) -> &'static str {
    match error {
        TransportError::HostNotFound => "host-not-found",
        TransportError::Unreachable(_) => "no-connection",
        TransportError::Timeout => "timeout",
        TransportError::Unparseable(_) => "not-http",
        TransportError::TooLarge { .. } => "headers-too-large",
        TransportError::Tls(_) => "tls",
        TransportError::NotRepresentable(_) => "not-representable",
        _ => "other",
    }
}

/// What the preflight cache did for `engine` in the fetch `trace` records.
fn max_age(engine: Engine, trace: &Trace, preflighted: bool) -> MaxAge {
    let stored = trace.steps().iter().find_map(|step| match step {
        Step::CacheStored { stored, .. } => Some(*stored),
        _ => None,
    });
    let cap = engine.profile().cache.max_age_cap;
    match stored {
        Some(Stored::Stored { max_age, asked }) => {
            let mut text = format!("skips the preflight for {}", span(max_age));
            if max_age < asked {
                text.push_str(&format!(
                    ": {} asked, but its cap is {} (profile field cache.max_age_cap)",
                    span(asked),
                    span(cap.unwrap_or(max_age))
                ));
            }
            MaxAge {
                cache: "stored",
                seconds: Some(max_age.as_secs()),
                asked: Some(asked.as_secs()),
                text,
            }
        }
        Some(_) => {
            let why = trace
                .steps()
                .iter()
                .find(|step| matches!(step, Step::CacheStored { .. }))
                .map(|step| step.to_string())
                .unwrap_or_default();
            MaxAge {
                cache: "not-stored",
                seconds: None,
                asked: None,
                text: format!("caches nothing: {why}"),
            }
        }
        None if preflighted => MaxAge {
            cache: "preflight-failed",
            seconds: None,
            asked: None,
            text: "caches nothing: the preflight did not succeed".to_owned(),
        },
        None => MaxAge {
            cache: "no-preflight",
            seconds: None,
            asked: None,
            text: "sent no preflight, so there is nothing to cache".to_owned(),
        },
    }
}

/// A duration for a person: seconds, and minutes, hours or days where whole.
fn span(duration: Duration) -> String {
    let s = duration.as_secs();
    let unit = match s {
        0..60 => None,
        _ if s.is_multiple_of(86400) => Some((s / 86400, "day")),
        _ if s.is_multiple_of(3600) => Some((s / 3600, "hour")),
        _ if s.is_multiple_of(60) => Some((s / 60, "minute")),
        _ => None,
    };
    match unit {
        Some((n, unit)) => format!("{n} {unit}{} ({s} s)", if n == 1 { "" } else { "s" }),
        None if s == 1 => "1 second".to_owned(),
        None => format!("{s} seconds"),
    }
}

/// The engines' requests, grouped by engines that sent the same sequence.
fn groups(probes: &[(Engine, Probe)]) -> Vec<Group> {
    let mut groups: Vec<(Vec<Engine>, &[Hop])> = Vec::new();
    for (engine, probe) in probes {
        let same = groups.iter_mut().find(|(_, hops)| {
            hops.len() == probe.hops.len()
                && hops
                    .iter()
                    .zip(&probe.hops)
                    .all(|(a, b)| a.request == b.request)
        });
        match same {
            Some((engines, _)) => engines.push(*engine),
            None => groups.push((vec![*engine], &probe.hops)),
        }
    }
    groups
        .into_iter()
        .map(|(engines, hops)| Group {
            engines,
            hops: hops.iter().map(hop).collect(),
        })
        .collect()
}

fn hop(hop: &Hop) -> HopReport {
    let (response, error) = match &hop.response {
        Ok(received) => (
            Some(WireResponse {
                status: received.status,
                headers: render::header_lines(&received.headers),
            }),
            None,
        ),
        Err(error) => (
            None,
            Some(WireError {
                kind: kind(error),
                message: error.to_string(),
            }),
        ),
    };
    HopReport {
        request: WireRequest::new(&hop.request),
        response,
        error,
        reused: hop.reused,
    }
}
