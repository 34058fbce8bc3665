//! Origins: the security principal that CORS protects.
//!
//! This module models the HTML standard's "origin" (a "tuple origin" or an "opaque origin"),
//! "same origin" and "ASCII serialization of an origin"; the URL standard's "origin" of a URL;
//! and the Fetch standard's `serialized-origin` grammar, which is what the `Origin` and
//! `Access-Control-Allow-Origin` headers carry.
//!
//! The origin of a URL is computed here rather than with [`url::Url::origin`] because the
//! latter deviates from the URL standard for `blob:` URLs whose inner URL is not `http`,
//! `https` or `file` (it returns a tuple origin where the standard says opaque), recurses
//! through nested `blob:` URLs, and numbers opaque origins with a process-global counter.
//! Here an opaque origin's identity is an allocation. It is numbered too, for its own
//! partition key in the CORS-preflight cache, but at a fixed width, so that nothing a fetch
//! does depends on what else the process did.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use url::{Host, Url};

/// HTML: "origin" — either a tuple origin or an opaque origin.
///
/// `==` is HTML's "same origin", and [`Hash`] agrees with it, so origins can key maps.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// HTML: "tuple origin" — a (scheme, host, port) triple.
    Tuple(TupleOrigin),
    /// HTML: "opaque origin" — an internal value that is same origin only with itself.
    Opaque(OpaqueOrigin),
}

/// HTML: "tuple origin" — scheme, host and port (null when the scheme's default applies).
///
/// Shared and immutable, with its ASCII serialization computed once: a fetch clones and
/// serializes its origin several times.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TupleOrigin(Arc<Tuple>);

#[derive(Debug, PartialEq, Eq, Hash)]
struct Tuple {
    scheme: String,
    host: Host<String>,
    port: Option<u16>,
    serialization: String,
}

/// HTML: "opaque origin" — an identity with no serialization other than `null`.
///
/// Each value made by [`Origin::new_opaque`] is equal only to itself and its clones; the
/// identity is a shared allocation, compared and hashed by address. It holds the key that keeps
/// its documents' entries apart in the CORS-preflight cache (`Origin::partition_key`).
#[derive(Clone)]
pub struct OpaqueOrigin(Arc<str>);

/// How many opaque origins this process has made: each one's partition key is `null#` and its
/// number, text no tuple origin's serialization (which holds `://`) can equal.
static OPAQUE_ORIGINS: AtomicU64 = AtomicU64::new(0);

/// The error of [`Origin::parse`]: the bytes are neither `null` nor a `serialized-origin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidOrigin;

/// The URL standard's origin: whether `url`'s scheme is one whose URLs (with a host) have a
/// tuple origin of their own.
fn has_tuple_origin(url: &Url) -> bool {
    matches!(url.scheme(), "ftp" | "http" | "https" | "ws" | "wss")
}

/// URL: a URL "includes credentials" when its username or password is not the empty string.
/// Read from the serialization, which is cheaper than asking for both: a URL without a host has
/// neither, and only they put an `@` right before the host.
pub(crate) fn includes_credentials(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    match offset_in(url, host) {
        Some(host_start) => url.as_str()[..host_start].ends_with('@'),
        None => !url.username().is_empty() || url.password().is_some(),
    }
}

/// The serialization of `url`'s origin, read off the URL's own when the origin is a tuple and the
/// URL includes no credentials: up to its path, such a URL reads exactly as its origin
/// serializes (both have their host serialized and a default port left out). One comparison of
/// text then tells two origins apart.
fn serialized_tuple_origin(url: &Url) -> Option<&str> {
    if !has_tuple_origin(url) || includes_credentials(url) {
        return None;
    }
    let path_start = offset_in(url, url.path())?;
    Some(&url.as_str()[..path_start])
}

/// Where `part` starts in `url`'s serialization, when it is a slice of it (the `url` crate lends
/// its parts, `path()`, `host_str()`, …, as such slices).
fn offset_in(url: &Url, part: &str) -> Option<usize> {
    let whole = url.as_str();
    let start = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    (start + part.len() <= whole.len() && whole.is_char_boundary(start)).then_some(start)
}

/// HTML: the serialization of a tuple origin from its parts: scheme, `://`, host and, when the
/// port is not null, `:` and the port.
fn serialize(scheme: &str, host: &str, port: Option<u16>) -> String {
    match port {
        Some(port) => format!("{scheme}://{host}:{port}"),
        None => format!("{scheme}://{host}"),
    }
}

impl TupleOrigin {
    fn new(scheme: &str, host: Host<String>, port: Option<u16>) -> Self {
        let serialization = serialize(scheme, &host.to_string(), port);
        Self(Arc::new(Tuple {
            scheme: scheme.to_owned(),
            host,
            port,
            serialization,
        }))
    }

    /// HTML: a tuple origin's "scheme" — an ASCII lowercase URL scheme such as `https`.
    pub fn scheme(&self) -> &str {
        &self.0.scheme
    }

    /// HTML: a tuple origin's "host" — a domain (ASCII, punycoded), IPv4 or IPv6 address.
    pub fn host(&self) -> &Host<String> {
        &self.0.host
    }

    /// HTML: a tuple origin's "port" — `None` when null (the scheme's default port).
    pub fn port(&self) -> Option<u16> {
        self.0.port
    }

    /// Scheme, `://`, the given host text and, when non-null, `:` and the port.
    fn serialize_with_host(&self, host: &str) -> String {
        serialize(self.scheme(), host, self.port())
    }
}

impl PartialEq for OpaqueOrigin {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for OpaqueOrigin {}

impl Hash for OpaqueOrigin {
    fn hash<H: Hasher>(&self, state: &mut H) {
        std::ptr::hash(Arc::as_ptr(&self.0), state);
    }
}

impl fmt::Debug for OpaqueOrigin {
    /// Prints no address: the identity is not meaningful outside the process.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OpaqueOrigin")
    }
}

impl Origin {
    /// URL: "origin" of a URL.
    ///
    /// `blob:` takes the origin of the URL in its path if that is `http`, `https` or `file`
    /// (a blob URL entry, which would take precedence, is outside this model); `ftp`, `http`,
    /// `https`, `ws` and `wss` give a tuple origin; everything else, `file` included, gives a
    /// new opaque origin. Nested `blob:` URLs cost one inner parse, not one per level.
    pub fn of_url(url: &Url) -> Origin {
        if url.scheme() != "blob" {
            return Self::of_non_blob_url(url);
        }
        match Url::parse(url.path()) {
            Ok(inner) if matches!(inner.scheme(), "http" | "https" | "file") => {
                Self::of_non_blob_url(&inner)
            }
            _ => Self::new_opaque(),
        }
    }

    /// The URL standard's origin steps for every scheme but `blob`.
    fn of_non_blob_url(url: &Url) -> Origin {
        match url.host() {
            Some(host) if has_tuple_origin(url) => {
                Origin::Tuple(TupleOrigin::new(url.scheme(), host.to_owned(), url.port()))
            }
            _ => Self::new_opaque(),
        }
    }

    /// HTML: "opaque origin" — a new one, same origin only with itself and its clones.
    pub fn new_opaque() -> Origin {
        let number = OPAQUE_ORIGINS.fetch_add(1, Ordering::Relaxed);
        // Fixed width, so that the bytes a cache entry counts for its key do not depend on how
        // many opaque origins the process made before.
        Origin::Opaque(OpaqueOrigin(format!("null#{number:020}").into()))
    }

    /// Whether this is an HTML "opaque origin" (which serializes as `null`).
    pub fn is_opaque(&self) -> bool {
        matches!(self, Origin::Opaque(_))
    }

    /// HTML: "same origin" — identical opaque origins, or tuples with equal scheme, host and port.
    pub fn is_same_origin(&self, other: &Origin) -> bool {
        self == other
    }

    /// HTML: "same origin" with the origin of `url`, without building that origin when the
    /// URL's scheme gives a tuple origin (the common case, and a hot path of every fetch).
    pub fn is_same_origin_with_url(&self, url: &Url) -> bool {
        match self {
            // A URL whose origin is opaque gets a new one, same origin with nothing else.
            Origin::Opaque(_) => false,
            // Only a `blob:` URL can have the origin of a URL of another scheme.
            Origin::Tuple(tuple) if url.scheme() != "blob" => {
                if let Some(serialized) = serialized_tuple_origin(url) {
                    return serialized == &*tuple.0.serialization;
                }
                has_tuple_origin(url)
                    && tuple.scheme() == url.scheme()
                    && tuple.port() == url.port()
                    && match (tuple.host(), url.host()) {
                        (Host::Domain(a), Some(Host::Domain(b))) => a == b,
                        (Host::Ipv4(a), Some(Host::Ipv4(b))) => *a == b,
                        (Host::Ipv6(a), Some(Host::Ipv6(b))) => *a == b,
                        _ => false,
                    }
            }
            Origin::Tuple(_) => self.is_same_origin(&Origin::of_url(url)),
        }
    }

    /// HTML: "same origin" for the origins of two URLs, without building them when both URLs'
    /// schemes give tuple origins (every hop of a redirect chain is compared so).
    pub fn urls_are_same_origin(a: &Url, b: &Url) -> bool {
        if let (Some(a), Some(b)) = (serialized_tuple_origin(a), serialized_tuple_origin(b)) {
            return a == b;
        }
        let tuple = |url: &Url| has_tuple_origin(url) && url.host().is_some();
        if tuple(a) && tuple(b) {
            a.scheme() == b.scheme() && a.port() == b.port() && a.host() == b.host()
        } else {
            Origin::of_url(a).is_same_origin(&Origin::of_url(b))
        }
    }

    /// The ASCII serialization, borrowed.
    pub(crate) fn serialization(&self) -> &str {
        match self {
            Origin::Opaque(_) => "null",
            Origin::Tuple(tuple) => &tuple.0.serialization,
        }
    }

    /// The network partition key of a request from a top-level document of this origin, as
    /// text: Fetch "determine the network partition key" takes the top-level site, and HTML's
    /// "obtain a site" of an opaque origin is the origin itself, so each opaque origin has a key
    /// of its own, where a tuple origin's is its serialization. (This model keys by origin, not
    /// site: its documents are top-level and each origin stands for its own site.)
    pub(crate) fn partition_key(&self) -> &str {
        match self {
            Origin::Opaque(opaque) => &opaque.0,
            Origin::Tuple(tuple) => &tuple.0.serialization,
        }
    }

    /// HTML: "ASCII serialization of an origin" (now just "serialization of an origin").
    ///
    /// `null` for an opaque origin; otherwise scheme `://` host, with domains in their ASCII
    /// (punycode) form and IPv6 addresses in brackets, then `:` port unless the port is null.
    /// This is the byte string Fetch compares with `Access-Control-Allow-Origin`.
    pub fn ascii_serialization(&self) -> String {
        match self {
            Origin::Opaque(_) => "null".to_owned(),
            Origin::Tuple(tuple) => tuple.0.serialization.clone(),
        }
    }

    /// HTML (removed in 2017, whatwg/html#2689): "Unicode serialization of an origin".
    ///
    /// As [`Origin::ascii_serialization`] but with a domain converted by the URL standard's
    /// "domain to Unicode"; for display to people only, never for comparisons.
    pub fn unicode_serialization(&self) -> String {
        match self {
            Origin::Opaque(_) => "null".to_owned(),
            Origin::Tuple(tuple) => match tuple.host() {
                Host::Domain(domain) => {
                    tuple.serialize_with_host(&idna::domain_to_unicode(domain).0)
                }
                host => tuple.serialize_with_host(&host.to_string()),
            },
        }
    }

    /// Fetch: serialized-origin ABNF ("Origin" header), or `null` (case-sensitive).
    ///
    /// Parses an `Origin` or `Access-Control-Allow-Origin` value. `null` gives a new opaque
    /// origin. Otherwise the value must be `scheme://host[:port]` in the grammar's strict form:
    /// lowercase ASCII scheme and domain labels, no path, no whitespace. Beyond the grammar,
    /// the host must be exactly what the URL standard's host serializer produces for it (so
    /// `01.2.3.4`, `0x1`, uncompressed or IPv4-tailed IPv6 text, and invalid `xn--` labels
    /// are rejected) and the port must have no leading zeros, because no origin serializes
    /// that way. Hence an accepted value is always the ASCII serialization of the result.
    ///
    /// The port is kept as written, not canonicalized: `http://a:80` parses to a tuple whose
    /// port is `Some(80)`, which is not same origin with the origin of `http://a:80/` (whose
    /// port is null). So `parse(s)` is same origin with an origin `o` exactly when `s` is
    /// `o`'s ASCII serialization, for every `o` whose serialization fits the grammar (hosts
    /// with characters such as `_` serialize outside it and never parse).
    pub fn parse(value: &[u8]) -> Result<Origin, InvalidOrigin> {
        if value == b"null" {
            return Ok(Self::new_opaque());
        }
        let text = std::str::from_utf8(value).map_err(|_| InvalidOrigin)?;
        // A serialized-scheme has no ':', so the first "://" ends it.
        let (scheme, rest) = text.split_once("://").ok_or(InvalidOrigin)?;
        if !is_serialized_scheme(scheme) {
            return Err(InvalidOrigin);
        }
        // An IPv6 host ends at its ']'; a domain or IPv4 host has no ':'.
        let split_at = match rest.strip_prefix('[') {
            Some(after_bracket) => after_bracket.find(']').ok_or(InvalidOrigin)? + 2,
            None => rest.find(':').unwrap_or(rest.len()),
        };
        let (host_text, port_text) = rest.split_at(split_at);
        let host = parse_serialized_host(host_text)?;
        let port = match port_text.strip_prefix(':') {
            Some(digits) => Some(parse_serialized_port(digits)?),
            None if port_text.is_empty() => None,
            None => return Err(InvalidOrigin),
        };
        Ok(Origin::Tuple(TupleOrigin::new(scheme, host, port)))
    }
}

/// Fetch: serialized-scheme = lower-alpha *( lower-alphanum / "+" / "-" / "." ).
fn is_serialized_scheme(scheme: &str) -> bool {
    let mut bytes = scheme.bytes();
    bytes.next().is_some_and(|first| first.is_ascii_lowercase())
        && bytes.all(|b| is_lower_alphanum(b) || matches!(b, b'+' | b'-' | b'.'))
}

/// Fetch: serialized-host, additionally required to be the URL host serializer's output.
///
/// Bracketed text is an IPv6 candidate. Anything else must match serialized-domain, which
/// also covers the characters of serialized-ipv4; the URL host parser then decides whether
/// it is an IPv4 address (`1.2.3.4`) or a domain, and rejects invalid punycode and numbers
/// out of range.
fn parse_serialized_host(text: &str) -> Result<Host<String>, InvalidOrigin> {
    if !text.starts_with('[') && !is_serialized_domain(text) {
        return Err(InvalidOrigin);
    }
    let host = Host::parse(text).map_err(|_| InvalidOrigin)?;
    if host.to_string() == text {
        Ok(host)
    } else {
        Err(InvalidOrigin)
    }
}

/// Fetch: serialized-domain = *( domain-label "." ) domain-label, where a domain-label is
/// lower-alphanum characters and inner hyphens.
fn is_serialized_domain(text: &str) -> bool {
    text.split('.').all(|label| {
        let bytes = label.as_bytes();
        match (bytes.first(), bytes.last()) {
            (Some(&first), Some(&last)) => {
                is_lower_alphanum(first)
                    && is_lower_alphanum(last)
                    && bytes.iter().all(|&b| is_lower_alphanum(b) || b == b'-')
            }
            _ => false,
        }
    })
}

/// Fetch: lower-alphanum = %x61-7A / DIGIT.
fn is_lower_alphanum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// Fetch: serialized-port = 1*5DIGIT, limited to the values a port can have (0–65535) and
/// written without leading zeros, as a port serializes.
fn parse_serialized_port(digits: &str) -> Result<u16, InvalidOrigin> {
    let well_formed = (1..=5).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    if !well_formed {
        return Err(InvalidOrigin);
    }
    digits.parse().map_err(|_| InvalidOrigin)
}

impl fmt::Display for Origin {
    /// HTML: "ASCII serialization of an origin".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.ascii_serialization())
    }
}

impl std::str::FromStr for Origin {
    type Err = InvalidOrigin;

    /// [`Origin::parse`]: an `Origin` header value. To say "the page at this URL", use
    /// [`crate::Document`] instead, which takes the origin of a URL (so `http://a:80` is
    /// `http://a`).
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Self::parse(value.as_bytes())
    }
}

impl TryFrom<&str> for Origin {
    type Error = InvalidOrigin;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<&Url> for Origin {
    /// URL: the "origin" of a URL ([`Origin::of_url`]).
    fn from(url: &Url) -> Self {
        Self::of_url(url)
    }
}

impl fmt::Display for InvalidOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a serialized origin (Fetch serialized-origin ABNF) nor `null`")
    }
}

impl std::error::Error for InvalidOrigin {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::net::{Ipv4Addr, Ipv6Addr};

    fn origin_of(input: &str) -> Origin {
        Origin::of_url(&Url::parse(input).expect(input))
    }

    fn tuple_of(input: &str) -> TupleOrigin {
        match origin_of(input) {
            Origin::Tuple(tuple) => tuple,
            Origin::Opaque(_) => panic!("{input} should have a tuple origin"),
        }
    }

    #[test]
    fn origin_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Origin>();
        assert_send_sync::<InvalidOrigin>();
    }

    #[test]
    fn tuple_origins_of_special_schemes() {
        let tuple = tuple_of("https://user:pw@Example.COM:8443/path?q#f");
        assert_eq!(tuple.scheme(), "https");
        assert_eq!(tuple.host(), &Host::Domain("example.com".to_owned()));
        assert_eq!(tuple.port(), Some(8443));
        for (input, expected) in [
            ("http://EXAMPLE.com:80/x", "http://example.com"),
            ("https://example.com:443/", "https://example.com"),
            ("https://example.com:80/", "https://example.com:80"),
            ("ws://example.com:80/", "ws://example.com"),
            ("wss://example.com:444/", "wss://example.com:444"),
            ("ftp://example.com:21/file", "ftp://example.com"),
            ("http://192.168.0.1:8080/", "http://192.168.0.1:8080"),
            ("http://0x7f.1/", "http://127.0.0.1"),
        ] {
            let origin = origin_of(input);
            assert!(!origin.is_opaque(), "{input}");
            assert_eq!(origin.ascii_serialization(), expected, "{input}");
            assert_eq!(origin.to_string(), expected, "{input}");
        }
    }

    #[test]
    fn opaque_origins_of_other_schemes() {
        for input in [
            "file:///etc/passwd",
            "data:text/plain,hi",
            "about:blank",
            "javascript:alert(1)",
            "foo://example.com/",
            "gopher://example.com/",
            "file://host/share",
        ] {
            let origin = origin_of(input);
            assert!(origin.is_opaque(), "{input}");
            assert_eq!(origin.ascii_serialization(), "null", "{input}");
            assert_eq!(origin.unicode_serialization(), "null", "{input}");
        }
    }

    #[test]
    fn blob_urls_take_http_and_https_inner_origins() {
        assert_eq!(
            origin_of("blob:https://example.com:443/uuid").ascii_serialization(),
            "https://example.com"
        );
        assert_eq!(
            origin_of("blob:http://example.org:88/").ascii_serialization(),
            "http://example.org:88"
        );
        assert_eq!(
            origin_of("blob:https://a.example/1"),
            origin_of("https://a.example/2")
        );
    }

    #[test]
    fn blob_urls_with_other_inner_urls_are_opaque() {
        for input in [
            // The four WPT cases where url's own Url::origin returns a tuple.
            "blob:blob:https://example.org/",
            "blob:ftp://host/path",
            "blob:ws://example.org/",
            "blob:wss://example.org/",
            // Inner URL is file, not a URL at all, or empty.
            "blob:file:///tmp/x",
            "blob:d3958f5c-0777-0845-9dcf-2cb28783acaf",
            "blob:",
            "blob:about:blank",
            "blob:http%3a//example.org/",
        ] {
            assert!(origin_of(input).is_opaque(), "{input}");
        }
    }

    #[test]
    fn deeply_nested_blob_url_is_opaque() {
        let input = format!("{}https://example.org/", "blob:".repeat(20_000));
        assert!(origin_of(&input).is_opaque());
    }

    #[test]
    fn ipv6_hosts_serialize_in_brackets() {
        let tuple = tuple_of("http://[0:0:0:0:0:0:0:1]:8080/");
        assert_eq!(tuple.host(), &Host::<String>::Ipv6(Ipv6Addr::LOCALHOST));
        let origin = Origin::Tuple(tuple);
        assert_eq!(origin.ascii_serialization(), "http://[::1]:8080");
        assert_eq!(origin.unicode_serialization(), "http://[::1]:8080");
        assert_eq!(
            origin_of("https://[::FFFF:1.2.3.4]/").ascii_serialization(),
            "https://[::ffff:102:304]"
        );
        assert_eq!(
            tuple_of("http://1.2.3.4/").host(),
            &Host::<String>::Ipv4(Ipv4Addr::new(1, 2, 3, 4))
        );
    }

    #[test]
    fn idna_domains_serialize_as_punycode_or_unicode() {
        let origin = origin_of("https://Bücher.example/");
        assert_eq!(
            origin.ascii_serialization(),
            "https://xn--bcher-kva.example"
        );
        assert_eq!(origin.unicode_serialization(), "https://bücher.example");
        assert_eq!(origin, origin_of("https://xn--bcher-kva.example/"));
        assert_eq!(
            origin_of("http://bücher.example:8080/").unicode_serialization(),
            "http://bücher.example:8080"
        );
    }

    #[test]
    fn same_origin_compares_scheme_host_and_port() {
        let a = origin_of("https://example.com/a");
        assert!(a.is_same_origin(&origin_of("https://EXAMPLE.com:443/b?c")));
        assert!(!a.is_same_origin(&origin_of("http://example.com/")));
        assert!(!a.is_same_origin(&origin_of("https://example.com:8443/")));
        assert!(!a.is_same_origin(&origin_of("https://www.example.com/")));
        assert!(!a.is_same_origin(&Origin::new_opaque()));
    }

    #[test]
    fn urls_are_same_origin_as_their_origins_are() {
        // Every pair, each way: the shortcuts that build no origin agree with building both.
        let urls = [
            "https://example.com/a",
            "https://EXAMPLE.com:443/b?c",
            "http://example.com/",
            "https://example.com:8443/",
            "https://www.example.com/",
            "https://127.0.0.1/",
            "https://[::1]/",
            "wss://example.com/",
            "blob:https://example.com/uuid",
            "data:,x",
            "file:///x",
            "http://user:pass@example.com/",
            "https://user@example.com/",
            "https://:pass@example.com:8443/",
        ];
        for a in urls {
            for b in urls {
                let (a, b) = (Url::parse(a).unwrap(), Url::parse(b).unwrap());
                let expected = Origin::of_url(&a).is_same_origin(&Origin::of_url(&b));
                assert_eq!(Origin::urls_are_same_origin(&a, &b), expected, "{a} {b}");
                assert_eq!(
                    Origin::of_url(&a).is_same_origin_with_url(&b),
                    expected,
                    "{a} {b}"
                );
            }
        }
    }

    #[test]
    fn a_parsed_origin_is_same_origin_with_a_url_as_with_the_urls_origin() {
        // `Origin::parse` takes any scheme, where a URL of a scheme without tuple origins has an
        // opaque origin of its own.
        let origins = [
            "foo://bar",
            "https://example.com",
            "http://example.com:8080",
            "null",
        ];
        let urls = [
            "foo://bar/x",
            "https://example.com/a",
            "http://example.com:8080/",
            "blob:https://example.com/uuid",
            "data:,x",
        ];
        for text in origins {
            let origin = Origin::parse(text.as_bytes()).unwrap();
            for url in urls {
                let url = Url::parse(url).unwrap();
                assert_eq!(
                    origin.is_same_origin_with_url(&url),
                    origin.is_same_origin(&Origin::of_url(&url)),
                    "{text} {url}"
                );
            }
        }
        let opaque = origin_of("data:,x");
        assert!(!opaque.is_same_origin_with_url(&Url::parse("data:,x").unwrap()));
    }

    #[test]
    fn a_url_includes_credentials_when_it_has_a_username_or_a_password() {
        // Every input of web-platform-tests' URL data that parses, and some of this crate's own.
        let data: serde_json::Value =
            serde_json::from_str(include_str!("../spec-vectors/wpt-url-origins.json")).unwrap();
        let inputs = data["vectors"].as_array().unwrap().iter().map(|v| {
            let base = v["base"].as_str().and_then(|b| Url::parse(b).ok());
            Url::options()
                .base_url(base.as_ref())
                .parse(v["input"].as_str().unwrap())
        });
        let own = [
            "http://u:p@h/",
            "http://u@h/",
            "http://:p@h/",
            "http://@h/",
            "foo://u@h/p@q",
            "mailto:a@b",
            "http://h/@",
            "http://h/?@#@",
            "non-special:@x",
        ]
        .map(Url::parse);
        // A part that is not a slice of the URL has no offset in it.
        let url = Url::parse("http://u:p@h/").unwrap();
        assert_eq!(offset_in(&url, url.host_str().unwrap()), Some(11));
        assert_eq!(offset_in(&url, &String::from("h")), None);
        let mut with = 0;
        for url in inputs.chain(own).filter_map(Result::ok) {
            let expected = !url.username().is_empty() || url.password().is_some();
            assert_eq!(includes_credentials(&url), expected, "{url}");
            with += usize::from(expected);
        }
        assert!(with >= 8, "{with}");
    }

    #[test]
    fn partition_keys_of_opaque_origins_are_distinct_and_one_length() {
        let keys: Vec<String> = (0..3)
            .map(|_| Origin::new_opaque().partition_key().to_owned())
            .collect();
        assert!(keys[0] != keys[1] && keys[1] != keys[2]);
        assert!(
            keys.iter().all(|k| k.len() == "null#".len() + 20),
            "{keys:?}"
        );
    }

    #[test]
    fn opaque_origins_are_same_origin_only_with_themselves() {
        let opaque = Origin::new_opaque();
        let clone = opaque.clone();
        let other = Origin::new_opaque();
        assert!(opaque.is_same_origin(&opaque));
        assert!(opaque.is_same_origin(&clone));
        assert!(!opaque.is_same_origin(&other));
        assert_ne!(origin_of("data:,x"), origin_of("data:,x"));
        assert_eq!(format!("{opaque:?}"), "Opaque(OpaqueOrigin)");

        let set: HashSet<Origin> = [
            opaque,
            clone,
            other,
            origin_of("http://a/"),
            origin_of("http://a:80/"),
        ]
        .into_iter()
        .collect();
        assert_eq!(set.len(), 3);
    }

    #[test]
    fn parse_accepts_serialized_origins() {
        let tuple = |input: &str| match Origin::parse(input.as_bytes()) {
            Ok(Origin::Tuple(tuple)) => tuple,
            other => panic!("{input:?} gave {other:?}"),
        };
        for input in [
            "http://a",
            "https://a.b-c.d:8080",
            "http://a:65535",
            "http://a:0",
            "http://[::1]",
            "http://[::]",
            "http://[1:0:0:2::3]:443",
            "http://[1:0:2:3:4:5:6:7]",
            "http://[::ffff:102:304]",
            "http://1.2.3.4",
            "http://255.255.255.255:1",
            "http://xn--bcher-kva.example",
            "http://ab--c.d",
            "coap+tcp://a",
            "a.b-c+d://0a",
            "http://a:80",
        ] {
            let parsed = tuple(input);
            assert_eq!(
                Origin::Tuple(parsed).ascii_serialization(),
                input,
                "{input}"
            );
        }
        let parsed = tuple("https://a.b-c.d:8080");
        assert_eq!(parsed.scheme(), "https");
        assert_eq!(parsed.host(), &Host::Domain("a.b-c.d".to_owned()));
        assert_eq!(parsed.port(), Some(8080));
        assert_eq!(tuple("http://a").port(), None);
        assert_eq!(tuple("http://a:80").port(), Some(80));
        assert_eq!(
            tuple("http://[::1]").host(),
            &Host::<String>::Ipv6(Ipv6Addr::LOCALHOST)
        );
        assert_eq!(
            tuple("http://1.2.3.4").host(),
            &Host::<String>::Ipv4(Ipv4Addr::new(1, 2, 3, 4))
        );
        assert!(Origin::parse(b"null").unwrap().is_opaque());
        assert_ne!(Origin::parse(b"null"), Origin::parse(b"null"));
    }

    #[test]
    fn parse_keeps_the_default_port_as_written() {
        let explicit = Origin::parse(b"http://a:80").unwrap();
        assert!(!explicit.is_same_origin(&origin_of("http://a:80/")));
        assert!(
            Origin::parse(b"http://a")
                .unwrap()
                .is_same_origin(&origin_of("http://a:80/"))
        );
    }

    #[test]
    fn parse_rejects_everything_else() {
        let rejected: &[&[u8]] = &[
            b"",
            b"NULL",
            b"Null",
            b"null ",
            b" null",
            b"http://a/",
            b"HTTP://a",
            b"Http://a",
            b"http://A",
            b"http://a:65536",
            b"http://a:99999",
            b"http://a:123456",
            b"http://a:",
            b"http://a:080",
            b"http://a:00",
            b"http://a:+80",
            b"http://a:80:80",
            b"http://[0:0:0:0:0:0:0:1]",
            b"http://[::1.2.3.4]",
            b"http://[::ffff:1.2.3.4]",
            b"http://[::ABCD]",
            b"http://[0::1]",
            b"http://[1::2:3:4:5:6:7]",
            b"http://[::1",
            b"http://[::1]x",
            b"http://[::1]:",
            b"http://[]",
            b"http://01.2.3.4",
            b"http://1.2.3.256",
            b"http://0x1",
            b"http://999",
            b"http://a.1",
            b"http://xn--a",
            b"http://bu\xcc\x88cher.example",
            "http://bücher.example".as_bytes(),
            b"http://\xff",
            b"http://-a.b",
            b"http://a-.b",
            b"http://a.",
            b"http://.a",
            b"http://a..b",
            b"http://a_b",
            b"http://%61",
            b"http://a b",
            b"http://a\n",
            b" http://a",
            b"http://a?b",
            b"http://a#",
            b"http://user@a",
            b"http://",
            b"http//a",
            b"http:a",
            b"://a",
            b"1http://a",
            b"-http://a",
            b"ht_tp://a",
            b"http:///a",
        ];
        for &input in rejected {
            assert_eq!(
                Origin::parse(input),
                Err(InvalidOrigin),
                "{}",
                String::from_utf8_lossy(input)
            );
        }
        assert!(rejected.len() >= 20);
    }

    #[test]
    fn parse_round_trips_origins_of_urls() {
        for input in [
            "http://example.com/",
            "http://EXAMPLE.com:80/x",
            "https://Bücher.example:8443/p",
            "https://xn--bcher-kva.example/",
            "http://[::1]:8080/",
            "http://[1:0::]/",
            "http://[::ffff:1.2.3.4]/",
            "http://192.168.0.1/",
            "http://0x7f.1:0/",
            "ws://a.b/",
            "wss://x:443/",
            "wss://x:444/",
            "ftp://h:21/",
            "ftp://h:2121/",
            "blob:https://a.example/uuid",
            "https://a.b-c.d:65535/",
        ] {
            let origin = origin_of(input);
            let serialization = origin.ascii_serialization();
            let parsed = Origin::parse(serialization.as_bytes())
                .unwrap_or_else(|_| panic!("{input}: {serialization} does not parse"));
            assert!(parsed.is_same_origin(&origin), "{input}");
            assert_eq!(parsed.ascii_serialization(), serialization, "{input}");
        }
    }

    #[test]
    fn invalid_origin_is_an_error() {
        let error: Box<dyn std::error::Error> = Box::new(InvalidOrigin);
        assert!(error.to_string().contains("serialized-origin"));
    }
}
