//! Runs every vector of `spec-vectors/` (and the engine recordings under
//! `spec-vectors/recorded/`) through the `cors-vectors/1` runner, the same code path as
//! `cors-sim vectors`, as one test per vector named `<file>::<id>`, so that
//! `cargo test --test spec_vectors -- redirect-307` runs the vectors whose name contains it and a
//! failure names its vector. The hand-written vectors pass under the `spec` profile, each
//! recording under its engine's. Only a recording may skip a vector (one the recorder could not
//! run, listed in its `skipped` array with the reason); a skip is an ignored test.

use cors_sim::testing::vectors::{Outcome, VectorFile, Verdict};
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("spec-vectors")
}

fn vector_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("spec-vectors/ exists") {
        let path = entry.unwrap().path();
        if path.is_dir() {
            vector_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "json") {
            files.push(path);
        }
    }
}

/// The test of one vector's outcome.
fn trial(name: String, outcome: Outcome, recorded: bool) -> Trial {
    let ignored = matches!(outcome.verdict, Verdict::Skipped(_)) && recorded;
    Trial::test(name, move || match outcome.verdict {
        Verdict::Passed => Ok(()),
        Verdict::Skipped(reason) if recorded => {
            Err(Failed::from(format!("skipped, yet run: {reason}")))
        }
        Verdict::Skipped(reason) => Err(Failed::from(format!("skipped: {reason}"))),
        Verdict::Failed(mismatches) => {
            let mut message = String::new();
            for mismatch in &mismatches {
                message.push_str(&format!("{mismatch}\n"));
                if let Some(detail) = &mismatch.detail {
                    message.push_str(&format!("{detail}\n"));
                }
            }
            Err(Failed::from(message))
        }
    })
    .with_ignored_flag(ignored)
}

/// One trial per vector of every file, and one per file checking that it reads.
fn trials() -> Vec<Trial> {
    let root = root();
    let mut files = Vec::new();
    vector_files(&root, &mut files);
    files.sort();
    assert!(
        !files.is_empty(),
        "no vector files under {}",
        root.display()
    );
    let mut trials = Vec::new();
    for path in files {
        let name = path
            .strip_prefix(&root)
            .unwrap()
            .with_extension("")
            .to_string_lossy()
            .replace(std::path::MAIN_SEPARATOR, "/");
        let recorded = path.starts_with(root.join("recorded"));
        let text = std::fs::read_to_string(&path).unwrap();
        let file = match VectorFile::parse(&text) {
            Ok(file) => Arc::new(file),
            Err(e) => {
                let message = format!("{}: {e}", path.display());
                trials.push(Trial::test(name, move || Err(message.into())));
                continue;
            }
        };
        for outcome in file.run().outcomes {
            trials.push(trial(format!("{name}::{}", outcome.id), outcome, recorded));
        }
    }
    trials
}

fn main() {
    let args = Arguments::from_args();
    let mut trials = trials();
    // The origin corpus is whole: every URL of web-platform-tests' data that has an origin.
    let origins = trials
        .iter()
        .filter(|t| t.name().starts_with("wpt-url-origins::"))
        .count();
    trials.push(Trial::test("wpt-url-origins (393 vectors)", move || {
        if origins == 393 {
            Ok(())
        } else {
            Err(format!("{origins} origin vectors, not 393").into())
        }
    }));
    libtest_mimic::run(&args, trials).exit();
}
