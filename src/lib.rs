//! # cors-sim
//!
//! What a browser does with a cross-origin request, without a browser: a pure, sans-IO model of
//! the CORS parts of the [WHATWG Fetch standard](https://fetch.spec.whatwg.org/).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod cache;
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
pub mod time;
