//! Writes the fuzz targets' seed corpora from `spec-vectors/`, then runs every seed through its
//! target's checks, as the fuzzer would:
//!
//! ```sh
//! cargo run --example seeds [DIR]      # in fuzz/: writes DIR/<target>/ (fuzz/target/seeds/)
//! ```
//!
//! Each vector file is read by the vector runner (`VectorFile::parse`). Origins and URLs of
//! every vector seed `origin` and `differential`; request headers (and `Content-Type` values)
//! seed `request_headers` (and `differential`); the server's answer to each request a scenario
//! sends seeds `response_headers`; each scenario, encoded in the `scenario` input format (and
//! checked to decode back to a scenario that runs alike), seeds `scenario`; each vector, alone in
//! a file, seeds `vectors`. `cache` starts from nothing: its inputs are short and libFuzzer
//! finds its way at once.
//!
//! The committed corpora (`fuzz/corpus/<target>/`) were grown from these seeds and minimized
//! (`fuzz/README.md`); the seeds are written elsewhere so that the committed corpora stay as
//! they are.

use cors_sim::Reply;
use cors_sim::header::HeaderList;
use cors_sim::profile::Engine;
use cors_sim::testing::vectors::{Kind, OriginVector, RequestHeaderVector, Vector, VectorFile};
use cors_sim::testing::{Bytes, Scenario};
use cors_sim_fuzz::input::{
    ScenarioInput, decode_request_headers, decode_response_headers, encode_request_headers,
    encode_response_headers, encode_scenario, runs_alike,
};
use cors_sim_fuzz::invariants::{
    RESPONSE_HEADER_NAMES, check_content_type_against_mime_parser, check_origin_against_url_crate,
    check_origin_text, check_request_headers, check_response_headers, check_scenario,
    check_vector_file,
};
use cors_sim_fuzz::mime_crate::check_content_type_against_mime_crate;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;
use url::Url;

/// The seeds of each target, by file name.
#[derive(Default)]
struct Corpora(BTreeMap<&'static str, BTreeMap<String, Vec<u8>>>);

impl Corpora {
    /// Adds a seed unless the target has it already.
    fn add(&mut self, target: &'static str, name: &str, seed: Vec<u8>) {
        let seeds = self.0.entry(target).or_default();
        if seeds.values().any(|s| *s == seed) {
            return;
        }
        let n = seeds.len();
        let name: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        seeds.insert(format!("{name}-{n}"), seed);
    }

    /// Seeds from one vector.
    fn add_vector(&mut self, name: &str, vector: &Vector) {
        match (&vector.kind, &vector.profile) {
            (Kind::Origin(origin), _) => self.add_origin_vector(name, origin),
            (Kind::RequestHeader(headers), _) => self.add_request_header_vector(name, headers),
            (Kind::Scenario(scenario), Ok(engine)) => self.add_scenario(name, *engine, scenario),
            (Kind::Scenario(_), Err(profile)) => {
                eprintln!("{name}: profile {profile:?} is not modelled")
            }
            (Kind::Malformed(message), _) => eprintln!("{name}: malformed: {message}"),
            (kind, _) => eprintln!("{name}: a kind this generator does not read: {kind:?}"),
        }
    }

    /// The URL, the URL against its base, and the expected serialization.
    fn add_origin_vector(&mut self, name: &str, vector: &OriginVector) {
        self.add("origin", name, vector.input.as_bytes().to_vec());
        self.add("differential", name, vector.input.as_bytes().to_vec());
        let base = vector
            .base
            .as_deref()
            .and_then(|base| Url::parse(base).ok());
        if let Some(url) = base.and_then(|base| base.join(&vector.input).ok()) {
            self.add("origin", name, url.as_str().as_bytes().to_vec());
            self.add("differential", name, url.as_str().as_bytes().to_vec());
        }
        if let Some(serialization) = &vector.expect.serialization {
            self.add("origin", name, serialization.as_bytes().to_vec());
        }
    }

    /// The header (or header list), and each `Content-Type` value as a response header.
    fn add_request_header_vector(&mut self, name: &str, vector: &RequestHeaderVector) {
        let headers = match (&vector.name, &vector.value) {
            (Some(header), Some(value)) => vec![(header.clone(), value.clone())],
            _ => vector.headers.clone().unwrap_or_default(),
        };
        self.add_request_headers(name, &headers);
        for (header, value) in &headers {
            if header.eq_ignore_ascii_case("content-type") {
                let seed = encode_response_headers(&[(7, &value.0)]);
                self.add("response_headers", name, seed);
                self.add("differential", name, value.0.clone());
            }
        }
    }

    /// A `request_headers` seed, when its format holds the headers.
    fn add_request_headers(&mut self, name: &str, headers: &[(String, Bytes)]) {
        let headers: Vec<(&[u8], &[u8])> = headers
            .iter()
            .map(|(header, value)| (header.as_bytes(), &value.0[..]))
            .collect();
        if let Some(seed) = encode_request_headers(&headers) {
            self.add("request_headers", name, seed);
        }
    }

    /// The scenario itself, its origins and URLs, its requests' headers and the answers they
    /// get when `engine` runs it.
    fn add_scenario(&mut self, name: &str, engine: Engine, scenario: &Scenario) {
        match encode_scenario(engine, scenario) {
            Some(seed) => {
                let decoded = decode_scenario(&seed);
                assert!(
                    decoded.profile.engine == engine && runs_alike(&decoded.scenario, scenario),
                    "{name}: the seed does not decode to its scenario"
                );
                self.add("scenario", name, seed);
            }
            None => eprintln!("{name}: beyond the scenario input format"),
        }
        self.add(
            "origin",
            name,
            scenario.origin.ascii_serialization().into_bytes(),
        );
        for route in &scenario.server.routes {
            self.add("origin", name, route.url.as_str().as_bytes().to_vec());
        }
        for step in &scenario.steps {
            let url = &step.request.url;
            self.add("origin", name, url.as_bytes().to_vec());
            if let Some(route) = scenario.server.routes.first() {
                self.add("origin", name, format!("{url}\n{}", route.url).into_bytes());
            }
            if !step.request.headers.is_empty() {
                self.add_request_headers(name, &step.request.headers);
            }
        }
        let results = scenario.run(engine.profile());
        for (step, result) in scenario.steps.iter().zip(results) {
            let Ok(Ok(exchange)) = result else {
                continue;
            };
            let server = step.server.as_ref().unwrap_or(&scenario.server);
            for request in &exchange.requests {
                if let Reply::Response { headers, .. } = server.answer(request) {
                    self.add("response_headers", name, response_headers_seed(&headers));
                }
            }
        }
    }
}

/// The `response_headers` input for the headers of `list` that the target reads.
fn response_headers_seed(list: &HeaderList) -> Vec<u8> {
    let headers: Vec<(usize, &[u8])> = list
        .iter()
        .filter_map(|(name, value)| {
            let index = RESPONSE_HEADER_NAMES
                .iter()
                .position(|n| *n == name.as_str())?;
            Some((index, value.as_bytes()))
        })
        .collect();
    encode_response_headers(&headers)
}

fn decode_scenario(seed: &[u8]) -> ScenarioInput {
    arbitrary::Arbitrary::arbitrary_take_rest(arbitrary::Unstructured::new(seed))
        .expect("every input decodes")
}

/// Runs a seed through its target's checks.
fn check(target: &str, seed: &[u8]) {
    match target {
        "origin" => check_origin_text(seed),
        "response_headers" => check_response_headers(&decode_response_headers(seed)),
        "request_headers" => check_request_headers(&decode_request_headers(seed)),
        "scenario" => {
            let input = decode_scenario(seed);
            check_scenario(&input.profile, &input.scenario);
        }
        "vectors" => check_vector_file(std::str::from_utf8(seed).expect("JSON text")),
        "differential" => {
            if let Ok(text) = std::str::from_utf8(seed) {
                check_origin_against_url_crate(text);
            }
            check_content_type_against_mime_parser(seed);
            check_content_type_against_mime_crate(seed);
        }
        _ => unreachable!("a target with seeds"),
    }
}

/// The vector files under `dir`, recursively.
fn vector_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable directory") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            vector_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "json") {
            files.push(path);
        }
    }
}

/// Each vector of a file's JSON, alone in a file of the format: the `vectors` seeds.
fn single_vector_files(text: &str) -> Vec<(String, Vec<u8>)> {
    let file: serde_json::Value = serde_json::from_str(text).expect("JSON");
    let vectors = file["vectors"].as_array().cloned().unwrap_or_default();
    vectors
        .into_iter()
        .map(|vector| {
            let id = vector["id"].as_str().unwrap_or("?").to_owned();
            let single = serde_json::json!({ "format": "cors-vectors/1", "vectors": [vector] });
            (id, single.to_string().into_bytes())
        })
        .collect()
}

fn main() {
    let fuzz_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::env::args()
        .nth(1)
        .map_or_else(|| fuzz_dir.join("target/seeds"), PathBuf::from);
    let vectors = fuzz_dir.join("../spec-vectors");
    let mut files = Vec::new();
    vector_files(&vectors, &mut files);
    files.sort();
    let mut corpora = Corpora::default();
    for path in &files {
        let relative = path.strip_prefix(&vectors).expect("under spec-vectors/");
        let stem = relative.with_extension("").to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).expect("readable");
        let file = VectorFile::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for vector in file.vectors() {
            corpora.add_vector(&format!("{stem}-{}", vector.id), vector);
        }
        for (id, single) in single_vector_files(&text) {
            corpora.add("vectors", &format!("{stem}-{id}"), single);
        }
    }
    for (target, seeds) in &corpora.0 {
        let dir = out.join(target);
        std::fs::create_dir_all(&dir).expect("a corpus directory");
        let start = Instant::now();
        let mut bytes = 0;
        for (name, seed) in seeds {
            std::fs::write(dir.join(name), seed).expect("a seed written");
            let checked = std::panic::catch_unwind(|| check(target, seed));
            assert!(checked.is_ok(), "the seed {target}/{name} fails its checks");
            bytes += seed.len();
        }
        println!(
            "{target}: {} seeds ({bytes} bytes) written to {} and checked in {:.1?}",
            seeds.len(),
            dir.display(),
            start.elapsed()
        );
    }
}
