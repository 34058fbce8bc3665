#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod cache;
mod console;
pub mod cors_check;
pub mod error;
pub mod fetch;
pub mod header;
pub mod method;
pub mod origin;
pub mod preflight;
pub mod profile;
mod range;
pub mod redirect;
pub mod request;
pub mod response;
pub mod safelist;
#[cfg(feature = "proptest")]
pub mod strategies;
pub mod time;
#[cfg(feature = "vectors")]
pub mod vectors;
