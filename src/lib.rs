#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
//!
//! # Layout
//!
//! One module per concept of the standard. The algorithms cite the standard by link, at the
//! snapshot [`trace::SPEC_SNAPSHOT`]; step numbers refer to it.

pub mod advice;
pub mod attacker;
#[cfg(feature = "audit")]
pub mod audit;
mod bytes;
pub mod cache;
#[cfg(feature = "tower")]
pub mod check;
#[cfg(feature = "client")]
pub mod client;
mod console;
pub mod cookie;
pub mod cors_check;
pub mod document;
pub mod error;
pub mod fetch;
#[cfg(test)]
mod fixtures;
pub mod header;
pub mod method;
pub mod origin;
pub mod preflight;
pub mod profile;
mod range;
pub mod recognize;
pub mod redirect;
pub mod referrer;
pub mod request;
pub mod response;
pub mod safelist;
mod secure_context;
#[cfg(feature = "testing")]
pub mod testing;
pub mod time;
#[cfg(feature = "tower")]
pub mod tower;
pub mod trace;

pub use document::Document;
pub use error::{CheckFailure, NetworkError, Reason};
pub use fetch::{AwaitingResponse, Browser, Done, Exchange, Next, Reply, ResponseHead};
pub use header::{HeaderList, HeaderValue};
pub use origin::Origin;
pub use profile::{Engine, Profile};
pub use request::{
    Body, CredentialsMode, InitiatorType, Mode, OutgoingRequest, RedirectMode, Request,
    RequestError, RequestInit, RequestUrl,
};
pub use response::{FilteredResponse, ResponseType};
pub use time::Time;
pub use trace::Trace;

/// The `http` crate this one speaks, so that users need not match its version.
pub use http;
/// The `url` crate this one speaks.
pub use url;
