//! The `cors-vectors/1` runner: load a vector file and run every vector through this library.
//!
//! A vector file states situations a browser can be in and what a conforming browser does
//! there (the format is summarised in the project's `docs/vectors.md`). Vectors of
//! kind `origin` check [`crate::origin`], `request-header` the CORS-safelisted request-header
//! rules, and `scenario` drive [`crate::fetch::Browser`] against a described server. Anything
//! the runner does not understand — an unknown format, a malformed vector, an unknown field —
//! is an error or a failure, never a pass.

mod scenario;

use crate::origin::Origin;
use crate::profile::Profile;
use crate::safelist;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::fmt;

/// The format this runner reads.
pub const FORMAT: &str = "cors-vectors/1";

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
    vectors: Vec<serde_json::Value>,
    skipped: Vec<Skipped>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Skipped {
    id: String,
    reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileJson {
    format: String,
    #[serde(default)]
    source: Option<String>,
    vectors: Vec<serde_json::Value>,
    #[serde(default)]
    skipped: Vec<Skipped>,
}

impl VectorFile {
    /// Parses a vector file; its `format` must be `cors-vectors/1`.
    pub fn parse(text: &str) -> Result<Self, FileError> {
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
            vectors: file.vectors,
            skipped: file.skipped,
        })
    }

    /// Runs every vector; vectors listed as `skipped` by a recording are reported as skipped.
    pub fn run(&self) -> Report {
        let mut outcomes: Vec<Outcome> = self.vectors.iter().map(run_vector).collect();
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

/// What running a file gave, vector by vector.
#[derive(Debug, Clone)]
pub struct Report {
    /// One outcome per vector, in file order.
    pub outcomes: Vec<Outcome>,
}

impl Report {
    fn count(&self, f: impl Fn(&Verdict) -> bool) -> usize {
        self.outcomes.iter().filter(|o| f(&o.verdict)).count()
    }

    /// How many vectors passed.
    pub fn passed(&self) -> usize {
        self.count(|v| matches!(v, Verdict::Passed))
    }

    /// How many vectors failed (malformed ones included).
    pub fn failed(&self) -> usize {
        self.count(|v| matches!(v, Verdict::Failed(_)))
    }

    /// How many vectors were skipped.
    pub fn skipped(&self) -> usize {
        self.count(|v| matches!(v, Verdict::Skipped(_)))
    }
}

/// One vector's outcome.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The vector's id (`?` when it has none).
    pub id: String,
    /// What happened.
    pub verdict: Verdict,
}

/// Passed, failed (with every difference) or skipped (with why).
#[derive(Debug, Clone)]
pub enum Verdict {
    /// Every expectation held.
    Passed,
    /// Some expectation did not hold, or the vector is malformed.
    Failed(Vec<Mismatch>),
    /// Not run: its profile is not modelled, or a recording could not record it.
    Skipped(String),
}

/// One expectation that did not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// The step (from 0) of a scenario, if any.
    pub step: Option<usize>,
    /// The expectation's field, e.g. `requests[1].headers.origin`.
    pub field: String,
    /// What the vector expects.
    pub expected: String,
    /// What this library gave.
    pub got: String,
}

impl Mismatch {
    fn malformed(message: impl Into<String>) -> Self {
        Self {
            step: None,
            field: "(vector)".into(),
            expected: "a well-formed vector".into(),
            got: message.into(),
        }
    }
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(step) = self.step {
            write!(f, "step {step}: ")?;
        }
        write!(
            f,
            "{}: expected {}, got {}",
            self.field, self.expected, self.got
        )
    }
}

/// Collects the differences between expectations and results.
#[derive(Default)]
struct Checker {
    step: Option<usize>,
    mismatches: Vec<Mismatch>,
}

impl Checker {
    /// Records a mismatch when an expectation is set and differs.
    fn check<T: PartialEq + fmt::Debug>(&mut self, field: &str, expected: Option<T>, got: T) {
        if let Some(expected) = expected.filter(|e| *e != got) {
            self.mismatches.push(Mismatch {
                step: self.step,
                field: field.to_owned(),
                expected: format!("{expected:?}"),
                got: format!("{got:?}"),
            });
        }
    }

    fn verdict(self) -> Verdict {
        if self.mismatches.is_empty() {
            Verdict::Passed
        } else {
            Verdict::Failed(self.mismatches)
        }
    }
}

/// The fields every vector has, whatever its kind.
const COMMON_FIELDS: [&str; 4] = ["id", "kind", "description", "profile"];

fn run_vector(value: &serde_json::Value) -> Outcome {
    let Some(fields) = value.as_object() else {
        return Outcome {
            id: "?".into(),
            verdict: Verdict::Failed(vec![Mismatch::malformed("a vector is a JSON object")]),
        };
    };
    let text = |name: &str| fields.get(name).and_then(serde_json::Value::as_str);
    let id = text("id").unwrap_or("?").to_owned();
    let malformed = |message: String| Verdict::Failed(vec![Mismatch::malformed(message)]);
    let verdict = if text("id").is_none() {
        malformed("no string `id`".into())
    } else if fields.get("description").is_some_and(|d| !d.is_string()) {
        malformed("`description` is not a string".into())
    } else {
        // The kind's own fields, each of which it must understand.
        let mut own = fields.clone();
        own.retain(|name, _| !COMMON_FIELDS.contains(&name.as_str()));
        let own = serde_json::Value::Object(own);
        match Profile::by_name(text("profile").unwrap_or("spec")) {
            None => Verdict::Skipped(format!(
                "profile {:?} is not modelled",
                fields.get("profile")
            )),
            Some(profile) => match text("kind") {
                Some("origin") => parsed(own, run_origin),
                Some("request-header") => parsed(own, run_request_header),
                Some("scenario") => parsed(own, |v| scenario::run(v, profile)),
                other => malformed(format!("unknown kind {other:?}")),
            },
        }
    };
    Outcome { id, verdict }
}

/// Deserializes the fields of a vector of one kind (rejecting unknown ones) and runs it.
fn parsed<T: DeserializeOwned>(own: serde_json::Value, run: impl FnOnce(T) -> Verdict) -> Verdict {
    match serde_json::from_value(own) {
        Ok(vector) => run(vector),
        Err(e) => Verdict::Failed(vec![Mismatch::malformed(e.to_string())]),
    }
}

/// A header value in a vector: a string, or `{"bytes": "hex"}` for bytes that are not UTF-8.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Bytes {
    Text(String),
    Hex { bytes: String },
}

impl Bytes {
    fn decode(&self) -> Result<Vec<u8>, String> {
        match self {
            Self::Text(text) => Ok(text.as_bytes().to_vec()),
            Self::Hex { bytes } => {
                if bytes.len() % 2 != 0 || !bytes.is_ascii() {
                    return Err(format!("{bytes:?} is not hex"));
                }
                (0..bytes.len())
                    .step_by(2)
                    .map(|i| u8::from_str_radix(&bytes[i..i + 2], 16))
                    .collect::<Result<_, _>>()
                    .map_err(|_| format!("{bytes:?} is not hex"))
            }
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OriginVector {
    input: String,
    base: Option<String>,
    expect: OriginExpect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OriginExpect {
    serialization: Option<String>,
    opaque: Option<bool>,
}

/// Kind `origin`: the URL's origin and its ASCII serialization (`failure` for an invalid URL).
fn run_origin(vector: OriginVector) -> Verdict {
    let base = vector.base.as_deref().map(url::Url::parse);
    let url = match base {
        Some(Err(_)) => None,
        Some(Ok(base)) => base.join(&vector.input).ok(),
        None => url::Url::parse(&vector.input).ok(),
    };
    let mut checker = Checker::default();
    match url {
        None => checker.check(
            "serialization",
            vector.expect.serialization,
            "failure".to_owned(),
        ),
        Some(url) => {
            let origin = Origin::of_url(&url);
            checker.check(
                "serialization",
                vector.expect.serialization,
                origin.ascii_serialization(),
            );
            checker.check("opaque", vector.expect.opaque, origin.is_opaque());
        }
    }
    checker.verdict()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RequestHeaderVector {
    name: Option<String>,
    value: Option<Bytes>,
    headers: Option<Vec<(String, Bytes)>>,
    expect: RequestHeaderExpect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RequestHeaderExpect {
    safelisted: Option<bool>,
    unsafe_names: Option<Vec<String>>,
}

/// Kind `request-header`: the CORS-safelisted request-header test for one header, or the
/// CORS-unsafe request-header names of a header list.
fn run_request_header(vector: RequestHeaderVector) -> Verdict {
    let mut checker = Checker::default();
    match (vector.name, vector.value, vector.headers) {
        (Some(name), Some(value), None) => match value.decode() {
            Ok(value) => checker.check(
                "safelisted",
                vector.expect.safelisted,
                safelist::is_cors_safelisted_request_header(name.as_bytes(), &value),
            ),
            Err(e) => return Verdict::Failed(vec![Mismatch::malformed(e)]),
        },
        (None, None, Some(headers)) => {
            let decoded: Result<Vec<(String, Vec<u8>)>, String> = headers
                .into_iter()
                .map(|(n, v)| Ok((n, v.decode()?)))
                .collect();
            let decoded = match decoded {
                Ok(decoded) => decoded,
                Err(e) => return Verdict::Failed(vec![Mismatch::malformed(e)]),
            };
            checker.check(
                "unsafe_names",
                vector.expect.unsafe_names,
                safelist::cors_unsafe_request_header_names(
                    decoded.iter().map(|(n, v)| (n.as_bytes(), v.as_slice())),
                ),
            );
        }
        _ => {
            return Verdict::Failed(vec![Mismatch::malformed(
                "a request-header vector has either `name` and `value`, or `headers`",
            )]);
        }
    }
    checker.verdict()
}
