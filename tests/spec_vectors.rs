//! Runs every vector file in `spec-vectors/` (and the engine recordings under
//! `spec-vectors/recorded/`) through the `cors-vectors/1` runner, the same code path as
//! `cors-sim vectors`. Every vector must pass: the hand-written ones under the `spec` profile,
//! each recording under its engine's profile. Only a recording may skip a vector (one the
//! recorder could not run, listed in its `skipped` array with the reason).

use cors_sim::vectors::{VectorFile, Verdict};
use std::path::{Path, PathBuf};

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

#[test]
fn every_spec_vector_passes() {
    let root = root();
    let mut files = Vec::new();
    vector_files(&root, &mut files);
    files.sort();
    assert!(!files.is_empty());
    let mut problems = Vec::new();
    let mut passed = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let report = VectorFile::parse(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .run();
        let recorded = path.starts_with(root.join("recorded"));
        for outcome in &report.outcomes {
            match &outcome.verdict {
                Verdict::Passed => passed += 1,
                Verdict::Skipped(_) if recorded => {}
                Verdict::Failed(mismatches) => {
                    for m in mismatches {
                        problems.push(format!("{}: {}: {m}", path.display(), outcome.id));
                    }
                }
                Verdict::Skipped(reason) => problems.push(format!(
                    "{}: {}: skipped: {reason}",
                    path.display(),
                    outcome.id
                )),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    println!("{passed} vectors passed in {} files", files.len());
}

#[test]
fn the_origin_corpus_is_whole() {
    let text = std::fs::read_to_string(root().join("wpt-url-origins.json")).unwrap();
    let report = VectorFile::parse(&text).unwrap().run();
    assert_eq!(report.outcomes.len(), 393);
    assert_eq!(report.passed(), 393);
}
