//! Runs every vector file in `spec-vectors/` (and its recordings) through the
//! `cors-vectors/1` runner, the same code path as `cors-sim vectors`.

use cors_sim::vectors::{VectorFile, Verdict};
use std::path::{Path, PathBuf};

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

#[test]
fn every_spec_vector_passes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec-vectors");
    let mut files = Vec::new();
    vector_files(&root, &mut files);
    files.sort();
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    let mut passed = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let report = VectorFile::parse(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .run();
        for outcome in &report.outcomes {
            match &outcome.verdict {
                Verdict::Failed(mismatches) => {
                    for m in mismatches {
                        failures.push(format!("{}: {}: {m}", path.display(), outcome.id));
                    }
                }
                Verdict::Skipped(reason) => failures.push(format!(
                    "{}: {}: skipped: {reason}",
                    path.display(),
                    outcome.id
                )),
                Verdict::Passed => passed += 1,
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("{passed} vectors passed in {} files", files.len());
}

#[test]
fn the_origin_corpus_is_whole() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("spec-vectors/wpt-url-origins.json"),
    )
    .unwrap();
    let report = VectorFile::parse(&text).unwrap().run();
    assert_eq!(report.outcomes.len(), 393);
    assert_eq!(report.passed(), 393);
}
