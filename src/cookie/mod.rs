//! Cookies: the store a browser keeps, what a response's `Set-Cookie` does to it, and which
//! cookies go with a request — Fetch's "append a request `Cookie` header" and "parse and store
//! response `Set-Cookie` headers", over the cookie algorithms they call
//! (draft-ietf-httpbis-layered-cookies, the re-layered RFC 6265bis).
//! <https://fetch.spec.whatwg.org/#cookies>
//!
//! `site` computes sites and the request's same-site mode, `parse` reads a `Set-Cookie` value,
//! and `store` keeps cookies and retrieves them. Engines' policies (third-party blocking,
//! partitions, defaults) are [`crate::profile::CookiePolicy`]. Only requests that include
//! credentials carry cookies or store them; a CORS-preflight request never does.

mod parse;
mod site;
mod store;

pub use parse::SameSite;
pub(crate) use site::CookieContext;
pub use site::{SameSiteMode, SameSiteWhy, Site};
pub(crate) use site::{is_public_suffix, registrable_domain};
pub(crate) use store::Event;
pub use store::{Cookie, CookieRule, CookieStore, Refusal, SetCookieOutcome};
