//! The scenario corpus through the runner: every vector of kind `scenario` under
//! `spec-vectors/` (the files written from the standard, the recordings of each engine and the
//! probes), parsed once outside the timing, run as `cors-sim vectors` runs them. Criterion's
//! throughput line gives vectors per second; the time per vector is printed beside the count.
//! Target: at most 2 µs per vector.
//!
//! A vector runs about 23 k instructions (`scripts/instructions.py corpus` counts them) through
//! the runner, the fetches and the comparison, a code path larger than the instruction cache
//! (callgrind's cache model gives about 960 misses per vector). On a shared machine the median
//! moves by up to 2× between runs of one binary, so compare instruction counts first.

use cors_sim::testing::vectors::{Vector, VectorFile, Verdict};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Every `.json` file under `dir`, in a stable order.
fn vector_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("a readable directory") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The scenario vectors of the corpus.
fn scenarios() -> Vec<Vector> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec-vectors");
    vector_files(&dir)
        .iter()
        .flat_map(|path| {
            let text = std::fs::read_to_string(path).expect("a readable file");
            let file = VectorFile::parse(&text).expect("a vector file");
            file.vectors().to_vec()
        })
        .filter(|vector| vector.scenario().is_some())
        .collect()
}

fn corpus(c: &mut Criterion) {
    let vectors = scenarios();
    let failed = vectors
        .iter()
        .filter(|v| matches!(v.run(), Verdict::Failed(_)))
        .count();
    // One untimed pass says what the timed passes do.
    let start = Instant::now();
    for vector in &vectors {
        black_box(vector.run());
    }
    println!(
        "corpus: {} scenario vectors ({failed} failing), one pass {:.2} µs per vector",
        vectors.len(),
        start.elapsed().as_secs_f64() * 1e6 / vectors.len() as f64
    );
    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Elements(vectors.len() as u64));
    group.bench_function("scenarios", |b| {
        b.iter(|| {
            for vector in &vectors {
                black_box(vector.run());
            }
        });
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .sample_size(20)
}

criterion_group! {
    name = benches;
    config = config();
    targets = corpus
}
criterion_main!(benches);
