//! Checks that the engine recordings under `spec-vectors/recorded/<engine>/` still record the
//! vectors the generators write: a recording is only evidence about a vector whose inputs (the
//! document's origin, the server and every step but its `expect`) are those of the committed
//! source vector. A generator change that alters an input, a renamed or deleted vector, or a
//! stale `skipped` entry would otherwise leave a recording that tests something else.
//!
//! `scripts/record_engines.py` records every `scenario` vector of `spec-vectors/*.json` and
//! `spec-vectors/probes/*.json` into `spec-vectors/recorded/<engine>/<file name>.json`: the same
//! ids and inputs, `profile` set to the engine, each step's `expect` replaced by what the browser
//! did, and a top-level `skipped: [{id, reason}]` for the vectors it could not run. Vectors of
//! other kinds (`origin`, `request-header`) are never recorded.
//!
//! Plain JSON (`serde_json` and std only), independent of the crate's own vector runner.

use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The engines a recording may be made in (the `profile` values of `cors-vectors/1`).
const ENGINES: [&str; 3] = ["chromium", "firefox", "webkit"];

/// Vector fields not compared as a whole: `profile` is set by the recorder (checked on its own),
/// `description` is documentation, not an input, and `steps` are compared one by one, all but
/// their `expect`. Every other vector field (`kind`, `origin`, `server`, ...) must match.
const NOT_INPUTS: [&str; 3] = ["profile", "description", "steps"];

fn spec_vectors() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("spec-vectors")
}

/// `path` relative to the repository root, for messages.
fn shown(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", shown(path)));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", shown(path)))
}

/// The `.json` files directly in `dir`, sorted.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", shown(dir)))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// The objects of the array `key` of a vector file (none when it is absent).
fn items<'a>(document: &'a Value, key: &str, path: &Path) -> Vec<&'a Map<String, Value>> {
    match document.get(key) {
        None => Vec::new(),
        Some(Value::Array(values)) => values
            .iter()
            .map(|v| {
                v.as_object()
                    .unwrap_or_else(|| panic!("{}: `{key}` holds a non-object", shown(path)))
            })
            .collect(),
        Some(_) => panic!("{}: `{key}` is not an array", shown(path)),
    }
}

fn id<'a>(item: &'a Map<String, Value>, path: &Path) -> &'a str {
    item.get("id")
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{}: an entry without a string `id`", shown(path)))
}

/// A source vector file: its vectors by id.
struct Source {
    path: PathBuf,
    vectors: BTreeMap<String, Map<String, Value>>,
}

impl Source {
    fn load(path: PathBuf) -> Source {
        let document = load(&path);
        let vectors = items(&document, "vectors", &path)
            .into_iter()
            .map(|v| (id(v, &path).to_owned(), v.clone()))
            .collect();
        Source { path, vectors }
    }

    /// The ids of its `scenario` vectors, the ones the recorder runs.
    fn scenario_ids(&self) -> impl Iterator<Item = &str> {
        self.vectors
            .iter()
            .filter(|(_, v)| v.get("kind").and_then(Value::as_str) == Some("scenario"))
            .map(|(id, _)| id.as_str())
    }
}

/// One engine's recording of one source file.
struct Recording {
    engine: String,
    path: PathBuf,
    /// The recorded vectors, in file order.
    vectors: Vec<Map<String, Value>>,
    /// The `skipped` entries, in file order.
    skipped: Vec<Map<String, Value>>,
    /// Its source file, when exactly one exists.
    source: Result<Source, String>,
}

/// The source of `recorded/<engine>/<name>`: `spec-vectors/<name>` or
/// `spec-vectors/probes/<name>`, whichever exists (the recorder flattens both into one
/// directory, so both existing is an error too).
fn source_of(recording: &Path) -> Result<Source, String> {
    let name = recording.file_name().unwrap();
    let candidates: Vec<PathBuf> = [spec_vectors(), spec_vectors().join("probes")]
        .iter()
        .map(|dir| dir.join(name))
        .filter(|path| path.is_file())
        .collect();
    match <[PathBuf; 1]>::try_from(candidates) {
        Ok([path]) => Ok(Source::load(path)),
        Err(found) if found.is_empty() => {
            let name = name.to_string_lossy();
            Err(format!(
                "no source file spec-vectors/{name} or spec-vectors/probes/{name}"
            ))
        }
        Err(found) => Err(format!(
            "two possible source files: {}",
            found
                .iter()
                .map(|p| shown(p))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// Every recording under `spec-vectors/recorded/`, sorted by engine and file (loaded once).
fn recordings() -> &'static [Recording] {
    static RECORDINGS: OnceLock<Vec<Recording>> = OnceLock::new();
    RECORDINGS.get_or_init(load_recordings)
}

fn load_recordings() -> Vec<Recording> {
    let root = spec_vectors().join("recorded");
    let mut engines: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", shown(&root)))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    engines.sort();
    let mut recordings = Vec::new();
    for dir in engines {
        let engine = dir.file_name().unwrap().to_string_lossy().into_owned();
        for path in json_files(&dir) {
            let document = load(&path);
            recordings.push(Recording {
                engine: engine.clone(),
                vectors: items(&document, "vectors", &path)
                    .into_iter()
                    .cloned()
                    .collect(),
                skipped: items(&document, "skipped", &path)
                    .into_iter()
                    .cloned()
                    .collect(),
                source: source_of(&path),
                path,
            });
        }
    }
    assert!(
        !recordings.is_empty(),
        "no recordings under {}",
        shown(&root)
    );
    recordings
}

/// A JSON value for a message, shortened.
fn show(value: Option<&Value>) -> String {
    let Some(value) = value else {
        return "absent".to_owned();
    };
    let text = value.to_string();
    match text.char_indices().nth(120) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text,
    }
}

/// Where `recorded` first differs from `source`, as a path below `at` (`None`: they are equal).
fn first_difference(at: &str, recorded: Option<&Value>, source: Option<&Value>) -> Option<String> {
    match (recorded, source) {
        (Some(Value::Object(r)), Some(Value::Object(s))) => {
            let keys: BTreeSet<&String> = r.keys().chain(s.keys()).collect();
            keys.into_iter()
                .find_map(|k| first_difference(&format!("{at}.{k}"), r.get(k), s.get(k)))
        }
        (Some(Value::Array(r)), Some(Value::Array(s))) if r.len() != s.len() => Some(format!(
            "{at}: recorded {} items, source {}",
            r.len(),
            s.len()
        )),
        (Some(Value::Array(r)), Some(Value::Array(s))) => r
            .iter()
            .zip(s)
            .enumerate()
            .find_map(|(i, (r, s))| first_difference(&format!("{at}[{i}]"), Some(r), Some(s))),
        (r, s) if r == s => None,
        (r, s) => Some(format!("{at}: recorded {}, source {}", show(r), show(s))),
    }
}

/// The input differences of a recorded vector from its source vector: every vector field but
/// NOT_INPUTS, the number of steps, and every field of each step but `expect`.
fn input_differences(recorded: &Map<String, Value>, source: &Map<String, Value>) -> Vec<String> {
    let mut differences = Vec::new();
    let keys: BTreeSet<&String> = recorded.keys().chain(source.keys()).collect();
    for key in keys
        .into_iter()
        .filter(|k| !NOT_INPUTS.contains(&k.as_str()))
    {
        differences.extend(first_difference(key, recorded.get(key), source.get(key)));
    }
    match (recorded.get("steps"), source.get("steps")) {
        (Some(Value::Array(r)), Some(Value::Array(s))) if r.len() == s.len() => {
            for (i, (r, s)) in r.iter().zip(s).enumerate() {
                let (Value::Object(r), Value::Object(s)) = (r, s) else {
                    differences.extend(first_difference(&format!("steps[{i}]"), Some(r), Some(s)));
                    continue;
                };
                let keys: BTreeSet<&String> = r.keys().chain(s.keys()).collect();
                for key in keys.into_iter().filter(|k| k.as_str() != "expect") {
                    let at = format!("steps[{i}].{key}");
                    differences.extend(first_difference(&at, r.get(key), s.get(key)));
                }
            }
        }
        (r, s) => differences.extend(first_difference("steps", r, s)),
    }
    differences
}

/// Fails with every problem found, one per line.
fn assert_none(problems: Vec<String>, what: &str) {
    assert!(problems.is_empty(), "{what}:\n{}", problems.join("\n"));
}

/// Each recording sits in a known engine's directory and has exactly one source file, so that
/// the checks below compare it with the right vectors.
#[test]
fn every_recording_has_one_source_file() {
    let mut problems = Vec::new();
    for recording in recordings() {
        if !ENGINES.contains(&recording.engine.as_str()) {
            problems.push(format!(
                "{}: unknown engine directory",
                shown(&recording.path)
            ));
        }
        if let Err(e) = &recording.source {
            problems.push(format!("{}: {e}", shown(&recording.path)));
        }
    }
    assert_none(problems, "recordings that cannot be checked");
}

/// (a) Every recorded vector's id is a vector of the source file, once: a vector renamed or
/// deleted in the generator leaves a recording of nothing.
#[test]
fn recorded_ids_exist_in_the_source() {
    let mut problems = Vec::new();
    for recording in recordings() {
        let Ok(source) = &recording.source else {
            continue;
        };
        let mut seen = BTreeSet::new();
        for vector in &recording.vectors {
            let id = id(vector, &recording.path);
            if !seen.insert(id) {
                problems.push(format!("{}: {id}: recorded twice", shown(&recording.path)));
            }
            if !source.vectors.contains_key(id) {
                problems.push(format!(
                    "{}: {id}: not a vector of {}",
                    shown(&recording.path),
                    shown(&source.path)
                ));
            }
        }
    }
    assert_none(problems, "recorded vectors missing from their source");
}

/// (b) Every recorded vector has its source vector's inputs: `kind`, `origin`, `server` (and any
/// other vector field but `profile` and `description`), the same number of steps, and in each
/// step every field but `expect` (`at`, `request`, and a step's own `origin` or `server`). A
/// recording whose inputs differ records another situation than the one the source describes.
#[test]
fn recorded_inputs_equal_the_source_inputs() {
    let mut problems = Vec::new();
    for recording in recordings() {
        let Ok(source) = &recording.source else {
            continue;
        };
        for vector in &recording.vectors {
            let id = id(vector, &recording.path);
            let Some(source_vector) = source.vectors.get(id) else {
                continue;
            };
            for difference in input_differences(vector, source_vector) {
                problems.push(format!("{}: {id}: {difference}", shown(&recording.path)));
            }
        }
    }
    assert_none(problems, "recorded inputs that differ from the source's");
}

/// Every recorded vector's `profile` is the engine it was recorded in (its directory), so that
/// the runner replays it under that engine's profile.
#[test]
fn recorded_profile_is_the_engine() {
    let mut problems = Vec::new();
    for recording in recordings() {
        for vector in &recording.vectors {
            let profile = vector.get("profile");
            if profile.and_then(Value::as_str) != Some(recording.engine.as_str()) {
                problems.push(format!(
                    "{}: {}: profile: recorded {}, expected \"{}\"",
                    shown(&recording.path),
                    id(vector, &recording.path),
                    profile.map_or("absent".to_owned(), Value::to_string),
                    recording.engine
                ));
            }
        }
    }
    assert_none(problems, "recorded vectors with another profile");
}

/// (c) Every `skipped` entry names a vector of the source file, gives a reason, and is not also
/// recorded: a stale entry (the vector was recorded later, renamed or deleted) fails.
#[test]
fn skipped_ids_exist_in_the_source_and_are_not_recorded() {
    let mut problems = Vec::new();
    for recording in recordings() {
        let Ok(source) = &recording.source else {
            continue;
        };
        let recorded: BTreeSet<&str> = recording
            .vectors
            .iter()
            .map(|v| id(v, &recording.path))
            .collect();
        let mut seen = BTreeSet::new();
        for entry in &recording.skipped {
            let id = id(entry, &recording.path);
            let file = shown(&recording.path);
            if !seen.insert(id) {
                problems.push(format!("{file}: {id}: skipped twice"));
            }
            if !source.vectors.contains_key(id) {
                problems.push(format!(
                    "{file}: {id}: skipped, but not a vector of {}",
                    shown(&source.path)
                ));
            }
            if recorded.contains(id) {
                problems.push(format!("{file}: {id}: both recorded and skipped"));
            }
            if entry
                .get("reason")
                .and_then(Value::as_str)
                .is_none_or(str::is_empty)
            {
                problems.push(format!("{file}: {id}: skipped without a reason"));
            }
        }
    }
    assert_none(problems, "stale or malformed skipped entries");
}

/// (d) Every scenario vector of every source file that has any (`spec-vectors/*.json`,
/// `spec-vectors/probes/*.json`) is recorded or skipped in each engine's recording of that
/// file: a vector added to a generator and not yet recorded shows up here. Vectors of other
/// kinds are not recorded and not required.
#[test]
fn every_source_scenario_is_recorded_or_skipped() {
    let mut by_file: BTreeMap<(String, PathBuf), BTreeSet<String>> = BTreeMap::new();
    for recording in recordings() {
        let Ok(source) = &recording.source else {
            continue;
        };
        let ids = recording.vectors.iter().chain(&recording.skipped);
        by_file
            .entry((recording.engine.clone(), source.path.clone()))
            .or_default()
            .extend(ids.map(|item| id(item, &recording.path).to_owned()));
    }
    let mut problems = Vec::new();
    let sources = [
        json_files(&spec_vectors()),
        json_files(&spec_vectors().join("probes")),
    ];
    for path in sources.into_iter().flatten() {
        let source = Source::load(path);
        if source.scenario_ids().next().is_none() {
            continue;
        }
        let name = source
            .path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for engine in ENGINES {
            let recorded = format!("spec-vectors/recorded/{engine}/{name}");
            let Some(covered) = by_file.get(&(engine.to_owned(), source.path.clone())) else {
                problems.push(format!("{}: no recording {recorded}", shown(&source.path)));
                continue;
            };
            for id in source.scenario_ids().filter(|id| !covered.contains(*id)) {
                problems.push(format!("{recorded}: {id}: neither recorded nor skipped"));
            }
        }
    }
    assert_none(problems, "source scenarios that a recording lacks");
}
