//! What the checks share: the four profiles, and bytes as header grammar and messages read them.

use crate::profile::{Profile, RepeatedHeaders, RequestHeaderPolicy};
use crate::safelist;
use std::collections::HashMap;

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

/// Fetch "CORS-unsafe request-header names" of `headers` as an engine with `policy` computes
/// them: each header judged alone, or (`Combined`) one per name with its values joined by
/// `, `; a `Range` unit of any letter case where the policy allows it; every name once the
/// safelisted values pass the policy's total; lowercased and sorted, each name once unless the
/// engine lists each unsafe header (`Listed`).
pub(super) fn unsafe_names(
    policy: &RequestHeaderPolicy,
    headers: &[(Vec<u8>, Vec<u8>)],
) -> Vec<String> {
    let mut judged: Vec<(Vec<u8>, Vec<u8>)> = Vec::with_capacity(headers.len());
    let mut combined: HashMap<Vec<u8>, usize> = HashMap::new();
    for (name, value) in headers {
        let lowercase = name.to_ascii_lowercase();
        match combined.get(&lowercase) {
            Some(&at) if policy.repeated_headers == RepeatedHeaders::Combined => {
                judged[at].1.extend_from_slice(b", ");
                judged[at].1.extend_from_slice(value);
            }
            _ => {
                combined.insert(lowercase.clone(), judged.len());
                judged.push((lowercase, value.clone()));
            }
        }
    }
    let mut names = Vec::new();
    let mut safelisted_size = 0usize;
    for (name, value) in &mut judged {
        if policy.range_unit_case_insensitive && name == b"range" && value.len() >= 5 {
            value[..5].make_ascii_lowercase();
        }
        if safelist::is_cors_safelisted_request_header(name, value) {
            safelisted_size += value.len();
        } else {
            names.push(name.clone());
        }
    }
    if policy
        .safelist_value_size_limit
        .is_some_and(|limit| safelisted_size > limit)
    {
        names = judged.into_iter().map(|(name, _)| name).collect();
    }
    names.sort_unstable();
    if policy.repeated_headers != RepeatedHeaders::Listed {
        names.dedup();
    }
    names
        .into_iter()
        .map(|name| name.into_iter().map(char::from).collect())
        .collect()
}
