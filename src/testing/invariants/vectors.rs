//! Vector files through the runner, as `cors-sim vectors` runs them (feature `vectors`).

use crate::testing::vectors::{Kind, VectorFile, Verdict, printable};
use std::collections::HashSet;

/// A vector file read and run by the vector runner, as `cors-sim vectors` does with a file:
///
/// - a file the runner reads gives one outcome per vector and per skipped vector, each under
///   its vector's id, counted once as passed, failed or skipped; a malformed vector never
///   passes, and a repeated id fails;
/// - running it again gives the same verdicts;
/// - every line the tool prints for it (`FILE: ID: MISMATCH`, and each line of a mismatch's
///   detail), once escaped as the tool escapes it, is one line with no escape sequence and
///   nothing that breaks or reorders a line on a terminal.
pub fn check_vector_file(text: &str) {
    let Ok(file) = VectorFile::parse(text) else {
        return;
    };
    let report = file.run();
    let (vectors, skipped) = (file.vectors(), file.skipped());
    assert_eq!(report.outcomes.len(), vectors.len() + skipped.len());
    assert_eq!(
        report.passed() + report.failed() + report.skipped(),
        report.outcomes.len()
    );
    let ids = vectors
        .iter()
        .map(|v| &v.id)
        .chain(skipped.iter().map(|s| &s.id));
    let mut seen = HashSet::new();
    for ((id, outcome), index) in ids.zip(&report.outcomes).zip(0..) {
        assert_eq!(&outcome.id, id);
        if !seen.insert(id) {
            assert!(
                matches!(outcome.verdict, Verdict::Failed(_)),
                "{id:?} repeated"
            );
        }
        if vectors
            .get(index)
            .is_some_and(|v| matches!(v.kind, Kind::Malformed(_)))
        {
            assert!(
                !matches!(outcome.verdict, Verdict::Passed),
                "{id:?} malformed"
            );
        }
        if let Verdict::Failed(mismatches) = &outcome.verdict {
            for mismatch in mismatches {
                let mut lines = vec![format!("file.json: {id}: {mismatch}")];
                lines.extend(
                    mismatch
                        .detail
                        .iter()
                        .flat_map(|d| d.lines().map(str::to_owned)),
                );
                for line in lines {
                    // What the CLI prints of it is one line of text, with no escape sequence and
                    // nothing that breaks or reorders a line on a terminal.
                    let printed = printable(&line);
                    assert_eq!(printed.lines().count(), usize::from(!line.is_empty()));
                    assert!(
                        !printed
                            .contains(['\x1b', '\r', '\u{85}', '\u{2028}', '\u{2029}', '\u{202E}']),
                        "{printed:?}"
                    );
                }
            }
        }
    }
    let again = file.run();
    assert_eq!(
        format!("{:?}", again.outcomes),
        format!("{:?}", report.outcomes),
        "the same file ran otherwise"
    );
}
