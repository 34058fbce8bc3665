//! The cookie store: Cookies' "store a cookie" (with the engine's policy), "retrieve cookies",
//! "serialize cookies" and "garbage collect cookies", with time an input.
//! <https://httpwg.org/http-extensions/draft-ietf-httpbis-layered-cookies.html#name-cookie-store-and-limits>

use super::parse::{self, ParsedCookie, SameSite};
use super::site::{CookieContext, SameSiteMode, Site, is_public_suffix};
use crate::header::HeaderValue;
use crate::profile::{CookieOrder, CookiePolicy, ThirdPartyCookies, UnsetSameSite};
use crate::time::Time;
use std::cmp::Reverse;
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The date [`Time::ZERO`] stands for unless the caller sets another: 2026-01-01T00:00:00Z.
const DEFAULT_DATE_AT_ZERO: i64 = 1_767_225_600;

/// Why a cookie was or was not sent with a request.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CookieRule {
    /// Sent: host, path, `Secure` and its `SameSite` all allow the request.
    Allowed {
        /// Its `SameSite`, as the engine reads it.
        same_site: SameSite,
        /// The request's same-site mode.
        mode: SameSiteMode,
    },
    /// Not sent: the request does not include credentials (credentials mode `omit`, or
    /// `same-origin` with a URL of another origin).
    CredentialsNotIncluded,
    /// Not sent: a CORS-preflight request never carries cookies.
    Preflight,
    /// Not sent: the URL's path does not path-match the cookie's.
    Path,
    /// Not sent: a `Secure` cookie and a URL that is not secure.
    Secure,
    /// Not sent: its `SameSite` (as the engine reads it) does not allow the request's mode.
    SameSite {
        /// Its `SameSite`, as the engine reads it.
        same_site: SameSite,
        /// The request's same-site mode.
        mode: SameSiteMode,
    },
    /// Not sent: the engine keeps unpartitioned cookies off requests to another site than the
    /// top-level one (third-party cookie blocking, or a jar per top-level site).
    ThirdParty,
    /// Not sent: the cookie belongs to another top-level site's partition.
    OtherPartition(Site),
}

impl CookieRule {
    /// Whether the cookie went.
    pub fn sent(&self) -> bool {
        matches!(self, Self::Allowed { .. })
    }
}

impl fmt::Display for CookieRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Allowed { same_site, mode } => {
                write!(
                    f,
                    "its host, path and security match, and {same_site} allows a `{mode}` request"
                )
            }
            Self::CredentialsNotIncluded => f.write_str(
                "the request does not include credentials (credentials `omit`, or `same-origin` \
                 to another origin)",
            ),
            Self::Preflight => f.write_str("a CORS-preflight request never carries cookies"),
            Self::Path => f.write_str("the URL's path does not path-match the cookie's Path"),
            Self::Secure => f.write_str("a Secure cookie, and the URL is not secure"),
            Self::SameSite { same_site, mode } => {
                write!(f, "{same_site} keeps it off a `{mode}` request")
            }
            Self::ThirdParty => f.write_str(
                "the URL is not same site with the top-level page, and the engine keeps \
                 unpartitioned cookies off such requests",
            ),
            Self::OtherPartition(site) => {
                write!(
                    f,
                    "it belongs to the partition of another top-level site ({site})"
                )
            }
        }
    }
}

/// What a `Set-Cookie` header did to the store.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SetCookieOutcome {
    /// The cookie was stored.
    Stored {
        /// The top-level site whose partition holds it; `None` for the unpartitioned store.
        partition: Option<Site>,
        /// Whether it replaced a cookie of the same name, host and path.
        replaced: bool,
    },
    /// The cookie had already expired (`Max-Age=0`, a past `Expires`): it removed the cookie
    /// of the same name, host and path, if any, and was not kept.
    Expired {
        /// Whether a cookie was removed.
        removed: bool,
    },
    /// The cookie was refused.
    Refused(Refusal),
}

/// Why "store a cookie" (or the engine's policy) refused a cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Refusal {
    /// "parse a cookie" failed: a control byte, or a name and value empty or over 4,096 bytes.
    Invalid,
    /// The request's host does not domain-match the `Domain` attribute.
    DomainMismatch,
    /// The `Domain` attribute is a public suffix other than the host.
    PublicSuffix,
    /// A `Secure` cookie from a URL that is not secure.
    SecureFromInsecure,
    /// A cookie that is not `SameSite=None` (as the engine reads it) from a response to a
    /// cross-site request.
    SameSiteFromCrossSite(SameSite),
    /// `SameSite=None` without `Secure`.
    NoneWithoutSecure,
    /// `Partitioned` without `Secure`, where the engine honours `Partitioned`.
    PartitionedWithoutSecure,
    /// The name's prefix (`__Secure-`, `__Host-`, `__Http-`, `__Host-Http-`) asks for what the
    /// cookie lacks.
    Prefix(&'static str),
    /// The engine lets no response to a third-party request set unpartitioned cookies.
    ThirdParty,
    /// An insecure cookie may not overlay a `Secure` cookie of the same name.
    OverlaysSecure,
    /// The request did not include credentials, so its response's cookies are ignored.
    CredentialsNotIncluded,
    /// The response answers a CORS-preflight request, which includes no credentials.
    Preflight,
}

impl fmt::Display for SetCookieOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Stored {
                partition,
                replaced,
            } => {
                f.write_str(if *replaced {
                    "stored, replacing the old one"
                } else {
                    "stored"
                })?;
                match partition {
                    Some(site) => write!(f, " (in the partition of {site})"),
                    None => Ok(()),
                }
            }
            Self::Expired { removed: true } => {
                f.write_str("already expired: it deleted the old one")
            }
            Self::Expired { removed: false } => f.write_str("already expired: not kept"),
            Self::Refused(why) => write!(f, "refused: {why}"),
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Invalid => f.write_str(
                "not a cookie (control bytes, or no name and value, or over 4,096 bytes)",
            ),
            Self::DomainMismatch => f.write_str("the host does not domain-match its Domain"),
            Self::PublicSuffix => f.write_str("its Domain is a public suffix"),
            Self::SecureFromInsecure => f.write_str("Secure, from a URL that is not secure"),
            Self::SameSiteFromCrossSite(same_site) => {
                write!(f, "{same_site}, from a response to a cross-site request")
            }
            Self::NoneWithoutSecure => f.write_str("SameSite=None without Secure"),
            Self::PartitionedWithoutSecure => f.write_str("Partitioned without Secure"),
            Self::Prefix(prefix) => write!(f, "the {prefix} prefix's rules are not met"),
            Self::ThirdParty => f.write_str(
                "the engine lets no response to a request to another site than the top-level \
                 page set cookies",
            ),
            Self::OverlaysSecure => f.write_str(
                "it would overlay a Secure cookie of the same name from an insecure URL",
            ),
            Self::CredentialsNotIncluded => f.write_str(
                "ignored: the request did not include credentials (credentials `omit`, or \
                 `same-origin` to another origin)",
            ),
            Self::Preflight => f.write_str("ignored: the response to a CORS-preflight request"),
        }
    }
}

/// What the store tells its caller while it decides, for a trace.
#[derive(Debug)]
pub(crate) enum Event<'a> {
    /// A stored cookie whose host matches the request's: sent or not, and why.
    Cookie(&'a Cookie, CookieRule),
    /// The policy field `.0` changed a decision, as `.1` says.
    Departure(&'static str, &'static str),
}

/// A cookie in the store (Cookies: a "cookie" struct, with CHIPS' partition).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cookie {
    name: Vec<u8>,
    value: Vec<u8>,
    host: String,
    host_only: bool,
    path: String,
    secure: bool,
    http_only: bool,
    same_site: SameSite,
    partition: Option<Site>,
    expiry: Option<Time>,
    created: Time,
    last_access: Time,
    /// Insertion order among cookies created at the same time.
    order: u64,
}

impl Cookie {
    /// Its name (bytes, possibly empty).
    pub fn name(&self) -> &[u8] {
        &self.name
    }

    /// Its value.
    pub fn value(&self) -> &[u8] {
        &self.value
    }

    /// Its host: the request's host for a host-only cookie, else its `Domain`.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// Whether only its host (not its subdomains) gets it: it had no `Domain`.
    pub fn host_only(&self) -> bool {
        self.host_only
    }

    /// Its path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Whether it is `Secure`.
    pub fn secure(&self) -> bool {
        self.secure
    }

    /// Whether it is `HttpOnly` (fetch sends it all the same).
    pub fn http_only(&self) -> bool {
        self.http_only
    }

    /// Its `SameSite` attribute, as set.
    pub fn same_site(&self) -> SameSite {
        self.same_site
    }

    /// The top-level site whose partition holds it; `None` when unpartitioned.
    pub fn partition(&self) -> Option<&Site> {
        self.partition.as_ref()
    }

    /// When it expires; `None` for a session cookie.
    pub fn expiry(&self) -> Option<Time> {
        self.expiry
    }

    /// When it was created (kept by a replacement where the engine keeps it).
    pub fn created(&self) -> Time {
        self.created
    }

    fn is_expired(&self, now: Time) -> bool {
        self.expiry.is_some_and(|expiry| expiry <= now)
    }
}

/// The cookies a browser keeps, under its profile's [`CookiePolicy`]. Bounded: at most
/// `total_cookies_limit` cookies (`cookies_per_host_limit` per host), each of at most 4,096 bytes
/// of name and value.
#[derive(Debug, Clone)]
pub struct CookieStore {
    policy: CookiePolicy,
    cookies: Vec<Cookie>,
    next_order: u64,
    date_at_zero: i64,
}

impl CookieStore {
    /// An empty store.
    pub fn new(policy: CookiePolicy) -> Self {
        Self {
            policy,
            cookies: Vec::new(),
            next_order: 0,
            date_at_zero: DEFAULT_DATE_AT_ZERO,
        }
    }

    /// The policy it keeps cookies by.
    pub fn policy(&self) -> &CookiePolicy {
        &self.policy
    }

    /// The cookies, in no particular order (expired ones until the next fetch removes them).
    pub fn cookies(&self) -> impl Iterator<Item = &Cookie> {
        self.cookies.iter()
    }

    /// How many cookies it holds.
    pub fn len(&self) -> usize {
        self.cookies.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.cookies.is_empty()
    }

    /// Removes every cookie, as "Clear browsing data" does.
    pub fn clear(&mut self) {
        self.cookies.clear();
    }

    /// Says which date [`Time::ZERO`] is, against which `Expires` dates are read (by default
    /// 2026-01-01T00:00:00Z). The store never reads a clock.
    pub fn set_date_at_zero(&mut self, date: SystemTime) {
        self.date_at_zero = match date.duration_since(UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
            Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
        };
    }

    /// Fetch "parse and store response `Set-Cookie` headers" for one header `value` received at
    /// `now` by a request of `context`: what it did. `note` hears the policy fields that decided.
    pub(crate) fn store(
        &mut self,
        value: &[u8],
        context: &CookieContext<'_>,
        now: Time,
        note: &mut impl FnMut(Event<'_>),
    ) -> SetCookieOutcome {
        match parse::parse(value) {
            Some(parsed) => self.store_parsed(parsed, context, now, note),
            None => SetCookieOutcome::Refused(Refusal::Invalid),
        }
    }

    /// "store a cookie", with the engine's rules, then "garbage collect cookies".
    fn store_parsed(
        &mut self,
        parsed: ParsedCookie,
        context: &CookieContext<'_>,
        now: Time,
        note: &mut impl FnMut(Event<'_>),
    ) -> SetCookieOutcome {
        let policy = self.policy;
        let refused = SetCookieOutcome::Refused;
        let host = context.host();
        let (cookie_host, host_only) = match self.cookie_host(&parsed, &host, note) {
            Ok(found) => found,
            Err(why) => return refused(why),
        };
        if parsed.secure && !context.secure {
            return refused(Refusal::SecureFromInsecure);
        }
        if parsed.secure && context.url.scheme() != "https" {
            departure(
                note,
                "cookies.loopback_secure",
                "an http loopback URL counts as secure",
            );
        }
        let same_site = effective_same_site(parsed.same_site, policy.unset_same_site);
        if same_site != SameSite::None && context.mode != SameSiteMode::StrictOrLess {
            return refused(Refusal::SameSiteFromCrossSite(same_site));
        }
        if parsed.same_site == SameSite::Unset && same_site == SameSite::None {
            departure(
                note,
                "cookies.unset_same_site",
                "a cookie without SameSite counts as SameSite=None",
            );
        }
        if parsed.same_site == SameSite::None && !parsed.secure {
            if policy.none_requires_secure {
                return refused(Refusal::NoneWithoutSecure);
            }
            departure(
                note,
                "cookies.none_requires_secure",
                "SameSite=None without Secure is kept",
            );
        }
        let partitioned = parsed.partitioned && policy.partitioned_attribute;
        if partitioned && !parsed.secure {
            return refused(Refusal::PartitionedWithoutSecure);
        }
        if let Some(prefix) = broken_prefix(&parsed, host_only) {
            if policy.name_prefixes {
                return refused(Refusal::Prefix(prefix));
            }
            departure(
                note,
                "cookies.name_prefixes",
                "a cookie that breaks its name prefix's rules is kept",
            );
        }
        let partition = if partitioned {
            departure(
                note,
                "cookies.partitioned_attribute",
                "a Partitioned cookie is kept in the top-level site's partition",
            );
            Some(context.top_level.clone())
        } else if context.third_party {
            match policy.third_party {
                ThirdPartyCookies::Allowed => None,
                ThirdPartyCookies::Blocked | ThirdPartyCookies::SettingBlocked => {
                    departure(
                        note,
                        "cookies.third_party",
                        "a response to a third-party request sets no cookie",
                    );
                    return refused(Refusal::ThirdParty);
                }
                ThirdPartyCookies::Partitioned => {
                    departure(
                        note,
                        "cookies.third_party",
                        "a third-party cookie goes to the top-level site's jar",
                    );
                    Some(context.top_level.clone())
                }
            }
        } else {
            None
        };
        let path = parsed
            .path
            .clone()
            .unwrap_or_else(|| default_path(context.url.path()));
        if !context.secure
            && !parsed.secure
            && self.overlays_secure(&parsed.name, &cookie_host, &path)
        {
            return refused(Refusal::OverlaysSecure);
        }
        let expiry = self.expiry(&parsed, now, note);
        let mut cookie = Cookie {
            name: parsed.name,
            value: parsed.value,
            host: cookie_host,
            host_only,
            path,
            secure: parsed.secure,
            http_only: parsed.http_only,
            same_site: parsed.same_site,
            partition,
            expiry,
            created: now,
            last_access: now,
            order: self.next_order,
        };
        self.next_order += 1;
        let old = self.cookies.iter().position(|old| {
            old.name == cookie.name
                && old.host == cookie.host
                && old.host_only == cookie.host_only
                && old.path == cookie.path
                && old.partition == cookie.partition
        });
        let replaced = old.is_some();
        if let Some(at) = old {
            let old = self.cookies.remove(at);
            if policy.replacement_keeps_creation {
                cookie.created = old.created;
                cookie.order = old.order;
            } else {
                departure(
                    note,
                    "cookies.replacement_keeps_creation",
                    "the replacing cookie is as new: it goes after older ones",
                );
            }
        }
        if cookie.is_expired(now) {
            self.garbage_collect(&host, now);
            return SetCookieOutcome::Expired { removed: replaced };
        }
        let partition = cookie.partition.clone();
        self.cookies.push(cookie);
        self.garbage_collect(&host, now);
        SetCookieOutcome::Stored {
            partition,
            replaced,
        }
    }

    /// The cookie's host and host-only flag, from its `Domain` attribute (or the request's host).
    fn cookie_host(
        &self,
        parsed: &ParsedCookie,
        host: &str,
        note: &mut impl FnMut(Event<'_>),
    ) -> Result<(String, bool), Refusal> {
        let Some(domain) = &parsed.domain else {
            return Ok((host.to_owned(), true));
        };
        if !domain.is_ascii() {
            return Err(Refusal::DomainMismatch);
        }
        let domain = if self.policy.domain_lowercased {
            match url::Host::parse(domain) {
                Ok(parsed) => parsed.to_string(),
                Err(_) => return Err(Refusal::DomainMismatch),
            }
        } else {
            if domain.bytes().any(|b| b.is_ascii_uppercase()) {
                departure(
                    note,
                    "cookies.domain_lowercased",
                    "the Domain attribute is matched as written",
                );
            }
            domain.clone()
        };
        if is_public_suffix(&domain) {
            return if domain == host {
                Ok((domain, true))
            } else {
                Err(Refusal::PublicSuffix)
            };
        }
        if !domain_matches(host, &domain) {
            return Err(Refusal::DomainMismatch);
        }
        // An IP address equal to the host stays host-only.
        let host_only = domain == host && !is_domain(host);
        Ok((domain, host_only))
    }

    /// Whether an insecure cookie named `name` for `host` and `path` would overlay a `Secure`
    /// one.
    fn overlays_secure(&self, name: &[u8], host: &str, path: &str) -> bool {
        self.cookies.iter().any(|old| {
            old.secure
                && old.name == name
                && (domain_matches(&old.host, host) || domain_matches(host, &old.host))
                && path_matches(path, &old.path)
        })
    }

    /// The cookie's expiry: `Max-Age` (or, where the engine takes the last of them, a later
    /// `Expires`) from `now`, or `Expires` read against the date of [`Time::ZERO`]; both cut to
    /// the age limit. `None` for a session cookie.
    fn expiry(
        &self,
        parsed: &ParsedCookie,
        now: Time,
        note: &mut impl FnMut(Event<'_>),
    ) -> Option<Time> {
        let limit = now.saturating_add(self.policy.age_limit);
        let from_max_age = |seconds: i64| {
            if seconds <= 0 {
                Time::ZERO
            } else {
                now.saturating_add(Duration::from_secs(seconds.unsigned_abs()))
                    .min(limit)
            }
        };
        let from_expires = |date: i64| {
            let after_zero = date.saturating_sub(self.date_at_zero);
            Time::from_secs(u64::try_from(after_zero).unwrap_or(0)).min(limit)
        };
        match (parsed.max_age, parsed.expires) {
            (Some(_), Some(date)) if parsed.expires_last && !self.policy.max_age_over_expires => {
                departure(
                    note,
                    "cookies.max_age_over_expires",
                    "an Expires after Max-Age wins",
                );
                Some(from_expires(date))
            }
            (Some(seconds), _) => Some(from_max_age(seconds)),
            (None, Some(date)) => Some(from_expires(date)),
            (None, None) => None,
        }
    }

    /// Cookies' "garbage collect cookies" after storing for `host`: expired cookies, then the
    /// host's least recently used past its limit (insecure ones first), then the store's.
    fn garbage_collect(&mut self, host: &str, now: Time) {
        self.cookies.retain(|cookie| !cookie.is_expired(now));
        let per_host = self.policy.cookies_per_host_limit;
        let on_host = self.cookies.iter().filter(|c| c.host == host).count();
        if on_host > per_host {
            let mut victims: Vec<(bool, Time, u64)> = self
                .cookies
                .iter()
                .filter(|c| c.host == host)
                .map(|c| (c.secure, c.last_access, c.order))
                .collect();
            victims.sort_unstable();
            victims.truncate(on_host - per_host);
            self.cookies.retain(|c| {
                c.host != host
                    || victims
                        .binary_search(&(c.secure, c.last_access, c.order))
                        .is_err()
            });
        }
        let total = self.policy.total_cookies_limit;
        if self.cookies.len() > total {
            let excess = self.cookies.len() - total;
            self.cookies.sort_by_key(|c| (c.last_access, c.order));
            self.cookies.drain(..excess);
        }
    }

    /// Fetch "append a request `Cookie` header" for a request of `context` at `now`: the
    /// cookies that go, serialized, with each matching cookie's fate traced.
    pub(crate) fn cookie_header(
        &mut self,
        context: &CookieContext<'_>,
        now: Time,
        note: &mut impl FnMut(Event<'_>),
    ) -> Option<HeaderValue> {
        self.cookies.retain(|cookie| !cookie.is_expired(now));
        if self.cookies.is_empty() {
            return None;
        }
        let host = context.host();
        let mut sent: Vec<usize> = Vec::new();
        for (at, cookie) in self.cookies.iter().enumerate() {
            if !cookie_host_matches(cookie, &host) {
                continue;
            }
            let rule = self.rule(cookie, context, note);
            if rule.sent() {
                sent.push(at);
            }
            note(Event::Cookie(cookie, rule));
        }
        self.order(&mut sent, &host, note);
        let mut value = Vec::new();
        for &at in &sent {
            let cookie = &mut self.cookies[at];
            cookie.last_access = now;
            if !value.is_empty() {
                value.extend_from_slice(b"; ");
            }
            if !cookie.name.is_empty() {
                value.extend_from_slice(&cookie.name);
                value.push(b'=');
            }
            value.extend_from_slice(&cookie.value);
        }
        (!value.is_empty())
            .then(|| HeaderValue::from_bytes(&value).ok())
            .flatten()
    }

    /// Tells `note`, for a request that carries no cookies (`rule` says why), each cookie its
    /// host would have got.
    pub(crate) fn withheld(
        &self,
        context: &CookieContext<'_>,
        rule: &CookieRule,
        note: &mut impl FnMut(Event<'_>),
    ) {
        let host = context.host();
        for cookie in self
            .cookies
            .iter()
            .filter(|c| cookie_host_matches(c, &host))
        {
            note(Event::Cookie(cookie, rule.clone()));
        }
    }

    /// Cookies' "retrieve cookies" conditions for one cookie whose host matches, with the
    /// engine's partitions and third-party policy: why it goes or not.
    fn rule(
        &self,
        cookie: &Cookie,
        context: &CookieContext<'_>,
        note: &mut impl FnMut(Event<'_>),
    ) -> CookieRule {
        match &cookie.partition {
            Some(partition) if *partition != context.top_level => {
                return CookieRule::OtherPartition(partition.clone());
            }
            None if context.third_party
                && matches!(
                    self.policy.third_party,
                    ThirdPartyCookies::Blocked | ThirdPartyCookies::Partitioned
                ) =>
            {
                departure(
                    note,
                    "cookies.third_party",
                    "an unpartitioned cookie stays off a third-party request",
                );
                return CookieRule::ThirdParty;
            }
            _ => {}
        }
        if !path_matches(context.url.path(), &cookie.path) {
            return CookieRule::Path;
        }
        if cookie.secure && !context.secure {
            return CookieRule::Secure;
        }
        let same_site = effective_same_site(cookie.same_site, self.policy.unset_same_site);
        let allowed = match same_site {
            SameSite::Strict => context.mode == SameSiteMode::StrictOrLess,
            SameSite::Lax => context.mode <= SameSiteMode::LaxOrLess,
            SameSite::Unset | SameSite::None => true,
        };
        let mode = context.mode;
        if !allowed {
            if cookie.same_site == SameSite::Unset {
                departure(
                    note,
                    "cookies.unset_same_site",
                    "a cookie without SameSite counts as SameSite=Lax",
                );
            }
            return CookieRule::SameSite { same_site, mode };
        }
        CookieRule::Allowed { same_site, mode }
    }

    /// Sorts the indexes of the cookies that go into the header's order.
    fn order(&self, sent: &mut [usize], host: &str, note: &mut impl FnMut(Event<'_>)) {
        let cookies = &self.cookies;
        let by_creation = |&at: &usize| {
            let c = &cookies[at];
            (Reverse(c.path.len()), c.created, c.order)
        };
        match self.policy.order {
            CookieOrder::PathThenCreation => sent.sort_by_key(by_creation),
            CookieOrder::PathThenDomain => {
                let labels = |domain: &str| domain.split('.').count();
                let bucket = |c: &Cookie| {
                    2 * labels(host).saturating_sub(labels(&c.host)) + usize::from(c.host_only)
                };
                let standard = {
                    let mut standard = sent.to_vec();
                    standard.sort_by_key(by_creation);
                    standard
                };
                sent.sort_by_key(|&at| {
                    let c = &cookies[at];
                    (Reverse(c.path.len()), bucket(c), c.created, c.order)
                });
                if *sent != *standard {
                    departure(
                        note,
                        "cookies.order",
                        "cookies of equal paths go by domain before age",
                    );
                }
            }
        }
    }
}

/// Tells `note` that the policy field `field` changed a cookie decision.
fn departure(note: &mut impl FnMut(Event<'_>), field: &'static str, effect: &'static str) {
    note(Event::Departure(field, effect));
}

/// The `SameSite` the engine reads a cookie's attribute as.
fn effective_same_site(same_site: SameSite, unset: UnsetSameSite) -> SameSite {
    match (same_site, unset) {
        (SameSite::Unset, UnsetSameSite::Lax) => SameSite::Lax,
        (SameSite::Unset, UnsetSameSite::None) => SameSite::None,
        (same_site, _) => same_site,
    }
}

/// The prefix whose rules the cookie breaks, if any (checked byte-lowercased).
fn broken_prefix(cookie: &ParsedCookie, host_only: bool) -> Option<&'static str> {
    let lowercase = |bytes: &[u8]| bytes.to_ascii_lowercase();
    let name = lowercase(&cookie.name);
    if name.is_empty() {
        // A nameless cookie may not pass for a prefixed one.
        let value = lowercase(&cookie.value);
        return [
            (&b"__secure-"[..], "__Secure-"),
            (b"__host-", "__Host-"),
            (b"__http-", "__Http-"),
        ]
        .into_iter()
        .find(|(prefix, _)| value.starts_with(prefix))
        .map(|(_, prefix)| prefix);
    }
    let host_compatible = cookie.secure && host_only && cookie.path.as_deref() == Some("/");
    let http_compatible = cookie.secure && cookie.http_only;
    if name.starts_with(b"__secure-") && !cookie.secure {
        Some("__Secure-")
    } else if name.starts_with(b"__host-http-") && !(host_compatible && http_compatible) {
        Some("__Host-Http-")
    } else if name.starts_with(b"__host-") && !host_compatible {
        Some("__Host-")
    } else if name.starts_with(b"__http-") && !http_compatible {
        Some("__Http-")
    } else {
        None
    }
}

/// Whether a host string is a domain (not an IP address).
fn is_domain(host: &str) -> bool {
    !host.starts_with('[') && host.parse::<std::net::Ipv4Addr>().is_err()
}

/// Cookies' "domain-match": `host` is `domain`, or a domain ending in `.` and `domain`.
fn domain_matches(host: &str, domain: &str) -> bool {
    host == domain
        || (is_domain(host)
            && host.len() > domain.len()
            && host.ends_with(domain)
            && host.as_bytes()[host.len() - domain.len() - 1] == b'.')
}

/// Whether a stored cookie's host lets `host` have it.
fn cookie_host_matches(cookie: &Cookie, host: &str) -> bool {
    if cookie.host_only {
        cookie.host == host
    } else {
        domain_matches(host, &cookie.host)
    }
}

/// RFC 6265bis "path-match": the paths are equal, or the cookie's is a prefix of the request's
/// that ends with `/` or is followed by one.
fn path_matches(request: &str, cookie: &str) -> bool {
    request == cookie
        || (request.starts_with(cookie)
            && (cookie.ends_with('/') || request.as_bytes().get(cookie.len()) == Some(&b'/')))
}

/// Cookies' "cookie default path" of a URL path: up to its last `/`, or `/`.
fn default_path(path: &str) -> String {
    match path.rfind('/') {
        Some(0) | None => "/".to_owned(),
        Some(at) => path[..at].to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_domains_match_as_rfc_6265bis_says() {
        assert!(path_matches("/app", "/app"));
        assert!(path_matches("/app/x", "/app"));
        assert!(path_matches("/app/x", "/app/"));
        assert!(!path_matches("/app", "/app/"));
        assert!(!path_matches("/apple", "/app"));
        assert!(domain_matches("a.b.example.com", "example.com"));
        assert!(!domain_matches("aexample.com", "example.com"));
        assert!(!domain_matches("1.2.3.4", "2.3.4"));
        assert_eq!(default_path("/app/seed"), "/app");
        assert_eq!(default_path("/seed"), "/");
        assert_eq!(default_path(""), "/");
    }
}
