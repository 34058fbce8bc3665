//! What the fuzz targets share: the invariants they check ([`invariants`], also run by the main
//! crate's property tests) and the byte formats of their inputs ([`input`]), each with an encoder
//! so that `examples/seeds.rs` can turn `spec-vectors/` into seed corpora.

pub mod input;
pub mod invariants;
