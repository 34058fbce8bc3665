//! Where a fetch may go at all: Secure Contexts' "potentially trustworthy URL", Mixed Content's
//! blocking of insecure URLs from secure pages, and Fetch's "bad port" blocking — checks "main
//! fetch" makes before any CORS step.

use crate::origin::Origin;
use crate::profile::ContextPolicy;
use url::Url;

/// Secure Contexts: "potentially trustworthy URL" — https and wss, loopback hosts, `file`.
/// <https://w3c.github.io/webappsec-secure-contexts/#potentially-trustworthy-url>
pub(crate) fn is_potentially_trustworthy(url: &Url) -> bool {
    match url.scheme() {
        "https" | "wss" | "file" => true,
        _ => match url.host() {
            Some(url::Host::Domain(domain)) => {
                domain == "localhost" || domain.ends_with(".localhost")
            }
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        },
    }
}

/// Whether `origin` is an https origin: a page that Mixed Content protects and from which the
/// referrer policy hides itself on insecure URLs.
pub(crate) fn is_https(origin: &Origin) -> bool {
    matches!(origin, Origin::Tuple(t) if t.scheme() == "https")
}

/// Mixed Content: "should fetching request be blocked as mixed content?" for a page of
/// `origin`: from an https page, a URL that is not potentially trustworthy is blocked (loopback
/// URLs count as trustworthy unless the policy says otherwise). `data:` URLs never are.
/// <https://w3c.github.io/webappsec-mixed-content/#should-block-fetch>
pub(crate) fn is_mixed_content(origin: &Origin, url: &Url, policy: &ContextPolicy) -> bool {
    let trustworthy = || match url.scheme() {
        "https" | "wss" | "data" => true,
        _ => policy.mixed_content_allows_loopback && is_potentially_trustworthy(url),
    };
    is_https(origin) && !trustworthy()
}

/// Fetch: "block bad port" — an HTTP(S) URL whose port is a "bad port".
/// <https://fetch.spec.whatwg.org/#block-bad-port>
pub(crate) fn is_bad_port(url: &Url) -> bool {
    /// The "bad port" table of the Fetch standard (§2.9 "Port blocking").
    const BAD_PORTS: [u16; 83] = [
        0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95,
        101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179,
        389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601,
        636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566,
        6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
    ];
    matches!(url.scheme(), "http" | "https")
        && url
            .port_or_known_default()
            .is_some_and(|port| BAD_PORTS.contains(&port))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn loopback_and_https_are_potentially_trustworthy() {
        for trustworthy in [
            "https://a.example/",
            "http://localhost:3000/",
            "http://app.localhost/",
            "http://127.0.0.5/",
            "http://[::1]/",
            "file:///x",
        ] {
            assert!(
                is_potentially_trustworthy(&url(trustworthy)),
                "{trustworthy}"
            );
        }
        for not in ["http://a.example/", "http://10.0.0.1/", "ws://a.example/"] {
            assert!(!is_potentially_trustworthy(&url(not)), "{not}");
        }
    }

    #[test]
    fn mixed_content_is_insecure_urls_from_https_pages() {
        let secure = Origin::of_url(&url("https://page.example/"));
        let insecure = Origin::of_url(&url("http://page.example/"));
        let spec = ContextPolicy::SPEC;
        assert!(is_mixed_content(
            &secure,
            &url("http://api.example/"),
            &spec
        ));
        assert!(!is_mixed_content(&secure, &url("http://localhost/"), &spec));
        assert!(!is_mixed_content(&secure, &url("data:,x"), &spec));
        assert!(!is_mixed_content(
            &insecure,
            &url("http://api.example/"),
            &spec
        ));
        let strict = ContextPolicy {
            mixed_content_allows_loopback: false,
            ..spec
        };
        assert!(is_mixed_content(
            &secure,
            &url("http://localhost/"),
            &strict
        ));
    }

    #[test]
    fn bad_ports_are_blocked_for_http_only() {
        assert!(is_bad_port(&url("http://a.example:25/")));
        assert!(is_bad_port(&url("https://a.example:6000/")));
        assert!(!is_bad_port(&url("http://a.example:8080/")));
        assert!(!is_bad_port(&url("http://a.example/")));
        assert!(!is_bad_port(&url("ftp://a.example:25/")));
    }
}
