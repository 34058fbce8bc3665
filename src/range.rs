//! Range: Fetch "parse a single range header value", the one form of `Range` header (`bytes=a-b`)
//! that the CORS-safelisted request-header rule accepts.
//!
//! The standard reads the two numbers as decimal numbers of any size. They are kept here as digit
//! strings ([`Decimal`]) so that a value like `bytes=99999999999999999999-1` is compared exactly
//! instead of overflowing.

use std::cmp::Ordering;

/// A non-negative decimal number of any size, held as its ASCII digits without leading zeros
/// (zero is `0`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decimal<'a>(&'a [u8]);

impl<'a> Decimal<'a> {
    /// Reads a non-empty run of ASCII digits ("interpreted as decimal number").
    fn from_digits(digits: &'a [u8]) -> Self {
        let first_significant = digits
            .iter()
            .position(|&b| b != b'0')
            .unwrap_or(digits.len().saturating_sub(1));
        Self(&digits[first_significant..])
    }
}

impl Ord for Decimal<'_> {
    /// Numeric order: without leading zeros a longer number is larger, and numbers of the same
    /// length compare digit by digit.
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.cmp(other.0))
    }
}

impl PartialOrd for Decimal<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A parsed single range: (rangeStartValue, rangeEndValue), either of which may be null but not
/// both, indexed as the standard does (`rangeValue[0]` is the start).
pub(crate) type SingleRange<'a> = (Option<Decimal<'a>>, Option<Decimal<'a>>);

/// The number of bytes a `Content-Range: bytes FIRST-LAST/…` value covers (LAST − FIRST + 1), or
/// `None` when it has another form or numbers past `u64` (RFC 9110 §14.4).
pub(crate) fn content_range_length(value: &[u8]) -> Option<u64> {
    let rest = value.strip_prefix(b"bytes ")?;
    let slash = rest.iter().position(|&b| b == b'/')?;
    let (first, last) = std::str::from_utf8(&rest[..slash]).ok()?.split_once('-')?;
    let digits = |s: &str| {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u64>().ok())
            .flatten()
    };
    digits(last)?.checked_sub(digits(first)?)?.checked_add(1)
}

/// Fetch: "parse a single range header value" given `value` and `allowWhitespace` — `None` is
/// failure. Accepts exactly `bytes=` START `-` END where either number (not both) may be omitted
/// and START ≤ END; with `allow_whitespace`, tabs and spaces may surround `=` and `-`.
pub(crate) fn parse_single_range_header_value(
    value: &[u8],
    allow_whitespace: bool,
) -> Option<SingleRange<'_>> {
    // Isomorphic decoding maps each byte to one code point, so the algorithm can walk the bytes.
    let mut rest = value.strip_prefix(b"bytes")?;
    let skip_whitespace = |rest: &mut &[u8]| {
        if allow_whitespace {
            let n = rest
                .iter()
                .take_while(|&&b| b == b' ' || b == b'\t')
                .count();
            *rest = &rest[n..];
        }
    };
    skip_whitespace(&mut rest);
    rest = rest.strip_prefix(b"=")?;
    skip_whitespace(&mut rest);
    let start = collect_decimal(&mut rest);
    skip_whitespace(&mut rest);
    rest = rest.strip_prefix(b"-")?;
    skip_whitespace(&mut rest);
    let end = collect_decimal(&mut rest);
    if !rest.is_empty() {
        return None;
    }
    match (start, end) {
        (None, None) => None,
        (Some(start), Some(end)) if start > end => None,
        range => Some(range),
    }
}

/// Collects the ASCII digits at the start of `rest`, advancing past them: the number they spell,
/// or null when there are none.
fn collect_decimal<'a>(rest: &mut &'a [u8]) -> Option<Decimal<'a>> {
    let n = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let (digits, after) = rest.split_at(n);
    *rest = after;
    (n > 0).then(|| Decimal::from_digits(digits))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(digits: &str) -> Option<Decimal<'_>> {
        Some(Decimal(digits.as_bytes()))
    }

    #[test]
    fn content_range_lengths() {
        assert_eq!(content_range_length(b"bytes 0-499/1000"), Some(500));
        assert_eq!(content_range_length(b"bytes 100-999/*"), Some(900));
        assert_eq!(content_range_length(b"bytes 5-4/10"), None);
        assert_eq!(content_range_length(b"bytes */1000"), None);
        assert_eq!(content_range_length(b"bytes -1-4/10"), None);
        assert_eq!(content_range_length(b"items 0-1/2"), None);
        assert_eq!(
            content_range_length(b"bytes 0-99999999999999999999/1"),
            None
        );
        assert_eq!(
            content_range_length(b"bytes 0-18446744073709551615/*"),
            None
        );
    }

    #[test]
    fn parses_the_standard_forms() {
        let p = |v: &'static str| parse_single_range_header_value(v.as_bytes(), false);
        assert_eq!(p("bytes=0-"), Some((d("0"), None)));
        assert_eq!(p("bytes=-500"), Some((None, d("500"))));
        assert_eq!(p("bytes=0-1"), Some((d("0"), d("1"))));
        assert_eq!(p("bytes=5-5"), Some((d("5"), d("5"))));
        assert_eq!(p("bytes=007-0010"), Some((d("7"), d("10"))));
        assert_eq!(p("bytes=000-0"), Some((d("0"), d("0"))));
        assert_eq!(
            p("bytes=1-99999999999999999999"),
            Some((d("1"), d("99999999999999999999")))
        );
    }

    #[test]
    fn rejects_everything_else() {
        for value in [
            "bytes=5-1",
            "bytes=99999999999999999999-99999999999999999998",
            "bytes=100000000000000000000-99999999999999999999",
            "bytes=10-09",
            "bytes = 0-1",
            "bytes=0 - 1",
            "bytes=0-1,2-3",
            "Bytes=0-1",
            "BYTES=0-1",
            "bytes=-",
            "bytes=",
            "bytes",
            "",
            "bytes=0-1 ",
            " bytes=0-1",
            "bytes=a-1",
            "bytes=0x1-2",
            "bytes=+1-2",
            "bytes=0--1",
            "bytes=\u{0660}-1",
            "items=0-1",
        ] {
            assert_eq!(
                parse_single_range_header_value(value.as_bytes(), false),
                None,
                "{value:?}"
            );
        }
        assert_eq!(
            parse_single_range_header_value(b"bytes=0-\xff", false),
            None
        );
        assert_eq!(parse_single_range_header_value(b"bytes=\xb9-2", true), None);
    }

    #[test]
    fn whitespace_only_around_the_separators_when_allowed() {
        let p = |v: &'static str| parse_single_range_header_value(v.as_bytes(), true);
        assert_eq!(p("bytes = 0-1"), Some((d("0"), d("1"))));
        assert_eq!(p("bytes\t=\t0 \t- 1"), Some((d("0"), d("1"))));
        assert_eq!(p("bytes= -500"), Some((None, d("500"))));
        assert_eq!(p("bytes=0 -"), Some((d("0"), None)));
        assert_eq!(p("bytes= - "), None);
        assert_eq!(p("bytes=0-1 "), None);
        assert_eq!(p(" bytes=0-1"), None);
        assert_eq!(p("bytes=0 1-2"), None);
        assert_eq!(p("bytes=\n0-1"), None);
        assert_eq!(p("bytes = 5 - 1"), None);
    }

    #[test]
    fn decimals_compare_by_value() {
        let n = |s: &'static str| Decimal::from_digits(s.as_bytes());
        assert_eq!(n("0000"), Decimal(b"0"));
        assert!(n("10") > n("9"));
        assert!(n("0010") > n("9"));
        assert!(n("99999999999999999999") < n("100000000000000000000"));
        assert_eq!(n("0042").cmp(&n("42")), Ordering::Equal);
    }
}
