//! `cors-sim`: the command-line tool.
//!
//! `cors-sim vectors FILE...` runs `cors-vectors/1` files and prints every failure, then
//! `N passed, M failed` (and `, K skipped` when vectors were skipped). It exits with status 1
//! when anything failed or a file could not be read.

use cors_sim::testing::vectors::{VectorFile, Verdict};
use std::process::ExitCode;

const USAGE: &str = "usage: cors-sim vectors FILE...\n\n\
    Runs every vector of each cors-vectors/1 file through the simulator,\n\
    prints each failure, and ends with `N passed, M failed`.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.split_first() {
        Some((command, files)) if command == "vectors" && !files.is_empty() => vectors(files),
        Some((flag, _)) if flag == "-h" || flag == "--help" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// `text` with control characters escaped, so that a vector file cannot write terminal escapes or
/// fake lines of the report.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn vectors(files: &[String]) -> ExitCode {
    let (mut passed, mut failed, mut skipped, mut unreadable) = (0, 0, 0, 0);
    for path in files {
        let file = std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|text| VectorFile::parse(&text).map_err(|e| e.to_string()));
        let file = match file {
            Ok(file) => file,
            Err(e) => {
                eprintln!("{}", printable(&format!("{path}: {e}")));
                unreadable += 1;
                continue;
            }
        };
        let report = file.run();
        for outcome in &report.outcomes {
            if let Verdict::Failed(mismatches) = &outcome.verdict {
                for mismatch in mismatches {
                    let line = format!("{path}: {}: {mismatch}", outcome.id);
                    println!("FAIL {}", printable(&line));
                    if let Some(detail) = &mismatch.detail {
                        for line in detail.lines() {
                            println!("    {}", printable(line));
                        }
                    }
                }
            }
        }
        passed += report.passed();
        failed += report.failed();
        skipped += report.skipped();
    }
    if unreadable > 0 {
        println!("{unreadable} file(s) could not be run");
    }
    if skipped > 0 {
        println!("{passed} passed, {failed} failed, {skipped} skipped");
    } else {
        println!("{passed} passed, {failed} failed");
    }
    if failed > 0 || unreadable > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
