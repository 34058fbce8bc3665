//! The `cors-sim` binary as a user runs it: transcripts of each verb (exit statuses
//! included) against real servers on the loopback interface that the tests start.
//!
//! Transcripts live in `snapshots/`; `SNAPSHOTS=overwrite cargo test -p cors-sim-cli`
//! rewrites them. Ports and `Date` headers are written `[PORT]` and `[DATE]`.

mod audit;
mod audit_servers;
mod demo;
mod explain;
mod hostile;
mod probe;
mod support;
mod usage;
mod vectors;
