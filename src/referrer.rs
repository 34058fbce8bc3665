//! Referrer Policy: the `Referer` a request carries. Its policy is the request's `referrerPolicy`,
//! else its document's (`strict-origin-when-cross-origin` unless the document says otherwise);
//! a redirect's `Referrer-Policy` replaces it for the hops that follow ("set request's referrer
//! policy on redirect"), and "main fetch" determines the referrer again for each URL the request
//! is fetched from, starting from what the previous hop left.
//! <https://w3c.github.io/webappsec-referrer-policy/>

use crate::cookie::Site;
use crate::header::{Extracted, HeaderList, HeaderValue, extract_list};
use crate::origin::Origin;
use crate::profile::ContextPolicy;
use crate::secure_context::is_potentially_trustworthy;
use std::fmt;
use std::str::FromStr;
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
    /// The document URL's, which both forms share.
    trust: Trust,
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
            trust: Trust::of(&full),
            full: ReferrerUrl::new(full),
            origin_only: ReferrerUrl::new(origin_only),
        })
    }
}

/// Referrer Policy: a "referrer policy" — how much of its document's URL a request sends as
/// `Referer`, and (outside CORS) whether its `Origin` header shows the origin. The standard's
/// empty string ("no policy of its own") is `None` where a policy is optional
/// ([`crate::RequestInit::referrer_policy`]).
/// <https://w3c.github.io/webappsec-referrer-policy/#referrer-policies>
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ReferrerPolicy {
    /// `no-referrer`: never a `Referer`; outside CORS, `Origin: null`.
    NoReferrer,
    /// `no-referrer-when-downgrade`: the full URL, except from a potentially trustworthy page to
    /// a URL that is not.
    NoReferrerWhenDowngrade,
    /// `same-origin`: the full URL to the document's own origin, nothing elsewhere.
    SameOrigin,
    /// `origin`: the origin, everywhere.
    Origin,
    /// `strict-origin`: the origin, except from a potentially trustworthy page to a URL that is
    /// not.
    StrictOrigin,
    /// `origin-when-cross-origin`: the full URL to the document's own origin, the origin
    /// elsewhere.
    OriginWhenCrossOrigin,
    /// `strict-origin-when-cross-origin`: the full URL to the document's own origin, nothing on a
    /// downgrade, the origin elsewhere. The default policy of documents, in the standard and in
    /// every engine.
    #[default]
    StrictOriginWhenCrossOrigin,
    /// `unsafe-url`: the full URL, everywhere.
    UnsafeUrl,
}

impl ReferrerPolicy {
    /// Every policy, in the standard's order.
    pub const ALL: [Self; 8] = [
        Self::NoReferrer,
        Self::NoReferrerWhenDowngrade,
        Self::SameOrigin,
        Self::Origin,
        Self::StrictOrigin,
        Self::OriginWhenCrossOrigin,
        Self::StrictOriginWhenCrossOrigin,
        Self::UnsafeUrl,
    ];

    /// The policy as the standard spells it, e.g. `no-referrer`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::NoReferrer => "no-referrer",
            Self::NoReferrerWhenDowngrade => "no-referrer-when-downgrade",
            Self::SameOrigin => "same-origin",
            Self::Origin => "origin",
            Self::StrictOrigin => "strict-origin",
            Self::OriginWhenCrossOrigin => "origin-when-cross-origin",
            Self::StrictOriginWhenCrossOrigin => "strict-origin-when-cross-origin",
            Self::UnsafeUrl => "unsafe-url",
        }
    }

    /// The policy `token` names: exactly (the standard's "is a referrer policy"), or ignoring
    /// ASCII case.
    fn from_token(token: &[u8], case_insensitive: bool) -> Option<Self> {
        Self::ALL.into_iter().find(|policy| {
            let name = policy.as_str().as_bytes();
            if case_insensitive {
                name.eq_ignore_ascii_case(token)
            } else {
                name == token
            }
        })
    }

    /// Whether the policy lets more through than the default, `strict-origin-when-cross-origin`
    /// (`unsafe-url`, `no-referrer-when-downgrade`, `origin-when-cross-origin`).
    fn relaxes_the_default(self) -> bool {
        matches!(
            self,
            Self::UnsafeUrl | Self::NoReferrerWhenDowngrade | Self::OriginWhenCrossOrigin
        )
    }
}

impl fmt::Display for ReferrerPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text is not a referrer policy as the standard spells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownReferrerPolicy(pub String);

impl fmt::Display for UnknownReferrerPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown referrer policy {:?}", self.0)
    }
}

impl std::error::Error for UnknownReferrerPolicy {}

impl FromStr for ReferrerPolicy {
    type Err = UnknownReferrerPolicy;

    /// Reads a policy as `referrerPolicy` spells it (the empty string is no policy: an error
    /// here).
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Self::from_token(value.as_bytes(), false)
            .ok_or_else(|| UnknownReferrerPolicy(value.to_owned()))
    }
}

/// Referrer Policy: "parse a referrer policy from a `Referrer-Policy` header" — the last token of
/// the response's `Referrer-Policy` headers (one comma-separated list) that is a referrer policy,
/// or `None` (the empty string) when there is none.
///
/// The standard extracts the list with its ABNF (`1#policy-token`, an unknown token being
/// `1*( ALPHA / "-" )`), so a token outside it (`no referrer`) fails the whole header, and a
/// token is a policy only as the standard writes it (`NO-REFERRER` is none). With `lenient`, as
/// every engine reads it (Chromium `ProcessReferrerPolicyHeaderOnRedirect`, Firefox
/// `ReferrerPolicyFromHeaderString`, WebKit `parseReferrerPolicy`), each token is compared
/// ignoring ASCII case and one that is no policy is skipped.
/// <https://w3c.github.io/webappsec-referrer-policy/#parse-referrer-policy-from-header>
pub fn parse_header(headers: &HeaderList, lenient: bool) -> Option<ReferrerPolicy> {
    let name = http::HeaderName::from_static("referrer-policy");
    // `policy-token = referrer-policy / extension-token`, `extension-token = 1*( ALPHA / "-" )`;
    // the engines take any element.
    let element =
        |token: &[u8]| lenient || token.iter().all(|&b| b.is_ascii_alphabetic() || b == b'-');
    match extract_list::<Vec<_>>(headers, &name, element) {
        // `1#policy-token` needs a token: none is a failure, which sets nothing either.
        Extracted::Values(tokens) => tokens
            .iter()
            .rev()
            .find_map(|token| ReferrerPolicy::from_token(token, lenient)),
        Extracted::Null | Extracted::Failure => None,
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

/// What the referrer policy's downgrade test reads of a referrer source's URL, found once per
/// document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Trust {
    /// Secure Contexts: "potentially trustworthy".
    potentially_trustworthy: bool,
    /// An https or wss URL: what the engines test.
    secure_scheme: bool,
}

impl Trust {
    /// The trust of `url`.
    fn of(url: &Url) -> Self {
        Self {
            potentially_trustworthy: is_potentially_trustworthy(url),
            secure_scheme: has_secure_scheme(url),
        }
    }

    /// [`trustworthy`] for the URL of this trust.
    fn trustworthy(self, policy: &ContextPolicy) -> bool {
        if policy.loopback_trustworthy_for_referrer {
            self.potentially_trustworthy
        } else {
            self.secure_scheme
        }
    }
}

/// Whether `url` counts as potentially trustworthy for the referrer policy's downgrade test: as
/// Secure Contexts says, or, unless `policy` says otherwise, as the engines test it (https and
/// wss alone).
fn trustworthy(url: &Url, policy: &ContextPolicy) -> bool {
    if policy.loopback_trustworthy_for_referrer {
        is_potentially_trustworthy(url)
    } else {
        has_secure_scheme(url)
    }
}

/// Whether `url`'s scheme is https or wss.
fn has_secure_scheme(url: &Url) -> bool {
    matches!(url.scheme(), "https" | "wss")
}

/// The policy a request's `policy` becomes for its current URL `url` in an engine whose
/// [`ContextPolicy::cross_site_relaxed_policies_ignored`] is set: a policy that relaxes the
/// default is replaced by the default for a URL of another site than the document's (sites
/// compared without their schemes). Otherwise `policy` itself.
pub(crate) fn effective_policy(
    policy: ReferrerPolicy,
    origin: &Origin,
    url: &Url,
    context: &ContextPolicy,
) -> ReferrerPolicy {
    if context.cross_site_relaxed_policies_ignored
        && policy.relaxes_the_default()
        && !Site::of(origin).is_same_site(&Site::of_url(url), false)
    {
        ReferrerPolicy::StrictOriginWhenCrossOrigin
    } else {
        policy
    }
}

/// Referrer Policy: "determine request's referrer" under `policy`, for a request whose referrer
/// is `current` (what the previous hop left) and whose current URL is `url`. Once
/// reduced, a referrer never grows back: the URL it starts from is `current`'s. `same_origin`
/// says whether `url` is same origin with the referrer source (the document, whose
/// origin is the request's); `context` says which URLs count as potentially trustworthy.
/// <https://w3c.github.io/webappsec-referrer-policy/#determine-requests-referrer>
pub(crate) fn determine(
    current: Referrer,
    source: Option<&ReferrerSource>,
    same_origin: bool,
    url: &Url,
    policy: ReferrerPolicy,
    context: &ContextPolicy,
) -> Referrer {
    let Some(source) = source else {
        return Referrer::NoReferrer;
    };
    // Step 4: the referrer URL, stripped (the source holds it); `Referrer::Origin` is its
    // origin-only form.
    if current == Referrer::NoReferrer {
        return Referrer::NoReferrer;
    }
    let full = current;
    // Computed only for the policies that ask.
    let downgrade = || source.trust.trustworthy(context) && !trustworthy(url, context);
    // Step 8.
    match policy {
        ReferrerPolicy::NoReferrer => Referrer::NoReferrer,
        ReferrerPolicy::Origin => Referrer::Origin,
        ReferrerPolicy::UnsafeUrl => full,
        ReferrerPolicy::StrictOrigin if downgrade() => Referrer::NoReferrer,
        ReferrerPolicy::StrictOrigin => Referrer::Origin,
        ReferrerPolicy::NoReferrerWhenDowngrade if downgrade() => Referrer::NoReferrer,
        ReferrerPolicy::NoReferrerWhenDowngrade => full,
        ReferrerPolicy::SameOrigin if same_origin => full,
        ReferrerPolicy::SameOrigin => Referrer::NoReferrer,
        ReferrerPolicy::OriginWhenCrossOrigin if same_origin => full,
        ReferrerPolicy::OriginWhenCrossOrigin => Referrer::Origin,
        ReferrerPolicy::StrictOriginWhenCrossOrigin if same_origin => full,
        ReferrerPolicy::StrictOriginWhenCrossOrigin if downgrade() => Referrer::NoReferrer,
        ReferrerPolicy::StrictOriginWhenCrossOrigin => Referrer::Origin,
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

    /// What each policy gives from `https://page.example/app` to the same origin, another
    /// https origin, and plain http.
    #[test]
    fn every_policy() {
        use Referrer::{NoReferrer as None_, Origin as O, Url as U};
        let page = url("https://page.example/app");
        let source = ReferrerSource::new(&page).unwrap();
        let origin = Origin::of_url(&page);
        let spec = ContextPolicy::SPEC;
        let table = [
            (ReferrerPolicy::NoReferrer, [None_, None_, None_]),
            (ReferrerPolicy::NoReferrerWhenDowngrade, [U, U, None_]),
            (ReferrerPolicy::SameOrigin, [U, None_, None_]),
            (ReferrerPolicy::Origin, [O, O, O]),
            (ReferrerPolicy::StrictOrigin, [O, O, None_]),
            (ReferrerPolicy::OriginWhenCrossOrigin, [U, O, O]),
            (ReferrerPolicy::StrictOriginWhenCrossOrigin, [U, O, None_]),
            (ReferrerPolicy::UnsafeUrl, [U, U, U]),
        ];
        for (policy, expected) in table {
            let got = [
                "https://page.example/x",
                "https://api.example/x",
                "http://api.example/x",
            ]
            .map(|target| {
                let target = url(target);
                determine(
                    Referrer::Url,
                    Some(&source),
                    origin.is_same_origin_with_url(&target),
                    &target,
                    policy,
                    &spec,
                )
            });
            assert_eq!(got, expected, "{policy}");
            assert_eq!(policy.as_str().parse::<ReferrerPolicy>(), Ok(policy));
        }
        // Once reduced, a referrer never grows back.
        let unsafe_url = ReferrerPolicy::UnsafeUrl;
        let target = url("https://page.example/x");
        assert_eq!(
            determine(
                Referrer::Origin,
                Some(&source),
                true,
                &target,
                unsafe_url,
                &spec
            ),
            Referrer::Origin
        );
        assert_eq!(
            determine(
                Referrer::NoReferrer,
                Some(&source),
                true,
                &target,
                unsafe_url,
                &spec
            ),
            Referrer::NoReferrer
        );
        assert!("".parse::<ReferrerPolicy>().is_err());
        assert!("No-Referrer".parse::<ReferrerPolicy>().is_err());
        let error = r#"a"b\c"#.parse::<ReferrerPolicy>().unwrap_err();
        assert_eq!(error.to_string(), r#"unknown referrer policy "a\"b\\c""#);
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
        let policy = ReferrerPolicy::StrictOriginWhenCrossOrigin;
        let referrer = |context: &ContextPolicy| {
            determine(
                Referrer::Url,
                Some(&source),
                origin.is_same_origin_with_url(&to_http),
                &to_http,
                policy,
                context,
            )
        };
        assert_eq!(referrer(&spec), Referrer::NoReferrer);
        assert_eq!(referrer(&engines), Referrer::Origin);
    }

    #[test]
    fn the_header_is_a_list_whose_last_policy_wins() {
        let parse = |values: &[&str], lenient| {
            let mut headers = HeaderList::new();
            for value in values {
                headers.append(
                    http::HeaderName::from_static("referrer-policy"),
                    HeaderValue::from_bytes(value.as_bytes()).unwrap(),
                );
            }
            parse_header(&headers, lenient)
        };
        for lenient in [false, true] {
            assert_eq!(parse(&[], lenient), None);
            assert_eq!(parse(&[""], lenient), None);
            assert_eq!(
                parse(&["no-referrer, unsafe-url"], lenient),
                Some(ReferrerPolicy::UnsafeUrl)
            );
            assert_eq!(
                parse(&["unsafe-url", "no-referrer"], lenient),
                Some(ReferrerPolicy::NoReferrer)
            );
            assert_eq!(
                parse(&["same-origin, unknown-policy,,"], lenient),
                Some(ReferrerPolicy::SameOrigin)
            );
            assert_eq!(parse(&["never"], lenient), None);
        }
        assert_eq!(parse(&["NO-REFERRER"], false), None);
        assert_eq!(
            parse(&["NO-REFERRER"], true),
            Some(ReferrerPolicy::NoReferrer)
        );
        assert_eq!(parse(&["no-referrer, bad token"], false), None);
        // Only tabs and spaces surround an element: a form feed is a byte of the token.
        assert_eq!(parse(&["\x0cno-referrer"], false), None);
        assert_eq!(
            parse(&["unsafe-url ,\tno-referrer"], false),
            Some(ReferrerPolicy::NoReferrer)
        );
        assert_eq!(
            parse(&["no-referrer, bad token"], true),
            Some(ReferrerPolicy::NoReferrer)
        );
    }

    #[test]
    fn firefox_ignores_relaxed_policies_across_sites() {
        let page = Origin::of_url(&url("https://app.example/"));
        let firefox = ContextPolicy {
            cross_site_relaxed_policies_ignored: true,
            ..ContextPolicy::SPEC
        };
        let at = |policy, target: &str| effective_policy(policy, &page, &url(target), &firefox);
        let sowco = ReferrerPolicy::StrictOriginWhenCrossOrigin;
        assert_eq!(
            at(ReferrerPolicy::UnsafeUrl, "http://localhost:8000/"),
            sowco
        );
        assert_eq!(
            at(
                ReferrerPolicy::OriginWhenCrossOrigin,
                "https://api.example/"
            ),
            sowco
        );
        assert_eq!(
            at(ReferrerPolicy::UnsafeUrl, "http://app.example/"),
            ReferrerPolicy::UnsafeUrl
        );
        assert_eq!(
            at(ReferrerPolicy::Origin, "https://api.example/"),
            ReferrerPolicy::Origin
        );
        let spec = ContextPolicy::SPEC;
        assert_eq!(
            effective_policy(
                ReferrerPolicy::UnsafeUrl,
                &page,
                &url("http://x.test/"),
                &spec
            ),
            ReferrerPolicy::UnsafeUrl
        );
    }
}
