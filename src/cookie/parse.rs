//! Cookies' "parse a cookie" and "parse a date": a `Set-Cookie` value into a name, a value and
//! the attributes a user agent reads, before the store decides whether to keep it.
//! <https://httpwg.org/http-extensions/draft-ietf-httpbis-layered-cookies.html#name-parse-a-cookie>

use std::fmt;

/// A cookie's `SameSite` attribute (Cookies: a cookie's "same-site").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SameSite {
    /// `SameSite=Strict`: same-site requests only.
    Strict,
    /// `SameSite=Lax`: same-site requests and top-level `GET` navigations.
    Lax,
    /// No (valid) `SameSite` attribute.
    Unset,
    /// `SameSite=None`: every request.
    None,
}

impl fmt::Display for SameSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Strict => "SameSite=Strict",
            Self::Lax => "SameSite=Lax",
            Self::Unset => "no SameSite",
            Self::None => "SameSite=None",
        })
    }
}

/// The most bytes a cookie's name and value may hold together.
const NAME_VALUE_LIMIT: usize = 4096;
/// Attribute values longer than this are ignored.
const ATTRIBUTE_VALUE_LIMIT: usize = 1024;

/// A `Set-Cookie` value, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedCookie {
    pub name: Vec<u8>,
    pub value: Vec<u8>,
    pub secure: bool,
    pub http_only: bool,
    pub same_site: SameSite,
    /// CHIPS: the `Partitioned` attribute.
    pub partitioned: bool,
    /// The last `Domain` attribute with a value, as written (the leading dot removed).
    pub domain: Option<String>,
    /// The last valid `Path` attribute (one that starts with `/`).
    pub path: Option<String>,
    /// The last `Max-Age`, in seconds.
    pub max_age: Option<i64>,
    /// The last `Expires` that parsed, in seconds since the Unix epoch.
    pub expires: Option<i64>,
    /// Whether `Expires` came after the last `Max-Age` (which the standard ignores).
    pub expires_last: bool,
}

/// "parse a cookie": `None` for a value the algorithm fails on (a control byte, an empty or too
/// long name and value).
pub(crate) fn parse(input: &[u8]) -> Option<ParsedCookie> {
    if input
        .iter()
        .any(|&b| matches!(b, 0x00..=0x08 | 0x0A..=0x1F | 0x7F))
    {
        return None;
    }
    let mut parts = input.split(|&b| b == b';');
    let pair = parts.next().unwrap_or_default();
    let (name, value) = match pair.iter().position(|&b| b == b'=') {
        Some(at) => (trim(&pair[..at]), trim(&pair[at + 1..])),
        None => (&[][..], trim(pair)),
    };
    if name.len() + value.len() == 0 || name.len() + value.len() > NAME_VALUE_LIMIT {
        return None;
    }
    let mut cookie = ParsedCookie {
        name: name.to_vec(),
        value: value.to_vec(),
        secure: false,
        http_only: false,
        same_site: SameSite::Unset,
        partitioned: false,
        domain: None,
        path: None,
        max_age: None,
        expires: None,
        expires_last: false,
    };
    for attribute in parts {
        let (name, value) = match attribute.iter().position(|&b| b == b'=') {
            Some(at) => (trim(&attribute[..at]), trim(&attribute[at + 1..])),
            None => (trim(attribute), &[][..]),
        };
        if value.len() > ATTRIBUTE_VALUE_LIMIT {
            continue;
        }
        let is = |expected: &str| name.eq_ignore_ascii_case(expected.as_bytes());
        if is("expires") {
            if let Some(date) = parse_date(value) {
                cookie.expires = Some(date);
                cookie.expires_last = true;
            }
        } else if is("max-age") {
            if let Some(seconds) = parse_max_age(value) {
                cookie.max_age = Some(seconds);
                cookie.expires_last = false;
            }
        } else if is("domain") {
            // RFC 6265bis §5.6.3: an empty Domain is ignored.
            let domain = value.strip_prefix(b".").unwrap_or(value);
            if !value.is_empty() {
                cookie.domain = Some(String::from_utf8_lossy(domain).into_owned());
            }
        } else if is("path") {
            if value.first() == Some(&b'/') {
                cookie.path = Some(String::from_utf8_lossy(value).into_owned());
            }
        } else if is("secure") {
            cookie.secure = true;
        } else if is("httponly") {
            cookie.http_only = true;
        } else if is("partitioned") {
            cookie.partitioned = true;
        } else if is("samesite") {
            let same_site = |expected: &str| value.eq_ignore_ascii_case(expected.as_bytes());
            if same_site("none") {
                cookie.same_site = SameSite::None;
            } else if same_site("strict") {
                cookie.same_site = SameSite::Strict;
            } else if same_site("lax") {
                cookie.same_site = SameSite::Lax;
            }
        }
    }
    Some(cookie)
}

/// `bytes` without leading or trailing space and tab (WSP).
fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != b' ' && b != b'\t');
    let end = bytes.iter().rposition(|&b| b != b' ' && b != b'\t');
    match (start, end) {
        (Some(start), Some(end)) => &bytes[start..=end],
        _ => &[],
    }
}

/// `Max-Age`: an optional `-` and digits, else ignored; saturating.
fn parse_max_age(value: &[u8]) -> Option<i64> {
    let (negative, digits) = match value.strip_prefix(b"-") {
        Some(rest) => (true, rest),
        None => (false, value),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let magnitude = digits.iter().fold(0i64, |n, &d| {
        n.saturating_mul(10).saturating_add(i64::from(d - b'0'))
    });
    Some(if negative { -magnitude } else { magnitude })
}

/// "parse a date" (the cookie-date grammar): seconds since the Unix epoch, or `None` on failure.
pub(crate) fn parse_date(input: &[u8]) -> Option<i64> {
    let delimiter =
        |b: u8| matches!(b, 0x09 | 0x20..=0x2F | 0x3B..=0x40 | 0x5B..=0x60 | 0x7B..=0x7E);
    let (mut time, mut day, mut month, mut year) = (None, None, None, None);
    for token in input.split(|&b| delimiter(b)).filter(|t| !t.is_empty()) {
        if time.is_none()
            && let Some(found) = parse_time(token)
        {
            time = Some(found);
        } else if day.is_none()
            && let Some(found) = leading_digits(token, 1, 2)
        {
            day = Some(found);
        } else if month.is_none()
            && let Some(found) = parse_month(token)
        {
            month = Some(found);
        } else if year.is_none()
            && let Some(found) = leading_digits(token, 2, 4)
        {
            year = Some(found);
        }
    }
    let (hour, minute, second) = time?;
    let (day, month, mut year) = (day?, month?, year?);
    if (70..=99).contains(&year) {
        year += 1900;
    } else if year <= 69 {
        year += 2000;
    }
    if !(1..=31).contains(&day) || year < 1601 || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let days_in_month = match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day > days_in_month {
        return None;
    }
    let days = days_from_civil(i64::from(year), i64::from(month), i64::from(day));
    Some(days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second))
}

/// `1*2DIGIT`-style: `min` to `max` digits, then nothing or a non-digit and anything.
fn leading_digits(token: &[u8], min: usize, max: usize) -> Option<u32> {
    let count = token.iter().take_while(|b| b.is_ascii_digit()).count();
    if count < min || count > max {
        return None;
    }
    Some(
        token[..count]
            .iter()
            .fold(0, |n, &d| n * 10 + u32::from(d - b'0')),
    )
}

/// `hms-time`: three 1-2 digit fields separated by `:`, then nothing or a non-digit and anything.
fn parse_time(token: &[u8]) -> Option<(u32, u32, u32)> {
    let mut fields = [0u32; 3];
    let mut rest = token;
    for (i, field) in fields.iter_mut().enumerate() {
        let count = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if !(1..=2).contains(&count) {
            return None;
        }
        *field = rest[..count]
            .iter()
            .fold(0, |n, &d| n * 10 + u32::from(d - b'0'));
        rest = &rest[count..];
        if i < 2 {
            rest = rest.strip_prefix(b":")?;
        }
    }
    if rest.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some((fields[0], fields[1], fields[2]))
}

/// `month`: a month's three-letter name, case-insensitively, then anything.
fn parse_month(token: &[u8]) -> Option<u32> {
    const MONTHS: [&[u8; 3]; 12] = [
        b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov",
        b"dec",
    ];
    let prefix = token.get(..3)?;
    MONTHS
        .iter()
        .position(|month| prefix.eq_ignore_ascii_case(*month))
        .map(|i| i as u32 + 1)
}

/// Days from 1970-01-01 to the given proleptic Gregorian date.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_values_and_attributes() {
        let cookie = parse(b" sid = a b ; Secure; HttpOnly; SameSite=lax; Path=/x; Domain=.Ex.com; Partitioned; Unknown=1").unwrap();
        assert_eq!(
            (cookie.name.as_slice(), cookie.value.as_slice()),
            (&b"sid"[..], &b"a b"[..])
        );
        assert!(cookie.secure && cookie.http_only && cookie.partitioned);
        assert_eq!(cookie.same_site, SameSite::Lax);
        assert_eq!(cookie.path.as_deref(), Some("/x"));
        assert_eq!(cookie.domain.as_deref(), Some("Ex.com"));
        let nameless = parse(b"abc; Path=relative").unwrap();
        assert_eq!(
            (nameless.name.as_slice(), nameless.value.as_slice()),
            (&b""[..], &b"abc"[..])
        );
        assert_eq!(nameless.path, None);
        assert_eq!(parse(b"=; Secure"), None);
        assert_eq!(parse(b"a=\x01"), None);
        assert_eq!(parse(&[b'a'; 4097]), None);
        assert_eq!(
            parse(b"a=1; SameSite=bogus").unwrap().same_site,
            SameSite::Unset
        );
    }

    #[test]
    fn max_age_and_expires() {
        let cookie = parse(b"a=1; Max-Age=2; Expires=Fri, 01 Jan 2100 00:00:00 GMT").unwrap();
        assert_eq!(cookie.max_age, Some(2));
        assert_eq!(cookie.expires, Some(4_102_444_800));
        assert!(cookie.expires_last);
        assert_eq!(parse(b"a=1; Max-Age=-5").unwrap().max_age, Some(-5));
        assert_eq!(parse(b"a=1; Max-Age=2x").unwrap().max_age, None);
        assert_eq!(parse(b"a=1; Max-Age=+2").unwrap().max_age, None);
    }

    #[test]
    fn cookie_dates() {
        assert_eq!(
            parse_date(b"Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(
            parse_date(b"Sunday, 06-Nov-94 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(parse_date(b"Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(parse_date(b"Wed, 29 Feb 2023 00:00:00 GMT"), None);
        assert_eq!(parse_date(b"06 Nov 1994"), None);
        assert_eq!(parse_date(b"06 Nov 1994 24:00:00"), None);
    }
}
