//! `cors-sim`: what Chrome, Firefox and Safari would do with a cross-origin fetch.
//!
//! One module per verb (`probe`, `demo`, `vectors`, `explain`) and one for rendering
//! (`render`): each verb builds a report, which `render` (or the verb's own `text` module)
//! prints as text or JSON; `report` holds the parts of an engine's report that `probe` and
//! `explain` share.

mod audit;
mod audit_sarif;
mod demo;
mod explain;
mod probe;
mod render;
mod report;
mod vectors;

use clap::{ColorChoice, Parser, Subcommand};
use std::process::ExitCode;

/// The exit statuses, as `--help` documents them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(into = "u8")]
pub enum Status {
    /// Readable in every selected engine; every vector passed; the demo ran.
    Ok = 0,
    /// Blocked in some engine; some vector failed or a file could not be read.
    Blocked = 1,
    /// A usage error (clap's status, and a request `fetch()` would refuse to make).
    Usage = 2,
    /// The server could not be reached: not a CORS verdict.
    Unreachable = 3,
}

impl From<Status> for u8 {
    fn from(status: Status) -> u8 {
        status as u8
    }
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(u8::from(status))
    }
}

const EXIT_STATUSES: &str = "\
Exit status:
  0  readable in every selected engine (probe, explain); every vector passed (vectors); the demo ran
  1  blocked in some engine (probe, explain); a vector failed or a file could not be read (vectors)
  2  a usage error, or a request fetch() itself would refuse to make (a TypeError)
  3  the server could not be reached or sent no valid HTTP response: not a CORS verdict";

/// What a browser does with a cross-origin request — asked of a live server, or of the
/// built-in demo, as Chrome, Firefox and Safari would each do it.
#[derive(Debug, Parser)]
#[command(name = "cors-sim", version, about, after_help = EXIT_STATUSES)]
struct Cli {
    /// When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or
    /// never.
    #[arg(long, value_name = "WHEN", default_value = "auto", global = true)]
    color: ColorChoice,

    #[command(subcommand)]
    verb: Verb,
}

#[derive(Debug, Subcommand)]
enum Verb {
    /// Send a fetch to a live server as each engine would, and say what script gets and why.
    Probe(probe::Args),
    /// Start built-in servers configured as the situations users hit, and probe each.
    Demo(demo::Args),
    /// Run cors-vectors/1 files through the simulator and print each failure.
    Vectors(vectors::Args),
    /// Find the CORS holes an attacker's page could use: each look-alike origin's real
    /// requests, run as each browser would, with severities, lints and fixes.
    Audit(audit::Args),
    /// Explain a blocked fetch offline, from a console message, the server's answers or a vector.
    ///
    /// The standard's steps with their links, the line each engine's console prints, the fix
    /// with a snippet for the common stacks, and where the engines differ and why. It never
    /// touches the network.
    Explain(explain::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    anstream::ColorChoice::write_global(match cli.color {
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
        ColorChoice::Auto => anstream::ColorChoice::Auto,
    });
    let status = match cli.verb {
        Verb::Probe(args) => probe::run(&args),
        Verb::Demo(args) => demo::run(&args),
        Verb::Vectors(args) => vectors::run(&args),
        Verb::Explain(args) => explain::run(&args),
        Verb::Audit(args) => audit::run(&args),
    };
    status.into()
}
