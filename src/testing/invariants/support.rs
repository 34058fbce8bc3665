//! What the checks share: the four profiles, and bytes as header grammar and messages read them.

use crate::profile::Profile;

/// The four profiles.
pub(super) fn profiles() -> [Profile; 4] {
    [
        Profile::spec(),
        Profile::chromium(),
        Profile::firefox(),
        Profile::webkit(),
    ]
}

/// RFC 9110 `tchar`.
pub(super) fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// `bytes` without leading and trailing spaces and tabs (HTTP whitespace as header values trim it).
pub(super) fn trim_tabs_and_spaces(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != b' ' && b != b'\t');
    let end = bytes.iter().rposition(|&b| b != b' ' && b != b'\t');
    match (start, end) {
        (Some(start), Some(end)) => &bytes[start..=end],
        _ => &[],
    }
}

/// Bytes as text for a message.
pub(super) fn shown(bytes: &[u8]) -> String {
    bytes.escape_ascii().to_string()
}
