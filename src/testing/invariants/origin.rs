//! Origins: `Origin` values and the origins of URLs, against the URL standard and the `url`
//! crate.

use crate::origin::Origin;
use url::{Host, Url};

/// Fetch `serialized-domain`: dot-separated labels of lowercase letters, digits and inner
/// hyphens.
fn fits_serialized_domain(domain: &str) -> bool {
    domain.split('.').all(|label| {
        let bytes = label.as_bytes();
        let lower_alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
        !bytes.is_empty()
            && bytes.first().is_some_and(lower_alnum)
            && bytes.last().is_some_and(lower_alnum)
            && bytes.iter().all(|b| lower_alnum(b) || *b == b'-')
    })
}

/// Origin parsing and serialization, for bytes that may be an `Origin` header value, a URL, or
/// two URLs separated by a line feed:
///
/// - a value `Origin::parse` accepts other than `null` is exactly the ASCII serialization of the
///   origin it gives, which parses back to the same origin;
/// - the tuple origin of a URL is same origin with the URL and serializes to text that parses
///   back to the same origin, unless its host is a domain outside the `serialized-domain`
///   grammar; its Unicode serialization is the ASCII one unless the host is a domain;
/// - `is_same_origin_with_url` (the fast path) agrees with `is_same_origin` of the URL's origin,
///   for the origin of a URL and for an origin `Origin::parse` gives (of any scheme), and so does
///   `urls_are_same_origin` for two URLs.
pub fn check_origin_text(bytes: &[u8]) {
    if bytes != b"null"
        && let Ok(origin) = Origin::parse(bytes)
    {
        let serialization = origin.ascii_serialization();
        assert_eq!(serialization.as_bytes(), bytes, "parse gave another origin");
        let again = Origin::parse(serialization.as_bytes()).expect("a serialization parses");
        assert_eq!(again, origin, "{serialization}");
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let (first, second) = text.split_once('\n').unwrap_or((text, text));
    if let (Ok(parsed), Ok(other)) = (Origin::parse(first.as_bytes()), Url::parse(second)) {
        assert_eq!(
            parsed.is_same_origin_with_url(&other),
            parsed.is_same_origin(&Origin::of_url(&other)),
            "{first} and {other}"
        );
    }
    let Ok(url) = Url::parse(first) else {
        return;
    };
    let origin = Origin::of_url(&url);
    if let Origin::Tuple(tuple) = &origin {
        let serialization = origin.ascii_serialization();
        assert!(origin.is_same_origin_with_url(&url), "{url}");
        match Origin::parse(serialization.as_bytes()) {
            Ok(parsed) => {
                assert!(parsed.is_same_origin(&origin), "{url}: {serialization}");
                assert_eq!(parsed.ascii_serialization(), serialization);
            }
            Err(_) => assert!(
                matches!(tuple.host(), Host::Domain(d) if !fits_serialized_domain(d)),
                "{url}: {serialization} fits the serialized-origin grammar but does not parse"
            ),
        }
        if !matches!(tuple.host(), Host::Domain(_)) {
            assert_eq!(origin.unicode_serialization(), serialization);
        }
    }
    if let Ok(other) = Url::parse(second) {
        let same = origin.is_same_origin(&Origin::of_url(&other));
        assert_eq!(
            origin.is_same_origin_with_url(&other),
            same,
            "{url} and {other}"
        );
        assert_eq!(
            Origin::urls_are_same_origin(&url, &other),
            same,
            "{url} and {other}"
        );
    }
}

/// Whether the `url` crate's origin of `url` is the URL standard's: everywhere but `blob:` URLs
/// whose inner URL parses with a scheme other than `http`, `https` or `file`, where `url`
/// recurses into the inner URL (the standard: an opaque origin; see `crate::origin`).
fn url_crate_agrees_on_origin(url: &Url) -> bool {
    url.scheme() != "blob"
        || Url::parse(url.path()).map_or(true, |inner| {
            matches!(inner.scheme(), "http" | "https" | "file")
        })
}

/// [`Origin::of_url`] against another implementation, [`url::Url::origin`], on the URLs where
/// the `url` crate follows the URL standard (`url_crate_agrees_on_origin`): the same ASCII and
/// Unicode serializations, the same opaqueness, and for two URLs (on two lines) the same answer
/// to "same origin" from both crates and from `is_same_origin_with_url`.
pub fn check_origin_against_url_crate(text: &str) {
    let urls: Vec<Url> = text
        .split('\n')
        .take(2)
        .filter_map(|line| Url::parse(line).ok())
        .filter(url_crate_agrees_on_origin)
        .collect();
    for url in &urls {
        let (ours, theirs) = (Origin::of_url(url), url.origin());
        assert_eq!(
            ours.ascii_serialization(),
            theirs.ascii_serialization(),
            "{url}"
        );
        assert_eq!(
            ours.unicode_serialization(),
            theirs.unicode_serialization(),
            "{url}"
        );
        assert_eq!(ours.is_opaque(), !theirs.is_tuple(), "{url}");
    }
    if let [a, b] = urls.as_slice() {
        let theirs = a.origin() == b.origin();
        assert_eq!(
            Origin::of_url(a).is_same_origin(&Origin::of_url(b)),
            theirs,
            "{a} {b}"
        );
        assert_eq!(
            Origin::of_url(a).is_same_origin_with_url(b),
            theirs,
            "{a} {b}"
        );
    }
}
