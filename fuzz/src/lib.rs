//! What the fuzz targets share: the invariants they check ([`invariants`], the main crate's
//! `cors_sim::testing::invariants`, which its property tests run too) and the byte formats of
//! their inputs ([`input`]), each with an encoder so that `examples/seeds.rs` can turn
//! `spec-vectors/` into seed corpora; and [`mime_crate`], a differential check that needs a crate
//! the library does not depend on.

pub mod input;
pub mod mime_crate;
pub use cors_sim::testing::invariants;
