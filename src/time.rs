//! Time as an input: the library never reads a clock.
//!
//! The caller says what time it is whenever time matters (starting a fetch, handing back a
//! response), as a [`Time`] measured from a zero of the caller's choosing, e.g. the start of a
//! test scenario. The same inputs at the same times give the same outputs.

use std::time::Duration;

/// A point in time, as an offset from the caller's chosen zero.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(Duration);

impl Time {
    /// The caller's zero.
    pub const ZERO: Time = Time(Duration::ZERO);

    /// The time `offset` after zero.
    pub const fn from_offset(offset: Duration) -> Self {
        Self(offset)
    }

    /// The time `secs` seconds after zero.
    pub const fn from_secs(secs: u64) -> Self {
        Self(Duration::from_secs(secs))
    }

    /// The time `millis` milliseconds after zero.
    pub const fn from_millis(millis: u64) -> Self {
        Self(Duration::from_millis(millis))
    }

    /// How long after zero this time is.
    pub const fn offset(self) -> Duration {
        self.0
    }

    /// This time plus `duration`, saturating instead of overflowing: an absurd `Max-Age` gives a
    /// far-future expiry, never a panic.
    pub fn saturating_add(self, duration: Duration) -> Self {
        Self(self.0.saturating_add(duration))
    }
}

impl From<Duration> for Time {
    /// The time `offset` after zero.
    fn from(offset: Duration) -> Self {
        Self(offset)
    }
}
