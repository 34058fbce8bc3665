//! `cors-sim vectors FILE...`: runs `cors-vectors/1` files and reports every failure — the
//! mismatch and what happened in the step (the reason, the console line, the fix and the trace)
//! — then `N passed, M failed` (and `, K skipped` when vectors were skipped).

use crate::Status;
use crate::render::{self, Format};
use cors_sim::testing::vectors::{Mismatch, VectorFile, Verdict};
use serde::Serialize;
use std::path::PathBuf;

const JSON_FIELDS: &str = "\
JSON (--format json), one object, format \"cors-sim-vectors/1\":
  files[]      path; error (why the file could not be run, or null); passed, failed, skipped;
               failures[]: id, step (or null), field, expected, got, detail (what happened in
               the step: the reason, console line, fix and trace; or null)
  passed, failed, skipped, unreadable   the totals
  exit_status  0 or 1, as below";

/// `cors-sim vectors`.
#[derive(Debug, Clone, clap::Args)]
#[command(
    after_help = crate::EXIT_STATUSES,
    after_long_help = format!("{JSON_FIELDS}\n\n{}", crate::EXIT_STATUSES),
)]
pub struct Args {
    /// The cors-vectors/1 files to run (see docs/vectors.md).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: Format,
}

/// What running the files gave.
#[derive(Debug, Serialize)]
pub struct VectorsReport {
    format: &'static str,
    pub files: Vec<FileReport>,
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    pub unreadable: usize,
    pub exit_status: Status,
}

/// What running one file gave.
#[derive(Debug, Serialize)]
pub struct FileReport {
    pub path: String,
    pub error: Option<String>,
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    pub failures: Vec<Failure>,
}

/// One expectation of a vector that did not hold.
#[derive(Debug, Serialize)]
pub struct Failure {
    pub id: String,
    pub step: Option<usize>,
    pub field: String,
    pub expected: String,
    pub got: String,
    pub detail: Option<String>,
    /// The one-line form, for the text report.
    #[serde(skip)]
    pub mismatch: String,
}

impl Failure {
    fn new(id: &str, mismatch: &Mismatch) -> Self {
        Self {
            id: id.to_owned(),
            step: mismatch.step,
            field: mismatch.field.clone(),
            expected: mismatch.expected.clone(),
            got: mismatch.got.clone(),
            detail: mismatch.detail.clone(),
            mismatch: mismatch.to_string(),
        }
    }
}

/// Runs one file.
fn run_file(path: &PathBuf) -> FileReport {
    let mut report = FileReport {
        path: path.display().to_string(),
        error: None,
        passed: 0,
        failed: 0,
        skipped: 0,
        failures: Vec::new(),
    };
    let file = std::fs::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|text| VectorFile::parse(&text).map_err(|e| e.to_string()));
    let file = match file {
        Ok(file) => file,
        Err(error) => {
            report.error = Some(error);
            return report;
        }
    };
    let run = file.run();
    for outcome in &run.outcomes {
        if let Verdict::Failed(mismatches) = &outcome.verdict {
            report
                .failures
                .extend(mismatches.iter().map(|m| Failure::new(&outcome.id, m)));
        }
    }
    report.passed = run.passed();
    report.failed = run.failed();
    report.skipped = run.skipped();
    report
}

/// `cors-sim vectors`: runs and prints.
pub fn run(args: &Args) -> Status {
    let files: Vec<FileReport> = args.files.iter().map(run_file).collect();
    let sum = |count: fn(&FileReport) -> usize| files.iter().map(count).sum::<usize>();
    let (passed, failed, skipped) = (sum(|f| f.passed), sum(|f| f.failed), sum(|f| f.skipped));
    let unreadable = files.iter().filter(|f| f.error.is_some()).count();
    let exit_status = if failed > 0 || unreadable > 0 {
        Status::Blocked
    } else {
        Status::Ok
    };
    let report = VectorsReport {
        format: "cors-sim-vectors/1",
        files,
        passed,
        failed,
        skipped,
        unreadable,
        exit_status,
    };
    match args.format {
        Format::Text => {
            let (stdout, stderr) = render::vectors_text(&report);
            render::err(&stderr);
            render::out(&stdout);
        }
        Format::Json => render::json(&report),
    }
    exit_status
}
