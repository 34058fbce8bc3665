//! Headers: Fetch §2.2.2 "Headers" — header values, header lists and the primitives the CORS
//! algorithms read them with ("get", "get, decode, and split", "extract header list values").
//!
//! Names are `http::HeaderName`s (a Fetch header name is a `token`, exactly what `http` accepts;
//! `http` lowercases them, which no CORS algorithm can observe). Values are this crate's own
//! [`HeaderValue`], because a Fetch header value may hold bytes that `http::HeaderValue` rejects
//! (0x01–0x08, 0x0B–0x1F except tab, 0x7F): script can send those, and whether a header is
//! CORS-safelisted depends on them.

use crate::bytes::SmallBytes;
use http::HeaderName;
use std::borrow::Cow;
use std::fmt;

/// RFC 9110 `tchar`: the bytes a `token` (a method, a header name) is made of.
pub(crate) fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// RFC 9110 `token = 1*tchar`.
pub(crate) fn is_token(bytes: &[u8]) -> bool {
    !bytes.is_empty() && bytes.iter().all(|&b| is_tchar(b))
}

/// Orders byte strings as their ASCII-lowercase forms order, so that header names can be
/// sorted and searched case-insensitively.
pub(crate) fn compare_ignoring_case(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    a.iter()
        .map(u8::to_ascii_lowercase)
        .cmp(b.iter().map(u8::to_ascii_lowercase))
}

/// HTTP tab or space bytes (Fetch: "HTTP tab or space byte").
const fn is_tab_or_space(b: u8) -> bool {
    b == b'\t' || b == b' '
}

/// Fetch: "HTTP whitespace byte" — tab, space, CR or LF.
fn is_http_whitespace(b: u8) -> bool {
    matches!(b, b'\t' | b' ' | b'\r' | b'\n')
}

fn trim_by(bytes: &[u8], strip: impl Fn(u8) -> bool) -> &[u8] {
    let start = bytes.iter().position(|&b| !strip(b)).unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| !strip(b))
        .map_or(start, |i| i + 1);
    &bytes[start..end]
}

/// A Fetch "header value": bytes with no leading or trailing tab or space, and no NUL, CR or LF.
///
/// Most values are short (`*`, an origin, a media type): those are held inline, so that making
/// or cloning one allocates nothing. A longer one is shared: cloning it copies no bytes.
#[derive(Clone)]
pub struct HeaderValue(SmallBytes);

impl PartialEq for HeaderValue {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for HeaderValue {}

impl std::hash::Hash for HeaderValue {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state);
    }
}

/// The bytes are not a Fetch header value (they hold NUL, CR or LF, or start or end with a tab or
/// a space). Script gets a `TypeError` for such a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidHeaderValue;

impl fmt::Display for InvalidHeaderValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a header value: it contains NUL, CR or LF, or has surrounding whitespace")
    }
}

impl std::error::Error for InvalidHeaderValue {}

/// A request a browser sends that the `http` crate's types cannot carry, so it cannot be
/// handed over as an `http::Request`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotRepresentable {
    /// A header value holds a control byte other than tab, or DEL, which `http::HeaderValue`
    /// rejects.
    HeaderValue {
        /// The header's name.
        name: HeaderName,
    },
    /// The URL holds bytes `http::Uri` rejects (the URL standard allows e.g. `` ` `` and `{`
    /// in a host).
    Url,
    /// More headers than an `http::HeaderMap` holds (about 24,576 distinct names).
    TooManyHeaders,
}

impl fmt::Display for NotRepresentable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::HeaderValue { name } => write!(
                f,
                "the value of header `{name}` holds bytes that http::HeaderValue cannot carry"
            ),
            Self::Url => f.write_str("the URL holds bytes that http::Uri cannot carry"),
            Self::TooManyHeaders => f.write_str("more headers than an http::HeaderMap can hold"),
        }
    }
}

impl std::error::Error for NotRepresentable {}

impl HeaderValue {
    /// Checks that `bytes` is a Fetch header value as it is (no trimming).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, InvalidHeaderValue> {
        Self::check(bytes)?;
        Ok(Self(SmallBytes::copy(bytes)))
    }

    /// A constant value, as `http::HeaderValue::from_static` makes one: usable in a `const`, and
    /// panicking (at compile time in a `const`) when `value` is not a header value.
    pub const fn from_static(value: &'static str) -> Self {
        if !Self::is_valid(value.as_bytes()) {
            panic!("not a header value");
        }
        Self(SmallBytes::from_static(value.as_bytes()))
    }

    /// Fetch: whether `bytes` is a "header value".
    fn check(bytes: &[u8]) -> Result<(), InvalidHeaderValue> {
        if Self::is_valid(bytes) {
            Ok(())
        } else {
            Err(InvalidHeaderValue)
        }
    }

    /// Fetch: a "header value" has no leading or trailing tab or space and no NUL, CR or LF.
    const fn is_valid(bytes: &[u8]) -> bool {
        if let [first, ..] = bytes
            && is_tab_or_space(*first)
        {
            return false;
        }
        if let [.., last] = bytes
            && is_tab_or_space(*last)
        {
            return false;
        }
        // No early exit: the loop then compiles to a vectorized scan.
        let mut found = false;
        let mut i = 0;
        while i < bytes.len() {
            found |= matches!(bytes[i], 0 | b'\r' | b'\n');
            i += 1;
        }
        !found
    }

    /// Fetch: "normalize" a potential value (strip leading and trailing HTTP whitespace bytes),
    /// then check it is a header value — what `Headers.append()` does with a script's value.
    pub fn normalize(potential: &[u8]) -> Result<Self, InvalidHeaderValue> {
        Self::from_bytes(trim_by(potential, is_http_whitespace))
    }

    /// The value's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// The value as an `http::HeaderValue`, when `http` can carry it. A constant value is
    /// lent, not copied.
    pub fn to_http(&self) -> Option<http::HeaderValue> {
        // `from_static` takes visible ASCII and tabs only (it panics on anything else).
        if let Some(bytes) = self.0.as_static()
            && bytes
                .iter()
                .all(|&b| b == b'\t' || (b' '..=b'~').contains(&b))
            && let Ok(text) = std::str::from_utf8(bytes)
        {
            return Some(http::HeaderValue::from_static(text));
        }
        http::HeaderValue::from_bytes(self.as_bytes()).ok()
    }
}

impl From<&http::HeaderValue> for HeaderValue {
    /// Every `http::HeaderValue` a parser produces is a Fetch header value once trimmed
    /// (`http` allows surrounding spaces in values built by hand).
    fn from(value: &http::HeaderValue) -> Self {
        Self(SmallBytes::copy(trim_by(value.as_bytes(), is_tab_or_space)))
    }
}

impl fmt::Debug for HeaderValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", self.as_bytes().escape_ascii())
    }
}

/// A header name to look up in a [`HeaderList`]: an `http::HeaderName` (compared as `http`
/// compares them) or a string (compared byte-case-insensitively, as Fetch compares names).
pub trait HeaderNameRef {
    /// Whether `name` is this name.
    fn matches(&self, name: &HeaderName) -> bool;
}

impl HeaderNameRef for HeaderName {
    fn matches(&self, name: &HeaderName) -> bool {
        self == name
    }
}

impl HeaderNameRef for str {
    fn matches(&self, name: &HeaderName) -> bool {
        name.as_str().eq_ignore_ascii_case(self)
    }
}

impl HeaderNameRef for String {
    fn matches(&self, name: &HeaderName) -> bool {
        HeaderNameRef::matches(self.as_str(), name)
    }
}

impl<N: HeaderNameRef + ?Sized> HeaderNameRef for &N {
    fn matches(&self, name: &HeaderName) -> bool {
        (**self).matches(name)
    }
}

/// A Fetch "header list": headers in order, duplicates kept, names compared case-insensitively.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct HeaderList(Vec<(HeaderName, HeaderValue)>);

impl HeaderList {
    /// An empty header list.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty header list with room for `capacity` headers.
    pub fn with_capacity(capacity: usize) -> Self {
        Self(Vec::with_capacity(capacity))
    }

    /// Makes room for `extra` more headers, so that appending them allocates nothing.
    pub(crate) fn reserve(&mut self, extra: usize) {
        self.0.reserve(extra);
    }

    /// Keeps the first `len` headers.
    pub(crate) fn truncate(&mut self, len: usize) {
        self.0.truncate(len);
    }

    /// Fetch: "append" a header.
    pub fn append(&mut self, name: HeaderName, value: HeaderValue) {
        self.0.push((name, value));
    }

    /// Fetch: "set" a header — replace the first header of that name and drop the others.
    pub fn set(&mut self, name: HeaderName, value: HeaderValue) {
        match self.0.iter().position(|(n, _)| *n == name) {
            Some(first) => {
                self.0[first].1 = value;
                let mut index = 0;
                self.0.retain(|(n, _)| {
                    index += 1;
                    index - 1 == first || *n != name
                });
            }
            None => self.append(name, value),
        }
    }

    /// Keeps the headers for which `keep` is true, in order: one pass, whatever is removed.
    pub fn retain(&mut self, mut keep: impl FnMut(&HeaderName, &HeaderValue) -> bool) {
        self.0.retain(|(name, value)| keep(name, value));
    }

    /// Fetch: "delete" a header name — remove every header of that name.
    pub fn delete<N: HeaderNameRef + ?Sized>(&mut self, name: &N) {
        self.0.retain(|(n, _)| !name.matches(n));
    }

    /// Fetch: "contains" a header name.
    pub fn contains<N: HeaderNameRef + ?Sized>(&self, name: &N) -> bool {
        self.0.iter().any(|(n, _)| name.matches(n))
    }

    /// Every value of headers named `name`, in order.
    pub fn values<'a, 'n, N: HeaderNameRef + ?Sized>(
        &'a self,
        name: &'n N,
    ) -> impl Iterator<Item = &'a [u8]> + 'n
    where
        'a: 'n,
    {
        self.0
            .iter()
            .filter(move |(n, _)| name.matches(n))
            .map(|(_, v)| v.as_bytes())
    }

    /// Fetch: "get" a header name — the values of every header of that name joined by `, `, or
    /// `None` when there is none. A single value is borrowed, not copied.
    pub fn get<N: HeaderNameRef + ?Sized>(&self, name: &N) -> Option<Cow<'_, [u8]>> {
        let mut values = self.values(name);
        let first = values.next()?;
        let Some(second) = values.next() else {
            return Some(Cow::Borrowed(first));
        };
        let mut joined = first.to_vec();
        for value in std::iter::once(second).chain(values) {
            joined.extend_from_slice(b", ");
            joined.extend_from_slice(value);
        }
        Some(Cow::Owned(joined))
    }

    /// "get" as text (bytes that are not UTF-8 replaced by U+FFFD), for messages and tests.
    pub fn get_str<N: HeaderNameRef + ?Sized>(&self, name: &N) -> Option<Cow<'_, str>> {
        Some(match self.get(name)? {
            Cow::Borrowed(bytes) => String::from_utf8_lossy(bytes),
            Cow::Owned(bytes) => Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()),
        })
    }

    /// Fetch: "get, decode, and split" a header name from the list.
    pub fn get_decode_split<N: HeaderNameRef + ?Sized>(&self, name: &N) -> Option<Vec<String>> {
        self.get(name).map(|value| decode_and_split(&value))
    }

    /// The headers, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&HeaderName, &HeaderValue)> + Clone {
        self.0.iter().map(|(n, v)| (n, v))
    }

    /// The number of headers.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the list holds no header.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Copies a response's `http::HeaderMap`. A map keeps the order of values within one name,
    /// which is all that "get" and "extract header list values" depend on.
    pub fn from_http(map: &http::HeaderMap) -> Self {
        let mut list = Self::with_capacity(map.len());
        for (name, value) in map {
            list.append(name.clone(), HeaderValue::from(value));
        }
        list
    }

    /// The list as an `http::HeaderMap`; an error for the first header whose value `http` cannot
    /// carry, or when the list holds more headers than a map can.
    pub fn to_http(&self) -> Result<http::HeaderMap, NotRepresentable> {
        // The capacity is only a hint: it counts distinct names against the map's index, where
        // repeated values of one name take no room; `try_append` says when the map is full.
        let mut map = http::HeaderMap::try_with_capacity(self.0.len()).unwrap_or_default();
        for (name, value) in &self.0 {
            let value = value
                .to_http()
                .ok_or_else(|| NotRepresentable::HeaderValue { name: name.clone() })?;
            map.try_append(name.clone(), value)
                .map_err(|_| NotRepresentable::TooManyHeaders)?;
        }
        Ok(map)
    }
}

impl fmt::Debug for HeaderList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.iter()).finish()
    }
}

/// Fetch: "isomorphic decode" — each byte becomes the code point of the same value.
pub(crate) fn isomorphic_decode(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Fetch: "get, decode, and split" a header value — split on commas outside quoted strings and
/// trim tabs and spaces; empty items are kept (`a,` gives `["a", ""]`).
pub fn decode_and_split(value: &[u8]) -> Vec<String> {
    let input: Vec<char> = isomorphic_decode(value).chars().collect();
    let mut position = 0;
    let mut values = Vec::new();
    let mut temporary = String::new();
    loop {
        while position < input.len() && input[position] != '"' && input[position] != ',' {
            temporary.push(input[position]);
            position += 1;
        }
        if position < input.len() && input[position] == '"' {
            collect_quoted_string(&input, &mut position, &mut temporary);
            if position < input.len() {
                continue;
            }
        }
        values.push(temporary.trim_matches([' ', '\t']).to_owned());
        temporary.clear();
        if position >= input.len() {
            return values;
        }
        // The code point at `position` is a comma.
        position += 1;
    }
}

/// Fetch: "collect an HTTP quoted string" with the extract-value flag unset: appends the quoted
/// string, quotes and backslashes included, as it stands in the input.
fn collect_quoted_string(input: &[char], position: &mut usize, out: &mut String) {
    out.push(input[*position]);
    *position += 1;
    while *position < input.len() {
        let c = input[*position];
        *position += 1;
        out.push(c);
        match c {
            '\\' => {
                if let Some(&escaped) = input.get(*position) {
                    out.push(escaped);
                    *position += 1;
                }
            }
            '"' => return,
            _ => {}
        }
    }
}

/// The result of Fetch's "extract header list values".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Extracted<T> {
    /// The list does not contain the header.
    Null,
    /// A value does not match the header's ABNF (or a single-value header appears twice).
    Failure,
    /// The parsed values, in order.
    Values(T),
}

/// Fetch: "extract header list values" for a header whose ABNF is a comma-separated list of
/// tokens: `#method` (`Access-Control-Allow-Methods`) and `#field-name`
/// (`Access-Control-Allow-Headers`, `Access-Control-Expose-Headers`). Empty list elements are
/// allowed, as RFC 9110's `#rule` allows them; any other non-token element is a failure.
pub fn extract_token_list<'a>(list: &'a HeaderList, name: &HeaderName) -> Extracted<Vec<&'a [u8]>> {
    extract_list(list, name, is_token)
}

/// Fetch: "extract header list values" for a header whose ABNF is a comma-separated list
/// (`#element`) of elements that `element` accepts: each non-empty element, trimmed of tabs and
/// spaces, in order (collected into a `C`), or a failure at the first it does not accept.
pub(crate) fn extract_list<'a, C: Default + Extend<&'a [u8]>>(
    list: &'a HeaderList,
    name: &HeaderName,
    element: impl Fn(&[u8]) -> bool,
) -> Extracted<C> {
    let mut present = false;
    let mut elements = C::default();
    for value in list.values(name) {
        present = true;
        for item in value.split(|&b| b == b',') {
            let item = trim_by(item, is_tab_or_space);
            if item.is_empty() {
                continue;
            }
            if !element(item) {
                return Extracted::Failure;
            }
            elements.extend([item]);
        }
    }
    if !present {
        return Extracted::Null;
    }
    Extracted::Values(elements)
}

/// Fetch: "extract header list values" for a header whose ABNF allows a single header: null when
/// absent, failure when the list holds it more than once, else its one value (whose own syntax
/// the caller checks).
pub fn extract_single<'a>(list: &'a HeaderList, name: &HeaderName) -> Extracted<&'a [u8]> {
    let mut values = list.values(name);
    match (values.next(), values.next()) {
        (None, _) => Extracted::Null,
        (Some(value), None) => Extracted::Values(value),
        (Some(_), Some(_)) => Extracted::Failure,
    }
}

/// A header list from `(name, value)` pairs, for tests.
#[cfg(test)]
pub(crate) fn list(headers: &[(&str, &str)]) -> HeaderList {
    let mut list = HeaderList::new();
    for (n, v) in headers {
        list.append(
            HeaderName::from_bytes(n.as_bytes()).unwrap(),
            HeaderValue::from_bytes(v.as_bytes()).unwrap(),
        );
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a() -> HeaderName {
        HeaderName::from_static("a")
    }

    #[test]
    fn constant_values_convert_to_http_as_the_same_bytes() {
        for text in ["*/*", "a\tb c", "caf\u{e9}", "", "x\u{1}y"] {
            let value = HeaderValue::from_static(text);
            let converted = value.to_http();
            let copied = http::HeaderValue::from_bytes(text.as_bytes()).ok();
            assert_eq!(converted, copied, "{text:?}");
        }
    }

    #[test]
    fn header_values_follow_fetch_not_http() {
        assert!(HeaderValue::from_bytes(b"\x01").is_ok());
        assert!(HeaderValue::from_bytes(b"a\x7fb").is_ok());
        assert!(
            HeaderValue::from_bytes(b"\x01")
                .unwrap()
                .to_http()
                .is_none()
        );
        assert_eq!(HeaderValue::from_bytes(b"a\0b"), Err(InvalidHeaderValue));
        assert_eq!(HeaderValue::from_bytes(b"a\rb"), Err(InvalidHeaderValue));
        assert_eq!(HeaderValue::from_bytes(b" a"), Err(InvalidHeaderValue));
        assert_eq!(
            HeaderValue::normalize(b"\r\n\t a b \n").unwrap().as_bytes(),
            b"a b"
        );
        assert_eq!(HeaderValue::normalize(b" a\nb "), Err(InvalidHeaderValue));
    }

    #[test]
    fn values_are_the_same_however_they_are_held() {
        assert_eq!(std::mem::size_of::<HeaderValue>(), 24);
        let short = "a".repeat(crate::bytes::INLINE);
        let long = "a".repeat(crate::bytes::INLINE + 1);
        for text in [&short, &long] {
            let value = HeaderValue::from_bytes(text.as_bytes()).unwrap();
            assert_eq!(value.as_bytes(), text.as_bytes());
            assert_eq!(value.clone(), value);
            let from_http = HeaderValue::from(&http::HeaderValue::from_str(text).unwrap());
            assert_eq!(from_http, value);
        }
        assert_eq!(
            HeaderValue::from_static("*"),
            HeaderValue::from_bytes(b"*").unwrap()
        );
        assert_ne!(
            HeaderValue::from_bytes(short.as_bytes()).unwrap(),
            HeaderValue::from_bytes(long.as_bytes()).unwrap()
        );
        assert_eq!(HeaderValue::from_bytes(b"").unwrap().as_bytes(), b"");
    }

    #[test]
    fn get_joins_values_in_order() {
        let l = list(&[("A", "1"), ("B", "x"), ("a", "2")]);
        assert_eq!(l.get(&a()).unwrap().as_ref(), b"1, 2");
        assert_eq!(l.get(&HeaderName::from_static("c")), None);
    }

    #[test]
    fn get_decode_split_matches_the_standard_examples() {
        type Case<'a> = (&'a [(&'a str, &'a str)], Option<&'a [&'a str]>);
        let cases: &[Case<'_>] = &[
            (&[("A", "nosniff,")], Some(&["nosniff", ""])),
            (
                &[("A", "nosniff"), ("B", "sniff"), ("A", "")],
                Some(&["nosniff", ""]),
            ),
            (&[("A", ""), ("B", "sniff")], Some(&[""])),
            (&[("B", "sniff")], None),
            (&[("A", "text/html;\", x/x")], Some(&["text/html;\", x/x"])),
            (
                &[("A", "text/html;\""), ("A", "x/x")],
                Some(&["text/html;\", x/x"]),
            ),
            (
                &[("A", "x/x;test=\"hi\",y/y")],
                Some(&["x/x;test=\"hi\"", "y/y"]),
            ),
            (&[("A", "x / x,,,1")], Some(&["x / x", "", "", "1"])),
            (
                &[("A", "x / x"), ("A", ","), ("A", "1")],
                Some(&["x / x", "", "", "1"]),
            ),
            (&[("A", "\"1,2\", 3")], Some(&["\"1,2\"", "3"])),
        ];
        for (headers, expected) in cases {
            let got = list(headers).get_decode_split(&a());
            let expected = expected.map(|e| e.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            assert_eq!(got, expected, "{headers:?}");
        }
    }

    #[test]
    fn token_lists_allow_empty_elements_and_reject_non_tokens() {
        let l = list(&[("A", "GET, ,PUT"), ("A", "x-y")]);
        assert_eq!(
            extract_token_list(&l, &a()),
            Extracted::Values(vec![&b"GET"[..], b"PUT", b"x-y"])
        );
        assert_eq!(
            extract_token_list(&list(&[("A", "")]), &a()),
            Extracted::Values(vec![])
        );
        assert_eq!(
            extract_token_list(&list(&[("A", "GET, P UT")]), &a()),
            Extracted::Failure
        );
        assert_eq!(
            extract_token_list(&list(&[("A", "x-response- time")]), &a()),
            Extracted::Failure
        );
        assert_eq!(extract_token_list(&list(&[]), &a()), Extracted::Null);
    }

    #[test]
    fn single_value_headers_fail_when_repeated() {
        assert_eq!(extract_single(&list(&[]), &a()), Extracted::Null);
        assert_eq!(
            extract_single(&list(&[("A", "5")]), &a()),
            Extracted::Values(&b"5"[..])
        );
        assert_eq!(
            extract_single(&list(&[("A", "5"), ("a", "5")]), &a()),
            Extracted::Failure
        );
    }

    #[test]
    fn set_replaces_the_first_and_drops_the_rest() {
        let mut l = list(&[("A", "1"), ("B", "x"), ("A", "2")]);
        l.set(a(), HeaderValue::from_bytes(b"3").unwrap());
        assert_eq!(l, list(&[("A", "3"), ("B", "x")]));
    }
}
