//! The `cors-vectors/1` runner (feature `vectors`): load a vector file and run every vector
//! through this library.
//!
//! A vector file states situations a browser can be in and what a conforming browser does
//! there (the format: `docs/vectors.md`). Vectors of kind `origin` check [`crate::origin`],
//! `request-header` the CORS-safelisted request-header rules, and `scenario` drive a
//! [`Browser`](crate::Browser) through a [`Scenario`]. Anything the runner does not understand —
//! an unknown format, a malformed vector, an unknown field, a field it does not model — is an
//! error or a failure, never a pass. Each vector is read on its own, so one malformed vector
//! fails alone.

mod compare;
mod verdict;

use super::scenario::{Bytes, Prepared, Scenario};
use crate::origin::Origin;
use crate::profile::Engine;
use crate::safelist;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::fmt;
use std::sync::Arc;
use verdict::Checker;
pub use verdict::{Mismatch, Outcome, Report, Verdict};

/// The format this runner reads.
pub const FORMAT: &str = "cors-vectors/1";

/// The largest vector file the runner reads, in bytes.
pub const MAX_FILE_SIZE: usize = 64 << 20;

/// `text` with every control character, line or paragraph separator and bidirectional
/// formatting character replaced by its Rust escape, so that what a vector file or a server says
/// cannot write terminal escapes, fake lines of a report printed from it, or reorder what a
/// terminal shows (`cors-sim` prints every line through this).
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if is_unprintable(c) {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Control characters, U+2028 and U+2029 (which some terminals and viewers break lines at), and
/// the bidirectional formatting characters (marks, embeddings, overrides and isolates).
fn is_unprintable(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// A vector file that could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError(String);

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FileError {}

/// A loaded vector file.
#[derive(Debug, Clone)]
pub struct VectorFile {
    /// Where the expectations come from.
    pub source: Option<String>,
    vectors: Vec<Vector>,
    skipped: Vec<Skipped>,
}

/// A vector a recording could not record, and why.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Skipped {
    /// Its id.
    pub id: String,
    /// Why it was not recorded.
    pub reason: String,
}

/// A file as JSON, each vector left as its text until it is read on its own, so that reading a
/// file holds at most one vector's tree of JSON values at a time.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileJson<'a> {
    format: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(borrow)]
    vectors: Vec<&'a serde_json::value::RawValue>,
    #[serde(default)]
    skipped: Vec<Skipped>,
}

impl VectorFile {
    /// Parses a vector file; its `format` must be `cors-vectors/1`, and it may hold at most
    /// [`MAX_FILE_SIZE`] bytes.
    pub fn parse(text: &str) -> Result<Self, FileError> {
        if text.len() > MAX_FILE_SIZE {
            return Err(FileError(format!(
                "the file holds {} bytes, more than the {MAX_FILE_SIZE} a vector file may",
                text.len()
            )));
        }
        let file: FileJson = serde_json::from_str(text)
            .map_err(|e| FileError(format!("not a cors-vectors file: {e}")))?;
        if file.format != FORMAT {
            return Err(FileError(format!(
                "unknown format {:?} (this runner reads {FORMAT:?})",
                file.format
            )));
        }
        Ok(Self {
            source: file.source,
            vectors: file.vectors.into_iter().map(Vector::read).collect(),
            skipped: file.skipped,
        })
    }

    /// The vectors, in file order.
    pub fn vectors(&self) -> &[Vector] {
        &self.vectors
    }

    /// The vectors a recording could not record.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// Runs every vector; vectors listed as `skipped` by a recording are reported as skipped.
    pub fn run(&self) -> Report {
        let mut outcomes: Vec<Outcome> = self
            .vectors
            .iter()
            .map(|vector| Outcome {
                id: vector.id.clone(),
                verdict: vector.run(),
            })
            .collect();
        outcomes.extend(self.skipped.iter().map(|s| Outcome {
            id: s.id.clone(),
            verdict: Verdict::Skipped(format!("not recorded: {}", s.reason)),
        }));
        let mut seen = std::collections::HashSet::new();
        for outcome in &mut outcomes {
            if !seen.insert(outcome.id.clone()) {
                outcome.verdict =
                    Verdict::Failed(vec![Mismatch::malformed("the id is not unique")]);
            }
        }
        Report { outcomes }
    }
}

/// One vector of a file.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Vector {
    /// Its id (`?` when it has none).
    pub id: String,
    /// Its description.
    pub description: Option<String>,
    /// The engine whose behaviour it expects, or the name of one this runner does not model.
    pub profile: Result<Engine, String>,
    /// What it checks.
    pub kind: Kind,
    /// A scenario's documents and requests as read, made once for every run (see
    /// [`Scenario::prepare`]), with the scenario they were made from. A run uses them only if
    /// the vector's scenario is still that one: changing a shared scenario (`Arc::make_mut`)
    /// makes a copy, which is another scenario, so the check is a pointer comparison.
    prepared: Option<(Arc<Scenario>, Arc<Prepared>)>,
}

/// What a vector checks.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Kind {
    /// Kind `origin`.
    Origin(OriginVector),
    /// Kind `request-header`.
    RequestHeader(RequestHeaderVector),
    /// Kind `scenario` (shared, so that vectors and their runs share one copy).
    Scenario(Arc<Scenario>),
    /// A vector that is not well formed, and why.
    Malformed(String),
}

/// The fields every vector has, whatever its kind.
#[derive(Deserialize)]
struct Common {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    profile: Option<String>,
}

/// The names of [`Common`]'s fields.
const COMMON_FIELDS: [&str; 4] = ["id", "kind", "description", "profile"];

impl Vector {
    /// Reads one vector from its JSON text; a vector that is not well formed is kept as
    /// [`Kind::Malformed`].
    fn read(raw: &serde_json::value::RawValue) -> Self {
        match serde_json::from_str(raw.get()) {
            Ok(value) => Self::from_value(value),
            Err(e) => Self {
                id: "?".into(),
                description: None,
                profile: Ok(Engine::Spec),
                kind: Kind::Malformed(e.to_string()),
                prepared: None,
            },
        }
    }

    /// Reads one vector from its JSON value.
    fn from_value(value: serde_json::Value) -> Self {
        let malformed = |id: String, message: String| Self {
            id,
            description: None,
            profile: Ok(Engine::Spec),
            kind: Kind::Malformed(message),
            prepared: None,
        };
        let serde_json::Value::Object(mut fields) = value else {
            return malformed("?".into(), "a vector is a JSON object".into());
        };
        // The common fields go into their own map, leaving the kind's own fields.
        let common: serde_json::Map<String, serde_json::Value> = COMMON_FIELDS
            .iter()
            .filter_map(|&name| Some((name.to_owned(), fields.remove(name)?)))
            .collect();
        let id = common.get("id").and_then(|id| id.as_str()).unwrap_or("?");
        let common = match Common::deserialize(&serde_json::Value::Object(common.clone())) {
            Ok(common) => common,
            Err(e) => return malformed(id.to_owned(), e.to_string()),
        };
        let Some(id) = common.id else {
            return malformed("?".into(), "no string `id`".into());
        };
        let own = serde_json::Value::Object(fields);
        let kind = match common.kind.as_deref() {
            Some("origin") => parsed(own, Kind::Origin),
            Some("request-header") => parsed(own, Kind::RequestHeader),
            Some("scenario") => parsed(own, |s| Kind::Scenario(Arc::new(s))),
            other => Kind::Malformed(format!("unknown kind {other:?}")),
        };
        let profile = common
            .profile
            .as_deref()
            .unwrap_or("spec")
            .parse::<Engine>()
            .map_err(|e| e.0);
        let prepared = match &kind {
            Kind::Scenario(scenario) => Some((Arc::clone(scenario), Arc::new(scenario.prepare()))),
            _ => None,
        };
        Self {
            id,
            description: common.description,
            profile,
            kind,
            prepared,
        }
    }

    /// The scenario, for a vector of kind `scenario`.
    pub fn scenario(&self) -> Option<&Scenario> {
        match &self.kind {
            Kind::Scenario(scenario) => Some(scenario),
            _ => None,
        }
    }

    /// Runs the vector.
    pub fn run(&self) -> Verdict {
        let engine = match &self.profile {
            Ok(engine) => *engine,
            Err(name) => return Verdict::Skipped(format!("profile {name:?} is not modelled")),
        };
        match &self.kind {
            Kind::Origin(vector) => run_origin(vector),
            Kind::RequestHeader(vector) => run_request_header(vector),
            Kind::Scenario(scenario) => match &self.prepared {
                Some((of, prepared)) if Arc::ptr_eq(of, scenario) => {
                    compare::run_scenario(scenario, prepared, engine)
                }
                _ => compare::run_scenario(scenario, &scenario.prepare(), engine),
            },
            Kind::Malformed(message) => Verdict::Failed(vec![Mismatch::malformed(message)]),
        }
    }
}

/// Deserializes the fields of a vector of one kind (rejecting unknown ones).
fn parsed<T: DeserializeOwned>(own: serde_json::Value, kind: impl FnOnce(T) -> Kind) -> Kind {
    match serde_json::from_value(own) {
        Ok(vector) => kind(vector),
        Err(e) => Kind::Malformed(e.to_string()),
    }
}

/// Kind `origin`: a URL (against an optional base) and what its origin must be.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct OriginVector {
    /// The URL.
    pub input: String,
    /// The base URL it is parsed against.
    pub base: Option<String>,
    /// What its origin must be.
    pub expect: OriginExpect,
}

/// The expectations of an `origin` vector.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct OriginExpect {
    /// The origin's ASCII serialization (`failure` for an invalid URL).
    pub serialization: Option<String>,
    /// Whether the origin is opaque.
    pub opaque: Option<bool>,
}

/// Kind `origin`: the URL's origin and its ASCII serialization (`failure` for an invalid URL).
fn run_origin(vector: &OriginVector) -> Verdict {
    let base = vector.base.as_deref().map(url::Url::parse);
    let url = match base {
        Some(Err(_)) => None,
        Some(Ok(base)) => base.join(&vector.input).ok(),
        None => url::Url::parse(&vector.input).ok(),
    };
    let mut checker = Checker::default();
    let expect = &vector.expect;
    match url {
        None => checker.check(
            "serialization",
            expect.serialization.clone(),
            "failure".to_owned(),
        ),
        Some(url) => {
            let origin = Origin::of_url(&url);
            checker.check(
                "serialization",
                expect.serialization.clone(),
                origin.ascii_serialization(),
            );
            checker.check("opaque", expect.opaque, origin.is_opaque());
        }
    }
    checker.verdict()
}

/// Kind `request-header`: one header (`name`, `value`) or a header list (`headers`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RequestHeaderVector {
    /// The header's name.
    pub name: Option<String>,
    /// The header's value.
    pub value: Option<Bytes>,
    /// A header list.
    pub headers: Option<Vec<(String, Bytes)>>,
    /// What the rules must say.
    pub expect: RequestHeaderExpect,
}

/// The expectations of a `request-header` vector.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RequestHeaderExpect {
    /// Whether the header is a CORS-safelisted request-header.
    pub safelisted: Option<bool>,
    /// The header list's CORS-unsafe request-header names.
    pub unsafe_names: Option<Vec<String>>,
}

/// Kind `request-header`: the CORS-safelisted request-header test for one header, or the
/// CORS-unsafe request-header names of a header list.
fn run_request_header(vector: &RequestHeaderVector) -> Verdict {
    let mut checker = Checker::default();
    let expect = &vector.expect;
    match (&vector.name, &vector.value, &vector.headers) {
        (Some(name), Some(value), None) => checker.check(
            "safelisted",
            expect.safelisted,
            safelist::is_cors_safelisted_request_header(name.as_bytes(), &value.0),
        ),
        (None, None, Some(headers)) => checker.check(
            "unsafe_names",
            expect.unsafe_names.clone(),
            safelist::cors_unsafe_request_header_names(
                headers.iter().map(|(n, v)| (n.as_bytes(), v.0.as_slice())),
            ),
        ),
        _ => {
            return Verdict::Failed(vec![Mismatch::malformed(
                "a request-header vector has either `name` and `value`, or `headers`",
            )]);
        }
    }
    checker.verdict()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"{"format": "cors-vectors/1", "vectors": [{
        "id": "simple-get", "kind": "scenario", "origin": "http://app.example",
        "server": {"routes": [{"method": "*", "url": "http://api.example/a", "status": 200,
            "headers": [["Access-Control-Allow-Origin", "*"]]}]},
        "steps": [{"at": 0, "request": {"url": "http://api.example/a"},
            "expect": {"result": "ok", "preflight": false}}]
    }]}"#;

    #[test]
    fn printable_escapes_what_could_fake_a_line_or_reorder_it() {
        assert_eq!(printable("a b é *"), "a b é *");
        assert_eq!(printable("a\nb\r\x1b[31m"), "a\\nb\\r\\u{1b}[31m");
        assert_eq!(
            printable("x\u{2028}y\u{202E}z\u{2066}"),
            "x\\u{2028}y\\u{202e}z\\u{2066}"
        );
        assert_eq!(printable("\u{85}\u{7f}"), "\\u{85}\\u{7f}");
    }

    /// The request's URL is what the prepared runs parse once: a run of the changed copy that
    /// used the original's would fetch a URL the server answers, and pass.
    #[test]
    fn a_changed_scenario_runs_as_changed_and_its_original_as_loaded() {
        let file = VectorFile::parse(FILE).expect("a vector file");
        let original = &file.vectors()[0];
        assert!(matches!(original.run(), Verdict::Passed));
        let mut changed = original.clone();
        let Kind::Scenario(scenario) = &mut changed.kind else {
            panic!("a scenario");
        };
        Arc::make_mut(scenario).steps[0].request.url = "http://api.example/b".into();
        assert!(matches!(changed.run(), Verdict::Failed(_)));
        assert!(matches!(original.run(), Verdict::Passed));
    }
}
