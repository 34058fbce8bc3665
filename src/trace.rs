//! Why a fetch went as it did: the decisions the standard's algorithms made, step by step.
//!
//! A trace is recorded only when asked for ([`crate::Browser::trace`], or
//! [`crate::Browser::fetch_with`], which always records one): each decision point hands the
//! tracer a closure that builds its [`Step`], called only when tracing is on, so a fetch
//! without a trace builds nothing. Each step links the algorithm of the standard it comes from,
//! at the snapshot [`SPEC_SNAPSHOT`]; wherever a profile field made an engine depart from the
//! standard, a [`Step::Departure`] names the field.

use crate::cache::{LookupItem, Stored};
use crate::cookie::{CookieRule, SameSiteMode, SameSiteWhy, SetCookieOutcome};
use crate::cors_check::CheckPass;
use crate::error::{CheckFailure, Reason};
use crate::preflight::MethodAllowed;
use crate::referrer::{Referrer, ReferrerPolicy};
use crate::request::DropReason;
use crate::response::{ResponseType, Tainting};
use crate::safelist::NotSafelisted;
use std::fmt;
use std::time::Duration;
use url::Url;

/// The snapshot of the Fetch standard the links and step numbers refer to.
pub const SPEC_SNAPSHOT: &str = "whatwg/fetch 586cd2a (2026-07-02)";

/// A link to the algorithm of a standard that a step comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SpecRef {
    /// The algorithm's name, as the standard writes it.
    pub name: &'static str,
    /// Its URL.
    pub url: &'static str,
}

macro_rules! spec_refs {
    ($($constant:ident = $name:literal, $url:literal;)+) => {
        $(const $constant: SpecRef = SpecRef { name: $name, url: $url };)+
    };
}

spec_refs! {
    HEADERS_APPEND = "Headers append", "https://fetch.spec.whatwg.org/#concept-headers-append";
    MAIN_FETCH = "main fetch", "https://fetch.spec.whatwg.org/#main-fetch";
    UNSAFE_NAMES = "CORS-unsafe request-header names",
        "https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names";
    HTTP_FETCH = "HTTP fetch", "https://fetch.spec.whatwg.org/#concept-http-fetch";
    CACHE_MATCH = "cache entry match", "https://fetch.spec.whatwg.org/#concept-cache-match";
    PREFLIGHT_FETCH = "CORS-preflight fetch", "https://fetch.spec.whatwg.org/#cors-preflight-fetch-0";
    CLEAR_CACHE = "clear cache entries", "https://fetch.spec.whatwg.org/#concept-cache-clear";
    ORIGIN_HEADER = "append a request `Origin` header",
        "https://fetch.spec.whatwg.org/#append-a-request-origin-header";
    REFERRER = "determine request's referrer",
        "https://w3c.github.io/webappsec-referrer-policy/#determine-requests-referrer";
    SET_REFERRER_POLICY = "set request's referrer policy on redirect",
        "https://w3c.github.io/webappsec-referrer-policy/#set-requests-referrer-policy-on-redirect";
    NETWORK_OR_CACHE = "HTTP-network-or-cache fetch",
        "https://fetch.spec.whatwg.org/#concept-http-network-or-cache-fetch";
    CORS_CHECK = "CORS check", "https://fetch.spec.whatwg.org/#concept-cors-check";
    REDIRECT = "HTTP-redirect fetch", "https://fetch.spec.whatwg.org/#concept-http-redirect-fetch";
    CORS_FILTER = "CORS filtered response",
        "https://fetch.spec.whatwg.org/#concept-filtered-response-cors";
    NETWORK_ERROR = "network error", "https://fetch.spec.whatwg.org/#concept-network-error";
    PROFILE = "engine profile", "https://fetch.spec.whatwg.org/#cors-protocol";
    SAME_SITE_MODE = "determine the same-site mode",
        "https://fetch.spec.whatwg.org/#determine-the-same-site-mode";
    COOKIE_HEADER = "append a request `Cookie` header",
        "https://fetch.spec.whatwg.org/#append-a-request-cookie-header";
    SET_COOKIE = "parse and store response `Set-Cookie` headers",
        "https://fetch.spec.whatwg.org/#parse-and-store-response-set-cookie-headers";
}

/// Why "main fetch" chose a response tainting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TaintingWhy {
    /// The URL is same origin with the request's origin.
    SameOrigin,
    /// A `data:` URL.
    DataUrl,
    /// A navigation.
    Navigation,
    /// A cross-origin URL in mode `no-cors`.
    NoCors,
    /// A cross-origin URL in mode `cors`.
    CrossOrigin,
}

/// Why a request needs a CORS preflight ("main fetch", the CORS-with-preflight branch).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PreflightReason {
    /// The method is not a CORS-safelisted method (`GET`, `HEAD`, `POST`).
    Method(String),
    /// The request has CORS-unsafe request-header names.
    UnsafeHeaders(Vec<String>),
    /// The use-CORS-preflight flag is set (`XMLHttpRequest` upload listeners).
    UseCorsPreflightFlag,
    /// The request as script made it needed one, and the engine keeps that decision across
    /// redirects (a departure, `redirect.keeps_preflight_trigger`).
    KeptFromFirstHop,
}

impl fmt::Display for PreflightReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Method(method) => write!(f, "the method {method} is not CORS-safelisted"),
            Self::UnsafeHeaders(names) => {
                write!(f, "CORS-unsafe request-header names: {}", names.join(", "))
            }
            Self::UseCorsPreflightFlag => f.write_str("the use-CORS-preflight flag is set"),
            Self::KeptFromFirstHop => {
                f.write_str("the request as script made it needed one (kept across redirects)")
            }
        }
    }
}

/// Why a request carries the `Origin` it does ("append a request `Origin` header").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OriginWhy {
    /// A CORS request (or preflight) always carries its serialized origin.
    Cors,
    /// The request is redirect-tainted, so its origin serializes as `null`.
    RedirectTainted,
    /// Outside CORS, a `GET` or `HEAD` carries no `Origin`.
    NotCorsGetOrHead,
    /// Outside CORS, other methods carry the origin.
    NotCorsOtherMethod,
    /// Outside CORS, the request's referrer policy hides the origin from the current URL.
    ReferrerPolicy,
    /// Outside CORS, a redirect took the request from one origin to another, and the engine
    /// then sends `null` (a departure, `redirect.cross_origin_hop_nulls_origin`).
    CrossOriginRedirect,
    /// Outside CORS, the engine keeps the `Origin` the fetch's first request carried (a
    /// departure, `redirect.keeps_first_origin_outside_cors`).
    FirstRequest,
}

/// Why script cannot read a response header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HiddenWhy {
    /// An opaque response shows no header.
    Opaque,
    /// A forbidden response-header name (`Set-Cookie`, `Set-Cookie2`), never readable.
    Forbidden,
    /// Not a CORS-safelisted response-header name, and `Access-Control-Expose-Headers` does not
    /// list it.
    NotExposed,
    /// `Access-Control-Expose-Headers: *` exposes nothing to a request with credentials.
    StarWithCredentials,
}

impl fmt::Display for HiddenWhy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Opaque => "an opaque response",
            Self::Forbidden => "a forbidden response-header name",
            Self::NotExposed => "not safelisted, not in Access-Control-Expose-Headers",
            Self::StarWithCredentials => "`*` exposes nothing with credentials",
        })
    }
}

/// Why "clear cache entries" ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ClearWhy {
    /// A lookup found the URL's cached result insufficient, and the engine erases such results.
    InsufficientResult,
    /// A new result replaces the URL's entries.
    Replaced,
    /// The fetch failed.
    NetworkError,
}

/// One decision of a fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Step {
    /// The `Headers` guard dropped a header script set.
    HeaderDropped {
        /// The header name.
        name: String,
        /// Why.
        why: DropReason,
    },
    /// "main fetch" chose the response tainting for the current URL.
    Tainting {
        /// The current URL.
        url: Url,
        /// The tainting.
        tainting: Tainting,
        /// Why.
        why: TaintingWhy,
    },
    /// A request header is not CORS-safelisted.
    UnsafeHeader {
        /// The header name.
        name: String,
        /// The rule it fails.
        rule: NotSafelisted,
    },
    /// Whether the request needs a CORS preflight, before the cache is asked; no reasons means
    /// none is needed (a simple request).
    PreflightNeeded {
        /// Why one is needed.
        reasons: Vec<PreflightReason>,
    },
    /// A CORS-preflight cache lookup for one method or header name.
    CacheLookup(LookupItem),
    /// Whether the cache let the request skip its preflight.
    CacheVerdict {
        /// Whether every lookup hit.
        sufficient: bool,
    },
    /// "determine request's referrer" for the current URL.
    Referrer {
        /// The current URL.
        url: Url,
        /// The referrer chosen.
        referrer: Referrer,
        /// The referrer policy it was chosen under.
        policy: ReferrerPolicy,
    },
    /// "set request's referrer policy on redirect": the redirect's `Referrer-Policy` gave the
    /// request a policy for the hops that follow.
    ReferrerPolicySet {
        /// The policy.
        policy: ReferrerPolicy,
    },
    /// Why the request carries the `Origin` it does.
    OriginHeader {
        /// Why.
        why: OriginWhy,
    },
    /// "determine the same-site mode" for a request that includes credentials, and whether its
    /// URL is another site than the top-level page's (a third-party request).
    SameSiteMode {
        /// The request's current URL.
        url: Url,
        /// The mode.
        mode: SameSiteMode,
        /// Why.
        why: SameSiteWhy,
        /// Whether the URL is not same site with the top-level page.
        third_party: bool,
    },
    /// A stored cookie whose host matches the request's: whether it was sent, and why.
    Cookie {
        /// The cookie's name.
        name: String,
        /// Whether it went in the `Cookie` header.
        sent: bool,
        /// Why it went, or the rule that kept it off.
        rule: CookieRule,
    },
    /// What a `Set-Cookie` header of a response did to the cookie store.
    SetCookie {
        /// The cookie's name.
        name: String,
        /// Stored, expired or refused, and why.
        outcome: SetCookieOutcome,
    },
    /// A request went on the wire.
    Sent {
        /// Its method.
        method: String,
        /// Its URL.
        url: Url,
        /// Whether it is a CORS-preflight request.
        preflight: bool,
        /// Its `Origin` header, if any.
        origin: Option<String>,
        /// Its `Referer` header, if any.
        referer: Option<String>,
    },
    /// A response arrived, or none did.
    Received {
        /// Its status; `None` when the connection failed.
        status: Option<u16>,
        /// Whether it answers a CORS-preflight request.
        preflight: bool,
    },
    /// The CORS check on a response.
    CorsCheck {
        /// Whether the response answers a CORS-preflight request.
        preflight: bool,
        /// How it passed, or why it failed.
        result: Result<CheckPass, CheckFailure>,
    },
    /// The preflight response allowed the request's method.
    MethodAllowed {
        /// The method.
        method: String,
        /// How.
        how: MethodAllowed,
    },
    /// The preflight response allowed a request header.
    HeaderAllowed {
        /// The header name.
        name: String,
        /// Whether by `*` rather than by name.
        by_wildcard: bool,
    },
    /// What the cache did with a successful preflight's result.
    CacheStored {
        /// What was stored, or why nothing was.
        stored: Stored,
        /// The methods the result allows.
        methods: Vec<String>,
        /// The header names it allows.
        header_names: Vec<String>,
    },
    /// "clear cache entries" for the request's URL.
    CacheCleared {
        /// Why.
        why: ClearWhy,
    },
    /// A redirect was followed.
    Redirect {
        /// The redirect status.
        status: u16,
        /// The location.
        location: Url,
        /// Whether the method became `GET` (and the body headers went).
        method_became_get: bool,
        /// Whether `Authorization` went.
        authorization_removed: bool,
        /// Whether the request's origin now serializes as `null` (redirect-tainted).
        tainted: bool,
    },
    /// What script sees of the response.
    Filtered {
        /// The response type.
        response_type: ResponseType,
        /// The status script sees.
        status: u16,
        /// The header names script can read.
        exposed: Vec<String>,
        /// The header names of the response it cannot read, each with why.
        hidden: Vec<(String, HiddenWhy)>,
    },
    /// The fetch ended in a network error.
    NetworkError(Reason),
    /// A profile field made the engine depart from the standard here.
    Departure {
        /// The field, e.g. `cache.max_age_cap`.
        field: &'static str,
        /// What it changed.
        effect: String,
    },
}

impl Step {
    /// The algorithm of the standard this step comes from.
    pub fn spec(&self) -> SpecRef {
        match self {
            Self::HeaderDropped { .. } => HEADERS_APPEND,
            Self::Tainting { .. } | Self::PreflightNeeded { .. } => MAIN_FETCH,
            Self::UnsafeHeader { .. } => UNSAFE_NAMES,
            Self::CacheLookup(_) => CACHE_MATCH,
            Self::CacheVerdict { .. } => HTTP_FETCH,
            Self::Referrer { .. } => REFERRER,
            Self::ReferrerPolicySet { .. } => SET_REFERRER_POLICY,
            Self::SameSiteMode { .. } => SAME_SITE_MODE,
            Self::Cookie { .. } => COOKIE_HEADER,
            Self::SetCookie { .. } => SET_COOKIE,
            Self::OriginHeader { .. } => ORIGIN_HEADER,
            Self::Sent {
                preflight: true, ..
            }
            | Self::Received {
                preflight: true, ..
            }
            | Self::MethodAllowed { .. }
            | Self::HeaderAllowed { .. }
            | Self::CacheStored { .. } => PREFLIGHT_FETCH,
            Self::Sent { .. } | Self::Received { .. } => NETWORK_OR_CACHE,
            Self::CorsCheck { .. } => CORS_CHECK,
            Self::CacheCleared { .. } => CLEAR_CACHE,
            Self::Redirect { .. } => REDIRECT,
            Self::Filtered { .. } => CORS_FILTER,
            Self::NetworkError(_) => NETWORK_ERROR,
            Self::Departure { .. } => PROFILE,
        }
    }
}

/// A list of names for a message: `a, b` or `none`.
fn names(list: &[String]) -> String {
    if list.is_empty() {
        "none".to_owned()
    } else {
        list.join(", ")
    }
}

impl fmt::Display for Step {
    /// One line saying what was decided and why.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::HeaderDropped { name, why } => {
                let why = match why {
                    DropReason::Forbidden => {
                        "a forbidden request-header, which only the browser sets"
                    }
                    DropReason::NotNoCorsSafelisted => {
                        "mode `no-cors` allows only no-CORS-safelisted request-headers"
                    }
                    DropReason::PrivilegedNoCors => {
                        "mode `no-cors` removes privileged no-CORS request-headers"
                    }
                };
                write!(f, "the `{name}` header script set is dropped: {why}")
            }
            Self::Tainting { url, tainting, why } => {
                let why = match why {
                    TaintingWhy::SameOrigin => "the URL is same origin with the request's origin",
                    TaintingWhy::DataUrl => "a `data:` URL",
                    TaintingWhy::Navigation => "a navigation",
                    TaintingWhy::NoCors => "the URL is cross-origin and the mode is `no-cors`",
                    TaintingWhy::CrossOrigin => "the URL is cross-origin and the mode is `cors`",
                };
                write!(
                    f,
                    "response tainting `{}` for {url}: {why}",
                    tainting.as_str()
                )
            }
            Self::UnsafeHeader { name, rule } => {
                write!(
                    f,
                    "`{name}` is not a CORS-safelisted request-header: {rule}"
                )
            }
            Self::PreflightNeeded { reasons } if reasons.is_empty() => f.write_str(
                "no preflight needed: a CORS-safelisted method and only CORS-safelisted headers",
            ),
            Self::PreflightNeeded { reasons } => {
                f.write_str("a CORS preflight is needed: ")?;
                for (i, reason) in reasons.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{reason}")?;
                }
                Ok(())
            }
            Self::CacheLookup(item) => {
                let (what, found) = match item {
                    LookupItem::Method(method, found) => (format!("method {method}"), found),
                    LookupItem::HeaderName(name, found) => (format!("header name {name}"), found),
                };
                let found = match found {
                    crate::cache::CacheMatch::Hit => "hit",
                    crate::cache::CacheMatch::Wildcard => "hit (a `*` entry)",
                    crate::cache::CacheMatch::Expired => "expired",
                    crate::cache::CacheMatch::Miss => "miss",
                };
                write!(f, "preflight cache lookup for {what}: {found}")
            }
            Self::CacheVerdict { sufficient: true } => {
                f.write_str("the preflight cache allows the request: no preflight is sent")
            }
            Self::CacheVerdict { sufficient: false } => {
                f.write_str("the preflight cache does not cover the request: a preflight is sent")
            }
            Self::Referrer {
                url,
                referrer,
                policy,
            } => {
                write!(f, "`Referer` for {url}: ")?;
                if *policy == ReferrerPolicy::StrictOriginWhenCrossOrigin {
                    return f.write_str(match referrer {
                        Referrer::Url => "the document's URL (same origin)",
                        Referrer::Origin => "the document's origin only (another origin)",
                        Referrer::NoReferrer => {
                            "none (no referrer source, or a secure page to an insecure URL)"
                        }
                    });
                }
                let chosen = match referrer {
                    Referrer::Url => "the document's URL",
                    Referrer::Origin => "the document's origin only",
                    Referrer::NoReferrer => "none",
                };
                write!(f, "{chosen} (referrer policy `{policy}`)")
            }
            Self::ReferrerPolicySet { policy } => write!(
                f,
                "the redirect's `Referrer-Policy` sets the request's referrer policy to \
                 `{policy}` for the hops that follow"
            ),
            Self::OriginHeader { why } => f.write_str(match why {
                OriginWhy::Cors => "`Origin` carries the request's origin: a CORS request",
                OriginWhy::RedirectTainted => {
                    "`Origin: null`: a redirect went from another origin to a third, so the \
                     request is redirect-tainted"
                }
                OriginWhy::NotCorsGetOrHead => "no `Origin`: a GET or HEAD outside CORS",
                OriginWhy::NotCorsOtherMethod => {
                    "`Origin` carries the request's origin: a method other than GET or HEAD"
                }
                OriginWhy::ReferrerPolicy => {
                    "`Origin: null`: outside CORS, the request's referrer policy hides its origin \
                     from this URL"
                }
                OriginWhy::CrossOriginRedirect => {
                    "`Origin: null`: outside CORS, a redirect took the request to another origin"
                }
                OriginWhy::FirstRequest => {
                    "`Origin` as the fetch's first request carried it: outside CORS, the engine \
                     keeps it across redirects"
                }
            }),
            Self::SameSiteMode {
                url,
                mode,
                why,
                third_party,
            } => {
                let why = match why {
                    SameSiteWhy::SameSite => "the URL is same site with the top-level page",
                    SameSiteWhy::CrossSiteUrl => {
                        "the URL is not same site with the top-level page (a cross-site request)"
                    }
                    SameSiteWhy::CrossSiteRedirect => "a redirect went through another site",
                };
                write!(f, "same-site mode `{mode}` for {url}: {why}")?;
                if *third_party {
                    f.write_str("; a third-party request")?;
                }
                Ok(())
            }
            Self::Cookie { name, sent, rule } => {
                let verb = if *sent { "sent" } else { "not sent" };
                write!(f, "cookie `{name}` {verb}: {rule}")
            }
            Self::SetCookie { name, outcome } => {
                write!(f, "`Set-Cookie` for `{name}`: {outcome}")
            }
            Self::Sent {
                method,
                url,
                preflight,
                origin,
                referer,
            } => {
                let kind = if *preflight { "preflight " } else { "" };
                write!(f, "{kind}request {method} {url} sent")?;
                match origin {
                    Some(origin) => write!(f, " with `Origin: {origin}`")?,
                    None => f.write_str(" without `Origin`")?,
                }
                match referer {
                    Some(referer) => write!(f, " and `Referer: {referer}`"),
                    None => f.write_str(" and no `Referer`"),
                }
            }
            Self::Received {
                status: Some(status),
                preflight,
            } => {
                let kind = if *preflight { "the preflight " } else { "" };
                write!(f, "{kind}response: status {status}")
            }
            Self::Received { status: None, .. } => {
                f.write_str("no response: the connection failed")
            }
            Self::CorsCheck { preflight, result } => {
                let on = if *preflight {
                    "CORS check of the preflight response"
                } else {
                    "CORS check"
                };
                match result {
                    Ok(pass) => write!(f, "{on} passed: {pass}"),
                    Err(failure) => write!(f, "{on} failed: {failure}"),
                }
            }
            Self::MethodAllowed { method, how } => {
                let how = match how {
                    MethodAllowed::Listed => "listed in `Access-Control-Allow-Methods`",
                    MethodAllowed::Safelisted => "a CORS-safelisted method, which needs no listing",
                    MethodAllowed::Wildcard => "`Access-Control-Allow-Methods: *` (no credentials)",
                    MethodAllowed::FlaggedPreflight => {
                        "no `Access-Control-Allow-Methods`, and the preflight was made for the \
                         use-CORS-preflight flag"
                    }
                };
                write!(f, "the preflight allows the method {method}: {how}")
            }
            Self::HeaderAllowed { name, by_wildcard } => {
                let how = if *by_wildcard {
                    "`Access-Control-Allow-Headers: *` (no credentials)"
                } else {
                    "listed in `Access-Control-Allow-Headers`"
                };
                write!(f, "the preflight allows the header `{name}`: {how}")
            }
            Self::CacheStored {
                stored,
                methods,
                header_names,
            } => match stored {
                Stored::Stored { max_age, asked } => {
                    write!(f, "preflight result cached for {}", seconds(*max_age))?;
                    if asked != max_age {
                        write!(f, " (asked for {}, capped)", seconds(*asked))?;
                    }
                    write!(
                        f,
                        ": methods {}; header names {}",
                        names(methods),
                        names(header_names)
                    )
                }
                Stored::NotCached(why) => {
                    let why = match why {
                        crate::cache::NotCached::MaxAge => {
                            "the engine reads its `Access-Control-Max-Age` as \"do not cache\""
                        }
                        crate::cache::NotCached::NullOrigin => {
                            "the engine caches no result for the origin `null`"
                        }
                        crate::cache::NotCached::RedirectTainted => {
                            "the engine caches no result for a redirect-tainted request"
                        }
                        crate::cache::NotCached::UrlTooLong => {
                            "the engine caches no result for a URL this long"
                        }
                    };
                    write!(f, "preflight result not cached: {why}")
                }
            },
            Self::CacheCleared { why } => {
                let why = match why {
                    ClearWhy::InsufficientResult => "a lookup found the cached result insufficient",
                    ClearWhy::Replaced => "a new preflight result replaces them",
                    ClearWhy::NetworkError => "the fetch failed",
                };
                write!(f, "preflight cache entries for the URL cleared: {why}")
            }
            Self::Redirect {
                status,
                location,
                method_became_get,
                authorization_removed,
                tainted,
            } => {
                write!(f, "redirect {status} to {location} followed")?;
                if *method_became_get {
                    f.write_str("; the method becomes GET and the body headers go")?;
                }
                if *authorization_removed {
                    f.write_str("; `Authorization` is removed (another origin)")?;
                }
                if *tainted {
                    f.write_str("; the request is redirect-tainted: its origin is now `null`")?;
                }
                Ok(())
            }
            Self::Filtered {
                response_type,
                status,
                exposed,
                hidden,
            } => {
                write!(
                    f,
                    "script gets a `{response_type}` response, status {status}; readable \
                     headers: {}",
                    names(exposed)
                )?;
                for (i, (name, why)) in hidden.iter().enumerate() {
                    let lead = if i == 0 { "; hidden: " } else { ", " };
                    write!(f, "{lead}{name} ({why})")?;
                }
                Ok(())
            }
            Self::NetworkError(reason) => write!(f, "network error ({}): {reason}", reason.name()),
            Self::Departure { field, effect } => {
                write!(f, "engine departure (profile field `{field}`): {effect}")
            }
        }
    }
}

/// A duration in whole seconds, for messages.
fn seconds(duration: Duration) -> String {
    match duration.as_secs() {
        1 => "1 second".to_owned(),
        s => format!("{s} seconds"),
    }
}

/// The steps of one fetch, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trace {
    steps: Vec<Step>,
}

impl Trace {
    /// The steps, in order.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The profile fields that made the engine depart from the standard in this fetch.
    pub fn departures(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.steps.iter().filter_map(|step| match step {
            Step::Departure { field, .. } => Some(*field),
            _ => None,
        })
    }
}

impl<'t> IntoIterator for &'t Trace {
    type Item = &'t Step;
    type IntoIter = std::slice::Iter<'t, Step>;

    fn into_iter(self) -> Self::IntoIter {
        self.steps.iter()
    }
}

impl fmt::Display for Trace {
    /// One numbered line per step; the alternate form (`{:#}`) adds each step's algorithm and
    /// link.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.steps.iter().enumerate() {
            write!(f, "{:>3}. {step}", i + 1)?;
            if f.alternate() {
                let spec = step.spec();
                write!(f, " [{}: {}]", spec.name, spec.url)?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

/// Where the driver records steps: nowhere when tracing is off, so that a decision point costs a
/// branch and builds nothing.
#[derive(Debug, Default)]
pub(crate) struct Tracer(Option<Vec<Step>>);

impl Tracer {
    /// Traces the profile fields that made a result other than the standard's. Each of `fields`
    /// is a field's name, its effect, and the policy with that field alone set to the engine's
    /// value (the rest the standard's). Named: each field that `differs` and whose policy alone
    /// `gives` the engine's result; if none does alone, every field that differs (they do it
    /// together).
    pub(crate) fn departures<P>(
        &mut self,
        fields: &[(&'static str, &'static str, P)],
        differs: impl Fn(&P) -> bool,
        gives: impl Fn(&P) -> bool,
    ) {
        let differing = || fields.iter().filter(|(_, _, policy)| differs(policy));
        let alone: Vec<_> = differing().filter(|(_, _, policy)| gives(policy)).collect();
        let named = if alone.is_empty() {
            differing().collect()
        } else {
            alone
        };
        for (field, effect, _) in named {
            self.emit(|| Step::Departure {
                field,
                effect: (*effect).to_owned(),
            });
        }
    }

    /// A tracer that records when `on`.
    pub fn new(on: bool) -> Self {
        Self(on.then(Vec::new))
    }

    /// Whether steps are recorded.
    #[inline]
    pub fn is_on(&self) -> bool {
        self.0.is_some()
    }

    /// Records the step `step` builds, when tracing is on.
    #[inline]
    pub fn emit(&mut self, step: impl FnOnce() -> Step) {
        if let Some(steps) = &mut self.0 {
            steps.push(step());
        }
    }

    /// The trace, when one was recorded.
    pub fn finish(self) -> Option<Trace> {
        self.0.map(|steps| Trace { steps })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fields a departure names: those that alone give the engine's result, else every one
    /// that differs from the standard; never one that does not differ.
    #[test]
    fn departures_name_the_fields_that_explain_the_result() {
        // Policies as numbers: 0 is the standard's value; the engine's result is reached when
        // the fields' values add up to 3.
        let fields = [
            ("a", "a's effect", 3),
            ("b", "b's effect", 1),
            ("c", "c's effect", 0),
        ];
        let named = |gives: &dyn Fn(&i32) -> bool| {
            let mut tracer = Tracer::new(true);
            tracer.departures(&fields, |p| *p != 0, gives);
            let trace = tracer.finish().unwrap();
            trace
                .departures()
                .map(str::to_owned)
                .collect::<Vec<String>>()
        };
        assert_eq!(named(&|p| *p == 3), ["a"]);
        // No field alone: every differing one, together.
        assert_eq!(named(&|_| false), ["a", "b"]);
    }
}
