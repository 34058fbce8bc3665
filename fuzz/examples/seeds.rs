//! Writes the fuzz targets' seed corpora from `spec-vectors/`, then runs every seed through its
//! target's checks, as the fuzzer would:
//!
//! ```sh
//! cargo run --example seeds            # in fuzz/: writes fuzz/corpus/<target>/
//! ```
//!
//! Origins and URLs of every vector seed `origin`; request headers (and `Content-Type` values)
//! seed `request_headers`; each route's answer seeds `response_headers`; each scenario, encoded
//! in the `scenario` input format (and checked to decode back to itself), seeds `scenario`.
//! `cache` starts from nothing: its inputs are short and libFuzzer finds its way at once.

use cors_sim::origin::Origin;
use cors_sim::profile::Profile;
use cors_sim::request::{CredentialsMode, Mode, RedirectMode, RequestInit};
use cors_sim::strategies::{Answer, Route, Scenario, ServerBehaviour, Step};
use cors_sim::time::Time;
use cors_sim_fuzz::input::{
    ScenarioInput, decode_request_headers, decode_response_headers, encode_request_headers,
    encode_response_headers, encode_scenario,
};
use cors_sim_fuzz::invariants::{
    RESPONSE_HEADER_NAMES, check_origin_text, check_request_headers, check_response_headers,
    check_scenario,
};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use url::Url;

/// A header value of a vector: a string, or `{"bytes": "<hex>"}`.
fn bytes_of(value: &Value) -> Option<Vec<u8>> {
    if let Some(text) = value.as_str() {
        return Some(text.as_bytes().to_vec());
    }
    let hex = value.get("bytes")?.as_str()?;
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect()
}

/// A list of `[name, value]` pairs.
fn headers_of(value: Option<&Value>) -> Option<Vec<(Vec<u8>, Vec<u8>)>> {
    let Some(list) = value else {
        return Some(Vec::new());
    };
    list.as_array()?
        .iter()
        .map(|pair| Some((bytes_of(pair.get(0)?)?, bytes_of(pair.get(1)?)?)))
        .collect()
}

fn text<'a>(value: &'a Value, field: &str) -> Option<&'a str> {
    value.get(field).and_then(Value::as_str)
}

/// The scenario a `scenario` vector describes, in `cors_sim::strategies` terms.
fn scenario_of(vector: &Value) -> Option<Scenario> {
    let profile = Profile::by_name(text(vector, "profile").unwrap_or("spec"))?;
    let origin = match text(vector, "origin")? {
        "null" => Origin::new_opaque(),
        origin => Origin::parse(origin.as_bytes()).ok()?,
    };
    let mut routes = Vec::new();
    for route in vector.get("server")?.get("routes")?.as_array()? {
        let method = match text(route, "method")? {
            "*" => None,
            method => Some(http::Method::from_bytes(method.as_bytes()).ok()?),
        };
        let headers = headers_of(route.get("headers"))?
            .into_iter()
            .map(|(name, value)| Some((http::HeaderName::from_bytes(&name).ok()?, value)))
            .collect::<Option<_>>()?;
        routes.push(Route {
            method,
            url: Url::parse(text(route, "url")?).ok()?,
            answer: Some(Answer {
                status: u16::try_from(route.get("status")?.as_u64()?).ok()?,
                headers,
            }),
        });
    }
    let mut steps = Vec::new();
    for step in vector.get("steps")?.as_array()? {
        let at = step.get("at").map_or(Some(0.0), Value::as_f64)?;
        let request = step.get("request")?;
        let mut init = RequestInit::new(text(request, "url")?)
            .method(text(request, "method").unwrap_or("GET"))
            .mode(match text(request, "mode").unwrap_or("cors") {
                "cors" => Mode::Cors,
                "no-cors" => Mode::NoCors,
                "same-origin" => Mode::SameOrigin,
                "navigate" => Mode::Navigate,
                _ => return None,
            })
            .credentials(
                match text(request, "credentials").unwrap_or("same-origin") {
                    "omit" => CredentialsMode::Omit,
                    "same-origin" => CredentialsMode::SameOrigin,
                    "include" => CredentialsMode::Include,
                    _ => return None,
                },
            )
            .redirect(match text(request, "redirect").unwrap_or("follow") {
                "follow" => RedirectMode::Follow,
                "error" => RedirectMode::Error,
                "manual" => RedirectMode::Manual,
                _ => return None,
            })
            .use_cors_preflight(request.get("use_cors_preflight") == Some(&Value::Bool(true)));
        init.headers = headers_of(request.get("headers"))?;
        steps.push(Step {
            at: Time::from_offset(Duration::try_from_secs_f64(at).ok()?),
            init,
        });
    }
    Some(Scenario {
        profile,
        origin,
        server: ServerBehaviour { routes },
        steps,
    })
}

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
    fn add_vector(&mut self, name: &str, vector: &Value) {
        match text(vector, "kind") {
            Some("origin") => {
                let input = text(vector, "input").unwrap_or_default();
                self.add("origin", name, input.as_bytes().to_vec());
                let base = text(vector, "base").and_then(|base| Url::parse(base).ok());
                if let Some(url) = base.and_then(|base| base.join(input).ok()) {
                    self.add("origin", name, url.as_str().as_bytes().to_vec());
                }
                let expect = vector.get("expect");
                if let Some(serialization) = expect.and_then(|e| text(e, "serialization")) {
                    self.add("origin", name, serialization.as_bytes().to_vec());
                }
            }
            Some("request-header") => {
                let headers = match (vector.get("name"), vector.get("value")) {
                    (Some(name), Some(value)) => {
                        bytes_of(name).zip(bytes_of(value)).map(|h| vec![h])
                    }
                    _ => headers_of(vector.get("headers")),
                };
                if let Some(headers) = headers {
                    let representable = headers
                        .iter()
                        .all(|(n, v)| !n.contains(&b':') && !v.contains(&b'\n'));
                    if representable {
                        self.add("request_headers", name, encode_request_headers(&headers));
                    }
                    for (header, value) in &headers {
                        if header.eq_ignore_ascii_case(b"content-type") {
                            self.add(
                                "response_headers",
                                name,
                                encode_response_headers(&[(7, value)]),
                            );
                        }
                    }
                }
            }
            Some("scenario") => self.add_scenario(name, vector),
            _ => {}
        }
    }

    fn add_scenario(&mut self, name: &str, vector: &Value) {
        let Some(scenario) = scenario_of(vector) else {
            eprintln!("{name}: not a scenario this generator reads");
            return;
        };
        match encode_scenario(&scenario) {
            Some(seed) => {
                let decoded =
                    arbitrary::Arbitrary::arbitrary_take_rest(arbitrary::Unstructured::new(&seed));
                let ScenarioInput(decoded) = decoded.expect("every input decodes");
                assert_eq!(
                    format!("{decoded:?}"),
                    format!("{scenario:?}"),
                    "{name}: the seed does not decode to its scenario"
                );
                self.add("scenario", name, seed);
            }
            None => eprintln!("{name}: too large for the scenario input format"),
        }
        let origin = scenario.origin.ascii_serialization();
        self.add("origin", name, origin.as_bytes().to_vec());
        for route in &scenario.server.routes {
            self.add("origin", name, route.url.as_str().as_bytes().to_vec());
            let Some(answer) = &route.answer else {
                continue;
            };
            let values: Vec<Vec<u8>> = answer
                .headers
                .iter()
                .map(|(_, value)| {
                    String::from_utf8_lossy(value)
                        .replace("{{origin}}", &origin)
                        .into_bytes()
                })
                .collect();
            let headers: Vec<(usize, &[u8])> = answer
                .headers
                .iter()
                .zip(&values)
                .filter_map(|((name, _), value)| {
                    let index = RESPONSE_HEADER_NAMES
                        .iter()
                        .position(|n| *n == name.as_str())?;
                    Some((index, value.as_slice()))
                })
                .collect();
            self.add("response_headers", name, encode_response_headers(&headers));
        }
        for step in &scenario.steps {
            let url = &step.init.url;
            self.add("origin", name, url.as_bytes().to_vec());
            if let Some(route) = scenario.server.routes.first() {
                self.add("origin", name, format!("{url}\n{}", route.url).into_bytes());
            }
            if !step.init.headers.is_empty() {
                self.add(
                    "request_headers",
                    name,
                    encode_request_headers(&step.init.headers),
                );
            }
        }
    }
}

/// Runs a seed through its target's checks.
fn check(target: &str, seed: &[u8]) {
    match target {
        "origin" => check_origin_text(seed),
        "response_headers" => check_response_headers(&decode_response_headers(seed)),
        "request_headers" => check_request_headers(&decode_request_headers(seed)),
        "scenario" => {
            let input: ScenarioInput =
                arbitrary::Arbitrary::arbitrary_take_rest(arbitrary::Unstructured::new(seed))
                    .expect("every input decodes");
            check_scenario(&input.0);
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

fn main() {
    let fuzz_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let vectors = fuzz_dir.join("../spec-vectors");
    let mut files = Vec::new();
    vector_files(&vectors, &mut files);
    files.sort();
    let mut corpora = Corpora::default();
    for path in &files {
        let relative = path.strip_prefix(&vectors).expect("under spec-vectors/");
        let stem = relative.with_extension("").to_string_lossy().into_owned();
        let json: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("readable"))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for vector in json
            .get("vectors")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let id = text(vector, "id").unwrap_or("vector");
            corpora.add_vector(&format!("{stem}-{id}"), vector);
        }
    }
    for (target, seeds) in &corpora.0 {
        let dir = fuzz_dir.join("corpus").join(target);
        std::fs::create_dir_all(&dir).expect("a corpus directory");
        let start = Instant::now();
        let mut bytes = 0;
        for (name, seed) in seeds {
            std::fs::write(dir.join(name), seed).expect("a seed written");
            check(target, seed);
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
