//! The parts of an engine's report that `probe` and `explain` both build from a fetch: what
//! script reads of the response, where the profile departs from the standard, the steps the
//! standard took, and a request as it went on the wire. Defined once, so that both verbs
//! report a fetch alike.

use crate::render::{self, HeaderLine};
use cors_sim::trace::Step;
use cors_sim::{FilteredResponse, OutgoingRequest, ResponseType};
use serde::Serialize;

/// The response script reads.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct ScriptView {
    #[serde(rename = "type")]
    pub response_type: &'static str,
    pub status: u16,
    pub readable_headers: Vec<String>,
    pub hidden_headers: Vec<Hidden>,
}

/// A response header script cannot read, and why.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Hidden {
    pub name: String,
    pub why: String,
}

impl ScriptView {
    /// What script reads of `response`, with the headers that the last filtering step of
    /// `steps` hid from it.
    pub fn new(response: &FilteredResponse, steps: &[Step]) -> Self {
        let hidden = steps.iter().rev().find_map(|step| match step {
            Step::Filtered { hidden, .. } => Some(hidden),
            _ => None,
        });
        Self {
            response_type: response.response_type().as_str(),
            status: response.status(),
            readable_headers: response.exposed_header_names(),
            hidden_headers: hidden
                .into_iter()
                .flatten()
                .map(|(name, why)| Hidden {
                    name: name.clone(),
                    why: why.to_string(),
                })
                .collect(),
        }
    }
}

/// Whether script reads nothing of `response`: an opaque (`no-cors`) or opaque-redirect one.
pub fn is_opaque(response: &FilteredResponse) -> bool {
    matches!(
        response.response_type(),
        ResponseType::Opaque | ResponseType::OpaqueRedirect
    )
}

/// A place where the engine's profile departs from the standard.
#[derive(Debug, Serialize)]
pub struct Departure {
    pub step: usize,
    pub field: &'static str,
    pub effect: String,
    #[serde(skip)]
    pub text: String,
}

/// The departures among `steps`, each with its step's number (from 1).
pub fn departures(steps: &[Step]) -> Vec<Departure> {
    steps
        .iter()
        .enumerate()
        .filter_map(|(i, step)| match step {
            Step::Departure { field, effect } => Some(Departure {
                step: i + 1,
                field,
                effect: effect.clone(),
                text: step.to_string(),
            }),
            _ => None,
        })
        .collect()
}

/// One step of a trace.
#[derive(Debug, Serialize)]
pub struct TraceStep {
    pub step: usize,
    pub text: String,
    pub algorithm: &'static str,
    pub link: &'static str,
}

/// Steps as JSON and text show them, numbered from 1, with the algorithm each belongs to.
pub fn trace_steps(steps: &[Step]) -> Vec<TraceStep> {
    steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let spec = step.spec();
            TraceStep {
                step: i + 1,
                text: step.to_string(),
                algorithm: spec.name,
                link: spec.url,
            }
        })
        .collect()
}

/// A request as it went on the wire (`Host` aside, which the client adds).
#[derive(Debug, Serialize)]
pub struct WireRequest {
    pub method: String,
    pub url: String,
    pub preflight: bool,
    pub headers: Vec<HeaderLine>,
    pub body: Option<String>,
}

impl WireRequest {
    pub fn new(request: &OutgoingRequest) -> Self {
        Self {
            method: request.method().to_string(),
            url: request.url().to_string(),
            preflight: request.is_preflight(),
            headers: render::header_lines(request.headers()),
            body: request.body().map(render::bytes_text),
        }
    }
}
