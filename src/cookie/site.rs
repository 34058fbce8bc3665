//! Sites and the same-site mode of a request: HTML's "site" and "same site" over the Public
//! Suffix List (the `psl` crate), Fetch's "redirect-taint" and "determine the same-site mode".
//! <https://html.spec.whatwg.org/multipage/browsers.html#sites>

use crate::origin::Origin;
use crate::profile::CookiePolicy;
use std::fmt;
use std::sync::Arc;
use url::{Host, Url};

/// HTML: "site" — an opaque origin, or a scheme and a domain: the host's registrable domain, or
/// the host itself when it has none (an IP address, `localhost`). Sites key cookie partitions.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Site {
    /// The site of an opaque origin: same site only with itself.
    Opaque(Origin),
    /// A scheme and a registrable domain (or host).
    Scheme {
        /// The scheme, e.g. `https`.
        scheme: String,
        /// The registrable domain, or the host when it has none.
        domain: String,
    },
}

impl Site {
    /// HTML: "obtain a site" for `origin`.
    pub fn of(origin: &Origin) -> Self {
        match origin {
            Origin::Opaque(_) => Self::Opaque(origin.clone()),
            Origin::Tuple(tuple) => Self::Scheme {
                scheme: tuple.scheme().to_owned(),
                domain: registrable_domain(tuple.host())
                    .unwrap_or(&tuple.host().to_string())
                    .to_owned(),
            },
        }
    }

    /// The site of `url`'s origin.
    pub fn of_url(url: &Url) -> Self {
        Self::of(&Origin::of_url(url))
    }

    /// HTML: "same site" (`schemeful`), or "schemelessly same site" (the domains alone).
    pub fn is_same_site(&self, other: &Site, schemeful: bool) -> bool {
        match (self, other) {
            (
                Self::Scheme { scheme, domain },
                Self::Scheme {
                    scheme: other_scheme,
                    domain: other_domain,
                },
            ) => domain == other_domain && (!schemeful || scheme == other_scheme),
            _ => self == other,
        }
    }
}

impl fmt::Display for Site {
    /// `https://example.com`, or `null` for an opaque site.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Opaque(_) => f.write_str("null"),
            Self::Scheme { scheme, domain } => write!(f, "{scheme}://{domain}"),
        }
    }
}

/// URL: a host's "registrable domain" — its public suffix and one more label — or `None` for
/// an IP address, or a domain that is itself a public suffix (`com`, `localhost` under the
/// list's implicit `*` rule).
pub(crate) fn registrable_domain(host: &Host<String>) -> Option<&str> {
    let Host::Domain(domain) = host else {
        return None;
    };
    let found = psl::domain(domain.as_bytes())?;
    // `found` is a suffix of `domain`, so the slice is on a label boundary.
    Some(&domain[domain.len() - found.as_bytes().len()..])
}

/// URL: whether `domain` (ASCII lowercase) is a "public suffix", by the list and its implicit
/// `*` rule.
pub(crate) fn is_public_suffix(domain: &str) -> bool {
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    psl::suffix(domain.as_bytes()).is_some_and(|suffix| suffix.as_bytes() == domain.as_bytes())
}

/// Fetch: the "same-site mode" the cookie store retrieves with, from the most permissive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum SameSiteMode {
    /// `strict-or-less`: a same-site request; every cookie may go.
    StrictOrLess,
    /// `lax-or-less`: a top-level navigation by `GET` (never a `fetch()`).
    LaxOrLess,
    /// `unset-or-less`: a cross-site request; `SameSite=None` cookies and those without the
    /// attribute may go.
    UnsetOrLess,
}

impl SameSiteMode {
    /// The name Fetch gives it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::StrictOrLess => "strict-or-less",
            Self::LaxOrLess => "lax-or-less",
            Self::UnsetOrLess => "unset-or-less",
        }
    }
}

impl fmt::Display for SameSiteMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a request has the same-site mode it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SameSiteWhy {
    /// The URL is same site with the top-level document, with no cross-site redirect.
    SameSite,
    /// The URL is not same site with the top-level document (RFC 6265bis §5.2: a cross-site
    /// request; Fetch's "determine the same-site mode" does not compare them yet,
    /// whatwg/fetch#693).
    CrossSiteUrl,
    /// A redirect went through another site: "redirect-taint" is `cross-site`.
    CrossSiteRedirect,
}

/// Fetch: "redirect-taint" is `cross-site` — some hop of `url_list` went from a URL that is
/// not same site with `origin` to a URL of another site still.
pub(crate) fn redirect_taint_is_cross_site(
    origin: &Origin,
    url_list: &[Arc<Url>],
    schemeful: bool,
) -> bool {
    let origin = Site::of(origin);
    url_list.windows(2).any(|hop| {
        let last = Site::of_url(&hop[0]);
        !Site::of_url(&hop[1]).is_same_site(&last, schemeful)
            && !origin.is_same_site(&last, schemeful)
    })
}

/// Fetch: "determine the same-site mode" for a script's request (never a navigation) of origin
/// `origin` whose URL list is `url_list`, from a top-level document whose site is not same site
/// with the current URL when `cross_site`, counting a cross-site "redirect-taint" only with
/// `redirect_taint`. The client has no cross-site ancestor: scenario documents are top-level.
pub(crate) fn same_site_mode(
    cross_site: bool,
    origin: &Origin,
    url_list: &[Arc<Url>],
    schemeful: bool,
    redirect_taint: bool,
) -> (SameSiteMode, SameSiteWhy) {
    if cross_site {
        (SameSiteMode::UnsetOrLess, SameSiteWhy::CrossSiteUrl)
    } else if redirect_taint && redirect_taint_is_cross_site(origin, url_list, schemeful) {
        (SameSiteMode::UnsetOrLess, SameSiteWhy::CrossSiteRedirect)
    } else {
        (SameSiteMode::StrictOrLess, SameSiteWhy::SameSite)
    }
}

/// What the cookie algorithms read of a request: its current URL, its top-level site and how
/// the two relate.
#[derive(Debug, Clone)]
pub(crate) struct CookieContext<'a> {
    /// The request's current URL.
    pub url: &'a Url,
    /// The top-level document's site: the request's client's (scenario documents are
    /// top-level).
    pub top_level: Site,
    /// Fetch "determine the same-site mode".
    pub mode: SameSiteMode,
    /// Why.
    pub why: SameSiteWhy,
    /// Whether the URL is not same site with the top-level site (a third-party request).
    pub third_party: bool,
    /// Fetch's isSecure: an https URL (or, where the engine says so, an http loopback one).
    pub secure: bool,
}

impl<'a> CookieContext<'a> {
    /// The context of a request from a top-level document of `origin` whose URL list is
    /// `url_list`, under `policy`.
    pub(crate) fn new(origin: &Origin, url_list: &'a [Arc<Url>], policy: &CookiePolicy) -> Self {
        let url = url_list.last().expect("the URL list is never empty");
        let top_level = Site::of(origin);
        let third_party = !top_level.is_same_site(&Site::of_url(url), policy.schemeful_same_site);
        let (mode, why) = same_site_mode(
            third_party,
            origin,
            url_list,
            policy.schemeful_same_site,
            policy.redirect_taint,
        );
        let secure = url.scheme() == "https" || (policy.loopback_secure && is_loopback(url));
        Self {
            url,
            top_level,
            mode,
            why,
            third_party,
            secure,
        }
    }

    /// The request's host, as the store compares hosts.
    pub(crate) fn host(&self) -> String {
        self.url
            .host()
            .map(|host| host.to_string())
            .unwrap_or_default()
    }
}

/// Whether `url` is http on a loopback host (`localhost`, `127.0.0.0/8`, `[::1]`).
fn is_loopback(url: &Url) -> bool {
    url.scheme() == "http"
        && match url.host() {
            Some(Host::Domain(domain)) => domain == "localhost" || domain.ends_with(".localhost"),
            Some(Host::Ipv4(ip)) => ip.is_loopback(),
            Some(Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(url: &str) -> Site {
        Site::of_url(&Url::parse(url).unwrap())
    }

    #[test]
    fn sites_are_registrable_domains_with_their_scheme() {
        for (url, expected) in [
            ("https://a.bank.example.com:8443/x", "https://example.com"),
            ("http://api.example/", "http://api.example"),
            ("https://user.github.io/", "https://user.github.io"),
            ("http://localhost:3000/", "http://localhost"),
            ("http://127.0.0.1/", "http://127.0.0.1"),
        ] {
            assert_eq!(site(url).to_string(), expected, "{url}");
        }
        let app = site("https://app.example.com/");
        assert!(app.is_same_site(&site("https://api.example.com/"), true));
        assert!(!app.is_same_site(&site("http://api.example.com/"), true));
        assert!(app.is_same_site(&site("http://api.example.com/"), false));
        assert!(!app.is_same_site(&site("https://example.org/"), false));
        let opaque = Site::of(&Origin::new_opaque());
        assert!(opaque.is_same_site(&opaque.clone(), true));
        assert!(!opaque.is_same_site(&Site::of(&Origin::new_opaque()), false));
    }

    #[test]
    fn public_suffixes_follow_the_list_and_its_star_rule() {
        assert!(is_public_suffix("com"));
        assert!(is_public_suffix("co.uk"));
        assert!(is_public_suffix("github.io"));
        assert!(is_public_suffix("example"));
        assert!(!is_public_suffix("example.com"));
    }

    #[test]
    fn the_mode_is_cross_site_for_another_site_or_a_cross_site_redirect() {
        let url = |u: &str| Arc::new(Url::parse(u).unwrap());
        let bank = Origin::of_url(&url("https://bank.example.com/"));
        let top = Site::of(&bank);
        let mode = |list: &[Arc<Url>]| {
            let current = Site::of_url(list.last().unwrap());
            same_site_mode(!top.is_same_site(&current, true), &bank, list, true, true).0
        };
        assert_eq!(
            mode(&[url("https://api.example.com/")]),
            SameSiteMode::StrictOrLess
        );
        assert_eq!(
            mode(&[url("https://x.example.org/")]),
            SameSiteMode::UnsetOrLess
        );
        let via = |hop: &str| [url(hop), url("https://bank.example.com/read")];
        assert_eq!(
            mode(&via("https://x.example.org/b")),
            SameSiteMode::UnsetOrLess
        );
        assert_eq!(
            mode(&via("https://app.example.com/b")),
            SameSiteMode::StrictOrLess
        );
    }
}
