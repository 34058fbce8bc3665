//! Referrer Policy: the `Referer` a request carries. The document's policy is the default,
//! `strict-origin-when-cross-origin`; "main fetch" re-determines the referrer for each URL a
//! request is fetched from, starting from what the previous hop left.
//! <https://w3c.github.io/webappsec-referrer-policy/#determine-requests-referrer>

use crate::header::HeaderValue;
use crate::origin::Origin;
use crate::profile::ContextPolicy;
use crate::secure_context::is_potentially_trustworthy;
use std::sync::Arc;
use url::{Position, Url};

/// Referrer Policy: the longest referrer URL sent in full; a longer one is cut to its origin.
const MAX_REFERRER_LENGTH: usize = 4096;

/// A URL as a referrer: the URL and its serialization as a `Referer` value, shared by every
/// fetch of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReferrerUrl {
    pub url: Arc<Url>,
    pub header: HeaderValue,
}

impl ReferrerUrl {
    fn new(url: Url) -> Self {
        let header = HeaderValue::from_bytes(url.as_str().as_bytes())
            .expect("a serialized URL is a header value");
        Self {
            url: Arc::new(url),
            header,
        }
    }
}

/// A document as a referrer source: its URL stripped for use as a referrer, and that URL's
/// origin-only form (Referrer Policy "strip url for use as a referrer", with and without the
/// origin-only flag), made once per document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReferrerSource {
    full: ReferrerUrl,
    origin_only: ReferrerUrl,
}

impl ReferrerSource {
    /// The referrer source of a document at `url`; `None` when it cannot be a referrer (a URL
    /// whose scheme is not HTTP(S) strips to "no referrer").
    pub fn new(url: &Url) -> Option<Self> {
        if !matches!(url.scheme(), "http" | "https") {
            return None;
        }
        let mut full = url.clone();
        let _ = full.set_username("");
        let _ = full.set_password(None);
        full.set_fragment(None);
        let origin_only = Url::parse(&full[..Position::BeforePath]).ok()?;
        let full = if full.as_str().len() > MAX_REFERRER_LENGTH {
            origin_only.clone()
        } else {
            full
        };
        Some(Self {
            full: ReferrerUrl::new(full),
            origin_only: ReferrerUrl::new(origin_only),
        })
    }
}

/// Fetch: a request's "referrer" as main fetch leaves it — the document's URL, its origin, or
/// none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Referrer {
    /// "no-referrer": no `Referer` header.
    NoReferrer,
    /// The document's URL.
    Url,
    /// The document's origin, as a URL with the path `/`.
    Origin,
}

impl Referrer {
    /// The `Referer` value for this referrer of a document whose source is `source`.
    pub(crate) fn header(self, source: Option<&ReferrerSource>) -> Option<&HeaderValue> {
        let source = source?;
        match self {
            Self::NoReferrer => None,
            Self::Url => Some(&source.full.header),
            Self::Origin => Some(&source.origin_only.header),
        }
    }
}

/// Referrer Policy: "determine request's referrer" under `strict-origin-when-cross-origin`, for
/// a request whose referrer is `current` (what the previous hop left) and whose current URL is
/// `url`: the full URL to the referrer's own origin, none from a potentially trustworthy
/// referrer to a URL that is not, else the origin. Once reduced, a referrer never grows back.
/// The engines count only https and wss as trustworthy here unless `policy` says otherwise.
/// `origin` is the origin of the referrer source (the document's, which is the request's).
pub(crate) fn determine(
    current: Referrer,
    source: Option<&ReferrerSource>,
    origin: &Origin,
    url: &Url,
    policy: &ContextPolicy,
) -> Referrer {
    let Some(source) = source else {
        return Referrer::NoReferrer;
    };
    let referrer_url = match current {
        Referrer::NoReferrer => return Referrer::NoReferrer,
        Referrer::Url => &source.full.url,
        Referrer::Origin => &source.origin_only.url,
    };
    let trustworthy = |url: &Url| {
        if policy.loopback_trustworthy_for_referrer {
            is_potentially_trustworthy(url)
        } else {
            matches!(url.scheme(), "https" | "wss")
        }
    };
    if origin.is_same_origin_with_url(url) {
        current
    } else if trustworthy(referrer_url) && !trustworthy(url) {
        Referrer::NoReferrer
    } else {
        Referrer::Origin
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn the_source_strips_credentials_and_fragment() {
        let source = ReferrerSource::new(&url("https://u:p@page.example/app?q=1#top")).unwrap();
        assert_eq!(
            Referrer::Url.header(Some(&source)).unwrap().as_bytes(),
            b"https://page.example/app?q=1"
        );
        assert_eq!(
            Referrer::Origin.header(Some(&source)).unwrap().as_bytes(),
            b"https://page.example/"
        );
        assert!(ReferrerSource::new(&url("data:,x")).is_none());
    }

    #[test]
    fn strict_origin_when_cross_origin() {
        let page = url("https://page.example/app");
        let source = ReferrerSource::new(&page).unwrap();
        let origin = Origin::of_url(&page);
        let spec = ContextPolicy::SPEC;
        let at =
            |current, target: &str| determine(current, Some(&source), &origin, &url(target), &spec);
        assert_eq!(at(Referrer::Url, "https://page.example/x"), Referrer::Url);
        assert_eq!(at(Referrer::Url, "https://api.example/x"), Referrer::Origin);
        assert_eq!(
            at(Referrer::Url, "http://api.example/x"),
            Referrer::NoReferrer
        );
        assert_eq!(
            at(Referrer::Origin, "https://page.example/x"),
            Referrer::Origin
        );
        assert_eq!(
            at(Referrer::NoReferrer, "https://page.example/"),
            Referrer::NoReferrer
        );
    }

    #[test]
    fn engines_count_only_https_as_trustworthy() {
        let page = url("http://localhost:3000/");
        let source = ReferrerSource::new(&page).unwrap();
        let origin = Origin::of_url(&page);
        let to_http = url("http://api.example/");
        let spec = ContextPolicy::SPEC;
        let engines = ContextPolicy {
            loopback_trustworthy_for_referrer: false,
            ..spec
        };
        assert_eq!(
            determine(Referrer::Url, Some(&source), &origin, &to_http, &spec),
            Referrer::NoReferrer
        );
        assert_eq!(
            determine(Referrer::Url, Some(&source), &origin, &to_http, &engines),
            Referrer::Origin
        );
    }
}
