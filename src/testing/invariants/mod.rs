//! The invariants every input must keep, stated against the crate's public API with oracles
//! written from the Fetch standard's text. The fuzz targets (`fuzz/`) feed these checks with
//! libFuzzer's inputs, and the crate's property tests (`tests/properties.rs`) with proptest's, so
//! both hold the library to the same rules. Each check panics on a violation.
//!
//! Every check here can fail: none restates what the code it checks builds as a literal. The
//! oracles are independent readings (the standard's definitions, or another implementation such
//! as the `url` crate's origins and `data-url`'s MIME parser used directly); where an oracle must
//! allow what the standard allows without fixing it (a cache may drop entries early), it checks
//! what holds whatever the choice.

mod cache;
mod origin;
mod request_headers;
mod response_headers;
mod scenario;
mod support;
#[cfg(feature = "vectors")]
mod vectors;

pub use cache::*;
pub use origin::*;
pub use request_headers::*;
pub use response_headers::*;
pub use scenario::*;
#[cfg(feature = "vectors")]
pub use vectors::*;
