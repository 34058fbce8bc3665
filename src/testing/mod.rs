//! Test support (feature `testing`): one scenario model for the vector runner, the proptest
//! strategies, the fuzz targets and tests of your own.
//!
//! [`Scenario`] is the situation a `cors-vectors/1` scenario vector describes: a [`Server`] of
//! [`Route`]s, and [`Step`]s of fetches that documents make against it in one browser;
//! [`Scenario::run`] drives them. [`invariants`] checks what the standard implies for any
//! scenario's outcome. With feature `vectors`, [`vectors`] reads and runs vector files; with
//! feature `proptest`, [`strategies`] generates scenarios.

#[cfg(feature = "vectors")]
mod format;
pub mod invariants;
mod scenario;
#[cfg(feature = "proptest")]
pub mod strategies;
#[cfg(feature = "vectors")]
pub mod vectors;

pub use scenario::{
    Bytes, Expect, ExpectedRequest, NotModelled, Outcome, Prepared, Route, Scenario, Server, Step,
    StepRequest, StepResult, document_at,
};
