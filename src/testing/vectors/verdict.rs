//! What running vectors gives: per vector, passed, failed with every difference, or skipped.

use std::fmt;

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
#[non_exhaustive]
pub struct Mismatch {
    /// The step (from 0) of a scenario, if any.
    pub step: Option<usize>,
    /// The expectation's field, e.g. `requests[1].headers.origin`.
    pub field: String,
    /// What the vector expects.
    pub expected: String,
    /// What this library gave.
    pub got: String,
    /// What happened in the step, for a person: why the fetch was blocked (the console line
    /// and the fix) or allowed (the trace).
    pub detail: Option<String>,
}

impl Mismatch {
    pub(super) fn malformed(message: impl Into<String>) -> Self {
        Self {
            step: None,
            field: "(vector)".into(),
            expected: "a well-formed vector".into(),
            got: message.into(),
            detail: None,
        }
    }
}

impl fmt::Display for Mismatch {
    /// One line: the step, the field, what was expected and what came (without the detail).
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
pub(super) struct Checker {
    pub step: Option<usize>,
    pub mismatches: Vec<Mismatch>,
}

impl Checker {
    /// Records a mismatch when an expectation is set and differs (`field` is written out only
    /// then).
    pub fn check<T: PartialEq + fmt::Debug>(
        &mut self,
        field: impl fmt::Display,
        expected: Option<T>,
        got: T,
    ) {
        if let Some(expected) = expected.filter(|e| *e != got) {
            self.mismatches.push(Mismatch {
                step: self.step,
                field: field.to_string(),
                expected: format!("{expected:?}"),
                got: format!("{got:?}"),
                detail: None,
            });
        }
    }

    pub fn verdict(self) -> Verdict {
        if self.mismatches.is_empty() {
            Verdict::Passed
        } else {
            Verdict::Failed(self.mismatches)
        }
    }
}
