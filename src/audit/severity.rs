//! Severity from what an attacker gains: who can be the attacker ([`Position`]), whether the
//! victim's cookies went in that engine, and what the response is ([`Network`]: public data, or
//! data only the victim's network position reaches).

use super::attack::Attempt;
use crate::attacker::AttackerOrigin;
use crate::cookie::Site;
use crate::origin::Origin;
use std::fmt;
use url::{Host, Url};

/// How bad a finding is, from the least.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[non_exhaustive]
pub enum Severity {
    /// Worth knowing; nothing an attacker gains (public data, a broken header).
    #[default]
    Info,
    /// A weakness that needs more than a page of the attacker's, or gives little.
    Low,
    /// Data the victim's network position reaches, or credentialed data from a page that needs
    /// a foothold on a site the target trusts.
    Medium,
    /// Any site reads responses made with the victim's cookies.
    High,
}

impl Severity {
    /// `info`, `low`, `medium` or `high`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }

    /// One notch less (an attacker who needs a foothold first).
    fn lower(self) -> Self {
        match self {
            Self::High => Self::Medium,
            Self::Medium => Self::Low,
            Self::Low | Self::Info => Self::Info,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who can have a page at an attacker origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Position {
    /// Anyone: a domain anyone can register, a host anyone can publish on, or `null` (a
    /// sandboxed frame or `data:` page any site embeds).
    AnySite,
    /// Only a page on the target's own site (a subdomain, an http sibling, another port): an
    /// XSS or a subdomain takeover there, or a network attacker for an http origin.
    TargetSite,
    /// Only a page on the site of an allowed origin: a foothold there first.
    AllowedSite,
    /// Only a page served on the victim's own machine (`localhost`).
    Local,
}

impl Position {
    /// Where the attacker at `attacker` must be, for a target at `target` that allows
    /// `allowed`.
    pub fn of(attacker: &AttackerOrigin, target: &Url, allowed: &[Origin]) -> Self {
        let (Some(tuple), Some(origin)) = (attacker.tuple(), &attacker.origin) else {
            return Self::AnySite;
        };
        if is_local(tuple.host()) {
            return Self::Local;
        }
        // A host with the root label's dot (`www.target.com.`) is served where the host
        // without it is, whatever site a browser counts it in.
        let site = match tuple.host() {
            Host::Domain(domain) if domain.len() > 1 && domain.ends_with('.') => {
                let root = format!("{}://{}/", tuple.scheme(), domain.trim_end_matches('.'));
                Url::parse(&root)
                    .map_or_else(|_| Site::of(origin), |u| Site::of(&Origin::of_url(&u)))
            }
            _ => Site::of(origin),
        };
        let same = |other: &Origin| site.is_same_site(&Site::of(other), false);
        if same(&Origin::of_url(target)) {
            Self::TargetSite
        } else if allowed.iter().any(same) {
            Self::AllowedSite
        } else {
            Self::AnySite
        }
    }

    /// `any-site`, `target-site`, `allowed-site` or `local`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AnySite => "any-site",
            Self::TargetSite => "target-site",
            Self::AllowedSite => "allowed-site",
            Self::Local => "local",
        }
    }

    /// Who, in words.
    pub fn who(self) -> &'static str {
        match self {
            Self::AnySite => "any site",
            Self::TargetSite => {
                "only a page on the target's own site (an XSS or a subdomain takeover there, or \
                 a network attacker for an http origin)"
            }
            Self::AllowedSite => {
                "only a page on an allowed origin's site (an XSS or a takeover there, or a \
                 network attacker for an http origin)"
            }
            Self::Local => "only a page served on the victim's own machine (localhost)",
        }
    }
}

/// Where the target answers: the public internet, or only inside a network (an intranet, an IP
/// allow-list, the victim's machine), where a page in the victim's browser reads what the
/// victim's network position reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Network {
    /// Reachable from anywhere: a response without credentials is public data.
    Public,
    /// Reachable only from inside: a response without credentials is data behind the victim's
    /// network position.
    Private,
}

impl Network {
    /// A guess from the target's host: a loopback, private or link-local address, `localhost`,
    /// or a name under no known public suffix (`.internal`, `.local`, `.corp`, one label) is
    /// private; anything else public.
    pub fn of(target: &Url) -> Self {
        let private = match target.host() {
            Some(Host::Ipv4(ip)) => {
                ip.is_loopback() || ip.is_private() || ip.is_link_local() || ip.is_unspecified()
            }
            Some(Host::Ipv6(ip)) => {
                ip.is_loopback()
                    || ip.is_unspecified()
                    || (ip.segments()[0] & 0xfe00) == 0xfc00
                    || (ip.segments()[0] & 0xffc0) == 0xfe80
            }
            Some(Host::Domain(domain)) => {
                is_local(&Host::Domain(domain.to_owned()))
                    || !psl::suffix(domain.as_bytes()).is_some_and(|s| s.is_known())
            }
            None => true,
        };
        if private { Self::Private } else { Self::Public }
    }

    /// `public` or `private`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Private => "private",
        }
    }
}

/// Whether a host is the victim's own machine.
pub(super) fn is_local(host: &Host<String>) -> bool {
    match host {
        Host::Domain(domain) => domain == "localhost" || domain.ends_with(".localhost"),
        Host::Ipv4(ip) => ip.is_loopback(),
        Host::Ipv6(ip) => ip.is_loopback(),
    }
}

/// The severity of one attempt: `None` when script cannot read the response; else high with
/// the victim's cookies, medium without them on a private network, info for public data; one
/// notch less when the attacker needs a foothold first, and one less when what script read was
/// a refusal of the session (401 or 403: with the victim's real one it may hold data, or not).
pub fn grade(attempt: &Attempt, position: Position, network: Network) -> Option<Severity> {
    if !attempt.readable {
        return None;
    }
    let base = if !attempt.cookies.is_empty() {
        Severity::High
    } else if network == Network::Private {
        Severity::Medium
    } else {
        Severity::Info
    };
    let placed = match position {
        Position::AnySite => base,
        _ => base.lower(),
    };
    Some(match attempt.refused_status() {
        Some(_) => placed.lower(),
        None => placed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attacker::{Trick, parse_origin};

    fn at(origin: &str) -> AttackerOrigin {
        AttackerOrigin::new(parse_origin(origin).unwrap(), Trick::Given, None)
    }

    #[test]
    fn positions_follow_sites() {
        let target = Url::parse("https://api.target.com/me").unwrap();
        let allowed = [parse_origin("https://app.partner.com").unwrap()];
        let of = |o: &str| Position::of(&at(o), &target, &allowed);
        assert_eq!(of("https://evil.example"), Position::AnySite);
        assert_eq!(of("https://eviltarget.com"), Position::AnySite);
        assert_eq!(of("http://evil.target.com"), Position::TargetSite);
        assert_eq!(of("http://app.partner.com"), Position::AllowedSite);
        assert_eq!(of("http://localhost:3000"), Position::Local);
        assert_eq!(of("http://localhost.evil.example"), Position::AnySite);
        assert_eq!(of("https://x.github.io"), Position::AnySite);
        assert_eq!(of("https://www.target.com."), Position::TargetSite);
        assert_eq!(of("https://evil.com."), Position::AnySite);
        assert_eq!(
            Position::of(&AttackerOrigin::null(), &target, &allowed),
            Position::AnySite
        );
    }

    #[test]
    fn private_networks_are_guessed_from_the_host() {
        let net = |u: &str| Network::of(&Url::parse(u).unwrap());
        assert_eq!(net("https://api.target.com/"), Network::Public);
        assert_eq!(net("http://127.0.0.1:8080/"), Network::Private);
        assert_eq!(net("http://10.1.2.3/"), Network::Private);
        assert_eq!(net("http://wiki.corp/"), Network::Private);
        assert_eq!(net("http://printer.local/"), Network::Private);
        assert_eq!(net("http://[fd00::1]/"), Network::Private);
        assert_eq!(net("http://8.8.8.8/"), Network::Public);
    }
}
