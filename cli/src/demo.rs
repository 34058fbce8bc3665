//! `cors-sim demo`: real HTTP servers on 127.0.0.1 (axum, with tower-http's `CorsLayer` where a
//! framework would use it) configured as the situations people hit, each probed exactly as
//! `cors-sim probe` would: a heading, the command, then what `probe` prints.

use crate::Status;
use crate::probe::{self, Report};
use crate::render::{self, Format};
use axum::Router;
use axum::http::header::{ACCESS_CONTROL_ALLOW_ORIGIN, CONTENT_TYPE};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::routing::{get, put};
use clap::Parser;
use cors_sim::client::{Client, ClientConfig, Resolve};
use serde::Serialize;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

const JSON_FIELDS: &str = "\
JSON (--format json), one object, format \"cors-sim-demo/1\":
  servers[]     host (the name the URLs use) and port (where it listens on 127.0.0.1)
  situations[]  id, heading, command (the probe arguments), probe (what `cors-sim probe
                --format json` prints for it: see `cors-sim probe --help`)
  exit_status   0 (3 if a demo server could not be reached)";

/// `cors-sim demo`.
#[derive(Debug, Clone, clap::Args)]
#[command(
    after_help = crate::EXIT_STATUSES,
    after_long_help = format!("{JSON_FIELDS}\n\n{}", crate::EXIT_STATUSES),
)]
pub struct Args {
    /// Keep the servers running (until interrupted) and print a probe command for each
    /// situation, to run from another terminal.
    #[arg(long)]
    pub serve: bool,
    /// Output format.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: Format,
}

/// One situation: what it shows, and the probe that shows it.
#[derive(Debug, Serialize)]
pub struct Situation {
    pub id: &'static str,
    pub heading: &'static str,
    pub command: Vec<&'static str>,
}

impl Situation {
    /// The probe's arguments as a shell would take them.
    pub fn command_line(&self) -> String {
        shell_line(self.command.iter().copied())
    }
}

/// Arguments as one POSIX shell line.
fn shell_line<'a>(args: impl IntoIterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = args.into_iter().map(shell_quote).collect();
    quoted.join(" ")
}

/// `arg` quoted for a POSIX shell where it needs it.
fn shell_quote(arg: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./:=,@".contains(c);
    if !arg.is_empty() && arg.chars().all(plain) {
        arg.to_owned()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

const PAGE: &str = "http://localhost:3000";
const JSON_PUT: [&str; 6] = [
    "-X",
    "PUT",
    "-H",
    "Content-Type: application/json",
    "--data",
    r#"{"done":true}"#,
];

/// The situations, in the order the demo shows them.
pub fn situations() -> Vec<Situation> {
    let situation = |id, heading, command: &[&'static str]| Situation {
        id,
        heading,
        command: command.to_vec(),
    };
    let put = |url: &'static str| {
        let mut command = vec![url, "--origin", PAGE];
        command.extend(JSON_PUT);
        command
    };
    vec![
        situation(
            "origin-not-allowed",
            "An API that allows only https://yoursite.com, fetched by a page at \
             http://localhost:3000: blocked",
            &["http://api.example.com/data", "--origin", PAGE],
        ),
        situation(
            "wildcard",
            "An API that answers `Access-Control-Allow-Origin: *`: any page may read it",
            &["http://public-api.example.com/data", "--origin", PAGE],
        ),
        situation(
            "wildcard-with-credentials",
            "The same `*` API fetched with credentials: 'include': blocked",
            &[
                "http://public-api.example.com/data",
                "--origin",
                PAGE,
                "--credentials",
                "include",
            ],
        ),
        situation(
            "allow-list-with-credentials",
            "An allow-list that reflects the origin, with credentials: your page reads",
            &[
                "http://accounts.example.com/me",
                "--origin",
                PAGE,
                "--credentials",
                "include",
            ],
        ),
        situation(
            "allow-list-refuses-attacker",
            "The same allow-list refuses an attacker's page",
            &[
                "http://accounts.example.com/me",
                "--origin",
                "http://attacker.example",
                "--credentials",
                "include",
            ],
        ),
        situation(
            "options-404",
            "A framework that answers OPTIONS with 404: the preflight of a JSON PUT fails",
            &put("http://todo.example.com/todos/1"),
        ),
        situation(
            "max-age",
            "`Access-Control-Max-Age: 86400`: how long each engine skips the preflight",
            &put("http://cached.example.com/todos/1"),
        ),
    ]
}

async fn data() -> Response {
    json(r#"{"data":[1,2,3]}"#)
}

async fn me() -> Response {
    json(r#"{"user":"ada"}"#)
}

async fn todo() -> Response {
    json(r#"{"id":1,"done":true}"#)
}

fn json(body: &'static str) -> Response {
    Response::builder()
        .header(CONTENT_TYPE, "application/json")
        .body(body.into())
        .expect("a valid response")
}

/// The servers, by the host name their URLs use.
pub fn servers() -> Vec<(&'static str, Router)> {
    let page = HeaderValue::from_static(PAGE);
    vec![
        (
            "api.example.com",
            Router::new().route("/data", get(data)).layer(
                CorsLayer::new().allow_origin(HeaderValue::from_static("https://yoursite.com")),
            ),
        ),
        (
            "public-api.example.com",
            Router::new()
                .route("/data", get(data))
                .layer(CorsLayer::new().allow_origin(Any)),
        ),
        (
            "accounts.example.com",
            Router::new().route("/me", get(me)).layer(
                CorsLayer::new()
                    .allow_origin(AllowOrigin::list([
                        page.clone(),
                        HeaderValue::from_static("https://app.example.com"),
                    ]))
                    .allow_credentials(true),
            ),
        ),
        (
            // CORS headers added to every response, but no route for OPTIONS: the framework's
            // fallback answers the preflight with 404.
            "todo.example.com",
            Router::new()
                .route(
                    "/todos/{id}",
                    put(todo).fallback(|| async { StatusCode::NOT_FOUND }),
                )
                .layer(axum::middleware::map_response(
                    move |mut response: Response| {
                        let page = page.clone();
                        async move {
                            response
                                .headers_mut()
                                .insert(ACCESS_CONTROL_ALLOW_ORIGIN, page);
                            response
                        }
                    },
                )),
        ),
        (
            "cached.example.com",
            Router::new().route("/todos/{id}", put(todo)).layer(
                CorsLayer::new()
                    .allow_origin(HeaderValue::from_static(PAGE))
                    .allow_methods([Method::PUT])
                    .allow_headers([CONTENT_TYPE])
                    .max_age(Duration::from_secs(86400)),
            ),
        ),
    ]
}

/// Running servers: stopped when dropped.
pub struct Servers {
    runtime: Option<tokio::runtime::Runtime>,
    /// Each server's host name and port on 127.0.0.1.
    pub ports: Vec<(String, u16)>,
}

impl Servers {
    /// Starts each of `servers` on 127.0.0.1, on a random port.
    pub fn start(servers: Vec<(&'static str, Router)>) -> std::io::Result<Self> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()?;
        let mut ports = Vec::new();
        for (host, app) in servers {
            let listener =
                runtime.block_on(tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)))?;
            ports.push((host.to_owned(), listener.local_addr()?.port()));
            runtime.spawn(async move { axum::serve(listener, app).await });
        }
        Ok(Self {
            runtime: Some(runtime),
            ports,
        })
    }

    /// `--resolve` entries routing each host's port 80 to its server.
    pub fn routes(&self) -> Vec<Resolve> {
        self.ports
            .iter()
            .map(|(host, port)| Resolve {
                host: host.clone(),
                port: 80,
                address: SocketAddr::from((Ipv4Addr::LOCALHOST, *port)),
            })
            .collect()
    }
}

impl Drop for Servers {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_timeout(Duration::from_secs(1));
        }
    }
}

/// `probe`'s arguments, parsed as `cors-sim probe` parses them.
#[derive(Debug, Parser)]
struct ProbeCommand {
    #[command(flatten)]
    args: probe::Args,
}

/// The demo as JSON.
#[derive(Debug, Serialize)]
struct DemoReport {
    format: &'static str,
    servers: Vec<Server>,
    situations: Vec<Probed>,
    exit_status: Status,
}

#[derive(Debug, Serialize)]
struct Server {
    host: String,
    port: u16,
}

#[derive(Debug, Serialize)]
struct Probed {
    #[serde(flatten)]
    situation: Situation,
    probe: Report,
}

/// `cors-sim demo`.
pub fn run(args: &Args) -> Status {
    let servers = match Servers::start(servers()) {
        Ok(servers) => servers,
        Err(error) => {
            render::err(&format!("cors-sim demo: cannot start a server: {error}\n"));
            return Status::Unreachable;
        }
    };
    if args.serve {
        serve(&servers);
    }
    let mut config = ClientConfig::default().timeout(Duration::from_secs(5));
    for route in servers.routes() {
        config = config.resolve(route);
    }
    let client = Client::new(config);
    let mut status = Status::Ok;
    let mut probed = Vec::new();
    if args.format == Format::Text {
        render::out(&render::demo_intro(&servers.ports));
    }
    for (i, situation) in situations().into_iter().enumerate() {
        let command = ProbeCommand::parse_from(
            std::iter::once("probe").chain(situation.command.iter().copied()),
        );
        let report = probe::probe(&command.args, &client).expect("the demo's requests are valid");
        if report.exit_status == Status::Unreachable {
            status = Status::Unreachable;
        }
        if args.format == Format::Text {
            render::out(&render::situation_text(i + 1, &situation, &report));
        }
        probed.push(Probed {
            situation,
            probe: report,
        });
    }
    let ports = servers.ports.clone();
    drop(servers);
    match args.format {
        Format::Text => render::out("\nThe demo's servers are stopped.\n"),
        Format::Json => render::json(&DemoReport {
            format: "cors-sim-demo/1",
            servers: ports
                .into_iter()
                .map(|(host, port)| Server { host, port })
                .collect(),
            situations: probed,
            exit_status: status,
        }),
    }
    status
}

/// `--serve`: prints a probe command per situation and keeps the servers up until interrupted.
fn serve(servers: &Servers) -> ! {
    let mut text = String::from(
        "The demo's servers are up until you stop this (Ctrl-C). Probe them from another \
         terminal:\n",
    );
    for situation in situations() {
        let host = situation.command[0]
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap_or_default();
        let port = servers
            .ports
            .iter()
            .find(|(h, _)| h == host)
            .map_or(0, |(_, port)| *port);
        let url = situation.command[0].replacen(host, &format!("{host}:{port}"), 1);
        let resolve = format!("--resolve={host}:{port}:127.0.0.1");
        let args = std::iter::once(url.as_str())
            .chain(situation.command[1..].iter().copied())
            .chain([resolve.as_str()]);
        text.push_str(&format!(
            "\n# {}\ncors-sim probe {}\n",
            situation.heading,
            shell_line(args)
        ));
    }
    render::out(&text);
    loop {
        std::thread::park();
    }
}
