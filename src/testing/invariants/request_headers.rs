//! Request headers: the CORS-safelisted request-header test (`Content-Type` against the WHATWG
//! MIME type parser), CORS-unsafe request-header names, and what the `Request` constructor keeps.

use crate::profile::RequestHeaderPolicy;
use crate::request::{Mode, Request, RequestInit};
use crate::safelist;
use url::Url;

use super::support::{shown, unsafe_names};

/// The three essences a CORS-safelisted `Content-Type` may have.
const SAFELISTED_ESSENCES: [(&str, &str); 3] = [
    ("application", "x-www-form-urlencoded"),
    ("multipart", "form-data"),
    ("text", "plain"),
];

/// The `Content-Type` rule of "CORS-safelisted request-header" against the WHATWG MIME type
/// parser used directly (`data-url`'s, applied to the isomorphic decoding of the whole value,
/// where the library first screens the text before `;`): a value is safelisted exactly when it
/// has at most 128 bytes, no CORS-unsafe request-header byte, and parses to one of the three
/// essences. The name's letter case does not matter.
pub fn check_content_type_against_mime_parser(value: &[u8]) {
    let decoded: String = value.iter().map(|&b| char::from(b)).collect();
    let essence_safelisted = decoded.parse::<data_url::mime::Mime>().is_ok_and(|mime| {
        SAFELISTED_ESSENCES.contains(&(mime.type_.as_str(), mime.subtype.as_str()))
    });
    let expected =
        value.len() <= 128 && !value.iter().any(|&b| is_cors_unsafe_byte(b)) && essence_safelisted;
    for name in [&b"content-type"[..], b"Content-Type"] {
        assert_eq!(
            safelist::is_cors_safelisted_request_header(name, value),
            expected,
            "Content-Type: {}",
            shown(value)
        );
    }
}

/// Fetch "CORS-unsafe request-header byte", read off the standard.
fn is_cors_unsafe_byte(b: u8) -> bool {
    (b < 0x20 && b != b'\t') || b"\"():<>?@[\\]{}\x7f".contains(&b)
}

/// Fetch "CORS-safelisted request-header" read straight off the standard, except for
/// `Content-Type`, whose MIME parsing [`check_content_type_against_mime_parser`] checks: `None`
/// means "a `Content-Type` without an unsafe byte".
fn expected_safelisted(name: &[u8], value: &[u8]) -> Option<bool> {
    if value.len() > 128 {
        return Some(false);
    }
    let unsafe_byte = value.iter().any(|&b| is_cors_unsafe_byte(b));
    let name = name.to_ascii_lowercase();
    match name.as_slice() {
        b"accept" => Some(!unsafe_byte),
        b"accept-language" | b"content-language" => Some(
            value
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || b" *,-.;=".contains(&b)),
        ),
        b"content-type" if unsafe_byte => Some(false),
        b"content-type" => None,
        b"range" => {
            let Some(rest) = value.strip_prefix(b"bytes=") else {
                return Some(false);
            };
            let Some(dash) = rest.iter().position(|&b| b == b'-') else {
                return Some(false);
            };
            let (start, end) = (&rest[..dash], &rest[dash + 1..]);
            let is_number = |n: &[u8]| !n.is_empty() && n.iter().all(u8::is_ascii_digit);
            if !is_number(start) || !(end.is_empty() || is_number(end)) {
                return Some(false);
            }
            let significant = |n: &[u8]| {
                let zeros = n.iter().take_while(|&&b| b == b'0').count();
                n[zeros.min(n.len().saturating_sub(1))..].to_vec()
            };
            let (start, end) = (significant(start), significant(end));
            Some(end.is_empty() || (start.len(), &start) <= (end.len(), &end))
        }
        _ => Some(false),
    }
}

/// The CORS-safelisted request-header test and the header-list rules built on it:
///
/// - each answer matches the standard's rule (for `Content-Type`, with the WHATWG MIME type
///   parser: [`check_content_type_against_mime_parser`]) and ignores the name's letter case;
/// - no-CORS-safelisted implies CORS-safelisted, and forbidden ignores the name's letter case;
/// - the CORS-unsafe request-header names are the unsafe headers' names, or every name once the
///   safelisted values pass 1024 bytes, lowercased, sorted and without duplicates;
/// - the `Request` constructor keeps no forbidden header, and under `no-cors` only
///   no-CORS-safelisted ones.
pub fn check_request_headers(headers: &[(Vec<u8>, Vec<u8>)]) {
    for (name, value) in headers {
        let safelisted = safelist::is_cors_safelisted_request_header(name, value);
        let show = || format!("{}: {}", name.escape_ascii(), value.escape_ascii());
        for other in [name.to_ascii_uppercase(), name.to_ascii_lowercase()] {
            assert_eq!(
                safelist::is_cors_safelisted_request_header(&other, value),
                safelisted,
                "{}",
                show()
            );
            assert_eq!(
                safelist::is_forbidden_request_header(&other, value),
                safelist::is_forbidden_request_header(name, value),
            );
        }
        match expected_safelisted(name, value) {
            Some(expected) => assert_eq!(safelisted, expected, "{}", show()),
            None => check_content_type_against_mime_parser(value),
        }
        if safelist::is_no_cors_safelisted_request_header(name, value) {
            assert!(safelisted, "{}", show());
        }
    }
    let expected = unsafe_names(&RequestHeaderPolicy::SPEC, headers);
    let got = safelist::cors_unsafe_request_header_names(
        headers.iter().map(|(n, v)| (n.as_slice(), v.as_slice())),
    );
    assert_eq!(got, expected);

    let base = Url::parse("http://page.example/").expect("a URL");
    for mode in [Mode::Cors, Mode::NoCors] {
        let init = headers.iter().fold(
            RequestInit::new("http://api.example/").mode(mode),
            |init, (name, value)| init.header(name.as_slice(), value.as_slice()),
        );
        let Ok(request) = Request::new(init, Some(&base)) else {
            continue;
        };
        for (name, value) in request.headers().iter() {
            let (name, value) = (name.as_str().as_bytes(), value.as_bytes());
            assert!(!safelist::is_forbidden_request_header(name, value));
            if mode == Mode::NoCors {
                assert!(safelist::is_no_cors_safelisted_request_header_name(name));
                assert!(!safelist::is_privileged_no_cors_request_header_name(name));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! The checks compare the library with these readings of the standard: known answers.
    use super::*;

    #[test]
    fn the_safelist_as_the_standard_reads() {
        let cases: [(&str, &[u8], Option<bool>); 10] = [
            ("Range", b"bytes=0-", Some(true)),
            ("range", b"bytes=5-10", Some(true)),
            ("range", b"bytes=-5", Some(false)),
            ("range", b"bytes=5-1", Some(false)),
            ("range", b"bytes=0005-05", Some(true)),
            ("accept", b"text/html", Some(true)),
            ("accept", b"a{b", Some(false)),
            ("content-language", b"en-US, *;q=0.5", Some(true)),
            ("content-type", b"text/plain", None),
            ("content-type", b"text/plain\x7f", Some(false)),
        ];
        for (name, value, expected) in cases {
            assert_eq!(
                expected_safelisted(name.as_bytes(), value),
                expected,
                "{name}"
            );
        }
        assert_eq!(expected_safelisted(b"accept", &[b'a'; 129]), Some(false));
        assert_eq!(expected_safelisted(b"x-a", b"1"), Some(false));
    }

    #[test]
    fn unsafe_names_as_each_engine_computes_them() {
        use crate::profile::{Profile, RepeatedHeaders};
        let headers = |list: &[(&str, &str)]| -> Vec<(Vec<u8>, Vec<u8>)> {
            list.iter()
                .map(|(n, v)| (n.as_bytes().to_vec(), v.as_bytes().to_vec()))
                .collect()
        };
        let spec = RequestHeaderPolicy::SPEC;
        let twice = headers(&[("X-B", "1"), ("Content-Type", "text/plain"), ("x-b", "2")]);
        assert_eq!(unsafe_names(&spec, &twice), ["x-b"]);
        let listed = RequestHeaderPolicy {
            repeated_headers: RepeatedHeaders::Listed,
            ..spec
        };
        assert_eq!(unsafe_names(&listed, &twice), ["x-b", "x-b"]);
        let type_twice = headers(&[
            ("Content-Type", "text/plain"),
            ("content-type", "text/plain"),
        ]);
        assert!(unsafe_names(&spec, &type_twice).is_empty());
        let combined = Profile::chromium().request_headers;
        assert_eq!(unsafe_names(&combined, &type_twice), ["content-type"]);
        // Safelisted values past 1,024 bytes in all: every name.
        let long = "a".repeat(128);
        let many: Vec<(&str, &str)> = (0..9).map(|_| ("Accept", long.as_str())).collect();
        assert_eq!(unsafe_names(&spec, &headers(&many)), ["accept"]);
        assert!(unsafe_names(&spec, &headers(&many[..8])).is_empty());
    }
}
