//! The page that calls `fetch()`: Fetch's request "client" — the environment whose origin the
//! request carries, whose URL is its referrer, and whose policy container's referrer policy its
//! requests follow unless they set their own.
//! <https://fetch.spec.whatwg.org/#concept-request-client>

use crate::header::HeaderValue;
use crate::origin::Origin;
use crate::referrer::{ReferrerPolicy, ReferrerSource};
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use url::Url;

/// A document: the page a fetch comes from.
///
/// Made from the page's URL (`"http://localhost:3000/app".parse::<Document>()`), whose origin
/// it takes as the URL standard defines it, so `http://localhost:80/` and `http://localhost/`
/// are one origin; or [`Document::opaque`] for a page whose origin is opaque (a sandboxed frame,
/// a `data:` page), which sends `Origin: null` and no referrer.
///
/// Its referrer policy is `strict-origin-when-cross-origin`, the default of every engine, unless
/// [`Document::with_referrer_policy`] gives it another (as a `Referrer-Policy` header or a
/// `<meta name="referrer">` would).
///
/// Cloning one is cheap: its fetches share it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document(Arc<Client>);

/// What a document's fetches read of it, made once.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Client {
    origin: Origin,
    url: Option<Url>,
    /// The origin's serialization as an `Origin` header value.
    origin_header: HeaderValue,
    /// The URL as a referrer; `None` when the document sends no referrer.
    referrer: Option<ReferrerSource>,
    /// HTML: its policy container's "referrer policy".
    referrer_policy: ReferrerPolicy,
}

impl Document {
    /// The page at `url`. Its origin is the URL's (opaque for schemes such as `data:`).
    pub fn new(url: Url) -> Self {
        let origin = Origin::of_url(&url);
        // HTML: a document whose origin is opaque sends no referrer.
        let referrer = if origin.is_opaque() {
            None
        } else {
            ReferrerSource::new(&url)
        };
        Self::with(origin, Some(url), referrer)
    }

    /// A page with a new opaque origin, such as a sandboxed frame: it sends `Origin: null` and
    /// no `Referer`, and only `Access-Control-Allow-Origin: null` or `*` lets it read.
    pub fn opaque() -> Self {
        Self::with(Origin::new_opaque(), None, None)
    }

    fn with(origin: Origin, url: Option<Url>, referrer: Option<ReferrerSource>) -> Self {
        let origin_header = HeaderValue::from_bytes(origin.serialization().as_bytes())
            .expect("a serialized origin is a header value");
        Self(Arc::new(Client {
            origin,
            url,
            origin_header,
            referrer,
            referrer_policy: ReferrerPolicy::default(),
        }))
    }

    /// The same page with the referrer policy `policy` (what its `Referrer-Policy` header or a
    /// `<meta name="referrer">` set): its requests follow it unless they set their own
    /// `referrerPolicy`.
    ///
    /// ```
    /// use cors_sim::Document;
    /// use cors_sim::referrer::ReferrerPolicy;
    ///
    /// let page = "https://app.example/account".parse::<Document>().unwrap();
    /// let page = page.with_referrer_policy(ReferrerPolicy::NoReferrer);
    /// assert_eq!(page.referrer_policy(), ReferrerPolicy::NoReferrer);
    /// ```
    pub fn with_referrer_policy(self, policy: ReferrerPolicy) -> Self {
        let mut client = Arc::unwrap_or_clone(self.0);
        client.referrer_policy = policy;
        Self(Arc::new(client))
    }

    /// Its referrer policy (HTML: its policy container's).
    pub fn referrer_policy(&self) -> ReferrerPolicy {
        self.0.referrer_policy
    }

    /// Its origin.
    pub fn origin(&self) -> &Origin {
        &self.0.origin
    }

    /// Its URL, against which a relative request URL resolves (`None` for [`Document::opaque`]).
    pub fn url(&self) -> Option<&Url> {
        self.0.url.as_ref()
    }

    /// Its origin as an `Origin` header value.
    pub(crate) fn origin_header(&self) -> &HeaderValue {
        &self.0.origin_header
    }

    /// Its URL as a referrer source.
    pub(crate) fn referrer_source(&self) -> Option<&ReferrerSource> {
        self.0.referrer.as_ref()
    }
}

impl From<Url> for Document {
    fn from(url: Url) -> Self {
        Self::new(url)
    }
}

impl FromStr for Document {
    type Err = url::ParseError;

    /// The page at this absolute URL.
    fn from_str(url: &str) -> Result<Self, Self::Err> {
        Url::parse(url).map(Self::new)
    }
}

impl TryFrom<&str> for Document {
    type Error = url::ParseError;

    fn try_from(url: &str) -> Result<Self, Self::Error> {
        url.parse()
    }
}

impl fmt::Display for Document {
    /// Its URL, or `null` for an opaque document without one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.url() {
            Some(url) => write!(f, "{url}"),
            None => f.write_str("null"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_default_port_is_no_port() {
        let page: Document = "http://localhost:80/app".parse().unwrap();
        assert_eq!(page.origin().ascii_serialization(), "http://localhost");
        assert_eq!(page.origin_header().as_bytes(), b"http://localhost");
        assert_eq!(page.to_string(), "http://localhost/app");
    }

    #[test]
    fn opaque_pages_send_null_and_no_referrer() {
        let sandboxed = Document::opaque();
        assert!(sandboxed.origin().is_opaque());
        assert_eq!(sandboxed.origin_header().as_bytes(), b"null");
        assert!(sandboxed.referrer_source().is_none());
        let data: Document = "data:text/html,hi".parse().unwrap();
        assert!(data.origin().is_opaque());
        assert!(data.referrer_source().is_none());
        assert_ne!(sandboxed.origin(), Document::opaque().origin());
    }

    #[test]
    fn a_document_has_the_default_referrer_policy_until_given_one() {
        let page: Document = "https://app.example/".parse().unwrap();
        assert_eq!(
            page.referrer_policy(),
            ReferrerPolicy::StrictOriginWhenCrossOrigin
        );
        let strict = page
            .clone()
            .with_referrer_policy(ReferrerPolicy::SameOrigin);
        assert_eq!(strict.referrer_policy(), ReferrerPolicy::SameOrigin);
        assert_eq!(strict.origin(), page.origin());
        assert_ne!(strict, page);
    }

    #[test]
    fn a_document_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync + 'static>() {}
        assert_send_sync::<Document>();
    }
}
