//! A second, independent reading of the `Content-Type` safelist rule: the `mime` crate's parser
//! (RFC 7231's grammar) in place of the WHATWG MIME type parser, on the values where the two
//! grammars agree.

use cors_sim::safelist::is_cors_safelisted_request_header;

/// RFC 9110 `tchar`.
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn is_token(bytes: &[u8]) -> bool {
    !bytes.is_empty() && bytes.iter().all(|&b| is_tchar(b))
}

/// Whether `value` is `type/subtype` followed by `;name=value` parameters, every part a token,
/// with spaces only after a `;`: the values both the WHATWG MIME type parser and the `mime` crate
/// read the same way (type and subtype lowercased), and which hold no CORS-unsafe byte.
fn in_common_grammar(value: &[u8]) -> bool {
    let mut parts = value.split(|&b| b == b';');
    let Some(essence) = parts.next() else {
        return false;
    };
    let essence_ok = match essence.iter().position(|&b| b == b'/') {
        Some(slash) => is_token(&essence[..slash]) && is_token(&essence[slash + 1..]),
        None => false,
    };
    essence_ok
        && parts.all(|parameter| {
            let spaces = parameter.iter().take_while(|&&b| b == b' ').count();
            let parameter = &parameter[spaces..];
            match parameter.iter().position(|&b| b == b'=') {
                Some(eq) => is_token(&parameter[..eq]) && is_token(&parameter[eq + 1..]),
                None => false,
            }
        })
}

/// The library's `Content-Type` safelist decision against the `mime` crate's essence: on
/// values of the common grammar ([`in_common_grammar`]) that the `mime` crate parses, the value
/// is safelisted exactly when it has at most 128 bytes and its essence is
/// `application/x-www-form-urlencoded`, `multipart/form-data` or `text/plain`.
pub fn check_content_type_against_mime_crate(value: &[u8]) {
    if !in_common_grammar(value) {
        return;
    }
    let Some(mime) = std::str::from_utf8(value)
        .ok()
        .and_then(|text| text.parse::<mime::Mime>().ok())
    else {
        return;
    };
    let essence = mime.essence_str().to_ascii_lowercase();
    let expected = value.len() <= 128
        && [
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "text/plain",
        ]
        .contains(&essence.as_str());
    assert_eq!(
        is_cors_safelisted_request_header(b"content-type", value),
        expected,
        "Content-Type: {} (mime: {essence})",
        value.escape_ascii()
    );
}
