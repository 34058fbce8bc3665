//! Runs every vector file in `spec-vectors/` (and the engine recordings under
//! `spec-vectors/recorded/`) through the `cors-vectors/1` runner, the same code path as
//! `cors-sim vectors`.
//!
//! Recorded vectors whose engine behaviour the profiles do not model yet are listed, with the
//! reason, in `spec-vectors/recorded/known-differences.txt`; each listed vector must still fail
//! (a listed vector that passes is an error too, so the list only shrinks), every other one must
//! pass.

use cors_sim::vectors::{VectorFile, Verdict};
use std::collections::BTreeSet;
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

/// `engine/file.json id` for each line of the known-differences list (`#` starts a comment).
fn known_differences() -> BTreeSet<String> {
    let list =
        std::fs::read_to_string(root().join("recorded/known-differences.txt")).unwrap_or_default();
    list.lines()
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .filter(|line| !line.is_empty())
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn every_spec_vector_passes() {
    let root = root();
    let mut files = Vec::new();
    vector_files(&root, &mut files);
    files.sort();
    assert!(!files.is_empty());
    let mut known = known_differences();
    let mut problems = Vec::new();
    let mut passed = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let report = VectorFile::parse(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .run();
        let relative = path.strip_prefix(root.join("recorded")).ok();
        for outcome in &report.outcomes {
            let listed = relative
                .map(|r| format!("{} {}", r.display(), outcome.id))
                .is_some_and(|key| known.remove(&key));
            match (&outcome.verdict, listed) {
                (Verdict::Failed(_), true) | (Verdict::Skipped(_), _) if relative.is_some() => {}
                (Verdict::Passed, false) => passed += 1,
                (Verdict::Passed, true) => problems.push(format!(
                    "{}: {}: passes now; remove it from known-differences.txt",
                    path.display(),
                    outcome.id
                )),
                (Verdict::Failed(mismatches), _) => {
                    for m in mismatches {
                        problems.push(format!("{}: {}: {m}", path.display(), outcome.id));
                    }
                }
                (Verdict::Skipped(reason), _) => problems.push(format!(
                    "{}: {}: skipped: {reason}",
                    path.display(),
                    outcome.id
                )),
            }
        }
    }
    for stale in known {
        problems.push(format!("known-differences.txt names no vector: {stale}"));
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
